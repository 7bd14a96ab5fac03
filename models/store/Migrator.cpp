#include "store/Migrator.h"

#include "common/Logging.h"
#include "common/SqlMigrationFiles.h"

#include <sqlite3.h>

// The migrations live in the core library's resources; a static library's resources must be
// registered by hand before first use.
static void initCoreResources()
{
    Q_INIT_RESOURCE(core);
}

namespace telcodesk {

namespace {

QVector<Migrator::Migration> loadMigrations()
{
    initCoreResources();
    QVector<Migrator::Migration> list;
    for (const SqlMigrationFile& file : readSqlMigrationFiles(QStringLiteral(":/telcodesk/sql/sqlite")))
        list.push_back({file.version, file.name, QString::fromUtf8(file.sql)});
    return list;
}

Error sqliteError(sqlite3* db, const QString& what)
{
    return Error{QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db))),
                 QStringLiteral("migration")};
}

} // namespace

const QVector<Migrator::Migration>& Migrator::migrations()
{
    static const QVector<Migration> list = loadMigrations();
    return list;
}

int Migrator::latestVersion()
{
    const auto& list = migrations();
    return list.isEmpty() ? 0 : list.last().version;
}

int Migrator::userVersion(sqlite3* db)
{
    sqlite3_stmt* stmt = nullptr;
    int version = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return version;
}

Status Migrator::migrate(sqlite3* db, int target)
{
    const int current = userVersion(db);
    if (current < 0)
        return sqliteError(db, QStringLiteral("Cannot read the schema version"));
    for (const Migration& m : migrations()) {
        if (m.version <= current || m.version > target)
            continue;
        qCDebug(lcStore) << "applying migration" << m.version << m.name;
        // One transaction per migration: the schema change and the new user_version land together.
        const QByteArray sql = "BEGIN IMMEDIATE;\n" + m.sql.toUtf8() + "\nPRAGMA user_version = "
            + QByteArray::number(m.version) + ";\nCOMMIT;";
        char* message = nullptr;
        if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) != SQLITE_OK) {
            const QString text = QString::fromUtf8(message ? message : "unknown error");
            sqlite3_free(message);
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            return Error{QStringLiteral("Migration %1 (%2) failed: %3").arg(m.version).arg(m.name, text),
                         QStringLiteral("migration")};
        }
    }
    return Status::success();
}

} // namespace telcodesk
