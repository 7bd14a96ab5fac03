#include "sync/PgDsn.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace telcodesk {

namespace {

const QStringList& allowedOptions()
{
    static const QStringList keys = {QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),
                                     QStringLiteral("connect_timeout"), QStringLiteral("application_name"),
                                     QStringLiteral("target_session_attrs")};
    return keys;
}

Error invalid(const QString& message)
{
    return Error{message, QStringLiteral("invalid")};
}

} // namespace

Result<PgDsn> PgDsn::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    const QString example = QStringLiteral("postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
    if (trimmed.isEmpty())
        return invalid(tr("No server address was given; write it as %1.").arg(example));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        // Neither the text nor QUrl's explanation (which quotes it) is echoed: it may hold a password.
        return invalid(tr("The server address is not a valid URL (a bad port, a space or a stray %-escape, perhaps); write it as %1.")
                           .arg(example));
    if (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
        return invalid(tr("The server address must start with postgresql://, not \"%1\"; write it as %2.")
                           .arg(url.scheme().left(20), example));
    PgDsn dsn;
    dsn.host = url.host(QUrl::FullyDecoded);
    if (dsn.host.isEmpty())
        return invalid(tr("The server address names no host; write it as %1.").arg(example));
    dsn.port = url.port(5432);
    if (dsn.port < 1 || dsn.port > 65535)
        return invalid(tr("The port must be a number from 1 to 65535."));
    dsn.user = url.userName(QUrl::FullyDecoded);
    dsn.password = url.password(QUrl::FullyDecoded);
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (path.isEmpty() || path.contains(QLatin1Char('/')))
        return invalid(tr("The server address names no database; write it as %1.").arg(example));
    dsn.database = path;

    static const QRegularExpression plainValue(QStringLiteral("^[A-Za-z0-9._/:-]{1,200}$"));
    const QUrlQuery query(url);
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto& item : items) {
        if (!allowedOptions().contains(item.first))
            return invalid(tr("Unknown option \"%1\" in the server address; known options: %2.")
                               .arg(item.first.left(40), allowedOptions().join(QStringLiteral(", "))));
        if (!plainValue.match(item.second).hasMatch())
            return invalid(tr("The option \"%1\" has a value that is not allowed: use letters, digits and \"._-/:\" only.")
                               .arg(item.first));
        dsn.options << item.first + QLatin1Char('=') + item.second;
    }
    return dsn;
}

QString PgDsn::toUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPassword(password);
    url.setPath(QLatin1Char('/') + database);
    if (!options.isEmpty()) {
        QUrlQuery query;
        for (const QString& option : options)
            query.addQueryItem(option.section(QLatin1Char('='), 0, 0), option.section(QLatin1Char('='), 1));
        url.setQuery(query);
    }
    return url.toString(QUrl::FullyEncoded);
}

QString PgDsn::redacted() const
{
    if (host.isEmpty())
        return QString();
    PgDsn copy = *this;
    copy.password.clear();
    return copy.toUrl();
}

PgDsn PgDsn::withDatabase(const QString& name) const
{
    PgDsn copy = *this;
    copy.database = name;
    return copy;
}

PgDsn PgDsn::withLogin(const QString& login, const QString& secret) const
{
    PgDsn copy = *this;
    copy.user = login;
    copy.password = secret;
    return copy;
}

QString PgDsn::connectOptions() const
{
    QStringList all = options;
    if (!std::any_of(all.cbegin(), all.cend(),
                     [](const QString& o) { return o.startsWith(QLatin1String("connect_timeout=")); }))
        all << QStringLiteral("connect_timeout=10");
    return all.join(QLatin1Char(';'));
}

} // namespace telcodesk
