#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "scoring/ScoringService.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QMutex>
#include <QSaveFile>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

/// Generous: these wait for work to happen, they never measure how long it took.
constexpr int kWaitMs = 60000;

struct ScoreRow
{
    double probability = -1;
    QString rules;
    QString modelId;
    qint64 scoredAt = 0;
};

} // namespace

/// The background scoring service on a small store: a first full run, a complaint re-scoring one
/// customer, a new model file re-scoring everyone, a bad one refused, and every slot in its own thread.
class TestScoringService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firstStartScoresEveryone();
    void complaintRescoresThatCustomer();
    void newModelFileRescoresEveryone();
    void badModelFileIsRejectedAndTheOldModelStays();
    void restartWithTheSameModelDoesNotRescore();

private:
    void startService();
    void stopService();
    ScoreRow scoreOf(const QString& customerId) const;
    int count(const QString& sql, const QVariantList& binds = {}) const;
    void writeModelFile(const QByteArray& bytes);
    /// Complaints in the last hours, in one transaction (the poll sees all of them or none).
    bool addComplaints(const QString& customerId, int n);

    std::unique_ptr<TempStore> m_temp;
    QStringList m_customers;
    QString m_agent;
    QThread* m_thread = nullptr;
    ScoringService* m_service = nullptr;
    // What the service reported, received in this thread (queued), so that reading them here races with
    // nothing.
    QList<QStringList> m_scored;
    QVector<ScoringRun::Report> m_finished;
    QList<QStringList> m_rejected; ///< path, message
    QStringList m_modelChanged;
    QStringList m_failed;
    QMutex m_threadsLock;
    QSet<QThread*> m_slotThreads;
};

void TestScoringService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    Fixtures f(m_temp->store());
    m_agent = f.addAgent(QStringLiteral("agent01"), QStringLiteral("agent"));
    QVERIFY(!m_agent.isEmpty());
    m_customers.clear();
    const QDate today = QDate::currentDate();
    for (int i = 0; i < 12; ++i) {
        const QString msisdn = QStringLiteral("1391234%1").arg(5000 + i);
        const QString id = f.addCustomer({QStringLiteral("客户%1").arg(i), msisdn, QString(),
                                          QStringLiteral("4403%1").arg(100000 + i)});
        QVERIFY(!id.isEmpty());
        m_customers << id;
        QSqlQuery q(m_temp->store()->connection());
        q.prepare(QStringLiteral("SELECT id FROM subscription WHERE customer_id = ?"));
        q.addBindValue(id);
        QVERIFY(q.exec() && q.next());
        const QString line = q.value(0).toString();
        // Eight months of usage, spend falling for the odd ones.
        for (int m = 1; m <= 8; ++m) {
            const QDate month = today.addMonths(-m);
            const qint64 spend = (i % 2 == 1) ? 5000 + m * 1500 : 8000;
            QVERIFY(f.addUsage(line, month.year() * 100 + month.month(), spend, 2048 + i * 100));
        }
    }
}

void TestScoringService::cleanup()
{
    stopService();
    m_temp.reset();
}

void TestScoringService::startService()
{
    m_thread = new QThread;
    m_service = new ScoringService(m_temp->store(), m_temp->dir(), m_agent);
    m_service->moveToThread(m_thread);
    connect(m_service, &ScoringService::scored, this, [this](const QStringList& ids) { m_scored << ids; });
    connect(m_service, &ScoringService::fullRunFinished, this,
            [this](const ScoringRun::Report& report) { m_finished << report; });
    connect(m_service, &ScoringService::modelRejected, this,
            [this](const QString& path, const QString& message) { m_rejected << QStringList{path, message}; });
    connect(m_service, &ScoringService::modelChanged, this, [this](const QString& id) { m_modelChanged << id; });
    connect(m_service, &ScoringService::failed, this, [this](const QString& message) { m_failed << message; });
    // Where the service's work happens: the thread that emits is the thread its slots run in.
    auto record = [this] {
        QMutexLocker locker(&m_threadsLock);
        m_slotThreads.insert(QThread::currentThread());
    };
    connect(m_service, &ScoringService::scored, m_service, record, Qt::DirectConnection);
    connect(m_service, &ScoringService::modelChanged, m_service, record, Qt::DirectConnection);
    LocalStorePtr held = m_temp->store();
    connect(m_thread, &QThread::finished, m_service, [held] { held->releaseThreadConnection(); }, Qt::DirectConnection);
    connect(m_thread, &QThread::finished, m_service, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(m_service, &ScoringService::start, Qt::QueuedConnection);
}

void TestScoringService::stopService()
{
    if (!m_thread)
        return;
    m_service->stop(); // from this (the GUI) thread: returns once stopped in its own
    m_thread->quit();
    QVERIFY(m_thread->wait(kWaitMs));
    delete m_thread;
    m_thread = nullptr;
    m_service = nullptr;
    m_scored.clear();
    m_finished.clear();
    m_rejected.clear();
    m_modelChanged.clear();
    m_failed.clear();
    {
        QMutexLocker locker(&m_threadsLock);
        m_slotThreads.clear();
    }
}

ScoreRow TestScoringService::scoreOf(const QString& customerId) const
{
    ScoreRow row;
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT probability, rules, model_id, scored_at FROM customer_score WHERE customer_id = ?"));
    q.addBindValue(customerId);
    if (q.exec() && q.next()) {
        row.probability = q.value(0).toDouble();
        row.rules = q.value(1).toString();
        row.modelId = q.value(2).toString();
        row.scoredAt = q.value(3).toLongLong();
    }
    return row;
}

int TestScoringService::count(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

void TestScoringService::writeModelFile(const QByteArray& bytes)
{
    QSaveFile file(LoadedModel::dataDirModelPath(m_temp->dir()));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), qint64(bytes.size()));
    QVERIFY(file.commit());
}

bool TestScoringService::addComplaints(const QString& customerId, int n)
{
    QSqlDatabase db = m_temp->store()->connection();
    if (!db.transaction())
        return false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 1; i <= n; ++i) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO interaction(id, customer_id, channel, kind, occurred_at, summary) "
                                 "VALUES(?,?,'hotline','complaint',?,'网络信号差')"));
        q.addBindValue(UuidV7::create());
        q.addBindValue(customerId);
        q.addBindValue(now - i * 3600 * 1000LL);
        if (!q.exec()) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

void TestScoringService::firstStartScoresEveryone()
{
    startService();
    QTRY_VERIFY_WITH_TIMEOUT(m_finished.size() == 1, kWaitMs);
    const auto report = m_finished.at(0);
    QCOMPARE(report.customers, int(m_customers.size()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM customer_score")), int(m_customers.size()));
    const auto builtIn = LoadedModel::builtIn();
    QVERIFY2(builtIn, qPrintable(builtIn.errorMessage()));
    QCOMPARE(report.modelId, builtIn.value()->id);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM customer_score WHERE model_id = ?"), {builtIn.value()->id}),
             int(m_customers.size()));
    // After a full run: everyone (an empty list).
    QVERIFY(!m_scored.isEmpty());
    QVERIFY(m_scored.last().isEmpty());
    QVERIFY(m_service->currentModel());
    QCOMPARE(m_service->currentModel()->id, builtIn.value()->id);
    // The work ran in the service's thread, not in this one.
    QMutexLocker locker(&m_threadsLock);
    QVERIFY(!m_slotThreads.isEmpty());
    QVERIFY(!m_slotThreads.contains(QThread::currentThread()));
    QVERIFY(m_slotThreads.contains(m_thread));
    QVERIFY2(m_failed.isEmpty(), qPrintable(m_failed.join(QLatin1Char('\n'))));
}

void TestScoringService::complaintRescoresThatCustomer()
{
    startService();
    QTRY_VERIFY_WITH_TIMEOUT(m_finished.size() == 1, kWaitMs);
    const QString target = m_customers.at(3);
    const ScoreRow before = scoreOf(target);
    QVERIFY(before.scoredAt > 0);
    QVERIFY(!before.rules.contains(QStringLiteral("dissatisfied")));
    const ScoreRow otherBefore = scoreOf(m_customers.at(4));
    m_scored.clear();

    // Three complaints in the last days: "more than two complaints this month" flags the customer.
    QVERIFY(addComplaints(target, 3));
    // As a sync would say it; the poll would find it too, a little later.
    QMetaObject::invokeMethod(m_service, "dataChanged", Qt::QueuedConnection,
                              Q_ARG(QStringList, QStringList{QStringLiteral("interaction")}));
    QTRY_VERIFY_WITH_TIMEOUT(!m_scored.isEmpty(), kWaitMs);
    QCOMPARE(m_scored.first(), QStringList{target});
    const ScoreRow after = scoreOf(target);
    QVERIFY(after.scoredAt >= before.scoredAt);
    QVERIFY2(after.rules.contains(QStringLiteral("dissatisfied")), qPrintable(after.rules));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM score_dirty")), 0);
    // Nobody else was touched, and no full run happened.
    QCOMPARE(scoreOf(m_customers.at(4)).scoredAt, otherBefore.scoredAt);
    QCOMPARE(m_finished.size(), 1);

    // The poll alone finds a change nobody announced.
    m_scored.clear();
    const QString quiet = m_customers.at(5);
    QVERIFY(addComplaints(quiet, 3));
    QTRY_VERIFY_WITH_TIMEOUT(!m_scored.isEmpty(), kWaitMs);
    QCOMPARE(m_scored.first(), QStringList{quiet});
    QVERIFY(scoreOf(quiet).rules.contains(QStringLiteral("dissatisfied")));
    QVERIFY2(m_failed.isEmpty(), qPrintable(m_failed.join(QLatin1Char('\n'))));
}

void TestScoringService::newModelFileRescoresEveryone()
{
    startService();
    QTRY_VERIFY_WITH_TIMEOUT(m_finished.size() == 1, kWaitMs);
    const QString oldId = m_service->currentModel()->id;

    // The same model with other bytes is another file, so another id.
    QFile builtIn(QStringLiteral(":/telcodesk/scoring/default-model.json"));
    QVERIFY(builtIn.open(QIODevice::ReadOnly));
    const QByteArray bytes = builtIn.readAll() + "\n";
    const QString newId = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16));
    QVERIFY(newId != oldId);
    writeModelFile(bytes);

    QTRY_VERIFY_WITH_TIMEOUT(m_finished.size() == 2, kWaitMs);
    const auto report = m_finished.at(1);
    QCOMPARE(report.modelId, newId);
    QCOMPARE(m_service->currentModel()->id, newId);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM customer_score WHERE model_id = ?"), {newId}),
             int(m_customers.size()));
    QVERIFY(!m_modelChanged.isEmpty());
    QCOMPARE(m_modelChanged.last(), newId);
    QVERIFY(m_rejected.isEmpty());

    // The file taken away: back to the built-in model, everyone again.
    QVERIFY(QFile::remove(LoadedModel::dataDirModelPath(m_temp->dir())));
    QTRY_VERIFY_WITH_TIMEOUT(m_finished.size() == 3, kWaitMs);
    QCOMPARE(m_finished.at(2).modelId, oldId);
    QCOMPARE(m_service->currentModel()->id, oldId);
    QVERIFY2(m_failed.isEmpty(), qPrintable(m_failed.join(QLatin1Char('\n'))));
}

void TestScoringService::badModelFileIsRejectedAndTheOldModelStays()
{
    startService();
    QTRY_VERIFY_WITH_TIMEOUT(m_finished.size() == 1, kWaitMs);
    const QString oldId = m_service->currentModel()->id;

    writeModelFile(QByteArrayLiteral("{\"format\": \"not a model\""));
    QTRY_VERIFY_WITH_TIMEOUT(!m_rejected.isEmpty(), kWaitMs);
    QCOMPARE(m_rejected.first().at(0), LoadedModel::dataDirModelPath(m_temp->dir()));
    QVERIFY(!m_rejected.first().at(1).isEmpty());
    QCOMPARE(m_service->currentModel()->id, oldId);
    QCOMPARE(m_finished.size(), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM customer_score WHERE model_id = ?"), {oldId}),
             int(m_customers.size()));

    // The service still works: a change is still scored.
    m_scored.clear();
    QMetaObject::invokeMethod(m_service, "customersChanged", Qt::QueuedConnection,
                              Q_ARG(QStringList, QStringList{m_customers.at(0)}));
    QTRY_VERIFY_WITH_TIMEOUT(!m_scored.isEmpty(), kWaitMs);
    QCOMPARE(m_scored.first(), QStringList{m_customers.at(0)});
}

void TestScoringService::restartWithTheSameModelDoesNotRescore()
{
    startService();
    QTRY_VERIFY_WITH_TIMEOUT(m_finished.size() == 1, kWaitMs);
    const qint64 scoredAt = scoreOf(m_customers.at(0)).scoredAt;
    stopService();

    startService();
    QTRY_VERIFY_WITH_TIMEOUT(!m_modelChanged.isEmpty(), kWaitMs);
    // Started and loaded its model: the scores are that model's, so nobody is scored again.
    QMetaObject::invokeMethod(m_service, "customersChanged", Qt::QueuedConnection,
                              Q_ARG(QStringList, QStringList{m_customers.at(1)}));
    QTRY_VERIFY_WITH_TIMEOUT(!m_scored.isEmpty(), kWaitMs);
    QCOMPARE(m_finished.size(), 0);
    QCOMPARE(scoreOf(m_customers.at(0)).scoredAt, scoredAt);
}

QTEST_GUILESS_MAIN(TestScoringService)
#include "tst_scoringservice.moc"
