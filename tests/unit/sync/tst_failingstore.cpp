// The failing-store loops of the sync tests rest on what these cases prove: the i-th statement is the
// one that fails, it fails before changing anything (a COMMIT too), prepared statements are counted on
// every run, and the hooks are gone afterwards.
#include "FailingStore.h"
#include "TempStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <sqlite3.h>

using namespace telcodesk;
using namespace telcodesk::test;

class TestFailingStore : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void countsStatements();
    void failsTheIthStatementOnly();
    void countsEveryRunOfAReusedRawStatement();
    void countsEveryRunOfAReusedQtQuery();
    void interruptedCommitCommitsNothing();
    void interruptedWriteRollsBackItsTransaction();
    void triggerStatementsAreNotCounted();
    void hooksAreRemovedOnDestruction();

private:
    int count(const QString& table) const;
    bool exec(const QString& sql) const;
    std::unique_ptr<TempStore> m_temp;
    QSqlDatabase m_db;
};

void TestFailingStore::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    m_db = m_temp->store()->connection();
    QVERIFY(exec(QStringLiteral("CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT)")));
}

void TestFailingStore::cleanup()
{
    m_db = QSqlDatabase();
    m_temp.reset();
}

int TestFailingStore::count(const QString& table) const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool TestFailingStore::exec(const QString& sql) const
{
    QSqlQuery q(m_db);
    return q.exec(sql);
}

void TestFailingStore::countsStatements()
{
    FailingStore counter(m_db);
    QVERIFY(exec(QStringLiteral("INSERT INTO t(b) VALUES('x')")));
    QVERIFY(exec(QStringLiteral("SELECT * FROM t")));
    QVERIFY(exec(QStringLiteral("UPDATE t SET b = 'y'")));
    QCOMPARE(counter.statements(), 3);
    QVERIFY(!counter.fired());
    QCOMPARE(counter.log().at(1), QStringLiteral("SELECT * FROM t"));
}

void TestFailingStore::failsTheIthStatementOnly()
{
    FailingStore failing(m_db, 2);
    QVERIFY(exec(QStringLiteral("INSERT INTO t(b) VALUES('1')")));
    QSqlQuery second(m_db);
    QVERIFY(!second.exec(QStringLiteral("INSERT INTO t(b) VALUES('2')")));
    QVERIFY2(second.lastError().text().contains(QStringLiteral("interrupt")), qPrintable(second.lastError().text()));
    QVERIFY(exec(QStringLiteral("INSERT INTO t(b) VALUES('3')")));
    QVERIFY(failing.fired());
    QCOMPARE(failing.failedStatement(), QStringLiteral("INSERT INTO t(b) VALUES('2')"));
    QCOMPARE(failing.statements(), 3);
    QCOMPARE(count(QStringLiteral("t")), 2);

    failing.rearm(1);
    QVERIFY(!exec(QStringLiteral("INSERT INTO t(b) VALUES('4')")));
    QVERIFY(exec(QStringLiteral("INSERT INTO t(b) VALUES('5')")));
    QCOMPARE(count(QStringLiteral("t")), 3);
}

void TestFailingStore::countsEveryRunOfAReusedRawStatement()
{
    sqlite3* db = LocalStore::handle(m_db);
    sqlite3_stmt* stmt = nullptr;
    QCOMPARE(sqlite3_prepare_v3(db, "INSERT INTO t(b) VALUES(?)", -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr),
             SQLITE_OK);
    FailingStore failing(m_db, 2);
    QVector<int> codes;
    for (const char* value : {"a", "b", "c"}) {
        sqlite3_bind_text(stmt, 1, value, -1, SQLITE_TRANSIENT);
        codes << sqlite3_step(stmt);
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    QCOMPARE(codes, (QVector<int>{SQLITE_DONE, SQLITE_INTERRUPT, SQLITE_DONE}));
    QCOMPARE(failing.statements(), 3);
    QSqlQuery q(m_db);
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(b, '') FROM t")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ac"));
}

void TestFailingStore::countsEveryRunOfAReusedQtQuery()
{
    QSqlQuery q(m_db);
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(b) VALUES(?)")));
    FailingStore failing(m_db, 3);
    QVector<bool> ok;
    for (const QString& value : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}) {
        q.addBindValue(value);
        ok << q.exec();
    }
    QCOMPARE(ok, (QVector<bool>{true, true, false, true}));
    QCOMPARE(failing.statements(), 4);
    QCOMPARE(count(QStringLiteral("t")), 3);
}

void TestFailingStore::interruptedCommitCommitsNothing()
{
    sqlite3* db = LocalStore::handle(m_db);
    FailingStore failing(m_db, 3); // BEGIN, INSERT, COMMIT
    QCOMPARE(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "INSERT INTO t(b) VALUES('x')", nullptr, nullptr, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_INTERRUPT);
    QVERIFY(failing.fired());
    QCOMPARE(sqlite3_get_autocommit(db), 0); // still in the transaction: nothing committed
    QCOMPARE(sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
    QCOMPARE(count(QStringLiteral("t")), 0);
}

void TestFailingStore::interruptedWriteRollsBackItsTransaction()
{
    // What SQLite does with an interrupted write inside a transaction (and what the code under test
    // must cope with): the whole transaction is rolled back, later statements run in autocommit.
    sqlite3* db = LocalStore::handle(m_db);
    FailingStore failing(m_db, 3);
    QCOMPARE(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "INSERT INTO t(b) VALUES('x')", nullptr, nullptr, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "INSERT INTO t(b) VALUES('y')", nullptr, nullptr, nullptr), SQLITE_INTERRUPT);
    QCOMPARE(sqlite3_get_autocommit(db), 1);
    QCOMPARE(count(QStringLiteral("t")), 0);
}

void TestFailingStore::triggerStatementsAreNotCounted()
{
    QVERIFY(exec(QStringLiteral("CREATE TABLE log(x)")));
    QVERIFY(exec(QStringLiteral("CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES(new.b); END")));
    FailingStore counter(m_db);
    QVERIFY(exec(QStringLiteral("INSERT INTO t(b) VALUES('x')")));
    QVERIFY(exec(QStringLiteral("INSERT INTO t(b) VALUES('y')")));
    QCOMPARE(counter.statements(), 2);
    QCOMPARE(count(QStringLiteral("log")), 2);
}

void TestFailingStore::hooksAreRemovedOnDestruction()
{
    {
        FailingStore failing(m_db, 1);
    }
    QVERIFY(exec(QStringLiteral("INSERT INTO t(b) VALUES('x')")));
    QCOMPARE(count(QStringLiteral("t")), 1);
    {
        FailingStore armedButUnused(m_db, 5);
        QVERIFY(exec(QStringLiteral("INSERT INTO t(b) VALUES('y')")));
    }
    for (int i = 0; i < 6; ++i)
        QVERIFY(exec(QStringLiteral("INSERT INTO t(b) VALUES('z')")));
    QCOMPARE(count(QStringLiteral("t")), 8);
}

QTEST_GUILESS_MAIN(TestFailingStore)
#include "tst_failingstore.moc"
