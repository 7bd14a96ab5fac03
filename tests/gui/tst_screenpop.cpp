#include "ScreenPop.h"

#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace telcodesk;

class TestScreenPop : public QObject
{
    Q_OBJECT
private slots:
    void namesDifferPerDataDirectory();
    void numberReachesTheRunningInstance();
    void noInstanceMeansNotDelivered();
    void secondListenerRefused();
    void garbageIsIgnored();
};

void TestScreenPop::namesDifferPerDataDirectory()
{
    QTemporaryDir a;
    QTemporaryDir b;
    QVERIFY(ScreenPop::serverName(a.path()) != ScreenPop::serverName(b.path()));
    QCOMPARE(ScreenPop::serverName(a.path()), ScreenPop::serverName(a.path() + QStringLiteral("/.")));
    QVERIFY(ScreenPop::serverName(a.path()).startsWith(QStringLiteral("telcodesk-")));
}

void TestScreenPop::numberReachesTheRunningInstance()
{
    QTemporaryDir dir;
    const QString name = ScreenPop::serverName(dir.path());
    ScreenPop server;
    QVERIFY(server.listen(name));
    QSignalSpy popped(&server, &ScreenPop::popRequested);
    // The sender blocks on its socket, as `telcodesk --pop` does: run it on another thread.
    bool delivered = false;
    std::thread sender([&] { delivered = ScreenPop::send(name, QStringLiteral("13800138000"), 3000); });
    QTRY_COMPARE_WITH_TIMEOUT(popped.count(), 1, 5000);
    sender.join();
    QVERIFY(delivered);
    QCOMPARE(popped.at(0).at(0).toString(), QStringLiteral("13800138000"));
}

void TestScreenPop::noInstanceMeansNotDelivered()
{
    QTemporaryDir dir;
    QVERIFY(!ScreenPop::send(ScreenPop::serverName(dir.path()), QStringLiteral("13800138000"), 300));
}

void TestScreenPop::secondListenerRefused()
{
    QTemporaryDir dir;
    const QString name = ScreenPop::serverName(dir.path());
    ScreenPop first;
    QVERIFY(first.listen(name));
    ScreenPop second;
    QVERIFY(!second.listen(name));
    QVERIFY(first.isListening());
}

void TestScreenPop::garbageIsIgnored()
{
    QTemporaryDir dir;
    const QString name = ScreenPop::serverName(dir.path());
    ScreenPop server;
    QVERIFY(server.listen(name));
    QSignalSpy popped(&server, &ScreenPop::popRequested);
    QLocalSocket socket;
    socket.connectToServer(name);
    QVERIFY(socket.waitForConnected(1000));
    socket.write(QByteArray(4096, 'x'));
    socket.write("\nhello\n");
    socket.flush();
    QTest::qWait(200);
    QCOMPARE(popped.count(), 0);
}

QTEST_MAIN(TestScreenPop)
#include "tst_screenpop.moc"
