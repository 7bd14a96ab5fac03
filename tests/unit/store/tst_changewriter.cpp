#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "store/ChangeWriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestChangeWriter : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void insertWritesEntityAndOutbox();
    void updateRecordsBaseVersion();
    void deleteIsATombstone();
    void batchIsAllOrNothing();
    void refusesBadChanges_data();
    void refusesBadChanges();
    void mutationNumbersIncrease();

private:
    Change interaction(const QString& summary) const;
    std::unique_ptr<TempStore> m_temp;
    QString m_customer;
    FakeClock m_clock;
};

void TestChangeWriter::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY(m_temp->ok());
    Fixtures f(m_temp->store());
    m_customer = f.addCustomer({QStringLiteral("李娜"), QStringLiteral("13912345678"), {}, {}});
    QVERIFY(!m_customer.isEmpty());
}

void TestChangeWriter::cleanup()
{
    m_temp.reset();
}

Change TestChangeWriter::interaction(const QString& summary) const
{
    Change c;
    c.op = Change::Op::Insert;
    c.table = QStringLiteral("interaction");
    c.id = UuidV7::create();
    c.fields = {{QStringLiteral("customer_id"), m_customer}, {QStringLiteral("channel"), QStringLiteral("hotline")},
                {QStringLiteral("kind"), QStringLiteral("inquiry")}, {QStringLiteral("occurred_at"), m_clock.nowMs()},
                {QStringLiteral("summary"), summary}};
    return c;
}

void TestChangeWriter::insertWritesEntityAndOutbox()
{
    ChangeWriter writer(m_temp->store(), m_clock);
    const Change c = interaction(QStringLiteral("咨询5G套餐"));
    QVERIFY2(writer.apply(c), "insert must succeed");
    Fixtures f(m_temp->store());
    QCOMPARE(f.count(QStringLiteral("interaction")), 1);
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT entity, entity_id, op, payload, base_version, state, schema_version, created_at FROM outbox")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("interaction"));
    QCOMPARE(q.value(1).toString(), c.id);
    QCOMPARE(q.value(2).toString(), QStringLiteral("insert"));
    const QJsonObject payload = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
    QCOMPARE(payload.value("set").toObject().value("summary").toString(), QStringLiteral("咨询5G套餐"));
    QVERIFY(!payload.contains("base"));
    QCOMPARE(q.value(4).toLongLong(), 0);
    QCOMPARE(q.value(5).toString(), QStringLiteral("pending"));
    QCOMPARE(q.value(6).toInt(), LocalStore::latestSchemaVersion());
    QCOMPARE(q.value(7).toLongLong(), m_clock.nowMs());
    QVERIFY(!q.next());
}

void TestChangeWriter::updateRecordsBaseVersion()
{
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE customer SET row_version = 41 WHERE id = '%1'").arg(m_customer)));
    ChangeWriter writer(m_temp->store(), m_clock);
    Change c{Change::Op::Update, QStringLiteral("customer"), m_customer, {{QStringLiteral("segment"), QStringLiteral("youth")}}};
    QVERIFY(writer.apply(c));
    QVERIFY(q.exec(QStringLiteral("SELECT segment, row_version FROM customer")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("youth"));
    QCOMPARE(q.value(1).toLongLong(), 41); // the server assigns versions; a local write does not
    QVERIFY(q.exec(QStringLiteral("SELECT op, base_version, payload FROM outbox")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("update"));
    QCOMPARE(q.value(1).toLongLong(), 41);
    const QJsonObject payload = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    QCOMPARE(payload.value("set").toObject().value("segment").toString(), QStringLiteral("youth"));
    QVERIFY(payload.value("base").toObject().contains("segment"));
    QVERIFY(payload.value("base").toObject().value("segment").isNull()); // it was empty before
}

void TestChangeWriter::deleteIsATombstone()
{
    ChangeWriter writer(m_temp->store(), m_clock);
    const Change c = interaction(QStringLiteral("x"));
    QVERIFY(writer.apply(c));
    QVERIFY(writer.apply(Change{Change::Op::Delete, QStringLiteral("interaction"), c.id, {}}));
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT deleted_at FROM interaction")) && q.next());
    QCOMPARE(q.value(0).toLongLong(), m_clock.nowMs());
    // Deleting again: the record no longer exists, and nothing is queued.
    const Status again = writer.apply(Change{Change::Op::Delete, QStringLiteral("interaction"), c.id, {}});
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("not_found"));
    QCOMPARE(Fixtures(m_temp->store()).count(QStringLiteral("outbox")), 2);
}

void TestChangeWriter::batchIsAllOrNothing()
{
    ChangeWriter writer(m_temp->store(), m_clock);
    Change good = interaction(QStringLiteral("first"));
    Change bad = interaction(QStringLiteral("second"));
    bad.fields.insert(QStringLiteral("channel"), QStringLiteral("pigeon")); // violates the CHECK constraint
    const Status status = writer.apply(QVector<Change>{good, bad});
    QVERIFY(!status);
    QVERIFY(status.errorMessage().contains(QLatin1String("interaction")));
    Fixtures f(m_temp->store());
    QCOMPARE(f.count(QStringLiteral("interaction")), 0);
    QCOMPARE(f.count(QStringLiteral("outbox")), 0);
}

void TestChangeWriter::refusesBadChanges_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("mention");
    const QString id = UuidV7::create();
    QTest::newRow("server-owned table") << "bill" << id << "amount_fen" << QVariant(1) << "bill";
    QTest::newRow("unknown table") << "customer; DROP TABLE customer" << id << "name" << QVariant(1) << "cannot be changed";
    QTest::newRow("unknown column") << "interaction" << id << "nickname" << QVariant(1) << "nickname";
    QTest::newRow("injected column") << "interaction" << id << "summary = 'x' --" << QVariant(1) << "does not exist";
    QTest::newRow("server column") << "interaction" << id << "row_version" << QVariant(9) << "server";
    QTest::newRow("bad id") << "interaction" << "1 OR 1=1" << "summary" << QVariant(QStringLiteral("x")) << "not a valid record id";
    QTest::newRow("oversized") << "interaction" << id << "summary"
                               << QVariant(QString(ChangeWriter::kMaxFieldChars + 1, QLatin1Char('a'))) << "too long";
    QString broken = QStringLiteral("ok");
    broken.append(QChar(0xD800)); // a lone surrogate: not valid text
    QTest::newRow("invalid UTF-16") << "interaction" << id << "summary" << QVariant(broken) << "invalid characters";
    QTest::newRow("NUL character") << "interaction" << id << "summary"
                                   << QVariant(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << "invalid characters";
}

void TestChangeWriter::refusesBadChanges()
{
    QFETCH(QString, table);
    QFETCH(QString, id);
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    QFETCH(QString, mention);
    Change c = interaction(QStringLiteral("base"));
    c.table = table;
    c.id = id;
    c.fields.insert(field, value);
    const Status status = ChangeWriter(m_temp->store(), m_clock).apply(c);
    QVERIFY(!status);
    QVERIFY2(status.errorMessage().contains(mention), qPrintable(status.errorMessage()));
    Fixtures f(m_temp->store());
    QCOMPARE(f.count(QStringLiteral("interaction")), 0);
    QCOMPARE(f.count(QStringLiteral("outbox")), 0);
    QCOMPARE(f.count(QStringLiteral("customer")), 1);
}

void TestChangeWriter::mutationNumbersIncrease()
{
    ChangeWriter writer(m_temp->store(), m_clock);
    for (int i = 0; i < 20; ++i)
        QVERIFY(writer.apply(interaction(QString::number(i))));
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT seq, payload FROM outbox ORDER BY seq")));
    qint64 last = 0;
    int i = 0;
    while (q.next()) {
        QVERIFY(q.value(0).toLongLong() > last);
        last = q.value(0).toLongLong();
        QVERIFY(q.value(1).toString().contains(QStringLiteral("\"summary\":\"%1\"").arg(i++)));
    }
    QCOMPARE(i, 20);
}

QTEST_GUILESS_MAIN(TestChangeWriter)
#include "tst_changewriter.moc"
