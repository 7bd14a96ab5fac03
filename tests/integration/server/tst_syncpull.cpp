// sync.pull against a real PostgreSQL: scope, paging, out-of-order commits, tombstones, rows leaving
// scope, resync, pruning and the NOTIFY payload.

#include "PgTestServer.h"
#include "TempStore.h"

#include "demo/DemoGenerator.h"
#include "sync/ServerLoader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <memory>

using namespace telcodesk;
using telcodesk::test::PgTestServer;
using telcodesk::test::TempStore;

namespace {

using RowKey = QPair<QString, QString>; // table, id

struct Pulled
{
    QHash<RowKey, QJsonObject> rows; ///< row == null: the row left the caller's scope
    QHash<RowKey, qint64> versions;
    int pages = 0;
    int entries = 0;
    int largestPage = 0;
    QString cursor;
    bool resync = false;
    QString reason;
    QString error;
};

/// Pulls until "more" is false, the way a client does.
Pulled pullAll(PgConnection& conn, const QString& from, int limit, int maxPages = 100000)
{
    Pulled out;
    QString cursor = from;
    for (int page = 0; page < maxPages; ++page) {
        const QJsonObject answer = PgTestServer::pull(conn, cursor, limit, &out.error);
        if (answer.isEmpty())
            return out;
        ++out.pages;
        if (answer.value(QStringLiteral("resync")).toBool()) {
            out.resync = true;
            out.reason = answer.value(QStringLiteral("reason")).toString();
            return out;
        }
        const QJsonArray rows = answer.value(QStringLiteral("rows")).toArray();
        out.largestPage = qMax(out.largestPage, int(rows.size()));
        for (const QJsonValue& v : rows) {
            const QJsonObject o = v.toObject();
            const RowKey key{o.value(QStringLiteral("tbl")).toString(), o.value(QStringLiteral("id")).toString()};
            out.rows.insert(key, o.value(QStringLiteral("row")).toObject());
            if (o.value(QStringLiteral("row")).isNull())
                out.rows[key] = QJsonObject();
            out.versions.insert(key, o.value(QStringLiteral("row_version")).toInteger());
            ++out.entries;
        }
        cursor = answer.value(QStringLiteral("cursor")).toString();
        if (!answer.value(QStringLiteral("more")).toBool())
            break;
    }
    out.cursor = cursor;
    return out;
}

QSet<RowKey> presentKeys(const Pulled& p)
{
    QSet<RowKey> keys;
    for (auto it = p.rows.cbegin(); it != p.rows.cend(); ++it) {
        if (!it.value().isEmpty())
            keys.insert(it.key());
    }
    return keys;
}

QSet<RowKey> evictedKeys(const Pulled& p)
{
    QSet<RowKey> keys;
    for (auto it = p.rows.cbegin(); it != p.rows.cend(); ++it) {
        if (it.value().isEmpty())
            keys.insert(it.key());
    }
    return keys;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestSyncPull : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void firstSyncDeliversExactlyTheScope_data();
    void firstSyncDeliversExactlyTheScope();
    void rowsCarryNoServerColumns();
    void idNumbersAreMaskedForAgents();
    void outOfOrderCommitsAreNotSkipped_data();
    void outOfOrderCommitsAreNotSkipped();
    void tombstonesArrive();
    void rowsLeavingScopeAreRemoved();
    void notificationCarriesNoPersonalData();
    void badCursorIsAnError();
    void scopeChangeAsksForResync();
    void pruningKeepsFirstSyncCompleteAndSendsOldCursorsBack(); // last: it prunes the log

private:
    /// Every (table, id) the given scope may see, computed from the parent rows (not from the scope
    /// columns the server keeps), so that it checks those columns too.
    /// kbEditor: a supervisor, who also reads articles that are not published.
    QSet<RowKey> expectedScope(const QStringList& regionPrefixes, const QStringList& queues,
                               const QStringList& assignees, bool everything, bool kbEditor = false);
    QString regionCustomer(const QString& prefix, bool withLines = false);

    std::unique_ptr<PgTestServer> m_server;
    std::unique_ptr<TempStore> m_dataSet;
    QString m_agent, m_clerk, m_supervisor, m_admin;
    PgConnectionPtr m_agentConn, m_clerkConn;
    QString m_agentCursor, m_clerkCursor;
};

void TestSyncPull::initTestCase()
{
    if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("pull"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    m_dataSet = std::make_unique<TempStore>();
    QVERIFY2(m_dataSet->ok(), qPrintable(m_dataSet->error()));
    DemoGenerator::Options options;
    options.customers = 300;
    options.asOf = QDate(2025, 6, 30);
    const auto generated = DemoGenerator::generate(m_dataSet->store(), options);
    QVERIFY2(generated.ok(), qPrintable(generated.errorMessage()));
    const auto loaded = ServerLoader::load(m_server->admin(), m_dataSet->path());
    QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));

    m_agent = m_server->addAgent(QStringLiteral("agent_gz"), QStringLiteral("agent"), {QStringLiteral("440100")},
                                 {QStringLiteral("complaints")});
    m_clerk = m_server->addAgent(QStringLiteral("clerk_bj"), QStringLiteral("clerk"), {QStringLiteral("110100")});
    m_supervisor = m_server->addAgent(QStringLiteral("super_sz"), QStringLiteral("supervisor"), {QStringLiteral("440300")},
                                      {}, {QStringLiteral("热线一组")});
    m_admin = m_server->addAgent(QStringLiteral("admin"), QStringLiteral("admin"), {QStringLiteral("440100")});
    QVERIFY2(!m_agent.isEmpty() && !m_clerk.isEmpty() && !m_supervisor.isEmpty() && !m_admin.isEmpty(),
             qPrintable(m_server->error()));
    m_agentConn = m_server->connectAs(m_agent);
    m_clerkConn = m_server->connectAs(m_clerk);
    QVERIFY2(m_agentConn && m_clerkConn, qPrintable(m_server->error()));
}

void TestSyncPull::cleanupTestCase()
{
    m_agentConn.reset();
    m_clerkConn.reset();
    m_server.reset();
}

QSet<RowKey> TestSyncPull::expectedScope(const QStringList& regionPrefixes, const QStringList& queues,
                                         const QStringList& assignees, bool everything, bool kbEditor)
{
    const QString sql = QStringLiteral(R"(
        WITH p AS (SELECT ?::text[] AS regions, ?::text[] AS queues, ?::uuid[] AS assignees, ?::boolean AS everything,
                          ?::boolean AS kb_editor),
        cust AS (SELECT c.id FROM td.customer c, p
                  WHERE p.everything OR EXISTS (SELECT 1 FROM unnest(p.regions) r WHERE c.region_code LIKE r || '%')),
        subs AS (SELECT s.id FROM td.subscription s WHERE s.customer_id IN (SELECT id FROM cust)),
        tick AS (SELECT t.id FROM td.ticket t, p WHERE t.customer_id IN (SELECT id FROM cust)
                  OR t.queue = ANY (p.queues) OR t.assignee_id = ANY (p.assignees))
        SELECT 'customer', id::text FROM cust
        UNION ALL SELECT 'subscription', id::text FROM subs
        UNION ALL SELECT 'subscription_addon', id::text FROM td.subscription_addon WHERE subscription_id IN (SELECT id FROM subs)
        UNION ALL SELECT 'usage_month', id::text FROM td.usage_month WHERE subscription_id IN (SELECT id FROM subs)
        UNION ALL SELECT 'bill', id::text FROM td.bill WHERE customer_id IN (SELECT id FROM cust)
        UNION ALL SELECT 'interaction', id::text FROM td.interaction WHERE customer_id IN (SELECT id FROM cust)
        UNION ALL SELECT 'customer_note', id::text FROM td.customer_note WHERE customer_id IN (SELECT id FROM cust)
        UNION ALL SELECT 'sales_order', id::text FROM td.sales_order WHERE customer_id IN (SELECT id FROM cust)
        UNION ALL SELECT 'retention_task', r.id::text FROM td.retention_task r, p WHERE r.customer_id IN (SELECT id FROM cust)
                  OR r.queue = ANY (p.queues) OR r.assignee_id = ANY (p.assignees)
        UNION ALL SELECT 'ticket', id::text FROM tick
        UNION ALL SELECT 'ticket_event', id::text FROM td.ticket_event WHERE ticket_id IN (SELECT id FROM tick)
        UNION ALL SELECT 'region', id::text FROM td.region
        UNION ALL SELECT 'agent', id::text FROM td.agent
        UNION ALL SELECT 'plan', id::text FROM td.plan
        UNION ALL SELECT 'offer', id::text FROM td.offer
        UNION ALL SELECT 'kb_category', id::text FROM td.kb_category
        UNION ALL SELECT 'scoring_config', id::text FROM td.scoring_config
        UNION ALL SELECT 'kb_article', a.id::text FROM td.kb_article a, p
                  WHERE a.status = 'published' OR p.everything OR p.kb_editor
        UNION ALL SELECT 'kb_article_version', id::text FROM td.kb_article_version
        UNION ALL SELECT 'kb_feedback', id::text FROM td.kb_feedback
        UNION ALL SELECT 'sla_calendar', id::text FROM td.sla_calendar
        UNION ALL SELECT 'sla_calendar_hours', id::text FROM td.sla_calendar_hours
        UNION ALL SELECT 'sla_calendar_day', id::text FROM td.sla_calendar_day
        UNION ALL SELECT 'sla_policy', id::text FROM td.sla_policy
        UNION ALL SELECT 'workflow_state', id::text FROM td.workflow_state
        UNION ALL SELECT 'workflow_transition', id::text FROM td.workflow_transition
        UNION ALL SELECT 'escalation_rule', id::text FROM td.escalation_rule
        UNION ALL SELECT 'field_engineer', id::text FROM td.field_engineer
        UNION ALL SELECT 'canned_reply', id::text FROM td.canned_reply
        UNION ALL SELECT 'ticket_escalation', id::text FROM td.ticket_escalation WHERE ticket_id IN (SELECT id FROM tick)
        UNION ALL SELECT 'ticket_escalation_ack', id::text FROM td.ticket_escalation_ack WHERE ticket_id IN (SELECT id FROM tick)
        UNION ALL SELECT 'ticket_kb_link', id::text FROM td.ticket_kb_link WHERE ticket_id IN (SELECT id FROM tick)
        UNION ALL SELECT 'audit_log', id::text FROM td.audit_log, p WHERE p.everything)");
    QSqlQuery q(m_server->admin().db());
    q.prepare(sql);
    q.addBindValue(QStringLiteral("{%1}").arg(regionPrefixes.join(QLatin1Char(','))));
    q.addBindValue(QStringLiteral("{%1}").arg(queues.join(QLatin1Char(','))));
    q.addBindValue(QStringLiteral("{%1}").arg(assignees.join(QLatin1Char(','))));
    q.addBindValue(everything);
    q.addBindValue(kbEditor);
    QSet<RowKey> keys;
    if (!q.exec()) {
        qWarning() << q.lastError();
        return keys;
    }
    while (q.next())
        keys.insert({q.value(0).toString(), q.value(1).toString()});
    return keys;
}

QString TestSyncPull::regionCustomer(const QString& prefix, bool withLines)
{
    return m_server
        ->scalar(QStringLiteral("SELECT c.id::text FROM td.customer c WHERE c.region_code LIKE ? AND c.deleted_at IS NULL "
                                "AND (NOT ? OR (SELECT count(*) FROM td.subscription s WHERE s.customer_id = c.id) >= 1) "
                                "ORDER BY c.id LIMIT 1"),
                 {QString(prefix + QLatin1Char('%')), withLines})
        .toString();
}

void TestSyncPull::firstSyncDeliversExactlyTheScope_data()
{
    QTest::addColumn<QString>("who");
    QTest::newRow("agent: region and queue") << "agent";
    QTest::newRow("clerk: the store's region") << "clerk";
    QTest::newRow("supervisor: region and team") << "supervisor";
    QTest::newRow("admin: everything") << "admin";
}

void TestSyncPull::firstSyncDeliversExactlyTheScope()
{
    QFETCH(QString, who);
    QSet<RowKey> expected;
    QString login;
    if (who == QLatin1String("agent")) {
        login = m_agent;
        const QString self = m_server->scalar(QStringLiteral("SELECT id::text FROM td.agent WHERE login = ?"), {login}).toString();
        expected = expectedScope({QStringLiteral("4401")}, {QStringLiteral("complaints")}, {self}, false);
    } else if (who == QLatin1String("clerk")) {
        login = m_clerk;
        const QString self = m_server->scalar(QStringLiteral("SELECT id::text FROM td.agent WHERE login = ?"), {login}).toString();
        expected = expectedScope({QStringLiteral("1101")}, {}, {self}, false);
    } else if (who == QLatin1String("supervisor")) {
        login = m_supervisor;
        QSqlQuery team(m_server->admin().db());
        QVERIFY(team.exec(QStringLiteral("SELECT string_agg(id::text, ',') FROM td.agent WHERE team = '热线一组'")) && team.next());
        expected = expectedScope({QStringLiteral("4403")}, {}, team.value(0).toString().split(QLatin1Char(',')), false,
                                 true);
    } else {
        login = m_admin;
        expected = expectedScope({}, {}, {}, true);
    }
    QVERIFY(expected.size() > 400);
    auto conn = m_server->connectAs(login);
    QVERIFY(conn);
    const int limit = 257;
    const Pulled pulled = pullAll(*conn, QString(), limit);
    QVERIFY2(pulled.error.isEmpty(), qPrintable(pulled.error));
    QVERIFY(!pulled.resync);
    QVERIFY2(pulled.pages > 2, "the scope must take several pages");
    QVERIFY(pulled.largestPage <= limit);
    QVERIFY(evictedKeys(pulled).isEmpty());
    // Nothing missing, nothing extra, and on a quiet server nothing twice.
    const QSet<RowKey> got = presentKeys(pulled);
    const QSet<RowKey> missing = expected - got;
    const QSet<RowKey> extra = got - expected;
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 missing, e.g. %2 %3").arg(missing.size())
                                               .arg(missing.isEmpty() ? QString() : missing.cbegin()->first,
                                                    missing.isEmpty() ? QString() : missing.cbegin()->second)));
    QVERIFY2(extra.isEmpty(), qPrintable(QStringLiteral("%1 extra, e.g. %2 %3").arg(extra.size())
                                             .arg(extra.isEmpty() ? QString() : extra.cbegin()->first,
                                                  extra.isEmpty() ? QString() : extra.cbegin()->second)));
    QCOMPARE(pulled.entries, expected.size());
    // Each row comes with the version the server holds.
    int checked = 0;
    for (auto it = pulled.versions.cbegin(); it != pulled.versions.cend() && checked < 50; ++it) {
        if (it.key().first != QLatin1String("customer"))
            continue;
        QCOMPARE(it.value(), m_server->scalar(QStringLiteral("SELECT row_version FROM td.customer WHERE id = ?::uuid"),
                                              {it.key().second}).toLongLong());
        ++checked;
    }
    QVERIFY(checked > 0);
    if (who == QLatin1String("agent"))
        m_agentCursor = pulled.cursor;
    if (who == QLatin1String("clerk"))
        m_clerkCursor = pulled.cursor;
}

void TestSyncPull::rowsCarryNoServerColumns()
{
    // The pages until the first customers (the catalogs and the knowledge base come first).
    QJsonArray rows;
    QString cursor;
    for (int pages = 0; pages < 50; ++pages) {
        const QJsonObject page = PgTestServer::pull(*m_clerkConn, cursor, 2000);
        QVERIFY(!page.isEmpty());
        QVERIFY(!page.value(QStringLiteral("resync")).toBool());
        const QJsonArray more = page.value(QStringLiteral("rows")).toArray();
        for (const QJsonValue& v : more)
            rows.append(v);
        cursor = page.value(QStringLiteral("cursor")).toString();
        if (!page.value(QStringLiteral("more")).toBool()
            || std::any_of(more.begin(), more.end(), [](const QJsonValue& v) {
                   return v.toObject().value(QStringLiteral("tbl")).toString() == QLatin1String("customer");
               }))
            break;
    }
    int customers = 0;
    for (const QJsonValue& v : std::as_const(rows)) {
        const QJsonObject row = v.toObject().value(QStringLiteral("row")).toObject();
        for (const QString& key : row.keys()) {
            QVERIFY2(!key.startsWith(QLatin1String("scope_")) && key != QLatin1String("sync_xid")
                         && !key.endsWith(QLatin1String("_masked")),
                     qPrintable(key));
        }
        if (v.toObject().value(QStringLiteral("tbl")).toString() == QLatin1String("customer")) {
            ++customers;
            QVERIFY(row.contains(QStringLiteral("id_number")));
            QVERIFY(row.contains(QStringLiteral("row_version")));
            QVERIFY(row.value(QStringLiteral("updated_at")).toInteger() > 0);
            QCOMPARE(row.value(QStringLiteral("row_version")).toInteger(),
                     v.toObject().value(QStringLiteral("row_version")).toInteger());
        }
    }
    QVERIFY(customers > 0);
}

void TestSyncPull::idNumbersAreMaskedForAgents()
{
    const Pulled agent = pullAll(*m_agentConn, QString(), 5000);
    const Pulled clerk = pullAll(*m_clerkConn, QString(), 5000);
    static const QRegularExpression masked(QStringLiteral("^(\\d{4}\\*{10}[0-9Xx]{4}|.{2}\\*+.{2}|\\*+)$"));
    int agentIds = 0;
    for (auto it = agent.rows.cbegin(); it != agent.rows.cend(); ++it) {
        if (it.key().first != QLatin1String("customer"))
            continue;
        const QJsonValue id = it.value().value(QStringLiteral("id_number"));
        if (id.isNull())
            continue;
        ++agentIds;
        QVERIFY2(masked.match(id.toString()).hasMatch(), qPrintable(id.toString()));
        const QString clear = m_server->scalar(QStringLiteral("SELECT id_number FROM td.customer WHERE id = ?::uuid"),
                                               {it.key().second}).toString();
        QVERIFY(id.toString() != clear);
        QCOMPARE(id.toString().right(2), clear.right(2));
    }
    QVERIFY(agentIds > 5);
    int clerkIds = 0;
    for (auto it = clerk.rows.cbegin(); it != clerk.rows.cend(); ++it) {
        if (it.key().first != QLatin1String("customer") || it.value().value(QStringLiteral("id_number")).isNull())
            continue;
        ++clerkIds;
        QCOMPARE(it.value().value(QStringLiteral("id_number")).toString(),
                 m_server->scalar(QStringLiteral("SELECT id_number FROM td.customer WHERE id = ?::uuid"), {it.key().second})
                     .toString());
    }
    QVERIFY(clerkIds > 0);
}

void TestSyncPull::outOfOrderCommitsAreNotSkipped_data()
{
    QTest::addColumn<bool>("commitMidRound");
    QTest::newRow("late commit between pulls") << false;
    QTest::newRow("late commit between the pages of one pull") << true;
}

void TestSyncPull::outOfOrderCommitsAreNotSkipped()
{
    QFETCH(bool, commitMidRound);
    QVERIFY(!m_agentCursor.isEmpty());
    const QString customer = regionCustomer(QStringLiteral("4401"));
    QVERIFY(!customer.isEmpty());
    auto first = PgConnection::open(m_server->dsn());
    auto second = PgConnection::open(m_server->dsn());
    QVERIFY(first.ok() && second.ok());
    PgConnection& t1 = *first.value();
    PgConnection& t2 = *second.value();
    const QString insert = QStringLiteral(
        "INSERT INTO td.interaction (id, customer_id, channel, kind, occurred_at, summary) "
        "VALUES (?::uuid, ?::uuid, 'hotline', 'inquiry', 1700000000000, ?) RETURNING row_version || '/' || sync_xid");

    // T1 writes first: the smaller transaction id and the smaller row_version ...
    QVERIFY(t1.db().transaction());
    const QString early = newId();
    const auto earlyStamp = t1.scalar(insert, {early, customer, QStringLiteral("written first, committed last")});
    QVERIFY2(earlyStamp.ok(), qPrintable(earlyStamp.errorMessage()));
    // ... T2 writes three rows after it and commits first.
    QVERIFY(t2.db().transaction());
    QStringList late;
    QString lateStamp;
    for (int i = 0; i < 3; ++i) {
        late << newId();
        const auto stamp = t2.scalar(insert, {late.last(), customer, QStringLiteral("written later, committed first")});
        QVERIFY2(stamp.ok(), qPrintable(stamp.errorMessage()));
        if (i == 0)
            lateStamp = stamp.value().toString();
    }
    QVERIFY(t2.db().commit());
    const qint64 earlyVersion = earlyStamp.value().toString().section(QLatin1Char('/'), 0, 0).toLongLong();
    const qint64 lateVersion = lateStamp.section(QLatin1Char('/'), 0, 0).toLongLong();
    QVERIFY(earlyVersion < lateVersion); // a max(row_version) cursor would now be past T1's row

    QSet<QString> seen;
    QString cursor = m_agentCursor;
    const auto take = [&](const QJsonObject& page) {
        for (const QJsonValue& v : page.value(QStringLiteral("rows")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("tbl")).toString() == QLatin1String("interaction"))
                seen.insert(o.value(QStringLiteral("id")).toString());
        }
        cursor = page.value(QStringLiteral("cursor")).toString();
    };
    if (commitMidRound) {
        // One full page of T2's rows, then T1 commits, then the round goes on.
        const QJsonObject page = PgTestServer::pull(*m_agentConn, cursor, 2);
        QVERIFY(page.value(QStringLiteral("more")).toBool());
        take(page);
        QVERIFY(!seen.contains(early));
        QVERIFY(t1.db().commit());
        for (int i = 0; i < 10; ++i) {
            const QJsonObject next = PgTestServer::pull(*m_agentConn, cursor, 2);
            take(next);
            if (!next.value(QStringLiteral("more")).toBool())
                break;
        }
    } else {
        const Pulled between = pullAll(*m_agentConn, cursor, 2);
        QVERIFY2(between.error.isEmpty(), qPrintable(between.error));
        for (auto it = between.rows.cbegin(); it != between.rows.cend(); ++it)
            seen.insert(it.key().second);
        cursor = between.cursor;
        QVERIFY(!seen.contains(early)); // not committed yet
        for (const QString& id : std::as_const(late))
            QVERIFY(seen.contains(id));
        QVERIFY(t1.db().commit());
    }
    // The next pull, whenever it comes, brings T1's row.
    const Pulled after = pullAll(*m_agentConn, cursor, 2);
    QVERIFY2(after.error.isEmpty(), qPrintable(after.error));
    for (auto it = after.rows.cbegin(); it != after.rows.cend(); ++it)
        seen.insert(it.key().second);
    QVERIFY2(seen.contains(early), "the row committed out of sequence order was skipped");
    for (const QString& id : std::as_const(late))
        QVERIFY(seen.contains(id));
    m_agentCursor = after.cursor;
    // Once delivered, nothing new: a pull may only repeat rows at the horizon (other databases on the
    // same cluster can hold the horizon back), never bring anything else.
    const Pulled quiet = pullAll(*m_agentConn, m_agentCursor, 100);
    for (auto it = quiet.rows.cbegin(); it != quiet.rows.cend(); ++it)
        QVERIFY2(seen.contains(it.key().second), qPrintable(it.key().first + QLatin1Char(' ') + it.key().second));
    m_agentCursor = quiet.cursor;
}

void TestSyncPull::tombstonesArrive()
{
    const QString customer = regionCustomer(QStringLiteral("4401"));
    const QString note = newId();
    QVERIFY2(m_server->exec(QStringLiteral("INSERT INTO td.customer_note (id, customer_id, created_at, body) "
                                           "VALUES (?::uuid, ?::uuid, 1, 'to be deleted')"),
                            {note, customer}),
             qPrintable(m_server->error()));
    const qint64 before = m_server->scalar(QStringLiteral("SELECT sync.now_ms()")).toLongLong();
    // A client's idea of the time is ignored: the server stamps the tombstone.
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.customer_note SET deleted_at = 1 WHERE id = ?::uuid"), {note}));
    // Rows are never removed.
    QVERIFY(!m_server->exec(QStringLiteral("DELETE FROM td.customer_note WHERE id = ?::uuid"), {note}));
    QVERIFY2(m_server->error().contains(QStringLiteral("never deleted")), qPrintable(m_server->error()));

    const Pulled pulled = pullAll(*m_agentConn, m_agentCursor, 50);
    const QJsonObject row = pulled.rows.value({QStringLiteral("customer_note"), note});
    QVERIFY(!row.isEmpty());
    QVERIFY(row.value(QStringLiteral("deleted_at")).toInteger() >= before);
    m_agentCursor = pulled.cursor;
}

void TestSyncPull::rowsLeavingScopeAreRemoved()
{
    const QString customer = regionCustomer(QStringLiteral("4401"), true);
    QVERIFY(!customer.isEmpty());
    const int lines = m_server->scalar(QStringLiteral("SELECT count(*) FROM td.subscription WHERE customer_id = ?::uuid"),
                                       {customer}).toInt();
    const int usage = m_server
                          ->scalar(QStringLiteral("SELECT count(*) FROM td.usage_month u JOIN td.subscription s ON "
                                                  "s.id = u.subscription_id WHERE s.customer_id = ?::uuid"),
                                   {customer})
                          .toInt();
    QVERIFY(lines > 0);
    // The customer moves to Beijing.
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.customer SET region_code = '110105' WHERE id = ?::uuid"), {customer}));

    const Pulled agent = pullAll(*m_agentConn, m_agentCursor, 500);
    QVERIFY2(agent.error.isEmpty(), qPrintable(agent.error));
    const QSet<RowKey> evicted = evictedKeys(agent);
    QVERIFY(evicted.contains({QStringLiteral("customer"), customer}));
    int evictedLines = 0, evictedUsage = 0;
    for (const RowKey& key : evicted) {
        evictedLines += key.first == QLatin1String("subscription");
        evictedUsage += key.first == QLatin1String("usage_month");
    }
    QCOMPARE(evictedLines, lines);
    QCOMPARE(evictedUsage, usage);
    // Tickets in the agent's queue stay, whatever the customer's region.
    for (const RowKey& key : evicted) {
        if (key.first == QLatin1String("ticket"))
            QVERIFY(m_server->scalar(QStringLiteral("SELECT queue FROM td.ticket WHERE id = ?::uuid"), {key.second})
                        .toString()
                    != QLatin1String("complaints"));
    }
    m_agentCursor = agent.cursor;

    const Pulled clerk = pullAll(*m_clerkConn, m_clerkCursor, 500);
    const QJsonObject moved = clerk.rows.value({QStringLiteral("customer"), customer});
    QCOMPARE(moved.value(QStringLiteral("region_code")).toString(), QStringLiteral("110105"));
    int gainedLines = 0;
    for (auto it = clerk.rows.cbegin(); it != clerk.rows.cend(); ++it)
        gainedLines += it.key().first == QLatin1String("subscription")
            && it.value().value(QStringLiteral("customer_id")).toString() == customer;
    QCOMPARE(gainedLines, lines);
    QVERIFY(evictedKeys(clerk).isEmpty());
    m_clerkCursor = clerk.cursor;
}

void TestSyncPull::notificationCarriesNoPersonalData()
{
    auto listener = m_server->connectAs(m_agent);
    QVERIFY(listener);
    QSqlDriver* driver = listener->db().driver();
    QVERIFY(driver->subscribeToNotification(QStringLiteral("td_changes")));
    QSignalSpy spy(driver, qOverload<const QString&, QSqlDriver::NotificationSource, const QVariant&>(&QSqlDriver::notification));

    const QString customer = regionCustomer(QStringLiteral("440106"));
    QVERIFY(!customer.isEmpty());
    const QString name = QStringLiteral("欧阳娜娜");
    const QString msisdn = QStringLiteral("+8613912345678");
    const QString idNumber = QStringLiteral("440106199001019876");
    QVERIFY(m_server->exec(QStringLiteral("UPDATE td.customer SET name = ?, primary_msisdn = ?, id_number = ?, "
                                          "address = '广州市天河区体育西路1号' WHERE id = ?::uuid"),
                           {name, msisdn, idNumber, customer}));
    QVERIFY(spy.wait(5000));
    const QString payload = spy.first().at(2).toString();
    QCOMPARE(spy.first().at(0).toString(), QStringLiteral("td_changes"));
    const QJsonObject hint = QJsonDocument::fromJson(payload.toUtf8()).object();
    QCOMPARE(hint.keys(), (QStringList{QStringLiteral("queues"), QStringLiteral("regions"), QStringLiteral("tables")}));
    QCOMPARE(hint.value(QStringLiteral("tables")).toArray(), QJsonArray{QStringLiteral("customer")});
    QCOMPARE(hint.value(QStringLiteral("regions")).toArray(), QJsonArray{QStringLiteral("440106")});
    for (const QString& secret : {name, msisdn, msisdn.right(8), idNumber, customer, QStringLiteral("体育西路")})
        QVERIFY2(!payload.contains(secret), qPrintable(payload));
    static const QRegularExpression uuid(QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}"));
    QVERIFY(!uuid.match(payload).hasMatch());
    driver->unsubscribeFromNotification(QStringLiteral("td_changes"));
    // The change itself arrives by pull, masked for the agent.
    const Pulled pulled = pullAll(*m_agentConn, m_agentCursor, 100);
    const QJsonObject row = pulled.rows.value({QStringLiteral("customer"), customer});
    QCOMPARE(row.value(QStringLiteral("name")).toString(), name);
    QCOMPARE(row.value(QStringLiteral("id_number")).toString(), QStringLiteral("4401**********9876"));
    m_agentCursor = pulled.cursor;
}

void TestSyncPull::badCursorIsAnError()
{
    QString error;
    for (const QString& bad : {QStringLiteral("garbage"), QStringLiteral("1.5.6.7..abcdefabcdef"),
                               QStringLiteral("1.1'; DROP TABLE td.customer; --....abcdefabcdef")}) {
        const QJsonObject page = PgTestServer::pull(*m_agentConn, bad, 10, &error);
        QVERIFY(page.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("not a sync cursor")), qPrintable(error));
    }
    // A well-formed cursor made under another scope starts the client over.
    QString forged = m_agentCursor;
    forged.replace(forged.size() - 12, 12, QStringLiteral("000000000000"));
    const QJsonObject page = PgTestServer::pull(*m_agentConn, forged, 10, &error);
    QVERIFY(page.value(QStringLiteral("resync")).toBool());
    QCOMPARE(page.value(QStringLiteral("reason")).toString(), QStringLiteral("scope"));
    QVERIFY(page.value(QStringLiteral("rows")).toArray().isEmpty());
}

void TestSyncPull::scopeChangeAsksForResync()
{
    // The agent takes on Shanghai as well: rows that come into scope carry old versions.
    QCOMPARE(m_server->addAgent(QStringLiteral("agent_gz"), QStringLiteral("agent"),
                                {QStringLiteral("440100"), QStringLiteral("310000")}, {QStringLiteral("complaints")}),
             m_agent);
    const Pulled old = pullAll(*m_agentConn, m_agentCursor, 100);
    QVERIFY(old.resync);
    QCOMPARE(old.reason, QStringLiteral("scope"));
    const Pulled fresh = pullAll(*m_agentConn, QString(), 5000);
    QVERIFY(!fresh.resync);
    int shanghai = 0;
    for (auto it = fresh.rows.cbegin(); it != fresh.rows.cend(); ++it)
        shanghai += it.key().first == QLatin1String("customer")
            && it.value().value(QStringLiteral("region_code")).toString().startsWith(QLatin1String("31"));
    QCOMPARE(shanghai, m_server->scalar(QStringLiteral("SELECT count(*) FROM td.customer WHERE region_code LIKE '31%'")).toInt());
    QVERIFY(shanghai > 0);
    m_agentCursor = fresh.cursor;
}

void TestSyncPull::pruningKeepsFirstSyncCompleteAndSendsOldCursorsBack()
{
    const QString oldCursor = m_clerkCursor;
    const QString customer = regionCustomer(QStringLiteral("1101"));
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_server->exec(QStringLiteral("UPDATE td.customer SET tags = ? WHERE id = ?::uuid"),
                               {QStringLiteral("vip%1").arg(i), customer}));
    // Pruning stops at the horizon, which transactions in other databases of the cluster (other tests)
    // can hold back for a moment: prune until the horizon has passed the updates.
    qint64 deleted = 0;
    int left = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const qint64 entries = m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.change_log")).toLongLong();
        const QJsonObject pruned = QJsonDocument::fromJson(
            m_server->scalar(QStringLiteral("SELECT sync.prune_change_log(0)::text")).toString().toUtf8()).object();
        const qint64 now = pruned.value(QStringLiteral("deleted")).toInteger();
        QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.change_log")).toLongLong(), entries - now);
        deleted += now;
        left = m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.change_log WHERE tbl = 'customer' AND row_id = ?::uuid"),
                                {customer}).toInt();
        if (left == 1)
            break;
        QTest::qWait(200);
    }
    QVERIFY2(deleted >= 3, qPrintable(QString::number(deleted)));
    // Only superseded entries went: one entry per live row is left.
    QCOMPARE(left, 1);
    // Desktop logins may not prune.
    QVERIFY(!m_clerkConn->scalar(QStringLiteral("SELECT sync.prune_change_log(0)")).ok());

    const Pulled stale = pullAll(*m_clerkConn, oldCursor, 100);
    QVERIFY(stale.resync);
    QCOMPARE(stale.reason, QStringLiteral("pruned"));

    const QString self = m_server->scalar(QStringLiteral("SELECT id::text FROM td.agent WHERE login = ?"), {m_clerk}).toString();
    const Pulled fresh = pullAll(*m_clerkConn, QString(), 3000);
    QVERIFY(!fresh.resync);
    // Tombstones older than the pruning age need not reach a new client (it never had the rows).
    QSet<RowKey> expected = expectedScope({QStringLiteral("1101")}, {}, {self}, false);
    QSet<RowKey> got = presentKeys(fresh);
    QSqlQuery tombstones(m_server->admin().db());
    QVERIFY(tombstones.exec(QStringLiteral("SELECT 'customer_note', id::text FROM td.customer_note WHERE deleted_at IS NOT NULL")));
    while (tombstones.next()) {
        const RowKey key{tombstones.value(0).toString(), tombstones.value(1).toString()};
        expected.remove(key);
        got.remove(key);
    }
    QVERIFY(expected.size() > 300);
    QVERIFY2(got == expected, qPrintable(QStringLiteral("%1 missing (%2), %3 extra (%4)")
                                             .arg((expected - got).size())
                                             .arg((expected - got).isEmpty() ? QString() : (expected - got).cbegin()->first)
                                             .arg((got - expected).size())
                                             .arg((got - expected).isEmpty() ? QString() : (got - expected).cbegin()->first)));
    QCOMPARE(fresh.rows.value({QStringLiteral("customer"), customer}).value(QStringLiteral("tags")).toString(),
             QStringLiteral("vip2"));
}

QTEST_GUILESS_MAIN(TestSyncPull)
#include "tst_syncpull.moc"
