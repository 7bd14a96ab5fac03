#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/ChangeWriter.h"
#include "store/LocalStore.h"
#include "tickets/Workflow.h"

#include <QCoreApplication>
#include <QVector>

#include <optional>

namespace telcodesk {

/// What an agent gives with a step; which of these a step needs is in workflow_transition.requires.
struct TransitionInput
{
    QString note;              ///< optional, kept on the transition event
    QString resolution;        ///< written to the ticket when given
    std::optional<int> csat;   ///< 1..5, written to the ticket when given
    QString reason;            ///< why (reopen, void, handle again), kept on the transition event
};

/// Moves tickets along their kind's workflow (Workflow, from the catalog). Shows an agent the steps it
/// may take now and takes one locally through ChangeWriter: the ticket's status and times plus its
/// events in one transaction. The server checks the step again (sync.check_ticket_transition) and has
/// the last word, with its own clock for reopen windows.
class WorkflowService
{
    Q_DECLARE_TR_FUNCTIONS(WorkflowService)

public:
    explicit WorkflowService(LocalStorePtr store, const Clock& clock = Clock::system());

    /// The workflow as the cache holds it now.
    Result<Workflow> workflow() const;

    /// The steps this agent may take on the ticket now: its role is at least the step's min_role and a
    /// reopen is inside its window by the local clock (for display; the server decides).
    Result<QVector<WorkflowTransition>> allowed(const QString& ticketId, const Session& session) const;

    /// Takes the step to toStatus. Refused (code "workflow") with a message that names the current
    /// state and what is allowed; refused (code "invalid") when a required input is missing. Nothing is
    /// written when refused.
    Status transition(const QString& ticketId, const QString& toStatus, const TransitionInput& input,
                      const Session& session) const;

    /// The same checks as transition(), but returns the changes instead of writing them, so that a
    /// caller can write the step in one transaction with its own changes (an assignment). The first
    /// change is the ticket's update.
    Result<QVector<Change>> plan(const QString& ticketId, const QString& toStatus, const TransitionInput& input,
                                 const Session& session) const;

    /// "A complaint", "A fault report", ... for messages.
    static QString kindPhrase(const QString& kind);

    /// Longest resolution, reason or note accepted, in characters.
    static constexpr int kMaxTextChars = 4000;

private:
    struct TicketNow
    {
        QString kind;
        QString status;
        QVariant firstRespondedAt;
        QVariant resolvedAt;
        QVariant closedAt;
    };
    Result<TicketNow> readTicket(const QString& ticketId) const;
    QVector<WorkflowTransition> allowedFor(const Workflow& wf, const TicketNow& ticket, const Session& session) const;
    bool insideWindow(const WorkflowTransition& step, const TicketNow& ticket) const;
    QString allowedSentence(const Workflow& wf, const TicketNow& ticket, const QVector<WorkflowTransition>& steps) const;

    LocalStorePtr m_store;
    const Clock& m_clock;
};

} // namespace telcodesk
