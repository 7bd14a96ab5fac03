// telcodesk-admin server init | add-agent | load: the central PostgreSQL database.

#include "AdminCommands.h"

#include "store/LocalStore.h"
#include "sync/PgConnection.h"
#include "sync/PgDsn.h"
#include "sync/ServerAdmin.h"
#include "sync/ServerLoader.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>

#include <termios.h>
#include <unistd.h>

namespace telcodesk::admin {

namespace {

std::atomic<bool> s_loadInterrupted{false};

void onLoadInterrupt(int)
{
    s_loadInterrupted.store(true);
}

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, AdminCli::tr("Show these options."));
}

QCommandLineOption dsnOption()
{
    return QCommandLineOption(
        QStringLiteral("dsn"),
        AdminCli::tr("The server: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE. Without a password in it, libpq "
                     "takes it from PGPASSWORD or ~/.pgpass."),
        AdminCli::tr("URL"));
}

/// Common start of every server command: options parsed, --help handled, the connection open.
/// Returns -1 when the command may go on, an exit code otherwise.
int prepare(QCommandLineParser& parser, const QString& command, const QStringList& args, PgConnectionPtr* connection)
{
    const QCommandLineOption dsn = dsnOption();
    if (!parseCommandLine(parser, QStringLiteral("server ") + command, args)) {
        printError(parser.errorText() + QLatin1Char(' ')
                   + AdminCli::tr("Run \"%1 server %2 --help\" for the options.").arg(QLatin1String(kProgram), command));
        return BadArguments;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(stdout, parser.helpText());
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(AdminCli::tr("unexpected argument \"%1\".").arg(parser.positionalArguments().first()));
        return BadArguments;
    }
    if (!parser.isSet(dsn) || parser.value(dsn).isEmpty()) {
        printError(AdminCli::tr("--dsn URL is required."));
        return BadArguments;
    }
    const auto parsed = PgDsn::parse(parser.value(dsn));
    if (!parsed) {
        printError(parsed.errorMessage());
        return BadArguments;
    }
    auto opened = PgConnection::open(parsed.value());
    if (!opened) {
        printError(opened.errorMessage());
        return Failure;
    }
    *connection = std::move(opened).value();
    return -1;
}

/// One line from standard input, without its line end. On a terminal the typing is not echoed.
bool readPassword(const QString& login, QString* password)
{
    const bool terminal = isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "%s", AdminCli::tr("Password for %1: ").arg(login).toLocal8Bit().constData());
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    bool gotAny = false;
    int c;
    while ((c = std::fgetc(stdin)) != EOF) {
        gotAny = true;
        if (c == '\n')
            break;
        line.push_back(char(c));
    }
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    *password = QString::fromUtf8(line.data(), qsizetype(line.size()));
    // Overwrite the copy that is not needed any more.
    std::fill(line.begin(), line.end(), '\0');
    return gotAny && !password->isEmpty();
}

} // namespace

int AdminCli::server(const QStringList& args)
{
    const QString usage = tr("Usage: %1 server <init|add-agent|load|prune> --dsn URL [options]\n"
                             "  init       create or update the central schema (safe to run again)\n"
                             "  add-agent  create or update an agent's login, role and scope\n"
                             "  load       copy a generated data set into an empty server\n"
                             "  prune      drop change-log entries a first sync no longer needs (a nightly job)\n"
                             "Run \"%1 server <command> --help\" for the options of a command.")
                              .arg(QLatin1String(kProgram));
    if (args.isEmpty()) {
        printLine(stderr, usage);
        return BadArguments;
    }
    const QString sub = args.first();
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h") || sub == QLatin1String("help")) {
        printLine(stdout, usage);
        return Success;
    }
    if (sub == QLatin1String("init"))
        return serverInit(args.mid(1));
    if (sub == QLatin1String("add-agent"))
        return serverAddAgent(args.mid(1));
    if (sub == QLatin1String("load"))
        return serverLoad(args.mid(1));
    if (sub == QLatin1String("prune"))
        return serverPrune(args.mid(1));
    printError(tr("unknown server command \"%1\": init, add-agent, load or prune.").arg(sub.left(40)));
    return BadArguments;
}

int AdminCli::serverInit(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Creates the central schema in the database, or brings it up to date: applies the migrations it has not "
           "had yet, each in one transaction, and prints them. Running it again changes nothing."));
    parser.addOptions({helpOption(), dsnOption()});
    PgConnectionPtr conn;
    if (const int code = prepare(parser, QStringLiteral("init"), args, &conn); code >= 0)
        return code;

    const auto report = ServerAdmin::init(*conn);
    if (!report) {
        printError(report.errorMessage());
        return Failure;
    }
    for (const QString& warning : report->warnings)
        printError(tr("warning: %1").arg(warning));
    for (int i = 0; i < report->applied.size(); ++i)
        printLine(stdout, tr("applied %1 (%2 s)").arg(report->applied.at(i)).arg(report->seconds.at(i), 0, 'f', 2));
    if (report->applied.isEmpty())
        printLine(stdout, tr("%1 is up to date (schema version %2): nothing to do.")
                              .arg(conn->dsn().redacted())
                              .arg(report->version));
    else
        printLine(stdout, tr("%1 is at schema version %2.").arg(conn->dsn().redacted()).arg(report->version));
    return Success;
}

int AdminCli::serverAddAgent(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Creates or updates an agent: a PostgreSQL login that is a member of td_agent, td_clerk, td_supervisor or "
           "td_admin, its td.agent record and what it may see (regions, ticket queues, teams). Running it again with "
           "the same options changes nothing. The password is read from standard input, one line; it is needed for a "
           "new login and replaces the old one otherwise."));
    const QCommandLineOption login(QStringLiteral("login"), tr("The login (lower-case letters, digits, \"_\")."),
                                   tr("L"));
    const QCommandLineOption role(QStringLiteral("role"), tr("agent, clerk, supervisor or admin."), tr("ROLE"));
    const QCommandLineOption region(QStringLiteral("region"),
                                    tr("A GB/T 2260 region code; a city (NNNN00) or province (NN0000) code covers its "
                                       "districts. Repeat for more; the first is the agent's own."),
                                    tr("CODE"));
    const QCommandLineOption queue(QStringLiteral("queue"), tr("A ticket queue the agent works; repeat for more."),
                                   tr("Q"));
    const QCommandLineOption team(QStringLiteral("team"),
                                  tr("The agent's team; repeat for the further teams a supervisor leads."), tr("T"));
    const QCommandLineOption name(QStringLiteral("name"), tr("The name shown for the agent (default: the login)."),
                                  tr("NAME"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"),
                                           tr("Read the password from standard input (never from the command line)."));
    parser.addOptions({helpOption(), dsnOption(), login, role, region, queue, team, name, passwordStdin});

    // Everything about the arguments is checked before connecting.
    if (!parseCommandLine(parser, QStringLiteral("server add-agent"), args)) {
        printError(parser.errorText() + QLatin1Char(' ')
                   + tr("Run \"%1 server add-agent --help\" for the options.").arg(QLatin1String(kProgram)));
        return BadArguments;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(stdout, parser.helpText());
        return Success;
    }
    for (const QCommandLineOption* required : {&login, &role, &region}) {
        if (!parser.isSet(*required)) {
            printError(tr("--%1 is required.").arg(required->names().first()));
            return BadArguments;
        }
    }
    ServerAdmin::AgentSpec spec;
    spec.login = parser.value(login);
    spec.role = parser.value(role);
    spec.regions = parser.values(region);
    spec.queues = parser.values(queue);
    spec.teams = parser.values(team);
    spec.displayName = parser.value(name);
    if (parser.isSet(passwordStdin)) {
        spec.setPassword = true;
        if (!readPassword(spec.login, &spec.password)) {
            printError(tr("no password on standard input."));
            return BadArguments;
        }
    }

    PgConnectionPtr conn;
    if (const int code = prepare(parser, QStringLiteral("add-agent"), args, &conn); code >= 0)
        return code;
    const auto report = ServerAdmin::addAgent(*conn, spec);
    spec.password.fill(QLatin1Char('\0'));
    if (!report) {
        printError(report.errorMessage());
        return report.error().code == QLatin1String("invalid") ? BadArguments : Failure;
    }
    printLine(stdout, tr("login %1 %2, member of td_%3; agent record %4 (%5)")
                          .arg(spec.login, report->loginCreated ? tr("created") : tr("updated"), spec.role,
                               report->agentCreated ? tr("created") : tr("kept"), report->agentId));
    printLine(stdout, tr("regions: %1; queues: %2; teams: %3")
                          .arg(spec.regions.join(QStringLiteral(", ")),
                               spec.queues.isEmpty() ? tr("none") : spec.queues.join(QStringLiteral(", ")),
                               spec.teams.isEmpty() ? tr("none") : spec.teams.join(QStringLiteral(", "))));
    return Success;
}

int AdminCli::serverLoad(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Copies the data set in DIR/telcodesk.db (see \"%1 generate\") into an empty central database with COPY, in "
           "one transaction. Prints progress on standard error and one JSON line of figures on standard output.")
            .arg(QLatin1String(kProgram)));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), tr("The data folder that holds telcodesk.db."),
                                     tr("DIR"));
    parser.addOptions({helpOption(), dsnOption(), dataDir});
    if (!parseCommandLine(parser, QStringLiteral("server load"), args)) {
        printError(parser.errorText() + QLatin1Char(' ')
                   + tr("Run \"%1 server load --help\" for the options.").arg(QLatin1String(kProgram)));
        return BadArguments;
    }
    if (!parser.isSet(QStringLiteral("help")) && (!parser.isSet(dataDir) || parser.value(dataDir).isEmpty())) {
        printError(tr("--data-dir DIR is required."));
        return BadArguments;
    }
    const QString path = QDir(parser.value(dataDir)).filePath(QLatin1String(LocalStore::kFileName));
    if (!parser.isSet(QStringLiteral("help")) && !QFileInfo(path).isFile()) {
        printError(tr("there is no data set at %1; create one with \"%2 generate\".")
                       .arg(QDir::toNativeSeparators(path), QLatin1String(kProgram)));
        return Failure;
    }
    PgConnectionPtr conn;
    if (const int code = prepare(parser, QStringLiteral("load"), args, &conn); code >= 0)
        return code;

    std::signal(SIGINT, onLoadInterrupt);
    std::signal(SIGTERM, onLoadInterrupt);
    const bool terminal = isatty(fileno(stderr));
    const auto progress = [terminal](const QString& table, qint64 rows, qint64 total) {
        const QString line = tr("%1: %2 of %3 rows").arg(table, QLocale().toString(rows), QLocale().toString(total));
        if (terminal)
            std::fprintf(stderr, "\r%s\033[K", line.toLocal8Bit().constData());
        else
            printLine(stderr, line);
    };
    const auto stats = ServerLoader::load(*conn, path, progress, &s_loadInterrupted);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (terminal)
        std::fputc('\n', stderr);
    if (!stats) {
        printError(stats.errorMessage());
        return Failure;
    }
    QStringList tables;
    for (const ServerLoader::TableStats& t : stats->tables)
        tables << QStringLiteral("\"%1\":%2").arg(t.table).arg(t.rows);
    printLine(stderr, tr("Loaded %1 rows in %2 s (%3 rows/s) into %4.")
                          .arg(QLocale().toString(stats->rows))
                          .arg(stats->seconds, 0, 'f', 1)
                          .arg(QLocale().toString(qint64(stats->rowsPerSecond())))
                          .arg(conn->dsn().redacted()));
    printLine(stdout, QStringLiteral("{\"rows\":%1,\"seconds\":%2,\"rows_per_second\":%3,\"tables\":{%4}}")
                          .arg(stats->rows)
                          .arg(stats->seconds, 0, 'f', 3)
                          .arg(qint64(stats->rowsPerSecond()))
                          .arg(tables.join(QLatin1Char(','))));
    return Success;
}

int AdminCli::serverPrune(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Deletes change-log entries older than the given age that a first sync does not need (superseded by a "
           "newer change of the same row, or of rows deleted before then). Desktops whose sync position lies "
           "before the pruned point re-sync in full. Run it as the database owner, e.g. nightly."));
    const QCommandLineOption days(QStringLiteral("older-than-days"),
                                  tr("Keep the entries of the last N days (default 30)."), tr("N"),
                                  QStringLiteral("30"));
    parser.addOptions({helpOption(), dsnOption(), days});
    PgConnectionPtr conn;
    if (const int code = prepare(parser, QStringLiteral("prune"), args, &conn); code >= 0)
        return code;
    bool ok = false;
    const int n = parser.value(days).toInt(&ok);
    if (!ok || n < 1 || n > 3650) {
        printError(tr("--older-than-days must be a whole number of days from 1 to 3650, not \"%1\".")
                       .arg(parser.value(days).left(20)));
        return BadArguments;
    }
    const Result<QVariant> pruned =
        conn->scalar(QStringLiteral("SELECT sync.prune_change_log($1)::text"), {qint64(n) * 86400000});
    if (!pruned) {
        printError(pruned.errorMessage());
        return Failure;
    }
    printLine(stdout, pruned->toString());
    return Success;
}

} // namespace telcodesk::admin
