// Row-level security and column privileges as the real boundary: an agent of region A, on its own
// connection with hand-written SQL, can neither read nor change region B's rows, nor read ID numbers
// in clear, nor widen its own scope.

#include "PgTestServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace telcodesk;
using telcodesk::test::PgTestServer;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct Outcome
{
    bool ok = false;
    int rows = -1;     ///< rows returned (SELECT) or affected (INSERT/UPDATE)
    QString error;
    QVariant first;    ///< first column of the first row
};

Outcome run(PgConnection& conn, const QString& sql, const QVariantList& binds = {})
{
    Outcome out;
    QSqlQuery q(conn.db());
    if (binds.isEmpty()) {
        // Statements such as SET or CREATE cannot be prepared.
        out.ok = q.exec(sql);
    } else {
        if (!q.prepare(sql)) {
            out.error = PgConnection::errorText(q.lastError());
            return out;
        }
        for (const QVariant& v : binds)
            q.addBindValue(v);
        out.ok = q.exec();
    }
    if (!out.ok) {
        out.error = PgConnection::errorText(q.lastError());
        return out;
    }
    if (q.isSelect()) {
        out.rows = 0;
        while (q.next()) {
            if (out.rows == 0)
                out.first = q.value(0);
            ++out.rows;
        }
    } else {
        out.rows = q.numRowsAffected();
    }
    return out;
}

} // namespace

class TestRowSecurity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void cannotReadAnotherRegion_data();
    void cannotReadAnotherRegion();
    void cannotReadIdNumbersInClear_data();
    void cannotReadIdNumbersInClear();
    void cannotChangeAnotherRegion_data();
    void cannotChangeAnotherRegion();
    void cannotChangeThroughSync();
    void cannotWidenItsScope_data();
    void cannotWidenItsScope();
    void queueGivesTheTicketNotTheCustomer();
    void regionBIsUnchanged();

private:
    QString regionBState();

    std::unique_ptr<PgTestServer> m_server;
    QString m_customerA, m_customerB, m_lineB, m_ticketA, m_ticketB, m_noteB;
    QString m_agentA, m_agentQueue;
    PgConnectionPtr m_a;
    QString m_stateB;
};

void TestRowSecurity::initTestCase()
{
    if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("rls"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    m_customerA = newId();
    m_customerB = newId();
    m_lineB = newId();
    m_ticketA = newId();
    m_ticketB = newId();
    m_noteB = newId();
    const QStringList fixtures = {
        QStringLiteral("INSERT INTO td.customer (id, account_no, name, name_norm, type, region_code, id_type, id_number, "
                       "primary_msisdn) VALUES (:a::uuid, 'A', '陈晨', '陈晨', 'individual', '440106', 'resident_id', "
                       "'440106199001011111', '+8613800001111'), (:b::uuid, 'B', '赵敏', '赵敏', 'individual', '110101', "
                       "'resident_id', '110101198512122222', '+8613900002222')"),
        QStringLiteral("INSERT INTO td.subscription (id, customer_id, service, number, number_digits, number_rev, start_date) "
                       "VALUES (:line::uuid, :b::uuid, 'mobile', '+8613900002222', '13900002222', '22220000931', '2020-01-01')"),
        QStringLiteral("INSERT INTO td.usage_month (id, subscription_id, month, spend_fen) VALUES (gen_random_uuid(), "
                       ":line::uuid, 202505, 9900)"),
        QStringLiteral("INSERT INTO td.bill (id, customer_id, month, amount_fen, due_date, status) VALUES "
                       "(gen_random_uuid(), :b::uuid, 202505, 9900, '2025-06-15', 'open')"),
        QStringLiteral("INSERT INTO td.ticket (id, ticket_no, customer_id, kind, priority, status, queue, channel, title, "
                       "created_at) VALUES (:ta::uuid, 'TA', :a::uuid, 'fault', 2, 'new', 'network', 'hotline', 'A', 1), "
                       "(:tb::uuid, 'TB', :b::uuid, 'complaint', 2, 'new', 'billing', 'hotline', 'B', 1)"),
        QStringLiteral("INSERT INTO td.ticket_event (id, ticket_id, kind, at, body) VALUES (gen_random_uuid(), :tb::uuid, "
                       "'comment', 2, '客户要求退费')"),
        QStringLiteral("INSERT INTO td.interaction (id, customer_id, channel, kind, occurred_at, summary) VALUES "
                       "(gen_random_uuid(), :b::uuid, 'hotline', 'billing', 3, '咨询账单')"),
        QStringLiteral("INSERT INTO td.customer_note (id, customer_id, created_at, body) VALUES (:note::uuid, :b::uuid, 4, "
                       "'VIP, call after 6pm')")};
    for (QString sql : fixtures) {
        sql.replace(QStringLiteral(":a::"), QStringLiteral("'%1'::").arg(m_customerA));
        sql.replace(QStringLiteral(":b::"), QStringLiteral("'%1'::").arg(m_customerB));
        sql.replace(QStringLiteral(":line::"), QStringLiteral("'%1'::").arg(m_lineB));
        sql.replace(QStringLiteral(":ta::"), QStringLiteral("'%1'::").arg(m_ticketA));
        sql.replace(QStringLiteral(":tb::"), QStringLiteral("'%1'::").arg(m_ticketB));
        sql.replace(QStringLiteral(":note::"), QStringLiteral("'%1'::").arg(m_noteB));
        QVERIFY2(m_server->exec(sql), qPrintable(m_server->error()));
    }
    m_agentA = m_server->addAgent(QStringLiteral("agent_a"), QStringLiteral("agent"), {QStringLiteral("440100")});
    m_agentQueue = m_server->addAgent(QStringLiteral("agent_q"), QStringLiteral("agent"), {QStringLiteral("440100")},
                                      {QStringLiteral("billing")});
    QVERIFY2(!m_agentA.isEmpty() && !m_agentQueue.isEmpty(), qPrintable(m_server->error()));
    m_a = m_server->connectAs(m_agentA);
    QVERIFY2(m_a, qPrintable(m_server->error()));
    m_stateB = regionBState();
    QVERIFY(!m_stateB.isEmpty());
}

void TestRowSecurity::cleanupTestCase()
{
    m_a.reset();
    m_server.reset();
}

QString TestRowSecurity::regionBState()
{
    return m_server
        ->scalar(QStringLiteral(
            "SELECT md5(string_agg(j, '|' ORDER BY j)) FROM ("
            " SELECT to_jsonb(c)::text j FROM td.customer c WHERE region_code = '110101'"
            " UNION ALL SELECT to_jsonb(s)::text FROM td.subscription s WHERE scope_region = '110101'"
            " UNION ALL SELECT to_jsonb(t)::text FROM td.ticket t WHERE scope_region = '110101'"
            " UNION ALL SELECT to_jsonb(e)::text FROM td.ticket_event e WHERE scope_region = '110101'"
            " UNION ALL SELECT to_jsonb(i)::text FROM td.interaction i WHERE scope_region = '110101'"
            " UNION ALL SELECT to_jsonb(n)::text FROM td.customer_note n WHERE scope_region = '110101'"
            " UNION ALL SELECT to_jsonb(b)::text FROM td.bill b WHERE scope_region = '110101'"
            " UNION ALL SELECT to_jsonb(u)::text FROM td.usage_month u WHERE scope_region = '110101') x"))
        .toString();
}

void TestRowSecurity::cannotReadAnotherRegion_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("customer by id") << "SELECT id, name FROM td.customer WHERE id = 'B'";
    QTest::newRow("customer by region") << "SELECT id, name, primary_msisdn FROM td.customer WHERE region_code LIKE '11%'";
    QTest::newRow("customer by number") << "SELECT id FROM td.customer WHERE primary_msisdn = '+8613900002222'";
    QTest::newRow("lines") << "SELECT id FROM td.subscription WHERE customer_id = 'B'";
    QTest::newRow("usage") << "SELECT u.id FROM td.usage_month u WHERE u.subscription_id = 'LINE'";
    QTest::newRow("bills") << "SELECT id, amount_fen FROM td.bill WHERE customer_id = 'B'";
    QTest::newRow("tickets") << "SELECT id, title FROM td.ticket WHERE customer_id = 'B'";
    QTest::newRow("ticket events") << "SELECT id, body FROM td.ticket_event WHERE ticket_id = 'TB'";
    QTest::newRow("interactions") << "SELECT id, summary FROM td.interaction WHERE customer_id = 'B'";
    QTest::newRow("notes") << "SELECT id, body FROM td.customer_note WHERE customer_id = 'B'";
    QTest::newRow("change log") << "SELECT row_id FROM sync.change_log WHERE region_code = '110101' OR row_id = 'B'";
    QTest::newRow("a join around the policy")
        << "SELECT t.id FROM td.ticket t JOIN td.customer c ON c.id = t.customer_id WHERE c.region_code = '110101'";
    QTest::newRow("other desktops' sync records") << "SELECT client_id FROM sync.client WHERE owner <> session_user";
}

void TestRowSecurity::cannotReadAnotherRegion()
{
    QFETCH(QString, sql);
    sql.replace(QStringLiteral("'B'"), QStringLiteral("'%1'").arg(m_customerB));
    sql.replace(QStringLiteral("'LINE'"), QStringLiteral("'%1'").arg(m_lineB));
    sql.replace(QStringLiteral("'TB'"), QStringLiteral("'%1'").arg(m_ticketB));
    const Outcome o = run(*m_a, sql);
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(o.rows, 0);
    // The same query as the superuser finds the row (so the test would see a leak).
    QSqlQuery q(m_server->admin().db());
    QVERIFY(q.exec(sql));
    if (!QByteArray(QTest::currentDataTag()).startsWith("other desktops"))
        QVERIFY(q.next());
    // And region A's rows are there for the agent.
    QCOMPARE(run(*m_a, QStringLiteral("SELECT id FROM td.customer")).rows, 1);
}

void TestRowSecurity::cannotReadIdNumbersInClear_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("the column") << "SELECT id_number FROM td.customer";
    QTest::newRow("star") << "SELECT * FROM td.customer";
    QTest::newRow("whole row as JSON") << "SELECT to_jsonb(c) FROM td.customer c";
    QTest::newRow("row value") << "SELECT c::text FROM td.customer c";
    QTest::newRow("in a WHERE") << "SELECT id FROM td.customer WHERE id_number LIKE '4401%'";
    QTest::newRow("in an ORDER BY") << "SELECT id FROM td.customer ORDER BY id_number";
    QTest::newRow("through RETURNING") << "UPDATE td.ticket SET title = title WHERE false RETURNING (SELECT id_number FROM td.customer LIMIT 1)";
}

void TestRowSecurity::cannotReadIdNumbersInClear()
{
    QFETCH(QString, sql);
    const Outcome o = run(*m_a, sql);
    QVERIFY2(!o.ok, "an agent read a clear ID number");
    QVERIFY2(o.error.contains(QStringLiteral("permission denied")), qPrintable(o.error));
    // The masked form is what agents get, here and through sync.
    const Outcome masked = run(*m_a, QStringLiteral("SELECT id_number_masked FROM td.customer"));
    QVERIFY(masked.ok);
    QCOMPARE(masked.first.toString(), QStringLiteral("4401**********1111"));
    const QJsonObject page = PgTestServer::pull(*m_a, QString(), 1000);
    int customers = 0;
    for (const QJsonValue& v : page.value(QStringLiteral("rows")).toArray()) {
        if (v.toObject().value(QStringLiteral("tbl")).toString() != QLatin1String("customer"))
            continue;
        ++customers;
        QCOMPARE(v.toObject().value(QStringLiteral("row")).toObject().value(QStringLiteral("id_number")).toString(),
                 QStringLiteral("4401**********1111"));
    }
    QCOMPARE(customers, 1);
}

void TestRowSecurity::cannotChangeAnotherRegion_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("refused"); ///< an error; otherwise it must affect no row
    QTest::newRow("update B's ticket") << "UPDATE td.ticket SET title = 'hacked' WHERE id = 'TB'" << false;
    QTest::newRow("update all tickets") << "UPDATE td.ticket SET priority = 1 WHERE customer_id = 'B'" << false;
    QTest::newRow("tombstone B's note") << "UPDATE td.customer_note SET deleted_at = 1 WHERE id = 'NOTE'" << false;
    QTest::newRow("update B's customer") << "UPDATE td.customer SET name = 'hacked' WHERE id = 'B'" << true;
    QTest::newRow("insert an interaction for B")
        << "INSERT INTO td.interaction (id, customer_id, channel, kind, occurred_at, summary) VALUES "
           "(gen_random_uuid(), 'B', 'hotline', 'inquiry', 1, 'x')"
        << true;
    QTest::newRow("insert a note for B")
        << "INSERT INTO td.customer_note (id, customer_id, created_at, body) VALUES (gen_random_uuid(), 'B', 1, 'x')" << true;
    QTest::newRow("comment on B's ticket")
        << "INSERT INTO td.ticket_event (id, ticket_id, kind, at, body) VALUES (gen_random_uuid(), 'TB', 'comment', 1, 'x')"
        << true;
    QTest::newRow("move A's ticket onto B") << "UPDATE td.ticket SET customer_id = 'B' WHERE id = 'TA'" << true;
    // Allowed as a statement (agents work their tickets), but the trigger derives the scope again.
    QTest::newRow("forge the scope column") << "UPDATE td.ticket SET scope_region = '110101' WHERE id = 'TA'" << false;
    QTest::newRow("delete B's ticket") << "DELETE FROM td.ticket WHERE id = 'TB'" << true;
    QTest::newRow("delete from the change log") << "DELETE FROM sync.change_log" << true;
    QTest::newRow("bill B") << "INSERT INTO td.bill (id, customer_id, month, amount_fen, due_date, status) VALUES "
                               "(gen_random_uuid(), 'B', 202506, 1, '2025-07-01', 'open')"
                            << true;
}

void TestRowSecurity::cannotChangeAnotherRegion()
{
    QFETCH(QString, sql);
    QFETCH(bool, refused);
    sql.replace(QStringLiteral("'B'"), QStringLiteral("'%1'").arg(m_customerB));
    sql.replace(QStringLiteral("'TB'"), QStringLiteral("'%1'").arg(m_ticketB));
    sql.replace(QStringLiteral("'TA'"), QStringLiteral("'%1'").arg(m_ticketA));
    sql.replace(QStringLiteral("'NOTE'"), QStringLiteral("'%1'").arg(m_noteB));
    const Outcome o = run(*m_a, sql);
    if (refused) {
        QVERIFY2(!o.ok, "the write went through");
        QVERIFY2(o.error.contains(QStringLiteral("permission denied")) || o.error.contains(QStringLiteral("row-level security")),
                 qPrintable(o.error));
    } else {
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.rows, QByteArray(QTest::currentDataTag()) == "forge the scope column" ? 1 : 0);
    }
    QCOMPARE(regionBState(), m_stateB);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT scope_region FROM td.ticket WHERE id = ?::uuid"), {m_ticketA}).toString(),
             QStringLiteral("440106"));
}

void TestRowSecurity::cannotChangeThroughSync()
{
    const QString client = newId();
    const QJsonObject answer = PgTestServer::applyBatch(
        *m_a, client,
        {QJsonObject{{QStringLiteral("seq"), 1},
                     {QStringLiteral("entity"), QStringLiteral("ticket")},
                     {QStringLiteral("entity_id"), m_ticketB},
                     {QStringLiteral("op"), QStringLiteral("update")},
                     {QStringLiteral("payload"),
                      QJsonObject{{QStringLiteral("set"), QJsonObject{{QStringLiteral("title"), QStringLiteral("hacked")}}},
                                  {QStringLiteral("base"), QJsonObject{{QStringLiteral("title"), QStringLiteral("B")}}}}}},
         QJsonObject{{QStringLiteral("seq"), 2},
                     {QStringLiteral("entity"), QStringLiteral("customer_note")},
                     {QStringLiteral("entity_id"), m_noteB},
                     {QStringLiteral("op"), QStringLiteral("delete")},
                     {QStringLiteral("payload"), QJsonObject{}}}});
    const QJsonArray results = answer.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    for (const QJsonValue& r : results) {
        QCOMPARE(r.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(r.toObject().value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
        QVERIFY(r.toObject().value(QStringLiteral("reason")).toString().contains(QStringLiteral("in your scope")));
    }
    QCOMPARE(regionBState(), m_stateB);
}

void TestRowSecurity::cannotWidenItsScope_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("become an administrator") << "SET ROLE td_admin";
    QTest::newRow("become the superuser") << "SET SESSION AUTHORIZATION SUPERUSER";
    QTest::newRow("grant itself a region")
        << "INSERT INTO td.agent_scope (login, kind, value) VALUES (session_user, 'region', '110100')";
    QTest::newRow("move its own region") << "UPDATE td.agent SET region_code = '110100' WHERE login = session_user";
    QTest::newRow("promote itself") << "UPDATE td.agent SET role = 'admin' WHERE login = session_user";
    QTest::newRow("read other agents' scopes") << "SELECT * FROM td.agent_scope";
    QTest::newRow("create a login") << "SELECT sync.admin_ensure_login('evil', NULL, 'td_admin')";
    QTest::newRow("replace a scope function")
        << "CREATE OR REPLACE FUNCTION sync.my_regions() RETURNS text[] LANGUAGE sql AS $$ SELECT '{11}'::text[] $$";
    QTest::newRow("shadow a table") << "CREATE TABLE td.region_override (code text)";
    QTest::newRow("switch off the policies") << "ALTER TABLE td.customer DISABLE ROW LEVEL SECURITY";
    QTest::newRow("switch off a trigger") << "ALTER TABLE td.ticket DISABLE TRIGGER td_stamp";
    QTest::newRow("prune the log") << "SELECT sync.prune_change_log(0)";
}

void TestRowSecurity::cannotWidenItsScope()
{
    QFETCH(QString, sql);
    sql.replace(QStringLiteral("SUPERUSER"), PgConnection::quoteIdentifier(m_server->dsn().user));
    const Outcome o = run(*m_a, sql);
    QVERIFY2(!o.ok, "allowed");
    QVERIFY2(o.error.contains(QStringLiteral("permission denied")) || o.error.contains(QStringLiteral("must be owner")),
             qPrintable(o.error));
    // A setting the client can change decides nothing.
    QVERIFY(run(*m_a, QStringLiteral("SELECT set_config('sync.region', '110101', false)")).ok);
    QVERIFY(run(*m_a, QStringLiteral("SET application_name = 'td_admin'")).ok);
    QCOMPARE(run(*m_a, QStringLiteral("SELECT array_to_string(sync.my_regions(), ',')")).first.toString(), QStringLiteral("4401"));
    QCOMPARE(run(*m_a, QStringLiteral("SELECT id FROM td.customer WHERE region_code = '110101'")).rows, 0);
    QCOMPARE(run(*m_a, QStringLiteral("SELECT sync.is_admin()")).first.toBool(), false);
}

void TestRowSecurity::queueGivesTheTicketNotTheCustomer()
{
    auto conn = m_server->connectAs(m_agentQueue);
    QVERIFY(conn);
    QCOMPARE(run(*conn, QStringLiteral("SELECT id FROM td.ticket WHERE id = ?::uuid"), {m_ticketB}).rows, 1);
    QCOMPARE(run(*conn, QStringLiteral("SELECT id FROM td.ticket_event WHERE ticket_id = ?::uuid"), {m_ticketB}).rows, 1);
    QCOMPARE(run(*conn, QStringLiteral("SELECT id FROM td.customer WHERE id = ?::uuid"), {m_customerB}).rows, 0);
    QCOMPARE(run(*conn, QStringLiteral("SELECT id FROM td.bill WHERE customer_id = ?::uuid"), {m_customerB}).rows, 0);
    // It may comment on the ticket it works.
    const Outcome comment = run(*conn, QStringLiteral("INSERT INTO td.ticket_event (id, ticket_id, kind, at, body) "
                                                      "VALUES (gen_random_uuid(), ?::uuid, 'comment', 5, '已处理')"),
                                {m_ticketB});
    QVERIFY2(comment.ok, qPrintable(comment.error));
    m_stateB = regionBState();
}

void TestRowSecurity::regionBIsUnchanged()
{
    QCOMPARE(regionBState(), m_stateB);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT title FROM td.ticket WHERE id = ?::uuid"), {m_ticketB}).toString(),
             QStringLiteral("B"));
}

QTEST_GUILESS_MAIN(TestRowSecurity)
#include "tst_rowsecurity.moc"
