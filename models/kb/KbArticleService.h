#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/KbArticle.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QVector>

namespace telcodesk {

/// What an author fills in.
struct KbDraft
{
    QString title;
    QString body;       ///< rich text (HTML subset)
    QString category;   ///< a kb_category code
    QStringList tags;
    QString language;   ///< "zh_CN" or "en"
    QString changeNote; ///< what this version changes (required for a revision of a published article)
};

/// What changed between two versions, for the history view.
struct KbChangeSummary
{
    bool titleChanged = false;
    bool categoryChanged = false;
    QStringList tagsAdded;
    QStringList tagsRemoved;
    int paragraphsAdded = 0;   ///< paragraphs of the plain text, compared as a sequence (LCS)
    int paragraphsRemoved = 0;
    /// The body's plain-text paragraphs as a diff: each prefixed "+ ", "- " or "  ".
    QStringList bodyDiff;
};

/// The knowledge base's editorial side and its reading (issue 5): articles go draft → in review →
/// published → retired; a published article is changed through a revision (a draft row with
/// revision_of) that replaces its content, version + 1, when a reviewer approves it. Every publication
/// writes a kb_article_version snapshot. Supervisors and admins write and review (Permission::
/// EditKnowledge); the reviewer must be someone other than the author, except for an admin.
/// All writes go through ChangeWriter, one transaction per action.
///
/// Errors (Error::code): "permission", "invalid" (a field, named in the message), "not_found",
/// "state" (the action does not apply to the article's status), "io".
class KbArticleService
{
    Q_DECLARE_TR_FUNCTIONS(KbArticleService)
public:
    KbArticleService(LocalStorePtr store, Session session, const Clock& clock = Clock::system());

    /// An article with its feedback totals. Agents and clerks get published articles only
    /// ("not_found" otherwise).
    Result<KbArticle> load(const QString& id) const;
    Result<QVector<KbCategory>> categories() const;

    Result<QString> createDraft(const KbDraft& draft);
    /// The open revision of a published article, created (a copy of it) if there is none.
    Result<QString> startRevision(const QString& publishedId);
    Status saveDraft(const QString& id, const KbDraft& draft);
    Status submitForReview(const QString& id);
    /// Publishes a draft in review: a new article, or a revision replacing its article's content.
    Status approve(const QString& id, const QString& note = QString());
    Status sendBack(const QString& id, const QString& note);
    Status retire(const QString& id, const QString& note);

    /// Drafts and articles in review, oldest update first (supervisors and admins).
    Result<QVector<KbArticle>> workQueue() const;
    /// The published versions of an article, newest first.
    Result<QVector<KbArticleVersion>> history(const QString& articleId) const;
    static KbChangeSummary compare(const KbArticleVersion& before, const KbArticleVersion& after);

    /// Tags "a, b，c;d" (ASCII or full-width separators) as a clean list: trimmed, de-duplicated, no empties.
    static QStringList parseTags(const QString& text);
    /// What an author would fill in to write this article again (to edit a saved draft).
    static KbDraft draftOf(const KbArticle& article);

private:
    /// The article an editorial step applies to: the caller edits the knowledge base, the article exists
    /// and has `status` (for "published": an article, not a revision); otherwise the error to return,
    /// naming the step ("approved", "retired", …).
    Result<KbArticle> articleForStep(QSqlDatabase& db, const QString& id, const QString& status,
                                     const QString& step) const;
    /// Writes a new draft row (a new article, or with revisionOf a revision of a published one).
    Result<QString> insertDraft(const KbDraft& draft, int version, const QString& revisionOf);

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
};

/// An article linked to a ticket.
struct KbLinkedArticle
{
    QString linkId;
    QString articleId;
    QString title;      ///< empty when the article is no longer available (retired, or not synced)
    QString language;
    QString agentId;
    qint64 linkedAt = 0;
};

/// Reading feedback: views, "helpful?" votes and links to tickets. Every role may record them.
/// A view is recorded once per agent, article and Beijing day; a vote once per agent and article
/// version (ids derive from them, so two desktops give one row on the server).
class KbFeedbackService
{
    Q_DECLARE_TR_FUNCTIONS(KbFeedbackService)
public:
    KbFeedbackService(LocalStorePtr store, Session session, const Clock& clock = Clock::system());

    Status recordView(const QString& articleId);
    Status vote(const QString& articleId, bool helpful);
    /// This agent's vote on the article's current version: 1 helpful, -1 not helpful, 0 none.
    Result<int> myVote(const QString& articleId) const;

    /// The derived ids of an agent's view of an article on the Beijing day of atMs and of their vote on one
    /// version: the same view or vote recorded twice (two desktops, the demo generator) is one row.
    static QString viewId(const QString& articleId, const QString& agentId, qint64 atMs);
    static QString voteId(const QString& articleId, const QString& agentId, int version);

    /// Links an article to a ticket; linking it again is a no-op.
    Status link(const QString& ticketId, const QString& articleId);
    Status unlink(const QString& ticketId, const QString& articleId);
    Result<QVector<KbLinkedArticle>> linksFor(const QString& ticketId) const;

private:
    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
};

} // namespace telcodesk
