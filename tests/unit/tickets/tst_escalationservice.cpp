// EscalationService on a real local store: the default rules fire once and only once across repeated
// evaluate() calls and after a pull brought another desktop's ticket_escalation row; what each firing
// writes (rows, events, priority, outbox) in one transaction per ticket, so that any failing statement
// leaves a ticket either fully escalated or untouched; who sees pending escalations, who may acknowledge
// them, and the local "seen" mark.

#include "FailingStore.h"
#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "sync/PullApplier.h"
#include "tickets/EscalationService.h"
#include "tickets/SlaService.h"

#include <QJsonObject>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

const QString kRuleNotHandled = QStringLiteral("0f1e5ca1-0000-4000-8000-000000000001");
const QString kRuleBreached = QStringLiteral("0f1e5ca1-0000-4000-8000-000000000002");
const QString kRuleRepeat = QStringLiteral("0f1e5ca1-0000-4000-8000-000000000003");
constexpr qint64 kHourMs = 3600000;
constexpr qint64 kDayMs = 24 * kHourMs;

} // namespace

class TestEscalationService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void defaultRulesAndEngineers();
    void firesOnceAndOnlyOnce();
    void notBeforeTheThreshold();
    void pulledEscalationIsNeverFiredAgain();
    void evaluateSomeTickets();
    void failingStatementLeavesNothingHalfWritten();
    void pendingByRoleAndRegion();
    void acknowledgeOnlyBySupervisors();
    void seenMarksAndNotifications();
    void fullPassFiresWhatEachTicketFires();

private:
    void seed(const LocalStorePtr& store);
    QString addCustomer(const LocalStorePtr& store, const QString& region);
    QString addTicket(const LocalStorePtr& store, const QString& customerId, const QString& kind, int priority,
                      const QString& status, qint64 createdAt, const QString& no);
    int count(const LocalStorePtr& store, const QString& sql, const QVariantList& binds = {});
    Session as(Role role, const QString& region, const QString& agentId = QString());
    QStringList seedBoundaries(const LocalStorePtr& store);
    QStringList firedPairs(const LocalStorePtr& store);

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock{QDateTime(QDate(2026, 11, 18), QTime(2, 0), Qt::UTC)}; // Wednesday 10:00 in China
    QString m_complaint;   // 25 hours old, its customer complained 10 days before: two rules
    QString m_fault;       // P1 fault open 5 hours: resolution SLA (4 hours, 24x7) breached
    QString m_young;       // complaint 23 hours old
    QString m_supervisorId;
};

void TestEscalationService::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestEscalationService::init()
{
    m_clock.set(QDateTime(QDate(2026, 11, 18), QTime(2, 0), Qt::UTC));
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    seed(m_temp->store());
    QVERIFY(!m_complaint.isEmpty() && !m_fault.isEmpty() && !m_young.isEmpty());
}

void TestEscalationService::seed(const LocalStorePtr& store)
{
    const qint64 now = m_clock.nowMs();
    const QString guangzhou = addCustomer(store, QStringLiteral("440106"));
    const QString shanghai = addCustomer(store, QStringLiteral("310115"));
    addTicket(store, guangzhou, QStringLiteral("complaint"), 3, QStringLiteral("closed"), now - 10 * kDayMs, QStringLiteral("T-0"));
    m_complaint = addTicket(store, guangzhou, QStringLiteral("complaint"), 3, QStringLiteral("assigned"), now - 25 * kHourMs,
                            QStringLiteral("T-1"));
    m_fault = addTicket(store, shanghai, QStringLiteral("fault"), 1, QStringLiteral("assigned"), now - 5 * kHourMs,
                        QStringLiteral("T-2"));
    m_young = addTicket(store, shanghai, QStringLiteral("complaint"), 3, QStringLiteral("new"), now - 23 * kHourMs,
                        QStringLiteral("T-3"));
    m_supervisorId = Fixtures(store).addAgent(QStringLiteral("sue"), QStringLiteral("supervisor"));
}

QString TestEscalationService::addCustomer(const LocalStorePtr& store, const QString& region)
{
    const QString id = UuidV7::create();
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("INSERT INTO customer (id, account_no, name, name_norm, type, region_code, tier) "
                             "VALUES (?, ?, '张三', '张三', 'individual', ?, 'standard')"));
    q.addBindValue(id);
    q.addBindValue(id.left(8));
    q.addBindValue(region);
    return q.exec() ? id : QString();
}

QString TestEscalationService::addTicket(const LocalStorePtr& store, const QString& customerId, const QString& kind,
                                         int priority, const QString& status, qint64 createdAt, const QString& no)
{
    const QString id = UuidV7::create();
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("INSERT INTO ticket (id, ticket_no, customer_id, kind, priority, status, queue, channel, "
                             "title, created_at) VALUES (?, ?, ?, ?, ?, ?, 'complaint', 'hotline', 'No signal', ?)"));
    q.addBindValue(id);
    q.addBindValue(no);
    q.addBindValue(customerId);
    q.addBindValue(kind);
    q.addBindValue(priority);
    q.addBindValue(status);
    q.addBindValue(createdAt);
    if (!q.exec()) {
        qWarning("addTicket: %s", qPrintable(q.lastError().text()));
        return QString();
    }
    return id;
}

int TestEscalationService::count(const LocalStorePtr& store, const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(store->connection());
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

Session TestEscalationService::as(Role role, const QString& region, const QString& agentId)
{
    Session s;
    s.role = role;
    s.regionCode = region;
    s.agentId = agentId.isEmpty() ? UuidV7::create() : agentId;
    s.login = QStringLiteral("someone");
    s.displayName = QStringLiteral("Sue");
    return s;
}

void TestEscalationService::defaultRulesAndEngineers()
{
    const auto rules = EscalationRule::loadActive(m_temp->store()->connection());
    QVERIFY2(rules, qPrintable(rules.errorMessage()));
    QCOMPARE(rules.value().size(), 3);
    QCOMPARE(rules.value().at(0).id, kRuleNotHandled);
    QCOMPARE(rules.value().at(0).trigger, EscalationTrigger::NotHandledWithin);
    QCOMPARE(rules.value().at(0).thresholdMinutes, 1440);
    QCOMPARE(rules.value().at(0).clock, EscalationClock::Wall);
    QCOMPARE(rules.value().at(0).notifyRole, QStringLiteral("supervisor"));
    QCOMPARE(rules.value().at(1).id, kRuleBreached);
    QCOMPARE(rules.value().at(1).kind, QStringLiteral("*"));
    QCOMPARE(rules.value().at(2).id, kRuleRepeat);
    QCOMPARE(rules.value().at(2).repeatCount, 2);
    QCOMPARE(rules.value().at(2).windowDays, 30);
    QCOMPARE(rules.value().at(2).action, EscalationAction::RaisePriority);
    QCOMPARE(count(m_temp->store(), QStringLiteral("SELECT count(*) FROM field_engineer")), 10);
}

void TestEscalationService::firesOnceAndOnlyOnce()
{
    const LocalStorePtr store = m_temp->store();
    EscalationService service(store, m_clock);
    service.setFiringAgent(m_supervisorId);
    const auto first = service.evaluate(m_clock.nowMs());
    QVERIFY2(first, qPrintable(first.errorMessage()));
    QVERIFY2(first.value().failures.isEmpty(), qPrintable(first.value().failures.join(QLatin1Char('\n'))));
    QCOMPARE(first.value().ticketsChecked, 3);
    QCOMPARE(first.value().escalationsWritten, 3);
    QCOMPARE(QSet<QString>(first.value().ticketsEscalated.cbegin(), first.value().ticketsEscalated.cend()),
             (QSet<QString>{m_complaint, m_fault}));

    // The complaint: escalated (24 hours) and raised (second complaint in 30 days); the fault: breached.
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ?"), {m_complaint}), 2);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ? AND rule_id = ?"),
                   {m_fault, kRuleBreached}), 1);
    QCOMPARE(count(store, QStringLiteral("SELECT priority FROM ticket WHERE id = ?"), {m_complaint}), 2);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE id = ? AND from_priority = 3 "
                                         "AND to_priority = 2 AND action = 'raise_priority'"),
                   {EscalationService::escalationId(m_complaint, kRuleRepeat)}), 1);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE id = ? AND notified_role = 'supervisor' "
                                         "AND agent_id = ?"),
                   {EscalationService::escalationId(m_complaint, kRuleNotHandled), m_supervisorId}), 1);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND kind = 'comment' "
                                         "AND body LIKE 'Escalated to the supervisor%'"), {m_complaint}), 1);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND kind = 'comment' "
                                         "AND body LIKE 'Priority raised from P3 to P2%'"), {m_complaint}), 1);
    // Rows and outbox together: 3 escalations, 3 events, 1 ticket update.
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM outbox")), 7);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket_escalation'")), 3);

    // Again at once: nothing. A day later the young complaint has waited 24 hours and the complaint, now P2
    // (36 hours, 24x7), has breached its resolution SLA: new rules, each once. 40 days later the young
    // complaint has breached too. Never a rule twice, and the complaint is never raised again.
    const qint64 now = m_clock.nowMs();
    const QVector<QPair<qint64, int>> rounds{{0, 0}, {kDayMs, 2}, {kDayMs, 0}, {40 * kDayMs, 1}, {41 * kDayMs, 0}};
    for (const auto& round : rounds) {
        const auto again = service.evaluate(now + round.first);
        QVERIFY(again);
        QCOMPARE(again.value().escalationsWritten, round.second);
    }
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ? AND rule_id = ?"),
                   {m_complaint, kRuleBreached}), 1);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation")), 6);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM ticket_escalation "
                                         "GROUP BY ticket_id, rule_id HAVING count(*) > 1)")), 0);
    QCOMPARE(count(store, QStringLiteral("SELECT priority FROM ticket WHERE id = ?"), {m_complaint}), 2);
}

void TestEscalationService::notBeforeTheThreshold()
{
    EscalationService service(m_temp->store(), m_clock);
    const qint64 dueAt = m_clock.nowMs() + kHourMs; // the young complaint is 24 hours old then
    QVERIFY(service.evaluate({m_young}, dueAt - 1));
    QCOMPARE(count(m_temp->store(), QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ?"), {m_young}), 0);
    QVERIFY(service.evaluate({m_young}, dueAt));
    QCOMPARE(count(m_temp->store(), QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ? AND rule_id = ?"),
                   {m_young, kRuleNotHandled}), 1);
}

void TestEscalationService::pulledEscalationIsNeverFiredAgain()
{
    const LocalStorePtr store = m_temp->store();
    // Another desktop fired "not handled within 24 hours" for the complaint (under an id of its own) and
    // the row came down with a pull.
    PulledRow row;
    row.table = QStringLiteral("ticket_escalation");
    row.id = UuidV7::create();
    row.rowVersion = 41;
    row.row = QJsonObject{{QStringLiteral("id"), row.id},
                          {QStringLiteral("ticket_id"), m_complaint},
                          {QStringLiteral("rule_id"), kRuleNotHandled},
                          {QStringLiteral("fired_at"), double(m_clock.nowMs() - kHourMs)},
                          {QStringLiteral("action"), QStringLiteral("escalate_supervisor")},
                          {QStringLiteral("from_priority"), 3},
                          {QStringLiteral("to_priority"), 3},
                          {QStringLiteral("notified_role"), QStringLiteral("supervisor")},
                          {QStringLiteral("detail"), QStringLiteral("from elsewhere")},
                          {QStringLiteral("agent_id"), QJsonValue()},
                          {QStringLiteral("row_version"), 41},
                          {QStringLiteral("updated_at"), double(m_clock.nowMs())},
                          {QStringLiteral("deleted_at"), QJsonValue()}};
    PullPage page;
    page.rows << row;
    page.cursor = QStringLiteral("1.1.1..");
    PullApplier applier(store->connection());
    const auto applied = applier.apply(page);
    QVERIFY2(applied, qPrintable(applied.errorMessage()));
    QCOMPARE(applied.value().written, 1);

    EscalationService service(store, m_clock);
    const auto report = service.evaluate({m_complaint}, m_clock.nowMs());
    QVERIFY(report);
    QCOMPARE(report.value().escalationsWritten, 1); // the repeat complaint only
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ? AND rule_id = ?"),
                   {m_complaint, kRuleNotHandled}), 1);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND body LIKE 'Escalated%'"),
                   {m_complaint}), 0);
    // The supervisor sees it once, as the pulled row.
    const auto pending = service.pendingFor(as(Role::Supervisor, QStringLiteral("440100")));
    QVERIFY(pending);
    QCOMPARE(pending.value().size(), 1);
    QCOMPARE(pending.value().first().id, row.id);
}

void TestEscalationService::evaluateSomeTickets()
{
    EscalationService service(m_temp->store(), m_clock);
    const auto report = service.evaluate({m_fault, m_fault}, m_clock.nowMs());
    QVERIFY(report);
    QCOMPARE(report.value().ticketsChecked, 1);
    QCOMPARE(report.value().ticketsEscalated, QStringList{m_fault});
    QCOMPARE(count(m_temp->store(), QStringLiteral("SELECT count(*) FROM ticket_escalation")), 1);
    const auto none = service.evaluate(QStringList{}, m_clock.nowMs());
    QVERIFY(none);
    QCOMPARE(none.value().ticketsChecked, 0);
}

void TestEscalationService::failingStatementLeavesNothingHalfWritten()
{
    // How many statements a full evaluation runs.
    int statements = 0;
    {
        TempStore temp;
        QVERIFY(temp.ok());
        seed(temp.store());
        FailingStore counter(temp.store()->connection());
        QVERIFY(EscalationService(temp.store(), m_clock).evaluate(m_clock.nowMs()));
        statements = counter.statements();
    }
    QVERIFY(statements > 10);

    for (int i = 1; i <= statements; ++i) {
        TempStore temp;
        QVERIFY(temp.ok());
        seed(temp.store());
        const LocalStorePtr store = temp.store();
        bool reported = false;
        bool fired = false;
        {
            FailingStore failing(store->connection(), i);
            const auto report = EscalationService(store, m_clock).evaluate(m_clock.nowMs());
            reported = !report || !report.value().failures.isEmpty();
            fired = failing.fired();
        }
        QVERIFY2(fired, qPrintable(QStringLiteral("statement %1 never ran").arg(i)));
        // A failed read that the SLA code tolerates may go unreported; then everything must have been written.
        QVERIFY2(reported || count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation")) == 3,
                 qPrintable(QStringLiteral("statement %1 failed silently and fired less").arg(i)));
        // Each ticket is all or nothing: its escalations, their events, its priority and their outbox rows.
        const int complaintRows = count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ?"), {m_complaint});
        const int complaintEvents = count(store, QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = ?"), {m_complaint});
        const int complaintPriority = count(store, QStringLiteral("SELECT priority FROM ticket WHERE id = ?"), {m_complaint});
        const int faultRows = count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation WHERE ticket_id = ?"), {m_fault});
        const int faultEvents = count(store, QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = ?"), {m_fault});
        const int outbox = count(store, QStringLiteral("SELECT count(*) FROM outbox"));
        const QString where = QStringLiteral("statement %1: %2/%3/%4 %5/%6 outbox %7")
                                  .arg(i).arg(complaintRows).arg(complaintEvents).arg(complaintPriority)
                                  .arg(faultRows).arg(faultEvents).arg(outbox);
        QVERIFY2((complaintRows == 2 && complaintEvents == 2 && complaintPriority == 2)
                     || (complaintRows == 0 && complaintEvents == 0 && complaintPriority == 3),
                 qPrintable(where));
        QVERIFY2((faultRows == 1 && faultEvents == 1) || (faultRows == 0 && faultEvents == 0), qPrintable(where));
        QVERIFY2(outbox == complaintRows + complaintEvents + (complaintPriority == 2 ? 1 : 0) + faultRows + faultEvents,
                 qPrintable(where));
        // What failed fires on the next evaluation, once.
        const auto retry = EscalationService(store, m_clock).evaluate(m_clock.nowMs());
        QVERIFY(retry && retry.value().failures.isEmpty());
        QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation")), 3);
    }
}

void TestEscalationService::pendingByRoleAndRegion()
{
    EscalationService service(m_temp->store(), m_clock);
    QVERIFY(service.evaluate(m_clock.nowMs()));
    auto ids = [&](const Session& s) {
        QStringList out;
        const auto pending = service.pendingFor(s);
        if (pending) {
            for (const Escalation& e : pending.value())
                out << e.ticketId;
        }
        out.sort();
        return out;
    };
    QStringList both{m_complaint, m_fault};
    both.sort();
    // Only escalate_supervisor rows notify: the raise of the complaint's priority is not pending.
    QCOMPARE(ids(as(Role::Supervisor, QStringLiteral("440100"))), QStringList{m_complaint}); // Guangzhou city
    QCOMPARE(ids(as(Role::Supervisor, QStringLiteral("440000"))), QStringList{m_complaint}); // Guangdong
    QCOMPARE(ids(as(Role::Supervisor, QStringLiteral("310000"))), QStringList{m_fault});     // Shanghai
    QCOMPARE(ids(as(Role::Supervisor, QStringLiteral("320100"))), QStringList{});            // Nanjing
    QCOMPARE(ids(as(Role::Supervisor, QString())), both);
    QCOMPARE(ids(as(Role::Admin, QStringLiteral("320100"))), both);
    QCOMPARE(ids(as(Role::Agent, QStringLiteral("440100"))), QStringList{});
    const auto pending = service.pendingFor(as(Role::Admin, QString()));
    QVERIFY(pending);
    for (const Escalation& e : pending.value()) {
        QCOMPARE(e.action, EscalationAction::EscalateSupervisor);
        QVERIFY(!e.ruleName.isEmpty());
        QVERIFY(!e.detail.isEmpty());
        QVERIFY(!e.ticketNo.isEmpty());
    }
}

void TestEscalationService::acknowledgeOnlyBySupervisors()
{
    const LocalStorePtr store = m_temp->store();
    EscalationService service(store, m_clock);
    QVERIFY(service.evaluate(m_clock.nowMs()));
    const QString escalation = EscalationService::escalationId(m_complaint, kRuleNotHandled);
    const int outbox = count(store, QStringLiteral("SELECT count(*) FROM outbox"));

    for (Role role : {Role::Agent, Role::Clerk}) {
        const Status refused = service.acknowledge(escalation, QString(), as(role, QStringLiteral("440100")));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("forbidden"));
    }
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM outbox")), outbox);

    const Session sue = as(Role::Supervisor, QStringLiteral("440100"), m_supervisorId);
    const Status ok = service.acknowledge(escalation, QStringLiteral("Called the customer"), sue);
    QVERIFY2(ok, qPrintable(ok.errorMessage()));
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_escalation_ack WHERE id = ? AND escalation_id = ? "
                                         "AND agent_id = ? AND note = 'Called the customer'"),
                   {EscalationService::derivedId(escalation, QStringLiteral("ack")), escalation, m_supervisorId}), 1);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND body LIKE '%acknowledged by Sue%'"),
                   {m_complaint}), 1);
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM outbox")), outbox + 2);
    const auto pending = service.pendingFor(sue);
    QVERIFY(pending);
    QVERIFY(pending.value().isEmpty());

    const Status twice = service.acknowledge(escalation, QString(), as(Role::Admin, QString()));
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, QStringLiteral("invalid"));
    const Status missing = service.acknowledge(UuidV7::create(), QString(), sue);
    QCOMPARE(missing.error().code, QStringLiteral("not_found"));
    QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM outbox")), outbox + 2);
}

void TestEscalationService::seenMarksAndNotifications()
{
    EscalationService service(m_temp->store(), m_clock);
    const qint64 firedAt = m_clock.nowMs();
    QVERIFY(service.evaluate(firedAt));
    const Session sue = as(Role::Supervisor, QString(), m_supervisorId);
    const Session ann = as(Role::Supervisor, QString());
    QCOMPARE(service.unseenCount(sue).value(), 2);

    const auto list = service.notifications(sue, firedAt);
    QVERIFY(list);
    QCOMPARE(list.value().size(), 2);
    QVERIFY(!list.value().first().seen);
    QVERIFY(service.notifications(sue, firedAt + 1).value().isEmpty());

    QVERIFY(service.markSeen(sue, {list.value().first().id}));
    QVERIFY(service.markSeen(sue, {list.value().first().id})); // again: no error, no double
    QCOMPARE(service.unseenCount(sue).value(), 1);
    QCOMPARE(service.unseenCount(ann).value(), 2); // seen is per agent
    const auto after = service.notifications(sue, 0);
    QVERIFY(after);
    QCOMPARE(after.value().size(), 2);
    int seen = 0;
    for (const Escalation& e : after.value())
        seen += e.seen ? 1 : 0;
    QCOMPARE(seen, 1);
    // Local only: nothing to push.
    QCOMPARE(count(m_temp->store(), QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'escalation_seen'")), 0);
}

// Tickets at the edges of the rules' conditions, which a full pass narrows down in SQL before evaluating:
// every ticket's id, in the order written.
QStringList TestEscalationService::seedBoundaries(const LocalStorePtr& store)
{
    const qint64 now = m_clock.nowMs();
    QStringList ids;
    auto customer = [&] { return addCustomer(store, QStringLiteral("440106")); };
    ids << addTicket(store, customer(), QStringLiteral("complaint"), 3, QStringLiteral("assigned"), now - kDayMs,
                     QStringLiteral("B-24h"));
    ids << addTicket(store, customer(), QStringLiteral("complaint"), 3, QStringLiteral("assigned"), now - kDayMs + 1,
                     QStringLiteral("B-24h-1ms"));
    ids << addTicket(store, customer(), QStringLiteral("complaint"), 3, QStringLiteral("waiting_customer"),
                     now - 25 * kHourMs, QStringLiteral("B-waiting"));
    ids << addTicket(store, customer(), QStringLiteral("complaint"), 3, QStringLiteral("resolved"), now - 25 * kHourMs,
                     QStringLiteral("B-resolved"));
    ids << addTicket(store, customer(), QStringLiteral("inquiry"), 3, QStringLiteral("assigned"), now - 25 * kHourMs,
                     QStringLiteral("B-inquiry"));
    ids << addTicket(store, customer(), QStringLiteral("fault"), 2, QStringLiteral("in_progress"), now - 30 * kHourMs,
                     QStringLiteral("B-fault-late"));
    // Repeat complaints: an earlier one exactly 30 days before counts, 30 days and 1 ms does not, a deleted
    // one never; a P1 complaint is not raised.
    const QString exact = customer();
    ids << addTicket(store, exact, QStringLiteral("complaint"), 3, QStringLiteral("closed"), now - kHourMs - 30 * kDayMs,
                     QStringLiteral("B-30d-first"));
    ids << addTicket(store, exact, QStringLiteral("complaint"), 3, QStringLiteral("new"), now - kHourMs,
                     QStringLiteral("B-30d"));
    const QString late = customer();
    ids << addTicket(store, late, QStringLiteral("complaint"), 3, QStringLiteral("closed"), now - kHourMs - 30 * kDayMs - 1,
                     QStringLiteral("B-30d1ms-first"));
    ids << addTicket(store, late, QStringLiteral("complaint"), 3, QStringLiteral("new"), now - kHourMs,
                     QStringLiteral("B-30d1ms"));
    const QString gone = customer();
    const QString deleted = addTicket(store, gone, QStringLiteral("complaint"), 3, QStringLiteral("closed"),
                                      now - 5 * kDayMs, QStringLiteral("B-deleted-first"));
    ids << deleted;
    ids << addTicket(store, gone, QStringLiteral("complaint"), 3, QStringLiteral("new"), now - kHourMs,
                     QStringLiteral("B-deleted"));
    const QString top = customer();
    ids << addTicket(store, top, QStringLiteral("complaint"), 1, QStringLiteral("closed"), now - 5 * kDayMs,
                     QStringLiteral("B-p1-first"));
    ids << addTicket(store, top, QStringLiteral("complaint"), 1, QStringLiteral("new"), now - kHourMs,
                     QStringLiteral("B-p1"));
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("UPDATE ticket SET deleted_at = ? WHERE id = ?"));
    q.addBindValue(now);
    q.addBindValue(deleted);
    if (!q.exec())
        qWarning("seedBoundaries: %s", qPrintable(q.lastError().text()));
    return ids;
}

QStringList TestEscalationService::firedPairs(const LocalStorePtr& store)
{
    QSqlQuery q(store->connection());
    QStringList pairs;
    if (!q.exec(QStringLiteral("SELECT t.ticket_no, e.rule_id, e.to_priority FROM ticket_escalation e "
                               "JOIN ticket t ON t.id = e.ticket_id ORDER BY 1, 2")))
        return {q.lastError().text()};
    while (q.next())
        pairs << q.value(0).toString() + QLatin1Char('/') + q.value(1).toString() + QLatin1String("/P")
                + q.value(2).toString();
    return pairs;
}

void TestEscalationService::fullPassFiresWhatEachTicketFires()
{
    // With and without ticket_sla rows (the SLA rule falls back to the clock without one), and again
    // a day later when more has come due: a full pass writes exactly what evaluating every ticket does.
    for (const bool withSlaRows : {false, true}) {
        TempStore whole;
        TempStore each;
        QVERIFY(whole.ok() && each.ok());
        seed(whole.store());
        seedBoundaries(whole.store());
        seed(each.store());
        const QStringList ids = QStringList{m_complaint, m_fault, m_young} + seedBoundaries(each.store());
        for (const qint64 later : {qint64(0), kDayMs}) {
            const qint64 now = m_clock.nowMs() + later;
            if (withSlaRows) {
                QVERIFY(SlaService(whole.store()).recomputeAll(now));
                QVERIFY(SlaService(each.store()).recomputeAll(now));
            }
            const auto full = EscalationService(whole.store(), m_clock).evaluate(now);
            QVERIFY2(full, qPrintable(full.errorMessage()));
            QVERIFY(full.value().failures.isEmpty());
            const auto one = EscalationService(each.store(), m_clock).evaluate(ids, now);
            QVERIFY2(one, qPrintable(one.errorMessage()));
            QCOMPARE(full.value().escalationsWritten, one.value().escalationsWritten);
            QCOMPARE(firedPairs(whole.store()), firedPairs(each.store()));
        }
        const QStringList pairs = firedPairs(whole.store());
        const QString notHandled = QLatin1Char('/') + kRuleNotHandled;
        const QString repeat = QLatin1Char('/') + kRuleRepeat;
        QVERIFY2(pairs.contains(QStringLiteral("B-24h") + notHandled + QStringLiteral("/P3")), qPrintable(pairs.join(QLatin1Char(' '))));
        QVERIFY(pairs.contains(QStringLiteral("B-waiting") + notHandled + QStringLiteral("/P3")));
        QVERIFY(pairs.contains(QStringLiteral("B-30d") + repeat + QStringLiteral("/P2")));
        QVERIFY(!pairs.contains(QStringLiteral("B-30d1ms") + repeat + QStringLiteral("/P2")));
        for (const QString& pair : pairs) {
            QVERIFY2(!pair.startsWith(QLatin1String("B-resolved/"))
                         && !pair.startsWith(QString(QLatin1String("B-deleted") + repeat))
                         && !pair.startsWith(QString(QLatin1String("B-p1") + repeat))
                         && !pair.startsWith(QString(QLatin1String("B-inquiry") + notHandled)),
                     qPrintable(pair));
        }
    }
}

QTEST_GUILESS_MAIN(TestEscalationService)
#include "tst_escalationservice.moc"
