#include "SyncScreens.h"
#include "sync/FirstSyncDialog.h"

#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace telcodesk;
using namespace telcodesk::test;

class TestFirstSyncDialog : public QObject
{
    Q_OBJECT
private slots:
    void busyUntilTheServerEstimates();
    void progressAgainstTheEstimate();
    void unreachableServerIsExplained();
    void completedAccepts();
    void refusedLoginEnds();
    void cancelWaitsForTheEngine();
    void cancelGivesUpWaiting();
    void escapeCancels();
    void chinese();
};

void TestFirstSyncDialog::busyUntilTheServerEstimates()
{
    FirstSyncDialog dialog(nullptr);
    QCOMPARE(dialog.progressBar()->maximum(), 0); // busy
    QCOMPARE(dialog.statusText(), QStringLiteral("Connecting to the server…"));
    dialog.showProgress(1500, 0);
    QCOMPARE(dialog.progressBar()->maximum(), 0);
    QVERIFY2(dialog.rowsText().startsWith(QStringLiteral("1,500 records received")), qPrintable(dialog.rowsText()));
    QCOMPARE(dialog.outcome(), FirstSyncDialog::Outcome::Running);
}

void TestFirstSyncDialog::progressAgainstTheEstimate()
{
    FirstSyncDialog dialog(nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.showProgress(0, 200000);
    QTest::qWait(50);
    dialog.showProgress(50000, 200000);
    QCOMPARE(dialog.progressBar()->maximum(), 1000);
    QCOMPARE(dialog.progressBar()->value(), 250);
    QVERIFY2(dialog.rowsText().startsWith(QStringLiteral("50,000 of about 200,000 records received · ")),
             qPrintable(dialog.rowsText()));
    QVERIFY(dialog.rowsText().endsWith(QStringLiteral(" records/s")));
    QCOMPARE(dialog.statusText(), QStringLiteral("Receiving data from the server…"));
    // More rows than estimated never overflow the bar.
    dialog.showProgress(250000, 200000);
    QCOMPARE(dialog.progressBar()->value(), 1000);
    dialog.showProgress(123456, 200000);
    saveScreen(&dialog, QStringLiteral("firstsync_en"));
}

void TestFirstSyncDialog::unreachableServerIsExplained()
{
    FirstSyncDialog dialog(nullptr);
    SyncStatus s;
    s.state = SyncStatus::State::Offline;
    s.nextRetryInMs = 4000;
    s.lastError = QStringLiteral("The server 10.0.0.5:5432 cannot be reached.");
    dialog.showStatus(s);
    QCOMPARE(dialog.statusText(),
             QStringLiteral("Cannot reach the server: The server 10.0.0.5:5432 cannot be reached.\nTrying again in 4 s…"));
    QCOMPARE(dialog.outcome(), FirstSyncDialog::Outcome::Running);
    saveScreen(&dialog, QStringLiteral("firstsync_offline_en"));
}

void TestFirstSyncDialog::completedAccepts()
{
    FirstSyncDialog dialog(nullptr);
    dialog.show();
    dialog.finish(true, QString());
    QCOMPARE(dialog.outcome(), FirstSyncDialog::Outcome::Completed);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestFirstSyncDialog::refusedLoginEnds()
{
    FirstSyncDialog dialog(nullptr);
    dialog.show();
    SyncStatus s;
    s.state = SyncStatus::State::AuthFailed;
    s.lastError = QStringLiteral("the password is wrong");
    dialog.showStatus(s);
    QCOMPARE(dialog.outcome(), FirstSyncDialog::Outcome::AuthFailed);
    QCOMPARE(dialog.message(), QStringLiteral("the password is wrong"));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestFirstSyncDialog::cancelWaitsForTheEngine()
{
    FirstSyncDialog dialog(nullptr);
    dialog.show();
    QSignalSpy cancel(&dialog, &FirstSyncDialog::cancelRequested);
    QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    QVERIFY(!dialog.cancelButton()->isEnabled());
    QCOMPARE(dialog.statusText(), QStringLiteral("Cancelling…"));
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.outcome(), FirstSyncDialog::Outcome::Running);
    dialog.finish(false, QStringLiteral("Sync was cancelled."));
    QCOMPARE(dialog.outcome(), FirstSyncDialog::Outcome::Cancelled);
    QVERIFY(!dialog.isVisible());
}

void TestFirstSyncDialog::cancelGivesUpWaiting()
{
    // While the engine waits to retry there is no call to interrupt and no confirmation comes.
    FirstSyncDialog dialog(nullptr);
    dialog.show();
    dialog.requestCancel();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.outcome(), FirstSyncDialog::Outcome::Cancelled, 8000);
    QVERIFY(!dialog.isVisible());
}

void TestFirstSyncDialog::escapeCancels()
{
    FirstSyncDialog dialog(nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy cancel(&dialog, &FirstSyncDialog::cancelRequested);
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(cancel.count(), 1);
    QVERIFY(dialog.isVisible()); // until the engine confirms
}

void TestFirstSyncDialog::chinese()
{
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(":/i18n/telcodesk_zh_CN.qm")));
    QCoreApplication::installTranslator(&chinese);
    FirstSyncDialog dialog(nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.showProgress(0, 200000);
    QTest::qWait(50);
    dialog.showProgress(123456, 200000);
    QVERIFY2(dialog.rowsText().startsWith(QStringLiteral("已接收 123,456 条，共约 200,000 条")), qPrintable(dialog.rowsText()));
    saveScreen(&dialog, QStringLiteral("firstsync_zh"));
    QCoreApplication::removeTranslator(&chinese);
}

QTEST_MAIN(TestFirstSyncDialog)
#include "tst_firstsyncdialog.moc"
