#include "TempStore.h"
#include "store/LocalStore.h"
#include "store/Migrator.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace telcodesk;
using telcodesk::test::TempStore;

class TestLocalStore : public QObject
{
    Q_OBJECT
private slots:
    void migratesFromEmpty();
    void migratesFromEveryEarlierVersion_data();
    void migratesFromEveryEarlierVersion();
    void pragmasOnEveryConnection();
    void connectionPerThread();
    void refusesNewerSchema();
    void refusesCorruptFile_data();
    void refusesCorruptFile();
    void refusesForeignSqlite();
    void moveAsideNeverOverwrites();
    void failedMigrationLeavesLastGoodVersion();
    void metaRoundTrip();
};

static QStringList tableNames(const QSqlDatabase& db)
{
    QStringList names;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table','index','trigger') ORDER BY name"));
    while (q.next())
        names << q.value(0).toString();
    return names;
}

void TestLocalStore::migratesFromEmpty()
{
    TempStore t;
    QVERIFY2(t.ok(), qPrintable(t.error()));
    QCOMPARE(t.store()->schemaVersion(), LocalStore::latestSchemaVersion());
    QVERIFY(LocalStore::latestSchemaVersion() >= 2);
    const QStringList names = tableNames(t.store()->connection());
    for (const char* table : {"customer", "subscription", "usage_month", "bill", "interaction", "ticket",
                              "ticket_event", "kb_article", "sales_order", "retention_task", "offer", "agent",
                              "audit_log", "outbox", "plan", "customer_note", "subscription_addon", "kb_category",
                              "kb_article_version", "kb_feedback", "ticket_kb_link", "scoring_config",
                              "customer_score", "score_dirty"})
        QVERIFY2(names.contains(QLatin1String(table)), table);
    QSqlQuery q(t.store()->connection());
    QVERIFY(q.exec(QStringLiteral("PRAGMA application_id")) && q.next());
    QCOMPARE(q.value(0).toInt(), LocalStore::kApplicationId);
}

void TestLocalStore::migratesFromEveryEarlierVersion_data()
{
    QTest::addColumn<int>("from");
    for (int v = 1; v < LocalStore::latestSchemaVersion(); ++v)
        QTest::addRow("from %d", v) << v;
}

void TestLocalStore::migratesFromEveryEarlierVersion()
{
    QFETCH(int, from);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("telcodesk.db"));
    {
        auto old = LocalStore::openAtVersion(path, from);
        QVERIFY2(old, qPrintable(old.errorMessage()));
        QCOMPARE(old.value()->schemaVersion(), from);
        QSqlQuery q(old.value()->connection());
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO customer(id, account_no, name, name_norm, type) "
                                       "VALUES('0190a3b4-1234-7abc-8def-0123456789ab', '4400000001', '张伟', '张伟', 'individual')")),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO outbox(mutation_id, entity, entity_id, op, payload, created_at, "
                                      "schema_version) VALUES('m1', 'customer', 'x', 'update', '{}', 0, %1)")
                           .arg(from)));
    }
    auto migrated = LocalStore::open(path);
    QVERIFY2(migrated, qPrintable(migrated.errorMessage()));
    QCOMPARE(migrated.value()->schemaVersion(), LocalStore::latestSchemaVersion());
    QSqlQuery q(migrated.value()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM customer")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("张伟"));
    // Queued mutations survive an upgrade and keep the schema version they were written under.
    QVERIFY(q.exec(QStringLiteral("SELECT schema_version FROM outbox WHERE mutation_id = 'm1'")) && q.next());
    QCOMPARE(q.value(0).toInt(), from);
}

void TestLocalStore::pragmasOnEveryConnection()
{
    TempStore t;
    QVERIFY(t.ok());
    QSqlQuery q(t.store()->connection());
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2); // FULL
}

void TestLocalStore::connectionPerThread()
{
    TempStore t;
    QVERIFY(t.ok());
    const QString mine = t.store()->connection().connectionName();
    QString theirs;
    bool theirsOpen = false;
    int theirSync = -1;
    QThread* thread = QThread::create([&] {
        QSqlDatabase db = t.store()->connection();
        theirs = db.connectionName();
        theirsOpen = db.isOpen();
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("PRAGMA synchronous")) && q.next())
            theirSync = q.value(0).toInt();
        q.finish();
        t.store()->releaseThreadConnection();
    });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QVERIFY(theirsOpen);
    QVERIFY(mine != theirs);
    QCOMPARE(theirSync, 2);
    QVERIFY(!QSqlDatabase::contains(theirs));
}

void TestLocalStore::refusesNewerSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("telcodesk.db"));
    {
        auto store = LocalStore::open(path);
        QVERIFY(store);
        QSqlQuery q(store.value()->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(LocalStore::latestSchemaVersion() + 1)));
    }
    auto again = LocalStore::open(path);
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("newer_schema"));
    QVERIFY(again.errorMessage().contains(QLatin1String("newer version")));
    QVERIFY(QFile::exists(path)); // untouched
}

void TestLocalStore::refusesCorruptFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text file") << QByteArray("this is not a database\n");
    QTest::newRow("png header") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    QByteArray damaged("SQLite format 3\0", 16);
    damaged.append(QByteArray(4096, '\xff'));
    QTest::newRow("sqlite header, garbage body") << damaged;
}

void TestLocalStore::refusesCorruptFile()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("telcodesk.db"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    auto store = LocalStore::open(path);
    QVERIFY(!store);
    QCOMPARE(store.error().code, QStringLiteral("not_database"));
    QVERIFY(store.errorMessage().contains(path));
    // The file is left exactly as it was.
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);
}

void TestLocalStore::refusesForeignSqlite()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("telcodesk.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT)")));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    auto store = LocalStore::open(path);
    QVERIFY(!store);
    QCOMPARE(store.error().code, QStringLiteral("foreign"));
}

void TestLocalStore::moveAsideNeverOverwrites()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("telcodesk.db"));
    for (int round = 0; round < 2; ++round) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("broken ") + QByteArray::number(round));
        f.close();
        QFile wal(path + QStringLiteral("-wal"));
        QVERIFY(wal.open(QIODevice::WriteOnly));
        wal.close();
        auto moved = LocalStore::moveAside(path);
        QVERIFY2(moved, qPrintable(moved.errorMessage()));
        QVERIFY(!QFile::exists(path));
        QVERIFY(QFile::exists(moved.value()));
        QVERIFY(QFile::exists(moved.value() + QStringLiteral("-wal")));
    }
    // Two rounds within the same second: two distinct files, both kept.
    const QStringList kept = QDir(dir.path()).entryList({QStringLiteral("telcodesk.db.broken-*")}, QDir::Files);
    QCOMPARE(kept.filter(QStringLiteral("-wal")).size(), 2);
    QCOMPARE(kept.size(), 4);
    auto fresh = LocalStore::open(path);
    QVERIFY2(fresh, qPrintable(fresh.errorMessage()));
}

void TestLocalStore::failedMigrationLeavesLastGoodVersion()
{
    // A database at version 1 whose customer table already has an index named like the one migration 2
    // creates: migration 2 fails, and the database stays at version 1 with its data intact.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("telcodesk.db"));
    {
        auto old = LocalStore::openAtVersion(path, 1);
        QVERIFY(old);
        QSqlQuery q(old.value()->connection());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE customer_account_no(x)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES('k', 'v')")));
    }
    auto failed = LocalStore::open(path);
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, QStringLiteral("migration"));
    QVERIFY(failed.errorMessage().contains(QLatin1String("Migration 2")));
    auto old = LocalStore::openAtVersion(path, 1);
    QVERIFY(old);
    QCOMPARE(old.value()->schemaVersion(), 1);
    QCOMPARE(old.value()->meta(QStringLiteral("k")), QStringLiteral("v"));
    QSqlQuery q(old.value()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'customer_name_norm'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0); // nothing of the failed migration was left behind
}

void TestLocalStore::metaRoundTrip()
{
    TempStore t;
    QVERIFY(t.ok());
    QVERIFY(t.store()->setMeta(QStringLiteral("a"), QStringLiteral("1")));
    QVERIFY(t.store()->setMeta(QStringLiteral("a"), QStringLiteral("二")));
    QCOMPARE(t.store()->meta(QStringLiteral("a")), QStringLiteral("二"));
    QCOMPARE(t.store()->meta(QStringLiteral("missing"), QStringLiteral("fallback")), QStringLiteral("fallback"));
}

QTEST_GUILESS_MAIN(TestLocalStore)
#include "tst_localstore.moc"
