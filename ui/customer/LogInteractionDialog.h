#pragma once

#include "FormDialog.h"
#include "common/Clock.h"
#include "domain/Interaction.h"
#include "domain/Subscription.h"
#include "security/Session.h"
#include "services/InteractionService.h"
#include "store/LocalStore.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QWidget;

namespace telcodesk {

class CountedTextEdit;

/// Records a contact with the customer: channel, kind, direction, the line it was about and a summary.
/// Written through InteractionService (entity and outbox in one transaction). Errors stay in the dialog,
/// next to the fields, so that nothing typed is lost.
///
/// "Open a ticket for this" opens a ticket in the same step: the ticket (TicketService::planCreate) and
/// the interaction, linked by interaction.ticket_id, are written in one ChangeWriter transaction.
class LogInteractionDialog : public FormDialog
{
    Q_OBJECT

public:
    LogInteractionDialog(LocalStorePtr store, const Session& session, const QString& customerId,
                         const QString& customerName, const QVector<Subscription>& lines,
                         const Clock& clock = Clock::system(), QWidget* parent = nullptr);

    /// The interaction as written, valid after the dialog was accepted.
    const Interaction& written() const { return m_written; }
    /// The ticket opened with it, or empty.
    QString openedTicketId() const { return m_ticketId; }

    QComboBox* channelBox() const { return m_channel; }
    QComboBox* kindBox() const { return m_kind; }
    QComboBox* directionBox() const { return m_direction; }
    QComboBox* lineBox() const { return m_line; }
    QPlainTextEdit* summaryEdit() const;
    QString counterText() const;
    QCheckBox* openTicketBox() const { return m_openTicket; }
    QComboBox* ticketKindBox() const { return m_ticketKind; }
    QComboBox* ticketPriorityBox() const { return m_ticketPriority; }
    QLineEdit* ticketTitleEdit() const { return m_ticketTitle; }

    void save() override;

private:
    Result<QString> logWithTicket(InteractionService::NewInteraction input, QString* ticketId) const;

    LocalStorePtr m_store;
    Session m_session;
    QString m_customerId;
    const Clock& m_clock;
    Interaction m_written;

    QComboBox* m_channel = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_direction = nullptr;
    QComboBox* m_line = nullptr;
    CountedTextEdit* m_summary = nullptr;
    QCheckBox* m_openTicket = nullptr;
    QWidget* m_ticketFields = nullptr;
    QComboBox* m_ticketKind = nullptr;
    QComboBox* m_ticketPriority = nullptr;
    QLineEdit* m_ticketTitle = nullptr;
    QString m_ticketId;
};

} // namespace telcodesk
