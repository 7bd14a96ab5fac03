#pragma once

#include "common/Result.h"
#include "scoring/CustomerFeatures.h"
#include "store/LocalStore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <limits>
#include <memory>
#include <vector>

namespace telcodesk {

/// A condition over a customer's features, as written in the rules document:
///   {"feature": "complaints_30d", "op": ">=", "value": 2}      ops: < <= > >= == !=
///   {"all": [c, …]}   {"any": [c, …]}   {"at_least": 2, "of": [c, …]}   {"not": c}
/// A comparison on a missing value (NaN) is false. {"all": []} is true, {"any": []} false.
/// "feature" is a CustomerFeatures name or "probability" (the model's score, for predictive tags).
/// Compiled to feature indices once, so evaluate() does no string work.
class Condition
{
    Q_DECLARE_TR_FUNCTIONS(Condition)

public:
    /// Index standing for "probability" in a condition (after the customer features).
    static constexpr int kProbability = kCustomerFeatureCount;

    enum class Kind { Compare, All, Any, AtLeast, Not };
    enum class Op { Lt, Le, Gt, Ge, Eq, Ne };

    /// where names the place in the document for messages ("rules[2].when.of[1]").
    static Result<Condition> fromJson(const QJsonValue& json, const QString& where);
    QJsonValue toJson() const;

    /// features: kCustomerFeatureCount values; probability: the model's score (NaN when not scored yet).
    bool evaluate(const double* features, double probability) const;
    /// The features the condition reads (for explanations: which values made a rule fire).
    std::vector<int> featureIndices() const;

    Kind kind = Kind::All;
    Op op = Op::Ge;
    int feature = -1;
    double value = 0;
    int atLeast = 0;
    std::vector<Condition> children;
};

/// One rule of the document: when its condition holds the customer gets its effect.
struct RetentionRule
{
    enum class Kind { Risk, Reminder, Flag };
    QString code;       ///< e.g. "decline_signals"; what reasons and customer_score.rules store
    Kind kind = Kind::Risk;
    QString nameZh, nameEn; ///< what people read ("三项信号中有两项", "Two of three decline signals")
    Condition when;
};

struct RfmSegment
{
    QString code;       ///< high_end_business, family, young, silent
    QString nameZh, nameEn;
    // Bounds; NaN = no bound. R in months (rfm_recency_months), F a count (rfm_frequency_6m), M yuan (spend_avg_3m).
    double rMin = std::numeric_limits<double>::quiet_NaN();
    double rMax = std::numeric_limits<double>::quiet_NaN();
    double fMin = std::numeric_limits<double>::quiet_NaN();
    double fMax = std::numeric_limits<double>::quiet_NaN();
    double mMin = std::numeric_limits<double>::quiet_NaN();
    double mMax = std::numeric_limits<double>::quiet_NaN();
    bool matches(double r, double f, double m) const;
};

struct CustomerTag
{
    enum class Kind { Fact, Behaviour, Predictive };
    QString code;       ///< e.g. "heavy_data", "family_account", "likely_to_leave"
    Kind kind = Kind::Fact;
    QString nameZh, nameEn;
    Condition when;
};

/// The retention document (scoring_config key "retention"): risk bands, rules, RFM segments, tags and task
/// settings. Everything an operator tunes lives here, not in code.
///
/// { "format": "telcodesk-retention-config", "version": 1,
///   "bands": {"high": 0.5, "medium": 0.25},
///   "rules": [{"code", "kind": "risk|reminder|flag", "name_zh", "name_en", "when": condition}, …],
///   "rfm": {"segments": [{"code", "name_zh", "name_en", "r_min", "r_max", "f_min", "f_max", "m_min", "m_max"}, …]},
///   "tags": [{"code", "kind": "fact|behaviour|predictive", "name_zh", "name_en", "when": condition}, …],
///   "tasks": {"queue": "retention", "due_days": 3, "min_band": "high"} }
/// RFM segments are tried in order; the first that matches is the customer's.
class RetentionConfig
{
    Q_DECLARE_TR_FUNCTIONS(RetentionConfig)

public:
    /// Parses and checks a document; an error names the place and what is wrong ("rules[1].when: unknown
    /// feature \"spend_chnage_3m\"").
    static Result<RetentionConfig> fromJson(const QByteArray& json, const QString& sourceName);
    QByteArray toJson() const;
    /// The built-in document (resources/scoring/retention-config.json, the seeds' rules).
    static const RetentionConfig& builtIn();
    /// The store's scoring_config row "retention" when it is there and valid, else builtIn(). A row that
    /// does not parse is reported in *problem (when given) and the built-in document is used. *source (when
    /// given) says which document is in use, for people ("scoring_config row 5c0f…, version 3" or "built-in").
    static RetentionConfig load(const LocalStore& store, QString* problem = nullptr, QString* source = nullptr);
    /// Checks and writes the store's local row (telcodesk-admin rules --set; the server's row replaces it
    /// on the next pull).
    static Status saveLocal(const LocalStore& store, const QByteArray& json);
    /// The id saveLocal() gives a row it creates (a key that has no row yet). The server's migration gives
    /// its "retention" row the same id, so that a pulled row replaces the local one by id.
    static constexpr const char* kLocalRowId = "5c0f1000-0000-4000-8000-000000000001";
    static constexpr const char* kKey = "retention";

    double highBand = 0.5;
    double mediumBand = 0.25;
    std::vector<RetentionRule> rules;
    std::vector<RfmSegment> segments;
    std::vector<CustomerTag> tags;
    QString taskQueue = QStringLiteral("retention");
    int taskDueDays = 3;
    QString taskMinBand = QStringLiteral("high");

    /// "low", "medium" or "high" for a probability.
    QString bandOf(double probability) const;

    struct Outcome
    {
        QStringList rules;     ///< codes of the rules that fired, document order
        bool highRiskRule = false;
        QString band;          ///< bandOf(probability), lifted to "high" by a risk rule
        QString segment;       ///< empty: none
        QStringList tags;
    };
    Outcome evaluate(const double* features, double probability) const;

    const RetentionRule* rule(const QString& code) const;
    const RfmSegment* segment(const QString& code) const;
    const CustomerTag* tag(const QString& code) const;
};

} // namespace telcodesk
