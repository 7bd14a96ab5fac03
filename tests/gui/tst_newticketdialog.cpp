#include "Fixtures.h"
#include "GuiScenario.h"
#include "SectionTable.h"
#include "customer/CustomerPanel.h"
#include "customer/LogInteractionDialog.h"
#include "customer/TimelineSection.h"
#include "itemmodels/SubscriptionListModel.h"
#include "itemmodels/TicketListModel.h"
#include "tickets/NewTicketDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestNewTicketDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensATicketFromThePanel();
    void missingTitleRefusedAndNothingWritten();
    void theLineShownIsPreselected();
    void interactionAndTicketInOneStep();
    void interactionWithoutTicketStaysAsItWas();
    void doubleClickInTheTicketsTabOpensTheEditor();
    void aContactThatOpenedATicketLeadsToIt();

private:
    int count(const QString& table) const { return Fixtures(m_s->store()).count(table); }
    QVariant scalar(const QString& sql, const QVariantList& binds) const;

    std::unique_ptr<GuiScenario> m_s;
    std::unique_ptr<CustomerPanel> m_panel;
};

void TestNewTicketDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

QVariant TestNewTicketDialog::scalar(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(m_s->store()->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return QVariant();
    return q.value(0);
}

void TestNewTicketDialog::init()
{
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
    m_panel = std::make_unique<CustomerPanel>(m_s->store(), m_s->agentSession());
    m_panel->resize(1280, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QVERIFY(m_panel->showCustomer(m_s->chenJing).ok());
}

void TestNewTicketDialog::cleanup()
{
    m_panel.reset();
    m_s.reset();
}

void TestNewTicketDialog::opensATicketFromThePanel()
{
    const int ticketsBefore = count(QStringLiteral("ticket"));
    const int rowsBefore = m_panel->ticketsModel()->rowCount();
    QSignalSpy written(m_panel.get(), &CustomerPanel::ticketsWritten);
    onNextModal<NewTicketDialog>([](NewTicketDialog* dialog) {
        dialog->kindBox()->setCurrentIndex(dialog->kindBox()->findData(QStringLiteral("fault")));
        dialog->priorityBox()->setCurrentIndex(dialog->priorityBox()->findData(2));
        typeText(dialog->titleEdit(), QStringLiteral("No signal at home"));
        typeText(dialog->descriptionEdit(), QStringLiteral("Since yesterday evening"));
        dialog->save();
    });
    QTest::mouseClick(m_panel->newTicketButton(), Qt::LeftButton);
    QCOMPARE(count(QStringLiteral("ticket")), ticketsBefore + 1);
    QCOMPARE(written.count(), 1);
    const QString id = written.at(0).at(0).toStringList().value(0);
    QCOMPARE(scalar(QStringLiteral("SELECT customer_id FROM ticket WHERE id = ?"), {id}).toString(), m_s->chenJing);
    QCOMPARE(scalar(QStringLiteral("SELECT kind || '/' || priority FROM ticket WHERE id = ?"), {id}).toString(),
             QStringLiteral("fault/2"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket' AND entity_id = ?"), {id}).toInt(), 1);
    // The panel shows it in the Tickets tab, selected.
    QCOMPARE(m_panel->ticketsModel()->rowCount(), rowsBefore + 1);
    QCOMPARE(m_panel->tabs()->currentIndex(), int(CustomerPanel::TicketsTab));
    const QModelIndexList selected = m_panel->ticketsTable()->view()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(m_panel->ticketsModel()->ticketId(selected.first().row()), id);
}

void TestNewTicketDialog::missingTitleRefusedAndNothingWritten()
{
    const int before = count(QStringLiteral("ticket"));
    NewTicketDialog dialog(m_s->store(), m_s->agentSession(), m_s->chenJing, QStringLiteral("陈静"), {});
    dialog.save();
    QVERIFY(!dialog.errorText().isEmpty());
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Title")), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.result(), 0);
    QCOMPARE(count(QStringLiteral("ticket")), before);
}

void TestNewTicketDialog::theLineShownIsPreselected()
{
    QTableView* lines = m_panel->findChild<QTableView*>(QStringLiteral("linesView"));
    QVERIFY(lines);
    lines->setCurrentIndex(lines->model()->index(1, 0));
    const QString second = m_panel->linesModel()->subscriptionId(1);
    QString chosen;
    onNextModal<NewTicketDialog>([&chosen](NewTicketDialog* dialog) {
        chosen = dialog->lineBox()->currentData().toString();
        dialog->reject();
    });
    QVERIFY(!m_panel->newTicket());
    QCOMPARE(chosen, second);
}

void TestNewTicketDialog::interactionAndTicketInOneStep()
{
    const int interactions = count(QStringLiteral("interaction"));
    const int tickets = count(QStringLiteral("ticket"));
    LogInteractionDialog dialog(m_s->store(), m_s->agentSession(), m_s->chenJing, QStringLiteral("陈静"), {});
    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findData(QStringLiteral("complaint")));
    // The ticket's kind follows the contact's.
    QCOMPARE(dialog.ticketKindBox()->currentData().toString(), QStringLiteral("complaint"));
    typeText(dialog.summaryEdit(), QStringLiteral("Billed twice for October"));
    dialog.openTicketBox()->setChecked(true);
    QVERIFY(dialog.ticketTitleEdit()->isVisibleTo(&dialog));
    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(count(QStringLiteral("interaction")), interactions + 1);
    QCOMPARE(count(QStringLiteral("ticket")), tickets + 1);
    const QString ticketId = dialog.openedTicketId();
    QVERIFY(!ticketId.isEmpty());
    // Linked, and titled from the summary when no title was typed.
    QCOMPARE(scalar(QStringLiteral("SELECT ticket_id FROM interaction WHERE id = ?"), {dialog.written().id}).toString(), ticketId);
    QCOMPARE(scalar(QStringLiteral("SELECT title FROM ticket WHERE id = ?"), {ticketId}).toString(),
             QStringLiteral("Billed twice for October"));
    QCOMPARE(scalar(QStringLiteral("SELECT kind FROM ticket WHERE id = ?"), {ticketId}).toString(), QStringLiteral("complaint"));
    // Both go to the server, the ticket first.
    QCOMPARE(scalar(QStringLiteral("SELECT group_concat(entity, ',') FROM (SELECT entity FROM outbox WHERE entity_id IN (?, ?) "
                                   "ORDER BY seq)"),
                    {ticketId, dialog.written().id})
                 .toString(),
             QStringLiteral("ticket,interaction"));
}

void TestNewTicketDialog::interactionWithoutTicketStaysAsItWas()
{
    const int tickets = count(QStringLiteral("ticket"));
    LogInteractionDialog dialog(m_s->store(), m_s->agentSession(), m_s->chenJing, QStringLiteral("陈静"), {});
    QVERIFY(!dialog.openTicketBox()->isChecked());
    QVERIFY(!dialog.ticketTitleEdit()->isVisibleTo(&dialog));
    typeText(dialog.summaryEdit(), QStringLiteral("Asked about roaming"));
    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(count(QStringLiteral("ticket")), tickets);
    QVERIFY(dialog.openedTicketId().isEmpty());
    QVERIFY(scalar(QStringLiteral("SELECT ticket_id FROM interaction WHERE id = ?"), {dialog.written().id}).isNull());
}

void TestNewTicketDialog::doubleClickInTheTicketsTabOpensTheEditor()
{
    QSignalSpy open(m_panel.get(), &CustomerPanel::openTicketRequested);
    m_panel->tabs()->setCurrentIndex(CustomerPanel::TicketsTab);
    QTableView* view = m_panel->ticketsTable()->view();
    const int row = m_panel->ticketsModel()->rowOfTicket(m_s->openTicketOld);
    QVERIFY(row >= 0);
    view->setCurrentIndex(view->model()->index(row, TicketListModel::TitleColumn));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), m_s->openTicketOld);
}

void TestNewTicketDialog::aContactThatOpenedATicketLeadsToIt()
{
    QSignalSpy open(m_panel.get(), &CustomerPanel::openTicketRequested);
    QString ticketId;
    onNextModal<LogInteractionDialog>([&ticketId](LogInteractionDialog* dialog) {
        typeText(dialog->summaryEdit(), QStringLiteral("No dial tone"));
        dialog->openTicketBox()->setChecked(true);
        dialog->save();
        ticketId = dialog->openedTicketId();
    });
    QVERIFY(m_panel->logInteraction());
    QVERIFY(!ticketId.isEmpty());
    // The panel lists the new ticket, and the new contact is on top of the timeline.
    QVERIFY(m_panel->ticketsModel()->rowOfTicket(ticketId) >= 0);
    m_panel->tabs()->setCurrentIndex(CustomerPanel::TimelineTab);
    QTableView* view = m_panel->timeline()->table()->view();
    view->setCurrentIndex(view->model()->index(0, 0));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), ticketId);
}

QTEST_MAIN(TestNewTicketDialog)
#include "tst_newticketdialog.moc"
