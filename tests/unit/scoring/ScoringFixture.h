#pragma once

// A hand-built cache whose every feature value is known, shared by tst_featureextractor and tst_scoringengine.
// As-of moment: 2026-11-22 12:00 Beijing (04:00 UTC); m0 = 2026-10, m3..m5 = 2026-07..05, m6 = 2026-04.

#include "store/LocalStore.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace telcodesk::test {

constexpr qint64 kDay = 86400000;

inline qint64 scoringAsOf()
{
    return QDateTime(QDate(2026, 11, 22), QTime(4, 0), Qt::UTC).toMSecsSinceEpoch();
}

class ScoringFixture
{
public:
    explicit ScoringFixture(LocalStorePtr store) : m_store(std::move(store)) {}

    /// The first failure, empty when every row went in.
    QString error;

    bool exec(const QString& sql, const QVariantList& binds = {})
    {
        QSqlQuery q(m_store->connection());
        if (!q.prepare(sql)) {
            error = q.lastError().text() + QStringLiteral(": ") + sql;
            return false;
        }
        for (const QVariant& v : binds)
            q.addBindValue(v);
        if (!q.exec()) {
            if (error.isEmpty())
                error = q.lastError().text() + QStringLiteral(": ") + sql;
            return false;
        }
        return true;
    }

    void customer(const QString& id, const QString& type, const QVariant& tier, const QVariant& birth,
                  const QVariant& tenure, const QVariant& parent = QVariant(), bool deleted = false)
    {
        exec(QStringLiteral("INSERT INTO customer (id, account_no, name, name_norm, type, tier, birth_date, tenure_start, "
                            "parent_id, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
             {id, id, id, id, type, tier, birth, tenure, parent, deleted ? QVariant(qint64(1)) : QVariant()});
    }

    void plan(const QString& id, qint64 dataMb, qint64 voiceMin)
    {
        exec(QStringLiteral("INSERT INTO plan (id, code, name_zh, name_en, service, kind, monthly_fee_fen, data_mb, voice_min) "
                            "VALUES (?, ?, ?, ?, 'mobile', 'base', 5800, ?, ?)"),
             {id, id, id, id, dataMb, voiceMin});
    }

    void line(const QString& id, const QString& customerId, const QString& status, const QVariant& plan,
              const QVariant& contractEnd, const QString& service = QStringLiteral("mobile"))
    {
        exec(QStringLiteral("INSERT INTO subscription (id, customer_id, service, number, number_digits, number_rev, plan_id, "
                            "start_date, contract_end, status) VALUES (?, ?, ?, ?, ?, ?, ?, '2020-01-01', ?, ?)"),
             {id, customerId, service, id, id, id, plan, contractEnd, status});
    }

    void usage(const QString& line, int month, double spendYuan, qint64 voice, qint64 dataMb, qint64 logins,
               bool deleted = false)
    {
        exec(QStringLiteral("INSERT INTO usage_month (subscription_id, month, id, voice_min, data_mb, spend_fen, app_logins, "
                            "deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
             {line, month, QString(line + QString::number(month)), voice, dataMb, qint64(spendYuan * 100 + 0.5), logins,
              deleted ? QVariant(qint64(1)) : QVariant()});
    }

    void contact(const QString& customerId, const QString& kind, qint64 at, const QString& direction = QStringLiteral("inbound"),
                 bool deleted = false)
    {
        exec(QStringLiteral("INSERT INTO interaction (id, customer_id, channel, kind, direction, occurred_at, summary, deleted_at) "
                            "VALUES (?, ?, 'hotline', ?, ?, ?, 'x', ?)"),
             {QStringLiteral("i%1").arg(++nextSeq()), customerId, kind, direction, at,
              deleted ? QVariant(qint64(1)) : QVariant()});
    }

    void bill(const QString& customerId, int month, qint64 amountFen, qint64 paidFen, const QVariant& paidAt,
              const QString& status, bool deleted = false)
    {
        exec(QStringLiteral("INSERT INTO bill (customer_id, month, id, amount_fen, due_date, paid_fen, paid_at, status, deleted_at) "
                            "VALUES (?, ?, ?, ?, '2026-01-01', ?, ?, ?, ?)"),
             {customerId, month, QStringLiteral("b%1").arg(++nextSeq()), amountFen, paidFen, paidAt, status,
              deleted ? QVariant(qint64(1)) : QVariant()});
    }

    void addon(const QString& line, const QString& start, bool deleted = false)
    {
        exec(QStringLiteral("INSERT INTO subscription_addon (id, subscription_id, plan_id, start_date, deleted_at) "
                            "VALUES (?, ?, 'p-10g', ?, ?)"),
             {QStringLiteral("a%1").arg(++nextSeq()), line, start, deleted ? QVariant(qint64(1)) : QVariant()});
    }

    void ticket(const QString& customerId, const QString& status, qint64 created, const QVariant& resolutionDue,
                const QVariant& resolvedAt, bool deleted = false)
    {
        exec(QStringLiteral("INSERT INTO ticket (id, ticket_no, customer_id, kind, priority, status, channel, title, created_at, "
                            "resolution_due, resolved_at, deleted_at) VALUES (?, ?, ?, 'complaint', 2, ?, 'hotline', 't', ?, ?, ?, ?)"),
             {QStringLiteral("t%1").arg(++nextSeq()), QStringLiteral("T%1").arg(nextSeq()), customerId, status, created,
              resolutionDue, resolvedAt, deleted ? QVariant(qint64(1)) : QVariant()});
    }

    /// The standard cast:
    ///  A: the customer every feature of the first group is checked on (see tst_featureextractor);
    ///  B: an enterprise with no history, head of C and D; C, D: its members (C has one line, no usage);
    ///  E: spend with a zero baseline; F: deleted.
    void build()
    {
        const qint64 asOf = scoringAsOf();
        plan(QStringLiteral("p-10g"), 10240, 500);
        customer(QStringLiteral("cA"), QStringLiteral("individual"), QStringLiteral("gold"), QStringLiteral("1980-11-23"),
                 QStringLiteral("2020-11-23"));
        line(QStringLiteral("lA1"), QStringLiteral("cA"), QStringLiteral("active"), QStringLiteral("p-10g"),
             QStringLiteral("2027-01-21"));
        line(QStringLiteral("lA2"), QStringLiteral("cA"), QStringLiteral("closed"), QStringLiteral("p-10g"),
             QStringLiteral("2026-12-01"));
        // month, spend, voice, data, logins
        const struct { int month; double spend; qint64 voice, data, logins; } rows[] = {
            {202610, 60, 30, 5000, 4},   {202609, 80, 100, 8000, 10}, {202608, 80, 100, 8000, 10},
            {202607, 100, 100, 10000, 20}, {202606, 100, 90, 9000, 20}, {202605, 100, 90, 9000, 20},
            {202604, 120, 90, 10000, 20}, {202603, 500, 90, 10000, 20}, {202611, 999, 999, 99999, 99}};
        for (const auto& r : rows)
            usage(QStringLiteral("lA1"), r.month, r.spend, r.voice, r.data, r.logins);
        usage(QStringLiteral("lA2"), 202610, 1000, 1000, 100000, 100, true); // deleted: ignored

        contact(QStringLiteral("cA"), QStringLiteral("complaint"), asOf - 30 * kDay);      // in 30 days (edge)
        contact(QStringLiteral("cA"), QStringLiteral("complaint"), asOf - 30 * kDay - 1);  // 90 days only
        contact(QStringLiteral("cA"), QStringLiteral("complaint"), asOf + 1);              // after the as-of moment
        contact(QStringLiteral("cA"), QStringLiteral("complaint"), asOf - kDay, QStringLiteral("inbound"), true); // deleted
        contact(QStringLiteral("cA"), QStringLiteral("porting_inquiry"), asOf - 7 * kDay); // in 7 days (edge)
        contact(QStringLiteral("cA"), QStringLiteral("porting_inquiry"), asOf - 7 * kDay - 1);
        contact(QStringLiteral("cA"), QStringLiteral("billing"), asOf - 90 * kDay);        // in 90 days (edge)
        contact(QStringLiteral("cA"), QStringLiteral("billing"), asOf - 90 * kDay - 1);    // outside everything
        contact(QStringLiteral("cA"), QStringLiteral("billing"), asOf - kDay, QStringLiteral("outbound")); // ours, not theirs

        bill(QStringLiteral("cA"), 202609, 10000, 2000, QVariant(), QStringLiteral("overdue"));
        bill(QStringLiteral("cA"), 202608, 50000, 0, QVariant(), QStringLiteral("overdue"), true); // deleted
        bill(QStringLiteral("cA"), 202610, 6000, 6000, asOf - 2 * kDay, QStringLiteral("paid"));  // paid in November
        bill(QStringLiteral("cA"), 202604, 6000, 6000, asOf - 220 * kDay, QStringLiteral("paid")); // before the 6 months
        addon(QStringLiteral("lA1"), QStringLiteral("2026-05-01"));  // first day of the 6 months (edge)
        addon(QStringLiteral("lA1"), QStringLiteral("2026-04-30"));  // the day before
        addon(QStringLiteral("lA1"), QStringLiteral("2026-06-01"), true); // deleted

        ticket(QStringLiteral("cA"), QStringLiteral("in_progress"), asOf - 10 * kDay, asOf - 5 * kDay, QVariant()); // late, open
        ticket(QStringLiteral("cA"), QStringLiteral("closed"), asOf - 100 * kDay, asOf - 99 * kDay, asOf - 50 * kDay); // too old
        ticket(QStringLiteral("cA"), QStringLiteral("resolved"), asOf - 20 * kDay, asOf - 10 * kDay, asOf - 15 * kDay); // in time
        ticket(QStringLiteral("cA"), QStringLiteral("new"), asOf - 3 * kDay, asOf - 2 * kDay, QVariant(), true); // deleted

        customer(QStringLiteral("cB"), QStringLiteral("enterprise"), QVariant(), QStringLiteral("1990-01-01"), QVariant());
        customer(QStringLiteral("cC"), QStringLiteral("individual"), QStringLiteral("standard"), QVariant(),
                 QStringLiteral("2026-11-22"), QStringLiteral("cB"));
        line(QStringLiteral("lC1"), QStringLiteral("cC"), QStringLiteral("active"), QVariant(), QVariant());
        customer(QStringLiteral("cD"), QStringLiteral("individual"), QStringLiteral("diamond"), QVariant(), QVariant(),
                 QStringLiteral("cB"));

        customer(QStringLiteral("cE"), QStringLiteral("family"), QStringLiteral("silver"), QVariant(), QVariant());
        line(QStringLiteral("lE1"), QStringLiteral("cE"), QStringLiteral("active"), QStringLiteral("p-10g"), QVariant());
        for (int month : {202610, 202609, 202608, 202607, 202606, 202605})
            usage(QStringLiteral("lE1"), month, month >= 202608 ? 50 : 0, 0, 0, 0);

        customer(QStringLiteral("cF"), QStringLiteral("individual"), QVariant(), QVariant(), QVariant(), QVariant(), true);
        line(QStringLiteral("lF1"), QStringLiteral("cF"), QStringLiteral("active"), QVariant(), QVariant());
    }

private:
    /// Row numbers for ids, unique across fixtures on the same store.
    static int& nextSeq()
    {
        static int seq = 0;
        return seq;
    }

    LocalStorePtr m_store;
};

} // namespace telcodesk::test
