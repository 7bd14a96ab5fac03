#include "ScoreCommands.h"

#include "AdminCommands.h"

#include "scoring/CustomerFeatures.h"
#include "scoring/RetentionConfig.h"
#include "scoring/Trainer.h"
#include "services/RetentionService.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

#include <cmath>
#include <cstdio>

#include <unistd.h>

namespace telcodesk::admin {

namespace {

/// Opens an existing data folder's database (never creates one: a typo in --data-dir must not make an
/// empty cache).
Result<LocalStorePtr> openExisting(const QString& dir)
{
    const QString path = QDir(dir).filePath(QLatin1String(LocalStore::kFileName));
    if (!QFileInfo::exists(path))
        return Error{ScoreCli::tr("there is no database in %1 (%2 is missing)")
                         .arg(QDir::toNativeSeparators(dir), QLatin1String(LocalStore::kFileName)),
                     QStringLiteral("missing")};
    auto opened = LocalStore::open(path);
    if (!opened)
        return Error{ScoreCli::tr("cannot open %1: %2").arg(QDir::toNativeSeparators(path), opened.errorMessage()),
                     QStringLiteral("store")};
    return opened.value();
}

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

/// Progress on standard error: a rewritten line on a terminal, a line per tenth otherwise.
std::function<void(int, int)> progressPrinter()
{
    const bool terminal = isatty(fileno(stderr));
    auto last = std::make_shared<std::atomic<int>>(-1);
    return [terminal, last](int done, int total) {
        const int permille = total > 0 ? int(qint64(done) * 1000 / total) : 1000;
        const int step = terminal ? permille : permille / 100;
        if (last->exchange(step) == step)
            return;
        if (terminal)
            std::fprintf(stderr, "\r[%5.1f%%] %d / %d\033[K%s", permille / 10.0, done, total, done >= total ? "\n" : "");
        else
            std::fprintf(stderr, "[%5.1f%%] %d / %d\n", permille / 10.0, done, total);
        std::fflush(stderr);
    };
}

int printCustomer(const LocalStorePtr& store, const ScoringEngine& engine, qint64 asOf, const QString& customerId)
{
    const FeatureExtractor extractor(store, asOf);
    Result<FeatureBlock> block = extractor.extract({customerId});
    if (!block) {
        printError(block.errorMessage());
        return Failure;
    }
    if (block->rows() == 0) {
        printError(ScoreCli::tr("there is no customer %1 in this database.").arg(customerId));
        return Failure;
    }
    const std::vector<CustomerScore> scores = engine.score(*block, QDateTime::currentMSecsSinceEpoch());
    const CustomerScore& s = scores.front();
    QJsonArray reasons;
    for (const ScoreReason& r : s.reasons) {
        QJsonObject o{{QStringLiteral("code"), r.code},
                      {QStringLiteral("value"), number(r.value)},
                      {QStringLiteral("weight"), r.isRule() ? QJsonValue(QStringLiteral("rule")) : number(r.weight)},
                      {QStringLiteral("zh_CN"), ReasonText::describe(r, engine.config(), QStringLiteral("zh_CN"))},
                      {QStringLiteral("en"), ReasonText::describe(r, engine.config(), QStringLiteral("en"))}};
        reasons.append(o);
    }
    QJsonObject features;
    for (int f = 0; f < kCustomerFeatureCount; ++f)
        features.insert(CustomerFeatures::names().at(f), number(block->value(0, CustomerFeature(f))));
    const QJsonObject out{{QStringLiteral("customer_id"), s.customerId},
                          {QStringLiteral("probability"), s.probability},
                          {QStringLiteral("band"), s.band},
                          {QStringLiteral("model_band"), s.modelBand},
                          {QStringLiteral("rules"), QJsonArray::fromStringList(s.rules)},
                          {QStringLiteral("segment"), s.segment.isEmpty() ? QJsonValue() : QJsonValue(s.segment)},
                          {QStringLiteral("tags"), QJsonArray::fromStringList(s.tags)},
                          {QStringLiteral("reasons"), reasons},
                          {QStringLiteral("features"), features},
                          {QStringLiteral("model_id"), s.modelId},
                          {QStringLiteral("as_of"),
                           QDateTime::fromMSecsSinceEpoch(asOf, Qt::UTC).toString(Qt::ISODateWithMs)}};
    std::fprintf(stdout, "%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    return Success;
}

/// Copies a checked model file into the data folder, replacing the one there in one step.
Status install(const QString& from, const QString& dataDir)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly))
        return Error{ScoreCli::tr("cannot read %1: %2").arg(QDir::toNativeSeparators(from), source.errorString()),
                     QStringLiteral("io")};
    const QByteArray bytes = source.readAll();
    const QString to = LoadedModel::dataDirModelPath(dataDir);
    QSaveFile target(to);
    if (!target.open(QIODevice::WriteOnly) || target.write(bytes) != bytes.size() || !target.commit())
        return Error{ScoreCli::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(to), target.errorString()),
                     QStringLiteral("io")};
    return {};
}

/// customer_id → 0/1 from a CSV with the columns customer_id and label.
Result<QHash<QString, double>> labelsFromCsv(const QString& path)
{
    Result<CsvTable> table = CsvTable::readFile(path, CsvTable::Options{QStringLiteral("label"), QStringLiteral("customer_id")});
    if (!table)
        return table.error();
    QHash<QString, double> labels;
    for (int r = 0; r < table->rowCount(); ++r)
        labels.insert(table->ids().at(r), table->labels()[std::size_t(r)]);
    return labels;
}

Result<QHash<QString, double>> labelsFromDemoTruth(const LocalStore& store)
{
    QSqlQuery q(store.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT customer_id, churn_planted FROM demo_truth")))
        return Error{ScoreCli::tr("cannot read demo_truth: %1").arg(q.lastError().text()), QStringLiteral("store")};
    QHash<QString, double> labels;
    while (q.next())
        labels.insert(q.value(0).toString(), q.value(1).toInt() != 0 ? 1.0 : 0.0);
    if (labels.isEmpty())
        return Error{ScoreCli::tr("this database has no demo_truth rows (it was not generated): give the labels "
                                  "with --labels CSV (columns customer_id,label)"),
                     QStringLiteral("invalid")};
    return labels;
}

} // namespace

Result<ScoringRun::Report> ScoreCli::runAll(const LocalStorePtr& store, const ScoringEngine& engine, qint64 asOfMs,
                                            int threads)
{
    Result<OfferCatalog> offers = OfferCatalog::load(*store);
    if (!offers)
        return offers.error();
    const OfferCatalog& catalog = offers.value();
    const RetentionConfig& config = engine.config();
    ScoringRun::Options options;
    options.threads = threads;
    options.progress = progressPrinter();
    // No signed-in agent: the tasks are opened by the system (created_by empty).
    options.afterChunk = RetentionService::taskOpener(store, Session{}, config, catalog);
    return ScoringRun::scoreAll(store, engine, asOfMs, options);
}

Result<ScoringRun::Report> ScoreCli::scoreEveryone(const LocalStorePtr& store, int threads)
{
    auto model = LoadedModel::forDataDir(QFileInfo(store->path()).absolutePath());
    if (!model)
        return model.error();
    QString problem;
    const RetentionConfig config = RetentionConfig::load(*store, &problem);
    if (!problem.isEmpty())
        printError(tr("warning: %1; the built-in retention rules are used.").arg(problem));
    const ScoringEngine engine(model.value(), config);
    Result<ScoringRun::Report> report = runAll(store, engine, FeatureExtractor::defaultAsOf(*store), threads);
    if (!report)
        return report;
    // A generated database stands for what a server already holds: its retention tasks are data like the
    // rest of it, not local changes waiting to be sent (the outbox of a new demo database stays empty).
    QSqlQuery clear(store->connection());
    if (!clear.exec(QStringLiteral("DELETE FROM outbox WHERE entity = 'retention_task' AND state = 'pending'")))
        return Error{tr("cannot clear the generated retention tasks from the outbox: %1").arg(clear.lastError().text()),
                     QStringLiteral("io")};
    return report;
}

int ScoreCli::score(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Scores every customer of the data folder's cache for churn risk: features from the cached data, the "
           "model's probability and reasons, the retention rules, RFM segment and tags; writes customer_score, "
           "opens retention tasks for the customers who reach the task band, and prints one JSON line of figures. "
           "With --customer, prints that customer's score and reasons (in Chinese and English) instead."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show these options."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), tr("The data folder holding the cache."), tr("DIR"));
    const QCommandLineOption modelFile(QStringLiteral("model"),
                                       tr("Score with this model file instead of the data folder's (or the built-in "
                                          "one)."),
                                       tr("FILE"));
    const QCommandLineOption installModel(QStringLiteral("install"),
                                          tr("Check the --model file and make it the data folder's model "
                                             "(DIR/scoring-model.json), then score with it."));
    const QCommandLineOption customer(QStringLiteral("customer"), tr("Print one customer's score and reasons."),
                                      tr("ID"));
    const QCommandLineOption threads(QStringLiteral("threads"), tr("Worker threads (default: one per core)."),
                                     tr("N"));
    parser.addOptions({help, dataDir, modelFile, installModel, customer, threads});
    if (const int exit = parseCommandArgs(parser, QStringLiteral("score"), args, help); exit >= 0)
        return exit;
    if (parser.value(dataDir).isEmpty()) {
        printError(tr("--data-dir DIR is required."));
        return BadArguments;
    }
    if (parser.isSet(installModel) && !parser.isSet(modelFile)) {
        printError(tr("--install needs --model FILE."));
        return BadArguments;
    }
    int threadCount = 0;
    if (parser.isSet(threads)) {
        bool ok = false;
        threadCount = parser.value(threads).toInt(&ok);
        if (!ok || threadCount < 1 || threadCount > 64) {
            printError(tr("--threads must be a whole number from 1 to 64, not \"%1\".").arg(parser.value(threads)));
            return BadArguments;
        }
    }
    const QString dir = parser.value(dataDir);

    Result<std::shared_ptr<const LoadedModel>> model = parser.isSet(modelFile) ? LoadedModel::load(parser.value(modelFile))
                                                                               : LoadedModel::forDataDir(dir);
    if (!model) {
        printError(model.errorMessage());
        return Failure;
    }
    Result<LocalStorePtr> store = openExisting(dir);
    if (!store) {
        printError(store.errorMessage());
        return Failure;
    }
    if (parser.isSet(installModel)) {
        const Status installed = install(parser.value(modelFile), dir);
        if (!installed) {
            printError(installed.errorMessage());
            return Failure;
        }
        printLine(stderr, tr("Installed the model %1 as %2.")
                              .arg(model.value()->id, QDir::toNativeSeparators(LoadedModel::dataDirModelPath(dir))));
    }

    QString problem;
    const RetentionConfig config = RetentionConfig::load(*store.value(), &problem);
    if (!problem.isEmpty())
        printError(tr("warning: %1; the built-in retention rules are used.").arg(problem));
    const ScoringEngine engine(model.value(), config);
    const qint64 asOf = FeatureExtractor::defaultAsOf(*store.value());
    if (parser.isSet(customer))
        return printCustomer(store.value(), engine, asOf, parser.value(customer));

    Result<ScoringRun::Report> report = runAll(store.value(), engine, asOf, threadCount);
    if (!report) {
        printError(report.errorMessage());
        return Failure;
    }
    printLine(stdout, report->jsonLine());
    return Success;
}

int ScoreCli::trainOnDataDir(const QString& dataDir, const QString& kind, const QString& out, const QString& labelsCsv)
{
    Result<LocalStorePtr> store = openExisting(dataDir);
    if (!store) {
        printError(store.errorMessage());
        return Failure;
    }
    Result<QHash<QString, double>> labels = labelsCsv.isEmpty() ? labelsFromDemoTruth(*store.value())
                                                                 : labelsFromCsv(labelsCsv);
    if (!labels) {
        printError(labels.errorMessage());
        return Failure;
    }

    // Every live customer's features, a chunk at a time, then only the labelled ones.
    const FeatureExtractor extractor(store.value(), FeatureExtractor::defaultAsOf(*store.value()));
    FeatureBlock all;
    QString after;
    for (;;) {
        Result<FeatureBlock> chunk = extractor.extractBatch(after, 20000);
        if (!chunk) {
            printError(chunk.errorMessage());
            return Failure;
        }
        if (chunk->rows() == 0)
            break;
        all.asOfMs = chunk->asOfMs;
        all.monthM0 = chunk->monthM0;
        after = chunk->customerIds.last();
        all.customerIds.append(chunk->customerIds);
        all.values.insert(all.values.end(), chunk->values.begin(), chunk->values.end());
    }
    FeatureBlock labelled;
    labelled.asOfMs = all.asOfMs;
    labelled.monthM0 = all.monthM0;
    std::vector<double> y;
    int unlabelled = 0;
    for (int r = 0; r < all.rows(); ++r) {
        const auto it = labels->constFind(all.customerIds.at(r));
        double label = 0;
        if (it != labels->constEnd()) {
            label = *it;
        } else if (!labelsCsv.isEmpty()) {
            ++unlabelled;
            continue;
        } // demo_truth lists only the customers something was planted in: the others did not churn
        labelled.customerIds.append(all.customerIds.at(r));
        labelled.values.insert(labelled.values.end(), all.row(r), all.row(r) + kCustomerFeatureCount);
        y.push_back(label);
    }
    if (unlabelled > 0)
        printError(tr("warning: %1 customers have no label and are left out.").arg(unlabelled));
    if (labelled.rows() == 0) {
        printError(tr("no customer of the database has a label."));
        return Failure;
    }

    Trainer::Options options;
    options.model = kind;
    options.target = labelsCsv.isEmpty() ? QStringLiteral("churn_planted") : QStringLiteral("label");
    options.idColumn = QStringLiteral("customer_id");
    Result<Trainer::Report> report = Trainer::train(labelled.toTable(y), options);
    if (!report) {
        printError(report.errorMessage());
        return Failure;
    }
    if (!out.isEmpty()) {
        const Status saved = ModelFile::save(report->model, out);
        if (!saved) {
            printError(saved.errorMessage());
            return Failure;
        }
    }
    printLine(stdout, report->jsonLine());
    return Success;
}

} // namespace telcodesk::admin
