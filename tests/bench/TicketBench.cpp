#include "TicketBench.h"

#include "itemmodels/TicketQueueModel.h"
#include "tickets/SlaService.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>

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

constexpr int kScreenRows = 50;

// What a view does when it shows the first screen: every cell of the first rows.
int readFirstScreen(const TicketQueueModel& model)
{
    int cells = 0;
    const int rows = std::min(kScreenRows, model.rowCount());
    for (int row = 0; row < rows; ++row)
        for (int column = 0; column < model.columnCount(); ++column)
            cells += model.data(model.index(row, column)).isValid() ? 1 : 0;
    return cells;
}

// One open ticket with the queue's columns, as the in-memory reference holds it.
struct FlatRow
{
    QString id;
    QString number;
    int priority = 0;
    QString kind;
    QString status;
    QString title;
    QString customer;
    QString queue;
    QString assignee;
    QVariant dueAt;
    QString slaState;
    qint64 remainingMs = 0;
    bool paused = false;
    QVariant nearBreachAt;
    qint64 createdAt = 0;
};

// The reference: every open ticket row read into memory, filtered there and sorted by SLA due (nulls
// last, then id), the way a model without SQL paging would do it.
int loadAllSort(const LocalStorePtr& store, const std::function<bool(const FlatRow&)>& keep)
{
    QSqlQuery q(store->connection());
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT t.id, t.ticket_no, t.priority, t.kind, t.status, t.title, "
                          "(SELECT name FROM customer WHERE id = t.customer_id), t.queue, "
                          "(SELECT display_name FROM agent WHERE id = t.assignee_id), s.due_at, s.state, "
                          "s.remaining_ms, s.paused, s.near_breach_at, t.created_at "
                          "FROM ticket_sla s JOIN ticket t ON t.id = s.ticket_id WHERE s.open = 1"));
    QVector<FlatRow> rows;
    while (q.next()) {
        FlatRow r;
        r.id = q.value(0).toString();
        r.number = q.value(1).toString();
        r.priority = q.value(2).toInt();
        r.kind = q.value(3).toString();
        r.status = q.value(4).toString();
        r.title = q.value(5).toString();
        r.customer = q.value(6).toString();
        r.queue = q.value(7).toString();
        r.assignee = q.value(8).toString();
        r.dueAt = q.value(9);
        r.slaState = q.value(10).toString();
        r.remainingMs = q.value(11).toLongLong();
        r.paused = q.value(12).toInt() != 0;
        r.nearBreachAt = q.value(13);
        r.createdAt = q.value(14).toLongLong();
        if (!keep || keep(r))
            rows.append(std::move(r));
    }
    std::sort(rows.begin(), rows.end(), [](const FlatRow& a, const FlatRow& b) {
        if (a.dueAt.isNull() != b.dueAt.isNull())
            return b.dueAt.isNull();
        const qint64 x = a.dueAt.toLongLong();
        const qint64 y = b.dueAt.toLongLong();
        return x != y ? x < y : a.id < b.id;
    });
    return int(rows.size());
}

Summary timeReference(const LocalStorePtr& store, int runs, const std::function<bool(const FlatRow&)>& keep)
{
    QVector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        loadAllSort(store, keep);
        times << msSince(t);
    }
    return Summary::of(times);
}

Session benchSession(const LocalStorePtr& store)
{
    Session s;
    s.role = Role::Supervisor;
    QSqlQuery q(store->connection());
    if (q.exec(QStringLiteral("SELECT id, login, display_name FROM agent WHERE role = 'supervisor' AND deleted_at IS NULL "
                              "ORDER BY id LIMIT 1")) &&
        q.next()) {
        s.agentId = q.value(0).toString();
        s.login = q.value(1).toString();
        s.displayName = q.value(2).toString();
    }
    return s;
}

} // namespace

const QStringList& ticketMetricNames()
{
    static const QStringList names{QStringLiteral("tickets.queue_open"), QStringLiteral("tickets.sort_sla"),
                                   QStringLiteral("tickets.filter"), QStringLiteral("tickets.sla_recompute")};
    return names;
}

void runTickets(const BenchOptions& o, const LocalStorePtr& store, Report& report)
{
    const bool any = std::any_of(ticketMetricNames().begin(), ticketMetricNames().end(),
                                 [&](const QString& m) { return o.wants(m); });
    if (!any)
        return;
    const qint64 tickets = scalarInt(store, QStringLiteral("SELECT count(*) FROM ticket WHERE deleted_at IS NULL"));
    if (tickets == 0) {
        for (const QString& m : ticketMetricNames())
            if (o.wants(m))
                report.skipped(m, QStringLiteral("no tickets in the data"));
        return;
    }
    // "Now" is the newest ticket's creation: the data set then looks live whenever it was generated.
    const qint64 now = scalarInt(store, QStringLiteral("SELECT max(created_at) FROM ticket")) + 60000;
    const int runs = std::max(2, o.ticketRuns);
    const int referenceRuns = std::max(2, std::min(runs, o.referenceQueries));

    // The queue reads ticket_sla: fill it first (this run is the warm-up of sla_recompute too).
    SlaService sla(store);
    const auto first = sla.recomputeAll(now);
    if (!first) {
        for (const QString& m : ticketMetricNames())
            if (o.wants(m))
                report.skipped(m, QStringLiteral("recomputeAll failed: ") + first.errorMessage());
        return;
    }
    const qint64 open = scalarInt(store, QStringLiteral("SELECT count(*) FROM ticket_sla WHERE open = 1"));
    const QJsonObject scale{{QStringLiteral("tickets"), tickets}, {QStringLiteral("open_tickets"), open}};
    const Session session = benchSession(store);
    TicketQueueFilter all;
    all.scope = TicketQueueFilter::Scope::All;

    if (o.wants(QStringLiteral("tickets.queue_open"))) {
        {
            TicketQueueModel warm(store, session);
            warm.setNow(now);
            warm.setFilter(all);
            readFirstScreen(warm);
        }
        QVector<double> times;
        int rows = 0;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            TicketQueueModel model(store, session);
            model.setNow(now);
            model.setFilter(all);
            model.setSortKey(TicketQueueModel::SortKey::SlaDue);
            rows = model.rowCount();
            readFirstScreen(model);
            times << msSince(t);
        }
        const Summary ref = timeReference(store, referenceRuns, {});
        report.metric(QStringLiteral("tickets.queue_open"), QStringLiteral("ms"), Summary::of(times),
                      QStringLiteral("load_all_sort"), &ref, scale,
                      {{QStringLiteral("rows"), rows},
                       {QStringLiteral("what"), QStringLiteral("construct the queue (scope all, SLA due order), "
                                                               "rowCount and every cell of the first 50 rows")}});
    }

    if (o.wants(QStringLiteral("tickets.sort_sla"))) {
        TicketQueueModel model(store, session);
        model.setNow(now);
        model.setFilter(all);
        QVector<double> times;
        for (int i = 0; i < runs + 1; ++i) {
            model.setSortKey(TicketQueueModel::SortKey::Created, Qt::DescendingOrder);
            readFirstScreen(model);
            QElapsedTimer t;
            t.start();
            model.setSortKey(TicketQueueModel::SortKey::SlaDue);
            readFirstScreen(model);
            if (i > 0) // the first switch warms the statements
                times << msSince(t);
        }
        const Summary ref = timeReference(store, referenceRuns, {});
        report.metric(QStringLiteral("tickets.sort_sla"), QStringLiteral("ms"), Summary::of(times),
                      QStringLiteral("load_all_sort"), &ref, scale,
                      {{QStringLiteral("what"), QStringLiteral("switch the open queue from created (newest first) "
                                                               "to SLA due and read the first 50 rows")}});
    }

    if (o.wants(QStringLiteral("tickets.filter"))) {
        TicketQueueModel model(store, session);
        model.setNow(now);
        model.setFilter(all);
        TicketQueueFilter narrow = all;
        narrow.kinds = QStringList{QStringLiteral("complaint")};
        narrow.priorities = QVector<int>{1, 2};
        TicketQueueFilter breaching;
        breaching.scope = TicketQueueFilter::Scope::BreachingSoon;
        QVector<double> times;
        QVector<double> breachingTimes;
        int narrowRows = 0;
        int breachingRows = 0;
        for (int i = 0; i < runs + 1; ++i) {
            model.setFilter(all);
            readFirstScreen(model);
            QElapsedTimer t;
            t.start();
            model.setFilter(narrow);
            readFirstScreen(model);
            if (i > 0)
                times << msSince(t);
            narrowRows = model.rowCount();
            model.setFilter(all);
            readFirstScreen(model);
            t.restart();
            model.setFilter(breaching);
            readFirstScreen(model);
            if (i > 0)
                breachingTimes << msSince(t);
            breachingRows = model.rowCount();
        }
        const Summary ref = timeReference(store, referenceRuns, [](const FlatRow& r) {
            return r.kind == QLatin1String("complaint") && (r.priority == 1 || r.priority == 2);
        });
        const Summary breachingSummary = Summary::of(breachingTimes);
        report.metric(QStringLiteral("tickets.filter"), QStringLiteral("ms"), Summary::of(times),
                      QStringLiteral("load_all_sort"), &ref, scale,
                      {{QStringLiteral("what"), QStringLiteral("filter the open queue to P1/P2 complaints and read "
                                                               "the first 50 rows")},
                       {QStringLiteral("rows"), narrowRows},
                       {QStringLiteral("breaching_soon_p50"), breachingSummary.p50},
                       {QStringLiteral("breaching_soon_p95"), breachingSummary.p95},
                       {QStringLiteral("breaching_soon_rows"), breachingRows}});
    }

    if (o.wants(QStringLiteral("tickets.sla_recompute"))) {
        QVector<double> times;
        int written = 0;
        for (int i = 0; i < std::max(2, runs / 5); ++i) {
            QElapsedTimer t;
            t.start();
            const auto result = sla.recomputeAll(now);
            times << msSince(t);
            written = result ? *result : -1;
        }
        // What the agent's desktop pays a minute later: the running clocks' time left moved on (rows
        // updated in place; paused rows stand, their due is none). Then back to `now`.
        QVector<double> laterTimes;
        for (int minute = 1; minute <= 3; ++minute) {
            QElapsedTimer t;
            t.start();
            sla.recomputeAll(now + minute * 60000);
            laterTimes << msSince(t);
        }
        sla.recomputeAll(now);
        const Summary later = Summary::of(laterTimes);
        // The reference: each open ticket's clock through clockFor(), one ticket (two queries) at a
        // time. Over many tickets it is timed on a sample and scaled up to all of them.
        QStringList ids;
        {
            QSqlQuery q(store->connection());
            q.setForwardOnly(true);
            q.exec(QStringLiteral("SELECT ticket_id FROM ticket_sla WHERE open = 1"));
            while (q.next())
                ids << q.value(0).toString();
        }
        const int sampleSize = std::min<int>(int(ids.size()), o.ticketRuns >= 20 ? 20000 : 2000);
        const bool extrapolated = sampleSize < ids.size();
        QVector<double> refTimes;
        for (int run = 0; run < 2 && sampleSize > 0; ++run) {
            QElapsedTimer t;
            t.start();
            for (int i = 0; i < sampleSize; ++i)
                sla.clockFor(ids.at(int((qint64(i) * ids.size()) / sampleSize)), now);
            refTimes << msSince(t) * double(ids.size()) / double(sampleSize);
        }
        const Summary ref = Summary::of(refTimes);
        report.metric(QStringLiteral("tickets.sla_recompute"), QStringLiteral("ms"), Summary::of(times),
                      extrapolated ? QStringLiteral("clockfor_each_extrapolated") : QStringLiteral("clockfor_each"),
                      &ref, scale,
                      {{QStringLiteral("rows_written"), written},
                       {QStringLiteral("next_minute_p50"), later.p50},
                       {QStringLiteral("next_minute_p95"), later.p95},
                       {QStringLiteral("reference_sample"), sampleSize},
                       {QStringLiteral("what"), QStringLiteral("SlaService::recomputeAll: every live ticket not "
                                                               "closed, computed and written to ticket_sla")}});
    }
}

} // namespace telcodesk::bench
