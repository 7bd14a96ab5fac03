#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "services/InteractionService.h"

#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestInteractionService : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void logsThroughTheOutbox();
    void refusesBadInput_data();
    void refusesBadInput();

private:
    std::unique_ptr<TempStore> m_temp;
    QString m_customer;
    QString m_otherLine;
    Session m_session;
    FakeClock m_clock;
};

void TestInteractionService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY(m_temp->ok());
    Fixtures f(m_temp->store());
    m_customer = f.addCustomer({QStringLiteral("刘洋"), QStringLiteral("13511112222"), {}, {}});
    const QString other = f.addCustomer({QStringLiteral("赵磊"), QStringLiteral("13533334444"), {}, {}});
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT id FROM subscription WHERE customer_id = ?"));
    q.addBindValue(other);
    QVERIFY(q.exec() && q.next());
    m_otherLine = q.value(0).toString();
    m_session.agentId = f.addAgent(QStringLiteral("agent01"), QStringLiteral("agent"));
    m_session.login = QStringLiteral("agent01");
    m_session.role = Role::Agent;
}

void TestInteractionService::cleanup()
{
    m_temp.reset();
}

void TestInteractionService::logsThroughTheOutbox()
{
    InteractionService service(m_temp->store(), m_session, m_clock);
    const auto id = service.log({m_customer, {}, QStringLiteral("wechat"), QStringLiteral("billing"),
                                 QStringLiteral("inbound"), QStringLiteral("  询问本月账单为何多了20元  ")});
    QVERIFY2(id, qPrintable(id.errorMessage()));
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT channel, kind, summary, occurred_at, agent_id FROM interaction WHERE id = ?"));
    q.addBindValue(id.value());
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wechat"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("billing"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("询问本月账单为何多了20元"));
    QCOMPARE(q.value(3).toLongLong(), m_clock.nowMs());
    QCOMPARE(q.value(4).toString(), m_session.agentId);
    q.prepare(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'interaction' AND entity_id = ?"));
    q.addBindValue(id.value());
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestInteractionService::refusesBadInput_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<bool>("otherLine");
    QTest::addColumn<bool>("unknownCustomer");
    QTest::addColumn<QString>("field");
    QTest::newRow("empty summary") << "hotline" << "inquiry" << "inbound" << "   " << false << false << "Summary";
    QTest::newRow("summary too long") << "hotline" << "inquiry" << "inbound" << QString(4001, QLatin1Char('x')) << false
                                      << false << "Summary";
    QTest::newRow("NUL in summary") << "hotline" << "inquiry" << "inbound" << QString("a" + QString(QChar(0)) + "b")
                                    << false << false << "Summary";
    QTest::newRow("unknown channel") << "fax" << "inquiry" << "inbound" << "x" << false << false << "Channel";
    QTest::newRow("unknown kind") << "hotline" << "'; DROP TABLE interaction; --" << "inbound" << "x" << false << false
                                  << "Kind";
    QTest::newRow("bad direction") << "hotline" << "inquiry" << "sideways" << "x" << false << false << "Direction";
    QTest::newRow("line of another customer") << "hotline" << "inquiry" << "inbound" << "x" << true << false << "Line";
    QTest::newRow("unknown customer") << "hotline" << "inquiry" << "inbound" << "x" << false << true << "Customer";
}

void TestInteractionService::refusesBadInput()
{
    QFETCH(QString, channel);
    QFETCH(QString, kind);
    QFETCH(QString, direction);
    QFETCH(QString, summary);
    QFETCH(bool, otherLine);
    QFETCH(bool, unknownCustomer);
    QFETCH(QString, field);
    InteractionService service(m_temp->store(), m_session, m_clock);
    const auto id = service.log({unknownCustomer ? QStringLiteral("0190a3b4-1234-7abc-8def-0123456789ab") : m_customer,
                                 otherLine ? m_otherLine : QString(), channel, kind, direction, summary});
    QVERIFY(!id);
    QVERIFY2(id.errorMessage().startsWith(field), qPrintable(id.errorMessage()));
    Fixtures f(m_temp->store());
    QCOMPARE(f.count(QStringLiteral("interaction")), 0);
    QCOMPARE(f.count(QStringLiteral("outbox")), 0);
}

QTEST_GUILESS_MAIN(TestInteractionService)
#include "tst_interactionservice.moc"
