#include "kb/KbHitDelegate.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace telcodesk {

namespace {

constexpr int kPadding = 6;

int textWidth(const QStyleOptionViewItem& option)
{
    int width = option.rect.width();
    if (width <= 0 && option.widget)
        width = option.widget->width();
    return std::max(120, width - 2 * kPadding);
}

void prepare(QTextDocument& doc, const QStyleOptionViewItem& option, const QString& html, bool selected)
{
    doc.setDocumentMargin(0);
    doc.setDefaultFont(option.font);
    const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    // The matched terms: bold on a soft yellow, readable on the selection colour too.
    doc.setDefaultStyleSheet(QStringLiteral("body { color: %1; }"
                                            ".title { font-weight: 600; }"
                                            "b { font-weight: bold; color: %2; background-color: %3; }"
                                            ".facts { color: %4; }")
                                 .arg(text.name(), selected ? text.name() : QStringLiteral("#202124"),
                                      selected ? QStringLiteral("transparent") : QStringLiteral("#fde68a"),
                                      selected ? text.name() : QStringLiteral("#5f6368")));
    doc.setHtml(html);
    doc.setTextWidth(textWidth(option));
}

} // namespace

QString KbHitDelegate::rowHtml(const QModelIndex& index, bool selected)
{
    Q_UNUSED(selected)
    if (index.data(HeaderRole).toBool())
        return QStringLiteral("<div class=\"title\">%1</div>").arg(index.data(Qt::DisplayRole).toString().toHtmlEscaped());
    QString html = QStringLiteral("<div class=\"title\">%1</div>").arg(index.data(TitleHtmlRole).toString());
    const QString snippet = index.data(SnippetHtmlRole).toString();
    if (!snippet.isEmpty())
        html += QStringLiteral("<div>%1</div>").arg(snippet);
    const QString facts = index.data(FactsRole).toString();
    if (!facts.isEmpty())
        html += QStringLiteral("<div class=\"facts\"><small>%1</small></div>").arg(facts.toHtmlEscaped());
    return html;
}

void KbHitDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const bool header = index.data(HeaderRole).toBool();
    const bool selected = !header && (opt.state & QStyle::State_Selected);
    // The style draws the background and the selection; the text is ours.
    opt.text.clear();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    QTextDocument doc;
    prepare(doc, opt, rowHtml(index, selected), selected);
    painter->save();
    painter->translate(opt.rect.left() + kPadding, opt.rect.top() + kPadding);
    const QRect clip(0, 0, opt.rect.width() - 2 * kPadding, opt.rect.height() - 2 * kPadding);
    painter->setClipRect(clip);
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = clip;
    context.palette = opt.palette;
    context.palette.setColor(QPalette::Text, opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    doc.documentLayout()->draw(painter, context);
    painter->restore();
    if (!header) {
        painter->save();
        painter->setPen(opt.palette.color(QPalette::Midlight));
        painter->drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight());
        painter->restore();
    }
}

QSize KbHitDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QTextDocument doc;
    prepare(doc, opt, rowHtml(index, false), false);
    return QSize(textWidth(opt) + 2 * kPadding, int(doc.size().height()) + 2 * kPadding
                 + (index.data(HeaderRole).toBool() ? 4 : 0));
}

} // namespace telcodesk
