#include "sync/SyncEngine.h"

#include "common/Logging.h"
#include "store/LocalChangeNotifier.h"
#include "sync/LocalSyncState.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

namespace telcodesk {

namespace {

constexpr int kMaxResyncsPerCycle = 2;

bool isTransient(const QString& code)
{
    return code == QLatin1String("network") || code == QLatin1String("timeout");
}

} // namespace

SyncEngine::SyncEngine(LocalStorePtr store, RemoteFactory factory, Options options, const Clock& clock,
                       QObject* parent)
    : QObject(parent), m_store(std::move(store)), m_factory(std::move(factory)), m_options(options), m_clock(clock)
{
    qRegisterMetaType<telcodesk::SyncStatus>();
    m_status.state = SyncStatus::State::Offline;
}

SyncEngine::~SyncEngine() = default;

qint64 SyncEngine::backoffDelayMs(int failures, int initialMs, int maxMs, quint32 randomValue)
{
    // "Full jitter" kept above half the base, so that a flapping network never makes a desktop retry
    // in a tight loop, while many desktops that lost the server together do not come back together.
    const int exponent = qBound(0, failures - 1, 20);
    const qint64 ceiling = qMin<qint64>(maxMs, qint64(initialMs) << exponent);
    const qint64 floor = qMin<qint64>(ceiling, initialMs / 2);
    const qint64 span = ceiling - floor;
    return floor + (span > 0 ? qint64(randomValue % quint64(span + 1)) : 0);
}

SyncStatus SyncEngine::status() const
{
    QMutexLocker lock(&m_statusMutex);
    return m_status;
}

void SyncEngine::cancel()
{
    m_cancelled.storeRelease(1);
    QMutexLocker lock(&m_statusMutex);
    if (m_remoteForCancel)
        m_remoteForCancel->cancel();
}

Status SyncEngine::ensureOpen()
{
    if (!m_remote) {
        std::unique_ptr<RemoteSession> remote = m_factory();
        if (!remote)
            return Error{tr("No connection to the server could be made."), QStringLiteral("network")};
        connect(remote.get(), &RemoteSession::changesNotified, this, &SyncEngine::requestSync);
        connect(remote.get(), &RemoteSession::listenLost, this, [this] {
            // Notifications sent while the listening connection was gone are lost: reconnect, listen
            // again and pull.
            qCInfo(lcSync) << "notification connection lost; reconnecting";
            if (m_running)
                scheduleCycle(0);
        });
        QMutexLocker lock(&m_statusMutex);
        m_remote = std::move(remote);
        m_remoteForCancel = m_remote.get();
    }
    if (!m_remote->isOpen()) {
        const Status opened = m_remote->open();
        if (!opened)
            return opened;
    }
    if (m_clientId.isEmpty()) {
        const Result<QString> id = LocalSyncState::clientId(*m_store);
        if (!id)
            return Error{id.errorMessage(), QStringLiteral("io")};
        m_clientId = id.value();
    }
    return Status::success();
}

Result<SyncEngine::CycleReport> SyncEngine::runOnce()
{
    m_cancelled.storeRelease(0);
    const Status opened = ensureOpen();
    if (!opened)
        return opened.error();
    const Result<CycleReport> report = cycle();
    if (report) {
        m_store->setMeta(QLatin1String(LocalSyncState::kLastSyncAt), QString::number(m_clock.nowMs()));
        recount();
    }
    return report;
}

Result<SyncEngine::CycleReport> SyncEngine::cycle()
{
    QElapsedTimer timer;
    timer.start();
    CycleReport report;
    const qint64 bytesIn0 = m_remote->bytesReceived();
    const qint64 bytesOut0 = m_remote->bytesSent();
    QSqlDatabase db = m_store->connection();

    // Push first: what the agent did offline reaches the server before the pull brings its state back.
    OutboxPusher pusher(db, *m_remote, m_clientId, m_options.batchSize);
    pusher.setCancelFlag(&m_cancelled);
    const Result<OutboxPusher::Stats> pushed = pusher.pushAll();
    if (!pushed)
        return pushed.error();
    report.push = pushed.value();

    bool unreported = false;
    {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT 1 FROM sync_conflict WHERE status = 'resolved' AND server_resolved = 0 "
                                  "LIMIT 1"))
            && q.next())
            unreported = true;
    }
    // A duplicate may be a resend whose first answer, lost, was a conflict: fetch to be sure.
    if (report.push.conflicts > 0 || report.push.duplicates > 0 || unreported || !m_conflictsFetched) {
        const Status conflicts = pusher.syncConflicts();
        if (!conflicts)
            return conflicts.error();
        m_conflictsFetched = true;
    }

    PullApplier applier(db);
    QString cursor = LocalSyncState::cursor(db);
    const bool initial = LocalSyncState::value(db, QLatin1String(LocalSyncState::kInitialDone)).isEmpty();
    qint64 estimate = 0;
    qint64 received = 0;
    if (initial) {
        const Result<qint64> scope = m_remote->estimateScopeRows();
        if (!scope && scope.error().code == QLatin1String("cancelled"))
            return scope.error(); // the estimate is optional, the person's Cancel is not
        estimate = scope ? scope.value() : 0;
        setInitial(true);
        Q_EMIT initialSyncProgress(0, estimate);
    }

    QSet<QString> tables;
    // A first sync in bulk when the server can (COPY out of one snapshot), then pull from its horizon.
    // Unsent local changes would need the per-row overlay of a pulled page: with any, pull page by page.
    if (initial && cursor.isEmpty() && m_options.bulkFirstSync && pendingCount(db) == 0) {
        SnapshotWriter writer(
            db, [this, estimate](qint64 rows) { Q_EMIT initialSyncProgress(rows, qMax(estimate, rows)); },
            &m_cancelled);
        const Result<QString> snapshot = m_remote->snapshot(writer);
        if (snapshot) {
            const Status finished = writer.finish(snapshot.value());
            if (!finished)
                return finished.error();
            cursor = snapshot.value();
            report.pull.written += int(writer.rows());
            ++report.pages;
            received += writer.rows();
            {
                QMutexLocker lock(&m_statusMutex);
                m_status.rowsReceived += writer.rows();
            }
            if (writer.rows() > 0)
                for (const QString& table : PullApplier::syncedTables())
                    tables.insert(table);
        } else if (snapshot.error().code != QLatin1String("unsupported")) {
            return snapshot.error();
        }
    }
    int resyncs = 0;
    Status started = m_remote->startPull(cursor, m_options.pageSize);
    if (!started)
        return started.error();
    for (;;) {
        const Result<PullPage> page = m_remote->finishPull();
        if (!page && page.error().code == QLatin1String("bad_cursor") && resyncs < kMaxResyncsPerCycle) {
            // A cursor the server cannot read (damaged, or from another server): a full re-sync, as
            // for a resync answer, instead of sending it again for ever.
            ++resyncs;
            qCWarning(lcSync) << "the server refused the cursor; re-syncing in full:" << page.errorMessage();
            const Status reset = applier.resetForResync();
            if (!reset)
                return reset.error();
            report.resynced = true;
            cursor.clear();
            started = m_remote->startPull(cursor, m_options.pageSize);
            if (!started)
                return started.error();
            continue;
        }
        if (!page)
            return page.error();
        ++report.pages;
        if (page->resync) {
            if (++resyncs > kMaxResyncsPerCycle)
                return Error{tr("The server keeps asking for a full re-sync."), QStringLiteral("protocol")};
            qCInfo(lcSync) << "server asks for a full re-sync:" << page->resyncReason;
            const Status reset = applier.resetForResync();
            if (!reset)
                return reset.error();
            report.resynced = true;
            cursor.clear();
            started = m_remote->startPull(cursor, m_options.pageSize);
            if (!started)
                return started.error();
            continue;
        }
        // The server prepares the next page while this one is written locally.
        if (page->more) {
            started = m_remote->startPull(page->cursor, m_options.pageSize);
            if (!started)
                return started.error();
        }
        const Result<PullApplier::Stats> applied = applier.apply(page.value());
        if (!applied) {
            if (page->more)
                (void)m_remote->finishPull(); // leave the session idle for the next cycle
            return applied.error();
        }
        report.pull.written += applied->written;
        report.pull.skipped += applied->skipped;
        report.pull.removed += applied->removed;
        if (applied->written > 0 || applied->removed > 0) {
            for (const PulledRow& row : page->rows)
                tables.insert(row.table);
        }
        received += page->rows.size();
        if (initial)
            Q_EMIT initialSyncProgress(received, qMax(estimate, received));
        {
            QMutexLocker lock(&m_statusMutex);
            m_status.rowsReceived += page->rows.size();
        }
        if (!page->more)
            break;
        if (m_cancelled.loadAcquire() != 0) {
            (void)m_remote->finishPull();
            return Error{tr("Sync was cancelled."), QStringLiteral("cancelled")};
        }
    }
    // resetForResync() cleared the mark with the data; the refill that just ended completes the cache.
    if (initial || report.resynced) {
        const Status done = LocalSyncState::setValue(db, QLatin1String(LocalSyncState::kInitialDone),
                                                     QStringLiteral("1"));
        if (!done)
            return done.error();
        setInitial(false);
    }

    report.bytesReceived = m_remote->bytesReceived() - bytesIn0;
    report.bytesSent = m_remote->bytesSent() - bytesOut0;
    report.seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!tables.isEmpty()) {
        QStringList names(tables.begin(), tables.end());
        names.sort();
        Q_EMIT dataChanged(names);
    }
    if (initial)
        Q_EMIT initialSyncFinished(true, QString());
    qCDebug(lcSync) << "cycle: pushed" << report.push.sent << "pulled" << received << "in" << report.pages
                    << "pages," << report.seconds << "s";
    return report;
}

int SyncEngine::pendingCount(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'")) && q.next())
        return q.value(0).toInt();
    return -1;
}

void SyncEngine::setInitial(bool initial)
{
    QMutexLocker lock(&m_statusMutex);
    m_status.initialSync = initial;
}

void SyncEngine::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancelled.storeRelease(0);
    if (!m_cycleTimer) {
        m_cycleTimer = new QTimer(this);
        m_cycleTimer->setSingleShot(true);
        connect(m_cycleTimer, &QTimer::timeout, this, &SyncEngine::runScheduledCycle);
        m_pollTimer = new QTimer(this);
        connect(m_pollTimer, &QTimer::timeout, this, &SyncEngine::requestSync);
        connect(&LocalChangeNotifier::instance(), &LocalChangeNotifier::changesWritten, this,
                [this](const QString& path) {
                    if (path != m_store->path())
                        return;
                    refreshCounts();
                    requestSync();
                });
    }
    m_pollTimer->start(m_options.pollIntervalMs);
    recount();
    setState(SyncStatus::State::Connecting);
    scheduleCycle(0);
}

void SyncEngine::stop()
{
    if (m_cycleTimer)
        m_cycleTimer->stop();
    if (m_pollTimer)
        m_pollTimer->stop();
    if (m_running) {
        m_running = false;
        {
            QMutexLocker lock(&m_statusMutex);
            m_remoteForCancel = nullptr;
        }
        if (m_remote)
            m_remote->close();
        m_remote.reset();
        // Connections belong to this thread: close them here, not in whichever thread destroys us.
        m_store->releaseThreadConnection();
        setState(SyncStatus::State::Offline, tr("Sync stopped."));
    }
    Q_EMIT stopped();
}

void SyncEngine::requestSync()
{
    if (!m_running)
        return;
    // A refused login is not tried again with the same credentials (polls, edits): syncNow or a restart.
    if (status().state == SyncStatus::State::AuthFailed)
        return;
    // While backing off after a failure, a local edit or a poll does not shorten the wait; syncNow does.
    if (m_failures > 0 && m_cycleTimer->isActive())
        return;
    scheduleCycle(m_options.debounceMs);
}

void SyncEngine::syncNow()
{
    if (!m_running)
        return;
    m_failures = 0;
    m_cancelled.storeRelease(0);
    scheduleCycle(0);
}

void SyncEngine::scheduleCycle(int delayMs)
{
    if (!m_running)
        return;
    if (m_inCycle) {
        m_cycleAgain = true;
        return;
    }
    if (m_cycleTimer->isActive() && m_cycleTimer->remainingTime() <= delayMs)
        return;
    m_cycleTimer->start(delayMs);
}

void SyncEngine::runScheduledCycle()
{
    if (!m_running)
        return;
    if (m_inCycle) {
        m_cycleAgain = true;
        return;
    }
    m_inCycle = true;
    m_cycleAgain = false;
    m_cancelled.storeRelease(0);

    if (!m_remote || !m_remote->isOpen())
        setState(SyncStatus::State::Connecting);
    Status ready = ensureOpen();
    if (ready && m_options.listen && !m_remote->isListening())
        ready = m_remote->startListening();
    if (!ready) {
        m_inCycle = false;
        onFailure(ready.error());
        return;
    }

    setState(SyncStatus::State::Syncing);
    const Result<CycleReport> report = cycle();
    m_inCycle = false;
    if (!report) {
        onFailure(report.error());
        return;
    }
    m_failures = 0;
    const qint64 now = m_clock.nowMs();
    m_store->setMeta(QLatin1String(LocalSyncState::kLastSyncAt), QString::number(now));
    recount();
    {
        QMutexLocker lock(&m_statusMutex);
        m_status.lastSyncAtMs = now;
        m_status.nextRetryInMs = 0;
    }
    setState(SyncStatus::State::Online);
    if (m_cycleAgain)
        scheduleCycle(0);
}

void SyncEngine::onFailure(const Error& error)
{
    const bool wasInitial = status().initialSync;
    if (error.code == QLatin1String("auth")) {
        qCWarning(lcSync) << "sign-in refused:" << error.message;
        if (m_remote)
            m_remote->close();
        setState(SyncStatus::State::AuthFailed, error.message);
        if (wasInitial)
            Q_EMIT initialSyncFinished(false, error.message);
        return;
    }
    if (error.code == QLatin1String("cancelled")) {
        // Stays where it is until someone asks again (Sync now, a local change, a notification).
        setState(SyncStatus::State::Offline, error.message);
        if (wasInitial)
            Q_EMIT initialSyncFinished(false, error.message);
        return;
    }
    qCWarning(lcSync) << "sync failed (" << error.code << "):" << error.message;
    if (m_remote && (isTransient(error.code) || error.code == QLatin1String("protocol")))
        m_remote->close(); // a fresh session next time
    ++m_failures;
    const qint64 delay = backoffDelayMs(m_failures, m_options.backoffInitialMs, m_options.backoffMaxMs,
                                        QRandomGenerator::global()->generate());
    {
        QMutexLocker lock(&m_statusMutex);
        m_status.nextRetryInMs = delay;
    }
    recount();
    setState(SyncStatus::State::Offline, error.message);
    if (m_running)
        m_cycleTimer->start(int(delay));
}

void SyncEngine::refreshCounts()
{
    recount();
    publish();
}

void SyncEngine::recount()
{
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    int pending = 0, rejected = 0, conflicts = 0;
    if (q.exec(QStringLiteral("SELECT (SELECT count(*) FROM outbox WHERE state = 'pending'), "
                              "(SELECT count(*) FROM outbox WHERE state = 'rejected' AND dismissed = 0), "
                              "(SELECT count(*) FROM sync_conflict WHERE status = 'open')"))
        && q.next()) {
        pending = q.value(0).toInt();
        rejected = q.value(1).toInt();
        conflicts = q.value(2).toInt();
    } else {
        qCWarning(lcSync) << "cannot count the outbox:" << q.lastError().text();
    }
    QMutexLocker lock(&m_statusMutex);
    m_status.pending = pending;
    m_status.rejected = rejected;
    m_status.conflicts = conflicts;
    if (m_status.lastSyncAtMs == 0)
        m_status.lastSyncAtMs = LocalSyncState::value(db, QLatin1String(LocalSyncState::kLastSyncAt)).toLongLong();
}

void SyncEngine::setState(SyncStatus::State state, const QString& error)
{
    {
        QMutexLocker lock(&m_statusMutex);
        m_status.state = state;
        m_status.lastError = error;
    }
    publish();
}

void SyncEngine::publish()
{
    Q_EMIT statusChanged(status());
}

} // namespace telcodesk
