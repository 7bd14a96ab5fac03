#pragma once

#include "common/Result.h"
#include "scoring/FeatureMatrix.h"

#include <QCoreApplication>

#include <vector>

namespace telcodesk {

/// L2-penalised logistic regression: minimises Σ log-loss + 0.5·‖w‖²/C (the intercept is not penalised) by
/// Newton's method, each step solved exactly through a Cholesky factorisation of the (features + 1)² Hessian.
/// The penalty keeps the weights finite on separable data and the Hessian positive definite with constant or
/// duplicated columns.
class LogisticRegression
{
    Q_DECLARE_TR_FUNCTIONS(LogisticRegression)

public:
    struct Options
    {
        double C = 1.0;
        int maxIterations = 100;
        double tolerance = 1e-10; ///< stop when the largest |Newton step| is below this
    };

    LogisticRegression() = default;
    LogisticRegression(std::vector<double> weights, double intercept);

    /// Fits on m (labels 0/1, no NaN). When every label is the same the optimum lies at an infinite
    /// intercept; the model then keeps w = 0 and a finite intercept from the smoothed base rate
    /// log((positives + 0.5) / (negatives + 0.5)), so it still scores sensibly.
    static Result<LogisticRegression> fit(const FeatureMatrix& m, const Options& options);
    static Result<LogisticRegression> fit(const FeatureMatrix& m) { return fit(m, Options{}); }

    /// Probability of the positive class for one row of featureCount() values.
    double probability(const double* row) const;
    std::vector<double> predict(const FeatureMatrix& m) const;
    /// w_j · x_j for every feature of a row: what each feature adds to the log-odds (the intercept apart).
    std::vector<double> contributions(const double* row) const;

    const std::vector<double>& weights() const { return m_weights; }
    double intercept() const { return m_intercept; }
    int featureCount() const { return int(m_weights.size()); }
    int iterations() const { return m_iterations; }
    bool converged() const { return m_converged; }

    /// Gradient of the penalised objective at the current parameters on m (weights first, intercept last);
    /// ≈ 0 after a converged fit.
    std::vector<double> gradient(const FeatureMatrix& m, double C) const;

private:
    std::vector<double> m_weights;
    double m_intercept = 0;
    int m_iterations = 0;
    bool m_converged = false;
};

} // namespace telcodesk
