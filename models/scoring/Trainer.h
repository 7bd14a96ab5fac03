#pragma once

#include "common/Result.h"
#include "scoring/Metrics.h"
#include "scoring/ModelFile.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace telcodesk {

/// What `telcodesk-admin train` does, apart from parsing its arguments: read the CSV, split it, fit the
/// preprocessing and the learner on the train rows and measure them on the test rows.
class Trainer
{
    Q_DECLARE_TR_FUNCTIONS(Trainer)

public:
    struct Options
    {
        QString csv;
        QString target;
        QString idColumn;
        QString splitFile; ///< CSV with row_index (0-based data row) and set (train/test)
        QString testFile;  ///< a second CSV with the same header: its rows are the test rows
        QString model = QStringLiteral("lr"); ///< lr or gbt
        /// For lr; gbt always keeps numbers raw and missing values NaN.
        Preprocessor::Options preprocessing;
        LogisticRegression::Options lr;
        GbtOptions gbt;
    };

    struct Report
    {
        ScoringModel model;
        int trainRows = 0;
        int testRows = 0;
        int features = 0;
        BinaryMetrics test;
        double trainSeconds = 0;          ///< preprocessing and fitting, not reading the file
        std::vector<int> testRowIndices;  ///< rows of the (combined) table used for testing
        std::vector<double> testProbabilities;
        QStringList testIds;              ///< when an id column was given

        /// The one JSON line `telcodesk-admin train` prints.
        QString jsonLine() const;
    };

    static Result<Report> train(const Options& options);
    /// The same on a table already read or built (customer features from the local store): options.csv is
    /// not read; the split comes from splitFile, from the table's second file (testFile rows have
    /// fileOfRow 1), or else the stratified split.
    static Result<Report> train(const CsvTable& table, const Options& options);

    /// Logistic regression refuses more features than this (the Hessian is features² and its solve features³).
    static constexpr int kMaxLinearFeatures = 2000;

    /// Reads a split file against a table of rowCount rows: train and test row indices.
    static Result<std::pair<std::vector<int>, std::vector<int>>> readSplit(const QString& path, int rowCount);
    /// A deterministic stratified split: about testShare of each class goes to the test rows (at least one
    /// row of each class stays for training), chosen by a fixed-seed shuffle.
    static std::pair<std::vector<int>, std::vector<int>> stratifiedSplit(const std::vector<double>& labels,
                                                                         double testShare = 0.2);
};

} // namespace telcodesk
