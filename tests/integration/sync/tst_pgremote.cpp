// PgRemote against a real PostgreSQL: logins and their error codes, the schema check, pull, push,
// conflicts, LISTEN and a lost notification connection, a lost data connection, cancel and timeout.

#include "PgTestServer.h"

#include "sync/PgRemote.h"
#include "sync/ServerAdmin.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace telcodesk;
using telcodesk::test::PgTestServer;

namespace {

OutgoingMutation interactionInsert(qint64 seq, const QString& id, const QString& customerId, const QString& summary)
{
    OutgoingMutation m;
    m.seq = seq;
    m.entity = QStringLiteral("interaction");
    m.entityId = id;
    m.op = QStringLiteral("insert");
    m.payload = QJsonDocument(QJsonObject{{QStringLiteral("set"),
                                           QJsonObject{{QStringLiteral("customer_id"), customerId},
                                                       {QStringLiteral("channel"), QStringLiteral("hotline")},
                                                       {QStringLiteral("kind"), QStringLiteral("inquiry")},
                                                       {QStringLiteral("occurred_at"), qint64(1750000000000)},
                                                       {QStringLiteral("summary"), summary}}}})
                    .toJson(QJsonDocument::Compact);
    return m;
}

OutgoingMutation ticketUpdate(qint64 seq, const QString& ticketId, const QString& field, const QString& value,
                              const QString& base)
{
    OutgoingMutation m;
    m.seq = seq;
    m.entity = QStringLiteral("ticket");
    m.entityId = ticketId;
    m.op = QStringLiteral("update");
    m.payload = QJsonDocument(QJsonObject{{QStringLiteral("set"), QJsonObject{{field, value}}},
                                          {QStringLiteral("base"), QJsonObject{{field, base}}}})
                    .toJson(QJsonDocument::Compact);
    return m;
}

/// A TCP port on the loopback that accepts connections (the kernel completes the handshake) but never
/// says a word: a server that hangs.
class SilentPort
{
public:
    SilentPort()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
            || ::listen(m_fd, 8) != 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~SilentPort()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

QString statuses(const BatchResult& batch)
{
    QStringList out;
    for (const MutationResult& r : batch.results)
        out << r.status + (r.code.isEmpty() ? QString() : QLatin1Char(':') + r.code);
    return out.join(QLatin1Char(','));
}

} // namespace

class TestPgRemote : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void openWithTheRightPassword();
    void openRefusesAWrongLogin_data();
    void openRefusesAWrongLogin();
    void openOfAnUnreachableServerFailsFast();
    void cancelEndsAConnectAttempt();
    void openRefusesAServerNotSetUp();
    void openRefusesAnOlderSchema();
    void pullFromTheEmptyCursor();
    void pullPagesAndRejectsABadCursor();
    void aScopeChangeAsksForResync();
    void estimateCountsTheVisibleRows();
    void applyBatchTwiceAppliesOnce();
    void aClientIdOfAnotherLoginIsRefusedAsAWhole();
    void payloadsTravelAsTheOutboxHoldsThem();
    void textPostgresCannotHoldFailsTheWholeBatch_data();
    void textPostgresCannotHoldFailsTheWholeBatch();
    void conflictsAreListedAndResolved();
    void notificationsArrive();
    void terminatedListenConnectionIsReported();
    void terminatedDataConnectionIsNetworkThenReopens();
    void cancelFromAnotherThread();
    void statementTimeoutIsTimeout();
    void bytesAreCounted();

private:
    PgDsn agentDsn(const QString& password = PgTestServer::password()) const
    {
        return m_server->dsn().withLogin(m_agent, password);
    }
    std::unique_ptr<PgRemote> openAgent(PgRemote::Options options = PgRemote::Options());
    qint64 lastSeq(const QString& clientId);

    std::unique_ptr<PgTestServer> m_server;
    QString m_agent;
    QString m_customerA, m_customerB, m_ticket;
};

void TestPgRemote::initTestCase()
{
    if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("remote"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    PgTestServer::TwoRegions seeded;
    QVERIFY2(m_server->seedTwoRegions(&seeded), qPrintable(m_server->error()));
    m_customerA = seeded.customerA;
    m_customerB = seeded.customerB;
    m_ticket = seeded.ticket;
    m_agent = m_server->addAgent(QStringLiteral("agent_a"), QStringLiteral("agent"), {QStringLiteral("440100")});
    QVERIFY2(!m_agent.isEmpty(), qPrintable(m_server->error()));
}

void TestPgRemote::cleanupTestCase()
{
    m_server.reset();
}

std::unique_ptr<PgRemote> TestPgRemote::openAgent(PgRemote::Options options)
{
    auto remote = std::make_unique<PgRemote>(agentDsn(), options);
    const Status opened = remote->open();
    if (!opened)
        qWarning("open failed: %s", qPrintable(opened.errorMessage()));
    return opened ? std::move(remote) : nullptr;
}

qint64 TestPgRemote::lastSeq(const QString& clientId)
{
    return m_server->scalar(QStringLiteral("SELECT coalesce((SELECT last_seq FROM sync.client WHERE client_id = ?::uuid), -1)"),
                            {clientId})
        .toLongLong();
}

void TestPgRemote::openWithTheRightPassword()
{
    PgRemote remote(agentDsn());
    QVERIFY(!remote.isOpen());
    QCOMPARE(remote.dataBackendPid(), 0);
    const Status opened = remote.open();
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    QVERIFY(remote.isOpen());
    const int pid = remote.dataBackendPid();
    QVERIFY(pid > 0);
    // The session's settings and who the server thinks is connected.
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT usename || '|' || application_name FROM pg_stat_activity WHERE pid = ?"),
                              {pid})
                 .toString(),
             m_agent + QStringLiteral("|telcodesk"));
    remote.close();
    QVERIFY(!remote.isOpen());
    QCOMPARE(remote.dataBackendPid(), 0);
    remote.close(); // twice is fine
}

void TestPgRemote::openRefusesAWrongLogin_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("code");

    QTest::newRow("wrong password") << "" << "not-the-password" << "" << "auth";
    QTest::newRow("unknown login") << "nobody_here_x" << PgTestServer::password() << "" << "auth";
    QTest::newRow("no such database") << "" << PgTestServer::password() << "td_missing_database_x" << "auth";
}

void TestPgRemote::openRefusesAWrongLogin()
{
    QFETCH(QString, login);
    QFETCH(QString, password);
    QFETCH(QString, database);
    QFETCH(QString, code);
    PgDsn dsn = m_server->dsn().withLogin(login.isEmpty() ? m_agent : login, password);
    if (!database.isEmpty())
        dsn = dsn.withDatabase(database);
    PgRemote remote(dsn);
    const Status opened = remote.open();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, code);
    QVERIFY(!remote.isOpen());
    // The password never appears in what a person is shown.
    QVERIFY2(!opened.errorMessage().contains(password), qPrintable(opened.errorMessage()));
    QVERIFY2(opened.errorMessage().contains(dsn.host), qPrintable(opened.errorMessage()));
}

void TestPgRemote::openOfAnUnreachableServerFailsFast()
{
    // Port 1 on the loopback: nothing listens, the kernel refuses at once.
    PgDsn dsn = agentDsn();
    dsn.port = 1;
    PgRemote remote(dsn);
    QElapsedTimer timer;
    timer.start();
    const Status opened = remote.open();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, QStringLiteral("network"));
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(opened.errorMessage().contains(QStringLiteral(":1")), qPrintable(opened.errorMessage()));

    // A server that accepts the connection and never answers: the connect timeout ends the wait.
    SilentPort silent;
    QVERIFY(silent.port() > 0);
    PgRemote::Options options;
    options.connectTimeoutS = 2;
    dsn.port = silent.port();
    PgRemote hanging(dsn, options);
    timer.restart();
    const Status timedOut = hanging.open();
    QVERIFY(!timedOut.ok());
    QCOMPARE(timedOut.error().code, QStringLiteral("network"));
    QVERIFY2(timer.elapsed() >= 1900 && timer.elapsed() < 4000, qPrintable(QString::number(timer.elapsed())));
}

void TestPgRemote::cancelEndsAConnectAttempt()
{
    // A server that never answers: without cancel() the attempt would last the whole connect timeout.
    SilentPort silent;
    QVERIFY(silent.port() > 0);
    PgDsn dsn = agentDsn();
    dsn.port = silent.port();
    PgRemote::Options options;
    options.connectTimeoutS = 20;
    PgRemote remote(dsn, options);
    std::unique_ptr<QThread> canceller(QThread::create([&remote] {
        QThread::msleep(300);
        remote.cancel();
    }));
    canceller->start();
    QElapsedTimer timer;
    timer.start();
    const Status opened = remote.open();
    canceller->wait();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, QStringLiteral("cancelled"));
    QVERIFY2(timer.elapsed() >= 250 && timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

void TestPgRemote::openRefusesAServerNotSetUp()
{
    PgTestServer bare(QStringLiteral("remote_bare"), false);
    QVERIFY2(bare.ok(), qPrintable(bare.error()));
    PgRemote remote(bare.dsn());
    const Status opened = remote.open();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, QStringLiteral("schema"));
    QVERIFY2(opened.errorMessage().contains(QStringLiteral("server init")), qPrintable(opened.errorMessage()));
    QVERIFY(!remote.isOpen());
}

void TestPgRemote::openRefusesAnOlderSchema()
{
    // The functions are there but the migrations table says 4: the client speaks a newer protocol.
    PgTestServer old(QStringLiteral("remote_old"), false);
    QVERIFY2(old.ok(), qPrintable(old.error()));
    QVERIFY2(old.exec(QStringLiteral(
                 "CREATE SCHEMA sync; "
                 "CREATE TABLE sync.schema_migrations (version integer PRIMARY KEY); "
                 "INSERT INTO sync.schema_migrations VALUES (1), (2), (3), (4); "
                 "CREATE TABLE sync.conflict (id uuid); "
                 "CREATE FUNCTION sync.pull(text, integer) RETURNS json LANGUAGE sql AS 'SELECT NULL::json'; "
                 "CREATE FUNCTION sync.apply_batch(uuid, jsonb) RETURNS jsonb LANGUAGE sql AS 'SELECT NULL::jsonb'; "
                 "CREATE FUNCTION sync.resolve_conflict(uuid) RETURNS boolean LANGUAGE sql AS 'SELECT true'")),
             qPrintable(old.error()));
    PgRemote remote(old.dsn());
    const Status opened = remote.open();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, QStringLiteral("schema"));
    QVERIFY2(opened.errorMessage().contains(QStringLiteral("version 4")), qPrintable(opened.errorMessage()));

    // A newer server is accepted: its sync functions keep their contract.
    QVERIFY(old.exec(QStringLiteral("INSERT INTO sync.schema_migrations SELECT generate_series(5, %1)")
                         .arg(ServerAdmin::latestVersion() + 1)));
    const Status newer = remote.open();
    QVERIFY2(newer.ok(), qPrintable(newer.errorMessage()));
}

void TestPgRemote::pullFromTheEmptyCursor()
{
    auto remote = openAgent();
    QVERIFY(remote);
    const auto page = remote->pull(QString(), 1000);
    QVERIFY2(page.ok(), qPrintable(page.errorMessage()));
    QCOMPARE(page->more, false);
    QCOMPARE(page->resync, false);
    QVERIFY(page->cursor.startsWith(QStringLiteral("1.")));
    QVERIFY(page->bytes > 0);
    QSet<QString> customers, tickets;
    for (const PulledRow& row : page->rows) {
        QVERIFY(row.rowVersion > 0);
        if (row.table == QLatin1String("customer")) {
            customers.insert(row.id);
            if (row.id == m_customerA) {
                QCOMPARE(row.removed, false);
                QCOMPARE(row.row.value(QStringLiteral("name")).toString(), QStringLiteral("王芳"));
                // An agent receives the masked ID number under the column's own name.
                QVERIFY(row.row.value(QStringLiteral("id_number")).toString() != QStringLiteral("440106199203041234"));
            }
        }
        if (row.table == QLatin1String("ticket"))
            tickets.insert(row.id);
    }
    // The Beijing customer is out of this Guangzhou agent's scope: an entry without a row.
    QVERIFY(customers.contains(m_customerA));
    for (const PulledRow& row : page->rows) {
        if (row.id == m_customerB)
            QCOMPARE(row.removed, true);
    }
    QVERIFY(tickets.contains(m_ticket));

    // Nothing happened since: the next round brings nothing.
    const auto again = remote->pull(page->cursor, 1000);
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QCOMPARE(again->rows.size(), 0);
    QCOMPARE(again->more, false);
}

void TestPgRemote::pullPagesAndRejectsABadCursor()
{
    auto remote = openAgent();
    QVERIFY(remote);
    const auto first = remote->pull(QString(), 1);
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    QCOMPARE(first->more, true);
    QCOMPARE(first->rows.size(), 1);
    // startPull / finishPull: the split the engine uses to overlap the server's work with its own.
    QVERIFY(remote->startPull(first->cursor, 1).ok());
    const Status busy = remote->startPull(first->cursor, 1);
    QVERIFY(!busy.ok()); // one pull at a time
    const auto second = remote->finishPull();
    QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
    QCOMPARE(second->rows.size(), 1);
    QVERIFY(second->cursor != first->cursor);

    const auto bad = remote->pull(QStringLiteral("1.2.3.x"), 10);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, QStringLiteral("bad_cursor"));
    QVERIFY2(bad.errorMessage().contains(QStringLiteral("not a sync cursor")), qPrintable(bad.errorMessage()));
    // The session is still good after a refused statement.
    QVERIFY(remote->isOpen());
    QVERIFY(remote->pull(QString(), 10).ok());
}

void TestPgRemote::aScopeChangeAsksForResync()
{
    const QString login = m_server->addAgent(QStringLiteral("agent_moving"), QStringLiteral("agent"), {QStringLiteral("440100")});
    QVERIFY2(!login.isEmpty(), qPrintable(m_server->error()));
    PgRemote remote(m_server->dsn().withLogin(login, PgTestServer::password()));
    QVERIFY(remote.open().ok());
    const auto first = remote.pull(QString(), 1000);
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    QVERIFY(!first->resync);
    // The agent moves to Beijing: rows came into its scope with versions its cursor never saw.
    QVERIFY(!m_server->addAgent(QStringLiteral("agent_moving"), QStringLiteral("agent"), {QStringLiteral("110100")}).isEmpty());
    const auto moved = remote.pull(first->cursor, 1000);
    QVERIFY2(moved.ok(), qPrintable(moved.errorMessage()));
    QCOMPARE(moved->resync, true);
    QCOMPARE(moved->resyncReason, QStringLiteral("scope"));
    QCOMPARE(moved->rows.size(), 0);
    QCOMPARE(moved->cursor, QString());
    // From the empty cursor: the Beijing customer now, the Guangzhou one gone.
    const auto again = remote.pull(QString(), 1000);
    QVERIFY(again.ok());
    bool beijing = false, guangzhou = false;
    for (const PulledRow& row : again->rows) {
        beijing = beijing || (row.id == m_customerB && !row.removed);
        guangzhou = guangzhou || (row.id == m_customerA && !row.removed);
    }
    QVERIFY(beijing);
    QVERIFY(!guangzhou);
}

void TestPgRemote::estimateCountsTheVisibleRows()
{
    auto remote = openAgent();
    QVERIFY(remote);
    const auto estimate = remote->estimateScopeRows();
    QVERIFY2(estimate.ok(), qPrintable(estimate.errorMessage()));
    // Exactly the rows a first sync delivers (one page holds them all here).
    const auto page = remote->pull(QString(), 10000);
    QVERIFY(page.ok());
    qint64 visible = 0;
    for (const PulledRow& row : page->rows)
        visible += row.removed ? 0 : 1;
    QCOMPARE(estimate.value(), visible);
    QVERIFY(visible >= 3); // the customer, the ticket, the agent itself
}

void TestPgRemote::applyBatchTwiceAppliesOnce()
{
    auto remote = openAgent();
    QVERIFY(remote);
    const QString client = PgTestServer::newId();
    const QString id = PgTestServer::newId();
    const QVector<OutgoingMutation> batch{interactionInsert(1, id, m_customerA, QStringLiteral("询问流量包"))};
    const auto first = remote->applyBatch(client, batch);
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    QCOMPARE(statuses(first.value()), QStringLiteral("applied"));
    QCOMPARE(first->lastSeq, qint64(1));
    QVERIFY(first->results.at(0).rowVersion > 0);
    QVERIFY(first->bytesSent > 0);
    QVERIFY(first->bytesReceived > 0);

    const auto again = remote->applyBatch(client, batch);
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QCOMPARE(statuses(again.value()), QStringLiteral("duplicate"));
    QCOMPARE(again->lastSeq, qint64(1));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.interaction WHERE id = ?::uuid"), {id}).toInt(), 1);
    QCOMPARE(lastSeq(client), qint64(1));
}

void TestPgRemote::aClientIdOfAnotherLoginIsRefusedAsAWhole()
{
    const QString other = m_server->addAgent(QStringLiteral("agent_other"), QStringLiteral("agent"), {QStringLiteral("440100")});
    QVERIFY2(!other.isEmpty(), qPrintable(m_server->error()));
    PgRemote theirs(m_server->dsn().withLogin(other, PgTestServer::password()));
    QVERIFY(theirs.open().ok());
    const QString client = PgTestServer::newId();
    QVERIFY(theirs.applyBatch(client, {interactionInsert(1, PgTestServer::newId(), m_customerA, QStringLiteral("theirs"))}).ok());

    // Not "server": that would make OutboxPusher set every mutation aside one by one.
    auto remote = openAgent();
    QVERIFY(remote);
    const QString id = PgTestServer::newId();
    const auto batch = remote->applyBatch(client, {interactionInsert(2, id, m_customerA, QStringLiteral("mine"))});
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().code, QStringLiteral("protocol"));
    QVERIFY2(batch.errorMessage().contains(QStringLiteral("another login")), qPrintable(batch.errorMessage()));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.interaction WHERE id = ?::uuid"), {id}).toInt(), 0);
    QVERIFY(remote->isOpen());
}

void TestPgRemote::payloadsTravelAsTheOutboxHoldsThem()
{
    auto remote = openAgent();
    QVERIFY(remote);
    const QString client = PgTestServer::newId();
    const QString good = PgTestServer::newId();
    const QString stray = PgTestServer::newId();
    // Text with quotes, backslashes and an escaped character: spliced as it is, the server stores it as meant.
    OutgoingMutation escaped = interactionInsert(1, good, m_customerA, QString());
    escaped.payload = QByteArray(R"({ "set" : {"customer_id":")") + m_customerA.toUtf8()
        + R"(","channel":"app","kind":"inquiry","occurred_at":1750000000000,"summary":"说 \"你好\" \\ \u00e9"}})";
    OutgoingMutation notJson = interactionInsert(2, stray, m_customerA, QStringLiteral("x"));
    notJson.payload = "{set: oops";
    OutgoingMutation array = interactionInsert(3, PgTestServer::newId(), m_customerA, QStringLiteral("x"));
    array.payload = "[1, 2]";
    OutgoingMutation after = interactionInsert(4, PgTestServer::newId(), m_customerA, QStringLiteral("after the bad ones"));
    const auto batch = remote->applyBatch(client, {escaped, notJson, array, after});
    QVERIFY2(batch.ok(), qPrintable(batch.errorMessage()));
    QCOMPARE(statuses(batch.value()), QStringLiteral("applied,rejected:invalid,rejected:invalid,applied"));
    QVERIFY2(batch->results.at(1).reason.contains(QStringLiteral("not valid JSON")), qPrintable(batch->results.at(1).reason));
    QVERIFY2(batch->results.at(2).reason.contains(QStringLiteral("JSON object")), qPrintable(batch->results.at(2).reason));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT summary FROM td.interaction WHERE id = ?::uuid"), {good}).toString(),
             QStringLiteral("说 \"你好\" \\ é"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.interaction WHERE id = ?::uuid"), {stray}).toInt(), 0);
    QCOMPARE(lastSeq(client), qint64(4));
}

void TestPgRemote::textPostgresCannotHoldFailsTheWholeBatch_data()
{
    QTest::addColumn<QByteArray>("summary");
    QTest::newRow("escaped NUL") << QByteArray(R"(a\u0000b)");
    QTest::newRow("lone high surrogate") << QByteArray(R"(a\ud800b)");
    QTest::newRow("lone low surrogate") << QByteArray(R"(\udc00)");
}

void TestPgRemote::textPostgresCannotHoldFailsTheWholeBatch()
{
    // The README: such text fails while the whole mutations value is read. The answer is "server"
    // (not transient), which is what makes OutboxPusher send the batch one by one to find the culprit.
    QFETCH(QByteArray, summary);
    auto remote = openAgent();
    QVERIFY(remote);
    const QString client = PgTestServer::newId();
    const QString goodId = PgTestServer::newId();
    OutgoingMutation bad = interactionInsert(2, PgTestServer::newId(), m_customerA, QString());
    bad.payload = QByteArray(R"({"set":{"customer_id":")") + m_customerA.toUtf8()
        + R"(","channel":"app","kind":"inquiry","occurred_at":1,"summary":")" + summary + R"("}})";
    const auto batch = remote->applyBatch(client, {interactionInsert(1, goodId, m_customerA, QStringLiteral("ok")), bad});
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().code, QStringLiteral("server"));
    QVERIFY(remote->isOpen());
    // Nothing of the batch was applied.
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.interaction WHERE id = ?::uuid"), {goodId}).toInt(), 0);
    QCOMPARE(lastSeq(client), qint64(-1));
    // Alone, the good mutation goes through.
    const auto alone = remote->applyBatch(client, {interactionInsert(1, goodId, m_customerA, QStringLiteral("ok"))});
    QVERIFY2(alone.ok(), qPrintable(alone.errorMessage()));
    QCOMPARE(statuses(alone.value()), QStringLiteral("applied"));
}

void TestPgRemote::conflictsAreListedAndResolved()
{
    auto remote = openAgent();
    QVERIFY(remote);
    const QString client = PgTestServer::newId();
    const QString ticket = PgTestServer::newId();
    QVERIFY2(m_server->exec(QStringLiteral("INSERT INTO td.ticket (id, ticket_no, customer_id, kind, priority, status, "
                                           "queue, channel, title, created_at) VALUES (?::uuid, 'TK-C', ?::uuid, "
                                           "'fault', 3, 'assigned', 'network', 'hotline', 'Base', 1)"),
                            {ticket, m_customerA}),
             qPrintable(m_server->error()));
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.ticket SET title = 'Theirs' WHERE id = ?::uuid"), {ticket}));
    const auto batch = remote->applyBatch(client, {ticketUpdate(1, ticket, QStringLiteral("title"), QStringLiteral("Mine"),
                                                                QStringLiteral("Base"))});
    QVERIFY2(batch.ok(), qPrintable(batch.errorMessage()));
    QCOMPARE(statuses(batch.value()), QStringLiteral("conflict"));

    const auto open = remote->openConflicts(client);
    QVERIFY2(open.ok(), qPrintable(open.errorMessage()));
    QCOMPARE(open->size(), 1);
    const ServerConflict& c = open->at(0);
    QCOMPARE(c.seq, qint64(1));
    QCOMPARE(c.entity, QStringLiteral("ticket"));
    QCOMPARE(c.entityId, ticket);
    QCOMPARE(c.field, QStringLiteral("title"));
    QCOMPARE(c.base, QJsonValue(QStringLiteral("Base")));
    QCOMPARE(c.mine, QJsonValue(QStringLiteral("Mine")));
    QCOMPARE(c.theirs, QJsonValue(QStringLiteral("Theirs")));
    QVERIFY(!QUuid::fromString(c.id).isNull());

    QVERIFY(remote->resolveConflict(c.id).ok());
    QVERIFY(remote->resolveConflict(c.id).ok()); // already resolved: not an error
    const auto after = remote->openConflicts(client);
    QVERIFY(after.ok());
    QCOMPARE(after->size(), 0);
    const Status bad = remote->resolveConflict(QStringLiteral("not-a-uuid"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, QStringLiteral("server"));
}

void TestPgRemote::notificationsArrive()
{
    auto remote = openAgent();
    QVERIFY(remote);
    QVERIFY(!remote->isListening());
    const Status listening = remote->startListening();
    QVERIFY2(listening.ok(), qPrintable(listening.errorMessage()));
    QVERIFY(remote->isListening());
    QVERIFY(remote->listenBackendPid() > 0);
    QVERIFY(remote->listenBackendPid() != remote->dataBackendPid());
    QSignalSpy changes(remote.get(), &RemoteSession::changesNotified);
    QSignalSpy lost(remote.get(), &RemoteSession::listenLost);
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.ticket SET description = 'notified' WHERE id = ?::uuid"), {m_ticket}));
    QVERIFY(changes.wait(2000));
    // A burst of changes in one transaction is one notification (and at most a few signals).
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.ticket SET description = description || '.' WHERE id = ?::uuid"),
                           {m_ticket}));
    QVERIFY(changes.wait(2000));
    QCOMPARE(lost.size(), 0);
}

void TestPgRemote::terminatedListenConnectionIsReported()
{
    auto remote = openAgent();
    QVERIFY(remote);
    QVERIFY(remote->startListening().ok());
    QSignalSpy lost(remote.get(), &RemoteSession::listenLost);
    const int pid = remote->listenBackendPid();
    QVERIFY(m_server->scalar(QStringLiteral("SELECT pg_terminate_backend(?)"), {pid}).toBool());
    QVERIFY(lost.wait(2000));
    QCOMPARE(lost.size(), 1);
    QVERIFY(!remote->isListening());
    QCOMPARE(remote->listenBackendPid(), 0);
    // The data connection is another one and still works.
    QVERIFY(remote->isOpen());
    QVERIFY(remote->pull(QString(), 10).ok());

    // Listening again works, and changes are notified again.
    QVERIFY(remote->startListening().ok());
    QVERIFY(remote->listenBackendPid() != pid);
    QSignalSpy changes(remote.get(), &RemoteSession::changesNotified);
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.ticket SET description = 'again' WHERE id = ?::uuid"), {m_ticket}));
    QVERIFY(changes.wait(2000));
    QCOMPARE(lost.size(), 1);
}

void TestPgRemote::terminatedDataConnectionIsNetworkThenReopens()
{
    auto remote = openAgent();
    QVERIFY(remote);
    QVERIFY(m_server->scalar(QStringLiteral("SELECT pg_terminate_backend(?)"), {remote->dataBackendPid()}).toBool());
    // Give the backend a moment to go.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = ?"),
                                               {m_agent})
                                  .toInt(),
                              0, 2000);
    const auto page = remote->pull(QString(), 10);
    QVERIFY(!page.ok());
    QCOMPARE(page.error().code, QStringLiteral("network"));
    QVERIFY(!remote->isOpen());
    const auto batch = remote->applyBatch(PgTestServer::newId(), {});
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().code, QStringLiteral("network"));
    QVERIFY(remote->open().ok());
    QVERIFY(remote->pull(QString(), 10).ok());
}

void TestPgRemote::cancelFromAnotherThread()
{
    auto remote = openAgent();
    QVERIFY(remote);
    const QString client = PgTestServer::newId();
    // The superuser holds the ticket's row lock, so the agent's update waits for it.
    auto holder = PgConnection::open(m_server->dsn());
    QVERIFY(holder);
    QVERIFY(holder.value()->db().transaction());
    QVERIFY(holder.value()->exec(QStringLiteral("SELECT 1 FROM td.ticket WHERE id = ?::uuid FOR UPDATE"), {m_ticket}).ok());

    PgRemote* target = remote.get();
    std::unique_ptr<QThread> canceller(QThread::create([target] {
        QThread::msleep(500);
        target->cancel();
    }));
    canceller->start();
    QElapsedTimer timer;
    timer.start();
    const auto batch = remote->applyBatch(client, {ticketUpdate(1, m_ticket, QStringLiteral("title"),
                                                                QStringLiteral("Cancelled"), QStringLiteral("Base title"))});
    const qint64 waited = timer.elapsed();
    canceller->wait();
    QVERIFY(holder.value()->db().rollback());
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().code, QStringLiteral("cancelled"));
    QVERIFY2(waited >= 400 && waited < 4000, qPrintable(QString::number(waited)));
    // Nothing of the batch stayed, and the session goes on.
    QCOMPARE(lastSeq(client), qint64(-1));
    QVERIFY(remote->isOpen());
    const auto page = remote->pull(QString(), 10);
    QVERIFY2(page.ok(), qPrintable(page.errorMessage()));
}

void TestPgRemote::statementTimeoutIsTimeout()
{
    PgRemote::Options options;
    options.statementTimeoutMs = 700;
    auto remote = openAgent(options);
    QVERIFY(remote);
    auto holder = PgConnection::open(m_server->dsn());
    QVERIFY(holder);
    QVERIFY(holder.value()->db().transaction());
    QVERIFY(holder.value()->exec(QStringLiteral("SELECT 1 FROM td.ticket WHERE id = ?::uuid FOR UPDATE"), {m_ticket}).ok());
    QElapsedTimer timer;
    timer.start();
    const auto batch = remote->applyBatch(PgTestServer::newId(), {ticketUpdate(1, m_ticket, QStringLiteral("title"), QStringLiteral("Late"),
                                                                 QStringLiteral("Base title"))});
    const qint64 waited = timer.elapsed();
    QVERIFY(holder.value()->db().rollback());
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().code, QStringLiteral("timeout"));
    QVERIFY2(waited >= 600 && waited < 5000, qPrintable(QString::number(waited)));
    QVERIFY(remote->isOpen());
}

void TestPgRemote::bytesAreCounted()
{
    auto remote = openAgent();
    QVERIFY(remote);
    const qint64 inBefore = remote->bytesReceived();
    const qint64 outBefore = remote->bytesSent();
    const auto page = remote->pull(QString(), 1000);
    QVERIFY(page.ok());
    QVERIFY(remote->bytesReceived() - inBefore >= page->bytes);
    QCOMPARE(remote->bytesSent() - outBefore, qint64(qstrlen("SELECT sync.pull($1, $2)::text") + 0 + 4));
    // open() starts the count again.
    QVERIFY(remote->open().ok());
    QVERIFY(remote->bytesReceived() < page->bytes);
}

QTEST_GUILESS_MAIN(TestPgRemote)
#include "tst_pgremote.moc"
