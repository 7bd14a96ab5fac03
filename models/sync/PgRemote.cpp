// Placeholder while PgRemote is being written (issue 3, in progress today): every call fails.
#include "sync/PgRemote.h"

namespace telcodesk {
namespace {
Error notYet() { return Error{QStringLiteral("PgRemote is being written"), QStringLiteral("server")}; }
}
PgRemote::PgRemote(PgDsn dsn, Options options, QObject* parent) : RemoteSession(parent), m_dsn(std::move(dsn)), m_options(std::move(options)) {}
PgRemote::~PgRemote() = default;
Status PgRemote::open() { return notYet(); }
void PgRemote::close() {}
bool PgRemote::isOpen() const { return false; }
Status PgRemote::startPull(const QString&, int) { return notYet(); }
Result<PullPage> PgRemote::finishPull() { return notYet(); }
Result<BatchResult> PgRemote::applyBatch(const QString&, const QVector<OutgoingMutation>&) { return notYet(); }
Result<QVector<ServerConflict>> PgRemote::openConflicts(const QString&) { return notYet(); }
Status PgRemote::resolveConflict(const QString&) { return notYet(); }
Result<qint64> PgRemote::estimateScopeRows() { return notYet(); }
Status PgRemote::startListening() { return notYet(); }
bool PgRemote::isListening() const { return false; }
void PgRemote::cancel() {}
int PgRemote::dataBackendPid() const { return 0; }
int PgRemote::listenBackendPid() const { return 0; }
QByteArray PgRemote::conninfo(const PgDsn&, const Options&) { return {}; }
Result<PullPage> PgRemote::parsePullAnswer(const QByteArray&) { return notYet(); }
Result<BatchResult> PgRemote::parseBatchAnswer(const QByteArray&) { return notYet(); }
} // namespace telcodesk
