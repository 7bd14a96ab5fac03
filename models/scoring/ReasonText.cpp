#include "scoring/ScoringEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace telcodesk {

// The words for reasons are domain data, like the catalog's Chinese and English names: both languages live
// here side by side so that either can be produced whatever translation the application has loaded (a task
// text is read by agents in both languages; the admin tool prints either).

namespace {

using F = CustomerFeature;

/// A whole number as people write it: "3", "-2", "12,480" in English, "12480" in Chinese.
QString whole(double v, bool zh)
{
    const qint64 n = std::llround(v);
    if (zh || std::llabs(n) < 10000)
        return QString::number(n);
    return QLocale(QLocale::English).toString(n);
}

/// One decimal, without a trailing ".0": "5.1", "0.6", "5".
QString oneDecimal(double v)
{
    const double r = std::round(v * 10) / 10;
    if (r == std::floor(r))
        return QString::number(qint64(r));
    return QString::number(r, 'f', 1);
}

/// Yuan: "¥128", "¥12.50", "¥1,280" in English.
QString yuan(double v, bool zh)
{
    const double cents = std::round(v * 100);
    if (std::fmod(cents, 100) == 0)
        return QStringLiteral("¥") + whole(cents / 100, zh);
    return QStringLiteral("¥") + QString::number(cents / 100, 'f', 2);
}

/// A percentage of a fraction, rounded to a whole percent: 0.349 -> "35".
QString percent(double fraction)
{
    return QString::number(std::llround(std::fabs(fraction) * 100));
}

bool roundsToZeroPercent(double fraction)
{
    return std::llround(std::fabs(fraction) * 100) == 0;
}

/// English count with its noun: "1 complaint", "2 complaints".
QString count(double v, const char* one, const char* many)
{
    const qint64 n = std::llround(v);
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

/// "Spend down 35 % over 3 months" / "近3个月消费下降35%" for a change (ratio - 1).
QString change(double v, bool zh, const QString& whatEn, const QString& whatZh, int months)
{
    if (roundsToZeroPercent(v))
        return zh ? QStringLiteral("近%1个月%2持平").arg(months).arg(whatZh)
                  : QStringLiteral("%1 unchanged over %2 months").arg(whatEn).arg(months);
    if (v < 0)
        return zh ? QStringLiteral("近%1个月%2下降%3%").arg(months).arg(whatZh, percent(v))
                  : QStringLiteral("%1 down %2 % over %3 months").arg(whatEn, percent(v)).arg(months);
    return zh ? QStringLiteral("近%1个月%2上升%3%").arg(months).arg(whatZh, percent(v))
              : QStringLiteral("%1 up %2 % over %3 months").arg(whatEn, percent(v)).arg(months);
}

QString noCompare(bool zh, const QString& whatEn, const QString& whatZh, int monthsAgo)
{
    return zh ? QStringLiteral("%1个月前无%2可比").arg(monthsAgo).arg(whatZh)
              : QStringLiteral("No %1 %2 months ago to compare with").arg(whatEn).arg(monthsAgo);
}

/// Spend in one month against the months before (a ratio): "Spend last month 38 % below the level before".
QString spendRatio(double v, bool zh, int monthsAgo)
{
    const QString whenEn = monthsAgo == 1 ? QStringLiteral("last month") : QStringLiteral("%1 months ago").arg(monthsAgo);
    const QString whenZh = monthsAgo == 1 ? QStringLiteral("上月") : QStringLiteral("%1个月前").arg(monthsAgo);
    if (std::isnan(v))
        return zh ? QStringLiteral("%1消费：此前无消费可比").arg(whenZh)
                  : QStringLiteral("Spend %1: no earlier spend to compare with").arg(whenEn);
    const double d = v - 1;
    if (roundsToZeroPercent(d))
        return zh ? QStringLiteral("%1消费与此前水平持平").arg(whenZh)
                  : QStringLiteral("Spend %1 level with the months before").arg(whenEn);
    if (d < 0)
        return zh ? QStringLiteral("%1消费比此前水平低%2%").arg(whenZh, percent(d))
                  : QStringLiteral("Spend %1 %2 % below the months before").arg(whenEn, percent(d));
    return zh ? QStringLiteral("%1消费比此前水平高%2%").arg(whenZh, percent(d))
              : QStringLiteral("Spend %1 %2 % above the months before").arg(whenEn, percent(d));
}

QString loginsFromTo(double before, double recent, bool zh)
{
    if (std::fabs(before - recent) < 0.05)
        return zh ? QStringLiteral("App登录保持每周%1次").arg(oneDecimal(recent))
                  : QStringLiteral("App logins steady at %1 a week").arg(oneDecimal(recent));
    if (recent < before)
        return zh ? QStringLiteral("App登录从每周%1次降至%2次").arg(oneDecimal(before), oneDecimal(recent))
                  : QStringLiteral("App logins down from %1 to %2 a week").arg(oneDecimal(before), oneDecimal(recent));
    return zh ? QStringLiteral("App登录从每周%1次升至%2次").arg(oneDecimal(before), oneDecimal(recent))
              : QStringLiteral("App logins up from %1 to %2 a week").arg(oneDecimal(before), oneDecimal(recent));
}

QString tierName(double v, bool zh)
{
    static const char* const en[] = {"Standard", "Silver", "Gold", "Platinum", "Diamond"};
    static const char16_t* const cn[] = {u"普通", u"银卡", u"金卡", u"白金卡", u"钻石卡"};
    const qint64 i = std::llround(v);
    if (i < 0 || i > 4)
        return zh ? QStringLiteral("客户等级%1").arg(i) : QStringLiteral("Customer tier %1").arg(i);
    return zh ? QString(QString::fromUtf16(cn[i]) + QStringLiteral("客户"))
              : QString(QLatin1String(en[i]) + QStringLiteral(" tier"));
}

QString featureText(F f, double v, double other, bool zh)
{
    const bool nan = std::isnan(v);
    const qint64 n = nan ? 0 : std::llround(v);
    switch (f) {
    case F::TenureMonths:
        if (nan)
            return zh ? QStringLiteral("在网时长未知") : QStringLiteral("Tenure not known");
        if (n < 12)
            return zh ? QStringLiteral("在网仅%1个月").arg(n)
                      : (n == 1 ? QStringLiteral("Tenure only 1 month") : QStringLiteral("Tenure only %1 months").arg(n));
        if (n < 24)
            return zh ? QStringLiteral("在网%1个月").arg(n) : QStringLiteral("Tenure %1 months").arg(n);
        if (n % 12 == 0)
            return zh ? QStringLiteral("在网%1年").arg(n / 12) : QStringLiteral("Tenure %1 years").arg(n / 12);
        return zh ? QStringLiteral("在网%1年多").arg(n / 12) : QStringLiteral("Tenure over %1 years").arg(n / 12);

    case F::MonthsToContractEnd:
        if (nan)
            return zh ? QStringLiteral("在用号码均无合约") : QStringLiteral("No contract on an active line");
        if (v < 0)
            return zh ? QStringLiteral("合约已于%1个月前到期").arg(oneDecimal(-v))
                      : QStringLiteral("Contract ended %1 months ago").arg(oneDecimal(-v));
        return zh ? QStringLiteral("合约%1个月后到期").arg(oneDecimal(v))
                  : QStringLiteral("Contract ends in %1 months").arg(oneDecimal(v));

    case F::DaysToContractEnd:
        if (nan)
            return zh ? QStringLiteral("在用号码均无合约") : QStringLiteral("No contract on an active line");
        if (n == 0)
            return zh ? QStringLiteral("合约今天到期") : QStringLiteral("Contract ends today");
        if (n < 0)
            return zh ? QStringLiteral("合约已于%1天前到期").arg(-n)
                      : (n == -1 ? QStringLiteral("Contract ended yesterday")
                                 : QStringLiteral("Contract ended %1 days ago").arg(-n));
        return zh ? QStringLiteral("合约%1天后到期").arg(n)
                  : (n == 1 ? QStringLiteral("Contract ends tomorrow") : QStringLiteral("Contract ends in %1 days").arg(n));

    case F::SpendLastMonth:
        if (nan)
            return zh ? QStringLiteral("上月无消费记录") : QStringLiteral("No spend on record last month");
        return zh ? QStringLiteral("上月消费%1").arg(yuan(v, zh)) : QStringLiteral("Spent %1 last month").arg(yuan(v, zh));

    case F::SpendAvg3m:
        if (nan)
            return zh ? QStringLiteral("近3个月无消费记录") : QStringLiteral("No spend on record in 3 months");
        return zh ? QStringLiteral("近3个月月均消费%1").arg(yuan(v, zh))
                  : QStringLiteral("Spends %1 a month on average (3 months)").arg(yuan(v, zh));

    case F::SpendChange3m:
    case F::SpendChange6m: {
        const int months = f == F::SpendChange3m ? 3 : 6;
        if (nan)
            return noCompare(zh, QStringLiteral("spend"), QStringLiteral("消费"), months);
        return change(v, zh, QStringLiteral("Spend"), QStringLiteral("消费"), months);
    }

    case F::SpendRatioM0: return spendRatio(v, zh, 1);
    case F::SpendRatioM1: return spendRatio(v, zh, 2);
    case F::SpendRatioM2: return spendRatio(v, zh, 3);

    case F::DataChange3m:
    case F::DataChange6m: {
        const int months = f == F::DataChange3m ? 3 : 6;
        if (nan)
            return noCompare(zh, QStringLiteral("data use"), QStringLiteral("流量使用"), months);
        return change(v, zh, QStringLiteral("Data use"), QStringLiteral("流量使用"), months);
    }

    case F::VoiceChange3m:
        if (nan)
            return noCompare(zh, QStringLiteral("calls"), QStringLiteral("通话"), 3);
        return change(v, zh, QStringLiteral("Call minutes"), QStringLiteral("通话分钟数"), 3);

    case F::VoiceRatio30d: {
        if (nan)
            return zh ? QStringLiteral("前3个月无通话可比") : QStringLiteral("No calls in the 3 months before to compare with");
        const double d = v - 1;
        if (roundsToZeroPercent(d))
            return zh ? QStringLiteral("近30天通话量与前3个月持平")
                      : QStringLiteral("Call minutes in the last 30 days level with the 3 months before");
        if (d < 0)
            return zh ? QStringLiteral("近30天通话量比前3个月平均下降%1%").arg(percent(d))
                      : QStringLiteral("Call minutes in the last 30 days down %1 % on the 3 months before").arg(percent(d));
        return zh ? QStringLiteral("近30天通话量比前3个月平均上升%1%").arg(percent(d))
                  : QStringLiteral("Call minutes in the last 30 days up %1 % on the 3 months before").arg(percent(d));
    }

    case F::LoginsPerWeekRecent:
        if (nan)
            return zh ? QStringLiteral("上月App登录情况未知") : QStringLiteral("App use last month not known");
        if (!std::isnan(other))
            return loginsFromTo(other, v, zh);
        if (v < 0.05)
            return zh ? QStringLiteral("上月未登录App") : QStringLiteral("No app logins last month");
        return zh ? QStringLiteral("上月App每周登录%1次").arg(oneDecimal(v))
                  : QStringLiteral("App logins %1 a week last month").arg(oneDecimal(v));

    case F::LoginsPerWeekBefore:
        if (nan)
            return zh ? QStringLiteral("此前App登录情况未知") : QStringLiteral("Earlier app use not known");
        if (!std::isnan(other))
            return loginsFromTo(v, other, zh);
        if (v < 0.05)
            return zh ? QStringLiteral("此前未登录App") : QStringLiteral("No app logins before");
        return zh ? QStringLiteral("此前App每周登录%1次").arg(oneDecimal(v))
                  : QStringLiteral("App logins %1 a week before").arg(oneDecimal(v));

    case F::LoginChange3m:
        if (nan)
            return noCompare(zh, QStringLiteral("app logins"), QStringLiteral("App登录"), 3);
        return change(v, zh, QStringLiteral("App logins"), QStringLiteral("App登录"), 3);

    case F::Complaints30d:
        if (nan || n == 0)
            return zh ? QStringLiteral("近30天无投诉") : QStringLiteral("No complaints in the last 30 days");
        return zh ? QStringLiteral("近30天投诉%1次").arg(n)
                  : QStringLiteral("%1 in the last 30 days").arg(count(v, "complaint", "complaints"));

    case F::PortingEnquiries7d:
        if (nan || n == 0)
            return zh ? QStringLiteral("近7天未咨询携号转网") : QStringLiteral("No number-porting enquiry in the last 7 days");
        if (n == 1)
            return zh ? QStringLiteral("近7天咨询过携号转网") : QStringLiteral("Asked about number porting in the last 7 days");
        return zh ? QStringLiteral("近7天咨询携号转网%1次").arg(n)
                  : QStringLiteral("Asked about number porting %1 times in the last 7 days").arg(n);

    case F::BillingContacts90d:
        if (nan || n == 0)
            return zh ? QStringLiteral("近90天无账单咨询") : QStringLiteral("No billing enquiries in the last 90 days");
        return zh ? QStringLiteral("近90天账单咨询%1次").arg(n)
                  : QStringLiteral("%1 in the last 90 days").arg(count(v, "billing enquiry", "billing enquiries"));

    case F::Contacts90d:
        if (nan || n == 0)
            return zh ? QStringLiteral("近90天未联系客服") : QStringLiteral("No contacts with us in the last 90 days");
        return zh ? QStringLiteral("近90天联系客服%1次").arg(n)
                  : QStringLiteral("%1 with us in the last 90 days").arg(count(v, "contact", "contacts"));

    case F::OverdueBills: {
        if (nan || n == 0)
            return zh ? QStringLiteral("无逾期账单") : QStringLiteral("No overdue bills");
        const bool amount = !std::isnan(other) && other > 0;
        if (zh)
            return amount ? QStringLiteral("%1笔账单逾期（%2）").arg(n).arg(yuan(other, zh))
                          : QStringLiteral("%1笔账单逾期").arg(n);
        const QString bills = count(v, "overdue bill", "overdue bills");
        return amount ? QStringLiteral("%1 (%2)").arg(bills, yuan(other, zh)) : bills;
    }

    case F::OverdueYuan: {
        if (nan || std::round(v * 100) == 0)
            return zh ? QStringLiteral("无逾期欠费") : QStringLiteral("Nothing overdue");
        const qint64 bills = std::isnan(other) ? 0 : std::llround(other);
        if (zh)
            return bills > 0 ? QStringLiteral("%1笔账单逾期欠费%2").arg(bills).arg(yuan(v, zh))
                             : QStringLiteral("逾期欠费%1").arg(yuan(v, zh));
        return bills > 0 ? QStringLiteral("%1 overdue on %2").arg(yuan(v, zh), count(other, "bill", "bills"))
                         : QStringLiteral("%1 overdue").arg(yuan(v, zh));
    }

    case F::PlanFitData:
        if (nan)
            return zh ? QStringLiteral("套餐不含流量") : QStringLiteral("No data allowance in the plan");
        return zh ? QStringLiteral("流量使用达套餐的%1%").arg(percent(v))
                  : QStringLiteral("Used %1 % of the data allowance").arg(percent(v));

    case F::PlanFitVoice:
        if (nan)
            return zh ? QStringLiteral("套餐不含通话分钟数") : QStringLiteral("No call minutes in the plan");
        return zh ? QStringLiteral("通话分钟数使用达套餐的%1%").arg(percent(v))
                  : QStringLiteral("Used %1 % of the call minutes allowance").arg(percent(v));

    case F::DataOverageMonths3m:
        if (nan)
            return zh ? QStringLiteral("流量超套情况未知") : QStringLiteral("Data allowance use not known");
        if (n <= 0)
            return zh ? QStringLiteral("近3个月流量均未超套") : QStringLiteral("Within the data allowance in each of the last 3 months");
        if (n >= 3)
            return zh ? QStringLiteral("连续3个月流量超套") : QStringLiteral("Over the data allowance in each of the last 3 months");
        return zh ? QStringLiteral("近3个月中有%1个月流量超套").arg(n)
                  : QStringLiteral("Over the data allowance in %1 of the last 3 months").arg(n);

    case F::HouseholdSize:
        if (nan || n <= 1)
            return zh ? QStringLiteral("未关联家庭或集团") : QStringLiteral("Not part of a household or group");
        return zh ? QStringLiteral("家庭或集团共%1位客户").arg(n)
                  : QStringLiteral("%1 customers in the household or group").arg(n);

    case F::ActiveLines:
        if (nan || n == 0)
            return zh ? QStringLiteral("无在用号码") : QStringLiteral("No active line");
        return zh ? QStringLiteral("在用号码%1个").arg(n) : count(v, "active line", "active lines");

    case F::SlaBreaches90d:
        if (nan || n == 0)
            return zh ? QStringLiteral("近期工单均未超时") : QStringLiteral("No SLA breaches on recent tickets");
        if (n == 1)
            return zh ? QStringLiteral("近期工单超时1次") : QStringLiteral("1 SLA breach on a recent ticket");
        return zh ? QStringLiteral("近期工单超时%1次").arg(n) : QStringLiteral("%1 SLA breaches on recent tickets").arg(n);

    case F::OpenTickets:
        if (nan || n == 0)
            return zh ? QStringLiteral("无未结工单") : QStringLiteral("No open tickets");
        return zh ? QStringLiteral("未结工单%1张").arg(n) : count(v, "open ticket", "open tickets");

    case F::AgeYears:
        if (nan)
            return zh ? QStringLiteral("年龄未知") : QStringLiteral("Age not known");
        return zh ? QStringLiteral("年龄%1岁").arg(n) : QStringLiteral("Age %1").arg(n);

    case F::IsFamily:
        if (!nan && n == 1)
            return zh ? QStringLiteral("家庭账户") : QStringLiteral("Family account");
        return zh ? QStringLiteral("非家庭账户") : QStringLiteral("Not a family account");

    case F::IsEnterprise:
        if (!nan && n == 1)
            return zh ? QStringLiteral("政企客户") : QStringLiteral("Enterprise account");
        return zh ? QStringLiteral("非政企客户") : QStringLiteral("Not an enterprise account");

    case F::TierRank:
        if (nan)
            return zh ? QStringLiteral("无客户等级") : QStringLiteral("No customer tier");
        return tierName(v, zh);

    case F::RecencyMonths:
        if (nan)
            return zh ? QStringLiteral("无消费或缴费记录") : QStringLiteral("No usage or payment on record");
        if (n <= 0)
            return zh ? QStringLiteral("本月有使用或缴费") : QStringLiteral("Active this month");
        return zh ? QStringLiteral("最近一次使用或缴费在%1个月前").arg(n)
                  : (n == 1 ? QStringLiteral("Last active 1 month ago") : QStringLiteral("Last active %1 months ago").arg(n));

    case F::Frequency6m:
        if (nan || n == 0)
            return zh ? QStringLiteral("近6个月无缴费或购买") : QStringLiteral("No payments or purchases in 6 months");
        return zh ? QStringLiteral("近6个月缴费或购买%1次").arg(n)
                  : QStringLiteral("%1 in 6 months").arg(count(v, "payment or purchase", "payments or purchases"));

    case F::Count:
        break;
    }
    return QString();
}

/// Pairs of features whose words name both values.
int contextFeature(int feature)
{
    switch (F(feature)) {
    case F::LoginsPerWeekRecent: return int(F::LoginsPerWeekBefore);
    case F::LoginsPerWeekBefore: return int(F::LoginsPerWeekRecent);
    case F::OverdueBills: return int(F::OverdueYuan);
    case F::OverdueYuan: return int(F::OverdueBills);
    default: return -1;
    }
}

bool isChinese(const QString& language)
{
    return language.startsWith(QLatin1String("zh"), Qt::CaseInsensitive);
}

} // namespace

QString ReasonText::describe(const ScoreReason& reason, const RetentionConfig& config)
{
    return describe(reason, config,
                    QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en"));
}

QString ReasonText::describe(const ScoreReason& reason, const RetentionConfig& config, const QString& language)
{
    const bool zh = isChinese(language);
    if (const RetentionRule* rule = config.rule(reason.code))
        return zh ? rule->nameZh : rule->nameEn;
    const int feature = CustomerFeatures::indexOf(reason.code);
    if (feature >= 0)
        return featureText(F(feature), reason.value, reason.other, zh);
    // A rule the document in use no longer has (a stored reason outlives a changed document), or a code from
    // a newer version: say what is known rather than nothing.
    if (reason.isRule())
        return zh ? QStringLiteral("规则“%1”").arg(reason.code) : QStringLiteral("Rule \"%1\"").arg(reason.code);
    return reason.code;
}

void ReasonText::addContext(ScoreReason& reason, const double* features)
{
    const int feature = CustomerFeatures::indexOf(reason.code);
    if (feature < 0)
        return;
    if (contextFeature(feature) >= 0)
        reason.other = contextOf(F(feature), features);
}

bool ReasonText::telling(const ScoreReason& reason)
{
    if (reason.isRule())
        return true;
    const int feature = CustomerFeatures::indexOf(reason.code);
    return feature < 0 || telling(F(feature), reason.value, reason.other);
}

double ReasonText::contextOf(CustomerFeature feature, const double* features)
{
    const int other = contextFeature(int(feature));
    return other >= 0 ? features[other] : std::numeric_limits<double>::quiet_NaN();
}

bool ReasonText::telling(CustomerFeature feature, double v, double other)
{
    // A tenth either way: "spend down 8 %" in a month is noise on a telecom bill.
    constexpr double kChange = 0.10;
    switch (feature) {
    case F::SpendChange3m:
    case F::SpendChange6m:
    case F::DataChange3m:
    case F::DataChange6m:
    case F::VoiceChange3m:
    case F::LoginChange3m:
        return std::isfinite(v) && std::fabs(v) >= kChange;
    case F::SpendRatioM0:
    case F::SpendRatioM1:
    case F::SpendRatioM2:
    case F::VoiceRatio30d:
        return std::isfinite(v) && std::fabs(v - 1) >= kChange;
    case F::LoginsPerWeekRecent:
    case F::LoginsPerWeekBefore: {
        const bool recentNamed = feature == F::LoginsPerWeekRecent;
        const double recent = recentNamed ? v : other;
        const double before = recentNamed ? other : v;
        return std::isfinite(recent) && std::isfinite(before) && std::fabs(before - recent) >= 0.5
            && std::max(before, recent) >= 1;
    }
    case F::Complaints30d:
    case F::PortingEnquiries7d:
    case F::BillingContacts90d:
    case F::OverdueBills:
    case F::OverdueYuan:
    case F::DataOverageMonths3m:
    case F::SlaBreaches90d:
    case F::OpenTickets:
        return std::isfinite(v) && v > 0;
    default:
        return true;
    }
}

QByteArray ReasonText::toJson(const std::vector<ScoreReason>& reasons)
{
    const auto number = [](double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); };
    QJsonArray list;
    for (const ScoreReason& r : reasons) {
        QJsonObject o{{QStringLiteral("code"), r.code},
                      {QStringLiteral("value"), number(r.value)},
                      {QStringLiteral("weight"), number(r.weight)}};
        if (!std::isnan(r.other))
            o.insert(QStringLiteral("other"), number(r.other));
        list.append(o);
    }
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

std::vector<ScoreReason> ReasonText::fromJson(const QByteArray& json)
{
    std::vector<ScoreReason> out;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isArray())
        return out;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const QJsonArray list = doc.array();
    for (const QJsonValue& item : list) {
        if (!item.isObject())
            continue;
        const QJsonObject o = item.toObject();
        const QJsonValue code = o.value(QLatin1String("code"));
        if (!code.isString() || code.toString().isEmpty())
            continue;
        ScoreReason r;
        r.code = code.toString();
        const QJsonValue value = o.value(QLatin1String("value"));
        r.value = value.isDouble() ? value.toDouble() : nan;
        const QJsonValue weight = o.value(QLatin1String("weight"));
        // null is how toJson writes a rule's infinite weight.
        if (weight.isDouble())
            r.weight = weight.toDouble();
        else if (weight.isNull())
            r.weight = std::numeric_limits<double>::infinity();
        else
            r.weight = 0;
        const QJsonValue other = o.value(QLatin1String("other"));
        r.other = other.isDouble() ? other.toDouble() : nan;
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace telcodesk
