#pragma once

#include "BenchReport.h"
#include "store/LocalStore.h"

#include <QString>
#include <QStringList>

namespace telcodesk::bench {

struct BenchOptions
{
    QString dataDir;
    QString only;        ///< run the metrics whose names start with this
    QString guiPath;     ///< the telcodesk executable, for startup.cold and memory.rss
    quint64 seed = 7;
    int searchQueries = 2000;
    int referenceQueries = 20;
    int panelLoads = 1000;
    int startups = 5;
    int ticketRuns = 50; ///< repetitions of each tickets.* metric
    bool dropCaches = false; ///< empty the page cache before each GUI start (root only): a true cold start

    bool wants(const QString& metric) const { return only.isEmpty() || metric.startsWith(only); }
};

/// The names of the foundation's metrics, for runs that skip them.
const QStringList& foundationMetricNames();

/// The foundation's metrics: search.*, panel.load, startup.cold, memory.rss, generate.time, store.size.
void runFoundation(const BenchOptions& options, const LocalStorePtr& store, Report& report);

} // namespace telcodesk::bench
