#pragma once

#include "common/Result.h"
#include "security/Session.h"
#include "store/LocalStore.h"

namespace telcodesk {

/// Agents known to the local cache. In the embedded default (no server) the desktop signs in as a
/// local agent chosen by login.
class AgentDirectory
{
public:
    explicit AgentDirectory(LocalStorePtr store);

    /// The session of the agent with this login; with an empty login, the data set's default
    /// (meta demo.default_login) or else the first agent. Errors: "not_found" naming the login.
    Result<Session> localSession(const QString& login = QString()) const;
    /// Display name of an agent id ("" when unknown).
    QString displayName(const QString& agentId) const;
    int customerCount() const;

private:
    LocalStorePtr m_store;
};

} // namespace telcodesk
