#include "kb/KbSnippet.h"

#include <QTest>

using namespace telcodesk;

class TestKbSnippet : public QObject
{
    Q_OBJECT
private slots:
    void highlight_data();
    void highlight();
    void stems_data();
    void stems();
    void snippetFindsTheMatches();
    void chineseStartsAfterPunctuation();
    void snippetPrefersAllTerms();
    void snippetWithoutMatchIsTheStart();
    void snippetCutsBetweenWords();
    void shortTextIsWhole();
};

void TestKbSnippet::highlight_data()
{
    QTest::addColumn<QStringList>("chunks");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("pair") << QStringList{QStringLiteral("光猫")} << QStringLiteral("重启光猫后再试")
                          << QStringLiteral("重启<b>光猫</b>后再试");
    QTest::newRow("one character, not its pair") << QStringList{QStringLiteral("猫")}
                                                 << QStringLiteral("光猫LOS") << QStringLiteral("光<b>猫</b>LOS");
    QTest::newRow("every occurrence") << QStringList{QStringLiteral("宽带")} << QStringLiteral("宽带和宽带")
                                      << QStringLiteral("<b>宽带</b>和<b>宽带</b>");
    QTest::newRow("stem marks the whole word") << QStringList{QStringLiteral("charges")}
                                               << QStringLiteral("Charged twice") << QStringLiteral("<b>Charged</b> twice");
    QTest::newRow("prefix marks the whole word") << QStringList{QStringLiteral("roa")}
                                                 << QStringLiteral("on roaming abroad")
                                                 << QStringLiteral("on <b>roaming</b> abroad");
    QTest::newRow("only at a word start") << QStringList{QStringLiteral("roam")} << QStringLiteral("aroam roam")
                                          << QStringLiteral("aroam <b>roam</b>");
    QTest::newRow("plan code") << QStringList{QStringLiteral("td-199")} << QStringLiteral("TD199 and TD-199")
                               << QStringLiteral("<b>TD199</b> and <b>TD</b>-<b>199</b>");
    QTest::newRow("whole numbers only") << QStringList{QStringLiteral("19")} << QStringLiteral("199 and 19元")
                                        << QStringLiteral("199 and <b>19</b>元");
    QTest::newRow("mixed chunk") << QStringList{QStringLiteral("5g套餐")} << QStringLiteral("新5G套餐")
                                 << QStringLiteral("新<b>5G套餐</b>");
    QTest::newRow("escaped") << QStringList{QStringLiteral("script")} << QStringLiteral("<script>&")
                             << QStringLiteral("&lt;<b>script</b>&gt;&amp;");
    QTest::newRow("overlapping terms merge") << (QStringList{QStringLiteral("携号"), QStringLiteral("号转网")})
                                             << QStringLiteral("办理携号转网") << QStringLiteral("办理<b>携号转网</b>");
}

void TestKbSnippet::highlight()
{
    QFETCH(QStringList, chunks);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(KbSnippet(chunks).highlight(text), expected);
}

void TestKbSnippet::stems_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ing") << QStringLiteral("Roaming") << QStringLiteral("roam");
    QTest::newRow("es") << QStringLiteral("charges") << QStringLiteral("charg");
    QTest::newRow("short kept") << QStringLiteral("bus") << QStringLiteral("bus");
    QTest::newRow("ed") << QStringLiteral("ported") << QStringLiteral("port");
}

void TestKbSnippet::stems()
{
    QFETCH(QString, word);
    QFETCH(QString, expected);
    QCOMPARE(KbSnippet::stem(word), expected);
}

void TestKbSnippet::snippetFindsTheMatches()
{
    const QString text = QString(200, QChar(0x7684)) + QStringLiteral("光猫LOS灯红色闪烁") + QString(200, QChar(0x7684));
    const QString out = KbSnippet({QStringLiteral("光猫")}).snippet(text, 60);
    QVERIFY2(out.contains(QStringLiteral("<b>光猫</b>LOS灯")), qPrintable(out));
    QVERIFY(out.startsWith(QChar(0x2026)));
    QVERIFY(out.endsWith(QChar(0x2026)));
    QVERIFY(out.size() < 90);
}

void TestKbSnippet::chineseStartsAfterPunctuation()
{
    const QString text = QString(200, QChar(0x7684)) + QStringLiteral("199元，秦淮区营业厅可办理光猫更换") + QString(200, QChar(0x7684));
    const QString out = KbSnippet({QStringLiteral("光猫")}).snippet(text, 40);
    QVERIFY2(out.startsWith(QStringLiteral("…秦淮区")), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("<b>光猫</b>")));
}

void TestKbSnippet::snippetPrefersAllTerms()
{
    // "宽带" alone early, "宽带" and "光猫" together later: the passage with both wins.
    const QString text = QStringLiteral("宽带") + QString(300, QChar(0x7684)) + QStringLiteral("宽带光猫")
        + QString(300, QChar(0x7684));
    const QString out = KbSnippet({QStringLiteral("宽带"), QStringLiteral("光猫")}).snippet(text, 40);
    QVERIFY2(out.contains(QStringLiteral("<b>宽带光猫</b>")), qPrintable(out));
}

void TestKbSnippet::snippetWithoutMatchIsTheStart()
{
    const QString text = QStringLiteral("开头") + QString(300, QChar(0x7684));
    const QString out = KbSnippet({QStringLiteral("火星")}).snippet(text, 40);
    QVERIFY(out.startsWith(QStringLiteral("开头")));
    QVERIFY(!out.contains(QStringLiteral("<b>")));
}

void TestKbSnippet::snippetCutsBetweenWords()
{
    QString text;
    for (int i = 0; i < 60; ++i)
        text += QStringLiteral("alpha beta gamma ");
    text += QStringLiteral("roaming charges apply ");
    for (int i = 0; i < 60; ++i)
        text += QStringLiteral("delta epsilon ");
    const QString out = KbSnippet({QStringLiteral("roaming")}).snippet(text, 80);
    QVERIFY2(out.contains(QStringLiteral("<b>roaming</b>")), qPrintable(out));
    const QString inner = out.mid(1, out.size() - 2); // without the two "…"
    QVERIFY2(!inner.startsWith(QLatin1Char(' ')) && !inner.endsWith(QLatin1Char(' ')), qPrintable(out));
    for (const QString& word : inner.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString plain = QString(word).remove(QStringLiteral("<b>")).remove(QStringLiteral("</b>"));
        QVERIFY2(QStringList({QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma"),
                              QStringLiteral("roaming"), QStringLiteral("charges"), QStringLiteral("apply"),
                              QStringLiteral("delta"), QStringLiteral("epsilon")})
                     .contains(plain),
                 qPrintable(QStringLiteral("cut word: ") + plain));
    }
}

void TestKbSnippet::shortTextIsWhole()
{
    QCOMPARE(KbSnippet({QStringLiteral("卡")}).snippet(QStringLiteral("补\n卡"), 40), QStringLiteral("补 <b>卡</b>"));
}

QTEST_GUILESS_MAIN(TestKbSnippet)
#include "tst_kbsnippet.moc"
