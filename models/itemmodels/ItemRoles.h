#pragma once

#include <QString>
#include <Qt>

#include <functional>

namespace telcodesk {

/// Roles the item models answer besides Qt's own. The core says what a cell means (its id, its stored
/// code, how much it should stand out); the UI decides what that looks like.
namespace ItemRoles {
enum : int {
    IdRole = Qt::UserRole + 1, ///< id of the row's entity (customer, subscription, bill, ...)
    CodeRole,                  ///< the stored code behind a translated label ("hotline", "overdue")
    SortRole,                  ///< a value that sorts correctly (numbers, timestamps)
    EmphasisRole,              ///< an Emphasis value for the whole row
};
} // namespace ItemRoles

/// How much a row should stand out. Views map it to colour and weight (ui/RowEmphasisProxy).
enum class Emphasis { None = 0, Strong, Alert, Muted };

/// The kinds of stored codes that a person reads as words.
enum class CodeDomain {
    CustomerType,
    Tier,
    Segment,
    CustomerStatus,
    Service,
    SubscriptionStatus,
    Channel,
    InteractionKind,
    Direction,
    BillStatus,
    PayMethod,
    TicketKind,
    TicketStatus,
    TicketPriority,
    MemberRole,
    MatchKind,
    Tag, ///< tags on a customer ("vip", "5g", "roaming", ...)
    TicketQueue, ///< a ticket queue ("network", "billing", "vip", ...)
};

/// Turns a stored code into words in the UI language. The models are given one by the UI (ui/Labels);
/// without one they show the codes themselves.
using CodeLabeler = std::function<QString(CodeDomain, const QString& code)>;

/// The label for a code, or the code itself when no labeler is set.
inline QString labelFor(const CodeLabeler& labeler, CodeDomain domain, const QString& code)
{
    return labeler ? labeler(domain, code) : code;
}

/// Which of a plan's names to show.
enum class PlanNameLanguage { Chinese, English };

} // namespace telcodesk
