#pragma once

#include <QDate>
#include <QString>

namespace telcodesk {

/// Resident identity card numbers of mainland China (GB 11643-1999): six digits of region, eight of
/// birth date, three of sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
class IdNumber
{
public:
    struct Parsed
    {
        bool valid = false;
        QString error;     ///< why it is not valid, for a person to read
        QString regionCode;
        QDate birthDate;
        QChar gender;      ///< 'M' or 'F'
    };

    /// The check character (0-9 or X) for the first 17 digits.
    static QChar checkCharacter(QStringView first17);
    /// Validates an 18-character number: digits, region, date, check character.
    static Parsed parse(const QString& text);
    static bool isValid(const QString& text) { return parse(text).valid; }
    /// Upper case, no white space: the stored and searched form.
    static QString normalized(const QString& text);
};

} // namespace telcodesk
