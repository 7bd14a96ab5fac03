#include "scoring/ScoringService.h"

#include "common/Logging.h"
#include "services/RetentionService.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace telcodesk {

namespace {

/// A burst of announcements (a sync writes many batches) becomes one drain.
constexpr int kDrainDelayMs = 250;
/// What a change the desktop was not told about (another process, a trigger) waits at most.
constexpr int kPollMs = 2000;
/// An editor or a copy writes a model file in several steps: read it once it has been quiet this long.
constexpr int kModelSettleMs = 400;
/// Customers scored per drain step; the rest wait for the next step so that other events get a turn.
constexpr int kDrainBatch = 5000;

/// m_modelGuard as a spin lock: held only to copy or swap a shared_ptr.
class SpinGuard
{
public:
    explicit SpinGuard(std::atomic<int>& flag) : m_flag(flag)
    {
        while (m_flag.exchange(1, std::memory_order_acquire) != 0)
            QThread::yieldCurrentThread();
    }
    ~SpinGuard() { m_flag.store(0, std::memory_order_release); }
    SpinGuard(const SpinGuard&) = delete;
    SpinGuard& operator=(const SpinGuard&) = delete;

private:
    std::atomic<int>& m_flag;
};

/// Scoring opens tasks for the desktop's user; RetentionService::openTasks needs no permission.
Session actorSession(const QString& actorId)
{
    Session session;
    session.agentId = actorId;
    session.role = Role::Agent;
    return session;
}

int scoringThreads()
{
    // One core stays with the GUI thread and the rest of the desktop.
    return std::max(1, QThread::idealThreadCount() - 1);
}

} // namespace

ScoringService::ScoringService(LocalStorePtr store, QString dataDir, QString actorId, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_dataDir(std::move(dataDir))
    , m_actorId(std::move(actorId))
{
    qRegisterMetaType<telcodesk::ScoringRun::Report>();
}

ScoringService::~ScoringService() = default;

std::shared_ptr<const LoadedModel> ScoringService::currentModel() const
{
    SpinGuard guard(m_modelGuard);
    return m_model;
}

void ScoringService::setModel(std::shared_ptr<const LoadedModel> model)
{
    SpinGuard guard(m_modelGuard);
    m_model = std::move(model);
}

void ScoringService::start()
{
    if (m_dirtyTimer)
        return;
    m_stopping = false;
    m_cancel = false;

    m_dirtyTimer = new QTimer(this);
    m_dirtyTimer->setSingleShot(true);
    m_dirtyTimer->setInterval(kDrainDelayMs);
    connect(m_dirtyTimer, &QTimer::timeout, this, &ScoringService::drainDirty);
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(kPollMs);
    connect(m_pollTimer, &QTimer::timeout, this, &ScoringService::drainDirty);
    m_modelTimer = new QTimer(this);
    m_modelTimer->setSingleShot(true);
    m_modelTimer->setInterval(kModelSettleMs);
    connect(m_modelTimer, &QTimer::timeout, this, [this] { loadModel(false); });

    // The folder is watched too: a model file that does not exist yet cannot be watched itself, and one
    // replaced by a rename stops being watched.
    m_watcher = new QFileSystemWatcher(this);
    if (!m_dataDir.isEmpty() && QFileInfo(m_dataDir).isDir())
        m_watcher->addPath(m_dataDir);
    const QString modelPath = LoadedModel::dataDirModelPath(m_dataDir);
    if (QFileInfo::exists(modelPath))
        m_watcher->addPath(modelPath);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { modelFileEvent(false); });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { modelFileEvent(true); });
    m_modelStamp = modelFileStamp();

    loadModel(true);
    if (m_stopping)
        return;
    m_pollTimer->start();
    // Changes made while the desktop was closed (or during the first run) are waiting.
    drainDirty();
}

void ScoringService::stop()
{
    m_stopping = true;
    m_cancel = true;
    if (QThread::currentThread() != thread()) {
        if (thread()->isRunning())
            QMetaObject::invokeMethod(this, &ScoringService::stop, Qt::BlockingQueuedConnection);
        return;
    }
    delete m_watcher;
    m_watcher = nullptr;
    delete m_dirtyTimer;
    m_dirtyTimer = nullptr;
    delete m_pollTimer;
    m_pollTimer = nullptr;
    delete m_modelTimer;
    m_modelTimer = nullptr;
    m_store->releaseThreadConnection();
}

void ScoringService::rescoreAll()
{
    if (QThread::currentThread() != thread()) {
        // A newer full run replaces the one under way.
        m_cancel = true;
        QMetaObject::invokeMethod(this, &ScoringService::rescoreAll, Qt::QueuedConnection);
        return;
    }
    if (!isRunning())
        return;
    fullRun();
}

void ScoringService::customersChanged(const QStringList& customerIds)
{
    if (!isRunning())
        return;
    if (!customerIds.isEmpty()) {
        // Named customers are scored even when no trigger marked them (a change the triggers do not see).
        QSqlDatabase db = m_store->connection();
        db.transaction();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO score_dirty (customer_id) VALUES (?)"));
        bool ok = true;
        for (const QString& id : customerIds) {
            q.bindValue(0, id);
            if (!q.exec()) {
                ok = false;
                qCWarning(lcServices) << "score_dirty:" << q.lastError().text();
                break;
            }
        }
        if (ok)
            db.commit();
        else
            db.rollback();
    }
    scheduleDrain();
}

void ScoringService::dataChanged(const QStringList& tables)
{
    if (!isRunning())
        return;
    // A monthly usage load changes every customer's features (usage_month has no trigger); new rules
    // change every band.
    if (tables.contains(QStringLiteral("usage_month")) || tables.contains(QStringLiteral("scoring_config"))) {
        fullRun();
        return;
    }
    scheduleDrain();
}

void ScoringService::scheduleDrain()
{
    if (m_dirtyTimer)
        m_dirtyTimer->start();
}

QString ScoringService::modelFileStamp() const
{
    const QFileInfo file(LoadedModel::dataDirModelPath(m_dataDir));
    if (!file.exists())
        return QString();
    return QStringLiteral("%1 %2").arg(file.size()).arg(file.lastModified().toMSecsSinceEpoch());
}

void ScoringService::modelFileEvent(bool directory)
{
    if (!isRunning())
        return;
    const QString path = LoadedModel::dataDirModelPath(m_dataDir);
    if (QFileInfo::exists(path) && !m_watcher->files().contains(path))
        m_watcher->addPath(path);
    const QString stamp = modelFileStamp();
    if (directory && stamp == m_modelStamp)
        return;
    m_modelStamp = stamp;
    m_modelTimer->start();
}

void ScoringService::loadModel(bool scoreIfStale)
{
    const QString path = LoadedModel::dataDirModelPath(m_dataDir);
    const bool fromFile = QFileInfo::exists(path);
    Result<std::shared_ptr<const LoadedModel>> loaded = fromFile ? LoadedModel::load(path) : LoadedModel::builtIn();
    const std::shared_ptr<const LoadedModel> current = currentModel();
    if (!loaded) {
        if (fromFile) {
            qCWarning(lcServices) << "model file rejected:" << path << loaded.errorMessage();
            emit modelRejected(path, loaded.errorMessage());
        }
        if (current)
            return; // the model in use stays
        loaded = LoadedModel::builtIn();
        if (!loaded) {
            emit failed(tr("The built-in churn model cannot be loaded: %1").arg(loaded.errorMessage()));
            return;
        }
    }
    const std::shared_ptr<const LoadedModel> next = loaded.value();
    const bool changed = !current || current->id != next->id;
    if (!changed)
        return;
    setModel(next);
    qCInfo(lcServices) << "churn model" << next->id << "from" << next->source;
    emit modelChanged(next->id, next->source);

    if (!scoreIfStale) {
        // A different model: every score in the store is now another model's.
        fullRun();
        return;
    }
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT 1 FROM customer_score WHERE model_id <> ? LIMIT 1"));
    q.addBindValue(next->id);
    const bool otherModel = q.exec() && q.next();
    q.finish();
    bool empty = false;
    if (!otherModel) {
        QSqlQuery any(m_store->connection());
        empty = any.exec(QStringLiteral("SELECT 1 FROM customer_score LIMIT 1")) && !any.next();
    }
    if (otherModel || empty)
        fullRun();
}

bool ScoringService::fullRun()
{
    const std::shared_ptr<const LoadedModel> model = currentModel();
    if (!model || m_stopping)
        return false;
    m_cancel = false;

    QString problem;
    const RetentionConfig config = RetentionConfig::load(*m_store, &problem);
    if (!problem.isEmpty())
        emit failed(tr("The retention rules stored in the data cannot be used, so the built-in rules apply: %1")
                        .arg(problem));
    const Result<OfferCatalog> offers = OfferCatalog::load(*m_store);
    if (!offers) {
        emit failed(tr("The retention offers cannot be read: %1").arg(offers.errorMessage()));
        return false;
    }
    const ScoringEngine engine(model, config);

    ScoringRun::Options options;
    options.threads = scoringThreads();
    options.cancel = &m_cancel;
    options.afterChunk = RetentionService::taskOpener(m_store, actorSession(m_actorId), config, offers.value());
    options.progress = [this](int done, int total) { emit progress(done, total); };

    const qint64 asOf = FeatureExtractor::defaultAsOf(*m_store);
    const Result<ScoringRun::Report> report = ScoringRun::scoreAll(m_store, engine, asOf, options);
    if (!report) {
        if (m_cancel) {
            qCInfo(lcServices) << "full scoring run cancelled";
            return false;
        }
        emit failed(tr("Scoring the customers failed: %1").arg(report.errorMessage()));
        return false;
    }
    qCInfo(lcServices).noquote() << "full scoring run:" << report->jsonLine();
    emit scored({});
    emit fullRunFinished(report.value());
    return true;
}

void ScoringService::drainDirty()
{
    if (!isRunning())
        return;
    const std::shared_ptr<const LoadedModel> model = currentModel();
    if (!model)
        return;

    {
        // The cheap question first: the poll asks it every few seconds.
        QSqlQuery q(m_store->connection());
        if (!q.exec(QStringLiteral("SELECT 1 FROM score_dirty LIMIT 1")) || !q.next())
            return;
    }

    QString problem;
    const RetentionConfig config = RetentionConfig::load(*m_store, &problem);
    const Result<OfferCatalog> offers = OfferCatalog::load(*m_store);
    if (!offers) {
        emit failed(tr("The retention offers cannot be read: %1").arg(offers.errorMessage()));
        return;
    }
    const ScoringEngine engine(model, config);
    QMutex scoredLock;
    QStringList scoredIds;

    ScoringRun::Options options;
    options.threads = 1; // a handful of customers: the extraction's setup costs more than it saves
    const auto openTasks = RetentionService::taskOpener(m_store, actorSession(m_actorId), config, offers.value());
    options.afterChunk = [&](const std::vector<CustomerScore>& scores, const FeatureBlock& block) -> Result<int> {
        {
            QMutexLocker locker(&scoredLock);
            for (const CustomerScore& s : scores)
                scoredIds << s.customerId;
        }
        return openTasks(scores, block);
    };

    // scoreDirty takes the customers off the list before scoring them (a change that arrives meanwhile
    // marks them again) and drops the scores of customers deleted since.
    const qint64 asOf = FeatureExtractor::defaultAsOf(*m_store);
    const Result<ScoringRun::Report> report = ScoringRun::scoreDirty(m_store, engine, asOf, options, kDrainBatch);
    if (!report) {
        // Not marked again: a failure that repeats would otherwise be retried and reported every few
        // seconds. The customers are scored at their next change or the next full run.
        qCWarning(lcServices) << "re-scoring changed customers failed:" << report.errorMessage();
        emit failed(tr("Re-scoring changed customers failed: %1").arg(report.errorMessage()));
        return;
    }
    // An empty list would mean "everyone": only customers actually re-scored are named.
    if (!scoredIds.isEmpty())
        emit scored(scoredIds);
    if (report->customers >= kDrainBatch)
        scheduleDrain();
}

} // namespace telcodesk
