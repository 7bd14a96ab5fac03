#pragma once

#include "store/LocalStore.h"
#include "sync/PgDsn.h"
#include "sync/SyncEngine.h"
#include "sync/SyncTypes.h"

#include <QObject>
#include <QPointer>

class QThread;

namespace telcodesk {

/// Runs a SyncEngine in a thread of its own for the GUI and relays what it reports. The engine's
/// PostgreSQL sessions are made by the factory on the engine's thread, so the GUI thread never opens
/// (or waits on) a connection to the server.
///
/// Calls from the GUI are queued to the engine (start, stop, sync now, recount); cancel() goes to the
/// engine directly, which is the one call it takes from another thread. shutdown() stops the engine,
/// waits for it to say so (cancelling a long call first) and ends the thread; the destructor calls it.
class SyncController : public QObject
{
    Q_OBJECT

public:
    /// The application's controller: the engine talks to the server at dsn through PgRemote.
    SyncController(LocalStorePtr store, const PgDsn& dsn, QObject* parent = nullptr);
    /// Any remote (tests use a fake one). The factory runs on the engine's thread.
    SyncController(LocalStorePtr store, SyncEngine::RemoteFactory factory, SyncEngine::Options options,
                   QObject* parent = nullptr);
    ~SyncController() override;

    /// How long shutdown() waits for the engine to stop before leaving its thread behind.
    static constexpr int kStopTimeoutMs = 15000;

    LocalStorePtr store() const { return m_store; }
    bool isRunning() const { return m_running; }
    /// The last status the engine reported (a Disabled status before the first one).
    SyncStatus status() const { return m_status; }

    void start();
    void shutdown();
    /// A cycle soon; "now" forgets any backoff (the Sync now command).
    void requestSync();
    void syncNow();
    /// Recount after a decision taken in the GUI (a conflict resolved, a rejection dismissed).
    void refreshCounts();
    /// Interrupts the engine's current call (and a first sync). Safe at any time.
    void cancel();

Q_SIGNALS:
    void statusChanged(const telcodesk::SyncStatus& status);
    void initialSyncProgress(qint64 rows, qint64 estimate);
    void initialSyncFinished(bool completed, const QString& message);
    void dataChanged(const QStringList& tables);

private:
    void invoke(const char* method);

    LocalStorePtr m_store;
    QThread* m_thread = nullptr;
    QPointer<SyncEngine> m_engine;
    SyncStatus m_status;
    bool m_running = false;
};

} // namespace telcodesk
