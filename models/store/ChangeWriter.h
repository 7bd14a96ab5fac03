#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "store/LocalStore.h"

#include <QVariantMap>
#include <QVector>

namespace telcodesk {

/// One local mutation of a synced entity.
struct Change
{
    enum class Op { Insert, Update, Delete };
    Op op = Op::Insert;
    QString table;
    QString id;
    QVariantMap fields; ///< column -> value; for Insert every column to set (id is taken from `id`)
    /// For Update: the base to send for some of these fields instead of what the cache holds. A conflict
    /// resolved as "keep mine" is based on the server's value, which may not have reached the cache yet.
    QVariantMap baseOverride;
};

/// The one path by which the application writes synced data: each change updates the entity row and
/// appends an outbox row in the same SQLite transaction, so a local write and the record that it must
/// be pushed can never be separated. Server-owned tables (plan, usage_month, bill, offer) are refused.
///
/// The outbox payload is {"set": {field: value}} and, for updates, "base": {field: value before}, so
/// that the server can merge field by field against what this desktop last saw.
///
/// Values are always bound, never concatenated; table and column names are checked against the
/// schema before any SQL is built from them.
class ChangeWriter
{
public:
    /// Limit on one text field, in characters: larger values are refused, not truncated.
    static constexpr int kMaxFieldChars = 65536;

    explicit ChangeWriter(LocalStorePtr store, const Clock& clock = Clock::system());

    Status apply(const Change& change);
    /// All changes in one transaction: all of them are written, or none.
    Status apply(const QVector<Change>& changes);

    /// Tables a client may write.
    static bool isClientWritable(const QString& table);

private:
    Status applyOne(QSqlDatabase& db, const Change& change, int schemaVersion);
    Status validate(QSqlDatabase& db, const Change& change);

    LocalStorePtr m_store;
    const Clock& m_clock;
};

} // namespace telcodesk
