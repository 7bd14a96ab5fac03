#include "sync/OutboxPusher.h"

#include "common/FaultPoint.h"
#include "common/Logging.h"
#include "store/ChangeWriter.h"
#include "sync/PullApplier.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

namespace {

QString jsonText(const QJsonValue& value)
{
    if (value.isUndefined())
        return {};
    // Wrapped in an array so that scalars serialise too; the brackets are cut off again.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

} // namespace

OutboxPusher::OutboxPusher(QSqlDatabase db, RemoteSession& remote, QString clientId, int batchSize)
    : m_db(std::move(db)), m_remote(remote), m_clientId(std::move(clientId)), m_batchSize(qMax(1, batchSize))
{
}

Result<OutboxPusher::Stats> OutboxPusher::pushAll()
{
    Stats total;
    for (;;) {
        if (m_cancel && m_cancel->loadAcquire() != 0)
            return Error{tr("Sync was cancelled."), QStringLiteral("cancelled")};
        const Result<Stats> batch = pushOneBatch();
        if (!batch)
            return batch.error();
        total.sent += batch->sent;
        total.applied += batch->applied;
        total.duplicates += batch->duplicates;
        total.rejected += batch->rejected;
        total.conflicts += batch->conflicts;
        total.batches += batch->batches;
        if (batch->sent == 0 && batch->rejected == 0)
            return total;
    }
}

Result<OutboxPusher::Stats> OutboxPusher::pushOneBatch()
{
    Stats stats;
    QVector<OutgoingMutation> batch;
    {
        QSqlQuery q(m_db);
        // The payload's bytes as stored: read as text, bytes that are not UTF-8 would silently become
        // U+FFFD and reach the server altered; as bytes, the JSON check below refuses them.
        q.prepare(QStringLiteral("SELECT seq, entity, entity_id, op, CAST(payload AS BLOB), base_version FROM outbox "
                                 "WHERE state = 'pending' ORDER BY seq LIMIT ?"));
        q.addBindValue(m_batchSize);
        if (!q.exec())
            return Error{tr("Cannot read the local changes waiting to sync: %1").arg(q.lastError().text()),
                         QStringLiteral("io")};
        while (q.next()) {
            OutgoingMutation m;
            m.seq = q.value(0).toLongLong();
            m.entity = q.value(1).toString();
            m.entityId = q.value(2).toString();
            m.op = q.value(3).toString();
            m.payload = q.value(4).toByteArray();
            m.baseVersion = q.value(5).toLongLong();
            batch.append(m);
        }
    }
    if (batch.isEmpty())
        return stats;

    // A payload that is not a JSON object cannot be a valid mutation: set it aside here rather than
    // let it fail every batch it travels in.
    QVector<OutgoingMutation> sendable;
    for (const OutgoingMutation& m : batch) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(m.payload, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            const Status marked =
                markRejected(m.seq, QStringLiteral("invalid"),
                             tr("The change could not be read (its stored form is not valid JSON: %1).")
                                 .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                              : tr("not an object")));
            if (!marked)
                return marked.error();
            ++stats.rejected;
            continue;
        }
        sendable.append(m);
    }
    if (sendable.isEmpty())
        return stats;

    {
        QSqlQuery attempts(m_db);
        attempts.prepare(QStringLiteral("UPDATE outbox SET attempts = attempts + 1 WHERE state = 'pending' "
                                        "AND seq BETWEEN ? AND ?"));
        attempts.addBindValue(sendable.first().seq);
        attempts.addBindValue(sendable.last().seq);
        if (!attempts.exec())
            return Error{tr("Cannot update the local changes waiting to sync: %1").arg(attempts.lastError().text()),
                         QStringLiteral("io")};
    }

    FaultPoint::hit("sync.before_send");
    ++stats.batches;
    const Result<BatchResult> answer = m_remote.applyBatch(m_clientId, sendable);
    if (answer) {
        stats.sent += sendable.size();
        const Status recorded = recordResults(sendable, answer.value(), stats);
        if (!recorded)
            return recorded.error();
        return stats;
    }
    if (answer.error().code != QLatin1String("server"))
        return answer.error(); // transient: everything stays pending and is sent again

    // Refused as a whole (e.g. text PostgreSQL cannot hold): find the mutation that causes it by
    // sending them one at a time; the others go through.
    qCWarning(lcSync) << "batch refused as a whole, sending one by one:" << answer.errorMessage();
    QVector<QPair<qint64, QString>> refused;
    for (const OutgoingMutation& m : sendable) {
        ++stats.batches;
        const Result<BatchResult> single = m_remote.applyBatch(m_clientId, {m});
        if (single) {
            stats.sent += 1;
            const Status recorded = recordResults({m}, single.value(), stats);
            if (!recorded)
                return recorded.error();
            continue;
        }
        if (single.error().code != QLatin1String("server"))
            return single.error();
        refused.append({m.seq, single.errorMessage()});
    }
    // When every mutation fails on its own too, the cause is not in them (a privilege revoked, a broken
    // server function): they stay queued and the failure is reported, rather than all set aside.
    if (refused.size() == sendable.size())
        return answer.error();
    for (const auto& [seq, reason] : std::as_const(refused)) {
        const Status marked = markRejected(seq, QStringLiteral("invalid"), reason);
        if (!marked)
            return marked.error();
        ++stats.rejected;
    }
    return stats;
}

Status OutboxPusher::recordResults(const QVector<OutgoingMutation>& sent, const BatchResult& result, Stats& stats)
{
    QHash<qint64, const MutationResult*> bySeq;
    for (const MutationResult& r : result.results)
        bySeq.insert(r.seq, &r);

    if (!m_db.transaction())
        return Error{tr("Cannot record the server's answer: %1").arg(m_db.lastError().text()), QStringLiteral("io")};
    QSqlQuery applied(m_db);
    applied.prepare(QStringLiteral("UPDATE outbox SET state = 'applied', error_code = ?, error = ? "
                                   "WHERE seq = ? AND state = 'pending'"));
    int unanswered = 0;
    QSqlQuery rejected(m_db);
    rejected.prepare(QStringLiteral("UPDATE outbox SET state = 'rejected', error_code = ?, error = ? "
                                    "WHERE seq = ? AND state = 'pending'"));
    for (const OutgoingMutation& m : sent) {
        const MutationResult* r = bySeq.value(m.seq);
        QSqlQuery* q = nullptr;
        QString code, reason;
        if (!r) {
            // Not answered one by one: at or below last_seq the server has it already (an earlier
            // attempt whose answer was lost); above it, it stays pending.
            if (m.seq > result.lastSeq) {
                ++unanswered;
                continue;
            }
            q = &applied;
            ++stats.duplicates;
        } else if (r->status == QLatin1String("applied")) {
            q = &applied;
            ++stats.applied;
        } else if (r->status == QLatin1String("duplicate")) {
            q = &applied;
            ++stats.duplicates;
        } else if (r->status == QLatin1String("conflict")) {
            q = &applied;
            code = QStringLiteral("conflict");
            reason = r->reason;
            ++stats.conflicts;
        } else if (r->status == QLatin1String("rejected")) {
            q = &rejected;
            code = r->code.isEmpty() ? QStringLiteral("error") : r->code;
            reason = r->reason;
            ++stats.rejected;
        } else {
            m_db.rollback();
            return Error{tr("The server answered change %1 with an unknown status \"%2\".").arg(m.seq).arg(r->status),
                         QStringLiteral("protocol")};
        }
        q->addBindValue(code.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(code));
        q->addBindValue(reason.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reason));
        q->addBindValue(m.seq);
        if (!q->exec()) {
            const QString why = q->lastError().text();
            m_db.rollback();
            return Error{tr("Cannot record the server's answer: %1").arg(why), QStringLiteral("io")};
        }
        if (q == &rejected) {
            const Status undone = undoRejected(m.seq);
            if (!undone) {
                m_db.rollback();
                return undone;
            }
        }
    }
    if (!m_db.commit()) {
        const QString why = m_db.lastError().text();
        m_db.rollback();
        return Error{tr("Cannot record the server's answer: %1").arg(why), QStringLiteral("io")};
    }
    if (unanswered > 0)
        return Error{tr("The server answered %n of the changes sent without a verdict for the others.", nullptr,
                        int(sent.size() - unanswered)),
                     QStringLiteral("protocol")};
    return Status::success();
}

Status OutboxPusher::markRejected(qint64 seq, const QString& code, const QString& reason)
{
    if (!m_db.transaction())
        return Error{tr("Cannot record a refused change: %1").arg(m_db.lastError().text()), QStringLiteral("io")};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE outbox SET state = 'rejected', error_code = ?, error = ? "
                             "WHERE seq = ? AND state = 'pending'"));
    q.addBindValue(code);
    q.addBindValue(reason);
    q.addBindValue(seq);
    if (!q.exec()) {
        const QString why = q.lastError().text();
        m_db.rollback();
        return Error{tr("Cannot record a refused change: %1").arg(why), QStringLiteral("io")};
    }
    const Status undone = undoRejected(seq);
    if (!undone) {
        m_db.rollback();
        return undone;
    }
    if (!m_db.commit()) {
        const QString why = m_db.lastError().text();
        m_db.rollback();
        return Error{tr("Cannot record a refused change: %1").arg(why), QStringLiteral("io")};
    }
    return Status::success();
}

Status OutboxPusher::undoRejected(qint64 seq)
{
    // The server keeps what it had, and since its row does not change no pull will bring it back: the
    // cache must stop showing the refused change. An update goes back to the values it was based on,
    // an insert is removed (unless later local changes of the same record are still on their way:
    // they were made on top of it and the server will judge them too). Append-only tables keep their
    // local row, as the local audit chain must.
    QSqlQuery read(m_db);
    read.prepare(QStringLiteral("SELECT entity, entity_id, op, CAST(payload AS BLOB) FROM outbox WHERE seq = ?"));
    read.addBindValue(seq);
    if (!read.exec() || !read.next())
        return Status::success();
    const QString entity = read.value(0).toString();
    const QString id = read.value(1).toString();
    const QString op = read.value(2).toString();
    const QJsonObject payload = QJsonDocument::fromJson(read.value(3).toByteArray()).object();
    read.finish();
    if (!ChangeWriter::isClientWritable(entity) || entity == QLatin1String("audit_log"))
        return Status::success();
    QSqlQuery later(m_db);
    later.prepare(QStringLiteral("SELECT 1 FROM outbox WHERE entity_id = ? AND state = 'pending' AND seq > ? LIMIT 1"));
    later.addBindValue(id);
    later.addBindValue(seq);
    if (later.exec() && later.next())
        return Status::success();

    // The name is one of the client-writable tables checked above, never text from the network.
    const QStringList columns = PullApplier::readTableInfo(m_db, entity).columns;
    QSqlQuery undo(m_db);
    if (op == QLatin1String("insert")) {
        QSqlQuery version(m_db);
        version.prepare(QStringLiteral("SELECT row_version FROM %1 WHERE id = ?").arg(entity));
        version.addBindValue(id);
        // Only a row the server never had (row_version 0): one pulled since is the server's.
        if (!version.exec() || !version.next() || version.value(0).toLongLong() != 0)
            return Status::success();
        undo.prepare(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(entity));
        undo.addBindValue(id);
    } else if (op == QLatin1String("delete")) {
        undo.prepare(QStringLiteral("UPDATE %1 SET deleted_at = NULL WHERE id = ?").arg(entity));
        undo.addBindValue(id);
    } else {
        const QJsonObject base = payload.value(QLatin1String("base")).toObject();
        QStringList sets;
        QVariantList values;
        for (auto it = base.begin(); it != base.end(); ++it) {
            if (!columns.contains(it.key()) || it.key() == QLatin1String("id") || it.key() == QLatin1String("row_version"))
                continue;
            sets << it.key() + QStringLiteral(" = ?");
            values << it.value().toVariant();
        }
        if (sets.isEmpty())
            return Status::success();
        undo.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(entity, sets.join(QLatin1Char(','))));
        for (const QVariant& v : std::as_const(values))
            undo.addBindValue(v.isNull() ? QVariant(QMetaType(QMetaType::QString)) : v);
        undo.addBindValue(id);
    }
    if (!undo.exec()) {
        // A retention task closed offline whose insert the server answered "duplicate" (the customer had
        // another open task there): reopening it would make two open tasks for one customer, which the
        // cache's unique index refuses. The server's task stands; this one never existed there.
        if (entity == QLatin1String("retention_task") && op == QLatin1String("update")
            && undo.lastError().databaseText().contains(QLatin1String("UNIQUE constraint failed"))) {
            QSqlQuery drop(m_db);
            drop.prepare(QStringLiteral("DELETE FROM retention_task WHERE id = ?"));
            drop.addBindValue(id);
            if (drop.exec())
                return Status::success();
        }
        return Error{tr("Cannot undo the refused change locally: %1").arg(undo.lastError().text()), QStringLiteral("io")};
    }
    return Status::success();
}

Status OutboxPusher::syncConflicts()
{
    // Decisions taken here first, so that the server's list no longer holds them.
    {
        QStringList resolved;
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT id FROM sync_conflict WHERE status = 'resolved' AND server_resolved = 0")))
            return Error{tr("Cannot read the resolved conflicts: %1").arg(q.lastError().text()), QStringLiteral("io")};
        while (q.next())
            resolved << q.value(0).toString();
        for (const QString& id : std::as_const(resolved)) {
            const Status told = m_remote.resolveConflict(id);
            if (!told)
                return told;
            QSqlQuery mark(m_db);
            mark.prepare(QStringLiteral("UPDATE sync_conflict SET server_resolved = 1 WHERE id = ?"));
            mark.addBindValue(id);
            if (!mark.exec())
                return Error{tr("Cannot record a resolved conflict: %1").arg(mark.lastError().text()),
                             QStringLiteral("io")};
        }
    }

    const Result<QVector<ServerConflict>> open = m_remote.openConflicts(m_clientId);
    if (!open)
        return open.error();
    if (open->isEmpty())
        return Status::success();
    if (!m_db.transaction())
        return Error{tr("Cannot record the conflicts: %1").arg(m_db.lastError().text()), QStringLiteral("io")};
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO sync_conflict(id, seq, entity, entity_id, field, base_value, mine, theirs, received_at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch(); // shown to people only
    for (const ServerConflict& c : open.value()) {
        insert.addBindValue(c.id);
        insert.addBindValue(c.seq);
        insert.addBindValue(c.entity);
        insert.addBindValue(c.entityId);
        insert.addBindValue(c.field);
        const QString base = jsonText(c.base);
        insert.addBindValue(base.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(base));
        insert.addBindValue(jsonText(c.mine));
        insert.addBindValue(jsonText(c.theirs));
        insert.addBindValue(now);
        if (!insert.exec()) {
            const QString why = insert.lastError().text();
            m_db.rollback();
            return Error{tr("Cannot record the conflicts: %1").arg(why), QStringLiteral("io")};
        }
    }
    if (!m_db.commit()) {
        const QString why = m_db.lastError().text();
        m_db.rollback();
        return Error{tr("Cannot record the conflicts: %1").arg(why), QStringLiteral("io")};
    }
    return Status::success();
}

} // namespace telcodesk
