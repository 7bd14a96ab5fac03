#include "common/Uuid.h"

#include <QSet>
#include <QTest>

using namespace telcodesk;

class TestUuid : public QObject
{
    Q_OBJECT
private slots:
    void createIsValidAndOrdered();
    void deterministicForSeed();
    void rejectsMalformed();
};

void TestUuid::createIsValidAndOrdered()
{
    QString previous;
    QSet<QString> seen;
    for (int i = 0; i < 10000; ++i) {
        const QString id = UuidV7::create();
        QVERIFY2(UuidV7::isValid(id), qPrintable(id));
        QCOMPARE(id.at(14), QLatin1Char('7'));
        QVERIFY2(id > previous, "ids made one after another must sort one after another");
        QVERIFY(!seen.contains(id));
        seen.insert(id);
        previous = id;
    }
}

void TestUuid::deterministicForSeed()
{
    std::mt19937_64 a(42), b(42);
    QCOMPARE(UuidV7::fromParts(1700000000000ULL, a), UuidV7::fromParts(1700000000000ULL, b));
}

void TestUuid::rejectsMalformed()
{
    QVERIFY(!UuidV7::isValid(QString()));
    QVERIFY(!UuidV7::isValid(QStringLiteral("not-a-uuid")));
    QVERIFY(!UuidV7::isValid(QStringLiteral("0190A3B4-1234-7abc-8def-0123456789ab")));
    QVERIFY(!UuidV7::isValid(QStringLiteral("0190a3b4x1234-7abc-8def-0123456789ab")));
    QVERIFY(!UuidV7::isValid(QStringLiteral("'; DROP TABLE customer; --0000000000")));
}

QTEST_GUILESS_MAIN(TestUuid)
#include "tst_uuid.moc"
