#include "FakeClock.h"
#include "KbTestArticles.h"
#include "TempStore.h"
#include "kb/KbSearch.h"
#include "kb/KbSuggest.h"

#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;

namespace {

QStringList ids(const QVector<KbHit>& hits)
{
    QStringList out;
    for (const KbHit& hit : hits)
        out.append(hit.articleId);
    return out;
}

} // namespace

class TestKbSearch : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void search_data();
    void search();
    void userSyntaxNeverFails_data();
    void userSyntaxNeverFails();
    void veryLongQuery();
    void snippetsHighlightWhatMatched();
    void snippetsAreEscaped();
    void recentHelpfulnessReranks();
    void oldVotesDoNotCount();
    void titleMatchBeatsVotedBodyMatch();
    void browseAndTags();
    void mostUsefulThisWeek();
    void suggestForTicketText_data();
    void suggestForTicketText();
    void suggestKeyTermsAreDistinctive();
    void suggestForNothing();

private:
    test::TempStore m_temp;
    test::FakeClock m_clock{QDateTime(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC)};
};

void TestKbSearch::initTestCase()
{
    QVERIFY2(m_temp.ok(), qPrintable(m_temp.error()));
    const QString written = test::writeKbTestArticles(m_temp.store());
    QVERIFY2(written.isEmpty(), qPrintable(written));
}

void TestKbSearch::search_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<bool>("unpublished");
    QTest::addColumn<QString>("first");        // empty: no result at all
    QTest::addColumn<QStringList>("including");
    QTest::addColumn<QStringList>("excluding");
    QTest::addColumn<bool>("partial");

    const QString none;
    const QStringList nothing;
    QTest::newRow("one Chinese character") << QStringLiteral("猫") << none << none << none << false
                                           << QStringLiteral("zh-modem") << nothing << nothing << false;
    QTest::newRow("two characters, title first")
        << QStringLiteral("宽带") << none << none << none << false << QStringLiteral("zh-modem")
        << QStringList{QStringLiteral("zh-signal")} << QStringList{QStringLiteral("zh-draft"), QStringLiteral("zh-review")}
        << false;
    QTest::newRow("two characters in body and title") << QStringLiteral("流量") << none << none << none << false
                                                     << QStringLiteral("zh-data")
                                                     << QStringList{QStringLiteral("zh-td199")} << nothing << false;
    QTest::newRow("four characters") << QStringLiteral("携号转网") << none << none << none << false
                                     << QStringLiteral("zh-porting") << nothing << nothing << false;
    QTest::newRow("two-character part of a word") << QStringLiteral("携号") << none << none << none << false
                                                  << QStringLiteral("zh-porting") << nothing << nothing << false;
    QTest::newRow("English word") << QStringLiteral("roaming ") << none << none << none << false
                                  << QStringLiteral("en-japan") << QStringList{QStringLiteral("en-sim")} << nothing
                                  << false;
    QTest::newRow("English prefix") << QStringLiteral("roa") << none << none << none << false
                                    << QStringLiteral("en-japan") << nothing << nothing << false;
    QTest::newRow("English stem") << QStringLiteral("charges ") << none << none << none << false
                                  << QStringLiteral("en-double") << nothing << nothing << false;
    QTest::newRow("two English words") << QStringLiteral("optical modem") << none << none << none << false
                                       << QStringLiteral("en-slow") << nothing << nothing << false;
    QTest::newRow("mixed, every term in one article") << QStringLiteral("5G 漫游") << none << none << none << false
                                                      << QStringLiteral("zh-japan") << nothing << nothing << false;
    QTest::newRow("mixed, no article has both") << QStringLiteral("日本 roaming") << none << none << none << false
                                                << QString()
                                                << QStringList{QStringLiteral("zh-japan"), QStringLiteral("en-japan")}
                                                << nothing << true;
    QTest::newRow("plan code") << QStringLiteral("TD-199") << none << none << none << false
                               << QStringLiteral("zh-td199") << nothing << QStringList{QStringLiteral("zh-retired")}
                               << false;
    QTest::newRow("plan code written together") << QStringLiteral("td199") << none << none << none << false
                                                << QStringLiteral("zh-td199") << nothing << nothing << false;
    QTest::newRow("number and unit") << QStringLiteral("199元") << none << none << none << false
                                     << QStringLiteral("zh-td199") << nothing << nothing << false;
    QTest::newRow("SMS code") << QStringLiteral("CXXZ") << none << none << none << false
                              << QStringLiteral("zh-porting") << nothing << nothing << false;
    QTest::newRow("no result") << QStringLiteral("火星基站") << none << none << none << false << none << nothing
                               << nothing << false;
    QTest::newRow("draft hidden from agents") << QStringLiteral("提速") << none << none << none << false << none
                                              << nothing << nothing << false;
    QTest::newRow("draft for editors") << QStringLiteral("提速") << none << none << none << true
                                       << QStringLiteral("zh-draft") << nothing << nothing << false;
    QTest::newRow("retired hidden") << QStringLiteral("TD-99") << none << none << none << false << none << nothing
                                    << nothing << false;
    QTest::newRow("language filter") << QStringLiteral("5G") << QStringLiteral("en") << none << none << false
                                     << QString() << QStringList{QStringLiteral("en-sim")}
                                     << QStringList{QStringLiteral("zh-japan")} << false;
    QTest::newRow("category subtree") << QStringLiteral("宽带") << none << QStringLiteral("broadband") << none
                                      << false << QStringLiteral("zh-modem") << nothing
                                      << QStringList{QStringLiteral("zh-signal")} << false;
    QTest::newRow("category leaf") << QStringLiteral("25") << none << QStringLiteral("roaming") << none << false
                                   << QString() << QStringList{QStringLiteral("zh-japan"), QStringLiteral("en-japan")}
                                   << QStringList{QStringLiteral("en-sim"), QStringLiteral("en-slow")} << false;
    QTest::newRow("tag filter") << QStringLiteral("5G") << none << none << QStringLiteral("SIM") << false
                                << QStringLiteral("en-sim") << nothing << QStringList{QStringLiteral("zh-japan")}
                                << false;
}

void TestKbSearch::search()
{
    QFETCH(QString, query);
    QFETCH(QString, language);
    QFETCH(QString, category);
    QFETCH(QString, tag);
    QFETCH(bool, unpublished);
    QFETCH(QString, first);
    QFETCH(QStringList, including);
    QFETCH(QStringList, excluding);
    QFETCH(bool, partial);

    KbSearchFilter filter;
    filter.language = language;
    filter.category = category;
    filter.tag = tag;
    filter.includeUnpublished = unpublished;
    const Result<KbSearchResult> result = KbSearch(m_temp.store(), m_clock).search(query, filter);
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    const QStringList found = ids(result->hits);
    if (!first.isEmpty()) {
        QVERIFY2(!found.isEmpty(), "no result");
        QCOMPARE(found.first(), first);
    }
    if (first.isEmpty() && including.isEmpty())
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char(','))));
    for (const QString& id : including)
        QVERIFY2(found.contains(id), qPrintable(id + QStringLiteral(" missing from ") + found.join(QLatin1Char(','))));
    for (const QString& id : excluding)
        QVERIFY2(!found.contains(id), qPrintable(id + QStringLiteral(" should not be in ") + found.join(QLatin1Char(','))));
    QCOMPARE(result->partial, partial);
    QCOMPARE(result->matched, int(found.size()));
    if (!unpublished) {
        for (const KbHit& hit : result->hits)
            QCOMPARE(hit.status, QStringLiteral("published"));
    }
}

void TestKbSearch::userSyntaxNeverFails_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("findsModem");
    QTest::newRow("open quote") << QStringLiteral("\"光猫") << true;
    QTest::newRow("close quote") << QStringLiteral("光猫\"") << true;
    QTest::newRow("lone quote") << QStringLiteral("\"") << false;
    QTest::newRow("star") << QStringLiteral("光猫*") << true;
    QTest::newRow("lone star") << QStringLiteral("*") << false;
    QTest::newRow("NEAR") << QStringLiteral("NEAR(光猫 重启)") << false; // "near" is searched as a word
    QTest::newRow("NEAR alone") << QStringLiteral("NEAR") << false;
    QTest::newRow("minus") << QStringLiteral("-光猫") << true;
    QTest::newRow("bracket") << QStringLiteral("(光猫") << true;
    QTest::newRow("unbalanced") << QStringLiteral("光猫 ) OR (") << true;
    QTest::newRow("AND OR NOT") << QStringLiteral("AND OR NOT") << false;
    QTest::newRow("column syntax") << QStringLiteral("title:光猫") << false;
    QTest::newRow("caret") << QStringLiteral("^光猫") << true;
    QTest::newRow("braces") << QStringLiteral("{title body}: 光猫") << false;
    QTest::newRow("SQL quote") << QStringLiteral("光猫' OR '1'='1") << false;
    QTest::newRow("control characters") << QStringLiteral("光猫\u0001\u0002") << true;
}

void TestKbSearch::userSyntaxNeverFails()
{
    QFETCH(QString, query);
    QFETCH(bool, findsModem);
    const Result<KbSearchResult> result = KbSearch(m_temp.store(), m_clock).search(query);
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    if (findsModem) {
        QVERIFY(!result->hits.isEmpty());
        QCOMPARE(result->hits.first().articleId, QStringLiteral("zh-modem"));
    }
}

void TestKbSearch::veryLongQuery()
{
    QString query;
    while (query.size() < 10000)
        query += QStringLiteral("光猫 ");
    const Result<KbSearchResult> result = KbSearch(m_temp.store(), m_clock).search(query);
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QVERIFY(result->truncated);
    QCOMPARE(result->hits.value(0).articleId, QStringLiteral("zh-modem"));
}

void TestKbSearch::snippetsHighlightWhatMatched()
{
    KbSearch search(m_temp.store(), m_clock);
    Result<KbSearchResult> result = search.search(QStringLiteral("光猫"));
    QVERIFY(result.ok() && !result->hits.isEmpty());
    QVERIFY2(result->hits.first().titleHtml.contains(QStringLiteral("<b>光猫</b>")), qPrintable(result->hits.first().titleHtml));
    QVERIFY2(result->hits.first().snippetHtml.contains(QStringLiteral("<b>光猫</b>")), qPrintable(result->hits.first().snippetHtml));

    // One character: the mark covers that character, not the pair it was found through.
    result = search.search(QStringLiteral("猫"));
    QVERIFY(result.ok() && !result->hits.isEmpty());
    QVERIFY2(result->hits.first().titleHtml.contains(QStringLiteral("光<b>猫</b>LOS")), qPrintable(result->hits.first().titleHtml));

    // Four characters: one mark over all four.
    result = search.search(QStringLiteral("携号转网"));
    QVERIFY(result.ok() && !result->hits.isEmpty());
    QVERIFY2(result->hits.first().titleHtml.startsWith(QStringLiteral("<b>携号转网</b>")), qPrintable(result->hits.first().titleHtml));

    // English: the stem matched in another form is marked as written.
    result = search.search(QStringLiteral("charges "));
    QVERIFY(result.ok() && !result->hits.isEmpty());
    QVERIFY2(result->hits.first().titleHtml.contains(QStringLiteral("<b>charge</b>")), qPrintable(result->hits.first().titleHtml));
}

void TestKbSearch::snippetsAreEscaped()
{
    const Result<KbSearchResult> result = KbSearch(m_temp.store(), m_clock).search(QStringLiteral("alert"));
    QVERIFY(result.ok() && !result->hits.isEmpty());
    const QString snippet = result->hits.first().snippetHtml;
    QVERIFY2(snippet.contains(QStringLiteral("&lt;script&gt;")), qPrintable(snippet));
    QVERIFY(!snippet.contains(QStringLiteral("<script")));
}

void TestKbSearch::recentHelpfulnessReranks()
{
    test::TempStore temp;
    QVERIFY(temp.ok());
    QSqlQuery q(temp.store()->connection());
    // Two articles the text ranks alike; votes decide.
    for (const char* id : {"a", "b"}) {
        q.prepare(QStringLiteral("INSERT INTO kb_article(id, title, body, category, language, status) "
                                 "VALUES (?, '停机保号说明', '<p>停机保号每月5元。</p>', 'billing.payment', 'zh_CN', 'published')"));
        q.addBindValue(QString::fromLatin1(id));
        QVERIFY(q.exec());
    }
    KbSearch search(temp.store(), m_clock);
    QVERIFY(test::addKbVotes(temp.store(), QStringLiteral("b"), 5, true, m_clock.nowMs()).isEmpty());
    Result<KbSearchResult> result = search.search(QStringLiteral("停机"));
    QVERIFY(result.ok());
    QCOMPARE(ids(result->hits), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
    QCOMPARE(result->hits.first().helpfulRecent, 5);

    QVERIFY(test::addKbVotes(temp.store(), QStringLiteral("b"), 20, false, m_clock.nowMs()).isEmpty());
    result = search.search(QStringLiteral("停机"));
    QVERIFY(result.ok());
    QCOMPARE(ids(result->hits), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TestKbSearch::oldVotesDoNotCount()
{
    test::TempStore temp;
    QVERIFY(temp.ok());
    QSqlQuery q(temp.store()->connection());
    for (const char* id : {"a", "b"}) {
        q.prepare(QStringLiteral("INSERT INTO kb_article(id, title, body, category, language, status) "
                                 "VALUES (?, '停机保号说明', '<p>停机保号每月5元。</p>', 'billing.payment', 'zh_CN', 'published')"));
        q.addBindValue(QString::fromLatin1(id));
        QVERIFY(q.exec());
    }
    QVERIFY(test::addKbVotes(temp.store(), QStringLiteral("a"), 3, true, m_clock.nowMs(), 1).isEmpty());
    QVERIFY(test::addKbVotes(temp.store(), QStringLiteral("b"), 50, true, m_clock.nowMs(), 45).isEmpty());
    const Result<KbSearchResult> result = KbSearch(temp.store(), m_clock).search(QStringLiteral("保号"));
    QVERIFY(result.ok());
    QCOMPARE(ids(result->hits), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(result->hits.at(1).helpfulRecent, 0);
}

void TestKbSearch::titleMatchBeatsVotedBodyMatch()
{
    // zh-signal mentions 宽带 in its body only; many helpful votes must not lift it over the title match.
    test::TempStore temp;
    QVERIFY(temp.ok());
    QVERIFY(test::writeKbTestArticles(temp.store()).isEmpty());
    QVERIFY(test::addKbVotes(temp.store(), QStringLiteral("zh-signal"), 40, true, m_clock.nowMs()).isEmpty());
    const Result<KbSearchResult> result = KbSearch(temp.store(), m_clock).search(QStringLiteral("宽带"));
    QVERIFY(result.ok());
    QCOMPARE(result->hits.value(0).articleId, QStringLiteral("zh-modem"));
}

void TestKbSearch::browseAndTags()
{
    KbSearch search(m_temp.store(), m_clock);
    KbSearchFilter filter;
    filter.language = QStringLiteral("en");
    const Result<QVector<KbHit>> browsed = search.browse(filter);
    QVERIFY(browsed.ok());
    QCOMPARE(browsed->size(), 4);
    QCOMPARE(browsed->first().articleId, QStringLiteral("en-slow")); // the latest published
    for (const KbHit& hit : *browsed)
        QCOMPARE(hit.language, QStringLiteral("en"));

    const Result<QStringList> tags = search.tags();
    QVERIFY(tags.ok());
    QVERIFY(tags->contains(QStringLiteral("宽带")));
    QVERIFY(!tags->contains(QStringLiteral("提速"))); // a draft's only
    QVERIFY(!tags->contains(QStringLiteral("移机"))); // in review
    QCOMPARE(tags->first(), QStringLiteral("Japan")); // all used once: by name
}

void TestKbSearch::mostUsefulThisWeek()
{
    test::TempStore temp;
    QVERIFY(temp.ok());
    QVERIFY(test::writeKbTestArticles(temp.store()).isEmpty());
    const qint64 now = m_clock.nowMs();
    QVERIFY(test::addKbVotes(temp.store(), QStringLiteral("zh-data"), 4, true, now, 2).isEmpty());
    QVERIFY(test::addKbVotes(temp.store(), QStringLiteral("en-japan"), 2, true, now, 3).isEmpty());
    QVERIFY(test::addKbVotes(temp.store(), QStringLiteral("zh-porting"), 9, true, now, 10).isEmpty()); // last week
    QVERIFY(test::addKbVotes(temp.store(), QStringLiteral("zh-draft"), 9, true, now, 1).isEmpty());    // not published
    QSqlQuery q(temp.store()->connection());
    // Links to tickets count as well.
    QVERIFY(q.exec(QStringLiteral("INSERT INTO ticket_kb_link(id, ticket_id, article_id, linked_at) VALUES "
                                  "('l1', 't1', 'en-slow', %1), ('l2', 't2', 'en-slow', %1), ('l3', 't3', 'en-slow', %1)")
                       .arg(now - 86400000)));
    const Result<QVector<KbHit>> useful = KbSearch(temp.store(), m_clock).mostUseful(7, 10);
    QVERIFY2(useful.ok(), qPrintable(useful.errorMessage()));
    QCOMPARE(ids(*useful), (QStringList{QStringLiteral("zh-data"), QStringLiteral("en-slow"), QStringLiteral("en-japan")}));
    QCOMPARE(useful->at(1).linksRecent, 3);

    // An unlinked link no longer counts.
    QVERIFY(q.exec(QStringLiteral("UPDATE ticket_kb_link SET deleted_at = %1 WHERE id IN ('l1', 'l2')").arg(now)));
    const Result<QVector<KbHit>> after = KbSearch(temp.store(), m_clock).mostUseful(7, 10, QStringLiteral("en"));
    QVERIFY(after.ok());
    QCOMPARE(ids(*after), (QStringList{QStringLiteral("en-japan"), QStringLiteral("en-slow")}));
}

void TestKbSearch::suggestForTicketText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");
    QTest::newRow("modem fault")
        << QStringLiteral("客户来电反映家里宽带从昨晚开始无法上网，光猫上的LOS灯一直红色闪烁，已经自己重启过两次没有用。")
        << QString() << QStringLiteral("zh-modem");
    QTest::newRow("porting enquiry")
        << QStringLiteral("用户想把号码转到其他运营商，询问携号转网需要什么条件，授权码怎么获取。") << QString()
        << QStringLiteral("zh-porting");
    QTest::newRow("english dispute")
        << QStringLiteral("Customer says he was charged twice for the same month and wants a refund of the double charge.")
        << QStringLiteral("en") << QStringLiteral("en-double");
}

void TestKbSearch::suggestForTicketText()
{
    QFETCH(QString, text);
    QFETCH(QString, language);
    QFETCH(QString, expected);
    const Result<QVector<KbHit>> hits = KbSuggest(m_temp.store()).forText(text, language, 3);
    QVERIFY2(hits.ok(), qPrintable(hits.errorMessage()));
    QVERIFY2(!hits->isEmpty(), "no suggestion");
    QCOMPARE(hits->first().articleId, expected);
    for (const KbHit& hit : *hits)
        QCOMPARE(hit.status, QStringLiteral("published"));
}

void TestKbSearch::suggestKeyTermsAreDistinctive()
{
    const Result<QStringList> terms =
        KbSuggest(m_temp.store()).keyTerms(QStringLiteral("the customer wants the refund for the double charge"));
    QVERIFY(terms.ok());
    QVERIFY(!terms->contains(QStringLiteral("the")));
    QVERIFY(!terms->contains(QStringLiteral("customer")));
    QVERIFY2(terms->contains(QStringLiteral("refund")), qPrintable(terms->join(QLatin1Char(','))));
}

void TestKbSearch::suggestForNothing()
{
    KbSuggest suggest(m_temp.store());
    for (const QString& text : {QString(), QStringLiteral("   "), QStringLiteral("的了是"), QStringLiteral("zzzz qqqq")}) {
        const Result<QVector<KbHit>> hits = suggest.forText(text);
        QVERIFY(hits.ok());
        QVERIFY2(hits->isEmpty(), qPrintable(text));
    }
}

QTEST_GUILESS_MAIN(TestKbSearch)
#include "tst_kbsearch.moc"
