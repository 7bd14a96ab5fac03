#pragma once

#include "sync/RemoteSession.h"

#include <QAtomicInteger>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QSet>
#include <QStringList>
#include <QVector>
#include <QWaitCondition>

#include <limits>
#include <memory>

namespace telcodesk::test {

class FakeRemote;

/// A tiny central server in memory, shared by the FakeRemote sessions that talk to it (one per desktop,
/// or the one a SyncEngine's factory makes). It keeps what resources/sql/postgres/README.md promises a
/// client can observe:
///
/// - rows per table, each with a row_version from one counter, and a change list; a pull's cursor is
///   the index of the last change it delivered (the xid horizon of the real server is not modelled);
///   a page covers `limit` changes, sends each row once in its latest state, grouped by table parents
///   first, removed rows as row = null, and says `more` while changes remain;
/// - resync on demand (the next pull with a non-empty cursor answers resync);
/// - apply_batch with last_seq per client id (a seq at or below it is "duplicate" and not applied), the
///   read-only tables refused, inserts / updates (merged field by field) / deletes (tombstones) applied,
///   a whole batch refused with code "server" when a payload holds text PostgreSQL cannot store (NUL or
///   a lone surrogate), and per-seq verdicts set by the test (rejected with code and reason, conflict);
/// - open conflicts per client and resolve_conflict; an estimate of the rows in scope.
///
/// Fault injection works on any call by name ("open", "startPull", "finishPull", "applyBatch",
/// "openConflicts", "resolveConflict", "estimateScopeRows", "startListening"): fail with an error code,
/// hang until cancel() or a time limit, delay, or (for any call that changes something) "answer lost":
/// do the work, then fail with "network". A "network" failure also drops the session's connection, as a
/// real one would: the caller must open() again. Every call is counted, failed or not.
///
/// Thread-safe: the sessions may run on an engine thread while the test thread changes data and faults.
class FakeServer
{
public:
    FakeServer();
    ~FakeServer();
    FakeServer(const FakeServer&) = delete;
    FakeServer& operator=(const FakeServer&) = delete;

    // ---- data, as other writers on the server (other desktops, billing) change it

    /// Inserts or replaces a whole row ("id" required; a region row carries "id" and "code" as the real
    /// server sends it). It gets the next row_version and updated_at and a change entry. Returns the
    /// row_version.
    qint64 put(const QString& table, QJsonObject row);
    /// Changes some fields of an existing row (a new row_version and change entry). Returns the new
    /// row_version, or 0 when there is no such row.
    qint64 update(const QString& table, const QString& id, const QJsonObject& fields);
    /// The row leaves the caller's scope: later pulls send it as removed until it is put() again.
    void evict(const QString& table, const QString& id);
    /// The next pull with a non-empty cursor answers {"resync": true, "reason": reason}, once.
    void requireResync(const QString& reason = QStringLiteral("scope"));
    /// Bulk first sync (RemoteSession::snapshot): every row in scope in COPY text, table by table
    /// (parents first, the columns the rows of that table have), and the cursor after the last change.
    /// Off by default, as a server that cannot: snapshot() then answers "unsupported".
    void setSnapshotSupported(bool supported);
    /// The next snapshot breaks off with `code` after `rows` rows were sent (the COPY stream dropped).
    void breakSnapshotAfter(int rows, const QString& code = QStringLiteral("network"));

    QJsonObject row(const QString& table, const QString& id) const; ///< empty when there is none
    qint64 rowVersion(const QString& table, const QString& id) const; ///< 0 when there is none
    int rowCount(const QString& table) const;                        ///< rows in scope, tombstones included
    int changeCount() const;
    /// Every row as "table/id v<version> [evicted] <json>", sorted: compare whole server states.
    QStringList dumpRows() const;

    // ---- apply_batch

    /// The next time the mutation with this seq is applied (not a duplicate), it is rejected and
    /// nothing of it is written.
    void rejectSeq(qint64 seq, const QString& code, const QString& reason);
    /// The next time the mutation with this seq is applied, the server answers "duplicate" and writes
    /// nothing (what its retention_task trigger answers for a second open task of a customer).
    void duplicateSeq(qint64 seq);
    /// The next time the mutation with this seq is applied, `field` keeps the server's value `theirs`
    /// (the rest is applied), an open conflict is recorded and the verdict is "conflict".
    void conflictSeq(qint64 seq, const QString& field, const QJsonValue& theirs);
    /// How often the server applied (wrote) this client's mutation: exactly-once checks.
    int timesApplied(const QString& clientId, qint64 seq) const;
    /// Every write of every client, in order, as "clientId/seq".
    QStringList appliedLog() const;
    qint64 lastSeq(const QString& clientId) const;
    /// The seqs of every applyBatch call as it arrived (including failed and one-by-one calls).
    QVector<QVector<qint64>> batchesReceived() const;

    // ---- conflicts

    /// Adds an open conflict for a client directly (as if an earlier mutation had met it). Returns its id.
    QString addConflict(const QString& clientId, const ServerConflict& conflict);
    QStringList openConflictIds(const QString& clientId) const;
    QStringList resolvedConflictIds() const; ///< every resolveConflict call's id, in order

    // ---- faults: `call` is a RemoteSession method name

    /// The next `times` calls fail with `code` (network, timeout, auth, server, protocol, schema).
    void failNext(const QString& call, const QString& code, int times = 1);
    /// The k-th call from now (1 = the next) fails with `code`.
    void failAt(const QString& call, int k, const QString& code);
    /// The next `times` calls block until the session's cancel() ("cancelled") or, when timeoutMs > 0,
    /// until that much time has passed ("timeout").
    void hangNext(const QString& call, int times = 1, int timeoutMs = 0);
    /// The next `times` calls (-1: all of them) wait `ms` first (cancel() still interrupts the wait).
    void delayNext(const QString& call, int ms, int times = -1);
    /// The next `times` calls do their work and then fail with "network": the answer was lost.
    void loseAnswerNext(const QString& call, int times = 1);
    void clearFaults();

    // ---- observation

    int calls(const QString& call) const;
    /// Every call's name in the order the sessions made them.
    QStringList callLog() const;
    /// Starts the counts (and the log) from zero; faults not yet used keep their place among the calls
    /// still to come.
    void resetCallCounts();
    /// Calls that are blocked in a hang right now / that ever started hanging.
    int hangingNow() const;
    int hangsStarted() const;
    QString lastPullCursor() const;
    int lastPullLimit() const;
    QString lastClientId() const;
    QVector<OutgoingMutation> lastBatch() const;
    QStringList pullCursors() const; ///< every startPull's cursor, in order

    /// Emits changesNotified() on every session that is listening (a NOTIFY on td_changes).
    void notifyListeners();
    /// Drops every listening session's notification connection: listenLost() is emitted.
    void dropListeners();
    int listeningSessions() const;

private:
    friend class FakeRemote;

    struct Fault
    {
        enum class Kind { None, Fail, Hang, Delay, AnswerLost };
        Kind kind = Kind::None;
        QString code;
        int ms = 0;
        qint64 from = 0; ///< call numbers (1-based, as counted by calls()) the fault applies to
        qint64 to = 0;
    };
    struct StoredRow
    {
        QJsonObject row;
        qint64 version = 0;
        bool inScope = true;
    };
    struct Change
    {
        QString table;
        QString id;
    };
    struct Verdict
    {
        QString status; ///< rejected | conflict
        QString code;
        QString reason;
        QString field;
        QJsonValue theirs;
    };

    // Called by the sessions.
    Fault enter(const QString& call);
    void hangStarted();
    void hangEnded();
    Result<PullPage> pull(const QString& cursor, int limit);
    struct Snapshot
    {
        QString cursor;
        QVector<QPair<QString, QVector<QJsonObject>>> tables;
        int breakAfter = -1;
        QString breakCode;
    };
    Result<Snapshot> takeSnapshot();
    Result<BatchResult> applyBatch(const QString& clientId, const QVector<OutgoingMutation>& mutations);
    QVector<ServerConflict> openConflicts(const QString& clientId) const;
    void resolveConflict(const QString& id);
    qint64 estimateScopeRows() const;
    void attach(FakeRemote* session);
    void detach(FakeRemote* session);

    void addFault(const QString& call, Fault fault, qint64 firstFromNow, qint64 count);
    qint64 bump(const QString& table, const QString& id); // locked
    MutationResult applyOne(const QString& clientId, const OutgoingMutation& m); // locked

    mutable QMutex m_mutex;
    QHash<QString, QMap<QString, StoredRow>> m_rows;
    QVector<Change> m_changes;
    qint64 m_nextVersion = 1;
    QString m_resyncReason;
    bool m_snapshotSupported = false;
    int m_snapshotBreakAfter = -1;
    QString m_snapshotBreakCode;
    QHash<QString, qint64> m_lastSeq;
    QHash<QString, MutationResult> m_rejections; ///< "client#seq" -> the rejection, repeated on a resend
    QHash<QString, int> m_applied; ///< "client/seq" -> times written
    QStringList m_appliedLog;
    QHash<qint64, Verdict> m_verdicts;
    QVector<QVector<qint64>> m_batches;
    struct StoredConflict
    {
        QString clientId;
        ServerConflict conflict;
        bool open = true;
    };
    QVector<StoredConflict> m_conflicts;
    QStringList m_resolved;

    QHash<QString, QVector<Fault>> m_faults;
    QHash<QString, qint64> m_calls;
    QStringList m_callLog;
    int m_hangingNow = 0;
    int m_hangsStarted = 0;
    QString m_lastCursor;
    int m_lastLimit = 0;
    QString m_lastClientId;
    QVector<OutgoingMutation> m_lastBatch;
    QStringList m_cursors;

    mutable QMutex m_sessionsMutex;
    QSet<FakeRemote*> m_sessions;
};

/// One desktop's session with a FakeServer: a RemoteSession as PgRemote is one, down to its rules
/// (startPull while a pull is running and finishPull without one are errors with code "server"; calls
/// on a closed session fail with "network"; cancel() interrupts only the call running now).
class FakeRemote final : public RemoteSession
{
    Q_OBJECT

public:
    explicit FakeRemote(std::shared_ptr<FakeServer> server, QObject* parent = nullptr);
    /// A session with a server of its own.
    explicit FakeRemote(QObject* parent = nullptr);
    ~FakeRemote() override;

    FakeServer& server() const { return *m_server; }
    std::shared_ptr<FakeServer> sharedServer() const { return m_server; }

    Status open() override;
    void close() override;
    bool isOpen() const override;

    Status startPull(const QString& cursor, int limit) override;
    Result<PullPage> finishPull() override;
    Result<QString> snapshot(SnapshotSink& sink) override;
    Result<BatchResult> applyBatch(const QString& clientId, const QVector<OutgoingMutation>& mutations) override;
    Result<QVector<ServerConflict>> openConflicts(const QString& clientId) override;
    Status resolveConflict(const QString& conflictId) override;
    Result<qint64> estimateScopeRows() override;

    Status startListening() override;
    bool isListening() const override;

    void cancel() override;

    qint64 bytesReceived() const override { return m_bytesReceived.loadAcquire(); }
    qint64 bytesSent() const override { return m_bytesSent.loadAcquire(); }

    /// What a NOTIFY on td_changes does: emits changesNotified() when listening.
    void emitChangesNotified();
    /// The notification connection drops: not listening any more, listenLost() emitted.
    void emitListenLost();

private:
    /// Counts the call, applies its fault (fail, hang, delay), checks the connection. The returned
    /// flag says whether the answer is to be lost after the work.
    Status enter(const QString& call, bool needsOpen, bool* loseAnswer);
    Error lostAnswer(const QString& call);
    Error dropped(const QString& call, const QString& code);
    bool waitCancellable(int ms); ///< false when cancelled

    std::shared_ptr<FakeServer> m_server;
    QAtomicInteger<int> m_open{0};
    QAtomicInteger<int> m_listening{0};
    bool m_pullInFlight = false;
    Result<PullPage> m_pending{Error{}};

    QMutex m_cancelMutex;
    QWaitCondition m_cancelled;
    bool m_cancelRequested = false; // guarded by m_cancelMutex

    QAtomicInteger<qint64> m_bytesReceived{0};
    QAtomicInteger<qint64> m_bytesSent{0};
};

} // namespace telcodesk::test
