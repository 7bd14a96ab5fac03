#include "kb/KbPage.h"

#include "kb/KbArticleEditor.h"
#include "kb/KbArticleView.h"
#include "kb/KbHitDelegate.h"
#include "kb/KbQuery.h"
#include "services/AgentDirectory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace telcodesk {

namespace {

enum ResultPage { ListPage, EmptyPage };

/// Enter opens the first result and Down moves into the list, so the agent keeps their hands on the keys.
class SearchKeys : public QObject
{
public:
    SearchKeys(QObject* parent, std::function<void()> enter, std::function<void()> down)
        : QObject(parent), m_enter(std::move(enter)), m_down(std::move(down))
    {
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent*>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter) {
                m_enter();
                return true;
            }
            if (key == Qt::Key_Down) {
                m_down();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_enter;
    std::function<void()> m_down;
};

} // namespace

KbPage::KbPage(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
    , m_search(m_store, m_clock)
    , m_articles(m_store, m_session, m_clock)
{
    setObjectName(QStringLiteral("kbPage"));
    const bool editor = m_session.can(Permission::EditKnowledge);

    m_view = new KbArticleView(m_store, m_session, m_clock, this);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    QWidget* searchPanel = buildSearchPanel();
    if (editor) {
        m_newArticle = new QPushButton(tr("New article…"), left);
        m_newArticle->setObjectName(QStringLiteral("newArticleButton"));
        m_newArticle->setToolTip(tr("Write a new article; it stays a draft until a reviewer approves it"));
        connect(m_newArticle, &QPushButton::clicked, this, [this] { newArticle(); });
        auto* top = new QHBoxLayout;
        top->addStretch(1);
        top->addWidget(m_newArticle);
        leftLayout->addLayout(top);

        m_workQueue = new QListWidget(left);
        m_workQueue->setObjectName(QStringLiteral("workQueueList"));
        m_workQueue->setWordWrap(true);
        m_workQueue->setAlternatingRowColors(true);
        connect(m_workQueue, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
            if (item && !m_filling)
                openArticle(item->data(Qt::UserRole).toString());
        });
        m_tabs = new QTabWidget(left);
        m_tabs->setObjectName(QStringLiteral("kbTabs"));
        m_tabs->addTab(searchPanel, tr("Articles"));
        m_tabs->addTab(m_workQueue, tr("Drafts and reviews"));
        connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
            if (index == 1)
                reloadWorkQueue();
        });
        leftLayout->addWidget(m_tabs, 1);
    } else {
        leftLayout->addWidget(searchPanel, 1);
    }

    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("kbSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(m_view);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({460, 700});
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(kSearchDelayMs);
    connect(m_timer, &QTimer::timeout, this, &KbPage::searchNow);
    connect(m_searchEdit, &QLineEdit::textEdited, m_timer, qOverload<>(&QTimer::start));
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        // The clear button empties the field without an edit: the lists come back at once.
        if (text.isEmpty())
            searchNow();
    });
    connect(m_view, &KbArticleView::localChangeWritten, this, &KbPage::localChangeWritten);
    connect(m_view, &KbArticleView::articleWritten, this, &KbPage::articleWritten);
    connect(m_view, &KbArticleView::ticketLinksChanged, this, &KbPage::ticketLinksChanged);

    // The lists are read when the page is first shown (ensureLoaded): a window that never opens the
    // knowledge base pays nothing for it at start-up.
}

void KbPage::ensureLoaded()
{
    if (m_loaded)
        return;
    m_loaded = true;
    reloadFilters();
    searchNow();
    if (m_workQueue)
        reloadWorkQueue();
}

void KbPage::showEvent(QShowEvent* event)
{
    ensureLoaded();
    QWidget::showEvent(event);
}

QWidget* KbPage::buildSearchPanel()
{
    auto* panel = new QWidget(this);
    m_searchEdit = new QLineEdit(panel);
    m_searchEdit->setObjectName(QStringLiteral("kbSearchEdit"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setPlaceholderText(tr("Search the knowledge base: 宽带, roaming, a plan code…"));
    QFont big = m_searchEdit->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_searchEdit->setFont(big);
    m_searchEdit->installEventFilter(new SearchKeys(
        m_searchEdit, [this] { openFirstResult(); },
        [this] {
            m_list->setFocus();
            if (!m_list->currentIndex().isValid())
                openFirstResult();
        }));

    m_category = new QComboBox(panel);
    m_category->setObjectName(QStringLiteral("kbCategoryFilter"));
    m_category->setToolTip(tr("Category: a category covers the ones under it"));
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_category->setMinimumContentsLength(10);
    m_tag = new QComboBox(panel);
    m_tag->setObjectName(QStringLiteral("kbTagFilter"));
    m_tag->setToolTip(tr("Tag"));
    m_tag->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_tag->setMinimumContentsLength(8);
    m_language = new QComboBox(panel);
    m_language->setObjectName(QStringLiteral("kbLanguageFilter"));
    m_language->setToolTip(tr("Language of the articles"));
    m_language->addItem(tr("All languages"), QString());
    m_language->addItem(KbFormat::language(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    m_language->addItem(KbFormat::language(QStringLiteral("en")), QStringLiteral("en"));
    for (QComboBox* box : {m_category, m_tag, m_language})
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, &KbPage::searchNow);

    auto* filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_category, 3);
    filters->addWidget(m_tag, 2);
    filters->addWidget(m_language, 2);

    if (m_session.can(Permission::EditKnowledge)) {
        m_unpublished = new QCheckBox(tr("Include drafts, reviews and retired articles"), panel);
        m_unpublished->setObjectName(QStringLiteral("kbUnpublishedFilter"));
        connect(m_unpublished, &QCheckBox::toggled, this, &KbPage::searchNow);
    }

    m_ticketBanner = new QLabel(panel);
    m_ticketBanner->setObjectName(QStringLiteral("kbTicketBanner"));
    m_ticketBanner->setWordWrap(true);
    m_ticketBanner->setStyleSheet(QStringLiteral("QLabel { background: #e8f0fe; border-radius: 4px; padding: 4px 6px; }"));
    m_clearTicket = new QPushButton(tr("Done"), panel);
    m_clearTicket->setObjectName(QStringLiteral("kbClearTicket"));
    m_clearTicket->setToolTip(tr("Stop linking articles to this ticket"));
    connect(m_clearTicket, &QPushButton::clicked, this, [this] { setCurrentTicket(QString(), QString()); });
    auto* ticketRow = new QHBoxLayout;
    ticketRow->setContentsMargins(0, 0, 0, 0);
    ticketRow->addWidget(m_ticketBanner, 1);
    ticketRow->addWidget(m_clearTicket);
    m_ticketBanner->hide();
    m_clearTicket->hide();

    m_count = new QLabel(panel);
    m_count->setObjectName(QStringLiteral("kbResultCount"));
    m_count->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; }"));
    m_notice = new QLabel(panel);
    m_notice->setObjectName(QStringLiteral("kbNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("QLabel { color: #8a5300; }"));
    m_notice->hide();

    m_model = new QStandardItemModel(this);
    m_list = new QListView(panel);
    m_list->setObjectName(QStringLiteral("kbResultList"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new KbHitDelegate(m_list));
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setWordWrap(true);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { currentResultChanged(current); });

    m_empty = new QLabel(panel);
    m_empty->setObjectName(QStringLiteral("kbEmptyState"));
    m_empty->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_empty->setWordWrap(true);
    m_empty->setContentsMargins(12, 24, 12, 12);
    m_empty->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; font-size: 13px; }"));

    m_resultStack = new QStackedWidget(panel);
    m_resultStack->insertWidget(ListPage, m_list);
    m_resultStack->insertWidget(EmptyPage, m_empty);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(ticketRow);
    layout->addWidget(m_searchEdit);
    layout->addLayout(filters);
    if (m_unpublished)
        layout->addWidget(m_unpublished);
    layout->addWidget(m_count);
    layout->addWidget(m_notice);
    layout->addWidget(m_resultStack, 1);
    return panel;
}

void KbPage::reloadFilters()
{
    const Result<QVector<KbCategory>> categories = m_articles.categories();
    if (categories)
        m_categories.set(categories.value());
    else
        emit message(categories.errorMessage());
    m_categories.fillCombo(m_category, tr("All categories"));

    const QSignalBlocker blocker(m_tag);
    const QString tag = m_tag->currentData().toString();
    m_tag->clear();
    m_tag->addItem(tr("All tags"), QString());
    const Result<QStringList> tags = m_search.tags();
    if (tags) {
        for (const QString& t : tags.value())
            m_tag->addItem(t, t);
    }
    const int keep = m_tag->findData(tag);
    m_tag->setCurrentIndex(keep >= 0 ? keep : 0);
}

KbSearchFilter KbPage::currentFilter() const
{
    KbSearchFilter filter;
    filter.category = m_category->currentData().toString();
    filter.tag = m_tag->currentData().toString();
    filter.language = m_language->currentData().toString();
    filter.includeUnpublished = m_unpublished && m_unpublished->isChecked();
    filter.limit = kResultLimit;
    return filter;
}

bool KbPage::isSearchPending() const
{
    return m_timer->isActive();
}

void KbPage::searchNow()
{
    if (!m_loaded) {
        ensureLoaded();
        return;
    }
    m_timer->stop();
    const QString query = m_searchEdit->text().trimmed();
    const KbSearchFilter filter = currentFilter();
    m_result = KbSearchResult();
    m_notice->hide();
    m_notice->clear();

    m_filling = true;
    m_model->clear();
    if (query.isEmpty()) {
        // Without a query: what helped colleagues this week, then what changed lately.
        const bool narrowed = !filter.category.isEmpty() || !filter.tag.isEmpty() || filter.includeUnpublished;
        int shown = 0;
        if (!narrowed) {
            const Result<QVector<KbHit>> useful = m_search.mostUseful(7, 10, filter.language);
            if (!useful) {
                emit message(useful.errorMessage());
            } else if (!useful->isEmpty()) {
                addHeading(tr("Most useful this week"));
                for (const KbHit& hit : useful.value())
                    addHit(hit);
                shown += useful->size();
            }
        }
        KbSearchFilter recent = filter;
        recent.limit = 20;
        const Result<QVector<KbHit>> browsed = m_search.browse(recent);
        if (!browsed) {
            emit message(browsed.errorMessage());
        } else if (!browsed->isEmpty()) {
            addHeading(tr("Recently updated"));
            for (const KbHit& hit : browsed.value())
                addHit(hit);
            shown += browsed->size();
        }
        m_filling = false;
        m_count->setText(QString());
        m_count->hide();
        if (shown == 0) {
            showEmptyState(narrowed ? tr("No article in this category or with this tag yet.")
                                    : tr("The knowledge base has no articles yet."));
        } else {
            m_resultStack->setCurrentIndex(ListPage);
        }
        selectShownArticle();
        return;
    }

    const Result<KbSearchResult> found = m_search.search(query, filter);
    m_filling = false;
    if (!found) {
        m_count->setText(QString());
        showEmptyState(tr("The search failed: %1").arg(found.errorMessage()));
        emit message(found.errorMessage());
        return;
    }
    m_result = found.value();
    m_filling = true;
    for (const KbHit& hit : m_result.hits)
        addHit(hit);
    m_filling = false;

    m_count->show();
    if (m_result.matched >= KbSearch::kMatchCap) {
        //: More results than were counted; %1 is the cap (200)
        m_count->setText(tr("%1+ results").arg(KbSearch::kMatchCap));
    } else {
        m_count->setText(tr("%n result(s)", nullptr, std::max(m_result.matched, int(m_result.hits.size()))));
    }
    QStringList notices;
    if (m_result.partial)
        notices << tr("No article contains all the words: showing partial matches.");
    if (m_result.truncated)
        notices << tr("The query is too long: only its beginning was searched.");
    m_notice->setText(notices.join(QLatin1Char('\n')));
    m_notice->setVisible(!notices.isEmpty());

    if (m_result.hits.isEmpty()) {
        const bool narrowed = !filter.category.isEmpty() || !filter.tag.isEmpty() || !filter.language.isEmpty();
        QString text = tr("No article matches “%1”.").arg(query);
        text += QLatin1Char('\n')
                + (narrowed ? tr("Try other words, or clear the category, tag and language filters.")
                            : tr("Try other or fewer words, or a shorter term such as 宽带 or roaming."));
        showEmptyState(text);
        return;
    }
    m_resultStack->setCurrentIndex(ListPage);
    selectShownArticle();
}

void KbPage::showEmptyState(const QString& text)
{
    m_empty->setText(text);
    m_resultStack->setCurrentIndex(EmptyPage);
}

void KbPage::addHeading(const QString& text)
{
    auto* item = new QStandardItem(text);
    item->setData(true, KbHitDelegate::HeaderRole);
    item->setFlags(Qt::ItemIsEnabled);
    item->setAccessibleText(text);
    m_model->appendRow(item);
}

void KbPage::addHit(const KbHit& hit)
{
    auto* item = new QStandardItem(hit.title);
    item->setData(hit.articleId, KbHitDelegate::ArticleIdRole);
    // A browsed hit has no highlighted title: the escaped title stands in.
    item->setData(hit.titleHtml.isEmpty() ? hit.title.toHtmlEscaped() : hit.titleHtml, KbHitDelegate::TitleHtmlRole);
    item->setData(hit.snippetHtml, KbHitDelegate::SnippetHtmlRole);
    QStringList facts;
    facts << m_categories.name(hit.category) << KbFormat::language(hit.language);
    if (hit.status != QLatin1String("published") && !hit.status.isEmpty())
        facts << KbFormat::status(hit.status);
    facts << tr("%n helpful in 30 days", nullptr, hit.helpfulRecent);
    item->setData(facts.join(tr(" · ")), KbHitDelegate::FactsRole);
    item->setToolTip(m_categories.path(hit.category));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    m_model->appendRow(item);
}

QStringList KbPage::resultIds() const
{
    QStringList ids;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (!index.data(KbHitDelegate::HeaderRole).toBool())
            ids << index.data(KbHitDelegate::ArticleIdRole).toString();
    }
    return ids;
}

QStringList KbPage::sectionHeadings() const
{
    QStringList headings;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(KbHitDelegate::HeaderRole).toBool())
            headings << index.data(Qt::DisplayRole).toString();
    }
    return headings;
}

QString KbPage::countText() const
{
    return m_count->text();
}

QString KbPage::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

QString KbPage::emptyStateText() const
{
    return m_resultStack->currentIndex() == EmptyPage ? m_empty->text() : QString();
}

void KbPage::selectShownArticle()
{
    const QString shown = m_view->articleId();
    m_filling = true;
    m_list->selectionModel()->clearCurrentIndex();
    for (int row = 0; row < m_model->rowCount() && !shown.isEmpty(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(KbHitDelegate::ArticleIdRole).toString() == shown) {
            m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
            break;
        }
    }
    m_filling = false;
}

void KbPage::currentResultChanged(const QModelIndex& current)
{
    if (m_filling || !current.isValid() || current.data(KbHitDelegate::HeaderRole).toBool())
        return;
    const QString id = current.data(KbHitDelegate::ArticleIdRole).toString();
    if (id != m_view->articleId())
        openArticle(id);
}

void KbPage::openFirstResult()
{
    if (m_timer->isActive())
        searchNow();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (!index.data(KbHitDelegate::HeaderRole).toBool()) {
            m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
            if (m_view->articleId() != index.data(KbHitDelegate::ArticleIdRole).toString())
                openArticle(index.data(KbHitDelegate::ArticleIdRole).toString());
            return;
        }
    }
}

void KbPage::openArticle(const QString& id)
{
    const Status shown = showArticle(id);
    if (!shown)
        emit message(shown.errorMessage());
}

Status KbPage::showArticle(const QString& id)
{
    ensureLoaded();
    // Opened from the results: the searched words are marked in the text too.
    const bool fromResults = resultIds().contains(id) && !m_searchEdit->text().trimmed().isEmpty();
    m_view->setHighlightTerms(fromResults ? KbQuery::parse(m_searchEdit->text()).chunks() : QStringList());
    const Status shown = m_view->showArticle(id);
    if (shown)
        selectShownArticle();
    return shown;
}

void KbPage::setQuery(const QString& text)
{
    if (m_tabs)
        m_tabs->setCurrentIndex(0);
    {
        const QSignalBlocker blocker(m_searchEdit);
        m_searchEdit->setText(text);
    }
    searchNow();
    openFirstResult();
}

void KbPage::focusSearch()
{
    m_searchEdit->setFocus(Qt::ShortcutFocusReason);
    m_searchEdit->selectAll();
}

void KbPage::setCurrentTicket(const QString& ticketId, const QString& ticketNo)
{
    m_ticketNo = ticketNo;
    m_view->setCurrentTicket(ticketId, ticketNo);
    const QString label = ticketNo.isEmpty() ? ticketId.left(8) : ticketNo;
    //: Banner above the search when the page was opened from a ticket; %1 the ticket number
    m_ticketBanner->setText(tr("Working on ticket %1: open an article to link it to the ticket.").arg(label));
    m_ticketBanner->setVisible(!ticketId.isEmpty());
    m_clearTicket->setVisible(!ticketId.isEmpty());
}

QString KbPage::currentTicketId() const
{
    return m_view->currentTicketId();
}

void KbPage::refreshFromSync(const QStringList& tables)
{
    static const QStringList kbTables = {QStringLiteral("kb_article"), QStringLiteral("kb_category"),
                                         QStringLiteral("kb_feedback"), QStringLiteral("kb_article_version"),
                                         QStringLiteral("ticket_kb_link")};
    bool touched = false;
    for (const QString& t : tables)
        touched = touched || kbTables.contains(t);
    // Never shown yet: the first showing reads everything anyway.
    if (!touched || !m_loaded)
        return;
    if (tables.contains(QStringLiteral("kb_category")) || tables.contains(QStringLiteral("kb_article")))
        reloadFilters();
    searchNow();
    if (m_view->isShowingArticle()) {
        const Status reread = m_view->reload();
        if (!reread) {
            m_view->clear();
            emit message(tr("The article you were reading is no longer available: %1").arg(reread.errorMessage()));
        }
    }
    if (m_workQueue)
        reloadWorkQueue();
}

void KbPage::reloadWorkQueue()
{
    if (!m_workQueue)
        return;
    const Result<QVector<KbArticle>> queue = m_articles.workQueue();
    m_filling = true;
    m_workQueue->clear();
    if (!queue) {
        m_workQueue->addItem(tr("The drafts cannot be read: %1").arg(queue.errorMessage()));
    } else {
        const AgentDirectory agents(m_store);
        for (const KbArticle& a : queue.value()) {
            const QString author = agents.displayName(a.authorId);
            //: A row of the drafts and reviews list: %1 title, %2 status, %3 author, %4 last change
            auto* item = new QListWidgetItem(tr("%1\n%2 · %3 · %4")
                                                 .arg(a.title.isEmpty() ? tr("(untitled)") : a.title,
                                                      KbFormat::status(a.status),
                                                      author.isEmpty() ? tr("unknown agent") : author,
                                                      KbFormat::dateTime(a.updatedAt > 0 ? a.updatedAt : a.createdAt)),
                                             m_workQueue);
            item->setData(Qt::UserRole, a.id);
            if (a.id == m_view->articleId())
                m_workQueue->setCurrentItem(item);
        }
        if (queue->isEmpty()) {
            auto* none = new QListWidgetItem(tr("No drafts and nothing waiting for review."), m_workQueue);
            none->setFlags(Qt::NoItemFlags);
        }
    }
    m_filling = false;
    if (m_tabs) {
        m_tabs->setTabText(1, queue ? tr("Drafts and reviews (%1)").arg(queue->size()) : tr("Drafts and reviews"));
    }
}

Status KbPage::newArticle()
{
    if (!m_session.can(Permission::EditKnowledge))
        return Error{tr("Only supervisors and admins write articles."), QStringLiteral("permission")};
    ensureLoaded();
    KbArticleEditor editor(m_store, m_session, QString(), m_clock, this);
    // A filter chosen on the left is the likely home of the new article.
    if (!m_category->currentData().toString().isEmpty()) {
        KbDraft d = editor.draft();
        d.category = m_category->currentData().toString();
        if (!m_language->currentData().toString().isEmpty())
            d.language = m_language->currentData().toString();
        editor.setDraft(d);
    }
    if (editor.exec() != QDialog::Accepted || editor.articleId().isEmpty())
        return Error{tr("No article was written."), QStringLiteral("cancelled")};
    emit localChangeWritten();
    reloadWorkQueue();
    const Status shown = showArticle(editor.articleId());
    if (!shown)
        emit message(shown.errorMessage());
    emit message(editor.outcome() == QLatin1String("submitted") ? tr("The article is saved and waits for review.")
                                                               : tr("The draft is saved."));
    return shown;
}

void KbPage::articleWritten(const QString& id)
{
    Q_UNUSED(id)
    reloadFilters();
    searchNow();
    reloadWorkQueue();
    emit localChangeWritten();
}

} // namespace telcodesk
