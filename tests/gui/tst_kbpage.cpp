#include "GuiScenario.h"
#include "KbScenario.h"
#include "Fixtures.h"
#include "kb/KbArticleView.h"
#include "kb/KbHistoryDialog.h"
#include "kb/KbHitDelegate.h"
#include "kb/KbPage.h"
#include "kb/KbQuery.h"
#include "kb/KbSearch.h"
#include "demo/KbGenerator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>

using namespace telcodesk;
using namespace telcodesk::test;

class TestKbPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void typingAQueryShowsHighlightedResults();
    void filtersNarrowTheResults_data();
    void filtersNarrowTheResults();
    void noMatchShowsTheEmptyState();
    void emptyQueryListsRecentArticles();
    void openingAnArticleRecordsAView();
    void votingOnceOnly();
    void linkingToTheCurrentTicket();
    void agentSeesNoEditorControls();
    void supervisorSeesTheEditorControls();
    void supervisorSendsBackWithANote();
    void historyShowsTheVersionsAndTheDiff();
    void setQueryOpensTheFirstResult();
    void partialAndTruncatedQueriesAreSaidSo();
    void enterOpensTheFirstResult();
    void manyMatchesCountAsTheCap();

private:
    std::unique_ptr<KbPage> makePage(const Session& session);
    void type(KbPage* page, const QString& text);
    int views(const QString& articleId, const QString& agentId) const;

    std::unique_ptr<KbScenario> m_s;
};

void TestKbPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestKbPage::init()
{
    m_s = std::make_unique<KbScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
}

void TestKbPage::cleanup()
{
    m_s.reset();
}

std::unique_ptr<KbPage> TestKbPage::makePage(const Session& session)
{
    auto page = std::make_unique<KbPage>(m_s->store(), session);
    page->resize(1280, 800);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        qWarning() << "the page was not exposed";
    return page;
}

void TestKbPage::type(KbPage* page, const QString& text)
{
    page->searchEdit()->setFocus();
    page->searchEdit()->clear();
    typeText(page->searchEdit(), text);
}

int TestKbPage::views(const QString& articleId, const QString& agentId) const
{
    return m_s->count(QStringLiteral("SELECT COUNT(*) FROM kb_feedback WHERE article_id = ? AND agent_id = ? AND kind = 'view'"),
                      {articleId, agentId});
}

void TestKbPage::typingAQueryShowsHighlightedResults()
{
    auto page = makePage(m_s->agentSession());
    type(page.get(), QStringLiteral("宽带"));
    // Debounced: nothing is searched while the agent is still typing.
    QVERIFY(page->isSearchPending());
    QTRY_VERIFY(!page->isSearchPending());
    const QStringList ids = page->resultIds();
    QCOMPARE(ids.size(), 2);
    QVERIFY(ids.contains(m_s->broadbandFault));
    QVERIFY(ids.contains(m_s->broadbandInstall));
    // Tests load no translation: the English plural comes from telcodesk_en.ts in the application.
    QVERIFY2(page->countText().startsWith(QStringLiteral("2 result")), qPrintable(page->countText()));
    QVERIFY(page->noticeText().isEmpty());
    QVERIFY(page->emptyStateText().isEmpty());

    // The delegate renders the search's highlight, and the facts line names the category in the UI language.
    const QModelIndex first = page->resultModel()->index(0, 0);
    const QString html = KbHitDelegate::rowHtml(first, false);
    QVERIFY2(html.contains(QStringLiteral("<b>宽带</b>")), qPrintable(html));
    const QString facts = first.data(KbHitDelegate::FactsRole).toString();
    QVERIFY2(facts.contains(QStringLiteral("Broadband fault-finding")) || facts.contains(QStringLiteral("Installation and moving")),
             qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("中文")), qPrintable(facts));
    // The article is not opened by typing alone (no view recorded for every keystroke).
    QVERIFY(!page->articleView()->isShowingArticle());

    // English with a prefix: "roam" finds both roaming articles.
    type(page.get(), QStringLiteral("roam"));
    QTRY_VERIFY(!page->isSearchPending());
    QCOMPARE(page->resultIds().size(), 2);
    QVERIFY(page->resultIds().contains(m_s->roamingPass));
}

void TestKbPage::filtersNarrowTheResults_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("expected"); // names of KbScenario members

    QTest::newRow("category leaf") << QStringLiteral("宽带") << QStringLiteral("broadband.fault") << QString() << QString()
                                   << QStringList{QStringLiteral("broadbandFault")};
    QTest::newRow("category subtree") << QStringLiteral("宽带") << QStringLiteral("broadband") << QString() << QString()
                                      << QStringList{QStringLiteral("broadbandFault"), QStringLiteral("broadbandInstall")};
    QTest::newRow("tag") << QStringLiteral("宽带") << QString() << QStringLiteral("装机") << QString()
                         << QStringList{QStringLiteral("broadbandInstall")};
    QTest::newRow("language") << QStringLiteral("roaming") << QString() << QString() << QStringLiteral("zh_CN")
                              << QStringList();
    QTest::newRow("category of the other article") << QStringLiteral("roaming") << QStringLiteral("billing")
                                                   << QString() << QString() << QStringList{QStringLiteral("roamingBill")};
}

void TestKbPage::filtersNarrowTheResults()
{
    QFETCH(QString, query);
    QFETCH(QString, category);
    QFETCH(QString, tag);
    QFETCH(QString, language);
    QFETCH(QStringList, expected);
    const QHash<QString, QString> ids = {{QStringLiteral("broadbandFault"), m_s->broadbandFault},
                                         {QStringLiteral("broadbandInstall"), m_s->broadbandInstall},
                                         {QStringLiteral("roamingPass"), m_s->roamingPass},
                                         {QStringLiteral("roamingBill"), m_s->roamingBill}};

    auto page = makePage(m_s->agentSession());
    type(page.get(), query);
    QTRY_VERIFY(!page->isSearchPending());
    const int unfiltered = page->resultIds().size();
    QVERIFY(unfiltered >= 2);

    if (!category.isEmpty()) {
        const int i = page->categoryFilter()->findData(category);
        QVERIFY2(i > 0, qPrintable(category));
        page->categoryFilter()->setCurrentIndex(i);
    }
    if (!tag.isEmpty()) {
        const int i = page->tagFilter()->findData(tag);
        QVERIFY2(i > 0, qPrintable(tag));
        page->tagFilter()->setCurrentIndex(i);
    }
    if (!language.isEmpty())
        page->languageFilter()->setCurrentIndex(page->languageFilter()->findData(language));

    // A filter applies at once, without waiting for typing.
    QStringList want;
    for (const QString& name : expected)
        want << ids.value(name);
    QStringList got = page->resultIds();
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    QCOMPARE(got, want);
    if (expected.isEmpty()) {
        QVERIFY(page->emptyStateText().contains(QStringLiteral("clear the category, tag and language filters")));
    }
}

void TestKbPage::noMatchShowsTheEmptyState()
{
    auto page = makePage(m_s->agentSession());
    type(page.get(), QStringLiteral("zzqxv"));
    QTRY_VERIFY(!page->isSearchPending());
    QVERIFY(page->resultIds().isEmpty());
    QVERIFY2(page->emptyStateText().contains(QStringLiteral("No article matches “zzqxv”")), qPrintable(page->emptyStateText()));
    QVERIFY2(page->countText().startsWith(QStringLiteral("0 result")), qPrintable(page->countText()));
    QVERIFY(!page->resultList()->isVisible());

    // FTS syntax typed by an agent is searched as text, never an error.
    type(page.get(), QStringLiteral("\"roaming* NEAR( -"));
    QTRY_VERIFY(!page->isSearchPending());
    QVERIFY(!page->emptyStateText().contains(QStringLiteral("failed")));
}

void TestKbPage::emptyQueryListsRecentArticles()
{
    auto page = makePage(m_s->agentSession());
    QVERIFY(page->sectionHeadings().contains(QStringLiteral("Recently updated")));
    // Agents see published articles only: the draft and the one in review are not listed.
    const QStringList ids = page->resultIds();
    QVERIFY(ids.contains(m_s->planChange));
    QVERIFY(!ids.contains(m_s->draft));
    QVERIFY(!ids.contains(m_s->inReview));
    QVERIFY(page->emptyStateText().isEmpty());

    // Typing and clearing the field brings the lists back.
    type(page.get(), QStringLiteral("套餐"));
    QTRY_VERIFY(!page->isSearchPending());
    QVERIFY(page->sectionHeadings().isEmpty());
    page->searchEdit()->clear();
    QVERIFY(page->sectionHeadings().contains(QStringLiteral("Recently updated")));
}

void TestKbPage::openingAnArticleRecordsAView()
{
    auto page = makePage(m_s->agentSession());
    type(page.get(), QStringLiteral("光猫"));
    QTRY_VERIFY(!page->isSearchPending());
    QCOMPARE(page->resultIds(), QStringList{m_s->broadbandFault});
    QCOMPARE(views(m_s->broadbandFault, m_s->gui().agentId), 0);

    // A click on the result opens it on the right.
    const QModelIndex first = page->resultModel()->index(0, 0);
    const QRect rect = page->resultList()->visualRect(first);
    QTest::mouseClick(page->resultList()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(page->articleView()->articleId(), m_s->broadbandFault);
    QCOMPARE(page->articleView()->titleText(), QStringLiteral("宽带故障排查：光猫红灯怎么办"));
    QVERIFY(page->articleView()->categoryText().contains(QStringLiteral("Broadband")));
    QVERIFY(page->articleView()->categoryText().contains(QStringLiteral("Broadband fault-finding")));
    QVERIFY(page->articleView()->factsText().contains(QStringLiteral("光猫")));
    QVERIFY(page->articleView()->peopleText().contains(QStringLiteral("王主管")));
    QVERIFY(page->articleView()->body()->toPlainText().contains(QStringLiteral("重启光猫")));
    QCOMPARE(views(m_s->broadbandFault, m_s->gui().agentId), 1);
    QVERIFY2(page->articleView()->statsText().startsWith(QStringLiteral("1 view")), qPrintable(page->articleView()->statsText()));
    // Each view is an outbox write.
    QVERIFY(m_s->count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'kb_feedback'"), {}) >= 1);
}

void TestKbPage::votingOnceOnly()
{
    auto page = makePage(m_s->agentSession());
    page->openArticle(m_s->roamingPass);
    KbArticleView* view = page->articleView();
    QVERIFY(view->helpfulButton()->isVisible());
    QVERIFY(view->helpfulButton()->isEnabled());
    QVERIFY(view->myVoteText().isEmpty());

    QTest::mouseClick(view->helpfulButton(), Qt::LeftButton);
    const QString votes = QStringLiteral("SELECT COUNT(*) FROM kb_feedback WHERE article_id = ? AND agent_id = ? AND kind IN ('helpful','not_helpful')");
    QCOMPARE(m_s->count(votes, {m_s->roamingPass, m_s->gui().agentId}), 1);
    QCOMPARE(view->myVote(), 1);
    QCOMPARE(view->myVoteText(), QStringLiteral("You found this helpful."));
    QVERIFY(!view->helpfulButton()->isEnabled());
    QVERIFY(!view->notHelpfulButton()->isEnabled());
    QVERIFY(view->statsText().contains(QStringLiteral("1 found it helpful")));

    // A second vote is refused and not written.
    QVERIFY(!view->vote(false));
    QVERIFY(!view->messageText().isEmpty());
    QCOMPARE(m_s->count(votes, {m_s->roamingPass, m_s->gui().agentId}), 1);

    // The agent's own vote is remembered: a new page shows it.
    page.reset();
    auto again = makePage(m_s->agentSession());
    again->openArticle(m_s->roamingPass);
    QCOMPARE(again->articleView()->myVote(), 1);
    QVERIFY(!again->articleView()->notHelpfulButton()->isEnabled());
}

void TestKbPage::linkingToTheCurrentTicket()
{
    auto page = makePage(m_s->agentSession());
    page->openArticle(m_s->planChange);
    // Without a ticket there is nothing to link to.
    QVERIFY(!page->articleView()->linkButton()->isVisible());

    const QString ticket = m_s->gui().openTicketOld;
    page->setCurrentTicket(ticket, QStringLiteral("T-0001"));
    QVERIFY(page->articleView()->linkButton()->isVisible());
    QVERIFY(page->articleView()->linkButton()->text().contains(QStringLiteral("T-0001")));
    QSignalSpy linksChanged(page.get(), &KbPage::ticketLinksChanged);
    QTest::mouseClick(page->articleView()->linkButton(), Qt::LeftButton);
    QCOMPARE(linksChanged.count(), 1);
    QCOMPARE(linksChanged.first().first().toString(), ticket);
    const QString links = QStringLiteral("SELECT COUNT(*) FROM ticket_kb_link WHERE ticket_id = ? AND article_id = ? AND deleted_at IS NULL");
    QCOMPARE(m_s->count(links, {ticket, m_s->planChange}), 1);
    QVERIFY(!page->articleView()->linkButton()->isVisible());
    QVERIFY(page->articleView()->unlinkButton()->isVisible());

    QTest::mouseClick(page->articleView()->unlinkButton(), Qt::LeftButton);
    QCOMPARE(m_s->count(links, {ticket, m_s->planChange}), 0);
    QVERIFY(page->articleView()->linkButton()->isVisible());

    page->setCurrentTicket(QString(), QString());
    QVERIFY(!page->articleView()->linkButton()->isVisible());
}

void TestKbPage::agentSeesNoEditorControls()
{
    auto page = makePage(m_s->agentSession());
    QVERIFY(!page->newArticleButton());
    QVERIFY(!page->workQueueList());
    QVERIFY(!page->tabs());
    QVERIFY(!page->unpublishedFilter());
    page->openArticle(m_s->planChange);
    KbArticleView* view = page->articleView();
    for (QPushButton* b : {view->editButton(), view->submitButton(), view->approveButton(), view->sendBackButton(),
                           view->retireButton()})
        QVERIFY2(!b->isVisible(), qPrintable(b->objectName()));
    // Drafts are out of an agent's reach altogether.
    page->openArticle(m_s->draft);
    QCOMPARE(view->articleId(), m_s->planChange);
}

void TestKbPage::supervisorSeesTheEditorControls()
{
    auto page = makePage(m_s->supervisorSession());
    QVERIFY(page->newArticleButton() && page->newArticleButton()->isVisible());
    QVERIFY(page->workQueueList());
    page->tabs()->setCurrentIndex(1);
    QVERIFY(page->workQueueList()->isVisible());
    QStringList queued;
    for (int i = 0; i < page->workQueueList()->count(); ++i)
        queued << page->workQueueList()->item(i)->data(Qt::UserRole).toString();
    QVERIFY(queued.contains(m_s->draft));
    QVERIFY(queued.contains(m_s->inReview));
    QVERIFY(!queued.contains(m_s->planChange));

    KbArticleView* view = page->articleView();
    // A published article: a new version or retirement.
    page->openArticle(m_s->planChange);
    QVERIFY(view->editButton()->isVisible());
    QVERIFY(view->retireButton()->isVisible());
    QVERIFY(!view->submitButton()->isVisible());
    QVERIFY(!view->approveButton()->isVisible());

    // Their own draft: edit and submit, not approve.
    page->openArticle(m_s->draft);
    QCOMPARE(view->articleId(), m_s->draft);
    QVERIFY(view->editButton()->isVisible());
    QVERIFY(view->submitButton()->isVisible());
    QVERIFY(!view->approveButton()->isVisible());
    QVERIFY(!view->retireButton()->isVisible());

    // Someone else's article in review: approve or send back.
    page->openArticle(m_s->inReview);
    QVERIFY(view->approveButton()->isVisible());
    QVERIFY(view->sendBackButton()->isVisible());
    QVERIFY(!view->editButton()->isVisible());
    QTest::mouseClick(view->approveButton(), Qt::LeftButton);
    QVERIFY2(view->messageText().contains(QStringLiteral("published")), qPrintable(view->messageText()));
    QCOMPARE(view->article().status, QStringLiteral("published"));
    // Out of the work queue, into the search.
    queued.clear();
    for (int i = 0; i < page->workQueueList()->count(); ++i)
        queued << page->workQueueList()->item(i)->data(Qt::UserRole).toString();
    QVERIFY(!queued.contains(m_s->inReview));
    page->tabs()->setCurrentIndex(0);
    type(page.get(), QStringLiteral("信号"));
    QTRY_VERIFY(!page->isSearchPending());
    QVERIFY(page->resultIds().contains(m_s->inReview));
}

void TestKbPage::supervisorSendsBackWithANote()
{
    auto page = makePage(m_s->supervisorSession());
    page->openArticle(m_s->inReview);
    KbArticleView* view = page->articleView();
    onNextModal<QInputDialog>([](QInputDialog* dialog) {
        dialog->setTextValue(QStringLiteral("请补充室内信号的处理步骤"));
        dialog->accept();
    });
    QTest::mouseClick(view->sendBackButton(), Qt::LeftButton);
    QCOMPARE(view->article().status, QStringLiteral("draft"));
    QCOMPARE(view->article().reviewNote, QStringLiteral("请补充室内信号的处理步骤"));
    QVERIFY(!view->approveButton()->isVisible());
}

void TestKbPage::historyShowsTheVersionsAndTheDiff()
{
    // A second version through the service: one paragraph replaced, a tag added.
    KbArticleService author(m_s->store(), m_s->supervisorSession());
    const Result<QString> revision = author.startRevision(m_s->planChange);
    QVERIFY2(revision.ok(), qPrintable(revision.errorMessage()));
    KbDraft d = KbScenario::makeDraft(QStringLiteral("套餐变更规则"),
                                      QStringLiteral("<p>套餐变更次月生效。</p><p>合约期内可升档，不可降档。</p>"),
                                      QStringLiteral("plans.change"), {QStringLiteral("套餐"), QStringLiteral("合约")},
                                      QStringLiteral("zh_CN"));
    d.changeNote = QStringLiteral("补充合约期规则");
    QVERIFY(author.saveDraft(revision.value(), d));
    QVERIFY(author.submitForReview(revision.value()));
    QVERIFY(KbArticleService(m_s->store(), m_s->adminSession()).approve(revision.value()));

    auto page = makePage(m_s->agentSession());
    page->openArticle(m_s->planChange);
    QVERIFY(page->articleView()->factsText().contains(QStringLiteral("Version 2")));
    QVERIFY(page->articleView()->historyButton()->isVisible());
    bool checked = false;
    onNextModal<KbHistoryDialog>([&checked](KbHistoryDialog* dialog) {
        QCOMPARE(dialog->versionList()->count(), 2);
        QVERIFY(dialog->versionList()->item(0)->text().startsWith(QStringLiteral("Version 2")));
        QVERIFY(dialog->versionList()->item(0)->text().contains(QStringLiteral("补充合约期规则")));
        const QString html = dialog->changes()->toHtml();
        QVERIFY2(html.contains(QStringLiteral("合约期内可升档")), qPrintable(html));
        QVERIFY(dialog->changes()->toPlainText().contains(QStringLiteral("+ 合约期内可升档")));
        QVERIFY(dialog->changes()->toPlainText().contains(QStringLiteral("Tags added: 合约")));
        checked = true;
        dialog->reject();
    });
    QTest::mouseClick(page->articleView()->historyButton(), Qt::LeftButton);
    QVERIFY(checked);
}

void TestKbPage::setQueryOpensTheFirstResult()
{
    auto page = makePage(m_s->agentSession());
    page->setQuery(QStringLiteral("roaming day pass"));
    QVERIFY(!page->isSearchPending());
    QVERIFY(!page->resultIds().isEmpty());
    QCOMPARE(page->articleView()->articleId(), page->resultIds().first());
    QCOMPARE(page->articleView()->articleId(), m_s->roamingPass);
    QCOMPARE(page->resultList()->currentIndex().data(KbHitDelegate::ArticleIdRole).toString(), m_s->roamingPass);
    // The searched words are marked in the body: "roaming" twice, "day" and "pass" once each at least.
    QVERIFY2(page->articleView()->highlightCount() >= 4, qPrintable(QString::number(page->articleView()->highlightCount())));
    // Opened from elsewhere (a ticket's suggestion), nothing is marked.
    page->openArticle(m_s->planChange);
    QCOMPARE(page->articleView()->highlightCount(), 0);
}

void TestKbPage::partialAndTruncatedQueriesAreSaidSo()
{
    auto page = makePage(m_s->agentSession());
    // One word matches, the other nothing: the articles with the one are shown, and the page says so.
    type(page.get(), QStringLiteral("光猫 zzqxv"));
    QTRY_VERIFY(!page->isSearchPending());
    QVERIFY(page->lastResult().partial);
    QCOMPARE(page->resultIds(), QStringList{m_s->broadbandFault});
    QVERIFY2(page->noticeText().contains(QStringLiteral("partial matches")), qPrintable(page->noticeText()));

    // A query longer than KbQuery reads: its beginning is searched, and the page says so.
    QString longQuery = QStringLiteral("光猫");
    while (longQuery.size() <= KbQuery::kMaxChars + 10)
        longQuery += QStringLiteral(" 红灯");
    page->setQuery(longQuery);
    QVERIFY(page->lastResult().truncated);
    QVERIFY2(page->noticeText().contains(QStringLiteral("only its beginning was searched")), qPrintable(page->noticeText()));
    QVERIFY(page->resultIds().contains(m_s->broadbandFault));

    // A plain query has neither notice.
    type(page.get(), QStringLiteral("宽带"));
    QTRY_VERIFY(!page->isSearchPending());
    QVERIFY(page->noticeText().isEmpty());
}

void TestKbPage::enterOpensTheFirstResult()
{
    auto page = makePage(m_s->agentSession());
    type(page.get(), QStringLiteral("套餐变更"));
    // Enter before the pause is over: the search runs at once and its first result opens.
    QTest::keyClick(page->searchEdit(), Qt::Key_Return);
    QCOMPARE(page->articleView()->articleId(), m_s->planChange);
    QCOMPARE(views(m_s->planChange, m_s->gui().agentId), 1);
}

void TestKbPage::manyMatchesCountAsTheCap()
{
    TempStore temp;
    QVERIFY2(temp.ok(), qPrintable(temp.error()));
    KbGenerator::Options options;
    options.articles = 600;
    const Result<KbGenerator::Stats> made = KbGenerator::generate(temp.store(), options);
    QVERIFY2(made.ok(), qPrintable(made.errorMessage()));
    Session agent = m_s->agentSession();
    KbPage page(temp.store(), agent);
    page.resize(1200, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    // Among the sections without a query: the week's most useful (the generator votes over 60 days).
    QVERIFY2(page.sectionHeadings().contains(QStringLiteral("Most useful this week")), qPrintable(page.sectionHeadings().join(u',')));
    page.setQuery(QStringLiteral("办理"));
    QVERIFY2(page.lastResult().matched >= KbSearch::kMatchCap, qPrintable(QString::number(page.lastResult().matched)));
    QCOMPARE(page.countText(), QStringLiteral("200+ results"));
    QCOMPARE(page.resultIds().size(), KbPage::kResultLimit);
}

QTEST_MAIN(TestKbPage)
#include "tst_kbpage.moc"
