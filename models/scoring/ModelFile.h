#pragma once

#include "common/Result.h"
#include "scoring/CsvTable.h"
#include "scoring/GradientBoostedTrees.h"
#include "scoring/LogisticRegression.h"
#include "scoring/Preprocessor.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace telcodesk {

/// What a model file holds: the preprocessing fitted on the training rows and the learner on its features.
struct ScoringModel
{
    QString kind = QStringLiteral("lr"); ///< "lr" (logistic regression) or "gbt" (gradient-boosted trees)
    QString target;                      ///< the target column it was trained on (for people reading the file)
    QString idColumn;                    ///< the id column of the training file, if any
    Preprocessor preprocessor;
    LogisticRegression lr;               ///< kind "lr"
    std::optional<GradientBoostedTrees> gbt; ///< kind "gbt"

    /// Positive-class probabilities for every row of the table.
    Result<std::vector<double>> score(const CsvTable& table) const;
};

/// The JSON file of a ScoringModel. Doubles are written in the shortest form that reads back to the same bits,
/// so load(save(m)) scores exactly like m.
///
/// { "format": "telcodesk-scoring-model", "version": 1, "target": ..., "id_column": ...,
///   "preprocessing": { "standardize": bool, "fill_missing": bool,
///                      "columns": [ {"name", "type": "numeric", "mean", "std", "fill"} |
///                                   {"name", "type": "categorical", "levels": [...]} ] },
///   "features": [names...],
///   "model": { "kind": "lr", "intercept": x, "weights": [...] } }
/// or, for trees, "model": GradientBoostedTrees::toJson() (which carries "kind": "gbt").
class ModelFile
{
    Q_DECLARE_TR_FUNCTIONS(ModelFile)

public:
    static QByteArray toJson(const ScoringModel& model);
    /// sourceName names the file in error messages.
    static Result<ScoringModel> fromJson(const QByteArray& json, const QString& sourceName);

    static Status save(const ScoringModel& model, const QString& path);
    static Result<ScoringModel> load(const QString& path);

    static constexpr int kVersion = 1;
};

} // namespace telcodesk
