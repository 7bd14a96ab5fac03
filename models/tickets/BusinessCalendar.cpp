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

// Day 0 was a Thursday: day d + 3 counts days from a Monday, so floorDiv(d + 3, 7) is its week.
constexpr qint64 kMondayShift = 3;

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
    m_weekPrefix[0] = 0;
    for (size_t k = 1; k <= 7; ++k)
        m_weekPrefix[k] = m_weekPrefix[k - 1] + m_weekTotal[k];
    m_weekSum = m_weekPrefix[7];
    rebuildExceptions();
}

void BusinessCalendar::rebuildExceptions()
{
    m_exceptionDays.clear();
    m_exceptionDays.reserve(m_holidays.size() + m_workdays.size());
    for (qint64 d : m_holidays)
        m_exceptionDays.append(d);
    for (qint64 d : m_workdays)
        m_exceptionDays.append(d);
    std::sort(m_exceptionDays.begin(), m_exceptionDays.end());
    m_exceptionPrefix.resize(m_exceptionDays.size() + 1);
    m_exceptionPrefix[0] = 0;
    for (int i = 0; i < m_exceptionDays.size(); ++i) {
        const qint64 d = m_exceptionDays[i];
        const qint64 usual = m_weekTotal[size_t(weekdayOf(d))];
        const qint64 actual = m_holidays.contains(d) ? 0 : m_workdayTotal;
        m_exceptionPrefix[i + 1] = m_exceptionPrefix[i] + (actual - usual);
    }
}

qint64 BusinessCalendar::workBefore(qint64 dayIndex) const
{
    const qint64 shifted = dayIndex + kMondayShift;
    const qint64 week = floorDiv(shifted, 7);
    qint64 total = week * m_weekSum + m_weekPrefix[size_t(shifted - week * 7)];
    if (!m_exceptionDays.isEmpty()) {
        const auto it = std::lower_bound(m_exceptionDays.cbegin(), m_exceptionDays.cend(), dayIndex);
        total += m_exceptionPrefix[int(it - m_exceptionDays.cbegin())];
    }
    return total;
}

void BusinessCalendar::addHoliday(const QDate& day)
{
    if (day.isValid()) {
        m_holidays.insert(day.toJulianDay() - kEpochJulianDay);
        m_workdays.remove(day.toJulianDay() - kEpochJulianDay);
        rebuildExceptions();
    }
}

void BusinessCalendar::addWorkday(const QDate& day)
{
    if (day.isValid()) {
        m_workdays.insert(day.toJulianDay() - kEpochJulianDay);
        m_holidays.remove(day.toJulianDay() - kEpochJulianDay);
        rebuildExceptions();
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
    const qint64 startDay = floorDiv(local, kDayMs);
    const qint64 inDay = local - startDay * kDayMs;
    const qint64 lastDay = startDay + kMaxDays; // the day walk this replaced gave up after it
    qint64 remaining = durationMs;
    qint64 firstWhole = startDay;
    if (inDay != 0) {
        for (const MsInterval& i : intervalsOn(startDay)) {
            const qint64 from = std::max(i.start, inDay);
            if (from >= i.end)
                continue;
            const qint64 available = i.end - from;
            if (remaining <= available)
                return utcMs(startDay * kDayMs + from + remaining);
            remaining -= available;
        }
        firstWhole = startDay + 1;
    }
    if (firstWhole > lastDay)
        return kNever;
    // The first day d whose whole days [firstWhole, d] hold the remaining time: a galloping search then a
    // binary one over the monotone working time, so a short target looks at a few days only.
    const qint64 base = workBefore(firstWhole);
    const auto enough = [&](qint64 d) { return workBefore(d + 1) - base >= remaining; };
    if (!enough(lastDay))
        return kNever;
    qint64 lo = firstWhole; // every day before lo is not enough
    qint64 hi = lastDay;    // enough
    for (qint64 step = 1; lo + step - 1 < hi; step *= 2) {
        const qint64 probe = lo + step - 1;
        if (enough(probe)) {
            hi = probe;
            break;
        }
        lo = probe + 1;
    }
    while (lo < hi) {
        const qint64 mid = lo + (hi - lo) / 2;
        if (enough(mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    const qint64 day = hi;
    remaining -= workOfDays(firstWhole, day);
    for (const MsInterval& i : intervalsOn(day)) {
        const qint64 available = i.end - i.start;
        if (remaining <= available)
            return utcMs(day * kDayMs + i.start + remaining);
        remaining -= available;
    }
    return kNever; // not reached: the day's total holds what remains
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
    const auto partial = [this](qint64 day, qint64 lo, qint64 hi) {
        qint64 sum = 0;
        for (const MsInterval& i : intervalsOn(day)) {
            const qint64 s = std::max(i.start, lo);
            const qint64 e = std::min(i.end, hi);
            if (e > s)
                sum += e - s;
        }
        return sum;
    };
    if (firstDay == lastDay)
        return partial(firstDay, from - firstDay * kDayMs, to - firstDay * kDayMs);
    qint64 total = partial(firstDay, from - firstDay * kDayMs, kDayMs);
    total += workOfDays(firstDay + 1, lastDay);
    total += partial(lastDay, 0, to - lastDay * kDayMs);
    return total;
}

} // namespace telcodesk
