#pragma once

#include <QString>

namespace telcodesk {

/// Style sheets of the rounded "chips" (a QLabel) the customer header and the risk card show.
namespace ChipStyle {

/// A chip with this background and text colour.
QString colours(const QString& background, const QString& foreground);
/// A churn-risk band's chip: high red, medium amber, low green; grey for no score (empty band).
QString riskBand(const QString& band);

} // namespace ChipStyle

} // namespace telcodesk
