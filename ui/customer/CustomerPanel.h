#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/Customer360.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTabWidget;

namespace telcodesk {

class BillListModel;
class CustomerHeader;
class InteractionListModel;
class KbSuggestionPanel;
class MemberListModel;
class NoteListModel;
class RiskCard;
class SectionTable;
class SubscriptionListModel;
class TicketListModel;
class TimelineSection;
class UsageChartView;
class UsageTableModel;

/// The 360° view of one customer: header, lines and plans, 12 months of usage and spend, and in tabs
/// the interaction timeline, tickets, bills and payments, household or enterprise members and notes.
/// Laid out so that a 1440×900 screen shows the header, the lines, the chart and the timeline at once.
class CustomerPanel : public QWidget
{
    Q_OBJECT

public:
    enum Tab { TimelineTab, TicketsTab, BillsTab, MembersTab, NotesTab };

    CustomerPanel(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(),
                  QWidget* parent = nullptr);
    ~CustomerPanel() override;

    /// Loads and shows a customer. On error the panel keeps what it showed.
    Status showCustomer(const QString& customerId);
    QString customerId() const { return m_view.customer.id; }
    const Customer360& view() const { return m_view; }

    /// Opens the log-interaction dialog for the shown customer; returns true when one was written.
    bool logInteraction();
    /// Opens the add-note dialog for the shown customer; returns true when a note was written. The note
    /// is inserted at the top of the notes (no reset) and the Notes tab is shown.
    bool addNote();
    /// Opens the new-ticket dialog for the shown customer (the line selected in the lines table
    /// preselected); returns true when a ticket was written. The Tickets tab is shown with it selected.
    bool newTicket();

    CustomerHeader* header() const { return m_header; }
    SubscriptionListModel* linesModel() const { return m_lines; }
    UsageTableModel* usageModel() const { return m_usage; }
    UsageChartView* usageChart() const { return m_chart; }
    BillListModel* billsModel() const { return m_bills; }
    InteractionListModel* interactionsModel() const { return m_interactions; }
    TimelineSection* timeline() const { return m_timeline; }
    TicketListModel* ticketsModel() const { return m_tickets; }
    MemberListModel* membersModel() const { return m_members; }
    NoteListModel* notesModel() const { return m_notes; }
    SectionTable* billsTable() const { return m_billsTable; }
    SectionTable* ticketsTable() const { return m_ticketsTable; }
    SectionTable* membersTable() const { return m_membersTable; }
    SectionTable* notesTable() const { return m_notesTable; }
    QTabWidget* tabs() const { return m_tabs; }
    QAction* logInteractionAction() const { return m_logAction; }
    QAction* addNoteAction() const { return m_addNoteAction; }
    QPushButton* addNoteButton() const { return m_addNoteButton; }
    QAction* newTicketAction() const { return m_newTicketAction; }
    QPushButton* newTicketButton() const { return m_newTicketButton; }

signals:
    /// A linked record (group, member, duplicate) was chosen.
    void openCustomerRequested(const QString& customerId);
    /// Esc: back to the search with its query and selection as they were.
    void backToSearchRequested();
    /// An interaction was logged (for the status bar).
    void interactionLogged(const QString& interactionId);
    /// A note was added (for the status bar).
    void noteAdded(const QString& noteId);
    /// Something was written locally through the outbox (after interactionLogged or noteAdded), so the
    /// count of changes waiting to sync has changed.
    void localChangeWritten();
    /// Open this ticket in the ticket editor (double-click in the Tickets tab).
    void openTicketRequested(const QString& ticketId);
    /// Tickets were written from the panel (a new ticket, one opened with a logged interaction).
    void ticketsWritten(const QStringList& ticketIds);
    /// An article was clicked in the knowledge-base column.
    void openArticleRequested(const QString& articleId);
    /// A retention task was changed from the risk card (an outcome recorded, the task taken).
    void retentionTaskChanged(const QString& taskId);

public:
    /// Articles for the customer's open tickets and latest contacts.
    KbSuggestionPanel* knowledgePanel() const { return m_kbPanel; }
    /// The churn-risk card beside the customer.
    RiskCard* riskCard() const { return m_riskCard; }
    /// Scoring rewrote these customers' scores (empty: everyone): the badge and the card follow when
    /// the customer shown is among them.
    void scoresChanged(const QStringList& customerIds);
    /// The text the knowledge-base column searches for the customer shown.
    static QString knowledgeContext(const Customer360& view);

private:
    QWidget* buildLinesSection();
    QWidget* buildBillsTab();
    QWidget* buildMembersTab();
    QWidget* buildNotesTab();
    QWidget* buildTicketsTab();
    /// Reads the customer's tickets again (after one was opened here) and selects one.
    void reloadTickets(const QString& selectTicketId);
    void updateTabTitles();
    void fitLinesTable();

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
    KbSuggestionPanel* m_kbPanel = nullptr;
    RiskCard* m_riskCard = nullptr;
    Customer360 m_view;

    CustomerHeader* m_header = nullptr;
    SubscriptionListModel* m_lines = nullptr;
    UsageTableModel* m_usage = nullptr;
    BillListModel* m_bills = nullptr;
    InteractionListModel* m_interactions = nullptr;
    TicketListModel* m_tickets = nullptr;
    MemberListModel* m_members = nullptr;
    NoteListModel* m_notes = nullptr;

    SectionTable* m_linesTable = nullptr;
    QLabel* m_linesTitle = nullptr;
    UsageChartView* m_chart = nullptr;
    QTabWidget* m_tabs = nullptr;
    TimelineSection* m_timeline = nullptr;
    SectionTable* m_ticketsTable = nullptr;
    SectionTable* m_billsTable = nullptr;
    QLabel* m_billsSummary = nullptr;
    QLabel* m_groupLabel = nullptr;
    SectionTable* m_membersTable = nullptr;
    SectionTable* m_notesTable = nullptr;
    QAction* m_logAction = nullptr;
    QAction* m_addNoteAction = nullptr;
    QPushButton* m_addNoteButton = nullptr;
    QAction* m_newTicketAction = nullptr;
    QPushButton* m_newTicketButton = nullptr;
};

} // namespace telcodesk
