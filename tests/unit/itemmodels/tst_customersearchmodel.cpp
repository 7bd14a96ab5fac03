#include "itemmodels/CustomerSearchModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;

class TestCustomerSearchModel : public QObject
{
    Q_OBJECT
private slots:
    void emptyModel();
    void resultsAndAccessors();
    void numbersMaskedUnlessToldOtherwise();
    void matchedLinePreferredOverPrimary();
    void labelerTranslatesCodes();
    void setResultsResetsOnce();

private:
    static QVector<CustomerHit> hits();
};

QVector<CustomerHit> TestCustomerSearchModel::hits()
{
    CustomerHit a;
    a.customerId = QStringLiteral("id-a");
    a.name = QStringLiteral("张伟");
    a.type = QStringLiteral("individual");
    a.tier = QStringLiteral("gold");
    a.city = QStringLiteral("深圳市");
    a.primaryMsisdn = QStringLiteral("+8613812345678");
    a.match = CustomerHit::Match::Name;
    CustomerHit b;
    b.customerId = QStringLiteral("id-b");
    b.name = QStringLiteral("John Smith");
    b.type = QStringLiteral("enterprise");
    b.tier = QStringLiteral("diamond");
    b.city = QStringLiteral("Shanghai");
    b.primaryMsisdn = QStringLiteral("+8613900001111");
    b.matchedNumber = QStringLiteral("+8618600002222");
    b.match = CustomerHit::Match::NumberSuffix;
    return {a, b};
}

void TestCustomerSearchModel::emptyModel()
{
    CustomerSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(CustomerSearchModel::ColumnCount));
    QCOMPARE(model.customerId(0), QString());
    QCOMPARE(model.rowOfCustomer(QStringLiteral("nobody")), -1);
    QCOMPARE(model.headerData(CustomerSearchModel::MatchColumn, Qt::Horizontal).toString(), QStringLiteral("Matched by"));
}

void TestCustomerSearchModel::resultsAndAccessors()
{
    CustomerSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setResults(hits());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.customerId(1), QStringLiteral("id-b"));
    QCOMPARE(model.rowOfCustomer(QStringLiteral("id-b")), 1);
    QCOMPARE(model.hit(0).name, QStringLiteral("张伟"));
    QCOMPARE(model.index(0, CustomerSearchModel::NameColumn).data().toString(), QStringLiteral("张伟"));
    QCOMPARE(model.index(0, CustomerSearchModel::CityColumn).data().toString(), QStringLiteral("深圳市"));
    QCOMPARE(model.index(1, CustomerSearchModel::NameColumn).data(ItemRoles::IdRole).toString(), QStringLiteral("id-b"));
    QCOMPARE(model.index(1, CustomerSearchModel::MatchColumn).data(ItemRoles::CodeRole).toString(),
             QStringLiteral("number_suffix"));
}

void TestCustomerSearchModel::numbersMaskedUnlessToldOtherwise()
{
    CustomerSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setResults(hits());
    QVERIFY(model.isMasked());
    QCOMPARE(model.index(0, CustomerSearchModel::NumberColumn).data().toString(), QStringLiteral("138****5678"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setMasked(false);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reset.count(), 0);
    // Only the number column is repainted.
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(CustomerSearchModel::NumberColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(CustomerSearchModel::NumberColumn));
    QCOMPARE(model.index(0, CustomerSearchModel::NumberColumn).data().toString(), QStringLiteral("13812345678"));
    model.setMasked(false);
    QCOMPARE(changed.count(), 1);
}

void TestCustomerSearchModel::matchedLinePreferredOverPrimary()
{
    CustomerSearchModel model;
    model.setResults(hits());
    QCOMPARE(model.displayNumber(1), QStringLiteral("186****2222"));
}

void TestCustomerSearchModel::labelerTranslatesCodes()
{
    CustomerSearchModel model;
    model.setResults(hits());
    QCOMPARE(model.index(0, CustomerSearchModel::TierColumn).data().toString(), QStringLiteral("gold"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setLabeler([](CodeDomain domain, const QString& code) {
        return domain == CodeDomain::Tier ? code.toUpper() : QStringLiteral("x") + code;
    });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, CustomerSearchModel::TierColumn).data().toString(), QStringLiteral("GOLD"));
    QCOMPARE(model.index(0, CustomerSearchModel::TypeColumn).data().toString(), QStringLiteral("xindividual"));
    QCOMPARE(model.index(0, CustomerSearchModel::TierColumn).data(ItemRoles::CodeRole).toString(), QStringLiteral("gold"));
}

void TestCustomerSearchModel::setResultsResetsOnce()
{
    CustomerSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setResults(hits());
    model.clear();
    QCOMPARE(aboutToReset.count(), 2);
    QCOMPARE(reset.count(), 2);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestCustomerSearchModel)
#include "tst_customersearchmodel.moc"
