#include "Fixtures.h"
#include "TempStore.h"
#include "itemmodels/TicketQueueModel.h"
#include "tickets/SlaService.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace telcodesk;

Q_DECLARE_METATYPE(telcodesk::TicketQueueFilter::Scope)
Q_DECLARE_METATYPE(telcodesk::TicketQueueModel::SortKey)

namespace {

qint64 cst(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone(8 * 3600)).toMSecsSinceEpoch();
}

bool exec(const LocalStorePtr& store, const QString& sql, const QVariantList& binds = {})
{
    QSqlQuery q(store->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    return q.exec();
}

// Counts every structural signal a model sends.
struct Spies
{
    explicit Spies(QAbstractItemModel* m)
        : dataChanged(m, &QAbstractItemModel::dataChanged)
        , moved(m, &QAbstractItemModel::rowsMoved)
        , inserted(m, &QAbstractItemModel::rowsInserted)
        , removed(m, &QAbstractItemModel::rowsRemoved)
        , reset(m, &QAbstractItemModel::modelReset)
        , layout(m, &QAbstractItemModel::layoutChanged)
    {
    }
    QString counts() const
    {
        return QStringLiteral("data %1 moved %2 inserted %3 removed %4 reset %5 layout %6")
            .arg(dataChanged.count())
            .arg(moved.count())
            .arg(inserted.count())
            .arg(removed.count())
            .arg(reset.count())
            .arg(layout.count());
    }
    QSignalSpy dataChanged;
    QSignalSpy moved;
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy reset;
    QSignalSpy layout;
};

} // namespace

class TestTicketQueueModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TempStore> m_temp;
    LocalStorePtr m_store;
    Session m_agent;      // skills billing: serves the billing queue
    Session m_supervisor;
    QStringList m_customers;
    const qint64 m_now = cst(23, 12);
    int m_next = 0;

    QString addTicket(const QString& kind, int priority, const QString& status, const QString& queue,
                      const QString& assignee, qint64 created, const QString& title = QString())
    {
        const int n = ++m_next;
        const QString id = QStringLiteral("t%1").arg(n, 5, 10, QLatin1Char('0'));
        const bool ok = exec(m_store,
                             QStringLiteral("INSERT INTO ticket(id, ticket_no, customer_id, kind, priority, status, queue, "
                                            "assignee_id, channel, title, created_at) VALUES(?,?,?,?,?,?,?,?,'hotline',?,?)"),
                             {id, QStringLiteral("TK2611%1").arg(n, 5, 10, QLatin1Char('0')),
                              m_customers.at(n % m_customers.size()), kind, priority, status,
                              queue.isEmpty() ? QVariant() : QVariant(queue),
                              assignee.isEmpty() ? QVariant() : QVariant(assignee), 
                              title.isEmpty() ? QStringLiteral("ticket %1").arg(n) : title, created});
        return ok ? id : QString();
    }

    bool recompute()
    {
        SlaService sla(m_store);
        return bool(sla.recomputeAll(m_now));
    }

    bool recompute(const QStringList& ids)
    {
        SlaService sla(m_store);
        return bool(sla.recompute(ids, m_now));
    }

    // n tickets of every kind, priority, queue and status, some assigned to the agent, created over the
    // ten days before now; then their SLA rows.
    bool build(int n)
    {
        m_temp = std::make_unique<test::TempStore>();
        if (!m_temp->ok())
            return false;
        m_store = m_temp->store();
        m_next = 0;
        test::Fixtures fixtures(m_store);
        m_customers.clear();
        const QStringList names{QStringLiteral("张伟"), QStringLiteral("李娜"), QStringLiteral("王芳"),
                                QStringLiteral("刘洋"), QStringLiteral("陈静")};
        for (int i = 0; i < names.size(); ++i) {
            const QString id = fixtures.addCustomer(
                {names.at(i), QStringLiteral("13%112345678").arg(i), QString(),
                 QStringLiteral("A-%1").arg(i)});
            if (id.isEmpty())
                return false;
            m_customers.append(id);
        }
        m_agent.agentId = fixtures.addAgent(QStringLiteral("agent1"), QStringLiteral("agent"));
        m_agent.role = Role::Agent;
        m_supervisor.agentId = fixtures.addAgent(QStringLiteral("super1"), QStringLiteral("supervisor"));
        m_supervisor.role = Role::Supervisor;
        if (m_agent.agentId.isEmpty() || m_supervisor.agentId.isEmpty())
            return false;
        if (!exec(m_store, QStringLiteral("UPDATE agent SET skills = 'billing' WHERE id = ?"), {m_agent.agentId}))
            return false;
        const QStringList kinds{QStringLiteral("complaint"), QStringLiteral("inquiry"), QStringLiteral("fault"),
                                QStringLiteral("suggestion")};
        const QStringList queues{QStringLiteral("billing"), QStringLiteral("complaints"), QStringLiteral("network"),
                                 QString()};
        const QStringList statuses{QStringLiteral("new"), QStringLiteral("assigned"), QStringLiteral("waiting_customer"),
                                   QStringLiteral("closed"), QStringLiteral("assigned"), QStringLiteral("resolved")};
        quint32 seed = 7;
        const auto rand = [&seed](quint32 mod) {
            seed = seed * 1103515245u + 12345u;
            return (seed >> 8) % mod;
        };
        // One transaction: a commit per ticket would sync the file to disk each time.
        if (!exec(m_store, QStringLiteral("BEGIN")))
            return false;
        for (int i = 0; i < n; ++i) {
            const QString kind = kinds.at(int(rand(4)));
            QString status = statuses.at(int(rand(6)));
            if (kind == QLatin1String("suggestion") && status == QLatin1String("waiting_customer"))
                status = QStringLiteral("new");
            const QString assignee = status == QLatin1String("new") ? QString()
                                     : rand(3) == 0                 ? m_agent.agentId
                                                                    : m_supervisor.agentId;
            const qint64 created = m_now - qint64(rand(10 * 24 * 60)) * 60000 - 60000;
            if (addTicket(kind, int(rand(4)) + 1, status, queues.at(int(rand(4))), assignee, created).isEmpty())
                return false;
        }
        return exec(m_store, QStringLiteral("COMMIT")) && recompute();
    }

    // Every ticket in the order the model promises, computed the plain way: all rows, filtered and
    // sorted in memory.
    QStringList naive(TicketQueueModel::SortKey key, Qt::SortOrder order, bool includeClosed)
    {
        struct R
        {
            QString id;
            QVariant value;
        };
        QVector<R> rows;
        QSqlQuery q(m_store->connection());
        q.exec(QStringLiteral("SELECT t.id, t.priority, t.created_at, t.ticket_no, s.due_at, s.open "
                              "FROM ticket t LEFT JOIN ticket_sla s ON s.ticket_id = t.id WHERE t.deleted_at IS NULL"));
        while (q.next()) {
            if (!includeClosed && q.value(5).toInt() != 1)
                continue;
            QVariant value;
            switch (key) {
            case TicketQueueModel::SortKey::Priority:
                value = q.value(1);
                break;
            case TicketQueueModel::SortKey::Created:
                value = q.value(2);
                break;
            case TicketQueueModel::SortKey::Number:
                value = q.value(3);
                break;
            case TicketQueueModel::SortKey::SlaDue:
                value = q.value(4);
                break;
            }
            rows.append({q.value(0).toString(), value});
        }
        const bool desc = order == Qt::DescendingOrder;
        std::sort(rows.begin(), rows.end(), [&](const R& a, const R& b) {
            if (a.value.isNull() != b.value.isNull())
                return b.value.isNull(); // no SLA due: last, whatever the direction
            int c = 0;
            if (!a.value.isNull()) {
                if (key == TicketQueueModel::SortKey::Number)
                    c = a.value.toString().compare(b.value.toString());
                else
                    c = a.value.toLongLong() < b.value.toLongLong() ? -1 : (a.value.toLongLong() > b.value.toLongLong() ? 1 : 0);
            }
            if (c == 0)
                c = a.id.compare(b.id);
            return desc ? c > 0 : c < 0;
        });
        QStringList ids;
        for (const R& r : std::as_const(rows))
            ids.append(r.id);
        return ids;
    }

    static QStringList modelIds(const TicketQueueModel& model)
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.append(model.ticketId(row));
        return ids;
    }

    static TicketQueueFilter scoped(TicketQueueFilter::Scope scope)
    {
        TicketQueueFilter f;
        f.scope = scope;
        return f;
    }

private slots:
    void testerOnEveryScopeAndSort_data()
    {
        QTest::addColumn<TicketQueueFilter::Scope>("scope");
        QTest::addColumn<TicketQueueModel::SortKey>("key");
        QTest::addColumn<bool>("includeClosed");
        using S = TicketQueueFilter::Scope;
        using K = TicketQueueModel::SortKey;
        const QList<QPair<const char*, S>> scopes{
            {"mine", S::Mine}, {"team", S::MyTeam}, {"unassigned", S::Unassigned},
            {"breaching", S::BreachingSoon}, {"all", S::All}};
        const QList<QPair<const char*, K>> keys{
            {"sla", K::SlaDue}, {"priority", K::Priority}, {"created", K::Created}, {"number", K::Number}};
        for (const auto& scope : scopes)
            for (const auto& key : keys)
                for (bool closed : {false, true})
                    QTest::addRow("%s/%s%s", scope.first, key.first, closed ? "/closed" : "")
                        << scope.second << key.second << closed;
    }

    void testerOnEveryScopeAndSort()
    {
        QFETCH(TicketQueueFilter::Scope, scope);
        QFETCH(TicketQueueModel::SortKey, key);
        QFETCH(bool, includeClosed);
        QVERIFY(build(120));
        TicketQueueModel model(m_store, m_agent);
        model.setNow(m_now);
        model.setPageSize(7);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        TicketQueueFilter f = scoped(scope);
        f.includeClosed = includeClosed;
        model.setFilter(f);
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.setSortKey(key, order);
            QVERIFY2(model.lastError().code.isEmpty(), qPrintable(model.lastError().message));
            if (scope == TicketQueueFilter::Scope::All)
                QCOMPARE(modelIds(model), naive(key, order, includeClosed));
            for (int row = 0; row < model.rowCount(); ++row) {
                const QString id = model.ticketId(row);
                QVERIFY(!id.isEmpty());
                QCOMPARE(model.data(model.index(row, 0), ItemRoles::IdRole).toString(), id);
                QCOMPARE(model.rowOfTicket(id), row);
                for (int column = 0; column < model.columnCount(); ++column)
                    model.data(model.index(row, column));
            }
        }
        QVERIFY(model.rowCount() > 0 || scope == TicketQueueFilter::Scope::BreachingSoon);
    }

    void pagingReadsLittle()
    {
        QVERIFY(build(500));
        TicketQueueModel model(m_store, m_agent);
        model.setNow(m_now);
        model.setPageSize(10);
        TicketQueueFilter f = scoped(TicketQueueFilter::Scope::All);
        f.includeClosed = true;
        model.setFilter(f);
        model.setSortKey(TicketQueueModel::SortKey::Created, Qt::DescendingOrder);
        QCOMPARE(model.rowCount(), 500);
        const int before = model.pageReads();
        for (int row = 0; row < 20; ++row)
            model.data(model.index(row, TicketQueueModel::TitleColumn));
        for (int row = model.rowCount() - 20; row < model.rowCount(); ++row)
            model.data(model.index(row, TicketQueueModel::TitleColumn));
        // The first screen and the last: four pages, not fifty.
        QCOMPARE(model.pageReads() - before, 4);
        // Nor does a far row ask for the pages between.
        model.data(model.index(250, 0));
        QCOMPARE(model.pageReads() - before, 5);
        QCOMPARE(modelIds(model), naive(TicketQueueModel::SortKey::Created, Qt::DescendingOrder, true));

        // The SLA order with the open tickets only: the same rows as the plain way, nulls last.
        model.setFilter(scoped(TicketQueueFilter::Scope::All));
        model.setSortKey(TicketQueueModel::SortKey::SlaDue);
        QCOMPARE(modelIds(model), naive(TicketQueueModel::SortKey::SlaDue, Qt::AscendingOrder, false));
    }

    void slaDueWithoutADueSortsLast()
    {
        QVERIFY(build(40));
        QVERIFY(exec(m_store, QStringLiteral("UPDATE ticket_sla SET due_at = NULL WHERE ticket_id IN "
                                             "(SELECT ticket_id FROM ticket_sla WHERE open = 1 ORDER BY ticket_id LIMIT 3)")));
        TicketQueueModel model(m_store, m_agent);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(4);
        model.setFilter(scoped(TicketQueueFilter::Scope::All));
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.setSortKey(TicketQueueModel::SortKey::SlaDue, order);
            const QStringList ids = modelIds(model);
            QCOMPARE(ids, naive(TicketQueueModel::SortKey::SlaDue, order, false));
            QVERIFY(model.data(model.index(model.rowCount() - 1, 0), TicketQueueModel::SlaDueRole).isNull());
            for (int row = 0; row < ids.size(); ++row)
                QCOMPARE(model.rowOfTicket(ids.at(row)), row);
        }
    }

    void singleChangeSignals_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("title: data changed") << "title" << "data 1 moved 0 inserted 0 removed 0 reset 0 layout 0";
        QTest::newRow("created: moved") << "created" << "data 0 moved 1 inserted 0 removed 0 reset 0 layout 0";
        QTest::newRow("assigned to me: entered") << "assign" << "data 0 moved 0 inserted 1 removed 0 reset 0 layout 0";
        QTest::newRow("unassigned: left") << "unassign" << "data 0 moved 0 inserted 0 removed 1 reset 0 layout 0";
        QTest::newRow("new ticket: entered") << "new" << "data 0 moved 0 inserted 1 removed 0 reset 0 layout 0";
        QTest::newRow("closed: left") << "close" << "data 0 moved 0 inserted 0 removed 1 reset 0 layout 0";
        QTest::newRow("replied: SLA due moves") << "reply" << "data 0 moved 1 inserted 0 removed 0 reset 0 layout 0";
        QTest::newRow("someone else's ticket: nothing") << "other" << "data 0 moved 0 inserted 0 removed 0 reset 0 layout 0";
    }

    void singleChangeSignals()
    {
        QFETCH(QString, change);
        QFETCH(QString, expected);
        QVERIFY(build(60));
        TicketQueueModel model(m_store, m_agent);
        model.setNow(m_now);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        TicketQueueFilter f = scoped(TicketQueueFilter::Scope::Mine);
        model.setFilter(f);
        model.setSortKey(change == QLatin1String("reply") ? TicketQueueModel::SortKey::SlaDue
                                                          : TicketQueueModel::SortKey::Created);
        QVERIFY(model.rowCount() >= 3);
        const int count = model.rowCount();
        for (int row = 0; row < count; ++row)
            model.data(model.index(row, 0));
        const QString last = model.ticketId(count - 1);
        QString changed = last;

        if (change == QLatin1String("title")) {
            QVERIFY(exec(m_store, QStringLiteral("UPDATE ticket SET title = 'changed' WHERE id = ?"), {last}));
        } else if (change == QLatin1String("created")) {
            QVERIFY(exec(m_store, QStringLiteral("UPDATE ticket SET created_at = 0 WHERE id = ?"), {last}));
        } else if (change == QLatin1String("assign") || change == QLatin1String("other")) {
            QSqlQuery q(m_store->connection());
            q.prepare(QStringLiteral("SELECT t.id FROM ticket t JOIN ticket_sla s ON s.ticket_id = t.id "
                                     "WHERE s.open = 1 AND t.assignee_id = ? LIMIT 1"));
            q.addBindValue(m_supervisor.agentId);
            QVERIFY(q.exec() && q.next());
            changed = q.value(0).toString();
            const QString to = change == QLatin1String("assign") ? m_agent.agentId : QStringLiteral("someone");
            QVERIFY(exec(m_store, QStringLiteral("UPDATE ticket SET assignee_id = ? WHERE id = ?"), {to, changed}));
        } else if (change == QLatin1String("unassign")) {
            QVERIFY(exec(m_store, QStringLiteral("UPDATE ticket SET assignee_id = NULL WHERE id = ?"), {last}));
        } else if (change == QLatin1String("new")) {
            changed = addTicket(QStringLiteral("fault"), 2, QStringLiteral("assigned"), QStringLiteral("network"),
                                m_agent.agentId, m_now - 60000);
            QVERIFY(!changed.isEmpty());
        } else if (change == QLatin1String("close")) {
            QVERIFY(exec(m_store, QStringLiteral("UPDATE ticket SET status = 'closed', closed_at = ? WHERE id = ?"),
                         {m_now, last}));
        } else if (change == QLatin1String("reply")) {
            // The first-response clock stops: the clock that matters becomes resolution, due later.
            QSqlQuery q(m_store->connection());
            q.prepare(QStringLiteral("SELECT t.id FROM ticket t JOIN ticket_sla s ON s.ticket_id = t.id "
                                     "WHERE s.open = 1 AND t.assignee_id = ? AND s.first_response_state IN "
                                     "('running', 'breached') AND s.paused = 0 ORDER BY s.due_at, t.id LIMIT 1"));
            q.addBindValue(m_agent.agentId);
            QVERIFY(q.exec() && q.next());
            changed = q.value(0).toString();
            QVERIFY(exec(m_store, QStringLiteral("INSERT INTO ticket_event(id, ticket_id, kind, at) VALUES('r', ?, 'reply', ?)"),
                         {changed, m_now - 1000}));
        }
        QVERIFY(recompute({changed}));

        Spies spies(&model);
        QVERIFY(model.ticketsChanged({changed}));
        QCOMPARE(spies.counts(), expected);
        // Whatever happened, the model now reads like a fresh one.
        TicketQueueModel fresh(m_store, m_agent);
        fresh.setFilter(f);
        fresh.setSortKey(model.sortKey());
        QCOMPARE(modelIds(model), modelIds(fresh));
        QCOMPARE(model.data(model.index(model.rowCount() - 1, TicketQueueModel::TitleColumn)),
                 fresh.data(fresh.index(fresh.rowCount() - 1, TicketQueueModel::TitleColumn)));
        if (change == QLatin1String("created")) {
            QCOMPARE(model.ticketId(0), last);
            QCOMPARE(model.rowCount(), count);
        }
    }

    void batchOfChanges()
    {
        QVERIFY(build(60));
        TicketQueueModel model(m_store, m_agent);
        model.setNow(m_now);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setFilter(scoped(TicketQueueFilter::Scope::Mine));
        model.setSortKey(TicketQueueModel::SortKey::Created);
        for (int row = 0; row < model.rowCount(); ++row)
            model.data(model.index(row, 0));
        QVERIFY(model.rowCount() >= 3);
        const QString first = model.ticketId(0);
        const QString second = model.ticketId(1);
        QVERIFY(exec(m_store, QStringLiteral("UPDATE ticket SET assignee_id = NULL WHERE id = ?"), {first}));
        QVERIFY(exec(m_store, QStringLiteral("UPDATE ticket SET created_at = ? WHERE id = ?"), {m_now, second}));
        const QString added = addTicket(QStringLiteral("fault"), 2, QStringLiteral("assigned"), QStringLiteral("network"),
                                        m_agent.agentId, 0);
        QVERIFY(recompute({first, second, added}));
        Spies spies(&model);
        QVERIFY(model.ticketsChanged({first, second, added}));
        QCOMPARE(spies.counts(), QStringLiteral("data 0 moved 1 inserted 1 removed 1 reset 0 layout 0"));
        TicketQueueModel fresh(m_store, m_agent);
        fresh.setFilter(scoped(TicketQueueFilter::Scope::Mine));
        fresh.setSortKey(TicketQueueModel::SortKey::Created);
        QCOMPARE(modelIds(model), modelIds(fresh));
    }

    void refreshKeepsPersistentIndexes()
    {
        QVERIFY(build(200));
        TicketQueueModel model(m_store, m_agent);
        model.setNow(m_now);
        model.setPageSize(10);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setFilter(scoped(TicketQueueFilter::Scope::All));
        model.setSortKey(TicketQueueModel::SortKey::Created, Qt::DescendingOrder);
        const int row = 37;
        const QString selected = model.ticketId(row);
        const QString doomed = model.ticketId(5);
        QPersistentModelIndex keep(model.index(row, TicketQueueModel::TitleColumn));
        QPersistentModelIndex gone(model.index(5, 0));
        // Scroll far away so that the selected row's page would be dropped were it not held.
        for (int r = model.rowCount() - 1; r > model.rowCount() - 80; --r)
            model.data(model.index(r, 0));

        // A pull: five new tickets sort first, one ticket is deleted.
        for (int i = 0; i < 5; ++i)
            QVERIFY(!addTicket(QStringLiteral("inquiry"), 3, QStringLiteral("new"), QStringLiteral("billing"), QString(),
                               m_now - 1000 * (i + 1))
                         .isEmpty());
        QVERIFY(exec(m_store, QStringLiteral("UPDATE ticket SET deleted_at = 1 WHERE id = ?"), {doomed}));
        QVERIFY(recompute());

        Spies spies(&model);
        QVERIFY(model.refresh());
        QCOMPARE(spies.reset.count(), 0);
        QCOMPARE(spies.layout.count(), 1);
        QVERIFY(keep.isValid());
        QCOMPARE(keep.row(), row + 5 - 1);
        QCOMPARE(keep.column(), int(TicketQueueModel::TitleColumn));
        QCOMPARE(model.ticketId(keep.row()), selected);
        QVERIFY(!gone.isValid());
        QCOMPARE(model.rowOfTicket(doomed), -1);
    }

    void searchEscapesWildcards()
    {
        QVERIFY(build(20));
        const QString percent = addTicket(QStringLiteral("inquiry"), 3, QStringLiteral("new"), QStringLiteral("billing"),
                                          QString(), m_now - 60000, QStringLiteral("退款 100% 未到账"));
        const QString plain = addTicket(QStringLiteral("inquiry"), 3, QStringLiteral("new"), QStringLiteral("billing"),
                                        QString(), m_now - 60000, QStringLiteral("退款 1000 未到账"));
        const QString underscore = addTicket(QStringLiteral("inquiry"), 3, QStringLiteral("new"),
                                             QStringLiteral("billing"), QString(), m_now - 60000,
                                             QStringLiteral("plan_a upgrade"));
        const QString lookalike = addTicket(QStringLiteral("inquiry"), 3, QStringLiteral("new"),
                                            QStringLiteral("billing"), QString(), m_now - 60000,
                                            QStringLiteral("planXa upgrade"));
        QVERIFY(!percent.isEmpty() && !plain.isEmpty() && !underscore.isEmpty() && !lookalike.isEmpty());
        QVERIFY(recompute());
        TicketQueueModel model(m_store, m_agent);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const auto searchFor = [&](const QString& text) {
            TicketQueueFilter f = scoped(TicketQueueFilter::Scope::All);
            f.search = text;
            model.setFilter(f);
            QStringList ids = modelIds(model);
            ids.sort();
            return ids;
        };
        QCOMPARE(searchFor(QStringLiteral("100%")), QStringList{percent});
        QCOMPARE(searchFor(QStringLiteral("plan_a")), QStringList{underscore});
        QCOMPARE(searchFor(QStringLiteral("100")).size(), 2);
        QCOMPARE(searchFor(QStringLiteral("%")), QStringList{percent});
        // A quote is a character like any other.
        QCOMPARE(searchFor(QStringLiteral("' OR 1=1 --")), QStringList());
        // Ticket number prefix, customer name, customer's number.
        QCOMPARE(searchFor(QStringLiteral("tk261100021")), QStringList{percent});
        QSqlQuery q(m_store->connection());
        q.exec(QStringLiteral("SELECT c.name, s.number_digits, count(*) FROM ticket t JOIN customer c ON c.id = t.customer_id "
                              "JOIN ticket_sla x ON x.ticket_id = t.id AND x.open = 1 "
                              "JOIN subscription s ON s.customer_id = c.id GROUP BY c.id ORDER BY c.name LIMIT 1"));
        QVERIFY(q.next());
        const int byCustomer = q.value(2).toInt();
        QCOMPARE(searchFor(q.value(0).toString()).size(), byCustomer);
        QCOMPARE(searchFor(q.value(1).toString()).size(), byCustomer);
        QCOMPARE(searchFor(q.value(1).toString().left(4)).size(), byCustomer);
    }

    void scopesByRole()
    {
        QVERIFY(build(150));
        const auto ids = [&](const Session& who, TicketQueueFilter::Scope scope) {
            TicketQueueModel model(m_store, who);
            model.setFilter(scoped(scope));
            QStringList out = modelIds(model);
            out.sort();
            return out;
        };
        const auto expected = [&](const QString& where, const QVariantList& binds) {
            QSqlQuery q(m_store->connection());
            q.prepare(QStringLiteral("SELECT t.id FROM ticket t JOIN ticket_sla s ON s.ticket_id = t.id "
                                     "WHERE s.open = 1 AND ") + where + QStringLiteral(" ORDER BY t.id"));
            for (const QVariant& v : binds)
                q.addBindValue(v);
            QStringList out;
            if (q.exec())
                while (q.next())
                    out.append(q.value(0).toString());
            return out;
        };
        using S = TicketQueueFilter::Scope;
        const QStringList mine = expected(QStringLiteral("t.assignee_id = ?"), {m_agent.agentId});
        QVERIFY(!mine.isEmpty());
        QCOMPARE(ids(m_agent, S::Mine), mine);
        // The agent's skill billing serves the billing queue only.
        const QStringList team = expected(QStringLiteral("t.queue = 'billing'"), {});
        QVERIFY(!team.isEmpty());
        QCOMPARE(ids(m_agent, S::MyTeam), team);
        const QStringList unassignedBilling = expected(QStringLiteral("t.assignee_id IS NULL AND t.queue = 'billing'"), {});
        QVERIFY(!unassignedBilling.isEmpty());
        QCOMPARE(ids(m_agent, S::Unassigned), unassignedBilling);
        // A supervisor sees every queue's unassigned tickets, those without a queue too.
        const QStringList unassigned = expected(QStringLiteral("t.assignee_id IS NULL"), {});
        QVERIFY(unassigned.size() > unassignedBilling.size());
        QCOMPARE(ids(m_supervisor, S::Unassigned), unassigned);
        // Skills that name a queue differently: complaint serves complaints, fault serves network.
        QVERIFY(exec(m_store, QStringLiteral("UPDATE agent SET skills = 'complaint, fault' WHERE id = ?"), {m_agent.agentId}));
        QCOMPARE(ids(m_agent, S::MyTeam), expected(QStringLiteral("t.queue IN ('complaints', 'network')"), {}));
        // No skills: no team queue.
        QVERIFY(exec(m_store, QStringLiteral("UPDATE agent SET skills = '' WHERE id = ?"), {m_agent.agentId}));
        QCOMPARE(ids(m_agent, S::MyTeam), QStringList());
        // Breaching soon: open, running, due within the window.
        TicketQueueModel breaching(m_store, m_agent);
        breaching.setNow(m_now);
        breaching.setFilter(scoped(S::BreachingSoon));
        QStringList soon = modelIds(breaching);
        soon.sort();
        QCOMPARE(soon, expected(QStringLiteral("s.paused = 0 AND s.due_at <= ?"), {m_now + 2 * 3600 * 1000}));
        QVERIFY(!soon.isEmpty());
    }

    void displayAndEmphasis()
    {
        QVERIFY(build(80));
        TicketQueueModel model(m_store, m_agent);
        model.setNow(m_now);
        model.setLabeler([](CodeDomain domain, const QString& code) {
            return domain == CodeDomain::TicketKind ? QStringLiteral("kind:") + code : code;
        });
        TicketQueueFilter f = scoped(TicketQueueFilter::Scope::All);
        f.includeClosed = true;
        model.setFilter(f);
        int alerts = 0;
        int muted = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex sla = model.index(row, TicketQueueModel::SlaColumn);
            const QString state = model.data(sla, TicketQueueModel::SlaStateRole).toString();
            const int emphasis = model.data(sla, ItemRoles::EmphasisRole).toInt();
            QVERIFY(model.data(model.index(row, TicketQueueModel::KindColumn)).toString().startsWith(QLatin1String("kind:")));
            QVERIFY(!model.data(model.index(row, TicketQueueModel::CustomerColumn)).toString().isEmpty());
            const QString status = model.data(model.index(row, TicketQueueModel::StatusColumn), ItemRoles::CodeRole).toString();
            if (status == QLatin1String("closed") || status == QLatin1String("resolved")) {
                QCOMPARE(emphasis, int(Emphasis::Muted));
                ++muted;
                continue;
            }
            if (state == QLatin1String("breached")) {
                QCOMPARE(emphasis, int(Emphasis::Alert));
                QVERIFY(model.data(sla).toString().startsWith(QLatin1Char('-')));
                ++alerts;
            } else if (state == QLatin1String("near_breach")) {
                QCOMPARE(emphasis, int(Emphasis::Strong));
            } else if (state == QLatin1String("running")) {
                QVERIFY(!model.data(sla).toString().startsWith(QLatin1Char('-')));
            }
        }
        QVERIFY(alerts > 0);
        QVERIFY(muted > 0);
    }

    void durations()
    {
        QVERIFY(build(1));
        // A ticket due in 3h 20m, one overdue by 45 minutes.
        const QString soon = addTicket(QStringLiteral("complaint"), 2, QStringLiteral("new"), QStringLiteral("billing"),
                                       m_agent.agentId, m_now);
        QVERIFY(exec(m_store, QStringLiteral("INSERT INTO ticket_sla(ticket_id, state, due_at, remaining_ms, paused, "
                                             "first_response_state, resolution_state, open, computed_at, kind, priority, "
                                             "queue, assignee_id, created_at, ticket_no) "
                                             "SELECT id, 'running', ?, 0, 0, 'met', 'running', 1, ?, kind, priority, queue, "
                                             "assignee_id, created_at, ticket_no FROM ticket WHERE id = ?"),
                     {m_now + (3 * 60 + 20) * 60000, m_now, soon}));
        QVERIFY(exec(m_store, QStringLiteral("DELETE FROM ticket_sla WHERE ticket_id <> ?"), {soon}));
        TicketQueueModel model(m_store, m_agent);
        model.setNow(m_now);
        model.setFilter(scoped(TicketQueueFilter::Scope::Mine));
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex sla = model.index(0, TicketQueueModel::SlaColumn);
        QCOMPARE(model.data(sla).toString(), QStringLiteral("3h 20m"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setNow(m_now + (4 * 60 + 5) * 60000);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.data(sla).toString(), QStringLiteral("-45m"));
        QCOMPARE(model.data(sla, ItemRoles::EmphasisRole).toInt(), int(Emphasis::Alert));
    }
};

QTEST_GUILESS_MAIN(TestTicketQueueModel)
#include "tst_ticketqueuemodel.moc"
