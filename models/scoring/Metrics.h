#pragma once

#include <vector>

namespace telcodesk {

/// Scores of a binary classifier on labelled rows.
struct BinaryMetrics
{
    double auc = 0;       ///< NaN when only one class is present
    double logLoss = 0;   ///< mean, probabilities clipped to [1e-15, 1 - 1e-15]
    double accuracy = 0;  ///< at a threshold of 0.5 (p ≥ 0.5 is positive)
    double precision = 0; ///< 0 when nothing is predicted positive
    double recall = 0;    ///< 0 when there are no positives
    double f1 = 0;
};

namespace metrics {

/// Area under the ROC curve: the Mann–Whitney statistic with tied scores given their average rank.
double auc(const std::vector<double>& labels, const std::vector<double>& scores);
double logLoss(const std::vector<double>& labels, const std::vector<double>& probabilities);
BinaryMetrics evaluate(const std::vector<double>& labels, const std::vector<double>& probabilities);

} // namespace metrics
} // namespace telcodesk
