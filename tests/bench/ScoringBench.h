#pragma once

#include "BenchReport.h"
#include "FoundationBench.h"
#include "store/LocalStore.h"

#include <QStringList>

namespace telcodesk::bench {

/// The names of the retention-scoring metrics.
const QStringList& scoringMetricNames();

/// scoring.train_lr_telco and scoring.train_gbt_orange: training times on the shared churn data
/// (TELCODESK_SHARED_DATA/churn, else ../shared/data/churn next to the data folder's parent), each against a
/// reference fit measured in the same run. Need no data folder.
void runScoringTraining(const BenchOptions& options, Report& report);

/// scoring.score_all (every customer: features, model, reasons, rules, RFM, tags; nothing written) against
/// ScoringEngine::probabilities() on the same extracted features; scoring.score_all_write (the real run,
/// customer_score written); scoring.score_all_gbt (trees trained here on the data folder's demo_truth, with
/// TreeSHAP reasons).
void runScoring(const BenchOptions& options, const LocalStorePtr& store, Report& report);

/// retention.at_risk_page (the supervisors' at-risk list as it opens: the first 500 high-risk customers by
/// probability and the count) against the same with the count joining customer, as before local migration
/// 13; retention.at_risk_sorted (high and medium sorted by name) against reading every at-risk row and
/// sorting in the client; retention.export (every high-risk customer to a CSV file) against reading the
/// same rows. Run after runScoring, which leaves scores in the store.
void runRetentionList(const BenchOptions& options, const LocalStorePtr& store, Report& report);

} // namespace telcodesk::bench
