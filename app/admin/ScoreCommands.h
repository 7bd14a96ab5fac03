#pragma once

#include "common/Result.h"
#include "scoring/ScoringEngine.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QStringList>

namespace telcodesk::admin {

/// `telcodesk-admin score` and the data-folder half of `train`: retention scoring from the command line.
class ScoreCli
{
    Q_DECLARE_TR_FUNCTIONS(ScoreCli)

public:
    /// `score --data-dir DIR [--model FILE] [--install] [--customer ID] [--threads N]`: scores everyone
    /// (writing customer_score and opening retention tasks) and prints ScoringRun::Report::jsonLine(), or
    /// prints one customer's score with its reasons in Chinese and English.
    static int score(const QStringList& args);

    /// `train --data-dir DIR --model lr|gbt [--out FILE] [--labels CSV]`: customer features from the cache,
    /// labels from demo_truth.churn_planted or a CSV of customer_id,label; prints Trainer's JSON line.
    static int trainOnDataDir(const QString& dataDir, const QString& kind, const QString& out, const QString& labels);

    /// Scores everyone in a freshly generated database and opens the retention tasks (end of `generate`).
    /// Its retention tasks are generated data: they are left out of the outbox.
    static Result<ScoringRun::Report> scoreEveryone(const LocalStorePtr& store, int threads = 0);

private:
    /// Scores everyone with the engine, opening retention tasks as the system (no signed-in agent).
    static Result<ScoringRun::Report> runAll(const LocalStorePtr& store, const ScoringEngine& engine, qint64 asOfMs,
                                             int threads);
};

} // namespace telcodesk::admin
