#include "itemmodels/BillListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;

class TestBillListModel : public QObject
{
    Q_OBJECT
private slots:
    void emptyModel();
    void billsShownWithMoneyAndDates();
    void overdueIsAlertAndOpenIsStrong();
    void outstandingAndLookup();
};

static QVector<Bill> bills()
{
    Bill overdue;
    overdue.id = QStringLiteral("b1");
    overdue.month = 202610;
    overdue.amountFen = 15850;
    overdue.dueDate = QDate(2026, 10, 25);
    overdue.status = QStringLiteral("overdue");
    Bill open;
    open.id = QStringLiteral("b2");
    open.month = 202609;
    open.amountFen = 123456;
    open.paidFen = 23456;
    open.dueDate = QDate(2026, 9, 25);
    open.status = QStringLiteral("partial");
    Bill paid;
    paid.id = QStringLiteral("b3");
    paid.month = 202608;
    paid.amountFen = 9900;
    paid.paidFen = 9900;
    paid.dueDate = QDate(2026, 8, 25);
    paid.paidAt = QDateTime(QDate(2026, 8, 20), QTime(10, 5), Qt::UTC);
    paid.payMethod = QStringLiteral("wechat");
    paid.status = QStringLiteral("paid");
    return {overdue, open, paid};
}

void TestBillListModel::emptyModel()
{
    BillListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.overdueCount(), 0);
    QCOMPARE(model.outstandingFen(), 0);
}

void TestBillListModel::billsShownWithMoneyAndDates()
{
    BillListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setBills(bills());
    QCOMPARE(reset.count(), 1);
    auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(0, BillListModel::MonthColumn), QStringLiteral("2026-10"));
    QCOMPARE(cell(0, BillListModel::AmountColumn), QStringLiteral("¥158.50"));
    QCOMPARE(cell(1, BillListModel::AmountColumn), QStringLiteral("¥1,234.56"));
    QCOMPARE(cell(1, BillListModel::PaidColumn), QStringLiteral("¥234.56"));
    QCOMPARE(cell(0, BillListModel::DueColumn), QStringLiteral("2026-10-25"));
    QCOMPARE(cell(0, BillListModel::PaidAtColumn), QString());
    QCOMPARE(cell(2, BillListModel::MethodColumn), QStringLiteral("wechat"));
    QCOMPARE(model.index(1, BillListModel::AmountColumn).data(ItemRoles::SortRole).toLongLong(), 123456);
    QCOMPARE(model.index(0, BillListModel::StatusColumn).data(ItemRoles::CodeRole).toString(), QStringLiteral("overdue"));
}

void TestBillListModel::overdueIsAlertAndOpenIsStrong()
{
    BillListModel model;
    model.setBills(bills());
    model.setLabeler([](CodeDomain domain, const QString& code) {
        return domain == CodeDomain::BillStatus && code == QLatin1String("overdue") ? QStringLiteral("Overdue") : code;
    });
    QCOMPARE(model.index(0, BillListModel::StatusColumn).data().toString(), QStringLiteral("Overdue"));
    QCOMPARE(model.index(0, BillListModel::AmountColumn).data(ItemRoles::EmphasisRole).toInt(), int(Emphasis::Alert));
    QCOMPARE(model.index(1, BillListModel::AmountColumn).data(ItemRoles::EmphasisRole).toInt(), int(Emphasis::Strong));
    QCOMPARE(model.index(2, BillListModel::AmountColumn).data(ItemRoles::EmphasisRole).toInt(), int(Emphasis::None));
    QCOMPARE(model.overdueCount(), 1);
}

void TestBillListModel::outstandingAndLookup()
{
    BillListModel model;
    model.setBills(bills());
    QCOMPARE(model.outstandingFen(), 15850 + 100000);
    QCOMPARE(model.rowOfBill(QStringLiteral("b3")), 2);
    QCOMPARE(model.rowOfBill(QStringLiteral("x")), -1);
    QCOMPARE(model.billId(0), QStringLiteral("b1"));
    QCOMPARE(model.bill(2).payMethod, QStringLiteral("wechat"));
}

QTEST_GUILESS_MAIN(TestBillListModel)
#include "tst_billlistmodel.moc"
