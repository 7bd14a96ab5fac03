#pragma once

// Rows as sync.pull sends them, and a dump of the local cache to compare whole states, shared by the
// sync unit tests.

#include "sync/PullApplier.h"
#include "sync/SyncTypes.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <algorithm>

namespace telcodesk::test {

/// A fixed, readable UUID per number, so that pages and dumps are the same on every run.
inline QString fixedId(int n)
{
    return QStringLiteral("00000000-0000-7000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

/// A live row entry: row holds the cache's columns plus what the server always sends along.
inline PulledRow pulled(const QString& table, const QString& id, qint64 version, QJsonObject row)
{
    row.insert(QStringLiteral("id"), id);
    row.insert(QStringLiteral("row_version"), double(version));
    if (!row.contains(QStringLiteral("updated_at")))
        row.insert(QStringLiteral("updated_at"), double(1780000000000LL + version));
    if (!row.contains(QStringLiteral("deleted_at")))
        row.insert(QStringLiteral("deleted_at"), QJsonValue(QJsonValue::Null));
    PulledRow entry;
    entry.table = table;
    entry.id = id;
    entry.rowVersion = version;
    entry.row = row;
    return entry;
}

inline PulledRow removedRow(const QString& table, const QString& id, qint64 version)
{
    PulledRow entry;
    entry.table = table;
    entry.id = id;
    entry.rowVersion = version;
    entry.removed = true;
    return entry;
}

// The NOT NULL columns of each table (resources/sql/sqlite/0001_initial.sql) with plausible values.
inline QJsonObject regionFields(const QString& code, const QString& cityEn)
{
    return {{QStringLiteral("code"), code},
            {QStringLiteral("province_zh"), QStringLiteral("广东省")},
            {QStringLiteral("city_zh"), QStringLiteral("深圳市")},
            {QStringLiteral("province_en"), QStringLiteral("Guangdong")},
            {QStringLiteral("city_en"), cityEn}};
}

inline QJsonObject customerFields(const QString& name, const QString& city = QStringLiteral("深圳市"))
{
    return {{QStringLiteral("account_no"), QString(QStringLiteral("4403-") + name)},
            {QStringLiteral("name"), name},
            {QStringLiteral("name_norm"), name.toLower()},
            {QStringLiteral("type"), QStringLiteral("individual")},
            {QStringLiteral("region_code"), QStringLiteral("440300")},
            {QStringLiteral("city"), city},
            {QStringLiteral("consent_marketing"), 1}};
}

inline QJsonObject agentFields(const QString& login)
{
    return {{QStringLiteral("login"), login},
            {QStringLiteral("display_name"), login.toUpper()},
            {QStringLiteral("role"), QStringLiteral("agent")}};
}

inline QJsonObject planFields(const QString& code, qint64 fee)
{
    return {{QStringLiteral("code"), code},
            {QStringLiteral("name_zh"), QStringLiteral("5G套餐")},
            {QStringLiteral("name_en"), QStringLiteral("5G plan")},
            {QStringLiteral("service"), QStringLiteral("mobile")},
            {QStringLiteral("kind"), QStringLiteral("base")},
            {QStringLiteral("monthly_fee_fen"), double(fee)}};
}

inline QJsonObject offerFields(const QString& code)
{
    return {{QStringLiteral("code"), code},
            {QStringLiteral("name_zh"), QStringLiteral("优惠")},
            {QStringLiteral("name_en"), QStringLiteral("Offer")}};
}

inline QJsonObject kbFields(const QString& title)
{
    return {{QStringLiteral("title"), title},
            {QStringLiteral("body"), QStringLiteral("步骤")},
            {QStringLiteral("category"), QStringLiteral("billing")},
            {QStringLiteral("language"), QStringLiteral("zh_CN")},
            {QStringLiteral("status"), QStringLiteral("published")}};
}

inline QJsonObject subscriptionFields(const QString& customerId, const QString& digits,
                                      const QString& status = QStringLiteral("active"))
{
    QString rev = digits;
    std::reverse(rev.begin(), rev.end());
    return {{QStringLiteral("customer_id"), customerId},
            {QStringLiteral("service"), QStringLiteral("mobile")},
            {QStringLiteral("number"), QString(QStringLiteral("+86") + digits)},
            {QStringLiteral("number_digits"), digits},
            {QStringLiteral("number_rev"), rev},
            {QStringLiteral("start_date"), QStringLiteral("2021-03-01")},
            {QStringLiteral("status"), status}};
}

inline QJsonObject addonFields(const QString& subscriptionId, const QString& planId)
{
    return {{QStringLiteral("subscription_id"), subscriptionId},
            {QStringLiteral("plan_id"), planId},
            {QStringLiteral("start_date"), QStringLiteral("2026-01-01")}};
}

inline QJsonObject usageFields(const QString& subscriptionId, int month, qint64 spend)
{
    return {{QStringLiteral("subscription_id"), subscriptionId},
            {QStringLiteral("month"), month},
            {QStringLiteral("spend_fen"), double(spend)},
            {QStringLiteral("data_mb"), 2048}};
}

inline QJsonObject billFields(const QString& customerId, int month, qint64 amount)
{
    return {{QStringLiteral("customer_id"), customerId},
            {QStringLiteral("month"), month},
            {QStringLiteral("amount_fen"), double(amount)},
            {QStringLiteral("due_date"), QStringLiteral("2026-02-20")},
            {QStringLiteral("status"), QStringLiteral("open")}};
}

inline QJsonObject ticketFields(const QString& customerId, const QString& title, int priority = 2)
{
    return {{QStringLiteral("ticket_no"), QString(QStringLiteral("T-") + title.left(6))},
            {QStringLiteral("customer_id"), customerId},
            {QStringLiteral("kind"), QStringLiteral("complaint")},
            {QStringLiteral("priority"), priority},
            {QStringLiteral("status"), QStringLiteral("new")},
            {QStringLiteral("channel"), QStringLiteral("hotline")},
            {QStringLiteral("title"), title},
            {QStringLiteral("created_at"), 1790000000000.0}};
}

inline QJsonObject ticketEventFields(const QString& ticketId, const QString& body)
{
    return {{QStringLiteral("ticket_id"), ticketId},
            {QStringLiteral("kind"), QStringLiteral("comment")},
            {QStringLiteral("at"), 1790000001000.0},
            {QStringLiteral("body"), body}};
}

inline QJsonObject interactionFields(const QString& customerId, const QString& summary)
{
    return {{QStringLiteral("customer_id"), customerId},
            {QStringLiteral("channel"), QStringLiteral("hotline")},
            {QStringLiteral("kind"), QStringLiteral("inquiry")},
            {QStringLiteral("occurred_at"), 1790000002000.0},
            {QStringLiteral("summary"), summary}};
}

inline QJsonObject noteFields(const QString& customerId, const QString& body)
{
    return {{QStringLiteral("customer_id"), customerId},
            {QStringLiteral("created_at"), 1790000003000.0},
            {QStringLiteral("body"), body}};
}

inline QJsonObject orderFields(const QString& customerId)
{
    return {{QStringLiteral("customer_id"), customerId},
            {QStringLiteral("kind"), QStringLiteral("plan_change")},
            {QStringLiteral("created_at"), 1790000004000.0}};
}

inline QJsonObject taskFields(const QString& customerId)
{
    return {{QStringLiteral("customer_id"), customerId},
            {QStringLiteral("reason"), QStringLiteral("churn risk")},
            {QStringLiteral("score"), 0.75},
            {QStringLiteral("created_at"), 1790000005000.0}};
}

/// Every row of the synced tables, the outbox, the conflicts and meta, as sorted text with each value's
/// SQLite type: two dumps are equal exactly when the states are.
inline QStringList dumpCache(const QSqlDatabase& db, const QStringList& skipColumns = {})
{
    QStringList tables = PullApplier::syncedTables();
    tables << QStringLiteral("outbox") << QStringLiteral("sync_conflict") << QStringLiteral("meta");
    QStringList out;
    for (const QString& table : tables) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table))) {
            out << table + QStringLiteral(": cannot read");
            continue;
        }
        QStringList rows;
        while (q.next()) {
            QStringList values;
            const QSqlRecord record = q.record();
            for (int i = 0; i < record.count(); ++i) {
                if (skipColumns.contains(record.fieldName(i)))
                    continue;
                const QVariant v = q.value(i);
                values << record.fieldName(i) + QLatin1Char('=')
                              + (v.isNull() ? QStringLiteral("NULL")
                                            : QString::fromLatin1(v.typeName()) + QLatin1Char(':') + v.toString());
            }
            rows << table + QStringLiteral(": ") + values.join(QStringLiteral(", "));
        }
        rows.sort();
        out << rows;
    }
    return out;
}

/// The first line two dumps differ in, for a readable failure.
inline QString firstDifference(const QStringList& a, const QStringList& b)
{
    for (int i = 0; i < qMax(a.size(), b.size()); ++i) {
        const QString left = i < a.size() ? a.at(i) : QStringLiteral("<none>");
        const QString right = i < b.size() ? b.at(i) : QStringLiteral("<none>");
        if (left != right)
            return QStringLiteral("line %1:\n  %2\n  %3").arg(i).arg(left, right);
    }
    return {};
}

} // namespace telcodesk::test
