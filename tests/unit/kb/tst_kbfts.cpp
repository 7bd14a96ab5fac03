#include "kb/KbFts.h"
#include "store/LocalStore.h"

#include "TempStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <sqlite3.h>

using namespace telcodesk;

class TestKbFts : public QObject
{
    Q_OBJECT
private slots:
    void documentTokens_data();
    void documentTokens();
    void queryTokens_data();
    void queryTokens();
    void offsetsPointIntoTheText();
    void invalidUtf8DoesNotStopTokenizing();
    void longWordsAreCut();
    void plainText_data();
    void plainText();
    void indexFollowsArticles();
    void matchesInSqlite_data();
    void matchesInSqlite();
    void rejectsTokenizerArguments();
};

void TestKbFts::documentTokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("pairs with colocated singles")
        << QStringLiteral("宽带故障")
        << QStringList{QStringLiteral("宽带"), QStringLiteral("宽"), QStringLiteral("带故"), QStringLiteral("带"),
                       QStringLiteral("故障"), QStringLiteral("故"), QStringLiteral("障")};
    QTest::newRow("one character") << QStringLiteral("卡") << QStringList{QStringLiteral("卡")};
    QTest::newRow("punctuation ends a run")
        << QStringLiteral("宽带，故障")
        << QStringList{QStringLiteral("宽带"), QStringLiteral("宽"), QStringLiteral("带"), QStringLiteral("故障"),
                       QStringLiteral("故"), QStringLiteral("障")};
    QTest::newRow("letters and digits part")
        << QStringLiteral("TD199 and TD-199")
        << QStringList{QStringLiteral("td"), QStringLiteral("199"), QStringLiteral("and"), QStringLiteral("td"),
                       QStringLiteral("199")};
    QTest::newRow("full width folded") << QStringLiteral("ＴＤ１９９") << QStringList{QStringLiteral("td"), QStringLiteral("199")};
    QTest::newRow("mixed scripts")
        << QStringLiteral("5G套餐Roaming")
        << QStringList{QStringLiteral("5"), QStringLiteral("g"), QStringLiteral("套餐"), QStringLiteral("套"),
                       QStringLiteral("餐"), QStringLiteral("roaming")};
    QTest::newRow("accented latin") << QStringLiteral("Café") << QStringList{QStringLiteral("café")};
    QTest::newRow("nothing searchable") << QStringLiteral("  --**()\"  ") << QStringList{};
}

void TestKbFts::documentTokens()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(KbFts::tokens(text, KbFts::Mode::Document), expected);
}

void TestKbFts::queryTokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("pairs only") << QStringLiteral("宽带故障")
                                << QStringList{QStringLiteral("宽带"), QStringLiteral("带故"), QStringLiteral("故障")};
    QTest::newRow("two characters") << QStringLiteral("流量") << QStringList{QStringLiteral("流量")};
    QTest::newRow("one character") << QStringLiteral("卡") << QStringList{QStringLiteral("卡")};
    QTest::newRow("price") << QStringLiteral("199元") << QStringList{QStringLiteral("199"), QStringLiteral("元")};
}

void TestKbFts::queryTokens()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(KbFts::tokens(text, KbFts::Mode::Query), expected);
}

void TestKbFts::offsetsPointIntoTheText()
{
    const QByteArray text = QStringLiteral("ab 宽带X").toUtf8();
    QVector<QPair<int, int>> spans;
    QVector<bool> colocated;
    KbFts::tokenize(text.constData(), int(text.size()), KbFts::Mode::Document,
                    [&](const QByteArray&, int start, int end, bool coloc) {
                        spans.append({start, end});
                        colocated.append(coloc);
                        return true;
                    });
    // "ab" 0..2, "宽带" 3..9, "宽" 3..6 (colocated), "带" 6..9, "x" 9..10
    const QVector<QPair<int, int>> expected{{0, 2}, {3, 9}, {3, 6}, {6, 9}, {9, 10}};
    QCOMPARE(spans, expected);
    QCOMPARE(colocated, (QVector<bool>{false, false, true, false, false}));
}

void TestKbFts::invalidUtf8DoesNotStopTokenizing()
{
    const QByteArray text("ab\xff\xfe" "cd\xe5\xae", 8); // stray bytes and a cut-off sequence
    QStringList out;
    KbFts::tokenize(text.constData(), int(text.size()), KbFts::Mode::Document, [&](const QByteArray& t, int, int, bool) {
        out.append(QString::fromUtf8(t));
        return true;
    });
    QCOMPARE(out, (QStringList{QStringLiteral("ab"), QStringLiteral("cd")}));
}

void TestKbFts::longWordsAreCut()
{
    const QString word(200, QLatin1Char('a'));
    const QStringList out = KbFts::tokens(word, KbFts::Mode::Document);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.first().size(), 64);
}

void TestKbFts::plainText_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain stays") << QStringLiteral("  宽带故障  ") << QStringLiteral("宽带故障");
    QTest::newRow("paragraphs") << QStringLiteral("<p>第一段</p><p>second <b>bold</b></p>")
                                << QStringLiteral("第一段\nsecond bold");
    QTest::newRow("entities") << QStringLiteral("<p>a &amp; b &lt;c&gt; &quot;d&quot; &#21345; &#x5361;&nbsp;e</p>")
                              << QStringLiteral("a & b <c> \"d\" 卡 卡 e");
    QTest::newRow("head and style skipped")
        << QStringLiteral("<html><head><meta name=\"qrichtext\" content=\"1\" /><style type=\"text/css\">p { x: y; }"
                          "</style></head><body><p>正文</p></body></html>")
        << QStringLiteral("正文");
    QTest::newRow("list items") << QStringLiteral("<ol><li>重启光猫</li><li>检查网线</li></ol>")
                                << QStringLiteral("重启光猫\n检查网线");
    QTest::newRow("table cells") << QStringLiteral("<table><tr><td>日本</td><td>3元/MB</td></tr></table>")
                                 << QStringLiteral("日本 3元/MB");
    QTest::newRow("lone angle bracket") << QStringLiteral("1 < 2 & 3") << QStringLiteral("1 < 2 & 3");
    QTest::newRow("unknown entity kept") << QStringLiteral("<p>&bogus; &#xD800;</p>") << QStringLiteral("&bogus; &#xD800;");
}

void TestKbFts::plainText()
{
    QFETCH(QString, html);
    QFETCH(QString, expected);
    QCOMPARE(KbFts::plainText(html), expected);
}

namespace {

bool insertArticle(const LocalStorePtr& store, const QString& id, const QString& title, const QString& body,
                   const QString& status = QStringLiteral("published"))
{
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("INSERT INTO kb_article(id, title, body, category, tags, language, status) "
                             "VALUES (?, ?, ?, 'broadband', 'tag', 'zh_CN', ?)"));
    q.addBindValue(id);
    q.addBindValue(title);
    q.addBindValue(body);
    q.addBindValue(status);
    return q.exec();
}

QStringList matching(const LocalStorePtr& store, const QString& match, const QString& table = QStringLiteral("kb_fts"))
{
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("SELECT s.article_id FROM %1 JOIN kb_search s ON s.rowid_ = %1.rowid "
                             "WHERE %1 MATCH ? ORDER BY s.article_id").arg(table));
    q.addBindValue(match);
    QStringList ids;
    if (!q.exec())
        return {QStringLiteral("error: ") + q.lastError().text()};
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

/// In how many published articles the index holds a term.
int vocabDocs(const LocalStorePtr& store, const QString& term)
{
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("SELECT doc FROM kb_fts_vocab WHERE term = ?"));
    q.addBindValue(term);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

} // namespace

void TestKbFts::indexFollowsArticles()
{
    test::TempStore temp;
    QVERIFY2(temp.ok(), qPrintable(temp.error()));
    const LocalStorePtr store = temp.store();
    QVERIFY(insertArticle(store, QStringLiteral("a1"), QStringLiteral("光猫"), QStringLiteral("<p>重启&amp;检查</p>")));
    QCOMPARE(matching(store, QStringLiteral("\"重启\"")), QStringList{QStringLiteral("a1")});
    QCOMPARE(matching(store, QStringLiteral("\"amp\"")), QStringList{}); // markup is not indexed

    QSqlQuery q(store->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE kb_article SET body = '<p>更换网线</p>' WHERE id = 'a1'")));
    QCOMPARE(matching(store, QStringLiteral("\"重启\"")), QStringList{});
    QCOMPARE(matching(store, QStringLiteral("\"网线\"")), QStringList{QStringLiteral("a1")});

    // Retired: out of the agents' index, into the editors'.
    QVERIFY(q.exec(QStringLiteral("UPDATE kb_article SET status = 'retired' WHERE id = 'a1'")));
    QVERIFY(q.exec(QStringLiteral("SELECT status FROM kb_search WHERE article_id = 'a1'")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("retired"));
    QCOMPARE(matching(store, QStringLiteral("\"网线\"")), QStringList{});
    QCOMPARE(matching(store, QStringLiteral("\"网线\""), QStringLiteral("kb_fts_work")), QStringList{QStringLiteral("a1")});
    QCOMPARE(vocabDocs(store, QStringLiteral("网线")), 0);
    QVERIFY(q.exec(QStringLiteral("UPDATE kb_article SET status = 'published' WHERE id = 'a1'")));
    QCOMPARE(matching(store, QStringLiteral("\"网线\"")), QStringList{QStringLiteral("a1")});
    QCOMPARE(matching(store, QStringLiteral("\"网线\""), QStringLiteral("kb_fts_work")), QStringList{});
    QCOMPARE(vocabDocs(store, QStringLiteral("网线")), 1);

    // A tombstone leaves the index, a revived row comes back, a deleted row goes.
    QVERIFY(q.exec(QStringLiteral("UPDATE kb_article SET deleted_at = 1 WHERE id = 'a1'")));
    QCOMPARE(matching(store, QStringLiteral("\"网线\"")), QStringList{});
    QCOMPARE(vocabDocs(store, QStringLiteral("网线")), 0);
    QVERIFY(q.exec(QStringLiteral("UPDATE kb_article SET deleted_at = NULL WHERE id = 'a1'")));
    QCOMPARE(matching(store, QStringLiteral("\"网线\"")), QStringList{QStringLiteral("a1")});
    QVERIFY(q.exec(QStringLiteral("DELETE FROM kb_article WHERE id = 'a1'")));
    QCOMPARE(matching(store, QStringLiteral("\"网线\"")), QStringList{});
    QCOMPARE(vocabDocs(store, QStringLiteral("网线")), 0);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM kb_search")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
}

void TestKbFts::matchesInSqlite_data()
{
    QTest::addColumn<QString>("match");
    QTest::addColumn<QStringList>("expected");
    const QString a = QStringLiteral("a"), b = QStringLiteral("b"), c = QStringLiteral("c");
    QTest::newRow("one character") << QStringLiteral("\"猫\"") << QStringList{a};
    QTest::newRow("last character of a run") << QStringLiteral("\"障\"") << QStringList{a, b};
    QTest::newRow("pair") << QStringLiteral("\"宽带\"") << QStringList{a, b};
    QTest::newRow("four characters") << QStringLiteral("\"宽带故障\"") << QStringList{a};
    QTest::newRow("not across punctuation") << QStringLiteral("\"带故\"") << QStringList{a};
    QTest::newRow("stemmed word") << QStringLiteral("\"roaming\"") << QStringList{c};
    QTest::newRow("stem of another form") << QStringLiteral("\"roamed\"") << QStringList{c};
    QTest::newRow("prefix") << QStringLiteral("\"roa\"*") << QStringList{c};
    QTest::newRow("plan code without dash") << QStringLiteral("\"td199\"") << QStringList{c};
    QTest::newRow("plan code with dash") << QStringLiteral("\"TD-199\"") << QStringList{c};
    QTest::newRow("mixed phrase") << QStringLiteral("\"5G套餐\"") << QStringList{c};
    QTest::newRow("nothing") << QStringLiteral("\"火星\"") << QStringList{};
}

void TestKbFts::matchesInSqlite()
{
    QFETCH(QString, match);
    QFETCH(QStringList, expected);
    test::TempStore temp;
    QVERIFY2(temp.ok(), qPrintable(temp.error()));
    const LocalStorePtr store = temp.store();
    QVERIFY(insertArticle(store, QStringLiteral("a"), QStringLiteral("光猫"), QStringLiteral("宽带故障的处理")));
    QVERIFY(insertArticle(store, QStringLiteral("b"), QStringLiteral("说明"), QStringLiteral("宽带，故障")));
    QVERIFY(insertArticle(store, QStringLiteral("c"), QStringLiteral("Roaming"),
                          QStringLiteral("TD-199 is a 5G套餐 for those who roam")));
    QCOMPARE(matching(store, match), expected);
}

void TestKbFts::rejectsTokenizerArguments()
{
    test::TempStore temp;
    QVERIFY2(temp.ok(), qPrintable(temp.error()));
    QSqlQuery q(temp.store()->connection());
    QVERIFY(!q.exec(QStringLiteral("CREATE VIRTUAL TABLE bad USING fts5(x, tokenize = 'tdcjk nonsense')")));
}

QTEST_GUILESS_MAIN(TestKbFts)
#include "tst_kbfts.moc"
