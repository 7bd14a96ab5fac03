#include "itemmodels/DisplayFormat.h"

#include <QTest>

using namespace telcodesk;

class TestDisplayFormat : public QObject
{
    Q_OBJECT
private slots:
    void yuan_data();
    void yuan();
    void monthsDatesAndNumbers();
};

void TestDisplayFormat::yuan_data()
{
    QTest::addColumn<qint64>("fen");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "¥0.00";
    QTest::newRow("cents") << qint64(5) << "¥0.05";
    QTest::newRow("plain") << qint64(12900) << "¥129.00";
    QTest::newRow("grouped") << qint64(123456789) << "¥1,234,567.89";
    QTest::newRow("negative (a refund)") << qint64(-1550) << "-¥15.50";
}

void TestDisplayFormat::yuan()
{
    QFETCH(qint64, fen);
    QFETCH(QString, text);
    QCOMPARE(DisplayFormat::yuan(fen), text);
}

void TestDisplayFormat::monthsDatesAndNumbers()
{
    QCOMPARE(DisplayFormat::month(202603), QStringLiteral("2026-03"));
    QCOMPARE(DisplayFormat::month(0), QString());
    QCOMPARE(DisplayFormat::date(QDate(2026, 3, 9)), QStringLiteral("2026-03-09"));
    QCOMPARE(DisplayFormat::date(QDate()), QString());
    QCOMPARE(DisplayFormat::dateTime(QDateTime()), QString());
    // The tests run with TZ=UTC.
    QCOMPARE(DisplayFormat::dateTime(QDateTime(QDate(2026, 3, 9), QTime(8, 5), Qt::UTC)), QStringLiteral("2026-03-09 08:05"));
    QCOMPARE(DisplayFormat::gigabytes(1536), 1.5);
    QCOMPARE(DisplayFormat::phoneNumber(QStringLiteral("+8613812345678")), QStringLiteral("13812345678"));
    QCOMPARE(DisplayFormat::phoneNumber(QStringLiteral("BB123")), QStringLiteral("BB123"));
}

QTEST_GUILESS_MAIN(TestDisplayFormat)
#include "tst_displayformat.moc"
