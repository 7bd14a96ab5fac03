#include "MainWindow.h"

#include "Labels.h"
#include "SyncStatusWidget.h"
#include "common/Logging.h"
#include "customer/CustomerHeader.h"
#include "customer/CustomerPanel.h"
#include "customer/CustomerSearchPage.h"
#include "kb/KbPage.h"
#include "retention/RetentionPage.h"
#include "retention/ScoringController.h"
#include "security/Masking.h"
#include "services/AgentDirectory.h"
#include "services/Customer360Service.h"
#include "services/ConflictService.h"
#include "services/OutboxStatus.h"
#include "services/RejectedChangeService.h"
#include "sync/ConflictsDialog.h"
#include "sync/LocalSyncState.h"
#include "sync/RejectedChangesDialog.h"
#include "sync/SyncController.h"
#include "tickets/TicketsSection.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>
#include <utility>

namespace telcodesk {

namespace {

enum Section { CustomersSection, TicketsSectionIndex, KnowledgeSection, RetentionSection };
enum CustomerPage { SearchPage, PanelPage };

} // namespace

MainWindow::MainWindow(LocalStorePtr store, const Session& session, const Options& options, QWidget* parent)
    : QMainWindow(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_options(options)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("TelcoDesk"));

    m_search = new CustomerSearchPage(m_store, this);
    m_panel = new CustomerPanel(m_store, m_session, Clock::system(), this);
    m_customerPages = new QStackedWidget(this);
    m_customerPages->insertWidget(SearchPage, m_search);
    m_customerPages->insertWidget(PanelPage, m_panel);

    m_sections = new QStackedWidget(this);
    m_sections->insertWidget(CustomersSection, m_customerPages);
    m_tickets = new TicketsSection(m_store, m_session, Clock::system(), this);
    m_sections->insertWidget(TicketsSectionIndex, m_tickets);
    m_kb = new KbPage(m_store, m_session, Clock::system(), this);
    m_sections->insertWidget(KnowledgeSection, m_kb);
    m_retention = new RetentionPage(m_store, m_session, Clock::system(), this);
    m_sections->insertWidget(RetentionSection, m_retention);

    // Only sections that exist are listed: later work adds tickets, the knowledge base and dashboards.
    m_nav = new QListWidget(this);
    m_nav->setObjectName(QStringLiteral("sectionNavigation"));
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setSpacing(2);
    m_nav->setStyleSheet(QStringLiteral("QListWidget#sectionNavigation { background: palette(window); padding: 6px; }"
                                        "QListWidget#sectionNavigation::item { padding: 8px 6px; border-radius: 4px; }"
                                        "QListWidget#sectionNavigation::item:selected { background: palette(highlight);"
                                        " color: palette(highlighted-text); }"));
    auto* customers = new QListWidgetItem(tr("Customers"), m_nav);
    customers->setToolTip(tr("Find a customer and see the 360° view (Ctrl+F)"));
    auto* tickets = new QListWidgetItem(tr("Tickets"), m_nav);
    tickets->setToolTip(tr("The ticket queue: your tickets, your team's, unassigned and breaching soon"));
    auto* knowledge = new QListWidgetItem(tr("Knowledge base"), m_nav);
    knowledge->setToolTip(tr("Articles on plans, roaming, bills, faults, porting and real-name rules (Ctrl+K)"));
    auto* retention = new QListWidgetItem(tr("Retention"), m_nav);
    retention->setToolTip(m_session.can(Permission::ManageRetention)
                              ? tr("Customers at risk of leaving and their retention tasks (Ctrl+R)")
                              : tr("Your retention tasks for customers at risk of leaving (Ctrl+R)"));
    m_nav->setCurrentRow(CustomersSection);
    m_nav->setFixedWidth(170);
    connect(m_nav, &QListWidget::currentRowChanged, m_sections, &QStackedWidget::setCurrentIndex);
    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        // Logging an interaction needs a customer on screen.
        m_panel->logInteractionAction()->setEnabled(row == CustomersSection && isShowingCustomer()
                                                    && m_session.can(Permission::LogInteraction));
    });

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_nav);
    auto* line = new QFrame(central);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);
    layout->addWidget(m_sections, 1);
    setCentralWidget(central);

    buildActions();

    m_sync = new SyncStatusWidget(this);
    m_sync->setCustomerCount(AgentDirectory(m_store).customerCount());
    // Until a sync runs (setSyncController), a server account is signed out: the cache is all there is.
    if (m_options.serverUrl.isEmpty()) {
        m_sync->setServerState(SyncStatusWidget::ServerState::NotConfigured);
    } else {
        m_sync->setServerState(SyncStatusWidget::ServerState::SignedOut, m_options.serverUrl);
        m_sync->setLastSyncAt(m_store->meta(QLatin1String(LocalSyncState::kLastSyncAt)).toLongLong());
    }
    connect(m_sync, &SyncStatusWidget::conflictsClicked, this, &MainWindow::showConflicts);
    connect(m_sync, &SyncStatusWidget::rejectedClicked, this, &MainWindow::showRejectedChanges);
    connect(m_sync, &SyncStatusWidget::signInClicked, this, &MainWindow::signInRequested);
    m_syncRefresh = new QTimer(this);
    m_syncRefresh->setSingleShot(true);
    m_syncRefresh->setInterval(300);
    connect(m_syncRefresh, &QTimer::timeout, this, &MainWindow::reloadShownCustomer);
    refreshOutboxStatus();
    m_agent = new QLabel(this);
    m_agent->setObjectName(QStringLiteral("agentStatus"));
    //: Status bar: signed-in agent; %1 display name, %2 login, %3 role
    m_agent->setText(tr("%1 (%2) · %3").arg(m_session.displayName, m_session.login, Labels::role(roleCode(m_session.role))));
    statusBar()->addPermanentWidget(m_sync);
    auto* separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    statusBar()->addPermanentWidget(separator);
    statusBar()->addPermanentWidget(m_agent);

    connect(m_search, &CustomerSearchPage::customerActivated, this, [this](const QString& id) {
        const Status shown = openCustomer(id);
        if (!shown)
            statusBar()->showMessage(shown.errorMessage(), 8000);
    });
    connect(m_panel, &CustomerPanel::openCustomerRequested, this, [this](const QString& id) {
        const Status shown = openCustomer(id);
        if (!shown)
            statusBar()->showMessage(shown.errorMessage(), 8000);
    });
    connect(m_panel, &CustomerPanel::backToSearchRequested, this, [this] { showSearch(); });
    connect(m_panel, &CustomerPanel::interactionLogged, this, [this] {
        statusBar()->showMessage(tr("Interaction saved. It will be sent to the server when sync is available."), 6000);
    });
    connect(m_panel, &CustomerPanel::noteAdded, this, [this] {
        statusBar()->showMessage(tr("Note saved. It will be sent to the server when sync is available."), 6000);
    });
    connect(m_panel, &CustomerPanel::localChangeWritten, this, &MainWindow::refreshOutboxStatus);
    connect(m_panel, &CustomerPanel::ticketsWritten, m_tickets, &TicketsSection::ticketsWritten);
    connect(m_panel, &CustomerPanel::openArticleRequested, this, [this](const QString& articleId) {
        const Status shown = showKnowledgeArticle(articleId);
        if (!shown)
            statusBar()->showMessage(shown.errorMessage(), 8000);
    });
    connect(m_panel, &CustomerPanel::openTicketRequested, this, [this](const QString& id) {
        const Status shown = openTicket(id);
        if (!shown)
            statusBar()->showMessage(shown.errorMessage(), 8000);
    });
    connect(m_tickets, &TicketsSection::openCustomerRequested, this, [this](const QString& id) {
        const Status shown = openCustomer(id);
        if (!shown)
            statusBar()->showMessage(shown.errorMessage(), 8000);
    });
    connect(m_tickets, &TicketsSection::localChangeWritten, this, &MainWindow::refreshOutboxStatus);
    connect(m_tickets, &TicketsSection::openArticleRequested, this,
            [this](const QString& articleId, const QString& ticketId, const QString& ticketNo) {
                const Status shown = showKnowledgeArticle(articleId, ticketId, ticketNo);
                if (!shown)
                    statusBar()->showMessage(shown.errorMessage(), 8000);
            });
    connect(m_tickets, &TicketsSection::message, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_kb, &KbPage::localChangeWritten, this, &MainWindow::refreshOutboxStatus);
    // The ticket's editor lists its linked articles: a link made in the knowledge base shows there too.
    connect(m_kb, &KbPage::ticketLinksChanged, m_tickets,
            [this](const QString& ticketId) { m_tickets->ticketsWritten({ticketId}); });
    connect(m_kb, &KbPage::message, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_retention, &RetentionPage::openCustomerRequested, this, [this](const QString& id) {
        const Status shown = openCustomer(id);
        if (!shown)
            statusBar()->showMessage(shown.errorMessage(), 8000);
    });
    connect(m_retention, &RetentionPage::localChangeWritten, this, &MainWindow::refreshOutboxStatus);
    connect(m_retention, &RetentionPage::message, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    // A task changed on one side is shown changed on the other.
    connect(m_retention, &RetentionPage::retentionTaskChanged, this, [this] { m_panel->scoresChanged({}); });
    connect(m_panel, &CustomerPanel::retentionTaskChanged, m_retention, &RetentionPage::taskChanged);
    connect(m_retention, &RetentionPage::rescoreRequested, this, [this] {
        if (!m_scoring || !m_scoring->isRunning()) {
            statusBar()->showMessage(tr("Churn-risk scoring is not running on this desktop."), 8000);
            return;
        }
        m_scoring->rescoreAll();
        //: Status bar after "Score again" on the retention page
        statusBar()->showMessage(tr("Scoring every customer again in the background…"), 8000);
    });
    // What the agent writes about a customer (a contact, a ticket) is re-scored at once.
    connect(m_panel, &CustomerPanel::localChangeWritten, this, [this] {
        if (m_scoring && !m_panel->customerId().isEmpty())
            m_scoring->customersChanged({m_panel->customerId()});
    });

    m_history.visit(NavigationHistory::search());
    updateNavigationActions();
    rebuildRecentMenu();
    resize(1440, 900);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    m_back = new QAction(style()->standardIcon(QStyle::SP_ArrowBack), tr("Back"), this);
    m_back->setObjectName(QStringLiteral("backAction"));
    m_back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_back->setToolTip(tr("Back (Alt+Left)"));
    connect(m_back, &QAction::triggered, this, [this] { goTo(m_history.back()); });

    m_forward = new QAction(style()->standardIcon(QStyle::SP_ArrowForward), tr("Forward"), this);
    m_forward->setObjectName(QStringLiteral("forwardAction"));
    m_forward->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_forward->setToolTip(tr("Forward (Alt+Right)"));
    connect(m_forward, &QAction::triggered, this, [this] { goTo(m_history.forward()); });

    m_find = new QAction(style()->standardIcon(QStyle::SP_FileDialogContentsView), tr("Find customer"), this);
    m_find->setObjectName(QStringLiteral("findAction"));
    m_find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    m_find->setShortcutContext(Qt::WindowShortcut);
    m_find->setToolTip(tr("Find a customer (Ctrl+F)"));
    connect(m_find, &QAction::triggered, this, [this] { showSearch(); });

    m_knowledge = new QAction(style()->standardIcon(QStyle::SP_DialogHelpButton), tr("Knowledge base"), this);
    m_knowledge->setObjectName(QStringLiteral("knowledgeAction"));
    m_knowledge->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_knowledge->setShortcutContext(Qt::WindowShortcut);
    m_knowledge->setToolTip(tr("Search the knowledge base (Ctrl+K)"));
    connect(m_knowledge, &QAction::triggered, this, [this] { showKnowledgeBase(); });

    m_retentionAction = new QAction(tr("Retention"), this);
    m_retentionAction->setObjectName(QStringLiteral("retentionAction"));
    m_retentionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_retentionAction->setShortcutContext(Qt::WindowShortcut);
    m_retentionAction->setToolTip(tr("Customers at risk of leaving and retention tasks (Ctrl+R)"));
    addAction(m_retentionAction);
    connect(m_retentionAction, &QAction::triggered, this, [this] { showRetention(); });

    m_recentMenu = new QMenu(tr("Recent"), this);
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_recentButton = new QToolButton(this);
    m_recentButton->setText(tr("Recent"));
    m_recentButton->setIcon(style()->standardIcon(QStyle::SP_FileDialogDetailedView));
    m_recentButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_recentButton->setPopupMode(QToolButton::InstantPopup);
    m_recentButton->setMenu(m_recentMenu);
    m_recentButton->setToolTip(tr("Customers viewed recently"));

    auto* toolbar = addToolBar(tr("Navigation"));
    toolbar->setObjectName(QStringLiteral("navigationToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_back);
    toolbar->addAction(m_forward);
    toolbar->addSeparator();
    toolbar->addAction(m_find);
    toolbar->addAction(m_knowledge);
    toolbar->addWidget(m_recentButton);
    toolbar->addSeparator();
    toolbar->addAction(m_panel->logInteractionAction());
}

Status MainWindow::openCustomer(const QString& customerId)
{
    const Status shown = showCustomerPage(customerId);
    if (shown)
        m_history.visit(NavigationHistory::customer(customerId));
    updateNavigationActions();
    return shown;
}

Status MainWindow::openCustomerByNumber(const QString& number)
{
    const Result<QString> id = Customer360Service(m_store).customerIdByNumber(number);
    if (!id)
        return id.error();
    return openCustomer(id.value());
}

Status MainWindow::showCustomerPage(const QString& customerId)
{
    const Status shown = m_panel->showCustomer(customerId);
    if (!shown)
        return shown;
    m_nav->setCurrentRow(CustomersSection);
    m_customerPages->setCurrentIndex(PanelPage);
    m_panel->logInteractionAction()->setEnabled(m_session.can(Permission::LogInteraction));
    const Customer& c = m_panel->view().customer;
    m_history.noteViewed({c.id, c.name, c.primaryMsisdn.isEmpty() ? QString() : Masking::msisdn(c.primaryMsisdn)});
    rebuildRecentMenu();
    // The platform adds the application's display name ("… — TelcoDesk") where window titles carry it.
    setWindowTitle(c.name);
    m_panel->setFocus(Qt::OtherFocusReason);
    return Status::success();
}

void MainWindow::showTickets()
{
    m_nav->setCurrentRow(TicketsSectionIndex);
    setWindowTitle(tr("Tickets"));
}

Status MainWindow::openTicket(const QString& ticketId)
{
    const Status shown = m_tickets->openTicket(ticketId);
    if (shown)
        showTickets();
    return shown;
}

void MainWindow::showKnowledgeBase()
{
    m_nav->setCurrentRow(KnowledgeSection);
    setWindowTitle(tr("Knowledge base"));
    m_kb->focusSearch();
}

void MainWindow::showKnowledgeBase(const QString& query)
{
    m_nav->setCurrentRow(KnowledgeSection);
    setWindowTitle(tr("Knowledge base"));
    m_kb->setQuery(query);
}

Status MainWindow::showKnowledgeArticle(const QString& articleId, const QString& ticketId, const QString& ticketNo)
{
    m_kb->setCurrentTicket(ticketId, ticketNo);
    const Status shown = m_kb->showArticle(articleId);
    if (!shown)
        return shown;
    m_nav->setCurrentRow(KnowledgeSection);
    setWindowTitle(tr("Knowledge base"));
    return shown;
}

void MainWindow::showRetention()
{
    m_nav->setCurrentRow(RetentionSection);
    setWindowTitle(tr("Retention"));
}

void MainWindow::setScoringController(ScoringController* controller)
{
    if (m_scoring)
        disconnect(m_scoring, nullptr, this, nullptr);
    m_scoring = controller;
    if (!controller)
        return;
    connect(controller, &ScoringController::scored, this, [this](const QStringList& customerIds) {
        m_panel->scoresChanged(customerIds);
        m_retention->scoresChanged(customerIds);
        // Scoring opens retention tasks for customers who turn high-risk: synced rows waiting to be sent.
        refreshOutboxStatus();
    });
    connect(controller, &ScoringController::progress, this, [this](int done, int total) {
        //: Status bar while every customer is scored in the background
        statusBar()->showMessage(tr("Scoring churn risk: %1 of %2 customers…")
                                     .arg(QLocale().toString(done), QLocale().toString(total)),
                                 5000);
    });
    connect(controller, &ScoringController::fullRunFinished, this, [this](const ScoringRun::Report& report) {
        //: Status bar after scoring everyone; %1 customers, %2 of them at high risk, %n tasks opened
        statusBar()->showMessage(tr("Churn risk scored for %1 customers, %2 at high risk; %n retention task(s) opened.",
                                    nullptr, report.tasksOpened)
                                     .arg(QLocale().toString(report.customers), QLocale().toString(report.high)),
                                 10000);
    });
    connect(controller, &ScoringController::modelRejected, this, [this](const QString& path, const QString& message) {
        QString why = message.trimmed();
        while (why.endsWith(QLatin1Char('.')) || why.endsWith(QChar(0x3002)))
            why.chop(1);
        // The loader's message usually names the file already.
        const QString text = why.contains(path)
            //: Status bar; %1 why the churn model file was refused (it names the file)
            ? tr("The new churn model was not used: %1. Scoring goes on with the model in use.").arg(why)
            //: Status bar; %1 the model file, %2 why it was refused
            : tr("The churn model %1 was not used: %2. Scoring goes on with the model in use.")
                  .arg(QDir::toNativeSeparators(path), why);
        statusBar()->showMessage(text, 20000);
    });
    connect(controller, &ScoringController::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });
}

void MainWindow::showSearch()
{
    showSearchPage();
    m_history.visit(NavigationHistory::search());
    updateNavigationActions();
}

void MainWindow::showSearch(const QString& query)
{
    showSearch();
    m_search->setQuery(query);
}

void MainWindow::showSearchPage()
{
    m_nav->setCurrentRow(CustomersSection);
    m_customerPages->setCurrentIndex(SearchPage);
    m_panel->logInteractionAction()->setEnabled(false);
    setWindowTitle(tr("TelcoDesk"));
    m_search->focusSearch();
}

void MainWindow::goTo(const NavigationHistory::Place& place)
{
    if (place.kind == NavigationHistory::Place::Kind::Search) {
        showSearchPage();
    } else {
        const Status shown = showCustomerPage(place.customerId);
        if (!shown)
            statusBar()->showMessage(shown.errorMessage(), 8000);
    }
    updateNavigationActions();
}

void MainWindow::screenPop(const QString& number)
{
    const Status shown = openCustomerByNumber(number);
    if (!shown) {
        showSearch(number);
        //: Status bar after a screen-pop; %1 is the caller's number as received
        statusBar()->showMessage(tr("Incoming call from %1: %2").arg(Masking::msisdn(number), shown.errorMessage()), 10000);
    }
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
}

bool MainWindow::isShowingCustomer() const
{
    return m_customerPages->currentIndex() == PanelPage;
}

void MainWindow::updateNavigationActions()
{
    m_back->setEnabled(m_history.canGoBack());
    m_forward->setEnabled(m_history.canGoForward());
}

void MainWindow::refreshOutboxStatus()
{
    const Result<int> pending = OutboxStatus(m_store).pendingCount();
    // Rejections the agent has dismissed no longer count, as in the sync engine's report.
    const Result<int> rejected = RejectedChangeService(m_store).count();
    const Result<int> conflicts = ConflictService(m_store).openCount();
    if (!pending || !rejected || !conflicts) {
        // The counts stay as they were: a status line must never get in the agent's way.
        qCWarning(lcSync) << (!pending ? pending.errorMessage() : !rejected ? rejected.errorMessage()
                                                                            : conflicts.errorMessage());
        return;
    }
    m_sync->setOutboxCounts(pending.value(), rejected.value());
    m_sync->setConflictCount(conflicts.value());
}

void MainWindow::setServerAccount(const QString& displayName)
{
    if (m_accountMenu)
        return;
    m_accountMenu = menuBar()->addMenu(tr("&Account"));
    m_accountMenu->setObjectName(QStringLiteral("accountMenu"));
    QAction* who = m_accountMenu->addAction(displayName);
    who->setEnabled(false);
    m_accountMenu->addSeparator();

    m_syncNow = m_accountMenu->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Sync &now"));
    m_syncNow->setObjectName(QStringLiteral("syncNowAction"));
    m_syncNow->setShortcut(QKeySequence(Qt::Key_F5));
    m_syncNow->setToolTip(tr("Send waiting changes and fetch the server's now (F5)"));
    connect(m_syncNow, &QAction::triggered, this, [this] {
        if (m_controller)
            m_controller->syncNow();
    });
    m_signIn = m_accountMenu->addAction(tr("Sign &in…"));
    m_signIn->setObjectName(QStringLiteral("signInAction"));
    connect(m_signIn, &QAction::triggered, this, &MainWindow::signInRequested);
    m_signOut = m_accountMenu->addAction(tr("Sign &out"));
    m_signOut->setObjectName(QStringLiteral("signOutAction"));
    m_signOut->setToolTip(tr("Stop syncing and forget the password remembered on this computer. The local copy "
                             "stays usable offline."));
    connect(m_signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    m_accountMenu->addSeparator();
    QAction* conflicts = m_accountMenu->addAction(tr("&Conflicts…"));
    connect(conflicts, &QAction::triggered, this, &MainWindow::showConflicts);
    QAction* rejected = m_accountMenu->addAction(tr("&Rejected changes…"));
    connect(rejected, &QAction::triggered, this, &MainWindow::showRejectedChanges);
    updateAccountActions();
}

void MainWindow::setSyncController(SyncController* controller)
{
    if (m_controller) {
        disconnect(m_controller, nullptr, this, nullptr);
        disconnect(m_controller, nullptr, m_sync, nullptr);
    }
    m_controller = controller;
    if (controller) {
        connect(controller, &SyncController::statusChanged, m_sync, &SyncStatusWidget::setSyncStatus);
        connect(controller, &SyncController::dataChanged, this, &MainWindow::refreshFromSync);
        if (controller->status().state != SyncStatus::State::Disabled)
            m_sync->setSyncStatus(controller->status());
    } else if (!m_options.serverUrl.isEmpty()) {
        m_sync->setServerState(SyncStatusWidget::ServerState::SignedOut, m_options.serverUrl);
        m_sync->setLastSyncAt(m_store->meta(QLatin1String(LocalSyncState::kLastSyncAt)).toLongLong());
        refreshOutboxStatus();
    }
    updateAccountActions();
}

SyncController* MainWindow::syncController() const
{
    return m_controller;
}

void MainWindow::updateAccountActions()
{
    if (!m_accountMenu)
        return;
    const bool running = m_controller && m_controller->isRunning();
    m_syncNow->setEnabled(running);
    m_signOut->setEnabled(true);
    m_signIn->setEnabled(true);
}

void MainWindow::refreshFromSync(const QStringList& tables)
{
    // The scoring service re-scores the customers the pulled rows marked (and everyone for new usage).
    if (m_scoring)
        m_scoring->dataChanged(tables);
    for (const QString& table : tables) {
        if (!m_changedTables.contains(table))
            m_changedTables << table;
    }
    // A burst of pulls (notifications arrive in bursts) becomes one re-read.
    m_syncRefresh->start();
}

void MainWindow::reloadShownCustomer()
{
    const QStringList tables = std::exchange(m_changedTables, {});
    if (tables.contains(QStringLiteral("customer")))
        m_sync->setCustomerCount(AgentDirectory(m_store).customerCount());
    refreshOutboxStatus();
    m_tickets->refreshFromSync(tables);
    m_kb->refreshFromSync(tables);
    m_retention->refreshFromSync(tables);
    // The tables the 360° panel reads from; a change elsewhere does not disturb it.
    static const QStringList panelTables = {
        QStringLiteral("customer"),    QStringLiteral("subscription"), QStringLiteral("subscription_addon"),
        QStringLiteral("plan"),        QStringLiteral("usage_month"),  QStringLiteral("bill"),
        QStringLiteral("interaction"), QStringLiteral("ticket"),       QStringLiteral("customer_note"),
        QStringLiteral("agent")};
    const bool touchesPanel = std::any_of(tables.cbegin(), tables.cend(),
                                          [](const QString& t) { return panelTables.contains(t); });
    if (!isShowingCustomer() || !touchesPanel)
        return;
    const QString id = m_panel->customerId();
    const Status shown = m_panel->showCustomer(id);
    if (!shown) {
        // Removed on the server, or moved out of this agent's scope.
        showSearch();
        statusBar()->showMessage(tr("The customer you were viewing is no longer in your data: %1")
                                     .arg(shown.errorMessage()),
                                 10000);
    }
}

void MainWindow::showConflicts()
{
    ConflictsDialog dialog(m_store, m_controller, this);
    connect(&dialog, &ConflictsDialog::resolved, this, [this] {
        // A value kept as mine is in the cache at once: the panel shows it.
        refreshFromSync({QStringLiteral("customer"), QStringLiteral("ticket"), QStringLiteral("customer_note"),
                         QStringLiteral("subscription")});
    });
    dialog.exec();
}

void MainWindow::showRejectedChanges()
{
    RejectedChangesDialog dialog(m_store, this);
    connect(&dialog, &RejectedChangesDialog::dismissed, this, [this] {
        refreshOutboxStatus();
        if (m_controller)
            m_controller->refreshCounts();
    });
    dialog.exec();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const auto& recent = m_history.recent();
    if (recent.isEmpty()) {
        QAction* none = m_recentMenu->addAction(tr("No customers viewed yet"));
        none->setEnabled(false);
        return;
    }
    for (const NavigationHistory::RecentCustomer& r : recent) {
        const QString text = r.maskedNumber.isEmpty() ? r.name : tr("%1  %2").arg(r.name, r.maskedNumber);
        QAction* action = m_recentMenu->addAction(text);
        action->setData(r.customerId);
        const QString id = r.customerId;
        connect(action, &QAction::triggered, this, [this, id] {
            const Status shown = openCustomer(id);
            if (!shown)
                statusBar()->showMessage(shown.errorMessage(), 8000);
        });
    }
}

} // namespace telcodesk
