#include "tickets/SlaService.h"

#include <QSet>
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
struct SlaRow
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

SlaRow slaRow(const QString& ticketId, const SlaClockResult& clock, const SlaTerms& terms, bool open, qint64 now)
{
    // The clock that matters now: first response while it runs, else resolution.
    const SlaClockState& current = clock.firstResponse.stopped ? clock.resolution : clock.firstResponse;
    SlaRow row;
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

Result<int> SlaService::recomputeAll(qint64 nowUtcMs)
{
    if (!m_loaded) {
        const Status loaded = reload();
        if (!loaded)
            return loaded.error();
    }
    // Statuses that are closed for every kind that has them can be left out by the scan itself; the
    // rest of "closed" (a status closed for one kind only) is decided per row.
    QSet<QString> closedNames{QStringLiteral("closed")};
    QSet<QString> openNames;
    for (auto it = m_statuses.cbegin(); it != m_statuses.cend(); ++it) {
        const QString status = it.key().section(QLatin1Char('/'), 1);
        if (it->closed)
            closedNames.insert(status);
        else
            openNames.insert(status);
    }
    QStringList marks;
    QVariantList binds;
    for (const QString& status : std::as_const(closedNames)) {
        if (openNames.contains(status))
            continue;
        marks.append(QStringLiteral("?"));
        binds.append(status);
    }
    const QString where = marks.isEmpty() ? QString()
                                          : QStringLiteral("t.status NOT IN (") + marks.join(QLatin1Char(',')) +
                                                QStringLiteral(")");
    return rewrite(where, binds, true, {}, nowUtcMs);
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
    QStringList marks;
    QVariantList binds;
    for (const QString& id : std::as_const(ids)) {
        marks.append(QStringLiteral("?"));
        binds.append(id);
    }
    const auto written = rewrite(QStringLiteral("t.id IN (") + marks.join(QLatin1Char(',')) + QStringLiteral(")"),
                                 binds, false, ids, nowUtcMs);
    if (!written)
        return written.error();
    return Status::success();
}

Result<int> SlaService::rewrite(const QString& ticketWhere, const QVariantList& binds, bool replaceAll,
                                const QStringList& ids, qint64 nowUtcMs)
{
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const auto failed = [&q](const QString& what) {
        return Error{tr("Cannot recompute the SLA clocks (%1): %2").arg(what, q.lastError().text()),
                     QStringLiteral("io")};
    };
    // Reads and writes in one write transaction: no other write can slip between what was read and
    // what is written from it, and a failure anywhere leaves ticket_sla as it was.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return failed(QStringLiteral("begin"));
    const auto rollback = [&db]() {
        QSqlQuery undo(db);
        undo.exec(QStringLiteral("ROLLBACK"));
    };
    const QString filter = QStringLiteral(" WHERE t.deleted_at IS NULL") +
                           (ticketWhere.isEmpty() ? QString() : QStringLiteral(" AND ") + ticketWhere);

    // Both scans walk the ticket table in its own (rowid) order with the same filter, and the events of
    // one ticket come from the (ticket_id, at) index in time order: neither needs a sort, and the two
    // streams merge on the rowid.
    struct Scanned
    {
        qint64 rowid;
        TicketFacts facts;
    };
    QVector<Scanned> tickets;
    q.prepare(QStringLiteral("SELECT t.rowid, t.id, t.kind, t.priority, coalesce(c.tier, ''), t.status, t.created_at, "
                             "t.first_responded_at, t.resolved_at, t.closed_at FROM ticket t "
                             "LEFT JOIN customer c ON c.id = t.customer_id") +
              filter + QStringLiteral(" ORDER BY t.rowid"));
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        const Error e = failed(QStringLiteral("tickets"));
        rollback();
        return e;
    }
    while (q.next()) {
        Scanned s;
        s.rowid = q.value(0).toLongLong();
        s.facts.id = q.value(1).toString();
        s.facts.kind = q.value(2).toString();
        s.facts.priority = q.value(3).toInt();
        s.facts.tier = q.value(4).toString();
        s.facts.status = q.value(5).toString();
        s.facts.createdAt = q.value(6).toLongLong();
        s.facts.firstRespondedAt = q.value(7);
        s.facts.resolvedAt = q.value(8);
        s.facts.closedAt = q.value(9);
        tickets.append(std::move(s));
    }
    if (q.lastError().isValid()) {
        const Error e = failed(QStringLiteral("tickets"));
        rollback();
        return e;
    }

    QHash<QString, std::optional<SlaTerms>> termsCache;
    const auto termsFor = [this, &termsCache](const TicketFacts& t) -> const std::optional<SlaTerms>& {
        const QString key = t.kind + QLatin1Char('/') + QString::number(t.priority) + QLatin1Char('/') + t.tier;
        auto found = termsCache.find(key);
        if (found == termsCache.end())
            found = termsCache.insert(key, m_book.terms(t.kind, t.priority, t.tier));
        return found.value();
    };

    QVector<SlaRow> out;
    out.reserve(tickets.size());
    QSet<QString> covered; // tickets given a row (recompute(ids) deletes the rows of the others)
    int next = 0;          // the ticket whose events are being gathered
    QVector<EventRow> rows;
    const auto finish = [&](int index) {
        const TicketFacts& t = tickets.at(index).facts;
        const StatusMeaning m = meaning(t.kind, t.status);
        if (replaceAll && m.closed)
            return;
        const std::optional<SlaTerms>& terms = termsFor(t);
        if (!terms)
            return;
        const SlaClockResult clock = SlaClock::compute(t.createdAt, *terms, slaEvents(t, rows), nowUtcMs);
        out.append(slaRow(t.id, clock, *terms, !m.done, nowUtcMs));
        if (!replaceAll)
            covered.insert(t.id);
    };

    q.prepare(QStringLiteral("SELECT t.rowid, e.kind, e.at, e.from_status, e.to_status FROM ticket t "
                             "CROSS JOIN ticket_event e ON e.ticket_id = t.id AND e.deleted_at IS NULL") +
              filter + QStringLiteral(" ORDER BY t.rowid, e.at, e.rowid"));
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        const Error e = failed(QStringLiteral("events"));
        rollback();
        return e;
    }
    while (q.next()) {
        const qint64 rowid = q.value(0).toLongLong();
        while (next < tickets.size() && tickets.at(next).rowid < rowid) {
            finish(next++);
            rows.clear();
        }
        if (next < tickets.size() && tickets.at(next).rowid == rowid)
            rows.append(EventRow{q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toString(),
                                 q.value(4).toString()});
    }
    if (q.lastError().isValid()) {
        const Error e = failed(QStringLiteral("events"));
        rollback();
        return e;
    }
    while (next < tickets.size()) {
        finish(next++);
        rows.clear();
    }

    if (replaceAll) {
        // Emptying the table and writing every row again is cheaper than finding the rows not written.
        if (!q.exec(QStringLiteral("DELETE FROM ticket_sla"))) {
            const Error e = failed(QStringLiteral("delete"));
            rollback();
            return e;
        }
    } else {
        q.prepare(QStringLiteral("DELETE FROM ticket_sla WHERE ticket_id = ?"));
        for (const QString& id : ids) {
            if (covered.contains(id))
                continue;
            q.bindValue(0, id);
            if (!q.exec()) {
                const Error e = failed(QStringLiteral("delete"));
                rollback();
                return e;
            }
        }
    }
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO ticket_sla(ticket_id, state, due_at, near_breach_at, remaining_ms, "
                             "paused, first_response_state, first_response_due, resolution_state, resolution_due, "
                             "open, computed_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (const SlaRow& row : std::as_const(out)) {
        q.bindValue(0, row.ticketId);
        q.bindValue(1, row.state);
        q.bindValue(2, row.dueAt);
        q.bindValue(3, row.nearBreachAt);
        q.bindValue(4, row.remainingMs);
        q.bindValue(5, row.paused ? 1 : 0);
        q.bindValue(6, row.firstResponseState);
        q.bindValue(7, row.firstResponseDue);
        q.bindValue(8, row.resolutionState);
        q.bindValue(9, row.resolutionDue);
        q.bindValue(10, row.open ? 1 : 0);
        q.bindValue(11, nowUtcMs);
        if (!q.exec()) {
            const Error e = failed(QStringLiteral("write"));
            rollback();
            return e;
        }
    }
    q.finish();
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const Error e = failed(QStringLiteral("commit"));
        rollback();
        return e;
    }
    return int(out.size());
}

} // namespace telcodesk
