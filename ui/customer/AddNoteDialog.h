#pragma once

#include "FormDialog.h"
#include "common/Clock.h"
#include "domain/Interaction.h"
#include "security/Session.h"
#include "store/LocalStore.h"

class QPlainTextEdit;

namespace telcodesk {

class CountedTextEdit;

/// Writes a note on a customer for the agents who come after: one text of at most
/// NoteService::kMaxBodyChars characters, written through NoteService (entity and outbox in one
/// transaction). Errors stay in the dialog, under the text.
class AddNoteDialog : public FormDialog
{
    Q_OBJECT

public:
    AddNoteDialog(LocalStorePtr store, const Session& session, const QString& customerId, const QString& customerName,
                  const Clock& clock = Clock::system(), QWidget* parent = nullptr);

    /// The note as written, valid after the dialog was accepted.
    const CustomerNote& written() const { return m_written; }

    QPlainTextEdit* bodyEdit() const;
    QString counterText() const;

    void save() override;

private:
    LocalStorePtr m_store;
    Session m_session;
    QString m_customerId;
    const Clock& m_clock;
    CustomerNote m_written;

    CountedTextEdit* m_body = nullptr;
};

} // namespace telcodesk
