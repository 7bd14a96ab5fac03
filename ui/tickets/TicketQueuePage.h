#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "itemmodels/TicketQueueModel.h"
#include "security/Session.h"
#include "store/LocalStore.h"
#include "tickets/AssignmentService.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTabBar;
class QTableView;
class QTimer;
class QToolButton;

namespace telcodesk {

class EscalationService;
class RowEmphasisProxy;
class SlaDelegate;
class SlaService;
class TicketHousekeeper;

/// The ticket queue an agent lives in: scopes (my tickets, my team's, unassigned, breaching soon, all)
/// with their counts, a search, kind and priority filters, and a table over TicketQueueModel (pages read
/// from SQL, so 100,000 tickets scroll) sorted by SLA due with the countdown painted live.
///
/// Actions on the selection: open, take, assign (supervisors; several at once in one transaction),
/// auto-assign. After a write only the tickets written are re-read (ticketsChanged: no reset), and after
/// a sync the queue is re-read in place (refresh), so the agent keeps the selection and scroll position.
/// SLA clocks are recomputed when the page starts; then TicketHousekeeper keeps them and the escalation
/// rules current off the GUI thread (every minute, and for the tickets written here); the countdown ticks
/// every second. Supervisors see the escalations waiting for them behind a bell.
class TicketQueuePage : public QWidget
{
    Q_OBJECT

public:
    TicketQueuePage(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(),
                    QWidget* parent = nullptr);
    ~TicketQueuePage() override;

    /// Recomputes the SLA clocks and shows the queue (first start; the page does it itself when shown).
    Status load();
    bool isLoaded() const { return m_loaded; }

    void setScope(TicketQueueFilter::Scope scope);
    TicketQueueFilter::Scope scope() const;
    /// Types a search and applies it at once (the field itself waits for a pause in typing).
    void setSearchText(const QString& text);
    /// The filter as the controls say it.
    TicketQueueFilter filterFromControls() const;

    QString currentTicketId() const;
    QStringList selectedTicketIds() const;
    /// Selects a ticket's row (scrolling to it); false when the queue does not show it.
    bool selectTicket(const QString& ticketId);

    /// Takes the selected tickets (one by one; the first refusal stops and is shown).
    Status takeSelected();
    /// Gives the selected tickets to an agent in one transaction (AssignmentService::assignBulk).
    Status assignSelectedTo(const QString& agentId);
    /// Asks whom to give the selection to, then assigns.
    void assignSelected();
    /// Auto-assigns each selected unassigned ticket.
    Status autoAssignSelected(AssignmentService::Strategy strategy);

    /// These tickets were written on this desktop (editor, dialogs): their SLA and rows are re-read.
    void ticketsWritten(const QStringList& ticketIds);
    /// A sync wrote rows of these tables.
    void refreshFromSync(const QStringList& tables);
    /// The SLA clocks and escalation rules kept current off the GUI thread (a full pass when the page
    /// loads and every minute); the queue is re-read when a pass finishes.
    TicketHousekeeper* housekeeper() const { return m_housekeeper; }
    /// Passes of the housekeeper this page has shown the result of.
    int passesShown() const { return m_passesShown; }
    /// Re-reads the counts shown on the scope tabs.
    void updateCounts();
    /// Re-reads the supervisor's escalation bell (count of escalations not yet seen, and its menu).
    void updateEscalations();

    TicketQueueModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    SlaDelegate* slaDelegate() const { return m_delegate; }
    QTabBar* scopeBar() const { return m_scopes; }
    QLineEdit* searchEdit() const { return m_search; }
    QComboBox* kindBox() const { return m_kind; }
    QComboBox* priorityBox() const { return m_priority; }
    QCheckBox* includeClosedBox() const { return m_includeClosed; }
    QAction* openAction() const { return m_open; }
    QAction* takeAction() const { return m_take; }
    QAction* assignAction() const { return m_assign; }
    QAction* autoAssignRoundRobinAction() const { return m_autoRoundRobin; }
    QAction* autoAssignLeastLoadedAction() const { return m_autoLeastLoaded; }
    /// The escalation bell (supervisors and admins).
    QToolButton* escalationButton() const { return m_escalations; }
    /// Escalations not yet seen by this agent, as the bell counts them (-1 before the first count).
    int unseenEscalations() const { return m_unseen; }
    /// The last message shown under the table (a refusal, what was done), or empty.
    QString messageText() const;
    /// Counts shown on the scope tabs, by scope index (-1 until counted).
    int scopeCount(TicketQueueFilter::Scope scope) const;

signals:
    /// Open this ticket in the editor.
    void openTicketRequested(const QString& ticketId);
    /// Something was written through the outbox (for the status bar's counts).
    void localChangeWritten();
    /// A housekeeping pass finished and the queue shows its result.
    void backgroundDone();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void applyFilter();
    void tick();
    void updateActions();
    void updateSummary();
    void showMessage(const QString& text, bool error);
    void afterWrite(const QStringList& ids, const QString& done);
    void onPassFinished(const QStringList& changedTicketIds, int escalationsWritten, const QStringList& failures,
                        bool full);
    qint64 nowMs() const;

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
    std::unique_ptr<SlaService> m_sla;
    std::unique_ptr<EscalationService> m_escalation;
    bool m_loaded = false;

    TicketQueueModel* m_model = nullptr;
    TicketQueueModel* m_counter = nullptr; ///< counts the other scopes with the same filters
    RowEmphasisProxy* m_proxy = nullptr;
    SlaDelegate* m_delegate = nullptr;
    QTabBar* m_scopes = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_priority = nullptr;
    QCheckBox* m_includeClosed = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_message = nullptr;
    QAction* m_open = nullptr;
    QAction* m_take = nullptr;
    QAction* m_assign = nullptr;
    QAction* m_autoRoundRobin = nullptr;
    QAction* m_autoLeastLoaded = nullptr;
    QToolButton* m_autoButton = nullptr;
    QToolButton* m_escalations = nullptr;
    int m_unseen = -1;
    QTimer* m_searchDelay = nullptr;
    QTimer* m_second = nullptr;
    QVector<int> m_counts;
    TicketHousekeeper* m_housekeeper = nullptr;
    int m_passesShown = 0;
};

} // namespace telcodesk
