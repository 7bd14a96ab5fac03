#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "services/ConflictService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestConflictService : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsOpenConflictsReadably();
    void fieldsOfOneRecordStayTogether();
    void keepMineQueuesAnUpdateBasedOnTheServersValue();
    void takeTheirsQueuesNothing();
    void resolvingTwiceIsRefused();
    void unknownConflictIsNotFound();
    void wholeRecordInOneMutation();
    void mixedChoicesInOneGo();
    void integerFieldKeepsItsType();
    void goneRecordKeepsTheConflictOpen();
    void columnValues_data();
    void columnValues();

private:
    /// Inserts an open conflict as the sync engine records it; values are JSON text, base may be null.
    QString addConflict(const QString& entity, const QString& entityId, const QString& field, const QVariant& base,
                        const QString& mine, const QString& theirs, qint64 receivedAt);
    int outboxRows() const;
    QVariantList conflictRow(const QString& id) const;
    QJsonObject lastPayload() const;

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock;
    QString m_customer;
    QString m_ticket;
};

void TestConflictService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY(m_temp->ok());
    Fixtures f(m_temp->store());
    m_customer = f.addCustomer({QStringLiteral("周敏"), QStringLiteral("13611112222"), {}, {}});
    m_ticket = f.addTicket(m_customer, QStringLiteral("open"), m_clock.nowMs(), QStringLiteral("宽带断网"));
    QVERIFY(!m_customer.isEmpty() && !m_ticket.isEmpty());
}

void TestConflictService::cleanup()
{
    m_temp.reset();
}

QString TestConflictService::addConflict(const QString& entity, const QString& entityId, const QString& field,
                                         const QVariant& base, const QString& mine, const QString& theirs,
                                         qint64 receivedAt)
{
    const QString id = UuidV7::create();
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO sync_conflict(id, seq, entity, entity_id, field, base_value, mine, theirs, "
                             "received_at) VALUES(?, 7, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(entity);
    q.addBindValue(entityId);
    q.addBindValue(field);
    q.addBindValue(base);
    q.addBindValue(mine);
    q.addBindValue(theirs);
    q.addBindValue(receivedAt);
    if (!q.exec())
        return QString();
    return id;
}

int TestConflictService::outboxRows() const
{
    QSqlQuery q(m_temp->store()->connection());
    q.exec(QStringLiteral("SELECT count(*) FROM outbox"));
    q.next();
    return q.value(0).toInt();
}

QVariantList TestConflictService::conflictRow(const QString& id) const
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT status, resolution, resolved_at, server_resolved FROM sync_conflict WHERE id = ?"));
    q.addBindValue(id);
    q.exec();
    q.next();
    return {q.value(0), q.value(1), q.value(2), q.value(3)};
}

QJsonObject TestConflictService::lastPayload() const
{
    QSqlQuery q(m_temp->store()->connection());
    q.exec(QStringLiteral("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1"));
    q.next();
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

void TestConflictService::listsOpenConflictsReadably()
{
    const QString title = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("title"),
                                      QStringLiteral("\"宽带断网\""), QStringLiteral("\"宽带断网，已重启光猫\""),
                                      QStringLiteral("\"宽带故障\""), 1000);
    const QString address = addConflict(QStringLiteral("customer"), m_customer, QStringLiteral("address"), QVariant(),
                                        QStringLiteral("\"深圳市南山区科技园\""), QStringLiteral("null"), 2000);
    const QString done = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("description"),
                                     QVariant(), QStringLiteral("\"a\""), QStringLiteral("\"b\""), 500);
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("UPDATE sync_conflict SET status = 'resolved', resolution = 'theirs' WHERE id = ?"));
    q.addBindValue(done);
    QVERIFY(q.exec());

    const ConflictService service(m_temp->store(), m_clock);
    QCOMPARE(service.openCount().value(), 2);
    const auto open = service.openConflicts();
    QVERIFY2(open, qPrintable(open.errorMessage()));
    QCOMPARE(open->size(), 2);

    const SyncConflict& t = open->at(0);
    QCOMPARE(t.id, title);
    QCOMPARE(t.entity, QStringLiteral("ticket"));
    QCOMPARE(t.entityName, QStringLiteral("Ticket"));
    QCOMPARE(t.recordLabel, QStringLiteral("T%1 · 宽带断网").arg(m_ticket.right(8)));
    QCOMPARE(t.fieldName, QStringLiteral("Title"));
    QCOMPARE(t.baseText, QStringLiteral("宽带断网"));
    QCOMPARE(t.mineText, QStringLiteral("宽带断网，已重启光猫"));
    QCOMPARE(t.theirsText, QStringLiteral("宽带故障"));
    QCOMPARE(t.mine, QJsonValue(QStringLiteral("宽带断网，已重启光猫")));

    const SyncConflict& a = open->at(1);
    QCOMPARE(a.id, address);
    QCOMPARE(a.recordLabel, QStringLiteral("周敏"));
    QCOMPARE(a.fieldName, QStringLiteral("Address"));
    QVERIFY(a.base.isUndefined());
    QCOMPARE(a.baseText, QStringLiteral("(not known)"));
    QVERIFY(a.theirs.isNull());
    QCOMPARE(a.theirsText, QStringLiteral("(empty)"));
}

void TestConflictService::fieldsOfOneRecordStayTogether()
{
    const QString first = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("title"), QVariant(),
                                      QStringLiteral("\"x\""), QStringLiteral("\"y\""), 1000);
    const QString other = addConflict(QStringLiteral("customer"), m_customer, QStringLiteral("address"), QVariant(),
                                      QStringLiteral("\"x\""), QStringLiteral("\"y\""), 2000);
    const QString later = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("priority"), QStringLiteral("2"),
                                      QStringLiteral("1"), QStringLiteral("3"), 3000);
    const auto open = ConflictService(m_temp->store(), m_clock).openConflicts();
    QVERIFY(open);
    QCOMPARE(open->size(), 3);
    QCOMPARE(open->at(0).id, first);
    QCOMPARE(open->at(1).id, later);
    QCOMPARE(open->at(1).fieldName, QStringLiteral("Priority"));
    QCOMPARE(open->at(1).mineText, QStringLiteral("1")); // no labeler given: the code itself
    QCOMPARE(open->at(2).id, other);
}

void TestConflictService::keepMineQueuesAnUpdateBasedOnTheServersValue()
{
    const QString id = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("title"),
                                   QStringLiteral("\"宽带断网\""), QStringLiteral("\"光猫故障\""),
                                   QStringLiteral("\"宽带故障\""), 1000);
    const int before = outboxRows();
    ConflictService service(m_temp->store(), m_clock);
    const Status resolved = service.resolve(id, ConflictService::Choice::Mine);
    QVERIFY2(resolved, qPrintable(resolved.errorMessage()));

    QCOMPARE(outboxRows(), before + 1);
    const QJsonObject payload = lastPayload();
    QCOMPARE(payload.value(QStringLiteral("set")).toObject(), (QJsonObject{{QStringLiteral("title"), QStringLiteral("光猫故障")}}));
    // The cache still holds the old title here; the server is told its own value was the base.
    QCOMPARE(payload.value(QStringLiteral("base")).toObject(), (QJsonObject{{QStringLiteral("title"), QStringLiteral("宽带故障")}}));
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT title FROM ticket WHERE id = ?"));
    q.addBindValue(m_ticket);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("光猫故障"));
    q.finish();

    const QVariantList row = conflictRow(id);
    QCOMPARE(row.at(0).toString(), QStringLiteral("resolved"));
    QCOMPARE(row.at(1).toString(), QStringLiteral("mine"));
    QCOMPARE(row.at(2).toLongLong(), m_clock.nowMs());
    QCOMPARE(row.at(3).toInt(), 0); // the engine tells the server
    QCOMPARE(service.openCount().value(), 0);
}

void TestConflictService::takeTheirsQueuesNothing()
{
    const QString id = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("title"), QVariant(),
                                   QStringLiteral("\"光猫故障\""), QStringLiteral("\"宽带故障\""), 1000);
    const int before = outboxRows();
    ConflictService service(m_temp->store(), m_clock);
    QVERIFY(service.resolve(id, ConflictService::Choice::Theirs));
    QCOMPARE(outboxRows(), before);
    const QVariantList row = conflictRow(id);
    QCOMPARE(row.at(0).toString(), QStringLiteral("resolved"));
    QCOMPARE(row.at(1).toString(), QStringLiteral("theirs"));
    QCOMPARE(row.at(3).toInt(), 0);
    // The cache shows the server's value now: no pull would bring it when the server's row did not move.
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT title FROM ticket WHERE id = ?"));
    q.addBindValue(m_ticket);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("宽带故障"));
}

void TestConflictService::resolvingTwiceIsRefused()
{
    const QString id = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("title"), QVariant(),
                                   QStringLiteral("\"a\""), QStringLiteral("\"b\""), 1000);
    ConflictService service(m_temp->store(), m_clock);
    QVERIFY(service.resolve(id, ConflictService::Choice::Theirs));
    const int before = outboxRows();
    const Status again = service.resolve(id, ConflictService::Choice::Mine);
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("already_resolved"));
    QCOMPARE(outboxRows(), before);
    QCOMPARE(conflictRow(id).at(1).toString(), QStringLiteral("theirs"));
    const Status record = service.resolveRecord(QStringLiteral("ticket"), m_ticket, ConflictService::Choice::Mine);
    QCOMPARE(record.error().code, QStringLiteral("already_resolved"));
}

void TestConflictService::unknownConflictIsNotFound()
{
    ConflictService service(m_temp->store(), m_clock);
    const Status s = service.resolve(UuidV7::create(), ConflictService::Choice::Theirs);
    QCOMPARE(s.error().code, QStringLiteral("not_found"));
}

void TestConflictService::wholeRecordInOneMutation()
{
    const QString title = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("title"), QVariant(),
                                      QStringLiteral("\"光猫故障\""), QStringLiteral("\"宽带故障\""), 1000);
    const QString description = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("description"),
                                            QVariant(), QStringLiteral("\"已上门\""), QStringLiteral("\"待上门\""), 1000);
    const QString customer = addConflict(QStringLiteral("customer"), m_customer, QStringLiteral("address"), QVariant(),
                                         QStringLiteral("\"x\""), QStringLiteral("\"y\""), 1000);
    const int before = outboxRows();
    ConflictService service(m_temp->store(), m_clock);
    QVERIFY(service.resolveRecord(QStringLiteral("ticket"), m_ticket, ConflictService::Choice::Mine));
    QCOMPARE(outboxRows(), before + 1);
    const QJsonObject set = lastPayload().value(QStringLiteral("set")).toObject();
    QCOMPARE(set, (QJsonObject{{QStringLiteral("title"), QStringLiteral("光猫故障")},
                               {QStringLiteral("description"), QStringLiteral("已上门")}}));
    QCOMPARE(conflictRow(title).at(0).toString(), QStringLiteral("resolved"));
    QCOMPARE(conflictRow(description).at(0).toString(), QStringLiteral("resolved"));
    QCOMPARE(conflictRow(customer).at(0).toString(), QStringLiteral("open"));
    QCOMPARE(service.openCount().value(), 1);
}

void TestConflictService::mixedChoicesInOneGo()
{
    const QString title = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("title"), QVariant(),
                                      QStringLiteral("\"光猫故障\""), QStringLiteral("\"宽带故障\""), 1000);
    const QString description = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("description"),
                                            QVariant(), QStringLiteral("\"已上门\""), QStringLiteral("\"待上门\""), 1000);
    const QString priority = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("priority"), QVariant(),
                                         QStringLiteral("1"), QStringLiteral("3"), 1000);
    const QString address = addConflict(QStringLiteral("customer"), m_customer, QStringLiteral("address"), QVariant(),
                                        QStringLiteral("\"南山区\""), QStringLiteral("\"福田区\""), 1000);
    const int before = outboxRows();
    ConflictService service(m_temp->store(), m_clock);
    const Status s = service.resolveAll({{title, ConflictService::Choice::Mine},
                                         {description, ConflictService::Choice::Theirs},
                                         {priority, ConflictService::Choice::Mine},
                                         {address, ConflictService::Choice::Mine}});
    QVERIFY2(s, qPrintable(s.errorMessage()));
    // One mutation per record: the ticket's two kept fields together, the customer's address alone.
    QCOMPARE(outboxRows(), before + 2);
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT payload FROM outbox WHERE entity = 'ticket' AND entity_id = ?"));
    q.addBindValue(m_ticket);
    QVERIFY(q.exec() && q.next());
    const QJsonObject set = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object().value(QStringLiteral("set")).toObject();
    QCOMPARE(set, (QJsonObject{{QStringLiteral("title"), QStringLiteral("光猫故障")}, {QStringLiteral("priority"), 1}}));
    q.finish();
    QCOMPARE(conflictRow(description).at(1).toString(), QStringLiteral("theirs"));
    QCOMPARE(conflictRow(address).at(1).toString(), QStringLiteral("mine"));
    QCOMPARE(service.openCount().value(), 0);

    // A batch naming a conflict no longer open writes nothing at all.
    const QString fresh = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("title"), QVariant(),
                                      QStringLiteral("\"a\""), QStringLiteral("\"b\""), 2000);
    const int after = outboxRows();
    const Status stale = service.resolveAll({{fresh, ConflictService::Choice::Mine}, {title, ConflictService::Choice::Mine}});
    QCOMPARE(stale.error().code, QStringLiteral("already_resolved"));
    QCOMPARE(outboxRows(), after);
    QCOMPARE(conflictRow(fresh).at(0).toString(), QStringLiteral("open"));
}

void TestConflictService::integerFieldKeepsItsType()
{
    const QString id = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("priority"), QStringLiteral("2"),
                                   QStringLiteral("1"), QStringLiteral("3"), 1000);
    QVERIFY(ConflictService(m_temp->store(), m_clock).resolve(id, ConflictService::Choice::Mine));
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT priority, typeof(priority) FROM ticket WHERE id = ?"));
    q.addBindValue(m_ticket);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QCOMPARE(q.value(1).toString(), QStringLiteral("integer"));
    const QJsonObject payload = lastPayload();
    QCOMPARE(payload.value(QStringLiteral("set")).toObject().value(QStringLiteral("priority")), QJsonValue(1));
    QCOMPARE(payload.value(QStringLiteral("base")).toObject().value(QStringLiteral("priority")), QJsonValue(3));
}

void TestConflictService::goneRecordKeepsTheConflictOpen()
{
    const QString id = addConflict(QStringLiteral("ticket"), UuidV7::create(), QStringLiteral("title"), QVariant(),
                                   QStringLiteral("\"a\""), QStringLiteral("\"b\""), 1000);
    const int before = outboxRows();
    ConflictService service(m_temp->store(), m_clock);
    const Status s = service.resolve(id, ConflictService::Choice::Mine);
    QVERIFY(!s);
    QCOMPARE(s.error().code, QStringLiteral("not_found"));
    QCOMPARE(outboxRows(), before);
    QCOMPARE(conflictRow(id).at(0).toString(), QStringLiteral("open"));
    // The server's value needs no local record.
    QVERIFY(service.resolve(id, ConflictService::Choice::Theirs));
}

void TestConflictService::columnValues_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QVariant>("expected");
    QTest::addColumn<bool>("ok");
    QTest::newRow("text") << "TEXT" << "\"宽带\"" << QVariant(QStringLiteral("宽带")) << true;
    QTest::newRow("date") << "TEXT" << "\"2026-12-31\"" << QVariant(QStringLiteral("2026-12-31")) << true;
    QTest::newRow("number into text") << "TEXT" << "42" << QVariant(QStringLiteral("42")) << true;
    QTest::newRow("null") << "TEXT" << "null" << QVariant() << true;
    QTest::newRow("integer") << "INTEGER" << "1767225600000" << QVariant(qint64(1767225600000)) << true;
    QTest::newRow("integer as text") << "INTEGER" << "\"3\"" << QVariant(qint64(3)) << true;
    QTest::newRow("bool into integer") << "INTEGER" << "true" << QVariant(qint64(1)) << true;
    QTest::newRow("fraction into integer") << "INTEGER" << "1.5" << QVariant() << false;
    QTest::newRow("words into integer") << "INTEGER" << "\"three\"" << QVariant() << false;
    QTest::newRow("real") << "REAL" << "0.75" << QVariant(0.75) << true;
}

void TestConflictService::columnValues()
{
    QFETCH(QString, type);
    QFETCH(QString, json);
    QFETCH(QVariant, expected);
    QFETCH(bool, ok);
    const QJsonValue value = QJsonDocument::fromJson(QByteArray("[" + json.toUtf8() + "]")).array().at(0);
    const Result<QVariant> converted = ConflictService::toColumnValue(QStringLiteral("f"), type, value);
    QCOMPARE(converted.ok(), ok);
    if (!ok) {
        QCOMPARE(converted.error().code, QStringLiteral("invalid"));
        return;
    }
    QCOMPARE(converted->isNull(), expected.isNull());
    if (!expected.isNull()) {
        QCOMPARE(converted->typeId(), expected.typeId());
        QCOMPARE(converted.value(), expected);
    }
}

QTEST_GUILESS_MAIN(TestConflictService)
#include "tst_conflictservice.moc"
