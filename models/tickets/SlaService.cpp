#include "tickets/SlaService.h"

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
                                          q.value(3).toInt() != 0});
        }
    }
    m_book = book;
    m_statuses = statuses;
    m_loaded = true;
    return Status::success();
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
                             "t.resolved_at, t.closed_at FROM ticket t LEFT JOIN customer c ON c.id = t.customer_id "
                             "WHERE t.id = ? AND t.deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    const QString kind = q.value(0).toString();
    const int priority = q.value(1).toInt();
    const QString tier = q.value(2).toString();
    const qint64 createdAt = q.value(3).toLongLong();
    const QVariant firstRespondedAt = q.value(4);
    const QVariant resolvedAt = q.value(5);
    const QVariant closedAt = q.value(6);
    q.finish();

    QVector<SlaEvent> events;
    if (!firstRespondedAt.isNull())
        events.append({firstRespondedAt.toLongLong(), SlaEvent::FirstReply, 0});
    bool loggedResolution = false;
    q.prepare(QStringLiteral("SELECT kind, at, from_status, to_status FROM ticket_event "
                             "WHERE ticket_id = ? AND deleted_at IS NULL ORDER BY at, rowid"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket's history: %1").arg(q.lastError().text()), QStringLiteral("io")};
    const auto meaning = [this, &kind](const QString& status) {
        const auto found = m_statuses.constFind(statusKey(kind, status));
        if (found != m_statuses.constEnd())
            return found.value();
        return StatusMeaning{status == QLatin1String("resolved") || status == QLatin1String("closed"),
                             status == QLatin1String("waiting_customer")};
    };
    const auto isDone = [&meaning](const QString& status) { return meaning(status).done; };
    const auto pauses = [&meaning](const QString& status) { return meaning(status).pauses; };
    while (q.next()) {
        const QString what = q.value(0).toString();
        const qint64 at = q.value(1).toLongLong();
        const QString from = q.value(2).toString();
        const QString to = q.value(3).toString();
        if (what == QLatin1String("pause")) {
            events.append({at, SlaEvent::Pause, 0});
        } else if (what == QLatin1String("resume")) {
            events.append({at, SlaEvent::Resume, 0});
        } else if (what == QLatin1String("reply")) {
            events.append({at, SlaEvent::FirstReply, 0});
        } else if (what == QLatin1String("transition")) {
            if (pauses(from) && !pauses(to))
                events.append({at, SlaEvent::Resume, 0});
            if (isDone(to) && !isDone(from)) {
                events.append({at, SlaEvent::Resolved, 0});
                loggedResolution = true;
            } else if (isDone(from) && !isDone(to)) {
                events.append({at, SlaEvent::Reopened, 0});
            }
            if (pauses(to) && !pauses(from))
                events.append({at, SlaEvent::Pause, 0});
        }
    }
    if (!loggedResolution) {
        if (!resolvedAt.isNull())
            events.append({resolvedAt.toLongLong(), SlaEvent::Resolved, 0});
        else if (!closedAt.isNull())
            events.append({closedAt.toLongLong(), SlaEvent::Closed, 0});
    }

    const std::optional<SlaTerms> terms = m_book.terms(kind, priority, tier);
    if (!terms)
        return Error{tr("No SLA policy covers %1 tickets of priority P%2.").arg(kind).arg(priority),
                     QStringLiteral("no_policy")};
    SlaClockResult result = SlaClock::compute(createdAt, *terms, events, nowUtcMs);
    result.priority = priority;
    return result;
}

} // namespace telcodesk
