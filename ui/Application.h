#pragma once

#include "security/Session.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QString>

class QApplication;

namespace telcodesk {

class MainWindow;

/// The GUI's bootstrap: command line, languages, the local database (created and filled with demo data
/// on first start; refused or moved aside when it is not usable) or a server account's cache with its
/// sign-in and sync (ServerConnection), the signed-in agent, the main window, the first view,
/// screenshots and screen-pops. app/gui/main.cpp only calls main().
class Application
{
    Q_DECLARE_TR_FUNCTIONS(Application)

public:
    struct Options
    {
        QString dataDir;
        QString language;   ///< "zh_CN" or "en"
        QString user;       ///< local agent login; empty = the data set's default
        QString serverUrl;
        QString view;       ///< "customer:MSISDN", "search" or "search:QUERY"
        QString screenshot; ///< PNG path
        QString pop;        ///< MSISDN to screen-pop
        int demoCustomers = 50000;
    };

    /// Runs the application; returns the process exit code.
    static int main(int argc, char** argv);

    /// The language to use when none is asked for: Chinese for a Chinese system locale, else English.
    static QString defaultLanguage();
    /// Loads Qt's and TelcoDesk's translations for a language into the application.
    static void installTranslations(const QString& language);

    /// Opens the database in dataDir, handling unusable files as the user decides (or, non-interactive,
    /// with a message on stderr). Returns null when the application must exit.
    static LocalStorePtr openStore(const QString& dataDir, bool interactive, int* exitCode);

private:
    static int run(QApplication& app, const Options& options);
    /// The embedded default: the demo database in the data folder (created on first start) and the
    /// local agent chosen by --user.
    static bool openDemo(const Options& options, LocalStorePtr* store, Session* session, int* exitCode);
};

} // namespace telcodesk
