#include "customer/AddNoteDialog.h"

#include "CountedTextEdit.h"
#include "services/NoteService.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace telcodesk {

AddNoteDialog::AddNoteDialog(LocalStorePtr store, const Session& session, const QString& customerId,
                             const QString& customerName, const Clock& clock, QWidget* parent)
    : FormDialog(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_customerId(customerId)
    , m_clock(clock)
    , m_body(new CountedTextEdit(NoteService::kMaxBodyChars, this))
{
    setObjectName(QStringLiteral("addNoteDialog"));
    //: Dialog title; %1 is the customer's name
    setWindowTitle(tr("Add note — %1").arg(customerName));
    setMinimumWidth(520);

    auto* label = new QLabel(tr("&Note for the agents who serve this customer next:"), this);
    label->setBuddy(bodyEdit());
    bodyEdit()->setObjectName(QStringLiteral("noteEdit"));
    bodyEdit()->setPlaceholderText(tr("For example: prefers WeChat; call back after 18:00"));
    bodyEdit()->setMinimumHeight(120);
    contentLayout()->addWidget(label);
    contentLayout()->addWidget(m_body, 1);
    m_body->setFocus();
}

QPlainTextEdit* AddNoteDialog::bodyEdit() const
{
    return m_body->editor();
}

QString AddNoteDialog::counterText() const
{
    return m_body->counterText();
}

void AddNoteDialog::save()
{
    const Result<CustomerNote> note = NoteService(m_store, m_session, m_clock).add(m_customerId, m_body->text());
    if (!note) {
        showError(note.errorMessage());
        m_body->setFocus();
        return;
    }
    m_written = note.value();
    accept();
}

} // namespace telcodesk
