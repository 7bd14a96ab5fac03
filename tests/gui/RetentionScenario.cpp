#include "RetentionScenario.h"

#include "Fixtures.h"
#include "scoring/ScoringEngine.h"
#include "services/RetentionService.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <limits>

namespace telcodesk::test {

namespace {

ScoreReason reason(const QString& code, double value, double weight)
{
    ScoreReason r;
    r.code = code;
    r.value = value;
    r.weight = weight;
    return r;
}

} // namespace

RetentionScenario::RetentionScenario()
{
    if (!m_gui.ok()) {
        m_error = m_gui.error();
        return;
    }
    m_ok = build();
}

Session RetentionScenario::supervisorSession() const
{
    Session s;
    s.agentId = supervisorId;
    s.login = QStringLiteral("super01");
    s.displayName = QStringLiteral("赵敏");
    s.role = Role::Supervisor;
    return s;
}

Session RetentionScenario::retentionAgentSession() const
{
    Session s;
    s.agentId = retentionAgentId;
    s.login = QStringLiteral("keep01");
    s.displayName = QStringLiteral("孙丽");
    s.role = Role::Agent;
    return s;
}

int RetentionScenario::count(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(store()->connection());
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

bool RetentionScenario::build()
{
    Fixtures f(store());
    supervisorId = f.addAgent(QStringLiteral("super01"), QStringLiteral("supervisor"));
    retentionAgentId = f.addAgent(QStringLiteral("keep01"), QStringLiteral("agent"));
    if (supervisorId.isEmpty() || retentionAgentId.isEmpty()) {
        m_error = QStringLiteral("cannot add the agents");
        return false;
    }
    QSqlQuery q(store()->connection());
    q.prepare(QStringLiteral("UPDATE agent SET display_name = ?, skills = ? WHERE id = ?"));
    q.addBindValue(QStringLiteral("孙丽"));
    q.addBindValue(QStringLiteral("retention,porting"));
    q.addBindValue(retentionAgentId);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<CustomerScore> scores(3);
    CustomerScore& chen = scores[0];
    chen.customerId = m_gui.chenJing;
    chen.probability = kChenProbability;
    chen.band = QStringLiteral("high");
    chen.modelBand = QStringLiteral("high");
    chen.reasons = {reason(QStringLiteral("decline_signals"), nan, inf), reason(QStringLiteral("complaints_30d"), 3, 0.9),
                    reason(QStringLiteral("spend_change_3m"), -0.35, 0.6)};
    chen.rules = QStringList{QStringLiteral("decline_signals"), QStringLiteral("renewal_due"), QStringLiteral("dissatisfied")};
    chen.segment = QStringLiteral("family");
    chen.tags = QStringList{QStringLiteral("long_tenure"), QStringLiteral("heavy_data"), QStringLiteral("likely_to_leave")};
    chen.modelId = QStringLiteral("0123456789abcdef");
    chen.asOfMs = now;
    chen.scoredAtMs = now;

    CustomerScore& wang = scores[1];
    wang.customerId = m_gui.wangQiang;
    wang.probability = 0.31;
    wang.band = wang.modelBand = QStringLiteral("medium");
    wang.reasons = {reason(QStringLiteral("billing_contacts_90d"), 2, 0.4)};
    wang.segment = QStringLiteral("young");
    wang.modelId = chen.modelId;
    wang.asOfMs = wang.scoredAtMs = now;

    CustomerScore& small = scores[2];
    small.customerId = m_gui.wangXiaoming;
    small.probability = 0.05;
    small.band = small.modelBand = QStringLiteral("low");
    small.modelId = chen.modelId;
    small.asOfMs = small.scoredAtMs = now;

    const Status written = ScoreStore(store()).write(scores);
    if (!written) {
        m_error = written.errorMessage();
        return false;
    }

    // The task as a pull brings it: no outbox row of its own.
    chenTask = RetentionService::taskId(m_gui.chenJing, QDate::currentDate().year() * 100 + QDate::currentDate().month());
    q.prepare(QStringLiteral("INSERT INTO retention_task (id, customer_id, reason, score, assignee_id, queue, due_at, "
                             "offer_id, status, created_at, reasons) VALUES (?, ?, 'decline_signals', ?, NULL, "
                             "'retention', ?, '0ffe7000-0000-4000-8000-000000000002', 'open', ?, ?)"));
    q.addBindValue(chenTask);
    q.addBindValue(m_gui.chenJing);
    q.addBindValue(kChenProbability);
    q.addBindValue(now + 2 * 86400 * 1000LL);
    q.addBindValue(now);
    q.addBindValue(QString::fromUtf8(ReasonText::toJson(chen.reasons)));
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace telcodesk::test
