#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/LocalStore.h"
#include "tickets/TicketService.h"
#include "tickets/WorkflowService.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QTextBrowser;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace telcodesk {

class SlaService;
class KbSuggestionPanel;

/// Where an agent works one ticket: its header (number, kind, priority, status, queue, assignee and the
/// two SLA clocks), the customer's 360° summary beside it with one click to the full panel, the history
/// of events (replies, internal notes, steps, pauses, assignments told apart), a reply box with canned
/// replies, and the workflow steps this agent may take now, each asking for what it requires.
///
/// Writes go through the core services (TicketService, WorkflowService, AssignmentService); a refusal is
/// shown under the header with the service's own words, and what the agent typed stays in the box.
class TicketEditor : public QWidget
{
    Q_OBJECT

public:
    TicketEditor(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(),
                 QWidget* parent = nullptr);
    ~TicketEditor() override;

    /// Loads and shows a ticket. On error the editor keeps what it showed.
    Status showTicket(const QString& ticketId);
    /// Reads the shown ticket again (after a sync or a write elsewhere); the reply box keeps its text.
    Status reload();
    QString ticketId() const { return m_detail.ticket.id; }
    const TicketDetail& detail() const { return m_detail; }

    /// Sends the reply box's text to the customer / keeps it as an internal note.
    Status sendReply();
    Status addInternalNote();
    /// Takes a workflow step with what it requires (the buttons ask for it through TransitionDialog).
    Status takeStep(const QString& toStatus, const TransitionInput& input);
    Status changePriority(int priority, const QString& reason);
    Status takeTicket();
    Status assignTo(const QString& agentId);
    /// Fault tickets: sends the field engineer to the ticket (FieldDispatch: the step to "dispatched" and a
    /// note naming the engineer, in one transaction).
    Status dispatchEngineer(const QString& engineerId);
    /// Supervisors: acknowledges one of the ticket's pending escalations (shown as a step button).
    Status acknowledgeEscalation(const QString& escalationId, const QString& note);
    /// Puts a canned reply (by its index in the combo) into the reply box, placeholders filled.
    void insertCannedReply(int comboIndex);

    /// The steps shown as buttons now (target statuses).
    QStringList stepTargets() const;
    QPushButton* stepButton(const QString& toStatus) const;
    QPlainTextEdit* replyEdit() const { return m_reply; }
    QPushButton* replyButton() const { return m_replyButton; }
    QPushButton* noteButton() const { return m_noteButton; }
    QComboBox* cannedBox() const { return m_canned; }
    QComboBox* priorityBox() const { return m_priority; }
    QTextBrowser* history() const { return m_history; }
    /// The kinds of the history's entries, oldest first (reply, comment, transition, ...).
    QStringList historyKinds() const;
    /// The history's last entry as plain text (heading and body).
    QString lastHistoryText() const;
    QLabel* customerLink() const { return m_openCustomer; }
    /// Articles for the ticket's title and description, with the ticket's linked articles.
    KbSuggestionPanel* knowledgePanel() const { return m_kbPanel; }
    /// The error or confirmation shown under the header, or empty.
    QString messageText() const;
    QString statusText() const;
    QString firstResponseText() const;
    QString resolutionText() const;

signals:
    /// The ticket was written on this desktop (queue rows, status bar counts).
    void ticketWritten(const QString& ticketId);
    /// "Open full 360° view".
    void openCustomerRequested(const QString& customerId);
    /// Back to the queue.
    void backRequested();
    /// An article was clicked in the knowledge-base panel beside the ticket.
    void openArticleRequested(const QString& articleId, const QString& ticketId, const QString& ticketNo);

private:
    void buildHeader(QWidget* box);
    QWidget* buildCustomerBox();
    void fill();
    void fillHistory();
    void fillSteps();
    void fillCanned();
    void updateClocks();
    void showMessage(const QString& text, bool error);
    void afterWrite(const QString& done);
    void askStep(const WorkflowTransition& step);
    void askPriority();
    void askAssign();
    void askDispatch();

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
    std::unique_ptr<SlaService> m_sla;
    TicketDetail m_detail;
    QVector<WorkflowTransition> m_steps;
    QString m_customerTitle;
    int m_customerOpenTickets = 0;

    QLabel* m_title = nullptr;
    QLabel* m_number = nullptr;
    QLabel* m_kind = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_queue = nullptr;
    QLabel* m_assignee = nullptr;
    QLabel* m_channel = nullptr;
    QLabel* m_created = nullptr;
    QLabel* m_firstResponse = nullptr;
    QLabel* m_resolution = nullptr;
    QLabel* m_description = nullptr;
    QComboBox* m_priority = nullptr;
    QPushButton* m_priorityButton = nullptr;
    QPushButton* m_takeButton = nullptr;
    QPushButton* m_assignButton = nullptr;
    QHBoxLayout* m_stepsLayout = nullptr;
    QList<QPushButton*> m_stepButtons;
    QLabel* m_message = nullptr;
    QTextBrowser* m_history = nullptr;
    KbSuggestionPanel* m_kbPanel = nullptr;
    QStringList m_historyTexts;
    QComboBox* m_canned = nullptr;
    QPlainTextEdit* m_reply = nullptr;
    QPushButton* m_replyButton = nullptr;
    QPushButton* m_noteButton = nullptr;

    QLabel* m_customerName = nullptr;
    QLabel* m_customerFacts = nullptr;
    QLabel* m_openCustomer = nullptr;
    QTimer* m_clockTimer = nullptr;
};

} // namespace telcodesk
