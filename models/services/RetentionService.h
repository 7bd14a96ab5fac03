#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "scoring/CustomerFeatures.h"
#include "scoring/RetentionConfig.h"
#include "scoring/ScoringEngine.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>
#include <vector>

namespace telcodesk {

/// A retention offer of the catalog (table offer), with its rule parsed.
struct RetentionOffer
{
    QString id;
    QString code;
    QString nameZh, nameEn;
    QString kind;        ///< service | data_pack | renewal | discount | family | credit | …
    int priority = 100;  ///< lower is tried first
    qint64 valueFen = 0; ///< offer.discount_fen: what it costs the operator in total
    Condition when;
    QString name() const; ///< in the current UI language
};

/// The offers, in priority order. Offers whose rule does not parse are left out and listed in problems().
class OfferCatalog
{
    Q_DECLARE_TR_FUNCTIONS(OfferCatalog)

public:
    static Result<OfferCatalog> load(const LocalStore& store);
    /// The first offer whose condition holds for these features, or null.
    const RetentionOffer* nextBest(const double* features, double probability) const;
    const RetentionOffer* byId(const QString& id) const;
    const std::vector<RetentionOffer>& offers() const { return m_offers; }
    const QStringList& problems() const { return m_problems; }

private:
    std::vector<RetentionOffer> m_offers;
    QStringList m_problems;
};

struct RetentionTask
{
    QString id;
    QString customerId;
    QString customerName;
    QString msisdn;       ///< the customer's primary number (E.164)
    QString reason;       ///< code of the rule that raised it, or "model"
    std::vector<ScoreReason> reasons;
    double score = 0;
    QString assigneeId;
    QString assigneeName;
    QString queue;
    qint64 dueAt = 0;
    QString offerId;
    QString offerCode;
    QString offerName;    ///< in the current UI language
    QString outcome;      ///< empty while open
    QString outcomeNote;
    QString status;       ///< open | done | cancelled
    qint64 createdAt = 0;
    QString createdBy;
    qint64 closedAt = 0;
    QString closedBy;
};

/// One row of the supervisors' at-risk list: a scored customer and their task, if any.
struct AtRiskRow
{
    QString customerId;
    QString name;
    QString msisdn;
    QString band;
    double probability = 0;
    std::vector<ScoreReason> reasons;
    QString segment;
    QString taskId;        ///< empty: no task
    QString taskStatus;
    QString taskAssignee;  ///< name
    QString taskOutcome;
};

/// An offer of the catalog as a choice for one task: whether its rule holds for the customer now, and
/// whether it is the task's offer.
struct OfferChoice
{
    RetentionOffer offer;
    bool fits = false;
    bool current = false;
};

/// What came of the retention tasks opened in a period (RetentionService::summary).
struct RetentionSummary
{
    int opened = 0;    ///< tasks opened in the period
    int open = 0;      ///< of them, still open (a call-back arranged among them)
    int callback = 0;  ///< open with a call-back arranged
    int accepted = 0;
    int declined = 0;
    int noAnswer = 0;
    int left = 0;
    int notNeeded = 0; ///< cancelled as a false alarm
    /// Closed with the customer reached or lost: accepted, declined, no answer, left (not the false alarms).
    int worked() const { return accepted + declined + noAnswer + left; }
};

struct AtRiskFilter
{
    QString band = QStringLiteral("high"); ///< high, medium, or empty for high and medium
    QString segment;                       ///< empty: any
    enum class Tasks { Any, WithOpenTask, WithoutTask } tasks = Tasks::Any;
    /// The order of the list (ties: the customer id, so that pages never overlap). Probability: the model's
    /// probability; Band: high before medium, then the probability; Name and Number: the customer's name
    /// (by code point: same surnames together) and primary number; Segment: the RFM segment code, customers
    /// in none last, then the probability, highest first.
    enum class Sort { Probability, Band, Name, Number, Segment } sort = Sort::Probability;
    bool ascending = false; ///< lowest (A to Z) first; by default highest first
    int limit = 500;
    int offset = 0;
};

/// Retention tasks: opening them for customers who turn high-risk (one open task per customer, ever:
/// the store's unique index and the server's trigger hold it even against two desktops), routing them,
/// choosing the next-best offer, recording the outcome; and the at-risk list. Tasks are synced data:
/// every write goes through ChangeWriter.
///
/// Routing: the customer's account manager when they have one, else the document's queue ("retention").
/// Task ids derive from (customer, month of m0), so two desktops that open the same customer's task in
/// the same month write the same row.
class RetentionService
{
    Q_DECLARE_TR_FUNCTIONS(RetentionService)

public:
    RetentionService(LocalStorePtr store, Session session, const Clock& clock = Clock::system());

    /// Outcome codes: accepted, declined, no_answer, callback, left, not_needed.
    static const QStringList& outcomeCodes();
    static QString outcomeLabel(const QString& code); ///< in the current UI language

    /// For each score in the config's task band whose customer has no open task, one new task (reason: the
    /// first fired risk rule or "model"; reasons: the score's; offer: the catalog's next best for the
    /// customer's features). block holds the same customers' features (for the offer rules). Returns how
    /// many were opened. Needs no permission: scoring runs it for the desktop's user or the system.
    Result<int> openTasks(const std::vector<CustomerScore>& scores, const FeatureBlock& block,
                          const RetentionConfig& config, const OfferCatalog& offers);

    /// openTasks as ScoringRun::Options::afterChunk wants it, for a run made by this session (or the system:
    /// an empty Session). config and offers must outlive the run.
    static std::function<Result<int>(const std::vector<CustomerScore>&, const FeatureBlock&)>
    taskOpener(LocalStorePtr store, Session session, const RetentionConfig& config, const OfferCatalog& offers);

    Result<RetentionTask> load(const QString& taskId) const;
    /// The customer's open task, if any.
    Result<std::optional<RetentionTask>> openTaskFor(const QString& customerId) const;
    /// All of the customer's tasks, newest first.
    Result<QVector<RetentionTask>> tasksFor(const QString& customerId) const;
    /// Open tasks assigned to the session's agent or waiting in a queue it may work, oldest due first.
    Result<QVector<RetentionTask>> myTasks(int limit = 500) const;

    /// Closes an open task with an outcome (one of outcomeCodes(); "callback" keeps it open with a new due
    /// time of dueAt). The note is required for declined and left. Needs WorkRetention, and the task must be
    /// the agent's, in a queue, or the session must have ManageRetention.
    /// offerMade: the offer the agent made when it was not the task's (an id of the catalog, or empty for
    /// none); written with the outcome in one change. Not given: the task's offer stays.
    Status recordOutcome(const QString& taskId, const QString& outcome, const QString& note, qint64 callbackAt = 0,
                         const std::optional<QString>& offerMade = std::nullopt);
    /// Needs ManageRetention, or the task unassigned and assigneeId the session's own agent (taking it).
    Status assign(const QString& taskId, const QString& assigneeId);
    Status setOffer(const QString& taskId, const QString& offerId);
    /// The catalog's offers for the task's customer, in priority order, each with whether its rule holds for
    /// the customer's features now (and the task's own offer marked): what an agent may offer instead.
    Result<QVector<OfferChoice>> offerChoices(const QString& taskId) const;

    /// Needs ManageRetention.
    Result<QVector<AtRiskRow>> atRisk(const AtRiskFilter& filter) const;
    Result<int> atRiskCount(const AtRiskFilter& filter) const;
    /// Needs ManageRetention. The tasks opened from fromMs (inclusive) to toMs (exclusive), by what came of
    /// them.
    Result<RetentionSummary> summary(qint64 fromMs, qint64 toMs) const;
    /// The start of the month (Beijing time, where the operator's months are counted) holding atMs.
    static qint64 monthStartMs(qint64 atMs);

    /// The deterministic task id for a customer and month (yyyymm).
    static QString taskId(const QString& customerId, int month);

private:
    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
};

} // namespace telcodesk
