#include "Fixtures.h"
#include "TempStore.h"
#include "services/Customer360Service.h"

#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestCustomer360Service : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void loadsEverySection();
    void usageIsLastTwelveMonthsSummedPerMonth();
    void openTicketsFirst();
    void householdMembersAndGroup();
    void possibleDuplicates();
    void unknownCustomer();
    void customerIdByNumber_data();
    void customerIdByNumber();

private:
    std::unique_ptr<TempStore> m_temp;
    QString m_customer;
    QString m_line;
};

void TestCustomer360Service::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY(m_temp->ok());
    Fixtures f(m_temp->store());
    m_customer = f.addCustomer({QStringLiteral("陈静"), QStringLiteral("13800138000"), QStringLiteral("440304199003071248"), {}});
    QVERIFY(!m_customer.isEmpty());
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT id FROM subscription WHERE customer_id = ?"));
    q.addBindValue(m_customer);
    QVERIFY(q.exec() && q.next());
    m_line = q.value(0).toString();
    // 18 months of usage on one line and 18 on a second: the panel shows 12, summed per month.
    const QString second = f.addLine(m_customer, QStringLiteral("13800138001"));
    for (int i = 0; i < 18; ++i) {
        const int month = 202505 + i + (i >= 8 ? 100 - 12 : 0); // 202505..202512, 202601..202610
        QVERIFY(f.addUsage(m_line, month, 10000 + i, 1000));
        QVERIFY(f.addUsage(second, month, 5000, 24));
    }
    QVERIFY(f.addBill(m_customer, 202609, 15000, QStringLiteral("overdue")));
    QVERIFY(f.addBill(m_customer, 202610, 15100, QStringLiteral("open")));
    QVERIFY(f.addBill(m_customer, 202608, 14900, QStringLiteral("paid")));
    for (int i = 0; i < 5; ++i)
        QVERIFY(!f.addInteraction(m_customer, i % 2 ? QStringLiteral("app") : QStringLiteral("hotline"),
                                  1760000000000LL + i * 1000, QStringLiteral("第%1次联系").arg(i))
                     .isEmpty());
}

void TestCustomer360Service::cleanup()
{
    m_temp.reset();
}

void TestCustomer360Service::loadsEverySection()
{
    const auto loaded = Customer360Service(m_temp->store()).load(m_customer);
    QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
    const Customer360& v = loaded.value();
    QCOMPARE(v.customer.name, QStringLiteral("陈静"));
    QCOMPARE(v.customer.primaryMsisdn, QStringLiteral("+8613800138000"));
    QCOMPARE(v.customer.tier, QStringLiteral("gold"));
    QCOMPARE(v.subscriptions.size(), 2);
    QVERIFY(!v.subscriptions.first().plan.code.isEmpty());
    QCOMPARE(v.subscriptions.first().plan.monthlyFeeFen, 12900);
    QCOMPARE(v.bills.size(), 3);
    QCOMPARE(v.bills.first().month, 202610); // newest first
    QVERIFY(v.bills.at(1).isOverdue());
    QCOMPARE(v.interactions.size(), 5);
    QCOMPARE(v.interactions.first().summary, QStringLiteral("第4次联系")); // newest first
    QVERIFY(v.possibleDuplicates.isEmpty());
}

void TestCustomer360Service::usageIsLastTwelveMonthsSummedPerMonth()
{
    const Customer360 v = Customer360Service(m_temp->store()).load(m_customer).value();
    QCOMPARE(v.usage.size(), Customer360Service::kUsageMonths);
    QCOMPARE(v.usage.first().month, 202511);
    QCOMPARE(v.usage.last().month, 202610);
    QCOMPARE(v.usage.last().spendFen, 10017 + 5000);
    QCOMPARE(v.usage.last().dataMb, 1024);
    for (int i = 1; i < v.usage.size(); ++i)
        QVERIFY(v.usage.at(i - 1).month < v.usage.at(i).month);
}

void TestCustomer360Service::openTicketsFirst()
{
    Fixtures f(m_temp->store());
    QVERIFY(!f.addTicket(m_customer, QStringLiteral("closed"), 3000, QStringLiteral("newest but closed")).isEmpty());
    QVERIFY(!f.addTicket(m_customer, QStringLiteral("in_progress"), 1000, QStringLiteral("old open")).isEmpty());
    QVERIFY(!f.addTicket(m_customer, QStringLiteral("new"), 2000, QStringLiteral("newer open")).isEmpty());
    const Customer360 v = Customer360Service(m_temp->store()).load(m_customer).value();
    QCOMPARE(v.tickets.size(), 3);
    QCOMPARE(v.tickets.at(0).title, QStringLiteral("newer open"));
    QCOMPARE(v.tickets.at(1).title, QStringLiteral("old open"));
    QCOMPARE(v.tickets.at(2).title, QStringLiteral("newest but closed"));
    QVERIFY(v.tickets.at(1).isOpen());
    QVERIFY(!v.tickets.at(2).isOpen());
}

void TestCustomer360Service::householdMembersAndGroup()
{
    Fixtures f(m_temp->store());
    Fixtures::CustomerSpec family;
    family.name = QStringLiteral("陈家");
    family.type = QStringLiteral("family");
    const QString familyId = f.addCustomer(family);
    Fixtures::CustomerSpec child;
    child.name = QStringLiteral("陈小明");
    child.msisdn = QStringLiteral("13700137000");
    child.parentId = familyId;
    const QString childId = f.addCustomer(child);
    QVERIFY(!childId.isEmpty());
    const Customer360 group = Customer360Service(m_temp->store()).load(familyId).value();
    QCOMPARE(group.members.size(), 1);
    QCOMPARE(group.members.first().name, QStringLiteral("陈小明"));
    const Customer360 member = Customer360Service(m_temp->store()).load(childId).value();
    QCOMPARE(member.group.name, QStringLiteral("陈家"));
    QVERIFY(member.possibleDuplicates.isEmpty());
}

void TestCustomer360Service::possibleDuplicates()
{
    Fixtures f(m_temp->store());
    Fixtures::CustomerSpec dup;
    dup.name = QStringLiteral("陈 静");
    dup.msisdn = QStringLiteral("13800138000");
    dup.lineStatus = QStringLiteral("closed");
    const QString byNumber = f.addCustomer(dup);
    Fixtures::CustomerSpec dup2;
    dup2.name = QStringLiteral("Chen Jing");
    dup2.idNumber = QStringLiteral("440304199003071248");
    const QString byId = f.addCustomer(dup2);
    const Customer360 v = Customer360Service(m_temp->store()).load(m_customer).value();
    QStringList expected{byNumber, byId};
    expected.sort();
    QCOMPARE(QStringList(v.possibleDuplicates.cbegin(), v.possibleDuplicates.cend()), expected);
}

void TestCustomer360Service::unknownCustomer()
{
    const auto loaded = Customer360Service(m_temp->store()).load(QStringLiteral("' OR 1=1 --"));
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, QStringLiteral("not_found"));
}

void TestCustomer360Service::customerIdByNumber_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("code"); // empty = found
    QTest::newRow("national") << "13800138000" << "";
    QTest::newRow("second line") << "13800138001" << "";
    QTest::newRow("formatted") << "+86 138-0013-8000" << "";
    QTest::newRow("unknown") << "13900000000" << "not_found";
    QTest::newRow("not a number") << "hello" << "invalid";
    QTest::newRow("empty") << "" << "invalid";
}

void TestCustomer360Service::customerIdByNumber()
{
    QFETCH(QString, number);
    QFETCH(QString, code);
    const auto found = Customer360Service(m_temp->store()).customerIdByNumber(number);
    if (code.isEmpty()) {
        QVERIFY2(found, qPrintable(found.errorMessage()));
        QCOMPARE(found.value(), m_customer);
    } else {
        QVERIFY(!found);
        QCOMPARE(found.error().code, code);
    }
}

QTEST_GUILESS_MAIN(TestCustomer360Service)
#include "tst_customer360service.moc"
