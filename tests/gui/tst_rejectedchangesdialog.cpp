#include "Fixtures.h"
#include "SyncScreens.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "services/RejectedChangeService.h"
#include "sync/RejectedChangesDialog.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>

using namespace telcodesk;
using namespace telcodesk::test;

class TestRejectedChangesDialog : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void showsTheServersReasonInWords();
    void reasonCodesInWords_data();
    void reasonCodesInWords();
    void dismissSelected();
    void dismissAll();
    void chinese();

private:
    qint64 addRejected(const QString& entity, const QString& entityId, const QString& op, const QString& payload,
                       const QString& code, const QString& reason);

    std::unique_ptr<TempStore> m_temp;
    QString m_customer;
    QString m_ticket;
    qint64 m_workflow = 0;
    qint64 m_permission = 0;
};

void TestRejectedChangesDialog::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY(m_temp->ok());
    Fixtures f(m_temp->store());
    m_customer = f.addCustomer({QStringLiteral("周敏"), QStringLiteral("13611112222"), {}, {}});
    m_ticket = f.addTicket(m_customer, QStringLiteral("open"), 1700000000000, QStringLiteral("宽带断网"));
    m_workflow = addRejected(QStringLiteral("ticket"), m_ticket, QStringLiteral("update"),
                             QStringLiteral(R"({"set":{"status":"closed"},"base":{"status":"open"}})"),
                             QStringLiteral("workflow"), QStringLiteral("a ticket goes from open to closed only through resolved"));
    m_permission = addRejected(QStringLiteral("customer_note"), UuidV7::create(), QStringLiteral("insert"),
                               QStringLiteral(R"({"set":{"customer_id":"%1","body":"客户要求下月回访"}})").arg(m_customer),
                               QStringLiteral("permission"), QStringLiteral("new row violates row-level security policy"));
}

void TestRejectedChangesDialog::cleanup()
{
    m_temp.reset();
}

qint64 TestRejectedChangesDialog::addRejected(const QString& entity, const QString& entityId, const QString& op,
                                              const QString& payload, const QString& code, const QString& reason)
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO outbox(mutation_id, entity, entity_id, op, payload, created_at, schema_version, "
                             "state, error_code, error) VALUES(?, ?, ?, ?, ?, 1700000000000, 3, 'rejected', ?, ?)"));
    for (const QString& v : {UuidV7::create(), entity, entityId, op, payload, code, reason})
        q.addBindValue(v);
    return q.exec() ? q.lastInsertId().toLongLong() : -1;
}

void TestRejectedChangesDialog::showsTheServersReasonInWords()
{
    RejectedChangesDialog dialog(m_temp->store());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.rowCount(), 2);
    QTableWidget* t = dialog.table();
    // Newest first: the note.
    QCOMPARE(t->item(0, RejectedChangesDialog::RecordColumn)->text(), QStringLiteral("Note · 周敏"));
    QCOMPARE(t->item(0, RejectedChangesDialog::ChangeColumn)->text(),
             QStringLiteral("New · Text: 客户要求下月回访"));
    QCOMPARE(t->item(0, RejectedChangesDialog::ReasonColumn)->text(), QStringLiteral("Not permitted for your role or region"));
    QCOMPARE(t->item(0, RejectedChangesDialog::ExplanationColumn)->text(),
             QStringLiteral("new row violates row-level security policy"));
    QCOMPARE(t->item(1, RejectedChangesDialog::RecordColumn)->text(),
             QStringLiteral("Ticket · T%1 · 宽带断网").arg(m_ticket.right(8)));
    QCOMPARE(t->item(1, RejectedChangesDialog::ChangeColumn)->text(), QStringLiteral("Change · Status: Closed"));
    QCOMPARE(t->item(1, RejectedChangesDialog::ReasonColumn)->text(), QStringLiteral("Not allowed by the workflow"));
    QCOMPARE(t->item(1, RejectedChangesDialog::WhenColumn)->text(), QStringLiteral("2023-11-14 22:13"));
    QVERIFY(!dialog.dismissButton()->isEnabled()); // nothing selected
    QVERIFY(dialog.dismissAllButton()->isEnabled());
    saveScreen(&dialog, QStringLiteral("rejected_en"));
}

void TestRejectedChangesDialog::reasonCodesInWords_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("words");
    QTest::newRow("invalid") << "invalid" << "Invalid data";
    QTest::newRow("constraint") << "constraint" << "Conflicts with other data on the server";
    QTest::newRow("not_found") << "not_found" << "The record does not exist on the server";
    QTest::newRow("read_only") << "read_only" << "Read-only data";
    QTest::newRow("append_only") << "append_only" << "Cannot be changed once recorded";
    QTest::newRow("encoding") << "encoding" << "Invalid characters";
    QTest::newRow("error") << "error" << "Refused by the server";
    QTest::newRow("unknown") << "something_new" << "Refused by the server";
}

void TestRejectedChangesDialog::reasonCodesInWords()
{
    QFETCH(QString, code);
    QFETCH(QString, words);
    QCOMPARE(RejectedChangesDialog::reasonText(code), words);
}

void TestRejectedChangesDialog::dismissSelected()
{
    RejectedChangesDialog dialog(m_temp->store());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy dismissed(&dialog, &RejectedChangesDialog::dismissed);
    dialog.table()->selectRow(1); // the ticket's
    QVERIFY(dialog.dismissButton()->isEnabled());
    QTest::mouseClick(dialog.dismissButton(), Qt::LeftButton);
    QCOMPARE(dismissed.count(), 1);
    QCOMPARE(dialog.rowCount(), 1);
    QCOMPARE(RejectedChangeService(m_temp->store()).count().value(), 1);
    QCOMPARE(RejectedChangeService(m_temp->store()).list()->at(0).seq, m_permission);
    // The refused change is still recorded on this computer.
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("SELECT state, dismissed FROM outbox WHERE seq = ?"));
    q.addBindValue(m_workflow);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("rejected"));
    QCOMPARE(q.value(1).toInt(), 1);
}

void TestRejectedChangesDialog::dismissAll()
{
    RejectedChangesDialog dialog(m_temp->store());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy dismissed(&dialog, &RejectedChangesDialog::dismissed);
    QTest::mouseClick(dialog.dismissAllButton(), Qt::LeftButton);
    QCOMPARE(dismissed.count(), 1);
    QCOMPARE(dialog.rowCount(), 0);
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("noRejectedLabel"))->isVisible());
    QVERIFY(!dialog.dismissAllButton()->isEnabled());
    QCOMPARE(RejectedChangeService(m_temp->store()).count().value(), 0);
}

void TestRejectedChangesDialog::chinese()
{
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(":/i18n/telcodesk_zh_CN.qm")));
    QCoreApplication::installTranslator(&chinese);
    RejectedChangesDialog dialog(m_temp->store());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.table()->item(1, RejectedChangesDialog::ReasonColumn)->text(), QStringLiteral("不符合流程规则"));
    saveScreen(&dialog, QStringLiteral("rejected_zh"));
    QCoreApplication::removeTranslator(&chinese);
}

QTEST_MAIN(TestRejectedChangesDialog)
#include "tst_rejectedchangesdialog.moc"
