#include "SyncBench.h"

#include "common/Uuid.h"
#include "store/ChangeWriter.h"
#include "sync/CopyText.h"
#include "sync/PgConnection.h"
#include "sync/PgRemote.h"
#include "sync/PullApplier.h"
#include "sync/ServerAdmin.h"
#include "sync/ServerLoader.h"
#include "sync/SyncEngine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>
#include <sys/select.h>

namespace telcodesk::bench {

namespace {

const QString kDatabase = QStringLiteral("telcodesk_bench");
const QString kLogin = QStringLiteral("tdbench_admin");
const QString kPassword = QStringLiteral("Bench-Pass-2026");

void note(const QString& text)
{
    QTextStream(stderr) << "telcodesk-bench: " << text << '\n';
}

Summary single(double value)
{
    Summary s;
    s.p50 = s.p95 = s.mean = value;
    s.n = 1;
    return s;
}

// A plain libpq connection for the references: what the engine does, done the most direct way.
struct RawPg
{
    PGconn* conn = nullptr;
    explicit RawPg(const PgDsn& dsn)
    {
        const QByteArray info = PgRemote::conninfo(dsn, PgRemote::Options());
        conn = PQconnectdb(info.constData());
    }
    ~RawPg() { PQfinish(conn); }
    bool ok() const { return conn && PQstatus(conn) == CONNECTION_OK; }
    QString error() const { return QString::fromUtf8(PQerrorMessage(conn)).trimmed(); }
    bool exec(const char* sql)
    {
        PGresult* r = PQexec(conn, sql);
        const bool good = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        PQclear(r);
        return good;
    }
};

QStringList localColumns(sqlite3* db, const QString& table, QStringList* types)
{
    QStringList columns;
    sqlite3_stmt* stmt = nullptr;
    const QByteArray sql = QStringLiteral("PRAGMA table_info(\"%1\")").arg(table).toUtf8();
    sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        columns << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
        types->append(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2))).toUpper());
    }
    sqlite3_finalize(stmt);
    return columns;
}

struct RawCopyResult
{
    qint64 rows = 0;
    double seconds = 0;
    QString error;
};

// The physical limit of a first sync: the same rows copied out of PostgreSQL (COPY, text format) and
// written into an empty cache with one prepared INSERT per table, in one transaction.
RawCopyResult rawCopy(const PgDsn& dsn, const QString& cachePath)
{
    RawCopyResult result;
    auto cache = LocalStore::open(cachePath);
    if (!cache) {
        result.error = cache.errorMessage();
        return result;
    }
    RawPg pg(dsn);
    if (!pg.ok()) {
        result.error = pg.error();
        return result;
    }
    sqlite3* db = LocalStore::handle(cache.value()->connection());
    QElapsedTimer timer;
    timer.start();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (const QString& table : PullApplier::syncedTables()) {
        if (table == QLatin1String("audit_log"))
            continue;
        QStringList types;
        const QStringList columns = localColumns(db, table, &types);
        QStringList quoted, marks;
        for (const QString& c : columns) {
            quoted << QLatin1Char('"') + c + QLatin1Char('"');
            marks << QStringLiteral("?");
        }
        const QByteArray copy = QStringLiteral("COPY (SELECT %1 FROM td.\"%2\") TO STDOUT")
                                    .arg(quoted.join(QLatin1Char(',')), table)
                                    .toUtf8();
        PGresult* r = PQexec(pg.conn, copy.constData());
        if (PQresultStatus(r) != PGRES_COPY_OUT) {
            result.error = QString::fromUtf8(PQerrorMessage(pg.conn)).trimmed();
            PQclear(r);
            return result;
        }
        PQclear(r);
        const QByteArray insert = QStringLiteral("INSERT INTO \"%1\"(%2) VALUES(%3)")
                                      .arg(table, quoted.join(QLatin1Char(',')), marks.join(QLatin1Char(',')))
                                      .toUtf8();
        sqlite3_stmt* stmt = nullptr;
        sqlite3_prepare_v2(db, insert.constData(), -1, &stmt, nullptr);
        char* line = nullptr;
        int len = 0;
        while ((len = PQgetCopyData(pg.conn, &line, 0)) > 0) {
            const char* p = line;
            const char* end = line + len - 1; // the newline
            for (int col = 0; col < columns.size(); ++col) {
                const char* fieldEnd = p;
                while (fieldEnd < end && *fieldEnd != '\t')
                    ++fieldEnd;
                if (fieldEnd - p == 2 && p[0] == '\\' && p[1] == 'N') {
                    sqlite3_bind_null(stmt, col + 1);
                } else if (types.at(col) == QLatin1String("INTEGER")) {
                    if (fieldEnd - p == 1 && (*p == 't' || *p == 'f'))
                        sqlite3_bind_int64(stmt, col + 1, *p == 't' ? 1 : 0);
                    else
                        sqlite3_bind_int64(stmt, col + 1, QByteArray(p, int(fieldEnd - p)).toLongLong());
                } else if (types.at(col) == QLatin1String("REAL")) {
                    sqlite3_bind_double(stmt, col + 1, QByteArray(p, int(fieldEnd - p)).toDouble());
                } else {
                    QByteArray value;
                    appendCopyField(p, fieldEnd, value);
                    sqlite3_bind_text(stmt, col + 1, value.constData(), int(value.size()), SQLITE_TRANSIENT);
                }
                p = fieldEnd + 1;
            }
            sqlite3_step(stmt);
            sqlite3_reset(stmt);
            PQfreemem(line);
            ++result.rows;
        }
        sqlite3_finalize(stmt);
        PQclear(PQgetResult(pg.conn));
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    cache.value()->releaseThreadConnection();
    return result;
}

std::unique_ptr<SyncEngine> makeEngine(const LocalStorePtr& store, const PgDsn& dsn, bool listen)
{
    SyncEngine::Options options;
    options.listen = listen;
    return std::make_unique<SyncEngine>(
        store, [dsn] { return std::make_unique<PgRemote>(dsn); }, options);
}

QStringList someCustomerIds(const LocalStorePtr& store, int count)
{
    QStringList ids;
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("SELECT id FROM customer WHERE deleted_at IS NULL ORDER BY id LIMIT ?"));
    q.addBindValue(count);
    q.exec();
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

} // namespace

const QStringList& syncMetricNames()
{
    static const QStringList names{QStringLiteral("sync.initial"), QStringLiteral("sync.cache_size"),
                                   QStringLiteral("sync.noop"), QStringLiteral("sync.drain"),
                                   QStringLiteral("sync.latency")};
    return names;
}

void runSync(const BenchOptions& o, const QString& serverUrl, const LocalStorePtr& source, Report& report)
{
    const auto skipAll = [&](const QString& reason) {
        for (const QString& m : syncMetricNames())
            if (o.wants(m))
                report.skipped(m, reason);
    };
    const Result<PgDsn> rootDsn = PgDsn::parse(serverUrl);
    if (!rootDsn)
        return skipAll(rootDsn.errorMessage());

    // A fresh server database, filled from the generated data set.
    const PgDsn benchDsn = rootDsn->withDatabase(kDatabase);
    const PgDsn agentDsn = benchDsn.withLogin(kLogin, kPassword);
    double loadSeconds = 0;
    qint64 loadRows = 0;
    {
        auto root = PgConnection::open(rootDsn.value());
        if (!root)
            return skipAll(root.errorMessage());
        (void)root.value()->exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(kDatabase));
        const Status created = root.value()->exec(QStringLiteral("CREATE DATABASE %1").arg(kDatabase));
        if (!created)
            return skipAll(created.errorMessage());
    }
    {
        auto server = PgConnection::open(benchDsn);
        if (!server)
            return skipAll(server.errorMessage());
        const auto init = ServerAdmin::init(*server.value());
        if (!init)
            return skipAll(init.errorMessage());
        ServerAdmin::AgentSpec admin;
        admin.login = kLogin;
        admin.role = QStringLiteral("admin");
        admin.regions = {QStringLiteral("110000")};
        admin.setPassword = true;
        admin.password = kPassword;
        const auto added = ServerAdmin::addAgent(*server.value(), admin);
        if (!added)
            return skipAll(added.errorMessage());
        note(QStringLiteral("loading %1 into the server…").arg(source->path()));
        const auto loaded = ServerLoader::load(*server.value(), source->path());
        if (!loaded)
            return skipAll(loaded.errorMessage());
        loadSeconds = loaded->seconds;
        loadRows = loaded->rows;
        (void)server.value()->exec(QStringLiteral("ANALYZE"));
    }

    QTemporaryDir tmp;
    const QString cachePath = tmp.filePath(QStringLiteral("a/telcodesk.db"));
    QDir().mkpath(tmp.filePath(QStringLiteral("a")));
    QDir().mkpath(tmp.filePath(QStringLiteral("r")));
    auto cacheOpened = LocalStore::open(cachePath);
    if (!cacheOpened)
        return skipAll(cacheOpened.errorMessage());
    LocalStorePtr cache = cacheOpened.value();

    // sync.initial: the first sync into an empty cache, against COPY + prepared bulk insert.
    note(QStringLiteral("first sync…"));
    auto engine = makeEngine(cache, agentDsn, false);
    const auto first = engine->runOnce();
    if (!first)
        return skipAll(QStringLiteral("first sync failed: ") + first.errorMessage());
    const qint64 rows = first->pull.written + first->pull.skipped + first->pull.removed;
    const double oursRate = first->seconds > 0 ? rows / first->seconds : 0;
    qint64 customers = 0;
    {
        QSqlQuery q(cache->connection());
        if (q.exec(QStringLiteral("SELECT count(*) FROM customer")) && q.next())
            customers = q.value(0).toLongLong();
    }
    const QJsonObject scale{{QStringLiteral("customers"), customers}, {QStringLiteral("rows"), rows}};
    note(QStringLiteral("raw COPY reference…"));
    const RawCopyResult raw = rawCopy(agentDsn, tmp.filePath(QStringLiteral("r/telcodesk.db")));
    if (o.wants(QStringLiteral("sync.initial"))) {
        if (!raw.error.isEmpty()) {
            report.skipped(QStringLiteral("sync.initial"), QStringLiteral("the COPY reference failed: ") + raw.error);
        } else {
            const Summary ref = single(raw.seconds > 0 ? raw.rows / raw.seconds : 0);
            report.metric(QStringLiteral("sync.initial"), QStringLiteral("rows/s"), single(oursRate),
                          QStringLiteral("copy_out_plus_sqlite_bulk_insert"), &ref, scale,
                          {{QStringLiteral("seconds"), first->seconds},
                           {QStringLiteral("reference_seconds"), raw.seconds},
                           {QStringLiteral("reference_rows"), raw.rows},
                           {QStringLiteral("pages"), first->pages},
                           {QStringLiteral("bytes_received"), first->bytesReceived},
                           {QStringLiteral("server_load_rows"), loadRows},
                           {QStringLiteral("server_load_seconds"), loadSeconds}});
        }
    }

    // sync.cache_size: the synced cache on disk, per 100,000 customers.
    if (o.wants(QStringLiteral("sync.cache_size"))) {
        QSqlQuery(cache->connection()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        const double mb = cache->sizeOnDisk() / 1048576.0;
        const double per100k = customers > 0 ? mb * 100000.0 / customers : 0;
        auto rawStore = LocalStore::open(tmp.filePath(QStringLiteral("r/telcodesk.db")));
        Summary ref;
        if (rawStore) {
            QSqlQuery(rawStore.value()->connection()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            ref = single(customers > 0 ? rawStore.value()->sizeOnDisk() / 1048576.0 * 100000.0 / customers : 0);
            rawStore.value()->releaseThreadConnection();
        }
        report.metric(QStringLiteral("sync.cache_size"), QStringLiteral("MB per 100k customers"), single(per100k),
                      QStringLiteral("same_rows_bulk_inserted"), rawStore ? &ref : nullptr, scale,
                      {{QStringLiteral("bytes"), cache->sizeOnDisk()}});
    }

    // sync.noop: a cycle with nothing to push or pull; reference: one bare round trip.
    if (o.wants(QStringLiteral("sync.noop"))) {
        const int n = o.searchQueries >= 1000 ? 30 : 5;
        QVector<double> times, bytes;
        QString failure;
        for (int i = 0; i < n; ++i) {
            const auto idle = engine->runOnce();
            if (!idle) {
                failure = idle.errorMessage();
                break;
            }
            times << idle->seconds * 1000.0;
            bytes << double(idle->bytesReceived + idle->bytesSent);
        }
        RawPg pg(agentDsn);
        QVector<double> trips;
        for (int i = 0; i < n && pg.ok(); ++i) {
            QElapsedTimer t;
            t.start();
            pg.exec("SELECT 1");
            trips << t.nsecsElapsed() / 1e6;
        }
        if (!failure.isEmpty()) {
            report.skipped(QStringLiteral("sync.noop"), failure);
        } else {
            const Summary ref = Summary::of(trips);
            report.metric(QStringLiteral("sync.noop"), QStringLiteral("ms"), Summary::of(times),
                          QStringLiteral("one_select_1_round_trip"), &ref, scale,
                          {{QStringLiteral("bytes_p50"), Summary::of(bytes).p50}});
        }
    }

    // sync.drain: 5,000 mutations written offline (interactions, notes, customer edits), then one cycle.
    if (o.wants(QStringLiteral("sync.drain"))) {
        const int total = o.searchQueries >= 1000 ? 5000 : 500;
        const QStringList ids = someCustomerIds(cache, qMax(1, total / 5));
        ChangeWriter writer(cache);
        QString failure;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVector<Change> changes;
        for (int i = 0; i < total && !ids.isEmpty(); ++i) {
            const QString& customer = ids.at(i % ids.size());
            Change c;
            if (i % 5 == 0 || i % 5 == 1) {
                c.table = QStringLiteral("interaction");
                c.id = UuidV7::create();
                c.fields = {{QStringLiteral("customer_id"), customer}, {QStringLiteral("channel"), QStringLiteral("hotline")},
                            {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), now + i},
                            {QStringLiteral("summary"), QStringLiteral("offline shift call %1").arg(i)}};
            } else if (i % 5 == 2 || i % 5 == 3) {
                c.table = QStringLiteral("customer_note");
                c.id = UuidV7::create();
                c.fields = {{QStringLiteral("customer_id"), customer}, {QStringLiteral("created_at"), now + i},
                            {QStringLiteral("body"), QStringLiteral("offline shift note %1").arg(i)}};
            } else {
                c.op = Change::Op::Update;
                c.table = QStringLiteral("customer");
                c.id = customer;
                c.fields = {{QStringLiteral("segment"), QStringLiteral("bench-%1").arg(i)}};
            }
            changes << c;
        }
        // Written as an agent would, one change per transaction, not timed.
        for (const Change& c : std::as_const(changes)) {
            const Status written = writer.apply(c);
            if (!written) {
                failure = written.errorMessage();
                break;
            }
        }
        if (failure.isEmpty()) {
            const auto drained = engine->runOnce();
            if (!drained) {
                failure = drained.errorMessage();
            } else {
                QSqlQuery q(cache->connection());
                q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'"));
                const int left = q.next() ? q.value(0).toInt() : -1;
                // Reference: the same writes as direct prepared statements in one server transaction.
                RawPg pg(agentDsn);
                QElapsedTimer t;
                t.start();
                pg.exec("BEGIN");
                int i = 0;
                for (const Change& c : std::as_const(changes)) {
                    const QByteArray id = UuidV7::create().toUtf8();
                    const QByteArray customer = c.op == Change::Op::Update ? c.id.toUtf8()
                                                                           : c.fields.value(QStringLiteral("customer_id")).toString().toUtf8();
                    const QByteArray text = QByteArray("direct ") + QByteArray::number(i++);
                    const QByteArray when = QByteArray::number(now + i);
                    PGresult* r = nullptr;
                    if (c.table == QLatin1String("interaction")) {
                        const char* v[] = {id.constData(), customer.constData(), when.constData(), text.constData()};
                        r = PQexecParams(pg.conn, "INSERT INTO td.interaction(id, customer_id, channel, kind, occurred_at, summary) "
                                                  "VALUES($1, $2, 'hotline', 'inquiry', $3, $4)", 4, nullptr, v, nullptr, nullptr, 0);
                    } else if (c.table == QLatin1String("customer_note")) {
                        const char* v[] = {id.constData(), customer.constData(), when.constData(), text.constData()};
                        r = PQexecParams(pg.conn, "INSERT INTO td.customer_note(id, customer_id, created_at, body) "
                                                  "VALUES($1, $2, $3, $4)", 4, nullptr, v, nullptr, nullptr, 0);
                    } else {
                        const char* v[] = {text.constData(), customer.constData()};
                        r = PQexecParams(pg.conn, "UPDATE td.customer SET segment = $1 WHERE id = $2", 2, nullptr, v,
                                         nullptr, nullptr, 0);
                    }
                    if (PQresultStatus(r) != PGRES_COMMAND_OK && failure.isEmpty())
                        failure = QStringLiteral("the direct-write reference failed: ") + QString::fromUtf8(PQerrorMessage(pg.conn));
                    PQclear(r);
                }
                pg.exec("COMMIT");
                const double refSeconds = t.nsecsElapsed() / 1e9;
                if (left != 0 && failure.isEmpty())
                    failure = QStringLiteral("%1 mutations were still pending after the drain").arg(left);
                if (failure.isEmpty()) {
                    const Summary ref = single(refSeconds);
                    report.metric(QStringLiteral("sync.drain"), QStringLiteral("s"), single(drained->seconds),
                                  QStringLiteral("same_writes_as_direct_sql_in_one_transaction"), &ref,
                                  QJsonObject{{QStringLiteral("customers"), customers}, {QStringLiteral("mutations"), total}},
                                  {{QStringLiteral("applied"), drained->push.applied},
                                   {QStringLiteral("rejected"), drained->push.rejected},
                                   {QStringLiteral("batches"), drained->push.batches},
                                   {QStringLiteral("pulled_back"), drained->pull.written}});
                }
            }
        }
        if (!failure.isEmpty())
            report.skipped(QStringLiteral("sync.drain"), failure);
    }
    engine.reset();
    cache->releaseThreadConnection();

    // sync.latency: a change committed on the server until it is in another desktop's cache, the engine
    // running as in the app (own thread, LISTEN, debounce); reference: the NOTIFY reaching a bare
    // listening connection.
    if (o.wants(QStringLiteral("sync.latency"))) {
        const int n = o.searchQueries >= 1000 ? 60 : 8;
        const QStringList ids = someCustomerIds(cache, n);
        QThread thread;
        auto live = makeEngine(cache, agentDsn, true);
        live->moveToThread(&thread);
        std::atomic<qint64> seenAt{0};
        std::atomic<bool> online{false};
        QElapsedTimer clock;
        clock.start();
        QObject::connect(live.get(), &SyncEngine::dataChanged, live.get(),
                         [&](const QStringList& tables) {
                             if (tables.contains(QStringLiteral("customer")))
                                 seenAt.store(clock.nsecsElapsed());
                         },
                         Qt::DirectConnection);
        QObject::connect(live.get(), &SyncEngine::statusChanged, live.get(),
                         [&](const SyncStatus& s) {
                             if (s.state == SyncStatus::State::Online)
                                 online.store(true);
                         },
                         Qt::DirectConnection);
        thread.start();
        QMetaObject::invokeMethod(live.get(), "start", Qt::QueuedConnection);
        QElapsedTimer waiting;
        waiting.start();
        while (!online.load() && waiting.elapsed() < 20000)
            QThread::msleep(5);
        QVector<double> ours, ref;
        QString failure = online.load() ? QString() : QStringLiteral("the engine did not come online");
        RawPg writer(benchDsn);
        for (int i = 0; i < ids.size() && failure.isEmpty(); ++i) {
            seenAt.store(0);
            const QByteArray value = QByteArray("latency-") + QByteArray::number(i);
            const QByteArray id = ids.at(i).toUtf8();
            const char* v[] = {value.constData(), id.constData()};
            PGresult* r = PQexecParams(writer.conn, "UPDATE td.customer SET segment = $1 WHERE id = $2", 2, nullptr, v,
                                       nullptr, nullptr, 0);
            const qint64 committed = clock.nsecsElapsed();
            const bool good = PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
            if (!good) {
                failure = QString::fromUtf8(PQerrorMessage(writer.conn));
                break;
            }
            QElapsedTimer wait;
            wait.start();
            while (seenAt.load() == 0 && wait.elapsed() < 5000)
                QThread::usleep(200);
            if (seenAt.load() == 0) {
                failure = QStringLiteral("a change did not arrive within 5 s");
                break;
            }
            ours << (seenAt.load() - committed) / 1e6;
            QThread::msleep(50);
        }
        QMetaObject::invokeMethod(live.get(), "stop", Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
        live.reset();

        RawPg listener(agentDsn);
        listener.exec("LISTEN td_changes");
        for (int i = 0; i < ids.size() && failure.isEmpty() && listener.ok(); ++i) {
            const QByteArray value = QByteArray("reference-") + QByteArray::number(i);
            const QByteArray id = ids.at(i).toUtf8();
            const char* v[] = {value.constData(), id.constData()};
            QElapsedTimer t;
            t.start();
            PQclear(PQexecParams(writer.conn, "UPDATE td.customer SET segment = $1 WHERE id = $2", 2, nullptr, v,
                                 nullptr, nullptr, 0));
            const qint64 committed = t.nsecsElapsed();
            bool got = false;
            while (!got && t.elapsed() < 5000) {
                const int fd = PQsocket(listener.conn);
                fd_set set;
                FD_ZERO(&set);
                FD_SET(fd, &set);
                timeval tv{0, 100000};
                select(fd + 1, &set, nullptr, nullptr, &tv);
                PQconsumeInput(listener.conn);
                while (PGnotify* n = PQnotifies(listener.conn)) {
                    got = true;
                    PQfreemem(n);
                }
            }
            if (got)
                ref << (t.nsecsElapsed() - committed) / 1e6;
        }
        if (!failure.isEmpty()) {
            report.skipped(QStringLiteral("sync.latency"), failure);
        } else {
            const Summary r = Summary::of(ref);
            report.metric(QStringLiteral("sync.latency"), QStringLiteral("ms"), Summary::of(ours),
                          QStringLiteral("notify_to_bare_listener"), &r, scale,
                          {{QStringLiteral("until"), QStringLiteral("row written in the other desktop's cache")}});
        }
    }
    cache->releaseThreadConnection();
}

} // namespace telcodesk::bench
