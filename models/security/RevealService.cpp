#include "security/RevealService.h"

#include "common/Logging.h"
#include "security/Masking.h"

#include <QSqlError>
#include <QSqlQuery>

namespace telcodesk {

RevealService::RevealService(LocalStorePtr store, const Session& session, const Clock& clock)
    : m_store(store)
    , m_session(session)
    , m_audit(std::move(store), clock)
{
}

Result<QString> RevealService::revealMsisdn(const QString& customerId)
{
    return reveal(customerId, Field::Msisdn);
}

Result<QString> RevealService::revealIdNumber(const QString& customerId)
{
    return reveal(customerId, Field::IdNumber);
}

Result<QString> RevealService::reveal(const QString& customerId, Field field)
{
    const bool msisdn = field == Field::Msisdn;
    const Permission needed = msisdn ? Permission::RevealMsisdn : Permission::RevealIdNumber;
    if (!m_session.can(needed)) {
        const QString message = msisdn
            ? tr("Your role (%1) may not show full mobile numbers: that needs the permission \"%2\".")
            : tr("Your role (%1) may not show full ID numbers: that needs the permission \"%2\".");
        return Error{message.arg(roleCode(m_session.role), permissionCode(needed)), QStringLiteral("forbidden")};
    }

    // The column name is one of two constants, never input.
    QSqlQuery q(m_store->connection());
    q.prepare(msisdn ? QStringLiteral("SELECT primary_msisdn FROM customer WHERE id = ? AND deleted_at IS NULL")
                     : QStringLiteral("SELECT id_number FROM customer WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(customerId);
    if (!q.exec())
        return Error{tr("The customer could not be read: %1").arg(q.lastError().text()), QStringLiteral("io")};
    if (!q.next())
        return Error{tr("No such customer."), QStringLiteral("not_found")};
    const QString value = q.value(0).toString();
    q.finish();
    if (value.isEmpty()) {
        return Error{msisdn ? tr("This customer has no mobile number on record.")
                            : tr("This customer has no ID number on record."),
                     QStringLiteral("no_value")};
    }

    const Status audited = m_audit.append(m_session.login,
                                          msisdn ? QStringLiteral("reveal_msisdn") : QStringLiteral("reveal_id_number"),
                                          QStringLiteral("customer"), customerId,
                                          msisdn ? Masking::msisdn(value) : Masking::idNumber(value),
                                          QStringLiteral("revealed"));
    if (!audited) {
        qCWarning(lcSecurity) << "reveal refused: the audit row could not be written";
        return Error{tr("The value was not shown because the reveal could not be recorded in the audit log (%1).")
                         .arg(audited.errorMessage()),
                     audited.error().code};
    }
    return value;
}

} // namespace telcodesk
