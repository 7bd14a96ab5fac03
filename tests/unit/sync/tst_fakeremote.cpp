// The sync tests trust FakeRemote to behave like the server README describes; these cases hold it to that.
#include "FakeRemote.h"
#include "SyncTestRows.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

QJsonObject customer(int n, const QString& name)
{
    QJsonObject row = customerFields(name);
    row.insert(QStringLiteral("id"), fixedId(n));
    return row;
}

OutgoingMutation insertNote(qint64 seq, const QString& id, const QString& body)
{
    OutgoingMutation m;
    m.seq = seq;
    m.entity = QStringLiteral("customer_note");
    m.entityId = id;
    m.op = QStringLiteral("insert");
    m.payload = QJsonDocument(QJsonObject{{QStringLiteral("set"), noteFields(fixedId(1), body)}}).toJson(QJsonDocument::Compact);
    return m;
}

QStringList ids(const PullPage& page)
{
    QStringList out;
    for (const PulledRow& row : page.rows)
        out << row.table + QLatin1Char('/') + row.id.right(2) + (row.removed ? QStringLiteral("-") : QString());
    return out;
}

/// Keeps what a snapshot sends; wants every column but "skip".
class RecordingSink final : public SnapshotSink
{
public:
    Status beginTable(const QString& table, const QStringList& serverColumns, QStringList* wanted) override
    {
        *wanted = serverColumns;
        wanted->removeAll(QStringLiteral("skip"));
        lines << QStringLiteral("[%1: %2]").arg(table, wanted->join(QLatin1Char(',')));
        return Status::success();
    }
    Status copyLine(const char* data, int length) override
    {
        lines << QString::fromUtf8(data, length);
        return Status::success();
    }
    Status endTable() override { return Status::success(); }
    QStringList lines;
};

} // namespace

class TestFakeRemote : public QObject
{
    Q_OBJECT
private slots:
    void pagesFollowTheChangeList();
    void rowsComeGroupedParentsFirst();
    void evictedRowsComeAsRemoved();
    void resyncIsAnsweredOnceAndNotForTheEmptyCursor();
    void badCursorAndLimitAreServerErrors();
    void pullsMustBeStartedAndFinishedInTurn();
    void applyBatchIsExactlyOncePerClient();
    void batchWithUnstorableTextIsRefusedAsAWhole();
    void faultsByCallName();
    void networkFailureDropsTheConnection();
    void hangEndsOnTimeoutOrCancel();
    void cancelBeforeACallDoesNotAffectIt();
    void answerLostAppliesThenFails();
    void notificationsReachListeningSessionsOnly();
    void snapshotSendsCopyTextTableByTable();
};

void TestFakeRemote::pagesFollowTheChangeList()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    QCOMPARE(server.put(QStringLiteral("customer"), customer(1, QStringLiteral("一"))), 1);
    QCOMPARE(server.put(QStringLiteral("customer"), customer(2, QStringLiteral("二"))), 2);
    QCOMPARE(server.put(QStringLiteral("customer"), customer(3, QStringLiteral("三"))), 3);
    QCOMPARE(server.update(QStringLiteral("customer"), fixedId(1), {{QStringLiteral("city"), QStringLiteral("广州市")}}), 4);
    QCOMPARE(server.update(QStringLiteral("customer"), fixedId(9), {{QStringLiteral("city"), QStringLiteral("x")}}), 0);

    auto first = remote.pull(QString(), 2);
    QVERIFY(first);
    QCOMPARE(ids(first.value()), (QStringList{QStringLiteral("customer/01"), QStringLiteral("customer/02")}));
    QCOMPARE(first->rows.at(0).rowVersion, 4); // the latest state, not the state of the change
    QCOMPARE(first->rows.at(0).row.value(QStringLiteral("city")).toString(), QStringLiteral("广州市"));
    QCOMPARE(first->rows.at(0).row.value(QStringLiteral("row_version")).toInt(), 4);
    QCOMPARE(first->cursor, QStringLiteral("2"));
    QVERIFY(first->more);
    auto second = remote.pull(first->cursor, 2);
    QVERIFY(second);
    QCOMPARE(ids(second.value()), (QStringList{QStringLiteral("customer/03"), QStringLiteral("customer/01")}));
    QCOMPARE(second->cursor, QStringLiteral("4"));
    QVERIFY(!second->more);
    auto none = remote.pull(second->cursor, 10);
    QVERIFY(none);
    QVERIFY(none->rows.isEmpty());
    QCOMPARE(none->cursor, QStringLiteral("4"));
    QVERIFY(!none->more);
    QCOMPARE(server.pullCursors(), (QStringList{QString(), QStringLiteral("2"), QStringLiteral("4")}));
    QCOMPARE(server.lastPullLimit(), 10);
    QCOMPARE(remote.estimateScopeRows().value(), qint64(3));
    QVERIFY(remote.bytesReceived() > 0);
}

void TestFakeRemote::rowsComeGroupedParentsFirst()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    QJsonObject note = noteFields(fixedId(1), QStringLiteral("n"));
    note.insert(QStringLiteral("id"), fixedId(50));
    server.put(QStringLiteral("customer_note"), note);
    server.put(QStringLiteral("loyalty_points"), {{QStringLiteral("id"), fixedId(96)}});
    server.put(QStringLiteral("customer"), customer(1, QStringLiteral("一")));
    QJsonObject region = regionFields(QStringLiteral("440300"), QStringLiteral("Shenzhen"));
    region.insert(QStringLiteral("id"), fixedId(100));
    server.put(QStringLiteral("region"), region);
    auto page = remote.pull(QString(), 100);
    QVERIFY(page);
    QCOMPARE(ids(page.value()), (QStringList{QStringLiteral("region/00"), QStringLiteral("customer/01"),
                                             QStringLiteral("customer_note/50"), QStringLiteral("loyalty_points/96")}));
}

void TestFakeRemote::evictedRowsComeAsRemoved()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    server.put(QStringLiteral("customer"), customer(1, QStringLiteral("一")));
    server.evict(QStringLiteral("customer"), fixedId(1));
    auto page = remote.pull(QStringLiteral("1"), 10);
    QVERIFY(page);
    QCOMPARE(ids(page.value()), QStringList{QStringLiteral("customer/01-")});
    QVERIFY(page->rows.at(0).row.isEmpty());
    QCOMPARE(server.rowCount(QStringLiteral("customer")), 0);
    server.put(QStringLiteral("customer"), customer(1, QStringLiteral("回来")));
    page = remote.pull(page->cursor, 10);
    QVERIFY(page);
    QCOMPARE(ids(page.value()), QStringList{QStringLiteral("customer/01")});
}

void TestFakeRemote::resyncIsAnsweredOnceAndNotForTheEmptyCursor()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    server.put(QStringLiteral("customer"), customer(1, QStringLiteral("一")));
    server.requireResync(QStringLiteral("scope"));
    auto fresh = remote.pull(QString(), 10);
    QVERIFY(fresh);
    QVERIFY(!fresh->resync);
    auto resync = remote.pull(QStringLiteral("1"), 10);
    QVERIFY(resync);
    QVERIFY(resync->resync);
    QCOMPARE(resync->resyncReason, QStringLiteral("scope"));
    QVERIFY(resync->rows.isEmpty());
    QVERIFY(resync->cursor.isEmpty());
    auto after = remote.pull(QStringLiteral("1"), 10);
    QVERIFY(after);
    QVERIFY(!after->resync);
}

void TestFakeRemote::badCursorAndLimitAreServerErrors()
{
    FakeRemote remote;
    QVERIFY(remote.open());
    for (const auto& [cursor, limit] : {qMakePair(QStringLiteral("x"), 10), qMakePair(QStringLiteral("7"), 10),
                                        qMakePair(QString(), 0), qMakePair(QString(), 10001)}) {
        auto page = remote.pull(cursor, limit);
        QVERIFY(!page);
        QCOMPARE(page.error().code, QStringLiteral("server"));
    }
}

void TestFakeRemote::pullsMustBeStartedAndFinishedInTurn()
{
    FakeRemote remote;
    QVERIFY(remote.open());
    auto orphan = remote.finishPull();
    QVERIFY(!orphan);
    QCOMPARE(orphan.error().code, QStringLiteral("server"));
    QVERIFY(remote.startPull(QString(), 10));
    const Status twice = remote.startPull(QString(), 10);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, QStringLiteral("server"));
    QVERIFY(remote.finishPull());
    QVERIFY(!remote.finishPull());
}

void TestFakeRemote::applyBatchIsExactlyOncePerClient()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    const QString a = QStringLiteral("client-a");
    const QString b = QStringLiteral("client-b");
    server.rejectSeq(2, QStringLiteral("workflow"), QStringLiteral("no"));
    auto first = remote.applyBatch(a, {insertNote(1, fixedId(50), QStringLiteral("1")),
                                       insertNote(2, fixedId(51), QStringLiteral("2")),
                                       insertNote(3, fixedId(52), QStringLiteral("3"))});
    QVERIFY(first);
    QCOMPARE(first->lastSeq, 3);
    QStringList statuses;
    for (const MutationResult& r : first->results)
        statuses << r.status + QLatin1Char(':') + r.code;
    QCOMPARE(statuses, (QStringList{QStringLiteral("applied:"), QStringLiteral("rejected:workflow"),
                                    QStringLiteral("applied:")}));
    QCOMPARE(first->results.at(0).rowVersion, server.rowVersion(QStringLiteral("customer_note"), fixedId(50)));

    auto again = remote.applyBatch(a, {insertNote(2, fixedId(51), QStringLiteral("2")),
                                       insertNote(3, fixedId(52), QStringLiteral("3")),
                                       insertNote(4, fixedId(53), QStringLiteral("4"))});
    QVERIFY(again);
    // Seq 2 was refused: a resend is refused again (0006_repeat_rejections.sql), seq 3 is a duplicate.
    QCOMPARE(again->results.at(0).status, QStringLiteral("rejected"));
    QCOMPARE(again->results.at(0).code, QStringLiteral("workflow"));
    QCOMPARE(again->results.at(1).status, QStringLiteral("duplicate"));
    QCOMPARE(again->results.at(2).status, QStringLiteral("applied"));
    QCOMPARE(server.timesApplied(a, 3), 1);
    QCOMPARE(server.timesApplied(a, 2), 0);
    QCOMPARE(server.lastSeq(a), 4);
    QCOMPARE(server.lastSeq(b), 0);
    // Another client's seq 1 is its own.
    auto other = remote.applyBatch(b, {insertNote(1, fixedId(60), QStringLiteral("b1"))});
    QVERIFY(other);
    QCOMPARE(other->results.at(0).status, QStringLiteral("applied"));
    QCOMPARE(server.appliedLog(), (QStringList{QStringLiteral("client-a/1"), QStringLiteral("client-a/3"),
                                               QStringLiteral("client-a/4"), QStringLiteral("client-b/1")}));
}

void TestFakeRemote::batchWithUnstorableTextIsRefusedAsAWhole()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    OutgoingMutation bad = insertNote(2, fixedId(51), QStringLiteral("x"));
    bad.payload.replace("\"x\"", "\"x\\u0000\"");
    auto refused = remote.applyBatch(QStringLiteral("c"), {insertNote(1, fixedId(50), QStringLiteral("ok")), bad});
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("server"));
    QVERIFY(server.appliedLog().isEmpty());
    QCOMPARE(server.lastSeq(QStringLiteral("c")), 0);
}

void TestFakeRemote::faultsByCallName()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    server.failNext(QStringLiteral("estimateScopeRows"), QStringLiteral("timeout"), 2);
    server.failAt(QStringLiteral("openConflicts"), 3, QStringLiteral("protocol"));
    QCOMPARE(remote.estimateScopeRows().error().code, QStringLiteral("timeout"));
    QCOMPARE(remote.estimateScopeRows().error().code, QStringLiteral("timeout"));
    QVERIFY(remote.estimateScopeRows());
    QVERIFY(remote.openConflicts(QStringLiteral("c")));
    QVERIFY(remote.openConflicts(QStringLiteral("c")));
    QCOMPARE(remote.openConflicts(QStringLiteral("c")).error().code, QStringLiteral("protocol"));
    QVERIFY(remote.openConflicts(QStringLiteral("c")));
    QCOMPARE(server.calls(QStringLiteral("estimateScopeRows")), 3);
    QCOMPARE(server.calls(QStringLiteral("openConflicts")), 4);

    server.delayNext(QStringLiteral("resolveConflict"), 80, 1);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(remote.resolveConflict(QStringLiteral("x")));
    QVERIFY(timer.elapsed() >= 75);
    timer.restart();
    QVERIFY(remote.resolveConflict(QStringLiteral("y")));
    QVERIFY(timer.elapsed() < 75);
    QCOMPARE(server.resolvedConflictIds(), (QStringList{QStringLiteral("x"), QStringLiteral("y")}));

    server.failNext(QStringLiteral("open"), QStringLiteral("auth"));
    remote.close();
    QCOMPARE(remote.open().error().code, QStringLiteral("auth"));
    QVERIFY(!remote.isOpen());
    server.resetCallCounts();
    QCOMPARE(server.calls(QStringLiteral("open")), 0);
    QVERIFY(server.callLog().isEmpty());
}

void TestFakeRemote::networkFailureDropsTheConnection()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    QVERIFY(remote.startListening());
    server.failNext(QStringLiteral("estimateScopeRows"), QStringLiteral("network"));
    QCOMPARE(remote.estimateScopeRows().error().code, QStringLiteral("network"));
    QVERIFY(!remote.isOpen());
    QVERIFY(!remote.isListening());
    QCOMPARE(remote.estimateScopeRows().error().code, QStringLiteral("network")); // not connected
    QVERIFY(remote.open());
    QVERIFY(remote.estimateScopeRows());
}

void TestFakeRemote::hangEndsOnTimeoutOrCancel()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    server.hangNext(QStringLiteral("estimateScopeRows"), 1, 50);
    QCOMPARE(remote.estimateScopeRows().error().code, QStringLiteral("timeout"));
    QCOMPARE(server.hangsStarted(), 1);

    server.hangNext(QStringLiteral("openConflicts"));
    QString code;
    QThread* worker = QThread::create([&remote, &code] { code = remote.openConflicts(QStringLiteral("c")).error().code; });
    worker->start();
    QTRY_COMPARE(server.hangingNow(), 1);
    QTest::qWait(50);
    QVERIFY(worker->isRunning());
    remote.cancel();
    QVERIFY(worker->wait(2000));
    delete worker;
    QCOMPARE(code, QStringLiteral("cancelled"));
    QCOMPARE(server.hangingNow(), 0);
}

void TestFakeRemote::cancelBeforeACallDoesNotAffectIt()
{
    FakeRemote remote;
    QVERIFY(remote.open());
    remote.cancel();
    remote.server().hangNext(QStringLiteral("estimateScopeRows"), 1, 60);
    QCOMPARE(remote.estimateScopeRows().error().code, QStringLiteral("timeout"));
}

void TestFakeRemote::answerLostAppliesThenFails()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    server.loseAnswerNext(QStringLiteral("applyBatch"));
    auto lost = remote.applyBatch(QStringLiteral("c"), {insertNote(1, fixedId(50), QStringLiteral("1"))});
    QVERIFY(!lost);
    QCOMPARE(lost.error().code, QStringLiteral("network"));
    QCOMPARE(server.timesApplied(QStringLiteral("c"), 1), 1);
    QVERIFY(!remote.isOpen());
    QVERIFY(remote.open());
    auto resent = remote.applyBatch(QStringLiteral("c"), {insertNote(1, fixedId(50), QStringLiteral("1"))});
    QVERIFY(resent);
    QCOMPARE(resent->results.at(0).status, QStringLiteral("duplicate"));
    QCOMPARE(server.timesApplied(QStringLiteral("c"), 1), 1);
    QCOMPARE(server.batchesReceived().size(), 2);
}

void TestFakeRemote::notificationsReachListeningSessionsOnly()
{
    auto server = std::make_shared<FakeServer>();
    FakeRemote listening(server);
    FakeRemote quiet(server);
    QVERIFY(listening.open());
    QVERIFY(quiet.open());
    QVERIFY(listening.startListening());
    QCOMPARE(server->listeningSessions(), 1);
    QSignalSpy notified(&listening, &RemoteSession::changesNotified);
    QSignalSpy quietNotified(&quiet, &RemoteSession::changesNotified);
    QSignalSpy lost(&listening, &RemoteSession::listenLost);
    QSignalSpy quietLost(&quiet, &RemoteSession::listenLost);
    server->notifyListeners();
    QCOMPARE(notified.size(), 1);
    QCOMPARE(quietNotified.size(), 0);
    server->dropListeners();
    QCOMPARE(lost.size(), 1);
    QCOMPARE(quietLost.size(), 0);
    QVERIFY(!listening.isListening());
    QVERIFY(listening.isOpen()); // only the notification connection dropped
    server->notifyListeners();
    QCOMPARE(notified.size(), 1);
}

void TestFakeRemote::snapshotSendsCopyTextTableByTable()
{
    FakeRemote remote;
    FakeServer& server = remote.server();
    QVERIFY(remote.open());
    RecordingSink refused;
    QCOMPARE(remote.snapshot(refused).error().code, QStringLiteral("unsupported"));

    server.setSnapshotSupported(true);
    server.put(QStringLiteral("kb_article"), {{QStringLiteral("id"), fixedId(7)},
                                              {QStringLiteral("body"), QStringLiteral("a\tb\\c\nd")},
                                              {QStringLiteral("views"), 7},
                                              {QStringLiteral("score"), 2.5},
                                              {QStringLiteral("flag"), true},
                                              {QStringLiteral("gone"), QJsonValue(QJsonValue::Null)},
                                              {QStringLiteral("skip"), 1}});
    server.put(QStringLiteral("customer"), customer(1, QStringLiteral("一")));
    server.evict(QStringLiteral("customer"), fixedId(1));
    server.put(QStringLiteral("customer"), customer(2, QStringLiteral("二")));
    RecordingSink sink;
    const auto cursor = remote.snapshot(sink);
    QVERIFY2(cursor, qPrintable(cursor.errorMessage()));
    QCOMPARE(cursor.value(), QString::number(server.changeCount()));
    QCOMPARE(sink.lines.size(), 4); // parents first: the article, then customer 2 only (1 left scope)
    QCOMPARE(sink.lines.at(0), QStringLiteral("[kb_article: body,flag,gone,id,row_version,score,updated_at,views]"));
    QCOMPARE(sink.lines.at(1), QStringLiteral("a\\tb\\\\c\\nd\tt\t\\N\t%1\t1\t2.5\t%2\t7")
                                   .arg(fixedId(7)).arg(1780000000001LL));
    QVERIFY(sink.lines.at(2).startsWith(QStringLiteral("[customer: ")));
    QVERIFY(sink.lines.at(3).contains(fixedId(2)));

    server.breakSnapshotAfter(0, QStringLiteral("timeout"));
    RecordingSink broken;
    QCOMPARE(remote.snapshot(broken).error().code, QStringLiteral("timeout"));
    QVERIFY(remote.snapshot(broken)); // once
}

QTEST_GUILESS_MAIN(TestFakeRemote)
#include "tst_fakeremote.moc"
