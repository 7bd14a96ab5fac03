#include "retention/ScoringController.h"

#include "common/Logging.h"

#include <QThread>

namespace telcodesk {

ScoringController::ScoringController(LocalStorePtr store, const QString& dataDir, const QString& actorId,
                                     QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("scoring"));
    m_service = new ScoringService(m_store, dataDir, actorId);
    m_service->moveToThread(m_thread);

    connect(m_service, &ScoringService::scored, this, &ScoringController::scored);
    connect(m_service, &ScoringService::progress, this, &ScoringController::progress);
    connect(m_service, &ScoringService::fullRunFinished, this, &ScoringController::fullRunFinished);
    connect(m_service, &ScoringService::modelChanged, this, &ScoringController::modelChanged);
    connect(m_service, &ScoringService::modelRejected, this, &ScoringController::modelRejected);
    connect(m_service, &ScoringService::failed, this, &ScoringController::failed);
    // The service's timers, watcher and SQLite connection belong to the scoring thread: released and
    // deleted there once its event loop has ended.
    LocalStorePtr held = m_store;
    connect(m_thread, &QThread::finished, m_service, [held] { held->releaseThreadConnection(); }, Qt::DirectConnection);
    connect(m_thread, &QThread::finished, m_service, &QObject::deleteLater);
    m_thread->start();
}

ScoringController::~ScoringController()
{
    shutdown();
}

void ScoringController::start()
{
    if (m_running || !m_service)
        return;
    m_running = true;
    QMetaObject::invokeMethod(m_service, &ScoringService::start, Qt::QueuedConnection);
}

void ScoringController::customersChanged(const QStringList& customerIds)
{
    if (!m_running || !m_service)
        return;
    ScoringService* service = m_service;
    QMetaObject::invokeMethod(service, [service, customerIds] { service->customersChanged(customerIds); },
                              Qt::QueuedConnection);
}

void ScoringController::dataChanged(const QStringList& tables)
{
    if (!m_running || !m_service)
        return;
    ScoringService* service = m_service;
    QMetaObject::invokeMethod(service, [service, tables] { service->dataChanged(tables); }, Qt::QueuedConnection);
}

void ScoringController::rescoreAll()
{
    if (m_running && m_service)
        m_service->rescoreAll(); // cancels the run under way here, queues the new one
}

void ScoringController::shutdown()
{
    if (!m_thread)
        return;
    if (m_service && m_running)
        m_service->stop(); // cancels a full run at its next chunk and returns once the service has stopped
    m_running = false;
    m_thread->quit();
    if (m_thread->wait(30000)) {
        delete m_thread;
    } else {
        qCWarning(lcServices) << "the scoring thread did not end; leaving it behind";
    }
    m_thread = nullptr;
}

} // namespace telcodesk
