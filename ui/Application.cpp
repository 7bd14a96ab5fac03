#include "Application.h"

#include "DemoDataSetup.h"
#include "MainWindow.h"
#include "ScreenPop.h"
#include "common/Logging.h"
#include "customer/CustomerPanel.h"
#include "retention/ScoringController.h"
#include "security/CredentialStore.h"
#include "services/AgentDirectory.h"
#include "services/Customer360Service.h"
#include "sync/ServerConnection.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QImageWriter>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace telcodesk {

namespace {

void printError(const QString& message)
{
    std::fprintf(stderr, "telcodesk: %s\n", qPrintable(message));
}

bool hasArgument(int argc, char** argv, std::initializer_list<const char*> names)
{
    for (int i = 1; i < argc; ++i) {
        for (const char* name : names) {
            const QByteArray arg(argv[i]);
            if (arg == name || arg.startsWith(QByteArray(QByteArray(name) + '=')))
                return true;
        }
    }
    return false;
}

/// The value of "--name VALUE" or "--name=VALUE" before QCoreApplication exists (for --lang, which the
/// help text itself needs).
QString argumentValue(int argc, char** argv, const char* name)
{
    const QByteArray key(name);
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == key && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (arg.startsWith(QByteArray(key + '=')))
            return QString::fromLocal8Bit(arg.mid(key.size() + 1));
    }
    return QString();
}

struct OptionSet
{
    QCommandLineOption dataDir{QStringLiteral("data-dir"),
                               Application::tr("Folder of the local database (default: %1).")
                                   .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
                               Application::tr("DIR")};
    QCommandLineOption lang{QStringLiteral("lang"),
                            Application::tr("Language of the user interface: zh_CN or en (default: from the "
                                            "system locale)."),
                            Application::tr("LANG")};
    QCommandLineOption user{QStringLiteral("user"),
                            Application::tr("Login of the local agent to sign in as (default: the demo "
                                            "data set's default agent)."),
                            Application::tr("LOGIN")};
    QCommandLineOption server{QStringLiteral("server"),
                              Application::tr("Central server to sync with: postgresql://HOST:PORT/DATABASE. "
                                              "The sign-in asks for the login and password (default: the server "
                                              "of the last sign-in in this data folder; without one, the local "
                                              "demo database)."),
                              Application::tr("URL")};
    QCommandLineOption view{QStringLiteral("view"),
                            Application::tr("What to show first: customer:MSISDN, search, search:QUERY, tickets, "
                                            "kb or kb:QUERY (the knowledge base with the results for QUERY "
                                            "and the first one open), or retention."),
                            Application::tr("VIEW")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  Application::tr("Render the first view after its data has loaded, save it "
                                                  "as a PNG file and exit."),
                                  Application::tr("FILE")};
    QCommandLineOption pop{QStringLiteral("pop"),
                           Application::tr("Screen-pop a caller: the running TelcoDesk opens the customer "
                                           "with this number (or a new one starts with it)."),
                           Application::tr("MSISDN")};
    QCommandLineOption demoSize{QStringLiteral("demo-customers"),
                                Application::tr("Customers in the demo database created on first start "
                                                "(default: %1).")
                                    .arg(DemoDataSetup::kDefaultCustomers),
                                Application::tr("N"), QString::number(DemoDataSetup::kDefaultCustomers)};

    void addTo(QCommandLineParser& parser) const
    {
        parser.setApplicationDescription(
            Application::tr("TelcoDesk — the desktop workstation for telecom customer service agents."));
        parser.addHelpOption();
        parser.addVersionOption();
        for (const QCommandLineOption* option : {&dataDir, &lang, &user, &server, &view, &screenshot, &pop, &demoSize})
            parser.addOption(*option);
    }
};

/// Grabs the window and writes the PNG; returns the exit code.
int saveScreenshot(MainWindow& window, const QString& file)
{
    const QPixmap pixmap = window.grab();
    QImageWriter writer(file, "png");
    if (!writer.write(pixmap.toImage())) {
        printError(Application::tr("cannot write the screenshot %1: %2").arg(file, writer.errorString()));
        return 1;
    }
    std::fprintf(stdout, "%s\n", qPrintable(Application::tr("Screenshot saved to %1 (%2×%3).")
                                                .arg(QFileInfo(file).absoluteFilePath())
                                                .arg(pixmap.width())
                                                .arg(pixmap.height())));
    return 0;
}

} // namespace

QString Application::defaultLanguage()
{
    return QLocale::system().name().startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

void Application::installTranslations(const QString& language)
{
    QLocale::setDefault(QLocale(language));
    auto* app = QCoreApplication::instance();
    if (language == QLatin1String("zh_CN")) {
        auto* qt = new QTranslator(app);
        if (qt->load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qt);
        else
            qCWarning(lcServices) << "Qt's Chinese translations were not found; Qt's own dialogs stay in English";
    }
    auto* ours = new QTranslator(app);
    if (ours->load(QStringLiteral(":/i18n/telcodesk_%1.qm").arg(language)))
        QCoreApplication::installTranslator(ours);
    else
        qCWarning(lcServices) << "no TelcoDesk translation for" << language;
}

LocalStorePtr Application::openStore(const QString& dataDir, bool interactive, int* exitCode)
{
    const QString path = QDir(dataDir).filePath(QString::fromLatin1(LocalStore::kFileName));
    for (;;) {
        auto opened = LocalStore::open(path);
        if (opened)
            return opened.value();
        const Error& error = opened.error();
        qCWarning(lcStore) << "cannot open" << path << error.code << error.message;
        const bool replaceable = error.code == QLatin1String("not_database") || error.code == QLatin1String("foreign");
        if (!interactive || !replaceable) {
            if (interactive) {
                QMessageBox::critical(nullptr, tr("TelcoDesk cannot start"),
                                      error.code == QLatin1String("newer_schema")
                                          ? tr("%1\n\nUse the newer TelcoDesk that wrote it, or start with "
                                               "another --data-dir.").arg(error.message)
                                          : error.message);
            } else {
                printError(error.message);
            }
            *exitCode = 1;
            return nullptr;
        }

        QMessageBox box(QMessageBox::Warning, tr("The database cannot be used"),
                        tr("%1\n\nTelcoDesk can keep this file by renaming it (nothing in it is changed or "
                           "overwritten) and start with a fresh demo database in its place.")
                            .arg(error.message));
        QPushButton* fresh = box.addButton(tr("Move it aside and start fresh"), QMessageBox::AcceptRole);
        box.addButton(tr("Quit"), QMessageBox::RejectRole);
        box.setDefaultButton(fresh);
        box.exec();
        if (box.clickedButton() != fresh) {
            *exitCode = 1;
            return nullptr;
        }
        const Result<QString> moved = LocalStore::moveAside(path);
        if (!moved) {
            QMessageBox::critical(nullptr, tr("TelcoDesk cannot start"), moved.errorMessage());
            *exitCode = 1;
            return nullptr;
        }
        qCInfo(lcStore) << "moved" << path << "aside to" << moved.value();
        QMessageBox::information(nullptr, tr("File kept"),
                                 tr("The old file was kept as:\n%1\n\nA fresh database is created now.")
                                     .arg(moved.value()));
    }
}

int Application::main(int argc, char** argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("telcodesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TELCODESK_VERSION));

    // Help and version need no display: answer them before a QApplication would insist on one.
    if (hasArgument(argc, argv, {"-h", "--help", "--help-all", "-v", "--version"})) {
        QCoreApplication app(argc, argv);
        const QString lang = argumentValue(argc, argv, "--lang");
        installTranslations(lang == QLatin1String("zh_CN") || lang == QLatin1String("en") ? lang : defaultLanguage());
        QCommandLineParser parser;
        OptionSet options;
        options.addTo(parser);
        parser.process(app);
        return 0;
    }
    // A screenshot never needs a visible window; rendering offscreen also makes it the same everywhere.
    if (hasArgument(argc, argv, {"--screenshot"}) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("TelcoDesk"));
    // The launcher and icon installed by packaging/ carry this id; the style's icon stands in when the
    // application runs from the build tree.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.telcodesk.TelcoDesk"));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("org.telcodesk.TelcoDesk"), app.style()->standardIcon(QStyle::SP_ComputerIcon)));

    QString lang = argumentValue(argc, argv, "--lang");
    const bool langValid = lang.isEmpty() || lang == QLatin1String("zh_CN") || lang == QLatin1String("en");
    installTranslations(lang.isEmpty() || !langValid ? defaultLanguage() : lang);

    QCommandLineParser parser;
    OptionSet optionSet;
    optionSet.addTo(parser);
    parser.process(app);

    if (!langValid) {
        printError(tr("--lang must be zh_CN or en, not \"%1\".").arg(lang));
        return 2;
    }
    Options options;
    options.language = lang.isEmpty() ? defaultLanguage() : lang;
    options.dataDir = parser.isSet(optionSet.dataDir) ? parser.value(optionSet.dataDir)
                                                      : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.user = parser.value(optionSet.user);
    options.serverUrl = parser.value(optionSet.server);
    options.view = parser.value(optionSet.view);
    options.screenshot = parser.value(optionSet.screenshot);
    options.pop = parser.value(optionSet.pop);
    bool sizeOk = false;
    options.demoCustomers = parser.value(optionSet.demoSize).toInt(&sizeOk);
    if (!sizeOk || options.demoCustomers < 1) {
        printError(tr("--demo-customers must be a positive number."));
        return 2;
    }
    if (!options.view.isEmpty() && !options.view.startsWith(QLatin1String("customer:"))
        && options.view != QLatin1String("search") && !options.view.startsWith(QLatin1String("search:"))
        && options.view != QLatin1String("tickets") && options.view != QLatin1String("kb")
        && !options.view.startsWith(QLatin1String("kb:")) && options.view != QLatin1String("retention")) {
        printError(tr("--view must be customer:MSISDN, search, search:QUERY, tickets, kb, kb:QUERY or retention "
                      "(other views come with later versions), not \"%1\".")
                       .arg(options.view));
        return 2;
    }
    if (options.view.startsWith(QLatin1String("customer:")) && options.view.size() <= int(qstrlen("customer:"))) {
        printError(tr("--view customer: needs a number, e.g. customer:13812345678."));
        return 2;
    }
    return run(app, options);
}

bool Application::openDemo(const Options& options, LocalStorePtr* storeOut, Session* sessionOut, int* exitCode)
{
    const bool interactive = options.screenshot.isEmpty();
    LocalStorePtr store = openStore(options.dataDir, interactive, exitCode);
    if (!store)
        return false;

    while (AgentDirectory(store).customerCount() == 0) {
        qCInfo(lcDemo) << "empty database" << store->path() << ": generating" << options.demoCustomers << "customers";
        if (!interactive)
            printError(tr("the database %1 is empty: creating a demo data set of %2 customers.")
                           .arg(store->path(), QLocale().toString(options.demoCustomers)));
        const DemoDataSetup::Report report = DemoDataSetup::run(store, options.demoCustomers, interactive);
        if (report.outcome == DemoDataSetup::Outcome::Done)
            break;
        if (!interactive) {
            printError(tr("creating the demo data set failed: %1").arg(report.error));
            *exitCode = 1;
            return false;
        }
        QMessageBox box(QMessageBox::Question, tr("A demo database is needed"),
                        report.outcome == DemoDataSetup::Outcome::Cancelled
                            ? tr("TelcoDesk works on a local database. Without a server to fill it, it needs a "
                                 "generated demo data set to show customers.\n\nCreate it now, or quit?")
                            : tr("Creating the demo data set failed:\n%1\n\nTry again, or quit?").arg(report.error));
        QPushButton* retry = box.addButton(tr("Try again"), QMessageBox::AcceptRole);
        box.addButton(tr("Quit"), QMessageBox::RejectRole);
        box.setDefaultButton(retry);
        box.exec();
        if (box.clickedButton() != retry) {
            *exitCode = 1;
            return false;
        }
    }

    const Result<Session> session = AgentDirectory(store).localSession(options.user);
    if (!session) {
        const QString message = tr("Cannot sign in: %1").arg(session.errorMessage());
        if (interactive)
            QMessageBox::critical(nullptr, tr("TelcoDesk cannot start"), message);
        printError(message);
        *exitCode = 1;
        return false;
    }
    *storeOut = store;
    *sessionOut = session.value();
    return true;

}

int Application::run(QApplication& app, const Options& options)
{
    const bool interactive = options.screenshot.isEmpty();

    if (!options.screenshot.isEmpty()) {
        const QFileInfo target(options.screenshot);
        if (!target.absoluteDir().exists()) {
            printError(tr("cannot write the screenshot %1: the folder %2 does not exist.")
                           .arg(options.screenshot, target.absolutePath()));
            return 1;
        }
    }
    if (!QDir().mkpath(options.dataDir)) {
        const QString message = tr("Cannot create the data folder %1.").arg(options.dataDir);
        if (interactive)
            QMessageBox::critical(nullptr, tr("TelcoDesk cannot start"), message);
        printError(message);
        return 1;
    }

    const QString popName = ScreenPop::serverName(options.dataDir);
    if (!options.pop.isEmpty() && interactive && ScreenPop::send(popName, options.pop)) {
        qCInfo(lcServices) << "screen-pop handed to the running instance";
        return 0;
    }

    int exitCode = 0;
    LocalStorePtr store;
    Session session;
    // A server account (given, or remembered from a sign-in in this data folder) has a cache of its
    // own; otherwise the embedded default works on the demo database as it always has.
    std::unique_ptr<ServerConnection> server;
    if (ServerConnection::wanted(options.dataDir, options.serverUrl)) {
        server = std::make_unique<ServerConnection>(
            ServerConnection::Options{options.dataDir, options.serverUrl, options.user, interactive},
            std::make_shared<KeychainCredentialStore>());
        if (!server->open(&exitCode))
            return exitCode;
        store = server->store();
        session = server->session();
    } else if (!openDemo(options, &store, &session, &exitCode)) {
        return exitCode;
    }
    qCInfo(lcServices) << "signed in as" << session.login << roleCode(session.role);

    MainWindow window(store, session, MainWindow::Options{server ? server->account().serverUrl() : QString()});
    if (server)
        server->attach(&window);

    // The first view. --pop without a running instance to take it: this window takes the call.
    const bool popHere = !options.pop.isEmpty() && options.view.isEmpty() && interactive;
    if (options.view.startsWith(QLatin1String("customer:"))) {
        const QString number = options.view.mid(int(qstrlen("customer:")));
        const Status shown = window.openCustomerByNumber(number);
        if (!shown) {
            if (!interactive) {
                printError(shown.errorMessage());
                return 1;
            }
            window.showSearch(number);
            window.statusBar()->showMessage(shown.errorMessage(), 10000);
        }
    } else if (options.view.startsWith(QLatin1String("search:"))) {
        window.showSearch(options.view.mid(int(qstrlen("search:"))));
    } else if (options.view == QLatin1String("tickets")) {
        // The queue reads its page and computes the SLA clocks when it is first shown (window.show()).
        window.showTickets();
    } else if (options.view == QLatin1String("kb")) {
        window.showKnowledgeBase();
    } else if (options.view.startsWith(QLatin1String("kb:"))) {
        // The search runs and the first result opens here, before the window is shown and grabbed.
        window.showKnowledgeBase(options.view.mid(int(qstrlen("kb:"))));
    } else if (options.view == QLatin1String("retention")) {
        // The lists are read when the section is first shown (window.show()).
        window.showRetention();
    } else if (!popHere) {
        window.showSearch();
    }

    if (!interactive) {
        // The status bar shows where the sync stands rather than "Connecting…".
        if (server)
            server->waitUntilSettled(15000);
        window.show();
        // Lay out and paint once the event loop runs, then grab: the data is already loaded above.
        int code = 0;
        QTimer::singleShot(0, &window, [&window, &options, &code, &app] {
            QCoreApplication::sendPostedEvents();
            QApplication::processEvents();
            code = saveScreenshot(window, options.screenshot);
            app.exit(code);
        });
        app.exec();
        return code;
    }

    // Churn-risk scores are kept current in the background: everyone after start-up when the scores are
    // missing or another model's, then whoever's data changes. A screenshot shows the scores as stored.
    ScoringController scoring(store, options.dataDir, session.agentId);
    window.setScoringController(&scoring);
    scoring.start();

    ScreenPop pops;
    if (pops.listen(popName))
        QObject::connect(&pops, &ScreenPop::popRequested, &window, &MainWindow::screenPop);
    window.show();
    if (popHere)
        window.screenPop(options.pop);
    return app.exec();
}

} // namespace telcodesk
