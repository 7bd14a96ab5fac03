#pragma once

#include "BenchReport.h"
#include "FoundationBench.h"
#include "store/LocalStore.h"

#include <QString>

namespace telcodesk::bench {

/// The sync metrics (sync.initial, sync.cache_size, sync.noop, sync.drain, sync.latency) against the
/// PostgreSQL server at serverUrl (a superuser URL). The data set in `source` is loaded into a fresh
/// database "telcodesk_bench" on that server (dropped first), then synced into empty caches in a
/// temporary folder, each figure next to a raw reference measured in the same run.
void runSync(const BenchOptions& options, const QString& serverUrl, const LocalStorePtr& source, Report& report);

/// The metric names, for runs that skip them.
const QStringList& syncMetricNames();

} // namespace telcodesk::bench
