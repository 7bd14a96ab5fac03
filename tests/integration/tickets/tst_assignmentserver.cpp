// Who may change a ticket's assignee, as the server decides it (server migration 11): an agent takes
// unassigned tickets or its own and may give its own back; giving a ticket to someone else, or taking
// someone else's, is refused with code "permission"; supervisors reassign freely; clerks do not assign.

#include "PgTestServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

#include <map>
#include <memory>

using namespace telcodesk;
using telcodesk::test::PgTestServer;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonValue idOrNull(const QString& id)
{
    return id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id);
}

} // namespace

class TestAssignmentServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void rules_data();
    void rules();
    void otherFieldsStillMerge();

private:
    QString addTicket(const QString& assignee);
    QJsonObject assign(const QString& who, const QString& ticket, const QString& from, const QString& to);
    QString serverAssignee(const QString& ticket);

    std::unique_ptr<PgTestServer> m_server;
    QString m_customer;
    QHash<QString, QString> m_ids;            // short name -> agent id
    std::map<QString, PgConnectionPtr> m_conns; // short name -> connection
    QHash<QString, QString> m_clients;        // login -> client id
    qint64 m_seq = 0;
};

void TestAssignmentServer::initTestCase()
{
    if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("assignment"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    m_customer = newId();
    QVERIFY2(m_server->exec(QStringLiteral(
                 "INSERT INTO td.customer (id, account_no, name, name_norm, type, region_code, id_type, id_number, "
                 "address, segment, primary_msisdn) VALUES (?::uuid, 'AS1', '陈静', '陈静', 'individual', '440106', "
                 "'resident_id', '440106199001011234', '广州市天河区2号', 'mass_market', '+8613800000002')"),
                            {m_customer}),
             qPrintable(m_server->error()));
    for (const auto& [shortName, role] : {std::pair{"agent_a", "agent"}, std::pair{"agent_b", "agent"},
                                      std::pair{"super_s", "supervisor"}, std::pair{"clerk_c", "clerk"}}) {
        const QString name = QString::fromLatin1(shortName);
        const QString login = m_server->addAgent(name, QString::fromLatin1(role), {QStringLiteral("440100")});
        QVERIFY2(!login.isEmpty(), qPrintable(m_server->error()));
        const QString id = m_server->scalar(QStringLiteral("SELECT id::text FROM td.agent WHERE login = ?"), {login}).toString();
        QVERIFY(!id.isEmpty());
        m_ids.insert(name, id);
        PgConnectionPtr conn = m_server->connectAs(login);
        QVERIFY2(conn, qPrintable(m_server->error()));
        m_conns[name] = std::move(conn);
        m_clients.insert(name, newId());
    }
}

void TestAssignmentServer::cleanupTestCase()
{
    m_conns.clear();
    m_server.reset();
}

QString TestAssignmentServer::addTicket(const QString& assignee)
{
    const QString id = newId();
    const bool done = m_server->exec(QStringLiteral("INSERT INTO td.ticket (id, ticket_no, customer_id, kind, priority, status, "
                                                    "queue, assignee_id, channel, title, created_at) VALUES (?::uuid, ?, "
                                                    "?::uuid, 'fault', 3, 'assigned', 'network', ?::uuid, 'hotline', "
                                                    "'No signal', 1)"),
                                     {id, QString(QStringLiteral("TK-") + id.left(8)), m_customer,
                                      assignee.isEmpty() ? QVariant() : QVariant(assignee)});
    if (!done)
        qWarning("addTicket: %s", qPrintable(m_server->error()));
    return done ? id : QString();
}

QJsonObject TestAssignmentServer::assign(const QString& who, const QString& ticket, const QString& from, const QString& to)
{
    const QJsonObject mutation{
        {QStringLiteral("seq"), ++m_seq},
        {QStringLiteral("entity"), QStringLiteral("ticket")},
        {QStringLiteral("entity_id"), ticket},
        {QStringLiteral("op"), QStringLiteral("update")},
        {QStringLiteral("payload"),
         QJsonObject{{QStringLiteral("set"), QJsonObject{{QStringLiteral("assignee_id"), idOrNull(to)}}},
                     {QStringLiteral("base"), QJsonObject{{QStringLiteral("assignee_id"), idOrNull(from)}}}}}};
    QString error;
    const QJsonObject answer = PgTestServer::applyBatch(*m_conns.at(who), m_clients.value(who), QJsonArray{mutation}, &error);
    if (!error.isEmpty())
        return QJsonObject{{QStringLiteral("status"), QStringLiteral("batch failed")}, {QStringLiteral("reason"), error}};
    return answer.value(QStringLiteral("results")).toArray().first().toObject();
}

QString TestAssignmentServer::serverAssignee(const QString& ticket)
{
    return m_server->scalar(QStringLiteral("SELECT coalesce(assignee_id::text, '') FROM td.ticket WHERE id = ?::uuid"),
                            {ticket})
        .toString();
}

void TestAssignmentServer::rules_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("from"); // login of the current assignee, "" for nobody
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("applied");
    QTest::newRow("agent takes an unassigned ticket") << "agent_a" << "" << "agent_a" << true;
    QTest::newRow("agent gives its own back") << "agent_a" << "agent_a" << "" << true;
    QTest::newRow("agent takes someone else's") << "agent_a" << "agent_b" << "agent_a" << false;
    QTest::newRow("agent gives an unassigned one away") << "agent_a" << "" << "agent_b" << false;
    QTest::newRow("agent passes its own on") << "agent_a" << "agent_a" << "agent_b" << false;
    QTest::newRow("agent unassigns someone else's") << "agent_a" << "agent_b" << "" << false;
    QTest::newRow("supervisor reassigns") << "super_s" << "agent_a" << "agent_b" << true;
    QTest::newRow("supervisor assigns") << "super_s" << "" << "agent_b" << true;
    QTest::newRow("clerk assigns") << "clerk_c" << "" << "agent_a" << false;
}

void TestAssignmentServer::rules()
{
    QFETCH(QString, who);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, applied);
    const QString fromId = m_ids.value(from);
    const QString toId = m_ids.value(to);
    const QString ticket = addTicket(fromId);
    QVERIFY(!ticket.isEmpty());
    const QJsonObject result = assign(who, ticket, fromId, toId);
    const QString status = result.value(QStringLiteral("status")).toString();
    if (applied) {
        QCOMPARE(status, QStringLiteral("applied"));
        QCOMPARE(serverAssignee(ticket), toId);
    } else {
        QVERIFY2(status == QLatin1String("rejected"), qPrintable(QJsonDocument(result).toJson(QJsonDocument::Compact)));
        QCOMPARE(result.value(QStringLiteral("code")).toString(), QStringLiteral("permission"));
        QVERIFY2(result.value(QStringLiteral("reason")).toString().contains(QLatin1String("assign")),
                 qPrintable(result.value(QStringLiteral("reason")).toString()));
        QCOMPARE(serverAssignee(ticket), fromId);
    }
}

void TestAssignmentServer::otherFieldsStillMerge()
{
    // The trigger looks at the assignee only: an agent may still change a ticket someone else has.
    const QString ticket = addTicket(m_ids.value(QStringLiteral("agent_b")));
    const QJsonObject mutation{
        {QStringLiteral("seq"), ++m_seq},
        {QStringLiteral("entity"), QStringLiteral("ticket")},
        {QStringLiteral("entity_id"), ticket},
        {QStringLiteral("op"), QStringLiteral("update")},
        {QStringLiteral("payload"),
         QJsonObject{{QStringLiteral("set"), QJsonObject{{QStringLiteral("priority"), 2}}},
                     {QStringLiteral("base"), QJsonObject{{QStringLiteral("priority"), 3}}}}}};
    QString error;
    const QJsonObject answer = PgTestServer::applyBatch(*m_conns.at(QStringLiteral("agent_a")),
                                                        m_clients.value(QStringLiteral("agent_a")), QJsonArray{mutation}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(answer.value(QStringLiteral("results")).toArray().first().toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("applied"));
}

QTEST_GUILESS_MAIN(TestAssignmentServer)
#include "tst_assignmentserver.moc"
