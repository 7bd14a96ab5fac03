#include "services/AgentDirectory.h"

#include <QSqlQuery>

namespace telcodesk {

AgentDirectory::AgentDirectory(LocalStorePtr store)
    : m_store(std::move(store))
{
}

Result<Session> AgentDirectory::localSession(const QString& requestedLogin) const
{
    QString login = requestedLogin.trimmed();
    if (login.isEmpty())
        login = m_store->meta(QStringLiteral("demo.default_login"));
    QSqlQuery q(m_store->connection());
    if (login.isEmpty()) {
        q.prepare(QStringLiteral("SELECT id, login, display_name, role, region_code, team FROM agent "
                                 "WHERE deleted_at IS NULL ORDER BY login LIMIT 1"));
    } else {
        q.prepare(QStringLiteral("SELECT id, login, display_name, role, region_code, team FROM agent "
                                 "WHERE login = ? AND deleted_at IS NULL"));
        q.addBindValue(login);
    }
    if (!q.exec() || !q.next()) {
        if (login.isEmpty())
            return Error{QObject::tr("The local database has no agents."), QStringLiteral("not_found")};
        return Error{QObject::tr("No agent with the login \"%1\" exists in the local database.").arg(login.left(64)),
                     QStringLiteral("not_found")};
    }
    Session s;
    s.agentId = q.value(0).toString();
    s.login = q.value(1).toString();
    s.displayName = q.value(2).toString();
    if (!roleFromCode(q.value(3).toString(), &s.role))
        return Error{QObject::tr("The agent \"%1\" has an unknown role.").arg(s.login), QStringLiteral("invalid")};
    s.regionCode = q.value(4).toString();
    s.team = q.value(5).toString();
    return s;
}

QString AgentDirectory::displayName(const QString& agentId) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT display_name FROM agent WHERE id = ?"));
    q.addBindValue(agentId);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

int AgentDirectory::customerCount() const
{
    QSqlQuery q(m_store->connection());
    // A filter on deleted_at would force a scan of the wide table rows; an unfiltered count(*) reads the
    // narrowest index instead, and the tombstones are counted on their own small partial index.
    if (q.exec(QStringLiteral("SELECT (SELECT count(*) FROM customer) - "
                              "(SELECT count(*) FROM customer WHERE deleted_at IS NOT NULL)"))
        && q.next())
        return q.value(0).toInt();
    return 0;
}

} // namespace telcodesk
