#include "FoundationBench.h"

#include "domain/PhoneNumber.h"
#include "services/Customer360Service.h"
#include "services/CustomerSearch.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <functional>
#include <random>

namespace telcodesk::bench {

namespace {

double msSince(const QElapsedTimer& t)
{
    return t.nsecsElapsed() / 1e6;
}

qint64 scalarInt(const LocalStorePtr& store, const QString& sql)
{
    QSqlQuery q(store->connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : 0;
}

/// Samples random rows of a rowid table: `column` of rows whose rowid is drawn uniformly, keeping those
/// the filter accepts.
QStringList sample(const LocalStorePtr& store, const QString& table, const QString& column, int count,
                   std::mt19937_64& random, const std::function<bool(const QString&)>& accept)
{
    const qint64 maxRowid = scalarInt(store, QStringLiteral("SELECT max(rowid) FROM %1").arg(table));
    QStringList out;
    if (maxRowid <= 0)
        return out;
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE rowid >= ? AND %1 IS NOT NULL LIMIT 1").arg(column, table));
    std::uniform_int_distribution<qint64> pick(1, maxRowid);
    for (int attempts = 0; out.size() < count && attempts < count * 50; ++attempts) {
        q.addBindValue(pick(random));
        if (q.exec() && q.next()) {
            const QString value = q.value(0).toString();
            if (accept(value))
                out << value;
        }
    }
    return out;
}

/// The reference a naive implementation would use: the same first 50 results in key order, by a
/// LIKE '%q%' scan of the column.
Summary likeScan(const LocalStorePtr& store, const QString& sql, const QStringList& queries)
{
    QVector<double> times;
    QSqlQuery q(store->connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QString& query : queries) {
        QElapsedTimer t;
        t.start();
        q.addBindValue(query);
        q.exec();
        while (q.next()) {
        }
        times << msSince(t);
    }
    return Summary::of(times);
}

void searchMetric(const BenchOptions& o, const LocalStorePtr& store, Report& report, const QString& name,
                  const QStringList& queries, const QString& likeSql, const QJsonObject& scale)
{
    if (queries.isEmpty()) {
        report.skipped(name, QStringLiteral("no sample queries found in the data"));
        return;
    }
    CustomerSearch search(store);
    for (int i = 0; i < 50; ++i) // warm the page cache and the statement paths
        search.search(queries.at(i % queries.size()));
    QVector<double> times;
    qint64 found = 0;
    for (const QString& query : queries) {
        QElapsedTimer t;
        t.start();
        const auto hits = search.search(query);
        times << msSince(t);
        found += hits.isEmpty() ? 0 : 1;
    }
    const Summary ref = likeScan(store, likeSql, queries.mid(0, o.referenceQueries));
    const Summary ours = Summary::of(times);
    report.metric(name, QStringLiteral("ms"), ours, QStringLiteral("like_scan"), &ref, scale,
                  {{QStringLiteral("found_rate"), double(found) / queries.size()}});
}

/// The bare indexed point queries that fetch the same rows the panel shows, stepped through with the
/// SQLite C API and nothing else: the floor for panel.load.
double barePanelQueries(sqlite3* db, const QString& customerId)
{
    static const char* const statements[] = {
        "SELECT * FROM customer WHERE id = ?1",
        "SELECT r.* FROM region r JOIN customer c ON r.code = c.region_code WHERE c.id = ?1",
        "SELECT a.display_name FROM agent a JOIN customer c ON a.id = c.account_manager_id WHERE c.id = ?1",
        "SELECT s.*, p.* FROM subscription s LEFT JOIN plan p ON p.id = s.plan_id WHERE s.customer_id = ?1",
        "SELECT a.subscription_id, p.* FROM subscription s JOIN subscription_addon a ON a.subscription_id = s.id "
        "JOIN plan p ON p.id = a.plan_id WHERE s.customer_id = ?1",
        "SELECT u.* FROM subscription s JOIN usage_month u ON u.subscription_id = s.id WHERE s.customer_id = ?1 "
        "AND u.month >= (SELECT max(month) - 100 FROM usage_month WHERE subscription_id = s.id)",
        "SELECT * FROM bill WHERE customer_id = ?1",
        "SELECT i.*, a.display_name FROM interaction i LEFT JOIN agent a ON a.id = i.agent_id WHERE i.customer_id = ?1",
        "SELECT * FROM ticket WHERE customer_id = ?1",
        "SELECT * FROM customer WHERE parent_id = ?1",
        "SELECT n.* FROM customer_note n WHERE n.customer_id = ?1",
        "SELECT g.* FROM customer g JOIN customer c ON g.id = c.parent_id WHERE c.id = ?1",
        "SELECT d.id FROM customer c JOIN customer d ON d.id_number = c.id_number WHERE c.id = ?1 AND d.id != ?1",
        "SELECT s2.customer_id FROM subscription s JOIN subscription s2 ON s2.number_digits = s.number_digits "
        "WHERE s.customer_id = ?1 AND s.service = 'mobile' AND s2.customer_id != ?1",
    };
    static QVector<sqlite3_stmt*> prepared;
    if (prepared.isEmpty()) {
        for (const char* sql : statements) {
            sqlite3_stmt* stmt = nullptr;
            sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
            prepared << stmt;
        }
    }
    const QByteArray id = customerId.toUtf8();
    QElapsedTimer t;
    t.start();
    qint64 sink = 0;
    for (sqlite3_stmt* stmt : std::as_const(prepared)) {
        if (!stmt)
            continue;
        sqlite3_bind_text(stmt, 1, id.constData(), id.size(), SQLITE_STATIC);
        while (sqlite3_step(stmt) == SQLITE_ROW)
            sink += sqlite3_column_count(stmt);
        sqlite3_reset(stmt);
    }
    Q_UNUSED(sink);
    return msSince(t);
}

struct ChildRun
{
    double ms = 0;
    long maxRssKb = 0;
    bool ok = false;
    QString error;
};

/// Runs the GUI once and waits for it; peak RSS comes from the kernel's accounting of waited children.
ChildRun runGui(const QString& gui, const QStringList& args)
{
    ChildRun run;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    p.start(gui, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        run.error = QStringLiteral("timed out");
        return run;
    }
    run.ms = msSince(t);
    run.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!run.ok)
        run.error = QString::fromUtf8(p.readAllStandardError()).trimmed().left(300);
    struct rusage usage
    {
    };
    getrusage(RUSAGE_CHILDREN, &usage);
    run.maxRssKb = usage.ru_maxrss;
    return run;
}

/// Empties the kernel's page cache (root only), so that a start reads the database from disk.
bool dropPageCache()
{
    ::sync();
    QFile f(QStringLiteral("/proc/sys/vm/drop_caches"));
    return f.open(QIODevice::WriteOnly) && f.write("3\n") == 2;
}

/// Sequential write throughput of the data folder's disk, MB/s, with an fsync at the end.
double diskWriteMBps(const QString& dir)
{
    QFile f(QDir(dir).filePath(QStringLiteral(".bench-write-probe")));
    if (!f.open(QIODevice::WriteOnly))
        return 0;
    const QByteArray block(1 << 20, 'x');
    const int blocks = 256;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < blocks; ++i)
        f.write(block);
    f.flush();
    fsync(f.handle());
    const double seconds = t.nsecsElapsed() / 1e9;
    f.close();
    f.remove();
    return seconds > 0 ? blocks / seconds : 0;
}

} // namespace

const QStringList& foundationMetricNames()
{
    static const QStringList names{QStringLiteral("search.last4"), QStringLiteral("search.msisdn"),
                                   QStringLiteral("search.name_zh2"), QStringLiteral("search.id_number"),
                                   QStringLiteral("panel.load"), QStringLiteral("startup.cold"),
                                   QStringLiteral("memory.rss"), QStringLiteral("generate.time"),
                                   QStringLiteral("store.size")};
    return names;
}

void runFoundation(const BenchOptions& o, const LocalStorePtr& store, Report& report)
{
    std::mt19937_64 random(o.seed);
    const qint64 customers = scalarInt(store, QStringLiteral("SELECT count(*) FROM customer"));
    const QJsonObject scale{{QStringLiteral("customers"), customers}};
    auto isMobile = [](const QString& n) { return n.startsWith(QLatin1String("+861")) && n.size() == 14; };
    const bool wantsGui = o.wants(QStringLiteral("startup.cold")) || o.wants(QStringLiteral("memory.rss"));
    const QStringList numbers = o.wants(QStringLiteral("search.last4")) || o.wants(QStringLiteral("search.msisdn")) || wantsGui
        ? sample(store, QStringLiteral("subscription"), QStringLiteral("number"), o.searchQueries, random, isMobile)
        : QStringList();

    const QString likeNumber = QStringLiteral(
        "SELECT c.id, c.name, s.number FROM subscription s JOIN customer c ON c.id = s.customer_id "
        "WHERE s.number_digits LIKE '%' || ? || '%' AND s.deleted_at IS NULL ORDER BY s.number_digits LIMIT 50");
    if (o.wants(QStringLiteral("search.last4"))) {
        QStringList queries;
        for (const QString& n : numbers)
            queries << n.right(4);
        searchMetric(o, store, report, QStringLiteral("search.last4"), queries, likeNumber, scale);
    }
    if (o.wants(QStringLiteral("search.msisdn"))) {
        QStringList queries;
        for (const QString& n : numbers)
            queries << PhoneNumber::nationalDigits(n);
        searchMetric(o, store, report, QStringLiteral("search.msisdn"), queries, likeNumber, scale);
    }
    if (o.wants(QStringLiteral("search.name_zh2"))) {
        const QStringList names = sample(store, QStringLiteral("customer"), QStringLiteral("name"), o.searchQueries, random,
                                         [](const QString& n) { return n.size() == 2 && n.at(0).unicode() >= 0x4E00; });
        searchMetric(o, store, report, QStringLiteral("search.name_zh2"), names,
                     QStringLiteral("SELECT id, name FROM customer WHERE name LIKE '%' || ? || '%' "
                                    "AND deleted_at IS NULL ORDER BY name_norm LIMIT 50"),
                     scale);
    }
    if (o.wants(QStringLiteral("search.id_number"))) {
        const QStringList ids = sample(store, QStringLiteral("customer"), QStringLiteral("id_number"), o.searchQueries,
                                       random, [](const QString& n) { return n.size() == 18; });
        searchMetric(o, store, report, QStringLiteral("search.id_number"), ids,
                     QStringLiteral("SELECT id, name FROM customer WHERE id_number LIKE '%' || ? || '%' "
                                    "AND deleted_at IS NULL ORDER BY id_number LIMIT 50"),
                     scale);
    }

    if (o.wants(QStringLiteral("panel.load"))) {
        const QStringList ids = sample(store, QStringLiteral("customer"), QStringLiteral("id"), o.panelLoads, random,
                                       [](const QString&) { return true; });
        Customer360Service service(store);
        sqlite3* db = LocalStore::handle(store->connection());
        for (int i = 0; i < 50 && i < ids.size(); ++i) {
            service.load(ids.at(i));
            barePanelQueries(db, ids.at(i));
        }
        // First loads meet cold pages, as an agent's first open of a customer does; they are reported on
        // their own. The comparison with the bare queries is warm against warm: the same rows, once the
        // pages are in memory, so that it measures what the loader adds.
        QVector<double> first, ours, bare;
        double rows = 0;
        for (const QString& id : ids) {
            QElapsedTimer t;
            t.start();
            const auto loaded = service.load(id);
            first << msSince(t);
            bare << barePanelQueries(db, id);
            t.restart();
            service.load(id);
            ours << msSince(t);
            if (loaded)
                rows += 1 + loaded->subscriptions.size() + loaded->usage.size() + loaded->bills.size()
                    + loaded->interactions.size() + loaded->tickets.size() + loaded->members.size() + loaded->notes.size();
        }
        const Summary ref = Summary::of(bare);
        report.metric(QStringLiteral("panel.load"), QStringLiteral("ms"), Summary::of(ours),
                      QStringLiteral("bare_point_queries"), &ref, scale,
                      {{QStringLiteral("rows_per_panel"), ids.isEmpty() ? 0.0 : rows / ids.size()},
                       {QStringLiteral("first_load_p50"), Summary::of(first).p50},
                       {QStringLiteral("first_load_p95"), Summary::of(first).p95}});
    }

    if (wantsGui) {
        if (o.guiPath.isEmpty() || !QFileInfo(o.guiPath).isExecutable()) {
            for (const char* m : {"startup.cold", "memory.rss"})
                if (o.wants(QLatin1String(m)))
                    report.skipped(QLatin1String(m), QStringLiteral("the telcodesk executable was not found (--gui PATH)"));
        } else if (numbers.isEmpty()) {
            report.skipped(QStringLiteral("startup.cold"), QStringLiteral("no customer number to open"));
        } else {
            QTemporaryDir tmp;
            QVector<double> starts, bare, rss;
            QString failure;
            // The reference is the same executable doing nothing but start and exit: the floor of
            // process start, dynamic linking and Qt's own initialisation.
            bool dropped = o.dropCaches;
            for (int i = 0; i < o.startups; ++i) {
                if (dropped)
                    dropped = dropPageCache();
                const ChildRun version = runGui(o.guiPath, {QStringLiteral("--version")});
                bare << version.ms;
                if (dropped)
                    dropped = dropPageCache();
                const ChildRun run = runGui(o.guiPath,
                                            {QStringLiteral("--data-dir"), o.dataDir, QStringLiteral("--lang"),
                                             QStringLiteral("zh_CN"), QStringLiteral("--view"),
                                             QStringLiteral("customer:") + PhoneNumber::nationalDigits(numbers.at(i % numbers.size())),
                                             QStringLiteral("--screenshot"), tmp.filePath(QStringLiteral("shot.png"))});
                if (!run.ok) {
                    failure = run.error;
                    break;
                }
                starts << run.ms;
                rss << run.maxRssKb / 1024.0;
            }
            if (!failure.isEmpty()) {
                report.skipped(QStringLiteral("startup.cold"), QStringLiteral("the GUI failed: ") + failure);
            } else {
                const Summary ref = Summary::of(bare);
                if (o.wants(QStringLiteral("startup.cold")))
                    report.metric(QStringLiteral("startup.cold"), QStringLiteral("ms"), Summary::of(starts),
                                  QStringLiteral("process_start_version"), &ref, scale,
                                  {{QStringLiteral("page_cache"), dropped ? QStringLiteral("dropped before each start") : QStringLiteral("warm")},
                                   {QStringLiteral("until"), QStringLiteral("customer panel rendered to PNG, process exited")}});
                if (o.wants(QStringLiteral("memory.rss")))
                    report.metric(QStringLiteral("memory.rss"), QStringLiteral("MB"), Summary::of(rss), QString(), nullptr,
                                  scale, {{QStringLiteral("what"), QStringLiteral("peak RSS of the GUI opening one customer")}});
            }
        }
    }

    if (o.wants(QStringLiteral("generate.time"))) {
        const double seconds = store->meta(QStringLiteral("demo.seconds")).toDouble();
        if (seconds <= 0) {
            report.skipped(QStringLiteral("generate.time"), QStringLiteral("the data set records no generation time"));
        } else {
            const double mbps = diskWriteMBps(o.dataDir);
            const double floorSeconds = mbps > 0 ? (store->sizeOnDisk() / 1048576.0) / mbps : 0;
            Summary ours;
            ours.p50 = ours.p95 = seconds;
            ours.n = 1;
            Summary ref;
            ref.p50 = ref.p95 = floorSeconds;
            ref.n = 1;
            report.metric(QStringLiteral("generate.time"), QStringLiteral("s"), ours,
                          QStringLiteral("sequential_write_of_db_size"), &ref,
                          QJsonObject{{QStringLiteral("customers"), store->meta(QStringLiteral("demo.customers")).toLongLong()}},
                          {{QStringLiteral("disk_write_mb_s"), mbps}});
        }
    }
    if (o.wants(QStringLiteral("store.size"))) {
        Summary size;
        size.p50 = size.p95 = store->sizeOnDisk() / 1048576.0;
        size.n = 1;
        report.metric(QStringLiteral("store.size"), QStringLiteral("MB"), size, QString(), nullptr, scale,
                      {{QStringLiteral("bytes_per_customer"), customers > 0 ? double(store->sizeOnDisk()) / customers : 0.0}});
    }
}

} // namespace telcodesk::bench
