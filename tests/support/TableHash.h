#pragma once

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

namespace telcodesk::test {

/// A table and the ORDER BY that makes its dump canonical.
struct HashedTable
{
    const char* name;
    const char* orderBy;
};

/// Adds every row of the tables, in order, to hash: each value as text, NULL told apart from an empty
/// text, fields and rows separated. Two stores with the same content give the same hash. False when a
/// table cannot be read.
bool hashTables(QCryptographicHash& hash, const QSqlDatabase& db, const QVector<HashedTable>& tables);

} // namespace telcodesk::test
