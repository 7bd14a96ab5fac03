#include "domain/IdNumber.h"

#include <QObject>

namespace telcodesk {

QChar IdNumber::checkCharacter(QStringView first17)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char codes[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17 && i < first17.size(); ++i)
        sum += (first17.at(i).unicode() - '0') * weights[i];
    return QLatin1Char(codes[sum % 11]);
}

QString IdNumber::normalized(const QString& text)
{
    QString out;
    for (const QChar c : text) {
        if (!c.isSpace())
            out.append(c.toUpper());
    }
    return out;
}

IdNumber::Parsed IdNumber::parse(const QString& text)
{
    Parsed p;
    const QString id = normalized(text);
    if (id.size() != 18) {
        p.error = QObject::tr("An ID number has 18 characters; this one has %1.").arg(id.size());
        return p;
    }
    for (int i = 0; i < 17; ++i) {
        if (!id.at(i).isDigit() || id.at(i).unicode() > 127) {
            p.error = QObject::tr("Character %1 of the ID number must be a digit.").arg(i + 1);
            return p;
        }
    }
    const QChar last = id.at(17);
    if (!(last.isDigit() && last.unicode() < 128) && last != QLatin1Char('X')) {
        p.error = QObject::tr("The last character of the ID number must be a digit or X.");
        return p;
    }
    const int province = id.left(2).toInt();
    if (province < 11 || province > 82) {
        p.error = QObject::tr("The ID number's region code %1 is not a region of China.").arg(id.left(6));
        return p;
    }
    const QDate birth = QDate::fromString(id.mid(6, 8), QStringLiteral("yyyyMMdd"));
    if (!birth.isValid() || birth.year() < 1900) {
        p.error = QObject::tr("The ID number's birth date %1 is not a valid date.").arg(id.mid(6, 8));
        return p;
    }
    if (checkCharacter(QStringView(id).left(17)) != last) {
        p.error = QObject::tr("The ID number's check character is wrong: a typing error is likely.");
        return p;
    }
    p.valid = true;
    p.regionCode = id.left(6);
    p.birthDate = birth;
    p.gender = (id.at(16).unicode() - '0') % 2 == 1 ? QLatin1Char('M') : QLatin1Char('F');
    return p;
}

} // namespace telcodesk
