#include "FakeClock.h"
#include "SyncScreens.h"
#include "SyncStatusWidget.h"

#include <QLabel>
#include <QLayout>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace telcodesk;
using namespace telcodesk::test;

class TestSyncStatusWidget : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void embeddedDefault();
    void signedOut();
    void statesInWords_data();
    void statesInWords();
    void offlineCountsDownToTheRetry();
    void lastSyncIsRelative_data();
    void lastSyncIsRelative();
    void countsFromTheEngine();
    void linksOpenTheViews();
    void chinese();

private:
    SyncStatus status(SyncStatus::State state) const;

    FakeClock m_clock;
    std::unique_ptr<SyncStatusWidget> m_widget;
};

void TestSyncStatusWidget::init()
{
    m_widget = std::make_unique<SyncStatusWidget>();
    m_widget->setClock(&m_clock);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
}

void TestSyncStatusWidget::cleanup()
{
    m_widget.reset();
}

SyncStatus TestSyncStatusWidget::status(SyncStatus::State state) const
{
    SyncStatus s;
    s.state = state;
    s.lastSyncAtMs = m_clock.nowMs() - 2 * 60 * 1000;
    return s;
}

void TestSyncStatusWidget::embeddedDefault()
{
    QCOMPARE(m_widget->serverText(), QStringLiteral("Offline — no server configured"));
    QCOMPARE(m_widget->lastSyncText(), QString());
    QCOMPARE(m_widget->conflictsText(), QString());
    QCOMPARE(m_widget->rejectedText(), QString());
    QVERIFY(!m_widget->offersSignIn());
    QCOMPARE(m_widget->outboxText(), QStringLiteral("No changes waiting to sync"));
}

void TestSyncStatusWidget::signedOut()
{
    m_widget->setServerState(SyncStatusWidget::ServerState::SignedOut, QStringLiteral("postgresql://crm.example.cn:5432/telcodesk"));
    QCOMPARE(m_widget->serverText(), QStringLiteral("Offline — signed out"));
    QVERIFY(m_widget->offersSignIn());
    QCOMPARE(m_widget->lastSyncText(), QStringLiteral("· never synced"));
    m_widget->setLastSyncAt(m_clock.nowMs() - 3 * 3600 * 1000);
    QCOMPARE(m_widget->lastSyncText(), QStringLiteral("· last sync 3 h ago"));
}

void TestSyncStatusWidget::statesInWords_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("lastError");
    QTest::addColumn<bool>("initial");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("toolTip");
    QTest::addColumn<bool>("signIn");
    QTest::newRow("online") << int(SyncStatus::State::Online) << "" << false << "Online"
                            << "Connected to the server; changes arrive as they are made." << false;
    QTest::newRow("syncing") << int(SyncStatus::State::Syncing) << "" << false << "Syncing…"
                             << "Sending changes to the server and receiving its changes." << false;
    QTest::newRow("first sync") << int(SyncStatus::State::Syncing) << "" << true
                                << "First sync — 12,345 records received"
                                << "Copying the data you may see from the server to this computer." << false;
    QTest::newRow("connecting") << int(SyncStatus::State::Connecting) << "" << false << "Connecting…"
                                << "Connecting to the server." << false;
    QTest::newRow("offline, stopped") << int(SyncStatus::State::Offline) << "Sync stopped." << false << "Offline"
                                      << "Sync stopped." << false;
    QTest::newRow("sign-in refused") << int(SyncStatus::State::AuthFailed) << "the password is wrong" << false
                                     << "Sign-in failed" << "the password is wrong" << true;
}

void TestSyncStatusWidget::statesInWords()
{
    QFETCH(int, state);
    QFETCH(QString, lastError);
    QFETCH(bool, initial);
    QFETCH(QString, text);
    QFETCH(QString, toolTip);
    QFETCH(bool, signIn);
    SyncStatus s = status(SyncStatus::State(state));
    s.lastError = lastError;
    s.initialSync = initial;
    s.rowsReceived = 12345;
    m_widget->setSyncStatus(s);
    QCOMPARE(m_widget->serverText(), text);
    QCOMPARE(m_widget->serverToolTip(), toolTip);
    QCOMPARE(m_widget->offersSignIn(), signIn);
    QCOMPARE(m_widget->lastSyncText(), QStringLiteral("· last sync 2 min ago"));
}

void TestSyncStatusWidget::offlineCountsDownToTheRetry()
{
    SyncStatus s = status(SyncStatus::State::Offline);
    s.nextRetryInMs = 8000;
    s.lastError = QStringLiteral("The server 10.0.0.5:5432 cannot be reached.");
    m_widget->setSyncStatus(s);
    QCOMPARE(m_widget->serverText(), QStringLiteral("Offline — retrying in 8 s"));
    QCOMPARE(m_widget->serverToolTip(), QStringLiteral("Cannot reach the server: The server 10.0.0.5:5432 cannot be reached."));
    m_clock.advanceSecs(3);
    QTRY_COMPARE_WITH_TIMEOUT(m_widget->serverText(), QStringLiteral("Offline — retrying in 5 s"), 2500);
    m_clock.advanceSecs(7);
    QTRY_COMPARE_WITH_TIMEOUT(m_widget->serverText(), QStringLiteral("Offline — retrying in 0 s"), 2500);
    m_widget->layout()->activate();
    m_widget->resize(m_widget->sizeHint());
    saveScreen(m_widget.get(), QStringLiteral("status_offline_en"));
}

void TestSyncStatusWidget::lastSyncIsRelative_data()
{
    QTest::addColumn<qint64>("agoSecs");
    QTest::addColumn<QString>("text");
    QTest::newRow("now") << qint64(20) << "· last sync just now";
    QTest::newRow("one minute") << qint64(61) << "· last sync 1 min ago";
    QTest::newRow("minutes") << qint64(59 * 60) << "· last sync 59 min ago";
    QTest::newRow("hours") << qint64(5 * 3600 + 10) << "· last sync 5 h ago";
    QTest::newRow("days") << qint64(3 * 86400) << "· last sync 2026-10-30 09:30";
}

void TestSyncStatusWidget::lastSyncIsRelative()
{
    QFETCH(qint64, agoSecs);
    QFETCH(QString, text);
    // The plural forms come from the English translation, as in the application.
    QTranslator english;
    QVERIFY(english.load(QStringLiteral(":/i18n/telcodesk_en.qm")));
    QCoreApplication::installTranslator(&english);
    SyncStatus s = status(SyncStatus::State::Online);
    s.lastSyncAtMs = m_clock.nowMs() - agoSecs * 1000;
    m_widget->setSyncStatus(s);
    QCOMPARE(m_widget->lastSyncText(), text);
    QCoreApplication::removeTranslator(&english);
}

void TestSyncStatusWidget::countsFromTheEngine()
{
    QTranslator english;
    QVERIFY(english.load(QStringLiteral(":/i18n/telcodesk_en.qm")));
    QCoreApplication::installTranslator(&english);
    SyncStatus s = status(SyncStatus::State::Online);
    s.pending = 4;
    s.conflicts = 2;
    s.rejected = 1;
    m_widget->setSyncStatus(s);
    QCOMPARE(m_widget->outboxText(), QStringLiteral("4 changes waiting to sync"));
    QCOMPARE(m_widget->conflictsText(), QStringLiteral("2 conflicts to resolve"));
    QCOMPARE(m_widget->rejectedText(), QStringLiteral("1 change rejected"));
    QVERIFY(m_widget->findChild<QLabel*>(QStringLiteral("conflictsStatus"))->isVisible());
    QVERIFY(m_widget->findChild<QLabel*>(QStringLiteral("rejectedStatus"))->isVisible());
    m_widget->layout()->activate();
    m_widget->resize(m_widget->sizeHint());
    saveScreen(m_widget.get(), QStringLiteral("status_online_counts_en"));
    s.conflicts = 0;
    s.rejected = 0;
    m_widget->setSyncStatus(s);
    QCOMPARE(m_widget->conflictsText(), QString());
    QVERIFY(m_widget->findChild<QLabel*>(QStringLiteral("conflictsStatus"))->isHidden());
    QVERIFY(m_widget->findChild<QLabel*>(QStringLiteral("rejectedStatus"))->isHidden());
    QCoreApplication::removeTranslator(&english);
}

void TestSyncStatusWidget::linksOpenTheViews()
{
    SyncStatus s = status(SyncStatus::State::AuthFailed);
    s.conflicts = 1;
    s.rejected = 3;
    m_widget->setSyncStatus(s);
    QSignalSpy conflicts(m_widget.get(), &SyncStatusWidget::conflictsClicked);
    QSignalSpy rejected(m_widget.get(), &SyncStatusWidget::rejectedClicked);
    QSignalSpy signIn(m_widget.get(), &SyncStatusWidget::signInClicked);
    // A click on the link text: the label's own link handling, as a person's click would reach it.
    for (const char* name : {"conflictsStatus", "rejectedStatus", "signInLink"}) {
        auto* label = m_widget->findChild<QLabel*>(QString::fromLatin1(name));
        QVERIFY(label->text().contains(QStringLiteral("<a href=")));
        const QPoint centre = label->rect().center();
        QTest::mouseMove(label, centre);
        QTest::mouseClick(label, Qt::LeftButton, Qt::NoModifier, centre);
    }
    QCOMPARE(conflicts.count(), 1);
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(signIn.count(), 1);
}

void TestSyncStatusWidget::chinese()
{
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(":/i18n/telcodesk_zh_CN.qm")));
    QCoreApplication::installTranslator(&chinese);
    SyncStatus s = status(SyncStatus::State::Offline);
    s.nextRetryInMs = 30000;
    s.pending = 3;
    s.conflicts = 2;
    s.rejected = 1;
    s.lastError = QStringLiteral("无法连接服务器");
    m_widget->setSyncStatus(s);
    QCOMPARE(m_widget->serverText(), QStringLiteral("离线 —— 30 秒后重试"));
    QCOMPARE(m_widget->lastSyncText(), QStringLiteral("· 上次同步：2 分钟前"));
    QCOMPARE(m_widget->conflictsText(), QStringLiteral("2 处冲突待处理"));
    m_widget->layout()->activate();
    m_widget->resize(m_widget->sizeHint());
    saveScreen(m_widget.get(), QStringLiteral("status_offline_zh"));
    s.state = SyncStatus::State::Online;
    m_widget->setSyncStatus(s);
    QCOMPARE(m_widget->serverText(), QStringLiteral("在线"));
    m_widget->layout()->activate();
    m_widget->resize(m_widget->sizeHint());
    saveScreen(m_widget.get(), QStringLiteral("status_online_zh"));
    QCoreApplication::removeTranslator(&chinese);
}

QTEST_MAIN(TestSyncStatusWidget)
#include "tst_syncstatuswidget.moc"
