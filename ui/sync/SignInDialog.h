#pragma once

#include "sync/ServerAccount.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace telcodesk {

/// Signs an agent in to the central server: the server's address (postgresql://host:port/database),
/// the login and the password, and "Remember me" to keep the password in the OS keychain. Without a
/// keychain the box is disabled and says why: the password is then asked for each session and never
/// stored. "Work offline" rejects the dialog.
///
/// What was typed is checked before the dialog accepts (address, login, password); the message is
/// shown under the fields and the field in question takes the focus. Nothing is sent anywhere here:
/// whether the server accepts the login is for the sync engine to find out.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    struct Prefill
    {
        QString serverUrl;
        QString login;
        QString password;
        bool remember = false;
    };

    /// keychainAvailable: whether "Remember me" can work on this computer.
    explicit SignInDialog(bool keychainAvailable, QWidget* parent = nullptr);

    void setPrefill(const Prefill& prefill);
    /// Signing in again to the account already open: the server and the login cannot change.
    void setIdentityLocked(bool locked);
    /// A message from the previous attempt (e.g. the server refused the login).
    void showError(const QString& message);

    /// Checks the fields; accepts the dialog when they are right, shows why not otherwise.
    void trySignIn();

    /// Valid after accept(): the server with login and password.
    ServerAccount account() const { return m_account; }
    bool rememberPassword() const;

    QString errorText() const;
    QLineEdit* serverEdit() const { return m_server; }
    QLineEdit* loginEdit() const { return m_login; }
    QLineEdit* passwordEdit() const { return m_password; }
    QCheckBox* rememberBox() const { return m_remember; }
    QLabel* keychainNote() const { return m_keychainNote; }
    QPushButton* signInButton() const { return m_signIn; }
    QPushButton* workOfflineButton() const { return m_offline; }

private:
    void fail(QLineEdit* field, const QString& message);

    QLineEdit* m_server = nullptr;
    QLineEdit* m_login = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_remember = nullptr;
    QLabel* m_keychainNote = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_signIn = nullptr;
    QPushButton* m_offline = nullptr;
    ServerAccount m_account;
};

} // namespace telcodesk
