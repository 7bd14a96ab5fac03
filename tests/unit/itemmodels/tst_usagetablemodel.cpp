#include "itemmodels/UsageTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;

class TestUsageTableModel : public QObject
{
    Q_OBJECT
private slots:
    void emptyUsageIsAnEmptyTable();
    void twelveMonthsSummedAcrossLines();
    void missingMonthsAreZero();
    void explicitLastMonth();
};

static UsageMonth usage(const QString& line, int month, qint64 spendFen, qint64 dataMb)
{
    UsageMonth u;
    u.subscriptionId = line;
    u.month = month;
    u.spendFen = spendFen;
    u.dataMb = dataMb;
    u.voiceMin = 100;
    u.sms = 3;
    u.appLogins = 7;
    return u;
}

void TestUsageTableModel::emptyUsageIsAnEmptyTable()
{
    UsageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setUsage({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasAnyUsage());
}

void TestUsageTableModel::twelveMonthsSummedAcrossLines()
{
    QVector<UsageMonth> rows;
    // 18 months on two lines, 202505..202610.
    for (int i = 0; i < 18; ++i) {
        const int month = monthKey(QDate(2025, 5, 1).addMonths(i));
        rows << usage(QStringLiteral("a"), month, 10000 + i, 2048) << usage(QStringLiteral("b"), month, 5000, 512);
    }
    UsageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setUsage(rows, 12);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 12);
    QCOMPARE(model.monthKeyAt(0), 202511);
    QCOMPARE(model.monthKeyAt(11), 202610);
    QCOMPARE(model.monthLabel(11), QStringLiteral("2026-10"));
    QCOMPARE(model.spendFen(11), 10017 + 5000);
    QCOMPARE(model.spendYuan(11), 150.17);
    QCOMPARE(model.dataGb(0), 2.5);
    QCOMPARE(model.index(11, UsageTableModel::SpendColumn).data().toString(), QStringLiteral("¥150.17"));
    QCOMPARE(model.index(11, UsageTableModel::SpendColumn).data(Qt::EditRole).toDouble(), 150.17);
    QCOMPARE(model.index(0, UsageTableModel::VoiceColumn).data(Qt::EditRole).toLongLong(), 200);
    QCOMPARE(model.index(0, UsageTableModel::AppLoginsColumn).data().toString(), QStringLiteral("14"));
    QVERIFY(model.hasAnyUsage());
}

void TestUsageTableModel::missingMonthsAreZero()
{
    UsageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // A customer of three months: the chart still has twelve, nine of them empty.
    model.setUsage({usage(QStringLiteral("a"), 202608, 100, 1), usage(QStringLiteral("a"), 202610, 300, 3),
                    usage(QStringLiteral("a"), 202609, 200, 2)});
    QCOMPARE(model.rowCount(), 12);
    QCOMPARE(model.monthKeyAt(0), 202511);
    QCOMPARE(model.spendFen(0), 0);
    QCOMPARE(model.spendFen(9), 100);
    QCOMPARE(model.spendFen(11), 300);
    QCOMPARE(model.totalSpendFen(), 600);
}

void TestUsageTableModel::explicitLastMonth()
{
    UsageTableModel model;
    model.setUsage({usage(QStringLiteral("a"), 202601, 100, 1)}, 3, 202602);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.monthKeyAt(0), 202512);
    QCOMPARE(model.spendFen(1), 100);
    QCOMPARE(model.spendFen(2), 0);
}

QTEST_GUILESS_MAIN(TestUsageTableModel)
#include "tst_usagetablemodel.moc"
