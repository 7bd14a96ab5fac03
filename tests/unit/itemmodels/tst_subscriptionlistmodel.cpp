#include "itemmodels/SubscriptionListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;

class TestSubscriptionListModel : public QObject
{
    Q_OBJECT
private slots:
    void emptyModel();
    void showsLinesWithPlansAndAddons();
    void planNameFollowsLanguage();
    void statusEmphasis_data();
    void statusEmphasis();
    void maskingChangesOnlyNumbers();
    void lookupById();

private:
    static QVector<Subscription> lines();
};

QVector<Subscription> TestSubscriptionListModel::lines()
{
    Subscription mobile;
    mobile.id = QStringLiteral("s1");
    mobile.service = QStringLiteral("mobile");
    mobile.number = QStringLiteral("+8613812345678");
    mobile.status = QStringLiteral("active");
    mobile.contractEnd = QDate(2027, 6, 30);
    mobile.userName = QStringLiteral("王小明");
    mobile.plan.nameZh = QStringLiteral("5G畅享129元套餐");
    mobile.plan.nameEn = QStringLiteral("5G Enjoy 129");
    mobile.plan.monthlyFeeFen = 12900;
    Plan video;
    video.nameZh = QStringLiteral("视频会员");
    video.nameEn = QStringLiteral("Video membership");
    video.monthlyFeeFen = 1500;
    Plan data;
    data.nameZh = QStringLiteral("10GB流量包");
    data.nameEn = QString(); // no English name: the Chinese one is shown
    data.monthlyFeeFen = 2000;
    mobile.addons = {video, data};

    Subscription broadband;
    broadband.id = QStringLiteral("s2");
    broadband.service = QStringLiteral("broadband");
    broadband.number = QStringLiteral("BB0755123456");
    broadband.status = QStringLiteral("suspended");
    broadband.plan.nameZh = QStringLiteral("千兆宽带");
    broadband.plan.nameEn = QStringLiteral("Gigabit broadband");
    broadband.plan.monthlyFeeFen = 9900;
    return {mobile, broadband};
}

void TestSubscriptionListModel::emptyModel()
{
    SubscriptionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.subscriptionId(3), QString());
}

void TestSubscriptionListModel::showsLinesWithPlansAndAddons()
{
    SubscriptionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSubscriptions(lines());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(0, SubscriptionListModel::PlanColumn), QStringLiteral("5G畅享129元套餐"));
    QCOMPARE(cell(0, SubscriptionListModel::UserColumn), QStringLiteral("王小明"));
    QCOMPARE(cell(1, SubscriptionListModel::UserColumn), QString());
    // Plan and add-ons together: 129 + 15 + 20.
    QCOMPARE(cell(0, SubscriptionListModel::FeeColumn), QStringLiteral("¥164.00"));
    QCOMPARE(model.index(0, SubscriptionListModel::FeeColumn).data(ItemRoles::SortRole).toLongLong(), 16400);
    QCOMPARE(cell(0, SubscriptionListModel::AddonsColumn), QStringLiteral("视频会员, 10GB流量包"));
    QCOMPARE(cell(0, SubscriptionListModel::ContractEndColumn), QStringLiteral("2027-06-30"));
    QCOMPARE(cell(1, SubscriptionListModel::ContractEndColumn), QStringLiteral("No contract"));
    QCOMPARE(cell(0, SubscriptionListModel::ServiceColumn), QStringLiteral("mobile"));
    QCOMPARE(model.index(1, SubscriptionListModel::StatusColumn).data(ItemRoles::CodeRole).toString(),
             QStringLiteral("suspended"));
    QVERIFY(model.index(0, SubscriptionListModel::FeeColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("¥15.00")));
}

void TestSubscriptionListModel::planNameFollowsLanguage()
{
    SubscriptionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSubscriptions(lines());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setPlanNameLanguage(PlanNameLanguage::English);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.index(0, SubscriptionListModel::PlanColumn).data().toString(), QStringLiteral("5G Enjoy 129"));
    QCOMPARE(model.index(0, SubscriptionListModel::AddonsColumn).data().toString(),
             QStringLiteral("Video membership, 10GB流量包"));
}

void TestSubscriptionListModel::statusEmphasis_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("emphasis");
    QTest::newRow("active") << "active" << int(Emphasis::None);
    QTest::newRow("suspended") << "suspended" << int(Emphasis::Alert);
    QTest::newRow("ported out") << "ported_out" << int(Emphasis::Muted);
    QTest::newRow("closed") << "closed" << int(Emphasis::Muted);
}

void TestSubscriptionListModel::statusEmphasis()
{
    QFETCH(QString, status);
    QFETCH(int, emphasis);
    QVector<Subscription> one = {lines().first()};
    one[0].status = status;
    SubscriptionListModel model;
    model.setSubscriptions(one);
    QCOMPARE(model.index(0, 0).data(ItemRoles::EmphasisRole).toInt(), emphasis);
}

void TestSubscriptionListModel::maskingChangesOnlyNumbers()
{
    SubscriptionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSubscriptions(lines());
    QCOMPARE(model.index(0, SubscriptionListModel::NumberColumn).data().toString(), QStringLiteral("138****5678"));
    QVERIFY(!model.index(1, SubscriptionListModel::NumberColumn).data().toString().contains(QStringLiteral("0755123")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setMasked(false);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, SubscriptionListModel::NumberColumn).data().toString(), QStringLiteral("13812345678"));
    QCOMPARE(model.index(1, SubscriptionListModel::NumberColumn).data().toString(), QStringLiteral("BB0755123456"));
}

void TestSubscriptionListModel::lookupById()
{
    SubscriptionListModel model;
    model.setSubscriptions(lines());
    QCOMPARE(model.rowOfSubscription(QStringLiteral("s2")), 1);
    QCOMPARE(model.rowOfSubscription(QStringLiteral("nope")), -1);
    QCOMPARE(model.subscriptionId(0), QStringLiteral("s1"));
    QCOMPARE(model.index(1, 0).data(ItemRoles::IdRole).toString(), QStringLiteral("s2"));
    QCOMPARE(SubscriptionListModel::monthlyFeeFen(model.subscription(1)), 9900);
}

QTEST_GUILESS_MAIN(TestSubscriptionListModel)
#include "tst_subscriptionlistmodel.moc"
