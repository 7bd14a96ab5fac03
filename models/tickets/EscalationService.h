#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/ChangeWriter.h"
#include "store/LocalStore.h"
#include "tickets/EscalationRule.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QStringList>
#include <QVector>

#include <optional>

namespace telcodesk {

/// One ticket_escalation row as a supervisor sees it.
struct Escalation
{
    QString id;
    QString ticketId;
    QString ticketNo;
    QString ticketTitle;
    QString ruleId;
    QString ruleName;          ///< in the UI's language
    EscalationAction action = EscalationAction::EscalateSupervisor;
    qint64 firedAt = 0;        ///< the firing desktop's clock: shown, never compared
    int fromPriority = 0;
    int toPriority = 0;
    QString notifiedRole;
    QString detail;
    bool acknowledged = false;
    bool seen = false;         ///< this agent marked it seen on this desktop
};

/// What one evaluate() did.
struct EscalationReport
{
    int ticketsChecked = 0;
    int escalationsWritten = 0;     ///< ticket_escalation rows written
    QStringList ticketsEscalated;   ///< ids
    QStringList failures;           ///< one translated line per ticket whose write failed (nothing of it written)
    bool interrupted = false;       ///< the cancel flag stopped the pass between two tickets (the rest: next pass)
};

/// Applies the escalation rules (escalation_rule, EscalationEvaluator) to the tickets of the local store
/// and shows supervisors what fired.
///
/// When to call evaluate(): on a timer (every minute is plenty; the thresholds are hours), after a pull,
/// and evaluate(ids) after a local write to those tickets (a new complaint: repeat complaints). Any
/// desktop that works tickets may call it: every desktop that sees a ticket reaches the same decision,
/// and the rows it writes have ids derived from (ticket, rule), so that when two desktops fire the same
/// rule before either has synced, the server keeps one row and answers the other "duplicate"; the
/// server's UNIQUE (ticket_id, rule_id) refuses a row of the same pair under any other id ("constraint").
/// A rule with a ticket_escalation row for the ticket, written here or pulled, never fires again.
///
/// Each ticket's firing is one ChangeWriter transaction: the ticket_escalation row(s) and the actions:
///  - escalate_supervisor: a ticket_event 'comment' saying it was escalated and why (the ticket keeps its
///    queue and assignee); the escalation stays in pendingFor() of the role in notify_role until a
///    supervisor or admin acknowledges it;
///  - raise_priority: ticket.priority one step up (never above P1) and a 'comment' event saying so.
/// A failure leaves that ticket untouched and is reported; the other tickets go on.
///
/// Times: the SLA facts come from SlaService (the ticket's SLA calendar, pauses); sla_breached uses the
/// resolution clock; rules on the working clock use the calendar of the ticket's SLA policy. Recompute
/// ticket_sla (SlaService::recompute) for tickets whose priority this raised. Not thread-safe: one
/// instance per thread.
///
/// Cost (copy of /work/data100k, 11,359 open tickets, 2-core machine under load): a full pass first
/// narrows the open tickets in one SQL scan (index ticket_open_scan, migration 9) to those some rule may
/// fire for now: a necessary condition per rule (age for not_handled_within on either clock, ticket_sla
/// for sla_breached, another complaint in the window for repeat_complaints, not at P1 for raise_priority)
/// and no ticket_escalation row of the pair yet; only those are read and evaluated. A pass that fires
/// nothing takes 0.03-0.04 s once the connection's cache is warm (it was 0.44-0.53 s when every open
/// ticket was read; the first pass of a process, cold, 0.2-0.8 s). Still, run evaluate() on a worker
/// thread with its own connection (TicketHousekeeper), never on the GUI thread: the first pass over an
/// old store fires everything overdue at once (there: 9,225 tickets, 14,104 escalations, 27-49 s, one
/// transaction per ticket, bound by the disk); evaluate(ids) after a local write costs a few queries per ticket.
/// EscalationReport::ticketsChecked counts the tickets read and evaluated (for a full pass, the candidates).
class EscalationService
{
    Q_DECLARE_TR_FUNCTIONS(EscalationService)

public:
    explicit EscalationService(LocalStorePtr store, const Clock& clock = Clock::system());

    /// Who fires the rules on this desktop (kept as agent_id on the rows written); empty for nobody.
    void setFiringAgent(const QString& agentId) { m_agentId = agentId; }
    /// When *flag becomes non-zero (from any thread), a running evaluate() stops before the next ticket's
    /// firing and returns what it wrote, with interrupted set. Each ticket's firing is whole either way.
    void setCancelFlag(const QAtomicInteger<int>* flag) { m_cancel = flag; }

    /// Every open ticket of the store.
    Result<EscalationReport> evaluate(qint64 nowUtcMs);
    /// These tickets only (those not open are skipped).
    Result<EscalationReport> evaluate(const QStringList& ticketIds, qint64 nowUtcMs);

    /// Escalations not yet acknowledged that this agent should act on: admins see all of them; others
    /// those notifying their role, for tickets of their region (GB/T 2260 prefix, as the server's scope)
    /// or assigned to their team. Newest first by fired_at (display order only); one entry per ticket and rule.
    Result<QVector<Escalation>> pendingFor(const Session& session) const;
    /// pendingFor() limited to those fired at or after sinceMs (the firing desktop's clock; use it to
    /// bound the list, not to decide what is new: Escalation::seen says that).
    Result<QVector<Escalation>> notifications(const Session& session, qint64 sinceMs) const;
    /// How many of pendingFor() this agent has not marked seen on this desktop.
    Result<int> unseenCount(const Session& session) const;
    /// Local only (table escalation_seen): the notification bell stops counting these.
    Status markSeen(const Session& session, const QStringList& escalationIds) const;

    /// Supervisors and admins only (Permission::ManageQueues): a ticket_escalation_ack row and a comment
    /// on the ticket, in one transaction. Refused: forbidden, not_found, invalid (already acknowledged).
    Status acknowledge(const QString& escalationId, const QString& note, const Session& session) const;

    /// The ids the rows of a firing get: the same on every desktop for the same ticket and rule.
    static QString escalationId(const QString& ticketId, const QString& ruleId);
    static QString derivedId(const QString& escalationId, const QString& purpose);

private:
    Result<QVector<Escalation>> listPending(const Session& session, std::optional<qint64> sinceMs) const;
    Result<EscalationReport> run(const QStringList* ticketIds, qint64 nowUtcMs);
    /// The open tickets some rule may fire for at nowUtcMs (a necessary condition per rule, in SQL).
    Result<QStringList> candidates(QSqlDatabase& db, const QVector<EscalationRule>& rules,
                                   const QStringList& openStatuses, qint64 nowUtcMs) const;
    QVector<Change> changesFor(const EscalationFacts& facts, const QVector<EscalationDecision>& decisions,
                               qint64 nowUtcMs) const;

    LocalStorePtr m_store;
    const Clock& m_clock;
    QString m_agentId;
    const QAtomicInteger<int>* m_cancel = nullptr;
};

} // namespace telcodesk
