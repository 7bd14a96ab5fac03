#include "Fixtures.h"

#include "common/Uuid.h"
#include "services/CustomerSearch.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QtDebug>

#include <algorithm>

namespace telcodesk::test {

bool Fixtures::exec(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        qWarning() << "fixture failed:" << q.lastError().text() << sql;
        return false;
    }
    return true;
}

int Fixtures::count(const QString& table) const
{
    QSqlQuery q(m_store->connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QString Fixtures::addAgent(const QString& login, const QString& role)
{
    const QString id = UuidV7::create();
    return exec(QStringLiteral("INSERT INTO agent(id, login, display_name, role, region_code, team) VALUES(?,?,?,?,?,?)"),
                {id, login, login.toUpper(), role, QStringLiteral("440300"), QStringLiteral("team-a")})
        ? id
        : QString();
}

QString Fixtures::addPlan(const QString& code, qint64 feeFen)
{
    const QString id = UuidV7::create();
    return exec(QStringLiteral("INSERT INTO plan(id, code, name_zh, name_en, service, kind, monthly_fee_fen, data_mb) "
                               "VALUES(?,?,?,?,'mobile','base',?,30720)"),
                {id, code, QString(QStringLiteral("5G畅享") + code), QString(QStringLiteral("5G Enjoy ") + code), feeFen})
        ? id
        : QString();
}

QString Fixtures::addLine(const QString& customerId, const QString& msisdn, const QString& status)
{
    if (m_planId.isEmpty())
        m_planId = addPlan(QStringLiteral("P") + UuidV7::create().right(6), 12900);
    QString rev = msisdn;
    std::reverse(rev.begin(), rev.end());
    const QString id = UuidV7::create();
    return exec(QStringLiteral("INSERT INTO subscription(id, customer_id, service, number, number_digits, number_rev, "
                               "plan_id, start_date, status) VALUES(?,?,'mobile',?,?,?,?,'2020-01-01',?)"),
                {id, customerId, QString(QStringLiteral("+86") + msisdn), msisdn, rev, m_planId, status})
        ? id
        : QString();
}

QString Fixtures::addCustomer(const CustomerSpec& spec)
{
    const QString id = UuidV7::create();
    const QString account = spec.accountNo.isEmpty() ? QString(QStringLiteral("44") + id.right(10)) : spec.accountNo;
    if (!exec(QStringLiteral("INSERT INTO customer(id, account_no, name, name_norm, name_alt, type, id_type, id_number, "
                             "region_code, city, tier, tenure_start, primary_msisdn, parent_id) "
                             "VALUES(?,?,?,?,?,?,?,?,'440300','深圳市','gold','2018-05-01',?,?)"),
              {id, account, spec.name, CustomerSearch::normalizeName(spec.name),
               spec.nameAlt.isEmpty() ? QVariant() : QVariant(spec.nameAlt), spec.type,
               spec.idNumber.isEmpty() ? QVariant() : QVariant(QStringLiteral("resident_id")),
               spec.idNumber.isEmpty() ? QVariant() : QVariant(spec.idNumber),
               spec.msisdn.isEmpty() ? QVariant() : QVariant(QString(QStringLiteral("+86") + spec.msisdn)),
               spec.parentId.isEmpty() ? QVariant() : QVariant(spec.parentId)}))
        return {};
    if (!spec.msisdn.isEmpty() && addLine(id, spec.msisdn, spec.lineStatus).isEmpty())
        return {};
    return id;
}

bool Fixtures::addUsage(const QString& subscriptionId, int month, qint64 spendFen, qint64 dataMb)
{
    return exec(QStringLiteral("INSERT INTO usage_month(subscription_id, month, id, voice_min, data_mb, sms, spend_fen, "
                               "app_logins) VALUES(?,?,?,120,?,10,?,20)"),
                {subscriptionId, month, UuidV7::create(), dataMb, spendFen});
}

bool Fixtures::addBill(const QString& customerId, int month, qint64 amountFen, const QString& status)
{
    return exec(QStringLiteral("INSERT INTO bill(customer_id, month, id, amount_fen, due_date, paid_fen, status) "
                               "VALUES(?,?,?,?,?,?,?)"),
                {customerId, month, UuidV7::create(), amountFen,
                 QStringLiteral("%1-%2-20").arg(month / 100).arg(month % 100, 2, 10, QLatin1Char('0')),
                 status == QLatin1String("paid") ? amountFen : 0, status});
}

bool Fixtures::addScore(const QString& customerId, double probability, const QString& band, const QString& segment,
                        const QString& reasonsJson)
{
    return exec(QStringLiteral("INSERT INTO customer_score(customer_id, probability, band, model_band, reasons, segment, "
                               "model_id, as_of, scored_at) VALUES(?, ?, ?, ?, ?, ?, 'm', 1, 2)"),
                {customerId, probability, band, band, reasonsJson,
                 segment.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(segment)});
}

QString Fixtures::addInteraction(const QString& customerId, const QString& channel, qint64 atMs, const QString& summary)
{
    const QString id = UuidV7::create();
    return exec(QStringLiteral("INSERT INTO interaction(id, customer_id, channel, kind, occurred_at, summary) "
                               "VALUES(?,?,?,'inquiry',?,?)"),
                {id, customerId, channel, atMs, summary})
        ? id
        : QString();
}

QString Fixtures::addTicket(const QString& customerId, const QString& status, qint64 createdMs, const QString& title)
{
    const QString id = UuidV7::create();
    return exec(QStringLiteral("INSERT INTO ticket(id, ticket_no, customer_id, kind, priority, status, channel, title, "
                               "created_at) VALUES(?,?,?,'complaint',2,?,'hotline',?,?)"),
                {id, QString(QStringLiteral("T") + id.right(8)), customerId, status, title, createdMs})
        ? id
        : QString();
}

} // namespace telcodesk::test
