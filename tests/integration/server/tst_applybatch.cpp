// sync.apply_batch against a real PostgreSQL: exactly once, rejections that do not block, the conflict
// policy per kind of data, hostile payloads, the server's clock.

#include "PgTestServer.h"

#include "security/AuditLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace telcodesk;
using telcodesk::test::PgTestServer;

namespace {

QJsonObject mutation(qint64 seq, const QString& entity, const QString& id, const QString& op, const QJsonObject& set,
                     const QJsonObject& base = {}, qint64 baseVersion = -1)
{
    QJsonObject payload{{QStringLiteral("set"), set}};
    if (!base.isEmpty())
        payload.insert(QStringLiteral("base"), base);
    QJsonObject m{{QStringLiteral("seq"), seq},       {QStringLiteral("entity"), entity},
                  {QStringLiteral("entity_id"), id}, {QStringLiteral("op"), op},
                  {QStringLiteral("payload"), payload}};
    if (baseVersion >= 0)
        m.insert(QStringLiteral("base_version"), baseVersion);
    return m;
}

QJsonObject resultFor(const QJsonObject& answer, qint64 seq)
{
    for (const QJsonValue& v : answer.value(QStringLiteral("results")).toArray()) {
        if (v.toObject().value(QStringLiteral("seq")).toInteger() == seq)
            return v.toObject();
    }
    return {};
}

QString statuses(const QJsonObject& answer)
{
    QStringList out;
    for (const QJsonValue& v : answer.value(QStringLiteral("results")).toArray())
        out << v.toObject().value(QStringLiteral("status")).toString();
    return out.join(QLatin1Char(','));
}

} // namespace

class TestApplyBatch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void sameBatchTwiceAppliesOnce();
    void rejectionIsRecordedAndDoesNotBlock();
    void ticketFieldsMergeOrConflict();
    void customerLastWriterWinsExceptIdentity();
    void hostilePayloadsAreRejected_data();
    void hostilePayloadsAreRejected();
    void serverClockSetsUpdatedAt();
    void appendOnlyTables();
    void deleteLeavesATombstone();
    void auditRowsAreCheckedAndAppendOnly();
    void clientIdBelongsToOneLogin();
    void malformedBatchChangesNothing();

private:
    QString ticketState(const QString& id);
    qint64 nextSeq() { return ++m_seq; }

    std::unique_ptr<PgTestServer> m_server;
    QString m_customerA, m_customerB, m_ticket;
    QString m_agent, m_agent2, m_clerk, m_clerk2, m_agentB;
    PgConnectionPtr m_agentConn, m_agent2Conn, m_clerkConn, m_clerk2Conn, m_agentBConn;
    QString m_client; ///< the agent's desktop
    qint64 m_seq = 0;
};

void TestApplyBatch::initTestCase()
{
    if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("apply"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    PgTestServer::TwoRegions seeded;
    QVERIFY2(m_server->seedTwoRegions(&seeded), qPrintable(m_server->error()));
    m_customerA = seeded.customerA;
    m_customerB = seeded.customerB;
    m_ticket = seeded.ticket;
    m_agent = m_server->addAgent(QStringLiteral("agent_a"), QStringLiteral("agent"), {QStringLiteral("440100")});
    m_agent2 = m_server->addAgent(QStringLiteral("agent_a2"), QStringLiteral("agent"), {QStringLiteral("440100")});
    m_clerk = m_server->addAgent(QStringLiteral("clerk_a"), QStringLiteral("clerk"), {QStringLiteral("440100")});
    m_clerk2 = m_server->addAgent(QStringLiteral("clerk_a2"), QStringLiteral("clerk"), {QStringLiteral("440000")});
    m_agentB = m_server->addAgent(QStringLiteral("agent_b"), QStringLiteral("agent"), {QStringLiteral("110100")});
    QVERIFY2(!m_agent.isEmpty() && !m_agent2.isEmpty() && !m_clerk.isEmpty() && !m_clerk2.isEmpty() && !m_agentB.isEmpty(),
             qPrintable(m_server->error()));
    m_agentConn = m_server->connectAs(m_agent);
    m_agent2Conn = m_server->connectAs(m_agent2);
    m_clerkConn = m_server->connectAs(m_clerk);
    m_clerk2Conn = m_server->connectAs(m_clerk2);
    m_agentBConn = m_server->connectAs(m_agentB);
    QVERIFY(m_agentConn && m_agent2Conn && m_clerkConn && m_clerk2Conn && m_agentBConn);
    m_client = PgTestServer::newId();
}

void TestApplyBatch::cleanupTestCase()
{
    m_agentConn.reset();
    m_agent2Conn.reset();
    m_clerkConn.reset();
    m_clerk2Conn.reset();
    m_agentBConn.reset();
    m_server.reset();
}

QString TestApplyBatch::ticketState(const QString& id)
{
    return m_server->scalar(QStringLiteral("SELECT to_jsonb(t)::text FROM td.ticket t WHERE id = ?::uuid"), {id}).toString();
}

void TestApplyBatch::sameBatchTwiceAppliesOnce()
{
    const QString interaction = PgTestServer::newId();
    const QString ticket = PgTestServer::newId();
    const QString event = PgTestServer::newId();
    const qint64 first = nextSeq();
    QJsonArray batch{
        mutation(first, QStringLiteral("interaction"), interaction, QStringLiteral("insert"),
                 {{QStringLiteral("customer_id"), m_customerA}, {QStringLiteral("channel"), QStringLiteral("hotline")},
                  {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), qint64(1750000000000)},
                  {QStringLiteral("summary"), QStringLiteral("询问流量包")}}),
        mutation(nextSeq(), QStringLiteral("ticket"), ticket, QStringLiteral("insert"),
                 {{QStringLiteral("ticket_no"), QStringLiteral("TK-NEW")}, {QStringLiteral("customer_id"), m_customerA},
                  {QStringLiteral("kind"), QStringLiteral("complaint")}, {QStringLiteral("priority"), 2},
                  {QStringLiteral("status"), QStringLiteral("new")}, {QStringLiteral("channel"), QStringLiteral("hotline")},
                  {QStringLiteral("title"), QStringLiteral("信号差")}, {QStringLiteral("created_at"), qint64(1750000000000)}}),
        mutation(nextSeq(), QStringLiteral("ticket_event"), event, QStringLiteral("insert"),
                 {{QStringLiteral("ticket_id"), ticket}, {QStringLiteral("kind"), QStringLiteral("comment")},
                  {QStringLiteral("at"), qint64(1750000000001)}, {QStringLiteral("body"), QStringLiteral("已回电")}}),
        mutation(nextSeq(), QStringLiteral("ticket"), ticket, QStringLiteral("update"),
                 // A complaint's first step (workflow_transition, server migration 8).
                 {{QStringLiteral("status"), QStringLiteral("assigned")}},
                 {{QStringLiteral("status"), QStringLiteral("new")}})};
    // The outbox keeps payloads as JSON text: one of them travels that way.
    QJsonObject asText = batch.at(1).toObject();
    asText.insert(QStringLiteral("payload"),
                  QString::fromUtf8(QJsonDocument(asText.value(QStringLiteral("payload")).toObject()).toJson(QJsonDocument::Compact)));
    batch.replace(1, asText);

    QString error;
    const QJsonObject answer = PgTestServer::applyBatch(*m_agentConn, m_client, batch, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(statuses(answer), QStringLiteral("applied,applied,applied,applied"));
    QCOMPARE(answer.value(QStringLiteral("last_seq")).toInteger(), m_seq);
    QVERIFY(resultFor(answer, first).value(QStringLiteral("row_version")).toInteger() > 0);

    const auto snapshot = [&] {
        return m_server
            ->scalar(QStringLiteral("SELECT concat_ws('|', (SELECT count(*) FROM sync.change_log), "
                                    "(SELECT last_value FROM sync.row_version_seq), "
                                    "(SELECT to_jsonb(t)::text FROM td.ticket t WHERE id = ?::uuid), "
                                    "(SELECT count(*) FROM td.interaction), (SELECT count(*) FROM td.ticket_event), "
                                    "(SELECT last_seq FROM sync.client WHERE client_id = ?::uuid))"),
                     {ticket, m_client})
            .toString();
    };
    const QString before = snapshot();
    QVERIFY(before.contains(QStringLiteral("\"status\": \"assigned\"")));

    // The answer was lost; the desktop sends the same batch again.
    const QJsonObject again = PgTestServer::applyBatch(*m_agentConn, m_client, batch, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(statuses(again), QStringLiteral("duplicate,duplicate,duplicate,duplicate"));
    QCOMPARE(again.value(QStringLiteral("last_seq")).toInteger(), m_seq);
    QCOMPARE(snapshot(), before);

    // A batch overlapping the applied ones applies only what is new.
    QJsonArray overlap{batch.at(2), batch.at(3),
                       mutation(nextSeq(), QStringLiteral("ticket"), ticket, QStringLiteral("update"),
                                {{QStringLiteral("title"), QStringLiteral("信号差（已处理）")}},
                                {{QStringLiteral("title"), QStringLiteral("信号差")}})};
    const QJsonObject third = PgTestServer::applyBatch(*m_agentConn, m_client, overlap, &error);
    QCOMPARE(statuses(third), QStringLiteral("duplicate,duplicate,applied"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT title FROM td.ticket WHERE id = ?::uuid"), {ticket}).toString(),
             QStringLiteral("信号差（已处理）"));
}

void TestApplyBatch::rejectionIsRecordedAndDoesNotBlock()
{
    const QString client = PgTestServer::newId();
    const QString goodNote = PgTestServer::newId(), foreignNote = PgTestServer::newId(), lastInteraction = PgTestServer::newId(), bill = PgTestServer::newId();
    const QString workflowTicket = PgTestServer::newId();
    QVERIFY(m_server->exec(QStringLiteral("INSERT INTO td.ticket (id, ticket_no, customer_id, kind, priority, status, "
                                          "channel, title, created_at) VALUES (?::uuid, 'TK2', ?::uuid, 'inquiry', 4, "
                                          "'new', 'app', 'Workflow', 1)"),
                           {workflowTicket, m_customerA}));
    const QJsonArray batch{
        mutation(1, QStringLiteral("customer_note"), goodNote, QStringLiteral("insert"),
                 {{QStringLiteral("customer_id"), m_customerA}, {QStringLiteral("created_at"), 1},
                  {QStringLiteral("body"), QStringLiteral("prefers SMS")}}),
        mutation(2, QStringLiteral("bill"), bill, QStringLiteral("insert"),
                 {{QStringLiteral("customer_id"), m_customerA}, {QStringLiteral("month"), 202501},
                  {QStringLiteral("amount_fen"), 1}, {QStringLiteral("due_date"), QStringLiteral("2025-02-01")},
                  {QStringLiteral("status"), QStringLiteral("open")}}),
        mutation(3, QStringLiteral("customer_note"), foreignNote, QStringLiteral("insert"),
                 {{QStringLiteral("customer_id"), m_customerB}, {QStringLiteral("created_at"), 1},
                  {QStringLiteral("body"), QStringLiteral("not my region")}}),
        mutation(4, QStringLiteral("ticket"), workflowTicket, QStringLiteral("update"),
                 {{QStringLiteral("status"), QStringLiteral("waiting_customer")}},
                 {{QStringLiteral("status"), QStringLiteral("new")}}),
        mutation(5, QStringLiteral("customer"), m_customerA, QStringLiteral("update"),
                 {{QStringLiteral("segment"), QStringLiteral("vip")}},
                 {{QStringLiteral("segment"), QStringLiteral("mass_market")}}),
        mutation(7, QStringLiteral("interaction"), lastInteraction, QStringLiteral("insert"),
                 {{QStringLiteral("customer_id"), m_customerA}, {QStringLiteral("channel"), QStringLiteral("app")},
                  {QStringLiteral("kind"), QStringLiteral("billing")}, {QStringLiteral("occurred_at"), 2},
                  {QStringLiteral("summary"), QStringLiteral("after the rejections")}})};
    QString error;
    const QJsonObject answer = PgTestServer::applyBatch(*m_agentConn, client, batch, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(statuses(answer), QStringLiteral("applied,rejected,rejected,rejected,rejected,applied"));
    QCOMPARE(answer.value(QStringLiteral("last_seq")).toInteger(), 7);
    QCOMPARE(resultFor(answer, 2).value(QStringLiteral("code")).toString(), QStringLiteral("read_only"));
    QCOMPARE(resultFor(answer, 3).value(QStringLiteral("code")).toString(), QStringLiteral("permission"));
    QCOMPARE(resultFor(answer, 4).value(QStringLiteral("code")).toString(), QStringLiteral("workflow"));
    QCOMPARE(resultFor(answer, 5).value(QStringLiteral("code")).toString(), QStringLiteral("permission"));
    QVERIFY2(resultFor(answer, 4).value(QStringLiteral("reason")).toString().contains(
                 QStringLiteral("cannot go from \"new\" to \"waiting_customer\"")),
             qPrintable(resultFor(answer, 4).value(QStringLiteral("reason")).toString()));

    // The rejections are kept for the desktop to show, with the server's reason.
    QSqlQuery q(m_agentConn->db());
    QVERIFY(q.prepare(QStringLiteral("SELECT seq, entity, entity_id, code, reason, at > 0 FROM sync.rejection "
                                     "WHERE client_id = ?::uuid ORDER BY seq")));
    q.addBindValue(client);
    QVERIFY(q.exec());
    QStringList rows;
    while (q.next()) {
        QVERIFY(!q.value(4).toString().isEmpty());
        QVERIFY(q.value(5).toBool());
        rows << QStringLiteral("%1 %2 %3").arg(q.value(0).toString(), q.value(1).toString(), q.value(3).toString());
    }
    QCOMPARE(rows, (QStringList{QStringLiteral("2 bill read_only"), QStringLiteral("3 customer_note permission"),
                                QStringLiteral("4 ticket workflow"), QStringLiteral("5 customer permission")}));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.customer_note WHERE id IN (?::uuid, ?::uuid)"),
                              {goodNote, foreignNote}).toInt(),
             1);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.interaction WHERE id = ?::uuid"), {lastInteraction}).toInt(), 1);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT status FROM td.ticket WHERE id = ?::uuid"), {workflowTicket}).toString(),
             QStringLiteral("new"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT segment FROM td.customer WHERE id = ?::uuid"), {m_customerA}).toString(),
             QStringLiteral("mass_market"));
    // Another login cannot read them.
    QCOMPARE(m_agentBConn->scalar(QStringLiteral("SELECT count(*) FROM sync.rejection")).value().toInt(), 0);

    // The answer was lost and the batch comes again: the refused ones are refused again with the same
    // code and reason (a "duplicate" would read as applied), the applied ones are duplicates.
    const QJsonObject again = PgTestServer::applyBatch(*m_agentConn, client, batch, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(statuses(again), QStringLiteral("duplicate,rejected,rejected,rejected,rejected,duplicate"));
    QCOMPARE(resultFor(again, 4).value(QStringLiteral("code")).toString(), QStringLiteral("workflow"));
    QCOMPARE(resultFor(again, 4).value(QStringLiteral("reason")), resultFor(answer, 4).value(QStringLiteral("reason")));
    QVERIFY(resultFor(again, 4).value(QStringLiteral("repeated")).toBool());
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.rejection WHERE client_id = ?::uuid"), {client}).toInt(),
             4);
}

void TestApplyBatch::ticketFieldsMergeOrConflict()
{
    const QString before = ticketState(m_ticket);
    const qint64 baseVersion = m_server->scalar(QStringLiteral("SELECT row_version FROM td.ticket WHERE id = ?::uuid"),
                                                {m_ticket}).toLongLong();
    // Another agent's desktop changes priority and description first.
    const QString other = PgTestServer::newId();
    const QJsonObject theirs = PgTestServer::applyBatch(
        *m_agent2Conn, other,
        {mutation(1, QStringLiteral("ticket"), m_ticket, QStringLiteral("update"),
                  {{QStringLiteral("priority"), 1}, {QStringLiteral("description"), QStringLiteral("theirs")}},
                  {{QStringLiteral("priority"), 3}, {QStringLiteral("description"), QStringLiteral("d0")}}, baseVersion)});
    QCOMPARE(statuses(theirs), QStringLiteral("applied"));

    // This desktop edited the same ticket offline, from the same base.
    const qint64 seq = nextSeq();
    const QJsonObject mine = PgTestServer::applyBatch(
        *m_agentConn, m_client,
        {mutation(seq, QStringLiteral("ticket"), m_ticket, QStringLiteral("update"),
                  {{QStringLiteral("title"), QStringLiteral("Mine")},
                   {QStringLiteral("priority"), 2},
                   {QStringLiteral("description"), QStringLiteral("theirs")},
                   {QStringLiteral("queue"), QStringLiteral("network")}},
                  {{QStringLiteral("title"), QStringLiteral("Base title")},
                   {QStringLiteral("priority"), 3},
                   {QStringLiteral("description"), QStringLiteral("d0")},
                   {QStringLiteral("queue"), QStringLiteral("network")}},
                  baseVersion)});
    const QJsonObject result = resultFor(mine, seq);
    QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("conflict"));
    QVERIFY(result.value(QStringLiteral("reason")).toString().contains(QStringLiteral("priority")));

    // title: the server still had the base -> mine. priority: moved on both sides -> conflict, the
    // server's value stays. description: already what I wanted -> nothing. queue: unchanged.
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT concat_ws('|', title, priority, description, queue, status) "
                                             "FROM td.ticket WHERE id = ?::uuid"),
                              {m_ticket}).toString(),
             QStringLiteral("Mine|1|theirs|network|assigned"));
    QSqlQuery q(m_agentConn->db());
    QVERIFY(q.prepare(QStringLiteral("SELECT id, field, base_value::text, mine::text, theirs::text, status, seq "
                                     "FROM sync.conflict WHERE entity = 'ticket' AND entity_id = ?::uuid")));
    q.addBindValue(m_ticket);
    QVERIFY(q.exec());
    QVERIFY(q.next());
    const QString conflictId = q.value(0).toString();
    QCOMPARE(q.value(1).toString(), QStringLiteral("priority"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("3"));
    QCOMPARE(q.value(3).toString(), QStringLiteral("2"));
    QCOMPARE(q.value(4).toString(), QStringLiteral("1"));
    QCOMPARE(q.value(5).toString(), QStringLiteral("open"));
    QCOMPARE(q.value(6).toLongLong(), seq);
    QVERIFY(!q.next()); // exactly one
    // The other desktop's login does not see this desktop's conflicts.
    QCOMPARE(m_agent2Conn->scalar(QStringLiteral("SELECT count(*) FROM sync.conflict WHERE client_id = ?::uuid"), {m_client})
                 .value().toInt(),
             0);
    // The agent decides; the conflict is closed.
    QVERIFY(m_agentConn->scalar(QStringLiteral("SELECT sync.resolve_conflict(?::uuid)"), {conflictId}).value().toBool());
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT status FROM sync.conflict WHERE id = ?::uuid"), {conflictId}).toString(),
             QStringLiteral("resolved"));
    QVERIFY(ticketState(m_ticket) != before);
}

void TestApplyBatch::customerLastWriterWinsExceptIdentity()
{
    const QJsonObject base{{QStringLiteral("segment"), QStringLiteral("mass_market")},
                           {QStringLiteral("address"), QStringLiteral("广州市天河区1号")},
                           {QStringLiteral("primary_msisdn"), QStringLiteral("+8613800000001")},
                           {QStringLiteral("tags"), QString()}};
    // A clerk elsewhere changes segment and address first.
    const QJsonObject first = PgTestServer::applyBatch(
        *m_clerk2Conn, PgTestServer::newId(),
        {mutation(1, QStringLiteral("customer"), m_customerA, QStringLiteral("update"),
                  {{QStringLiteral("segment"), QStringLiteral("youth")}, {QStringLiteral("address"), QStringLiteral("广州市越秀区9号")}},
                  base)});
    QCOMPARE(statuses(first), QStringLiteral("applied"));

    const QString client = PgTestServer::newId();
    const QJsonObject second = PgTestServer::applyBatch(
        *m_clerkConn, client,
        {mutation(1, QStringLiteral("customer"), m_customerA, QStringLiteral("update"),
                  {{QStringLiteral("segment"), QStringLiteral("student")},
                   {QStringLiteral("address"), QStringLiteral("广州市海珠区5号")},
                   {QStringLiteral("primary_msisdn"), QStringLiteral("+8613800000002")},
                   {QStringLiteral("tags"), QStringLiteral("campus")}},
                  base)});
    QCOMPARE(statuses(second), QStringLiteral("conflict"));
    // segment: last writer wins, though it moved since the base. address: identity, moved -> conflict,
    // the server's stays. primary_msisdn: identity, unchanged since the base -> mine. tags: mine.
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT concat_ws('|', segment, address, primary_msisdn, tags) FROM td.customer "
                                             "WHERE id = ?::uuid"),
                              {m_customerA}).toString(),
             QStringLiteral("student|广州市越秀区9号|+8613800000002|campus"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT string_agg(concat_ws('|', field, base_value #>> '{}', mine #>> '{}', "
                                             "theirs #>> '{}'), ';') FROM sync.conflict WHERE client_id = ?::uuid"),
                              {client}).toString(),
             QStringLiteral("address|广州市天河区1号|广州市海珠区5号|广州市越秀区9号"));
}

void TestApplyBatch::hostilePayloadsAreRejected_data()
{
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("payload"); ///< JSON; ID stands for the target ticket's id
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("reason");

    const QString big = QStringLiteral("{\"set\":{\"title\":\"%1\"},\"base\":{\"title\":\"Mine\"}}")
                            .arg(QString(65537, QLatin1Char('x')));
    QTest::newRow("oversized text") << "ticket" << "update" << big << "invalid" << "is too long (65537 characters; at most 65536)";
    QTest::newRow("oversized, other fields valid")
        << "ticket" << "update"
        << QStringLiteral("{\"set\":{\"priority\":4,\"description\":\"%1\"}}").arg(QString(70000, QChar(0x4E2D)))
        << "invalid" << "is too long";
    QTest::newRow("value outside CHECK") << "ticket" << "update" << "{\"set\":{\"priority\":9},\"base\":{\"priority\":1}}"
                                         << "constraint" << "ticket_priority_check";
    QTest::newRow("unknown enum value") << "ticket" << "update" << "{\"set\":{\"kind\":\"rant\"},\"base\":{\"kind\":\"fault\"}}"
                                        << "constraint" << "ticket_kind_check";
    QTest::newRow("impossible date")
        << "subscription" << "insert"
        << "{\"set\":{\"customer_id\":\"CUSTOMER\",\"service\":\"mobile\",\"number\":\"+8613800000009\","
           "\"number_digits\":\"13800000009\",\"number_rev\":\"90000008331\",\"start_date\":\"2025-02-30\"}}"
        << "invalid" << "out of range";
    QTest::newRow("date in another format")
        << "subscription" << "insert"
        << "{\"set\":{\"customer_id\":\"CUSTOMER\",\"service\":\"mobile\",\"number\":\"+8613800000009\","
           "\"number_digits\":\"13800000009\",\"number_rev\":\"90000008331\",\"start_date\":\"30/01/2025\"}}"
        << "invalid" << "must be a date written YYYY-MM-DD";
    QTest::newRow("required field missing")
        << "interaction" << "insert"
        << "{\"set\":{\"channel\":\"app\",\"kind\":\"inquiry\",\"occurred_at\":1,\"summary\":\"s\"}}"
        << "invalid" << "the field \"customer_id\" needs a value";
    QTest::newRow("parent that does not exist")
        << "interaction" << "insert"
        << "{\"set\":{\"customer_id\":\"00000000-0000-4000-8000-000000000bad\",\"channel\":\"app\","
           "\"kind\":\"inquiry\",\"occurred_at\":1,\"summary\":\"s\"}}"
        << "permission" << "row-level security";
    QTest::newRow("text for a number") << "ticket" << "update" << "{\"set\":{\"priority\":\"high\"}}" << "invalid"
                                       << "must be a whole number";
    QTest::newRow("fraction for a whole number") << "ticket" << "update" << "{\"set\":{\"csat\":2.5}}" << "invalid"
                                                 << "must be a whole number";
    QTest::newRow("number for text") << "ticket" << "update" << "{\"set\":{\"title\":123}}" << "invalid" << "must be text";
    QTest::newRow("object for text") << "ticket" << "update" << "{\"set\":{\"title\":{\"a\":1}}}" << "invalid"
                                     << "must be text";
    QTest::newRow("bad uuid") << "ticket" << "update" << "{\"set\":{\"assignee_id\":\"nobody\"}}" << "invalid"
                              << "must be a record id";
    QTest::newRow("huge number") << "ticket" << "update" << "{\"set\":{\"priority\":1e30}}" << "invalid" << "out of range";
    QTest::newRow("unknown field") << "ticket" << "update" << "{\"set\":{\"colour\":\"red\"}}" << "invalid"
                                   << "unknown field \"colour\" in ticket";
    QTest::newRow("SQL in a field name")
        << "ticket" << "update" << "{\"set\":{\"title\\\" = 'x'; DROP TABLE td.ticket; --\":\"y\",\"title\":\"ok\"}}"
        << "invalid" << "unknown field";
    QTest::newRow("field name longer than an identifier")
        << "ticket" << "update"
        << QStringLiteral("{\"set\":{\"%1\":\"y\"}}").arg(QStringLiteral("title") + QString(70, QLatin1Char('_')))
        << "invalid" << "unknown field";
    QTest::newRow("server column row_version") << "ticket" << "update" << "{\"set\":{\"row_version\":1}}" << "invalid"
                                               << "set by the server only";
    QTest::newRow("server column updated_at") << "ticket" << "update" << "{\"set\":{\"updated_at\":0}}" << "invalid"
                                              << "set by the server only";
    QTest::newRow("scope column") << "ticket" << "update" << "{\"set\":{\"scope_region\":\"110101\"}}" << "invalid"
                                  << "set by the server only";
    QTest::newRow("the id") << "ticket" << "update" << "{\"set\":{\"id\":\"00000000-0000-0000-0000-000000000000\"}}"
                            << "invalid" << "unknown field \"id\"";
    QTest::newRow("SQL as the entity") << "ticket; DROP TABLE td.ticket; --" << "update" << "{\"set\":{\"title\":\"y\"}}"
                                       << "invalid" << "unknown entity";
    QTest::newRow("a table outside sync") << "agent_scope" << "insert" << "{\"set\":{}}" << "invalid" << "unknown entity";
    QTest::newRow("unknown operation") << "ticket" << "upsert" << "{\"set\":{\"title\":\"y\"}}" << "invalid"
                                       << "unknown operation";
    QTest::newRow("payload not an object") << "ticket" << "update" << "[1,2,3]" << "invalid" << "must be a JSON object";
    QTest::newRow("payload text not JSON") << "ticket" << "update" << "\"{not json\"" << "invalid" << "not valid JSON";
    QTest::newRow("extra payload key") << "ticket" << "update" << "{\"set\":{},\"sql\":\"x\"}" << "invalid"
                                       << "\"set\" and \"base\" only";
    QTest::newRow("bad entity id") << "ticket" << "update" << "{\"set\":{\"title\":\"y\"}}" << "invalid" << "not a record id";
}

void TestApplyBatch::hostilePayloadsAreRejected()
{
    QFETCH(QString, entity);
    QFETCH(QString, op);
    QFETCH(QString, payload);
    QFETCH(QString, code);
    QFETCH(QString, reason);
    payload.replace(QStringLiteral("CUSTOMER"), m_customerA);
    const QString before = ticketState(m_ticket);
    const qint64 logBefore = m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.change_log")).toLongLong();
    const qint64 seq = nextSeq();
    QJsonObject m{{QStringLiteral("seq"), seq},
                  {QStringLiteral("entity"), entity},
                  {QStringLiteral("entity_id"), QByteArray(QTest::currentDataTag()) == "bad entity id"
                                                    ? QStringLiteral("1 OR 1=1")
                                                    : (op == QLatin1String("insert") ? PgTestServer::newId() : m_ticket)},
                  {QStringLiteral("op"), op},
                  {QStringLiteral("payload"), QJsonDocument::fromJson(payload.toUtf8()).isNull()
                                                  ? QJsonValue(payload.mid(1, payload.size() - 2))
                                                  : (QJsonDocument::fromJson(payload.toUtf8()).isArray()
                                                         ? QJsonValue(QJsonDocument::fromJson(payload.toUtf8()).array())
                                                         : QJsonValue(QJsonDocument::fromJson(payload.toUtf8()).object()))}};
    // Clerks may write lines, so that the date check is what refuses the subscription.
    PgConnection& conn = entity == QLatin1String("subscription") ? *m_clerkConn : *m_agentConn;
    const QString client = entity == QLatin1String("subscription") ? QStringLiteral("00000000-0000-4000-8000-00000000c1e1")
                                                                   : m_client;
    QString error;
    const QJsonObject answer = PgTestServer::applyBatch(conn, client, QJsonArray{m}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject result = resultFor(answer, seq);
    QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(result.value(QStringLiteral("code")).toString(), code);
    QVERIFY2(result.value(QStringLiteral("reason")).toString().contains(reason),
             qPrintable(result.value(QStringLiteral("reason")).toString()));
    QVERIFY(result.value(QStringLiteral("reason")).toString().size() < 600); // names the problem, not the payload
    QVERIFY(!result.value(QStringLiteral("reason")).toString().contains(QStringLiteral("Failing row")));
    // Nothing half-applied, nothing written, the table still there, the rejection recorded.
    QCOMPARE(ticketState(m_ticket), before);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.change_log")).toLongLong(), logBefore);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT to_regclass('td.ticket') IS NOT NULL")).toBool(), true);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT code FROM sync.rejection WHERE client_id = ?::uuid AND seq = ?"),
                              {client, seq}).toString(),
             code);
}

void TestApplyBatch::serverClockSetsUpdatedAt()
{
    const QString interaction = PgTestServer::newId();
    const qint64 aDay = 24LL * 3600 * 1000;
    const qint64 before = m_server->scalar(QStringLiteral("SELECT sync.now_ms()")).toLongLong();
    // The desktop's clock is a day ahead: its own times are data, never the row's version or stamp.
    const qint64 seq = nextSeq();
    const QJsonObject answer = PgTestServer::applyBatch(
        *m_agentConn, m_client,
        {mutation(seq, QStringLiteral("interaction"), interaction, QStringLiteral("insert"),
                  {{QStringLiteral("customer_id"), m_customerA}, {QStringLiteral("channel"), QStringLiteral("wechat")},
                   {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), before + aDay},
                   {QStringLiteral("summary"), QStringLiteral("clock ahead")}}),
         mutation(nextSeq(), QStringLiteral("interaction"), PgTestServer::newId(), QStringLiteral("insert"),
                  {{QStringLiteral("customer_id"), m_customerA}, {QStringLiteral("channel"), QStringLiteral("wechat")},
                   {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), before + aDay},
                   {QStringLiteral("summary"), QStringLiteral("claims a time")}, {QStringLiteral("updated_at"), before + aDay}})});
    QCOMPARE(statuses(answer), QStringLiteral("applied,rejected"));
    const qint64 after = m_server->scalar(QStringLiteral("SELECT sync.now_ms()")).toLongLong();
    const qint64 stamped = m_server->scalar(QStringLiteral("SELECT updated_at FROM td.interaction WHERE id = ?::uuid"),
                                            {interaction}).toLongLong();
    QVERIFY(stamped >= before && stamped <= after);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT occurred_at FROM td.interaction WHERE id = ?::uuid"), {interaction})
                 .toLongLong(),
             before + aDay);
    // Plain SQL cannot set it either.
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.ticket SET updated_at = 5, row_version = 5 WHERE id = ?::uuid"), {m_ticket}));
    QVERIFY(m_server->scalar(QStringLiteral("SELECT updated_at FROM td.ticket WHERE id = ?::uuid"), {m_ticket}).toLongLong() >= before);
    QVERIFY(m_server->scalar(QStringLiteral("SELECT row_version FROM td.ticket WHERE id = ?::uuid"), {m_ticket}).toLongLong() > 5);
}

void TestApplyBatch::appendOnlyTables()
{
    const QString interaction = PgTestServer::newId();
    const QJsonObject set{{QStringLiteral("customer_id"), m_customerA}, {QStringLiteral("channel"), QStringLiteral("sms")},
                          {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), 3},
                          {QStringLiteral("summary"), QStringLiteral("once")}};
    const qint64 a = nextSeq(), b = nextSeq(), c = nextSeq(), d = nextSeq();
    const QJsonObject answer = PgTestServer::applyBatch(
        *m_agentConn, m_client,
        {mutation(a, QStringLiteral("interaction"), interaction, QStringLiteral("insert"), set),
         // the same row again under a new number (a desktop restored from a backup, say): not an error
         mutation(b, QStringLiteral("interaction"), interaction, QStringLiteral("insert"), set),
         mutation(c, QStringLiteral("interaction"), interaction, QStringLiteral("update"),
                  {{QStringLiteral("summary"), QStringLiteral("rewritten")}}, {{QStringLiteral("summary"), QStringLiteral("once")}}),
         mutation(d, QStringLiteral("interaction"), interaction, QStringLiteral("delete"), {})});
    QCOMPARE(statuses(answer), QStringLiteral("applied,duplicate,rejected,rejected"));
    QCOMPARE(resultFor(answer, c).value(QStringLiteral("code")).toString(), QStringLiteral("append_only"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT summary || coalesce(deleted_at::text, '') FROM td.interaction "
                                             "WHERE id = ?::uuid"),
                              {interaction}).toString(),
             QStringLiteral("once"));
    // Agents have no UPDATE on interactions with plain SQL either.
    QVERIFY(!m_agentConn->exec(QStringLiteral("UPDATE td.interaction SET summary = 'x' WHERE id = ?::uuid"), {interaction}).ok());
}

void TestApplyBatch::deleteLeavesATombstone()
{
    const QString note = PgTestServer::newId();
    const qint64 a = nextSeq(), b = nextSeq(), c = nextSeq();
    const qint64 before = m_server->scalar(QStringLiteral("SELECT sync.now_ms()")).toLongLong();
    const QJsonObject answer = PgTestServer::applyBatch(
        *m_agentConn, m_client,
        {mutation(a, QStringLiteral("customer_note"), note, QStringLiteral("insert"),
                  {{QStringLiteral("customer_id"), m_customerA}, {QStringLiteral("created_at"), 1},
                   {QStringLiteral("body"), QStringLiteral("temporary")}}),
         mutation(b, QStringLiteral("customer_note"), note, QStringLiteral("delete"), {}),
         mutation(c, QStringLiteral("customer_note"), note, QStringLiteral("delete"), {})});
    QCOMPARE(statuses(answer), QStringLiteral("applied,applied,duplicate"));
    QVERIFY(m_server->scalar(QStringLiteral("SELECT deleted_at FROM td.customer_note WHERE id = ?::uuid"), {note}).toLongLong()
            >= before);
    const qint64 e = nextSeq();
    const QJsonObject late = PgTestServer::applyBatch(
        *m_agentConn, m_client,
        {mutation(e, QStringLiteral("customer_note"), note, QStringLiteral("update"),
                  {{QStringLiteral("body"), QStringLiteral("edited after the delete")}},
                  {{QStringLiteral("body"), QStringLiteral("temporary")}})});
    QCOMPARE(statuses(late), QStringLiteral("rejected"));
    QCOMPARE(resultFor(late, e).value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
    QVERIFY(resultFor(late, e).value(QStringLiteral("reason")).toString().contains(QStringLiteral("was deleted")));
    // A plain DELETE is refused, for administrators too.
    QVERIFY(!m_agentConn->exec(QStringLiteral("DELETE FROM td.customer_note WHERE id = ?::uuid"), {note}).ok());
    QVERIFY(!m_server->exec(QStringLiteral("DELETE FROM td.customer_note WHERE id = ?::uuid"), {note}));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.customer_note WHERE id = ?::uuid"), {note}).toInt(), 1);
}

void TestApplyBatch::auditRowsAreCheckedAndAppendOnly()
{
    // A row as the desktop's AuditLog writes it, hash chain and all.
    AuditEntry entry;
    entry.id = PgTestServer::newId();
    entry.atMs = 1750000000123;
    entry.actor = m_agent;
    entry.action = QStringLiteral("reveal_msisdn");
    entry.entity = QStringLiteral("customer");
    entry.entityId = m_customerA;
    entry.afterMasked = QStringLiteral("138****0001");
    entry.prevHash = AuditLog::genesisHash();
    entry.hash = AuditLog::chainHash(entry.prevHash, entry);
    const auto row = [](const AuditEntry& e) {
        return QJsonObject{{QStringLiteral("at"), e.atMs},
                           {QStringLiteral("actor"), e.actor},
                           {QStringLiteral("action"), e.action},
                           {QStringLiteral("entity"), e.entity},
                           {QStringLiteral("entity_id"), e.entityId},
                           {QStringLiteral("before_masked"), QJsonValue(QJsonValue::Null)},
                           {QStringLiteral("after_masked"), e.afterMasked},
                           {QStringLiteral("prev_hash"), e.prevHash},
                           {QStringLiteral("hash"), e.hash}};
    };
    AuditEntry tampered = entry;
    tampered.id = PgTestServer::newId();
    tampered.afterMasked = QStringLiteral("13800000001"); // the hash was made for the masked value
    AuditEntry someoneElse = entry;
    someoneElse.id = PgTestServer::newId();
    someoneElse.actor = m_agent2;
    someoneElse.hash = AuditLog::chainHash(someoneElse.prevHash, someoneElse);
    const qint64 a = nextSeq(), b = nextSeq(), c = nextSeq(), d = nextSeq(), e = nextSeq();
    const QJsonObject answer = PgTestServer::applyBatch(
        *m_agentConn, m_client,
        {mutation(a, QStringLiteral("audit_log"), entry.id, QStringLiteral("insert"), row(entry)),
         mutation(b, QStringLiteral("audit_log"), entry.id, QStringLiteral("insert"), row(entry)),
         mutation(c, QStringLiteral("audit_log"), tampered.id, QStringLiteral("insert"), row(tampered)),
         mutation(d, QStringLiteral("audit_log"), someoneElse.id, QStringLiteral("insert"), row(someoneElse)),
         mutation(e, QStringLiteral("audit_log"), entry.id, QStringLiteral("update"),
                  {{QStringLiteral("action"), QStringLiteral("nothing")}}, {{QStringLiteral("action"), entry.action}})});
    QVERIFY2(statuses(answer) == QStringLiteral("applied,duplicate,rejected,rejected,rejected"),
             QJsonDocument(answer).toJson().constData());
    QVERIFY(resultFor(answer, c).value(QStringLiteral("reason")).toString().contains(QStringLiteral("does not match its hash")));
    QCOMPARE(resultFor(answer, d).value(QStringLiteral("code")).toString(), QStringLiteral("permission"));
    QCOMPARE(resultFor(answer, e).value(QStringLiteral("code")).toString(), QStringLiteral("append_only"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT hash FROM td.audit_log WHERE id = ?::uuid"), {entry.id}).toString(),
             entry.hash);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.audit_log")).toInt(), 1);
    // Auditors get it through sync as written (the owner's pull sees everything).
    bool pulled = false;
    for (const QJsonValue& v : PgTestServer::pull(m_server->admin(), QString(), 10000).value(QStringLiteral("rows")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("tbl")).toString() != QLatin1String("audit_log"))
            continue;
        const QJsonObject r = o.value(QStringLiteral("row")).toObject();
        QCOMPARE(r.value(QStringLiteral("after_masked")).toString(), entry.afterMasked);
        QVERIFY(r.value(QStringLiteral("before_masked")).isNull());
        QCOMPARE(r.value(QStringLiteral("hash")).toString(), entry.hash);
        pulled = true;
    }
    QVERIFY(pulled);
    // Not even the owner rewrites an audit row.
    QVERIFY(!m_server->exec(QStringLiteral("UPDATE td.audit_log SET action = 'x' WHERE id = ?::uuid"), {entry.id}));
    QVERIFY2(m_server->error().contains(QStringLiteral("append-only")), qPrintable(m_server->error()));
}

void TestApplyBatch::clientIdBelongsToOneLogin()
{
    const qint64 lastSeq = m_server->scalar(QStringLiteral("SELECT last_seq FROM sync.client WHERE client_id = ?::uuid"),
                                            {m_client}).toLongLong();
    QString error;
    const QJsonObject answer = PgTestServer::applyBatch(
        *m_agentBConn, m_client,
        {mutation(lastSeq + 1, QStringLiteral("customer_note"), PgTestServer::newId(), QStringLiteral("insert"),
                  {{QStringLiteral("customer_id"), m_customerB}, {QStringLiteral("created_at"), 1},
                   {QStringLiteral("body"), QStringLiteral("hijack")}})},
        &error);
    QVERIFY(answer.isEmpty());
    QVERIFY2(error.contains(QStringLiteral("belongs to another login")), qPrintable(error));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT last_seq FROM sync.client WHERE client_id = ?::uuid"), {m_client})
                 .toLongLong(),
             lastSeq);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.customer_note WHERE body = 'hijack'")).toInt(), 0);
}

void TestApplyBatch::malformedBatchChangesNothing()
{
    const QString client = PgTestServer::newId();
    const qint64 logBefore = m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.change_log")).toLongLong();
    QString error;
    const QJsonObject good = mutation(1, QStringLiteral("customer_note"), PgTestServer::newId(), QStringLiteral("insert"),
                                      {{QStringLiteral("customer_id"), m_customerA}, {QStringLiteral("created_at"), 1},
                                       {QStringLiteral("body"), QStringLiteral("ok")}});
    QJsonObject noSeq = good;
    noSeq.remove(QStringLiteral("seq"));
    QVERIFY(PgTestServer::applyBatch(*m_agentConn, client, {good, noSeq}, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("mutation 2 of the batch has no valid seq")), qPrintable(error));
    const auto notArray = m_agentConn->scalar(QStringLiteral("SELECT sync.apply_batch(?::uuid, '{\"seq\":1}'::jsonb)"), {client});
    QVERIFY(!notArray.ok());
    QVERIFY(notArray.errorMessage().contains(QStringLiteral("must be a JSON array")));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.change_log")).toLongLong(), logBefore);
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.client WHERE client_id = ?::uuid"), {client}).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestApplyBatch)
#include "tst_applybatch.moc"
