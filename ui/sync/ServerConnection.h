#pragma once

#include "security/CredentialStore.h"
#include "security/Session.h"
#include "store/LocalStore.h"
#include "sync/ServerAccount.h"
#include "sync/SyncTypes.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace telcodesk {

class MainWindow;
class SyncController;

/// The desktop's side of a server account, from sign-in to sign-out: asks for the sign-in (or takes
/// the password remembered in the keychain), opens the account's own cache, runs the first sync when
/// the cache is empty, starts the sync engine, remembers the password once the server has accepted it,
/// and handles Sign in… / Sign out from the main window.
///
/// A remembered password signs in straight away (the agent chose "Remember me", and the keychain is
/// unlocked by the desktop login); the dialog appears when the password is missing or refused. With
/// --screenshot no dialog is ever shown: a missing password, a refused login or an unreachable server
/// during a first sync end the program with a message.
class ServerConnection : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString dataDir;
        QString serverUrl;        ///< --server; empty: the server remembered in the data folder
        QString login;            ///< --user, used when the address names no login
        bool interactive = true;  ///< false with --screenshot: never a dialog
    };
    /// Makes the sync controller for an account and its cache (tests give one with a fake remote).
    using ControllerFactory = std::function<SyncController*(LocalStorePtr store, const ServerAccount& account)>;

    ServerConnection(Options options, std::shared_ptr<CredentialStore> credentials, QObject* parent = nullptr);
    ~ServerConnection() override;

    /// Whether the application works with a server: --server given, or one remembered from an earlier
    /// "Remember me" sign-in in this data folder (until Sign out). Otherwise it is the embedded default.
    static bool wanted(const QString& dataDir, const QString& serverUrl);

    void setControllerFactory(ControllerFactory factory) { m_factory = std::move(factory); }

    /// Sign-in, cache and first sync. True when the main window can open with store() and session();
    /// false with *exitCode set when the application must end.
    bool open(int* exitCode);

    LocalStorePtr store() const { return m_store; }
    Session session() const { return m_session; }
    const ServerAccount& account() const { return m_account; }
    SyncController* controller() const { return m_controller.get(); }

    /// Connects the window: account menu, status, Sign in… and Sign out.
    void attach(MainWindow* window);
    /// Until the sync has settled (online, offline waiting to retry, or refused) or timeoutMs: for a
    /// screenshot that shows a settled status bar.
    void waitUntilSettled(int timeoutMs);

public Q_SLOTS:
    /// Asks for the password again (identity fixed) and restarts the sync with it.
    void signIn();
    /// Stops the sync and forgets the remembered password; the cache stays open, offline.
    void signOut();

private:
    enum class Attempt { Ready, Retry, Quit };

    Attempt openAccount(const ServerAccount& account, bool remember, bool workOffline, QString* error, int* exitCode);
    Attempt runFirstSync(QString* error, int* exitCode);
    bool firstSyncHeadless(QString* error);
    void startController();
    void stopController();
    void onStatus(const SyncStatus& status);
    void notice(const QString& message);
    bool keychainAvailable();
    void fail(const QString& message, int* exitCode, int code = 1);

    Options m_options;
    std::shared_ptr<CredentialStore> m_credentials;
    ControllerFactory m_factory;
    ServerAccount m_account;
    LocalStorePtr m_store;
    Session m_session;
    std::unique_ptr<SyncController> m_controller;
    QPointer<MainWindow> m_window;
    bool m_rememberOnSuccess = false;
    int m_keychainState = -1; ///< -1 not probed, 0 unavailable, 1 available
};

} // namespace telcodesk
