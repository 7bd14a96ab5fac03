#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <memory>

struct sqlite3;

namespace telcodesk {

/// The local SQLite cache. Owns the file, its schema and one connection per thread.
///
/// A QSqlDatabase connection belongs to the thread that opened it, so connection() hands each thread
/// its own, opened on first use with the same pragmas (WAL, synchronous=FULL, busy timeout). Threads
/// other than the one that opened the store call releaseThreadConnection() before they end.
class LocalStore
{
public:
    /// PRAGMA application_id of a TelcoDesk database: "TCDK".
    static constexpr int kApplicationId = 0x5443444B;
    static constexpr const char* kFileName = "telcodesk.db";

    ~LocalStore();
    LocalStore(const LocalStore&) = delete;
    LocalStore& operator=(const LocalStore&) = delete;

    /// Opens (creating if missing) the database at path and migrates it to the latest schema.
    /// Errors: code "not_database" (the file is not SQLite or is damaged), "foreign" (an SQLite file of
    /// another program), "newer_schema" (written by a newer TelcoDesk), "io" (cannot open or create),
    /// "migration" (a migration failed; the database is left at the last good version).
    static Result<std::shared_ptr<LocalStore>> open(const QString& path);
    /// As open(), but migrates only up to targetVersion (for tests of older schemas).
    static Result<std::shared_ptr<LocalStore>> openAtVersion(const QString& path, int targetVersion);

    /// Renames the file (and its -wal and -shm companions) to "<path>.broken-<UTC timestamp>" so that a
    /// fresh database can be created in its place. Never overwrites: returns the new path.
    static Result<QString> moveAside(const QString& path);

    /// The schema version the code knows (the highest migration shipped).
    static int latestSchemaVersion();

    QString path() const { return m_path; }
    int schemaVersion() const;

    /// This thread's connection to the database, opened on first use.
    QSqlDatabase connection() const;
    /// Closes and removes this thread's connection, if any.
    void releaseThreadConnection() const;

    /// The raw SQLite handle behind a Qt connection, for bulk paths that bypass QVariant binding.
    static sqlite3* handle(const QSqlDatabase& db);

    /// Small key/value settings kept in the database (table meta).
    QString meta(const QString& key, const QString& fallback = QString()) const;
    Status setMeta(const QString& key, const QString& value) const;

    /// Total size on disk: the database file plus its WAL.
    qint64 sizeOnDisk() const;

private:
    explicit LocalStore(QString path);
    static Result<std::shared_ptr<LocalStore>> openImpl(const QString& path, int targetVersion);
    QString connectionName() const;

    QString m_path;
    QString m_key;
};

using LocalStorePtr = std::shared_ptr<LocalStore>;

} // namespace telcodesk
