#pragma once

#include <QString>

namespace telcodesk {

/// Phone numbers, parsed and validated by libphonenumber (region CN by default).
class PhoneNumber
{
public:
    /// The E.164 form ("+8613812345678") of a number written in any common format
    /// ("138 1234 5678", "138-1234-5678", "+86 138...", "0086138..."), or an empty string when it is
    /// not a valid number.
    static QString toE164(const QString& text, const QString& defaultRegion = QStringLiteral("CN"));
    /// True when the text is a valid mobile number of mainland China.
    static bool isValidChinaMobile(const QString& text);
    /// The national significant digits of an E.164 number ("+8613812345678" -> "13812345678").
    static QString nationalDigits(const QString& e164);
    /// Only the digits of a text, with a leading 86 / 0086 country prefix removed when what is left
    /// looks like a mainland mobile number. Used to normalise what an agent types into search.
    static QString searchDigits(const QString& text);
    /// The carrier that a mainland mobile number range belongs to: "China Mobile", "China Unicom",
    /// "China Telecom", "China Broadnet", or empty.
    static QString carrierOf(const QString& e164);
};

} // namespace telcodesk
