#include "scoring/GradientBoostedTrees.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

using namespace telcodesk;

namespace {

const double NaN = std::numeric_limits<double>::quiet_NaN();

FeatureMatrix matrix(int cols)
{
    FeatureMatrix m;
    m.cols = cols;
    for (int c = 0; c < cols; ++c)
        m.featureNames.append(QStringLiteral("x%1").arg(c));
    return m;
}

void addRow(FeatureMatrix& m, const std::vector<double>& x, double y)
{
    m.values.insert(m.values.end(), x.begin(), x.end());
    m.labels.push_back(y);
    ++m.rows;
}

double accuracy(const GradientBoostedTrees& model, const FeatureMatrix& m)
{
    const std::vector<double> p = model.predictProbabilities(m);
    int right = 0;
    for (int i = 0; i < m.rows; ++i)
        right += (p[std::size_t(i)] >= 0.5) == (m.labels[std::size_t(i)] > 0.5) ? 1 : 0;
    return double(right) / double(m.rows);
}

// Rank AUC with ties counted half.
double auc(const std::vector<double>& score, const std::vector<double>& label)
{
    std::vector<std::size_t> order(score.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] < score[b]; });
    double rankSumPositive = 0.0, positives = 0.0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && score[order[j]] == score[order[i]])
            ++j;
        const double rank = (double(i) + double(j - 1)) / 2.0 + 1.0;
        for (std::size_t k = i; k < j; ++k) {
            if (label[order[k]] > 0.5) {
                rankSumPositive += rank;
                positives += 1.0;
            }
        }
        i = j;
    }
    const double negatives = double(score.size()) - positives;
    return (rankSumPositive - positives * (positives + 1.0) / 2.0) / (positives * negatives);
}

// The path-dependent conditional expectation of one tree given the features in `known`.
double conditional(const GbtTree& t, int node, const double* x, unsigned known)
{
    if (t.isLeaf(node))
        return t.value[std::size_t(node)];
    const std::size_t n = std::size_t(node);
    const int f = t.feature[n];
    if (known & (1u << f)) {
        const double v = x[f];
        const bool left = std::isnan(v) ? t.missingLeft[n] != 0 : v <= t.threshold[n];
        return conditional(t, left ? t.left[n] : t.right[n], x, known);
    }
    const double l = t.cover[std::size_t(t.left[n])], r = t.cover[std::size_t(t.right[n])];
    return (l * conditional(t, t.left[n], x, known) + r * conditional(t, t.right[n], x, known)) / (l + r);
}

// Shapley values by enumerating every subset of features: the definition TreeSHAP computes fast.
std::vector<double> bruteForceShapley(const GradientBoostedTrees& model, const double* x)
{
    const int m = model.featureCount();
    const auto value = [&](unsigned known) {
        double s = model.baseScore();
        for (const GbtTree& t : model.trees())
            s += conditional(t, 0, x, known);
        return s;
    };
    std::vector<double> factorial(std::size_t(m) + 1, 1.0);
    for (int i = 1; i <= m; ++i)
        factorial[std::size_t(i)] = factorial[std::size_t(i - 1)] * i;
    std::vector<double> phi(std::size_t(m), 0.0);
    for (int i = 0; i < m; ++i) {
        for (unsigned s = 0; s < (1u << m); ++s) {
            if (s & (1u << i))
                continue;
            const int size = __builtin_popcount(s);
            const double w = factorial[std::size_t(size)] * factorial[std::size_t(m - size - 1)] / factorial[std::size_t(m)];
            phi[std::size_t(i)] += w * (value(s | (1u << i)) - value(s));
        }
    }
    return phi;
}

FeatureMatrix xorData(int rows, unsigned seed)
{
    std::mt19937 rng(seed);
    FeatureMatrix m = matrix(2);
    for (int i = 0; i < rows; ++i) {
        const double a = double(rng() % 10000) / 10000.0, b = double(rng() % 10000) / 10000.0;
        addRow(m, {a, b}, ((a > 0.5) != (b > 0.5)) ? 1.0 : 0.0);
    }
    return m;
}

// ---- the Orange churn files, read the simple way: no quoted fields in them.
struct Csv
{
    QStringList header;
    std::vector<QStringList> rows;
};

bool readCsv(const QString& path, Csv& csv)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    csv.header = QString::fromUtf8(file.readLine()).trimmed().split(QLatin1Char(','));
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty())
            csv.rows.push_back(line.split(QLatin1Char(',')));
    }
    return true;
}

// State as an ordinal code over the training file's states (trees split it either way), Yes/No and
// True/False as 1/0, everything else numeric.
FeatureMatrix encode(const Csv& csv, const QStringList& states)
{
    FeatureMatrix m;
    const int target = int(csv.header.indexOf(QStringLiteral("Churn")));
    for (int c = 0; c < csv.header.size(); ++c) {
        if (c != target)
            m.featureNames.append(csv.header[c]);
    }
    m.cols = int(m.featureNames.size());
    for (const QStringList& r : csv.rows) {
        std::vector<double> x;
        for (int c = 0; c < r.size(); ++c) {
            if (c == target)
                continue;
            const QString& v = r[c];
            if (csv.header[c] == QStringLiteral("State")) {
                const qsizetype code = states.indexOf(v);
                x.push_back(code < 0 ? NaN : double(code));
            } else if (v == QStringLiteral("Yes") || v == QStringLiteral("No")) {
                x.push_back(v == QStringLiteral("Yes") ? 1.0 : 0.0);
            } else {
                bool ok = false;
                const double d = v.toDouble(&ok);
                x.push_back(ok ? d : NaN);
            }
        }
        addRow(m, x, r[target] == QStringLiteral("True") ? 1.0 : 0.0);
    }
    return m;
}

// IBM Telco: the four numeric columns as they are (a blank TotalCharges stays missing), every other
// column one-hot over the training rows' levels; customerID left out; split from split_indices.csv.
bool readIbm(const QString& dir, FeatureMatrix& train, FeatureMatrix& test)
{
    Csv data, split;
    if (!readCsv(dir + QStringLiteral("Telco-Customer-Churn.ibm.csv"), data)
        || !readCsv(dir + QStringLiteral("split_indices.csv"), split) || split.rows.size() != data.rows.size())
        return false;
    std::vector<bool> isTrain;
    for (const QStringList& r : split.rows)
        isTrain.push_back(r.value(3) == QStringLiteral("train"));
    const QStringList numeric = {QStringLiteral("SeniorCitizen"), QStringLiteral("tenure"),
                                 QStringLiteral("MonthlyCharges"), QStringLiteral("TotalCharges")};
    const int target = int(data.header.indexOf(QStringLiteral("Churn")));
    const int id = int(data.header.indexOf(QStringLiteral("customerID")));
    std::vector<QStringList> levels(std::size_t(data.header.size()));
    for (std::size_t i = 0; i < data.rows.size(); ++i) {
        for (int c = 0; c < data.header.size(); ++c) {
            if (isTrain[i] && c != target && c != id && !numeric.contains(data.header[c])
                && !levels[std::size_t(c)].contains(data.rows[i][c]))
                levels[std::size_t(c)].append(data.rows[i][c]);
        }
    }
    QStringList names;
    for (int c = 0; c < data.header.size(); ++c) {
        if (c == target || c == id)
            continue;
        if (numeric.contains(data.header[c]))
            names.append(data.header[c]);
        for (const QString& level : levels[std::size_t(c)])
            names.append(data.header[c] + QLatin1Char('=') + level);
    }
    for (FeatureMatrix* m : {&train, &test}) {
        m->featureNames = names;
        m->cols = int(names.size());
    }
    for (std::size_t i = 0; i < data.rows.size(); ++i) {
        const QStringList& r = data.rows[i];
        std::vector<double> x;
        for (int c = 0; c < data.header.size(); ++c) {
            if (c == target || c == id)
                continue;
            if (numeric.contains(data.header[c])) {
                bool ok = false;
                const double d = r[c].trimmed().toDouble(&ok);
                x.push_back(ok ? d : NaN);
            }
            for (const QString& level : levels[std::size_t(c)])
                x.push_back(r[c] == level ? 1.0 : 0.0);
        }
        addRow(isTrain[i] ? train : test, x, r[target] == QStringLiteral("Yes") ? 1.0 : 0.0);
    }
    return true;
}

} // namespace

class TestGradientBoostedTrees : public QObject
{
    Q_OBJECT

private slots:
    void separableStep()
    {
        FeatureMatrix m = matrix(1);
        for (int i = 0; i < 200; ++i)
            addRow(m, {double(i)}, i >= 100 ? 1.0 : 0.0);
        const auto model = GradientBoostedTrees::fit(m);
        QVERIFY2(model.ok(), qPrintable(model.errorMessage()));
        QCOMPARE(accuracy(*model, m), 1.0);
        const double lo = 10.0, hi = 190.0, justBelow = 99.0, justAbove = 100.0;
        QVERIFY(model->predictProbability(&lo) < 0.1);
        QVERIFY(model->predictProbability(&hi) > 0.9);
        QVERIFY(model->predictProbability(&justBelow) < 0.5);
        QVERIFY(model->predictProbability(&justAbove) > 0.5);
        // The learned cut lies between the two classes' training values.
        const GbtTree& first = model->trees().front();
        QVERIFY(!first.isLeaf(0));
        QVERIFY(first.threshold[0] >= 99.0 && first.threshold[0] < 100.0);
    }

    void constantColumnNeverSplits()
    {
        FeatureMatrix m = matrix(2);
        for (int i = 0; i < 200; ++i)
            addRow(m, {7.0, double(i % 100)}, i % 100 >= 50 ? 1.0 : 0.0);
        const auto model = GradientBoostedTrees::fit(m);
        QVERIFY(model.ok());
        QVERIFY(!model->trees().empty());
        for (const GbtTree& t : model->trees()) {
            for (int n = 0; n < t.size(); ++n) {
                if (!t.isLeaf(n))
                    QCOMPARE(t.feature[std::size_t(n)], 1);
            }
        }
        QVERIFY(model->binBounds()[0].empty());
        const double x[] = {7.0, 80.0};
        QCOMPARE(model->attributions(x).values[0], 0.0);
        QCOMPARE(accuracy(*model, m), 1.0);
    }

    void allOneClass_data()
    {
        QTest::addColumn<double>("label");
        QTest::newRow("all churn") << 1.0;
        QTest::newRow("none churn") << 0.0;
    }
    void allOneClass()
    {
        QFETCH(double, label);
        FeatureMatrix m = matrix(2);
        for (int i = 0; i < 50; ++i)
            addRow(m, {double(i), double(i % 3)}, label);
        const auto model = GradientBoostedTrees::fit(m);
        QVERIFY(model.ok());
        QVERIFY(model->trees().empty());
        const double x[] = {3.0, 1.0};
        QVERIFY(std::fabs(model->predictProbability(x) - label) < 1e-5);
    }

    void singleRow_data()
    {
        QTest::addColumn<double>("label");
        QTest::newRow("positive") << 1.0;
        QTest::newRow("negative") << 0.0;
    }
    void singleRow()
    {
        QFETCH(double, label);
        FeatureMatrix m = matrix(3);
        addRow(m, {1.0, NaN, -2.0}, label);
        const auto model = GradientBoostedTrees::fit(m);
        QVERIFY(model.ok());
        QCOMPARE(model->fitInfo().trainRows, 1);
        QCOMPARE(model->fitInfo().validationRows, 0);
        const double x[] = {5.0, 0.0, NaN};
        const double p = model->predictProbability(x);
        QVERIFY(std::isfinite(p));
        QCOMPARE(p > 0.5, label > 0.5);
    }

    void emptyOrMismatchedInputFails()
    {
        FeatureMatrix empty = matrix(2);
        QVERIFY(!GradientBoostedTrees::fit(empty).ok());
        FeatureMatrix m = matrix(2);
        addRow(m, {1.0, 2.0}, 1.0);
        m.labels.clear();
        QVERIFY(!GradientBoostedTrees::fit(m).ok());
    }

    // Missing x behaves like a high value in one data set and like a low one in the other: the split
    // must learn which side missing values go to, not send them to a fixed side.
    void missingValuesGoTheLearnedWay_data()
    {
        QTest::addColumn<double>("missingLabel");
        QTest::newRow("missing means churn") << 1.0;
        QTest::newRow("missing means stay") << 0.0;
    }
    void missingValuesGoTheLearnedWay()
    {
        QFETCH(double, missingLabel);
        FeatureMatrix m = matrix(1);
        for (int i = 0; i < 300; ++i) {
            if (i % 3 == 0)
                addRow(m, {NaN}, missingLabel);
            else
                addRow(m, {double(i)}, i >= 150 ? 1.0 : 0.0);
        }
        const auto model = GradientBoostedTrees::fit(m);
        QVERIFY(model.ok());
        QCOMPARE(accuracy(*model, m), 1.0);
        const double x = NaN;
        QCOMPARE(model->predictProbability(&x) > 0.5, missingLabel > 0.5);
    }

    void missingUnseenInTrainingFollowsTheLargerSide()
    {
        FeatureMatrix m = matrix(1);
        for (int i = 0; i < 200; ++i)
            addRow(m, {double(i)}, i >= 150 ? 1.0 : 0.0);  // three quarters on the low side
        const auto model = GradientBoostedTrees::fit(m);
        QVERIFY(model.ok());
        const double x = NaN;
        QVERIFY(model->predictProbability(&x) < 0.5);
    }

    // y = (a > .5) xor (b > .5): no single feature says anything alone, a linear model stays at 50 %.
    void xorInteraction_data()
    {
        QTest::addColumn<int>("growth");
        QTest::newRow("leaf-wise") << int(GbtOptions::Growth::LeafWise);
        QTest::newRow("depth-wise") << int(GbtOptions::Growth::DepthWise);
    }
    void xorInteraction()
    {
        QFETCH(int, growth);
        GbtOptions o;
        o.growth = GbtOptions::Growth(growth);
        const auto model = GradientBoostedTrees::fit(xorData(1000, 1), o);
        QVERIFY(model.ok());
        const double acc = accuracy(*model, xorData(1000, 2));
        QVERIFY2(acc > 0.95, qPrintable(QString::number(acc)));
        for (const GbtTree& t : model->trees()) {
            int leaves = 0;
            for (int n = 0; n < t.size(); ++n)
                leaves += t.isLeaf(n) ? 1 : 0;
            QVERIFY(leaves <= o.maxLeaves);
        }
    }

    void depthAndLeafLimits()
    {
        GbtOptions o;
        o.maxDepth = 2;
        o.maxLeaves = 3;
        o.maxRounds = 20;
        const auto model = GradientBoostedTrees::fit(xorData(500, 3), o);
        QVERIFY(model.ok());
        for (const GbtTree& t : model->trees()) {
            int leaves = 0;
            std::vector<int> depth(std::size_t(t.size()), 0);
            for (int n = 0; n < t.size(); ++n) {
                if (t.isLeaf(n)) {
                    ++leaves;
                    QVERIFY(depth[std::size_t(n)] <= 2);
                    QVERIFY(t.cover[std::size_t(n)] >= o.minSamplesLeaf);
                } else {
                    depth[std::size_t(t.left[std::size_t(n)])] = depth[std::size_t(n)] + 1;
                    depth[std::size_t(t.right[std::size_t(n)])] = depth[std::size_t(n)] + 1;
                }
            }
            QVERIFY(leaves <= 3);
        }
    }

    // Labels that are coin flips: the validation loss stops improving early, training stops 50 rounds
    // later and keeps the best round's trees.
    void earlyStoppingStops_data()
    {
        QTest::addColumn<bool>("refit");
        QTest::addColumn<int>("keptOn");
        QTest::newRow("refit on all rows") << true << 1000;
        QTest::newRow("trees of the 90 %") << false << 900;
    }
    void earlyStoppingStops()
    {
        QFETCH(bool, refit);
        QFETCH(int, keptOn);
        std::mt19937 rng(5);
        FeatureMatrix m = matrix(3);
        for (int i = 0; i < 1000; ++i)
            addRow(m, {double(rng() % 1000), double(rng() % 7), double(rng() % 100)}, double(rng() % 2));
        GbtOptions o;
        o.refitOnAllRows = refit;
        const auto model = GradientBoostedTrees::fit(m, o);
        QVERIFY(model.ok());
        const auto& info = model->fitInfo();
        QVERIFY2(info.roundsRun < 1000, qPrintable(QString::number(info.roundsRun)));
        QCOMPARE(info.roundsRun, info.bestIteration + 50);
        QCOMPARE(int(model->trees().size()), info.bestIteration);
        QCOMPARE(info.validationRows, 100);  // 10 %, stratified
        QCOMPARE(info.trainRows, keptOn);
    }

    void attributionsAreExactShapleyValues()
    {
        std::mt19937 rng(11);
        FeatureMatrix m = matrix(4);
        for (int i = 0; i < 600; ++i) {
            const double a = double(rng() % 100), b = double(rng() % 100), c = double(rng() % 10);
            const double d = rng() % 5 == 0 ? NaN : double(rng() % 50);
            const double y = (a > 50 && b > 30) || (c > 7) || (std::isnan(d) && a > 20) ? 1.0 : 0.0;
            addRow(m, {a, b, c, d}, rng() % 10 == 0 ? 1.0 - y : y);
        }
        GbtOptions o;
        o.maxRounds = 30;
        o.learningRate = 0.3;
        const auto model = GradientBoostedTrees::fit(m, o);
        QVERIFY(model.ok());
        QVERIFY(model->trees().size() >= 5);
        for (int i = 0; i < 25; ++i) {
            const double* x = m.values.data() + std::size_t(i) * 4;
            const GbtAttribution a = model->attributions(x);
            const std::vector<double> exact = bruteForceShapley(*model, x);
            double sum = a.bias;
            for (int f = 0; f < 4; ++f) {
                sum += a.values[std::size_t(f)];
                QVERIFY2(std::fabs(a.values[std::size_t(f)] - exact[std::size_t(f)]) < 1e-9,
                         qPrintable(QStringLiteral("row %1 feature %2: %3 vs %4")
                                        .arg(i).arg(f).arg(a.values[std::size_t(f)]).arg(exact[std::size_t(f)])));
            }
            QVERIFY(std::fabs(sum - model->rawScore(x)) < 1e-9);
        }
    }

    void saabasAttributionsSumToTheRawScore()
    {
        std::mt19937 rng(17);
        FeatureMatrix m = matrix(3);
        for (int i = 0; i < 500; ++i) {
            const double a = double(rng() % 100), b = rng() % 6 == 0 ? NaN : double(rng() % 100), c = double(rng() % 3);
            addRow(m, {a, b, c}, (a > 60) != (!std::isnan(b) && b > 40) ? 1.0 : 0.0);
        }
        for (int depth : {1, 6}) {
            GbtOptions o;
            o.maxDepth = depth;
            o.maxRounds = 40;
            const auto model = GradientBoostedTrees::fit(m, o);
            QVERIFY(model.ok());
            for (int i = 0; i < 30; ++i) {
                const double* x = m.values.data() + std::size_t(i) * 3;
                const GbtAttribution saabas = model->saabasAttributions(x);
                const GbtAttribution shap = model->attributions(x);
                QVERIFY(std::fabs(saabas.bias - shap.bias) < 1e-12);
                double sum = saabas.bias;
                for (int f = 0; f < 3; ++f) {
                    sum += saabas.values[std::size_t(f)];
                    // On one-split trees the path attribution is the Shapley value.
                    if (depth == 1)
                        QVERIFY(std::fabs(saabas.values[std::size_t(f)] - shap.values[std::size_t(f)]) < 1e-12);
                }
                QVERIFY(std::fabs(sum - model->rawScore(x)) < 1e-9);
            }
        }
    }

    void jsonRoundTripIsBitForBit()
    {
        std::mt19937 rng(3);
        FeatureMatrix m = matrix(3);
        for (int i = 0; i < 500; ++i) {
            const double a = double(rng()) / 3.0e7, b = rng() % 4 == 0 ? NaN : double(rng()) / 7.0e6;
            addRow(m, {a, b, 1.0 / (1.0 + double(rng() % 9))}, (a + (std::isnan(b) ? 50.0 : b)) > 200.0 ? 1.0 : 0.0);
        }
        GbtOptions o;
        o.maxRounds = 60;
        const auto model = GradientBoostedTrees::fit(m, o);
        QVERIFY(model.ok());
        const QByteArray text = QJsonDocument(model->toJson()).toJson(QJsonDocument::Compact);
        const auto loaded = GradientBoostedTrees::fromJson(QJsonDocument::fromJson(text).object());
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->trees().size(), model->trees().size());
        QCOMPARE(loaded->featureNames(), model->featureNames());
        QVERIFY(loaded->baseScore() == model->baseScore());
        for (int i = 0; i < m.rows; ++i) {
            const double* x = m.values.data() + std::size_t(i) * 3;
            QVERIFY(loaded->rawScore(x) == model->rawScore(x));
            QVERIFY(loaded->predictProbability(x) == model->predictProbability(x));
            QVERIFY(loaded->attributions(x).values == model->attributions(x).values);
            QVERIFY(loaded->saabasAttributions(x).values == model->saabasAttributions(x).values);
        }
        for (std::size_t t = 0; t < model->trees().size(); ++t) {
            QVERIFY(loaded->trees()[t].threshold == model->trees()[t].threshold);
            QVERIFY(loaded->trees()[t].value == model->trees()[t].value);
        }
        QVERIFY(loaded->binBounds() == model->binBounds());
        QCOMPARE(QJsonDocument(loaded->toJson()).toJson(QJsonDocument::Compact), text);
    }

    void sameDataSameSeedSameModel()
    {
        GbtOptions o;
        o.subsample = 0.7;
        const FeatureMatrix m = xorData(600, 9);
        const auto a = GradientBoostedTrees::fit(m, o);
        const auto b = GradientBoostedTrees::fit(m, o);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(QJsonDocument(a->toJson()).toJson(), QJsonDocument(b->toJson()).toJson());
        o.seed = 43;
        const auto c = GradientBoostedTrees::fit(m, o);
        QVERIFY(c.ok());
        QVERIFY(QJsonDocument(a->toJson()).toJson() != QJsonDocument(c->toJson()).toJson());
        QVERIFY(accuracy(*a, xorData(600, 10)) > 0.9);
    }

    void invalidOptionsFail()
    {
        const FeatureMatrix m = xorData(100, 4);
        GbtOptions o;
        o.maxBins = 256;
        QVERIFY(!GradientBoostedTrees::fit(m, o).ok());
        o = {};
        o.learningRate = 0.0;
        QVERIFY(!GradientBoostedTrees::fit(m, o).ok());
        o = {};
        o.validationFraction = 1.0;
        QVERIFY(!GradientBoostedTrees::fit(m, o).ok());
    }

    void fromJsonRejectsBrokenModels()
    {
        FeatureMatrix m = matrix(1);
        for (int i = 0; i < 100; ++i)
            addRow(m, {double(i)}, i >= 50 ? 1.0 : 0.0);
        const auto model = GradientBoostedTrees::fit(m);
        QVERIFY(model.ok());
        const QJsonObject good = model->toJson();
        QVERIFY(GradientBoostedTrees::fromJson(good).ok());

        QJsonObject cyclic = good;
        QJsonArray trees = cyclic.value(QStringLiteral("trees")).toArray();
        QJsonObject t = trees[0].toObject();
        QJsonArray left = t.value(QStringLiteral("left")).toArray();
        left[0] = 0;  // the root its own child
        t.insert(QStringLiteral("left"), left);
        trees[0] = t;
        cyclic.insert(QStringLiteral("trees"), trees);
        QVERIFY(!GradientBoostedTrees::fromJson(cyclic).ok());

        QJsonObject wrongKind = good;
        wrongKind.insert(QStringLiteral("kind"), QStringLiteral("lr"));
        QVERIFY(!GradientBoostedTrees::fromJson(wrongKind).ok());

        QJsonObject badFeature = good;
        trees = good.value(QStringLiteral("trees")).toArray();
        t = trees[0].toObject();
        QJsonArray feature = t.value(QStringLiteral("feature")).toArray();
        feature[0] = 3;
        t.insert(QStringLiteral("feature"), feature);
        trees[0] = t;
        badFeature.insert(QStringLiteral("trees"), trees);
        QVERIFY(!GradientBoostedTrees::fromJson(badFeature).ok());
    }

    void orangeChurn()
    {
        const QByteArray root = qgetenv("TELCODESK_SHARED_DATA");
        const QString dir = QString::fromLocal8Bit(root) + QStringLiteral("/churn/");
        Csv train, test;
        if (root.isEmpty() || !readCsv(dir + QStringLiteral("churn-bigml-80.csv"), train)
            || !readCsv(dir + QStringLiteral("churn-bigml-20.csv"), test))
            QSKIP("The Orange churn files (TELCODESK_SHARED_DATA/churn/churn-bigml-80.csv, -20.csv) are absent");
        QStringList states;
        for (const QStringList& r : train.rows) {
            if (!states.contains(r[0]))
                states.append(r[0]);
        }
        states.sort();
        const FeatureMatrix trainM = encode(train, states);
        const FeatureMatrix testM = encode(test, states);
        QCOMPARE(trainM.rows, 2666);
        QCOMPARE(testM.rows, 667);

        QElapsedTimer timer;
        timer.start();
        const auto model = GradientBoostedTrees::fit(trainM);
        const qint64 ms = timer.elapsed();
        QVERIFY(model.ok());
        const std::vector<double> p = model->predictProbabilities(testM);
        const double testAuc = auc(p, testM.labels);
        const double acc = accuracy(*model, testM);
        qInfo("Orange bigml-80 -> bigml-20: AUC %.4f, accuracy %.4f, trees kept %d (of %d rounds), training %lld ms",
              testAuc, acc, model->fitInfo().bestIteration, model->fitInfo().roundsRun, ms);
        QVERIFY2(testAuc >= 0.92, qPrintable(QString::number(testAuc)));
        QVERIFY2(acc >= 0.95, qPrintable(QString::number(acc)));

        // For comparison only (not asserted): the trees grown on the 90 % that was not held out.
        GbtOptions heldOut;
        heldOut.refitOnAllRows = false;
        const auto other = GradientBoostedTrees::fit(trainM, heldOut);
        QVERIFY(other.ok());
        qInfo("  without the refit on all rows: AUC %.4f, accuracy %.4f, trees %d",
              auc(other->predictProbabilities(testM), testM.labels), accuracy(*other, testM),
              other->fitInfo().bestIteration);

        for (int i = 0; i < 20; ++i) {
            const double* x = testM.values.data() + std::size_t(i) * std::size_t(testM.cols);
            const GbtAttribution a = model->attributions(x);
            double sum = a.bias;
            for (double v : a.values)
                sum += v;
            QVERIFY(std::fabs(sum - model->rawScore(x)) < 1e-9);
        }
    }

    void ibmTelco()
    {
        const QByteArray root = qgetenv("TELCODESK_SHARED_DATA");
        FeatureMatrix train, test;
        if (root.isEmpty() || !readIbm(QString::fromLocal8Bit(root) + QStringLiteral("/churn/"), train, test))
            QSKIP("The IBM Telco files (TELCODESK_SHARED_DATA/churn/Telco-Customer-Churn.ibm.csv, split_indices.csv) are absent");
        QCOMPARE(train.rows, 5634);
        QCOMPARE(test.rows, 1409);
        QElapsedTimer timer;
        timer.start();
        const auto model = GradientBoostedTrees::fit(train);
        const qint64 ms = timer.elapsed();
        QVERIFY(model.ok());
        const double testAuc = auc(model->predictProbabilities(test), test.labels);
        qInfo("IBM Telco split_indices: AUC %.4f, accuracy %.4f, trees kept %d (of %d rounds), training %lld ms",
              testAuc, accuracy(*model, test), model->fitInfo().bestIteration, model->fitInfo().roundsRun, ms);
        QVERIFY2(testAuc >= 0.835, qPrintable(QString::number(testAuc)));
    }
};

QTEST_GUILESS_MAIN(TestGradientBoostedTrees)
#include "tst_gradientboostedtrees.moc"
