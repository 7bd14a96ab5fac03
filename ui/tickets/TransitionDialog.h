#pragma once

#include "FormDialog.h"
#include "common/Clock.h"
#include "security/Session.h"
#include "store/LocalStore.h"
#include "tickets/Workflow.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace telcodesk {

/// Takes one workflow step on a ticket, asking for what the step requires: the resolution, the
/// customer's satisfaction score (1–5) or the reason, and an optional note. WorkflowService decides;
/// a refusal is shown in the dialog and nothing typed is lost.
class TransitionDialog : public FormDialog
{
    Q_OBJECT

public:
    TransitionDialog(LocalStorePtr store, const Session& session, const QString& ticketId, const QString& ticketNo,
                     const WorkflowTransition& step, const Clock& clock = Clock::system(), QWidget* parent = nullptr);

    QPlainTextEdit* resolutionEdit() const { return m_resolution; }
    QPlainTextEdit* reasonEdit() const { return m_reason; }
    QComboBox* csatBox() const { return m_csat; }
    QPlainTextEdit* noteEdit() const { return m_note; }

    void save() override;

private:
    LocalStorePtr m_store;
    Session m_session;
    QString m_ticketId;
    WorkflowTransition m_step;
    const Clock& m_clock;
    QPlainTextEdit* m_resolution = nullptr;
    QPlainTextEdit* m_reason = nullptr;
    QComboBox* m_csat = nullptr;
    QPlainTextEdit* m_note = nullptr;
};

} // namespace telcodesk
