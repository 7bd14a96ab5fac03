#include "NavigationHistory.h"

#include <QTest>

using namespace telcodesk;

class TestNavigationHistory : public QObject
{
    Q_OBJECT
private slots:
    void backAndForward();
    void visitingDropsForwardPlaces();
    void sameplaceTwiceIsOneEntry();
    void boundedLength();
    void recentIsMostRecentFirstWithoutRepeats();
};

using H = NavigationHistory;

void TestNavigationHistory::backAndForward()
{
    H h;
    QVERIFY(h.isEmpty());
    QVERIFY(!h.canGoBack());
    QVERIFY(!h.canGoForward());
    h.visit(H::search());
    h.visit(H::customer(QStringLiteral("a")));
    h.visit(H::customer(QStringLiteral("b")));
    QVERIFY(h.canGoBack());
    QCOMPARE(h.back(), H::customer(QStringLiteral("a")));
    QCOMPARE(h.back(), H::search());
    QVERIFY(!h.canGoBack());
    QCOMPARE(h.back(), H::search()); // cannot move: stays
    QCOMPARE(h.forward(), H::customer(QStringLiteral("a")));
    QCOMPARE(h.forward(), H::customer(QStringLiteral("b")));
    QVERIFY(!h.canGoForward());
    QCOMPARE(h.forward(), H::customer(QStringLiteral("b")));
}

void TestNavigationHistory::visitingDropsForwardPlaces()
{
    H h;
    h.visit(H::customer(QStringLiteral("a")));
    h.visit(H::customer(QStringLiteral("b")));
    h.visit(H::customer(QStringLiteral("c")));
    h.back();
    h.back();
    h.visit(H::customer(QStringLiteral("d")));
    QCOMPARE(h.size(), 2);
    QVERIFY(!h.canGoForward());
    QCOMPARE(h.back(), H::customer(QStringLiteral("a")));
}

void TestNavigationHistory::sameplaceTwiceIsOneEntry()
{
    H h;
    h.visit(H::search());
    h.visit(H::search());
    h.visit(H::customer(QStringLiteral("a")));
    h.visit(H::customer(QStringLiteral("a")));
    QCOMPARE(h.size(), 2);
}

void TestNavigationHistory::boundedLength()
{
    H h;
    for (int i = 0; i < H::kMaxPlaces + 20; ++i)
        h.visit(H::customer(QString::number(i)));
    QCOMPARE(h.size(), int(H::kMaxPlaces));
    QCOMPARE(h.current(), H::customer(QString::number(H::kMaxPlaces + 19)));
    while (h.canGoBack())
        h.back();
    QCOMPARE(h.current(), H::customer(QString::number(20)));
}

void TestNavigationHistory::recentIsMostRecentFirstWithoutRepeats()
{
    H h;
    h.noteViewed({QStringLiteral("a"), QStringLiteral("甲"), QStringLiteral("138****0001")});
    h.noteViewed({QStringLiteral("b"), QStringLiteral("乙"), QString()});
    h.noteViewed({QStringLiteral("a"), QStringLiteral("甲2"), QStringLiteral("138****0001")});
    QCOMPARE(h.recent().size(), 2);
    QCOMPARE(h.recent().at(0).customerId, QStringLiteral("a"));
    QCOMPARE(h.recent().at(0).name, QStringLiteral("甲2"));
    QCOMPARE(h.recent().at(1).customerId, QStringLiteral("b"));
    for (int i = 0; i < 40; ++i)
        h.noteViewed({QString::number(i), QString(), QString()});
    QCOMPARE(h.recent().size(), int(H::kMaxRecent));
    QCOMPARE(h.recent().at(0).customerId, QStringLiteral("39"));
}

QTEST_GUILESS_MAIN(TestNavigationHistory)
#include "tst_navigationhistory.moc"
