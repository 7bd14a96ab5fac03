#include "FakeCredentialStore.h"
#include "FakeRemote.h"
#include "GuiScenario.h"
#include "MainWindow.h"
#include "SyncScreens.h"
#include "SyncStatusWidget.h"
#include "customer/CustomerHeader.h"
#include "customer/CustomerPanel.h"
#include "common/Uuid.h"
#include "services/AgentDirectory.h"
#include "services/ConflictService.h"
#include "store/ChangeWriter.h"
#include "sync/ConflictsDialog.h"
#include "sync/FirstSyncDialog.h"
#include "sync/ServerConnection.h"
#include "sync/SignInDialog.h"
#include "sync/SyncController.h"

#include <QAction>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

const QString kServer = QStringLiteral("postgresql://crm.example.cn:5432/telcodesk");
const QString kKey = QStringLiteral("telcodesk:agent01@crm.example.cn:5432/telcodesk");

} // namespace

/// The sign-in flow of a server account against an in-memory server (FakeServer) and keychain
/// (FakeCredentialStore): when a dialog appears and when not, what is remembered and when, the first
/// sync, working offline, signing out; and SyncController's thread handling.
class TestServerConnection : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void controllerRunsTheEngineInItsThread();
    void shutdownInterruptsAHangingCall();
    void rememberedPasswordSignsInAtOnce();
    void signInRemembersOnlyOnceAccepted();
    void refusedLoginAsksAgainAndRemembersNothing();
    void withoutKeychainNothingIsStored();
    void workOfflineNeedsALocalCopy();
    void signOutForgetsThePassword();
    void pulledChangesRefreshTheOpenCustomer();
    void conflictResolvedAsMineReachesTheServer();
    void screenshotModeNeverAsks();
    void nothingRememberedIsTheEmbeddedDefault();

private:
    std::unique_ptr<ServerConnection> connection(bool interactive = true, const QString& serverUrl = kServer);
    void rememberAccount(bool withPassword);
    /// Fails the test if a sign-in dialog opens.
    void refuseSignInDialog();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<FakeServer> m_server;
    std::shared_ptr<FakeCredentialStore> m_keychain;
    bool m_signInShown = false;
    std::unique_ptr<QTimer> m_guard;
    QString m_customerId;
};

void TestServerConnection::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_shared<FakeServer>();
    m_keychain = std::make_shared<FakeCredentialStore>();
    m_signInShown = false;
    m_server->put(QStringLiteral("agent"), QJsonObject{{QStringLiteral("id"), UuidV7::create()},
                                                       {QStringLiteral("login"), QStringLiteral("agent01")},
                                                       {QStringLiteral("display_name"), QStringLiteral("田建浩")},
                                                       {QStringLiteral("role"), QStringLiteral("agent")},
                                                       {QStringLiteral("region_code"), QStringLiteral("440100")},
                                                       {QStringLiteral("skills"), QString()}});
    for (int i = 0; i < 3; ++i) {
        const QString id = UuidV7::create();
        if (i == 0)
            m_customerId = id;
        m_server->put(QStringLiteral("customer"),
                      QJsonObject{{QStringLiteral("id"), id},
                                  {QStringLiteral("account_no"), QStringLiteral("A%1").arg(i)},
                                  {QStringLiteral("name"), QStringLiteral("客户%1").arg(i)},
                                  {QStringLiteral("name_norm"), QStringLiteral("客户%1").arg(i)},
                                  {QStringLiteral("type"), QStringLiteral("individual")},
                                  {QStringLiteral("status"), QStringLiteral("active")},
                                  {QStringLiteral("region_code"), QStringLiteral("440106")}});
    }
}

void TestServerConnection::cleanup()
{
    m_guard.reset();
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<ServerConnection> TestServerConnection::connection(bool interactive, const QString& serverUrl)
{
    auto c = std::make_unique<ServerConnection>(
        ServerConnection::Options{m_dir->path(), serverUrl, QString(), interactive}, m_keychain);
    const std::shared_ptr<FakeServer> server = m_server;
    c->setControllerFactory([server](LocalStorePtr store, const ServerAccount&) {
        SyncEngine::Options options;
        options.backoffInitialMs = 50;
        options.backoffMaxMs = 200;
        return new SyncController(std::move(store), [server] { return std::make_unique<FakeRemote>(server); }, options);
    });
    return c;
}

void TestServerConnection::rememberAccount(bool withPassword)
{
    ServerAccount::remember(m_dir->path(), {kServer, QStringLiteral("agent01"), withPassword});
    if (withPassword)
        QVERIFY(m_keychain->writePassword(kKey, QStringLiteral("remembered-pw")));
}

void TestServerConnection::refuseSignInDialog()
{
    // A timer of this test (not onNextModal's): stopped in cleanup(), it cannot catch the next test's dialog.
    m_guard = std::make_unique<QTimer>();
    m_guard->setInterval(20);
    connect(m_guard.get(), &QTimer::timeout, this, [this] {
        if (auto* dialog = qobject_cast<SignInDialog*>(QApplication::activeModalWidget())) {
            m_signInShown = true;
            dialog->reject();
        }
    });
    m_guard->start();
}

void TestServerConnection::controllerRunsTheEngineInItsThread()
{
    TempStore temp;
    QVERIFY(temp.ok());
    const std::shared_ptr<FakeServer> server = m_server;
    QThread* factoryThread = nullptr;
    SyncController controller(temp.store(), [server, &factoryThread] {
        factoryThread = QThread::currentThread();
        return std::make_unique<FakeRemote>(server);
    }, SyncEngine::Options());
    QSignalSpy status(&controller, &SyncController::statusChanged);
    QSignalSpy finished(&controller, &SyncController::initialSyncFinished);
    QSignalSpy data(&controller, &SyncController::dataChanged);
    controller.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY(finished.at(0).at(0).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(controller.status().state, SyncStatus::State::Online, 5000);
    QVERIFY(factoryThread != nullptr);
    QVERIFY(factoryThread != QThread::currentThread()); // the remote is never made on the GUI thread
    QVERIFY(data.count() >= 1);
    QVERIFY(data.at(0).at(0).toStringList().contains(QStringLiteral("customer")));
    QSqlQuery q(temp.store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM customer")) && q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    q.finish();
    controller.shutdown();
    QVERIFY(!controller.isRunning());
}

void TestServerConnection::shutdownInterruptsAHangingCall()
{
    TempStore temp;
    QVERIFY(temp.ok());
    m_server->hangNext(QStringLiteral("finishPull"));
    const std::shared_ptr<FakeServer> server = m_server;
    SyncController controller(temp.store(), [server] { return std::make_unique<FakeRemote>(server); },
                              SyncEngine::Options());
    controller.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->hangingNow(), 1, 10000);
    QElapsedTimer timer;
    timer.start();
    controller.shutdown();
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(m_server->hangingNow(), 0);
}

void TestServerConnection::rememberedPasswordSignsInAtOnce()
{
    rememberAccount(true);
    QVERIFY(ServerConnection::wanted(m_dir->path(), QString()));
    auto c = connection(true, QString()); // no --server: the remembered one
    refuseSignInDialog();
    int exitCode = -1;
    QVERIFY(c->open(&exitCode));
    QVERIFY(!m_signInShown);
    QCOMPARE(c->session().login, QStringLiteral("agent01"));
    QCOMPARE(c->session().displayName, QStringLiteral("田建浩"));
    QCOMPARE(c->account().password(), QStringLiteral("remembered-pw"));
    QVERIFY(c->store()->path().contains(QStringLiteral("/servers/agent01@crm.example.cn_5432_telcodesk/")));
    QVERIFY(c->controller() && c->controller()->isRunning());
    QCOMPARE(AgentDirectory(c->store()).customerCount(), 3);
}

void TestServerConnection::signInRemembersOnlyOnceAccepted()
{
    QVERIFY(!ServerConnection::wanted(m_dir->path(), QString()));
    auto c = connection();
    // Checked after the dialog: a failed check inside it would leave it open.
    QString shownServer;
    bool rememberEnabled = false;
    onNextModal<SignInDialog>([&](SignInDialog* dialog) {
        m_signInShown = true;
        shownServer = dialog->serverEdit()->text();
        rememberEnabled = dialog->rememberBox()->isEnabled();
        dialog->loginEdit()->setText(QStringLiteral("agent01"));
        dialog->passwordEdit()->setText(QStringLiteral("typed-pw"));
        dialog->rememberBox()->setChecked(true);
        dialog->trySignIn();
    });
    int exitCode = -1;
    QVERIFY(c->open(&exitCode));
    QVERIFY(m_signInShown);
    QCOMPARE(shownServer, kServer);
    QVERIFY(rememberEnabled);
    QTRY_COMPARE_WITH_TIMEOUT(m_keychain->entries().value(kKey), QStringLiteral("typed-pw"), 5000);
    const ServerAccount::Remembered r = ServerAccount::remembered(m_dir->path());
    QCOMPARE(r.serverUrl, kServer);
    QCOMPARE(r.login, QStringLiteral("agent01"));
    QVERIFY(r.rememberPassword);
    // The settings file holds no password.
    QFile ini(ServerAccount::settingsFile(m_dir->path()));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains("typed-pw"));
    QVERIFY(ServerConnection::wanted(m_dir->path(), QString()));
}

void TestServerConnection::refusedLoginAsksAgainAndRemembersNothing()
{
    m_server->failNext(QStringLiteral("open"), QStringLiteral("auth"));
    auto c = connection();
    int dialogs = 0;
    QString secondError;
    QString secondLogin;
    QString secondPassword = QStringLiteral("unset");
    std::function<void(SignInDialog*)> answer = [&](SignInDialog* dialog) {
        ++dialogs;
        if (dialogs == 2) {
            secondError = dialog->errorText();
            secondLogin = dialog->loginEdit()->text();
            secondPassword = dialog->passwordEdit()->text();
        } else {
            onNextModal<SignInDialog>(answer);
        }
        dialog->loginEdit()->setText(QStringLiteral("agent01"));
        dialog->passwordEdit()->setText(dialogs == 1 ? QStringLiteral("wrong") : QStringLiteral("right"));
        dialog->rememberBox()->setChecked(true);
        dialog->trySignIn();
    };
    onNextModal<SignInDialog>(answer);
    int exitCode = -1;
    QVERIFY(c->open(&exitCode));
    QCOMPARE(dialogs, 2);
    QVERIFY2(secondError.startsWith(QStringLiteral("The server refused the sign-in:")), qPrintable(secondError));
    QCOMPARE(secondLogin, QStringLiteral("agent01"));
    QCOMPARE(secondPassword, QString()); // the refused one is not kept
    QTRY_COMPARE_WITH_TIMEOUT(m_keychain->entries().value(kKey), QStringLiteral("right"), 5000);
    QCOMPARE(m_keychain->writes(), 1); // "wrong" never reached the keychain
}

void TestServerConnection::withoutKeychainNothingIsStored()
{
    m_keychain->setMode(FakeCredentialStore::Mode::NoKeychain);
    auto c = connection();
    bool rememberEnabled = true;
    bool noteVisible = false;
    onNextModal<SignInDialog>([&](SignInDialog* dialog) {
        m_signInShown = true;
        rememberEnabled = dialog->rememberBox()->isEnabled();
        noteVisible = dialog->keychainNote()->isVisible();
        dialog->loginEdit()->setText(QStringLiteral("agent01"));
        dialog->passwordEdit()->setText(QStringLiteral("pw"));
        dialog->trySignIn();
    });
    int exitCode = -1;
    QVERIFY(c->open(&exitCode));
    QVERIFY(m_signInShown);
    QVERIFY(!rememberEnabled);
    QVERIFY(noteVisible);
    QTRY_COMPARE_WITH_TIMEOUT(c->controller()->status().state, SyncStatus::State::Online, 5000);
    QCOMPARE(m_keychain->writes(), 0);
    QVERIFY(!ServerAccount::remembered(m_dir->path()).rememberPassword);
    // Next start without --server: nothing makes the server the default.
    QVERIFY(!ServerConnection::wanted(m_dir->path(), QString()));
}

void TestServerConnection::workOfflineNeedsALocalCopy()
{
    auto c = connection();
    QString secondError;
    onNextModal<SignInDialog>([&](SignInDialog* first) {
        first->loginEdit()->setText(QStringLiteral("agent01"));
        onNextModal<SignInDialog>([&](SignInDialog* second) {
            secondError = second->errorText();
            second->passwordEdit()->setText(QStringLiteral("pw"));
            second->trySignIn();
        });
        first->workOfflineButton()->click();
    });
    int exitCode = -1;
    QVERIFY(c->open(&exitCode));
    QVERIFY2(secondError.startsWith(QStringLiteral("There is no copy of agent01's data from this server")),
             qPrintable(secondError));
    c.reset();

    // With a local copy, Work offline opens it and no sync runs.
    auto again = connection();
    onNextModal<SignInDialog>([](SignInDialog* dialog) { dialog->workOfflineButton()->click(); });
    QVERIFY(again->open(&exitCode));
    QVERIFY(again->controller() == nullptr);
    QCOMPARE(AgentDirectory(again->store()).customerCount(), 3);
    MainWindow window(again->store(), again->session(), MainWindow::Options{again->account().serverUrl()});
    again->attach(&window);
    QCOMPARE(window.syncStatus()->serverText(), QStringLiteral("Offline — signed out"));
    QVERIFY(!window.syncNowAction()->isEnabled());
}

void TestServerConnection::signOutForgetsThePassword()
{
    rememberAccount(true);
    auto c = connection(true, QString());
    int exitCode = -1;
    QVERIFY(c->open(&exitCode));
    MainWindow window(c->store(), c->session(), MainWindow::Options{c->account().serverUrl()});
    c->attach(&window);
    QVERIFY(window.accountMenu() != nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(window.syncStatus()->serverText(), QStringLiteral("Online"), 5000);
    QVERIFY(window.syncNowAction()->isEnabled());
    saveScreen(&window, QStringLiteral("mainwindow_online_en"));

    window.signOutAction()->trigger();
    QVERIFY(c->controller() == nullptr);
    QCOMPARE(window.syncStatus()->serverText(), QStringLiteral("Offline — signed out"));
    QVERIFY(window.syncStatus()->offersSignIn());
    QVERIFY(!window.syncNowAction()->isEnabled());
    QVERIFY(m_keychain->entries().isEmpty());
    QVERIFY(!ServerAccount::remembered(m_dir->path()).rememberPassword);
    QCOMPARE(ServerAccount::remembered(m_dir->path()).login, QStringLiteral("agent01")); // kept to fill in the dialog
    QVERIFY(!ServerConnection::wanted(m_dir->path(), QString()));

    // Sign in again from the menu: the identity is fixed, the password asked.
    bool locked = false;
    QString lockedLogin;
    onNextModal<SignInDialog>([&](SignInDialog* dialog) {
        locked = dialog->loginEdit()->isReadOnly();
        lockedLogin = dialog->loginEdit()->text();
        dialog->passwordEdit()->setText(QStringLiteral("again"));
        dialog->rememberBox()->setChecked(false);
        dialog->trySignIn();
    });
    window.signInAction()->trigger();
    QVERIFY(locked);
    QCOMPARE(lockedLogin, QStringLiteral("agent01"));
    QVERIFY(c->controller() != nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(window.syncStatus()->serverText(), QStringLiteral("Online"), 5000);
    QVERIFY(m_keychain->entries().isEmpty());
}

void TestServerConnection::pulledChangesRefreshTheOpenCustomer()
{
    rememberAccount(true);
    auto c = connection(true, QString());
    int exitCode = -1;
    QVERIFY(c->open(&exitCode));
    MainWindow window(c->store(), c->session(), MainWindow::Options{c->account().serverUrl()});
    c->attach(&window);
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(window.syncStatus()->serverText(), QStringLiteral("Online"), 5000);
    QVERIFY(window.openCustomer(m_customerId).ok());
    QCOMPARE(window.customerPanel()->header()->nameText(), QStringLiteral("客户0"));

    // Another desktop renames the customer; the server's NOTIFY makes this one pull, and the panel shows it.
    m_server->update(QStringLiteral("customer"), m_customerId, QJsonObject{{QStringLiteral("name"), QStringLiteral("客户零")}});
    m_server->notifyListeners();
    QTRY_COMPARE_WITH_TIMEOUT(window.customerPanel()->header()->nameText(), QStringLiteral("客户零"), 5000);
    QVERIFY(window.isShowingCustomer());

    // The customer leaves this agent's scope: the window goes back to the search and says why.
    m_server->evict(QStringLiteral("customer"), m_customerId);
    m_server->notifyListeners();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isShowingCustomer(), 5000);
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("The customer you were viewing is no longer in your data")));
}

void TestServerConnection::conflictResolvedAsMineReachesTheServer()
{
    const QString ticket = UuidV7::create();
    m_server->put(QStringLiteral("ticket"), QJsonObject{{QStringLiteral("id"), ticket},
                                                        {QStringLiteral("ticket_no"), QStringLiteral("T2026-0001")},
                                                        {QStringLiteral("customer_id"), m_customerId},
                                                        {QStringLiteral("kind"), QStringLiteral("fault")},
                                                        {QStringLiteral("priority"), 2},
                                                        {QStringLiteral("status"), QStringLiteral("open")},
                                                        {QStringLiteral("channel"), QStringLiteral("hotline")},
                                                        {QStringLiteral("title"), QStringLiteral("宽带断网")},
                                                        {QStringLiteral("description"), QString()},
                                                        {QStringLiteral("created_at"), 1780000000000.0}});
    rememberAccount(true);
    auto c = connection(true, QString());
    int exitCode = -1;
    QVERIFY(c->open(&exitCode));
    MainWindow window(c->store(), c->session(), MainWindow::Options{c->account().serverUrl()});
    c->attach(&window);
    QTRY_COMPARE_WITH_TIMEOUT(window.syncStatus()->serverText(), QStringLiteral("Online"), 5000);

    // This desktop retitles the ticket while another already did: the server keeps its title and
    // records a conflict, which the status bar offers.
    m_server->conflictSeq(1, QStringLiteral("title"), QStringLiteral("宽带故障（他人修改）"));
    Change change;
    change.op = Change::Op::Update;
    change.table = QStringLiteral("ticket");
    change.id = ticket;
    change.fields = {{QStringLiteral("title"), QStringLiteral("光猫故障，已预约上门")}};
    QVERIFY(ChangeWriter(c->store()).apply(change));
    QTRY_VERIFY_WITH_TIMEOUT(!window.syncStatus()->conflictsText().isEmpty(), 5000);
    const auto open = ConflictService(c->store()).openConflicts();
    QVERIFY(open && open->size() == 1);
    const QString conflictId = open->at(0).id;

    onNextModal<ConflictsDialog>([conflictId](ConflictsDialog* dialog) {
        if (QRadioButton* mine = dialog->mineButton(conflictId))
            mine->click();
        dialog->applyButton()->click();
        if (dialog->isVisible())
            dialog->reject();
    });
    window.showConflicts();

    // The choice travels as a new change and the server is told the conflict is closed.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->row(QStringLiteral("ticket"), ticket).value(QStringLiteral("title")).toString(),
                              QStringLiteral("光猫故障，已预约上门"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->resolvedConflictIds().contains(conflictId), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(window.syncStatus()->conflictsText(), QString(), 5000);
}

void TestServerConnection::screenshotModeNeverAsks()
{
    auto c = connection(false);
    refuseSignInDialog();
    int exitCode = 0;
    QVERIFY(!c->open(&exitCode));
    QCOMPARE(exitCode, 1);
    QVERIFY(!m_signInShown);

    // A password in the address is enough; the first sync runs without a dialog.
    auto withPassword = connection(false, QStringLiteral("postgresql://agent01:pw@crm.example.cn:5432/telcodesk"));
    QVERIFY(withPassword->open(&exitCode));
    QCOMPARE(AgentDirectory(withPassword->store()).customerCount(), 3);
    withPassword->waitUntilSettled(5000);
    QCOMPARE(withPassword->controller()->status().state, SyncStatus::State::Online);
    QVERIFY(!m_signInShown);
}

void TestServerConnection::nothingRememberedIsTheEmbeddedDefault()
{
    QVERIFY(!ServerConnection::wanted(m_dir->path(), QString()));
    ServerAccount::remember(m_dir->path(), {kServer, QStringLiteral("agent01"), false});
    QVERIFY(!ServerConnection::wanted(m_dir->path(), QString()));
    QVERIFY(ServerConnection::wanted(m_dir->path(), kServer));
}

QTEST_MAIN(TestServerConnection)
#include "tst_serverconnection.moc"
