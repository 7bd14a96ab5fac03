#include "tickets/AssignmentService.h"
#include "tickets/TicketEventChange.h"

#include "common/Logging.h"
#include "common/Uuid.h"
#include "tickets/WorkflowService.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

namespace {

const QString kNew = QStringLiteral("new");
const QString kAssigned = QStringLiteral("assigned");

Error forbidden(const QString& message)
{
    return Error{message, QStringLiteral("forbidden")};
}

} // namespace

AssignmentService::AssignmentService(LocalStorePtr store, const Clock& clock) : m_store(std::move(store)), m_clock(clock)
{
}

QString AssignmentService::roundRobinKey(const QString& queue)
{
    return QStringLiteral("assignment.round_robin.") + queue;
}

Result<AssignmentService::TicketNow> AssignmentService::readTicket(const QString& ticketId) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT ticket_no, kind, status, queue, assignee_id FROM ticket "
                             "WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return Error{tr("Cannot read the ticket: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    TicketNow t;
    t.id = ticketId;
    t.ticketNo = q.value(0).toString();
    t.kind = q.value(1).toString();
    t.status = q.value(2).toString();
    t.queue = q.value(3).toString();
    t.assigneeId = q.value(4).toString();
    return t;
}

Result<AssignmentService::AgentNow> AssignmentService::readAgent(const QString& agentId) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT display_name, role, skills FROM agent WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(agentId);
    if (!q.exec())
        return Error{tr("Cannot read the agent: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("The agent does not exist or has left."), QStringLiteral("not_found")};
    AgentNow a;
    a.id = agentId;
    a.displayName = q.value(0).toString();
    if (!roleFromCode(q.value(1).toString(), &a.role))
        return Error{tr("The agent %1 has a role this version does not know.").arg(a.displayName),
                     QStringLiteral("invalid")};
    a.skills = q.value(2).toString();
    return a;
}

Result<QVector<Change>> AssignmentService::plan(const TicketNow& ticket, const AgentNow& to, const Workflow& wf,
                                                const Session& session) const
{
    const auto state = wf.state(ticket.kind, ticket.status);
    if (state && state->category == WorkflowCategory::Closed)
        return Error{tr("The ticket is closed; reopen it before assigning it."), QStringLiteral("invalid")};
    if (!roleHas(to.role, Permission::TakeTickets))
        return Error{tr("%1 does not work tickets.").arg(to.displayName), QStringLiteral("invalid")};
    // Supervisors and admins taking a ticket themselves are not held to the queue's skill.
    const bool selfBySupervisor = to.id == session.agentId && session.can(Permission::AssignTickets);
    if (!ticket.queue.isEmpty() && !selfBySupervisor && !AssignmentPolicy::servesQueue(to.skills, ticket.queue))
        return Error{tr("%1 does not serve the queue '%2' (it needs the skill '%3').")
                         .arg(to.displayName, ticket.queue, AssignmentPolicy::skillForQueue(ticket.queue)),
                     QStringLiteral("invalid")};

    QVector<Change> changes;
    const bool step = ticket.status == kNew && wf.transition(ticket.kind, kNew, kAssigned).has_value();
    if (step) {
        const auto planned = WorkflowService(m_store, m_clock).plan(ticket.id, kAssigned, TransitionInput(), session);
        if (!planned)
            return planned.error();
        changes = planned.value();
    }
    if (ticket.assigneeId == to.id)
        return changes;

    QString fromName = tr("nobody", "a ticket's previous assignee when it had none");
    if (!ticket.assigneeId.isEmpty()) {
        const auto from = readAgent(ticket.assigneeId);
        fromName = from ? from.value().displayName : ticket.assigneeId;
    }
    if (!changes.isEmpty() && changes.first().table == QLatin1String("ticket") && changes.first().id == ticket.id) {
        changes.first().fields.insert(QStringLiteral("assignee_id"), to.id);
    } else {
        Change update;
        update.op = Change::Op::Update;
        update.table = QStringLiteral("ticket");
        update.id = ticket.id;
        update.fields.insert(QStringLiteral("assignee_id"), to.id);
        changes.prepend(update);
    }
    changes << ticketEventChange(ticket.id, QStringLiteral("assignment"), m_clock.nowMs(), session.agentId,
                                 tr("Assigned: %1 → %2").arg(fromName, to.displayName));
    return changes;
}

Result<QVector<Change>> AssignmentService::planAssign(const QString& ticketId, const AgentNow& to, const Workflow& wf,
                                                      const Session& session) const
{
    const auto ticket = readTicket(ticketId);
    if (!ticket)
        return ticket.error();
    return plan(ticket.value(), to, wf, session);
}

Status AssignmentService::write(const QVector<Change>& changes) const
{
    if (changes.isEmpty())
        return Status::success();
    return ChangeWriter(m_store, m_clock).apply(changes);
}

Status AssignmentService::take(const QString& ticketId, const Session& session) const
{
    if (!session.can(Permission::TakeTickets))
        return forbidden(tr("Your role (%1) does not take tickets.").arg(roleCode(session.role)));
    const auto ticket = readTicket(ticketId);
    if (!ticket)
        return ticket.error();
    const auto me = readAgent(session.agentId);
    if (!me)
        return me.error();
    const TicketNow& t = ticket.value();
    if (!t.assigneeId.isEmpty() && t.assigneeId != session.agentId && !session.can(Permission::AssignTickets)) {
        const auto holder = readAgent(t.assigneeId);
        return forbidden(tr("Ticket %1 is assigned to %2; only a supervisor can reassign it.")
                             .arg(t.ticketNo, holder ? holder.value().displayName : t.assigneeId));
    }
    const auto wf = Workflow::load(m_store->connection());
    if (!wf)
        return wf.error();
    const auto changes = plan(t, me.value(), wf.value(), session);
    if (!changes)
        return changes.error();
    return write(changes.value());
}

Status AssignmentService::assign(const QString& ticketId, const QString& agentId, const Session& session) const
{
    return assignBulk(QStringList{ticketId}, agentId, session);
}

Status AssignmentService::assignBulk(const QStringList& ticketIds, const QString& agentId, const Session& session) const
{
    if (!session.can(Permission::AssignTickets))
        return forbidden(tr("Your role (%1) cannot assign tickets to others.").arg(roleCode(session.role)));
    if (ticketIds.isEmpty())
        return Error{tr("Choose at least one ticket to assign."), QStringLiteral("invalid")};
    const auto to = readAgent(agentId);
    if (!to)
        return to.error();
    const auto wf = Workflow::load(m_store->connection());
    if (!wf)
        return wf.error();
    QVector<Change> all;
    QSet<QString> seen;
    for (const QString& id : ticketIds) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        const auto ticket = readTicket(id);
        if (!ticket)
            return Error{tr("Ticket %1 cannot be assigned: %2").arg(id, ticket.error().message), ticket.error().code};
        const auto changes = plan(ticket.value(), to.value(), wf.value(), session);
        if (!changes)
            return Error{tr("Ticket %1 cannot be assigned: %2").arg(ticket.value().ticketNo, changes.error().message),
                         changes.error().code};
        all << changes.value();
    }
    return write(all);
}

Result<QVector<AssignmentCandidate>> AssignmentService::candidates(const QString& queue) const
{
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, role, skills FROM agent WHERE deleted_at IS NULL ORDER BY id"));
    if (!q.exec())
        return Error{tr("Cannot read the agents: %1").arg(q.lastError().text()), QStringLiteral("io")};
    QVector<AssignmentCandidate> out;
    while (q.next()) {
        Role role = Role::Agent;
        if (!roleFromCode(q.value(1).toString(), &role) || !roleHas(role, Permission::TakeTickets))
            continue;
        if (!AssignmentPolicy::servesQueue(q.value(2).toString(), queue))
            continue;
        AssignmentCandidate c;
        c.agentId = q.value(0).toString();
        out << c;
    }
    if (out.isEmpty())
        return out;

    const auto wf = Workflow::load(db);
    if (!wf)
        return wf.error();
    QStringList marks;
    for (int i = 0; i < out.size(); ++i)
        marks << QStringLiteral("?");
    // Only placeholders are joined into the text; every id is bound.
    QSqlQuery c(db);
    c.prepare(QStringLiteral("SELECT assignee_id, kind, status, COUNT(*) FROM ticket "
                             "WHERE deleted_at IS NULL AND assignee_id IN (")
              + marks.join(QLatin1Char(',')) + QStringLiteral(") GROUP BY assignee_id, kind, status"));
    for (const AssignmentCandidate& cand : out)
        c.addBindValue(cand.agentId);
    if (!c.exec())
        return Error{tr("Cannot count the agents' tickets: %1").arg(c.lastError().text()), QStringLiteral("io")};
    while (c.next()) {
        const auto state = wf.value().state(c.value(1).toString(), c.value(2).toString());
        // A status the workflow does not know counts as open: better to spare that agent than to pile on.
        if (state && (state->category == WorkflowCategory::Resolved || state->category == WorkflowCategory::Closed))
            continue;
        const QString id = c.value(0).toString();
        for (AssignmentCandidate& cand : out) {
            if (cand.agentId == id)
                cand.openTickets += c.value(3).toInt();
        }
    }
    return out;
}

Result<QString> AssignmentService::autoAssign(const QString& ticketId, Strategy strategy, const Session& session) const
{
    if (!session.can(Permission::AssignTickets))
        return forbidden(tr("Your role (%1) cannot assign tickets to others.").arg(roleCode(session.role)));
    const auto ticket = readTicket(ticketId);
    if (!ticket)
        return ticket.error();
    const TicketNow& t = ticket.value();
    if (!t.assigneeId.isEmpty()) {
        const auto holder = readAgent(t.assigneeId);
        return Error{tr("Ticket %1 is already assigned to %2; assign it by hand to change that.")
                         .arg(t.ticketNo, holder ? holder.value().displayName : t.assigneeId),
                     QStringLiteral("invalid")};
    }
    if (t.queue.isEmpty())
        return Error{tr("Ticket %1 has no queue, so nobody can be picked for it.").arg(t.ticketNo),
                     QStringLiteral("invalid")};
    const auto found = candidates(t.queue);
    if (!found)
        return found.error();
    const QString key = roundRobinKey(t.queue);
    const int index = strategy == Strategy::RoundRobin
        ? AssignmentPolicy::pickRoundRobin(found.value(), m_store->meta(key))
        : AssignmentPolicy::pickLeastLoaded(found.value());
    if (index < 0)
        return Error{tr("Nobody serves the queue '%1' (skill '%2').").arg(t.queue, AssignmentPolicy::skillForQueue(t.queue)),
                     QStringLiteral("invalid")};
    const QString agentId = found.value().at(index).agentId;
    const auto to = readAgent(agentId);
    if (!to)
        return to.error();
    const auto wf = Workflow::load(m_store->connection());
    if (!wf)
        return wf.error();
    const auto changes = plan(t, to.value(), wf.value(), session);
    if (!changes)
        return changes.error();
    const Status written = write(changes.value());
    if (!written)
        return written.error();
    if (strategy == Strategy::RoundRobin) {
        // After the commit: a crash in between leaves the cursor one behind, which only repeats a turn.
        const Status moved = m_store->setMeta(key, agentId);
        if (!moved)
            qCWarning(lcServices) << "round-robin cursor not saved for queue" << t.queue << moved.error().message;
    }
    return agentId;
}

} // namespace telcodesk
