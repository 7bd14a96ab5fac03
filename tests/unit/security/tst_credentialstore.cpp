#include "security/CredentialStore.h"

#include "common/Uuid.h"

#include <QTest>

using namespace telcodesk;

/// The real keychain: under packaging/headless-session.sh (a private D-Bus session with a throwaway,
/// unlocked GNOME keyring) every call must work; without any keychain the store must say so with
/// "no_keychain" rather than fail otherwise or fall back to a file.
class TestCredentialStore : public QObject
{
    Q_OBJECT
private slots:
    void keyNamesLoginAndServer_data();
    void keyNamesLoginAndServer();
    void roundTripThroughTheKeychain();
    void deletingWhatIsNotThereIsFine();
};

void TestCredentialStore::keyNamesLoginAndServer_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("key");
    QTest::newRow("default port") << "agent01" << "crm.example.cn" << 5432 << "telcodesk"
                                  << "telcodesk:agent01@crm.example.cn:5432/telcodesk";
    QTest::newRow("other port") << "li_na" << "10.1.2.3" << 6543 << "crm_gd"
                                << "telcodesk:li_na@10.1.2.3:6543/crm_gd";
}

void TestCredentialStore::keyNamesLoginAndServer()
{
    QFETCH(QString, login);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, key);
    QCOMPARE(CredentialStore::keyFor(login, host, port, database), key);
}

void TestCredentialStore::roundTripThroughTheKeychain()
{
    KeychainCredentialStore store(QStringLiteral("TelcoDesk tests"));
    const Status probe = store.probe();
    if (!probe && probe.error().code == QLatin1String(CredentialStore::kNoKeychain))
        QSKIP(qPrintable(QStringLiteral("no keychain here (%1); run under packaging/headless-session.sh")
                             .arg(probe.errorMessage())));
    QVERIFY2(probe, qPrintable(probe.error().code + QStringLiteral(": ") + probe.errorMessage()));

    const QString key = CredentialStore::keyFor(QStringLiteral("tst_") + UuidV7::create().left(8),
                                                QStringLiteral("db.test"), 5432, QStringLiteral("crm"));
    const QString password = QStringLiteral("s3cret · 密码 ") + UuidV7::create();

    const Result<QString> before = store.readPassword(key);
    QVERIFY(!before);
    QCOMPARE(before.error().code, QStringLiteral("not_found"));

    const Status written = store.writePassword(key, password);
    QVERIFY2(written, qPrintable(written.errorMessage()));
    const Result<QString> read = store.readPassword(key);
    QVERIFY2(read, qPrintable(read.errorMessage()));
    QCOMPARE(read.value(), password);

    // A second write replaces the first.
    QVERIFY(store.writePassword(key, QStringLiteral("another")));
    QCOMPARE(store.readPassword(key).value(), QStringLiteral("another"));

    const Status deleted = store.deletePassword(key);
    QVERIFY2(deleted, qPrintable(deleted.errorMessage()));
    const Result<QString> after = store.readPassword(key);
    QVERIFY(!after);
    QCOMPARE(after.error().code, QStringLiteral("not_found"));
}

void TestCredentialStore::deletingWhatIsNotThereIsFine()
{
    KeychainCredentialStore store(QStringLiteral("TelcoDesk tests"));
    const Status probe = store.probe();
    if (!probe && probe.error().code == QLatin1String(CredentialStore::kNoKeychain))
        QSKIP(qPrintable(QStringLiteral("no keychain here (%1)").arg(probe.errorMessage())));
    QVERIFY2(probe, qPrintable(probe.errorMessage()));
    QVERIFY(store.deletePassword(QStringLiteral("telcodesk:nobody-") + UuidV7::create()));
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
