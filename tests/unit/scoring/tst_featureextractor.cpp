#include "scoring/CustomerFeatures.h"

#include "FakeClock.h"
#include "ScoringFixture.h"
#include "TempStore.h"

#include <QTest>

#include <cmath>

using namespace telcodesk;
using namespace telcodesk::test;
using F = CustomerFeature;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

} // namespace

/// FeatureExtractor on a hand-built cache (ScoringFixture): every feature at its edges.
class TestFeatureExtractor : public QObject
{
    Q_OBJECT

private:
    TempStore m_temp;
    FeatureBlock m_block;

    int rowOf(const QString& id) const { return int(m_block.customerIds.indexOf(id)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_temp.ok(), qPrintable(m_temp.error()));
        ScoringFixture fixture(m_temp.store());
        fixture.build();
        QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
        const FeatureExtractor x(m_temp.store(), scoringAsOf());
        auto block = x.extract({QStringLiteral("cE"), QStringLiteral("cA"), QStringLiteral("cB"), QStringLiteral("cC"),
                                QStringLiteral("cD"), QStringLiteral("cF"), QStringLiteral("nobody"), QStringLiteral("cA")});
        QVERIFY2(block.ok(), qPrintable(block.errorMessage()));
        m_block = block.value();
    }

    void monthM0_data()
    {
        QTest::addColumn<QDateTime>("asOf");
        QTest::addColumn<int>("m0");
        QTest::newRow("mid-November") << QDateTime(QDate(2026, 11, 22), QTime(4, 0), Qt::UTC) << 202610;
        QTest::newRow("last ms of October, Beijing") << QDateTime(QDate(2026, 10, 31), QTime(15, 59, 59, 999), Qt::UTC) << 202609;
        QTest::newRow("first ms of November, Beijing") << QDateTime(QDate(2026, 10, 31), QTime(16, 0), Qt::UTC) << 202610;
        QTest::newRow("January") << QDateTime(QDate(2027, 1, 5), QTime(0, 0), Qt::UTC) << 202612;
    }
    void monthM0()
    {
        QFETCH(QDateTime, asOf);
        QFETCH(int, m0);
        QCOMPARE(FeatureExtractor::monthM0(asOf.toMSecsSinceEpoch()), m0);
    }

    void defaultAsOf()
    {
        TempStore temp;
        QVERIFY(temp.ok());
        FakeClock clock;
        QCOMPARE(FeatureExtractor::defaultAsOf(*temp.store(), clock), clock.nowMs());
        ScoringFixture f(temp.store());
        QVERIFY(f.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('demo.as_of', '2026-11-22')")));
        // The end of that day in Beijing.
        QCOMPARE(FeatureExtractor::defaultAsOf(*temp.store(), clock),
                 QDateTime(QDate(2026, 11, 22), QTime(15, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch());
    }

    void rowsAndOrder()
    {
        // Unknown and deleted ids are left out, duplicates once, rows in id order.
        QCOMPARE(m_block.customerIds, (QStringList{QStringLiteral("cA"), QStringLiteral("cB"), QStringLiteral("cC"),
                                                   QStringLiteral("cD"), QStringLiteral("cE")}));
        QCOMPARE(m_block.monthM0, 202610);
        QCOMPARE(m_block.asOfMs, scoringAsOf());
        QCOMPARE(m_block.values.size(), std::size_t(5 * kCustomerFeatureCount));
    }

    void customerA_data()
    {
        QTest::addColumn<int>("feature");
        QTest::addColumn<double>("expected");
        const auto row = [](F f, double v) { QTest::newRow(qPrintable(CustomerFeatures::name(f))) << int(f) << v; };
        row(F::TenureMonths, 71);               // 2020-11-23 .. 2026-11-22: one day short of 72
        row(F::DaysToContractEnd, 60);          // the active line's end; the closed line's earlier end ignored
        row(F::MonthsToContractEnd, 60 / 30.44);
        row(F::SpendLastMonth, 60);             // the deleted row of the closed line and November's row ignored
        row(F::SpendAvg3m, (60 + 80 + 80) / 3.0);
        row(F::SpendChange3m, -0.4);
        row(F::SpendChange6m, -0.5);
        row(F::SpendRatioM0, 0.6);
        row(F::SpendRatioM1, 0.8);
        row(F::SpendRatioM2, 0.8);
        row(F::DataChange3m, -0.5);
        row(F::DataChange6m, -0.5);
        row(F::VoiceChange3m, -0.7);
        row(F::VoiceRatio30d, 0.3);
        row(F::LoginsPerWeekRecent, 4 / (31 / 7.0));
        row(F::LoginsPerWeekBefore, 60 / (92 / 7.0));
        row(F::LoginChange3m, -0.8);
        row(F::Complaints30d, 1);               // exactly 30 days back counts; 1 ms earlier, later and deleted do not
        row(F::PortingEnquiries7d, 1);
        row(F::BillingContacts90d, 1);          // the outbound call and the one a ms too old do not count
        row(F::Contacts90d, 5);
        row(F::OverdueBills, 1);                // the deleted overdue bill ignored
        row(F::OverdueYuan, 80);
        row(F::PlanFitData, 7000 / 10240.0);
        row(F::PlanFitVoice, (230 / 3.0) / 500);
        row(F::DataOverageMonths3m, 0);
        row(F::HouseholdSize, 1);
        row(F::ActiveLines, 1);
        row(F::SlaBreaches90d, 1);              // late and open; the 100-day-old one and the one in time not
        row(F::OpenTickets, 1);
        row(F::AgeYears, 45);                   // birthday tomorrow
        row(F::IsFamily, 0);
        row(F::IsEnterprise, 0);
        row(F::TierRank, 2);
        row(F::RecencyMonths, 0);               // a payment in the as-of month
        row(F::Frequency6m, 2);                 // that payment and the add-on of 1 May (30 April's is outside)
    }
    void customerA()
    {
        QFETCH(int, feature);
        QFETCH(double, expected);
        const double got = m_block.value(rowOf(QStringLiteral("cA")), F(feature));
        QVERIFY2(same(got, expected), qPrintable(QStringLiteral("%1: got %2, expected %3")
                                                      .arg(CustomerFeatures::name(F(feature)))
                                                      .arg(got, 0, 'g', 17)
                                                      .arg(expected, 0, 'g', 17)));
    }

    void noHistory()
    {
        // An enterprise with no lines and no usage: unknowns are NaN, counts 0, household with its members.
        const int b = rowOf(QStringLiteral("cB"));
        for (F f : {F::TenureMonths, F::DaysToContractEnd, F::SpendLastMonth, F::SpendAvg3m, F::SpendChange3m,
                    F::SpendRatioM0, F::VoiceRatio30d, F::LoginsPerWeekRecent, F::LoginsPerWeekBefore, F::PlanFitData,
                    F::DataOverageMonths3m, F::AgeYears, F::TierRank, F::RecencyMonths})
            QVERIFY2(std::isnan(m_block.value(b, f)), qPrintable(CustomerFeatures::name(f)));
        for (F f : {F::Complaints30d, F::OverdueBills, F::ActiveLines, F::OpenTickets, F::Frequency6m})
            QCOMPARE(m_block.value(b, f), 0.0);
        QCOMPARE(m_block.value(b, F::IsEnterprise), 1.0);
        QCOMPARE(m_block.value(b, F::HouseholdSize), 3.0);
        // Its members count the head and each other; a line without a plan gives no allowance.
        const int c = rowOf(QStringLiteral("cC"));
        QCOMPARE(m_block.value(c, F::HouseholdSize), 3.0);
        QCOMPARE(m_block.value(c, F::TenureMonths), 0.0);
        QCOMPARE(m_block.value(c, F::ActiveLines), 1.0);
        QVERIFY(std::isnan(m_block.value(c, F::PlanFitData)));
        QVERIFY(std::isnan(m_block.value(c, F::SpendLastMonth)));
        QCOMPARE(m_block.value(rowOf(QStringLiteral("cD")), F::HouseholdSize), 3.0);
        QCOMPARE(m_block.value(rowOf(QStringLiteral("cD")), F::TierRank), 4.0);
    }

    void zeroBaseline()
    {
        // Spend of 0 in m3..m5: every ratio against them is unknown, not infinite.
        const int e = rowOf(QStringLiteral("cE"));
        QCOMPARE(m_block.value(e, F::SpendLastMonth), 50.0);
        QCOMPARE(m_block.value(e, F::SpendAvg3m), 50.0);
        for (F f : {F::SpendRatioM0, F::SpendRatioM1, F::SpendRatioM2, F::SpendChange3m, F::SpendChange6m,
                    F::VoiceChange3m, F::VoiceRatio30d, F::DataChange3m})
            QVERIFY2(std::isnan(m_block.value(e, f)), qPrintable(CustomerFeatures::name(f)));
        QCOMPARE(m_block.value(e, F::PlanFitData), 0.0);
        QCOMPARE(m_block.value(e, F::IsFamily), 1.0);
        QCOMPARE(m_block.value(e, F::HouseholdSize), 1.0); // a family account with no members yet
        QCOMPARE(m_block.value(e, F::RecencyMonths), 1.0); // usage in m0 (October) is one month before November
    }

    void ratiosCapped()
    {
        // A rise from almost nothing is capped at twice (+100 %).
        TempStore temp;
        QVERIFY(temp.ok());
        ScoringFixture f(temp.store());
        f.customer(QStringLiteral("cG"), QStringLiteral("individual"), QVariant(), QVariant(), QVariant());
        f.line(QStringLiteral("lG"), QStringLiteral("cG"), QStringLiteral("active"), QVariant(), QVariant());
        for (int month : {202610, 202609, 202608, 202607, 202606, 202605, 202604})
            f.usage(QStringLiteral("lG"), month, month == 202610 ? 100 : 1, 10, 10, 1);
        QVERIFY2(f.error.isEmpty(), qPrintable(f.error));
        auto block = FeatureExtractor(temp.store(), scoringAsOf()).extract({QStringLiteral("cG")});
        QVERIFY(block.ok());
        QCOMPARE(block->value(0, F::SpendRatioM0), 2.0);
        QCOMPARE(block->value(0, F::SpendChange3m), 1.0);
        QCOMPARE(block->value(0, F::SpendRatioM1), 1.0);
    }

    void asOfCutsOff()
    {
        // A day later the edges have moved: the complaint of exactly 30 days ago and the porting enquiry of 7
        // have left their windows, the complaint 1 ms after the first as-of moment has entered.
        auto later = FeatureExtractor(m_temp.store(), scoringAsOf() + kDay).extract({QStringLiteral("cA")});
        QVERIFY(later.ok());
        QCOMPARE(later->value(0, F::Complaints30d), 1.0);
        QCOMPARE(later->value(0, F::PortingEnquiries7d), 0.0);
        QCOMPARE(later->value(0, F::BillingContacts90d), 0.0);
        QCOMPARE(later->value(0, F::Contacts90d), 5.0);
        // A day earlier the ticket was not yet late.
        auto earlier = FeatureExtractor(m_temp.store(), scoringAsOf() - 6 * kDay).extract({QStringLiteral("cA")});
        QVERIFY(earlier.ok());
        QCOMPARE(earlier->value(0, F::SlaBreaches90d), 0.0);
        QCOMPARE(earlier->value(0, F::Complaints30d), 2.0); // both early complaints within 30 days then
    }

    void batchEqualsList()
    {
        const FeatureExtractor x(m_temp.store(), scoringAsOf());
        FeatureBlock all;
        QString after;
        for (;;) {
            auto chunk = x.extractBatch(after, 2);
            QVERIFY2(chunk.ok(), qPrintable(chunk.errorMessage()));
            if (chunk->rows() == 0)
                break;
            QVERIFY(chunk->rows() <= 2);
            after = chunk->customerIds.last();
            all.customerIds.append(chunk->customerIds);
            all.values.insert(all.values.end(), chunk->values.begin(), chunk->values.end());
        }
        QCOMPARE(all.customerIds, m_block.customerIds);
        for (std::size_t i = 0; i < all.values.size(); ++i)
            QVERIFY2(same(all.values[i], m_block.values[i]),
                     qPrintable(QStringLiteral("%1 %2").arg(all.customerIds.at(int(i) / kCustomerFeatureCount),
                                                            CustomerFeatures::name(F(int(i) % kCustomerFeatureCount)))));
    }

    void rangeReadEqualsSeeks()
    {
        // 40 customers with a line each: a chunk reads their usage and add-ons as one key range; one customer at
        // a time seeks each line. Both must give the same features, with a stranger's line inside the range.
        TempStore temp;
        QVERIFY(temp.ok());
        ScoringFixture f(temp.store());
        f.plan(QStringLiteral("p"), 1000, 100);
        QStringList ids;
        for (int i = 0; i < 40; ++i) {
            const QString c = QStringLiteral("c%1").arg(i, 2, 10, QLatin1Char('0'));
            const QString l = QStringLiteral("l%1").arg(i, 2, 10, QLatin1Char('0'));
            ids.append(c);
            f.customer(c, QStringLiteral("individual"), QVariant(), QVariant(), QVariant());
            f.line(l, c, QStringLiteral("active"), QStringLiteral("p"), QVariant());
            for (int month : {202610, 202609, 202608, 202607, 202606, 202605, 202604, 202603})
                f.usage(l, month, 10 + i + month % 7, 100 + i, 500 + 10 * i, i % 5, i == 7 && month == 202610);
            if (i % 3 == 0)
                f.addon(l, QStringLiteral("2026-0%1-15").arg(4 + i % 6));
        }
        f.customer(QStringLiteral("x"), QStringLiteral("individual"), QVariant(), QVariant(), QVariant(), QVariant(), true);
        f.line(QStringLiteral("l20b"), QStringLiteral("x"), QStringLiteral("active"), QStringLiteral("p"), QVariant());
        f.usage(QStringLiteral("l20b"), 202610, 999, 999, 999, 9);
        QVERIFY2(f.error.isEmpty(), qPrintable(f.error));
        const FeatureExtractor x(temp.store(), scoringAsOf());
        auto batch = x.extractBatch(QString(), 100);
        QVERIFY(batch.ok());
        QCOMPARE(batch->customerIds, ids);
        for (int r = 0; r < 40; ++r) {
            auto one = x.extract({ids.at(r)});
            QVERIFY(one.ok());
            for (int k = 0; k < kCustomerFeatureCount; ++k)
                QVERIFY2(same(one->value(0, F(k)), batch->value(r, F(k))),
                         qPrintable(ids.at(r) + QLatin1Char(' ') + CustomerFeatures::name(F(k))));
        }
        QCOMPARE(batch->value(0, F::SpendLastMonth), 10.0 + 202610 % 7);
        QVERIFY(std::isnan(batch->value(7, F::SpendLastMonth)));  // its only m0 row is deleted
        QCOMPARE(batch->value(3, F::Frequency6m), 1.0);          // add-on of 2026-07-15
        QCOMPARE(batch->value(6, F::Frequency6m), 0.0);          // add-on of 2026-04-15: before the 6 months
    }

    void toTable()
    {
        const CsvTable table = m_block.toTable({1, 0, 0, 0, 1});
        QCOMPARE(table.rowCount(), 5);
        QCOMPARE(int(table.columns().size()), kCustomerFeatureCount);
        QCOMPARE(table.ids(), m_block.customerIds);
        QCOMPARE(table.labels(), (std::vector<double>{1, 0, 0, 0, 1}));
        const CsvColumn* spend = table.column(QStringLiteral("spend_last_month"));
        QVERIFY(spend && spend->numeric);
        QCOMPARE(spend->numbers[0], 60.0);
        QVERIFY(std::isnan(spend->numbers[1]));
        QCOMPARE(spend->texts.at(0), QStringLiteral("60"));
        QVERIFY(spend->texts.at(1).isEmpty());
        QVERIFY(m_block.toTable().labels().empty());
        Q_UNUSED(kNaN);
    }
};

QTEST_GUILESS_MAIN(TestFeatureExtractor)
#include "tst_featureextractor.moc"
