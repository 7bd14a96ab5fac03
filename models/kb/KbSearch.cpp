#include "kb/KbSearch.h"

#include "kb/KbQuery.h"
#include "kb/KbSnippet.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace telcodesk {

namespace {

constexpr qint64 kDayMs = 86400000;
constexpr qint64 kBeijingOffsetMs = 8 * 3600000;

// bm25 column weights: title, tags, body. A word in the title outweighs the same word many times in a
// long body, which is what an agent scanning titles expects.
constexpr const char* kBm25 = "bm25(kb_fts, 10.0, 4.0, 1.0)";

qint64 beijingDay(qint64 ms)
{
    return (ms + kBeijingOffsetMs) / kDayMs;
}

QStringList splitTags(const QString& tags)
{
    QStringList out;
    for (const QString& part : tags.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty())
            out.append(tag);
    }
    return out;
}

QString leadHtml(const QString& body, int chars)
{
    QString text = body.left(chars);
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (body.size() > chars)
        text.append(QChar(0x2026));
    return text.toHtmlEscaped();
}

Error ioError(const QSqlQuery& q)
{
    return Error{QObject::tr("The knowledge base cannot be read: %1").arg(q.lastError().text()),
                 QStringLiteral("io")};
}

/// The filter as SQL over kb_search s, with its values to bind in order.
struct FilterSql
{
    QString where;
    QVariantList values;
};

Result<FilterSql> filterSql(QSqlDatabase& db, const KbSearchFilter& filter)
{
    FilterSql out;
    QStringList parts;
    if (!filter.includeUnpublished)
        parts << QStringLiteral("s.status = 'published'");
    if (!filter.language.isEmpty()) {
        parts << QStringLiteral("s.language = ?");
        out.values << filter.language;
    }
    if (!filter.category.isEmpty()) {
        // The subtree from the catalog: a category added on the server need not follow the dotted codes.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT code, parent_code FROM kb_category WHERE deleted_at IS NULL")))
            return ioError(q);
        QMultiHash<QString, QString> children;
        while (q.next())
            children.insert(q.value(1).toString(), q.value(0).toString());
        QStringList codes{filter.category};
        for (int i = 0; i < codes.size(); ++i) {
            for (const QString& child : children.values(codes.at(i))) {
                if (!codes.contains(child))
                    codes.append(child);
            }
        }
        QStringList marks;
        for (const QString& code : codes) {
            marks << QStringLiteral("?");
            out.values << code;
        }
        parts << QStringLiteral("s.category IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    if (!filter.tag.isEmpty()) {
        parts << QStringLiteral("instr(',' || s.tags || ',', ?) > 0");
        out.values << QString(QLatin1Char(',') + filter.tag.trimmed() + QLatin1Char(','));
    }
    out.where = parts.isEmpty() ? QStringLiteral("1") : parts.join(QStringLiteral(" AND "));
    return out;
}

void fillMeta(KbHit& hit, const QSqlQuery& q, int from)
{
    hit.articleId = q.value(from).toString();
    hit.title = q.value(from + 1).toString();
    hit.tags = splitTags(q.value(from + 2).toString());
    hit.language = q.value(from + 3).toString();
    hit.category = q.value(from + 4).toString();
    hit.status = q.value(from + 5).toString();
    hit.version = q.value(from + 6).toInt();
}

/// A hit listed without a query (browse, most useful): column 0 the body's start, then kMetaColumns.
KbHit leadHit(const QSqlQuery& q)
{
    KbHit hit;
    fillMeta(hit, q, 1);
    hit.titleHtml = hit.title.toHtmlEscaped();
    hit.snippetHtml = leadHtml(q.value(0).toString(), 160);
    return hit;
}

const char* const kMetaColumns = "s.article_id, s.title, s.tags, s.language, s.category, s.status, a.version";

} // namespace

KbSearch::KbSearch(LocalStorePtr store, const Clock& clock) : m_store(std::move(store)), m_clock(clock) {}

Result<KbSearchResult> KbSearch::search(const QString& typed, const KbSearchFilter& filter) const
{
    const KbQuery query = KbQuery::parse(typed);
    KbSearchResult empty;
    empty.truncated = query.truncated();
    if (query.isEmpty())
        return empty;
    Result<KbSearchResult> all = runMatch(query.matchAll(), filter, query.chunks());
    if (!all)
        return all;
    if (all->hits.isEmpty() && query.chunks().size() > 1) {
        Result<KbSearchResult> any = runMatch(query.matchAny(), filter, query.chunks());
        if (!any)
            return any;
        KbSearchResult result = std::move(any).value();
        result.partial = !result.hits.isEmpty();
        result.truncated = query.truncated();
        return result;
    }
    KbSearchResult result = std::move(all).value();
    result.truncated = query.truncated();
    return result;
}

Result<KbSearchResult> KbSearch::runMatch(const QString& match, const KbSearchFilter& filter,
                                          const QStringList& chunks) const
{
    KbSearchResult result;
    if (match.isEmpty())
        return result;
    QSqlDatabase db = m_store->connection();
    const Result<FilterSql> where = filterSql(db, filter);
    if (!where)
        return where.error();
    // Published articles are indexed apart from the rest (migration 11), so an agent's search needs no
    // status filter; the kb_search row is joined only for the filters that need it.
    const bool needsRow = !filter.language.isEmpty() || !filter.category.isEmpty() || !filter.tag.isEmpty();
    QStringList tables{QStringLiteral("kb_fts")};
    if (filter.includeUnpublished)
        tables << QStringLiteral("kb_fts_work");

    // 1. The best matches by bm25 (lower is better), capped, with the last 30 days' votes of each.
    struct Candidate
    {
        qint64 rowid;
        double relevance; ///< -bm25: higher is better
        double score;
        int up = 0;
        int down = 0;
    };
    QVector<Candidate> candidates;
    const qint64 since = beijingDay(m_clock.nowMs()) - 29;
    for (const QString& table : tables) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        const QString inner = needsRow
            ? QStringLiteral("SELECT f.rowid AS rid, bm25(%1, 10.0, 4.0, 1.0) AS r FROM %1 f "
                             "JOIN kb_search s ON s.rowid_ = f.rowid WHERE %1 MATCH ? AND %2 ORDER BY 2 LIMIT %3")
                  .arg(table, where->where)
                  .arg(kRerankWindow)
            : QStringLiteral("SELECT rowid AS rid, bm25(%1, 10.0, 4.0, 1.0) AS r FROM %1 WHERE %1 MATCH ? "
                             "ORDER BY 2 LIMIT %2")
                  .arg(table)
                  .arg(kRerankWindow);
        q.prepare(QStringLiteral("SELECT m.rid, m.r, "
                                 "  (SELECT SUM(d.helpful) FROM kb_feedback_day d WHERE d.article_id = s.article_id AND d.day >= ?), "
                                 "  (SELECT SUM(d.not_helpful) FROM kb_feedback_day d WHERE d.article_id = s.article_id AND d.day >= ?) "
                                 "FROM (%1) m JOIN kb_search s ON s.rowid_ = m.rid")
                      .arg(inner));
        q.addBindValue(since);
        q.addBindValue(since);
        q.addBindValue(match);
        if (needsRow) {
            for (const QVariant& v : where->values)
                q.addBindValue(v);
        }
        if (!q.exec())
            return ioError(q);
        while (q.next()) {
            Candidate c{q.value(0).toLongLong(), -q.value(1).toDouble(), 0, q.value(2).toInt(), q.value(3).toInt()};
            // The votes move an article by a factor between 0.6 and 1.4, so a well-voted body match does
            // not overtake a clear title match.
            const double factor = std::clamp(1.0 + 0.12 * std::log1p(c.up) - 0.12 * std::log1p(c.down), 0.6, 1.4);
            c.score = c.relevance * factor;
            candidates.append(c);
        }
        if (needsRow) {
            result.matched += int(std::min<qsizetype>(candidates.size(), kMatchCap));
        } else {
            QSqlQuery count(db);
            count.prepare(QStringLiteral("SELECT count(*) FROM %1 WHERE %1 MATCH ?").arg(table));
            count.addBindValue(match);
            if (!count.exec() || !count.next())
                return ioError(count);
            result.matched += count.value(0).toInt();
        }
    }
    result.matched = std::min(result.matched, kMatchCap);
    if (candidates.isEmpty())
        return result;
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    const int limit = std::max(1, filter.limit);
    if (candidates.size() > limit)
        candidates.resize(limit);

    // 2. The rows shown, with their title and a passage of the body marked where they matched.
    const KbSnippet marks(chunks);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT s.body, %1 FROM kb_search s LEFT JOIN kb_article a ON a.id = s.article_id "
                             "WHERE s.rowid_ = ?")
                  .arg(QLatin1String(kMetaColumns)));
    for (const Candidate& c : candidates) {
        q.bindValue(0, c.rowid);
        if (!q.exec())
            return ioError(q);
        if (!q.next())
            continue;
        KbHit hit;
        fillMeta(hit, q, 1);
        hit.titleHtml = marks.highlight(hit.title);
        hit.snippetHtml = marks.snippet(q.value(0).toString(), hit.language == QLatin1String("en") ? 180 : 72);
        hit.score = c.score;
        hit.helpfulRecent = c.up;
        hit.notHelpfulRecent = c.down;
        result.hits.append(hit);
    }
    return result;
}

Result<QVector<KbHit>> KbSearch::browse(const KbSearchFilter& filter) const
{
    QSqlDatabase db = m_store->connection();
    const Result<FilterSql> where = filterSql(db, filter);
    if (!where)
        return where.error();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT substr(s.body, 1, 161), %1 FROM kb_search s JOIN kb_article a ON a.id = s.article_id "
                             "WHERE %2 ORDER BY COALESCE(a.published_at, a.created_at, 0) DESC, s.rowid_ DESC LIMIT ?")
                  .arg(QLatin1String(kMetaColumns), where->where));
    for (const QVariant& v : where->values)
        q.addBindValue(v);
    q.addBindValue(std::max(1, filter.limit));
    if (!q.exec())
        return ioError(q);
    QVector<KbHit> hits;
    while (q.next())
        hits.append(leadHit(q));
    return hits;
}

Result<QVector<KbHit>> KbSearch::mostUseful(int days, int limit, const QString& language) const
{
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
                  "SELECT substr(s.body, 1, 161), %1, f.up, f.down, f.links, f.views "
                  "FROM (SELECT article_id, SUM(helpful) AS up, SUM(not_helpful) AS down, SUM(links) AS links, "
                  "             SUM(views) AS views FROM kb_feedback_day WHERE day >= ? GROUP BY article_id) f "
                  "JOIN kb_search s ON s.article_id = f.article_id JOIN kb_article a ON a.id = s.article_id "
                  "WHERE s.status = 'published' AND (? = '' OR s.language = ?) "
                  "  AND f.up - f.down + f.links + f.views / 10.0 > 0 "
                  "ORDER BY f.up - f.down + f.links + f.views / 10.0 DESC, a.published_at DESC LIMIT ?")
                  .arg(QLatin1String(kMetaColumns)));
    q.addBindValue(beijingDay(m_clock.nowMs()) - std::max(1, days) + 1);
    // A null QString binds as NULL, and "NULL = ''" is not true.
    const QString lang = language.isEmpty() ? QStringLiteral("") : language;
    q.addBindValue(lang);
    q.addBindValue(lang);
    q.addBindValue(std::max(1, limit));
    if (!q.exec())
        return ioError(q);
    QVector<KbHit> hits;
    while (q.next()) {
        KbHit hit = leadHit(q);
        hit.helpfulRecent = q.value(8).toInt();
        hit.notHelpfulRecent = q.value(9).toInt();
        hit.linksRecent = q.value(10).toInt();
        hit.viewsRecent = q.value(11).toInt();
        hit.score = hit.helpfulRecent - hit.notHelpfulRecent + hit.linksRecent + hit.viewsRecent / 10.0;
        hits.append(hit);
    }
    return hits;
}

Result<QStringList> KbSearch::tags(int limit) const
{
    QSqlQuery q(m_store->connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT tags FROM kb_search WHERE status = 'published' AND tags <> ''")))
        return ioError(q);
    QHash<QString, int> counts;
    while (q.next()) {
        for (const QString& tag : splitTags(q.value(0).toString()))
            ++counts[tag];
    }
    QVector<QPair<int, QString>> ordered;
    ordered.reserve(counts.size());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        ordered.append({it.value(), it.key()});
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    QStringList out;
    for (const auto& entry : ordered) {
        if (out.size() >= limit)
            break;
        out.append(entry.second);
    }
    return out;
}

} // namespace telcodesk
