#include "Fixtures.h"
#include "TempStore.h"
#include "services/AgentDirectory.h"

#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestAgentDirectory : public QObject
{
    Q_OBJECT
private slots:
    void sessions();
    void customerCountIgnoresTombstones();
};

void TestAgentDirectory::sessions()
{
    TempStore temp;
    AgentDirectory agents(temp.store());
    QCOMPARE(agents.localSession().error().code, QStringLiteral("not_found"));
    Fixtures f(temp.store());
    f.addAgent(QStringLiteral("clerk01"), QStringLiteral("clerk"));
    const QString agentId = f.addAgent(QStringLiteral("agent01"), QStringLiteral("agent"));
    const auto first = agents.localSession();
    QVERIFY(first);
    QCOMPARE(first->login, QStringLiteral("agent01")); // first by login
    QVERIFY(temp.store()->setMeta(QStringLiteral("demo.default_login"), QStringLiteral("clerk01")));
    QCOMPARE(agents.localSession()->role, Role::Clerk);
    const auto chosen = agents.localSession(QStringLiteral("agent01"));
    QCOMPARE(chosen->agentId, agentId);
    QCOMPARE(chosen->role, Role::Agent);
    const auto missing = agents.localSession(QStringLiteral("nobody'--"));
    QVERIFY(!missing);
    QVERIFY(missing.errorMessage().contains(QLatin1String("nobody'--")));
    QCOMPARE(agents.displayName(agentId), QStringLiteral("AGENT01"));
}

void TestAgentDirectory::customerCountIgnoresTombstones()
{
    TempStore temp;
    Fixtures f(temp.store());
    AgentDirectory agents(temp.store());
    QCOMPARE(agents.customerCount(), 0);
    f.addCustomer({QStringLiteral("甲"), {}, {}, {}});
    f.addCustomer({QStringLiteral("乙"), {}, {}, {}});
    QCOMPARE(agents.customerCount(), 2);
    QSqlQuery q(temp.store()->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE customer SET deleted_at = 5 WHERE name = '甲'")));
    QCOMPARE(agents.customerCount(), 1);
}

QTEST_GUILESS_MAIN(TestAgentDirectory)
#include "tst_agentdirectory.moc"
