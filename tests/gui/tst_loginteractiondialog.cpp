#include "GuiScenario.h"
#include "Fixtures.h"
#include "SectionTable.h"
#include "customer/CustomerPanel.h"
#include "customer/LogInteractionDialog.h"
#include "customer/TimelineSection.h"
#include "itemmodels/InteractionListModel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

#include <functional>

using namespace telcodesk;
using namespace telcodesk::test;

class TestLogInteractionDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void writesOneInteractionAndOneOutboxRow();
    void emptySummaryRefusedWithAMessage();
    void tooLongSummaryRefusedAndCounterWarns();
    void ctrlLFromThePanelLogsAndShowsItOnTop();
    void cancelWritesNothing();

private:
    int count(const QString& table) const { return Fixtures(m_s->store()).count(table); }
    /// Runs `work` on the next modal dialog once it is open.
    static void onNextDialog(std::function<void(LogInteractionDialog*)> work);

    std::unique_ptr<GuiScenario> m_s;
};

void TestLogInteractionDialog::initTestCase()
{
    // As the application does for --lang en: numbers with digit grouping.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestLogInteractionDialog::init()
{
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
}

void TestLogInteractionDialog::cleanup()
{
    m_s.reset();
}

void TestLogInteractionDialog::onNextDialog(std::function<void(LogInteractionDialog*)> work)
{
    onNextModal<LogInteractionDialog>(std::move(work));
}

void TestLogInteractionDialog::writesOneInteractionAndOneOutboxRow()
{
    const int interactionsBefore = count(QStringLiteral("interaction"));
    const int outboxBefore = count(QStringLiteral("outbox"));
    LogInteractionDialog dialog(m_s->store(), m_s->agentSession(), m_s->chenJing, QStringLiteral("陈静"), {});
    dialog.channelBox()->setCurrentIndex(dialog.channelBox()->findData(QStringLiteral("wechat")));
    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findData(QStringLiteral("complaint")));
    dialog.directionBox()->setCurrentIndex(dialog.directionBox()->findData(QStringLiteral("outbound")));
    typeText(dialog.summaryEdit(), QStringLiteral("回访：网速问题已解决"));
    QCOMPARE(dialog.counterText(), QStringLiteral("10 / 4,000"));
    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.errorText(), QString());
    QCOMPARE(count(QStringLiteral("interaction")), interactionsBefore + 1);
    QCOMPARE(count(QStringLiteral("outbox")), outboxBefore + 1);

    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("SELECT channel, kind, direction, summary, agent_id FROM interaction WHERE id = ?"));
    q.addBindValue(dialog.written().id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wechat"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("complaint"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("outbound"));
    QCOMPARE(q.value(3).toString(), QStringLiteral("回访：网速问题已解决"));
    QCOMPARE(q.value(4).toString(), m_s->agentId);
    q.prepare(QStringLiteral("SELECT entity, op FROM outbox WHERE entity_id = ?"));
    q.addBindValue(dialog.written().id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("interaction"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("insert"));
}

void TestLogInteractionDialog::emptySummaryRefusedWithAMessage()
{
    const int before = count(QStringLiteral("interaction"));
    LogInteractionDialog dialog(m_s->store(), m_s->agentSession(), m_s->chenJing, QStringLiteral("陈静"), {});
    dialog.show();
    typeText(dialog.summaryEdit(), QStringLiteral("   \n  "));
    dialog.save();
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Summary:")), qPrintable(dialog.errorText()));
    QCOMPARE(count(QStringLiteral("interaction")), before);
    QCOMPARE(count(QStringLiteral("outbox")), 0);
    // Fixing it and saving again works.
    typeText(dialog.summaryEdit(), QStringLiteral("查询余额"));
    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(count(QStringLiteral("interaction")), before + 1);
}

void TestLogInteractionDialog::tooLongSummaryRefusedAndCounterWarns()
{
    LogInteractionDialog dialog(m_s->store(), m_s->agentSession(), m_s->chenJing, QStringLiteral("陈静"), {});
    dialog.show();
    dialog.summaryEdit()->setPlainText(QString(4001, QLatin1Char('x')));
    QCOMPARE(dialog.counterText(), QStringLiteral("4,001 / 4,000"));
    dialog.save();
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.errorText().startsWith(QStringLiteral("Summary:")));
    QCOMPARE(count(QStringLiteral("outbox")), 0);
}

void TestLogInteractionDialog::ctrlLFromThePanelLogsAndShowsItOnTop()
{
    CustomerPanel panel(m_s->store(), m_s->agentSession());
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QApplication::setActiveWindow(&panel);
    QVERIFY(panel.showCustomer(m_s->chenJing).ok());
    InteractionListModel* model = panel.interactionsModel();
    QCOMPARE(model->rowCount(), GuiScenario::kChenInteractions);
    // Filter to another channel first: logging clears the filter so that the new row is seen.
    QComboBox* channel = panel.timeline()->channelFilter();
    channel->setCurrentIndex(channel->findData(QStringLiteral("app")));

    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy logged(&panel, &CustomerPanel::interactionLogged);
    onNextDialog([](LogInteractionDialog* dialog) {
        dialog->kindBox()->setCurrentIndex(dialog->kindBox()->findData(QStringLiteral("porting_inquiry")));
        typeText(dialog->summaryEdit(), QStringLiteral("客户询问携号转网"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save), Qt::LeftButton);
    });
    QTest::keyClick(&panel, Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(logged.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model->rowCount(), GuiScenario::kChenInteractions + 1);
    QCOMPARE(panel.timeline()->visibleCount(), GuiScenario::kChenInteractions + 1);
    QAbstractItemModel* shown = panel.timeline()->table()->view()->model();
    QCOMPARE(shown->index(0, InteractionListModel::SummaryColumn).data().toString(), QStringLiteral("客户询问携号转网"));
    QCOMPARE(shown->index(0, InteractionListModel::AgentColumn).data().toString(), QStringLiteral("刘洋"));
    QCOMPARE(shown->index(0, 0).data(ItemRoles::IdRole).toString(), logged.at(0).at(0).toString());

    // What the panel shows is what a fresh load finds.
    QVERIFY(panel.showCustomer(m_s->chenJing).ok());
    QCOMPARE(panel.interactionsModel()->interactionId(0), logged.at(0).at(0).toString());
}

void TestLogInteractionDialog::cancelWritesNothing()
{
    CustomerPanel panel(m_s->store(), m_s->agentSession());
    panel.show();
    QVERIFY(panel.showCustomer(m_s->chenJing).ok());
    onNextDialog([](LogInteractionDialog* dialog) {
        typeText(dialog->summaryEdit(), QStringLiteral("不保存"));
        dialog->reject();
    });
    QVERIFY(!panel.logInteraction());
    QCOMPARE(count(QStringLiteral("interaction")), GuiScenario::kChenInteractions);
    QCOMPARE(count(QStringLiteral("outbox")), 0);
}

QTEST_MAIN(TestLogInteractionDialog)
#include "tst_loginteractiondialog.moc"
