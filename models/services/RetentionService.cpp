#include "services/RetentionService.h"

#include "store/ChangeWriter.h"
#include "tickets/AssignmentPolicy.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <limits>

namespace telcodesk {

namespace {

constexpr qint64 kDayMs = 86400000;
/// Longest outcome note, in characters.
constexpr int kMaxNoteChars = 2000;

/// The namespace of retention task ids (UUID version 5 over "customer/yyyymm"). Fixed for good: two
/// desktops, and two versions of TelcoDesk, must derive the same id for the same customer and month.
const QUuid& taskNamespace()
{
    static const QUuid ns(QStringLiteral("5e7e7a5c-7d0c-4f5b-9a1e-72657461736b"));
    return ns;
}

bool chineseUi()
{
    return QLocale().language() == QLocale::Chinese;
}

int bandRank(const QString& band)
{
    if (band == QLatin1String("high"))
        return 2;
    if (band == QLatin1String("medium"))
        return 1;
    if (band == QLatin1String("low"))
        return 0;
    return -1;
}

Error ioError(const QString& what, const QSqlQuery& q)
{
    return Error{what.arg(q.lastError().text()), QStringLiteral("io")};
}

/// Beijing time, where the operator's days and months are counted (UTC+8, no daylight saving).
QTimeZone beijing()
{
    return QTimeZone(8 * 3600);
}

/// yyyymm of the month before the one this moment falls in, in Beijing time (as FeatureExtractor's m0).
int previousMonth(qint64 ms)
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(ms, beijing()).date().addMonths(-1);
    return day.year() * 100 + day.month();
}

const char kTaskColumns[] =
    "t.id, t.customer_id, c.name, c.primary_msisdn, t.reason, t.reasons, t.score, t.assignee_id, a.display_name, "
    "t.queue, t.due_at, t.offer_id, o.code, o.name_zh, o.name_en, t.outcome, t.outcome_note, t.status, "
    "t.created_at, t.created_by, t.closed_at, t.closed_by "
    "FROM retention_task t "
    "LEFT JOIN customer c ON c.id = t.customer_id "
    "LEFT JOIN agent a ON a.id = t.assignee_id "
    "LEFT JOIN offer o ON o.id = t.offer_id ";

RetentionTask taskFrom(const QSqlQuery& q)
{
    RetentionTask t;
    t.id = q.value(0).toString();
    t.customerId = q.value(1).toString();
    t.customerName = q.value(2).toString();
    t.msisdn = q.value(3).toString();
    t.reason = q.value(4).toString();
    t.reasons = ReasonText::fromJson(q.value(5).toString().toUtf8());
    t.score = q.value(6).toDouble();
    t.assigneeId = q.value(7).toString();
    t.assigneeName = q.value(8).toString();
    t.queue = q.value(9).toString();
    t.dueAt = q.value(10).toLongLong();
    t.offerId = q.value(11).toString();
    t.offerCode = q.value(12).toString();
    t.offerName = chineseUi() ? q.value(13).toString() : q.value(14).toString();
    t.outcome = q.value(15).toString();
    t.outcomeNote = q.value(16).toString();
    t.status = q.value(17).toString();
    t.createdAt = q.value(18).toLongLong();
    t.createdBy = q.value(19).toString();
    t.closedAt = q.value(20).toLongLong();
    t.closedBy = q.value(21).toString();
    return t;
}

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

// ---- OfferCatalog ---------------------------------------------------------------------------------

QString RetentionOffer::name() const
{
    if (chineseUi())
        return nameZh.isEmpty() ? nameEn : nameZh;
    return nameEn.isEmpty() ? nameZh : nameEn;
}

Result<OfferCatalog> OfferCatalog::load(const LocalStore& store)
{
    OfferCatalog catalog;
    QSqlQuery q(store.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, code, name_zh, name_en, discount_fen, rule FROM offer "
                               "WHERE deleted_at IS NULL ORDER BY code")))
        return ioError(tr("Cannot read the offers: %1"), q);
    while (q.next()) {
        const QString code = q.value(1).toString();
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(5).toString().toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            //: %1 an offer code such as RET-DATA-10G-3M
            catalog.m_problems << tr("Offer %1: its rule is not a JSON object.").arg(code);
            continue;
        }
        const QJsonObject rule = doc.object();
        // Offers of the sales catalog have rules of their own; only those with a "when" are retention offers.
        if (!rule.contains(QLatin1String("when")))
            continue;
        RetentionOffer offer;
        offer.id = q.value(0).toString();
        offer.code = code;
        offer.nameZh = q.value(2).toString();
        offer.nameEn = q.value(3).toString();
        offer.valueFen = q.value(4).toLongLong();
        const QJsonValue priority = rule.value(QLatin1String("priority"));
        if (!priority.isUndefined()) {
            const double p = priority.toDouble(std::numeric_limits<double>::quiet_NaN());
            if (!priority.isDouble() || p != double(int(p))) {
                catalog.m_problems << tr("Offer %1: \"priority\" must be a whole number.").arg(code);
                continue;
            }
            offer.priority = int(p);
        }
        offer.kind = rule.value(QLatin1String("kind")).toString();
        auto when = Condition::fromJson(rule.value(QLatin1String("when")), QStringLiteral("when"));
        if (!when) {
            //: %1 an offer code, %2 what is wrong with its rule
            catalog.m_problems << tr("Offer %1: %2").arg(code, when.errorMessage());
            continue;
        }
        offer.when = std::move(when).value();
        catalog.m_offers.push_back(std::move(offer));
    }
    std::stable_sort(catalog.m_offers.begin(), catalog.m_offers.end(),
                     [](const RetentionOffer& a, const RetentionOffer& b) { return a.priority < b.priority; });
    return catalog;
}

const RetentionOffer* OfferCatalog::nextBest(const double* features, double probability) const
{
    for (const RetentionOffer& offer : m_offers) {
        if (offer.when.evaluate(features, probability))
            return &offer;
    }
    return nullptr;
}

const RetentionOffer* OfferCatalog::byId(const QString& id) const
{
    for (const RetentionOffer& offer : m_offers) {
        if (offer.id == id)
            return &offer;
    }
    return nullptr;
}

// ---- RetentionService -----------------------------------------------------------------------------

RetentionService::RetentionService(LocalStorePtr store, Session session, const Clock& clock)
    : m_store(std::move(store))
    , m_session(std::move(session))
    , m_clock(clock)
{
}

const QStringList& RetentionService::outcomeCodes()
{
    static const QStringList codes{QStringLiteral("accepted"), QStringLiteral("declined"),
                                   QStringLiteral("no_answer"), QStringLiteral("callback"),
                                   QStringLiteral("left"),     QStringLiteral("not_needed")};
    return codes;
}

QString RetentionService::outcomeLabel(const QString& code)
{
    if (code == QLatin1String("accepted"))
        return tr("Accepted the offer");
    if (code == QLatin1String("declined"))
        return tr("Declined");
    if (code == QLatin1String("no_answer"))
        return tr("No answer");
    if (code == QLatin1String("callback"))
        return tr("Call back later");
    if (code == QLatin1String("left"))
        return tr("Left (ported out or closed the account)");
    if (code == QLatin1String("not_needed"))
        return tr("No action needed");
    return code;
}

QString RetentionService::taskId(const QString& customerId, int month)
{
    const QString name = customerId + QLatin1Char('/') + QString::number(month);
    return QUuid::createUuidV5(taskNamespace(), name).toString(QUuid::WithoutBraces).toLower();
}

Result<int> RetentionService::openTasks(const std::vector<CustomerScore>& scores, const FeatureBlock& block,
                                        const RetentionConfig& config, const OfferCatalog& offers)
{
    const int minRank = std::max(0, bandRank(config.taskMinBand));
    const int month = block.monthM0 > 0 ? block.monthM0 : previousMonth(block.asOfMs > 0 ? block.asOfMs : m_clock.nowMs());
    const qint64 now = m_clock.nowMs();
    const qint64 dueAt = now + qint64(std::max(0, config.taskDueDays)) * kDayMs;

    QHash<QString, int> rowOf;
    rowOf.reserve(block.rows());
    for (int r = 0; r < block.rows(); ++r)
        rowOf.insert(block.customerIds.at(r), r);
    std::vector<double> unknown(std::size_t(kCustomerFeatureCount), std::numeric_limits<double>::quiet_NaN());

    // The candidates: each customer once (the highest score of the call wins), in the task band.
    QHash<QString, const CustomerScore*> best;
    QStringList order;
    for (const CustomerScore& score : scores) {
        if (bandRank(score.band) < minRank || score.customerId.isEmpty())
            continue;
        auto found = best.find(score.customerId);
        if (found == best.end()) {
            best.insert(score.customerId, &score);
            order << score.customerId;
        } else if (score.probability > found.value()->probability) {
            found.value() = &score;
        }
    }
    if (order.isEmpty())
        return 0;

    QSqlDatabase db = m_store->connection();
    QSqlQuery check(db);
    check.setForwardOnly(true);
    // The customer, whether their account manager is an agent here, and whether they have an open task
    // or already had this month's.
    if (!check.prepare(QStringLiteral(
            "SELECT c.account_manager_id, c.status, "
            "       EXISTS (SELECT 1 FROM agent a WHERE a.id = c.account_manager_id AND a.deleted_at IS NULL), "
            "       EXISTS (SELECT 1 FROM retention_task t WHERE t.customer_id = c.id AND t.status = 'open' "
            "                  AND t.deleted_at IS NULL), "
            "       EXISTS (SELECT 1 FROM retention_task t WHERE t.id = ?) "
            "FROM customer c WHERE c.id = ? AND c.deleted_at IS NULL")))
        return ioError(tr("Cannot read the customers' retention tasks: %1"), check);

    QVector<Change> changes;
    for (const QString& customerId : std::as_const(order)) {
        const CustomerScore& score = *best.value(customerId);
        const QString id = taskId(customerId, month);
        check.bindValue(0, id);
        check.bindValue(1, customerId);
        if (!check.exec())
            return ioError(tr("Cannot read the customers' retention tasks: %1"), check);
        if (!check.next())
            continue; // not (or no longer) a customer here
        const QString manager = check.value(0).toString();
        const QString status = check.value(1).toString();
        const bool managerKnown = check.value(2).toInt() != 0;
        const bool hasOpen = check.value(3).toInt() != 0;
        const bool hadThisMonth = check.value(4).toInt() != 0;
        check.finish();
        // Never a second open task; a task closed this month is not opened again until next month; a closed
        // account is past keeping.
        if (hasOpen || hadThisMonth || status == QLatin1String("closed"))
            continue;

        QString reason = QStringLiteral("model");
        for (const QString& code : score.rules) {
            const RetentionRule* rule = config.rule(code);
            if (rule && rule->kind == RetentionRule::Kind::Risk) {
                reason = code;
                break;
            }
        }
        const int row = rowOf.value(customerId, -1);
        const double* features = row >= 0 ? block.row(row) : unknown.data();
        const RetentionOffer* offer = offers.nextBest(features, score.probability);

        Change change;
        change.op = Change::Op::Insert;
        change.table = QStringLiteral("retention_task");
        change.id = id;
        change.fields.insert(QStringLiteral("customer_id"), customerId);
        change.fields.insert(QStringLiteral("reason"), reason);
        change.fields.insert(QStringLiteral("reasons"), QString::fromUtf8(ReasonText::toJson(score.reasons)));
        change.fields.insert(QStringLiteral("score"), score.probability);
        change.fields.insert(QStringLiteral("assignee_id"), managerKnown && !manager.isEmpty() ? QVariant(manager)
                                                                                              : textOrNull(QString()));
        change.fields.insert(QStringLiteral("queue"), textOrNull(config.taskQueue));
        change.fields.insert(QStringLiteral("due_at"), dueAt);
        change.fields.insert(QStringLiteral("offer_id"), textOrNull(offer ? offer->id : QString()));
        change.fields.insert(QStringLiteral("status"), QStringLiteral("open"));
        change.fields.insert(QStringLiteral("created_at"), now);
        change.fields.insert(QStringLiteral("created_by"), textOrNull(m_session.agentId));
        changes << change;
    }
    if (changes.isEmpty())
        return 0;

    ChangeWriter writer(m_store, m_clock);
    const Status all = writer.apply(changes);
    if (all)
        return int(changes.size());
    if (all.error().code != QLatin1String("constraint"))
        return all.error();
    // Another thread (a re-score of one customer while a full run goes on) opened one of these tasks between
    // the check and the write, and the unique index refused the whole batch: write them one by one, and let
    // the index keep its promise for the ones that lost.
    int opened = 0;
    for (const Change& change : std::as_const(changes)) {
        const Status one = writer.apply(change);
        if (one)
            ++opened;
        else if (one.error().code != QLatin1String("constraint"))
            return one.error();
    }
    return opened;
}

std::function<Result<int>(const std::vector<CustomerScore>&, const FeatureBlock&)>
RetentionService::taskOpener(LocalStorePtr store, Session session, const RetentionConfig& config,
                             const OfferCatalog& offers)
{
    return [store = std::move(store), session = std::move(session), &config,
            &offers](const std::vector<CustomerScore>& scores, const FeatureBlock& block) -> Result<int> {
        RetentionService retention(store, session);
        return retention.openTasks(scores, block, config, offers);
    };
}

Result<RetentionTask> RetentionService::load(const QString& id) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT %1 WHERE t.id = ? AND t.deleted_at IS NULL").arg(QLatin1String(kTaskColumns)));
    q.addBindValue(id);
    if (!q.exec())
        return ioError(tr("Cannot read the retention task: %1"), q);
    if (!q.next())
        return Error{tr("The retention task no longer exists."), QStringLiteral("not_found")};
    return taskFrom(q);
}

Result<std::optional<RetentionTask>> RetentionService::openTaskFor(const QString& customerId) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT %1 WHERE t.customer_id = ? AND t.status = 'open' AND t.deleted_at IS NULL")
                  .arg(QLatin1String(kTaskColumns)));
    q.addBindValue(customerId);
    if (!q.exec())
        return ioError(tr("Cannot read the retention task: %1"), q);
    if (!q.next())
        return std::optional<RetentionTask>();
    return std::optional<RetentionTask>(taskFrom(q));
}

Result<QVector<RetentionTask>> RetentionService::tasksFor(const QString& customerId) const
{
    QSqlQuery q(m_store->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 WHERE t.customer_id = ? AND t.deleted_at IS NULL "
                             "ORDER BY t.created_at DESC, t.id DESC")
                  .arg(QLatin1String(kTaskColumns)));
    q.addBindValue(customerId);
    if (!q.exec())
        return ioError(tr("Cannot read the retention tasks: %1"), q);
    QVector<RetentionTask> tasks;
    while (q.next())
        tasks << taskFrom(q);
    return tasks;
}

Result<QVector<RetentionTask>> RetentionService::myTasks(int limit) const
{
    QSqlDatabase db = m_store->connection();
    const bool manager = m_session.can(Permission::ManageRetention);
    QString skills;
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT skills FROM agent WHERE id = ?"));
        q.addBindValue(m_session.agentId);
        if (!q.exec())
            return ioError(tr("Cannot read the retention tasks: %1"), q);
        if (q.next())
            skills = q.value(0).toString();
    }
    // The queues with unassigned open tasks are few; which of them this agent works is AssignmentPolicy's
    // rule for ticket queues as well (a skill named after the queue).
    QStringList queues;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT DISTINCT queue FROM retention_task WHERE status = 'open' "
                                   "AND deleted_at IS NULL AND assignee_id IS NULL AND queue IS NOT NULL")))
            return ioError(tr("Cannot read the retention tasks: %1"), q);
        while (q.next()) {
            const QString queue = q.value(0).toString();
            if (manager || AssignmentPolicy::servesQueue(skills, queue))
                queues << queue;
        }
    }
    QString where = QStringLiteral("t.assignee_id = ?");
    if (!queues.isEmpty()) {
        QStringList marks;
        for (int i = 0; i < queues.size(); ++i)
            marks << QStringLiteral("?");
        where = QStringLiteral("(t.assignee_id = ? OR (t.assignee_id IS NULL AND t.queue IN (%1)))")
                    .arg(marks.join(QLatin1Char(',')));
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 WHERE t.status = 'open' AND t.deleted_at IS NULL AND %2 "
                             "ORDER BY t.due_at, t.created_at, t.id LIMIT ?")
                  .arg(QLatin1String(kTaskColumns), where));
    q.addBindValue(m_session.agentId);
    for (const QString& queue : std::as_const(queues))
        q.addBindValue(queue);
    q.addBindValue(limit > 0 ? limit : 500);
    if (!q.exec())
        return ioError(tr("Cannot read the retention tasks: %1"), q);
    QVector<RetentionTask> tasks;
    while (q.next())
        tasks << taskFrom(q);
    return tasks;
}

namespace {

/// Whether the session may work this task: its own, one waiting in a queue, or any with ManageRetention.
Status mayWork(const Session& session, const RetentionTask& task)
{
    if (!session.can(Permission::WorkRetention))
        return Error{RetentionService::tr("Your role may not work retention tasks."), QStringLiteral("permission")};
    if (session.can(Permission::ManageRetention) || task.assigneeId.isEmpty() || task.assigneeId == session.agentId)
        return Status::success();
    const QString who = task.assigneeName.isEmpty() ? task.assigneeId.left(8) : task.assigneeName;
    //: %1 the name of the agent the task is assigned to
    return Error{RetentionService::tr("This retention task is assigned to %1: only they or a supervisor may work it.")
                     .arg(who),
                 QStringLiteral("permission")};
}

/// Success when a live row of table (agent, offer: names from this file, never from input) has this id;
/// otherwise readFailed (with the database's words for %1) or missing, an "invalid" naming the field.
Status liveRowExists(const LocalStorePtr& store, const QString& table, const QString& id, const QString& readFailed,
                     const QString& missing)
{
    QSqlQuery q(store->connection());
    q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = ? AND deleted_at IS NULL").arg(table));
    q.addBindValue(id);
    if (!q.exec())
        return ioError(readFailed, q);
    if (!q.next())
        return Error{missing, QStringLiteral("invalid")};
    return Status::success();
}

/// Success for no offer (empty) or a live offer of the catalog; otherwise an "invalid" naming the field.
Status offerKnown(const LocalStorePtr& store, const QString& offerId)
{
    if (offerId.isEmpty())
        return Status::success();
    return liveRowExists(store, QStringLiteral("offer"), offerId, RetentionService::tr("Cannot read the offers: %1"),
                         RetentionService::tr("Offer: no offer of the catalog has the id \"%1\".").arg(offerId.left(40)));
}

Status mustBeOpen(const RetentionTask& task)
{
    if (task.status == QLatin1String("open"))
        return Status::success();
    //: %1 the outcome it was closed with, e.g. "Accepted the offer"
    return Error{RetentionService::tr("This retention task is closed already (%1): it does not change any more.")
                     .arg(RetentionService::outcomeLabel(task.outcome)),
                 QStringLiteral("workflow")};
}

} // namespace

Status RetentionService::recordOutcome(const QString& id, const QString& outcome, const QString& note,
                                       qint64 callbackAt, const std::optional<QString>& offerMade)
{
    if (!m_session.can(Permission::WorkRetention))
        return Error{tr("Your role may not work retention tasks."), QStringLiteral("permission")};
    const auto task = load(id);
    if (!task)
        return task.error();
    if (const Status may = mayWork(m_session, *task); !may)
        return may;
    if (const Status open = mustBeOpen(*task); !open)
        return open;

    if (!outcomeCodes().contains(outcome))
        //: %1 what was given, %2 the list of valid codes
        return Error{tr("Outcome: \"%1\" is not an outcome (one of %2).")
                         .arg(outcome.left(32), outcomeCodes().join(QStringLiteral(", "))),
                     QStringLiteral("invalid")};
    const QString text = note.trimmed();
    if (text.isEmpty() && (outcome == QLatin1String("declined") || outcome == QLatin1String("left")))
        return Error{outcome == QLatin1String("declined") ? tr("Note: say why the customer declined.")
                                                          : tr("Note: say why the customer left."),
                     QStringLiteral("invalid")};
    if (text.size() > kMaxNoteChars)
        return Error{tr("Note: at most %1 characters (this one has %2).").arg(kMaxNoteChars).arg(text.size()),
                     QStringLiteral("invalid")};
    const bool offerChanged = offerMade.has_value() && *offerMade != task->offerId;
    if (offerChanged) {
        if (const Status known = offerKnown(m_store, *offerMade); !known)
            return known;
    }
    const qint64 now = m_clock.nowMs();
    const bool callback = outcome == QLatin1String("callback");
    if (callback && callbackAt <= 0)
        return Error{tr("Callback time: a callback needs the time to call back."), QStringLiteral("invalid")};
    if (callback && callbackAt <= now)
        return Error{tr("Callback time: choose a time in the future."), QStringLiteral("invalid")};

    Change change;
    change.op = Change::Op::Update;
    change.table = QStringLiteral("retention_task");
    change.id = id;
    change.fields.insert(QStringLiteral("outcome"), outcome);
    change.fields.insert(QStringLiteral("outcome_note"), textOrNull(text));
    if (offerChanged)
        change.fields.insert(QStringLiteral("offer_id"), textOrNull(*offerMade));
    // Whoever works a task waiting in the queue takes it: a callback comes back to the same person.
    if (task->assigneeId.isEmpty() && !m_session.agentId.isEmpty())
        change.fields.insert(QStringLiteral("assignee_id"), m_session.agentId);
    if (callback) {
        change.fields.insert(QStringLiteral("due_at"), callbackAt);
    } else {
        // "Not needed" closes a task that should not have been opened (a false alarm): cancelled, so that the
        // figures of what retention achieved count only the customers someone worked.
        change.fields.insert(QStringLiteral("status"),
                             outcome == QLatin1String("not_needed") ? QStringLiteral("cancelled") : QStringLiteral("done"));
        change.fields.insert(QStringLiteral("closed_at"), now);
        change.fields.insert(QStringLiteral("closed_by"), textOrNull(m_session.agentId));
    }
    return ChangeWriter(m_store, m_clock).apply(change);
}

namespace {

/// One field of a task, through the outbox; an empty value is written as NULL.
Status setTaskField(const LocalStorePtr& store, const Clock& clock, const QString& id, const QString& field,
                    const QString& value)
{
    Change change;
    change.op = Change::Op::Update;
    change.table = QStringLiteral("retention_task");
    change.id = id;
    change.fields.insert(field, textOrNull(value));
    return ChangeWriter(store, clock).apply(change);
}

} // namespace

Status RetentionService::assign(const QString& id, const QString& assigneeId)
{
    if (!m_session.can(Permission::WorkRetention))
        return Error{tr("Your role may not work retention tasks."), QStringLiteral("permission")};
    const auto task = load(id);
    if (!task)
        return task.error();
    if (const Status open = mustBeOpen(*task); !open)
        return open;
    const bool manager = m_session.can(Permission::ManageRetention);
    const bool taking = task->assigneeId.isEmpty() && !assigneeId.isEmpty() && assigneeId == m_session.agentId;
    if (!manager && !taking)
        return Error{tr("Only supervisors assign retention tasks; you may take an unassigned one yourself."),
                     QStringLiteral("permission")};
    if (assigneeId == task->assigneeId)
        return Status::success();
    if (assigneeId.isEmpty()) {
        if (task->queue.isEmpty())
            return Error{tr("Assignee: the task has no queue to go back to; choose an agent."),
                         QStringLiteral("invalid")};
    } else if (const Status known = liveRowExists(m_store, QStringLiteral("agent"), assigneeId,
                                                  tr("Cannot read the agents: %1"),
                                                  tr("Assignee: no active agent has the id \"%1\".")
                                                      .arg(assigneeId.left(40)));
               !known) {
        return known;
    }
    return setTaskField(m_store, m_clock, id, QStringLiteral("assignee_id"), assigneeId);
}

Status RetentionService::setOffer(const QString& id, const QString& offerId)
{
    if (!m_session.can(Permission::WorkRetention))
        return Error{tr("Your role may not work retention tasks."), QStringLiteral("permission")};
    const auto task = load(id);
    if (!task)
        return task.error();
    if (const Status may = mayWork(m_session, *task); !may)
        return may;
    if (const Status open = mustBeOpen(*task); !open)
        return open;
    if (offerId == task->offerId)
        return Status::success();
    if (const Status known = offerKnown(m_store, offerId); !known)
        return known;
    return setTaskField(m_store, m_clock, id, QStringLiteral("offer_id"), offerId);
}

Result<QVector<OfferChoice>> RetentionService::offerChoices(const QString& id) const
{
    const auto task = load(id);
    if (!task)
        return task.error();
    const Result<OfferCatalog> catalog = OfferCatalog::load(*m_store);
    if (!catalog)
        return catalog.error();
    const FeatureExtractor extractor(m_store, FeatureExtractor::defaultAsOf(*m_store, m_clock));
    const Result<FeatureBlock> block = extractor.extract({task->customerId});
    if (!block)
        return block.error();
    // The probability the rules see: the customer's latest score, else the one the task was opened with.
    double probability = task->score;
    if (const auto score = ScoreStore(m_store).load(task->customerId); score && score->has_value())
        probability = (*score)->probability;
    QVector<OfferChoice> choices;
    for (const RetentionOffer& offer : catalog->offers()) {
        OfferChoice choice;
        choice.offer = offer;
        // A customer deleted since has no features: no rule can be said to hold.
        choice.fits = block->rows() == 1 && offer.when.evaluate(block->row(0), probability);
        choice.current = offer.id == task->offerId;
        choices << choice;
    }
    return choices;
}

namespace {

/// The WHERE clause of the at-risk list and its bound values. An empty clause with an error message when
/// the filter is not valid.
struct AtRiskWhere
{
    QString sql;
    QVariantList binds;
    QString error;
};

AtRiskWhere atRiskWhere(const AtRiskFilter& filter)
{
    AtRiskWhere w;
    // Scores only: a deleted customer's score is deleted with them (local migration 13), so counting
    // needs no lookup in customer.
    QStringList parts;
    // "s.band <> 'low'" is the partial index customer_score_band's own condition: said here, the index
    // serves the list.
    if (filter.band.isEmpty()) {
        parts << QStringLiteral("s.band <> 'low'") << QStringLiteral("s.band IN ('high', 'medium')");
    } else if (bandRank(filter.band) >= 0) {
        if (filter.band != QLatin1String("low"))
            parts << QStringLiteral("s.band <> 'low'");
        parts << QStringLiteral("s.band = ?");
        w.binds << filter.band;
    } else {
        w.error = RetentionService::tr("Risk band: \"%1\" is not a band (high, medium or low).").arg(filter.band.left(32));
        return w;
    }
    if (!filter.segment.isEmpty()) {
        parts << QStringLiteral("s.segment = ?");
        w.binds << filter.segment;
    }
    switch (filter.tasks) {
    case AtRiskFilter::Tasks::Any:
        break;
    case AtRiskFilter::Tasks::WithOpenTask:
        parts << QStringLiteral("EXISTS (SELECT 1 FROM retention_task t WHERE t.customer_id = s.customer_id "
                                "AND t.status = 'open' AND t.deleted_at IS NULL)");
        break;
    case AtRiskFilter::Tasks::WithoutTask:
        parts << QStringLiteral("NOT EXISTS (SELECT 1 FROM retention_task t WHERE t.customer_id = s.customer_id "
                                "AND t.deleted_at IS NULL)");
        break;
    }
    w.sql = parts.join(QStringLiteral(" AND "));
    return w;
}

/// The ORDER BY of the at-risk list, over customer_score s and customer c (joined only for the name and
/// the number). The customer id last: ties never make pages overlap.
QString atRiskOrder(const AtRiskFilter& filter)
{
    const QString dir = filter.ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QString key;
    switch (filter.sort) {
    case AtRiskFilter::Sort::Probability:
        key = QLatin1String("s.probability") + dir;
        break;
    case AtRiskFilter::Sort::Band:
        key = QLatin1String("CASE s.band WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END") + dir
            + QLatin1String(", s.probability") + dir;
        break;
    case AtRiskFilter::Sort::Name:
        key = QLatin1String("c.name") + dir + QLatin1String(", s.probability DESC");
        break;
    case AtRiskFilter::Sort::Number:
        key = QLatin1String("c.primary_msisdn") + dir + QLatin1String(", s.probability DESC");
        break;
    case AtRiskFilter::Sort::Segment:
        key = QLatin1String("s.segment IS NULL, s.segment") + dir + QLatin1String(", s.probability DESC");
        break;
    }
    return key + QLatin1String(", s.customer_id");
}

} // namespace

Result<QVector<AtRiskRow>> RetentionService::atRisk(const AtRiskFilter& filter) const
{
    if (!m_session.can(Permission::ManageRetention))
        return Error{tr("Only supervisors and administrators see the at-risk list."), QStringLiteral("permission")};
    const AtRiskWhere where = atRiskWhere(filter);
    if (!where.error.isEmpty())
        return Error{where.error, QStringLiteral("invalid")};
    // The page's keys first, sorted on what the order needs and nothing else: the band index alone for
    // the probability and the band (no customer_score or customer row read for the tens of thousands of
    // customers the sort sees), customer rows only for the name and the number. A deleted customer has no
    // score (local migration 13). Then, for the rows shown only, the rest: scores, customers, and each
    // row's task (the open one, else the latest).
    const bool byCustomer = filter.sort == AtRiskFilter::Sort::Name || filter.sort == AtRiskFilter::Sort::Number;
    QSqlQuery q(m_store->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
                  "WITH page AS ("
                  "  SELECT s.customer_id FROM customer_score s %1"
                  "  WHERE %2 ORDER BY %3 LIMIT ? OFFSET ?) "
                  "SELECT s.customer_id, c.name, c.primary_msisdn, s.band, s.probability, s.reasons, s.segment, "
                  "       t.id, t.status, a.display_name, t.outcome "
                  "FROM page p JOIN customer_score s ON s.customer_id = p.customer_id "
                  "JOIN customer c ON c.id = p.customer_id "
                  "LEFT JOIN retention_task t ON t.id = ("
                  "    SELECT x.id FROM retention_task x WHERE x.customer_id = p.customer_id AND x.deleted_at IS NULL "
                  "    ORDER BY x.status = 'open' DESC, x.created_at DESC, x.id DESC LIMIT 1) "
                  "LEFT JOIN agent a ON a.id = t.assignee_id "
                  "ORDER BY %4")
                  .arg(byCustomer ? QStringLiteral("JOIN customer c ON c.id = s.customer_id ") : QString(), where.sql,
                       atRiskOrder(filter), atRiskOrder(filter)));
    for (const QVariant& value : where.binds)
        q.addBindValue(value);
    q.addBindValue(filter.limit > 0 ? filter.limit : 500);
    q.addBindValue(std::max(0, filter.offset));
    if (!q.exec())
        return ioError(tr("Cannot read the at-risk customers: %1"), q);
    QVector<AtRiskRow> rows;
    while (q.next()) {
        AtRiskRow row;
        row.customerId = q.value(0).toString();
        row.name = q.value(1).toString();
        row.msisdn = q.value(2).toString();
        row.band = q.value(3).toString();
        row.probability = q.value(4).toDouble();
        row.reasons = ReasonText::fromJson(q.value(5).toString().toUtf8());
        row.segment = q.value(6).toString();
        row.taskId = q.value(7).toString();
        row.taskStatus = q.value(8).toString();
        row.taskAssignee = q.value(9).toString();
        row.taskOutcome = q.value(10).toString();
        rows << row;
    }
    return rows;
}

Result<int> RetentionService::atRiskCount(const AtRiskFilter& filter) const
{
    if (!m_session.can(Permission::ManageRetention))
        return Error{tr("Only supervisors and administrators see the at-risk list."), QStringLiteral("permission")};
    const AtRiskWhere where = atRiskWhere(filter);
    if (!where.error.isEmpty())
        return Error{where.error, QStringLiteral("invalid")};
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM customer_score s WHERE %1")
                  .arg(where.sql));
    for (const QVariant& value : where.binds)
        q.addBindValue(value);
    if (!q.exec() || !q.next())
        return ioError(tr("Cannot count the at-risk customers: %1"), q);
    return q.value(0).toInt();
}

Result<RetentionSummary> RetentionService::summary(qint64 fromMs, qint64 toMs) const
{
    if (!m_session.can(Permission::ManageRetention))
        return Error{tr("Only supervisors and administrators see the at-risk list."), QStringLiteral("permission")};
    QSqlQuery q(m_store->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT status, coalesce(outcome, ''), count(*) FROM retention_task "
                             "WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ? GROUP BY 1, 2"));
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return ioError(tr("Cannot count the retention tasks: %1"), q);
    RetentionSummary sum;
    while (q.next()) {
        const QString status = q.value(0).toString();
        const QString outcome = q.value(1).toString();
        const int n = q.value(2).toInt();
        sum.opened += n;
        if (status == QLatin1String("open")) {
            sum.open += n;
            if (outcome == QLatin1String("callback"))
                sum.callback += n;
        } else if (status == QLatin1String("cancelled") || outcome == QLatin1String("not_needed")) {
            sum.notNeeded += n;
        } else if (outcome == QLatin1String("accepted")) {
            sum.accepted += n;
        } else if (outcome == QLatin1String("declined")) {
            sum.declined += n;
        } else if (outcome == QLatin1String("no_answer")) {
            sum.noAnswer += n;
        } else if (outcome == QLatin1String("left")) {
            sum.left += n;
        }
        // A closed task without an outcome (closed on the server by other means) counts as opened only.
    }
    return sum;
}

qint64 RetentionService::monthStartMs(qint64 atMs)
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(atMs, beijing()).date();
    return QDateTime(QDate(day.year(), day.month(), 1), QTime(0, 0), beijing()).toMSecsSinceEpoch();
}

} // namespace telcodesk
