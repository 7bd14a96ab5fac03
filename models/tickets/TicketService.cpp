#include "tickets/TicketService.h"

#include "common/TextChecks.h"
#include "common/Uuid.h"
#include "tickets/SlaClock.h"
#include "tickets/TicketEventChange.h"
#include "tickets/SlaService.h"
#include "tickets/Workflow.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace telcodesk {

namespace {

const QStringList& ticketKinds()
{
    static const QStringList kinds{QStringLiteral("complaint"), QStringLiteral("inquiry"), QStringLiteral("fault"),
                                   QStringLiteral("suggestion")};
    return kinds;
}

QVariant nullIfEmpty(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

/// A text field an agent typed: trimmed, given when required, not too long, storable.
std::optional<Error> checkText(const QString& field, const QString& text, int maxChars, bool required)
{
    if (required && text.isEmpty())
        return Error{TicketService::tr("%1: cannot be empty.").arg(field), QStringLiteral("invalid")};
    if (text.size() > maxChars)
        return Error{TicketService::tr("%1: %2 characters is too long; at most %3.").arg(field).arg(text.size()).arg(maxChars),
                     QStringLiteral("invalid")};
    if (!isStorableText(text))
        return Error{TicketService::tr("%1: contains characters that are not valid text.").arg(field),
                     QStringLiteral("invalid")};
    return std::nullopt;
}

} // namespace

TicketService::TicketService(LocalStorePtr store, const Session& session, const Clock& clock)
    : m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
{
}

QString TicketService::defaultQueue(const QString& kind, const QString& tier, const QString& language)
{
    if (tier == QLatin1String("diamond") || tier == QLatin1String("platinum"))
        return QStringLiteral("vip");
    if (language == QLatin1String("en"))
        return QStringLiteral("english");
    if (kind == QLatin1String("complaint"))
        return QStringLiteral("complaints");
    if (kind == QLatin1String("fault"))
        return QStringLiteral("network");
    return QStringLiteral("general");
}

QString TicketService::makeTicketNo(const QString& ticketId, qint64 createdAtUtcMs)
{
    // Beijing date, like the numbers the operators' systems print; the suffix is the random tail of the
    // UUIDv7, so two desktops numbering offline on the same day do not collide in practice.
    const QDate day = QDateTime::fromMSecsSinceEpoch(createdAtUtcMs, QTimeZone(8 * 3600)).date();
    QString hex = ticketId;
    hex.remove(QLatin1Char('-'));
    return QStringLiteral("TK") + day.toString(QStringLiteral("yyMMdd")) + hex.right(6).toUpper();
}

Result<QVector<Change>> TicketService::planCreate(const NewTicket& input, QString* ticketId) const
{
    if (!m_session.can(Permission::LogInteraction))
        return Error{tr("Your role may not open tickets."), QStringLiteral("forbidden")};
    if (!ticketKinds().contains(input.kind))
        return Error{tr("Kind: \"%1\" is not a kind of ticket.").arg(input.kind.left(40)), QStringLiteral("invalid")};
    if (input.priority < 1 || input.priority > 4)
        return Error{tr("Priority: must be P1 to P4."), QStringLiteral("invalid")};
    if (!Interaction::channels().contains(input.channel))
        return Error{tr("Channel: \"%1\" is not a known channel.").arg(input.channel.left(40)), QStringLiteral("invalid")};
    const QString title = input.title.trimmed();
    const QString description = input.description.trimmed();
    if (auto bad = checkText(tr("Title"), title, kMaxTitleChars, true))
        return *bad;
    if (auto bad = checkText(tr("Description"), description, kMaxTextChars, false))
        return *bad;

    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT coalesce(tier, ''), name_alt IS NOT NULL FROM customer WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(input.customerId);
    if (!q.exec())
        return Error{tr("Cannot read the customer: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("Customer: the customer does not exist."), QStringLiteral("not_found")};
    const QString tier = q.value(0).toString();
    const bool latinName = q.value(1).toBool();
    if (!input.subscriptionId.isEmpty()) {
        q.prepare(QStringLiteral("SELECT 1 FROM subscription WHERE id = ? AND customer_id = ? AND deleted_at IS NULL"));
        q.addBindValue(input.subscriptionId);
        q.addBindValue(input.customerId);
        if (!q.exec() || !q.next())
            return Error{tr("Line: the line does not belong to this customer."), QStringLiteral("invalid")};
    }
    if (!input.fromInteractionId.isEmpty()) {
        q.prepare(QStringLiteral("SELECT 1 FROM interaction WHERE id = ? AND customer_id = ? AND deleted_at IS NULL"));
        q.addBindValue(input.fromInteractionId);
        q.addBindValue(input.customerId);
        if (!q.exec() || !q.next())
            return Error{tr("Interaction: the contact does not belong to this customer."), QStringLiteral("invalid")};
    }
    q.finish();

    const auto workflow = Workflow::load(m_store->connection());
    if (!workflow)
        return workflow.error();
    const QVector<WorkflowState> states = workflow.value().states(input.kind);
    const QString initial = states.isEmpty() ? QStringLiteral("new") : states.first().status;

    const qint64 now = m_clock.nowMs();
    const QString id = UuidV7::create();
    if (ticketId)
        *ticketId = id;

    // The due times as the policy sets them at opening; the live clocks (pauses, priority changes)
    // are SlaService's and kept in ticket_sla.
    QVariant firstResponseDue;
    QVariant resolutionDue;
    SlaService sla(m_store);
    const Status catalog = sla.reload();
    if (!catalog)
        return catalog.error();
    // No policy for this kind and priority: the ticket opens without due times rather than not at all.
    if (const auto terms = sla.book().terms(input.kind, input.priority, tier)) {
        const SlaClockResult clock = SlaClock::compute(now, *terms, {}, now);
        firstResponseDue = clock.firstResponse.dueUtcMs;
        resolutionDue = clock.resolution.dueUtcMs;
    }

    Change ticket;
    ticket.op = Change::Op::Insert;
    ticket.table = QStringLiteral("ticket");
    ticket.id = id;
    ticket.fields = {
        {QStringLiteral("ticket_no"), makeTicketNo(id, now)},
        {QStringLiteral("customer_id"), input.customerId},
        {QStringLiteral("subscription_id"), nullIfEmpty(input.subscriptionId)},
        {QStringLiteral("kind"), input.kind},
        {QStringLiteral("priority"), input.priority},
        {QStringLiteral("status"), initial},
        {QStringLiteral("queue"), input.queue.isEmpty()
                                      ? defaultQueue(input.kind, tier, latinName ? QStringLiteral("en") : QStringLiteral("zh"))
                                      : input.queue},
        {QStringLiteral("channel"), input.channel},
        {QStringLiteral("title"), title},
        // A blank description is "" (the column is NOT NULL); a null QString would bind as NULL.
        {QStringLiteral("description"), description.isNull() ? QStringLiteral("") : description},
        {QStringLiteral("created_at"), now},
        {QStringLiteral("first_response_due"), firstResponseDue},
        {QStringLiteral("resolution_due"), resolutionDue},
    };

    Change opened = ticketEventChange(id, QStringLiteral("transition"), now, m_session.agentId,
                                input.fromInteractionId.isEmpty() ? tr("Opened.") : tr("Opened from a logged contact."));
    opened.fields.insert(QStringLiteral("to_status"), initial);
    return QVector<Change>{ticket, opened};
}

Result<QString> TicketService::create(const NewTicket& input) const
{
    QString id;
    const auto changes = planCreate(input, &id);
    if (!changes)
        return changes.error();
    const Status written = ChangeWriter(m_store, m_clock).apply(changes.value());
    if (!written)
        return written.error();
    return id;
}

Status TicketService::writeEvent(const QString& ticketId, const QString& kind, const QString& body) const
{
    if (auto bad = checkText(kind == QLatin1String("reply") ? tr("Reply") : tr("Note"), body, kMaxTextChars, true))
        return *bad;
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT first_responded_at FROM ticket WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    const bool responded = !q.value(0).isNull();
    q.finish();

    const qint64 now = m_clock.nowMs();
    QVector<Change> changes;
    const Change event = ticketEventChange(ticketId, kind, now, m_session.agentId, body);
    if (kind == QLatin1String("reply") && !responded) {
        Change update;
        update.op = Change::Op::Update;
        update.table = QStringLiteral("ticket");
        update.id = ticketId;
        update.fields.insert(QStringLiteral("first_responded_at"), now);
        changes << update;
    }
    changes << event;
    return ChangeWriter(m_store, m_clock).apply(changes);
}

Status TicketService::reply(const QString& ticketId, const QString& body) const
{
    if (!m_session.can(Permission::LogInteraction))
        return Error{tr("Your role may not work tickets."), QStringLiteral("forbidden")};
    return writeEvent(ticketId, QStringLiteral("reply"), body.trimmed());
}

Status TicketService::comment(const QString& ticketId, const QString& body) const
{
    if (!m_session.can(Permission::LogInteraction))
        return Error{tr("Your role may not work tickets."), QStringLiteral("forbidden")};
    return writeEvent(ticketId, QStringLiteral("comment"), body.trimmed());
}

Status TicketService::setPriority(const QString& ticketId, int priority, const QString& reason) const
{
    if (!m_session.can(Permission::TakeTickets))
        return Error{tr("Your role may not change a ticket's priority."), QStringLiteral("forbidden")};
    if (priority < 1 || priority > 4)
        return Error{tr("Priority: must be P1 to P4."), QStringLiteral("invalid")};
    const QString why = reason.trimmed();
    if (auto bad = checkText(tr("Reason"), why, kMaxTextChars, true))
        return *bad;
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT priority FROM ticket WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    const int before = q.value(0).toInt();
    q.finish();
    if (before == priority)
        return Status::success();

    const qint64 now = m_clock.nowMs();
    Change update;
    update.op = Change::Op::Update;
    update.table = QStringLiteral("ticket");
    update.id = ticketId;
    update.fields.insert(QStringLiteral("priority"), priority);
    //: A ticket's history: %1 and %2 are priorities (1 = highest), %3 the agent's reason
    const Change event = ticketEventChange(ticketId, QStringLiteral("comment"), now, m_session.agentId,
                                     tr("Priority P%1 → P%2: %3").arg(before).arg(priority).arg(why));
    return ChangeWriter(m_store, m_clock).apply({update, event});
}

Result<TicketDetail> TicketService::load(const QString& ticketId) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral(
        "SELECT t.id, t.ticket_no, t.customer_id, coalesce(t.subscription_id, ''), t.kind, t.priority, t.status, "
        "coalesce(t.queue, ''), coalesce(t.assignee_id, ''), t.channel, t.title, t.description, "
        "coalesce(t.resolution, ''), coalesce(t.csat, 0), t.created_at, t.resolution_due, t.resolved_at, t.closed_at, "
        "t.first_response_due, t.first_responded_at, c.name, coalesce(c.tier, ''), "
        "coalesce(s.number, c.primary_msisdn, ''), coalesce(a.display_name, '') "
        "FROM ticket t LEFT JOIN customer c ON c.id = t.customer_id "
        "LEFT JOIN subscription s ON s.id = t.subscription_id "
        "LEFT JOIN agent a ON a.id = t.assignee_id "
        "WHERE t.id = ? AND t.deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    const auto time = [&q](int column) {
        return q.value(column).isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(q.value(column).toLongLong(), QTimeZone::utc());
    };
    TicketDetail d;
    Ticket& t = d.ticket;
    t.id = q.value(0).toString();
    t.ticketNo = q.value(1).toString();
    t.customerId = q.value(2).toString();
    t.subscriptionId = q.value(3).toString();
    t.kind = q.value(4).toString();
    t.priority = q.value(5).toInt();
    t.status = q.value(6).toString();
    t.queue = q.value(7).toString();
    t.assigneeId = q.value(8).toString();
    t.channel = q.value(9).toString();
    t.title = q.value(10).toString();
    t.description = q.value(11).toString();
    t.resolution = q.value(12).toString();
    t.csat = q.value(13).toInt();
    t.createdAt = time(14);
    t.resolutionDue = time(15);
    t.resolvedAt = time(16);
    t.closedAt = time(17);
    d.firstResponseDue = q.value(18).toLongLong();
    d.firstRespondedAt = q.value(19).toLongLong();
    d.customerName = q.value(20).toString();
    d.customerTier = q.value(21).toString();
    d.msisdn = q.value(22).toString();
    d.assigneeName = q.value(23).toString();
    q.finish();

    q.prepare(QStringLiteral("SELECT e.id, e.kind, e.at, coalesce(e.agent_id, ''), coalesce(a.display_name, ''), "
                             "coalesce(e.body, ''), coalesce(e.from_status, ''), coalesce(e.to_status, '') "
                             "FROM ticket_event e LEFT JOIN agent a ON a.id = e.agent_id "
                             "WHERE e.ticket_id = ? AND e.deleted_at IS NULL ORDER BY e.at, e.rowid"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket's history: %1").arg(q.lastError().text()), QStringLiteral("io")};
    while (q.next()) {
        TicketEvent e;
        e.id = q.value(0).toString();
        e.kind = q.value(1).toString();
        e.at = q.value(2).toLongLong();
        e.agentId = q.value(3).toString();
        e.agentName = q.value(4).toString();
        e.body = q.value(5).toString();
        e.fromStatus = q.value(6).toString();
        e.toStatus = q.value(7).toString();
        d.events << e;
    }
    return d;
}

} // namespace telcodesk
