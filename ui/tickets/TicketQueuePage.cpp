#include "tickets/TicketQueuePage.h"

#include "Labels.h"
#include "RowEmphasisProxy.h"
#include "common/Logging.h"
#include "tickets/AssignTicketDialog.h"
#include "tickets/EscalationService.h"
#include "tickets/SlaDelegate.h"
#include "tickets/SlaService.h"
#include "tickets/TicketHousekeeper.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QShowEvent>
#include <QTabBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace telcodesk {

namespace {

using Scope = TicketQueueFilter::Scope;
constexpr int kScopeCount = 5;

QString scopeTitle(Scope scope)
{
    switch (scope) {
    case Scope::Mine:
        return TicketQueuePage::tr("My tickets");
    case Scope::MyTeam:
        return TicketQueuePage::tr("My team");
    case Scope::Unassigned:
        return TicketQueuePage::tr("Unassigned");
    case Scope::BreachingSoon:
        return TicketQueuePage::tr("Breaching soon");
    case Scope::All:
        return TicketQueuePage::tr("All");
    }
    return QString();
}

QString scopeTip(Scope scope)
{
    switch (scope) {
    case Scope::Mine:
        return TicketQueuePage::tr("Tickets assigned to you");
    case Scope::MyTeam:
        return TicketQueuePage::tr("Tickets in the queues your team serves");
    case Scope::Unassigned:
        return TicketQueuePage::tr("Tickets nobody has taken yet, in the queues you serve");
    case Scope::BreachingSoon:
        return TicketQueuePage::tr("Open tickets whose SLA runs out within two working hours, or has run out");
    case Scope::All:
        return TicketQueuePage::tr("Every ticket you may see");
    }
    return QString();
}

} // namespace

TicketQueuePage::TicketQueuePage(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
    , m_sla(std::make_unique<SlaService>(m_store))
    , m_escalation(std::make_unique<EscalationService>(m_store, m_clock))
    , m_counts(kScopeCount, -1)
{
    setObjectName(QStringLiteral("ticketQueuePage"));

    m_model = new TicketQueueModel(m_store, m_session, this);
    m_model->setLabeler(Labels::labeler());
    m_counter = new TicketQueueModel(m_store, m_session, this);
    m_proxy = new RowEmphasisProxy(this);
    m_proxy->setSourceModel(m_model);
    m_delegate = new SlaDelegate(this);

    auto* title = new QLabel(tr("Tickets"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    title->setFont(titleFont);

    m_scopes = new QTabBar(this);
    m_scopes->setObjectName(QStringLiteral("ticketScopes"));
    m_scopes->setDocumentMode(true);
    m_scopes->setExpanding(false);
    m_scopes->setDrawBase(false);
    for (int i = 0; i < kScopeCount; ++i) {
        m_scopes->addTab(scopeTitle(Scope(i)));
        m_scopes->setTabToolTip(i, scopeTip(Scope(i)));
    }

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("ticketSearch"));
    m_search->setPlaceholderText(tr("Search: ticket number, title, customer name or number"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(300);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindFilter"));
    m_kind->addItem(tr("All kinds"), QString());
    for (const QString& code : Labels::codes(CodeDomain::TicketKind))
        m_kind->addItem(Labels::label(CodeDomain::TicketKind, code), code);
    m_priority = new QComboBox(this);
    m_priority->setObjectName(QStringLiteral("priorityFilter"));
    m_priority->addItem(tr("All priorities"), 0);
    for (const QString& code : Labels::codes(CodeDomain::TicketPriority))
        m_priority->addItem(Labels::label(CodeDomain::TicketPriority, code), code.toInt());
    m_includeClosed = new QCheckBox(tr("Include closed"), this);
    m_includeClosed->setObjectName(QStringLiteral("includeClosed"));
    m_includeClosed->setToolTip(tr("Show resolved and closed tickets too"));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("ticketQueueView"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(TicketQueueModel::SlaColumn, m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(m_session.can(Permission::AssignTickets) ? QAbstractItemView::ExtendedSelection
                                                                      : QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(TicketQueueModel::TitleColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_view->fontMetrics();
    // Fixed widths from the text they hold: ResizeToContents would read every page of a large queue.
    header->resizeSection(TicketQueueModel::NumberColumn, fm.horizontalAdvance(QStringLiteral("TK261122ABCDEF")) + 24);
    header->resizeSection(TicketQueueModel::PriorityColumn, fm.horizontalAdvance(tr("P3 normal")) + 30);
    header->resizeSection(TicketQueueModel::KindColumn, fm.horizontalAdvance(tr("Suggestion")) + 24);
    header->resizeSection(TicketQueueModel::StatusColumn, fm.horizontalAdvance(tr("Waiting for customer")) + 20);
    header->resizeSection(TicketQueueModel::CustomerColumn, fm.horizontalAdvance(QStringLiteral("欧阳明明明")) + 24);
    header->resizeSection(TicketQueueModel::QueueColumn, fm.horizontalAdvance(QStringLiteral("complaints")) + 24);
    header->resizeSection(TicketQueueModel::AssigneeColumn, fm.horizontalAdvance(QStringLiteral("欧阳明明明")) + 24);
    header->resizeSection(TicketQueueModel::SlaColumn, fm.horizontalAdvance(tr("overdue by %1").arg(tr("%1 h %2 min").arg(23).arg(59))) + 44);
    header->resizeSection(TicketQueueModel::CreatedColumn, fm.horizontalAdvance(QStringLiteral("2026-11-22 18:30")) + 24);
    header->setMinimumSectionSize(40);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("queueSummary"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("queueMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();

    // Actions.
    m_open = new QAction(tr("Open"), this);
    m_open->setObjectName(QStringLiteral("openTicketAction"));
    m_open->setToolTip(tr("Work the selected ticket (Enter or double-click)"));
    connect(m_open, &QAction::triggered, this, [this] {
        const QString id = currentTicketId();
        if (!id.isEmpty())
            emit openTicketRequested(id);
    });
    m_take = new QAction(tr("Take"), this);
    m_take->setObjectName(QStringLiteral("takeTicketAction"));
    m_take->setToolTip(tr("Assign the selected ticket to yourself"));
    m_take->setVisible(m_session.can(Permission::TakeTickets));
    connect(m_take, &QAction::triggered, this, [this] { takeSelected(); });
    m_assign = new QAction(tr("Assign…"), this);
    m_assign->setObjectName(QStringLiteral("assignTicketAction"));
    m_assign->setToolTip(tr("Give the selected tickets to an agent"));
    m_assign->setVisible(m_session.can(Permission::AssignTickets));
    connect(m_assign, &QAction::triggered, this, &TicketQueuePage::assignSelected);
    m_autoRoundRobin = new QAction(tr("Round robin"), this);
    m_autoRoundRobin->setObjectName(QStringLiteral("autoAssignRoundRobinAction"));
    m_autoRoundRobin->setToolTip(tr("Each ticket to the next agent of its queue in turn"));
    connect(m_autoRoundRobin, &QAction::triggered, this,
            [this] { autoAssignSelected(AssignmentService::Strategy::RoundRobin); });
    m_autoLeastLoaded = new QAction(tr("Least loaded"), this);
    m_autoLeastLoaded->setObjectName(QStringLiteral("autoAssignLeastLoadedAction"));
    m_autoLeastLoaded->setToolTip(tr("Each ticket to the agent of its queue with the fewest open tickets"));
    connect(m_autoLeastLoaded, &QAction::triggered, this,
            [this] { autoAssignSelected(AssignmentService::Strategy::LeastLoaded); });
    auto* autoMenu = new QMenu(this);
    autoMenu->addAction(m_autoRoundRobin);
    autoMenu->addAction(m_autoLeastLoaded);
    m_autoButton = new QToolButton(this);
    m_autoButton->setObjectName(QStringLiteral("autoAssignButton"));
    m_autoButton->setText(tr("Auto-assign"));
    m_autoButton->setToolTip(tr("Give the selected unassigned tickets out automatically"));
    m_autoButton->setPopupMode(QToolButton::InstantPopup);
    m_autoButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_autoButton->setMenu(autoMenu);

    // Supervisors hear about escalations here: a bell with the count not yet seen and a menu of them.
    m_escalation->setFiringAgent(m_session.agentId);
    m_escalations = new QToolButton(this);
    m_escalations->setObjectName(QStringLiteral("escalationButton"));
    m_escalations->setPopupMode(QToolButton::InstantPopup);
    m_escalations->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_escalations->setMenu(new QMenu(m_escalations));

    auto* actions = new QToolBar(this);
    actions->setObjectName(QStringLiteral("queueActions"));
    actions->setToolButtonStyle(Qt::ToolButtonTextOnly);
    actions->addAction(m_open);
    actions->addAction(m_take);
    actions->addAction(m_assign);
    // In a tool bar a widget shows or hides through the action that holds it.
    actions->addWidget(m_autoButton)->setVisible(m_session.can(Permission::AssignTickets));
    actions->addSeparator()->setVisible(m_session.can(Permission::ManageQueues));
    actions->addWidget(m_escalations)->setVisible(m_session.can(Permission::ManageQueues));

    // Layout: title and scopes, filters, table, summary and message.
    auto* top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(title);
    top->addWidget(m_scopes);
    top->addStretch(1);
    top->addWidget(actions);
    auto* filters = new QHBoxLayout;
    filters->setSpacing(8);
    filters->addWidget(m_search, 3);
    filters->addWidget(m_kind);
    filters->addWidget(m_priority);
    filters->addWidget(m_includeClosed);
    filters->addStretch(1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_summary);
    bottom->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    layout->addLayout(bottom);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &TicketQueuePage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        applyFilter();
    });
    connect(m_scopes, &QTabBar::currentChanged, this, &TicketQueuePage::applyFilter);
    connect(m_kind, qOverload<int>(&QComboBox::currentIndexChanged), this, &TicketQueuePage::applyFilter);
    connect(m_priority, qOverload<int>(&QComboBox::currentIndexChanged), this, &TicketQueuePage::applyFilter);
    connect(m_includeClosed, &QCheckBox::toggled, this, &TicketQueuePage::applyFilter);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        const QString id = m_model->ticketId(index.row());
        if (!id.isEmpty())
            emit openTicketRequested(id);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TicketQueuePage::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &TicketQueuePage::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TicketQueuePage::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TicketQueuePage::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TicketQueuePage::updateSummary);

    m_second = new QTimer(this);
    m_second->setInterval(1000);
    connect(m_second, &QTimer::timeout, this, &TicketQueuePage::tick);
    m_housekeeper = new TicketHousekeeper(m_store, m_clock, this);
    m_housekeeper->setFiringAgent(m_session.agentId);
    // Only desktops that work tickets fire rules; a clerk's would write rows for tickets it never works.
    m_housekeeper->setEvaluatesEscalations(m_session.can(Permission::TakeTickets));
    connect(m_housekeeper, &TicketHousekeeper::passFinished, this, &TicketQueuePage::onPassFinished);
    updateActions();
}

TicketQueuePage::~TicketQueuePage()
{
    // The worker uses the store and the clock: it stops before they may go.
    m_housekeeper->stop();
}

qint64 TicketQueuePage::nowMs() const
{
    return m_clock.nowMs();
}

Status TicketQueuePage::load()
{
    QElapsedTimer timer;
    timer.start();
    const qint64 now = nowMs();
    const Result<int> computed = m_sla->recomputeAll(now);
    qCDebug(lcServices) << "ticket queue: SLA recomputed in" << timer.restart() << "ms";
    if (!computed)
        showMessage(tr("The SLA clocks could not be computed: %1").arg(computed.errorMessage()), true);
    m_model->setNow(now);
    m_delegate->setNow(now);
    m_loaded = true;
    // The table sorts by SLA due at first; a header click sorts by the column's key.
    m_view->setSortingEnabled(false);
    m_view->horizontalHeader()->setSortIndicator(TicketQueueModel::SlaColumn, Qt::AscendingOrder);
    m_model->setSortKey(TicketQueueModel::SortKey::SlaDue, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    applyFilter();
    qCDebug(lcServices) << "ticket queue: first page and counts read in" << timer.restart() << "ms";
    updateEscalations();
    m_second->start();
    // The escalation rules take a while on a large queue: the agent works meanwhile.
    m_housekeeper->start();
    if (!m_model->lastError().message.isEmpty())
        return m_model->lastError();
    return computed ? Status::success() : Status(computed.error());
}

void TicketQueuePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loaded)
        load();
}

TicketQueueFilter TicketQueuePage::filterFromControls() const
{
    TicketQueueFilter filter;
    filter.scope = Scope(std::max(0, m_scopes->currentIndex()));
    filter.search = m_search->text().trimmed();
    const QString kind = m_kind->currentData().toString();
    if (!kind.isEmpty())
        filter.kinds << kind;
    const int priority = m_priority->currentData().toInt();
    if (priority > 0)
        filter.priorities << priority;
    filter.includeClosed = m_includeClosed->isChecked();
    return filter;
}

void TicketQueuePage::applyFilter()
{
    if (!m_loaded)
        return;
    const QString keep = currentTicketId();
    const TicketQueueFilter filter = filterFromControls();
    if (filter != m_model->filter() || m_model->rowCount() == 0)
        m_model->setFilter(filter);
    if (!m_model->lastError().message.isEmpty())
        showMessage(tr("The queue cannot be read: %1").arg(m_model->lastError().message), true);
    // The agent's ticket stays selected when it is still shown; else the first row, so that Enter opens
    // the most urgent ticket at once.
    if (keep.isEmpty() || !selectTicket(keep)) {
        if (m_model->rowCount() > 0)
            selectTicket(m_model->ticketId(0));
        else
            m_view->selectionModel()->clearSelection();
    }
    updateCounts();
    updateSummary();
    updateActions();
}

void TicketQueuePage::updateCounts()
{
    if (!m_loaded)
        return;
    const TicketQueueFilter base = m_model->filter();
    for (int i = 0; i < kScopeCount; ++i) {
        if (Scope(i) == base.scope) {
            m_counts[i] = m_model->rowCount();
        } else {
            TicketQueueFilter f = base;
            f.scope = Scope(i);
            m_counter->setFilter(f);
            m_counts[i] = m_counter->lastError().message.isEmpty() ? m_counter->rowCount() : -1;
        }
        //: A scope tab of the ticket queue; %1 its name, %2 how many tickets it holds
        m_scopes->setTabText(i, m_counts[i] < 0 ? scopeTitle(Scope(i))
                                                : tr("%1 (%2)").arg(scopeTitle(Scope(i))).arg(m_counts[i]));
    }
}

int TicketQueuePage::scopeCount(TicketQueueFilter::Scope scope) const
{
    return m_counts.value(int(scope), -1);
}

void TicketQueuePage::updateSummary()
{
    const int rows = m_model->rowCount();
    m_summary->setText(rows == 0 ? tr("No tickets match.") : tr("%n ticket(s)", nullptr, rows));
    if (m_loaded && Scope(m_scopes->currentIndex()) == m_model->filter().scope && m_counts.size() == kScopeCount) {
        const int i = m_scopes->currentIndex();
        if (i >= 0 && m_counts[i] != rows) {
            m_counts[i] = rows;
            m_scopes->setTabText(i, tr("%1 (%2)").arg(scopeTitle(Scope(i))).arg(rows));
        }
    }
}

void TicketQueuePage::setScope(TicketQueueFilter::Scope scope)
{
    m_scopes->setCurrentIndex(int(scope));
}

TicketQueueFilter::Scope TicketQueuePage::scope() const
{
    return Scope(m_scopes->currentIndex());
}

void TicketQueuePage::setSearchText(const QString& text)
{
    m_search->setText(text);
    m_searchDelay->stop();
    applyFilter();
}

QString TicketQueuePage::currentTicketId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (current.isValid() && m_view->selectionModel()->isRowSelected(current.row(), QModelIndex()))
        return m_model->ticketId(current.row());
    const QStringList selected = selectedTicketIds();
    return selected.isEmpty() ? QString() : selected.first();
}

QStringList TicketQueuePage::selectedTicketIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        const QString id = m_model->ticketId(index.row());
        if (!id.isEmpty())
            ids << id;
    }
    return ids;
}

bool TicketQueuePage::selectTicket(const QString& ticketId)
{
    const int row = m_model->rowOfTicket(ticketId);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->index(row, TicketQueueModel::NumberColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void TicketQueuePage::updateActions()
{
    const int selected = m_view->selectionModel()->selectedRows().size();
    m_open->setEnabled(selected == 1);
    m_take->setEnabled(selected == 1 && m_session.can(Permission::TakeTickets));
    m_assign->setEnabled(selected >= 1 && m_session.can(Permission::AssignTickets));
    m_autoButton->setEnabled(selected >= 1 && m_session.can(Permission::AssignTickets));
}

void TicketQueuePage::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #b3261e; }") : QStringLiteral("QLabel { color: #137333; }"));
    m_message->setVisible(!text.isEmpty());
}

QString TicketQueuePage::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void TicketQueuePage::afterWrite(const QStringList& ids, const QString& done)
{
    ticketsWritten(ids);
    showMessage(done, false);
    emit localChangeWritten();
}

void TicketQueuePage::ticketsWritten(const QStringList& ticketIds)
{
    if (ticketIds.isEmpty() || !m_loaded)
        return;
    const Status sla = m_sla->recompute(ticketIds, nowMs());
    if (!sla)
        qCWarning(lcServices) << "SLA recompute:" << sla.errorMessage();
    const Status changed = m_model->ticketsChanged(ticketIds);
    if (!changed)
        showMessage(tr("The queue cannot be read: %1").arg(changed.errorMessage()), true);
    // The escalation rules for them (a new complaint may be a repeat one), off the GUI thread.
    m_housekeeper->ticketsTouched(ticketIds);
    updateCounts();
    updateSummary();
    updateActions();
}

Status TicketQueuePage::takeSelected()
{
    const QStringList ids = selectedTicketIds();
    if (ids.isEmpty())
        return Status::success();
    const AssignmentService service(m_store, m_clock);
    QStringList written;
    for (const QString& id : ids) {
        const Status taken = service.take(id, m_session);
        if (!taken) {
            ticketsWritten(written);
            showMessage(taken.errorMessage(), true);
            return taken;
        }
        written << id;
    }
    afterWrite(written, tr("%n ticket(s) assigned to you.", nullptr, int(written.size())));
    return Status::success();
}

Status TicketQueuePage::assignSelectedTo(const QString& agentId)
{
    const QStringList ids = selectedTicketIds();
    if (ids.isEmpty())
        return Status::success();
    const Status assigned = AssignmentService(m_store, m_clock).assignBulk(ids, agentId, m_session);
    if (!assigned) {
        showMessage(assigned.errorMessage(), true);
        return assigned;
    }
    afterWrite(ids, tr("%n ticket(s) assigned.", nullptr, int(ids.size())));
    return Status::success();
}

void TicketQueuePage::assignSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QStringList queues;
    for (const QModelIndex& index : rows) {
        const QModelIndex queue = m_model->index(index.row(), TicketQueueModel::QueueColumn);
        QString code = m_model->data(queue, ItemRoles::CodeRole).toString();
        if (code.isEmpty())
            code = m_model->data(queue, Qt::DisplayRole).toString();
        queues << code;
    }
    AssignTicketDialog dialog(m_store, queues, int(rows.size()), this);
    if (dialog.exec() != QDialog::Accepted || dialog.agentId().isEmpty())
        return;
    assignSelectedTo(dialog.agentId());
}

Status TicketQueuePage::autoAssignSelected(AssignmentService::Strategy strategy)
{
    const QStringList ids = selectedTicketIds();
    if (ids.isEmpty())
        return Status::success();
    const AssignmentService service(m_store, m_clock);
    QStringList written;
    for (const QString& id : ids) {
        const Result<QString> picked = service.autoAssign(id, strategy, m_session);
        if (!picked) {
            ticketsWritten(written);
            showMessage(picked.errorMessage(), true);
            return picked.error();
        }
        written << id;
    }
    afterWrite(written, tr("%n ticket(s) assigned automatically.", nullptr, int(written.size())));
    return Status::success();
}

void TicketQueuePage::refreshFromSync(const QStringList& tables)
{
    if (!m_loaded)
        return;
    const bool tickets = tables.contains(QStringLiteral("ticket")) || tables.contains(QStringLiteral("ticket_event"));
    const bool catalog = tables.contains(QStringLiteral("sla_policy")) || tables.contains(QStringLiteral("sla_calendar"))
        || tables.contains(QStringLiteral("sla_calendar_hours")) || tables.contains(QStringLiteral("sla_calendar_day"))
        || tables.contains(QStringLiteral("workflow_state"));
    if (catalog) {
        const Status reloaded = m_sla->reload();
        if (!reloaded)
            qCWarning(lcServices) << "SLA catalog:" << reloaded.errorMessage();
    }
    if (tables.contains(QStringLiteral("ticket_escalation")) || tables.contains(QStringLiteral("ticket_escalation_ack")))
        updateEscalations();
    if (tickets || catalog || tables.contains(QStringLiteral("customer")) || tables.contains(QStringLiteral("agent"))) {
        // What the pull wrote shows at once, in place; the clocks and the rules follow from the worker.
        const Status refreshed = m_model->refresh();
        if (!refreshed)
            qCWarning(lcServices) << "refresh after sync:" << refreshed.errorMessage();
        updateCounts();
        updateSummary();
        updateActions();
        m_housekeeper->requestFullPass();
    }
}

void TicketQueuePage::onPassFinished(const QStringList& changedTicketIds, int escalationsWritten,
                                     const QStringList& failures, bool full)
{
    for (const QString& failure : failures)
        qCWarning(lcServices) << "ticket housekeeping:" << failure;
    const qint64 now = nowMs();
    m_model->setNow(now);
    m_delegate->setNow(now);
    // A full pass may have moved any ticket's clock: re-read in place (selection and scroll stay); a pass
    // over some tickets re-reads those.
    const Status reread = full ? m_model->refresh() : m_model->ticketsChanged(changedTicketIds);
    if (!reread)
        qCWarning(lcServices) << "queue after housekeeping:" << reread.errorMessage();
    updateCounts();
    updateSummary();
    updateActions();
    updateEscalations();
    if (escalationsWritten > 0)
        emit localChangeWritten();
    ++m_passesShown;
    emit backgroundDone();
}

void TicketQueuePage::updateEscalations()
{
    if (!m_session.can(Permission::ManageQueues))
        return;
    const Result<int> unseen = m_escalation->unseenCount(m_session);
    const Result<QVector<Escalation>> pending = m_escalation->pendingFor(m_session);
    m_unseen = unseen ? unseen.value() : -1;
    //: The supervisor's escalation bell; %1 escalations not yet seen
    m_escalations->setText(m_unseen > 0 ? tr("Escalations (%1)").arg(m_unseen) : tr("Escalations"));
    m_escalations->setStyleSheet(m_unseen > 0 ? QStringLiteral("QToolButton { color: #b3261e; font-weight: bold; }")
                                              : QString());
    m_escalations->setToolTip(unseen ? tr("Tickets escalated to you that you have not looked at yet")
                                     : unseen.errorMessage());
    QMenu* menu = m_escalations->menu();
    menu->clear();
    if (!pending || pending->isEmpty()) {
        QAction* none = menu->addAction(pending ? tr("No escalations waiting") : pending.errorMessage());
        none->setEnabled(false);
        return;
    }
    QStringList ids;
    for (const Escalation& e : pending.value()) {
        //: A pending escalation in the menu; %1 ticket number, %2 title, %3 the rule that fired
        QAction* item = menu->addAction(tr("%1 %2 — %3").arg(e.ticketNo, e.ticketTitle.left(40), e.ruleName));
        QFont font = item->font();
        font.setBold(!e.seen);
        item->setFont(font);
        item->setToolTip(e.detail);
        const QString ticketId = e.ticketId;
        const QString escalationId = e.id;
        connect(item, &QAction::triggered, this, [this, ticketId, escalationId] {
            const Status seen = m_escalation->markSeen(m_session, {escalationId});
            if (!seen)
                qCWarning(lcServices) << "escalation seen:" << seen.errorMessage();
            updateEscalations();
            emit openTicketRequested(ticketId);
        });
        ids << e.id;
    }
    menu->addSeparator();
    QAction* all = menu->addAction(tr("Mark all as seen"));
    connect(all, &QAction::triggered, this, [this, ids] {
        const Status seen = m_escalation->markSeen(m_session, ids);
        if (!seen)
            showMessage(seen.errorMessage(), true);
        updateEscalations();
    });
}

void TicketQueuePage::tick()
{
    const qint64 now = nowMs();
    m_model->setNow(now);
    m_delegate->setNow(now);
    m_view->viewport()->update();
}

} // namespace telcodesk
