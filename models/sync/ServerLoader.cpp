#include "sync/ServerLoader.h"

#include "store/LocalStore.h"
#include "sync/ServerAdmin.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <charconv>
#include <cstdio>
#include <string>
#include <utility>

namespace telcodesk {

namespace {

/// Columns the server's triggers fill: a data set's values for them mean nothing to the server.
bool isServerOwned(const QString& column)
{
    return column == QLatin1String("row_version") || column == QLatin1String("updated_at")
        || column == QLatin1String("sync_xid") || column.startsWith(QLatin1String("scope_"));
}

QString serverError(PGconn* conn, PGresult* result)
{
    QString message = QString::fromUtf8(result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr);
    if (message.isEmpty())
        message = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    if (result) {
        const QString detail = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL));
        const QString context = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_CONTEXT));
        if (!detail.isEmpty())
            message += QStringLiteral(" (%1)").arg(detail);
        if (!context.isEmpty())
            message += QStringLiteral(" [%1]").arg(context.simplified());
    }
    return message;
}

/// Runs one statement on the raw handle; for the transaction and COPY set-up, which QPSQL cannot do.
Status rawExec(PGconn* conn, const QByteArray& sql, ExecStatusType expected = PGRES_COMMAND_OK)
{
    PGresult* result = PQexec(conn, sql.constData());
    const bool ok = PQresultStatus(result) == expected;
    const QString message = ok ? QString() : serverError(conn, result);
    PQclear(result);
    if (!ok)
        return Error{message, QStringLiteral("sql")};
    return Status::success();
}

/// The rows of one COPY ... FROM STDIN in PostgreSQL's text format, sent in blocks of about 1 MB.
class CopyStream
{
public:
    explicit CopyStream(PGconn* conn) : m_conn(conn) { m_buffer.reserve(kBlock + 65536); }

    Status begin(const QByteArray& sql) { return rawExec(m_conn, sql, PGRES_COPY_IN); }

    void null() { m_buffer.append("\\N", 2); }
    void integer(sqlite3_int64 v)
    {
        char text[24];
        const auto end = std::to_chars(text, text + sizeof text, v).ptr;
        m_buffer.append(text, std::size_t(end - text));
    }
    void real(double v)
    {
        char text[32];
        const int n = std::snprintf(text, sizeof text, "%.17g", v);
        m_buffer.append(text, std::size_t(n));
    }
    void text(const unsigned char* bytes, int size)
    {
        for (int i = 0; i < size; ++i) {
            const char c = char(bytes[i]);
            switch (c) {
            case '\\': m_buffer.append("\\\\", 2); break;
            case '\n': m_buffer.append("\\n", 2); break;
            case '\r': m_buffer.append("\\r", 2); break;
            case '\t': m_buffer.append("\\t", 2); break;
            default: m_buffer.push_back(c);
            }
        }
    }
    void separator() { m_buffer.push_back('\t'); }
    Status endRow()
    {
        m_buffer.push_back('\n');
        return m_buffer.size() >= kBlock ? flush() : Status::success();
    }

    /// Ends the COPY; the rows the server took.
    Result<qint64> end()
    {
        if (const Status flushed = flush(); !flushed) {
            abort();
            return flushed.error();
        }
        if (PQputCopyEnd(m_conn, nullptr) != 1)
            return Error{QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(), QStringLiteral("sql")};
        return finish();
    }
    void abort()
    {
        PQputCopyEnd(m_conn, "load cancelled");
        finish();
    }

private:
    static constexpr std::size_t kBlock = 1 << 20;

    Status flush()
    {
        if (m_buffer.empty())
            return Status::success();
        const int sent = PQputCopyData(m_conn, m_buffer.data(), int(m_buffer.size()));
        m_buffer.clear();
        if (sent != 1)
            return Error{QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(), QStringLiteral("sql")};
        return Status::success();
    }
    Result<qint64> finish()
    {
        Result<qint64> outcome = qint64(0);
        while (PGresult* result = PQgetResult(m_conn)) {
            if (PQresultStatus(result) == PGRES_COMMAND_OK)
                outcome = QByteArray(PQcmdTuples(result)).toLongLong();
            else
                outcome = Error{serverError(m_conn, result), QStringLiteral("sql")};
            PQclear(result);
        }
        return outcome;
    }

    PGconn* m_conn;
    std::string m_buffer;
};

class Source
{
public:
    ~Source() { sqlite3_close(m_db); }

    Status open(const QString& path)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            return Error{ServerLoader::tr("Cannot open %1: %2").arg(path, QString::fromUtf8(sqlite3_errmsg(m_db))),
                         QStringLiteral("source")};
        const auto applicationId = integer("PRAGMA application_id");
        if (!applicationId)
            return Error{ServerLoader::tr("%1 is not a database file: %2").arg(path, applicationId.errorMessage()),
                         QStringLiteral("source")};
        if (applicationId.value() != LocalStore::kApplicationId)
            return Error{ServerLoader::tr("%1 is not a TelcoDesk database.").arg(path), QStringLiteral("source")};
        return Status::success();
    }

    Result<qint64> integer(const char* sql)
    {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            return Error{QString::fromUtf8(sqlite3_errmsg(m_db)), QStringLiteral("source")};
        const int rc = sqlite3_step(stmt);
        const qint64 value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
        const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(stmt);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return Error{message, QStringLiteral("source")};
        return value;
    }

    /// The table's columns; empty when the table does not exist.
    QStringList columns(const QString& table)
    {
        QStringList names;
        sqlite3_stmt* stmt = nullptr;
        const QByteArray sql = "SELECT name FROM pragma_table_info(?)";
        if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK)
            return names;
        const QByteArray name = table.toUtf8();
        sqlite3_bind_text(stmt, 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
        while (sqlite3_step(stmt) == SQLITE_ROW)
            names << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
        return names;
    }

    sqlite3* db() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

QByteArray columnList(const QStringList& columns)
{
    QStringList quoted;
    for (const QString& c : columns)
        quoted << PgConnection::quoteIdentifier(c);
    return quoted.join(QStringLiteral(", ")).toUtf8();
}

} // namespace

Result<ServerLoader::Stats> ServerLoader::load(PgConnection& conn, const QString& sqlitePath, const Progress& progress,
                                               const std::atomic<bool>* cancel)
{
    QElapsedTimer total;
    total.start();
    Source source;
    if (const Status opened = source.open(sqlitePath); !opened)
        return opened.error();

    const auto version = ServerAdmin::schemaVersion(conn);
    if (!version)
        return version.error();
    if (version.value() < ServerAdmin::latestVersion())
        return Error{tr("The server database is not set up: run \"telcodesk-admin server init\" first."),
                     QStringLiteral("not_initialised")};
    const auto holdsData = conn.scalar(QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM td.customer) OR EXISTS (SELECT 1 FROM td.plan) OR EXISTS (SELECT 1 FROM td.region)"));
    if (!holdsData)
        return holdsData.error();
    if (holdsData.value().toBool())
        return Error{tr("The server database already holds customers, plans or regions; load a data set into an "
                        "empty database only."),
                     QStringLiteral("not_empty")};

    struct Plan
    {
        QString table;
        QStringList columns;
        bool seeded = false; ///< the server's migrations put rows there already
    };
    QVector<Plan> plans;
    {
        QSqlQuery tables(conn.db());
        if (!tables.exec(QStringLiteral("SELECT name FROM sync.synced_table ORDER BY load_order")))
            return Error{PgConnection::errorText(tables.lastError()), QStringLiteral("sql")};
        QSqlQuery columns(conn.db());
        columns.prepare(QStringLiteral(
            "SELECT attname::text FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 "
            "AND NOT attisdropped AND attgenerated = '' ORDER BY attnum"));
        while (tables.next()) {
            Plan plan{tables.value(0).toString(), {}, false};
            const QStringList localColumns = source.columns(plan.table);
            const QSet<QString> local(localColumns.cbegin(), localColumns.cend());
            if (local.isEmpty())
                continue;
            columns.addBindValue(QString(QStringLiteral("td.") + plan.table));
            if (!columns.exec())
                return Error{PgConnection::errorText(columns.lastError()), QStringLiteral("sql")};
            while (columns.next()) {
                const QString c = columns.value(0).toString();
                if (local.contains(c) && !isServerOwned(c))
                    plan.columns << c;
            }
            const auto seeded = conn.scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM td.%1)")
                                                .arg(PgConnection::quoteIdentifier(plan.table)));
            if (!seeded)
                return seeded.error();
            plan.seeded = seeded.value().toBool();
            if (!plan.columns.isEmpty())
                plans.append(plan);
        }
    }

    PGconn* pg = conn.handle();
    if (!pg)
        return Error{tr("The PostgreSQL connection has no libpq handle."), QStringLiteral("driver")};
    if (const Status begun = rawExec(pg, "BEGIN"); !begun)
        return begun.error();
    const auto failWith = [pg](Error error) -> Error {
        rawExec(pg, "ROLLBACK");
        return error;
    };

    Stats stats;
    for (const Plan& plan : plans) {
        QElapsedTimer timer;
        timer.start();
        TableStats tableStats;
        tableStats.table = plan.table;
        const QByteArray columns = columnList(plan.columns);
        const QByteArray name = PgConnection::quoteIdentifier(plan.table).toUtf8();
        // Agents may be on the server already (server add-agent before the load), and catalogs that the
        // server's migrations seed (SLA calendars, workflow) hold the same default rows: rows that exist
        // stay as they are.
        const bool agents = plan.table == QLatin1String("agent") || plan.seeded;
        const QByteArray stage = PgConnection::quoteIdentifier(QStringLiteral("load_") + plan.table).toUtf8();
        const QByteArray target = agents ? QByteArray("pg_temp." + stage) : QByteArray("td." + name);
        if (agents) {
            const Status staged = rawExec(pg, "CREATE TEMP TABLE " + stage + " (LIKE td." + name
                                                  + " INCLUDING DEFAULTS) ON COMMIT DROP");
            if (!staged)
                return failWith(staged.error());
        }
        const auto rowCount = source.integer(QByteArray("SELECT count(*) FROM " + name).constData());
        if (!rowCount)
            return failWith(rowCount.error());

        sqlite3_stmt* stmt = nullptr;
        const QByteArray select = "SELECT " + columns + " FROM " + name;
        if (sqlite3_prepare_v2(source.db(), select.constData(), -1, &stmt, nullptr) != SQLITE_OK)
            return failWith(Error{tr("Cannot read %1 from the data set: %2")
                                      .arg(plan.table, QString::fromUtf8(sqlite3_errmsg(source.db()))),
                                  QStringLiteral("source")});
        const int width = int(plan.columns.size());
        CopyStream copy(pg);
        bool open = false;
        qint64 inRun = 0;
        qint64 copied = 0;
        Error failure;
        bool failed = false;
        const auto endRun = [&]() -> bool {
            const auto done = copy.end();
            open = false;
            if (!done) {
                failure = Error{tr("Loading %1 failed: %2").arg(plan.table, done.errorMessage()), QStringLiteral("sql")};
                return false;
            }
            copied += done.value();
            inRun = 0;
            if (progress)
                progress(plan.table, copied, rowCount.value());
            return true;
        };
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (!open) {
                if (cancel && cancel->load()) {
                    failure = Error{tr("The load was cancelled; the server is unchanged."), QStringLiteral("cancelled")};
                    failed = true;
                    break;
                }
                const Status begun = copy.begin("COPY " + target + " (" + columns + ") FROM STDIN");
                if (!begun) {
                    failure = Error{tr("Loading %1 failed: %2").arg(plan.table, begun.errorMessage()), QStringLiteral("sql")};
                    failed = true;
                    break;
                }
                open = true;
            }
            for (int i = 0; i < width; ++i) {
                if (i > 0)
                    copy.separator();
                switch (sqlite3_column_type(stmt, i)) {
                case SQLITE_NULL: copy.null(); break;
                case SQLITE_INTEGER: copy.integer(sqlite3_column_int64(stmt, i)); break;
                case SQLITE_FLOAT: copy.real(sqlite3_column_double(stmt, i)); break;
                default: // text; a blob in a text column is passed on as its bytes and judged by the server
                    copy.text(sqlite3_column_text(stmt, i), sqlite3_column_bytes(stmt, i));
                }
            }
            if (const Status sent = copy.endRow(); !sent) {
                failure = Error{tr("Loading %1 failed: %2").arg(plan.table, sent.errorMessage()), QStringLiteral("sql")};
                failed = true;
                break;
            }
            if (++inRun >= kRowsPerCopy && !endRun()) {
                failed = true;
                break;
            }
        }
        const QString readError = QString::fromUtf8(sqlite3_errmsg(source.db()));
        sqlite3_finalize(stmt);
        if (!failed && rc != SQLITE_DONE) {
            failure = Error{tr("Cannot read %1 from the data set: %2").arg(plan.table, readError), QStringLiteral("source")};
            failed = true;
        }
        if (failed) {
            if (open)
                copy.abort();
            return failWith(failure);
        }
        if (open && !endRun())
            return failWith(failure);

        tableStats.rows = copied;
        if (agents) {
            const QByteArray merge = "INSERT INTO td." + name + " (" + columns + ") SELECT " + columns
                + " FROM pg_temp." + stage + " ON CONFLICT DO NOTHING";
            PGresult* result = PQexec(pg, merge.constData());
            if (PQresultStatus(result) != PGRES_COMMAND_OK) {
                const QString why = serverError(pg, result);
                PQclear(result);
                return failWith(Error{tr("Loading %1 failed: %2").arg(plan.table, why), QStringLiteral("sql")});
            }
            tableStats.rows = QByteArray(PQcmdTuples(result)).toLongLong();
            tableStats.skipped = copied - tableStats.rows;
            PQclear(result);
        }
        tableStats.seconds = double(timer.nsecsElapsed()) / 1e9;
        stats.rows += tableStats.rows;
        stats.tables.append(tableStats);
    }
    if (cancel && cancel->load())
        return failWith(Error{tr("The load was cancelled; the server is unchanged."), QStringLiteral("cancelled")});
    if (const Status committed = rawExec(pg, "COMMIT"); !committed)
        return failWith(committed.error());
    stats.seconds = double(total.nsecsElapsed()) / 1e9;

    // Fresh statistics, so that the first pulls plan well; not part of the load's figures.
    for (const TableStats& t : std::as_const(stats.tables))
        rawExec(pg, "ANALYZE td." + PgConnection::quoteIdentifier(t.table).toUtf8());
    rawExec(pg, "ANALYZE sync.change_log");
    return stats;
}

} // namespace telcodesk
