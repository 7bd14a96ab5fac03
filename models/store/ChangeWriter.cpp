#include "store/ChangeWriter.h"

#include "common/Logging.h"
#include "common/TextChecks.h"
#include "common/Uuid.h"
#include "store/LocalChangeNotifier.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

namespace {

const QSet<QString>& writableTables()
{
    static const QSet<QString> tables = {
        QStringLiteral("agent"),        QStringLiteral("customer"),       QStringLiteral("subscription"),
        QStringLiteral("subscription_addon"), QStringLiteral("interaction"), QStringLiteral("ticket"),
        QStringLiteral("ticket_event"), QStringLiteral("kb_article"),     QStringLiteral("sales_order"),
        QStringLiteral("retention_task"), QStringLiteral("customer_note"), QStringLiteral("ticket_escalation"),
        QStringLiteral("ticket_escalation_ack"), QStringLiteral("kb_article_version"), QStringLiteral("kb_feedback"),
        QStringLiteral("ticket_kb_link")};
    return tables;
}

/// Columns the server owns: a client never sets them.
bool isServerColumn(const QString& column)
{
    return column == QLatin1String("row_version") || column == QLatin1String("updated_at")
        || column == QLatin1String("deleted_at");
}

QSet<QString> columnsOf(QSqlDatabase& db, const QString& table)
{
    QSet<QString> columns;
    QSqlQuery q(db);
    // table is checked against writableTables() before this is called.
    if (q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table))) {
        while (q.next())
            columns.insert(q.value(1).toString());
    }
    return columns;
}

/// A SQL NULL arrives as a null QVariant of some type; it must stay null in JSON, not become "" or 0.
QJsonObject toJson(const QVariantMap& fields)
{
    QJsonObject out;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        out.insert(it.key(), it.value().isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue::fromVariant(it.value()));
    return out;
}

} // namespace

ChangeWriter::ChangeWriter(LocalStorePtr store, const Clock& clock)
    : m_store(std::move(store))
    , m_clock(clock)
{
}

bool ChangeWriter::isClientWritable(const QString& table)
{
    return writableTables().contains(table);
}

Status ChangeWriter::validate(QSqlDatabase& db, const Change& change)
{
    if (!isClientWritable(change.table))
        return Error{QObject::tr("The table \"%1\" cannot be changed on this desktop.").arg(change.table),
                     QStringLiteral("invalid")};
    if (!UuidV7::isValid(change.id))
        return Error{QObject::tr("\"%1\" is not a valid record id.").arg(change.id.left(64)),
                     QStringLiteral("invalid")};
    const QSet<QString> columns = columnsOf(db, change.table);
    for (auto it = change.fields.cbegin(); it != change.fields.cend(); ++it) {
        if (!columns.contains(it.key()) || it.key() == QLatin1String("id"))
            return Error{QObject::tr("The field \"%1\" does not exist in %2.").arg(it.key().left(64), change.table),
                         QStringLiteral("invalid")};
        if (isServerColumn(it.key()))
            return Error{QObject::tr("The field \"%1\" is set by the server only.").arg(it.key()),
                         QStringLiteral("invalid")};
        if (it.value().typeId() == QMetaType::QString) {
            const QString text = it.value().toString();
            if (text.size() > kMaxFieldChars)
                return Error{QObject::tr("The field \"%1\" is too long (%2 characters; at most %3).")
                                 .arg(it.key())
                                 .arg(text.size())
                                 .arg(kMaxFieldChars),
                             QStringLiteral("invalid")};
            // A NUL is legal in a QString but not in PostgreSQL text: refused here, where the person
            // who typed it can still be told, rather than failing every later push of its batch.
            if (!isStorableText(text))
                return Error{QObject::tr("The field \"%1\" contains invalid characters.").arg(it.key()),
                             QStringLiteral("invalid")};
        }
    }
    return Status::success();
}

Status ChangeWriter::apply(const Change& change)
{
    return apply(QVector<Change>{change});
}

Status ChangeWriter::apply(const QVector<Change>& changes)
{
    QSqlDatabase db = m_store->connection();
    for (const Change& change : changes) {
        const Status valid = validate(db, change);
        if (!valid)
            return valid;
    }
    const int schemaVersion = m_store->schemaVersion();
    // IMMEDIATE: the write lock is taken (waiting out the busy timeout) before anything is read. A
    // deferred transaction that reads and then writes fails at once with "database is locked" when another
    // thread (the sync engine, the ticket queue's background refresh) committed in between.
    QSqlQuery begin(db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Error{QObject::tr("Cannot start a transaction: %1").arg(begin.lastError().text()),
                     QStringLiteral("io")};
    begin.finish();
    for (const Change& change : changes) {
        const Status done = applyOne(db, change, schemaVersion);
        if (!done) {
            db.rollback();
            return done;
        }
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        return Error{QObject::tr("Cannot save the change: %1").arg(why), QStringLiteral("io")};
    }
    Q_EMIT LocalChangeNotifier::instance().changesWritten(m_store->path());
    return Status::success();
}

Status ChangeWriter::applyOne(QSqlDatabase& db, const Change& change, int schemaVersion)
{
    QSqlQuery q(db);
    qint64 baseVersion = 0;
    QString op;
    const QStringList keys = change.fields.keys();
    // What the fields held before this change: with them the server merges field by field (a field
    // the server still holds at its base value takes ours; one that moved on both sides is a conflict).
    QVariantMap base;
    if (change.op != Change::Op::Insert) {
        QStringList columns{QStringLiteral("row_version")};
        columns << keys;
        q.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = ? AND deleted_at IS NULL")
                      .arg(columns.join(QLatin1Char(',')), change.table));
        q.addBindValue(change.id);
        if (!q.exec() || !q.next())
            return Error{QObject::tr("The record %1 in %2 no longer exists.").arg(change.id, change.table),
                         QStringLiteral("not_found")};
        baseVersion = q.value(0).toLongLong();
        for (int i = 0; i < keys.size(); ++i)
            base.insert(keys.at(i), change.baseOverride.contains(keys.at(i)) ? change.baseOverride.value(keys.at(i))
                                                                             : q.value(i + 1));
        q.finish();
    }

    switch (change.op) {
    case Change::Op::Insert: {
        op = QStringLiteral("insert");
        QStringList columns{QStringLiteral("id")};
        QStringList marks{QStringLiteral("?")};
        for (const QString& key : keys) {
            columns << key;
            marks << QStringLiteral("?");
        }
        q.prepare(QStringLiteral("INSERT INTO %1(%2) VALUES(%3)")
                      .arg(change.table, columns.join(QLatin1Char(',')), marks.join(QLatin1Char(','))));
        q.addBindValue(change.id);
        for (const QString& key : keys)
            q.addBindValue(change.fields.value(key));
        break;
    }
    case Change::Op::Update: {
        op = QStringLiteral("update");
        if (keys.isEmpty())
            return Status::success();
        QStringList sets;
        for (const QString& key : keys)
            sets << key + QStringLiteral(" = ?");
        q.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(change.table, sets.join(QLatin1Char(','))));
        for (const QString& key : keys)
            q.addBindValue(change.fields.value(key));
        q.addBindValue(change.id);
        break;
    }
    case Change::Op::Delete:
        op = QStringLiteral("delete");
        // A local tombstone; the server's deleted_at replaces it when the delete is pulled back.
        q.prepare(QStringLiteral("UPDATE %1 SET deleted_at = ? WHERE id = ?").arg(change.table));
        q.addBindValue(m_clock.nowMs());
        q.addBindValue(change.id);
        break;
    }
    if (!q.exec())
        return Error{QObject::tr("Cannot write to %1: %2").arg(change.table, q.lastError().text()),
                     QStringLiteral("constraint")};

    QSqlQuery outbox(db);
    outbox.prepare(QStringLiteral(
        "INSERT INTO outbox(mutation_id, entity, entity_id, op, payload, base_version, created_at, schema_version) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    outbox.addBindValue(UuidV7::create());
    outbox.addBindValue(change.table);
    outbox.addBindValue(change.id);
    outbox.addBindValue(op);
    QJsonObject payload{{QStringLiteral("set"), toJson(change.fields)}};
    if (change.op == Change::Op::Update)
        payload.insert(QStringLiteral("base"), toJson(base));
    outbox.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    outbox.addBindValue(baseVersion);
    outbox.addBindValue(m_clock.nowMs());
    outbox.addBindValue(schemaVersion);
    if (!outbox.exec())
        return Error{QObject::tr("Cannot queue the change for sync: %1").arg(outbox.lastError().text()),
                     QStringLiteral("io")};
    return Status::success();
}

} // namespace telcodesk
