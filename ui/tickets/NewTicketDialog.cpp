#include "tickets/NewTicketDialog.h"

#include "kb/KbArticleDialog.h"
#include "kb/KbSuggestionPanel.h"

#include "CountedTextEdit.h"
#include "Labels.h"
#include "security/Masking.h"
#include "tickets/TicketService.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace telcodesk {

NewTicketDialog::NewTicketDialog(LocalStorePtr store, const Session& session, const QString& customerId,
                                 const QString& customerName, const QVector<Subscription>& lines, const QString& lineId,
                                 const Clock& clock, QWidget* parent)
    : FormDialog(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_customerId(customerId)
    , m_clock(clock)
    , m_kind(new QComboBox(this))
    , m_priority(new QComboBox(this))
    , m_channel(new QComboBox(this))
    , m_line(new QComboBox(this))
    , m_title(new QLineEdit(this))
    , m_description(new CountedTextEdit(TicketService::kMaxTextChars, this))
{
    setObjectName(QStringLiteral("newTicketDialog"));
    //: Dialog title; %1 is the customer's name
    setWindowTitle(tr("New ticket — %1").arg(customerName));
    setMinimumWidth(560);

    for (const QString& code : Labels::codes(CodeDomain::TicketKind))
        m_kind->addItem(Labels::label(CodeDomain::TicketKind, code), code);
    for (const QString& code : Labels::codes(CodeDomain::TicketPriority))
        m_priority->addItem(Labels::label(CodeDomain::TicketPriority, code), code.toInt());
    m_priority->setCurrentIndex(m_priority->findData(3));
    for (const QString& code : Labels::codes(CodeDomain::Channel))
        m_channel->addItem(Labels::label(CodeDomain::Channel, code), code);
    m_line->addItem(tr("The whole account"), QString());
    for (const Subscription& s : lines) {
        //: A line in the "about line" combo: service and masked number
        m_line->addItem(tr("%1 %2").arg(Labels::label(CodeDomain::Service, s.service), Masking::msisdn(s.number)), s.id);
    }
    const int shown = lineId.isEmpty() ? -1 : m_line->findData(lineId);
    m_line->setCurrentIndex(shown >= 0 ? shown : (lines.size() == 1 ? 1 : 0));

    m_kind->setObjectName(QStringLiteral("kindBox"));
    m_priority->setObjectName(QStringLiteral("priorityBox"));
    m_channel->setObjectName(QStringLiteral("channelBox"));
    m_line->setObjectName(QStringLiteral("lineBox"));
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setMaxLength(TicketService::kMaxTitleChars);
    m_title->setPlaceholderText(tr("In a few words: what is wrong or wanted"));
    descriptionEdit()->setObjectName(QStringLiteral("descriptionEdit"));
    descriptionEdit()->setPlaceholderText(tr("What the customer reported, what was checked already"));
    descriptionEdit()->setMinimumHeight(120);

    auto* form = new QFormLayout;
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Priority:"), m_priority);
    form->addRow(tr("&Channel:"), m_channel);
    form->addRow(tr("&About line:"), m_line);
    form->addRow(tr("&Title:"), m_title);
    auto* descriptionLabel = new QLabel(tr("&Description:"), this);
    descriptionLabel->setBuddy(descriptionEdit());
    form->addRow(descriptionLabel, m_description);
    // The knowledge base answers many calls: its articles for what is being typed sit beside the form.
    m_kbPanel = new KbSuggestionPanel(m_store, m_session, m_clock, this);
    m_kbPanel->setMinimumWidth(280);
    const auto suggest = [this] { m_kbPanel->setContextText(m_title->text() + QLatin1Char('\n') + m_description->text()); };
    connect(m_title, &QLineEdit::textChanged, this, suggest);
    connect(descriptionEdit(), &QPlainTextEdit::textChanged, this, suggest);
    connect(m_kbPanel, &KbSuggestionPanel::openArticleRequested, this, [this](const QString& articleId) {
        KbArticleDialog dialog(m_store, m_session, m_clock, this);
        const Status shown = dialog.showArticle(articleId);
        if (!shown) {
            showError(shown.errorMessage());
            return;
        }
        dialog.exec();
    });
    auto* columns = new QHBoxLayout;
    columns->addLayout(form, 3);
    columns->addWidget(m_kbPanel, 2);
    contentLayout()->addLayout(columns);
    m_title->setFocus();
}

QPlainTextEdit* NewTicketDialog::descriptionEdit() const
{
    return m_description->editor();
}

void NewTicketDialog::save()
{
    TicketService::NewTicket input;
    input.customerId = m_customerId;
    input.subscriptionId = m_line->currentData().toString();
    input.kind = m_kind->currentData().toString();
    input.priority = m_priority->currentData().toInt();
    input.channel = m_channel->currentData().toString();
    input.title = m_title->text();
    input.description = m_description->text();
    const Result<QString> id = TicketService(m_store, m_session, m_clock).create(input);
    if (!id) {
        showError(id.errorMessage());
        m_title->setFocus();
        return;
    }
    m_ticketId = id.value();
    accept();
}

} // namespace telcodesk
