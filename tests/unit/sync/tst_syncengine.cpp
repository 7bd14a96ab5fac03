#include "FakeClock.h"
#include "FakeRemote.h"
#include "Fixtures.h"
#include "SyncTestRows.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "store/ChangeWriter.h"
#include "sync/LocalSyncState.h"
#include "sync/SyncEngine.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <limits>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

/// A SyncEngine on a thread of its own, as the application runs it. Stopped (blocking) and deleted
/// after its thread has ended.
class EngineThread
{
public:
    EngineThread(LocalStorePtr store, std::shared_ptr<FakeServer> server, SyncEngine::Options options,
                 const Clock& clock)
    {
        engine = new SyncEngine(std::move(store), [server] { return std::make_unique<FakeRemote>(server); },
                                options, clock);
        engine->moveToThread(&thread);
        thread.start();
    }
    ~EngineThread()
    {
        engine->cancel(); // a call left hanging must not block stop()
        QMetaObject::invokeMethod(engine, &SyncEngine::stop, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
        delete engine;
    }
    void start() { QMetaObject::invokeMethod(engine, &SyncEngine::start, Qt::QueuedConnection); }

    QThread thread;
    SyncEngine* engine = nullptr;
};

/// What the engine published, received on the test thread (queued).
class Recorder : public QObject
{
public:
    explicit Recorder(SyncEngine* engine)
    {
        connect(engine, &SyncEngine::statusChanged, this, [this](const SyncStatus& s) { statuses << s; });
        connect(engine, &SyncEngine::initialSyncFinished, this,
                [this](bool completed, const QString& message) { finished << qMakePair(completed, message); });
    }
    QVector<SyncStatus> statuses;
    QVector<QPair<bool, QString>> finished;
};

QString stateName(SyncStatus::State state)
{
    switch (state) {
    case SyncStatus::State::Disabled: return QStringLiteral("Disabled");
    case SyncStatus::State::Offline: return QStringLiteral("Offline");
    case SyncStatus::State::Connecting: return QStringLiteral("Connecting");
    case SyncStatus::State::Syncing: return QStringLiteral("Syncing");
    case SyncStatus::State::Online: return QStringLiteral("Online");
    case SyncStatus::State::AuthFailed: return QStringLiteral("AuthFailed");
    }
    return {};
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    // One cycle on the calling thread.
    void runOncePushesThenPulls();
    void initialSyncReportsProgressAndFinishes();
    void resyncResetsAndRefillsTheCache();
    void firstSyncInBulkThenPulls();
    void brokenSnapshotKeepsNothing();
    void conflictBehindALostAnswerIsFetched();
    void clockOnlyStampsLastSync_data();
    void clockOnlyStampsLastSync();
    void backoffDelay_data();
    void backoffDelay();
    void backoffDelayStaysInItsBounds();

    // The engine on its own thread, as the application runs it.
    void startGoesOnlineAndListens();
    void notificationPullsAfterTheDebounce();
    void lostListenReconnectsListensAndPulls();
    void networkFailureBacksOffAndRetries();
    void transientPushFailureIsRetriedAndAppliedOnce();
    void authFailureStopsRetrying();
    void cancelInterruptsAHangingCall_data();
    void cancelInterruptsAHangingCall();
    void delayedCallDoesNotBlockTheTestThread();
    void localWriteTriggersAPush();

private:
    SyncEngine::Options options() const;
    std::unique_ptr<SyncEngine> makeEngine(const Clock& clock);
    QString serverCustomer(const QString& name);
    QString writeInteraction(const QString& customer, const QString& summary, const Clock& clock);
    int count(const QString& table) const;
    bool hasRow(const QString& table, const QString& id) const;
    QString meta(const QString& key) const;

    std::unique_ptr<TempStore> m_temp;
    std::shared_ptr<FakeServer> m_server;
    FakeClock m_clock;
    int m_customers = 0;
};

void TestSyncEngine::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    m_server = std::make_shared<FakeServer>();
    m_clock.set(QDateTime(QDate(2026, 11, 2), QTime(9, 30), Qt::UTC));
    m_customers = 0;
}

void TestSyncEngine::cleanup()
{
    m_server.reset();
    m_temp.reset();
}

SyncEngine::Options TestSyncEngine::options() const
{
    SyncEngine::Options o;
    o.pageSize = 10;
    o.batchSize = 50;
    o.debounceMs = 50;
    o.pollIntervalMs = 60000;
    o.backoffInitialMs = 40;
    o.backoffMaxMs = 200;
    return o;
}

std::unique_ptr<SyncEngine> TestSyncEngine::makeEngine(const Clock& clock)
{
    auto server = m_server;
    return std::make_unique<SyncEngine>(m_temp->store(), [server] { return std::make_unique<FakeRemote>(server); },
                                        options(), clock);
}

QString TestSyncEngine::serverCustomer(const QString& name)
{
    const QString id = fixedId(++m_customers);
    QJsonObject row = customerFields(name);
    row.insert(QStringLiteral("id"), id);
    m_server->put(QStringLiteral("customer"), row);
    return id;
}

QString TestSyncEngine::writeInteraction(const QString& customer, const QString& summary, const Clock& clock)
{
    const QString id = UuidV7::create();
    ChangeWriter writer(m_temp->store(), clock);
    const Status written = writer.apply(Change{Change::Op::Insert,
                                               QStringLiteral("interaction"),
                                               id,
                                               {{QStringLiteral("customer_id"), customer},
                                                {QStringLiteral("channel"), QStringLiteral("hotline")},
                                                {QStringLiteral("kind"), QStringLiteral("inquiry")},
                                                {QStringLiteral("occurred_at"), clock.nowMs()},
                                                {QStringLiteral("summary"), summary}},
                                               {}});
    return written ? id : QString();
}

int TestSyncEngine::count(const QString& table) const
{
    QSqlQuery q(m_temp->store()->connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool TestSyncEngine::hasRow(const QString& table, const QString& id) const
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT 1 FROM \"%1\" WHERE id = ?").arg(table));
    q.addBindValue(id);
    return q.exec() && q.next();
}

QString TestSyncEngine::meta(const QString& key) const
{
    return m_temp->store()->meta(key);
}

void TestSyncEngine::runOncePushesThenPulls()
{
    const QString customer = serverCustomer(QStringLiteral("张伟"));
    serverCustomer(QStringLiteral("李娜"));
    serverCustomer(QStringLiteral("王芳"));
    const QString interaction = writeInteraction(customer, QStringLiteral("办理宽带"), m_clock);
    QVERIFY(!interaction.isEmpty());

    auto engine = makeEngine(m_clock);
    const auto report = engine->runOnce();
    QVERIFY2(report, qPrintable(report.errorMessage()));
    // A server without snapshots answers "unsupported" and the first sync pulls page by page.
    QCOMPARE(m_server->callLog(), (QStringList{QStringLiteral("open"), QStringLiteral("applyBatch"),
                                                QStringLiteral("openConflicts"), QStringLiteral("estimateScopeRows"),
                                                QStringLiteral("snapshot"), QStringLiteral("startPull"),
                                                QStringLiteral("finishPull")}));
    QCOMPARE(report->push.applied, 1);
    QCOMPARE(report->pages, 1);
    QCOMPARE(report->pull.written, 4); // three customers and our own interaction, back with its version
    QCOMPARE(count(QStringLiteral("customer")), 3);
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT row_version FROM interaction WHERE id = '%1'").arg(interaction)) && q.next());
    QCOMPARE(q.value(0).toLongLong(), m_server->rowVersion(QStringLiteral("interaction"), interaction));
    QVERIFY(q.exec(QStringLiteral("SELECT state FROM outbox")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("applied"));
    QSqlDatabase db = m_temp->store()->connection();
    QCOMPARE(LocalSyncState::cursor(db), QString::number(m_server->changeCount()));
    QCOMPARE(engine->status().pending, 0);
}

void TestSyncEngine::initialSyncReportsProgressAndFinishes()
{
    for (int i = 0; i < 25; ++i)
        serverCustomer(QStringLiteral("客户%1").arg(i));
    auto engine = makeEngine(m_clock);
    QSignalSpy progress(engine.get(), &SyncEngine::initialSyncProgress);
    QSignalSpy finished(engine.get(), &SyncEngine::initialSyncFinished);
    const auto report = engine->runOnce();
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QCOMPARE(report->pages, 3);
    QVector<QPair<qint64, qint64>> seen;
    for (const QList<QVariant>& args : std::as_const(progress))
        seen << qMakePair(args.at(0).toLongLong(), args.at(1).toLongLong());
    QCOMPARE(seen, (QVector<QPair<qint64, qint64>>{{0, 25}, {10, 25}, {20, 25}, {25, 25}}));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(meta(QLatin1String(LocalSyncState::kInitialDone)), QStringLiteral("1"));
    QVERIFY(!engine->status().initialSync);
    QCOMPARE(count(QStringLiteral("customer")), 25);
    // Pipelined: each page is asked for before the one before it is written, one pull at a time.
    QCOMPARE(m_server->pullCursors(), (QStringList{QString(), QStringLiteral("10"), QStringLiteral("20")}));

    progress.clear();
    finished.clear();
    const auto second = engine->runOnce();
    QVERIFY2(second, qPrintable(second.errorMessage()));
    QCOMPARE(progress.size(), 0);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(m_server->calls(QStringLiteral("estimateScopeRows")), 1);
    QCOMPARE(m_server->lastPullCursor(), QStringLiteral("25"));
}

void TestSyncEngine::resyncResetsAndRefillsTheCache()
{
    for (int i = 0; i < 5; ++i)
        serverCustomer(QStringLiteral("客户%1").arg(i));
    auto engine = makeEngine(m_clock);
    QVERIFY(engine->runOnce());
    QCOMPARE(count(QStringLiteral("customer")), 5);

    // A row the server no longer shows this login, and whose removal was pruned: only a resync drops it.
    Fixtures fixtures(m_temp->store());
    const QString stale = fixtures.addCustomer({QStringLiteral("过期"), {}, {}, {}});
    QVERIFY(!stale.isEmpty());
    m_server->requireResync(QStringLiteral("pruned"));
    const int before = m_server->pullCursors().size();

    const auto report = engine->runOnce();
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QVERIFY(report->resynced);
    QCOMPARE(m_server->pullCursors().mid(before), (QStringList{QStringLiteral("5"), QString()}));
    QVERIFY(!hasRow(QStringLiteral("customer"), stale));
    QCOMPARE(count(QStringLiteral("customer")), 5);
    QSqlDatabase db = m_temp->store()->connection();
    QCOMPARE(LocalSyncState::cursor(db), QString::number(m_server->changeCount()));
    // The cache is complete again: the next cycle is not a first sync.
    QCOMPARE(meta(QLatin1String(LocalSyncState::kInitialDone)), QStringLiteral("1"));
    QSignalSpy progress(engine.get(), &SyncEngine::initialSyncProgress);
    QVERIFY(engine->runOnce());
    QCOMPARE(progress.size(), 0);
}

void TestSyncEngine::firstSyncInBulkThenPulls()
{
    for (int i = 0; i < 25; ++i)
        serverCustomer(QStringLiteral("客户%1").arg(i));
    m_server->setSnapshotSupported(true);
    auto engine = makeEngine(m_clock);
    QSignalSpy progress(engine.get(), &SyncEngine::initialSyncProgress);
    QSignalSpy finished(engine.get(), &SyncEngine::initialSyncFinished);
    const auto report = engine->runOnce();
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QCOMPARE(m_server->callLog(), (QStringList{QStringLiteral("open"), QStringLiteral("openConflicts"),
                                                QStringLiteral("estimateScopeRows"), QStringLiteral("snapshot"),
                                                QStringLiteral("startPull"), QStringLiteral("finishPull")}));
    // The pull goes on from the snapshot's position, not from the start.
    QCOMPARE(m_server->pullCursors(), QStringList{QStringLiteral("25")});
    QCOMPARE(count(QStringLiteral("customer")), 25);
    QCOMPARE(meta(QLatin1String(LocalSyncState::kInitialDone)), QStringLiteral("1"));
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.first().at(0).toLongLong(), 0);
    QCOMPARE(progress.first().at(1).toLongLong(), 25);
    QCOMPARE(progress.last().at(0).toLongLong(), 25);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);

    // Later cycles pull; they never take a snapshot again.
    const QString later = serverCustomer(QStringLiteral("之后"));
    QVERIFY(engine->runOnce());
    QVERIFY(hasRow(QStringLiteral("customer"), later));
    QCOMPARE(m_server->calls(QStringLiteral("snapshot")), 1);
}

void TestSyncEngine::brokenSnapshotKeepsNothing()
{
    for (int i = 0; i < 25; ++i)
        serverCustomer(QStringLiteral("客户%1").arg(i));
    m_server->setSnapshotSupported(true);
    m_server->breakSnapshotAfter(10);
    auto engine = makeEngine(m_clock);
    const auto broken = engine->runOnce();
    QVERIFY(!broken);
    QCOMPARE(broken.error().code, QStringLiteral("network"));
    QCOMPARE(count(QStringLiteral("customer")), 0);
    QSqlDatabase db = m_temp->store()->connection();
    QCOMPARE(LocalSyncState::cursor(db), QString());
    QVERIFY(meta(QLatin1String(LocalSyncState::kInitialDone)).isEmpty());

    const auto again = engine->runOnce();
    QVERIFY2(again, qPrintable(again.errorMessage()));
    QCOMPARE(count(QStringLiteral("customer")), 25);
    QCOMPARE(m_server->calls(QStringLiteral("snapshot")), 2);
    QCOMPARE(meta(QLatin1String(LocalSyncState::kInitialDone)), QStringLiteral("1"));
}

void TestSyncEngine::conflictBehindALostAnswerIsFetched()
{
    Fixtures fixtures(m_temp->store());
    const QString customer = fixtures.addCustomer({QStringLiteral("张伟"), {}, {}, {}});
    const QString ticket = fixtures.addTicket(customer, QStringLiteral("new"), m_clock.nowMs(), QStringLiteral("信号差"));
    QJsonObject serverTicket = ticketFields(customer, QStringLiteral("信号差"));
    serverTicket.insert(QStringLiteral("id"), ticket);
    m_server->put(QStringLiteral("ticket"), serverTicket);
    auto engine = makeEngine(m_clock);
    QVERIFY(engine->runOnce()); // a first complete cycle: the open conflicts (none) were fetched

    ChangeWriter writer(m_temp->store(), m_clock);
    QVERIFY(writer.apply(Change{Change::Op::Update, QStringLiteral("ticket"), ticket,
                                {{QStringLiteral("title"), QStringLiteral("信号很差")}}, {}}));
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT max(seq) FROM outbox")) && q.next());
    m_server->conflictSeq(q.value(0).toLongLong(), QStringLiteral("title"), QStringLiteral("服务器标题"));
    m_server->loseAnswerNext(QStringLiteral("applyBatch"));
    const auto lost = engine->runOnce();
    QVERIFY(!lost);
    QCOMPARE(lost.error().code, QStringLiteral("network"));

    // The resend is answered "duplicate": the conflict it met must still reach the agent.
    const auto again = engine->runOnce();
    QVERIFY2(again, qPrintable(again.errorMessage()));
    QCOMPARE(again->push.duplicates, 1);
    QCOMPARE(count(QStringLiteral("sync_conflict")), 1);
    QCOMPARE(engine->status().conflicts, 1);
}

void TestSyncEngine::clockOnlyStampsLastSync_data()
{
    QTest::addColumn<qint64>("engineSkewSecs");
    QTest::newRow("a day ahead") << qint64(86400);
    QTest::newRow("a day behind") << qint64(-86400);
}

void TestSyncEngine::clockOnlyStampsLastSync()
{
    QFETCH(qint64, engineSkewSecs);
    const QString customer = serverCustomer(QStringLiteral("张伟"));
    // Written while the desktop's clock jumped about: seq order is the order of writing.
    FakeClock ahead, behind, now;
    ahead.advanceSecs(86400);
    behind.advanceSecs(-86400);
    QStringList ids;
    ids << writeInteraction(customer, QStringLiteral("一"), ahead);
    ids << writeInteraction(customer, QStringLiteral("二"), behind);
    ids << writeInteraction(customer, QStringLiteral("三"), now);
    QVERIFY(!ids.contains(QString()));

    FakeClock engineClock;
    engineClock.advanceSecs(engineSkewSecs);
    auto engine = makeEngine(engineClock);
    const auto report = engine->runOnce();
    QVERIFY2(report, qPrintable(report.errorMessage()));
    const QVector<QVector<qint64>> batches = m_server->batchesReceived();
    QCOMPARE(batches.size(), 1);
    QCOMPARE(batches.at(0).size(), 3);
    QVERIFY(std::is_sorted(batches.at(0).begin(), batches.at(0).end()));
    QStringList order;
    for (const OutgoingMutation& m : m_server->lastBatch())
        order << m.entityId;
    QCOMPARE(order, ids);
    QCOMPARE(m_server->appliedLog().size(), 3);
    QCOMPARE(meta(QLatin1String(LocalSyncState::kLastSyncAt)), QString::number(engineClock.nowMs()));
    // The server's clock stamps the rows, not ours.
    for (const QString& id : std::as_const(ids))
        QCOMPARE(qint64(m_server->row(QStringLiteral("interaction"), id).value(QStringLiteral("updated_at")).toDouble()),
                 1780000000000LL + m_server->rowVersion(QStringLiteral("interaction"), id));
}

void TestSyncEngine::backoffDelay_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("initialMs");
    QTest::addColumn<int>("maxMs");
    QTest::addColumn<quint32>("random");
    QTest::addColumn<qint64>("expected");
    const quint32 top = std::numeric_limits<quint32>::max();
    QTest::newRow("first, lowest") << 1 << 1000 << 60000 << 0u << qint64(500);
    QTest::newRow("first, highest") << 1 << 1000 << 60000 << 500u << qint64(1000);
    QTest::newRow("first, wraps") << 1 << 1000 << 60000 << 501u << qint64(500);
    QTest::newRow("second, highest") << 2 << 1000 << 60000 << 1500u << qint64(2000);
    QTest::newRow("third, lowest") << 3 << 1000 << 60000 << 0u << qint64(500);
    QTest::newRow("seventh, capped, max random") << 7 << 1000 << 60000 << top << qint64(7112);
    QTest::newRow("thirtieth, cap reached") << 30 << 1000 << 60000 << 59500u << qint64(60000);
    QTest::newRow("thousandth, no overflow") << 1000 << 1000 << 60000 << top << qint64(7112);
    QTest::newRow("zero failures as the first") << 0 << 1000 << 60000 << 0u << qint64(500);
    QTest::newRow("cap below half the start") << 1 << 1000 << 300 << top << qint64(300);
    QTest::newRow("test options, second") << 2 << 40 << 200 << 60u << qint64(80);
}

void TestSyncEngine::backoffDelay()
{
    QFETCH(int, failures);
    QFETCH(int, initialMs);
    QFETCH(int, maxMs);
    QFETCH(quint32, random);
    QFETCH(qint64, expected);
    QCOMPARE(SyncEngine::backoffDelayMs(failures, initialMs, maxMs, random), expected);
}

void TestSyncEngine::backoffDelayStaysInItsBounds()
{
    const QVector<quint32> randoms{0u, 1u, 12345u, 2147483648u, std::numeric_limits<quint32>::max()};
    for (int failures = 1; failures <= 40; ++failures) {
        const qint64 ceiling = qMin<qint64>(60000, qint64(1000) << qMin(failures - 1, 20));
        for (quint32 random : randoms) {
            const qint64 delay = SyncEngine::backoffDelayMs(failures, 1000, 60000, random);
            QVERIFY2(delay >= 500 && delay <= ceiling,
                     qPrintable(QStringLiteral("failure %1, random %2: %3").arg(failures).arg(random).arg(delay)));
        }
    }
}

void TestSyncEngine::startGoesOnlineAndListens()
{
    serverCustomer(QStringLiteral("张伟"));
    EngineThread runner(m_temp->store(), m_server, options(), m_clock);
    Recorder recorder(runner.engine);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("Online"), 5000);
    QCOMPARE(m_server->listeningSessions(), 1);
    QCOMPARE(m_server->calls(QStringLiteral("startListening")), 1);
    QCOMPARE(count(QStringLiteral("customer")), 1);
    const SyncStatus status = runner.engine->status();
    QCOMPARE(status.lastSyncAtMs, m_clock.nowMs());
    QCOMPARE(status.nextRetryInMs, qint64(0));
    QVERIFY(status.lastError.isEmpty());
    QTRY_VERIFY(!recorder.finished.isEmpty());
    QCOMPARE(recorder.finished.constFirst().first, true);
    QStringList states;
    for (const SyncStatus& s : std::as_const(recorder.statuses)) {
        if (states.isEmpty() || states.last() != stateName(s.state))
            states << stateName(s.state);
    }
    QCOMPARE(states, (QStringList{QStringLiteral("Connecting"), QStringLiteral("Syncing"), QStringLiteral("Online")}));
}

void TestSyncEngine::notificationPullsAfterTheDebounce()
{
    EngineThread runner(m_temp->store(), m_server, options(), m_clock);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("Online"), 5000);
    QTest::qWait(100);
    const int pullsBefore = m_server->calls(QStringLiteral("startPull"));

    const QString customer = serverCustomer(QStringLiteral("新客户"));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 5; ++i)
        m_server->notifyListeners(); // a burst: one pull
    QTRY_VERIFY_WITH_TIMEOUT(hasRow(QStringLiteral("customer"), customer), 2000);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= 40, qPrintable(QString::number(elapsed))); // waited for the debounce (50 ms)
    QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    QTest::qWait(200);
    QCOMPARE(m_server->calls(QStringLiteral("startPull")), pullsBefore + 1);
}

void TestSyncEngine::lostListenReconnectsListensAndPulls()
{
    EngineThread runner(m_temp->store(), m_server, options(), m_clock);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("Online"), 5000);
    QCOMPARE(m_server->calls(QStringLiteral("startListening")), 1);

    // Changed while nobody listened: no notification will ever come for it.
    const QString customer = serverCustomer(QStringLiteral("断线期间"));
    m_server->dropListeners();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->calls(QStringLiteral("startListening")), 2, 2000);
    QTRY_VERIFY_WITH_TIMEOUT(hasRow(QStringLiteral("customer"), customer), 2000);
    QTRY_COMPARE(m_server->listeningSessions(), 1);
    QTRY_COMPARE(stateName(runner.engine->status().state), QStringLiteral("Online"));

    // And notifications work again on the new listening connection.
    const QString next = serverCustomer(QStringLiteral("之后"));
    m_server->notifyListeners();
    QTRY_VERIFY_WITH_TIMEOUT(hasRow(QStringLiteral("customer"), next), 2000);
}

void TestSyncEngine::networkFailureBacksOffAndRetries()
{
    serverCustomer(QStringLiteral("张伟"));
    m_server->failNext(QStringLiteral("open"), QStringLiteral("network"), 3);
    EngineThread runner(m_temp->store(), m_server, options(), m_clock);
    Recorder recorder(runner.engine);
    QElapsedTimer timer;
    timer.start();
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("Online"), 5000);
    QCOMPARE(m_server->calls(QStringLiteral("open")), 4);
    QCOMPARE(count(QStringLiteral("customer")), 1);

    QTRY_VERIFY(!recorder.statuses.isEmpty() && recorder.statuses.last().state == SyncStatus::State::Online);
    QVector<qint64> delays;
    for (const SyncStatus& s : std::as_const(recorder.statuses)) {
        if (s.state == SyncStatus::State::Offline) {
            delays << s.nextRetryInMs;
            QVERIFY(s.lastError.contains(QStringLiteral("network")));
        }
    }
    QCOMPARE(delays.size(), 3);
    // 40 ms doubling, capped at 200, never below 20.
    QVERIFY2(delays.at(0) >= 20 && delays.at(0) <= 40, qPrintable(QString::number(delays.at(0))));
    QVERIFY2(delays.at(1) >= 20 && delays.at(1) <= 80, qPrintable(QString::number(delays.at(1))));
    QVERIFY2(delays.at(2) >= 20 && delays.at(2) <= 160, qPrintable(QString::number(delays.at(2))));
    QVERIFY(timer.elapsed() >= delays.at(0) + delays.at(1) + delays.at(2) - 10);
    QCOMPARE(runner.engine->status().nextRetryInMs, qint64(0));
}

void TestSyncEngine::transientPushFailureIsRetriedAndAppliedOnce()
{
    const QString customer = serverCustomer(QStringLiteral("张伟"));
    QVERIFY(!writeInteraction(customer, QStringLiteral("一"), m_clock).isEmpty());
    QVERIFY(!writeInteraction(customer, QStringLiteral("二"), m_clock).isEmpty());
    m_server->loseAnswerNext(QStringLiteral("applyBatch"));
    m_server->failAt(QStringLiteral("applyBatch"), 2, QStringLiteral("timeout"));
    EngineThread runner(m_temp->store(), m_server, options(), m_clock);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("Online"), 5000);
    QCOMPARE(m_server->calls(QStringLiteral("applyBatch")), 3);
    QCOMPARE(m_server->appliedLog().size(), 2);
    QCOMPARE(runner.engine->status().pending, 0);
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'applied'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

void TestSyncEngine::authFailureStopsRetrying()
{
    const QString customer = serverCustomer(QStringLiteral("张伟"));
    m_server->failNext(QStringLiteral("open"), QStringLiteral("auth"), 1000);
    SyncEngine::Options o = options();
    o.pollIntervalMs = 30; // a poll must not retry a refused login either
    EngineThread runner(m_temp->store(), m_server, o, m_clock);
    Recorder recorder(runner.engine);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("AuthFailed"), 5000);
    QVERIFY(runner.engine->status().lastError.contains(QStringLiteral("auth")));
    QCOMPARE(runner.engine->status().nextRetryInMs, qint64(0));
    // Neither time, nor a local edit, brings another attempt with the same credentials.
    QVERIFY(!writeInteraction(customer, QStringLiteral("离线记录"), m_clock).isEmpty());
    QTest::qWait(300);
    QCOMPARE(m_server->calls(QStringLiteral("open")), 1);
    QCOMPARE(stateName(runner.engine->status().state), QStringLiteral("AuthFailed"));
    // The queue depth is still counted for the status bar.
    QCOMPARE(runner.engine->status().pending, 1);
    QVERIFY(!recorder.statuses.isEmpty());
    QCOMPARE(recorder.statuses.last().pending, 1);
}

void TestSyncEngine::cancelInterruptsAHangingCall_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<bool>("firstSyncStarted"); // initialSyncFinished(false) is owed
    QTest::addColumn<bool>("bulk");             // the server can take a snapshot
    QTest::newRow("open") << QStringLiteral("open") << false << false;
    QTest::newRow("startListening") << QStringLiteral("startListening") << false << false;
    QTest::newRow("applyBatch") << QStringLiteral("applyBatch") << false << false;
    QTest::newRow("openConflicts") << QStringLiteral("openConflicts") << false << false;
    QTest::newRow("estimateScopeRows") << QStringLiteral("estimateScopeRows") << false << false;
    QTest::newRow("snapshot") << QStringLiteral("snapshot") << true << true;
    QTest::newRow("startPull") << QStringLiteral("startPull") << true << false;
    QTest::newRow("finishPull") << QStringLiteral("finishPull") << true << false;
}

void TestSyncEngine::cancelInterruptsAHangingCall()
{
    QFETCH(QString, call);
    QFETCH(bool, firstSyncStarted);
    QFETCH(bool, bulk);
    m_server->setSnapshotSupported(bulk);
    QString customer;
    for (int i = 0; i < 3; ++i)
        customer = serverCustomer(QStringLiteral("客户%1").arg(i));
    QVERIFY(!writeInteraction(customer, QStringLiteral("待发送"), m_clock).isEmpty());
    m_server->hangNext(call); // until cancelled
    EngineThread runner(m_temp->store(), m_server, options(), m_clock);
    Recorder recorder(runner.engine);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->hangingNow(), 1, 5000);
    QCOMPARE(runner.engine->status().initialSync, firstSyncStarted);

    QElapsedTimer timer;
    timer.start();
    runner.engine->cancel(); // from the test thread, as the progress dialog's Cancel does
    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("Offline"), 2000);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(m_server->hangingNow(), 0);
    QVERIFY2(runner.engine->status().lastError.contains(QStringLiteral("cancel")),
             qPrintable(runner.engine->status().lastError));
    if (firstSyncStarted) {
        QTRY_COMPARE(recorder.finished.size(), 1);
        QCOMPARE(recorder.finished.constFirst().first, false);
    }
    QVERIFY(meta(QLatin1String(LocalSyncState::kInitialDone)).isEmpty());
    QCOMPARE(count(QStringLiteral("customer")), 0);
    // A cancelled sync waits to be asked again; it does not back off and retry on its own.
    const int calls = m_server->calls(call);
    QTest::qWait(300);
    QCOMPARE(m_server->calls(call), calls);
    QCOMPARE(stateName(runner.engine->status().state), QStringLiteral("Offline"));

    QMetaObject::invokeMethod(runner.engine, &SyncEngine::syncNow, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("Online"), 5000);
    QCOMPARE(count(QStringLiteral("customer")), 3);
    QCOMPARE(m_server->appliedLog().size(), 1);
    QCOMPARE(runner.engine->status().pending, 0);
}

void TestSyncEngine::delayedCallDoesNotBlockTheTestThread()
{
    serverCustomer(QStringLiteral("张伟"));
    m_server->delayNext(QStringLiteral("finishPull"), 600, 1);
    EngineThread runner(m_temp->store(), m_server, options(), m_clock);
    QElapsedTimer timer;
    timer.start();
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->calls(QStringLiteral("finishPull")), 1, 5000);

    // The engine is inside the slow call: this thread's timers and the status still answer at once.
    QElapsedTimer local;
    local.start();
    bool fired = false;
    QTimer::singleShot(20, [&fired] { fired = true; });
    const SyncStatus status = runner.engine->status();
    QVERIFY2(local.elapsed() < 200, qPrintable(QString::number(local.elapsed()))); // the call sleeps 600 ms
    QCOMPARE(stateName(status.state), QStringLiteral("Syncing"));
    QTRY_VERIFY_WITH_TIMEOUT(fired, 300);
    QVERIFY2(local.elapsed() < 300, qPrintable(QString::number(local.elapsed())));
    QCOMPARE(stateName(runner.engine->status().state), QStringLiteral("Syncing"));

    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("Online"), 5000);
    QVERIFY2(timer.elapsed() >= 600, qPrintable(QString::number(timer.elapsed())));
}

void TestSyncEngine::localWriteTriggersAPush()
{
    const QString customer = serverCustomer(QStringLiteral("张伟"));
    EngineThread runner(m_temp->store(), m_server, options(), m_clock);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(stateName(runner.engine->status().state), QStringLiteral("Online"), 5000);
    QCOMPARE(m_server->calls(QStringLiteral("applyBatch")), 0);

    const QString interaction = writeInteraction(customer, QStringLiteral("刚记下"), m_clock);
    QVERIFY(!interaction.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->appliedLog().size(), 1, 2000);
    QCOMPARE(m_server->row(QStringLiteral("interaction"), interaction).value(QStringLiteral("summary")).toString(),
             QStringLiteral("刚记下"));
    QTRY_COMPARE(runner.engine->status().pending, 0);
    QCOMPARE(m_server->calls(QStringLiteral("applyBatch")), 1);
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
