#include "scoring/LogisticRegression.h"

#include <algorithm>
#include <cmath>

namespace telcodesk {

namespace {

double sigmoid(double z)
{
    if (z >= 0)
        return 1.0 / (1.0 + std::exp(-z));
    const double e = std::exp(z);
    return e / (1.0 + e);
}

/// log(1 + exp(z)) without overflow.
double softplus(double z)
{
    return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

double linear(const double* x, const std::vector<double>& w, double b)
{
    double z = b;
    for (std::size_t j = 0; j < w.size(); ++j)
        z += w[j] * x[j];
    return z;
}

double objective(const FeatureMatrix& m, const std::vector<double>& w, double b, double C)
{
    double loss = 0;
    for (int i = 0; i < m.rows; ++i) {
        const double z = linear(&m.values[std::size_t(i) * std::size_t(m.cols)], w, b);
        // -[y log p + (1-y) log(1-p)] = softplus(z) - y z
        loss += softplus(z) - m.labels[std::size_t(i)] * z;
    }
    double norm = 0;
    for (double v : w)
        norm += v * v;
    return loss + 0.5 * norm / C;
}

/// Solves A x = b in place for a symmetric positive definite A (n × n, row-major) by Cholesky.
bool choleskySolve(std::vector<double>& a, std::vector<double>& b, int n)
{
    for (int j = 0; j < n; ++j) {
        double d = a[std::size_t(j) * std::size_t(n) + std::size_t(j)];
        for (int k = 0; k < j; ++k) {
            const double l = a[std::size_t(j) * std::size_t(n) + std::size_t(k)];
            d -= l * l;
        }
        if (!(d > 0))
            return false;
        d = std::sqrt(d);
        a[std::size_t(j) * std::size_t(n) + std::size_t(j)] = d;
        for (int i = j + 1; i < n; ++i) {
            double s = a[std::size_t(i) * std::size_t(n) + std::size_t(j)];
            for (int k = 0; k < j; ++k)
                s -= a[std::size_t(i) * std::size_t(n) + std::size_t(k)] * a[std::size_t(j) * std::size_t(n) + std::size_t(k)];
            a[std::size_t(i) * std::size_t(n) + std::size_t(j)] = s / d;
        }
    }
    for (int i = 0; i < n; ++i) { // L y = b
        double s = b[std::size_t(i)];
        for (int k = 0; k < i; ++k)
            s -= a[std::size_t(i) * std::size_t(n) + std::size_t(k)] * b[std::size_t(k)];
        b[std::size_t(i)] = s / a[std::size_t(i) * std::size_t(n) + std::size_t(i)];
    }
    for (int i = n - 1; i >= 0; --i) { // Lᵀ x = y
        double s = b[std::size_t(i)];
        for (int k = i + 1; k < n; ++k)
            s -= a[std::size_t(k) * std::size_t(n) + std::size_t(i)] * b[std::size_t(k)];
        b[std::size_t(i)] = s / a[std::size_t(i) * std::size_t(n) + std::size_t(i)];
    }
    return true;
}

} // namespace

LogisticRegression::LogisticRegression(std::vector<double> weights, double intercept)
    : m_weights(std::move(weights)), m_intercept(intercept), m_converged(true)
{
}

Result<LogisticRegression> LogisticRegression::fit(const FeatureMatrix& m, const Options& options)
{
    if (m.rows <= 0)
        return Error{tr("there are no training rows"), QStringLiteral("invalid")};
    if (int(m.labels.size()) != m.rows)
        return Error{tr("the training rows have no labels"), QStringLiteral("invalid")};
    if (!(options.C > 0))
        return Error{tr("the regularisation strength C must be positive"), QStringLiteral("invalid")};
    for (double v : m.values) {
        if (!std::isfinite(v))
            return Error{tr("the features hold a missing or infinite value; logistic regression needs every "
                            "value filled in"),
                         QStringLiteral("invalid")};
    }

    const int d = m.cols;
    LogisticRegression model;
    model.m_weights.assign(std::size_t(d), 0.0);

    double positives = 0;
    for (double y : m.labels)
        positives += y;
    if (positives == 0 || positives == m.rows) {
        const double negatives = m.rows - positives;
        model.m_intercept = std::log((positives + 0.5) / (negatives + 0.5));
        model.m_converged = true;
        return model;
    }

    const int n = d + 1; // weights, then the intercept
    const double invC = 1.0 / options.C;
    std::vector<double> hessian(std::size_t(n) * std::size_t(n));
    std::vector<double> grad(static_cast<std::size_t>(n));
    std::vector<double> trial(static_cast<std::size_t>(d));
    double current = objective(m, model.m_weights, model.m_intercept, options.C);

    for (int iteration = 1; iteration <= options.maxIterations; ++iteration) {
        std::fill(hessian.begin(), hessian.end(), 0.0);
        std::fill(grad.begin(), grad.end(), 0.0);
        for (int i = 0; i < m.rows; ++i) {
            const double* x = &m.values[std::size_t(i) * std::size_t(d)];
            const double p = sigmoid(linear(x, model.m_weights, model.m_intercept));
            const double r = p - m.labels[std::size_t(i)];
            const double s = p * (1.0 - p);
            for (int j = 0; j < d; ++j) {
                if (x[j] == 0.0)
                    continue; // one-hot features are mostly zero
                grad[std::size_t(j)] += r * x[j];
                const double sx = s * x[j];
                double* row = &hessian[std::size_t(j) * std::size_t(n)];
                for (int k = 0; k <= j; ++k)
                    row[k] += sx * x[k];
                row[d] += sx;
            }
            grad[std::size_t(d)] += r;
            hessian[std::size_t(d) * std::size_t(n) + std::size_t(d)] += s;
        }
        // Only the lower triangle and the intercept column were summed: mirror them.
        for (int j = 0; j < d; ++j) {
            hessian[std::size_t(d) * std::size_t(n) + std::size_t(j)] = hessian[std::size_t(j) * std::size_t(n) + std::size_t(d)];
            for (int k = 0; k < j; ++k)
                hessian[std::size_t(k) * std::size_t(n) + std::size_t(j)] = hessian[std::size_t(j) * std::size_t(n) + std::size_t(k)];
            grad[std::size_t(j)] += model.m_weights[std::size_t(j)] * invC;
            hessian[std::size_t(j) * std::size_t(n) + std::size_t(j)] += invC;
        }

        std::vector<double> step = grad;
        if (!choleskySolve(hessian, step, n))
            return Error{tr("the Newton system could not be solved (the data may hold extreme values)"),
                         QStringLiteral("numeric")};
        double largest = 0;
        for (double v : step)
            largest = std::max(largest, std::abs(v));

        // A full Newton step almost always lowers the objective; halve it when it does not (far from the
        // optimum on badly scaled data).
        double t = 1.0;
        double next = current;
        double nextIntercept = model.m_intercept;
        for (int halving = 0; halving < 40; ++halving) {
            for (int j = 0; j < d; ++j)
                trial[std::size_t(j)] = model.m_weights[std::size_t(j)] - t * step[std::size_t(j)];
            nextIntercept = model.m_intercept - t * step[std::size_t(d)];
            next = objective(m, trial, nextIntercept, options.C);
            if (next <= current + 1e-12 * std::abs(current))
                break;
            t *= 0.5;
        }
        model.m_weights = trial;
        model.m_intercept = nextIntercept;
        current = next;
        model.m_iterations = iteration;
        if (largest < options.tolerance) {
            model.m_converged = true;
            break;
        }
    }
    return model;
}

double LogisticRegression::probability(const double* row) const
{
    return sigmoid(linear(row, m_weights, m_intercept));
}

std::vector<double> LogisticRegression::predict(const FeatureMatrix& m) const
{
    std::vector<double> p(std::size_t(m.rows));
    for (int i = 0; i < m.rows; ++i)
        p[std::size_t(i)] = probability(&m.values[std::size_t(i) * std::size_t(m.cols)]);
    return p;
}

std::vector<double> LogisticRegression::contributions(const double* row) const
{
    std::vector<double> c(m_weights.size());
    for (std::size_t j = 0; j < m_weights.size(); ++j)
        c[j] = m_weights[j] * row[j];
    return c;
}

std::vector<double> LogisticRegression::gradient(const FeatureMatrix& m, double C) const
{
    const int d = m.cols;
    std::vector<double> g(std::size_t(d) + 1, 0.0);
    for (int i = 0; i < m.rows; ++i) {
        const double* x = &m.values[std::size_t(i) * std::size_t(d)];
        const double r = probability(x) - m.labels[std::size_t(i)];
        for (int j = 0; j < d; ++j)
            g[std::size_t(j)] += r * x[j];
        g[std::size_t(d)] += r;
    }
    for (int j = 0; j < d; ++j)
        g[std::size_t(j)] += m_weights[std::size_t(j)] / C;
    return g;
}

} // namespace telcodesk
