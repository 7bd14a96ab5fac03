#include "customer/LogInteractionDialog.h"

#include "CountedTextEdit.h"
#include "Labels.h"
#include "security/Masking.h"
#include "services/InteractionService.h"
#include "tickets/TicketService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace telcodesk {

LogInteractionDialog::LogInteractionDialog(LocalStorePtr store, const Session& session, const QString& customerId,
                                           const QString& customerName, const QVector<Subscription>& lines,
                                           const Clock& clock, QWidget* parent)
    : FormDialog(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_customerId(customerId)
    , m_clock(clock)
    , m_channel(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_direction(new QComboBox(this))
    , m_line(new QComboBox(this))
    , m_summary(new CountedTextEdit(InteractionService::kMaxSummaryChars, this))
{
    setObjectName(QStringLiteral("logInteractionDialog"));
    //: Dialog title; %1 is the customer's name
    setWindowTitle(tr("Log interaction — %1").arg(customerName));
    setMinimumWidth(560);

    for (const QString& code : Labels::codes(CodeDomain::Channel))
        m_channel->addItem(Labels::label(CodeDomain::Channel, code), code);
    for (const QString& code : Labels::codes(CodeDomain::InteractionKind))
        m_kind->addItem(Labels::label(CodeDomain::InteractionKind, code), code);
    for (const QString& code : {QStringLiteral("inbound"), QStringLiteral("outbound")})
        m_direction->addItem(Labels::label(CodeDomain::Direction, code), code);
    m_line->addItem(tr("The whole account"), QString());
    for (const Subscription& s : lines) {
        //: A line in the "about line" combo: service and masked number
        m_line->addItem(tr("%1 %2").arg(Labels::label(CodeDomain::Service, s.service), Masking::msisdn(s.number)), s.id);
    }

    summaryEdit()->setObjectName(QStringLiteral("summaryEdit"));
    summaryEdit()->setPlaceholderText(tr("What did the customer ask or report, and what was done?"));
    summaryEdit()->setMinimumHeight(140);
    auto* form = new QFormLayout;
    form->addRow(tr("&Channel:"), m_channel);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Direction:"), m_direction);
    form->addRow(tr("&About line:"), m_line);
    auto* summaryLabel = new QLabel(tr("&Summary:"), this);
    summaryLabel->setBuddy(summaryEdit());
    form->addRow(summaryLabel, m_summary);
    contentLayout()->addLayout(form);

    m_openTicket = new QCheckBox(tr("&Open a ticket for this"), this);
    m_openTicket->setObjectName(QStringLiteral("openTicketBox"));
    m_openTicket->setToolTip(tr("Writes the interaction and a new ticket together, linked to each other"));
    m_openTicket->setEnabled(m_session.can(Permission::LogInteraction));
    m_ticketFields = new QWidget(this);
    m_ticketKind = new QComboBox(m_ticketFields);
    m_ticketKind->setObjectName(QStringLiteral("ticketKindBox"));
    for (const QString& code : Labels::codes(CodeDomain::TicketKind))
        m_ticketKind->addItem(Labels::label(CodeDomain::TicketKind, code), code);
    m_ticketPriority = new QComboBox(m_ticketFields);
    m_ticketPriority->setObjectName(QStringLiteral("ticketPriorityBox"));
    for (const QString& code : Labels::codes(CodeDomain::TicketPriority))
        m_ticketPriority->addItem(Labels::label(CodeDomain::TicketPriority, code), code.toInt());
    m_ticketPriority->setCurrentIndex(m_ticketPriority->findData(3));
    m_ticketTitle = new QLineEdit(m_ticketFields);
    m_ticketTitle->setObjectName(QStringLiteral("ticketTitleEdit"));
    m_ticketTitle->setMaxLength(TicketService::kMaxTitleChars);
    m_ticketTitle->setPlaceholderText(tr("Empty: the summary's first words"));
    auto* ticketForm = new QFormLayout(m_ticketFields);
    ticketForm->setContentsMargins(20, 0, 0, 0);
    ticketForm->addRow(tr("Ticket k&ind:"), m_ticketKind);
    ticketForm->addRow(tr("P&riority:"), m_ticketPriority);
    ticketForm->addRow(tr("&Title:"), m_ticketTitle);
    m_ticketFields->setVisible(false);
    contentLayout()->addWidget(m_openTicket);
    contentLayout()->addWidget(m_ticketFields);
    connect(m_openTicket, &QCheckBox::toggled, this, [this](bool on) {
        m_ticketFields->setVisible(on);
        adjustSize();
    });
    // The ticket's kind follows the contact's where they share a name.
    connect(m_kind, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        const QString kind = m_kind->currentData().toString();
        const int match = m_ticketKind->findData(kind == QLatin1String("billing") ? QStringLiteral("inquiry") : kind);
        if (match >= 0)
            m_ticketKind->setCurrentIndex(match);
    });
    m_summary->setFocus();
}

QString LogInteractionDialog::counterText() const
{
    return m_summary->counterText();
}

QPlainTextEdit* LogInteractionDialog::summaryEdit() const
{
    return m_summary->editor();
}

void LogInteractionDialog::save()
{
    InteractionService::NewInteraction input;
    input.customerId = m_customerId;
    input.subscriptionId = m_line->currentData().toString();
    input.channel = m_channel->currentData().toString();
    input.kind = m_kind->currentData().toString();
    input.direction = m_direction->currentData().toString();
    input.summary = m_summary->text();

    QString ticketId;
    Result<QString> id = QString();
    if (m_openTicket->isChecked()) {
        id = logWithTicket(input, &ticketId);
    } else {
        id = InteractionService(m_store, m_session, m_clock).log(input);
    }
    if (!id) {
        showError(id.errorMessage());
        m_summary->setFocus();
        return;
    }
    m_ticketId = ticketId;
    m_written = Interaction();
    m_written.id = id.value();
    m_written.customerId = input.customerId;
    m_written.subscriptionId = input.subscriptionId;
    m_written.channel = input.channel;
    m_written.kind = input.kind;
    m_written.direction = input.direction;
    m_written.occurredAt = m_clock.nowUtc();
    m_written.agentId = m_session.agentId;
    m_written.agentName = m_session.displayName;
    m_written.summary = input.summary.trimmed();
    m_written.ticketId = m_ticketId;
    accept();
}

Result<QString> LogInteractionDialog::logWithTicket(InteractionService::NewInteraction input, QString* ticketId) const
{
    TicketService::NewTicket ticket;
    ticket.customerId = input.customerId;
    ticket.subscriptionId = input.subscriptionId;
    ticket.kind = m_ticketKind->currentData().toString();
    ticket.priority = m_ticketPriority->currentData().toInt();
    ticket.channel = input.channel;
    ticket.title = m_ticketTitle->text().trimmed();
    if (ticket.title.isEmpty()) {
        // Without a title: the summary's first line, at most 60 characters.
        const QString first = input.summary.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
        ticket.title = first.size() <= 60 ? first : first.left(60) + QStringLiteral("…");
    }
    ticket.description = input.summary.trimmed();
    QString newId;
    const Result<QVector<Change>> planned = TicketService(m_store, m_session, m_clock).planCreate(ticket, &newId);
    if (!planned)
        return planned.error();
    input.ticketId = newId;
    const Result<Change> interaction = InteractionService(m_store, m_session, m_clock).plan(input);
    if (!interaction)
        return interaction.error();
    QVector<Change> changes = planned.value();
    changes << interaction.value();
    const Status written = ChangeWriter(m_store, m_clock).apply(changes);
    if (!written)
        return written.error();
    *ticketId = newId;
    return interaction->id;
}

} // namespace telcodesk
