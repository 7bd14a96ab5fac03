// Placeholder while the pusher is being written (issue 3, in progress today).
#include "sync/OutboxPusher.h"

namespace telcodesk {
OutboxPusher::OutboxPusher(QSqlDatabase db, RemoteSession& remote, QString clientId, int batchSize)
    : m_db(std::move(db)), m_remote(remote), m_clientId(std::move(clientId)), m_batchSize(batchSize) {}
Result<OutboxPusher::Stats> OutboxPusher::pushAll() { return Error{QStringLiteral("not yet"), QStringLiteral("io")}; }
Result<OutboxPusher::Stats> OutboxPusher::pushOneBatch() { return Error{QStringLiteral("not yet"), QStringLiteral("io")}; }
Status OutboxPusher::syncConflicts() { return {}; }
Status OutboxPusher::recordResults(const QVector<OutgoingMutation>&, const BatchResult&, Stats&) { return {}; }
Status OutboxPusher::markRejected(qint64, const QString&, const QString&) { return {}; }
} // namespace telcodesk
