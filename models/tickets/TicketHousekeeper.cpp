#include "tickets/TicketHousekeeper.h"

#include "common/Logging.h"
#include "tickets/EscalationService.h"
#include "tickets/SlaService.h"

#include <QSet>
#include <QThread>
#include <QTimer>

namespace telcodesk {

/// The part of TicketHousekeeper that lives on its thread: everything here runs there, with that
/// thread's connection. Created by start(), deleted when the thread ends.
class TicketHousekeeperWorker : public QObject
{
    Q_OBJECT

public:
    TicketHousekeeperWorker(LocalStorePtr store, const Clock& clock, QString agentId, bool escalate, int intervalMs,
                            const QAtomicInteger<int>* cancel)
        : m_store(std::move(store))
        , m_clock(clock)
        , m_agentId(std::move(agentId))
        , m_escalate(escalate)
        , m_intervalMs(intervalMs)
        , m_cancel(cancel)
    {
    }

    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &TicketHousekeeperWorker::fullPass);
        fullPass();
        m_timer->start();
    }

    void setInterval(int intervalMs)
    {
        m_intervalMs = intervalMs;
        if (m_timer)
            m_timer->setInterval(intervalMs); // restarts it when active
    }

    void fullPass()
    {
        if (cancelled())
            return;
        const qint64 now = m_clock.nowMs();
        QStringList failures;
        QStringList changed;
        int written = 0;
        // A fresh service per pass reads the SLA catalog again: a pulled calendar or policy applies at once.
        SlaService sla(m_store);
        const Result<int> computed = sla.recomputeAll(now);
        if (!computed)
            failures << TicketHousekeeper::tr("The SLA clocks could not be computed: %1").arg(computed.errorMessage());
        if (m_escalate)
            escalate(nullptr, now, sla, &changed, &written, &failures);
        report(changed, written, failures, true);
    }

    void touched(const QStringList& ticketIds)
    {
        if (cancelled() || ticketIds.isEmpty())
            return;
        const qint64 now = m_clock.nowMs();
        QStringList failures;
        QStringList changed = ticketIds;
        int written = 0;
        SlaService sla(m_store);
        const Status computed = sla.recompute(ticketIds, now);
        if (!computed)
            failures << TicketHousekeeper::tr("The SLA clocks could not be computed: %1").arg(computed.errorMessage());
        if (m_escalate) {
            QStringList escalated;
            escalate(&ticketIds, now, sla, &escalated, &written, &failures);
            changed << escalated;
            changed.removeDuplicates();
        }
        report(changed, written, failures, false);
    }

Q_SIGNALS:
    void passFinished(const QStringList& changedTicketIds, int escalationsWritten, const QStringList& failures,
                      bool full);

private:
    bool cancelled() const { return m_cancel->loadAcquire() != 0; }

    void escalate(const QStringList* ticketIds, qint64 now, SlaService& sla, QStringList* escalated, int* written,
                  QStringList* failures)
    {
        EscalationService service(m_store, m_clock);
        service.setFiringAgent(m_agentId);
        service.setCancelFlag(m_cancel);
        const Result<EscalationReport> result = ticketIds ? service.evaluate(*ticketIds, now) : service.evaluate(now);
        if (!result) {
            *failures << TicketHousekeeper::tr("The escalation rules could not be applied: %1").arg(result.errorMessage());
            return;
        }
        *failures << result->failures;
        *written = result->escalationsWritten;
        *escalated = result->ticketsEscalated;
        if (escalated->isEmpty())
            return;
        // A raised priority moves the SLA targets of those tickets.
        const Status recomputed = sla.recompute(*escalated, now);
        if (!recomputed)
            *failures << TicketHousekeeper::tr("The SLA clocks could not be computed: %1").arg(recomputed.errorMessage());
    }

    void report(const QStringList& changed, int written, const QStringList& failures, bool full)
    {
        for (const QString& failure : failures)
            qCWarning(lcServices) << "ticket housekeeping:" << failure;
        Q_EMIT passFinished(changed, written, failures, full);
    }

    LocalStorePtr m_store;
    const Clock& m_clock;
    const QString m_agentId;
    const bool m_escalate;
    int m_intervalMs;
    const QAtomicInteger<int>* m_cancel;
    QTimer* m_timer = nullptr;
};

TicketHousekeeper::TicketHousekeeper(LocalStorePtr store, const Clock& clock, QObject* parent)
    : QObject(parent), m_store(std::move(store)), m_clock(clock)
{
}

TicketHousekeeper::~TicketHousekeeper()
{
    stop();
}

void TicketHousekeeper::setIntervalMs(int intervalMs)
{
    m_intervalMs = qMax(1, intervalMs);
    if (m_worker) {
        TicketHousekeeperWorker* worker = m_worker;
        const int ms = m_intervalMs;
        QMetaObject::invokeMethod(worker, [worker, ms] { worker->setInterval(ms); }, Qt::QueuedConnection);
    }
}

void TicketHousekeeper::start()
{
    if (m_thread)
        return;
    m_cancel.storeRelease(0);
    const int generation = ++m_generation;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("tickets"));
    auto* worker = new TicketHousekeeperWorker(m_store, m_clock, m_agentId, m_escalate, m_intervalMs, &m_cancel);
    worker->moveToThread(m_thread);
    m_worker = worker;
    connect(worker, &TicketHousekeeperWorker::passFinished, this,
            [this, generation](const QStringList& changed, int written, const QStringList& failures, bool full) {
                if (generation == m_generation && m_thread)
                    Q_EMIT passFinished(changed, written, failures, full);
            });
    // The worker's connection belongs to its thread: closed there, as the thread ends (finished is emitted
    // on it), then the worker and its timer are deleted there too.
    LocalStorePtr held = m_store;
    connect(m_thread, &QThread::finished, worker, [held] { held->releaseThreadConnection(); }, Qt::DirectConnection);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(worker, [worker] { worker->begin(); }, Qt::QueuedConnection);
}

void TicketHousekeeper::stop()
{
    if (!m_thread)
        return;
    // The escalation pass stops between two tickets and queued passes are skipped; an SLA recompute
    // under way finishes (one transaction).
    m_cancel.storeRelease(1);
    ++m_generation;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
}

void TicketHousekeeper::ticketsTouched(const QStringList& ticketIds)
{
    if (!m_worker || ticketIds.isEmpty())
        return;
    TicketHousekeeperWorker* worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, ticketIds] { worker->touched(ticketIds); }, Qt::QueuedConnection);
}

void TicketHousekeeper::requestFullPass()
{
    if (!m_worker)
        return;
    TicketHousekeeperWorker* worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->fullPass(); }, Qt::QueuedConnection);
}

} // namespace telcodesk

#include "TicketHousekeeper.moc"
