#include "domain/IdNumber.h"

#include <QTest>

using namespace telcodesk;

class TestIdNumber : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void checkCharacter();
};

void TestIdNumber::parse_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("birth");
    QTest::addColumn<QString>("gender");
    // 11010519491231002X is the worked example of GB 11643-1999.
    QTest::newRow("standard example") << "11010519491231002X" << true << "110105" << "1949-12-31" << "F";
    QTest::newRow("lower-case x") << "11010519491231002x" << true << "110105" << "1949-12-31" << "F";
    QTest::newRow("spaces") << "110105 19491231 002X" << true << "110105" << "1949-12-31" << "F";
    QTest::newRow("digit check") << "440304199003071248" << true << "440304" << "1990-03-07" << "F";
    QTest::newRow("born before 1900") << "440524188001010014" << false << "" << "" << "";
    QTest::newRow("wrong check") << "110105194912310021" << false << "" << "" << "";
    QTest::newRow("bad date") << "110105194902300028" << false << "" << "" << "";
    QTest::newRow("bad region") << "990105194912310025" << false << "" << "" << "";
    QTest::newRow("too short") << "1101051949123100" << false << "" << "" << "";
    QTest::newRow("letters") << "11010519491231A02X" << false << "" << "" << "";
    QTest::newRow("empty") << "" << false << "" << "" << "";
    QTest::newRow("fullwidth digits") << QString::fromUtf8("１１０１０５１９４９１２３１００２X") << false << "" << "" << "";
}

void TestIdNumber::parse()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    const IdNumber::Parsed p = IdNumber::parse(input);
    QCOMPARE(p.valid, valid);
    if (!valid) {
        QVERIFY2(!p.error.isEmpty(), "an invalid number must say why");
        return;
    }
    QFETCH(QString, region);
    QFETCH(QString, birth);
    QFETCH(QString, gender);
    QCOMPARE(p.regionCode, region);
    QCOMPARE(p.birthDate.toString(Qt::ISODate), birth);
    QCOMPARE(QString(p.gender), gender);
}

void TestIdNumber::checkCharacter()
{
    QCOMPARE(IdNumber::checkCharacter(u"11010519491231002"), QLatin1Char('X'));
    QCOMPARE(IdNumber::checkCharacter(u"44052418800101001"), QLatin1Char('4'));
}

QTEST_GUILESS_MAIN(TestIdNumber)
#include "tst_idnumber.moc"
