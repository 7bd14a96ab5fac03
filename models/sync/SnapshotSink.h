#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

namespace telcodesk {

/// Receives a first sync in bulk (RemoteSession::snapshot): table by table, each row as one line of
/// PostgreSQL's COPY text format (fields separated by tabs, \N for NULL, backslash escapes).
class SnapshotSink
{
public:
    virtual ~SnapshotSink() = default;
    /// The server is about to send `table` with these columns; the sink answers with the columns it
    /// wants, in any order (empty: skip the table).
    virtual Status beginTable(const QString& table, const QStringList& serverColumns, QStringList* wanted) = 0;
    /// One row: `length` bytes without the trailing newline, the wanted columns in the order given.
    virtual Status copyLine(const char* data, int length) = 0;
    virtual Status endTable() = 0;
};

} // namespace telcodesk
