#include "SlaTestCalendars.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <array>
#include <utility>

using namespace telcodesk;
using telcodesk::test::calendarNamed;
using telcodesk::test::cst;

class TestBusinessCalendar : public QObject
{
    Q_OBJECT

private slots:
    void timesAreChinaStandardTime()
    {
        QCOMPARE(cst("2026-11-23 09:00"), QDateTime(QDate(2026, 11, 23), QTime(1, 0), Qt::UTC).toMSecsSinceEpoch());
        // 07:30 CST on the 24th is still the 23rd in UTC; the calendar's day is the local one.
        QCOMPARE(cnCalendarDate("2026-11-24 07:30"), QDate(2026, 11, 24));
    }

    void addBusinessTime_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<QString>("start");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<QString>("expected");

        QTest::newRow("within the morning") << "CN" << "2026-11-23 09:00" << 60 << "2026-11-23 10:00";
        QTest::newRow("across the lunch break") << "CN" << "2026-11-23 11:00" << 120 << "2026-11-23 14:30";
        QTest::newRow("ends exactly at the break") << "CN" << "2026-11-23 11:00" << 60 << "2026-11-23 12:00";
        QTest::newRow("starts in the break") << "CN" << "2026-11-23 12:30" << 30 << "2026-11-23 14:00";
        QTest::newRow("starts before opening") << "CN" << "2026-11-23 07:00" << 60 << "2026-11-23 10:00";
        QTest::newRow("across the night") << "CN" << "2026-11-23 17:00" << 120 << "2026-11-24 10:00";
        QTest::newRow("starts after closing") << "CN" << "2026-11-23 19:00" << 30 << "2026-11-24 09:30";
        QTest::newRow("ends exactly at closing") << "CN" << "2026-11-23 17:00" << 60 << "2026-11-23 18:00";
        QTest::newRow("across the weekend") << "CN" << "2026-11-20 17:30" << 60 << "2026-11-23 09:30";
        QTest::newRow("starts on a Saturday") << "CN" << "2026-11-21 10:00" << 60 << "2026-11-23 10:00";
        QTest::newRow("across National Day") << "CN" << "2026-09-30 17:00" << 120 << "2026-10-08 10:00";
        QTest::newRow("starts on a holiday") << "CN" << "2026-10-02 10:00" << 60 << "2026-10-08 10:00";
        QTest::newRow("make-up Saturday") << "CN" << "2026-10-09 17:00" << 120 << "2026-10-10 10:00";
        QTest::newRow("make-up Sunday") << "CN" << "2026-09-19 10:00" << 60 << "2026-09-20 10:00";
        QTest::newRow("Mid-Autumn weekend skipped") << "CN" << "2026-09-24 17:00" << 120 << "2026-09-28 10:00";
        QTest::newRow("five working days") << "CN" << "2026-11-23 09:00" << 5 * 450 << "2026-11-27 18:00";
        QTest::newRow("five working days and a minute") << "CN" << "2026-11-23 09:00" << 5 * 450 + 1
                                                        << "2026-11-30 09:01";
        QTest::newRow("36 working hours") << "CN" << "2026-11-23 09:00" << 36 * 60 << "2026-11-27 16:30";
        QTest::newRow("nothing to add") << "CN" << "2026-11-23 12:30" << 0 << "2026-11-23 12:30";
        QTest::newRow("24x7 over a weekend") << "24x7" << "2026-11-20 17:00" << 72 * 60 << "2026-11-23 17:00";
        QTest::newRow("24x7 on a holiday at night") << "24x7" << "2026-10-01 23:30" << 60 << "2026-10-02 00:30";
    }

    void addBusinessTime()
    {
        QFETCH(QString, calendar);
        QFETCH(QString, start);
        QFETCH(int, minutes);
        QFETCH(QString, expected);
        const BusinessCalendar cal = calendarNamed(calendar);
        const qint64 due = cal.addBusinessTime(cst(start), qint64(minutes) * 60000);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(due, QTimeZone(8 * 3600)).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                 expected);
        // The two operations agree: the working time between start and due is the duration.
        QCOMPARE(cal.businessTimeBetween(cst(start), due), qint64(minutes) * 60000);
    }

    void businessTimeBetween_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("minutes");

        QTest::newRow("a working day") << "CN" << "2026-11-23 09:00" << "2026-11-23 18:00" << 450;
        QTest::newRow("around the break") << "CN" << "2026-11-23 11:00" << "2026-11-23 14:00" << 90;
        QTest::newRow("inside the break") << "CN" << "2026-11-23 12:10" << "2026-11-23 13:20" << 0;
        QTest::newRow("over the weekend") << "CN" << "2026-11-20 17:00" << "2026-11-23 10:00" << 120;
        QTest::newRow("National Day week") << "CN" << "2026-09-30 09:00" << "2026-10-08 09:00" << 450;
        QTest::newRow("with a make-up Saturday") << "CN" << "2026-10-09 09:00" << "2026-10-12 09:00" << 900;
        QTest::newRow("with a make-up Sunday") << "CN" << "2026-09-18 18:00" << "2026-09-21 09:00" << 450;
        QTest::newRow("a month") << "CN" << "2026-11-23 00:00" << "2026-12-23 00:00" << 22 * 450;
        QTest::newRow("backwards") << "CN" << "2026-11-23 18:00" << "2026-11-23 09:00" << 0;
        QTest::newRow("24x7 weekend") << "24x7" << "2026-11-20 17:00" << "2026-11-23 17:00" << 72 * 60;
        QTest::newRow("24x7 holiday") << "24x7" << "2026-10-01 00:00" << "2026-10-02 00:00" << 24 * 60;
    }

    void businessTimeBetween()
    {
        QFETCH(QString, calendar);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(int, minutes);
        QCOMPARE(calendarNamed(calendar).businessTimeBetween(cst(from), cst(to)), qint64(minutes) * 60000);
    }

    void isWorkingTime_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<QString>("at");
        QTest::addColumn<bool>("working");

        QTest::newRow("a second before opening") << "CN" << "2026-11-23 08:59:59" << false;
        QTest::newRow("opening") << "CN" << "2026-11-23 09:00" << true;
        QTest::newRow("last morning minute") << "CN" << "2026-11-23 11:59" << true;
        QTest::newRow("break starts") << "CN" << "2026-11-23 12:00" << false;
        QTest::newRow("break ends") << "CN" << "2026-11-23 13:30" << true;
        QTest::newRow("last minute") << "CN" << "2026-11-23 17:59" << true;
        QTest::newRow("closing") << "CN" << "2026-11-23 18:00" << false;
        QTest::newRow("Saturday") << "CN" << "2026-11-21 10:00" << false;
        QTest::newRow("make-up Saturday") << "CN" << "2026-10-10 10:00" << true;
        QTest::newRow("make-up Saturday break") << "CN" << "2026-10-10 12:30" << false;
        QTest::newRow("National Day") << "CN" << "2026-10-01 10:00" << false;
        QTest::newRow("24x7 at night on a holiday") << "24x7" << "2026-10-01 03:00" << true;
    }

    void isWorkingTime()
    {
        QFETCH(QString, calendar);
        QFETCH(QString, at);
        QFETCH(bool, working);
        QCOMPARE(calendarNamed(calendar).isWorkingTime(cst(at)), working);
    }

    void longSpansAreFastAndConsistent()
    {
        const BusinessCalendar cal = calendarNamed(QStringLiteral("CN"));
        QElapsedTimer timer;
        timer.start();
        const qint64 start = cst(QStringLiteral("2026-01-05 09:00"));
        // Five years of working time: about 1,300 working days, walked a day at a time.
        const qint64 duration = qint64(1300) * 450 * 60000;
        const qint64 due = cal.addBusinessTime(start, duration);
        QCOMPARE(cal.businessTimeBetween(start, due), duration);
        QVERIFY2(timer.elapsed() < 200, qPrintable(QString::number(timer.elapsed())));
    }

    void aCalendarWithoutHoursNeverEnds()
    {
        const BusinessCalendar empty(480);
        QCOMPARE(empty.addBusinessTime(cst(QStringLiteral("2026-11-23 09:00")), 60000), BusinessCalendar::kNever);
        QCOMPARE(empty.businessTimeBetween(cst(QStringLiteral("2026-11-23 09:00")), cst(QStringLiteral("2026-12-23 09:00"))),
                 qint64(0));
        QVERIFY(!empty.isWorkingTime(cst(QStringLiteral("2026-11-23 10:00"))));
    }

    void overlappingHoursAreMerged()
    {
        BusinessCalendar cal(0);
        cal.addHours(1, {600, 720});
        cal.addHours(1, {540, 660});
        cal.addHours(1, {720, 780});
        // Monday 2026-11-23 in UTC: 09:00..13:00 once, not counted twice.
        const qint64 monday = QDateTime(QDate(2026, 11, 23), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(cal.businessTimeBetween(monday, monday + 86400000), qint64(240) * 60000);
    }

    // The calendar answers from tables of whole weeks and of its exceptional days; a plain day-by-day
    // walk over the same hours, holidays and make-up days (written here again, independent of it) must
    // give the same instants and durations over random spans of up to three years.
    void matchesADayByDayWalk_data()
    {
        QTest::addColumn<bool>("cn");
        QTest::newRow("CN with the National Day weeks") << true;
        QTest::newRow("ragged hours, UTC-5, Saturdays") << false;
    }

    void matchesADayByDayWalk()
    {
        QFETCH(bool, cn);
        Walk walk;
        BusinessCalendar cal(cn ? 480 : -300);
        walk.offsetMinutes = cal.utcOffsetMinutes();
        const auto hours = [&](int weekday, int from, int to) {
            cal.addHours(weekday, {from, to});
            walk.week[size_t(weekday)].append({from, to});
        };
        const auto holiday = [&](const QDate& d) {
            cal.addHoliday(d);
            walk.holidays.insert(d.toJulianDay() - kEpochJulianDay);
            walk.workdays.remove(d.toJulianDay() - kEpochJulianDay);
        };
        const auto workday = [&](const QDate& d) {
            cal.addWorkday(d);
            walk.workdays.insert(d.toJulianDay() - kEpochJulianDay);
            walk.holidays.remove(d.toJulianDay() - kEpochJulianDay);
        };
        if (cn) {
            for (int weekday = 1; weekday <= 5; ++weekday) {
                hours(weekday, 9 * 60, 12 * 60);
                hours(weekday, 13 * 60 + 30, 18 * 60);
            }
        } else {
            hours(1, 8 * 60, 12 * 60);
            hours(1, 13 * 60, 17 * 60);
            hours(2, 0, 24 * 60);
            hours(4, 22 * 60, 24 * 60);
            hours(5, 9 * 60 + 15, 9 * 60 + 16);
            hours(6, 10 * 60, 14 * 60);
        }
        // A make-up day works the hours of the first of Monday..Friday that has any.
        walk.workdayHours = walk.week[1];
        for (int year = 2025; year <= 2029; ++year) {
            for (int day = 1; day <= 7; ++day)
                holiday(QDate(year, 10, day));
            for (int day = 0; day < 8; ++day)
                holiday(QDate(year, 2, 1).addDays(day + 3 * (year - 2025)));
            holiday(QDate(year, 5, 1));
            workday(QDate(year, 9, 28));
            workday(QDate(year, 10, 11));
            workday(QDate(year, 2, 14)); // a weekday some years: Monday's hours then
        }
        holiday(QDate(2027, 9, 28)); // a make-up day turned back into a holiday
        workday(QDate(2028, 5, 1));  // and a holiday into a make-up day

        QRandomGenerator rng(cn ? 20261123 : 7);
        const qint64 lo = cst(QStringLiteral("2025-01-01 00:00")) - 3 * 86400000LL;
        const qint64 threeYears = 3 * 366 * 86400000LL;
        for (int i = 0; i < 10000; ++i) {
            // Whole minutes mostly, so that starts and ends fall on interval edges too; odd milliseconds sometimes.
            const bool minutes = rng.bounded(4) != 0;
            const auto pick = [&](qint64 span) {
                const qint64 v = qint64(rng.generateDouble() * double(span));
                return minutes ? v - v % 60000 : v;
            };
            const qint64 from = lo + pick(threeYears);
            const qint64 length = rng.bounded(3) == 0 ? pick(3 * 86400000LL) : pick(threeYears);
            const qint64 to = from + length;
            const qint64 expected = walk.between(from, to);
            QCOMPARE(cal.businessTimeBetween(from, to), expected);
            const qint64 duration = rng.bounded(3) == 0 ? pick(8 * 3600000LL) + 1 : pick(2000 * 3600000LL) + 1;
            const qint64 due = walk.add(from, duration);
            QCOMPARE(cal.addBusinessTime(from, duration), due);
            if (i % 97 == 0) {
                // The walk's own round trip, and the end of the working time just counted.
                QCOMPARE(walk.between(from, due), duration);
                if (expected > 0)
                    QCOMPARE(cal.addBusinessTime(from, expected), walk.add(from, expected));
            }
        }
    }

private:
    static constexpr qint64 kEpochJulianDay = 2440588;
    static constexpr qint64 kDay = 86400000;

    struct Walk
    {
        int offsetMinutes = 0;
        std::array<QVector<std::pair<int, int>>, 8> week; // minutes, in order, disjoint
        QVector<std::pair<int, int>> workdayHours;
        QSet<qint64> holidays;
        QSet<qint64> workdays;

        static qint64 dayOf(qint64 local) { return local >= 0 ? local / kDay : -((-local + kDay - 1) / kDay); }
        QVector<std::pair<int, int>> on(qint64 day) const
        {
            if (holidays.contains(day))
                return {};
            if (workdays.contains(day))
                return workdayHours;
            const int weekday = QDate::fromJulianDay(day + kEpochJulianDay).dayOfWeek();
            return week[size_t(weekday)];
        }
        qint64 between(qint64 fromUtc, qint64 toUtc) const
        {
            const qint64 shift = qint64(offsetMinutes) * 60000;
            const qint64 from = fromUtc + shift;
            const qint64 to = toUtc + shift;
            qint64 total = 0;
            for (qint64 day = dayOf(from); day <= dayOf(to) && from < to; ++day) {
                for (const auto& [s, e] : on(day)) {
                    const qint64 a = std::max(from, day * kDay + s * 60000LL);
                    const qint64 b = std::min(to, day * kDay + e * 60000LL);
                    if (b > a)
                        total += b - a;
                }
            }
            return total;
        }
        qint64 add(qint64 startUtc, qint64 duration) const
        {
            const qint64 shift = qint64(offsetMinutes) * 60000;
            const qint64 start = startUtc + shift;
            qint64 left = duration;
            for (qint64 day = dayOf(start); day <= dayOf(start) + BusinessCalendar::kMaxDays; ++day) {
                for (const auto& [s, e] : on(day)) {
                    const qint64 a = std::max(start, day * kDay + s * 60000LL);
                    const qint64 b = day * kDay + e * 60000LL;
                    if (b <= a)
                        continue;
                    if (left <= b - a)
                        return a + left - shift;
                    left -= b - a;
                }
            }
            return BusinessCalendar::kNever;
        }
    };

    static QDate cnCalendarDate(const char* at) { return calendarNamed(QStringLiteral("CN")).localDate(cst(QString::fromLatin1(at))); }
};

QTEST_GUILESS_MAIN(TestBusinessCalendar)
#include "tst_businesscalendar.moc"
