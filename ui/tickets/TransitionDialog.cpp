#include "tickets/TransitionDialog.h"

#include "tickets/WorkflowService.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace telcodesk {

namespace {

QPlainTextEdit* textBox(const QString& name, const QString& placeholder, int height, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setMinimumHeight(height);
    return edit;
}

} // namespace

TransitionDialog::TransitionDialog(LocalStorePtr store, const Session& session, const QString& ticketId,
                                   const QString& ticketNo, const WorkflowTransition& step, const Clock& clock,
                                   QWidget* parent)
    : FormDialog(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_ticketId(ticketId)
    , m_step(step)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("transitionDialog"));
    const QString action = step.action(Workflow::chineseUi());
    //: Dialog title; %1 the workflow step ("Close after the callback"), %2 the ticket number
    setWindowTitle(tr("%1 — %2").arg(action, ticketNo));
    setMinimumWidth(480);

    auto* form = new QFormLayout;
    switch (step.requirement) {
    case WorkflowRequirement::Resolution:
        m_resolution = textBox(QStringLiteral("resolutionEdit"), tr("What was done, as the customer will be told"), 110, this);
        form->addRow(tr("&Resolution:"), m_resolution);
        break;
    case WorkflowRequirement::Csat:
        m_csat = new QComboBox(this);
        m_csat->setObjectName(QStringLiteral("csatBox"));
        m_csat->addItem(tr("Ask the customer and choose…"), 0);
        m_csat->addItem(tr("5 — very satisfied"), 5);
        m_csat->addItem(tr("4 — satisfied"), 4);
        m_csat->addItem(tr("3 — neutral"), 3);
        m_csat->addItem(tr("2 — dissatisfied"), 2);
        m_csat->addItem(tr("1 — very dissatisfied"), 1);
        form->addRow(tr("Customer &satisfaction:"), m_csat);
        break;
    case WorkflowRequirement::Reason:
        m_reason = textBox(QStringLiteral("reasonEdit"), tr("Why this step is taken"), 80, this);
        form->addRow(tr("&Reason:"), m_reason);
        break;
    case WorkflowRequirement::None:
        break;
    }
    m_note = textBox(QStringLiteral("noteEdit"), tr("Optional: an internal note kept with this step"), 60, this);
    form->addRow(tr("&Note:"), m_note);
    contentLayout()->addLayout(form);
}

void TransitionDialog::save()
{
    TransitionInput input;
    input.note = m_note->toPlainText().trimmed();
    if (m_resolution)
        input.resolution = m_resolution->toPlainText().trimmed();
    if (m_reason)
        input.reason = m_reason->toPlainText().trimmed();
    if (m_csat && m_csat->currentData().toInt() > 0)
        input.csat = m_csat->currentData().toInt();
    // The service checks what the step requires; its message says what is missing.
    const Status done = WorkflowService(m_store, m_clock).transition(m_ticketId, m_step.toStatus, input, m_session);
    if (!done) {
        showError(done.errorMessage());
        return;
    }
    accept();
}

} // namespace telcodesk
