#pragma once

#include "NavigationHistory.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QMainWindow>
#include <QPointer>
#include <QStringList>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace telcodesk {

class CustomerPanel;
class CustomerSearchPage;
class KbPage;
class RetentionPage;
class ScoringController;
class SyncController;
class SyncStatusWidget;
class TicketsSection;

/// The agent's workstation: a navigation list of the sections that exist (Customers, Tickets, Knowledge
/// base, Retention), a tool
/// bar with Back / Forward through recently viewed customers and a Recent menu, and a status bar that
/// says where the data comes from and who is signed in.
///
/// With a server account it also has an Account menu (Sync now, Sign in…, Sign out), shows the sync
/// engine's status, opens the conflicts and rejected-changes views from the status bar, and re-reads
/// what it shows when a sync brings changes. Without one it is the embedded default, as before.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    struct Options
    {
        QString serverUrl; ///< the server account's address; empty in the embedded default
    };

    MainWindow(LocalStorePtr store, const Session& session, const Options& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a customer in the panel and records it in the history.
    Status openCustomer(const QString& customerId);
    /// Opens the customer who holds a number (any common format).
    Status openCustomerByNumber(const QString& number);
    /// Shows the Tickets section (the queue, or the ticket open in its editor).
    void showTickets();
    /// Opens a ticket in the Tickets section's editor.
    Status openTicket(const QString& ticketId);
    /// Shows the Knowledge base section with the cursor in its search (Ctrl+K); with a query, types it,
    /// searches and opens the first result.
    void showKnowledgeBase();
    void showKnowledgeBase(const QString& query);
    /// Shows the Knowledge base section with an article open. A ticket id (with its number, for the
    /// buttons) makes "Link to ticket" link to that ticket; an empty one means no ticket.
    Status showKnowledgeArticle(const QString& articleId, const QString& ticketId = QString(),
                                const QString& ticketNo = QString());
    /// Shows the Retention section (Ctrl+R): the at-risk list for supervisors, everyone's own tasks.
    void showRetention();
    /// Scoring in the background (null: none): its scores refresh the panel and the Retention section,
    /// the data written here and pulled by sync is re-scored, and its progress and a rejected model file
    /// are told in the status bar.
    void setScoringController(ScoringController* controller);
    /// Shows the search page; with a query, types it and searches.
    void showSearch();
    void showSearch(const QString& query);
    /// A caller screen-popped from the telephony side: opens them and brings the window to the front.
    /// When nobody holds the number, the search shows it so that the agent sees "no customer matches".
    void screenPop(const QString& number);

    /// Adds the Account menu for a server account (displayName names it in the menu).
    void setServerAccount(const QString& displayName);
    /// The running sync (its status in the status bar, Sync now); null when signed out or offline.
    void setSyncController(SyncController* controller);
    SyncController* syncController() const;
    /// A sync wrote rows of these tables: re-read the counts and the customer shown (soon, once for a
    /// burst of syncs).
    void refreshFromSync(const QStringList& tables);
    /// Opens the conflicts view / the rejected-changes view (modal).
    void showConflicts();
    void showRejectedChanges();

    bool isShowingCustomer() const;
    CustomerSearchPage* searchPage() const { return m_search; }
    CustomerPanel* customerPanel() const { return m_panel; }
    TicketsSection* ticketsSection() const { return m_tickets; }
    KbPage* knowledgePage() const { return m_kb; }
    QAction* knowledgeAction() const { return m_knowledge; }
    RetentionPage* retentionPage() const { return m_retention; }
    QAction* retentionAction() const { return m_retentionAction; }
    SyncStatusWidget* syncStatus() const { return m_sync; }
    QAction* syncNowAction() const { return m_syncNow; }
    QAction* signInAction() const { return m_signIn; }
    QAction* signOutAction() const { return m_signOut; }
    QMenu* accountMenu() const { return m_accountMenu; }
    QAction* backAction() const { return m_back; }
    QAction* forwardAction() const { return m_forward; }
    QMenu* recentMenu() const { return m_recentMenu; }
    QListWidget* navigation() const { return m_nav; }
    const NavigationHistory& history() const { return m_history; }

Q_SIGNALS:
    /// The agent asked to sign in (again) / to sign out, from the Account menu or the status bar.
    void signInRequested();
    void signOutRequested();

private:
    void buildActions();
    void reloadShownCustomer();
    void updateAccountActions();
    void goTo(const NavigationHistory::Place& place);
    Status showCustomerPage(const QString& customerId);
    void showSearchPage();
    void updateNavigationActions();
    void rebuildRecentMenu();
    /// Reads the outbox and conflict counts into the status bar (after every local write).
    void refreshOutboxStatus();

    LocalStorePtr m_store;
    Session m_session;
    Options m_options;
    NavigationHistory m_history;

    QListWidget* m_nav = nullptr;
    QStackedWidget* m_sections = nullptr;
    QStackedWidget* m_customerPages = nullptr;
    CustomerSearchPage* m_search = nullptr;
    CustomerPanel* m_panel = nullptr;
    TicketsSection* m_tickets = nullptr;
    KbPage* m_kb = nullptr;
    RetentionPage* m_retention = nullptr;
    QPointer<ScoringController> m_scoring;
    SyncStatusWidget* m_sync = nullptr;
    QLabel* m_agent = nullptr;
    QAction* m_back = nullptr;
    QAction* m_forward = nullptr;
    QAction* m_find = nullptr;
    QAction* m_knowledge = nullptr;
    QAction* m_retentionAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QToolButton* m_recentButton = nullptr;
    QMenu* m_accountMenu = nullptr;
    QAction* m_syncNow = nullptr;
    QAction* m_signIn = nullptr;
    QAction* m_signOut = nullptr;
    QPointer<SyncController> m_controller;
    QTimer* m_syncRefresh = nullptr;
    QStringList m_changedTables;
};

} // namespace telcodesk
