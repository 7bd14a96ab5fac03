#pragma once

#include "common/Result.h"
#include "scoring/FeatureMatrix.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace telcodesk {

/// How the trees are grown. The defaults are the usual ones of histogram boosting libraries (31 leaves,
/// 20 rows a leaf, λ = 1, shrinkage 0.05 with early stopping), not values fitted to any one data set:
/// they must serve an operator's own data as they are.
struct GbtOptions
{
    enum class Growth { LeafWise, DepthWise };

    int maxRounds = 1000;
    double learningRate = 0.05;
    Growth growth = Growth::LeafWise;
    int maxDepth = 6;                 ///< a root alone has depth 0; a split at depth maxDepth - 1 is the last
    int maxLeaves = 31;
    int minSamplesLeaf = 20;
    double minHessianLeaf = 1e-3;
    double lambda = 1.0;              ///< L2 penalty on leaf values
    double minSplitGain = 0.0;
    int maxBins = 255;                ///< value bins per feature; missing values have one more of their own
    double subsample = 1.0;           ///< share of the training rows each tree sees (1 = off)
    double validationFraction = 0.1;  ///< stratified hold-out for early stopping (0 = off: all maxRounds)
    int earlyStoppingRounds = 50;
    /// After early stopping, grow the chosen number of trees again on all the training rows, hold-out
    /// included (false: keep the trees grown on the rest, as most libraries do).
    bool refitOnAllRows = true;
    std::uint64_t seed = 42;
};

/// One regression tree over the raw score (log-odds). Nodes are stored in arrays; a node is a leaf when
/// left[i] < 0. Children always come after their parent, which fromJson relies on to reject cycles.
struct GbtTree
{
    std::vector<int> feature;
    std::vector<double> threshold;      ///< value <= threshold goes left
    std::vector<std::uint8_t> missingLeft;
    std::vector<int> left;
    std::vector<int> right;
    std::vector<double> value;          ///< leaf output, shrinkage included
    std::vector<double> cover;          ///< training rows that reached the node (TreeSHAP weights)

    int size() const { return int(left.size()); }
    bool isLeaf(int node) const { return left[std::size_t(node)] < 0; }
    int leafOf(const double* x) const;
    double expectedValue() const;       ///< cover-weighted mean of the leaves
};

/// Per-row explanation of the raw score: bias + Σ values == rawScore(x).
struct GbtAttribution
{
    double bias = 0.0;
    std::vector<double> values;  ///< one per feature
};

/// Gradient-boosted decision trees for binary log-loss, histogram-based (quantile bins computed on the
/// training rows, missing values in a bin of their own whose direction each split learns).
class GradientBoostedTrees
{
    Q_DECLARE_TR_FUNCTIONS(GradientBoostedTrees)

public:
    /// What training saw, for the caller's report.
    struct FitInfo
    {
        int roundsRun = 0;
        int bestIteration = 0;       ///< trees kept
        double bestValidationLoss = 0.0;
        int trainRows = 0;           ///< rows the kept trees were grown on
        int validationRows = 0;      ///< rows held out to choose the number of trees
    };

    static Result<GradientBoostedTrees> fit(const FeatureMatrix& data, const GbtOptions& options = {});

    int featureCount() const { return int(m_featureNames.size()); }
    const QStringList& featureNames() const { return m_featureNames; }
    const std::vector<GbtTree>& trees() const { return m_trees; }
    double baseScore() const { return m_baseScore; }
    const FitInfo& fitInfo() const { return m_info; }
    /// Upper bounds of each feature's value bins (the split thresholds the trees chose from).
    const std::vector<std::vector<double>>& binBounds() const { return m_bounds; }

    /// x points at featureCount() values, NaN = missing.
    double rawScore(const double* x) const;
    double predictProbability(const double* x) const;
    std::vector<double> predictProbabilities(const FeatureMatrix& data) const;

    /// Exact Shapley values of the raw score under the trees' own conditional expectations
    /// (path-dependent TreeSHAP, weighting each subtree by its training cover).
    GbtAttribution attributions(const double* x) const;

    /// The cheaper "Saabas" path attribution, NOT Shapley values: each split on x's path credits its
    /// feature with the change of the cover-weighted mean from the node to the child x goes to. It
    /// shares TreeSHAP's bias and sums to the same raw score, and agrees with it on one-split trees, but
    /// it favours features split near the leaves. Costs trees × depth, for scoring everyone at once.
    GbtAttribution saabasAttributions(const double* x) const;

    QJsonObject toJson() const;
    static Result<GradientBoostedTrees> fromJson(const QJsonObject& json);

private:
    QStringList m_featureNames;
    std::vector<std::vector<double>> m_bounds;
    std::vector<GbtTree> m_trees;
    double m_baseScore = 0.0;
    void computeNodeMeans();

    GbtOptions m_options;
    FitInfo m_info;
    std::vector<std::vector<double>> m_nodeMeans;  ///< per tree, per node: cover-weighted mean of its leaves
};

} // namespace telcodesk
