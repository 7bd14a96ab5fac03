#pragma once

#include "sync/SyncTypes.h"

#include <QWidget>

class QLabel;
class QTimer;

namespace telcodesk {

class Clock;

/// The status bar's report on where the data comes from: the local database and its size, the state
/// of the server connection and the last successful sync, the local changes waiting to sync, and —
/// as links that open their views — conflicts waiting for a choice and changes the server rejected.
///
/// Without a server (the embedded default) it says so and shows no sync details. With one, the sync
/// engine's status is shown as it arrives: online, syncing (the first sync with its rows), connecting,
/// offline with the retry counting down (the reason on the tooltip), sign-in refused, or signed out.
class SyncStatusWidget : public QWidget
{
    Q_OBJECT

public:
    enum class ServerState {
        NotConfigured, ///< no server: working on the local database alone
        SignedOut,     ///< a server account, but not signed in (worked offline or signed out)
    };

    explicit SyncStatusWidget(QWidget* parent = nullptr);
    ~SyncStatusWidget() override;

    void setCustomerCount(int count);
    void setServerState(ServerState state, const QString& serverUrl = QString());
    /// The sync engine's report: connection state, counts and last sync.
    void setSyncStatus(const SyncStatus& status);
    /// Changes in the outbox not yet confirmed by the server, and those it refused for good (shown only
    /// when there are some).
    void setOutboxCounts(int pending, int rejected);
    /// Open conflicts (shown only when there are some).
    void setConflictCount(int conflicts);
    /// When the last complete sync was (local clock, ms since the epoch; 0 = never), before the engine
    /// reports (signed out).
    void setLastSyncAt(qint64 msSinceEpoch);
    /// The clock that "2 min ago" and the retry countdown are measured with (tests); not owned.
    void setClock(const Clock* clock);

    QString databaseText() const;
    QString serverText() const;
    QString serverToolTip() const;
    QString outboxText() const;
    /// Empty when nothing was rejected.
    QString rejectedText() const;
    /// Empty when there are no conflicts.
    QString conflictsText() const;
    /// Empty when no server is configured.
    QString lastSyncText() const;
    /// Whether the "Sign in…" link is offered (signed out, or the login was refused).
    bool offersSignIn() const;

Q_SIGNALS:
    void conflictsClicked();
    void rejectedClicked();
    void signInClicked();

private:
    void refreshTimes();
    void setServerText(const QString& text, const QString& toolTip);

    const Clock* m_clock = nullptr;
    QLabel* m_database = nullptr;
    QLabel* m_server = nullptr;
    QLabel* m_signIn = nullptr;
    QLabel* m_lastSync = nullptr;
    QLabel* m_outbox = nullptr;
    QLabel* m_conflicts = nullptr;
    QLabel* m_rejected = nullptr;
    QTimer* m_tick = nullptr;
    QString m_rejectedText;
    QString m_conflictsText;
    SyncStatus m_status;
    bool m_hasSyncStatus = false;
    qint64 m_retryAtMs = 0; ///< while offline: when the engine tries again (local clock)
};

} // namespace telcodesk
