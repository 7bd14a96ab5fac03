#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/ChangeWriter.h"
#include "store/LocalStore.h"
#include "tickets/AssignmentPolicy.h"
#include "tickets/Workflow.h"

#include <QCoreApplication>
#include <QStringList>
#include <QVector>

namespace telcodesk {

/// Who works a ticket. Every assignment is one ChangeWriter transaction: ticket.assignee_id, a
/// ticket_event of kind 'assignment' whose body names who had it and who has it now, and, when the
/// ticket is still 'new', the workflow step new -> assigned taken through WorkflowService::plan (its
/// rules, role limits and events; nothing of the workflow is decided here).
///
/// Rules (Permission matrix in security/Session.cpp):
/// - take: needs TakeTickets (not clerks). An agent takes an unassigned ticket of a queue it serves
///   (AssignmentPolicy::servesQueue on its agent.skills), or re-takes its own; someone else's ticket
///   needs AssignTickets. Supervisors and admins may take any ticket.
/// - assign, assignBulk, autoAssign: need AssignTickets (supervisor, admin). The receiving agent must
///   exist, have a role with TakeTickets and serve the ticket's queue. A ticket without a queue may go
///   to anyone who works tickets; autoAssign refuses it (no queue, no candidates).
/// - autoAssign only gives out unassigned tickets; changing an assignee is a person's decision.
/// - A ticket in a closed state is never assigned (reopen it first).
/// - Assigning a ticket to whoever has it already writes nothing but the workflow step, if one is due.
/// Refusals carry a translated message and write nothing (codes: forbidden, not_found, invalid,
/// workflow, io).
class AssignmentService
{
    Q_DECLARE_TR_FUNCTIONS(AssignmentService)

public:
    enum class Strategy { RoundRobin, LeastLoaded };

    explicit AssignmentService(LocalStorePtr store, const Clock& clock = Clock::system());

    Status take(const QString& ticketId, const Session& session) const;
    Status assign(const QString& ticketId, const QString& agentId, const Session& session) const;
    /// All tickets in one transaction or none; a refusal names the first ticket (by its number) that
    /// cannot be assigned and why.
    Status assignBulk(const QStringList& ticketIds, const QString& agentId, const Session& session) const;
    /// Picks an agent among the queue's candidates and assigns an unassigned ticket to it. Returns the
    /// agent's id. Round robin keeps its cursor per queue in the local meta table
    /// ("assignment.round_robin.<queue>": the last agent picked), never the clock.
    Result<QString> autoAssign(const QString& ticketId, Strategy strategy, const Session& session) const;

    /// Agents who may receive tickets of the queue (role with TakeTickets, skill for the queue, not
    /// deleted), with their open-ticket counts, ordered by id.
    Result<QVector<AssignmentCandidate>> candidates(const QString& queue) const;

    static QString roundRobinKey(const QString& queue);

private:
    struct TicketNow
    {
        QString id;
        QString ticketNo;
        QString kind;
        QString status;
        QString queue;
        QString assigneeId;
    };
    struct AgentNow
    {
        QString id;
        QString displayName;
        Role role = Role::Agent;
        QString skills;
    };
    Result<TicketNow> readTicket(const QString& ticketId) const;
    Result<AgentNow> readAgent(const QString& agentId) const;
    /// The changes that give the ticket to the agent, after every check; empty when nothing changes.
    Result<QVector<Change>> plan(const TicketNow& ticket, const AgentNow& to, const Workflow& wf,
                                 const Session& session) const;
    Result<QVector<Change>> planAssign(const QString& ticketId, const AgentNow& to, const Workflow& wf,
                                       const Session& session) const;
    Status write(const QVector<Change>& changes) const;

    LocalStorePtr m_store;
    const Clock& m_clock;
};

} // namespace telcodesk
