// AssignmentService: take / assign by role, the queue's skill, bulk all or nothing, round robin across
// calls and across a reopen of the store, least loaded by open tickets, the rows and outbox entries
// written, and nothing written on a refusal.

#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "tickets/AssignmentService.h"

#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestAssignmentService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void permissions_data();
    void permissions();
    void newTicketStepsToAssignedInOneTransaction();
    void retakingOwnWritesNothing();
    void queueSkillIsRequired();
    void closedTicketIsRefused();
    void ticketWithoutQueueGoesToAnyone();
    void bulkIsAllOrNothing();
    void roundRobinCyclesAndSurvivesReopen();
    void leastLoadedPicksFewestOpen();
    void autoAssignRefusals();

private:
    QString addAgent(const QString& login, const QString& role, const QString& skills);
    QString addTicket(const QString& status, const QString& queue, const QString& assignee, const QString& no);
    QVariant field(const QString& table, const QString& id, const QString& column);
    int count(const QString& sql, const QVariantList& binds = {});
    Session as(const QString& agentId, Role role);

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock;
    std::unique_ptr<AssignmentService> m_service;
    QString m_agentA, m_agentB, m_billingAgent, m_clerk, m_super, m_admin;
};

void TestAssignmentService::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAssignmentService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    m_service = std::make_unique<AssignmentService>(m_temp->store(), m_clock);
    m_agentA = addAgent(QStringLiteral("ann"), QStringLiteral("agent"), QStringLiteral("complaint,billing,escalation"));
    m_agentB = addAgent(QStringLiteral("bob"), QStringLiteral("agent"), QStringLiteral("complaint,billing"));
    m_billingAgent = addAgent(QStringLiteral("bill"), QStringLiteral("agent"), QStringLiteral("billing,inquiry"));
    m_clerk = addAgent(QStringLiteral("cleo"), QStringLiteral("clerk"), QStringLiteral("complaint,sales"));
    m_super = addAgent(QStringLiteral("sue"), QStringLiteral("supervisor"), QStringLiteral("supervision,quality"));
    m_admin = addAgent(QStringLiteral("root"), QStringLiteral("admin"), QStringLiteral("admin"));
    for (const QString& id : {m_agentA, m_agentB, m_billingAgent, m_clerk, m_super, m_admin})
        QVERIFY(!id.isEmpty());
}

QString TestAssignmentService::addAgent(const QString& login, const QString& role, const QString& skills)
{
    const QString id = Fixtures(m_temp->store()).addAgent(login, role);
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("UPDATE agent SET skills = ? WHERE id = ?"));
    q.addBindValue(skills);
    q.addBindValue(id);
    return !id.isEmpty() && q.exec() ? id : QString();
}

QString TestAssignmentService::addTicket(const QString& status, const QString& queue, const QString& assignee,
                                         const QString& no)
{
    const QString id = UuidV7::create();
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO ticket (id, ticket_no, customer_id, kind, priority, status, queue, assignee_id, "
                             "channel, title, created_at) VALUES (?, ?, ?, 'complaint', 2, ?, ?, ?, 'hotline', 'Bill', ?)"));
    q.addBindValue(id);
    q.addBindValue(no);
    q.addBindValue(UuidV7::create());
    q.addBindValue(status);
    q.addBindValue(queue.isEmpty() ? QVariant() : QVariant(queue));
    q.addBindValue(assignee.isEmpty() ? QVariant() : QVariant(assignee));
    q.addBindValue(m_clock.nowMs() - 3600000);
    if (!q.exec()) {
        qWarning("addTicket: %s", qPrintable(q.lastError().text()));
        return QString();
    }
    return id;
}

QVariant TestAssignmentService::field(const QString& table, const QString& id, const QString& column)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(column, table));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return QStringLiteral("<missing>");
    return q.value(0);
}

int TestAssignmentService::count(const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

Session TestAssignmentService::as(const QString& agentId, Role role)
{
    Session s;
    s.agentId = agentId;
    s.role = role;
    return s;
}

void TestAssignmentService::permissions_data()
{
    QTest::addColumn<QString>("action");  // take | assign (to ann)
    QTest::addColumn<QString>("actor");   // ann | clerk | sue | root
    QTest::addColumn<QString>("holder");  // none | ann | bob
    QTest::addColumn<QString>("code");    // empty: allowed

    QTest::newRow("agent takes unassigned") << QStringLiteral("take") << QStringLiteral("ann") << QStringLiteral("none") << QStringLiteral("");
    QTest::newRow("agent re-takes own") << QStringLiteral("take") << QStringLiteral("ann") << QStringLiteral("ann") << QStringLiteral("");
    QTest::newRow("agent takes someone else's") << QStringLiteral("take") << QStringLiteral("ann") << QStringLiteral("bob") << QStringLiteral("forbidden");
    QTest::newRow("clerk takes unassigned") << QStringLiteral("take") << QStringLiteral("clerk") << QStringLiteral("none") << QStringLiteral("forbidden");
    QTest::newRow("supervisor takes someone else's") << QStringLiteral("take") << QStringLiteral("sue") << QStringLiteral("bob") << QStringLiteral("");
    QTest::newRow("agent assigns") << QStringLiteral("assign") << QStringLiteral("ann") << QStringLiteral("none") << QStringLiteral("forbidden");
    QTest::newRow("agent reassigns bob's to self via assign") << QStringLiteral("assign") << QStringLiteral("ann") << QStringLiteral("bob") << QStringLiteral("forbidden");
    QTest::newRow("clerk assigns") << QStringLiteral("assign") << QStringLiteral("clerk") << QStringLiteral("none") << QStringLiteral("forbidden");
    QTest::newRow("supervisor assigns unassigned") << QStringLiteral("assign") << QStringLiteral("sue") << QStringLiteral("none") << QStringLiteral("");
    QTest::newRow("supervisor reassigns bob's") << QStringLiteral("assign") << QStringLiteral("sue") << QStringLiteral("bob") << QStringLiteral("");
    QTest::newRow("admin reassigns bob's") << QStringLiteral("assign") << QStringLiteral("root") << QStringLiteral("bob") << QStringLiteral("");
}

void TestAssignmentService::permissions()
{
    QFETCH(QString, action);
    QFETCH(QString, actor);
    QFETCH(QString, holder);
    QFETCH(QString, code);

    const QString holderId = holder == QLatin1String("ann") ? m_agentA : holder == QLatin1String("bob") ? m_agentB : QString();
    const QString ticket = addTicket(QStringLiteral("assigned"), QStringLiteral("complaints"), holderId, QStringLiteral("TK-7"));
    QVERIFY(!ticket.isEmpty());
    Session session;
    if (actor == QLatin1String("ann"))
        session = as(m_agentA, Role::Agent);
    else if (actor == QLatin1String("clerk"))
        session = as(m_clerk, Role::Clerk);
    else if (actor == QLatin1String("sue"))
        session = as(m_super, Role::Supervisor);
    else
        session = as(m_admin, Role::Admin);

    const int outboxBefore = count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
    const Status status = action == QLatin1String("take") ? m_service->take(ticket, session)
                                                          : m_service->assign(ticket, m_agentA, session);
    const QString expectedAssignee = action == QLatin1String("take") ? session.agentId : m_agentA;
    if (code.isEmpty()) {
        QVERIFY2(status.ok(), qPrintable(status.errorMessage()));
        QCOMPARE(field(QStringLiteral("ticket"), ticket, QStringLiteral("assignee_id")).toString(), expectedAssignee);
        const int events = count(QStringLiteral("SELECT COUNT(*) FROM ticket_event WHERE ticket_id = ? AND kind = 'assignment'"),
                                 {ticket});
        const bool changed = holderId != expectedAssignee;
        QCOMPARE(events, changed ? 1 : 0);
        // The ticket's update and the event, each with its outbox row.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), outboxBefore + (changed ? 2 : 0));
    } else {
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, code);
        QVERIFY(!status.errorMessage().isEmpty());
        QCOMPARE(field(QStringLiteral("ticket"), ticket, QStringLiteral("assignee_id")).toString(), holderId);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ticket_event")), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), outboxBefore);
    }
}

void TestAssignmentService::newTicketStepsToAssignedInOneTransaction()
{
    const QString ticket = addTicket(QStringLiteral("new"), QStringLiteral("complaints"), QString(), QStringLiteral("TK-1"));
    const Status status = m_service->assign(ticket, m_agentB, as(m_super, Role::Supervisor));
    QVERIFY2(status.ok(), qPrintable(status.errorMessage()));
    QCOMPARE(field(QStringLiteral("ticket"), ticket, QStringLiteral("status")).toString(), QStringLiteral("assigned"));
    QCOMPARE(field(QStringLiteral("ticket"), ticket, QStringLiteral("assignee_id")).toString(), m_agentB);

    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT kind, coalesce(from_status, ''), coalesce(to_status, ''), coalesce(body, ''), agent_id "
                             "FROM ticket_event WHERE ticket_id = ? ORDER BY kind"));
    q.addBindValue(ticket);
    QVERIFY(q.exec());
    QStringList rows;
    while (q.next()) {
        rows << q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString() + QLatin1Char('>') + q.value(2).toString()
                + QLatin1Char(' ') + q.value(3).toString().trimmed();
        rows.last() = rows.last().trimmed();
        QCOMPARE(q.value(4).toString(), m_super);
    }
    QCOMPARE(rows, QStringList({QStringLiteral("assignment > Assigned: nobody → BOB"),
                                QStringLiteral("transition new>assigned")}));
    // One ticket update (status and assignee together) and two events: three outbox rows.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 3);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'ticket'")), 1);
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'ticket' AND payload LIKE '%assignee_id%' "
                                 "AND payload LIKE '%\"status\"%'"))
            == 1);

    // Reassigning names both people.
    QVERIFY(m_service->assign(ticket, m_agentA, as(m_super, Role::Supervisor)).ok());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ticket_event WHERE ticket_id = ? AND body = ?"),
                   {ticket, QStringLiteral("Assigned: BOB → ANN")}),
             1);
}

void TestAssignmentService::retakingOwnWritesNothing()
{
    const QString ticket = addTicket(QStringLiteral("assigned"), QStringLiteral("complaints"), m_agentA, QStringLiteral("TK-2"));
    QVERIFY(m_service->take(ticket, as(m_agentA, Role::Agent)).ok());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
}

void TestAssignmentService::queueSkillIsRequired()
{
    const QString ticket = addTicket(QStringLiteral("new"), QStringLiteral("complaints"), QString(), QStringLiteral("TK-3"));
    Status status = m_service->take(ticket, as(m_billingAgent, Role::Agent));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("invalid"));
    QVERIFY2(status.errorMessage().contains(QStringLiteral("'complaint'")), qPrintable(status.errorMessage()));
    status = m_service->assign(ticket, m_billingAgent, as(m_super, Role::Supervisor));
    QVERIFY(!status.ok());
    // Clerks never receive tickets, even with the skill.
    status = m_service->assign(ticket, m_clerk, as(m_super, Role::Supervisor));
    QVERIFY(!status.ok());
    QCOMPARE(field(QStringLiteral("ticket"), ticket, QStringLiteral("status")).toString(), QStringLiteral("new"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
    // The billing agent serves billing.
    const QString billing = addTicket(QStringLiteral("new"), QStringLiteral("billing"), QString(), QStringLiteral("TK-4"));
    QVERIFY(m_service->take(billing, as(m_billingAgent, Role::Agent)).ok());
}

void TestAssignmentService::closedTicketIsRefused()
{
    const QString ticket = addTicket(QStringLiteral("closed"), QStringLiteral("complaints"), m_agentB, QStringLiteral("TK-5"));
    const Status status = m_service->assign(ticket, m_agentA, as(m_super, Role::Supervisor));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("invalid"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
}

void TestAssignmentService::ticketWithoutQueueGoesToAnyone()
{
    const QString ticket = addTicket(QStringLiteral("assigned"), QString(), QString(), QStringLiteral("TK-6"));
    QVERIFY(m_service->take(ticket, as(m_billingAgent, Role::Agent)).ok());
    QCOMPARE(field(QStringLiteral("ticket"), ticket, QStringLiteral("assignee_id")).toString(), m_billingAgent);
    const QString other = addTicket(QStringLiteral("new"), QString(), QString(), QStringLiteral("TK-8"));
    const auto r = m_service->autoAssign(other, AssignmentService::Strategy::LeastLoaded, as(m_super, Role::Supervisor));
    QCOMPARE(r.error().code, QStringLiteral("invalid"));
}

void TestAssignmentService::bulkIsAllOrNothing()
{
    const QString t1 = addTicket(QStringLiteral("new"), QStringLiteral("complaints"), QString(), QStringLiteral("TK-11"));
    const QString t2 = addTicket(QStringLiteral("closed"), QStringLiteral("complaints"), QString(), QStringLiteral("TK-12"));
    const QString t3 = addTicket(QStringLiteral("assigned"), QStringLiteral("billing"), m_agentB, QStringLiteral("TK-13"));
    const QString t4 = addTicket(QStringLiteral("new"), QStringLiteral("general"), QString(), QStringLiteral("TK-14"));
    const Session sue = as(m_super, Role::Supervisor);

    Status status = m_service->assignBulk({t1, t2, t3, t4}, m_agentA, sue);
    QVERIFY(!status.ok());
    QVERIFY2(status.errorMessage().startsWith(QStringLiteral("Ticket TK-12 cannot be assigned: ")),
             qPrintable(status.errorMessage()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ticket_event")), 0);
    QVERIFY(field(QStringLiteral("ticket"), t1, QStringLiteral("assignee_id")).isNull());

    // Ann does not serve "general" (inquiry): the first failing ticket is named.
    status = m_service->assignBulk({t1, t3, t4}, m_agentA, sue);
    QVERIFY(!status.ok());
    QVERIFY2(status.errorMessage().contains(QStringLiteral("TK-14")), qPrintable(status.errorMessage()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);

    // An agent cannot bulk assign at all.
    status = m_service->assignBulk({t1, t3}, m_agentA, as(m_agentA, Role::Agent));
    QCOMPARE(status.error().code, QStringLiteral("forbidden"));

    status = m_service->assignBulk({t1, t3, t1}, m_agentA, sue);
    QVERIFY2(status.ok(), qPrintable(status.errorMessage()));
    QCOMPARE(field(QStringLiteral("ticket"), t1, QStringLiteral("assignee_id")).toString(), m_agentA);
    QCOMPARE(field(QStringLiteral("ticket"), t1, QStringLiteral("status")).toString(), QStringLiteral("assigned"));
    QCOMPARE(field(QStringLiteral("ticket"), t3, QStringLiteral("assignee_id")).toString(), m_agentA);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ticket_event WHERE kind = 'assignment'")), 2);
    // t1: update + transition + assignment; t3: update + assignment.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 5);
}

void TestAssignmentService::roundRobinCyclesAndSurvivesReopen()
{
    // Candidates for "complaints": ann and bob (the billing agent lacks the skill, the clerk cannot).
    QStringList picked;
    QStringList tickets;
    for (int i = 0; i < 6; ++i)
        tickets << addTicket(QStringLiteral("new"), QStringLiteral("complaints"), QString(),
                             QStringLiteral("RR-%1").arg(i));
    const Session sue = as(m_super, Role::Supervisor);
    for (int i = 0; i < 3; ++i) {
        const auto r = m_service->autoAssign(tickets.at(i), AssignmentService::Strategy::RoundRobin, sue);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        picked << r.value();
    }
    QCOMPARE(m_temp->store()->meta(AssignmentService::roundRobinKey(QStringLiteral("complaints"))), picked.last());

    // A fresh store object on the same file: the cursor comes from the database, not from memory.
    {
        auto reopened = LocalStore::open(m_temp->path());
        QVERIFY2(reopened.ok(), qPrintable(reopened.errorMessage()));
        AssignmentService again(reopened.value(), m_clock);
        for (int i = 3; i < 6; ++i) {
            const auto r = again.autoAssign(tickets.at(i), AssignmentService::Strategy::RoundRobin, sue);
            QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
            picked << r.value();
        }
        reopened.value()->releaseThreadConnection();
    }
    const QString first = qMin(m_agentA, m_agentB);
    const QString second = qMax(m_agentA, m_agentB);
    QCOMPARE(picked, QStringList({first, second, first, second, first, second}));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ticket WHERE assignee_id = ?"), {m_agentA}), 3);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ticket WHERE assignee_id = ?"), {m_agentB}), 3);
}

void TestAssignmentService::leastLoadedPicksFewestOpen()
{
    const QString carol = addAgent(QStringLiteral("carol"), QStringLiteral("agent"), QStringLiteral("complaint"));
    // ann 2 open; bob 1 open and 3 closed (closed do not count); carol 1 waiting on the customer (counts)
    // and 1 handled (resolved: does not count).
    addTicket(QStringLiteral("assigned"), QStringLiteral("complaints"), m_agentA, QStringLiteral("L-1"));
    addTicket(QStringLiteral("dispatched"), QStringLiteral("complaints"), m_agentA, QStringLiteral("L-2"));
    addTicket(QStringLiteral("assigned"), QStringLiteral("complaints"), m_agentB, QStringLiteral("L-3"));
    for (int i = 0; i < 3; ++i)
        addTicket(QStringLiteral("closed"), QStringLiteral("complaints"), m_agentB, QStringLiteral("L-C%1").arg(i));
    addTicket(QStringLiteral("waiting_customer"), QStringLiteral("billing"), carol, QStringLiteral("L-4"));
    addTicket(QStringLiteral("handled"), QStringLiteral("billing"), carol, QStringLiteral("L-5"));

    const auto found = m_service->candidates(QStringLiteral("complaints"));
    QVERIFY(found.ok());
    QMap<QString, int> load;
    for (const AssignmentCandidate& c : found.value())
        load.insert(c.agentId, c.openTickets);
    QCOMPARE(load.value(m_agentA), 2);
    QCOMPARE(load.value(m_agentB), 1);
    QCOMPARE(load.value(carol, -1), 1);
    QVERIFY(!load.contains(m_billingAgent));
    QVERIFY(!load.contains(m_clerk));

    const QString ticket = addTicket(QStringLiteral("new"), QStringLiteral("complaints"), QString(), QStringLiteral("L-9"));
    const auto r = m_service->autoAssign(ticket, AssignmentService::Strategy::LeastLoaded, as(m_super, Role::Supervisor));
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    const QString expected = qMin(m_agentB, carol); // bob and carol tie at 1: the smaller id
    QCOMPARE(r.value(), expected);
    QCOMPARE(field(QStringLiteral("ticket"), ticket, QStringLiteral("assignee_id")).toString(), expected);
    // Least loaded does not move the round-robin cursor.
    QVERIFY(m_temp->store()->meta(AssignmentService::roundRobinKey(QStringLiteral("complaints"))).isEmpty());
}

void TestAssignmentService::autoAssignRefusals()
{
    const QString ticket = addTicket(QStringLiteral("new"), QStringLiteral("vip"), QString(), QStringLiteral("A-1"));
    auto r = m_service->autoAssign(ticket, AssignmentService::Strategy::RoundRobin, as(m_agentA, Role::Agent));
    QCOMPARE(r.error().code, QStringLiteral("forbidden"));
    r = m_service->autoAssign(ticket, AssignmentService::Strategy::LeastLoaded, as(m_super, Role::Supervisor));
    QCOMPARE(r.error().code, QStringLiteral("invalid")); // nobody has the vip skill
    const QString taken = addTicket(QStringLiteral("assigned"), QStringLiteral("complaints"), m_agentB, QStringLiteral("A-2"));
    r = m_service->autoAssign(taken, AssignmentService::Strategy::RoundRobin, as(m_super, Role::Supervisor));
    QCOMPARE(r.error().code, QStringLiteral("invalid"));
    QVERIFY2(r.errorMessage().contains(QStringLiteral("BOB")), qPrintable(r.errorMessage()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
    QVERIFY(m_temp->store()->meta(AssignmentService::roundRobinKey(QStringLiteral("vip"))).isEmpty());
}

QTEST_GUILESS_MAIN(TestAssignmentService)
#include "tst_assignmentservice.moc"
