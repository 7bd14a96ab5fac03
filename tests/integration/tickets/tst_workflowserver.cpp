// The per-kind workflow as the server enforces it: steps sent through sync.apply_batch by an agent are
// applied when the kind's workflow has them and refused with code "workflow" otherwise, the least role
// and the reopen window (server clock) are checked, and the server's default rows are the cache's.

#include "PgTestServer.h"
#include "TempStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace telcodesk;
using telcodesk::test::PgTestServer;
using telcodesk::test::TempStore;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestWorkflowServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void allowedPathsApply_data();
    void allowedPathsApply();
    void refusedSteps_data();
    void refusedSteps();
    void leastRoleIsChecked();
    void reopenWindowByTheServerClock();
    void defaultRowsHaveTheCacheIds();

private:
    QString addTicket(const QString& kind, const QString& status);
    /// Sends one status change as the agent; returns the mutation's result.
    QJsonObject step(PgConnection& conn, const QString& ticket, const QString& from, const QString& to);
    QString serverStatus(const QString& ticket);

    std::unique_ptr<PgTestServer> m_server;
    QString m_customer;
    PgConnectionPtr m_agent, m_supervisor;
    QString m_client = newId(), m_supervisorClient = newId();
    qint64 m_seq = 0;
};

void TestWorkflowServer::initTestCase()
{
    if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("workflow"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    m_customer = newId();
    QVERIFY2(m_server->exec(QStringLiteral(
                 "INSERT INTO td.customer (id, account_no, name, name_norm, type, region_code, id_type, id_number, "
                 "address, segment, primary_msisdn) VALUES (?::uuid, 'W1', '王芳', '王芳', 'individual', '440106', "
                 "'resident_id', '440106199203041234', '广州市天河区1号', 'mass_market', '+8613800000001')"),
                            {m_customer}),
             qPrintable(m_server->error()));
    const QString agent = m_server->addAgent(QStringLiteral("agent_w"), QStringLiteral("agent"), {QStringLiteral("440100")});
    const QString supervisor =
        m_server->addAgent(QStringLiteral("super_w"), QStringLiteral("supervisor"), {QStringLiteral("440100")});
    QVERIFY2(!agent.isEmpty() && !supervisor.isEmpty(), qPrintable(m_server->error()));
    m_agent = m_server->connectAs(agent);
    m_supervisor = m_server->connectAs(supervisor);
    QVERIFY2(m_agent && m_supervisor, qPrintable(m_server->error()));
}

void TestWorkflowServer::cleanupTestCase()
{
    m_agent.reset();
    m_supervisor.reset();
    m_server.reset();
}

QString TestWorkflowServer::addTicket(const QString& kind, const QString& status)
{
    const QString id = newId();
    const bool done = m_server->exec(QStringLiteral("INSERT INTO td.ticket (id, ticket_no, customer_id, kind, priority, status, "
                                                    "queue, channel, title, created_at) VALUES (?::uuid, ?, ?::uuid, ?, 3, ?, "
                                                    "'network', 'hotline', 'Workflow', 1)"),
                                     {id, QString(QStringLiteral("TK-") + id.left(8)), m_customer, kind, status});
    if (!done)
        qWarning("addTicket: %s", qPrintable(m_server->error()));
    return done ? id : QString();
}

QJsonObject TestWorkflowServer::step(PgConnection& conn, const QString& ticket, const QString& from, const QString& to)
{
    const QJsonObject mutation{{QStringLiteral("seq"), ++m_seq},
                               {QStringLiteral("entity"), QStringLiteral("ticket")},
                               {QStringLiteral("entity_id"), ticket},
                               {QStringLiteral("op"), QStringLiteral("update")},
                               {QStringLiteral("payload"),
                                QJsonObject{{QStringLiteral("set"), QJsonObject{{QStringLiteral("status"), to}}},
                                            {QStringLiteral("base"), QJsonObject{{QStringLiteral("status"), from}}}}}};
    QString error;
    const QString client = &conn == m_supervisor.get() ? m_supervisorClient : m_client;
    const QJsonObject answer = PgTestServer::applyBatch(conn, client, QJsonArray{mutation}, &error);
    if (!error.isEmpty())
        return QJsonObject{{QStringLiteral("status"), QStringLiteral("batch failed")}, {QStringLiteral("reason"), error}};
    return answer.value(QStringLiteral("results")).toArray().first().toObject();
}

QString TestWorkflowServer::serverStatus(const QString& ticket)
{
    return m_server->scalar(QStringLiteral("SELECT status FROM td.ticket WHERE id = ?::uuid"), {ticket}).toString();
}

void TestWorkflowServer::allowedPathsApply_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("path");
    QTest::newRow("complaint, the seeds' flow")
        << "complaint" << "new assigned dispatched waiting_customer dispatched handled callback closed";
    QTest::newRow("complaint, callback not satisfied")
        << "complaint" << "new assigned waiting_customer assigned dispatched handled waiting_customer handled callback "
                          "dispatched handled callback closed";
    QTest::newRow("fault, field engineer")
        << "fault" << "new assigned dispatched in_progress waiting_customer in_progress resolved in_progress resolved closed";
    QTest::newRow("fault, remote") << "fault" << "new assigned in_progress resolved closed";
    QTest::newRow("inquiry, first contact") << "inquiry" << "new resolved closed";
    QTest::newRow("inquiry, with waiting") << "inquiry" << "new assigned waiting_customer in_progress resolved closed";
    QTest::newRow("suggestion") << "suggestion" << "new assigned in_progress resolved closed";
}

void TestWorkflowServer::allowedPathsApply()
{
    QFETCH(QString, kind);
    QFETCH(QString, path);
    const QStringList statuses = path.split(QLatin1Char(' '));
    const QString ticket = addTicket(kind, statuses.first());
    QVERIFY(!ticket.isEmpty());
    for (int i = 1; i < statuses.size(); ++i) {
        const QJsonObject result = step(*m_agent, ticket, statuses.at(i - 1), statuses.at(i));
        QVERIFY2(result.value(QStringLiteral("status")).toString() == QLatin1String("applied"),
                 qPrintable(QStringLiteral("%1 -> %2: %3 %4")
                                .arg(statuses.at(i - 1), statuses.at(i), result.value(QStringLiteral("status")).toString(),
                                     result.value(QStringLiteral("reason")).toString())));
        QCOMPARE(serverStatus(ticket), statuses.at(i));
    }
}

void TestWorkflowServer::refusedSteps_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("a complaint cannot skip callback") << "complaint" << "handled" << "closed";
    QTest::newRow("a complaint is not 'in progress'") << "complaint" << "dispatched" << "in_progress";
    QTest::newRow("a complaint does not skip dispatch") << "complaint" << "assigned" << "handled";
    QTest::newRow("a fault is not 'handled'") << "fault" << "in_progress" << "handled";
    QTest::newRow("a fault is resolved after work") << "fault" << "dispatched" << "resolved";
    QTest::newRow("an inquiry is assigned before it waits") << "inquiry" << "new" << "waiting_customer";
    QTest::newRow("a suggestion never waits") << "suggestion" << "assigned" << "waiting_customer";
    QTest::newRow("assigned to closed, any kind") << "fault" << "assigned" << "closed";
    QTest::newRow("a status no workflow has") << "inquiry" << "assigned" << "done";
}

void TestWorkflowServer::refusedSteps()
{
    QFETCH(QString, kind);
    QFETCH(QString, from);
    QFETCH(QString, to);
    const QString ticket = addTicket(kind, from);
    QVERIFY(!ticket.isEmpty());
    const QJsonObject result = step(*m_agent, ticket, from, to);
    QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    const QString reason = result.value(QStringLiteral("reason")).toString();
    // Even a status no workflow has meets the workflow first: its trigger runs before the CHECK.
    QCOMPARE(result.value(QStringLiteral("code")).toString(), QStringLiteral("workflow"));
    QVERIFY2(reason.contains(QStringLiteral("cannot go from \"%1\" to \"%2\"").arg(from, to)), qPrintable(reason));
    QVERIFY2(reason.contains(QStringLiteral("(allowed: ")), qPrintable(reason));
    QCOMPARE(serverStatus(ticket), from);
}

void TestWorkflowServer::leastRoleIsChecked()
{
    // Voiding a new ticket is a supervisor's step.
    const QString ticket = addTicket(QStringLiteral("complaint"), QStringLiteral("new"));
    const QJsonObject byAgent = step(*m_agent, ticket, QStringLiteral("new"), QStringLiteral("closed"));
    QCOMPARE(byAgent.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(byAgent.value(QStringLiteral("code")).toString(), QStringLiteral("workflow"));
    QVERIFY2(byAgent.value(QStringLiteral("reason")).toString().contains(QStringLiteral("only by a supervisor or above")),
             qPrintable(byAgent.value(QStringLiteral("reason")).toString()));
    QCOMPARE(serverStatus(ticket), QStringLiteral("new"));
    const QJsonObject bySupervisor = step(*m_supervisor, ticket, QStringLiteral("new"), QStringLiteral("closed"));
    QCOMPARE(bySupervisor.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    QCOMPARE(serverStatus(ticket), QStringLiteral("closed"));
}

void TestWorkflowServer::reopenWindowByTheServerClock()
{
    const QString recent = addTicket(QStringLiteral("complaint"), QStringLiteral("closed"));
    const QString old = addTicket(QStringLiteral("complaint"), QStringLiteral("closed"));
    const QString never = addTicket(QStringLiteral("complaint"), QStringLiteral("closed"));
    QVERIFY(!recent.isEmpty() && !old.isEmpty() && !never.isEmpty());
    // closed_at is compared with the server's clock, whatever the desktop's says.
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.ticket SET closed_at = sync.now_ms() - 6 * 86400000 WHERE id = ?::uuid"),
                           {recent}));
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.ticket SET closed_at = sync.now_ms() - 8 * 86400000 WHERE id = ?::uuid"),
                           {old}));

    const QJsonObject late = step(*m_agent, old, QStringLiteral("closed"), QStringLiteral("assigned"));
    QCOMPARE(late.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(late.value(QStringLiteral("code")).toString(), QStringLiteral("workflow"));
    QVERIFY2(late.value(QStringLiteral("reason")).toString().contains(QStringLiteral("reopens only within 7 days")),
             qPrintable(late.value(QStringLiteral("reason")).toString()));
    QCOMPARE(serverStatus(old), QStringLiteral("closed"));
    // Without a closing time there is no window to be inside.
    const QJsonObject unknown = step(*m_supervisor, never, QStringLiteral("closed"), QStringLiteral("assigned"));
    QCOMPARE(unknown.value(QStringLiteral("code")).toString(), QStringLiteral("workflow"));

    const QJsonObject inTime = step(*m_agent, recent, QStringLiteral("closed"), QStringLiteral("assigned"));
    QCOMPARE(inTime.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    QCOMPARE(serverStatus(recent), QStringLiteral("assigned"));
    // Only the complaint flow reopens.
    const QString fault = addTicket(QStringLiteral("fault"), QStringLiteral("closed"));
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.ticket SET closed_at = sync.now_ms() WHERE id = ?::uuid"), {fault}));
    QCOMPARE(step(*m_agent, fault, QStringLiteral("closed"), QStringLiteral("assigned")).value(QStringLiteral("code")).toString(),
             QStringLiteral("workflow"));
}

void TestWorkflowServer::defaultRowsHaveTheCacheIds()
{
    TempStore fresh;
    QVERIFY2(fresh.ok(), qPrintable(fresh.error()));
    const QString states = QStringLiteral("SELECT id || '|' || kind || '|' || status || '|' || label_zh || '|' || label_en "
                                          "|| '|' || category || '|' || ordinal || '|' || pauses_sla FROM workflow_state "
                                          "ORDER BY id");
    const QString steps = QStringLiteral("SELECT id || '|' || kind || '|' || from_status || '|' || to_status || '|' || "
                                         "action_zh || '|' || action_en || '|' || min_role || '|' || requires || '|' || "
                                         "coalesce(reopen_within_days::text, '-') FROM workflow_transition ORDER BY id");
    for (const QString& sql : {states, steps}) {
        QStringList local, server;
        QSqlQuery l(fresh.store()->connection());
        QVERIFY(l.exec(QString(sql).replace(QStringLiteral("::text"), QString())));
        while (l.next())
            local << l.value(0).toString();
        QSqlQuery s(m_server->admin().db());
        QVERIFY(s.exec(QString(sql).replace(QStringLiteral("FROM "), QStringLiteral("FROM td."))));
        while (s.next())
            server << s.value(0).toString();
        QVERIFY(local.size() > 20);
        QCOMPARE(server, local);
    }
    // Every login reads them (global catalog), and they are in the synced tables before the tickets.
    QSqlQuery q(m_agent->db());
    QVERIFY(q.exec(QStringLiteral("SELECT (SELECT count(*) FROM td.workflow_state) + (SELECT count(*) FROM td.workflow_transition)")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() > 60);
    QCOMPARE(m_server
                 ->scalar(QStringLiteral("SELECT string_agg(name || ':' || policy || ':' || scope, ',' ORDER BY load_order) "
                                         "FROM sync.synced_table WHERE name LIKE 'workflow%' AND load_order < "
                                         "(SELECT load_order FROM sync.synced_table WHERE name = 'ticket')"))
                 .toString(),
             QStringLiteral("workflow_state:read_only:global,workflow_transition:read_only:global"));
}

QTEST_GUILESS_MAIN(TestWorkflowServer)
#include "tst_workflowserver.moc"
