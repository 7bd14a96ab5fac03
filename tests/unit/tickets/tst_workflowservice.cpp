// WorkflowService: every default step taken, refusals that say what is allowed, role limits, required
// inputs, the reopen window, the ticket's times and the events written, and nothing written when
// refused.

#include "DefaultWorkflow.h"
#include "FakeClock.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "tickets/WorkflowService.h"

#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

Session sessionAs(Role role)
{
    Session s;
    s.agentId = QStringLiteral("0190aaaa-0000-7000-8000-000000000001");
    s.login = QStringLiteral("wang");
    s.role = role;
    return s;
}

} // namespace

class TestWorkflowService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void everyDefaultStepIsTaken_data();
    void everyDefaultStepIsTaken();
    void refusedSteps_data();
    void refusedSteps();
    void roleLimits();
    void requiredInputs_data();
    void requiredInputs();
    void reopenInsideAndOutsideTheWindow();
    void waitingPausesAndResumes();
    void timesFollowTheCategory();
    void unknownTicket();

private:
    QString addTicket(const QString& kind, const QString& status, qint64 closedAt = -1);
    QVariant ticketField(const QString& id, const QString& column);
    QStringList events(const QString& ticketId);
    int count(const QString& sql);

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock;
    std::unique_ptr<WorkflowService> m_service;
};

void TestWorkflowService::initTestCase()
{
    // Messages are compared in English; labels come from the catalog's English column.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestWorkflowService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    m_clock.set(QDateTime(QDate(2026, 11, 2), QTime(9, 30), Qt::UTC));
    m_service = std::make_unique<WorkflowService>(m_temp->store(), m_clock);
}

QString TestWorkflowService::addTicket(const QString& kind, const QString& status, qint64 closedAt)
{
    const QString id = UuidV7::create();
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO ticket (id, ticket_no, customer_id, kind, priority, status, channel, title, "
                             "created_at, resolved_at, closed_at) VALUES (?, 'TK-1', ?, ?, 3, ?, 'hotline', 'Signal', ?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(UuidV7::create());
    q.addBindValue(kind);
    q.addBindValue(status);
    q.addBindValue(m_clock.nowMs() - 20 * kDayMs);
    q.addBindValue(closedAt >= 0 ? QVariant(closedAt - 60000) : QVariant());
    q.addBindValue(closedAt >= 0 ? QVariant(closedAt) : QVariant());
    if (!q.exec()) {
        qWarning("addTicket: %s", qPrintable(q.lastError().text()));
        return QString();
    }
    return id;
}

QVariant TestWorkflowService::ticketField(const QString& id, const QString& column)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT %1 FROM ticket WHERE id = ?").arg(column));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return QStringLiteral("<missing>");
    return q.value(0);
}

QStringList TestWorkflowService::events(const QString& ticketId)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT kind || ' ' || from_status || '>' || to_status || ' ' || coalesce(agent_id, '-') "
                             "|| ' ' || coalesce(body, '') || ' @' || at FROM ticket_event WHERE ticket_id = ? "
                             "ORDER BY rowid"));
    q.addBindValue(ticketId);
    QStringList out;
    if (q.exec())
        while (q.next())
            out << q.value(0).toString().trimmed();
    return out;
}

int TestWorkflowService::count(const QString& sql)
{
    QSqlQuery q(m_temp->store()->connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

void TestWorkflowService::everyDefaultStepIsTaken_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("minRole");
    QTest::addColumn<int>("reopenDays");
    for (const DefaultStep& s : kDefaultSteps)
        QTest::addRow("%s %s>%s", s.kind, s.from, s.to)
            << QString::fromLatin1(s.kind) << QString::fromLatin1(s.from) << QString::fromLatin1(s.to)
            << QString::fromLatin1(s.minRole) << s.reopenWithinDays;
}

void TestWorkflowService::everyDefaultStepIsTaken()
{
    QFETCH(QString, kind);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, minRole);
    QFETCH(int, reopenDays);
    Role role = Role::Agent;
    QVERIFY(roleFromCode(minRole, &role));
    const qint64 closedAt = from == QLatin1String("closed") ? m_clock.nowMs() - kDayMs : -1;
    const QString id = addTicket(kind, from, closedAt);
    QVERIFY(!id.isEmpty());

    const auto allowed = m_service->allowed(id, sessionAs(role));
    QVERIFY2(allowed, qPrintable(allowed.errorMessage()));
    QVERIFY(std::any_of(allowed->cbegin(), allowed->cend(), [&](const WorkflowTransition& t) { return t.toStatus == to; }));

    const int outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
    TransitionInput input;
    input.resolution = QStringLiteral("Replaced the fibre patch cord.");
    input.csat = 5;
    input.reason = QStringLiteral("Customer called again.");
    const Status done = m_service->transition(id, to, input, sessionAs(role));
    QVERIFY2(done, qPrintable(done.errorMessage()));
    QCOMPARE(ticketField(id, QStringLiteral("status")).toString(), to);
    const QStringList written = events(id);
    QVERIFY(!written.isEmpty());
    QVERIFY2(written.first().startsWith(QStringLiteral("transition %1>%2 0190aaaa-").arg(from, to)),
             qPrintable(written.first()));
    // The ticket update and each event went to the outbox together.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox + 1 + int(written.size()));
    if (reopenDays > 0)
        QVERIFY(ticketField(id, QStringLiteral("closed_at")).isNull());
}

void TestWorkflowService::refusedSteps_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("message");
    QTest::newRow("complaint skips dispatch") << "complaint" << "assigned" << "closed"
                                              << "A complaint that is 'assigned' can go to: dispatched, waiting for the customer.";
    QTest::newRow("complaint skips callback") << "complaint" << "handled" << "closed"
                                              << "A complaint that is 'handled' can go to: awaiting callback, waiting for "
                                                 "the customer.";
    QTest::newRow("complaint has no in_progress") << "complaint" << "dispatched" << "in_progress"
                                                  << "A complaint that is 'dispatched' can go to: handled, waiting for the "
                                                     "customer.";
    QTest::newRow("complaint back to new") << "complaint" << "assigned" << "new"
                                           << "A complaint that is 'assigned' can go to: dispatched, waiting for the customer.";
    QTest::newRow("fault skips assignment") << "fault" << "new" << "in_progress"
                                            << "A fault report that is 'new' can go to: assigned.";
    QTest::newRow("fault resolved before work") << "fault" << "dispatched" << "resolved"
                                                << "A fault report that is 'dispatched' can go to: in progress, waiting for "
                                                   "the customer.";
    QTest::newRow("fault stays closed") << "fault" << "closed" << "in_progress"
                                        << "A fault report that is 'closed' cannot change status now.";
    QTest::newRow("inquiry waits before assignment") << "inquiry" << "new" << "waiting_customer"
                                                     << "An inquiry that is 'new' can go to: assigned, resolved.";
    QTest::newRow("inquiry closed unanswered") << "inquiry" << "in_progress" << "closed"
                                               << "An inquiry that is 'in progress' can go to: resolved, waiting for the "
                                                  "customer.";
    QTest::newRow("suggestion never waits") << "suggestion" << "assigned" << "waiting_customer"
                                            << "A suggestion that is 'assigned' can go to: in progress.";
    QTest::newRow("same status") << "suggestion" << "resolved" << "resolved"
                                 << "A suggestion that is 'resolved' can go to: closed.";
    QTest::newRow("unknown status") << "fault" << "assigned" << "done"
                                    << "A fault report that is 'assigned' can go to: dispatched, in progress, waiting for "
                                       "the customer.";
}

void TestWorkflowService::refusedSteps()
{
    QFETCH(QString, kind);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, message);
    const QString id = addTicket(kind, from, from == QLatin1String("closed") ? m_clock.nowMs() - kDayMs : -1);
    QVERIFY(!id.isEmpty());
    const int outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
    TransitionInput input;
    input.resolution = QStringLiteral("x");
    input.csat = 3;
    input.reason = QStringLiteral("y");
    const Status refused = m_service->transition(id, to, input, sessionAs(Role::Agent));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("workflow"));
    QCOMPARE(refused.errorMessage(), message);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_event")), 0);
    QCOMPARE(ticketField(id, QStringLiteral("status")).toString(), from);
}

void TestWorkflowService::roleLimits()
{
    const QString id = addTicket(QStringLiteral("complaint"), QStringLiteral("new"));
    TransitionInput input;
    input.reason = QStringLiteral("Duplicate of TK-0001");

    const auto forAgent = m_service->allowed(id, sessionAs(Role::Agent));
    QVERIFY(forAgent);
    QCOMPARE(forAgent->size(), 1);
    QCOMPARE(forAgent->first().toStatus, QStringLiteral("assigned"));
    const auto forSupervisor = m_service->allowed(id, sessionAs(Role::Supervisor));
    QVERIFY(forSupervisor);
    QCOMPARE(forSupervisor->size(), 2);
    QCOMPARE(m_service->allowed(id, sessionAs(Role::Clerk))->size(), 1);
    QCOMPARE(m_service->allowed(id, sessionAs(Role::Admin))->size(), 2);

    for (Role role : {Role::Agent, Role::Clerk}) {
        const Status refused = m_service->transition(id, QStringLiteral("closed"), input, sessionAs(role));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("workflow"));
        QCOMPARE(refused.errorMessage(),
                 QStringLiteral("'Void' needs a supervisor or above. A complaint that is 'accepted' can go to: assigned."));
    }
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), 0);
    const Status voided = m_service->transition(id, QStringLiteral("closed"), input, sessionAs(Role::Supervisor));
    QVERIFY2(voided, qPrintable(voided.errorMessage()));
    QCOMPARE(ticketField(id, QStringLiteral("closed_at")).toLongLong(), m_clock.nowMs());
    QCOMPARE(events(id), (QStringList{QStringLiteral("transition new>closed 0190aaaa-0000-7000-8000-000000000001 "
                                                     "Duplicate of TK-0001 @%1").arg(m_clock.nowMs())}));
}

void TestWorkflowService::requiredInputs_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("resolution");
    QTest::addColumn<int>("csat"); // 0: none
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message"); // empty: taken
    QTest::newRow("handled needs a resolution") << "complaint" << "dispatched" << "handled" << "  " << 0 << ""
                                                << "Resolution: write how the ticket was resolved before 'Record the "
                                                   "handling feedback'.";
    QTest::newRow("handled with it") << "complaint" << "dispatched" << "handled" << "Base station fixed" << 0 << "" << "";
    QTest::newRow("callback close needs a score") << "complaint" << "callback" << "closed" << "" << 0 << ""
                                                  << "Satisfaction: give the customer's score from 1 to 5 before 'Close "
                                                     "after the callback'.";
    QTest::newRow("score out of range") << "complaint" << "callback" << "closed" << "" << 6 << ""
                                        << "Satisfaction: the score is from 1 to 5, not 6.";
    QTest::newRow("callback close with it") << "complaint" << "callback" << "closed" << "" << 4 << "" << "";
    QTest::newRow("handle again needs a reason") << "complaint" << "callback" << "dispatched" << "" << 0 << ""
                                                 << "Reason: say why, before 'Customer not satisfied: handle again'.";
    QTest::newRow("inquiry answer needs a resolution") << "inquiry" << "new" << "resolved" << "" << 0 << ""
                                                       << "Resolution: write how the ticket was resolved before 'Answer at "
                                                          "first contact'.";
    QTest::newRow("fault not fixed needs a reason") << "fault" << "resolved" << "in_progress" << "" << 0 << " "
                                                    << "Reason: say why, before 'Not fixed: work again'.";
    QTest::newRow("nothing required, nothing given") << "fault" << "assigned" << "dispatched" << "" << 0 << "" << "";
}

void TestWorkflowService::requiredInputs()
{
    QFETCH(QString, kind);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, resolution);
    QFETCH(int, csat);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    const QString id = addTicket(kind, from);
    TransitionInput input;
    input.resolution = resolution;
    if (csat != 0)
        input.csat = csat;
    input.reason = reason;
    const Status result = m_service->transition(id, to, input, sessionAs(Role::Agent));
    if (message.isEmpty()) {
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QCOMPARE(ticketField(id, QStringLiteral("status")).toString(), to);
        if (!resolution.isEmpty())
            QCOMPARE(ticketField(id, QStringLiteral("resolution")).toString(), resolution);
        if (csat != 0)
            QCOMPARE(ticketField(id, QStringLiteral("csat")).toInt(), csat);
        return;
    }
    QVERIFY(!result);
    QCOMPARE(result.error().code, QStringLiteral("invalid"));
    QCOMPARE(result.errorMessage(), message);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), 0);
    QCOMPARE(ticketField(id, QStringLiteral("status")).toString(), from);
}

void TestWorkflowService::reopenInsideAndOutsideTheWindow()
{
    const qint64 now = m_clock.nowMs();
    TransitionInput input;
    input.reason = QStringLiteral("Signal dropped again");

    const QString recent = addTicket(QStringLiteral("complaint"), QStringLiteral("closed"), now - 6 * kDayMs);
    QCOMPARE(m_service->allowed(recent, sessionAs(Role::Agent))->size(), 1);
    const Status reopened = m_service->transition(recent, QStringLiteral("assigned"), input, sessionAs(Role::Agent));
    QVERIFY2(reopened, qPrintable(reopened.errorMessage()));
    QCOMPARE(ticketField(recent, QStringLiteral("status")).toString(), QStringLiteral("assigned"));
    QVERIFY(ticketField(recent, QStringLiteral("closed_at")).isNull());
    QVERIFY(ticketField(recent, QStringLiteral("resolved_at")).isNull());
    QCOMPARE(events(recent), (QStringList{QStringLiteral("transition closed>assigned 0190aaaa-0000-7000-8000-000000000001 "
                                                         "Signal dropped again @%1").arg(now)}));

    // Exactly seven days is still inside; a minute later is not.
    const QString edge = addTicket(QStringLiteral("complaint"), QStringLiteral("closed"), now - 7 * kDayMs);
    QCOMPARE(m_service->allowed(edge, sessionAs(Role::Agent))->size(), 1);
    const QString old = addTicket(QStringLiteral("complaint"), QStringLiteral("closed"), now - 7 * kDayMs - 60000);
    QVERIFY(m_service->allowed(old, sessionAs(Role::Agent))->isEmpty());
    const int outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
    const Status refused = m_service->transition(old, QStringLiteral("assigned"), input, sessionAs(Role::Supervisor));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("workflow"));
    // "day(s)": the plural comes from the English translation, which tests do not load.
    QCOMPARE(refused.errorMessage(), QStringLiteral("'Reopen' is possible only within 7 day(s) of closing. A complaint that "
                                                    "is 'closed' cannot change status now."));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox);
    QCOMPARE(ticketField(old, QStringLiteral("status")).toString(), QStringLiteral("closed"));

    // The window moves with the clock.
    m_clock.advanceSecs(2 * 24 * 3600);
    QVERIFY(m_service->allowed(edge, sessionAs(Role::Agent))->isEmpty());
}

void TestWorkflowService::waitingPausesAndResumes()
{
    const QString id = addTicket(QStringLiteral("fault"), QStringLiteral("dispatched"));
    const qint64 t0 = m_clock.nowMs();
    TransitionInput note;
    note.note = QStringLiteral("Asked for a visit window");
    QVERIFY(m_service->transition(id, QStringLiteral("waiting_customer"), note, sessionAs(Role::Agent)));
    QCOMPARE(ticketField(id, QStringLiteral("first_responded_at")).toLongLong(), t0);
    m_clock.advanceSecs(3600);
    const qint64 t1 = m_clock.nowMs();
    QVERIFY(m_service->transition(id, QStringLiteral("in_progress"), {}, sessionAs(Role::Agent)));
    const QString agent = QStringLiteral("0190aaaa-0000-7000-8000-000000000001");
    QCOMPARE(events(id), (QStringList{
                             QStringLiteral("transition dispatched>waiting_customer %1 Asked for a visit window @%2").arg(agent).arg(t0),
                             QStringLiteral("pause dispatched>waiting_customer %1  @%2").arg(agent).arg(t0),
                             QStringLiteral("transition waiting_customer>in_progress %1  @%2").arg(agent).arg(t1),
                             QStringLiteral("resume waiting_customer>in_progress %1  @%2").arg(agent).arg(t1)}));
    // The first response stays the first one.
    QCOMPARE(ticketField(id, QStringLiteral("first_responded_at")).toLongLong(), t0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket_event'")), 4);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket'")), 2);
}

void TestWorkflowService::timesFollowTheCategory()
{
    const QString id = addTicket(QStringLiteral("inquiry"), QStringLiteral("in_progress"));
    TransitionInput answer;
    answer.resolution = QStringLiteral("Roaming is on in the app");
    const qint64 t0 = m_clock.nowMs();
    QVERIFY(m_service->transition(id, QStringLiteral("resolved"), answer, sessionAs(Role::Agent)));
    QCOMPARE(ticketField(id, QStringLiteral("resolved_at")).toLongLong(), t0);
    QCOMPARE(ticketField(id, QStringLiteral("first_responded_at")).toLongLong(), t0);
    QVERIFY(ticketField(id, QStringLiteral("closed_at")).isNull());
    m_clock.advanceSecs(86400);
    QVERIFY(m_service->transition(id, QStringLiteral("closed"), {}, sessionAs(Role::Agent)));
    QCOMPARE(ticketField(id, QStringLiteral("closed_at")).toLongLong(), m_clock.nowMs());
    QCOMPARE(ticketField(id, QStringLiteral("resolved_at")).toLongLong(), t0);

    // A fault found not fixed goes back to work: its resolution time no longer stands.
    const QString fault = addTicket(QStringLiteral("fault"), QStringLiteral("in_progress"));
    TransitionInput fixed;
    fixed.resolution = QStringLiteral("Restarted the ONU");
    QVERIFY(m_service->transition(fault, QStringLiteral("resolved"), fixed, sessionAs(Role::Agent)));
    QVERIFY(!ticketField(fault, QStringLiteral("resolved_at")).isNull());
    TransitionInput again;
    again.reason = QStringLiteral("Still no signal");
    QVERIFY(m_service->transition(fault, QStringLiteral("in_progress"), again, sessionAs(Role::Agent)));
    QVERIFY(ticketField(fault, QStringLiteral("resolved_at")).isNull());
}

void TestWorkflowService::unknownTicket()
{
    const Status missing = m_service->transition(UuidV7::create(), QStringLiteral("assigned"), {}, sessionAs(Role::Agent));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, QStringLiteral("not_found"));
    QVERIFY(!m_service->allowed(UuidV7::create(), sessionAs(Role::Agent)));
    // A status the kind's workflow does not have (data from before the workflow existed).
    const QString odd = addTicket(QStringLiteral("complaint"), QStringLiteral("in_progress"));
    const Status refused = m_service->transition(odd, QStringLiteral("handled"), {}, sessionAs(Role::Agent));
    QVERIFY(!refused);
    QCOMPARE(refused.errorMessage(), QStringLiteral("A complaint cannot be 'in_progress': its workflow has no such status. "
                                                    "Ask a supervisor to correct it."));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), 0);
}

QTEST_GUILESS_MAIN(TestWorkflowService)
#include "tst_workflowservice.moc"
