#pragma once

#include "BenchReport.h"
#include "FoundationBench.h"
#include "store/LocalStore.h"

#include <QStringList>

namespace telcodesk::bench {

/// The names of the ticket metrics, for runs that skip them.
const QStringList& ticketMetricNames();

/// The ticket queue and SLA metrics (issue 4): tickets.queue_open, tickets.sort_sla, tickets.filter,
/// tickets.sla_recompute. Writes ticket_sla of the store it is given (a local-only table).
void runTickets(const BenchOptions& options, const LocalStorePtr& store, Report& report);

} // namespace telcodesk::bench
