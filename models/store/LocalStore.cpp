#include "store/LocalStore.h"

#include "common/Logging.h"
#include "kb/KbFts.h"
#include "store/Migrator.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <sqlite3.h>

namespace telcodesk {

namespace {

QAtomicInteger<int> s_storeCounter;

/// Reads the 16-byte header every SQLite database file starts with.
bool looksLikeSqlite(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray header = f.read(16);
    return header == QByteArray("SQLite format 3\0", 16);
}

Result<int> readInt(QSqlQuery& q, const QString& sql)
{
    if (!q.exec(sql) || !q.next())
        return Error{q.lastError().text(), QStringLiteral("not_database")};
    return q.value(0).toInt();
}

} // namespace

LocalStore::LocalStore(QString path)
    : m_path(std::move(path))
    , m_key(QString::number(s_storeCounter.fetchAndAddRelaxed(1)))
{
}

LocalStore::~LocalStore()
{
    releaseThreadConnection();
}

int LocalStore::latestSchemaVersion()
{
    return Migrator::latestVersion();
}

Result<std::shared_ptr<LocalStore>> LocalStore::open(const QString& path)
{
    return openImpl(path, Migrator::latestVersion());
}

Result<std::shared_ptr<LocalStore>> LocalStore::openAtVersion(const QString& path, int targetVersion)
{
    return openImpl(path, targetVersion);
}

Result<std::shared_ptr<LocalStore>> LocalStore::openImpl(const QString& path, int targetVersion)
{
    const QFileInfo info(path);
    if (info.exists() && info.isDir())
        return Error{QObject::tr("%1 is a folder, not a database file.").arg(path), QStringLiteral("io")};
    if (info.exists() && info.size() > 0 && !looksLikeSqlite(path)) {
        return Error{QObject::tr("The file %1 is not a TelcoDesk database: it is not an SQLite file, or its "
                                 "header is damaged.")
                         .arg(path),
                     QStringLiteral("not_database")};
    }
    if (!info.exists() && !QDir().mkpath(info.absolutePath()))
        return Error{QObject::tr("Cannot create the folder %1.").arg(info.absolutePath()), QStringLiteral("io")};

    std::shared_ptr<LocalStore> store(new LocalStore(path));
    QSqlDatabase db = store->connection();
    if (!db.isOpen()) {
        return Error{QObject::tr("Cannot open the database %1: %2").arg(path, db.lastError().text()),
                     QStringLiteral("io")};
    }
    QSqlQuery q(db);
    // Reading the schema is what fails on a damaged file ("file is not a database", "malformed").
    const Result<int> tables = readInt(q, QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!tables) {
        store->releaseThreadConnection();
        return Error{QObject::tr("The database %1 is damaged and cannot be read (%2).")
                         .arg(path, tables.errorMessage()),
                     QStringLiteral("not_database")};
    }
    const int appId = readInt(q, QStringLiteral("PRAGMA application_id")).value();
    const int version = readInt(q, QStringLiteral("PRAGMA user_version")).value();
    if ((appId != 0 && appId != kApplicationId) || (appId == 0 && *tables > 0)) {
        store->releaseThreadConnection();
        return Error{QObject::tr("The file %1 is an SQLite database of another program, not TelcoDesk's.")
                         .arg(path),
                     QStringLiteral("foreign")};
    }
    if (version > Migrator::latestVersion()) {
        store->releaseThreadConnection();
        return Error{QObject::tr("The database %1 was written by a newer version of TelcoDesk (schema %2; "
                                 "this version knows up to %3). Update TelcoDesk to open it.")
                         .arg(path)
                         .arg(version)
                         .arg(Migrator::latestVersion()),
                     QStringLiteral("newer_schema")};
    }
    if (appId == 0 && !q.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId))) {
        store->releaseThreadConnection();
        return Error{QObject::tr("Cannot initialise %1: %2").arg(path, q.lastError().text()),
                     QStringLiteral("io")};
    }
    q.finish();
    const Status migrated = Migrator::migrate(handle(db), targetVersion);
    if (!migrated) {
        store->releaseThreadConnection();
        return migrated.error();
    }
    return store;
}

Result<QString> LocalStore::moveAside(const QString& path)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = path + QStringLiteral(".broken-") + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = path + QStringLiteral(".broken-") + stamp + QLatin1Char('-') + QString::number(n);
    if (!QFile::rename(path, target))
        return Error{QObject::tr("Cannot move %1 aside to %2.").arg(path, target), QStringLiteral("io")};
    for (const char* suffix : {"-wal", "-shm"}) {
        const QString companion = path + QLatin1String(suffix);
        if (QFileInfo::exists(companion))
            QFile::rename(companion, target + QLatin1String(suffix));
    }
    qCWarning(lcStore) << "moved" << path << "aside to" << target;
    return target;
}

QString LocalStore::connectionName() const
{
    return QStringLiteral("telcodesk-%1-%2").arg(m_key).arg(quintptr(QThread::currentThreadId()));
}

QSqlDatabase LocalStore::connection() const
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        qCWarning(lcStore) << "cannot open" << m_path << db.lastError().text();
        return db;
    }
    QSqlQuery q(db);
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                               "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -131072", "PRAGMA mmap_size = 2147418112",
                               "PRAGMA foreign_keys = OFF"}) {
        if (!q.exec(QLatin1String(pragma)))
            qCWarning(lcStore) << pragma << q.lastError().text();
    }
    // The knowledge base's index triggers call these on every write of an article (migration 11).
    const Status kb = KbFts::registerWith(handle(db));
    if (!kb)
        qCWarning(lcStore) << kb.errorMessage();
    return db;
}

void LocalStore::releaseThreadConnection() const
{
    const QString name = connectionName();
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

sqlite3* LocalStore::handle(const QSqlDatabase& db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(v.constData());
}

int LocalStore::schemaVersion() const
{
    return Migrator::userVersion(handle(connection()));
}

QString LocalStore::meta(const QString& key, const QString& fallback) const
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return fallback;
}

Status LocalStore::setMeta(const QString& key, const QString& value) const
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return Error{q.lastError().text(), QStringLiteral("io")};
    return Status::success();
}

qint64 LocalStore::sizeOnDisk() const
{
    return QFileInfo(m_path).size() + QFileInfo(m_path + QStringLiteral("-wal")).size();
}

} // namespace telcodesk
