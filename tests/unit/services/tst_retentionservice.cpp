#include "FakeClock.h"
#include "Fixtures.h"
#include "TempStore.h"
#include "common/Uuid.h"
#include "services/RetentionService.h"
#include "store/ChangeWriter.h"
#include "sync/PullApplier.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <cmath>
#include <limits>

using namespace telcodesk;
using namespace telcodesk::test;

namespace {

constexpr int kMonth = 202610;
constexpr qint64 kDayMs = 86400000;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A customer with a score, for the at-risk list's tests.
struct ScoredSpec
{
    const char* name;
    double probability;
    const char* band;
    const char* segment;
};

QString offerCodeOf(const LocalStorePtr& store, const QString& offerId)
{
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("SELECT code FROM offer WHERE id = ?"));
    q.addBindValue(offerId);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

} // namespace

class TestRetentionService : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void offerCatalogLoadsTheRetentionOffersInPriorityOrder();
    void offerCatalogListsBrokenRulesAndSkipsSalesOffers();
    void nextBestOffer_data();
    void nextBestOffer();
    void taskIdIsDeterministicPerCustomerAndMonth();

    void opensOneTaskWithItsFields();
    void openTasksTwiceOpensOnce();
    void twoScoresForOneCustomerInOneCallOpenOne();
    void existingOpenTaskIsNeverDoubled();
    void onlyTheTaskBandOpensTasks();
    void closedThisMonthIsNotReopenedButNextMonthIs();
    void closedAndUnknownCustomersGetNoTask();
    void routing_data();
    void routing();
    void outboxRowsWritten();

    void outcomes_data();
    void outcomes();
    void noteRequiredForDeclinedAndLeft_data();
    void noteRequiredForDeclinedAndLeft();
    void unknownOutcomeAndLongNoteRefused();
    void callbackKeepsItOpenWithTheNewDue();
    void closingTwiceIsRefused();
    void permissions();
    void queueTaskIsTakenByWhoeverWorksIt();
    void assign();
    void setOffer();
    void outcomeWithAnotherOffer();
    void offerChoicesMarkWhatFits();
    void loadOpenTaskForAndTasksFor();
    void myTasks();

    void atRiskNeedsManageRetention();
    void atRiskFilters();
    void atRiskSorts_data();
    void atRiskSorts();
    void summaryCountsWhatCameOfThisMonthsTasks();
    void monthStartsInBeijingTime();

    void pullDropsALocalDuplicateTheServerNeverHad();
    void pullDropsAStaleCopyOfATaskTheServerClosed();
    void pullOfTheSameTaskIdJustUpdatesIt();
    void pullReplacesALocalScoringConfigOfTheSameKey();

private:
    struct Opened
    {
        QString customer;
        QString task;
    };
    QString addCustomer(const QString& name, const QString& msisdn, const QString& manager = QString());
    CustomerScore score(const QString& customer, double probability, const QString& band = QStringLiteral("high"),
                        const QStringList& rules = {}) const;
    FeatureBlock block(const QStringList& customers, int month = kMonth) const;
    Result<int> open(const std::vector<CustomerScore>& scores, const FeatureBlock& features, const Session& as);
    Result<int> open(const std::vector<CustomerScore>& scores, const Session& as);
    QString openOne(const QString& customer);
    QString field(const QString& taskId, const QString& column) const;
    int count(const QString& sql, const QVariantList& binds = {}) const;
    Session session(const QString& agentId, const QString& login, Role role) const;

    std::unique_ptr<TempStore> m_temp;
    FakeClock m_clock;
    QString m_agent1, m_agent2, m_supervisor, m_manager, m_goneManager;
    Session m_asAgent1, m_asAgent2, m_asSupervisor, m_asSystem;
    RetentionConfig m_config;
    std::unique_ptr<OfferCatalog> m_offers;
};

void TestRetentionService::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->ok(), qPrintable(m_temp->error()));
    Fixtures f(m_temp->store());
    m_agent1 = f.addAgent(QStringLiteral("agent01"), QStringLiteral("agent"));
    m_agent2 = f.addAgent(QStringLiteral("agent02"), QStringLiteral("agent"));
    m_supervisor = f.addAgent(QStringLiteral("sup01"), QStringLiteral("supervisor"));
    m_manager = f.addAgent(QStringLiteral("am01"), QStringLiteral("agent"));
    m_goneManager = f.addAgent(QStringLiteral("am02"), QStringLiteral("agent"));
    QVERIFY(!m_goneManager.isEmpty());
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE agent SET skills = 'retention,porting' WHERE login = 'agent01'")));
    QVERIFY(q.exec(QStringLiteral("UPDATE agent SET skills = 'billing' WHERE login = 'agent02'")));
    q.prepare(QStringLiteral("UPDATE agent SET deleted_at = 1 WHERE id = ?"));
    q.addBindValue(m_goneManager);
    QVERIFY(q.exec());
    m_asAgent1 = session(m_agent1, QStringLiteral("agent01"), Role::Agent);
    m_asAgent2 = session(m_agent2, QStringLiteral("agent02"), Role::Agent);
    m_asSupervisor = session(m_supervisor, QStringLiteral("sup01"), Role::Supervisor);
    m_asSystem = Session{};
    m_config = RetentionConfig::builtIn();
    QCOMPARE(m_config.taskQueue, QStringLiteral("retention"));
    QCOMPARE(m_config.taskDueDays, 3);
    auto offers = OfferCatalog::load(*m_temp->store());
    QVERIFY2(offers, qPrintable(offers.errorMessage()));
    m_offers = std::make_unique<OfferCatalog>(std::move(offers).value());
}

void TestRetentionService::cleanup()
{
    m_offers.reset();
    m_temp.reset();
}

Session TestRetentionService::session(const QString& agentId, const QString& login, Role role) const
{
    Session s;
    s.agentId = agentId;
    s.login = login;
    s.displayName = login.toUpper();
    s.role = role;
    return s;
}

QString TestRetentionService::addCustomer(const QString& name, const QString& msisdn, const QString& manager)
{
    const QString id = Fixtures(m_temp->store()).addCustomer({name, msisdn, {}, {}});
    if (!manager.isEmpty()) {
        QSqlQuery q(m_temp->store()->connection());
        q.prepare(QStringLiteral("UPDATE customer SET account_manager_id = ? WHERE id = ?"));
        q.addBindValue(manager);
        q.addBindValue(id);
        if (!q.exec())
            return QString();
    }
    return id;
}

CustomerScore TestRetentionService::score(const QString& customer, double probability, const QString& band,
                                          const QStringList& rules) const
{
    CustomerScore s;
    s.customerId = customer;
    s.probability = probability;
    s.band = band;
    s.modelBand = band;
    s.rules = rules;
    ScoreReason spend;
    spend.code = QStringLiteral("spend_change_3m");
    spend.value = -0.35;
    spend.weight = 0.8;
    s.reasons.push_back(spend);
    s.modelId = QStringLiteral("0123456789abcdef");
    s.asOfMs = m_clock.nowMs();
    s.scoredAtMs = m_clock.nowMs();
    return s;
}

FeatureBlock TestRetentionService::block(const QStringList& customers, int month) const
{
    FeatureBlock b;
    b.asOfMs = m_clock.nowMs();
    b.monthM0 = month;
    b.customerIds = customers;
    b.values.assign(std::size_t(customers.size()) * kCustomerFeatureCount, kNaN);
    return b;
}

Result<int> TestRetentionService::open(const std::vector<CustomerScore>& scores, const FeatureBlock& features,
                                       const Session& as)
{
    return RetentionService(m_temp->store(), as, m_clock).openTasks(scores, features, m_config, *m_offers);
}

Result<int> TestRetentionService::open(const std::vector<CustomerScore>& scores, const Session& as)
{
    QStringList ids;
    for (const CustomerScore& s : scores)
        ids << s.customerId;
    ids.removeDuplicates();
    return open(scores, block(ids), as);
}

QString TestRetentionService::openOne(const QString& customer)
{
    const auto opened = open({score(customer, 0.8)}, m_asSystem);
    if (!opened || *opened != 1)
        return QString();
    return RetentionService::taskId(customer, kMonth);
}

QString TestRetentionService::field(const QString& taskId, const QString& column) const
{
    QSqlQuery q(m_temp->store()->connection());
    // column comes from the tests themselves, never from data.
    q.prepare(QStringLiteral("SELECT %1 FROM retention_task WHERE id = ?").arg(column));
    q.addBindValue(taskId);
    return q.exec() && q.next() ? q.value(0).toString() : QStringLiteral("<no row>");
}

int TestRetentionService::count(const QString& sql, const QVariantList& binds) const
{
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

// ---- offers ---------------------------------------------------------------------------------------

void TestRetentionService::offerCatalogLoadsTheRetentionOffersInPriorityOrder()
{
    QStringList codes;
    for (const RetentionOffer& o : m_offers->offers())
        codes << o.code;
    QCOMPARE(codes, (QStringList{QStringLiteral("RET-CARE-CALLBACK"), QStringLiteral("RET-DATA-10G-3M"),
                                 QStringLiteral("RET-RENEW-24M"), QStringLiteral("RET-DISCOUNT-20"),
                                 QStringLiteral("RET-FAMILY-SIM"), QStringLiteral("RET-LOYALTY-30")}));
    QVERIFY(m_offers->problems().isEmpty());
    const RetentionOffer* data = m_offers->byId(QStringLiteral("0ffe7000-0000-4000-8000-000000000002"));
    QVERIFY(data);
    QCOMPARE(data->kind, QStringLiteral("data_pack"));
    QCOMPARE(data->priority, 20);
    QCOMPARE(data->valueFen, qint64(9000));
    QCOMPARE(data->nameZh, QStringLiteral("赠送10GB流量包3个月"));
    QCOMPARE(data->name(), QLocale().language() == QLocale::Chinese ? data->nameZh : data->nameEn);
    QVERIFY(!m_offers->byId(QStringLiteral("0ffe7000-0000-4000-8000-0000000000ff")));
}

void TestRetentionService::offerCatalogListsBrokenRulesAndSkipsSalesOffers()
{
    QSqlQuery q(m_temp->store()->connection());
    const auto add = [&](const QString& code, const QString& rule) {
        q.prepare(QStringLiteral("INSERT INTO offer(id, code, name_zh, name_en, rule) VALUES(?, ?, ?, ?, ?)"));
        q.addBindValue(UuidV7::create());
        q.addBindValue(code);
        q.addBindValue(code);
        q.addBindValue(code);
        q.addBindValue(rule);
        return q.exec();
    };
    QVERIFY(add(QStringLiteral("SALE-5G-UPGRADE"), QStringLiteral("{}")));
    QVERIFY(add(QStringLiteral("RET-BROKEN-JSON"), QStringLiteral("{\"when\": ")));
    QVERIFY(add(QStringLiteral("RET-BAD-FEATURE"),
                QStringLiteral("{\"priority\": 5, \"when\": {\"feature\": \"spend_chnage_3m\", \"op\": \">\", \"value\": 1}}")));
    QVERIFY(add(QStringLiteral("RET-BAD-PRIORITY"), QStringLiteral("{\"priority\": \"first\", \"when\": {\"all\": []}}")));
    QVERIFY(add(QStringLiteral("RET-FIRST"), QStringLiteral("{\"priority\": 1, \"kind\": \"credit\", \"when\": {\"all\": []}}")));
    q.prepare(QStringLiteral("UPDATE offer SET deleted_at = 5 WHERE code = 'RET-LOYALTY-30'"));
    QVERIFY(q.exec());

    const auto catalog = OfferCatalog::load(*m_temp->store());
    QVERIFY(catalog);
    QStringList codes;
    for (const RetentionOffer& o : catalog->offers())
        codes << o.code;
    QCOMPARE(codes.size(), 6); // five of migration 12 without the deleted one, and RET-FIRST
    QCOMPARE(codes.first(), QStringLiteral("RET-FIRST"));
    QVERIFY(!codes.contains(QStringLiteral("SALE-5G-UPGRADE")));
    QVERIFY(!codes.contains(QStringLiteral("RET-LOYALTY-30")));
    QCOMPARE(catalog->problems().size(), 3);
    const QString problems = catalog->problems().join(QLatin1Char('\n'));
    QVERIFY2(problems.contains(QStringLiteral("RET-BROKEN-JSON")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("RET-BAD-FEATURE")) && problems.contains(QStringLiteral("spend_chnage_3m")),
             qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("RET-BAD-PRIORITY")) && problems.contains(QStringLiteral("priority")),
             qPrintable(problems));
}

void TestRetentionService::nextBestOffer_data()
{
    QTest::addColumn<QStringList>("features"); // name=value
    QTest::addColumn<QString>("offer");
    const auto row = [](const char* name, std::initializer_list<const char*> features, const char* offer) {
        QStringList list;
        for (const char* f : features)
            list << QString::fromLatin1(f);
        QTest::newRow(name) << list << QString::fromLatin1(offer);
    };
    row("complaints -> callback", {"complaints_30d=2"}, "RET-CARE-CALLBACK");
    row("one complaint is not enough", {"complaints_30d=1"}, "RET-LOYALTY-30");
    row("runs out of data -> data pack", {"data_overage_months_3m=2"}, "RET-DATA-10G-3M");
    row("ran out once -> fallback", {"data_overage_months_3m=1"}, "RET-LOYALTY-30");
    row("contract ends in 45 days -> renewal", {"days_to_contract_end=45"}, "RET-RENEW-24M");
    row("contract ended -> fallback", {"days_to_contract_end=-1"}, "RET-LOYALTY-30");
    row("billing contact -> discount", {"billing_contacts_90d=1"}, "RET-DISCOUNT-20");
    row("spend down 20 % -> discount", {"spend_change_3m=-0.2"}, "RET-DISCOUNT-20");
    row("spend down 10 % -> fallback", {"spend_change_3m=-0.1"}, "RET-LOYALTY-30");
    row("overdue bill -> discount", {"overdue_bills=1"}, "RET-DISCOUNT-20");
    row("household -> family SIM", {"household_size=3"}, "RET-FAMILY-SIM");
    row("nothing known -> credit", {}, "RET-LOYALTY-30");
    row("complaints win over data", {"complaints_30d=3", "data_overage_months_3m=3"}, "RET-CARE-CALLBACK");
    row("data wins over discount", {"data_overage_months_3m=2", "overdue_bills=2"}, "RET-DATA-10G-3M");
}

void TestRetentionService::nextBestOffer()
{
    QFETCH(QStringList, features);
    QFETCH(QString, offer);
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"));
    FeatureBlock b = block({customer});
    for (const QString& f : features) {
        const QStringList parts = f.split(QLatin1Char('='));
        const int index = CustomerFeatures::indexOf(parts.at(0));
        QVERIFY2(index >= 0, qPrintable(parts.at(0)));
        b.row(0)[index] = parts.at(1).toDouble();
    }
    const RetentionOffer* best = m_offers->nextBest(b.row(0), 0.7);
    QVERIFY(best);
    QCOMPARE(best->code, offer);

    // And the task opened for the customer carries it.
    const auto opened = open({score(customer, 0.7)}, b, m_asSystem);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    QCOMPARE(*opened, 1);
    QCOMPARE(offerCodeOf(m_temp->store(), field(RetentionService::taskId(customer, kMonth), QStringLiteral("offer_id"))),
             offer);
}

void TestRetentionService::taskIdIsDeterministicPerCustomerAndMonth()
{
    const QString c1 = QStringLiteral("019a0000-0000-7000-8000-000000000001");
    const QString c2 = QStringLiteral("019a0000-0000-7000-8000-000000000002");
    const QString id = RetentionService::taskId(c1, kMonth);
    QCOMPARE(RetentionService::taskId(c1, kMonth), id);
    QVERIFY(UuidV7::isValid(id));
    QCOMPARE(id.at(14), QLatin1Char('5')); // a name-based (version 5) UUID
    QVERIFY(RetentionService::taskId(c1, kMonth + 1) != id);
    QVERIFY(RetentionService::taskId(c2, kMonth) != id);
    // Fixed for good: another desktop, or another version of TelcoDesk, derives the same id.
    QCOMPARE(id, QUuid::createUuidV5(QUuid(QStringLiteral("5e7e7a5c-7d0c-4f5b-9a1e-72657461736b")),
                                     QStringLiteral("019a0000-0000-7000-8000-000000000001/202610"))
                     .toString(QUuid::WithoutBraces));
}

// ---- opening tasks --------------------------------------------------------------------------------

void TestRetentionService::opensOneTaskWithItsFields()
{
    const QString customer = addCustomer(QStringLiteral("刘洋"), QStringLiteral("13511112222"));
    CustomerScore s = score(customer, 0.83, QStringLiteral("high"),
                            {QStringLiteral("renewal_due"), QStringLiteral("decline_signals"),
                             QStringLiteral("silent_porting")});
    const auto opened = open({s}, m_asAgent1);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    QCOMPARE(*opened, 1);

    const QString id = RetentionService::taskId(customer, kMonth);
    const auto task = RetentionService(m_temp->store(), m_asAgent1, m_clock).load(id);
    QVERIFY2(task, qPrintable(task.errorMessage()));
    QCOMPARE(task->customerId, customer);
    QCOMPARE(task->customerName, QStringLiteral("刘洋"));
    QCOMPARE(task->status, QStringLiteral("open"));
    // The first risk rule that fired, not the reminder before it.
    QCOMPARE(task->reason, QStringLiteral("decline_signals"));
    QCOMPARE(task->score, 0.83);
    QCOMPARE(task->reasons.size(), std::size_t(1));
    QCOMPARE(task->reasons.front().code, QStringLiteral("spend_change_3m"));
    QCOMPARE(task->reasons.front().value, -0.35);
    QCOMPARE(task->queue, QStringLiteral("retention"));
    QVERIFY(task->assigneeId.isEmpty());
    QCOMPARE(task->createdAt, m_clock.nowMs());
    QCOMPARE(task->createdBy, m_agent1);
    QCOMPARE(task->dueAt, m_clock.nowMs() + 3 * kDayMs);
    QCOMPARE(task->offerCode, QStringLiteral("RET-LOYALTY-30"));
    QVERIFY(!task->offerName.isEmpty());
    QVERIFY(task->outcome.isEmpty());
    QCOMPARE(task->closedAt, qint64(0));
    QCOMPARE(field(id, QStringLiteral("reasons")).toUtf8(), ReasonText::toJson(s.reasons));

    // Opened by a scoring run without a signed-in agent: no creator.
    const QString other = addCustomer(QStringLiteral("王芳"), QStringLiteral("13511113333"));
    QCOMPARE(*open({score(other, 0.6)}, m_asSystem), 1);
    QCOMPARE(field(RetentionService::taskId(other, kMonth), QStringLiteral("created_by")), QString());
    QCOMPARE(field(RetentionService::taskId(other, kMonth), QStringLiteral("reason")), QStringLiteral("model"));
}

void TestRetentionService::openTasksTwiceOpensOnce()
{
    const QString a = addCustomer(QStringLiteral("陈静"), QStringLiteral("13600001111"));
    const QString b = addCustomer(QStringLiteral("杨帆"), QStringLiteral("13600002222"));
    const std::vector<CustomerScore> scores{score(a, 0.9), score(b, 0.7)};
    QCOMPARE(*open(scores, m_asSystem), 2);
    QCOMPARE(*open(scores, m_asSystem), 0);
    m_clock.advanceSecs(3600);
    QCOMPARE(*open(scores, m_asAgent1), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM retention_task")), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'retention_task'")), 2);
}

void TestRetentionService::twoScoresForOneCustomerInOneCallOpenOne()
{
    const QString a = addCustomer(QStringLiteral("陈静"), QStringLiteral("13600001111"));
    const auto opened = open({score(a, 0.6), score(a, 0.95), score(a, 0.7)}, m_asSystem);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    QCOMPARE(*opened, 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM retention_task WHERE customer_id = ?"), {a}), 1);
    QCOMPARE(field(RetentionService::taskId(a, kMonth), QStringLiteral("score")).toDouble(), 0.95);
}

void TestRetentionService::existingOpenTaskIsNeverDoubled()
{
    const QString a = addCustomer(QStringLiteral("陈静"), QStringLiteral("13600001111"));
    // Last month's task, still open (id of another month): this month's run opens nothing.
    QCOMPARE(*open({score(a, 0.9)}, block({a}, kMonth - 1), m_asSystem), 1);
    QCOMPARE(*open({score(a, 0.9)}, block({a}, kMonth), m_asSystem), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM retention_task WHERE customer_id = ? AND status = 'open'"), {a}), 1);
    QCOMPARE(field(RetentionService::taskId(a, kMonth), QStringLiteral("id")), QStringLiteral("<no row>"));

    // The store holds the rule too, whatever writes to it.
    Change second;
    second.table = QStringLiteral("retention_task");
    second.id = UuidV7::create();
    second.fields = {{QStringLiteral("customer_id"), a}, {QStringLiteral("reason"), QStringLiteral("model")},
                     {QStringLiteral("status"), QStringLiteral("open")}, {QStringLiteral("created_at"), m_clock.nowMs()}};
    const Status refused = ChangeWriter(m_temp->store(), m_clock).apply(second);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("constraint"));
}

void TestRetentionService::onlyTheTaskBandOpensTasks()
{
    const QString high = addCustomer(QStringLiteral("甲"), QStringLiteral("13600001111"));
    const QString medium = addCustomer(QStringLiteral("乙"), QStringLiteral("13600002222"));
    const QString low = addCustomer(QStringLiteral("丙"), QStringLiteral("13600003333"));
    QCOMPARE(*open({score(high, 0.55), score(medium, 0.4, QStringLiteral("medium")), score(low, 0.1, QStringLiteral("low"))},
                   m_asSystem),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM retention_task WHERE customer_id = ?"), {high}), 1);

    // A document whose task band starts at medium.
    m_config.taskMinBand = QStringLiteral("medium");
    QCOMPARE(*open({score(medium, 0.4, QStringLiteral("medium")), score(low, 0.1, QStringLiteral("low"))}, m_asSystem), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM retention_task WHERE customer_id = ?"), {medium}), 1);
    QCOMPARE(*open({}, m_asSystem), 0);
}

void TestRetentionService::closedThisMonthIsNotReopenedButNextMonthIs()
{
    const QString a = addCustomer(QStringLiteral("陈静"), QStringLiteral("13600001111"));
    const QString first = openOne(a);
    QVERIFY(!first.isEmpty());
    QVERIFY(RetentionService(m_temp->store(), m_asSupervisor, m_clock)
                .recordOutcome(first, QStringLiteral("accepted"), QString()));
    QCOMPARE(*open({score(a, 0.9)}, m_asSystem), 0);
    QCOMPARE(*open({score(a, 0.9)}, block({a}, kMonth + 1), m_asSystem), 1);
    const QString next = RetentionService::taskId(a, kMonth + 1);
    QVERIFY(next != first);
    QCOMPARE(field(next, QStringLiteral("status")), QStringLiteral("open"));
    QCOMPARE(field(first, QStringLiteral("status")), QStringLiteral("done"));
}

void TestRetentionService::closedAndUnknownCustomersGetNoTask()
{
    const QString closed = addCustomer(QStringLiteral("甲"), QStringLiteral("13600001111"));
    const QString gone = addCustomer(QStringLiteral("乙"), QStringLiteral("13600002222"));
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("UPDATE customer SET status = 'closed' WHERE id = ?"));
    q.addBindValue(closed);
    QVERIFY(q.exec());
    q.prepare(QStringLiteral("UPDATE customer SET deleted_at = 1 WHERE id = ?"));
    q.addBindValue(gone);
    QVERIFY(q.exec());
    QCOMPARE(*open({score(closed, 0.9), score(gone, 0.9), score(UuidV7::create(), 0.9)}, m_asSystem), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM retention_task")), 0);
}

void TestRetentionService::routing_data()
{
    QTest::addColumn<QString>("manager"); // "active", "deleted", "unknown", ""
    QTest::addColumn<bool>("toManager");
    QTest::newRow("account manager") << QStringLiteral("active") << true;
    QTest::newRow("no account manager: queue") << QString() << false;
    QTest::newRow("manager no longer an agent: queue") << QStringLiteral("deleted") << false;
    QTest::newRow("manager not in this cache: queue") << QStringLiteral("unknown") << false;
}

void TestRetentionService::routing()
{
    QFETCH(QString, manager);
    QFETCH(bool, toManager);
    QString managerId;
    if (manager == QLatin1String("active"))
        managerId = m_manager;
    else if (manager == QLatin1String("deleted"))
        managerId = m_goneManager;
    else if (manager == QLatin1String("unknown"))
        managerId = UuidV7::create();
    const QString customer = addCustomer(QStringLiteral("赵磊"), QStringLiteral("13911112222"), managerId);
    const QString id = openOne(customer);
    QVERIFY(!id.isEmpty());
    const auto task = RetentionService(m_temp->store(), m_asSupervisor, m_clock).load(id);
    QVERIFY(task);
    QCOMPARE(task->queue, QStringLiteral("retention"));
    QCOMPARE(task->assigneeId, toManager ? m_manager : QString());
    QCOMPARE(task->assigneeName, toManager ? QStringLiteral("AM01") : QString());

    // The document names the queue.
    m_config.taskQueue = QStringLiteral("vip_retention");
    const QString other = addCustomer(QStringLiteral("孙丽"), QStringLiteral("13911113333"), managerId);
    QCOMPARE(*open({score(other, 0.7)}, m_asSystem), 1);
    QCOMPARE(field(RetentionService::taskId(other, kMonth), QStringLiteral("queue")), QStringLiteral("vip_retention"));
}

void TestRetentionService::outboxRowsWritten()
{
    const QString a = addCustomer(QStringLiteral("甲"), QStringLiteral("13600001111"), m_manager);
    const QString b = addCustomer(QStringLiteral("乙"), QStringLiteral("13600002222"));
    QCOMPARE(*open({score(a, 0.9), score(b, 0.8)}, m_asAgent1), 2);
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT entity, entity_id, op, state, payload FROM outbox ORDER BY seq")));
    QStringList ids;
    while (q.next()) {
        QCOMPARE(q.value(0).toString(), QStringLiteral("retention_task"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("insert"));
        QCOMPARE(q.value(3).toString(), QStringLiteral("pending"));
        const QJsonObject set = QJsonDocument::fromJson(q.value(4).toByteArray()).object().value(QStringLiteral("set")).toObject();
        QCOMPARE(set.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
        QVERIFY(set.value(QStringLiteral("customer_id")).toString() == a || set.value(QStringLiteral("customer_id")).toString() == b);
        QVERIFY(set.contains(QStringLiteral("reasons")));
        QVERIFY(set.contains(QStringLiteral("offer_id")));
        QCOMPARE(set.value(QStringLiteral("created_by")).toString(), m_agent1);
        ids << q.value(1).toString();
    }
    QCOMPARE(ids.size(), 2);
    QVERIFY(ids.contains(RetentionService::taskId(a, kMonth)));
    QVERIFY(ids.contains(RetentionService::taskId(b, kMonth)));

    // Each change of a task is one more outbox row, an update based on what it changed.
    const QString task = RetentionService::taskId(a, kMonth);
    QVERIFY(RetentionService(m_temp->store(), m_asSupervisor, m_clock)
                .recordOutcome(task, QStringLiteral("declined"), QStringLiteral("已有其他运营商合约")));
    QVERIFY(q.exec(QStringLiteral("SELECT entity_id, op, payload FROM outbox ORDER BY seq DESC LIMIT 1")) && q.next());
    QCOMPARE(q.value(0).toString(), task);
    QCOMPARE(q.value(1).toString(), QStringLiteral("update"));
    const QJsonObject payload = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
    QCOMPARE(payload.value(QStringLiteral("set")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("done"));
    QCOMPARE(payload.value(QStringLiteral("base")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("open"));
}

// ---- outcomes -------------------------------------------------------------------------------------

void TestRetentionService::outcomes_data()
{
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("note");
    QTest::addColumn<QString>("status");
    QTest::newRow("accepted") << QStringLiteral("accepted") << QString() << QStringLiteral("done");
    QTest::newRow("declined") << QStringLiteral("declined") << QStringLiteral("嫌贵") << QStringLiteral("done");
    QTest::newRow("no answer") << QStringLiteral("no_answer") << QString() << QStringLiteral("done");
    QTest::newRow("left") << QStringLiteral("left") << QStringLiteral("已携号转网") << QStringLiteral("done");
    QTest::newRow("not needed") << QStringLiteral("not_needed") << QStringLiteral("误报") << QStringLiteral("cancelled");
    QTest::newRow("callback") << QStringLiteral("callback") << QStringLiteral("客户在开会") << QStringLiteral("open");
    QCOMPARE(RetentionService::outcomeCodes().size(), 6);
}

void TestRetentionService::outcomes()
{
    QFETCH(QString, outcome);
    QFETCH(QString, note);
    QFETCH(QString, status);
    QVERIFY(RetentionService::outcomeCodes().contains(outcome));
    QVERIFY(RetentionService::outcomeLabel(outcome) != outcome);
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"), m_agent1);
    const QString id = openOne(customer);
    QVERIFY(!id.isEmpty());
    const qint64 due = field(id, QStringLiteral("due_at")).toLongLong();
    m_clock.advanceSecs(600);
    const qint64 callbackAt = m_clock.nowMs() + kDayMs;
    RetentionService service(m_temp->store(), m_asAgent1, m_clock);
    const Status done = service.recordOutcome(id, outcome, QStringLiteral("  ") + note + QStringLiteral("\n"), callbackAt);
    QVERIFY2(done, qPrintable(done.errorMessage()));
    const auto task = service.load(id);
    QVERIFY(task);
    QCOMPARE(task->status, status);
    QCOMPARE(task->outcome, outcome);
    QCOMPARE(task->outcomeNote, note);
    if (status == QLatin1String("open")) {
        QCOMPARE(task->dueAt, callbackAt);
        QCOMPARE(task->closedAt, qint64(0));
        QVERIFY(task->closedBy.isEmpty());
        QVERIFY(service.openTaskFor(customer)->has_value());
    } else {
        QCOMPARE(task->dueAt, due);
        QCOMPARE(task->closedAt, m_clock.nowMs());
        QCOMPARE(task->closedBy, m_agent1);
        QVERIFY(!service.openTaskFor(customer)->has_value());
    }
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity_id = ? AND op = 'update'"), {id}), 1);
}

void TestRetentionService::noteRequiredForDeclinedAndLeft_data()
{
    QTest::addColumn<QString>("outcome");
    QTest::newRow("declined") << QStringLiteral("declined");
    QTest::newRow("left") << QStringLiteral("left");
}

void TestRetentionService::noteRequiredForDeclinedAndLeft()
{
    QFETCH(QString, outcome);
    const QString id = openOne(addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000")));
    RetentionService service(m_temp->store(), m_asSupervisor, m_clock);
    const Status refused = service.recordOutcome(id, outcome, QStringLiteral(" \n\t "));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("invalid"));
    QVERIFY2(refused.errorMessage().startsWith(QStringLiteral("Note:")), qPrintable(refused.errorMessage()));
    QCOMPARE(field(id, QStringLiteral("status")), QStringLiteral("open"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE op = 'update'")), 0);
    QVERIFY(service.recordOutcome(id, outcome, QStringLiteral("价格原因")));
}

void TestRetentionService::unknownOutcomeAndLongNoteRefused()
{
    const QString id = openOne(addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000")));
    RetentionService service(m_temp->store(), m_asSupervisor, m_clock);
    Status refused = service.recordOutcome(id, QStringLiteral("won"), QString());
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("invalid"));
    QVERIFY2(refused.errorMessage().startsWith(QStringLiteral("Outcome:")), qPrintable(refused.errorMessage()));
    refused = service.recordOutcome(id, QStringLiteral("accepted"), QString(2001, QLatin1Char('x')));
    QVERIFY(!refused);
    QVERIFY2(refused.errorMessage().startsWith(QStringLiteral("Note:")), qPrintable(refused.errorMessage()));
    refused = service.recordOutcome(UuidV7::create(), QStringLiteral("accepted"), QString());
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("not_found"));
    QVERIFY(service.recordOutcome(id, QStringLiteral("accepted"), QString(2000, QLatin1Char('x'))));
}

void TestRetentionService::callbackKeepsItOpenWithTheNewDue()
{
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"));
    const QString id = openOne(customer);
    RetentionService service(m_temp->store(), m_asSupervisor, m_clock);
    Status refused = service.recordOutcome(id, QStringLiteral("callback"), QString());
    QVERIFY(!refused);
    QVERIFY2(refused.errorMessage().startsWith(QStringLiteral("Callback time:")), qPrintable(refused.errorMessage()));
    refused = service.recordOutcome(id, QStringLiteral("callback"), QString(), m_clock.nowMs());
    QVERIFY(!refused);
    QVERIFY2(refused.errorMessage().startsWith(QStringLiteral("Callback time:")), qPrintable(refused.errorMessage()));

    const qint64 at = m_clock.nowMs() + 2 * 3600 * 1000;
    QVERIFY(service.recordOutcome(id, QStringLiteral("callback"), QStringLiteral("下午再打"), at));
    QCOMPARE(field(id, QStringLiteral("status")), QStringLiteral("open"));
    QCOMPARE(field(id, QStringLiteral("due_at")).toLongLong(), at);
    // Still the customer's one open task: a scoring run opens nothing new.
    QCOMPARE(*open({score(customer, 0.9)}, m_asSystem), 0);
    // A second callback, then the call that closes it.
    m_clock.advanceSecs(3 * 3600);
    QVERIFY(service.recordOutcome(id, QStringLiteral("callback"), QString(), m_clock.nowMs() + kDayMs));
    QVERIFY(service.recordOutcome(id, QStringLiteral("accepted"), QStringLiteral("同意续约")));
    QCOMPARE(field(id, QStringLiteral("status")), QStringLiteral("done"));
    QCOMPARE(field(id, QStringLiteral("outcome")), QStringLiteral("accepted"));
}

void TestRetentionService::closingTwiceIsRefused()
{
    const QString id = openOne(addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000")));
    RetentionService service(m_temp->store(), m_asSupervisor, m_clock);
    QVERIFY(service.recordOutcome(id, QStringLiteral("not_needed"), QString()));
    const int outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
    for (const QString& outcome : RetentionService::outcomeCodes()) {
        const Status again = service.recordOutcome(id, outcome, QStringLiteral("再次"), m_clock.nowMs() + kDayMs);
        QVERIFY(!again);
        QCOMPARE(again.error().code, QStringLiteral("workflow"));
    }
    QVERIFY(!service.assign(id, m_agent1));
    QVERIFY(!service.setOffer(id, QStringLiteral("0ffe7000-0000-4000-8000-000000000001")));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox);
    QCOMPARE(field(id, QStringLiteral("status")), QStringLiteral("cancelled"));
    QCOMPARE(field(id, QStringLiteral("outcome")), QStringLiteral("not_needed"));
}

void TestRetentionService::permissions()
{
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"), m_agent1);
    const QString id = openOne(customer);
    QCOMPARE(field(id, QStringLiteral("assignee_id")), m_agent1);

    // Another agent: refused, with whose task it is.
    const Status refused = RetentionService(m_temp->store(), m_asAgent2, m_clock)
                               .recordOutcome(id, QStringLiteral("accepted"), QString());
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("permission"));
    QVERIFY2(refused.errorMessage().contains(QStringLiteral("AGENT01")), qPrintable(refused.errorMessage()));
    const Status offer = RetentionService(m_temp->store(), m_asAgent2, m_clock)
                             .setOffer(id, QStringLiteral("0ffe7000-0000-4000-8000-000000000004"));
    QCOMPARE(offer.error().code, QStringLiteral("permission"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE op = 'update'")), 0);

    // Its own agent and a supervisor may.
    QVERIFY(RetentionService(m_temp->store(), m_asAgent1, m_clock)
                .setOffer(id, QStringLiteral("0ffe7000-0000-4000-8000-000000000004")));
    const Status bySupervisor = RetentionService(m_temp->store(), m_asSupervisor, m_clock)
                                    .recordOutcome(id, QStringLiteral("accepted"), QString());
    QVERIFY2(bySupervisor, qPrintable(bySupervisor.errorMessage()));
    QCOMPARE(field(id, QStringLiteral("closed_by")), m_supervisor);
    // The supervisor closed someone else's task: it stays theirs.
    QCOMPARE(field(id, QStringLiteral("assignee_id")), m_agent1);
}

void TestRetentionService::queueTaskIsTakenByWhoeverWorksIt()
{
    const QString id = openOne(addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000")));
    QCOMPARE(field(id, QStringLiteral("assignee_id")), QString());
    const qint64 at = m_clock.nowMs() + kDayMs;
    QVERIFY(RetentionService(m_temp->store(), m_asAgent2, m_clock).recordOutcome(id, QStringLiteral("callback"), QString(), at));
    QCOMPARE(field(id, QStringLiteral("assignee_id")), m_agent2);
    // Now it is agent02's callback: agent01 may not close it.
    const Status refused = RetentionService(m_temp->store(), m_asAgent1, m_clock)
                               .recordOutcome(id, QStringLiteral("accepted"), QString());
    QCOMPARE(refused.error().code, QStringLiteral("permission"));
}

void TestRetentionService::assign()
{
    const QString id = openOne(addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000")));
    RetentionService agent2(m_temp->store(), m_asAgent2, m_clock);
    RetentionService agent1(m_temp->store(), m_asAgent1, m_clock);
    RetentionService supervisor(m_temp->store(), m_asSupervisor, m_clock);

    // An agent gives a task to nobody but itself, and only while it is unassigned.
    Status s = agent2.assign(id, m_agent1);
    QCOMPARE(s.error().code, QStringLiteral("permission"));
    QVERIFY(agent2.assign(id, m_agent2));
    QCOMPARE(field(id, QStringLiteral("assignee_id")), m_agent2);
    s = agent1.assign(id, m_agent1);
    QCOMPARE(s.error().code, QStringLiteral("permission"));
    s = agent2.assign(id, QString());
    QCOMPARE(s.error().code, QStringLiteral("permission"));

    // A supervisor assigns to any active agent, or back to the queue.
    s = supervisor.assign(id, m_goneManager);
    QCOMPARE(s.error().code, QStringLiteral("invalid"));
    QVERIFY2(s.errorMessage().startsWith(QStringLiteral("Assignee:")), qPrintable(s.errorMessage()));
    s = supervisor.assign(id, UuidV7::create());
    QCOMPARE(s.error().code, QStringLiteral("invalid"));
    QVERIFY(supervisor.assign(id, m_agent1));
    QCOMPARE(field(id, QStringLiteral("assignee_id")), m_agent1);
    QVERIFY(supervisor.assign(id, QString()));
    QCOMPARE(field(id, QStringLiteral("assignee_id")), QString());
    const int outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
    QVERIFY(supervisor.assign(id, QString())); // no change, nothing written
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox);
}

void TestRetentionService::setOffer()
{
    const QString id = openOne(addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000")));
    RetentionService service(m_temp->store(), m_asSupervisor, m_clock);
    const Status s = service.setOffer(id, UuidV7::create());
    QCOMPARE(s.error().code, QStringLiteral("invalid"));
    QVERIFY2(s.errorMessage().startsWith(QStringLiteral("Offer:")), qPrintable(s.errorMessage()));
    QVERIFY(service.setOffer(id, QStringLiteral("0ffe7000-0000-4000-8000-000000000005")));
    QCOMPARE(service.load(id)->offerCode, QStringLiteral("RET-FAMILY-SIM"));
    QVERIFY(service.setOffer(id, QString()));
    QVERIFY(service.load(id)->offerId.isEmpty());
}

void TestRetentionService::outcomeWithAnotherOffer()
{
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"), m_agent1);
    const QString id = openOne(customer);
    QVERIFY(!id.isEmpty());
    RetentionService service(m_temp->store(), m_asAgent1, m_clock);
    QVERIFY(service.setOffer(id, QStringLiteral("0ffe7000-0000-4000-8000-000000000003")));
    const int outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));

    // An offer that is not in the catalog: refused by name, nothing written, the task still open.
    Status s = service.recordOutcome(id, QStringLiteral("accepted"), QString(), 0, UuidV7::create());
    QCOMPARE(s.error().code, QStringLiteral("invalid"));
    QVERIFY2(s.errorMessage().startsWith(QStringLiteral("Offer:")), qPrintable(s.errorMessage()));
    QCOMPARE(field(id, QStringLiteral("status")), QStringLiteral("open"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox);

    // Another offer made: written with the outcome, in one change.
    s = service.recordOutcome(id, QStringLiteral("callback"), QString(), m_clock.nowMs() + kDayMs,
                              QStringLiteral("0ffe7000-0000-4000-8000-000000000005"));
    QVERIFY2(s, qPrintable(s.errorMessage()));
    QCOMPARE(offerCodeOf(m_temp->store(), field(id, QStringLiteral("offer_id"))), QStringLiteral("RET-FAMILY-SIM"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox + 1);
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1")) && q.next());
    const QJsonObject payload =
        QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object().value(QStringLiteral("set")).toObject();
    QCOMPARE(payload.value(QStringLiteral("offer_id")).toString(), QStringLiteral("0ffe7000-0000-4000-8000-000000000005"));
    QCOMPARE(payload.value(QStringLiteral("outcome")).toString(), QStringLiteral("callback"));

    // Not given: the offer stays. The same offer: no offer field in the change.
    QVERIFY(service.recordOutcome(id, QStringLiteral("callback"), QString(), m_clock.nowMs() + 2 * kDayMs));
    QCOMPARE(offerCodeOf(m_temp->store(), field(id, QStringLiteral("offer_id"))), QStringLiteral("RET-FAMILY-SIM"));
    QVERIFY(service.recordOutcome(id, QStringLiteral("callback"), QString(), m_clock.nowMs() + 3 * kDayMs,
                                  QStringLiteral("0ffe7000-0000-4000-8000-000000000005")));
    QVERIFY(q.exec(QStringLiteral("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1")) && q.next());
    const QJsonObject same =
        QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object().value(QStringLiteral("set")).toObject();
    QVERIFY(same.contains(QStringLiteral("outcome")));
    QVERIFY(!same.contains(QStringLiteral("offer_id")));

    // None made: the offer is cleared as the task closes.
    QVERIFY(service.recordOutcome(id, QStringLiteral("declined"), QStringLiteral("不需要"), 0, QString()));
    QCOMPARE(field(id, QStringLiteral("offer_id")), QString());
    QCOMPARE(field(id, QStringLiteral("status")), QStringLiteral("done"));
}

void TestRetentionService::offerChoicesMarkWhatFits()
{
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"), m_agent1);
    const QString id = openOne(customer);
    QVERIFY(!id.isEmpty());
    // Two complaints in the last 30 days: the callback offer's rule holds.
    QSqlQuery q(m_temp->store()->connection());
    for (int i = 0; i < 2; ++i) {
        q.prepare(QStringLiteral("INSERT INTO interaction (id, customer_id, channel, kind, direction, occurred_at, summary) "
                                 "VALUES (?, ?, 'hotline', 'complaint', 'inbound', ?, '投诉')"));
        q.addBindValue(UuidV7::create());
        q.addBindValue(customer);
        q.addBindValue(m_clock.nowMs() - (i + 1) * kDayMs);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    RetentionService service(m_temp->store(), m_asAgent1, m_clock);
    QVERIFY(service.setOffer(id, QStringLiteral("0ffe7000-0000-4000-8000-000000000004")));
    const auto choices = service.offerChoices(id);
    QVERIFY2(choices, qPrintable(choices.errorMessage()));
    QCOMPARE(choices->size(), int(m_offers->offers().size()));
    QStringList codes, fitting, current;
    for (const OfferChoice& c : choices.value()) {
        codes << c.offer.code;
        if (c.fits)
            fitting << c.offer.code;
        if (c.current)
            current << c.offer.code;
    }
    QStringList catalog;
    for (const RetentionOffer& o : m_offers->offers())
        catalog << o.code;
    QCOMPARE(codes, catalog); // priority order
    QVERIFY2(fitting.contains(QStringLiteral("RET-CARE-CALLBACK")), qPrintable(fitting.join(u',')));
    QVERIFY2(!fitting.contains(QStringLiteral("RET-DATA-10G-3M")), qPrintable(fitting.join(u',')));
    QCOMPARE(current, (QStringList{QStringLiteral("RET-DISCOUNT-20")}));
    QCOMPARE(service.offerChoices(UuidV7::create()).error().code, QStringLiteral("not_found"));
}

void TestRetentionService::loadOpenTaskForAndTasksFor()
{
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"));
    RetentionService service(m_temp->store(), m_asAgent1, m_clock);
    QVERIFY(!service.openTaskFor(customer)->has_value());
    QVERIFY(service.tasksFor(customer)->isEmpty());
    QCOMPARE(service.load(UuidV7::create()).error().code, QStringLiteral("not_found"));

    QCOMPARE(*open({score(customer, 0.9)}, block({customer}, kMonth - 1), m_asSystem), 1);
    const QString older = RetentionService::taskId(customer, kMonth - 1);
    QVERIFY(service.recordOutcome(older, QStringLiteral("no_answer"), QString()));
    m_clock.advanceSecs(86400);
    const QString newer = openOne(customer);
    QVERIFY(!newer.isEmpty());
    const auto openTask = service.openTaskFor(customer);
    QVERIFY(openTask && openTask->has_value());
    QCOMPARE((*openTask)->id, newer);
    QCOMPARE((*openTask)->msisdn, QStringLiteral("+8613800138000"));
    const auto all = service.tasksFor(customer);
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).id, newer);
    QCOMPARE(all->at(1).id, older);
    QCOMPARE(all->at(1).outcome, QStringLiteral("no_answer"));
}

void TestRetentionService::myTasks()
{
    const QString mine = addCustomer(QStringLiteral("甲"), QStringLiteral("13600001111"), m_agent1);
    const QString queued = addCustomer(QStringLiteral("乙"), QStringLiteral("13600002222"));
    const QString theirs = addCustomer(QStringLiteral("丙"), QStringLiteral("13600003333"), m_agent2);
    const QString otherQueue = addCustomer(QStringLiteral("丁"), QStringLiteral("13600004444"));
    QCOMPARE(*open({score(queued, 0.9)}, m_asSystem), 1);
    m_clock.advanceSecs(60); // later due
    QCOMPARE(*open({score(mine, 0.9), score(theirs, 0.9)}, m_asSystem), 2);
    m_config.taskQueue = QStringLiteral("vip");
    QCOMPARE(*open({score(otherQueue, 0.9)}, m_asSystem), 1);

    const auto ids = [](const QVector<RetentionTask>& tasks) {
        QStringList out;
        for (const RetentionTask& t : tasks)
            out << t.customerId;
        return out;
    };
    // agent01 works the retention queue (skill "retention"): its own task and the queue's, oldest due first.
    auto tasks = RetentionService(m_temp->store(), m_asAgent1, m_clock).myTasks();
    QVERIFY2(tasks, qPrintable(tasks.errorMessage()));
    QCOMPARE(ids(*tasks), (QStringList{queued, mine}));
    // agent02 does not: its own only.
    tasks = RetentionService(m_temp->store(), m_asAgent2, m_clock).myTasks();
    QCOMPARE(ids(*tasks), (QStringList{theirs}));
    // A supervisor works every queue.
    tasks = RetentionService(m_temp->store(), m_asSupervisor, m_clock).myTasks();
    QCOMPARE(ids(*tasks), (QStringList{queued, otherQueue}));
    tasks = RetentionService(m_temp->store(), m_asAgent1, m_clock).myTasks(1);
    QCOMPARE(ids(*tasks), (QStringList{queued}));

    // Closed tasks leave the list.
    QVERIFY(RetentionService(m_temp->store(), m_asAgent1, m_clock)
                .recordOutcome(RetentionService::taskId(queued, kMonth), QStringLiteral("accepted"), QString()));
    tasks = RetentionService(m_temp->store(), m_asAgent1, m_clock).myTasks();
    QCOMPARE(ids(*tasks), (QStringList{mine}));
}

// ---- at-risk list ---------------------------------------------------------------------------------

void TestRetentionService::atRiskNeedsManageRetention()
{
    RetentionService agent(m_temp->store(), m_asAgent1, m_clock);
    QCOMPARE(agent.atRisk(AtRiskFilter()).error().code, QStringLiteral("permission"));
    QCOMPARE(agent.atRiskCount(AtRiskFilter()).error().code, QStringLiteral("permission"));
    AtRiskFilter bad;
    bad.band = QStringLiteral("extreme");
    const auto refused = RetentionService(m_temp->store(), m_asSupervisor, m_clock).atRisk(bad);
    QCOMPARE(refused.error().code, QStringLiteral("invalid"));
    QVERIFY2(refused.errorMessage().startsWith(QStringLiteral("Risk band:")), qPrintable(refused.errorMessage()));
}

void TestRetentionService::atRiskFilters()
{
    const ScoredSpec specs[] = {{"甲", 0.91, "high", "family"},   {"乙", 0.85, "high", "young"},
                          {"丙", 0.62, "high", "family"},   {"丁", 0.40, "medium", "family"},
                          {"戊", 0.30, "medium", nullptr},  {"己", 0.05, "low", "silent"}};
    QStringList ids;
    QSqlQuery q(m_temp->store()->connection());
    for (const ScoredSpec& s : specs) {
        const QString id = addCustomer(QString::fromUtf8(s.name), QStringLiteral("1360000%1").arg(ids.size() + 1000));
        QVERIFY(Fixtures(m_temp->store())
                    .addScore(id, s.probability, QString::fromLatin1(s.band), QString::fromLatin1(s.segment),
                              QStringLiteral("[{\"code\": \"complaints_30d\", \"value\": 3, \"weight\": 0.5}]")));
        ids << id;
    }
    // 甲 has an open task (agent01's), 乙 a closed one, 丙 none.
    QSqlQuery set(m_temp->store()->connection());
    set.prepare(QStringLiteral("UPDATE customer SET account_manager_id = ? WHERE id = ?"));
    set.addBindValue(m_agent1);
    set.addBindValue(ids.at(0));
    QVERIFY(set.exec());
    QCOMPARE(*open({score(ids.at(0), 0.91), score(ids.at(1), 0.85)}, m_asSystem), 2);
    QVERIFY(RetentionService(m_temp->store(), m_asSupervisor, m_clock)
                .recordOutcome(RetentionService::taskId(ids.at(1), kMonth), QStringLiteral("left"), QStringLiteral("已转网")));

    RetentionService service(m_temp->store(), m_asSupervisor, m_clock);
    const auto names = [](const QVector<AtRiskRow>& rows) {
        QStringList out;
        for (const AtRiskRow& r : rows)
            out << r.name;
        return out;
    };
    AtRiskFilter f; // high by default
    auto rows = service.atRisk(f);
    QVERIFY2(rows, qPrintable(rows.errorMessage()));
    QCOMPARE(names(*rows), (QStringList{QStringLiteral("甲"), QStringLiteral("乙"), QStringLiteral("丙")}));
    QCOMPARE(*service.atRiskCount(f), 3);
    const AtRiskRow& first = rows->at(0);
    QCOMPARE(first.customerId, ids.at(0));
    QCOMPARE(first.band, QStringLiteral("high"));
    QCOMPARE(first.probability, 0.91);
    QCOMPARE(first.segment, QStringLiteral("family"));
    QCOMPARE(first.msisdn, QStringLiteral("+8613600001000"));
    QCOMPARE(first.reasons.size(), std::size_t(1));
    QCOMPARE(first.reasons.front().code, QStringLiteral("complaints_30d"));
    QCOMPARE(first.taskId, RetentionService::taskId(ids.at(0), kMonth));
    QCOMPARE(first.taskStatus, QStringLiteral("open"));
    QCOMPARE(first.taskAssignee, QStringLiteral("AGENT01"));
    QVERIFY(first.taskOutcome.isEmpty());
    QCOMPARE(rows->at(1).taskStatus, QStringLiteral("done"));
    QCOMPARE(rows->at(1).taskOutcome, QStringLiteral("left"));
    QVERIFY(rows->at(2).taskId.isEmpty());

    f.band.clear(); // high and medium
    QCOMPARE(names(*service.atRisk(f)).size(), 5);
    QCOMPARE(*service.atRiskCount(f), 5);
    f.band = QStringLiteral("low");
    QCOMPARE(names(*service.atRisk(f)), (QStringList{QStringLiteral("己")}));
    f.band.clear();
    f.segment = QStringLiteral("family");
    QCOMPARE(names(*service.atRisk(f)), (QStringList{QStringLiteral("甲"), QStringLiteral("丙"), QStringLiteral("丁")}));
    QCOMPARE(*service.atRiskCount(f), 3);
    f.segment.clear();
    f.tasks = AtRiskFilter::Tasks::WithOpenTask;
    QCOMPARE(names(*service.atRisk(f)), (QStringList{QStringLiteral("甲")}));
    QCOMPARE(*service.atRiskCount(f), 1);
    f.tasks = AtRiskFilter::Tasks::WithoutTask;
    QCOMPARE(names(*service.atRisk(f)), (QStringList{QStringLiteral("丙"), QStringLiteral("丁"), QStringLiteral("戊")}));
    QCOMPARE(*service.atRiskCount(f), 3);
    f.limit = 2;
    f.offset = 1;
    QCOMPARE(names(*service.atRisk(f)), (QStringList{QStringLiteral("丁"), QStringLiteral("戊")}));
    QCOMPARE(*service.atRiskCount(f), 3); // the count ignores paging

    // A deleted customer leaves the list.
    set.prepare(QStringLiteral("UPDATE customer SET deleted_at = 1 WHERE id = ?"));
    set.addBindValue(ids.at(2));
    QVERIFY(set.exec());
    f = AtRiskFilter();
    QCOMPARE(names(*service.atRisk(f)), (QStringList{QStringLiteral("甲"), QStringLiteral("乙")}));
    QCOMPARE(*service.atRiskCount(f), 2);
    // Their score went with them (local migration 13); back again, they are listed for scoring.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM customer_score WHERE customer_id = ?"), {ids.at(2)}), 0);
    QVERIFY(q.exec(QStringLiteral("DELETE FROM score_dirty")));
    set.prepare(QStringLiteral("UPDATE customer SET deleted_at = NULL WHERE id = ?"));
    set.addBindValue(ids.at(2));
    QVERIFY(set.exec());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM score_dirty WHERE customer_id = ?"), {ids.at(2)}), 1);
    // A customer row removed outright takes its score too.
    set.prepare(QStringLiteral("DELETE FROM customer WHERE id = ?"));
    set.addBindValue(ids.at(4));
    QVERIFY2(set.exec(), qPrintable(set.lastError().text()));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM customer_score WHERE customer_id = ?"), {ids.at(4)}), 0);
}

// ---- pulling the server's task ----------------------------------------------------------------------

void TestRetentionService::summaryCountsWhatCameOfThisMonthsTasks()
{
    // Opened on 2026-11-02 (the clock): one task per outcome, one left open, one reopened as a call-back.
    const QStringList outcomes{QStringLiteral("accepted"), QStringLiteral("accepted"), QStringLiteral("declined"),
                               QStringLiteral("no_answer"), QStringLiteral("left"), QStringLiteral("not_needed"),
                               QStringLiteral("callback"), QString()};
    RetentionService supervisor(m_temp->store(), m_asSupervisor, m_clock);
    for (int i = 0; i < outcomes.size(); ++i) {
        const QString id = openOne(addCustomer(QStringLiteral("客户%1").arg(i), QStringLiteral("1360000%1").arg(2000 + i)));
        QVERIFY(!id.isEmpty());
        const QString& outcome = outcomes.at(i);
        if (outcome.isEmpty())
            continue;
        const Status s = supervisor.recordOutcome(id, outcome, QStringLiteral("备注"), m_clock.nowMs() + kDayMs);
        QVERIFY2(s, qPrintable(s.errorMessage()));
    }
    // One opened in October does not count in November.
    const QDateTime november = m_clock.nowUtc();
    m_clock.set(QDateTime(QDate(2026, 10, 20), QTime(9, 0), Qt::UTC));
    const QString october = addCustomer(QStringLiteral("十月"), QStringLiteral("13600009999"));
    QCOMPARE(*open({score(october, 0.9)}, block({october}, 202609), m_asSystem), 1);
    m_clock.set(november);

    const qint64 from = RetentionService::monthStartMs(m_clock.nowMs());
    const auto sum = supervisor.summary(from, m_clock.nowMs() + 1);
    QVERIFY2(sum, qPrintable(sum.errorMessage()));
    QCOMPARE(sum->opened, 8);
    QCOMPARE(sum->open, 2);
    QCOMPARE(sum->callback, 1);
    QCOMPARE(sum->accepted, 2);
    QCOMPARE(sum->declined, 1);
    QCOMPARE(sum->noAnswer, 1);
    QCOMPARE(sum->left, 1);
    QCOMPARE(sum->notNeeded, 1);
    QCOMPARE(sum->worked(), 5);
    // October's period holds October's task alone, still open.
    const auto before = supervisor.summary(RetentionService::monthStartMs(from - 1), from);
    QCOMPARE(before->opened, 1);
    QCOMPARE(before->open, 1);
    QCOMPARE(RetentionService(m_temp->store(), m_asAgent1, m_clock).summary(from, m_clock.nowMs()).error().code,
             QStringLiteral("permission"));
}

void TestRetentionService::monthStartsInBeijingTime()
{
    // 2026-10-31 17:00 UTC is already 1 November in Beijing (UTC+8).
    const qint64 at = QDateTime(QDate(2026, 10, 31), QTime(17, 0), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(RetentionService::monthStartMs(at), QDateTime(QDate(2026, 10, 31), QTime(16, 0), Qt::UTC).toMSecsSinceEpoch());
    const qint64 before = QDateTime(QDate(2026, 10, 31), QTime(15, 59), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(RetentionService::monthStartMs(before), QDateTime(QDate(2026, 9, 30), QTime(16, 0), Qt::UTC).toMSecsSinceEpoch());
}

void TestRetentionService::atRiskSorts_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<bool>("ascending");
    QTest::addColumn<QString>("expected"); // names, in order
    // 乙 and 丁 have the same probability (0.70): the customer id breaks the tie, the same on every page.
    using S = AtRiskFilter::Sort;
    QTest::newRow("probability, highest first") << int(S::Probability) << false << QStringLiteral("甲 TIE 丙 戊 乙");
    QTest::newRow("probability, lowest first") << int(S::Probability) << true << QStringLiteral("乙 戊 丙 TIE 甲");
    QTest::newRow("band, high first") << int(S::Band) << false << QStringLiteral("甲 TIE 丙 戊 乙");
    QTest::newRow("band, medium first") << int(S::Band) << true << QStringLiteral("乙 戊 丙 TIE 甲");
    // Code points: 丁 U+4E01 < 丙 U+4E19 < 乙 U+4E59 < 戊 U+620A < 甲 U+7532.
    QTest::newRow("name, A to Z") << int(S::Name) << true << QStringLiteral("丁 丙 乙 戊 甲");
    QTest::newRow("name, Z to A") << int(S::Name) << false << QStringLiteral("甲 戊 乙 丙 丁");
    QTest::newRow("number, ascending") << int(S::Number) << true << QStringLiteral("甲 乙 丙 丁 戊");
    QTest::newRow("number, descending") << int(S::Number) << false << QStringLiteral("戊 丁 丙 乙 甲");
    // Segment code, then the probability (highest first); customers in no segment last either way.
    QTest::newRow("segment, ascending") << int(S::Segment) << true << QStringLiteral("甲 丙 乙 戊 丁");
    QTest::newRow("segment, descending") << int(S::Segment) << false << QStringLiteral("戊 甲 丙 乙 丁");
}

void TestRetentionService::atRiskSorts()
{
    QFETCH(int, sort);
    QFETCH(bool, ascending);
    QFETCH(QString, expected);
    const ScoredSpec specs[] = {{"甲", 0.91, "high", "family"},   {"乙", 0.35, "medium", "family"},
                          {"丙", 0.70, "high", "family"},   {"丁", 0.70, "high", nullptr},
                          {"戊", 0.50, "medium", "young"}};
    QHash<QString, QString> nameOfId;
    int n = 0;
    for (const ScoredSpec& s : specs) {
        const QString id = addCustomer(QString::fromUtf8(s.name), QStringLiteral("1360000%1").arg(1000 + n++));
        QVERIFY(Fixtures(m_temp->store())
                    .addScore(id, s.probability, QString::fromLatin1(s.band), QString::fromLatin1(s.segment)));
        nameOfId.insert(id, QString::fromUtf8(s.name));
    }
    // The two at 0.70 in customer id order.
    const QString c = nameOfId.key(QStringLiteral("丙")), d = nameOfId.key(QStringLiteral("丁"));
    const QString tie = c < d ? QStringLiteral("丙 丁") : QStringLiteral("丁 丙");
    expected.replace(QStringLiteral("TIE 丙"), tie).replace(QStringLiteral("丙 TIE"), tie);

    RetentionService service(m_temp->store(), m_asSupervisor, m_clock);
    AtRiskFilter f;
    f.band.clear();
    f.sort = AtRiskFilter::Sort(sort);
    f.ascending = ascending;
    const auto names = [](const QVector<AtRiskRow>& rows) {
        QStringList out;
        for (const AtRiskRow& r : rows)
            out << r.name;
        return out;
    };
    const auto all = service.atRisk(f);
    QVERIFY2(all, qPrintable(all.errorMessage()));
    QCOMPARE(names(*all).join(u' '), expected);
    // Pages of two put together are the whole list: no row twice, none missing.
    QStringList paged;
    for (f.offset = 0, f.limit = 2; f.offset < 6; f.offset += 2)
        paged << names(*service.atRisk(f));
    QCOMPARE(paged.join(u' '), expected);
}

namespace {

PulledRow serverTask(const QString& id, const QString& customer, const QString& status, qint64 rowVersion)
{
    PulledRow row;
    row.table = QStringLiteral("retention_task");
    row.id = id;
    row.rowVersion = rowVersion;
    row.row = QJsonObject{{QStringLiteral("id"), id},
                          {QStringLiteral("customer_id"), customer},
                          {QStringLiteral("reason"), QStringLiteral("model")},
                          {QStringLiteral("reasons"), QStringLiteral("[]")},
                          {QStringLiteral("score"), 0.7},
                          {QStringLiteral("assignee_id"), QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("queue"), QStringLiteral("retention")},
                          {QStringLiteral("due_at"), 1800000000000.0},
                          {QStringLiteral("offer_id"), QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("outcome"), status == QLatin1String("open") ? QJsonValue(QJsonValue::Null)
                                                                                     : QJsonValue(QStringLiteral("accepted"))},
                          {QStringLiteral("status"), status},
                          {QStringLiteral("created_at"), 1790000000000.0},
                          {QStringLiteral("created_by"), QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("outcome_note"), QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("closed_at"), QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("closed_by"), QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("row_version"), double(rowVersion)},
                          {QStringLiteral("updated_at"), 1790000000000.0},
                          {QStringLiteral("deleted_at"), QJsonValue(QJsonValue::Null)}};
    return row;
}

} // namespace

void TestRetentionService::pullDropsALocalDuplicateTheServerNeverHad()
{
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"));
    const QString other = addCustomer(QStringLiteral("王芳"), QStringLiteral("13800138001"));
    const QString local = openOne(customer);
    const QString kept = openOne(other);
    QVERIFY(!local.isEmpty() && !kept.isEmpty());
    // A callback recorded on it, still waiting to be sent too.
    QVERIFY(RetentionService(m_temp->store(), m_asSupervisor, m_clock)
                .recordOutcome(local, QStringLiteral("callback"), QString(), m_clock.nowMs() + kDayMs));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity_id = ? AND state = 'pending'"), {local}), 2);
    // An earlier refused change of the same task stays on record for the person to see.
    QSqlQuery q(m_temp->store()->connection());
    q.prepare(QStringLiteral("UPDATE outbox SET state = 'rejected', error_code = 'workflow' WHERE entity_id = ? AND op = 'update'"));
    q.addBindValue(local);
    QVERIFY(q.exec());

    // Another desktop opened the customer's task first, in another month: the server holds that one.
    const QString server = RetentionService::taskId(customer, kMonth - 1);
    PullPage page;
    page.rows << serverTask(server, customer, QStringLiteral("open"), 41);
    page.cursor = QStringLiteral("1.100....abcdefabcdef");
    PullApplier applier(m_temp->store()->connection());
    const auto applied = applier.apply(page);
    QVERIFY2(applied, qPrintable(applied.errorMessage()));
    QCOMPARE(applied->written, 1);

    QCOMPARE(field(local, QStringLiteral("id")), QStringLiteral("<no row>"));
    QCOMPARE(field(server, QStringLiteral("status")), QStringLiteral("open"));
    QCOMPARE(field(server, QStringLiteral("row_version")), QStringLiteral("41"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity_id = ? AND state = 'pending'"), {local}), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity_id = ? AND state = 'rejected'"), {local}), 1);
    // Other customers' tasks and their outbox rows are untouched.
    QCOMPARE(field(kept, QStringLiteral("status")), QStringLiteral("open"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE entity_id = ? AND state = 'pending'"), {kept}), 1);
    const auto openTask = RetentionService(m_temp->store(), m_asSupervisor, m_clock).openTaskFor(customer);
    QCOMPARE((*openTask)->id, server);

    // The same page again changes nothing.
    QVERIFY(applier.apply(page));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM retention_task WHERE customer_id = ?"), {customer}), 1);
}

void TestRetentionService::pullDropsAStaleCopyOfATaskTheServerClosed()
{
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"));
    const QString first = RetentionService::taskId(customer, kMonth - 1);
    const QString second = RetentionService::taskId(customer, kMonth);
    PullApplier applier(m_temp->store()->connection());
    PullPage page;
    page.rows << serverTask(first, customer, QStringLiteral("open"), 10);
    page.cursor = QStringLiteral("1.100....abcdefabcdef");
    QVERIFY(applier.apply(page));

    // The server closed the first task and opened the second; the second's entry comes first (an older
    // transaction that committed later), the first's closing after it.
    page.rows.clear();
    page.rows << serverTask(second, customer, QStringLiteral("open"), 21);
    page.cursor = QStringLiteral("1.110....abcdefabcdef");
    const auto applied = applier.apply(page);
    QVERIFY2(applied, qPrintable(applied.errorMessage()));
    QCOMPARE(field(second, QStringLiteral("status")), QStringLiteral("open"));
    QCOMPARE(field(first, QStringLiteral("id")), QStringLiteral("<no row>"));

    page.rows.clear();
    page.rows << serverTask(first, customer, QStringLiteral("done"), 20);
    page.cursor = QStringLiteral("1.120....abcdefabcdef");
    QVERIFY(applier.apply(page));
    QCOMPARE(field(first, QStringLiteral("status")), QStringLiteral("done"));
    QCOMPARE(field(second, QStringLiteral("status")), QStringLiteral("open"));
}

void TestRetentionService::pullOfTheSameTaskIdJustUpdatesIt()
{
    // Two desktops opened the customer's task in the same month: the same id, one row.
    const QString customer = addCustomer(QStringLiteral("周敏"), QStringLiteral("13800138000"));
    const QString local = openOne(customer);
    QSqlQuery q(m_temp->store()->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE outbox SET state = 'applied'"))); // answered "duplicate"
    PullPage page;
    page.rows << serverTask(local, customer, QStringLiteral("open"), 7);
    page.cursor = QStringLiteral("1.100....abcdefabcdef");
    QVERIFY(PullApplier(m_temp->store()->connection()).apply(page));
    QCOMPARE(field(local, QStringLiteral("row_version")), QStringLiteral("7"));
    QCOMPARE(field(local, QStringLiteral("score")).toDouble(), 0.7);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM retention_task")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox")), 1);
}

void TestRetentionService::pullReplacesALocalScoringConfigOfTheSameKey()
{
    QSqlQuery q(m_temp->store()->connection());
    // Written by `telcodesk-admin rules --set` on a desktop, under an id of its own.
    QVERIFY(q.exec(QStringLiteral("INSERT INTO scoring_config(id, key, body) VALUES "
                                  "('019a0000-0000-7000-8000-0000000000cf', 'retention', '{\"local\": true}')")));
    PulledRow row;
    row.table = QStringLiteral("scoring_config");
    row.id = QString::fromLatin1(RetentionConfig::kLocalRowId);
    row.rowVersion = 184;
    row.row = QJsonObject{{QStringLiteral("id"), row.id},
                          {QStringLiteral("key"), QStringLiteral("retention")},
                          {QStringLiteral("body"), QStringLiteral("{\"server\": true}")},
                          {QStringLiteral("version"), 2},
                          {QStringLiteral("row_version"), 184},
                          {QStringLiteral("updated_at"), 1790000000000.0},
                          {QStringLiteral("deleted_at"), QJsonValue(QJsonValue::Null)}};
    PullPage page;
    page.rows << row;
    page.cursor = QStringLiteral("1.100....abcdefabcdef");
    const auto applied = PullApplier(m_temp->store()->connection()).apply(page);
    QVERIFY2(applied, qPrintable(applied.errorMessage()));
    QVERIFY(q.exec(QStringLiteral("SELECT id, body, version FROM scoring_config")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QString::fromLatin1(RetentionConfig::kLocalRowId));
    QCOMPARE(q.value(1).toString(), QStringLiteral("{\"server\": true}"));
    QCOMPARE(q.value(2).toInt(), 2);
    QVERIFY(!q.next());
}

QTEST_GUILESS_MAIN(TestRetentionService)
#include "tst_retentionservice.moc"
