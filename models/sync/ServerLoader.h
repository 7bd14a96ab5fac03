#pragma once

#include "common/Result.h"
#include "sync/PgConnection.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>

#include <atomic>
#include <functional>

namespace telcodesk {

/// Loads a desktop data set (a telcodesk.db made by `telcodesk-admin generate`, or any cache) into an
/// empty central database with COPY. Every row still goes through the server's triggers, so it gets a
/// server row_version, server timestamps, its scope columns and its change-log entry, exactly as if a
/// client had written it; clients then pull it like any other change.
///
/// The source is opened read-only. Tables are copied parents first (sync.synced_table.load_order),
/// each in runs of at most kRowsPerCopy rows so that the server's per-statement bookkeeping stays
/// small, all in one transaction: a failed or cancelled load leaves the server as it was. Columns are
/// matched by name; the server-only ones are left to the triggers. Agents whose login the server knows
/// already (added with `server add-agent` before the load) are kept as they are.
class ServerLoader
{
    Q_DECLARE_TR_FUNCTIONS(ServerLoader)

public:
    static constexpr int kRowsPerCopy = 50000;

    struct TableStats
    {
        QString table;
        qint64 rows = 0;
        qint64 skipped = 0; ///< rows already on the server: agents added before, catalog rows its migrations seed
        double seconds = 0;
    };
    struct Stats
    {
        QVector<TableStats> tables;
        qint64 rows = 0;
        double seconds = 0;
        double rowsPerSecond() const { return seconds > 0 ? double(rows) / seconds : 0; }
    };
    /// Called after each run of rows with the table and the rows loaded into it so far.
    using Progress = std::function<void(const QString& table, qint64 rows, qint64 tableTotal)>;

    /// Errors: "source" (cannot open or not a TelcoDesk database), "not_initialised" (run server init
    /// first), "not_empty" (the server holds customers, plans or regions already), "cancelled", "sql".
    static Result<Stats> load(PgConnection& conn, const QString& sqlitePath, const Progress& progress = {},
                              const std::atomic<bool>* cancel = nullptr);
};

} // namespace telcodesk
