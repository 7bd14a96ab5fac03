// FieldDispatch: haversine against known distances between Chinese cities, the nearest available
// engineer with the skill (unavailable and unskilled ones skipped, ties by id), where a ticket is (its
// customer's city centre), and dispatch: a fault ticket takes the workflow step to 'dispatched' with a
// comment naming the engineer and distance in one transaction; other kinds, unavailable engineers,
// clerks and steps the workflow does not allow are refused with a message and write nothing.

#include "FailingStore.h"
#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "tickets/FieldDispatch.h"

#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

QString engineer(int n)
{
    return QStringLiteral("0f1e5ce0-0000-4000-8000-0000000000%1").arg(n, 2, 10, QLatin1Char('0'));
}

} // namespace

class TestFieldDispatch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void haversine_data();
    void haversine();
    void nearestPure();
    void nearestAvailable_data();
    void nearestAvailable();
    void locateAndSuggest();
    void dispatchFault();
    void refusals_data();
    void refusals();
    void dispatchIsOneTransaction();

private:
    QString addCustomer(const QString& region);
    QString addTicket(const QString& customerId, const QString& kind, const QString& status, const QString& service);
    int count(const QString& sql, const QVariantList& binds = {});
    Session as(Role role);

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock;
    std::unique_ptr<FieldDispatch> m_dispatch;
};

void TestFieldDispatch::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestFieldDispatch::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    m_dispatch = std::make_unique<FieldDispatch>(m_temp->store(), m_clock);
}

QString TestFieldDispatch::addCustomer(const QString& region)
{
    const QString id = UuidV7::create();
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO customer (id, account_no, name, name_norm, type, region_code) "
                             "VALUES (?, ?, '李四', '李四', 'individual', ?)"));
    q.addBindValue(id);
    q.addBindValue(id.left(8));
    q.addBindValue(region);
    return q.exec() ? id : QString();
}

QString TestFieldDispatch::addTicket(const QString& customerId, const QString& kind, const QString& status,
                                     const QString& service)
{
    QSqlQuery q(m_temp->store()->connection());
    QVariant line;
    if (!service.isEmpty()) {
        const QString sub = UuidV7::create();
        q.prepare(QStringLiteral("INSERT INTO subscription (id, customer_id, service, number, number_digits, number_rev, "
                                 "start_date) VALUES (?, ?, ?, 'BB001', '001', '100', '2024-01-01')"));
        q.addBindValue(sub);
        q.addBindValue(customerId);
        q.addBindValue(service);
        if (!q.exec()) {
            qWarning("addTicket: %s", qPrintable(q.lastError().text()));
            return QString();
        }
        line = sub;
    }
    const QString id = UuidV7::create();
    q.prepare(QStringLiteral("INSERT INTO ticket (id, ticket_no, customer_id, subscription_id, kind, priority, status, "
                             "queue, channel, title, created_at) VALUES (?, 'F-1', ?, ?, ?, 2, ?, 'fault', 'hotline', "
                             "'No broadband', ?)"));
    q.addBindValue(id);
    q.addBindValue(customerId);
    q.addBindValue(line);
    q.addBindValue(kind);
    q.addBindValue(status);
    q.addBindValue(m_clock.nowMs() - 3600000);
    if (!q.exec()) {
        qWarning("addTicket: %s", qPrintable(q.lastError().text()));
        return QString();
    }
    return id;
}

int TestFieldDispatch::count(const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

Session TestFieldDispatch::as(Role role)
{
    Session s;
    s.role = role;
    s.agentId = UuidV7::create();
    s.login = QStringLiteral("ann");
    s.displayName = QStringLiteral("Ann");
    return s;
}

void TestFieldDispatch::haversine_data()
{
    QTest::addColumn<double>("lat1");
    QTest::addColumn<double>("lon1");
    QTest::addColumn<double>("lat2");
    QTest::addColumn<double>("lon2");
    QTest::addColumn<double>("km");
    QTest::addColumn<double>("tolerance");

    // City centres (Tiananmen, People's Square; Guangzhou and Shenzhen city halls): about 1,067 km and
    // 104 km apart as the crow flies.
    QTest::newRow("Beijing - Shanghai") << 39.9042 << 116.4074 << 31.2304 << 121.4737 << 1067.0 << 3.0;
    QTest::newRow("Guangzhou - Shenzhen") << 23.1291 << 113.2644 << 22.5431 << 114.0579 << 104.0 << 1.5;
    QTest::newRow("Urumqi - Harbin") << 43.8256 << 87.6168 << 45.8038 << 126.5350 << 3047.0 << 5.0;
    QTest::newRow("same point") << 30.0 << 120.0 << 30.0 << 120.0 << 0.0 << 1e-9;
    // A quarter of a meridian: pi/2 * 6371.0088 km.
    QTest::newRow("equator to pole") << 0.0 << 0.0 << 90.0 << 0.0 << 10007.557 << 0.01;
    QTest::newRow("across the antimeridian") << 0.0 << 179.5 << 0.0 << -179.5 << 111.195 << 0.01;
}

void TestFieldDispatch::haversine()
{
    QFETCH(double, lat1);
    QFETCH(double, lon1);
    QFETCH(double, lat2);
    QFETCH(double, lon2);
    QFETCH(double, km);
    QFETCH(double, tolerance);
    const double there = FieldDispatch::haversineKm(lat1, lon1, lat2, lon2);
    const double back = FieldDispatch::haversineKm(lat2, lon2, lat1, lon1);
    QVERIFY2(std::abs(there - km) <= tolerance, qPrintable(QString::number(there, 'f', 3)));
    QVERIFY(std::abs(there - back) < 1e-9);
}

void TestFieldDispatch::nearestPure()
{
    FieldEngineer a{QStringLiteral("b"), QStringLiteral("A"), QString(), QString(), 23.0, 113.0, QStringLiteral("Broadband, fixed"), true};
    FieldEngineer b{QStringLiteral("a"), QStringLiteral("B"), QString(), QString(), 23.0, 113.0, QStringLiteral("broadband"), true};
    FieldEngineer far{QStringLiteral("c"), QStringLiteral("C"), QString(), QString(), 24.0, 113.0, QStringLiteral("fixed"), true};
    // Same place: the smaller id wins, whatever the order given.
    QCOMPARE(FieldDispatch::nearest({a, b, far}, 23.0, 113.0, QStringLiteral("broadband"))->engineer.id, QStringLiteral("a"));
    QCOMPARE(FieldDispatch::nearest({b, a, far}, 23.0, 113.0, QStringLiteral("broadband"))->engineer.id, QStringLiteral("a"));
    // Skills are whole items, any case, trimmed: "fixed" is not "fixed_line", " Broadband" is broadband.
    QCOMPARE(FieldDispatch::nearest({a, far}, 23.9, 113.0, QStringLiteral("fixed"))->engineer.id, QStringLiteral("c"));
    QVERIFY(!FieldDispatch::nearest({a, b, far}, 23.0, 113.0, QStringLiteral("fixed_line")));
    QVERIFY(FieldDispatch::hasSkill(QStringLiteral("Broadband, fixed"), QStringLiteral("BROADBAND")));
    QVERIFY(!FieldDispatch::hasSkill(QStringLiteral("broadband"), QStringLiteral("broad")));
    QVERIFY(FieldDispatch::hasSkill(QString(), QString()));
    QVERIFY(!FieldDispatch::nearest({}, 0, 0, QString()));
}

void TestFieldDispatch::nearestAvailable_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lon");
    QTest::addColumn<QString>("skill");
    QTest::addColumn<int>("expected"); // 0: nobody
    QTest::addColumn<double>("km");

    const double gzLat = 23.1291, gzLon = 113.2644, szLat = 22.5431, szLon = 114.0579;
    QTest::newRow("Guangzhou, broadband: Baiyun, 3.3 km") << gzLat << gzLon << "broadband" << 2 << 3.28;
    QTest::newRow("Guangzhou, fixed: Tianhe, 6.4 km") << gzLat << gzLon << "fixed" << 1 << 6.44;
    QTest::newRow("Guangzhou, anyone") << gzLat << gzLon << "" << 2 << 3.28;
    QTest::newRow("Shenzhen, anyone: Futian, 0.3 km") << szLat << szLon << "" << 3 << 0.35;
    // 黄磊 in Nanshan (13 km) is the only mobile engineer in Shenzhen and is not available.
    QTest::newRow("Shenzhen, mobile: unavailable skipped") << szLat << szLon << "mobile" << 2 << 105.5;
    QTest::newRow("Shenzhen, iot: only an unavailable one") << szLat << szLon << "iot" << 0 << 0.0;
    QTest::newRow("Shenzhen, iptv: wrong skills skipped") << szLat << szLon << "iptv" << 1 << 99.8;
    QTest::newRow("Beijing, iptv") << 39.9042 << 116.4074 << "iptv" << 5 << 3.7;
}

void TestFieldDispatch::nearestAvailable()
{
    QFETCH(double, lat);
    QFETCH(double, lon);
    QFETCH(QString, skill);
    QFETCH(int, expected);
    QFETCH(double, km);
    const auto found = m_dispatch->nearestAvailable(lat, lon, skill);
    if (expected == 0) {
        QVERIFY(!found);
        QCOMPARE(found.error().code, QStringLiteral("not_found"));
        QCOMPARE(found.errorMessage(), QStringLiteral("No field engineer with the skill '%1' is available.").arg(skill));
        return;
    }
    QVERIFY2(found, qPrintable(found.errorMessage()));
    QCOMPARE(found.value().engineer.id, engineer(expected));
    QVERIFY2(std::abs(found.value().distanceKm - km) < 1.0, qPrintable(QString::number(found.value().distanceKm)));
}

void TestFieldDispatch::locateAndSuggest()
{
    const QString tianhe = addCustomer(QStringLiteral("440106"));
    const QString guangdong = addCustomer(QStringLiteral("440000"));
    const QString futian = addCustomer(QStringLiteral("440304"));
    const QString nowhere = addCustomer(QStringLiteral("999999"));
    const QString t1 = addTicket(tianhe, QStringLiteral("fault"), QStringLiteral("assigned"), QStringLiteral("fixed"));
    const QString t2 = addTicket(guangdong, QStringLiteral("fault"), QStringLiteral("assigned"), QString());
    const QString t3 = addTicket(futian, QStringLiteral("fault"), QStringLiteral("assigned"), QStringLiteral("mobile"));
    const QString t4 = addTicket(nowhere, QStringLiteral("fault"), QStringLiteral("assigned"), QString());

    const auto p1 = m_dispatch->locate(t1);
    QVERIFY(p1);
    QCOMPARE(p1.value().lat, 23.1291); // the city centre of Guangzhou (440100)
    QCOMPARE(p1.value().lon, 113.2644);
    const auto p2 = m_dispatch->locate(t2); // a province: its first city
    QVERIFY(p2);
    QCOMPARE(p2.value().lat, 23.1291);
    const auto p4 = m_dispatch->locate(t4);
    QVERIFY(!p4);
    QCOMPARE(p4.error().code, QStringLiteral("not_found"));
    QVERIFY(p4.errorMessage().contains(QStringLiteral("F-1")));
    QCOMPARE(m_dispatch->locate(UuidV7::create()).error().code, QStringLiteral("not_found"));

    QCOMPARE(m_dispatch->skillFor(t1).value(), QStringLiteral("fixed"));
    QCOMPARE(m_dispatch->skillFor(t2).value(), QString());
    QCOMPARE(m_dispatch->suggest(t1).value().engineer.id, engineer(1));
    QCOMPARE(m_dispatch->suggest(t2).value().engineer.id, engineer(2));
    QCOMPARE(m_dispatch->suggest(t3).value().engineer.id, engineer(2)); // mobile: 黄磊 unavailable
}

void TestFieldDispatch::dispatchFault()
{
    const QString futian = addCustomer(QStringLiteral("440304"));
    const QString ticket = addTicket(futian, QStringLiteral("fault"), QStringLiteral("assigned"), QStringLiteral("broadband"));
    const Session ann = as(Role::Agent);
    const Status done = m_dispatch->dispatch(ticket, engineer(3), ann);
    QVERIFY2(done, qPrintable(done.errorMessage()));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket WHERE id = ? AND status = 'dispatched'"), {ticket}), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND kind = 'transition' "
                                  "AND from_status = 'assigned' AND to_status = 'dispatched'"), {ticket}), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND kind = 'comment' AND agent_id = ? "
                                  "AND body = 'Field engineer 陈志强 (+8613800138003) dispatched, 0.3 km from the "
                                  "customer''s city centre.'"),
                   {ticket, ann.agentId}), 1);
    // The step and the comment reach the outbox together.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity_id = ? AND entity = 'ticket'"), {ticket}), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket_event'")), 2);

    // Dispatched again from 'dispatched' is not a step of the fault workflow.
    const Status again = m_dispatch->dispatch(ticket, engineer(1), ann);
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("workflow"));
}

void TestFieldDispatch::refusals_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("engineerNo");
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message"); // a part of it

    QTest::newRow("a complaint") << "complaint" << "assigned" << 3 << int(Role::Agent) << "invalid"
                                 << "Only fault reports are sent to field engineers; ticket F-1 is a complaint.";
    QTest::newRow("an inquiry") << "inquiry" << "assigned" << 3 << int(Role::Supervisor) << "invalid"
                                << "ticket F-1 is an inquiry.";
    QTest::newRow("unavailable engineer") << "fault" << "assigned" << 4 << int(Role::Agent) << "invalid"
                                          << "黄磊 is not available for dispatch.";
    QTest::newRow("unknown engineer") << "fault" << "assigned" << 99 << int(Role::Agent) << "not_found"
                                      << "The field engineer does not exist.";
    QTest::newRow("a clerk") << "fault" << "assigned" << 3 << int(Role::Clerk) << "forbidden" << "does not work tickets";
    QTest::newRow("not assigned yet") << "fault" << "new" << 3 << int(Role::Agent) << "workflow" << "";
}

void TestFieldDispatch::refusals()
{
    QFETCH(QString, kind);
    QFETCH(QString, status);
    QFETCH(int, engineerNo);
    QFETCH(int, role);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const QString ticket = addTicket(addCustomer(QStringLiteral("440304")), kind, status, QString());
    const Status refused = m_dispatch->dispatch(ticket, engineer(engineerNo), as(static_cast<Role>(role)));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, code);
    QVERIFY2(refused.errorMessage().contains(message), qPrintable(refused.errorMessage()));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_event")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket WHERE id = ? AND status = ?"), {ticket, status}), 1);
}

void TestFieldDispatch::dispatchIsOneTransaction()
{
    const Session ann = as(Role::Agent);
    QSqlDatabase db = m_temp->store()->connection();
    auto newTicket = [&] {
        return addTicket(addCustomer(QStringLiteral("440106")), QStringLiteral("fault"), QStringLiteral("assigned"),
                         QStringLiteral("broadband"));
    };
    int statements = 0;
    {
        const QString first = newTicket();
        FailingStore counter(db);
        QVERIFY(m_dispatch->dispatch(first, engineer(1), ann));
        statements = counter.statements();
    }
    QVERIFY(statements > 5);
    // A fresh ticket each time: whichever statement fails, the ticket is dispatched with both events and
    // their outbox rows, or nothing of it is written.
    for (int i = 1; i <= statements; ++i) {
        const QString ticket = newTicket();
        bool ok = true;
        {
            FailingStore failing(db, i);
            ok = m_dispatch->dispatch(ticket, engineer(1), ann).ok();
            QVERIFY(failing.fired());
        }
        const int rows = count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity_id = ? OR payload LIKE ?"),
                               {ticket, QString(QLatin1Char('%') + ticket + QLatin1Char('%'))});
        const int events = count(QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = ?"), {ticket});
        const int dispatched = count(QStringLiteral("SELECT count(*) FROM ticket WHERE id = ? AND status = 'dispatched'"), {ticket});
        const QString where = QStringLiteral("statement %1: ok %2, outbox %3, events %4, dispatched %5")
                                  .arg(i).arg(ok).arg(rows).arg(events).arg(dispatched);
        QVERIFY2((rows == 3 && events == 2 && dispatched == 1) || (rows == 0 && events == 0 && dispatched == 0),
                 qPrintable(where));
        // Only a failed read the workflow tolerates may end in success; a failed write never does.
        if (!ok)
            QCOMPARE(dispatched, 0);
    }
}

QTEST_GUILESS_MAIN(TestFieldDispatch)
#include "tst_fielddispatch.moc"
