#include "demo/KbGenerator.h"

#include "common/Logging.h"
#include "common/Uuid.h"
#include "demo/KbContent.h"
#include "kb/KbArticleService.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSqlError>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <unordered_set>

namespace telcodesk {

using demo::KbContent;
using demo::KbPlanInfo;
using demo::KbRandom;
using demo::KbWriter;

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kBeijingOffsetMs = 8 * kHourMs;
constexpr int kFeedbackDays = 60;

/// Articles per category out of 100: what callers ask about most gets the most articles.
const std::pair<const char*, int> kCategoryWeights[] = {
    {"plans", 8},          {"plans.change", 7},    {"plans.data", 7},        {"roaming", 10},
    {"billing", 6},        {"billing.dispute", 10}, {"billing.payment", 7},  {"broadband", 5},
    {"broadband.fault", 11}, {"broadband.install", 6}, {"porting", 6},        {"realname", 5},
    {"network", 7},        {"device", 5},
};

struct VersionRow
{
    QString id;
    int version = 0;
    QString title;
    QString body;
    QString changeNote;
    qint64 publishedAt = 0;
};

struct ArticleRow
{
    QString id;
    QString title;
    QString body;
    QString category;
    QString tags;
    QString language;
    QString status;
    int version = 1;
    QString authorId;
    QString reviewerId;
    qint64 createdAt = 0;
    qint64 publishedAt = 0; ///< 0: never published
    qint64 updatedAt = 0;
    QString changeNote;
    QString reviewNote;
    QString revisionOf;
    QVector<VersionRow> versions;
    bool poor = false;
    int revisionTarget = -1; ///< index of the published article a revision revises
    double popularity = 0;
    int views = 0;
    int helpful = 0;
    int notHelpful = 0;
};

struct FeedbackRow
{
    qint64 at = 0;
    int article = 0;
    int agent = 0;
    const char* kind = "view";
    int version = 1;
};

struct TicketInfo
{
    QString id;
    QString kind;
    QString queue;
    QString title;
    qint64 createdAt = 0;
    QString assigneeId;
};

/// Runs prepared statements on the raw handle; text is bound from buffers that live until the step.
class Statement
{
public:
    Statement(sqlite3* db, const char* sql)
    {
        m_ok = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) == SQLITE_OK;
    }
    ~Statement() { sqlite3_finalize(m_statement); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return m_ok; }
    void text(int i, const QString& value)
    {
        m_buffers.push_back(value.toUtf8());
        const QByteArray& b = m_buffers.back();
        sqlite3_bind_text(m_statement, i, b.constData(), int(b.size()), SQLITE_STATIC);
    }
    void optionalText(int i, const QString& value)
    {
        if (value.isEmpty())
            sqlite3_bind_null(m_statement, i);
        else
            text(i, value);
    }
    void integer(int i, qint64 value) { sqlite3_bind_int64(m_statement, i, value); }
    void optionalInteger(int i, qint64 value)
    {
        if (value)
            integer(i, value);
        else
            sqlite3_bind_null(m_statement, i);
    }
    bool run()
    {
        const int rc = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
        m_buffers.clear();
        return rc == SQLITE_DONE;
    }

private:
    sqlite3_stmt* m_statement = nullptr;
    bool m_ok = false;
    std::vector<QByteArray> m_buffers;
};

QString columnText(sqlite3_stmt* s, int i)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(s, i)) : QString();
}

Error sqliteError(sqlite3* db)
{
    return Error{KbGenerator::tr("Writing the knowledge base failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))),
                 QStringLiteral("io")};
}

/// Reads rows of a query with up to two integer parameters.
template<typename RowFn>
Status query(sqlite3* db, const char* sql, std::initializer_list<qint64> parameters, RowFn row)
{
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
        return sqliteError(db);
    int index = 1;
    for (qint64 p : parameters)
        sqlite3_bind_int64(s, index++, p);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        row(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? Status() : Status(sqliteError(db));
}

Status exec(sqlite3* db, const char* sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK ? Status() : Status(sqliteError(db));
}

/// A time in the working day of an agent in Beijing (08:00–22:00 local), on the UTC day that starts at dayMs.
qint64 workingTime(qint64 dayStartUtc, KbRandom& r)
{
    const qint64 beijingDay = dayStartUtc - kBeijingOffsetMs; // 00:00 Beijing of that date, in UTC
    return beijingDay + 8 * kHourMs + qint64(r.range(0, 14 * 60 - 1)) * kMinuteMs + r.range(0, 59999);
}

/// The category an article linked to a ticket most likely belongs to, read from the ticket's words and queue.
QString categoryForTicket(const TicketInfo& t, KbRandom& r)
{
    const QString& s = t.title;
    const auto has = [&s](const char* word) { return s.contains(QString::fromUtf8(word), Qt::CaseInsensitive); };
    if (has("漫游") || has("roaming"))
        return QStringLiteral("roaming");
    if (has("携号") || has("转网") || has("porting"))
        return QStringLiteral("porting");
    if (has("实名") || has("real-name"))
        return QStringLiteral("realname");
    if (has("宽带") || has("光猫") || has("broadband") || has("IPTV") || t.queue == QLatin1String("broadband"))
        return t.kind == QLatin1String("fault") || r.chance(0.5) ? QStringLiteral("broadband.fault")
                                                                 : QStringLiteral("broadband.install");
    if (has("信号") || has("5G") || has("短信") || has("signal") || t.queue == QLatin1String("network"))
        return QStringLiteral("network");
    if (has("流量") || has("data"))
        return QStringLiteral("plans.data");
    if (has("套餐") || has("plan"))
        return QStringLiteral("plans.change");
    if (has("发票") || has("invoice"))
        return QStringLiteral("billing");
    if (has("停机") || has("缴费") || has("复机") || has("suspend") || has("payment"))
        return QStringLiteral("billing.payment");
    if (t.queue == QLatin1String("billing") || t.queue == QLatin1String("complaints") || has("扣费") || has("charge"))
        return QStringLiteral("billing.dispute");
    if (t.queue == QLatin1String("porting"))
        return QStringLiteral("porting");
    static const char* const general[] = {"plans", "plans.data", "device", "billing"};
    return QString::fromUtf8(general[r.range(0, 3)]);
}

const char* const kGenericNotesZh[] = {"措辞修订，统一术语", "更新办理渠道说明", "调整步骤顺序", "修正错别字"};
const char* const kGenericNotesEn[] = {"Wording revised", "Updated the channels", "Reordered the steps", "Fixed typos"};

/// What a pending revision changes: the note and the paragraph it adds.
struct RevisionChange
{
    const char* noteZh;
    const char* noteEn;
    const char* textZh;
    const char* textEn;
};
const RevisionChange kRevisionChanges[] = {
    {"更新%1年资费", "Updated %1 prices", "<p>%1年1月1日起，本文所列资费按最新资费公告执行，存量客户原资费保留至合约到期。</p>",
     "<p>From 1 January %1 the prices here follow the latest tariff notice; existing customers keep theirs until "
     "their contract ends.</p>"},
    {"新增eSIM办理步骤", "Added eSIM steps", "<p>支持eSIM的手机可在营业厅APP中在线办理，无需到店，人像比对通过后即时生效。</p>",
     "<p>Phones with eSIM can do this in the app without visiting a store; it takes effect once the face check "
     "passes.</p>"},
    {"补充APP操作截图说明", "Added the app steps", "<p>APP路径：首页-服务-业务办理，按页面提示操作，短信验证码确认。</p>",
     "<p>In the app: Home > Services > Requests, follow the screens and confirm with the SMS code.</p>"},
    {"根据投诉案例补充注意事项", "Added notes from complaint cases",
     "<p>近期投诉显示客户对生效时间理解不一致，受理时须明确告知生效日期并短信确认。</p>",
     "<p>Recent complaints show confusion about when changes start: always state the date and confirm it by "
     "SMS.</p>"},
};

const char* const kSendBackZh[] = {"请补充资费表后重新提交", "步骤描述不完整，请补充派单条件", "标题请写明适用范围",
                                   "与现行规则不一致，请核对后修改"};
const char* const kSendBackEn[] = {"Please add the price table and resubmit", "Steps incomplete: add when to dispatch",
                                   "Say in the title whom this applies to", "Does not match the current rules: please check"};

} // namespace

Result<KbGenerator::Stats> KbGenerator::generate(LocalStorePtr store, const Options& options,
                                                 const std::atomic<bool>* cancel)
{
    QElapsedTimer timer;
    timer.start();
    if (!store)
        return Error{tr("No database is open."), QStringLiteral("invalid")};
    if (options.articles < 1 || options.articles > kMaxArticles) {
        return Error{tr("The number of knowledge-base articles must be between 1 and %1; %2 was asked for.")
                         .arg(kMaxArticles)
                         .arg(options.articles),
                     QStringLiteral("invalid")};
    }
    const QDate asOf = options.asOf.isValid() ? options.asOf : QDateTime::currentDateTimeUtc().date();
    if (asOf.year() < 2000 || asOf.year() > 2100)
        return Error{tr("The data set's date must lie between the years 2000 and 2100."), QStringLiteral("invalid")};

    QSqlDatabase connection = store->connection();
    sqlite3* db = LocalStore::handle(connection);
    if (!db) {
        return Error{tr("The database %1 cannot be opened: %2").arg(store->path(), connection.lastError().text()),
                     QStringLiteral("io")};
    }
    const auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    const Error cancelledError{tr("Generating the knowledge base was cancelled; the database was left as it was."),
                               QStringLiteral("cancelled")};

    bool hasArticles = false;
    if (Status st = query(db, "SELECT 1 FROM kb_article LIMIT 1", {}, [&](sqlite3_stmt*) { hasArticles = true; }); !st)
        return st.error();
    if (hasArticles) {
        return Error{tr("The database %1 already holds knowledge-base articles; a generated knowledge base is only "
                        "written into an empty one.")
                         .arg(store->path()),
                     QStringLiteral("not_empty")};
    }

    const qint64 nowMs = QDateTime(asOf, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 feedbackStart = nowMs - kFeedbackDays * kDayMs;

    // ---- What the store already holds ----
    QVector<KbPlanInfo> plans;
    QStringList supervisors, agents;
    QVector<TicketInfo> tickets;
    Status read = query(db,
                        "SELECT code, name_zh, name_en, service, kind, lifecycle, monthly_fee_fen, data_mb, voice_min, "
                        "speed_mbps, contract_months FROM plan WHERE deleted_at IS NULL AND lifecycle <> 'draft' "
                        "ORDER BY code",
                        {}, [&](sqlite3_stmt* s) {
                            KbPlanInfo p;
                            p.code = columnText(s, 0);
                            p.nameZh = columnText(s, 1);
                            p.nameEn = columnText(s, 2);
                            p.service = columnText(s, 3);
                            p.kind = columnText(s, 4);
                            p.lifecycle = columnText(s, 5);
                            p.feeFen = sqlite3_column_int(s, 6);
                            p.dataMb = sqlite3_column_int(s, 7);
                            p.voiceMin = sqlite3_column_int(s, 8);
                            p.speedMbps = sqlite3_column_int(s, 9);
                            p.contractMonths = sqlite3_column_int(s, 10);
                            plans.push_back(p);
                        });
    if (read)
        read = query(db, "SELECT id, role FROM agent WHERE deleted_at IS NULL AND role IN ('supervisor', 'agent') ORDER BY id",
                     {}, [&](sqlite3_stmt* s) {
                         (columnText(s, 1) == QLatin1String("supervisor") ? supervisors : agents) << columnText(s, 0);
                     });
    if (read)
        read = query(db,
                     "SELECT id, kind, queue, title, created_at, assignee_id FROM ticket WHERE deleted_at IS NULL "
                     "AND created_at >= ?1 AND created_at < ?2 ORDER BY created_at, id",
                     {feedbackStart, nowMs}, [&](sqlite3_stmt* s) {
                         tickets.push_back({columnText(s, 0), columnText(s, 1), columnText(s, 2), columnText(s, 3),
                                            sqlite3_column_int64(s, 4), columnText(s, 5)});
                     });
    if (!read)
        return read.error();

    KbRandom r(options.seed ^ 0x6b62a11ce5ULL);
    std::mt19937_64 idRandom(options.seed ^ 0x1d5eed0fULL);
    // A store without staff still gets authors and readers: stable ids of people who are not (yet) agents here.
    if (supervisors.isEmpty()) {
        for (int i = 0; i < 6; ++i)
            supervisors << UuidV7::fromParts(quint64(nowMs - 800 * kDayMs + i), idRandom);
    }
    if (agents.isEmpty()) {
        for (int i = 0; i < 40; ++i)
            agents << UuidV7::fromParts(quint64(nowMs - 800 * kDayMs + 100 + i), idRandom);
    }

    // ---- Articles ----
    const KbWriter writer(plans, asOf.year());
    int weightTotal = 0;
    for (const auto& w : kCategoryWeights)
        weightTotal += w.second;
    const auto drawCategory = [&] {
        int x = r.range(0, weightTotal - 1);
        for (const auto& w : kCategoryWeights) {
            if (x < w.second)
                return QString::fromUtf8(w.first);
            x -= w.second;
        }
        return QStringLiteral("device");
    };
    const auto otherSupervisor = [&](const QString& not_) {
        if (supervisors.size() < 2)
            return supervisors.first();
        QString s;
        do
            s = r.pick(supervisors);
        while (s == not_);
        return s;
    };

    std::unordered_set<std::string> titlesZh, titlesEn;
    QVector<ArticleRow> articles;
    articles.reserve(options.articles);
    QVector<int> pendingRevisions; // drafts and reviews still to be attached to a published article
    for (int i = 0; i < options.articles; ++i) {
        if ((i & 255) == 0 && cancelled())
            return cancelledError;
        ArticleRow a;
        const double s = r.unit();
        a.status = s < 0.90 ? QStringLiteral("published")
                 : s < 0.94 ? QStringLiteral("draft")
                 : s < 0.97 ? QStringLiteral("in_review")
                            : QStringLiteral("retired");
        const bool revision = (a.status == QLatin1String("draft") || a.status == QLatin1String("in_review")) && r.chance(0.5);
        if (revision) {
            pendingRevisions.push_back(int(articles.size()));
            articles.push_back(a);
            continue;
        }
        const bool zh = r.chance(0.6);
        a.language = zh ? QStringLiteral("zh_CN") : QStringLiteral("en");
        const QString category = drawCategory();
        std::unordered_set<std::string>& titles = zh ? titlesZh : titlesEn;
        KbContent content;
        bool unique = false;
        for (int attempt = 0; attempt < 24 && !unique; ++attempt) {
            content = writer.write(category, zh, r);
            // Past the first tries the subject is narrowed to a city, then to a kind of customer, as regional
            // branches and specialised teams write their own versions of an article.
            const bool regional = content.title.startsWith(QChar(0x3010)) || content.title.startsWith(QLatin1Char('['));
            if (attempt >= 8 && !regional) {
                QString city, scope;
                const QString prefix = KbWriter::regionalPrefix(zh, r, &city, &scope);
                content.title = prefix + content.title;
                content.earlierTitle = prefix + content.earlierTitle;
                content.tags << city;
                content.sections.prepend(scope);
            }
            if (attempt >= 16 || (attempt >= 8 && regional)) {
                QString tag, note;
                const QString qualifier = KbWriter::customerQualifier(zh, r, &tag, &note);
                content.title += qualifier;
                content.earlierTitle += qualifier;
                content.tags << tag;
                content.sections.insert(1, note);
            }
            unique = titles.count(content.title.toStdString()) == 0;
        }
        for (int n = 2; !unique; ++n) {
            const QString numbered = content.title + (zh ? QStringLiteral("（%1）").arg(n) : QStringLiteral(" (%1)").arg(n));
            if (titles.count(numbered.toStdString()) == 0) {
                content.title = numbered;
                unique = true;
            }
        }
        titles.insert(content.title.toStdString());
        while (content.body(int(content.additions.size())).size() > 2500 && content.additions.size() > 1)
            content.additions.removeLast();

        a.title = content.title;
        a.category = content.category;
        a.tags = content.tags.join(QLatin1Char(','));
        a.authorId = r.pick(supervisors);
        const int additions = int(content.additions.size());

        if (a.status == QLatin1String("draft") || a.status == QLatin1String("in_review")) {
            a.version = 1;
            a.body = content.body(additions);
            a.createdAt = nowMs - qint64(r.range(1, 90)) * kDayMs + r.range(0, int(kDayMs / 2));
            a.updatedAt = std::min(nowMs - 1, a.createdAt + qint64(r.range(0, 72)) * kHourMs);
            if (a.status == QLatin1String("draft") && r.chance(0.3)) {
                const int k = r.range(0, 3);
                a.reviewNote = QString::fromUtf8(zh ? kSendBackZh[k] : kSendBackEn[k]);
                a.reviewerId = otherSupervisor(a.authorId);
            }
            a.changeNote = zh ? QStringLiteral("新建文章") : QStringLiteral("New article");
            articles.push_back(a);
            continue;
        }

        // Published (or later retired): versions 1..v, each a snapshot.
        const double v = r.unit();
        a.version = v < 0.5 ? 1 : v < 0.78 ? 2 : v < 0.92 ? 3 : 4;
        a.createdAt = nowMs - qint64(r.range(20, 730)) * kDayMs + r.range(0, int(kDayMs / 2));
        const qint64 firstPublished = std::min(nowMs - kHourMs, a.createdAt + qint64(r.range(1, 10)) * kDayMs);
        QVector<qint64> times{firstPublished};
        for (int k = 1; k < a.version; ++k)
            times << firstPublished + qint64(r.unit() * double(nowMs - kHourMs - firstPublished));
        std::sort(times.begin(), times.end());
        a.reviewerId = otherSupervisor(a.authorId);
        for (int k = 1; k <= a.version; ++k) {
            VersionRow ver;
            ver.version = k;
            ver.publishedAt = times.at(k - 1) + k; // strictly increasing
            const int shown = std::max(0, additions - (a.version - k));
            ver.body = content.body(shown);
            ver.title = k == 1 && a.version > 1 ? content.earlierTitle : content.title;
            if (k == 1) {
                ver.changeNote = zh ? QStringLiteral("首次发布") : QStringLiteral("First published");
            } else if (shown >= 1 && shown <= additions && shown > std::max(0, additions - (a.version - (k - 1)))) {
                ver.changeNote = content.additions.at(shown - 1).changeNote;
            } else {
                const int g = r.range(0, 3);
                ver.changeNote = QString::fromUtf8(zh ? kGenericNotesZh[g] : kGenericNotesEn[g]);
            }
            ver.id = UuidV7::fromParts(quint64(ver.publishedAt), idRandom);
            a.versions.push_back(ver);
        }
        a.body = a.versions.last().body;
        a.title = a.versions.last().title;
        a.changeNote = a.versions.last().changeNote;
        a.publishedAt = a.versions.last().publishedAt;
        a.updatedAt = a.publishedAt;
        if (a.status == QLatin1String("retired")) {
            a.updatedAt = std::min(nowMs - 1, a.publishedAt + qint64(r.unit() * double(nowMs - a.publishedAt)));
            a.reviewNote = zh ? QStringLiteral("规则已调整，本文停用") : QStringLiteral("Rules changed; withdrawn");
        }
        a.poor = a.status == QLatin1String("published") && r.chance(0.03);
        articles.push_back(a);
    }

    // Revisions: a draft or a review of a published article, its version + 1, at most one per article.
    QVector<int> revisable;
    for (int i = 0; i < articles.size(); ++i) {
        if (articles.at(i).status == QLatin1String("published"))
            revisable << i;
    }
    std::shuffle(revisable.begin(), revisable.end(), r.engine());
    for (int n = 0; n < pendingRevisions.size(); ++n) {
        ArticleRow& a = articles[pendingRevisions.at(n)];
        if (n >= revisable.size()) {
            // Nothing published to revise (a tiny knowledge base): a new draft instead.
            const bool zh = r.chance(0.6);
            const KbContent content = writer.write(drawCategory(), zh, r);
            a.language = zh ? QStringLiteral("zh_CN") : QStringLiteral("en");
            a.title = content.title + (zh ? QStringLiteral("（草稿）") : QStringLiteral(" (draft)"));
            a.body = content.body(int(content.additions.size()));
            a.category = content.category;
            a.tags = content.tags.join(QLatin1Char(','));
            a.authorId = r.pick(supervisors);
            a.createdAt = nowMs - qint64(r.range(1, 60)) * kDayMs;
            a.updatedAt = a.createdAt;
            a.changeNote = zh ? QStringLiteral("新建文章") : QStringLiteral("New article");
            continue;
        }
        const ArticleRow& target = articles.at(revisable.at(n));
        const bool zh = target.language == QLatin1String("zh_CN");
        const RevisionChange& change = r.pick(kRevisionChanges);
        const QString year = QString::number(asOf.year() + 1);
        a.language = target.language;
        a.category = target.category;
        a.tags = target.tags;
        a.title = target.title;
        a.body = target.body + QString::fromUtf8(zh ? change.textZh : change.textEn).replace(QLatin1String("%1"), year);
        a.changeNote = QString::fromUtf8(zh ? change.noteZh : change.noteEn).replace(QLatin1String("%1"), year);
        a.version = target.version + 1;
        a.revisionTarget = revisable.at(n); // its id once ids exist
        a.authorId = r.pick(supervisors);
        a.createdAt = std::max(target.publishedAt + kHourMs, nowMs - qint64(r.range(1, 45)) * kDayMs);
        a.createdAt = std::min(a.createdAt, nowMs - kMinuteMs);
        a.updatedAt = std::min(nowMs - 1, a.createdAt + qint64(r.range(0, 48)) * kHourMs);
        a.versions.clear();
    }

    // Ids in creation order, so the tables are appended to.
    QVector<int> order(articles.size());
    for (int i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](int x, int y) { return articles.at(x).createdAt < articles.at(y).createdAt; });
    for (int i : order)
        articles[i].id = UuidV7::fromParts(quint64(articles.at(i).createdAt), idRandom);
    for (ArticleRow& a : articles) {
        if (a.revisionTarget >= 0)
            a.revisionOf = articles.at(a.revisionTarget).id;
    }

    // ---- Feedback over the last 60 days: Zipf-like popularity ----
    QVector<int> published;
    for (int i = 0; i < articles.size(); ++i) {
        if (articles.at(i).status == QLatin1String("published"))
            published << i;
    }
    std::vector<FeedbackRow> feedback;
    if (!published.isEmpty()) {
        QVector<int> ranking = published;
        std::shuffle(ranking.begin(), ranking.end(), r.engine());
        std::vector<double> cumulative;
        cumulative.reserve(std::size_t(ranking.size()));
        double total = 0;
        for (int k = 0; k < ranking.size(); ++k) {
            const double w = 1.0 / std::pow(double(k + 1), 0.9);
            articles[ranking.at(k)].popularity = w;
            total += w;
            cumulative.push_back(total);
        }
        const qint64 views = std::min<qint64>(qint64(published.size()) * 12, qint64(agents.size()) * kFeedbackDays * 40);
        std::unordered_set<quint64> viewed;   // (article, agent, day)
        std::set<std::tuple<int, int, int>> voted; // (article, agent, version)
        const auto versionAt = [&](const ArticleRow& a, qint64 at) {
            int v = 1;
            for (const VersionRow& ver : a.versions) {
                if (ver.publishedAt <= at)
                    v = ver.version;
            }
            return v;
        };
        for (qint64 n = 0; n < views; ++n) {
            if ((n & 4095) == 0 && cancelled())
                return cancelledError;
            const double x = r.unit() * total;
            const int rank = int(std::lower_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
            const int index = ranking.at(std::min(rank, int(ranking.size()) - 1));
            const int agent = r.range(0, int(agents.size()) - 1);
            const int day = r.range(0, kFeedbackDays - 1);
            const qint64 dayStart = feedbackStart + qint64(day) * kDayMs;
            const int weekday = QDateTime::fromMSecsSinceEpoch(dayStart, Qt::UTC).date().dayOfWeek();
            if (weekday >= 6 && r.chance(0.5))
                continue; // quieter weekends
            const qint64 at = std::min(nowMs - 1, workingTime(dayStart, r));
            ArticleRow& a = articles[index];
            if (at < a.versions.first().publishedAt)
                continue;
            const quint64 key = (quint64(index) << 32) | (quint64(agent) << 12) | quint64(day);
            if (!viewed.insert(key).second)
                continue;
            const int version = versionAt(a, at);
            feedback.push_back({at, index, agent, "view", version});
            ++a.views;
            if (r.chance(a.poor ? 0.2 : 0.08)) {
                if (!voted.insert({index, agent, version}).second)
                    continue;
                const bool helpful = r.chance(a.poor ? 0.25 : 0.88);
                const qint64 voteAt = std::min(nowMs - 1, at + qint64(r.range(1, 15)) * kMinuteMs);
                feedback.push_back({voteAt, index, agent, helpful ? "helpful" : "not_helpful", version});
                ++(helpful ? a.helpful : a.notHelpful);
            }
        }
        std::stable_sort(feedback.begin(), feedback.end(),
                         [](const FeedbackRow& x, const FeedbackRow& y) { return x.at < y.at; });
    }

    // ---- Ticket links: the article an agent would have used for the ticket ----
    struct LinkRow
    {
        int ticket;
        int article;
        QString agentId;
        qint64 at;
    };
    std::vector<LinkRow> links;
    if (!published.isEmpty() && !tickets.isEmpty()) {
        QHash<QString, QVector<int>> byCategory;
        for (int i : published)
            byCategory[articles.at(i).category + articles.at(i).language] << i;
        for (int t = 0; t < tickets.size(); ++t) {
            const TicketInfo& ticket = tickets.at(t);
            if (!r.chance(ticket.kind == QLatin1String("fault") ? 0.5 : 0.25))
                continue;
            const QString category = categoryForTicket(ticket, r);
            const QString language = r.chance(0.85) ? QStringLiteral("zh_CN") : QStringLiteral("en");
            const auto it = byCategory.constFind(category + language);
            if (it == byCategory.constEnd() || it->isEmpty())
                continue;
            // The popular article of the category more often than not.
            int best = it->at(r.range(0, int(it->size()) - 1));
            for (int k = 0; k < 2; ++k) {
                const int other = it->at(r.range(0, int(it->size()) - 1));
                if (articles.at(other).popularity > articles.at(best).popularity)
                    best = other;
            }
            const qint64 at = std::min(nowMs - 1, ticket.createdAt + qint64(r.range(2, 600)) * kMinuteMs);
            if (at < articles.at(best).versions.first().publishedAt)
                continue;
            links.push_back({t, best, ticket.assigneeId.isEmpty() ? r.pick(agents) : ticket.assigneeId, at});
        }
    }

    const qint64 planMs = timer.elapsed();

    // ---- Writing: one transaction (a savepoint inside a caller's transaction) ----
    const bool ownTransaction = sqlite3_get_autocommit(db) != 0;
    if (Status st = exec(db, ownTransaction ? "BEGIN IMMEDIATE" : "SAVEPOINT kb_generate"); !st)
        return st.error();
    const auto rollback = [&] {
        if (ownTransaction)
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        else
            sqlite3_exec(db, "ROLLBACK TO kb_generate; RELEASE kb_generate", nullptr, nullptr, nullptr);
    };
    const auto fail = [&](const Error& error) {
        rollback();
        return error;
    };

    Stats stats;
    {
        Statement article(db, "INSERT INTO kb_article (id, title, body, category, tags, language, status, version, "
                              "helpful_up, helpful_down, views, updated_at, author_id, reviewer_id, created_at, "
                              "published_at, change_note, review_note, revision_of) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
        Statement version(db, "INSERT INTO kb_article_version (id, article_id, version, title, body, category, tags, "
                              "change_note, author_id, reviewer_id, published_at, updated_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
        Statement vote(db, "INSERT INTO kb_feedback (id, article_id, agent_id, kind, version, at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
        Statement link(db, "INSERT INTO ticket_kb_link (id, ticket_id, article_id, agent_id, linked_at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
        if (!article.ok() || !version.ok() || !vote.ok() || !link.ok())
            return fail(sqliteError(db));

        int written = 0;
        for (int i : order) {
            if ((++written & 127) == 0 && cancelled())
                return fail(cancelledError);
            const ArticleRow& a = articles.at(i);
            article.text(1, a.id);
            article.text(2, a.title);
            article.text(3, a.body);
            article.text(4, a.category);
            article.text(5, a.tags);
            article.text(6, a.language);
            article.text(7, a.status);
            article.integer(8, a.version);
            article.integer(9, a.helpful);
            article.integer(10, a.notHelpful);
            article.integer(11, a.views);
            article.integer(12, a.updatedAt);
            article.text(13, a.authorId);
            article.optionalText(14, a.reviewerId);
            article.integer(15, a.createdAt);
            article.optionalInteger(16, a.publishedAt);
            article.text(17, a.changeNote);
            article.text(18, a.reviewNote);
            article.optionalText(19, a.revisionOf);
            if (!article.run())
                return fail(cancelled() ? cancelledError : sqliteError(db));
            ++stats.articles;
            if (a.status == QLatin1String("published"))
                ++stats.published;
            for (const VersionRow& v : a.versions) {
                version.text(1, v.id);
                version.text(2, a.id);
                version.integer(3, v.version);
                version.text(4, v.title);
                version.text(5, v.body);
                version.text(6, a.category);
                version.text(7, a.tags);
                version.text(8, v.changeNote);
                version.text(9, a.authorId);
                version.optionalText(10, a.reviewerId);
                version.integer(11, v.publishedAt);
                if (!version.run())
                    return fail(sqliteError(db));
                ++stats.versions;
            }
        }
        for (std::size_t n = 0; n < feedback.size(); ++n) {
            if ((n & 1023) == 0 && cancelled())
                return fail(cancelledError);
            const FeedbackRow& f = feedback[n];
            const QString& articleId = articles.at(f.article).id;
            const QString& agentId = agents.at(f.agent);
            vote.text(1, qstrcmp(f.kind, "view") == 0 ? KbFeedbackService::viewId(articleId, agentId, f.at)
                                                      : KbFeedbackService::voteId(articleId, agentId, f.version));
            vote.text(2, articleId);
            vote.text(3, agentId);
            vote.text(4, QString::fromLatin1(f.kind));
            vote.integer(5, f.version);
            vote.integer(6, f.at);
            if (!vote.run())
                return fail(sqliteError(db));
            ++stats.feedback;
        }
        for (const LinkRow& l : links) {
            link.text(1, UuidV7::fromParts(quint64(l.at), idRandom));
            link.text(2, tickets.at(l.ticket).id);
            link.text(3, articles.at(l.article).id);
            link.text(4, l.agentId);
            link.integer(5, l.at);
            if (!link.run())
                return fail(sqliteError(db));
            ++stats.links;
        }
    }
    if (cancelled())
        return fail(cancelledError);
    if (Status st = exec(db, ownTransaction ? "COMMIT" : "RELEASE kb_generate"); !st)
        return fail(st.error());

    stats.seconds = double(timer.elapsed()) / 1000.0;
    qCInfo(lcDemo) << "knowledge base:" << stats.articles << "articles (" << stats.published << "published),"
                   << stats.versions << "versions," << stats.feedback << "views and votes," << stats.links
                   << "ticket links in" << stats.seconds << "s (content and feedback planned in" << planMs
                   << "ms, written in" << timer.elapsed() - planMs << "ms)";
    return stats;
}

} // namespace telcodesk
