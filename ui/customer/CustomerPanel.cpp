#include "customer/CustomerPanel.h"

#include "Labels.h"
#include "RowEmphasisProxy.h"
#include "SectionTable.h"
#include "kb/KbSuggestionPanel.h"
#include "customer/AddNoteDialog.h"
#include "customer/CustomerHeader.h"
#include "customer/LogInteractionDialog.h"
#include "customer/TimelineSection.h"
#include "customer/UsageChartView.h"
#include "itemmodels/BillListModel.h"
#include "itemmodels/DisplayFormat.h"
#include "itemmodels/InteractionListModel.h"
#include "itemmodels/MemberListModel.h"
#include "itemmodels/NoteListModel.h"
#include "itemmodels/SubscriptionListModel.h"
#include "itemmodels/TicketListModel.h"
#include "itemmodels/UsageTableModel.h"
#include "services/Customer360Service.h"
#include "retention/RiskCard.h"
#include "tickets/NewTicketDialog.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace telcodesk {

namespace {

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}

/// A model shown through the emphasis proxy, parented to the panel.
RowEmphasisProxy* emphasised(QAbstractItemModel* model, QObject* parent)
{
    auto* proxy = new RowEmphasisProxy(parent);
    proxy->setSourceModel(model);
    return proxy;
}

void fitColumns(QTableView* view, std::initializer_list<int> toContents, int stretch)
{
    QHeaderView* header = view->horizontalHeader();
    for (int c : toContents)
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(stretch, QHeaderView::Stretch);
    // One stretching column; the last one keeps the width its contents need.
    header->setStretchLastSection(stretch == header->count() - 1);
}

PlanNameLanguage uiPlanLanguage()
{
    return QLocale().language() == QLocale::Chinese ? PlanNameLanguage::Chinese : PlanNameLanguage::English;
}

} // namespace

CustomerPanel::CustomerPanel(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
    , m_lines(new SubscriptionListModel(this))
    , m_usage(new UsageTableModel(this))
    , m_bills(new BillListModel(this))
    , m_interactions(new InteractionListModel(this))
    , m_tickets(new TicketListModel(this))
    , m_members(new MemberListModel(this))
    , m_notes(new NoteListModel(this))
{
    setObjectName(QStringLiteral("customerPanel"));
    const CodeLabeler labeler = Labels::labeler();
    m_lines->setLabeler(labeler);
    m_lines->setPlanNameLanguage(uiPlanLanguage());
    m_bills->setLabeler(labeler);
    m_interactions->setLabeler(labeler);
    m_tickets->setLabeler(labeler);
    m_members->setLabeler(labeler);

    m_header = new CustomerHeader(m_store, m_session, this);
    connect(m_header, &CustomerHeader::openCustomerRequested, this, &CustomerPanel::openCustomerRequested);

    m_chart = new UsageChartView(m_usage, this);
    m_chart->setMinimumSize(440, 260);

    m_timeline = new TimelineSection(m_interactions, this);
    // A contact that opened a ticket leads to it.
    connect(m_timeline->table()->view(), &QTableView::activated, this, [this](const QModelIndex& index) {
        const QString id = index.data(ItemRoles::IdRole).toString();
        for (const Interaction& i : std::as_const(m_view.interactions)) {
            if (i.id == id && !i.ticketId.isEmpty()) {
                emit openTicketRequested(i.ticketId);
                return;
            }
        }
    });


    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->insertTab(TimelineTab, m_timeline, QString());
    m_tabs->insertTab(TicketsTab, buildTicketsTab(), QString());
    m_tabs->insertTab(BillsTab, buildBillsTab(), QString());
    m_tabs->insertTab(MembersTab, buildMembersTab(), QString());
    m_tabs->insertTab(NotesTab, buildNotesTab(), QString());

    auto* chartBox = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(4);
    chartLayout->addWidget(sectionTitle(tr("Usage and spend"), chartBox));
    chartLayout->addWidget(m_chart, 1);

    // Beside the customer: knowledge-base articles for their open tickets and latest contacts.
    m_kbPanel = new KbSuggestionPanel(m_store, m_session, m_clock, this);
    m_kbPanel->setMinimumWidth(240);
    connect(m_kbPanel, &KbSuggestionPanel::openArticleRequested, this,
            [this](const QString& articleId) { emit openArticleRequested(articleId); });

    // Above the articles: the churn-risk card, scrolled when the column is short.
    m_riskCard = new RiskCard(m_store, m_session, m_clock, this);
    connect(m_riskCard, &RiskCard::taskChanged, this, &CustomerPanel::retentionTaskChanged);
    connect(m_riskCard, &RiskCard::localChangeWritten, this, &CustomerPanel::localChangeWritten);
    auto* riskScroll = new QScrollArea(this);
    riskScroll->setObjectName(QStringLiteral("riskCardScroll"));
    riskScroll->setWidget(m_riskCard);
    riskScroll->setWidgetResizable(true);
    riskScroll->setFrameShape(QFrame::NoFrame);
    riskScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* side = new QSplitter(Qt::Vertical, this);
    side->setChildrenCollapsible(false);
    side->addWidget(riskScroll);
    side->addWidget(m_kbPanel);
    side->setStretchFactor(0, 1);
    side->setStretchFactor(1, 1);
    side->setSizes({430, 250});

    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->setChildrenCollapsible(false);
    bottom->addWidget(chartBox);
    bottom->addWidget(m_tabs);
    bottom->addWidget(side);
    // The chart reads well at a third of the width; the tables next to it need the rest.
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 3);
    bottom->setStretchFactor(2, 1);
    bottom->setSizes({1750, 2650, 1500});

    auto* body = new QSplitter(Qt::Vertical, this);
    body->setChildrenCollapsible(false);
    body->addWidget(buildLinesSection());
    body->addWidget(bottom);
    body->setStretchFactor(0, 0);
    body->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(8);
    layout->addWidget(m_header);
    layout->addWidget(body, 1);

    m_logAction = new QAction(tr("Log interaction"), this);
    m_logAction->setObjectName(QStringLiteral("logInteractionAction"));
    m_logAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_logAction->setShortcutContext(Qt::WindowShortcut);
    m_logAction->setEnabled(m_session.can(Permission::LogInteraction));
    addAction(m_logAction);
    connect(m_logAction, &QAction::triggered, this, &CustomerPanel::logInteraction);
    connect(m_header->logInteractionButton(), &QPushButton::clicked, m_logAction, &QAction::trigger);
    m_header->logInteractionButton()->setEnabled(m_logAction->isEnabled());

    // Added here rather than in buildNotesTab() so that the shortcut works from every tab.
    addAction(m_addNoteAction);
    connect(m_addNoteAction, &QAction::triggered, this, &CustomerPanel::addNote);
    connect(m_addNoteButton, &QPushButton::clicked, m_addNoteAction, &QAction::trigger);
    addAction(m_newTicketAction);
    connect(m_newTicketAction, &QAction::triggered, this, &CustomerPanel::newTicket);
    connect(m_newTicketButton, &QPushButton::clicked, m_newTicketAction, &QAction::trigger);

    auto* back = new QAction(tr("Back to search"), this);
    back->setShortcut(QKeySequence(Qt::Key_Escape));
    back->setShortcutContext(Qt::WindowShortcut);
    addAction(back);
    connect(back, &QAction::triggered, this, &CustomerPanel::backToSearchRequested);

    updateTabTitles();
}

CustomerPanel::~CustomerPanel() = default;

QWidget* CustomerPanel::buildLinesSection()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_linesTitle = sectionTitle(tr("Lines and plans"), box);
    layout->addWidget(m_linesTitle);
    m_linesTable = new SectionTable(tr("This customer has no lines."), box);
    m_linesTable->setModel(emphasised(m_lines, this));
    m_linesTable->view()->setObjectName(QStringLiteral("linesView"));
    fitColumns(m_linesTable->view(),
               {SubscriptionListModel::ServiceColumn, SubscriptionListModel::NumberColumn,
                SubscriptionListModel::UserColumn, SubscriptionListModel::FeeColumn, SubscriptionListModel::AddonsColumn,
                SubscriptionListModel::ContractEndColumn, SubscriptionListModel::StatusColumn},
               SubscriptionListModel::PlanColumn);
    m_linesTable->view()->horizontalHeader()->setStretchLastSection(false);
    layout->addWidget(m_linesTable);
    return box;
}

QWidget* CustomerPanel::buildBillsTab()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    m_billsSummary = new QLabel(box);
    m_billsSummary->setObjectName(QStringLiteral("billsSummary"));
    m_billsSummary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_billsSummary);
    m_billsTable = new SectionTable(tr("No bills for this customer."), box);
    m_billsTable->setModel(emphasised(m_bills, this));
    m_billsTable->view()->setObjectName(QStringLiteral("billsView"));
    fitColumns(m_billsTable->view(),
               {BillListModel::MonthColumn, BillListModel::AmountColumn, BillListModel::DueColumn,
                BillListModel::PaidColumn, BillListModel::PaidAtColumn, BillListModel::StatusColumn},
               BillListModel::MethodColumn);
    layout->addWidget(m_billsTable, 1);
    return box;
}

QWidget* CustomerPanel::buildMembersTab()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    m_groupLabel = new QLabel(box);
    m_groupLabel->setObjectName(QStringLiteral("membersGroupLabel"));
    m_groupLabel->setTextFormat(Qt::RichText);
    m_groupLabel->setWordWrap(true);
    m_groupLabel->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_groupLabel, &QLabel::linkActivated, this, &CustomerPanel::openCustomerRequested);
    layout->addWidget(m_groupLabel);
    m_membersTable = new SectionTable(QString(), box);
    m_membersTable->setModel(emphasised(m_members, this));
    m_membersTable->view()->setObjectName(QStringLiteral("membersView"));
    m_membersTable->view()->setToolTip(tr("Double-click or press Enter to open a member"));
    fitColumns(m_membersTable->view(),
               {MemberListModel::RoleColumn, MemberListModel::NumberColumn, MemberListModel::TypeColumn,
                MemberListModel::TierColumn, MemberListModel::StatusColumn},
               MemberListModel::NameColumn);
    connect(m_membersTable->view(), &QTableView::activated, this, [this](const QModelIndex& index) {
        emit openCustomerRequested(m_members->customerId(index.row()));
    });
    layout->addWidget(m_membersTable, 1);
    return box;
}

QWidget* CustomerPanel::buildTicketsTab()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    m_newTicketAction = new QAction(tr("New ticket"), this);
    m_newTicketAction->setObjectName(QStringLiteral("newTicketAction"));
    m_newTicketAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_newTicketAction->setShortcutContext(Qt::WindowShortcut);
    m_newTicketAction->setEnabled(m_session.can(Permission::LogInteraction));
    m_newTicketButton = new QPushButton(tr("New ticket…"), box);
    m_newTicketButton->setObjectName(QStringLiteral("newTicketButton"));
    m_newTicketButton->setToolTip(tr("Open a ticket for this customer (Ctrl+Shift+T)"));
    m_newTicketButton->setEnabled(m_newTicketAction->isEnabled());
    auto* buttons = new QHBoxLayout;
    auto* hint = new QLabel(tr("Double-click a ticket to work on it."), box);
    hint->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; }"));
    buttons->addWidget(hint);
    buttons->addStretch(1);
    buttons->addWidget(m_newTicketButton);
    layout->addLayout(buttons);

    m_ticketsTable = new SectionTable(tr("No tickets for this customer."), box);
    m_ticketsTable->setModel(emphasised(m_tickets, this));
    m_ticketsTable->view()->setObjectName(QStringLiteral("ticketsView"));
    m_ticketsTable->view()->setToolTip(tr("Double-click or press Enter to open a ticket"));
    fitColumns(m_ticketsTable->view(),
               {TicketListModel::NumberColumn, TicketListModel::StatusColumn, TicketListModel::PriorityColumn,
                TicketListModel::KindColumn, TicketListModel::CreatedColumn, TicketListModel::DueColumn},
               TicketListModel::TitleColumn);
    connect(m_ticketsTable->view(), &QTableView::activated, this, [this](const QModelIndex& index) {
        const QString id = m_tickets->ticketId(index.row());
        if (!id.isEmpty())
            emit openTicketRequested(id);
    });
    layout->addWidget(m_ticketsTable, 1);
    return box;
}

QWidget* CustomerPanel::buildNotesTab()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    m_addNoteAction = new QAction(tr("Add note"), this);
    m_addNoteAction->setObjectName(QStringLiteral("addNoteAction"));
    m_addNoteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_addNoteAction->setShortcutContext(Qt::WindowShortcut);
    m_addNoteAction->setEnabled(m_session.can(Permission::LogInteraction));
    m_addNoteButton = new QPushButton(tr("Add note…"), box);
    m_addNoteButton->setObjectName(QStringLiteral("addNoteButton"));
    m_addNoteButton->setToolTip(tr("Write a note for the agents who serve this customer next (Ctrl+Shift+N)"));
    m_addNoteButton->setEnabled(m_addNoteAction->isEnabled());
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_addNoteButton);
    layout->addLayout(buttons);

    m_notesTable = new SectionTable(tr("No notes on this customer."), box);
    m_notesTable->setModel(m_notes);
    m_notesTable->view()->setObjectName(QStringLiteral("notesView"));
    fitColumns(m_notesTable->view(), {NoteListModel::TimeColumn, NoteListModel::AuthorColumn},
               NoteListModel::BodyColumn);
    layout->addWidget(m_notesTable, 1);
    return box;
}

QString CustomerPanel::knowledgeContext(const Customer360& view)
{
    // What the customer is in contact about: their open tickets, then what their latest contacts said.
    QStringList parts;
    int tickets = 0;
    for (const Ticket& t : view.tickets) {
        if (!t.isOpen() || tickets == 3)
            continue;
        parts << t.title << t.description;
        ++tickets;
    }
    int contacts = 0;
    for (const Interaction& i : view.interactions) {
        if (contacts == 3)
            break;
        if (!i.summary.trimmed().isEmpty()) {
            parts << i.summary;
            ++contacts;
        }
    }
    return parts.join(QLatin1Char('\n'));
}

Status CustomerPanel::showCustomer(const QString& customerId)
{
    const Customer360Service service(m_store);
    Result<Customer360> loaded = service.load(customerId);
    if (!loaded)
        return loaded.error();
    m_view = std::move(loaded).value();
    const Customer& c = m_view.customer;

    // Name the possible duplicates by name and account so that the agent can tell them apart; three are
    // plenty to act on, the rest are counted.
    QVector<CustomerHeader::RecordLink> duplicates;
    for (const QString& id : std::as_const(m_view.possibleDuplicates)) {
        if (duplicates.size() == 3)
            break;
        const Result<Customer360> other = service.load(id);
        if (other)
            duplicates.append({id, tr("%1 (%2)").arg(other->customer.name, other->customer.accountNo)});
    }
    m_header->setCustomer(m_view, duplicates);
    m_riskCard->setCustomer(c.id, c.name);
    m_header->setRisk(m_riskCard->score(), m_riskCard->config());
    m_kbPanel->setContextText(knowledgeContext(m_view), true);

    m_lines->setSubscriptions(m_view.subscriptions);
    m_usage->setUsage(m_view.usage, Customer360Service::kUsageMonths);
    m_bills->setBills(m_view.bills);
    m_timeline->resetFilters();
    m_interactions->setInteractions(m_view.interactions);
    m_tickets->setNow(m_clock.nowUtc());
    m_tickets->setTickets(m_view.tickets);
    m_members->setMembers(m_view.members);
    m_notes->setNotes(m_view.notes);

    m_linesTitle->setText(tr("Lines and plans (%1)").arg(m_view.subscriptions.size()));
    fitLinesTable();
    const int overdue = m_bills->overdueCount();
    m_billsSummary->setText(
        overdue > 0 ? tr("Outstanding: %1 · %n bill(s) overdue", nullptr, overdue).arg(DisplayFormat::yuan(m_bills->outstandingFen()))
                    : tr("Outstanding: %1 · nothing overdue").arg(DisplayFormat::yuan(m_bills->outstandingFen())));
    m_billsSummary->setStyleSheet(overdue > 0 ? QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }")
                                              : QString());

    if (c.type == QLatin1String("individual") && m_view.members.isEmpty()) {
        if (!m_view.group.id.isEmpty())
            m_groupLabel->setText(tr("Belongs to %1 <a href=\"%2\">%3</a>. Open it to see all its members.")
                                      .arg(Labels::label(CodeDomain::CustomerType, m_view.group.type).toHtmlEscaped(),
                                           m_view.group.id, m_view.group.name.toHtmlEscaped()));
        else
            m_groupLabel->setText(tr("This customer is not part of a household or an enterprise group."));
    } else if (c.type == QLatin1String("enterprise")) {
        m_groupLabel->setText(m_view.members.isEmpty() ? tr("No member records under this enterprise group.")
                                                       : tr("Members of this enterprise group:"));
    } else {
        m_groupLabel->setText(m_view.members.isEmpty() ? tr("No member records under this household.")
                                                       : tr("Members of this household:"));
    }
    m_membersTable->setEmptyText(QString());
    m_membersTable->setVisible(!m_view.members.isEmpty());

    updateTabTitles();
    m_tabs->setCurrentIndex(TimelineTab);
    return Status::success();
}

void CustomerPanel::scoresChanged(const QStringList& customerIds)
{
    const QString id = m_view.customer.id;
    if (id.isEmpty() || (!customerIds.isEmpty() && !customerIds.contains(id)))
        return;
    m_riskCard->reload();
    m_header->setRisk(m_riskCard->score(), m_riskCard->config());
}

void CustomerPanel::fitLinesTable()
{
    // As tall as the lines need, from one to five rows; a customer with more lines scrolls. The rest of
    // the height goes to the chart and the timeline.
    QTableView* view = m_linesTable->view();
    const int rows = std::clamp(m_lines->rowCount(), 1, 5);
    const int height = view->horizontalHeader()->sizeHint().height()
        + rows * view->verticalHeader()->defaultSectionSize() + 2 * view->frameWidth();
    m_linesTable->setFixedHeight(height);
}

void CustomerPanel::updateTabTitles()
{
    m_tabs->setTabText(TimelineTab, tr("Interactions (%1)").arg(m_interactions->rowCount()));
    const int open = m_tickets->openCount();
    m_tabs->setTabText(TicketsTab, open > 0 ? tr("Tickets (%1 open)").arg(open)
                                            : tr("Tickets (%1)").arg(m_tickets->rowCount()));
    const int overdue = m_bills->overdueCount();
    m_tabs->setTabText(BillsTab, overdue > 0 ? tr("Bills (%1 overdue)").arg(overdue) : tr("Bills and payments"));
    m_tabs->setTabText(MembersTab, tr("Members (%1)").arg(m_members->rowCount()));
    m_tabs->setTabText(NotesTab, tr("Notes (%1)").arg(m_notes->rowCount()));
}

bool CustomerPanel::logInteraction()
{
    if (m_view.customer.id.isEmpty() || !m_session.can(Permission::LogInteraction))
        return false;
    LogInteractionDialog dialog(m_store, m_session, m_view.customer.id, m_view.customer.name,
                                m_view.subscriptions, m_clock, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    m_interactions->addInteraction(dialog.written());
    m_view.interactions.prepend(dialog.written());
    m_timeline->resetFilters();
    m_tabs->setCurrentIndex(TimelineTab);
    m_timeline->table()->view()->scrollToTop();
    updateTabTitles();
    emit interactionLogged(dialog.written().id);
    if (!dialog.openedTicketId().isEmpty()) {
        reloadTickets(dialog.openedTicketId());
        emit ticketsWritten({dialog.openedTicketId()});
    }
    emit localChangeWritten();
    return true;
}

bool CustomerPanel::newTicket()
{
    if (m_view.customer.id.isEmpty() || !m_session.can(Permission::LogInteraction))
        return false;
    const QModelIndex line = m_linesTable->view()->currentIndex();
    const QString lineId = line.isValid() ? m_lines->subscriptionId(line.row()) : QString();
    NewTicketDialog dialog(m_store, m_session, m_view.customer.id, m_view.customer.name, m_view.subscriptions, lineId,
                           m_clock, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    reloadTickets(dialog.ticketId());
    emit ticketsWritten({dialog.ticketId()});
    emit localChangeWritten();
    return true;
}

void CustomerPanel::reloadTickets(const QString& selectTicketId)
{
    const Result<Customer360> loaded = Customer360Service(m_store).load(m_view.customer.id);
    if (loaded) {
        m_view.tickets = loaded->tickets;
        m_tickets->setNow(m_clock.nowUtc());
        m_tickets->setTickets(m_view.tickets);
    }
    updateTabTitles();
    m_tabs->setCurrentIndex(TicketsTab);
    const int row = m_tickets->rowOfTicket(selectTicketId);
    if (row >= 0) {
        QTableView* view = m_ticketsTable->view();
        view->scrollTo(view->model()->index(row, 0));
        view->selectRow(row);
    }
}

bool CustomerPanel::addNote()
{
    if (m_view.customer.id.isEmpty() || !m_session.can(Permission::LogInteraction))
        return false;
    AddNoteDialog dialog(m_store, m_session, m_view.customer.id, m_view.customer.name, m_clock, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const int row = m_notes->addNote(dialog.written());
    m_view.notes.prepend(dialog.written());
    m_tabs->setCurrentIndex(NotesTab);
    QTableView* view = m_notesTable->view();
    view->scrollTo(view->model()->index(row, 0));
    view->selectRow(row);
    updateTabTitles();
    emit noteAdded(dialog.written().id);
    emit localChangeWritten();
    return true;
}

} // namespace telcodesk
