#include "DemoDataSetup.h"
#include "TempStore.h"
#include "services/AgentDirectory.h"

#include <QApplication>
#include <QProgressDialog>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace telcodesk;

class TestDemoDataSetup : public QObject
{
    Q_OBJECT
private slots:
    void generatesOffTheGuiThread();
    void cancelLeavesTheDatabaseEmptyAndRetryWorks();
};

void TestDemoDataSetup::generatesOffTheGuiThread()
{
    test::TempStore temp;
    QVERIFY(temp.ok());
    // The GUI thread keeps answering while the worker generates.
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
    ticker.start(5);
    const DemoDataSetup::Report report = DemoDataSetup::run(temp.store(), 1500, false);
    QCOMPARE(int(report.outcome), int(DemoDataSetup::Outcome::Done));
    QCOMPARE(AgentDirectory(temp.store()).customerCount(), 1500);
    QVERIFY(ticks > 0);
    QVERIFY(AgentDirectory(temp.store()).localSession().ok());
}

void TestDemoDataSetup::cancelLeavesTheDatabaseEmptyAndRetryWorks()
{
    test::TempStore temp;
    QVERIFY(temp.ok());
    // Press Cancel as soon as the progress dialog has moved.
    QTimer clicker;
    connect(&clicker, &QTimer::timeout, [&clicker] {
        auto* dialog = qobject_cast<QProgressDialog*>(QApplication::activeModalWidget());
        if (dialog && dialog->value() > 0) {
            clicker.stop();
            QTest::mouseClick(dialog->findChild<QPushButton*>(), Qt::LeftButton);
        }
    });
    clicker.start(1);
    const DemoDataSetup::Report cancelled = DemoDataSetup::run(temp.store(), 40000, true);
    QCOMPARE(int(cancelled.outcome), int(DemoDataSetup::Outcome::Cancelled));
    QCOMPARE(AgentDirectory(temp.store()).customerCount(), 0);
    QVERIFY(!QApplication::activeModalWidget());

    const DemoDataSetup::Report retried = DemoDataSetup::run(temp.store(), 1000, false);
    QCOMPARE(int(retried.outcome), int(DemoDataSetup::Outcome::Done));
    QCOMPARE(AgentDirectory(temp.store()).customerCount(), 1000);
}

QTEST_MAIN(TestDemoDataSetup)
#include "tst_demodatasetup.moc"
