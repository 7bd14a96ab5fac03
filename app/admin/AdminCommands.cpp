#include "AdminCommands.h"
#include "RulesCommand.h"
#include "ScoreCommands.h"
#include "SyncCommands.h"

#include "demo/DemoGenerator.h"
#include "demo/KbGenerator.h"
#include "scoring/Trainer.h"
#include "store/LocalStore.h"

#include <QCommandLineParser>
#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <atomic>
#include <csignal>
#include <cstdio>

#include <unistd.h>

namespace telcodesk::admin {

const char* const kProgram = "telcodesk-admin";

namespace {

std::atomic<bool> s_interrupted{false};

void onInterrupt(int)
{
    s_interrupted.store(true);
}

} // namespace

void printError(const QString& text)
{
    std::fprintf(stderr, "%s: %s\n", kProgram, text.toLocal8Bit().constData());
}

void printLine(std::FILE* stream, const QString& text)
{
    std::fprintf(stream, "%s\n", text.toLocal8Bit().constData());
    std::fflush(stream);
}

bool parseCommandLine(QCommandLineParser& parser, const QString& command, const QStringList& args)
{
    return parser.parse(QStringList{QLatin1String(kProgram) + QLatin1Char(' ') + command} + args);
}

int parseCommandArgs(QCommandLineParser& parser, const QString& command, const QStringList& args,
                     const QCommandLineOption& help)
{
    if (!parseCommandLine(parser, command, args)) {
        printError(parser.errorText() + QLatin1Char(' ')
                   + AdminCli::tr("Run \"%1 %2 --help\" for the options.").arg(QLatin1String(kProgram), command));
        return BadArguments;
    }
    if (parser.isSet(help)) {
        printLine(stdout, parser.helpText());
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(AdminCli::tr("unexpected argument \"%1\".").arg(parser.positionalArguments().first()));
        return BadArguments;
    }
    return -1;
}

const std::vector<Command>& AdminCli::commands()
{
    static const std::vector<Command> list = {
        {QStringLiteral("generate"),
         tr("Create a demo database: generated customers with two years of lines, usage, bills, contacts and "
            "tickets."),
         &AdminCli::generate},
        {QStringLiteral("score"),
         tr("Score every cached customer for churn risk (features, model, reasons, rules, segments, tags), open "
            "retention tasks, or show one customer's score."),
         &ScoreCli::score},
        {QStringLiteral("rules"), tr("Show, check or set the retention rules, risk bands, RFM segments and tags."),
         &RulesCli::run},
        {QStringLiteral("server"),
         tr("Set up the central PostgreSQL database: server init, server add-agent, server load."),
         &AdminCli::server},
        {QStringLiteral("sync"),
         tr("Sync a local cache with the central server from the command line: sync once, sync status."),
         &SyncCli::run},
        {QStringLiteral("train"),
         tr("Train a churn model on a CSV file and print its test AUC, log-loss, accuracy, precision, recall and "
            "F1."),
         &AdminCli::train},
    };
    return list;
}

int AdminCli::run(const QStringList& arguments)
{
    const auto usage = [] {
        QString text = tr("Usage: %1 <command> [options]").arg(QLatin1String(kProgram)) + QLatin1String("\n\n")
            + tr("Commands:") + QLatin1Char('\n');
        for (const Command& c : commands())
            text += QStringLiteral("  %1  %2\n").arg(c.name, -10).arg(c.summary);
        text += QLatin1Char('\n') + tr("Run \"%1 <command> --help\" for the options of a command.").arg(QLatin1String(kProgram));
        return text;
    };
    if (arguments.isEmpty()) {
        printLine(stderr, usage());
        return BadArguments;
    }
    const QString first = arguments.first();
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        printLine(stdout, usage());
        return Success;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        printLine(stdout, QStringLiteral("%1 %2").arg(QLatin1String(kProgram), QCoreApplication::applicationVersion()));
        return Success;
    }
    for (const Command& c : commands()) {
        if (c.name == first)
            return c.run(arguments.mid(1));
    }
    if (first.startsWith(QLatin1Char('-')))
        printError(tr("unknown option \"%1\"; a command comes first. Run \"%2 --help\" for the list of commands.")
                       .arg(first, QLatin1String(kProgram)));
    else
        printError(tr("unknown command \"%1\". Run \"%2 --help\" for the list of commands.")
                       .arg(first, QLatin1String(kProgram)));
    return BadArguments;
}

int AdminCli::generate(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Creates DIR/telcodesk.db and fills it with a deterministic demo data set of a Chinese operator. "
           "Supported sizes are 1,000 to 1,000,000 customers (up to 5,000,000 are accepted). Prints progress on "
           "standard error and one JSON line of figures on standard output."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show these options."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), tr("The data folder to create the database in."),
                                     tr("DIR"));
    const QCommandLineOption customers(QStringLiteral("customers"),
                                       tr("How many customer records to create (1,000 to 1,000,000)."), tr("N"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  tr("The random seed; the same seed gives the same data set (default %1).")
                                      .arg(DemoGenerator::Options().seed),
                                  tr("S"));
    const QCommandLineOption asOf(QStringLiteral("as-of"),
                                  tr("The data set's \"today\" (default: the current UTC date)."), tr("YYYY-MM-DD"));
    const QCommandLineOption kbArticles(QStringLiteral("kb-articles"),
                                        tr("How many knowledge-base articles to write (0 to %1, default %2).")
                                            .arg(KbGenerator::kMaxArticles)
                                            .arg(DemoGenerator::Options().kbArticles),
                                        tr("N"));
    parser.addOptions({help, dataDir, customers, seed, asOf, kbArticles});

    if (const int exit = parseCommandArgs(parser, QStringLiteral("generate"), args, help); exit >= 0)
        return exit;
    if (!parser.isSet(dataDir) || parser.value(dataDir).isEmpty()) {
        printError(tr("--data-dir DIR is required."));
        return BadArguments;
    }
    if (!parser.isSet(customers)) {
        printError(tr("--customers N is required."));
        return BadArguments;
    }

    DemoGenerator::Options options;
    bool ok = false;
    const qlonglong n = parser.value(customers).toLongLong(&ok);
    if (!ok || n < 1 || n > DemoGenerator::kMaxCustomers) {
        printError(tr("--customers must be a whole number from 1 to %1, not \"%2\".")
                       .arg(QLocale().toString(DemoGenerator::kMaxCustomers), parser.value(customers)));
        return BadArguments;
    }
    options.customers = int(n);
    if (n < 1000 || n > 1000000)
        printError(tr("warning: %1 customers is outside the supported range of 1,000 to 1,000,000.").arg(n));
    if (parser.isSet(seed)) {
        options.seed = parser.value(seed).toULongLong(&ok);
        if (!ok) {
            printError(tr("--seed must be a non-negative whole number, not \"%1\".").arg(parser.value(seed)));
            return BadArguments;
        }
    }
    if (parser.isSet(kbArticles)) {
        const qlonglong articles = parser.value(kbArticles).toLongLong(&ok);
        if (!ok || articles < 0 || articles > KbGenerator::kMaxArticles) {
            printError(tr("--kb-articles must be a whole number from 0 to %1, not \"%2\".")
                           .arg(QLocale().toString(KbGenerator::kMaxArticles), parser.value(kbArticles)));
            return BadArguments;
        }
        options.kbArticles = int(articles);
    }
    if (parser.isSet(asOf)) {
        const QString text = parser.value(asOf);
        options.asOf = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
        if (!options.asOf.isValid()) {
            printError(tr("--as-of must be a date written YYYY-MM-DD, not \"%1\".").arg(text));
            return BadArguments;
        }
    }

    const QString dir = parser.value(dataDir);
    const QFileInfo dirInfo(dir);
    if (dirInfo.exists() && !dirInfo.isDir()) {
        printError(tr("%1 is a file, not a folder.").arg(dir));
        return Failure;
    }
    const QString path = QDir(dir).filePath(QLatin1String(LocalStore::kFileName));
    const auto opened = LocalStore::open(path);
    if (!opened) {
        printError(tr("cannot open %1: %2").arg(QDir::toNativeSeparators(path), opened.errorMessage()));
        return Failure;
    }
    LocalStorePtr store = opened.value();

    // Ctrl+C cancels cleanly: the generator rolls back and leaves the database as it was.
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const bool terminal = isatty(fileno(stderr));
    int lastPermille = -1;
    QString lastStage;
    const auto progress = [&](int permille, const QString& stage) {
        if (terminal) {
            if (permille == lastPermille && stage == lastStage)
                return;
            std::fprintf(stderr, "\r[%5.1f%%] %s\033[K", permille / 10.0, stage.toLocal8Bit().constData());
            if (permille >= 1000)
                std::fputc('\n', stderr);
            std::fflush(stderr);
        } else if (stage != lastStage || permille / 50 != lastPermille / 50 || permille == 1000) {
            printLine(stderr, QStringLiteral("[%1%] %2").arg(permille / 10.0, 5, 'f', 1).arg(stage));
        }
        lastPermille = permille;
        lastStage = stage;
    };
    const auto result = DemoGenerator::generate(store, options, progress, &s_interrupted);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (terminal && lastPermille >= 0 && lastPermille < 1000)
        std::fputc('\n', stderr);
    if (!result) {
        printError(result.errorMessage());
        return Failure;
    }
    const DemoGenerator::Stats& s = result.value();
    printLine(stderr, tr("Generated %1 customers in %2 s; scoring them.").arg(QLocale().toString(s.customers)).arg(s.seconds, 0, 'f', 1));
    // The demo desktop opens with every customer scored and the high-risk ones' retention tasks open.
    const auto scored = ScoreCli::scoreEveryone(store);
    if (!scored) {
        printError(scored.errorMessage());
        return Failure;
    }
    const qint64 bytes = store->sizeOnDisk();
    printLine(stderr, tr("Scored %1 customers in %2 s (%3 high risk, %4 retention tasks): %5 (%6 MB).")
                          .arg(QLocale().toString(scored->customers))
                          .arg(scored->seconds, 0, 'f', 1)
                          .arg(scored->high)
                          .arg(scored->tasksOpened)
                          .arg(QDir::toNativeSeparators(path))
                          .arg(bytes / (1024 * 1024)));
    printLine(stdout, QStringLiteral("{\"customers\":%1,\"subscriptions\":%2,\"usage_rows\":%3,\"bills\":%4,"
                                     "\"interactions\":%5,\"tickets\":%6,\"duplicates\":%7,\"churners\":%8,"
                                     "\"kb_articles\":%9,\"seconds\":%10,\"db_bytes\":%11,\"scored\":%12,"
                                     "\"high_risk\":%13,\"retention_tasks\":%14,\"score_seconds\":%15}")
                          .arg(s.customers)
                          .arg(s.subscriptions)
                          .arg(s.usageRows)
                          .arg(s.bills)
                          .arg(s.interactions)
                          .arg(s.tickets)
                          .arg(s.duplicates)
                          .arg(s.churners)
                          .arg(s.kbArticles)
                          .arg(s.seconds, 0, 'f', 2)
                          .arg(bytes)
                          .arg(scored->customers)
                          .arg(scored->high)
                          .arg(scored->tasksOpened)
                          .arg(scored->seconds, 0, 'f', 2));
    return Success;
}

int AdminCli::train(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Trains a churn model on any CSV file with a header line: numeric and categorical columns are told apart "
           "by their values, blanks and NA count as missing, the target may be Yes/No, True/False, 1/0 or Y/N. "
           "The test rows come from --split, from --test, or else from a stratified 80/20 split. Prints one JSON "
           "line with the test figures on standard output."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show these options."));
    const QCommandLineOption csv(QStringLiteral("csv"), tr("The training data (CSV with a header line)."), tr("FILE"));
    const QCommandLineOption target(QStringLiteral("target"), tr("The column to predict."), tr("COL"));
    const QCommandLineOption id(QStringLiteral("id"), tr("A column identifying the row, left out of the model."),
                                tr("COL"));
    const QCommandLineOption split(QStringLiteral("split"),
                                   tr("A CSV with the columns row_index (0-based data row) and set (train or test)."),
                                   tr("FILE"));
    const QCommandLineOption test(QStringLiteral("test"), tr("A second CSV with the same header: the test rows."),
                                  tr("FILE"));
    const QCommandLineOption model(QStringLiteral("model"), tr("The learner: lr (logistic regression) or gbt (gradient-boosted trees)."), tr("KIND"));
    const QCommandLineOption out(QStringLiteral("out"), tr("Write the model file (JSON) here."), tr("MODEL.json"));
    const QCommandLineOption fill(QStringLiteral("fill"),
                                  tr("A missing value of the numeric column COL becomes VALUE instead of the training "
                                     "mean (repeatable)."),
                                  tr("COL=VALUE"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     tr("Train on the customer features of this data folder's cache instead of a "
                                        "CSV file (labels from demo_truth, or --labels)."),
                                     tr("DIR"));
    const QCommandLineOption labels(QStringLiteral("labels"),
                                    tr("With --data-dir: a CSV with the columns customer_id and label."), tr("CSV"));
    parser.addOptions({help, csv, target, id, split, test, model, out, fill, dataDir, labels});

    if (const int exit = parseCommandArgs(parser, QStringLiteral("train"), args, help); exit >= 0)
        return exit;
    if (parser.isSet(dataDir)) {
        const QString kind = parser.value(model);
        if (kind != QLatin1String("lr") && kind != QLatin1String("gbt")) {
            printError(tr("--model lr or --model gbt is required."));
            return BadArguments;
        }
        if (parser.isSet(csv) || parser.isSet(target) || parser.isSet(split) || parser.isSet(test)) {
            printError(tr("--data-dir takes the features from the cache: give no --csv, --target, --split or --test."));
            return BadArguments;
        }
        return ScoreCli::trainOnDataDir(parser.value(dataDir), kind, parser.value(out), parser.value(labels));
    }
    for (const QCommandLineOption* required : {&csv, &target, &model}) {
        if (parser.value(*required).isEmpty()) {
            printError(tr("--%1 is required.").arg(required->names().constFirst()));
            return BadArguments;
        }
    }
    if (parser.isSet(split) && parser.isSet(test)) {
        printError(tr("give --split or --test, not both."));
        return BadArguments;
    }
    const QString kind = parser.value(model);
    if (kind != QLatin1String("lr") && kind != QLatin1String("gbt")) {
        printError(tr("unknown --model \"%1\"; use lr or gbt.").arg(kind));
        return BadArguments;
    }

    Trainer::Options options;
    options.csv = parser.value(csv);
    options.target = parser.value(target);
    options.idColumn = parser.value(id);
    options.splitFile = parser.value(split);
    options.testFile = parser.value(test);
    options.model = kind;
    for (const QString& spec : parser.values(fill)) {
        const qsizetype eq = spec.lastIndexOf(QLatin1Char('='));
        double value = 0;
        if (eq <= 0 || !CsvTable::parseNumber(spec.mid(eq + 1).trimmed(), &value)) {
            printError(tr("--fill wants COL=NUMBER, not \"%1\".").arg(spec));
            return BadArguments;
        }
        options.preprocessing.fixedFill.insert(spec.left(eq), value);
    }
    auto report = Trainer::train(options);
    if (!report) {
        printError(report.errorMessage());
        return Failure;
    }
    if (parser.isSet(out)) {
        const Status saved = ModelFile::save(report->model, parser.value(out));
        if (!saved) {
            printError(saved.errorMessage());
            return Failure;
        }
    }
    printLine(stdout, report->jsonLine());
    return Success;
}

} // namespace telcodesk::admin
