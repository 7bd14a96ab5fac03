#include "sync/LocalSyncState.h"

#include "common/Uuid.h"

#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

Result<QString> LocalSyncState::clientId(const LocalStore& store)
{
    const QString existing = store.meta(QLatin1String(kClientId));
    if (!existing.isEmpty())
        return existing;
    const QString id = UuidV7::create();
    const Status stored = store.setMeta(QLatin1String(kClientId), id);
    if (!stored)
        return stored.error();
    return id;
}

QString LocalSyncState::value(QSqlDatabase& db, const QString& key)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

Status LocalSyncState::setValue(QSqlDatabase& db, const QString& key, const QString& value)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return Error{QStringLiteral("cannot store %1: %2").arg(key, q.lastError().text()), QStringLiteral("io")};
    return Status::success();
}

QString LocalSyncState::cursor(QSqlDatabase& db)
{
    return value(db, QLatin1String(kCursor));
}

Status LocalSyncState::setCursor(QSqlDatabase& db, const QString& cursor)
{
    return setValue(db, QLatin1String(kCursor), cursor);
}

} // namespace telcodesk
