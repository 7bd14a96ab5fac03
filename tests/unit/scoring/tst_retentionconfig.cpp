#include "scoring/RetentionConfig.h"

#include "TempStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

using namespace telcodesk;
using F = CustomerFeature;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A customer no rule, segment or tag of the built-in document picks out: every signal well away from its edge.
struct Customer
{
    std::array<double, kCustomerFeatureCount> v;

    Customer()
    {
        v.fill(kNaN);
        set(F::TenureMonths, 30);
        set(F::DaysToContractEnd, 200);
        set(F::MonthsToContractEnd, 200 / 30.44);
        set(F::SpendRatioM0, 1);
        set(F::SpendRatioM1, 1);
        set(F::SpendRatioM2, 1);
        set(F::VoiceRatio30d, 1);
        set(F::LoginsPerWeekBefore, 2);
        set(F::LoginsPerWeekRecent, 2);
        set(F::Complaints30d, 0);
        set(F::PortingEnquiries7d, 0);
        set(F::BillingContacts90d, 0);
        set(F::Contacts90d, 1);
        set(F::OverdueBills, 0);
        set(F::PlanFitData, 0.5);
        set(F::PlanFitVoice, 0.5);
        set(F::DataOverageMonths3m, 0);
        set(F::ActiveLines, 1);
        set(F::AgeYears, 40);
        set(F::IsFamily, 0);
        set(F::IsEnterprise, 0);
        set(F::RecencyMonths, 2);
        set(F::Frequency6m, 1);
        set(F::SpendAvg3m, 80);
    }
    Customer& set(F f, double x)
    {
        v[std::size_t(f)] = x;
        return *this;
    }
    const double* data() const { return v.data(); }
};

QByteArray builtInBytes()
{
    QFile file(QStringLiteral(":/telcodesk/scoring/retention-config.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

/// A small valid document with the given rules (JSON text of the list's items).
QByteArray withRules(const char* rules)
{
    return QByteArrayLiteral("{\"format\": \"telcodesk-retention-config\", \"version\": 1, "
                             "\"bands\": {\"high\": 0.5, \"medium\": 0.25}, \"rules\": [")
        + rules + QByteArrayLiteral("]}");
}

QByteArray withSection(const char* key, const char* value)
{
    return QByteArrayLiteral("{\"format\": \"telcodesk-retention-config\", \"version\": 1, "
                             "\"bands\": {\"high\": 0.5, \"medium\": 0.25}, \"rules\": [], \"")
        + key + QByteArrayLiteral("\": ") + value + QByteArrayLiteral("}");
}

Condition condition(const char* json)
{
    Result<Condition> c = Condition::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("c"));
    if (!c)
        qFatal("test condition does not parse: %s", qPrintable(c.errorMessage()));
    return c.value();
}

struct StoredRow
{
    QString id, body;
    qint64 version = -1;
};

StoredRow storedRow(const LocalStore& store)
{
    QSqlQuery q(store.connection());
    q.prepare(QStringLiteral("SELECT id, body, version FROM scoring_config WHERE key = 'retention'"));
    StoredRow row;
    if (q.exec() && q.next()) {
        row.id = q.value(0).toString();
        row.body = q.value(1).toString();
        row.version = q.value(2).toLongLong();
    }
    return row;
}

bool insertRow(const LocalStore& store, const QString& id, const QByteArray& body, const QVariant& deletedAt = {})
{
    QSqlQuery q(store.connection());
    q.prepare(QStringLiteral("INSERT INTO scoring_config (id, key, body, version, deleted_at) VALUES (?, 'retention', ?, 4, ?)"));
    q.addBindValue(id);
    q.addBindValue(QString::fromUtf8(body));
    q.addBindValue(deletedAt.isValid() ? deletedAt : QVariant(QMetaType(QMetaType::LongLong)));
    if (!q.exec()) {
        qWarning() << q.lastError().text();
        return false;
    }
    return true;
}

QByteArray builtInWithHighBand(double high)
{
    QJsonObject root = QJsonDocument::fromJson(builtInBytes()).object();
    QJsonObject bands = root.value(QLatin1String("bands")).toObject();
    bands.insert(QStringLiteral("high"), high);
    root.insert(QStringLiteral("bands"), bands);
    return QJsonDocument(root).toJson();
}

} // namespace

class TestRetentionConfig : public QObject
{
    Q_OBJECT

private slots:
    void builtInDocument();
    void quietCustomerFiresNothing();
    void declineSignals_data();
    void declineSignals();
    void silentPorting_data();
    void silentPorting();
    void renewalDue_data();
    void renewalDue();
    void dissatisfied_data();
    void dissatisfied();
    void bands_data();
    void bands();
    void riskRulesLiftTheBand();
    void rfmSegments_data();
    void rfmSegments();
    void rfmSegmentOrderIsTheDocumentsOrder();
    void rfmSegmentBounds();
    void tags_data();
    void tags();
    void lightUserNeedsBoth();
    void missingValuesCompareFalse();
    void conditionForms();
    void featureIndices();
    void badDocuments_data();
    void badDocuments();
    void roundTrip();
    void loadFromStore();
    void loadFallsBackOnABadRow();
    void saveLocal();
    void saveLocalRefusesABadDocument();
};

void TestRetentionConfig::builtInDocument()
{
    const RetentionConfig& config = RetentionConfig::builtIn();
    QCOMPARE(config.highBand, 0.5);
    QCOMPARE(config.mediumBand, 0.25);
    QStringList rules;
    for (const RetentionRule& r : config.rules)
        rules << r.code;
    QCOMPARE(rules, (QStringList{QStringLiteral("decline_signals"), QStringLiteral("silent_porting"),
                                 QStringLiteral("renewal_due"), QStringLiteral("dissatisfied")}));
    QCOMPARE(config.rule(QStringLiteral("decline_signals"))->kind, RetentionRule::Kind::Risk);
    QCOMPARE(config.rule(QStringLiteral("silent_porting"))->kind, RetentionRule::Kind::Risk);
    QCOMPARE(config.rule(QStringLiteral("renewal_due"))->kind, RetentionRule::Kind::Reminder);
    QCOMPARE(config.rule(QStringLiteral("dissatisfied"))->kind, RetentionRule::Kind::Flag);
    QCOMPARE(config.rule(QStringLiteral("dissatisfied"))->nameZh, QStringLiteral("本月投诉超过两次（不满意）"));
    QVERIFY(!config.rule(QStringLiteral("nope")));
    QCOMPARE(int(config.segments.size()), 4);
    QCOMPARE(config.segments.front().code, QStringLiteral("high_end_business"));
    QCOMPARE(config.segment(QStringLiteral("silent"))->nameEn, QStringLiteral("Silent"));
    QCOMPARE(int(config.tags.size()), 15);
    QCOMPARE(config.tag(QStringLiteral("likely_to_leave"))->kind, CustomerTag::Kind::Predictive);
    QCOMPARE(config.tag(QStringLiteral("heavy_data"))->kind, CustomerTag::Kind::Behaviour);
    QCOMPARE(config.tag(QStringLiteral("senior"))->kind, CustomerTag::Kind::Fact);
    QCOMPARE(config.taskQueue, QStringLiteral("retention"));
    QCOMPARE(config.taskDueDays, 3);
    QCOMPARE(config.taskMinBand, QStringLiteral("high"));
}

void TestRetentionConfig::quietCustomerFiresNothing()
{
    const RetentionConfig::Outcome out = RetentionConfig::builtIn().evaluate(Customer().data(), 0.1);
    QVERIFY(out.rules.isEmpty());
    QVERIFY(!out.highRiskRule);
    QCOMPARE(out.band, QStringLiteral("low"));
    QCOMPARE(out.segment, QString());
    QVERIFY2(out.tags.isEmpty(), qPrintable(out.tags.join(QLatin1Char(','))));
}

void TestRetentionConfig::declineSignals_data()
{
    QTest::addColumn<double>("m2");
    QTest::addColumn<double>("m1");
    QTest::addColumn<double>("m0");
    QTest::addColumn<double>("loginsBefore");
    QTest::addColumn<double>("loginsRecent");
    QTest::addColumn<double>("complaints");
    QTest::addColumn<bool>("fired");

    // Spend signal at its edges, with complaints as the second signal.
    QTest::newRow("spend 0.8 x3 + complaints") << 0.8 << 0.8 << 0.8 << 2.0 << 2.0 << 2.0 << true;
    QTest::newRow("spend m2 0.8001 + complaints") << 0.8001 << 0.8 << 0.8 << 2.0 << 2.0 << 2.0 << false;
    QTest::newRow("spend m1 0.8001 + complaints") << 0.8 << 0.8001 << 0.8 << 2.0 << 2.0 << 2.0 << false;
    QTest::newRow("spend m0 0.8001 + complaints") << 0.8 << 0.8 << 0.8001 << 2.0 << 2.0 << 2.0 << false;
    QTest::newRow("spend m0 NaN + complaints") << 0.8 << 0.8 << kNaN << 2.0 << 2.0 << 2.0 << false;
    // Logins signal at its edges, with complaints as the second signal.
    QTest::newRow("logins 4 -> 1 + complaints") << 1.0 << 1.0 << 1.0 << 4.0 << 1.0 << 2.0 << true;
    QTest::newRow("logins 3.99 -> 1 + complaints") << 1.0 << 1.0 << 1.0 << 3.99 << 1.0 << 2.0 << false;
    QTest::newRow("logins 4 -> 1.01 + complaints") << 1.0 << 1.0 << 1.0 << 4.0 << 1.01 << 2.0 << false;
    QTest::newRow("logins 5.1 -> 0 + complaints") << 1.0 << 1.0 << 1.0 << 5.1 << 0.0 << 2.0 << true;
    QTest::newRow("logins unknown + complaints") << 1.0 << 1.0 << 1.0 << kNaN << kNaN << 2.0 << false;
    // Complaints at their edge, with the spend signal as the second.
    QTest::newRow("complaints 2 + spend") << 0.8 << 0.8 << 0.8 << 2.0 << 2.0 << 2.0 << true;
    QTest::newRow("complaints 1 + spend") << 0.8 << 0.8 << 0.8 << 2.0 << 2.0 << 1.0 << false;
    QTest::newRow("complaints NaN + spend") << 0.8 << 0.8 << 0.8 << 2.0 << 2.0 << kNaN << false;
    // Any two of three, one of three, all three, none.
    QTest::newRow("spend + logins") << 0.5 << 0.5 << 0.5 << 5.0 << 1.0 << 0.0 << true;
    QTest::newRow("spend + complaints") << 0.5 << 0.5 << 0.5 << 2.0 << 2.0 << 3.0 << true;
    QTest::newRow("logins + complaints") << 1.0 << 1.0 << 1.0 << 5.0 << 1.0 << 3.0 << true;
    QTest::newRow("all three") << 0.5 << 0.5 << 0.5 << 5.0 << 0.5 << 4.0 << true;
    QTest::newRow("spend only") << 0.5 << 0.5 << 0.5 << 2.0 << 2.0 << 0.0 << false;
    QTest::newRow("logins only") << 1.0 << 1.0 << 1.0 << 5.0 << 1.0 << 0.0 << false;
    QTest::newRow("complaints only") << 1.0 << 1.0 << 1.0 << 2.0 << 2.0 << 5.0 << false;
    QTest::newRow("none") << 1.0 << 1.0 << 1.0 << 2.0 << 2.0 << 0.0 << false;
    // Spend must be down three months running: two months and complaints are one signal.
    QTest::newRow("spend down two months only + complaints") << 1.0 << 0.5 << 0.5 << 2.0 << 2.0 << 2.0 << false;
}

void TestRetentionConfig::declineSignals()
{
    QFETCH(double, m2);
    QFETCH(double, m1);
    QFETCH(double, m0);
    QFETCH(double, loginsBefore);
    QFETCH(double, loginsRecent);
    QFETCH(double, complaints);
    QFETCH(bool, fired);
    Customer c;
    c.set(F::SpendRatioM2, m2).set(F::SpendRatioM1, m1).set(F::SpendRatioM0, m0);
    c.set(F::LoginsPerWeekBefore, loginsBefore).set(F::LoginsPerWeekRecent, loginsRecent);
    c.set(F::Complaints30d, complaints);
    const RetentionConfig::Outcome out = RetentionConfig::builtIn().evaluate(c.data(), 0.1);
    QCOMPARE(out.rules.contains(QStringLiteral("decline_signals")), fired);
    QCOMPARE(out.highRiskRule, fired);
    QCOMPARE(out.band, fired ? QStringLiteral("high") : QStringLiteral("low"));
}

void TestRetentionConfig::silentPorting_data()
{
    QTest::addColumn<double>("voiceRatio");
    QTest::addColumn<double>("porting");
    QTest::addColumn<bool>("fired");
    QTest::newRow("0.2999, porting 1") << 0.2999 << 1.0 << true;
    QTest::newRow("0.3, porting 1") << 0.3 << 1.0 << false;
    QTest::newRow("0.2999, porting 0") << 0.2999 << 0.0 << false;
    QTest::newRow("0.3, porting 0") << 0.3 << 0.0 << false;
    QTest::newRow("0, porting 3") << 0.0 << 3.0 << true;
    QTest::newRow("NaN, porting 1") << kNaN << 1.0 << false;
    QTest::newRow("0.1, porting NaN") << 0.1 << kNaN << false;
}

void TestRetentionConfig::silentPorting()
{
    QFETCH(double, voiceRatio);
    QFETCH(double, porting);
    QFETCH(bool, fired);
    Customer c;
    c.set(F::VoiceRatio30d, voiceRatio).set(F::PortingEnquiries7d, porting);
    const RetentionConfig::Outcome out = RetentionConfig::builtIn().evaluate(c.data(), 0.1);
    QCOMPARE(out.rules.contains(QStringLiteral("silent_porting")), fired);
    QCOMPARE(out.highRiskRule, fired);
    QCOMPARE(out.band, fired ? QStringLiteral("high") : QStringLiteral("low"));
}

void TestRetentionConfig::renewalDue_data()
{
    QTest::addColumn<double>("days");
    QTest::addColumn<bool>("fired");
    QTest::newRow("0") << 0.0 << true;
    QTest::newRow("30") << 30.0 << true;
    QTest::newRow("60") << 60.0 << true;
    QTest::newRow("61") << 61.0 << false;
    QTest::newRow("-1 (ended)") << -1.0 << false;
    QTest::newRow("NaN (no contract)") << kNaN << false;
}

void TestRetentionConfig::renewalDue()
{
    QFETCH(double, days);
    QFETCH(bool, fired);
    Customer c;
    c.set(F::DaysToContractEnd, days);
    const RetentionConfig::Outcome out = RetentionConfig::builtIn().evaluate(c.data(), 0.1);
    QCOMPARE(out.rules.contains(QStringLiteral("renewal_due")), fired);
    // A reminder is not a risk.
    QVERIFY(!out.highRiskRule);
    QCOMPARE(out.band, QStringLiteral("low"));
}

void TestRetentionConfig::dissatisfied_data()
{
    QTest::addColumn<double>("complaints");
    QTest::addColumn<bool>("fired");
    QTest::newRow("2") << 2.0 << false;
    QTest::newRow("3") << 3.0 << true;
    QTest::newRow("7") << 7.0 << true;
    QTest::newRow("NaN") << kNaN << false;
}

void TestRetentionConfig::dissatisfied()
{
    QFETCH(double, complaints);
    QFETCH(bool, fired);
    Customer c;
    c.set(F::Complaints30d, complaints);
    const RetentionConfig::Outcome out = RetentionConfig::builtIn().evaluate(c.data(), 0.1);
    QCOMPARE(out.rules.contains(QStringLiteral("dissatisfied")), fired);
    // Complaints alone are one decline signal of three, and a flag does not lift the band.
    QVERIFY(!out.rules.contains(QStringLiteral("decline_signals")));
    QVERIFY(!out.highRiskRule);
    QCOMPARE(out.band, QStringLiteral("low"));
}

void TestRetentionConfig::bands_data()
{
    QTest::addColumn<double>("probability");
    QTest::addColumn<QString>("band");
    QTest::newRow("0") << 0.0 << QStringLiteral("low");
    QTest::newRow("0.2499") << 0.2499 << QStringLiteral("low");
    QTest::newRow("0.25") << 0.25 << QStringLiteral("medium");
    QTest::newRow("0.4999") << 0.4999 << QStringLiteral("medium");
    QTest::newRow("0.5") << 0.5 << QStringLiteral("high");
    QTest::newRow("1") << 1.0 << QStringLiteral("high");
    QTest::newRow("NaN (not scored)") << kNaN << QStringLiteral("low");
}

void TestRetentionConfig::bands()
{
    QFETCH(double, probability);
    QFETCH(QString, band);
    QCOMPARE(RetentionConfig::builtIn().bandOf(probability), band);
    QCOMPARE(RetentionConfig::builtIn().evaluate(Customer().data(), probability).band, band);
}

void TestRetentionConfig::riskRulesLiftTheBand()
{
    Customer c;
    c.set(F::VoiceRatio30d, 0.1).set(F::PortingEnquiries7d, 1).set(F::DaysToContractEnd, 10).set(F::Complaints30d, 3);
    c.set(F::SpendRatioM0, 0.5).set(F::SpendRatioM1, 0.5).set(F::SpendRatioM2, 0.5);
    const RetentionConfig::Outcome out = RetentionConfig::builtIn().evaluate(c.data(), 0.05);
    // Every rule that fired, in the document's order.
    QCOMPARE(out.rules, (QStringList{QStringLiteral("decline_signals"), QStringLiteral("silent_porting"),
                                     QStringLiteral("renewal_due"), QStringLiteral("dissatisfied")}));
    QVERIFY(out.highRiskRule);
    QCOMPARE(out.band, QStringLiteral("high"));
    QCOMPARE(RetentionConfig::builtIn().bandOf(0.05), QStringLiteral("low"));

    // Only a reminder and a flag: the model's band stands.
    Customer d;
    d.set(F::DaysToContractEnd, 10).set(F::Complaints30d, 3);
    const RetentionConfig::Outcome medium = RetentionConfig::builtIn().evaluate(d.data(), 0.3);
    QCOMPARE(medium.rules, (QStringList{QStringLiteral("renewal_due"), QStringLiteral("dissatisfied")}));
    QVERIFY(!medium.highRiskRule);
    QCOMPARE(medium.band, QStringLiteral("medium"));
}

void TestRetentionConfig::rfmSegments_data()
{
    QTest::addColumn<double>("r");
    QTest::addColumn<double>("f");
    QTest::addColumn<double>("m");
    QTest::addColumn<QString>("segment");
    const QString high = QStringLiteral("high_end_business");
    const QString family = QStringLiteral("family");
    const QString young = QStringLiteral("young");
    const QString silent = QStringLiteral("silent");
    const QString none;
    // High-end business: R <= 1, F >= 4, M >= 500 (tried first, so it wins over family and young).
    QTest::newRow("high-end R1 F4 M500") << 1.0 << 4.0 << 500.0 << high;
    QTest::newRow("high-end R0 F9 M2000") << 0.0 << 9.0 << 2000.0 << high;
    QTest::newRow("high-end R2 -> family") << 2.0 << 4.0 << 500.0 << family;
    QTest::newRow("high-end F3 -> family") << 1.0 << 3.0 << 500.0 << family;
    QTest::newRow("high-end M499.99 -> family") << 1.0 << 4.0 << 499.99 << family;
    // Family: R <= 2, F >= 3, M >= 200.
    QTest::newRow("family R2 F3 M200") << 2.0 << 3.0 << 200.0 << family;
    QTest::newRow("family R3 -> none") << 3.0 << 3.0 << 200.0 << none;
    QTest::newRow("family F2 R2 -> none") << 2.0 << 2.0 << 200.0 << none;
    QTest::newRow("family M199.99 R2 -> none") << 2.0 << 3.0 << 199.99 << none;
    QTest::newRow("family M199.99 R1 -> young") << 1.0 << 3.0 << 199.99 << young;
    // Young: R <= 1, F >= 2, M >= 100.
    QTest::newRow("young R1 F2 M100") << 1.0 << 2.0 << 100.0 << young;
    QTest::newRow("young R2 -> none") << 2.0 << 2.0 << 100.0 << none;
    QTest::newRow("young F1 -> none") << 1.0 << 1.0 << 100.0 << none;
    QTest::newRow("young M99.99 -> none") << 1.0 << 2.0 << 99.99 << none;
    // Silent: R >= 3, F = 0 (no M bound).
    QTest::newRow("silent R3 F0") << 3.0 << 0.0 << 0.0 << silent;
    QTest::newRow("silent R12 F0 M unknown") << 12.0 << 0.0 << kNaN << silent;
    QTest::newRow("silent F1 -> none") << 3.0 << 1.0 << 0.0 << none;
    QTest::newRow("silent R2 -> none") << 2.0 << 0.0 << 0.0 << none;
    // Missing values match no bound on them.
    QTest::newRow("R unknown") << kNaN << 4.0 << 500.0 << none;
    QTest::newRow("F unknown") << 1.0 << kNaN << 500.0 << none;
    QTest::newRow("M unknown") << 1.0 << 4.0 << kNaN << none;
}

void TestRetentionConfig::rfmSegments()
{
    QFETCH(double, r);
    QFETCH(double, f);
    QFETCH(double, m);
    QFETCH(QString, segment);
    Customer c;
    c.set(F::RecencyMonths, r).set(F::Frequency6m, f).set(F::SpendAvg3m, m);
    QCOMPARE(RetentionConfig::builtIn().evaluate(c.data(), 0.1).segment, segment);
    // The segment reads R, F and M only.
    c.set(F::SpendLastMonth, 9999).set(F::TenureMonths, 1);
    QCOMPARE(RetentionConfig::builtIn().evaluate(c.data(), 0.1).segment, segment);
}

void TestRetentionConfig::rfmSegmentOrderIsTheDocumentsOrder()
{
    RetentionConfig config = RetentionConfig::builtIn();
    Customer c;
    c.set(F::RecencyMonths, 1).set(F::Frequency6m, 4).set(F::SpendAvg3m, 600);
    QCOMPARE(config.evaluate(c.data(), 0.1).segment, QStringLiteral("high_end_business"));
    std::reverse(config.segments.begin(), config.segments.end()); // silent, young, family, high-end
    QCOMPARE(config.evaluate(c.data(), 0.1).segment, QStringLiteral("young"));
    config.segments.clear();
    QCOMPARE(config.evaluate(c.data(), 0.1).segment, QString());
}

void TestRetentionConfig::rfmSegmentBounds()
{
    RfmSegment any;
    QVERIFY(any.matches(kNaN, kNaN, kNaN));
    QVERIFY(any.matches(0, 0, 0));
    RfmSegment s;
    s.rMin = 1;
    s.rMax = 3;
    QVERIFY(s.matches(1, kNaN, kNaN));
    QVERIFY(s.matches(3, kNaN, kNaN));
    QVERIFY(!s.matches(0.999, 0, 0));
    QVERIFY(!s.matches(3.001, 0, 0));
    QVERIFY(!s.matches(kNaN, 0, 0));
    s.mMax = 100;
    QVERIFY(s.matches(2, 0, 100));
    QVERIFY(!s.matches(2, 0, 100.01));
}

void TestRetentionConfig::tags_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<int>("feature");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("probability");
    QTest::addColumn<bool>("present");
    const auto row = [](const char* tag, F f, double value, double p, bool present) {
        QTest::addRow("%s %s=%g p=%g", tag, qPrintable(CustomerFeatures::name(f)), value, p)
            << QString::fromLatin1(tag) << int(f) << value << p << present;
    };
    row("family_account", F::IsFamily, 1, 0.1, true);
    row("family_account", F::IsFamily, 0, 0.1, false);
    row("enterprise_account", F::IsEnterprise, 1, 0.1, true);
    row("enterprise_account", F::IsEnterprise, kNaN, 0.1, false);
    row("long_tenure", F::TenureMonths, 60, 0.1, true);
    row("long_tenure", F::TenureMonths, 59, 0.1, false);
    row("new_customer", F::TenureMonths, 5, 0.1, true);
    row("new_customer", F::TenureMonths, 6, 0.1, false);
    row("new_customer", F::TenureMonths, kNaN, 0.1, false);
    row("multi_line", F::ActiveLines, 3, 0.1, true);
    row("multi_line", F::ActiveLines, 2, 0.1, false);
    row("senior", F::AgeYears, 60, 0.1, true);
    row("senior", F::AgeYears, 59, 0.1, false);
    row("senior", F::AgeYears, kNaN, 0.1, false);
    row("heavy_data", F::PlanFitData, 0.9, 0.1, true);
    row("heavy_data", F::PlanFitData, 0.8999, 0.1, false);
    row("runs_out_of_data", F::DataOverageMonths3m, 2, 0.1, true);
    row("runs_out_of_data", F::DataOverageMonths3m, 1, 0.1, false);
    row("app_user", F::LoginsPerWeekRecent, 3, 0.1, true);
    row("app_user", F::LoginsPerWeekRecent, 2.99, 0.1, false);
    row("price_sensitive", F::BillingContacts90d, 2, 0.1, true);
    row("price_sensitive", F::BillingContacts90d, 1, 0.1, false);
    row("price_sensitive", F::OverdueBills, 1, 0.1, true);
    row("frequent_contact", F::Contacts90d, 5, 0.1, true);
    row("frequent_contact", F::Contacts90d, 4, 0.1, false);
    row("likely_to_leave", F::TenureMonths, 30, 0.5, true);
    row("likely_to_leave", F::TenureMonths, 30, 0.4999, false);
    row("likely_to_leave", F::TenureMonths, 30, kNaN, false);
    row("watch_list", F::TenureMonths, 30, 0.25, true);
    row("watch_list", F::TenureMonths, 30, 0.4999, true);
    row("watch_list", F::TenureMonths, 30, 0.2499, false);
    row("watch_list", F::TenureMonths, 30, 0.5, false);
    row("watch_list", F::TenureMonths, 30, kNaN, false);
    row("renewal_window", F::DaysToContractEnd, 0, 0.1, true);
    row("renewal_window", F::DaysToContractEnd, 90, 0.1, true);
    row("renewal_window", F::DaysToContractEnd, 91, 0.1, false);
    row("renewal_window", F::DaysToContractEnd, -1, 0.1, false);
}

void TestRetentionConfig::tags()
{
    QFETCH(QString, tag);
    QFETCH(int, feature);
    QFETCH(double, value);
    QFETCH(double, probability);
    QFETCH(bool, present);
    Customer c;
    c.set(F(feature), value);
    const QStringList tags = RetentionConfig::builtIn().evaluate(c.data(), probability).tags;
    QCOMPARE(tags.contains(tag), present);
    // Nothing else changes from the quiet customer's tags at the same probability.
    QStringList others = tags;
    others.removeAll(tag);
    QStringList quiet = RetentionConfig::builtIn().evaluate(Customer().data(), probability).tags;
    quiet.removeAll(tag);
    QCOMPARE(others, quiet);
}

void TestRetentionConfig::lightUserNeedsBoth()
{
    const auto light = [](double data, double voice) {
        Customer c;
        c.set(F::PlanFitData, data).set(F::PlanFitVoice, voice);
        return RetentionConfig::builtIn().evaluate(c.data(), 0.1).tags.contains(QStringLiteral("light_user"));
    };
    QVERIFY(light(0.29, 0.29));
    QVERIFY(light(0, 0.2999));
    QVERIFY(!light(0.3, 0.29));
    QVERIFY(!light(0.29, 0.3));
    QVERIFY(!light(kNaN, 0.1));
}

void TestRetentionConfig::missingValuesCompareFalse()
{
    // Every op on a missing value is false, != included.
    const double features[kCustomerFeatureCount] = {};
    std::array<double, kCustomerFeatureCount> unknown;
    unknown.fill(kNaN);
    for (const char* op : {"<", "<=", ">", ">=", "==", "!="}) {
        const QByteArray json = QByteArrayLiteral("{\"feature\": \"complaints_30d\", \"op\": \"") + op
            + QByteArrayLiteral("\", \"value\": 1}");
        const Condition c = condition(json.constData());
        QVERIFY2(!c.evaluate(unknown.data(), 0.5), op);
        const QByteArray probability = QByteArrayLiteral("{\"feature\": \"probability\", \"op\": \"") + op
            + QByteArrayLiteral("\", \"value\": 1}");
        const Condition p = condition(probability.constData());
        QVERIFY2(!p.evaluate(features, kNaN), op);
    }
    // The ops themselves.
    std::array<double, kCustomerFeatureCount> one{};
    one[std::size_t(F::Complaints30d)] = 1;
    QVERIFY(!condition(R"({"feature": "complaints_30d", "op": "<", "value": 1})").evaluate(one.data(), 0));
    QVERIFY(condition(R"({"feature": "complaints_30d", "op": "<=", "value": 1})").evaluate(one.data(), 0));
    QVERIFY(!condition(R"({"feature": "complaints_30d", "op": ">", "value": 1})").evaluate(one.data(), 0));
    QVERIFY(condition(R"({"feature": "complaints_30d", "op": ">=", "value": 1})").evaluate(one.data(), 0));
    QVERIFY(condition(R"({"feature": "complaints_30d", "op": "==", "value": 1})").evaluate(one.data(), 0));
    QVERIFY(!condition(R"({"feature": "complaints_30d", "op": "!=", "value": 1})").evaluate(one.data(), 0));
    QVERIFY(condition(R"({"feature": "complaints_30d", "op": "!=", "value": 2})").evaluate(one.data(), 0));
    QVERIFY(condition(R"({"feature": "probability", "op": ">=", "value": 0.5})").evaluate(one.data(), 0.5));

    // A customer about whom nothing is known: no rule, no segment, no tag, band from the probability.
    const RetentionConfig::Outcome out = RetentionConfig::builtIn().evaluate(unknown.data(), 0.3);
    QVERIFY(out.rules.isEmpty());
    QCOMPARE(out.band, QStringLiteral("medium"));
    QCOMPARE(out.segment, QString());
    QCOMPARE(out.tags, QStringList{QStringLiteral("watch_list")});
}

void TestRetentionConfig::conditionForms()
{
    std::array<double, kCustomerFeatureCount> x{};
    x[std::size_t(F::Complaints30d)] = 2;
    x[std::size_t(F::OverdueBills)] = 1;
    x[std::size_t(F::PortingEnquiries7d)] = 0;
    QVERIFY(condition(R"({"all": []})").evaluate(x.data(), 0));
    QVERIFY(!condition(R"({"any": []})").evaluate(x.data(), 0));
    const char* two = R"({"feature": "complaints_30d", "op": ">=", "value": 2})";
    const char* overdue = R"({"feature": "overdue_bills", "op": ">=", "value": 1})";
    const char* porting = R"({"feature": "porting_enquiries_7d", "op": ">=", "value": 1})";
    const auto list = [](std::initializer_list<const char*> items) -> QByteArray {
        QByteArray out = "[";
        for (const char* i : items)
            out += (out.size() > 1 ? "," : "") + QByteArray(i);
        return out + "]";
    };
    const auto eval = [&](const QByteArray& json) { return condition(json.constData()).evaluate(x.data(), 0); };
    QVERIFY(eval("{\"all\": " + list({two, overdue}) + "}"));
    QVERIFY(!eval("{\"all\": " + list({two, overdue, porting}) + "}"));
    QVERIFY(eval("{\"any\": " + list({porting, overdue}) + "}"));
    QVERIFY(!eval("{\"any\": " + list({porting}) + "}"));
    QVERIFY(eval("{\"at_least\": 2, \"of\": " + list({two, porting, overdue}) + "}"));
    QVERIFY(!eval("{\"at_least\": 3, \"of\": " + list({two, porting, overdue}) + "}"));
    QVERIFY(eval("{\"at_least\": 1, \"of\": " + list({porting, overdue}) + "}"));
    QVERIFY(eval(QByteArray("{\"not\": ") + porting + "}"));
    QVERIFY(!eval(QByteArray("{\"not\": ") + two + "}"));
    QVERIFY(eval(QByteArray("{\"not\": {\"any\": []}}")));

    // A condition goes back to the JSON it came from.
    const QByteArray nested = "{\"at_least\": 2, \"of\": " + list({two, porting, "{\"not\": {\"all\": []}}"}) + "}";
    QCOMPARE(condition(nested.constData()).toJson(), QJsonValue(QJsonDocument::fromJson(nested).object()));
}

void TestRetentionConfig::featureIndices()
{
    const Condition c = condition(R"({"any": [
        {"feature": "complaints_30d", "op": ">=", "value": 2},
        {"not": {"feature": "probability", "op": "<", "value": 0.5}},
        {"all": [{"feature": "complaints_30d", "op": "<", "value": 9}, {"feature": "tenure_months", "op": ">", "value": 3}]}
    ]})");
    QCOMPARE(c.featureIndices(),
             (std::vector<int>{int(F::Complaints30d), Condition::kProbability, int(F::TenureMonths)}));
    QVERIFY(condition(R"({"all": []})").featureIndices().empty());
    const RetentionRule* decline = RetentionConfig::builtIn().rule(QStringLiteral("decline_signals"));
    QCOMPARE(decline->when.featureIndices(),
             (std::vector<int>{int(F::SpendRatioM2), int(F::SpendRatioM1), int(F::SpendRatioM0),
                               int(F::LoginsPerWeekBefore), int(F::LoginsPerWeekRecent), int(F::Complaints30d)}));
}

void TestRetentionConfig::badDocuments_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const char* ok = R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"all": []}})";

    QTest::newRow("unknown feature deep") << withRules(
        R"({"code": "a", "kind": "flag", "name_zh": "甲", "name_en": "A", "when": {"all": []}},
           {"code": "b", "kind": "risk", "name_zh": "乙", "name_en": "B", "when": {"at_least": 1, "of": [
               {"feature": "spend_chnage_3m", "op": "<=", "value": -0.2}]}})")
        << QStringLiteral("test.json: rules[1].when.of[0]: unknown feature \"spend_chnage_3m\"");
    QTest::newRow("unknown op") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"all": [
               {"feature": "complaints_30d", "op": "=>", "value": 2}]}})")
        << QStringLiteral("test.json: rules[0].when.all[0]: unknown op \"=>\"; an op is one of <, <=, >, >=, == or !=");
    QTest::newRow("op not text") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"feature": "complaints_30d", "op": 2, "value": 2}})")
        << QStringLiteral("test.json: rules[0].when: \"op\" must be one of \"<\", \"<=\", \">\", \">=\", \"==\" or \"!=\"");
    QTest::newRow("missing op") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"feature": "complaints_30d", "value": 2}})")
        << QStringLiteral("test.json: rules[0].when: missing \"op\"");
    QTest::newRow("value not a number") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"feature": "complaints_30d", "op": ">", "value": "2"}})")
        << QStringLiteral("test.json: rules[0].when: \"value\" must be a number");
    QTest::newRow("missing value") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"feature": "complaints_30d", "op": ">"}})")
        << QStringLiteral("test.json: rules[0].when: missing \"value\"");
    QTest::newRow("misspelt key in a condition") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"feature": "complaints_30d", "op": ">", "valeu": 2}})")
        << QStringLiteral("test.json: rules[0].when: unknown key \"valeu\" in a condition");
    QTest::newRow("empty condition") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {}})")
        << QStringLiteral("test.json: rules[0].when: a condition needs one of \"feature\", \"all\", \"any\", \"at_least\" or \"not\"");
    QTest::newRow("two forms") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"all": [], "any": []}})")
        << QStringLiteral("test.json: rules[0].when: a condition takes one of \"feature\", \"all\", \"any\", \"at_least\" or \"not\", not both \"all\" and \"any\"");
    QTest::newRow("condition not an object") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"any": [3]}})")
        << QStringLiteral("test.json: rules[0].when.any[0]: a condition must be an object: {\"feature\", \"op\", \"value\"}, {\"all\": […]}, {\"any\": […]}, {\"at_least\": n, \"of\": […]} or {\"not\": …}");
    QTest::newRow("at_least above of") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"at_least": 3, "of": [{"all": []}, {"all": []}]}})")
        << QStringLiteral("test.json: rules[0].when: \"at_least\" must be a whole number from 1 to the number of conditions in \"of\" (2)");
    QTest::newRow("at_least 0") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"at_least": 0, "of": [{"all": []}]}})")
        << QStringLiteral("test.json: rules[0].when: \"at_least\" must be a whole number from 1 to the number of conditions in \"of\" (1)");
    QTest::newRow("at_least without of") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"at_least": 1}})")
        << QStringLiteral("test.json: rules[0].when: missing \"of\"");
    QTest::newRow("not of a bad condition") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"not": {"feature": "nope", "op": ">", "value": 1}}})")
        << QStringLiteral("test.json: rules[0].when.not: unknown feature \"nope\"");
    QTest::newRow("missing code") << withRules(
        R"({"kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"all": []}})")
        << QStringLiteral("test.json: rules[0]: missing \"code\"");
    QTest::newRow("bad code") << withRules(
        R"({"code": "Two Signals", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"all": []}})")
        << QStringLiteral("test.json: rules[0].code: a code is lower-case letters, digits and _ and starts with a letter");
    QTest::newRow("duplicate codes") << withRules(QByteArray(QByteArray(ok) + ", " + ok).constData())
        << QStringLiteral("test.json: rules[1].code: duplicate code \"a\" (also rules[0])");
    QTest::newRow("rule code is a feature") << withRules(
        R"({"code": "complaints_30d", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"all": []}})")
        << QStringLiteral("test.json: rules[0].code: \"complaints_30d\" is a feature's name; a rule needs a code of its own");
    QTest::newRow("bad kind") << withRules(
        R"({"code": "a", "kind": "riks", "name_zh": "甲", "name_en": "A", "when": {"all": []}})")
        << QStringLiteral("test.json: rules[0].kind: unknown kind \"riks\"; a rule's kind is risk, reminder or flag");
    QTest::newRow("missing kind") << withRules(
        R"({"code": "a", "name_zh": "甲", "name_en": "A", "when": {"all": []}})")
        << QStringLiteral("test.json: rules[0]: missing \"kind\"");
    QTest::newRow("missing when") << withRules(R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A"})")
        << QStringLiteral("test.json: rules[0]: missing \"when\"");
    QTest::newRow("missing name") << withRules(R"({"code": "a", "kind": "risk", "name_zh": "甲", "when": {"all": []}})")
        << QStringLiteral("test.json: rules[0]: missing \"name_en\"");
    QTest::newRow("empty name") << withRules(R"({"code": "a", "kind": "risk", "name_zh": " ", "name_en": "A", "when": {"all": []}})")
        << QStringLiteral("test.json: rules[0].name_zh: a name must be text that is not empty");
    QTest::newRow("unknown key in a rule") << withRules(
        R"({"code": "a", "kind": "risk", "name_zh": "甲", "name_en": "A", "when": {"all": []}, "priority": 1})")
        << QStringLiteral("test.json: rules[0]: unknown key \"priority\"");
    QTest::newRow("rule not an object") << withRules("[]")
        << QStringLiteral("test.json: rules[0]: a rule must be an object");

    QTest::newRow("band order equal")
        << QByteArray(R"({"format": "telcodesk-retention-config", "version": 1, "bands": {"high": 0.3, "medium": 0.3}, "rules": []})")
        << QStringLiteral("test.json: bands: high (0.3) must be above medium (0.3)");
    QTest::newRow("band order reversed")
        << QByteArray(R"({"format": "telcodesk-retention-config", "version": 1, "bands": {"high": 0.2, "medium": 0.4}, "rules": []})")
        << QStringLiteral("test.json: bands: high (0.2) must be above medium (0.4)");
    QTest::newRow("band above 1")
        << QByteArray(R"({"format": "telcodesk-retention-config", "version": 1, "bands": {"high": 1.5, "medium": 0.4}, "rules": []})")
        << QStringLiteral("test.json: bands.high: a band starts at a probability above 0 and at most 1");
    QTest::newRow("band missing")
        << QByteArray(R"({"format": "telcodesk-retention-config", "version": 1, "bands": {"high": 0.5}, "rules": []})")
        << QStringLiteral("test.json: bands: missing \"medium\"");
    QTest::newRow("no bands") << QByteArray(R"({"format": "telcodesk-retention-config", "version": 1, "rules": []})")
        << QStringLiteral("test.json: missing \"bands\"");
    QTest::newRow("no rules")
        << QByteArray(R"({"format": "telcodesk-retention-config", "version": 1, "bands": {"high": 0.5, "medium": 0.25}})")
        << QStringLiteral("test.json: missing \"rules\"");
    QTest::newRow("wrong format")
        << QByteArray(R"({"format": "telcodesk-scoring-model", "version": 1, "bands": {"high": 0.5, "medium": 0.25}, "rules": []})")
        << QStringLiteral("test.json: format: expected \"telcodesk-retention-config\"");
    QTest::newRow("newer version")
        << QByteArray(R"({"format": "telcodesk-retention-config", "version": 2, "bands": {"high": 0.5, "medium": 0.25}, "rules": []})")
        << QStringLiteral("test.json: version: version 2 is newer than this TelcoDesk understands (1)");
    QTest::newRow("unknown top-level key") << withSection("segments", "[]")
        << QStringLiteral("test.json: unknown key \"segments\"");
    QTest::newRow("not an object") << QByteArray("[1, 2]")
        << QStringLiteral("test.json: the document must be a JSON object");

    QTest::newRow("segment min above max")
        << withSection("rfm", R"({"segments": [{"code": "s", "name_zh": "甲", "name_en": "S", "f_min": 4, "f_max": 2}]})")
        << QStringLiteral("test.json: rfm.segments[0]: f_min (4) is above f_max (2): no customer can match");
    QTest::newRow("segment bound not a number")
        << withSection("rfm", R"({"segments": [{"code": "s", "name_zh": "甲", "name_en": "S", "m_min": "500"}]})")
        << QStringLiteral("test.json: rfm.segments[0].m_min: a bound must be a number");
    QTest::newRow("segment duplicate code")
        << withSection("rfm", R"({"segments": [{"code": "s", "name_zh": "甲", "name_en": "S"}, {"code": "s", "name_zh": "乙", "name_en": "T"}]})")
        << QStringLiteral("test.json: rfm.segments[1].code: duplicate code \"s\" (also rfm.segments[0])");
    QTest::newRow("segment unknown key")
        << withSection("rfm", R"({"segments": [{"code": "s", "name_zh": "甲", "name_en": "S", "r_maximum": 1}]})")
        << QStringLiteral("test.json: rfm.segments[0]: unknown key \"r_maximum\"");
    QTest::newRow("tag bad kind")
        << withSection("tags", R"([{"code": "t", "kind": "behavior", "name_zh": "甲", "name_en": "T", "when": {"all": []}}])")
        << QStringLiteral("test.json: tags[0].kind: unknown kind \"behavior\"; a tag's kind is fact, behaviour or predictive");
    QTest::newRow("tag bad condition")
        << withSection("tags", R"([{"code": "t", "kind": "fact", "name_zh": "甲", "name_en": "T", "when": {"feature": "probabilty", "op": ">", "value": 0.5}}])")
        << QStringLiteral("test.json: tags[0].when: unknown feature \"probabilty\"");
    QTest::newRow("tag duplicate code")
        << withSection("tags", R"([{"code": "t", "kind": "fact", "name_zh": "甲", "name_en": "T", "when": {"all": []}},
                                   {"code": "t", "kind": "fact", "name_zh": "甲", "name_en": "T", "when": {"all": []}}])")
        << QStringLiteral("test.json: tags[1].code: duplicate code \"t\" (also tags[0])");
    QTest::newRow("task band") << withSection("tasks", R"({"min_band": "severe"})")
        << QStringLiteral("test.json: tasks.min_band: unknown band \"severe\"; a band is low, medium or high");
    QTest::newRow("task due days") << withSection("tasks", R"({"due_days": -1})")
        << QStringLiteral("test.json: tasks.due_days: must be a whole number of days from 0 to 365");
    QTest::newRow("task queue") << withSection("tasks", R"({"queue": ""})")
        << QStringLiteral("test.json: tasks.queue: a queue must be text that is not empty");
}

void TestRetentionConfig::badDocuments()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const Result<RetentionConfig> parsed = RetentionConfig::fromJson(json, QStringLiteral("test.json"));
    QVERIFY(!parsed);
    QCOMPARE(parsed.errorMessage(), message);
    QCOMPARE(parsed.error().code, QStringLiteral("invalid"));
}

void TestRetentionConfig::roundTrip()
{
    const QByteArray original = builtInBytes();
    QVERIFY(!original.isEmpty());
    const QByteArray written = RetentionConfig::builtIn().toJson();
    // The same document as the shipped file, key for key.
    QCOMPARE(QJsonDocument::fromJson(written), QJsonDocument::fromJson(original));
    const Result<RetentionConfig> again = RetentionConfig::fromJson(written, QStringLiteral("written"));
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QCOMPARE(again->toJson(), written);

    // Not valid JSON: the parser's complaint with where it stopped.
    const Result<RetentionConfig> broken = RetentionConfig::fromJson("{\"format\": ", QStringLiteral("x.json"));
    QVERIFY(!broken);
    QVERIFY2(broken.errorMessage().startsWith(QStringLiteral("x.json: not valid JSON at character ")),
             qPrintable(broken.errorMessage()));

    // Optional sections take their defaults; a small document reads and writes.
    const Result<RetentionConfig> small = RetentionConfig::fromJson(withRules(""), QStringLiteral("small"));
    QVERIFY2(small.ok(), qPrintable(small.errorMessage()));
    QVERIFY(small->segments.empty() && small->tags.empty() && small->rules.empty());
    QCOMPARE(small->taskQueue, QStringLiteral("retention"));
    QVERIFY(RetentionConfig::fromJson(small->toJson(), QStringLiteral("small again")).ok());
}

void TestRetentionConfig::loadFromStore()
{
    test::TempStore temp;
    QVERIFY2(temp.ok(), qPrintable(temp.error()));
    QString problem = QStringLiteral("stale"), source;
    RetentionConfig config = RetentionConfig::load(*temp.store(), &problem, &source);
    QCOMPARE(problem, QString());
    QVERIFY2(source.startsWith(QStringLiteral("built-in")), qPrintable(source));
    QCOMPARE(config.toJson(), RetentionConfig::builtIn().toJson());

    // A deleted row does not count.
    QVERIFY(insertRow(*temp.store(), QStringLiteral("row-1"), builtInWithHighBand(0.7), 1000));
    config = RetentionConfig::load(*temp.store(), &problem, &source);
    QCOMPARE(config.highBand, 0.5);
    QCOMPARE(problem, QString());

    QSqlQuery q(temp.store()->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE scoring_config SET deleted_at = NULL")));
    config = RetentionConfig::load(*temp.store(), &problem, &source);
    QCOMPARE(config.highBand, 0.7);
    QCOMPARE(problem, QString());
    QCOMPARE(source, QStringLiteral("scoring_config row row-1, version 4"));
    QCOMPARE(config.bandOf(0.6), QStringLiteral("medium"));
    // Without the out-parameters too.
    QCOMPARE(RetentionConfig::load(*temp.store()).highBand, 0.7);
}

void TestRetentionConfig::loadFallsBackOnABadRow()
{
    test::TempStore temp;
    QVERIFY2(temp.ok(), qPrintable(temp.error()));
    QByteArray bad = builtInBytes();
    bad.replace("\"spend_ratio_m1\"", "\"spend_ratio_m9\"");
    QVERIFY(insertRow(*temp.store(), QStringLiteral("row-1"), bad));
    QString problem, source;
    const RetentionConfig config = RetentionConfig::load(*temp.store(), &problem, &source);
    QCOMPARE(problem, QStringLiteral("scoring_config \"retention\": rules[0].when.of[0].all[1]: unknown feature "
                                     "\"spend_ratio_m9\"; using the built-in rules"));
    QVERIFY2(source.startsWith(QStringLiteral("built-in")), qPrintable(source));
    QCOMPARE(config.toJson(), RetentionConfig::builtIn().toJson());

    QSqlQuery q(temp.store()->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE scoring_config SET body = 'not json'")));
    RetentionConfig::load(*temp.store(), &problem);
    QVERIFY2(problem.startsWith(QStringLiteral("scoring_config \"retention\": not valid JSON")), qPrintable(problem));
}

void TestRetentionConfig::saveLocal()
{
    test::TempStore temp;
    QVERIFY2(temp.ok(), qPrintable(temp.error()));
    const QByteArray first = builtInWithHighBand(0.6);
    Status saved = RetentionConfig::saveLocal(*temp.store(), first);
    QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
    StoredRow row = storedRow(*temp.store());
    QCOMPARE(row.id, QString::fromLatin1(RetentionConfig::kLocalRowId));
    QCOMPARE(row.version, qint64(1));
    QCOMPARE(row.body.toUtf8(), first);
    QCOMPARE(RetentionConfig::load(*temp.store()).highBand, 0.6);

    saved = RetentionConfig::saveLocal(*temp.store(), builtInWithHighBand(0.8));
    QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
    row = storedRow(*temp.store());
    QCOMPARE(row.id, QString::fromLatin1(RetentionConfig::kLocalRowId));
    QCOMPARE(row.version, qint64(2));
    QCOMPARE(RetentionConfig::load(*temp.store()).highBand, 0.8);

    // A row pulled from the server keeps its id; a deleted one comes back.
    test::TempStore other;
    QVERIFY2(other.ok(), qPrintable(other.error()));
    QVERIFY(insertRow(*other.store(), QStringLiteral("server-row"), builtInBytes(), 5000));
    QVERIFY(RetentionConfig::saveLocal(*other.store(), first).ok());
    row = storedRow(*other.store());
    QCOMPARE(row.id, QStringLiteral("server-row"));
    QCOMPARE(row.version, qint64(5));
    QCOMPARE(RetentionConfig::load(*other.store()).highBand, 0.6);
}

void TestRetentionConfig::saveLocalRefusesABadDocument()
{
    test::TempStore temp;
    QVERIFY2(temp.ok(), qPrintable(temp.error()));
    const QByteArray good = builtInWithHighBand(0.6);
    QVERIFY(RetentionConfig::saveLocal(*temp.store(), good).ok());
    const StoredRow before = storedRow(*temp.store());

    QByteArray bad = good;
    bad.replace("\"renewal_due\"", "\"decline_signals\"");
    const Status refused = RetentionConfig::saveLocal(*temp.store(), bad);
    QVERIFY(!refused);
    QCOMPARE(refused.errorMessage(),
             QStringLiteral("the new retention rules: rules[2].code: duplicate code \"decline_signals\" (also rules[0])"));
    const StoredRow after = storedRow(*temp.store());
    QCOMPARE(after.body, before.body);
    QCOMPARE(after.version, before.version);
    QVERIFY(!RetentionConfig::saveLocal(*temp.store(), "{").ok());
    QCOMPARE(storedRow(*temp.store()).version, before.version);
    QCOMPARE(RetentionConfig::load(*temp.store()).highBand, 0.6);
}

QTEST_GUILESS_MAIN(TestRetentionConfig)
#include "tst_retentionconfig.moc"
