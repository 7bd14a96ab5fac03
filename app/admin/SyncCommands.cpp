// telcodesk-admin sync once | status: the sync engine on a cache folder, without the desktop.

#include "SyncCommands.h"

#include "AdminCommands.h"

#include "store/LocalStore.h"
#include "sync/LocalSyncState.h"
#include "sync/PgDsn.h"
#include "sync/PgRemote.h"
#include "sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>
#include <utility>

namespace telcodesk::admin {

namespace {

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, SyncCli::tr("Show these options."));
}

QCommandLineOption dataDirOption()
{
    return QCommandLineOption(QStringLiteral("data-dir"), SyncCli::tr("The folder of the local cache (telcodesk.db)."),
                              SyncCli::tr("DIR"));
}

/// Parses the options; -1 when the command may go on, an exit code otherwise.
int parseOptions(QCommandLineParser& parser, const QString& command, const QStringList& args)
{
    if (!parseCommandLine(parser, QStringLiteral("sync ") + command, args)) {
        printError(parser.errorText() + QLatin1Char(' ')
                   + SyncCli::tr("Run \"%1 sync %2 --help\" for the options.").arg(QLatin1String(kProgram), command));
        return BadArguments;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(stdout, parser.helpText());
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(SyncCli::tr("unexpected argument \"%1\".").arg(parser.positionalArguments().first()));
        return BadArguments;
    }
    if (parser.value(QStringLiteral("data-dir")).isEmpty()) {
        printError(SyncCli::tr("--data-dir DIR is required."));
        return BadArguments;
    }
    return -1;
}

/// Which server a cache belongs to: host, port and database, without login, password or options (the
/// login is kept on its own, and sslmode or a timeout do not make another server).
QString serverIdentity(const PgDsn& dsn)
{
    PgDsn copy = dsn;
    copy.user.clear();
    copy.password.clear();
    copy.options.clear();
    return copy.toUrl();
}

bool sameServer(const QString& stored, const PgDsn& dsn)
{
    const auto parsed = PgDsn::parse(stored);
    if (!parsed)
        return stored == serverIdentity(dsn);
    return parsed->host.compare(dsn.host, Qt::CaseInsensitive) == 0 && parsed->port == dsn.port
           && parsed->database == dsn.database;
}

int exitCodeFor(const Error& error)
{
    if (error.code == QLatin1String("auth"))
        return AuthRefused;
    if (error.code == QLatin1String("network") || error.code == QLatin1String("timeout"))
        return ServerUnreachable;
    return Failure;
}

} // namespace

int SyncCli::run(const QStringList& args)
{
    const QString usage = tr("Usage: %1 sync <once|status> --data-dir DIR [options]\n"
                             "  once    push the cache's changes to the server and pull what is new, once\n"
                             "  status  show what waits in the cache: changes, refusals, conflicts\n"
                             "Run \"%1 sync <command> --help\" for the options of a command.")
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
    if (sub == QLatin1String("once"))
        return once(args.mid(1));
    if (sub == QLatin1String("status"))
        return status(args.mid(1));
    printError(tr("unknown sync command \"%1\": once or status.").arg(sub.left(40)));
    return BadArguments;
}

int SyncCli::once(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs one complete sync of the cache in DIR with the central server: sends the changes waiting in it, "
           "fetches conflicts, pulls what changed. Creates the cache when DIR has none. A cache belongs to one server "
           "and login. The password comes from the URL or from the environment variable TELCODESK_PASSWORD or "
           "PGPASSWORD, never from an option. Prints one JSON line of figures. Exit codes: 0 done, 1 failed, "
           "2 bad arguments, 3 login refused, 4 server unreachable."));
    const QCommandLineOption server(QStringLiteral("server"),
                                    tr("The server: postgresql://LOGIN@HOST[:PORT]/DATABASE."), tr("URL"));
    const QCommandLineOption user(QStringLiteral("user"), tr("The login (instead of the one in the URL)."),
                                  tr("LOGIN"));
    const QCommandLineOption pageSize(QStringLiteral("page-size"),
                                      tr("Change-log entries per pulled page (1 to 10000, default %1).")
                                          .arg(SyncEngine::Options().pageSize),
                                      tr("N"));
    const QCommandLineOption batchSize(QStringLiteral("batch-size"),
                                       tr("Changes per batch sent (1 to 10000, default %1).")
                                           .arg(SyncEngine::Options().batchSize),
                                       tr("N"));
    parser.addOptions({helpOption(), dataDirOption(), server, user, pageSize, batchSize});
    if (const int code = parseOptions(parser, QStringLiteral("once"), args); code >= 0)
        return code;
    if (parser.value(server).isEmpty()) {
        printError(tr("--server URL is required."));
        return BadArguments;
    }
    auto parsed = PgDsn::parse(parser.value(server));
    if (!parsed) {
        printError(parsed.errorMessage());
        return BadArguments;
    }
    PgDsn dsn = parsed.value();
    if (parser.isSet(user))
        dsn.user = parser.value(user);
    if (dsn.user.isEmpty()) {
        printError(tr("no login: put it in the URL (postgresql://LOGIN@HOST/DATABASE) or give --user LOGIN."));
        return BadArguments;
    }
    if (dsn.password.isEmpty())
        dsn.password = qEnvironmentVariable("TELCODESK_PASSWORD", qEnvironmentVariable("PGPASSWORD"));
    SyncEngine::Options options;
    options.listen = false;
    for (const auto& [option, target] : {std::pair{&pageSize, &options.pageSize}, std::pair{&batchSize, &options.batchSize}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        const int value = parser.value(*option).toInt(&ok);
        if (!ok || value < 1 || value > 10000) {
            printError(tr("--%1 must be a whole number from 1 to 10000.").arg(option->names().first()));
            return BadArguments;
        }
        *target = value;
    }

    const QString dir = parser.value(QStringLiteral("data-dir"));
    if (!QDir().mkpath(dir)) {
        printError(tr("cannot create the folder %1.").arg(QDir::toNativeSeparators(dir)));
        return Failure;
    }
    auto opened = LocalStore::open(QDir(dir).filePath(QLatin1String(LocalStore::kFileName)));
    if (!opened) {
        printError(opened.errorMessage());
        return Failure;
    }
    const LocalStorePtr store = opened.value();

    // Checked before connecting: a cache filled from one server or login must never receive another's rows,
    // nor send its queued changes as someone else.
    const QString ownerServer = store->meta(QLatin1String(LocalSyncState::kServer));
    const QString ownerLogin = store->meta(QLatin1String(LocalSyncState::kLogin));
    if ((!ownerServer.isEmpty() && !sameServer(ownerServer, dsn)) || (!ownerLogin.isEmpty() && ownerLogin != dsn.user)) {
        printError(tr("this cache belongs to %1 on %2; use another --data-dir.")
                       .arg(ownerLogin.isEmpty() ? tr("another login") : ownerLogin, ownerServer.isEmpty() ? tr("another server") : ownerServer));
        return Failure;
    }

    // Connected here first, so that a wrong address or password claims nothing; the engine then takes this
    // open session over.
    auto remote = std::make_unique<PgRemote>(dsn);
    const Status connected = remote->open();
    if (!connected) {
        printError(connected.errorMessage());
        return exitCodeFor(connected.error());
    }
    if (ownerServer.isEmpty() || ownerLogin.isEmpty()) {
        for (const auto& [key, value] : {std::pair{LocalSyncState::kServer, serverIdentity(dsn)},
                                         std::pair{LocalSyncState::kLogin, dsn.user}}) {
            const Status claimed = store->setMeta(QLatin1String(key), value);
            if (!claimed) {
                printError(tr("cannot write to the cache: %1").arg(claimed.errorMessage()));
                return Failure;
            }
        }
    }

    auto handOver = std::make_shared<std::unique_ptr<RemoteSession>>(std::move(remote));
    const SyncEngine::RemoteFactory factory = [handOver, dsn]() -> std::unique_ptr<RemoteSession> {
        if (*handOver)
            return std::move(*handOver);
        return std::make_unique<PgRemote>(dsn);
    };
    SyncEngine engine(store, factory, options);
    const auto report = engine.runOnce();
    if (!report) {
        printError(report.errorMessage());
        return exitCodeFor(report.error());
    }
    printLine(stdout, QStringLiteral("{\"pushed\":%1,\"applied\":%2,\"duplicates\":%3,\"rejected\":%4,\"conflicts\":%5,"
                                     "\"pulled\":%6,\"removed\":%7,\"pages\":%8,\"bytes_in\":%9,\"bytes_out\":%10,"
                                     "\"seconds\":%11}")
                          .arg(report->push.sent)
                          .arg(report->push.applied)
                          .arg(report->push.duplicates)
                          .arg(report->push.rejected)
                          .arg(report->push.conflicts)
                          .arg(report->pull.written)
                          .arg(report->pull.removed)
                          .arg(report->pages)
                          .arg(report->bytesReceived)
                          .arg(report->bytesSent)
                          .arg(report->seconds, 0, 'f', 3));
    return Success;
}

int SyncCli::status(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Prints the sync state of the cache in DIR as one JSON line: changes waiting to be sent, changes the "
           "server refused (not dismissed), open conflicts, whether a pull position is stored, and the server and "
           "login the cache belongs to. Does not connect to the server."));
    parser.addOptions({helpOption(), dataDirOption()});
    if (const int code = parseOptions(parser, QStringLiteral("status"), args); code >= 0)
        return code;
    const QString path = QDir(parser.value(QStringLiteral("data-dir"))).filePath(QLatin1String(LocalStore::kFileName));
    if (!QFileInfo(path).isFile()) {
        printError(tr("there is no cache at %1.").arg(QDir::toNativeSeparators(path)));
        return Failure;
    }
    auto opened = LocalStore::open(path);
    if (!opened) {
        printError(opened.errorMessage());
        return Failure;
    }
    const LocalStorePtr store = opened.value();
    QSqlQuery q(store->connection());
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM outbox WHERE state = 'pending'), "
                               "(SELECT count(*) FROM outbox WHERE state = 'rejected' AND dismissed = 0), "
                               "(SELECT count(*) FROM sync_conflict WHERE status = 'open')"))
        || !q.next()) {
        printError(tr("cannot read the cache: %1").arg(q.lastError().text()));
        return Failure;
    }
    const auto jsonString = [](const QString& text) -> QString {
        if (text.isEmpty())
            return QStringLiteral("null");
        const QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json.mid(1, json.size() - 2));
    };
    printLine(stdout, QStringLiteral("{\"pending\":%1,\"rejected\":%2,\"conflicts\":%3,\"cursor_present\":%4,"
                                     "\"server\":%5,\"login\":%6}")
                          .arg(q.value(0).toLongLong())
                          .arg(q.value(1).toLongLong())
                          .arg(q.value(2).toLongLong())
                          .arg(store->meta(QLatin1String(LocalSyncState::kCursor)).isEmpty() ? QStringLiteral("false")
                                                                                              : QStringLiteral("true"))
                          .arg(jsonString(store->meta(QLatin1String(LocalSyncState::kServer))),
                               jsonString(store->meta(QLatin1String(LocalSyncState::kLogin)))));
    return Success;
}

} // namespace telcodesk::admin
