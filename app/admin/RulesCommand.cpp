#include "RulesCommand.h"

#include "AdminCommands.h"

#include "scoring/RetentionConfig.h"
#include "store/LocalStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <utility>

namespace telcodesk::admin {

namespace {

/// The file's bytes, or an error message naming it.
Result<QByteArray> readDocument(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{RulesCli::tr("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                     QStringLiteral("io")};
    return file.readAll();
}

/// The file's bytes and the document they hold, or the error naming the file and the place in it.
Result<std::pair<QByteArray, RetentionConfig>> readAndCheck(const QString& path)
{
    Result<QByteArray> bytes = readDocument(path);
    if (!bytes)
        return bytes.error();
    Result<RetentionConfig> parsed = RetentionConfig::fromJson(bytes.value(), path);
    if (!parsed)
        return parsed.error();
    return std::make_pair(bytes.value(), std::move(parsed.value()));
}

QString summary(const RetentionConfig& config)
{
    return RulesCli::tr("%1 rules, %2 RFM segments, %3 tags; high risk from %4, medium from %5")
        .arg(config.rules.size())
        .arg(config.segments.size())
        .arg(config.tags.size())
        .arg(config.highBand)
        .arg(config.mediumBand);
}

} // namespace

int RulesCli::run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The retention rules document: risk bands, rules, RFM segments, tags and retention task settings. "
           "--show (the default) prints the document the cache in DIR uses as JSON on standard output (without "
           "--data-dir: the built-in one) and where it came from on standard error. --check FILE checks a "
           "document and prints the first error with its place in the file. --set FILE checks it and saves it as "
           "the cache's local rules; a rules document from the server replaces it when it is next pulled."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show these options."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), tr("The folder of the local cache (telcodesk.db)."),
                                     tr("DIR"));
    const QCommandLineOption show(QStringLiteral("show"), tr("Print the document in use and where it came from."));
    const QCommandLineOption check(QStringLiteral("check"), tr("Check a rules document without saving it."),
                                   tr("FILE"));
    const QCommandLineOption set(QStringLiteral("set"), tr("Check a rules document and save it in the cache."),
                                 tr("FILE"));
    parser.addOptions({help, dataDir, show, check, set});

    if (!parseCommandLine(parser, QStringLiteral("rules"), args)) {
        printError(parser.errorText() + QLatin1Char(' ')
                   + tr("Run \"%1 rules --help\" for the options.").arg(QLatin1String(kProgram)));
        return BadArguments;
    }
    if (parser.isSet(help)) {
        printLine(stdout, parser.helpText());
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(tr("unexpected argument \"%1\".").arg(parser.positionalArguments().first()));
        return BadArguments;
    }
    if (int(parser.isSet(show)) + int(parser.isSet(check)) + int(parser.isSet(set)) > 1) {
        printError(tr("give one of --show, --check FILE and --set FILE."));
        return BadArguments;
    }

    if (parser.isSet(check)) {
        const QString path = parser.value(check);
        const Result<std::pair<QByteArray, RetentionConfig>> checked = readAndCheck(path);
        if (!checked) {
            printError(checked.errorMessage());
            return Failure;
        }
        printLine(stdout, tr("%1 is valid: %2.").arg(path, summary(checked->second)));
        return Success;
    }

    const bool hasDataDir = parser.isSet(dataDir) && !parser.value(dataDir).isEmpty();
    if (parser.isSet(set) && !hasDataDir) {
        printError(tr("--set needs --data-dir DIR: the cache to save the rules in."));
        return BadArguments;
    }
    if (!hasDataDir) {
        // Nothing to look in: the built-in document, a starting point for an operator's own.
        const QByteArray json = RetentionConfig::builtIn().toJson();
        std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
        std::fflush(stdout);
        printLine(stderr, tr("# built-in rules: %1").arg(summary(RetentionConfig::builtIn())));
        return Success;
    }

    const QString storePath = QDir(parser.value(dataDir)).filePath(QLatin1String(LocalStore::kFileName));
    if (!QFileInfo(storePath).isFile()) {
        printError(tr("there is no cache at %1.").arg(QDir::toNativeSeparators(storePath)));
        return Failure;
    }

    QByteArray newDocument;
    if (parser.isSet(set)) {
        // Checked here first so that an error names the operator's file rather than "the new retention rules".
        const Result<std::pair<QByteArray, RetentionConfig>> checked = readAndCheck(parser.value(set));
        if (!checked) {
            printError(checked.errorMessage());
            return Failure;
        }
        newDocument = checked->first;
    }

    const auto opened = LocalStore::open(storePath);
    if (!opened) {
        printError(opened.errorMessage());
        return Failure;
    }
    const LocalStorePtr store = opened.value();

    if (parser.isSet(set)) {
        const Status saved = RetentionConfig::saveLocal(*store, newDocument);
        if (!saved) {
            printError(saved.errorMessage());
            return Failure;
        }
    }

    QString problem, source;
    const RetentionConfig config = RetentionConfig::load(*store, &problem, &source);
    if (!problem.isEmpty())
        printError(problem);
    if (parser.isSet(set)) {
        printLine(stdout, tr("Saved %1 as the retention rules of %2 (%3): %4. Customers are scored with them from "
                             "the next scoring run.")
                              .arg(parser.value(set), QDir::toNativeSeparators(storePath), source, summary(config)));
        return Success;
    }
    const QByteArray json = config.toJson();
    std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
    std::fflush(stdout);
    printLine(stderr, tr("# %1: %2").arg(source, summary(config)));
    return Success;
}

} // namespace telcodesk::admin
