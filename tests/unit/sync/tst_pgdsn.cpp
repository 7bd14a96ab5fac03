#include "sync/PgDsn.h"

#include <QTest>

using namespace telcodesk;

class TestPgDsn : public QObject
{
    Q_OBJECT

private slots:
    void parsesValidAddresses_data();
    void parsesValidAddresses();
    void refusesBadAddresses_data();
    void refusesBadAddresses();
    void redactedHidesThePassword();
    void roundTripsThroughToUrl();
    void connectOptionsAddATimeout();
};

void TestPgDsn::parsesValidAddresses_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QStringList>("options");

    QTest::newRow("full") << "postgresql://agent01:s3cret@db.example.cn:6432/telcodesk" << "db.example.cn" << 6432
                          << "agent01" << "s3cret" << "telcodesk" << QStringList();
    QTest::newRow("postgres scheme, default port") << "postgres://u@10.0.0.5/crm" << "10.0.0.5" << 5432 << "u" << ""
                                                   << "crm" << QStringList();
    QTest::newRow("percent-encoded password") << "postgresql://u:p%40ss%3Aw%2Frd@h/d" << "h" << 5432 << "u" << "p@ss:w/rd"
                                              << "d" << QStringList();
    QTest::newRow("IPv6") << "postgresql://u:p@[::1]:55432/d" << "::1" << 55432 << "u" << "p" << "d" << QStringList();
    QTest::newRow("options") << "postgresql://u:p@h/d?sslmode=require&connect_timeout=3" << "h" << 5432 << "u" << "p" << "d"
                             << QStringList{"sslmode=require", "connect_timeout=3"};
    QTest::newRow("surrounding spaces") << "  postgresql://u:p@h:1/d  " << "h" << 1 << "u" << "p" << "d" << QStringList();
}

void TestPgDsn::parsesValidAddresses()
{
    QFETCH(QString, url);
    const auto dsn = PgDsn::parse(url);
    QVERIFY2(dsn.ok(), qPrintable(dsn.errorMessage()));
    QTEST(dsn->host, "host");
    QTEST(dsn->port, "port");
    QTEST(dsn->user, "user");
    QTEST(dsn->password, "password");
    QTEST(dsn->database, "database");
    QTEST(dsn->options, "options");
}

void TestPgDsn::refusesBadAddresses_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << "" << "No server address";
    QTest::newRow("other scheme") << "mysql://u:p@h/d" << "must start with postgresql://";
    QTest::newRow("key=value form") << "host=localhost dbname=x" << "not a valid URL";
    QTest::newRow("no host") << "postgresql:///d" << "names no host";
    QTest::newRow("no database") << "postgresql://u:p@h:5432/" << "names no database";
    QTest::newRow("nested path") << "postgresql://u:p@h/a/b" << "names no database";
    QTest::newRow("port too large") << "postgresql://u:p@h:70000/d" << "not a valid URL";
    QTest::newRow("port not a number") << "postgresql://u:p@h:abc/d" << "not a valid URL";
    QTest::newRow("unknown option") << "postgresql://u:p@h/d?options=-c%20role%3Dadmin" << "Unknown option \"options\"";
    QTest::newRow("option value with spaces") << "postgresql://u:p@h/d?application_name=a%20b" << "not allowed";
    QTest::newRow("option value with a quote") << "postgresql://u:p@h/d?sslmode=x'y" << "not allowed";
}

void TestPgDsn::refusesBadAddresses()
{
    QFETCH(QString, url);
    QFETCH(QString, says);
    const auto dsn = PgDsn::parse(url);
    QVERIFY(!dsn.ok());
    QCOMPARE(dsn.error().code, QStringLiteral("invalid"));
    QVERIFY2(dsn.errorMessage().contains(says), qPrintable(dsn.errorMessage()));
    QVERIFY(dsn.errorMessage().contains(QStringLiteral("postgresql://USER:PASSWORD@HOST:PORT/DATABASE"))
            || dsn.errorMessage().contains(QStringLiteral("option")) || dsn.errorMessage().contains(QStringLiteral("port")));
}

void TestPgDsn::redactedHidesThePassword()
{
    const auto dsn = PgDsn::parse(QStringLiteral("postgresql://agent:TopSecret@h:5433/d"));
    QVERIFY(dsn.ok());
    QCOMPARE(dsn->redacted(), QStringLiteral("postgresql://agent@h:5433/d"));
    // A URL that does not parse is not echoed either: it may hold a password.
    const auto bad = PgDsn::parse(QStringLiteral("postgresql://agent:TopSecret@h:99999/d"));
    QVERIFY(!bad.ok());
    QVERIFY(!bad.errorMessage().contains(QStringLiteral("TopSecret")));
}

void TestPgDsn::roundTripsThroughToUrl()
{
    const auto dsn = PgDsn::parse(QStringLiteral("postgresql://u:p%40ss@h:6000/d?sslmode=disable"));
    QVERIFY(dsn.ok());
    const auto again = PgDsn::parse(dsn->toUrl());
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QCOMPARE(again->password, QStringLiteral("p@ss"));
    QCOMPARE(again->options, QStringList{QStringLiteral("sslmode=disable")});
    const PgDsn other = dsn->withDatabase(QStringLiteral("other")).withLogin(QStringLiteral("x"), QStringLiteral("y"));
    QCOMPARE(other.database, QStringLiteral("other"));
    QCOMPARE(other.user, QStringLiteral("x"));
    QCOMPARE(other.password, QStringLiteral("y"));
    QCOMPARE(other.port, 6000);
}

void TestPgDsn::connectOptionsAddATimeout()
{
    QCOMPARE(PgDsn::parse(QStringLiteral("postgresql://u@h/d")).value().connectOptions(), QStringLiteral("connect_timeout=10"));
    QCOMPARE(PgDsn::parse(QStringLiteral("postgresql://u@h/d?connect_timeout=2&sslmode=require")).value().connectOptions(),
             QStringLiteral("connect_timeout=2;sslmode=require"));
}

QTEST_GUILESS_MAIN(TestPgDsn)
#include "tst_pgdsn.moc"
