#include "services/RejectedChangeService.h"

#include "common/Logging.h"
#include "services/RecordLabel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

namespace {

QString shortened(const QString& text, int chars)
{
    if (text.size() <= chars)
        return text;
    QString cut = text.left(chars - 1);
    // Never leave half of a surrogate pair at the end.
    if (!cut.isEmpty() && cut.back().isHighSurrogate())
        cut.chop(1);
    return cut + QChar(0x2026);
}

} // namespace

RejectedChangeService::RejectedChangeService(LocalStorePtr store, CodeLabeler labeler)
    : m_store(std::move(store))
    , m_labeler(std::move(labeler))
{
}

Result<QVector<RejectedChange>> RejectedChangeService::list() const
{
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT seq, entity, entity_id, op, payload, error_code, error, created_at FROM outbox "
                             "WHERE state = 'rejected' AND dismissed = 0 ORDER BY seq DESC"));
    if (!q.exec())
        return Error{tr("Cannot read the rejected changes: %1").arg(q.lastError().text()), QStringLiteral("io")};
    struct Raw
    {
        RejectedChange change;
        QJsonObject set;
    };
    QVector<Raw> raws;
    while (q.next()) {
        Raw raw;
        RejectedChange& r = raw.change;
        r.seq = q.value(0).toLongLong();
        r.entity = q.value(1).toString();
        r.entityId = q.value(2).toString();
        r.op = q.value(3).toString();
        raw.set = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object().value(QStringLiteral("set")).toObject();
        r.errorCode = q.value(5).toString();
        r.reason = q.value(6).toString();
        r.createdAtMs = q.value(7).toLongLong();
        raws.append(raw);
    }
    q.finish();

    QVector<RejectedChange> out;
    out.reserve(raws.size());
    for (Raw& raw : raws) {
        RejectedChange& r = raw.change;
        r.entityName = RecordLabel::entityName(r.entity);
        r.recordLabel = RecordLabel::describe(db, r.entity, r.entityId, raw.set);
        QStringList parts;
        for (auto it = raw.set.constBegin(); it != raw.set.constEnd(); ++it) {
            // The record label already names the customer, ticket or line an id points to.
            if (it.key().endsWith(QLatin1String("_id")) && !RecordLabel::isNamedReference(it.key()))
                continue;
            //: One field of a rejected change: %1 the field's name, %2 its value
            parts << tr("%1: %2").arg(RecordLabel::fieldName(r.entity, it.key()),
                                      shortened(RecordLabel::displayValue(db, r.entity, it.key(), it.value(), m_labeler)
                                                    .simplified(),
                                                kValueChars));
        }
        r.fieldsSummary = shortened(parts.join(QStringLiteral("; ")), kSummaryChars);
        out.append(r);
    }
    return out;
}

Result<int> RejectedChangeService::count() const
{
    QSqlQuery q(m_store->connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'rejected' AND dismissed = 0")) || !q.next())
        return Error{tr("Cannot count the rejected changes: %1").arg(q.lastError().text()), QStringLiteral("io")};
    return q.value(0).toInt();
}

Status RejectedChangeService::dismiss(qint64 seq)
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("UPDATE outbox SET dismissed = 1 WHERE seq = ? AND state = 'rejected' AND dismissed = 0"));
    q.addBindValue(seq);
    if (!q.exec())
        return Error{tr("Cannot dismiss the rejected change: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (q.numRowsAffected() != 1)
        return Error{tr("This rejected change no longer needs dismissing."), QStringLiteral("not_found")};
    qCInfo(lcSync) << "rejected change" << seq << "dismissed";
    return Status::success();
}

Result<int> RejectedChangeService::dismissAll()
{
    QSqlQuery q(m_store->connection());
    if (!q.exec(QStringLiteral("UPDATE outbox SET dismissed = 1 WHERE state = 'rejected' AND dismissed = 0")))
        return Error{tr("Cannot dismiss the rejected changes: %1").arg(q.lastError().text()), QStringLiteral("io")};
    return q.numRowsAffected();
}

} // namespace telcodesk
