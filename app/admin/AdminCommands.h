#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace telcodesk::admin {

/// Process exit codes of telcodesk-admin.
enum ExitCode { Success = 0, Failure = 1, BadArguments = 2 };

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
};

} // namespace telcodesk::admin
