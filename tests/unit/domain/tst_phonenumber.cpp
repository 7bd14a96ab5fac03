#include "domain/PhoneNumber.h"

#include <QTest>

using namespace telcodesk;

class TestPhoneNumber : public QObject
{
    Q_OBJECT
private slots:
    void toE164_data();
    void toE164();
    void searchDigits_data();
    void searchDigits();
    void carrier();
};

void TestPhoneNumber::toE164_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("e164");
    QTest::newRow("plain") << "13812345678" << "+8613812345678";
    QTest::newRow("dashes") << "138-1234-5678" << "+8613812345678";
    QTest::newRow("spaces and +86") << "+86 138 1234 5678" << "+8613812345678";
    QTest::newRow("0086") << "0086 13812345678" << "+8613812345678";
    QTest::newRow("landline") << "010 6552 9988" << "+861065529988";
    QTest::newRow("too short") << "1381234" << "";
    QTest::newRow("letters") << "hello" << "";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("huge") << QString(10000, QLatin1Char('1')) << "";
}

void TestPhoneNumber::toE164()
{
    QFETCH(QString, input);
    QFETCH(QString, e164);
    QCOMPARE(PhoneNumber::toE164(input), e164);
}

void TestPhoneNumber::searchDigits_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("digits");
    QTest::newRow("last four") << "5678" << "5678";
    QTest::newRow("formatted") << "+86 138-1234-5678" << "13812345678";
    QTest::newRow("0086") << "008613812345678" << "13812345678";
    QTest::newRow("fullwidth ignored") << QString::fromUtf8("１３８") << "";
}

void TestPhoneNumber::searchDigits()
{
    QFETCH(QString, input);
    QFETCH(QString, digits);
    QCOMPARE(PhoneNumber::searchDigits(input), digits);
}

void TestPhoneNumber::carrier()
{
    QCOMPARE(PhoneNumber::carrierOf(QStringLiteral("+8613812345678")), QStringLiteral("China Mobile"));
    QCOMPARE(PhoneNumber::carrierOf(QStringLiteral("+8618612345678")), QStringLiteral("China Unicom"));
    QCOMPARE(PhoneNumber::carrierOf(QStringLiteral("+8618912345678")), QStringLiteral("China Telecom"));
    QCOMPARE(PhoneNumber::carrierOf(QStringLiteral("+8619212345678")), QStringLiteral("China Broadnet"));
    QVERIFY(PhoneNumber::isValidChinaMobile(QStringLiteral("13812345678")));
    QVERIFY(!PhoneNumber::isValidChinaMobile(QStringLiteral("01065529988")));
}

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "tst_phonenumber.moc"
