#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/KbArticle.h"
#include "kb/KbArticleService.h"
#include "kb/KbFormat.h"
#include "kb/KbSearch.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QModelIndex;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTabWidget;
class QTimer;

namespace telcodesk {

class KbArticleView;

/// The Knowledge base section: on the left a search that runs as the agent types (150 ms after the last
/// key), filters by category (a subtree), tag and language, and the results with their matched terms
/// highlighted, the count ("200+" at KbSearch::kMatchCap), notices for partial matches and for a query
/// cut short, and an empty state that says what was searched. Without a query it lists the most useful
/// articles of the week and the recently updated ones. On the right the article (KbArticleView).
///
/// Supervisors and admins (Permission::EditKnowledge) also get "New article…", a "Drafts and reviews"
/// list (KbArticleService::workQueue) and the editorial steps in the article view; agents see none of it.
///
/// Whoever opens the page from a ticket sets it as the current ticket, so that an article can be linked.
class KbPage : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kSearchDelayMs = 150;
    static constexpr int kResultLimit = 50;

    KbPage(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(), QWidget* parent = nullptr);

    /// Opens an article on the right (selecting it in the results when it is there). Errors are shown
    /// in the article view and emitted as message().
    void openArticle(const QString& id);
    Status showArticle(const QString& id);
    /// Types a query, searches at once and opens the first result.
    void setQuery(const QString& text);
    /// The ticket to link articles to (empty id: none).
    void setCurrentTicket(const QString& ticketId, const QString& ticketNo);
    QString currentTicketId() const;

    /// Runs the search (or the lists without a query) now instead of after the typing pause.
    void searchNow();
    /// Puts the cursor in the search field.
    void focusSearch();
    /// A sync wrote rows of these tables: results, the open article and the work queue are read again.
    void refreshFromSync(const QStringList& tables);
    /// Editors: "New article…" (modal editor); the saved draft opens on the right.
    Status newArticle();
    /// Editors: reads the drafts and reviews list again.
    void reloadWorkQueue();

    /// Article ids in the result list, in order (section headings left out).
    QStringList resultIds() const;
    /// Section headings in the list (the lists without a query).
    QStringList sectionHeadings() const;
    QString countText() const;
    /// The partial-match and truncated-query notices, empty when none applies.
    QString noticeText() const;
    /// The empty state's text when it is shown, else empty.
    QString emptyStateText() const;
    bool isSearchPending() const;
    const KbSearchResult& lastResult() const { return m_result; }

    QLineEdit* searchEdit() const { return m_searchEdit; }
    QComboBox* categoryFilter() const { return m_category; }
    QComboBox* tagFilter() const { return m_tag; }
    QComboBox* languageFilter() const { return m_language; }
    QCheckBox* unpublishedFilter() const { return m_unpublished; }
    QListView* resultList() const { return m_list; }
    QStandardItemModel* resultModel() const { return m_model; }
    KbArticleView* articleView() const { return m_view; }
    QPushButton* newArticleButton() const { return m_newArticle; }
    QListWidget* workQueueList() const { return m_workQueue; }
    QTabWidget* tabs() const { return m_tabs; }

signals:
    /// For the status bar.
    void message(const QString& text);
    /// Something was written through the outbox.
    void localChangeWritten();
    /// An article was linked to or unlinked from this ticket here.
    void ticketLinksChanged(const QString& ticketId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void ensureLoaded();
    QWidget* buildSearchPanel();
    void reloadFilters();
    KbSearchFilter currentFilter() const;
    void showHits(const QVector<KbHit>& hits);
    void addHeading(const QString& text);
    void addHit(const KbHit& hit);
    void showEmptyState(const QString& text);
    void selectShownArticle();
    void currentResultChanged(const QModelIndex& current);
    void openFirstResult();
    void articleWritten(const QString& id);

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
    KbSearch m_search;
    KbArticleService m_articles;
    KbCategoryNames m_categories;
    KbSearchResult m_result;
    bool m_filling = false;
    bool m_loaded = false;
    QString m_ticketNo;

    QTabWidget* m_tabs = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    QComboBox* m_category = nullptr;
    QComboBox* m_tag = nullptr;
    QComboBox* m_language = nullptr;
    QCheckBox* m_unpublished = nullptr;
    QLabel* m_ticketBanner = nullptr;
    QPushButton* m_clearTicket = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_notice = nullptr;
    QStackedWidget* m_resultStack = nullptr;
    QListView* m_list = nullptr;
    QStandardItemModel* m_model = nullptr;
    QLabel* m_empty = nullptr;
    QListWidget* m_workQueue = nullptr;
    QPushButton* m_newArticle = nullptr;
    KbArticleView* m_view = nullptr;
    QTimer* m_timer = nullptr;
};

} // namespace telcodesk
