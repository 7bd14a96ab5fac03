#include "scoring/ScoringEngine.h"

#include "scoring/SqliteStatement.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QDir>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace telcodesk {

using scoring_detail::Statement;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The model's input columns, resolved once per block: where each is found and how it is transformed.
struct ColumnPlan
{
    std::vector<int> feature;
    std::vector<double> mean, scale, fill;
    std::vector<char> doFill;
    bool standardize = false;

    explicit ColumnPlan(const LoadedModel& m)
    {
        const Preprocessor& p = m.model.preprocessor;
        standardize = p.options().standardize;
        for (std::size_t j = 0; j < p.columns().size(); ++j) {
            const Preprocessor::Column& c = p.columns()[j];
            feature.push_back(m.featureOfColumn[j]);
            mean.push_back(c.mean);
            scale.push_back(c.std > 0 ? 1.0 / c.std : 0.0);
            fill.push_back(c.fill);
            doFill.push_back(p.options().fillMissing || c.fixedFill ? 1 : 0);
        }
    }

    int size() const { return int(feature.size()); }

    /// The model's inputs for one customer's features, as Preprocessor::transform would make them.
    void inputs(const double* features, double* x) const
    {
        for (int j = 0; j < size(); ++j) {
            double v = features[feature[std::size_t(j)]];
            if (std::isnan(v) && doFill[std::size_t(j)])
                v = fill[std::size_t(j)];
            if (standardize && !std::isnan(v))
                v = (v - mean[std::size_t(j)]) * scale[std::size_t(j)];
            x[j] = v;
        }
    }
};

double sigmoid(double z)
{
    return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

double logisticRaw(const LogisticRegression& lr, const double* x, int n)
{
    const std::vector<double>& w = lr.weights();
    double z = lr.intercept();
    for (int j = 0; j < n; ++j) {
        // A linear model never sees a missing input (its preprocessing fills them); a model file that asks
        // for no filling scores a missing value as the mean.
        if (!std::isnan(x[j]))
            z += w[std::size_t(j)] * x[j];
    }
    return z;
}

void appendNumber(QByteArray& out, double v)
{
    if (!std::isfinite(v)) {
        out.append("null");
        return;
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, int(result.ptr - buffer));
}

void appendString(QByteArray& out, const QString& s)
{
    out.append('"');
    for (const char c : s.toUtf8()) {
        if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
            out.append(esc);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

/// The same JSON as ReasonText::toJson (which ReasonText::fromJson reads), written without a QJsonDocument:
/// a full run writes a million of them.
QByteArray reasonsJson(const std::vector<ScoreReason>& reasons)
{
    QByteArray out;
    out.reserve(64 * int(reasons.size()) + 2);
    out.append('[');
    bool first = true;
    for (const ScoreReason& r : reasons) {
        if (!first)
            out.append(',');
        first = false;
        out.append("{\"code\":");
        appendString(out, r.code);
        out.append(",\"value\":");
        appendNumber(out, r.value);
        out.append(",\"weight\":");
        appendNumber(out, r.weight);
        if (!std::isnan(r.other)) {
            out.append(",\"other\":");
            appendNumber(out, r.other);
        }
        out.append('}');
    }
    out.append(']');
    return out;
}

QStringList splitList(const std::string& text)
{
    if (text.empty())
        return {};
    return QString::fromUtf8(text.data(), qsizetype(text.size())).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

Error storeError(sqlite3* db, const QString& what)
{
    return Error{ScoreStore::tr("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db))), QStringLiteral("store")};
}

Status exec(sqlite3* db, const char* sql)
{
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return storeError(db, QString::fromUtf8(sql));
    return {};
}

} // namespace

// ---- LoadedModel -------------------------------------------------------------------------------------------

Result<std::shared_ptr<const LoadedModel>> LoadedModel::fromBytes(const QByteArray& json, const QString& source)
{
    Result<ScoringModel> model = ModelFile::fromJson(json, source);
    if (!model)
        return model.error();
    auto loaded = std::make_shared<LoadedModel>();
    loaded->model = std::move(model.value());
    loaded->source = source;
    loaded->id = QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex().left(16));
    for (const Preprocessor::Column& c : loaded->model.preprocessor.columns()) {
        const int feature = CustomerFeatures::indexOf(c.name);
        if (feature < 0)
            return Error{QCoreApplication::translate("telcodesk::LoadedModel", "%1: the model reads the column \"%2\", which is not a customer feature; "
                                           "train it with telcodesk-admin train --data-dir")
                             .arg(source, c.name),
                         QStringLiteral("invalid")};
        if (!c.numeric)
            return Error{QCoreApplication::translate("telcodesk::LoadedModel", "%1: the model reads the customer feature \"%2\" as a category, but "
                                           "customer features are numbers")
                             .arg(source, c.name),
                         QStringLiteral("invalid")};
        loaded->featureOfColumn.push_back(feature);
    }
    const int inputs = int(loaded->featureOfColumn.size());
    if (loaded->model.kind == QLatin1String("gbt")) {
        if (!loaded->model.gbt || loaded->model.gbt->featureCount() != inputs)
            return Error{QCoreApplication::translate("telcodesk::LoadedModel", "%1: the trees read %2 features but the preprocessing makes %3")
                             .arg(source)
                             .arg(loaded->model.gbt ? loaded->model.gbt->featureCount() : 0)
                             .arg(inputs),
                         QStringLiteral("invalid")};
    } else if (loaded->model.lr.featureCount() != inputs) {
        return Error{QCoreApplication::translate("telcodesk::LoadedModel", "%1: the model has %2 weights but the preprocessing makes %3 features")
                         .arg(source)
                         .arg(loaded->model.lr.featureCount())
                         .arg(inputs),
                     QStringLiteral("invalid")};
    }
    return std::shared_ptr<const LoadedModel>(std::move(loaded));
}

Result<std::shared_ptr<const LoadedModel>> LoadedModel::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("telcodesk::LoadedModel", "cannot read the model file %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                     QStringLiteral("io")};
    return fromBytes(file.readAll(), path.startsWith(QLatin1Char(':')) ? path : QDir::toNativeSeparators(path));
}

Result<std::shared_ptr<const LoadedModel>> LoadedModel::builtIn()
{
    static const Result<std::shared_ptr<const LoadedModel>> model =
        load(QStringLiteral(":/telcodesk/scoring/default-model.json"));
    return model;
}

QString LoadedModel::dataDirModelPath(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("scoring-model.json"));
}

Result<std::shared_ptr<const LoadedModel>> LoadedModel::forDataDir(const QString& dataDir)
{
    const QString path = dataDirModelPath(dataDir);
    if (QFileInfo::exists(path))
        return load(path);
    return builtIn();
}

// ---- ScoringEngine -----------------------------------------------------------------------------------------

ScoringEngine::ScoringEngine(std::shared_ptr<const LoadedModel> model, RetentionConfig config)
    : m_model(std::move(model)), m_config(std::move(config))
{
}

std::vector<double> ScoringEngine::probabilities(const FeatureBlock& block) const
{
    const ColumnPlan plan(*m_model);
    const int n = plan.size();
    std::vector<double> x(std::size_t(std::max(1, n)));
    std::vector<double> out(std::size_t(block.rows()));
    const bool trees = m_model->model.kind == QLatin1String("gbt");
    for (int r = 0; r < block.rows(); ++r) {
        plan.inputs(block.row(r), x.data());
        out[std::size_t(r)] = trees ? m_model->model.gbt->predictProbability(x.data())
                                    : sigmoid(logisticRaw(m_model->model.lr, x.data(), n));
    }
    return out;
}

std::vector<CustomerScore> ScoringEngine::score(const FeatureBlock& block, qint64 scoredAtMs) const
{
    const ColumnPlan plan(*m_model);
    const int n = plan.size();
    const bool trees = m_model->model.kind == QLatin1String("gbt");
    const QStringList& names = CustomerFeatures::names();
    std::vector<double> x(std::size_t(std::max(1, n)));
    std::vector<double> contribution(std::size_t(std::max(1, n)));
    std::vector<int> order(std::size_t(std::max(1, n)));
    std::vector<CustomerScore> scores(std::size_t(block.rows()));
    QHash<QString, std::vector<int>> ruleFeatures;
    for (const RetentionRule& rule : m_config.rules) {
        // Only a rule that fires when every one of its comparisons holds says them all by its name; "two of
        // three" does not say which two, so the model's reasons still may.
        const bool all = rule.when.kind == Condition::Kind::All || rule.when.kind == Condition::Kind::Compare;
        if (rule.kind == RetentionRule::Kind::Risk && all)
            ruleFeatures.insert(rule.code, rule.when.featureIndices());
    }
    std::vector<char> ruled(std::size_t(kCustomerFeatureCount), 0);
    for (int r = 0; r < block.rows(); ++r) {
        const double* features = block.row(r);
        plan.inputs(features, x.data());
        double raw = 0;
        if (trees) {
            // The path attribution first (trees × depth): same bias and sum as TreeSHAP, so it gives the
            // probability. TreeSHAP (trees × leaves × depth², about a millisecond a customer) replaces it below
            // for the customers whose reasons lead to action.
            const GbtAttribution a = m_model->model.gbt->saabasAttributions(x.data());
            raw = a.bias;
            for (int j = 0; j < n; ++j) {
                contribution[std::size_t(j)] = a.values[std::size_t(j)];
                raw += a.values[std::size_t(j)];
            }
        } else {
            const std::vector<double>& w = m_model->model.lr.weights();
            raw = m_model->model.lr.intercept();
            for (int j = 0; j < n; ++j) {
                const double c = std::isnan(x[std::size_t(j)]) ? 0.0 : w[std::size_t(j)] * x[std::size_t(j)];
                contribution[std::size_t(j)] = c;
                raw += c;
            }
        }
        const double probability = sigmoid(raw);

        CustomerScore& s = scores[std::size_t(r)];
        s.customerId = block.customerIds.at(r);
        s.probability = probability;
        s.modelBand = m_config.bandOf(probability);
        RetentionConfig::Outcome outcome = m_config.evaluate(features, probability);
        if (trees && (probability >= m_config.mediumBand || outcome.highRiskRule)) {
            // Medium and high risk (the badge's colour, the tasks): exact Shapley values for the reasons.
            const GbtAttribution exact = m_model->model.gbt->attributions(x.data());
            for (int j = 0; j < n; ++j)
                contribution[std::size_t(j)] = exact.values[std::size_t(j)];
        }
        s.band = std::move(outcome.band);
        s.segment = std::move(outcome.segment);
        s.tags = std::move(outcome.tags);
        // A fired risk rule of comparisons that all hold already says what its features show ("calls collapsed
        // and a porting enquiry"): the model's reasons leave those features out instead of repeating it.
        std::fill(ruled.begin(), ruled.end(), char(0));
        for (const QString& code : std::as_const(outcome.rules)) {
            const RetentionRule* rule = m_config.rule(code);
            if (!rule || rule->kind != RetentionRule::Kind::Risk)
                continue;
            s.reasons.push_back(ScoreReason{code, kNaN, std::numeric_limits<double>::infinity(), kNaN});
            for (const int f : ruleFeatures.value(code))
                if (f >= 0 && f < kCustomerFeatureCount)
                    ruled[std::size_t(f)] = 1;
        }
        s.rules = std::move(outcome.rules);

        // The strongest contributions that raise the risk, largest first (ties: column order), leaving out
        // those whose words would tell the agent nothing ("spend unchanged", "no complaints").
        int candidates = 0;
        for (int j = 0; j < n; ++j) {
            if (contribution[std::size_t(j)] > 0 && !ruled[std::size_t(plan.feature[std::size_t(j)])])
                order[std::size_t(candidates++)] = j;
        }
        const auto stronger = [&](int a, int b) {
            const double ca = contribution[std::size_t(a)];
            const double cb = contribution[std::size_t(b)];
            return ca > cb || (ca == cb && a < b);
        };
        // Twice as many as are needed sorted first; the rest only when so many were not telling.
        int sorted = std::min(candidates, 2 * kTopReasons);
        std::partial_sort(order.begin(), order.begin() + sorted, order.begin() + candidates, stronger);
        for (int i = 0, taken = 0; i < candidates && taken < kTopReasons; ++i) {
            if (i == sorted) {
                std::sort(order.begin() + sorted, order.begin() + candidates, stronger);
                sorted = candidates;
            }
            const int j = order[std::size_t(i)];
            const int feature = plan.feature[std::size_t(j)];
            const double other = ReasonText::contextOf(CustomerFeature(feature), features);
            if (!ReasonText::telling(CustomerFeature(feature), features[feature], other))
                continue;
            s.reasons.push_back(ScoreReason{names.at(feature), features[feature], contribution[std::size_t(j)], other});
            ++taken;
        }
        s.modelId = m_model->id;
        s.asOfMs = block.asOfMs;
        s.scoredAtMs = scoredAtMs;
    }
    return scores;
}

// ---- ScoreStore --------------------------------------------------------------------------------------------

ScoreStore::ScoreStore(LocalStorePtr store) : m_store(std::move(store)) {}

Status ScoreStore::write(const std::vector<const std::vector<CustomerScore>*>& parts) const
{
    sqlite3* db = LocalStore::handle(m_store->connection());
    if (!db)
        return Error{tr("the local database is not open"), QStringLiteral("store")};
    // An upsert rewrites an existing row in place (REPLACE would delete it and insert it again).
    Statement insert(db, "INSERT INTO customer_score (customer_id, probability, band, model_band, reasons, "
                         "rules, segment, tags, model_id, as_of, scored_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                         "ON CONFLICT (customer_id) DO UPDATE SET probability = excluded.probability, "
                         "band = excluded.band, model_band = excluded.model_band, reasons = excluded.reasons, "
                         "rules = excluded.rules, segment = excluded.segment, tags = excluded.tags, "
                         "model_id = excluded.model_id, as_of = excluded.as_of, scored_at = excluded.scored_at");
    if (!insert.ok())
        return Error{tr("cannot write the scores: %1").arg(insert.error()), QStringLiteral("store")};
    Status s = exec(db, "BEGIN IMMEDIATE");
    if (!s)
        return s;
    for (const std::vector<CustomerScore>* scores : parts) {
        for (const CustomerScore& c : *scores) {
            insert.reset();
            insert.bind(1, c.customerId);
            insert.bind(2, c.probability);
            insert.bind(3, c.band);
            insert.bind(4, c.modelBand);
            const QByteArray reasons = reasonsJson(c.reasons);
            sqlite3_bind_text(insert.get(), 5, reasons.constData(), int(reasons.size()), SQLITE_STATIC);
            insert.bind(6, c.rules.join(QLatin1Char(',')));
            if (c.segment.isEmpty())
                insert.bindNull(7);
            else
                insert.bind(7, c.segment);
            insert.bind(8, c.tags.join(QLatin1Char(',')));
            insert.bind(9, c.modelId);
            insert.bind(10, c.asOfMs);
            insert.bind(11, c.scoredAtMs);
            if (insert.step() != SQLITE_DONE) {
                const Error e{tr("cannot write the score of customer %1: %2")
                                  .arg(c.customerId, QString::fromUtf8(sqlite3_errmsg(db))),
                              QStringLiteral("store")};
                insert.reset();
                exec(db, "ROLLBACK");
                return e;
            }
        }
    }
    insert.reset();
    s = exec(db, "COMMIT");
    if (!s)
        exec(db, "ROLLBACK");
    return s;
}

Result<std::optional<CustomerScore>> ScoreStore::load(const QString& customerId) const
{
    sqlite3* db = LocalStore::handle(m_store->connection());
    if (!db)
        return Error{tr("the local database is not open"), QStringLiteral("store")};
    Statement q(db, "SELECT probability, band, model_band, reasons, rules, segment, tags, model_id, as_of, scored_at "
                    "FROM customer_score WHERE customer_id = ?1");
    if (!q.ok())
        return Error{tr("cannot read the score of customer %1: %2").arg(customerId, q.error()), QStringLiteral("store")};
    q.bind(1, customerId);
    const int rc = q.step();
    if (rc == SQLITE_DONE)
        return std::optional<CustomerScore>();
    if (rc != SQLITE_ROW)
        return Error{tr("cannot read the score of customer %1: %2").arg(customerId, q.error()), QStringLiteral("store")};
    CustomerScore s;
    s.customerId = customerId;
    s.probability = q.real(0);
    s.band = QString::fromStdString(q.text(1));
    s.modelBand = QString::fromStdString(q.text(2));
    const std::string reasons = q.text(3);
    s.reasons = ReasonText::fromJson(QByteArray(reasons.data(), qsizetype(reasons.size())));
    s.rules = splitList(q.text(4));
    s.segment = QString::fromStdString(q.text(5));
    s.tags = splitList(q.text(6));
    s.modelId = QString::fromStdString(q.text(7));
    s.asOfMs = q.int64(8);
    s.scoredAtMs = q.int64(9);
    return std::optional<CustomerScore>(std::move(s));
}

Result<QHash<QString, int>> ScoreStore::bandCounts() const
{
    sqlite3* db = LocalStore::handle(m_store->connection());
    if (!db)
        return Error{tr("the local database is not open"), QStringLiteral("store")};
    Statement q(db, "SELECT band, count(*) FROM customer_score GROUP BY band");
    if (!q.ok())
        return Error{tr("cannot count the scores: %1").arg(q.error()), QStringLiteral("store")};
    QHash<QString, int> counts{{QStringLiteral("low"), 0}, {QStringLiteral("medium"), 0}, {QStringLiteral("high"), 0}};
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        counts.insert(QString::fromStdString(q.text(0)), int(q.int64(1)));
    if (rc != SQLITE_DONE)
        return Error{tr("cannot count the scores: %1").arg(q.error()), QStringLiteral("store")};
    return counts;
}

// ---- ScoringRun --------------------------------------------------------------------------------------------

QString ScoringRun::Report::jsonLine() const
{
    const auto number = [](double v) { return std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("null"); };
    return QStringLiteral("{\"customers\":%1,\"low\":%2,\"medium\":%3,\"high\":%4,\"tasks_opened\":%5,\"seconds\":%6,"
                          "\"extract_seconds\":%7,\"score_seconds\":%8,\"write_seconds\":%9,\"model_id\":\"%10\","
                          "\"as_of\":\"%11\"}")
        .arg(customers)
        .arg(low)
        .arg(medium)
        .arg(high)
        .arg(tasksOpened)
        .arg(number(seconds), number(extractSeconds), number(scoreSeconds), number(writeSeconds), modelId,
             QDateTime::fromMSecsSinceEpoch(asOfMs, Qt::UTC).toString(Qt::ISODateWithMs));
}

namespace {

/// Runs chunks on worker threads: each takes the next chunk index, extracts it with its own connection,
/// scores, writes and hands it to afterChunk.
class ChunkRunner
{
public:
    using Extract = std::function<Result<FeatureBlock>(const FeatureExtractor&, int chunk)>;

    ChunkRunner(const LocalStorePtr& store, const ScoringEngine& engine, qint64 asOfMs,
                const ScoringRun::Options& options, int chunks, int total, Extract extract)
        : m_store(store), m_engine(engine), m_asOfMs(asOfMs), m_options(options), m_chunks(chunks), m_total(total),
          m_extract(std::move(extract))
    {
    }

    Result<ScoringRun::Report> run()
    {
        QElapsedTimer wall;
        wall.start();
        int threads = m_options.threads > 0 ? m_options.threads : int(std::thread::hardware_concurrency());
        threads = std::max(1, std::min(threads, m_chunks));
        if (threads == 1) {
            // On the calling thread and its connection (the background service's, or a tool's).
            m_workersLeft = 1;
            work(false);
        } else {
            // Workers extract and score; when the scores are written, the calling thread writes them all on its
            // one connection, whose page cache stays warm (two writers would each find their cache emptied by
            // the other's commit and read customer_score's index back in for every chunk).
            m_writer = m_options.write;
            m_workersLeft = threads;
            std::vector<std::thread> workers;
            for (int t = 0; t < threads; ++t)
                workers.emplace_back([this] { work(true); });
            if (m_writer)
                writeQueued();
            for (std::thread& w : workers)
                w.join();
        }
        if (m_error)
            return *m_error;
        m_report.seconds = double(wall.nsecsElapsed()) / 1e9;
        m_report.modelId = m_engine.model().id;
        m_report.asOfMs = m_asOfMs;
        return m_report;
    }

private:
    struct Scored
    {
        FeatureBlock block;
        std::vector<CustomerScore> scores;
    };

    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }

    void work(bool ownThread)
    {
        const FeatureExtractor extractor(m_store, m_asOfMs);
        for (;;) {
            int chunk = 0;
            {
                const std::lock_guard<std::mutex> lock(m_mutex);
                if (m_error || m_next >= m_chunks)
                    break;
                chunk = m_next++;
            }
            if (cancelled()) {
                fail(Error{ScoringRun::tr("the scoring run was cancelled"), QStringLiteral("cancelled")});
                break;
            }
            QElapsedTimer timer;
            timer.start();
            Result<FeatureBlock> block = m_extract(extractor, chunk);
            if (!block) {
                fail(block.error());
                break;
            }
            const double extractSeconds = double(timer.nsecsElapsed()) / 1e9;
            timer.restart();
            Scored scored{std::move(block.value()), {}};
            scored.scores = m_engine.score(scored.block, QDateTime::currentMSecsSinceEpoch());
            const double scoreSeconds = double(timer.nsecsElapsed()) / 1e9;
            {
                const std::lock_guard<std::mutex> lock(m_mutex);
                m_report.extractSeconds += extractSeconds;
                m_report.scoreSeconds += scoreSeconds;
            }
            if (m_writer) {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_space.wait(lock, [this] { return m_queue.size() < 6 || m_error; });
                if (m_error)
                    break;
                m_queue.push_back(std::move(scored));
                m_ready.notify_one();
            } else if (!finish(scored)) {
                break;
            }
        }
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            --m_workersLeft;
            m_ready.notify_one();
        }
        if (ownThread)
            m_store->releaseThreadConnection();
    }

    /// The writer's loop on the calling thread. Every chunk waiting is written in one transaction: each
    /// commit rewrites the pages of customer_score's band index that its rows touch, which for a few
    /// thousand rows is most of them.
    void writeQueued()
    {
        for (;;) {
            std::vector<Scored> batch;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_ready.wait(lock, [this] { return !m_queue.empty() || m_workersLeft == 0 || m_error; });
                if (m_error || m_queue.empty())
                    break;
                while (!m_queue.empty()) {
                    batch.push_back(std::move(m_queue.front()));
                    m_queue.pop_front();
                }
                m_space.notify_all();
            }
            if (!finish(batch))
                break;
        }
    }

    bool finish(Scored& scored)
    {
        std::vector<Scored> one;
        one.push_back(std::move(scored));
        return finish(one);
    }

    /// Writes chunks' scores (when the run writes) in one transaction, hands each chunk to afterChunk and
    /// counts them.
    bool finish(std::vector<Scored>& batch)
    {
        double writeSeconds = 0;
        int tasks = 0;
        if (m_options.write) {
            std::vector<const std::vector<CustomerScore>*> parts;
            for (const Scored& scored : batch)
                parts.push_back(&scored.scores);
            QElapsedTimer timer;
            timer.start();
            // customer_score is a cache any run rebuilds: its commits need not wait for the disk (the WAL
            // stays consistent; a crash loses at most the last chunks' scores). What afterChunk writes
            // (synced retention tasks) is committed as durably as ever.
            sqlite3* db = LocalStore::handle(m_store->connection());
            qint64 durable = 2; // FULL, as LocalStore opens every connection, unless it says otherwise
            if (db) {
                Statement current(db, "PRAGMA synchronous");
                if (current.ok() && current.step() == SQLITE_ROW)
                    durable = current.int64(0);
                sqlite3_exec(db, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
            }
            const Status written = ScoreStore(m_store).write(parts);
            if (db)
                sqlite3_exec(db, QByteArray("PRAGMA synchronous = " + QByteArray::number(durable)).constData(), nullptr,
                             nullptr, nullptr);
            if (!written) {
                fail(written.error());
                return false;
            }
            writeSeconds = double(timer.nsecsElapsed()) / 1e9;
            if (m_options.afterChunk) {
                for (const Scored& scored : batch) {
                    Result<int> opened = m_options.afterChunk(scored.scores, scored.block);
                    if (!opened) {
                        fail(opened.error());
                        return false;
                    }
                    tasks += *opened;
                }
            }
        }
        int low = 0, medium = 0, high = 0, count = 0;
        for (const Scored& scored : batch) {
            for (const CustomerScore& s : scored.scores) {
                ++count;
                if (s.band == QLatin1String("high"))
                    ++high;
                else if (s.band == QLatin1String("medium"))
                    ++medium;
                else
                    ++low;
            }
        }
        int done = 0;
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_report.customers += count;
            m_report.low += low;
            m_report.medium += medium;
            m_report.high += high;
            m_report.tasksOpened += tasks;
            m_report.writeSeconds += writeSeconds;
            done = m_report.customers;
        }
        if (m_options.progress)
            m_options.progress(done, m_total);
        return true;
    }

    void fail(const Error& e)
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_error)
            m_error = e;
        m_space.notify_all();
        m_ready.notify_all();
    }

    const LocalStorePtr& m_store;
    const ScoringEngine& m_engine;
    qint64 m_asOfMs;
    const ScoringRun::Options& m_options;
    int m_chunks;
    int m_total;
    Extract m_extract;
    std::mutex m_mutex;
    std::condition_variable m_ready; ///< a chunk is queued, or a worker ended
    std::condition_variable m_space; ///< the queue has room
    std::deque<Scored> m_queue;
    bool m_writer = false;
    int m_workersLeft = 0;
    int m_next = 0;
    std::optional<Error> m_error;
    ScoringRun::Report m_report;
};

} // namespace

Result<ScoringRun::Report> ScoringRun::scoreAll(const LocalStorePtr& store, const ScoringEngine& engine, qint64 asOfMs,
                                                const Options& options)
{
    sqlite3* db = LocalStore::handle(store->connection());
    if (!db)
        return Error{tr("the local database is not open"), QStringLiteral("store")};
    const int chunk = std::max(1, options.chunk);
    if (options.write) {
        // What changes from here on is marked again and scored by the next drain. Scores of customers who
        // were deleted since go too.
        Status s = exec(db, "DELETE FROM score_dirty");
        if (s)
            s = exec(db, "DELETE FROM customer_score WHERE customer_id IN "
                         "(SELECT id FROM customer WHERE deleted_at IS NOT NULL)");
        if (!s)
            return s.error();
    }
    // Chunk k holds the ids in (bounds[k], bounds[k + 1]] ("" before the first; the last is open). The ids
    // come from the primary key's index alone (deleted customers included, which extraction leaves out), so
    // the workers start after one quick pass.
    std::vector<QString> bounds{QString()};
    int total = 0;
    int liveTotal = 0;
    {
        Statement ids(db, "SELECT id FROM customer ORDER BY id");
        if (!ids.ok())
            return storeError(db, tr("cannot list the customers"));
        int rc;
        while ((rc = ids.step()) == SQLITE_ROW) {
            ++total;
            if (total % chunk == 0) {
                int size = 0;
                const char* p = ids.raw(0, &size);
                bounds.push_back(QString::fromUtf8(p, size));
            }
        }
        if (rc != SQLITE_DONE)
            return storeError(db, tr("cannot list the customers"));
        if (total % chunk != 0)
            bounds.emplace_back(); // the last chunk is open-ended
        // Progress counts the live customers (the deleted ones come from the small customer_deleted index).
        Statement deleted(db, "SELECT count(*) FROM customer WHERE deleted_at IS NOT NULL");
        if (!deleted.ok() || deleted.step() != SQLITE_ROW)
            return storeError(db, tr("cannot list the customers"));
        liveTotal = total - int(deleted.int64(0));
    }
    if (total == 0) {
        Report empty;
        empty.modelId = engine.model().id;
        empty.asOfMs = asOfMs;
        return empty;
    }
    ChunkRunner runner(store, engine, asOfMs, options, int(bounds.size()) - 1, liveTotal,
                       [&bounds, chunk](const FeatureExtractor& x, int k) -> Result<FeatureBlock> {
                           Result<FeatureBlock> block = x.extractBatch(bounds[std::size_t(k)], chunk);
                           const QString& end = bounds[std::size_t(k) + 1];
                           if (block && !end.isEmpty()) {
                               // Deleted customers in the range let the batch run past its end: cut there.
                               FeatureBlock& b = block.value();
                               int keep = b.rows();
                               while (keep > 0 && b.customerIds.at(keep - 1) > end)
                                   --keep;
                               b.customerIds.resize(keep);
                               b.values.resize(std::size_t(keep) * kCustomerFeatureCount);
                           }
                           return block;
                       });
    return runner.run();
}

Result<ScoringRun::Report> ScoringRun::scoreCustomers(const LocalStorePtr& store, const ScoringEngine& engine,
                                                      qint64 asOfMs, const QStringList& customerIds,
                                                      const Options& options)
{
    const int chunk = std::max(1, options.chunk);
    const int chunks = int((customerIds.size() + chunk - 1) / chunk);
    if (chunks == 0) {
        Report empty;
        empty.modelId = engine.model().id;
        empty.asOfMs = asOfMs;
        return empty;
    }
    ChunkRunner runner(store, engine, asOfMs, options, chunks, int(customerIds.size()),
                       [&customerIds, chunk](const FeatureExtractor& x, int k) {
                           return x.extract(customerIds.mid(qsizetype(k) * chunk, chunk));
                       });
    return runner.run();
}

Result<ScoringRun::Report> ScoringRun::scoreDirty(const LocalStorePtr& store, const ScoringEngine& engine,
                                                  qint64 asOfMs, const Options& options, int limit)
{
    sqlite3* db = LocalStore::handle(store->connection());
    if (!db)
        return Error{tr("the local database is not open"), QStringLiteral("store")};
    QStringList ids;
    {
        Statement q(db, "SELECT customer_id FROM score_dirty ORDER BY customer_id LIMIT ?1");
        Statement remove(db, "DELETE FROM score_dirty WHERE customer_id = ?1");
        Statement dropScore(db, "DELETE FROM customer_score WHERE customer_id = ?1 AND NOT EXISTS "
                                "(SELECT 1 FROM customer WHERE id = ?1 AND deleted_at IS NULL)");
        if (!q.ok() || !remove.ok() || !dropScore.ok())
            return storeError(db, tr("cannot read the customers to re-score"));
        Status s = exec(db, "BEGIN IMMEDIATE");
        if (!s)
            return s.error();
        q.bind(1, qint64(std::max(1, limit)));
        int rc;
        while ((rc = q.step()) == SQLITE_ROW)
            ids.append(QString::fromStdString(q.text(0)));
        q.reset();
        // Taken out before scoring: a change that arrives during the run marks the customer again.
        for (const QString& id : std::as_const(ids)) {
            remove.reset();
            remove.bind(1, id);
            dropScore.reset();
            dropScore.bind(1, id);
            if (remove.step() != SQLITE_DONE || dropScore.step() != SQLITE_DONE) {
                const Error e = storeError(db, tr("cannot take customer %1 from the re-score list").arg(id));
                remove.reset();
                dropScore.reset();
                exec(db, "ROLLBACK");
                return e;
            }
        }
        remove.reset();
        dropScore.reset();
        if (rc != SQLITE_DONE) {
            const Error e = storeError(db, tr("cannot read the customers to re-score"));
            exec(db, "ROLLBACK");
            return e;
        }
        s = exec(db, "COMMIT");
        if (!s) {
            exec(db, "ROLLBACK");
            return s.error();
        }
    }
    return scoreCustomers(store, engine, asOfMs, ids, options);
}

} // namespace telcodesk
