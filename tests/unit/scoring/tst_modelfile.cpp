#include "scoring/ModelFile.h"
#include "scoring/Trainer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

using namespace telcodesk;

namespace {

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

/// Every number of the two models is the same double, bit for bit.
void compareBits(const ScoringModel& a, const ScoringModel& b)
{
    QCOMPARE(b.kind, a.kind);
    QCOMPARE(b.target, a.target);
    QCOMPARE(b.idColumn, a.idColumn);
    QCOMPARE(b.preprocessor.options().standardize, a.preprocessor.options().standardize);
    QCOMPARE(b.preprocessor.options().fillMissing, a.preprocessor.options().fillMissing);
    QCOMPARE(b.preprocessor.columns().size(), a.preprocessor.columns().size());
    for (std::size_t i = 0; i < a.preprocessor.columns().size(); ++i) {
        const auto& x = a.preprocessor.columns()[i];
        const auto& y = b.preprocessor.columns()[i];
        QCOMPARE(y.name, x.name);
        QCOMPARE(y.numeric, x.numeric);
        QVERIFY(sameBits(y.mean, x.mean));
        QVERIFY(sameBits(y.std, x.std));
        QVERIFY(sameBits(y.fill, x.fill));
        QCOMPARE(y.levels, x.levels);
    }
    QCOMPARE(b.lr.weights().size(), a.lr.weights().size());
    for (std::size_t j = 0; j < a.lr.weights().size(); ++j)
        QVERIFY2(sameBits(b.lr.weights()[j], a.lr.weights()[j]), qPrintable(QString::number(j)));
    QVERIFY(sameBits(b.lr.intercept(), a.lr.intercept()));
}

ScoringModel awkwardModel()
{
    // Doubles that a decimal printout with too few digits would not bring back.
    Preprocessor::Column num;
    num.name = QStringLiteral("amount");
    num.numeric = true;
    num.mean = 0.1 + 0.2;
    num.std = 1.0 / 3.0;
    num.fill = -2.5e300;
    Preprocessor::Column cat;
    cat.name = QStringLiteral("套餐");
    cat.levels = QStringList{QStringLiteral("5G 畅享"), QStringLiteral("\"quoted\", level")};
    ScoringModel m;
    m.target = QStringLiteral("Churn");
    m.idColumn = QStringLiteral("id");
    m.preprocessor = Preprocessor::fromParts({}, {num, cat});
    m.lr = LogisticRegression({4.9406564584124654e-324, -1e-300, 123456789.12345678}, std::nextafter(1.0, 2.0));
    return m;
}

} // namespace

class TestModelFile : public QObject
{
    Q_OBJECT

private slots:
    void roundTripAwkwardDoubles()
    {
        const ScoringModel m = awkwardModel();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.json"));
        QVERIFY(ModelFile::save(m, path).ok());
        auto loaded = ModelFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        compareBits(m, *loaded);
        QCOMPARE(ModelFile::toJson(*loaded), ModelFile::toJson(m));
    }

    void roundTripTelcoModel()
    {
        const QString data = qEnvironmentVariable("TELCODESK_SHARED_DATA") + QStringLiteral("/churn");
        if (!QFile::exists(data + QStringLiteral("/Telco-Customer-Churn.ibm.csv")))
            QSKIP("the shared churn data (TELCODESK_SHARED_DATA/churn) is absent: the Telco round trip is skipped");
        Trainer::Options options;
        options.csv = data + QStringLiteral("/Telco-Customer-Churn.ibm.csv");
        options.target = QStringLiteral("Churn");
        options.idColumn = QStringLiteral("customerID");
        options.splitFile = data + QStringLiteral("/split_indices.csv");
        auto report = Trainer::train(options);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("telco.json"));
        QVERIFY(ModelFile::save(report->model, path).ok());
        auto loaded = ModelFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        compareBits(report->model, *loaded);

        // The loaded model scores the test rows to the same bits.
        auto table = CsvTable::readFile(options.csv, {options.target, options.idColumn});
        QVERIFY(table.ok());
        auto scores = loaded->score(*table);
        QVERIFY2(scores.ok(), qPrintable(scores.errorMessage()));
        for (std::size_t i = 0; i < report->testRowIndices.size(); ++i)
            QVERIFY(sameBits((*scores)[std::size_t(report->testRowIndices[i])], report->testProbabilities[i]));
    }

    void roundTripTrees()
    {
        // A small tree model over a numeric column with gaps and a categorical one.
        QByteArray csv = "x,plan,t\n";
        quint32 state = 7;
        for (int i = 0; i < 400; ++i) {
            state = state * 1664525u + 1013904223u;
            const double x = double(state >> 8) / double(1u << 24);
            const bool a = (state >> 3) & 1;
            const bool y = (x > 0.6) != a || (state % 11 == 0);
            csv += (i % 17 == 0 ? QByteArray("NA") : QByteArray::number(x, 'g', 17)) + (a ? ",A," : ",B,")
                + (y ? "Yes\n" : "No\n");
        }
        auto table = CsvTable::parse(csv, QStringLiteral("trees.csv"), {QStringLiteral("t"), {}});
        QVERIFY2(table.ok(), qPrintable(table.errorMessage()));
        Preprocessor::Options raw;
        raw.standardize = false;
        raw.fillMissing = false;
        ScoringModel m;
        m.kind = QStringLiteral("gbt");
        m.target = QStringLiteral("t");
        m.preprocessor = Preprocessor::fit(*table, {}, raw);
        auto features = m.preprocessor.transform(*table);
        QVERIFY(features.ok());
        GbtOptions options;
        options.maxRounds = 40;
        auto trees = GradientBoostedTrees::fit(*features, options);
        QVERIFY2(trees.ok(), qPrintable(trees.errorMessage()));
        m.gbt = std::move(trees.value());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("trees.json"));
        QVERIFY(ModelFile::save(m, path).ok());
        auto loaded = ModelFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->kind, QStringLiteral("gbt"));
        QVERIFY(loaded->gbt.has_value());
        QCOMPARE(ModelFile::toJson(*loaded), ModelFile::toJson(m));
        auto before = m.score(*table);
        auto after = loaded->score(*table);
        QVERIFY(before.ok() && after.ok());
        for (std::size_t i = 0; i < before->size(); ++i)
            QVERIFY(sameBits((*before)[i], (*after)[i]));

        // Trees whose features disagree with the preprocessing are refused.
        QJsonObject o = QJsonDocument::fromJson(ModelFile::toJson(m)).object();
        QJsonObject learner = o[QStringLiteral("model")].toObject();
        learner[QStringLiteral("baseScore")] = QStringLiteral("zero");
        o[QStringLiteral("model")] = learner;
        auto damaged = ModelFile::fromJson(QJsonDocument(o).toJson(), QStringLiteral("trees.json"));
        QVERIFY(!damaged.ok());
        QVERIFY2(damaged.errorMessage().contains(QStringLiteral("trees")), qPrintable(damaged.errorMessage()));
    }

    void damagedFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        const QJsonObject good = QJsonDocument::fromJson(ModelFile::toJson(awkwardModel())).object();
        const auto edit = [&](const std::function<void(QJsonObject&)>& f) {
            QJsonObject o = good;
            f(o);
            return QJsonDocument(o).toJson();
        };
        QTest::newRow("empty") << QByteArray() << "broken JSON";
        QTest::newRow("truncated") << ModelFile::toJson(awkwardModel()).left(120) << "broken JSON";
        QTest::newRow("array") << QByteArray("[1,2]") << "not a JSON object";
        QTest::newRow("foreign JSON") << QByteArray("{\"name\":\"package.json\"}") << "format";
        QTest::newRow("newer version") << edit([](QJsonObject& o) { o[QStringLiteral("version")] = 2; })
                                       << "version 2";
        QTest::newRow("no kind") << edit([](QJsonObject& o) {
            QJsonObject m = o[QStringLiteral("model")].toObject();
            m.remove(QStringLiteral("kind"));
            o[QStringLiteral("model")] = m;
        }) << "model.kind";
        QTest::newRow("unknown kind") << edit([](QJsonObject& o) {
            QJsonObject m = o[QStringLiteral("model")].toObject();
            m[QStringLiteral("kind")] = QStringLiteral("svm");
            o[QStringLiteral("model")] = m;
        }) << "\"svm\"";
        QTest::newRow("weight is text") << edit([](QJsonObject& o) {
            QJsonObject m = o[QStringLiteral("model")].toObject();
            QJsonArray w = m[QStringLiteral("weights")].toArray();
            w[1] = QStringLiteral("x");
            m[QStringLiteral("weights")] = w;
            o[QStringLiteral("model")] = m;
        }) << "weight 2";
        QTest::newRow("weight missing") << edit([](QJsonObject& o) {
            QJsonObject m = o[QStringLiteral("model")].toObject();
            QJsonArray w = m[QStringLiteral("weights")].toArray();
            w.removeLast();
            m[QStringLiteral("weights")] = w;
            o[QStringLiteral("model")] = m;
        }) << "2 weights for 3 features";
        QTest::newRow("no intercept") << edit([](QJsonObject& o) {
            QJsonObject m = o[QStringLiteral("model")].toObject();
            m.remove(QStringLiteral("intercept"));
            o[QStringLiteral("model")] = m;
        }) << "intercept";
        QTest::newRow("column type") << edit([](QJsonObject& o) {
            QJsonObject p = o[QStringLiteral("preprocessing")].toObject();
            QJsonArray c = p[QStringLiteral("columns")].toArray();
            QJsonObject first = c[0].toObject();
            first[QStringLiteral("type")] = QStringLiteral("date");
            c[0] = first;
            p[QStringLiteral("columns")] = c;
            o[QStringLiteral("preprocessing")] = p;
        }) << "\"date\"";
        QTest::newRow("numeric without std") << edit([](QJsonObject& o) {
            QJsonObject p = o[QStringLiteral("preprocessing")].toObject();
            QJsonArray c = p[QStringLiteral("columns")].toArray();
            QJsonObject first = c[0].toObject();
            first.remove(QStringLiteral("std"));
            c[0] = first;
            p[QStringLiteral("columns")] = c;
            o[QStringLiteral("preprocessing")] = p;
        }) << "\"amount\"";
        QTest::newRow("features disagree") << edit([](QJsonObject& o) {
            o[QStringLiteral("features")] = QJsonArray{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        }) << "feature list";
    }
    void damagedFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        auto m = ModelFile::fromJson(json, QStringLiteral("model.json"));
        QVERIFY(!m.ok());
        QVERIFY2(m.errorMessage().contains(QStringLiteral("model.json")), qPrintable(m.errorMessage()));
        QVERIFY2(m.errorMessage().contains(mentions), qPrintable(m.errorMessage()));
        QCOMPARE(m.error().code, QStringLiteral("corrupt"));
    }

    void missingFile()
    {
        auto m = ModelFile::load(QStringLiteral("/nonexistent/model.json"));
        QVERIFY(!m.ok());
        QVERIFY(m.errorMessage().contains(QStringLiteral("/nonexistent/model.json")));
    }

    void refusesToSaveInfinity()
    {
        ScoringModel m = awkwardModel();
        m.lr = LogisticRegression({1, std::numeric_limits<double>::infinity(), 0}, 0);
        QTemporaryDir dir;
        QVERIFY(!ModelFile::save(m, dir.filePath(QStringLiteral("m.json"))).ok());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("m.json"))));
    }
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "tst_modelfile.moc"
