// server init, add-agent and load against a real PostgreSQL: the library calls and the command line.

#include "PgTestServer.h"
#include "TempStore.h"

#include "demo/DemoGenerator.h"
#include "sync/PullApplier.h"
#include "sync/ServerAdmin.h"
#include "sync/ServerLoader.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace telcodesk;
using telcodesk::test::PgTestServer;
using telcodesk::test::TempStore;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runAdmin(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(TELCODESK_ADMIN_BINARY), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (!input.isNull())
        p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

/// Everything init creates, counted: a second init must leave every figure as it was.
QString catalogFingerprint(PgTestServer& server)
{
    return server
        .scalar(QStringLiteral(
            "SELECT concat_ws(',',"
            " (SELECT count(*) FROM sync.schema_migrations),"
            " (SELECT string_agg(version || ':' || checksum, ';' ORDER BY version) FROM sync.schema_migrations),"
            " (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('td','sync')),"
            " (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ('td','sync')),"
            " (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            "   WHERE n.nspname IN ('td','sync') AND NOT t.tgisinternal),"
            " (SELECT count(*) FROM pg_policy),"
            " (SELECT count(*) FROM sync.synced_table), (SELECT count(*) FROM sync.ticket_transition),"
            " (SELECT count(*) FROM sync.change_log),"
            " (SELECT string_agg(c.relname || '=' || coalesce(array_to_string(c.relacl, ' '), ''), ';' ORDER BY c.relname)"
            "    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'td'))"))
        .toString();
}

QStringList sqliteColumns(const QSqlDatabase& db, const QString& table)
{
    QStringList columns;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table));
    while (q.next())
        columns << q.value(0).toString();
    return columns;
}

} // namespace

class TestServerAdmin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void initTwiceIsANoOp();
    void initOnTheCommandLinePrintsWhatRan();
    void schemaHasTheCacheColumns();
    void addAgentIsIdempotent();
    void addAgentMovesTheGroupWithTheRole();
    void addAgentRefusesPrivilegedRoles();
    void addAgentOnTheCommandLine();
    void connectionErrors_data();
    void connectionErrors();
    void badDsnOnTheCommandLine_data();
    void badDsnOnTheCommandLine();
    void loadMatchesTheDataSet();
    void loadOnTheCommandLine();

private:
    std::unique_ptr<PgTestServer> m_server;
    std::unique_ptr<TempStore> m_dataSet;
};

void TestServerAdmin::initTestCase()
{
    if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("admin"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));

    m_dataSet = std::make_unique<TempStore>();
    QVERIFY2(m_dataSet->ok(), qPrintable(m_dataSet->error()));
    DemoGenerator::Options options;
    options.customers = 300;
    options.seed = 20261122;
    options.asOf = QDate(2025, 6, 30);
    const auto generated = DemoGenerator::generate(m_dataSet->store(), options);
    QVERIFY2(generated.ok(), qPrintable(generated.errorMessage()));
}

void TestServerAdmin::cleanupTestCase()
{
    m_server.reset();
}

void TestServerAdmin::initTwiceIsANoOp()
{
    const QString before = catalogFingerprint(*m_server);
    QVERIFY(!before.isEmpty());
    QVERIFY(before.startsWith(QString::number(ServerAdmin::latestVersion()) + QLatin1Char(',')));
    const auto again = ServerAdmin::init(m_server->admin());
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QVERIFY(again->applied.isEmpty());
    QVERIFY(again->warnings.isEmpty());
    QCOMPARE(again->version, ServerAdmin::latestVersion());
    QCOMPARE(catalogFingerprint(*m_server), before);
}

void TestServerAdmin::initOnTheCommandLinePrintsWhatRan()
{
    PgTestServer fresh(QStringLiteral("cli_init"), false);
    QVERIFY2(fresh.ok(), qPrintable(fresh.error()));
    const QString dsn = fresh.dsn().toUrl();

    const Run first = runAdmin({QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--dsn"), dsn});
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    for (const ServerAdmin::Migration& m : ServerAdmin::migrations())
        QVERIFY2(first.out.contains(QStringLiteral("applied %1").arg(m.name)), qPrintable(first.out));
    QVERIFY(!first.out.contains(fresh.dsn().password)); // the address is printed without its password
    const QString after = catalogFingerprint(fresh);

    const Run second = runAdmin({QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--dsn"), dsn});
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    QVERIFY(!second.out.contains(QStringLiteral("applied")));
    QVERIFY2(second.out.contains(QStringLiteral("nothing to do")), qPrintable(second.out));
    QCOMPARE(catalogFingerprint(fresh), after);
}

void TestServerAdmin::schemaHasTheCacheColumns()
{
    const QSqlDatabase local = m_dataSet->store()->connection();
    QSqlQuery tables(m_server->admin().db());
    QVERIFY(tables.exec(QStringLiteral("SELECT name FROM sync.synced_table ORDER BY load_order")));
    int checked = 0;
    while (tables.next()) {
        const QString table = tables.value(0).toString();
        QStringList cache = sqliteColumns(local, table);
        QVERIFY2(!cache.isEmpty(), qPrintable(table));
        QSqlQuery columns(m_server->admin().db());
        columns.prepare(QStringLiteral("SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass(?) "
                                       "AND attnum > 0 AND NOT attisdropped"));
        columns.addBindValue(QString(QStringLiteral("td.") + table));
        QVERIFY(columns.exec());
        QSet<QString> server;
        while (columns.next())
            server.insert(columns.value(0).toString());
        cache.removeAll(QStringLiteral("seq")); // the audit log's local order stays on the desktop
        for (const QString& c : std::as_const(cache))
            QVERIFY2(server.contains(c), qPrintable(table + QLatin1Char('.') + c));
        QSet<QString> extra = server - QSet<QString>(cache.cbegin(), cache.cend());
        QSet<QString> expected{QStringLiteral("sync_xid"), QStringLiteral("scope_region"), QStringLiteral("scope_queue"),
                               QStringLiteral("scope_assignee")};
        if (table == QLatin1String("customer"))
            expected << QStringLiteral("id_number_masked");
        if (table == QLatin1String("region"))
            expected << QStringLiteral("id") << QStringLiteral("row_version") << QStringLiteral("updated_at")
                     << QStringLiteral("deleted_at");
        if (table == QLatin1String("audit_log"))
            expected << QStringLiteral("row_version") << QStringLiteral("updated_at") << QStringLiteral("deleted_at");
        QCOMPARE(extra, expected);
        ++checked;
    }
    QCOMPARE(checked, int(PullApplier::syncedTables().size())); // every table the desktop pulls
}

void TestServerAdmin::addAgentIsIdempotent()
{
    ServerAdmin::AgentSpec spec;
    spec.login = m_server->loginFor(QStringLiteral("idem"));
    spec.role = QStringLiteral("agent");
    spec.regions = {QStringLiteral("440100"), QStringLiteral("110000")};
    spec.queues = {QStringLiteral("complaints"), QStringLiteral("vip")};
    spec.teams = {QStringLiteral("热线一组")};
    spec.setPassword = true;
    spec.password = PgTestServer::password();
    const auto first = ServerAdmin::addAgent(m_server->admin(), spec);
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    QVERIFY(first->loginCreated);
    QVERIFY(first->agentCreated);
    // Registered for clean-up, and proves the login works.
    QCOMPARE(m_server->addAgent(QStringLiteral("idem"), spec.role, spec.regions, spec.queues, spec.teams), spec.login);

    const auto state = [&] {
        return m_server
            ->scalar(QStringLiteral("SELECT concat_ws('|', a.id, a.role, a.region_code, a.team, a.row_version, "
                                    "(SELECT string_agg(kind || '=' || value, ',' ORDER BY kind, value) FROM td.agent_scope s "
                                    "  WHERE s.login = a.login), "
                                    "(SELECT string_agg(g.rolname, ',' ORDER BY g.rolname) FROM pg_auth_members m "
                                    "  JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member "
                                    "  WHERE r.rolname = a.login)) FROM td.agent a WHERE a.login = ?"),
                     {spec.login})
            .toString();
    };
    const QString before = state();
    QVERIFY2(before.contains(QStringLiteral("|agent|440100|热线一组|")), qPrintable(before));
    QVERIFY2(before.endsWith(QStringLiteral("|queue=complaints,queue=vip,region=110000|td_agent")), qPrintable(before));

    spec.setPassword = false;
    const auto second = ServerAdmin::addAgent(m_server->admin(), spec);
    QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
    QVERIFY(!second->loginCreated);
    QVERIFY(!second->agentCreated);
    QCOMPARE(second->agentId, first->agentId);
    QCOMPARE(state(), before);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.agent WHERE login = ?"), {spec.login}).toInt(), 1);
    QVERIFY(m_server->connectAs(spec.login) != nullptr);

    auto agent = m_server->connectAs(spec.login);
    QVERIFY(agent);
    QCOMPARE(agent->scalar(QStringLiteral("SELECT array_to_string(sync.my_regions(), ',')")).value().toString(),
             QStringLiteral("11,4401"));
    QCOMPARE(agent->scalar(QStringLiteral("SELECT array_to_string(sync.my_queues(), ',')")).value().toString(),
             QStringLiteral("complaints,vip"));
    QCOMPARE(agent->scalar(QStringLiteral("SELECT sync.my_role()")).value().toString(), QStringLiteral("agent"));
}

void TestServerAdmin::addAgentMovesTheGroupWithTheRole()
{
    const QString login = m_server->addAgent(QStringLiteral("mover"), QStringLiteral("agent"), {QStringLiteral("440100")});
    QVERIFY2(!login.isEmpty(), qPrintable(m_server->error()));
    QCOMPARE(m_server->addAgent(QStringLiteral("mover"), QStringLiteral("supervisor"), {QStringLiteral("440100")},
                                {}, {QStringLiteral("t1"), QStringLiteral("t2")}),
             login);
    QCOMPARE(m_server
                 ->scalar(QStringLiteral("SELECT string_agg(g.rolname, ',') FROM pg_auth_members m JOIN pg_roles g ON "
                                         "g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = ?"),
                          {login})
                 .toString(),
             QStringLiteral("td_supervisor"));
    auto conn = m_server->connectAs(login);
    QVERIFY(conn);
    QCOMPARE(conn->scalar(QStringLiteral("SELECT sync.my_role()")).value().toString(), QStringLiteral("supervisor"));
    QCOMPARE(conn->scalar(QStringLiteral("SELECT array_to_string(sync.my_teams(), ',')")).value().toString(),
             QStringLiteral("t1,t2"));
}

void TestServerAdmin::addAgentRefusesPrivilegedRoles()
{
    ServerAdmin::AgentSpec spec;
    spec.role = QStringLiteral("admin");
    spec.regions = {QStringLiteral("440100")};
    spec.setPassword = true;
    spec.password = QStringLiteral("whatever-123");

    // The superuser of the test server: its password must not be reset through add-agent.
    spec.login = m_server->dsn().user;
    auto result = ServerAdmin::addAgent(m_server->admin(), spec);
    QVERIFY(!result.ok());
    QVERIFY2(result.errorMessage().contains(QStringLiteral("is not an agent login")), qPrintable(result.errorMessage()));
    QVERIFY(PgConnection::open(m_server->dsn()).ok()); // still the old password

    for (const QString& bad : {QStringLiteral("td_admin"), QStringLiteral("pg_monitor"), QStringLiteral("Robert'); --"),
                               QStringLiteral("")}) {
        spec.login = bad;
        result = ServerAdmin::addAgent(m_server->admin(), spec);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("invalid"));
    }
    spec.login = m_server->loginFor(QStringLiteral("short"));
    spec.password = QStringLiteral("short");
    result = ServerAdmin::addAgent(m_server->admin(), spec);
    QVERIFY(!result.ok());
    QVERIFY(result.errorMessage().contains(QStringLiteral("at least 8")));
    spec.password = QStringLiteral("long-enough");
    spec.regions = {QStringLiteral("4401")};
    result = ServerAdmin::addAgent(m_server->admin(), spec);
    QVERIFY(!result.ok());
    QVERIFY(result.errorMessage().contains(QStringLiteral("not a region code")));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = ?"), {spec.login}).toInt(), 0);
}

void TestServerAdmin::addAgentOnTheCommandLine()
{
    const QString login = m_server->loginFor(QStringLiteral("cli"));
    const QString password = QStringLiteral("typed on stdin 9");
    const QStringList args = {QStringLiteral("server"),     QStringLiteral("add-agent"),  QStringLiteral("--dsn"),
                              m_server->dsn().toUrl(),      QStringLiteral("--login"),    login,
                              QStringLiteral("--role"),     QStringLiteral("clerk"),      QStringLiteral("--region"),
                              QStringLiteral("110100"),     QStringLiteral("--queue"),    QStringLiteral("general"),
                              QStringLiteral("--team"),     QStringLiteral("西单营业厅"), QStringLiteral("--password-stdin")};
    const Run run = runAdmin(args, password.toUtf8() + '\n');
    // Registered for clean-up (and to be sure the role is dropped even if the checks below fail).
    m_server->addAgent(QStringLiteral("cli"), QStringLiteral("clerk"), {QStringLiteral("110100")},
                       {QStringLiteral("general")}, {QStringLiteral("西单营业厅")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("login %1 created").arg(login)), qPrintable(run.out));
    QVERIFY(!run.out.contains(password) && !run.err.contains(password));

    // The server's helper replaced the password with PgTestServer's; set it again through the CLI
    // and log in with it.
    const Run again = runAdmin(args, password.toUtf8() + '\n');
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QVERIFY2(again.out.contains(QStringLiteral("login %1 updated").arg(login)), qPrintable(again.out));
    auto conn = PgConnection::open(m_server->dsn().withLogin(login, password));
    QVERIFY2(conn.ok(), qPrintable(conn.errorMessage()));
    QCOMPARE(conn.value()->scalar(QStringLiteral("SELECT sync.my_role()")).value().toString(), QStringLiteral("clerk"));

    QStringList noPassword = args;
    noPassword.replace(noPassword.indexOf(login), m_server->loginFor(QStringLiteral("nopass")));
    const Run empty = runAdmin(noPassword, QByteArray(""));
    QCOMPARE(empty.exitCode, 2);
    QVERIFY2(empty.err.contains(QStringLiteral("no password")), qPrintable(empty.err));
}

void TestServerAdmin::connectionErrors_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("says");
    QTest::newRow("unreachable") << "port" << "unreachable" << "Cannot reach a PostgreSQL server at 127.0.0.1:1";
    QTest::newRow("wrong password") << "password" << "auth" << "refused the login";
    QTest::newRow("unknown login") << "login" << "auth" << "refused the login";
    QTest::newRow("no database") << "database" << "no_database" << "has no database";
}

void TestServerAdmin::connectionErrors()
{
    QFETCH(QString, which);
    QFETCH(QString, code);
    QFETCH(QString, says);
    PgDsn dsn = m_server->dsn();
    if (which == QLatin1String("port")) {
        dsn.host = QStringLiteral("127.0.0.1");
        dsn.port = 1;
    } else if (which == QLatin1String("password")) {
        dsn.password = QStringLiteral("not-the-password");
    } else if (which == QLatin1String("login")) {
        dsn.user = m_server->loginFor(QStringLiteral("nobody"));
    } else {
        dsn.database = QStringLiteral("no_such_database_here");
    }
    const auto opened = PgConnection::open(dsn);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, code);
    QVERIFY2(opened.errorMessage().contains(says), qPrintable(opened.errorMessage()));
    QVERIFY(!opened.errorMessage().contains(m_server->dsn().password));

    const Run run = runAdmin({QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--dsn"), dsn.toUrl()});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(says), qPrintable(run.err));
}

void TestServerAdmin::badDsnOnTheCommandLine_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("says");
    QTest::newRow("scheme") << "mysql://u:p@localhost/db" << "must start with postgresql://";
    QTest::newRow("no database") << "postgresql://u:p@localhost:5432" << "names no database";
    QTest::newRow("bad port") << "postgresql://u:p@localhost:99999/db" << "not a valid URL";
    QTest::newRow("option") << "postgresql://u:p@localhost/db?host=/tmp" << "Unknown option";
}

void TestServerAdmin::badDsnOnTheCommandLine()
{
    QFETCH(QString, dsn);
    QFETCH(QString, says);
    const Run run = runAdmin({QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--dsn"), dsn});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(says), qPrintable(run.err));
}

void TestServerAdmin::loadMatchesTheDataSet()
{
    const qint64 serverStart = m_server->scalar(QStringLiteral("SELECT sync.now_ms()")).toLongLong();
    const qint64 logBefore = m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.change_log")).toLongLong();
    const auto stats = ServerLoader::load(m_server->admin(), m_dataSet->path());
    QVERIFY2(stats.ok(), qPrintable(stats.errorMessage()));
    QVERIFY(stats->rows > 15000);
    qInfo("loaded %lld rows in %.2f s (%.0f rows/s)", stats->rows, stats->seconds, stats->rowsPerSecond());

    const QSqlDatabase local = m_dataSet->store()->connection();
    qint64 total = 0;
    int tables = 0;
    for (const ServerLoader::TableStats& t : stats->tables) {
        QSqlQuery q(local);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(t.table)) && q.next());
        const qint64 expected = q.value(0).toLongLong();
        const qint64 onServer = m_server->scalar(QStringLiteral("SELECT count(*) FROM td.%1").arg(t.table)).toLongLong();
        // Agents added before the load (the tests above) are on the server too.
        qint64 added = t.table == QLatin1String("agent")
            ? m_server->scalar(QStringLiteral("SELECT count(*) FROM td.agent WHERE updated_at < ?"), {serverStart}).toLongLong()
            : 0;
        // So is the rules document server migration 13 seeds, which a generated data set does not hold.
        if (t.table == QLatin1String("scoring_config")) {
            QStringList ids;
            QVERIFY(q.exec(QStringLiteral("SELECT id FROM scoring_config")));
            while (q.next())
                ids << q.value(0).toString();
            added = m_server->scalar(QStringLiteral("SELECT count(*) FROM td.scoring_config WHERE NOT (id::text = ANY (?::text[]))"),
                                     {QStringLiteral("{%1}").arg(ids.join(QLatin1Char(',')))})
                        .toLongLong();
        }
        QCOMPARE(onServer - added, expected);
        // Catalog rows the server's migrations seeded (SLA, workflow) carry the same ids: kept, not loaded.
        QCOMPARE(t.rows + t.skipped, expected);
        total += t.rows;
        ++tables;
    }
    QCOMPARE(tables, int(PullApplier::syncedTables().size()));
    QCOMPARE(total, stats->rows);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.change_log")).toLongLong() - logBefore, total);

    // Every row went through the triggers: a server version, the server's clock, its scope.
    for (const QString& table : {QStringLiteral("customer"), QStringLiteral("usage_month"), QStringLiteral("ticket_event"),
                                 QStringLiteral("interaction")}) {
        QCOMPARE(m_server
                     ->scalar(QStringLiteral("SELECT count(*) FROM td.%1 WHERE row_version = 0 OR updated_at < ? "
                                             "OR scope_region IS NULL OR sync_xid IS NULL")
                                  .arg(table),
                              {serverStart})
                     .toLongLong(),
                 qint64(0));
    }
    // A customer arrives field for field.
    QSqlQuery c(local);
    QVERIFY(c.exec(QStringLiteral("SELECT id, name, id_number, birth_date, address, consent_data_use, tags FROM customer "
                                  "WHERE birth_date IS NOT NULL ORDER BY id LIMIT 1"))
            && c.next());
    const QString server = m_server
                               ->scalar(QStringLiteral("SELECT concat_ws('|', name, id_number, birth_date, address, "
                                                       "consent_data_use, tags) FROM td.customer WHERE id = ?::uuid"),
                                        {c.value(0)})
                               .toString();
    QStringList fields;
    for (int i = 1; i <= 6; ++i)
        fields << c.value(i).toString();
    QCOMPARE(server, fields.join(QLatin1Char('|')));

    // A second load is refused and changes nothing.
    const auto again = ServerLoader::load(m_server->admin(), m_dataSet->path());
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, QStringLiteral("not_empty"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.customer")).toInt(), 300);
}

void TestServerAdmin::loadOnTheCommandLine()
{
    PgTestServer target(QStringLiteral("cli_load"));
    QVERIFY2(target.ok(), qPrintable(target.error()));
    const Run run = runAdmin({QStringLiteral("server"), QStringLiteral("load"), QStringLiteral("--dsn"),
                              target.dsn().toUrl(), QStringLiteral("--data-dir"), m_dataSet->dir()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject figures = QJsonDocument::fromJson(run.out.trimmed().toUtf8()).object();
    QVERIFY2(figures.value(QStringLiteral("rows")).toInteger() > 15000, qPrintable(run.out));
    QVERIFY(figures.value(QStringLiteral("rows_per_second")).toInteger() > 0);
    QCOMPARE(figures.value(QStringLiteral("tables")).toObject().value(QStringLiteral("customer")).toInt(), 300);
    QVERIFY2(run.err.contains(QStringLiteral("rows/s")), qPrintable(run.err));

    const Run missing = runAdmin({QStringLiteral("server"), QStringLiteral("load"), QStringLiteral("--dsn"),
                                  target.dsn().toUrl(), QStringLiteral("--data-dir"), QStringLiteral("/nonexistent")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains(QStringLiteral("there is no data set")));
}

QTEST_GUILESS_MAIN(TestServerAdmin)
#include "tst_serveradmin.moc"
