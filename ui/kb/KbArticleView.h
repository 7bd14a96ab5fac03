#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/KbArticle.h"
#include "kb/KbArticleService.h"
#include "kb/KbFormat.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTextBrowser;

namespace telcodesk {

/// One knowledge-base article as an agent reads it: title, category path, tags, language, version,
/// publication date, author and reviewer, views and votes, and the body. Opening it records a view.
/// "Helpful" / "Not helpful" vote once per version (the agent's own vote is shown and a second one is
/// refused); "Link to ticket" links it to the ticket the agent came from; "History" lists the published
/// versions with what each changed.
///
/// With Permission::EditKnowledge it also carries the editorial steps that apply to the article's status:
/// Edit (a draft, or a revision of a published article), Submit for review, Approve, Send back (with a
/// note), Retire (with a note). Agents never see them. Refusals are shown with the service's words.
class KbArticleView : public QWidget
{
    Q_OBJECT

public:
    KbArticleView(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(),
                  QWidget* parent = nullptr);

    /// Loads and shows an article; a published one counts as viewed (once per agent and day, the service
    /// decides). On error the view keeps what it showed and says why.
    Status showArticle(const QString& id);
    /// Reads the shown article again without counting a view (after a sync or a write).
    Status reload();
    /// Terms to mark in the body (the searched words), as KbQuery::chunks() gives them; empty: none.
    void setHighlightTerms(const QStringList& terms);
    /// How many places of the body are marked now.
    int highlightCount() const;
    /// Shows the placeholder ("Choose an article").
    void clear();
    QString articleId() const { return m_article.id; }
    const KbArticle& article() const { return m_article; }
    bool isShowingArticle() const;

    /// The ticket the agent came from; "Link to ticket" appears with one. Empty id: none.
    void setCurrentTicket(const QString& ticketId, const QString& ticketNo);
    QString currentTicketId() const { return m_ticketId; }

    Status vote(bool helpful);
    /// This agent's vote on the shown version: 1, -1 or 0.
    int myVote() const { return m_myVote; }
    Status linkToTicket();
    Status unlinkFromTicket();
    bool isLinkedToTicket() const { return m_linked; }
    /// Opens the history dialog (modal).
    void showHistory();

    /// Editorial steps (Permission::EditKnowledge). edit() opens the editor (modal) on the draft, or on a
    /// revision of a published article; sendBack and retire ask for the note when none is given.
    Status edit();
    Status submitForReview();
    Status approve();
    Status sendBack(const QString& note);
    Status retire(const QString& note);

    /// The error or confirmation under the header, or empty.
    QString messageText() const;
    QString titleText() const;
    QString categoryText() const;
    QString factsText() const;
    QString peopleText() const;
    QString statsText() const;
    QString myVoteText() const;
    QTextBrowser* body() const { return m_body; }
    QPushButton* helpfulButton() const { return m_helpful; }
    QPushButton* notHelpfulButton() const { return m_notHelpful; }
    QPushButton* linkButton() const { return m_link; }
    QPushButton* unlinkButton() const { return m_unlink; }
    QPushButton* historyButton() const { return m_history; }
    QPushButton* editButton() const { return m_edit; }
    QPushButton* submitButton() const { return m_submit; }
    QPushButton* approveButton() const { return m_approve; }
    QPushButton* sendBackButton() const { return m_sendBack; }
    QPushButton* retireButton() const { return m_retire; }

signals:
    /// An editorial step or a save changed this article (its lists and the work queue change).
    void articleWritten(const QString& articleId);
    /// Something was written through the outbox (a view, a vote, a link, an edit).
    void localChangeWritten();
    /// An article was linked to or unlinked from this ticket (its editor's list of linked articles changes).
    void ticketLinksChanged(const QString& ticketId);

private:
    Status load(const QString& id, bool countView);
    void fill();
    void updateButtons();
    void markTerms();
    void showMessage(const QString& text, bool error);
    QString agentName(const QString& agentId) const;
    QString askNote(const QString& title, const QString& prompt);
    void afterWrite(const QString& shownId, const QString& done);

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
    KbArticleService m_articles;
    KbFeedbackService m_feedback;
    KbCategoryNames m_categories;
    KbArticle m_article;
    int m_myVote = 0;
    bool m_linked = false;
    QString m_ticketId;
    QString m_ticketNo;
    QStringList m_terms;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_category = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_people = nullptr;
    QLabel* m_stats = nullptr;
    QLabel* m_voteText = nullptr;
    QTextBrowser* m_body = nullptr;
    QPushButton* m_helpful = nullptr;
    QPushButton* m_notHelpful = nullptr;
    QPushButton* m_link = nullptr;
    QPushButton* m_unlink = nullptr;
    QPushButton* m_history = nullptr;
    QWidget* m_editorBar = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_submit = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_sendBack = nullptr;
    QPushButton* m_retire = nullptr;
};

} // namespace telcodesk
