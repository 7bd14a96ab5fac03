#include "itemmodels/RetentionFormat.h"

#include <QLocale>
#include <QTest>

#include <limits>

using namespace telcodesk;

/// Words for churn risk: bands, percentages, names from the retention document, reasons.
class TestRetentionFormat : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void percent_data();
    void percent();
    void bands();
    void namesComeFromTheDocumentInTheUiLanguage();
    void unknownCodesAreShownAsStored();
    void reasonsInWordsAtMostLimitAndNoRepeats();
};

void TestRetentionFormat::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestRetentionFormat::percent_data()
{
    QTest::addColumn<double>("probability");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << "0 %";
    QTest::newRow("below one percent") << 0.004 << "<1 %";
    QTest::newRow("rounds down") << 0.724 << "72 %";
    QTest::newRow("rounds up") << 0.726 << "73 %";
    QTest::newRow("ninety-nine") << 0.99 << "99 %";
    QTest::newRow("above 99") << 0.9901 << ">99 %";
    QTest::newRow("almost sure") << 0.999999 << ">99 %";
    QTest::newRow("one") << 1.0 << "100 %";
    QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << "";
}

void TestRetentionFormat::percent()
{
    QFETCH(double, probability);
    QFETCH(QString, text);
    QCOMPARE(RetentionFormat::percent(probability), text);
}

void TestRetentionFormat::bands()
{
    QCOMPARE(RetentionFormat::band(QStringLiteral("high")), QStringLiteral("High"));
    QCOMPARE(RetentionFormat::band(QStringLiteral("medium")), QStringLiteral("Medium"));
    QCOMPARE(RetentionFormat::band(QStringLiteral("low")), QStringLiteral("Low"));
    QCOMPARE(RetentionFormat::taskStatus(QStringLiteral("open")), QStringLiteral("Open"));
    QCOMPARE(RetentionFormat::taskStatus(QStringLiteral("cancelled")), QStringLiteral("Cancelled"));
    QCOMPARE(RetentionFormat::queue(QStringLiteral("retention")), QStringLiteral("Retention team"));
}

void TestRetentionFormat::namesComeFromTheDocumentInTheUiLanguage()
{
    const RetentionConfig& config = RetentionConfig::builtIn();
    QCOMPARE(RetentionFormat::segmentName(config, QStringLiteral("family")), QStringLiteral("Family"));
    QCOMPARE(RetentionFormat::tagName(config, QStringLiteral("heavy_data")), QStringLiteral("Heavy data user"));
    QCOMPARE(RetentionFormat::ruleName(config, QStringLiteral("decline_signals")),
             QStringLiteral("Two of the three decline signals"));
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QCOMPARE(RetentionFormat::segmentName(config, QStringLiteral("family")), QStringLiteral("家庭"));
    QCOMPARE(RetentionFormat::tagName(config, QStringLiteral("heavy_data")), QStringLiteral("流量重度用户"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestRetentionFormat::unknownCodesAreShownAsStored()
{
    const RetentionConfig& config = RetentionConfig::builtIn();
    QCOMPARE(RetentionFormat::segmentName(config, QStringLiteral("retired_segment")), QStringLiteral("retired_segment"));
    QCOMPARE(RetentionFormat::tagName(config, QStringLiteral("no_such_tag")), QStringLiteral("no_such_tag"));
    QCOMPARE(RetentionFormat::ruleName(config, QStringLiteral("old_rule")), QStringLiteral("old_rule"));
    QCOMPARE(RetentionFormat::band(QStringLiteral("extreme")), QStringLiteral("extreme"));
    QCOMPARE(RetentionFormat::queue(QStringLiteral("vip")), QStringLiteral("vip"));
}

void TestRetentionFormat::reasonsInWordsAtMostLimitAndNoRepeats()
{
    const RetentionConfig& config = RetentionConfig::builtIn();
    ScoreReason rule;
    rule.code = QStringLiteral("decline_signals");
    rule.value = std::numeric_limits<double>::quiet_NaN();
    rule.weight = std::numeric_limits<double>::infinity();
    ScoreReason complaints;
    complaints.code = QStringLiteral("complaints_30d");
    complaints.value = 3;
    complaints.weight = 0.8;
    const std::vector<ScoreReason> reasons{rule, complaints, complaints};
    const QStringList all = RetentionFormat::reasons(reasons, config);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.first(), QStringLiteral("Two of the three decline signals"));
    QCOMPARE(all.at(1), ReasonText::describe(complaints, config));
    QCOMPARE(RetentionFormat::reasons(reasons, config, 1), QStringList{all.first()});
    QVERIFY(RetentionFormat::reasons({}, config).isEmpty());
}

QTEST_GUILESS_MAIN(TestRetentionFormat)
#include "tst_retentionformat.moc"
