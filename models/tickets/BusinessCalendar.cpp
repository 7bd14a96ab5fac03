#include "tickets/BusinessCalendar.h"

#include <algorithm>

namespace telcodesk {

namespace {

constexpr qint64 kEpochJulianDay = 2440588; // 1970-01-01

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

int weekdayOf(qint64 dayIndex)
{
    // 1970-01-01 was a Thursday (4).
    return int(((dayIndex % 7) + 7 + 3) % 7) + 1;
}

} // namespace

BusinessCalendar::BusinessCalendar(int utcOffsetMinutes) : m_offsetMinutes(utcOffsetMinutes)
{
    m_allDay = {MsInterval{0, kDayMs}};
}

BusinessCalendar BusinessCalendar::alwaysOpen(int utcOffsetMinutes)
{
    BusinessCalendar c(utcOffsetMinutes);
    c.m_alwaysOpen = true;
    return c;
}

void BusinessCalendar::addHours(int weekday, Interval interval)
{
    if (weekday < 1 || weekday > 7)
        return;
    const int start = std::clamp(interval.startMinute, 0, 1440);
    const int end = std::clamp(interval.endMinute, 0, 1440);
    if (start >= end)
        return;
    auto& day = m_week[size_t(weekday)];
    day.append(MsInterval{qint64(start) * 60000, qint64(end) * 60000});
    std::sort(day.begin(), day.end(), [](const MsInterval& a, const MsInterval& b) { return a.start < b.start; });
    QVector<MsInterval> merged;
    for (const MsInterval& i : day) {
        if (!merged.isEmpty() && i.start <= merged.last().end)
            merged.last().end = std::max(merged.last().end, i.end);
        else
            merged.append(i);
    }
    day = merged;
    rebuildTemplates();
}

void BusinessCalendar::rebuildTemplates()
{
    for (size_t d = 1; d <= 7; ++d) {
        qint64 total = 0;
        for (const MsInterval& i : m_week[d])
            total += i.end - i.start;
        m_weekTotal[d] = total;
    }
    m_workdayHours.clear();
    m_workdayTotal = 0;
    for (size_t d = 1; d <= 5; ++d) {
        if (!m_week[d].isEmpty()) {
            m_workdayHours = m_week[d];
            m_workdayTotal = m_weekTotal[d];
            break;
        }
    }
}

void BusinessCalendar::addHoliday(const QDate& day)
{
    if (day.isValid()) {
        m_holidays.insert(day.toJulianDay() - kEpochJulianDay);
        m_workdays.remove(day.toJulianDay() - kEpochJulianDay);
    }
}

void BusinessCalendar::addWorkday(const QDate& day)
{
    if (day.isValid()) {
        m_workdays.insert(day.toJulianDay() - kEpochJulianDay);
        m_holidays.remove(day.toJulianDay() - kEpochJulianDay);
    }
}

QDate BusinessCalendar::localDate(qint64 utcMs) const
{
    return QDate::fromJulianDay(floorDiv(localMs(utcMs), kDayMs) + kEpochJulianDay);
}

const QVector<BusinessCalendar::MsInterval>& BusinessCalendar::intervalsOn(qint64 dayIndex) const
{
    if (m_alwaysOpen)
        return m_allDay;
    if (m_holidays.contains(dayIndex))
        return m_none;
    if (m_workdays.contains(dayIndex))
        return m_workdayHours;
    return m_week[size_t(weekdayOf(dayIndex))];
}

qint64 BusinessCalendar::totalOn(qint64 dayIndex) const
{
    if (m_alwaysOpen)
        return kDayMs;
    if (m_holidays.contains(dayIndex))
        return 0;
    if (m_workdays.contains(dayIndex))
        return m_workdayTotal;
    return m_weekTotal[size_t(weekdayOf(dayIndex))];
}

bool BusinessCalendar::isWorkingTime(qint64 utc) const
{
    if (m_alwaysOpen)
        return true;
    const qint64 local = localMs(utc);
    const qint64 day = floorDiv(local, kDayMs);
    const qint64 inDay = local - day * kDayMs;
    for (const MsInterval& i : intervalsOn(day)) {
        if (inDay >= i.start && inDay < i.end)
            return true;
    }
    return false;
}

qint64 BusinessCalendar::addBusinessTime(qint64 startUtcMs, qint64 durationMs) const
{
    if (durationMs <= 0)
        return startUtcMs;
    if (m_alwaysOpen)
        return durationMs > kNever - startUtcMs ? kNever : startUtcMs + durationMs;
    const qint64 local = localMs(startUtcMs);
    qint64 day = floorDiv(local, kDayMs);
    qint64 inDay = local - day * kDayMs;
    qint64 remaining = durationMs;
    for (int walked = 0; walked <= kMaxDays; ++walked, ++day, inDay = 0) {
        // A whole day that cannot finish the duration is skipped by its total.
        if (inDay == 0 && totalOn(day) < remaining) {
            remaining -= totalOn(day);
            continue;
        }
        for (const MsInterval& i : intervalsOn(day)) {
            const qint64 from = std::max(i.start, inDay);
            if (from >= i.end)
                continue;
            const qint64 available = i.end - from;
            if (remaining <= available)
                return utcMs(day * kDayMs + from + remaining);
            remaining -= available;
        }
    }
    return kNever;
}

qint64 BusinessCalendar::businessTimeBetween(qint64 fromUtcMs, qint64 toUtcMs) const
{
    if (toUtcMs <= fromUtcMs)
        return 0;
    if (m_alwaysOpen)
        return toUtcMs - fromUtcMs;
    const qint64 from = localMs(fromUtcMs);
    const qint64 to = localMs(toUtcMs);
    const qint64 firstDay = floorDiv(from, kDayMs);
    const qint64 lastDay = floorDiv(to, kDayMs);
    qint64 total = 0;
    for (qint64 day = firstDay; day <= lastDay; ++day) {
        const qint64 dayStart = day * kDayMs;
        if (day != firstDay && day != lastDay) {
            total += totalOn(day);
            continue;
        }
        const qint64 lo = std::max<qint64>(from - dayStart, 0);
        const qint64 hi = std::min<qint64>(to - dayStart, kDayMs);
        for (const MsInterval& i : intervalsOn(day)) {
            const qint64 s = std::max(i.start, lo);
            const qint64 e = std::min(i.end, hi);
            if (e > s)
                total += e - s;
        }
    }
    return total;
}

} // namespace telcodesk
