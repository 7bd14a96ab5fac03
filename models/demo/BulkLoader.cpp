#include "demo/BulkLoader.h"

#include "demo/PopulationSimulator.h"
#include "demo/ReferenceData.h"

#include <sqlite3.h>

#include <cstring>
#include <iterator>

namespace telcodesk::demo {

namespace {

// Text is bound in place (SQLITE_STATIC): every buffer outlives the sqlite3_step that reads it.
inline void bindText(sqlite3_stmt* s, int i, const std::string& v)
{
    sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_STATIC);
}
inline void bindLiteral(sqlite3_stmt* s, int i, const char* v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}
inline void bindId(sqlite3_stmt* s, int i, const RowId& id)
{
    sqlite3_bind_text(s, i, id.text, int(sizeof id.text), SQLITE_STATIC);
}
inline void bindInt(sqlite3_stmt* s, int i, qint64 v) { sqlite3_bind_int64(s, i, v); }

Error sqliteError(sqlite3* db, const QString& what)
{
    return Error{QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db))), QStringLiteral("io")};
}

// ---- Virtual-table columns: text served in place; an empty optional text, a null pointer or a zero
// optional number is SQL NULL ----

inline void resultText(sqlite3_context* c, const std::string& v)
{
    sqlite3_result_text(c, v.data(), int(v.size()), SQLITE_STATIC);
}
inline void resultOptionalText(sqlite3_context* c, const std::string& v)
{
    if (v.empty())
        sqlite3_result_null(c);
    else
        resultText(c, v);
}
inline void resultLiteral(sqlite3_context* c, const char* v)
{
    if (v)
        sqlite3_result_text(c, v, -1, SQLITE_STATIC);
    else
        sqlite3_result_null(c);
}
inline void resultId(sqlite3_context* c, const RowId& id)
{
    sqlite3_result_text(c, id.text, int(sizeof id.text), SQLITE_STATIC);
}
inline void resultOptionalId(sqlite3_context* c, const RowId* id)
{
    if (id)
        resultId(c, *id);
    else
        sqlite3_result_null(c);
}
inline void resultInt(sqlite3_context* c, qint64 v) { sqlite3_result_int64(c, v); }
inline void resultOptionalInt(sqlite3_context* c, qint64 v)
{
    if (v)
        sqlite3_result_int64(c, v);
    else
        sqlite3_result_null(c);
}

void customerColumn(sqlite3_context* x, const CustomerRow& c, int column)
{
    switch (column) {
    case 0: resultId(x, c.id); break;
    case 1: resultText(x, c.accountNo); break;
    case 2: resultText(x, c.name); break;
    case 3: resultText(x, c.nameNorm); break;
    case 4: resultOptionalText(x, c.nameAlt); break;
    case 5: resultLiteral(x, c.type); break;
    case 6: resultLiteral(x, c.gender); break;
    case 7: resultOptionalText(x, c.birthDate); break;
    case 8: resultLiteral(x, c.idType); break;
    case 9: resultOptionalText(x, c.idNumber); break;
    case 10: resultLiteral(x, c.regionCode); break;
    case 11: resultLiteral(x, c.city); break;
    case 12: resultOptionalText(x, c.address); break;
    case 13: resultLiteral(x, c.segment); break;
    case 14: resultLiteral(x, c.tier); break;
    case 15: resultOptionalText(x, c.tenureStart); break;
    case 16: resultLiteral(x, c.status); break;
    case 17: resultOptionalId(x, c.accountManager); break;
    case 18: resultInt(x, c.consentMarketing ? 1 : 0); break;
    case 19: resultInt(x, c.consentDataUse ? 1 : 0); break;
    case 20: resultText(x, c.tags); break;
    case 21: resultOptionalText(x, c.primaryMsisdn); break;
    case 22: resultOptionalId(x, c.hasParent ? &c.parentId : nullptr); break;
    case 23: resultLiteral(x, c.memberRole); break;
    case 24: resultOptionalText(x, c.contactRaw); break;
    case 25: resultLiteral(x, c.sourceSystem); break;
    case 26: resultOptionalInt(x, c.updatedAt); break;
    }
}

void subscriptionColumn(sqlite3_context* x, const SubscriptionRow& r, int column)
{
    switch (column) {
    case 0: resultId(x, r.id); break;
    case 1: resultId(x, r.customerId); break;
    case 2: resultLiteral(x, r.service); break;
    case 3: resultText(x, r.number); break;
    case 4: resultText(x, r.digits); break;
    case 5: resultText(x, r.reversed); break;
    case 6: resultOptionalId(x, r.planId); break;
    case 7: resultOptionalText(x, r.userName); break;
    case 8: resultText(x, r.startDate); break;
    case 9: resultOptionalText(x, r.contractEnd); break;
    case 10: resultLiteral(x, r.status); break;
    case 11: resultOptionalInt(x, r.updatedAt); break;
    }
}

void addonColumn(sqlite3_context* x, const AddonRow& r, int column)
{
    switch (column) {
    case 0: resultId(x, r.id); break;
    case 1: resultId(x, r.subscriptionId); break;
    case 2: resultOptionalId(x, r.planId); break;
    case 3: resultText(x, r.startDate); break;
    case 4: resultOptionalText(x, r.endDate); break;
    case 5: resultOptionalInt(x, r.updatedAt); break;
    }
}

void usageColumn(sqlite3_context* x, const UsageRow& r, int column)
{
    switch (column) {
    case 0: resultId(x, r.subscriptionId); break;
    case 1: resultInt(x, r.month); break;
    case 2: resultId(x, r.id); break;
    case 3: resultInt(x, r.voiceMin); break;
    case 4: resultInt(x, r.dataMb); break;
    case 5: resultInt(x, r.sms); break;
    case 6: resultInt(x, r.spendFen); break;
    case 7: resultInt(x, r.appLogins); break;
    case 8: resultInt(x, r.roamingMb); break;
    }
}

void billColumn(sqlite3_context* x, const BillRow& r, int column)
{
    switch (column) {
    case 0: resultId(x, r.customerId); break;
    case 1: resultInt(x, r.month); break;
    case 2: resultId(x, r.id); break;
    case 3: resultInt(x, r.amountFen); break;
    case 4: resultText(x, r.dueDate); break;
    case 5: resultInt(x, r.paidFen); break;
    case 6: resultOptionalInt(x, r.paidAt); break;
    case 7: resultLiteral(x, r.payMethod); break;
    case 8: resultLiteral(x, r.status); break;
    }
}

void interactionColumn(sqlite3_context* x, const InteractionRow& r, int column)
{
    switch (column) {
    case 0: resultId(x, r.id); break;
    case 1: resultId(x, r.customerId); break;
    case 2: resultOptionalId(x, r.hasSubscription ? &r.subscriptionId : nullptr); break;
    case 3: resultLiteral(x, r.channel); break;
    case 4: resultLiteral(x, r.kind); break;
    case 5: resultLiteral(x, r.direction); break;
    case 6: resultInt(x, r.occurredAt); break;
    case 7: resultOptionalId(x, r.agentId); break;
    case 8: resultText(x, r.summary); break;
    case 9: resultOptionalId(x, r.hasTicket ? &r.ticketId : nullptr); break;
    }
}

void ticketColumn(sqlite3_context* x, const TicketRow& r, int column)
{
    switch (column) {
    case 0: resultId(x, r.id); break;
    case 1: resultText(x, r.ticketNo); break;
    case 2: resultId(x, r.customerId); break;
    case 3: resultOptionalId(x, r.hasSubscription ? &r.subscriptionId : nullptr); break;
    case 4: resultLiteral(x, r.kind); break;
    case 5: resultInt(x, r.priority); break;
    case 6: resultLiteral(x, r.status); break;
    case 7: resultLiteral(x, r.queue); break;
    case 8: resultOptionalId(x, r.assigneeId); break;
    case 9: resultLiteral(x, r.channel); break;
    case 10: resultText(x, r.title); break;
    case 11: resultText(x, r.description); break;
    case 12: resultOptionalText(x, r.resolution); break;
    case 13: resultOptionalInt(x, r.csat); break;
    case 14: resultInt(x, r.createdAt); break;
    case 15: resultOptionalInt(x, r.firstResponseDue); break;
    case 16: resultOptionalInt(x, r.resolutionDue); break;
    case 17: resultOptionalInt(x, r.firstRespondedAt); break;
    case 18: resultOptionalInt(x, r.resolvedAt); break;
    case 19: resultOptionalInt(x, r.closedAt); break;
    case 20: resultOptionalInt(x, r.updatedAt); break;
    }
}

void ticketEventColumn(sqlite3_context* x, const TicketEventRow& r, int column)
{
    switch (column) {
    case 0: resultId(x, r.id); break;
    case 1: resultId(x, r.ticketId); break;
    case 2: resultLiteral(x, r.kind); break;
    case 3: resultInt(x, r.at); break;
    case 4: resultOptionalId(x, r.agentId); break;
    case 5: resultOptionalText(x, r.body); break;
    case 6: resultLiteral(x, r.fromStatus); break;
    case 7: resultLiteral(x, r.toStatus); break;
    }
}

void noteColumn(sqlite3_context* x, const NoteRow& r, int column)
{
    switch (column) {
    case 0: resultId(x, r.id); break;
    case 1: resultId(x, r.customerId); break;
    case 2: resultOptionalId(x, r.authorId); break;
    case 3: resultInt(x, r.createdAt); break;
    case 4: resultText(x, r.body); break;
    }
}

void truthColumn(sqlite3_context* x, const TruthRow& r, int column)
{
    switch (column) {
    case 0: resultId(x, r.customerId); break;
    case 1: resultInt(x, r.churnPlanted ? 1 : 0); break;
    case 2: resultOptionalInt(x, r.churnMonth); break;
    case 3: resultOptionalId(x, r.duplicate ? &r.duplicateOf : nullptr); break;
    }
}

template<typename Row, void (*Column)(sqlite3_context*, const Row&, int)>
void columnOf(sqlite3_context* context, const void* rows, std::size_t index, int column)
{
    Column(context, (*static_cast<const std::vector<Row>*>(rows))[index], column);
}

} // namespace

/// One table's rows as an eponymous virtual table: `SELECT * FROM <name>` yields the rows of the
/// vector set in `rows`, in order, reading the strings in place.
struct RowSource
{
    const char* table;
    const char* name;    ///< the virtual table's name
    const char* columns; ///< column list, in the order column() serves them
    void (*column)(sqlite3_context*, const void* rows, std::size_t index, int column);
    const void* rows = nullptr;
    std::size_t count = 0;
    sqlite3_stmt* insert = nullptr;
};

namespace {

struct SourceTable
{
    sqlite3_vtab base;
    RowSource* source;
};

struct SourceCursor
{
    sqlite3_vtab_cursor base;
    RowSource* source;
    std::size_t index;
};

int sourceConnect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**)
{
    RowSource* source = static_cast<RowSource*>(aux);
    const QByteArray schema = QByteArray("CREATE TABLE x(") + source->columns + ')';
    if (const int rc = sqlite3_declare_vtab(db, schema.constData()); rc != SQLITE_OK)
        return rc;
    auto* table = static_cast<SourceTable*>(sqlite3_malloc(sizeof(SourceTable)));
    if (!table)
        return SQLITE_NOMEM;
    std::memset(table, 0, sizeof(SourceTable));
    table->source = source;
    *out = &table->base;
    return SQLITE_OK;
}

int sourceDisconnect(sqlite3_vtab* table)
{
    sqlite3_free(table);
    return SQLITE_OK;
}

int sourceBestIndex(sqlite3_vtab*, sqlite3_index_info* info)
{
    info->estimatedCost = 1e6;
    return SQLITE_OK;
}

int sourceOpen(sqlite3_vtab* table, sqlite3_vtab_cursor** out)
{
    auto* cursor = static_cast<SourceCursor*>(sqlite3_malloc(sizeof(SourceCursor)));
    if (!cursor)
        return SQLITE_NOMEM;
    std::memset(cursor, 0, sizeof(SourceCursor));
    cursor->source = reinterpret_cast<SourceTable*>(table)->source;
    *out = &cursor->base;
    return SQLITE_OK;
}

int sourceClose(sqlite3_vtab_cursor* cursor)
{
    sqlite3_free(cursor);
    return SQLITE_OK;
}

int sourceFilter(sqlite3_vtab_cursor* cursor, int, const char*, int, sqlite3_value**)
{
    reinterpret_cast<SourceCursor*>(cursor)->index = 0;
    return SQLITE_OK;
}

int sourceNext(sqlite3_vtab_cursor* cursor)
{
    ++reinterpret_cast<SourceCursor*>(cursor)->index;
    return SQLITE_OK;
}

int sourceEof(sqlite3_vtab_cursor* cursor)
{
    const auto* c = reinterpret_cast<SourceCursor*>(cursor);
    return c->index >= c->source->count ? 1 : 0;
}

int sourceColumn(sqlite3_vtab_cursor* cursor, sqlite3_context* context, int column)
{
    const auto* c = reinterpret_cast<SourceCursor*>(cursor);
    c->source->column(context, c->source->rows, c->index, column);
    return SQLITE_OK;
}

int sourceRowid(sqlite3_vtab_cursor* cursor, sqlite3_int64* rowid)
{
    *rowid = sqlite3_int64(reinterpret_cast<SourceCursor*>(cursor)->index);
    return SQLITE_OK;
}

sqlite3_module makeSourceModule()
{
    sqlite3_module m;
    std::memset(&m, 0, sizeof m);
    m.iVersion = 1;
    m.xCreate = nullptr; // eponymous only: usable by name without CREATE VIRTUAL TABLE
    m.xConnect = sourceConnect;
    m.xBestIndex = sourceBestIndex;
    m.xDisconnect = sourceDisconnect;
    m.xOpen = sourceOpen;
    m.xClose = sourceClose;
    m.xFilter = sourceFilter;
    m.xNext = sourceNext;
    m.xEof = sourceEof;
    m.xColumn = sourceColumn;
    m.xRowid = sourceRowid;
    return m;
}

const sqlite3_module kSourceModule = makeSourceModule();

} // namespace

BulkLoader::BulkLoader(sqlite3* db)
    : m_db(db)
{
}

BulkLoader::~BulkLoader()
{
    for (sqlite3_stmt* s : {m_region, m_agent, m_plan, m_meta})
        sqlite3_finalize(s);
    for (const std::unique_ptr<RowSource>& source : m_sources) {
        sqlite3_finalize(source->insert);
        // Unregisters the module: the connection lives on without it.
        sqlite3_create_module_v2(m_db, source->name, nullptr, nullptr, nullptr);
    }
}

Status BulkLoader::prepare()
{
    const struct
    {
        sqlite3_stmt** statement;
        const char* sql;
    } statements[] = {
        {&m_region, "INSERT INTO region(code, province_zh, city_zh, province_en, city_en) VALUES(?,?,?,?,?)"},
        {&m_agent, "INSERT INTO agent(id, login, display_name, role, region_code, team, skills) VALUES(?,?,?,?,?,?,?)"},
        {&m_plan, "INSERT INTO plan(id, code, name_zh, name_en, service, kind, monthly_fee_fen, data_mb, voice_min, "
                  "sms, speed_mbps, contract_months, eligibility, lifecycle) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
        {&m_meta, "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"},
    };
    for (const auto& s : statements) {
        if (sqlite3_prepare_v3(m_db, s.sql, -1, SQLITE_PREPARE_PERSISTENT, s.statement, nullptr) != SQLITE_OK)
            return sqliteError(m_db, QStringLiteral("Cannot prepare \"%1\"").arg(QString::fromUtf8(s.sql)));
    }

    const RowSource sources[] = {
        {"customer", "telcodesk_demo_customer",
         "id, account_no, name, name_norm, name_alt, type, gender, birth_date, id_type, id_number, region_code, city, "
         "address, segment, tier, tenure_start, status, account_manager_id, consent_marketing, consent_data_use, tags, "
         "primary_msisdn, parent_id, member_role, contact_raw, source_system, updated_at",
         &columnOf<CustomerRow, customerColumn>},
        {"subscription", "telcodesk_demo_subscription",
         "id, customer_id, service, number, number_digits, number_rev, plan_id, user_name, start_date, contract_end, "
         "status, updated_at",
         &columnOf<SubscriptionRow, subscriptionColumn>},
        {"subscription_addon", "telcodesk_demo_addon", "id, subscription_id, plan_id, start_date, end_date, updated_at",
         &columnOf<AddonRow, addonColumn>},
        {"usage_month", "telcodesk_demo_usage",
         "subscription_id, month, id, voice_min, data_mb, sms, spend_fen, app_logins, roaming_mb",
         &columnOf<UsageRow, usageColumn>},
        {"bill", "telcodesk_demo_bill", "customer_id, month, id, amount_fen, due_date, paid_fen, paid_at, pay_method, status",
         &columnOf<BillRow, billColumn>},
        {"interaction", "telcodesk_demo_interaction",
         "id, customer_id, subscription_id, channel, kind, direction, occurred_at, agent_id, summary, ticket_id",
         &columnOf<InteractionRow, interactionColumn>},
        {"ticket", "telcodesk_demo_ticket",
         "id, ticket_no, customer_id, subscription_id, kind, priority, status, queue, assignee_id, channel, title, "
         "description, resolution, csat, created_at, first_response_due, resolution_due, first_responded_at, "
         "resolved_at, closed_at, updated_at",
         &columnOf<TicketRow, ticketColumn>},
        {"ticket_event", "telcodesk_demo_ticket_event", "id, ticket_id, kind, at, agent_id, body, from_status, to_status",
         &columnOf<TicketEventRow, ticketEventColumn>},
        {"customer_note", "telcodesk_demo_note", "id, customer_id, author_id, created_at, body",
         &columnOf<NoteRow, noteColumn>},
        {"demo_truth", "telcodesk_demo_truth", "customer_id, churn_planted, churn_month, duplicate_of",
         &columnOf<TruthRow, truthColumn>},
    };
    for (const RowSource& s : sources) {
        m_sources.push_back(std::make_unique<RowSource>(s));
        RowSource* source = m_sources.back().get();
        if (sqlite3_create_module_v2(m_db, source->name, &kSourceModule, source, nullptr) != SQLITE_OK)
            return sqliteError(m_db, QStringLiteral("Cannot register %1").arg(QLatin1String(source->name)));
        const QByteArray sql = QByteArray("INSERT INTO ") + source->table + '(' + source->columns + ") SELECT "
            + source->columns + " FROM " + source->name;
        if (sqlite3_prepare_v3(m_db, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &source->insert,
                               nullptr)
            != SQLITE_OK)
            return sqliteError(m_db, QStringLiteral("Cannot prepare \"%1\"").arg(QString::fromUtf8(sql)));
    }
    return Status::success();
}

Status BulkLoader::step(sqlite3_stmt* statement, const char* table)
{
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (rc != SQLITE_DONE)
        return sqliteError(m_db, QStringLiteral("Cannot insert into %1").arg(QLatin1String(table)));
    return Status::success();
}

Status BulkLoader::writeReference(const PopulationSimulator& simulator)
{
    for (const RegionRow& r : simulator.regions()) {
        sqlite3_stmt* s = m_region;
        bindLiteral(s, 1, r.code);
        bindLiteral(s, 2, r.provinceZh);
        bindLiteral(s, 3, r.cityZh);
        bindLiteral(s, 4, r.provinceEn);
        bindLiteral(s, 5, r.cityEn);
        if (Status st = step(s, "region"); !st)
            return st;
    }
    for (const AgentRow& a : simulator.agents()) {
        sqlite3_stmt* s = m_agent;
        bindId(s, 1, a.id);
        bindText(s, 2, a.login);
        bindText(s, 3, a.displayName);
        bindLiteral(s, 4, a.role);
        bindLiteral(s, 5, a.regionCode);
        bindLiteral(s, 6, a.team);
        bindLiteral(s, 7, a.skills);
        if (Status st = step(s, "agent"); !st)
            return st;
    }
    const Table<PlanSpec> catalog = planCatalog();
    for (const PlanRow& p : simulator.plans()) {
        const PlanSpec& spec = catalog[std::size_t(p.catalogIndex)];
        sqlite3_stmt* s = m_plan;
        bindId(s, 1, p.id);
        bindLiteral(s, 2, spec.code);
        bindLiteral(s, 3, spec.nameZh);
        bindLiteral(s, 4, spec.nameEn);
        bindLiteral(s, 5, spec.service);
        bindLiteral(s, 6, spec.kind);
        bindInt(s, 7, spec.feeFen);
        bindInt(s, 8, spec.dataMb);
        bindInt(s, 9, spec.voiceMin);
        bindInt(s, 10, spec.sms);
        bindInt(s, 11, spec.speedMbps);
        bindInt(s, 12, spec.contractMonths);
        bindLiteral(s, 13, spec.eligibility);
        bindLiteral(s, 14, spec.lifecycle);
        if (Status st = step(s, "plan"); !st)
            return st;
    }
    return Status::success();
}

Status BulkLoader::insertAll(RowSource& source, const void* rows, std::size_t count)
{
    if (count == 0)
        return Status::success();
    source.rows = rows;
    source.count = count;
    const Status st = step(source.insert, source.table);
    source.rows = nullptr;
    source.count = 0;
    return st;
}

Status BulkLoader::write(const Chunk& chunk)
{
    // In the order of m_sources.
    const std::pair<const void*, std::size_t> tables[] = {
        {&chunk.customers, chunk.customers.size()},       {&chunk.subscriptions, chunk.subscriptions.size()},
        {&chunk.addons, chunk.addons.size()},             {&chunk.usage, chunk.usage.size()},
        {&chunk.bills, chunk.bills.size()},               {&chunk.interactions, chunk.interactions.size()},
        {&chunk.tickets, chunk.tickets.size()},           {&chunk.ticketEvents, chunk.ticketEvents.size()},
        {&chunk.notes, chunk.notes.size()},               {&chunk.truth, chunk.truth.size()},
    };
    for (std::size_t i = 0; i < std::size(tables); ++i) {
        if (Status st = insertAll(*m_sources[i], tables[i].first, tables[i].second); !st)
            return st;
    }
    return Status::success();
}

Status BulkLoader::writeMeta(const char* key, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_meta, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(m_meta, 2, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    return step(m_meta, "meta");
}

Status BulkLoader::exec(sqlite3* db, const QString& sql)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : sqlite3_errmsg(db));
        sqlite3_free(message);
        return Error{QStringLiteral("%1: %2").arg(sql.left(120), text), QStringLiteral("io")};
    }
    return Status::success();
}

Result<QString> BulkLoader::queryText(sqlite3* db, const QString& sql)
{
    sqlite3_stmt* statement = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &statement, nullptr) != SQLITE_OK)
        return sqliteError(db, sql.left(120));
    QString value;
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(statement, 0);
        value = text ? QString::fromUtf8(reinterpret_cast<const char*>(text)) : QString();
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sqliteError(db, sql.left(120));
    return value;
}

} // namespace telcodesk::demo
