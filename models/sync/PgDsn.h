#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace telcodesk {

/// A PostgreSQL connection URL, postgresql://user:password@host:port/database?option=value, taken
/// apart into what QSqlDatabase needs. User, password and database are percent-decoded. Options
/// are limited to a few harmless libpq keywords (sslmode, sslrootcert, connect_timeout,
/// application_name, target_session_attrs) with plain values, because QPSQL passes them on as text.
/// A missing password is left to libpq (PGPASSWORD, ~/.pgpass), so that it need not appear on a
/// command line.
struct PgDsn
{
    Q_DECLARE_TR_FUNCTIONS(PgDsn)

public:
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QStringList options; ///< "key=value", in the order given

    /// Errors (code "invalid"): not a postgresql:// or postgres:// URL, no host, a bad port, no
    /// database, an unknown option or an option value with characters other than letters, digits and
    /// "._-/:".
    static Result<PgDsn> parse(const QString& url);

    /// The URL again, without the password: for messages and logs.
    QString redacted() const;
    /// The URL with another database (tests create databases of their own).
    PgDsn withDatabase(const QString& name) const;
    /// The URL with another login.
    PgDsn withLogin(const QString& login, const QString& password) const;
    /// QPSQL connect options: the URL's options plus a connect timeout when none was given.
    QString connectOptions() const;
    /// The whole URL, password included (percent-encoded).
    QString toUrl() const;
};

} // namespace telcodesk
