#include "KbTestArticles.h"

#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk::test {

namespace {

struct Article
{
    const char* id;
    const char* title;
    const char* body;
    const char* category;
    const char* tags;
    const char* language;
    const char* status;
};

// Titles and bodies chosen so that each case of tst_kbsearch has exactly one right answer.
const Article kArticles[] = {
    {"zh-modem", "宽带光猫LOS灯红色闪烁的处理步骤",
     "<h3>现象</h3><p>用户反映宽带无法上网，光猫LOS灯红色闪烁。</p><ol><li>确认光纤未弯折</li>"
     "<li>重启光猫</li><li>仍不恢复时派单上门</li></ol>",
     "broadband.fault", "宽带,光猫,故障", "zh_CN", "published"},
    {"zh-signal", "手机信号弱怎么办",
     "<p>室内信号弱时，可建议用户开启VoWiFi。如家中有宽带，也可使用家庭Wi-Fi通话。</p>"
     "<p>若整片区域信号差，记录位置后提交网络优化工单。</p>",
     "network", "信号,覆盖", "zh_CN", "published"},
    {"zh-data", "流量加油包的订购与生效规则",
     "<p>加油包订购后立即生效，当月有效，不可结转。</p><p>套餐内流量用完后优先使用加油包。</p>",
     "plans.data", "流量,加油包", "zh_CN", "published"},
    {"zh-porting", "携号转网办理条件与授权码",
     "<p>办理携号转网需满足：已实名登记、无欠费、无在网协议限制。</p>"
     "<p>发送短信CXXZ#姓名#证件号码至10086获取授权码，授权码有效期内到新运营商办理。</p>",
     "porting", "携号转网,授权码", "zh_CN", "published"},
    {"zh-japan", "日本漫游资费说明",
     "<p>在日本使用5G漫游：数据每MB 3元，日包25元不限量（前1GB高速）。</p>",
     "roaming", "漫游,日本", "zh_CN", "published"},
    {"zh-td199", "TD-199套餐变更规则",
     "<p>TD-199套餐月费199元，含国内流量30GB、通话500分钟。变更次月生效。</p>"
     "<table><tr><td>月费</td><td>199元</td></tr></table>",
     "plans.change", "套餐,变更", "zh_CN", "published"},
    {"zh-draft", "宽带提速方案草稿", "<p>宽带提速到1000M的办理说明（草稿）。</p>", "broadband", "宽带,提速",
     "zh_CN", "draft"},
    {"zh-retired", "旧版套餐TD-99规则", "<p>TD-99套餐已停止办理。</p>", "plans", "套餐", "zh_CN", "retired"},
    {"zh-review", "宽带移机审核中", "<p>宽带移机流程说明。</p>", "broadband.install", "宽带,移机", "zh_CN",
     "in_review"},
    {"en-japan", "Roaming in Japan: rates and day passes",
     "<p>Data costs 3 yuan per MB while roaming in Japan; a day pass is 25 yuan.</p>", "roaming",
     "roaming,Japan", "en", "published"},
    {"en-double", "Disputing a double charge on a bill",
     "<p>When a customer is charged twice, check the detailed bill and raise a refund request.</p>"
     "<p>Escape test: &lt;script&gt;alert(1)&lt;/script&gt;</p>",
     "billing.dispute", "billing,refund", "en", "published"},
    {"en-sim", "Buying a SIM card",
     "<p>Bring a passport or ID card. A new SIM card works in 5G phones. Ask about roaming before travelling "
     "and about data packs.</p>",
     "device", "SIM", "en", "published"},
    {"en-slow", "Broadband is slow: fault-finding steps",
     "<ol><li>Restart the optical modem.</li><li>Test on 5 GHz Wi-Fi.</li><li>Book an engineer.</li></ol>",
     "broadband.fault", "broadband,speed", "en", "published"},
};

} // namespace

QString writeKbTestArticles(const LocalStorePtr& store)
{
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("INSERT INTO kb_article(id, title, body, category, tags, language, status, version, "
                             "created_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"));
    qint64 at = 1767225600000; // 2026-01-01
    for (const Article& a : kArticles) {
        q.addBindValue(QString::fromUtf8(a.id));
        q.addBindValue(QString::fromUtf8(a.title));
        q.addBindValue(QString::fromUtf8(a.body));
        q.addBindValue(QString::fromUtf8(a.category));
        q.addBindValue(QString::fromUtf8(a.tags));
        q.addBindValue(QString::fromUtf8(a.language));
        q.addBindValue(QString::fromUtf8(a.status));
        q.addBindValue(at);
        q.addBindValue(at);
        at += 86400000;
        if (!q.exec())
            return q.lastError().text();
    }
    return QString();
}

QString addKbVotes(const LocalStorePtr& store, const QString& articleId, int count, bool helpful, qint64 nowMs,
                   int daysAgo)
{
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("INSERT INTO kb_feedback(id, article_id, agent_id, kind, version, at) "
                             "VALUES (?, ?, ?, ?, 1, ?)"));
    static int serial = 0;
    for (int i = 0; i < count; ++i) {
        q.addBindValue(QStringLiteral("vote-%1").arg(++serial));
        q.addBindValue(articleId);
        q.addBindValue(QStringLiteral("agent-%1").arg(i));
        q.addBindValue(helpful ? QStringLiteral("helpful") : QStringLiteral("not_helpful"));
        q.addBindValue(nowMs - qint64(daysAgo) * 86400000);
        if (!q.exec())
            return q.lastError().text();
    }
    return QString();
}

} // namespace telcodesk::test
