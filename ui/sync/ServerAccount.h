#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"
#include "sync/PgDsn.h"

#include <QCoreApplication>
#include <QString>

namespace telcodesk {

/// One agent's sign-in on one central server: where the server is, who signs in, and where the local
/// copy of what that agent may see is kept. Each (login, server) pair has its own cache, under
/// DATA_DIR/servers/<login>@<host>_<port>_<database>/telcodesk.db, apart from the demo database, so
/// that signing in never mixes a server's data with generated data or with another agent's scope.
class ServerAccount
{
    Q_DECLARE_TR_FUNCTIONS(ServerAccount)

public:
    /// What the data folder remembers of the last sign-in (the password never; see CredentialStore).
    struct Remembered
    {
        QString serverUrl;  ///< postgresql://host:port/db, no login, no password
        QString login;
        bool rememberPassword = false; ///< the password is in the keychain
        bool isEmpty() const { return serverUrl.isEmpty(); }
    };

    ServerAccount() = default;
    /// dsn with the login in dsn.user (and the password, when known).
    explicit ServerAccount(PgDsn dsn);

    const PgDsn& dsn() const { return m_dsn; }
    QString login() const { return m_dsn.user; }
    QString password() const { return m_dsn.password; }
    void setPassword(const QString& password) { m_dsn.password = password; }
    bool isValid() const { return !m_dsn.host.isEmpty() && !m_dsn.user.isEmpty(); }

    /// postgresql://host:port/db (with its options): what the sign-in dialog shows and settings keep.
    QString serverUrl() const;
    /// "agent01 @ crm.example.cn:5432/telcodesk", for people.
    QString displayName() const;
    /// The keychain key (CredentialStore::keyFor).
    QString credentialKey() const;
    /// The folder of this account's cache inside dataDir.
    QString cacheFolder(const QString& dataDir) const;

    /// The login rule of telcodesk-admin server add-agent: lower-case letters, digits and "_".
    static bool isValidLogin(const QString& login);

    /// Checks that an opened cache belongs to this account (recording it on first use): the folder name
    /// cannot tell apart every pair of logins and hosts, the cache's own record can. Error "foreign".
    Status claimCache(const LocalStore& store) const;
    /// Whether a first sync has completed into this cache.
    static bool hasCompletedFirstSync(const LocalStore& store);
    /// Whether anything synced is in the cache (a first sync cancelled half-way leaves some).
    static bool hasSyncedData(const LocalStore& store);

    /// Settings of a data folder: DATA_DIR/telcodesk.ini.
    static QString settingsFile(const QString& dataDir);
    static Remembered remembered(const QString& dataDir);
    static void remember(const QString& dataDir, const Remembered& remembered);

private:
    PgDsn m_dsn;
};

} // namespace telcodesk
