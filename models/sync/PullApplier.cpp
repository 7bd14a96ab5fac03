// Placeholder while the applier is being written (issue 3, in progress today).
#include "sync/PullApplier.h"

namespace telcodesk {
PullApplier::PullApplier(QSqlDatabase db) : m_db(std::move(db)) {}
Result<PullApplier::Stats> PullApplier::apply(const PullPage&) { return Error{QStringLiteral("not yet"), QStringLiteral("io")}; }
Status PullApplier::resetForResync() { return Error{QStringLiteral("not yet"), QStringLiteral("io")}; }
const QStringList& PullApplier::syncedTables() { static const QStringList t; return t; }
const PullApplier::TableInfo* PullApplier::tableInfo(const QString&) { return nullptr; }
Status PullApplier::applyRow(const PulledRow&, Stats&) { return {}; }
} // namespace telcodesk
