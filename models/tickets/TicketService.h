#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/Interaction.h"
#include "security/Session.h"
#include "store/ChangeWriter.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QVector>

namespace telcodesk {

/// One line of a ticket's history as the editor shows it.
struct TicketEvent
{
    QString id;
    QString kind;        ///< comment (internal), reply (customer-visible), transition, pause, resume, assignment
    qint64 at = 0;
    QString agentId;
    QString agentName;   ///< empty when the agent is not in the directory
    QString body;
    QString fromStatus;
    QString toStatus;
};

/// A ticket with what its editor needs beside it.
struct TicketDetail
{
    Ticket ticket;
    qint64 firstResponseDue = 0; ///< 0: none
    qint64 firstRespondedAt = 0; ///< 0: not yet
    QString customerName;
    QString customerTier;
    QString msisdn;              ///< the line's number when the ticket names a line
    QString assigneeName;
    QVector<TicketEvent> events; ///< oldest first
};

/// Opens tickets and writes what agents add to them: replies to the customer, internal notes, a new
/// priority. Every write goes through ChangeWriter (the ticket and its events in one transaction with
/// their outbox rows), so it works offline and reaches the server with the next sync. Steps of the
/// workflow are WorkflowService's, assignments AssignmentService's.
class TicketService
{
    Q_DECLARE_TR_FUNCTIONS(TicketService)

public:
    struct NewTicket
    {
        QString customerId;
        QString subscriptionId;   ///< optional: the line it is about
        QString kind;             ///< complaint, inquiry, fault, suggestion
        int priority = 3;         ///< 1..4
        QString channel;          ///< one of Interaction::channels()
        QString title;
        QString description;
        QString queue;            ///< empty: defaultQueue() for the kind and customer
        QString fromInteractionId; ///< optional: the logged contact it was opened from
    };

    static constexpr int kMaxTitleChars = 200;
    static constexpr int kMaxTextChars = 4000;

    TicketService(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system());

    /// Validates (customer and line exist, kind, priority, channel known, title given and not too long),
    /// then writes the ticket in its kind's first workflow state with a number, its SLA due times from
    /// the policy in force, and an opening event. Returns the new ticket's id. Errors name the field.
    Result<QString> create(const NewTicket& input) const;
    /// The changes create() would write (the ticket first), so that a caller can write them in one
    /// transaction with its own (LogInteractionDialog writes the interaction that opened it).
    Result<QVector<Change>> planCreate(const NewTicket& input, QString* ticketId = nullptr) const;

    /// A reply the customer sees (the first one stops the first-response clock).
    Status reply(const QString& ticketId, const QString& body) const;
    /// An internal note, never shown to the customer.
    Status comment(const QString& ticketId, const QString& body) const;
    /// A new priority, with why, kept as an internal note on the ticket.
    Status setPriority(const QString& ticketId, int priority, const QString& reason) const;

    Result<TicketDetail> load(const QString& ticketId) const;

    /// The queue a new ticket goes to when none is chosen: VIP customers to "vip", English-speaking
    /// ones to "english", else by kind (complaint: complaints, fault: network, inquiry and suggestion:
    /// general).
    static QString defaultQueue(const QString& kind, const QString& tier, const QString& language);
    /// "TK" + yyMMdd + six characters unique to this desktop's ticket id (offline numbers never clash).
    static QString makeTicketNo(const QString& ticketId, qint64 createdAtUtcMs);

private:
    Status writeEvent(const QString& ticketId, const QString& kind, const QString& body) const;

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
};

} // namespace telcodesk
