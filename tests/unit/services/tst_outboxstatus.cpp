#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "services/OutboxStatus.h"
#include "store/ChangeWriter.h"

#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestOutboxStatus : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void emptyOutboxCountsNothing();
    void countsFollowTheStateColumn();
    void countsReadTheIndexOnly();
    void unreadableOutboxIsAnError();

private:
    void writeNotes(int n);
    void setState(int seqUpTo, const QString& state);

    std::unique_ptr<TempStore> m_temp;
    QString m_customer;
    FakeClock m_clock;
};

void TestOutboxStatus::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY(m_temp->ok());
    m_customer = Fixtures(m_temp->store()).addCustomer({QStringLiteral("周敏"), QStringLiteral("13611112222"), {}, {}});
}

void TestOutboxStatus::cleanup()
{
    m_temp.reset();
}

void TestOutboxStatus::writeNotes(int n)
{
    ChangeWriter writer(m_temp->store(), m_clock);
    for (int i = 0; i < n; ++i) {
        Change change;
        change.table = QStringLiteral("customer_note");
        change.id = UuidV7::create();
        change.fields = {{QStringLiteral("customer_id"), m_customer},
                         {QStringLiteral("created_at"), m_clock.nowMs()},
                         {QStringLiteral("body"), QStringLiteral("备注 %1").arg(i)}};
        const Status written = writer.apply(change);
        QVERIFY2(written, qPrintable(written.errorMessage()));
    }
}

/// What the sync engine does once the server has answered.
void TestOutboxStatus::setState(int seqUpTo, const QString& state)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("UPDATE outbox SET state = ? WHERE seq <= ? AND state = 'pending'"));
    q.addBindValue(state);
    q.addBindValue(seqUpTo);
    QVERIFY(q.exec());
}

void TestOutboxStatus::emptyOutboxCountsNothing()
{
    const OutboxStatus status(m_temp->store());
    QCOMPARE(status.pendingCount().value(), 0);
    QCOMPARE(status.rejectedCount().value(), 0);
}

void TestOutboxStatus::countsFollowTheStateColumn()
{
    const OutboxStatus status(m_temp->store());
    writeNotes(5);
    QCOMPARE(status.pendingCount().value(), 5);
    QCOMPARE(status.rejectedCount().value(), 0);
    setState(2, QStringLiteral("applied"));
    QCOMPARE(status.pendingCount().value(), 3);
    setState(3, QStringLiteral("rejected"));
    QCOMPARE(status.pendingCount().value(), 2);
    QCOMPARE(status.rejectedCount().value(), 1);
    writeNotes(1);
    QCOMPARE(status.pendingCount().value(), 3);
    QCOMPARE(status.rejectedCount().value(), 1);
}

void TestOutboxStatus::countsReadTheIndexOnly()
{
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + OutboxStatus::countStatement()));
    q.addBindValue(QStringLiteral("pending"));
    QVERIFY(q.exec());
    QStringList plan;
    while (q.next())
        plan << q.value(3).toString();
    QVERIFY2(plan.join(QLatin1Char('\n')).contains(QStringLiteral("COVERING INDEX outbox_pending (state=?)")),
             qPrintable(plan.join(QLatin1Char('\n'))));
}

void TestOutboxStatus::unreadableOutboxIsAnError()
{
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("DROP TABLE outbox")));
    const OutboxStatus status(m_temp->store());
    const Result<int> pending = status.pendingCount();
    QVERIFY(!pending);
    QVERIFY2(pending.errorMessage().contains(QStringLiteral("waiting to sync")), qPrintable(pending.errorMessage()));
    QVERIFY(!status.rejectedCount());
}

QTEST_GUILESS_MAIN(TestOutboxStatus)
#include "tst_outboxstatus.moc"
