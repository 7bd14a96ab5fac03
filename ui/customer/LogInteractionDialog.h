#pragma once

#include "common/Clock.h"
#include "domain/Interaction.h"
#include "domain/Subscription.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace telcodesk {

/// Records a contact with the customer: channel, kind, direction, the line it was about and a summary.
/// Written through InteractionService (entity and outbox in one transaction). Errors stay in the dialog,
/// next to the fields, so that nothing typed is lost.
class LogInteractionDialog : public QDialog
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
    QPlainTextEdit* summaryEdit() const { return m_summary; }
    QString errorText() const;
    QString counterText() const;

    /// Writes the interaction; on success accepts the dialog, on failure shows why and stays open.
    void save();

private:
    void updateCounter();

    LocalStorePtr m_store;
    Session m_session;
    QString m_customerId;
    const Clock& m_clock;
    Interaction m_written;

    QComboBox* m_channel = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_direction = nullptr;
    QComboBox* m_line = nullptr;
    QPlainTextEdit* m_summary = nullptr;
    QLabel* m_counter = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace telcodesk
