// Retention tasks and the scoring catalog on a real PostgreSQL (server migration 13): two desktops that open
// a task for the same customer end up with the server's one task in both caches (the second insert is
// answered "duplicate", its pull replaces the local copy); the status flow the server enforces; the
// scoring_config row and the retention offers reach the caches with the ids the local migration gave them.

#include "PgTestServer.h"

#include "FakeClock.h"

#include "common/Uuid.h"
#include "scoring/RetentionConfig.h"
#include "services/AgentDirectory.h"
#include "services/RetentionService.h"
#include "sync/LocalSyncState.h"
#include "sync/PgRemote.h"
#include "sync/SyncEngine.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <memory>

using namespace telcodesk;
using telcodesk::test::FakeClock;
using telcodesk::test::PgTestServer;

namespace {

constexpr int kMonth = 202610;

/// One desktop: a cache in a folder of its own, its login and sync engine.
struct Desk
{
    QTemporaryDir dir;
    LocalStorePtr store;
    QString login;
    std::unique_ptr<SyncEngine> engine;

    QString path() const { return dir.filePath(QString::fromLatin1(LocalStore::kFileName)); }
};

/// A login's connection for raw apply_batch calls, with its client id and outbox numbering.
struct Client
{
    PgConnectionPtr conn;
    QString client;
    qint64 seq = 0;
};

QString outcome(const QJsonObject& result)
{
    const QString code = result.value(QStringLiteral("code")).toString();
    return result.value(QStringLiteral("status")).toString() + (code.isEmpty() ? QString() : QLatin1Char(':') + code);
}

QByteArray why(const QJsonObject& result)
{
    return QJsonDocument(result).toJson(QJsonDocument::Compact);
}

} // namespace

// The cache's migrations and the built-in rules document are resources of the static core library.
static void initCoreResources()
{
    Q_INIT_RESOURCE(core);
}

class TestRetentionServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void twoDesktopsOpenATaskForTheSameCustomer();
    void statusFlowIsTheServers();
    void catalogsArriveWithTheirFixedIds();

private:
    std::unique_ptr<Desk> newDesk(const QString& login);
    bool sync(Desk& desk, SyncEngine::CycleReport* report = nullptr);
    Result<int> openTask(Desk& desk, const QString& customer, int month);
    /// openTask's count, or -1 with a warning.
    int opened(Desk& desk, const QString& customer, int month);
    QString addCustomer(const QString& name);
    QStringList localOpenTasks(Desk& desk, const QString& customer);
    int localCount(Desk& desk, const QString& sql, const QVariantList& binds = {});
    int serverCount(const QString& sql, const QVariantList& binds = {});
    bool openClient(Client* client, const QString& login);
    QJsonObject apply(Client& client, const QString& id, const QString& op, const QJsonObject& set);

    std::unique_ptr<PgTestServer> m_server;
    QString m_agent1, m_agent2, m_clerk;
    FakeClock m_clock;
};

void TestRetentionServer::initTestCase()
{
    initCoreResources();
    if (const QString reason = PgTestServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("retention"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    const QStringList gz{QStringLiteral("440100")};
    m_agent1 = m_server->addAgent(QStringLiteral("agent_1"), QStringLiteral("agent"), gz);
    m_agent2 = m_server->addAgent(QStringLiteral("agent_2"), QStringLiteral("agent"), gz);
    m_clerk = m_server->addAgent(QStringLiteral("clerk_1"), QStringLiteral("clerk"), gz);
    QVERIFY2(!m_agent1.isEmpty() && !m_agent2.isEmpty() && !m_clerk.isEmpty(), qPrintable(m_server->error()));
}

void TestRetentionServer::cleanupTestCase()
{
    m_server.reset();
}

std::unique_ptr<Desk> TestRetentionServer::newDesk(const QString& login)
{
    auto desk = std::make_unique<Desk>();
    auto opened = LocalStore::open(desk->path());
    if (!opened) {
        qWarning("cannot open the cache: %s", qPrintable(opened.errorMessage()));
        return nullptr;
    }
    desk->store = opened.value();
    desk->login = login;
    const PgDsn dsn = m_server->dsn().withLogin(login, PgTestServer::password());
    SyncEngine::Options options;
    options.listen = false;
    desk->engine = std::make_unique<SyncEngine>(
        desk->store, [dsn]() -> std::unique_ptr<RemoteSession> { return std::make_unique<PgRemote>(dsn); }, options,
        m_clock);
    return desk;
}

bool TestRetentionServer::sync(Desk& desk, SyncEngine::CycleReport* report)
{
    const auto done = desk.engine->runOnce();
    if (!done) {
        qWarning("sync failed (%s): %s", qPrintable(done.error().code), qPrintable(done.errorMessage()));
        return false;
    }
    if (report)
        *report = done.value();
    return true;
}

Result<int> TestRetentionServer::openTask(Desk& desk, const QString& customer, int month)
{
    const auto session = AgentDirectory(desk.store).localSession(desk.login);
    if (!session)
        return session.error();
    const auto offers = OfferCatalog::load(*desk.store);
    if (!offers)
        return offers.error();
    FeatureBlock block;
    block.asOfMs = m_clock.nowMs();
    block.monthM0 = month;
    block.customerIds = QStringList{customer};
    block.values.assign(std::size_t(kCustomerFeatureCount), std::numeric_limits<double>::quiet_NaN());
    CustomerScore score;
    score.customerId = customer;
    score.probability = 0.82;
    score.band = QStringLiteral("high");
    score.modelBand = QStringLiteral("high");
    return RetentionService(desk.store, session.value(), m_clock)
        .openTasks({score}, block, RetentionConfig::builtIn(), offers.value());
}

int TestRetentionServer::opened(Desk& desk, const QString& customer, int month)
{
    const auto done = openTask(desk, customer, month);
    if (!done) {
        qWarning("openTasks failed: %s", qPrintable(done.errorMessage()));
        return -1;
    }
    return done.value();
}

QString TestRetentionServer::addCustomer(const QString& name)
{
    const QString id = UuidV7::create();
    const bool done = m_server->exec(
        QStringLiteral("INSERT INTO td.customer (id, account_no, name, name_norm, type, region_code, segment, tier, "
                       "primary_msisdn) VALUES (?::uuid, ?, ?, ?, 'individual', '440106', 'mass_market', 'standard', "
                       "'+8613800000001')"),
        {id, QString(QStringLiteral("R-") + id.right(8)), name, name});
    if (!done)
        qWarning("addCustomer: %s", qPrintable(m_server->error()));
    return done ? id : QString();
}

QStringList TestRetentionServer::localOpenTasks(Desk& desk, const QString& customer)
{
    QSqlQuery q(desk.store->connection());
    q.prepare(QStringLiteral("SELECT id FROM retention_task WHERE customer_id = ? AND status = 'open' "
                             "AND deleted_at IS NULL ORDER BY id"));
    q.addBindValue(customer);
    QStringList ids;
    if (q.exec()) {
        while (q.next())
            ids << q.value(0).toString();
    }
    return ids;
}

int TestRetentionServer::localCount(Desk& desk, const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(desk.store->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        qWarning("local count failed: %s", qPrintable(q.lastError().text()));
        return -1;
    }
    return q.value(0).toInt();
}

int TestRetentionServer::serverCount(const QString& sql, const QVariantList& binds)
{
    const QVariant v = m_server->scalar(sql, binds);
    return v.isValid() ? v.toInt() : -1;
}

bool TestRetentionServer::openClient(Client* client, const QString& login)
{
    client->conn = m_server->connectAs(login);
    client->client = PgTestServer::newId();
    return static_cast<bool>(client->conn);
}

QJsonObject TestRetentionServer::apply(Client& client, const QString& id, const QString& op, const QJsonObject& set)
{
    QJsonObject payload{{QStringLiteral("set"), set}};
    if (op == QLatin1String("update")) {
        // A desktop that is up to date: what the server holds now is what it last saw.
        const QJsonObject current = QJsonDocument::fromJson(
            m_server->scalar(QStringLiteral("SELECT to_jsonb(t)::text FROM td.retention_task t WHERE id = ?::uuid"), {id})
                .toString().toUtf8()).object();
        QJsonObject base;
        for (auto it = set.constBegin(); it != set.constEnd(); ++it)
            base.insert(it.key(), current.value(it.key()));
        payload.insert(QStringLiteral("base"), base);
    }
    const QJsonObject mutation{{QStringLiteral("seq"), ++client.seq},
                               {QStringLiteral("entity"), QStringLiteral("retention_task")},
                               {QStringLiteral("entity_id"), id},
                               {QStringLiteral("op"), op},
                               {QStringLiteral("payload"), payload}};
    QString error;
    const QJsonObject answer = PgTestServer::applyBatch(*client.conn, client.client, QJsonArray{mutation}, &error);
    if (!error.isEmpty())
        return {{QStringLiteral("status"), QStringLiteral("batch failed")}, {QStringLiteral("reason"), error}};
    return answer.value(QStringLiteral("results")).toArray().at(0).toObject();
}

// ---------------------------------------------------------------------------------------------------

void TestRetentionServer::twoDesktopsOpenATaskForTheSameCustomer()
{
    const QString sameMonth = addCustomer(QStringLiteral("王芳"));
    const QString otherMonth = addCustomer(QStringLiteral("李雷"));
    QVERIFY(!sameMonth.isEmpty() && !otherMonth.isEmpty());
    auto desk1 = newDesk(m_agent1);
    auto desk2 = newDesk(m_agent2);
    QVERIFY(desk1 && desk2);
    QVERIFY(sync(*desk1));
    QVERIFY(sync(*desk2));

    // Offline, both desktops score the customers high and open their tasks: the same month gives the same id;
    // desktop 2's run for the other customer took features of another month (another id).
    QCOMPARE(opened(*desk1, sameMonth, kMonth), 1);
    QCOMPARE(opened(*desk1, otherMonth, kMonth), 1);
    QCOMPARE(opened(*desk2, sameMonth, kMonth), 1);
    QCOMPARE(opened(*desk2, otherMonth, kMonth - 1), 1);
    const QString first = RetentionService::taskId(sameMonth, kMonth);
    const QString desk1Other = RetentionService::taskId(otherMonth, kMonth);
    const QString desk2Other = RetentionService::taskId(otherMonth, kMonth - 1);

    SyncEngine::CycleReport report;
    QVERIFY(sync(*desk1, &report));
    QCOMPARE(report.push.applied, 2);
    QVERIFY(sync(*desk2, &report));
    QCOMPARE(report.push.sent, 2);
    QCOMPARE(report.push.duplicates, 2);
    QCOMPARE(report.push.rejected, 0);
    QVERIFY(sync(*desk1));

    // The server holds desktop 1's tasks, one open task per customer.
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM td.retention_task WHERE customer_id = ?::uuid"), {sameMonth}), 1);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM td.retention_task WHERE customer_id = ?::uuid"), {otherMonth}), 1);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM td.retention_task WHERE id = ?::uuid"), {desk2Other}), 0);
    // And so does each cache, as the server's rows (row_version set), with nothing left to send.
    for (Desk* desk : {desk1.get(), desk2.get()}) {
        QCOMPARE(localOpenTasks(*desk, sameMonth), QStringList{first});
        QCOMPARE(localOpenTasks(*desk, otherMonth), QStringList{desk1Other});
        QCOMPARE(localCount(*desk, QStringLiteral("SELECT count(*) FROM retention_task WHERE row_version = 0")), 0);
        QCOMPARE(localCount(*desk, QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'")), 0);
        QCOMPARE(localCount(*desk, QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'rejected'")), 0);
        const auto session = AgentDirectory(desk->store).localSession(desk->login);
        QVERIFY(session);
        const auto task = RetentionService(desk->store, session.value(), m_clock).openTaskFor(otherMonth);
        QVERIFY(task && task->has_value());
        QCOMPARE((*task)->createdBy,
                 m_server->scalar(QStringLiteral("SELECT id::text FROM td.agent WHERE login = ?"), {m_agent1}).toString());
    }

    // Desktop 2 works the server's task, offering the family SIM instead of the suggested offer; desktop 1
    // sees the outcome and the offer made, and opens nothing new for the customer.
    const QString familySim = QStringLiteral("0ffe7000-0000-4000-8000-000000000005");
    const auto session2 = AgentDirectory(desk2->store).localSession(desk2->login);
    QVERIFY(RetentionService(desk2->store, session2.value(), m_clock)
                .recordOutcome(first, QStringLiteral("declined"), QStringLiteral("已续约其他运营商"), 0, familySim));
    QVERIFY(sync(*desk2, &report));
    QCOMPARE(report.push.applied, 1);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM td.retention_task WHERE id = ?::uuid AND offer_id = ?::uuid "
                                        "AND status = 'done'"),
                         {first, familySim}),
             1);
    QVERIFY(sync(*desk1));
    QCOMPARE(localOpenTasks(*desk1, sameMonth), QStringList());
    QCOMPARE(localCount(*desk1,
                        QStringLiteral("SELECT count(*) FROM retention_task WHERE id = ? AND outcome = 'declined' AND offer_id = ?"),
                        {first, familySim}),
             1);
    QCOMPARE(opened(*desk1, sameMonth, kMonth), 0);
}

void TestRetentionServer::statusFlowIsTheServers()
{
    const QString customer = addCustomer(QStringLiteral("张伟"));
    const QString storeCustomer = addCustomer(QStringLiteral("赵敏"));
    Client agent, clerk;
    QVERIFY2(openClient(&agent, m_agent1), qPrintable(m_server->error()));
    QVERIFY2(openClient(&clerk, m_clerk), qPrintable(m_server->error()));
    const auto newTask = [&](const QString& forCustomer) {
        return QJsonObject{{QStringLiteral("customer_id"), forCustomer},
                           {QStringLiteral("reason"), QStringLiteral("decline_signals")},
                           {QStringLiteral("reasons"), QStringLiteral("[]")},
                           {QStringLiteral("score"), 0.77},
                           {QStringLiteral("queue"), QStringLiteral("retention")},
                           {QStringLiteral("due_at"), qint64(1763900000000)},
                           {QStringLiteral("status"), QStringLiteral("open")},
                           {QStringLiteral("created_at"), qint64(1763800000000)}};
    };
    const QString task = PgTestServer::newId();
    QJsonObject r = apply(agent, task, QStringLiteral("insert"), newTask(customer));
    QVERIFY2(outcome(r) == QLatin1String("applied"), why(r).constData());
    // A second open task for the customer is dropped: "duplicate", nothing written.
    const QString second = PgTestServer::newId();
    r = apply(agent, second, QStringLiteral("insert"), newTask(customer));
    QVERIFY2(outcome(r) == QLatin1String("duplicate"), why(r).constData());
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM td.retention_task WHERE id = ?::uuid"), {second}), 0);
    // The same id again is the same task.
    r = apply(agent, task, QStringLiteral("insert"), newTask(customer));
    QVERIFY2(outcome(r) == QLatin1String("duplicate"), why(r).constData());

    const auto refused = [&](const QJsonObject& set, const char* words) {
        const QJsonObject answer = apply(agent, task, QStringLiteral("update"), set);
        if (outcome(answer) != QLatin1String("rejected:workflow")
            || !answer.value(QStringLiteral("reason")).toString().contains(QLatin1String(words))) {
            qWarning() << "expected a workflow refusal naming" << words << "got" << why(answer);
            return false;
        }
        return true;
    };
    QVERIFY(refused({{QStringLiteral("status"), QStringLiteral("done")}}, "needs an outcome"));
    QVERIFY(refused({{QStringLiteral("status"), QStringLiteral("cancelled")}}, "needs an outcome"));
    QVERIFY(refused({{QStringLiteral("status"), QStringLiteral("done")}, {QStringLiteral("outcome"), QStringLiteral("callback")}},
                    "callback keeps"));
    r = apply(agent, task, QStringLiteral("update"),
              {{QStringLiteral("outcome"), QStringLiteral("won")}});
    QVERIFY2(outcome(r) == QLatin1String("rejected:constraint"), why(r).constData());
    // A callback keeps it open; then it closes with an outcome.
    r = apply(agent, task, QStringLiteral("update"),
              {{QStringLiteral("outcome"), QStringLiteral("callback")}, {QStringLiteral("due_at"), qint64(1764000000000)}});
    QVERIFY2(outcome(r) == QLatin1String("applied"), why(r).constData());
    r = apply(agent, task, QStringLiteral("update"),
              {{QStringLiteral("status"), QStringLiteral("done")},
               {QStringLiteral("outcome"), QStringLiteral("accepted")},
               {QStringLiteral("closed_at"), qint64(1764000100000)}});
    QVERIFY2(outcome(r) == QLatin1String("applied"), why(r).constData());
    // Never back, never closed again another way, the outcome stays.
    QVERIFY(refused({{QStringLiteral("status"), QStringLiteral("open")}}, "stays closed"));
    QVERIFY(refused({{QStringLiteral("status"), QStringLiteral("cancelled")}}, "stays closed"));
    QVERIFY(refused({{QStringLiteral("outcome"), QStringLiteral("declined")}}, "does not change"));
    QVERIFY(refused({{QStringLiteral("outcome_note"), QStringLiteral("改一下")}}, "does not change"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT status || '/' || outcome FROM td.retention_task WHERE id = ?::uuid"),
                              {task}).toString(),
             QStringLiteral("done/accepted"));
    // Other fields of a closed task may still change.
    r = apply(agent, task, QStringLiteral("update"), {{QStringLiteral("queue"), QStringLiteral("retention_vip")}});
    QVERIFY2(outcome(r) == QLatin1String("applied"), why(r).constData());
    // With the task closed, the customer may get a new one.
    r = apply(agent, second, QStringLiteral("insert"), newTask(customer));
    QVERIFY2(outcome(r) == QLatin1String("applied"), why(r).constData());
    // A task inserted closed needs its outcome too.
    QJsonObject closed = newTask(storeCustomer);
    closed.insert(QStringLiteral("status"), QStringLiteral("cancelled"));
    r = apply(agent, PgTestServer::newId(), QStringLiteral("insert"), closed);
    QVERIFY2(outcome(r) == QLatin1String("rejected:workflow"), why(r).constData());

    // Clerks work retention tasks too.
    const QString byClerk = PgTestServer::newId();
    r = apply(clerk, byClerk, QStringLiteral("insert"), newTask(storeCustomer));
    QVERIFY2(outcome(r) == QLatin1String("applied"), why(r).constData());
    r = apply(clerk, byClerk, QStringLiteral("update"),
              {{QStringLiteral("status"), QStringLiteral("cancelled")}, {QStringLiteral("outcome"), QStringLiteral("not_needed")}});
    QVERIFY2(outcome(r) == QLatin1String("applied"), why(r).constData());
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM sync.rejection WHERE code = 'workflow' AND client_id = ?::uuid"),
                         {agent.client}),
             8);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM sync.rejection WHERE client_id = ?::uuid"), {clerk.client}), 0);
}

void TestRetentionServer::catalogsArriveWithTheirFixedIds()
{
    auto desk = newDesk(m_clerk);
    QVERIFY(desk);
    // The cache's own defaults before the first sync: the offers of local migration 12, and a rules row that
    // `telcodesk-admin rules --set` once wrote under another id.
    QHash<QString, QJsonObject> localOffers;
    {
        QSqlQuery q(desk->store->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id, rule FROM offer WHERE code LIKE 'RET-%'")));
        while (q.next())
            localOffers.insert(q.value(0).toString(), QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO scoring_config(id, key, body) VALUES "
                                      "('019a0000-0000-7000-8000-0000000000cf', 'retention', '{\"bands\": {}}')")));
    }
    QCOMPARE(localOffers.size(), 6);
    QVERIFY(sync(*desk));

    QSqlQuery q(desk->store->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id, rule, row_version FROM offer WHERE code LIKE 'RET-%'")));
    int offers = 0;
    while (q.next()) {
        ++offers;
        const QString id = q.value(0).toString();
        QVERIFY2(localOffers.contains(id), qPrintable(id));
        QCOMPARE(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object(), localOffers.value(id));
        QVERIFY(q.value(2).toLongLong() > 0);
    }
    QCOMPARE(offers, 6);

    // The server's rules row replaced the local one: the same id as a desktop gives it, the built-in document.
    QVERIFY(q.exec(QStringLiteral("SELECT id, key, body, version, row_version FROM scoring_config")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QString::fromLatin1(RetentionConfig::kLocalRowId));
    QCOMPARE(q.value(1).toString(), QString::fromLatin1(RetentionConfig::kKey));
    QFile builtIn(QStringLiteral(":/telcodesk/scoring/retention-config.json"));
    QVERIFY(builtIn.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object(),
             QJsonDocument::fromJson(builtIn.readAll()).object());
    QCOMPARE(q.value(3).toInt(), 1);
    QVERIFY(q.value(4).toLongLong() > 0);
    QVERIFY(!q.next());
    QString problem;
    QCOMPARE(RetentionConfig::load(*desk->store, &problem).highBand, 0.5);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // The operator changes the rules on the server: the desktop takes them on its next pull.
    QVERIFY2(m_server->exec(QStringLiteral(
                 "UPDATE td.scoring_config SET body = jsonb_set(body::jsonb, '{bands,high}', '0.6')::text, "
                 "version = version + 1 WHERE key = 'retention'")),
             qPrintable(m_server->error()));
    QVERIFY(sync(*desk));
    QCOMPARE(localCount(*desk, QStringLiteral("SELECT version FROM scoring_config WHERE key = 'retention'")), 2);
    QCOMPARE(RetentionConfig::load(*desk->store, &problem).highBand, 0.6);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Nobody but an administrator writes it.
    Client clerk;
    QVERIFY(openClient(&clerk, m_clerk));
    const Status refused = clerk.conn->exec(QStringLiteral("UPDATE td.scoring_config SET version = 9"));
    QVERIFY(!refused);
}

QTEST_GUILESS_MAIN(TestRetentionServer)
#include "tst_retentionserver.moc"
