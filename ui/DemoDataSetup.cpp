#include "DemoDataSetup.h"

#include "common/Logging.h"
#include "demo/DemoGenerator.h"

#include <QDate>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocale>
#include <QPointer>
#include <QProgressDialog>
#include <QThread>

#include <atomic>
#include <cstdio>

namespace telcodesk {

DemoDataSetup::Report DemoDataSetup::run(const LocalStorePtr& store, int customers, bool interactive, QWidget* parent)
{
    std::atomic<bool> cancel{false};
    QEventLoop loop;
    Report report;

    QPointer<QProgressDialog> dialog;
    if (interactive) {
        dialog = new QProgressDialog(parent);
        dialog->setWindowTitle(tr("Preparing TelcoDesk"));
        dialog->setLabelText(tr("Creating a demo database with %1 customers…").arg(QLocale().toString(customers)));
        dialog->setCancelButtonText(tr("Cancel"));
        dialog->setRange(0, 1000);
        dialog->setMinimumDuration(0);
        dialog->setAutoClose(false);
        dialog->setAutoReset(false);
        dialog->setWindowModality(Qt::ApplicationModal);
        dialog->setMinimumWidth(460);
        dialog->setValue(0);
        QObject::connect(dialog, &QProgressDialog::canceled, &loop, [&cancel, &dialog] {
            cancel = true;
            if (dialog) {
                dialog->setLabelText(tr("Cancelling…"));
                dialog->show();
            }
        });
        dialog->show();
    }

    std::atomic<int> lastReported{-1};
    int lastPrinted = -1; // GUI thread only: the last 5 % step written to stderr
    QElapsedTimer clock;
    clock.start();
    auto onProgress = [&loop, &dialog, &lastReported, &lastPrinted, interactive, customers](int permille,
                                                                                          const QString& stage) {
        // Called on the worker thread: forward only visible changes, to the GUI thread.
        if (permille == lastReported.exchange(permille))
            return;
        QMetaObject::invokeMethod(&loop, [&dialog, &lastPrinted, interactive, customers, permille, stage] {
            if (interactive) {
                if (dialog && !dialog->wasCanceled()) {
                    dialog->setValue(permille);
                    //: Progress dialog text; %1 number of customers, %2 the generator's current stage
                    dialog->setLabelText(tr("Creating a demo database with %1 customers…\n%2")
                                             .arg(QLocale().toString(customers), stage));
                }
            } else if (permille / 50 != lastPrinted) {
                lastPrinted = permille / 50;
                std::fprintf(stderr, "telcodesk: %s\n",
                             qPrintable(tr("generating demo data: %1% %2").arg(QString::number(permille / 10), stage)));
            }
        }, Qt::QueuedConnection);
    };

    QThread* worker = QThread::create([&] {
        DemoGenerator::Options options;
        options.customers = customers;
        const auto result = DemoGenerator::generate(store, options, onProgress, &cancel);
        store->releaseThreadConnection();
        Report done;
        if (result) {
            done.outcome = Outcome::Done;
            done.customers = customers;
        } else {
            done.outcome = result.error().code == QLatin1String("cancelled") ? Outcome::Cancelled : Outcome::Failed;
            done.error = result.errorMessage();
        }
        QMetaObject::invokeMethod(&loop, [&loop, &report, done] {
            report = done;
            loop.quit();
        }, Qt::QueuedConnection);
    });
    worker->start();
    loop.exec();
    worker->wait();
    delete worker;
    if (dialog)
        delete dialog;
    qCInfo(lcDemo) << "demo generation ended after" << clock.elapsed() << "ms:" << int(report.outcome) << report.error;
    return report;
}

} // namespace telcodesk
