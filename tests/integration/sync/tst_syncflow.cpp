// Whole client flows against a real PostgreSQL: local caches written through ChangeWriter, synced by
// SyncEngine over PgRemote (and by the real telcodesk-admin binary where the process must die), with
// every outcome compared field by field with the server.

#include "PgTestServer.h"

#include "FakeClock.h"

#include "common/Uuid.h"
#include "store/ChangeWriter.h"
#include "store/Migrator.h"
#include "sync/LocalSyncState.h"
#include "sync/PgRemote.h"
#include "sync/SyncEngine.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace telcodesk;
using telcodesk::test::FakeClock;
using telcodesk::test::PgTestServer;

namespace {

/// One desktop: a cache in a folder of its own, the login it signs in with, its engine.
struct Desk
{
    QTemporaryDir dir;
    LocalStorePtr store;
    PgDsn dsn;
    const Clock* clock = &Clock::system();
    std::unique_ptr<SyncEngine> engine;

    QString path() const { return dir.filePath(QString::fromLatin1(LocalStore::kFileName)); }
    QString clientId() const { return LocalSyncState::clientId(*store).value(); }
};

struct AdminRun
{
    bool crashed = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

SyncEngine::Options engineOptions()
{
    SyncEngine::Options options;
    options.listen = false;
    return options;
}

} // namespace

class TestSyncFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void twoDesktopsEditTheSameRecordsOffline();
    void killedAtEachFaultPointLosesNothing_data();
    void killedAtEachFaultPointLosesNothing();
    void killedInTheMiddleOfTheFirstSync();
    void permanentRejectionDoesNotBlockTheQueue();
    void clientClockSkewChangesNothing();
    void queueSurvivesALocalSchemaUpgrade();
    void hostileOutboxRowsAreRejectedAlone();
    void invalidUtf8InTheOutbox_data();
    void invalidUtf8InTheOutbox();
    void notificationsAndAKilledListener();
    void serverRestart();

private:
    std::unique_ptr<Desk> newDesk(const QString& login, const Clock& clock = Clock::system(), int schemaVersion = -1);
    void startEngine(Desk& desk, SyncEngine::Options options = engineOptions());
    SyncEngine::CycleReport sync(Desk& desk);
    bool edit(Desk& desk, const QString& table, const QString& id, const QVariantMap& fields);
    bool insert(Desk& desk, const QString& table, const QString& id, const QVariantMap& fields);
    bool rawOutbox(Desk& desk, const QString& entity, const QString& id, const QString& op, const QByteArray& payload);
    QString addCustomer(const QString& region = QStringLiteral("440106"));
    QString addTicket(const QString& customerId);
    QString addInteraction(const QString& customerId, const QString& summary);
    QString local(Desk& desk, const QString& table, const QString& id, const QString& column);
    QString server(const QString& table, const QString& id, const QString& column);
    QStringList localList(Desk& desk, const QString& sql);
    int localCount(Desk& desk, const QString& sql);
    int serverCount(const QString& sql, const QVariantList& binds = {});
    /// Fails the test unless desk's row equals the server's in these columns.
    bool sameAsServer(Desk& desk, const QString& table, const QString& id, const QStringList& columns);
    AdminRun runAdmin(const QStringList& args, const QString& fault = QString());

    std::unique_ptr<PgTestServer> m_server;
    QString m_clerk1, m_clerk2, m_agent;
    QString m_mismatch;
};

void TestSyncFlow::initTestCase()
{
    if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("flow"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    m_clerk1 = m_server->addAgent(QStringLiteral("clerk_1"), QStringLiteral("clerk"), {QStringLiteral("440100")});
    m_clerk2 = m_server->addAgent(QStringLiteral("clerk_2"), QStringLiteral("clerk"), {QStringLiteral("440100")});
    m_agent = m_server->addAgent(QStringLiteral("agent_1"), QStringLiteral("agent"), {QStringLiteral("440100")},
                                 {QStringLiteral("network")});
    QVERIFY2(!m_clerk1.isEmpty() && !m_clerk2.isEmpty() && !m_agent.isEmpty(), qPrintable(m_server->error()));
}

void TestSyncFlow::cleanupTestCase()
{
    m_server.reset();
}

std::unique_ptr<Desk> TestSyncFlow::newDesk(const QString& login, const Clock& clock, int schemaVersion)
{
    auto desk = std::make_unique<Desk>();
    auto opened = schemaVersion < 0 ? LocalStore::open(desk->path()) : LocalStore::openAtVersion(desk->path(), schemaVersion);
    if (!opened) {
        qWarning("cannot open the cache: %s", qPrintable(opened.errorMessage()));
        return nullptr;
    }
    desk->store = opened.value();
    desk->dsn = m_server->dsn().withLogin(login, PgTestServer::password());
    desk->clock = &clock;
    if (schemaVersion < 0)
        startEngine(*desk);
    return desk;
}

void TestSyncFlow::startEngine(Desk& desk, SyncEngine::Options options)
{
    const PgDsn dsn = desk.dsn;
    desk.engine = std::make_unique<SyncEngine>(
        desk.store, [dsn]() -> std::unique_ptr<RemoteSession> { return std::make_unique<PgRemote>(dsn); }, options,
        *desk.clock);
}

SyncEngine::CycleReport TestSyncFlow::sync(Desk& desk)
{
    const auto report = desk.engine->runOnce();
    if (!report) {
        qWarning("sync failed (%s): %s", qPrintable(report.error().code), qPrintable(report.errorMessage()));
        SyncEngine::CycleReport failed;
        failed.pages = -1;
        return failed;
    }
    return report.value();
}

bool TestSyncFlow::edit(Desk& desk, const QString& table, const QString& id, const QVariantMap& fields)
{
    Change change;
    change.op = Change::Op::Update;
    change.table = table;
    change.id = id;
    change.fields = fields;
    const Status done = ChangeWriter(desk.store, *desk.clock).apply(change);
    if (!done)
        qWarning("edit failed: %s", qPrintable(done.errorMessage()));
    return done.ok();
}

bool TestSyncFlow::insert(Desk& desk, const QString& table, const QString& id, const QVariantMap& fields)
{
    Change change;
    change.op = Change::Op::Insert;
    change.table = table;
    change.id = id;
    change.fields = fields;
    const Status done = ChangeWriter(desk.store, *desk.clock).apply(change);
    if (!done)
        qWarning("insert failed: %s", qPrintable(done.errorMessage()));
    return done.ok();
}

bool TestSyncFlow::rawOutbox(Desk& desk, const QString& entity, const QString& id, const QString& op,
                             const QByteArray& payload)
{
    // What a damaged or tampered cache could hold: written around ChangeWriter and its checks.
    QSqlQuery q(desk.store->connection());
    q.prepare(QStringLiteral("INSERT INTO outbox(mutation_id, entity, entity_id, op, payload, base_version, created_at, "
                             "schema_version) VALUES(?, ?, ?, ?, ?, 0, 0, 3)"));
    q.addBindValue(UuidV7::create());
    q.addBindValue(entity);
    q.addBindValue(id);
    q.addBindValue(op);
    q.addBindValue(QString::fromUtf8(payload));
    if (!q.exec())
        qWarning("raw outbox insert failed: %s", qPrintable(q.lastError().text()));
    return q.lastError().type() == QSqlError::NoError;
}

QString TestSyncFlow::addCustomer(const QString& region)
{
    const QString id = UuidV7::create();
    const bool done = m_server->exec(
        QStringLiteral("INSERT INTO td.customer (id, account_no, name, name_norm, type, region_code, id_type, id_number, "
                       "address, segment, tier, primary_msisdn) VALUES (?::uuid, ?, '王芳', '王芳', 'individual', ?, "
                       "'resident_id', '440106199203041234', 'Base addr', 'mass_market', 'standard', '+8613800000001')"),
        {id, QString(QStringLiteral("A-") + id.right(8)), region});
    if (!done)
        qWarning("addCustomer: %s", qPrintable(m_server->error()));
    return done ? id : QString();
}

QString TestSyncFlow::addTicket(const QString& customerId)
{
    const QString id = UuidV7::create();
    const bool done = m_server->exec(QStringLiteral("INSERT INTO td.ticket (id, ticket_no, customer_id, kind, priority, "
                                                    "status, queue, channel, title, description, created_at) VALUES "
                                                    "(?::uuid, ?, ?::uuid, 'fault', 3, 'assigned', 'network', 'hotline', "
                                                    "'Base title', 'Base desc', 1)"),
                                     {id, QString(QStringLiteral("TK-") + id.right(8)), customerId});
    if (!done)
        qWarning("addTicket: %s", qPrintable(m_server->error()));
    return done ? id : QString();
}

QString TestSyncFlow::addInteraction(const QString& customerId, const QString& summary)
{
    const QString id = UuidV7::create();
    const bool done = m_server->exec(QStringLiteral("INSERT INTO td.interaction (id, customer_id, channel, kind, "
                                                    "occurred_at, summary) VALUES (?::uuid, ?::uuid, 'hotline', "
                                                    "'inquiry', 1750000000000, ?)"),
                                     {id, customerId, summary});
    if (!done)
        qWarning("addInteraction: %s", qPrintable(m_server->error()));
    return done ? id : QString();
}

QString TestSyncFlow::local(Desk& desk, const QString& table, const QString& id, const QString& column)
{
    QSqlQuery q(desk.store->connection());
    // Table and column names are this test's literals.
    q.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(column, table));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return QStringLiteral("<no row>");
    return q.value(0).isNull() ? QStringLiteral("<null>") : q.value(0).toString();
}

QString TestSyncFlow::server(const QString& table, const QString& id, const QString& column)
{
    const QVariant v = m_server->scalar(
        QStringLiteral("SELECT coalesce(%1::text, '<null>') FROM td.%2 WHERE id = ?::uuid").arg(column, table), {id});
    return v.isNull() ? QStringLiteral("<no row>") : v.toString();
}

QStringList TestSyncFlow::localList(Desk& desk, const QString& sql)
{
    QSqlQuery q(desk.store->connection());
    QStringList out;
    if (!q.exec(sql)) {
        qWarning("local query failed: %s", qPrintable(q.lastError().text()));
        return {QStringLiteral("<error>")};
    }
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < q.record().count(); ++i)
            row << (q.value(i).isNull() ? QStringLiteral("<null>") : q.value(i).toString());
        out << row.join(QLatin1Char('|'));
    }
    return out;
}

int TestSyncFlow::localCount(Desk& desk, const QString& sql)
{
    const QStringList rows = localList(desk, sql);
    return rows.size() == 1 ? rows.first().toInt() : -1;
}

int TestSyncFlow::serverCount(const QString& sql, const QVariantList& binds)
{
    const QVariant v = m_server->scalar(sql, binds);
    return v.isNull() ? -1 : v.toInt();
}

bool TestSyncFlow::sameAsServer(Desk& desk, const QString& table, const QString& id, const QStringList& columns)
{
    for (const QString& column : columns) {
        const QString mine = local(desk, table, id, column);
        const QString theirs = server(table, id, column);
        if (mine != theirs) {
            m_mismatch = QStringLiteral("%1.%2 of %3: cache %4, server %5").arg(table, column, id, mine, theirs);
            return false;
        }
    }
    return true;
}

AdminRun TestSyncFlow::runAdmin(const QStringList& args, const QString& fault)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TELCODESK_PASSWORD"), PgTestServer::password());
    env.remove(QStringLiteral("TELCODESK_FAULT"));
    if (!fault.isEmpty())
        env.insert(QStringLiteral("TELCODESK_FAULT"), fault);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TELCODESK_ADMIN_BINARY), args);
    AdminRun run;
    if (!p.waitForStarted(10000)) {
        run.err = "cannot start " TELCODESK_ADMIN_BINARY ": " + p.errorString().toUtf8();
        return run;
    }
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        run.err = "did not finish in 60 s";
        return run;
    }
    run.crashed = p.exitStatus() == QProcess::CrashExit;
    run.exitCode = p.exitCode();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

// a) Two desktops of the same region change the same ticket and customer while offline, then both sync
// twice, the first desktop first. README policy: ticket fields merge (a field both changed is a conflict
// for the later one); customer fields are last-writer-wins in server commit order, except the identity
// fields (address), merged like a ticket's.
void TestSyncFlow::twoDesktopsEditTheSameRecordsOffline()
{
    const QString customer = addCustomer();
    const QString ticket = addTicket(customer);
    QVERIFY(!customer.isEmpty() && !ticket.isEmpty());
    auto d1 = newDesk(m_clerk1);
    auto d2 = newDesk(m_clerk2);
    QVERIFY(d1 && d2);
    QVERIFY(sync(*d1).pages >= 1);
    QVERIFY(sync(*d2).pages >= 1);
    QCOMPARE(local(*d1, QStringLiteral("ticket"), ticket, QStringLiteral("title")), QStringLiteral("Base title"));
    QCOMPARE(local(*d2, QStringLiteral("customer"), customer, QStringLiteral("address")), QStringLiteral("Base addr"));

    // Offline: nobody syncs.
    QVERIFY(edit(*d1, QStringLiteral("ticket"), ticket,
                 {{QStringLiteral("title"), QStringLiteral("Title from 1")},
                  {QStringLiteral("description"), QStringLiteral("Desc from 1")}}));
    QVERIFY(edit(*d2, QStringLiteral("ticket"), ticket,
                 {{QStringLiteral("title"), QStringLiteral("Title from 2")}, {QStringLiteral("priority"), 1}}));
    QVERIFY(edit(*d1, QStringLiteral("customer"), customer,
                 {{QStringLiteral("segment"), QStringLiteral("seg_1")},
                  {QStringLiteral("address"), QStringLiteral("Addr 1")},
                  {QStringLiteral("tier"), QStringLiteral("gold")}}));
    QVERIFY(edit(*d2, QStringLiteral("customer"), customer,
                 {{QStringLiteral("segment"), QStringLiteral("seg_2")}, {QStringLiteral("address"), QStringLiteral("Addr 2")}}));

    const auto first = sync(*d1);
    QCOMPARE(first.push.sent, 2);
    QCOMPARE(first.push.applied, 2);
    QCOMPARE(first.push.conflicts, 0);
    const auto second = sync(*d2);
    QCOMPARE(second.push.sent, 2);
    QCOMPARE(second.push.applied, 0);
    QCOMPARE(second.push.conflicts, 2);
    QVERIFY(sync(*d1).pages >= 1);
    QVERIFY(sync(*d2).pages >= 1);

    // The server, field by field.
    QCOMPARE(server(QStringLiteral("ticket"), ticket, QStringLiteral("title")), QStringLiteral("Title from 1"));
    QCOMPARE(server(QStringLiteral("ticket"), ticket, QStringLiteral("description")), QStringLiteral("Desc from 1"));
    QCOMPARE(server(QStringLiteral("ticket"), ticket, QStringLiteral("priority")), QStringLiteral("1"));
    QCOMPARE(server(QStringLiteral("customer"), customer, QStringLiteral("segment")), QStringLiteral("seg_2"));
    QCOMPARE(server(QStringLiteral("customer"), customer, QStringLiteral("address")), QStringLiteral("Addr 1"));
    QCOMPARE(server(QStringLiteral("customer"), customer, QStringLiteral("tier")), QStringLiteral("gold"));

    // The conflicts belong to the desktop that came second, and only to it.
    QCOMPARE(localCount(*d1, QStringLiteral("SELECT count(*) FROM sync_conflict")), 0);
    QCOMPARE(localList(*d2, QStringLiteral("SELECT entity, entity_id, field, base_value, mine, theirs, status "
                                           "FROM sync_conflict ORDER BY entity, field")),
             (QStringList{QStringLiteral("customer|%1|address|\"Base addr\"|\"Addr 2\"|\"Addr 1\"|open").arg(customer),
                          QStringLiteral("ticket|%1|title|\"Base title\"|\"Title from 2\"|\"Title from 1\"|open").arg(ticket)}));
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM sync.conflict WHERE client_id = ?::uuid AND status = 'open'"),
                         {d2->clientId()}),
             2);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM sync.conflict WHERE client_id = ?::uuid"), {d1->clientId()}), 0);

    // Both caches hold what the server holds.
    const QStringList ticketColumns{QStringLiteral("title"), QStringLiteral("description"), QStringLiteral("priority"),
                                    QStringLiteral("status"), QStringLiteral("row_version"), QStringLiteral("updated_at")};
    const QStringList customerColumns{QStringLiteral("segment"), QStringLiteral("address"), QStringLiteral("tier"),
                                      QStringLiteral("name"), QStringLiteral("row_version"), QStringLiteral("updated_at")};
    for (Desk* d : {d1.get(), d2.get()}) {
        QVERIFY2(sameAsServer(*d, QStringLiteral("ticket"), ticket, ticketColumns), qPrintable(m_mismatch));
        QVERIFY2(sameAsServer(*d, QStringLiteral("customer"), customer, customerColumns), qPrintable(m_mismatch));
        QCOMPARE(localCount(*d, QStringLiteral("SELECT count(*) FROM outbox WHERE state <> 'applied'")), 0);
    }
    QCOMPARE(localList(*d2, QStringLiteral("SELECT entity, error_code FROM outbox ORDER BY seq")),
             (QStringList{QStringLiteral("ticket|conflict"), QStringLiteral("customer|conflict")}));
}

void TestSyncFlow::killedAtEachFaultPointLosesNothing_data()
{
    QTest::addColumn<QString>("fault");
    QTest::newRow("before send") << "sync.before_send";
    QTest::newRow("after the server committed") << "sync.after_server_commit";
    QTest::newRow("in the middle of a pulled page") << "sync.mid_page";
}

// b) The real binary is killed (SIGKILL) at each fault point and run again.
void TestSyncFlow::killedAtEachFaultPointLosesNothing()
{
    QFETCH(QString, fault);
    const QString customer = addCustomer();
    const QString ticket = addTicket(customer);
    QVERIFY(!customer.isEmpty() && !ticket.isEmpty());
    QTemporaryDir dir;
    const QString url = m_server->dsn().withLogin(m_agent, QString()).toUrl();
    const QStringList once{QStringLiteral("sync"), QStringLiteral("once"), QStringLiteral("--data-dir"), dir.path(),
                           QStringLiteral("--server"), url};
    AdminRun run = runAdmin(once);
    QVERIFY2(!run.crashed && run.exitCode == 0, run.err.constData());

    auto opened = LocalStore::open(QDir(dir.path()).filePath(QString::fromLatin1(LocalStore::kFileName)));
    QVERIFY(opened);
    Desk desk;
    desk.store = opened.value();
    QCOMPARE(local(desk, QStringLiteral("ticket"), ticket, QStringLiteral("title")), QStringLiteral("Base title"));
    const QString ticketVersion = local(desk, QStringLiteral("ticket"), ticket, QStringLiteral("row_version"));

    // Queued here: three contacts and a ticket change. Written on the server meanwhile: four contacts.
    QStringList mine;
    for (int i = 0; i < 3; ++i) {
        mine << UuidV7::create();
        QVERIFY(insert(desk, QStringLiteral("interaction"), mine.last(),
                       {{QStringLiteral("customer_id"), customer}, {QStringLiteral("channel"), QStringLiteral("hotline")},
                        {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), qint64(1750000000000 + i)},
                        {QStringLiteral("summary"), QStringLiteral("offline %1").arg(i)}}));
    }
    QVERIFY(edit(desk, QStringLiteral("ticket"), ticket, {{QStringLiteral("description"), QStringLiteral("after %1").arg(fault)}}));
    QStringList theirs;
    for (int i = 0; i < 4; ++i)
        theirs << addInteraction(customer, QStringLiteral("server %1").arg(i));
    const QString cursorBefore = desk.store->meta(QLatin1String(LocalSyncState::kCursor));
    QVERIFY(!cursorBefore.isEmpty());
    const QString clientId = desk.clientId();
    const qint64 lastLocalSeq = localCount(desk, QStringLiteral("SELECT max(seq) FROM outbox"));
    const QString mineList = QStringLiteral("{%1}").arg(mine.join(QLatin1Char(',')));
    const QString theirList = QStringLiteral("{%1}").arg(theirs.join(QLatin1Char(',')));
    const auto serverHasMine = [&] {
        return serverCount(QStringLiteral("SELECT count(*) FROM td.interaction WHERE id = ANY (?::uuid[])"), {mineList});
    };
    const auto serverLastSeq = [&] {
        return serverCount(QStringLiteral("SELECT coalesce((SELECT last_seq FROM sync.client WHERE client_id = ?::uuid), 0)"),
                           {clientId});
    };
    const auto localTheirs = [&] {
        QSqlQuery q(desk.store->connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM interaction WHERE id IN (SELECT value FROM json_each(?))"));
        q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(theirs)).toJson(QJsonDocument::Compact)));
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    };

    run = runAdmin(once, fault);
    QVERIFY2(run.crashed, qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(QString::fromUtf8(run.err))));
    QVERIFY2(run.err.contains(fault.toUtf8()), run.err.constData());
    QVERIFY(run.out.isEmpty());

    if (fault == QLatin1String("sync.before_send")) {
        QCOMPARE(serverHasMine(), 0);
        QCOMPARE(serverLastSeq(), 0);
        QCOMPARE(localCount(desk, QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'")), 4);
    } else if (fault == QLatin1String("sync.after_server_commit")) {
        QCOMPARE(serverHasMine(), 3);
        QCOMPARE(serverLastSeq(), int(lastLocalSeq));
        // The answer never arrived: locally, everything still waits.
        QCOMPARE(localCount(desk, QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'")), 4);
    } else {
        QCOMPARE(serverHasMine(), 3);
        QCOMPARE(localCount(desk, QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'")), 0);
        // The page died half written: none of it, and the old cursor.
        QCOMPARE(localTheirs(), 0);
        QCOMPARE(desk.store->meta(QLatin1String(LocalSyncState::kCursor)), cursorBefore);
    }

    run = runAdmin(once);
    QVERIFY2(!run.crashed && run.exitCode == 0, run.err.constData());
    const QJsonObject figures = QJsonDocument::fromJson(run.out).object();
    QVERIFY2(!figures.isEmpty(), run.out.constData());
    if (fault == QLatin1String("sync.before_send")) {
        QCOMPARE(figures.value(QStringLiteral("applied")).toInt(), 4);
        QCOMPARE(figures.value(QStringLiteral("duplicates")).toInt(), 0);
    } else if (fault == QLatin1String("sync.after_server_commit")) {
        QCOMPARE(figures.value(QStringLiteral("applied")).toInt(), 0);
        QCOMPARE(figures.value(QStringLiteral("duplicates")).toInt(), 4);
    } else {
        QCOMPARE(figures.value(QStringLiteral("pushed")).toInt(), 0);
    }
    QVERIFY2(figures.value(QStringLiteral("pulled")).toInt() >= 8, run.out.constData()); // 4 theirs, 3 mine, the ticket

    // Exactly once on the server, nothing waiting here, everything here.
    QCOMPARE(serverHasMine(), 3);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM td.interaction WHERE id = ANY (?::uuid[])"), {theirList}), 4);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM sync.change_log WHERE row_id = ?::uuid AND row_version > ?"),
                         {ticket, ticketVersion.toLongLong()}),
             1);
    QCOMPARE(serverLastSeq(), int(lastLocalSeq));
    QCOMPARE(localCount(desk, QStringLiteral("SELECT count(*) FROM outbox WHERE state <> 'applied'")), 0);
    QCOMPARE(localTheirs(), 4);
    QVERIFY2(sameAsServer(desk, QStringLiteral("ticket"), ticket,
                          {QStringLiteral("description"), QStringLiteral("row_version"), QStringLiteral("updated_at")}),
             qPrintable(m_mismatch));
    for (const QString& id : std::as_const(mine))
        QVERIFY2(sameAsServer(desk, QStringLiteral("interaction"), id, {QStringLiteral("summary"), QStringLiteral("row_version")}),
                 qPrintable(m_mismatch));

    // The cursor is consistent: another sync finds nothing to do.
    run = runAdmin(once);
    QVERIFY2(!run.crashed && run.exitCode == 0, run.err.constData());
    const QJsonObject idle = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(idle.value(QStringLiteral("pushed")).toInt(), 0);
    QCOMPARE(idle.value(QStringLiteral("pulled")).toInt(), 0);
    QCOMPARE(idle.value(QStringLiteral("removed")).toInt(), 0);

    run = runAdmin({QStringLiteral("sync"), QStringLiteral("status"), QStringLiteral("--data-dir"), dir.path()});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject status = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(status.value(QStringLiteral("pending")).toInt(), 0);
    QCOMPARE(status.value(QStringLiteral("rejected")).toInt(), 0);
    QCOMPARE(status.value(QStringLiteral("cursor_present")).toBool(), true);
    QCOMPARE(status.value(QStringLiteral("login")).toString(), m_agent);
}

// b) continued: the first sync (a bulk snapshot in one local transaction) killed after its first table.
void TestSyncFlow::killedInTheMiddleOfTheFirstSync()
{
    for (int i = 0; i < 3; ++i) {
        const QString customer = addCustomer();
        QVERIFY(!customer.isEmpty());
        QVERIFY(!addTicket(customer).isEmpty());
    }
    QTemporaryDir dir;
    const QString url = m_server->dsn().withLogin(m_agent, QString()).toUrl();
    const QStringList once{QStringLiteral("sync"), QStringLiteral("once"), QStringLiteral("--data-dir"), dir.path(),
                           QStringLiteral("--server"), url};
    AdminRun run = runAdmin(once, QStringLiteral("sync.mid_page"));
    QVERIFY2(run.crashed, qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(QString::fromUtf8(run.err))));

    auto opened = LocalStore::open(QDir(dir.path()).filePath(QString::fromLatin1(LocalStore::kFileName)));
    QVERIFY(opened);
    Desk desk;
    desk.store = opened.value();
    // Nothing of the snapshot stayed: no rows, no cursor, not marked done.
    QCOMPARE(desk.store->meta(QLatin1String(LocalSyncState::kCursor)), QString());
    QCOMPARE(desk.store->meta(QLatin1String(LocalSyncState::kInitialDone)), QString());
    for (const QString& table : {QStringLiteral("region"), QStringLiteral("agent"), QStringLiteral("customer"),
                                 QStringLiteral("ticket")})
        QCOMPARE(localCount(desk, QStringLiteral("SELECT count(*) FROM %1").arg(table)), 0);

    run = runAdmin(once);
    QVERIFY2(!run.crashed && run.exitCode == 0, run.err.constData());
    // Every row the agent may see, no more: compared with what its own login reads on the server.
    auto agentConn = m_server->connectAs(m_agent);
    QVERIFY(agentConn);
    for (const QString& table : {QStringLiteral("customer"), QStringLiteral("ticket"), QStringLiteral("agent")}) {
        QSqlQuery q(agentConn->db());
        QVERIFY(q.exec(QStringLiteral("SELECT id::text || '|' || row_version FROM td.%1 ORDER BY id").arg(table)));
        QStringList theirs;
        while (q.next())
            theirs << q.value(0).toString();
        QVERIFY(!theirs.isEmpty());
        QCOMPARE(localList(desk, QStringLiteral("SELECT id || '|' || row_version FROM %1 ORDER BY id").arg(table)), theirs);
    }
    QVERIFY(!desk.store->meta(QLatin1String(LocalSyncState::kInitialDone)).isEmpty());

    run = runAdmin(once);
    QVERIFY2(!run.crashed && run.exitCode == 0, run.err.constData());
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("pulled")).toInt(), 0);
}

// c) A change the server refuses for good is recorded with its reason; the changes behind it go through.
void TestSyncFlow::permanentRejectionDoesNotBlockTheQueue()
{
    const QString customer = addCustomer();
    const QString ticket = addTicket(customer);
    const QString lonely = addTicket(customer); // its only change is refused
    QVERIFY(!customer.isEmpty() && !ticket.isEmpty() && !lonely.isEmpty());
    auto desk = newDesk(m_agent);
    QVERIFY(desk);
    QVERIFY(sync(*desk).pages >= 1);
    const QString lonelyVersion = local(*desk, QStringLiteral("ticket"), lonely, QStringLiteral("row_version"));

    // assigned -> closed is not a transition sync.ticket_transition allows.
    QVERIFY(edit(*desk, QStringLiteral("ticket"), ticket, {{QStringLiteral("status"), QStringLiteral("closed")}}));
    // Plans are read-only for desktops; ChangeWriter refuses this, so it is written into the outbox directly.
    QVERIFY(rawOutbox(*desk, QStringLiteral("plan"), UuidV7::create(), QStringLiteral("update"),
                      R"({"set":{"monthly_fee_fen":1}})"));
    const QString contact = UuidV7::create();
    QVERIFY(insert(*desk, QStringLiteral("interaction"), contact,
                   {{QStringLiteral("customer_id"), customer}, {QStringLiteral("channel"), QStringLiteral("app")},
                    {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), qint64(1750000000000)},
                    {QStringLiteral("summary"), QStringLiteral("behind the refused ones")}}));
    QVERIFY(edit(*desk, QStringLiteral("ticket"), ticket, {{QStringLiteral("description"), QStringLiteral("still sent")}}));
    QVERIFY(edit(*desk, QStringLiteral("ticket"), lonely, {{QStringLiteral("status"), QStringLiteral("closed")}}));

    const auto report = sync(*desk);
    QCOMPARE(report.push.sent, 5);
    QCOMPARE(report.push.rejected, 3);
    QCOMPARE(report.push.applied, 2);
    const QStringList outbox = localList(*desk, QStringLiteral("SELECT entity, state, coalesce(error_code, '') FROM outbox "
                                                               "ORDER BY seq"));
    QCOMPARE(outbox, (QStringList{QStringLiteral("ticket|rejected|workflow"), QStringLiteral("plan|rejected|read_only"),
                                  QStringLiteral("interaction|applied|"), QStringLiteral("ticket|applied|"),
                                  QStringLiteral("ticket|rejected|workflow")}));
    const QStringList reasons = localList(*desk, QStringLiteral("SELECT error FROM outbox WHERE state = 'rejected' ORDER BY seq"));
    QCOMPARE(reasons.size(), 3);
    QVERIFY2(reasons.at(0).contains(QStringLiteral("cannot go from \"assigned\" to \"closed\"")), qPrintable(reasons.at(0)));
    QVERIFY2(reasons.at(1).contains(QStringLiteral("read-only")), qPrintable(reasons.at(1)));
    QCOMPARE(desk->engine->status().rejected, 3);
    QCOMPARE(desk->engine->status().pending, 0);

    // The server kept the refusals and applied the rest.
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM sync.rejection WHERE client_id = ?::uuid"), {desk->clientId()}), 3);
    QCOMPARE(server(QStringLiteral("interaction"), contact, QStringLiteral("summary")), QStringLiteral("behind the refused ones"));
    QCOMPARE(server(QStringLiteral("ticket"), ticket, QStringLiteral("status")), QStringLiteral("assigned"));
    QCOMPARE(server(QStringLiteral("ticket"), ticket, QStringLiteral("description")), QStringLiteral("still sent"));
    QCOMPARE(server(QStringLiteral("ticket"), lonely, QStringLiteral("status")), QStringLiteral("assigned"));
    QCOMPARE(server(QStringLiteral("ticket"), lonely, QStringLiteral("row_version")), lonelyVersion);

    // The cache shows the server's state again where the server's row moved on.
    const QStringList ticketColumns{QStringLiteral("status"), QStringLiteral("description"), QStringLiteral("row_version")};
    QVERIFY2(sameAsServer(*desk, QStringLiteral("ticket"), ticket, ticketColumns), qPrintable(m_mismatch));
    QVERIFY2(sameAsServer(*desk, QStringLiteral("interaction"), contact, {QStringLiteral("summary"), QStringLiteral("row_version")}),
             qPrintable(m_mismatch));
    // The refused change of a row nobody else touched: the server's row did not move, so no pull brings
    // it back; the pusher puts the base values back when it records the rejection.
    QVERIFY(sync(*desk).pages >= 1);
    QCOMPARE(local(*desk, QStringLiteral("ticket"), lonely, QStringLiteral("status")), QStringLiteral("assigned"));
}

// e) The desktops' clocks are a day ahead and a day behind: the server orders by its own commits and
// stamps its own clock.
void TestSyncFlow::clientClockSkewChangesNothing()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    FakeClock ahead(now.addDays(1));
    FakeClock behind(now.addDays(-1));
    const QString customer = addCustomer();
    QVERIFY(!customer.isEmpty());
    auto fast = newDesk(m_clerk1, ahead);
    auto slow = newDesk(m_clerk2, behind);
    QVERIFY(fast && slow);
    QVERIFY(sync(*fast).pages >= 1);
    QVERIFY(sync(*slow).pages >= 1);

    // Round 1: the desktop a day ahead writes last on its own clock, but reaches the server first.
    QVERIFY(edit(*slow, QStringLiteral("customer"), customer, {{QStringLiteral("segment"), QStringLiteral("from_behind")}}));
    QVERIFY(edit(*fast, QStringLiteral("customer"), customer, {{QStringLiteral("segment"), QStringLiteral("from_ahead")}}));
    const qint64 fastStamp = localList(*fast, QStringLiteral("SELECT max(created_at) FROM outbox")).value(0).toLongLong();
    const qint64 slowStamp = localList(*slow, QStringLiteral("SELECT max(created_at) FROM outbox")).value(0).toLongLong();
    QVERIFY(fastStamp - slowStamp > 47 * 3600 * 1000LL); // the fake clocks are in use
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(sync(*fast).push.applied, 1);
    const qint64 firstVersion = server(QStringLiteral("customer"), customer, QStringLiteral("row_version")).toLongLong();
    QCOMPARE(sync(*slow).push.applied, 1);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const qint64 secondVersion = server(QStringLiteral("customer"), customer, QStringLiteral("row_version")).toLongLong();
    QCOMPARE(server(QStringLiteral("customer"), customer, QStringLiteral("segment")), QStringLiteral("from_behind"));
    QVERIFY(secondVersion > firstVersion);
    const qint64 stamped = server(QStringLiteral("customer"), customer, QStringLiteral("updated_at")).toLongLong();
    QVERIFY2(stamped >= before - 1000 && stamped <= after + 1000,
             qPrintable(QStringLiteral("%1 not in [%2, %3]").arg(stamped).arg(before).arg(after)));

    // Round 2, the other way round: again the later commit wins.
    QVERIFY(edit(*fast, QStringLiteral("customer"), customer, {{QStringLiteral("segment"), QStringLiteral("ahead_again")}}));
    QVERIFY(edit(*slow, QStringLiteral("customer"), customer, {{QStringLiteral("segment"), QStringLiteral("behind_again")}}));
    QCOMPARE(sync(*slow).push.applied, 1);
    QCOMPARE(sync(*fast).push.applied, 1);
    QCOMPARE(server(QStringLiteral("customer"), customer, QStringLiteral("segment")), QStringLiteral("ahead_again"));
    QVERIFY(server(QStringLiteral("customer"), customer, QStringLiteral("row_version")).toLongLong() > secondVersion);

    QVERIFY(sync(*slow).pages >= 1);
    for (Desk* d : {fast.get(), slow.get()}) {
        QVERIFY2(sameAsServer(*d, QStringLiteral("customer"), customer,
                              {QStringLiteral("segment"), QStringLiteral("row_version"), QStringLiteral("updated_at")}),
                 qPrintable(m_mismatch));
        // The engines stamped "last sync" with their own (fake) clocks: for people only.
        QCOMPARE(d->store->meta(QLatin1String(LocalSyncState::kLastSyncAt)), QString::number(d->clock->nowMs()));
    }
}

// f) A cache of schema version 2 with changes queued is upgraded to 3: the queue survives and drains.
void TestSyncFlow::queueSurvivesALocalSchemaUpgrade()
{
    const QString customer = addCustomer();
    const QString ticket = addTicket(customer);
    QVERIFY(!customer.isEmpty() && !ticket.isEmpty());
    auto desk = newDesk(m_agent, Clock::system(), 2);
    QVERIFY(desk);
    QCOMPARE(desk->store->schemaVersion(), 2);
    // The ticket as an earlier version of the desktop had pulled it.
    {
        QSqlQuery q(desk->store->connection());
        q.prepare(QStringLiteral("INSERT INTO ticket (id, ticket_no, customer_id, kind, priority, status, queue, channel, "
                                 "title, description, created_at, row_version) VALUES (?, 'TK-OLD', ?, 'fault', 3, "
                                 "'assigned', 'network', 'hotline', 'Base title', 'Base desc', 1, ?)"));
        q.addBindValue(ticket);
        q.addBindValue(customer);
        q.addBindValue(server(QStringLiteral("ticket"), ticket, QStringLiteral("row_version")).toLongLong());
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    const QString contact = UuidV7::create();
    const QString event = UuidV7::create();
    QVERIFY(insert(*desk, QStringLiteral("interaction"), contact,
                   {{QStringLiteral("customer_id"), customer}, {QStringLiteral("channel"), QStringLiteral("store")},
                    {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), qint64(1750000000000)},
                    {QStringLiteral("summary"), QStringLiteral("queued at version 2")}}));
    QVERIFY(insert(*desk, QStringLiteral("ticket_event"), event,
                   {{QStringLiteral("ticket_id"), ticket}, {QStringLiteral("kind"), QStringLiteral("comment")},
                    {QStringLiteral("at"), qint64(1750000000001)}, {QStringLiteral("body"), QStringLiteral("called back")}}));
    QVERIFY(edit(*desk, QStringLiteral("ticket"), ticket, {{QStringLiteral("status"), QStringLiteral("in_progress")}}));
    QCOMPARE(localList(*desk, QStringLiteral("SELECT entity, op, state, schema_version FROM outbox ORDER BY seq")),
             (QStringList{QStringLiteral("interaction|insert|pending|2"), QStringLiteral("ticket_event|insert|pending|2"),
                          QStringLiteral("ticket|update|pending|2")}));

    // The desktop is upgraded: the same file opened by the new version.
    const QString path = desk->path();
    desk->store->releaseThreadConnection();
    desk->store.reset();
    auto upgraded = LocalStore::open(path);
    QVERIFY2(upgraded, qPrintable(upgraded.errorMessage()));
    desk->store = upgraded.value();
    QCOMPARE(desk->store->schemaVersion(), Migrator::latestVersion()); // every later migration ran too
    QCOMPARE(localList(*desk, QStringLiteral("SELECT entity, state, coalesce(error_code, '-'), dismissed FROM outbox ORDER BY seq")),
             (QStringList{QStringLiteral("interaction|pending|-|0"), QStringLiteral("ticket_event|pending|-|0"),
                          QStringLiteral("ticket|pending|-|0")}));

    startEngine(*desk);
    const auto report = sync(*desk);
    QCOMPARE(report.push.sent, 3);
    QCOMPARE(report.push.applied, 3);
    QCOMPARE(localCount(*desk, QStringLiteral("SELECT count(*) FROM outbox WHERE state <> 'applied'")), 0);
    QCOMPARE(server(QStringLiteral("interaction"), contact, QStringLiteral("summary")), QStringLiteral("queued at version 2"));
    QCOMPARE(server(QStringLiteral("ticket_event"), event, QStringLiteral("body")), QStringLiteral("called back"));
    QCOMPARE(server(QStringLiteral("ticket"), ticket, QStringLiteral("status")), QStringLiteral("in_progress"));
    QVERIFY2(sameAsServer(*desk, QStringLiteral("ticket"), ticket, {QStringLiteral("status"), QStringLiteral("row_version")}),
             qPrintable(m_mismatch));
}

// g) Outbox rows no ChangeWriter would write: each is refused with a reason, none is half applied, and the
// good rows behind them go through.
void TestSyncFlow::hostileOutboxRowsAreRejectedAlone()
{
    const QString customer = addCustomer();
    const QString ticket = addTicket(customer);
    QVERIFY(!customer.isEmpty() && !ticket.isEmpty());
    auto desk = newDesk(m_agent);
    QVERIFY(desk);
    QVERIFY(sync(*desk).pages >= 1);

    const auto contactPayload = [&customer](const QByteArray& summaryJson, const QByteArray& occurredAt = "1750000000000") -> QByteArray {
        return QByteArray(R"({"set":{"customer_id":")") + customer.toUtf8()
            + R"(","channel":"app","kind":"inquiry","occurred_at":)" + occurredAt + R"(,"summary":)" + summaryJson + "}}";
    };
    struct Row
    {
        const char* name;
        QString entity;
        QString id;
        QByteArray payload;
    };
    const QByteArray huge = '"' + QByteArray(70000, 'x') + '"';
    const QVector<Row> rows{
        {"oversized", QStringLiteral("interaction"), UuidV7::create(), contactPayload(huge)},
        {"wrong type, one good field", QStringLiteral("ticket"), ticket,
         R"({"set":{"priority":"high","description":"half applied?"},"base":{"priority":3,"description":"Base desc"}})"},
        {"not JSON", QStringLiteral("interaction"), UuidV7::create(), "{\"set\": {\"summary\": "},
        {"lone surrogate", QStringLiteral("interaction"), UuidV7::create(), contactPayload(R"("a\ud800b")")},
        {"NUL", QStringLiteral("interaction"), UuidV7::create(), contactPayload(R"("a\u0000b")")},
        {"date for a number", QStringLiteral("interaction"), UuidV7::create(), contactPayload(R"("ok")", R"("yesterday")")},
        {"good contact", QStringLiteral("interaction"), UuidV7::create(), contactPayload(R"("good one")")},
        {"good ticket change", QStringLiteral("ticket"), ticket,
         R"({"set":{"description":"after the hostile ones"},"base":{"description":"Base desc"}})"},
    };
    for (const Row& row : rows)
        QVERIFY2(rawOutbox(*desk, row.entity, row.id, row.entity == QLatin1String("ticket") ? QStringLiteral("update")
                                                                                           : QStringLiteral("insert"),
                           row.payload),
                 row.name);

    const auto report = sync(*desk);
    QVERIFY2(report.pages >= 1, "the sync failed");
    QCOMPARE(report.push.rejected, 6);
    QCOMPARE(report.push.applied, 2);
    const QStringList states = localList(*desk, QStringLiteral("SELECT state || ':' || coalesce(error_code, '') FROM outbox "
                                                               "ORDER BY seq"));
    QCOMPARE(states, (QStringList{QStringLiteral("rejected:invalid"), QStringLiteral("rejected:invalid"),
                                  QStringLiteral("rejected:invalid"), QStringLiteral("rejected:invalid"),
                                  QStringLiteral("rejected:invalid"), QStringLiteral("rejected:invalid"),
                                  QStringLiteral("applied:"), QStringLiteral("applied:")}));
    const QStringList reasons = localList(*desk, QStringLiteral("SELECT error FROM outbox WHERE state = 'rejected' ORDER BY seq"));
    QCOMPARE(reasons.size(), 6);
    QVERIFY2(reasons.at(0).contains(QStringLiteral("too long")), qPrintable(reasons.at(0)));
    QVERIFY2(reasons.at(1).contains(QStringLiteral("whole number")), qPrintable(reasons.at(1)));
    QVERIFY2(reasons.at(2).contains(QStringLiteral("JSON")), qPrintable(reasons.at(2)));
    for (int i : {3, 4})
        QVERIFY2(reasons.at(i).contains(QStringLiteral("Unicode")) || reasons.at(i).contains(QStringLiteral("\\u0000")),
                 qPrintable(reasons.at(i)));
    QVERIFY2(reasons.at(5).contains(QStringLiteral("whole number")), qPrintable(reasons.at(5)));

    // Nothing of the refused rows on the server, the good ones there.
    for (int i : {0, 2, 3, 4, 5})
        QCOMPARE(server(QStringLiteral("interaction"), rows.at(i).id, QStringLiteral("summary")), QStringLiteral("<no row>"));
    QCOMPARE(server(QStringLiteral("interaction"), rows.at(6).id, QStringLiteral("summary")), QStringLiteral("good one"));
    QCOMPARE(server(QStringLiteral("ticket"), ticket, QStringLiteral("priority")), QStringLiteral("3"));
    QCOMPARE(server(QStringLiteral("ticket"), ticket, QStringLiteral("description")), QStringLiteral("after the hostile ones"));
    QVERIFY2(sameAsServer(*desk, QStringLiteral("ticket"), ticket,
                          {QStringLiteral("priority"), QStringLiteral("description"), QStringLiteral("row_version")}),
             qPrintable(m_mismatch));
    const qint64 lastSeq = localCount(*desk, QStringLiteral("SELECT max(seq) FROM outbox"));
    QCOMPARE(serverCount(QStringLiteral("SELECT last_seq FROM sync.client WHERE client_id = ?::uuid"), {desk->clientId()}),
             int(lastSeq));

    // Nothing is retried: the next sync sends nothing.
    const auto again = sync(*desk);
    QCOMPARE(again.push.sent, 0);
    QCOMPARE(again.push.rejected, 0);
    QCOMPARE(desk->engine->status().rejected, 6);
}

void TestSyncFlow::invalidUtf8InTheOutbox_data()
{
    QTest::addColumn<bool>("asText");
    QTest::newRow("stored as text") << true;
    QTest::newRow("stored as a blob") << false;
}

// g) continued: bytes that are not UTF-8 in a payload (a damaged cache; ChangeWriter cannot write them).
void TestSyncFlow::invalidUtf8InTheOutbox()
{
    QFETCH(bool, asText);
    const QString customer = addCustomer();
    QVERIFY(!customer.isEmpty());
    auto desk = newDesk(m_agent);
    QVERIFY(desk);
    QVERIFY(sync(*desk).pages >= 1);
    const QString bad = UuidV7::create();
    const QString good = UuidV7::create();
    // "a", two bytes that are not UTF-8, "b".
    const QByteArray payload = QByteArray(R"({"set":{"customer_id":")") + customer.toUtf8()
        + R"(","channel":"app","kind":"inquiry","occurred_at":1,"summary":"a)" + QByteArray("\xff\xfe") + R"(b"}})";
    {
        QSqlQuery q(desk->store->connection());
        q.prepare(QStringLiteral("INSERT INTO outbox(mutation_id, entity, entity_id, op, payload, base_version, created_at, "
                                 "schema_version) VALUES(?, 'interaction', ?, 'insert', %1, 0, 0, 3)")
                      .arg(asText ? QStringLiteral("CAST(? AS TEXT)") : QStringLiteral("?")));
        q.addBindValue(UuidV7::create());
        q.addBindValue(bad);
        q.addBindValue(payload);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    QVERIFY(insert(*desk, QStringLiteral("interaction"), good,
                   {{QStringLiteral("customer_id"), customer}, {QStringLiteral("channel"), QStringLiteral("app")},
                    {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), qint64(2)},
                    {QStringLiteral("summary"), QStringLiteral("good")}}));
    const auto report = sync(*desk);
    QVERIFY2(report.pages >= 1, "the sync failed");
    // Refused here, with the reason, never sent (the server has no rejection for it); the row behind it went.
    QCOMPARE(report.push.rejected, 1);
    QCOMPARE(report.push.applied, 1);
    const QStringList outbox = localList(*desk, QStringLiteral("SELECT state, error_code, error FROM outbox ORDER BY seq"));
    QCOMPARE(outbox.size(), 2);
    QVERIFY2(outbox.at(0).startsWith(QStringLiteral("rejected|invalid|")), qPrintable(outbox.at(0)));
    QVERIFY2(outbox.at(0).contains(QStringLiteral("UTF8")), qPrintable(outbox.at(0)));
    QCOMPARE(outbox.at(1), QStringLiteral("applied|<null>|<null>"));
    QCOMPARE(server(QStringLiteral("interaction"), bad, QStringLiteral("summary")), QStringLiteral("<no row>"));
    QCOMPARE(server(QStringLiteral("interaction"), good, QStringLiteral("summary")), QStringLiteral("good"));
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM sync.rejection WHERE client_id = ?::uuid"), {desk->clientId()}), 0);
}

namespace {

/// The event-loop engine as the desktop runs it, here on the test's thread: changes must come by
/// notification or by the pull after a reconnect, not by polling.
SyncEngine::Options listeningOptions()
{
    SyncEngine::Options options;
    options.listen = true;
    options.debounceMs = 30;
    options.pollIntervalMs = 600000;
    options.backoffInitialMs = 200;
    options.backoffMaxMs = 1000;
    return options;
}

} // namespace

// d) A notification brings a change; the listening connection is killed, and a change made before anyone
// listens again still arrives.
void TestSyncFlow::notificationsAndAKilledListener()
{
    const QString customer = addCustomer();
    QVERIFY(!customer.isEmpty());
    auto desk = newDesk(m_agent);
    QVERIFY(desk);
    startEngine(*desk, listeningOptions());
    SyncEngine& engine = *desk->engine;
    engine.start();
    QTRY_VERIFY_WITH_TIMEOUT(engine.status().state == SyncStatus::State::Online, 10000);
    const QString listenerSql = QStringLiteral("SELECT pid FROM pg_stat_activity WHERE usename = ? "
                                               "AND application_name = 'telcodesk-listen'");
    const int listener = m_server->scalar(listenerSql, {m_agent}).toInt();
    QVERIFY(listener > 0);

    // A change on the server reaches the cache through NOTIFY.
    const QString first = addInteraction(customer, QStringLiteral("notified"));
    QTRY_COMPARE_WITH_TIMEOUT(local(*desk, QStringLiteral("interaction"), first, QStringLiteral("summary")),
                              QStringLiteral("notified"), 2000);

    // The listening connection is killed and a change is made at once, before anyone listens again.
    QVERIFY(m_server->scalar(QStringLiteral("SELECT pg_terminate_backend(?)"), {listener}).toBool());
    const QString second = addInteraction(customer, QStringLiteral("while nobody listened"));
    QTRY_COMPARE_WITH_TIMEOUT(local(*desk, QStringLiteral("interaction"), second, QStringLiteral("summary")),
                              QStringLiteral("while nobody listened"), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->scalar(listenerSql, {m_agent}).toInt() > 0, 3000);
    QVERIFY(m_server->scalar(listenerSql, {m_agent}).toInt() != listener);
    const QString third = addInteraction(customer, QStringLiteral("to the new listener"));
    QTRY_COMPARE_WITH_TIMEOUT(local(*desk, QStringLiteral("interaction"), third, QStringLiteral("summary")),
                              QStringLiteral("to the new listener"), 2000);

    engine.stop();
    QCOMPARE(engine.status().state, SyncStatus::State::Offline);
}

// d) The server is restarted under a running engine: it goes offline, comes back by itself, and a change
// made while it was away arrives. Needs a server of the test's own (TELCODESK_TEST_PG_DIR): it is stopped.
// Runs last: the superuser's connection of PgTestServer does not survive the restart.
void TestSyncFlow::serverRestart()
{
    const QString pgDir = qEnvironmentVariable("TELCODESK_TEST_PG_DIR");
    if (pgDir.isEmpty())
        QSKIP("the server restart needs TELCODESK_TEST_PG_DIR, the folder of a server that packaging/pg-local.sh "
              "started for this test alone (and TELCODESK_TEST_PG_DSN its address)");
    const QString customer = addCustomer();
    QVERIFY(!customer.isEmpty());
    auto desk = newDesk(m_agent);
    QVERIFY(desk);
    startEngine(*desk, listeningOptions());
    SyncEngine& engine = *desk->engine;
    engine.start();
    QTRY_VERIFY_WITH_TIMEOUT(engine.status().state == SyncStatus::State::Online, 10000);

    const auto pgLocal = [&pgDir](const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(TELCODESK_PG_LOCAL), QStringList{args.first(), pgDir} + args.mid(1));
        return p.waitForFinished(90000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    };
    QSignalSpy statuses(&engine, &SyncEngine::statusChanged);
    const auto wentOffline = [&statuses] {
        for (const QList<QVariant>& args : std::as_const(statuses)) {
            const SyncStatus status = args.at(0).value<SyncStatus>();
            if (status.state == SyncStatus::State::Offline && !status.lastError.isEmpty() && status.nextRetryInMs > 0)
                return true;
        }
        return false;
    };
    QVERIFY(pgLocal({QStringLiteral("stop")}));
    QTRY_VERIFY_WITH_TIMEOUT(wentOffline(), 10000);
    QVERIFY(pgLocal({QStringLiteral("start"), QString::number(m_server->dsn().port)}));
    // The superuser's own connection died with the server: a new one makes the change.
    auto admin = PgConnection::open(m_server->dsn());
    QVERIFY2(admin, qPrintable(admin.errorMessage()));
    const QString away = UuidV7::create();
    QVERIFY(admin.value()->exec(QStringLiteral("INSERT INTO td.interaction (id, customer_id, channel, kind, occurred_at, "
                                               "summary) VALUES (?::uuid, ?::uuid, 'hotline', 'inquiry', 1, "
                                               "'made while the desktop was away')"),
                                {away, customer})
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(local(*desk, QStringLiteral("interaction"), away, QStringLiteral("summary")),
                              QStringLiteral("made while the desktop was away"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(engine.status().state == SyncStatus::State::Online, 5000);
    // And it listens again: the next change comes by notification.
    const QString after = UuidV7::create();
    QVERIFY(admin.value()->exec(QStringLiteral("INSERT INTO td.interaction (id, customer_id, channel, kind, occurred_at, "
                                               "summary) VALUES (?::uuid, ?::uuid, 'hotline', 'inquiry', 1, 'after')"),
                                {after, customer})
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(local(*desk, QStringLiteral("interaction"), after, QStringLiteral("summary")),
                              QStringLiteral("after"), 2000);
    engine.stop();
}

QTEST_GUILESS_MAIN(TestSyncFlow)
#include "tst_syncflow.moc"
