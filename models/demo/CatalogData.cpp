#include "demo/ReferenceData.h"

// The plan catalog of the demo operator, company-name parts for enterprise customers and the teams of
// its staff. Fees are in fen; data allowances in MB.

namespace telcodesk::demo {

namespace {

const PlanSpec kPlans[] = {
    // 5G plans.
    {"5G-BASIC-79", "5G基础套餐79元", "5G Basic 79", "mobile", "base", 7900, 15360, 300, 0, 0, 12, "{}", "active",
     PlanRole::Mobile5G},
    {"5G-ENJOY-129", "5G畅享套餐129元", "5G Enjoy 129", "mobile", "base", 12900, 30720, 500, 0, 0, 12, "{}", "active",
     PlanRole::Mobile5G},
    {"5G-ENJOY-169", "5G畅享套餐169元", "5G Enjoy 169", "mobile", "base", 16900, 40960, 700, 0, 0, 12, "{}", "active",
     PlanRole::Mobile5G},
    {"5G-ENJOY-199", "5G畅享套餐199元", "5G Enjoy 199", "mobile", "base", 19900, 61440, 1000, 0, 0, 12, "{}", "active",
     PlanRole::Mobile5G},
    {"5G-ENJOY-299", "5G畅享套餐299元", "5G Enjoy 299", "mobile", "base", 29900, 102400, 1500, 0, 0, 24, "{}",
     "active", PlanRole::Mobile5G},
    {"5G-ENJOY-399", "5G畅享套餐399元", "5G Enjoy 399", "mobile", "base", 39900, 153600, 2000, 0, 0, 24, "{}",
     "active", PlanRole::Mobile5G},
    {"5G-ENJOY-599", "5G畅享套餐599元", "5G Enjoy 599", "mobile", "base", 59900, 307200, 3000, 0, 0, 24, "{}",
     "active", PlanRole::Mobile5G},
    {"5G-YOUTH-59", "5G青春卡59元", "5G Youth 59", "mobile", "base", 5900, 40960, 100, 0, 0, 0, "{\"max_age\":30}",
     "active", PlanRole::MobileYouth},
    {"CAMPUS-36", "校园卡36元", "Campus 36", "mobile", "base", 3600, 20480, 100, 0, 0, 0, "{\"student\":true}",
     "active", PlanRole::MobileYouth},
    // 4G plans, most of them no longer sold.
    {"4G-FLY-18", "4G飞享套餐18元", "4G Fly 18", "mobile", "base", 1800, 500, 30, 0, 0, 0, "{}", "retired",
     PlanRole::Mobile4G},
    {"4G-FLY-38", "4G飞享套餐38元", "4G Fly 38", "mobile", "base", 3800, 1024, 100, 0, 0, 0, "{}", "retired",
     PlanRole::Mobile4G},
    {"4G-ENJOY-58", "4G畅享套餐58元", "4G Enjoy 58", "mobile", "base", 5800, 5120, 200, 0, 0, 0, "{}", "retired",
     PlanRole::Mobile4G},
    {"4G-ENJOY-88", "4G畅享套餐88元", "4G Enjoy 88", "mobile", "base", 8800, 10240, 300, 0, 0, 0, "{}", "active",
     PlanRole::Mobile4G},
    {"4G-ENJOY-138", "4G畅享套餐138元", "4G Enjoy 138", "mobile", "base", 13800, 20480, 500, 0, 0, 0, "{}",
     "retired", PlanRole::Mobile4G},
    {"4G-UNLIMITED-199", "4G不限量套餐199元", "4G Unlimited 199", "mobile", "base", 19900, 40960, 1000, 0, 0, 0,
     "{}", "retired", PlanRole::Mobile4G},
    {"SENIOR-8", "老年关爱卡8元", "Senior Care 8", "mobile", "base", 800, 300, 100, 0, 0, 0, "{\"min_age\":60}",
     "active", PlanRole::MobileSenior},
    // Households.
    {"FAM-199", "家庭融合套餐199元（300M宽带+2张卡+IPTV）", "Family 199 (300M broadband, 2 SIMs, IPTV)", "bundle",
     "base", 19900, 40960, 1000, 0, 300, 24, "{\"max_sims\":2}", "active", PlanRole::FamilyBundle},
    {"FAM-299", "家庭融合套餐299元（千兆宽带+3张卡+IPTV）", "Family 299 (1000M broadband, 3 SIMs, IPTV)", "bundle",
     "base", 29900, 81920, 1500, 0, 1000, 24, "{\"max_sims\":3}", "active", PlanRole::FamilyBundle},
    {"FAM-399", "家庭融合套餐399元（千兆FTTR+4张卡+4K IPTV）", "Family 399 (1000M FTTR, 4 SIMs, 4K IPTV)", "bundle",
     "base", 39900, 153600, 2000, 0, 1000, 24, "{\"max_sims\":4}", "active", PlanRole::FamilyBundle},
    {"FAM-MEMBER", "家庭成员副卡", "Family member SIM", "mobile", "base", 0, 0, 0, 0, 0, 0,
     "{\"requires\":\"family_bundle\"}", "active", PlanRole::FamilyMember},
    {"BB-300", "300M宽带单装", "Broadband 300M", "broadband", "base", 10000, 0, 0, 0, 300, 12, "{}", "active",
     PlanRole::Broadband},
    {"BB-1000", "千兆宽带单装", "Broadband 1000M", "broadband", "base", 15000, 0, 0, 0, 1000, 12, "{}", "active",
     PlanRole::Broadband},
    {"IPTV-HD", "IPTV高清（融合套餐内含）", "IPTV HD (included in bundle)", "iptv", "base", 0, 0, 0, 0, 0, 0,
     "{\"requires\":\"family_bundle\"}", "active", PlanRole::Iptv},
    {"IPTV-4K", "IPTV 4K超清", "IPTV 4K", "iptv", "base", 2000, 0, 0, 0, 0, 0, "{}", "active", PlanRole::Iptv},
    {"FIXED-20", "固定电话月租20元", "Landline 20", "fixed", "base", 2000, 0, 200, 0, 0, 0, "{}", "active",
     PlanRole::Fixed},
    // Enterprises.
    {"ENT-5G-88", "5G商务卡88元", "5G Business 88", "mobile", "base", 8800, 20480, 500, 0, 0, 12,
     "{\"customer_type\":\"enterprise\"}", "active", PlanRole::EnterpriseMobile},
    {"ENT-5G-128", "5G商务卡128元", "5G Business 128", "mobile", "base", 12800, 40960, 1000, 0, 0, 12,
     "{\"customer_type\":\"enterprise\"}", "active", PlanRole::EnterpriseMobile},
    {"ENT-5G-288", "5G商务精英卡288元", "5G Business Elite 288", "mobile", "base", 28800, 102400, 2000, 0, 0, 24,
     "{\"customer_type\":\"enterprise\"}", "active", PlanRole::EnterpriseMobile},
    {"ENT-DIA-100", "互联网专线100M", "Dedicated Internet 100M", "broadband", "base", 198000, 0, 0, 0, 100, 36,
     "{\"customer_type\":\"enterprise\"}", "active", PlanRole::EnterpriseLine},
    {"ENT-DIA-500", "互联网专线500M", "Dedicated Internet 500M", "broadband", "base", 580000, 0, 0, 0, 500, 36,
     "{\"customer_type\":\"enterprise\"}", "active", PlanRole::EnterpriseLine},
    {"ENT-FIXED-30", "企业固话30元（含来电显示）", "Business landline 30 (caller ID)", "fixed", "base", 3000, 0, 500,
     0, 0, 12, "{\"customer_type\":\"enterprise\"}", "active", PlanRole::EnterpriseFixed},
    {"IOT-5", "物联网卡5元（100MB）", "IoT 5 (100MB)", "iot", "base", 500, 100, 0, 0, 0, 12,
     "{\"customer_type\":\"enterprise\"}", "active", PlanRole::Iot},
    {"IOT-20", "物联网卡20元（1GB）", "IoT 20 (1GB)", "iot", "base", 2000, 1024, 0, 0, 0, 12,
     "{\"customer_type\":\"enterprise\"}", "active", PlanRole::Iot},
    // Add-ons.
    {"ADD-DATA-10G", "10GB流量包（月包）", "10GB data pack (monthly)", "mobile", "addon", 3000, 10240, 0, 0, 0, 0,
     "{}", "active", PlanRole::AddonData},
    {"ADD-DATA-30G", "30GB流量包（月包）", "30GB data pack (monthly)", "mobile", "addon", 5000, 30720, 0, 0, 0, 0,
     "{}", "active", PlanRole::AddonData},
    {"ADD-TENCENT", "腾讯视频VIP会员", "Tencent Video VIP", "mobile", "addon", 2000, 0, 0, 0, 0, 0, "{}", "active",
     PlanRole::AddonVideo},
    {"ADD-IQIYI", "爱奇艺黄金会员", "iQIYI Gold membership", "mobile", "addon", 1900, 0, 0, 0, 0, 0, "{}", "active",
     PlanRole::AddonVideo},
    {"ADD-YOUKU", "优酷VIP会员", "Youku VIP", "mobile", "addon", 1500, 0, 0, 0, 0, 0, "{}", "active",
     PlanRole::AddonVideo},
    {"ADD-ROAM-DAY", "国际及港澳台漫游日包（25元/天）", "International roaming day pass (25 yuan/day)", "mobile",
     "addon", 2500, 1024, 0, 0, 0, 0, "{}", "active", PlanRole::AddonRoaming},
    {"ADD-CALLERID", "来电显示", "Caller ID", "mobile", "addon", 500, 0, 0, 0, 0, 0, "{}", "active",
     PlanRole::AddonCallerId},
    {"ADD-RINGBACK", "视频彩铃", "Video ring-back tone", "mobile", "addon", 500, 0, 0, 0, 0, 0, "{}", "active",
     PlanRole::AddonRingback},
};

// Characters of company trade names (字号); a name takes two of them.
const char* const kBrands[] = {
    "华", "信", "腾", "达", "鑫", "源", "博", "远", "瑞", "恒", "通", "丰", "金", "桥", "天", "成", "宏",
    "图", "新", "锐", "航", "智", "汇", "佳", "禾", "泰", "盛", "海", "纳", "云", "帆", "启", "明", "安",
    "德", "润", "美", "众", "诚", "聚", "卓", "越", "弘", "毅", "锦", "程", "宇", "鼎", "正", "泽", "嘉",
};

// An industry with a leading '@' names an institution: "<city><district><name>" without a brand.
const Industry kIndustries[] = {
    {"科技有限公司", "sme"},           {"贸易有限公司", "sme"},        {"物流有限公司", "sme"},
    {"建设工程有限公司", "sme"},       {"餐饮管理有限公司", "sme"},    {"医疗器械有限公司", "sme"},
    {"教育咨询有限公司", "sme"},       {"电子有限公司", "sme"},        {"食品有限公司", "sme"},
    {"服饰有限公司", "sme"},           {"机械设备有限公司", "sme"},    {"信息技术有限公司", "sme"},
    {"文化传媒有限公司", "sme"},       {"房地产经纪有限公司", "sme"},  {"汽车销售服务有限公司", "sme"},
    {"物业管理有限公司", "sme"},       {"实业集团有限公司", "large_enterprise"},
    {"制药股份有限公司", "large_enterprise"}, {"智能制造股份有限公司", "large_enterprise"},
    {"@人民医院", "government"},       {"@第一中学", "government"},    {"@市场监督管理局", "government"},
};

const TeamSpec kHotlineTeams[] = {
    {"热线一组", "billing,inquiry,5g"},
    {"热线二组", "billing,fault,broadband"},
    {"投诉处理组", "complaint,billing,escalation"},
    {"英语服务组", "english,roaming,inquiry"},
    {"客户挽留组", "retention,porting,offers"},
};

const TeamSpec kStoreTeams[] = {
    {"北京西单营业厅", "sales,identity,sim"},
    {"上海徐家汇营业厅", "sales,identity,sim"},
    {"广州天河营业厅", "sales,identity,broadband"},
    {"深圳华强北营业厅", "sales,identity,5g"},
    {"成都春熙路营业厅", "sales,identity,sim"},
};

const TeamSpec kAccountManagerTeams[] = {
    {"政企客户经理组", "enterprise,vip,retention"},
    {"VIP客户经理组", "vip,retention,billing"},
};

} // namespace

Table<PlanSpec> planCatalog() { return {kPlans, std::size(kPlans)}; }
Table<const char*> companyBrands() { return {kBrands, std::size(kBrands)}; }
Table<Industry> industries() { return {kIndustries, std::size(kIndustries)}; }
Table<TeamSpec> hotlineTeams() { return {kHotlineTeams, std::size(kHotlineTeams)}; }
Table<TeamSpec> storeTeams() { return {kStoreTeams, std::size(kStoreTeams)}; }
Table<TeamSpec> accountManagerTeams() { return {kAccountManagerTeams, std::size(kAccountManagerTeams)}; }

} // namespace telcodesk::demo
