#pragma once

#include "scoring/ScoringService.h"
#include "store/LocalStore.h"

#include <QObject>
#include <QPointer>

class QThread;

namespace telcodesk {

/// Runs the ScoringService in a thread of its own for the GUI and relays what it reports. Calls are
/// queued to the service, so the GUI thread never waits on scoring; shutdown() cancels a full run under
/// way, stops the service and ends the thread (the destructor calls it).
class ScoringController : public QObject
{
    Q_OBJECT

public:
    /// actorId: the signed-in agent (retention tasks opened by scoring name them as creator).
    ScoringController(LocalStorePtr store, const QString& dataDir, const QString& actorId, QObject* parent = nullptr);
    ~ScoringController() override;

    void start();
    void shutdown();
    bool isRunning() const { return m_running; }

    /// Re-score these customers soon (their data was written here).
    void customersChanged(const QStringList& customerIds);
    /// A sync wrote rows of these tables.
    void dataChanged(const QStringList& tables);
    /// Score everyone again (cancels a full run under way).
    void rescoreAll();

    /// The service, for tests (lives in the scoring thread).
    ScoringService* service() const { return m_service; }
    QThread* thread() const { return m_thread; }

Q_SIGNALS:
    void scored(const QStringList& customerIds);
    void progress(int done, int total);
    void fullRunFinished(const telcodesk::ScoringRun::Report& report);
    void modelChanged(const QString& modelId, const QString& source);
    void modelRejected(const QString& path, const QString& message);
    void failed(const QString& message);

private:
    LocalStorePtr m_store;
    QThread* m_thread = nullptr;
    QPointer<ScoringService> m_service;
    bool m_running = false;
};

} // namespace telcodesk
