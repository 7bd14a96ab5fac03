#pragma once

#include <QStyledItemDelegate>

namespace telcodesk {

/// Paints a knowledge-base hit as a small card: the title with its matched terms highlighted, the
/// snippet around the matches, and a line of facts (category, language, helpful votes). The title and
/// snippet come from the search as escaped HTML with the matches in <b>…</b>; the delegate renders that
/// HTML with QTextDocument and styles <b> as a highlight. Rows with HeaderRole set are section headings
/// ("Most useful this week").
class KbHitDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum Role {
        ArticleIdRole = Qt::UserRole + 1,
        TitleHtmlRole,
        SnippetHtmlRole,
        FactsRole,   ///< plain text
        HeaderRole,  ///< bool: a section heading, DisplayRole is its text
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// The HTML the delegate lays out for a row (for tests: the highlight must be there).
    static QString rowHtml(const QModelIndex& index, bool selected);
};

} // namespace telcodesk
