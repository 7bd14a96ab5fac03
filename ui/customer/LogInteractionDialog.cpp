#include "customer/LogInteractionDialog.h"

#include "CountedTextEdit.h"
#include "Labels.h"
#include "security/Masking.h"
#include "services/InteractionService.h"

#include <QComboBox>
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

    const Result<QString> id = InteractionService(m_store, m_session, m_clock).log(input);
    if (!id) {
        showError(id.errorMessage());
        m_summary->setFocus();
        return;
    }
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
    accept();
}

} // namespace telcodesk
