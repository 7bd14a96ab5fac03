#pragma once

#include "FormDialog.h"
#include "common/Clock.h"
#include "security/Session.h"
#include "services/RetentionService.h"
#include "store/LocalStore.h"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPlainTextEdit;

namespace telcodesk {

/// Records what came of a retention task: the outcome (RetentionService::outcomeCodes, in words), a note
/// (required when the customer declined or left) and, for "call back", when to call. A problem is shown
/// under the field it concerns; nothing is written until Save succeeds.
class RecordOutcomeDialog : public FormDialog
{
    Q_OBJECT

public:
    RecordOutcomeDialog(LocalStorePtr store, const Session& session, const RetentionTask& task,
                        const Clock& clock = Clock::system(), QWidget* parent = nullptr);

    void save() override;

    QComboBox* outcomeCombo() const { return m_outcome; }
    QPlainTextEdit* noteEdit() const { return m_note; }
    QDateTimeEdit* callbackEdit() const { return m_callback; }
    /// The message under a field, empty when there is none.
    QString outcomeError() const;
    QString noteError() const;
    QString callbackError() const;
    /// Selects an outcome by code (for tests and the keyboard alike).
    void setOutcome(const QString& code);

private:
    void outcomeChosen();
    void clearFieldErrors();
    QString currentOutcome() const;

    LocalStorePtr m_store;
    Session m_session;
    RetentionTask m_task;
    const Clock& m_clock;
    QComboBox* m_outcome = nullptr;
    QLabel* m_outcomeError = nullptr;
    QPlainTextEdit* m_note = nullptr;
    QLabel* m_noteLabel = nullptr;
    QLabel* m_noteError = nullptr;
    QLabel* m_callbackLabel = nullptr;
    QDateTimeEdit* m_callback = nullptr;
    QLabel* m_callbackError = nullptr;
};

} // namespace telcodesk
