#pragma once

#include "common/Result.h"
#include "sync/PgDsn.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QVariant>
#include <QVariantList>

#include <memory>

struct pg_conn; // libpq's PGconn

class QSqlError;

namespace telcodesk {

/// One connection to PostgreSQL through Qt's QPSQL driver, opened on the calling thread and closed
/// (and removed from QSqlDatabase's registry) when the object goes. Like every QSqlDatabase it
/// belongs to the thread that opened it.
///
/// handle() exposes libpq's PGconn for what QPSQL cannot do: COPY, computing a password verifier,
/// running a multi-statement script with the server's exact error position.
class PgConnection
{
    Q_DECLARE_TR_FUNCTIONS(PgConnection)

public:
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    /// Errors, each with a message that says what to check:
    ///   "driver"       Qt's PostgreSQL driver (QPSQL) is not installed
    ///   "unreachable"  nothing answers at host:port, or the host name does not resolve
    ///   "auth"         the server refused the login (wrong password, unknown login, not allowed)
    ///   "no_database"  the database does not exist
    ///   "connect"      anything else the server or libpq reported
    static Result<std::unique_ptr<PgConnection>> open(const PgDsn& dsn);

    QSqlDatabase& db() { return m_db; }
    const PgDsn& dsn() const { return m_dsn; }
    pg_conn* handle() const;

    /// Runs SQL text that may hold several statements and no parameters (a migration), through
    /// libpq. The error names the server's message, detail and the line it points at.
    Status execScript(const QByteArray& sql);
    /// A statement with bound values. Error code "sql".
    Status exec(const QString& sql, const QVariantList& binds = {});
    /// The first column of the first row (a null QVariant when there is no row).
    Result<QVariant> scalar(const QString& sql, const QVariantList& binds = {});

    /// The server's message of a failed statement, without Qt's decorations.
    static QString errorText(const QSqlError& error);
    /// Double-quotes an SQL identifier.
    static QString quoteIdentifier(const QString& name);

private:
    PgConnection(QSqlDatabase db, QString name, PgDsn dsn);

    QSqlDatabase m_db;
    QString m_name;
    PgDsn m_dsn;
};

using PgConnectionPtr = std::unique_ptr<PgConnection>;

} // namespace telcodesk
