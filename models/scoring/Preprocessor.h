#pragma once

#include "common/Result.h"
#include "scoring/CsvTable.h"
#include "scoring/FeatureMatrix.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace telcodesk {

/// Turns CSV columns into features, fitted on the training rows only: a numeric column is standardised with
/// the training mean and population standard deviation (a constant column gives 0), a missing number is
/// replaced by the training mean (or a fixed value per column); a categorical column becomes one indicator
/// per level seen in training, so an unseen or missing level scores as all zeros.
class Preprocessor
{
    Q_DECLARE_TR_FUNCTIONS(Preprocessor)

public:
    struct Options
    {
        /// false: numbers pass through unscaled (trees do not need scaling).
        bool standardize = true;
        /// false: a missing number stays NaN in the features (for learners that handle it themselves), unless
        /// fixedFill names its column.
        bool fillMissing = true;
        /// A fixed fill value for missing numbers of the named columns instead of the training mean (used
        /// before the statistics are taken, as if the file had said so).
        QHash<QString, double> fixedFill;
    };

    struct Column
    {
        QString name;
        bool numeric = false;
        double mean = 0;     ///< numeric: training mean after filling
        double std = 0;      ///< numeric: population standard deviation after filling; 0 = constant
        double fill = 0;     ///< numeric: what a missing value becomes (before scaling)
        bool fixedFill = false; ///< numeric: fill came from Options::fixedFill (applied even without fillMissing)
        QStringList levels;  ///< categorical: the levels seen in training, sorted
    };

    Preprocessor() = default;

    /// Fits on the given rows of the table (all rows when trainRows is empty).
    static Preprocessor fit(const CsvTable& table, const std::vector<int>& trainRows, const Options& options);

    /// Features for the given rows (all rows when rows is empty), labels included when the table has them.
    /// Fails when a column the preprocessing needs is absent or holds text where numbers were trained.
    Result<FeatureMatrix> transform(const CsvTable& table, const std::vector<int>& rows = {}) const;

    QStringList featureNames() const;
    int featureCount() const;

    const std::vector<Column>& columns() const { return m_columns; }
    const Options& options() const { return m_options; }

    /// For ModelFile: rebuilds a fitted preprocessing from its parts.
    static Preprocessor fromParts(const Options& options, std::vector<Column> columns);

private:
    Options m_options;
    std::vector<Column> m_columns;
};

} // namespace telcodesk
