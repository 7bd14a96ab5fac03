// PgRemote::snapshot: the first sync in bulk, with COPY out of one REPEATABLE READ snapshot.
//
// Why this is exactly as safe as pulling from the empty cursor: the snapshot's xmin H is taken by the
// transaction's first statement, so every change-log entry with xid < H belongs to a transaction that
// had ended before the snapshot and is therefore in what COPY reads; entries at or above H may not be,
// and the returned cursor "1.H....S" makes the next pull read exactly those again (the same horizon
// rule sync.pull follows, resources/sql/postgres/README.md). Row-level security applies to COPY of a
// query, and the columns come from sync.client_columns, so a login gets what sync.pull would give it,
// masked ID numbers included.
#include "sync/PgRemote.h"

#include <QElapsedTimer>

#include <libpq-fe.h>

namespace telcodesk {

namespace {

QString quotedIdentifier(pg_conn* conn, const QByteArray& name)
{
    char* quoted = PQescapeIdentifier(conn, name.constData(), size_t(name.size()));
    if (!quoted)
        return {};
    const QString out = QString::fromUtf8(quoted);
    PQfreemem(quoted);
    return out;
}

} // namespace

Result<QString> PgRemote::snapshot(SnapshotSink& sink)
{
    if (m_pullInFlight)
        return Error{tr("Internal error: a snapshot was asked for while a pull was still running."),
                     QStringLiteral("server")};
    const auto rollback = [this] {
        if (isOpen())
            (void)run("ROLLBACK", {}, QStringLiteral("ROLLBACK"));
    };
    const auto begun = run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", {}, QStringLiteral("BEGIN"));
    if (!begun)
        return begun.error();
    // The first statement fixes the snapshot; its xmin is the horizon the cursor continues from. The
    // COPY is paced by the local writes, so the session's statement timeout must not cut it short.
    const auto horizon = run("SELECT pg_snapshot_xmin(pg_current_snapshot())::text, sync.my_scope_digest()", {},
                             QStringLiteral("snapshot"));
    if (!horizon) {
        rollback();
        return horizon.error();
    }
    const QString xmin = QString::fromUtf8(PQgetvalue(horizon.value().get(), 0, 0));
    const QString scope = QString::fromUtf8(PQgetvalue(horizon.value().get(), 0, 1));
    const auto untimed = run("SET LOCAL statement_timeout = 0", {}, QStringLiteral("snapshot"));
    if (!untimed) {
        rollback();
        return untimed.error();
    }
    const auto tables = run("SELECT name, sync.client_columns(name) FROM sync.synced_table "
                            "WHERE has_any_column_privilege(format('td.%I', name)::regclass, 'SELECT') "
                            "ORDER BY load_order",
                            {}, QStringLiteral("sync.synced_table"));
    if (!tables) {
        rollback();
        return tables.error();
    }

    pg_result* list = tables.value().get();
    for (int t = 0; t < PQntuples(list); ++t) {
        const QByteArray table(PQgetvalue(list, t, 0), PQgetlength(list, t, 0));
        const QByteArray columns(PQgetvalue(list, t, 1), PQgetlength(list, t, 1));
        const QString quotedTable = quotedIdentifier(m_data, table);
        if (quotedTable.isEmpty() || columns.isEmpty())
            continue;
        // The client columns' names as this login sees them (a masked column under its plain name).
        const QByteArray probe = "SELECT " + columns + " FROM td." + quotedTable.toUtf8() + " t LIMIT 0";
        const auto shape = run(probe.constData(), {}, QStringLiteral("snapshot"));
        if (!shape) {
            rollback();
            return shape.error();
        }
        QStringList serverColumns;
        for (int c = 0; c < PQnfields(shape.value().get()); ++c)
            serverColumns << QString::fromUtf8(PQfname(shape.value().get(), c));
        QStringList wanted;
        const Status begin = sink.beginTable(QString::fromUtf8(table), serverColumns, &wanted);
        if (!begin) {
            rollback();
            return begin.error();
        }
        if (wanted.isEmpty())
            continue;
        QByteArray select;
        for (const QString& column : std::as_const(wanted)) {
            if (!serverColumns.contains(column)) {
                rollback();
                return Error{tr("Internal error: the column %1 of %2 is not on the server.")
                                 .arg(column, QString::fromUtf8(table)),
                             QStringLiteral("protocol")};
            }
            if (!select.isEmpty())
                select += ", ";
            select += "x." + quotedIdentifier(m_data, column.toUtf8()).toUtf8();
        }
        const QByteArray copy = "COPY (SELECT " + select + " FROM (SELECT " + columns + " FROM td."
                                + quotedTable.toUtf8() + " t) x) TO STDOUT";
        m_bytesSent += copy.size();
        PGresult* started = PQexec(m_data, copy.constData());
        if (PQresultStatus(started) != PGRES_COPY_OUT) {
            const Error error = statementError(started, QStringLiteral("COPY"));
            PQclear(started);
            rollback();
            return error;
        }
        PQclear(started);
        char* line = nullptr;
        int length = 0;
        Status fed;
        // Blocking reads: cancel() from another thread makes the server end the COPY with an error.
        while ((length = PQgetCopyData(m_data, &line, 0)) > 0) {
            m_bytesReceived += length;
            if (fed)
                fed = sink.copyLine(line, length > 0 && line[length - 1] == '\n' ? length - 1 : length);
            PQfreemem(line);
        }
        PGresult* ended = PQgetResult(m_data);
        const bool copied = length == -1 && PQresultStatus(ended) == PGRES_COMMAND_OK;
        Error copyError;
        if (!copied)
            copyError = statementError(ended, QStringLiteral("COPY"));
        PQclear(ended);
        while (PGresult* rest = PQgetResult(m_data))
            PQclear(rest);
        if (!copied) {
            rollback();
            return copyError;
        }
        if (!fed) {
            rollback();
            return fed.error();
        }
        const Status end = sink.endTable();
        if (!end) {
            rollback();
            return end.error();
        }
    }
    const auto committed = run("COMMIT", {}, QStringLiteral("COMMIT"));
    if (!committed)
        return committed.error();
    return QStringLiteral("1.%1....%2").arg(xmin, scope);
}

} // namespace telcodesk
