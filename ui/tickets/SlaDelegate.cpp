#include "tickets/SlaDelegate.h"

#include "itemmodels/TicketQueueModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace telcodesk {

namespace {

constexpr int kGlyph = 10;   // side of the state glyph, px
constexpr int kPadding = 6;  // inside the chip
constexpr int kMargin = 3;   // around the chip

void paintGlyph(QPainter* painter, const QRectF& box, SlaDelegate::Look look, const QColor& color)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    switch (look) {
    case SlaDelegate::Look::Paused: {
        // Two bars: drawn rather than a font's ⏸, which the CJK fonts of a Chinese desktop often lack.
        const qreal w = box.width() / 3.5;
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawRect(QRectF(box.left() + w * 0.5, box.top(), w, box.height()));
        painter->drawRect(QRectF(box.right() - w * 1.5, box.top(), w, box.height()));
        break;
    }
    case SlaDelegate::Look::Met:
    case SlaDelegate::Look::MetLate: {
        QPen pen(color, 2.0);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        painter->setPen(pen);
        QPainterPath path;
        path.moveTo(box.left() + box.width() * 0.1, box.top() + box.height() * 0.55);
        path.lineTo(box.left() + box.width() * 0.4, box.bottom() - box.height() * 0.1);
        path.lineTo(box.right() - box.width() * 0.05, box.top() + box.height() * 0.1);
        painter->drawPath(path);
        break;
    }
    case SlaDelegate::Look::Breached: {
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawEllipse(box);
        painter->setPen(QPen(Qt::white, 1.6));
        const qreal cx = box.center().x();
        painter->drawLine(QPointF(cx, box.top() + 2.2), QPointF(cx, box.bottom() - 4.0));
        painter->drawPoint(QPointF(cx, box.bottom() - 2.0));
        break;
    }
    case SlaDelegate::Look::Running:
    case SlaDelegate::Look::NearBreach: {
        // A clock face: a ring and two hands.
        painter->setPen(QPen(color, 1.4));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(box.adjusted(0.7, 0.7, -0.7, -0.7));
        const QPointF c = box.center();
        painter->drawLine(c, QPointF(c.x(), box.top() + 2.5));
        painter->drawLine(c, QPointF(box.right() - 2.5, c.y()));
        break;
    }
    case SlaDelegate::Look::None:
        break;
    }
    painter->restore();
}

} // namespace

SlaDelegate::SlaDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

SlaDelegate::Look SlaDelegate::lookOf(const QModelIndex& index) const
{
    const QString state = index.data(TicketQueueModel::SlaStateRole).toString();
    if (state.isEmpty())
        return Look::None;
    if (state == QLatin1String("met"))
        return Look::Met;
    if (state == QLatin1String("met_late"))
        return Look::MetLate;
    if (state == QLatin1String("paused") || index.data(TicketQueueModel::SlaPausedRole).toBool())
        return Look::Paused;
    if (state == QLatin1String("breached"))
        return Look::Breached;
    // A running clock moves on between recomputes: judge it against now.
    const QVariant due = index.data(TicketQueueModel::SlaDueRole);
    if (m_now > 0 && due.isValid() && !due.isNull() && m_now >= due.toLongLong())
        return Look::Breached;
    if (state == QLatin1String("near_breach"))
        return Look::NearBreach;
    const QVariant near = index.data(TicketQueueModel::SlaNearBreachAtRole);
    if (m_now > 0 && near.isValid() && !near.isNull() && m_now >= near.toLongLong())
        return Look::NearBreach;
    return Look::Running;
}

QColor SlaDelegate::colorOf(Look look)
{
    switch (look) {
    case Look::Running:
        return QColor(0x1e, 0x8e, 0x3e);
    case Look::NearBreach:
        return QColor(0xb0, 0x60, 0x00);
    case Look::Breached:
        return QColor(0xc5, 0x22, 0x1f);
    case Look::Paused:
        return QColor(0x5f, 0x63, 0x68);
    case Look::Met:
        return QColor(0x18, 0x80, 0x38);
    case Look::MetLate:
        return QColor(0xa5, 0x0e, 0x0e);
    case Look::None:
        break;
    }
    return QColor(0x5f, 0x63, 0x68);
}

void SlaDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const Look look = lookOf(index);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    // Selection and focus as the style draws them, without the text: the chip carries it.
    opt.text.clear();
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    if (look == Look::None && text.isEmpty())
        return;

    const QColor color = colorOf(look);
    QFont font = opt.font;
    if (look == Look::Breached || look == Look::NearBreach)
        font.setBold(true);
    const QFontMetrics fm(font);
    const QRect cell = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const int glyph = look == Look::None ? 0 : kGlyph + 5;
    const int width = std::min(cell.width(), kPadding * 2 + glyph + fm.horizontalAdvance(text) + 1);
    const QRect chip(cell.left(), cell.top(), width, cell.height());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    QColor fill = color;
    fill.setAlpha(look == Look::Breached || look == Look::NearBreach ? 46 : 28);
    painter->setPen(Qt::NoPen);
    // On a selected row the chip keeps a light ground of its own, so that its colours stay readable.
    if (option.state & QStyle::State_Selected) {
        painter->setBrush(QColor(255, 255, 255, 235));
        painter->drawRoundedRect(chip, 4, 4);
    }
    painter->setBrush(fill);
    painter->drawRoundedRect(chip, 4, 4);
    // A strip on the left edge says the state even where the text is cut short.
    painter->setBrush(color);
    painter->drawRoundedRect(QRect(chip.left(), chip.top(), 3, chip.height()), 1.5, 1.5);

    int x = chip.left() + kPadding;
    if (glyph > 0) {
        const QRectF box(x, chip.center().y() - kGlyph / 2.0 + 0.5, kGlyph, kGlyph);
        paintGlyph(painter, box, look, color);
        x += glyph;
    }
    painter->setFont(font);
    painter->setPen(look == Look::None ? option.palette.color(QPalette::Text) : color.darker(115));
    const QRect textRect(x, chip.top(), chip.right() - x - kPadding + 1, chip.height());
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      fm.elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize SlaDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + kGlyph + 5 + kPadding * 2 + kMargin * 2);
    return size;
}

} // namespace telcodesk
