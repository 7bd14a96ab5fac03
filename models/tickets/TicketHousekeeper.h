#pragma once

#include "common/Clock.h"
#include "store/LocalStore.h"

#include <QAtomicInteger>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QThread;

namespace telcodesk {

class TicketHousekeeperWorker;

/// Keeps the local store's ticket bookkeeping current off the GUI thread: the SLA clocks in ticket_sla
/// (SlaService) and the escalation rules (EscalationService).
///
/// Lives on the thread that creates it (the GUI); start() creates a QThread and a worker object moved
/// into it, which opens its own SQLite connection there (LocalStore::connection()) and keeps its own
/// SlaService and EscalationService: nothing mutable is shared with the caller. The worker runs
///  - a full pass at start, every intervalMs() and on requestFullPass(): SlaService::recomputeAll(now),
///    EscalationService::evaluate(now), then SlaService::recompute() of the tickets it escalated (a raised
///    priority moves their targets);
///  - a pass over some tickets on ticketsTouched(ids) (after a local write to them): recompute(ids),
///    evaluate(ids), recompute of those it escalated.
/// Requests are queued and run one after another in order; a full pass (the first over an old store may
/// fire thousands of escalations) delays the passes asked for after it. The SLA catalog is read afresh
/// for every pass, so a pulled calendar or policy applies from the next one.
///
/// After each pass passFinished() is emitted (received on this object's thread): the tickets whose
/// ticket_sla row or escalations changed, how many escalations were written, the failures (one
/// translated line each), and whether it was a full pass (then every row of ticket_sla may have changed:
/// views re-read everything; changedTicketIds lists only the escalated tickets).
///
/// "now" is read from the clock given, on the worker thread: the clock must be safe to read from another
/// thread (Clock::system() is). Not thread-safe itself: call it from its own thread.
class TicketHousekeeper : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 60 * 1000;

    explicit TicketHousekeeper(LocalStorePtr store, const Clock& clock = Clock::system(), QObject* parent = nullptr);
    /// Stops (and joins) the worker thread if it runs.
    ~TicketHousekeeper() override;

    /// Who fires the escalation rules (EscalationService::setFiringAgent): the session's agent id. Empty
    /// for nobody. Takes effect at the next start().
    void setFiringAgent(const QString& agentId) { m_agentId = agentId; }
    QString firingAgent() const { return m_agentId; }
    /// Whether passes apply the escalation rules (default) or only keep the SLA clocks: only desktops
    /// that work tickets fire rules (a clerk's would write rows for tickets it never works). Takes effect
    /// at the next start().
    void setEvaluatesEscalations(bool on) { m_escalate = on; }
    bool evaluatesEscalations() const { return m_escalate; }
    /// Between full passes; at least 1 ms. Applies at once when running.
    void setIntervalMs(int intervalMs);
    int intervalMs() const { return m_intervalMs; }

    bool isRunning() const { return m_thread != nullptr; }

public Q_SLOTS:
    /// Starts the worker thread, which runs a full pass at once and then every intervalMs(). Does nothing
    /// when running.
    void start();
    /// Interrupts a running escalation pass between two tickets (each ticket's firing is whole), lets the
    /// worker release its connection and joins the thread. Passes still queued are dropped. Safe to call
    /// twice; start() may follow.
    void stop();
    /// These tickets were written locally (or pulled): their SLA rows and escalation rules, soon. Does
    /// nothing when not running.
    void ticketsTouched(const QStringList& ticketIds);
    /// A full pass soon (e.g. after a sync pulled tickets or the SLA catalog). Does nothing when not running.
    void requestFullPass();

Q_SIGNALS:
    void passFinished(const QStringList& changedTicketIds, int escalationsWritten, const QStringList& failures,
                      bool full);

private:
    LocalStorePtr m_store;
    const Clock& m_clock;
    QString m_agentId;
    int m_intervalMs = kDefaultIntervalMs;
    bool m_escalate = true;
    int m_generation = 0; ///< passes reported by a worker of an earlier start() are not passed on
    QThread* m_thread = nullptr;
    QPointer<TicketHousekeeperWorker> m_worker;
    QAtomicInteger<int> m_cancel{0};
};

} // namespace telcodesk
