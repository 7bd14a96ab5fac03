#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"
#include "sync/SnapshotSink.h"
#include "sync/SyncTypes.h"

#include <QCoreApplication>
#include <QAtomicInteger>
#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <memory>

namespace telcodesk {

struct PullApplierCache;

/// Writes pulled pages into the local cache. One page and its cursor go in one SQLite transaction:
/// after a crash the cache holds either the page and the new cursor or neither.
///
/// - A row is written only when its row_version is newer than the local one (re-read rows at the
///   horizon are discarded; a page applied twice changes nothing).
/// - Keys the cache does not have are dropped; region rows are keyed by code, usage_month and bill by
///   their natural keys (matched by id for removals).
/// - removed = the row left scope: deleted locally (children arrive as their own entries).
/// - Fields with a pending local change (outbox, state pending) keep the local value on top of the
///   server's row, so a person's unsent edit never disappears from view; the outbox still carries the
///   base the server merges against.
/// - audit_log rows are not written: the local audit log is this desktop's own hash chain.
/// - A value of the wrong JSON type for its column, or text that is not storable, fails the whole page
///   with code "protocol" naming table, id and column; nothing of the page is kept.
class PullApplier
{
    Q_DECLARE_TR_FUNCTIONS(PullApplier)

public:
    struct Stats
    {
        int written = 0;   ///< inserted or updated
        int skipped = 0;   ///< not newer than the local row
        int removed = 0;
    };

    explicit PullApplier(QSqlDatabase db);
    ~PullApplier();
    PullApplier(const PullApplier&) = delete;
    PullApplier& operator=(const PullApplier&) = delete;

    /// Applies the page and stores page.cursor, in one transaction. Error codes "protocol", "io".
    Result<Stats> apply(const PullPage& page);

    /// For resync: deletes every synced row that no pending outbox mutation refers to, and the cursor,
    /// in one transaction.
    Status resetForResync();

    /// The synced tables in the order a page must be applied (parents first).
    static const QStringList& syncedTables();

    /// The cache's shape of one table, as PRAGMA table_info gives it.
    struct TableInfo
    {
        QStringList columns;
        QHash<QString, QString> types; ///< column -> declared type (INTEGER/TEXT/REAL)
        QSet<QString> notNull;         ///< NOT NULL without a default
        QStringList keyColumns;        ///< the local primary key, in key order
    };
    /// Reads it; an empty columns list when the table does not exist or cannot be read. The name must
    /// be one of syncedTables(), never text from the network.
    static TableInfo readTableInfo(QSqlDatabase& db, const QString& table);

private:
    const TableInfo* tableInfo(const QString& table);
    Status applyRow(const PulledRow& row, Stats& stats);

    QSqlDatabase m_db;
    QHash<QString, TableInfo> m_tables;
    std::shared_ptr<PullApplierCache> m_cache;
    QHash<QString, QJsonObject> m_overlay; ///< "table/id" -> fields of pending local changes
};

/// Writes a first sync that arrives in bulk (RemoteSession::snapshot) into the cache: every table in
/// ONE transaction together with the cursor that continues from the snapshot, so that a crash or a
/// cancel leaves the cache as empty as it was. Rows go through the same upsert as pulled pages (a
/// row is written only when newer), with COPY text converted by the cache's column types; a value
/// that does not fit its column fails the whole snapshot with code "protocol".
class SnapshotWriter final : public SnapshotSink
{
    Q_DECLARE_TR_FUNCTIONS(SnapshotWriter)

public:
    /// progress: called every few thousand rows with the rows written so far. cancel: checked as rows
    /// arrive; set → "cancelled".
    SnapshotWriter(QSqlDatabase db, std::function<void(qint64)> progress = {},
                   const QAtomicInteger<int>* cancel = nullptr);
    ~SnapshotWriter() override;

    Status beginTable(const QString& table, const QStringList& serverColumns, QStringList* wanted) override;
    Status copyLine(const char* data, int length) override;
    Status endTable() override;
    /// Stores the cursor and commits everything.
    Status finish(const QString& cursor);

    qint64 rows() const { return m_rows; }

private:
    struct State;
    std::unique_ptr<State> d;
    qint64 m_rows = 0;
};

} // namespace telcodesk

