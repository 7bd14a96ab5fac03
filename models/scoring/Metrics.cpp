#include "scoring/Metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace telcodesk::metrics {

double auc(const std::vector<double>& labels, const std::vector<double>& scores)
{
    const std::size_t n = std::min(labels.size(), scores.size());
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    double positives = 0;
    double rankSum = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j + 1 < n && scores[order[j + 1]] == scores[order[i]])
            ++j;
        const double rank = (double(i) + double(j)) / 2.0 + 1.0; // average 1-based rank of the tie group
        for (std::size_t k = i; k <= j; ++k) {
            if (labels[order[k]] > 0.5) {
                positives += 1;
                rankSum += rank;
            }
        }
        i = j + 1;
    }
    const double negatives = double(n) - positives;
    if (positives == 0 || negatives == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return (rankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

double logLoss(const std::vector<double>& labels, const std::vector<double>& probabilities)
{
    const std::size_t n = std::min(labels.size(), probabilities.size());
    if (n == 0)
        return std::numeric_limits<double>::quiet_NaN();
    constexpr double eps = 1e-15;
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double p = std::clamp(probabilities[i], eps, 1.0 - eps);
        sum += labels[i] > 0.5 ? -std::log(p) : -std::log(1.0 - p);
    }
    return sum / double(n);
}

BinaryMetrics evaluate(const std::vector<double>& labels, const std::vector<double>& probabilities)
{
    BinaryMetrics m;
    m.auc = auc(labels, probabilities);
    m.logLoss = logLoss(labels, probabilities);
    const std::size_t n = std::min(labels.size(), probabilities.size());
    double tp = 0, fp = 0, tn = 0, fn = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const bool predicted = probabilities[i] >= 0.5;
        const bool actual = labels[i] > 0.5;
        if (predicted && actual)
            tp += 1;
        else if (predicted)
            fp += 1;
        else if (actual)
            fn += 1;
        else
            tn += 1;
    }
    m.accuracy = n > 0 ? (tp + tn) / double(n) : std::numeric_limits<double>::quiet_NaN();
    m.precision = tp + fp > 0 ? tp / (tp + fp) : 0.0;
    m.recall = tp + fn > 0 ? tp / (tp + fn) : 0.0;
    m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0.0;
    return m;
}

} // namespace telcodesk::metrics
