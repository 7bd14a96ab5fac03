#include "common/SqlMigrationFiles.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace telcodesk {

QVector<SqlMigrationFile> readSqlMigrationFiles(const QString& folder)
{
    QVector<SqlMigrationFile> list;
    const QDir dir(folder);
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_(.+)\\.sql$"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const auto match = pattern.match(file);
        if (!match.hasMatch())
            continue;
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        list.push_back({match.captured(1).toInt(), match.captured(2), file.chopped(4), f.readAll()});
    }
    return list;
}

} // namespace telcodesk
