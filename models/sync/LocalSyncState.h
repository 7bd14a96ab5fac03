#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"

#include <QSqlDatabase>
#include <QString>

namespace telcodesk {

/// What the desktop remembers about its sync, in the local database's meta table:
///   sync.client_id   this cache's id towards the server (UUIDv7, created once, never changes)
///   sync.cursor      the pull cursor, written in the same transaction as the page it ends
///   sync.server      the server URL without password, sync.login the login: a cache belongs to one pair
///   sync.initial_done "1" once a first sync has completed
///   sync.last_sync_at the local clock at the last complete cycle (display only, never for ordering)
class LocalSyncState
{
public:
    static constexpr const char* kClientId = "sync.client_id";
    static constexpr const char* kCursor = "sync.cursor";
    static constexpr const char* kServer = "sync.server";
    static constexpr const char* kLogin = "sync.login";
    static constexpr const char* kInitialDone = "sync.initial_done";
    static constexpr const char* kLastSyncAt = "sync.last_sync_at";

    /// The client id, created and stored on first call.
    static Result<QString> clientId(const LocalStore& store);
    static QString cursor(QSqlDatabase& db);
    /// Inside the caller's transaction.
    static Status setCursor(QSqlDatabase& db, const QString& cursor);
    static QString value(QSqlDatabase& db, const QString& key);
    static Status setValue(QSqlDatabase& db, const QString& key, const QString& value);
};

} // namespace telcodesk
