#include "tickets/SlaService.h"

#include <QSet>

#include <sqlite3.h>

#include <algorithm>
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

QString stateCode(SlaState state)
{
    switch (state) {
    case SlaState::Running:
        return QStringLiteral("running");
    case SlaState::Paused:
        return QStringLiteral("paused");
    case SlaState::NearBreach:
        return QStringLiteral("near_breach");
    case SlaState::Breached:
        return QStringLiteral("breached");
    case SlaState::Met:
        return QStringLiteral("met");
    case SlaState::MetLate:
        return QStringLiteral("met_late");
    }
    return QStringLiteral("running");
}

QVariant instant(qint64 utcMs)
{
    return utcMs == BusinessCalendar::kNever ? QVariant() : QVariant(utcMs);
}

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
};

SlaRowOut slaRowOut(const QString& ticketId, const SlaClockResult& clock, const SlaTerms& terms, bool open, qint64 now)
{
    // The clock that matters now: first response while it runs, else resolution.
    const SlaClockState& current = clock.firstResponse.stopped ? clock.resolution : clock.firstResponse;
    SlaRowOut row;
    row.ticketId = ticketId;
    row.state = stateCode(current.state);
    row.dueAt = instant(current.dueUtcMs);
    // Near breach once used * 100 >= target * percent: the working time still to go before that,
    // counted from now (a paused clock: from now as if resumed, as due_at is).
    if (current.state == SlaState::Running || current.state == SlaState::Paused) {
        const qint64 threshold = (current.targetMs * terms.nearBreachPercent + 99) / 100;
        const qint64 toGo = threshold - current.usedMs;
        if (toGo > 0)
            row.nearBreachAt = instant(terms.calendar.addBusinessTime(now, toGo));
    }
    row.remainingMs = current.remainingMs;
    row.paused = clock.paused;
    row.firstResponseState = stateCode(clock.firstResponse.state);
    row.firstResponseDue = instant(clock.firstResponse.dueUtcMs);
    row.resolutionState = stateCode(clock.resolution.state);
    row.resolutionDue = instant(clock.resolution.dueUtcMs);
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
                                             "t.closed_at FROM ticket t WHERE t.deleted_at IS NULL AND ") +
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
            out.append(slaRowOut(t.facts.id, clock, *terms.value(), !m.done, nowUtcMs));
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
                                      "resolution_due, open, computed_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"));
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

} // namespace telcodesk
