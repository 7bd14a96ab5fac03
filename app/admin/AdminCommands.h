#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <functional>
#include <vector>

namespace telcodesk::admin {

/// Process exit codes of telcodesk-admin.
enum ExitCode { Success = 0, Failure = 1, BadArguments = 2, AuthRefused = 3, ServerUnreachable = 4 };

/// One sub-command: `telcodesk-admin <name> [options]`. Later commands (train, score, server ...) are added
/// to commands() with a function of their own.
struct Command
{
    QString name;
    QString summary;                                ///< one line for the command list, translated
    std::function<int(const QStringList& args)> run; ///< args: everything after the command name
};

class AdminCli
{
    Q_DECLARE_TR_FUNCTIONS(AdminCli)

public:
    static const std::vector<Command>& commands();
    /// Dispatches argv (without the program name) to a command; prints the command list for --help.
    static int run(const QStringList& arguments);

    static int generate(const QStringList& args);
    /// `train --csv FILE --target COL ...`: fits a scoring model and prints its test figures as one JSON line.
    static int train(const QStringList& args);
    /// `server init|add-agent|load ...`: dispatches to the functions below.
    static int server(const QStringList& args);
    static int serverInit(const QStringList& args);
    static int serverAddAgent(const QStringList& args);
    static int serverLoad(const QStringList& args);
    static int serverPrune(const QStringList& args);
};

/// Output helpers shared by the command implementations.
void printError(const QString& text);
void printLine(std::FILE* stream, const QString& text);
/// Parses "telcodesk-admin <command> args...": QCommandLineParser wants the program name first.
bool parseCommandLine(QCommandLineParser& parser, const QString& command, const QStringList& args);
/// The start every command shares: parses args, answers --help, refuses an argument error or a stray
/// positional argument. Returns -1 to go on, else the exit code to return.
int parseCommandArgs(QCommandLineParser& parser, const QString& command, const QStringList& args,
                     const QCommandLineOption& help);
extern const char* const kProgram;

} // namespace telcodesk::admin
