#pragma once

#include "common/Result.h"
#include "sync/SnapshotSink.h"
#include "sync/SyncTypes.h"

#include <QObject>

namespace telcodesk {

/// The sync engine's view of the central server: what PgRemote does over PostgreSQL and what the
/// unit tests' FakeRemote does in memory. Every call blocks on the calling thread (the engine's) and
/// returns an Error with one of these codes:
///   "network"   the connection failed or dropped: transient, retried with backoff
///   "timeout"   the server did not answer in time: transient
///   "cancelled" cancel() was called
///   "auth"      the server refused the login: permanent until new credentials
///   "server"    the server failed the statement for a reason that retrying will not change
///               (e.g. a batch refused as a whole for its encoding): the caller isolates the cause
///   "protocol"  the answer was not what the protocol says (bad JSON, missing keys)
///   "schema"    the server's schema is older or newer than this client speaks
///   "bad_cursor" the server does not recognise the pull cursor: start again from the empty cursor
class RemoteSession : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~RemoteSession() override = default;

    /// Opens the data connection (and checks the server's schema version). Blocks.
    virtual Status open() = 0;
    /// Closes every connection. Safe to call when closed.
    virtual void close() = 0;
    virtual bool isOpen() const = 0;

    /// Sends sync.pull(cursor, limit) and returns at once; finishPull() waits for the answer. Split in
    /// two so that the engine can apply one page locally while the server prepares the next.
    virtual Status startPull(const QString& cursor, int limit) = 0;
    virtual Result<PullPage> finishPull() = 0;
    Result<PullPage> pull(const QString& cursor, int limit)
    {
        const Status started = startPull(cursor, limit);
        if (!started)
            return started.error();
        return finishPull();
    }

    /// A first sync in bulk: every row the caller may read, from one consistent snapshot of the server,
    /// fed to the sink table by table (parents first). Returns the pull cursor that continues exactly
    /// from that snapshot (its horizon and the caller's scope). Code "unsupported" when the remote
    /// cannot: the engine then pulls page by page.
    virtual Result<QString> snapshot(SnapshotSink& sink)
    {
        Q_UNUSED(sink);
        return Error{QStringLiteral("bulk snapshot not supported"), QStringLiteral("unsupported")};
    }

    virtual Result<BatchResult> applyBatch(const QString& clientId, const QVector<OutgoingMutation>& mutations) = 0;
    /// This client's open conflicts on the server (sync.conflict, status open).
    virtual Result<QVector<ServerConflict>> openConflicts(const QString& clientId) = 0;
    /// sync.resolve_conflict(id): the person has decided; a conflict already resolved is not an error.
    virtual Status resolveConflict(const QString& conflictId) = 0;
    /// Rough number of rows in the caller's scope, for the first sync's progress bar.
    virtual Result<qint64> estimateScopeRows() = 0;

    /// Opens the notification connection and LISTENs on td_changes. changesNotified() then fires for
    /// every notification; listenLost() when that connection drops (LISTEN again after reconnecting,
    /// and pull: notifications sent meanwhile are gone).
    virtual Status startListening() = 0;
    virtual bool isListening() const = 0;

    /// Interrupts a call running on the engine's thread. Thread-safe: the only call allowed from
    /// another thread.
    virtual void cancel() = 0;

    /// Bytes of query answers received and of queries sent since open(), for the benchmarks.
    virtual qint64 bytesReceived() const = 0;
    virtual qint64 bytesSent() const = 0;

Q_SIGNALS:
    void changesNotified();
    void listenLost();
};

} // namespace telcodesk
