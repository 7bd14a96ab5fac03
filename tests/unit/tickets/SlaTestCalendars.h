#pragma once

#include "tickets/BusinessCalendar.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>

// Calendars and times the SLA tests are written in: China Standard Time, the CN calendar of the
// default data (Mon-Fri 09:00-12:00, 13:30-18:00) with the 2026 National Day week and the make-up
// working days around it.
namespace telcodesk::test {

inline qint64 cst(const QString& text)
{
    const QString format = text.size() > 16 ? QStringLiteral("yyyy-MM-dd HH:mm:ss") : QStringLiteral("yyyy-MM-dd HH:mm");
    QDateTime local = QDateTime::fromString(text, format);
    local.setTimeZone(QTimeZone(8 * 3600));
    return local.toMSecsSinceEpoch();
}

inline BusinessCalendar cnCalendar()
{
    BusinessCalendar cal(480);
    for (int weekday = 1; weekday <= 5; ++weekday) {
        cal.addHours(weekday, {9 * 60, 12 * 60});
        cal.addHours(weekday, {13 * 60 + 30, 18 * 60});
    }
    for (int day = 1; day <= 7; ++day)
        cal.addHoliday(QDate(2026, 10, day));
    for (int day = 25; day <= 27; ++day)
        cal.addHoliday(QDate(2026, 9, day));
    cal.addWorkday(QDate(2026, 9, 20));
    cal.addWorkday(QDate(2026, 10, 10));
    return cal;
}

inline BusinessCalendar calendarNamed(const QString& name)
{
    return name == QLatin1String("24x7") ? BusinessCalendar::alwaysOpen(480) : cnCalendar();
}

} // namespace telcodesk::test
