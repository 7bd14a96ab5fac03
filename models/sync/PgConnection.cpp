#include "sync/PgConnection.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

namespace telcodesk {

namespace {

QAtomicInteger<quint64> s_connectionCounter;

/// Server notices are dropped: the only ones TelcoDesk's statements raise are the expected "already
/// exists, skipping" of idempotent DDL, and libpq would print them on the terminal.
void dropNotice(void*, const char*)
{
}

bool mentions(const QString& text, const char* what)
{
    return text.contains(QLatin1String(what), Qt::CaseInsensitive);
}

/// QPSQL prepares every statement it is given values for, and a statement without values need not
/// be prepared (SET, CREATE and the like cannot be).
bool run(QSqlQuery& q, const QString& sql, const QVariantList& binds)
{
    if (binds.isEmpty())
        return q.exec(sql);
    if (!q.prepare(sql))
        return false;
    for (const QVariant& v : binds)
        q.addBindValue(v);
    return q.exec();
}

Error classifyOpenError(const PgDsn& dsn, const QString& detail)
{
    const QString where = dsn.host + QLatin1Char(':') + QString::number(dsn.port);
    if (mentions(detail, "password authentication failed") || mentions(detail, "no password supplied")
        || mentions(detail, "authentication failed") || (mentions(detail, "role") && mentions(detail, "does not exist"))
        || mentions(detail, "no pg_hba.conf entry") || mentions(detail, "not permitted to log in"))
        return Error{PgConnection::tr("The server at %1 refused the login \"%2\": the password is wrong or the login "
                                      "is not allowed. Check the login and password. (%3)")
                         .arg(where, dsn.user, detail),
                     QStringLiteral("auth")};
    if (mentions(detail, "database") && mentions(detail, "does not exist"))
        return Error{PgConnection::tr("The server at %1 has no database \"%2\". Check the database name at the end "
                                      "of the address.")
                         .arg(where, dsn.database),
                     QStringLiteral("no_database")};
    if (mentions(detail, "connection refused") || mentions(detail, "could not translate host name")
        || mentions(detail, "timeout expired") || mentions(detail, "no route to host")
        || mentions(detail, "network is unreachable") || mentions(detail, "could not connect")
        || mentions(detail, "name or service not known") || mentions(detail, "temporary failure in name resolution"))
        return Error{PgConnection::tr("Cannot reach a PostgreSQL server at %1. Check that the server is running and "
                                      "that the host and port are right. (%2)")
                         .arg(where, detail),
                     QStringLiteral("unreachable")};
    return Error{PgConnection::tr("Cannot connect to the PostgreSQL server at %1: %2").arg(where, detail),
                 QStringLiteral("connect")};
}

} // namespace

PgConnection::PgConnection(QSqlDatabase db, QString name, PgDsn dsn)
    : m_db(std::move(db))
    , m_name(std::move(name))
    , m_dsn(std::move(dsn))
{
}

PgConnection::~PgConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const PgDsn& dsn)
{
    const QString name = QStringLiteral("telcodesk-pg-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
    Error failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        if (!db.isValid()) {
            failure = Error{tr("Qt's PostgreSQL driver (QPSQL) is not installed; install the package libqt6sql6-psql."),
                            QStringLiteral("driver")};
        } else {
            db.setHostName(dsn.host);
            db.setPort(dsn.port);
            db.setUserName(dsn.user);
            db.setPassword(dsn.password);
            db.setDatabaseName(dsn.database);
            db.setConnectOptions(dsn.connectOptions());
            if (db.open()) {
                std::unique_ptr<PgConnection> connection(new PgConnection(db, name, dsn));
                if (pg_conn* handle = connection->handle())
                    PQsetNoticeProcessor(handle, &dropNotice, nullptr);
                return connection;
            }
            failure = classifyOpenError(dsn, errorText(db.lastError()));
        }
    }
    QSqlDatabase::removeDatabase(name);
    return failure;
}

pg_conn* PgConnection::handle() const
{
    const QVariant v = m_db.driver() ? m_db.driver()->handle() : QVariant();
    // Qt 6 names the type after the struct ("pg_conn*"); Qt 5 used the typedef.
    if (!v.isValid() || (qstrcmp(v.typeName(), "pg_conn*") != 0 && qstrcmp(v.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<PGconn* const*>(v.constData());
}

QString PgConnection::errorText(const QSqlError& error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    // libpq prefixes server messages with the severity; the sentence is what a person needs.
    for (const char* prefix : {"ERROR:  ", "FATAL:  "}) {
        if (text.startsWith(QLatin1String(prefix)))
            text = text.mid(int(qstrlen(prefix)));
    }
    return text.simplified();
}

QString PgConnection::quoteIdentifier(const QString& name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

Status PgConnection::execScript(const QByteArray& sql)
{
    PGconn* conn = handle();
    if (!conn)
        return Error{tr("The PostgreSQL connection has no libpq handle."), QStringLiteral("driver")};
    PGresult* result = PQexec(conn, sql.constData());
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
        PQclear(result);
        return Status::success();
    }
    QString message = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
    if (message.isEmpty())
        message = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    const QString detail = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL));
    const QString context = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_CONTEXT));
    const char* position = PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION);
    PQclear(result);
    if (!detail.isEmpty())
        message += QStringLiteral(" (%1)").arg(detail);
    if (position) {
        // The position counts characters from the start of the script; a line number is what an editor takes.
        const qsizetype offset = QString::fromUtf8(sql).left(QByteArray(position).toLongLong()).count(QLatin1Char('\n'));
        message += tr(" at line %1").arg(offset + 1);
    }
    if (!context.isEmpty())
        message += QStringLiteral(" [%1]").arg(context.simplified());
    return Error{message, QStringLiteral("sql")};
}

Status PgConnection::exec(const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(m_db);
    if (!run(q, sql, binds))
        return Error{errorText(q.lastError()), QStringLiteral("sql")};
    return Status::success();
}

Result<QVariant> PgConnection::scalar(const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(m_db);
    if (!run(q, sql, binds))
        return Error{errorText(q.lastError()), QStringLiteral("sql")};
    if (!q.next())
        return QVariant();
    return q.value(0);
}

} // namespace telcodesk
