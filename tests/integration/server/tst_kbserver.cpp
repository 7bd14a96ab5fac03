// The knowledge base on a real PostgreSQL (server migration 12): who writes articles, the editorial
// workflow the server enforces (status steps, a reviewer other than the author, new versions only with a
// reviewer), what sync.pull sends agents (published articles only, a null when one is retired, nothing of
// drafts), feedback once per derived id and only in one's own name, and article links that follow their
// ticket's scope.

#include "PgTestServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace telcodesk;
using telcodesk::test::PgTestServer;

namespace {

/// One desktop: a login's connection, its client id and outbox numbering, and its pull position.
struct Desk
{
    PgConnectionPtr conn;
    QString login;
    QString agentId;
    QString client;
    qint64 seq = 0;
    QString cursor;
};

using RowKey = QPair<QString, QString>;

} // namespace

// The cache's migrations are resources of the static core library.
static void initCoreResources()
{
    Q_INIT_RESOURCE(core);
}

class TestKbServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void agentsAndClerksWriteNoArticles();
    void draftToPublishedWithAnotherReviewer();
    void authorCannotReviewExceptAdmin();
    void illegalStatusStepsAreRefused_data();
    void illegalStatusStepsAreRefused();
    void revisionReplacesContentAsNewVersion();
    void agentsPullPublishedOnly();
    void feedbackOncePerDerivedId();
    void ticketLinksFollowTheirTicket();
    void categoriesAreTheCacheDefaults();
    void firstSyncOfSeveralPagesAfterPruning();

private:
    bool openDesk(Desk* desk, const QString& name, const QString& role, const QStringList& regions);
    /// One mutation as its own batch; the result object ({"status", "code", ...}).
    QJsonObject apply(Desk& desk, const QString& entity, const QString& id, const QString& op, const QJsonObject& set,
                      const QJsonObject& base = {});
    /// A new draft by this supervisor or admin, applied; its id.
    QString newDraft(Desk& author, const QString& title);
    /// draft -> in_review -> published (reviewed by reviewer); false when a step is not applied.
    bool publish(Desk& author, Desk& reviewer, const QString& id);
    QString status(const QString& id);
    /// Every row the desk's next pulls deliver (table, id) -> row or null; the desk's cursor moves on.
    QHash<RowKey, QJsonValue> pullAll(Desk& desk);

    std::unique_ptr<PgTestServer> m_server;
    PgTestServer::TwoRegions m_seed;
    Desk m_agent, m_agentB, m_clerk, m_sup1, m_sup2, m_admin;
};

namespace {

QJsonObject draftFields(const QString& title, const QString& authorId)
{
    return {{QStringLiteral("title"), title},
            {QStringLiteral("body"), QStringLiteral("<p>宽带无法上网时，先重启光猫。</p>")},
            {QStringLiteral("category"), QStringLiteral("broadband.fault")},
            {QStringLiteral("tags"), QStringLiteral("宽带,光猫")},
            {QStringLiteral("language"), QStringLiteral("zh_CN")},
            {QStringLiteral("status"), QStringLiteral("draft")},
            {QStringLiteral("version"), 1},
            {QStringLiteral("author_id"), authorId},
            {QStringLiteral("created_at"), qint64(1763800000000)},
            {QStringLiteral("change_note"), QStringLiteral("first version")}};
}

QString outcome(const QJsonObject& result)
{
    const QString code = result.value(QStringLiteral("code")).toString();
    return result.value(QStringLiteral("status")).toString() + (code.isEmpty() ? QString() : QLatin1Char(':') + code);
}

QByteArray why(const QJsonObject& result)
{
    return QJsonDocument(result).toJson(QJsonDocument::Compact);
}

} // namespace

bool TestKbServer::openDesk(Desk* desk, const QString& name, const QString& role, const QStringList& regions)
{
    desk->login = m_server->addAgent(name, role, regions);
    if (desk->login.isEmpty())
        return false;
    desk->agentId = m_server->scalar(QStringLiteral("SELECT id::text FROM td.agent WHERE login = ?"), {desk->login}).toString();
    desk->conn = m_server->connectAs(desk->login);
    desk->client = PgTestServer::newId();
    return desk->conn && !desk->agentId.isEmpty();
}

void TestKbServer::initTestCase()
{
    initCoreResources();
    if (const QString reason = PgTestServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_server = std::make_unique<PgTestServer>(QStringLiteral("kb"));
    QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    QVERIFY2(m_server->seedTwoRegions(&m_seed), qPrintable(m_server->error()));
    const QStringList gz{QStringLiteral("440100")};
    QVERIFY2(openDesk(&m_agent, QStringLiteral("agent_a"), QStringLiteral("agent"), gz), qPrintable(m_server->error()));
    QVERIFY2(openDesk(&m_agentB, QStringLiteral("agent_b"), QStringLiteral("agent"), {QStringLiteral("110100")}),
             qPrintable(m_server->error()));
    QVERIFY2(openDesk(&m_clerk, QStringLiteral("clerk_a"), QStringLiteral("clerk"), gz), qPrintable(m_server->error()));
    QVERIFY2(openDesk(&m_sup1, QStringLiteral("sup_1"), QStringLiteral("supervisor"), gz), qPrintable(m_server->error()));
    QVERIFY2(openDesk(&m_sup2, QStringLiteral("sup_2"), QStringLiteral("supervisor"), gz), qPrintable(m_server->error()));
    QVERIFY2(openDesk(&m_admin, QStringLiteral("admin_1"), QStringLiteral("admin"), gz), qPrintable(m_server->error()));
}

void TestKbServer::cleanupTestCase()
{
    for (Desk* desk : {&m_agent, &m_agentB, &m_clerk, &m_sup1, &m_sup2, &m_admin})
        desk->conn.reset();
    m_server.reset();
}

QJsonObject TestKbServer::apply(Desk& desk, const QString& entity, const QString& id, const QString& op,
                                const QJsonObject& set, const QJsonObject& base)
{
    QJsonObject payload{{QStringLiteral("set"), set}};
    QJsonObject sent = base;
    if (op == QLatin1String("update") && sent.isEmpty()) {
        // A desktop that is up to date: what the server holds now is what it last saw.
        const QJsonObject current = QJsonDocument::fromJson(
            m_server->scalar(QStringLiteral("SELECT to_jsonb(t)::text FROM td.%1 t WHERE id = ?::uuid").arg(entity), {id})
                .toString().toUtf8()).object();
        for (auto it = set.constBegin(); it != set.constEnd(); ++it)
            sent.insert(it.key(), current.value(it.key()));
    }
    if (!sent.isEmpty())
        payload.insert(QStringLiteral("base"), sent);
    const QJsonObject mutation{{QStringLiteral("seq"), ++desk.seq},
                               {QStringLiteral("entity"), entity},
                               {QStringLiteral("entity_id"), id},
                               {QStringLiteral("op"), op},
                               {QStringLiteral("payload"), payload}};
    QString error;
    const QJsonObject answer = PgTestServer::applyBatch(*desk.conn, desk.client, QJsonArray{mutation}, &error);
    if (!error.isEmpty())
        return {{QStringLiteral("status"), QStringLiteral("batch failed")}, {QStringLiteral("reason"), error}};
    return answer.value(QStringLiteral("results")).toArray().at(0).toObject();
}

QString TestKbServer::newDraft(Desk& author, const QString& title)
{
    const QString id = PgTestServer::newId();
    const QJsonObject result = apply(author, QStringLiteral("kb_article"), id, QStringLiteral("insert"),
                                     draftFields(title, author.agentId));
    if (outcome(result) != QLatin1String("applied")) {
        qWarning() << "draft not applied:" << why(result);
        return QString();
    }
    return id;
}

bool TestKbServer::publish(Desk& author, Desk& reviewer, const QString& id)
{
    const QJsonObject submitted = apply(author, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                                        {{QStringLiteral("status"), QStringLiteral("in_review")}},
                                        {{QStringLiteral("status"), QStringLiteral("draft")}});
    const QJsonObject published = apply(reviewer, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                                        {{QStringLiteral("status"), QStringLiteral("published")},
                                         {QStringLiteral("reviewer_id"), reviewer.agentId},
                                         {QStringLiteral("published_at"), qint64(1763800100000)}});
    if (outcome(submitted) != QLatin1String("applied") || outcome(published) != QLatin1String("applied")) {
        qWarning() << "not published:" << why(submitted) << why(published);
        return false;
    }
    return true;
}

QString TestKbServer::status(const QString& id)
{
    return m_server->scalar(QStringLiteral("SELECT status FROM td.kb_article WHERE id = ?::uuid"), {id}).toString();
}

QHash<RowKey, QJsonValue> TestKbServer::pullAll(Desk& desk)
{
    QHash<RowKey, QJsonValue> rows;
    for (int page = 0; page < 1000; ++page) {
        QString error;
        const QJsonObject answer = PgTestServer::pull(*desk.conn, desk.cursor, 500, &error);
        if (!error.isEmpty() || answer.value(QStringLiteral("resync")).toBool()) {
            qWarning() << "pull failed:" << error << answer;
            return {};
        }
        for (const QJsonValue& v : answer.value(QStringLiteral("rows")).toArray()) {
            const QJsonObject entry = v.toObject();
            rows.insert({entry.value(QStringLiteral("tbl")).toString(), entry.value(QStringLiteral("id")).toString()},
                        entry.value(QStringLiteral("row")));
        }
        desk.cursor = answer.value(QStringLiteral("cursor")).toString();
        if (!answer.value(QStringLiteral("more")).toBool())
            break;
    }
    return rows;
}

void TestKbServer::agentsAndClerksWriteNoArticles()
{
    for (Desk* desk : {&m_agent, &m_clerk}) {
        const QJsonObject result = apply(*desk, QStringLiteral("kb_article"), PgTestServer::newId(), QStringLiteral("insert"),
                                         draftFields(QStringLiteral("无权限草稿"), desk->agentId));
        QVERIFY2(outcome(result) == QLatin1String("rejected:permission"), why(result).constData());
    }
    const QString id = newDraft(m_sup1, QStringLiteral("主管可以写草稿"));
    QVERIFY(!id.isEmpty());
    QVERIFY(publish(m_sup1, m_sup2, id));
    const QJsonObject update = apply(m_agent, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                                     {{QStringLiteral("title"), QStringLiteral("坐席改标题")}},
                                     {{QStringLiteral("title"), QStringLiteral("主管可以写草稿")}});
    QVERIFY2(outcome(update) == QLatin1String("rejected:permission"), why(update).constData());
    // Nor a version of its own, nor the catalog.
    const QJsonObject version = apply(m_agent, QStringLiteral("kb_article_version"), PgTestServer::newId(),
                                      QStringLiteral("insert"),
                                      {{QStringLiteral("article_id"), id}, {QStringLiteral("version"), 2},
                                       {QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("body"), QStringLiteral("x")},
                                       {QStringLiteral("category"), QStringLiteral("billing")},
                                       {QStringLiteral("published_at"), qint64(1)}});
    QVERIFY2(outcome(version) == QLatin1String("rejected:permission"), why(version).constData());
    const QJsonObject category = apply(m_sup1, QStringLiteral("kb_category"), PgTestServer::newId(), QStringLiteral("insert"),
                                       {{QStringLiteral("code"), QStringLiteral("x")}, {QStringLiteral("name_zh"), QStringLiteral("x")},
                                        {QStringLiteral("name_en"), QStringLiteral("x")}});
    QVERIFY2(outcome(category) == QLatin1String("rejected:read_only"), why(category).constData());
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT title FROM td.kb_article WHERE id = ?::uuid"), {id}).toString(),
             QStringLiteral("主管可以写草稿"));
}

void TestKbServer::draftToPublishedWithAnotherReviewer()
{
    const QString id = newDraft(m_sup1, QStringLiteral("携号转网办理条件"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(status(id), QStringLiteral("draft"));
    // A draft is written in its author's own name.
    QJsonObject foreign = draftFields(QStringLiteral("代别人写"), m_sup2.agentId);
    const QJsonObject forged = apply(m_sup1, QStringLiteral("kb_article"), PgTestServer::newId(), QStringLiteral("insert"), foreign);
    QVERIFY2(outcome(forged) == QLatin1String("rejected:permission"), why(forged).constData());
    // Publishing needs a reviewer, and a supervisor signs as itself.
    QCOMPARE(outcome(apply(m_sup1, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                           {{QStringLiteral("status"), QStringLiteral("in_review")}})),
             QStringLiteral("applied"));
    const QJsonObject noReviewer = apply(m_sup2, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                                         {{QStringLiteral("status"), QStringLiteral("published")}});
    QVERIFY2(outcome(noReviewer) == QLatin1String("rejected:workflow"), why(noReviewer).constData());
    const QJsonObject signedForAnother = apply(m_sup2, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                                               {{QStringLiteral("status"), QStringLiteral("published")},
                                                {QStringLiteral("reviewer_id"), m_admin.agentId}});
    QVERIFY2(outcome(signedForAnother) == QLatin1String("rejected:permission"), why(signedForAnother).constData());
    QCOMPARE(status(id), QStringLiteral("in_review"));
    const QJsonObject published = apply(m_sup2, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                                        {{QStringLiteral("status"), QStringLiteral("published")},
                                         {QStringLiteral("reviewer_id"), m_sup2.agentId}});
    QVERIFY2(outcome(published) == QLatin1String("applied"), why(published).constData());
    QCOMPARE(status(id), QStringLiteral("published"));
    // In review and back: in_review -> draft is a step too.
    const QString other = newDraft(m_sup2, QStringLiteral("送回修改"));
    QCOMPARE(outcome(apply(m_sup2, QStringLiteral("kb_article"), other, QStringLiteral("update"),
                           {{QStringLiteral("status"), QStringLiteral("in_review")}})),
             QStringLiteral("applied"));
    QCOMPARE(outcome(apply(m_sup1, QStringLiteral("kb_article"), other, QStringLiteral("update"),
                           {{QStringLiteral("status"), QStringLiteral("draft")}, {QStringLiteral("review_note"), QStringLiteral("补充步骤")}})),
             QStringLiteral("applied"));
    QCOMPARE(status(other), QStringLiteral("draft"));
}

void TestKbServer::authorCannotReviewExceptAdmin()
{
    const QString own = newDraft(m_sup1, QStringLiteral("自己审自己"));
    QVERIFY(!own.isEmpty());
    QCOMPARE(outcome(apply(m_sup1, QStringLiteral("kb_article"), own, QStringLiteral("update"),
                           {{QStringLiteral("status"), QStringLiteral("in_review")}})),
             QStringLiteral("applied"));
    const QJsonObject refused = apply(m_sup1, QStringLiteral("kb_article"), own, QStringLiteral("update"),
                                      {{QStringLiteral("status"), QStringLiteral("published")},
                                       {QStringLiteral("reviewer_id"), m_sup1.agentId}});
    QVERIFY2(outcome(refused) == QLatin1String("rejected:permission"), why(refused).constData());
    QVERIFY(refused.value(QStringLiteral("reason")).toString().contains(QLatin1String("cannot review")));
    QCOMPARE(status(own), QStringLiteral("in_review"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM sync.rejection WHERE client_id = ?::uuid AND code = 'permission'"),
                              {m_sup1.client}).toInt() >= 1, true);

    // An administrator may review its own.
    const QString admins = newDraft(m_admin, QStringLiteral("管理员自审"));
    QVERIFY(!admins.isEmpty());
    QVERIFY(publish(m_admin, m_admin, admins));
    QCOMPARE(status(admins), QStringLiteral("published"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT reviewer_id::text FROM td.kb_article WHERE id = ?::uuid"), {admins}).toString(),
             m_admin.agentId);
}

void TestKbServer::illegalStatusStepsAreRefused_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("draft -> published") << "draft" << "published";
    QTest::newRow("draft -> retired") << "draft" << "retired";
    QTest::newRow("in_review -> retired") << "in_review" << "retired";
    QTest::newRow("published -> draft") << "published" << "draft";
    QTest::newRow("published -> in_review") << "published" << "in_review";
    QTest::newRow("retired -> published") << "retired" << "published";
    QTest::newRow("retired -> draft") << "retired" << "draft";
}

void TestKbServer::illegalStatusStepsAreRefused()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    const QString id = newDraft(m_sup1, QStringLiteral("状态跳转 %1").arg(from));
    QVERIFY(!id.isEmpty());
    if (from != QLatin1String("draft")) {
        QCOMPARE(outcome(apply(m_sup1, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                               {{QStringLiteral("status"), QStringLiteral("in_review")}})),
                 QStringLiteral("applied"));
    }
    if (from == QLatin1String("published") || from == QLatin1String("retired")) {
        QCOMPARE(outcome(apply(m_sup2, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                               {{QStringLiteral("status"), QStringLiteral("published")},
                                {QStringLiteral("reviewer_id"), m_sup2.agentId}})),
                 QStringLiteral("applied"));
    }
    if (from == QLatin1String("retired")) {
        QCOMPARE(outcome(apply(m_sup2, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                               {{QStringLiteral("status"), QStringLiteral("retired")}})),
                 QStringLiteral("applied"));
    }
    QCOMPARE(status(id), from);
    // Even an administrator follows the steps.
    for (Desk* desk : {&m_sup2, &m_admin}) {
        QJsonObject set{{QStringLiteral("status"), to}};
        if (to == QLatin1String("published"))
            set.insert(QStringLiteral("reviewer_id"), desk->agentId);
        const QJsonObject result = apply(*desk, QStringLiteral("kb_article"), id, QStringLiteral("update"), set);
        QVERIFY2(outcome(result) == QLatin1String("rejected:workflow"), why(result).constData());
    }
    QCOMPARE(status(id), from);
    // A new article starts as a draft.
    QJsonObject early = draftFields(QStringLiteral("直接发布"), m_sup1.agentId);
    early.insert(QStringLiteral("status"), QStringLiteral("published"));
    const QJsonObject inserted = apply(m_sup1, QStringLiteral("kb_article"), PgTestServer::newId(), QStringLiteral("insert"), early);
    QVERIFY2(outcome(inserted) == QLatin1String("rejected:workflow"), why(inserted).constData());
}

void TestKbServer::revisionReplacesContentAsNewVersion()
{
    const QString article = newDraft(m_sup1, QStringLiteral("国际漫游开通"));
    QVERIFY(!article.isEmpty());
    QVERIFY(publish(m_sup1, m_sup2, article));

    // Content of a published article changes only as a new version with a reviewer.
    const QJsonObject inPlace = apply(m_sup2, QStringLiteral("kb_article"), article, QStringLiteral("update"),
                                      {{QStringLiteral("title"), QStringLiteral("国际漫游开通（改）")}});
    QVERIFY2(outcome(inPlace) == QLatin1String("rejected:workflow"), why(inPlace).constData());
    const QJsonObject skipped = apply(m_sup2, QStringLiteral("kb_article"), article, QStringLiteral("update"),
                                      {{QStringLiteral("title"), QStringLiteral("国际漫游开通（改）")}, {QStringLiteral("version"), 3},
                                       {QStringLiteral("reviewer_id"), m_sup2.agentId}});
    QVERIFY2(outcome(skipped) == QLatin1String("rejected:workflow"), why(skipped).constData());

    // A revision by sup2, in review.
    const QString revision = PgTestServer::newId();
    QJsonObject fields = draftFields(QStringLiteral("国际漫游开通与资费"), m_sup2.agentId);
    fields.insert(QStringLiteral("version"), 2);
    fields.insert(QStringLiteral("revision_of"), article);
    fields.insert(QStringLiteral("change_note"), QStringLiteral("加入资费"));
    QCOMPARE(outcome(apply(m_sup2, QStringLiteral("kb_article"), revision, QStringLiteral("insert"), fields)),
             QStringLiteral("applied"));
    QCOMPARE(outcome(apply(m_sup2, QStringLiteral("kb_article"), revision, QStringLiteral("update"),
                           {{QStringLiteral("status"), QStringLiteral("in_review")}})),
             QStringLiteral("applied"));
    // A revision is approved into its article, never published itself.
    const QJsonObject itself = apply(m_sup1, QStringLiteral("kb_article"), revision, QStringLiteral("update"),
                                     {{QStringLiteral("status"), QStringLiteral("published")},
                                      {QStringLiteral("reviewer_id"), m_sup1.agentId}});
    QVERIFY2(outcome(itself) == QLatin1String("rejected:workflow"), why(itself).constData());

    const QJsonObject approval{{QStringLiteral("title"), QStringLiteral("国际漫游开通与资费")},
                               {QStringLiteral("version"), 2},
                               {QStringLiteral("change_note"), QStringLiteral("加入资费")},
                               {QStringLiteral("published_at"), qint64(1763800200000)}};
    // The revision's author (sup2) cannot approve it, although sup1 wrote the article.
    QJsonObject bySup2 = approval;
    bySup2.insert(QStringLiteral("reviewer_id"), m_sup2.agentId);
    const QJsonObject refused = apply(m_sup2, QStringLiteral("kb_article"), article, QStringLiteral("update"), bySup2);
    QVERIFY2(outcome(refused) == QLatin1String("rejected:permission"), why(refused).constData());
    // sup1 can: the original's author, not the revision's.
    QJsonObject bySup1 = approval;
    bySup1.insert(QStringLiteral("reviewer_id"), m_sup1.agentId);
    const QJsonObject approved = apply(m_sup1, QStringLiteral("kb_article"), article, QStringLiteral("update"), bySup1);
    QVERIFY2(outcome(approved) == QLatin1String("applied"), why(approved).constData());
    const QString versionId = PgTestServer::newId();
    const QJsonObject snapshot = apply(m_sup1, QStringLiteral("kb_article_version"), versionId, QStringLiteral("insert"),
                                       {{QStringLiteral("article_id"), article}, {QStringLiteral("version"), 2},
                                        {QStringLiteral("title"), QStringLiteral("国际漫游开通与资费")},
                                        {QStringLiteral("body"), QStringLiteral("<p>x</p>")},
                                        {QStringLiteral("category"), QStringLiteral("roaming")},
                                        {QStringLiteral("author_id"), m_sup2.agentId},
                                        {QStringLiteral("reviewer_id"), m_sup1.agentId},
                                        {QStringLiteral("published_at"), qint64(1763800200000)}});
    QVERIFY2(outcome(snapshot) == QLatin1String("applied"), why(snapshot).constData());
    QCOMPARE(outcome(apply(m_sup1, QStringLiteral("kb_article"), revision, QStringLiteral("delete"), {})),
             QStringLiteral("applied"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT concat_ws('|', status, version, title) FROM td.kb_article WHERE id = ?::uuid"),
                              {article}).toString(),
             QStringLiteral("published|2|国际漫游开通与资费"));
    // The history is append-only.
    const QJsonObject rewrite = apply(m_sup1, QStringLiteral("kb_article_version"), versionId, QStringLiteral("update"),
                                      {{QStringLiteral("title"), QStringLiteral("改历史")}});
    QVERIFY2(outcome(rewrite) == QLatin1String("rejected:append_only"), why(rewrite).constData());
}

void TestKbServer::agentsPullPublishedOnly()
{
    pullAll(m_agent);
    pullAll(m_sup2);
    const QString id = newDraft(m_sup1, QStringLiteral("5G套餐变更规则"));
    QVERIFY(!id.isEmpty());
    const RowKey key{QStringLiteral("kb_article"), id};

    // A draft: nothing for the agent, not even a null; the other supervisor gets it.
    QHash<RowKey, QJsonValue> agentRows = pullAll(m_agent);
    QVERIFY2(!agentRows.contains(key), "an agent learns nothing of a draft");
    QHash<RowKey, QJsonValue> supRows = pullAll(m_sup2);
    QVERIFY(supRows.contains(key));
    QCOMPARE(supRows.value(key).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
    // Nor can the agent read it with plain SQL.
    QCOMPARE(m_agent.conn->scalar(QStringLiteral("SELECT count(*) FROM td.kb_article WHERE id = ?::uuid"), {id})->toInt(), 0);
    QCOMPARE(m_clerk.conn->scalar(QStringLiteral("SELECT count(*) FROM td.kb_article WHERE id = ?::uuid"), {id})->toInt(), 0);

    // Published: the agent receives the row.
    QVERIFY(publish(m_sup1, m_sup2, id));
    agentRows = pullAll(m_agent);
    QVERIFY(agentRows.contains(key));
    QCOMPARE(agentRows.value(key).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("published"));
    QCOMPARE(agentRows.value(key).toObject().value(QStringLiteral("reviewer_id")).toString(), m_sup2.agentId);
    QCOMPARE(agentRows.value(key).toObject().value(QStringLiteral("change_note")).toString(), QStringLiteral("first version"));

    // Retired: the agent is told to delete it.
    QCOMPARE(outcome(apply(m_sup2, QStringLiteral("kb_article"), id, QStringLiteral("update"),
                           {{QStringLiteral("status"), QStringLiteral("retired")}})),
             QStringLiteral("applied"));
    agentRows = pullAll(m_agent);
    QVERIFY(agentRows.contains(key));
    QVERIFY2(agentRows.value(key).isNull(), "a retired article reaches agents as a null row");
    supRows = pullAll(m_sup2);
    QCOMPARE(supRows.value(key).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("retired"));
    // A first sync of the agent holds no trace of the drafts and reviews on the server.
    Desk fresh;
    fresh.conn = m_server->connectAs(m_agent.login);
    QVERIFY(fresh.conn);
    const QHash<RowKey, QJsonValue> first = pullAll(fresh);
    int articles = 0;
    for (auto it = first.cbegin(); it != first.cend(); ++it) {
        if (it.key().first != QLatin1String("kb_article"))
            continue;
        ++articles;
        const QString serverStatus = status(it.key().second);
        QVERIFY2(serverStatus == QLatin1String("published") || (serverStatus == QLatin1String("retired") && it.value().isNull()),
                 qPrintable(QStringLiteral("%1 is %2").arg(it.key().second, serverStatus)));
    }
    QVERIFY(articles > 0);
    QCOMPARE(first.value({QStringLiteral("kb_category"), QStringLiteral("0f1ac4ee-0000-4000-8000-000000000009")})
                 .toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("broadband.fault"));
}

void TestKbServer::feedbackOncePerDerivedId()
{
    const QString article = newDraft(m_sup1, QStringLiteral("话费账单解读"));
    QVERIFY(!article.isEmpty());
    QVERIFY(publish(m_sup1, m_sup2, article));
    const QString voteId = PgTestServer::newId(); // what both desktops derive from (article, agent, version)
    const QJsonObject vote{{QStringLiteral("article_id"), article}, {QStringLiteral("agent_id"), m_agent.agentId},
                           {QStringLiteral("kind"), QStringLiteral("helpful")}, {QStringLiteral("version"), 1},
                           {QStringLiteral("at"), qint64(1763800300000)}};
    // The agent's two desktops: one client id each, one login.
    Desk second;
    second.conn = m_server->connectAs(m_agent.login);
    second.client = PgTestServer::newId();
    QVERIFY(second.conn);
    const QJsonObject first = apply(m_agent, QStringLiteral("kb_feedback"), voteId, QStringLiteral("insert"), vote);
    QVERIFY2(outcome(first) == QLatin1String("applied"), why(first).constData());
    const QJsonObject again = apply(second, QStringLiteral("kb_feedback"), voteId, QStringLiteral("insert"), vote);
    QVERIFY2(outcome(again) == QLatin1String("duplicate"), why(again).constData());
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT count(*) FROM td.kb_feedback WHERE article_id = ?::uuid"), {article}).toInt(), 1);

    // Only in one's own name.
    QJsonObject forged = vote;
    forged.insert(QStringLiteral("agent_id"), m_agentB.agentId);
    const QJsonObject refused = apply(m_agent, QStringLiteral("kb_feedback"), PgTestServer::newId(), QStringLiteral("insert"), forged);
    QVERIFY2(outcome(refused) == QLatin1String("rejected:permission"), why(refused).constData());
    // Every role records its own; nobody changes a vote.
    QJsonObject clerkView = vote;
    clerkView.insert(QStringLiteral("agent_id"), m_clerk.agentId);
    clerkView.insert(QStringLiteral("kind"), QStringLiteral("view"));
    QCOMPARE(outcome(apply(m_clerk, QStringLiteral("kb_feedback"), PgTestServer::newId(), QStringLiteral("insert"), clerkView)),
             QStringLiteral("applied"));
    const QJsonObject changed = apply(m_agent, QStringLiteral("kb_feedback"), voteId, QStringLiteral("update"),
                                      {{QStringLiteral("kind"), QStringLiteral("not_helpful")}});
    QVERIFY2(outcome(changed) == QLatin1String("rejected:append_only"), why(changed).constData());
    // Everyone reads the feedback (global).
    QCOMPARE(m_agentB.conn->scalar(QStringLiteral("SELECT count(*) FROM td.kb_feedback WHERE article_id = ?::uuid"), {article})->toInt(),
             2);
}

void TestKbServer::ticketLinksFollowTheirTicket()
{
    const QString article = newDraft(m_sup1, QStringLiteral("光猫红灯处理"));
    QVERIFY(!article.isEmpty());
    QVERIFY(publish(m_sup1, m_sup2, article));
    pullAll(m_agent);
    pullAll(m_agentB);
    const QString link = PgTestServer::newId();
    const QJsonObject fields{{QStringLiteral("ticket_id"), m_seed.ticket}, {QStringLiteral("article_id"), article},
                             {QStringLiteral("agent_id"), m_agent.agentId}, {QStringLiteral("linked_at"), qint64(1763800400000)}};
    // Only someone who sees the ticket links to it.
    const QJsonObject outside = apply(m_agentB, QStringLiteral("ticket_kb_link"), PgTestServer::newId(), QStringLiteral("insert"), fields);
    QVERIFY2(outcome(outside) == QLatin1String("rejected:permission"), why(outside).constData());
    const QJsonObject linked = apply(m_agent, QStringLiteral("ticket_kb_link"), link, QStringLiteral("insert"), fields);
    QVERIFY2(outcome(linked) == QLatin1String("applied"), why(linked).constData());
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT scope_region FROM td.ticket_kb_link WHERE id = ?::uuid"), {link}).toString(),
             QStringLiteral("440106"));

    const RowKey key{QStringLiteral("ticket_kb_link"), link};
    QHash<RowKey, QJsonValue> rowsA = pullAll(m_agent);
    QHash<RowKey, QJsonValue> rowsB = pullAll(m_agentB);
    QVERIFY(rowsA.value(key).isObject());
    QVERIFY2(!rowsB.contains(key) || rowsB.value(key).isNull(), "agent B does not see the ticket's links");
    QCOMPARE(m_agentB.conn->scalar(QStringLiteral("SELECT count(*) FROM td.ticket_kb_link"))->toInt(), 0);

    // The ticket moves to the Beijing customer: its link goes with it.
    QVERIFY2(m_server->exec(QStringLiteral("UPDATE td.ticket SET customer_id = ?::uuid WHERE id = ?::uuid"),
                            {m_seed.customerB, m_seed.ticket}),
             qPrintable(m_server->error()));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT scope_region FROM td.ticket_kb_link WHERE id = ?::uuid"), {link}).toString(),
             QStringLiteral("110101"));
    rowsA = pullAll(m_agent);
    rowsB = pullAll(m_agentB);
    QVERIFY2(rowsA.contains(key) && rowsA.value(key).isNull(), "agent A loses the link with the ticket");
    QVERIFY2(rowsB.value(key).isObject(), "agent B receives the link with the ticket");

    // Unlinking is a tombstone by whoever sees the ticket now.
    const QJsonObject unlinked = apply(m_agentB, QStringLiteral("ticket_kb_link"), link, QStringLiteral("delete"), {});
    QVERIFY2(outcome(unlinked) == QLatin1String("applied"), why(unlinked).constData());
    rowsB = pullAll(m_agentB);
    QVERIFY(rowsB.value(key).toObject().value(QStringLiteral("deleted_at")).toInteger() > 0);
    QVERIFY2(m_server->exec(QStringLiteral("UPDATE td.ticket SET customer_id = ?::uuid WHERE id = ?::uuid"),
                            {m_seed.customerA, m_seed.ticket}),
             qPrintable(m_server->error()));
}

void TestKbServer::categoriesAreTheCacheDefaults()
{
    // The same (id, code) pairs as the cache's migration, so that a pulled row replaces the local one.
    QFile local(QStringLiteral(":/telcodesk/sql/sqlite/0011_knowledge_base.sql"));
    QVERIFY(local.open(QIODevice::ReadOnly));
    const QString sql = QString::fromUtf8(local.readAll());
    static const QRegularExpression row(QStringLiteral("\\('(0f1ac4ee-[0-9a-f-]+)',\\s*'([a-z.]+)'"));
    QStringList localPairs;
    for (auto it = row.globalMatch(sql); it.hasNext();) {
        const auto m = it.next();
        localPairs << m.captured(1) + QLatin1Char('=') + m.captured(2);
    }
    QCOMPARE(localPairs.size(), 14);
    localPairs.sort();
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT string_agg(id::text || '=' || code, ',' ORDER BY id) "
                                             "FROM td.kb_category")).toString(),
             localPairs.join(QLatin1Char(',')));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT string_agg(code, ',' ORDER BY ordinal) FROM td.kb_category "
                                             "WHERE parent_code = 'billing'")).toString(),
             QStringLiteral("billing.dispute,billing.payment"));
    QCOMPARE(m_server->scalar(QStringLiteral("SELECT policy || '/' || scope || '/' || load_order FROM sync.synced_table "
                                             "WHERE name = 'ticket_kb_link'")).toString(),
             QStringLiteral("merge/ticket/123"));
}

void TestKbServer::firstSyncOfSeveralPagesAfterPruning()
{
    // Superseded entries to prune: every article above was written several times.
    qint64 deleted = 0;
    for (int attempt = 0; attempt < 100 && deleted == 0; ++attempt) {
        deleted = QJsonDocument::fromJson(m_server->scalar(QStringLiteral("SELECT sync.prune_change_log(0)::text")).toString().toUtf8())
                      .object().value(QStringLiteral("deleted")).toInteger();
        if (deleted == 0)
            QTest::qWait(200); // the horizon may be held back by other tests' transactions for a moment
    }
    QVERIFY(deleted > 0);
    // A desktop that starts now pages through its first round (H = 0, below the pruned point) to the end.
    Desk fresh;
    fresh.conn = m_server->connectAs(m_sup1.login);
    QVERIFY(fresh.conn);
    int pages = 0;
    QSet<QString> articles;
    for (; pages < 10000; ++pages) {
        QString error;
        const QJsonObject answer = PgTestServer::pull(*fresh.conn, fresh.cursor, 5, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(!answer.value(QStringLiteral("resync")).toBool(), qPrintable(QStringLiteral("resync on page %1").arg(pages + 1)));
        for (const QJsonValue& v : answer.value(QStringLiteral("rows")).toArray()) {
            if (v.toObject().value(QStringLiteral("tbl")).toString() == QLatin1String("kb_article"))
                articles.insert(v.toObject().value(QStringLiteral("id")).toString());
        }
        fresh.cursor = answer.value(QStringLiteral("cursor")).toString();
        if (!answer.value(QStringLiteral("more")).toBool())
            break;
    }
    QVERIFY(pages > 3);
    // Every live article (pruning took the entries of long-deleted rows: the tombstoned revision).
    QCOMPARE(articles.size(), m_server->scalar(QStringLiteral("SELECT count(*) FROM td.kb_article WHERE deleted_at IS NULL")).toInt());
}

QTEST_GUILESS_MAIN(TestKbServer)
#include "tst_kbserver.moc"
