#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "services/RejectedChangeService.h"

#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestRejectedChangeService : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void nothingRejectedListsNothing();
    void listsRejectedChangesReadably();
    void pendingAppliedAndDismissedAreNotListed();
    void longValuesAreShortened();
    void dismissHidesOneAndKeepsTheRow();
    void dismissTwiceIsNotFound();
    void dismissAll();

private:
    /// An outbox row as the sync engine leaves it after the server's verdict.
    qint64 addOutbox(const QString& entity, const QString& entityId, const QString& op, const QString& payload,
                     const QString& state, const QString& code = QString(), const QString& reason = QString());

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock;
    QString m_customer;
    QString m_ticket;
};

void TestRejectedChangeService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY(m_temp->ok());
    Fixtures f(m_temp->store());
    m_customer = f.addCustomer({QStringLiteral("周敏"), QStringLiteral("13611112222"), {}, {}});
    m_ticket = f.addTicket(m_customer, QStringLiteral("open"), m_clock.nowMs(), QStringLiteral("宽带断网"));
}

void TestRejectedChangeService::cleanup()
{
    m_temp.reset();
}

qint64 TestRejectedChangeService::addOutbox(const QString& entity, const QString& entityId, const QString& op,
                                            const QString& payload, const QString& state, const QString& code,
                                            const QString& reason)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO outbox(mutation_id, entity, entity_id, op, payload, created_at, "
                             "schema_version, state, error_code, error) VALUES(?, ?, ?, ?, ?, ?, 3, ?, ?, ?)"));
    q.addBindValue(UuidV7::create());
    q.addBindValue(entity);
    q.addBindValue(entityId);
    q.addBindValue(op);
    q.addBindValue(payload);
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(state);
    q.addBindValue(code.isNull() ? QVariant() : QVariant(code));
    q.addBindValue(reason.isNull() ? QVariant() : QVariant(reason));
    if (!q.exec())
        return -1;
    return q.lastInsertId().toLongLong();
}

void TestRejectedChangeService::nothingRejectedListsNothing()
{
    RejectedChangeService service(m_temp->store());
    QCOMPARE(service.count().value(), 0);
    QVERIFY(service.list()->isEmpty());
}

void TestRejectedChangeService::listsRejectedChangesReadably()
{
    const qint64 ticket = addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"),
                                    QStringLiteral(R"({"set":{"status":"closed"},"base":{"status":"open"}})"),
                                    QStringLiteral("rejected"), QStringLiteral("workflow"),
                                    QStringLiteral("open → closed is not an allowed transition"));
    // A note whose insert was refused: the record may be gone locally; its customer names it.
    const QString noteId = UuidV7::create();
    const qint64 note = addOutbox(QStringLiteral("customer_note"), noteId, QStringLiteral("insert"),
                                  QStringLiteral(R"({"set":{"customer_id":"%1","body":"下月回访"}})").arg(m_customer),
                                  QStringLiteral("rejected"), QStringLiteral("permission"),
                                  QStringLiteral("new row violates row-level security policy"));

    RejectedChangeService service(m_temp->store());
    QCOMPARE(service.count().value(), 2);
    const auto list = service.list();
    QVERIFY2(list, qPrintable(list.errorMessage()));
    QCOMPARE(list->size(), 2);

    const RejectedChange& n = list->at(0); // newest first
    QCOMPARE(n.seq, note);
    QCOMPARE(n.entityName, QStringLiteral("Note"));
    QCOMPARE(n.recordLabel, QStringLiteral("周敏"));
    QCOMPARE(n.op, QStringLiteral("insert"));
    QCOMPARE(n.errorCode, QStringLiteral("permission"));
    QCOMPARE(n.reason, QStringLiteral("new row violates row-level security policy"));
    // The customer id is named by the record label already.
    QCOMPARE(n.fieldsSummary, QStringLiteral("Text: 下月回访"));
    QCOMPARE(n.createdAtMs, m_clock.nowMs());

    const RejectedChange& t = list->at(1);
    QCOMPARE(t.seq, ticket);
    QCOMPARE(t.recordLabel, QStringLiteral("T%1 · 宽带断网").arg(m_ticket.right(8)));
    QCOMPARE(t.fieldsSummary, QStringLiteral("Status: closed"));
    QCOMPARE(t.errorCode, QStringLiteral("workflow"));
}

void TestRejectedChangeService::pendingAppliedAndDismissedAreNotListed()
{
    const QString payload = QStringLiteral(R"({"set":{"title":"x"}})");
    addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"), payload, QStringLiteral("pending"));
    addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"), payload, QStringLiteral("applied"));
    const qint64 seen = addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"), payload,
                                  QStringLiteral("rejected"), QStringLiteral("invalid"), QStringLiteral("bad"));
    const qint64 fresh = addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"), payload,
                                   QStringLiteral("rejected"), QStringLiteral("invalid"), QStringLiteral("bad"));
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("UPDATE outbox SET dismissed = 1 WHERE seq = ?"));
    q.addBindValue(seen);
    QVERIFY(q.exec());
    RejectedChangeService service(m_temp->store());
    QCOMPARE(service.count().value(), 1);
    QCOMPARE(service.list()->size(), 1);
    QCOMPARE(service.list()->at(0).seq, fresh);
}

void TestRejectedChangeService::longValuesAreShortened()
{
    const QString longText = QString(300, QChar(u'长'));
    addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"),
              QStringLiteral(R"({"set":{"description":"%1","title":"%1"}})").arg(longText), QStringLiteral("rejected"),
              QStringLiteral("invalid"), QStringLiteral("too long"));
    const auto list = RejectedChangeService(m_temp->store()).list();
    QVERIFY(list);
    const QString summary = list->at(0).fieldsSummary;
    QVERIFY2(summary.size() <= RejectedChangeService::kSummaryChars, qPrintable(QString::number(summary.size())));
    QVERIFY(summary.startsWith(QStringLiteral("Description: ") + QString(RejectedChangeService::kValueChars - 1, QChar(u'长'))
                               + QChar(0x2026)));
}

void TestRejectedChangeService::dismissHidesOneAndKeepsTheRow()
{
    const QString payload = QStringLiteral(R"({"set":{"title":"x"}})");
    const qint64 a = addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"), payload,
                               QStringLiteral("rejected"), QStringLiteral("invalid"), QStringLiteral("bad"));
    const qint64 b = addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"), payload,
                               QStringLiteral("rejected"), QStringLiteral("invalid"), QStringLiteral("bad"));
    RejectedChangeService service(m_temp->store());
    QVERIFY(service.dismiss(a));
    QCOMPARE(service.count().value(), 1);
    QCOMPARE(service.list()->at(0).seq, b);
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT state, dismissed FROM outbox WHERE seq = ?"));
    q.addBindValue(a);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("rejected"));
    QCOMPARE(q.value(1).toInt(), 1);
}

void TestRejectedChangeService::dismissTwiceIsNotFound()
{
    const qint64 a = addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"),
                               QStringLiteral(R"({"set":{"title":"x"}})"), QStringLiteral("rejected"),
                               QStringLiteral("invalid"), QStringLiteral("bad"));
    const qint64 pending = addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"),
                                     QStringLiteral(R"({"set":{"title":"y"}})"), QStringLiteral("pending"));
    RejectedChangeService service(m_temp->store());
    QVERIFY(service.dismiss(a));
    QCOMPARE(service.dismiss(a).error().code, QStringLiteral("not_found"));
    QCOMPARE(service.dismiss(pending).error().code, QStringLiteral("not_found"));
}

void TestRejectedChangeService::dismissAll()
{
    const QString payload = QStringLiteral(R"({"set":{"title":"x"}})");
    for (int i = 0; i < 3; ++i)
        addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"), payload, QStringLiteral("rejected"),
                  QStringLiteral("invalid"), QStringLiteral("bad"));
    addOutbox(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"), payload, QStringLiteral("pending"));
    RejectedChangeService service(m_temp->store());
    QCOMPARE(service.dismissAll().value(), 3);
    QCOMPARE(service.count().value(), 0);
    QCOMPARE(service.dismissAll().value(), 0);
}

QTEST_GUILESS_MAIN(TestRejectedChangeService)
#include "tst_rejectedchangeservice.moc"
