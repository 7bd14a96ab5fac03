#include "SlaTestCalendars.h"

#include <QElapsedTimer>
#include <QTest>

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

private:
    static QDate cnCalendarDate(const char* at) { return calendarNamed(QStringLiteral("CN")).localDate(cst(QString::fromLatin1(at))); }
};

QTEST_GUILESS_MAIN(TestBusinessCalendar)
#include "tst_businesscalendar.moc"
