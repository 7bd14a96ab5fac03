#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace telcodesk {

/// One entry of a pulled page: the row as the caller may read it, or removed = true when it has left
/// the caller's scope (or the caller never could see it) and must be deleted locally.
struct PulledRow
{
    QString table;
    QString id;
    qint64 rowVersion = 0;
    bool removed = false;
    QJsonObject row; ///< column -> value, server-only columns already stripped by the server
};

/// One answer of sync.pull (resources/sql/postgres/README.md, "Pull").
struct PullPage
{
    QVector<PulledRow> rows;
    QString cursor;       ///< the cursor to store with this page and send next
    bool more = false;    ///< call again at once
    bool resync = false;  ///< drop the synced data and start again from the empty cursor
    QString resyncReason; ///< "scope" | "pruned"
    qint64 bytes = 0;     ///< size of the answer on the wire (the JSON text), for the benchmarks
};

/// One outbox row as sent to sync.apply_batch.
struct OutgoingMutation
{
    qint64 seq = 0;
    QString entity;
    QString entityId;
    QString op;          ///< insert | update | delete
    QByteArray payload;  ///< the outbox's JSON text, sent as it is
    qint64 baseVersion = 0;
};

/// The server's verdict on one mutation.
struct MutationResult
{
    qint64 seq = 0;
    QString status;   ///< applied | duplicate | rejected | conflict
    QString code;     ///< for rejected: invalid, permission, constraint, workflow, not_found, read_only, append_only, error, encoding
    QString reason;   ///< the server's words
    qint64 rowVersion = 0;
};

struct BatchResult
{
    qint64 lastSeq = 0;
    QVector<MutationResult> results;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
};

/// An open row of sync.conflict for this desktop's client id: one field changed here and on the
/// server since the base this desktop saw. Values are JSON as the server normalised them.
struct ServerConflict
{
    QString id;
    qint64 seq = 0;
    QString entity;
    QString entityId;
    QString field;
    QJsonValue base;  ///< Undefined when the mutation carried no base for the field
    QJsonValue mine;
    QJsonValue theirs;
};

/// What the desktop shows about sync. lastSyncAtMs is the local clock, for display only.
struct SyncStatus
{
    enum class State {
        Disabled,     ///< no server configured: the embedded default
        Offline,      ///< cannot reach the server; retrying with backoff
        Connecting,
        Syncing,      ///< pushing or pulling now
        Online,       ///< connected and up to date, listening for changes
        AuthFailed,   ///< the server refused the login: new credentials needed, no retries
    };
    State state = State::Disabled;
    int pending = 0;          ///< outbox rows waiting
    int rejected = 0;         ///< outbox rows the server refused for good, not yet dismissed
    int conflicts = 0;        ///< open conflicts waiting for a person's choice
    qint64 lastSyncAtMs = 0;  ///< last successful complete cycle (push and pull), local clock; 0 = never
    qint64 nextRetryInMs = 0; ///< when Offline: the backoff delay chosen
    QString lastError;        ///< when Offline or AuthFailed: why, in words
    bool initialSync = false; ///< the cache is still being filled for the first time
    qint64 rowsReceived = 0;  ///< in this session
};

} // namespace telcodesk

Q_DECLARE_METATYPE(telcodesk::SyncStatus)
