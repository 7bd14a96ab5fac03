#include "demo/KbContent.h"

#include "demo/KbText.h"

#include <iterator>

// Broadband, number porting, real-name rules, coverage and devices: the service half of the demo
// operator's knowledge base.

namespace telcodesk::demo {

using namespace kbtext;

namespace {

struct Modem
{
    const char* vendorZh;
    const char* vendorEn;
    const char* model;
    bool gigabit;
    const char* address; ///< the local management page
};

const Modem kModems[] = {
    {"华为", "Huawei", "HG8245C", false, "192.168.100.1"},   {"华为", "Huawei", "HN8145XR", true, "192.168.100.1"},
    {"中兴", "ZTE", "F650", false, "192.168.1.1"},           {"中兴", "ZTE", "F7610M", true, "192.168.1.1"},
    {"烽火", "FiberHome", "HG6543C", false, "192.168.1.1"},  {"烽火", "FiberHome", "HG6145F", true, "192.168.1.1"},
    {"诺基亚贝尔", "Nokia Shanghai Bell", "G-140W-C", false, "192.168.1.1"},
    {"创维", "Skyworth", "DT741", true, "192.168.1.1"},
};

/// What to look at first in each kind of home, in the order of kHomes.
const Pair kHomeNotes[] = {
    {"", ""},
    {"<b>FTTR全光组网：</b>同时查看主光猫和各房间从光猫的指示灯；仅某个房间异常的，多为该房间的隐形光纤受损。",
     "<b>FTTR homes:</b> check the lights on the main unit and on each room unit; one room alone failing usually means "
     "its invisible fibre is damaged."},
    {"<b>千兆宽带：</b>确认测速终端和网线支持千兆，百兆网口的电脑最高只能测到约94Mbps。",
     "<b>Gigabit lines:</b> check the test device and cable are gigabit; a 100 Mbps port tops out near 94 Mbps."},
    {"<b>融合套餐：</b>IPTV与宽带共用一台光猫，重启光猫会同时中断电视，操作前告知客户。",
     "<b>Family bundles:</b> IPTV and broadband share the modem; restarting it cuts the TV too, so tell the customer "
     "first."},
    {"<b>老旧小区：</b>楼道分纤箱和入户皮线老化较常见，同楼栋多户报障的优先按线路故障派单。",
     "<b>Older estates:</b> worn distribution boxes and drop cables are common; several reports from one building go "
     "to the line team first."},
    {"<b>别墅及复式：</b>楼层之间楼板衰减大，建议每层部署一个FTTR从光猫或有线回程的Mesh节点。",
     "<b>Multi-storey homes:</b> floors block Wi-Fi; suggest an FTTR room unit or a wired mesh node on each floor."},
};

const Pair kHomes[] = {
    {"", ""},
    {"FTTR全光组网", "FTTR"},
    {"千兆宽带", "gigabit"},
    {"融合套餐", "family bundle"},
    {"老旧小区", "older estates"},
    {"别墅及复式", "multi-storey homes"},
};

} // namespace

// ---- Broadband in general ------------------------------------------------------------------------------

KbContent KbWriter::broadband(bool zh, KbRandom& r) const
{
    KbContent c;
    const int aspect = r.range(0, 4);
    const KbPlanInfo* plan = &planOf(r, {QStringLiteral("broadband"), QStringLiteral("bundle")}, QStringLiteral("base"));
    // Dedicated business lines have no IPTV and no home renewal offers.
    for (int tries = 0; tries < 8 && aspect >= 3 && plan->code.startsWith(QLatin1String("ENT-")); ++tries)
        plan = &planOf(r, {QStringLiteral("broadband"), QStringLiteral("bundle")}, QStringLiteral("base"));
    const KbPlanInfo& p = *plan;
    const QString name = zh ? p.nameZh : p.nameEn;
    c.tags << L(zh, "宽带", "broadband") << p.code;
    const QString speed = zh ? QStringLiteral("%1M").arg(p.speedMbps) : QStringLiteral("%1 Mbps").arg(p.speedMbps);
    switch (aspect) {
    case 0:
        c.title = zh ? QStringLiteral("%1（%2）测速标准与达标判定").arg(name, p.code)
                     : QStringLiteral("%1 (%2): speed tests and what counts as up to speed").arg(name, p.code);
        c.sections << para(zh ? QStringLiteral("签约速率%1。测速须满足以下条件，结果达到签约速率的80%视为达标。").arg(speed)
                              : QStringLiteral("Contracted speed %1. A test counts when done as below; 80 % of the contracted speed is up to speed.").arg(speed))
                   << list({L(zh, "使用网线直连光猫千兆网口（LAN1），电脑网卡为千兆。", "A cable into the modem's gigabit port (LAN1) and a gigabit network card."),
                            L(zh, "网线为超五类或六类线，关闭其他上网设备。", "Cat 5e or Cat 6 cable, other devices off."),
                            L(zh, "使用营业厅APP“宽带测速”或工信部认可的测速平台。", "The app's speed test or an MIIT-recognised test site."),
                            L(zh, "Wi-Fi测速受距离、墙体和终端影响，不作为达标依据。", "Wi-Fi tests depend on distance, walls and devices and do not count.")},
                           true);
        c.tags << L(zh, "测速", "speed test") << L(zh, "网速慢", "slow");
        break;
    case 1:
        c.title = zh ? QStringLiteral("%1宽带账号密码重置与PPPoE拨号").arg(name) : QStringLiteral("%1: resetting the broadband password and PPPoE").arg(name);
        c.sections << list({L(zh, "核验机主身份后，在系统“宽带账号”中重置密码，新密码短信下发至联系号码。", "After the identity check reset the password under Broadband account; the new one goes to the contact number by SMS."),
                            L(zh, "光猫为路由模式的，由装维远程下发新密码；桥接模式的由客户在路由器中修改。", "A modem in router mode gets the new password remotely; in bridge mode the customer changes it in their router."),
                            L(zh, "拨号报错691：账号或密码错误，或账号欠费停机。", "Dial-up error 691: wrong account or password, or the account is suspended."),
                            L(zh, "拨号报错678/651：线路或光猫故障，按故障排查处理。", "Errors 678/651: line or modem fault; follow the fault-finding steps.")},
                           true);
        c.tags << QStringLiteral("PPPoE") << L(zh, "密码", "password");
        break;
    case 2:
        c.title = zh ? QStringLiteral("%1千兆体验对终端和网线的要求").arg(name) : QStringLiteral("%1: what devices and cables gigabit needs").arg(name);
        c.sections << table({L(zh, "环节", "Part"), L(zh, "要求", "Needs")},
                            {{L(zh, "光猫", "Modem"), L(zh, "千兆光猫（10G PON或GPON千兆口）", "gigabit modem (10G PON or gigabit GPON)")},
                             {L(zh, "路由器", "Router"), L(zh, "Wi-Fi 6及以上，千兆WAN口", "Wi-Fi 6 or newer, gigabit WAN port")},
                             {L(zh, "网线", "Cable"), L(zh, "超五类及以上", "Cat 5e or better")},
                             {L(zh, "终端", "Device"), L(zh, "支持5GHz频段和Wi-Fi 6", "5 GHz and Wi-Fi 6")}})
                   << para(zh ? QStringLiteral("%1签约速率%2，客户终端不满足要求时无法达到签约速率，可推荐FTTR全光组网。").arg(name, speed)
                              : QStringLiteral("%1 is contracted at %2; older devices cannot reach it, so suggest FTTR.").arg(name, speed));
        c.tags << L(zh, "千兆", "gigabit") << QStringLiteral("Wi-Fi");
        break;
    case 3:
        c.title = zh ? QStringLiteral("%1续约与到期处理").arg(name) : QStringLiteral("%1: renewal and what happens at the end").arg(name);
        c.sections << list({zh ? QStringLiteral("合约期%1个月，到期前30天短信提醒续约。").arg(p.contractMonths)
                               : QStringLiteral("The contract runs %1 months; an SMS 30 days before the end offers renewal.").arg(p.contractMonths),
                            L(zh, "到期未续约的，自动转为同速率标准资费，不会停机。", "Without renewal it continues at the standard price for the same speed; it is not cut off."),
                            L(zh, "续约可选择原速率或提速，提速次日生效。", "Renew at the same speed or faster; a faster speed starts the next day."),
                            L(zh, "到期后拆机无违约金，光猫需归还（融合套餐内的光猫免费赠送的除外）。", "No fee for leaving after the end; the modem is returned unless it was given with a bundle.")},
                           true);
        c.tags << L(zh, "续约", "renewal");
        break;
    default:
        c.title = zh ? QStringLiteral("%1的IPTV多屏与机顶盒").arg(name) : QStringLiteral("%1: IPTV on several TVs").arg(name);
        c.sections << list({L(zh, "每户最多3台机顶盒，第二台起每台每月10元。", "Up to 3 set-top boxes per home; each after the first costs CNY 10 a month."),
                            L(zh, "机顶盒需接光猫IPTV口（一般为LAN2或LAN4）。", "The box goes into the modem's IPTV port (usually LAN2 or LAN4)."),
                            L(zh, "4K频道需开通IPTV-4K，月费20元。", "4K channels need IPTV-4K at CNY 20 a month."),
                            L(zh, "机顶盒提示“认证失败”的，核实IPTV业务账号状态后远程重置。", "\"Authentication failed\" on the box: check the IPTV account and reset it remotely.")},
                           false);
        c.tags << QStringLiteral("IPTV") << L(zh, "机顶盒", "set-top box");
        break;
    }
    c.sections.prepend(para(zh ? QStringLiteral("<b>适用套餐：</b>%1（%2），签约速率%3M，月费%4。").arg(p.nameZh, p.code).arg(p.speedMbps).arg(yuan(p.feeFen, zh))
                               : QStringLiteral("<b>Plan:</b> %1 (%2), %3 Mbps, %4 a month.").arg(p.nameEn, p.code).arg(p.speedMbps).arg(yuan(p.feeFen, zh))));
    c.additions.push_back({para(L(zh, "装维预约可在APP“宽带-预约上门”选择时段，工程师上门前30分钟电话联系。",
                                  "Engineer visits can be booked in the app (Broadband > Book a visit); the engineer "
                                  "calls 30 minutes before arriving.")),
                           L(zh, "补充预约上门说明", "Added how to book a visit")});
    return c;
}

// ---- Broadband faults ------------------------------------------------------------------------------------

KbContent KbWriter::broadbandFault(bool zh, KbRandom& r) const
{
    KbContent c;
    const Modem& m = r.pick(kModems);
    const QString modem = zh ? QString(QString::fromUtf8(m.vendorZh) + QString::fromUtf8(m.model))
                             : QString(QString::fromUtf8(m.vendorEn) + QLatin1Char(' ') + QString::fromUtf8(m.model));
    const Pair& home = kHomes[r.chance(0.5) ? 0 : r.range(1, int(std::size(kHomes)) - 1)];
    const QString homeText = L(zh, home);
    const QString homeTitle = homeText.isEmpty() ? QString() : (zh ? QStringLiteral("（%1）").arg(homeText) : QStringLiteral(" (%1)").arg(homeText));
    const int aspect = r.range(0, 6);
    c.tags << L(zh, "宽带", "broadband") << L(zh, "故障", "fault") << L(zh, "光猫", "modem") << QString::fromUtf8(m.model);
    const QString dispatch = L(zh, "以上步骤无效的，创建宽带故障工单（宽带队列），派单装维工程师上门，告知客户24小时内联系。",
                               "If none of this helps, open a broadband fault ticket (broadband queue) to dispatch an "
                               "engineer and tell the customer to expect a call within 24 hours.");
    switch (aspect) {
    case 0:
        c.title = zh ? QStringLiteral("%1光猫LOS灯红色闪烁的处理步骤%2").arg(modem, homeTitle)
                     : QStringLiteral("%1 modem: LOS light flashing red%2").arg(modem, homeTitle);
        c.earlierTitle = zh ? QStringLiteral("光猫LOS红灯（%1）").arg(modem) : QStringLiteral("LOS red light (%1)").arg(modem);
        c.sections << para(L(zh, "LOS灯红色闪烁表示光猫收不到光信号，通常是光纤线路问题，客户侧能处理的有限。",
                             "A flashing red LOS light means the modem receives no light: usually the fibre, and little can be done at home."))
                   << h3(L(zh, "处理步骤", "Steps"))
                   << list({L(zh, "请客户检查光猫背面的黄色光纤尾纤是否松动、弯折（弯曲半径不小于3厘米）。", "Ask the customer to check the yellow fibre patch cord at the back is not loose or bent tightly (no tighter than 3 cm)."),
                            L(zh, "拔下光纤接头，确认端面无灰尘后重新插紧，听到“咔哒”声。", "Unplug the fibre connector, check it is clean and plug it back until it clicks."),
                            L(zh, "关闭光猫电源，等待1分钟后重新开机，观察3分钟。", "Power the modem off, wait a minute, power it on and watch for 3 minutes."),
                            L(zh, "系统查询该地址所在PON口是否有批量告警；有告警的按区域故障告知客户预计恢复时间。", "Check for alarms on the PON port of the address; an area fault means telling the customer when it is expected back."),
                            dispatch},
                           true);
        c.tags << QStringLiteral("LOS") << L(zh, "红灯", "red light");
        break;
    case 1:
        c.title = zh ? QStringLiteral("%1光猫PON灯闪烁或不亮的排查%2").arg(modem, homeTitle)
                     : QStringLiteral("%1 modem: PON light flashing or off%2").arg(modem, homeTitle);
        c.sections << para(L(zh, "PON灯常亮表示注册成功；闪烁表示正在注册或注册失败；不亮表示未收到有效光信号或光猫未配置。",
                             "A steady PON light means the modem is registered; flashing means registering or failed; off means no valid signal or no configuration."))
                   << list({L(zh, "重启光猫，等待5分钟观察PON灯。", "Restart the modem and watch the PON light for 5 minutes."),
                            L(zh, "系统查询光猫LOID/SN注册状态；新装或更换光猫的需核对SN是否录入正确。", "Check the LOID/SN registration; after a new install or a swap, check the SN entered."),
                            L(zh, "远程下发配置后仍闪烁的，记录光功率（正常-8至-27dBm）。", "Still flashing after a remote push: note the optical power (normal is -8 to -27 dBm)."),
                            dispatch},
                           true);
        c.tags << QStringLiteral("PON");
        break;
    case 2:
        c.title = zh ? QStringLiteral("%1光猫灯正常但无法上网%2").arg(modem, homeTitle)
                     : QStringLiteral("%1: lights normal but no internet%2").arg(modem, homeTitle);
        c.sections << list({L(zh, "确认账号无欠费停机，宽带账号状态正常。", "Check the account is not suspended for arrears."),
                            L(zh, "电脑有线直连光猫，查看能否获取IP地址（192.168.1.x）。", "Connect a computer by cable and see whether it gets an address (192.168.1.x)."),
                            L(zh, "自购路由器的：拔掉路由器直连测试，区分是否为路由器问题。", "With the customer's own router: test without it to see if the router is at fault."),
                            L(zh, "系统查询拨号记录，出现691错误的重置密码。", "Look at the dial-up log; error 691 means resetting the password."),
                            L(zh, "远程重启光猫并恢复出厂配置后重新下发。", "Restart the modem remotely and push its configuration again."),
                            dispatch},
                           true);
        c.tags << L(zh, "无法上网", "no internet");
        break;
    case 3:
        c.title = zh ? QStringLiteral("%1家中Wi-Fi信号弱、穿墙差的优化建议%2").arg(modem, homeTitle)
                     : QStringLiteral("%1: weak Wi-Fi through walls%2").arg(modem, homeTitle);
        c.sections << list({L(zh, "光猫尽量放在房屋中央、离地1米以上，远离微波炉和金属柜。", "Put the modem near the middle of the home, over a metre up, away from microwaves and metal."),
                            L(zh, "2.4GHz穿墙好但速率低，5GHz速率高但穿墙差；建议开启双频合一。", "2.4 GHz goes through walls but is slower; 5 GHz is faster with less reach; turn on band steering."),
                            L(zh, "信道拥挤时在光猫管理页面更换信道（2.4GHz选1、6、11）。", "On a crowded channel change it in the modem's page (2.4 GHz: 1, 6 or 11)."),
                            L(zh, "面积超过90平方米或多层的，推荐FTTR或Mesh组网。", "Over 90 m² or several floors: suggest FTTR or mesh."),
                            L(zh, "客户同意的，可预约上门调测Wi-Fi（首次免费）。", "If the customer wants, book a Wi-Fi visit (the first is free).")},
                           true);
        c.tags << QStringLiteral("Wi-Fi") << QStringLiteral("5GHz") << QStringLiteral("2.4GHz");
        break;
    case 4:
        c.title = zh ? QStringLiteral("%1宽带网速慢的排查步骤%2").arg(modem, homeTitle)
                     : QStringLiteral("%1: slow broadband, step by step%2").arg(modem, homeTitle);
        c.sections << list({L(zh, "有线直连测速（APP“宽带测速”），与签约速率对比。", "Test over a cable with the app's speed test and compare with the contracted speed."),
                            L(zh, "有线达标、Wi-Fi慢的，按Wi-Fi优化处理。", "Cable fine but Wi-Fi slow: Wi-Fi tuning."),
                            L(zh, "有线也不达标：查询端口速率配置和线路光功率。", "Cable slow too: check the port speed profile and the optical power."),
                            L(zh, "晚高峰（20:00-23:00）变慢的，查询所在OLT上联利用率。", "Slow only in the evening peak (20:00-23:00): check the OLT uplink load."),
                            L(zh, "排除终端问题：更换网线、电脑，关闭下载软件。", "Rule out the device: another cable, another computer, downloads off."),
                            dispatch},
                           true);
        c.tags << L(zh, "网速慢", "slow") << L(zh, "测速", "speed test");
        break;
    case 5:
        c.title = zh ? QStringLiteral("%1宽带频繁掉线的处理%2").arg(modem, homeTitle)
                     : QStringLiteral("%1: broadband keeps dropping%2").arg(modem, homeTitle);
        c.sections << list({L(zh, "询问掉线规律：固定时间、雷雨天气、使用特定电器时。", "Ask when it drops: at set times, in storms, with certain appliances on."),
                            L(zh, "系统查询光猫离线记录和光功率波动。", "Look at the modem's offline log and optical power history."),
                            L(zh, "检查光猫是否过热、电源适配器是否原装。", "Check the modem is not overheating and uses its own power adapter."),
                            L(zh, "近7天掉线超过10次的，直接派单更换光猫。", "More than 10 drops in 7 days: dispatch a modem swap."),
                            dispatch},
                           true);
        c.tags << L(zh, "掉线", "drops");
        break;
    default:
        c.title = zh ? QStringLiteral("%1 IPTV无信号或卡顿的排查%2").arg(modem, homeTitle)
                     : QStringLiteral("%1: IPTV no signal or stuttering%2").arg(modem, homeTitle);
        c.sections << list({L(zh, "确认机顶盒网线接在光猫IPTV口。", "Check the set-top box is on the modem's IPTV port."),
                            L(zh, "重启机顶盒和光猫。", "Restart the box and the modem."),
                            L(zh, "电视信号源选择正确的HDMI通道。", "Pick the right HDMI input on the TV."),
                            L(zh, "系统查询IPTV账号状态，远程重置机顶盒。", "Check the IPTV account and reset the box remotely."),
                            dispatch},
                           true);
        c.tags << QStringLiteral("IPTV");
        break;
    }
    c.sections.prepend(para(
        zh ? QStringLiteral("<b>设备：</b>%1，本地管理地址%2（普通账号见光猫背面标签，超级管理员由装维远程登录）；%3。")
                 .arg(modem, QString::fromUtf8(m.address),
                      m.gigabit ? QStringLiteral("支持千兆和Wi-Fi 6双频（2.4GHz/5GHz）")
                                : QStringLiteral("非千兆型号，千兆套餐客户需更换为千兆光猫"))
           : QStringLiteral("<b>Device:</b> %1, local page %2 (the user login is on the label underneath; engineers log "
                            "in remotely as administrator); %3.")
                 .arg(modem, QString::fromUtf8(m.address),
                      m.gigabit ? QStringLiteral("gigabit with dual-band Wi-Fi 6 (2.4 GHz / 5 GHz)")
                                : QStringLiteral("not a gigabit model, so gigabit customers need a new modem"))));
    if (&home != &kHomes[0])
        c.sections.insert(1, para(L(zh, kHomeNotes[&home - kHomes])));
    c.additions.push_back({para(L(zh, "派单前在工单中记录：光猫型号、指示灯状态、已做过的步骤和客户方便上门的时段。",
                                  "Before dispatching, write in the ticket: modem model, lights, steps done and when "
                                  "the customer is at home.")),
                           L(zh, "补充派单信息要求", "Added what to record before dispatching")});
    if (r.chance(0.4))
        c.additions.push_back({para(L(zh, "区域性故障（同一PON口多户告警）不再逐户派单，关联到区域故障单统一处理。",
                                      "Area faults (several homes on one PON port) are not dispatched home by home; "
                                      "link the ticket to the area fault.")),
                               L(zh, "新增区域故障处理口径", "Added the area-fault rule")});
    return c;
}

// ---- Installation and moving ----------------------------------------------------------------------------

KbContent KbWriter::broadbandInstall(bool zh, KbRandom& r) const
{
    KbContent c;
    QString city, scope;
    const QString prefix = r.chance(0.7) ? regionalPrefix(zh, r, &city, &scope) : QString();
    const int aspect = r.range(0, 5);
    const KbPlanInfo& p = planOf(r, {QStringLiteral("broadband"), QStringLiteral("bundle")}, QStringLiteral("base"));
    c.tags << L(zh, "宽带", "broadband") << L(zh, "装机", "installation");
    if (!city.isEmpty())
        c.tags << city;
    switch (aspect) {
    case 0:
        c.title = prefix + (zh ? QStringLiteral("新装宽带受理流程与装机时限") : QStringLiteral("New broadband: how to order and how long it takes"));
        c.sections << list({L(zh, "查询地址是否具备光纤资源（系统“资源预判”）。", "Check the address has fibre (resource check)."),
                            zh ? QStringLiteral("推荐套餐：%1（%2，月费%3）。").arg(p.nameZh, p.code, yuan(p.feeFen, zh))
                               : QStringLiteral("Suggest %1 (%2, %3 a month).").arg(p.nameEn, p.code, yuan(p.feeFen, zh)),
                            L(zh, "客户实名并签署协议，预约上门时段。", "Register the customer, sign the agreement, book a visit."),
                            L(zh, "有资源的地址48小时内装机；需新建资源的最长15个工作日。", "With fibre in place: installed within 48 hours; new fibre takes up to 15 working days.")},
                           true);
        c.tags << L(zh, "新装", "new line");
        break;
    case 1:
        c.title = prefix + (zh ? QStringLiteral("宽带移机办理条件与费用") : QStringLiteral("Moving broadband to a new address"));
        c.sections << list({L(zh, "机主本人办理，新地址需在同一城市且具备资源。", "The owner applies; the new address must be in the same city with fibre."),
                            L(zh, "合约期内移机不收违约金，合约期延续。", "Moving during a contract costs no fee and the contract continues."),
                            L(zh, "移机费：每年第一次免费，之后每次100元。", "The first move each year is free, then CNY 100 each."),
                            L(zh, "新地址无资源的，可暂停宽带（最长6个月）或无违约金拆机。", "Without fibre at the new address: pause for up to 6 months or cancel without a fee.")},
                           true);
        c.tags << L(zh, "移机", "moving");
        break;
    case 2:
        c.title = prefix + (zh ? QStringLiteral("宽带拆机与光猫归还") : QStringLiteral("Cancelling broadband and returning the modem"));
        c.sections << list({L(zh, "结清费用；合约期内拆机按协议收取违约金。", "Settle the account; within a contract the agreement's fee applies."),
                            L(zh, "租用光猫须在30天内归还营业厅，未归还的按200元收取设备费。", "A rented modem goes back to a store within 30 days, or costs CNY 200."),
                            L(zh, "融合套餐拆宽带的，套餐需变更为纯手机套餐。", "In a bundle, the plan changes to a mobile-only plan.")},
                           true);
        c.tags << L(zh, "拆机", "cancel");
        break;
    case 3:
        c.title = prefix + (zh ? QStringLiteral("FTTR全光组网办理与上门安装") : QStringLiteral("FTTR fibre-to-the-room: ordering and installation"));
        c.sections << para(L(zh, "FTTR将光纤延伸到每个房间，每个房间安装从光猫，Wi-Fi覆盖和速率明显优于传统组网。", "FTTR takes fibre into each room with a small modem there; coverage and speed beat ordinary Wi-Fi."))
                   << table({L(zh, "方案", "Option"), L(zh, "费用", "Cost")},
                            {{L(zh, "主光猫+1个从光猫", "Main + 1 room unit"), L(zh, "一次性299元或月付20元", "CNY 299 once or CNY 20 a month")},
                             {L(zh, "每增加1个从光猫", "Each extra room unit"), L(zh, "一次性199元或月付10元", "CNY 199 once or CNY 10 a month")},
                             {L(zh, "FAM-399融合套餐", "FAM-399 bundle"), L(zh, "含FTTR主从各1个", "includes one main and one room unit")}})
                   << para(L(zh, "安装需预留2至4小时，工程师现场勘查走线方式（隐形光纤或线槽）。", "Allow 2 to 4 hours; the engineer decides how to run the fibre (invisible fibre or trunking)."));
        c.tags << QStringLiteral("FTTR");
        break;
    case 4:
        c.title = prefix + (zh ? QStringLiteral("宽带提速办理与生效时间") : QStringLiteral("Faster broadband: ordering and when it starts"));
        c.sections << list({L(zh, "300M提速至千兆：次日生效，如光猫不支持千兆需上门更换。", "300M to gigabit: the next day; a modem that cannot do gigabit is swapped on a visit."),
                            L(zh, "提速后合约期重新计算。", "The contract restarts with the faster speed."),
                            L(zh, "降速次月生效，合约期内不可降速。", "Slower speeds start next month and not during a contract.")},
                           true);
        c.tags << L(zh, "提速", "speed upgrade");
        break;
    default:
        c.title = prefix + (zh ? QStringLiteral("装机预约改期与工程师爽约处理") : QStringLiteral("Rescheduling an installation and missed visits"));
        c.sections << list({L(zh, "客户可在上门前2小时通过APP或热线改期，最多改期3次。", "The customer can move the visit up to 2 hours before, at most three times."),
                            L(zh, "工程师超过预约时段30分钟未到的，坐席催单并向客户致歉。", "An engineer over 30 minutes late: chase the dispatch and apologise."),
                            L(zh, "确认爽约的，按服务承诺赠送10元话费补偿。", "A missed visit earns the customer CNY 10 of credit under the service promise.")},
                           true);
        c.tags << L(zh, "预约", "appointment");
        break;
    }
    if (!scope.isEmpty())
        c.sections.prepend(scope);
    c.additions.push_back({para(L(zh, "装机完成后24小时内回访，确认速率达标、光猫摆放合理，并引导客户在APP评价。",
                                  "Within 24 hours of installation call back: speed, modem placement, and ask for a "
                                  "rating in the app.")),
                           L(zh, "新增装机回访要求", "Added the follow-up call")});
    return c;
}

// ---- Number porting --------------------------------------------------------------------------------------

KbContent KbWriter::porting(bool zh, KbRandom& r) const
{
    KbContent c;
    const int aspect = r.range(0, 6);
    QString city, scope;
    const QString prefix = r.chance(0.5) ? regionalPrefix(zh, r, &city, &scope) : QString();
    c.tags << L(zh, "携号转网", "number porting") << L(zh, "携号", "porting");
    if (!city.isEmpty())
        c.tags << city;
    const QString conditions = list(
        {L(zh, "号码已完成实名登记，且办理人为机主本人。", "The number is registered to the person asking."),
         L(zh, "号码状态正常：非停机、非挂失，无欠费。", "The line is active: not suspended, not reported lost, no arrears."),
         L(zh, "无未到期的合约（购机、话费返还、宽带融合等），或已按约定解除。", "No running contract (handset, cash-back, bundle), or it has been ended as agreed."),
         L(zh, "距上次携号转网已满120天；新入网号码满120天。", "At least 120 days since the last port, or since the number was issued."),
         L(zh, "携入、携出须在同一本地网内，号码归属地不变。", "Porting happens within the same local network; the number keeps its home area."),
         L(zh, "物联网卡、副卡需先拆除或单独处理。", "IoT SIMs and extra SIMs are removed or dealt with first.")},
        false);
    const QString sms = para(L(zh, "<b>资格查询：</b>编辑短信“CXXZ#姓名#证件号码”发送至携出方客服号码（中国移动10086、中国联通10010、中国电信10001），运营商回复是否符合条件及不符合的原因。",
                               "<b>Eligibility check:</b> the customer texts \"CXXZ#name#ID number\" to the current operator's service number (China Mobile 10086, China Unicom 10010, China Telecom 10001) and gets a reply saying whether the number can port and, if not, why."));
    switch (aspect) {
    case 0:
        c.title = prefix + (zh ? QStringLiteral("携号转网（携出）办理条件") : QStringLiteral("Porting a number out: the conditions"));
        c.earlierTitle = prefix + (zh ? QStringLiteral("携号转网条件") : QStringLiteral("Number porting conditions"));
        c.sections << conditions << sms;
        break;
    case 1:
        c.title = prefix + (zh ? QStringLiteral("携号转网授权码的申请与使用") : QStringLiteral("The porting authorisation code"));
        c.sections << sms
                   << para(L(zh, "<b>申请授权码：</b>符合条件的，编辑短信“SQXZ#姓名#证件号码”发送至同一号码获取授权码；授权码有时效，过期须重新申请。",
                             "<b>Authorisation code:</b> if eligible, text \"SQXZ#name#ID number\" to the same number; the code expires after a while and then has to be asked for again."))
                   << list({L(zh, "客户持本人证件和授权码到携入方营业厅办理，或在携入方APP线上申请。", "The customer brings ID and the code to the new operator's store, or applies in its app."),
                            L(zh, "授权码仅限本人使用，坐席不得索要或代为接收。", "The code is the customer's alone; agents never ask for it or receive it for them."),
                            L(zh, "携转生效后新卡启用，旧卡失效。", "Once the port completes the new SIM works and the old one stops.")},
                           true);
        c.tags << L(zh, "授权码", "authorisation code") << QStringLiteral("SQXZ");
        break;
    case 2:
        c.title = prefix + (zh ? QStringLiteral("携转资格查询不通过的原因及处理") : QStringLiteral("Porting refused: reasons and what to do"));
        c.sections << sms
                   << table({L(zh, "回复原因", "Reason given"), L(zh, "处理方式", "What to do")},
                            {{L(zh, "存在欠费", "Arrears"), L(zh, "结清欠费（含当月实时话费）", "pay everything owed, this month included")},
                             {L(zh, "存在在约合约", "Contract running"), L(zh, "到期或按协议解约", "wait for the end or end it as agreed")},
                             {L(zh, "入网或上次携转未满120天", "Under 120 days"), L(zh, "满期后再办理", "wait until 120 days have passed")},
                             {L(zh, "非实名或非本人", "Not registered to this person"), L(zh, "先完成实名补登记或过户", "register or transfer the line first")},
                             {L(zh, "存在副卡或融合业务", "Extra SIMs or bundle"), L(zh, "拆除副卡、拆分融合", "remove the extra SIMs, split the bundle")}})
                   << para(L(zh, "客户认为限制不合理的，可向工信部12300申诉；坐席如实解释，不得以任何理由设置障碍。", "A customer who finds a block unfair can appeal to MIIT (12300); explain truthfully and never put obstacles in the way."));
        c.tags << QStringLiteral("CXXZ") << L(zh, "不符合条件", "refused");
        break;
    case 3:
        c.title = prefix + (zh ? QStringLiteral("携入我网的客户办理流程") : QStringLiteral("Porting a number in to us"));
        c.sections << list({L(zh, "客户先向原运营商查询资格并获取授权码。", "The customer checks eligibility with the old operator and gets the code."),
                            L(zh, "营业厅核验本人证件，人像比对。", "The store checks ID with a face match."),
                            L(zh, "录入授权码，选择套餐（可选5G畅享系列），写入新SIM卡。", "Enter the code, choose a plan (for instance 5G Enjoy), issue a new SIM."),
                            L(zh, "携转生效后通知客户更换SIM卡并重启手机。", "When the port completes tell the customer to swap the SIM and restart."),
                            L(zh, "携入后120天内不能再次携出。", "A ported-in number cannot port again for 120 days.")},
                           true);
        c.tags << L(zh, "携入", "port in");
        break;
    case 4:
        c.title = prefix + (zh ? QStringLiteral("携出后余额退还与积分处理") : QStringLiteral("After porting out: balance refunds and points"));
        c.sections << list({L(zh, "携出后账户现金余额在次月5日后可退还，客户持证件到营业厅或通过APP申请。", "The cash balance can be refunded from the 5th of next month, in a store with ID or in the app."),
                            L(zh, "赠款、积分随携出作废，建议客户携出前兑换。", "Bonus credit and points lapse; suggest using them first."),
                            L(zh, "携出后仍可查询携出前的账单和详单。", "Bills and records from before the port stay available."),
                            L(zh, "银行、支付平台绑定的号码无需更改，但部分短信服务需重新订阅。", "Bank and payment bindings keep working; some SMS services need subscribing again.")},
                           false);
        c.tags << L(zh, "余额退还", "balance refund");
        break;
    case 5:
        c.title = prefix + (zh ? QStringLiteral("客户咨询携号转网时的挽留话术与优惠") : QStringLiteral("A customer asks about porting: retention"));
        c.sections << para(L(zh, "客户咨询携转通常意味着流失风险高，应先了解原因，再如实解答条件，不得阻挠。", "A porting enquiry signals a customer about to leave: learn why first, answer the conditions truthfully, never obstruct."))
                   << list({L(zh, "费用原因：查询可办理的保档优惠、融合折扣。", "Cost: look for stay-on discounts and bundle savings."),
                            L(zh, "网络原因：核查客户常驻地信号，必要时提交网络优化工单。", "Coverage: check the signal where the customer lives and works; open a network ticket if needed."),
                            L(zh, "服务原因：升级至投诉处理组跟进。", "Service: escalate to the complaints team."),
                            L(zh, "客户坚持携转的，告知CXXZ查询方式，并在系统中标记“携转意向”。", "If they still want to go, explain the CXXZ check and mark the porting intent in the system.")},
                           true);
        c.tags << L(zh, "挽留", "retention");
        break;
    default:
        c.title = prefix + (zh ? QStringLiteral("携号转网后来电、短信异常的处理") : QStringLiteral("Calls or texts failing after a port"));
        c.sections << list({L(zh, "携转生效后的2小时内，部分网络的路由更新可能延迟。", "For up to 2 hours after the port some networks may still route the old way."),
                            L(zh, "超过24小时仍收不到短信或来电的，记录主叫号码和时间，提交携号转网故障工单（携转队列）。", "Still failing after 24 hours: note the calling numbers and times and open a porting fault ticket (porting queue)."),
                            L(zh, "手机需更换为新SIM卡，并关闭再打开VoLTE开关。", "The phone needs the new SIM and VoLTE switched off and on.")},
                           true);
        c.tags << L(zh, "故障", "fault");
        break;
    }
    if (!scope.isEmpty())
        c.sections.prepend(scope);
    c.additions.push_back({h3(L(zh, "携转条件速查", "Conditions at a glance")) + conditions,
                           L(zh, "补充携转条件速查", "Added the conditions at a glance")});
    return c;
}

// ---- Real-name registration ----------------------------------------------------------------------------

KbContent KbWriter::realName(bool zh, KbRandom& r) const
{
    KbContent c;
    const int aspect = r.range(0, 5);
    QString city, scope;
    const QString prefix = r.chance(0.4) ? regionalPrefix(zh, r, &city, &scope) : QString();
    c.tags << L(zh, "实名", "real name") << L(zh, "实名制", "real-name registration");
    if (!city.isEmpty())
        c.tags << city;
    const QString documents = table({L(zh, "客户", "Customer"), L(zh, "可用证件", "Accepted documents")},
                                    {{L(zh, "中国内地居民", "Mainland residents"), L(zh, "居民身份证、临时居民身份证", "resident ID card, temporary resident ID card")},
                                     {L(zh, "港澳居民", "Hong Kong and Macao residents"), L(zh, "港澳居民来往内地通行证、港澳台居民居住证", "Mainland Travel Permit, residence permit")},
                                     {L(zh, "台湾居民", "Taiwan residents"), L(zh, "台湾居民来往大陆通行证、港澳台居民居住证", "Mainland Travel Permit for Taiwan residents, residence permit")},
                                     {L(zh, "外国人", "Foreign nationals"), L(zh, "护照（有效期内）、外国人永久居留身份证", "passport (valid), Foreign Permanent Resident ID Card")},
                                     {L(zh, "单位", "Organisations"), L(zh, "营业执照等单位证件＋经办人身份证件＋授权书", "business licence + the representative's ID + authorisation")}});
    switch (aspect) {
    case 0:
        c.title = prefix + (zh ? QStringLiteral("办理入网可使用的有效证件") : QStringLiteral("ID documents accepted for a new line"));
        c.sections << documents
                   << para(L(zh, "证件须为原件且在有效期内，营业厅现场进行人像比对；复印件、照片、电子证照截图不予受理。", "Originals only, valid, with a face match in the store; copies, photos and screenshots are refused."));
        c.tags << L(zh, "证件", "documents");
        break;
    case 1:
        c.title = prefix + (zh ? QStringLiteral("一证五号规则与名下号码查询") : QStringLiteral("The five-numbers rule and checking numbers held"));
        c.earlierTitle = prefix + (zh ? QStringLiteral("一证五号") : QStringLiteral("Five numbers per ID"));
        c.sections << para(L(zh, "同一证件在同一运营商全国范围内办理的手机号码（含副卡，不含物联网卡）最多5个，超过的不予新办。", "One ID document may hold at most 5 mobile numbers with the same operator nationwide (extra SIMs included, IoT SIMs not); no new line above that."))
                   << list({L(zh, "系统“证件名下号码”查询本网号码数量。", "Our count: the Numbers on this ID query."),
                            L(zh, "客户可通过“一证通查”服务查询本人名下各运营商号码。", "Across operators the customer can use the national \"一证通查\" service."),
                            L(zh, "发现非本人办理的号码，引导客户到营业厅办理销户或投诉，坐席不得透露号码全号。", "Numbers the customer did not open: refer them to a store to close or report them; never read out full numbers.")},
                           true);
        c.tags << L(zh, "一证五号", "five numbers") << L(zh, "一证通查", "number check");
        break;
    case 2:
        c.title = prefix + (zh ? QStringLiteral("外籍客户使用护照入网办理要求") : QStringLiteral("Foreign customers: a new line with a passport"));
        c.sections << documents
                   << list({L(zh, "护照原件须在有效期内，签证或居留许可剩余有效期决定号码有效期。", "A valid passport; the visa or residence permit decides how long the line stays registered."),
                            L(zh, "姓名按护照机读区录入（姓在前、名在后），不得自行翻译。", "Enter the name as in the passport's machine-readable zone (surname first), never translated."),
                            L(zh, "证件到期前30天短信提醒客户更新证件信息，逾期未更新的将限制部分功能。", "30 days before the document expires an SMS asks for an update; after it, some services are restricted."),
                            L(zh, "英语服务组可提供英文协助。", "The English service team can help in English.")},
                           true);
        c.tags << L(zh, "护照", "passport") << L(zh, "外籍", "foreigners");
        break;
    case 3:
        c.title = prefix + (zh ? QStringLiteral("未成年人办理号码的监护人代办规定") : QStringLiteral("Lines for minors: guardians apply for them"));
        c.sections << list({L(zh, "未满16周岁的，由监护人持本人证件和户口簿（证明监护关系）代办，号码登记在未成年人名下。", "Under 16: a guardian applies with their own ID and the household register proving guardianship; the line is registered to the child."),
                            L(zh, "16至18周岁可本人持身份证办理。", "From 16 to 18 the young person can apply with their own ID."),
                            L(zh, "推荐开通未成年人防沉迷和不良信息拦截功能。", "Suggest the parental controls and content filtering.")},
                           true);
        c.tags << L(zh, "未成年人", "minors") << L(zh, "代办", "guardian");
        break;
    case 4:
        c.title = prefix + (zh ? QStringLiteral("号码过户办理条件") : QStringLiteral("Transferring a number to another person"));
        c.sections << list({L(zh, "原机主和新机主本人同时到场，携带各自有效证件。", "Both the current and the new owner come with their own ID."),
                            L(zh, "号码无欠费、无在约合约；新机主未超过一证五号。", "No arrears, no contract; the new owner holds fewer than five numbers."),
                            L(zh, "机主身故的，继承人凭死亡证明和继承关系证明办理。", "If the owner has died, an heir applies with the death certificate and proof of inheritance."),
                            L(zh, "过户后原机主的余额、积分不转移。", "Balance and points do not move to the new owner.")},
                           true);
        c.tags << L(zh, "过户", "transfer");
        break;
    default:
        c.title = prefix + (zh ? QStringLiteral("实名信息核验不一致导致停机的处理") : QStringLiteral("Suspended after a failed identity check"));
        c.sections << list({L(zh, "系统提示“实名核验不通过”的，号码会被限制呼出。", "A failed identity check restricts outgoing calls."),
                            L(zh, "请机主本人携证件到营业厅重新登记，或在APP完成人像比对。", "The owner re-registers in a store with ID or in the app with a face check."),
                            documents,
                            L(zh, "核验通过后2小时内恢复。", "Service returns within 2 hours of passing.")},
                           true);
        c.tags << L(zh, "核验", "verification") << L(zh, "停机", "suspension");
        break;
    }
    if (!scope.isEmpty())
        c.sections.prepend(scope);
    c.additions.push_back({para(L(zh, "反诈提示：客户反映他人冒用证件办卡的，引导报警并到营业厅办理销户，系统中标记“疑似冒名”。",
                                  "Fraud: a customer whose ID was used by someone else should report it to the police "
                                  "and close the line in a store; mark it as suspected impersonation.")),
                           L(zh, "新增冒名办卡处理", "Added the impersonation case")});
    return c;
}

// ---- Network and coverage -------------------------------------------------------------------------------

KbContent KbWriter::network(bool zh, KbRandom& r) const
{
    KbContent c;
    QString city, scope;
    const QString prefix = r.chance(0.6) ? regionalPrefix(zh, r, &city, &scope) : QString();
    const int aspect = r.range(0, 6);
    c.tags << L(zh, "网络", "network") << L(zh, "信号", "signal");
    if (!city.isEmpty())
        c.tags << city;
    const QString collect = L(zh, "收集：客户详细地址（到楼栋、楼层）、问题时段、手机型号、信号格数，提交网络投诉工单（网络队列），处理时限72小时。",
                              "Collect the exact address (building and floor), when it happens, the phone model and signal bars, and open a network ticket (network queue); due in 72 hours.");
    switch (aspect) {
    case 0:
        c.title = prefix + (zh ? QStringLiteral("室内5G信号弱、通话断续的处理") : QStringLiteral("Weak 5G indoors and broken calls"));
        c.sections << list({L(zh, "确认客户手机支持5G且已开启5G开关。", "Check the phone supports 5G and has it on."),
                            L(zh, "查询客户地址的覆盖评估（系统“网络覆盖查询”）。", "Look up the coverage at the address."),
                            L(zh, "建议开启VoLTE/VoWiFi通话，家中有宽带的可改善室内通话。", "Suggest VoLTE and Wi-Fi calling; with home broadband indoor calls improve."),
                            collect},
                           true);
        c.tags << QStringLiteral("5G") << L(zh, "室内覆盖", "indoor coverage");
        break;
    case 1:
        c.title = prefix + (zh ? QStringLiteral("手机显示“无服务”的排查") : QStringLiteral("The phone shows \"No service\""));
        c.sections << list({L(zh, "查询号码状态：停机、欠费、实名核验失败都会导致无服务。", "Check the line: suspension, arrears or a failed identity check all cause it."),
                            L(zh, "开关飞行模式，重新插拔SIM卡。", "Toggle airplane mode and reseat the SIM."),
                            L(zh, "将SIM卡放入其他手机测试，区分卡和手机问题。", "Try the SIM in another phone to tell SIM from phone."),
                            L(zh, "SIM卡损坏的，引导到营业厅免费换卡。", "A damaged SIM is replaced free in a store."),
                            collect},
                           true);
        c.tags << L(zh, "无服务", "no service");
        break;
    case 2:
        c.title = prefix + (zh ? QStringLiteral("VoLTE高清通话开通与常见问题") : QStringLiteral("VoLTE HD calls: turning them on"));
        c.sections << list({L(zh, "VoLTE为默认开通，客户手机需在设置中打开“VoLTE高清通话”开关。", "VoLTE is on by default; the phone needs its VoLTE switch on."),
                            L(zh, "通话时显示“HD”标识；关闭VoLTE后在部分区域可能无法通话。", "Calls show HD; without VoLTE calls may fail in some areas."),
                            L(zh, "5G SA网络下可使用VoNR，需手机支持。", "On 5G SA, VoNR works on phones that support it.")},
                           true);
        c.tags << QStringLiteral("VoLTE") << QStringLiteral("VoNR");
        break;
    case 3:
        c.title = prefix + (zh ? QStringLiteral("5G网速慢的排查与解释") : QStringLiteral("Slow 5G: what to check and explain"));
        c.sections << list({L(zh, "确认套餐是否为5G套餐（4G套餐在5G网络下限速）。", "Check the plan is a 5G plan (4G plans are capped on 5G)."),
                            L(zh, "查询本月是否已超出限速阈值。", "Check whether the month's speed-cap threshold was reached."),
                            L(zh, "高峰时段、人流密集区域速率下降属正常现象。", "Slower speeds at peak times and in crowds are normal."),
                            L(zh, "使用APP测速，记录结果和地点。", "Run the app's speed test and note the result and place."),
                            collect},
                           true);
        c.tags << QStringLiteral("5G") << L(zh, "网速慢", "slow");
        break;
    case 4:
        c.title = prefix + (zh ? QStringLiteral("区域性通信中断的告知口径") : QStringLiteral("Area-wide outages: what to tell customers"));
        c.sections << list({L(zh, "查询“网络故障公告”，确认影响范围和预计恢复时间。", "Read the network outage notice for the area affected and the expected fix time."),
                            L(zh, "如实告知客户，不猜测原因。", "Tell the customer the facts, never guess the cause."),
                            L(zh, "中断超过24小时的，按规定给予补偿（按中断天数减免月租）。", "Outages over 24 hours earn a credit of the monthly fee for the days lost."),
                            L(zh, "已在公告范围内的，不再单独派发网络工单，接触记录中关联公告编号。", "Within a notice's area do not open separate tickets; link the contact to the notice number.")},
                           true);
        c.tags << L(zh, "中断", "outage");
        break;
    case 5:
        c.title = prefix + (zh ? QStringLiteral("高铁、地铁沿线信号问题的受理") : QStringLiteral("Signal on high-speed rail and the metro"));
        c.sections << list({L(zh, "高铁线路使用专网覆盖，车厢内信号受车速和车体屏蔽影响。", "High-speed lines have their own network; speed and the carriage body affect the signal."),
                            L(zh, "记录车次、区间和时间。", "Note the train, the section and the time."),
                            L(zh, "地铁隧道区间由轨道交通室分系统覆盖，问题转网络优化组处理。", "Metro tunnels are covered by the transit system's indoor network; pass it to network optimisation."),
                            collect},
                           true);
        c.tags << L(zh, "高铁", "rail") << L(zh, "地铁", "metro");
        break;
    default:
        c.title = prefix + (zh ? QStringLiteral("收不到短信验证码的排查") : QStringLiteral("SMS verification codes not arriving"));
        c.sections << list({L(zh, "查询号码是否开通了短信拦截或黑名单。", "Check for SMS blocking or a blacklist on the line."),
                            L(zh, "手机中检查骚扰拦截、存储空间。", "On the phone check the spam filter and free storage."),
                            L(zh, "查询短信中心下发记录，确认是否已送达。", "Look up the SMS centre delivery records."),
                            L(zh, "仅某一平台收不到的，建议客户联系该平台。", "If only one service's codes fail, the customer should contact that service.")},
                           true);
        c.tags << L(zh, "短信", "SMS") << L(zh, "验证码", "codes");
        break;
    }
    if (!scope.isEmpty())
        c.sections.prepend(scope);
    c.additions.push_back({para(L(zh, "网络工单回访：工程师处理后48小时内回访客户，确认信号是否改善。",
                                  "After the engineers' work, call the customer back within 48 hours to check the "
                                  "signal.")),
                           L(zh, "新增网络工单回访要求", "Added the follow-up call after network work")});
    return c;
}

// ---- Devices and SIM cards -------------------------------------------------------------------------------

namespace {

const Pair kBrands[] = {
    {"华为", "Huawei"}, {"小米", "Xiaomi"}, {"OPPO", "OPPO"}, {"vivo", "vivo"}, {"荣耀", "Honor"}, {"苹果", "Apple"},
};

/// Where each brand keeps its mobile network settings, in the order of kBrands.
const Pair kBrandSettings[] = {
    {"设置-移动网络-移动数据", "Settings > Mobile network > Mobile data"},
    {"设置-双卡与移动网络", "Settings > SIM cards & mobile networks"},
    {"设置-移动网络-SIM卡信息与设置", "Settings > Mobile network > SIM 1 / SIM 2"},
    {"设置-移动网络-SIM卡管理", "Settings > Mobile network > SIM card management"},
    {"设置-移动网络-SIM卡管理", "Settings > Mobile network > SIM management"},
    {"设置-蜂窝网络", "Settings > Mobile Data"},
};

} // namespace

KbContent KbWriter::device(bool zh, KbRandom& r) const
{
    KbContent c;
    const Pair& brand = r.pick(kBrands);
    const QString b = L(zh, brand);
    const bool apple = QLatin1String(brand.en) == QLatin1String("Apple");
    const int aspect = r.range(0, 6);
    c.tags << L(zh, "终端", "device") << b;
    switch (aspect) {
    case 0:
        c.title = zh ? QStringLiteral("%1智能手表eSIM一号双终端开通步骤").arg(b) : QStringLiteral("%1 smartwatch eSIM: sharing the phone number").arg(b);
        c.sections << list({L(zh, "确认手表型号支持eSIM，手机号码为实名在用状态。", "Check the watch supports eSIM and the line is registered and active."),
                            L(zh, "在手表配套APP中选择“开通移动网络”，按提示完成人像比对。", "In the watch's companion app choose mobile network and complete the face check."),
                            L(zh, "一号双终端功能费10元/月，手表与手机共享套餐通话和流量。", "One number on two devices costs CNY 10 a month; the watch shares the plan."),
                            L(zh, "开通失败提示“号码状态异常”的，核查是否欠费或已开通其他副设备。", "\"Number status abnormal\": check for arrears or another device already linked.")},
                           true);
        c.tags << QStringLiteral("eSIM") << L(zh, "手表", "watch");
        break;
    case 1:
        c.title = zh ? QStringLiteral("SIM卡补办与换卡（%1手机用户）").arg(b) : QStringLiteral("Replacing a SIM (%1 phones)").arg(b);
        c.sections << list({L(zh, "机主本人持有效证件到营业厅办理，现场人像比对。", "The owner comes to a store with ID and a face check."),
                            L(zh, "丢失补卡收取工本费10元；卡损坏、升级5G卡免费。", "A lost SIM costs CNY 10; a damaged card or a 5G upgrade is free."),
                            L(zh, "补卡后原卡立即失效，24小时内限制部分高风险业务（如改密、携转）。", "The old card stops at once; for 24 hours some risky changes (passwords, porting) are blocked."),
                            apple ? L(zh, "iPhone使用Nano SIM卡。", "iPhones take a Nano SIM.") : L(zh, "双卡手机注意主副卡槽设置。", "On dual-SIM phones check which slot is primary.")},
                           true);
        c.tags << QStringLiteral("SIM") << L(zh, "补卡", "replacement");
        break;
    case 2:
        c.title = zh ? QStringLiteral("%1手机提示输入PUK码的处理").arg(b) : QStringLiteral("%1 phone asks for the PUK code").arg(b);
        c.sections << list({L(zh, "PIN码连续输错3次后SIM卡锁定，需输入PUK码解锁。", "Three wrong PINs lock the SIM; the PUK code unlocks it."),
                            L(zh, "核验机主身份（服务密码或证件信息）后告知PUK码。", "Give the PUK after verifying the owner (service password or ID details)."),
                            L(zh, "PUK码输错10次SIM卡永久锁死，需到营业厅换卡。", "Ten wrong PUKs lock the SIM for good; it has to be replaced in a store.")},
                           true);
        c.tags << QStringLiteral("PUK") << QStringLiteral("PIN");
        break;
    case 3:
        c.title = zh ? QStringLiteral("%1手机APN设置与上网异常").arg(b) : QStringLiteral("APN settings on %1 phones").arg(b);
        c.sections << list({L(zh, "默认APN一般自动配置，恢复默认设置即可。", "The APN is set automatically; resetting to default usually fixes it."),
                            apple ? L(zh, "iPhone：设置-蜂窝网络-蜂窝数据网络，恢复默认设置。", "iPhone: Settings > Mobile Data > Mobile Data Network > Reset Settings.")
                                  : L(zh, "安卓：设置-移动网络-接入点名称（APN），选择默认或重置。", "Android: Settings > Mobile network > Access point names, choose the default or reset."),
                            L(zh, "物联网卡、行业卡使用专用APN，以开卡资料为准。", "IoT and industry SIMs use their own APN as set at activation.")},
                           true);
        c.tags << QStringLiteral("APN");
        break;
    case 4:
        c.title = zh ? QStringLiteral("%1合约机分期与提前结清").arg(b) : QStringLiteral("%1 handsets on contract: instalments and paying off early").arg(b);
        c.sections << list({L(zh, "合约机按月分期，分期期间须保持套餐不低于约定档位。", "Handsets are paid monthly; the plan stays at or above the agreed level meanwhile."),
                            L(zh, "提前结清剩余分期后可降档或携转。", "Paying the remaining instalments frees the customer to downgrade or port."),
                            L(zh, "手机质量问题按厂家三包政策处理，7天内可退、15天内可换。", "Faults follow the manufacturer's warranty: return within 7 days, exchange within 15.")},
                           true);
        c.tags << L(zh, "合约机", "contract handset");
        break;
    case 5:
        c.title = zh ? QStringLiteral("%1手机丢失后的挂失与补卡").arg(b) : QStringLiteral("%1 phone lost: suspending the line and a new SIM").arg(b);
        c.sections << list({L(zh, "热线核验身份后立即办理挂失停机，防止盗用。", "After the identity check suspend the line at once to stop misuse."),
                            L(zh, "提醒客户冻结绑定的支付账户。", "Remind the customer to freeze linked payment accounts."),
                            L(zh, "机主持证件到营业厅补卡，补卡后自动解除挂失。", "The owner gets a new SIM in a store with ID; that ends the suspension."),
                            apple ? L(zh, "iPhone可通过“查找”功能标记为丢失。", "An iPhone can be marked lost with Find My.")
                                  : L(zh, "安卓手机可通过厂商的“查找设备”服务定位。", "Android phones can be found with the maker's find-my-device service.")},
                           true);
        c.tags << L(zh, "挂失", "lost phone");
        break;
    default:
        c.title = zh ? QStringLiteral("4G卡升级5G卡（%1手机）").arg(b) : QStringLiteral("Upgrading a 4G SIM to 5G (%1 phones)").arg(b);
        c.sections << list({L(zh, "2019年以前的老卡不支持5G SA，需更换5G卡（免费）。", "SIMs from before 2019 cannot use 5G SA and are swapped free."),
                            L(zh, "可在营业厅或APP申请邮寄，收到后插卡激活。", "In a store, or by post from the app; insert it to activate."),
                            L(zh, "换卡不改号、不改套餐。", "Same number and plan.")},
                           true);
        c.tags << QStringLiteral("5G") << QStringLiteral("SIM");
        break;
    }
    c.sections.prepend(para(zh ? QStringLiteral("<b>适用终端：</b>%1品牌设备。相关设置位于“%2”。").arg(b, L(zh, kBrandSettings[&brand - kBrands]))
                               : QStringLiteral("<b>Devices:</b> %1. The settings are under %2.").arg(b, L(zh, kBrandSettings[&brand - kBrands]))));
    c.additions.push_back({para(L(zh, "eSIM与实体卡不能同时在同一号码上使用（一号双终端的手表除外）。",
                                  "An eSIM and a physical SIM cannot share a number, except a watch on the "
                                  "two-device service.")),
                           L(zh, "补充eSIM说明", "Added eSIM steps")});
    return c;
}

} // namespace telcodesk::demo
