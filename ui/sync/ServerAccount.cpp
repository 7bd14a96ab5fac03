#include "sync/ServerAccount.h"

#include "security/CredentialStore.h"
#include "sync/LocalSyncState.h"

#include <QDir>
#include <QRegularExpression>
#include <QSettings>
#include <QSqlQuery>

namespace telcodesk {

namespace {

/// Keeps a folder name to characters every file system takes; logins are already limited to these.
QString folderSafe(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const bool plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') || c == QLatin1Char('-')
            || c == QLatin1Char('_');
        out += plain ? c : QLatin1Char('_');
    }
    return out;
}

PgDsn withoutLogin(PgDsn dsn)
{
    dsn.user.clear();
    dsn.password.clear();
    return dsn;
}

const QString kServerKey = QStringLiteral("sync/server");
const QString kLoginKey = QStringLiteral("sync/login");
const QString kRememberKey = QStringLiteral("sync/rememberPassword");

} // namespace

ServerAccount::ServerAccount(PgDsn dsn)
    : m_dsn(std::move(dsn))
{
}

QString ServerAccount::serverUrl() const
{
    return withoutLogin(m_dsn).toUrl();
}

QString ServerAccount::displayName() const
{
    //: An account in menus and titles: %1 login, %2 host, %3 port, %4 database
    return tr("%1 @ %2:%3/%4").arg(m_dsn.user, m_dsn.host).arg(m_dsn.port).arg(m_dsn.database);
}

QString ServerAccount::credentialKey() const
{
    return CredentialStore::keyFor(m_dsn.user, m_dsn.host, m_dsn.port, m_dsn.database);
}

QString ServerAccount::cacheFolder(const QString& dataDir) const
{
    const QString name = QStringLiteral("%1@%2_%3_%4")
                             .arg(folderSafe(m_dsn.user), folderSafe(m_dsn.host))
                             .arg(m_dsn.port)
                             .arg(folderSafe(m_dsn.database));
    return QDir(dataDir).filePath(QStringLiteral("servers/") + name);
}

bool ServerAccount::isValidLogin(const QString& login)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    return pattern.match(login).hasMatch();
}

Status ServerAccount::claimCache(const LocalStore& store) const
{
    const QString server = store.meta(QLatin1String(LocalSyncState::kServer));
    const QString login = store.meta(QLatin1String(LocalSyncState::kLogin));
    if (server.isEmpty() && login.isEmpty()) {
        // The same identity telcodesk-admin sync records: no login, password or connection options.
        PgDsn identity = withoutLogin(m_dsn);
        identity.options.clear();
        const Status a = store.setMeta(QLatin1String(LocalSyncState::kServer), identity.toUrl());
        if (!a)
            return a;
        return store.setMeta(QLatin1String(LocalSyncState::kLogin), m_dsn.user);
    }
    const Result<PgDsn> recorded = PgDsn::parse(server);
    const bool same = recorded && login == m_dsn.user && recorded->host.compare(m_dsn.host, Qt::CaseInsensitive) == 0
        && recorded->port == m_dsn.port && recorded->database == m_dsn.database;
    if (!same)
        return Error{tr("The local copy in %1 belongs to %2 on %3, not to this sign-in.")
                         .arg(QDir::toNativeSeparators(store.path()), login, server),
                     QStringLiteral("foreign")};
    return Status::success();
}

bool ServerAccount::hasCompletedFirstSync(const LocalStore& store)
{
    return !store.meta(QLatin1String(LocalSyncState::kInitialDone)).isEmpty();
}

bool ServerAccount::hasSyncedData(const LocalStore& store)
{
    QSqlQuery q(store.connection());
    return q.exec(QStringLiteral("SELECT EXISTS(SELECT 1 FROM agent) OR EXISTS(SELECT 1 FROM customer)")) && q.next()
        && q.value(0).toBool();
}

QString ServerAccount::settingsFile(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("telcodesk.ini"));
}

ServerAccount::Remembered ServerAccount::remembered(const QString& dataDir)
{
    const QSettings settings(settingsFile(dataDir), QSettings::IniFormat);
    Remembered r;
    r.serverUrl = settings.value(kServerKey).toString();
    r.login = settings.value(kLoginKey).toString();
    r.rememberPassword = settings.value(kRememberKey, false).toBool();
    return r;
}

void ServerAccount::remember(const QString& dataDir, const Remembered& remembered)
{
    QSettings settings(settingsFile(dataDir), QSettings::IniFormat);
    if (remembered.isEmpty()) {
        settings.remove(QStringLiteral("sync"));
    } else {
        // The URL as settings keep it never carries a login or a password, whatever was typed.
        const Result<PgDsn> dsn = PgDsn::parse(remembered.serverUrl);
        settings.setValue(kServerKey, dsn ? withoutLogin(dsn.value()).toUrl() : QString());
        settings.setValue(kLoginKey, remembered.login);
        settings.setValue(kRememberKey, remembered.rememberPassword);
    }
    settings.sync();
}

} // namespace telcodesk
