#include "domain/PhoneNumber.h"

#include <phonenumbers/phonenumberutil.h>

#include <string>

namespace telcodesk {

using i18n::phonenumbers::PhoneNumberUtil;

namespace {

bool parse(const QString& text, const QString& region, i18n::phonenumbers::PhoneNumber* out)
{
    if (text.isEmpty() || text.size() > 64)
        return false;
    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    return util->Parse(text.toStdString(), region.toStdString(), out) == PhoneNumberUtil::NO_PARSING_ERROR;
}

} // namespace

QString PhoneNumber::toE164(const QString& text, const QString& defaultRegion)
{
    i18n::phonenumbers::PhoneNumber number;
    if (!parse(text, defaultRegion, &number))
        return {};
    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    if (!util->IsValidNumber(number))
        return {};
    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    return QString::fromStdString(formatted);
}

bool PhoneNumber::isValidChinaMobile(const QString& text)
{
    i18n::phonenumbers::PhoneNumber number;
    if (!parse(text, QStringLiteral("CN"), &number))
        return false;
    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    return number.country_code() == 86 && util->IsValidNumber(number)
        && util->GetNumberType(number) == PhoneNumberUtil::MOBILE;
}

QString PhoneNumber::nationalDigits(const QString& e164)
{
    if (e164.startsWith(QLatin1String("+86")))
        return e164.mid(3);
    if (e164.startsWith(QLatin1Char('+')))
        return e164.mid(1);
    return e164;
}

QString PhoneNumber::searchDigits(const QString& text)
{
    QString digits;
    digits.reserve(text.size());
    for (const QChar c : text) {
        if (c.isDigit() && c.unicode() < 128)
            digits.append(c);
    }
    if (digits.size() == 15 && digits.startsWith(QLatin1String("0086")) && digits.at(4) == QLatin1Char('1'))
        digits.remove(0, 4);
    else if (digits.size() == 13 && digits.startsWith(QLatin1String("86")) && digits.at(2) == QLatin1Char('1'))
        digits.remove(0, 2);
    return digits;
}

QString PhoneNumber::carrierOf(const QString& e164)
{
    const QString national = nationalDigits(e164);
    if (national.size() != 11 || !national.startsWith(QLatin1Char('1')))
        return {};
    const int prefix = national.left(3).toInt();
    // Number ranges allotted by MIIT (three-digit network codes).
    static const int mobile[] = {134, 135, 136, 137, 138, 139, 147, 148, 150, 151, 152, 157, 158, 159,
                                 172, 178, 182, 183, 184, 187, 188, 195, 197, 198};
    static const int unicom[] = {130, 131, 132, 145, 146, 155, 156, 166, 167, 171, 175, 176, 185, 186, 196};
    static const int telecom[] = {133, 149, 153, 173, 174, 177, 180, 181, 189, 190, 191, 193, 199};
    for (int p : mobile)
        if (p == prefix)
            return QStringLiteral("China Mobile");
    for (int p : unicom)
        if (p == prefix)
            return QStringLiteral("China Unicom");
    for (int p : telecom)
        if (p == prefix)
            return QStringLiteral("China Telecom");
    if (prefix == 192)
        return QStringLiteral("China Broadnet");
    return {};
}

} // namespace telcodesk
