#include "TableHash.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace telcodesk::test {

bool hashTables(QCryptographicHash& hash, const QSqlDatabase& db, const QVector<HashedTable>& tables)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    for (const HashedTable& table : tables) {
        hash.addData(QByteArray(table.name));
        if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2")
                        .arg(QLatin1String(table.name), QLatin1String(table.orderBy))))
            return false;
        while (q.next()) {
            const int n = q.record().count();
            for (int i = 0; i < n; ++i) {
                const QVariant v = q.value(i);
                hash.addData(v.isNull() ? QByteArray("\x01NULL") : v.toString().toUtf8());
                hash.addData(QByteArray("\x1f", 1));
            }
            hash.addData(QByteArray("\x1e", 1));
        }
    }
    return true;
}

} // namespace telcodesk::test
