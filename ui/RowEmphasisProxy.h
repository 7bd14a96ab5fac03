#pragma once

#include <QColor>
#include <QIdentityProxyModel>

namespace telcodesk {

/// Shows the core models' Emphasis as colour and weight: alerts red and bold, strong rows bold, muted
/// rows grey. The core says what matters; this decides how it looks.
class RowEmphasisProxy : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit RowEmphasisProxy(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    static QColor alertColor();
    static QColor mutedColor();
};

} // namespace telcodesk
