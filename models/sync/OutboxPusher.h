#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"
#include "sync/RemoteSession.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDatabase>

namespace telcodesk {

/// Sends the outbox to the server in seq order, in batches, and records each answer locally.
///
/// - applied / duplicate / conflict: the outbox row becomes 'applied' (a conflict's other fields were
///   applied; its open fields are fetched into sync_conflict for a person to decide).
/// - rejected: 'rejected' with the server's code and reason, and the cache stops showing the change
///   (an update back to its base values, an insert removed, a delete undone) unless later local
///   changes of the same record are still queued; the rows behind it go on.
/// - A batch refused as a whole (code "server": e.g. text PostgreSQL cannot hold) is sent again one
///   mutation at a time, and the one that fails alone is marked rejected, so a single bad row never
///   blocks the queue; when every one fails alone too, the cause is not in them and all stay queued. A payload that is not JSON at all is rejected locally without sending.
/// - Transient failures leave every row pending: the next attempt resends them and the server's
///   per-client sequence makes the resend harmless.
class OutboxPusher
{
    Q_DECLARE_TR_FUNCTIONS(OutboxPusher)

public:
    struct Stats
    {
        int sent = 0;
        int applied = 0;
        int duplicates = 0;
        int rejected = 0;
        int conflicts = 0;
        int batches = 0;
    };

    OutboxPusher(QSqlDatabase db, RemoteSession& remote, QString clientId, int batchSize = 500);

    /// Checked before each batch: set → pushAll stops with "cancelled" (what was sent is recorded).
    void setCancelFlag(const QAtomicInteger<int>* cancel) { m_cancel = cancel; }

    /// Pushes until the outbox has no pending row or a transient error stops it.
    Result<Stats> pushAll();
    /// One batch (for tests and for the crash points).
    Result<Stats> pushOneBatch();

    /// Fetches the client's open conflicts into sync_conflict and reports resolved ones to the server.
    Status syncConflicts();

private:
    Status recordResults(const QVector<OutgoingMutation>& sent, const BatchResult& result, Stats& stats);
    Status markRejected(qint64 seq, const QString& code, const QString& reason);
    /// Inside the caller's transaction: the cache stops showing a change the server refused.
    Status undoRejected(qint64 seq);

    QSqlDatabase m_db;
    RemoteSession& m_remote;
    QString m_clientId;
    int m_batchSize;
    const QAtomicInteger<int>* m_cancel = nullptr;
};

} // namespace telcodesk
