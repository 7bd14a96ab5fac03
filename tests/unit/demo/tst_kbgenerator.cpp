#include "TableHash.h"
#include "TempStore.h"
#include "demo/DemoGenerator.h"
#include "demo/KbGenerator.h"
#include "kb/KbArticleService.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>

using namespace telcodesk;
using telcodesk::test::TempStore;

namespace {

const QDate kAsOf(2026, 11, 22);
constexpr int kCustomers = 1000;
constexpr int kArticles = 2000;

const QVector<test::HashedTable> kKbTables = {
    {"kb_article", "id"}, {"kb_article_version", "id"}, {"kb_feedback", "id"}, {"ticket_kb_link", "id"}};

qint64 scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning() << "query failed" << sql << q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

QByteArray kbHash(const QSqlDatabase& db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!test::hashTables(hash, db, kKbTables))
        return {};
    return hash.result().toHex();
}

/// test_cancel(): sets the flag passed as the function's user data, so that a temporary trigger can cancel
/// a generation at an exact row.
void setCancel(sqlite3_context* context, int, sqlite3_value**)
{
    static_cast<std::atomic<bool>*>(sqlite3_user_data(context))->store(true);
    sqlite3_result_null(context);
}

bool cancelAtArticle(const QSqlDatabase& db, std::atomic<bool>* flag, int row)
{
    sqlite3* handle = LocalStore::handle(db);
    if (sqlite3_create_function(handle, "test_cancel", 0, SQLITE_UTF8, flag, setCancel, nullptr, nullptr) != SQLITE_OK)
        return false;
    QSqlQuery q(db);
    return q.exec(QStringLiteral("CREATE TEMP TRIGGER cancel_kb AFTER INSERT ON kb_article WHEN new.rowid = %1 "
                                 "BEGIN SELECT test_cancel(); END")
                      .arg(row));
}

} // namespace

class TestKbGenerator : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void countsAndStatusMix();
    void languagesAndCategories();
    void publishedArticlesHaveEveryVersion();
    void revisionsPointAtPublishedArticles();
    void draftsAreUnpublished();
    void titlesBodiesAndTags();
    void contentReadsLikeAnOperatorsKnowledgeBase();
    void authorsAndReviewersAreSupervisors();
    void feedbackOverTheLastSixtyDays();
    void ticketLinks();
    void searchIndexPopulated();

    void deterministicAndHookedIntoTheDemoGenerator();
    void differentSeedDifferentArticles();
    void emptyStoreUsesBuiltInCatalog();
    void refusesNonEmptyStore();
    void rejectsBadOptions();
    void cancelDuringWritingLeavesNothing();
    void cancelInsideTheDemoGeneratorLeavesNothing();
    void errorRollsBack();

private:
    QSqlDatabase db() const { return m_store->store()->connection(); }

    std::unique_ptr<TempStore> m_store;
    KbGenerator::Stats m_stats;
    QByteArray m_hash;
};

void TestKbGenerator::initTestCase()
{
    m_store = std::make_unique<TempStore>();
    QVERIFY2(m_store->ok(), qPrintable(m_store->error()));
    DemoGenerator::Options demo;
    demo.customers = kCustomers;
    demo.asOf = kAsOf;
    demo.kbArticles = 0;
    const auto population = DemoGenerator::generate(m_store->store(), demo);
    QVERIFY2(population.ok(), qPrintable(population.errorMessage()));
    QCOMPARE(population.value().kbArticles, qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article"), qint64(0));

    KbGenerator::Options options;
    options.articles = kArticles;
    options.asOf = kAsOf;
    const auto result = KbGenerator::generate(m_store->store(), options);
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    m_stats = result.value();
    qInfo("%d articles: %.2f s (%lld versions, %lld views and votes, %lld ticket links)", kArticles, m_stats.seconds,
          m_stats.versions, m_stats.feedback, m_stats.links);
    m_hash = kbHash(db());
    QVERIFY(!m_hash.isEmpty());
}

void TestKbGenerator::countsAndStatusMix()
{
    QCOMPARE(m_stats.articles, qint64(kArticles));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article"), qint64(kArticles));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE status = 'published'"), m_stats.published);
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article_version"), m_stats.versions);
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_feedback"), m_stats.feedback);
    QCOMPARE(scalar(db(), "SELECT count(*) FROM ticket_kb_link"), m_stats.links);
    const auto share = [&](const char* status) {
        return double(scalar(db(), QStringLiteral("SELECT count(*) FROM kb_article WHERE status = '%1'").arg(QLatin1String(status))))
               / kArticles;
    };
    QVERIFY2(share("published") > 0.87 && share("published") < 0.93, qPrintable(QString::number(share("published"))));
    QVERIFY(share("draft") > 0.02 && share("draft") < 0.06);
    QVERIFY(share("in_review") > 0.015 && share("in_review") < 0.045);
    QVERIFY(share("retired") > 0.015 && share("retired") < 0.045);
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE deleted_at IS NOT NULL"), qint64(0));
}

void TestKbGenerator::languagesAndCategories()
{
    const double zh = double(scalar(db(), "SELECT count(*) FROM kb_article WHERE language = 'zh_CN'")) / kArticles;
    QVERIFY2(zh > 0.55 && zh < 0.65, qPrintable(QString::number(zh)));
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE language = 'en'") > 0);
    // Every category of the tree, in both languages, among the published articles.
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_category"), qint64(14));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_category c WHERE NOT EXISTS (SELECT 1 FROM kb_article a "
                          "WHERE a.category = c.code AND a.status = 'published' AND a.language = 'zh_CN') "
                          "OR NOT EXISTS (SELECT 1 FROM kb_article a WHERE a.category = c.code "
                          "AND a.status = 'published' AND a.language = 'en')"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE category NOT IN (SELECT code FROM kb_category)"), qint64(0));
}

void TestKbGenerator::publishedArticlesHaveEveryVersion()
{
    // A published or retired article at version v has exactly the snapshots 1..v.
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article a WHERE a.status IN ('published', 'retired') AND "
                          "(SELECT count(DISTINCT v.version) FROM kb_article_version v WHERE v.article_id = a.id "
                          "AND v.version BETWEEN 1 AND a.version) <> a.version"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article_version v JOIN kb_article a ON a.id = v.article_id "
                          "WHERE v.version > a.version OR v.version < 1"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article_version v WHERE NOT EXISTS "
                          "(SELECT 1 FROM kb_article a WHERE a.id = v.article_id AND a.status IN ('published', 'retired'))"),
             qint64(0));
    // The newest snapshot is the article; earlier ones differ, are older and carry a change note.
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article a JOIN kb_article_version v ON v.article_id = a.id "
                          "AND v.version = a.version WHERE v.title <> a.title OR v.body <> a.body "
                          "OR v.published_at <> a.published_at OR v.change_note <> a.change_note"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article_version v JOIN kb_article_version w ON w.article_id = "
                          "v.article_id AND w.version = v.version + 1 WHERE w.published_at <= v.published_at"),
             qint64(0));
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article_version v JOIN kb_article_version w ON w.article_id = "
                         "v.article_id AND w.version = v.version + 1 WHERE w.body <> v.body OR w.title <> v.title")
            > 0);
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article_version WHERE change_note = ''"), qint64(0));
    QCOMPARE(scalar(db(), "SELECT max(version) FROM kb_article WHERE status = 'published'"), qint64(4));
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE status = 'published' AND version = 1") > kArticles / 4);
    // Over the past two years, never after asOf.
    const qint64 now = QDateTime(kAsOf, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 twoYears = now - qint64(731) * 86400000;
    QCOMPARE(scalar(db(), QStringLiteral("SELECT count(*) FROM kb_article WHERE created_at < %1 OR created_at >= %2 "
                                         "OR published_at >= %2 OR updated_at >= %2 OR published_at < created_at")
                              .arg(twoYears)
                              .arg(now)),
             qint64(0));
}

void TestKbGenerator::revisionsPointAtPublishedArticles()
{
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE revision_of IS NOT NULL") > 20);
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article r LEFT JOIN kb_article a ON a.id = r.revision_of "
                          "WHERE r.revision_of IS NOT NULL AND (a.id IS NULL OR a.status <> 'published' "
                          "OR r.version <> a.version + 1 OR r.language <> a.language OR r.category <> a.category "
                          "OR r.status NOT IN ('draft', 'in_review') OR r.created_at < a.published_at "
                          "OR r.change_note = '')"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM (SELECT revision_of FROM kb_article WHERE revision_of IS NOT NULL "
                          "GROUP BY revision_of HAVING count(*) > 1)"),
             qint64(0));
}

void TestKbGenerator::draftsAreUnpublished()
{
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE status IN ('draft', 'in_review') AND "
                          "(published_at IS NOT NULL OR EXISTS (SELECT 1 FROM kb_article_version v WHERE v.article_id = kb_article.id))"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE status IN ('draft', 'in_review') AND revision_of IS NULL "
                          "AND version <> 1"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE status IN ('published', 'retired') AND "
                          "(published_at IS NULL OR reviewer_id IS NULL)"),
             qint64(0));
    // Some drafts were sent back with a note.
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE status = 'draft' AND review_note <> ''") > 0);
}

void TestKbGenerator::titlesBodiesAndTags()
{
    // Titles are unique per language among articles that are not revisions (a revision keeps its title).
    QCOMPARE(scalar(db(), "SELECT count(*) FROM (SELECT title, language FROM kb_article WHERE revision_of IS NULL "
                          "GROUP BY title, language HAVING count(*) > 1)"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE revision_of IS NULL AND "
                          "(length(body) < 600 OR length(body) > 2500)"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE tags = '' OR tags LIKE '%,,%' OR title = ''"), qint64(0));
    // Rich text that QTextDocument reads: headings, lists, tables; no stray markup from templates.
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE body LIKE '%<h3>%'") > kArticles * 9 / 10);
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE body LIKE '%<ol><li>%'") > kArticles / 3);
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE body LIKE '%<table%'") > kArticles / 5);
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE body LIKE '%\\%1%' ESCAPE '\\' OR title LIKE '%\\%2%' ESCAPE '\\'"),
             qint64(0));
    // Varied: far more distinct bodies than templates, and no body shared by two articles except revisions.
    QCOMPARE(scalar(db(), "SELECT count(DISTINCT body) FROM kb_article WHERE revision_of IS NULL"),
             scalar(db(), "SELECT count(*) FROM kb_article WHERE revision_of IS NULL"));
}

void TestKbGenerator::contentReadsLikeAnOperatorsKnowledgeBase()
{
    const QStringList expected = {
        "宽带", "流量", "套餐", "携号", "漫游", "话费", "停机", "实名", "光猫", "5G", "加油包", "LOS", "PON",
        "CXXZ#姓名#证件号码", "一证五号", "护照", "2.4GHz", "5GHz", "SP", "详单", "eSIM", "Roaming in ", "day pass",
        "5G-ENJOY-199", "199元", "FAM-299", "ADD-ROAM-DAY", "测速", "装维工程师", "次月1日生效", "违约金", "12300",
    };
    for (const QString& term : expected) {
        QSqlQuery q(db());
        q.prepare("SELECT count(*) FROM kb_article WHERE instr(title || body || tags, ?) > 0");
        q.addBindValue(term);
        QVERIFY(q.exec() && q.next());
        QVERIFY2(q.value(0).toInt() > 0, qPrintable(term));
    }
    // A specific title of each kind, as an agent would search for it.
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE title LIKE '%光猫LOS灯红色闪烁的处理步骤%'") > 0);
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE title LIKE 'Roaming in % rates and day passes'") > 0);
}

void TestKbGenerator::authorsAndReviewersAreSupervisors()
{
    QVERIFY(scalar(db(), "SELECT count(*) FROM agent WHERE role = 'supervisor'") > 0);
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE author_id IS NULL OR author_id NOT IN "
                          "(SELECT id FROM agent WHERE role = 'supervisor') OR (reviewer_id IS NOT NULL AND reviewer_id "
                          "NOT IN (SELECT id FROM agent WHERE role = 'supervisor'))"),
             qint64(0));
    if (scalar(db(), "SELECT count(*) FROM agent WHERE role = 'supervisor'") > 1)
        QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article WHERE reviewer_id = author_id"), qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article_version v JOIN kb_article a ON a.id = v.article_id "
                          "WHERE v.author_id IS NOT a.author_id OR v.reviewer_id IS NOT a.reviewer_id"),
             qint64(0));
}

void TestKbGenerator::feedbackOverTheLastSixtyDays()
{
    const qint64 now = QDateTime(kAsOf, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 start = now - qint64(60) * 86400000;
    QVERIFY(m_stats.feedback > kArticles);
    QCOMPARE(scalar(db(), QStringLiteral("SELECT count(*) FROM kb_feedback WHERE at < %1 OR at >= %2").arg(start).arg(now)),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_feedback WHERE agent_id NOT IN (SELECT id FROM agent WHERE role = 'agent')"),
             qint64(0));
    // Only published articles are read, each view after the article's first publication, at the version
    // shown then.
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_feedback f JOIN kb_article a ON a.id = f.article_id "
                          "WHERE a.status <> 'published' OR f.version > a.version OR f.at < (SELECT min(published_at) "
                          "FROM kb_article_version v WHERE v.article_id = a.id)"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_feedback f WHERE (SELECT max(version) FROM kb_article_version v "
                          "WHERE v.article_id = f.article_id AND v.published_at <= f.at) <> f.version"),
             qint64(0));
    // One view per agent, article and Beijing day; one vote per agent, article and version.
    QCOMPARE(scalar(db(), "SELECT count(*) FROM (SELECT 1 FROM kb_feedback WHERE kind = 'view' "
                          "GROUP BY article_id, agent_id, (at + 28800000) / 86400000 HAVING count(*) > 1)"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM (SELECT 1 FROM kb_feedback WHERE kind <> 'view' "
                          "GROUP BY article_id, agent_id, version HAVING count(*) > 1)"),
             qint64(0));
    // Ids derived as the feedback service derives them, so that an agent's own later view or vote on the same
    // day or version is the same row.
    QSqlQuery ids(db());
    QVERIFY(ids.exec("SELECT id, article_id, agent_id, kind, version, at FROM kb_feedback"));
    int checked = 0;
    while (ids.next()) {
        const QString expected = ids.value(3).toString() == "view"
                                     ? KbFeedbackService::viewId(ids.value(1).toString(), ids.value(2).toString(),
                                                                 ids.value(5).toLongLong())
                                     : KbFeedbackService::voteId(ids.value(1).toString(), ids.value(2).toString(),
                                                                 ids.value(4).toInt());
        QCOMPARE(ids.value(0).toString(), expected);
        ++checked;
    }
    QCOMPARE(qint64(checked), m_stats.feedback);
    // Mostly helpful, a few poor articles mostly not.
    const qint64 helpful = scalar(db(), "SELECT count(*) FROM kb_feedback WHERE kind = 'helpful'");
    const qint64 notHelpful = scalar(db(), "SELECT count(*) FROM kb_feedback WHERE kind = 'not_helpful'");
    QVERIFY(notHelpful > 0);
    QVERIFY2(helpful > 3 * notHelpful, qPrintable(QStringLiteral("%1 / %2").arg(helpful).arg(notHelpful)));
    QVERIFY(scalar(db(), "SELECT count(*) FROM kb_article WHERE helpful_down > helpful_up AND helpful_down >= 2") > 0);
    // Zipf-like: the ten most read articles get far more than the median article.
    QSqlQuery q(db());
    QVERIFY(q.exec("SELECT views FROM kb_article WHERE status = 'published' ORDER BY views DESC"));
    QVector<int> views;
    while (q.next())
        views << q.value(0).toInt();
    QVERIFY(views.size() > 100);
    const int median = views.at(views.size() / 2);
    QVERIFY2(views.at(9) > 8 * std::max(1, median), qPrintable(QStringLiteral("%1 vs %2").arg(views.at(9)).arg(median)));
    // The article's totals and the trigger-kept day table agree with the rows.
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_article a WHERE views <> (SELECT count(*) FROM kb_feedback f "
                          "WHERE f.article_id = a.id AND kind = 'view') OR helpful_up <> (SELECT count(*) FROM "
                          "kb_feedback f WHERE f.article_id = a.id AND kind = 'helpful') OR helpful_down <> "
                          "(SELECT count(*) FROM kb_feedback f WHERE f.article_id = a.id AND kind = 'not_helpful')"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT sum(views) + sum(helpful) + sum(not_helpful) FROM kb_feedback_day"), m_stats.feedback);
}

void TestKbGenerator::ticketLinks()
{
    QVERIFY(m_stats.links > 10);
    QCOMPARE(scalar(db(), "SELECT count(*) FROM ticket_kb_link l WHERE NOT EXISTS (SELECT 1 FROM ticket t WHERE t.id = l.ticket_id) "
                          "OR NOT EXISTS (SELECT 1 FROM kb_article a WHERE a.id = l.article_id AND a.status = 'published') "
                          "OR l.deleted_at IS NOT NULL"),
             qint64(0));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM ticket_kb_link l JOIN ticket t ON t.id = l.ticket_id "
                          "WHERE l.linked_at < t.created_at"),
             qint64(0));
    // Fault tickets lead to broadband and network articles.
    const qint64 faults = scalar(db(), "SELECT count(*) FROM ticket_kb_link l JOIN ticket t ON t.id = l.ticket_id "
                                       "WHERE t.kind = 'fault'");
    const qint64 technical = scalar(db(), "SELECT count(*) FROM ticket_kb_link l JOIN ticket t ON t.id = l.ticket_id "
                                          "JOIN kb_article a ON a.id = l.article_id WHERE t.kind = 'fault' AND "
                                          "(a.category LIKE 'broadband%' OR a.category IN ('network', 'roaming', 'device'))");
    QVERIFY(faults > 0);
    QVERIFY2(technical * 10 > faults * 7, qPrintable(QStringLiteral("%1 of %2").arg(technical).arg(faults)));
    QCOMPARE(scalar(db(), "SELECT sum(links) FROM kb_feedback_day"), m_stats.links);
}

void TestKbGenerator::searchIndexPopulated()
{
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_search"), scalar(db(), "SELECT count(*) FROM kb_article WHERE deleted_at IS NULL"));
    QCOMPARE(scalar(db(), "SELECT count(*) FROM kb_search s JOIN kb_article a ON a.id = s.article_id "
                          "WHERE s.status <> a.status OR s.title <> a.title OR s.body LIKE '%<p>%'"),
             qint64(0));
    for (const char* term : {"宽带", "携号", "光猫", "流量", "roaming", "modem", "5G"}) {
        QSqlQuery q(db());
        q.prepare("SELECT count(*) FROM kb_fts WHERE kb_fts MATCH ?");
        q.addBindValue(QStringLiteral("\"%1\"").arg(QString::fromUtf8(term)));
        QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
        QVERIFY2(q.value(0).toInt() > 10, term);
    }
}

void TestKbGenerator::deterministicAndHookedIntoTheDemoGenerator()
{
    // The demo generator writes the same knowledge base inside its own run: same seed, same rows.
    TempStore other;
    QVERIFY(other.ok());
    DemoGenerator::Options demo;
    demo.customers = kCustomers;
    demo.asOf = kAsOf;
    demo.kbArticles = kArticles;
    const auto result = DemoGenerator::generate(other.store(), demo);
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(result.value().kbArticles, qint64(kArticles));
    QCOMPARE(kbHash(other.store()->connection()), m_hash);
    QCOMPARE(scalar(other.store()->connection(), "SELECT count(*) FROM kb_search"), qint64(kArticles));
}

void TestKbGenerator::differentSeedDifferentArticles()
{
    TempStore other;
    QVERIFY(other.ok());
    KbGenerator::Options options;
    options.articles = 300;
    options.asOf = kAsOf;
    options.seed = 7;
    QVERIFY(KbGenerator::generate(other.store(), options).ok());
    const QByteArray first = kbHash(other.store()->connection());
    QVERIFY(first != m_hash);
    QSqlQuery ids(other.store()->connection());
    QVERIFY(ids.exec("SELECT id FROM kb_article LIMIT 50"));
    while (ids.next())
        QCOMPARE(scalar(db(), QStringLiteral("SELECT count(*) FROM kb_article WHERE id = '%1'").arg(ids.value(0).toString())),
                 qint64(0));
    // The same seed again gives the same rows in another store.
    TempStore again;
    QVERIFY(again.ok());
    QVERIFY(KbGenerator::generate(again.store(), options).ok());
    QCOMPARE(kbHash(again.store()->connection()), first);
}

void TestKbGenerator::emptyStoreUsesBuiltInCatalog()
{
    TempStore other;
    QVERIFY(other.ok());
    KbGenerator::Options options;
    options.articles = 400;
    options.asOf = kAsOf;
    const auto result = KbGenerator::generate(other.store(), options);
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    const QSqlDatabase odb = other.store()->connection();
    QCOMPARE(result.value().articles, qint64(400));
    QCOMPARE(result.value().links, qint64(0));
    QVERIFY(result.value().feedback > 0);
    QVERIFY(scalar(odb, "SELECT count(*) FROM kb_article WHERE body LIKE '%5G-ENJOY-%' OR title LIKE '%5G-ENJOY-%' "
                        "OR tags LIKE '%5G-ENJOY-%'") > 0);
    // Authors and readers get generated ids: a few distinct people, no empty ids.
    const qint64 authors = scalar(odb, "SELECT count(DISTINCT author_id) FROM kb_article");
    QVERIFY(authors > 1 && authors <= 6);
    QCOMPARE(scalar(odb, "SELECT count(*) FROM kb_feedback WHERE agent_id IS NULL OR length(agent_id) <> 36"), qint64(0));
    QCOMPARE(scalar(odb, "SELECT count(*) FROM kb_search"), qint64(400));
}

void TestKbGenerator::refusesNonEmptyStore()
{
    KbGenerator::Options options;
    options.articles = 10;
    options.asOf = kAsOf;
    const auto result = KbGenerator::generate(m_store->store(), options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("not_empty"));
    QVERIFY(!result.errorMessage().isEmpty());
    QCOMPARE(kbHash(db()), m_hash);
}

void TestKbGenerator::rejectsBadOptions()
{
    TempStore other;
    QVERIFY(other.ok());
    KbGenerator::Options options;
    for (int articles : {0, -1, KbGenerator::kMaxArticles + 1}) {
        options.articles = articles;
        const auto result = KbGenerator::generate(other.store(), options);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("invalid"));
        QVERIFY(!result.errorMessage().isEmpty());
    }
    options.articles = 10;
    options.asOf = QDate(1990, 1, 1);
    QCOMPARE(KbGenerator::generate(other.store(), options).error().code, QStringLiteral("invalid"));
    QCOMPARE(KbGenerator::generate(nullptr, KbGenerator::Options()).error().code, QStringLiteral("invalid"));

    DemoGenerator::Options demo;
    demo.customers = 100;
    for (int articles : {-1, KbGenerator::kMaxArticles + 1}) {
        demo.kbArticles = articles;
        const auto result = DemoGenerator::generate(other.store(), demo);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("invalid"));
    }
    QCOMPARE(scalar(other.store()->connection(), "SELECT count(*) FROM kb_article"), qint64(0));
    QCOMPARE(scalar(other.store()->connection(), "SELECT count(*) FROM customer"), qint64(0));
}

void TestKbGenerator::cancelDuringWritingLeavesNothing()
{
    TempStore other;
    QVERIFY(other.ok());
    const QSqlDatabase odb = other.store()->connection();
    std::atomic<bool> cancel{false};
    QVERIFY(cancelAtArticle(odb, &cancel, 300));
    KbGenerator::Options options;
    options.articles = 1000;
    options.asOf = kAsOf;
    const auto result = KbGenerator::generate(other.store(), options, &cancel);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("cancelled"));
    QVERIFY(cancel.load());
    for (const char* table : {"kb_article", "kb_article_version", "kb_feedback", "ticket_kb_link", "kb_search", "kb_feedback_day"})
        QCOMPARE(scalar(odb, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))), qint64(0));
    QCOMPARE(scalar(odb, "SELECT count(*) FROM kb_fts WHERE kb_fts MATCH '\"宽带\"'"), qint64(0));
    // Nothing is held open: the store takes a knowledge base afterwards.
    cancel = false;
    QSqlQuery(odb).exec("DROP TRIGGER cancel_kb");
    options.articles = 50;
    QVERIFY(KbGenerator::generate(other.store(), options, &cancel).ok());
    QCOMPARE(scalar(odb, "SELECT count(*) FROM kb_article"), qint64(50));
}

void TestKbGenerator::cancelInsideTheDemoGeneratorLeavesNothing()
{
    TempStore other;
    QVERIFY(other.ok());
    const QSqlDatabase odb = other.store()->connection();
    std::atomic<bool> cancel{false};
    QVERIFY(cancelAtArticle(odb, &cancel, 200));
    DemoGenerator::Options demo;
    demo.customers = 300;
    demo.asOf = kAsOf;
    demo.kbArticles = 500;
    const auto result = DemoGenerator::generate(other.store(), demo, {}, &cancel);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("cancelled"));
    for (const char* table : {"customer", "ticket", "agent", "kb_article", "kb_article_version", "kb_feedback", "kb_search"})
        QCOMPARE(scalar(odb, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))), qint64(0));
}

void TestKbGenerator::errorRollsBack()
{
    TempStore other;
    QVERIFY(other.ok());
    const QSqlDatabase odb = other.store()->connection();
    // The writes fail once the articles and versions are in: everything goes.
    QVERIFY(QSqlQuery(odb).exec("CREATE TEMP TRIGGER fail_feedback BEFORE INSERT ON kb_feedback "
                                "BEGIN SELECT RAISE(ABORT, 'disk full, say'); END"));
    KbGenerator::Options options;
    options.articles = 200;
    options.asOf = kAsOf;
    const auto result = KbGenerator::generate(other.store(), options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("io"));
    QVERIFY2(result.errorMessage().contains("disk full"), qPrintable(result.errorMessage()));
    for (const char* table : {"kb_article", "kb_article_version", "kb_feedback", "kb_search"})
        QCOMPARE(scalar(odb, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))), qint64(0));
    QSqlQuery q(odb);
    QVERIFY(q.exec("SELECT 1"));
    QVERIFY(LocalStore::handle(odb) && sqlite3_get_autocommit(LocalStore::handle(odb)));
}

QTEST_GUILESS_MAIN(TestKbGenerator)
#include "tst_kbgenerator.moc"
