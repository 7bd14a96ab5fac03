#include "demo/ReferenceData.h"

// What agents write: interaction summaries, ticket stories and notes, in Chinese and English (English for
// the foreign residents). Placeholders in braces are filled by the generator.

namespace telcodesk::demo {

namespace {

const SummaryTemplate kSummaries[] = {
    // Inquiries.
    {Kind::Inquiry, "咨询{plan}剩余流量，已告知本月剩余{gb}GB。",
     "Asked about the data left on {plan}; told {gb} GB remain this month.", false},
    {Kind::Inquiry, "咨询5G套餐资费，已介绍畅享129元与199元两档的差别。",
     "Asked about 5G plan prices; explained the difference between Enjoy 129 and Enjoy 199.", false},
    {Kind::Inquiry, "询问国际漫游开通方式，已指导在APP中开通漫游日包。",
     "Asked how to use the phone abroad; guided through activating the roaming day pass in the app.", false},
    {Kind::Inquiry, "咨询宽带提速到千兆的费用及是否需要更换光猫。",
     "Asked what a 1000M broadband upgrade costs and whether the modem must be replaced.", false},
    {Kind::Inquiry, "查询话费余额及积分兑换规则，已说明。",
     "Checked the balance and the loyalty-points rules; explained.", false},
    {Kind::Inquiry, "咨询副卡办理条件，已说明套餐可加办的副卡数量。",
     "Asked about adding a family SIM; explained how many the plan allows.", false},
    {Kind::Inquiry, "发送流量使用提醒：本月套餐内流量已使用80%。",
     "Usage alert sent: 80% of this month's data allowance used.", true},
    // Billing.
    {Kind::Billing, "对{month}账单中{amount}元费用有疑问，核实为{addon}月费，已解释。",
     "Questioned {amount} yuan on the {month} bill; it is the monthly fee of {addon}. Explained.", false},
    {Kind::Billing, "反映本月话费偏高，核查为套餐外流量超出{gb}GB产生的费用。",
     "Said this month's bill is high; it comes from {gb} GB of data beyond the plan.", false},
    {Kind::Billing, "申请开具{month}电子发票，已发送至客户邮箱。",
     "Requested an e-invoice for {month}; sent to the customer's e-mail.", false},
    {Kind::Billing, "询问账单明细中国际漫游费用的计算方式，已逐项说明。",
     "Asked how the roaming charges on the itemised bill are calculated; went through them line by line.", false},
    {Kind::Billing, "发送账单提醒短信：{month}账单{amount}元，请于月底前缴清。",
     "Bill reminder SMS sent: the {month} bill is {amount} yuan, due by the end of the month.", true},
    // Complaints.
    {Kind::Complaint, "投诉家中信号差，室内通话经常中断，已记录并派单。",
     "Complained about poor signal at home; indoor calls keep dropping. Logged and dispatched.", false},
    {Kind::Complaint, "投诉宽带晚间频繁掉线，要求尽快上门处理。",
     "Complained that broadband drops every evening; wants a technician soon.", false},
    {Kind::Complaint, "投诉未经同意开通{addon}，要求取消并退费。",
     "Complained that {addon} was activated without consent; wants it cancelled and refunded.", false},
    {Kind::Complaint, "投诉营业厅办理业务排队时间过长。",
     "Complained about long queues at the store.", false},
    {Kind::Complaint, "对上次投诉的处理结果不满意，要求升级处理。",
     "Unhappy with how the last complaint was handled; asks for escalation.", false},
    {Kind::Complaint, "投诉{month}账单多扣{amount}元，情绪激动。",
     "Complained of being overcharged {amount} yuan on the {month} bill; upset.", false},
    {Kind::Complaint, "投诉5G网络速度慢，测速不到50M。",
     "Complained that 5G is slow; speed tests show less than 50 Mbps.", false},
    // Faults.
    {Kind::Fault, "宽带无法上网，光猫LOS灯红灯闪烁，已预约上门维修。",
     "Broadband is down and the modem's LOS light blinks red; technician visit booked.", false},
    {Kind::Fault, "手机无法使用5G网络，已指导重启并重置网络设置。",
     "Phone cannot use 5G; guided through a restart and a network-settings reset.", false},
    {Kind::Fault, "IPTV机顶盒无信号，远程重置后恢复。",
     "IPTV set-top box had no signal; restored after a remote reset.", false},
    {Kind::Fault, "无法接收短信验证码，核查为拦截设置问题，已解决。",
     "Not receiving SMS verification codes; a blocking setting was the cause, fixed.", false},
    {Kind::Fault, "在{district}一带通话有杂音，已提交网络优化。",
     "Noise on calls around {district}; reported to network optimisation.", false},
    // Plan changes.
    {Kind::PlanChange, "办理套餐变更：由{plan}改为{new_plan}，次月生效。",
     "Changed the plan from {plan} to {new_plan}, effective next month.", false},
    {Kind::PlanChange, "咨询降档，已说明合约期内暂不能降档，合约到期日为{date}。",
     "Asked to downgrade; explained this is not possible before the contract ends on {date}.", false},
    {Kind::PlanChange, "订购{addon}，即时生效。", "Subscribed to {addon}, effective immediately.", false},
    {Kind::PlanChange, "退订{addon}，次月生效。", "Cancelled {addon}, effective next month.", false},
    // Number porting.
    {Kind::Porting, "咨询携号转网条件及流程，询问是否有合约限制。",
     "Asked about the conditions for porting the number out and whether a contract stands in the way.", false},
    {Kind::Porting, "申请查询携号转网授权码，客户表示其他运营商优惠更大。",
     "Requested a number-porting authorisation code; says another operator offers a better deal.", false},
    {Kind::Porting, "询问办理携号转网是否需要结清欠费及解约费用。",
     "Asked whether porting out requires settling the balance and paying early-termination fees.", false},
    // Payments.
    {Kind::Payment, "通过{method}缴费{amount}元。", "Paid {amount} yuan by {method}.", false},
    {Kind::Payment, "办理银行代扣业务，下月起自动扣费。",
     "Set up direct debit from the bank account; automatic payment from next month.", false},
    {Kind::Payment, "缴纳欠费{amount}元，已恢复停机号码。",
     "Paid {amount} yuan of arrears; the suspended number has been restored.", false},
    // Retention (outbound).
    {Kind::Retention, "挽留回访：客户近期有转网意向，已推荐{new_plan}，客户表示考虑。",
     "Retention call: the customer is thinking of leaving; offered {new_plan}, will consider it.", true},
    {Kind::Retention, "外呼关怀：了解使用情况，赠送5GB流量包，客户表示满意。",
     "Care call: checked on usage and gave a free 5 GB data pack; customer satisfied.", true},
    {Kind::Retention, "挽留回访：客户坚持转网，已记录原因：资费偏高。",
     "Retention call: the customer insists on porting out; reason recorded: price.", true},
    // Other.
    {Kind::Other, "修改账户联系地址。", "Updated the contact address.", false},
    {Kind::Other, "补办SIM卡（原卡遗失），已完成实名核验。", "Replacement SIM issued (card lost); identity verified.", false},
    {Kind::Other, "申请停机保号三个月。", "Requested a three-month number hold.", false},
    {Kind::Other, "办理实名信息核验。", "Completed real-name verification.", false},
    {Kind::Other, "发送满意度调查短信。", "Satisfaction survey SMS sent.", true},
};

const TicketStory kStories[] = {
    {"fault", "network", 2, "住宅室内信号弱，通话中断", "Weak indoor signal at home, calls drop",
     "客户反映位于{district}的住宅近一周室内信号只有一格，通话经常中断，重启手机无改善。",
     "The customer reports that at home in {district} the indoor signal has been one bar for a week; calls drop "
     "and restarting the phone does not help.",
     "网优中心核查该区域基站负荷过高，已完成扩容，客户确认信号恢复正常。",
     "Network optimisation found the local cell overloaded and added capacity; the customer confirms the signal is "
     "back to normal.",
     "您好，已收到您反映的信号问题并提交网络优化中心，预计48小时内给您答复。",
     "Hello, we have passed your signal report to network optimisation and will answer within 48 hours.",
     Kind::Fault, false, false},
    {"fault", "broadband", 2, "宽带晚间频繁掉线", "Broadband drops every evening",
     "晚高峰（20:00-23:00）宽带每隔半小时掉线一次，测速远低于签约的{speed}M。",
     "Broadband drops every half hour at the evening peak (20:00-23:00); speed tests are far below the subscribed "
     "{speed}M.",
     "上门更换光猫并重新熔接入户光纤，测速恢复正常。",
     "A technician replaced the modem and re-spliced the drop fibre; the speed is back to normal.",
     "已为您预约装维工程师上门检测，工程师会提前电话联系您。",
     "A technician visit is booked; the engineer will call you beforehand.", Kind::Fault, true, false},
    {"complaint", "billing", 3, "对{month}账单增值业务费有异议", "Disputes value-added charges on the {month} bill",
     "客户称未订购{addon}，但{month}账单扣费{amount}元，要求退费。",
     "The customer says they never subscribed to {addon}, yet the {month} bill charged {amount} yuan; wants a "
     "refund.",
     "核实为短信二次确认订购，经协商退还50%费用并取消订购。",
     "Records show a subscription confirmed by SMS; after discussion 50% was refunded and the service cancelled.",
     "已在核查您的订购记录，将在1个工作日内给您答复处理方案。",
     "We are checking your subscription records and will propose a solution within one working day.",
     Kind::Billing, false, true},
    {"complaint", "billing", 2, "国际漫游费用过高", "Roaming charges too high",
     "客户在{country}出差期间产生漫游流量费{amount}元，表示未收到费用提醒短信。",
     "The customer ran up {amount} yuan of roaming data charges while in {country} and says no warning SMS "
     "arrived.",
     "核实提醒短信已发送，按关怀政策调整为日包计费并退还差额。",
     "The warning SMS had been sent; as a goodwill gesture the charges were recalculated at the day-pass rate and "
     "the difference refunded.",
     "已收到您的反馈，正在核对漫游话单，请耐心等待。",
     "We have your report and are checking the roaming records; thank you for your patience.",
     Kind::Complaint, false, false},
    {"inquiry", "porting", 3, "携号转网资格查询", "Number porting eligibility",
     "客户申请查询携号转网资格，系统提示存在合约期限制（至{date}）。",
     "The customer asked whether the number can be ported out; the system shows a contract commitment until "
     "{date}.",
     "已告知合约到期时间及提前解约需支付的费用，客户表示再考虑。",
     "Explained the contract end date and the early-termination fee; the customer will think it over.",
     "您的携号转网资格查询结果已通过短信发送，如有疑问请回复。",
     "The result of your porting eligibility check has been sent by SMS; reply if you have questions.",
     Kind::Porting, false, true},
    {"complaint", "complaints", 2, "多次反映未解决，要求升级处理", "Repeated problem unresolved, escalation requested",
     "客户就同一问题第三次来电，对处理进度非常不满，表示如再不解决将携号转网。",
     "Third call about the same problem; the customer is very unhappy with the progress and threatens to port the "
     "number out.",
     "升级至投诉处理组主管跟进，问题解决后赠送两个月视频会员作为补偿。",
     "Escalated to the complaints supervisor; after the fix two months of video membership were given as "
     "compensation.",
     "非常抱歉给您带来不便，已升级由主管专人跟进。",
     "We are very sorry for the trouble; a supervisor now follows your case personally.",
     Kind::Complaint, false, true},
    {"fault", "network", 3, "5G网络速度慢", "Slow 5G data",
     "客户在{district}使用5G网络测速不足50M，高峰时段网页打开缓慢。",
     "In {district} the customer's 5G speed tests stay under 50 Mbps and pages load slowly at peak hours.",
     "该区域新增5G站点已开通，复测下载速率超过500M。",
     "A new 5G site in the area went live; a re-test shows more than 500 Mbps download.",
     "已记录您所在位置的网络情况，将安排网络优化人员测试。",
     "We have recorded the network conditions at your location and will send network engineers to test.",
     Kind::Fault, false, false},
    {"fault", "broadband", 3, "IPTV频繁卡顿", "IPTV keeps freezing",
     "IPTV观看直播频道时每隔几分钟卡顿一次，点播正常。",
     "Live IPTV channels freeze every few minutes; video on demand works.",
     "远程升级机顶盒固件并调整组播配置后恢复正常。",
     "Upgraded the set-top box firmware remotely and corrected the multicast settings; working again.",
     "已远程检测您的机顶盒，请保持设备通电。",
     "We are testing your set-top box remotely; please keep it switched on.", Kind::Fault, true, false},
    {"inquiry", "general", 4, "开具增值税专用发票", "VAT special invoice request",
     "客户需要开具{month}增值税专用发票用于报销。",
     "The customer needs a VAT special invoice for {month} for an expense claim.",
     "已在系统中开具并发送至客户邮箱。", "Issued and e-mailed to the customer.",
     "发票申请已受理，预计1个工作日内开具。",
     "Your invoice request is accepted and will be issued within one working day.", Kind::Billing, false, false},
    {"complaint", "complaints", 3, "营业厅服务态度差", "Poor service at the store",
     "客户反映在营业厅办理补卡时工作人员态度冷淡，等待超过一小时。",
     "The customer says store staff were dismissive when replacing a SIM and the wait was over an hour.",
     "已向营业厅核实并对相关人员进行服务培训，回访客户致歉。",
     "Checked with the store, the staff concerned received service training and the customer got an apology call.",
     "感谢您的反馈，我们将核实情况并尽快回复。",
     "Thank you for telling us; we will look into it and get back to you soon.", Kind::Complaint, false, false},
    {"fault", "network", 3, "无法接收短信验证码", "SMS verification codes not received",
     "客户近三天无法接收银行及APP短信验证码，普通短信正常。",
     "For three days the customer has not received verification codes from banks and apps; ordinary SMS arrive.",
     "核查为号码误加入短信拦截名单，已移除并测试正常。",
     "The number had wrongly been put on an SMS blocking list; removed and tested.",
     "已提交短信中心核查，请稍后重试接收验证码。",
     "Passed to the SMS centre for checking; please try receiving a code again later.", Kind::Fault, false, false},
    {"suggestion", "general", 4, "建议APP增加账单明细导出", "Suggests exporting itemised bills in the app",
     "客户建议在手机营业厅APP中增加账单明细导出为PDF的功能。",
     "The customer suggests the app should export itemised bills as PDF.",
     "已转产品部门评估，感谢客户建议。", "Forwarded to the product team; thanked the customer.",
     "感谢您的宝贵建议，我们已转交相关部门。",
     "Thank you for the suggestion; we have passed it to the team concerned.", Kind::Other, false, false},
    {"suggestion", "general", 4, "建议营业厅延长周末营业时间", "Suggests longer weekend store hours",
     "客户建议{district}营业厅周末延长营业至晚上九点。",
     "The customer suggests the {district} store stay open until 9 pm at weekends.",
     "已反馈至渠道管理部门，将结合客流情况评估。",
     "Passed to channel management, who will weigh it against visitor numbers.",
     "感谢您的建议，我们会认真研究。", "Thank you for the suggestion; we will consider it.", Kind::Other, false,
     false},
    {"inquiry", "general", 4, "套餐变更咨询", "Plan change enquiry",
     "客户希望了解从{plan}变更为{new_plan}的差价及生效时间。",
     "The customer wants to know the price difference and effective date of moving from {plan} to {new_plan}.",
     "已说明资费差异，变更次月1日生效，客户已在APP自助办理。",
     "Explained the difference; the change takes effect on the 1st of next month and the customer made it in the "
     "app.",
     "已为您查询两款套餐的资费明细，请查收短信。",
     "We have sent the details of both plans by SMS.", Kind::PlanChange, false, false},
    {"fault", "network", 1, "区域性通信中断", "Area-wide service outage",
     "客户所在{district}自上午起手机无服务，周边邻居同样无法通话上网。",
     "Since this morning phones in {district} have had no service; the neighbours cannot call or use data either.",
     "确认为施工挖断光缆，抢修后当日恢复，已短信致歉。",
     "Construction work had cut a fibre cable; service was restored the same day and an apology SMS sent.",
     "已确认该区域存在网络故障，抢修人员正在处理，给您带来不便深表歉意。",
     "We have confirmed an outage in the area and crews are working on it; we apologise for the disruption.",
     Kind::Complaint, false, false},
    {"complaint", "billing", 3, "缴费后未及时复机", "Service not restored after payment",
     "客户缴清欠费两小时后号码仍处于停机状态，影响工作。",
     "Two hours after paying the arrears the number is still suspended, which is hurting the customer's work.",
     "后台复机指令延迟，已手工复机并向客户致歉。",
     "The reconnection order was delayed in the back end; reconnected by hand and apologised.",
     "已为您加急处理复机，请稍后重启手机。",
     "Reconnection has been expedited; please restart your phone shortly.", Kind::Payment, false, true},
};

const NoteText kNotes[] = {
    {"客户要求只在工作日白天联系。", "Customer asks to be contacted on weekdays during the day only.", false},
    {"VIP客户，来电优先转接客户经理。", "VIP customer: route calls to the account manager first.", false},
    {"客户对上次宽带维修不满意，回访时注意安抚。",
     "Customer was unhappy with the last broadband repair; be considerate on follow-up.", false},
    {"客户听力不好，通话请放慢语速。", "Customer is hard of hearing; please speak slowly.", false},
    {"已拒绝营销外呼，请勿推荐新业务。", "Declined marketing calls; do not offer new services.", false},
    {"客户经常出差，优先使用短信联系。", "Customer travels a lot; prefer SMS.", false},
    {"家庭宽带由户主统一付费，副卡问题可联系户主。",
     "Household broadband is paid by the head of household; member-SIM questions can go to them.", false},
    {"企业客户，发票需开具增值税专用发票。", "Enterprise: invoices must be VAT special invoices.", false},
    {"客户多次提到其他运营商的优惠，有转网倾向，注意挽留。",
     "Customer keeps mentioning a competitor's offer and may port out; handle with care.", true},
    {"客户询问携号转网授权码，已提醒合约到期时间。",
     "Customer asked for a porting code; reminded them of the contract end date.", true},
};

} // namespace

const char* kindCode(Kind kind)
{
    switch (kind) {
    case Kind::Inquiry: return "inquiry";
    case Kind::Billing: return "billing";
    case Kind::Complaint: return "complaint";
    case Kind::Fault: return "fault";
    case Kind::PlanChange: return "plan_change";
    case Kind::Porting: return "porting_inquiry";
    case Kind::Payment: return "payment";
    case Kind::Retention: return "retention";
    case Kind::Other: return "other";
    }
    return "other";
}

Table<SummaryTemplate> summaryTemplates() { return {kSummaries, std::size(kSummaries)}; }
Table<TicketStory> ticketStories() { return {kStories, std::size(kStories)}; }
Table<NoteText> noteTexts() { return {kNotes, std::size(kNotes)}; }

} // namespace telcodesk::demo
