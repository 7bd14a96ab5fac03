#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"
#include "tickets/SlaClock.h"

struct sqlite3;

#include <QCoreApplication>
#include <QStringList>
#include <QVariant>
#include <QVector>

#include <memory>

namespace telcodesk {

/// SLA clocks of tickets in the local store, computed here (correct offline). Loads the calendars and
/// policies once (reload() after a pull changed them) and reads a ticket with its events per call.
/// clockFor() reads; recomputeAll() / recompute() write the local-only table ticket_sla (migration 6),
/// which the queue sorts and filters on. Not thread-safe: one instance per thread.
///
/// How a ticket's rows become SlaEvents: ticket_event 'pause'/'resume'; a transition into a status
/// that pauses the SLA (workflow_state.pauses_sla; without the workflow catalog: waiting_customer)
/// pauses and one out of it resumes; the first 'reply' (or ticket.first_responded_at) is the first
/// response; a transition into a resolved or closed category (without the catalog: the statuses
/// 'resolved', 'closed') resolves, one out of them back to work reopens (ticket.resolved_at / closed_at
/// stand in when no such transition was logged). The store keeps no priority history, so the ticket's
/// current priority applies.
///
/// What ticket_sla holds for a paused ticket (migration 6's column comments predate this and migrations
/// are never edited): due_at, first_response_due and resolution_due are NULL for each clock that is
/// paused with time left, because its due depends on when the customer answers (clockFor() still gives
/// SlaClock's "if resumed now"); near_breach_at is NULL; remaining_ms is the working time left at the
/// pause. So a paused row does not change from one minute to the next and a full recompute leaves it
/// alone (the queue's due order puts paused tickets after the ones with a due). A clock breached before
/// its pause keeps its due, which lies in the past and does not move.
class SlaService
{
    Q_DECLARE_TR_FUNCTIONS(SlaService)
public:
    explicit SlaService(LocalStorePtr store);

    /// Reads sla_calendar*, sla_policy again. Errors: "io".
    Status reload();
    bool loaded() const { return m_loaded; }
    const SlaPolicyBook& book() const { return m_book; }

    /// Loads the catalog first if it was never loaded. Errors: "not_found" (no live ticket with this
    /// id), "no_policy" (no policy for its kind and priority), "io".
    Result<SlaClockResult> clockFor(const QString& ticketId, qint64 nowUtcMs);

    /// Recomputes every live ticket that is not closed and rewrites ticket_sla in one transaction: two
    /// range scans (the tickets, then their events in ticket order), the clocks in C++, one prepared
    /// upsert per ticket; rows of tickets that are gone or closed are deleted. A ticket whose kind and
    /// priority no policy covers gets no row. Returns how many rows were written. Errors: "io" (nothing
    /// of ticket_sla is changed then).
    Result<int> recomputeAll(qint64 nowUtcMs);
    /// The same for these tickets only (after a local write or a pull touched them).
    Status recompute(const QStringList& ticketIds, qint64 nowUtcMs);
    /// recomputeAll() splits the tickets between two threads once its previous run computed at least
    /// this many rows (tests lower it to cover that path).
    void setParallelThreshold(int rows) { m_parallelThreshold = rows; }

private:
    struct StatusMeaning
    {
        bool done = false;   ///< category resolved or closed: the resolution clock stops
        bool pauses = false; ///< waiting on the customer
        bool closed = false; ///< category closed: recomputeAll() keeps no row for it
    };
    /// What clockFor() and the recompute paths read of a ticket row.
    struct TicketFacts
    {
        QString id;
        QString kind;
        int priority = 0;
        QString tier;
        QString status;
        qint64 createdAt = 0;
        QVariant firstRespondedAt;
        QVariant resolvedAt;
        QVariant closedAt;
        QVariant queue;
        QVariant assigneeId;
        QString ticketNo;
    };
    /// One ticket_event row as the clocks see it.
    struct EventRow
    {
        QString kind;
        qint64 at = 0;
        QString from;
        QString to;
    };

    StatusMeaning meaning(const QString& kind, const QString& status) const;
    /// The ticket's rows made into SlaEvents (the rules in the class comment); shared by every path.
    QVector<SlaEvent> slaEvents(const TicketFacts& ticket, const QVector<EventRow>& rows) const;
    /// Computes and writes ticket_sla: with `all` every live ticket not closed (and every other row
    /// dropped), else the tickets `ids` (their rows dropped when they get no clock).
    Result<int> rewrite(const QStringList& ids, bool all, qint64 nowUtcMs);
    /// recomputeAll() over migration 10's partial indexes (the open tickets' columns, the clocks' events):
    /// one index-only pass, the result merged with ticket_sla in key order, only the rows that differ
    /// written. Empty when those indexes cannot serve (the catalog treats 'closed' as open somewhere, an
    /// older schema): rewrite() does the work then.
    std::optional<Result<int>> recomputeAllIndexed(qint64 nowUtcMs);
    struct RangeScan;
    /// One key range of recomputeAllIndexed() on the connection db, which may be another thread's.
    bool scanRange(sqlite3* db, RangeScan& range, qint64 nowUtcMs) const;

    LocalStorePtr m_store;
    SlaPolicyBook m_book;
    QHash<QString, StatusMeaning> m_statuses; ///< "kind/status" -> meaning, from workflow_state
    bool m_loaded = false;
    class Worker;
    std::shared_ptr<Worker> m_worker; ///< recomputeAll()'s second thread, started when first needed
    int m_lastRows = 0;                ///< rows the last recomputeAll() computed
    int m_parallelThreshold = 20000;   ///< from this many, recomputeAll() reads on two threads
};

} // namespace telcodesk
