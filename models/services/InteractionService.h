#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/ChangeWriter.h"
#include "store/LocalStore.h"

namespace telcodesk {

/// Logs a contact with a customer. Written locally through ChangeWriter (entity + outbox in one
/// transaction), so it reaches the server when sync runs.
class InteractionService
{
public:
    struct NewInteraction
    {
        QString customerId;
        QString subscriptionId; ///< optional
        QString channel;        ///< one of Interaction::channels()
        QString kind;           ///< one of Interaction::kinds()
        QString direction = QStringLiteral("inbound");
        QString summary;
        QString ticketId;       ///< optional: the ticket opened for this contact (written in the same transaction)
    };

    static constexpr int kMaxSummaryChars = 4000;

    InteractionService(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system());

    /// Validates (customer exists, channel and kind known, summary not empty and not too long) and
    /// writes. Returns the new interaction's id. Errors name the field that is wrong.
    Result<QString> log(const NewInteraction& input) const;
    /// The same checks as log(), but returns the change instead of writing it, so that a caller can write
    /// it in one transaction with its own (an interaction and the ticket opened for it). The ticket named
    /// by ticketId is not looked up: it is usually in the same transaction.
    Result<Change> plan(const NewInteraction& input) const;

private:
    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
};

} // namespace telcodesk
