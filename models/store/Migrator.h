#pragma once

#include "common/Result.h"

#include <QString>
#include <QVector>

struct sqlite3;

namespace telcodesk {

/// Applies resources/sql/sqlite/NNNN_*.sql in order. Each migration runs in one transaction that also
/// sets PRAGMA user_version, so a database is always at exactly one known version.
class Migrator
{
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QString sql;
    };

    /// The shipped migrations, in version order.
    static const QVector<Migration>& migrations();
    static int latestVersion();

    /// Migrates from the database's current user_version up to target.
    static Status migrate(sqlite3* db, int target);
    static int userVersion(sqlite3* db);
};

} // namespace telcodesk
