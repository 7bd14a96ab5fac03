#include "demo/DemoGenerator.h"

#include "common/Logging.h"
#include "demo/BulkLoader.h"
#include "demo/KbGenerator.h"
#include "demo/PopulationSimulator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>

#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace telcodesk {

using demo::BulkLoader;
using demo::Chunk;
using demo::PopulationSimulator;

namespace {

/// Customer records per chunk: a few tens of thousands of rows, small enough to keep both threads busy.
constexpr int kRecordsPerChunk = 400;
/// Chunks in flight between the two threads.
constexpr int kPipeDepth = 4;

/// The tables the generator fills. Their secondary indexes are dropped during the load and built again
/// afterwards from the SQL SQLite keeps for them, so nothing of the migrations is repeated here.
const char* const kFilledTables[] = {"region",  "agent",       "plan",         "customer",      "subscription",
                                     "subscription_addon", "usage_month", "bill", "interaction", "ticket",
                                     "ticket_event", "customer_note", "demo_truth"};

/// Chunks travel from the generating thread to the writing one through a short queue, and come back
/// emptied for reuse so that their buffers keep their capacity.
class ChunkPipe
{
public:
    std::unique_ptr<Chunk> takeEmpty()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_stopped || m_full.size() < std::size_t(kPipeDepth); });
        if (m_stopped)
            return nullptr;
        if (m_empty.empty())
            return std::make_unique<Chunk>();
        std::unique_ptr<Chunk> chunk = std::move(m_empty.front());
        m_empty.pop_front();
        return chunk;
    }
    void putFull(std::unique_ptr<Chunk> chunk)
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopped)
            m_full.push_back(std::move(chunk));
        m_changed.notify_all();
    }
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }
    /// The next chunk to write, or nullptr once the producer has finished and everything was taken.
    std::unique_ptr<Chunk> takeFull()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_full.empty() || m_finished; });
        if (m_full.empty())
            return nullptr;
        std::unique_ptr<Chunk> chunk = std::move(m_full.front());
        m_full.pop_front();
        m_changed.notify_all();
        return chunk;
    }
    void putEmpty(std::unique_ptr<Chunk> chunk)
    {
        chunk->clear();
        std::lock_guard lock(m_mutex);
        m_empty.push_back(std::move(chunk));
        m_changed.notify_all();
    }
    /// Tells the producer to quit and drops what is queued.
    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_full.clear();
        m_changed.notify_all();
    }
    bool stopped() const
    {
        std::lock_guard lock(m_mutex);
        return m_stopped;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<Chunk>> m_full;
    std::deque<std::unique_ptr<Chunk>> m_empty;
    bool m_finished = false;
    bool m_stopped = false;
};

/// Connection settings for the bulk load, restored however generate() returns: no fsync, a large page
/// cache, two sorter threads for the index builds and, when this is the only connection to the file, a
/// rollback journal instead of the WAL. With a rollback journal the pages appended to an empty database
/// are written once and never journaled, and a rollback simply truncates the file; with the WAL every page
/// would be written twice.
class BulkSettings
{
public:
    BulkSettings(sqlite3* db, int customers)
        : m_db(db)
    {
        const auto read = [db](const char* pragma) {
            const Result<QString> value = BulkLoader::queryText(db, QLatin1String(pragma));
            return value.ok() ? value.value() : QString();
        };
        m_synchronous = read("PRAGMA synchronous");
        m_cacheSize = read("PRAGMA cache_size");
        m_journal = read("PRAGMA journal_mode");
        const int cacheKib = std::clamp(customers, 65536, 1048576);
        BulkLoader::exec(db, QStringLiteral("PRAGMA synchronous = OFF"));
        BulkLoader::exec(db, QStringLiteral("PRAGMA cache_size = -%1").arg(cacheKib));
        BulkLoader::exec(db, QStringLiteral("PRAGMA threads = 2"));
        if (m_journal.compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0) {
            const Result<QString> mode = BulkLoader::queryText(db, QStringLiteral("PRAGMA journal_mode = DELETE"));
            m_leftWal = mode.ok() && mode.value().compare(QLatin1String("delete"), Qt::CaseInsensitive) == 0;
            if (!m_leftWal)
                qCInfo(lcDemo) << "other connections are open: the demo data set is written through the WAL";
        }
    }
    ~BulkSettings() { restore(); }

    bool writesThroughWal() const
    {
        return !m_leftWal && m_journal.compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
    }

    void restore()
    {
        if (m_restored)
            return;
        m_restored = true;
        if (m_leftWal)
            BulkLoader::exec(m_db, QStringLiteral("PRAGMA journal_mode = WAL"));
        BulkLoader::exec(m_db, QStringLiteral("PRAGMA threads = 0"));
        if (!m_cacheSize.isEmpty())
            BulkLoader::exec(m_db, QStringLiteral("PRAGMA cache_size = %1").arg(m_cacheSize.toLongLong()));
        static const char* const levels[] = {"OFF", "NORMAL", "FULL", "EXTRA"};
        const int level = std::clamp(m_synchronous.isEmpty() ? 2 : m_synchronous.toInt(), 0, 3);
        BulkLoader::exec(m_db, QStringLiteral("PRAGMA synchronous = %1").arg(QLatin1String(levels[level])));
    }

private:
    sqlite3* m_db;
    QString m_synchronous;
    QString m_cacheSize;
    QString m_journal;
    bool m_leftWal = false;
    bool m_restored = false;
};

/// Rolls the transaction back unless it was committed.
class TransactionGuard
{
public:
    explicit TransactionGuard(sqlite3* db) : m_db(db) {}
    ~TransactionGuard()
    {
        if (m_open && !sqlite3_get_autocommit(m_db))
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void begun() { m_open = true; }
    void committed() { m_open = false; }

private:
    sqlite3* m_db;
    bool m_open = false;
};

int interruptWhenCancelled(void* flag)
{
    return static_cast<const std::atomic<bool>*>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
}

struct IndexDefinition
{
    QString name;
    QString sql;
};

/// Indexes kept through the load: the triggers of local migration 10 read a customer's tickets for each
/// customer inserted and an open ticket's events for each ticket inserted, each a full table scan without
/// these (the load grew quadratic with the population). Customer and ticket ids grow with the generation,
/// so both indexes are appended to.
const char* const kKeptIndexes[] = {"ticket_customer", "ticket_event_ticket"};

Result<QVector<IndexDefinition>> secondaryIndexes(sqlite3* db)
{
    QStringList quoted;
    for (const char* table : kFilledTables)
        quoted << QLatin1Char('\'') + QLatin1String(table) + QLatin1Char('\'');
    const QString sql = QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                       "AND tbl_name IN (%1) ORDER BY name")
                            .arg(quoted.join(QLatin1Char(',')));
    sqlite3_stmt* statement = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &statement, nullptr) != SQLITE_OK)
        return Error{QString::fromUtf8(sqlite3_errmsg(db)), QStringLiteral("io")};
    QVector<IndexDefinition> indexes;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        const QString name = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        if (std::any_of(std::begin(kKeptIndexes), std::end(kKeptIndexes),
                        [&](const char* kept) { return name == QLatin1String(kept); }))
            continue;
        indexes.push_back({name, QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)))});
    }
    sqlite3_finalize(statement);
    return indexes;
}

QString quotedIdentifier(const QString& name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

Result<DemoGenerator::Stats> DemoGenerator::generate(LocalStorePtr store, const Options& options,
                                                     const Progress& progress, const std::atomic<bool>* cancel)
{
    QElapsedTimer timer;
    timer.start();
    if (!store)
        return Error{tr("No database is open."), QStringLiteral("invalid")};
    if (options.customers < 1 || options.customers > kMaxCustomers) {
        return Error{tr("The number of customers must be between 1 and %1; %2 was asked for.")
                         .arg(kMaxCustomers)
                         .arg(options.customers),
                     QStringLiteral("invalid")};
    }
    if (options.kbArticles < 0 || options.kbArticles > KbGenerator::kMaxArticles) {
        return Error{tr("The number of knowledge-base articles must be between 0 and %1; %2 was asked for.")
                         .arg(KbGenerator::kMaxArticles)
                         .arg(options.kbArticles),
                     QStringLiteral("invalid")};
    }
    const QDate asOf = options.asOf.isValid() ? options.asOf : QDateTime::currentDateTimeUtc().date();
    if (asOf.year() < 2000 || asOf.year() > 2100)
        return Error{tr("The data set's date must lie between the years 2000 and 2100."), QStringLiteral("invalid")};

    QSqlDatabase db = store->connection();
    sqlite3* handle = LocalStore::handle(db);
    if (!handle) {
        return Error{tr("The database %1 cannot be opened: %2").arg(store->path(), db.lastError().text()),
                     QStringLiteral("io")};
    }
    const auto report = [&](int permille, const QString& stage) {
        if (progress)
            progress(permille, stage);
    };
    const auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    const Error cancelledError{tr("Generating the demo data was cancelled; the database was left as it was."),
                               QStringLiteral("cancelled")};

    report(0, tr("Preparing the database…"));
    for (const char* table : {"customer", "subscription", "plan", "agent"}) {
        const Result<QString> any = BulkLoader::queryText(
            handle, QStringLiteral("SELECT EXISTS(SELECT 1 FROM %1)").arg(QLatin1String(table)));
        if (!any)
            return any.error();
        if (any.value() == QLatin1String("1")) {
            return Error{tr("The database %1 already holds customers or a catalog; demo data is only generated "
                            "into an empty database. Choose an empty data folder.")
                             .arg(store->path()),
                         QStringLiteral("not_empty")};
        }
    }

    Stats stats;
    qint64 loadMs = 0, indexMs = 0, kbMs = 0, analyzeMs = 0;
    {
        BulkSettings settings(handle, options.customers);
        TransactionGuard transaction(handle);
        if (Status st = BulkLoader::exec(handle, QStringLiteral("BEGIN IMMEDIATE")); !st)
            return st.error();
        transaction.begun();

        const Result<QVector<IndexDefinition>> indexes = secondaryIndexes(handle);
        if (!indexes)
            return indexes.error();
        for (const IndexDefinition& index : indexes.value()) {
            if (Status st = BulkLoader::exec(handle, QStringLiteral("DROP INDEX %1").arg(quotedIdentifier(index.name)));
                !st)
                return st.error();
        }

        PopulationSimulator simulator(options.customers, options.seed, asOf);
        {
            BulkLoader loader(handle);
            if (Status st = loader.prepare(); !st)
                return st.error();
            if (Status st = loader.writeReference(simulator); !st)
                return st.error();

            // One thread simulates, this one writes: on two cores the simulation stays ahead of SQLite.
            const QString loading = tr("Creating customers, their lines and two years of history…");
            report(10, loading);
            ChunkPipe pipe;
            std::string producerError;
            std::thread producer([&] {
                try {
                    bool more = true;
                    while (more) {
                        std::unique_ptr<Chunk> chunk = pipe.takeEmpty();
                        if (!chunk)
                            break;
                        more = simulator.fill(*chunk, kRecordsPerChunk);
                        pipe.putFull(std::move(chunk));
                    }
                } catch (const std::exception& e) {
                    producerError = e.what();
                }
                pipe.finish();
            });

            std::optional<Error> failure;
            qint64 written = 0;
            int lastPermille = -1;
            while (std::unique_ptr<Chunk> chunk = pipe.takeFull()) {
                if (cancelled()) {
                    failure = cancelledError;
                    break;
                }
                if (Status st = loader.write(*chunk); !st) {
                    failure = st.error();
                    break;
                }
                written += qint64(chunk->customers.size());
                const int permille = 10 + int(880 * written / options.customers);
                if (permille != lastPermille) {
                    lastPermille = permille;
                    report(permille, loading);
                }
                pipe.putEmpty(std::move(chunk));
            }
            if (failure)
                pipe.stop();
            producer.join();
            if (failure)
                return *failure;
            if (!producerError.empty()) {
                return Error{tr("Generating the demo data failed: %1").arg(QString::fromStdString(producerError)),
                             QStringLiteral("io")};
            }
            if (cancelled())
                return cancelledError;
            loadMs = timer.elapsed();

            const QString indexing = tr("Building the search indexes…");
            if (cancel)
                sqlite3_progress_handler(handle, 20000, interruptWhenCancelled,
                                         const_cast<std::atomic<bool>*>(cancel));
            const int indexCount = int(indexes.value().size());
            for (int i = 0; i < indexCount; ++i) {
                report(900 + 70 * i / std::max(1, indexCount), indexing);
                const Status st = BulkLoader::exec(handle, indexes.value().at(i).sql);
                if (!st) {
                    sqlite3_progress_handler(handle, 0, nullptr, nullptr);
                    return cancelled() ? cancelledError : st.error();
                }
            }
            sqlite3_progress_handler(handle, 0, nullptr, nullptr);
            indexMs = timer.elapsed();

            const QString seed = QString::number(options.seed);
            for (const auto& [key, value] :
                 {std::pair<const char*, QString>{"demo.seed", seed},
                  {"demo.customers", QString::number(options.customers)},
                  {"demo.as_of", asOf.toString(Qt::ISODate)},
                  {"demo.default_login", QStringLiteral("agent01")}}) {
                if (Status st = loader.writeMeta(key, value); !st)
                    return st.error();
            }
        }

        // The knowledge base reads the plans, staff and tickets just written, inside the same transaction, so
        // that a cancelled or failed run leaves nothing of either behind.
        if (options.kbArticles > 0) {
            report(970, tr("Writing the knowledge base…"));
            KbGenerator::Options kb;
            kb.articles = options.kbArticles;
            kb.seed = options.seed;
            kb.asOf = asOf;
            const Result<KbGenerator::Stats> written = KbGenerator::generate(store, kb, cancel);
            if (!written)
                return written.error();
            stats.kbArticles = written.value().articles;
        }
        kbMs = timer.elapsed();

        // Approximate statistics, cheap at any size, so that the planner knows the data's shape.
        report(975, tr("Collecting statistics…"));
        if (Status st = BulkLoader::exec(handle, QStringLiteral("PRAGMA analysis_limit = 1000; ANALYZE")); !st)
            return st.error();
        if (cancelled())
            return cancelledError;
        analyzeMs = timer.elapsed();
        report(985, tr("Saving…"));
        if (Status st = BulkLoader::exec(handle, QStringLiteral("COMMIT")); !st)
            return st.error();
        transaction.committed();
        settings.restore();
        if (settings.writesThroughWal())
            BulkLoader::exec(handle, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));

        const qint64 commitMs = timer.elapsed();
        qCInfo(lcDemo).nospace() << "load " << loadMs << " ms, indexes " << indexMs - loadMs << " ms, knowledge base "
                                 << kbMs - indexMs << " ms, statistics " << analyzeMs - kbMs << " ms, commit and restore " << commitMs - analyzeMs
                                 << " ms" << (settings.writesThroughWal() ? " (through the WAL)" : "");
        const PopulationSimulator::Totals& totals = simulator.totals();
        stats.customers = totals.customers;
        stats.subscriptions = totals.subscriptions;
        stats.usageRows = totals.usageRows;
        stats.bills = totals.bills;
        stats.interactions = totals.interactions;
        stats.tickets = totals.tickets;
        stats.duplicates = totals.duplicates;
        stats.churners = totals.churners;
        qCInfo(lcDemo) << "generated" << totals.customers << "customers," << totals.subscriptions << "lines,"
                       << totals.usageRows << "usage rows," << totals.bills << "bills," << totals.interactions
                       << "interactions," << totals.tickets << "tickets (" << totals.openTickets << "open),"
                       << totals.ticketEvents << "ticket events," << totals.notes << "notes,"
                       << totals.duplicates << "duplicates," << totals.churners << "churners";
    }

    stats.seconds = double(timer.elapsed()) / 1000.0;
    store->setMeta(QStringLiteral("demo.seconds"), QString::number(stats.seconds, 'f', 1));
    store->setMeta(QStringLiteral("demo.generated_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    report(1000, tr("Done."));
    return stats;
}

} // namespace telcodesk
