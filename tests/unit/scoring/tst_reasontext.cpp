#include "scoring/ScoringEngine.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTest>

#include <array>
#include <cmath>
#include <limits>

using namespace telcodesk;
using F = CustomerFeature;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

ScoreReason feature(F f, double value, double other = kNaN)
{
    ScoreReason r;
    r.code = CustomerFeatures::name(f);
    r.value = value;
    r.weight = 0.4;
    r.other = other;
    return r;
}

ScoreReason rule(const char* code)
{
    ScoreReason r;
    r.code = QString::fromLatin1(code);
    r.value = kNaN;
    r.weight = kInf;
    return r;
}

} // namespace

class TestReasonText : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void features_data();
    void features();
    void everyFeatureHasWordsInBothLanguages();
    void rules();
    void currentLanguage();
    void addContext();
    void telling_data();
    void telling();
    void jsonRoundTrip();
    void jsonJunk_data();
    void jsonJunk();
};

void TestReasonText::cleanup()
{
    QLocale::setDefault(QLocale::c());
}

void TestReasonText::features_data()
{
    QTest::addColumn<int>("feature");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("other");
    QTest::addColumn<QString>("en");
    QTest::addColumn<QString>("zh");
    const auto row = [](const char* tag, F f, double value, double other, const char* en, const char* zh) {
        QTest::newRow(tag) << int(f) << value << other << QString::fromUtf8(en) << QString::fromUtf8(zh);
    };

    row("tenure 4", F::TenureMonths, 4, kNaN, "Tenure only 4 months", "在网仅4个月");
    row("tenure 1", F::TenureMonths, 1, kNaN, "Tenure only 1 month", "在网仅1个月");
    row("tenure 18", F::TenureMonths, 18, kNaN, "Tenure 18 months", "在网18个月");
    row("tenure 60", F::TenureMonths, 60, kNaN, "Tenure 5 years", "在网5年");
    row("tenure 65", F::TenureMonths, 65, kNaN, "Tenure over 5 years", "在网5年多");
    row("tenure NaN", F::TenureMonths, kNaN, kNaN, "Tenure not known", "在网时长未知");

    row("months to end 1.4", F::MonthsToContractEnd, 1.38, kNaN, "Contract ends in 1.4 months", "合约1.4个月后到期");
    row("months to end -2", F::MonthsToContractEnd, -2, kNaN, "Contract ended 2 months ago", "合约已于2个月前到期");
    row("months to end NaN", F::MonthsToContractEnd, kNaN, kNaN, "No contract on an active line", "在用号码均无合约");

    row("days to end 42", F::DaysToContractEnd, 42, kNaN, "Contract ends in 42 days", "合约42天后到期");
    row("days to end 1", F::DaysToContractEnd, 1, kNaN, "Contract ends tomorrow", "合约1天后到期");
    row("days to end 0", F::DaysToContractEnd, 0, kNaN, "Contract ends today", "合约今天到期");
    row("days to end -5", F::DaysToContractEnd, -5, kNaN, "Contract ended 5 days ago", "合约已于5天前到期");
    row("days to end NaN", F::DaysToContractEnd, kNaN, kNaN, "No contract on an active line", "在用号码均无合约");

    row("spend last month", F::SpendLastMonth, 128, kNaN, "Spent ¥128 last month", "上月消费¥128");
    row("spend last month cents", F::SpendLastMonth, 58.5, kNaN, "Spent ¥58.50 last month", "上月消费¥58.50");
    row("spend last month thousands", F::SpendLastMonth, 12480, kNaN, "Spent ¥12,480 last month", "上月消费¥12480");
    row("spend last month NaN", F::SpendLastMonth, kNaN, kNaN, "No spend on record last month", "上月无消费记录");
    row("spend avg", F::SpendAvg3m, 86, kNaN, "Spends ¥86 a month on average (3 months)", "近3个月月均消费¥86");
    row("spend avg NaN", F::SpendAvg3m, kNaN, kNaN, "No spend on record in 3 months", "近3个月无消费记录");

    row("spend down 35", F::SpendChange3m, -0.349, kNaN, "Spend down 35 % over 3 months", "近3个月消费下降35%");
    row("spend up 12", F::SpendChange3m, 0.12, kNaN, "Spend up 12 % over 3 months", "近3个月消费上升12%");
    row("spend flat", F::SpendChange3m, 0.004, kNaN, "Spend unchanged over 3 months", "近3个月消费持平");
    row("spend 3m NaN", F::SpendChange3m, kNaN, kNaN, "No spend 3 months ago to compare with", "3个月前无消费可比");
    row("spend down 6m", F::SpendChange6m, -0.5, kNaN, "Spend down 50 % over 6 months", "近6个月消费下降50%");
    row("spend 6m NaN", F::SpendChange6m, kNaN, kNaN, "No spend 6 months ago to compare with", "6个月前无消费可比");

    row("ratio m0 down", F::SpendRatioM0, 0.62, kNaN, "Spend last month 38 % below the months before", "上月消费比此前水平低38%");
    row("ratio m0 up", F::SpendRatioM0, 1.25, kNaN, "Spend last month 25 % above the months before", "上月消费比此前水平高25%");
    row("ratio m0 level", F::SpendRatioM0, 1.0, kNaN, "Spend last month level with the months before", "上月消费与此前水平持平");
    row("ratio m0 NaN", F::SpendRatioM0, kNaN, kNaN, "Spend last month: no earlier spend to compare with", "上月消费：此前无消费可比");
    row("ratio m1 down", F::SpendRatioM1, 0.8, kNaN, "Spend 2 months ago 20 % below the months before", "2个月前消费比此前水平低20%");
    row("ratio m2 down", F::SpendRatioM2, 0.7, kNaN, "Spend 3 months ago 30 % below the months before", "3个月前消费比此前水平低30%");
    row("ratio m2 NaN", F::SpendRatioM2, kNaN, kNaN, "Spend 3 months ago: no earlier spend to compare with", "3个月前消费：此前无消费可比");

    row("data down", F::DataChange3m, -0.4, kNaN, "Data use down 40 % over 3 months", "近3个月流量使用下降40%");
    row("data up 6m", F::DataChange6m, 1.5, kNaN, "Data use up 150 % over 6 months", "近6个月流量使用上升150%");
    row("data NaN", F::DataChange3m, kNaN, kNaN, "No data use 3 months ago to compare with", "3个月前无流量使用可比");
    row("data 6m NaN", F::DataChange6m, kNaN, kNaN, "No data use 6 months ago to compare with", "6个月前无流量使用可比");
    row("voice down", F::VoiceChange3m, -0.5, kNaN, "Call minutes down 50 % over 3 months", "近3个月通话分钟数下降50%");
    row("voice NaN", F::VoiceChange3m, kNaN, kNaN, "No calls 3 months ago to compare with", "3个月前无通话可比");
    row("voice ratio down", F::VoiceRatio30d, 0.25, kNaN, "Call minutes in the last 30 days down 75 % on the 3 months before",
        "近30天通话量比前3个月平均下降75%");
    row("voice ratio up", F::VoiceRatio30d, 1.1, kNaN, "Call minutes in the last 30 days up 10 % on the 3 months before",
        "近30天通话量比前3个月平均上升10%");
    row("voice ratio level", F::VoiceRatio30d, 0.999, kNaN, "Call minutes in the last 30 days level with the 3 months before",
        "近30天通话量与前3个月持平");
    row("voice ratio NaN", F::VoiceRatio30d, kNaN, kNaN, "No calls in the 3 months before to compare with", "前3个月无通话可比");

    row("logins recent from before", F::LoginsPerWeekRecent, 0.6, 5.1, "App logins down from 5.1 to 0.6 a week", "App登录从每周5.1次降至0.6次");
    row("logins before to recent", F::LoginsPerWeekBefore, 5.1, 0.6, "App logins down from 5.1 to 0.6 a week", "App登录从每周5.1次降至0.6次");
    row("logins up", F::LoginsPerWeekRecent, 4, 1, "App logins up from 1 to 4 a week", "App登录从每周1次升至4次");
    row("logins steady", F::LoginsPerWeekRecent, 3.02, 3, "App logins steady at 3 a week", "App登录保持每周3次");
    row("logins recent alone", F::LoginsPerWeekRecent, 0.6, kNaN, "App logins 0.6 a week last month", "上月App每周登录0.6次");
    row("logins recent none", F::LoginsPerWeekRecent, 0, kNaN, "No app logins last month", "上月未登录App");
    row("logins recent NaN", F::LoginsPerWeekRecent, kNaN, 5, "App use last month not known", "上月App登录情况未知");
    row("logins before alone", F::LoginsPerWeekBefore, 5.1, kNaN, "App logins 5.1 a week before", "此前App每周登录5.1次");
    row("logins before none", F::LoginsPerWeekBefore, 0, kNaN, "No app logins before", "此前未登录App");
    row("logins before NaN", F::LoginsPerWeekBefore, kNaN, kNaN, "Earlier app use not known", "此前App登录情况未知");
    row("login change down", F::LoginChange3m, -0.88, kNaN, "App logins down 88 % over 3 months", "近3个月App登录下降88%");
    row("login change NaN", F::LoginChange3m, kNaN, kNaN, "No app logins 3 months ago to compare with", "3个月前无App登录可比");

    row("complaints 2", F::Complaints30d, 2, kNaN, "2 complaints in the last 30 days", "近30天投诉2次");
    row("complaints 1", F::Complaints30d, 1, kNaN, "1 complaint in the last 30 days", "近30天投诉1次");
    row("complaints 0", F::Complaints30d, 0, kNaN, "No complaints in the last 30 days", "近30天无投诉");
    row("complaints NaN", F::Complaints30d, kNaN, kNaN, "No complaints in the last 30 days", "近30天无投诉");
    row("porting 1", F::PortingEnquiries7d, 1, kNaN, "Asked about number porting in the last 7 days", "近7天咨询过携号转网");
    row("porting 3", F::PortingEnquiries7d, 3, kNaN, "Asked about number porting 3 times in the last 7 days", "近7天咨询携号转网3次");
    row("porting 0", F::PortingEnquiries7d, 0, kNaN, "No number-porting enquiry in the last 7 days", "近7天未咨询携号转网");
    row("billing 3", F::BillingContacts90d, 3, kNaN, "3 billing enquiries in the last 90 days", "近90天账单咨询3次");
    row("billing 1", F::BillingContacts90d, 1, kNaN, "1 billing enquiry in the last 90 days", "近90天账单咨询1次");
    row("billing 0", F::BillingContacts90d, 0, kNaN, "No billing enquiries in the last 90 days", "近90天无账单咨询");
    row("contacts 7", F::Contacts90d, 7, kNaN, "7 contacts with us in the last 90 days", "近90天联系客服7次");
    row("contacts 0", F::Contacts90d, 0, kNaN, "No contacts with us in the last 90 days", "近90天未联系客服");

    row("overdue bill with amount", F::OverdueBills, 1, 128, "1 overdue bill (¥128)", "1笔账单逾期（¥128）");
    row("overdue bills", F::OverdueBills, 2, kNaN, "2 overdue bills", "2笔账单逾期");
    row("overdue none", F::OverdueBills, 0, 0, "No overdue bills", "无逾期账单");
    row("overdue yuan with bills", F::OverdueYuan, 256.4, 2, "¥256.40 overdue on 2 bills", "2笔账单逾期欠费¥256.40");
    row("overdue yuan alone", F::OverdueYuan, 128, kNaN, "¥128 overdue", "逾期欠费¥128");
    row("overdue yuan none", F::OverdueYuan, 0, 0, "Nothing overdue", "无逾期欠费");
    row("overdue yuan NaN", F::OverdueYuan, kNaN, kNaN, "Nothing overdue", "无逾期欠费");

    row("plan fit data", F::PlanFitData, 1.32, kNaN, "Used 132 % of the data allowance", "流量使用达套餐的132%");
    row("plan fit data NaN", F::PlanFitData, kNaN, kNaN, "No data allowance in the plan", "套餐不含流量");
    row("plan fit voice", F::PlanFitVoice, 0.45, kNaN, "Used 45 % of the call minutes allowance", "通话分钟数使用达套餐的45%");
    row("plan fit voice NaN", F::PlanFitVoice, kNaN, kNaN, "No call minutes in the plan", "套餐不含通话分钟数");
    row("overage 2", F::DataOverageMonths3m, 2, kNaN, "Over the data allowance in 2 of the last 3 months", "近3个月中有2个月流量超套");
    row("overage 3", F::DataOverageMonths3m, 3, kNaN, "Over the data allowance in each of the last 3 months", "连续3个月流量超套");
    row("overage 0", F::DataOverageMonths3m, 0, kNaN, "Within the data allowance in each of the last 3 months", "近3个月流量均未超套");
    row("overage NaN", F::DataOverageMonths3m, kNaN, kNaN, "Data allowance use not known", "流量超套情况未知");

    row("household 3", F::HouseholdSize, 3, kNaN, "3 customers in the household or group", "家庭或集团共3位客户");
    row("household 1", F::HouseholdSize, 1, kNaN, "Not part of a household or group", "未关联家庭或集团");
    row("lines 2", F::ActiveLines, 2, kNaN, "2 active lines", "在用号码2个");
    row("lines 1", F::ActiveLines, 1, kNaN, "1 active line", "在用号码1个");
    row("lines 0", F::ActiveLines, 0, kNaN, "No active line", "无在用号码");
    row("sla 3", F::SlaBreaches90d, 3, kNaN, "3 SLA breaches on recent tickets", "近期工单超时3次");
    row("sla 1", F::SlaBreaches90d, 1, kNaN, "1 SLA breach on a recent ticket", "近期工单超时1次");
    row("sla 0", F::SlaBreaches90d, 0, kNaN, "No SLA breaches on recent tickets", "近期工单均未超时");
    row("open tickets 2", F::OpenTickets, 2, kNaN, "2 open tickets", "未结工单2张");
    row("open tickets 1", F::OpenTickets, 1, kNaN, "1 open ticket", "未结工单1张");
    row("open tickets 0", F::OpenTickets, 0, kNaN, "No open tickets", "无未结工单");

    row("age", F::AgeYears, 67, kNaN, "Age 67", "年龄67岁");
    row("age NaN", F::AgeYears, kNaN, kNaN, "Age not known", "年龄未知");
    row("family", F::IsFamily, 1, kNaN, "Family account", "家庭账户");
    row("not family", F::IsFamily, 0, kNaN, "Not a family account", "非家庭账户");
    row("enterprise", F::IsEnterprise, 1, kNaN, "Enterprise account", "政企客户");
    row("not enterprise", F::IsEnterprise, 0, kNaN, "Not an enterprise account", "非政企客户");
    row("tier standard", F::TierRank, 0, kNaN, "Standard tier", "普通客户");
    row("tier gold", F::TierRank, 2, kNaN, "Gold tier", "金卡客户");
    row("tier diamond", F::TierRank, 4, kNaN, "Diamond tier", "钻石卡客户");
    row("tier NaN", F::TierRank, kNaN, kNaN, "No customer tier", "无客户等级");
    row("recency 0", F::RecencyMonths, 0, kNaN, "Active this month", "本月有使用或缴费");
    row("recency 1", F::RecencyMonths, 1, kNaN, "Last active 1 month ago", "最近一次使用或缴费在1个月前");
    row("recency 4", F::RecencyMonths, 4, kNaN, "Last active 4 months ago", "最近一次使用或缴费在4个月前");
    row("recency NaN", F::RecencyMonths, kNaN, kNaN, "No usage or payment on record", "无消费或缴费记录");
    row("frequency 4", F::Frequency6m, 4, kNaN, "4 payments or purchases in 6 months", "近6个月缴费或购买4次");
    row("frequency 1", F::Frequency6m, 1, kNaN, "1 payment or purchase in 6 months", "近6个月缴费或购买1次");
    row("frequency 0", F::Frequency6m, 0, kNaN, "No payments or purchases in 6 months", "近6个月无缴费或购买");
}

void TestReasonText::features()
{
    QFETCH(int, feature);
    QFETCH(double, value);
    QFETCH(double, other);
    QFETCH(QString, en);
    QFETCH(QString, zh);
    const ScoreReason reason = ::feature(F(feature), value, other);
    const RetentionConfig& config = RetentionConfig::builtIn();
    QCOMPARE(ReasonText::describe(reason, config, QStringLiteral("en")), en);
    QCOMPARE(ReasonText::describe(reason, config, QStringLiteral("zh_CN")), zh);
}

void TestReasonText::everyFeatureHasWordsInBothLanguages()
{
    // Every feature, at a typical value, below and above it, and missing: words in both languages, different
    // from each other and from the bare code.
    const RetentionConfig& config = RetentionConfig::builtIn();
    for (int i = 0; i < kCustomerFeatureCount; ++i) {
        for (double value : {kNaN, -0.3, 0.0, 0.5, 1.0, 2.0, 37.0}) {
            const ScoreReason reason = feature(F(i), value);
            const QString en = ReasonText::describe(reason, config, QStringLiteral("en"));
            const QString zh = ReasonText::describe(reason, config, QStringLiteral("zh_CN"));
            const QByteArray what = CustomerFeatures::name(F(i)).toLatin1() + " = " + QByteArray::number(value);
            QVERIFY2(!en.isEmpty() && !zh.isEmpty(), what.constData());
            QVERIFY2(en != zh, what.constData());
            QVERIFY2(en != reason.code, what.constData());
            QVERIFY2(!en.contains(QLatin1String("nan"), Qt::CaseInsensitive), qPrintable(en));
            QVERIFY2(!zh.contains(QLatin1String("nan"), Qt::CaseInsensitive), qPrintable(zh));
            // No placeholder left unfilled.
            QVERIFY2(!en.contains(QRegularExpression(QStringLiteral("%\\d"))), qPrintable(en));
            QVERIFY2(!zh.contains(QRegularExpression(QStringLiteral("%\\d"))), qPrintable(zh));
            // Chinese words have Chinese in them; English words are ASCII but for the yuan sign.
            bool han = false;
            for (QChar c : zh)
                han = han || (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff);
            QVERIFY2(han, qPrintable(zh));
            for (QChar c : en)
                QVERIFY2(c.unicode() < 0x80 || c == QChar(0xa5), qPrintable(en));
        }
    }
}

void TestReasonText::rules()
{
    const RetentionConfig& config = RetentionConfig::builtIn();
    for (const RetentionRule& r : config.rules) {
        const ScoreReason reason = rule(r.code.toLatin1().constData());
        QVERIFY(reason.isRule());
        QCOMPARE(ReasonText::describe(reason, config, QStringLiteral("en")), r.nameEn);
        QCOMPARE(ReasonText::describe(reason, config, QStringLiteral("zh_CN")), r.nameZh);
    }
    QCOMPARE(ReasonText::describe(rule("decline_signals"), config, QStringLiteral("en")),
             QStringLiteral("Two of the three decline signals"));
    QCOMPARE(ReasonText::describe(rule("silent_porting"), config, QStringLiteral("zh")),
             QStringLiteral("通话骤减且近7天咨询携号转网"));

    // The rule's names come from the document in use.
    RetentionConfig changed = config;
    changed.rules.front().nameEn = QStringLiteral("Declining on two fronts");
    QCOMPARE(ReasonText::describe(rule("decline_signals"), changed, QStringLiteral("en")),
             QStringLiteral("Declining on two fronts"));

    // A stored reason whose rule the document no longer has, and a code nobody knows.
    QCOMPARE(ReasonText::describe(rule("retired_rule"), config, QStringLiteral("en")), QStringLiteral("Rule \"retired_rule\""));
    QCOMPARE(ReasonText::describe(rule("retired_rule"), config, QStringLiteral("zh_CN")), QStringLiteral("规则“retired_rule”"));
    ScoreReason unknown;
    unknown.code = QStringLiteral("feature_from_the_future");
    unknown.value = 3;
    QCOMPARE(ReasonText::describe(unknown, config, QStringLiteral("en")), QStringLiteral("feature_from_the_future"));
}

void TestReasonText::currentLanguage()
{
    const RetentionConfig& config = RetentionConfig::builtIn();
    const ScoreReason complaints = feature(F::Complaints30d, 2);
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QCOMPARE(ReasonText::describe(complaints, config), QStringLiteral("近30天投诉2次"));
    QCOMPARE(ReasonText::describe(rule("renewal_due"), config), QStringLiteral("合约60天内到期，请提醒续约"));
    // The language asked for wins over the current one.
    QCOMPARE(ReasonText::describe(complaints, config, QStringLiteral("en")), QStringLiteral("2 complaints in the last 30 days"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(ReasonText::describe(complaints, config), QStringLiteral("2 complaints in the last 30 days"));
    QCOMPARE(ReasonText::describe(complaints, config, QStringLiteral("zh_CN")), QStringLiteral("近30天投诉2次"));
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(ReasonText::describe(complaints, config), QStringLiteral("2 complaints in the last 30 days"));
}

void TestReasonText::telling_data()
{
    QTest::addColumn<int>("feature");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("other");
    QTest::addColumn<bool>("telling");
    const auto row = [](const char* name, F f, double value, double other, bool telling) {
        QTest::newRow(name) << int(f) << value << other << telling;
    };
    // Changes and ratios: at least a tenth either way, and something to compare with.
    row("spend down 35 %", F::SpendChange3m, -0.35, kNaN, true);
    row("spend down 10 %", F::SpendChange3m, -0.10, kNaN, true);
    row("spend down 9 %", F::SpendChange3m, -0.09, kNaN, false);
    row("spend unchanged", F::SpendChange6m, 0.0, kNaN, false);
    row("data up 40 %", F::DataChange6m, 0.40, kNaN, true);
    row("no spend to compare", F::SpendChange3m, kNaN, kNaN, false);
    row("spend ratio 0.62", F::SpendRatioM0, 0.62, kNaN, true);
    row("spend ratio 0.95", F::SpendRatioM1, 0.95, kNaN, false);
    row("calls at 28 % of before", F::VoiceRatio30d, 0.28, kNaN, true);
    row("calls level", F::VoiceRatio30d, 1.04, kNaN, false);
    // App logins: a move of half a login a week, from or to at least one a week.
    row("logins 5.1 to 0.6", F::LoginsPerWeekRecent, 0.6, 5.1, true);
    row("logins before 5.1, now 0.6", F::LoginsPerWeekBefore, 5.1, 0.6, true);
    row("logins 0.1 to 0", F::LoginsPerWeekRecent, 0.0, 0.1, false);
    row("logins 0.9 to 0.2", F::LoginsPerWeekRecent, 0.2, 0.9, false);
    row("logins 1.2 to 0.8", F::LoginsPerWeekRecent, 0.8, 1.2, false);
    row("logins before unknown", F::LoginsPerWeekRecent, 0.0, kNaN, false);
    // Counts: only when there is something.
    row("2 complaints", F::Complaints30d, 2, kNaN, true);
    row("no complaints", F::Complaints30d, 0, kNaN, false);
    row("no porting enquiry", F::PortingEnquiries7d, 0, kNaN, false);
    row("1 overdue bill", F::OverdueBills, 1, 128, true);
    row("nothing overdue", F::OverdueYuan, 0, 0, false);
    row("no open tickets", F::OpenTickets, 0, kNaN, false);
    // Facts that are what they are.
    row("tenure 3 months", F::TenureMonths, 3, kNaN, true);
    row("contract ends in 20 days", F::DaysToContractEnd, 20, kNaN, true);
    row("young", F::AgeYears, 22, kNaN, true);
}

void TestReasonText::telling()
{
    QFETCH(int, feature);
    QFETCH(double, value);
    QFETCH(double, other);
    QFETCH(bool, telling);
    QCOMPARE(ReasonText::telling(::feature(F(feature), value, other)), telling);
    // A rule that fired is always said, and a code the table does not know is said as it is.
    QVERIFY(ReasonText::telling(rule("decline_signals")));
    ScoreReason unknown = ::feature(F::TenureMonths, 0);
    unknown.code = QStringLiteral("custom_column");
    QVERIFY(ReasonText::telling(unknown));
}

void TestReasonText::addContext()
{
    std::array<double, kCustomerFeatureCount> row;
    row.fill(kNaN);
    row[std::size_t(F::LoginsPerWeekBefore)] = 5.1;
    row[std::size_t(F::LoginsPerWeekRecent)] = 0.6;
    row[std::size_t(F::OverdueBills)] = 1;
    row[std::size_t(F::OverdueYuan)] = 128;
    row[std::size_t(F::Complaints30d)] = 2;

    ScoreReason recent = feature(F::LoginsPerWeekRecent, 0.6);
    ReasonText::addContext(recent, row.data());
    QCOMPARE(recent.other, 5.1);
    ScoreReason before = feature(F::LoginsPerWeekBefore, 5.1);
    ReasonText::addContext(before, row.data());
    QCOMPARE(before.other, 0.6);
    ScoreReason bills = feature(F::OverdueBills, 1);
    ReasonText::addContext(bills, row.data());
    QCOMPARE(bills.other, 128.0);
    QCOMPARE(ReasonText::describe(bills, RetentionConfig::builtIn(), QStringLiteral("en")), QStringLiteral("1 overdue bill (¥128)"));
    ScoreReason owed = feature(F::OverdueYuan, 128);
    ReasonText::addContext(owed, row.data());
    QCOMPARE(owed.other, 1.0);

    // Features whose words name one value, and rules, are left as they are.
    ScoreReason complaints = feature(F::Complaints30d, 2);
    ReasonText::addContext(complaints, row.data());
    QVERIFY(std::isnan(complaints.other));
    ScoreReason r = rule("decline_signals");
    ReasonText::addContext(r, row.data());
    QVERIFY(std::isnan(r.other));
}

void TestReasonText::jsonRoundTrip()
{
    std::vector<ScoreReason> reasons{rule("decline_signals"), feature(F::SpendChange3m, -0.35),
                                     feature(F::LoginsPerWeekRecent, 0.6, 5.1), feature(F::TenureMonths, kNaN)};
    reasons[1].weight = -0.125;
    reasons[3].weight = 0.0625;
    const QByteArray json = ReasonText::toJson(reasons);
    QCOMPARE(json, QByteArray(R"([{"code":"decline_signals","value":null,"weight":null},)"
                              R"({"code":"spend_change_3m","value":-0.35,"weight":-0.125},)"
                              R"({"code":"logins_per_week_recent","other":5.1,"value":0.6,"weight":0.4},)"
                              R"({"code":"tenure_months","value":null,"weight":0.0625}])"));
    const std::vector<ScoreReason> back = ReasonText::fromJson(json);
    QCOMPARE(back.size(), reasons.size());
    QVERIFY(back[0].isRule());
    QCOMPARE(back[0].code, QStringLiteral("decline_signals"));
    QVERIFY(std::isnan(back[0].value));
    QVERIFY(std::isnan(back[0].other));
    QCOMPARE(back[1].value, -0.35);
    QCOMPARE(back[1].weight, -0.125);
    QVERIFY(!back[1].isRule());
    QCOMPARE(back[2].other, 5.1);
    QVERIFY(std::isnan(back[3].value));
    for (std::size_t i = 0; i < back.size(); ++i)
        QCOMPARE(ReasonText::describe(back[i], RetentionConfig::builtIn(), QStringLiteral("en")),
                 ReasonText::describe(reasons[i], RetentionConfig::builtIn(), QStringLiteral("en")));
    QCOMPARE(ReasonText::toJson({}), QByteArray("[]"));
    QVERIFY(ReasonText::fromJson("[]").empty());
}

void TestReasonText::jsonJunk_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("codes");
    QTest::newRow("empty") << QByteArray() << QStringList();
    QTest::newRow("not json") << QByteArray("spend down") << QStringList();
    QTest::newRow("cut short") << QByteArray(R"([{"code":"complaints_30d","value":2)") << QStringList();
    QTest::newRow("an object") << QByteArray(R"({"code":"complaints_30d"})") << QStringList();
    QTest::newRow("a number") << QByteArray("42") << QStringList();
    QTest::newRow("null") << QByteArray("null") << QStringList();
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe[", 4) << QStringList();
    QTest::newRow("junk items skipped")
        << QByteArray(R"([1, "x", null, [], {}, {"code": 5}, {"code": ""}, {"code": "complaints_30d", "value": "two"},)"
                      R"( {"code": "tenure_months", "value": 4, "weight": "heavy"}])")
        << QStringList{QStringLiteral("complaints_30d"), QStringLiteral("tenure_months")};
    QTest::newRow("deeply nested") << QByteArray(5000, '[') << QStringList();
}

void TestReasonText::jsonJunk()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, codes);
    const std::vector<ScoreReason> reasons = ReasonText::fromJson(json);
    QStringList got;
    for (const ScoreReason& r : reasons) {
        got << r.code;
        // Whatever came in, the words can be produced.
        QVERIFY(!ReasonText::describe(r, RetentionConfig::builtIn(), QStringLiteral("en")).isEmpty());
        QVERIFY(!r.isRule());
    }
    QCOMPARE(got, codes);
    if (codes.size() == 2) {
        QVERIFY(std::isnan(reasons[0].value)); // "two" is not a number
        QCOMPARE(ReasonText::describe(reasons[0], RetentionConfig::builtIn(), QStringLiteral("en")),
                 QStringLiteral("No complaints in the last 30 days"));
        QCOMPARE(reasons[1].value, 4.0);
        QCOMPARE(reasons[1].weight, 0.0);
    }
}

QTEST_GUILESS_MAIN(TestReasonText)
#include "tst_reasontext.moc"
