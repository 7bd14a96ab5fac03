#include "scoring/GradientBoostedTrees.h"

#include <QJsonArray>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <random>

namespace telcodesk {

namespace {

constexpr int kMissingBin = 0;  // value bins are 1..n, so a feature's histogram has n + 1 slots

double sigmoid(double z)
{
    if (z >= 0.0)
        return 1.0 / (1.0 + std::exp(-z));
    const double e = std::exp(z);
    return e / (1.0 + e);
}

// log(1 + e^-|z|) + max(z, 0) - y z: the log-loss of a raw score, without overflow.
double logLoss(double z, double y)
{
    return std::log1p(std::exp(-std::fabs(z))) + std::max(z, 0.0) - y * z;
}

// Fisher–Yates with the raw generator output: std::shuffle and the standard distributions differ
// between standard libraries, and the hold-out must be the same everywhere for a given seed.
void shuffle(std::vector<int>& v, std::mt19937_64& rng)
{
    for (std::size_t i = v.size(); i > 1; --i) {
        const std::size_t j = std::size_t(rng() % i);
        std::swap(v[i - 1], v[j]);
    }
}

double uniform01(std::mt19937_64& rng)
{
    return double(rng() >> 11) * (1.0 / 9007199254740992.0);
}

// Upper bounds of at most maxBins value bins: between consecutive distinct values when there are few,
// otherwise at about equal-count quantiles. A bound sits halfway between two training values.
std::vector<double> binBoundsOf(std::vector<double> values, int maxBins)
{
    std::sort(values.begin(), values.end());
    std::vector<double> distinct;
    std::vector<int> counts;
    for (double v : values) {
        if (distinct.empty() || v != distinct.back()) {
            distinct.push_back(v);
            counts.push_back(1);
        } else {
            ++counts.back();
        }
    }
    std::vector<double> bounds;
    if (distinct.size() <= 1)
        return bounds;
    const auto midpoint = [&](std::size_t i) { return distinct[i] + (distinct[i + 1] - distinct[i]) / 2.0; };
    if (int(distinct.size()) <= maxBins) {
        for (std::size_t i = 0; i + 1 < distinct.size(); ++i)
            bounds.push_back(midpoint(i));
        return bounds;
    }
    const double perBin = double(values.size()) / double(maxBins);
    double cumulative = 0.0;
    for (std::size_t i = 0; i + 1 < distinct.size() && int(bounds.size()) < maxBins - 1; ++i) {
        cumulative += counts[i];
        if (cumulative >= perBin * double(bounds.size() + 1))
            bounds.push_back(midpoint(i));
    }
    return bounds;
}

std::uint8_t binOf(const std::vector<double>& bounds, double v)
{
    if (std::isnan(v))
        return kMissingBin;
    // Bin b (1-based) holds bounds[b-2] < v <= bounds[b-1], so "bin <= b" is "v <= bounds[b-1]".
    return std::uint8_t(1 + (std::lower_bound(bounds.begin(), bounds.end(), v) - bounds.begin()));
}

struct Split
{
    double gain = 0.0;
    int feature = -1;
    int bin = 0;             // value bins 1..bin go left
    bool missingLeft = false;
    bool valid() const { return feature >= 0; }
};

struct BinStat
{
    double g = 0.0;
    double h = 0.0;
    double n = 0.0;
};

// Grows one tree on the binned training rows. Histograms are one BinStat per (feature, bin) slot.
class TreeGrower
{
public:
    TreeGrower(const GbtOptions& o, const std::vector<std::uint8_t>& bins, int rowCount,
               const std::vector<int>& binCounts, const std::vector<std::vector<double>>& bounds,
               const std::vector<double>& grad, const std::vector<double>& hess)
        : m_o(o), m_bins(bins), m_rowCount(rowCount), m_binCounts(binCounts), m_bounds(bounds), m_grad(grad),
          m_hess(hess)
    {
        m_offsets.resize(binCounts.size() + 1, 0);
        for (std::size_t f = 0; f < binCounts.size(); ++f)
            m_offsets[f + 1] = m_offsets[f] + std::size_t(binCounts[f]);
    }

    // Returns the tree; leafRows[i] lists the training rows of node i when it is a leaf.
    GbtTree grow(std::vector<int> rows, std::vector<std::vector<int>>& leafRows)
    {
        GbtTree tree;
        std::vector<Pending> open;
        Pending root;
        root.node = addNode(tree);
        root.rows = std::move(rows);
        root.hist = histogramOf(root.rows);
        totals(root);
        tree.cover[0] = double(root.rows.size());
        root.split = bestSplit(root);
        open.push_back(std::move(root));
        int leaves = 1;
        std::vector<Pending> done;

        while (leaves < m_o.maxLeaves) {
            int pick = -1;
            for (int i = 0; i < int(open.size()); ++i) {
                const Pending& p = open[std::size_t(i)];
                if (!p.split.valid())
                    continue;
                if (pick < 0) {
                    pick = i;
                    continue;
                }
                const Pending& q = open[std::size_t(pick)];
                const bool better = m_o.growth == GbtOptions::Growth::DepthWise
                    ? (p.depth < q.depth || (p.depth == q.depth && p.split.gain > q.split.gain))
                    : p.split.gain > q.split.gain;
                if (better)
                    pick = i;
            }
            if (pick < 0)
                break;
            Pending parent = std::move(open[std::size_t(pick)]);
            open.erase(open.begin() + pick);
            Pending l, r;
            splitNode(tree, parent, l, r);
            ++leaves;
            for (Pending* child : {&l, &r}) {
                child->split = bestSplit(*child);
                if (!child->split.valid())
                    child->hist = {};
                open.push_back(std::move(*child));
            }
        }

        leafRows.assign(std::size_t(tree.size()), {});
        for (Pending& p : open) {
            tree.value[std::size_t(p.node)] = -m_o.learningRate * p.g / (p.h + m_o.lambda);
            leafRows[std::size_t(p.node)] = std::move(p.rows);
        }
        return tree;
    }

private:
    struct Pending
    {
        int node = 0;
        int depth = 0;
        std::vector<int> rows;
        std::vector<BinStat> hist;
        double g = 0.0;
        double h = 0.0;
        Split split;
    };

    static int addNode(GbtTree& t)
    {
        t.feature.push_back(-1);
        t.threshold.push_back(0.0);
        t.missingLeft.push_back(0);
        t.left.push_back(-1);
        t.right.push_back(-1);
        t.value.push_back(0.0);
        t.cover.push_back(0.0);
        return t.size() - 1;
    }

    std::vector<BinStat> histogramOf(const std::vector<int>& rows) const
    {
        std::vector<BinStat> hist(m_offsets.back());
        for (std::size_t f = 0; f + 1 < m_offsets.size(); ++f) {
            BinStat* h = hist.data() + m_offsets[f];
            const std::uint8_t* column = m_bins.data() + f * std::size_t(m_rowCount);
            for (int row : rows) {
                BinStat& s = h[column[row]];
                s.g += m_grad[std::size_t(row)];
                s.h += m_hess[std::size_t(row)];
                s.n += 1.0;
            }
        }
        return hist;
    }

    void totals(Pending& p) const
    {
        p.g = 0.0;
        p.h = 0.0;
        for (int row : p.rows) {
            p.g += m_grad[std::size_t(row)];
            p.h += m_hess[std::size_t(row)];
        }
    }

    double score(double g, double h) const { return g * g / (h + m_o.lambda); }

    Split bestSplit(const Pending& p) const
    {
        Split best;
        const double n = double(p.rows.size());
        if (p.depth >= m_o.maxDepth || n < 2.0 * m_o.minSamplesLeaf || p.hist.empty())
            return best;
        const double parentScore = score(p.g, p.h);
        best.gain = m_o.minSplitGain;
        for (std::size_t f = 0; f + 1 < m_offsets.size(); ++f) {
            const BinStat* h = p.hist.data() + m_offsets[f];
            const int valueBins = m_binCounts[f] - 1;
            const BinStat miss = h[kMissingBin];
            BinStat cum;
            for (int b = 1; b <= valueBins; ++b) {
                cum.g += h[b].g;
                cum.h += h[b].h;
                cum.n += h[b].n;
                // b == valueBins only separates the missing values from all the others.
                const bool lastBin = b == valueBins;
                if (lastBin && miss.n == 0.0)
                    break;
                for (int side = 0; side < 2; ++side) {
                    const bool missingLeft = side == 1;
                    if (missingLeft && (miss.n == 0.0 || lastBin))
                        continue;
                    const double gl = cum.g + (missingLeft ? miss.g : 0.0);
                    const double hl = cum.h + (missingLeft ? miss.h : 0.0);
                    const double nl = cum.n + (missingLeft ? miss.n : 0.0);
                    const double gr = p.g - gl;
                    const double hr = p.h - hl;
                    const double nr = n - nl;
                    if (nl < m_o.minSamplesLeaf || nr < m_o.minSamplesLeaf || hl < m_o.minHessianLeaf
                        || hr < m_o.minHessianLeaf)
                        continue;
                    const double gain = score(gl, hl) + score(gr, hr) - parentScore;
                    if (gain > best.gain + 1e-12) {
                        best.gain = gain;
                        best.feature = int(f);
                        best.bin = b;
                        // With no missing values seen here, an unseen one follows the larger side.
                        best.missingLeft = miss.n > 0.0 ? missingLeft : nl >= nr;
                    }
                }
            }
        }
        return best;
    }

    void splitNode(GbtTree& tree, Pending& parent, Pending& l, Pending& r)
    {
        const Split& s = parent.split;
        const std::size_t node = std::size_t(parent.node);
        const std::vector<double>& bounds = m_bounds[std::size_t(s.feature)];
        tree.feature[node] = s.feature;
        tree.threshold[node] = s.bin - 1 < int(bounds.size()) ? bounds[std::size_t(s.bin - 1)] : DBL_MAX;
        tree.missingLeft[node] = s.missingLeft ? 1 : 0;
        l.node = addNode(tree);
        r.node = addNode(tree);
        tree.left[node] = l.node;
        tree.right[node] = r.node;
        l.depth = r.depth = parent.depth + 1;

        const std::uint8_t* column = m_bins.data() + std::size_t(s.feature) * std::size_t(m_rowCount);
        for (int row : parent.rows) {
            const std::uint8_t b = column[row];
            const bool goLeft = b == kMissingBin ? s.missingLeft : b <= s.bin;
            (goLeft ? l : r).rows.push_back(row);
        }
        parent.rows = {};
        tree.cover[std::size_t(l.node)] = double(l.rows.size());
        tree.cover[std::size_t(r.node)] = double(r.rows.size());
        totals(l);
        totals(r);

        // Only the smaller child's histogram is summed from rows; the other is the parent's minus it.
        Pending& small = l.rows.size() <= r.rows.size() ? l : r;
        Pending& large = &small == &l ? r : l;
        small.hist = histogramOf(small.rows);
        large.hist = std::move(parent.hist);
        for (std::size_t i = 0; i < large.hist.size(); ++i) {
            large.hist[i].g -= small.hist[i].g;
            large.hist[i].h -= small.hist[i].h;
            large.hist[i].n -= small.hist[i].n;
        }
    }

    const GbtOptions& m_o;
    const std::vector<std::uint8_t>& m_bins;
    int m_rowCount;
    const std::vector<int>& m_binCounts;
    const std::vector<std::vector<double>>& m_bounds;
    const std::vector<double>& m_grad;
    const std::vector<double>& m_hess;
    std::vector<std::size_t> m_offsets;
};

// ---- TreeSHAP (Lundberg, Erion & Lee 2018, algorithm 2): the path of features met so far, with the
// share of the cover that follows it when the feature is unknown (zero) and whether x follows it (one),
// and the permutation weights of every subset size. Each recursion level works on its own copy of the
// path, laid out one after the other in a single buffer, so a row costs no allocation per node.
struct PathElement
{
    int feature;
    double zero;
    double one;
    double weight;
};

void extendPath(PathElement* path, int& length, double zero, double one, int feature)
{
    const int l = length++;
    path[l] = {feature, zero, one, l == 0 ? 1.0 : 0.0};
    for (int i = l - 1; i >= 0; --i) {
        path[i + 1].weight += one * path[i].weight * double(i + 1) / double(l + 1);
        path[i].weight = zero * path[i].weight * double(l - i) / double(l + 1);
    }
}

// Takes element `index` out of the path, as if its feature had never been met.
void unwindPath(PathElement* path, int& length, int index)
{
    const int l = length - 1;
    const double one = path[index].one;
    const double zero = path[index].zero;
    double next = path[l].weight;
    for (int j = l - 1; j >= 0; --j) {
        if (one != 0.0) {
            const double t = path[j].weight;
            path[j].weight = next * double(l + 1) / (double(j + 1) * one);
            next = t - path[j].weight * zero * double(l - j) / double(l + 1);
        } else {
            path[j].weight = path[j].weight * double(l + 1) / (zero * double(l - j));
        }
    }
    for (int j = index; j < l; ++j) {
        path[j].feature = path[j + 1].feature;
        path[j].zero = path[j + 1].zero;
        path[j].one = path[j + 1].one;
    }
    length = l;
}

// The sum of the weights unwindPath(index) would leave, without changing the path.
double unwoundSum(const PathElement* path, int length, int index)
{
    const int l = length - 1;
    const double one = path[index].one;
    const double zero = path[index].zero;
    double total = 0.0;
    if (one != 0.0) {
        double next = path[l].weight;
        for (int j = l - 1; j >= 0; --j) {
            const double w = next * double(l + 1) / (double(j + 1) * one);
            total += w;
            next = path[j].weight - w * zero * double(l - j) / double(l + 1);
        }
    } else {
        for (int j = l - 1; j >= 0; --j)
            total += path[j].weight * double(l + 1) / (zero * double(l - j));
    }
    return total;
}

bool goesLeft(const GbtTree& t, int node, double v)
{
    if (std::isnan(v))
        return t.missingLeft[std::size_t(node)] != 0;
    return v <= t.threshold[std::size_t(node)];
}

void treeShap(const GbtTree& t, const double* x, int node, PathElement* parent, int parentLength,
              double zero, double one, int feature, std::vector<double>& phi)
{
    PathElement* path = parent + parentLength;
    std::copy(parent, parent + parentLength, path);
    int length = parentLength;
    extendPath(path, length, zero, one, feature);
    const std::size_t n = std::size_t(node);
    if (t.isLeaf(node)) {
        for (int i = 1; i < length; ++i) {
            const double w = unwoundSum(path, length, i);
            phi[std::size_t(path[i].feature)] += w * (path[i].one - path[i].zero) * t.value[n];
        }
        return;
    }
    const int f = t.feature[n];
    const bool left = goesLeft(t, node, x[f]);
    const int hot = left ? t.left[n] : t.right[n];
    const int cold = left ? t.right[n] : t.left[n];
    double inZero = 1.0;
    double inOne = 1.0;
    for (int k = 1; k < length; ++k) {
        if (path[k].feature == f) {
            inZero = path[k].zero;
            inOne = path[k].one;
            unwindPath(path, length, k);
            break;
        }
    }
    const double cover = t.cover[n];
    const double hotShare = cover > 0.0 ? t.cover[std::size_t(hot)] / cover : 0.0;
    const double coldShare = cover > 0.0 ? t.cover[std::size_t(cold)] / cover : 0.0;
    treeShap(t, x, hot, path, length, inZero * hotShare, inOne, f, phi);
    treeShap(t, x, cold, path, length, inZero * coldShare, 0.0, f, phi);
}

int depthOf(const GbtTree& t)
{
    std::vector<int> depth(std::size_t(t.size()), 0);
    int deepest = 0;
    for (int i = 0; i < t.size(); ++i) {
        const std::size_t n = std::size_t(i);
        deepest = std::max(deepest, depth[n]);
        if (!t.isLeaf(i))
            depth[std::size_t(t.left[n])] = depth[std::size_t(t.right[n])] = depth[n] + 1;
    }
    return deepest;
}

// ---- JSON helpers
QJsonArray toArray(const std::vector<double>& v)
{
    QJsonArray a;
    for (double d : v)
        a.append(d);
    return a;
}

template<typename T>
QJsonArray toIntArray(const std::vector<T>& v)
{
    QJsonArray a;
    for (T i : v)
        a.append(int(i));
    return a;
}

bool readDoubles(const QJsonValue& value, std::vector<double>& out)
{
    if (!value.isArray())
        return false;
    const QJsonArray a = value.toArray();
    out.clear();
    out.reserve(std::size_t(a.size()));
    for (const QJsonValue& v : a) {
        if (!v.isDouble())
            return false;
        out.push_back(v.toDouble());
    }
    return true;
}

bool readInts(const QJsonValue& value, std::vector<int>& out)
{
    std::vector<double> d;
    if (!readDoubles(value, d))
        return false;
    out.clear();
    for (double x : d) {
        if (x != std::floor(x) || std::fabs(x) > 1e9)
            return false;
        out.push_back(int(x));
    }
    return true;
}

Error invalid(const QString& what)
{
    return Error{GradientBoostedTrees::tr("invalid gradient-boosted trees model: %1").arg(what), QStringLiteral("invalid")};
}

} // namespace

int GbtTree::leafOf(const double* x) const
{
    int node = 0;
    while (!isLeaf(node)) {
        const std::size_t n = std::size_t(node);
        node = goesLeft(*this, node, x[feature[n]]) ? left[n] : right[n];
    }
    return node;
}

double GbtTree::expectedValue() const
{
    double sum = 0.0;
    for (int i = 0; i < size(); ++i) {
        if (isLeaf(i))
            sum += cover[std::size_t(i)] * value[std::size_t(i)];
    }
    return cover[0] > 0.0 ? sum / cover[0] : value[0];
}

Result<GradientBoostedTrees> GradientBoostedTrees::fit(const FeatureMatrix& data, const GbtOptions& o)
{
    if (data.rows <= 0 || data.cols <= 0)
        return Error{tr("there are no training rows or no features"), QStringLiteral("invalid")};
    if (int(data.labels.size()) != data.rows || data.values.size() != std::size_t(data.rows) * std::size_t(data.cols))
        return Error{tr("the feature matrix and its labels differ in size"), QStringLiteral("invalid")};
    if (o.maxBins < 2 || o.maxBins > 255 || o.maxLeaves < 2 || o.maxDepth < 1 || o.learningRate <= 0.0
        || o.minSamplesLeaf < 1 || o.lambda < 0.0 || o.subsample <= 0.0 || o.subsample > 1.0
        || o.validationFraction < 0.0 || o.validationFraction >= 1.0 || o.maxRounds < 1
        || o.earlyStoppingRounds < 1 || o.minHessianLeaf < 0.0)
        return Error{tr("invalid gradient-boosted trees options"), QStringLiteral("invalid")};

    GradientBoostedTrees model;
    model.m_options = o;
    model.m_featureNames = data.featureNames.mid(0, data.cols);
    while (model.m_featureNames.size() < data.cols)
        model.m_featureNames.append(QStringLiteral("f%1").arg(model.m_featureNames.size()));

    // Stratified hold-out for early stopping, the same rows for the same seed.
    std::mt19937_64 rng(o.seed);
    std::vector<int> positives, negatives;
    for (int i = 0; i < data.rows; ++i)
        (data.labels[std::size_t(i)] > 0.5 ? positives : negatives).push_back(i);
    std::vector<int> trainRows, validRows;
    for (std::vector<int>* cls : {&negatives, &positives}) {
        shuffle(*cls, rng);
        const std::size_t held = std::size_t(std::lround(o.validationFraction * double(cls->size())));
        validRows.insert(validRows.end(), cls->begin(), cls->begin() + std::ptrdiff_t(held));
        trainRows.insert(trainRows.end(), cls->begin() + std::ptrdiff_t(held), cls->end());
    }
    if (trainRows.size() < 2 || validRows.empty()) {
        trainRows.insert(trainRows.end(), validRows.begin(), validRows.end());
        validRows.clear();
    }
    std::sort(trainRows.begin(), trainRows.end());
    std::sort(validRows.begin(), validRows.end());
    const int n = int(trainRows.size());

    double positivesSeen = 0.0;
    for (int row : trainRows)
        positivesSeen += data.labels[std::size_t(row)];
    const double prior = std::clamp(positivesSeen / double(n), 1e-6, 1.0 - 1e-6);
    model.m_baseScore = std::log(prior / (1.0 - prior));
    model.m_info.trainRows = n;
    model.m_info.validationRows = int(validRows.size());
    // One class only: nothing to split on, the prior says all there is.
    if (positivesSeen == 0.0 || positivesSeen == double(n)) {
        model.computeNodeMeans();
        return model;
    }

    // Bins from the training rows only; bins[f * n + i] for the i-th training row.
    std::vector<std::uint8_t> bins(std::size_t(n) * std::size_t(data.cols));
    std::vector<int> binCounts(std::size_t(data.cols));
    model.m_bounds.resize(std::size_t(data.cols));
    for (int f = 0; f < data.cols; ++f) {
        std::vector<double> present;
        for (int row : trainRows) {
            const double v = data.at(row, f);
            if (!std::isnan(v))
                present.push_back(v);
        }
        std::vector<double>& bounds = model.m_bounds[std::size_t(f)];
        bounds = binBoundsOf(std::move(present), o.maxBins);
        binCounts[std::size_t(f)] = int(bounds.size()) + 2;
        for (int i = 0; i < n; ++i)
            bins[std::size_t(f) * std::size_t(n) + std::size_t(i)] = binOf(bounds, data.at(trainRows[std::size_t(i)], f));
    }

    const std::size_t rowCount = static_cast<std::size_t>(n);
    std::vector<double> y(rowCount), raw(rowCount, model.m_baseScore);
    for (int i = 0; i < n; ++i)
        y[std::size_t(i)] = data.labels[std::size_t(trainRows[std::size_t(i)])];
    std::vector<double> validRaw(validRows.size(), model.m_baseScore);
    std::vector<double> grad(rowCount), hess(rowCount);

    TreeGrower grower(o, bins, n, binCounts, model.m_bounds, grad, hess);
    double bestLoss = std::numeric_limits<double>::infinity();
    int bestRounds = 0;
    std::vector<int> all(rowCount);
    for (int i = 0; i < n; ++i)
        all[std::size_t(i)] = i;

    for (int round = 0; round < o.maxRounds; ++round) {
        for (std::size_t i = 0; i < std::size_t(n); ++i) {
            const double p = sigmoid(raw[i]);
            grad[i] = p - y[i];
            hess[i] = std::max(p * (1.0 - p), 1e-16);
        }
        std::vector<int> rows;
        if (o.subsample < 1.0) {
            for (int i = 0; i < n; ++i) {
                if (uniform01(rng) < o.subsample)
                    rows.push_back(i);
            }
            if (rows.empty())
                rows = all;
        } else {
            rows = all;
        }
        std::vector<std::vector<int>> leafRows;
        GbtTree tree = grower.grow(std::move(rows), leafRows);
        if (o.subsample < 1.0) {
            // Rows left out of this tree still move by it.
            const std::vector<double>& xrow = data.values;
            for (int i = 0; i < n; ++i)
                raw[std::size_t(i)] += tree.value[std::size_t(
                    tree.leafOf(xrow.data() + std::size_t(trainRows[std::size_t(i)]) * std::size_t(data.cols)))];
        } else {
            for (int node = 0; node < tree.size(); ++node) {
                for (int i : leafRows[std::size_t(node)])
                    raw[std::size_t(i)] += tree.value[std::size_t(node)];
            }
        }
        model.m_trees.push_back(std::move(tree));
        model.m_info.roundsRun = round + 1;

        if (validRows.empty()) {
            bestRounds = round + 1;
            continue;
        }
        double loss = 0.0;
        const GbtTree& last = model.m_trees.back();
        for (std::size_t k = 0; k < validRows.size(); ++k) {
            const double* x = data.values.data() + std::size_t(validRows[k]) * std::size_t(data.cols);
            validRaw[k] += last.value[std::size_t(last.leafOf(x))];
            loss += logLoss(validRaw[k], data.labels[std::size_t(validRows[k])]);
        }
        loss /= double(validRows.size());
        if (loss < bestLoss) {
            bestLoss = loss;
            bestRounds = round + 1;
        } else if (round + 1 - bestRounds >= o.earlyStoppingRounds) {
            break;
        }
    }
    if (!validRows.empty() && o.refitOnAllRows) {
        // The hold-out has chosen how many trees; now every training row teaches them. Keeping the trees
        // of the 90 % instead makes the model hang on which rows the seed happened to hold out.
        GbtOptions again = o;
        again.validationFraction = 0.0;
        again.maxRounds = bestRounds;
        auto refit = fit(data, again);
        if (!refit.ok())
            return refit;
        GradientBoostedTrees kept = std::move(refit).value();
        kept.m_options = o;
        kept.m_info.roundsRun = model.m_info.roundsRun;
        kept.m_info.validationRows = int(validRows.size());
        kept.m_info.bestValidationLoss = bestLoss;
        return kept;
    }
    model.m_trees.resize(std::size_t(bestRounds));
    model.m_info.bestIteration = bestRounds;
    model.m_info.bestValidationLoss = validRows.empty() ? 0.0 : bestLoss;
    model.computeNodeMeans();
    return model;
}

double GradientBoostedTrees::rawScore(const double* x) const
{
    double z = m_baseScore;
    for (const GbtTree& t : m_trees)
        z += t.value[std::size_t(t.leafOf(x))];
    return z;
}

double GradientBoostedTrees::predictProbability(const double* x) const
{
    return sigmoid(rawScore(x));
}

std::vector<double> GradientBoostedTrees::predictProbabilities(const FeatureMatrix& data) const
{
    std::vector<double> out(std::size_t(std::max(data.rows, 0)));
    if (data.cols != featureCount())
        return {};
    for (int i = 0; i < data.rows; ++i)
        out[std::size_t(i)] = predictProbability(data.values.data() + std::size_t(i) * std::size_t(data.cols));
    return out;
}

GbtAttribution GradientBoostedTrees::attributions(const double* x) const
{
    GbtAttribution a;
    a.bias = m_baseScore;
    a.values.assign(std::size_t(featureCount()), 0.0);
    std::vector<PathElement> buffer;
    for (const GbtTree& t : m_trees) {
        a.bias += t.expectedValue();
        if (t.size() <= 1)
            continue;
        // Level d holds a path of at most d + 2 elements (the root's placeholder included).
        const std::size_t d = std::size_t(depthOf(t));
        if (buffer.size() < (d + 2) * (d + 3) / 2)
            buffer.resize((d + 2) * (d + 3) / 2);
        treeShap(t, x, 0, buffer.data(), 0, 1.0, 1.0, -1, a.values);
    }
    return a;
}

void GradientBoostedTrees::computeNodeMeans()
{
    m_nodeMeans.clear();
    for (const GbtTree& t : m_trees) {
        std::vector<double> mean(t.value);
        // Children come after their parent, so walking backwards meets both children first.
        for (int i = t.size() - 1; i >= 0; --i) {
            const std::size_t n = std::size_t(i);
            if (t.isLeaf(i))
                continue;
            const std::size_t l = std::size_t(t.left[n]), r = std::size_t(t.right[n]);
            const double covered = t.cover[l] + t.cover[r];
            mean[n] = covered > 0.0 ? (t.cover[l] * mean[l] + t.cover[r] * mean[r]) / covered
                                    : (mean[l] + mean[r]) / 2.0;
        }
        m_nodeMeans.push_back(std::move(mean));
    }
}

GbtAttribution GradientBoostedTrees::saabasAttributions(const double* x) const
{
    GbtAttribution a;
    a.bias = m_baseScore;
    a.values.assign(std::size_t(featureCount()), 0.0);
    for (std::size_t k = 0; k < m_trees.size(); ++k) {
        const GbtTree& t = m_trees[k];
        const std::vector<double>& mean = m_nodeMeans[k];
        a.bias += mean[0];
        int node = 0;
        while (!t.isLeaf(node)) {
            const std::size_t n = std::size_t(node);
            const int next = goesLeft(t, node, x[t.feature[n]]) ? t.left[n] : t.right[n];
            a.values[std::size_t(t.feature[n])] += mean[std::size_t(next)] - mean[n];
            node = next;
        }
    }
    return a;
}

QJsonObject GradientBoostedTrees::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), QStringLiteral("gbt"));
    o.insert(QStringLiteral("version"), 1);
    o.insert(QStringLiteral("objective"), QStringLiteral("binary_logloss"));
    o.insert(QStringLiteral("baseScore"), m_baseScore);
    o.insert(QStringLiteral("featureNames"), QJsonArray::fromStringList(m_featureNames));
    QJsonArray bins;
    for (const auto& b : m_bounds)
        bins.append(toArray(b));
    o.insert(QStringLiteral("binBounds"), bins);
    QJsonArray trees;
    for (const GbtTree& t : m_trees) {
        QJsonObject j;
        j.insert(QStringLiteral("feature"), toIntArray(t.feature));
        j.insert(QStringLiteral("threshold"), toArray(t.threshold));
        j.insert(QStringLiteral("missingLeft"), toIntArray(t.missingLeft));
        j.insert(QStringLiteral("left"), toIntArray(t.left));
        j.insert(QStringLiteral("right"), toIntArray(t.right));
        j.insert(QStringLiteral("value"), toArray(t.value));
        j.insert(QStringLiteral("cover"), toArray(t.cover));
        trees.append(j);
    }
    o.insert(QStringLiteral("trees"), trees);
    QJsonObject fit;
    fit.insert(QStringLiteral("learningRate"), m_options.learningRate);
    fit.insert(QStringLiteral("maxDepth"), m_options.maxDepth);
    fit.insert(QStringLiteral("maxLeaves"), m_options.maxLeaves);
    fit.insert(QStringLiteral("minSamplesLeaf"), m_options.minSamplesLeaf);
    fit.insert(QStringLiteral("lambda"), m_options.lambda);
    fit.insert(QStringLiteral("refitOnAllRows"), m_options.refitOnAllRows);
    fit.insert(QStringLiteral("roundsRun"), m_info.roundsRun);
    fit.insert(QStringLiteral("bestIteration"), m_info.bestIteration);
    fit.insert(QStringLiteral("trainRows"), m_info.trainRows);
    fit.insert(QStringLiteral("validationRows"), m_info.validationRows);
    o.insert(QStringLiteral("training"), fit);
    return o;
}

Result<GradientBoostedTrees> GradientBoostedTrees::fromJson(const QJsonObject& json)
{
    if (json.value(QStringLiteral("kind")).toString() != QStringLiteral("gbt"))
        return invalid(QStringLiteral("not a gbt model"));
    if (json.value(QStringLiteral("version")).toInt() != 1)
        return invalid(QStringLiteral("unsupported version"));
    GradientBoostedTrees m;
    const QJsonValue base = json.value(QStringLiteral("baseScore"));
    if (!base.isDouble())
        return invalid(QStringLiteral("baseScore"));
    m.m_baseScore = base.toDouble();
    const QJsonArray names = json.value(QStringLiteral("featureNames")).toArray();
    for (const QJsonValue& v : names)
        m.m_featureNames.append(v.toString());
    const int features = int(m.m_featureNames.size());
    if (features == 0)
        return invalid(QStringLiteral("no features"));
    const QJsonArray bins = json.value(QStringLiteral("binBounds")).toArray();
    for (const QJsonValue& v : bins) {
        std::vector<double> b;
        if (!readDoubles(v, b))
            return invalid(QStringLiteral("binBounds"));
        m.m_bounds.push_back(std::move(b));
    }
    if (!m.m_bounds.empty() && int(m.m_bounds.size()) != features)
        return invalid(QStringLiteral("binBounds size"));
    const QJsonArray trees = json.value(QStringLiteral("trees")).toArray();
    for (const QJsonValue& tv : trees) {
        const QJsonObject j = tv.toObject();
        GbtTree t;
        std::vector<int> missing;
        if (!readInts(j.value(QStringLiteral("feature")), t.feature)
            || !readDoubles(j.value(QStringLiteral("threshold")), t.threshold)
            || !readInts(j.value(QStringLiteral("missingLeft")), missing)
            || !readInts(j.value(QStringLiteral("left")), t.left) || !readInts(j.value(QStringLiteral("right")), t.right)
            || !readDoubles(j.value(QStringLiteral("value")), t.value)
            || !readDoubles(j.value(QStringLiteral("cover")), t.cover))
            return invalid(QStringLiteral("tree arrays"));
        const std::size_t size = t.left.size();
        if (size == 0 || t.feature.size() != size || t.threshold.size() != size || missing.size() != size
            || t.right.size() != size || t.value.size() != size || t.cover.size() != size)
            return invalid(QStringLiteral("tree array sizes"));
        for (int x : missing)
            t.missingLeft.push_back(x != 0 ? 1 : 0);
        for (std::size_t i = 0; i < size; ++i) {
            if (t.left[i] < 0)
                continue;
            // Children after their parent: no cycles, every walk ends in a leaf.
            if (t.left[i] <= int(i) || t.right[i] <= int(i) || t.left[i] >= int(size) || t.right[i] >= int(size)
                || t.feature[i] < 0 || t.feature[i] >= features)
                return invalid(QStringLiteral("tree structure"));
        }
        m.m_trees.push_back(std::move(t));
    }
    const QJsonObject fit = json.value(QStringLiteral("training")).toObject();
    m.m_options.learningRate = fit.value(QStringLiteral("learningRate")).toDouble(m.m_options.learningRate);
    m.m_options.maxDepth = fit.value(QStringLiteral("maxDepth")).toInt(m.m_options.maxDepth);
    m.m_options.maxLeaves = fit.value(QStringLiteral("maxLeaves")).toInt(m.m_options.maxLeaves);
    m.m_options.minSamplesLeaf = fit.value(QStringLiteral("minSamplesLeaf")).toInt(m.m_options.minSamplesLeaf);
    m.m_options.lambda = fit.value(QStringLiteral("lambda")).toDouble(m.m_options.lambda);
    m.m_options.refitOnAllRows = fit.value(QStringLiteral("refitOnAllRows")).toBool(m.m_options.refitOnAllRows);
    m.m_info.roundsRun = fit.value(QStringLiteral("roundsRun")).toInt();
    m.m_info.bestIteration = fit.value(QStringLiteral("bestIteration")).toInt();
    m.m_info.trainRows = fit.value(QStringLiteral("trainRows")).toInt();
    m.m_info.validationRows = fit.value(QStringLiteral("validationRows")).toInt();
    m.computeNodeMeans();
    return m;
}

} // namespace telcodesk
