#include "RowEmphasisProxy.h"

#include "itemmodels/ItemRoles.h"

#include <QFont>

namespace telcodesk {

RowEmphasisProxy::RowEmphasisProxy(QObject* parent)
    : QIdentityProxyModel(parent)
{
}

QColor RowEmphasisProxy::alertColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

QColor RowEmphasisProxy::mutedColor()
{
    // Readable but clearly secondary; the palette's disabled text is too faint for rows a person reads.
    return QColor(0x80, 0x86, 0x8b);
}

QVariant RowEmphasisProxy::data(const QModelIndex& index, int role) const
{
    if (role != Qt::ForegroundRole && role != Qt::FontRole)
        return QIdentityProxyModel::data(index, role);
    const QVariant source = QIdentityProxyModel::data(index, role);
    if (source.isValid())
        return source;
    const auto emphasis = Emphasis(QIdentityProxyModel::data(index, ItemRoles::EmphasisRole).toInt());
    if (role == Qt::ForegroundRole) {
        if (emphasis == Emphasis::Alert)
            return alertColor();
        if (emphasis == Emphasis::Muted)
            return mutedColor();
        return {};
    }
    if (emphasis == Emphasis::Alert || emphasis == Emphasis::Strong) {
        QFont font;
        font.setBold(true);
        return font;
    }
    return {};
}

} // namespace telcodesk
