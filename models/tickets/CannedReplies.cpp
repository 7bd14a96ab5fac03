#include "tickets/CannedReplies.h"

#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

CannedReplies::CannedReplies(LocalStorePtr store)
    : m_store(std::move(store))
{
}

Result<QVector<CannedReply>> CannedReplies::forKind(const QString& kind, const QString& language) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT id, kind, language, title, body FROM canned_reply "
                             "WHERE deleted_at IS NULL AND language = ? AND (kind = '*' OR kind = ?) "
                             "ORDER BY ordinal, title, id"));
    q.addBindValue(language);
    q.addBindValue(kind);
    if (!q.exec())
        return Error{tr("The canned replies cannot be read: %1").arg(q.lastError().text()), QStringLiteral("io")};
    QVector<CannedReply> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toString()});
    return out;
}

QString CannedReplies::fill(const QString& body, const QString& customerName, const QString& ticketNo)
{
    QString text = body;
    text.replace(QLatin1String("{customer}"), customerName);
    text.replace(QLatin1String("{ticket}"), ticketNo);
    return text;
}

} // namespace telcodesk
