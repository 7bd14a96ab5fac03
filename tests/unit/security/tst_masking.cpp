#include "security/Masking.h"

#include <QTest>

using namespace telcodesk;

namespace {

QString s(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

QString repeated(const QString& unit, int count)
{
    return unit.repeated(count);
}

qsizetype codePoints(const QString& text)
{
    return text.toUcs4().size();
}

} // namespace

class TestMasking : public QObject
{
    Q_OBJECT
private slots:
    void mask_data();
    void mask();
};

void TestMasking::mask_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const QString msisdn = QStringLiteral("msisdn");
    const QString id = QStringLiteral("id");
    const QString name = QStringLiteral("name");
    const QString grin = s("\xF0\x9F\x98\x80");   // U+1F600, a surrogate pair in UTF-16
    const QString ext = s("\xF0\xA0\xAE\xB7");    // U+20BB7, a CJK Extension B character

    QTest::newRow("msisdn e164 mainland") << msisdn << s("+8613812345678") << s("138****5678");
    QTest::newRow("msisdn national") << msisdn << s("13812345678") << s("138****5678");
    QTest::newRow("msisdn foreign") << msisdn << s("+441632960123") << s("+44******0123");
    QTest::newRow("msisdn +86 landline keeps prefix") << msisdn << s("+861012345678") << s("+86******5678");
    QTest::newRow("msisdn 8 chars") << msisdn << s("12345678") << s("123*5678");
    QTest::newRow("msisdn 7 chars") << msisdn << s("1234567") << s("*******");
    QTest::newRow("msisdn +86 alone") << msisdn << s("+86") << s("***");
    QTest::newRow("msisdn empty") << msisdn << QString() << QString();
    QTest::newRow("msisdn non-BMP head") << msisdn << (repeated(grin, 3) + s("12345678"))
                                         << (repeated(grin, 3) + s("****5678"));
    QTest::newRow("msisdn non-BMP tail") << msisdn << (s("1234567") + grin) << (s("123*567") + grin);
    QTest::newRow("msisdn 7 code points in 8 units") << msisdn << (s("123456") + grin) << s("*******");
    QTest::newRow("msisdn lone surrogate") << msisdn << (s("1381234567") + QChar(0xD800))
                                           << (s("138****567") + QChar(0xD800));
    QTest::newRow("msisdn 10000 chars") << msisdn << repeated(s("9"), 10000)
                                        << (s("999") + repeated(s("*"), 9993) + s("9999"));

    QTest::newRow("id resident") << id << s("110101199003071234") << s("1101**********1234");
    QTest::newRow("id resident X") << id << s("11010119900307123X") << s("1101**********123X");
    QTest::newRow("id resident x") << id << s("11010119900307123x") << s("1101**********123x");
    QTest::newRow("id passport") << id << s("E12345678") << s("E1*****78");
    QTest::newRow("id credit code (18, not resident)") << id << s("91110000600037341L")
                                                      << s("91**************1L");
    QTest::newRow("id old 15-digit") << id << s("110101900307123") << s("11***********23");
    QTest::newRow("id 8 chars") << id << s("H1234567") << s("H1****67");
    QTest::newRow("id 7 chars") << id << s("H123456") << s("*******");
    QTest::newRow("id empty") << id << QString() << QString();
    QTest::newRow("id non-BMP") << id << repeated(ext, 8) << (repeated(ext, 2) + s("****") + repeated(ext, 2));
    QTest::newRow("id 10000 chars") << id << repeated(s("A"), 10000) << (s("AA") + repeated(s("*"), 9996) + s("AA"));

    QTest::newRow("name two chars") << name << s("张伟") << s("张*");
    QTest::newRow("name compound surname") << name << s("欧阳娜娜") << s("欧***");
    QTest::newRow("name latin") << name << s("John Smith") << s("J*********");
    QTest::newRow("name one char") << name << s("张") << s("张");
    QTest::newRow("name empty") << name << QString() << QString();
    QTest::newRow("name non-BMP first") << name << (ext + s("野家")) << (ext + s("**"));
    QTest::newRow("name non-BMP last") << name << (s("李") + ext) << s("李*");
    QTest::newRow("name 10000 chars") << name << repeated(s("a"), 10000) << (s("a") + repeated(s("*"), 9999));
}

void TestMasking::mask()
{
    QFETCH(QString, kind);
    QFETCH(QString, input);
    QFETCH(QString, expected);

    QString masked;
    if (kind == QLatin1String("msisdn"))
        masked = Masking::msisdn(input);
    else if (kind == QLatin1String("id"))
        masked = Masking::idNumber(input);
    else
        masked = Masking::name(input);

    QCOMPARE(masked, expected);
    // A surrogate pair is never cut in half, and the shape (one '*' per hidden character) is kept,
    // except where the mainland country code is dropped.
    if (QStringView(input).isValidUtf16())
        QVERIFY(QStringView(masked).isValidUtf16());
    if (!(kind == QLatin1String("msisdn") && input.startsWith(QLatin1String("+86")) && input.size() == 14))
        QCOMPARE(codePoints(masked), codePoints(input));
}

QTEST_GUILESS_MAIN(TestMasking)
#include "tst_masking.moc"
