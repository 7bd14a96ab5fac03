#include "sync/ServerAdmin.h"

#include "common/SqlMigrationFiles.h"
#include "common/Uuid.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

// The PostgreSQL migrations live in the core library's resources; a static library's resources must
// be registered by hand before first use.
static void initServerResources()
{
    Q_INIT_RESOURCE(server);
}

namespace telcodesk {

namespace {

/// Key of the advisory lock that serialises `server init` runs on one database.
constexpr qint64 kInitLockKey = 0x5443444B0001; // "TCDK", 1

const char* const kBootstrap = "CREATE SCHEMA IF NOT EXISTS sync;\n"
                               "CREATE TABLE IF NOT EXISTS sync.schema_migrations (\n"
                               "    version    integer PRIMARY KEY,\n"
                               "    name       text NOT NULL,\n"
                               "    checksum   text NOT NULL,\n"
                               "    applied_at timestamptz NOT NULL DEFAULT now(),\n"
                               "    applied_by text NOT NULL DEFAULT current_user);";

QVector<ServerAdmin::Migration> loadMigrations()
{
    initServerResources();
    QVector<ServerAdmin::Migration> list;
    for (const SqlMigrationFile& file : readSqlMigrationFiles(QStringLiteral(":/telcodesk/sql/postgres"))) {
        ServerAdmin::Migration m;
        m.version = file.version;
        m.name = file.baseName;
        m.sql = file.sql;
        m.checksum = QString::fromLatin1(QCryptographicHash::hash(m.sql, QCryptographicHash::Sha256).toHex());
        list.push_back(m);
    }
    return list;
}

/// Holds the init lock for as long as it lives.
class InitLock
{
public:
    explicit InitLock(PgConnection& conn) : m_conn(conn)
    {
        m_status = m_conn.exec(QStringLiteral("SELECT pg_advisory_lock(?)"), {kInitLockKey});
    }
    ~InitLock()
    {
        if (m_status)
            m_conn.exec(QStringLiteral("SELECT pg_advisory_unlock(?)"), {kInitLockKey});
    }
    const Status& status() const { return m_status; }

private:
    PgConnection& m_conn;
    Status m_status;
};

bool validText(const QString& text, int maxChars)
{
    if (text.isEmpty() || text.size() > maxChars)
        return false;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.isSurrogate())
            return false;
    }
    return true;
}

} // namespace

const QVector<ServerAdmin::Migration>& ServerAdmin::migrations()
{
    static const QVector<Migration> list = loadMigrations();
    return list;
}

int ServerAdmin::latestVersion()
{
    const auto& list = migrations();
    return list.isEmpty() ? 0 : list.last().version;
}

Result<int> ServerAdmin::schemaVersion(PgConnection& conn)
{
    const auto exists = conn.scalar(QStringLiteral("SELECT to_regclass('sync.schema_migrations') IS NOT NULL"));
    if (!exists)
        return exists.error();
    if (!exists.value().toBool())
        return 0;
    const auto version = conn.scalar(QStringLiteral("SELECT coalesce(max(version), 0) FROM sync.schema_migrations"));
    if (!version)
        return version.error();
    return version.value().toInt();
}

Result<ServerAdmin::InitReport> ServerAdmin::init(PgConnection& conn)
{
    InitLock lock(conn);
    if (!lock.status())
        return lock.status().error();
    if (const Status boot = conn.execScript(kBootstrap); !boot)
        return Error{tr("Cannot prepare the database for migrations: %1").arg(boot.errorMessage()), QStringLiteral("sql")};

    QHash<int, QString> applied; // version -> checksum
    {
        QSqlQuery q(conn.db());
        if (!q.exec(QStringLiteral("SELECT version, checksum FROM sync.schema_migrations ORDER BY version")))
            return Error{PgConnection::errorText(q.lastError()), QStringLiteral("sql")};
        while (q.next())
            applied.insert(q.value(0).toInt(), q.value(1).toString());
    }
    InitReport report;
    for (auto it = applied.cbegin(); it != applied.cend(); ++it) {
        if (it.key() > latestVersion())
            return Error{tr("The database was set up by a newer TelcoDesk (schema version %1; this program knows up "
                            "to %2). Use a newer telcodesk-admin.")
                             .arg(it.key())
                             .arg(latestVersion()),
                         QStringLiteral("newer_schema")};
    }

    for (const Migration& m : migrations()) {
        if (applied.contains(m.version)) {
            if (applied.value(m.version) != m.checksum)
                report.warnings << tr("Migration %1 has changed since it was applied; the database keeps what ran then.")
                                       .arg(m.name);
            continue;
        }
        QElapsedTimer timer;
        timer.start();
        Status done = conn.execScript("BEGIN");
        if (done)
            done = conn.execScript(m.sql);
        if (done)
            done = conn.exec(QStringLiteral("INSERT INTO sync.schema_migrations (version, name, checksum) VALUES (?, ?, ?)"),
                             {m.version, m.name, m.checksum});
        if (done)
            done = conn.execScript("COMMIT");
        if (!done) {
            conn.execScript("ROLLBACK");
            return Error{tr("Migration %1 failed and was rolled back: %2").arg(m.name, done.errorMessage()),
                         QStringLiteral("migration")};
        }
        report.applied << m.name;
        report.seconds << double(timer.nsecsElapsed()) / 1e9;
    }
    const auto version = schemaVersion(conn);
    if (!version)
        return version.error();
    report.version = version.value();
    return report;
}

Result<ServerAdmin::AgentReport> ServerAdmin::addAgent(PgConnection& conn, const AgentSpec& spec)
{
    static const QRegularExpression loginPattern(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    static const QRegularExpression regionPattern(QStringLiteral("^[0-9]{6}$"));
    static const QStringList roles = {QStringLiteral("agent"), QStringLiteral("clerk"), QStringLiteral("supervisor"),
                                      QStringLiteral("admin")};
    const auto invalid = [](const QString& message) { return Error{message, QStringLiteral("invalid")}; };
    if (!loginPattern.match(spec.login).hasMatch() || spec.login.startsWith(QLatin1String("pg_"))
        || spec.login.startsWith(QLatin1String("td_")))
        return invalid(tr("\"%1\" cannot be a login: use lower-case letters, digits and \"_\" (at most 63), starting "
                          "with a letter, and not \"pg_\" or \"td_\".")
                           .arg(spec.login.left(64)));
    if (!roles.contains(spec.role))
        return invalid(tr("The role must be agent, clerk, supervisor or admin, not \"%1\".").arg(spec.role.left(32)));
    if (spec.regions.isEmpty())
        return invalid(tr("An agent needs a region (a six-digit GB/T 2260 code such as 440100)."));
    for (const QString& region : spec.regions) {
        if (!regionPattern.match(region).hasMatch())
            return invalid(tr("\"%1\" is not a region code: use a six-digit GB/T 2260 code such as 440100.")
                               .arg(region.left(32)));
    }
    for (const QStringList* list : {&spec.queues, &spec.teams}) {
        for (const QString& value : *list) {
            if (!validText(value, 64))
                return invalid(tr("Queue and team names must be 1 to 64 printable characters, not \"%1\".")
                                   .arg(value.left(64)));
        }
    }
    if (!spec.displayName.isEmpty() && !validText(spec.displayName, 200))
        return invalid(tr("The display name must be 1 to 200 printable characters."));
    if (spec.setPassword && spec.password.size() < kMinPasswordChars)
        return invalid(tr("The password must have at least %n characters.", nullptr, kMinPasswordChars));

    const auto version = schemaVersion(conn);
    if (!version)
        return version.error();
    if (version.value() < latestVersion())
        return Error{tr("The database is not set up (schema version %1 of %2): run \"telcodesk-admin server init\" "
                        "first.")
                         .arg(version.value())
                         .arg(latestVersion()),
                     QStringLiteral("not_initialised")};

    // The verifier is computed here, so the clear password never travels to the server.
    QVariant verifier(QMetaType::fromType<QString>());
    if (spec.setPassword) {
        pg_conn* handle = conn.handle();
        if (!handle)
            return Error{tr("The PostgreSQL connection has no libpq handle."), QStringLiteral("driver")};
        char* encrypted = PQencryptPasswordConn(handle, spec.password.toUtf8().constData(),
                                                spec.login.toUtf8().constData(), "scram-sha-256");
        if (!encrypted)
            return Error{tr("Cannot encrypt the password: %1").arg(QString::fromUtf8(PQerrorMessage(handle)).trimmed()),
                         QStringLiteral("sql")};
        verifier = QString::fromLatin1(encrypted);
        PQfreemem(encrypted);
    }

    QSqlDatabase& db = conn.db();
    if (!db.transaction())
        return Error{PgConnection::errorText(db.lastError()), QStringLiteral("sql")};
    const auto fail = [&db](const QString& message, const QString& code) -> Error {
        db.rollback();
        return Error{message, code};
    };
    AgentReport report;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT sync.admin_ensure_login(?, ?, ?)"));
    q.addBindValue(spec.login);
    q.addBindValue(verifier);
    q.addBindValue(QString(QStringLiteral("td_") + spec.role));
    if (!q.exec() || !q.next()) {
        const QString why = PgConnection::errorText(q.lastError());
        return fail(tr("Cannot set up the login \"%1\": %2").arg(spec.login, why), QStringLiteral("invalid"));
    }
    report.loginCreated = q.value(0).toString() == QLatin1String("created");

    const QString region = spec.regions.first();
    const QVariant team = spec.teams.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(spec.teams.first());
    q.prepare(QStringLiteral("SELECT id::text, deleted_at FROM td.agent WHERE login = ? FOR UPDATE"));
    q.addBindValue(spec.login);
    if (!q.exec())
        return fail(PgConnection::errorText(q.lastError()), QStringLiteral("sql"));
    if (q.next()) {
        if (!q.value(1).isNull())
            return fail(tr("The agent \"%1\" was removed (its record is a tombstone); choose another login.").arg(spec.login),
                        QStringLiteral("invalid"));
        report.agentId = q.value(0).toString();
        // Only a real change bumps the row's version, so that running the command again is a no-op.
        q.prepare(QStringLiteral(
            "UPDATE td.agent SET role = ?, region_code = ?, team = ?, display_name = coalesce(?, display_name) "
            "WHERE login = ? AND (role, region_code, team, display_name) IS DISTINCT FROM (?, ?, ?, coalesce(?, display_name))"));
        const QVariant name = spec.displayName.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(spec.displayName);
        for (const QVariant& v : {QVariant(spec.role), QVariant(region), team, name, QVariant(spec.login),
                                  QVariant(spec.role), QVariant(region), team, name})
            q.addBindValue(v);
    } else {
        report.agentCreated = true;
        report.agentId = UuidV7::create();
        q.prepare(QStringLiteral("INSERT INTO td.agent (id, login, display_name, role, region_code, team) "
                                 "VALUES (?::uuid, ?, ?, ?, ?, ?)"));
        for (const QVariant& v : {QVariant(report.agentId), QVariant(spec.login),
                                  QVariant(spec.displayName.isEmpty() ? spec.login : spec.displayName),
                                  QVariant(spec.role), QVariant(region), team})
            q.addBindValue(v);
    }
    if (!q.exec())
        return fail(tr("Cannot write the agent \"%1\": %2").arg(spec.login, PgConnection::errorText(q.lastError())),
                    QStringLiteral("sql"));

    // The scope table is not synced: replace it outright.
    q.prepare(QStringLiteral("DELETE FROM td.agent_scope WHERE login = ?"));
    q.addBindValue(spec.login);
    if (!q.exec())
        return fail(PgConnection::errorText(q.lastError()), QStringLiteral("sql"));
    QVector<QPair<QString, QString>> scopes;
    for (const QString& r : spec.regions.mid(1))
        scopes.append({QStringLiteral("region"), r});
    for (const QString& queue : spec.queues)
        scopes.append({QStringLiteral("queue"), queue});
    for (const QString& t : spec.teams.mid(1))
        scopes.append({QStringLiteral("team"), t});
    q.prepare(QStringLiteral("INSERT INTO td.agent_scope (login, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
    for (const auto& scope : scopes) {
        q.addBindValue(spec.login);
        q.addBindValue(scope.first);
        q.addBindValue(scope.second);
        if (!q.exec())
            return fail(PgConnection::errorText(q.lastError()), QStringLiteral("sql"));
    }
    if (!db.commit())
        return fail(PgConnection::errorText(db.lastError()), QStringLiteral("sql"));
    return report;
}

} // namespace telcodesk
