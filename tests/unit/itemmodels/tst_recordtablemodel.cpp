#include "itemmodels/RecordTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;

namespace {

struct Row
{
    QString id;
    int rank = 0;
    QString code;
};

/// The smallest subclass: rows ordered by rank (or unordered), a code column shown through the labeler.
class RankModel : public RecordTableModel<Row>
{
public:
    enum Column { IdColumn, RankColumn, CodeColumn, ColumnCount };

    explicit RankModel(bool ordered, IdMember id = &Row::id)
        : RecordTableModel(ColumnCount, id, nullptr)
    {
        if (ordered)
            setOrdering([](const Row& a, const Row& b) { return a.rank < b.rank; });
    }

    QStringList ids() const
    {
        QStringList out;
        for (const Row& r : records())
            out << r.id;
        return out;
    }

protected:
    QVariant recordData(const Row& row, int column, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        switch (column) {
        case IdColumn:
            return row.id;
        case RankColumn:
            return row.rank;
        case CodeColumn:
            return label(CodeDomain::Tag, row.code);
        }
        return {};
    }
    QString columnTitle(int column) const override { return QStringLiteral("c%1").arg(column); }
};

/// A numbered masked model, to check that only the number column repaints.
class NumberModel : public MaskedRecordTableModel<Row>
{
public:
    NumberModel()
        : MaskedRecordTableModel(2, &Row::id, 1, nullptr)
    {
    }

protected:
    QVariant recordData(const Row& row, int column, int role) const override
    {
        return role == Qt::DisplayRole && column == 1 ? QVariant(shownNumber(row.code)) : QVariant();
    }
    QString columnTitle(int) const override { return QString(); }
};

QVector<Row> rows()
{
    return {{QStringLiteral("c"), 3, QStringLiteral("vip")},
            {QStringLiteral("a"), 1, QStringLiteral("5g")},
            {QStringLiteral("b"), 2, QStringLiteral("overdue")}};
}

} // namespace

class TestRecordTableModel : public QObject
{
    Q_OBJECT
private slots:
    void unorderedKeepsTheGivenOrder();
    void orderedSortsOnSetAndInsertsInPlace();
    void lookupById();
    void recordsWithoutIds();
    void headerForEachColumnOnly();
    void labelerRepaintsOnlyWhenThereIsSomething();
    void updateInPlaceIsOneDataChanged();
    void updateThatReordersMovesOneRow_data();
    void updateThatReordersMovesOneRow();
    void updateOfAnUnknownIdChangesNothing();
    void maskingRepaintsTheNumberColumn();
};

void TestRecordTableModel::unorderedKeepsTheGivenOrder()
{
    RankModel model(false);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRecords(rows());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.ids(), (QStringList{"c", "a", "b"}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QCOMPARE(model.addRecord({QStringLiteral("z"), 0, QString()}), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.columnCount(), int(RankModel::ColumnCount));
    QCOMPARE(model.columnCount(model.index(0, 0)), 0);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
}

void TestRecordTableModel::orderedSortsOnSetAndInsertsInPlace()
{
    RankModel model(true);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecords(rows());
    QCOMPARE(model.ids(), (QStringList{"a", "b", "c"}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // An equal rank goes after the ones already there.
    QCOMPARE(model.addRecord({QStringLiteral("b2"), 2, QString()}), 2);
    QCOMPARE(model.addRecord({QStringLiteral("first"), 0, QString()}), 0);
    QCOMPARE(model.addRecord({QStringLiteral("last"), 9, QString()}), 5);
    QCOMPARE(model.ids(), (QStringList{"first", "a", "b", "b2", "c", "last"}));
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(reset.count(), 0);
}

void TestRecordTableModel::lookupById()
{
    RankModel model(true);
    model.setRecords(rows());
    QCOMPARE(model.rowOf(QStringLiteral("c")), 2);
    QCOMPARE(model.rowOf(QStringLiteral("nobody")), -1);
    QCOMPARE(model.idOf(0), QStringLiteral("a"));
    QCOMPARE(model.idOf(-1), QString());
    QCOMPARE(model.idOf(3), QString());
    QCOMPARE(model.record(1).rank, 2);
    QCOMPARE(model.index(1, RankModel::CodeColumn).data(ItemRoles::IdRole).toString(), QStringLiteral("b"));
}

void TestRecordTableModel::recordsWithoutIds()
{
    RankModel model(false, nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecords(rows());
    QCOMPARE(model.idOf(0), QString());
    QCOMPARE(model.rowOf(QStringLiteral("a")), -1);
    QVERIFY(!model.index(0, 0).data(ItemRoles::IdRole).isValid());
    QCOMPARE(model.updateRecord({QStringLiteral("a"), 7, QString()}), -1);
    QCOMPARE(model.index(0, RankModel::IdColumn).data().toString(), QStringLiteral("c"));
}

void TestRecordTableModel::headerForEachColumnOnly()
{
    RankModel model(false);
    QCOMPARE(model.headerData(RankModel::CodeColumn, Qt::Horizontal).toString(), QStringLiteral("c2"));
    QVERIFY(!model.headerData(RankModel::ColumnCount, Qt::Horizontal).isValid());
    QVERIFY(!model.headerData(-1, Qt::Horizontal).isValid());
    QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
    QVERIFY(!model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).isValid());
}

void TestRecordTableModel::labelerRepaintsOnlyWhenThereIsSomething()
{
    RankModel model(true);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const CodeLabeler upper = [](CodeDomain, const QString& code) { return code.toUpper(); };
    model.setLabeler(upper);
    QCOMPARE(changed.count(), 0);
    model.setRecords(rows());
    QCOMPARE(model.index(0, RankModel::CodeColumn).data().toString(), QStringLiteral("5G"));
    model.setLabeler({});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(0, 0));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(2, RankModel::ColumnCount - 1));
    QCOMPARE(model.index(0, RankModel::CodeColumn).data().toString(), QStringLiteral("5g"));
}

void TestRecordTableModel::updateInPlaceIsOneDataChanged()
{
    RankModel model(true);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecords(rows());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(model.updateRecord({QStringLiteral("b"), 2, QStringLiteral("student")}), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(1, 0));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(1, RankModel::ColumnCount - 1));
    QCOMPARE(moved.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.index(1, RankModel::CodeColumn).data().toString(), QStringLiteral("student"));
}

void TestRecordTableModel::updateThatReordersMovesOneRow_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("rank");
    QTest::addColumn<int>("row");
    QTest::addColumn<QStringList>("ids");
    // Ranks before: a 1, b 2, c 3, d 4.
    QTest::newRow("first to last") << "a" << 9 << 3 << QStringList{"b", "c", "d", "a"};
    QTest::newRow("equal to the next: stays") << "a" << 2 << 0 << QStringList{"a", "b", "c", "d"};
    QTest::newRow("last to first") << "d" << 0 << 0 << QStringList{"d", "a", "b", "c"};
    QTest::newRow("middle up") << "c" << 1 << 1 << QStringList{"a", "c", "b", "d"};
    QTest::newRow("new rank, still in order") << "b" << 3 << 1 << QStringList{"a", "b", "c", "d"};
    QTest::newRow("out of order: after its equals") << "a" << 3 << 2 << QStringList{"b", "c", "a", "d"};
}

void TestRecordTableModel::updateThatReordersMovesOneRow()
{
    QFETCH(QString, id);
    QFETCH(int, rank);
    QFETCH(int, row);
    QFETCH(QStringList, ids);
    RankModel model(true);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecords({{QStringLiteral("a"), 1, {}}, {QStringLiteral("b"), 2, {}}, {QStringLiteral("c"), 3, {}},
                      {QStringLiteral("d"), 4, {}}});
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const int oldRow = model.rowOf(id);
    QCOMPARE(model.updateRecord({id, rank, QStringLiteral("x")}), row);
    QCOMPARE(model.ids(), ids);
    QCOMPARE(moved.count(), oldRow == row ? 0 : 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.record(row).rank, rank);
    QCOMPARE(model.record(row).code, QStringLiteral("x"));
}

void TestRecordTableModel::updateOfAnUnknownIdChangesNothing()
{
    RankModel model(true);
    model.setRecords(rows());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(model.updateRecord({QStringLiteral("nobody"), 1, QString()}), -1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(model.ids(), (QStringList{"a", "b", "c"}));
}

void TestRecordTableModel::maskingRepaintsTheNumberColumn()
{
    NumberModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setMasked(false);
    QCOMPARE(changed.count(), 0); // nothing shown yet
    model.setMasked(true);
    model.setRecords({{QStringLiteral("a"), 0, QStringLiteral("+8613812345678")}});
    QVERIFY(model.isMasked());
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("138****5678"));
    model.setMasked(true);
    QCOMPARE(changed.count(), 0);
    model.setMasked(false);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(0, 1));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(0, 1));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("13812345678"));
}

QTEST_GUILESS_MAIN(TestRecordTableModel)
#include "tst_recordtablemodel.moc"
