#include "FailingStore.h"
#include "Fixtures.h"
#include "SlaTestCalendars.h"
#include "TempStore.h"
#include "tickets/SlaService.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace telcodesk;
using telcodesk::test::cst;

namespace {

bool exec(const LocalStorePtr& store, const QString& sql, const QVariantList& binds = {})
{
    QSqlQuery q(store->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    return q.exec();
}


// The whole of ticket_sla, one line per row, for before/after comparisons.
QStringList dump(const LocalStorePtr& store)
{
    QStringList out;
    QSqlQuery q(store->connection());
    q.exec(QStringLiteral("SELECT * FROM ticket_sla ORDER BY ticket_id"));
    while (q.next()) {
        QStringList fields;
        for (int i = 0; i < q.record().count(); ++i)
            fields.append(q.value(i).isNull() ? QStringLiteral("null") : q.value(i).toString());
        out.append(fields.join(QLatin1Char('|')));
    }
    return out;
}

struct SlaRowRead
{
    bool exists = false;
    QString state;
    QVariant dueAt;
    QVariant nearBreachAt;
    qint64 remainingMs = 0;
    bool paused = false;
    QString firstResponseState;
    QVariant firstResponseDue;
    QString resolutionState;
    QVariant resolutionDue;
    bool open = false;
    qint64 computedAt = 0;
};

SlaRowRead readRow(const LocalStorePtr& store, const QString& ticketId)
{
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("SELECT state, due_at, near_breach_at, remaining_ms, paused, first_response_state, "
                             "first_response_due, resolution_state, resolution_due, open, computed_at "
                             "FROM ticket_sla WHERE ticket_id = ?"));
    q.addBindValue(ticketId);
    SlaRowRead r;
    if (!q.exec() || !q.next())
        return r;
    r.exists = true;
    r.state = q.value(0).toString();
    r.dueAt = q.value(1);
    r.nearBreachAt = q.value(2);
    r.remainingMs = q.value(3).toLongLong();
    r.paused = q.value(4).toInt() != 0;
    r.firstResponseState = q.value(5).toString();
    r.firstResponseDue = q.value(6);
    r.resolutionState = q.value(7).toString();
    r.resolutionDue = q.value(8);
    r.open = q.value(9).toInt() != 0;
    r.computedAt = q.value(10).toLongLong();
    return r;
}

// One ticket of the table below: what is written, and what ticket_sla must say after recomputeAll.
struct Case
{
    const char* name;
    const char* kind;
    int priority;
    const char* status;
    const char* created;
    const char* events; // kind@time[@from>to] per ticket_event row, ';' between rows
    const char* closedAt;
    bool deleted;
    // expected
    bool hasRow;
    const char* state;
    bool open;
    bool paused;
};

// now = Monday 2026-11-23 12:00 CST.
const Case kCases[] = {
    {"running: reply given, resolution clock runs", "complaint", 2, "assigned", "2026-11-23 11:50",
     "reply@2026-11-23 11:51", nullptr, false, true, "running", true, false},
    {"first response running", "complaint", 3, "new", "2026-11-23 11:55", "", nullptr, false, true, "running", true,
     false},
    {"paused while waiting on the customer", "complaint", 3, "waiting_customer", "2026-11-23 09:00",
     "reply@2026-11-23 09:10;transition@2026-11-23 10:00@assigned>waiting_customer", nullptr, false, true, "paused",
     true, true},
    {"first response breached", "complaint", 2, "new", "2026-11-23 11:00", "", nullptr, false, true, "breached", true,
     false},
    {"near breach at 75% of a P1 fault", "fault", 1, "in_progress", "2026-11-23 09:00", "reply@2026-11-23 09:05",
     nullptr, false, true, "near_breach", true, false},
    {"resolved: the final verdict, not open", "fault", 3, "resolved", "2026-11-23 09:00",
     "reply@2026-11-23 09:05;transition@2026-11-23 10:00@in_progress>resolved", nullptr, false, true, "met", false,
     false},
    {"closed: no row", "complaint", 2, "closed", "2026-11-23 08:00",
     "reply@2026-11-23 08:01;transition@2026-11-23 09:00@callback>closed", "2026-11-23 09:00", false, false, "", false,
     false},
    {"no policy: no row", "suggestion", 4, "new", "2026-11-23 09:00", "", nullptr, false, false, "", false, false},
    {"deleted: no row", "complaint", 2, "new", "2026-11-23 09:00", "", nullptr, true, false, "", false, false},
};

} // namespace

class TestSlaRecompute : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TempStore> m_temp;
    QStringList m_ids; // per kCases entry
    const qint64 m_now = cst(QStringLiteral("2026-11-23 12:00"));

    bool build()
    {
        m_temp = std::make_unique<test::TempStore>();
        if (!m_temp->ok())
            return false;
        const LocalStorePtr store = m_temp->store();
        test::Fixtures fixtures(store);
        const QString customer = fixtures.addCustomer({QStringLiteral("张伟"), QStringLiteral("13812345678"),
                                                       QString(), QStringLiteral("A-1")});
        if (customer.isEmpty())
            return false;
        // No policy at all for P4 suggestions.
        if (!exec(store, QStringLiteral("UPDATE sla_policy SET deleted_at = 1 WHERE kind = 'suggestion' AND priority = 4")))
            return false;
        m_ids.clear();
        int n = 0;
        for (const Case& c : kCases) {
            const QString id = fixtures.addTicket(customer, QString::fromLatin1(c.status),
                                                  cst(QString::fromLatin1(c.created)), QString::fromUtf8(c.name));
            if (id.isEmpty())
                return false;
            if (!exec(store,
                      QStringLiteral("UPDATE ticket SET kind = ?, priority = ?, closed_at = ?, deleted_at = ? WHERE id = ?"),
                      {QString::fromLatin1(c.kind), c.priority,
                       c.closedAt ? QVariant(cst(QString::fromLatin1(c.closedAt))) : QVariant(),
                       c.deleted ? QVariant(m_now) : QVariant(), id}))
                return false;
            for (const QString& row : QString::fromLatin1(c.events).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                const QStringList f = row.split(QLatin1Char('@'));
                const QStringList move = f.value(2).split(QLatin1Char('>'));
                if (!exec(store,
                          QStringLiteral("INSERT INTO ticket_event(id, ticket_id, kind, at, from_status, to_status) "
                                         "VALUES(?,?,?,?,?,?)"),
                          {QStringLiteral("e%1").arg(++n), id, f.value(0), cst(f.value(1)),
                           f.size() > 2 ? QVariant(move.value(0)) : QVariant(),
                           f.size() > 2 ? QVariant(move.value(1)) : QVariant()}))
                    return false;
            }
            m_ids.append(id);
        }
        return true;
    }

    // A stale row, as a recompute before the ticket closed would have left it.
    bool addStaleRow(const QString& ticketId)
    {
        return exec(m_temp->store(),
                    QStringLiteral("INSERT INTO ticket_sla(ticket_id, state, due_at, remaining_ms, paused, "
                                   "first_response_state, resolution_state, open, computed_at, kind, priority, "
                                   "created_at, ticket_no) "
                                   "VALUES(?, 'running', 1, 1, 0, 'running', 'running', 1, 1, 'complaint', 2, 1, 'X')"),
                    {ticketId});
    }

private slots:
    void recomputeAllMatchesClockFor_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(kCases)); ++i)
            QTest::newRow(kCases[i].name) << i;
    }

    void recomputeAllMatchesClockFor()
    {
        QFETCH(int, index);
        const Case& c = kCases[index];
        QVERIFY(build());
        const LocalStorePtr store = m_temp->store();
        // Closed and deleted tickets lose the rows they had.
        QVERIFY(addStaleRow(m_ids.at(index)));
        SlaService service(store);
        const auto written = service.recomputeAll(m_now);
        QVERIFY2(written, qPrintable(written.errorMessage()));
        int expectedRows = 0;
        for (const Case& each : kCases)
            expectedRows += each.hasRow ? 1 : 0;
        QCOMPARE(*written, expectedRows);
        QCOMPARE(dump(store).size(), expectedRows);

        const SlaRowRead row = readRow(store, m_ids.at(index));
        QCOMPARE(row.exists, c.hasRow);
        if (!c.hasRow)
            return;
        QCOMPARE(row.state, QString::fromLatin1(c.state));
        QCOMPARE(row.open, c.open);
        QCOMPARE(row.paused, c.paused);
        QCOMPARE(row.computedAt, m_now);

        // The row says what clockFor() says, for the clock that matters now.
        const auto clock = service.clockFor(m_ids.at(index), m_now);
        QVERIFY2(clock, qPrintable(clock.errorMessage()));
        const SlaClockState& current = clock->firstResponse.stopped ? clock->resolution : clock->firstResponse;
        // A due that waits on the customer (paused with time left) is stored as none: clockFor()'s "if
        // resumed now" moves with now.
        const auto storedDue = [&clock](const SlaClockState& c) {
            return clock->paused && !c.stopped && c.remainingMs > 0 ? QVariant() : QVariant(c.dueUtcMs);
        };
        QCOMPARE(row.state, SlaClock::stateCode(current.state));
        QCOMPARE(row.dueAt.isNull(), storedDue(current).isNull());
        QCOMPARE(row.dueAt.toLongLong(), storedDue(current).toLongLong());
        QCOMPARE(row.remainingMs, current.remainingMs);
        QCOMPARE(row.firstResponseState, SlaClock::stateCode(clock->firstResponse.state));
        QCOMPARE(row.firstResponseDue.isNull(), storedDue(clock->firstResponse).isNull());
        QCOMPARE(row.firstResponseDue.toLongLong(), storedDue(clock->firstResponse).toLongLong());
        QCOMPARE(row.resolutionState, SlaClock::stateCode(clock->resolution.state));
        QCOMPARE(row.resolutionDue.isNull(), storedDue(clock->resolution).isNull());
        QCOMPARE(row.resolutionDue.toLongLong(), storedDue(clock->resolution).toLongLong());
        QCOMPARE(row.paused, clock->paused);
        if (c.paused) {
            QVERIFY(row.dueAt.isNull());
            QVERIFY(row.remainingMs > 0);
        }

        // near_breach_at: the instant the clock turns near breach if nothing changes; none once it is
        // there, breached or stopped.
        if (row.state == QLatin1String("running")) {
            QVERIFY(!row.nearBreachAt.isNull());
            const qint64 at = row.nearBreachAt.toLongLong();
            QVERIFY(at > m_now);
            QVERIFY(at <= row.dueAt.toLongLong());
            const auto before = service.clockFor(m_ids.at(index), at - 1);
            const auto after = service.clockFor(m_ids.at(index), at);
            const auto pick = [](const SlaClockResult& r) {
                return r.firstResponse.stopped ? r.resolution.state : r.firstResponse.state;
            };
            QCOMPARE(SlaClock::stateCode(pick(*before)), QStringLiteral("running"));
            QCOMPARE(SlaClock::stateCode(pick(*after)), QStringLiteral("near_breach"));
        } else {
            // Paused: none either, like due_at, until the clock runs again.
            QVERIFY(row.nearBreachAt.isNull());
        }
    }

    void copiesTheQueueColumns_data()
    {
        QTest::addColumn<bool>("all");
        QTest::newRow("recomputeAll") << true;
        QTest::newRow("recompute(ids)") << false;
    }

    // The queue counts and sorts on ticket_sla alone: its copies of the ticket's columns must be the ticket's.
    void copiesTheQueueColumns()
    {
        QFETCH(bool, all);
        QVERIFY(build());
        const LocalStorePtr store = m_temp->store();
        QVERIFY(exec(store, QStringLiteral("UPDATE ticket SET queue = 'network', assignee_id = 'agent-7' WHERE id = ?"),
                     {m_ids.at(0)}));
        QVERIFY(exec(store, QStringLiteral("UPDATE ticket SET queue = NULL, assignee_id = NULL WHERE id = ?"), {m_ids.at(1)}));
        SlaService service(store);
        QVERIFY(all ? bool(service.recomputeAll(m_now)) : bool(service.recompute(m_ids, m_now)));
        QSqlQuery q(store->connection());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT count(*), sum(s.kind IS t.kind AND s.priority IS t.priority AND s.queue IS t.queue AND "
            "s.assignee_id IS t.assignee_id AND s.created_at IS t.created_at AND s.ticket_no IS t.ticket_no) "
            "FROM ticket_sla s JOIN ticket t ON t.id = s.ticket_id")));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toInt() >= 6);
        QCOMPARE(q.value(1).toInt(), q.value(0).toInt());

        // An assignment changes no clock, yet the copy follows it.
        QVERIFY(exec(store, QStringLiteral("UPDATE ticket SET assignee_id = 'agent-9', priority = 1 WHERE id = ?"),
                     {m_ids.at(0)}));
        QVERIFY(all ? bool(service.recomputeAll(m_now)) : bool(service.recompute({m_ids.at(0)}, m_now)));
        QVERIFY(q.exec(QStringLiteral("SELECT assignee_id, priority FROM ticket_sla WHERE ticket_id = '") + m_ids.at(0) +
                       QStringLiteral("'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("agent-9"));
        QCOMPARE(q.value(1).toInt(), 1);
    }

    // recomputeAll writes only the rows whose values changed; an unchanged row keeps its computed_at.
    void recomputeAllWritesOnlyChangedRows()
    {
        QVERIFY(build());
        const LocalStorePtr store = m_temp->store();
        SlaService service(store);
        QVERIFY(service.recomputeAll(m_now));
        const QStringList first = dump(store);
        const auto changes = [&store]() {
            QSqlQuery q(store->connection());
            return q.exec(QStringLiteral("SELECT total_changes()")) && q.next() ? q.value(0).toLongLong() : -1;
        };
        qint64 before = changes();
        QVERIFY(service.recomputeAll(m_now));
        QCOMPARE(changes() - before, 0);
        QCOMPARE(dump(store), first);

        // One ticket reassigned: that row alone is rewritten.
        QVERIFY(exec(store, QStringLiteral("UPDATE ticket SET assignee_id = 'agent-3' WHERE id = ?"), {m_ids.at(2)}));
        before = changes();
        const qint64 later = m_now + 60000;
        // The running clocks' time left moves on; the paused ticket's row (no due, its time left as at the
        // pause), the breached and the stopped clocks' rows do not change at all.
        QVERIFY(service.recomputeAll(later));
        const QStringList second = dump(store);
        QCOMPARE(second.size(), first.size());
        QVERIFY(changes() - before >= 1);
        int kept = 0;
        for (const QString& line : second) {
            if (first.contains(line))
                ++kept;
            else
                QCOMPARE(line.section(QLatin1Char('|'), 11, 11), QString::number(later)); // computed_at
        }
        QVERIFY(kept >= 1); // the resolved ticket's verdict stands
        const SlaRowRead moved = readRow(store, m_ids.at(2));
        QCOMPARE(moved.computedAt, later);
        const int pausedCase = 2;
        QVERIFY(kCases[pausedCase].paused);
        const SlaRowRead paused = readRow(store, m_ids.at(pausedCase)); // the reassigned one
        QVERIFY(paused.paused);

        // An hour of working time later the paused ticket's row stands as it was written.
        const qint64 anHourLater = m_now + 3600000;
        QVERIFY(service.recomputeAll(anHourLater));
        const SlaRowRead stillPaused = readRow(store, m_ids.at(pausedCase));
        QCOMPARE(stillPaused.computedAt, later);
        QCOMPARE(stillPaused.remainingMs, paused.remainingMs);
        QVERIFY(stillPaused.dueAt.isNull());
        QVERIFY(stillPaused.nearBreachAt.isNull());
    }

    // The indexed pass and the general one (a schema without migration 10's input index) agree row for row.
    void indexedPathMatchesGeneralPath()
    {
        QVERIFY(build());
        const LocalStorePtr store = m_temp->store();
        QVERIFY(addStaleRow(m_ids.at(6)));
        SlaService service(store);
        const auto indexed = service.recomputeAll(m_now);
        QVERIFY(indexed);
        const QStringList fast = dump(store);
        QVERIFY(exec(store, QStringLiteral("DELETE FROM ticket_sla")));
        QVERIFY(addStaleRow(m_ids.at(6)));
        QVERIFY(exec(store, QStringLiteral("DROP INDEX ticket_sla_input")));
        const auto general = service.recomputeAll(m_now);
        QVERIFY(general);
        QCOMPARE(*general, *indexed);
        QCOMPARE(dump(store), fast);
    }

    // The indexed pass reads local copies of the events and tiers kept by triggers: after the store
    // changes under it (an event, a close, a reopen, a deletion, a tier) it still agrees with the
    // general path, which reads ticket_event and customer themselves; on one thread and on two.
    void copiesFollowTheStore_data()
    {
        QTest::addColumn<int>("threshold");
        QTest::newRow("one thread") << 1000000;
        QTest::newRow("two threads") << 0;
    }

    void copiesFollowTheStore()
    {
        QFETCH(int, threshold);
        QVERIFY(build());
        const LocalStorePtr store = m_temp->store();
        SlaService service(store);
        service.setParallelThreshold(threshold);
        QVERIFY(service.recomputeAll(m_now));
        QVERIFY(exec(store, QStringLiteral("INSERT INTO ticket_event(id, ticket_id, kind, at) VALUES('p1', ?, 'pause', ?)"),
                     {m_ids.at(1), m_now - 60000}));
        QVERIFY(exec(store, QStringLiteral("UPDATE ticket SET status = 'closed', closed_at = ? WHERE id = ?"),
                     {m_now - 1000, m_ids.at(0)}));
        QVERIFY(exec(store, QStringLiteral("UPDATE ticket SET status = 'assigned', closed_at = NULL WHERE id = ?"),
                     {m_ids.at(6)}));
        QVERIFY(exec(store, QStringLiteral("UPDATE ticket_event SET deleted_at = 1 WHERE ticket_id = ? AND kind = 'reply'"),
                     {m_ids.at(4)}));
        QVERIFY(exec(store, QStringLiteral("UPDATE customer SET tier = 'diamond'")));
        QVERIFY(exec(store, QStringLiteral("UPDATE sla_policy SET tier = 'diamond', first_response_minutes = 7 "
                                           "WHERE kind = 'complaint' AND priority = 3")));
        QVERIFY(service.reload());
        const qint64 later = m_now + 60000;
        const auto indexed = service.recomputeAll(later);
        QVERIFY(indexed);
        QVERIFY(service.recomputeAll(later)); // a second pass over what the first wrote changes nothing
        const QStringList fast = dump(store);
        QVERIFY(exec(store, QStringLiteral("DELETE FROM ticket_sla")));
        QVERIFY(exec(store, QStringLiteral("DROP INDEX ticket_sla_input")));
        const auto general = service.recomputeAll(later);
        QVERIFY(general);
        QCOMPARE(*indexed, *general);
        QCOMPARE(fast, dump(store));
        QVERIFY(!readRow(store, m_ids.at(0)).exists);
        QVERIFY(readRow(store, m_ids.at(6)).exists);
    }

    void recomputeIdsTouchesOnlyThose()
    {
        QVERIFY(build());
        const LocalStorePtr store = m_temp->store();
        SlaService service(store);
        QVERIFY(service.recomputeAll(m_now));
        const QStringList before = dump(store);

        // Ticket 3 (breached first response) gets a reply; ticket 0 closes; the deleted ticket 8 had a
        // stale row.
        QVERIFY(exec(store, QStringLiteral("INSERT INTO ticket_event(id, ticket_id, kind, at) VALUES('r1', ?, 'reply', ?)"),
                     {m_ids.at(3), m_now + 60000}));
        QVERIFY(exec(store, QStringLiteral("UPDATE ticket SET status = 'closed', closed_at = ? WHERE id = ?"),
                     {m_now + 60000, m_ids.at(0)}));
        QVERIFY(addStaleRow(m_ids.at(8)));
        const qint64 later = m_now + 120000;
        QVERIFY(service.recompute({m_ids.at(3), m_ids.at(0), m_ids.at(8)}, later));

        const SlaRowRead replied = readRow(store, m_ids.at(3));
        QVERIFY(replied.exists);
        QCOMPARE(replied.computedAt, later);
        QCOMPARE(replied.firstResponseState, QStringLiteral("met_late"));
        // A ticket closed since the full recompute keeps its final verdict until the next one.
        const SlaRowRead closed = readRow(store, m_ids.at(0));
        QVERIFY(closed.exists);
        QCOMPARE(closed.computedAt, later);
        QVERIFY(!closed.open);
        QCOMPARE(closed.resolutionState, QStringLiteral("met"));
        QVERIFY(!readRow(store, m_ids.at(8)).exists);

        // Every other row is as it was.
        const QStringList after = dump(store);
        QCOMPARE(after.size(), before.size());
        for (const QString& line : after) {
            const QString id = line.section(QLatin1Char('|'), 0, 0);
            if (id == m_ids.at(3) || id == m_ids.at(0))
                continue;
            QVERIFY2(before.contains(line), qPrintable(line));
        }

        // The next full recompute drops the closed ticket.
        QVERIFY(service.recomputeAll(later));
        QVERIFY(!readRow(store, m_ids.at(0)).exists);
    }

    void recomputeManyIds()
    {
        // More ids than one statement binds: read in chunks, every real ticket rewritten.
        QVERIFY(build());
        const LocalStorePtr store = m_temp->store();
        SlaService service(store);
        QVERIFY(service.recomputeAll(m_now));
        QStringList ids;
        for (int i = 0; i < 1200; ++i)
            ids.append(QStringLiteral("gone-%1").arg(i));
        ids.append(m_ids);
        const qint64 later = m_now + 60000;
        QVERIFY(service.recompute(ids, later));
        int rows = 0;
        for (int i = 0; i < int(std::size(kCases)); ++i) {
            const SlaRowRead row = readRow(store, m_ids.at(i));
            // Closed tickets get their final verdict from recompute(ids); no policy or deleted: none.
            QCOMPARE(row.exists, kCases[i].hasRow || i == 6);
            if (row.exists) {
                QCOMPARE(row.computedAt, later);
                ++rows;
            }
        }
        QCOMPARE(dump(store).size(), rows);
    }

    void recomputeEmptyListWritesNothing()
    {
        QVERIFY(build());
        SlaService service(m_temp->store());
        QVERIFY(service.recompute({}, m_now));
        QVERIFY(dump(m_temp->store()).isEmpty());
    }

    void failingWriteLeavesTableAsItWas_data()
    {
        QTest::addColumn<bool>("all");
        QTest::newRow("recomputeAll") << true;
        QTest::newRow("recompute(ids)") << false;
    }

    void failingWriteLeavesTableAsItWas()
    {
        QFETCH(bool, all);
        QVERIFY(build());
        const LocalStorePtr store = m_temp->store();
        SlaService service(store);
        QVERIFY(service.recomputeAll(m_now));
        QVERIFY(addStaleRow(m_ids.at(6)));
        const QStringList before = dump(store);
        QSqlDatabase db = store->connection();
        const qint64 later = m_now + 3600000;
        const auto run = [&]() -> bool {
            return all ? bool(service.recomputeAll(later)) : bool(service.recompute(m_ids, later));
        };

        int statements = 0;
        {
            test::FailingStore counter(db);
            QVERIFY(run());
            statements = counter.statements();
        }
        const QStringList clean = dump(store);
        QVERIFY(clean != before);
        QVERIFY(statements >= 5);

        for (int i = 1; i <= statements; ++i) {
            // Back to the state before, through the service itself (the table is local: rewrite it).
            QVERIFY(exec(store, QStringLiteral("DELETE FROM ticket_sla")));
            QSqlQuery restore(db);
            for (const QString& line : before) {
                const QStringList f = line.split(QLatin1Char('|'));
                restore.prepare(QStringLiteral("INSERT INTO ticket_sla VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
                for (const QString& v : f)
                    restore.addBindValue(v == QLatin1String("null") ? QVariant() : QVariant(v));
                QVERIFY(restore.exec());
            }
            QCOMPARE(dump(store), before);
            bool ok = true;
            QString failed;
            {
                test::FailingStore failing(db, i);
                ok = run();
                failed = failing.failedStatement();
                QVERIFY2(failing.fired(), qPrintable(QStringLiteral("statement %1 never ran").arg(i)));
            }
            QVERIFY2(!ok, qPrintable(QStringLiteral("statement %1 (%2) failed, yet the recompute succeeded").arg(i).arg(failed)));
            QVERIFY2(dump(store) == before,
                     qPrintable(QStringLiteral("statement %1 (%2) failed and changed ticket_sla").arg(i).arg(failed)));
        }
        // And it works again afterwards on the same connection (no transaction left open).
        QVERIFY(run());
        QCOMPARE(dump(store), clean);
    }
};

QTEST_GUILESS_MAIN(TestSlaRecompute)
#include "tst_slarecompute.moc"
