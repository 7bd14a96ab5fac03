#include "scoring/ModelFile.h"
#include "scoring/Trainer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace telcodesk;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

/// 30 % positives: x is higher for them (overlapping), plan B leans positive, some x missing.
QByteArray sample(int rows)
{
    QByteArray csv = "id,x,plan,churn\n";
    for (int i = 0; i < rows; ++i) {
        const bool y = (i * 7) % 10 < 3;
        const double x = (y ? 0.8 : 0.0) + double((i * 37) % 100) / 100.0;
        csv += "c" + QByteArray::number(i) + "," + (i % 13 == 5 ? QByteArray("") : QByteArray::number(x, 'g', 17))
            + "," + (((i * 3) % 5 < 2) == y ? "B" : "A") + "," + (y ? "Yes" : "No") + "\n";
    }
    return csv;
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

private slots:
    void stratifiedSplitKeepsTheClassShares()
    {
        std::vector<double> labels;
        for (int i = 0; i < 1000; ++i)
            labels.push_back(i % 4 == 0 ? 1 : 0); // 250 positives
        const auto [train, test] = Trainer::stratifiedSplit(labels);
        QCOMPARE(int(test.size()), 200);
        QCOMPARE(int(train.size()), 800);
        int positives = 0;
        for (int r : test)
            positives += int(labels[std::size_t(r)]);
        QCOMPARE(positives, 50);
        // Deterministic, disjoint and not simply the first rows.
        QCOMPARE(Trainer::stratifiedSplit(labels).second, test);
        std::vector<char> seen(labels.size(), 0);
        for (int r : train)
            seen[std::size_t(r)]++;
        for (int r : test)
            seen[std::size_t(r)]++;
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](char c) { return c == 1; }));
        QVERIFY(test.back() > 500);
    }

    void tinyClassKeepsATrainingRow()
    {
        const auto [train, test] = Trainer::stratifiedSplit({1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        QCOMPARE(int(test.size()), 2);
        QVERIFY(std::find(train.begin(), train.end(), 0) != train.end()); // the only positive trains
    }

    void trainWithEachKindOfSplit()
    {
        QTemporaryDir dir;
        const QString data = writeFile(dir, QStringLiteral("d.csv"), sample(100));
        QByteArray split = "row_index,set\n";
        for (int i = 0; i < 100; ++i)
            split += QByteArray::number(i) + (i % 4 == 0 ? ",test\n" : ",train\n");
        const QString splitFile = writeFile(dir, QStringLiteral("split.csv"), split);
        const QString testFile = writeFile(dir, QStringLiteral("t.csv"), sample(40));

        Trainer::Options options;
        options.csv = data;
        options.target = QStringLiteral("churn");
        options.idColumn = QStringLiteral("id");
        auto own = Trainer::train(options);
        QVERIFY2(own.ok(), qPrintable(own.errorMessage()));
        QCOMPARE(own->trainRows + own->testRows, 100);
        QCOMPARE(own->features, 3); // x, plan=A, plan=B; the id is left out
        QVERIFY(own->test.auc > 0.7);

        options.splitFile = splitFile;
        auto bySplit = Trainer::train(options);
        QVERIFY2(bySplit.ok(), qPrintable(bySplit.errorMessage()));
        QCOMPARE(bySplit->testRows, 25);
        QCOMPARE(bySplit->testIds.first(), QStringLiteral("c0"));

        options.splitFile.clear();
        options.testFile = testFile;
        auto byFile = Trainer::train(options);
        QVERIFY2(byFile.ok(), qPrintable(byFile.errorMessage()));
        QCOMPARE(byFile->trainRows, 100);
        QCOMPARE(byFile->testRows, 40);

        const QString line = byFile->jsonLine();
        for (const char* key : {"\"model\":\"lr\"", "\"train_rows\":100", "\"test_rows\":40", "\"features\":3", "\"auc\":",
                                "\"log_loss\":", "\"accuracy\":", "\"precision\":", "\"recall\":", "\"f1\":", "\"train_seconds\":"})
            QVERIFY2(line.contains(QLatin1String(key)), qPrintable(line));
    }

    void fixedFill()
    {
        QTemporaryDir dir;
        Trainer::Options options;
        options.csv = writeFile(dir, QStringLiteral("d.csv"), sample(100));
        options.target = QStringLiteral("churn");
        options.idColumn = QStringLiteral("id");
        options.preprocessing.fixedFill.insert(QStringLiteral("x"), -1.0);
        auto report = Trainer::train(options);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->model.preprocessor.columns()[0].fill, -1.0);
        QVERIFY(report->model.preprocessor.columns()[0].fixedFill);

        options.preprocessing.fixedFill.insert(QStringLiteral("plan"), 0.0);
        auto bad = Trainer::train(options);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.errorMessage().contains(QStringLiteral("\"plan\"")), qPrintable(bad.errorMessage()));
    }

    void badSplitFiles_data()
    {
        QTest::addColumn<QByteArray>("split");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no set column") << QByteArray("row_index,part\n0,train\n") << "row_index and set";
        QTest::newRow("row out of range") << QByteArray("row_index,set\n0,train\n100,test\n") << "line 3";
        QTest::newRow("row twice") << QByteArray("row_index,set\n0,train\n0,test\n") << "twice";
        QTest::newRow("odd set") << QByteArray("row_index,set\n0,train\n1,validate\n") << "\"validate\"";
        QTest::newRow("fractional row") << QByteArray("row_index,set\n0.5,train\n") << "\"0.5\"";
    }
    void badSplitFiles()
    {
        QFETCH(QByteArray, split);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        auto result = Trainer::readSplit(writeFile(dir, QStringLiteral("s.csv"), split), 100);
        QVERIFY(!result.ok());
        QVERIFY2(result.errorMessage().contains(QStringLiteral("s.csv")), qPrintable(result.errorMessage()));
        QVERIFY2(result.errorMessage().contains(mentions), qPrintable(result.errorMessage()));
    }

    void identifierNotGivenAsId()
    {
        QTemporaryDir dir;
        Trainer::Options options;
        options.csv = writeFile(dir, QStringLiteral("d.csv"), sample(2600));
        options.target = QStringLiteral("churn"); // no --id: every row's id becomes a level
        auto report = Trainer::train(options);
        QVERIFY(!report.ok());
        QVERIFY2(report.errorMessage().contains(QStringLiteral("\"id\"")), qPrintable(report.errorMessage()));
        options.idColumn = QStringLiteral("id");
        QVERIFY(Trainer::train(options).ok());
    }

    void unknownModelKind()
    {
        Trainer::Options options;
        options.model = QStringLiteral("svm");
        auto report = Trainer::train(options);
        QVERIFY(!report.ok());
        QVERIFY(report.errorMessage().contains(QStringLiteral("svm")));
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
