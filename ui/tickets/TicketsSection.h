#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QWidget>

class QStackedWidget;

namespace telcodesk {

class TicketEditor;
class TicketQueuePage;

/// The Tickets section of the main window: the queue, and the editor of the ticket opened from it (or
/// from the 360° panel). The queue stays as it was (filter, selection, scroll) while a ticket is open.
class TicketsSection : public QWidget
{
    Q_OBJECT

public:
    TicketsSection(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(),
                   QWidget* parent = nullptr);

    /// Shows a ticket in the editor.
    Status openTicket(const QString& ticketId);
    void showQueue();
    bool isShowingEditor() const;

    /// A sync wrote rows of these tables: the queue re-reads in place, an open ticket again.
    void refreshFromSync(const QStringList& tables);
    /// Tickets written elsewhere on this desktop (the 360° panel, a logged interaction).
    void ticketsWritten(const QStringList& ticketIds);

    TicketQueuePage* queue() const { return m_queue; }
    TicketEditor* editor() const { return m_editor; }

signals:
    void openCustomerRequested(const QString& customerId);
    /// An article was clicked beside the open ticket.
    void openArticleRequested(const QString& articleId, const QString& ticketId, const QString& ticketNo);
    /// Something was written through the outbox (for the status bar).
    void localChangeWritten();
    /// For the status bar.
    void message(const QString& text);

private:
    QStackedWidget* m_stack = nullptr;
    TicketQueuePage* m_queue = nullptr;
    TicketEditor* m_editor = nullptr;
};

} // namespace telcodesk
