#pragma once

#include <QString>
#include <QStringList>

#include <cmath>
#include <vector>

namespace telcodesk {

/// Rows × features of doubles, row-major, as the learners take them. A missing value is NaN (the trees
/// learn where it goes; the linear model never sees one: its preprocessing fills it). labels are 0/1.
struct FeatureMatrix
{
    int rows = 0;
    int cols = 0;
    std::vector<double> values;  ///< rows * cols
    std::vector<double> labels;  ///< rows, 0 or 1 (empty when scoring)
    QStringList featureNames;    ///< cols names, e.g. "tenure", "Contract=Two year"

    double at(int row, int col) const { return values[std::size_t(row) * std::size_t(cols) + std::size_t(col)]; }
    double& at(int row, int col) { return values[std::size_t(row) * std::size_t(cols) + std::size_t(col)]; }
    static bool isMissing(double v) { return std::isnan(v); }
};

} // namespace telcodesk
