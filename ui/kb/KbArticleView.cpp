#include "kb/KbArticleView.h"

#include "kb/KbArticleEditor.h"
#include "kb/KbHistoryDialog.h"
#include "services/AgentDirectory.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

#include <utility>

namespace telcodesk {

namespace {

enum Page { EmptyPage, ArticlePage };

QLabel* mutedLabel(QWidget* parent, const char* objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; }"));
    return label;
}

QPushButton* button(const QString& text, const char* objectName, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QString::fromLatin1(objectName));
    return b;
}

} // namespace

KbArticleView::KbArticleView(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
    , m_articles(m_store, m_session, m_clock)
    , m_feedback(m_store, m_session, m_clock)
{
    setObjectName(QStringLiteral("kbArticleView"));
    const Result<QVector<KbCategory>> categories = m_articles.categories();
    if (categories)
        m_categories.set(categories.value());

    auto* empty = new QLabel(tr("Choose an article on the left to read it here."), this);
    empty->setObjectName(QStringLiteral("noArticleLabel"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; font-size: 14px; }"));

    auto* page = new QWidget(this);
    m_status = new QLabel(page);
    m_status->setObjectName(QStringLiteral("articleStatus"));
    m_status->setWordWrap(true);
    m_status->setStyleSheet(QStringLiteral("QLabel { background: #fef7e0; border: 1px solid #f9ab00; "
                                           "border-radius: 4px; padding: 4px 8px; }"));
    m_status->hide();
    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("articleTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_category = mutedLabel(page, "articleCategory");
    m_facts = mutedLabel(page, "articleFacts");
    m_people = mutedLabel(page, "articlePeople");
    m_stats = mutedLabel(page, "articleStats");

    m_message = new QLabel(page);
    m_message->setObjectName(QStringLiteral("articleMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    m_helpful = button(tr("Helpful"), "helpfulButton", page);
    m_helpful->setToolTip(tr("This article answered the question (one vote per version)"));
    m_notHelpful = button(tr("Not helpful"), "notHelpfulButton", page);
    m_notHelpful->setToolTip(tr("This article did not answer the question (one vote per version)"));
    m_voteText = new QLabel(page);
    m_voteText->setObjectName(QStringLiteral("myVoteLabel"));
    m_link = button(tr("Link to ticket"), "linkButton", page);
    m_unlink = button(tr("Unlink"), "unlinkButton", page);
    m_history = button(tr("History"), "historyButton", page);
    m_history->setToolTip(tr("The published versions and what each one changed"));

    auto* readerBar = new QHBoxLayout;
    readerBar->setContentsMargins(0, 0, 0, 0);
    readerBar->addWidget(m_helpful);
    readerBar->addWidget(m_notHelpful);
    readerBar->addWidget(m_voteText);
    readerBar->addStretch(1);
    readerBar->addWidget(m_link);
    readerBar->addWidget(m_unlink);
    readerBar->addWidget(m_history);

    m_editorBar = new QWidget(page);
    m_editorBar->setObjectName(QStringLiteral("editorialBar"));
    auto* editorLayout = new QHBoxLayout(m_editorBar);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    m_edit = button(tr("Edit"), "editButton", m_editorBar);
    m_submit = button(tr("Submit for review"), "submitButton", m_editorBar);
    m_approve = button(tr("Approve"), "approveButton", m_editorBar);
    m_approve->setToolTip(tr("Publish it: agents see it at once"));
    m_sendBack = button(tr("Send back…"), "sendBackButton", m_editorBar);
    m_sendBack->setToolTip(tr("Return it to its author as a draft, with a note saying what to change"));
    m_retire = button(tr("Retire…"), "retireButton", m_editorBar);
    m_retire->setToolTip(tr("Withdraw it: agents no longer find it"));
    for (QPushButton* b : {m_edit, m_submit, m_approve, m_sendBack, m_retire})
        editorLayout->addWidget(b);
    editorLayout->addStretch(1);
    // Agents and clerks read and vote; the editorial steps are not theirs to see.
    m_editorBar->setVisible(m_session.can(Permission::EditKnowledge));

    m_body = new QTextBrowser(page);
    m_body->setObjectName(QStringLiteral("articleBody"));
    m_body->setOpenExternalLinks(true);
    m_body->document()->setDocumentMargin(10);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(4);
    layout->addWidget(m_status);
    layout->addWidget(m_title);
    layout->addWidget(m_category);
    layout->addWidget(m_facts);
    layout->addWidget(m_people);
    layout->addWidget(m_stats);
    layout->addLayout(readerBar);
    layout->addWidget(m_editorBar);
    layout->addWidget(m_message);
    layout->addWidget(m_body, 1);

    m_stack = new QStackedWidget(this);
    m_stack->insertWidget(EmptyPage, empty);
    m_stack->insertWidget(ArticlePage, page);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    connect(m_helpful, &QPushButton::clicked, this, [this] { vote(true); });
    connect(m_notHelpful, &QPushButton::clicked, this, [this] { vote(false); });
    connect(m_link, &QPushButton::clicked, this, [this] { linkToTicket(); });
    connect(m_unlink, &QPushButton::clicked, this, [this] { unlinkFromTicket(); });
    connect(m_history, &QPushButton::clicked, this, &KbArticleView::showHistory);
    connect(m_edit, &QPushButton::clicked, this, [this] { edit(); });
    connect(m_submit, &QPushButton::clicked, this, [this] { submitForReview(); });
    connect(m_approve, &QPushButton::clicked, this, [this] { approve(); });
    connect(m_sendBack, &QPushButton::clicked, this, [this] {
        const QString note = askNote(tr("Send back"), tr("What should the author change?"));
        if (!note.isNull())
            sendBack(note);
    });
    connect(m_retire, &QPushButton::clicked, this, [this] {
        const QString note = askNote(tr("Retire article"), tr("Why is it withdrawn? (e.g. the plan is no longer sold)"));
        if (!note.isNull())
            retire(note);
    });
    clear();
}

bool KbArticleView::isShowingArticle() const
{
    return m_stack->currentIndex() == ArticlePage && !m_article.id.isEmpty();
}

void KbArticleView::clear()
{
    m_article = KbArticle();
    m_myVote = 0;
    m_linked = false;
    m_stack->setCurrentIndex(EmptyPage);
}

QString KbArticleView::agentName(const QString& agentId) const
{
    if (agentId.isEmpty())
        return tr("nobody yet");
    const QString name = AgentDirectory(m_store).displayName(agentId);
    return name.isEmpty() ? tr("unknown agent") : name;
}

Status KbArticleView::showArticle(const QString& id)
{
    return load(id, true);
}

Status KbArticleView::reload()
{
    if (m_article.id.isEmpty())
        return Status::success();
    return load(m_article.id, false);
}

Status KbArticleView::load(const QString& id, bool countView)
{
    const bool sameArticle = id == m_article.id;
    Result<KbArticle> loaded = m_articles.load(id);
    if (!loaded) {
        if (isShowingArticle())
            showMessage(loaded.errorMessage(), true);
        return loaded.error();
    }
    if (countView && loaded->status == QLatin1String("published")) {
        const Status viewed = m_feedback.recordView(id);
        if (viewed) {
            emit localChangeWritten();
            // The count shown includes this view.
            const Result<KbArticle> again = m_articles.load(id);
            if (again)
                loaded = again;
        }
    }
    m_article = loaded.value();
    const Result<int> mine = m_feedback.myVote(id);
    m_myVote = mine ? mine.value() : 0;
    m_linked = false;
    if (!m_ticketId.isEmpty()) {
        const Result<QVector<KbLinkedArticle>> links = m_feedback.linksFor(m_ticketId);
        if (links) {
            for (const KbLinkedArticle& l : links.value())
                m_linked = m_linked || l.articleId == id;
        }
    }
    if (!sameArticle)
        showMessage(QString(), false);
    fill();
    m_stack->setCurrentIndex(ArticlePage);
    return Status::success();
}

void KbArticleView::fill()
{
    const KbArticle& a = m_article;
    m_title->setText(a.title);
    m_category->setText(m_categories.path(a.category));
    QStringList facts;
    if (!a.tags.isEmpty())
        facts << tr("Tags: %1").arg(a.tags.join(tr(", ")));
    facts << KbFormat::language(a.language);
    facts << tr("Version %1").arg(a.version);
    if (a.publishedAt > 0)
        facts << tr("Published %1").arg(KbFormat::date(a.publishedAt));
    if (a.updatedAt > 0 && a.updatedAt != a.publishedAt)
        facts << tr("Updated %1").arg(KbFormat::date(a.updatedAt));
    m_facts->setText(facts.join(tr(" · ")));
    m_people->setText(tr("Author: %1 · Reviewer: %2").arg(agentName(a.authorId), agentName(a.reviewerId)));
    m_stats->setText(tr("%n view(s)", nullptr, a.views) + tr(" · ") + tr("%n found it helpful", nullptr, a.helpful)
                     + tr(" · ") + tr("%n found it not helpful", nullptr, a.notHelpful));
    // A draft has nobody's views or votes to show.
    m_stats->setVisible(a.status != QLatin1String("draft") && a.status != QLatin1String("in_review"));

    QString status;
    if (a.status != QLatin1String("published")) {
        status = tr("Status: %1").arg(KbFormat::status(a.status));
        if (!a.revisionOf.isEmpty())
            status += tr(" — a revision of the published article, which agents keep seeing until it is approved");
        if (!a.changeNote.isEmpty())
            status += QLatin1Char('\n') + tr("Change note: %1").arg(a.changeNote);
        if (!a.reviewNote.isEmpty())
            status += QLatin1Char('\n') + tr("Reviewer's note: %1").arg(a.reviewNote);
    }
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());
    m_body->setHtml(a.body);
    markTerms();
    updateButtons();
}

void KbArticleView::setHighlightTerms(const QStringList& terms)
{
    m_terms = terms;
    markTerms();
}

int KbArticleView::highlightCount() const
{
    return m_body->extraSelections().size();
}

void KbArticleView::markTerms()
{
    // The same soft yellow as the result list, so the agent finds in the text what the list showed.
    QList<QTextEdit::ExtraSelection> marks;
    QTextCharFormat look;
    look.setBackground(QColor(0xfd, 0xe6, 0x8a));
    QTextDocument* doc = m_body->document();
    for (const QString& term : std::as_const(m_terms)) {
        if (term.trimmed().isEmpty())
            continue;
        // A bounded number of marks: a one-letter term in a long article must not cost a second.
        QTextCursor at = doc->find(term, 0);
        for (int n = 0; !at.isNull() && n < 500; ++n) {
            marks.append({at, look});
            at = doc->find(term, at);
        }
    }
    m_body->setExtraSelections(marks);
    if (!marks.isEmpty()) {
        // The first match in view; the article's start when it is near the top anyway.
        QTextCursor first = marks.first().cursor;
        first.clearSelection();
        m_body->setTextCursor(first);
        m_body->ensureCursorVisible();
    }
}

void KbArticleView::updateButtons()
{
    const KbArticle& a = m_article;
    const bool published = a.status == QLatin1String("published");
    m_helpful->setVisible(published);
    m_notHelpful->setVisible(published);
    m_helpful->setEnabled(m_myVote == 0);
    m_notHelpful->setEnabled(m_myVote == 0);
    m_voteText->setText(m_myVote > 0   ? tr("You found this helpful.")
                        : m_myVote < 0 ? tr("You found this not helpful.")
                                       : QString());
    m_voteText->setVisible(published && m_myVote != 0);

    const bool ticket = !m_ticketId.isEmpty() && published;
    m_link->setVisible(ticket && !m_linked);
    m_unlink->setVisible(ticket && m_linked);
    //: %1 is the ticket number the agent came from
    m_link->setText(tr("Link to ticket %1").arg(m_ticketNo.isEmpty() ? m_ticketId.left(8) : m_ticketNo));
    m_link->setToolTip(tr("Record on the ticket that this article answered it"));
    m_unlink->setText(tr("Linked to %1 — unlink").arg(m_ticketNo.isEmpty() ? m_ticketId.left(8) : m_ticketNo));
    m_history->setVisible(a.publishedAt > 0 || a.version > 1 || !a.revisionOf.isEmpty());

    if (!m_session.can(Permission::EditKnowledge)) {
        m_editorBar->hide();
        return;
    }
    const bool draft = a.status == QLatin1String("draft");
    const bool inReview = a.status == QLatin1String("in_review");
    // The reviewer must be someone other than the author (an admin may review their own).
    const bool mayReview = a.authorId != m_session.agentId || m_session.role == Role::Admin;
    m_edit->setVisible(draft || published);
    m_edit->setText(published ? tr("Edit (new version)") : tr("Edit"));
    m_submit->setVisible(draft);
    m_approve->setVisible(inReview && mayReview);
    m_sendBack->setVisible(inReview && mayReview);
    // A revision replaces its article when approved: retiring the published article itself is the way out.
    m_retire->setVisible(published);
    m_editorBar->setVisible(true);
}

void KbArticleView::setCurrentTicket(const QString& ticketId, const QString& ticketNo)
{
    m_ticketId = ticketId;
    m_ticketNo = ticketNo;
    if (!m_article.id.isEmpty())
        reload();
}

void KbArticleView::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? KbFormat::errorStyle() : QStringLiteral("QLabel { color: #137333; }"));
    m_message->setVisible(!text.isEmpty());
}

QString KbArticleView::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString KbArticleView::titleText() const { return m_title->text(); }
QString KbArticleView::categoryText() const { return m_category->text(); }
QString KbArticleView::factsText() const { return m_facts->text(); }
QString KbArticleView::peopleText() const { return m_people->text(); }
QString KbArticleView::statsText() const { return m_stats->text(); }
QString KbArticleView::myVoteText() const { return m_voteText->isHidden() ? QString() : m_voteText->text(); }

Status KbArticleView::vote(bool helpful)
{
    if (m_article.id.isEmpty())
        return Error{tr("No article is open."), QStringLiteral("state")};
    if (m_myVote != 0) {
        const Error refused{tr("You have already voted on this version of the article."), QStringLiteral("state")};
        showMessage(refused.message, true);
        return refused;
    }
    const Status voted = m_feedback.vote(m_article.id, helpful);
    if (!voted) {
        showMessage(voted.errorMessage(), true);
        return voted;
    }
    emit localChangeWritten();
    reload();
    showMessage(tr("Thank you: your vote is counted."), false);
    return voted;
}

Status KbArticleView::linkToTicket()
{
    if (m_ticketId.isEmpty() || m_article.id.isEmpty())
        return Error{tr("Open the knowledge base from a ticket to link an article to it."), QStringLiteral("state")};
    const Status linked = m_feedback.link(m_ticketId, m_article.id);
    if (!linked) {
        showMessage(linked.errorMessage(), true);
        return linked;
    }
    emit localChangeWritten();
    emit ticketLinksChanged(m_ticketId);
    reload();
    showMessage(tr("Linked to ticket %1.").arg(m_ticketNo.isEmpty() ? m_ticketId.left(8) : m_ticketNo), false);
    return linked;
}

Status KbArticleView::unlinkFromTicket()
{
    if (m_ticketId.isEmpty() || m_article.id.isEmpty())
        return Error{tr("No ticket to unlink from."), QStringLiteral("state")};
    const Status unlinked = m_feedback.unlink(m_ticketId, m_article.id);
    if (!unlinked) {
        showMessage(unlinked.errorMessage(), true);
        return unlinked;
    }
    emit localChangeWritten();
    emit ticketLinksChanged(m_ticketId);
    reload();
    showMessage(tr("No longer linked to ticket %1.").arg(m_ticketNo.isEmpty() ? m_ticketId.left(8) : m_ticketNo), false);
    return unlinked;
}

void KbArticleView::showHistory()
{
    if (m_article.id.isEmpty())
        return;
    // A revision's history is its published article's.
    const QString of = m_article.revisionOf.isEmpty() ? m_article.id : m_article.revisionOf;
    const Result<QVector<KbArticleVersion>> versions = m_articles.history(of);
    if (!versions) {
        showMessage(versions.errorMessage(), true);
        return;
    }
    KbHistoryDialog dialog(versions.value(), m_categories, [this](const QString& id) { return agentName(id); }, this);
    dialog.exec();
}

QString KbArticleView::askNote(const QString& title, const QString& prompt)
{
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("kbNoteDialog"));
    dialog.setWindowTitle(title);
    dialog.setLabelText(prompt);
    dialog.setOption(QInputDialog::UsePlainTextEditForTextInput);
    dialog.setOkButtonText(tr("OK"));
    dialog.setCancelButtonText(tr("Cancel"));
    if (dialog.exec() != QDialog::Accepted)
        return QString();
    // Accepted with nothing typed is an empty (not null) note: the service says whether one is needed.
    const QString note = dialog.textValue().trimmed();
    return note.isNull() ? QStringLiteral("") : note;
}

void KbArticleView::afterWrite(const QString& shownId, const QString& done)
{
    emit localChangeWritten();
    emit articleWritten(shownId);
    const Status shown = load(shownId, false);
    if (shown)
        showMessage(done, false);
}

Status KbArticleView::edit()
{
    if (m_article.id.isEmpty())
        return Error{tr("No article is open."), QStringLiteral("state")};
    QString draftId = m_article.id;
    if (m_article.status == QLatin1String("published")) {
        const Result<QString> revision = m_articles.startRevision(m_article.id);
        if (!revision) {
            showMessage(revision.errorMessage(), true);
            return revision.error();
        }
        draftId = revision.value();
        // The revision exists from here on (in the drafts list), whatever the editor's outcome.
        emit localChangeWritten();
        emit articleWritten(draftId);
    }
    KbArticleEditor editor(m_store, m_session, draftId, m_clock, this);
    if (!editor.loadStatus()) {
        showMessage(editor.loadStatus().errorMessage(), true);
        return editor.loadStatus();
    }
    if (editor.exec() != QDialog::Accepted) {
        if (draftId != m_article.id)
            load(draftId, false);
        return Error{tr("Editing was cancelled."), QStringLiteral("cancelled")};
    }
    afterWrite(draftId, editor.outcome() == QLatin1String("submitted") ? tr("Saved and submitted for review.")
                                                                       : tr("Draft saved."));
    return Status::success();
}

Status KbArticleView::submitForReview()
{
    const QString id = m_article.id;
    const Status done = m_articles.submitForReview(id);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    afterWrite(id, tr("Submitted for review."));
    return done;
}

Status KbArticleView::approve()
{
    const QString id = m_article.id;
    // An approved revision replaces its article's content and is gone itself: show the article.
    const QString shown = m_article.revisionOf.isEmpty() ? id : m_article.revisionOf;
    const Status done = m_articles.approve(id);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    if (shown != id)
        emit articleWritten(id);
    afterWrite(shown, tr("Approved and published."));
    return done;
}

Status KbArticleView::sendBack(const QString& note)
{
    const QString id = m_article.id;
    const Status done = m_articles.sendBack(id, note);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    afterWrite(id, tr("Sent back to the author as a draft."));
    return done;
}

Status KbArticleView::retire(const QString& note)
{
    const QString id = m_article.id;
    const Status done = m_articles.retire(id, note);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    afterWrite(id, tr("Retired: agents no longer find this article."));
    return done;
}

} // namespace telcodesk
