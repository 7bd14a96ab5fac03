#pragma once

#include "sync/SyncTypes.h"

#include <QDialog>
#include <QElapsedTimer>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace telcodesk {

class SyncController;

/// The first sync into an empty cache, before the main window opens: a progress bar fed by the
/// engine (a busy bar while the server gives no estimate), rows received and rows per second, what is
/// happening when the server cannot be reached (the engine keeps retrying), and Cancel. Cancel
/// interrupts the engine at once; the dialog closes when the engine confirms, or after a few seconds
/// if it has nothing running to interrupt. A refused login closes it too, so that the sign-in can be
/// asked again.
class FirstSyncDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Outcome { Running, Completed, Cancelled, Failed, AuthFailed };

    /// With a controller, follows its engine and cancels it; without one (tests), call the slots.
    explicit FirstSyncDialog(SyncController* controller, QWidget* parent = nullptr);

    Outcome outcome() const { return m_outcome; }
    /// Why the sync ended without completing, in words.
    QString message() const { return m_message; }

    QProgressBar* progressBar() const { return m_bar; }
    QString rowsText() const;
    QString statusText() const;
    QPushButton* cancelButton() const { return m_cancel; }

public Q_SLOTS:
    void showProgress(qint64 rows, qint64 estimate);
    void finish(bool completed, const QString& message);
    void showStatus(const telcodesk::SyncStatus& status);
    void requestCancel();

Q_SIGNALS:
    void cancelRequested();

protected:
    void reject() override;

private:
    void end(Outcome outcome, const QString& message);

    SyncController* m_controller = nullptr;
    QLabel* m_intro = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_rows = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_cancel = nullptr;
    QTimer* m_cancelGrace = nullptr;
    QElapsedTimer m_clock;
    qint64 m_firstRowsAt = -1;
    Outcome m_outcome = Outcome::Running;
    QString m_message;
    bool m_cancelling = false;
};

} // namespace telcodesk
