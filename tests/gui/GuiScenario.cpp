#include "GuiScenario.h"

#include "Fixtures.h"
#include "common/Uuid.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QInputMethodEvent>
#include <QTest>
#include <QWidget>
#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk::test {

void typeText(QWidget* widget, const QString& text)
{
    QString pending;
    auto commit = [&] {
        if (pending.isEmpty())
            return;
        QInputMethodEvent event;
        event.setCommitString(pending);
        QCoreApplication::sendEvent(widget, &event);
        pending.clear();
    };
    for (const QChar c : text) {
        if (c.unicode() >= 0x20 && c.unicode() < 0x7f) {
            commit();
            QTest::keyClick(widget, char(c.unicode()));
        } else {
            pending += c;
        }
    }
    commit();
}

GuiScenario::GuiScenario()
{
    if (!m_temp.ok()) {
        m_error = m_temp.error();
        return;
    }
    m_ok = build();
}

bool GuiScenario::exec(const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(m_temp.store()->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        m_error = q.lastError().text() + QStringLiteral(": ") + sql;
        return false;
    }
    return true;
}

Session GuiScenario::agentSession() const
{
    Session s;
    s.agentId = agentId;
    s.login = QStringLiteral("agent01");
    s.displayName = QStringLiteral("刘洋");
    s.role = Role::Agent;
    return s;
}

Session GuiScenario::clerkSession() const
{
    Session s;
    s.agentId = clerkId;
    s.login = QStringLiteral("clerk01");
    s.displayName = QStringLiteral("周芳");
    s.role = Role::Clerk;
    return s;
}

bool GuiScenario::build()
{
    LocalStorePtr store = m_temp.store();
    Fixtures f(store);
    agentId = f.addAgent(QStringLiteral("agent01"), QStringLiteral("agent"));
    clerkId = f.addAgent(QStringLiteral("clerk01"), QStringLiteral("clerk"));
    if (agentId.isEmpty() || clerkId.isEmpty())
        return false;
    if (!exec(QStringLiteral("UPDATE agent SET display_name = ? WHERE id = ?"), {QStringLiteral("刘洋"), agentId})
        || !exec(QStringLiteral("INSERT INTO region(code, province_zh, city_zh, province_en, city_en) "
                                "VALUES('440300', '广东省', '深圳市', 'Guangdong', 'Shenzhen')"),
                 {}))
        return false;

    chenJing = f.addCustomer({QStringLiteral("陈静"), QStringLiteral("13912345678"), QStringLiteral("440304199003071248"),
                              QStringLiteral("440300112233")});
    chenJingDup = f.addCustomer({QStringLiteral("陈 静"), QString(), QStringLiteral("440304199003071248"),
                                 QStringLiteral("440300998877")});
    if (chenJing.isEmpty() || chenJingDup.isEmpty())
        return false;
    if (!exec(QStringLiteral("UPDATE customer SET segment = 'youth', tags = '5G,视频会员', account_manager_id = ? WHERE id = ?"),
              {agentId, chenJing}))
        return false;

    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("SELECT id FROM subscription WHERE customer_id = ?"));
    q.addBindValue(chenJing);
    if (!q.exec() || !q.next()) {
        m_error = QStringLiteral("no line for 陈静");
        return false;
    }
    const QString line1 = q.value(0).toString();
    q.finish();
    const QString line2 = f.addLine(chenJing, QStringLiteral("13912340000"));
    const QString addon = UuidV7::create();
    if (line2.isEmpty()
        || !exec(QStringLiteral("INSERT INTO plan(id, code, name_zh, name_en, service, kind, monthly_fee_fen) "
                                "VALUES(?, 'ADD-VIDEO', '视频会员', 'Video membership', 'mobile', 'addon', 1500)"),
                 {addon})
        || !exec(QStringLiteral("INSERT INTO subscription_addon(id, subscription_id, plan_id, start_date) VALUES(?,?,?,'2024-01-01')"),
                 {UuidV7::create(), line1, addon}))
        return false;

    // 18 months of usage up to last month, so that the panel's window of 12 is full.
    const QDate last = QDate::currentDate().addMonths(-1);
    for (int i = 0; i < 18; ++i) {
        const QDate month = last.addMonths(-i);
        const int key = month.year() * 100 + month.month();
        if (!f.addUsage(line1, key, 12900 + i * 100, 20480 + i * 512) || !f.addUsage(line2, key, 5900, 1024))
            return false;
    }
    const int lastKey = last.year() * 100 + last.month();
    const QDate prev = last.addMonths(-1);
    const QDate prev2 = last.addMonths(-2);
    if (!f.addBill(chenJing, lastKey, 18800, QStringLiteral("open"))
        || !f.addBill(chenJing, prev.year() * 100 + prev.month(), 20350, QStringLiteral("overdue"))
        || !f.addBill(chenJing, prev2.year() * 100 + prev2.month(), 19900, QStringLiteral("paid")))
        return false;

    const qint64 base = QDateTime::currentDateTimeUtc().addDays(-30).toMSecsSinceEpoch();
    const char* channels[] = {"hotline", "app", "wechat", "hotline", "app", "hotline"};
    for (int i = 0; i < kChenInteractions; ++i) {
        if (f.addInteraction(chenJing, QString::fromLatin1(channels[i]), base + i * 3600000LL,
                             QStringLiteral("第%1次联系：咨询套餐").arg(i + 1))
                .isEmpty())
            return false;
    }

    const qint64 day = 86400000LL;
    openTicketOld = f.addTicket(chenJing, QStringLiteral("in_progress"), base - 10 * day, QStringLiteral("网速慢"));
    closedTicket = f.addTicket(chenJing, QStringLiteral("closed"), base + 5 * day, QStringLiteral("账单疑问已解答"));
    if (openTicketOld.isEmpty() || closedTicket.isEmpty()
        || f.addTicket(chenJing, QStringLiteral("new"), base - 20 * day, QStringLiteral("信号差")).isEmpty())
        return false;
    if (!exec(QStringLiteral("INSERT INTO customer_note(id, customer_id, author_id, created_at, body) VALUES(?,?,?,?,?)"),
              {UuidV7::create(), chenJing, agentId, base, QStringLiteral("老客户，偏好微信联系")}))
        return false;

    household = f.addCustomer({QStringLiteral("王家"), QString(), QString(), QString(), QStringLiteral("family")});
    if (household.isEmpty())
        return false;
    wangQiang = f.addCustomer({QStringLiteral("王强"), QStringLiteral("13800138000"), QString(), QString(),
                               QStringLiteral("individual"), household});
    wangXiaoming = f.addCustomer({QStringLiteral("王小明"), QStringLiteral("13800138001"), QString(), QString(),
                                  QStringLiteral("individual"), household});
    if (wangQiang.isEmpty() || wangXiaoming.isEmpty()
        || !exec(QStringLiteral("UPDATE customer SET member_role = 'head' WHERE id = ?"), {wangQiang})
        || !exec(QStringLiteral("UPDATE customer SET member_role = 'child' WHERE id = ?"), {wangXiaoming}))
        return false;

    for (int i = 0; i < kZhangCount; ++i) {
        const QString msisdn = QStringLiteral("137%1").arg(10000000 + i, 8, 10, QLatin1Char('0'));
        if (f.addCustomer({QStringLiteral("张伟") + QString::number(i), msisdn, QString(), QString()}).isEmpty())
            return false;
    }
    return true;
}

} // namespace telcodesk::test
