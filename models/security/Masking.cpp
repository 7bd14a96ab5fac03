#include "security/Masking.h"

#include <QVector>

namespace telcodesk {

namespace {

/// Below this many characters a number or document keeps nothing in clear: showing 3 + 4 of a
/// 7-character value would show all of it.
constexpr qsizetype kMinCharsToKeepEnds = 8;

/// Where each code point starts. A lone surrogate (broken text) counts as a character of its own so
/// that nothing is dropped and nothing crashes.
QVector<qsizetype> codePointStarts(QStringView text)
{
    QVector<qsizetype> starts;
    starts.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        starts.append(i);
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
    }
    return starts;
}

QString stars(qsizetype count)
{
    return QString(count, QLatin1Char('*'));
}

/// Keeps `head` leading and `tail` trailing characters and masks the rest; a value with fewer than
/// minChars characters, or with nothing left to mask, is masked whole.
QString keepEnds(QStringView text, qsizetype head, qsizetype tail, qsizetype minChars)
{
    const QVector<qsizetype> starts = codePointStarts(text);
    const qsizetype count = starts.size();
    if (count < minChars || count <= head + tail)
        return stars(count);
    const qsizetype headEnd = starts.at(head);
    const qsizetype tailStart = tail > 0 ? starts.at(count - tail) : text.size();
    return text.left(headEnd).toString() + stars(count - head - tail) + text.mid(tailStart).toString();
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool allAsciiDigits(QStringView text)
{
    for (QChar c : text) {
        if (!isAsciiDigit(c))
            return false;
    }
    return true;
}

/// An 11-digit mainland mobile number as people read it out (1xx xxxx xxxx).
bool isMainlandMobile(QStringView digits)
{
    return digits.size() == 11 && digits.front() == QLatin1Char('1') && allAsciiDigits(digits);
}

/// The shape of an 18-character resident identity number (GB 11643): 17 digits and a check
/// character. The check digit itself is not verified: a mistyped ID must be masked all the same.
bool isResidentId(QStringView id)
{
    if (id.size() != 18 || !allAsciiDigits(id.left(17)))
        return false;
    const QChar check = id.back();
    return isAsciiDigit(check) || check == QLatin1Char('X') || check == QLatin1Char('x');
}

} // namespace

QString Masking::msisdn(const QString& number)
{
    QStringView view(number);
    // Agents recognise a mainland number by its national form, so the country code is dropped.
    if (view.startsWith(QLatin1String("+86")) && isMainlandMobile(view.mid(3)))
        view = view.mid(3);
    return keepEnds(view, 3, 4, kMinCharsToKeepEnds);
}

QString Masking::idNumber(const QString& id)
{
    if (isResidentId(id))
        return keepEnds(id, 4, 4, 0);
    return keepEnds(id, 2, 2, kMinCharsToKeepEnds);
}

QString Masking::name(const QString& name)
{
    const QVector<qsizetype> starts = codePointStarts(name);
    if (starts.isEmpty())
        return QString();
    const qsizetype firstEnd = starts.size() > 1 ? starts.at(1) : name.size();
    return name.left(firstEnd) + stars(starts.size() - 1);
}

} // namespace telcodesk
