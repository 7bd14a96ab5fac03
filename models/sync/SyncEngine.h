#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "store/LocalStore.h"
#include "sync/OutboxPusher.h"
#include "sync/PullApplier.h"
#include "sync/RemoteSession.h"
#include "sync/SyncTypes.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <memory>

class QTimer;

namespace telcodesk {

/// Two-way sync of the local cache with the central server. Lives in its own QThread (move it there,
/// then invoke start() queued); it opens its own SQLite connection and, through the RemoteSession the
/// factory makes on that thread, its own PostgreSQL connections. The GUI never waits on it.
///
/// A cycle pushes the outbox, reports resolved conflicts and fetches new ones, then pulls pages until
/// the server says there is no more; each page is applied in one local transaction with its cursor
/// while the next page is being prepared by the server. Triggers: start, a local change
/// (LocalChangeNotifier), a NOTIFY on td_changes (debounced), the poll timer (safety net), and
/// requestSync(). Failures: "network"/"timeout" → Offline, retry after exponential backoff with full
/// jitter (backoffInitialMs doubling up to backoffMaxMs); "auth" → AuthFailed, no retry until
/// restarted with new credentials. After every reconnect the engine LISTENs again and pulls, because
/// notifications sent while it was away are gone. Nothing is ever ordered by the local clock; the
/// clock only stamps "last sync" for people.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int pageSize = 5000;         ///< change-log entries per pull
        int batchSize = 500;         ///< mutations per apply_batch
        int debounceMs = 30;         ///< after a notification or a local change
        int pollIntervalMs = 30000;  ///< pull even without notifications
        int backoffInitialMs = 1000;
        int backoffMaxMs = 60000;
        bool listen = true;
        bool bulkFirstSync = true;   ///< first sync by RemoteSession::snapshot when the remote can
    };
    using RemoteFactory = std::function<std::unique_ptr<RemoteSession>()>;

    SyncEngine(LocalStorePtr store, RemoteFactory factory, Options options, const Clock& clock = Clock::system(),
               QObject* parent = nullptr);
    ~SyncEngine() override;

    struct CycleReport
    {
        OutboxPusher::Stats push;
        PullApplier::Stats pull;
        int pages = 0;
        bool resynced = false;
        qint64 bytesReceived = 0;
        qint64 bytesSent = 0;
        double seconds = 0;
    };
    /// One complete cycle on the calling thread, opening the remote if needed (telcodesk-admin sync
    /// once, tests, benchmarks). Errors carry the RemoteSession codes, or "io" for the local store.
    Result<CycleReport> runOnce();

    /// A copy of the current status; thread-safe.
    SyncStatus status() const;
    /// Interrupts the running call and stops the first sync; thread-safe (call it directly).
    void cancel();
    /// The delay chosen for the n-th consecutive failure (n >= 1): uniform in [initial/2, min(max,
    /// initial * 2^(n-1))]. Public for tests.
    static qint64 backoffDelayMs(int failures, int initialMs, int maxMs, quint32 randomValue);

public Q_SLOTS:
    /// Starts on the engine's thread: open, listen, first cycle, timers.
    void start();
    /// Stops timers and closes connections; emits stopped(). Safe to call twice.
    void stop();
    /// A cycle soon (debounced). While backing off after a failure, waits for the retry.
    void requestSync();
    /// A cycle now, forgetting any backoff ("Sync now").
    void syncNow();
    /// Recounts pending/rejected/conflicts and emits statusChanged (after a local edit or a decision).
    void refreshCounts();

Q_SIGNALS:
    void statusChanged(const telcodesk::SyncStatus& status);
    /// During the first sync: rows received so far and the server's estimate of the total (0 = unknown).
    void initialSyncProgress(qint64 rows, qint64 estimate);
    void initialSyncFinished(bool completed, const QString& message);
    /// A pull wrote rows of these tables: views re-read.
    void dataChanged(const QStringList& tables);
    void stopped();

private:
    Result<CycleReport> cycle();
    Status ensureOpen();
    void scheduleCycle(int delayMs);
    void runScheduledCycle();
    void onFailure(const Error& error);
    void setState(SyncStatus::State state, const QString& error = QString());
    void publish();
    void recount();
    void setInitial(bool initial);
    static int pendingCount(QSqlDatabase& db);

    LocalStorePtr m_store;
    RemoteFactory m_factory;
    Options m_options;
    const Clock& m_clock;
    std::unique_ptr<RemoteSession> m_remote;
    QString m_clientId;
    QTimer* m_cycleTimer = nullptr;
    QTimer* m_pollTimer = nullptr;
    int m_failures = 0;
    bool m_running = false;
    bool m_inCycle = false;
    bool m_cycleAgain = false;
    bool m_conflictsFetched = false;
    QAtomicInteger<int> m_cancelled{0};
    mutable QMutex m_statusMutex;
    SyncStatus m_status;
    RemoteSession* m_remoteForCancel = nullptr; // guarded by m_statusMutex
};

} // namespace telcodesk
