// Escalations on a real PostgreSQL (server migration 9): two desktops that fire the same rules for the
// same ticket before either has synced push what EscalationService wrote in their outboxes; the server
// keeps one escalation per (ticket, rule), one comment and one priority raise. A row of the same ticket
// and rule under another id is rejected with code "constraint" and the key in its reason, recorded in
// sync.rejection. Only supervisors acknowledge; escalations follow their ticket's scope in pulls and
// when the ticket moves; the catalogs' default rows are the cache's.

#include "PgTestServer.h"
#include "TempStore.h"
#include "common/Clock.h"
#include "tickets/EscalationService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <memory>

using namespace telcodesk;
using telcodesk::test::PgTestServer;
using telcodesk::test::TempStore;

namespace {

const QString kRuleNotHandled = QStringLiteral("0f1e5ca1-0000-4000-8000-000000000001");
const QString kRuleRepeat = QStringLiteral("0f1e5ca1-0000-4000-8000-000000000003");
constexpr qint64 kHourMs = 3600000;
constexpr qint64 kDayMs = 24 * kHourMs;

} // namespace

class TestEscalationServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void twoDesktopsFireTheSameRulesOnce();
    void sameRuleUnderAnotherIdIsRejected();
    void onlySupervisorsAcknowledge();
    void escalationsFollowTheTicketsScope();
    void defaultRowsHaveTheCacheIds();

private:
    /// A desktop's cache with the server's customer and tickets (as a pull would have brought them).
    bool mirror(const LocalStorePtr& store);
    /// The pending outbox rows of a desktop as sync.apply_batch mutations.
    QJsonArray outboxMutations(const LocalStorePtr& store);
    QJsonObject push(PgConnection& conn, const QString& client, const QJsonArray& mutations);
    qint64 count(const QString& sql, const QVariantList& binds = {});

    std::unique_ptr<PgTestServer> m_server;
    PgConnectionPtr m_agentA, m_agentB, m_supervisor, m_otherSupervisor;
    QString m_clientA = PgTestServer::newId(), m_clientB = PgTestServer::newId(), m_clientS = PgTestServer::newId(),
            m_clientX = PgTestServer::newId();
    QString m_customer = PgTestServer::newId();
    QString m_earlier = PgTestServer::newId();
    QString m_ticket = PgTestServer::newId();
    qint64 m_now = 0;
    qint64 m_seqX = 0;
};

void TestEscalationServer::initTestCase()
{
    if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("escalation"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    m_now = Clock::system().nowMs();
    QVERIFY2(m_server->exec(QStringLiteral(
                 "INSERT INTO td.customer (id, account_no, name, name_norm, type, region_code, tier) "
                 "VALUES (?::uuid, 'E1', '王芳', '王芳', 'individual', '440106', 'standard')"),
                            {m_customer}),
             qPrintable(m_server->error()));
    // A complaint closed 10 days ago and one open for 25 hours: two rules fire for the second.
    QVERIFY2(m_server->exec(QStringLiteral(
                 "INSERT INTO td.ticket (id, ticket_no, customer_id, kind, priority, status, queue, channel, title, created_at) "
                 "VALUES (?::uuid, 'E-0', ?::uuid, 'complaint', 3, 'closed', 'complaint', 'hotline', 'Bill', ?), "
                 "       (?::uuid, 'E-1', ?::uuid, 'complaint', 3, 'assigned', 'complaint', 'hotline', 'Bill again', ?)"),
                            {m_earlier, m_customer, m_now - 10 * kDayMs, m_ticket, m_customer, m_now - 25 * kHourMs}),
             qPrintable(m_server->error()));
    const QString a = m_server->addAgent(QStringLiteral("esc_a"), QStringLiteral("agent"), {QStringLiteral("440100")});
    const QString b = m_server->addAgent(QStringLiteral("esc_b"), QStringLiteral("agent"), {QStringLiteral("440106")});
    const QString s = m_server->addAgent(QStringLiteral("esc_s"), QStringLiteral("supervisor"), {QStringLiteral("440000")});
    const QString x = m_server->addAgent(QStringLiteral("esc_x"), QStringLiteral("supervisor"), {QStringLiteral("110000")});
    QVERIFY2(!a.isEmpty() && !b.isEmpty() && !s.isEmpty() && !x.isEmpty(), qPrintable(m_server->error()));
    m_agentA = m_server->connectAs(a);
    m_agentB = m_server->connectAs(b);
    m_supervisor = m_server->connectAs(s);
    m_otherSupervisor = m_server->connectAs(x);
    QVERIFY2(m_agentA && m_agentB && m_supervisor && m_otherSupervisor, qPrintable(m_server->error()));
}

void TestEscalationServer::cleanupTestCase()
{
    m_agentA.reset();
    m_agentB.reset();
    m_supervisor.reset();
    m_otherSupervisor.reset();
    m_server.reset();
}

bool TestEscalationServer::mirror(const LocalStorePtr& store)
{
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("INSERT INTO customer (id, account_no, name, name_norm, type, region_code, tier, row_version) "
                             "VALUES (?, 'E1', '王芳', '王芳', 'individual', '440106', 'standard', 1)"));
    q.addBindValue(m_customer);
    if (!q.exec())
        return false;
    q.prepare(QStringLiteral("INSERT INTO ticket (id, ticket_no, customer_id, kind, priority, status, queue, channel, title, "
                             "created_at, row_version) VALUES (?, ?, ?, 'complaint', 3, ?, 'complaint', 'hotline', 'Bill', ?, 1)"));
    const QVariantList rows[] = {{m_earlier, QStringLiteral("E-0"), m_customer, QStringLiteral("closed"), m_now - 10 * kDayMs},
                                 {m_ticket, QStringLiteral("E-1"), m_customer, QStringLiteral("assigned"), m_now - 25 * kHourMs}};
    for (const QVariantList& row : rows) {
        for (const QVariant& v : row)
            q.addBindValue(v);
        if (!q.exec()) {
            qWarning("mirror: %s", qPrintable(q.lastError().text()));
            return false;
        }
    }
    return true;
}

QJsonArray TestEscalationServer::outboxMutations(const LocalStorePtr& store)
{
    QJsonArray out;
    QSqlQuery q(store->connection());
    if (!q.exec(QStringLiteral("SELECT seq, entity, entity_id, op, payload, base_version FROM outbox "
                               "WHERE state = 'pending' ORDER BY seq")))
        return out;
    while (q.next()) {
        out << QJsonObject{{QStringLiteral("seq"), q.value(0).toLongLong()},
                           {QStringLiteral("entity"), q.value(1).toString()},
                           {QStringLiteral("entity_id"), q.value(2).toString()},
                           {QStringLiteral("op"), q.value(3).toString()},
                           {QStringLiteral("payload"), QJsonDocument::fromJson(q.value(4).toByteArray()).object()},
                           {QStringLiteral("base_version"), q.value(5).toLongLong()}};
    }
    return out;
}

QJsonObject TestEscalationServer::push(PgConnection& conn, const QString& client, const QJsonArray& mutations)
{
    QString error;
    const QJsonObject answer = PgTestServer::applyBatch(conn, client, mutations, &error);
    if (!error.isEmpty())
        qWarning("apply_batch: %s", qPrintable(error));
    return answer;
}

qint64 TestEscalationServer::count(const QString& sql, const QVariantList& binds)
{
    return m_server->scalar(sql, binds).toLongLong();
}

void TestEscalationServer::twoDesktopsFireTheSameRulesOnce()
{
    // Both desktops evaluate before either pushes: each writes two escalations, two comments and the
    // raise to P2 in its outbox.
    TempStore deskA, deskB;
    QVERIFY(deskA.ok() && deskB.ok());
    QVERIFY(mirror(deskA.store()) && mirror(deskB.store()));
    for (TempStore* desk : {&deskA, &deskB}) {
        const auto report = EscalationService(desk->store()).evaluate(m_now);
        QVERIFY2(report, qPrintable(report.errorMessage()));
        QCOMPARE(report.value().escalationsWritten, 2);
    }
    const QJsonArray fromA = outboxMutations(deskA.store());
    const QJsonArray fromB = outboxMutations(deskB.store());
    QCOMPARE(fromA.size(), 5);
    QCOMPARE(fromB.size(), 5);

    const QJsonObject answerA = push(*m_agentA, m_clientA, fromA);
    for (const QJsonValue& r : answerA.value(QStringLiteral("results")).toArray())
        QVERIFY2(r.toObject().value(QStringLiteral("status")).toString() == QLatin1String("applied"),
                 qPrintable(QString::fromUtf8(QJsonDocument(r.toObject()).toJson(QJsonDocument::Compact))));

    // The second desktop's rows carry the same ids: duplicates, nothing doubled, nothing shown to its agent
    // as refused; its raise finds the server at P2 already and changes nothing.
    const QJsonObject answerB = push(*m_agentB, m_clientB, fromB);
    const QJsonArray resultsB = answerB.value(QStringLiteral("results")).toArray();
    QCOMPARE(resultsB.size(), 5);
    for (int i = 0; i < resultsB.size(); ++i) {
        const QJsonObject r = resultsB.at(i).toObject();
        const QString entity = fromB.at(i).toObject().value(QStringLiteral("entity")).toString();
        const QString expected = entity == QLatin1String("ticket") ? QStringLiteral("applied") : QStringLiteral("duplicate");
        QVERIFY2(r.value(QStringLiteral("status")).toString() == expected,
                 qPrintable(entity + QLatin1Char(' ') + QString::fromUtf8(QJsonDocument(r).toJson(QJsonDocument::Compact))));
    }
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM td.ticket_escalation WHERE ticket_id = ?::uuid"), {m_ticket}), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM td.ticket_event WHERE ticket_id = ?::uuid AND kind = 'comment'"),
                   {m_ticket}), 2);
    QCOMPARE(count(QStringLiteral("SELECT priority FROM td.ticket WHERE id = ?::uuid"), {m_ticket}), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync.conflict")), 0);
}

void TestEscalationServer::sameRuleUnderAnotherIdIsRejected()
{
    // A writer that does not derive the id (an older desktop, a script) fires the 24-hour rule again.
    const QString otherId = PgTestServer::newId();
    const QJsonObject mutation{
        {QStringLiteral("seq"), ++m_seqX},
        {QStringLiteral("entity"), QStringLiteral("ticket_escalation")},
        {QStringLiteral("entity_id"), otherId},
        {QStringLiteral("op"), QStringLiteral("insert")},
        {QStringLiteral("payload"),
         QJsonObject{{QStringLiteral("set"),
                      QJsonObject{{QStringLiteral("ticket_id"), m_ticket},
                                  {QStringLiteral("rule_id"), kRuleNotHandled},
                                  {QStringLiteral("fired_at"), double(m_now)},
                                  {QStringLiteral("action"), QStringLiteral("escalate_supervisor")},
                                  {QStringLiteral("from_priority"), 3},
                                  {QStringLiteral("to_priority"), 3},
                                  {QStringLiteral("notified_role"), QStringLiteral("supervisor")},
                                  {QStringLiteral("detail"), QStringLiteral("again")}}}}}};
    const QJsonObject answer = push(*m_agentA, m_clientX, QJsonArray{mutation});
    const QJsonObject result = answer.value(QStringLiteral("results")).toArray().first().toObject();
    QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(result.value(QStringLiteral("code")).toString(), QStringLiteral("constraint"));
    const QString reason = result.value(QStringLiteral("reason")).toString();
    QVERIFY2(reason.contains(QStringLiteral("ticket_escalation_once")), qPrintable(reason));
    QVERIFY2(reason.contains(QStringLiteral("has fired for ticket E-1 already")), qPrintable(reason));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM td.ticket_escalation WHERE ticket_id = ?::uuid"), {m_ticket}), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM td.ticket_escalation WHERE id = ?::uuid"), {otherId}), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync.rejection WHERE client_id = ?::uuid AND code = 'constraint'"),
                   {m_clientX}), 1);
    // The batch goes on behind a rejection: a comment sent after it is applied.
    const QJsonObject comment{
        {QStringLiteral("seq"), ++m_seqX},
        {QStringLiteral("entity"), QStringLiteral("ticket_event")},
        {QStringLiteral("entity_id"), PgTestServer::newId()},
        {QStringLiteral("op"), QStringLiteral("insert")},
        {QStringLiteral("payload"),
         QJsonObject{{QStringLiteral("set"), QJsonObject{{QStringLiteral("ticket_id"), m_ticket},
                                                         {QStringLiteral("kind"), QStringLiteral("comment")},
                                                         {QStringLiteral("at"), double(m_now)},
                                                         {QStringLiteral("body"), QStringLiteral("after")}}}}}};
    const QJsonObject more = push(*m_agentA, m_clientX, QJsonArray{mutation, comment});
    const QJsonArray results = more.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("rejected")); // repeated
    QCOMPARE(results.at(1).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
}

void TestEscalationServer::onlySupervisorsAcknowledge()
{
    const QString escalation = EscalationService::escalationId(m_ticket, kRuleNotHandled);
    auto ack = [&](qint64 seq) {
        return QJsonObject{
            {QStringLiteral("seq"), seq},
            {QStringLiteral("entity"), QStringLiteral("ticket_escalation_ack")},
            {QStringLiteral("entity_id"), EscalationService::derivedId(escalation, QStringLiteral("ack"))},
            {QStringLiteral("op"), QStringLiteral("insert")},
            {QStringLiteral("payload"),
             QJsonObject{{QStringLiteral("set"), QJsonObject{{QStringLiteral("escalation_id"), escalation},
                                                             {QStringLiteral("ticket_id"), m_ticket},
                                                             {QStringLiteral("at"), double(m_now)},
                                                             {QStringLiteral("note"), QStringLiteral("seen to")}}}}}};
    };
    const QJsonObject byAgent = push(*m_agentB, m_clientB, QJsonArray{ack(100)})
                                    .value(QStringLiteral("results")).toArray().first().toObject();
    QCOMPARE(byAgent.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(byAgent.value(QStringLiteral("code")).toString(), QStringLiteral("permission"));
    const QJsonObject bySupervisor = push(*m_supervisor, m_clientS, QJsonArray{ack(1)})
                                         .value(QStringLiteral("results")).toArray().first().toObject();
    QCOMPARE(bySupervisor.value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    // A supervisor of another region cannot reach this ticket's escalations.
    const QJsonObject outside = push(*m_otherSupervisor, PgTestServer::newId(), QJsonArray{ack(1)})
                                    .value(QStringLiteral("results")).toArray().first().toObject();
    QVERIFY2(outside.value(QStringLiteral("status")).toString() != QLatin1String("applied"),
             qPrintable(QString::fromUtf8(QJsonDocument(outside).toJson(QJsonDocument::Compact))));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM td.ticket_escalation_ack WHERE escalation_id = ?::uuid"),
                   {escalation}), 1);
}

void TestEscalationServer::escalationsFollowTheTicketsScope()
{
    auto pulledTables = [&](PgConnection& conn) {
        QMap<QString, int> tables;
        QString cursor;
        for (int guard = 0; guard < 100; ++guard) {
            QString error;
            const QJsonObject page = PgTestServer::pull(conn, cursor, 1000, &error);
            if (!error.isEmpty()) {
                qWarning("pull: %s", qPrintable(error));
                break;
            }
            for (const QJsonValue& v : page.value(QStringLiteral("rows")).toArray()) {
                const QJsonObject row = v.toObject();
                if (!row.value(QStringLiteral("row")).isNull())
                    tables[row.value(QStringLiteral("tbl")).toString()] += 1;
            }
            cursor = page.value(QStringLiteral("cursor")).toString();
            if (!page.value(QStringLiteral("more")).toBool())
                break;
        }
        return tables;
    };
    const auto mine = pulledTables(*m_supervisor);
    QCOMPARE(mine.value(QStringLiteral("ticket_escalation")), 2);
    QCOMPARE(mine.value(QStringLiteral("ticket_escalation_ack")), 1);
    QCOMPARE(mine.value(QStringLiteral("escalation_rule")), 3);
    QCOMPARE(mine.value(QStringLiteral("field_engineer")), 10);
    const auto other = pulledTables(*m_otherSupervisor);
    QCOMPARE(other.value(QStringLiteral("ticket_escalation")), 0);
    QCOMPARE(other.value(QStringLiteral("escalation_rule")), 3);

    // The customer moves to Beijing: the ticket, its escalations and acknowledgement move with it.
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.customer SET region_code = '110101' WHERE id = ?::uuid"), {m_customer}));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM td.ticket_escalation WHERE ticket_id = ?::uuid "
                                  "AND scope_region = '110101'"), {m_ticket}), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM td.ticket_escalation_ack WHERE ticket_id = ?::uuid "
                                  "AND scope_region = '110101'"), {m_ticket}), 1);
    QCOMPARE(pulledTables(*m_otherSupervisor).value(QStringLiteral("ticket_escalation")), 2);
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.customer SET region_code = '440106' WHERE id = ?::uuid"), {m_customer}));
}

void TestEscalationServer::defaultRowsHaveTheCacheIds()
{
    TempStore desk;
    QVERIFY(desk.ok());
    struct Table
    {
        QString name;
        QString columns;
    };
    const Table tables[] = {
        {QStringLiteral("escalation_rule"),
         QStringLiteral("id, name_zh, name_en, kind, trigger, threshold_minutes, clock, repeat_count, window_days, action, "
                        "notify_role, active")},
        {QStringLiteral("field_engineer"), QStringLiteral("id, name, phone, region_code, lat, lon, skills, available")}};
    for (const Table& t : tables) {
        QStringList local;
        QSqlQuery q(desk.store()->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY id").arg(t.columns, t.name)));
        while (q.next()) {
            QStringList fields;
            for (int i = 0; i < q.record().count(); ++i)
                fields << (q.isNull(i) ? QStringLiteral("NULL") : q.value(i).toString());
            local << fields.join(QLatin1Char('|'));
        }
        QStringList server;
        QSqlQuery s(m_server->admin().db());
        QVERIFY(s.exec(QStringLiteral("SELECT %1 FROM td.%2 ORDER BY id").arg(t.columns, t.name)));
        while (s.next()) {
            QStringList fields;
            for (int i = 0; i < s.record().count(); ++i)
                fields << (s.isNull(i) ? QStringLiteral("NULL") : s.value(i).toString());
            server << fields.join(QLatin1Char('|'));
        }
        QCOMPARE(server, local);
        QVERIFY(!local.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestEscalationServer)
#include "tst_escalationserver.moc"
