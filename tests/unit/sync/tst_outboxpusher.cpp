#include "FailingStore.h"
#include "FakeClock.h"
#include "FakeRemote.h"
#include "Fixtures.h"
#include "SyncTestRows.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "store/ChangeWriter.h"
#include "sync/LocalSyncState.h"
#include "sync/OutboxPusher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

struct OutboxRow
{
    qint64 seq = 0;
    QString state;
    QVariant errorCode;
    QVariant error;
    int attempts = 0;
};

QVector<OutboxRow> readOutbox(const QSqlDatabase& db)
{
    QVector<OutboxRow> rows;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT seq, state, error_code, error, attempts FROM outbox ORDER BY seq")))
        return rows;
    while (q.next())
        rows.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2), q.value(3), q.value(4).toInt()});
    return rows;
}

/// state|error_code|error per row: what the pusher decided, without the attempt counter.
QStringList verdicts(const QSqlDatabase& db)
{
    QStringList out;
    for (const OutboxRow& row : readOutbox(db))
        out << QStringLiteral("%1 %2 %3 %4")
                   .arg(row.seq)
                   .arg(row.state, row.errorCode.isNull() ? QStringLiteral("-") : row.errorCode.toString(),
                        row.error.isNull() ? QStringLiteral("-") : row.error.toString());
    return out;
}

} // namespace

class TestOutboxPusher : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void sendsInSeqOrderAndBatchSize();
    void recordsEachVerdict();
    void transientFailureLeavesAllPending_data();
    void transientFailureLeavesAllPending();
    void lostAnswerIsAppliedExactlyOnce();
    void lostAnswerToARejection();
    void batchRefusedAsAWholeIsSentOneByOne_data();
    void batchRefusedAsAWholeIsSentOneByOne();
    void payloadThatIsNotJsonIsRejectedLocally_data();
    void payloadThatIsNotJsonIsRejectedLocally();
    void syncConflictsStoresOpenAndReportsResolved();
    void everyFailingStatementLeavesOutboxConsistent();
    void cancelStopsBeforeTheNextBatch();
    void retentionTaskClosedOfflineBehindAServerTaskIsDropped();

private:
    QString writeInteraction(const QString& summary, const QString& id = QString());
    qint64 lastSeq() const;
    qint64 insertRawOutbox(const QString& entity, const QString& id, const QByteArray& payload);
    QString state(qint64 seq) const;

    std::unique_ptr<TempStore> m_temp;
    std::unique_ptr<FakeRemote> m_remote;
    QString m_clientId;
    QString m_customer;
    FakeClock m_clock;
};

void TestOutboxPusher::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    m_remote = std::make_unique<FakeRemote>();
    QVERIFY(m_remote->open());
    const auto id = LocalSyncState::clientId(*m_temp->store());
    QVERIFY(id);
    m_clientId = id.value();
    Fixtures fixtures(m_temp->store());
    m_customer = fixtures.addCustomer({QStringLiteral("李娜"), QStringLiteral("13912345678"), {}, {}});
    QVERIFY(!m_customer.isEmpty());
}

void TestOutboxPusher::cleanup()
{
    m_remote.reset();
    m_temp.reset();
}

QString TestOutboxPusher::writeInteraction(const QString& summary, const QString& id)
{
    const QString interactionId = id.isEmpty() ? UuidV7::create() : id;
    ChangeWriter writer(m_temp->store(), m_clock);
    const Status written = writer.apply(Change{Change::Op::Insert,
                                               QStringLiteral("interaction"),
                                               interactionId,
                                               {{QStringLiteral("customer_id"), m_customer},
                                                {QStringLiteral("channel"), QStringLiteral("hotline")},
                                                {QStringLiteral("kind"), QStringLiteral("inquiry")},
                                                {QStringLiteral("occurred_at"), m_clock.nowMs()},
                                                {QStringLiteral("summary"), summary}},
                                               {}});
    return written ? interactionId : QString();
}

qint64 TestOutboxPusher::lastSeq() const
{
    QSqlQuery q(m_temp->store()->connection());
    if (!q.exec(QStringLiteral("SELECT max(seq) FROM outbox")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

qint64 TestOutboxPusher::insertRawOutbox(const QString& entity, const QString& id, const QByteArray& payload)
{
    // What an older or damaged desktop could have queued: written past ChangeWriter's checks.
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO outbox(mutation_id, entity, entity_id, op, payload, base_version, created_at, "
                             "schema_version) VALUES(?, ?, ?, 'insert', ?, 0, ?, 3)"));
    q.addBindValue(UuidV7::create());
    q.addBindValue(entity);
    q.addBindValue(id);
    q.addBindValue(QString::fromUtf8(payload));
    q.addBindValue(m_clock.nowMs());
    if (!q.exec()) {
        qWarning() << q.lastError().text();
        return -1;
    }
    return q.lastInsertId().toLongLong();
}

QString TestOutboxPusher::state(qint64 seq) const
{
    for (const OutboxRow& row : readOutbox(m_temp->store()->connection())) {
        if (row.seq == seq)
            return row.state;
    }
    return QStringLiteral("<none>");
}

void TestOutboxPusher::sendsInSeqOrderAndBatchSize()
{
    QVector<qint64> seqs;
    QStringList ids;
    for (int i = 0; i < 7; ++i) {
        ids << writeInteraction(QStringLiteral("第%1次来电").arg(i));
        QVERIFY(!ids.last().isEmpty());
        seqs << lastSeq();
    }
    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId, 3);
    const auto pushed = pusher.pushAll();
    QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
    QCOMPARE(pushed->sent, 7);
    QCOMPARE(pushed->applied, 7);
    QCOMPARE(pushed->batches, 3);
    const FakeServer& server = m_remote->server();
    QCOMPARE(server.batchesReceived(), (QVector<QVector<qint64>>{seqs.mid(0, 3), seqs.mid(3, 3), seqs.mid(6)}));
    QCOMPARE(server.lastClientId(), m_clientId);
    QCOMPARE(server.lastSeq(m_clientId), seqs.last());
    for (int i = 0; i < 7; ++i) {
        QCOMPARE(server.timesApplied(m_clientId, seqs.at(i)), 1);
        QCOMPARE(server.row(QStringLiteral("interaction"), ids.at(i)).value(QStringLiteral("summary")).toString(),
                 QStringLiteral("第%1次来电").arg(i));
    }
    // Sent as queued: the outbox's own JSON text, entity, id and op.
    const OutgoingMutation last = server.lastBatch().constFirst();
    QCOMPARE(last.entity, QStringLiteral("interaction"));
    QCOMPARE(last.entityId, ids.last());
    QCOMPARE(last.op, QStringLiteral("insert"));
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT payload FROM outbox WHERE seq = %1").arg(seqs.last())) && q.next());
    QCOMPARE(last.payload, q.value(0).toString().toUtf8());
    for (const OutboxRow& row : readOutbox(m_temp->store()->connection())) {
        QCOMPARE(row.state, QStringLiteral("applied"));
        QCOMPARE(row.attempts, 1);
        QVERIFY(row.errorCode.isNull());
    }
    // Nothing left: one more push sends nothing.
    const auto again = pusher.pushAll();
    QVERIFY(again);
    QCOMPARE(again->sent, 0);
    QCOMPARE(server.calls(QStringLiteral("applyBatch")), 3);
}

void TestOutboxPusher::recordsEachVerdict()
{
    FakeServer& server = m_remote->server();
    Fixtures fixtures(m_temp->store());
    const QString ticket = fixtures.addTicket(m_customer, QStringLiteral("new"), m_clock.nowMs(), QStringLiteral("信号差"));
    QVERIFY(!ticket.isEmpty());
    QJsonObject serverTicket = ticketFields(m_customer, QStringLiteral("信号差"));
    serverTicket.insert(QStringLiteral("id"), ticket);
    QVERIFY(server.put(QStringLiteral("ticket"), serverTicket) > 0);
    const QString known = UuidV7::create();
    QJsonObject existing = interactionFields(m_customer, QStringLiteral("已在服务器"));
    existing.insert(QStringLiteral("id"), known);
    QVERIFY(server.put(QStringLiteral("interaction"), existing) > 0);

    ChangeWriter writer(m_temp->store(), m_clock);
    QVERIFY(!writeInteraction(QStringLiteral("新的")).isEmpty());
    const qint64 applied = lastSeq();
    QVERIFY(!writeInteraction(QStringLiteral("已在服务器"), known).isEmpty());
    const qint64 duplicate = lastSeq();
    QVERIFY(writer.apply(Change{Change::Op::Update, QStringLiteral("ticket"), ticket,
                                {{QStringLiteral("title"), QStringLiteral("信号很差")}}, {}}));
    const qint64 conflict = lastSeq();
    QVERIFY(writer.apply(Change{Change::Op::Update, QStringLiteral("ticket"), ticket,
                                {{QStringLiteral("status"), QStringLiteral("closed")}}, {}}));
    const qint64 rejected = lastSeq();
    QVERIFY(!writeInteraction(QStringLiteral("在拒绝之后")).isEmpty());
    const qint64 behind = lastSeq();

    server.conflictSeq(conflict, QStringLiteral("title"), QStringLiteral("服务器标题"));
    server.rejectSeq(rejected, QStringLiteral("workflow"), QStringLiteral("new → closed is not allowed"));

    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId, 500);
    const auto pushed = pusher.pushAll();
    QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
    QCOMPARE(pushed->sent, 5);
    QCOMPARE(pushed->applied, 2);
    QCOMPARE(pushed->duplicates, 1);
    QCOMPARE(pushed->conflicts, 1);
    QCOMPARE(pushed->rejected, 1);
    QCOMPARE(pushed->batches, 1);

    const QStringList expected{
        QStringLiteral("%1 applied - -").arg(applied),
        QStringLiteral("%1 applied - -").arg(duplicate),
        QStringLiteral("%1 applied conflict title changed on both sides").arg(conflict),
        QStringLiteral("%1 rejected workflow new → closed is not allowed").arg(rejected),
        QStringLiteral("%1 applied - -").arg(behind),
    };
    QCOMPARE(verdicts(m_temp->store()->connection()), expected);
    QCOMPARE(server.timesApplied(m_clientId, applied), 1);
    QCOMPARE(server.timesApplied(m_clientId, duplicate), 0);
    QCOMPARE(server.timesApplied(m_clientId, rejected), 0);
    QCOMPARE(server.timesApplied(m_clientId, behind), 1);
    QCOMPARE(server.row(QStringLiteral("ticket"), ticket).value(QStringLiteral("title")).toString(), QStringLiteral("服务器标题"));
    QCOMPARE(server.row(QStringLiteral("ticket"), ticket).value(QStringLiteral("status")).toString(), QStringLiteral("new"));
}

void TestOutboxPusher::transientFailureLeavesAllPending_data()
{
    QTest::addColumn<QString>("code");
    QTest::newRow("network") << QStringLiteral("network");
    QTest::newRow("timeout") << QStringLiteral("timeout");
    QTest::newRow("auth") << QStringLiteral("auth");
    QTest::newRow("cancelled") << QStringLiteral("cancelled");
}

void TestOutboxPusher::transientFailureLeavesAllPending()
{
    QFETCH(QString, code);
    for (int i = 0; i < 3; ++i)
        QVERIFY(!writeInteraction(QStringLiteral("来电%1").arg(i)).isEmpty());
    FakeServer& server = m_remote->server();
    server.failNext(QStringLiteral("applyBatch"), code);
    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId, 2);
    const auto failed = pusher.pushAll();
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, code);
    const QVector<OutboxRow> rows = readOutbox(m_temp->store()->connection());
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0).state, QStringLiteral("pending"));
    QCOMPARE(rows.at(0).attempts, 1);
    QCOMPARE(rows.at(1).state, QStringLiteral("pending"));
    QCOMPARE(rows.at(1).attempts, 1);
    QCOMPARE(rows.at(2).state, QStringLiteral("pending"));
    QCOMPARE(rows.at(2).attempts, 0); // its batch was never sent
    QVERIFY(server.appliedLog().isEmpty());
    QCOMPARE(server.calls(QStringLiteral("applyBatch")), 1); // no one-by-one for a transient failure

    if (!m_remote->isOpen())
        QVERIFY(m_remote->open());
    const auto retried = pusher.pushAll();
    QVERIFY2(retried, qPrintable(retried.errorMessage()));
    QCOMPARE(retried->applied, 3);
    const QVector<OutboxRow> after = readOutbox(m_temp->store()->connection());
    QCOMPARE(after.at(0).attempts, 2);
    QCOMPARE(after.at(2).attempts, 1);
    for (const OutboxRow& row : after)
        QCOMPARE(row.state, QStringLiteral("applied"));
}

void TestOutboxPusher::lostAnswerIsAppliedExactlyOnce()
{
    QVector<qint64> seqs;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(!writeInteraction(QStringLiteral("来电%1").arg(i)).isEmpty());
        seqs << lastSeq();
    }
    FakeServer& server = m_remote->server();
    server.loseAnswerNext(QStringLiteral("applyBatch"));
    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId, 500);
    const auto lost = pusher.pushAll();
    QVERIFY(!lost);
    QCOMPARE(lost.error().code, QStringLiteral("network"));
    for (const OutboxRow& row : readOutbox(m_temp->store()->connection()))
        QCOMPARE(row.state, QStringLiteral("pending"));
    for (qint64 seq : seqs)
        QCOMPARE(server.timesApplied(m_clientId, seq), 1); // the server did commit

    QVERIFY(!m_remote->isOpen()); // the connection dropped with the answer
    QVERIFY(m_remote->open());
    const auto resent = pusher.pushAll();
    QVERIFY2(resent, qPrintable(resent.errorMessage()));
    QCOMPARE(resent->sent, 3);
    QCOMPARE(resent->duplicates, 3);
    QCOMPARE(resent->applied, 0);
    for (const OutboxRow& row : readOutbox(m_temp->store()->connection())) {
        QCOMPARE(row.state, QStringLiteral("applied"));
        QCOMPARE(row.attempts, 2);
    }
    for (qint64 seq : seqs)
        QCOMPARE(server.timesApplied(m_clientId, seq), 1);
    QCOMPARE(server.batchesReceived(), (QVector<QVector<qint64>>{seqs, seqs}));
    QCOMPARE(server.appliedLog().size(), 3);
}

void TestOutboxPusher::lostAnswerToARejection()
{
    // The server keeps a rejection in sync.rejection, and a resend after a lost answer finds the seq at
    // or below last_seq: it must be refused again (0006_repeat_rejections.sql), not answered "duplicate",
    // or the desktop would record the refused change as applied and the agent never see the rejection.
    QVERIFY(!writeInteraction(QStringLiteral("好")).isEmpty());
    QVERIFY(!writeInteraction(QStringLiteral("被拒")).isEmpty());
    const qint64 refused = lastSeq();
    FakeServer& server = m_remote->server();
    server.rejectSeq(refused, QStringLiteral("permission"), QStringLiteral("not in your region"));
    server.loseAnswerNext(QStringLiteral("applyBatch"));
    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId, 500);
    QVERIFY(!pusher.pushAll());
    QVERIFY(m_remote->open());
    QVERIFY(pusher.pushAll());
    QCOMPARE(server.timesApplied(m_clientId, refused), 0);
    QCOMPARE(state(refused), QStringLiteral("rejected"));
}

void TestOutboxPusher::batchRefusedAsAWholeIsSentOneByOne_data()
{
    QTest::addColumn<QByteArray>("badText");
    QTest::newRow("NUL") << QByteArray("x\\u0000y");
    QTest::newRow("lone high surrogate") << QByteArray("x\\ud800y");
    QTest::newRow("lone low surrogate") << QByteArray("\\udc00");
}

void TestOutboxPusher::batchRefusedAsAWholeIsSentOneByOne()
{
    QFETCH(QByteArray, badText);
    QVERIFY(!writeInteraction(QStringLiteral("一")).isEmpty());
    const qint64 first = lastSeq();
    QVERIFY(!writeInteraction(QStringLiteral("二")).isEmpty());
    const qint64 second = lastSeq();
    const QString culpritId = UuidV7::create();
    const qint64 culprit = insertRawOutbox(
        QStringLiteral("interaction"), culpritId,
        QByteArray(R"({"set":{"customer_id":")") + m_customer.toUtf8()
            + R"(","channel":"hotline","kind":"inquiry","occurred_at":1,"summary":")" + badText + R"("}})");
    QVERIFY(culprit > 0);
    QVERIFY(!writeInteraction(QStringLiteral("四")).isEmpty());
    const qint64 fourth = lastSeq();

    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId, 500);
    const auto pushed = pusher.pushAll();
    QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
    QCOMPARE(pushed->applied, 3);
    QCOMPARE(pushed->rejected, 1);
    const FakeServer& server = m_remote->server();
    const QVector<qint64> all{first, second, culprit, fourth};
    QCOMPARE(server.batchesReceived(),
             (QVector<QVector<qint64>>{all, {first}, {second}, {culprit}, {fourth}}));
    QCOMPARE(state(first), QStringLiteral("applied"));
    QCOMPARE(state(second), QStringLiteral("applied"));
    QCOMPARE(state(fourth), QStringLiteral("applied"));
    const QVector<OutboxRow> rows = readOutbox(m_temp->store()->connection());
    const auto bad = std::find_if(rows.begin(), rows.end(), [culprit](const OutboxRow& r) { return r.seq == culprit; });
    QVERIFY(bad != rows.end());
    QCOMPARE(bad->state, QStringLiteral("rejected"));
    QCOMPARE(bad->errorCode.toString(), QStringLiteral("invalid"));
    QVERIFY2(bad->error.toString().contains(QStringLiteral("Unicode")), qPrintable(bad->error.toString()));
    QCOMPARE(server.timesApplied(m_clientId, culprit), 0);
    QVERIFY(server.row(QStringLiteral("interaction"), culpritId).isEmpty());
    // Nothing is left to retry: the queue is not blocked.
    const auto again = pusher.pushAll();
    QVERIFY(again);
    QCOMPARE(again->sent, 0);
}

void TestOutboxPusher::payloadThatIsNotJsonIsRejectedLocally_data()
{
    QTest::addColumn<int>("batchSize");
    QTest::newRow("one batch") << 500;
    QTest::newRow("batches of one") << 1;
}

void TestOutboxPusher::payloadThatIsNotJsonIsRejectedLocally()
{
    QFETCH(int, batchSize);
    const qint64 broken = insertRawOutbox(QStringLiteral("interaction"), UuidV7::create(), "{\"set\": {\"summary\": ");
    const qint64 array = insertRawOutbox(QStringLiteral("interaction"), UuidV7::create(), "[1, 2]");
    QVERIFY(broken > 0 && array > 0);
    QVERIFY(!writeInteraction(QStringLiteral("好的")).isEmpty());
    const qint64 good = lastSeq();

    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId, batchSize);
    const auto pushed = pusher.pushAll();
    QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
    QCOMPARE(pushed->rejected, 2);
    QCOMPARE(pushed->applied, 1);
    QCOMPARE(m_remote->server().batchesReceived(), (QVector<QVector<qint64>>{{good}}));
    const QVector<OutboxRow> rows = readOutbox(m_temp->store()->connection());
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0).state, QStringLiteral("rejected"));
    QCOMPARE(rows.at(0).errorCode.toString(), QStringLiteral("invalid"));
    QVERIFY2(rows.at(0).error.toString().contains(QStringLiteral("JSON")), qPrintable(rows.at(0).error.toString()));
    QCOMPARE(rows.at(0).attempts, 0);
    QCOMPARE(rows.at(1).state, QStringLiteral("rejected"));
    QCOMPARE(rows.at(1).errorCode.toString(), QStringLiteral("invalid"));
    QCOMPARE(rows.at(2).state, QStringLiteral("applied"));
}

void TestOutboxPusher::syncConflictsStoresOpenAndReportsResolved()
{
    FakeServer& server = m_remote->server();
    const QString ticket = UuidV7::create();
    ServerConflict withBase;
    withBase.seq = 5;
    withBase.entity = QStringLiteral("ticket");
    withBase.entityId = ticket;
    withBase.field = QStringLiteral("title");
    withBase.base = QStringLiteral("旧标题");
    withBase.mine = QStringLiteral("我的标题");
    withBase.theirs = QStringLiteral("他们的标题");
    const QString first = server.addConflict(m_clientId, withBase);
    ServerConflict withoutBase = withBase;
    withoutBase.field = QStringLiteral("priority");
    withoutBase.base = QJsonValue(QJsonValue::Undefined);
    withoutBase.mine = 3;
    withoutBase.theirs = QJsonValue(QJsonValue::Null);
    const QString second = server.addConflict(m_clientId, withoutBase);
    // Another desktop's conflict is not ours.
    server.addConflict(UuidV7::create(), withBase);
    // One decided here already, not yet reported.
    const QString decided = server.addConflict(m_clientId, withBase);
    {
        QSqlQuery q(m_temp->store()->connection());
        q.prepare(QStringLiteral("INSERT INTO sync_conflict(id, seq, entity, entity_id, field, base_value, mine, theirs, "
                                 "status, resolution, received_at, resolved_at) "
                                 "VALUES(?, 5, 'ticket', ?, 'title', '\"a\"', '\"b\"', '\"c\"', 'resolved', 'theirs', 1, 2)"));
        q.addBindValue(decided);
        q.addBindValue(ticket);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId);
    const Status synced = pusher.syncConflicts();
    QVERIFY2(synced, qPrintable(synced.errorMessage()));
    QCOMPARE(server.resolvedConflictIds(), QStringList{decided});
    QCOMPARE(server.openConflictIds(m_clientId), (QStringList{first, second}));

    const auto row = [this](const QString& id) {
        QSqlQuery q(m_temp->store()->connection());
        q.prepare(QStringLiteral("SELECT seq, entity, entity_id, field, base_value, mine, theirs, status, server_resolved "
                                 "FROM sync_conflict WHERE id = ?"));
        q.addBindValue(id);
        QVariantList values;
        if (q.exec() && q.next()) {
            for (int i = 0; i < 9; ++i)
                values << q.value(i);
        }
        return values;
    };
    QCOMPARE(row(first), (QVariantList{5, QStringLiteral("ticket"), ticket, QStringLiteral("title"),
                                       QStringLiteral("\"旧标题\""), QStringLiteral("\"我的标题\""),
                                       QStringLiteral("\"他们的标题\""), QStringLiteral("open"), 0}));
    const QVariantList noBase = row(second);
    QCOMPARE(noBase.size(), 9);
    QVERIFY(noBase.at(4).isNull());
    QCOMPARE(noBase.at(5).toString(), QStringLiteral("3"));
    QCOMPARE(noBase.at(6).toString(), QStringLiteral("null"));
    QCOMPARE(row(decided).at(7).toString(), QStringLiteral("resolved"));
    QCOMPARE(row(decided).at(8).toInt(), 1);
    Fixtures fixtures(m_temp->store());
    QCOMPARE(fixtures.count(QStringLiteral("sync_conflict")), 3);

    // Again: nothing new, nothing reported twice.
    QVERIFY(pusher.syncConflicts());
    QCOMPARE(server.resolvedConflictIds(), QStringList{decided});
    QCOMPARE(fixtures.count(QStringLiteral("sync_conflict")), 3);
}

void TestOutboxPusher::everyFailingStatementLeavesOutboxConsistent()
{
    // Six mutations in batches of four: an insert the server has already (append-only duplicate), an
    // update of a ticket the server holds, inserts. Each attempt starts from a copy of the same file
    // and a server in the same state, fails statement i of the push, then pushes again.
    Fixtures fixtures(m_temp->store());
    const QString ticket = fixtures.addTicket(m_customer, QStringLiteral("new"), m_clock.nowMs(), QStringLiteral("信号差"));
    const QString known = UuidV7::create();
    QVERIFY(!writeInteraction(QStringLiteral("一")).isEmpty());
    QVERIFY(!writeInteraction(QStringLiteral("已在服务器"), known).isEmpty());
    ChangeWriter writer(m_temp->store(), m_clock);
    QVERIFY(writer.apply(Change{Change::Op::Update, QStringLiteral("ticket"), ticket,
                                {{QStringLiteral("priority"), 1}}, {}}));
    for (int i = 0; i < 3; ++i)
        QVERIFY(!writeInteraction(QStringLiteral("后%1").arg(i)).isEmpty());
    const QString baseline = m_temp->dir() + QStringLiteral("/baseline.db");
    {
        QSqlQuery q(m_temp->store()->connection());
        q.prepare(QStringLiteral("VACUUM INTO ?"));
        q.addBindValue(baseline);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    const QStringList before = verdicts(m_temp->store()->connection());

    const auto makeServer = [&]() {
        auto server = std::make_shared<FakeServer>();
        QJsonObject t = ticketFields(m_customer, QStringLiteral("信号差"));
        t.insert(QStringLiteral("id"), ticket);
        server->put(QStringLiteral("ticket"), t);
        QJsonObject i = interactionFields(m_customer, QStringLiteral("已在服务器"));
        i.insert(QStringLiteral("id"), known);
        server->put(QStringLiteral("interaction"), i);
        return server;
    };
    const auto openCopy = [&](const QString& name) -> LocalStorePtr {
        const QString path = m_temp->dir() + QLatin1Char('/') + name;
        if (!QFile::copy(baseline, path))
            return {};
        auto opened = LocalStore::open(path);
        return opened ? opened.value() : LocalStorePtr();
    };

    int statements = 0;
    QStringList cleanVerdicts;
    QStringList cleanServer;
    QVector<QVector<qint64>> batches;
    {
        LocalStorePtr store = openCopy(QStringLiteral("reference.db"));
        QVERIFY(store);
        FakeRemote remote(makeServer());
        QVERIFY(remote.open());
        OutboxPusher pusher(store->connection(), remote, m_clientId, 4);
        FailingStore counter(store->connection());
        const auto pushed = pusher.pushAll();
        QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
        QCOMPARE(pushed->applied, 5);
        QCOMPARE(pushed->duplicates, 1);
        statements = counter.statements();
        cleanVerdicts = verdicts(store->connection());
        cleanServer = remote.server().dumpRows();
        batches = remote.server().batchesReceived();
    }
    QCOMPARE(batches.size(), 2);
    QVERIFY(cleanVerdicts != before);
    qInfo("pushing 6 mutations in 2 batches takes %d statements; failing each in turn", statements);

    for (int i = 1; i <= statements; ++i) {
        LocalStorePtr store = openCopy(QStringLiteral("attempt-%1.db").arg(i));
        QVERIFY(store);
        QSqlDatabase db = store->connection();
        FakeRemote remote(makeServer());
        QVERIFY(remote.open());
        OutboxPusher pusher(db, remote, m_clientId, 4);
        QString failed;
        {
            FailingStore failing(db, i);
            const auto pushed = pusher.pushAll();
            failed = failing.failedStatement();
            QVERIFY2(failing.fired(), qPrintable(QStringLiteral("statement %1 never ran").arg(i)));
            QVERIFY2(!pushed, qPrintable(QStringLiteral("statement %1 (%2) failed, yet pushAll() succeeded").arg(i).arg(failed)));
        }
        // Each batch's verdicts are recorded all together or not at all.
        const QStringList after = verdicts(db);
        int row = 0;
        for (const QVector<qint64>& batch : std::as_const(batches)) {
            const QStringList now = after.mid(row, batch.size());
            const bool asBefore = now == before.mid(row, batch.size());
            const bool asClean = now == cleanVerdicts.mid(row, batch.size());
            QVERIFY2(asBefore || asClean, qPrintable(QStringLiteral("statement %1 (%2) failed and left a batch half "
                                                                    "recorded: %3")
                                                         .arg(i).arg(failed, now.join(QStringLiteral("; ")))));
            row += batch.size();
        }

        const auto retried = pusher.pushAll();
        QVERIFY2(retried, qPrintable(QStringLiteral("retry after statement %1: %2").arg(i).arg(retried.errorMessage())));
        QCOMPARE(verdicts(db), cleanVerdicts);
        QCOMPARE(remote.server().dumpRows(), cleanServer);
        for (const QString& applied : remote.server().appliedLog()) {
            const qint64 seq = applied.section(QLatin1Char('/'), 1).toLongLong();
            QCOMPARE(remote.server().timesApplied(m_clientId, seq), 1);
        }
        QCOMPARE(remote.server().appliedLog().size(), 5);
        for (const OutboxRow& r : readOutbox(db))
            QVERIFY(r.attempts >= 1 && r.attempts <= 2);
    }
}

void TestOutboxPusher::cancelStopsBeforeTheNextBatch()
{
    QVector<qint64> seqs;
    for (int i = 0; i < 4; ++i) {
        QVERIFY(!writeInteraction(QStringLiteral("取消%1").arg(i)).isEmpty());
        seqs << lastSeq();
    }
    QAtomicInteger<int> cancel{1};
    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId, 2);
    pusher.setCancelFlag(&cancel);
    const auto stopped = pusher.pushAll();
    QVERIFY(!stopped);
    QCOMPARE(stopped.error().code, QStringLiteral("cancelled"));
    QVERIFY(m_remote->server().batchesReceived().isEmpty());
    for (qint64 seq : seqs)
        QCOMPARE(state(seq), QStringLiteral("pending"));
    cancel.storeRelease(0);
    const auto pushed = pusher.pushAll();
    QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
    QCOMPARE(pushed->applied, 4);
    QCOMPARE(m_remote->server().batchesReceived(), (QVector<QVector<qint64>>{seqs.mid(0, 2), seqs.mid(2)}));
}


void TestOutboxPusher::retentionTaskClosedOfflineBehindAServerTaskIsDropped()
{
    // Offline, this desktop opened a retention task and closed it; meanwhile the server got another open
    // task for the customer and this desktop pulled it. Pushing: the insert is answered "duplicate" (the
    // server's trigger), the close is refused (no such task there). Undoing the close would reopen a
    // second open task for the customer, which the cache's unique index refuses: the local task goes, the
    // server's stays, and the push completes instead of failing for ever.
    ChangeWriter writer(m_temp->store(), m_clock);
    const QString mine = UuidV7::create();
    QVERIFY(writer.apply(Change{Change::Op::Insert, QStringLiteral("retention_task"), mine,
                                {{QStringLiteral("customer_id"), m_customer},
                                 {QStringLiteral("reason"), QStringLiteral("model")},
                                 {QStringLiteral("status"), QStringLiteral("open")},
                                 {QStringLiteral("queue"), QStringLiteral("retention")},
                                 {QStringLiteral("created_at"), m_clock.nowMs()}},
                                {}}));
    const qint64 inserted = lastSeq();
    QVERIFY(writer.apply(Change{Change::Op::Update, QStringLiteral("retention_task"), mine,
                                {{QStringLiteral("status"), QStringLiteral("done")},
                                 {QStringLiteral("outcome"), QStringLiteral("accepted")}},
                                {}}));
    const qint64 closed = lastSeq();
    const QString theirs = UuidV7::create();
    QSqlQuery pulled(m_temp->store()->connection());
    QVERIFY(pulled.exec(QStringLiteral("INSERT INTO retention_task (id, customer_id, reason, status, queue, created_at, "
                                       "row_version) VALUES ('%1', '%2', 'model', 'open', 'retention', 1, 7)")
                            .arg(theirs, m_customer)));

    FakeServer& server = m_remote->server();
    server.duplicateSeq(inserted);
    server.rejectSeq(closed, QStringLiteral("not_found"), QStringLiteral("no retention_task with this id in your scope"));
    OutboxPusher pusher(m_temp->store()->connection(), *m_remote, m_clientId, 500);
    const auto pushed = pusher.pushAll();
    QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
    QCOMPARE(pushed->duplicates, 1);
    QCOMPARE(pushed->rejected, 1);
    QCOMPARE(state(closed), QStringLiteral("rejected"));

    QSqlQuery tasks(m_temp->store()->connection());
    QVERIFY(tasks.exec(QStringLiteral("SELECT id, status FROM retention_task ORDER BY id")));
    QStringList left;
    while (tasks.next())
        left << tasks.value(0).toString() + QLatin1Char(' ') + tasks.value(1).toString();
    QCOMPARE(left, QStringList{theirs + QStringLiteral(" open")});
    // Nothing stays pending: the next push has nothing to send.
    const auto again = pusher.pushAll();
    QVERIFY(again);
    QCOMPARE(again->sent, 0);
}

QTEST_GUILESS_MAIN(TestOutboxPusher)
#include "tst_outboxpusher.moc"
