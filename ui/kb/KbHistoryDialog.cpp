#include "kb/KbHistoryDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace telcodesk {

KbHistoryDialog::KbHistoryDialog(const QVector<KbArticleVersion>& newestFirst, const KbCategoryNames& categories,
                                 const NameOf& agentName, QWidget* parent)
    : QDialog(parent)
    , m_versions(newestFirst)
    , m_categories(categories)
    , m_agentName(agentName)
{
    setObjectName(QStringLiteral("kbHistoryDialog"));
    setWindowTitle(tr("Article history"));
    resize(900, 600);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("versionList"));
    m_list->setWordWrap(true);
    m_list->setMinimumWidth(260);
    for (const KbArticleVersion& v : m_versions) {
        //: A version in the article history; %1 version number, %2 date published, %3 author
        QString text = tr("Version %1 · %2 · %3").arg(v.version).arg(KbFormat::date(v.publishedAt), m_agentName(v.authorId));
        if (!v.changeNote.isEmpty())
            text += QLatin1Char('\n') + v.changeNote;
        auto* item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, v.version);
    }
    m_changes = new QTextBrowser(this);
    m_changes->setObjectName(QStringLiteral("changesView"));
    m_changes->setOpenLinks(false);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_changes);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    if (m_versions.isEmpty()) {
        auto* none = new QLabel(tr("This article has not been published yet: it has no history."), this);
        none->setObjectName(QStringLiteral("noHistoryLabel"));
        layout->addWidget(none);
    }
    layout->addWidget(splitter, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &KbHistoryDialog::showRow);
    if (!m_versions.isEmpty())
        m_list->setCurrentRow(0);
}

void KbHistoryDialog::showRow(int row)
{
    if (row < 0 || row >= m_versions.size()) {
        m_changes->clear();
        return;
    }
    // Newest first: the version before this one is the next row.
    const KbArticleVersion* before = row + 1 < m_versions.size() ? &m_versions.at(row + 1) : nullptr;
    m_changes->setHtml(changesHtml(m_versions.at(row), before, m_categories, m_agentName));
}

QString KbHistoryDialog::changesHtml(const KbArticleVersion& version, const KbArticleVersion* before,
                                     const KbCategoryNames& categories, const NameOf& agentName)
{
    const auto esc = [](const QString& s) { return s.toHtmlEscaped(); };
    QString html = QStringLiteral("<h3>%1</h3>").arg(esc(tr("Version %1: %2").arg(version.version).arg(version.title)));
    html += QStringLiteral("<p>%1<br>%2</p>")
                .arg(esc(tr("Published %1 · author %2 · reviewer %3")
                             .arg(KbFormat::dateTime(version.publishedAt), agentName(version.authorId),
                                  agentName(version.reviewerId))),
                     esc(version.changeNote.isEmpty() ? tr("No change note.") : tr("Change note: %1").arg(version.changeNote)));

    // The first version is compared with nothing: all of it was added.
    KbArticleVersion empty;
    empty.articleId = version.articleId;
    const KbChangeSummary summary = KbArticleService::compare(before ? *before : empty, version);

    QStringList facts;
    if (before && summary.titleChanged)
        facts << tr("Title changed from “%1” to “%2”.").arg(before->title, version.title);
    if (before && summary.categoryChanged)
        facts << tr("Moved from %1 to %2.").arg(categories.path(before->category), categories.path(version.category));
    if (!summary.tagsAdded.isEmpty())
        facts << tr("Tags added: %1").arg(summary.tagsAdded.join(tr(", ")));
    if (!summary.tagsRemoved.isEmpty())
        facts << tr("Tags removed: %1").arg(summary.tagsRemoved.join(tr(", ")));
    facts << (before ? tr("%n paragraph(s) added", nullptr, summary.paragraphsAdded) + tr(", ")
                           + tr("%n paragraph(s) removed", nullptr, summary.paragraphsRemoved)
                     : tr("The first published version."));
    html += QStringLiteral("<ul>");
    for (const QString& f : std::as_const(facts))
        html += QStringLiteral("<li>%1</li>").arg(esc(f));
    html += QStringLiteral("</ul><table width=\"100%\" cellspacing=\"0\" cellpadding=\"2\">");
    for (const QString& line : summary.bodyDiff) {
        const QString text = line.mid(2);
        if (line.startsWith(QLatin1String("+ "))) {
            html += QStringLiteral("<tr><td style=\"background-color:#e6f4ea; color:#137333;\">+ %1</td></tr>").arg(esc(text));
        } else if (line.startsWith(QLatin1String("- "))) {
            html += QStringLiteral("<tr><td style=\"background-color:#fce8e6; color:#a50e0e;\">− %1</td></tr>").arg(esc(text));
        } else {
            html += QStringLiteral("<tr><td style=\"color:#5f6368;\">&nbsp;&nbsp;%1</td></tr>").arg(esc(text));
        }
    }
    html += QStringLiteral("</table>");
    return html;
}

} // namespace telcodesk
