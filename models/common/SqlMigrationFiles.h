#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace telcodesk {

/// One NNNN_name.sql file of a migration folder.
struct SqlMigrationFile
{
    int version = 0;
    QString name;     ///< "initial" for 0001_initial.sql
    QString baseName; ///< "0001_initial"
    QByteArray sql;
};

/// The NNNN_name.sql files of a (resource) folder in version order; other files are ignored. The
/// caller registers the resource that holds the folder first.
QVector<SqlMigrationFile> readSqlMigrationFiles(const QString& folder);

} // namespace telcodesk
