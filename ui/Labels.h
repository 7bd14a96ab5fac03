#pragma once

#include "itemmodels/ItemRoles.h"

#include <QCoreApplication>
#include <QString>

namespace telcodesk {

/// The words for stored codes (channel, kind, customer type, tier, status, service, ...) in the UI
/// language. The one place where codes become text, so that every view and dialog says the same.
class Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)

public:
    /// The label of a code; an unknown code is shown as it is stored.
    static QString label(CodeDomain domain, const QString& code);
    /// label() as a function, for the item models.
    static CodeLabeler labeler();

    /// Codes of a domain in the order a person picks from them (for combo boxes).
    static QStringList codes(CodeDomain domain);

    /// "Agent", "Supervisor", ... for a role code.
    static QString role(const QString& roleCode);
};

} // namespace telcodesk
