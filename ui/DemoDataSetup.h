#pragma once

#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace telcodesk {

/// Fills an empty local database with a generated demo data set, off the GUI thread. Interactive runs
/// show a progress dialog with Cancel; non-interactive runs (--screenshot) report progress on stderr.
class DemoDataSetup
{
    Q_DECLARE_TR_FUNCTIONS(DemoDataSetup)

public:
    enum class Outcome { Done, Cancelled, Failed };
    struct Report
    {
        Outcome outcome = Outcome::Failed;
        QString error;
        int customers = 0;
    };

    static constexpr int kDefaultCustomers = 50000;

    /// Generates `customers` customers into the store and returns when done. The worker thread uses its
    /// own connection and releases it at the end. With interactive false, no window is shown.
    static Report run(const LocalStorePtr& store, int customers, bool interactive, QWidget* parent = nullptr);
};

} // namespace telcodesk
