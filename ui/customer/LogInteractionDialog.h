#pragma once

#include "FormDialog.h"
#include "common/Clock.h"
#include "domain/Interaction.h"
#include "domain/Subscription.h"
#include "security/Session.h"
#include "store/LocalStore.h"

class QComboBox;
class QPlainTextEdit;

namespace telcodesk {

class CountedTextEdit;

/// Records a contact with the customer: channel, kind, direction, the line it was about and a summary.
/// Written through InteractionService (entity and outbox in one transaction). Errors stay in the dialog,
/// next to the fields, so that nothing typed is lost.
class LogInteractionDialog : public FormDialog
{
    Q_OBJECT

public:
    LogInteractionDialog(LocalStorePtr store, const Session& session, const QString& customerId,
                         const QString& customerName, const QVector<Subscription>& lines,
                         const Clock& clock = Clock::system(), QWidget* parent = nullptr);

    /// The interaction as written, valid after the dialog was accepted.
    const Interaction& written() const { return m_written; }

    QComboBox* channelBox() const { return m_channel; }
    QComboBox* kindBox() const { return m_kind; }
    QComboBox* directionBox() const { return m_direction; }
    QComboBox* lineBox() const { return m_line; }
    QPlainTextEdit* summaryEdit() const;
    QString counterText() const;

    void save() override;

private:
    LocalStorePtr m_store;
    Session m_session;
    QString m_customerId;
    const Clock& m_clock;
    Interaction m_written;

    QComboBox* m_channel = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_direction = nullptr;
    QComboBox* m_line = nullptr;
    CountedTextEdit* m_summary = nullptr;
};

} // namespace telcodesk
