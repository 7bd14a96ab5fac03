#include "sync/ServerConnection.h"

#include "Application.h"
#include "MainWindow.h"
#include "common/Logging.h"
#include "services/AgentDirectory.h"
#include "sync/FirstSyncDialog.h"
#include "sync/SignInDialog.h"
#include "sync/SyncController.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

namespace telcodesk {

namespace {

void printError(const QString& message)
{
    std::fprintf(stderr, "telcodesk: %s\n", qPrintable(message));
}

bool sameServer(const PgDsn& a, const QString& url)
{
    const Result<PgDsn> b = PgDsn::parse(url);
    return b && a.host.compare(b->host, Qt::CaseInsensitive) == 0 && a.port == b->port && a.database == b->database;
}

bool settled(const SyncStatus& status)
{
    return status.state == SyncStatus::State::Online || status.state == SyncStatus::State::AuthFailed
        || (status.state == SyncStatus::State::Offline && status.nextRetryInMs > 0);
}

} // namespace

ServerConnection::ServerConnection(Options options, std::shared_ptr<CredentialStore> credentials, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_credentials(std::move(credentials))
{
}

ServerConnection::~ServerConnection()
{
    stopController();
}

bool ServerConnection::wanted(const QString& dataDir, const QString& serverUrl)
{
    if (!serverUrl.isEmpty())
        return true;
    // Only a "Remember me" sign-in makes the server the default; the address and login of any other
    // sign-in are kept just to fill in the dialog the next time --server names that server.
    const ServerAccount::Remembered remembered = ServerAccount::remembered(dataDir);
    return !remembered.isEmpty() && remembered.rememberPassword;
}

bool ServerConnection::keychainAvailable()
{
    if (m_keychainState < 0) {
        const Status probe = m_credentials->probe();
        m_keychainState = probe ? 1 : 0;
        if (!probe)
            qCInfo(lcSecurity) << "passwords will not be remembered:" << probe.errorMessage();
    }
    return m_keychainState == 1;
}

void ServerConnection::fail(const QString& message, int* exitCode, int code)
{
    if (m_options.interactive)
        QMessageBox::critical(nullptr, tr("TelcoDesk cannot start"), message);
    printError(message);
    *exitCode = code;
}

bool ServerConnection::open(int* exitCode)
{
    const ServerAccount::Remembered remembered = ServerAccount::remembered(m_options.dataDir);
    const QString url = m_options.serverUrl.isEmpty() ? remembered.serverUrl : m_options.serverUrl;

    // What is known before anyone is asked: the address, the login, perhaps a password.
    SignInDialog::Prefill prefill;
    QString error;
    ServerAccount known;
    bool fromKeychain = false;
    const Result<PgDsn> parsed = PgDsn::parse(url);
    if (parsed) {
        const PgDsn& dsn = parsed.value();
        const bool rememberedServer = sameServer(dsn, remembered.serverUrl);
        QString login = !dsn.user.isEmpty() ? dsn.user : m_options.login;
        if (login.isEmpty() && rememberedServer)
            login = remembered.login;
        QString password = dsn.password;
        known = ServerAccount(dsn.withLogin(login, QString()));
        if (password.isEmpty() && !login.isEmpty() && rememberedServer && login == remembered.login
            && remembered.rememberPassword) {
            const Result<QString> stored = m_credentials->readPassword(known.credentialKey());
            if (stored) {
                password = stored.value();
                fromKeychain = true;
            } else if (stored.error().code != QLatin1String(CredentialStore::kNotFound)) {
                error = tr("The remembered password could not be read: %1").arg(stored.errorMessage());
            }
        }
        known.setPassword(password);
        prefill.serverUrl = known.serverUrl();
        prefill.login = login;
        prefill.password = password;
        prefill.remember = rememberedServer && remembered.rememberPassword;
    } else {
        // The address as typed is not shown again: it may hold a password.
        error = parsed.errorMessage();
    }
    const bool canSignInAtOnce = parsed && !known.login().isEmpty() && !known.password().isEmpty();

    if (!m_options.interactive) {
        if (!parsed) {
            fail(tr("--server: %1").arg(parsed.errorMessage()), exitCode, 2);
            return false;
        }
        if (!canSignInAtOnce) {
            fail(known.login().isEmpty()
                     ? tr("Signing in to %1 needs a login: give it with --user or in the address.").arg(known.serverUrl())
                     : tr("Signing in to %1 as %2 needs a password, and none is remembered on this computer. Start "
                          "TelcoDesk without --screenshot to sign in and choose \"Remember me\".")
                           .arg(known.serverUrl(), known.login()),
                 exitCode);
            return false;
        }
        return openAccount(known, false, false, &error, exitCode) == Attempt::Ready;
    }

    // A remembered password (or one in the address) signs in at once; otherwise, or when that fails,
    // the dialog asks.
    bool atOnce = canSignInAtOnce && error.isEmpty();
    for (;;) {
        ServerAccount account = known;
        bool remember = fromKeychain;
        bool offline = false;
        if (!atOnce) {
            SignInDialog dialog(keychainAvailable());
            dialog.setPrefill(prefill);
            dialog.showError(error);
            if (dialog.exec() == QDialog::Accepted) {
                account = dialog.account();
                remember = dialog.rememberPassword();
            } else {
                // Work offline: the fields still say whose copy to open.
                offline = true;
                const Result<PgDsn> typed = PgDsn::parse(dialog.serverEdit()->text());
                const QString login = dialog.loginEdit()->text().trimmed();
                if (!typed || !ServerAccount::isValidLogin(login)) {
                    QMessageBox box(QMessageBox::Question, tr("Work offline"),
                                    tr("To work offline, TelcoDesk opens the copy of the data kept on this computer "
                                       "for a server and a login. Fill in both, or quit."));
                    QPushButton* back = box.addButton(tr("Back to sign-in"), QMessageBox::AcceptRole);
                    box.addButton(tr("Quit"), QMessageBox::RejectRole);
                    box.setDefaultButton(back);
                    box.exec();
                    if (box.clickedButton() != back) {
                        *exitCode = 1;
                        return false;
                    }
                    error.clear();
                    prefill = {dialog.serverEdit()->text(), login, QString(), dialog.rememberPassword()};
                    continue;
                }
                account = ServerAccount(typed->withLogin(login, QString()));
            }
            prefill.remember = dialog.rememberPassword();
        }
        atOnce = false;
        const Attempt attempt = openAccount(account, remember, offline, &error, exitCode);
        if (attempt == Attempt::Ready)
            return true;
        if (attempt == Attempt::Quit)
            return false;
        prefill.serverUrl = account.serverUrl();
        prefill.login = account.login();
        prefill.password.clear();
    }
}

ServerConnection::Attempt ServerConnection::openAccount(const ServerAccount& account, bool remember, bool workOffline,
                                                        QString* error, int* exitCode)
{
    const QString folder = account.cacheFolder(m_options.dataDir);
    const QString file = QDir(folder).filePath(QString::fromLatin1(LocalStore::kFileName));
    const QString noCopy = tr("There is no copy of %1's data from this server on this computer yet. Sign in once "
                              "to fetch it; after that you can work offline.")
                               .arg(account.login());
    if (workOffline && !QFileInfo::exists(file)) {
        *error = noCopy;
        return Attempt::Retry;
    }
    if (!QDir().mkpath(folder)) {
        fail(tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder)), exitCode);
        return Attempt::Quit;
    }
    LocalStorePtr store = Application::openStore(folder, m_options.interactive, exitCode);
    if (!store)
        return Attempt::Quit;
    const Status claimed = account.claimCache(*store);
    if (!claimed) {
        if (!m_options.interactive) {
            fail(claimed.errorMessage(), exitCode);
            return Attempt::Quit;
        }
        *error = claimed.errorMessage();
        return Attempt::Retry;
    }
    if (workOffline && !ServerAccount::hasSyncedData(*store)) {
        *error = noCopy;
        return Attempt::Retry;
    }
    m_store = store;
    m_account = account;

    // The server and login are kept for next time at once; the password only once the server has
    // accepted it (onStatus), so that a mistyped one is never remembered.
    const ServerAccount::Remembered before = ServerAccount::remembered(m_options.dataDir);
    const bool wasRemembered = before.rememberPassword && before.login == account.login()
        && sameServer(account.dsn(), before.serverUrl);
    if (!workOffline && !remember && wasRemembered) {
        const Status forgotten = m_credentials->deletePassword(account.credentialKey());
        if (!forgotten)
            notice(forgotten.errorMessage());
    }
    ServerAccount::remember(m_options.dataDir, {account.serverUrl(), account.login(),
                                                wasRemembered && (remember || workOffline)});
    m_rememberOnSuccess = remember && !workOffline;

    if (!workOffline) {
        startController();
        if (!ServerAccount::hasCompletedFirstSync(*store)) {
            const Attempt first = runFirstSync(error, exitCode);
            if (first != Attempt::Ready)
                return first;
        } else {
            m_controller->start();
        }
    }

    const Result<Session> session = AgentDirectory(m_store).localSession(account.login());
    if (!session) {
        fail(tr("Your agent record (%1) is not in the local copy yet, so TelcoDesk cannot tell what you may do. "
                "Sign in and let the first sync complete. (%2)")
                 .arg(account.login(), session.errorMessage()),
             exitCode);
        return Attempt::Quit;
    }
    m_session = session.value();
    qCInfo(lcSync) << "signed in as" << m_session.login << "on" << account.serverUrl()
                   << (workOffline ? "(working offline)" : "");
    return Attempt::Ready;
}

ServerConnection::Attempt ServerConnection::runFirstSync(QString* error, int* exitCode)
{
    if (!m_options.interactive) {
        if (firstSyncHeadless(error))
            return Attempt::Ready;
        stopController();
        fail(*error, exitCode);
        return Attempt::Quit;
    }
    for (;;) {
        FirstSyncDialog dialog(m_controller.get());
        m_controller->start();
        dialog.exec();
        const FirstSyncDialog::Outcome outcome = dialog.outcome();
        if (outcome == FirstSyncDialog::Outcome::Completed)
            return Attempt::Ready;
        stopController();
        if (outcome == FirstSyncDialog::Outcome::AuthFailed) {
            *error = tr("The server refused the sign-in: %1").arg(dialog.message());
            m_rememberOnSuccess = false;
            return Attempt::Retry;
        }

        const bool someData = ServerAccount::hasSyncedData(*m_store);
        const QString why = outcome == FirstSyncDialog::Outcome::Failed ? dialog.message() + QStringLiteral("\n\n")
                                                                         : QString();
        QMessageBox box(QMessageBox::Question, tr("The first sync did not complete"),
                        why
                            + (someData ? tr("Part of your data has arrived. You can work offline with it and sign "
                                             "in later to fetch the rest, try again now, or quit.")
                                        : tr("Nothing has arrived yet. Try again, or quit.")));
        QPushButton* offline = someData ? box.addButton(tr("Work offline"), QMessageBox::AcceptRole) : nullptr;
        QPushButton* retry = box.addButton(tr("Try again"), QMessageBox::AcceptRole);
        box.addButton(tr("Quit"), QMessageBox::RejectRole);
        box.setDefaultButton(retry);
        box.exec();
        if (offline && box.clickedButton() == offline) {
            m_rememberOnSuccess = false;
            return Attempt::Ready;
        }
        if (box.clickedButton() != retry) {
            *exitCode = 1;
            return Attempt::Quit;
        }
        startController();
    }
}

bool ServerConnection::firstSyncHeadless(QString* error)
{
    QEventLoop loop;
    bool completed = false;
    connect(m_controller.get(), &SyncController::initialSyncFinished, &loop,
            [&](bool done, const QString& message) {
                completed = done;
                *error = message;
                loop.quit();
            });
    // No one is there to wait for a retry: the first failure to reach the server ends it.
    connect(m_controller.get(), &SyncController::statusChanged, &loop, [&](const SyncStatus& status) {
        if (status.state == SyncStatus::State::AuthFailed
            || (status.state == SyncStatus::State::Offline && status.nextRetryInMs > 0)) {
            *error = tr("The first sync from %1 failed: %2").arg(m_account.serverUrl(), status.lastError);
            loop.quit();
        }
    });
    printError(tr("the local copy for %1 is empty: running the first sync.").arg(m_account.displayName()));
    m_controller->start();
    loop.exec();
    return completed;
}

void ServerConnection::startController()
{
    stopController();
    m_controller.reset(m_factory ? m_factory(m_store, m_account) : new SyncController(m_store, m_account.dsn()));
    connect(m_controller.get(), &SyncController::statusChanged, this, &ServerConnection::onStatus);
}

void ServerConnection::stopController()
{
    if (!m_controller)
        return;
    if (m_window)
        m_window->setSyncController(nullptr);
    m_controller->shutdown();
    m_controller.reset();
}

void ServerConnection::onStatus(const SyncStatus& status)
{
    const bool accepted = status.state == SyncStatus::State::Syncing || status.state == SyncStatus::State::Online;
    if (!accepted || !m_rememberOnSuccess)
        return;
    m_rememberOnSuccess = false;
    const Status stored = m_credentials->writePassword(m_account.credentialKey(), m_account.password());
    if (!stored) {
        notice(tr("The password could not be remembered: %1").arg(stored.errorMessage()));
        return;
    }
    ServerAccount::remember(m_options.dataDir, {m_account.serverUrl(), m_account.login(), true});
    qCInfo(lcSecurity) << "password remembered in the keychain for" << m_account.displayName();
}

void ServerConnection::notice(const QString& message)
{
    qCInfo(lcSync) << message;
    if (m_window)
        m_window->statusBar()->showMessage(message, 15000);
}

void ServerConnection::attach(MainWindow* window)
{
    m_window = window;
    window->setServerAccount(m_account.displayName());
    window->setSyncController(m_controller.get());
    connect(window, &MainWindow::signInRequested, this, &ServerConnection::signIn);
    connect(window, &MainWindow::signOutRequested, this, &ServerConnection::signOut);
}

void ServerConnection::waitUntilSettled(int timeoutMs)
{
    if (!m_controller)
        return;
    if (!settled(m_controller->status())) {
        QEventLoop loop;
        connect(m_controller.get(), &SyncController::statusChanged, &loop, [&loop](const SyncStatus& status) {
            if (settled(status))
                loop.quit();
        });
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (m_controller->status().state == SyncStatus::State::AuthFailed)
        printError(tr("the server refused the sign-in (%1); showing the local copy.").arg(m_controller->status().lastError));
}

void ServerConnection::signIn()
{
    SignInDialog dialog(keychainAvailable(), m_window);
    const ServerAccount::Remembered remembered = ServerAccount::remembered(m_options.dataDir);
    dialog.setPrefill({m_account.serverUrl(), m_account.login(), QString(), remembered.rememberPassword});
    dialog.setIdentityLocked(true);
    if (m_controller && m_controller->status().state == SyncStatus::State::AuthFailed)
        dialog.showError(tr("The server refused the sign-in: %1").arg(m_controller->status().lastError));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_account.setPassword(dialog.account().password());
    if (!dialog.rememberPassword() && remembered.rememberPassword) {
        const Status forgotten = m_credentials->deletePassword(m_account.credentialKey());
        if (!forgotten)
            notice(forgotten.errorMessage());
        ServerAccount::remember(m_options.dataDir, {m_account.serverUrl(), m_account.login(), false});
    }
    m_rememberOnSuccess = dialog.rememberPassword();
    startController();
    if (m_window)
        m_window->setSyncController(m_controller.get());
    m_controller->start();
}

void ServerConnection::signOut()
{
    stopController();
    m_account.setPassword(QString());
    m_rememberOnSuccess = false;
    const Status forgotten = m_credentials->deletePassword(m_account.credentialKey());
    ServerAccount::remember(m_options.dataDir, {m_account.serverUrl(), m_account.login(), false});
    if (!forgotten && forgotten.error().code != QLatin1String(CredentialStore::kNoKeychain))
        notice(tr("Signed out, but the remembered password could not be removed: %1").arg(forgotten.errorMessage()));
    else
        notice(tr("Signed out. No password is remembered on this computer; the local copy stays available offline."));
}

} // namespace telcodesk
