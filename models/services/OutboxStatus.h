#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"

#include <QCoreApplication>

namespace telcodesk {

/// How many local changes the outbox holds by state: written here and not yet confirmed by the server
/// (pending), or refused by it for good (rejected). Each count reads the outbox's (state, seq) index
/// only, so the status bar can ask after every local write.
class OutboxStatus
{
    Q_DECLARE_TR_FUNCTIONS(OutboxStatus)

public:
    explicit OutboxStatus(LocalStorePtr store);

    Result<int> pendingCount() const;
    Result<int> rejectedCount() const;

    /// The statement behind the counts (one bound value: the state), for tests that check its plan.
    static QString countStatement();

private:
    Result<int> countIn(const QString& state) const;

    LocalStorePtr m_store;
};

} // namespace telcodesk
