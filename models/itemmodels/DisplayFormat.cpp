#include "itemmodels/DisplayFormat.h"

#include <QLocale>

namespace telcodesk::DisplayFormat {

QString yuan(qint64 fen)
{
    // Grouped digits with a comma read the same way in Chinese and English; the C locale would omit the
    // separator, the system locale would vary between desktops.
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    const QString sign = fen < 0 ? QStringLiteral("-") : QString();
    const qint64 abs = fen < 0 ? -fen : fen;
    const QString whole = locale.toString(abs / 100);
    const QString cents = QStringLiteral("%1").arg(abs % 100, 2, 10, QLatin1Char('0'));
    return sign + QStringLiteral("¥") + whole + QLatin1Char('.') + cents;
}

QString dateTime(const QDateTime& utc)
{
    if (!utc.isValid())
        return QString();
    return utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString date(const QDate& value)
{
    return value.isValid() ? value.toString(Qt::ISODate) : QString();
}

QString month(int yyyymm)
{
    if (yyyymm <= 0)
        return QString();
    return QStringLiteral("%1-%2").arg(yyyymm / 100, 4, 10, QLatin1Char('0')).arg(yyyymm % 100, 2, 10, QLatin1Char('0'));
}

double gigabytes(qint64 mb)
{
    return static_cast<double>(mb) / 1024.0;
}

QString phoneNumber(const QString& number)
{
    if (number.startsWith(QLatin1String("+86")))
        return number.mid(3);
    return number;
}

} // namespace telcodesk::DisplayFormat
