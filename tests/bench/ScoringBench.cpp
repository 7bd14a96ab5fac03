#include "ScoringBench.h"

#include "scoring/CustomerFeatures.h"
#include "scoring/RetentionConfig.h"
#include "scoring/ScoringEngine.h"
#include "scoring/Trainer.h"
#include "itemmodels/AtRiskExport.h"
#include "services/RetentionService.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace telcodesk::bench {

namespace {

double secondsSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

/// TELCODESK_SHARED_DATA/churn, else the first shared/data/churn found above the executable.
QString churnDir()
{
    const QString env = qEnvironmentVariable("TELCODESK_SHARED_DATA");
    if (!env.isEmpty())
        return QDir(env).filePath(QStringLiteral("churn"));
    QDir dir(QCoreApplication::applicationDirPath());
    for (int up = 0; up < 6; ++up) {
        const QString candidate = dir.filePath(QStringLiteral("shared/data/churn"));
        if (QFileInfo(candidate).isDir())
            return candidate;
        if (!dir.cdUp())
            break;
    }
    return {};
}

double objective(const FeatureMatrix& m, const std::vector<double>& w, double b, double C)
{
    double loss = 0;
    for (int i = 0; i < m.rows; ++i) {
        double z = b;
        for (int j = 0; j < m.cols; ++j)
            z += w[std::size_t(j)] * m.at(i, j);
        // log(1 + e^z) - y z, computed without overflow
        loss += (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - m.labels[std::size_t(i)] * z;
    }
    double penalty = 0;
    for (double x : w)
        penalty += x * x;
    return loss + 0.5 * penalty / C;
}

/// The reference for the Newton fit: the same penalised objective by plain full-batch gradient descent with
/// the step 1/L (L bounds the Hessian's largest eigenvalue), for a fixed number of steps.
void gradientDescent(const FeatureMatrix& m, double C, int steps, std::vector<double>* wOut, double* bOut)
{
    double frobenius = 0;
    for (double v : m.values)
        frobenius += v * v;
    const double L = 0.25 * (frobenius + m.rows) + 1.0 / C;
    const double step = 1.0 / L;
    std::vector<double> w(std::size_t(m.cols), 0.0);
    std::vector<double> g(std::size_t(m.cols));
    double b = 0;
    for (int s = 0; s < steps; ++s) {
        std::fill(g.begin(), g.end(), 0.0);
        double gb = 0;
        for (int i = 0; i < m.rows; ++i) {
            const double* x = m.values.data() + std::size_t(i) * std::size_t(m.cols);
            double z = b;
            for (int j = 0; j < m.cols; ++j)
                z += w[std::size_t(j)] * x[j];
            const double r = 1.0 / (1.0 + std::exp(-z)) - m.labels[std::size_t(i)];
            for (int j = 0; j < m.cols; ++j)
                g[std::size_t(j)] += r * x[j];
            gb += r;
        }
        for (int j = 0; j < m.cols; ++j)
            w[std::size_t(j)] -= step * (g[std::size_t(j)] + w[std::size_t(j)] / C);
        b -= step * gb;
    }
    *wOut = w;
    *bOut = b;
}

void trainLrTelco(const BenchOptions& options, const QString& dir, Report& report)
{
    const QString name = QStringLiteral("scoring.train_lr_telco");
    const QString csv = QDir(dir).filePath(QStringLiteral("Telco-Customer-Churn.ibm.csv"));
    const QString split = QDir(dir).filePath(QStringLiteral("split_indices.csv"));
    if (!QFileInfo::exists(csv) || !QFileInfo::exists(split)) {
        report.skipped(name, QStringLiteral("the IBM Telco files are absent (set TELCODESK_SHARED_DATA)"));
        return;
    }
    Trainer::Options o;
    o.target = QStringLiteral("Churn");
    o.idColumn = QStringLiteral("customerID");
    o.splitFile = split;
    o.model = QStringLiteral("lr");
    o.preprocessing.fixedFill.insert(QStringLiteral("TotalCharges"), 0.0);
    auto table = CsvTable::readFile(csv, CsvTable::Options{o.target, o.idColumn});
    if (!table) {
        report.skipped(name, table.errorMessage());
        return;
    }
    const int runs = options.ticketRuns >= 50 ? 10 : 2;
    QVector<double> ours;
    std::optional<Trainer::Report> last;
    for (int r = 0; r < runs; ++r) {
        auto trained = Trainer::train(*table, o);
        if (!trained) {
            report.skipped(name, trained.errorMessage());
            return;
        }
        ours.append(trained->trainSeconds);
        last = std::move(trained.value());
    }

    // The reference on the same training features: preprocessing as ours, then gradient descent.
    auto splitRows = Trainer::readSplit(split, table->rowCount());
    if (!splitRows) {
        report.skipped(name, splitRows.errorMessage());
        return;
    }
    const int steps = 2000;
    QVector<double> reference;
    double gap = 0;
    for (int r = 0; r < std::max(1, runs / 5); ++r) {
        QElapsedTimer t;
        t.start();
        const Preprocessor p = Preprocessor::fit(*table, splitRows->first, o.preprocessing);
        auto m = p.transform(*table, splitRows->first);
        if (!m) {
            report.skipped(name, m.errorMessage());
            return;
        }
        std::vector<double> w;
        double b = 0;
        gradientDescent(*m, o.lr.C, steps, &w, &b);
        reference.append(secondsSince(t));
        const double newton = objective(*m, last->model.lr.weights(), last->model.lr.intercept(), o.lr.C);
        gap = (objective(*m, w, b, o.lr.C) - newton) / newton;
    }
    const Summary referenceSummary = Summary::of(reference);
    report.metric(name, QStringLiteral("s"), Summary::of(ours), QStringLiteral("gradient_descent_%1_steps").arg(steps),
                  &referenceSummary,
                  QJsonObject{{QStringLiteral("train_rows"), last->trainRows}, {QStringLiteral("features"), last->features}},
                  QJsonObject{{QStringLiteral("auc"), last->test.auc},
                              {QStringLiteral("newton_iterations"), last->model.lr.iterations()},
                              {QStringLiteral("reference_objective_gap"), gap}});
}

void trainGbtOrange(const BenchOptions& options, const QString& dir, Report& report)
{
    const QString name = QStringLiteral("scoring.train_gbt_orange");
    const QString train = QDir(dir).filePath(QStringLiteral("churn-bigml-80.csv"));
    const QString test = QDir(dir).filePath(QStringLiteral("churn-bigml-20.csv"));
    if (!QFileInfo::exists(train) || !QFileInfo::exists(test)) {
        report.skipped(name, QStringLiteral("the Orange bigml files are absent (set TELCODESK_SHARED_DATA)"));
        return;
    }
    Trainer::Options o;
    o.target = QStringLiteral("Churn");
    o.testFile = test;
    o.model = QStringLiteral("gbt");
    auto table = CsvTable::readFiles({train, test}, CsvTable::Options{o.target, QString()});
    if (!table) {
        report.skipped(name, table.errorMessage());
        return;
    }
    const int runs = options.ticketRuns >= 50 ? 5 : 1;
    QVector<double> ours;
    std::optional<Trainer::Report> last;
    for (int r = 0; r < runs; ++r) {
        auto trained = Trainer::train(*table, o);
        if (!trained) {
            report.skipped(name, trained.errorMessage());
            return;
        }
        ours.append(trained->trainSeconds);
        last = std::move(trained.value());
    }
    // The reference: the same learner and data as boosting without early stopping runs it, every one of
    // maxRounds (1000) trees grown.
    Trainer::Options fixed = o;
    fixed.gbt.validationFraction = 0;
    QVector<double> reference;
    double referenceAuc = 0;
    for (int r = 0; r < 1; ++r) {
        auto trained = Trainer::train(*table, fixed);
        if (!trained) {
            report.skipped(name, trained.errorMessage());
            return;
        }
        reference.append(trained->trainSeconds);
        referenceAuc = trained->test.auc;
    }
    const Summary referenceSummary = Summary::of(reference);
    report.metric(name, QStringLiteral("s"), Summary::of(ours),
                  QStringLiteral("gbt_%1_rounds_no_early_stopping").arg(fixed.gbt.maxRounds), &referenceSummary,
                  QJsonObject{{QStringLiteral("train_rows"), last->trainRows}, {QStringLiteral("features"), last->features}},
                  QJsonObject{{QStringLiteral("auc"), last->test.auc},
                              {QStringLiteral("accuracy"), last->test.accuracy},
                              {QStringLiteral("trees"), last->model.gbt ? int(last->model.gbt->trees().size()) : 0},
                              {QStringLiteral("reference_auc"), referenceAuc}});
}

/// Every live customer's features, a chunk at a time on one thread.
Result<std::vector<FeatureBlock>> extractAll(const LocalStorePtr& store, qint64 asOf)
{
    const FeatureExtractor x(store, asOf);
    std::vector<FeatureBlock> blocks;
    QString after;
    for (;;) {
        auto block = x.extractBatch(after, 20000);
        if (!block)
            return block.error();
        if (block->rows() == 0)
            break;
        after = block->customerIds.last();
        blocks.push_back(std::move(block.value()));
    }
    return blocks;
}

/// The reference: the model's arithmetic alone on blocks already in memory.
double bareArithmetic(const ScoringEngine& engine, const std::vector<FeatureBlock>& blocks, double* checksum)
{
    QElapsedTimer t;
    t.start();
    double sum = 0;
    for (const FeatureBlock& b : blocks) {
        for (double p : engine.probabilities(b))
            sum += p;
    }
    *checksum = sum;
    return secondsSince(t);
}

} // namespace

const QStringList& scoringMetricNames()
{
    static const QStringList names{QStringLiteral("scoring.train_lr_telco"), QStringLiteral("scoring.train_gbt_orange"),
                                   QStringLiteral("scoring.score_all"), QStringLiteral("scoring.score_all_write"),
                                   QStringLiteral("scoring.score_all_gbt"), QStringLiteral("retention.at_risk_page"),
                                   QStringLiteral("retention.at_risk_sorted"), QStringLiteral("retention.export")};
    return names;
}

void runScoringTraining(const BenchOptions& options, Report& report)
{
    const bool lr = options.wants(QStringLiteral("scoring.train_lr_telco"));
    const bool gbt = options.wants(QStringLiteral("scoring.train_gbt_orange"));
    if (!lr && !gbt)
        return;
    const QString dir = churnDir();
    if (dir.isEmpty() || !QFileInfo(dir).isDir()) {
        const QString reason = QStringLiteral("the shared churn data is absent (set TELCODESK_SHARED_DATA)");
        if (lr)
            report.skipped(QStringLiteral("scoring.train_lr_telco"), reason);
        if (gbt)
            report.skipped(QStringLiteral("scoring.train_gbt_orange"), reason);
        return;
    }
    if (lr)
        trainLrTelco(options, dir, report);
    if (gbt)
        trainGbtOrange(options, dir, report);
}

void runScoring(const BenchOptions& options, const LocalStorePtr& store, Report& report)
{
    const QString all = QStringLiteral("scoring.score_all");
    const QString write = QStringLiteral("scoring.score_all_write");
    const QString gbt = QStringLiteral("scoring.score_all_gbt");
    // "scoring.score_all" is a prefix of the other two: decide by exact name and by prefix of the option.
    const bool wantAll = options.wants(all);
    const bool wantWrite = options.wants(write);
    const bool wantGbt = options.wants(gbt);
    if (!wantAll && !wantWrite && !wantGbt)
        return;

    auto model = LoadedModel::builtIn();
    if (!model) {
        for (const QString& m : {all, write, gbt})
            if (options.wants(m))
                report.skipped(m, model.errorMessage());
        return;
    }
    const RetentionConfig config = RetentionConfig::load(*store);
    const qint64 asOf = FeatureExtractor::defaultAsOf(*store);
    const ScoringEngine engine(model.value(), config);
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));

    // The features once, for the references (one thread; not part of any figure).
    QElapsedTimer t;
    t.start();
    auto blocks = extractAll(store, asOf);
    if (!blocks) {
        for (const QString& m : {all, write, gbt})
            if (options.wants(m))
                report.skipped(m, blocks.errorMessage());
        return;
    }
    const double extractOneThread = secondsSince(t);
    int customers = 0;
    for (const FeatureBlock& b : *blocks)
        customers += b.rows();
    const QJsonObject scale{{QStringLiteral("customers"), customers}, {QStringLiteral("threads"), cores}};
    double checksum = 0;
    const double bare = bareArithmetic(engine, *blocks, &checksum);
    const Summary bareSummary = Summary::of({bare});

    const auto runOnce = [&](const ScoringEngine& e, bool writeScores) {
        ScoringRun::Options o;
        o.write = writeScores;
        return ScoringRun::scoreAll(store, e, asOf, o);
    };
    const auto extra = [](const ScoringRun::Report& r) {
        return QJsonObject{{QStringLiteral("extract_seconds_summed"), r.extractSeconds},
                           {QStringLiteral("score_seconds_summed"), r.scoreSeconds},
                           {QStringLiteral("write_seconds_summed"), r.writeSeconds},
                           {QStringLiteral("high"), r.high},
                           {QStringLiteral("medium"), r.medium},
                           {QStringLiteral("model_id"), r.modelId}};
    };

    double pureSeconds = 0;
    if (wantAll || wantWrite) {
        auto r = runOnce(engine, false);
        if (!r) {
            report.skipped(all, r.errorMessage());
        } else {
            pureSeconds = r->seconds;
            if (wantAll) {
                QJsonObject x = extra(*r);
                x.insert(QStringLiteral("extract_one_thread_seconds"), extractOneThread);
                report.metric(all, QStringLiteral("s"), Summary::of({r->seconds}), QStringLiteral("model_arithmetic_only"),
                              &bareSummary, scale, x);
            }
        }
    }
    if (wantWrite) {
        auto r = runOnce(engine, true);
        if (!r) {
            report.skipped(write, r.errorMessage());
        } else {
            const Summary pure = Summary::of({pureSeconds});
            report.metric(write, QStringLiteral("s"), Summary::of({r->seconds}), QStringLiteral("score_all_not_written"),
                          pureSeconds > 0 ? &pure : nullptr, scale, extra(*r));
        }
    }
    if (wantGbt) {
        // Trees trained here on the data folder's own planted churners (at most 50,000 customers).
        QHash<QString, double> labels;
        {
            QSqlQuery q(store->connection());
            if (q.exec(QStringLiteral("SELECT customer_id, churn_planted FROM demo_truth")))
                while (q.next())
                    labels.insert(q.value(0).toString(), q.value(1).toInt() != 0 ? 1.0 : 0.0);
        }
        if (labels.isEmpty()) {
            report.skipped(gbt, QStringLiteral("the data folder has no demo_truth to train the trees on"));
            return;
        }
        FeatureBlock sample;
        std::vector<double> y;
        for (const FeatureBlock& b : *blocks) {
            for (int r = 0; r < b.rows() && sample.rows() < 50000; ++r) {
                sample.customerIds.append(b.customerIds.at(r));
                sample.values.insert(sample.values.end(), b.row(r), b.row(r) + kCustomerFeatureCount);
                y.push_back(labels.value(b.customerIds.at(r), 0.0));
            }
        }
        Trainer::Options o;
        o.model = QStringLiteral("gbt");
        o.target = QStringLiteral("churn_planted");
        o.idColumn = QStringLiteral("customer_id");
        auto trained = Trainer::train(sample.toTable(y), o);
        if (!trained) {
            report.skipped(gbt, trained.errorMessage());
            return;
        }
        auto trees = LoadedModel::fromBytes(ModelFile::toJson(trained->model), QStringLiteral("bench-trees"));
        if (!trees) {
            report.skipped(gbt, trees.errorMessage());
            return;
        }
        const ScoringEngine treeEngine(trees.value(), config);
        double treeChecksum = 0;
        const Summary treeBare = Summary::of({bareArithmetic(treeEngine, *blocks, &treeChecksum)});
        auto r = runOnce(treeEngine, false);
        if (!r) {
            report.skipped(gbt, r.errorMessage());
            return;
        }
        QJsonObject x = extra(*r);
        x.insert(QStringLiteral("trees"), trained->model.gbt ? int(trained->model.gbt->trees().size()) : 0);
        x.insert(QStringLiteral("train_auc_held_out"), trained->test.auc);
        report.metric(gbt, QStringLiteral("s"), Summary::of({r->seconds}), QStringLiteral("tree_arithmetic_only"),
                      &treeBare, scale, x);
    }
}

void runRetentionList(const BenchOptions& options, const LocalStorePtr& store, Report& report)
{
    const QString page = QStringLiteral("retention.at_risk_page");
    const QString sorted = QStringLiteral("retention.at_risk_sorted");
    const QString exported = QStringLiteral("retention.export");
    const bool wantPage = options.wants(page);
    const bool wantSorted = options.wants(sorted);
    const bool wantExport = options.wants(exported);
    if (!wantPage && !wantSorted && !wantExport)
        return;
    Session supervisor;
    supervisor.login = QStringLiteral("bench");
    supervisor.role = Role::Supervisor;
    const RetentionService service(store, supervisor);
    const int runs = std::max(5, options.ticketRuns);
    QString failure;

    // What the supervisor waits for when the list opens or is sorted: the first page and the count.
    const auto timed = [&](const AtRiskFilter& filter, int* total) -> double {
        QElapsedTimer t;
        t.start();
        const auto rows = service.atRisk(filter);
        const auto count = service.atRiskCount(filter);
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (!rows || !count)
            failure = rows ? count.errorMessage() : rows.errorMessage();
        else
            *total = count.value();
        return ms;
    };

    if (wantPage) {
        // The list as it opens: high risk, by probability. Reference: the same page with the count as it was
        // before local migration 13, joining customer to leave out deleted customers' scores.
        const AtRiskFilter filter;
        int total = 0;
        QVector<double> ours, before;
        for (int i = 0; i < runs && failure.isEmpty(); ++i) {
            ours << timed(filter, &total);
            QElapsedTimer t;
            t.start();
            const auto rows = service.atRisk(filter);
            QSqlQuery q(store->connection());
            if (!rows || !q.exec(QStringLiteral("SELECT count(*) FROM customer_score s JOIN customer c ON c.id = s.customer_id "
                                                "WHERE c.deleted_at IS NULL AND s.band <> 'low' AND s.band = 'high'"))
                || !q.next())
                failure = rows ? QStringLiteral("the reference count failed") : rows.errorMessage();
            before << double(t.nsecsElapsed()) / 1e6;
        }
        if (!failure.isEmpty()) {
            report.skipped(page, failure);
        } else {
            const Summary reference = Summary::of(before);
            report.metric(page, QStringLiteral("ms"), Summary::of(ours), QStringLiteral("count_joining_customer"),
                          &reference, QJsonObject{{QStringLiteral("at_risk"), total}, {QStringLiteral("rows"), filter.limit}});
        }
    }
    if (wantSorted && failure.isEmpty()) {
        // High and medium by name, A to Z. Reference: the naive way, every at-risk row read and sorted here.
        AtRiskFilter filter;
        filter.band.clear();
        filter.sort = AtRiskFilter::Sort::Name;
        filter.ascending = true;
        int total = 0;
        QVector<double> ours, naive;
        for (int i = 0; i < runs && failure.isEmpty(); ++i) {
            ours << timed(filter, &total);
            QElapsedTimer t;
            t.start();
            AtRiskFilter everything = filter;
            everything.limit = std::numeric_limits<int>::max();
            auto rows = service.atRisk(everything);
            if (!rows) {
                failure = rows.errorMessage();
                break;
            }
            QVector<AtRiskRow> all = std::move(rows).value();
            std::sort(all.begin(), all.end(), [](const AtRiskRow& a, const AtRiskRow& b) {
                return a.name != b.name ? a.name < b.name : a.customerId < b.customerId;
            });
            all.resize(std::min<qsizetype>(all.size(), filter.limit));
            naive << double(t.nsecsElapsed()) / 1e6;
        }
        if (!failure.isEmpty()) {
            report.skipped(sorted, failure);
        } else {
            const Summary reference = Summary::of(naive);
            report.metric(sorted, QStringLiteral("ms"), Summary::of(ours), QStringLiteral("read_all_and_sort_in_client"),
                          &reference, QJsonObject{{QStringLiteral("at_risk"), total}, {QStringLiteral("rows"), filter.limit}});
        }
    } else if (wantSorted) {
        report.skipped(sorted, failure);
    }
    if (wantExport && failure.isEmpty()) {
        // Every high-risk customer to a CSV file. Reference: reading the same rows, without words or file.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("at-risk.csv"));
        const AtRiskFilter filter;
        const RetentionConfig config = RetentionConfig::load(*store);
        QVector<double> ours, reading;
        int written = 0;
        for (int i = 0; i < 3 && failure.isEmpty(); ++i) {
            QElapsedTimer t;
            t.start();
            const Result<int> n = AtRiskExport::toFile(service, filter, config, path);
            ours << secondsSince(t);
            if (!n) {
                failure = n.errorMessage();
                break;
            }
            written = n.value();
            t.restart();
            AtRiskFilter all = filter;
            all.limit = std::numeric_limits<int>::max();
            const auto rows = service.atRisk(all);
            reading << secondsSince(t);
            if (!rows)
                failure = rows.errorMessage();
        }
        if (!failure.isEmpty()) {
            report.skipped(exported, failure);
        } else {
            const Summary reference = Summary::of(reading);
            report.metric(exported, QStringLiteral("s"), Summary::of(ours), QStringLiteral("rows_read_only"), &reference,
                          QJsonObject{{QStringLiteral("customers"), written}},
                          QJsonObject{{QStringLiteral("file_bytes"), QFileInfo(path).size()}});
        }
    } else if (wantExport) {
        report.skipped(exported, failure);
    }
}

} // namespace telcodesk::bench
