// The SLA catalog (business calendars, holidays, policies) on the server: ServerAdmin::init seeds the
// same rows under the same ids as a fresh desktop cache (resources/sql/postgres/0007 and
// resources/sql/sqlite/0004), an agent's login pulls them, and the pulled rows replace the local
// defaults rather than adding to them.

#include "PgTestServer.h"
#include "TempStore.h"

#include "sync/PgRemote.h"
#include "sync/PullApplier.h"
#include "tickets/SlaService.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <memory>

using namespace telcodesk;
using telcodesk::test::PgTestServer;
using telcodesk::test::TempStore;

namespace {

const QStringList kTables{QStringLiteral("sla_calendar"), QStringLiteral("sla_calendar_hours"),
                          QStringLiteral("sla_calendar_day"), QStringLiteral("sla_policy")};

// Columns both sides compare on: the cache's, less those only the server sets.
bool comparable(const QString& column)
{
    return column != QLatin1String("row_version") && column != QLatin1String("updated_at")
        && column != QLatin1String("deleted_at");
}

// A value as text, so that 30 (integer) and 30.0 (double) and a uuid's spelling compare alike.
QString normal(const QVariant& v)
{
    if (v.isNull())
        return QStringLiteral("<null>");
    bool isNumber = false;
    const double d = v.toString().toDouble(&isNumber);
    if (v.typeId() != QMetaType::QString && isNumber)
        return QString::number(d, 'g', 15);
    return v.toString().toLower();
}

QString normal(const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("<null>");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return v.toString().toLower();
}

// id -> column -> normalised value, from the local store.
QHash<QString, QHash<QString, QString>> localRows(const LocalStorePtr& store, const QString& table)
{
    QHash<QString, QHash<QString, QString>> rows;
    QSqlQuery q(store->connection());
    // The table name comes from the fixed list above.
    if (!q.exec(QStringLiteral("SELECT * FROM %1 WHERE deleted_at IS NULL").arg(table)))
        return rows;
    while (q.next()) {
        const QSqlRecord r = q.record();
        QHash<QString, QString> row;
        for (int i = 0; i < r.count(); ++i) {
            if (comparable(r.fieldName(i)))
                row.insert(r.fieldName(i), normal(r.value(i)));
        }
        rows.insert(row.value(QStringLiteral("id")), row);
    }
    return rows;
}

} // namespace

class TestSlaCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (const QString why = PgTestServer::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        m_server = std::make_unique<PgTestServer>(QStringLiteral("slacat"));
        QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
        m_agent = m_server->addAgent(QStringLiteral("agent_sla"), QStringLiteral("agent"), {QStringLiteral("440100")});
        QVERIFY2(!m_agent.isEmpty(), qPrintable(m_server->error()));
        m_local = std::make_unique<TempStore>();
        QVERIFY2(m_local->ok(), qPrintable(m_local->error()));
    }

    void serverHasTheLocalDefaults_data()
    {
        QTest::addColumn<QString>("table");
        for (const QString& table : kTables)
            QTest::newRow(qPrintable(table)) << table;
    }

    void serverHasTheLocalDefaults()
    {
        QFETCH(QString, table);
        const auto local = localRows(m_local->store(), table);
        QVERIFY(!local.isEmpty());
        const QVariant json = m_server->scalar(
            QStringLiteral("SELECT coalesce(json_agg(row_to_json(t)), '[]')::text FROM td.%1 t WHERE deleted_at IS NULL")
                .arg(table));
        QVERIFY2(json.isValid(), qPrintable(m_server->error()));
        const QJsonArray server = QJsonDocument::fromJson(json.toString().toUtf8()).array();
        QCOMPARE(server.size(), local.size());
        for (const QJsonValue& value : server) {
            const QJsonObject row = value.toObject();
            const QString id = row.value(QStringLiteral("id")).toString();
            QVERIFY2(local.contains(id), qPrintable(table + QStringLiteral(": server id not in the cache: ") + id));
            const auto& mine = local.value(id);
            for (auto it = mine.cbegin(); it != mine.cend(); ++it)
                QCOMPARE(normal(row.value(it.key())), it.value());
        }
    }

    void anAgentPullsTheCatalog()
    {
        auto conn = m_server->connectAs(m_agent);
        QVERIFY2(conn, qPrintable(m_server->error()));
        TempStore pulledInto;
        QVERIFY2(pulledInto.ok(), qPrintable(pulledInto.error()));
        PullApplier applier(pulledInto.store()->connection());

        QHash<QString, QSet<QString>> pulledIds;
        QString cursor;
        for (int page = 0; page < 1000; ++page) {
            QString error;
            const QJsonObject answer = PgTestServer::pull(*conn, cursor, 500, &error);
            QVERIFY2(!answer.isEmpty(), qPrintable(error));
            const auto parsed = PgRemote::parsePullAnswer(QJsonDocument(answer).toJson(QJsonDocument::Compact));
            QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
            for (const PulledRow& row : parsed->rows) {
                if (kTables.contains(row.table) && !row.removed)
                    pulledIds[row.table].insert(row.id);
            }
            const auto applied = applier.apply(*parsed);
            QVERIFY2(applied.ok(), qPrintable(applied.errorMessage()));
            cursor = parsed->cursor;
            if (!parsed->more)
                break;
        }

        for (const QString& table : kTables) {
            const auto local = localRows(m_local->store(), table);
            const QSet<QString> localIds(local.keyBegin(), local.keyEnd());
            QCOMPARE(pulledIds.value(table), localIds);
            // Replaced, not added: the same rows, now carrying the server's versions.
            QCOMPARE(localRows(pulledInto.store(), table), local);
            QSqlQuery q(pulledInto.store()->connection());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM %1 WHERE row_version = 0").arg(table)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }

        SlaService service(pulledInto.store());
        QVERIFY(service.reload());
        QCOMPARE(service.book().policies().size(), localRows(m_local->store(), QStringLiteral("sla_policy")).size());
    }

    void agentsCannotWriteTheCatalog()
    {
        auto conn = m_server->connectAs(m_agent);
        QVERIFY2(conn, qPrintable(m_server->error()));
        const auto written = conn->exec(QStringLiteral("UPDATE td.sla_policy SET resolution_minutes = 1"));
        QVERIFY(!written.ok());
    }

    void initIsIdempotent()
    {
        const QVariant before = m_server->scalar(QStringLiteral("SELECT max(row_version) FROM td.sla_calendar_day"));
        // Running the migration text a second time (as init does on a partly set-up database) changes no row.
        QFile file(QStringLiteral(":/telcodesk/sql/postgres/0007_sla_calendar.sql"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Status rerun = m_server->admin().execScript(file.readAll());
        QVERIFY2(rerun.ok(), qPrintable(rerun.errorMessage()));
        QCOMPARE(m_server->scalar(QStringLiteral("SELECT max(row_version) FROM td.sla_calendar_day")), before);
        QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.sla_policy")).toInt(), 22);
    }

private:
    std::unique_ptr<PgTestServer> m_server;
    std::unique_ptr<TempStore> m_local;
    QString m_agent;
};

QTEST_GUILESS_MAIN(TestSlaCatalog)
#include "tst_slacatalog.moc"
