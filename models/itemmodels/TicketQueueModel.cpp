#include "itemmodels/TicketQueueModel.h"

#include "itemmodels/DisplayFormat.h"
#include "services/CustomerSearch.h"
#include "tickets/AssignmentPolicy.h"

#include <QDateTime>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cstdlib>

namespace telcodesk {

bool TicketQueueFilter::operator==(const TicketQueueFilter& o) const
{
    return scope == o.scope && search == o.search && kinds == o.kinds && priorities == o.priorities &&
           includeClosed == o.includeClosed && breachingWindowMs == o.breachingWindowMs;
}

namespace {

constexpr int kMaxPages = 6;

// A row's place in the order: the null segment (a ticket without an SLA due sorts after all others),
// the sort value, the ticket id.
struct RowKey
{
    int segment = 0;
    QVariant value;
    QString id;
};

int compareValues(const QVariant& a, const QVariant& b)
{
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString) {
        const int c = a.toString().compare(b.toString());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    const qint64 x = a.toLongLong();
    const qint64 y = b.toLongLong();
    return x < y ? -1 : (x > y ? 1 : 0);
}

QString escapeLike(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return text;
}

// The upper bound of a prefix range: every string that starts with prefix sorts below it.
QString prefixEnd(const QString& prefix)
{
    return prefix + QChar(0xFFFF);
}

QString placeholders(int n)
{
    QStringList marks;
    for (int i = 0; i < n; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

} // namespace

struct TicketQueueModel::Row
{
    QString id;
    QString number;
    int priority = 0;
    QString kind;
    QString status;
    QString title;
    QString customer;
    QString queue;
    QString assignee;
    QVariant dueAt;
    QString slaState;
    QVariant remainingMs;
    bool paused = false;
    QVariant nearBreachAt;
    qint64 createdAt = 0;
    bool closed = false;
    QVariant sortValue;
};

struct TicketQueueModel::Page
{
    QVector<Row> rows;
    quint64 lastUse = 0;
};

// The SQL of the current filter and order. Two shapes: while only open tickets are shown and
// ticket_sla has been computed, the scan starts from ticket_sla (its (open, due_at, ticket_id) index
// gives "open" and the SLA order without touching the tickets); otherwise from ticket.
struct TicketQueueModel::Sql
{
    QString from;
    QString where;
    QVariantList binds;
    bool needsTicket = true; ///< a count needs the ticket table (else ticket_sla alone answers)
    QString idExpr;
    QString valueExpr;
    bool nullable = false; ///< sort values may be null (they sort last)
    bool descending = false;
};

class TicketQueueModel::Impl
{
public:
    Sql sql;
    int count = 0;
    int nonNullCount = 0; ///< rows in the first segment (all of them for a key that is never null)
    QMap<int, Page> pages;
    quint64 useClock = 0;
    QHash<QString, RowKey> knownKeys; ///< every ticket read into a page since the last reset
    bool batching = false;            ///< inside ticketsChanged: rows come from `flat`
    QMap<int, Row> flat;              ///< the rows held, by row, while batching
    QStringList servedQueues;
    QSet<QString> doneStatuses; ///< "kind/status" of the resolved and closed categories
    bool slaComputed = false;

    bool isDone(const QString& kind, const QString& status) const
    {
        if (doneStatuses.contains(kind + QLatin1Char('/') + status))
            return true;
        return status == QLatin1String("resolved") || status == QLatin1String("closed");
    }
};

TicketQueueModel::TicketQueueModel(LocalStorePtr store, const Session& session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_now(QDateTime::currentMSecsSinceEpoch())
{
    d = new Impl;
    beginResetModel();
    rebuild();
    endResetModel();
}

TicketQueueModel::~TicketQueueModel()
{
    delete d;
}

void TicketQueueModel::setFilter(const TicketQueueFilter& filter)
{
    m_filter = filter;
    reload();
}

void TicketQueueModel::setSortKey(SortKey key, Qt::SortOrder order)
{
    m_sortKey = key;
    m_order = order;
    reload();
}

void TicketQueueModel::sort(int column, Qt::SortOrder order)
{
    switch (column) {
    case NumberColumn:
        setSortKey(SortKey::Number, order);
        break;
    case PriorityColumn:
        setSortKey(SortKey::Priority, order);
        break;
    case SlaColumn:
        setSortKey(SortKey::SlaDue, order);
        break;
    case CreatedColumn:
        setSortKey(SortKey::Created, order);
        break;
    default:
        break;
    }
}

Status TicketQueueModel::reload()
{
    beginResetModel();
    const Status status = rebuild();
    endResetModel();
    return status;
}

// Reads what the filter depends on (the agent's queues, the workflow's categories) and counts.
Status TicketQueueModel::rebuild()
{
    m_error = Error{};
    d->pages.clear();
    d->knownKeys.clear();
    d->count = 0;
    d->nonNullCount = 0;
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT skills FROM agent WHERE id = ?"));
    q.addBindValue(m_session.agentId);
    QString skills;
    if (q.exec() && q.next())
        skills = q.value(0).toString();
    // The queues the agent serves: a skill's own queue or the queue named after it
    // (AssignmentPolicy::skillForQueue read backwards), kept only where servesQueue agrees.
    QSet<QString> served;
    for (const QString& skill : AssignmentPolicy::parseSkills(skills)) {
        for (const QString& queue : {skill, QStringLiteral("complaints"), QStringLiteral("general"),
                                     QStringLiteral("network")}) {
            if (AssignmentPolicy::skillForQueue(queue) == skill)
                served.insert(queue);
        }
    }
    d->servedQueues = QStringList(served.cbegin(), served.cend());
    d->servedQueues.sort();
    d->doneStatuses.clear();
    if (q.exec(QStringLiteral("SELECT kind, status FROM workflow_state WHERE deleted_at IS NULL "
                              "AND category IN ('resolved', 'closed')"))) {
        while (q.next())
            d->doneStatuses.insert(q.value(0).toString() + QLatin1Char('/') + q.value(1).toString());
    }
    d->slaComputed = q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM ticket_sla)")) && q.next() &&
                     q.value(0).toInt() != 0;
    buildSql();
    return recount();
}

void TicketQueueModel::buildSql()
{
    Sql s;
    const bool breaching = m_filter.scope == TicketQueueFilter::Scope::BreachingSoon;
    const bool fromSla = breaching || (!m_filter.includeClosed && d->slaComputed);
    QStringList where;
    // ticket_sla carries copies of the ticket columns the scopes, filters and orders use (migration 10),
    // each behind an index that starts with open: counts read those indexes alone and pages join the
    // ticket for the rows shown only. Without ticket_sla rows (or with closed tickets) the ticket answers.
    const auto column = [fromSla](const char* name) -> QString {
        return (fromSla ? QStringLiteral("s.") : QStringLiteral("t.")) + QLatin1String(name);
    };
    if (fromSla) {
        s.from = QStringLiteral("ticket_sla s JOIN ticket t ON t.id = s.ticket_id");
        s.idExpr = QStringLiteral("s.ticket_id");
        where.append(QStringLiteral("s.open = 1"));
    } else {
        s.from = QStringLiteral("ticket t LEFT JOIN ticket_sla s ON s.ticket_id = t.id");
        s.idExpr = QStringLiteral("t.id");
        where.append(QStringLiteral("t.deleted_at IS NULL"));
        if (!m_filter.includeClosed) {
            // ticket_sla was never computed: open is what the workflow says.
            QStringList done;
            for (const QString& key : std::as_const(d->doneStatuses))
                done.append(key.section(QLatin1Char('/'), 1));
            done << QStringLiteral("resolved") << QStringLiteral("closed");
            done.removeDuplicates();
            where.append(QStringLiteral("t.status NOT IN (") + placeholders(int(done.size())) + QStringLiteral(")"));
            for (const QString& status : std::as_const(done))
                s.binds.append(status);
        }
    }
    s.needsTicket = !fromSla;
    const auto servedQueues = [&]() {
        if (d->servedQueues.isEmpty())
            return QStringLiteral("0");
        for (const QString& queue : std::as_const(d->servedQueues))
            s.binds.append(queue);
        return QString(column("queue") + QStringLiteral(" IN (") + placeholders(int(d->servedQueues.size())) +
                       QStringLiteral(")"));
    };
    switch (m_filter.scope) {
    case TicketQueueFilter::Scope::Mine:
        where.append(column("assignee_id") + QStringLiteral(" = ?"));
        s.binds.append(m_session.agentId);
        break;
    case TicketQueueFilter::Scope::MyTeam:
        where.append(servedQueues());
        break;
    case TicketQueueFilter::Scope::Unassigned:
        where.append(column("assignee_id") + QStringLiteral(" IS NULL"));
        if (m_session.role != telcodesk::Role::Supervisor && m_session.role != telcodesk::Role::Admin)
            where.append(servedQueues());
        break;
    case TicketQueueFilter::Scope::BreachingSoon:
        where.append(QStringLiteral("s.paused = 0 AND s.due_at <= ?"));
        s.binds.append(m_now + m_filter.breachingWindowMs);
        break;
    case TicketQueueFilter::Scope::All:
        break;
    }
    if (!m_filter.kinds.isEmpty()) {
        where.append(column("kind") + QStringLiteral(" IN (") + placeholders(int(m_filter.kinds.size())) +
                     QStringLiteral(")"));
        for (const QString& kind : m_filter.kinds)
            s.binds.append(kind);
    }
    if (!m_filter.priorities.isEmpty()) {
        where.append(column("priority") + QStringLiteral(" IN (") + placeholders(int(m_filter.priorities.size())) +
                     QStringLiteral(")"));
        for (int priority : m_filter.priorities)
            s.binds.append(priority);
    }
    const QString search = m_filter.search.trimmed();
    if (!search.isEmpty()) {
        // Any of: the ticket number starts with it, the title contains it, the customer's name starts
        // with it, a line of the customer's starts with its digits.
        QStringList any;
        any.append(QStringLiteral("(") + column("ticket_no") + QStringLiteral(" >= ? AND ") + column("ticket_no") +
                   QStringLiteral(" < ?)"));
        s.binds << search.toUpper() << prefixEnd(search.toUpper());
        any.append(QStringLiteral("t.title LIKE ? ESCAPE '\\'"));
        s.binds.append(QString(QStringLiteral("%") + escapeLike(search) + QStringLiteral("%")));
        const QString norm = CustomerSearch::normalizeName(search);
        if (!norm.isEmpty()) { // punctuation alone names no one
            any.append(QStringLiteral("t.customer_id IN (SELECT id FROM customer WHERE name_norm >= ? AND name_norm < ?)"));
            s.binds << norm << prefixEnd(norm);
        }
        static const QRegularExpression numberLike(QStringLiteral("^\\+?[0-9][0-9 \\-]{2,}$"));
        if (numberLike.match(search).hasMatch()) {
            QString digits = search;
            digits.remove(QRegularExpression(QStringLiteral("[^0-9]")));
            if (digits.size() == 13 && digits.startsWith(QLatin1String("86")))
                digits = digits.mid(2);
            any.append(QStringLiteral("t.customer_id IN (SELECT customer_id FROM subscription "
                                      "WHERE number_digits >= ? AND number_digits < ? AND deleted_at IS NULL)"));
            s.binds << digits << prefixEnd(digits);
        }
        where.append(QStringLiteral("(") + any.join(QStringLiteral(" OR ")) + QStringLiteral(")"));
        s.needsTicket = true;
    }
    s.where = where.join(QStringLiteral(" AND "));
    switch (m_sortKey) {
    case SortKey::SlaDue:
        s.valueExpr = QStringLiteral("s.due_at");
        s.nullable = true;
        break;
    case SortKey::Priority:
        s.valueExpr = column("priority");
        break;
    case SortKey::Created:
        s.valueExpr = column("created_at");
        break;
    case SortKey::Number:
        s.valueExpr = column("ticket_no");
        break;
    }
    s.descending = m_order == Qt::DescendingOrder;
    d->sql = s;
}

// Counts the rows (in the shape the filter allows: ticket_sla alone when no ticket column is
// involved). Keyed counts (how many rows sort before a key) go through countBefore().
Status TicketQueueModel::recount()
{
    const Sql& s = d->sql;
    const QString from = s.needsTicket ? s.from : QStringLiteral("ticket_sla s");
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT count(*)") +
              (s.nullable ? QStringLiteral(", count(") + s.valueExpr + QStringLiteral(")") : QString()) +
              QStringLiteral(" FROM ") + from + QStringLiteral(" WHERE ") + s.where);
    for (const QVariant& v : s.binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        m_error = Error{tr("Cannot read the ticket queue: %1").arg(q.lastError().text()), QStringLiteral("io")};
        d->count = 0;
        d->nonNullCount = 0;
        return m_error;
    }
    d->count = q.value(0).toInt();
    d->nonNullCount = s.nullable ? q.value(1).toInt() : d->count;
    return Status::success();
}

// How many rows of the filter sort before `key`, leaving out the tickets in `exclude`.
int TicketQueueModel::countBefore(const QVariant& segmentValue, int segment, const QString& id,
                                  const QStringList& exclude) const
{
    const Sql& s = d->sql;
    const QString cmp = s.descending ? QStringLiteral(">") : QStringLiteral("<");
    QString before;
    QVariantList binds = s.binds;
    if (segment == 0) {
        before = QStringLiteral("(") + s.valueExpr + QLatin1Char(' ') + cmp + QStringLiteral(" ? OR (") + s.valueExpr +
                 QStringLiteral(" = ? AND ") + s.idExpr + QLatin1Char(' ') + cmp + QStringLiteral(" ?))");
        binds << segmentValue << segmentValue << id;
    } else {
        before = QStringLiteral("(") + s.valueExpr + QStringLiteral(" IS NOT NULL OR ") + s.idExpr + QLatin1Char(' ') +
                 cmp + QStringLiteral(" ?)");
        binds << id;
    }
    // Like recount(): ticket_sla alone when no ticket column is involved.
    QString sql = QStringLiteral("SELECT count(*) FROM ") + (s.needsTicket ? s.from : QStringLiteral("ticket_sla s")) +
                  QStringLiteral(" WHERE ") + s.where +
                  QStringLiteral(" AND ") + before;
    if (!exclude.isEmpty()) {
        sql += QStringLiteral(" AND ") + s.idExpr + QStringLiteral(" NOT IN (") + placeholders(int(exclude.size())) +
               QStringLiteral(")");
        for (const QString& x : exclude)
            binds.append(x);
    }
    QSqlQuery q(m_store->connection());
    q.prepare(sql);
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

// Whether the ticket is under the filter now, and with which key.
bool TicketQueueModel::currentKey(const QString& ticketId, QVariant* value, int* segment) const
{
    const Sql& s = d->sql;
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT ") + s.valueExpr + QStringLiteral(" FROM ") + s.from + QStringLiteral(" WHERE ") +
              s.where + QStringLiteral(" AND ") + s.idExpr + QStringLiteral(" = ?"));
    for (const QVariant& v : s.binds)
        q.addBindValue(v);
    q.addBindValue(ticketId);
    if (!q.exec() || !q.next())
        return false;
    *value = q.value(0);
    *segment = value->isNull() ? 1 : 0;
    return true;
}

int TicketQueueModel::rowOfTicket(const QString& ticketId) const
{
    QVariant value;
    int segment = 0;
    if (!currentKey(ticketId, &value, &segment))
        return -1;
    return countBefore(value, segment, ticketId, {});
}

// Reads rows [first, first + n) in the current order: the non-null segment first, then the nulls.
// Runs the row query of the filter with `tail` after its WHERE clause.
bool TicketQueueModel::queryRows(const QString& tail, const QVariantList& extraBinds, QVector<Row>* out) const
{
    const Sql& s = d->sql;
    QSqlQuery q(m_store->connection());
    q.setForwardOnly(true);
    // Names are looked up for the rows returned only, not for the rows an OFFSET skips.
    q.prepare(QStringLiteral("SELECT t.id, t.ticket_no, t.priority, t.kind, t.status, t.title, "
                             "(SELECT name FROM customer WHERE id = t.customer_id), t.queue, "
                             "(SELECT display_name FROM agent WHERE id = t.assignee_id), s.due_at, s.state, "
                             "s.remaining_ms, s.paused, s.near_breach_at, t.created_at, ") +
              s.valueExpr + QStringLiteral(" FROM ") + s.from + QStringLiteral(" WHERE ") + s.where + tail);
    for (const QVariant& v : s.binds)
        q.addBindValue(v);
    for (const QVariant& v : extraBinds)
        q.addBindValue(v);
    if (!q.exec())
        return false;
    while (q.next()) {
        Row r;
        r.id = q.value(0).toString();
        r.number = q.value(1).toString();
        r.priority = q.value(2).toInt();
        r.kind = q.value(3).toString();
        r.status = q.value(4).toString();
        r.title = q.value(5).toString();
        r.customer = q.value(6).toString();
        r.queue = q.value(7).toString();
        r.assignee = q.value(8).toString();
        r.dueAt = q.value(9);
        r.slaState = q.value(10).toString();
        r.remainingMs = q.value(11);
        r.paused = q.value(12).toInt() != 0;
        r.nearBreachAt = q.value(13);
        r.createdAt = q.value(14).toLongLong();
        r.sortValue = q.value(15);
        r.closed = d->isDone(r.kind, r.status);
        out->append(std::move(r));
    }
    return !q.lastError().isValid();
}

// Reads rows [first, first + n) in the current order: the non-null segment first, then the nulls.
bool TicketQueueModel::readRows(int first, int n, QVector<Row>* out) const
{
    const Sql& s = d->sql;
    const QString dir = s.descending ? QStringLiteral(" DESC") : QString();
    ++m_pageReads;
    if (first < d->nonNullCount) {
        const QString segment = s.nullable ? QStringLiteral(" AND ") + s.valueExpr + QStringLiteral(" IS NOT NULL")
                                           : QString();
        if (!queryRows(segment + QStringLiteral(" ORDER BY ") + s.valueExpr + dir + QStringLiteral(", ") + s.idExpr +
                           dir + QStringLiteral(" LIMIT ? OFFSET ?"),
                       {std::min(n, d->nonNullCount - first), first}, out))
            return false;
    }
    const int end = first + n;
    if (s.nullable && end > d->nonNullCount) {
        if (!queryRows(QStringLiteral(" AND ") + s.valueExpr + QStringLiteral(" IS NULL ORDER BY ") + s.idExpr + dir +
                           QStringLiteral(" LIMIT ? OFFSET ?"),
                       {end - std::max(first, d->nonNullCount), std::max(0, first - d->nonNullCount)}, out))
            return false;
    }
    return true;
}

const TicketQueueModel::Row* TicketQueueModel::rowAt(int row) const
{
    if (row < 0 || row >= d->count || m_pageSize <= 0)
        return nullptr;
    if (d->batching) {
        // Between the signals of a change the rows held are shifted in memory (see ticketsChanged);
        // a row not held is read from the store, which is already at the end of the batch.
        auto held = d->flat.find(row);
        if (held == d->flat.end()) {
            QVector<Row> one;
            if (!readRows(row, 1, &one) || one.isEmpty())
                return nullptr;
            held = d->flat.insert(row, one.constFirst());
        }
        return &held.value();
    }
    const int pageIndex = row / m_pageSize;
    auto found = d->pages.find(pageIndex);
    if (found == d->pages.end()) {
        Page page;
        if (!readRows(pageIndex * m_pageSize, m_pageSize, &page.rows))
            return nullptr;
        for (const Row& r : std::as_const(page.rows))
            d->knownKeys.insert(r.id, RowKey{r.sortValue.isNull() ? 1 : 0, r.sortValue, r.id});
        found = d->pages.insert(pageIndex, page);
        evictPages(pageIndex);
        found = d->pages.find(pageIndex);
    }
    found->lastUse = ++d->useClock;
    const int offset = row - pageIndex * m_pageSize;
    return offset < found->rows.size() ? &found->rows.at(offset) : nullptr;
}

// Keeps a handful of pages: drops the ones farthest from the page just read, except pages that hold a
// persistent index (a selection), whose ticket ids refresh() needs.
void TicketQueueModel::evictPages(int keepPage) const
{
    if (d->pages.size() <= kMaxPages)
        return;
    QSet<int> pinned;
    const QModelIndexList persistent = persistentIndexList();
    for (const QModelIndex& index : persistent)
        pinned.insert(index.row() / m_pageSize);
    QList<int> candidates;
    for (auto it = d->pages.cbegin(); it != d->pages.cend(); ++it)
        if (it.key() != keepPage && !pinned.contains(it.key()))
            candidates.append(it.key());
    std::sort(candidates.begin(), candidates.end(), [keepPage](int a, int b) {
        return std::abs(a - keepPage) > std::abs(b - keepPage);
    });
    for (int page : std::as_const(candidates)) {
        if (d->pages.size() <= kMaxPages)
            break;
        d->pages.remove(page);
    }
}

// Re-reads the pages held, after the rows under them changed.
void TicketQueueModel::rereadPages()
{
    const QList<int> held = d->pages.keys();
    d->pages.clear();
    for (int pageIndex : held) {
        if (pageIndex * m_pageSize >= d->count)
            continue;
        Page page;
        if (!readRows(pageIndex * m_pageSize, m_pageSize, &page.rows))
            continue;
        for (const Row& r : std::as_const(page.rows))
            d->knownKeys.insert(r.id, RowKey{r.sortValue.isNull() ? 1 : 0, r.sortValue, r.id});
        page.lastUse = ++d->useClock;
        d->pages.insert(pageIndex, page);
    }
}

Status TicketQueueModel::refresh()
{
    emit layoutAboutToBeChanged();
    const QModelIndexList persistent = persistentIndexList();
    QStringList ids;
    for (const QModelIndex& index : persistent) {
        const Row* row = rowAt(index.row());
        ids.append(row ? row->id : QString());
    }
    d->pages.clear();
    d->knownKeys.clear();
    // A pull may have brought the first ticket_sla rows; "breaching soon" moves with now.
    QSqlQuery q(m_store->connection());
    d->slaComputed = q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM ticket_sla)")) && q.next() &&
                     q.value(0).toInt() != 0;
    buildSql();
    const Status counted = recount();
    QModelIndexList to;
    QHash<QString, int> rows;
    for (int i = 0; i < persistent.size(); ++i) {
        const QString& id = ids.at(i);
        if (id.isEmpty() || !counted) {
            to.append(QModelIndex());
            continue;
        }
        auto found = rows.find(id);
        if (found == rows.end())
            found = rows.insert(id, rowOfTicket(id));
        to.append(found.value() < 0 ? QModelIndex() : index(found.value(), persistent.at(i).column()));
    }
    changePersistentIndexList(persistent, to);
    emit layoutChanged();
    return counted;
}

Status TicketQueueModel::ticketsChanged(const QStringList& ticketIds)
{
    QStringList batch = ticketIds;
    batch.removeDuplicates();
    batch.removeAll(QString());
    if (batch.isEmpty())
        return Status::success();
    const Sql& s = d->sql;
    const auto less = [&s](const RowKey& a, const RowKey& b) {
        if (a.segment != b.segment)
            return a.segment < b.segment;
        int c = a.segment == 0 ? compareValues(a.value, b.value) : 0;
        if (c == 0)
            c = a.id.compare(b.id);
        return s.descending ? c > 0 : c < 0;
    };

    // Where each ticket is in the model now (the key it was read with) and where the store puts it.
    struct Change
    {
        QString id;
        bool wasIn = false;
        RowKey oldKey;
        bool isIn = false;
        RowKey newKey;
    };
    QVector<Change> changes;
    for (const QString& id : std::as_const(batch)) {
        Change c;
        c.id = id;
        const auto known = d->knownKeys.constFind(id);
        c.wasIn = known != d->knownKeys.constEnd();
        if (c.wasIn)
            c.oldKey = known.value();
        QVariant value;
        int segment = 0;
        c.isIn = currentKey(id, &value, &segment);
        c.newKey = RowKey{segment, value, id};
        changes.append(c);
    }
    // The rows outside the batch did not change, so the model's count must be theirs plus the batch
    // tickets it holds. A ticket never read into a page may have been under the filter all along: when
    // the counts say so, its old place is unknown and only a re-read in place is right.
    QSqlQuery q(m_store->connection());
    {
        const QString from = s.needsTicket ? s.from : QStringLiteral("ticket_sla s");
        q.prepare(QStringLiteral("SELECT count(*) FROM ") + from + QStringLiteral(" WHERE ") + s.where +
                  QStringLiteral(" AND ") + s.idExpr + QStringLiteral(" NOT IN (") + placeholders(int(batch.size())) +
                  QStringLiteral(")"));
        for (const QVariant& v : s.binds)
            q.addBindValue(v);
        for (const QString& id : std::as_const(batch))
            q.addBindValue(id);
        if (!q.exec() || !q.next())
            return Error{tr("Cannot read the ticket queue: %1").arg(q.lastError().text()), QStringLiteral("io")};
        const int others = q.value(0).toInt();
        int held = 0;
        for (const Change& c : std::as_const(changes))
            held += c.wasIn ? 1 : 0;
        if (others + held != d->count)
            return refresh();
    }

    // The rows held move in memory with each signal, so that between one ticket's signals the model
    // reads as it should at that step (the store is already at the end of the batch); the pages are
    // read again at the end.
    d->flat.clear();
    for (auto page = d->pages.cbegin(); page != d->pages.cend(); ++page)
        for (int i = 0; i < page->rows.size(); ++i)
            d->flat.insert(page.key() * m_pageSize + i, page->rows.at(i));
    d->batching = true;
    const auto shift = [this](int from, int by) {
        QMap<int, Row> moved;
        for (auto it = d->flat.cbegin(); it != d->flat.cend(); ++it)
            moved.insert(it.key() >= from ? it.key() + by : it.key(), it.value());
        d->flat = moved;
    };
    const auto freshRow = [this](const QString& id, Row* out) {
        QVector<Row> one;
        if (!queryRows(QStringLiteral(" AND ") + d->sql.idExpr + QStringLiteral(" = ?"), {id}, &one) || one.isEmpty())
            return false;
        *out = one.constFirst();
        return true;
    };
    const auto finish = [this]() {
        d->batching = false;
        d->flat.clear();
        rereadPages();
    };

    // One ticket at a time: its old row counts the unchanged rows before its old key plus the batch
    // tickets the model still holds before it; its new row likewise with the new key.
    for (int i = 0; i < changes.size(); ++i) {
        Change& c = changes[i];
        if (!c.wasIn && !c.isIn)
            continue;
        const auto batchBefore = [&](const RowKey& key) {
            int n = 0;
            for (int j = 0; j < changes.size(); ++j) {
                if (j == i)
                    continue;
                const Change& other = changes.at(j);
                const bool in = j < i ? other.isIn : other.wasIn;
                const RowKey& k = j < i ? other.newKey : other.oldKey;
                if (in && less(k, key))
                    ++n;
            }
            return n;
        };
        const auto rowFor = [&](const RowKey& key) {
            const int base = countBefore(key.value, key.segment, key.id, batch);
            return base < 0 ? -1 : base + batchBefore(key);
        };
        const int oldRow = c.wasIn ? rowFor(c.oldKey) : -1;
        const int newRow = c.isIn ? rowFor(c.newKey) : -1;
        Row fresh;
        if ((c.wasIn && oldRow < 0) || (c.isIn && (newRow < 0 || !freshRow(c.id, &fresh)))) {
            finish();
            return refresh();
        }
        // The counts move by this ticket alone.
        const int nonNullDelta = (c.isIn && c.newKey.segment == 0 ? 1 : 0) - (c.wasIn && c.oldKey.segment == 0 ? 1 : 0);
        if (c.wasIn && c.isIn) {
            if (oldRow == newRow) {
                d->knownKeys.insert(c.id, c.newKey);
                d->nonNullCount += nonNullDelta;
                d->flat.insert(newRow, fresh);
                emit dataChanged(index(newRow, 0), index(newRow, ColumnCount - 1));
            } else {
                beginMoveRows(QModelIndex(), oldRow, oldRow, QModelIndex(), newRow > oldRow ? newRow + 1 : newRow);
                d->knownKeys.insert(c.id, c.newKey);
                d->nonNullCount += nonNullDelta;
                d->flat.remove(oldRow);
                shift(oldRow + 1, -1);
                shift(newRow, 1);
                d->flat.insert(newRow, fresh);
                endMoveRows();
            }
        } else if (c.isIn) {
            beginInsertRows(QModelIndex(), newRow, newRow);
            d->knownKeys.insert(c.id, c.newKey);
            ++d->count;
            d->nonNullCount += nonNullDelta;
            shift(newRow, 1);
            d->flat.insert(newRow, fresh);
            endInsertRows();
        } else {
            beginRemoveRows(QModelIndex(), oldRow, oldRow);
            d->knownKeys.remove(c.id);
            --d->count;
            d->nonNullCount += nonNullDelta;
            d->flat.remove(oldRow);
            shift(oldRow + 1, -1);
            endRemoveRows();
        }
    }
    finish();
    return Status::success();
}

void TicketQueueModel::setNow(qint64 nowUtcMs)
{
    m_now = nowUtcMs;
    if (d->count > 0)
        emit dataChanged(index(0, 0), index(d->count - 1, ColumnCount - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole, ItemRoles::EmphasisRole});
}

void TicketQueueModel::setLabeler(CodeLabeler labeler)
{
    m_labeler = std::move(labeler);
    if (d->count > 0)
        emit dataChanged(index(0, 0), index(d->count - 1, ColumnCount - 1), {Qt::DisplayRole});
}

QString TicketQueueModel::ticketId(int row) const
{
    const Row* r = rowAt(row);
    return r ? r->id : QString();
}

int TicketQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : d->count;
}

int TicketQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void TicketQueueModel::setPageSize(int rows)
{
    if (rows <= 0 || rows == m_pageSize)
        return;
    m_pageSize = rows;
    d->pages.clear();
}

QString TicketQueueModel::formatDuration(qint64 ms)
{
    const bool overdue = ms < 0;
    const qint64 minutes = (overdue ? -ms : ms) / 60000;
    const qint64 days = minutes / (24 * 60);
    const qint64 hours = (minutes / 60) % 24;
    const qint64 mins = minutes % 60;
    QString text;
    if (days > 0)
        //: SLA time left: days and hours
        text = tr("%1d %2h").arg(days).arg(hours);
    else if (hours > 0)
        //: SLA time left: hours and minutes
        text = tr("%1h %2m").arg(hours).arg(mins);
    else
        //: SLA time left: minutes
        text = tr("%1m").arg(mins);
    return overdue ? QStringLiteral("-") + text : text;
}

QVariant TicketQueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const Row* r = rowAt(index.row());
    if (!r)
        return {};
    const bool running = !r->dueAt.isNull() && !r->paused &&
                         (r->slaState == QLatin1String("running") || r->slaState == QLatin1String("near_breach") ||
                          r->slaState == QLatin1String("breached"));
    const bool breached = r->slaState == QLatin1String("breached") || (running && r->dueAt.toLongLong() <= m_now);
    const bool nearBreach = r->slaState == QLatin1String("near_breach") ||
                            (running && !r->nearBreachAt.isNull() && r->nearBreachAt.toLongLong() <= m_now);
    switch (role) {
    case ItemRoles::IdRole:
        return r->id;
    case SlaDueRole:
        return r->dueAt.isNull() ? QVariant() : QVariant(r->dueAt.toLongLong());
    case SlaStateRole:
        return r->slaState.isEmpty() ? QVariant() : QVariant(r->slaState);
    case SlaRemainingRole:
        return r->remainingMs.isNull() ? QVariant() : QVariant(r->remainingMs.toLongLong());
    case SlaPausedRole:
        return r->paused;
    case SlaNearBreachAtRole:
        return r->nearBreachAt.isNull() ? QVariant() : QVariant(r->nearBreachAt.toLongLong());
    case ItemRoles::EmphasisRole:
        if (r->closed)
            return int(Emphasis::Muted);
        if (breached)
            return int(Emphasis::Alert);
        if (nearBreach)
            return int(Emphasis::Strong);
        return int(Emphasis::None);
    case ItemRoles::CodeRole:
        switch (index.column()) {
        case PriorityColumn:
            return r->priority;
        case KindColumn:
            return r->kind;
        case StatusColumn:
            return r->status;
        case QueueColumn:
            return r->queue;
        case SlaColumn:
            return r->slaState;
        default:
            return {};
        }
    case ItemRoles::SortRole:
        switch (index.column()) {
        case NumberColumn:
            return r->number;
        case PriorityColumn:
            return r->priority;
        case SlaColumn:
            return r->dueAt;
        case CreatedColumn:
            return r->createdAt;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == SlaColumn && !r->dueAt.isNull())
            return DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(r->dueAt.toLongLong(), Qt::UTC));
        if (index.column() == TitleColumn)
            return r->title;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NumberColumn:
        return r->number;
    case PriorityColumn:
        return labelFor(m_labeler, CodeDomain::TicketPriority, QString::number(r->priority));
    case KindColumn:
        return labelFor(m_labeler, CodeDomain::TicketKind, r->kind);
    case StatusColumn:
        return labelFor(m_labeler, CodeDomain::TicketStatus, r->status);
    case TitleColumn:
        return r->title;
    case CustomerColumn:
        return r->customer;
    case QueueColumn:
        return labelFor(m_labeler, CodeDomain::TicketQueue, r->queue);
    case AssigneeColumn:
        return r->assignee;
    case SlaColumn:
        // A paused clock has no due (SlaService.h): it shows the time left instead.
        if ((r->dueAt.isNull() && !r->paused) || r->closed)
            return QString();
        if (r->slaState == QLatin1String("met"))
            return tr("Met");
        if (r->slaState == QLatin1String("met_late"))
            return tr("Met late");
        if (r->paused)
            //: SLA clock paused; %1 is the working time left
            return tr("Paused (%1)").arg(formatDuration(r->remainingMs.toLongLong()));
        return formatDuration(r->dueAt.toLongLong() - m_now);
    case CreatedColumn:
        return DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(r->createdAt, Qt::UTC));
    default:
        return {};
    }
}

QVariant TicketQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        //: Ticket number
        return tr("Ticket");
    case PriorityColumn:
        return tr("Priority");
    case KindColumn:
        //: Kind of ticket (complaint, fault, ...)
        return tr("Kind");
    case StatusColumn:
        return tr("Status");
    case TitleColumn:
        return tr("Title");
    case CustomerColumn:
        return tr("Customer");
    case QueueColumn:
        return tr("Queue");
    case AssigneeColumn:
        return tr("Assignee");
    case SlaColumn:
        //: Time left before the SLA is breached
        return tr("SLA");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

} // namespace telcodesk
