#include "KbScenario.h"

#include "Fixtures.h"

#include <QSqlQuery>

namespace telcodesk::test {

KbScenario::KbScenario()
{
    if (!m_gui.ok()) {
        m_error = m_gui.error();
        return;
    }
    m_ok = build();
}

Session KbScenario::supervisorSession() const
{
    Session s;
    s.agentId = supervisorId;
    s.login = QStringLiteral("super01");
    s.displayName = QStringLiteral("王主管");
    s.role = Role::Supervisor;
    return s;
}

Session KbScenario::adminSession() const
{
    Session s;
    s.agentId = adminId;
    s.login = QStringLiteral("admin01");
    s.displayName = QStringLiteral("ADMIN01");
    s.role = Role::Admin;
    return s;
}

KbDraft KbScenario::makeDraft(const QString& title, const QString& body, const QString& category,
                              const QStringList& tags, const QString& language)
{
    KbDraft d;
    d.title = title;
    d.body = body;
    d.category = category;
    d.tags = tags;
    d.language = language;
    return d;
}

int KbScenario::count(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(store()->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

QString KbScenario::publish(const KbDraft& d)
{
    KbArticleService author(store(), supervisorSession());
    KbArticleService reviewer(store(), adminSession());
    const Result<QString> id = author.createDraft(d);
    if (!id) {
        m_error = QStringLiteral("createDraft %1: %2").arg(d.title, id.errorMessage());
        return QString();
    }
    const Status submitted = author.submitForReview(id.value());
    if (!submitted) {
        m_error = QStringLiteral("submitForReview %1: %2").arg(d.title, submitted.errorMessage());
        return QString();
    }
    const Status approved = reviewer.approve(id.value());
    if (!approved) {
        m_error = QStringLiteral("approve %1: %2").arg(d.title, approved.errorMessage());
        return QString();
    }
    return id.value();
}

bool KbScenario::build()
{
    Fixtures f(store());
    supervisorId = f.addAgent(QStringLiteral("super01"), QStringLiteral("supervisor"));
    adminId = f.addAgent(QStringLiteral("admin01"), QStringLiteral("admin"));
    if (supervisorId.isEmpty() || adminId.isEmpty()) {
        m_error = QStringLiteral("cannot add the supervisor and the admin");
        return false;
    }
    QSqlQuery q(store()->connection());
    q.prepare(QStringLiteral("UPDATE agent SET display_name = ? WHERE id = ?"));
    q.addBindValue(QStringLiteral("王主管"));
    q.addBindValue(supervisorId);
    if (!q.exec()) {
        m_error = QStringLiteral("cannot name the supervisor");
        return false;
    }

    const QString zh = QStringLiteral("zh_CN");
    const QString en = QStringLiteral("en");
    broadbandFault = publish(makeDraft(
        QStringLiteral("宽带故障排查：光猫红灯怎么办"),
        QStringLiteral("<p>光猫 LOS 红灯表示光信号中断。</p><ol><li>请客户检查光纤是否弯折。</li><li>重启光猫后仍红灯，派单上门维修。</li></ol>"),
        QStringLiteral("broadband.fault"), {QStringLiteral("宽带"), QStringLiteral("光猫")}, zh));
    broadbandInstall = publish(makeDraft(
        QStringLiteral("宽带装机预约流程"),
        QStringLiteral("<p>新装宽带需核实地址是否覆盖，预约装机时间，装机人员上门安装。</p>"),
        QStringLiteral("broadband.install"), {QStringLiteral("宽带"), QStringLiteral("装机")}, zh));
    roamingPass = publish(makeDraft(
        QStringLiteral("International roaming day pass"),
        QStringLiteral("<p>The roaming day pass costs 25 yuan a day in 60 destinations.</p><p>It starts with the first use abroad.</p>"),
        QStringLiteral("roaming"), {QStringLiteral("roaming")}, en));
    roamingBill = publish(makeDraft(
        QStringLiteral("Disputing a roaming charge on the bill"),
        QStringLiteral("<p>When a customer disputes roaming charges, check the usage records before any refund.</p>"),
        QStringLiteral("billing.dispute"), {QStringLiteral("roaming"), QStringLiteral("bill")}, en));
    planChange = publish(makeDraft(
        QStringLiteral("套餐变更规则"),
        QStringLiteral("<p>套餐变更次月生效，合约期内不可降档。</p>"),
        QStringLiteral("plans.change"), {QStringLiteral("套餐")}, zh));
    if (broadbandFault.isEmpty() || broadbandInstall.isEmpty() || roamingPass.isEmpty() || roamingBill.isEmpty()
        || planChange.isEmpty())
        return false;

    KbArticleService admin(store(), adminSession());
    const Result<QString> review = admin.createDraft(makeDraft(QStringLiteral("5G 信号弱的处理"),
                                                               QStringLiteral("<p>先确认客户所在位置的基站覆盖。</p>"),
                                                               QStringLiteral("network"), {QStringLiteral("5G")}, zh));
    if (!review || !admin.submitForReview(review.value())) {
        m_error = QStringLiteral("cannot put an article in review");
        return false;
    }
    inReview = review.value();
    const Result<QString> own = KbArticleService(store(), supervisorSession())
                                    .createDraft(makeDraft(QStringLiteral("SIM 卡补换流程"),
                                                           QStringLiteral("<p>本人持身份证到营业厅办理。</p>"),
                                                           QStringLiteral("device"), {QStringLiteral("SIM")}, zh));
    if (!own) {
        m_error = QStringLiteral("cannot write a draft: %1").arg(own.errorMessage());
        return false;
    }
    draft = own.value();
    return true;
}

} // namespace telcodesk::test
