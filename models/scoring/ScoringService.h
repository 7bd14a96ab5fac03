#pragma once

#include "scoring/ScoringEngine.h"
#include "store/LocalStore.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

class QFileSystemWatcher;
class QTimer;

namespace telcodesk {

/// Keeps scores current in the background. Lives in its own QThread (moveToThread by the owner; every slot
/// runs there, the GUI thread never waits on it):
///  - start(): loads the model (LoadedModel::forDataDir) and the retention document, scores everyone when
///    customer_score is empty or was made by another model, then watches <dataDir>/scoring-model.json:
///    a new or changed file is loaded and everyone re-scored (a file that does not load is reported by
///    modelRejected and the current model stays);
///  - customersChanged() / dataChanged(): drains score_dirty shortly after (debounced), so a complaint
///    logged or pulled re-scores that customer within a second or two;
///  - dataChanged() naming usage_month or scoring_config: a full run.
/// A full run in progress is cancelled by stop() and by a newer full run.
/// stop() and rescoreAll() may also be called directly from the owner's thread: they cancel the run under
/// way at once and do the rest in the service's thread (stop() returns when the service has stopped).
class ScoringService : public QObject
{
    Q_OBJECT

public:
    ScoringService(LocalStorePtr store, QString dataDir, QString actorId, QObject* parent = nullptr);
    ~ScoringService() override;

    /// Thread-safe: the model in use (null until start() loaded one).
    std::shared_ptr<const LoadedModel> currentModel() const;

public Q_SLOTS:
    void start();
    void stop();
    void rescoreAll();
    void customersChanged(const QStringList& customerIds);
    void dataChanged(const QStringList& tables);

Q_SIGNALS:
    /// Customers whose customer_score rows were rewritten (empty list after a full run: everyone).
    void scored(const QStringList& customerIds);
    void progress(int done, int total);
    void fullRunFinished(const telcodesk::ScoringRun::Report& report);
    void modelChanged(const QString& modelId, const QString& source);
    void modelRejected(const QString& path, const QString& message);
    void failed(const QString& message);

private:
    void drainDirty();
    void loadModel(bool scoreIfStale);
    /// Scores everyone with the current model and the store's rules; false when it failed or was cancelled.
    bool fullRun();
    void scheduleDrain();
    /// directory: the data folder changed (a file added, removed or renamed), which is mostly the
    /// database's own -wal and -shm files: only a change of the model file's stamp counts then.
    void modelFileEvent(bool directory);
    QString modelFileStamp() const;
    void setModel(std::shared_ptr<const LoadedModel> model);
    bool isRunning() const { return m_dirtyTimer != nullptr && !m_stopping; }

    LocalStorePtr m_store;
    QString m_dataDir;
    QString m_actorId;
    std::shared_ptr<const LoadedModel> m_model;
    mutable std::atomic<int> m_modelGuard{0};
    std::atomic_bool m_cancel{false};
    std::atomic_bool m_stopping{false};
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_dirtyTimer = nullptr;   ///< single shot: a drain shortly after a change was announced
    QTimer* m_pollTimer = nullptr;    ///< every few seconds: a drain if score_dirty has rows
    QTimer* m_modelTimer = nullptr;   ///< single shot: the model file settles before it is read
    QString m_modelStamp;             ///< size and time of the model file last seen ("" when absent)
};

} // namespace telcodesk

Q_DECLARE_METATYPE(telcodesk::ScoringRun::Report)
