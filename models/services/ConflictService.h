#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "itemmodels/ItemRoles.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonValue>
#include <QSqlDatabase>
#include <QVector>

namespace telcodesk {

/// One field that was changed on this desktop and on the server since the version this desktop saw,
/// waiting for a person's choice (a row of sync_conflict, status open).
struct SyncConflict
{
    QString id;           ///< the server's conflict id
    qint64 seq = 0;       ///< the outbox mutation that met it
    QString entity;       ///< table
    QString entityId;
    QString entityName;   ///< "Ticket", "Customer", ...
    QString recordLabel;  ///< the record as a person knows it: "T2026-0001 · 宽带断网", "张伟"
    QString field;        ///< column
    QString fieldName;    ///< "Title", "Priority", ...
    QJsonValue base;      ///< Undefined when the server had no base for the field
    QJsonValue mine;
    QJsonValue theirs;
    QString baseText;     ///< the values as the views show them
    QString mineText;
    QString theirsText;
    qint64 receivedAtMs = 0;
};

/// Lists the open conflicts and records the person's choices.
///
/// "Keep mine" writes the value chosen as a new local update through ChangeWriter, so it reaches the
/// server as an ordinary mutation, then marks the conflict resolved. The mutation's base for the field
/// is the server's value from the conflict (whether or not a pull has brought it into the cache yet),
/// so the server takes it unless someone changed the field again meanwhile, which is a new conflict; "take the server's" only marks it resolved, since the server's value is the one that
/// stands there and reaches the cache by pull. server_resolved stays 0: the sync engine tells the
/// server (sync.resolve_conflict) and sets it.
///
/// Errors: "not_found" (no such conflict), "already_resolved", "invalid" (a field the cache does not
/// have), "io"; and ChangeWriter's for "mine" (e.g. "not_found" when the record is gone).
class ConflictService
{
    Q_DECLARE_TR_FUNCTIONS(ConflictService)

public:
    enum class Choice { Mine, Theirs };

    explicit ConflictService(LocalStorePtr store, const Clock& clock = Clock::system(),
                             CodeLabeler labeler = CodeLabeler());

    /// Open conflicts, oldest record first, the fields of a record together.
    Result<QVector<SyncConflict>> openConflicts() const;
    Result<int> openCount() const;

    Status resolve(const QString& conflictId, Choice choice);
    /// The same choice for every open field of one record; "mine" travels as one mutation.
    Status resolveRecord(const QString& entity, const QString& entityId, Choice choice);
    /// Several choices at once (conflict id -> choice): the fields kept as mine of one record travel as
    /// one mutation. Nothing is written unless every conflict named is still open.
    Status resolveAll(const QHash<QString, Choice>& choices);

    /// A conflict value (JSON as the server normalised it) as the cache's column wants it: text for
    /// TEXT columns, integers for INTEGER ones, null for null. Errors "invalid" naming the field.
    static Result<QVariant> toColumnValue(const QString& field, const QString& columnType, const QJsonValue& value);

private:
    struct OpenRow
    {
        QString id;
        QString entity;
        QString entityId;
        QString field;
        QJsonValue mine;
        QJsonValue theirs;
        Choice choice = Choice::Theirs;
    };
    /// The open rows matching; an error when none is open (or, with expected > 0, when fewer than
    /// expected are).
    Result<QVector<OpenRow>> openRows(const QString& whereSql, const QStringList& binds, int expected = 0) const;
    Status apply(const QVector<OpenRow>& rows);
    /// Inside apply's transaction: the cache takes the server's value of a field decided "theirs".
    Status takeServerValue(QSqlDatabase& db, const OpenRow& row);

    LocalStorePtr m_store;
    const Clock& m_clock;
    CodeLabeler m_labeler;
};

} // namespace telcodesk
