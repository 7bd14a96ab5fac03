#include "services/OutboxStatus.h"

#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

OutboxStatus::OutboxStatus(LocalStorePtr store)
    : m_store(std::move(store))
{
}

QString OutboxStatus::countStatement()
{
    return QStringLiteral("SELECT count(*) FROM outbox WHERE state = ?");
}

Result<int> OutboxStatus::pendingCount() const
{
    return countIn(QStringLiteral("pending"));
}

Result<int> OutboxStatus::rejectedCount() const
{
    return countIn(QStringLiteral("rejected"));
}

Result<int> OutboxStatus::countIn(const QString& state) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(countStatement());
    q.addBindValue(state);
    if (!q.exec() || !q.next())
        return Error{tr("Cannot count the changes waiting to sync: %1").arg(q.lastError().text()),
                     QStringLiteral("io")};
    return q.value(0).toInt();
}

} // namespace telcodesk
