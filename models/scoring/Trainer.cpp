#include "scoring/Trainer.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <random>

namespace telcodesk {

namespace {

QString jsonNumber(double v, int decimals)
{
    if (!std::isfinite(v))
        return QStringLiteral("null");
    return QString::number(v, 'f', decimals);
}

} // namespace

QString Trainer::Report::jsonLine() const
{
    return QStringLiteral("{\"model\":\"%1\",\"train_rows\":%2,\"test_rows\":%3,\"features\":%4,\"auc\":%5,"
                          "\"log_loss\":%6,\"accuracy\":%7,\"precision\":%8,\"recall\":%9,\"f1\":%10,"
                          "\"train_seconds\":%11}")
        .arg(model.kind)
        .arg(trainRows)
        .arg(testRows)
        .arg(features)
        .arg(jsonNumber(test.auc, 6), jsonNumber(test.logLoss, 6), jsonNumber(test.accuracy, 6),
             jsonNumber(test.precision, 6), jsonNumber(test.recall, 6), jsonNumber(test.f1, 6),
             jsonNumber(trainSeconds, 4));
}

std::pair<std::vector<int>, std::vector<int>> Trainer::stratifiedSplit(const std::vector<double>& labels,
                                                                     double testShare)
{
    // std::mt19937 yields the same sequence everywhere; the draw below does not depend on the standard
    // library's shuffle or distributions, which differ between implementations.
    std::mt19937 random(20261123u);
    std::vector<int> train;
    std::vector<int> test;
    for (int cls = 0; cls <= 1; ++cls) {
        std::vector<int> rows;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (int(labels[i]) == cls)
                rows.push_back(int(i));
        }
        for (std::size_t i = rows.size(); i > 1; --i)
            std::swap(rows[i - 1], rows[std::size_t(random() % i)]);
        std::size_t testCount = std::size_t(std::llround(double(rows.size()) * testShare));
        if (!rows.empty() && testCount >= rows.size())
            testCount = rows.size() - 1;
        test.insert(test.end(), rows.begin(), rows.begin() + std::ptrdiff_t(testCount));
        train.insert(train.end(), rows.begin() + std::ptrdiff_t(testCount), rows.end());
    }
    std::sort(train.begin(), train.end());
    std::sort(test.begin(), test.end());
    return {train, test};
}

Result<std::pair<std::vector<int>, std::vector<int>>> Trainer::readSplit(const QString& path, int rowCount)
{
    Result<CsvTable> table = CsvTable::readFile(path, CsvTable::Options{});
    if (!table)
        return table.error();
    const QString name = QFileInfo(path).fileName();
    const CsvColumn* index = table->column(QStringLiteral("row_index"));
    const CsvColumn* set = table->column(QStringLiteral("set"));
    if (!index || !set)
        return Error{tr("%1: a split file needs the columns row_index and set").arg(name), QStringLiteral("invalid")};
    std::vector<char> seen(std::size_t(rowCount), 0);
    std::vector<int> train;
    std::vector<int> test;
    for (int r = 0; r < table->rowCount(); ++r) {
        const int line = table->lineOfRow()[std::size_t(r)];
        double v = 0;
        if (!CsvTable::parseNumber(index->texts.at(r), &v) || v != std::floor(v) || v < 0 || v >= rowCount)
            return Error{tr("%1, line %2: row_index \"%3\" is not a row of the data file (0 to %4)")
                             .arg(name)
                             .arg(line)
                             .arg(index->texts.at(r))
                             .arg(rowCount - 1),
                         QStringLiteral("invalid")};
        const int row = int(v);
        if (seen[std::size_t(row)])
            return Error{tr("%1, line %2: row %3 is listed twice").arg(name).arg(line).arg(row), QStringLiteral("invalid")};
        seen[std::size_t(row)] = 1;
        const QString which = set->texts.at(r).toLower();
        if (which == QLatin1String("train"))
            train.push_back(row);
        else if (which == QLatin1String("test"))
            test.push_back(row);
        else
            return Error{tr("%1, line %2: set \"%3\" is neither train nor test").arg(name).arg(line).arg(set->texts.at(r)),
                         QStringLiteral("invalid")};
    }
    std::sort(train.begin(), train.end());
    std::sort(test.begin(), test.end());
    return std::make_pair(train, test);
}

Result<Trainer::Report> Trainer::train(const Options& options)
{
    const bool trees = options.model == QLatin1String("gbt");
    if (options.model != QLatin1String("lr") && !trees)
        return Error{tr("the model \"%1\" is not available (lr or gbt are)").arg(options.model), QStringLiteral("unsupported")};
    if (!options.splitFile.isEmpty() && !options.testFile.isEmpty())
        return Error{tr("give either a split file or a test file, not both"), QStringLiteral("invalid")};

    QStringList files{options.csv};
    if (!options.testFile.isEmpty())
        files.append(options.testFile);
    Result<CsvTable> table = CsvTable::readFiles(files, CsvTable::Options{options.target, options.idColumn});
    if (!table)
        return table.error();
    return train(*table, options);
}

Result<Trainer::Report> Trainer::train(const CsvTable& table, const Options& options)
{
    const bool trees = options.model == QLatin1String("gbt");
    if (options.model != QLatin1String("lr") && !trees)
        return Error{tr("the model \"%1\" is not available (lr or gbt are)").arg(options.model), QStringLiteral("unsupported")};
    if (table.labels().empty())
        return Error{tr("the table has no labels to train on"), QStringLiteral("invalid")};

    for (auto it = options.preprocessing.fixedFill.constBegin(); it != options.preprocessing.fixedFill.constEnd(); ++it) {
        const CsvColumn* column = table.column(it.key());
        if (!column || !column->numeric)
            return Error{tr("a fill value is given for \"%1\", which is not a numeric column of the data").arg(it.key()),
                         QStringLiteral("invalid")};
    }

    std::vector<int> trainRows;
    std::vector<int> testRows;
    if (!options.testFile.isEmpty()) {
        for (int r = 0; r < table.rowCount(); ++r)
            (table.fileOfRow()[std::size_t(r)] == 0 ? trainRows : testRows).push_back(r);
    } else if (!options.splitFile.isEmpty()) {
        auto split = readSplit(options.splitFile, table.rowCount());
        if (!split)
            return split.error();
        trainRows = split->first;
        testRows = split->second;
    } else {
        auto split = stratifiedSplit(table.labels());
        trainRows = split.first;
        testRows = split.second;
    }
    if (trainRows.empty())
        return Error{tr("there are no training rows"), QStringLiteral("invalid")};
    if (testRows.empty())
        return Error{tr("there are no test rows"), QStringLiteral("invalid")};

    Report report;
    QElapsedTimer timer;
    timer.start();
    report.model.kind = options.model;
    report.model.target = options.target;
    report.model.idColumn = options.idColumn;
    Preprocessor::Options preprocessing = options.preprocessing;
    if (trees) {
        // Trees need no scaling and learn where a missing value goes.
        preprocessing.standardize = false;
        preprocessing.fillMissing = false;
    }
    report.model.preprocessor = Preprocessor::fit(table, trainRows, preprocessing);
    if (!trees && report.model.preprocessor.featureCount() > kMaxLinearFeatures) {
        // The exact Newton solve is cubic in the features: name the column that blew them up instead of
        // running for hours. It is nearly always an identifier that was not given as --id.
        const Preprocessor::Column* widest = nullptr;
        for (const Preprocessor::Column& c : report.model.preprocessor.columns()) {
            if (!c.numeric && (!widest || c.levels.size() > widest->levels.size()))
                widest = &c;
        }
        return Error{tr("%1 features are too many for logistic regression (at most %2): the column \"%3\" has %4 "
                        "distinct values. If it identifies the row, give it as the id column.")
                         .arg(report.model.preprocessor.featureCount())
                         .arg(kMaxLinearFeatures)
                         .arg(widest ? widest->name : QString())
                         .arg(widest ? widest->levels.size() : 0),
                     QStringLiteral("invalid")};
    }
    Result<FeatureMatrix> trainFeatures = report.model.preprocessor.transform(table, trainRows);
    if (!trainFeatures)
        return trainFeatures.error();
    if (trees) {
        Result<GradientBoostedTrees> gbt = GradientBoostedTrees::fit(*trainFeatures, options.gbt);
        if (!gbt)
            return gbt.error();
        report.model.gbt = std::move(gbt.value());
    } else {
        Result<LogisticRegression> lr = LogisticRegression::fit(*trainFeatures, options.lr);
        if (!lr)
            return lr.error();
        report.model.lr = std::move(lr.value());
    }
    report.trainSeconds = double(timer.nsecsElapsed()) / 1e9;

    Result<FeatureMatrix> testFeatures = report.model.preprocessor.transform(table, testRows);
    if (!testFeatures)
        return testFeatures.error();
    report.trainRows = int(trainRows.size());
    report.testRows = int(testRows.size());
    report.features = trainFeatures->cols;
    report.testRowIndices = testRows;
    report.testProbabilities = trees ? report.model.gbt->predictProbabilities(*testFeatures)
                                     : report.model.lr.predict(*testFeatures);
    report.test = metrics::evaluate(testFeatures->labels, report.testProbabilities);
    if (!table.ids().isEmpty()) {
        for (int r : testRows)
            report.testIds.append(table.ids().at(r));
    }
    return report;
}

} // namespace telcodesk
