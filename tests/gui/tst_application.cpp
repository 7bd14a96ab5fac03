#include "Application.h"
#include "store/LocalStore.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace telcodesk;

class TestApplication : public QObject
{
    Q_OBJECT
private slots:
    void defaultLanguageFollowsTheSystem();
    void garbageFileRefusedWithoutDialogsWhenNotInteractive();
    void garbageFileMovedAsideWhenTheUserAgrees();
    void garbageFileKeptWhenTheUserQuits();
    void newerSchemaRefused();

private:
    static QString writeGarbage(const QTemporaryDir& dir);
    /// Clicks the button whose text starts with `text` in the next message boxes.
    static void answerMessageBoxes(const QStringList& buttons);
};

QString TestApplication::writeGarbage(const QTemporaryDir& dir)
{
    const QString path = QDir(dir.path()).filePath(QString::fromLatin1(LocalStore::kFileName));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return QString();
    f.write(QByteArray("this is a spreadsheet, not a database\n").repeated(200));
    return path;
}

void TestApplication::answerMessageBoxes(const QStringList& buttons)
{
    auto* timer = new QTimer;
    auto remaining = std::make_shared<QStringList>(buttons);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, remaining] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        const QString wanted = remaining->takeFirst();
        for (QAbstractButton* button : box->buttons()) {
            if (button->text().startsWith(wanted)) {
                button->click();
                break;
            }
        }
        if (remaining->isEmpty()) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start();
}

void TestApplication::defaultLanguageFollowsTheSystem()
{
    // The tests run with LANG=C.UTF-8.
    QCOMPARE(Application::defaultLanguage(), QStringLiteral("en"));
}

void TestApplication::garbageFileRefusedWithoutDialogsWhenNotInteractive()
{
    QTemporaryDir dir;
    const QString path = writeGarbage(dir);
    QVERIFY(!path.isEmpty());
    const QByteArray before = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();
    int exitCode = 0;
    QVERIFY(!Application::openStore(dir.path(), false, &exitCode));
    QCOMPARE(exitCode, 1);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

void TestApplication::garbageFileMovedAsideWhenTheUserAgrees()
{
    QTemporaryDir dir;
    const QString path = writeGarbage(dir);
    answerMessageBoxes({QStringLiteral("Move it aside"), QStringLiteral("OK")});
    int exitCode = 0;
    LocalStorePtr store = Application::openStore(dir.path(), true, &exitCode);
    QVERIFY(store);
    QCOMPARE(store->path(), path);
    QCOMPARE(store->schemaVersion(), LocalStore::latestSchemaVersion());
    const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("telcodesk.db.broken-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QFile kept(QDir(dir.path()).filePath(aside.first()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QVERIFY(kept.readAll().startsWith("this is a spreadsheet"));
}

void TestApplication::garbageFileKeptWhenTheUserQuits()
{
    QTemporaryDir dir;
    writeGarbage(dir);
    answerMessageBoxes({QStringLiteral("Quit")});
    int exitCode = 0;
    QVERIFY(!Application::openStore(dir.path(), true, &exitCode));
    QCOMPARE(exitCode, 1);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QString::fromLatin1(LocalStore::kFileName)});
}

void TestApplication::newerSchemaRefused()
{
    QTemporaryDir dir;
    const QString path = QDir(dir.path()).filePath(QString::fromLatin1(LocalStore::kFileName));
    {
        auto store = LocalStore::open(path);
        QVERIFY(store);
        QSqlQuery q(store.value()->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(LocalStore::latestSchemaVersion() + 5)));
        store.value()->releaseThreadConnection();
    }
    int exitCode = 0;
    QVERIFY(!Application::openStore(dir.path(), false, &exitCode));
    QCOMPARE(exitCode, 1);
    // Not moved aside: a newer database is valuable, only this version cannot read it.
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.broken-*")}, QDir::Files).size(), 0);
}

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
