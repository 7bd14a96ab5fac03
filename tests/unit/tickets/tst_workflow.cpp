// Workflow: the catalog of local migration 5 loaded as values, every default step present with its role,
// requirement and reopen window, labels in both languages, and the same rows (ids included) as the
// server's migration 8.

#include "DefaultWorkflow.h"
#include "TempStore.h"
#include "store/Migrator.h"
#include "sync/ServerAdmin.h"
#include "tickets/Workflow.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using telcodesk::test::kDefaultSteps;
using telcodesk::test::TempStore;

class TestWorkflow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void statesPerKind_data();
    void statesPerKind();
    void everyDefaultStepIsThere();
    void stepsAreOrderedByTarget();
    void labelsInBothLanguages();
    void deletedRowsAreLeftOut();
    void sameRowsAsTheServerMigration();

private:
    std::unique_ptr<TempStore> m_temp;
    Workflow m_wf;
};

void TestWorkflow::initTestCase()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    auto loaded = Workflow::load(m_temp->store()->connection());
    QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
    m_wf = loaded.value();
}

void TestWorkflow::statesPerKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("states"); // status:category[:pause] in ordinal order
    QTest::newRow("complaint") << "complaint"
                               << "new:open assigned:open dispatched:open handled:resolved callback:resolved "
                                  "closed:closed waiting_customer:waiting:pause";
    QTest::newRow("fault") << "fault"
                           << "new:open assigned:open dispatched:open in_progress:open resolved:resolved closed:closed "
                              "waiting_customer:waiting:pause";
    QTest::newRow("inquiry") << "inquiry"
                             << "new:open assigned:open in_progress:open resolved:resolved closed:closed "
                                "waiting_customer:waiting:pause";
    QTest::newRow("suggestion") << "suggestion"
                                << "new:open assigned:open in_progress:open resolved:resolved closed:closed";
}

void TestWorkflow::statesPerKind()
{
    QFETCH(QString, kind);
    QFETCH(QString, states);
    QStringList got;
    int last = -1;
    for (const WorkflowState& s : m_wf.states(kind)) {
        QVERIFY(s.ordinal > last);
        last = s.ordinal;
        got << s.status + QLatin1Char(':') + Workflow::categoryCode(s.category)
                + (s.pausesSla ? QStringLiteral(":pause") : QString());
    }
    QCOMPARE(got.join(QLatin1Char(' ')), states);
    QCOMPARE(m_wf.kinds(), (QStringList{QStringLiteral("complaint"), QStringLiteral("fault"), QStringLiteral("inquiry"),
                                        QStringLiteral("suggestion")}));
}

void TestWorkflow::everyDefaultStepIsThere()
{
    QSet<QString> expected;
    for (const auto& step : kDefaultSteps)
        expected.insert(QStringLiteral("%1 %2>%3 %4 [%5] %6")
                            .arg(QLatin1String(step.kind), QLatin1String(step.from), QLatin1String(step.to),
                                 QLatin1String(step.minRole), QLatin1String(step.requires_))
                            .arg(step.reopenWithinDays));
    QSet<QString> got;
    for (const QString& kind : m_wf.kinds()) {
        for (const WorkflowTransition& t : m_wf.transitions(kind)) {
            QVERIFY2(m_wf.state(kind, t.fromStatus) && m_wf.state(kind, t.toStatus), qPrintable(t.id));
            QVERIFY(!t.actionZh.isEmpty() && !t.actionEn.isEmpty());
            got.insert(QStringLiteral("%1 %2>%3 %4 [%5] %6")
                           .arg(kind, t.fromStatus, t.toStatus, roleCode(t.minRole),
                                Workflow::requirementCode(t.requirement))
                           .arg(t.reopenWithinDays.value_or(-1)));
        }
    }
    QCOMPARE(got.size(), int(kDefaultSteps.size()));
    QCOMPARE(got, expected);

    // The seed's complaint flow, step by step, and the kind-specific extras.
    QVERIFY(m_wf.transition(QStringLiteral("complaint"), QStringLiteral("handled"), QStringLiteral("callback")));
    QVERIFY(!m_wf.transition(QStringLiteral("complaint"), QStringLiteral("handled"), QStringLiteral("closed")));
    QVERIFY(m_wf.transition(QStringLiteral("fault"), QStringLiteral("dispatched"), QStringLiteral("in_progress")));
    QVERIFY(m_wf.transition(QStringLiteral("inquiry"), QStringLiteral("new"), QStringLiteral("resolved")));
    QVERIFY(!m_wf.transition(QStringLiteral("suggestion"), QStringLiteral("assigned"), QStringLiteral("waiting_customer")));
    const auto reopen = m_wf.transition(QStringLiteral("complaint"), QStringLiteral("closed"), QStringLiteral("assigned"));
    QVERIFY(reopen);
    QCOMPARE(reopen->reopenWithinDays.value_or(0), 7);
    QCOMPARE(reopen->requirement, WorkflowRequirement::Reason);
}

void TestWorkflow::stepsAreOrderedByTarget()
{
    QStringList targets;
    for (const WorkflowTransition& t : m_wf.transitionsFrom(QStringLiteral("complaint"), QStringLiteral("waiting_customer")))
        targets << t.toStatus;
    QCOMPARE(targets, (QStringList{QStringLiteral("assigned"), QStringLiteral("dispatched"), QStringLiteral("handled")}));
    targets.clear();
    for (const WorkflowTransition& t : m_wf.transitionsFrom(QStringLiteral("fault"), QStringLiteral("assigned")))
        targets << t.toStatus;
    QCOMPARE(targets,
             (QStringList{QStringLiteral("dispatched"), QStringLiteral("in_progress"), QStringLiteral("waiting_customer")}));
}

void TestWorkflow::labelsInBothLanguages()
{
    QCOMPARE(m_wf.label(QStringLiteral("complaint"), QStringLiteral("new"), true), QStringLiteral("受理"));
    QCOMPARE(m_wf.label(QStringLiteral("complaint"), QStringLiteral("new"), false), QStringLiteral("accepted"));
    QCOMPARE(m_wf.label(QStringLiteral("complaint"), QStringLiteral("dispatched"), true), QStringLiteral("已转技术团队"));
    QCOMPARE(m_wf.label(QStringLiteral("fault"), QStringLiteral("waiting_customer"), false),
             QStringLiteral("waiting for the customer"));
    // A status the kind does not have is shown as its code.
    QCOMPARE(m_wf.label(QStringLiteral("suggestion"), QStringLiteral("waiting_customer"), true),
             QStringLiteral("waiting_customer"));
    const auto step = m_wf.transition(QStringLiteral("complaint"), QStringLiteral("assigned"), QStringLiteral("dispatched"));
    QVERIFY(step);
    QCOMPARE(step->action(true), QStringLiteral("转技术团队"));
    QCOMPARE(step->action(false), QStringLiteral("Dispatch to the technical team"));
    WorkflowState bare;
    bare.status = QStringLiteral("x");
    bare.labelZh = QStringLiteral("某");
    QCOMPARE(bare.label(false), QStringLiteral("某"));
}

void TestWorkflow::deletedRowsAreLeftOut()
{
    TempStore temp;
    QVERIFY(temp.ok());
    QSqlQuery q(temp.store()->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE workflow_transition SET deleted_at = 1 "
                                  "WHERE kind = 'inquiry' AND from_status = 'new' AND to_status = 'resolved'")));
    QCOMPARE(q.numRowsAffected(), 1);
    QVERIFY(q.exec(QStringLiteral("UPDATE workflow_state SET deleted_at = 1 WHERE kind = 'suggestion' AND status = 'closed'")));
    const auto wf = Workflow::load(temp.store()->connection());
    QVERIFY(wf);
    QVERIFY(!wf->transition(QStringLiteral("inquiry"), QStringLiteral("new"), QStringLiteral("resolved")));
    QVERIFY(wf->transition(QStringLiteral("inquiry"), QStringLiteral("new"), QStringLiteral("assigned")));
    QVERIFY(!wf->state(QStringLiteral("suggestion"), QStringLiteral("closed")));
    QCOMPARE(wf->states(QStringLiteral("suggestion")).size(), 4);
}

void TestWorkflow::sameRowsAsTheServerMigration()
{
    // Both migrations hold the default rows as VALUES tuples that start with their fixed id.
    const auto tuples = [](const QString& sql) {
        static const QRegularExpression row(QStringLiteral("^\\s*(\\('0f1a[0-9a-f-]{32}'.*\\))[,;]?\\s*$"),
                                            QRegularExpression::MultilineOption);
        QStringList out;
        auto it = row.globalMatch(sql);
        while (it.hasNext())
            out << it.next().captured(1);
        out.sort();
        return out;
    };
    QString localSql, serverSql;
    for (const auto& m : Migrator::migrations())
        if (m.name == QLatin1String("ticket_workflow"))
            localSql = m.sql;
    for (const auto& m : ServerAdmin::migrations())
        if (m.name.endsWith(QLatin1String("_ticket_workflow")))
            serverSql = QString::fromUtf8(m.sql);
    QVERIFY(!localSql.isEmpty() && !serverSql.isEmpty());
    const QStringList local = tuples(localSql);
    const QStringList server = tuples(serverSql);
    QCOMPARE(local.size(), int(kDefaultSteps.size()) + 25);
    QCOMPARE(server, local);

    // And the local store holds exactly those ids.
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT (SELECT count(*) FROM workflow_state) + (SELECT count(*) FROM workflow_transition)")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), local.size());
}

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"
