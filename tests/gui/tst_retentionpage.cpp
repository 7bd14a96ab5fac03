#include "GuiScenario.h"
#include "RetentionScenario.h"
#include "SectionTable.h"
#include "itemmodels/AtRiskListModel.h"
#include "itemmodels/RetentionTaskListModel.h"
#include "retention/RecordOutcomeDialog.h"
#include "retention/RetentionPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTableView>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

/// The Retention section: the supervisors' at-risk list and everyone's own retention tasks.
class TestRetentionPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void supervisorSeesTheAtRiskList();
    void filtersNarrowTheList_data();
    void filtersNarrowTheList();
    void enterOpensTheCustomer();
    void longListsLoadPageByPage();
    void headerClicksSortTheWholeList();
    void scoreAgainAsksForAFullRun();
    void exportWritesTheWholeFilteredList();
    void summarySaysWhatCameOfThisMonthsTasks();
    void aSteadyStreamOfNotificationsStillReloads();
    void supervisorReassignsATask();
    void agentSeesOnlyTheirTasks();
    void agentRecordsAnOutcomeFromTheList();
    void emptyStatesSayWhy();

private:
    std::unique_ptr<RetentionPage> makePage(const Session& session);
    static void choose(QComboBox* combo, const QVariant& data);

    std::unique_ptr<RetentionScenario> m_s;
};

void TestRetentionPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestRetentionPage::init()
{
    m_s = std::make_unique<RetentionScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
}

void TestRetentionPage::cleanup()
{
    m_s.reset();
}

std::unique_ptr<RetentionPage> TestRetentionPage::makePage(const Session& session)
{
    auto page = std::make_unique<RetentionPage>(m_s->store(), session);
    page->resize(1280, 760);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        return nullptr;
    return page;
}

void TestRetentionPage::choose(QComboBox* combo, const QVariant& data)
{
    const int index = combo->findData(data);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

void TestRetentionPage::supervisorSeesTheAtRiskList()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    QVERIFY(page->showsAtRiskList());
    QCOMPARE(page->tabs()->count(), 2);
    AtRiskListModel* model = page->atRiskModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(page->atRiskTable()->view()->isVisible());
    // High risk by default: 陈静 only.
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->customerId(0), m_s->gui().chenJing);
    QCOMPARE(model->index(0, AtRiskListModel::NameColumn).data().toString(), QStringLiteral("陈静"));
    QCOMPARE(model->index(0, AtRiskListModel::NumberColumn).data().toString(), QStringLiteral("139****5678"));
    QCOMPARE(model->index(0, AtRiskListModel::BandColumn).data().toString(), QStringLiteral("High"));
    QCOMPARE(model->index(0, AtRiskListModel::ProbabilityColumn).data().toString(), QStringLiteral("72 %"));
    // The two strongest reasons in words: the rule that fired, then what in her data weighs most.
    const QString reasons = model->index(0, AtRiskListModel::ReasonColumn).data().toString();
    QVERIFY2(reasons.startsWith(QStringLiteral("Two of the three decline signals · ")), qPrintable(reasons));
    QVERIFY(!reasons.contains(QStringLiteral("complaints_30d")));
    QCOMPARE(reasons.count(QStringLiteral(" · ")), 1);
    QVERIFY(model->index(0, AtRiskListModel::ReasonColumn).data(Qt::ToolTipRole).toString().count(QLatin1Char('\n')) == 2);
    QCOMPARE(model->index(0, AtRiskListModel::SegmentColumn).data().toString(), QStringLiteral("Family"));
    QCOMPARE(model->index(0, AtRiskListModel::TaskColumn).data().toString(), QStringLiteral("Open"));
    QCOMPARE(model->index(0, AtRiskListModel::AssigneeColumn).data().toString(), QStringLiteral("In the queue"));
    QCOMPARE(page->atRiskCountLabel()->text(), QStringLiteral("1 customer(s) at risk"));
    QVERIFY(page->atRiskEmptyText().isEmpty());
}

void TestRetentionPage::filtersNarrowTheList_data()
{
    QTest::addColumn<QString>("band");
    QTest::addColumn<QString>("segment");
    QTest::addColumn<int>("tasks");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("high") << "high" << "" << int(AtRiskFilter::Tasks::Any) << QStringList{"陈静"};
    QTest::newRow("high and medium") << "" << "" << int(AtRiskFilter::Tasks::Any) << QStringList{"陈静", "王强"};
    QTest::newRow("medium") << "medium" << "" << int(AtRiskFilter::Tasks::Any) << QStringList{"王强"};
    QTest::newRow("young") << "" << "young" << int(AtRiskFilter::Tasks::Any) << QStringList{"王强"};
    QTest::newRow("with a task") << "" << "" << int(AtRiskFilter::Tasks::WithOpenTask) << QStringList{"陈静"};
    QTest::newRow("without a task") << "" << "" << int(AtRiskFilter::Tasks::WithoutTask) << QStringList{"王强"};
    QTest::newRow("nobody") << "high" << "silent" << int(AtRiskFilter::Tasks::Any) << QStringList{};
}

void TestRetentionPage::filtersNarrowTheList()
{
    QFETCH(QString, band);
    QFETCH(QString, segment);
    QFETCH(int, tasks);
    QFETCH(QStringList, names);
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    choose(page->bandFilter(), band);
    choose(page->segmentFilter(), segment);
    choose(page->taskFilter(), tasks);
    QStringList shown;
    for (int r = 0; r < page->atRiskModel()->rowCount(); ++r)
        shown << page->atRiskModel()->row(r).name;
    QCOMPARE(shown, names);
    QCOMPARE(page->atRiskTable()->isShowingEmptyText(), names.isEmpty());
    if (names.isEmpty())
        QCOMPARE(page->atRiskEmptyText(), QStringLiteral("No customer at this risk matches these filters."));
}

void TestRetentionPage::enterOpensTheCustomer()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    QSignalSpy open(page.get(), &RetentionPage::openCustomerRequested);
    QTableView* view = page->atRiskTable()->view();
    const QRect rect = view->visualRect(view->model()->index(0, AtRiskListModel::NameColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(page->reassignButton()->isEnabled());
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().at(0).toString(), m_s->gui().chenJing);
}

void TestRetentionPage::longListsLoadPageByPage()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    page->setPageSize(1);
    choose(page->bandFilter(), QString()); // high and medium: 陈静 and 王强
    QCOMPARE(page->atRiskModel()->rowCount(), 1);
    QCOMPARE(page->atRiskTotal(), 2);
    QCOMPARE(page->atRiskCountLabel()->text(), QStringLiteral("2 customer(s) at risk, 1 shown (scroll for more)"));
    QSignalSpy reset(page->atRiskModel(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(page->atRiskModel(), &QAbstractItemModel::rowsInserted);
    QVERIFY(page->fetchMoreAtRisk());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(page->atRiskModel()->rowCount(), 2);
    QCOMPARE(page->atRiskModel()->row(1).name, QStringLiteral("王强"));
    QCOMPARE(page->atRiskCountLabel()->text(), QStringLiteral("2 customer(s) at risk"));
    QVERIFY(!page->fetchMoreAtRisk());
    // A refresh keeps what was shown; other filters start from the first page.
    page->reload();
    QCOMPARE(page->atRiskModel()->rowCount(), 2);
    choose(page->taskFilter(), int(AtRiskFilter::Tasks::Any));
    QCOMPARE(page->atRiskModel()->rowCount(), 1);
}

void TestRetentionPage::headerClicksSortTheWholeList()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    page->setPageSize(1);
    choose(page->bandFilter(), QString()); // 陈静 (72 %) and 王强 (31 %)
    QHeaderView* header = page->atRiskTable()->view()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(AtRiskListModel::ProbabilityColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(page->atRiskModel()->row(0).name, QStringLiteral("陈静"));
    const auto click = [header](int column) {
        const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    };

    // A first click on the name sorts A to Z by code point (王 U+738B before 陈 U+9648): the whole list,
    // read again from its first page, not just the row shown.
    click(AtRiskListModel::NameColumn);
    QCOMPARE(page->atRiskModel()->sortKey(), AtRiskFilter::Sort::Name);
    QVERIFY(page->atRiskModel()->sortAscending());
    QCOMPARE(page->atRiskModel()->rowCount(), 1);
    QCOMPARE(page->atRiskModel()->row(0).name, QStringLiteral("王强"));
    QVERIFY(page->fetchMoreAtRisk());
    QCOMPARE(page->atRiskModel()->row(1).name, QStringLiteral("陈静"));
    // Again: Z to A.
    click(AtRiskListModel::NameColumn);
    QVERIFY(!page->atRiskModel()->sortAscending());
    QCOMPARE(page->atRiskModel()->row(0).name, QStringLiteral("陈静"));

    // A column without a sort key changes nothing, and the indicator stays where the order is.
    QSignalSpy reset(page->atRiskModel(), &QAbstractItemModel::modelReset);
    click(AtRiskListModel::ReasonColumn);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(header->sortIndicatorSection(), int(AtRiskListModel::NameColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);

    // Probability starts from the highest.
    click(AtRiskListModel::ProbabilityColumn);
    QCOMPARE(page->atRiskModel()->sortKey(), AtRiskFilter::Sort::Probability);
    QVERIFY(!page->atRiskModel()->sortAscending());
    QCOMPARE(page->atRiskModel()->row(0).name, QStringLiteral("陈静"));
    click(AtRiskListModel::ProbabilityColumn);
    QCOMPARE(page->atRiskModel()->row(0).name, QStringLiteral("王强"));
    // Filters keep the order chosen.
    choose(page->taskFilter(), int(AtRiskFilter::Tasks::Any));
    QCOMPARE(page->atRiskModel()->row(0).name, QStringLiteral("王强"));
}

void TestRetentionPage::scoreAgainAsksForAFullRun()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    QVERIFY(page->rescoreButton()->isVisible());
    QSignalSpy asked(page.get(), &RetentionPage::rescoreRequested);
    QTest::mouseClick(page->rescoreButton(), Qt::LeftButton);
    QCOMPARE(asked.count(), 1);
}

void TestRetentionPage::exportWritesTheWholeFilteredList()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    QVERIFY(page->exportButton()->isVisible());
    page->setPageSize(1);
    choose(page->bandFilter(), QString()); // 陈静 and 王强; one row read so far
    QCOMPARE(page->atRiskModel()->rowCount(), 1);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("at-risk.csv"));
    QSignalSpy said(page.get(), &RetentionPage::message);
    QVERIFY(page->exportAtRisk(path));
    QCOMPARE(said.count(), 1);
    QCOMPARE(said.first().at(0).toString(),
             QStringLiteral("Exported 2 customer(s) to %1.").arg(QDir::toNativeSeparators(path)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll().mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("陈静,139****5678,High,72 %,")), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).startsWith(QStringLiteral("王强,")), qPrintable(lines.at(2)));
    // A folder that is not there: nothing written, and the message says where.
    const QString nowhere = dir.filePath(QStringLiteral("gone/at-risk.csv"));
    QVERIFY(!page->exportAtRisk(nowhere));
    QVERIFY2(said.last().at(0).toString().startsWith(QStringLiteral("The at-risk list was not exported: ")),
             qPrintable(said.last().at(0).toString()));
    QVERIFY(said.last().at(0).toString().contains(QDir::toNativeSeparators(nowhere)));
}

void TestRetentionPage::summarySaysWhatCameOfThisMonthsTasks()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    QCOMPARE(page->summaryLabel()->text(), QStringLiteral("Retention this month: 1 task(s) opened, 1 still open"));
    onNextModal<RecordOutcomeDialog>([](RecordOutcomeDialog* dialog) {
        dialog->setOutcome(QStringLiteral("accepted"));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
    });
    page->showMyTasks();
    page->taskTable()->view()->selectRow(0);
    QVERIFY(page->recordOutcome());
    page->reload();
    QCOMPARE(page->summaryLabel()->text(),
             QStringLiteral("Retention this month: 1 task(s) opened, 0 still open"
                            " · of 1 worked, 1 accepted (100 %), 0 declined, 0 not reached, 0 left"));
}

void TestRetentionPage::aSteadyStreamOfNotificationsStillReloads()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    QVERIFY(page->reloadDelayMs() >= 300);
    QSignalSpy reset(page->atRiskModel(), &QAbstractItemModel::modelReset);
    // A notification every 100 ms for 1.2 s: a delay restarted by each would never have read the list.
    for (int i = 0; i < 12; ++i) {
        page->scoresChanged({});
        QTest::qWait(100);
    }
    QVERIFY2(reset.count() >= 2, qPrintable(QString::number(reset.count())));
    QVERIFY(reset.count() <= 5);
}

void TestRetentionPage::supervisorReassignsATask()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    QVERIFY(!page->reassignButton()->isEnabled()); // nothing selected
    page->atRiskTable()->view()->selectRow(0);
    QVERIFY(page->reassignButton()->isEnabled());
    QSignalSpy changed(page.get(), &RetentionPage::retentionTaskChanged);
    onNextModal<QDialog>([this](QDialog* dialog) {
        auto* list = dialog->findChild<QListWidget*>(QStringLiteral("agentList"));
        QVERIFY(list);
        QList<QListWidgetItem*> found = list->findItems(QStringLiteral("孙丽"), Qt::MatchStartsWith);
        QCOMPARE(found.size(), 1);
        list->setCurrentItem(found.first());
        QCOMPARE(found.first()->data(Qt::UserRole).toString(), m_s->retentionAgentId);
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    QTest::mouseClick(page->reassignButton(), Qt::LeftButton);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM retention_task WHERE id = ? AND assignee_id = ?"),
                       {m_s->chenTask, m_s->retentionAgentId}),
             1);
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'retention_task' AND entity_id = ?"),
                       {m_s->chenTask}),
             1);
    // The list shows who has it now, and the selection stayed.
    QCOMPARE(page->atRiskModel()->index(0, AtRiskListModel::AssigneeColumn).data().toString(), QStringLiteral("孙丽"));
    QVERIFY(page->atRiskTable()->view()->currentIndex().isValid());

    // A task someone holds can go back to the queue.
    onNextModal<QDialog>([](QDialog* dialog) {
        auto* list = dialog->findChild<QListWidget*>(QStringLiteral("agentList"));
        QVERIFY(list);
        const QList<QListWidgetItem*> back = list->findItems(QStringLiteral("Back to the queue"), Qt::MatchStartsWith);
        QCOMPARE(back.size(), 1);
        QVERIFY(back.first()->data(Qt::UserRole).toString().isEmpty());
        list->setCurrentItem(back.first());
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    QVERIFY(page->reassign());
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM retention_task WHERE id = ? AND assignee_id IS NULL"),
                       {m_s->chenTask}),
             1);
    QCOMPARE(page->atRiskModel()->index(0, AtRiskListModel::AssigneeColumn).data().toString(),
             QStringLiteral("In the queue"));
}

void TestRetentionPage::agentSeesOnlyTheirTasks()
{
    auto page = makePage(m_s->retentionAgentSession());
    QVERIFY(page);
    QVERIFY(!page->showsAtRiskList());
    QCOMPARE(page->tabs()->count(), 1);
    QVERIFY(!page->findChild<QTableView*>(QStringLiteral("atRiskView")));
    QVERIFY(!page->bandFilter());
    RetentionTaskListModel* tasks = page->taskModel();
    QAbstractItemModelTester tester(tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The queue's task: she is of the retention team.
    QCOMPARE(tasks->rowCount(), 1);
    QCOMPARE(tasks->taskId(0), m_s->chenTask);
    QCOMPARE(tasks->index(0, RetentionTaskListModel::NameColumn).data().toString(), QStringLiteral("陈静"));
    QCOMPARE(tasks->index(0, RetentionTaskListModel::OfferColumn).data().toString(),
             QStringLiteral("10GB data pack free for 3 months"));
    QCOMPARE(tasks->index(0, RetentionTaskListModel::AssigneeColumn).data().toString(),
             QStringLiteral("Queue: Retention team"));
    QVERIFY(!page->takeTaskButton()->isEnabled());
    page->taskTable()->view()->selectRow(0);
    QVERIFY(page->takeTaskButton()->isEnabled());
    QVERIFY(page->takeTask());
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM retention_task WHERE id = ? AND assignee_id = ?"),
                       {m_s->chenTask, m_s->retentionAgentId}),
             1);
    QCOMPARE(tasks->rowCount(), 1);
    QCOMPARE(tasks->index(0, RetentionTaskListModel::AssigneeColumn).data().toString(), QStringLiteral("孙丽"));
    QVERIFY(!page->takeTaskButton()->isEnabled());

    // An agent outside the team does not see the queue's task.
    auto other = makePage(m_s->agentSession());
    QVERIFY(other);
    QCOMPARE(other->taskModel()->rowCount(), 0);
    QVERIFY(other->taskTable()->isShowingEmptyText());
}

void TestRetentionPage::agentRecordsAnOutcomeFromTheList()
{
    auto page = makePage(m_s->retentionAgentSession());
    QVERIFY(page);
    page->taskTable()->view()->selectRow(0);
    QSignalSpy message(page.get(), &RetentionPage::message);
    onNextModal<RecordOutcomeDialog>([](RecordOutcomeDialog* dialog) {
        dialog->setOutcome(QStringLiteral("accepted"));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
    });
    QTest::mouseClick(page->recordOutcomeButton(), Qt::LeftButton);
    QTRY_COMPARE(message.count(), 1);
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM retention_task WHERE id = ? AND outcome = 'accepted' "
                                       "AND status = 'done'"),
                       {m_s->chenTask}),
             1);
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'retention_task' AND entity_id = ?"),
                       {m_s->chenTask}),
             1);
    // Done: off the list of open tasks.
    QCOMPARE(page->taskModel()->rowCount(), 0);
}

void TestRetentionPage::emptyStatesSayWhy()
{
    // Nothing at high risk: the list says so.
    {
        QSqlQuery q(m_s->store()->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE customer_score SET band = 'medium' WHERE band = 'high'")));
    }
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page);
    QCOMPARE(page->atRiskModel()->rowCount(), 0);
    QVERIFY(page->atRiskTable()->isShowingEmptyText());
    QCOMPARE(page->atRiskEmptyText(),
             QStringLiteral("Nothing at risk: no customer is at high risk of leaving right now."));

    // Not scored at all: the lists say that scoring has not run.
    {
        QSqlQuery q(m_s->store()->connection());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM customer_score")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM retention_task")));
    }
    page->reload();
    QVERIFY(page->atRiskEmptyText().startsWith(QStringLiteral("Not scored yet")));
    QVERIFY(page->taskEmptyText().startsWith(QStringLiteral("Not scored yet")));
    QVERIFY(page->taskTable()->isShowingEmptyText());
}

QTEST_MAIN(TestRetentionPage)
#include "tst_retentionpage.moc"
