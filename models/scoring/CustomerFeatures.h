#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "scoring/CsvTable.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>
#include <vector>

namespace telcodesk {

/// The features of a customer that scoring, the rules, RFM, tags and offers read, computed from the cached
/// data as of one moment. All numbers; NaN means "not known" (no contract, no usage history, an enterprise
/// has no age). The names are stable: model files, the rules document and stored reasons refer to them.
///
/// Months: m0 is the latest complete usage month before the as-of moment (for as-of 2026-11-22 it is
/// 2026-10), m1 the month before it, and so on. A customer's month is the sum over all their subscriptions.
/// "Last 30 days", "7 days", "90 days" count back from the as-of moment.
enum class CustomerFeature : int {
    TenureMonths,          ///< tenure_months: whole months since tenure_start
    MonthsToContractEnd,   ///< months_to_contract_end: nearest future contract end of an active line, days/30.44; NaN none
    DaysToContractEnd,     ///< days_to_contract_end: the same in days (the renewal rule reads it); NaN none
    SpendLastMonth,        ///< spend_last_month: yuan in m0
    SpendAvg3m,            ///< spend_avg_3m: mean yuan over m0..m2 (RFM's M)
    SpendChange3m,         ///< spend_change_3m: spend(m0) / spend(m3) - 1; NaN when spend(m3) is 0 or unknown
    SpendChange6m,         ///< spend_change_6m: spend(m0) / spend(m6) - 1
    SpendRatioM0,          ///< spend_ratio_m0: spend(m0) / mean spend(m3..m5) (the baseline before); NaN when baseline 0
    SpendRatioM1,          ///< spend_ratio_m1: spend(m1) / the same baseline
    SpendRatioM2,          ///< spend_ratio_m2: spend(m2) / the same baseline
    DataChange3m,          ///< data_change_3m: data MB m0 / m3 - 1
    DataChange6m,          ///< data_change_6m: data MB m0 / m6 - 1
    VoiceChange3m,         ///< voice_change_3m: voice minutes m0 / m3 - 1
    VoiceRatio30d,         ///< voice_ratio_30d: voice minutes m0 / mean of m1..m3 ("last 30 days against the three months before")
    LoginsPerWeekRecent,   ///< logins_per_week_recent: app logins in m0 / (days in m0 / 7)
    LoginsPerWeekBefore,   ///< logins_per_week_before: mean app logins per week over m3..m5
    LoginChange3m,         ///< login_change_3m: logins m0 / m3 - 1
    Complaints30d,         ///< complaints_30d: interactions of kind complaint in the last 30 days
    PortingEnquiries7d,    ///< porting_enquiries_7d: interactions of kind porting_inquiry in the last 7 days
    BillingContacts90d,    ///< billing_contacts_90d: interactions of kind billing in the last 90 days (price sensitivity)
    Contacts90d,           ///< contacts_90d: all inbound interactions in the last 90 days
    OverdueBills,          ///< overdue_bills: bills with status overdue
    OverdueYuan,           ///< overdue_yuan: what those bills still owe
    PlanFitData,           ///< plan_fit_data: mean data MB over m0..m2 / the mobile plans' monthly data allowance; NaN no allowance
    PlanFitVoice,          ///< plan_fit_voice: the same for voice minutes
    DataOverageMonths3m,   ///< data_overage_months_3m: months among m0..m2 whose data use exceeded the allowance
    HouseholdSize,         ///< household_size: customers in the same household or group (parent and members), 1 alone
    ActiveLines,           ///< active_lines: subscriptions with status active
    SlaBreaches90d,        ///< sla_breaches_90d: the customer's tickets created in the last 90 days whose SLA was breached (or met late)
    OpenTickets,           ///< open_tickets: tickets not resolved or closed
    AgeYears,              ///< age_years: from birth_date; NaN unknown or enterprise
    IsFamily,              ///< is_family: 1 for type family, else 0
    IsEnterprise,          ///< is_enterprise: 1 for type enterprise, else 0
    TierRank,              ///< tier_rank: standard 0, silver 1, gold 2, platinum 3, diamond 4; NaN none
    RecencyMonths,         ///< rfm_recency_months: months from the latest month with usage or a payment to the as-of month (0 = this month)
    Frequency6m,           ///< rfm_frequency_6m: payments, orders and add-on purchases in the last 6 months
    Count                  ///< the number of features (not one)
};

constexpr int kCustomerFeatureCount = int(CustomerFeature::Count);

/// Names, and the words people read for each feature.
class CustomerFeatures
{
    Q_DECLARE_TR_FUNCTIONS(CustomerFeatures)

public:
    /// The stable names, in enum order (e.g. "spend_change_3m").
    static const QStringList& names();
    static QString name(CustomerFeature f);
    /// -1 when unknown.
    static int indexOf(const QString& name);
    /// A short label for people, in the current translation ("Spend change over 3 months").
    static QString label(CustomerFeature f);
};

/// The features of a set of customers as of one moment, row-major.
struct FeatureBlock
{
    qint64 asOfMs = 0;
    int monthM0 = 0;            ///< yyyymm of m0
    QStringList customerIds;    ///< one per row
    std::vector<double> values; ///< customerIds.size() * kCustomerFeatureCount

    int rows() const { return int(customerIds.size()); }
    const double* row(int r) const { return values.data() + std::size_t(r) * kCustomerFeatureCount; }
    double* row(int r) { return values.data() + std::size_t(r) * kCustomerFeatureCount; }
    double value(int r, CustomerFeature f) const { return row(r)[int(f)]; }

    /// As a table of numeric columns named by CustomerFeatures::names() (ids as the id column), so that the
    /// preprocessing and learners used for CSV files take it unchanged. labels: 0/1 per row, or empty.
    CsvTable toTable(const std::vector<double>& labels = {}) const;
};

/// Computes FeatureBlocks from the local store. Reads through the raw SQLite handle of the calling thread's
/// connection; one extractor per thread. Never writes.
class FeatureExtractor
{
    Q_DECLARE_TR_FUNCTIONS(FeatureExtractor)

public:
    FeatureExtractor(LocalStorePtr store, qint64 asOfMs);

    /// The moment to take features at: for a generated demo database the end of its "demo.as_of" day (its
    /// data stops there), otherwise now.
    static qint64 defaultAsOf(const LocalStore& store, const Clock& clock = Clock::system());
    /// yyyymm of m0 for an as-of moment (the month before the as-of month, in Beijing time).
    static int monthM0(qint64 asOfMs);

    /// Features of the named customers (unknown or deleted ids are left out): the per-customer path used
    /// when a customer's data changes and by the 360° panel.
    Result<FeatureBlock> extract(const QStringList& customerIds) const;

    /// Features of at most limit live customers in id order after afterId (empty: from the first), for
    /// scoring everyone in chunks. An empty block means there are no more.
    Result<FeatureBlock> extractBatch(const QString& afterId, int limit) const;

    qint64 asOfMs() const { return m_asOfMs; }

private:
    LocalStorePtr m_store;
    qint64 m_asOfMs = 0;
};

} // namespace telcodesk
