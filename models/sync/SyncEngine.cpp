// Placeholder while the engine is being written (issue 3, in progress today).
#include "sync/SyncEngine.h"

namespace telcodesk {
SyncEngine::SyncEngine(LocalStorePtr store, RemoteFactory factory, Options options, const Clock& clock, QObject* parent)
    : QObject(parent), m_store(std::move(store)), m_factory(std::move(factory)), m_options(options), m_clock(clock) {}
SyncEngine::~SyncEngine() = default;
Result<SyncEngine::CycleReport> SyncEngine::runOnce() { return Error{QStringLiteral("not yet"), QStringLiteral("server")}; }
SyncStatus SyncEngine::status() const { QMutexLocker lock(&m_statusMutex); return m_status; }
void SyncEngine::cancel() {}
qint64 SyncEngine::backoffDelayMs(int, int initialMs, int, quint32) { return initialMs; }
void SyncEngine::start() {}
void SyncEngine::stop() { Q_EMIT stopped(); }
void SyncEngine::requestSync() {}
void SyncEngine::refreshCounts() {}
} // namespace telcodesk
