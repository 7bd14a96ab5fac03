#include "scoring/ScoringEngine.h"

#include "ScoringFixture.h"
#include "TempStore.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

#include <cmath>

using namespace telcodesk;
using namespace telcodesk::test;
using F = CustomerFeature;

namespace {

/// A linear model over two features whose contributions are easy to follow: complaints raise the log-odds by
/// 1 each, a spend change of x adds -2x, the intercept is -1. Inputs pass unscaled (mean 0, std 1).
QByteArray knownModel()
{
    ScoringModel m;
    m.kind = QStringLiteral("lr");
    m.target = QStringLiteral("churn");
    Preprocessor::Column complaints{QStringLiteral("complaints_30d"), true, 0.0, 1.0, 0.0, false, {}};
    Preprocessor::Column spend{QStringLiteral("spend_change_3m"), true, 0.0, 1.0, 0.0, false, {}};
    m.preprocessor = Preprocessor::fromParts(Preprocessor::Options{}, {complaints, spend});
    m.lr = LogisticRegression({1.0, -2.0}, -1.0);
    return ModelFile::toJson(m);
}

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

QHash<QString, QStringList> scoreRows(const LocalStorePtr& store)
{
    QHash<QString, QStringList> rows;
    QSqlQuery q(store->connection());
    q.exec(QStringLiteral("SELECT customer_id, probability, band, model_band, reasons, rules, segment, tags, model_id, as_of "
                          "FROM customer_score"));
    while (q.next()) {
        QStringList r;
        for (int i = 1; i < 10; ++i)
            r.append(q.value(i).toString());
        rows.insert(q.value(0).toString(), r);
    }
    return rows;
}

int count(const LocalStorePtr& store, const QString& table)
{
    QSqlQuery q(store->connection());
    return q.exec(QStringLiteral("SELECT count(*) FROM ") + table) && q.next() ? q.value(0).toInt() : -1;
}

} // namespace

class TestScoringEngine : public QObject
{
    Q_OBJECT

private:
    TempStore m_temp;
    std::shared_ptr<const LoadedModel> m_model;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_temp.ok(), qPrintable(m_temp.error()));
        ScoringFixture fixture(m_temp.store());
        fixture.build();
        QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
        auto model = LoadedModel::fromBytes(knownModel(), QStringLiteral("known.json"));
        QVERIFY2(model.ok(), qPrintable(model.errorMessage()));
        m_model = model.value();
    }

    void loadedModel()
    {
        QCOMPARE(m_model->featureOfColumn, (std::vector<int>{int(F::Complaints30d), int(F::SpendChange3m)}));
        QCOMPARE(m_model->id.size(), 16);
        QCOMPARE(m_model->source, QStringLiteral("known.json"));
        // The same bytes, the same id; other bytes, another.
        QCOMPARE(LoadedModel::fromBytes(knownModel(), QStringLiteral("again"))->get()->id, m_model->id);
        QVERIFY(LoadedModel::fromBytes(knownModel() + ' ', QStringLiteral("again"))->get()->id != m_model->id);
    }

    void refusesOtherColumns()
    {
        ScoringModel m;
        Preprocessor::Column tenure{QStringLiteral("tenure"), true, 0.0, 1.0, 0.0, false, {}};
        m.preprocessor = Preprocessor::fromParts(Preprocessor::Options{}, {tenure});
        m.lr = LogisticRegression({1.0}, 0.0);
        auto refused = LoadedModel::fromBytes(ModelFile::toJson(m), QStringLiteral("telco.json"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QStringLiteral("\"tenure\"")), qPrintable(refused.errorMessage()));
        QVERIFY(refused.errorMessage().contains(QStringLiteral("telco.json")));
    }

    void builtInLoads()
    {
        auto builtIn = LoadedModel::builtIn();
        QVERIFY2(builtIn.ok(), qPrintable(builtIn.errorMessage()));
        QCOMPARE(builtIn.value()->source, QStringLiteral(":/telcodesk/scoring/default-model.json"));
        // A data folder without its own model uses it; one with a broken file says so.
        auto forDir = LoadedModel::forDataDir(m_temp.dir());
        QVERIFY(forDir.ok());
        QCOMPARE(forDir.value()->id, builtIn.value()->id);
        QCOMPARE(LoadedModel::dataDirModelPath(QStringLiteral("/x")), QStringLiteral("/x/scoring-model.json"));
    }

    void reasonsOfKnownModel()
    {
        const ScoringEngine engine(m_model, RetentionConfig::builtIn());
        auto block = FeatureExtractor(m_temp.store(), scoringAsOf()).extract({QStringLiteral("cA"), QStringLiteral("cB")});
        QVERIFY(block.ok());
        const std::vector<CustomerScore> scores = engine.score(*block, 1234);
        QCOMPARE(scores.size(), std::size_t(2));
        const CustomerScore& a = scores[0];
        QCOMPARE(a.customerId, QStringLiteral("cA"));
        // 1 complaint (+1), spend -40 % (+0.8), intercept -1.
        QVERIFY(std::abs(a.probability - sigmoid(0.8)) < 1e-12);
        QCOMPARE(a.modelBand, QStringLiteral("high"));
        QCOMPARE(a.band, QStringLiteral("high"));
        // The decline rule (spend three months at <= 80 %, logins from 4.6 to 0.9 a week) fires; the porting
        // rule does not: voice at exactly 30 % is not below 30 %. The renewal reminder fires at 60 days.
        QCOMPARE(a.rules, (QStringList{QStringLiteral("decline_signals"), QStringLiteral("renewal_due")}));
        QCOMPARE(a.reasons.size(), std::size_t(3));
        QCOMPARE(a.reasons[0].code, QStringLiteral("decline_signals"));
        QVERIFY(a.reasons[0].isRule());
        QCOMPARE(a.reasons[1].code, QStringLiteral("complaints_30d"));
        QCOMPARE(a.reasons[1].value, 1.0);
        QCOMPARE(a.reasons[1].weight, 1.0);
        QCOMPARE(a.reasons[2].code, QStringLiteral("spend_change_3m"));
        QVERIFY(std::abs(a.reasons[2].weight - 0.8) < 1e-12);
        QCOMPARE(a.reasons[2].value, -0.4);
        QCOMPARE(a.modelId, m_model->id);
        QCOMPARE(a.asOfMs, scoringAsOf());
        QCOMPARE(a.scoredAtMs, qint64(1234));
        QVERIFY(a.tags.contains(QStringLiteral("likely_to_leave")));
        QVERIFY(a.tags.contains(QStringLiteral("renewal_window")));

        // B: no complaint, spend unknown (filled with the mean 0): only the intercept, and no reason raises it.
        const CustomerScore& b = scores[1];
        QVERIFY(std::abs(b.probability - sigmoid(-1.0)) < 1e-12);
        QCOMPARE(b.band, QStringLiteral("medium"));
        QVERIFY(b.reasons.empty());
        QVERIFY(b.tags.contains(QStringLiteral("enterprise_account")));

        const std::vector<double> bare = engine.probabilities(*block);
        QCOMPARE(bare.size(), std::size_t(2));
        QCOMPARE(bare[0], a.probability);
        QCOMPARE(bare[1], b.probability);
    }

    void untellingReasonsAreLeftOut()
    {
        // Complaints with a training mean of 0.5 and a weight of -1: having none raises the log-odds by 0.5.
        // True, and in the probability; but "No complaints in the last 30 days" tells an agent nothing, so it
        // is not given as a reason (ReasonText::telling).
        ScoringModel m;
        m.kind = QStringLiteral("lr");
        m.target = QStringLiteral("churn");
        Preprocessor::Column complaints{QStringLiteral("complaints_30d"), true, 0.5, 1.0, 0.0, false, {}};
        Preprocessor::Column spend{QStringLiteral("spend_change_3m"), true, 0.0, 1.0, 0.0, false, {}};
        m.preprocessor = Preprocessor::fromParts(Preprocessor::Options{}, {complaints, spend});
        m.lr = LogisticRegression({-1.0, -2.0}, -1.0);
        auto model = LoadedModel::fromBytes(ModelFile::toJson(m), QStringLiteral("telling.json"));
        QVERIFY2(model.ok(), qPrintable(model.errorMessage()));
        const ScoringEngine engine(model.value(), RetentionConfig::builtIn());
        auto block = FeatureExtractor(m_temp.store(), scoringAsOf()).extract({QStringLiteral("cA"), QStringLiteral("cB")});
        QVERIFY(block.ok());
        const std::vector<CustomerScore> scores = engine.score(*block, 1);
        const CustomerScore& b = scores.at(1);
        QCOMPARE(b.customerId, QStringLiteral("cB"));
        QVERIFY(std::abs(b.probability - sigmoid(-0.5)) < 1e-12);
        QVERIFY(b.reasons.empty());
        // A: one complaint lowers the risk here; the spend change (-40 %) is still said, after the rule.
        const CustomerScore& a = scores.at(0);
        QStringList codes;
        for (const ScoreReason& r : a.reasons)
            codes << r.code;
        QCOMPARE(codes, (QStringList{QStringLiteral("decline_signals"), QStringLiteral("spend_change_3m")}));
    }

    void ruleReasonsAreNotRepeated()
    {
        // A risk rule whose comparisons must all hold names its features itself: the model's reasons leave
        // them out. "Two of three" does not say which two, so its features still may be model reasons (the
        // test above: decline_signals with complaints_30d and spend_change_3m).
        RetentionConfig config = RetentionConfig::builtIn();
        RetentionRule complained;
        complained.code = QStringLiteral("complained");
        complained.kind = RetentionRule::Kind::Risk;
        complained.nameZh = QStringLiteral("有投诉");
        complained.nameEn = QStringLiteral("Complained");
        auto when = Condition::fromJson(QJsonObject{{QStringLiteral("feature"), QStringLiteral("complaints_30d")},
                                                    {QStringLiteral("op"), QStringLiteral(">=")},
                                                    {QStringLiteral("value"), 1}},
                                        QStringLiteral("test"));
        QVERIFY2(when.ok(), qPrintable(when.errorMessage()));
        complained.when = when.value();
        config.rules.push_back(complained);
        const ScoringEngine engine(m_model, config);
        auto block = FeatureExtractor(m_temp.store(), scoringAsOf()).extract({QStringLiteral("cA")});
        QVERIFY(block.ok());
        const CustomerScore a = engine.score(*block, 1).at(0);
        QStringList codes;
        for (const ScoreReason& r : a.reasons)
            codes << r.code;
        QCOMPARE(codes, (QStringList{QStringLiteral("decline_signals"), QStringLiteral("complained"),
                                     QStringLiteral("spend_change_3m")}));
    }

    void writeReadRoundTrip()
    {
        const ScoringEngine engine(m_model, RetentionConfig::builtIn());
        auto block = FeatureExtractor(m_temp.store(), scoringAsOf()).extract({QStringLiteral("cA"), QStringLiteral("cE")});
        QVERIFY(block.ok());
        const std::vector<CustomerScore> scores = engine.score(*block, 99);
        const ScoreStore store(m_temp.store());
        QVERIFY(store.write(scores).ok());
        for (const CustomerScore& s : scores) {
            auto loaded = store.load(s.customerId);
            QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
            QVERIFY(loaded->has_value());
            const CustomerScore& l = **loaded;
            QCOMPARE(l.probability, s.probability);
            QCOMPARE(l.band, s.band);
            QCOMPARE(l.modelBand, s.modelBand);
            QCOMPARE(l.rules, s.rules);
            QCOMPARE(l.segment, s.segment);
            QCOMPARE(l.tags, s.tags);
            QCOMPARE(l.modelId, s.modelId);
            QCOMPARE(l.asOfMs, s.asOfMs);
            QCOMPARE(l.scoredAtMs, qint64(99));
            QCOMPARE(l.reasons.size(), s.reasons.size());
            for (std::size_t i = 0; i < s.reasons.size(); ++i) {
                QCOMPARE(l.reasons[i].code, s.reasons[i].code);
                QCOMPARE(l.reasons[i].isRule(), s.reasons[i].isRule());
                if (!s.reasons[i].isRule()) {
                    QCOMPARE(l.reasons[i].weight, s.reasons[i].weight); // shortest round-trip form: exact
                    QCOMPARE(l.reasons[i].value, s.reasons[i].value);
                }
            }
            // The stored reasons are what ReasonText writes and reads.
            QCOMPARE(ReasonText::fromJson(ReasonText::toJson(s.reasons)).size(), s.reasons.size());
        }
        auto none = store.load(QStringLiteral("cB"));
        QVERIFY(none.ok() && !none->has_value());
        auto counts = store.bandCounts();
        QVERIFY(counts.ok());
        int total = 0;
        for (int n : *counts)
            total += n;
        QCOMPARE(total, 2);
        QCOMPARE(counts->value(QStringLiteral("high")), 1);
    }

    void scoreAllEqualsScoreCustomers()
    {
        const ScoringEngine engine(m_model, RetentionConfig::builtIn());
        ScoringFixture(m_temp.store()).exec(QStringLiteral("DELETE FROM customer_score"));
        ScoringRun::Options options;
        options.threads = 2;
        options.chunk = 2; // several chunks, and a deleted customer inside one of them
        std::atomic<int> maxDone{0};
        std::atomic<int> tasks{0};
        options.progress = [&](int done, int total) {
            if (total == 5 && done > maxDone)
                maxDone = done;
        };
        options.afterChunk = [&](const std::vector<CustomerScore>& scores, const FeatureBlock& block) -> Result<int> {
            if (int(scores.size()) != block.rows())
                return Error{QStringLiteral("scores and block differ"), QString()};
            tasks += int(scores.size());
            return 0;
        };
        auto all = ScoringRun::scoreAll(m_temp.store(), engine, scoringAsOf(), options);
        QVERIFY2(all.ok(), qPrintable(all.errorMessage()));
        QCOMPARE(all->customers, 5);
        QCOMPARE(all->low + all->medium + all->high, 5);
        QCOMPARE(tasks.load(), 5);
        QCOMPARE(maxDone.load(), 5); // the last report says everyone is done
        QCOMPARE(all->modelId, m_model->id);
        QVERIFY(all->jsonLine().startsWith(QStringLiteral("{\"customers\":5,")));
        const auto fromAll = scoreRows(m_temp.store());
        QCOMPARE(fromAll.size(), 5);
        QVERIFY(!fromAll.contains(QStringLiteral("cF")));

        ScoringFixture(m_temp.store()).exec(QStringLiteral("DELETE FROM customer_score"));
        options.threads = 1;
        options.chunk = 20000;
        auto some = ScoringRun::scoreCustomers(m_temp.store(), engine, scoringAsOf(),
                                               {QStringLiteral("cE"), QStringLiteral("cD"), QStringLiteral("cC"),
                                                QStringLiteral("cB"), QStringLiteral("cA"), QStringLiteral("cF")},
                                               options);
        QVERIFY2(some.ok(), qPrintable(some.errorMessage()));
        QCOMPARE(some->customers, 5);
        const auto fromList = scoreRows(m_temp.store());
        QCOMPARE(fromList.keys().size(), 5);
        for (auto it = fromAll.constBegin(); it != fromAll.constEnd(); ++it)
            QCOMPARE(fromList.value(it.key()), it.value());

        // Not writing: the same figures, nothing stored.
        ScoringFixture(m_temp.store()).exec(QStringLiteral("DELETE FROM customer_score"));
        options.write = false;
        auto pure = ScoringRun::scoreAll(m_temp.store(), engine, scoringAsOf(), options);
        QVERIFY(pure.ok());
        QCOMPARE(pure->high, all->high);
        QCOMPARE(count(m_temp.store(), QStringLiteral("customer_score")), 0);
    }

    void dirtyDrained()
    {
        const ScoringEngine engine(m_model, RetentionConfig::builtIn());
        ScoringFixture f(m_temp.store());
        f.exec(QStringLiteral("DELETE FROM score_dirty"));
        // A complaint logged now marks the customer (migration 12's trigger); a deleted customer's mark
        // removes its stale score.
        f.contact(QStringLiteral("cC"), QStringLiteral("complaint"), QDateTime::currentMSecsSinceEpoch());
        f.exec(QStringLiteral("INSERT INTO score_dirty (customer_id) VALUES ('cF')"));
        f.exec(QStringLiteral("INSERT OR REPLACE INTO customer_score (customer_id, probability, band, model_band, model_id, "
                              "as_of, scored_at) VALUES ('cF', 0.9, 'high', 'high', 'old', 0, 0)"));
        QVERIFY2(f.error.isEmpty(), qPrintable(f.error));
        QCOMPARE(count(m_temp.store(), QStringLiteral("score_dirty")), 2);
        ScoringRun::Options options;
        options.threads = 1;
        auto drained = ScoringRun::scoreDirty(m_temp.store(), engine, scoringAsOf() + 30 * kDay, options);
        QVERIFY2(drained.ok(), qPrintable(drained.errorMessage()));
        QCOMPARE(drained->customers, 1);
        QCOMPARE(count(m_temp.store(), QStringLiteral("score_dirty")), 0);
        auto c = ScoreStore(m_temp.store()).load(QStringLiteral("cC"));
        QVERIFY(c.ok() && c->has_value());
        QCOMPARE((*c)->asOfMs, scoringAsOf() + 30 * kDay);
        auto gone = ScoreStore(m_temp.store()).load(QStringLiteral("cF"));
        QVERIFY(gone.ok() && !gone->has_value());

        // A full run empties score_dirty before it starts.
        f.exec(QStringLiteral("INSERT INTO score_dirty (customer_id) VALUES ('cA')"));
        QVERIFY(ScoringRun::scoreAll(m_temp.store(), engine, scoringAsOf(), options).ok());
        QCOMPARE(count(m_temp.store(), QStringLiteral("score_dirty")), 0);
    }

    void cancelled()
    {
        const ScoringEngine engine(m_model, RetentionConfig::builtIn());
        std::atomic_bool cancel{true};
        ScoringRun::Options options;
        options.cancel = &cancel;
        auto run = ScoringRun::scoreAll(m_temp.store(), engine, scoringAsOf(), options);
        QVERIFY(!run.ok());
        QCOMPARE(run.error().code, QStringLiteral("cancelled"));
    }
};

QTEST_GUILESS_MAIN(TestScoringEngine)
#include "tst_scoringengine.moc"
