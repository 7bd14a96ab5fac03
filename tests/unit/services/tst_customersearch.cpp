#include "Fixtures.h"
#include "TempStore.h"
#include "services/CustomerSearch.h"

#include <QSqlQuery>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

/// Search correctness as a table of cases: each query names the customers (by name) it must find
/// first, and those it must not find at all.
class TestCustomerSearch : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void search_data();
    void search();
    void hostileInputNeverFails_data();
    void hostileInputNeverFails();
    void classify_data();
    void classify();
    void hitsCarryBothCityNames();
    void limitIsHonoured();
    void deletedCustomersAreNotFound();
    void normalizeName();

private:
    std::unique_ptr<TempStore> m_temp;
};

void TestCustomerSearch::initTestCase()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    Fixtures f(m_temp->store());
    QSqlQuery region(m_temp->store()->connection());
    QVERIFY(region.exec("INSERT INTO region(code, province_zh, city_zh, province_en, city_en) "
                        "VALUES('440300', '广东省', '深圳市', 'Guangdong', 'Shenzhen')"));
    const struct
    {
        const char* name;
        const char* msisdn;
        const char* id;
        const char* account;
        const char* alt;
    } rows[] = {
        {"张伟", "13812345678", "11010519491231002X", "110000000001", nullptr},
        {"张伟明", "13987655678", "440304199003071248", "440000000002", nullptr},
        {"张 伟", "13812345678", "11010519491231002x", "110000000003", nullptr}, // a merged duplicate
        {"王芳", "18612340000", "440304199003071256", "440000000004", nullptr},
        {"欧阳娜娜", "19912345679", nullptr, "310000000005", nullptr},
        {"John Smith", "17712340001", "E12345678", "440000000006", "smithjohn"},
        {"Maria Garcia", "15012345670", "P98765432", "440000000007", "garciamaria"},
        {"100%_Test'\"--", "15100000000", nullptr, "440000000008", nullptr},
    };
    for (const auto& r : rows) {
        Fixtures::CustomerSpec spec;
        spec.name = QString::fromUtf8(r.name);
        spec.msisdn = QString::fromLatin1(r.msisdn);
        spec.idNumber = r.id ? QString::fromLatin1(r.id) : QString();
        spec.accountNo = QString::fromLatin1(r.account);
        spec.nameAlt = r.alt ? QString::fromLatin1(r.alt) : QString();
        if (spec.name == QStringLiteral("张 伟"))
            spec.lineStatus = QStringLiteral("closed");
        QVERIFY(!f.addCustomer(spec).isEmpty());
    }
}

void TestCustomerSearch::cleanupTestCase()
{
    m_temp.reset();
}

void TestCustomerSearch::search_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected"); // names, in this order, at the top of the results
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("last four digits") << "5678" << QStringList{"张伟", "张 伟", "张伟明"} << QStringList{"王芳"};
    QTest::newRow("full number") << "13812345678" << QStringList{"张伟", "张 伟"} << QStringList{"张伟明"};
    QTest::newRow("formatted number") << "+86 138-1234-5678" << QStringList{"张伟", "张 伟"} << QStringList{"张伟明"};
    QTest::newRow("0086 number") << "0086 138 1234 5678" << QStringList{"张伟", "张 伟"} << QStringList{};
    QTest::newRow("leading digits") << "1861234" << QStringList{"王芳"} << QStringList{"张伟"};
    QTest::newRow("trailing digits") << "340000" << QStringList{"王芳"} << QStringList{"张伟"};
    QTest::newRow("two-character name") << "张伟" << QStringList{"张伟", "张 伟", "张伟明"} << QStringList{"王芳"};
    QTest::newRow("name with a space") << "张 伟" << QStringList{"张伟", "张 伟"} << QStringList{"王芳"};
    QTest::newRow("three-character name") << "张伟明" << QStringList{"张伟明"} << QStringList{"张伟"};
    QTest::newRow("surname only") << "张" << QStringList{"张伟", "张 伟", "张伟明"} << QStringList{"王芳"};
    QTest::newRow("compound surname") << "欧阳" << QStringList{"欧阳娜娜"} << QStringList{};
    QTest::newRow("latin name, any case") << "john SMITH" << QStringList{"John Smith"} << QStringList{};
    QTest::newRow("latin prefix") << "mar" << QStringList{"Maria Garcia"} << QStringList{};
    QTest::newRow("latin surname") << "garcia" << QStringList{"Maria Garcia"} << QStringList{};
    QTest::newRow("id number") << "440304199003071248" << QStringList{"张伟明"} << QStringList{"王芳"};
    QTest::newRow("id number, either x") << "11010519491231002x" << QStringList{"张伟", "张 伟"} << QStringList{};
    QTest::newRow("id number prefix") << "44030419900307125" << QStringList{"王芳"} << QStringList{"张伟明"};
    QTest::newRow("passport") << "e12345678" << QStringList{"John Smith"} << QStringList{};
    QTest::newRow("account number") << "310000000005" << QStringList{"欧阳娜娜"} << QStringList{};
    QTest::newRow("no result: number") << "99999" << QStringList{} << QStringList{"张伟", "王芳"};
    QTest::newRow("no result: name") << "诸葛亮" << QStringList{} << QStringList{"张伟"};
    QTest::newRow("two digits are too few") << "78" << QStringList{} << QStringList{"张伟"};
}

static QStringList namesOf(const QVector<CustomerHit>& hits)
{
    QStringList names;
    for (const CustomerHit& h : hits)
        names << h.name;
    return names;
}

void TestCustomerSearch::search()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);
    const QStringList names = namesOf(CustomerSearch(m_temp->store()).search(query));
    QVERIFY2(names.size() >= expected.size(), qPrintable(names.join(QLatin1Char('|'))));
    QCOMPARE(names.mid(0, expected.size()), expected);
    if (expected.isEmpty())
        QVERIFY2(names.isEmpty(), qPrintable(names.join(QLatin1Char('|'))));
    for (const QString& name : absent)
        QVERIFY2(!names.contains(name), qPrintable(name + QStringLiteral(" must not match")));
}

void TestCustomerSearch::hostileInputNeverFails_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("mayFind");
    QTest::newRow("percent") << "%" << false;
    QTest::newRow("underscore") << "_" << false;
    QTest::newRow("quote") << "'" << false;
    QTest::newRow("double quote") << "\"" << false;
    QTest::newRow("comment") << "--" << false;
    QTest::newRow("injection") << "' OR 1=1 --" << false;
    QTest::newRow("like pattern") << "%张%" << true; // punctuation is ignored: this is the name 张
    QTest::newRow("10,000 characters") << QString(10000, QLatin1Char('a')) << false;
    QTest::newRow("10,000 digits") << QString(10000, QLatin1Char('1')) << false;
    // Decodes to 张 and replacement characters, which search ignores like punctuation.
    QTest::newRow("broken UTF-8") << QString::fromUtf8("\xe5\xbc\xa0\xff\xfe\xc3") << true;
    QString surrogate = QStringLiteral("张");
    surrogate.append(QChar(0xDC00));
    QTest::newRow("lone surrogate") << surrogate << true;
    QTest::newRow("NUL") << QString(QChar(0)) + QStringLiteral("5678") << true;
    QTest::newRow("only spaces") << "    " << false;
    QTest::newRow("emoji") << "😀" << false;
    QTest::newRow("fts syntax") << "NEAR(\"a\" *)" << false;
}

void TestCustomerSearch::hostileInputNeverFails()
{
    QFETCH(QString, query);
    QFETCH(bool, mayFind);
    const QVector<CustomerHit> hits = CustomerSearch(m_temp->store()).search(query);
    if (!mayFind)
        QVERIFY2(hits.isEmpty(), qPrintable(namesOf(hits).join(QLatin1Char('|'))));
    // And the store is intact.
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM customer")) && q.next());
    QCOMPARE(q.value(0).toInt(), 8);
}

void TestCustomerSearch::classify_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("kind");
    QTest::newRow("empty") << "" << int(CustomerSearch::QueryKind::Empty);
    QTest::newRow("digits") << "5678" << int(CustomerSearch::QueryKind::Digits);
    QTest::newRow("formatted") << "+86 (138) 1234-5678" << int(CustomerSearch::QueryKind::Digits);
    QTest::newRow("id") << "11010519491231002X" << int(CustomerSearch::QueryKind::IdNumber);
    QTest::newRow("name") << "张伟" << int(CustomerSearch::QueryKind::Name);
    QTest::newRow("punctuation only") << "%_'" << int(CustomerSearch::QueryKind::Empty);
    QTest::newRow("too long") << QString(CustomerSearch::kMaxQueryChars + 1, QLatin1Char('a'))
                              << int(CustomerSearch::QueryKind::Empty);
}

void TestCustomerSearch::classify()
{
    QFETCH(QString, query);
    QFETCH(int, kind);
    QCOMPARE(int(CustomerSearch::classify(query)), kind);
}

void TestCustomerSearch::hitsCarryBothCityNames()
{
    const auto hits = CustomerSearch(m_temp->store()).search("王芳");
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().city, QStringLiteral("深圳市"));
    QCOMPARE(hits.first().cityEn, QStringLiteral("Shenzhen"));
    QCOMPARE(hits.first().accountNo, QStringLiteral("440000000004"));
    const auto byNumber = CustomerSearch(m_temp->store()).search("18612340000");
    QCOMPARE(byNumber.size(), 1);
    QCOMPARE(byNumber.first().matchedNumber, QStringLiteral("+8618612340000"));
    QCOMPARE(byNumber.first().cityEn, QStringLiteral("Shenzhen"));
}

void TestCustomerSearch::limitIsHonoured()
{
    CustomerSearch search(m_temp->store());
    QCOMPARE(search.search(QStringLiteral("张"), 2).size(), 2);
    QCOMPARE(search.search(QStringLiteral("张"), 0).size(), 0);
    QCOMPARE(search.search(QStringLiteral("张"), 50).size(), 3);
}

void TestCustomerSearch::deletedCustomersAreNotFound()
{
    TempStore temp;
    Fixtures f(temp.store());
    const QString id = f.addCustomer({QStringLiteral("李娜"), QStringLiteral("13700001111"), {}, {}});
    QVERIFY(!id.isEmpty());
    CustomerSearch search(temp.store());
    QCOMPARE(search.search(QStringLiteral("李娜")).size(), 1);
    QSqlQuery q(temp.store()->connection());
    q.prepare(QStringLiteral("UPDATE customer SET deleted_at = 1 WHERE id = ?"));
    q.addBindValue(id);
    QVERIFY(q.exec());
    QCOMPARE(search.search(QStringLiteral("李娜")).size(), 0);
    QCOMPARE(search.search(QStringLiteral("1111")).size(), 0);
}

void TestCustomerSearch::normalizeName()
{
    QCOMPARE(CustomerSearch::normalizeName(QStringLiteral(" 张 伟 ")), QStringLiteral("张伟"));
    QCOMPARE(CustomerSearch::normalizeName(QStringLiteral("John  SMITH")), QStringLiteral("johnsmith"));
    QCOMPARE(CustomerSearch::normalizeName(QStringLiteral("Jean-Pierre O'Neil")), QStringLiteral("jeanpierreoneil"));
    QCOMPARE(CustomerSearch::normalizeName(QStringLiteral("%_'\"--")), QString());
}

QTEST_GUILESS_MAIN(TestCustomerSearch)
#include "tst_customersearch.moc"
