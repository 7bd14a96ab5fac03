#include "FakeClock.h"
#include "Fixtures.h"
#include "GuiScenario.h"
#include "SectionTable.h"
#include "customer/AddNoteDialog.h"
#include "customer/CustomerPanel.h"
#include "itemmodels/DisplayFormat.h"
#include "itemmodels/NoteListModel.h"
#include "services/NoteService.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestAddNoteDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void writesOneNoteAndOneOutboxRow();
    void emptyNoteRefusedInline();
    void tooLongNoteRefusedAndCounterWarns();
    void buttonInTheNotesTabAddsTheNoteOnTop();
    void shortcutWorksFromAnyTab();
    void cancelWritesNothing();

private:
    int count(const QString& table) const { return Fixtures(m_s->store()).count(table); }
    void showPanel(CustomerPanel& panel);

    std::unique_ptr<GuiScenario> m_s;
    // Now, to the minute: the scenario's note is 30 days old, so a new one is the newest.
    FakeClock m_clock{QDateTime::currentDateTimeUtc().addSecs(-QDateTime::currentDateTimeUtc().time().second())};
};

void TestAddNoteDialog::initTestCase()
{
    // As the application does for --lang en: numbers with digit grouping.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAddNoteDialog::init()
{
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
}

void TestAddNoteDialog::cleanup()
{
    m_s.reset();
}

void TestAddNoteDialog::showPanel(CustomerPanel& panel)
{
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QApplication::setActiveWindow(&panel);
    QVERIFY(panel.showCustomer(m_s->chenJing).ok());
}

void TestAddNoteDialog::writesOneNoteAndOneOutboxRow()
{
    AddNoteDialog dialog(m_s->store(), m_s->agentSession(), m_s->chenJing, QStringLiteral("陈静"), m_clock);
    typeText(dialog.bodyEdit(), QStringLiteral("客户出差，下周再回访"));
    QCOMPARE(dialog.counterText(), QStringLiteral("10 / 4,000"));
    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.errorText(), QString());
    QCOMPARE(dialog.written().body, QStringLiteral("客户出差，下周再回访"));
    QCOMPARE(dialog.written().authorName, QStringLiteral("刘洋"));
    QCOMPARE(count(QStringLiteral("customer_note")), 2);
    QCOMPARE(count(QStringLiteral("outbox")), 1);
    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("SELECT n.body, n.author_id, o.entity, o.op FROM customer_note n "
                             "JOIN outbox o ON o.entity_id = n.id WHERE n.id = ?"));
    q.addBindValue(dialog.written().id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("客户出差，下周再回访"));
    QCOMPARE(q.value(1).toString(), m_s->agentId);
    QCOMPARE(q.value(2).toString(), QStringLiteral("customer_note"));
    QCOMPARE(q.value(3).toString(), QStringLiteral("insert"));
}

void TestAddNoteDialog::emptyNoteRefusedInline()
{
    AddNoteDialog dialog(m_s->store(), m_s->agentSession(), m_s->chenJing, QStringLiteral("陈静"), m_clock);
    dialog.show();
    typeText(dialog.bodyEdit(), QStringLiteral("  \n "));
    dialog.save();
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Note:")), qPrintable(dialog.errorText()));
    QCOMPARE(count(QStringLiteral("customer_note")), 1);
    QCOMPARE(count(QStringLiteral("outbox")), 0);
    // What was typed is kept; finishing it and saving again works.
    typeText(dialog.bodyEdit(), QStringLiteral("偏好短信"));
    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.written().body, QStringLiteral("偏好短信"));
    QCOMPARE(count(QStringLiteral("customer_note")), 2);
}

void TestAddNoteDialog::tooLongNoteRefusedAndCounterWarns()
{
    AddNoteDialog dialog(m_s->store(), m_s->agentSession(), m_s->chenJing, QStringLiteral("陈静"), m_clock);
    dialog.show();
    dialog.bodyEdit()->setPlainText(QString(NoteService::kMaxBodyChars + 1, QLatin1Char('x')));
    QCOMPARE(dialog.counterText(), QStringLiteral("4,001 / 4,000"));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("counterLabel"))->styleSheet().contains(QStringLiteral("#b3261e")));
    dialog.save();
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.errorText().startsWith(QStringLiteral("Note:")));
    QVERIFY(dialog.errorText().contains(QStringLiteral("4000")));
    QCOMPARE(dialog.bodyEdit()->toPlainText().size(), NoteService::kMaxBodyChars + 1);
    QCOMPARE(count(QStringLiteral("outbox")), 0);
}

void TestAddNoteDialog::buttonInTheNotesTabAddsTheNoteOnTop()
{
    CustomerPanel panel(m_s->store(), m_s->agentSession(), m_clock);
    showPanel(panel);
    NoteListModel* notes = panel.notesModel();
    QCOMPARE(notes->rowCount(), 1);
    panel.tabs()->setCurrentIndex(CustomerPanel::NotesTab);
    QVERIFY(panel.addNoteButton()->isVisible());
    QCOMPARE(panel.tabs()->tabText(CustomerPanel::NotesTab), QStringLiteral("Notes (1)"));

    QSignalSpy inserted(notes, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(notes, &QAbstractItemModel::modelReset);
    QSignalSpy added(&panel, &CustomerPanel::noteAdded);
    QSignalSpy written(&panel, &CustomerPanel::localChangeWritten);
    onNextModal<AddNoteDialog>([](AddNoteDialog* dialog) {
        typeText(dialog->bodyEdit(), QStringLiteral("已办理停机保号，三个月后到期"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save), Qt::LeftButton);
    });
    QTest::mouseClick(panel.addNoteButton(), Qt::LeftButton);
    QCOMPARE(added.count(), 1);
    QCOMPARE(written.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(notes->rowCount(), 2);
    QCOMPARE(panel.tabs()->currentIndex(), int(CustomerPanel::NotesTab));
    QCOMPARE(panel.tabs()->tabText(CustomerPanel::NotesTab), QStringLiteral("Notes (2)"));
    QAbstractItemModel* shown = panel.notesTable()->view()->model();
    QCOMPARE(shown->index(0, NoteListModel::BodyColumn).data().toString(), QStringLiteral("已办理停机保号，三个月后到期"));
    QCOMPARE(shown->index(0, NoteListModel::AuthorColumn).data().toString(), QStringLiteral("刘洋"));
    QCOMPARE(shown->index(0, NoteListModel::TimeColumn).data().toString(), DisplayFormat::dateTime(m_clock.nowUtc()));
    QCOMPARE(shown->index(0, 0).data(ItemRoles::IdRole).toString(), added.at(0).at(0).toString());
    QCOMPARE(panel.notesTable()->view()->currentIndex().row(), 0);
    QVERIFY(!panel.notesTable()->isShowingEmptyText());

    // What the panel shows is what a fresh load finds.
    QVERIFY(panel.showCustomer(m_s->chenJing).ok());
    QCOMPARE(panel.notesModel()->noteId(0), added.at(0).at(0).toString());
    QCOMPARE(panel.notesModel()->rowCount(), 2);
}

void TestAddNoteDialog::shortcutWorksFromAnyTab()
{
    CustomerPanel panel(m_s->store(), m_s->agentSession(), m_clock);
    showPanel(panel);
    QCOMPARE(panel.tabs()->currentIndex(), int(CustomerPanel::TimelineTab));
    QCOMPARE(panel.addNoteAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    QSignalSpy added(&panel, &CustomerPanel::noteAdded);
    onNextModal<AddNoteDialog>([](AddNoteDialog* dialog) {
        typeText(dialog->bodyEdit(), QStringLiteral("Speaks English; prefers email"));
        dialog->save();
    });
    QTest::keyClick(&panel, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(added.count(), 1);
    QCOMPARE(panel.tabs()->currentIndex(), int(CustomerPanel::NotesTab));
    QCOMPARE(panel.notesModel()->index(0, NoteListModel::BodyColumn).data().toString(),
             QStringLiteral("Speaks English; prefers email"));
}

void TestAddNoteDialog::cancelWritesNothing()
{
    CustomerPanel panel(m_s->store(), m_s->agentSession(), m_clock);
    showPanel(panel);
    QSignalSpy written(&panel, &CustomerPanel::localChangeWritten);
    onNextModal<AddNoteDialog>([](AddNoteDialog* dialog) {
        typeText(dialog->bodyEdit(), QStringLiteral("不保存"));
        dialog->reject();
    });
    QVERIFY(!panel.addNote());
    QCOMPARE(written.count(), 0);
    QCOMPARE(panel.notesModel()->rowCount(), 1);
    QCOMPARE(count(QStringLiteral("customer_note")), 1);
    QCOMPARE(count(QStringLiteral("outbox")), 0);
}

QTEST_MAIN(TestAddNoteDialog)
#include "tst_addnotedialog.moc"
