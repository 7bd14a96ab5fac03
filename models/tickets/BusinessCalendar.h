#pragma once

#include <QDate>
#include <QSet>
#include <QVector>
#include <QtGlobal>

#include <array>
#include <limits>

namespace telcodesk {

/// When the SLA clock runs: working intervals per weekday, public holidays and make-up working days,
/// in a fixed UTC offset (China Standard Time has no daylight saving time). Every instant is UTC
/// milliseconds since the epoch; days and times of day are local to the calendar's offset.
///
/// A make-up working day (调休) on a weekend has the hours of a normal working day: those of the first
/// of Monday..Friday that has any. A holiday has none, whatever its weekday.
///
/// Long spans cost O(log n) in the number of holidays and make-up days, not one step per day: the working
/// time of whole days is the weekly pattern's (whole weeks times the week's total plus a prefix of the
/// week) corrected by the sorted holidays and make-up days, each carrying the difference it makes, with
/// prefix sums of those differences. The tables are rebuilt by the setters, never by a const call, so a
/// calendar that is no longer modified can be read from several threads at once. A calendar with no
/// working time at all gives up after kMaxDays and answers kNever.
class BusinessCalendar
{
public:
    /// Minutes after local midnight, start inclusive, end exclusive (0..1440).
    struct Interval
    {
        int startMinute = 0;
        int endMinute = 0;
    };

    static constexpr qint64 kNever = std::numeric_limits<qint64>::max();
    static constexpr int kMaxDays = 20 * 366;

    /// No working time at all until hours are set.
    explicit BusinessCalendar(int utcOffsetMinutes = 0);
    /// Every minute counts; holidays and make-up days are ignored (the 24x7 clock).
    static BusinessCalendar alwaysOpen(int utcOffsetMinutes = 0);

    int utcOffsetMinutes() const { return m_offsetMinutes; }
    bool isAlwaysOpen() const { return m_alwaysOpen; }

    /// weekday 1 = Monday .. 7 = Sunday. Overlapping or touching intervals are merged; empty ones dropped.
    void addHours(int weekday, Interval interval);
    void addHoliday(const QDate& day);
    void addWorkday(const QDate& day);

    bool isWorkingTime(qint64 utcMs) const;
    /// The instant at which durationMs of working time has elapsed after startUtcMs. An end that falls
    /// exactly on the end of a working interval is that end (12:00, not 13:30 after the break).
    /// durationMs <= 0 gives startUtcMs.
    qint64 addBusinessTime(qint64 startUtcMs, qint64 durationMs) const;
    /// Working time within [fromUtcMs, toUtcMs); 0 when to <= from.
    qint64 businessTimeBetween(qint64 fromUtcMs, qint64 toUtcMs) const;

    /// The local date of an instant in this calendar.
    QDate localDate(qint64 utcMs) const;

private:
    struct MsInterval
    {
        qint64 start;
        qint64 end;
    };

    static constexpr qint64 kDayMs = 86400000;

    const QVector<MsInterval>& intervalsOn(qint64 dayIndex) const;
    qint64 totalOn(qint64 dayIndex) const;
    /// Working time of the whole days before dayIndex, from a fixed origin: only differences mean anything.
    qint64 workBefore(qint64 dayIndex) const;
    /// Working time of the whole days [firstDay, endDay).
    qint64 workOfDays(qint64 firstDay, qint64 endDay) const { return workBefore(endDay) - workBefore(firstDay); }
    void rebuildExceptions();
    qint64 localMs(qint64 utcMs) const { return utcMs + qint64(m_offsetMinutes) * 60000; }
    qint64 utcMs(qint64 localMs) const { return localMs - qint64(m_offsetMinutes) * 60000; }
    void rebuildTemplates();

    int m_offsetMinutes = 0;
    bool m_alwaysOpen = false;
    std::array<QVector<MsInterval>, 8> m_week; // index 1..7
    std::array<qint64, 8> m_weekTotal{};
    QVector<MsInterval> m_workdayHours;
    qint64 m_workdayTotal = 0;
    QVector<MsInterval> m_none;
    QVector<MsInterval> m_allDay;
    QSet<qint64> m_holidays; // local day indices (days since 1970-01-01)
    QSet<qint64> m_workdays;
    std::array<qint64, 8> m_weekPrefix{}; // [k]: total of the first k days of a Monday-based week
    qint64 m_weekSum = 0;
    QVector<qint64> m_exceptionDays;   // holidays and make-up days, ascending
    QVector<qint64> m_exceptionPrefix; // [i]: sum of (their total - the weekday's total) over the first i
};

} // namespace telcodesk
