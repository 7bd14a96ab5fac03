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

/// Records what came of a retention task: the outcome (RetentionService::outcomeCodes, in words), the offer
/// made (the task's, or another of the catalog, those whose rules hold for the customer marked), a note
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
    /// The offer made (data: the offer id, empty for none); hidden, and the task's offer left as it is,
    /// when the offers could not be read.
    QComboBox* offerCombo() const { return m_offer; }
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
    QLabel* m_offerLabel = nullptr;
    QComboBox* m_offer = nullptr;
    bool m_offerChoosable = false; ///< the offers were read: the choice is sent with the outcome
    QPlainTextEdit* m_note = nullptr;
    QLabel* m_noteLabel = nullptr;
    QLabel* m_noteError = nullptr;
    QLabel* m_callbackLabel = nullptr;
    QDateTimeEdit* m_callback = nullptr;
    QLabel* m_callbackError = nullptr;
};

} // namespace telcodesk
