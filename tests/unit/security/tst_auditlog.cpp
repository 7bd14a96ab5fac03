#include "security/AuditLog.h"

#include "FakeClock.h"
#include "TempStore.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace telcodesk;
using telcodesk::test::FakeClock;
using telcodesk::test::TempStore;

class TestAuditLog : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void emptyLogIsIntact();
    void chainOfRowsVerifies();
    void hashFollowsTheDocumentedFormat();
    void emptyOptionalFieldsAreNull();
    void invalidInputIsRefused_data();
    void invalidInputIsRefused();
    void triggersRefuseUpdateAndDelete();
    void alteredRowIsNamed_data();
    void alteredRowIsNamed();
    void rehashedRowBreaksTheNextLink();
    void removedMiddleRowIsFound();
    void removedLastRowIsFound();
    void joinsCallersTransaction();
    void concurrentWritersKeepTheChain();

private:
    void appendRows(int count);
    void exec(const QString& sql);
    qint64 rowCount();

    std::unique_ptr<TempStore> m_temp;
    std::unique_ptr<FakeClock> m_clock;
    std::unique_ptr<AuditLog> m_log;
};

void TestAuditLog::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    m_clock = std::make_unique<FakeClock>();
    m_log = std::make_unique<AuditLog>(m_temp->store(), *m_clock);
}

void TestAuditLog::cleanup()
{
    m_log.reset();
    m_temp.reset();
    m_clock.reset();
}

void TestAuditLog::appendRows(int count)
{
    for (int i = 1; i <= count; ++i) {
        m_clock->advanceSecs(1);
        const Status st = m_log->append(QStringLiteral("agent%1").arg(i % 3), QStringLiteral("reveal_msisdn"),
                                        QStringLiteral("customer"), QStringLiteral("c-%1").arg(i),
                                        QStringLiteral("138****%1").arg(1000 + i, 4, 10, QLatin1Char('0')),
                                        QStringLiteral("revealed"));
        QVERIFY2(st.ok(), qPrintable(st.errorMessage()));
    }
}

void TestAuditLog::exec(const QString& sql)
{
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY2(q.exec(sql), qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
}

qint64 TestAuditLog::rowCount()
{
    QSqlQuery q(m_temp->store()->connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM audit_log")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

void TestAuditLog::emptyLogIsIntact()
{
    const AuditLog::Verification v = m_log->verify();
    QVERIFY(v.intact);
    QCOMPARE(v.rows, 0);
    QCOMPARE(v.firstBadSeq, 0);
    QVERIFY(m_log->recent(10).isEmpty());
}

void TestAuditLog::chainOfRowsVerifies()
{
    appendRows(50);
    const AuditLog::Verification v = m_log->verify();
    QVERIFY2(v.intact, qPrintable(v.message));
    QCOMPARE(v.rows, 50);
    QCOMPARE(v.firstBadSeq, 0);
    QVERIFY(v.message.isEmpty());

    const QVector<AuditEntry> all = m_log->recent(1000);
    QCOMPARE(all.size(), 50);
    QCOMPARE(all.last().seq, 1);
    QCOMPARE(all.last().prevHash, QString(64, QLatin1Char('0')));
    QCOMPARE(all.last().prevHash, AuditLog::genesisHash());
    for (int i = 0; i + 1 < all.size(); ++i) {
        QCOMPARE(all.at(i).seq, all.at(i + 1).seq + 1); // newest first
        QCOMPARE(all.at(i).prevHash, all.at(i + 1).hash);
        QCOMPARE(all.at(i).hash.size(), 64);
    }
    QCOMPARE(all.first().entityId, QStringLiteral("c-50"));
    QCOMPARE(all.first().atMs, m_clock->nowMs());

    const QVector<AuditEntry> few = m_log->recent(3);
    QCOMPARE(few.size(), 3);
    QCOMPARE(few.first().seq, 50);
    QVERIFY(m_log->recent(0).isEmpty());
    QVERIFY(m_log->recent(-5).isEmpty());
}

void TestAuditLog::hashFollowsTheDocumentedFormat()
{
    // Recomputed here from the format described in AuditLog.h, byte by byte, as an outside auditor
    // would: a change of the format must show up as a failure here.
    QVERIFY(m_log->append(QStringLiteral("wang.li"), QStringLiteral("reveal_id_number"), QStringLiteral("customer"),
                          QStringLiteral("c-1"), QStringLiteral("1101**********1234"), QStringLiteral("revealed"))
                .ok());
    QVERIFY(m_log->append(QString::fromUtf8("张伟"), QStringLiteral("note"), QStringLiteral("customer"), QString(),
                          QString(), QString())
                .ok());
    const QVector<AuditEntry> rows = m_log->recent(2);
    QCOMPARE(rows.size(), 2);

    const auto netstring = [](const QByteArray& utf8) -> QByteArray {
        return QByteArray::number(utf8.size()) + ':' + utf8 + ',';
    };
    const AuditEntry& first = rows.at(1);
    QByteArray text = QByteArray(64, '0') + '\n' + "telcodesk.audit.v1\n" + netstring(first.id.toUtf8())
                    + netstring(QByteArray::number(m_clock->nowMs())) + netstring("wang.li")
                    + netstring("reveal_id_number") + netstring("customer") + netstring("c-1")
                    + netstring("1101**********1234") + netstring("revealed");
    QCOMPARE(first.hash, QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex()));

    const AuditEntry& second = rows.at(0);
    text = first.hash.toLatin1() + '\n' + "telcodesk.audit.v1\n" + netstring(second.id.toUtf8())
         + netstring(QByteArray::number(m_clock->nowMs())) + netstring("\xE5\xBC\xA0\xE4\xBC\x9F")
         + netstring("note") + netstring("customer") + "~,~,~,";
    QCOMPARE(second.hash, QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex()));
}

void TestAuditLog::emptyOptionalFieldsAreNull()
{
    QVERIFY(m_log->append(QStringLiteral("a"), QStringLiteral("login"), QStringLiteral("agent"), QStringLiteral(""),
                          QString(), QStringLiteral(""))
                .ok());
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT entity_id IS NULL, before_masked IS NULL, after_masked IS NULL "
                                  "FROM audit_log")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toBool() && q.value(1).toBool() && q.value(2).toBool());
    q.finish();
    QVERIFY(m_log->verify().intact);

    // NULL and '' hash differently: turning one into the other is a change the chain must show.
    exec(QStringLiteral("DROP TRIGGER audit_log_no_update"));
    exec(QStringLiteral("UPDATE audit_log SET entity_id = '' WHERE seq = 1"));
    QCOMPARE(m_log->verify().firstBadSeq, 1);
}

void TestAuditLog::invalidInputIsRefused_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("before");

    const QString ok = QStringLiteral("x");
    QTest::newRow("no actor") << QString() << ok << ok;
    QTest::newRow("no action") << ok << QString() << ok;
    QTest::newRow("lone surrogate") << ok << ok << (QStringLiteral("138****") + QChar(0xDC00));
    QTest::newRow("too long") << ok << ok << QString(AuditLog::kMaxFieldChars + 1, QLatin1Char('*'));
}

void TestAuditLog::invalidInputIsRefused()
{
    QFETCH(QString, actor);
    QFETCH(QString, action);
    QFETCH(QString, before);
    const Status st = m_log->append(actor, action, QStringLiteral("customer"), QStringLiteral("c"), before, QString());
    QVERIFY(!st.ok());
    QCOMPARE(st.error().code, QStringLiteral("invalid"));
    QVERIFY(!st.errorMessage().isEmpty());
    QCOMPARE(rowCount(), 0);
}

void TestAuditLog::triggersRefuseUpdateAndDelete()
{
    appendRows(3);
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET before_masked = 'x' WHERE seq = 2")));
    QVERIFY2(q.lastError().text().contains(QLatin1String("append-only")), qPrintable(q.lastError().text()));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log WHERE seq = 3")));
    QVERIFY2(q.lastError().text().contains(QLatin1String("append-only")), qPrintable(q.lastError().text()));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
    QCOMPARE(rowCount(), 3);
    QVERIFY(m_log->verify().intact);
}

void TestAuditLog::alteredRowIsNamed_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::newRow("before value") << QStringLiteral("before_masked = '13812345678'");
    QTest::newRow("actor") << QStringLiteral("actor = 'someone_else'");
    QTest::newRow("time") << QStringLiteral("at = at + 1");
    QTest::newRow("entity id to NULL") << QStringLiteral("entity_id = NULL");
    QTest::newRow("hash") << QStringLiteral("hash = lower(hex(randomblob(32)))");
    QTest::newRow("prev hash") << QStringLiteral("prev_hash = (SELECT hash FROM audit_log WHERE seq = 1)");
}

void TestAuditLog::alteredRowIsNamed()
{
    QFETCH(QString, assignment);
    appendRows(6);
    // The triggers forbid this; an attacker with the file can drop them, which is what is simulated.
    exec(QStringLiteral("DROP TRIGGER audit_log_no_update"));
    exec(QStringLiteral("UPDATE audit_log SET ") + assignment + QStringLiteral(" WHERE seq = 3"));

    const AuditLog::Verification v = m_log->verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, 3);
    QCOMPARE(v.rows, 6);
    QVERIFY2(v.message.contains(QLatin1String("3")), qPrintable(v.message));
}

void TestAuditLog::rehashedRowBreaksTheNextLink()
{
    appendRows(6);
    AuditEntry third = m_log->recent(6).at(3);
    QCOMPARE(third.seq, 3);
    third.beforeMasked = QStringLiteral("13812345678");
    const QString forged = AuditLog::chainHash(third.prevHash, third);

    exec(QStringLiteral("DROP TRIGGER audit_log_no_update"));
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("UPDATE audit_log SET before_masked = ?, hash = ? WHERE seq = 3"));
    q.addBindValue(third.beforeMasked);
    q.addBindValue(forged);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    const AuditLog::Verification v = m_log->verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, 4); // row 3 is consistent in itself; row 4 no longer links to it
}

void TestAuditLog::removedMiddleRowIsFound()
{
    appendRows(6);
    exec(QStringLiteral("DROP TRIGGER audit_log_no_delete"));
    exec(QStringLiteral("DELETE FROM audit_log WHERE seq = 3"));
    const AuditLog::Verification v = m_log->verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, 4);
    QCOMPARE(v.rows, 5);
}

void TestAuditLog::removedLastRowIsFound()
{
    appendRows(6);
    exec(QStringLiteral("DROP TRIGGER audit_log_no_delete"));
    exec(QStringLiteral("DELETE FROM audit_log WHERE seq >= 5"));
    const AuditLog::Verification v = m_log->verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, 5);
    QCOMPARE(v.rows, 4);
}

void TestAuditLog::joinsCallersTransaction()
{
    QSqlDatabase db = m_temp->store()->connection();
    QVERIFY(db.transaction());
    QVERIFY(m_log->append(QStringLiteral("a"), QStringLiteral("edit"), QStringLiteral("customer"),
                          QStringLiteral("c"), QStringLiteral("x"), QStringLiteral("y"))
                .ok());
    QVERIFY(db.rollback());
    QCOMPARE(rowCount(), 0);

    QVERIFY(db.transaction());
    QVERIFY(m_log->append(QStringLiteral("a"), QStringLiteral("edit"), QStringLiteral("customer"),
                          QStringLiteral("c"), QStringLiteral("x"), QStringLiteral("y"))
                .ok());
    QVERIFY(db.commit());
    QCOMPARE(rowCount(), 1);
    QVERIFY(m_log->verify().intact);
}

void TestAuditLog::concurrentWritersKeepTheChain()
{
    constexpr int kPerThread = 150;
    LocalStorePtr store = m_temp->store();
    std::atomic<int> ready{0};
    std::atomic<int> failures{0};

    const auto writer = [&](const QString& actor) {
        {
            AuditLog log(store, Clock::system());
            ++ready;
            while (ready.load() < 2)
                QThread::yieldCurrentThread();
            for (int i = 0; i < kPerThread; ++i) {
                if (!log.append(actor, QStringLiteral("reveal_msisdn"), QStringLiteral("customer"),
                                QString::number(i), QStringLiteral("138****5678"), QStringLiteral("revealed")))
                    ++failures;
                // SQLite's busy handler is not fair: a writer that comes straight back takes the lock
                // again and again. A pause, as between two real reveals, lets the other one in.
                QThread::usleep(500);
            }
        }
        store->releaseThreadConnection();
    };
    std::unique_ptr<QThread> a(QThread::create(writer, QStringLiteral("thread_a")));
    std::unique_ptr<QThread> b(QThread::create(writer, QStringLiteral("thread_b")));
    a->start();
    b->start();
    QVERIFY(a->wait(120000));
    QVERIFY(b->wait(120000));

    QCOMPARE(failures.load(), 0);
    const AuditLog::Verification v = m_log->verify();
    QVERIFY2(v.intact, qPrintable(v.message));
    QCOMPARE(v.rows, 2 * kPerThread);

    // Both writers really ran side by side: their rows interleave.
    QSqlQuery q(store->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq + 1 "
                                  "WHERE a.actor <> b.actor")));
    QVERIFY(q.next());
    qDebug() << "writer switches:" << q.value(0).toInt();
    QVERIFY2(q.value(0).toInt() > 1, "the two writers did not interleave");
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
