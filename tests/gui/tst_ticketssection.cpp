#include "GuiScenario.h"
#include "MainWindow.h"
#include "customer/CustomerPanel.h"
#include "itemmodels/TicketQueueModel.h"
#include "tickets/AssignmentService.h"
#include "tickets/TicketEditor.h"
#include "tickets/TicketQueuePage.h"
#include "tickets/TicketService.h"
#include "tickets/TicketsSection.h"

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

/// The Tickets section inside the main window: navigation between the queue, the editor and the 360°
/// panel, and what a sync does to what the agent is looking at.
class TestTicketsSection : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void ticketsAreASectionOfTheirOwn();
    void panelOpensTheTicketAndTheEditorLeadsBack();
    void queueOpensTheEditorAndBackKeepsTheSelection();
    void syncKeepsTheSelectionWithoutAReset();
    void editorWriteUpdatesTheQueueRow();

private:
    QString create(const QString& title) const;

    std::unique_ptr<GuiScenario> m_s;
    std::unique_ptr<MainWindow> m_window;
    QString m_first;
    QString m_second;
};

void TestTicketsSection::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

QString TestTicketsSection::create(const QString& title) const
{
    TicketService::NewTicket t;
    t.customerId = m_s->chenJing;
    t.kind = QStringLiteral("inquiry");
    t.priority = 3;
    t.channel = QStringLiteral("app");
    t.title = title;
    const Result<QString> id = TicketService(m_s->store(), m_s->agentSession()).create(t);
    return id ? id.value() : QString();
}

void TestTicketsSection::init()
{
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("UPDATE agent SET skills = 'complaint,fault,inquiry' WHERE id = ?"));
    q.addBindValue(m_s->agentId);
    QVERIFY(q.exec());
    m_first = create(QStringLiteral("套餐资费咨询"));
    m_second = create(QStringLiteral("发票开具"));
    QVERIFY(!m_first.isEmpty() && !m_second.isEmpty());
    QVERIFY(AssignmentService(m_s->store()).take(m_first, m_s->agentSession()).ok());
    QVERIFY(AssignmentService(m_s->store()).take(m_second, m_s->agentSession()).ok());
    m_window = std::make_unique<MainWindow>(m_s->store(), m_s->agentSession(), MainWindow::Options{});
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestTicketsSection::cleanup()
{
    m_window.reset();
    m_s.reset();
}

void TestTicketsSection::ticketsAreASectionOfTheirOwn()
{
    TicketQueuePage* queue = m_window->ticketsSection()->queue();
    QVERIFY(!queue->isLoaded()); // nothing read until the agent goes there
    m_window->navigation()->setCurrentRow(1);
    QVERIFY(queue->isVisible());
    QVERIFY(queue->isLoaded());
    QCOMPARE(queue->model()->rowCount(), 2);
}

void TestTicketsSection::panelOpensTheTicketAndTheEditorLeadsBack()
{
    QVERIFY(m_window->openCustomer(m_s->chenJing).ok());
    emit m_window->customerPanel()->openTicketRequested(m_first);
    TicketEditor* editor = m_window->ticketsSection()->editor();
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->ticketId(), m_first);
    QCOMPARE(m_window->navigation()->currentRow(), 1);

    emit editor->customerLink()->linkActivated(QStringLiteral("open"));
    QVERIFY(m_window->isShowingCustomer());
    QCOMPARE(m_window->navigation()->currentRow(), 0);
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->chenJing);
}

void TestTicketsSection::queueOpensTheEditorAndBackKeepsTheSelection()
{
    m_window->showTickets();
    TicketQueuePage* queue = m_window->ticketsSection()->queue();
    QVERIFY(queue->selectTicket(m_second));
    queue->view()->setFocus();
    QTest::keyClick(queue->view(), Qt::Key_Return);
    QVERIFY(m_window->ticketsSection()->isShowingEditor());
    QCOMPARE(m_window->ticketsSection()->editor()->ticketId(), m_second);
    emit m_window->ticketsSection()->editor()->backRequested();
    QVERIFY(!m_window->ticketsSection()->isShowingEditor());
    QCOMPARE(queue->currentTicketId(), m_second);
}

void TestTicketsSection::syncKeepsTheSelectionWithoutAReset()
{
    m_window->showTickets();
    TicketQueuePage* queue = m_window->ticketsSection()->queue();
    QVERIFY(queue->selectTicket(m_second));
    // The server changed the other ticket's title; the pull wrote it straight to the store.
    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("UPDATE ticket SET title = ? WHERE id = ?"));
    q.addBindValue(QStringLiteral("套餐资费咨询（已更新）"));
    q.addBindValue(m_first);
    QVERIFY(q.exec());
    QSignalSpy resets(queue->model(), &QAbstractItemModel::modelReset);
    m_window->refreshFromSync({QStringLiteral("ticket")});
    const int row = queue->model()->rowOfTicket(m_first);
    QTRY_COMPARE(queue->model()->index(row, TicketQueueModel::TitleColumn).data().toString(),
                 QStringLiteral("套餐资费咨询（已更新）"));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(queue->currentTicketId(), m_second);
}

void TestTicketsSection::editorWriteUpdatesTheQueueRow()
{
    QVERIFY(m_window->openTicket(m_first).ok());
    TicketEditor* editor = m_window->ticketsSection()->editor();
    TicketQueuePage* queue = m_window->ticketsSection()->queue();
    QVERIFY(queue->isLoaded() || queue->load().ok());
    QSignalSpy resets(queue->model(), &QAbstractItemModel::modelReset);
    TransitionInput start;
    QVERIFY(editor->takeStep(QStringLiteral("in_progress"), start).ok());
    const int row = queue->model()->rowOfTicket(m_first);
    QVERIFY(row >= 0);
    QCOMPARE(queue->model()->index(row, TicketQueueModel::StatusColumn).data().toString(), QStringLiteral("In progress"));
    QCOMPARE(resets.count(), 0);
}

QTEST_MAIN(TestTicketsSection)
#include "tst_ticketssection.moc"
