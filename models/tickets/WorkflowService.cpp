#include "tickets/WorkflowService.h"
#include "tickets/TicketEventChange.h"

#include "common/TextChecks.h"
#include "common/Uuid.h"
#include "store/ChangeWriter.h"

#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

QString rolePhrase(Role role)
{
    switch (role) {
    case Role::Agent: return WorkflowService::tr("an agent");
    case Role::Clerk: return WorkflowService::tr("a clerk");
    case Role::Supervisor: return WorkflowService::tr("a supervisor");
    case Role::Admin: return WorkflowService::tr("an administrator");
    }
    return QString();
}

bool isPaused(const std::optional<WorkflowState>& s)
{
    return s && s->pausesSla;
}

WorkflowCategory categoryOf(const std::optional<WorkflowState>& s)
{
    return s ? s->category : WorkflowCategory::Open;
}

} // namespace

WorkflowService::WorkflowService(LocalStorePtr store, const Clock& clock) : m_store(std::move(store)), m_clock(clock) {}

QString WorkflowService::kindPhrase(const QString& kind)
{
    if (kind == QLatin1String("complaint"))
        return tr("A complaint");
    if (kind == QLatin1String("fault"))
        return tr("A fault report");
    if (kind == QLatin1String("inquiry"))
        return tr("An inquiry");
    if (kind == QLatin1String("suggestion"))
        return tr("A suggestion");
    return tr("A ticket of kind '%1'").arg(kind);
}

Result<Workflow> WorkflowService::workflow() const
{
    return Workflow::load(m_store->connection());
}

Result<WorkflowService::TicketNow> WorkflowService::readTicket(const QString& ticketId) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT kind, status, first_responded_at, resolved_at, closed_at FROM ticket "
                             "WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    TicketNow t;
    t.kind = q.value(0).toString();
    t.status = q.value(1).toString();
    t.firstRespondedAt = q.value(2);
    t.resolvedAt = q.value(3);
    t.closedAt = q.value(4);
    return t;
}

bool WorkflowService::insideWindow(const WorkflowTransition& step, const TicketNow& ticket) const
{
    if (!step.reopenWithinDays)
        return true;
    if (ticket.closedAt.isNull())
        return false;
    return m_clock.nowMs() - ticket.closedAt.toLongLong() <= qint64(*step.reopenWithinDays) * kDayMs;
}

QVector<WorkflowTransition> WorkflowService::allowedFor(const Workflow& wf, const TicketNow& ticket,
                                                        const Session& session) const
{
    QVector<WorkflowTransition> out;
    for (const WorkflowTransition& t : wf.transitionsFrom(ticket.kind, ticket.status)) {
        if (t.allowsRole(session.role) && insideWindow(t, ticket))
            out << t;
    }
    return out;
}

QString WorkflowService::allowedSentence(const Workflow& wf, const TicketNow& ticket,
                                         const QVector<WorkflowTransition>& steps) const
{
    const bool chinese = Workflow::chineseUi();
    const QString current = wf.label(ticket.kind, ticket.status, chinese);
    if (steps.isEmpty())
        return tr("%1 that is '%2' cannot change status now.").arg(kindPhrase(ticket.kind), current);
    QStringList targets;
    for (const WorkflowTransition& t : steps) {
        const QString label = wf.label(ticket.kind, t.toStatus, chinese);
        if (!targets.contains(label))
            targets << label;
    }
    return tr("%1 that is '%2' can go to: %3.")
        .arg(kindPhrase(ticket.kind), current, targets.join(tr(", ", "separator of a list of statuses")));
}

Result<QVector<WorkflowTransition>> WorkflowService::allowed(const QString& ticketId, const Session& session) const
{
    const auto ticket = readTicket(ticketId);
    if (!ticket)
        return ticket.error();
    const auto wf = workflow();
    if (!wf)
        return wf.error();
    return allowedFor(wf.value(), ticket.value(), session);
}

Status WorkflowService::transition(const QString& ticketId, const QString& toStatus, const TransitionInput& input,
                                   const Session& session) const
{
    const auto changes = plan(ticketId, toStatus, input, session);
    if (!changes)
        return changes.error();
    return ChangeWriter(m_store, m_clock).apply(changes.value());
}

Result<QVector<Change>> WorkflowService::plan(const QString& ticketId, const QString& toStatus,
                                              const TransitionInput& input, const Session& session) const
{
    const auto read = readTicket(ticketId);
    if (!read)
        return read.error();
    const TicketNow& ticket = read.value();
    const auto loaded = workflow();
    if (!loaded)
        return loaded.error();
    const Workflow& wf = loaded.value();
    const bool chinese = Workflow::chineseUi();

    const auto from = wf.state(ticket.kind, ticket.status);
    if (!from)
        return Error{tr("%1 cannot be '%2': its workflow has no such status. Ask a supervisor to correct it.")
                         .arg(kindPhrase(ticket.kind), ticket.status),
                     QStringLiteral("workflow")};
    const QVector<WorkflowTransition> steps = allowedFor(wf, ticket, session);
    const auto step = wf.transition(ticket.kind, ticket.status, toStatus);
    if (!step)
        return Error{allowedSentence(wf, ticket, steps), QStringLiteral("workflow")};
    if (!step->allowsRole(session.role))
        return Error{tr("'%1' needs %2 or above.").arg(step->action(chinese), rolePhrase(step->minRole)) + QLatin1Char(' ')
                         + allowedSentence(wf, ticket, steps),
                     QStringLiteral("workflow")};
    if (!insideWindow(*step, ticket))
        return Error{tr("'%1' is possible only within %n day(s) of closing.", nullptr, *step->reopenWithinDays)
                             .arg(step->action(chinese))
                         + QLatin1Char(' ') + allowedSentence(wf, ticket, steps),
                     QStringLiteral("workflow")};
    const auto to = wf.state(ticket.kind, toStatus);
    if (!to)
        return Error{tr("%1 cannot be '%2': its workflow has no such status. Ask a supervisor to correct it.")
                         .arg(kindPhrase(ticket.kind), toStatus),
                     QStringLiteral("workflow")};

    // Inputs: what the step requires, and whatever is given checked the same way.
    const QString resolution = input.resolution.trimmed();
    const QString reason = input.reason.trimmed();
    const QString note = input.note.trimmed();
    if (step->requirement == WorkflowRequirement::Resolution && resolution.isEmpty())
        return Error{tr("Resolution: write how the ticket was resolved before '%1'.").arg(step->action(chinese)),
                     QStringLiteral("invalid")};
    if (step->requirement == WorkflowRequirement::Csat && !input.csat)
        return Error{tr("Satisfaction: give the customer's score from 1 to 5 before '%1'.").arg(step->action(chinese)),
                     QStringLiteral("invalid")};
    if (step->requirement == WorkflowRequirement::Reason && reason.isEmpty())
        return Error{tr("Reason: say why, before '%1'.").arg(step->action(chinese)), QStringLiteral("invalid")};
    if (input.csat && (*input.csat < 1 || *input.csat > 5))
        return Error{tr("Satisfaction: the score is from 1 to 5, not %1.").arg(*input.csat), QStringLiteral("invalid")};
    for (const auto& [text, what] : {std::pair<const QString&, QString>{resolution, tr("Resolution")},
                                     std::pair<const QString&, QString>{reason, tr("Reason")},
                                     std::pair<const QString&, QString>{note, tr("Note")}}) {
        if (text.size() > kMaxTextChars)
            return Error{tr("%1: %2 characters is too long; at most %3.").arg(what).arg(text.size()).arg(kMaxTextChars),
                         QStringLiteral("invalid")};
        if (!isStorableText(text))
            return Error{tr("%1: contains characters that are not valid text.").arg(what), QStringLiteral("invalid")};
    }

    const qint64 now = m_clock.nowMs();
    const WorkflowCategory fromCategory = categoryOf(from);
    const WorkflowCategory toCategory = to->category;

    Change update;
    update.op = Change::Op::Update;
    update.table = QStringLiteral("ticket");
    update.id = ticketId;
    update.fields.insert(QStringLiteral("status"), toStatus);
    // Asking the customer, answering and closing all count as the first response.
    if (ticket.firstRespondedAt.isNull() && toCategory != WorkflowCategory::Open)
        update.fields.insert(QStringLiteral("first_responded_at"), now);
    if (toCategory == WorkflowCategory::Resolved && fromCategory != WorkflowCategory::Resolved)
        update.fields.insert(QStringLiteral("resolved_at"), now);
    if (toCategory == WorkflowCategory::Closed) {
        update.fields.insert(QStringLiteral("closed_at"), now);
        if (ticket.resolvedAt.isNull())
            update.fields.insert(QStringLiteral("resolved_at"), now);
    }
    // Back to work (reopen, handle again): the old answer and closing no longer stand.
    if ((toCategory == WorkflowCategory::Open || toCategory == WorkflowCategory::Waiting)
        && (fromCategory == WorkflowCategory::Resolved || fromCategory == WorkflowCategory::Closed)) {
        if (!ticket.resolvedAt.isNull())
            update.fields.insert(QStringLiteral("resolved_at"), QVariant());
        if (!ticket.closedAt.isNull())
            update.fields.insert(QStringLiteral("closed_at"), QVariant());
    }
    if (!resolution.isEmpty())
        update.fields.insert(QStringLiteral("resolution"), resolution);
    if (input.csat)
        update.fields.insert(QStringLiteral("csat"), *input.csat);

    const auto event = [&](const QString& kind, const QString& body) {
        Change c = ticketEventChange(ticketId, kind, now, session.agentId, body);
        c.fields.insert(QStringLiteral("from_status"), ticket.status);
        c.fields.insert(QStringLiteral("to_status"), toStatus);
        return c;
    };
    QStringList body;
    if (!reason.isEmpty())
        body << reason;
    if (!note.isEmpty())
        body << note;
    QVector<Change> changes{update, event(QStringLiteral("transition"), body.join(QLatin1Char('\n')))};
    if (to->pausesSla && !isPaused(from))
        changes << event(QStringLiteral("pause"), QString());
    else if (!to->pausesSla && isPaused(from))
        changes << event(QStringLiteral("resume"), QString());
    return changes;
}

} // namespace telcodesk
