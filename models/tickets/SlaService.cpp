#include "tickets/SlaService.h"

#include "common/Logging.h"

#include <QSet>
#include <QElapsedTimer>

#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <cstring>
#include <string>
#include <vector>
#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

namespace {

QString statusKey(const QString& kind, const QString& status)
{
    return kind + QLatin1Char('/') + status;
}

} // namespace

SlaService::SlaService(LocalStorePtr store) : m_store(std::move(store)) {}

Status SlaService::reload()
{
    QSqlQuery q(m_store->connection());
    const auto failed = [&q]() {
        return Error{tr("Cannot read the SLA calendars and policies: %1").arg(q.lastError().text()),
                     QStringLiteral("io")};
    };
    SlaPolicyBook book;
    QHash<QString, BusinessCalendar> calendars;
    if (!q.exec(QStringLiteral("SELECT id, utc_offset_minutes FROM sla_calendar WHERE deleted_at IS NULL")))
        return failed();
    while (q.next())
        calendars.insert(q.value(0).toString(), BusinessCalendar(q.value(1).toInt()));
    if (!q.exec(QStringLiteral("SELECT calendar_id, weekday, start_minute, end_minute FROM sla_calendar_hours "
                               "WHERE deleted_at IS NULL")))
        return failed();
    while (q.next()) {
        auto found = calendars.find(q.value(0).toString());
        if (found != calendars.end())
            found->addHours(q.value(1).toInt(), {q.value(2).toInt(), q.value(3).toInt()});
    }
    // Holidays before make-up days of the same date would be ambiguous; the later kind wins, so order
    // by day and kind to make it deterministic.
    if (!q.exec(QStringLiteral("SELECT calendar_id, day, kind FROM sla_calendar_day WHERE deleted_at IS NULL "
                               "ORDER BY day, kind")))
        return failed();
    while (q.next()) {
        auto found = calendars.find(q.value(0).toString());
        const QDate day = QDate::fromString(q.value(1).toString(), Qt::ISODate);
        if (found == calendars.end() || !day.isValid())
            continue;
        if (q.value(2).toString() == QLatin1String("holiday"))
            found->addHoliday(day);
        else
            found->addWorkday(day);
    }
    for (auto it = calendars.cbegin(); it != calendars.cend(); ++it)
        book.addCalendar(it.key(), it.value());
    if (!q.exec(QStringLiteral("SELECT id, kind, priority, tier, first_response_minutes, resolution_minutes, "
                               "near_breach_percent, calendar_id, business_hours FROM sla_policy "
                               "WHERE deleted_at IS NULL")))
        return failed();
    while (q.next()) {
        SlaPolicy p;
        p.id = q.value(0).toString();
        p.kind = q.value(1).toString();
        p.priority = q.value(2).toInt();
        p.tier = q.value(3).toString();
        p.firstResponseMinutes = q.value(4).toDouble();
        p.resolutionMinutes = q.value(5).toInt();
        p.nearBreachPercent = q.value(6).toInt();
        p.calendarId = q.value(7).toString();
        p.businessHours = q.value(8).toInt() != 0;
        book.addPolicy(p);
    }
    // What each workflow status means for the clocks (local migration 5). A store without the workflow
    // catalog falls back to the status names of the generic flow.
    QHash<QString, StatusMeaning> statuses;
    if (q.exec(QStringLiteral("SELECT kind, status, category, pauses_sla FROM workflow_state WHERE deleted_at IS NULL"))) {
        while (q.next()) {
            const QString category = q.value(2).toString();
            statuses.insert(statusKey(q.value(0).toString(), q.value(1).toString()),
                            StatusMeaning{category == QLatin1String("resolved") || category == QLatin1String("closed"),
                                          q.value(3).toInt() != 0, category == QLatin1String("closed")});
        }
    }
    m_book = book;
    m_statuses = statuses;
    m_loaded = true;
    return Status::success();
}

SlaService::StatusMeaning SlaService::meaning(const QString& kind, const QString& status) const
{
    const auto found = m_statuses.constFind(statusKey(kind, status));
    if (found != m_statuses.constEnd())
        return found.value();
    const bool closed = status == QLatin1String("closed");
    return StatusMeaning{closed || status == QLatin1String("resolved"), status == QLatin1String("waiting_customer"),
                         closed};
}

QVector<SlaEvent> SlaService::slaEvents(const TicketFacts& ticket, const QVector<EventRow>& rows) const
{
    QVector<SlaEvent> events;
    events.reserve(rows.size() + 2);
    if (!ticket.firstRespondedAt.isNull())
        events.append({ticket.firstRespondedAt.toLongLong(), SlaEvent::FirstReply, 0});
    bool loggedResolution = false;
    for (const EventRow& row : rows) {
        if (row.kind == QLatin1String("pause")) {
            events.append({row.at, SlaEvent::Pause, 0});
        } else if (row.kind == QLatin1String("resume")) {
            events.append({row.at, SlaEvent::Resume, 0});
        } else if (row.kind == QLatin1String("reply")) {
            events.append({row.at, SlaEvent::FirstReply, 0});
        } else if (row.kind == QLatin1String("transition")) {
            const StatusMeaning from = meaning(ticket.kind, row.from);
            const StatusMeaning to = meaning(ticket.kind, row.to);
            if (from.pauses && !to.pauses)
                events.append({row.at, SlaEvent::Resume, 0});
            if (to.done && !from.done) {
                events.append({row.at, SlaEvent::Resolved, 0});
                loggedResolution = true;
            } else if (from.done && !to.done) {
                events.append({row.at, SlaEvent::Reopened, 0});
            }
            if (to.pauses && !from.pauses)
                events.append({row.at, SlaEvent::Pause, 0});
        }
    }
    if (!loggedResolution) {
        if (!ticket.resolvedAt.isNull())
            events.append({ticket.resolvedAt.toLongLong(), SlaEvent::Resolved, 0});
        else if (!ticket.closedAt.isNull())
            events.append({ticket.closedAt.toLongLong(), SlaEvent::Closed, 0});
    }
    return events;
}

Result<SlaClockResult> SlaService::clockFor(const QString& ticketId, qint64 nowUtcMs)
{
    if (!m_loaded) {
        const Status loaded = reload();
        if (!loaded)
            return loaded.error();
    }
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT t.kind, t.priority, coalesce(c.tier, ''), t.created_at, t.first_responded_at, "
                             "t.resolved_at, t.closed_at, t.status FROM ticket t "
                             "LEFT JOIN customer c ON c.id = t.customer_id WHERE t.id = ? AND t.deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    TicketFacts ticket;
    ticket.id = ticketId;
    ticket.kind = q.value(0).toString();
    ticket.priority = q.value(1).toInt();
    ticket.tier = q.value(2).toString();
    ticket.createdAt = q.value(3).toLongLong();
    ticket.firstRespondedAt = q.value(4);
    ticket.resolvedAt = q.value(5);
    ticket.closedAt = q.value(6);
    ticket.status = q.value(7).toString();
    q.finish();

    q.prepare(QStringLiteral("SELECT kind, at, from_status, to_status FROM ticket_event "
                             "WHERE ticket_id = ? AND deleted_at IS NULL ORDER BY at, rowid"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket's history: %1").arg(q.lastError().text()), QStringLiteral("io")};
    QVector<EventRow> rows;
    while (q.next())
        rows.append(EventRow{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString()});

    const std::optional<SlaTerms> terms = m_book.terms(ticket.kind, ticket.priority, ticket.tier);
    if (!terms)
        return Error{tr("No SLA policy covers %1 tickets of priority P%2.").arg(ticket.kind).arg(ticket.priority),
                     QStringLiteral("no_policy")};
    SlaClockResult result = SlaClock::compute(ticket.createdAt, *terms, slaEvents(ticket, rows), nowUtcMs);
    result.priority = ticket.priority;
    return result;
}

namespace {

QVariant instant(qint64 utcMs)
{
    return utcMs == BusinessCalendar::kNever ? QVariant() : QVariant(utcMs);
}

// ticket_sla.row_hash: FNV-1a over a row's values except its key and the three that move with time
// alone (remaining_ms, near_breach_at, computed_at), so that the full recompute tells a row that must
// be rewritten (with its indexes) from one whose time left merely moved on (an update of columns no
// index holds) or one that stands. Both write paths feed it the same bytes: integers as 8 bytes,
// texts as length and bytes.
class RowHash
{
public:
    void bytes(const char* p, size_t n)
    {
        integer(qint64(n));
        for (size_t i = 0; i < n; ++i) {
            m_h ^= quint8(p[i]);
            m_h *= 1099511628211ULL;
        }
    }
    void text(const char* p) { bytes(p, std::strlen(p)); }
    void nullableText(bool null, const char* p, size_t n)
    {
        integer(null ? 1 : 0);
        if (!null)
            bytes(p, n);
    }
    void integer(qint64 v)
    {
        for (int i = 0; i < 8; ++i) {
            m_h ^= quint8(quint64(v) >> (8 * i));
            m_h *= 1099511628211ULL;
        }
    }
    qint64 value() const { return qint64(m_h); }

private:
    quint64 m_h = 14695981039346656037ULL;
};

// One ticket_sla row, in the column order of the upsert below.
struct SlaRowOut
{
    QString ticketId;
    QString state;
    QVariant dueAt;
    QVariant nearBreachAt;
    qint64 remainingMs = 0;
    bool paused = false;
    QString firstResponseState;
    QVariant firstResponseDue;
    QString resolutionState;
    QVariant resolutionDue;
    bool open = false;
    // the ticket's columns the queue filters and sorts on (migration 10)
    QString kind;
    int priority = 0;
    QVariant queue;
    QVariant assigneeId;
    qint64 createdAt = 0;
    QString ticketNo;
};

// What ticket_sla stores as a clock's due: none while the ticket is paused with time left on that clock,
// because the due then depends on when the customer answers (SlaClock's "if resumed now" moves with
// every minute, and a row whose due moved is rewritten with its indexes). The time left stands still
// meanwhile. A breached clock keeps its due, which lies before the pause and does not move.
qint64 storedDue(const SlaClockResult& clock, const SlaClockState& c)
{
    if (clock.paused && !c.stopped && c.remainingMs > 0)
        return BusinessCalendar::kNever;
    return c.dueUtcMs;
}

// When a clock turns near breach if nothing changes: the working time still to go before
// used * 100 >= target * percent, counted from now; none while paused (like due_at) or once there.
qint64 storedNearBreach(const SlaClockResult& clock, const SlaClockState& current, const SlaTerms& terms, qint64 now)
{
    if (clock.paused || current.state != SlaState::Running)
        return BusinessCalendar::kNever;
    const qint64 threshold = (current.targetMs * terms.nearBreachPercent + 99) / 100;
    const qint64 toGo = threshold - current.usedMs;
    return toGo > 0 ? terms.calendar.addBusinessTime(now, toGo) : BusinessCalendar::kNever;
}

SlaRowOut slaRowOut(const QString& ticketId, const SlaClockResult& clock, const SlaTerms& terms, bool open, qint64 now)
{
    // The clock that matters now: first response while it runs, else resolution.
    const SlaClockState& current = clock.firstResponse.stopped ? clock.resolution : clock.firstResponse;
    SlaRowOut row;
    row.ticketId = ticketId;
    row.state = SlaClock::stateCode(current.state);
    row.dueAt = instant(storedDue(clock, current));
    row.nearBreachAt = instant(storedNearBreach(clock, current, terms, now));
    row.remainingMs = current.remainingMs;
    row.paused = clock.paused;
    row.firstResponseState = SlaClock::stateCode(clock.firstResponse.state);
    row.firstResponseDue = instant(storedDue(clock, clock.firstResponse));
    row.resolutionState = SlaClock::stateCode(clock.resolution.state);
    row.resolutionDue = instant(storedDue(clock, clock.resolution));
    row.open = open;
    return row;
}

} // namespace

namespace {

// The bulk paths below step SQLite directly: at 100,000 tickets the QVariant round trips of QSqlQuery
// cost more than the clocks themselves.
class Stmt
{
public:
    Stmt(sqlite3* db, const QString& sql) : m_db(db)
    {
        const QByteArray text = sql.toUtf8();
        m_rc = sqlite3_prepare_v2(db, text.constData(), int(text.size()), &m_stmt, nullptr);
    }
    ~Stmt() { sqlite3_finalize(m_stmt); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    bool ok() const { return m_rc == SQLITE_OK && m_stmt; }
    sqlite3_stmt* raw() const { return m_stmt; }
    void bind(int i, const QVariant& v)
    {
        if (v.isNull()) {
            sqlite3_bind_null(m_stmt, i);
        } else if (v.typeId() == QMetaType::QString) {
            const QByteArray text = v.toString().toUtf8();
            sqlite3_bind_text(m_stmt, i, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_int64(m_stmt, i, v.toLongLong());
        }
    }
    void bindText(int i, const QString& v)
    {
        const QByteArray text = v.toUtf8();
        sqlite3_bind_text(m_stmt, i, text.constData(), int(text.size()), SQLITE_TRANSIENT);
    }
    void bindAll(const QVariantList& values)
    {
        for (int i = 0; i < values.size(); ++i)
            bind(i + 1, values.at(i));
    }
    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return m_rc = sqlite3_step(m_stmt); }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    qint64 integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
    bool isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    QVariant nullableInt(int column) const { return isNull(column) ? QVariant() : QVariant(integer(column)); }
    QString text(int column) const
    {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
    }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    int m_rc = SQLITE_OK;
};

QString marks(int n)
{
    QStringList m;
    for (int i = 0; i < n; ++i)
        m.append(QStringLiteral("?"));
    return m.join(QLatin1Char(','));
}

} // namespace

Result<int> SlaService::recomputeAll(qint64 nowUtcMs)
{
    if (!m_loaded) {
        const Status loaded = reload();
        if (!loaded)
            return loaded.error();
    }
    if (auto fast = recomputeAllIndexed(nowUtcMs))
        return *fast;
    return rewrite({}, true, nowUtcMs);
}

Status SlaService::recompute(const QStringList& ticketIds, qint64 nowUtcMs)
{
    if (!m_loaded) {
        const Status loaded = reload();
        if (!loaded)
            return loaded.error();
    }
    QStringList ids = ticketIds;
    ids.removeDuplicates();
    if (ids.isEmpty())
        return Status::success();
    const auto written = rewrite(ids, false, nowUtcMs);
    if (!written)
        return written.error();
    return Status::success();
}

Result<int> SlaService::rewrite(const QStringList& ids, bool all, qint64 nowUtcMs)
{
    sqlite3* db = LocalStore::handle(m_store->connection());
    QString failure;
    const auto fail = [&](const QString& what, const QString& message) {
        failure = tr("Cannot recompute the SLA clocks (%1): %2").arg(what, message);
        return false;
    };
    // Reads and writes in one write transaction: no other write slips between what is read and what is
    // written from it, and a failure anywhere leaves ticket_sla as it was.
    {
        Stmt begin(db, QStringLiteral("BEGIN IMMEDIATE"));
        if (!begin.ok() || begin.step() != SQLITE_DONE)
            return Error{tr("Cannot recompute the SLA clocks (%1): %2").arg(QStringLiteral("begin"), begin.error()),
                         QStringLiteral("io")};
    }

    struct Scanned
    {
        TicketFacts facts;
        QVector<EventRow> events;
        QVector<qint64> eventOrder; ///< ticket_event rowid, the tie breaker of events at the same instant
    };
    QVector<Scanned> tickets;
    QVector<SlaRowOut> out;

    const auto work = [&]() -> bool {
        // Which tickets: one range of the (queue, status) index per queue, over the statuses that are
        // not closed. The queues and the statuses present are found by skipping through that index
        // (a handful of seeks), so a status the catalog does not know is not missed.
        QVector<QPair<QVariantList, QString>> branches; // binds, WHERE on ticket t
        if (all) {
            QStringList queues;
            bool nullQueue = false;
            {
                Stmt firstQueue(db, QStringLiteral("SELECT min(queue) FROM ticket WHERE deleted_at IS NULL AND queue IS NOT NULL"));
                Stmt nextQueue(db, QStringLiteral("SELECT min(queue) FROM ticket WHERE deleted_at IS NULL AND queue > ?"));
                Stmt hasNull(db, QStringLiteral("SELECT EXISTS (SELECT 1 FROM ticket WHERE deleted_at IS NULL AND queue IS NULL)"));
                if (!firstQueue.ok() || !nextQueue.ok() || !hasNull.ok())
                    return fail(QStringLiteral("queues"), firstQueue.error());
                if (firstQueue.step() != SQLITE_ROW)
                    return fail(QStringLiteral("queues"), firstQueue.error());
                QVariant queue = firstQueue.isNull(0) ? QVariant() : QVariant(firstQueue.text(0));
                while (!queue.isNull()) {
                    queues.append(queue.toString());
                    nextQueue.reset();
                    nextQueue.bindText(1, queue.toString());
                    if (nextQueue.step() != SQLITE_ROW)
                        return fail(QStringLiteral("queues"), nextQueue.error());
                    queue = nextQueue.isNull(0) ? QVariant() : QVariant(nextQueue.text(0));
                }
                if (hasNull.step() != SQLITE_ROW)
                    return fail(QStringLiteral("queues"), hasNull.error());
                nullQueue = hasNull.integer(0) != 0;
            }
            // A status name is left out only when it is closed for every kind that has it.
            const auto closedEverywhere = [this](const QString& status) {
                bool any = false;
                for (auto it = m_statuses.cbegin(); it != m_statuses.cend(); ++it) {
                    if (it.key().section(QLatin1Char('/'), 1) != status)
                        continue;
                    any = true;
                    if (!it->closed)
                        return false;
                }
                return any || status == QLatin1String("closed");
            };
            const auto openStatuses = [&](const QString* queue, QStringList* found) -> bool {
                Stmt next(db, queue ? QStringLiteral("SELECT min(status) FROM ticket WHERE deleted_at IS NULL AND queue = ?1 "
                                                     "AND status > ?2")
                                    : QStringLiteral("SELECT min(status) FROM ticket WHERE deleted_at IS NULL AND queue IS NULL "
                                                     "AND status > ?2"));
                if (!next.ok())
                    return fail(QStringLiteral("statuses"), next.error());
                QString after; // '' sorts before every status
                for (;;) {
                    next.reset();
                    if (queue)
                        next.bindText(1, *queue);
                    next.bindText(2, after);
                    if (next.step() != SQLITE_ROW)
                        return fail(QStringLiteral("statuses"), next.error());
                    if (next.isNull(0))
                        return true;
                    after = next.text(0);
                    if (!closedEverywhere(after))
                        found->append(after);
                }
            };
            QStringList statuses;
            for (const QString& queue : std::as_const(queues)) {
                QStringList found;
                if (!openStatuses(&queue, &found))
                    return false;
                for (const QString& status : std::as_const(found))
                    if (!statuses.contains(status))
                        statuses.append(status);
            }
            if (!queues.isEmpty() && !statuses.isEmpty()) {
                QVariantList binds;
                for (const QString& q : std::as_const(queues))
                    binds.append(q);
                for (const QString& st : std::as_const(statuses))
                    binds.append(st);
                branches.append({binds, QStringLiteral("t.queue IN (") + marks(int(queues.size())) +
                                            QStringLiteral(") AND t.status IN (") + marks(int(statuses.size())) +
                                            QStringLiteral(")")});
            }
            if (nullQueue) {
                QStringList found;
                if (!openStatuses(nullptr, &found))
                    return false;
                if (!found.isEmpty()) {
                    QVariantList binds;
                    for (const QString& st : std::as_const(found))
                        binds.append(st);
                    branches.append({binds, QStringLiteral("t.queue IS NULL AND t.status IN (") +
                                                marks(int(found.size())) + QStringLiteral(")")});
                }
            }
        } else {
            // In chunks, well under SQLite's limit on bound variables.
            constexpr int kChunk = 500;
            for (int from = 0; from < ids.size(); from += kChunk) {
                QVariantList binds;
                for (const QString& id : ids.mid(from, kChunk))
                    binds.append(id);
                branches.append({binds, QStringLiteral("t.id IN (") + marks(int(binds.size())) + QStringLiteral(")")});
            }
        }

        // The customer's tier matters only where some policy names one: look it up for those tickets only.
        QStringList tiered;
        for (const SlaPolicy& p : m_book.policies())
            if (p.tier != QLatin1String("*"))
                tiered.append(p.kind + QLatin1Char('/') + QString::number(p.priority));
        tiered.removeDuplicates();
        QString tierExpr = QStringLiteral("''");
        QVariantList tierBinds;
        if (!tiered.isEmpty()) {
            tierExpr = QStringLiteral("CASE WHEN t.kind || '/' || t.priority IN (") + marks(int(tiered.size())) +
                       QStringLiteral(") THEN coalesce((SELECT tier FROM customer WHERE id = t.customer_id), '') "
                                      "ELSE '' END");
            for (const QString& k : std::as_const(tiered))
                tierBinds.append(k);
        }

        // First the tickets, then their events: two scans of the same index ranges. The events are
        // gathered per ticket by its rowid and put in time order here, so neither scan needs a sort.
        QHash<qint64, int> byRowid;
        for (const auto& branch : std::as_const(branches)) {
            Stmt scan(db, QStringLiteral("SELECT t.rowid, t.id, t.kind, t.priority, ") + tierExpr +
                              QStringLiteral(", t.status, t.created_at, t.first_responded_at, t.resolved_at, "
                                             "t.closed_at, t.queue, t.assignee_id, t.ticket_no FROM ticket t "
                                             "WHERE t.deleted_at IS NULL AND ") +
                              branch.second);
            if (!scan.ok())
                return fail(QStringLiteral("tickets"), scan.error());
            scan.bindAll(tierBinds + branch.first);
            int rc;
            while ((rc = scan.step()) == SQLITE_ROW) {
                Scanned t;
                t.facts.id = scan.text(1);
                t.facts.kind = scan.text(2);
                t.facts.priority = int(scan.integer(3));
                t.facts.tier = scan.text(4);
                t.facts.status = scan.text(5);
                t.facts.createdAt = scan.integer(6);
                t.facts.firstRespondedAt = scan.nullableInt(7);
                t.facts.resolvedAt = scan.nullableInt(8);
                t.facts.closedAt = scan.nullableInt(9);
                t.facts.queue = scan.isNull(10) ? QVariant() : QVariant(scan.text(10));
                t.facts.assigneeId = scan.isNull(11) ? QVariant() : QVariant(scan.text(11));
                t.facts.ticketNo = scan.text(12);
                byRowid.insert(scan.integer(0), int(tickets.size()));
                tickets.append(std::move(t));
            }
            if (rc != SQLITE_DONE)
                return fail(QStringLiteral("tickets"), scan.error());
        }
        for (const auto& branch : std::as_const(branches)) {
            Stmt scan(db, QStringLiteral("SELECT t.rowid, e.rowid, e.kind, e.at, e.from_status, e.to_status FROM ticket t "
                                         "CROSS JOIN ticket_event e ON e.ticket_id = t.id AND e.deleted_at IS NULL "
                                         "WHERE t.deleted_at IS NULL AND ") +
                              branch.second);
            if (!scan.ok())
                return fail(QStringLiteral("events"), scan.error());
            scan.bindAll(branch.first);
            int rc;
            qint64 lastRowid = -1;
            Scanned* current = nullptr;
            while ((rc = scan.step()) == SQLITE_ROW) {
                const qint64 rowid = scan.integer(0);
                if (rowid != lastRowid) {
                    const auto found = byRowid.constFind(rowid);
                    current = found == byRowid.constEnd() ? nullptr : &tickets[found.value()];
                    lastRowid = rowid;
                }
                if (!current)
                    continue;
                current->events.append(EventRow{scan.text(2), scan.integer(3), scan.text(4), scan.text(5)});
                current->eventOrder.append(scan.integer(1));
            }
            if (rc != SQLITE_DONE)
                return fail(QStringLiteral("events"), scan.error());
        }

        QHash<QString, std::optional<SlaTerms>> termsCache;
        QSet<QString> covered; // tickets given a row (recompute(ids) deletes the rows of the others)
        out.reserve(tickets.size());
        for (Scanned& t : tickets) {
            const StatusMeaning m = meaning(t.facts.kind, t.facts.status);
            if (all && m.closed)
                continue;
            const QString key = t.facts.kind + QLatin1Char('/') + QString::number(t.facts.priority) +
                                QLatin1Char('/') + t.facts.tier;
            auto terms = termsCache.find(key);
            if (terms == termsCache.end())
                terms = termsCache.insert(key, m_book.terms(t.facts.kind, t.facts.priority, t.facts.tier));
            if (!terms.value())
                continue;
            if (t.events.size() > 1) {
                // Time order, and rowid order among events of the same instant, as clockFor() reads them.
                QVector<int> order(t.events.size());
                for (int i = 0; i < order.size(); ++i)
                    order[i] = i;
                std::sort(order.begin(), order.end(), [&t](int a, int b) {
                    if (t.events.at(a).at != t.events.at(b).at)
                        return t.events.at(a).at < t.events.at(b).at;
                    return t.eventOrder.at(a) < t.eventOrder.at(b);
                });
                QVector<EventRow> sorted;
                sorted.reserve(order.size());
                for (int i : std::as_const(order))
                    sorted.append(t.events.at(i));
                t.events = sorted;
            }
            const SlaClockResult clock =
                SlaClock::compute(t.facts.createdAt, *terms.value(), slaEvents(t.facts, t.events), nowUtcMs);
            SlaRowOut row = slaRowOut(t.facts.id, clock, *terms.value(), !m.done, nowUtcMs);
            row.kind = t.facts.kind;
            row.priority = t.facts.priority;
            row.queue = t.facts.queue;
            row.assigneeId = t.facts.assigneeId;
            row.createdAt = t.facts.createdAt;
            row.ticketNo = t.facts.ticketNo;
            out.append(std::move(row));
            covered.insert(t.facts.id);
        }

        if (all) {
            // Emptying the table and writing every row again is cheaper than finding the rows not written.
            Stmt clear(db, QStringLiteral("DELETE FROM ticket_sla"));
            if (!clear.ok() || clear.step() != SQLITE_DONE)
                return fail(QStringLiteral("delete"), clear.error());
        } else {
            Stmt remove(db, QStringLiteral("DELETE FROM ticket_sla WHERE ticket_id = ?"));
            if (!remove.ok())
                return fail(QStringLiteral("delete"), remove.error());
            for (const QString& id : ids) {
                if (covered.contains(id))
                    continue;
                remove.reset();
                remove.bindText(1, id);
                if (remove.step() != SQLITE_DONE)
                    return fail(QStringLiteral("delete"), remove.error());
            }
        }
        Stmt write(db, QStringLiteral("INSERT OR REPLACE INTO ticket_sla(ticket_id, state, due_at, near_breach_at, "
                                      "remaining_ms, paused, first_response_state, first_response_due, resolution_state, "
                                      "resolution_due, open, computed_at, kind, priority, queue, assignee_id, created_at, "
                                      "ticket_no, row_hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        if (!write.ok())
            return fail(QStringLiteral("write"), write.error());
        for (const SlaRowOut& row : std::as_const(out)) {
            write.reset();
            write.bindText(1, row.ticketId);
            write.bindText(2, row.state);
            write.bind(3, row.dueAt);
            write.bind(4, row.nearBreachAt);
            write.bind(5, row.remainingMs);
            write.bind(6, row.paused ? 1 : 0);
            write.bindText(7, row.firstResponseState);
            write.bind(8, row.firstResponseDue);
            write.bindText(9, row.resolutionState);
            write.bind(10, row.resolutionDue);
            write.bind(11, row.open ? 1 : 0);
            write.bind(12, nowUtcMs);
            write.bindText(13, row.kind);
            write.bind(14, row.priority);
            write.bind(15, row.queue);
            write.bind(16, row.assigneeId);
            write.bind(17, row.createdAt);
            write.bindText(18, row.ticketNo);
            {
                const QByteArray state = row.state.toUtf8();
                const QByteArray frState = row.firstResponseState.toUtf8();
                const QByteArray resState = row.resolutionState.toUtf8();
                const QByteArray kind = row.kind.toUtf8();
                const QByteArray queue = row.queue.toString().toUtf8();
                const QByteArray assignee = row.assigneeId.toString().toUtf8();
                const QByteArray number = row.ticketNo.toUtf8();
                const auto nullable = [](const QVariant& v) {
                    return v.isNull() ? BusinessCalendar::kNever : v.toLongLong();
                };
                RowHash h;
                h.bytes(state.constData(), size_t(state.size()));
                h.integer(nullable(row.dueAt));
                h.integer(row.paused ? 1 : 0);
                h.bytes(frState.constData(), size_t(frState.size()));
                h.integer(nullable(row.firstResponseDue));
                h.bytes(resState.constData(), size_t(resState.size()));
                h.integer(nullable(row.resolutionDue));
                h.integer(row.open ? 1 : 0);
                h.bytes(kind.constData(), size_t(kind.size()));
                h.integer(row.priority);
                h.nullableText(row.queue.isNull(), queue.constData(), size_t(queue.size()));
                h.nullableText(row.assigneeId.isNull(), assignee.constData(), size_t(assignee.size()));
                h.integer(row.createdAt);
                h.bytes(number.constData(), size_t(number.size()));
                write.bind(19, h.value());
            }
            if (write.step() != SQLITE_DONE)
                return fail(QStringLiteral("write"), write.error());
        }
        return true;
    };

    if (work()) {
        Stmt commit(db, QStringLiteral("COMMIT"));
        if (commit.ok() && commit.step() == SQLITE_DONE)
            return int(out.size());
        failure = tr("Cannot recompute the SLA clocks (%1): %2").arg(QStringLiteral("commit"), commit.error());
    }
    // An interrupted statement may have rolled the transaction back already; ROLLBACK is then a no-op error.
    if (!sqlite3_get_autocommit(db)) {
        Stmt rollback(db, QStringLiteral("ROLLBACK"));
        rollback.step();
    }
    return Error{failure, QStringLiteral("io")};
}

namespace {

const char* stateText(SlaState state)
{
    switch (state) {
    case SlaState::Running:
        return "running";
    case SlaState::Paused:
        return "paused";
    case SlaState::NearBreach:
        return "near_breach";
    case SlaState::Breached:
        return "breached";
    case SlaState::Met:
        return "met";
    case SlaState::MetLate:
        return "met_late";
    }
    return "running";
}

// A text column's bytes, valid until the statement steps again. Null stays distinct from ''.
struct Text
{
    const char* p = nullptr;
    int n = 0;
    bool null = true;
};

Text textAt(sqlite3_stmt* st, int column)
{
    if (sqlite3_column_type(st, column) == SQLITE_NULL)
        return {};
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, column));
    return {p ? p : "", sqlite3_column_bytes(st, column), false};
}

bool equals(const Text& t, const char* s, int n)
{
    return !t.null && t.n == n && std::memcmp(t.p, s, size_t(n)) == 0;
}

// SQLite's BINARY order (what the ticket and ticket_sla keys sort by): bytes, then length.
int compareKey(const Text& a, const std::string& b)
{
    const int c = std::memcmp(a.p, b.data(), std::min(size_t(a.n), b.size()));
    if (c != 0)
        return c;
    return a.n < int(b.size()) ? -1 : (a.n > int(b.size()) ? 1 : 0);
}

// An optional text copied out of a row.
struct OptText
{
    std::string text;
    bool null = true;
    void assign(const Text& t)
    {
        null = t.null;
        if (!t.null)
            text.assign(t.p, size_t(t.n));
        else
            text.clear();
    }
};

// One ticket_sla row as the indexed recompute computes it; kNever stands for null.
struct FastRow
{
    std::string id;
    const char* state = "running";
    qint64 dueAt = BusinessCalendar::kNever;
    qint64 nearBreachAt = BusinessCalendar::kNever;
    qint64 remainingMs = 0;
    bool paused = false;
    const char* firstResponseState = "running";
    qint64 firstResponseDue = BusinessCalendar::kNever;
    const char* resolutionState = "running";
    qint64 resolutionDue = BusinessCalendar::kNever;
    bool open = true;
    std::string kind;
    int priority = 0;
    OptText queue;
    OptText assigneeId;
    qint64 createdAt = 0;
    std::string ticketNo;

    qint64 hash() const
    {
        RowHash h;
        h.text(state);
        h.integer(dueAt);
        h.integer(paused ? 1 : 0);
        h.text(firstResponseState);
        h.integer(firstResponseDue);
        h.text(resolutionState);
        h.integer(resolutionDue);
        h.integer(open ? 1 : 0);
        h.bytes(kind.data(), kind.size());
        h.integer(priority);
        h.nullableText(queue.null, queue.text.data(), queue.text.size());
        h.nullableText(assigneeId.null, assigneeId.text.data(), assigneeId.text.size());
        h.integer(createdAt);
        h.bytes(ticketNo.data(), ticketNo.size());
        return h.value();
    }
};

} // namespace

// The second thread of recomputeAll(): lives as long as its service, so that its connection (and the
// pages that connection has cached) lasts from one recompute to the next.
class SlaService::Worker
{
public:
    explicit Worker(LocalStorePtr store) : m_store(std::move(store)), m_thread([this]() { loop(); }) {}
    ~Worker()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    /// Runs job on the worker's thread with that thread's connection; wait() for it.
    void submit(std::function<void(sqlite3*)> job)
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_job = std::move(job);
            m_done = false;
        }
        m_wake.notify_all();
    }
    void wait()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_wake.wait(lock, [this]() { return m_done; });
    }

private:
    void loop()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this]() { return m_stop || m_job; });
            if (m_job) {
                std::function<void(sqlite3*)> job = std::move(m_job);
                m_job = nullptr;
                lock.unlock();
                {
                    const QSqlDatabase own = m_store->connection();
                    job(own.isOpen() ? LocalStore::handle(own) : nullptr);
                }
                lock.lock();
                m_done = true;
                m_wake.notify_all();
            } else if (m_stop) {
                break;
            }
        }
        lock.unlock();
        m_store->releaseThreadConnection();
    }

    LocalStorePtr m_store;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::function<void(sqlite3*)> m_job;
    bool m_done = true;
    bool m_stop = false;
    std::thread m_thread; // last: starts once the members above exist
};

// One key range of ticket ids: [from, to), an empty bound being open.
struct SlaService::RangeScan
{
    std::string from;
    std::string to;
    std::vector<FastRow> upserts; ///< computed rows that ticket_sla lacks or holds otherwise
    std::vector<std::string> deletes; ///< ticket_sla rows of tickets that get none
    struct TimeLeft
    {
        std::string id;
        qint64 remainingMs;
        qint64 nearBreachAt;
    };
    std::vector<TimeLeft> timeOnly; ///< rows whose time left alone moved on
    int rows = 0;                 ///< rows computed
    QString failure;
};

// Reads the range's open tickets with their SLA events (index-only reads of migration 10's partial
// indexes, whose predicates the WHERE and ON clauses repeat) and ticket_sla's rows of the same range,
// both in key order, computes each clock and merges. Only reads: any thread, its own connection.
bool SlaService::scanRange(sqlite3* db, RangeScan& range, qint64 nowUtcMs) const
{
    const auto fail = [&range](const QString& what, const QString& message) {
        range.failure = tr("Cannot recompute the SLA clocks (%1): %2").arg(what, message);
        return false;
    };
    QElapsedTimer rangeTimer;
    rangeTimer.start();
    timespec cpu0{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);

    QString bounds;
    QString storedBounds;
    if (!range.from.empty()) {
        bounds += QStringLiteral(" AND t.id >= ?1");
        storedBounds += QStringLiteral(" AND ticket_id >= ?1");
    }
    if (!range.to.empty()) {
        bounds += QStringLiteral(" AND t.id < ?2");
        storedBounds += QStringLiteral(" AND ticket_id < ?2");
    }
    Stmt scan(db, QStringLiteral(
        "SELECT t.id, t.kind, t.priority, t.status, t.created_at, t.first_responded_at, t.resolved_at, t.closed_at, "
        "t.customer_id, t.queue, t.assignee_id, t.ticket_no FROM ticket t INDEXED BY ticket_sla_input "
        "WHERE t.deleted_at IS NULL AND t.status <> 'closed'") + bounds + QStringLiteral(" ORDER BY t.id"));
    Stmt eventScan(db, QStringLiteral("SELECT ticket_id, at, event_rowid, kind, from_status, to_status "
                                      "FROM ticket_sla_event WHERE 1") + storedBounds +
                           QStringLiteral(" ORDER BY ticket_id, at, event_rowid"));
    Stmt stored(db, QStringLiteral(
        "SELECT ticket_id, row_hash, remaining_ms, near_breach_at FROM ticket_sla WHERE 1") + storedBounds + QStringLiteral(" ORDER BY ticket_id"));
    Stmt tierScan(db, QStringLiteral("SELECT ticket_id, tier FROM ticket_sla_tier WHERE 1") + storedBounds +
                          QStringLiteral(" ORDER BY ticket_id"));
    if (!scan.ok() || !eventScan.ok() || !stored.ok() || !tierScan.ok())
        return fail(QStringLiteral("prepare"), QString::fromUtf8(sqlite3_errmsg(db)));
    for (Stmt* st : {&scan, &eventScan, &stored, &tierScan}) {
        if (!range.from.empty())
            sqlite3_bind_text(st->raw(), 1, range.from.data(), int(range.from.size()), SQLITE_STATIC);
        if (!range.to.empty())
            sqlite3_bind_text(st->raw(), 2, range.to.data(), int(range.to.size()), SQLITE_STATIC);
    }

    // Per kind: what its statuses mean and its terms per priority, looked up once.
    struct KindInfo
    {
        std::string name;
        std::vector<std::pair<std::string, StatusMeaning>> statuses;
        std::optional<SlaTerms> terms[5];
        bool termsRead[5] = {false, false, false, false, false};
        bool tiered[5] = {false, false, false, false, false};
        struct TierTerms
        {
            int priority;
            std::string tier;
            std::optional<SlaTerms> terms;
        };
        std::vector<TierTerms> tierTerms[5]; ///< [priority, 0 for one out of range]
    };
    std::vector<KindInfo> kinds;
    QSet<QString> tieredKeys;
    for (const SlaPolicy& p : m_book.policies())
        if (p.tier != QLatin1String("*"))
            tieredKeys.insert(p.kind + QLatin1Char('/') + QString::number(p.priority));
    const auto kindInfo = [&](const Text& kind) -> KindInfo& {
        for (KindInfo& k : kinds)
            if (equals(kind, k.name.data(), int(k.name.size())))
                return k;
        KindInfo k;
        k.name.assign(kind.p, size_t(kind.n));
        const QString name = QString::fromStdString(k.name);
        const QString prefix = name + QLatin1Char('/');
        for (auto it = m_statuses.cbegin(); it != m_statuses.cend(); ++it)
            if (it.key().startsWith(prefix))
                k.statuses.emplace_back(it.key().mid(prefix.size()).toStdString(), it.value());
        for (int p = 1; p <= 4; ++p)
            k.tiered[p] = tieredKeys.contains(prefix + QString::number(p));
        kinds.push_back(std::move(k));
        return kinds.back();
    };
    const auto meaningIn = [](const KindInfo& k, const Text& status) {
        for (const auto& s : k.statuses)
            if (equals(status, s.first.data(), int(s.first.size())))
                return s.second;
        // Not in the catalog: the names of the generic flow.
        const bool closed = equals(status, "closed", 6);
        return StatusMeaning{closed || equals(status, "resolved", 8), equals(status, "waiting_customer", 16), closed};
    };

    // An event row of the scan, before it becomes SlaEvents.
    struct RawEvent
    {
        qint64 at;
        qint64 rowid;
        char kind; // 'p'ause, 'r'esume, 'y' reply, 't'ransition
        StatusMeaning from;
        StatusMeaning to;
    };
    std::vector<RawEvent> raw;
    QVector<SlaEvent> events;
    std::vector<FastRow>& upserts = range.upserts;
    std::vector<std::string>& deletes = range.deletes;
    int& rows = range.rows;

    sqlite3_stmt* const st = scan.raw();
    sqlite3_stmt* const old = stored.raw();
    int storedRc = sqlite3_step(old);
    // Rows of ticket_sla before `id` belong to no open ticket: they go. Returns whether `id` has a row.
    const auto passStored = [&](const std::string& id) -> bool {
        while (storedRc == SQLITE_ROW) {
            const Text key = textAt(old, 0);
            const int c = compareKey(key, id);
            if (c > 0)
                return false;
            if (c == 0)
                return true;
            deletes.emplace_back(key.p, size_t(key.n));
            storedRc = sqlite3_step(old);
        }
        return false;
    };

    sqlite3_stmt* const ev = eventScan.raw();
    sqlite3_stmt* const tq = tierScan.raw();
    int tierRc = sqlite3_step(tq);
    int evRc = sqlite3_step(ev);
    int rc = sqlite3_step(st);
    while (rc == SQLITE_ROW) {
        FastRow row;
        const Text id = textAt(st, 0);
        row.id.assign(id.p, size_t(id.n));
        const Text kindText = textAt(st, 1);
        KindInfo& kind = kindInfo(kindText);
        row.kind = kind.name;
        row.priority = sqlite3_column_int(st, 2);
        const StatusMeaning status = meaningIn(kind, textAt(st, 3));
        row.createdAt = sqlite3_column_int64(st, 4);
        const bool responded = sqlite3_column_type(st, 5) != SQLITE_NULL;
        const qint64 respondedAt = sqlite3_column_int64(st, 5);
        const bool resolved = sqlite3_column_type(st, 6) != SQLITE_NULL;
        const qint64 resolvedAt = sqlite3_column_int64(st, 6);
        const bool closed = sqlite3_column_type(st, 7) != SQLITE_NULL;
        const qint64 closedAt = sqlite3_column_int64(st, 7);
        const std::optional<SlaTerms>* terms = nullptr;
        if (!status.closed) {
            const int p = row.priority;
            if (p >= 1 && p <= 4 && !kind.tiered[p]) {
                if (!kind.termsRead[p]) {
                    kind.terms[p] = m_book.terms(QString::fromStdString(kind.name), p, QString());
                    kind.termsRead[p] = true;
                }
                terms = &kind.terms[p];
            } else {
                // A policy names a tier for this kind and priority: the customer's tier decides
                // (from the tier scan, which moves forward only as far as the tickets that need it).
                std::string tier;
                while (tierRc == SQLITE_ROW) {
                    const int c = compareKey(textAt(tq, 0), row.id);
                    if (c > 0)
                        break;
                    if (c == 0) {
                        const Text t = textAt(tq, 1);
                        if (!t.null)
                            tier.assign(t.p, size_t(t.n));
                    }
                    tierRc = sqlite3_step(tq);
                    if (c == 0)
                        break;
                }
                const int slot = p >= 1 && p <= 4 ? p : 0;
                auto& known = kind.tierTerms[slot];
                auto found = std::find_if(known.begin(), known.end(),
                                          [&](const auto& entry) { return entry.priority == p && entry.tier == tier; });
                if (found == known.end()) {
                    known.push_back({p, tier, m_book.terms(QString::fromStdString(kind.name), p,
                                                           QString::fromStdString(tier))});
                    found = known.end() - 1;
                }
                terms = &found->terms;
            }
        }
        row.queue.assign(textAt(st, 9));
        row.assigneeId.assign(textAt(st, 10));
        const Text number = textAt(st, 11);
        row.ticketNo.assign(number.p, size_t(number.n));

        raw.clear();
        // Its events: the next rows of the event scan (rows of tickets not in this scan are passed).
        while (evRc == SQLITE_ROW) {
            const int c = compareKey(textAt(ev, 0), row.id);
            if (c > 0)
                break;
            if (c == 0) {
                const Text what = textAt(ev, 3);
                RawEvent e{sqlite3_column_int64(ev, 1), sqlite3_column_int64(ev, 2), 0, {}, {}};
                if (equals(what, "pause", 5))
                    e.kind = 'p';
                else if (equals(what, "resume", 6))
                    e.kind = 'r';
                else if (equals(what, "reply", 5))
                    e.kind = 'y';
                else if (equals(what, "transition", 10)) {
                    e.kind = 't';
                    e.from = meaningIn(kind, textAt(ev, 4));
                    e.to = meaningIn(kind, textAt(ev, 5));
                }
                if (e.kind)
                    raw.push_back(e);
            }
            evRc = sqlite3_step(ev);
        }
        rc = sqlite3_step(st);

        const bool hasStored = passStored(row.id);
        if (!terms || !terms->has_value()) {
            // Closed, or no policy: no row.
            if (hasStored) {
                deletes.push_back(row.id);
                storedRc = sqlite3_step(old);
            }
            continue;
        }
        // Time order, and rowid order among events of the same instant, as clockFor() reads them.
        const auto earlier = [](const RawEvent& a, const RawEvent& b) {
            return a.at != b.at ? a.at < b.at : a.rowid < b.rowid;
        };
        if (!std::is_sorted(raw.begin(), raw.end(), earlier))
            std::sort(raw.begin(), raw.end(), earlier);
        // slaEvents() over these rows.
        events.clear();
        if (responded)
            events.append({respondedAt, SlaEvent::FirstReply, 0});
        bool loggedResolution = false;
        for (const RawEvent& e : raw) {
            switch (e.kind) {
            case 'p':
                events.append({e.at, SlaEvent::Pause, 0});
                break;
            case 'r':
                events.append({e.at, SlaEvent::Resume, 0});
                break;
            case 'y':
                events.append({e.at, SlaEvent::FirstReply, 0});
                break;
            default:
                if (e.from.pauses && !e.to.pauses)
                    events.append({e.at, SlaEvent::Resume, 0});
                if (e.to.done && !e.from.done) {
                    events.append({e.at, SlaEvent::Resolved, 0});
                    loggedResolution = true;
                } else if (e.from.done && !e.to.done) {
                    events.append({e.at, SlaEvent::Reopened, 0});
                }
                if (e.to.pauses && !e.from.pauses)
                    events.append({e.at, SlaEvent::Pause, 0});
                break;
            }
        }
        if (!loggedResolution) {
            if (resolved)
                events.append({resolvedAt, SlaEvent::Resolved, 0});
            else if (closed)
                events.append({closedAt, SlaEvent::Closed, 0});
        }
        const SlaTerms& t = **terms;
        const SlaClockResult clock = SlaClock::compute(row.createdAt, t, events, nowUtcMs);
        // slaRowOut() in plain values.
        const SlaClockState& current = clock.firstResponse.stopped ? clock.resolution : clock.firstResponse;
        row.state = stateText(current.state);
        row.dueAt = storedDue(clock, current);
        row.nearBreachAt = storedNearBreach(clock, current, t, nowUtcMs);
        row.remainingMs = current.remainingMs;
        row.paused = clock.paused;
        row.firstResponseState = stateText(clock.firstResponse.state);
        row.firstResponseDue = storedDue(clock, clock.firstResponse);
        row.resolutionState = stateText(clock.resolution.state);
        row.resolutionDue = storedDue(clock, clock.resolution);
        row.open = !status.done;
        ++rows;
        if (hasStored) {
            // computed_at is not compared: a row whose values stand keeps the instant they were computed at.
            const bool same = sqlite3_column_int64(old, 1) == row.hash();
            const bool sameTime = sqlite3_column_int64(old, 2) == row.remainingMs &&
                                  (sqlite3_column_type(old, 3) == SQLITE_NULL
                                       ? row.nearBreachAt == BusinessCalendar::kNever
                                       : sqlite3_column_int64(old, 3) == row.nearBreachAt);
            storedRc = sqlite3_step(old);
            if (same && sameTime)
                continue;
            if (same) {
                range.timeOnly.push_back({row.id, row.remainingMs, row.nearBreachAt});
                continue;
            }
        }
        upserts.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE)
        return fail(QStringLiteral("tickets"), scan.error());
    if (evRc != SQLITE_ROW && evRc != SQLITE_DONE)
        return fail(QStringLiteral("events"), eventScan.error());
    if (tierRc != SQLITE_ROW && tierRc != SQLITE_DONE)
        return fail(QStringLiteral("tiers"), tierScan.error());
    // Rows after the last open ticket belong to none.
    while (storedRc == SQLITE_ROW) {
        const Text key = textAt(old, 0);
        deletes.emplace_back(key.p, size_t(key.n));
        storedRc = sqlite3_step(old);
    }
    if (storedRc != SQLITE_DONE)
        return fail(QStringLiteral("read"), stored.error());
    timespec cpu1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
    qCDebug(lcServices) << "SLA recompute range:" << rows << "clocks in" << rangeTimer.elapsed() << "ms; thread cpu"
                        << ((cpu1.tv_sec - cpu0.tv_sec) * 1000 + (cpu1.tv_nsec - cpu0.tv_nsec) / 1000000) << "ms";
    return true;
}

namespace {

// A key between two UUIDv7 ids (their millisecond prefixes averaged), so that two threads get about
// as many tickets each; empty when the ids are not of that shape (one range then).
std::string midKey(const std::string& low, const std::string& high)
{
    const auto stamp = [](const std::string& id, quint64* out) {
        if (id.size() < 13 || id[8] != '-')
            return false;
        bool ok = false;
        const QString hex = QString::fromLatin1(id.data(), 8) + QString::fromLatin1(id.data() + 9, 4);
        *out = hex.toULongLong(&ok, 16);
        return ok;
    };
    quint64 a = 0;
    quint64 b = 0;
    if (!stamp(low, &a) || !stamp(high, &b) || b <= a + 1)
        return {};
    const QByteArray hex = QByteArray::number(a + (b - a) / 2, 16).rightJustified(12, '0');
    std::string key = hex.left(8).toStdString() + '-' + hex.mid(8, 4).toStdString();
    if (key <= low || key > high)
        return {};
    return key;
}

} // namespace

std::optional<Result<int>> SlaService::recomputeAllIndexed(qint64 nowUtcMs)
{
    // The input index holds the tickets whose status is not 'closed': it has them all only where the
    // catalog calls 'closed' closed for every kind that has it.
    for (auto it = m_statuses.cbegin(); it != m_statuses.cend(); ++it)
        if (it.key().section(QLatin1Char('/'), 1) == QLatin1String("closed") && !it->closed)
            return std::nullopt;

    QElapsedTimer timer;
    timer.start();
    sqlite3* db = LocalStore::handle(m_store->connection());
    const auto failed = [db](const QString& message) -> Result<int> {
        if (!sqlite3_get_autocommit(db)) {
            Stmt rollback(db, QStringLiteral("ROLLBACK"));
            rollback.step();
        }
        return Error{message, QStringLiteral("io")};
    };
    const auto failedAt = [&failed](const QString& what, const QString& message) -> Result<int> {
        return failed(tr("Cannot recompute the SLA clocks (%1): %2").arg(what, message));
    };
    {
        // Without migration 10's indexes (an older schema) the general path does the work.
        Stmt probe(db, QStringLiteral("SELECT 1 FROM ticket INDEXED BY ticket_sla_input "
                                      "WHERE deleted_at IS NULL AND status <> 'closed' LIMIT 0"));
        Stmt probeEvents(db, QStringLiteral("SELECT s.kind, e.event_rowid FROM ticket_sla s, ticket_sla_event e LIMIT 0"));
        if (!probe.ok() || !probeEvents.ok())
            return std::nullopt;
    }
    {
        Stmt begin(db, QStringLiteral("BEGIN IMMEDIATE"));
        if (!begin.ok() || begin.step() != SQLITE_DONE)
            return failedAt(QStringLiteral("begin"), begin.error());
    }
    // Two ranges on two threads once the table is large (the clocks and the index reads both cost about
    // a microsecond a ticket). The write lock is held from here on, so the second thread's connection,
    // which starts reading after it was taken, sees exactly what this one sees.
    std::vector<RangeScan> ranges(1);
    if (m_lastRows >= m_parallelThreshold) {
        Stmt low(db, QStringLiteral("SELECT min(id) FROM ticket INDEXED BY ticket_sla_input "
                                    "WHERE deleted_at IS NULL AND status <> 'closed'"));
        Stmt high(db, QStringLiteral("SELECT max(id) FROM ticket INDEXED BY ticket_sla_input "
                                     "WHERE deleted_at IS NULL AND status <> 'closed'"));
        if (!low.ok() || low.step() != SQLITE_ROW)
            return failedAt(QStringLiteral("range"), low.error());
        if (!high.ok() || high.step() != SQLITE_ROW)
            return failedAt(QStringLiteral("range"), high.error());
        const QByteArray a = low.text(0).toUtf8();
        const QByteArray b = high.text(0).toUtf8();
        const std::string split = midKey(a.toStdString(), b.toStdString());
        if (!split.empty()) {
            ranges.resize(2);
            ranges[0].to = split;
            ranges[1].from = split;
        }
    }
    bool secondOk = true;
    if (ranges.size() == 2) {
        if (!m_worker)
            m_worker = std::make_shared<Worker>(m_store);
        m_worker->submit([this, &ranges, &secondOk, nowUtcMs](sqlite3* h) {
            if (!h) {
                ranges[1].failure = tr("Cannot recompute the SLA clocks (%1): %2")
                                        .arg(QStringLiteral("connection"), QStringLiteral("not open"));
                secondOk = false;
                return;
            }
            Stmt begin(h, QStringLiteral("BEGIN"));
            secondOk = begin.ok() && begin.step() == SQLITE_DONE && scanRange(h, ranges[1], nowUtcMs);
            if (!secondOk && ranges[1].failure.isEmpty())
                ranges[1].failure = tr("Cannot recompute the SLA clocks (%1): %2")
                                        .arg(QStringLiteral("begin"), begin.error());
            if (!sqlite3_get_autocommit(h)) {
                Stmt end(h, QStringLiteral("COMMIT"));
                end.step();
            }
        });
    }
    const bool firstOk = scanRange(db, ranges[0], nowUtcMs);
    if (ranges.size() == 2)
        m_worker->wait();
    if (!firstOk)
        return failed(ranges[0].failure);
    if (!secondOk)
        return failed(ranges[1].failure);
    const qint64 readMs = timer.elapsed();
    std::vector<FastRow> upserts;
    std::vector<std::string> deletes;
    int rows = 0;
    for (RangeScan& r : ranges) {
        rows += r.rows;
        std::move(r.upserts.begin(), r.upserts.end(), std::back_inserter(upserts));
        std::move(r.deletes.begin(), r.deletes.end(), std::back_inserter(deletes));
    }

    if (!deletes.empty()) {
        Stmt remove(db, QStringLiteral("DELETE FROM ticket_sla WHERE ticket_id = ?"));
        if (!remove.ok())
            return failedAt(QStringLiteral("delete"), remove.error());
        for (const std::string& id : deletes) {
            sqlite3_reset(remove.raw());
            sqlite3_bind_text(remove.raw(), 1, id.data(), int(id.size()), SQLITE_STATIC);
            if (sqlite3_step(remove.raw()) != SQLITE_DONE)
                return failedAt(QStringLiteral("delete"), remove.error());
        }
    }
    int moved = 0;
    for (const RangeScan& r : ranges) {
        if (r.timeOnly.empty())
            continue;
        // No index holds these columns: the row is updated in place, its index entries stay.
        Stmt tick(db, QStringLiteral("UPDATE ticket_sla SET remaining_ms = ?, near_breach_at = ?, computed_at = ? "
                                     "WHERE ticket_id = ?"));
        if (!tick.ok())
            return failedAt(QStringLiteral("write"), tick.error());
        for (const RangeScan::TimeLeft& t : r.timeOnly) {
            sqlite3_reset(tick.raw());
            sqlite3_bind_int64(tick.raw(), 1, t.remainingMs);
            if (t.nearBreachAt == BusinessCalendar::kNever)
                sqlite3_bind_null(tick.raw(), 2);
            else
                sqlite3_bind_int64(tick.raw(), 2, t.nearBreachAt);
            sqlite3_bind_int64(tick.raw(), 3, nowUtcMs);
            sqlite3_bind_text(tick.raw(), 4, t.id.data(), int(t.id.size()), SQLITE_STATIC);
            if (sqlite3_step(tick.raw()) != SQLITE_DONE)
                return failedAt(QStringLiteral("write"), tick.error());
            ++moved;
        }
    }
    if (!upserts.empty()) {
        Stmt write(db, QStringLiteral("INSERT OR REPLACE INTO ticket_sla(ticket_id, state, due_at, near_breach_at, "
                                      "remaining_ms, paused, first_response_state, first_response_due, resolution_state, "
                                      "resolution_due, open, computed_at, kind, priority, queue, assignee_id, created_at, "
                                      "ticket_no, row_hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        if (!write.ok())
            return failedAt(QStringLiteral("write"), write.error());
        sqlite3_stmt* const w = write.raw();
        const auto bindInt = [w](int i, qint64 v) {
            if (v == BusinessCalendar::kNever)
                sqlite3_bind_null(w, i);
            else
                sqlite3_bind_int64(w, i, v);
        };
        const auto bindText = [w](int i, const std::string& v) {
            sqlite3_bind_text(w, i, v.data(), int(v.size()), SQLITE_STATIC);
        };
        const auto bindOpt = [w](int i, const OptText& v) {
            if (v.null)
                sqlite3_bind_null(w, i);
            else
                sqlite3_bind_text(w, i, v.text.data(), int(v.text.size()), SQLITE_STATIC);
        };
        for (const FastRow& row : upserts) {
            sqlite3_reset(w);
            bindText(1, row.id);
            sqlite3_bind_text(w, 2, row.state, -1, SQLITE_STATIC);
            bindInt(3, row.dueAt);
            bindInt(4, row.nearBreachAt);
            sqlite3_bind_int64(w, 5, row.remainingMs);
            sqlite3_bind_int(w, 6, row.paused ? 1 : 0);
            sqlite3_bind_text(w, 7, row.firstResponseState, -1, SQLITE_STATIC);
            bindInt(8, row.firstResponseDue);
            sqlite3_bind_text(w, 9, row.resolutionState, -1, SQLITE_STATIC);
            bindInt(10, row.resolutionDue);
            sqlite3_bind_int(w, 11, row.open ? 1 : 0);
            sqlite3_bind_int64(w, 12, nowUtcMs);
            bindText(13, row.kind);
            sqlite3_bind_int(w, 14, row.priority);
            bindOpt(15, row.queue);
            bindOpt(16, row.assigneeId);
            sqlite3_bind_int64(w, 17, row.createdAt);
            bindText(18, row.ticketNo);
            sqlite3_bind_int64(w, 19, row.hash());
            if (sqlite3_step(w) != SQLITE_DONE)
                return failedAt(QStringLiteral("write"), write.error());
        }
    }
    Stmt commit(db, QStringLiteral("COMMIT"));
    if (!commit.ok() || commit.step() != SQLITE_DONE)
        return failedAt(QStringLiteral("commit"), commit.error());
    m_lastRows = rows;
    qCDebug(lcServices) << "SLA recompute:" << rows << "clocks in" << ranges.size() << "ranges, read and computed in"
                        << readMs << "ms;" << upserts.size() << "rows written," << moved << "times left moved on," << deletes.size()
                        << "deleted; total"
                        << timer.elapsed() << "ms";
    return Result<int>(rows);
}

} // namespace telcodesk
