#pragma once

#include <QChar>
#include <QString>
#include <QStringView>

namespace telcodesk {

/// Unified social credit codes of organisations (GB 32100-2015): registration authority and type (2),
/// administrative region (6, GB/T 2260), organisation code (9, GB 11714 with its own check character)
/// and a check character over the 31-character alphabet that leaves out I, O, S, V and Z.
class SocialCreditCode
{
public:
    /// The check character for the first 17 characters, or a null QChar when one of them is not in the
    /// alphabet.
    static QChar checkCharacter(QStringView first17);
    /// The GB 11714 check character of an organisation code's first 8 characters (0-9, X), or null.
    static QChar organizationCheckCharacter(QStringView first8);
    /// 18 characters from the alphabet, upper case, with a correct check character.
    static bool isValid(const QString& text);

    /// The same computations on Latin-1 bytes, for bulk paths. Return 0 on a character outside the
    /// alphabet.
    static char checkCharacter(const char* first17);
    static char organizationCheckCharacter(const char* first8);
};

} // namespace telcodesk
