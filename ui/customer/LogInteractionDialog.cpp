#include "customer/LogInteractionDialog.h"

#include "Labels.h"
#include "security/Masking.h"
#include "services/InteractionService.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace telcodesk {

LogInteractionDialog::LogInteractionDialog(LocalStorePtr store, const Session& session, const QString& customerId,
                                           const QString& customerName, const QVector<Subscription>& lines,
                                           const Clock& clock, QWidget* parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_customerId(customerId)
    , m_clock(clock)
    , m_channel(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_direction(new QComboBox(this))
    , m_line(new QComboBox(this))
    , m_summary(new QPlainTextEdit(this))
    , m_counter(new QLabel(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
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

    m_summary->setObjectName(QStringLiteral("summaryEdit"));
    m_summary->setPlaceholderText(tr("What did the customer ask or report, and what was done?"));
    m_summary->setTabChangesFocus(true);
    m_summary->setMinimumHeight(140);
    m_counter->setAlignment(Qt::AlignRight);
    m_counter->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); }"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }"));
    m_error->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Channel:"), m_channel);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Direction:"), m_direction);
    form->addRow(tr("&About line:"), m_line);
    auto* summaryLabel = new QLabel(tr("&Summary:"), this);
    summaryLabel->setBuddy(m_summary);
    form->addRow(summaryLabel, m_summary);
    form->addRow(QString(), m_counter);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    m_buttons->button(QDialogButtonBox::Save)->setText(tr("Save"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LogInteractionDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_summary, &QPlainTextEdit::textChanged, this, &LogInteractionDialog::updateCounter);
    updateCounter();
    m_summary->setFocus();
}

QString LogInteractionDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString LogInteractionDialog::counterText() const
{
    return m_counter->text();
}

void LogInteractionDialog::updateCounter()
{
    const int length = int(m_summary->toPlainText().trimmed().size());
    const int limit = InteractionService::kMaxSummaryChars;
    //: Characters typed in the summary and the limit, e.g. "120 / 4,000"
    m_counter->setText(tr("%1 / %2").arg(QLocale().toString(length), QLocale().toString(limit)));
    m_counter->setStyleSheet(length > limit ? QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }")
                                            : QStringLiteral("QLabel { color: palette(placeholder-text); }"));
}

void LogInteractionDialog::save()
{
    InteractionService::NewInteraction input;
    input.customerId = m_customerId;
    input.subscriptionId = m_line->currentData().toString();
    input.channel = m_channel->currentData().toString();
    input.kind = m_kind->currentData().toString();
    input.direction = m_direction->currentData().toString();
    input.summary = m_summary->toPlainText();

    const Result<QString> id = InteractionService(m_store, m_session, m_clock).log(input);
    if (!id) {
        m_error->setText(id.errorMessage());
        m_error->show();
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
