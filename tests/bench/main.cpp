// telcodesk-bench: measures what the issues ask for, on a generated data set, against a reference
// measured in the same run. One JSON object per line with --json.
#include "BenchReport.h"
#include "FoundationBench.h"
#include "KbBench.h"
#include "ScoringBench.h"
#include "SyncBench.h"
#include "TicketBench.h"
#include "demo/KbGenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>

using namespace telcodesk;
using namespace telcodesk::bench;

static QString findGui(const QString& given)
{
    if (!given.isEmpty())
        return given;
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString& candidate : {here.filePath(QStringLiteral("../../app/gui/telcodesk")),
                                     here.filePath(QStringLiteral("telcodesk"))}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return {};
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("telcodesk-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measures TelcoDesk on a generated data set."));
    parser.addHelpOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Data folder with telcodesk.db."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("PostgreSQL URL for the sync metrics."),
                                    QStringLiteral("URL"));
    const QCommandLineOption only(QStringLiteral("only"), QStringLiteral("Run the metrics whose names start with PREFIX."),
                                  QStringLiteral("PREFIX"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per line."));
    const QCommandLineOption gui(QStringLiteral("gui"), QStringLiteral("Path of the telcodesk executable."),
                                 QStringLiteral("PATH"));
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("Fewer repetitions (smoke runs)."));
    const QCommandLineOption kbArticles(QStringLiteral("kb-articles"),
                                        QStringLiteral("Articles in the knowledge base the kb.* metrics generate "
                                                       "(default 20000; 2000 with --quick)."),
                                        QStringLiteral("N"));
    const QCommandLineOption cold(QStringLiteral("drop-caches"),
                                  QStringLiteral("Empty the page cache before each GUI start (root only)."));
    parser.addOptions({dataDir, server, only, json, gui, quick, cold, kbArticles});
    parser.process(app);

    Report report(parser.isSet(json));
    BenchOptions options;
    options.dataDir = parser.value(dataDir);
    options.only = parser.value(only);
    options.guiPath = findGui(parser.value(gui));
    options.dropCaches = parser.isSet(cold);
    if (parser.isSet(quick)) {
        options.searchQueries = 100;
        options.referenceQueries = 5;
        options.panelLoads = 50;
        options.startups = 1;
        options.ticketRuns = 5;
    }

    // The knowledge base metrics generate their own articles: they need no data folder.
    int articles = parser.isSet(quick) ? 2000 : 20000;
    if (parser.isSet(kbArticles)) {
        bool ok = false;
        articles = parser.value(kbArticles).toInt(&ok);
        if (!ok || articles < 1 || articles > KbGenerator::kMaxArticles) {
            QTextStream(stderr) << "--kb-articles must be a whole number from 1 to " << KbGenerator::kMaxArticles << '\n';
            return 2;
        }
    }
    runKnowledgeBase(options, articles, report);
    runScoringTraining(options, report);

    const QString dbPath = QDir(options.dataDir).filePath(QString::fromLatin1(LocalStore::kFileName));
    if (options.dataDir.isEmpty() || !QFileInfo::exists(dbPath)) {
        const QString reason = options.dataDir.isEmpty() ? QStringLiteral("no --data-dir given")
                                                         : QStringLiteral("no database at ") + dbPath;
        const QStringList scoringOnData = scoringMetricNames().mid(2); // the training metrics ran above
        for (const QString& m : foundationMetricNames() + syncMetricNames() + ticketMetricNames() + scoringOnData)
            if (options.wants(m))
                report.skipped(m, reason);
        return 0;
    }
    auto store = LocalStore::open(dbPath);
    if (!store) {
        QTextStream(stderr) << store.errorMessage() << '\n';
        return 1;
    }
    runFoundation(options, store.value(), report);
    runTickets(options, store.value(), report);
    runScoring(options, store.value(), report);
    runRetentionList(options, store.value(), report);
    const bool wantsSync = std::any_of(syncMetricNames().begin(), syncMetricNames().end(),
                                       [&](const QString& m) { return options.wants(m); });
    if (wantsSync) {
        if (parser.isSet(server))
            runSync(options, parser.value(server), store.value(), report);
        else
            for (const QString& m : syncMetricNames())
                if (options.wants(m))
                    report.skipped(m, QStringLiteral("no --server given (a PostgreSQL superuser URL)"));
    }
    return 0;
}
