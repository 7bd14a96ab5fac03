#include "itemmodels/InteractionListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;

class TestInteractionListModel : public QObject
{
    Q_OBJECT
private slots:
    void emptyModel();
    void keptNewestFirst();
    void addingOneInsertsOneRowWithoutReset();
    void addingAnOlderOneGoesInPlace();
    void filterByChannel();
    void filterByText_data();
    void filterByText();
    void proxyFollowsInsertions();
    void summaryIsOneLine();

private:
    static Interaction make(const QString& id, const QString& channel, qint64 minute, const QString& summary,
                            const QString& kind = QStringLiteral("inquiry"));
    static QVector<Interaction> timeline();
};

Interaction TestInteractionListModel::make(const QString& id, const QString& channel, qint64 minute,
                                           const QString& summary, const QString& kind)
{
    Interaction i;
    i.id = id;
    i.customerId = QStringLiteral("c1");
    i.channel = channel;
    i.kind = kind;
    i.direction = QStringLiteral("inbound");
    i.occurredAt = QDateTime(QDate(2026, 10, 1), QTime(9, 0), Qt::UTC).addSecs(minute * 60);
    i.agentName = QStringLiteral("李娜");
    i.summary = summary;
    return i;
}

QVector<Interaction> TestInteractionListModel::timeline()
{
    // Deliberately not in time order.
    return {make(QStringLiteral("i2"), QStringLiteral("app"), 20, QStringLiteral("查询流量余额")),
            make(QStringLiteral("i1"), QStringLiteral("hotline"), 10, QStringLiteral("Asked about roaming in Japan")),
            make(QStringLiteral("i4"), QStringLiteral("wechat"), 40, QStringLiteral("投诉网速慢"), QStringLiteral("complaint")),
            make(QStringLiteral("i3"), QStringLiteral("hotline"), 30, QStringLiteral("账单疑问"), QStringLiteral("billing"))};
}

void TestInteractionListModel::emptyModel()
{
    InteractionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.interactionId(0), QString());
}

void TestInteractionListModel::keptNewestFirst()
{
    InteractionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInteractions(timeline());
    QCOMPARE(model.rowCount(), 4);
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.interactionId(row);
    QCOMPARE(ids, (QStringList{"i4", "i3", "i2", "i1"}));
    QCOMPARE(model.index(0, InteractionListModel::TimeColumn).data().toString().size(), 16); // yyyy-MM-dd HH:mm
    QCOMPARE(model.index(0, InteractionListModel::ChannelColumn).data(ItemRoles::CodeRole).toString(), QStringLiteral("wechat"));
    QCOMPARE(model.index(0, 0).data(ItemRoles::EmphasisRole).toInt(), int(Emphasis::Strong)); // a complaint
    QCOMPARE(model.rowOfInteraction(QStringLiteral("i2")), 2);
}

void TestInteractionListModel::addingOneInsertsOneRowWithoutReset()
{
    InteractionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInteractions(timeline());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    const int row = model.addInteraction(make(QStringLiteral("new"), QStringLiteral("store"), 60, QStringLiteral("门店办理")));
    QCOMPARE(row, 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.interactionId(0), QStringLiteral("new"));
}

void TestInteractionListModel::addingAnOlderOneGoesInPlace()
{
    InteractionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInteractions(timeline());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const int row = model.addInteraction(make(QStringLiteral("mid"), QStringLiteral("web"), 25, QStringLiteral("网上营业厅")));
    QCOMPARE(row, 2); // after i4 (40) and i3 (30), before i2 (20)
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.interactionId(2), QStringLiteral("mid"));
}

void TestInteractionListModel::filterByChannel()
{
    InteractionListModel model;
    model.setInteractions(timeline());
    InteractionFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&model);
    proxy.sort(InteractionListModel::TimeColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.rowCount(), 4);
    proxy.setChannel(QStringLiteral("hotline"));
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(proxy.index(0, 0).data(ItemRoles::IdRole).toString(), QStringLiteral("i3"));
    QCOMPARE(proxy.index(1, 0).data(ItemRoles::IdRole).toString(), QStringLiteral("i1"));
    proxy.setChannel(QStringLiteral("sms"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setChannel(QString());
    QCOMPARE(proxy.rowCount(), 4);
}

void TestInteractionListModel::filterByText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("chinese") << "流量" << QStringList{"i2"};
    QTest::newRow("latin, any case") << "JAPAN" << QStringList{"i1"};
    QTest::newRow("kind code through its label") << "complaint" << QStringList{"i4"};
    QTest::newRow("agent name") << "李娜" << QStringList{"i4", "i3", "i2", "i1"};
    QTest::newRow("blank is no filter") << "   " << QStringList{"i4", "i3", "i2", "i1"};
    QTest::newRow("no match") << "zzz" << QStringList{};
    QTest::newRow("regex characters are plain text") << ".*" << QStringList{};
}

void TestInteractionListModel::filterByText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    InteractionListModel model;
    model.setInteractions(timeline());
    InteractionFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(InteractionListModel::TimeColumn, Qt::DescendingOrder);
    proxy.setText(text);
    QStringList shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown << proxy.index(row, 0).data(ItemRoles::IdRole).toString();
    QCOMPARE(shown, ids);
}

void TestInteractionListModel::proxyFollowsInsertions()
{
    InteractionListModel model;
    model.setInteractions(timeline());
    InteractionFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&model);
    proxy.sort(InteractionListModel::TimeColumn, Qt::DescendingOrder);
    proxy.setChannel(QStringLiteral("hotline"));
    QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
    model.addInteraction(make(QStringLiteral("x"), QStringLiteral("app"), 90, QStringLiteral("not shown")));
    QCOMPARE(inserted.count(), 0);
    model.addInteraction(make(QStringLiteral("y"), QStringLiteral("hotline"), 91, QStringLiteral("shown")));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(proxy.index(0, 0).data(ItemRoles::IdRole).toString(), QStringLiteral("y"));
}

void TestInteractionListModel::summaryIsOneLine()
{
    InteractionListModel model;
    model.setInteractions({make(QStringLiteral("a"), QStringLiteral("sms"), 1, QStringLiteral("line one\nline two"))});
    QCOMPARE(model.index(0, InteractionListModel::SummaryColumn).data().toString(), QStringLiteral("line one line two"));
    QCOMPARE(model.index(0, InteractionListModel::SummaryColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("line one\nline two"));
}

QTEST_GUILESS_MAIN(TestInteractionListModel)
#include "tst_interactionlistmodel.moc"
