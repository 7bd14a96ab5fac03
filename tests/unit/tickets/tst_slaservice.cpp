#include "Fixtures.h"
#include "SlaTestCalendars.h"
#include "TempStore.h"
#include "tickets/SlaService.h"

#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using telcodesk::test::cst;

Q_DECLARE_METATYPE(telcodesk::SlaState)

namespace {

QString cstText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(8 * 3600)).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

bool exec(const LocalStorePtr& store, const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(store->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    return q.exec();
}

} // namespace

// SlaService on a fresh store: the default calendars and policies of local migration 4.
class TestSlaService : public QObject
{
    Q_OBJECT

private slots:
    void defaultCatalogIsLoaded()
    {
        test::TempStore temp;
        QVERIFY2(temp.ok(), qPrintable(temp.error()));
        SlaService service(temp.store());
        QVERIFY(service.reload());
        QCOMPARE(service.book().policies().size(), 22);
        // Every kind x priority has a policy for any tier.
        for (const char* kind : {"complaint", "inquiry", "fault", "suggestion"})
            for (int priority = 1; priority <= 4; ++priority)
                QVERIFY2(service.book().terms(QString::fromLatin1(kind), priority, QStringLiteral("standard")),
                         kind);
        QVERIFY(service.book().calendar(QStringLiteral("018f5a10-0000-7000-8000-000000000001")));
        QVERIFY(service.book().calendar(QStringLiteral("018f5a10-0000-7000-8000-000000000002")));
    }

    void clockFor_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("priority");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<QString>("created");
        // kind@time[@from>to] per ticket_event row, ';' between rows
        QTest::addColumn<QString>("events");
        QTest::addColumn<QString>("resolvedAt");
        QTest::addColumn<QString>("now");
        QTest::addColumn<SlaState>("frState");
        QTest::addColumn<QString>("frDue");
        QTest::addColumn<SlaState>("resState");
        QTest::addColumn<int>("resUsedMin");
        QTest::addColumn<QString>("resDue");
        QTest::addColumn<int>("pauses");

        using S = SlaState;
        QTest::newRow("P2 complaint: 1.5 minutes, 36 hours, 24x7")
            << "complaint" << 2 << "standard" << "2026-11-23 09:00" << "" << "" << "2026-11-23 09:01"
            << S::Running << "2026-11-23 09:01:30" << S::Running << 1 << "2026-11-24 21:00:00" << 0;
        QTest::newRow("P3 complaint in CN working hours")
            << "complaint" << 3 << "standard" << "2026-11-23 17:00" << "" << "" << "2026-11-24 09:00"
            << S::Breached << "2026-11-23 17:30:00" << S::Running << 60 << "2026-11-26 17:00:00" << 0;
        QTest::newRow("gold customers are faster")
            << "complaint" << 3 << "gold" << "2026-11-23 17:00" << "" << "" << "2026-11-24 09:00"
            << S::Breached << "2026-11-23 17:20:00" << S::Running << 60 << "2026-11-26 11:45:00" << 0;
        QTest::newRow("silver falls back to any tier")
            << "complaint" << 3 << "silver" << "2026-11-23 17:00" << "" << "" << "2026-11-24 09:00"
            << S::Breached << "2026-11-23 17:30:00" << S::Running << 60 << "2026-11-26 17:00:00" << 0;
        QTest::newRow("reply and waiting on the customer")
            << "complaint" << 3 << "standard" << "2026-11-23 09:00"
            << "reply@2026-11-23 09:10;transition@2026-11-23 10:00@in_progress>waiting_customer;"
               "transition@2026-11-23 14:00@waiting_customer>in_progress"
            << "" << "2026-11-23 15:00"
            << S::Met << "2026-11-23 09:30:00" << S::Running << 120 << "2026-11-26 11:30:00" << 1;
        QTest::newRow("pause and resume events")
            << "complaint" << 3 << "standard" << "2026-11-23 09:00"
            << "reply@2026-11-23 09:10;pause@2026-11-23 10:00;resume@2026-11-23 14:00;pause@2026-11-23 14:30"
            << "" << "2026-11-23 16:00"
            << S::Met << "2026-11-23 09:30:00" << S::Paused << 90 << "2026-11-26 14:30:00" << 2;
        QTest::newRow("resolved, reopened, resolved")
            << "complaint" << 3 << "standard" << "2026-11-23 09:00"
            << "reply@2026-11-23 09:10;transition@2026-11-23 11:00@in_progress>resolved;"
               "transition@2026-11-24 14:00@resolved>in_progress;transition@2026-11-24 16:00@in_progress>resolved"
            << "2026-11-24 16:00" << "2026-11-25 10:00"
            << S::Met << "2026-11-23 09:30:00" << S::Met << 240 << "2026-11-27 10:30:00" << 0;
        QTest::newRow("complaint flow: handled stops, back from callback reopens")
            << "complaint" << 3 << "standard" << "2026-11-23 09:00"
            << "reply@2026-11-23 09:10;transition@2026-11-23 11:00@dispatched>handled;"
               "transition@2026-11-23 14:00@handled>callback;transition@2026-11-24 14:00@callback>dispatched"
            << "" << "2026-11-24 15:00"
            << S::Met << "2026-11-23 09:30:00" << S::Running << 180 << "2026-11-27 10:30:00" << 0;
        QTest::newRow("resolved_at without a logged transition")
            << "complaint" << 3 << "standard" << "2026-11-23 09:00" << "reply@2026-11-23 09:10"
            << "2026-11-23 12:00" << "2026-11-25 10:00"
            << S::Met << "2026-11-23 09:30:00" << S::Met << 180 << "2026-11-25 18:00:00" << 0;
        QTest::newRow("National Day from the default data")
            << "complaint" << 3 << "standard" << "2026-09-30 17:00" << "" << "" << "2026-10-08 09:30"
            << S::Breached << "2026-09-30 17:30:00" << S::Running << 90 << "2026-10-10 17:00:00" << 0;
        QTest::newRow("make-up Saturday from the default data")
            << "complaint" << 3 << "standard" << "2026-10-09 17:00" << "" << "" << "2026-10-10 09:30"
            << S::Breached << "2026-10-09 17:30:00" << S::Running << 90 << "2026-10-13 17:00:00" << 0;
        QTest::newRow("P1 fault: 24x7, near breach at 75%")
            << "fault" << 1 << "standard" << "2026-11-23 09:00" << "" << "" << "2026-11-23 12:00"
            << S::Breached << "2026-11-23 09:15:00" << S::NearBreach << 180 << "2026-11-23 13:00:00" << 0;
    }

    void clockFor()
    {
        QFETCH(QString, kind);
        QFETCH(int, priority);
        QFETCH(QString, tier);
        QFETCH(QString, created);
        QFETCH(QString, events);
        QFETCH(QString, resolvedAt);
        QFETCH(QString, now);
        QFETCH(SlaState, frState);
        QFETCH(QString, frDue);
        QFETCH(SlaState, resState);
        QFETCH(int, resUsedMin);
        QFETCH(QString, resDue);
        QFETCH(int, pauses);

        test::TempStore temp;
        QVERIFY2(temp.ok(), qPrintable(temp.error()));
        test::Fixtures fixtures(temp.store());
        const QString customer = fixtures.addCustomer({QStringLiteral("张伟"), QStringLiteral("13812345678"),
                                                       QString(), QStringLiteral("A-1")});
        QVERIFY(!customer.isEmpty());
        QVERIFY(exec(temp.store(), QStringLiteral("UPDATE customer SET tier = ? WHERE id = ?"), {tier, customer}));
        const QString ticket = fixtures.addTicket(customer, QStringLiteral("new"), cst(created), QStringLiteral("t"));
        QVERIFY(!ticket.isEmpty());
        QVERIFY(exec(temp.store(), QStringLiteral("UPDATE ticket SET kind = ?, priority = ?, resolved_at = ? WHERE id = ?"),
                     {kind, priority, resolvedAt.isEmpty() ? QVariant() : QVariant(cst(resolvedAt)), ticket}));
        int n = 0;
        for (const QString& row : events.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const QStringList f = row.split(QLatin1Char('@'));
            const QStringList move = f.value(2).split(QLatin1Char('>'));
            QVERIFY(exec(temp.store(),
                         QStringLiteral("INSERT INTO ticket_event(id, ticket_id, kind, at, from_status, to_status) "
                                        "VALUES(?,?,?,?,?,?)"),
                         {QStringLiteral("e%1").arg(++n), ticket, f.value(0), cst(f.value(1)),
                          f.size() > 2 ? QVariant(move.value(0)) : QVariant(),
                          f.size() > 2 ? QVariant(move.value(1)) : QVariant()}));
        }

        SlaService service(temp.store());
        const auto clock = service.clockFor(ticket, cst(now));
        QVERIFY2(clock.ok(), qPrintable(clock.errorMessage()));
        QCOMPARE(clock->priority, priority);
        QCOMPARE(SlaClock::stateName(clock->firstResponse.state), SlaClock::stateName(frState));
        QCOMPARE(cstText(clock->firstResponse.dueUtcMs), frDue);
        QCOMPARE(SlaClock::stateName(clock->resolution.state), SlaClock::stateName(resState));
        QCOMPARE(clock->resolution.usedMs, qint64(resUsedMin) * 60000);
        QCOMPARE(cstText(clock->resolution.dueUtcMs), resDue);
        QCOMPARE(clock->pauses.size(), pauses);
    }

    void unknownTicket()
    {
        test::TempStore temp;
        QVERIFY2(temp.ok(), qPrintable(temp.error()));
        SlaService service(temp.store());
        const auto clock = service.clockFor(QStringLiteral("no-such-ticket"), cst(QStringLiteral("2026-11-23 09:00")));
        QVERIFY(!clock.ok());
        QCOMPARE(clock.error().code, QStringLiteral("not_found"));
    }

    void reloadSeesChangedPolicies()
    {
        test::TempStore temp;
        QVERIFY2(temp.ok(), qPrintable(temp.error()));
        test::Fixtures fixtures(temp.store());
        const QString customer = fixtures.addCustomer({QStringLiteral("李娜"), QStringLiteral("13912345678"),
                                                       QString(), QStringLiteral("A-2")});
        const QString ticket = fixtures.addTicket(customer, QStringLiteral("new"), cst(QStringLiteral("2026-11-23 09:00")),
                                                  QStringLiteral("t"));
        QVERIFY(!ticket.isEmpty());
        SlaService service(temp.store());
        const qint64 now = cst(QStringLiteral("2026-11-23 10:00"));
        QCOMPARE(service.clockFor(ticket, now)->resolution.targetMs, qint64(2160) * 60000);

        // A pulled change of the policy counts after reload(), not before.
        QVERIFY(exec(temp.store(),
                     QStringLiteral("UPDATE sla_policy SET resolution_minutes = 1440 "
                                    "WHERE kind = 'complaint' AND priority = 2 AND tier = '*'"),
                     {}));
        QCOMPARE(service.clockFor(ticket, now)->resolution.targetMs, qint64(2160) * 60000);
        QVERIFY(service.reload());
        QCOMPARE(service.clockFor(ticket, now)->resolution.targetMs, qint64(1440) * 60000);

        // Without any policy for the kind and priority the clock cannot be computed, and says why.
        QVERIFY(exec(temp.store(),
                     QStringLiteral("UPDATE sla_policy SET deleted_at = 1 WHERE kind = 'complaint' AND priority = 2"), {}));
        QVERIFY(service.reload());
        const auto missing = service.clockFor(ticket, now);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("no_policy"));
    }
};

QTEST_GUILESS_MAIN(TestSlaService)
#include "tst_slaservice.moc"
