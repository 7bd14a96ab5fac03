#include "sync/FirstSyncDialog.h"

#include "sync/SyncController.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace telcodesk {

namespace {

/// After Cancel, how long to wait for the engine's confirmation: it has nothing to interrupt while it
/// waits to retry, and then never sends one.
constexpr int kCancelGraceMs = 5000;

} // namespace

FirstSyncDialog::FirstSyncDialog(SyncController* controller, QWidget* parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_intro(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_rows(new QLabel(this))
    , m_status(new QLabel(this))
    , m_cancelGrace(new QTimer(this))
{
    setObjectName(QStringLiteral("firstSyncDialog"));
    setWindowTitle(tr("First sync"));
    m_intro->setText(tr("TelcoDesk is copying the customers, tickets and history you may see from the server to "
                        "this computer. This happens once; afterwards only changes travel."));
    m_intro->setWordWrap(true);
    m_bar->setObjectName(QStringLiteral("firstSyncProgress"));
    m_bar->setRange(0, 0); // busy until the server says how much is coming
    m_bar->setTextVisible(false);
    m_rows->setObjectName(QStringLiteral("firstSyncRows"));
    m_status->setObjectName(QStringLiteral("firstSyncStatus"));
    m_status->setWordWrap(true);
    m_status->setText(tr("Connecting to the server…"));

    auto* buttons = new QDialogButtonBox(this);
    m_cancel = buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_cancel, &QPushButton::clicked, this, &FirstSyncDialog::requestCancel);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addSpacing(6);
    layout->addWidget(m_bar);
    layout->addWidget(m_rows);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(480);

    m_cancelGrace->setSingleShot(true);
    m_cancelGrace->setInterval(kCancelGraceMs);
    connect(m_cancelGrace, &QTimer::timeout, this, [this] { end(Outcome::Cancelled, tr("The first sync was cancelled.")); });

    if (m_controller) {
        connect(m_controller, &SyncController::initialSyncProgress, this, &FirstSyncDialog::showProgress);
        connect(m_controller, &SyncController::initialSyncFinished, this, &FirstSyncDialog::finish);
        connect(m_controller, &SyncController::statusChanged, this, &FirstSyncDialog::showStatus);
    }
    m_clock.start();
}

QString FirstSyncDialog::rowsText() const
{
    return m_rows->text();
}

QString FirstSyncDialog::statusText() const
{
    return m_status->text();
}

void FirstSyncDialog::showProgress(qint64 rows, qint64 estimate)
{
    if (m_outcome != Outcome::Running)
        return;
    const QLocale locale;
    if (estimate > 0) {
        // QProgressBar counts in int: scale to per mille so that a large scope never overflows it.
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(qBound(qint64(0), rows * 1000 / estimate, qint64(1000))));
        m_bar->setTextVisible(true);
        m_bar->setFormat(QStringLiteral("%1%").arg(locale.toString(double(rows) * 100.0 / double(estimate), 'f', 0)));
    } else {
        m_bar->setRange(0, 0);
    }
    QString text = estimate > 0
        //: First sync: rows received so far of the server's estimate (both with digit grouping)
        ? tr("%1 of about %2 records received").arg(locale.toString(rows), locale.toString(estimate))
        : tr("%1 records received").arg(locale.toString(rows));
    // The rate counts from the first report of the pull, not from connecting.
    if (m_firstRowsAt < 0)
        m_firstRowsAt = m_clock.elapsed();
    if (rows > 0) {
        const qint64 ms = m_clock.elapsed() - m_firstRowsAt;
        if (ms > 0)
            //: Appended to the records received: the rate of the first sync
            text += tr(" · %1 records/s").arg(locale.toString(qint64(double(rows) * 1000.0 / double(ms))));
    }
    m_rows->setText(text);
    if (!m_cancelling)
        m_status->setText(tr("Receiving data from the server…"));
}

void FirstSyncDialog::showStatus(const SyncStatus& status)
{
    if (m_outcome != Outcome::Running)
        return;
    switch (status.state) {
    case SyncStatus::State::AuthFailed:
        end(Outcome::AuthFailed, status.lastError.isEmpty() ? tr("The server refused the login.") : status.lastError);
        return;
    case SyncStatus::State::Offline:
        if (m_cancelling)
            return;
        if (status.nextRetryInMs > 0)
            //: First sync: the server cannot be reached; %1 why, %n seconds until the next attempt
            m_status->setText(tr("Cannot reach the server: %1\nTrying again in %n s…", nullptr,
                                 int((status.nextRetryInMs + 999) / 1000))
                                  .arg(status.lastError));
        else
            m_status->setText(status.lastError);
        return;
    case SyncStatus::State::Connecting:
        if (!m_cancelling)
            m_status->setText(tr("Connecting to the server…"));
        return;
    case SyncStatus::State::Syncing:
    case SyncStatus::State::Online:
    case SyncStatus::State::Disabled:
        return;
    }
}

void FirstSyncDialog::finish(bool completed, const QString& message)
{
    if (completed)
        end(Outcome::Completed, QString());
    else
        end(m_cancelling ? Outcome::Cancelled : Outcome::Failed,
            message.isEmpty() ? tr("The first sync did not complete.") : message);
}

void FirstSyncDialog::requestCancel()
{
    if (m_cancelling || m_outcome != Outcome::Running)
        return;
    m_cancelling = true;
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelling…"));
    if (m_controller)
        m_controller->cancel();
    Q_EMIT cancelRequested();
    m_cancelGrace->start();
}

void FirstSyncDialog::reject()
{
    // Esc and the window's close button cancel like the button does; the dialog closes once the
    // engine has stopped.
    requestCancel();
}

void FirstSyncDialog::end(Outcome outcome, const QString& message)
{
    if (m_outcome != Outcome::Running)
        return;
    m_cancelGrace->stop();
    m_outcome = outcome;
    m_message = message;
    if (outcome == Outcome::Completed)
        accept();
    else
        done(QDialog::Rejected);
}

} // namespace telcodesk
