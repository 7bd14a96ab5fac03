#pragma once

#include "FormDialog.h"
#include "common/Clock.h"
#include "domain/Subscription.h"
#include "security/Session.h"
#include "store/LocalStore.h"

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace telcodesk {

class CountedTextEdit;
class KbSuggestionPanel;

/// Opens a ticket for a customer from the 360° panel: kind, priority, channel, the line it is about
/// (the one shown preselected), a title and a description. Written through TicketService::create (the
/// ticket in its kind's first state, its SLA due times and an opening event in one transaction); errors
/// stay in the dialog.
class NewTicketDialog : public FormDialog
{
    Q_OBJECT

public:
    NewTicketDialog(LocalStorePtr store, const Session& session, const QString& customerId,
                    const QString& customerName, const QVector<Subscription>& lines,
                    const QString& lineId = QString(), const Clock& clock = Clock::system(), QWidget* parent = nullptr);

    /// The new ticket's id, valid after the dialog was accepted.
    QString ticketId() const { return m_ticketId; }

    QComboBox* kindBox() const { return m_kind; }
    QComboBox* priorityBox() const { return m_priority; }
    QComboBox* channelBox() const { return m_channel; }
    QComboBox* lineBox() const { return m_line; }
    QLineEdit* titleEdit() const { return m_title; }
    QPlainTextEdit* descriptionEdit() const;
    /// Articles for the title and description as they are typed; a click opens the article on top.
    KbSuggestionPanel* knowledgePanel() const { return m_kbPanel; }

    void save() override;

private:
    LocalStorePtr m_store;
    Session m_session;
    QString m_customerId;
    const Clock& m_clock;
    QString m_ticketId;

    QComboBox* m_kind = nullptr;
    QComboBox* m_priority = nullptr;
    QComboBox* m_channel = nullptr;
    QComboBox* m_line = nullptr;
    QLineEdit* m_title = nullptr;
    CountedTextEdit* m_description = nullptr;
    KbSuggestionPanel* m_kbPanel = nullptr;
};

} // namespace telcodesk
