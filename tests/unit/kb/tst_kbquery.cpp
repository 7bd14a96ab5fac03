#include "kb/KbQuery.h"

#include <QTest>

using namespace telcodesk;

class TestKbQuery : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void matchAnyJoinsWithOr();
    void longQueriesAreCut();
    void manyWordsAreCut();
};

void TestKbQuery::parse_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("matchAll");
    QTest::addColumn<bool>("truncated");

    QTest::newRow("one Chinese character") << QStringLiteral("卡") << QStringLiteral("\"卡\"") << false;
    QTest::newRow("two characters") << QStringLiteral("宽带") << QStringLiteral("\"宽带\"") << false;
    QTest::newRow("four characters") << QStringLiteral("携号转网") << QStringLiteral("\"携号转网\"") << false;
    QTest::newRow("words and prefix") << QStringLiteral("Data roam")
                                      << QStringLiteral("\"data\" \"roam\"*") << false;
    QTest::newRow("trailing space ends the prefix") << QStringLiteral("roaming ") << QStringLiteral("\"roaming\"")
                                                    << false;
    QTest::newRow("one letter is no prefix") << QStringLiteral("data r") << QStringLiteral("\"data\" \"r\"") << false;
    QTest::newRow("mixed") << QStringLiteral("5G套餐 roaming") << QStringLiteral("\"5g套餐\" \"roaming\"*") << false;
    QTest::newRow("plan code keeps its dash") << QStringLiteral("TD-199") << QStringLiteral("\"td-199\"*") << false;
    QTest::newRow("full width folded") << QStringLiteral("ＴＤ１９９元") << QStringLiteral("\"td199元\"") << false;
    QTest::newRow("double quote") << QStringLiteral("\"宽带") << QStringLiteral("\"宽带\"") << false;
    QTest::newRow("quote inside a word") << QStringLiteral("宽\"带") << QStringLiteral("\"宽\" \"带\"") << false;
    QTest::newRow("star") << QStringLiteral("宽带*") << QStringLiteral("\"宽带\"") << false;
    QTest::newRow("NEAR is a word") << QStringLiteral("NEAR(宽带 光猫)")
                                    << QStringLiteral("\"near\" \"宽带\" \"光猫\"") << false;
    QTest::newRow("leading minus") << QStringLiteral("-宽带") << QStringLiteral("\"宽带\"") << false;
    QTest::newRow("open bracket") << QStringLiteral("(宽带") << QStringLiteral("\"宽带\"") << false;
    QTest::newRow("boolean words") << QStringLiteral("宽带 AND OR NOT")
                                   << QStringLiteral("\"宽带\" \"and\" \"or\" \"not\"*") << false;
    QTest::newRow("column filter syntax") << QStringLiteral("title:宽带") << QStringLiteral("\"title:宽带\"") << false;
    QTest::newRow("caret and plus") << QStringLiteral("^宽带 +光猫") << QStringLiteral("\"宽带\" \"光猫\"") << false;
    QTest::newRow("only punctuation") << QStringLiteral("\"*-( )^:") << QString() << false;
    QTest::newRow("empty") << QString() << QString() << false;
    QTest::newRow("dangling joiner") << QStringLiteral("td-") << QStringLiteral("\"td\"*") << false;
    QTest::newRow("Chinese punctuation") << QStringLiteral("宽带，光猫。") << QStringLiteral("\"宽带\" \"光猫\"") << false;
}

void TestKbQuery::parse()
{
    QFETCH(QString, typed);
    QFETCH(QString, matchAll);
    QFETCH(bool, truncated);
    const KbQuery query = KbQuery::parse(typed);
    QCOMPARE(query.matchAll(), matchAll);
    QCOMPARE(query.isEmpty(), matchAll.isEmpty());
    QCOMPARE(query.truncated(), truncated);
}

void TestKbQuery::matchAnyJoinsWithOr()
{
    QCOMPARE(KbQuery::parse(QStringLiteral("日本 roaming")).matchAny(), QStringLiteral("\"日本\" OR \"roaming\"*"));
    QCOMPARE(KbQuery::quoted(QStringLiteral("a\"b")), QStringLiteral("\"a\"\"b\""));
}

void TestKbQuery::longQueriesAreCut()
{
    QString typed;
    while (typed.size() < 5000)
        typed += QStringLiteral("宽带故障 ");
    const KbQuery query = KbQuery::parse(typed);
    QVERIFY(query.truncated());
    QVERIFY(query.chunks().size() <= KbQuery::kMaxChunks);
    QVERIFY(!query.isEmpty());
    // A cut never leaves half of a surrogate pair behind.
    const QString emoji = QString(KbQuery::kMaxChars - 1, QLatin1Char('a')) + QStringLiteral("😀");
    const KbQuery cut = KbQuery::parse(emoji);
    QVERIFY(cut.truncated());
    for (const QString& chunk : cut.chunks())
        QVERIFY(!chunk.back().isHighSurrogate());
}

void TestKbQuery::manyWordsAreCut()
{
    QStringList words;
    for (int i = 0; i < 40; ++i)
        words << QStringLiteral("w%1x").arg(i);
    const KbQuery query = KbQuery::parse(words.join(QLatin1Char(' ')));
    QCOMPARE(query.chunks().size(), KbQuery::kMaxChunks);
    QVERIFY(query.truncated());
}

QTEST_GUILESS_MAIN(TestKbQuery)
#include "tst_kbquery.moc"
