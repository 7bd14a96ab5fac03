#include "SlaTestCalendars.h"
#include "tickets/SlaClock.h"

#include <QTest>

using namespace telcodesk;
using telcodesk::test::cnCalendar;
using telcodesk::test::cst;

Q_DECLARE_METATYPE(telcodesk::SlaState)

namespace {

// The terms the cases are computed with, close to the default fault policies: P1 on the 24x7 clock,
// the others in CN working hours.
std::optional<SlaTerms> termsFor(int priority)
{
    SlaTerms t;
    t.nearBreachPercent = 80;
    switch (priority) {
    case 1:
        t.firstResponseMs = 15 * 60000;
        t.resolutionMs = 240 * 60000;
        t.calendar = BusinessCalendar::alwaysOpen(480);
        return t;
    case 2:
        t.firstResponseMs = 30 * 60000;
        t.resolutionMs = 450 * 60000;
        t.calendar = cnCalendar();
        return t;
    case 3:
        t.firstResponseMs = 60 * 60000;
        t.resolutionMs = 900 * 60000;
        t.calendar = cnCalendar();
        return t;
    default:
        return std::nullopt;
    }
}

// "pause@2026-11-23 10:00; resume@2026-11-23 14:00; priority=1@2026-11-23 10:00"
QVector<SlaEvent> parseEvents(const QString& text)
{
    QVector<SlaEvent> events;
    const QStringList parts = text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const QStringList kv = part.trimmed().split(QLatin1Char('@'));
        SlaEvent e;
        e.at = cst(kv.value(1).trimmed());
        const QString what = kv.value(0).trimmed();
        if (what == QLatin1String("pause"))
            e.what = SlaEvent::Pause;
        else if (what == QLatin1String("resume"))
            e.what = SlaEvent::Resume;
        else if (what == QLatin1String("reply"))
            e.what = SlaEvent::FirstReply;
        else if (what == QLatin1String("resolve"))
            e.what = SlaEvent::Resolved;
        else if (what == QLatin1String("reopen"))
            e.what = SlaEvent::Reopened;
        else if (what == QLatin1String("close"))
            e.what = SlaEvent::Closed;
        else if (what.startsWith(QLatin1String("priority="))) {
            e.what = SlaEvent::PriorityChanged;
            e.priority = what.mid(9).toInt();
        } else
            qFatal("unknown event %s", qPrintable(what));
        events.append(e);
    }
    return events;
}

QString cstText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(8 * 3600)).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

class TestSlaClock : public QObject
{
    Q_OBJECT

private slots:
    void clocks_data()
    {
        QTest::addColumn<int>("priority");
        QTest::addColumn<QString>("created");
        QTest::addColumn<QString>("events");
        QTest::addColumn<QString>("now");
        QTest::addColumn<SlaState>("frState");
        QTest::addColumn<int>("frUsedS");
        QTest::addColumn<QString>("frDue");
        QTest::addColumn<SlaState>("resState");
        QTest::addColumn<int>("resUsedS");
        QTest::addColumn<QString>("resDue");
        QTest::addColumn<int>("pauses");

        using S = SlaState;
        const QString mon = QStringLiteral("2026-11-23 ");
        const QString tue = QStringLiteral("2026-11-24 ");
        const QString wed = QStringLiteral("2026-11-25 ");
        const auto m = [](int minutes) { return minutes * 60; };

        QTest::newRow("fresh ticket") << 2 << mon + "09:00" << "" << mon + "09:10"
            << S::Running << m(10) << mon + "09:30" << S::Running << m(10) << mon + "18:00" << 0;
        QTest::newRow("first response near breach exactly at 80%") << 2 << mon + "09:00" << "" << mon + "09:24"
            << S::NearBreach << m(24) << mon + "09:30" << S::Running << m(24) << mon + "18:00" << 0;
        QTest::newRow("a second before near breach") << 2 << mon + "09:00" << "" << mon + "09:23:59"
            << S::Running << m(24) - 1 << mon + "09:30" << S::Running << m(24) - 1 << mon + "18:00" << 0;
        QTest::newRow("breached exactly at the target") << 2 << mon + "09:00" << "" << mon + "09:30"
            << S::Breached << m(30) << mon + "09:30" << S::Running << m(30) << mon + "18:00" << 0;
        QTest::newRow("replied in time") << 2 << mon + "09:00" << "reply@" + mon + "09:20" << mon + "10:00"
            << S::Met << m(20) << mon + "09:30" << S::Running << m(60) << mon + "18:00" << 0;
        QTest::newRow("replied exactly at the due time") << 2 << mon + "09:00" << "reply@" + mon + "09:30"
            << mon + "10:00" << S::Met << m(30) << mon + "09:30" << S::Running << m(60) << mon + "18:00" << 0;
        QTest::newRow("replied late") << 2 << mon + "09:00" << "reply@" + mon + "09:45" << mon + "10:00"
            << S::MetLate << m(45) << mon + "09:30" << S::Running << m(60) << mon + "18:00" << 0;
        QTest::newRow("across the night") << 2 << mon + "17:00" << "" << tue + "09:30"
            << S::Breached << m(90) << mon + "17:30" << S::Running << m(90) << tue + "17:00" << 0;
        QTest::newRow("created in the lunch break") << 2 << mon + "12:15" << "" << mon + "13:45"
            << S::Running << m(15) << mon + "14:00" << S::Running << m(15) << tue + "12:00" << 0;
        QTest::newRow("created on a Saturday") << 2 << "2026-11-21 10:00" << "" << mon + "09:20"
            << S::Running << m(20) << mon + "09:30" << S::Running << m(20) << mon + "18:00" << 0;
        QTest::newRow("created during National Day") << 2 << "2026-10-02 10:00" << "" << "2026-10-08 09:10"
            << S::Running << m(10) << "2026-10-08 09:30" << S::Running << m(10) << "2026-10-08 18:00" << 0;
        QTest::newRow("over a make-up Saturday") << 2 << "2026-10-09 17:00" << "" << "2026-10-10 10:00"
            << S::Breached << m(120) << "2026-10-09 17:30" << S::Running << m(120) << "2026-10-10 17:00" << 0;
        QTest::newRow("one pause") << 2 << mon + "09:00"
            << "reply@" + mon + "09:10; pause@" + mon + "10:00; resume@" + mon + "14:00" << mon + "15:00"
            << S::Met << m(10) << mon + "09:30" << S::Running << m(120) << tue + "11:30" << 1;
        QTest::newRow("paused now: due if resumed now") << 2 << mon + "09:00"
            << "reply@" + mon + "09:05; pause@" + mon + "10:00" << mon + "16:00"
            << S::Met << m(5) << mon + "09:30" << S::Paused << m(60) << tue + "15:00" << 1;
        QTest::newRow("pause over the night, breached at the target") << 2 << mon + "09:00"
            << "reply@" + mon + "09:05; pause@" + mon + "17:00; resume@" + tue + "10:00" << tue + "11:00"
            << S::Met << m(5) << mon + "09:30" << S::Breached << m(450) << tue + "11:00" << 1;
        QTest::newRow("pause over the night, a minute before") << 2 << mon + "09:00"
            << "reply@" + mon + "09:05; pause@" + mon + "17:00; resume@" + tue + "10:00" << tue + "10:59"
            << S::Met << m(5) << mon + "09:30" << S::NearBreach << m(449) << tue + "11:00" << 1;
        QTest::newRow("several pauses") << 2 << mon + "09:00"
            << "reply@" + mon + "09:05; pause@" + mon + "09:30; resume@" + mon + "10:00; pause@" + mon
                   + "11:00; resume@" + mon + "14:00"
            << mon + "15:00" << S::Met << m(5) << mon + "09:30" << S::Running << m(150) << tue + "11:00" << 2;
        QTest::newRow("a pause moves the first response too") << 2 << mon + "09:00"
            << "pause@" + mon + "09:10; resume@" + mon + "09:40" << mon + "09:50"
            << S::Running << m(20) << mon + "10:00" << S::Running << m(20) << tue + "09:30" << 1;
        QTest::newRow("a second pause while paused changes nothing") << 2 << mon + "09:00"
            << "pause@" + mon + "09:10; pause@" + mon + "09:20; resume@" + mon + "09:40" << mon + "09:50"
            << S::Running << m(20) << mon + "10:00" << S::Running << m(20) << tue + "09:30" << 1;
        QTest::newRow("breached before the pause stays breached") << 2 << mon + "09:00"
            << "reply@" + mon + "09:05; pause@" + tue + "09:00" << tue + "12:00"
            << S::Met << m(5) << mon + "09:30" << S::Breached << m(450) << mon + "18:00" << 1;
        QTest::newRow("resolved in time") << 2 << mon + "09:00" << "reply@" + mon + "09:05; resolve@" + mon + "15:00"
            << wed + "10:00" << S::Met << m(5) << mon + "09:30" << S::Met << m(270) << mon + "18:00" << 0;
        QTest::newRow("resolved late") << 2 << mon + "09:00" << "reply@" + mon + "09:05; resolve@" + tue + "10:00"
            << wed + "10:00" << S::Met << m(5) << mon + "09:30" << S::MetLate << m(510) << mon + "18:00" << 0;
        QTest::newRow("reopened after resolve") << 2 << mon + "09:00"
            << "reply@" + mon + "09:05; resolve@" + mon + "11:00; reopen@" + tue + "14:00" << tue + "15:00"
            << S::Met << m(5) << mon + "09:30" << S::Running << m(180) << wed + "10:30" << 0;
        QTest::newRow("resolved again after reopen") << 2 << mon + "09:00"
            << "reply@" + mon + "09:05; resolve@" + mon + "11:00; reopen@" + tue + "14:00; resolve@" + tue + "16:00"
            << wed + "10:00" << S::Met << m(5) << mon + "09:30" << S::Met << m(240) << wed + "10:30" << 0;
        QTest::newRow("closed without a reply") << 2 << mon + "09:00" << "close@" + mon + "10:00" << mon + "11:00"
            << S::MetLate << m(60) << mon + "09:30" << S::Met << m(60) << mon + "18:00" << 0;
        QTest::newRow("resolution near breach exactly at 80%") << 2 << mon + "09:00" << "reply@" + mon + "09:05"
            << mon + "16:30" << S::Met << m(5) << mon + "09:30" << S::NearBreach << m(360) << mon + "18:00" << 0;
        QTest::newRow("resolution a minute before near breach") << 2 << mon + "09:00" << "reply@" + mon + "09:05"
            << mon + "16:29" << S::Met << m(5) << mon + "09:30" << S::Running << m(359) << mon + "18:00" << 0;
        QTest::newRow("priority raised to P1: 24x7 from created_at") << 2 << mon + "09:00"
            << "priority=1@" + mon + "10:00" << mon + "11:00"
            << S::Breached << m(120) << mon + "09:15" << S::Running << m(120) << mon + "13:00" << 0;
        QTest::newRow("priority lowered to P3") << 2 << mon + "09:00" << "priority=3@" + mon + "09:10" << mon + "09:50"
            << S::NearBreach << m(50) << mon + "10:00" << S::Running << m(50) << tue + "18:00" << 0;
        QTest::newRow("a later priority change is not yet in force") << 2 << mon + "09:00"
            << "priority=3@" + mon + "12:00" << mon + "09:50"
            << S::Breached << m(50) << mon + "09:30" << S::Running << m(50) << mon + "18:00" << 0;
        QTest::newRow("P1 24x7 over the night") << 1 << mon + "23:00" << "" << tue + "02:00"
            << S::Breached << m(180) << mon + "23:15" << S::Running << m(180) << tue + "03:00" << 0;
        QTest::newRow("P1 24x7 near breach exactly") << 1 << mon + "23:00" << "" << tue + "02:12"
            << S::Breached << m(192) << mon + "23:15" << S::NearBreach << m(192) << tue + "03:00" << 0;
    }

    void clocks()
    {
        QFETCH(int, priority);
        QFETCH(QString, created);
        QFETCH(QString, events);
        QFETCH(QString, now);
        QFETCH(SlaState, frState);
        QFETCH(int, frUsedS);
        QFETCH(QString, frDue);
        QFETCH(SlaState, resState);
        QFETCH(int, resUsedS);
        QFETCH(QString, resDue);
        QFETCH(int, pauses);

        const auto result = SlaClock::compute(cst(created), priority, parseEvents(events), termsFor, cst(now));
        QVERIFY(result.has_value());
        QCOMPARE(SlaClock::stateName(result->firstResponse.state), SlaClock::stateName(frState));
        QCOMPARE(result->firstResponse.usedMs, qint64(frUsedS) * 1000);
        QCOMPARE(cstText(result->firstResponse.dueUtcMs), frDue);
        QCOMPARE(SlaClock::stateName(result->resolution.state), SlaClock::stateName(resState));
        QCOMPARE(result->resolution.usedMs, qint64(resUsedS) * 1000);
        QCOMPARE(cstText(result->resolution.dueUtcMs), resDue);
        QCOMPARE(result->resolution.remainingMs, result->resolution.targetMs - result->resolution.usedMs);
        QCOMPARE(result->pauses.size(), pauses);
    }

    void pauseIntervalsAreListed()
    {
        const QString mon = QStringLiteral("2026-11-23 ");
        const auto result = SlaClock::compute(
            cst(mon + "09:00"), 2,
            parseEvents("pause@" + mon + "09:30; resume@" + mon + "10:00; pause@" + mon + "11:00"), termsFor,
            cst(mon + "11:20"));
        QVERIFY(result.has_value());
        QCOMPARE(result->pauses.size(), 2);
        QCOMPARE(result->pauses[0].from, cst(mon + "09:30"));
        QCOMPARE(result->pauses[0].to, cst(mon + "10:00"));
        QVERIFY(!result->pauses[0].open);
        QCOMPARE(result->pauses[1].from, cst(mon + "11:00"));
        QVERIFY(result->pauses[1].open);
        QVERIFY(result->paused);
        QCOMPARE(result->resolution.state, SlaState::Paused);
    }

    void noTermsForThePriority()
    {
        const auto result = SlaClock::compute(cst(QStringLiteral("2026-11-23 09:00")), 4, {}, termsFor,
                                              cst(QStringLiteral("2026-11-23 10:00")));
        QVERIFY(!result.has_value());
    }

    void everyStateHasAName()
    {
        QStringList names;
        for (SlaState s : {SlaState::Running, SlaState::Paused, SlaState::NearBreach, SlaState::Breached, SlaState::Met,
                           SlaState::MetLate})
            names << SlaClock::stateName(s);
        names.removeDuplicates();
        QCOMPARE(names.size(), 6);
        QVERIFY(!names.contains(QString()));
    }
};

QTEST_GUILESS_MAIN(TestSlaClock)
#include "tst_slaclock.moc"
