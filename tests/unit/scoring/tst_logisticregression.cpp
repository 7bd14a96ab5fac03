#include "scoring/CsvTable.h"
#include "scoring/LogisticRegression.h"
#include "scoring/Metrics.h"
#include "scoring/Preprocessor.h"

#include <QTest>

#include <cmath>

using namespace telcodesk;

namespace {

FeatureMatrix matrix(int cols, const std::vector<double>& values, const std::vector<double>& labels)
{
    FeatureMatrix m;
    m.cols = cols;
    m.rows = int(labels.size());
    m.values = values;
    m.labels = labels;
    for (int j = 0; j < cols; ++j)
        m.featureNames.append(QStringLiteral("f%1").arg(j));
    return m;
}

double maxAbs(const std::vector<double>& v)
{
    double m = 0;
    for (double x : v)
        m = std::max(m, std::abs(x));
    return m;
}

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

} // namespace

class TestLogisticRegression : public QObject
{
    Q_OBJECT

private slots:
    void separableDataStaysFinite()
    {
        // x = -2, -1, 1, 2 with labels 0, 0, 1, 1: perfectly separable, so without the penalty w would grow
        // without bound. The data are symmetric, so b = 0 and w solves Σ x (σ(w x) - y) + w = 0, found here
        // independently by bisection.
        const FeatureMatrix m = matrix(1, {-2, -1, 1, 2}, {0, 0, 1, 1});
        auto fit = LogisticRegression::fit(m);
        QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
        QVERIFY(fit->converged());
        const auto g = [](double w) {
            double s = w;
            const double xs[] = {-2, -1, 1, 2};
            const double ys[] = {0, 0, 1, 1};
            for (int i = 0; i < 4; ++i)
                s += xs[i] * (sigmoid(w * xs[i]) - ys[i]);
            return s;
        };
        double lo = 0, hi = 50;
        for (int i = 0; i < 200; ++i) {
            const double mid = (lo + hi) / 2;
            (g(mid) > 0 ? hi : lo) = mid;
        }
        QVERIFY(std::isfinite(fit->weights()[0]));
        QVERIFY(std::abs(fit->weights()[0] - lo) < 1e-9);
        QVERIFY(std::abs(fit->intercept()) < 1e-12);
        QVERIFY(maxAbs(fit->gradient(m, 1.0)) < 1e-9);
        QVERIFY(fit->iterations() < 30);
    }

    void strongerPenaltyShrinks()
    {
        const FeatureMatrix m = matrix(1, {-2, -1, 1, 2}, {0, 0, 1, 1});
        LogisticRegression::Options weak;
        weak.C = 100;
        LogisticRegression::Options strong;
        strong.C = 0.01;
        const double w1 = LogisticRegression::fit(m, weak)->weights()[0];
        const double w2 = LogisticRegression::fit(m, strong)->weights()[0];
        QVERIFY(w1 > w2);
        QVERIFY(w2 > 0);
        QVERIFY(maxAbs(LogisticRegression::fit(m, weak)->gradient(m, 100)) < 1e-8);
    }

    void interceptOnly()
    {
        // No features: the intercept is the log-odds of the base rate, logit(1/4) = log(1/3).
        const FeatureMatrix m = matrix(0, {}, {1, 0, 0, 0});
        auto fit = LogisticRegression::fit(m);
        QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
        QVERIFY(std::abs(fit->intercept() - std::log(1.0 / 3.0)) < 1e-12);
    }

    void constantColumns()
    {
        // Column 0 carries the signal, column 1 is always 0, column 2 always 5 (collinear with the intercept).
        // At the optimum Σ(p - y) = 0 (intercept), so the constant columns' gradients reduce to w_j / C = 0.
        const FeatureMatrix m = matrix(3, {0, 0, 5, 1, 0, 5, 2, 0, 5, 3, 0, 5, 1.5, 0, 5}, {0, 1, 0, 1, 1});
        auto fit = LogisticRegression::fit(m);
        QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
        QVERIFY(fit->converged());
        QCOMPARE(fit->weights()[1], 0.0);
        QVERIFY(std::abs(fit->weights()[2]) < 1e-12);
        QVERIFY(fit->weights()[0] > 0);
        QVERIFY(maxAbs(fit->gradient(m, 1.0)) < 1e-10);
    }

    void allOneClass_data()
    {
        QTest::addColumn<double>("label");
        QTest::addColumn<int>("rows");
        QTest::newRow("all positive") << 1.0 << 5;
        QTest::newRow("all negative") << 0.0 << 5;
        QTest::newRow("a single positive row") << 1.0 << 1;
        QTest::newRow("a single negative row") << 0.0 << 1;
    }
    void allOneClass()
    {
        QFETCH(double, label);
        QFETCH(int, rows);
        std::vector<double> values;
        for (int i = 0; i < rows; ++i) {
            values.push_back(i);
            values.push_back(1.0 - i);
        }
        const FeatureMatrix m = matrix(2, values, std::vector<double>(std::size_t(rows), label));
        auto fit = LogisticRegression::fit(m);
        QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
        QCOMPARE(fit->weights(), (std::vector<double>{0, 0}));
        const double positives = label * rows;
        QCOMPARE(fit->intercept(), std::log((positives + 0.5) / (rows - positives + 0.5)));
        const double p = fit->probability(&m.values[0]);
        QVERIFY(std::isfinite(p));
        QVERIFY(label > 0.5 ? p > 0.5 : p < 0.5);
        QVERIFY(p > 0 && p < 1);
    }

    void gradientVanishesOnNoisyData()
    {
        // 200 rows, 4 features (one a near-copy of another), overlapping classes: a real optimisation problem.
        std::vector<double> values;
        std::vector<double> labels;
        quint32 state = 12345;
        const auto next = [&] {
            state = state * 1664525u + 1013904223u;
            return double(state >> 8) / double(1u << 24) - 0.5;
        };
        for (int i = 0; i < 200; ++i) {
            const double a = next() * 4, b = next() * 2, c = next();
            values.insert(values.end(), {a, b, c, a + 1e-3 * c});
            labels.push_back(a - b + next() * 3 > 0 ? 1 : 0);
        }
        const FeatureMatrix m = matrix(4, values, labels);
        auto fit = LogisticRegression::fit(m);
        QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
        QVERIFY(fit->converged());
        QVERIFY2(maxAbs(fit->gradient(m, 1.0)) < 1e-9, qPrintable(QString::number(maxAbs(fit->gradient(m, 1.0)))));
        // Contributions and the intercept add up to the log-odds.
        const std::vector<double> c = fit->contributions(&m.values[0]);
        double z = fit->intercept();
        for (double v : c)
            z += v;
        QVERIFY(std::abs(sigmoid(z) - fit->probability(&m.values[0])) < 1e-14);
        // The fitted model separates better than chance on its own rows.
        QVERIFY(metrics::auc(labels, fit->predict(m)) > 0.8);
    }

    void refusesMissingValues()
    {
        const FeatureMatrix m = matrix(1, {1, std::nan("")}, {0, 1});
        auto fit = LogisticRegression::fit(m);
        QVERIFY(!fit.ok());
        QVERIFY(fit.errorMessage().contains(QStringLiteral("missing")));
    }

    void missingValuesThroughPreprocessing()
    {
        // x: 1, NA, 3, 5 → mean 3 (of the present values) fills the NA; population std of 1, 3, 3, 5 = √2.
        auto table = CsvTable::parse("x,t\n1,0\nNA,1\n3,0\n5,1\n", QStringLiteral("t.csv"), {QStringLiteral("t"), {}});
        QVERIFY2(table.ok(), qPrintable(table.errorMessage()));
        const Preprocessor p = Preprocessor::fit(*table, {}, {});
        QCOMPARE(p.columns()[0].mean, 3.0);
        QCOMPARE(p.columns()[0].fill, 3.0);
        QCOMPARE(p.columns()[0].std, std::sqrt(2.0));
        auto m = p.transform(*table);
        QVERIFY2(m.ok(), qPrintable(m.errorMessage()));
        QCOMPARE(m->at(1, 0), 0.0);
        QCOMPARE(m->at(0, 0), -2.0 / std::sqrt(2.0));
        auto fit = LogisticRegression::fit(*m);
        QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
        QVERIFY(maxAbs(fit->gradient(*m, 1.0)) < 1e-10);

        // A fixed fill is used before the statistics: x = 1, 0, 3, 5 → mean 9/4.
        Preprocessor::Options zero;
        zero.fixedFill.insert(QStringLiteral("x"), 0.0);
        const Preprocessor q = Preprocessor::fit(*table, {}, zero);
        QCOMPARE(q.columns()[0].mean, 2.25);
        QCOMPARE(q.columns()[0].fill, 0.0);

        // Without filling and scaling the value stays missing and the numbers stay raw (for trees).
        Preprocessor::Options raw;
        raw.fillMissing = false;
        raw.standardize = false;
        auto r = Preprocessor::fit(*table, {}, raw).transform(*table);
        QVERIFY(std::isnan(r->at(1, 0)));
        QCOMPARE(r->at(3, 0), 5.0);
    }

    void constantColumnStandardisesToZero()
    {
        auto table = CsvTable::parse("x,k,t\n1,7,0\n2,7,1\n3,7,1\n", QStringLiteral("t.csv"), {QStringLiteral("t"), {}});
        const Preprocessor p = Preprocessor::fit(*table, {}, {});
        auto m = p.transform(*table);
        QCOMPARE(p.columns()[1].std, 0.0);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m->at(i, 1), 0.0);
    }

    void categorySeenOnlyAtScoring()
    {
        // Train rows 0..3 see plan A and B; row 4 (scoring) has plan C, row 5 a missing plan.
        auto table = CsvTable::parse("plan,x,t\nA,1,1\nB,2,0\nA,3,1\nB,4,0\nC,2,1\n,2,0\n", QStringLiteral("t.csv"),
                                     {QStringLiteral("t"), {}});
        QVERIFY2(table.ok(), qPrintable(table.errorMessage()));
        const Preprocessor p = Preprocessor::fit(*table, {0, 1, 2, 3}, {});
        QCOMPARE(p.featureNames(), QStringList({"plan=A", "plan=B", "x"}));
        auto train = p.transform(*table, {0, 1, 2, 3});
        auto fit = LogisticRegression::fit(*train);
        QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
        auto scoring = p.transform(*table, {4, 5});
        QVERIFY2(scoring.ok(), qPrintable(scoring.errorMessage()));
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(scoring->at(row, 0), 0.0);
            QCOMPARE(scoring->at(row, 1), 0.0);
            // Only x and the intercept speak for an unseen or missing plan.
            const double expected = sigmoid(fit->intercept() + fit->weights()[2] * scoring->at(row, 2));
            QVERIFY(std::abs(fit->probability(&scoring->values[std::size_t(row) * 3]) - expected) < 1e-15);
        }
        // Standardised with the train rows only: x = 1..4 → mean 2.5.
        QCOMPARE(p.columns()[1].mean, 2.5);
    }

    void numericColumnGivenTextAtScoring()
    {
        auto train = CsvTable::parse("x,t\n1,1\n2,0\n", QStringLiteral("a.csv"), {QStringLiteral("t"), {}});
        const Preprocessor p = Preprocessor::fit(*train, {}, {});
        auto other = CsvTable::parse("x\n1\nlots\n", QStringLiteral("b.csv"), {});
        auto m = p.transform(*other);
        QVERIFY(!m.ok());
        QVERIFY2(m.errorMessage().contains(QStringLiteral("lots")), qPrintable(m.errorMessage()));
        auto missing = CsvTable::parse("y\n1\n", QStringLiteral("c.csv"), {});
        auto m2 = p.transform(*missing);
        QVERIFY(!m2.ok());
        QVERIFY(m2.errorMessage().contains(QStringLiteral("\"x\"")));
    }

    void metricsByHand()
    {
        // Scores with a tie between a positive and a negative: AUC = (pairs won + ½ ties) / pairs.
        const std::vector<double> y{0, 0, 1, 1, 0, 1};
        const std::vector<double> s{0.1, 0.4, 0.4, 0.8, 0.9, 0.95};
        // positives 0.4, 0.8, 0.95 against negatives 0.1, 0.4, 0.9: 1+0.5+0 + 1+1+0 + 1+1+1 = 6.5 of 9.
        QVERIFY(std::abs(metrics::auc(y, s) - 6.5 / 9.0) < 1e-15);
        const BinaryMetrics m = metrics::evaluate(y, s);
        // Predicted positive: 0.8, 0.9, 0.95 → tp 2, fp 1, fn 1, tn 2.
        QCOMPARE(m.accuracy, 4.0 / 6.0);
        QCOMPARE(m.precision, 2.0 / 3.0);
        QCOMPARE(m.recall, 2.0 / 3.0);
        QVERIFY(std::abs(m.f1 - 2.0 / 3.0) < 1e-15);
        QVERIFY(std::isnan(metrics::auc({1, 1}, {0.2, 0.3})));
        // Clipped: a confident wrong answer costs -log(1e-15), not infinity.
        QVERIFY(std::abs(metrics::logLoss({1}, {0.0}) + std::log(1e-15)) < 1e-9);
        QVERIFY(std::abs(metrics::logLoss({1, 0}, {0.5, 0.5}) - std::log(2.0)) < 1e-15);
    }
};

QTEST_GUILESS_MAIN(TestLogisticRegression)
#include "tst_logisticregression.moc"
