#include "tickets/TicketEditor.h"

#include "kb/KbSuggestionPanel.h"

#include "Labels.h"
#include "itemmodels/DisplayFormat.h"
#include "security/Masking.h"
#include "services/Customer360Service.h"
#include "tickets/AssignTicketDialog.h"
#include "tickets/AssignmentService.h"
#include "tickets/CannedReplies.h"
#include "tickets/EscalationService.h"
#include "tickets/FieldDispatch.h"
#include "tickets/SlaDelegate.h"
#include "tickets/SlaService.h"
#include "tickets/TicketFormat.h"
#include "tickets/TransitionDialog.h"
#include "tickets/WorkflowService.h"

#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTextBrowser>
#include <QMessageBox>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace telcodesk {

namespace {

QLabel* valueLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* captionLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; }"));
    return label;
}

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QString uiLanguage()
{
    return QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

SlaDelegate::Look lookOf(SlaState state)
{
    switch (state) {
    case SlaState::Running:
        return SlaDelegate::Look::Running;
    case SlaState::Paused:
        return SlaDelegate::Look::Paused;
    case SlaState::NearBreach:
        return SlaDelegate::Look::NearBreach;
    case SlaState::Breached:
        return SlaDelegate::Look::Breached;
    case SlaState::Met:
        return SlaDelegate::Look::Met;
    case SlaState::MetLate:
        return SlaDelegate::Look::MetLate;
    }
    return SlaDelegate::Look::None;
}

QString clockText(const SlaClockState& clock)
{
    const QString state = SlaClock::stateName(clock.state);
    if (clock.stopped)
        //: An SLA clock that has stopped; %1 its state ("Met"), %2 when it stopped
        return TicketEditor::tr("%1 · %2").arg(state, DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(clock.stoppedAt, QTimeZone::utc())));
    //: A running SLA clock; %1 its state, %2 the working time left ("2 h 05 min left"), %3 when it is due
    return TicketEditor::tr("%1 · %2 · due %3")
        .arg(state, TicketFormat::remaining(clock.remainingMs),
             DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(clock.dueUtcMs, QTimeZone::utc())));
}

QString eventTitle(const TicketEvent& e)
{
    if (e.kind == QLatin1String("reply"))
        return TicketEditor::tr("Reply to the customer");
    if (e.kind == QLatin1String("comment"))
        return TicketEditor::tr("Internal note");
    if (e.kind == QLatin1String("transition"))
        //: A workflow step in the history; %1 from status, %2 to status
        return TicketEditor::tr("Status: %1 → %2")
            .arg(e.fromStatus.isEmpty() ? TicketEditor::tr("(none)") : Labels::label(CodeDomain::TicketStatus, e.fromStatus),
                 Labels::label(CodeDomain::TicketStatus, e.toStatus));
    if (e.kind == QLatin1String("pause"))
        return TicketEditor::tr("SLA paused");
    if (e.kind == QLatin1String("resume"))
        return TicketEditor::tr("SLA resumed");
    if (e.kind == QLatin1String("assignment"))
        return TicketEditor::tr("Assignment");
    return e.kind;
}

QColor eventColor(const QString& kind)
{
    if (kind == QLatin1String("reply"))
        return QColor(0xe8, 0xf0, 0xfe); // blue: the customer sees it
    if (kind == QLatin1String("comment"))
        return QColor(0xfe, 0xf7, 0xe0); // yellow: internal only
    if (kind == QLatin1String("pause") || kind == QLatin1String("resume"))
        return QColor(0xf3, 0xe8, 0xfd);
    if (kind == QLatin1String("assignment"))
        return QColor(0xe6, 0xf4, 0xea);
    return QColor(0xf1, 0xf3, 0xf4);
}

} // namespace

TicketEditor::TicketEditor(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
    , m_sla(std::make_unique<SlaService>(m_store))
{
    setObjectName(QStringLiteral("ticketEditor"));

    auto* back = new QPushButton(tr("← Back to the queue"), this);
    back->setObjectName(QStringLiteral("backToQueueButton"));
    back->setFlat(true);
    back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    connect(back, &QPushButton::clicked, this, &TicketEditor::backRequested);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("ticketTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);

    auto* headerBox = new QFrame(this);
    headerBox->setObjectName(QStringLiteral("ticketHeader"));
    headerBox->setFrameShape(QFrame::StyledPanel);
    buildHeader(headerBox);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("editorMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();

    m_history = new QTextBrowser(this);
    m_history->setObjectName(QStringLiteral("ticketHistory"));
    m_history->setOpenLinks(false);
    m_history->setFocusPolicy(Qt::NoFocus);

    m_canned = new QComboBox(this);
    m_canned->setObjectName(QStringLiteral("cannedReplies"));
    m_canned->setMinimumWidth(220);
    connect(m_canned, qOverload<int>(&QComboBox::activated), this, &TicketEditor::insertCannedReply);
    m_reply = new QPlainTextEdit(this);
    m_reply->setObjectName(QStringLiteral("replyEdit"));
    m_reply->setPlaceholderText(tr("Write to the customer, or a note for colleagues"));
    m_reply->setTabChangesFocus(true);
    m_reply->setMinimumHeight(90);
    m_reply->setMaximumHeight(160);
    m_replyButton = new QPushButton(tr("Reply to customer"), this);
    m_replyButton->setObjectName(QStringLiteral("replyButton"));
    m_replyButton->setToolTip(tr("The customer sees this reply (Ctrl+Enter)"));
    m_replyButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_replyButton->setDefault(true);
    connect(m_replyButton, &QPushButton::clicked, this, [this] { sendReply(); });
    m_noteButton = new QPushButton(tr("Internal note"), this);
    m_noteButton->setObjectName(QStringLiteral("noteButton"));
    m_noteButton->setToolTip(tr("Only agents see this note"));
    connect(m_noteButton, &QPushButton::clicked, this, [this] { addInternalNote(); });

    auto* replyBar = new QHBoxLayout;
    replyBar->addWidget(captionLabel(tr("Canned reply:"), this));
    replyBar->addWidget(m_canned);
    replyBar->addStretch(1);
    replyBar->addWidget(m_noteButton);
    replyBar->addWidget(m_replyButton);

    auto* work = new QWidget(this);
    auto* workLayout = new QVBoxLayout(work);
    workLayout->setContentsMargins(0, 0, 0, 0);
    workLayout->setSpacing(6);
    workLayout->addWidget(headerBox);
    workLayout->addWidget(m_message);
    workLayout->addWidget(sectionTitle(tr("History"), work));
    workLayout->addWidget(m_history, 1);
    workLayout->addWidget(m_reply);
    workLayout->addLayout(replyBar);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    split->addWidget(work);
    // Beside the work: the customer, and the knowledge base's articles for this ticket.
    auto* side = new QWidget(split);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->setSpacing(8);
    sideLayout->addWidget(buildCustomerBox());
    m_kbPanel = new KbSuggestionPanel(m_store, m_session, m_clock, side);
    connect(m_kbPanel, &KbSuggestionPanel::openArticleRequested, this, &TicketEditor::openArticleRequested);
    connect(m_kbPanel, &KbSuggestionPanel::linksChanged, this, &TicketEditor::ticketWritten);
    sideLayout->addWidget(m_kbPanel, 1);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({3000, 1000});

    auto* top = new QHBoxLayout;
    top->addWidget(back);
    top->addWidget(m_title, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    // The clocks move while the agent works: their words are refreshed every half minute.
    m_clockTimer = new QTimer(this);
    m_clockTimer->setInterval(30 * 1000);
    connect(m_clockTimer, &QTimer::timeout, this, &TicketEditor::updateClocks);
}

TicketEditor::~TicketEditor() = default;

void TicketEditor::buildHeader(QWidget* box)
{
    m_number = valueLabel(QStringLiteral("ticketNumber"), box);
    m_kind = valueLabel(QStringLiteral("ticketKind"), box);
    m_status = valueLabel(QStringLiteral("ticketStatus"), box);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_queue = valueLabel(QStringLiteral("ticketQueue"), box);
    m_assignee = valueLabel(QStringLiteral("ticketAssignee"), box);
    m_assignee->setMinimumWidth(m_assignee->fontMetrics().horizontalAdvance(QStringLiteral("欧阳明明明")));
    m_channel = valueLabel(QStringLiteral("ticketChannel"), box);
    m_created = valueLabel(QStringLiteral("ticketCreated"), box);
    m_firstResponse = valueLabel(QStringLiteral("firstResponseClock"), box);
    m_resolution = valueLabel(QStringLiteral("resolutionClock"), box);
    m_description = valueLabel(QStringLiteral("ticketDescription"), box);
    m_description->setWordWrap(true);

    m_priority = new QComboBox(box);
    m_priority->setObjectName(QStringLiteral("priorityBox"));
    for (const QString& code : Labels::codes(CodeDomain::TicketPriority))
        m_priority->addItem(Labels::label(CodeDomain::TicketPriority, code), code.toInt());
    m_priorityButton = new QPushButton(tr("Change…"), box);
    m_priorityButton->setObjectName(QStringLiteral("changePriorityButton"));
    m_priorityButton->setToolTip(tr("Set the priority chosen on the left, with a reason kept as a note"));
    connect(m_priorityButton, &QPushButton::clicked, this, &TicketEditor::askPriority);
    m_takeButton = new QPushButton(tr("Take"), box);
    m_takeButton->setObjectName(QStringLiteral("takeButton"));
    m_takeButton->setVisible(m_session.can(Permission::TakeTickets));
    connect(m_takeButton, &QPushButton::clicked, this, [this] { takeTicket(); });
    m_assignButton = new QPushButton(tr("Assign…"), box);
    m_assignButton->setObjectName(QStringLiteral("assignButton"));
    m_assignButton->setVisible(m_session.can(Permission::AssignTickets));
    connect(m_assignButton, &QPushButton::clicked, this, &TicketEditor::askAssign);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(6);
    int row = 0;
    grid->addWidget(captionLabel(tr("Number"), box), row, 0);
    grid->addWidget(m_number, row, 1);
    grid->addWidget(captionLabel(tr("Kind"), box), row, 2);
    grid->addWidget(m_kind, row, 3);
    grid->addWidget(captionLabel(tr("Channel"), box), row, 4);
    grid->addWidget(m_channel, row, 5);
    ++row;
    grid->addWidget(captionLabel(tr("Status"), box), row, 0);
    grid->addWidget(m_status, row, 1);
    grid->addWidget(captionLabel(tr("Priority"), box), row, 2);
    auto* priority = new QHBoxLayout;
    priority->addWidget(m_priority);
    priority->addWidget(m_priorityButton);
    priority->addStretch(1);
    grid->addLayout(priority, row, 3);
    grid->addWidget(captionLabel(tr("Created"), box), row, 4);
    grid->addWidget(m_created, row, 5);
    ++row;
    grid->addWidget(captionLabel(tr("Queue"), box), row, 0);
    grid->addWidget(m_queue, row, 1);
    grid->addWidget(captionLabel(tr("Assignee"), box), row, 2);
    auto* assignee = new QHBoxLayout;
    assignee->addWidget(m_assignee);
    assignee->addWidget(m_takeButton);
    assignee->addWidget(m_assignButton);
    assignee->addStretch(1);
    grid->addLayout(assignee, row, 3, 1, 3);
    ++row;
    grid->addWidget(captionLabel(tr("First response"), box), row, 0);
    grid->addWidget(m_firstResponse, row, 1, 1, 5);
    ++row;
    grid->addWidget(captionLabel(tr("Resolution"), box), row, 0);
    grid->addWidget(m_resolution, row, 1, 1, 5);
    ++row;
    grid->addWidget(captionLabel(tr("Description"), box), row, 0, Qt::AlignTop);
    grid->addWidget(m_description, row, 1, 1, 5);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 1);

    m_stepsLayout = new QHBoxLayout;
    m_stepsLayout->setSpacing(6);
    m_stepsLayout->addWidget(captionLabel(tr("Next step:"), box));
    m_stepsLayout->addStretch(1);

    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addLayout(grid);
    layout->addLayout(m_stepsLayout);
}

QWidget* TicketEditor::buildCustomerBox()
{
    auto* box = new QFrame(this);
    box->setObjectName(QStringLiteral("customerSummary"));
    box->setFrameShape(QFrame::StyledPanel);
    box->setMinimumWidth(240);
    m_customerName = new QLabel(box);
    m_customerName->setObjectName(QStringLiteral("customerName"));
    m_customerName->setTextFormat(Qt::PlainText);
    QFont font = m_customerName->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    m_customerName->setFont(font);
    m_customerFacts = new QLabel(box);
    m_customerFacts->setObjectName(QStringLiteral("customerFacts"));
    m_customerFacts->setTextFormat(Qt::PlainText);
    m_customerFacts->setWordWrap(true);
    m_openCustomer = new QLabel(box);
    m_openCustomer->setObjectName(QStringLiteral("openCustomerLink"));
    m_openCustomer->setTextFormat(Qt::RichText);
    m_openCustomer->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_openCustomer->setText(QStringLiteral("<a href=\"open\">%1</a>").arg(tr("Open full 360° view").toHtmlEscaped()));
    connect(m_openCustomer, &QLabel::linkActivated, this, [this] {
        if (!m_detail.ticket.customerId.isEmpty())
            emit openCustomerRequested(m_detail.ticket.customerId);
    });

    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(8);
    layout->addWidget(sectionTitle(tr("Customer"), box));
    layout->addWidget(m_customerName);
    layout->addWidget(m_customerFacts);
    layout->addWidget(m_openCustomer);
    return box;
}

Status TicketEditor::showTicket(const QString& ticketId)
{
    Result<TicketDetail> loaded = TicketService(m_store, m_session, m_clock).load(ticketId);
    if (!loaded)
        return loaded.error();
    const bool other = loaded->ticket.id != m_detail.ticket.id;
    m_detail = std::move(loaded).value();
    if (other) {
        m_reply->clear();
        showMessage(QString(), false);
    }
    fill();
    m_clockTimer->start();
    return Status::success();
}

Status TicketEditor::reload()
{
    if (m_detail.ticket.id.isEmpty())
        return Status::success();
    return showTicket(m_detail.ticket.id);
}

void TicketEditor::fill()
{
    const Ticket& t = m_detail.ticket;
    //: Editor title; %1 ticket number, %2 its title
    m_title->setText(tr("%1 · %2").arg(t.ticketNo, t.title));
    m_number->setText(t.ticketNo);
    m_kind->setText(Labels::label(CodeDomain::TicketKind, t.kind));
    m_status->setText(Labels::label(CodeDomain::TicketStatus, t.status));
    m_queue->setText(t.queue.isEmpty() ? tr("(none)") : Labels::label(CodeDomain::TicketQueue, t.queue));
    m_assignee->setText(t.assigneeId.isEmpty() ? tr("Unassigned")
                                               : (m_detail.assigneeName.isEmpty() ? t.assigneeId : m_detail.assigneeName));
    m_channel->setText(Labels::label(CodeDomain::Channel, t.channel));
    m_created->setText(DisplayFormat::dateTime(t.createdAt));
    m_description->setText(t.description.isEmpty() ? tr("(no description)") : t.description);
    // The panel searches at once for a ticket just opened, and after a pause when the same one is re-read.
    const bool otherTicket = m_kbPanel->ticketId() != t.id;
    m_kbPanel->setTicket(t.id, t.ticketNo);
    m_kbPanel->setContextText(t.title + QLatin1Char('\n') + t.description, otherTicket);
    const int priorityIndex = m_priority->findData(t.priority);
    m_priority->setCurrentIndex(priorityIndex);
    const bool closed = t.closedAt.isValid() || t.status == QLatin1String("closed");
    m_priorityButton->setEnabled(!closed && m_session.can(Permission::LogInteraction));
    m_priority->setEnabled(m_priorityButton->isEnabled());
    m_takeButton->setEnabled(!closed);
    m_takeButton->setVisible(m_session.can(Permission::TakeTickets) && t.assigneeId != m_session.agentId);
    m_assignButton->setEnabled(!closed);
    m_replyButton->setEnabled(m_session.can(Permission::LogInteraction));
    m_noteButton->setEnabled(m_session.can(Permission::LogInteraction));

    // The customer's summary.
    m_customerName->setText(m_detail.customerName);
    const Result<Customer360> customer = Customer360Service(m_store).load(t.customerId);
    QStringList facts;
    if (customer) {
        const Customer& c = customer->customer;
        facts << tr("%1 · %2").arg(Labels::label(CodeDomain::CustomerType, c.type), Labels::label(CodeDomain::Tier, c.tier));
        if (!c.primaryMsisdn.isEmpty())
            facts << Masking::msisdn(c.primaryMsisdn);
        if (!m_detail.msisdn.isEmpty() && m_detail.msisdn != c.primaryMsisdn)
            //: The line a ticket is about; %1 masked number
            facts << tr("About line %1").arg(Masking::msisdn(m_detail.msisdn));
        if (!c.segment.isEmpty())
            facts << Labels::label(CodeDomain::Segment, c.segment);
        if (c.tenureStart.isValid())
            facts << tr("Customer since %1").arg(DisplayFormat::date(c.tenureStart));
        int open = 0;
        for (const Ticket& other : customer->tickets)
            open += other.isOpen() ? 1 : 0;
        m_customerOpenTickets = open;
        facts << tr("%n open ticket(s)", nullptr, open);
        const int overdue = int(std::count_if(customer->bills.cbegin(), customer->bills.cend(),
                                              [](const Bill& b) { return b.status == QLatin1String("overdue"); }));
        if (overdue > 0)
            facts << tr("%n overdue bill(s)", nullptr, overdue);
    } else {
        facts << customer.errorMessage();
    }
    m_customerFacts->setText(facts.join(QLatin1Char('\n')));

    fillHistory();
    fillSteps();
    fillCanned();
    updateClocks();
}

void TicketEditor::fillHistory()
{
    // One block per event on a ground that says what it is: blue for what the customer sees, yellow
    // for internal notes, grey for steps, violet for pauses, green for assignments.
    QString html;
    m_historyTexts.clear();
    for (const TicketEvent& e : std::as_const(m_detail.events)) {
        const QString who = e.agentName.isEmpty() ? (e.agentId.isEmpty() ? tr("System") : e.agentId) : e.agentName;
        //: A line of a ticket's history; %1 time, %2 who, %3 what happened
        const QString heading = tr("%1 · %2 · %3")
                                    .arg(DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(e.at, QTimeZone::utc())),
                                         who, eventTitle(e));
        m_historyTexts << (e.body.isEmpty() ? heading : heading + QLatin1Char('\n') + e.body);
        html += QStringLiteral("<table width=\"100%\" cellpadding=\"6\" cellspacing=\"0\" style=\"margin-bottom:4px\">"
                               "<tr><td bgcolor=\"%1\"><span style=\"color:#5f6368\">%2</span>")
                    .arg(eventColor(e.kind).name(), heading.toHtmlEscaped());
        if (!e.body.isEmpty())
            html += QStringLiteral("<br/><span style=\"color:#202124\">%1</span>")
                        .arg(e.body.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>")));
        html += QStringLiteral("</td></tr></table>");
    }
    m_history->setHtml(html);
    m_history->verticalScrollBar()->setValue(m_history->verticalScrollBar()->maximum());
}

QStringList TicketEditor::historyKinds() const
{
    QStringList kinds;
    for (const TicketEvent& e : m_detail.events)
        kinds << e.kind;
    return kinds;
}

QString TicketEditor::lastHistoryText() const
{
    return m_historyTexts.isEmpty() ? QString() : m_historyTexts.last();
}

void TicketEditor::fillSteps()
{
    for (QPushButton* b : std::as_const(m_stepButtons))
        b->deleteLater();
    m_stepButtons.clear();
    m_steps.clear();
    const Result<QVector<WorkflowTransition>> allowed = WorkflowService(m_store, m_clock).allowed(m_detail.ticket.id, m_session);
    if (!allowed) {
        showMessage(allowed.errorMessage(), true);
        return;
    }
    const bool chinese = Workflow::chineseUi();
    int at = 1;
    for (const WorkflowTransition& step : allowed.value()) {
        // new -> assigned is what Take and Assign do, with the assignee they give.
        if (step.fromStatus == QLatin1String("new") && step.toStatus == QLatin1String("assigned"))
            continue;
        m_steps << step;
        auto* button = new QPushButton(step.action(chinese), this);
        button->setObjectName(QStringLiteral("step_") + step.toStatus);
        button->setProperty("toStatus", step.toStatus);
        //: Tooltip of a workflow step button; %1 the status it leads to
        button->setToolTip(tr("Moves the ticket to \"%1\"").arg(Labels::label(CodeDomain::TicketStatus, step.toStatus)));
        const WorkflowTransition copy = step;
        if (m_detail.ticket.kind == QLatin1String("fault") && step.toStatus == QLatin1String("dispatched")) {
            // A fault goes to a person: the nearest available field engineer, named on the ticket.
            button->setText(tr("Dispatch engineer…"));
            button->setToolTip(tr("Send the nearest available field engineer with the skill for this line"));
            connect(button, &QPushButton::clicked, this, &TicketEditor::askDispatch);
        } else {
            connect(button, &QPushButton::clicked, this, [this, copy] { askStep(copy); });
        }
        m_stepsLayout->insertWidget(at++, button);
        m_stepButtons << button;
    }
    // A supervisor acknowledges the escalations of this ticket that wait for them, here where the ticket is.
    if (!m_session.can(Permission::ManageQueues))
        return;
    const Result<QVector<Escalation>> pending = EscalationService(m_store, m_clock).pendingFor(m_session);
    if (!pending)
        return;
    for (const Escalation& e : pending.value()) {
        if (e.ticketId != m_detail.ticket.id)
            continue;
        auto* button = new QPushButton(tr("Acknowledge escalation…"), this);
        button->setObjectName(QStringLiteral("acknowledge_") + e.id);
        //: Tooltip; %1 the escalation rule that fired, %2 what it said
        button->setToolTip(tr("Escalated by the rule \"%1\": %2").arg(e.ruleName, e.detail));
        const QString escalationId = e.id;
        const QString ruleName = e.ruleName;
        connect(button, &QPushButton::clicked, this, [this, escalationId, ruleName] {
            bool ok = false;
            const QString note = QInputDialog::getText(this, tr("Acknowledge escalation"),
                                                       //: %1 the escalation rule that fired
                                                       tr("What will be done about \"%1\"? (optional)").arg(ruleName),
                                                       QLineEdit::Normal, QString(), &ok);
            if (ok)
                acknowledgeEscalation(escalationId, note);
        });
        m_stepsLayout->insertWidget(at++, button);
        m_stepButtons << button;
    }
}

Status TicketEditor::acknowledgeEscalation(const QString& escalationId, const QString& note)
{
    const Status done = EscalationService(m_store, m_clock).acknowledge(escalationId, note, m_session);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    afterWrite(tr("Escalation acknowledged."));
    return done;
}

void TicketEditor::fillCanned()
{
    m_canned->clear();
    m_canned->addItem(tr("Choose to insert…"), QString());
    const Result<QVector<CannedReply>> replies = CannedReplies(m_store).forKind(m_detail.ticket.kind, uiLanguage());
    if (!replies) {
        m_canned->setToolTip(replies.errorMessage());
        return;
    }
    for (const CannedReply& r : replies.value()) {
        m_canned->addItem(r.title, r.body);
        m_canned->setItemData(m_canned->count() - 1, r.body, Qt::ToolTipRole);
    }
    m_canned->setEnabled(m_canned->count() > 1);
}

void TicketEditor::insertCannedReply(int comboIndex)
{
    const QString body = m_canned->itemData(comboIndex).toString();
    if (body.isEmpty())
        return;
    m_reply->insertPlainText(CannedReplies::fill(body, m_detail.customerName, m_detail.ticket.ticketNo));
    m_canned->setCurrentIndex(0);
    m_reply->setFocus();
}

void TicketEditor::updateClocks()
{
    if (m_detail.ticket.id.isEmpty())
        return;
    const Result<SlaClockResult> clock = m_sla->clockFor(m_detail.ticket.id, m_clock.nowMs());
    const auto show = [](QLabel* label, const SlaClockState* state, const QString& fallback) {
        if (!state) {
            label->setText(fallback);
            label->setStyleSheet(QString());
            return;
        }
        label->setText(clockText(*state));
        label->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }")
                                 .arg(SlaDelegate::colorOf(lookOf(state->state)).name()));
    };
    if (!clock) {
        const QString why = clock.error().code == QLatin1String("no_policy") ? tr("No SLA applies to this kind and priority.")
                                                                              : clock.errorMessage();
        show(m_firstResponse, nullptr, why);
        show(m_resolution, nullptr, why);
        return;
    }
    show(m_firstResponse, &clock->firstResponse, QString());
    show(m_resolution, &clock->resolution, QString());
}

QString TicketEditor::firstResponseText() const
{
    return m_firstResponse->text();
}

QString TicketEditor::resolutionText() const
{
    return m_resolution->text();
}

QString TicketEditor::statusText() const
{
    return m_status->text();
}

void TicketEditor::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #b3261e; }") : QStringLiteral("QLabel { color: #137333; }"));
    m_message->setVisible(!text.isEmpty());
}

QString TicketEditor::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void TicketEditor::afterWrite(const QString& done)
{
    const QString id = m_detail.ticket.id;
    const Status shown = showTicket(id);
    showMessage(shown ? done : shown.errorMessage(), !shown);
    emit ticketWritten(id);
}

Status TicketEditor::sendReply()
{
    const Status sent = TicketService(m_store, m_session, m_clock).reply(m_detail.ticket.id, m_reply->toPlainText());
    if (!sent) {
        showMessage(sent.errorMessage(), true);
        return sent;
    }
    m_reply->clear();
    afterWrite(tr("Reply sent. The customer receives it with the next sync."));
    return sent;
}

Status TicketEditor::addInternalNote()
{
    const Status kept = TicketService(m_store, m_session, m_clock).comment(m_detail.ticket.id, m_reply->toPlainText());
    if (!kept) {
        showMessage(kept.errorMessage(), true);
        return kept;
    }
    m_reply->clear();
    afterWrite(tr("Internal note saved."));
    return kept;
}

Status TicketEditor::takeStep(const QString& toStatus, const TransitionInput& input)
{
    const Status done = WorkflowService(m_store, m_clock).transition(m_detail.ticket.id, toStatus, input, m_session);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    //: After a workflow step; %1 the new status
    afterWrite(tr("The ticket is now \"%1\".").arg(Labels::label(CodeDomain::TicketStatus, toStatus)));
    return done;
}

void TicketEditor::askStep(const WorkflowTransition& step)
{
    TransitionDialog dialog(m_store, m_session, m_detail.ticket.id, m_detail.ticket.ticketNo, step, m_clock, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    afterWrite(tr("The ticket is now \"%1\".").arg(Labels::label(CodeDomain::TicketStatus, step.toStatus)));
}

Status TicketEditor::changePriority(int priority, const QString& reason)
{
    const Status done = TicketService(m_store, m_session, m_clock).setPriority(m_detail.ticket.id, priority, reason);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    afterWrite(tr("Priority changed to %1.").arg(Labels::label(CodeDomain::TicketPriority, QString::number(priority))));
    return done;
}

void TicketEditor::askPriority()
{
    const int priority = m_priority->currentData().toInt();
    if (priority == m_detail.ticket.priority) {
        showMessage(tr("Choose another priority first."), true);
        return;
    }
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Change priority"),
                                                 tr("Why does %1 need priority %2?")
                                                     .arg(m_detail.ticket.ticketNo,
                                                          Labels::label(CodeDomain::TicketPriority, QString::number(priority))),
                                                 QLineEdit::Normal, QString(), &ok);
    if (!ok) {
        m_priority->setCurrentIndex(m_priority->findData(m_detail.ticket.priority));
        return;
    }
    changePriority(priority, reason);
}

Status TicketEditor::takeTicket()
{
    const Status done = AssignmentService(m_store, m_clock).take(m_detail.ticket.id, m_session);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    afterWrite(tr("The ticket is yours now."));
    return done;
}

Status TicketEditor::assignTo(const QString& agentId)
{
    const Status done = AssignmentService(m_store, m_clock).assign(m_detail.ticket.id, agentId, m_session);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    afterWrite(tr("The ticket was assigned."));
    return done;
}

void TicketEditor::askAssign()
{
    AssignTicketDialog dialog(m_store, {m_detail.ticket.queue}, 1, this);
    if (dialog.exec() != QDialog::Accepted || dialog.agentId().isEmpty())
        return;
    assignTo(dialog.agentId());
}

Status TicketEditor::dispatchEngineer(const QString& engineerId)
{
    const Status done = FieldDispatch(m_store, m_clock).dispatch(m_detail.ticket.id, engineerId, m_session);
    if (!done) {
        showMessage(done.errorMessage(), true);
        return done;
    }
    afterWrite(tr("A field engineer is on the way; the ticket says who."));
    return done;
}

void TicketEditor::askDispatch()
{
    const Result<EngineerChoice> choice = FieldDispatch(m_store, m_clock).suggest(m_detail.ticket.id);
    if (!choice) {
        showMessage(choice.errorMessage(), true);
        return;
    }
    const FieldEngineer& e = choice->engineer;
    QMessageBox box(QMessageBox::Question, tr("Dispatch engineer"),
                    //: %1 engineer's name, %2 phone, %3 distance in km, %4 ticket number
                    tr("Send %1 (%2), %3 km away, to %4?")
                        .arg(e.name, e.phone, QLocale().toString(choice->distanceKm, 'f', 1), m_detail.ticket.ticketNo),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.button(QMessageBox::Yes)->setText(tr("Dispatch"));
    if (box.exec() != QMessageBox::Yes)
        return;
    dispatchEngineer(e.id);
}

QStringList TicketEditor::stepTargets() const
{
    QStringList out;
    for (const WorkflowTransition& s : m_steps)
        out << s.toStatus;
    return out;
}

QPushButton* TicketEditor::stepButton(const QString& toStatus) const
{
    for (QPushButton* b : m_stepButtons)
        if (b->property("toStatus").toString() == toStatus)
            return b;
    return nullptr;
}

} // namespace telcodesk
