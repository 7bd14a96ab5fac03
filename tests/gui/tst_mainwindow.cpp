#include "GuiScenario.h"
#include "MainWindow.h"
#include "SyncStatusWidget.h"
#include "customer/CustomerHeader.h"
#include "customer/CustomerPanel.h"
#include "customer/AddNoteDialog.h"
#include "customer/CustomerSearchPage.h"
#include "customer/LogInteractionDialog.h"
#include "itemmodels/CustomerSearchModel.h"
#include "Fixtures.h"
#include "kb/KbArticleService.h"
#include "kb/KbArticleView.h"
#include "kb/KbPage.h"
#include "retention/RetentionPage.h"
#include "retention/RiskCard.h"
#include "retention/ScoringController.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace telcodesk;
using namespace telcodesk::test;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void onlyExistingSectionsAreListed();
    void statusBarSaysWhereTheDataComesFrom();
    void serverGivenIsShownHonestly();
    void searchEnterOpensEscGoesBackWithQueryIntact();
    void ctrlFFocusesSearchFromThePanel();
    void backAndForwardThroughViewedCustomers();
    void recentMenuListsViewedCustomers();
    void openByNumber();
    void screenPopUnknownNumberShowsTheSearch();
    void changesWaitingToSyncCountLocalWrites();
    void changesWaitingToSyncInChinese();
    void knowledgeBaseSectionAndArticleFromATicket();
    void retentionSection();
    void backgroundScoringReachesThePanel();
    void rejectedModelFileIsToldInTheStatusBar();

private:
    std::unique_ptr<GuiScenario> m_s;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
    m_window = std::make_unique<MainWindow>(m_s->store(), m_s->agentSession(), MainWindow::Options{});
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_s.reset();
}

void TestMainWindow::onlyExistingSectionsAreListed()
{
    QListWidget* nav = m_window->navigation();
    QCOMPARE(nav->count(), 4);
    QCOMPARE(nav->item(0)->text(), QStringLiteral("Customers"));
    QCOMPARE(nav->item(1)->text(), QStringLiteral("Tickets"));
    QCOMPARE(nav->item(2)->text(), QStringLiteral("Knowledge base"));
    QCOMPARE(nav->item(3)->text(), QStringLiteral("Retention"));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("TelcoDesk"));
}

void TestMainWindow::statusBarSaysWhereTheDataComesFrom()
{
    // 陈静 and her duplicate, the household and its two members, and the 60 张伟.
    QCOMPARE(m_window->syncStatus()->databaseText(), QStringLiteral("Local database · 65 customers"));
    QCOMPARE(m_window->syncStatus()->serverText(), QStringLiteral("Offline — no server configured"));
    auto* agent = m_window->findChild<QLabel*>(QStringLiteral("agentStatus"));
    QCOMPARE(agent->text(), QStringLiteral("刘洋 (agent01) · Agent"));
}

void TestMainWindow::serverGivenIsShownHonestly()
{
    // A server account with no sync running (worked offline, or signed out) says so.
    MainWindow window(m_s->store(), m_s->agentSession(), MainWindow::Options{QStringLiteral("postgresql://db.example:5432/crm")});
    QCOMPARE(window.syncStatus()->serverText(), QStringLiteral("Offline — signed out"));
    QVERIFY(window.syncStatus()->offersSignIn());
    QVERIFY(window.syncStatus()->serverToolTip().contains(QStringLiteral("postgresql://db.example:5432/crm")));
}

void TestMainWindow::searchEnterOpensEscGoesBackWithQueryIntact()
{
    CustomerSearchPage* search = m_window->searchPage();
    QVERIFY(search->searchField()->hasFocus());
    typeText(search->searchField(), QStringLiteral("张伟"));
    QTRY_VERIFY_WITH_TIMEOUT(search->resultsModel()->rowCount() > 2, 2000);
    QTest::keyClick(search->searchField(), Qt::Key_Down);
    QTest::keyClick(search->searchField(), Qt::Key_Down);
    const QString chosen = search->resultsModel()->customerId(2);
    QCOMPARE(search->selectedCustomerId(), chosen);

    QTest::keyClick(search->searchField(), Qt::Key_Return);
    QVERIFY(m_window->isShowingCustomer());
    QCOMPARE(m_window->customerPanel()->customerId(), chosen);
    QVERIFY(m_window->windowTitle().contains(m_window->customerPanel()->header()->nameText()));

    QWidget* focus = QApplication::focusWidget();
    QVERIFY(focus);
    QTest::keyClick(focus, Qt::Key_Escape);
    QVERIFY(!m_window->isShowingCustomer());
    QCOMPARE(search->query(), QStringLiteral("张伟"));
    QCOMPARE(search->selectedCustomerId(), chosen);
    QVERIFY(search->searchField()->hasFocus());

    // Enter opens the same customer again; the next one is a Down away.
    QTest::keyClick(search->searchField(), Qt::Key_Down);
    QTest::keyClick(search->searchField(), Qt::Key_Return);
    QCOMPARE(m_window->customerPanel()->customerId(), search->resultsModel()->customerId(3));
}

void TestMainWindow::ctrlFFocusesSearchFromThePanel()
{
    QVERIFY(m_window->openCustomer(m_s->chenJing).ok());
    QVERIFY(m_window->isShowingCustomer());
    QWidget* focus = m_window->customerPanel()->findChild<QTableView*>(QStringLiteral("timelineView"));
    focus->setFocus();
    QTest::keyClick(focus, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(!m_window->isShowingCustomer());
    QVERIFY(m_window->searchPage()->searchField()->hasFocus());
}

void TestMainWindow::backAndForwardThroughViewedCustomers()
{
    QVERIFY(!m_window->backAction()->isEnabled());
    QVERIFY(m_window->openCustomer(m_s->chenJing).ok());
    QVERIFY(m_window->openCustomer(m_s->wangQiang).ok());
    QVERIFY(m_window->openCustomer(m_s->household).ok());
    QVERIFY(m_window->backAction()->isEnabled());
    QVERIFY(!m_window->forwardAction()->isEnabled());

    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->wangQiang);
    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->chenJing);
    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QVERIFY(!m_window->isShowingCustomer()); // the search the window started on
    QVERIFY(!m_window->backAction()->isEnabled());
    QTest::keyClick(m_window.get(), Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->chenJing);
    QVERIFY(m_window->isShowingCustomer());

    // Opening another customer from here drops what was forward.
    QVERIFY(m_window->openCustomer(m_s->wangXiaoming).ok());
    QVERIFY(!m_window->forwardAction()->isEnabled());
    m_window->backAction()->trigger();
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->chenJing);
}

void TestMainWindow::recentMenuListsViewedCustomers()
{
    QMenu* recent = m_window->recentMenu();
    QCOMPARE(recent->actions().size(), 1);
    QVERIFY(!recent->actions().at(0)->isEnabled());
    QVERIFY(m_window->openCustomer(m_s->chenJing).ok());
    QVERIFY(m_window->openCustomer(m_s->wangQiang).ok());
    QVERIFY(m_window->openCustomer(m_s->chenJing).ok());
    QCOMPARE(recent->actions().size(), 2);
    QCOMPARE(recent->actions().at(0)->text(), QStringLiteral("陈静  139****5678"));
    QCOMPARE(recent->actions().at(1)->text(), QStringLiteral("王强  138****8000"));
    recent->actions().at(1)->trigger();
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->wangQiang);
}

void TestMainWindow::openByNumber()
{
    QVERIFY(m_window->openCustomerByNumber(QStringLiteral("139 1234 5678")).ok());
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->chenJing);
    const Status missing = m_window->openCustomerByNumber(QStringLiteral("13700000000"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("not_found"));
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->chenJing);
}

void TestMainWindow::screenPopUnknownNumberShowsTheSearch()
{
    m_window->screenPop(QStringLiteral("13800138000"));
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->wangQiang);
    QVERIFY(m_window->isShowingCustomer());
    m_window->screenPop(QStringLiteral("13011112222"));
    QVERIFY(!m_window->isShowingCustomer());
    QCOMPARE(m_window->searchPage()->query(), QStringLiteral("13011112222"));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("130****2222")));
}

void TestMainWindow::changesWaitingToSyncCountLocalWrites()
{
    // As the application does for --lang en: the English file holds the plural forms.
    QTranslator english;
    QVERIFY(english.load(QStringLiteral(":/i18n/telcodesk_en.qm")));
    QCoreApplication::installTranslator(&english);
    auto cleanup = qScopeGuard([&] { QCoreApplication::removeTranslator(&english); });

    SyncStatusWidget* sync = m_window->syncStatus();
    QCOMPARE(sync->outboxText(), QStringLiteral("No changes waiting to sync"));
    QCOMPARE(sync->rejectedText(), QString());
    QVERIFY(m_window->openCustomer(m_s->chenJing).ok());

    onNextModal<LogInteractionDialog>([](LogInteractionDialog* dialog) {
        typeText(dialog->summaryEdit(), QStringLiteral("查询话费"));
        dialog->save();
    });
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(sync->outboxText(), QStringLiteral("1 change waiting to sync"));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Interaction saved.")));

    onNextModal<AddNoteDialog>([](AddNoteDialog* dialog) {
        typeText(dialog->bodyEdit(), QStringLiteral("下月初回访"));
        dialog->save();
    });
    QVERIFY(m_window->customerPanel()->addNote());
    QCOMPARE(sync->outboxText(), QStringLiteral("2 changes waiting to sync"));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Note saved.")));

    // The sync engine records a permanent rejection; the next local write shows it.
    QSqlQuery q(m_s->store()->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE outbox SET state = 'rejected' WHERE seq = (SELECT min(seq) FROM outbox)")));
    onNextModal<LogInteractionDialog>([](LogInteractionDialog* dialog) {
        typeText(dialog->summaryEdit(), QStringLiteral("再次来电"));
        dialog->save();
    });
    QVERIFY(m_window->customerPanel()->logInteraction());
    QCOMPARE(sync->outboxText(), QStringLiteral("2 changes waiting to sync"));
    QCOMPARE(sync->rejectedText(), QStringLiteral("1 change rejected"));
    QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("rejectedStatus"))->isVisible());

    // A new window reads the same counts from the database.
    MainWindow again(m_s->store(), m_s->agentSession(), MainWindow::Options{});
    QCOMPARE(again.syncStatus()->outboxText(), QStringLiteral("2 changes waiting to sync"));
}

void TestMainWindow::changesWaitingToSyncInChinese()
{
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(":/i18n/telcodesk_zh_CN.qm")));
    QCoreApplication::installTranslator(&chinese);
    auto cleanup = qScopeGuard([&] { QCoreApplication::removeTranslator(&chinese); });
    SyncStatusWidget widget;
    widget.setOutboxCounts(3, 2);
    QCOMPARE(widget.outboxText(), QStringLiteral("3 项变更待同步"));
    QCOMPARE(widget.rejectedText(), QStringLiteral("2 项变更被服务器拒绝"));
    widget.setOutboxCounts(0, 0);
    QCOMPARE(widget.outboxText(), QStringLiteral("没有待同步的变更"));
    QCOMPARE(widget.rejectedText(), QString());
}

void TestMainWindow::knowledgeBaseSectionAndArticleFromATicket()
{
    // An article published by an admin (who may review their own).
    Session admin;
    admin.agentId = Fixtures(m_s->store()).addAgent(QStringLiteral("admin01"), QStringLiteral("admin"));
    admin.login = QStringLiteral("admin01");
    admin.role = Role::Admin;
    KbArticleService service(m_s->store(), admin);
    KbDraft d;
    d.title = QStringLiteral("宽带测速方法");
    d.body = QStringLiteral("<p>请客户用网线连接电脑测速。</p>");
    d.category = QStringLiteral("broadband.fault");
    d.language = QStringLiteral("zh_CN");
    const Result<QString> id = service.createDraft(d);
    QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
    QVERIFY(service.submitForReview(id.value()));
    QVERIFY(service.approve(id.value()));

    // Ctrl+K: the section, with the cursor in its search.
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(m_window->navigation()->currentRow(), 2);
    QVERIFY(m_window->knowledgePage()->isVisible());
    QTRY_VERIFY(m_window->knowledgePage()->searchEdit()->hasFocus());

    // From a ticket: the article opens with "Link to ticket" for that ticket.
    m_window->showSearch();
    QVERIFY(m_window->showKnowledgeArticle(id.value(), m_s->openTicketOld, QStringLiteral("T-0042")));
    QCOMPARE(m_window->navigation()->currentRow(), 2);
    KbArticleView* view = m_window->knowledgePage()->articleView();
    QCOMPARE(view->articleId(), id.value());
    QVERIFY(view->linkButton()->isVisible());
    QVERIFY(view->linkButton()->text().contains(QStringLiteral("T-0042")));
    // An article the agent cannot read is refused and the section stays where it was.
    m_window->showSearch();
    QVERIFY(!m_window->showKnowledgeArticle(QStringLiteral("no-such-article")));
    QCOMPARE(m_window->navigation()->currentRow(), 0);
}

void TestMainWindow::retentionSection()
{
    // Ctrl+R: the section; an agent has only their own tasks there.
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(m_window->navigation()->currentRow(), 3);
    RetentionPage* page = m_window->retentionPage();
    QVERIFY(page->isVisible());
    QVERIFY(!page->showsAtRiskList());
    QVERIFY(page->taskEmptyText().startsWith(QStringLiteral("Not scored yet")));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Retention"));

    // A customer chosen in the section opens in the 360° panel, in the history like any other.
    emit page->openCustomerRequested(m_s->chenJing);
    QVERIFY(m_window->isShowingCustomer());
    QCOMPARE(m_window->navigation()->currentRow(), 0);
    QCOMPARE(m_window->customerPanel()->customerId(), m_s->chenJing);
    QVERIFY(m_window->backAction()->isEnabled());
}

void TestMainWindow::backgroundScoringReachesThePanel()
{
    QVERIFY(m_window->openCustomer(m_s->chenJing));
    QCOMPARE(m_window->customerPanel()->header()->riskText(), QStringLiteral("Risk: not scored yet"));
    ScoringController scoring(m_s->store(), m_s->dataDir(), m_s->agentId);
    m_window->setScoringController(&scoring);
    QSignalSpy finished(&scoring, &ScoringController::fullRunFinished);
    scoring.start();
    // Everyone is scored in the scoring thread; the window stays live meanwhile (this wait runs its loop).
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QTRY_VERIFY(m_window->customerPanel()->header()->riskText() != QStringLiteral("Risk: not scored yet"));
    QVERIFY(!m_window->customerPanel()->header()->riskBand().isEmpty());
    QVERIFY(m_window->customerPanel()->riskCard()->score());
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Churn risk scored for ")));

    // A contact logged here is re-scored: the card follows.
    const qint64 scoredAt = m_window->customerPanel()->riskCard()->score()->scoredAtMs;
    QSignalSpy scored(&scoring, &ScoringController::scored);
    scoring.customersChanged({m_s->chenJing});
    QTRY_VERIFY_WITH_TIMEOUT(!scored.isEmpty(), 60000);
    QCOMPARE(scored.first().at(0).toStringList(), QStringList{m_s->chenJing});
    QTRY_VERIFY(m_window->customerPanel()->riskCard()->score()->scoredAtMs >= scoredAt);
    scoring.shutdown();
    m_window->setScoringController(nullptr);
}

void TestMainWindow::rejectedModelFileIsToldInTheStatusBar()
{
    ScoringController scoring(m_s->store(), m_s->dataDir(), m_s->agentId);
    m_window->setScoringController(&scoring);
    QSignalSpy finished(&scoring, &ScoringController::fullRunFinished);
    QSignalSpy rejected(&scoring, &ScoringController::modelRejected);
    scoring.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);

    QFile file(QDir(m_s->dataDir()).filePath(QStringLiteral("scoring-model.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"telcodesk-model\", \"version\": 99}");
    file.close();
    QTRY_VERIFY_WITH_TIMEOUT(rejected.count() == 1, 60000);
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.startsWith(QStringLiteral("The new churn model was not used: ")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("scoring-model.json")), qPrintable(message));
    QVERIFY2(message.endsWith(QStringLiteral(". Scoring goes on with the model in use.")), qPrintable(message));
    QCOMPARE(finished.count(), 1);
    scoring.shutdown();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
