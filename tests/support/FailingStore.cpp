#include "FailingStore.h"

#include "store/LocalStore.h"

#include <sqlite3.h>

namespace telcodesk::test {

FailingStore::FailingStore(const QSqlDatabase& db, int failAt) : m_db(LocalStore::handle(db)), m_failAt(failAt)
{
    if (!m_db) {
        qWarning("FailingStore: the connection is not an open SQLite database");
        return;
    }
    sqlite3_trace_v2(m_db, SQLITE_TRACE_STMT, &FailingStore::onTrace, this);
    // Every checkpoint (1 instruction): the first one of a program comes right after its set-up jump,
    // before its first real instruction, so an interrupted statement has done nothing. A COMMIT
    // interrupted there stays uncommitted.
    sqlite3_progress_handler(m_db, 1, &FailingStore::onProgress, this);
}

FailingStore::~FailingStore()
{
    if (!m_db)
        return;
    sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
    sqlite3_trace_v2(m_db, 0, nullptr, nullptr);
}

void FailingStore::rearm(int failAt)
{
    m_failAt = failAt;
    m_count = 0;
    m_interruptNext = false;
    m_fired = false;
    m_log.clear();
    m_failedSql.clear();
}

int FailingStore::onTrace(unsigned type, void* self, void* statement, void* sql)
{
    Q_UNUSED(statement);
    if (type != SQLITE_TRACE_STMT)
        return 0;
    auto* me = static_cast<FailingStore*>(self);
    const char* text = static_cast<const char*>(sql);
    // A trigger's program reports "-- TRIGGER name": part of the statement that fired it.
    if (text && text[0] == '-' && text[1] == '-')
        return 0;
    ++me->m_count;
    me->m_log << QString::fromUtf8(text ? text : "");
    if (me->m_failAt > 0 && me->m_count == me->m_failAt && !me->m_fired)
        me->m_interruptNext = true;
    return 0;
}

int FailingStore::onProgress(void* self)
{
    auto* me = static_cast<FailingStore*>(self);
    if (!me->m_interruptNext)
        return 0;
    me->m_interruptNext = false;
    me->m_fired = true;
    me->m_failedSql = me->m_log.isEmpty() ? QString() : me->m_log.constLast();
    return 1;
}

} // namespace telcodesk::test
