#include "Fixtures.h"
#include "SyncScreens.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "services/ConflictService.h"
#include "sync/ConflictsDialog.h"

#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTranslator>

using namespace telcodesk;
using namespace telcodesk::test;

class TestConflictsDialog : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsConflictsGroupedByRecord();
    void nothingChosenNothingApplied();
    void keepMineQueuesAChangeTakeTheirsDoesNot();
    void undecidedFieldsStay();
    void keepAllMineInOneClick();
    void emptyList();
    void chinese();

private:
    QString addConflict(const QString& entity, const QString& entityId, const QString& field, const QVariant& base,
                        const QString& mine, const QString& theirs, qint64 receivedAt = 1700000000000);
    int outboxRows() const;

    std::unique_ptr<TempStore> m_temp;
    QString m_customer;
    QString m_ticket;
    QString m_title;
    QString m_priority;
    QString m_address;
};

void TestConflictsDialog::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY(m_temp->ok());
    Fixtures f(m_temp->store());
    m_customer = f.addCustomer({QStringLiteral("周敏"), QStringLiteral("13611112222"), {}, {}});
    m_ticket = f.addTicket(m_customer, QStringLiteral("open"), 1700000000000, QStringLiteral("宽带断网"));
    m_title = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("title"), QStringLiteral("\"宽带断网\""),
                          QStringLiteral("\"光猫故障，已预约上门\""), QStringLiteral("\"宽带故障\""));
    m_priority = addConflict(QStringLiteral("ticket"), m_ticket, QStringLiteral("priority"), QStringLiteral("2"),
                             QStringLiteral("1"), QStringLiteral("3"));
    m_address = addConflict(QStringLiteral("customer"), m_customer, QStringLiteral("address"), QVariant(),
                            QStringLiteral("\"深圳市南山区科技园南区\""), QStringLiteral("\"深圳市福田区华强北\""),
                            1700000060000); // arrived after the ticket's
}

void TestConflictsDialog::cleanup()
{
    m_temp.reset();
}

QString TestConflictsDialog::addConflict(const QString& entity, const QString& entityId, const QString& field,
                                         const QVariant& base, const QString& mine, const QString& theirs,
                                         qint64 receivedAt)
{
    const QString id = UuidV7::create();
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO sync_conflict(id, seq, entity, entity_id, field, base_value, mine, theirs, "
                             "received_at) VALUES(?, 3, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v : {QVariant(id), QVariant(entity), QVariant(entityId), QVariant(field), base, QVariant(mine),
                              QVariant(theirs), QVariant(receivedAt)})
        q.addBindValue(v);
    return q.exec() ? id : QString();
}

int TestConflictsDialog::outboxRows() const
{
    QSqlQuery q(m_temp->store()->connection());
    q.exec(QStringLiteral("SELECT count(*) FROM outbox"));
    q.next();
    return q.value(0).toInt();
}

void TestConflictsDialog::listsConflictsGroupedByRecord()
{
    ConflictsDialog dialog(m_temp->store(), nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.conflictCount(), 3);
    const QList<QGroupBox*> boxes = dialog.findChildren<QGroupBox*>();
    QCOMPARE(boxes.size(), 2);
    QCOMPARE(boxes.at(0)->title(), QStringLiteral("Ticket · T%1 · 宽带断网").arg(m_ticket.right(8)));
    QCOMPARE(boxes.at(1)->title(), QStringLiteral("Customer · 周敏"));
    QCOMPARE(dialog.mineButton(m_title)->text(), QStringLiteral("Keep mine (光猫故障，已预约上门)"));
    QCOMPARE(dialog.theirsButton(m_title)->text(), QStringLiteral("Take the server's (宽带故障)"));
    // Codes are shown in words.
    QCOMPARE(dialog.mineButton(m_priority)->text(), QStringLiteral("Keep mine (P1 urgent)"));
    QCOMPARE(dialog.theirsButton(m_priority)->text(), QStringLiteral("Take the server's (P3 normal)"));
    QVERIFY(boxes.at(0)->findChild<QLabel*>() != nullptr);
    QStringList was;
    for (QLabel* label : boxes.at(0)->findChildren<QLabel*>())
        was << label->text();
    QVERIFY2(was.contains(QStringLiteral("Was: 宽带断网")), qPrintable(was.join(QLatin1Char('|'))));
    QVERIFY2(was.contains(QStringLiteral("Was: P2 high")), qPrintable(was.join(QLatin1Char('|'))));
    // Nothing is chosen for the agent.
    for (const QString& id : {m_title, m_priority, m_address}) {
        QVERIFY(!dialog.mineButton(id)->isChecked());
        QVERIFY(!dialog.theirsButton(id)->isChecked());
    }
    saveScreen(&dialog, QStringLiteral("conflicts_en"));
}

void TestConflictsDialog::nothingChosenNothingApplied()
{
    ConflictsDialog dialog(m_temp->store(), nullptr);
    QVERIFY(!dialog.applyButton()->isEnabled());
    QVERIFY(!dialog.applyChoices());
    QCOMPARE(ConflictService(m_temp->store()).openCount().value(), 3);
}

void TestConflictsDialog::keepMineQueuesAChangeTakeTheirsDoesNot()
{
    ConflictsDialog dialog(m_temp->store(), nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy resolved(&dialog, &ConflictsDialog::resolved);
    const int before = outboxRows();

    QTest::mouseClick(dialog.theirsButton(m_address), Qt::LeftButton);
    QVERIFY(dialog.applyButton()->isEnabled());
    QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
    QCOMPARE(resolved.count(), 1);
    QCOMPARE(outboxRows(), before); // the server's value needs no change from here
    QCOMPARE(dialog.conflictCount(), 2);

    QTest::mouseClick(dialog.mineButton(m_title), Qt::LeftButton);
    QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
    QCOMPARE(resolved.count(), 2);
    QCOMPARE(outboxRows(), before + 1);
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT entity, op, payload FROM outbox ORDER BY seq DESC LIMIT 1")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ticket"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("update"));
    QVERIFY(q.value(2).toString().contains(QStringLiteral("光猫故障，已预约上门")));
    q.finish();
    QCOMPARE(dialog.conflictCount(), 1);
    QVERIFY(dialog.isVisible()); // the priority is still open
}

void TestConflictsDialog::undecidedFieldsStay()
{
    ConflictsDialog dialog(m_temp->store(), nullptr);
    dialog.mineButton(m_priority)->click();
    QVERIFY(dialog.applyChoices());
    QCOMPARE(dialog.conflictCount(), 2);
    QVERIFY(dialog.mineButton(m_title) != nullptr);
    QVERIFY(dialog.mineButton(m_priority) == nullptr);
}

void TestConflictsDialog::keepAllMineInOneClick()
{
    ConflictsDialog dialog(m_temp->store(), nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QPushButton* allMine = nullptr;
    for (QPushButton* b : dialog.findChildren<QPushButton*>()) {
        if (b->text() == QStringLiteral("Keep all mine"))
            allMine = b;
    }
    QVERIFY(allMine);
    const int before = outboxRows();
    allMine->click();
    QVERIFY(dialog.mineButton(m_title)->isChecked());
    QVERIFY(dialog.mineButton(m_priority)->isChecked());
    QVERIFY(!dialog.mineButton(m_address)->isChecked());
    dialog.theirsButton(m_address)->click();
    QSignalSpy finished(&dialog, &QDialog::finished);
    dialog.applyButton()->click();
    // Everything decided: the dialog closes; the ticket's two fields went as one change.
    QCOMPARE(finished.count(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(outboxRows(), before + 1);
    QCOMPARE(ConflictService(m_temp->store()).openCount().value(), 0);
}

void TestConflictsDialog::emptyList()
{
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM sync_conflict")));
    ConflictsDialog dialog(m_temp->store(), nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.conflictCount(), 0);
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("noConflictsLabel"))->isVisible());
    QVERIFY(!dialog.applyButton()->isEnabled());
}

void TestConflictsDialog::chinese()
{
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(":/i18n/telcodesk_zh_CN.qm")));
    QCoreApplication::installTranslator(&chinese);
    ConflictsDialog dialog(m_temp->store(), nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.mineButton(m_priority)->text(), QStringLiteral("保留我的（P1 紧急）"));
    dialog.mineButton(m_title)->setChecked(true);
    saveScreen(&dialog, QStringLiteral("conflicts_zh"));
    QCoreApplication::removeTranslator(&chinese);
}

QTEST_MAIN(TestConflictsDialog)
#include "tst_conflictsdialog.moc"
