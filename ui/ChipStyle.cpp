#include "ChipStyle.h"

namespace telcodesk::ChipStyle {

QString colours(const QString& background, const QString& foreground)
{
    return QStringLiteral("QLabel { background: %1; color: %2; border-radius: 9px; padding: 1px 9px; }")
        .arg(background, foreground);
}

QString riskBand(const QString& band)
{
    if (band == QLatin1String("high"))
        return colours(QStringLiteral("#fdecea"), QStringLiteral("#b3261e"));
    if (band == QLatin1String("medium"))
        return colours(QStringLiteral("#fff4e0"), QStringLiteral("#8a5300"));
    if (band == QLatin1String("low"))
        return colours(QStringLiteral("#e6f4ea"), QStringLiteral("#137333"));
    return colours(QStringLiteral("#f1f3f4"), QStringLiteral("#5f6368"));
}

} // namespace telcodesk::ChipStyle
