#include "services/ConflictService.h"

#include "common/Logging.h"
#include "services/RecordLabel.h"
#include "store/ChangeWriter.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace telcodesk {

namespace {

/// A stored conflict value: JSON text, or SQL NULL when the server reported none (Undefined). Scalars
/// are parsed inside an array because QJsonDocument reads only arrays and objects.
QJsonValue parseStored(const QVariant& stored)
{
    if (stored.isNull())
        return QJsonValue(QJsonValue::Undefined);
    const QByteArray text = stored.toString().toUtf8();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[" + text + "]"), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return QJsonValue(stored.toString()); // not JSON after all: shown and kept as the text it is
    return doc.array().at(0);
}

QString columnTypeOf(QSqlDatabase& db, const QString& table, const QString& column)
{
    QSqlQuery q(db);
    // table is one ChangeWriter accepts (checked by the caller): a fixed name, never user input.
    if (!q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        return QString();
    while (q.next()) {
        if (q.value(1).toString() == column)
            return q.value(2).toString().toUpper();
    }
    return QString();
}

} // namespace

ConflictService::ConflictService(LocalStorePtr store, const Clock& clock, CodeLabeler labeler)
    : m_store(std::move(store))
    , m_clock(clock)
    , m_labeler(std::move(labeler))
{
}

Result<QVector<SyncConflict>> ConflictService::openConflicts() const
{
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, seq, entity, entity_id, field, base_value, mine, theirs, received_at "
                             "FROM sync_conflict WHERE status = 'open' ORDER BY received_at, seq, field"));
    if (!q.exec())
        return Error{tr("Cannot read the conflicts: %1").arg(q.lastError().text()), QStringLiteral("io")};
    QVector<SyncConflict> rows;
    while (q.next()) {
        SyncConflict c;
        c.id = q.value(0).toString();
        c.seq = q.value(1).toLongLong();
        c.entity = q.value(2).toString();
        c.entityId = q.value(3).toString();
        c.field = q.value(4).toString();
        c.base = parseStored(q.value(5));
        c.mine = parseStored(q.value(6));
        c.theirs = parseStored(q.value(7));
        c.receivedAtMs = q.value(8).toLongLong();
        rows.append(c);
    }
    q.finish();

    // The fields of one record together, records in the order their first conflict arrived.
    QVector<SyncConflict> grouped;
    grouped.reserve(rows.size());
    QHash<QString, QString> labels;
    QVector<bool> taken(rows.size(), false);
    for (int i = 0; i < rows.size(); ++i) {
        if (taken[i])
            continue;
        for (int j = i; j < rows.size(); ++j) {
            if (taken[j] || rows[j].entity != rows[i].entity || rows[j].entityId != rows[i].entityId)
                continue;
            taken[j] = true;
            SyncConflict c = rows[j];
            const QString key = c.entity + QLatin1Char('/') + c.entityId;
            if (!labels.contains(key))
                labels.insert(key, RecordLabel::describe(db, c.entity, c.entityId));
            c.recordLabel = labels.value(key);
            c.entityName = RecordLabel::entityName(c.entity);
            c.fieldName = RecordLabel::fieldName(c.entity, c.field);
            c.baseText = RecordLabel::displayValue(db, c.entity, c.field, c.base, m_labeler);
            c.mineText = RecordLabel::displayValue(db, c.entity, c.field, c.mine, m_labeler);
            c.theirsText = RecordLabel::displayValue(db, c.entity, c.field, c.theirs, m_labeler);
            grouped.append(c);
        }
    }
    return grouped;
}

Result<int> ConflictService::openCount() const
{
    QSqlQuery q(m_store->connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sync_conflict WHERE status = 'open'")) || !q.next())
        return Error{tr("Cannot count the conflicts: %1").arg(q.lastError().text()), QStringLiteral("io")};
    return q.value(0).toInt();
}

Result<QVector<ConflictService::OpenRow>> ConflictService::openRows(const QString& whereSql,
                                                                     const QStringList& binds, int expected) const
{
    QSqlQuery q(m_store->connection());
    // whereSql is built here from fixed text and "?" marks only; the values are bound.
    q.prepare(QStringLiteral("SELECT id, entity, entity_id, field, mine, theirs, status FROM sync_conflict WHERE ") + whereSql
              + QStringLiteral(" ORDER BY seq, field"));
    for (const QString& value : binds)
        q.addBindValue(value);
    if (!q.exec())
        return Error{tr("Cannot read the conflicts: %1").arg(q.lastError().text()), QStringLiteral("io")};
    QVector<OpenRow> open;
    bool anyResolved = false;
    while (q.next()) {
        if (q.value(6).toString() != QLatin1String("open")) {
            anyResolved = true;
            continue;
        }
        OpenRow row;
        row.id = q.value(0).toString();
        row.entity = q.value(1).toString();
        row.entityId = q.value(2).toString();
        row.field = q.value(3).toString();
        row.mine = parseStored(q.value(4));
        row.theirs = parseStored(q.value(5));
        open.append(row);
    }
    if ((open.isEmpty() || (expected > 0 && open.size() < expected)) && anyResolved)
        return Error{tr("This conflict has already been resolved."), QStringLiteral("already_resolved")};
    if (open.isEmpty() || (expected > 0 && open.size() < expected))
        return Error{tr("This conflict no longer exists."), QStringLiteral("not_found")};
    return open;
}

Status ConflictService::resolve(const QString& conflictId, Choice choice)
{
    return resolveAll({{conflictId, choice}});
}

Status ConflictService::resolveRecord(const QString& entity, const QString& entityId, Choice choice)
{
    auto rows = openRows(QStringLiteral("entity = ? AND entity_id = ?"), {entity, entityId});
    if (!rows)
        return rows.error();
    for (OpenRow& row : rows.value())
        row.choice = choice;
    return apply(rows.value());
}

Status ConflictService::resolveAll(const QHash<QString, Choice>& choices)
{
    if (choices.isEmpty())
        return Status::success();
    const QStringList ids = choices.keys();
    QStringList marks;
    for (int i = 0; i < ids.size(); ++i)
        marks << QStringLiteral("?");
    auto rows = openRows(QStringLiteral("id IN (%1)").arg(marks.join(QLatin1Char(','))), ids, int(ids.size()));
    if (!rows)
        return rows.error();
    for (OpenRow& row : rows.value())
        row.choice = choices.value(row.id);
    return apply(rows.value());
}

Result<QVariant> ConflictService::toColumnValue(const QString& field, const QString& columnType, const QJsonValue& value)
{
    const auto wrongType = [&field] {
        return Error{tr("The value kept for \"%1\" does not fit the field's type.").arg(field), QStringLiteral("invalid")};
    };
    if (value.isNull() || value.isUndefined())
        return QVariant();
    const QString type = columnType.toUpper();
    if (type.contains(QLatin1String("INT"))) {
        if (value.isBool())
            return QVariant(qint64(value.toBool() ? 1 : 0));
        if (value.isDouble()) {
            const double d = value.toDouble();
            if (std::floor(d) != d || std::abs(d) > 9.0e15)
                return wrongType();
            return QVariant(static_cast<qint64>(d));
        }
        bool ok = false;
        const qint64 n = value.toString().trimmed().toLongLong(&ok);
        if (!ok)
            return wrongType();
        return QVariant(n);
    }
    if (type.contains(QLatin1String("REAL")) || type.contains(QLatin1String("FLOA")) || type.contains(QLatin1String("DOUB"))) {
        if (value.isDouble())
            return QVariant(value.toDouble());
        bool ok = false;
        const double d = value.toString().trimmed().toDouble(&ok);
        if (!ok)
            return wrongType();
        return QVariant(d);
    }
    // TEXT: dates, codes, ids and free text arrive as JSON strings; anything else is kept as its JSON.
    if (value.isString())
        return QVariant(value.toString());
    if (value.isBool())
        return QVariant(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    if (value.isDouble()) {
        const double d = value.toDouble();
        return QVariant(std::floor(d) == d && std::abs(d) < 9.0e15 ? QString::number(static_cast<qint64>(d))
                                                                      : QString::number(d, 'g', 17));
    }
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QVariant(QString::fromUtf8(doc.toJson(QJsonDocument::Compact)));
}

Status ConflictService::apply(const QVector<OpenRow>& rows)
{
    QSqlDatabase db = m_store->connection();
    // One update per record for the fields kept as mine, written before the conflicts are marked:
    // should the marking fail, the choice is already on its way and choosing again repeats the value.
    QVector<Change> changes;
    for (const OpenRow& row : rows) {
        if (row.choice != Choice::Mine)
            continue;
        if (!ChangeWriter::isClientWritable(row.entity))
            return Error{tr("Records of this kind (%1) cannot be changed on this desktop.").arg(row.entity),
                         QStringLiteral("invalid")};
        const QString type = columnTypeOf(db, row.entity, row.field);
        if (type.isEmpty())
            return Error{tr("The field \"%1\" does not exist in %2.").arg(row.field, row.entity),
                         QStringLiteral("invalid")};
        const Result<QVariant> value = toColumnValue(row.field, type, row.mine);
        if (!value)
            return value.error();
        const Result<QVariant> serverValue = toColumnValue(row.field, type, row.theirs);
        if (!serverValue)
            return serverValue.error();
        auto it = std::find_if(changes.begin(), changes.end(), [&row](const Change& c) {
            return c.table == row.entity && c.id == row.entityId;
        });
        if (it == changes.end()) {
            Change change;
            change.op = Change::Op::Update;
            change.table = row.entity;
            change.id = row.entityId;
            changes.append(change);
            it = changes.end() - 1;
        }
        it->fields.insert(row.field, value.value());
        it->baseOverride.insert(row.field, serverValue.value());
    }
    if (!changes.isEmpty()) {
        const Status written = ChangeWriter(m_store, m_clock).apply(changes);
        if (!written)
            return written;
    }

    if (!db.transaction())
        return Error{tr("Cannot record the choice: %1").arg(db.lastError().text()), QStringLiteral("io")};
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE sync_conflict SET status = 'resolved', resolution = ?, resolved_at = ? "
                             "WHERE id = ? AND status = 'open'"));
    const qint64 now = m_clock.nowMs();
    for (const OpenRow& row : rows) {
        q.addBindValue(row.choice == Choice::Mine ? QStringLiteral("mine") : QStringLiteral("theirs"));
        q.addBindValue(now);
        q.addBindValue(row.id);
        if (!q.exec()) {
            const QString why = q.lastError().text();
            db.rollback();
            return Error{tr("Cannot record the choice: %1").arg(why), QStringLiteral("io")};
        }
        if (row.choice == Choice::Theirs) {
            // The server kept its value, and when every field of the change met a conflict its row did
            // not move, so no pull brings that value back: the cache takes it now (no outbox row: the
            // server has it already), unless a later local change of the field is still on its way.
            const Status taken = takeServerValue(db, row);
            if (!taken) {
                db.rollback();
                return taken;
            }
        }
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        return Error{tr("Cannot record the choice: %1").arg(why), QStringLiteral("io")};
    }
    qCInfo(lcSync) << rows.size() << "conflict(s) resolved," << changes.size() << "record(s) kept as mine";
    return Status::success();
}

Status ConflictService::takeServerValue(QSqlDatabase& db, const OpenRow& row)
{
    if (!ChangeWriter::isClientWritable(row.entity))
        return Status::success();
    const QString type = columnTypeOf(db, row.entity, row.field);
    if (type.isEmpty())
        return Status::success();
    QSqlQuery pending(db);
    pending.prepare(QStringLiteral("SELECT payload FROM outbox WHERE entity_id = ? AND state = 'pending'"));
    pending.addBindValue(row.entityId);
    if (!pending.exec())
        return Error{tr("Cannot record the choice: %1").arg(pending.lastError().text()), QStringLiteral("io")};
    while (pending.next()) {
        const QJsonObject set = QJsonDocument::fromJson(pending.value(0).toString().toUtf8())
                                    .object()
                                    .value(QLatin1String("set"))
                                    .toObject();
        if (set.contains(row.field))
            return Status::success();
    }
    const Result<QVariant> value = toColumnValue(row.field, type, row.theirs);
    if (!value)
        return value.error();
    QSqlQuery update(db);
    // Table and column names were checked against the schema above (isClientWritable, columnTypeOf).
    update.prepare(QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(row.entity, row.field));
    update.addBindValue(value.value());
    update.addBindValue(row.entityId);
    if (!update.exec())
        return Error{tr("Cannot take the server's value: %1").arg(update.lastError().text()), QStringLiteral("io")};
    return Status::success();
}

} // namespace telcodesk

