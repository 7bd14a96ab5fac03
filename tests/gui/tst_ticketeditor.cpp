#include "Fixtures.h"
#include "GuiScenario.h"
#include "FakeClock.h"
#include "tickets/AssignmentService.h"
#include "tickets/EscalationService.h"
#include "tickets/TicketEditor.h"
#include "tickets/TicketService.h"
#include "tickets/TransitionDialog.h"
#include "tickets/WorkflowService.h"

#include <QComboBox>
#include <QLabel>
#include <QTextBrowser>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestTicketEditor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheTicketAndTheCustomer();
    void replyAppearsAndRecordsTheFirstResponse();
    void internalNoteIsToldApartFromAReply();
    void emptyReplyRefusedAndNothingWritten();
    void illegalStepRefusedWithTheServicesMessage();
    void closingAsksForTheSatisfactionScore();
    void cannedReplyFillsThePlaceholders();
    void priorityChangeKeepsTheReason();
    void linkOpensTheFullView();
    void supervisorAcknowledgesAnEscalation();

private:
    bool exec(const QString& sql, const QVariantList& binds) const;
    QVariant scalar(const QString& sql, const QVariantList& binds) const;
    QStringList historyKinds() const;

    std::unique_ptr<GuiScenario> m_s;
    std::unique_ptr<TicketEditor> m_editor;
    QString m_ticket; ///< a new P3 complaint of 陈静's
};

void TestTicketEditor::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

bool TestTicketEditor::exec(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(m_s->store()->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    return q.exec();
}

QVariant TestTicketEditor::scalar(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(m_s->store()->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return QVariant();
    return q.value(0);
}

QStringList TestTicketEditor::historyKinds() const
{
    return m_editor->historyKinds();
}

void TestTicketEditor::init()
{
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
    QVERIFY(exec(QStringLiteral("UPDATE agent SET skills = 'complaint,fault,inquiry' WHERE id = ?"), {m_s->agentId}));
    TicketService::NewTicket t;
    t.customerId = m_s->chenJing;
    t.kind = QStringLiteral("complaint");
    t.priority = 3;
    t.channel = QStringLiteral("hotline");
    t.title = QStringLiteral("宽带频繁掉线");
    t.description = QStringLiteral("晚上八点后掉线");
    const Result<QString> id = TicketService(m_s->store(), m_s->agentSession()).create(t);
    QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
    m_ticket = id.value();

    m_editor = std::make_unique<TicketEditor>(m_s->store(), m_s->agentSession());
    m_editor->resize(1280, 800);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    const Status shown = m_editor->showTicket(m_ticket);
    QVERIFY2(shown.ok(), qPrintable(shown.errorMessage()));
}

void TestTicketEditor::cleanup()
{
    m_editor.reset();
    m_s.reset();
}

void TestTicketEditor::showsTheTicketAndTheCustomer()
{
    QCOMPARE(m_editor->statusText(), QStringLiteral("New"));
    QCOMPARE(m_editor->findChild<QLabel*>(QStringLiteral("customerName"))->text(), QStringLiteral("陈静"));
    const QString facts = m_editor->findChild<QLabel*>(QStringLiteral("customerFacts"))->text();
    // Masked number and her open tickets (the scenario's two and this one).
    QVERIFY2(facts.contains(QStringLiteral("139****5678")), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("3 open ticket")), qPrintable(facts));
    QVERIFY2(!m_editor->firstResponseText().isEmpty(), "the first-response clock is shown");
    QVERIFY2(!m_editor->resolutionText().isEmpty(), "the resolution clock is shown");
    // The opening event is in the history; new -> assigned is Take's, not a step button.
    QCOMPARE(historyKinds().size(), 1);
    QVERIFY(!m_editor->stepTargets().contains(QStringLiteral("assigned")));
}

void TestTicketEditor::replyAppearsAndRecordsTheFirstResponse()
{
    QCOMPARE(m_editor->detail().firstRespondedAt, qint64(0));
    QSignalSpy written(m_editor.get(), &TicketEditor::ticketWritten);
    typeText(m_editor->replyEdit(), QStringLiteral("Engineer visit booked"));
    QTest::mouseClick(m_editor->replyButton(), Qt::LeftButton);
    QCOMPARE(m_editor->messageText(), QStringLiteral("Reply sent. The customer receives it with the next sync."));
    QCOMPARE(written.count(), 1);
    QVERIFY(historyKinds().contains(QStringLiteral("reply")));
    const QString last = m_editor->lastHistoryText();
    QVERIFY2(last.contains(QStringLiteral("Engineer visit booked")), qPrintable(last));
    QVERIFY(m_editor->history()->toPlainText().contains(QStringLiteral("Engineer visit booked")));
    QVERIFY(m_editor->detail().firstRespondedAt > 0);
    QVERIFY2(m_editor->firstResponseText().startsWith(QStringLiteral("Met")), qPrintable(m_editor->firstResponseText()));
    QVERIFY(m_editor->replyEdit()->toPlainText().isEmpty());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket_event'"), {}).toInt() >= 2, true);
}

void TestTicketEditor::internalNoteIsToldApartFromAReply()
{
    m_editor->replyEdit()->setPlainText(QStringLiteral("客户情绪激动，注意措辞"));
    QVERIFY(m_editor->addInternalNote().ok());
    QVERIFY(historyKinds().contains(QStringLiteral("comment")));
    QVERIFY(!historyKinds().contains(QStringLiteral("reply")));
    // A note is not a response to the customer.
    QCOMPARE(m_editor->detail().firstRespondedAt, qint64(0));
    const QString note = m_editor->lastHistoryText();
    QVERIFY2(note.contains(QStringLiteral("Internal note")), qPrintable(note));
}

void TestTicketEditor::emptyReplyRefusedAndNothingWritten()
{
    const int before = Fixtures(m_s->store()).count(QStringLiteral("ticket_event"));
    QVERIFY(!m_editor->sendReply().ok());
    QVERIFY(!m_editor->messageText().isEmpty());
    QCOMPARE(Fixtures(m_s->store()).count(QStringLiteral("ticket_event")), before);
}

void TestTicketEditor::illegalStepRefusedWithTheServicesMessage()
{
    // Voiding a new complaint is a supervisor's step; the service's refusal is what the agent reads.
    const Status expected = WorkflowService(m_s->store()).transition(m_ticket, QStringLiteral("closed"), {}, m_s->agentSession());
    QVERIFY(!expected.ok());
    const Status refused = m_editor->takeStep(QStringLiteral("closed"), {});
    QVERIFY(!refused.ok());
    QCOMPARE(m_editor->messageText(), expected.errorMessage());
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM ticket WHERE id = ?"), {m_ticket}).toString(), QStringLiteral("new"));
    // The agent is not offered the step at all.
    QVERIFY(!m_editor->stepTargets().contains(QStringLiteral("closed")));
}

void TestTicketEditor::closingAsksForTheSatisfactionScore()
{
    QVERIFY(AssignmentService(m_s->store()).take(m_ticket, m_s->agentSession()).ok());
    QVERIFY(m_editor->reload().ok());
    QVERIFY(m_editor->takeStep(QStringLiteral("dispatched"), {}).ok());
    TransitionInput handled;
    handled.resolution = QStringLiteral("更换光猫");
    QVERIFY(m_editor->takeStep(QStringLiteral("handled"), handled).ok());
    QVERIFY(m_editor->takeStep(QStringLiteral("callback"), {}).ok());
    QVERIFY2(m_editor->stepTargets().contains(QStringLiteral("closed")), qPrintable(m_editor->stepTargets().join(u',')));

    bool sawRefusal = false;
    onNextModal<TransitionDialog>([&sawRefusal](TransitionDialog* dialog) {
        QVERIFY(dialog->csatBox());
        // Without a score the step is refused and the dialog stays open.
        dialog->save();
        sawRefusal = !dialog->errorText().isEmpty() && dialog->isVisible();
        dialog->csatBox()->setCurrentIndex(dialog->csatBox()->findData(4));
        dialog->save();
    });
    QTest::mouseClick(m_editor->stepButton(QStringLiteral("closed")), Qt::LeftButton);
    QVERIFY(sawRefusal);
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM ticket WHERE id = ?"), {m_ticket}).toString(), QStringLiteral("closed"));
    QCOMPARE(scalar(QStringLiteral("SELECT csat FROM ticket WHERE id = ?"), {m_ticket}).toInt(), 4);
    QCOMPARE(m_editor->statusText(), QStringLiteral("Closed"));
}

void TestTicketEditor::cannedReplyFillsThePlaceholders()
{
    QComboBox* canned = m_editor->cannedBox();
    // "Choose…" and the English replies for any kind or complaints (the default rows).
    QVERIFY2(canned->count() >= 3, qPrintable(QString::number(canned->count())));
    QCOMPARE(canned->findText(QStringLiteral("Engineer dispatched")), -1); // a fault's reply
    const int apology = canned->findText(QStringLiteral("Apology"));
    QVERIFY(apology > 0);
    m_editor->insertCannedReply(apology);
    const QString text = m_editor->replyEdit()->toPlainText();
    QVERIFY2(text.startsWith(QStringLiteral("Dear 陈静,")), qPrintable(text));
    QVERIFY2(text.contains(m_editor->detail().ticket.ticketNo), qPrintable(text));
    QVERIFY(!text.contains(QLatin1Char('{')));
}

void TestTicketEditor::priorityChangeKeepsTheReason()
{
    QVERIFY(m_editor->changePriority(1, QStringLiteral("客户为VIP，要求加急")).ok());
    QCOMPARE(scalar(QStringLiteral("SELECT priority FROM ticket WHERE id = ?"), {m_ticket}).toInt(), 1);
    QCOMPARE(m_editor->priorityBox()->currentData().toInt(), 1);
    const QString last = m_editor->lastHistoryText();
    QVERIFY2(last.contains(QStringLiteral("加急")), qPrintable(last));
}

void TestTicketEditor::linkOpensTheFullView()
{
    QSignalSpy open(m_editor.get(), &TicketEditor::openCustomerRequested);
    emit m_editor->customerLink()->linkActivated(QStringLiteral("open"));
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), m_s->chenJing);
}

void TestTicketEditor::supervisorAcknowledgesAnEscalation()
{
    // A day and an hour after opening, the complaint has escalated (the default 24-hour rule).
    FakeClock later;
    const qint64 created = scalar(QStringLiteral("SELECT created_at FROM ticket WHERE id = ?"), {m_ticket}).toLongLong();
    later.set(QDateTime::fromMSecsSinceEpoch(created + 25LL * 3600 * 1000, Qt::UTC));
    const Result<EscalationReport> fired = EscalationService(m_s->store(), later).evaluate({m_ticket}, later.nowMs());
    QVERIFY2(fired.ok(), qPrintable(fired.errorMessage()));
    QVERIFY(fired->escalationsWritten >= 1);
    const QString escalationId = scalar(QStringLiteral("SELECT id FROM ticket_escalation WHERE ticket_id = ? "
                                                       "AND action = 'escalate_supervisor'"), {m_ticket}).toString();
    QVERIFY(!escalationId.isEmpty());

    // The agent's editor offers no acknowledgement.
    QVERIFY(!m_editor->findChild<QPushButton*>(QStringLiteral("acknowledge_") + escalationId));

    Session admin = m_s->agentSession();
    admin.role = Role::Admin;
    TicketEditor editor(m_s->store(), admin, later);
    editor.resize(1280, 800);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.showTicket(m_ticket).ok());
    QVERIFY(editor.findChild<QPushButton*>(QStringLiteral("acknowledge_") + escalationId));
    const Status done = editor.acknowledgeEscalation(escalationId, QStringLiteral("calling the customer back"));
    QVERIFY2(done.ok(), qPrintable(done.errorMessage()));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM ticket_escalation_ack WHERE escalation_id = ?"), {escalationId}).toInt(), 1);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the old step buttons go with deleteLater
    QVERIFY(!editor.findChild<QPushButton*>(QStringLiteral("acknowledge_") + escalationId));
    QCOMPARE(editor.messageText(), QStringLiteral("Escalation acknowledged."));
    // Twice is refused with the service's words.
    const Status again = editor.acknowledgeEscalation(escalationId, QString());
    QVERIFY(!again.ok());
    QVERIFY(editor.messageText().contains(QLatin1String("acknowledged already")));
}

QTEST_MAIN(TestTicketEditor)
#include "tst_ticketeditor.moc"
