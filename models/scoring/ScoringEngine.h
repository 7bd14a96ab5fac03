#pragma once

#include "common/Result.h"
#include "scoring/CustomerFeatures.h"
#include "scoring/ModelFile.h"
#include "scoring/RetentionConfig.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace telcodesk {

/// One reason behind a score. code is a CustomerFeatures name (a model reason: value is the customer's
/// feature value, weight its contribution to the log-odds) or a RetentionRule code (a rule reason: value
/// NaN, weight +inf so that rules come first).
struct ScoreReason
{
    QString code;
    double value = 0;
    double weight = 0;
    /// A second value the words name, NaN when none: the other side of a comparison or the amount of a
    /// count ("App logins down from 5.1 to 0.6 a week", "1 overdue bill (¥128)"). ReasonText::addContext
    /// fills it from the customer's features.
    double other = std::numeric_limits<double>::quiet_NaN();
    bool isRule() const { return std::isinf(weight); }
};

/// Plain words for reasons, in the current translation ("Spend down 35 % over 3 months",
/// "近3个月消费下降35%", "2 complaints in the last 30 days").
class ReasonText
{
    Q_DECLARE_TR_FUNCTIONS(ReasonText)

public:
    static QString describe(const ScoreReason& reason, const RetentionConfig& config);
    /// The same in a given language ("zh_CN" or "en") whatever the current translation, for the admin
    /// tool's output and for task texts read by people in either language.
    static QString describe(const ScoreReason& reason, const RetentionConfig& config, const QString& language);
    /// Sets reason.other from the customer's features (kCustomerFeatureCount values) for the features whose
    /// words name a second value (logins now and before, overdue bills and the amount); others unchanged.
    static void addContext(ScoreReason& reason, const double* features);
    /// The value addContext sets for a feature (NaN for features without a second value): the scoring
    /// engine's path, which knows the feature's index and does not look the name up.
    static double contextOf(CustomerFeature feature, const double* features);
    /// Whether a model reason (with its context) states something an agent can act on. Not: a change or a
    /// ratio within 10 % either way or with nothing to compare with ("Spend unchanged over 3 months"), app
    /// logins that moved less than half a login a week or never reached one a week ("down from 0.1 to 0"),
    /// a count of complaints, enquiries, overdue bills, breaches or open tickets that is zero ("No
    /// complaints in the last 30 days"). A linear model's contribution is measured from the average
    /// customer, so such facts can raise a score a little; they are left out of the reasons, not out of
    /// the score. Rules' reasons and other features are always telling.
    static bool telling(const ScoreReason& reason);
    /// The same for a feature's value and context value (what addContext sets), without the name lookup.
    static bool telling(CustomerFeature feature, double value, double other);
    /// reasons as stored in customer_score.reasons / retention_task.reasons: [{"code", "value", "weight"
    /// [, "other"]}]; a NaN value is null, a rule's infinite weight is null.
    static QByteArray toJson(const std::vector<ScoreReason>& reasons);
    static std::vector<ScoreReason> fromJson(const QByteArray& json);
};

/// A customer's score with everything derived from it.
struct CustomerScore
{
    QString customerId;
    double probability = 0;
    QString band;        ///< low | medium | high, after the rules
    QString modelBand;   ///< from the probability alone
    std::vector<ScoreReason> reasons; ///< fired risk rules first, then the strongest model contributions raising the risk
    QStringList rules;   ///< codes of every rule that fired (risk, reminder, flag)
    QString segment;
    QStringList tags;
    QString modelId;
    qint64 asOfMs = 0;
    qint64 scoredAtMs = 0;
};

/// A model ready to score customer features: the model file, its id, and where each of its input columns
/// is found among the CustomerFeatures.
struct LoadedModel
{
    ScoringModel model;
    QString id;     ///< first 16 hex digits of the SHA-256 of the file's bytes
    QString source; ///< the file it came from (":/telcodesk/scoring/default-model.json" for the built-in one)
    std::vector<int> featureOfColumn; ///< per preprocessing column: CustomerFeature index

    /// Loads a model file and checks that every column it reads is a customer feature (a model trained on
    /// some other CSV file is refused with a message naming the first column that is not).
    static Result<std::shared_ptr<const LoadedModel>> load(const QString& path);
    static Result<std::shared_ptr<const LoadedModel>> fromBytes(const QByteArray& json, const QString& source);
    /// The model the app ships with (trained on generated demo data; see resources/scoring/README.md).
    static Result<std::shared_ptr<const LoadedModel>> builtIn();
    /// The model this data folder uses: <dataDir>/scoring-model.json when present, else builtIn().
    static Result<std::shared_ptr<const LoadedModel>> forDataDir(const QString& dataDir);
    static QString dataDirModelPath(const QString& dataDir);
};

/// Scores FeatureBlocks: the model's probability, reasons (linear: each feature's contribution to the
/// log-odds; trees: exact TreeSHAP attributions), the rules, RFM segment and tags. Thread-safe (const).
class ScoringEngine
{
public:
    ScoringEngine(std::shared_ptr<const LoadedModel> model, RetentionConfig config);

    static constexpr int kTopReasons = 3;

    std::vector<CustomerScore> score(const FeatureBlock& block, qint64 scoredAtMs) const;
    /// The model's probabilities alone on the same block (no reasons, rules or segments): the reference
    /// the benchmark compares score() with.
    std::vector<double> probabilities(const FeatureBlock& block) const;

    const LoadedModel& model() const { return *m_model; }
    const RetentionConfig& config() const { return m_config; }

private:
    std::shared_ptr<const LoadedModel> m_model;
    RetentionConfig m_config;
};

/// customer_score: writing runs' results and reading one customer's.
class ScoreStore
{
    Q_DECLARE_TR_FUNCTIONS(ScoreStore)

public:
    explicit ScoreStore(LocalStorePtr store);
    /// Upserts the scores in one transaction (this thread's connection).
    Status write(const std::vector<CustomerScore>& scores) const { return write({&scores}); }
    /// Several sets of scores (a scoring run's chunks) in one transaction.
    Status write(const std::vector<const std::vector<CustomerScore>*>& parts) const;
    Result<std::optional<CustomerScore>> load(const QString& customerId) const;
    /// Counts per band: {"low": n, "medium": n, "high": n}.
    Result<QHash<QString, int>> bandCounts() const;

private:
    LocalStorePtr m_store;
};

/// Scoring everyone, or the customers whose data changed (score_dirty), writing customer_score; the caller's
/// afterChunk opens retention tasks for customers who reach the task band (RetentionService::openTasks).
/// Chunks are extracted and scored on Options::threads threads, each with its own connection.
class ScoringRun
{
    Q_DECLARE_TR_FUNCTIONS(ScoringRun)

public:
    struct Report
    {
        int customers = 0;
        int low = 0, medium = 0, high = 0;
        int tasksOpened = 0;
        double seconds = 0;          ///< wall time of the whole run
        double extractSeconds = 0;   ///< summed over threads
        double scoreSeconds = 0;     ///< summed over threads
        double writeSeconds = 0;
        QString modelId;
        qint64 asOfMs = 0;
        QString jsonLine() const;    ///< what `telcodesk-admin score` prints
    };

    struct Options
    {
        int threads = 0;             ///< 0: the machine's cores
        int chunk = 20000;           ///< customers per extraction chunk
        bool write = true;           ///< false: compute only (the benchmark's pure path)
        /// Called after each chunk's scores are written (not when write is false), on the thread that wrote
        /// them: the calling thread (which writes for all workers), e.g. RetentionService::openTasks; returns
        /// how many tasks it opened (added to tasksOpened).
        std::function<Result<int>(const std::vector<CustomerScore>& scores, const FeatureBlock& block)> afterChunk;
        std::function<void(int done, int total)> progress; ///< called from worker threads or the calling thread
        const std::atomic_bool* cancel = nullptr;
    };

    /// Every live customer. Clears score_dirty first: what changes during the run is scored next time.
    static Result<Report> scoreAll(const LocalStorePtr& store, const ScoringEngine& engine, qint64 asOfMs,
                                   const Options& options);
    /// The customers in score_dirty (at most limit), removing them from it.
    static Result<Report> scoreDirty(const LocalStorePtr& store, const ScoringEngine& engine, qint64 asOfMs,
                                     const Options& options, int limit = 5000);
    /// The named customers.
    static Result<Report> scoreCustomers(const LocalStorePtr& store, const ScoringEngine& engine, qint64 asOfMs,
                                         const QStringList& customerIds, const Options& options);
};

} // namespace telcodesk
