#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QVector>

namespace telcodesk {

/// One row of the canned_reply catalog (local migration 8, server migration 10).
struct CannedReply
{
    QString id;
    QString kind;     ///< a ticket kind, or "*" for any
    QString language; ///< "zh_CN" or "en"
    QString title;
    QString body;     ///< with {customer} and {ticket} placeholders
};

/// The canned replies an agent picks from in the ticket editor: a read-only catalog synced from the
/// server, with local defaults for offline and demo use.
class CannedReplies
{
    Q_DECLARE_TR_FUNCTIONS(CannedReplies)

public:
    explicit CannedReplies(LocalStorePtr store);

    /// The live replies for a ticket kind ("*" rows and the kind's own) in one language, by ordinal.
    /// Errors: "io".
    Result<QVector<CannedReply>> forKind(const QString& kind, const QString& language) const;

    /// The body with {customer} and {ticket} filled in. Other braces are left as they are.
    static QString fill(const QString& body, const QString& customerName, const QString& ticketNo);

private:
    LocalStorePtr m_store;
};

} // namespace telcodesk
