// TicketService: opening a ticket (number, first state, queue, SLA due times from the policy, the opening
// event, outbox rows), replies and notes (the first reply records the first response), priority changes,
// the detail an editor loads, and refusals that name the field and write nothing.

#include "FailingStore.h"
#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "tickets/TicketService.h"

#include <QLocale>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

Session sessionAs(Role role, const QString& agentId = QStringLiteral("0190aaaa-0000-7000-8000-000000000001"))
{
    Session s;
    s.agentId = agentId;
    s.login = QStringLiteral("wang");
    s.role = role;
    return s;
}

} // namespace

class TestTicketService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void opensInTheFirstStateWithDueTimes();
    void numberIsDatedAndUnique();
    void queueByTierLanguageAndKind_data();
    void queueByTierLanguageAndKind();
    void refusals_data();
    void refusals();
    void clerksOpenButDoNotReprioritise();
    void planCreateWritesNothing();
    void firstReplyRecordsFirstResponse();
    void commentsAreInternal();
    void priorityChangeKeepsWhy();
    void loadGivesTheEditorItsDetail();
    void failedWriteLeavesNothing();

private:
    int count(const QString& sql) const;
    QVariant field(const QString& ticketId, const QString& column) const;
    TicketService::NewTicket complaint() const;

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock;
    QString m_customer;
    QString m_line;
    QString m_agent;
};

void TestTicketService::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestTicketService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    // Monday 2 November 2026, 09:30 Beijing time (01:30 UTC): inside the CN business calendar.
    m_clock.set(QDateTime(QDate(2026, 11, 2), QTime(1, 30), Qt::UTC));
    Fixtures f(m_temp->store());
    m_customer = f.addCustomer({QStringLiteral("张伟"), QStringLiteral("13812345678"), {}, QStringLiteral("A-1")});
    QVERIFY(!m_customer.isEmpty());
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM subscription WHERE customer_id = '%1'").arg(m_customer)) && q.next());
    m_line = q.value(0).toString();
    m_agent = f.addAgent(QStringLiteral("wang"), QStringLiteral("agent"));
    QVERIFY(!m_agent.isEmpty());
}

int TestTicketService::count(const QString& sql) const
{
    QSqlQuery q(m_temp->store()->connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QVariant TestTicketService::field(const QString& ticketId, const QString& column) const
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT %1 FROM ticket WHERE id = ?").arg(column));
    q.addBindValue(ticketId);
    if (!q.exec() || !q.next())
        return QStringLiteral("<missing>");
    return q.value(0);
}

TicketService::NewTicket TestTicketService::complaint() const
{
    TicketService::NewTicket t;
    t.customerId = m_customer;
    t.subscriptionId = m_line;
    t.kind = QStringLiteral("complaint");
    t.priority = 2;
    t.channel = QStringLiteral("hotline");
    t.title = QStringLiteral("  Charged twice for October  ");
    t.description = QStringLiteral("The customer sees two charges of 58 yuan.");
    return t;
}

void TestTicketService::opensInTheFirstStateWithDueTimes()
{
    const TicketService service(m_temp->store(), sessionAs(Role::Agent, m_agent), m_clock);
    const auto id = service.create(complaint());
    QVERIFY2(id, qPrintable(id.errorMessage()));
    QCOMPARE(field(id.value(), QStringLiteral("status")).toString(), QStringLiteral("new"));
    QCOMPARE(field(id.value(), QStringLiteral("title")).toString(), QStringLiteral("Charged twice for October"));
    QCOMPARE(field(id.value(), QStringLiteral("priority")).toInt(), 2);
    QCOMPARE(field(id.value(), QStringLiteral("created_at")).toLongLong(), m_clock.nowMs());
    QVERIFY(field(id.value(), QStringLiteral("assignee_id")).isNull());
    // Due times come from the policy: both in the future, first response before resolution.
    const qint64 firstDue = field(id.value(), QStringLiteral("first_response_due")).toLongLong();
    const qint64 resolutionDue = field(id.value(), QStringLiteral("resolution_due")).toLongLong();
    QVERIFY(firstDue > m_clock.nowMs());
    QVERIFY(resolutionDue > firstDue);
    // The ticket and its opening event, each with an outbox row.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_event WHERE ticket_id = '%1' AND kind = 'transition' "
                                  "AND to_status = 'new'").arg(id.value())), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity IN ('ticket','ticket_event')")), 2);
}

void TestTicketService::numberIsDatedAndUnique()
{
    // 2026-11-02 16:30 UTC is 3 November in Beijing: the number carries the Beijing date.
    const qint64 at = QDateTime(QDate(2026, 11, 2), QTime(16, 30), Qt::UTC).toMSecsSinceEpoch();
    const QString a = TicketService::makeTicketNo(QStringLiteral("0190aaaa-0000-7000-8000-0000000abcde"), at);
    QCOMPARE(a, QStringLiteral("TK2611030ABCDE"));
    const TicketService service(m_temp->store(), sessionAs(Role::Agent, m_agent), m_clock);
    QSet<QString> numbers;
    for (int i = 0; i < 50; ++i) {
        const auto id = service.create(complaint());
        QVERIFY(id);
        numbers.insert(field(id.value(), QStringLiteral("ticket_no")).toString());
    }
    QCOMPARE(numbers.size(), 50);
}

void TestTicketService::queueByTierLanguageAndKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("tier");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("queue");
    QTest::newRow("complaint") << "complaint" << "standard" << "zh" << "complaints";
    QTest::newRow("fault") << "fault" << "gold" << "zh" << "network";
    QTest::newRow("inquiry") << "inquiry" << "silver" << "zh" << "general";
    QTest::newRow("suggestion") << "suggestion" << "" << "zh" << "general";
    QTest::newRow("english speaker") << "complaint" << "gold" << "en" << "english";
    QTest::newRow("diamond before english") << "fault" << "diamond" << "en" << "vip";
    QTest::newRow("platinum") << "inquiry" << "platinum" << "zh" << "vip";
}

void TestTicketService::queueByTierLanguageAndKind()
{
    QFETCH(QString, kind);
    QFETCH(QString, tier);
    QFETCH(QString, language);
    QFETCH(QString, queue);
    QCOMPARE(TicketService::defaultQueue(kind, tier, language), queue);
}

void TestTicketService::refusals_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("kind") << "kind" << "invalid" << "Kind:";
    QTest::newRow("priority") << "priority" << "invalid" << "Priority:";
    QTest::newRow("channel") << "channel" << "invalid" << "Channel:";
    QTest::newRow("empty title") << "title" << "invalid" << "Title: cannot be empty";
    QTest::newRow("long title") << "long title" << "invalid" << "Title: 201 characters";
    QTest::newRow("bad text") << "bad text" << "invalid" << "Description: contains characters";
    QTest::newRow("no customer") << "customer" << "not_found" << "Customer:";
    QTest::newRow("someone else's line") << "line" << "invalid" << "Line:";
    QTest::newRow("someone else's contact") << "interaction" << "invalid" << "Interaction:";
}

void TestTicketService::refusals()
{
    QFETCH(QString, what);
    QFETCH(QString, code);
    QFETCH(QString, message);
    TicketService::NewTicket t = complaint();
    if (what == QLatin1String("kind"))
        t.kind = QStringLiteral("praise");
    else if (what == QLatin1String("priority"))
        t.priority = 5;
    else if (what == QLatin1String("channel"))
        t.channel = QStringLiteral("pigeon");
    else if (what == QLatin1String("title"))
        t.title = QStringLiteral("   ");
    else if (what == QLatin1String("long title"))
        t.title = QString(201, QLatin1Char('x'));
    else if (what == QLatin1String("bad text"))
        t.description = QStringLiteral("bad ") + QChar(0xD800) + QStringLiteral(" surrogate");
    else if (what == QLatin1String("customer"))
        t.customerId = QStringLiteral("0190ffff-0000-7000-8000-000000000000");
    else if (what == QLatin1String("line") || what == QLatin1String("interaction")) {
        Fixtures f(m_temp->store());
        const QString other = f.addCustomer({QStringLiteral("李娜"), QStringLiteral("13900001111"), {}, QStringLiteral("A-2")});
        if (what == QLatin1String("line")) {
            QSqlQuery q(m_temp->store()->connection());
            QVERIFY(q.exec(QStringLiteral("SELECT id FROM subscription WHERE customer_id = '%1'").arg(other)) && q.next());
            t.subscriptionId = q.value(0).toString();
        } else {
            t.fromInteractionId = f.addInteraction(other, QStringLiteral("hotline"), m_clock.nowMs(), QStringLiteral("x"));
        }
    }
    const TicketService service(m_temp->store(), sessionAs(Role::Agent, m_agent), m_clock);
    const auto id = service.create(t);
    QVERIFY(!id);
    QCOMPARE(id.error().code, code);
    QVERIFY2(id.errorMessage().startsWith(message), qPrintable(id.errorMessage()));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), 0);
}

void TestTicketService::clerksOpenButDoNotReprioritise()
{
    const TicketService clerk(m_temp->store(), sessionAs(Role::Clerk), m_clock);
    const auto id = clerk.create(complaint());
    QVERIFY2(id, qPrintable(id.errorMessage()));
    const Status refused = clerk.setPriority(id.value(), 1, QStringLiteral("urgent"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("forbidden"));
    QCOMPARE(field(id.value(), QStringLiteral("priority")).toInt(), 2);
}

void TestTicketService::planCreateWritesNothing()
{
    const TicketService service(m_temp->store(), sessionAs(Role::Agent, m_agent), m_clock);
    QString id;
    const auto changes = service.planCreate(complaint(), &id);
    QVERIFY(changes);
    QCOMPARE(changes.value().size(), 2);
    QCOMPARE(changes.value().first().table, QStringLiteral("ticket"));
    QCOMPARE(changes.value().first().id, id);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket")), 0);
}

void TestTicketService::firstReplyRecordsFirstResponse()
{
    const TicketService service(m_temp->store(), sessionAs(Role::Agent, m_agent), m_clock);
    const auto id = service.create(complaint());
    QVERIFY(id);
    const qint64 firstAt = m_clock.nowMs() + 60000;
    m_clock.set(QDateTime::fromMSecsSinceEpoch(firstAt, Qt::UTC));
    QVERIFY(service.reply(id.value(), QStringLiteral("We are checking the two charges.")));
    m_clock.set(QDateTime::fromMSecsSinceEpoch(firstAt + 60000, Qt::UTC));
    QVERIFY(service.reply(id.value(), QStringLiteral("The second charge is refunded.")));
    QCOMPARE(field(id.value(), QStringLiteral("first_responded_at")).toLongLong(), firstAt);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_event WHERE kind = 'reply'")), 2);
    const Status empty = service.reply(id.value(), QStringLiteral("  "));
    QVERIFY(!empty);
    QVERIFY2(empty.errorMessage().startsWith(QLatin1String("Reply: cannot be empty")), qPrintable(empty.errorMessage()));
    const Status missing = service.reply(QStringLiteral("0190ffff-0000-7000-8000-000000000000"), QStringLiteral("hello"));
    QCOMPARE(missing.error().code, QStringLiteral("not_found"));
}

void TestTicketService::commentsAreInternal()
{
    const TicketService service(m_temp->store(), sessionAs(Role::Agent, m_agent), m_clock);
    const auto id = service.create(complaint());
    QVERIFY(id);
    QVERIFY(service.comment(id.value(), QStringLiteral("Billing system shows a duplicate run.")));
    QVERIFY(field(id.value(), QStringLiteral("first_responded_at")).isNull());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_event WHERE kind = 'comment'")), 1);
}

void TestTicketService::priorityChangeKeepsWhy()
{
    const TicketService service(m_temp->store(), sessionAs(Role::Agent, m_agent), m_clock);
    const auto id = service.create(complaint());
    QVERIFY(id);
    const Status noReason = service.setPriority(id.value(), 1, QString());
    QVERIFY(!noReason);
    QVERIFY(service.setPriority(id.value(), 1, QStringLiteral("third call today")));
    QCOMPARE(field(id.value(), QStringLiteral("priority")).toInt(), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_event WHERE kind = 'comment' "
                                  "AND body = 'Priority P2 → P1: third call today'")), 1);
    // The same priority again writes nothing.
    const int outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
    QVERIFY(service.setPriority(id.value(), 1, QStringLiteral("again")));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox);
    QVERIFY(!service.setPriority(id.value(), 0, QStringLiteral("x")));
}

void TestTicketService::loadGivesTheEditorItsDetail()
{
    const TicketService service(m_temp->store(), sessionAs(Role::Agent, m_agent), m_clock);
    const auto id = service.create(complaint());
    QVERIFY(id);
    QVERIFY(service.reply(id.value(), QStringLiteral("Checking.")));
    const auto detail = service.load(id.value());
    QVERIFY2(detail, qPrintable(detail.errorMessage()));
    QCOMPARE(detail.value().ticket.kind, QStringLiteral("complaint"));
    QCOMPARE(detail.value().customerName, QStringLiteral("张伟"));
    QVERIFY(detail.value().msisdn.endsWith(QLatin1String("13812345678")));
    QVERIFY(detail.value().firstRespondedAt > 0);
    QVERIFY(detail.value().firstResponseDue > 0);
    QCOMPARE(detail.value().events.size(), 2);
    QCOMPARE(detail.value().events.at(0).kind, QStringLiteral("transition"));
    QCOMPARE(detail.value().events.at(1).kind, QStringLiteral("reply"));
    QCOMPARE(detail.value().events.at(1).agentName, QStringLiteral("WANG"));
    QCOMPARE(service.load(QStringLiteral("nope")).error().code, QStringLiteral("not_found"));
}

void TestTicketService::failedWriteLeavesNothing()
{
    const TicketService service(m_temp->store(), sessionAs(Role::Agent, m_agent), m_clock);
    QSqlDatabase db = m_temp->store()->connection();
    int statements = 0;
    {
        FailingStore counter(db);
        QVERIFY(service.create(complaint()));
        statements = counter.statements();
    }
    QVERIFY(statements > 3);
    // Whichever statement fails, the ticket is written whole (its event and both outbox rows) or not at
    // all. Reads the service may do without (SlaService falls back to the generic status names when
    // workflow_state cannot be read) can fail without failing create().
    int refused = 0;
    for (int i = 1; i <= statements; ++i) {
        const int tickets = count(QStringLiteral("SELECT count(*) FROM ticket"));
        const int events = count(QStringLiteral("SELECT count(*) FROM ticket_event"));
        const int outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
        bool created = false;
        QString failed;
        {
            FailingStore failing(db, i);
            created = bool(service.create(complaint()));
            failed = failing.failedStatement();
            QVERIFY2(failing.fired(), qPrintable(QStringLiteral("statement %1 never ran").arg(i)));
        }
        const int grew = created ? 1 : 0;
        if (!created)
            ++refused;
        const QByteArray what = QStringLiteral("statement %1 (%2)").arg(i).arg(failed).toUtf8();
        QVERIFY2(count(QStringLiteral("SELECT count(*) FROM ticket")) == tickets + grew, what.constData());
        QVERIFY2(count(QStringLiteral("SELECT count(*) FROM ticket_event")) == events + grew, what.constData());
        QVERIFY2(count(QStringLiteral("SELECT count(*) FROM outbox")) == outbox + 2 * grew, what.constData());
        if (failed.startsWith(QLatin1String("INSERT")) || failed.startsWith(QLatin1String("COMMIT")))
            QVERIFY2(!created, what.constData());
    }
    QVERIFY2(refused >= statements - 2, qPrintable(QStringLiteral("%1 of %2 failures refused").arg(refused).arg(statements)));
}

QTEST_GUILESS_MAIN(TestTicketService)
#include "tst_ticketservice.moc"
