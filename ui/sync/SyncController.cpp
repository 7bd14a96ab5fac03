#include "sync/SyncController.h"

#include "common/Logging.h"
#include "sync/PgRemote.h"

#include <QEventLoop>
#include <QThread>
#include <QTimer>

namespace telcodesk {

SyncController::SyncController(LocalStorePtr store, const PgDsn& dsn, QObject* parent)
    : SyncController(std::move(store), [dsn]() -> std::unique_ptr<RemoteSession> { return std::make_unique<PgRemote>(dsn); },
                     SyncEngine::Options(), parent)
{
}

SyncController::SyncController(LocalStorePtr store, SyncEngine::RemoteFactory factory, SyncEngine::Options options,
                               QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_thread(new QThread)
{
    qRegisterMetaType<telcodesk::SyncStatus>();
    m_thread->setObjectName(QStringLiteral("sync"));
    m_engine = new SyncEngine(m_store, std::move(factory), options);
    m_engine->moveToThread(m_thread);

    connect(m_engine, &SyncEngine::statusChanged, this, [this](const SyncStatus& status) {
        m_status = status;
        Q_EMIT statusChanged(status);
    });
    connect(m_engine, &SyncEngine::initialSyncProgress, this, &SyncController::initialSyncProgress);
    connect(m_engine, &SyncEngine::initialSyncFinished, this, &SyncController::initialSyncFinished);
    connect(m_engine, &SyncEngine::dataChanged, this, &SyncController::dataChanged);
    // The engine and its remote own timers and sockets of the sync thread: they are deleted there,
    // once its event loop has ended. Its SQLite connection is released there too, should the engine
    // not have stopped cleanly.
    LocalStorePtr held = m_store;
    connect(m_thread, &QThread::finished, m_engine, [held] { held->releaseThreadConnection(); }, Qt::DirectConnection);
    connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    m_thread->start();
}

SyncController::~SyncController()
{
    shutdown();
}

void SyncController::invoke(const char* method)
{
    if (m_engine)
        QMetaObject::invokeMethod(m_engine, method, Qt::QueuedConnection);
}

void SyncController::start()
{
    if (m_running || !m_thread)
        return;
    m_running = true;
    invoke("start");
}

void SyncController::requestSync()
{
    if (m_running)
        invoke("requestSync");
}

void SyncController::syncNow()
{
    if (m_running)
        invoke("syncNow");
}

void SyncController::refreshCounts()
{
    if (m_running)
        invoke("refreshCounts");
}

void SyncController::cancel()
{
    if (m_engine)
        m_engine->cancel();
}

void SyncController::shutdown()
{
    if (!m_thread)
        return;
    if (m_engine) {
        // A first sync or a long pull would hold the stop request behind it: interrupt it first.
        m_engine->cancel();
        QEventLoop loop;
        bool stopped = false;
        connect(m_engine, &SyncEngine::stopped, &loop, [&stopped, &loop] {
            stopped = true;
            loop.quit();
        });
        QTimer::singleShot(kStopTimeoutMs, &loop, &QEventLoop::quit);
        QMetaObject::invokeMethod(m_engine, "stop", Qt::QueuedConnection);
        if (!stopped)
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        if (!stopped)
            qCWarning(lcSync) << "the sync engine did not stop within" << kStopTimeoutMs << "ms";
    }
    m_running = false;
    m_thread->quit();
    if (m_thread->wait(5000)) {
        delete m_thread;
    } else {
        // Destroying a running QThread aborts the process; a thread stuck in a network call is left
        // to end with it instead.
        qCWarning(lcSync) << "the sync thread did not end; leaving it behind";
    }
    m_thread = nullptr;
    m_status.state = SyncStatus::State::Offline;
}

} // namespace telcodesk
