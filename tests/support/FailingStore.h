#pragma once

#include <QSqlDatabase>
#include <QStringList>

struct sqlite3;

namespace telcodesk::test {

/// Makes one SQLite connection fail its i-th SQL statement, to prove that every write path leaves the
/// database as it was when any single statement fails.
///
/// sqlite3_trace_v2(SQLITE_TRACE_STMT) counts the statements started on the connection's raw handle
/// (each run of a prepared statement counts again after sqlite3_reset; statements run by triggers
/// are part of their parent and do not count). A progress handler called at every checkpoint of the
/// virtual machine interrupts the statement whose number is failAt at its first checkpoint, before it
/// changed anything: the statement fails with SQLITE_INTERRUPT, as the hooks make any error do, and
/// inside a transaction SQLite rolls an interrupted write back together with its whole transaction.
///
/// failAt = 0 only counts. Both hooks are per connection and replace any the connection had; they are
/// removed on destruction. Not thread-safe: use it on the connection's own thread.
class FailingStore
{
public:
    explicit FailingStore(const QSqlDatabase& db, int failAt = 0);
    ~FailingStore();
    FailingStore(const FailingStore&) = delete;
    FailingStore& operator=(const FailingStore&) = delete;

    /// Statements started since construction or the last rearm().
    int statements() const { return m_count; }
    /// True once the failAt-th statement has been interrupted.
    bool fired() const { return m_fired; }
    /// The SQL text of the statements started (kept for diagnostics), and of the one interrupted.
    QStringList log() const { return m_log; }
    QString failedStatement() const { return m_failedSql; }
    /// Starts counting again from zero, failing the failAt-th statement from now.
    void rearm(int failAt);

private:
    static int onTrace(unsigned type, void* self, void* statement, void* sql);
    static int onProgress(void* self);

    sqlite3* m_db = nullptr;
    int m_failAt = 0;
    int m_count = 0;
    bool m_interruptNext = false;
    bool m_fired = false;
    QStringList m_log;
    QString m_failedSql;
};

} // namespace telcodesk::test
