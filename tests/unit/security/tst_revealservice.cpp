#include "security/RevealService.h"

#include "FakeClock.h"
#include "TempStore.h"
#include "security/AuditLog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <memory>

using namespace telcodesk;
using telcodesk::test::FakeClock;
using telcodesk::test::TempStore;

Q_DECLARE_METATYPE(telcodesk::Role)

namespace {

const QString kCustomer = QStringLiteral("0190a3b4-1234-7abc-8def-0123456789ab");
const QString kNoValues = QStringLiteral("0190a3b4-1234-7abc-8def-0123456789ac");
const QString kDeleted = QStringLiteral("0190a3b4-1234-7abc-8def-0123456789ad");
const QString kMsisdn = QStringLiteral("+8613812345678");
const QString kIdNumber = QStringLiteral("110101199003071234");

} // namespace

class TestRevealService : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void revealByRole_data();
    void revealByRole();
    void noClearValueInTheAuditLog();
    void unknownCustomer_data();
    void unknownCustomer();
    void missingValueIsNotAudited();
    void failedAuditWithholdsTheValue();
    void sessionWithoutLoginIsRefused();

private:
    void insertCustomer(const QString& id, const QVariant& msisdn, const QVariant& idNumber, const QVariant& deletedAt);
    RevealService service(Role role);
    qint64 auditRows();

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock;
};

void TestRevealService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    insertCustomer(kCustomer, kMsisdn, kIdNumber, QVariant());
    insertCustomer(kNoValues, QVariant(), QVariant(), QVariant());
    insertCustomer(kDeleted, kMsisdn, kIdNumber, m_clock.nowMs());
}

void TestRevealService::cleanup()
{
    m_temp.reset();
}

void TestRevealService::insertCustomer(const QString& id, const QVariant& msisdn, const QVariant& idNumber,
                                       const QVariant& deletedAt)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO customer(id, account_no, name, name_norm, type, id_type, id_number, "
                             "primary_msisdn, deleted_at) VALUES(?, ?, ?, ?, 'individual', 'resident_id', ?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(QString(QStringLiteral("A-") + id.right(4)));
    q.addBindValue(QString::fromUtf8("张伟"));
    q.addBindValue(QString::fromUtf8("张伟"));
    q.addBindValue(idNumber);
    q.addBindValue(msisdn);
    q.addBindValue(deletedAt);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

RevealService TestRevealService::service(Role role)
{
    Session session;
    session.agentId = QStringLiteral("0190a3b4-0000-7000-8000-000000000001");
    session.login = QStringLiteral("li.na");
    session.displayName = QString::fromUtf8("李娜");
    session.role = role;
    return RevealService(m_temp->store(), session, m_clock);
}

qint64 TestRevealService::auditRows()
{
    QSqlQuery q(m_temp->store()->connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM audit_log")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

void TestRevealService::revealByRole_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<bool>("idNumber");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("agent msisdn") << Role::Agent << false << true;
    QTest::newRow("agent id number") << Role::Agent << true << false;
    QTest::newRow("clerk msisdn") << Role::Clerk << false << true;
    QTest::newRow("clerk id number") << Role::Clerk << true << true;
    QTest::newRow("supervisor msisdn") << Role::Supervisor << false << true;
    QTest::newRow("supervisor id number") << Role::Supervisor << true << true;
    QTest::newRow("admin msisdn") << Role::Admin << false << true;
    QTest::newRow("admin id number") << Role::Admin << true << true;
}

void TestRevealService::revealByRole()
{
    QFETCH(Role, role);
    QFETCH(bool, idNumber);
    QFETCH(bool, allowed);

    RevealService reveal = service(role);
    const Result<QString> r = idNumber ? reveal.revealIdNumber(kCustomer) : reveal.revealMsisdn(kCustomer);
    if (!allowed) {
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("forbidden"));
        QVERIFY2(r.errorMessage().contains(QLatin1String("reveal_id_number")), qPrintable(r.errorMessage()));
        QCOMPARE(auditRows(), 0);
        return;
    }
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    QCOMPARE(r.value(), idNumber ? kIdNumber : kMsisdn);

    QCOMPARE(auditRows(), 1);
    AuditLog log(m_temp->store(), m_clock);
    const AuditEntry e = log.recent(10).value(0);
    QCOMPARE(e.actor, QStringLiteral("li.na"));
    QCOMPARE(e.action, idNumber ? QStringLiteral("reveal_id_number") : QStringLiteral("reveal_msisdn"));
    QCOMPARE(e.entity, QStringLiteral("customer"));
    QCOMPARE(e.entityId, kCustomer);
    QCOMPARE(e.beforeMasked, idNumber ? QStringLiteral("1101**********1234") : QStringLiteral("138****5678"));
    QCOMPARE(e.afterMasked, QStringLiteral("revealed"));
    QCOMPARE(e.atMs, m_clock.nowMs());
    QVERIFY(log.verify().intact);
}

void TestRevealService::noClearValueInTheAuditLog()
{
    RevealService reveal = service(Role::Clerk);
    QVERIFY(reveal.revealMsisdn(kCustomer).ok());
    QVERIFY(reveal.revealIdNumber(kCustomer).ok());
    QVERIFY(reveal.revealMsisdn(kCustomer).ok());
    QCOMPARE(auditRows(), 3);

    const QStringList secrets = {kMsisdn, QStringLiteral("13812345678"), kIdNumber,
                                 QStringLiteral("19900307")};
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT * FROM audit_log")));
    int cells = 0;
    while (q.next()) {
        for (int c = 0; c < q.record().count(); ++c, ++cells) {
            const QString cell = q.value(c).toString();
            for (const QString& secret : secrets)
                QVERIFY2(!cell.contains(secret), qPrintable(q.record().fieldName(c) + QStringLiteral(": ") + cell));
        }
    }
    QCOMPARE(cells, 3 * 11);
}

void TestRevealService::unknownCustomer_data()
{
    QTest::addColumn<QString>("customerId");
    QTest::newRow("unknown") << QStringLiteral("0190a3b4-1234-7abc-8def-ffffffffffff");
    QTest::newRow("deleted") << kDeleted;
    QTest::newRow("empty") << QString();
    QTest::newRow("sql") << QStringLiteral("' OR 1=1 --");
    QTest::newRow("huge") << QString(10000, QLatin1Char('x'));
}

void TestRevealService::unknownCustomer()
{
    QFETCH(QString, customerId);
    RevealService reveal = service(Role::Admin);
    for (bool idNumber : {false, true}) {
        const Result<QString> r = idNumber ? reveal.revealIdNumber(customerId) : reveal.revealMsisdn(customerId);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("not_found"));
    }
    QCOMPARE(auditRows(), 0);
}

void TestRevealService::missingValueIsNotAudited()
{
    RevealService reveal = service(Role::Admin);
    QCOMPARE(reveal.revealMsisdn(kNoValues).error().code, QStringLiteral("no_value"));
    QCOMPARE(reveal.revealIdNumber(kNoValues).error().code, QStringLiteral("no_value"));
    QCOMPARE(auditRows(), 0);
}

void TestRevealService::failedAuditWithholdsTheValue()
{
    // A TEMP trigger lives on this test's connection only, which is also the one the service uses.
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY2(q.exec(QStringLiteral("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON main.audit_log "
                                   "BEGIN SELECT RAISE(ABORT, 'disk full'); END")),
             qPrintable(q.lastError().text()));

    RevealService reveal = service(Role::Clerk);
    for (bool idNumber : {false, true}) {
        const Result<QString> r = idNumber ? reveal.revealIdNumber(kCustomer) : reveal.revealMsisdn(kCustomer);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("io"));
        QVERIFY(!r.errorMessage().contains(idNumber ? kIdNumber : kMsisdn));
    }
    QVERIFY(q.exec(QStringLiteral("DROP TRIGGER temp.fail_audit")));
    QCOMPARE(auditRows(), 0);
    // The connection is usable again: no transaction was left open.
    QVERIFY(reveal.revealMsisdn(kCustomer).ok());
    QCOMPARE(auditRows(), 1);
}

void TestRevealService::sessionWithoutLoginIsRefused()
{
    // Nobody to hold accountable, so no audit row, so no value.
    Session anonymous;
    anonymous.role = Role::Admin;
    RevealService reveal(m_temp->store(), anonymous, m_clock);
    const Result<QString> r = reveal.revealMsisdn(kCustomer);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("invalid"));
    QCOMPARE(auditRows(), 0);
}

QTEST_GUILESS_MAIN(TestRevealService)
#include "tst_revealservice.moc"
