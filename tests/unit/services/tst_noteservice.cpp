#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "services/NoteService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestNoteService : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void addsOneNoteAndOneOutboxRow();
    void bodyIsStoredAsTypedNotAsSql();
    void longestBodyAccepted();
    void refusesBadInput_data();
    void refusesBadInput();

private:
    int count(const QString& table) const { return Fixtures(m_temp->store()).count(table); }

    std::unique_ptr<TempStore> m_temp;
    QString m_customer;
    Session m_session;
    FakeClock m_clock;
};

void TestNoteService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY(m_temp->ok());
    Fixtures f(m_temp->store());
    m_customer = f.addCustomer({QStringLiteral("刘洋"), QStringLiteral("13511112222"), {}, {}});
    m_session.agentId = f.addAgent(QStringLiteral("agent01"), QStringLiteral("agent"));
    m_session.login = QStringLiteral("agent01");
    m_session.displayName = QStringLiteral("李娜");
    m_session.role = Role::Agent;
}

void TestNoteService::cleanup()
{
    m_temp.reset();
}

void TestNoteService::addsOneNoteAndOneOutboxRow()
{
    const auto note = NoteService(m_temp->store(), m_session, m_clock)
                          .add(m_customer, QStringLiteral("  客户要求下月起改用电子账单\n已告知生效时间  "));
    QVERIFY2(note, qPrintable(note.errorMessage()));
    QCOMPARE(note->body, QStringLiteral("客户要求下月起改用电子账单\n已告知生效时间"));
    QCOMPARE(note->customerId, m_customer);
    QCOMPARE(note->authorId, m_session.agentId);
    QCOMPARE(note->authorName, QStringLiteral("李娜"));
    QCOMPARE(note->createdAt, m_clock.nowUtc());

    QCOMPARE(count(QStringLiteral("customer_note")), 1);
    QCOMPARE(count(QStringLiteral("outbox")), 1);
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT customer_id, author_id, created_at, body FROM customer_note WHERE id = ?"));
    q.addBindValue(note->id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), m_customer);
    QCOMPARE(q.value(1).toString(), m_session.agentId);
    QCOMPARE(q.value(2).toLongLong(), m_clock.nowMs());
    QCOMPARE(q.value(3).toString(), note->body);

    q.prepare(QStringLiteral("SELECT entity, op, state, payload FROM outbox WHERE entity_id = ?"));
    q.addBindValue(note->id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("customer_note"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("insert"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("pending"));
    const QJsonObject set = QJsonDocument::fromJson(q.value(3).toByteArray()).object().value(QStringLiteral("set")).toObject();
    QCOMPARE(set.value(QStringLiteral("body")).toString(), note->body);
    QCOMPARE(set.value(QStringLiteral("author_id")).toString(), m_session.agentId);
}

void TestNoteService::bodyIsStoredAsTypedNotAsSql()
{
    const QString hostile = QStringLiteral("'); DELETE FROM customer_note; -- \"100%\" _x_");
    const auto note = NoteService(m_temp->store(), m_session, m_clock).add(m_customer, hostile);
    QVERIFY2(note, qPrintable(note.errorMessage()));
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT body FROM customer_note WHERE id = ?"));
    q.addBindValue(note->id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), hostile);
    QCOMPARE(count(QStringLiteral("customer_note")), 1);
}

void TestNoteService::longestBodyAccepted()
{
    const QString body(NoteService::kMaxBodyChars, QChar(0x8BB0)); // 记
    const auto note = NoteService(m_temp->store(), m_session, m_clock).add(m_customer, body);
    QVERIFY2(note, qPrintable(note.errorMessage()));
    QCOMPARE(note->body.size(), NoteService::kMaxBodyChars);
}

void TestNoteService::refusesBadInput_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<bool>("unknownCustomer");
    QTest::addColumn<QString>("field");
    QTest::newRow("empty") << QString() << false << "Note:";
    QTest::newRow("only white space") << QStringLiteral(" \n\t ") << false << "Note:";
    QTest::newRow("one character too long") << QString(NoteService::kMaxBodyChars + 1, QLatin1Char('x')) << false
                                            << "Note:";
    QTest::newRow("too long after trimming counts what is kept")
        << (QStringLiteral("  ") + QString(NoteService::kMaxBodyChars + 1, QLatin1Char('y'))) << false << "Note:";
    QTest::newRow("lone surrogate") << (QStringLiteral("坏") + QChar(0xD800) + QStringLiteral("字")) << false << "Note:";
    QTest::newRow("NUL character") << (QStringLiteral("回") + QChar(0) + QStringLiteral("访")) << false << "Note:";
    QTest::newRow("unknown customer") << QStringLiteral("回访") << true << "Customer:";
}

void TestNoteService::refusesBadInput()
{
    QFETCH(QString, body);
    QFETCH(bool, unknownCustomer);
    QFETCH(QString, field);
    const QString customer = unknownCustomer ? QStringLiteral("0190a3b4-1234-7abc-8def-0123456789ab") : m_customer;
    const auto note = NoteService(m_temp->store(), m_session, m_clock).add(customer, body);
    QVERIFY(!note);
    QVERIFY2(note.errorMessage().startsWith(field), qPrintable(note.errorMessage()));
    QCOMPARE(count(QStringLiteral("customer_note")), 0);
    QCOMPARE(count(QStringLiteral("outbox")), 0);
}

QTEST_GUILESS_MAIN(TestNoteService)
#include "tst_noteservice.moc"
