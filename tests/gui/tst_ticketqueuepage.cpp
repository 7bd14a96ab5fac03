#include "Fixtures.h"
#include "GuiScenario.h"
#include "itemmodels/TicketQueueModel.h"
#include "tickets/AssignmentService.h"
#include "tickets/SlaDelegate.h"
#include "tickets/TicketQueuePage.h"
#include "tickets/TicketService.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabBar>
#include <QTableView>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

using Scope = TicketQueueFilter::Scope;

class TestTicketQueuePage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheAgentsTickets();
    void scopeAndSearchChangeTheRows();
    void kindFilterAndIncludeClosed();
    void headerClickSortsByTheColumnsKey();
    void takeUpdatesTheRowWithoutAResetAndKeepsTheSelection();
    void takeRefusedIsShown();
    void supervisorAssignsSeveralAtOnce();
    void openEmitsTheSelectedTicket();
    void slaCellIsPaintedByTheDelegate();
    void supervisorHearsOfEscalations();

private:
    QString create(const QString& customerId, const QString& kind, const QString& title) const;
    bool exec(const QString& sql, const QVariantList& binds) const;
    QVariant scalar(const QString& sql, const QVariantList& binds) const;
    int rowOf(const QString& ticketId) const { return m_page->model()->rowOfTicket(ticketId); }
    void select(const QString& ticketId);
    Session supervisorSession() const;

    std::unique_ptr<GuiScenario> m_s;
    std::unique_ptr<TicketQueuePage> m_page;
    QString m_supervisorId;
    QString m_mine;        ///< complaint, taken by the agent
    QString m_unassigned;  ///< complaint in the complaints queue, nobody has it
    QString m_fault;       ///< fault in the network queue, unassigned
};

void TestTicketQueuePage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

bool TestTicketQueuePage::exec(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(m_s->store()->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    return q.exec();
}

QVariant TestTicketQueuePage::scalar(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(m_s->store()->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return QVariant();
    return q.value(0);
}

QString TestTicketQueuePage::create(const QString& customerId, const QString& kind, const QString& title) const
{
    TicketService::NewTicket t;
    t.customerId = customerId;
    t.kind = kind;
    t.priority = 2;
    t.channel = QStringLiteral("hotline");
    t.title = title;
    const Result<QString> id = TicketService(m_s->store(), m_s->agentSession()).create(t);
    if (!id)
        qWarning() << "cannot create the ticket" << title << id.errorMessage();
    return id ? id.value() : QString();
}

Session TestTicketQueuePage::supervisorSession() const
{
    Session s;
    s.agentId = m_supervisorId;
    s.login = QStringLiteral("super01");
    s.displayName = QStringLiteral("SUPER01");
    s.role = Role::Supervisor;
    return s;
}

void TestTicketQueuePage::init()
{
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
    // The agent serves complaints and faults; a supervisor may assign.
    QVERIFY(exec(QStringLiteral("UPDATE agent SET skills = 'complaint,fault,inquiry' WHERE id = ?"), {m_s->agentId}));
    m_supervisorId = Fixtures(m_s->store()).addAgent(QStringLiteral("super01"), QStringLiteral("supervisor"));
    QVERIFY(!m_supervisorId.isEmpty());
    QVERIFY(exec(QStringLiteral("UPDATE agent SET skills = 'complaint,fault,inquiry' WHERE id = ?"), {m_supervisorId}));

    m_mine = create(m_s->chenJing, QStringLiteral("complaint"), QStringLiteral("宽带频繁掉线"));
    m_unassigned = create(m_s->wangQiang, QStringLiteral("complaint"), QStringLiteral("话费扣费有误"));
    m_fault = create(m_s->wangXiaoming, QStringLiteral("fault"), QStringLiteral("家中无信号"));
    QVERIFY(!m_mine.isEmpty() && !m_unassigned.isEmpty() && !m_fault.isEmpty());
    const Status taken = AssignmentService(m_s->store()).take(m_mine, m_s->agentSession());
    QVERIFY2(taken.ok(), qPrintable(taken.errorMessage()));

    m_page = std::make_unique<TicketQueuePage>(m_s->store(), m_s->agentSession());
    m_page->resize(1280, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(m_page->isLoaded());
}

void TestTicketQueuePage::cleanup()
{
    m_page.reset();
    m_s.reset();
}

void TestTicketQueuePage::select(const QString& ticketId)
{
    QVERIFY(m_page->selectTicket(ticketId));
    QCOMPARE(m_page->currentTicketId(), ticketId);
}

void TestTicketQueuePage::showsTheAgentsTickets()
{
    QCOMPARE(m_page->scope(), Scope::Mine);
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->ticketId(0), m_mine);
    // The scope tabs count: one of mine, two unassigned in the queues the agent serves.
    QCOMPARE(m_page->scopeCount(Scope::Mine), 1);
    QCOMPARE(m_page->scopeCount(Scope::Unassigned), 2);
    QVERIFY(m_page->scopeBar()->tabText(int(Scope::Mine)).contains(QStringLiteral("(1)")));
    // Sorted by SLA due by default.
    QCOMPARE(m_page->model()->sortKey(), TicketQueueModel::SortKey::SlaDue);
}

void TestTicketQueuePage::scopeAndSearchChangeTheRows()
{
    m_page->setScope(Scope::Unassigned);
    QCOMPARE(m_page->model()->rowCount(), 2);
    QVERIFY(rowOf(m_unassigned) >= 0);
    QVERIFY(rowOf(m_fault) >= 0);
    QCOMPARE(rowOf(m_mine), -1);

    m_page->setScope(Scope::All);
    const int all = m_page->model()->rowCount();
    QVERIFY2(all >= 3, qPrintable(QString::number(all)));

    // Search by the customer's name.
    m_page->setSearchText(QStringLiteral("王小明"));
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->ticketId(0), m_fault);
    m_page->setSearchText(QString());
    QCOMPARE(m_page->model()->rowCount(), all);

    // The field waits for a pause in typing, then applies.
    typeText(m_page->searchEdit(), QStringLiteral("话费"));
    QTRY_COMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->ticketId(0), m_unassigned);
}

void TestTicketQueuePage::kindFilterAndIncludeClosed()
{
    m_page->setScope(Scope::All);
    m_page->kindBox()->setCurrentIndex(m_page->kindBox()->findData(QStringLiteral("fault")));
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->ticketId(0), m_fault);
    m_page->kindBox()->setCurrentIndex(0);

    // The scenario's closed ticket shows only with "include closed".
    QCOMPARE(rowOf(m_s->closedTicket), -1);
    m_page->includeClosedBox()->setChecked(true);
    QVERIFY(rowOf(m_s->closedTicket) >= 0);
}

void TestTicketQueuePage::headerClickSortsByTheColumnsKey()
{
    m_page->setScope(Scope::All);
    QHeaderView* header = m_page->view()->horizontalHeader();
    const int x = header->sectionViewportPosition(TicketQueueModel::PriorityColumn) + 5;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(m_page->model()->sortKey(), TicketQueueModel::SortKey::Priority);
    const QModelIndex first = m_page->model()->index(0, TicketQueueModel::PriorityColumn);
    const QModelIndex last = m_page->model()->index(m_page->model()->rowCount() - 1, TicketQueueModel::PriorityColumn);
    QVERIFY(first.data(ItemRoles::SortRole).toInt() <= last.data(ItemRoles::SortRole).toInt()
            || m_page->model()->sortOrder() == Qt::DescendingOrder);
}

void TestTicketQueuePage::takeUpdatesTheRowWithoutAResetAndKeepsTheSelection()
{
    m_page->setScope(Scope::All);
    select(m_unassigned);
    const int row = rowOf(m_unassigned);
    const QModelIndex assignee = m_page->model()->index(row, TicketQueueModel::AssigneeColumn);
    QVERIFY(!assignee.data().toString().contains(QStringLiteral("刘洋")));

    QSignalSpy resets(m_page->model(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_page->model(), &QAbstractItemModel::dataChanged);
    QSignalSpy moved(m_page->model(), &QAbstractItemModel::rowsMoved);
    QSignalSpy written(m_page.get(), &TicketQueuePage::localChangeWritten);
    QVERIFY(m_page->takeAction()->isEnabled());
    m_page->takeAction()->trigger();

    QCOMPARE(m_page->messageText(), QStringLiteral("1 ticket(s) assigned to you."));
    QCOMPARE(resets.count(), 0);
    // The row said so itself: its cells changed, or it moved to its new place.
    QVERIFY(changed.count() + moved.count() >= 1);
    QCOMPARE(written.count(), 1);
    QCOMPARE(m_page->currentTicketId(), m_unassigned);
    const int now = rowOf(m_unassigned);
    QVERIFY(now >= 0);
    QCOMPARE(m_page->model()->index(now, TicketQueueModel::AssigneeColumn).data().toString(), QStringLiteral("刘洋"));

    // Written through the outbox.
    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("SELECT assignee_id FROM ticket WHERE id = ?"));
    q.addBindValue(m_unassigned);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), m_s->agentId);
    // Mine counts two now.
    QCOMPARE(m_page->scopeCount(Scope::Mine), 2);
}

void TestTicketQueuePage::takeRefusedIsShown()
{
    // A clerk's session may not take tickets; the agent may not take someone else's.
    m_page.reset();
    Session other = m_s->agentSession();
    other.agentId = m_supervisorId; // pretend to be another agent (role agent)
    m_page = std::make_unique<TicketQueuePage>(m_s->store(), other);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->setScope(Scope::All);
    select(m_mine);
    QSignalSpy resets(m_page->model(), &QAbstractItemModel::modelReset);
    const Status taken = m_page->takeSelected();
    QVERIFY(!taken.ok());
    QCOMPARE(m_page->messageText(), taken.errorMessage());
    QCOMPARE(resets.count(), 0);
}

void TestTicketQueuePage::supervisorAssignsSeveralAtOnce()
{
    m_page.reset();
    m_page = std::make_unique<TicketQueuePage>(m_s->store(), supervisorSession());
    m_page->resize(1280, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(m_page->assignAction()->isVisible());
    m_page->setScope(Scope::Unassigned);
    // A supervisor sees the unassigned tickets of every queue: the scenario's two without one too.
    QCOMPARE(m_page->model()->rowCount(), 4);
    QItemSelectionModel* selection = m_page->view()->selectionModel();
    // The queue selects its first row by itself; the supervisor picks two.
    QCOMPARE(selection->selectedRows().size(), 1);
    selection->clearSelection();
    for (const QString& id : {m_unassigned, m_fault})
        selection->select(m_page->view()->model()->index(rowOf(id), 0),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(m_page->selectedTicketIds().size(), 2);
    QSignalSpy resets(m_page->model(), &QAbstractItemModel::modelReset);
    const Status assigned = m_page->assignSelectedTo(m_s->agentId);
    QVERIFY2(assigned.ok(), qPrintable(assigned.errorMessage()));
    QCOMPARE(resets.count(), 0);
    // Both left the unassigned scope, one by one.
    QCOMPARE(m_page->model()->rowCount(), 2);
    QCOMPARE(rowOf(m_unassigned), -1);
    QCOMPARE(rowOf(m_fault), -1);
    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM ticket WHERE assignee_id = ? AND id IN (?, ?)"));
    q.addBindValue(m_s->agentId);
    q.addBindValue(m_unassigned);
    q.addBindValue(m_fault);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

void TestTicketQueuePage::openEmitsTheSelectedTicket()
{
    QSignalSpy open(m_page.get(), &TicketQueuePage::openTicketRequested);
    select(m_mine);
    m_page->view()->setFocus();
    QTest::keyClick(m_page->view(), Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), m_mine);
}

void TestTicketQueuePage::slaCellIsPaintedByTheDelegate()
{
    QCOMPARE(m_page->view()->itemDelegateForColumn(TicketQueueModel::SlaColumn),
             static_cast<QAbstractItemDelegate*>(m_page->slaDelegate()));
    QTRY_VERIFY(m_page->passesShown() >= 1);
    const QModelIndex sla = m_page->view()->model()->index(rowOf(m_mine), TicketQueueModel::SlaColumn);
    QVERIFY2(!sla.data(TicketQueueModel::SlaStateRole).toString().isEmpty(), qPrintable(sla.data().toString()));
    // A P2 complaint runs on the 24×7 clock: just opened, it is running.
    QCOMPARE(m_page->slaDelegate()->lookOf(sla), SlaDelegate::Look::Running);
    // Far past its due time, the running clock reads as breached before the next recompute.
    m_page->slaDelegate()->setNow(QDateTime::currentDateTimeUtc().addDays(30).toMSecsSinceEpoch());
    QCOMPARE(m_page->slaDelegate()->lookOf(sla), SlaDelegate::Look::Breached);
}

void TestTicketQueuePage::supervisorHearsOfEscalations()
{
    // The agent's page never shows the bell.
    QVERIFY(!m_page->escalationButton()->isVisible());
    m_page.reset();
    m_page = std::make_unique<TicketQueuePage>(m_s->store(), supervisorSession());
    m_page->resize(1280, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->passesShown() >= 1, 20000);
    // The scenario's complaint open for weeks has been escalated to supervisors.
    QVERIFY(m_page->escalationButton()->isVisible());
    const int unseen = m_page->unseenEscalations();
    QVERIFY2(unseen >= 1, qPrintable(QString::number(unseen)));
    QCOMPARE(m_page->escalationButton()->text(), QStringLiteral("Escalations (%1)").arg(unseen));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ?"), {m_s->openTicketOld}).toInt() >= 1,
             true);
    QSignalSpy open(m_page.get(), &TicketQueuePage::openTicketRequested);
    QAction* first = m_page->escalationButton()->menu()->actions().value(0);
    QVERIFY(first && first->isEnabled());
    first->trigger();
    QCOMPARE(open.count(), 1);
    QCOMPARE(m_page->unseenEscalations(), unseen - 1);
}

QTEST_MAIN(TestTicketQueuePage)
#include "tst_ticketqueuepage.moc"
