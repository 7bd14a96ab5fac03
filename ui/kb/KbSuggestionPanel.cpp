#include "kb/KbSuggestionPanel.h"

#include "kb/KbSuggest.h"

#include <QLabel>
#include <QScrollArea>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

namespace telcodesk {

namespace {

QString plainOf(const QString& html)
{
    QTextDocument doc;
    doc.setHtml(html);
    return doc.toPlainText();
}

} // namespace

KbSuggestionPanel::KbSuggestionPanel(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QFrame(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("kbSuggestionPanel"));
    setFrameShape(QFrame::StyledPanel);
    m_heading = new QLabel(tr("Knowledge base"), this);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_body = new QLabel(this);
    m_body->setObjectName(QStringLiteral("kbSuggestions"));
    m_body->setTextFormat(Qt::RichText);
    m_body->setWordWrap(true);
    m_body->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_body->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_body, &QLabel::linkActivated, this, &KbSuggestionPanel::onLink);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_body);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(6);
    layout->addWidget(m_heading);
    layout->addWidget(scroll, 1);

    m_pause = new QTimer(this);
    m_pause->setSingleShot(true);
    m_pause->setInterval(kPauseMs);
    connect(m_pause, &QTimer::timeout, this, &KbSuggestionPanel::search);

    const Result<QVector<KbCategory>> categories = KbArticleService(m_store, m_session, m_clock).categories();
    if (categories)
        m_categories.set(*categories);
    render();
}

void KbSuggestionPanel::setContextText(const QString& text, bool immediately)
{
    if (text == m_text && !immediately)
        return;
    m_text = text;
    if (immediately) {
        m_pause->stop();
        search();
    } else {
        m_pause->start();
    }
}

void KbSuggestionPanel::setLanguage(const QString& language)
{
    if (language == m_language)
        return;
    m_language = language;
    m_pause->start();
}

void KbSuggestionPanel::setTicket(const QString& ticketId, const QString& ticketNo)
{
    m_ticketId = ticketId;
    m_ticketNo = ticketNo;
    readLinks();
    render();
}

void KbSuggestionPanel::refresh()
{
    readLinks();
    search();
}

void KbSuggestionPanel::search()
{
    m_error.clear();
    const Result<QVector<KbHit>> hits = KbSuggest(m_store).forText(m_text, m_language, 5);
    if (hits)
        m_hits = *hits;
    else
        m_error = hits.errorMessage();
    render();
}

void KbSuggestionPanel::readLinks()
{
    m_links.clear();
    if (m_ticketId.isEmpty())
        return;
    const Result<QVector<KbLinkedArticle>> links = KbFeedbackService(m_store, m_session, m_clock).linksFor(m_ticketId);
    if (links)
        m_links = *links;
    else
        m_error = links.errorMessage();
}

Status KbSuggestionPanel::linkArticle(const QString& articleId)
{
    if (m_ticketId.isEmpty())
        return Error{tr("There is no ticket to link the article to."), QStringLiteral("invalid")};
    const Status linked = KbFeedbackService(m_store, m_session, m_clock).link(m_ticketId, articleId);
    m_error = linked ? QString() : linked.errorMessage();
    readLinks();
    render();
    if (linked)
        emit linksChanged(m_ticketId);
    return linked;
}

Status KbSuggestionPanel::unlinkArticle(const QString& articleId)
{
    if (m_ticketId.isEmpty())
        return Error{tr("There is no ticket to unlink the article from."), QStringLiteral("invalid")};
    const Status unlinked = KbFeedbackService(m_store, m_session, m_clock).unlink(m_ticketId, articleId);
    m_error = unlinked ? QString() : unlinked.errorMessage();
    readLinks();
    render();
    if (unlinked)
        emit linksChanged(m_ticketId);
    return unlinked;
}

void KbSuggestionPanel::onLink(const QString& href)
{
    const int colon = href.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return;
    const QString action = href.left(colon);
    const QString id = href.mid(colon + 1);
    if (action == QLatin1String("open"))
        emit openArticleRequested(id, m_ticketId, m_ticketNo);
    else if (action == QLatin1String("link"))
        linkArticle(id);
    else if (action == QLatin1String("unlink"))
        unlinkArticle(id);
}

void KbSuggestionPanel::render()
{
    QString html;
    const QString grey = QStringLiteral("color:palette(mid);");
    if (!m_error.isEmpty())
        html += QStringLiteral("<p style=\"color:#b3261e;\">%1</p>").arg(m_error.toHtmlEscaped());

    QStringList linkedIds;
    if (!m_ticketId.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Linked to this ticket").toHtmlEscaped());
        if (m_links.isEmpty())
            html += QStringLiteral("<p style=\"%1\">%2</p>").arg(grey, tr("No article linked yet.").toHtmlEscaped());
        for (const KbLinkedArticle& link : m_links) {
            linkedIds << link.articleId;
            const QString title = link.title.isEmpty() ? tr("(article no longer available)") : link.title;
            html += QStringLiteral("<p><a href=\"open:%1\">%2</a> &nbsp;<a href=\"unlink:%1\">%3</a></p>")
                        .arg(link.articleId.toHtmlEscaped(), title.toHtmlEscaped(), tr("Unlink").toHtmlEscaped());
        }
        html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Suggested").toHtmlEscaped());
    }
    if (m_hits.isEmpty()) {
        const QString none = m_text.trimmed().isEmpty() ? tr("Articles for this work appear here.")
                                                        : tr("No article matches this text.");
        html += QStringLiteral("<p style=\"%1\">%2</p>").arg(grey, none.toHtmlEscaped());
    }
    for (const KbHit& hit : m_hits) {
        html += QStringLiteral("<p><a href=\"open:%1\">%2</a><br><span style=\"%3\">%4</span><br>%5")
                    .arg(hit.articleId.toHtmlEscaped(), hit.titleHtml, grey,
                         m_categories.path(hit.category).toHtmlEscaped(), hit.snippetHtml);
        if (!m_ticketId.isEmpty()) {
            if (linkedIds.contains(hit.articleId))
                html += QStringLiteral("<br><span style=\"%1\">%2</span>").arg(grey, tr("Linked").toHtmlEscaped());
            else
                html += QStringLiteral("<br><a href=\"link:%1\">%2</a>")
                            .arg(hit.articleId.toHtmlEscaped(), tr("Link to ticket %1").arg(m_ticketNo).toHtmlEscaped());
        }
        html += QStringLiteral("</p>");
    }
    m_body->setText(html);
}

QString KbSuggestionPanel::shownText() const
{
    return plainOf(m_body->text());
}

} // namespace telcodesk
