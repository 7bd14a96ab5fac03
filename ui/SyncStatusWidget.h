#pragma once

#include <QWidget>

class QLabel;

namespace telcodesk {

/// The status bar's report on where the data comes from: the local database and its size, the state
/// of the server connection, and the local changes waiting to sync (and any the server rejected).
/// Today there is no sync engine, so the connection is either "no server configured" or "server given
/// but sync not available in this version"; the sync issue feeds the live states through the same
/// widget.
class SyncStatusWidget : public QWidget
{
    Q_OBJECT

public:
    enum class ServerState {
        NotConfigured, ///< no --server: working on the local database alone
        NotAvailable,  ///< a server was given, but this version cannot sync with it
    };

    explicit SyncStatusWidget(QWidget* parent = nullptr);

    void setCustomerCount(int count);
    void setServerState(ServerState state, const QString& serverUrl = QString());
    /// Changes in the outbox not yet confirmed by the server, and those it refused for good (shown only
    /// when there are some).
    void setOutboxCounts(int pending, int rejected);

    QString databaseText() const;
    QString serverText() const;
    QString outboxText() const;
    /// Empty when nothing was rejected.
    QString rejectedText() const;

private:
    QLabel* m_database = nullptr;
    QLabel* m_server = nullptr;
    QLabel* m_outbox = nullptr;
    QLabel* m_rejected = nullptr;
};

} // namespace telcodesk
