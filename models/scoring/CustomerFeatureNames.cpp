#include "scoring/CustomerFeatures.h"

#include <QHash>

namespace telcodesk {

namespace {

// In enum order. Model files, the rules document and stored reasons refer to these strings: never rename one.
const char* const kNames[kCustomerFeatureCount] = {
    "tenure_months",
    "months_to_contract_end",
    "days_to_contract_end",
    "spend_last_month",
    "spend_avg_3m",
    "spend_change_3m",
    "spend_change_6m",
    "spend_ratio_m0",
    "spend_ratio_m1",
    "spend_ratio_m2",
    "data_change_3m",
    "data_change_6m",
    "voice_change_3m",
    "voice_ratio_30d",
    "logins_per_week_recent",
    "logins_per_week_before",
    "login_change_3m",
    "complaints_30d",
    "porting_enquiries_7d",
    "billing_contacts_90d",
    "contacts_90d",
    "overdue_bills",
    "overdue_yuan",
    "plan_fit_data",
    "plan_fit_voice",
    "data_overage_months_3m",
    "household_size",
    "active_lines",
    "sla_breaches_90d",
    "open_tickets",
    "age_years",
    "is_family",
    "is_enterprise",
    "tier_rank",
    "rfm_recency_months",
    "rfm_frequency_6m",
};

const QHash<QString, int>& indexByName()
{
    static const QHash<QString, int> map = [] {
        QHash<QString, int> m;
        const QStringList& all = CustomerFeatures::names();
        for (int i = 0; i < all.size(); ++i)
            m.insert(all.at(i), i);
        return m;
    }();
    return map;
}

} // namespace

const QStringList& CustomerFeatures::names()
{
    static const QStringList list = [] {
        QStringList l;
        l.reserve(kCustomerFeatureCount);
        for (const char* n : kNames)
            l.append(QLatin1String(n));
        return l;
    }();
    return list;
}

QString CustomerFeatures::name(CustomerFeature f)
{
    const int i = int(f);
    if (i < 0 || i >= kCustomerFeatureCount)
        return QString();
    return names().at(i);
}

int CustomerFeatures::indexOf(const QString& name)
{
    return indexByName().value(name, -1);
}

QString CustomerFeatures::label(CustomerFeature f)
{
    switch (f) {
    case CustomerFeature::TenureMonths: return tr("Tenure in months");
    case CustomerFeature::MonthsToContractEnd: return tr("Months to contract end");
    case CustomerFeature::DaysToContractEnd: return tr("Days to contract end");
    case CustomerFeature::SpendLastMonth: return tr("Spend last month");
    case CustomerFeature::SpendAvg3m: return tr("Average monthly spend over 3 months");
    case CustomerFeature::SpendChange3m: return tr("Spend change over 3 months");
    case CustomerFeature::SpendChange6m: return tr("Spend change over 6 months");
    case CustomerFeature::SpendRatioM0: return tr("Spend last month against the earlier baseline");
    case CustomerFeature::SpendRatioM1: return tr("Spend 2 months ago against the earlier baseline");
    case CustomerFeature::SpendRatioM2: return tr("Spend 3 months ago against the earlier baseline");
    case CustomerFeature::DataChange3m: return tr("Data use change over 3 months");
    case CustomerFeature::DataChange6m: return tr("Data use change over 6 months");
    case CustomerFeature::VoiceChange3m: return tr("Call minutes change over 3 months");
    case CustomerFeature::VoiceRatio30d: return tr("Call minutes in 30 days against the 3 months before");
    case CustomerFeature::LoginsPerWeekRecent: return tr("App logins a week, last month");
    case CustomerFeature::LoginsPerWeekBefore: return tr("App logins a week, earlier");
    case CustomerFeature::LoginChange3m: return tr("App login change over 3 months");
    case CustomerFeature::Complaints30d: return tr("Complaints in the last 30 days");
    case CustomerFeature::PortingEnquiries7d: return tr("Number-porting enquiries in the last 7 days");
    case CustomerFeature::BillingContacts90d: return tr("Billing contacts in the last 90 days");
    case CustomerFeature::Contacts90d: return tr("Contacts in the last 90 days");
    case CustomerFeature::OverdueBills: return tr("Overdue bills");
    case CustomerFeature::OverdueYuan: return tr("Amount overdue (yuan)");
    case CustomerFeature::PlanFitData: return tr("Data use against the allowance");
    case CustomerFeature::PlanFitVoice: return tr("Call minutes against the allowance");
    case CustomerFeature::DataOverageMonths3m: return tr("Months over the data allowance (of 3)");
    case CustomerFeature::HouseholdSize: return tr("Household size");
    case CustomerFeature::ActiveLines: return tr("Active lines");
    case CustomerFeature::SlaBreaches90d: return tr("SLA breaches on tickets in the last 90 days");
    case CustomerFeature::OpenTickets: return tr("Open tickets");
    case CustomerFeature::AgeYears: return tr("Age");
    case CustomerFeature::IsFamily: return tr("Family account");
    case CustomerFeature::IsEnterprise: return tr("Enterprise account");
    case CustomerFeature::TierRank: return tr("Customer tier");
    case CustomerFeature::RecencyMonths: return tr("Months since last activity (RFM recency)");
    case CustomerFeature::Frequency6m: return tr("Purchases and payments in 6 months (RFM frequency)");
    case CustomerFeature::Count: break;
    }
    return QString();
}

} // namespace telcodesk
