#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "store/LocalStore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QVector>

namespace telcodesk {

/// One row of the audit log. Text fields that were not given are null QStrings (NULL in the table).
struct AuditEntry
{
    qint64 seq = 0;
    QString id;
    qint64 atMs = 0; ///< UTC, milliseconds since the epoch
    QString actor;
    QString action;
    QString entity;
    QString entityId;
    QString beforeMasked;
    QString afterMasked;
    QString prevHash;
    QString hash;
};

/// The local audit log (table audit_log): append-only (triggers refuse UPDATE and DELETE) and
/// tamper-evident through a hash chain.
///
/// Chain: hash = lower-case hex SHA-256 of (prev_hash + "\n" + canonical(row)); the first row's
/// prev_hash is 64 '0's. canonical(row) is the UTF-8 text "telcodesk.audit.v1\n" followed by the
/// fields id, at (decimal), actor, action, entity, entity_id, before_masked, after_masked, each
/// written as a netstring "<byte length>:<UTF-8 bytes>," or as "~," for NULL, so that no two
/// different rows serialise alike and any other program can recompute the chain.
///
/// PERSONAL DATA: the log is read by auditors and synced, so it must never hold a clear value.
/// beforeMasked / afterMasked take values that are ALREADY masked (Masking::msisdn, ::idNumber,
/// ::name) or a marker such as "revealed"; append() cannot tell a clear value from a masked one.
///
/// Thread-safe in the way LocalStore is: every call uses the calling thread's connection.
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)

public:
    /// The prev_hash of the first row.
    static const QString& genesisHash();
    /// Longest text accepted in one field, in UTF-16 units (as ChangeWriter::kMaxFieldChars).
    static constexpr int kMaxFieldChars = 65536;

    explicit AuditLog(LocalStorePtr store, const Clock& clock = Clock::system());

    /// Appends one row chained to the current last row. actor, action and entity are required;
    /// an empty entityId, beforeMasked or afterMasked is stored as NULL. The read of the last hash
    /// and the insert run in one BEGIN IMMEDIATE transaction, so concurrent writers (other threads or
    /// processes) queue up instead of forking the chain. Called inside a transaction the caller
    /// already holds, it joins it through a savepoint (then the caller's transaction decides).
    /// Errors: "invalid" (missing field, text too long or not valid UTF-16), "io" (database error).
    Status append(const QString& actor, const QString& action, const QString& entity,
                  const QString& entityId, const QString& beforeMasked, const QString& afterMasked);

    struct Verification
    {
        bool intact = true;
        qint64 rows = 0;        ///< rows in the log (all are counted, even after a bad one)
        qint64 firstBadSeq = 0; ///< the first row that does not match; 0 when intact or unreadable
        QString message;        ///< empty when intact
    };
    /// Walks the whole chain in seq order and reports the first row whose stored hash does not match
    /// its content or whose prev_hash does not match the row before it. Rows removed from the end
    /// are found through the table's AUTOINCREMENT counter.
    Verification verify() const;

    /// The newest rows, newest first; at most `limit` (capped at 10,000). Empty on error (logged).
    QVector<AuditEntry> recent(int limit) const;

    /// The canonical serialisation of a row (see the class comment); seq, prevHash and hash are not
    /// part of it.
    static QByteArray canonical(const AuditEntry& entry);
    /// The hash a row with this content must carry after a row whose hash is prevHash.
    static QString chainHash(const QString& prevHash, const AuditEntry& entry);

private:
    LocalStorePtr m_store;
    const Clock& m_clock;
};

} // namespace telcodesk
