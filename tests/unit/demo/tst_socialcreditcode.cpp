#include "demo/SocialCreditCode.h"

#include <QTest>

using namespace telcodesk;

class TestSocialCreditCode : public QObject
{
    Q_OBJECT
private slots:
    void isValid_data();
    void isValid();
    void checkCharacters();
    void organizationCode();
};

void TestSocialCreditCode::isValid_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");
    // Published codes of registered organisations.
    QTest::newRow("letters in the organisation code") << "91350100M000100Y43" << true;
    QTest::newRow("check letter L") << "91110000600037341L" << true;
    QTest::newRow("check letter T") << "91440300708461136T" << true;
    QTest::newRow("organisation check X") << "9144030071526726XG" << true;
    QTest::newRow("wrong check") << "91350100M000100Y44" << false;
    QTest::newRow("one digit changed") << "91350100M000200Y43" << false;
    QTest::newRow("lower case") << "91110000600037341l" << false;
    QTest::newRow("letter outside the alphabet") << "9135010OM000100Y43" << false;
    QTest::newRow("too short") << "91350100M000100Y4" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("fullwidth") << QString::fromUtf8("９1350100M000100Y43") << false;
}

void TestSocialCreditCode::isValid()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QCOMPARE(SocialCreditCode::isValid(code), valid);
}

void TestSocialCreditCode::checkCharacters()
{
    QCOMPARE(SocialCreditCode::checkCharacter(QStringView(u"91350100M000100Y4")), QLatin1Char('3'));
    QCOMPARE(SocialCreditCode::checkCharacter("91110000600037341"), 'L');
    QVERIFY(SocialCreditCode::checkCharacter(QStringView(u"9135010OM000100Y4")).isNull());
    QCOMPARE(SocialCreditCode::checkCharacter("short"), '\0');
}

void TestSocialCreditCode::organizationCode()
{
    // The organisation code is characters 9-17; its last one is its own GB 11714 check.
    QCOMPARE(SocialCreditCode::organizationCheckCharacter(QStringView(u"M000100Y")), QLatin1Char('4'));
    QCOMPARE(SocialCreditCode::organizationCheckCharacter("70846113"), '6');
    QCOMPARE(SocialCreditCode::organizationCheckCharacter("71526726"), 'X');
    QCOMPARE(SocialCreditCode::organizationCheckCharacter("7152672"), '\0');
}

QTEST_GUILESS_MAIN(TestSocialCreditCode)
#include "tst_socialcreditcode.moc"
