#include "tickets/TicketsSection.h"

#include "tickets/TicketEditor.h"
#include "tickets/TicketQueuePage.h"

#include <QStackedWidget>
#include <QVBoxLayout>

namespace telcodesk {

namespace {
enum Page { QueuePage, EditorPage };
}

TicketsSection::TicketsSection(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("ticketsSection"));
    m_queue = new TicketQueuePage(store, session, clock, this);
    m_editor = new TicketEditor(store, session, clock, this);
    m_stack = new QStackedWidget(this);
    m_stack->insertWidget(QueuePage, m_queue);
    m_stack->insertWidget(EditorPage, m_editor);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_queue, &TicketQueuePage::openTicketRequested, this, [this](const QString& id) {
        const Status shown = openTicket(id);
        if (!shown)
            emit message(shown.errorMessage());
    });
    connect(m_queue, &TicketQueuePage::localChangeWritten, this, &TicketsSection::localChangeWritten);
    connect(m_editor, &TicketEditor::backRequested, this, &TicketsSection::showQueue);
    connect(m_editor, &TicketEditor::openCustomerRequested, this, &TicketsSection::openCustomerRequested);
    connect(m_editor, &TicketEditor::openArticleRequested, this, &TicketsSection::openArticleRequested);
    connect(m_editor, &TicketEditor::ticketWritten, this, [this](const QString& id) {
        m_queue->ticketsWritten({id});
        emit localChangeWritten();
    });
}

Status TicketsSection::openTicket(const QString& ticketId)
{
    const Status shown = m_editor->showTicket(ticketId);
    if (!shown)
        return shown;
    m_stack->setCurrentIndex(EditorPage);
    m_editor->setFocus(Qt::OtherFocusReason);
    return shown;
}

void TicketsSection::showQueue()
{
    m_stack->setCurrentIndex(QueuePage);
    if (!m_queue->currentTicketId().isEmpty() || m_editor->ticketId().isEmpty())
        return;
    m_queue->selectTicket(m_editor->ticketId());
}

bool TicketsSection::isShowingEditor() const
{
    return m_stack->currentIndex() == EditorPage;
}

void TicketsSection::refreshFromSync(const QStringList& tables)
{
    m_queue->refreshFromSync(tables);
    const bool tickets = tables.contains(QStringLiteral("ticket")) || tables.contains(QStringLiteral("ticket_event"));
    if (tickets && !m_editor->ticketId().isEmpty()) {
        const Status reread = m_editor->reload();
        if (!reread && isShowingEditor()) {
            // Gone from this desktop (deleted on the server, or out of the agent's scope now).
            showQueue();
            emit message(tr("The ticket you were working on is no longer in your data: %1").arg(reread.errorMessage()));
        }
    }
}

void TicketsSection::ticketsWritten(const QStringList& ticketIds)
{
    m_queue->ticketsWritten(ticketIds);
    if (ticketIds.contains(m_editor->ticketId()))
        m_editor->reload();
}

} // namespace telcodesk
