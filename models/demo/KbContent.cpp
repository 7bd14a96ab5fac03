#include "demo/KbContent.h"

#include "demo/KbText.h"
#include "demo/ReferenceData.h"

#include <algorithm>

// The knowledge base of the demo operator. Rules and prices are the operator's own (plausible for a
// Chinese carrier in 2026); facts about the country's rules — the porting SMS, the five-numbers limit,
// the documents accepted for real-name registration — are as published.

namespace telcodesk::demo {

using namespace kbtext;

QString KbContent::body(int additionCount) const
{
    QString html = sections.join(QString());
    for (int i = 0; i < std::min(additionCount, int(additions.size())); ++i)
        html += additions.at(i).html;
    return html;
}

KbWriter::KbWriter(QVector<KbPlanInfo> plans, int year)
    : m_plans(std::move(plans))
    , m_year(year)
{
    if (m_plans.isEmpty()) {
        for (const PlanSpec& p : planCatalog()) {
            KbPlanInfo info;
            info.code = QString::fromUtf8(p.code);
            info.nameZh = QString::fromUtf8(p.nameZh);
            info.nameEn = QString::fromUtf8(p.nameEn);
            info.service = QString::fromUtf8(p.service);
            info.kind = QString::fromUtf8(p.kind);
            info.lifecycle = QString::fromUtf8(p.lifecycle);
            info.feeFen = p.feeFen;
            info.dataMb = p.dataMb;
            info.voiceMin = p.voiceMin;
            info.speedMbps = p.speedMbps;
            info.contractMonths = p.contractMonths;
            m_plans.push_back(info);
        }
    }
}

const QStringList& KbWriter::categories()
{
    static const QStringList codes = {
        QStringLiteral("plans"),           QStringLiteral("plans.change"),      QStringLiteral("plans.data"),
        QStringLiteral("roaming"),         QStringLiteral("billing"),           QStringLiteral("billing.dispute"),
        QStringLiteral("billing.payment"), QStringLiteral("broadband"),         QStringLiteral("broadband.fault"),
        QStringLiteral("broadband.install"), QStringLiteral("porting"),         QStringLiteral("realname"),
        QStringLiteral("network"),         QStringLiteral("device"),
    };
    return codes;
}

QString KbWriter::regionalPrefix(bool chinese, KbRandom& random, QString* cityTag, QString* scopeHtml)
{
    const Table<City> all = cities();
    const City& city = all[std::size_t(random.range(0, int(all.size) - 1))];
    QString name = QString::fromUtf8(chinese ? city.cityZh : city.cityEn);
    if (chinese && name.endsWith(QChar(0x5e02))) // 市
        name.chop(1);
    if (cityTag)
        *cityTag = name;
    if (scopeHtml) {
        static const char* const hours[] = {"8:00-20:00", "8:30-21:00", "9:00-18:00", "8:00-22:00"};
        const QString hour = QString::fromLatin1(hours[random.range(0, 3)]);
        const QString area = QLatin1Char('0') + QString::fromUtf8(city.areaCode);
        if (chinese) {
            const QString province = city.municipality ? QString() : QString::fromUtf8(city.provinceZh);
            QString stores;
            if (city.districts.size > 0) {
                const District& d = city.districts[std::size_t(random.range(0, int(city.districts.size) - 1))];
                stores = QStringLiteral("，%1等营业厅可受理").arg(QString::fromUtf8(d.zh));
            }
            *scopeHtml = para(QStringLiteral("<b>适用范围：</b>%1%2（区号%3）。本地装维服务时间%4%5。")
                                  .arg(province, QString::fromUtf8(city.cityZh), area, hour, stores));
        } else {
            const QString province = city.municipality ? QString() : QStringLiteral(", %1").arg(QString::fromUtf8(city.provinceEn));
            *scopeHtml = para(QStringLiteral("<b>Applies to:</b> %1%2 (area code %3). Local engineers work %4; "
                                             "every store in the city can take the request.")
                                  .arg(QString::fromUtf8(city.cityEn), province, area, hour));
        }
    }
    return chinese ? QString(QString(QChar(0x3010)) + name + QChar(0x3011))
                   : QString(QLatin1Char('[') + name + QLatin1String("] "));
}

QString KbWriter::customerQualifier(bool chinese, KbRandom& random, QString* tag, QString* noteHtml)
{
    static const Pair kinds[] = {
        {"个人客户", "individual customers"}, {"家庭客户", "households"},        {"政企客户", "business customers"},
        {"老年客户", "older customers"},      {"外籍客户", "foreign customers"}, {"校园客户", "students"},
        {"VIP客户", "VIP customers"},         {"残障客户", "customers with disabilities"},
    };
    static const Pair notes[] = {
        {"本人办理，可在营业厅APP自助完成，热线办理须核验服务密码。",
         "They can do it themselves in the app; on the hotline after the service password check."},
        {"由户主或融合套餐主卡机主办理，成员业务合并在主账户。",
         "The head of the household or the bundle's main line acts; members' services sit on the main account."},
        {"由单位经办人持介绍信和本人证件办理，客户经理2个工作日内跟进。",
         "The company's representative applies with a letter of authority and ID; the account manager follows up "
         "within 2 working days."},
        {"优先转接爱心专席，语速放慢，必要时可预约上门服务；涉及费用变更须向客户复述确认。",
         "Route to the care desk, speak slowly, offer a home visit when needed, and repeat any change in charges "
         "back to the customer."},
        {"可转英语服务组；证件为护照或外国人永久居留身份证，姓名按证件拼写录入。",
         "The English service team can take the call; documents are a passport or a Foreign Permanent Resident ID "
         "Card and names are entered as spelled there."},
        {"校园客户需提供学生证或学信网在读证明，毕业当年9月自动转为标准资费。",
         "Students show a student card or enrolment record; in September of the graduation year the plan turns "
         "into the standard one."},
        {"VIP客户由专属客户经理跟进，可走绿色通道，处理时限缩短一半。",
         "VIP customers have their own account manager and a fast lane with half the usual deadlines."},
        {"可提供视频手语或文字客服；如需上门，营业厅提供预约上门受理。",
         "Sign-language video and text chat are available; stores can book a home visit."},
    };
    const int k = random.range(0, int(std::size(kinds)) - 1);
    if (tag)
        *tag = L(chinese, kinds[k]);
    if (noteHtml)
        *noteHtml = para(QLatin1String("<b>") + L(chinese, "适用客户：", "For ") + L(chinese, kinds[k])
                         + L(chinese, "。</b>", ":</b> ") + L(chinese, notes[k]));
    return chinese ? QStringLiteral("（%1）").arg(L(chinese, kinds[k])) : QStringLiteral(" (%1)").arg(L(chinese, kinds[k]));
}

const KbPlanInfo& KbWriter::planOf(KbRandom& r, const QStringList& services, const QString& kind) const
{
    QVector<int> fitting;
    for (int i = 0; i < m_plans.size(); ++i) {
        const KbPlanInfo& p = m_plans.at(i);
        // Plans without a fee of their own (a family member SIM, IPTV within a bundle) have no rules to explain.
        if ((services.isEmpty() || services.contains(p.service)) && (kind.isEmpty() || p.kind == kind) && p.feeFen > 0)
            fitting.push_back(i);
    }
    if (fitting.isEmpty())
        return m_plans.at(r.range(0, int(m_plans.size()) - 1));
    return m_plans.at(r.pick(fitting));
}

KbContent KbWriter::write(const QString& category, bool zh, KbRandom& r) const
{
    KbContent c;
    if (category == QLatin1String("plans"))
        c = plans(zh, r);
    else if (category == QLatin1String("plans.change"))
        c = planChange(zh, r);
    else if (category == QLatin1String("plans.data"))
        c = dataPacks(zh, r);
    else if (category == QLatin1String("roaming"))
        c = roaming(zh, r);
    else if (category == QLatin1String("billing"))
        c = billing(zh, r);
    else if (category == QLatin1String("billing.dispute"))
        c = billingDispute(zh, r);
    else if (category == QLatin1String("billing.payment"))
        c = payment(zh, r);
    else if (category == QLatin1String("broadband"))
        c = broadband(zh, r);
    else if (category == QLatin1String("broadband.fault"))
        c = broadbandFault(zh, r);
    else if (category == QLatin1String("broadband.install"))
        c = broadbandInstall(zh, r);
    else if (category == QLatin1String("porting"))
        c = porting(zh, r);
    else if (category == QLatin1String("realname"))
        c = realName(zh, r);
    else if (category == QLatin1String("network"))
        c = network(zh, r);
    else
        c = device(zh, r);
    c.category = category;
    finish(c, zh, r);
    for (QString* title : {&c.title, &c.earlierTitle}) {
        if (!zh && !title->isEmpty() && title->at(0).isLower())
            (*title)[0] = title->at(0).toUpper();
    }
    return c;
}

// ---- Shared endings ----------------------------------------------------------------------------------

void KbWriter::finish(KbContent& c, bool zh, KbRandom& r) const
{
    if (c.earlierTitle.isEmpty())
        c.earlierTitle = c.title;
    // What an agent says on the phone, then a FAQ: the usual later additions to an article.
    static const Pair scripts[] = {
        {"您好，您反映的情况我这边已经记录。根据目前的规则，%1，我现在为您核实并办理，请您稍等。",
         "Thank you, I have noted what you described. Under the current rules %1; I will check it for you now, "
         "please hold for a moment."},
        {"非常理解您的心情。%1。如果您同意，我马上帮您处理，处理结果会以短信通知您。",
         "I understand how you feel. %1. If you agree I will take care of it right away and you will get the "
         "result by SMS."},
        {"感谢您的耐心等待。经查询，%1。请问还有其他可以帮您的吗？",
         "Thank you for waiting. I have checked: %1. Is there anything else I can help you with?"},
    };
    static const Pair scriptCores[] = {
        {"变更将于次月1日生效，本月仍按原套餐计费", "the change takes effect on the 1st of next month and this month "
                                                    "is still billed on the current plan"},
        {"核实为重复扣费的款项会在3个工作日内原路退回", "a charge confirmed as duplicated is refunded to the same "
                                                       "account within 3 working days"},
        {"故障单已提交，装维工程师会在24小时内与您联系", "the fault ticket is filed and an engineer will call you "
                                                       "within 24 hours"},
        {"这项业务需要本人携带有效身份证件到营业厅办理", "this has to be done in person at a store with a valid ID "
                                                       "document"},
        {"开通后即时生效，可在营业厅APP中查看剩余量", "it takes effect at once and the remaining allowance shows in "
                                                     "the app"},
    };
    const Pair& script = scripts[r.range(0, 2)];
    // What the agent promises depends on the kind of article: a change, a refund, a repair, a visit, a pack.
    const QString& cat = c.category;
    const int coreIndex = cat == QLatin1String("billing.dispute") ? 1
                        : cat.startsWith(QLatin1String("broadband")) || cat == QLatin1String("network") ? 2
                        : cat == QLatin1String("porting") || cat == QLatin1String("realname") || cat == QLatin1String("device") ? 3
                        : cat == QLatin1String("plans.data") || cat == QLatin1String("roaming") ? 4
                                                                                                : 0;
    const Pair& core = scriptCores[coreIndex];
    const QString scriptHtml = h3(L(zh, "话术参考", "What to say")) + para(L(zh, script).arg(L(zh, core)));

    QStringList faq;
    static const Pair questions[][2] = {
        {{"客户不在本地，能否远程办理？", "The customer is away from home: can it be done remotely?"},
         {"可通过营业厅APP或网上营业厅办理；需要人像比对的业务请客户在APP内完成刷脸认证。",
          "Yes, in the app or on the web; steps that need a face check are done in the app."}},
        {{"代办人可以办理吗？", "Can someone else do it for the customer?"},
         {"可以，代办人需携带机主和本人的有效身份证件原件，部分业务还需机主授权书。",
          "Yes, with both people's original ID documents; some services also need the owner's signed "
          "authorisation."}},
        {{"办理后多久生效？", "When does it take effect?"},
         {"一般即时生效；涉及套餐、合约的变更次月生效，以短信通知为准。",
          "Usually at once; changes to plans and contracts take effect next month, as the SMS confirmation "
          "says."}},
        {{"客户坚持投诉怎么办？", "The customer insists on complaining: what then?"},
         {"按首问负责制受理，创建投诉工单并告知处理时限，不得推诿。",
          "The first agent owns it: open a complaint ticket, tell the customer the deadline, never pass them on."}},
        {{"能否申请费用减免？", "Can the fee be waived?"},
         {"普通坐席无减免权限；符合条件的由班长在系统中提交减免审批。",
          "Agents cannot waive fees; where the case qualifies the team lead submits a waiver for approval."}},
    };
    static const Pair repairQuestions[][2] = {
        {{"工程师上门是否收费？", "Does the engineer's visit cost anything?"},
         {"光猫、线路等运营商设备故障上门维修免费；客户自购路由器等设备的调试按30元/次收取服务费。",
          "Repairs to our modem and line are free; setting up the customer's own router costs CNY 30 a visit."}},
        {{"故障多久能修好？", "How long does a repair take?"},
         {"城区24小时内修复，农村地区48小时内；区域性故障以故障公告的预计恢复时间为准。",
          "Within 24 hours in towns and 48 hours in the countryside; area faults as the outage notice says."}},
        {{"故障期间的月租能否减免？", "Is the monthly fee reduced during a fault?"},
         {"因运营商原因中断超过24小时的，按中断天数折算减免月租，由系统在下月账单中自动返还。",
          "Outages over 24 hours caused by us are credited pro rata on next month's bill automatically."}},
    };
    const int first = r.range(0, 4);
    const bool repair = coreIndex == 2;
    for (int i = 0; i < 2; ++i) {
        const auto& q = repair ? repairQuestions[(first + i) % 3] : questions[(first + i * 2) % 5];
        faq << QLatin1String("<b>") + L(zh, q[0]) + QLatin1String("</b><br/>") + L(zh, q[1]);
    }
    const QString faqHtml = h3(L(zh, "常见问题", "Frequently asked")) + list(faq, false);

    // Shuffle the order of the generic additions so that versions differ in different ways.
    QVector<KbAddition> generic = {
        {scriptHtml, L(zh, "新增话术参考", "Added what to say on the phone")},
        {faqHtml, L(zh, "补充常见问题", "Added frequently asked questions")},
    };
    if (r.chance(0.5))
        std::swap(generic[0], generic[1]);
    for (const KbAddition& a : generic)
        c.additions.push_back(a);

    // Short articles get the sections every article of the operator ends with, as many as it takes.
    const QString extras[] = {
        h3(L(zh, "注意事项", "Please note"))
            + list({L(zh, "办理前核实机主身份（服务密码或短信验证码），不得向非机主透露账户信息。",
                      "Verify the caller first (service password or SMS code); never disclose account details to "
                      "anyone but the owner."),
                    L(zh, "涉及费用的承诺须以系统查询结果为准，不得口头承诺减免。",
                      "Promise only what the system shows; never promise a waiver on the phone."),
                    L(zh, "处理结果在工单或接触记录中写明，便于后续跟进。",
                      "Write the outcome in the ticket or the contact record so that the next agent can follow up.")},
                   false),
        h3(L(zh, "服务时限", "Service times"))
            + table({L(zh, "环节", "Step"), L(zh, "时限", "Within")},
                    {{L(zh, "首次响应", "First response"), L(zh, "2小时", "2 hours")},
                     {L(zh, "一般问题处理", "Ordinary cases"), L(zh, "48小时", "48 hours")},
                     {L(zh, "投诉类问题", "Complaints"), L(zh, "24小时内联系客户", "call the customer within 24 hours")}}),
        h3(L(zh, "相关业务", "Related"))
            + para(L(zh, "如客户同时咨询套餐、宽带或携号转网问题，请在知识库中搜索对应关键词（如“套餐变更”“宽带故障”“携号”），"
                         "一次来电尽量解决全部诉求。",
                     "If the customer also asks about plans, broadband or porting, search the knowledge base for it "
                     "(\"plan change\", \"broadband fault\", \"porting\") and settle everything in one call.")),
    };
    for (const QString& extra : extras) {
        if (c.body(0).size() >= 600)
            break;
        c.sections << extra;
    }
    // No newest body longer than 2,500 characters.
    while (c.body(int(c.additions.size())).size() > 2500 && c.additions.size() > 1)
        c.additions.removeLast();
    while (c.body(int(c.additions.size())).size() > 2500 && c.sections.size() > 2)
        c.sections.removeLast();
    c.tags.removeDuplicates();
}

// ---- Plans --------------------------------------------------------------------------------------------

KbContent KbWriter::plans(bool zh, KbRandom& r) const
{
    KbContent c;
    const KbPlanInfo& p = planOf(r, {QStringLiteral("mobile"), QStringLiteral("bundle")}, QStringLiteral("base"));
    const QString name = zh ? p.nameZh : p.nameEn;
    const bool retired = p.lifecycle == QLatin1String("retired");
    const int aspect = r.range(0, 5);
    c.tags << L(zh, "套餐", "plan") << p.code;
    const QString feeText = yuan(p.feeFen, zh);
    const QString summary = table({L(zh, "项目", "Item"), L(zh, "内容", "Included")},
                                  {{L(zh, "月费", "Monthly fee"), feeText},
                                   {L(zh, "国内通用流量", "Domestic data"), dataText(p.dataMb)},
                                   {L(zh, "国内通话", "Domestic calls"),
                                    zh ? QStringLiteral("%1分钟").arg(p.voiceMin) : QStringLiteral("%1 min").arg(p.voiceMin)},
                                   {L(zh, "合约期", "Contract"),
                                    p.contractMonths ? (zh ? QStringLiteral("%1个月").arg(p.contractMonths)
                                                           : QStringLiteral("%1 months").arg(p.contractMonths))
                                                     : L(zh, "无合约", "none")},
                                   {L(zh, "状态", "Status"), retired ? L(zh, "已下架，仅存量用户", "retired, existing "
                                                                                             "customers only")
                                                                     : L(zh, "在售", "on sale")}});
    const QString overage = para(
        zh ? QStringLiteral("套餐外资费：国内流量按%1元/GB计费，不足1GB按1GB计；国内主叫%2元/分钟；短信0.1元/条。"
                            "当月流量超出%3GB后自动限速至1Mbps，次月1日恢复。")
                 .arg(r.pick(QVector<int>{3, 5}))
                 .arg(r.pick(QVector<QString>{QStringLiteral("0.15"), QStringLiteral("0.19")}))
                 .arg(std::max(40, p.dataMb / 1024 * 2))
           : QStringLiteral("Beyond the allowance: domestic data at CNY %1 per GB (a part GB counts as a whole), "
                            "outgoing domestic calls CNY %2 per minute, SMS CNY 0.10. Above %3 GB of extra data in a "
                            "month the speed is capped at 1 Mbps until the 1st of the next month.")
                 .arg(r.pick(QVector<int>{3, 5}))
                 .arg(r.pick(QVector<QString>{QStringLiteral("0.15"), QStringLiteral("0.19")}))
                 .arg(std::max(40, p.dataMb / 1024 * 2)));
    switch (aspect) {
    case 0:
        c.title = zh ? QStringLiteral("%1（%2）资费说明").arg(name, p.code)
                     : QStringLiteral("%1 (%2): what the plan includes").arg(name, p.code);
        c.earlierTitle = zh ? QStringLiteral("%1资费").arg(name) : QStringLiteral("%1 plan details").arg(name);
        c.sections << h3(L(zh, "套餐内容", "What is included")) << summary << h3(L(zh, "套外资费", "Beyond the "
                                                                                              "allowance"))
                   << overage;
        c.tags << L(zh, "资费", "charges") << L(zh, "流量", "data");
        break;
    case 1:
        c.title = zh ? QStringLiteral("%1办理条件与适用人群").arg(name)
                     : QStringLiteral("%1: who can sign up").arg(name);
        c.sections << para(zh ? QStringLiteral("%1（编码%2）月费%3，以下为受理条件。").arg(name, p.code, feeText)
                              : QStringLiteral("%1 (code %2) costs %3 a month. Who may have it:").arg(name, p.code, feeText))
                   << list({p.nameZh.contains(QStringLiteral("青春")) ? L(zh, "年满16周岁且未满30周岁，以身份证件出生日期为准。",
                                                                      "Aged 16 to 29 on the ID document.")
                            : p.nameZh.contains(QStringLiteral("校园")) ? L(zh, "在校学生，需提供学生证或学信网在读证明。",
                                                                          "Students, with a student card or an "
                                                                          "enrolment record.")
                            : p.nameZh.contains(QStringLiteral("老年")) ? L(zh, "年满60周岁，本人或子女代办均可。",
                                                                          "Aged 60 or over; a son or daughter may "
                                                                          "apply for them.")
                                                                        : L(zh, "个人实名客户，无年龄限制。",
                                                                            "Any individual with real-name "
                                                                            "registration."),
                            L(zh, "名下号码无欠费，且未超过一证五号限制。", "No arrears on the customer's numbers and "
                                                                            "fewer than five numbers held."),
                            retired ? L(zh, "该套餐已下架，新用户不可办理，存量用户可继续使用。",
                                        "The plan is retired: no new sign-ups, existing customers keep it.")
                                    : L(zh, "可在营业厅、营业厅APP和热线办理。", "Available in stores, in the app and "
                                                                               "on the hotline.")},
                           false)
                   << summary;
        c.tags << L(zh, "办理条件", "eligibility");
        break;
    case 2:
        c.title = zh ? QStringLiteral("%1首月资费按天折算规则").arg(p.code)
                     : QStringLiteral("%1: charges in the first month").arg(p.code);
        c.sections << para(zh ? QStringLiteral("新入网或新办理%1的客户，首月资费按以下规则计算（以入网当日为准）：").arg(name)
                              : QStringLiteral("For a new line or a first month on %1 the charges are (counted from "
                                               "the day of activation):").arg(name))
                   << table({L(zh, "方式", "Option"), L(zh, "月费", "Fee"), L(zh, "流量和通话", "Data and minutes")},
                            {{L(zh, "全月", "Full month"), feeText, L(zh, "全量", "full allowance")},
                             {L(zh, "按天折算（默认）", "Pro rata (default)"),
                              zh ? QStringLiteral("%1÷当月天数×剩余天数").arg(feeText)
                                 : QStringLiteral("%1 / days in month × days left").arg(feeText),
                              L(zh, "按天折算，向上取整", "pro rata, rounded up")},
                             {L(zh, "半月", "Half month"), yuan(p.feeFen / 2, zh), L(zh, "减半", "half")}})
                   << para(L(zh, "客户未选择时系统默认按天折算；办理后当月不可更改首月方式。",
                             "Pro rata applies unless the customer chose otherwise; the choice cannot be changed "
                             "within the month."));
        c.tags << L(zh, "首月", "first month") << L(zh, "资费", "charges");
        break;
    case 3:
        c.title = zh ? QStringLiteral("%1合约期及提前解约违约金").arg(name)
                     : QStringLiteral("%1: contract term and early termination").arg(name);
        c.sections << para(p.contractMonths
                               ? (zh ? QStringLiteral("%1含%2个月合约期，合约期内不可降档或销户，提前解约需支付违约金。")
                                           .arg(name)
                                           .arg(p.contractMonths)
                                     : QStringLiteral("%1 comes with a %2-month contract: no downgrade or "
                                                      "cancellation during it without an early termination fee.")
                                           .arg(name)
                                           .arg(p.contractMonths))
                               : (zh ? QStringLiteral("%1本身无合约期，但参加购机、宽带或话费返还活动的客户以活动协议为准。")
                                           .arg(name)
                                     : QStringLiteral("%1 itself has no contract, but a handset, broadband or "
                                                      "cash-back offer brings its own term.")
                                           .arg(name)))
                   << h3(L(zh, "违约金计算", "The fee"))
                   << list({L(zh, "违约金 = 剩余合约月数 × 月费差额 × 30%，最高不超过已享受优惠总额。",
                              "Fee = months left × monthly difference × 30 %, at most the discount already "
                              "received."),
                            L(zh, "购机合约：按未返还的购机补贴计收。", "Handset contracts: the handset subsidy not "
                                                                        "yet earned back."),
                            L(zh, "客户身故、移民出境等特殊情况凭证明材料可申请免收。",
                              "Waived on proof of death or emigration.")},
                           false)
                   << summary;
        c.tags << L(zh, "合约", "contract") << L(zh, "违约金", "termination fee");
        break;
    case 4:
        c.title = zh ? QStringLiteral("%1副卡办理与共享规则").arg(name)
                     : QStringLiteral("%1: extra SIMs and sharing").arg(name);
        c.sections << para(zh ? QStringLiteral("%1主卡可加办副卡，副卡共享主卡的流量和通话。").arg(name)
                              : QStringLiteral("Extra SIMs can be added to %1 and share its data and minutes.").arg(name))
                   << list({zh ? QStringLiteral("副卡上限：%1张（含家庭成员副卡FAM-MEMBER）。").arg(p.service == QLatin1String("bundle") ? 4 : 2)
                               : QStringLiteral("At most %1 extra SIMs (family member SIMs FAM-MEMBER included).")
                                     .arg(p.service == QLatin1String("bundle") ? 4 : 2),
                            L(zh, "副卡月功能费10元/张，融合套餐内含副卡免功能费。",
                              "CNY 10 a month per extra SIM, free within a family bundle."),
                            L(zh, "副卡须单独实名登记，计入副卡使用人的一证五号额度。",
                              "Each extra SIM is registered to its user and counts toward that person's five "
                              "numbers."),
                            L(zh, "主卡停机时副卡同时停机；主卡携号转网前需先拆除副卡。",
                              "Extra SIMs are suspended with the main line; they must be removed before the main "
                              "number ports out.")},
                           true);
        c.tags << L(zh, "副卡", "extra SIM") << L(zh, "共享", "sharing");
        break;
    default:
        c.title = zh ? QStringLiteral("%1套外流量与语音计费说明").arg(name)
                     : QStringLiteral("%1: charges beyond the allowance").arg(name);
        c.sections << para(zh ? QStringLiteral("%1每月含%2流量、%3分钟通话，超出部分计费如下。")
                                    .arg(name, dataText(p.dataMb))
                                    .arg(p.voiceMin)
                              : QStringLiteral("%1 includes %2 of data and %3 minutes a month; beyond that:")
                                    .arg(name, dataText(p.dataMb))
                                    .arg(p.voiceMin))
                   << overage
                   << para(L(zh, "流量使用达到80%、100%时发送提醒短信；客户可回复“KT”订购加油包。",
                             "SMS alerts go out at 80 % and 100 % of the allowance; the customer can reply \"KT\" "
                             "to buy a top-up pack."));
        c.tags << L(zh, "套外", "overage") << L(zh, "流量", "data");
        break;
    }
    c.additions.push_back({para(zh ? QStringLiteral("%1年起该套餐的副卡、加油包价格保持不变，套外流量单价下调。").arg(m_year)
                                   : QStringLiteral("From %1 the extra-SIM and top-up prices stay the same and the "
                                                    "per-GB rate beyond the allowance is lower.")
                                         .arg(m_year)),
                           zh ? QStringLiteral("更新%1年资费").arg(m_year) : QStringLiteral("Updated %1 prices").arg(m_year)});
    return c;
}

} // namespace telcodesk::demo

namespace telcodesk::demo {

// ---- Plan changes -------------------------------------------------------------------------------------

KbContent KbWriter::planChange(bool zh, KbRandom& r) const
{
    KbContent c;
    const QStringList mobile = {QStringLiteral("mobile"), QStringLiteral("bundle")};
    const KbPlanInfo& from = planOf(r, mobile, QStringLiteral("base"));
    const KbPlanInfo* to = &planOf(r, mobile, QStringLiteral("base"));
    for (int tries = 0; tries < 8 && (to->code == from.code || to->lifecycle != QLatin1String("active")); ++tries)
        to = &planOf(r, mobile, QStringLiteral("base"));
    const bool up = to->feeFen >= from.feeFen;
    const QString fromName = zh ? from.nameZh : from.nameEn;
    const QString toName = zh ? to->nameZh : to->nameEn;
    c.tags << L(zh, "套餐变更", "plan change") << from.code << to->code << (up ? L(zh, "升档", "upgrade")
                                                                                : L(zh, "降档", "downgrade"));
    c.title = zh ? QStringLiteral("从%1%2至%3的办理规则").arg(fromName, up ? QStringLiteral("升档") : QStringLiteral("降档"), toName)
                 : QStringLiteral("Moving from %1 to %2: the rules").arg(fromName, toName);
    c.earlierTitle = zh ? QStringLiteral("%1变更为%2").arg(from.code, to->code)
                        : QStringLiteral("%1 to %2 plan change").arg(from.code, to->code);
    c.sections << para(zh ? QStringLiteral("客户当前为%1（月费%2），申请变更为%3（月费%4）。").arg(fromName, yuan(from.feeFen, zh), toName, yuan(to->feeFen, zh))
                          : QStringLiteral("The customer is on %1 (%2 a month) and asks for %3 (%4 a month).")
                                .arg(fromName, yuan(from.feeFen, zh), toName, yuan(to->feeFen, zh)));
    QStringList rules;
    if (up) {
        rules << L(zh, "升档可选择立即生效或次月1日生效；立即生效的，当月新套餐月费按剩余天数折算，原套餐已扣月费不退。",
                   "An upgrade takes effect at once or on the 1st of next month; at once means the new fee pro rata "
                   "for the days left, and the old fee already charged is not refunded.");
    } else {
        rules << L(zh, "降档一律次月1日生效，当月仍按原套餐计费，每月只能申请一次，次月生效前可撤销。",
                   "A downgrade always takes effect on the 1st of next month; this month stays on the old plan. "
                   "One request a month, which can be withdrawn until it takes effect.");
    }
    if (from.contractMonths > 0)
        rules << (zh ? QStringLiteral("原套餐含%1个月合约期：合约期内只可升档，不可降档；合约到期后方可降档。").arg(from.contractMonths)
                     : QStringLiteral("The current plan has a %1-month contract: upgrades only until it ends.").arg(from.contractMonths));
    else
        rules << L(zh, "原套餐无合约期，无需支付违约金。", "The current plan has no contract, so there is no fee for "
                                                           "leaving it.");
    if (to->contractMonths > 0)
        rules << (zh ? QStringLiteral("新套餐自生效月起重新计算%1个月合约期，需客户确认协议。").arg(to->contractMonths)
                     : QStringLiteral("The new plan starts a %1-month contract, which the customer confirms.").arg(to->contractMonths));
    rules << L(zh, "变更不收手续费；已订购的加油包、视频会员等附加业务保留，不随套餐变更退订。",
               "No change fee. Top-up packs and memberships the customer has stay as they are.")
          << L(zh, "主副卡套餐变更须由主卡机主办理；副卡数超过新套餐上限的需先拆除副卡。",
               "Only the owner of the main line can change a shared plan; extra SIMs above the new plan's limit "
               "are removed first.");
    c.sections << h3(L(zh, "变更规则", "Rules")) << list(rules, false) << h3(L(zh, "办理渠道", "Where"))
               << table({L(zh, "渠道", "Channel"), L(zh, "是否可办", "Possible"), L(zh, "说明", "Notes")},
                        {{L(zh, "营业厅APP", "App"), L(zh, "可以", "yes"), L(zh, "我的-套餐变更，短信验证码确认", "My plan > Change, SMS code")},
                         {L(zh, "客服热线", "Hotline"), L(zh, "可以", "yes"), L(zh, "坐席核验服务密码后受理", "after the service password check")},
                         {L(zh, "营业厅", "Store"), L(zh, "可以", "yes"), L(zh, "需本人有效证件", "with the owner's ID")}});
    if (!up)
        c.additions.push_back({para(L(zh, "挽留提示：客户因费用原因降档时，可先查询是否有保档优惠（如月费8折12个月），客户仍坚持的按规则受理。",
                                      "Retention: before a downgrade for cost reasons, check for a stay-on offer "
                                      "(for instance 20 % off for 12 months); if the customer still wants it, do it.")),
                               L(zh, "新增降档挽留提示", "Added the retention step before a downgrade")});
    else
        c.additions.push_back({para(L(zh, "升档立即生效后，套餐内流量按剩余天数折算到账，当月可在APP查看。",
                                      "After an immediate upgrade the allowance is credited pro rata and shows in "
                                      "the app.")),
                               L(zh, "补充立即生效时的流量折算", "Explained the pro-rata allowance")});
    return c;
}

// ---- Data packs --------------------------------------------------------------------------------------

namespace {

struct PackSpec
{
    Pair name;
    int feeFen;
    int dataMb;
    Pair validity;
    Pair note;
};

const PackSpec kPacks[] = {
    {{"1GB日包", "1GB day pack"}, 500, 1024, {"24小时", "24 hours"}, {"到期自动失效，不结转", "lapses after 24 hours, no carry-over"}},
    {{"3GB三日包", "3GB three-day pack"}, 1000, 3072, {"72小时", "72 hours"}, {"适合出差短途使用", "suits a short trip"}},
    {{"5GB七天包", "5GB seven-day pack"}, 1500, 5120, {"7天", "7 days"}, {"可叠加订购", "can be stacked"}},
    {{"10GB月包", "10GB monthly pack"}, 3000, 10240, {"当月有效", "until month end"}, {"次月自动续订，可随时退订", "renews monthly until cancelled"}},
    {{"30GB月包", "30GB monthly pack"}, 5000, 30720, {"当月有效", "until month end"}, {"次月自动续订", "renews monthly"}},
    {{"20GB夜间流量包", "20GB night-time pack"}, 1000, 20480, {"当月23:00至次日7:00", "23:00 to 07:00 this month"}, {"仅限夜间时段使用", "night hours only"}},
    {{"视频定向流量包", "video app data pack"}, 2000, 40960, {"当月有效", "until month end"}, {"仅限指定视频APP，不含直播打赏", "listed video apps only"}},
    {{"5G加速包", "5G speed boost"}, 1000, 0, {"当月有效", "until month end"}, {"提升峰值速率，不含流量", "faster peak speed, no extra data"}},
    {{"节假日畅游包", "holiday data pack"}, 1800, 15360, {"法定节假日期间", "during public holidays"}, {"国庆、春节期间可订", "sold for the national day and spring festival"}},
    {{"2GB半年包", "2GB six-month pack"}, 2000, 2048, {"180天", "180 days"}, {"适合流量需求少的客户", "for light users"}},
};

} // namespace

KbContent KbWriter::dataPacks(bool zh, KbRandom& r) const
{
    KbContent c;
    const PackSpec& pack = r.pick(kPacks);
    const QString name = L(zh, pack.name);
    const int aspect = r.range(0, 4);
    c.tags << L(zh, "流量", "data") << L(zh, "加油包", "top-up") << name;
    const QString facts = table({L(zh, "加油包", "Pack"), L(zh, "价格", "Price"), L(zh, "流量", "Data"), L(zh, "有效期", "Valid")},
                                {{name, yuan(pack.feeFen, zh), pack.dataMb ? dataText(pack.dataMb) : L(zh, "不含", "none"),
                                  L(zh, pack.validity)}});
    switch (aspect) {
    case 0:
        c.title = zh ? QStringLiteral("%1订购方式与生效时间").arg(name) : QStringLiteral("%1: how to buy it and when it starts").arg(name);
        c.sections << facts << h3(L(zh, "订购方式", "How to buy"))
                   << list({L(zh, "营业厅APP：首页-流量加油包，选择后短信验证码确认。", "App: home > data top-ups, confirm with the SMS code."),
                            L(zh, "短信：流量提醒短信中回复对应代码即可订购。", "SMS: reply with the code in the usage alert."),
                            L(zh, "热线：坐席核验身份后代为订购，须客户口头确认价格。", "Hotline: after the identity check, with the customer's spoken consent to the price.")},
                           true)
                   << para(L(zh, "订购成功后即时生效，约5分钟内可在APP中查询到余量。", "It starts at once; the balance shows in the app within about 5 minutes."));
        break;
    case 1:
        c.title = zh ? QStringLiteral("%1叠加与扣减顺序说明").arg(name) : QStringLiteral("%1: stacking and which allowance is used first").arg(name);
        c.sections << facts
                   << para(L(zh, "多个流量包同时有效时，按以下顺序扣减：定向流量 → 夜间/节假日等限时包 → 先到期的加油包 → 套餐内通用流量。",
                             "With several packs active, data is taken from: app-specific data, then time-limited packs "
                             "(night, holiday), then the pack expiring first, then the plan's own allowance."))
                   << list({L(zh, pack.note),
                            L(zh, "同一加油包当月最多叠加订购5次。", "The same pack can be bought up to 5 times a month."),
                            L(zh, "套餐内流量可结转至次月，加油包流量不结转。", "Plan data carries over to next month; pack data does not.")},
                           false);
        break;
    case 2:
        c.title = zh ? QStringLiteral("%1退订与退费规则").arg(name) : QStringLiteral("%1: cancelling and refunds").arg(name);
        c.sections << facts
                   << list({L(zh, "包月类加油包退订后次月生效，当月费用不退，剩余流量可用至月底。",
                              "Monthly packs stop at month end after cancelling; this month is not refunded and the data lasts until then."),
                            L(zh, "一次性加油包订购后不可退订；误订购且未使用的，24小时内可申请退费。",
                              "One-off packs cannot be cancelled; a pack bought by mistake and unused can be refunded within 24 hours."),
                            L(zh, "客户否认订购的，查询订购渠道和验证码记录，无有效确认记录的全额退费。",
                              "If the customer denies buying it, check the channel and the SMS code record; without a valid confirmation refund it in full.")},
                           true);
        c.tags << L(zh, "退订", "cancel");
        break;
    case 3:
        c.title = zh ? QStringLiteral("%1适用套餐与不可订购情况").arg(name) : QStringLiteral("%1: which plans can have it").arg(name);
        c.sections << facts
                   << para(L(zh, "除以下情况外，所有在用手机套餐均可订购：", "Every mobile plan can have it except:"))
                   << list({L(zh, "物联网卡（IOT-5、IOT-20）不可订购。", "IoT SIMs (IOT-5, IOT-20)."),
                            L(zh, "停机、欠费状态下不可订购，复机后方可办理。", "Suspended lines or lines in arrears, until reconnected."),
                            L(zh, "老年关爱卡SENIOR-8仅可订购日包。", "Senior Care 8 (SENIOR-8) takes day packs only."),
                            L(zh, "家庭成员副卡由主卡统一订购共享包。", "Family member SIMs: the main line buys a shared pack.")},
                           false);
        break;
    default:
        c.title = zh ? QStringLiteral("%1用完后的限速与提醒").arg(name) : QStringLiteral("%1: alerts and what happens when it runs out").arg(name);
        c.sections << facts
                   << list({L(zh, "剩余20%时发送提醒短信。", "An SMS goes out at 20 % left."),
                            L(zh, "用完后转为套餐内流量或套外计费，不会自动续订一次性包。", "When used up, data comes from the plan or is charged beyond it; one-off packs never renew by themselves."),
                            L(zh, "客户可设置流量封顶，达到封顶值后断网，回复“KT”恢复。", "A usage cap can be set: data stops at the cap and replying \"KT\" resumes it.")},
                           true);
        c.tags << L(zh, "限速", "speed cap");
        break;
    }
    c.additions.push_back({para(L(zh, "提示：客户频繁购买加油包时，可比较升档至更高套餐是否更划算，并在接触记录中备注推荐结果。",
                                  "Tip: when a customer keeps buying packs, compare with a bigger plan and note the "
                                  "suggestion in the contact record.")),
                           L(zh, "新增升档推荐提示", "Added the upgrade suggestion")});
    return c;
}

// ---- Roaming ------------------------------------------------------------------------------------------

namespace {

struct Destination
{
    Pair name;
    const char* code;
    int zone;          ///< 0 HK/Macao/Taiwan, 1 Asia, 2 Europe/Americas/Oceania, 3 others
    const char* networks;
};

const Destination kDestinations[] = {
    {{"中国香港", "Hong Kong"}, "HK", 0, "CSL, 3HK, SmarTone"},
    {{"中国澳门", "Macao"}, "MO", 0, "CTM, 3 Macau"},
    {{"中国台湾", "Taiwan"}, "TW", 0, "Chunghwa, FarEasTone"},
    {{"日本", "Japan"}, "JP", 1, "NTT docomo, SoftBank, au"},
    {{"韩国", "South Korea"}, "KR", 1, "SK Telecom, KT, LG U+"},
    {{"泰国", "Thailand"}, "TH", 1, "AIS, dtac, TrueMove"},
    {{"新加坡", "Singapore"}, "SG", 1, "Singtel, StarHub, M1"},
    {{"马来西亚", "Malaysia"}, "MY", 1, "Maxis, CelcomDigi"},
    {{"越南", "Vietnam"}, "VN", 1, "Viettel, Vinaphone"},
    {{"印度尼西亚", "Indonesia"}, "ID", 1, "Telkomsel, Indosat"},
    {{"菲律宾", "the Philippines"}, "PH", 1, "Globe, Smart"},
    {{"柬埔寨", "Cambodia"}, "KH", 3, "Cellcard, Smart"},
    {{"老挝", "Laos"}, "LA", 3, "Unitel, LTC"},
    {{"马尔代夫", "the Maldives"}, "MV", 3, "Dhiraagu, Ooredoo"},
    {{"阿联酋", "the United Arab Emirates"}, "AE", 3, "Etisalat, du"},
    {{"土耳其", "Turkey"}, "TR", 3, "Turkcell, Vodafone"},
    {{"埃及", "Egypt"}, "EG", 3, "Vodafone, Orange"},
    {{"南非", "South Africa"}, "ZA", 3, "Vodacom, MTN"},
    {{"美国", "the United States"}, "US", 2, "AT&T, T-Mobile"},
    {{"加拿大", "Canada"}, "CA", 2, "Rogers, Bell, Telus"},
    {{"英国", "the United Kingdom"}, "GB", 2, "EE, Vodafone, O2"},
    {{"法国", "France"}, "FR", 2, "Orange, SFR, Bouygues"},
    {{"德国", "Germany"}, "DE", 2, "Telekom, Vodafone, O2"},
    {{"意大利", "Italy"}, "IT", 2, "TIM, Vodafone, WindTre"},
    {{"西班牙", "Spain"}, "ES", 2, "Movistar, Orange"},
    {{"瑞士", "Switzerland"}, "CH", 2, "Swisscom, Sunrise"},
    {{"俄罗斯", "Russia"}, "RU", 3, "MTS, MegaFon, Beeline"},
    {{"澳大利亚", "Australia"}, "AU", 2, "Telstra, Optus"},
    {{"新西兰", "New Zealand"}, "NZ", 2, "Spark, One NZ"},
    {{"巴西", "Brazil"}, "BR", 3, "Vivo, Claro, TIM"},
};

struct ZoneRates
{
    const char* perMb;
    const char* callLocal;
    const char* callHome;
    const char* sms;
    int dayPassFen;
    int dayPassMb;
};

// Per zone: data per MB, calls within the destination and back to the mainland per minute, SMS.
const ZoneRates kZones[] = {
    {"0.29", "0.99", "0.99", "0.39", 2500, 1024},
    {"0.49", "0.99", "1.99", "0.89", 2800, 1024},
    {"0.99", "1.99", "2.99", "0.89", 4800, 1024},
    {"1.99", "2.99", "3.99", "1.29", 6800, 500},
};

/// Advice for each kind of traveller, in the order of kAudiences.
const Pair kAudienceNotes[] = {
    {"", ""},
    {"<b>商务出行：</b>后付费商务客户可申请临时提高漫游信用额度，出差期间会议来电较多的建议同时订购语音包。",
     "<b>Business travellers:</b> post-paid business lines can ask for a higher roaming credit limit for the trip; "
     "with many calls expected, add a voice pack."},
    {"<b>留学生：</b>长期在外的建议办理当地手机卡，本号开通停机保号或保留短信接收，以便接收银行验证码。",
     "<b>Students:</b> for a long stay a local SIM is cheaper; keep this number suspended with SMS reception so bank "
     "codes still arrive."},
    {"<b>跟团旅游：</b>行程涉及多个国家的，以实际所在国家的资费为准，日包在每个国家分别计费。",
     "<b>Tour groups:</b> with several countries on the trip, each country's price applies and a day pass is "
     "charged per country."},
    {"<b>邮轮航线：</b>海上航行时手机连接的是船载卫星网络，不适用日包，按海事卫星资费计费（数据约10元/MB），建议航行期间关闭数据漫游。",
     "<b>Cruise passengers:</b> at sea the phone uses the ship's satellite network, where day passes do not apply and "
     "maritime rates (about CNY 10 per MB) do: turn data roaming off while sailing."},
    {"<b>长期驻外：</b>超过3个月的建议办理停机保号或转为月付漫游套餐，避免日包累计费用过高。",
     "<b>Long stays:</b> beyond 3 months suggest keeping the number suspended or a monthly roaming plan rather than "
     "daily passes."},
};

const Pair kAudiences[] = {
    {"", ""},
    {"商务出行", "business travellers"},
    {"留学生", "students"},
    {"跟团旅游", "tour groups"},
    {"邮轮航线", "cruise passengers"},
    {"长期驻外", "long stays"},
};

} // namespace

KbContent KbWriter::roaming(bool zh, KbRandom& r) const
{
    KbContent c;
    const Destination& d = r.pick(kDestinations);
    const ZoneRates& z = kZones[d.zone];
    const QString place = L(zh, d.name);
    const int aspect = r.range(0, 5);
    const Pair& audience = kAudiences[r.chance(0.55) ? 0 : r.range(1, int(std::size(kAudiences)) - 1)];
    const QString who = L(zh, audience);
    c.tags << L(zh, "漫游", "roaming") << place << QString::fromUtf8(d.code);
    const QString rates = table(
        {L(zh, "项目", "Item"), L(zh, "资费", "Price")},
        {{L(zh, "数据流量（标准资费）", "Data (standard rate)"),
          zh ? QStringLiteral("%1元/MB，每日封顶%2").arg(QString::fromUtf8(z.perMb), yuan(z.dayPassFen * 2, zh))
             : QStringLiteral("CNY %1 per MB, at most %2 a day").arg(QString::fromUtf8(z.perMb), yuan(z.dayPassFen * 2, zh))},
         {L(zh, "流量日包", "Data day pass"),
          zh ? QStringLiteral("%1/天，含%2高速流量，超出后限速至128kbps").arg(yuan(z.dayPassFen, zh), dataText(z.dayPassMb))
             : QStringLiteral("%1 a day with %2 at full speed, then 128 kbps").arg(yuan(z.dayPassFen, zh), dataText(z.dayPassMb))},
         {L(zh, "当地通话 / 拨打内地", "Local calls / calls to the mainland"),
          zh ? QStringLiteral("%1元/分钟 / %2元/分钟").arg(QString::fromUtf8(z.callLocal), QString::fromUtf8(z.callHome))
             : QStringLiteral("CNY %1 / CNY %2 per minute").arg(QString::fromUtf8(z.callLocal), QString::fromUtf8(z.callHome))},
         {L(zh, "接听", "Incoming calls"),
          zh ? QStringLiteral("%1元/分钟").arg(QString::fromUtf8(z.callLocal)) : QStringLiteral("CNY %1 per minute").arg(QString::fromUtf8(z.callLocal))},
         {L(zh, "发短信（接收免费）", "SMS sent (received free)"),
          zh ? QStringLiteral("%1元/条").arg(QString::fromUtf8(z.sms)) : QStringLiteral("CNY %1 each").arg(QString::fromUtf8(z.sms))}});
    const QString whoTitle = who.isEmpty() ? QString() : (zh ? who : QStringLiteral(" for ") + who);
    switch (aspect) {
    case 0:
        c.title = zh ? QStringLiteral("%1%2漫游资费与流量日包").arg(place, whoTitle)
                     : QStringLiteral("Roaming in %1%2: rates and day passes").arg(place, whoTitle);
        c.earlierTitle = zh ? QStringLiteral("%1漫游资费").arg(place) : QStringLiteral("Roaming rates: %1").arg(place);
        c.sections << para(zh ? QStringLiteral("前往%1的客户，出发前建议开通国际及港澳台漫游并订购流量日包（ADD-ROAM-DAY）。").arg(place)
                              : QStringLiteral("Customers going to %1 should turn on international roaming and take a "
                                               "day pass (ADD-ROAM-DAY) before they leave.").arg(place))
                   << rates
                   << para(L(zh, "日包按当地时间自然日计算，首次产生流量时扣费；未使用流量的当天不收费。",
                             "A day pass runs for the local calendar day and is charged on the first data used; a "
                             "day without data costs nothing."));
        break;
    case 1:
        c.title = zh ? QStringLiteral("前往%1前如何开通国际漫游%2").arg(place, who.isEmpty() ? QString() : QStringLiteral("（%1）").arg(who))
                     : QStringLiteral("Turning on roaming before a trip to %1%2").arg(place, whoTitle);
        c.sections << h3(L(zh, "开通步骤", "Steps"))
                   << list({L(zh, "核实号码为实名在用状态且无欠费。", "Check the line is registered, active and not in arrears."),
                            L(zh, "营业厅APP：服务-国际及港澳台-漫游开通；或发送短信“KTMY”至客服号码。", "App: Services > Roaming > Turn on; or SMS \"KTMY\" to the service number."),
                            L(zh, "后付费客户开通无需预存；预付费客户需账户余额不低于100元。", "Post-paid lines need no deposit; prepaid lines need a balance of at least CNY 100."),
                            zh ? QStringLiteral("在%1开机后手机自动选择%2等网络，如未自动注册可手动选择。").arg(place, QString::fromUtf8(d.networks))
                               : QStringLiteral("On arrival the phone registers on %1; choose one by hand if it does not.").arg(QString::fromUtf8(d.networks))},
                           true)
                   << rates;
        break;
    case 2:
        c.title = zh ? QStringLiteral("在%1无法上网或无信号的排查").arg(place)
                     : QStringLiteral("No data or no signal in %1: what to check").arg(place);
        c.sections << list({L(zh, "确认已开通漫游：系统中查询“国际漫游”功能状态。", "Check roaming is on for the line in the system."),
                            L(zh, "手机设置中打开“数据漫游”开关。", "Turn on Data roaming in the phone's settings."),
                            zh ? QStringLiteral("手动选择网络：%1。").arg(QString::fromUtf8(d.networks))
                               : QStringLiteral("Select a network by hand: %1.").arg(QString::fromUtf8(d.networks)),
                            L(zh, "APN设置为默认值，重启手机。", "Reset the APN to the default and restart the phone."),
                            L(zh, "仍不可用的，记录客户所在城市和手机型号，提交漫游故障工单（网络队列）。", "If it still fails, note the city and the phone model and open a roaming fault ticket (network queue).")},
                           true)
                   << para(L(zh, "客户在境外拨打客服热线免费，可引导客户使用营业厅APP在线客服。", "Calls to the hotline from abroad are free; the app's chat works too."));
        c.tags << L(zh, "故障", "fault");
        break;
    case 3:
        c.title = zh ? QStringLiteral("%1漫游返程后账单核查与争议处理").arg(place)
                     : QStringLiteral("After a trip to %1: checking and disputing roaming charges").arg(place);
        c.sections << para(L(zh, "漫游话单由境外运营商回传，通常延迟1至3天出现在详单中，部分费用可能计入次月账单。",
                             "Roaming records come back from the foreign network 1 to 3 days late; some charges land on "
                             "next month's bill."))
                   << rates
                   << list({L(zh, "查询详单中“国际漫游”明细，核对日期与客户行程。", "Look up the roaming lines of the itemised bill and compare with the trip dates."),
                            L(zh, "日包按天扣费，同一天重复扣费的可直接退费。", "Day passes are charged once a day; a second charge on the same day is refunded at once."),
                            L(zh, "客户未开通日包产生高额标准资费的，可申请按日包价格重算（每人每年一次）。", "Where no day pass was bought, the standard charges can be recalculated at day-pass prices once a year.")},
                           true);
        c.tags << L(zh, "账单", "bill") << L(zh, "争议", "dispute");
        break;
    case 4:
        c.title = zh ? QStringLiteral("%1漫游期间接听电话和短信的收费").arg(place)
                     : QStringLiteral("Calls and texts while roaming in %1").arg(place);
        c.sections << rates
                   << list({L(zh, "接听电话按当地通话资费收费；未接来电和呼叫转移到语音信箱不收费。", "Incoming calls cost the local rate; missed calls and voicemail are free."),
                            L(zh, "接收短信免费，包括银行验证码。", "Received SMS are free, bank codes included."),
                            L(zh, "建议关闭呼叫转移，避免产生国际转接费用。", "Turn call forwarding off to avoid international forwarding charges."),
                            L(zh, "使用VoLTE/VoWiFi通话的，境外按当地网络支持情况而定。", "VoLTE and Wi-Fi calling depend on the local network.")},
                           false);
        break;
    default:
        c.title = zh ? QStringLiteral("%1漫游日包与多日包对比").arg(place)
                     : QStringLiteral("%1: day pass or multi-day pass").arg(place);
        c.sections << rates
                   << table({L(zh, "产品", "Product"), L(zh, "价格", "Price"), L(zh, "适合", "Best for")},
                            {{L(zh, "日包", "Day pass"), yuan(z.dayPassFen, zh), L(zh, "3天以内短途", "trips up to 3 days")},
                             {L(zh, "7天多日包", "7-day pass"), yuan(z.dayPassFen * 4, zh), L(zh, "一周行程", "a week")},
                             {L(zh, "15天多日包", "15-day pass"), yuan(z.dayPassFen * 7, zh), L(zh, "长期停留", "long stays")}})
                   << para(L(zh, "多日包自首次使用起连续计算，到期未用完的流量作废。", "Multi-day passes run from first use; data left at the end lapses."));
        break;
    }
    c.sections.prepend(para(zh ? QStringLiteral("<b>目的地：</b>%1（%2），当地合作网络：%3。").arg(place, QString::fromUtf8(d.code), QString::fromUtf8(d.networks))
                               : QStringLiteral("<b>Destination:</b> %1 (%2); partner networks: %3.").arg(place, QString::fromUtf8(d.code), QString::fromUtf8(d.networks))));
    if (&audience != &kAudiences[0])
        c.sections.insert(1, para(L(zh, kAudienceNotes[&audience - kAudiences])));
    c.additions.push_back({para(L(zh, "出境前提醒客户：开启“流量日包”后仍需打开手机数据漫游开关；部分国家需关闭5G改用4G以获得更好信号。",
                                  "Remind travellers that the day pass still needs Data roaming on, and that in some "
                                  "countries 4G works better than 5G.")),
                           L(zh, "新增出境前提醒", "Added the reminder before departure")});
    return c;
}

} // namespace telcodesk::demo

namespace telcodesk::demo {

// ---- Bills ---------------------------------------------------------------------------------------------

namespace {

const Pair kSegments[] = {
    {"个人客户", "individual customers"},
    {"家庭融合客户", "family bundle customers"},
    {"政企客户", "business customers"},
    {"预付费客户", "prepaid customers"},
};

/// What differs for each kind of customer, in the order of kSegments.
const Pair kSegmentNotes[] = {
    {"<b>个人客户：</b>可在营业厅APP自助办理，热线办理须核验服务密码。",
     "<b>Individuals:</b> self-service in the app; on the hotline after the service password check."},
    {"<b>家庭融合客户：</b>由主卡机主办理，成员费用合并在主账户出账，成员本人只能查询自己的用量。",
     "<b>Family bundles:</b> the main line's owner acts for the household; members' charges are billed to the main "
     "account and each member sees only their own usage."},
    {"<b>政企客户：</b>由单位经办人持介绍信和本人证件办理，客户经理在2个工作日内跟进，账单按单位统一结算。",
     "<b>Business customers:</b> the company's representative applies with a letter of authority and their own ID; "
     "the account manager follows up within 2 working days and bills are settled by the company."},
    {"<b>预付费客户：</b>按账户余额实时扣费，余额不足即停机，无信用额度。",
     "<b>Prepaid customers:</b> charges come off the balance in real time; at zero the line stops, there is no "
     "credit."},
};

const Pair kBillChannels[] = {
    {"营业厅APP“账单-详单查询”", "the app (Bills > Itemised)"},
    {"网上营业厅", "the web self-service site"},
    {"营业厅柜台打印（需本人证件）", "a store counter print-out (owner's ID)"},
    {"短信发送“ZD”至客服号码", "an SMS \"ZD\" to the service number"},
};

} // namespace

KbContent KbWriter::billing(bool zh, KbRandom& r) const
{
    KbContent c;
    const Pair& segment = r.pick(kSegments);
    const QString seg = L(zh, segment);
    const QString segmentNote = para(L(zh, kSegmentNotes[&segment - kSegments]));
    const int aspect = r.range(0, 4);
    const KbPlanInfo& p = planOf(r, {QStringLiteral("mobile"), QStringLiteral("bundle")}, QStringLiteral("base"));
    c.tags << L(zh, "账单", "bill") << L(zh, "话费", "charges");
    const QString items = table({L(zh, "账单科目", "Bill line"), L(zh, "含义", "Meaning"), L(zh, "示例", "Example")},
                                {{L(zh, "套餐及固定费", "Plan and fixed fees"), L(zh, "套餐月费、副卡功能费", "plan fee, extra SIM fees"), yuan(p.feeFen, zh)},
                                 {L(zh, "套餐外语音通信费", "Calls beyond the plan"), L(zh, "超出套餐的国内通话", "domestic minutes over the allowance"), yuan(r.range(3, 40) * 100 + 50, zh)},
                                 {L(zh, "套餐外上网费", "Data beyond the plan"), L(zh, "超出套餐的流量", "data over the allowance"), yuan(r.range(1, 6) * 500, zh)},
                                 {L(zh, "增值业务费", "Value-added services"), L(zh, "彩铃、视频会员等", "ring-back tones, video memberships"), yuan(r.range(5, 30) * 100, zh)},
                                 {L(zh, "代收费", "Third-party charges"), L(zh, "第三方SP服务，运营商代收", "SP services collected for others"), yuan(r.range(2, 20) * 100, zh)}});
    switch (aspect) {
    case 0:
        c.title = zh ? QStringLiteral("%1月账单科目解读").arg(seg) : QStringLiteral("Reading the monthly bill: %1").arg(seg);
        c.sections << para(zh ? QStringLiteral("以%1（%2）为例，月账单主要包含以下科目：").arg(p.nameZh, p.code)
                              : QStringLiteral("Taking %1 (%2) as the example, a monthly bill has these lines:").arg(p.nameEn, p.code))
                   << items
                   << para(L(zh, "账单周期为自然月，每月1日出上月账单，3日前发送账单短信。", "Bills cover a calendar month; last month's bill is ready on the 1st and sent by SMS by the 3rd."));
        break;
    case 1: {
        c.title = zh ? QStringLiteral("%1如何查询通话和上网详单").arg(seg) : QStringLiteral("How %1 look up their itemised bills").arg(seg);
        QStringList ways;
        for (const Pair& way : kBillChannels)
            ways << L(zh, way);
        c.sections << para(L(zh, "详单可查询最近6个月（含当月）的记录，查询需验证服务密码或短信验证码：", "Itemised records cover the last 6 months including this one; the service password or an SMS code is needed:"))
                   << list(ways, true)
                   << para(L(zh, "超过6个月的详单需机主本人携证件到营业厅申请，最长可查询5年内的账单汇总。", "Older records: the owner applies in a store with ID; bill summaries go back 5 years."));
        c.tags << L(zh, "详单", "itemised bill");
        break;
    }
    case 2:
        c.title = zh ? QStringLiteral("%1电子发票开具与抬头变更").arg(seg) : QStringLiteral("E-invoices for %1: issuing and changing the buyer").arg(seg);
        c.sections << list({L(zh, "月结发票：每月出账后在APP“发票服务”中开具，支持个人和单位抬头。", "Monthly invoices: issued in the app's invoice page after billing, to a person or a company."),
                            L(zh, "充值发票与月结发票只能二选一，避免重复开票。", "Either top-up invoices or monthly invoices, never both for the same money."),
                            L(zh, "单位抬头需填写统一社会信用代码；已开具的发票需红冲后方可重开。", "A company invoice needs the unified social credit code; an issued invoice is reversed before a new one."),
                            L(zh, "政企客户可申请增值税专用发票，由客户经理提交。", "Business customers can ask their account manager for a VAT special invoice.")},
                           true);
        c.tags << L(zh, "发票", "invoice");
        break;
    case 3:
        c.title = zh ? QStringLiteral("%1话费余额、赠款与积分的区别").arg(seg) : QStringLiteral("Balance, bonus credit and points for %1").arg(seg);
        c.sections << table({L(zh, "类型", "Kind"), L(zh, "来源", "From"), L(zh, "能否退还", "Refundable")},
                            {{L(zh, "现金余额", "Cash balance"), L(zh, "客户充值", "top-ups"), L(zh, "可以，销户或携转后退还", "yes, after closing or porting out")},
                             {L(zh, "赠款", "Bonus credit"), L(zh, "充值赠送、活动返还", "top-up bonuses, cash-back"), L(zh, "不可退，到期作废", "no, it lapses")},
                             {L(zh, "积分", "Points"), L(zh, "每消费1元积1分", "1 point per yuan spent"), L(zh, "不可兑现，可兑换权益", "no, exchanged for rewards")}})
                   << para(L(zh, "扣费顺序：先扣赠款，再扣现金余额。", "Bonus credit is used before cash."));
        c.tags << L(zh, "余额", "balance") << L(zh, "积分", "points");
        break;
    default:
        c.title = zh ? QStringLiteral("%1账单金额突增的核查思路").arg(seg) : QStringLiteral("A sudden jump in the bill: what to check for %1").arg(seg);
        c.sections << list({L(zh, "对比近三个月账单，定位增加的科目。", "Compare the last three bills and find the line that grew."),
                            L(zh, "套外上网费增加：查询流量详单，确认是否有热点共享、后台更新。", "Data beyond the plan: check the data records for hotspot use or background updates."),
                            L(zh, "增值业务或代收费增加：查询订购关系，核实订购时间和渠道。", "Value-added or third-party charges: check the subscriptions, when and where they were made."),
                            L(zh, "漫游费增加：核对出行时间。", "Roaming: compare with the travel dates."),
                            L(zh, "确属异常的转计费争议流程处理。", "Anything wrong goes to the billing dispute procedure.")},
                           true)
                   << items;
        break;
    }
    c.sections.insert(1, segmentNote);
    c.additions.push_back({para(zh ? QStringLiteral("%1年起电子账单默认推送至营业厅APP，纸质账单需客户单独申请。").arg(m_year)
                                   : QStringLiteral("From %1 e-bills go to the app by default; paper bills on request.").arg(m_year)),
                           zh ? QStringLiteral("更新%1年账单推送方式").arg(m_year) : QStringLiteral("Updated for %1 e-bills").arg(m_year)});
    return c;
}

// ---- Billing disputes ----------------------------------------------------------------------------------

namespace {

struct SpService
{
    Pair name;
    int feeFen;
};

const SpService kSpServices[] = {
    {{"手机报", "mobile news service"}, 500},
    {{"游戏点数包", "game credits"}, 1000},
    {{"音乐会员包", "music membership"}, 1500},
    {{"手机阅读包", "e-book reading pack"}, 500},
    {{"视频彩铃", "video ring-back tone"}, 500},
    {{"腾讯视频VIP会员", "Tencent Video VIP"}, 2000},
    {{"爱奇艺黄金会员", "iQIYI Gold membership"}, 1900},
    {{"优酷VIP会员", "Youku VIP"}, 1500},
    {{"云盘空间包", "cloud storage pack"}, 1000},
    {{"天气预报短信", "weather SMS service"}, 300},
};

} // namespace

KbContent KbWriter::billingDispute(bool zh, KbRandom& r) const
{
    KbContent c;
    const int aspect = r.range(0, 5);
    const Pair& segment = r.pick(kSegments);
    const QString seg = L(zh, segment);
    const QString segmentNote = para(L(zh, kSegmentNotes[&segment - kSegments]));
    c.tags << L(zh, "计费争议", "billing dispute") << L(zh, "话费", "charges");
    const QString verify = h3(L(zh, "核查步骤", "Checks"));
    switch (aspect) {
    case 0: {
        const SpService& sp = r.pick(kSpServices);
        const QString name = L(zh, sp.name);
        c.title = zh ? QStringLiteral("客户否认订购%1（SP增值业务）的退费处理").arg(name)
                     : QStringLiteral("Customer denies subscribing to %1: refunds").arg(name);
        c.earlierTitle = zh ? QStringLiteral("%1退费").arg(name) : QStringLiteral("%1 refund").arg(name);
        c.sections << para(zh ? QStringLiteral("%1月费%2，属于SP增值业务，由运营商代收费。客户反映未订购却被扣费时按以下流程处理。").arg(name, yuan(sp.feeFen, zh))
                              : QStringLiteral("%1 costs %2 a month and is a value-added (SP) service collected by us. When the customer says they never subscribed:").arg(name, yuan(sp.feeFen, zh)))
                   << verify
                   << list({L(zh, "系统查询订购关系：订购时间、渠道、二次确认短信记录。", "Look up the subscription: when, through which channel, and the confirmation SMS record."),
                            L(zh, "无二次确认记录或确认记录异常的，视为未经同意订购，立即退订并全额退还已扣费用。", "No valid confirmation means no consent: cancel at once and refund everything charged."),
                            L(zh, "有有效确认记录的，向客户说明订购时间和渠道，协助退订，当月费用原则上不退；客户不认可的提交争议工单。", "With a valid confirmation, tell the customer when and where it was ordered and cancel it; this month is normally not refunded, and a disagreement goes to a dispute ticket."),
                            L(zh, "为客户开通“增值业务订购保护”，防止再次误订。", "Turn on value-added purchase protection so it does not happen again.")},
                           true);
        c.tags << QStringLiteral("SP") << L(zh, "增值业务", "value-added service") << L(zh, "退费", "refund") << name;
        break;
    }
    case 1:
        c.title = zh ? QStringLiteral("%1套餐月费重复扣费的核实与退款").arg(seg) : QStringLiteral("Plan fee charged twice: checks and refund (%1)").arg(seg);
        c.sections << para(L(zh, "重复扣费常见于：月中变更套餐、充值渠道重复支付、自动代扣与手动缴费同时发生。", "Double charges usually come from a plan change mid-month, a top-up paid twice, or a direct debit and a manual payment on the same day."))
                   << verify
                   << list({L(zh, "查询账单“套餐及固定费”是否出现两笔相同金额。", "Look for two equal amounts under plan and fixed fees."),
                            L(zh, "查询缴费记录，核对支付流水号。", "Check the payment records and their transaction numbers."),
                            L(zh, "确认重复的，系统提交退费，3个工作日内原路退回；现金缴费的退回话费余额。", "If it is a duplicate, file the refund: back to the same account within 3 working days, or to the balance for cash payments."),
                            L(zh, "告知客户退款进度可在APP“费用退还”中查看。", "The customer can follow it in the app under Refunds.")},
                           true);
        c.tags << L(zh, "重复扣费", "double charge") << L(zh, "退款", "refund");
        break;
    case 2: {
        const KbPlanInfo& p = planOf(r, {QStringLiteral("mobile")}, QStringLiteral("base"));
        c.title = zh ? QStringLiteral("%1客户流量超出产生高额费用的争议处理").arg(p.code)
                     : QStringLiteral("%1: disputes over high data charges").arg(p.code);
        c.sections << para(zh ? QStringLiteral("%1每月含%2流量。客户对套外流量费有异议时：").arg(p.nameZh, dataText(p.dataMb))
                              : QStringLiteral("%1 includes %2 a month. When the customer disputes the charges for data beyond it:").arg(p.nameEn, dataText(p.dataMb)))
                   << list({L(zh, "查询流量详单，按小时汇总，识别异常时段（如凌晨大流量）。", "Sum the data records by hour and look for odd hours (heavy use at night)."),
                            L(zh, "确认是否开启了热点共享、自动备份、系统更新。", "Ask about hotspot sharing, automatic backups and system updates."),
                            L(zh, "核实提醒短信是否按时发送（80%、100%）；未发送提醒的，可按规则减免超出部分的50%。", "Check the 80 % and 100 % alerts went out; if they did not, half of the extra can be waived."),
                            L(zh, "建议客户订购加油包或升档，并设置流量封顶。", "Suggest a top-up pack or a bigger plan and a usage cap.")},
                           true);
        c.tags << L(zh, "流量", "data") << L(zh, "超出", "overage") << p.code;
        break;
    }
    case 3:
        c.title = zh ? QStringLiteral("停机期间仍收取月租的解释口径（%1）").arg(seg)
                     : QStringLiteral("Why the monthly fee runs while suspended (%1)").arg(seg);
        c.sections << list({L(zh, "欠费停机：号码仍保留，套餐月费照常计收，复机后一并缴纳。", "Suspended for arrears: the number is kept and the plan fee still runs; it is paid on reconnection."),
                            L(zh, "挂失停机：月租照常收取，最长挂失90天。", "Suspended after a lost phone: the fee runs, for up to 90 days."),
                            L(zh, "停机保号：按5元/月收取保号费，不再收取套餐月费，最长12个月。", "Number kept while suspended: CNY 5 a month instead of the plan fee, for up to 12 months."),
                            L(zh, "客户不知情的，可核查停机短信发送记录，未发送的可申请减免停机期间月租。", "If the customer was not told, check the suspension SMS; if none was sent the fee for that time can be waived.")},
                           false);
        c.tags << L(zh, "停机", "suspension") << L(zh, "月租", "monthly fee");
        break;
    case 4:
        c.title = zh ? QStringLiteral("合约话费返还未到账的查询与补发（%1）").arg(seg)
                     : QStringLiteral("Cash-back not received: checking and crediting (%1)").arg(seg);
        c.sections << list({L(zh, "查询客户参加的活动及返还计划：每月返还金额、起止月份。", "Look up the offer and its schedule: monthly amount, first and last month."),
                            L(zh, "返还一般在每月3日前到账；当月有欠费或停机的，当月返还暂停。", "Cash-back is credited by the 3rd of each month; it pauses in months with arrears or suspension."),
                            L(zh, "因系统原因漏返的，提交补返申请，5个工作日内到账。", "Missed through a system fault: file a catch-up credit, due within 5 working days."),
                            L(zh, "客户变更套餐导致不符合活动条件的，返还终止，需向客户解释协议条款。", "A plan change that breaks the offer's terms ends the cash-back; explain the agreement.")},
                           true);
        c.tags << L(zh, "返还", "cash-back") << L(zh, "合约", "contract");
        break;
    default:
        c.title = zh ? QStringLiteral("%1话费投诉升级与时限要求").arg(seg) : QStringLiteral("Escalating a charges complaint: deadlines (%1)").arg(seg);
        c.sections << table({L(zh, "级别", "Level"), L(zh, "处理部门", "Handled by"), L(zh, "时限", "Deadline")},
                            {{L(zh, "一般争议", "Ordinary dispute"), L(zh, "热线计费组", "hotline billing team"), L(zh, "48小时", "48 hours")},
                             {L(zh, "重复投诉", "Repeat complaint"), L(zh, "投诉处理组", "complaints team"), L(zh, "24小时", "24 hours")},
                             {L(zh, "工信部申诉转办（12300）", "MIIT appeal (12300)"), L(zh, "客户服务部", "customer service department"), L(zh, "按转办要求，一般5个工作日", "as required, usually 5 working days")}})
                   << para(L(zh, "客户表示将向工信部12300申诉的，如实记录，优先安排处理，不得劝阻。", "If the customer says they will appeal to MIIT (12300), record it, give it priority and never discourage it."));
        c.tags << L(zh, "投诉", "complaint") << QStringLiteral("12300");
        break;
    }
    c.sections.insert(1, segmentNote);
    c.additions.push_back({para(L(zh, "详单查询渠道：营业厅APP“账单-详单查询”，或营业厅柜台打印（需本人证件）。",
                                  "Itemised records: the app (Bills > Itemised) or a counter print-out with ID.")),
                           L(zh, "补充详单查询方式", "Added where to find itemised records")});
    return c;
}

// ---- Payment and suspension ----------------------------------------------------------------------------

KbContent KbWriter::payment(bool zh, KbRandom& r) const
{
    KbContent c;
    const int aspect = r.range(0, 5);
    const Pair& segment = r.pick(kSegments);
    const QString seg = L(zh, segment);
    const QString segmentNote = para(L(zh, kSegmentNotes[&segment - kSegments]));
    c.tags << L(zh, "缴费", "payment");
    switch (aspect) {
    case 0:
        c.title = zh ? QStringLiteral("%1欠费停机规则与信用额度").arg(seg) : QStringLiteral("Suspension for arrears and credit limits: %1").arg(seg);
        c.sections << table({L(zh, "星级", "Tier"), L(zh, "信用额度", "Credit limit"), L(zh, "停机时间", "Suspended")},
                            {{L(zh, "准星/一星", "Basic / 1 star"), yuan(0, zh), L(zh, "余额不足即停机", "as soon as the balance runs out")},
                             {L(zh, "二星、三星", "2-3 stars"), yuan(5000, zh), L(zh, "超出额度后停机", "above the limit")},
                             {L(zh, "四星、五星", "4-5 stars"), yuan(20000, zh), L(zh, "账单到期后15日停机", "15 days after the due date")}})
                   << para(L(zh, "停机前48小时发送提醒短信；单向停机（只能接听）3天后转为双向停机。", "A reminder SMS goes out 48 hours before; one-way suspension (incoming only) becomes full suspension after 3 days."));
        c.tags << L(zh, "停机", "suspension") << L(zh, "欠费", "arrears");
        break;
    case 1:
        c.title = zh ? QStringLiteral("%1缴费后复机时间及未复机处理").arg(seg) : QStringLiteral("Reconnection after payment (%1)").arg(seg);
        c.sections << list({L(zh, "缴清欠费后系统自动复机，一般5分钟内恢复，最长不超过2小时。", "Paying the arrears reconnects the line automatically, usually within 5 minutes and at most 2 hours."),
                            L(zh, "请客户重启手机或开关飞行模式。", "Ask the customer to restart the phone or toggle airplane mode."),
                            L(zh, "2小时后仍未恢复：查询停机原因是否为欠费以外原因（挂失、违规、实名核验）。", "Still off after 2 hours: check for another reason (lost phone, abuse, identity check)."),
                            L(zh, "系统原因未复机的，提交紧急复机工单，处理时限1小时。", "A system failure gets an urgent reconnection ticket, due within 1 hour.")},
                           true);
        c.tags << L(zh, "复机", "reconnection");
        break;
    case 2:
        c.title = zh ? QStringLiteral("%1缴费渠道与到账时间").arg(seg) : QStringLiteral("Ways to pay and when it arrives (%1)").arg(seg);
        c.sections << table({L(zh, "渠道", "Channel"), L(zh, "到账时间", "Arrives")},
                            {{L(zh, "营业厅APP（微信/支付宝/银行卡）", "App (WeChat Pay, Alipay, card)"), L(zh, "实时", "at once")},
                             {L(zh, "微信、支付宝生活缴费", "WeChat / Alipay utilities"), L(zh, "10分钟内", "within 10 minutes")},
                             {L(zh, "银行代扣", "Bank direct debit"), L(zh, "每月10日扣款", "on the 10th")},
                             {L(zh, "营业厅现金", "Cash at a store"), L(zh, "实时", "at once")},
                             {L(zh, "充值卡", "Top-up card"), L(zh, "实时", "at once")}})
                   << para(L(zh, "第三方渠道超过24小时未到账的，请客户提供支付凭证，由计费组核查。", "If a third-party payment has not arrived after 24 hours, ask for the receipt and pass it to the billing team."));
        break;
    case 3:
        c.title = zh ? QStringLiteral("%1停机保号办理条件与费用").arg(seg) : QStringLiteral("Keeping the number while suspended (%1)").arg(seg);
        c.sections << list({L(zh, "机主本人持证件办理，也可在APP中人像比对后办理。", "The owner applies with ID, or in the app after a face check."),
                            L(zh, "无欠费、无在约合约；融合套餐成员需先拆分。", "No arrears and no running contract; bundle members are separated first."),
                            L(zh, "保号费5元/月，最长12个月，到期自动复机并恢复原套餐计费。", "CNY 5 a month for up to 12 months; the line comes back on its plan at the end."),
                            L(zh, "保号期间不能接打电话和使用流量，可接收短信验证码的需开通“保号短信”功能（1元/月）。", "No calls or data meanwhile; receiving SMS codes needs the CNY 1 a month SMS option.")},
                           true);
        c.tags << L(zh, "停机保号", "number keeping");
        break;
    case 4:
        c.title = zh ? QStringLiteral("%1销户与余额退还流程").arg(seg) : QStringLiteral("Closing a line and refunding the balance (%1)").arg(seg);
        c.sections << list({L(zh, "机主本人携身份证件到营业厅办理，不支持电话销户。", "The owner comes to a store with ID; lines are not closed by phone."),
                            L(zh, "结清当月实时话费；有合约的需先解约。", "Pay this month's charges so far; end any contract first."),
                            L(zh, "现金余额次月5日后退还，赠款作废。", "Cash balance refunded after the 5th of next month; bonus credit lapses."),
                            L(zh, "销户后号码冻结90天后重新放号。", "The number is frozen for 90 days and then reissued.")},
                           true);
        c.tags << L(zh, "销户", "closing") << L(zh, "退费", "refund");
        break;
    default:
        c.title = zh ? QStringLiteral("%1设置自动充值与余额提醒").arg(seg) : QStringLiteral("Automatic top-up and low-balance alerts (%1)").arg(seg);
        c.sections << list({L(zh, "APP“充值-自动充值”，余额低于设定值（如20元）时自动充值固定金额。", "App: Top up > Automatic; a set amount is added when the balance falls below a threshold (say CNY 20)."),
                            L(zh, "支持绑定银行卡、微信、支付宝，每月自动充值不超过5次。", "Card, WeChat Pay or Alipay; at most 5 automatic top-ups a month."),
                            L(zh, "余额提醒阈值可设置10至100元。", "The alert threshold can be set between CNY 10 and 100.")},
                           true);
        c.tags << L(zh, "充值", "top-up");
        break;
    }
    c.sections.insert(1, segmentNote);
    c.additions.push_back({para(L(zh, "提醒：停机短信、复机短信均以客服号码发送，谨防冒充运营商的诈骗短信。",
                                  "Suspension and reconnection messages only come from the service number; warn "
                                  "customers about fake ones.")),
                           L(zh, "新增防诈骗提示", "Added the anti-fraud warning")});
    return c;
}

} // namespace telcodesk::demo
