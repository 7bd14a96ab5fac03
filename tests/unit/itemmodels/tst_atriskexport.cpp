#include "Fixtures.h"
#include "TempStore.h"
#include "itemmodels/AtRiskExport.h"
#include "itemmodels/RetentionFormat.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

/// The at-risk list as a CSV file: every matching customer in the list's order, the list's words, all
/// reasons, masked numbers, quoting, the byte-order mark; and a file that is whole or not written at all.
class TestAtRiskExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void fieldsAreQuotedWhereTheyMustBe_data();
    void fieldsAreQuotedWhereTheyMustBe();
    void writesEveryMatchingCustomerInTheListsOrder();
    void followsTheFiltersAndTheSort();
    void failureLeavesTheOldFileAsItWas();

private:
    QStringList lines(const QByteArray& csv) const;
    Session supervisor() const;

    std::unique_ptr<TempStore> m_temp;
    QStringList m_ids;
};

void TestAtRiskExport::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAtRiskExport::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    m_ids.clear();
    struct Spec
    {
        const char* name;
        const char* msisdn;
        double probability;
        const char* band;
        const char* segment;
        const char* reasons;
    };
    // 王"大"伟 has a quote and a comma in the name: the file must keep them.
    const Spec specs[] = {
        {"陈静", "13912345678", 0.72, "high", "family",
         "[{\"code\": \"complaints_30d\", \"value\": 3, \"weight\": 0.9}, "
         "{\"code\": \"porting_enquiry_7d\", \"value\": 1, \"weight\": 0.5}, "
         "{\"code\": \"overdue_bills\", \"value\": 2, \"weight\": 0.2}]"},
        {"王\"大\"伟, Jr", "13800001111", 0.55, "high", nullptr, "[]"},
        {"李娜", "13700002222", 0.31, "medium", "young", "[]"},
        {"赵敏", "13600003333", 0.05, "low", "silent", "[]"},
    };
    for (const Spec& s : specs) {
        const QString id = Fixtures(m_temp->store()).addCustomer({QString::fromUtf8(s.name), QString::fromLatin1(s.msisdn), {}, {}});
        QVERIFY(!id.isEmpty());
        QVERIFY(Fixtures(m_temp->store())
                    .addScore(id, s.probability, QString::fromLatin1(s.band), QString::fromLatin1(s.segment),
                              QString::fromLatin1(s.reasons)));
        m_ids << id;
    }
}

void TestAtRiskExport::cleanup()
{
    m_temp.reset();
}

Session TestAtRiskExport::supervisor() const
{
    Session s;
    s.login = QStringLiteral("sup01");
    s.role = Role::Supervisor;
    return s;
}

QStringList TestAtRiskExport::lines(const QByteArray& csv) const
{
    QString text = QString::fromUtf8(csv);
    if (text.endsWith(QLatin1String("\r\n")))
        text.chop(2);
    return text.split(QStringLiteral("\r\n"));
}

void TestAtRiskExport::fieldsAreQuotedWhereTheyMustBe_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::newRow("plain") << "陈静" << "陈静";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("comma") << "a,b" << "\"a,b\"";
    QTest::newRow("quote") << "say \"hi\"" << "\"say \"\"hi\"\"\"";
    QTest::newRow("line break") << "one\ntwo" << "\"one\ntwo\"";
    QTest::newRow("carriage return") << "one\rtwo" << "\"one\rtwo\"";
    QTest::newRow("leading space") << " x" << "\" x\"";
    QTest::newRow("trailing space") << "x " << "\"x \"";
    QTest::newRow("chinese punctuation needs none") << "投诉，3次" << "投诉，3次";
}

void TestAtRiskExport::fieldsAreQuotedWhereTheyMustBe()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QCOMPARE(AtRiskExport::field(text), field);
}

void TestAtRiskExport::writesEveryMatchingCustomerInTheListsOrder()
{
    const RetentionService service(m_temp->store(), supervisor());
    const RetentionConfig& config = RetentionConfig::builtIn();
    AtRiskFilter filter;
    filter.band.clear(); // high and medium
    filter.limit = 1;    // what the list had read: the export takes them all regardless
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    const Result<int> written = AtRiskExport::write(service, filter, config, buffer);
    QVERIFY2(written, qPrintable(written.errorMessage()));
    QCOMPARE(written.value(), 3);
    const QByteArray csv = buffer.data();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QStringList rows = lines(csv.mid(3));
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0), QStringLiteral("Customer,Number,Risk,Probability,Main reasons,Segment,Task,Assignee,Outcome"));
    // All of 陈静's reasons, in words, in the order of weight; the number masked.
    ScoreReason complaints;
    complaints.code = QStringLiteral("complaints_30d");
    complaints.value = 3;
    complaints.weight = 0.9;
    const QStringList first = rows.at(1).split(QLatin1Char(','));
    QCOMPARE(first.at(0), QStringLiteral("陈静"));
    QCOMPARE(first.at(1), QStringLiteral("139****5678"));
    QCOMPARE(first.at(2), QStringLiteral("High"));
    QCOMPARE(first.at(3), QStringLiteral("72 %"));
    QVERIFY2(first.at(4).startsWith(ReasonText::describe(complaints, config) + QStringLiteral("; ")), qPrintable(first.at(4)));
    QCOMPARE(first.at(4).count(QStringLiteral("; ")), 2);
    QCOMPARE(first.at(5), RetentionFormat::segmentName(config, QStringLiteral("family")));
    QCOMPARE(first.at(6), QStringLiteral("No task"));
    // The name with a quote and a comma comes back whole.
    QVERIFY2(rows.at(2).startsWith(QStringLiteral("\"王\"\"大\"\"伟, Jr\",138****1111,High,55 %,")), qPrintable(rows.at(2)));
    QVERIFY2(rows.at(3).startsWith(QStringLiteral("李娜,137****2222,Medium,31 %")), qPrintable(rows.at(3)));
    // No row of the low band, and no number in full anywhere.
    QVERIFY(!csv.contains("赵敏"));
    QVERIFY(!csv.contains("13912345678"));
}

void TestAtRiskExport::followsTheFiltersAndTheSort()
{
    const RetentionService service(m_temp->store(), supervisor());
    AtRiskFilter filter;
    filter.band.clear();
    filter.sort = AtRiskFilter::Sort::Probability;
    filter.ascending = true;
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QCOMPARE(*AtRiskExport::write(service, filter, RetentionConfig::builtIn(), buffer), 3);
    QStringList rows = lines(buffer.data().mid(3));
    QVERIFY(rows.at(1).startsWith(QStringLiteral("李娜,")));
    QVERIFY(rows.at(3).startsWith(QStringLiteral("陈静,")));

    filter = AtRiskFilter();
    filter.segment = QStringLiteral("family");
    QBuffer second;
    QVERIFY(second.open(QIODevice::WriteOnly));
    QCOMPARE(*AtRiskExport::write(service, filter, RetentionConfig::builtIn(), second), 1);
    // Nobody matches: the header alone.
    filter.segment = QStringLiteral("silent");
    QBuffer none;
    QVERIFY(none.open(QIODevice::WriteOnly));
    QCOMPARE(*AtRiskExport::write(service, filter, RetentionConfig::builtIn(), none), 0);
    QCOMPARE(lines(none.data().mid(3)).size(), 1);
}

void TestAtRiskExport::failureLeavesTheOldFileAsItWas()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("at-risk.csv"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the list of last week\n");
    }
    // An agent may not read the list: nothing is written over the old file.
    Session agent;
    agent.login = QStringLiteral("agent01");
    agent.role = Role::Agent;
    Result<int> written = AtRiskExport::toFile(RetentionService(m_temp->store(), agent), AtRiskFilter(),
                                               RetentionConfig::builtIn(), path);
    QCOMPARE(written.error().code, QStringLiteral("permission"));
    // A filter the service refuses: the same.
    AtRiskFilter bad;
    bad.band = QStringLiteral("extreme");
    written = AtRiskExport::toFile(RetentionService(m_temp->store(), supervisor()), bad, RetentionConfig::builtIn(), path);
    QCOMPARE(written.error().code, QStringLiteral("invalid"));
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray("the list of last week\n"));
    check.close();
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("at-risk.csv")});

    // A folder that does not exist: the message names the file.
    const QString nowhere = dir.filePath(QStringLiteral("no/such/folder/at-risk.csv"));
    written = AtRiskExport::toFile(RetentionService(m_temp->store(), supervisor()), AtRiskFilter(),
                                   RetentionConfig::builtIn(), nowhere);
    QCOMPARE(written.error().code, QStringLiteral("io"));
    QVERIFY2(written.errorMessage().contains(QDir::toNativeSeparators(nowhere)), qPrintable(written.errorMessage()));

    // And a good one replaces the old file whole.
    written = AtRiskExport::toFile(RetentionService(m_temp->store(), supervisor()), AtRiskFilter(),
                                   RetentionConfig::builtIn(), path);
    QVERIFY2(written, qPrintable(written.errorMessage()));
    QCOMPARE(written.value(), 2);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(lines(check.readAll().mid(3)).size(), 3);
}

QTEST_GUILESS_MAIN(TestAtRiskExport)
#include "tst_atriskexport.moc"
