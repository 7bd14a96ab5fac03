#pragma once

#include "common/Result.h"
#include "sync/PgConnection.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVector>

namespace telcodesk {

/// Sets up and administers the central PostgreSQL database: the schema migrations in
/// resources/sql/postgres (see the README there) and the agents' logins. What
/// `telcodesk-admin server init | add-agent` runs; the load of a data set is ServerLoader.
class ServerAdmin
{
    Q_DECLARE_TR_FUNCTIONS(ServerAdmin)

public:
    struct Migration
    {
        int version = 0;
        QString name;      ///< "0001_schema"
        QByteArray sql;
        QString checksum;  ///< SHA-256 of the file, hex
    };
    /// The shipped migrations, in version order.
    static const QVector<Migration>& migrations();
    static int latestVersion();

    struct InitReport
    {
        QStringList applied;   ///< names of the migrations run now, in order
        QVector<double> seconds;
        int version = 0;       ///< the database's version afterwards
        QStringList warnings;  ///< e.g. an applied migration whose file has changed since
    };
    /// Applies every migration the database has not had yet, each in one transaction that also records
    /// it in sync.schema_migrations; a database that is up to date is left as it is. Runs under an
    /// advisory lock, so two inits at once queue up. Errors: "newer_schema" (the database was set up
    /// by a newer TelcoDesk), "migration" (one failed; the ones before it stay applied), "sql".
    static Result<InitReport> init(PgConnection& conn);

    /// The highest migration applied (0 for a database never initialised).
    static Result<int> schemaVersion(PgConnection& conn);

    struct AgentSpec
    {
        QString login;           ///< also the PostgreSQL role; lower-case letters, digits, "_"
        QString role;            ///< agent | clerk | supervisor | admin
        QString displayName;     ///< empty: keep the current one, or the login for a new agent
        QStringList regions;     ///< the first is the agent's own region; at least one
        QStringList queues;
        QStringList teams;       ///< the first is the agent's own team
        bool setPassword = false;
        QString password;        ///< used when setPassword; never logged, never sent in clear
    };
    struct AgentReport
    {
        bool loginCreated = false;
        bool agentCreated = false;
        QString agentId;
    };
    /// Creates or updates the login role (member of td_<role> only), the td.agent row and its
    /// td.agent_scope rows, in one transaction; running it again with the same values changes nothing
    /// that matters. A new login needs a password. Errors: "invalid" (bad login, role, region, a
    /// privileged existing role), "not_initialised", "sql".
    static Result<AgentReport> addAgent(PgConnection& conn, const AgentSpec& spec);

    /// Minimum length of an agent's password.
    static constexpr int kMinPasswordChars = 8;
};

} // namespace telcodesk
