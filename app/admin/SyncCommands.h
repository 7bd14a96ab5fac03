#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace telcodesk::admin {

/// `telcodesk-admin sync once | status`: the desktop's sync engine without the desktop, for scripts,
/// benchmarks and the crash tests (which kill it at the fault points and run it again).
class SyncCli
{
    Q_DECLARE_TR_FUNCTIONS(SyncCli)

public:
    /// Dispatches `sync <once|status> ...`.
    static int run(const QStringList& args);
    /// One complete cycle (push, conflicts, pull) of the cache in --data-dir against --server; one JSON
    /// line of figures on stdout. Exit 0, or 1 (failure), 2 (bad arguments), 3 (login refused),
    /// 4 (server unreachable).
    static int once(const QStringList& args);
    /// The cache's sync state as one JSON line: changes waiting, refused, conflicts, cursor.
    static int status(const QStringList& args);
};

} // namespace telcodesk::admin
