#pragma once

#include "BenchReport.h"
#include "FoundationBench.h"

#include <QStringList>

namespace telcodesk::bench {

/// The names of the knowledge-base metrics.
const QStringList& kbMetricNames();

/// The knowledge-base metrics (issue 5): kb.search.zh1, kb.search.zh2, kb.search.zh_multi, kb.search.en and
/// kb.suggest, on a knowledge base of `articles` generated articles in a temporary store of its own (the
/// data folder's store is not needed), each against a LIKE '%q%' scan of the same articles in the same run.
void runKnowledgeBase(const BenchOptions& options, int articles, Report& report);

} // namespace telcodesk::bench
