// KbFeedbackService: a view once per agent, article and Beijing day, a vote once per agent and article
// version, both with ids every desktop derives alike; links between tickets and articles (linking twice is
// one link, unlinking leaves a tombstone, a link to an article this desktop does not hold still lists);
// totals through kb_feedback_day; each write all-or-nothing.

#include "FailingStore.h"
#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "kb/KbArticleService.h"

#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

Session sessionAs(Role role, const QString& agentId)
{
    Session s;
    s.agentId = agentId;
    s.login = QStringLiteral("user");
    s.role = role;
    return s;
}

KbDraft sampleDraft(const QString& title = QStringLiteral("国际漫游资费说明"))
{
    KbDraft d;
    d.title = title;
    d.body = QStringLiteral("<p>港澳台漫游按天计费。</p>");
    d.category = QStringLiteral("roaming");
    d.language = QStringLiteral("zh_CN");
    d.changeNote = QStringLiteral("更新资费");
    return d;
}

const QString kAgentId = QStringLiteral("0190aaaa-0000-7000-8000-0000000000a1");

} // namespace

class TestKbFeedback : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void viewOncePerBeijingDay();
    void votesOncePerVersion();
    void twoDesktopsDeriveTheSameIds();
    void feedbackOnlyOnWhatTheReaderSees();
    void everyRoleRecords();
    void linkTwiceIsOneLink();
    void unlinkAndLinkAgain();
    void linksForMissingOrRetiredArticle();
    void linkNeedsTicketAndArticle();
    void failedVoteLeavesNothing();

private:
    int count(const QString& sql) const;
    KbFeedbackService feedback(Role role = Role::Agent, const QString& agentId = kAgentId) const
    {
        return KbFeedbackService(m_temp->store(), sessionAs(role, agentId), m_clock);
    }
    /// Published by sup1 and sup2 in the given store.
    QString publish(const LocalStorePtr& store, const KbDraft& draft = sampleDraft());
    /// A new version of the article (through a revision).
    bool revise(const QString& articleId);

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock;
    QString m_sup1, m_sup2, m_ticket, m_article;
};

void TestKbFeedback::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    // Monday 23 November 2026, 10:00 in Beijing.
    m_clock.set(QDateTime(QDate(2026, 11, 23), QTime(2, 0), Qt::UTC));
    Fixtures f(m_temp->store());
    m_sup1 = f.addAgent(QStringLiteral("sup1"), QStringLiteral("supervisor"));
    m_sup2 = f.addAgent(QStringLiteral("sup2"), QStringLiteral("supervisor"));
    const QString customer = f.addCustomer({QStringLiteral("张伟"), QStringLiteral("13812345678"), {}, QStringLiteral("A-1")});
    m_ticket = f.addTicket(customer, QStringLiteral("assigned"), m_clock.nowMs() - 3600000, QStringLiteral("漫游扣费"));
    QVERIFY(!m_ticket.isEmpty());
    m_article = publish(m_temp->store());
    QVERIFY(!m_article.isEmpty());
}

int TestKbFeedback::count(const QString& sql) const
{
    QSqlQuery q(m_temp->store()->connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QString TestKbFeedback::publish(const LocalStorePtr& store, const KbDraft& draft)
{
    KbArticleService sup1(store, sessionAs(Role::Supervisor, m_sup1), m_clock);
    const auto id = sup1.createDraft(draft);
    if (!id || !sup1.submitForReview(id.value())
        || !KbArticleService(store, sessionAs(Role::Supervisor, m_sup2), m_clock).approve(id.value()))
        return QString();
    return id.value();
}

bool TestKbFeedback::revise(const QString& articleId)
{
    KbArticleService sup1(m_temp->store(), sessionAs(Role::Supervisor, m_sup1), m_clock);
    const auto revision = sup1.startRevision(articleId);
    KbDraft d = sampleDraft();
    d.body += QStringLiteral("<p>新增：澳门按次计费。</p>");
    return revision && sup1.saveDraft(revision.value(), d) && sup1.submitForReview(revision.value())
        && KbArticleService(m_temp->store(), sessionAs(Role::Supervisor, m_sup2), m_clock).approve(revision.value());
}

void TestKbFeedback::viewOncePerBeijingDay()
{
    auto agent = feedback();
    QVERIFY(agent.recordView(m_article));
    QVERIFY(agent.recordView(m_article));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM kb_feedback WHERE kind = 'view'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'kb_feedback'")), 1);
    // 23:59 in Beijing is still the same day; a minute past midnight is the next.
    m_clock.set(QDateTime(QDate(2026, 11, 23), QTime(15, 59), Qt::UTC));
    QVERIFY(agent.recordView(m_article));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM kb_feedback WHERE kind = 'view'")), 1);
    m_clock.set(QDateTime(QDate(2026, 11, 23), QTime(16, 1), Qt::UTC));
    QVERIFY(agent.recordView(m_article));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM kb_feedback WHERE kind = 'view'")), 2);
    // Another agent's view is its own.
    QVERIFY(feedback(Role::Agent, QStringLiteral("0190aaaa-0000-7000-8000-0000000000a2")).recordView(m_article));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM kb_feedback WHERE kind = 'view'")), 3);
    const KbArticle loaded = KbArticleService(m_temp->store(), sessionAs(Role::Agent, kAgentId), m_clock).load(m_article).value();
    QCOMPARE(loaded.views, 3);
    QCOMPARE(count(QStringLiteral("SELECT sum(views) FROM kb_feedback_day")), 3);
}

void TestKbFeedback::votesOncePerVersion()
{
    auto agent = feedback();
    QCOMPARE(agent.myVote(m_article).value(), 0);
    QVERIFY(agent.vote(m_article, true));
    QVERIFY(agent.vote(m_article, true)); // the same vote again: nothing new
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM kb_feedback WHERE kind IN ('helpful', 'not_helpful')")), 1);
    QCOMPARE(agent.myVote(m_article).value(), 1);
    const Status changed = agent.vote(m_article, false);
    QCOMPARE(changed.error().code, QStringLiteral("state"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM kb_feedback WHERE kind IN ('helpful', 'not_helpful')")), 1);
    QCOMPARE(count(QStringLiteral("SELECT version FROM kb_feedback WHERE kind = 'helpful'")), 1);

    // A new version asks again.
    QVERIFY(revise(m_article));
    QCOMPARE(agent.myVote(m_article).value(), 0);
    QVERIFY(agent.vote(m_article, false));
    QCOMPARE(agent.myVote(m_article).value(), -1);
    QCOMPARE(count(QStringLiteral("SELECT version FROM kb_feedback WHERE kind = 'not_helpful'")), 2);
    const KbArticle loaded = KbArticleService(m_temp->store(), sessionAs(Role::Agent, kAgentId), m_clock).load(m_article).value();
    QCOMPARE(loaded.helpful, 1);
    QCOMPARE(loaded.notHelpful, 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'kb_feedback'")), 2);
}

void TestKbFeedback::twoDesktopsDeriveTheSameIds()
{
    // The same agent on a second desktop that holds the same article (as a sync would bring it).
    TempStore other;
    QVERIFY2(other.ok(), qPrintable(other.error()));
    QSqlQuery copy(other.store()->connection());
    QVERIFY(copy.exec(QStringLiteral("ATTACH DATABASE '%1' AS first").arg(m_temp->path())));
    QVERIFY(copy.exec(QStringLiteral("INSERT INTO kb_article SELECT * FROM first.kb_article")));
    QVERIFY(copy.exec(QStringLiteral("DETACH DATABASE first")));
    KbFeedbackService second(other.store(), sessionAs(Role::Agent, kAgentId), m_clock);

    QVERIFY(feedback().vote(m_article, true));
    QVERIFY(second.vote(m_article, true));
    QVERIFY(feedback().recordView(m_article));
    QVERIFY(second.recordView(m_article));
    const auto ids = [](const QSqlDatabase& db) {
        QSqlQuery q(db);
        QStringList out;
        if (q.exec(QStringLiteral("SELECT id || ':' || kind FROM kb_feedback ORDER BY id")))
            while (q.next())
                out << q.value(0).toString();
        return out;
    };
    const QStringList mine = ids(m_temp->store()->connection());
    QCOMPARE(mine.size(), 2);
    QCOMPARE(ids(other.store()->connection()), mine);
    // Another agent derives other ids.
    QVERIFY(feedback(Role::Agent, QStringLiteral("0190aaaa-0000-7000-8000-0000000000a2")).vote(m_article, true));
    QCOMPARE(count(QStringLiteral("SELECT count(DISTINCT id) FROM kb_feedback")), 3);
}

void TestKbFeedback::feedbackOnlyOnWhatTheReaderSees()
{
    KbArticleService sup1(m_temp->store(), sessionAs(Role::Supervisor, m_sup1), m_clock);
    const QString draft = sup1.createDraft(sampleDraft(QStringLiteral("草稿"))).value();
    auto agent = feedback();
    QCOMPARE(agent.recordView(draft).error().code, QStringLiteral("not_found"));
    QCOMPARE(agent.vote(draft, true).error().code, QStringLiteral("not_found"));
    QCOMPARE(agent.myVote(draft).error().code, QStringLiteral("not_found"));
    QCOMPARE(agent.link(m_ticket, draft).error().code, QStringLiteral("not_found"));
    // An editor previews a draft (a view) but does not rate it.
    auto editor = feedback(Role::Supervisor, m_sup2);
    QVERIFY(editor.recordView(draft));
    QCOMPARE(editor.vote(draft, true).error().code, QStringLiteral("state"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM kb_feedback WHERE kind <> 'view'")), 0);
    // Feedback is recorded in an agent's name.
    QCOMPARE(feedback(Role::Agent, QString()).vote(m_article, true).error().code, QStringLiteral("permission"));
}

void TestKbFeedback::everyRoleRecords()
{
    int n = 0;
    for (Role role : {Role::Agent, Role::Clerk, Role::Supervisor, Role::Admin}) {
        const QString id = QStringLiteral("0190bbbb-0000-7000-8000-00000000000%1").arg(++n);
        auto reader = feedback(role, id);
        QVERIFY(reader.recordView(m_article));
        QVERIFY(reader.vote(m_article, role != Role::Clerk));
        QVERIFY(reader.link(m_ticket, m_article));
    }
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM kb_feedback")), 8);
    QCOMPARE(count(QStringLiteral("SELECT sum(helpful) FROM kb_feedback_day")), 3);
    QCOMPARE(count(QStringLiteral("SELECT sum(not_helpful) FROM kb_feedback_day")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_kb_link")), 1); // linked once, by the first
}

void TestKbFeedback::linkTwiceIsOneLink()
{
    auto agent = feedback();
    QVERIFY(agent.link(m_ticket, m_article));
    m_clock.advanceSecs(60);
    QVERIFY(agent.link(m_ticket, m_article));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_kb_link")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket_kb_link'")), 1);
    const auto links = agent.linksFor(m_ticket);
    QVERIFY(links);
    QCOMPARE(links.value().size(), 1);
    QCOMPARE(links.value().at(0).articleId, m_article);
    QCOMPARE(links.value().at(0).title, QStringLiteral("国际漫游资费说明"));
    QCOMPARE(links.value().at(0).language, QStringLiteral("zh_CN"));
    QCOMPARE(links.value().at(0).agentId, kAgentId);
    QCOMPARE(links.value().at(0).linkedAt, m_clock.nowMs() - 60000);
    QCOMPARE(count(QStringLiteral("SELECT sum(links) FROM kb_feedback_day")), 1);
    // A second article is a second link, listed in the order they were made.
    const QString other = publish(m_temp->store(), sampleDraft(QStringLiteral("漫游开通")));
    QVERIFY(agent.link(m_ticket, other));
    const auto both = agent.linksFor(m_ticket).value();
    QCOMPARE(both.size(), 2);
    QCOMPARE(both.at(1).articleId, other);
    QCOMPARE(agent.linksFor(QStringLiteral("0190ffff-0000-7000-8000-000000000000")).value().size(), 0);
}

void TestKbFeedback::unlinkAndLinkAgain()
{
    auto agent = feedback();
    QVERIFY(agent.link(m_ticket, m_article));
    QVERIFY(agent.unlink(m_ticket, m_article));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_kb_link WHERE deleted_at IS NOT NULL")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket_kb_link' AND op = 'delete'")), 1);
    QCOMPARE(agent.linksFor(m_ticket).value().size(), 0);
    QCOMPARE(count(QStringLiteral("SELECT sum(links) FROM kb_feedback_day")), 0);
    QVERIFY(agent.unlink(m_ticket, m_article)); // nothing left to unlink
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket_kb_link' AND op = 'delete'")), 1);
    // Linked again: a row of its own (a tombstone is never revived).
    QVERIFY(agent.link(m_ticket, m_article));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_kb_link")), 2);
    QCOMPARE(agent.linksFor(m_ticket).value().size(), 1);
    QCOMPARE(count(QStringLiteral("SELECT sum(links) FROM kb_feedback_day")), 1);
}

void TestKbFeedback::linksForMissingOrRetiredArticle()
{
    auto agent = feedback();
    QVERIFY(agent.link(m_ticket, m_article));
    // A link another desktop made to an article this one does not hold (pulled as it is).
    const QString missing = QStringLiteral("0190cccc-0000-7000-8000-000000000001");
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("INSERT INTO ticket_kb_link (id, ticket_id, article_id, agent_id, linked_at, row_version) "
                             "VALUES ('0190cccc-0000-7000-8000-0000000000f1', ?, ?, ?, ?, 5)"));
    q.addBindValue(m_ticket);
    q.addBindValue(missing);
    q.addBindValue(m_sup1);
    q.addBindValue(m_clock.nowMs() + 1000);
    QVERIFY(q.exec());
    auto links = agent.linksFor(m_ticket).value();
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.at(1).articleId, missing);
    QVERIFY(links.at(1).title.isEmpty());
    QVERIFY(links.at(1).language.isEmpty());
    QCOMPARE(links.at(1).agentId, m_sup1);
    // A retired article is no longer available either.
    QVERIFY(KbArticleService(m_temp->store(), sessionAs(Role::Supervisor, m_sup2), m_clock).retire(m_article, QString()));
    links = agent.linksFor(m_ticket).value();
    QCOMPARE(links.size(), 2);
    QVERIFY(links.at(0).title.isEmpty());
    // It can still be unlinked.
    QVERIFY(agent.unlink(m_ticket, missing));
    QCOMPARE(agent.linksFor(m_ticket).value().size(), 1);
}

void TestKbFeedback::linkNeedsTicketAndArticle()
{
    auto agent = feedback();
    QCOMPARE(agent.link(QStringLiteral("0190ffff-0000-7000-8000-000000000000"), m_article).error().code,
             QStringLiteral("not_found"));
    QCOMPARE(agent.link(m_ticket, QStringLiteral("0190ffff-0000-7000-8000-000000000000")).error().code,
             QStringLiteral("not_found"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM ticket_kb_link")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'ticket_kb_link'")), 0);
}

void TestKbFeedback::failedVoteLeavesNothing()
{
    QSqlDatabase db = m_temp->store()->connection();
    int statements = 0;
    {
        FailingStore counter(db);
        QVERIFY(feedback(Role::Agent, QStringLiteral("0190dddd-0000-7000-8000-000000000000")).vote(m_article, true));
        statements = counter.statements();
    }
    QVERIFY(statements > 3);
    int refused = 0;
    for (int i = 1; i <= statements; ++i) {
        auto voter = feedback(Role::Agent, QStringLiteral("0190dddd-0000-7000-8000-0000000000%1").arg(i, 2, 10, QLatin1Char('0')));
        const int rows = count(QStringLiteral("SELECT count(*) FROM kb_feedback"));
        const int outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
        const int helpful = count(QStringLiteral("SELECT coalesce(sum(helpful), 0) FROM kb_feedback_day"));
        bool voted = false;
        QString failed;
        {
            FailingStore failing(db, i);
            voted = bool(voter.vote(m_article, true));
            failed = failing.failedStatement();
            QVERIFY(failing.fired());
        }
        const QByteArray what = QStringLiteral("statement %1 (%2)").arg(i).arg(failed).toUtf8();
        if (!voted)
            ++refused;
        const int grew = voted ? 1 : 0;
        QVERIFY2(count(QStringLiteral("SELECT count(*) FROM kb_feedback")) == rows + grew, what.constData());
        QVERIFY2(count(QStringLiteral("SELECT count(*) FROM outbox")) == outbox + grew, what.constData());
        QVERIFY2(count(QStringLiteral("SELECT coalesce(sum(helpful), 0) FROM kb_feedback_day")) == helpful + grew, what.constData());
        if (!failed.startsWith(QLatin1String("PRAGMA user_version")))
            QVERIFY2(!voted, what.constData());
    }
    QVERIFY2(refused >= statements - 1, qPrintable(QStringLiteral("%1 of %2 failures refused").arg(refused).arg(statements)));
}

QTEST_GUILESS_MAIN(TestKbFeedback)
#include "tst_kbfeedback.moc"
