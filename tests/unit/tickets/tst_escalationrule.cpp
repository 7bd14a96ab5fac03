// EscalationEvaluator as tables: not_handled_within on the wall clock and on the working clock (at the
// threshold and not a millisecond before, across a weekend, a pause and the National Day holidays),
// SLA breach, repeat complaints (1st no, 2nd yes, exactly 30 days yes, 31 days no, P1 not raised
// further), and the rules that never fire: another kind, a ticket no longer open, a rule fired before.

#include "SlaTestCalendars.h"
#include "tickets/EscalationRule.h"

#include <QLocale>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

constexpr qint64 kDayMs = 86400000;

EscalationRule notHandled(EscalationClock clock, int minutes)
{
    EscalationRule r;
    r.id = QStringLiteral("0f1e5ca1-0000-4000-8000-000000000001");
    r.nameEn = QStringLiteral("not handled");
    r.kind = QStringLiteral("complaint");
    r.trigger = EscalationTrigger::NotHandledWithin;
    r.thresholdMinutes = minutes;
    r.clock = clock;
    r.action = EscalationAction::EscalateSupervisor;
    r.notifyRole = QStringLiteral("supervisor");
    return r;
}

EscalationRule repeat(const QString& id = QStringLiteral("0f1e5ca1-0000-4000-8000-000000000003"))
{
    EscalationRule r;
    r.id = id;
    r.nameEn = QStringLiteral("repeat");
    r.kind = QStringLiteral("complaint");
    r.trigger = EscalationTrigger::RepeatComplaints;
    r.repeatCount = 2;
    r.windowDays = 30;
    r.action = EscalationAction::RaisePriority;
    return r;
}

EscalationRule breached()
{
    EscalationRule r;
    r.id = QStringLiteral("0f1e5ca1-0000-4000-8000-000000000002");
    r.nameEn = QStringLiteral("breached");
    r.kind = QStringLiteral("*");
    r.trigger = EscalationTrigger::SlaBreached;
    r.action = EscalationAction::EscalateSupervisor;
    r.notifyRole = QStringLiteral("supervisor");
    return r;
}

} // namespace

class TestEscalationRule : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void notHandledWithin_data();
    void notHandledWithin();
    void repeatComplaints_data();
    void repeatComplaints();
    void slaBreached();
    void neverFires_data();
    void neverFires();
    void twoRaisesChainAndStopAtP1();
    void durationText();
};

void TestEscalationRule::notHandledWithin_data()
{
    QTest::addColumn<QString>("clock");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<QString>("created");
    QTest::addColumn<QString>("pauseFrom"); // empty: no pause; pauseTo empty: still paused
    QTest::addColumn<QString>("pauseTo");
    QTest::addColumn<QString>("now");
    QTest::addColumn<qint64>("nowOffsetMs");
    QTest::addColumn<bool>("fires");

    // Wall clock: 24 hours are 24 hours, weekend or not.
    QTest::newRow("wall 1 ms before") << "wall" << 1440 << "2026-11-20 10:00" << "" << "" << "2026-11-21 10:00" << qint64(-1) << false;
    QTest::newRow("wall at threshold") << "wall" << 1440 << "2026-11-20 10:00" << "" << "" << "2026-11-21 10:00" << qint64(0) << true;
    QTest::newRow("wall over a weekend") << "wall" << 1440 << "2026-11-21 10:00" << "" << "" << "2026-11-22 11:00" << qint64(0) << true;
    // Working clock on the CN calendar: 15 working hours from Friday 16:00 are Fri 16-18 (2 h), Monday
    // (7.5 h), Tuesday 09-12 and 13:30-16:00 (5.5 h): Tuesday 16:00.
    QTest::newRow("working: saturday, 20 wall hours") << "working" << 900 << "2026-11-20 16:00" << "" << "" << "2026-11-21 12:00" << qint64(0) << false;
    QTest::newRow("working: monday evening") << "working" << 900 << "2026-11-20 16:00" << "" << "" << "2026-11-23 18:00" << qint64(0) << false;
    QTest::newRow("working: 1 ms before tuesday 16:00") << "working" << 900 << "2026-11-20 16:00" << "" << "" << "2026-11-24 16:00" << qint64(-1) << false;
    QTest::newRow("working: tuesday 16:00") << "working" << 900 << "2026-11-20 16:00" << "" << "" << "2026-11-24 16:00" << qint64(0) << true;
    // Waiting on the customer Monday 09:00-12:00 does not count: three more working hours, Wednesday 10:00.
    QTest::newRow("working, paused: tuesday 16:00") << "working" << 900 << "2026-11-20 16:00" << "2026-11-23 09:00" << "2026-11-23 12:00" << "2026-11-24 16:00" << qint64(0) << false;
    QTest::newRow("working, paused: wednesday 10:00") << "working" << 900 << "2026-11-20 16:00" << "2026-11-23 09:00" << "2026-11-23 12:00" << "2026-11-25 10:00" << qint64(0) << true;
    QTest::newRow("working, still paused") << "working" << 900 << "2026-11-20 16:00" << "2026-11-23 09:00" << "" << "2026-11-27 10:00" << qint64(0) << false;
    // National Day: after Wednesday 30 September 18:00 the next working minute is Thursday 8 October 09:00.
    QTest::newRow("working: holiday week") << "working" << 120 << "2026-09-30 17:00" << "" << "" << "2026-10-07 23:00" << qint64(0) << false;
    QTest::newRow("working: after the holidays") << "working" << 120 << "2026-09-30 17:00" << "" << "" << "2026-10-08 10:00" << qint64(0) << true;
}

void TestEscalationRule::notHandledWithin()
{
    QFETCH(QString, clock);
    QFETCH(int, minutes);
    QFETCH(QString, created);
    QFETCH(QString, pauseFrom);
    QFETCH(QString, pauseTo);
    QFETCH(QString, now);
    QFETCH(qint64, nowOffsetMs);
    QFETCH(bool, fires);

    const BusinessCalendar cal = cnCalendar();
    EscalationFacts facts;
    facts.ticketId = QStringLiteral("t1");
    facts.kind = QStringLiteral("complaint");
    facts.createdAt = cst(created);
    facts.calendar = &cal;
    if (!pauseFrom.isEmpty()) {
        SlaPause p;
        p.from = cst(pauseFrom);
        p.open = pauseTo.isEmpty();
        p.to = p.open ? cst(now) + nowOffsetMs : cst(pauseTo);
        facts.pauses << p;
    }
    const auto rule = notHandled(clock == QLatin1String("wall") ? EscalationClock::Wall : EscalationClock::Working, minutes);
    const auto decisions = EscalationEvaluator::firing({rule}, facts, cst(now) + nowOffsetMs);
    QCOMPARE(decisions.size(), fires ? 1 : 0);
    if (fires) {
        QCOMPARE(decisions.first().rule.id, rule.id);
        QCOMPARE(decisions.first().fromPriority, decisions.first().toPriority);
        QVERIFY(!decisions.first().detail.isEmpty());
    }
}

void TestEscalationRule::repeatComplaints_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("priority");
    QTest::addColumn<QList<int>>("earlierDaysBefore");
    QTest::addColumn<bool>("fires");
    QTest::addColumn<int>("toPriority");

    QTest::newRow("first complaint") << "complaint" << 3 << QList<int>{} << false << 3;
    QTest::newRow("second, 10 days apart") << "complaint" << 3 << QList<int>{10} << true << 2;
    QTest::newRow("second, exactly 30 days apart") << "complaint" << 4 << QList<int>{30} << true << 3;
    QTest::newRow("second, 31 days apart") << "complaint" << 3 << QList<int>{31} << false << 3;
    QTest::newRow("third") << "complaint" << 3 << QList<int>{3, 20} << true << 2;
    QTest::newRow("P2 becomes P1") << "complaint" << 2 << QList<int>{1} << true << 1;
    QTest::newRow("P1 is not raised further") << "complaint" << 1 << QList<int>{5} << false << 1;
    QTest::newRow("a fault is not a complaint") << "fault" << 3 << QList<int>{5} << false << 3;
}

void TestEscalationRule::repeatComplaints()
{
    QFETCH(QString, kind);
    QFETCH(int, priority);
    QFETCH(QList<int>, earlierDaysBefore);
    QFETCH(bool, fires);
    QFETCH(int, toPriority);

    EscalationFacts facts;
    facts.ticketId = QStringLiteral("t2");
    facts.kind = kind;
    facts.priority = priority;
    facts.createdAt = cst(QStringLiteral("2026-11-20 10:00"));
    for (int days : earlierDaysBefore)
        facts.earlierComplaints << facts.createdAt - qint64(days) * kDayMs;
    const auto decisions = EscalationEvaluator::firing({repeat()}, facts, facts.createdAt + 60000);
    QCOMPARE(decisions.size(), fires ? 1 : 0);
    if (fires) {
        QCOMPARE(decisions.first().fromPriority, priority);
        QCOMPARE(decisions.first().toPriority, toPriority);
    }
}

void TestEscalationRule::slaBreached()
{
    EscalationFacts facts;
    facts.kind = QStringLiteral("inquiry"); // the default breach rule is for every kind
    facts.createdAt = 1000;
    QVERIFY(EscalationEvaluator::firing({breached()}, facts, 2000).isEmpty());
    facts.resolutionBreached = true;
    const auto decisions = EscalationEvaluator::firing({breached()}, facts, 2000);
    QCOMPARE(decisions.size(), 1);
    QCOMPARE(decisions.first().rule.action, EscalationAction::EscalateSupervisor);
}

void TestEscalationRule::neverFires_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("open");
    QTest::addColumn<bool>("firedBefore");
    QTest::addColumn<bool>("active");
    QTest::addColumn<bool>("calendar");
    QTest::addColumn<bool>("fires");

    QTest::newRow("due") << "complaint" << true << false << true << true << true;
    QTest::newRow("another kind") << "inquiry" << true << false << true << true << false;
    QTest::newRow("resolved or closed") << "complaint" << false << false << true << true << false;
    QTest::newRow("fired before") << "complaint" << true << true << true << true << false;
    QTest::newRow("inactive rule") << "complaint" << true << false << false << true << false;
    QTest::newRow("working clock without a calendar") << "complaint" << true << false << true << false << false;
}

void TestEscalationRule::neverFires()
{
    QFETCH(QString, kind);
    QFETCH(bool, open);
    QFETCH(bool, firedBefore);
    QFETCH(bool, active);
    QFETCH(bool, calendar);
    QFETCH(bool, fires);

    const BusinessCalendar cal = BusinessCalendar::alwaysOpen(480);
    EscalationRule rule = notHandled(EscalationClock::Working, 60);
    rule.active = active;
    EscalationFacts facts;
    facts.kind = kind;
    facts.open = open;
    facts.createdAt = 0;
    facts.calendar = calendar ? &cal : nullptr;
    if (firedBefore)
        facts.firedRuleIds.insert(rule.id);
    QCOMPARE(EscalationEvaluator::firing({rule}, facts, 2 * 3600000).size(), fires ? 1 : 0);
}

void TestEscalationRule::twoRaisesChainAndStopAtP1()
{
    EscalationFacts facts;
    facts.kind = QStringLiteral("complaint");
    facts.priority = 3;
    facts.createdAt = 40 * kDayMs;
    facts.earlierComplaints << 39 * kDayMs;
    const auto two = EscalationEvaluator::firing(
        {repeat(QStringLiteral("a")), repeat(QStringLiteral("b"))}, facts, facts.createdAt);
    QCOMPARE(two.size(), 2);
    QCOMPARE(two.at(0).fromPriority, 3);
    QCOMPARE(two.at(0).toPriority, 2);
    QCOMPARE(two.at(1).fromPriority, 2);
    QCOMPARE(two.at(1).toPriority, 1);

    facts.priority = 2;
    const auto one = EscalationEvaluator::firing(
        {repeat(QStringLiteral("a")), repeat(QStringLiteral("b"))}, facts, facts.createdAt);
    QCOMPARE(one.size(), 1); // the second would go above P1: it does not fire
    QCOMPARE(one.first().toPriority, 1);
}

void TestEscalationRule::durationText()
{
    // "(s)": the plural comes from the English translation, which tests do not load.
    QCOMPARE(EscalationEvaluator::durationText(1440), QStringLiteral("24 hour(s)"));
    QCOMPARE(EscalationEvaluator::durationText(90), QStringLiteral("90 minute(s)"));
    QCOMPARE(EscalationEvaluator::durationText(30 * 1440), QStringLiteral("30 day(s)"));
    QCOMPARE(EscalationEvaluator::durationText(1500), QStringLiteral("25 hour(s)"));
}

QTEST_GUILESS_MAIN(TestEscalationRule)
#include "tst_escalationrule.moc"
