#include "services/InteractionService.h"

#include "common/TextChecks.h"
#include "common/Uuid.h"
#include "domain/Interaction.h"
#include "store/ChangeWriter.h"

#include <QSqlQuery>

namespace telcodesk {

InteractionService::InteractionService(LocalStorePtr store, const Session& session, const Clock& clock)
    : m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
{
}

Result<QString> InteractionService::log(const NewInteraction& input) const
{
    const Result<Change> change = plan(input);
    if (!change)
        return change.error();
    const Status written = ChangeWriter(m_store, m_clock).apply(change.value());
    if (!written)
        return written.error();
    return change->id;
}

Result<Change> InteractionService::plan(const NewInteraction& input) const
{
    if (!m_session.can(Permission::LogInteraction))
        return Error{QObject::tr("Your role may not log interactions."), QStringLiteral("forbidden")};
    if (!Interaction::channels().contains(input.channel))
        return Error{QObject::tr("Channel: \"%1\" is not a known channel.").arg(input.channel.left(40)),
                     QStringLiteral("invalid")};
    if (!Interaction::kinds().contains(input.kind))
        return Error{QObject::tr("Kind: \"%1\" is not a known kind of interaction.").arg(input.kind.left(40)),
                     QStringLiteral("invalid")};
    if (input.direction != QLatin1String("inbound") && input.direction != QLatin1String("outbound"))
        return Error{QObject::tr("Direction: must be inbound or outbound."), QStringLiteral("invalid")};
    const QString summary = input.summary.trimmed();
    if (summary.isEmpty())
        return Error{QObject::tr("Summary: write what the contact was about."), QStringLiteral("invalid")};
    if (summary.size() > kMaxSummaryChars)
        return Error{QObject::tr("Summary: %1 characters is too long; at most %2.").arg(summary.size()).arg(kMaxSummaryChars),
                     QStringLiteral("invalid")};
    if (!isStorableText(summary))
        return Error{QObject::tr("Summary: contains characters that are not valid text."), QStringLiteral("invalid")};

    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT 1 FROM customer WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(input.customerId);
    if (!q.exec() || !q.next())
        return Error{QObject::tr("Customer: the customer does not exist."), QStringLiteral("not_found")};
    if (!input.subscriptionId.isEmpty()) {
        q.prepare(QStringLiteral("SELECT 1 FROM subscription WHERE id = ? AND customer_id = ? AND deleted_at IS NULL"));
        q.addBindValue(input.subscriptionId);
        q.addBindValue(input.customerId);
        if (!q.exec() || !q.next())
            return Error{QObject::tr("Line: the line does not belong to this customer."), QStringLiteral("invalid")};
    }
    q.finish();

    Change change;
    change.op = Change::Op::Insert;
    change.table = QStringLiteral("interaction");
    change.id = UuidV7::create();
    change.fields = {
        {QStringLiteral("customer_id"), input.customerId},
        {QStringLiteral("subscription_id"), input.subscriptionId.isEmpty() ? QVariant() : QVariant(input.subscriptionId)},
        {QStringLiteral("channel"), input.channel},
        {QStringLiteral("kind"), input.kind},
        {QStringLiteral("direction"), input.direction},
        {QStringLiteral("occurred_at"), m_clock.nowMs()},
        {QStringLiteral("agent_id"), m_session.agentId.isEmpty() ? QVariant() : QVariant(m_session.agentId)},
        {QStringLiteral("summary"), summary},
    };
    if (!input.ticketId.isEmpty())
        change.fields.insert(QStringLiteral("ticket_id"), input.ticketId);
    return change;
}

} // namespace telcodesk
