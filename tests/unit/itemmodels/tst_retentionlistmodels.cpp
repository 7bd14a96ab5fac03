#include "itemmodels/AtRiskListModel.h"
#include "itemmodels/RetentionTaskListModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <limits>

using namespace telcodesk;

/// The at-risk list and the retention-task list as tables: what each cell says, what stands out, and the
/// signals when rows are replaced or one changes.
class TestRetentionListModels : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void atRiskRows();
    void atRiskRowWithoutTaskStandsOut();
    void taskRows();
    void pastDueTaskStandsOut();
    void taskChangeIsOneRowNotAReset();

private:
    static AtRiskRow atRisk(const QString& id, const QString& band, double probability, const QString& taskId);
    static RetentionTask task(const QString& id, qint64 dueAt);
};

void TestRetentionListModels::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

AtRiskRow TestRetentionListModels::atRisk(const QString& id, const QString& band, double probability, const QString& taskId)
{
    AtRiskRow r;
    r.customerId = id;
    r.name = QStringLiteral("客户") + id;
    r.msisdn = QStringLiteral("+8613912345678");
    r.band = band;
    r.probability = probability;
    ScoreReason rule;
    rule.code = QStringLiteral("silent_porting");
    rule.value = std::numeric_limits<double>::quiet_NaN();
    rule.weight = std::numeric_limits<double>::infinity();
    r.reasons = {rule};
    r.segment = QStringLiteral("silent");
    r.taskId = taskId;
    r.taskStatus = taskId.isEmpty() ? QString() : QStringLiteral("open");
    return r;
}

RetentionTask TestRetentionListModels::task(const QString& id, qint64 dueAt)
{
    RetentionTask t;
    t.id = id;
    t.customerId = QStringLiteral("c-") + id;
    t.customerName = QStringLiteral("陈静");
    t.msisdn = QStringLiteral("+8613912345678");
    t.reason = QStringLiteral("model");
    t.queue = QStringLiteral("retention");
    t.dueAt = dueAt;
    t.offerName = QStringLiteral("A 30 yuan loyalty credit");
    t.status = QStringLiteral("open");
    return t;
}

void TestRetentionListModels::atRiskRows()
{
    AtRiskListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows({atRisk(QStringLiteral("1"), QStringLiteral("high"), 0.91, QStringLiteral("t1")),
                   atRisk(QStringLiteral("2"), QStringLiteral("medium"), 0.3, QString())});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(AtRiskListModel::ColumnCount));
    auto cell = [&model](int row, int column, int role = Qt::DisplayRole) { return model.index(row, column).data(role); };
    QCOMPARE(cell(0, AtRiskListModel::NumberColumn).toString(), QStringLiteral("139****5678"));
    QCOMPARE(cell(0, AtRiskListModel::BandColumn).toString(), QStringLiteral("High"));
    QCOMPARE(cell(0, AtRiskListModel::BandColumn, ItemRoles::CodeRole).toString(), QStringLiteral("high"));
    QCOMPARE(cell(0, AtRiskListModel::ProbabilityColumn).toString(), QStringLiteral("91 %"));
    QCOMPARE(cell(0, AtRiskListModel::ProbabilityColumn, ItemRoles::SortRole).toDouble(), 0.91);
    QCOMPARE(cell(0, AtRiskListModel::ReasonColumn).toString(),
             QStringLiteral("Calls collapsed and a number-porting enquiry in the last 7 days"));
    QCOMPARE(cell(0, AtRiskListModel::SegmentColumn).toString(), QStringLiteral("Silent"));
    QCOMPARE(cell(0, AtRiskListModel::TaskColumn).toString(), QStringLiteral("Open"));
    QCOMPARE(cell(0, AtRiskListModel::AssigneeColumn).toString(), QStringLiteral("In the queue"));
    QCOMPARE(cell(1, AtRiskListModel::TaskColumn).toString(), QStringLiteral("No task"));
    QVERIFY(cell(1, AtRiskListModel::AssigneeColumn).toString().isEmpty());
    QCOMPARE(cell(1, AtRiskListModel::NameColumn, ItemRoles::IdRole).toString(), QStringLiteral("2"));
    QCOMPARE(model.rowOfCustomer(QStringLiteral("2")), 1);
    model.setMasked(false);
    QCOMPARE(cell(0, AtRiskListModel::NumberColumn).toString(), QStringLiteral("13912345678"));
}

void TestRetentionListModels::atRiskRowWithoutTaskStandsOut()
{
    AtRiskListModel model;
    model.setRows({atRisk(QStringLiteral("1"), QStringLiteral("high"), 0.91, QString()),
                   atRisk(QStringLiteral("2"), QStringLiteral("high"), 0.8, QStringLiteral("t2")),
                   atRisk(QStringLiteral("3"), QStringLiteral("medium"), 0.3, QString())});
    auto emphasis = [&model](int row) { return Emphasis(model.index(row, 0).data(ItemRoles::EmphasisRole).toInt()); };
    QCOMPARE(emphasis(0), Emphasis::Alert); // high and nobody on it
    QCOMPARE(emphasis(1), Emphasis::None);
    QCOMPARE(emphasis(2), Emphasis::None);
}

void TestRetentionListModels::taskRows()
{
    RetentionTaskListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    RetentionTask mine = task(QStringLiteral("a"), 0);
    mine.assigneeId = QStringLiteral("agent-1");
    mine.assigneeName = QStringLiteral("刘洋");
    mine.outcome = QStringLiteral("callback");
    model.setTasks({task(QStringLiteral("q"), 0), mine});
    auto cell = [&model](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(0, RetentionTaskListModel::ReasonColumn), QStringLiteral("Churn model"));
    QCOMPARE(cell(0, RetentionTaskListModel::OfferColumn), QStringLiteral("A 30 yuan loyalty credit"));
    QCOMPARE(cell(0, RetentionTaskListModel::AssigneeColumn), QStringLiteral("Queue: Retention team"));
    QCOMPARE(cell(0, RetentionTaskListModel::StatusColumn), QStringLiteral("Open"));
    QVERIFY(cell(0, RetentionTaskListModel::DueColumn).isEmpty());
    QCOMPARE(cell(1, RetentionTaskListModel::AssigneeColumn), QStringLiteral("刘洋"));
    QCOMPARE(cell(1, RetentionTaskListModel::StatusColumn),
             QStringLiteral("Open · ") + RetentionService::outcomeLabel(QStringLiteral("callback")));
    QCOMPARE(model.rowOfTask(QStringLiteral("a")), 1);
}

void TestRetentionListModels::pastDueTaskStandsOut()
{
    RetentionTaskListModel model;
    const qint64 now = QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
    model.setTasks({task(QStringLiteral("late"), now - 60000), task(QStringLiteral("soon"), now + 60000)});
    auto emphasis = [&model](int row) { return Emphasis(model.index(row, 0).data(ItemRoles::EmphasisRole).toInt()); };
    // Without "now" nothing is past due.
    QCOMPARE(emphasis(0), Emphasis::None);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setNow(now);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(emphasis(0), Emphasis::Alert);
    QCOMPARE(emphasis(1), Emphasis::None);
    QVERIFY(model.isPastDue(model.task(0)));
    QVERIFY(!model.isPastDue(model.task(1)));
}

void TestRetentionListModels::taskChangeIsOneRowNotAReset()
{
    RetentionTaskListModel model;
    model.setTasks({task(QStringLiteral("a"), 1000), task(QStringLiteral("b"), 2000)});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    RetentionTask taken = task(QStringLiteral("b"), 2000);
    taken.assigneeName = QStringLiteral("孙丽");
    QCOMPARE(model.updateRecord(taken), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(model.index(1, RetentionTaskListModel::AssigneeColumn).data().toString(), QStringLiteral("孙丽"));
}

QTEST_GUILESS_MAIN(TestRetentionListModels)
#include "tst_retentionlistmodels.moc"
