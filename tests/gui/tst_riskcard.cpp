#include "GuiScenario.h"
#include "RetentionScenario.h"
#include "customer/CustomerHeader.h"
#include "customer/CustomerPanel.h"
#include "itemmodels/RetentionFormat.h"
#include "retention/RecordOutcomeDialog.h"
#include "retention/RiskCard.h"
#include "scoring/ScoringEngine.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

/// The churn-risk badge of the 360° header and the risk card beside the customer, on seeded scores.
class TestRiskCard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void badgeShowsBandProbabilityAndReasons();
    void badgeColourFollowsTheBand_data();
    void badgeColourFollowsTheBand();
    void badgeWithoutScoreKeepsThePlaceholder();
    void cardShowsReasonsFlagsSegmentTagsAndTask();
    void outcomeDialogShowsProblemsUnderTheField();
    void outcomeDialogRecordsTheOutcome();
    void outcomeDialogRecordsAnotherOffer();
    void callbackKeepsTheTaskOpenWithANewDueTime();
    void takeTaskMakesItYours();
    void cardRefreshesWhenItsCustomerIsScored();

private:
    void show(const QString& customerId, const Session& session);
    /// Clicks Save of the dialog.
    static void save(RecordOutcomeDialog* dialog);

    std::unique_ptr<RetentionScenario> m_s;
    std::unique_ptr<CustomerPanel> m_panel;
};

void TestRiskCard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestRiskCard::init()
{
    m_s = std::make_unique<RetentionScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
}

void TestRiskCard::cleanup()
{
    m_panel.reset();
    m_s.reset();
}

void TestRiskCard::show(const QString& customerId, const Session& session)
{
    m_panel = std::make_unique<CustomerPanel>(m_s->store(), session);
    m_panel->resize(1440, 860);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    const Status shown = m_panel->showCustomer(customerId);
    QVERIFY2(shown.ok(), qPrintable(shown.errorMessage()));
}

void TestRiskCard::save(RecordOutcomeDialog* dialog)
{
    auto* buttons = dialog->findChild<QDialogButtonBox*>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
}

void TestRiskCard::badgeShowsBandProbabilityAndReasons()
{
    show(m_s->gui().chenJing, m_s->agentSession());
    CustomerHeader* header = m_panel->header();
    QCOMPARE(header->riskBand(), QStringLiteral("high"));
    QCOMPARE(header->riskText(), QStringLiteral("Risk: High · 72 %"));
    const RetentionConfig& config = RetentionConfig::builtIn();
    const QString tip = header->riskToolTip();
    ScoreReason complaints;
    complaints.code = QStringLiteral("complaints_30d");
    complaints.value = 3;
    complaints.weight = 0.9;
    const QString complaintWords = ReasonText::describe(complaints, config);
    QVERIFY(!complaintWords.isEmpty());
    QVERIFY2(tip.contains(complaintWords), qPrintable(tip));
    QVERIFY2(tip.contains(RetentionFormat::ruleName(config, QStringLiteral("decline_signals"))), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("Scored ")), qPrintable(tip));
    // Codes never reach the agent.
    QVERIFY(!tip.contains(QStringLiteral("complaints_30d")));
}

void TestRiskCard::badgeColourFollowsTheBand_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("band");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("colour");
    QTest::newRow("high") << "chen" << "high" << "Risk: High · 72 %" << "#b3261e";
    QTest::newRow("medium") << "wang" << "medium" << "Risk: Medium · 31 %" << "#8a5300";
    QTest::newRow("low") << "small" << "low" << "Risk: Low · 5 %" << "#137333";
}

void TestRiskCard::badgeColourFollowsTheBand()
{
    QFETCH(QString, who);
    QFETCH(QString, band);
    QFETCH(QString, text);
    QFETCH(QString, colour);
    const QString id = who == QLatin1String("chen") ? m_s->gui().chenJing
                     : who == QLatin1String("wang") ? m_s->gui().wangQiang
                                                    : m_s->gui().wangXiaoming;
    show(id, m_s->agentSession());
    QCOMPARE(m_panel->header()->riskBand(), band);
    QCOMPARE(m_panel->header()->riskText(), text);
    auto* badge = m_panel->header()->findChild<QLabel*>(QStringLiteral("riskBadge"));
    QVERIFY(badge);
    QVERIFY2(badge->styleSheet().contains(colour), qPrintable(badge->styleSheet()));
}

void TestRiskCard::badgeWithoutScoreKeepsThePlaceholder()
{
    show(m_s->gui().chenJingDup, m_s->agentSession());
    QCOMPARE(m_panel->header()->riskText(), QStringLiteral("Risk: not scored yet"));
    QVERIFY(m_panel->header()->riskBand().isEmpty());
    RiskCard* card = m_panel->riskCard();
    QVERIFY(!card->score());
    QCOMPARE(card->bandText(), QStringLiteral("Not scored"));
    QVERIFY(card->reasonTexts().isEmpty());
    QVERIFY(!card->recordOutcomeButton()->isVisible());

    // Showing a scored customer after an unscored one, and back: nothing of the other stays.
    QVERIFY(m_panel->showCustomer(m_s->gui().chenJing).ok());
    QCOMPARE(m_panel->header()->riskBand(), QStringLiteral("high"));
    QVERIFY(m_panel->showCustomer(m_s->gui().chenJingDup).ok());
    QCOMPARE(m_panel->header()->riskText(), QStringLiteral("Risk: not scored yet"));
    QVERIFY(card->flagTexts().isEmpty());
}

void TestRiskCard::cardShowsReasonsFlagsSegmentTagsAndTask()
{
    show(m_s->gui().chenJing, m_s->agentSession());
    RiskCard* card = m_panel->riskCard();
    QVERIFY(card->isVisible());
    const RetentionConfig& config = RetentionConfig::builtIn();
    QCOMPARE(card->bandText(), QStringLiteral("High · 72 %"));
    QCOMPARE(card->reasonTexts().size(), 3);
    QCOMPARE(card->reasonTexts().first(), RetentionFormat::ruleName(config, QStringLiteral("decline_signals")));
    // Reminders and flags are chips; the risk rule is a reason, not a chip.
    QCOMPARE(card->flagTexts(), (QStringList{RetentionFormat::ruleName(config, QStringLiteral("renewal_due")),
                                             RetentionFormat::ruleName(config, QStringLiteral("dissatisfied"))}));
    QCOMPARE(card->segmentText(), QStringLiteral("RFM segment: Family"));
    const QString tags = card->tagsText();
    QVERIFY2(tags.contains(QStringLiteral("<b>Facts:</b> Over 5 years with us")), qPrintable(tags));
    QVERIFY2(tags.contains(QStringLiteral("<b>Behaviour:</b> Heavy data user")), qPrintable(tags));
    QVERIFY2(tags.contains(QStringLiteral("<b>Predicted:</b> Likely to leave")), qPrintable(tags));

    QVERIFY(card->task());
    QCOMPARE(card->task()->id, m_s->chenTask);
    const QString task = card->taskText();
    QVERIFY2(task.contains(QStringLiteral("Waiting in the queue Retention team")), qPrintable(task));
    QVERIFY2(task.contains(QStringLiteral("10GB data pack free for 3 months")), qPrintable(task));
    QVERIFY(card->recordOutcomeButton()->isVisible());
    QVERIFY(card->takeTaskButton()->isVisible());
}

void TestRiskCard::outcomeDialogShowsProblemsUnderTheField()
{
    show(m_s->gui().chenJing, m_s->agentSession());
    const int outboxBefore = m_s->count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
    bool checked = false;
    onNextModal<RecordOutcomeDialog>([&](RecordOutcomeDialog* dialog) {
        save(dialog); // nothing chosen
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->outcomeError().isEmpty());
        dialog->setOutcome(QStringLiteral("declined"));
        QVERIFY(dialog->outcomeError().isEmpty());
        save(dialog); // declined needs a reason
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->noteError().isEmpty());
        QVERIFY(dialog->errorText().isEmpty());
        // The callback time is asked only for a callback, and must lie ahead.
        QVERIFY(!dialog->callbackEdit()->isVisible());
        dialog->setOutcome(QStringLiteral("callback"));
        QVERIFY(dialog->callbackEdit()->isVisible());
        dialog->callbackEdit()->setDateTime(QDateTime::currentDateTime().addDays(-1));
        save(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->callbackError().isEmpty());
        QVERIFY(dialog->noteError().isEmpty());
        checked = true;
        dialog->reject();
    });
    QVERIFY(!m_panel->riskCard()->recordOutcome());
    QVERIFY(checked);
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM outbox")), outboxBefore);
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM retention_task WHERE outcome IS NULL AND status = 'open'")), 1);
}

void TestRiskCard::outcomeDialogRecordsTheOutcome()
{
    show(m_s->gui().chenJing, m_s->agentSession());
    RiskCard* card = m_panel->riskCard();
    QSignalSpy changed(m_panel.get(), &CustomerPanel::retentionTaskChanged);
    QSignalSpy written(m_panel.get(), &CustomerPanel::localChangeWritten);
    onNextModal<RecordOutcomeDialog>([](RecordOutcomeDialog* dialog) {
        QCOMPARE(dialog->outcomeCombo()->count(), int(RetentionService::outcomeCodes().size()));
        dialog->setOutcome(QStringLiteral("declined"));
        QTest::mouseClick(dialog->noteEdit()->viewport(), Qt::LeftButton);
        typeText(dialog->noteEdit(), QStringLiteral("嫌流量包太小"));
        save(dialog);
    });
    QTest::mouseClick(card->recordOutcomeButton(), Qt::LeftButton);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toString(), m_s->chenTask);
    QCOMPARE(written.count(), 1);

    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("SELECT outcome, outcome_note, status, closed_by, assignee_id FROM retention_task WHERE id = ?"));
    q.addBindValue(m_s->chenTask);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("declined"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("嫌流量包太小"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("done"));
    QCOMPARE(q.value(3).toString(), m_s->gui().agentId);
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'retention_task' AND entity_id = ?"),
                       {m_s->chenTask}),
             1);
    // The card shows the task closed.
    QVERIFY(!card->task());
    // What came of it stays in view for the next agent.
    const QStringList lines = card->taskText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), QStringLiteral("No open retention task."));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("Last task: ") + RetentionService::outcomeLabel(QStringLiteral("declined"))),
             qPrintable(lines.at(1)));
    QCOMPARE(lines.at(2), QStringLiteral("Note: 嫌流量包太小"));
    QVERIFY(!card->recordOutcomeButton()->isVisible());
}

void TestRiskCard::outcomeDialogRecordsAnotherOffer()
{
    show(m_s->gui().chenJing, m_s->agentSession());
    RiskCard* card = m_panel->riskCard();
    QVERIFY(card->task());
    const QString suggested = card->task()->offerId;
    QVERIFY(!suggested.isEmpty());
    const QString family = QStringLiteral("0ffe7000-0000-4000-8000-000000000005");
    QVERIFY(suggested != family);
    onNextModal<RecordOutcomeDialog>([&](RecordOutcomeDialog* dialog) {
        QComboBox* offers = dialog->offerCombo();
        QVERIFY(offers->isVisibleTo(dialog));
        // The six offers of the catalog and "no offer made"; the task's own selected and called suggested.
        QCOMPARE(offers->count(), 7);
        QCOMPARE(offers->currentData().toString(), suggested);
        QVERIFY2(offers->currentText().endsWith(QStringLiteral("(suggested)")), qPrintable(offers->currentText()));
        QCOMPARE(offers->itemData(offers->count() - 1).toString(), QString());
        QCOMPARE(offers->itemText(offers->count() - 1), QStringLiteral("No offer made"));
        // The renewal offer's cost shows on hover.
        const int renewal = offers->findData(QStringLiteral("0ffe7000-0000-4000-8000-000000000003"));
        QCOMPARE(offers->itemData(renewal, Qt::ToolTipRole).toString(), QStringLiteral("Costs the operator ¥720.00 in all"));
        offers->setCurrentIndex(offers->findData(family));
        dialog->setOutcome(QStringLiteral("accepted"));
        save(dialog);
    });
    QVERIFY(card->recordOutcome());
    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("SELECT outcome, offer_id, status FROM retention_task WHERE id = ?"));
    q.addBindValue(m_s->chenTask);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("accepted"));
    QCOMPARE(q.value(1).toString(), family);
    QCOMPARE(q.value(2).toString(), QStringLiteral("done"));
    // One change carries both.
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'retention_task' AND entity_id = ?"),
                       {m_s->chenTask}),
             1);
}

void TestRiskCard::callbackKeepsTheTaskOpenWithANewDueTime()
{
    show(m_s->gui().chenJing, m_s->agentSession());
    const QDateTime when = QDateTime::currentDateTime().addDays(2);
    onNextModal<RecordOutcomeDialog>([when](RecordOutcomeDialog* dialog) {
        dialog->setOutcome(QStringLiteral("callback"));
        dialog->callbackEdit()->setDateTime(when);
        save(dialog);
    });
    QVERIFY(m_panel->riskCard()->recordOutcome());
    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("SELECT status, outcome, due_at FROM retention_task WHERE id = ?"));
    q.addBindValue(m_s->chenTask);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("open"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("callback"));
    // The editor keeps minutes: the due time is the chosen minute.
    QCOMPARE(q.value(2).toLongLong() / 60000, when.toMSecsSinceEpoch() / 60000);
    QVERIFY(m_panel->riskCard()->taskText().contains(QStringLiteral("Last outcome: ")));
}

void TestRiskCard::takeTaskMakesItYours()
{
    show(m_s->gui().chenJing, m_s->agentSession());
    RiskCard* card = m_panel->riskCard();
    QVERIFY(card->takeTaskButton()->isVisible());
    QTest::mouseClick(card->takeTaskButton(), Qt::LeftButton);
    QVERIFY2(card->errorText().isEmpty(), qPrintable(card->errorText()));
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM retention_task WHERE id = ? AND assignee_id = ?"),
                       {m_s->chenTask, m_s->gui().agentId}),
             1);
    QVERIFY(!card->takeTaskButton()->isVisible());
    QVERIFY2(card->taskText().startsWith(QStringLiteral("Assigned to you")), qPrintable(card->taskText()));
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'retention_task'")), 1);
}

void TestRiskCard::cardRefreshesWhenItsCustomerIsScored()
{
    show(m_s->gui().chenJing, m_s->agentSession());
    CustomerScore lower;
    lower.customerId = m_s->gui().chenJing;
    lower.probability = 0.12;
    lower.band = lower.modelBand = QStringLiteral("low");
    lower.modelId = QStringLiteral("fedcba9876543210");
    lower.asOfMs = lower.scoredAtMs = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(ScoreStore(m_s->store()).write({lower}).ok());

    // Another customer's score: nothing to do.
    m_panel->scoresChanged({m_s->gui().wangQiang});
    QCOMPARE(m_panel->header()->riskBand(), QStringLiteral("high"));
    QCOMPARE(m_panel->riskCard()->bandText(), QStringLiteral("High · 72 %"));

    m_panel->scoresChanged({m_s->gui().chenJing});
    QCOMPARE(m_panel->header()->riskBand(), QStringLiteral("low"));
    QCOMPARE(m_panel->header()->riskText(), QStringLiteral("Risk: Low · 12 %"));
    QCOMPARE(m_panel->riskCard()->bandText(), QStringLiteral("Low · 12 %"));
    QVERIFY(m_panel->riskCard()->flagTexts().isEmpty());
}

QTEST_MAIN(TestRiskCard)
#include "tst_riskcard.moc"
