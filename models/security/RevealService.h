#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "security/AuditLog.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QCoreApplication>

namespace telcodesk {

/// Shows one masked value of a customer in clear, for a session whose role has the matching Reveal
/// permission, and writes the reveal to the audit log before the value leaves this class. If the
/// audit row cannot be written, the value is not returned. The audit row's actor is the session's
/// login (the name the server knows the agent by); its before value is the masked value, its after
/// value the marker "revealed": the clear value is never written anywhere.
///
/// Errors: "forbidden" (the role lacks the permission; nothing is read or audited), "not_found" (no
/// such customer, or it was deleted), "no_value" (the customer has no such value on record),
/// "invalid" / "io" (from AuditLog::append, or the database could not be read).
class RevealService
{
    Q_DECLARE_TR_FUNCTIONS(RevealService)

public:
    RevealService(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system());

    /// customer.primary_msisdn in E.164. Needs Permission::RevealMsisdn; audited as "reveal_msisdn".
    Result<QString> revealMsisdn(const QString& customerId);
    /// customer.id_number. Needs Permission::RevealIdNumber; audited as "reveal_id_number".
    Result<QString> revealIdNumber(const QString& customerId);

private:
    enum class Field { Msisdn, IdNumber };
    Result<QString> reveal(const QString& customerId, Field field);

    LocalStorePtr m_store;
    Session m_session;
    AuditLog m_audit;
};

} // namespace telcodesk
