#pragma once

#include "NavigationHistory.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QToolButton;

namespace telcodesk {

class CustomerPanel;
class CustomerSearchPage;
class SyncStatusWidget;

/// The agent's workstation: a navigation list of the sections that exist (today: Customers), a tool
/// bar with Back / Forward through recently viewed customers and a Recent menu, and a status bar that
/// says where the data comes from and who is signed in.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    struct Options
    {
        QString serverUrl; ///< --server as given; empty when none
    };

    MainWindow(LocalStorePtr store, const Session& session, const Options& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a customer in the panel and records it in the history.
    Status openCustomer(const QString& customerId);
    /// Opens the customer who holds a number (any common format).
    Status openCustomerByNumber(const QString& number);
    /// Shows the search page; with a query, types it and searches.
    void showSearch();
    void showSearch(const QString& query);
    /// A caller screen-popped from the telephony side: opens them and brings the window to the front.
    /// When nobody holds the number, the search shows it so that the agent sees "no customer matches".
    void screenPop(const QString& number);

    bool isShowingCustomer() const;
    CustomerSearchPage* searchPage() const { return m_search; }
    CustomerPanel* customerPanel() const { return m_panel; }
    SyncStatusWidget* syncStatus() const { return m_sync; }
    QAction* backAction() const { return m_back; }
    QAction* forwardAction() const { return m_forward; }
    QMenu* recentMenu() const { return m_recentMenu; }
    QListWidget* navigation() const { return m_nav; }
    const NavigationHistory& history() const { return m_history; }

private:
    void buildActions();
    void goTo(const NavigationHistory::Place& place);
    Status showCustomerPage(const QString& customerId);
    void showSearchPage();
    void updateNavigationActions();
    void rebuildRecentMenu();
    /// Reads the outbox counts into the status bar (after every local write).
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
    SyncStatusWidget* m_sync = nullptr;
    QLabel* m_agent = nullptr;
    QAction* m_back = nullptr;
    QAction* m_forward = nullptr;
    QAction* m_find = nullptr;
    QMenu* m_recentMenu = nullptr;
    QToolButton* m_recentButton = nullptr;
};

} // namespace telcodesk
