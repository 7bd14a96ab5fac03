// AssignmentPolicy: which queue needs which skill, who serves a queue, and the two pickers as tables
// (round robin from a cursor, wrapping and skipping agents who left; least loaded with ties by id).

#include "tickets/AssignmentPolicy.h"

#include <QTest>

using namespace telcodesk;

namespace {

/// "a:3,b:1" -> candidates a (3 open) and b (1 open); "a,b" -> no counts.
QVector<AssignmentCandidate> parse(const QString& spec)
{
    QVector<AssignmentCandidate> out;
    for (const QString& part : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList bits = part.split(QLatin1Char(':'));
        AssignmentCandidate c;
        c.agentId = bits.at(0);
        c.openTickets = bits.size() > 1 ? bits.at(1).toInt() : 0;
        out << c;
    }
    return out;
}

QString idAt(const QVector<AssignmentCandidate>& candidates, int index)
{
    return index < 0 ? QStringLiteral("-") : candidates.at(index).agentId;
}

} // namespace

class TestAssignmentPolicy : public QObject
{
    Q_OBJECT

private slots:
    void skillForQueue_data();
    void skillForQueue();
    void servesQueue_data();
    void servesQueue();
    void roundRobin_data();
    void roundRobin();
    void roundRobinCyclesFairly();
    void leastLoaded_data();
    void leastLoaded();
};

void TestAssignmentPolicy::skillForQueue_data()
{
    QTest::addColumn<QString>("queue");
    QTest::addColumn<QString>("skill");
    QTest::newRow("complaints") << QStringLiteral("complaints") << QStringLiteral("complaint");
    QTest::newRow("general") << QStringLiteral("general") << QStringLiteral("inquiry");
    QTest::newRow("network") << QStringLiteral("network") << QStringLiteral("fault");
    QTest::newRow("billing is itself") << QStringLiteral("billing") << QStringLiteral("billing");
    QTest::newRow("broadband is itself") << QStringLiteral("broadband") << QStringLiteral("broadband");
    QTest::newRow("vip is itself") << QStringLiteral("vip") << QStringLiteral("vip");
    QTest::newRow("case and spaces") << QStringLiteral(" Complaints ") << QStringLiteral("complaint");
    QTest::newRow("empty") << QString() << QString();
}

void TestAssignmentPolicy::skillForQueue()
{
    QFETCH(QString, queue);
    QFETCH(QString, skill);
    QCOMPARE(AssignmentPolicy::skillForQueue(queue), skill);
}

void TestAssignmentPolicy::servesQueue_data()
{
    QTest::addColumn<QString>("skills");
    QTest::addColumn<QString>("queue");
    QTest::addColumn<bool>("serves");
    QTest::newRow("complaint team") << QStringLiteral("complaint,billing,escalation") << QStringLiteral("complaints") << true;
    QTest::newRow("complaint team, billing") << QStringLiteral("complaint,billing,escalation") << QStringLiteral("billing") << true;
    QTest::newRow("hotline 1, network") << QStringLiteral("billing,inquiry,5g") << QStringLiteral("network") << false;
    QTest::newRow("hotline 2, network") << QStringLiteral("billing,fault,broadband") << QStringLiteral("network") << true;
    QTest::newRow("hotline 1, general") << QStringLiteral("billing,inquiry,5g") << QStringLiteral("general") << true;
    QTest::newRow("spaces and case") << QStringLiteral(" Billing , VIP ") << QStringLiteral("vip") << true;
    QTest::newRow("part of a word is not a skill") << QStringLiteral("complaints_archive") << QStringLiteral("complaints") << false;
    QTest::newRow("supervisor skills") << QStringLiteral("supervision,escalation,quality") << QStringLiteral("complaints") << false;
    QTest::newRow("no skills") << QString() << QStringLiteral("billing") << false;
    QTest::newRow("no queue") << QStringLiteral("billing") << QString() << false;
}

void TestAssignmentPolicy::servesQueue()
{
    QFETCH(QString, skills);
    QFETCH(QString, queue);
    QFETCH(bool, serves);
    QCOMPARE(AssignmentPolicy::servesQueue(skills, queue), serves);
}

void TestAssignmentPolicy::roundRobin_data()
{
    QTest::addColumn<QString>("candidates");
    QTest::addColumn<QString>("cursor");
    QTest::addColumn<QString>("picked");
    QTest::newRow("no cursor: smallest id") << QStringLiteral("c,a,b") << QString() << QStringLiteral("a");
    QTest::newRow("after a") << QStringLiteral("c,a,b") << QStringLiteral("a") << QStringLiteral("b");
    QTest::newRow("after b") << QStringLiteral("c,a,b") << QStringLiteral("b") << QStringLiteral("c");
    QTest::newRow("after the last wraps") << QStringLiteral("c,a,b") << QStringLiteral("c") << QStringLiteral("a");
    QTest::newRow("cursor left: next by id") << QStringLiteral("a,c,d") << QStringLiteral("b") << QStringLiteral("c");
    QTest::newRow("cursor left after all") << QStringLiteral("a,c") << QStringLiteral("z") << QStringLiteral("a");
    QTest::newRow("one candidate") << QStringLiteral("a") << QStringLiteral("a") << QStringLiteral("a");
    QTest::newRow("none") << QString() << QStringLiteral("a") << QStringLiteral("-");
    QTest::newRow("load is ignored") << QStringLiteral("a:0,b:9") << QStringLiteral("a") << QStringLiteral("b");
}

void TestAssignmentPolicy::roundRobin()
{
    QFETCH(QString, candidates);
    QFETCH(QString, cursor);
    QFETCH(QString, picked);
    const QVector<AssignmentCandidate> list = parse(candidates);
    QCOMPARE(idAt(list, AssignmentPolicy::pickRoundRobin(list, cursor)), picked);
}

void TestAssignmentPolicy::roundRobinCyclesFairly()
{
    const QVector<AssignmentCandidate> list = parse(QStringLiteral("d,b,a,c"));
    QString cursor;
    QStringList order;
    for (int i = 0; i < 8; ++i) {
        cursor = idAt(list, AssignmentPolicy::pickRoundRobin(list, cursor));
        order << cursor;
    }
    QCOMPARE(order.join(QLatin1Char(' ')), QStringLiteral("a b c d a b c d"));
}

void TestAssignmentPolicy::leastLoaded_data()
{
    QTest::addColumn<QString>("candidates");
    QTest::addColumn<QString>("picked");
    QTest::newRow("fewest") << QStringLiteral("a:3,b:1,c:2") << QStringLiteral("b");
    QTest::newRow("tie by id") << QStringLiteral("c:1,b:1,a:2") << QStringLiteral("b");
    QTest::newRow("tie by id, other order") << QStringLiteral("b:1,c:1,a:2") << QStringLiteral("b");
    QTest::newRow("all zero") << QStringLiteral("c:0,a:0,b:0") << QStringLiteral("a");
    QTest::newRow("one") << QStringLiteral("z:40") << QStringLiteral("z");
    QTest::newRow("none") << QString() << QStringLiteral("-");
}

void TestAssignmentPolicy::leastLoaded()
{
    QFETCH(QString, candidates);
    QFETCH(QString, picked);
    const QVector<AssignmentCandidate> list = parse(candidates);
    QCOMPARE(idAt(list, AssignmentPolicy::pickLeastLoaded(list)), picked);
}

QTEST_GUILESS_MAIN(TestAssignmentPolicy)
#include "tst_assignmentpolicy.moc"
