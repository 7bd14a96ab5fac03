#include "KbScenario.h"
#include "customer/CustomerPanel.h"
#include "kb/KbSuggestionPanel.h"
#include "services/Customer360Service.h"
#include "tickets/NewTicketDialog.h"
#include "tickets/TicketEditor.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

QStringList ids(const QVector<KbHit>& hits)
{
    QStringList out;
    for (const KbHit& hit : hits)
        out << hit.articleId;
    return out;
}

void activate(KbSuggestionPanel& panel, const QString& href)
{
    auto* label = panel.findChild<QLabel*>(QStringLiteral("kbSuggestions"));
    QVERIFY(label);
    emit label->linkActivated(href);
}

} // namespace

class TestKbSuggestionPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void suggestsForTheText();
    void waitsForTheTextToRest();
    void opensAnArticleWithItsTicket();
    void linksAndUnlinks();
    void ticketEditorSuggestsForItsTicket();
    void newTicketSuggestsAsTyped();
    void customerPanelSuggestsForOpenTickets();

private:
    std::unique_ptr<KbScenario> m_kb;
    QString m_slowSpeed;
};

void TestKbSuggestionPanel::initTestCase()
{
    m_kb = std::make_unique<KbScenario>();
    QVERIFY2(m_kb->ok(), qPrintable(m_kb->error()));
    // The scenario's open ticket is about slow broadband ("网速慢").
    m_slowSpeed = m_kb->publish(KbScenario::makeDraft(QStringLiteral("网速慢的排查步骤"),
                                                      QStringLiteral("<p>网速慢时先测速，再检查光猫和路由器。</p>"),
                                                      QStringLiteral("broadband.fault"), {QStringLiteral("宽带")},
                                                      QStringLiteral("zh_CN")));
    QVERIFY2(!m_slowSpeed.isEmpty(), qPrintable(m_kb->error()));
}

void TestKbSuggestionPanel::suggestsForTheText()
{
    KbSuggestionPanel panel(m_kb->store(), m_kb->agentSession());
    QVERIFY(panel.suggestions().isEmpty());
    QVERIFY(panel.shownText().contains(tr("Articles for this work appear here.")));
    panel.setContextText(QStringLiteral("客户反映光猫红灯一直亮，宽带无法上网"), true);
    QVERIFY(!panel.suggestions().isEmpty());
    QCOMPARE(panel.suggestions().first().articleId, m_kb->broadbandFault);
    QVERIFY(!ids(panel.suggestions()).contains(m_kb->draft));
    QVERIFY(!ids(panel.suggestions()).contains(m_kb->inReview));
    QVERIFY(panel.shownText().contains(QStringLiteral("光猫红灯")));
    // Without a ticket there is nothing to link to.
    QVERIFY(!panel.shownText().contains(QStringLiteral("Link to ticket")));

    panel.setContextText(QStringLiteral("zzzz qqqq"), true);
    QVERIFY(panel.suggestions().isEmpty());
    QVERIFY(panel.shownText().contains(tr("No article matches this text.")));
}

void TestKbSuggestionPanel::waitsForTheTextToRest()
{
    KbSuggestionPanel panel(m_kb->store(), m_kb->agentSession());
    panel.setContextText(QStringLiteral("International roaming day pass for the trip"));
    QVERIFY(panel.suggestions().isEmpty()); // not yet: the agent is still typing
    QTRY_VERIFY_WITH_TIMEOUT(!panel.suggestions().isEmpty(), 3000);
    QCOMPARE(panel.suggestions().first().articleId, m_kb->roamingPass);
}

void TestKbSuggestionPanel::opensAnArticleWithItsTicket()
{
    KbSuggestionPanel panel(m_kb->store(), m_kb->agentSession());
    panel.setTicket(m_kb->gui().openTicketOld, QStringLiteral("TK1"));
    panel.setContextText(QStringLiteral("网速慢"), true);
    QVERIFY(ids(panel.suggestions()).contains(m_slowSpeed));
    QSignalSpy opened(&panel, &KbSuggestionPanel::openArticleRequested);
    activate(panel, QStringLiteral("open:") + m_slowSpeed);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().at(0).toString(), m_slowSpeed);
    QCOMPARE(opened.first().at(1).toString(), m_kb->gui().openTicketOld);
    QCOMPARE(opened.first().at(2).toString(), QStringLiteral("TK1"));
}

void TestKbSuggestionPanel::linksAndUnlinks()
{
    KbSuggestionPanel panel(m_kb->store(), m_kb->agentSession());
    const QString ticket = m_kb->gui().openTicketOld;
    panel.setTicket(ticket, QStringLiteral("TK1"));
    panel.setContextText(QStringLiteral("网速慢"), true);
    QVERIFY(panel.shownText().contains(tr("No article linked yet.")));
    QVERIFY(panel.shownText().contains(tr("Link to ticket %1").arg(QStringLiteral("TK1"))));

    QSignalSpy changed(&panel, &KbSuggestionPanel::linksChanged);
    activate(panel, QStringLiteral("link:") + m_slowSpeed);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(panel.links().size(), 1);
    QCOMPARE(panel.links().first().articleId, m_slowSpeed);
    QCOMPARE(m_kb->count(QStringLiteral("SELECT COUNT(*) FROM ticket_kb_link WHERE ticket_id = ? AND article_id = ? "
                                        "AND deleted_at IS NULL"),
                         {ticket, m_slowSpeed}),
             1);
    // The link travels: one outbox row for it.
    QCOMPARE(m_kb->count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'ticket_kb_link'"), {}), 1);
    QVERIFY(panel.shownText().contains(tr("Linked")));

    activate(panel, QStringLiteral("unlink:") + m_slowSpeed);
    QCOMPARE(changed.count(), 2);
    QVERIFY(panel.links().isEmpty());
    QCOMPARE(m_kb->count(QStringLiteral("SELECT COUNT(*) FROM ticket_kb_link WHERE ticket_id = ? AND deleted_at IS NULL"),
                         {ticket}),
             0);

    // No ticket: linking is refused with a reason, nothing is written.
    KbSuggestionPanel loose(m_kb->store(), m_kb->agentSession());
    const Status refused = loose.linkArticle(m_slowSpeed);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("invalid"));
}

void TestKbSuggestionPanel::ticketEditorSuggestsForItsTicket()
{
    TicketEditor editor(m_kb->store(), m_kb->agentSession());
    const Status shown = editor.showTicket(m_kb->gui().openTicketOld);
    QVERIFY2(shown, qPrintable(shown.errorMessage()));
    KbSuggestionPanel* panel = editor.knowledgePanel();
    QVERIFY(panel);
    QCOMPARE(panel->ticketId(), m_kb->gui().openTicketOld);
    QVERIFY(ids(panel->suggestions()).contains(m_slowSpeed));
    QSignalSpy opened(&editor, &TicketEditor::openArticleRequested);
    activate(*panel, QStringLiteral("open:") + m_slowSpeed);
    QCOMPARE(opened.count(), 1);
    QSignalSpy written(&editor, &TicketEditor::ticketWritten);
    QVERIFY(panel->linkArticle(m_slowSpeed));
    QCOMPARE(written.count(), 1);
    QVERIFY(panel->unlinkArticle(m_slowSpeed));
}

void TestKbSuggestionPanel::newTicketSuggestsAsTyped()
{
    const auto customer = Customer360Service(m_kb->store()).load(m_kb->gui().chenJing);
    QVERIFY(customer.ok());
    NewTicketDialog dialog(m_kb->store(), m_kb->agentSession(), m_kb->gui().chenJing, customer->customer.name,
                           customer->subscriptions);
    KbSuggestionPanel* panel = dialog.knowledgePanel();
    QVERIFY(panel);
    QTest::keyClicks(dialog.titleEdit(), QStringLiteral("roaming"));
    dialog.descriptionEdit()->setPlainText(QStringLiteral("Customer asks about the international roaming day pass"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel->suggestions().isEmpty(), 3000);
    QCOMPARE(panel->suggestions().first().articleId, m_kb->roamingPass);
    QVERIFY(panel->ticketId().isEmpty());
}

void TestKbSuggestionPanel::customerPanelSuggestsForOpenTickets()
{
    const auto customer = Customer360Service(m_kb->store()).load(m_kb->gui().chenJing);
    QVERIFY(customer.ok());
    const QString context = CustomerPanel::knowledgeContext(*customer);
    QVERIFY2(context.contains(QStringLiteral("网速慢")), qPrintable(context)); // her open ticket
    CustomerPanel panel(m_kb->store(), m_kb->agentSession());
    const Status shown = panel.showCustomer(m_kb->gui().chenJing);
    QVERIFY2(shown, qPrintable(shown.errorMessage()));
    QVERIFY(panel.knowledgePanel());
    QVERIFY(ids(panel.knowledgePanel()->suggestions()).contains(m_slowSpeed));
    QSignalSpy opened(&panel, &CustomerPanel::openArticleRequested);
    activate(*panel.knowledgePanel(), QStringLiteral("open:") + m_slowSpeed);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().at(0).toString(), m_slowSpeed);
}

QTEST_MAIN(TestKbSuggestionPanel)
#include "tst_kbsuggestionpanel.moc"
