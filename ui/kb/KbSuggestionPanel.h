#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/KbArticle.h"
#include "kb/KbArticleService.h"
#include "kb/KbFormat.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QFrame>

class QLabel;
class QTimer;

namespace telcodesk {

/// Knowledge-base articles for what the agent is working on, shown beside it: a ticket being written or
/// worked (its title and description), or the customer open in the 360° panel (their open tickets and
/// latest contacts). The text is searched (KbSuggest) a moment after it stops changing.
///
/// With a ticket set, each suggestion can be linked to the ticket and the ticket's linked articles are
/// listed above the suggestions, each with Unlink. Clicking a title asks to open the article (the main
/// window shows it in the Knowledge base section, with "Link to ticket" for that ticket).
class KbSuggestionPanel : public QFrame
{
    Q_OBJECT

public:
    /// How long the text must rest before it is searched.
    static constexpr int kPauseMs = 350;

    KbSuggestionPanel(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(),
                      QWidget* parent = nullptr);

    /// The working text. Searched after kPauseMs, or at once with immediately = true.
    void setContextText(const QString& text, bool immediately = false);
    /// "zh_CN" or "en" restricts suggestions to that language; empty allows both.
    void setLanguage(const QString& language);
    /// The ticket the panel sits beside; empty for none (a new ticket, the 360° panel).
    void setTicket(const QString& ticketId, const QString& ticketNo);
    /// Searches the current text again and re-reads the links (after a sync, a write elsewhere).
    void refresh();

    QVector<KbHit> suggestions() const { return m_hits; }
    QVector<KbLinkedArticle> links() const { return m_links; }
    QString ticketId() const { return m_ticketId; }
    /// Links an article to the panel's ticket / removes the link. Errors are also shown in the panel.
    Status linkArticle(const QString& articleId);
    Status unlinkArticle(const QString& articleId);
    /// What the panel shows as text (tests, accessibility).
    QString shownText() const;

signals:
    /// A title was clicked. ticketId/ticketNo are the panel's ticket, empty without one.
    void openArticleRequested(const QString& articleId, const QString& ticketId, const QString& ticketNo);
    /// A link was added or removed (the outbox has a change to send).
    void linksChanged(const QString& ticketId);

private:
    void search();
    void readLinks();
    void render();
    void onLink(const QString& href);

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
    KbCategoryNames m_categories;
    QString m_text;
    QString m_language;
    QString m_ticketId;
    QString m_ticketNo;
    QVector<KbHit> m_hits;
    QVector<KbLinkedArticle> m_links;
    QString m_error;
    QTimer* m_pause = nullptr;
    QLabel* m_heading = nullptr;
    QLabel* m_body = nullptr;
};

} // namespace telcodesk
