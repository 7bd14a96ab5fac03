#pragma once

#include "common/Result.h"
#include "itemmodels/ItemRoles.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QVector>

namespace telcodesk {

/// A local change the server refused for good (an outbox row in state "rejected"), as the
/// rejected-changes view shows it.
struct RejectedChange
{
    qint64 seq = 0;
    QString entity;
    QString entityId;
    QString entityName;    ///< "Ticket", "Note", ...
    QString recordLabel;   ///< the record as a person knows it
    QString op;            ///< insert | update | delete
    QString fieldsSummary; ///< "Title: 宽带断网; Priority: P2 high", shortened
    QString errorCode;     ///< the server's code: permission, workflow, constraint, ...
    QString reason;        ///< the server's words
    qint64 createdAtMs = 0; ///< when the change was made here (local clock)
};

/// The changes the server refused, until the person has seen and dismissed them. A rejected change
/// stays in the outbox (nothing is deleted); dismissing only hides it.
///
/// Errors: "not_found" (no such rejected change, or already dismissed), "io".
class RejectedChangeService
{
    Q_DECLARE_TR_FUNCTIONS(RejectedChangeService)

public:
    /// Characters of one value in the fields summary, and of the whole summary.
    static constexpr int kValueChars = 40;
    static constexpr int kSummaryChars = 200;

    explicit RejectedChangeService(LocalStorePtr store, CodeLabeler labeler = CodeLabeler());

    /// Newest first.
    Result<QVector<RejectedChange>> list() const;
    Result<int> count() const;
    Status dismiss(qint64 seq);
    /// Returns how many were dismissed.
    Result<int> dismissAll();

private:
    LocalStorePtr m_store;
    CodeLabeler m_labeler;
};

} // namespace telcodesk
