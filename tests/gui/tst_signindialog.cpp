#include "SyncScreens.h"
#include "sync/SignInDialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

using namespace telcodesk;
using namespace telcodesk::test;

class TestSignInDialog : public QObject
{
    Q_OBJECT
private slots:
    void invalidEntriesAreExplained_data();
    void invalidEntriesAreExplained();
    void validEntriesGiveTheAccount();
    void loginAndPasswordInTheAddressFillTheFields();
    void enterSignsIn();
    void workOfflineRejects();
    void rememberMeWithAKeychain();
    void rememberMeDisabledWithoutKeychain();
    void prefillFocusesTheFirstEmptyField();
    void identityLockedForSigningInAgain();
    void chineseScreens();
};

void TestSignInDialog::invalidEntriesAreExplained_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("field");   // the field that takes the focus
    QTest::addColumn<QString>("message"); // the start of the message shown
    QTest::newRow("no address") << "" << "agent01" << "pw" << "serverEdit" << "No server address was given";
    QTest::newRow("not postgresql") << "http://crm.example.cn/telcodesk" << "agent01" << "pw" << "serverEdit"
                                    << "The server address must start with postgresql://";
    QTest::newRow("no database") << "postgresql://crm.example.cn:5432" << "agent01" << "pw" << "serverEdit"
                                 << "The server address names no database";
    QTest::newRow("bad port") << "postgresql://crm.example.cn:99999/telcodesk" << "agent01" << "pw" << "serverEdit"
                              << "The server address is not a valid URL";
    QTest::newRow("unknown option") << "postgresql://crm.example.cn/telcodesk?host=evil" << "agent01" << "pw"
                                    << "serverEdit" << "Unknown option \"host\"";
    QTest::newRow("no login") << "postgresql://crm.example.cn/telcodesk" << "" << "pw" << "loginEdit"
                              << "Enter your login.";
    QTest::newRow("bad login") << "postgresql://crm.example.cn/telcodesk" << "Agent 01" << "pw" << "loginEdit"
                               << "\"Agent 01\" is not a valid login";
    QTest::newRow("no password") << "postgresql://crm.example.cn/telcodesk" << "agent01" << "" << "passwordEdit"
                                 << "Enter your password.";
}

void TestSignInDialog::invalidEntriesAreExplained()
{
    QFETCH(QString, server);
    QFETCH(QString, login);
    QFETCH(QString, password);
    QFETCH(QString, field);
    QFETCH(QString, message);
    SignInDialog dialog(true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setPrefill({server, login, password, false});
    dialog.signInButton()->click();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(dialog.errorText().startsWith(message), qPrintable(dialog.errorText()));
    QCOMPARE(QApplication::focusWidget()->objectName(), field);
    // Nothing typed is lost.
    QCOMPARE(dialog.passwordEdit()->text(), password);
}

void TestSignInDialog::validEntriesGiveTheAccount()
{
    SignInDialog dialog(true);
    dialog.setPrefill({QStringLiteral(" postgresql://crm.example.cn:6543/telcodesk?sslmode=require "),
                       QStringLiteral("agent01"), QStringLiteral("s3cret"), false});
    dialog.trySignIn();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.errorText(), QString());
    const ServerAccount account = dialog.account();
    QCOMPARE(account.login(), QStringLiteral("agent01"));
    QCOMPARE(account.password(), QStringLiteral("s3cret"));
    QCOMPARE(account.dsn().host, QStringLiteral("crm.example.cn"));
    QCOMPARE(account.dsn().port, 6543);
    QCOMPARE(account.dsn().database, QStringLiteral("telcodesk"));
    QCOMPARE(account.serverUrl(), QStringLiteral("postgresql://crm.example.cn:6543/telcodesk?sslmode=require"));
    QCOMPARE(account.credentialKey(), QStringLiteral("telcodesk:agent01@crm.example.cn:6543/telcodesk"));
    QVERIFY(!dialog.rememberPassword());
}

void TestSignInDialog::loginAndPasswordInTheAddressFillTheFields()
{
    SignInDialog dialog(true);
    dialog.setPrefill({QStringLiteral("postgresql://li_na:pa%40ss@10.1.2.3/crm_gd"), QString(), QString(), false});
    dialog.trySignIn();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    // The address keeps neither: it is what settings remember.
    QCOMPARE(dialog.serverEdit()->text(), QStringLiteral("postgresql://10.1.2.3:5432/crm_gd"));
    QCOMPARE(dialog.loginEdit()->text(), QStringLiteral("li_na"));
    QCOMPARE(dialog.account().password(), QStringLiteral("pa@ss"));
}

void TestSignInDialog::enterSignsIn()
{
    SignInDialog dialog(true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setPrefill({QStringLiteral("postgresql://crm.example.cn/telcodesk"), QStringLiteral("agent01"), QString(), false});
    QCOMPARE(QApplication::focusWidget(), dialog.passwordEdit());
    QCOMPARE(dialog.passwordEdit()->echoMode(), QLineEdit::Password);
    QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("pw"));
    QTest::keyClick(dialog.passwordEdit(), Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.account().password(), QStringLiteral("pw"));
}

void TestSignInDialog::workOfflineRejects()
{
    SignInDialog dialog(true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.workOfflineButton()->click();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.isVisible());
}

void TestSignInDialog::rememberMeWithAKeychain()
{
    SignInDialog dialog(true);
    QVERIFY(dialog.rememberBox()->isEnabled());
    QVERIFY(dialog.keychainNote()->isHidden());
    dialog.setPrefill({QStringLiteral("postgresql://crm.example.cn/telcodesk"), QStringLiteral("agent01"),
                       QStringLiteral("pw"), true});
    QVERIFY(dialog.rememberBox()->isChecked());
    QVERIFY(dialog.rememberPassword());
    dialog.rememberBox()->setChecked(false);
    QVERIFY(!dialog.rememberPassword());
}

void TestSignInDialog::rememberMeDisabledWithoutKeychain()
{
    SignInDialog dialog(false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.rememberBox()->isEnabled());
    QVERIFY(dialog.keychainNote()->isVisible());
    QCOMPARE(dialog.keychainNote()->text(),
             QStringLiteral("No keychain is available on this computer: the password will be asked for each "
                            "session and not stored."));
    // Even a prefill that asks for it cannot tick it.
    dialog.setPrefill({QStringLiteral("postgresql://crm.example.cn/telcodesk"), QStringLiteral("agent01"),
                       QStringLiteral("pw"), true});
    QVERIFY(!dialog.rememberBox()->isChecked());
    QVERIFY(!dialog.rememberPassword());
    saveScreen(&dialog, QStringLiteral("signin_nokeychain_en"));
}

void TestSignInDialog::prefillFocusesTheFirstEmptyField()
{
    SignInDialog dialog(true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setPrefill({});
    QCOMPARE(QApplication::focusWidget(), dialog.serverEdit());
    dialog.setPrefill({QStringLiteral("postgresql://crm.example.cn/telcodesk"), QString(), QString(), false});
    QCOMPARE(QApplication::focusWidget(), dialog.loginEdit());
    dialog.showError(QStringLiteral("The server refused the sign-in."));
    saveScreen(&dialog, QStringLiteral("signin_error_en"));
}

void TestSignInDialog::identityLockedForSigningInAgain()
{
    SignInDialog dialog(true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setPrefill({QStringLiteral("postgresql://crm.example.cn/telcodesk"), QStringLiteral("agent01"), QString(), false});
    dialog.setIdentityLocked(true);
    QVERIFY(dialog.serverEdit()->isReadOnly());
    QVERIFY(dialog.loginEdit()->isReadOnly());
    QVERIFY(!dialog.passwordEdit()->isReadOnly());
    QCOMPARE(QApplication::focusWidget(), dialog.passwordEdit());
}

void TestSignInDialog::chineseScreens()
{
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(":/i18n/telcodesk_zh_CN.qm")));
    QCoreApplication::installTranslator(&chinese);
    SignInDialog dialog(true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setPrefill({QStringLiteral("postgresql://crm.example.cn/telcodesk"), QStringLiteral("agent01"), QString(), true});
    dialog.trySignIn();
    QCOMPARE(dialog.errorText(), QStringLiteral("请输入密码。"));
    QCOMPARE(dialog.workOfflineButton()->text(), QStringLiteral("离线工作"));
    saveScreen(&dialog, QStringLiteral("signin_zh"));
    SignInDialog without(false);
    without.show();
    saveScreen(&without, QStringLiteral("signin_nokeychain_zh"));
    QCoreApplication::removeTranslator(&chinese);
}

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
