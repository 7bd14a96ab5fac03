#include "sync/SignInDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace telcodesk {

SignInDialog::SignInDialog(bool keychainAvailable, QWidget* parent)
    : QDialog(parent)
    , m_server(new QLineEdit(this))
    , m_login(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember me on this computer"), this))
    , m_keychainNote(new QLabel(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to the TelcoDesk server"));

    auto* intro = new QLabel(tr("Sign in to sync this desktop with the central server. You can keep working "
                                "while the network is down: changes wait on this computer until they are sent."),
                             this);
    intro->setWordWrap(true);

    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_server->setPlaceholderText(QStringLiteral("postgresql://crm.example.cn:5432/telcodesk"));
    m_server->setToolTip(tr("The address your administrator gave you: postgresql://HOST:PORT/DATABASE"));
    m_login->setObjectName(QStringLiteral("loginEdit"));
    m_login->setPlaceholderText(tr("e.g. agent01"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember->setObjectName(QStringLiteral("rememberBox"));

    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; }"));
    if (keychainAvailable) {
        m_remember->setToolTip(tr("The password is kept in this computer's keychain, never in a file."));
        m_keychainNote->hide();
    } else {
        m_remember->setEnabled(false);
        m_remember->setChecked(false);
        m_keychainNote->setText(tr("No keychain is available on this computer: the password will be asked for "
                                   "each session and not stored."));
    }

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&Login:"), m_login);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_keychainNote);

    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }"));
    m_error->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    m_offline = buttons->addButton(tr("Work offline"), QDialogButtonBox::RejectRole);
    m_offline->setObjectName(QStringLiteral("workOfflineButton"));
    m_offline->setToolTip(tr("Open the copy of the data already on this computer without connecting."));
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::trySignIn);
    connect(m_offline, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    m_server->setFocus();
}

void SignInDialog::setPrefill(const Prefill& prefill)
{
    m_server->setText(prefill.serverUrl);
    m_login->setText(prefill.login);
    m_password->setText(prefill.password);
    if (m_remember->isEnabled())
        m_remember->setChecked(prefill.remember);
    // The first field still empty takes the focus, so that the agent types straight away.
    QLineEdit* first = m_server->text().isEmpty() ? m_server : m_login->text().isEmpty() ? m_login : m_password;
    first->setFocus();
}

void SignInDialog::setIdentityLocked(bool locked)
{
    m_server->setReadOnly(locked);
    m_login->setReadOnly(locked);
    if (locked)
        m_password->setFocus();
}

void SignInDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QString SignInDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool SignInDialog::rememberPassword() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

void SignInDialog::fail(QLineEdit* field, const QString& message)
{
    showError(message);
    field->setFocus();
    field->selectAll();
}

void SignInDialog::trySignIn()
{
    const Result<PgDsn> parsed = PgDsn::parse(m_server->text());
    if (!parsed) {
        fail(m_server, parsed.errorMessage());
        return;
    }
    PgDsn dsn = parsed.value();
    // A login or password written into the address fills the fields left empty, and leaves the address.
    QString login = m_login->text().trimmed();
    if (login.isEmpty())
        login = dsn.user;
    QString password = m_password->text();
    if (password.isEmpty())
        password = dsn.password;
    dsn.user.clear();
    dsn.password.clear();
    m_server->setText(dsn.toUrl());
    m_login->setText(login);

    if (login.isEmpty()) {
        fail(m_login, tr("Enter your login."));
        return;
    }
    if (!ServerAccount::isValidLogin(login)) {
        fail(m_login, tr("\"%1\" is not a valid login: a login is made of lower-case letters, digits and \"_\", "
                         "and does not start with a digit.")
                          .arg(login.left(64)));
        return;
    }
    if (password.isEmpty()) {
        fail(m_password, tr("Enter your password."));
        return;
    }
    m_password->setText(password);
    m_account = ServerAccount(dsn.withLogin(login, password));
    showError(QString());
    accept();
}

} // namespace telcodesk
