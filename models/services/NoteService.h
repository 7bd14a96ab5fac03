#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/Interaction.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QCoreApplication>

namespace telcodesk {

/// Adds notes to a customer. Written locally through ChangeWriter (entity + outbox in one
/// transaction), so a note reaches the server when sync runs; the author is the signed-in agent and
/// the time is the clock's.
class NoteService
{
    Q_DECLARE_TR_FUNCTIONS(NoteService)

public:
    static constexpr int kMaxBodyChars = 4000;

    NoteService(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system());

    /// Validates (customer exists; the body, trimmed, is not empty, not too long and valid text) and
    /// writes. Returns the note as written. Errors name the field that is wrong ("Note: ...").
    Result<CustomerNote> add(const QString& customerId, const QString& body) const;

private:
    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
};

} // namespace telcodesk
