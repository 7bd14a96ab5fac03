// TicketHousekeeper on a real local store: its worker thread runs a full pass at start (SLA rows and the
// escalation rules: a complaint older than 24 hours fires once), a second pass fires nothing, the
// interval timer runs passes by itself with the clock given, ticketsTouched() computes a new ticket's
// ticket_sla row, clerks' desktops keep the SLA clocks without firing rules, and stop() joins the thread
// and releases its connection (start() may follow).

#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "tickets/EscalationService.h"
#include "tickets/TicketHousekeeper.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QLocale>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

const QString kRuleNotHandled = QStringLiteral("0f1e5ca1-0000-4000-8000-000000000001");
constexpr qint64 kHourMs = 3600000;
constexpr int kWaitMs = 20000;

/// A fake clock the test may move while the worker thread reads it.
class SharedFakeClock final : public Clock
{
public:
    explicit SharedFakeClock(qint64 ms) : m_ms(ms) {}
    QDateTime nowUtc() const override { return QDateTime::fromMSecsSinceEpoch(m_ms.loadAcquire(), Qt::UTC); }
    void set(qint64 ms) { m_ms.storeRelease(ms); }

private:
    QAtomicInteger<qint64> m_ms;
};

struct Pass
{
    QStringList changed;
    int written = -1;
    QStringList failures;
    bool full = false;
};

Pass passAt(const QSignalSpy& spy, int i)
{
    const QList<QVariant> args = spy.at(i);
    return Pass{args.at(0).toStringList(), args.at(1).toInt(), args.at(2).toStringList(), args.at(3).toBool()};
}

} // namespace

class TestTicketHousekeeper : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void firstPassFiresOnceAndSecondNothing();
    void intervalPassesUseTheClock();
    void touchedTicketGetsItsSlaRow();
    void clerkKeepsClocksWithoutFiring();
    void stopJoinsAndReleasesTheConnection();
    void stopDuringAPassLeavesEveryTicketWhole();

private:
    QString addCustomer();
    QString addTicket(const QString& customerId, const QString& kind, qint64 createdAt, const QString& no);
    int count(const QString& sql, const QVariantList& binds = {});
    bool waitForPasses(QSignalSpy& spy, int passes);

    std::unique_ptr<TempStore> m_temp;
    const qint64 m_start = QDateTime(QDate(2026, 11, 18), QTime(2, 0), Qt::UTC).toMSecsSinceEpoch();
    std::unique_ptr<SharedFakeClock> m_clock;
    QString m_customer;
    QString m_old;    // complaint 25 hours old
    QString m_young;  // complaint 23 hours old
    QString m_agent;
};

void TestTicketHousekeeper::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestTicketHousekeeper::init()
{
    m_clock = std::make_unique<SharedFakeClock>(m_start);
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    m_customer = addCustomer();
    m_old = addTicket(m_customer, QStringLiteral("complaint"), m_start - 25 * kHourMs, QStringLiteral("T-1"));
    // Another customer: the two complaints are not repeats of each other.
    m_young = addTicket(addCustomer(), QStringLiteral("complaint"), m_start - 23 * kHourMs, QStringLiteral("T-2"));
    m_agent = Fixtures(m_temp->store()).addAgent(QStringLiteral("sue"), QStringLiteral("supervisor"));
    QVERIFY(!m_customer.isEmpty() && !m_old.isEmpty() && !m_young.isEmpty() && !m_agent.isEmpty());
}

QString TestTicketHousekeeper::addCustomer()
{
    const QString id = UuidV7::create();
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO customer (id, account_no, name, name_norm, type, region_code, tier) "
                             "VALUES (?, ?, '张三', '张三', 'individual', '440106', 'standard')"));
    q.addBindValue(id);
    q.addBindValue(id.right(12));
    return q.exec() ? id : QString();
}

QString TestTicketHousekeeper::addTicket(const QString& customerId, const QString& kind, qint64 createdAt,
                                         const QString& no)
{
    const QString id = UuidV7::create();
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO ticket (id, ticket_no, customer_id, kind, priority, status, queue, channel, "
                             "title, created_at) VALUES (?, ?, ?, ?, 3, 'assigned', 'complaint', 'hotline', 'No signal', ?)"));
    q.addBindValue(id);
    q.addBindValue(no);
    q.addBindValue(customerId);
    q.addBindValue(kind);
    q.addBindValue(createdAt);
    if (!q.exec()) {
        qWarning("addTicket: %s", qPrintable(q.lastError().text()));
        return QString();
    }
    return id;
}

int TestTicketHousekeeper::count(const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool TestTicketHousekeeper::waitForPasses(QSignalSpy& spy, int passes)
{
    while (spy.count() < passes) {
        if (!spy.wait(kWaitMs))
            return false;
    }
    return true;
}

void TestTicketHousekeeper::firstPassFiresOnceAndSecondNothing()
{
    TicketHousekeeper keeper(m_temp->store(), *m_clock);
    keeper.setFiringAgent(m_agent);
    keeper.setIntervalMs(3600 * 1000); // only the passes asked for
    QSignalSpy spy(&keeper, &TicketHousekeeper::passFinished);
    keeper.start();
    QVERIFY(keeper.isRunning());
    QVERIFY(waitForPasses(spy, 1));
    const Pass first = passAt(spy, 0);
    QVERIFY(first.full);
    QVERIFY2(first.failures.isEmpty(), qPrintable(first.failures.join(QLatin1Char('\n'))));
    QCOMPARE(first.written, 1);
    QCOMPARE(first.changed, QStringList{m_old});
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ? AND rule_id = ? AND id = ? "
                                  "AND agent_id = ?"),
                   {m_old, kRuleNotHandled, EscalationService::escalationId(m_old, kRuleNotHandled), m_agent}),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation")), 1);
    // The full pass computed the SLA rows of both open tickets.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_sla WHERE open = 1 AND ticket_id IN (?, ?)"), {m_old, m_young}),
             2);

    keeper.requestFullPass();
    QVERIFY(waitForPasses(spy, 2));
    const Pass second = passAt(spy, 1);
    QVERIFY(second.full);
    QCOMPARE(second.written, 0);
    QVERIFY(second.changed.isEmpty());
    QVERIFY(second.failures.isEmpty());
    keeper.stop();
    QVERIFY(!keeper.isRunning());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation")), 1);
    QCOMPARE(spy.count(), 2);
}

void TestTicketHousekeeper::intervalPassesUseTheClock()
{
    TicketHousekeeper keeper(m_temp->store(), *m_clock);
    keeper.setFiringAgent(m_agent);
    keeper.setIntervalMs(20);
    QSignalSpy spy(&keeper, &TicketHousekeeper::passFinished);
    keeper.start();
    QVERIFY(waitForPasses(spy, 2)); // the first at start, the second from the timer
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ?"), {m_young}), 0);
    // An hour later (by the clock given) the young complaint has waited 24 hours: a timed pass fires it.
    m_clock->set(m_start + kHourMs);
    const int seen = int(spy.count());
    QVERIFY(waitForPasses(spy, seen + 2)); // one pass may have read the clock before it moved
    bool fired = false;
    for (int i = seen; i < spy.count(); ++i) {
        const Pass pass = passAt(spy, i);
        QVERIFY(pass.full);
        if (pass.written > 0) {
            QVERIFY(!fired); // once
            QCOMPARE(pass.changed, QStringList{m_young});
            fired = true;
        }
    }
    QVERIFY(fired);
    keeper.stop();
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ? AND rule_id = ?"),
                   {m_young, kRuleNotHandled}),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation")), 2);
}

void TestTicketHousekeeper::touchedTicketGetsItsSlaRow()
{
    TicketHousekeeper keeper(m_temp->store(), *m_clock);
    keeper.setIntervalMs(3600 * 1000);
    QSignalSpy spy(&keeper, &TicketHousekeeper::passFinished);
    keeper.start();
    QVERIFY(waitForPasses(spy, 1));

    // A ticket written after the full pass has no SLA row until it is touched.
    const QString fresh = addTicket(m_customer, QStringLiteral("fault"), m_start - 10 * 60000, QStringLiteral("T-3"));
    QVERIFY(!fresh.isEmpty());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_sla WHERE ticket_id = ?"), {fresh}), 0);
    keeper.ticketsTouched({fresh});
    QVERIFY(waitForPasses(spy, 2));
    const Pass touched = passAt(spy, 1);
    QVERIFY(!touched.full);
    QVERIFY2(touched.failures.isEmpty(), qPrintable(touched.failures.join(QLatin1Char('\n'))));
    QCOMPARE(touched.changed, QStringList{fresh});
    QCOMPARE(touched.written, 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_sla WHERE ticket_id = ? AND open = 1 AND computed_at = ? "
                                  "AND resolution_due > ?"),
                   {fresh, m_start, m_start}),
             1);

    // A touched complaint past 24 hours fires at once, without waiting for the next full pass.
    const QString overdue = addTicket(addCustomer(), QStringLiteral("complaint"), m_start - 30 * kHourMs,
                                      QStringLiteral("T-4"));
    keeper.ticketsTouched({overdue});
    QVERIFY(waitForPasses(spy, 3));
    const Pass escalated = passAt(spy, 2);
    QVERIFY(!escalated.full);
    QCOMPARE(escalated.written, 1);
    QCOMPARE(escalated.changed, QStringList{overdue});
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ? AND rule_id = ?"),
                   {overdue, kRuleNotHandled}),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_sla WHERE ticket_id = ?"), {overdue}), 1);
}

void TestTicketHousekeeper::clerkKeepsClocksWithoutFiring()
{
    TicketHousekeeper keeper(m_temp->store(), *m_clock);
    keeper.setEvaluatesEscalations(false);
    keeper.setIntervalMs(3600 * 1000);
    QSignalSpy spy(&keeper, &TicketHousekeeper::passFinished);
    keeper.start();
    QVERIFY(waitForPasses(spy, 1));
    QCOMPARE(passAt(spy, 0).written, 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_sla WHERE ticket_id IN (?, ?)"), {m_old, m_young}), 2);
}

void TestTicketHousekeeper::stopJoinsAndReleasesTheConnection()
{
    const QStringList before = QSqlDatabase::connectionNames();
    {
        TicketHousekeeper keeper(m_temp->store(), *m_clock);
        keeper.setIntervalMs(3600 * 1000);
        QSignalSpy spy(&keeper, &TicketHousekeeper::passFinished);
        keeper.start();
        QVERIFY(waitForPasses(spy, 1));
        // The worker opened a connection of its own, on its thread.
        QCOMPARE(QSqlDatabase::connectionNames().size(), before.size() + 1);
        keeper.stop();
        keeper.stop(); // twice is harmless
        QVERIFY(!keeper.isRunning());
        QCOMPARE(QSqlDatabase::connectionNames(), before);

        // Passes asked for after stop() are not run; start() again works.
        keeper.ticketsTouched({m_old});
        keeper.requestFullPass();
        QTest::qWait(50);
        QCOMPARE(spy.count(), 1);
        keeper.start();
        QVERIFY(waitForPasses(spy, 2));
        QVERIFY(passAt(spy, 1).full);
        QCOMPARE(passAt(spy, 1).written, 0); // fired by the first run already
        // The destructor stops and joins a running housekeeper.
    }
    QCOMPARE(QSqlDatabase::connectionNames(), before);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation")), 1);
}

void TestTicketHousekeeper::stopDuringAPassLeavesEveryTicketWhole()
{
    // Enough overdue complaints that the first pass takes a while (one transaction per ticket).
    constexpr int kTickets = 300;
    {
        QSqlDatabase db = m_temp->store()->connection();
        QVERIFY(db.transaction());
        for (int i = 0; i < kTickets; ++i)
            QVERIFY(!addTicket(addCustomer(), QStringLiteral("complaint"), m_start - 30 * kHourMs,
                               QStringLiteral("S-%1").arg(i)).isEmpty());
        QVERIFY(db.commit());
    }
    const int total = kTickets + 1; // and m_old
    TicketHousekeeper keeper(m_temp->store(), *m_clock);
    keeper.setIntervalMs(3600 * 1000);
    QSignalSpy spy(&keeper, &TicketHousekeeper::passFinished);
    keeper.start();
    // Stop as soon as the first escalation is written: the pass is under way.
    QElapsedTimer waited;
    waited.start();
    while (count(QStringLiteral("SELECT count(*) FROM ticket_escalation")) < 1 && waited.elapsed() < kWaitMs)
        QThread::msleep(2);
    keeper.stop();
    QVERIFY(!keeper.isRunning());
    const int written = count(QStringLiteral("SELECT count(*) FROM ticket_escalation"));
    qInfo("stopped after %d of %d escalations", written, total);
    QVERIFY(written >= 1);
    // Each ticket all or nothing: its row, its comment and their two outbox entries.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_event WHERE kind = 'comment' AND body LIKE 'Escalated%'")),
             written);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), 2 * written);

    // Started again, it fires the rest, each once.
    keeper.start();
    QVERIFY(waitForPasses(spy, 1));
    QCOMPARE(passAt(spy, spy.count() - 1).written, total - written);
    keeper.stop();
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_escalation")), total);
    QCOMPARE(count(QStringLiteral("SELECT count(DISTINCT ticket_id) FROM ticket_escalation")), total);
}

QTEST_GUILESS_MAIN(TestTicketHousekeeper)
#include "tst_tickethousekeeper.moc"
