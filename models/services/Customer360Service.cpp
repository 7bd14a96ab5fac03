#include "services/Customer360Service.h"

#include "common/Logging.h"
#include "domain/IdNumber.h"
#include "domain/PhoneNumber.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

namespace {

QDate dateOf(const QVariant& v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

QDateTime timeOf(const QVariant& v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

const char* const kCustomerColumns =
    "id, account_no, name, type, gender, birth_date, id_type, id_number, region_code, city, address, segment, "
    "tier, tenure_start, status, account_manager_id, consent_marketing, consent_data_use, tags, primary_msisdn, "
    "parent_id, member_role, source_system, row_version";

Customer customerFrom(const QSqlQuery& q)
{
    Customer c;
    c.id = q.value(0).toString();
    c.accountNo = q.value(1).toString();
    c.name = q.value(2).toString();
    c.type = q.value(3).toString();
    c.gender = q.value(4).toString();
    c.birthDate = dateOf(q.value(5));
    c.idType = q.value(6).toString();
    c.idNumber = q.value(7).toString();
    c.regionCode = q.value(8).toString();
    c.city = q.value(9).toString();
    c.address = q.value(10).toString();
    c.segment = q.value(11).toString();
    c.tier = q.value(12).toString();
    c.tenureStart = dateOf(q.value(13));
    c.status = q.value(14).toString();
    c.accountManagerId = q.value(15).toString();
    c.consentMarketing = q.value(16).toBool();
    c.consentDataUse = q.value(17).toBool();
    const QString tags = q.value(18).toString();
    c.tags = tags.isEmpty() ? QStringList() : tags.split(QLatin1Char(','), Qt::SkipEmptyParts);
    c.primaryMsisdn = q.value(19).toString();
    c.parentId = q.value(20).toString();
    c.memberRole = q.value(21).toString();
    c.sourceSystem = q.value(22).toString();
    c.rowVersion = q.value(23).toLongLong();
    return c;
}

const char* const kPlanColumns =
    "p.id, p.code, p.name_zh, p.name_en, p.service, p.kind, p.monthly_fee_fen, p.data_mb, p.voice_min, p.sms, "
    "p.speed_mbps, p.contract_months, p.lifecycle";

Plan planFrom(const QSqlQuery& q, int first)
{
    Plan p;
    p.id = q.value(first + 0).toString();
    p.code = q.value(first + 1).toString();
    p.nameZh = q.value(first + 2).toString();
    p.nameEn = q.value(first + 3).toString();
    p.service = q.value(first + 4).toString();
    p.kind = q.value(first + 5).toString();
    p.monthlyFeeFen = q.value(first + 6).toLongLong();
    p.dataMb = q.value(first + 7).toLongLong();
    p.voiceMin = q.value(first + 8).toLongLong();
    p.sms = q.value(first + 9).toLongLong();
    p.speedMbps = q.value(first + 10).toInt();
    p.contractMonths = q.value(first + 11).toInt();
    p.lifecycle = q.value(first + 12).toString();
    return p;
}

} // namespace

Customer360Service::Customer360Service(LocalStorePtr store)
    : m_store(std::move(store))
{
}

Customer360Service::~Customer360Service() = default;

QSqlQuery* Customer360Service::exec(const QString& sql, const QVariantList& binds) const
{
    // Statements are prepared once per service and reused: preparing costs more than running these
    // indexed lookups. finish() releases the previous run's read transaction before the next.
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto prepared = std::make_unique<QSqlQuery>(m_store->connection());
        prepared->setForwardOnly(true);
        if (!prepared->prepare(sql)) {
            qCWarning(lcServices) << "prepare failed" << prepared->lastError().text() << sql;
            return nullptr;
        }
        it = m_statements.emplace(sql, std::move(prepared)).first;
    }
    QSqlQuery* q = it->second.get();
    q->finish();
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, binds.at(i));
    if (!q->exec()) {
        qCWarning(lcServices) << "query failed" << q->lastError().text() << sql;
        return nullptr;
    }
    return q;
}

Result<QString> Customer360Service::customerIdByNumber(const QString& number) const
{
    const QString e164 = PhoneNumber::toE164(number);
    if (e164.isEmpty())
        return Error{QObject::tr("\"%1\" is not a valid phone number.").arg(number.left(40)), QStringLiteral("invalid")};
    QSqlQuery* q = nullptr;
    // Prefer the record whose active line this is; a closed line of a merged duplicate comes after.
    if ((q = exec(QStringLiteral("SELECT s.customer_id FROM subscription s JOIN customer c ON c.id = s.customer_id "
                           "WHERE s.number_digits = ? AND s.deleted_at IS NULL AND c.deleted_at IS NULL "
                           "ORDER BY s.status != 'active', c.parent_id IS NOT NULL LIMIT 1"),
            {PhoneNumber::nationalDigits(e164)}))
        && q->next())
        return q->value(0).toString();
    return Error{QObject::tr("No customer holds the number %1.").arg(e164), QStringLiteral("not_found")};
}

Result<Customer360> Customer360Service::load(const QString& customerId) const
{
    QSqlQuery* q = nullptr;
    Customer360 v;

    if (!(q = exec(QStringLiteral("SELECT %1 FROM customer WHERE id = ? AND deleted_at IS NULL").arg(QLatin1String(kCustomerColumns)),
             {customerId}))
        || !q->next())
        return Error{QObject::tr("The customer %1 was not found.").arg(customerId.left(40)), QStringLiteral("not_found")};
    v.customer = customerFrom(*q);
    const Customer& c = v.customer;

    if ((q = exec(QStringLiteral("SELECT province_zh, city_zh, province_en, city_en FROM region WHERE code = ?"),
            {c.regionCode}))
        && q->next()) {
        v.regionName = q->value(0).toString() + QLatin1Char(' ') + q->value(1).toString();
        v.regionNameEn = q->value(2).toString() + QLatin1Char(' ') + q->value(3).toString();
    }
    if (!c.accountManagerId.isEmpty()
        && (q = exec(QStringLiteral("SELECT display_name FROM agent WHERE id = ?"), {c.accountManagerId})) && q->next())
        v.accountManagerName = q->value(0).toString();

    // Lines and their plans.
    QHash<QString, int> subscriptionIndex;
    if ((q = exec(QStringLiteral("SELECT s.id, s.service, s.number, s.user_name, s.start_date, s.contract_end, s.status, %1 "
                           "FROM subscription s LEFT JOIN plan p ON p.id = s.plan_id "
                           "WHERE s.customer_id = ? AND s.deleted_at IS NULL "
                           "ORDER BY s.status != 'active', s.service != 'mobile', s.start_date")
                .arg(QLatin1String(kPlanColumns)),
            {c.id}))) {
        while (q->next()) {
            Subscription s;
            s.id = q->value(0).toString();
            s.customerId = c.id;
            s.service = q->value(1).toString();
            s.number = q->value(2).toString();
            s.userName = q->value(3).toString();
            s.startDate = dateOf(q->value(4));
            s.contractEnd = dateOf(q->value(5));
            s.status = q->value(6).toString();
            s.plan = planFrom(*q, 7);
            subscriptionIndex.insert(s.id, v.subscriptions.size());
            v.subscriptions.push_back(std::move(s));
        }
    }
    if (!v.subscriptions.isEmpty()
        && (q = exec(QStringLiteral("SELECT a.subscription_id, %1 FROM subscription s "
                              "JOIN subscription_addon a ON a.subscription_id = s.id "
                              "JOIN plan p ON p.id = a.plan_id "
                              "WHERE s.customer_id = ? AND a.deleted_at IS NULL AND a.end_date IS NULL")
                   .arg(QLatin1String(kPlanColumns)),
               {c.id}))) {
        while (q->next()) {
            const int index = subscriptionIndex.value(q->value(0).toString(), -1);
            if (index >= 0)
                v.subscriptions[index].addons.push_back(planFrom(*q, 1));
        }
    }

    // Usage of the last months, summed over the customer's lines per month.
    if (!v.subscriptions.isEmpty()
        && (q = exec(QStringLiteral("SELECT u.month, sum(u.voice_min), sum(u.data_mb), sum(u.sms), sum(u.spend_fen), "
                              "sum(u.app_logins), sum(u.roaming_mb) FROM subscription s "
                              "JOIN usage_month u ON u.subscription_id = s.id "
                              "WHERE s.customer_id = ? AND s.deleted_at IS NULL AND u.deleted_at IS NULL "
                              "GROUP BY u.month ORDER BY u.month DESC LIMIT ?"),
               {c.id, kUsageMonths}))) {
        while (q->next()) {
            UsageMonth u;
            u.month = q->value(0).toInt();
            u.voiceMin = q->value(1).toLongLong();
            u.dataMb = q->value(2).toLongLong();
            u.sms = q->value(3).toLongLong();
            u.spendFen = q->value(4).toLongLong();
            u.appLogins = q->value(5).toInt();
            u.roamingMb = q->value(6).toLongLong();
            v.usage.prepend(u);
        }
    }

    if ((q = exec(QStringLiteral("SELECT id, month, amount_fen, due_date, paid_fen, paid_at, pay_method, status FROM bill "
                           "WHERE customer_id = ? AND deleted_at IS NULL ORDER BY month DESC LIMIT ?"),
            {c.id, kBillMonths}))) {
        while (q->next()) {
            Bill b;
            b.id = q->value(0).toString();
            b.customerId = c.id;
            b.month = q->value(1).toInt();
            b.amountFen = q->value(2).toLongLong();
            b.dueDate = dateOf(q->value(3));
            b.paidFen = q->value(4).toLongLong();
            b.paidAt = timeOf(q->value(5));
            b.payMethod = q->value(6).toString();
            b.status = q->value(7).toString();
            v.bills.push_back(std::move(b));
        }
    }

    if ((q = exec(QStringLiteral("SELECT i.id, i.subscription_id, i.channel, i.kind, i.direction, i.occurred_at, i.agent_id, "
                           "a.display_name, i.summary, i.ticket_id FROM interaction i "
                           "LEFT JOIN agent a ON a.id = i.agent_id "
                           "WHERE i.customer_id = ? AND i.deleted_at IS NULL ORDER BY i.occurred_at DESC LIMIT ?"),
            {c.id, kMaxInteractions}))) {
        while (q->next()) {
            Interaction i;
            i.id = q->value(0).toString();
            i.customerId = c.id;
            i.subscriptionId = q->value(1).toString();
            i.channel = q->value(2).toString();
            i.kind = q->value(3).toString();
            i.direction = q->value(4).toString();
            i.occurredAt = timeOf(q->value(5));
            i.agentId = q->value(6).toString();
            i.agentName = q->value(7).toString();
            i.summary = q->value(8).toString();
            i.ticketId = q->value(9).toString();
            v.interactions.push_back(std::move(i));
        }
    }

    if ((q = exec(QStringLiteral("SELECT id, ticket_no, subscription_id, kind, priority, status, queue, assignee_id, channel, "
                           "title, description, resolution, csat, created_at, resolution_due, resolved_at, closed_at "
                           "FROM ticket WHERE customer_id = ? AND deleted_at IS NULL "
                           "ORDER BY status IN ('resolved','handled','callback','closed','cancelled'), created_at DESC"),
            {c.id}))) {
        while (q->next()) {
            Ticket t;
            t.id = q->value(0).toString();
            t.ticketNo = q->value(1).toString();
            t.customerId = c.id;
            t.subscriptionId = q->value(2).toString();
            t.kind = q->value(3).toString();
            t.priority = q->value(4).toInt();
            t.status = q->value(5).toString();
            t.queue = q->value(6).toString();
            t.assigneeId = q->value(7).toString();
            t.channel = q->value(8).toString();
            t.title = q->value(9).toString();
            t.description = q->value(10).toString();
            t.resolution = q->value(11).toString();
            t.csat = q->value(12).toInt();
            t.createdAt = timeOf(q->value(13));
            t.resolutionDue = timeOf(q->value(14));
            t.resolvedAt = timeOf(q->value(15));
            t.closedAt = timeOf(q->value(16));
            v.tickets.push_back(std::move(t));
        }
    }

    if ((q = exec(QStringLiteral("SELECT %1 FROM customer WHERE parent_id = ? AND deleted_at IS NULL ORDER BY name_norm")
                   .arg(QLatin1String(kCustomerColumns)),
            {c.id}))) {
        while (q->next())
            v.members.push_back(customerFrom(*q));
    }
    if (!c.parentId.isEmpty()
        && (q = exec(QStringLiteral("SELECT %1 FROM customer WHERE id = ? AND deleted_at IS NULL").arg(QLatin1String(kCustomerColumns)),
               {c.parentId}))
        && q->next())
        v.group = customerFrom(*q);

    if ((q = exec(QStringLiteral("SELECT n.id, n.author_id, a.display_name, n.created_at, n.body FROM customer_note n "
                           "LEFT JOIN agent a ON a.id = n.author_id "
                           "WHERE n.customer_id = ? AND n.deleted_at IS NULL ORDER BY n.created_at DESC"),
            {c.id}))) {
        while (q->next()) {
            CustomerNote n;
            n.id = q->value(0).toString();
            n.customerId = c.id;
            n.authorId = q->value(1).toString();
            n.authorName = q->value(2).toString();
            n.createdAt = timeOf(q->value(3));
            n.body = q->value(4).toString();
            v.notes.push_back(std::move(n));
        }
    }

    // Other records of the same person, as merged source systems leave them: same ID document
    // (whatever the case of its check character) or the same mobile number on another record.
    QSet<QString> duplicates;
    if (!c.idNumber.isEmpty()) {
        const QString id = IdNumber::normalized(c.idNumber);
        if ((q = exec(QStringLiteral("SELECT id FROM customer WHERE id_number IN (?, ?) AND id != ? AND deleted_at IS NULL"),
                {id, id.toLower(), c.id}))) {
            while (q->next())
                duplicates.insert(q->value(0).toString());
        }
    }
    for (const Subscription& s : std::as_const(v.subscriptions)) {
        if (s.service != QLatin1String("mobile"))
            continue;
        if ((q = exec(QStringLiteral("SELECT customer_id FROM subscription WHERE number_digits = ? AND customer_id != ? "
                               "AND deleted_at IS NULL"),
                {PhoneNumber::nationalDigits(s.number), c.id}))) {
            while (q->next())
                duplicates.insert(q->value(0).toString());
        }
    }
    // Members of the same household share nothing that makes them duplicates, but the group record does
    // not count as one either.
    duplicates.remove(c.parentId);
    for (const Customer& m : std::as_const(v.members))
        duplicates.remove(m.id);
    v.possibleDuplicates = QVector<QString>(duplicates.cbegin(), duplicates.cend());
    std::sort(v.possibleDuplicates.begin(), v.possibleDuplicates.end());
    for (auto& statement : m_statements)
        statement.second->finish();
    return v;
}

} // namespace telcodesk
