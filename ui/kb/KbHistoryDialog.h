#pragma once

#include "domain/KbArticle.h"
#include "kb/KbArticleService.h"
#include "kb/KbFormat.h"

#include <QDialog>
#include <QVector>

#include <functional>

class QListWidget;
class QTextBrowser;

namespace telcodesk {

/// The published versions of an article, newest first, each with its date, author, reviewer and change
/// note; the one selected shows what it changed against the version before it (KbArticleService::
/// compare): title, category, tags, and the body's paragraphs with added lines in green (+) and removed
/// ones in red (−).
class KbHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    using NameOf = std::function<QString(const QString& agentId)>;

    KbHistoryDialog(const QVector<KbArticleVersion>& newestFirst, const KbCategoryNames& categories,
                    const NameOf& agentName, QWidget* parent = nullptr);

    QListWidget* versionList() const { return m_list; }
    QTextBrowser* changes() const { return m_changes; }
    /// The HTML shown for the version at row (newest first).
    static QString changesHtml(const KbArticleVersion& version, const KbArticleVersion* before,
                               const KbCategoryNames& categories, const NameOf& agentName);

private:
    void showRow(int row);

    QVector<KbArticleVersion> m_versions;
    KbCategoryNames m_categories;
    NameOf m_agentName;
    QListWidget* m_list = nullptr;
    QTextBrowser* m_changes = nullptr;
};

} // namespace telcodesk
