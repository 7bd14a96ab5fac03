#include "kb/KbSuggest.h"

#include "kb/KbFts.h"
#include "kb/KbQuery.h"
#include "kb/KbSearch.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace telcodesk {

namespace {

/// Words that say nothing about a problem: English function words, and the pairs of ticket language
/// ("the customer called and asked…", 客户来电反映…) that every description has. Chinese function words
/// need no list: they are single characters, which are never suggestion terms.
const QSet<QString>& stopwords()
{
    static const QSet<QString> words = [] {
        QSet<QString> set;
        for (const char* w : {"the", "and", "for", "are", "but", "not", "you", "your", "all", "any", "can", "had",
                              "her", "was", "one", "our", "out", "has", "have", "him", "his", "how", "its", "may",
                              "new", "now", "see", "two", "who", "did", "get", "got", "let", "say", "she", "too",
                              "use", "this", "that", "with", "from", "they", "them", "then", "than", "there",
                              "their", "what", "when", "where", "which", "while", "will", "would", "could",
                              "should", "been", "being", "were", "into", "also", "just", "only", "some", "such",
                              "very", "about", "after", "again", "before", "because", "does", "doing", "each",
                              "here", "more", "most", "other", "over", "same", "still", "please", "customer",
                              "said", "says", "told", "asked", "wants", "want", "since", "yesterday", "today",
                              "called", "calls", "call", "again", "soon", "possible",
                              "客户", "用户", "来电", "反映", "表示", "要求", "希望", "询问", "咨询", "称本", "发现",
                              "已经", "没有", "需要", "现在", "今天", "昨天", "昨晚", "一直", "自己", "可以", "是否",
                              "什么", "怎么", "因为", "所以", "但是", "如果", "比较", "情况", "问题", "尽快", "处理",
                              "告知", "核实", "回电", "再次", "催促", "同时", "给出", "答复", "多少", "以及", "担心",
                              "之前", "之后", "目前", "还是", "一下", "一个", "这个", "那个", "我们", "他们", "您好"})
            set.insert(QString::fromUtf8(w));
        return set;
    }();
    return words;
}

bool isHanToken(const QString& token)
{
    return !token.isEmpty() && KbFts::isHan(token.toUcs4().constFirst());
}

/// Document frequencies already looked up, per database file, shared by every KbSuggest of the process.
/// A frequency is a statistic: a cached one is used until the published articles change in number or a
/// new article arrives (the generation), or for ten minutes at most.
struct FrequencyCache
{
    QMutex mutex;
    struct PerStore
    {
        QString generation;
        qint64 createdMs = 0;
        QHash<QString, int> df;
    };
    QHash<QString, PerStore> stores;
};

FrequencyCache& frequencyCache()
{
    static FrequencyCache cache;
    return cache;
}

constexpr qint64 kCacheLifeMs = 10 * 60 * 1000;

} // namespace

KbSuggest::KbSuggest(LocalStorePtr store) : m_store(std::move(store)) {}

Result<QStringList> KbSuggest::keyTerms(const QString& text, int limit) const
{
    // Term frequencies in the text: Han pairs and words, as the index would see the query.
    const QString bounded = text.left(4000);
    QHash<QString, int> tf;
    QStringList order; // first appearance, for stable ties
    for (const QString& token : KbFts::tokens(bounded, KbFts::Mode::Query)) {
        const bool han = isHanToken(token);
        if (han ? token.size() < 2 : token.size() < 3)
            continue;
        if (stopwords().contains(token))
            continue;
        if (!han && token.size() < 4 && std::all_of(token.cbegin(), token.cend(), [](QChar c) { return c.isDigit(); }))
            continue; // short numbers ("12", "300") match everywhere and mean little
        if (!tf.contains(token))
            order.append(token);
        ++tf[token];
    }
    if (order.isEmpty())
        return QStringList();

    QSqlDatabase db = m_store->connection();
    QSqlQuery count(db);
    if (!count.exec(QStringLiteral("SELECT count(*), (SELECT max(rowid_) FROM kb_search) FROM kb_search "
                                   "WHERE status = 'published'"))
        || !count.next())
        return Error{QObject::tr("The knowledge base cannot be read: %1").arg(count.lastError().text()),
                     QStringLiteral("io")};
    const double documents = count.value(0).toDouble();
    const QString generation = count.value(0).toString() + QLatin1Char('/') + count.value(1).toString();
    count.finish();
    if (documents < 1)
        return QStringList();

    // A term in more than a tenth of the articles does not tell them apart, and an OR over such
    // terms would rank thousands of rows; counting stops there, which keeps the lookups of common terms
    // cheap. Words are counted through the index's own stemming.
    const int cap = std::max(3, int(documents / 10));
    sqlite3* handle = LocalStore::handle(db);
    sqlite3_stmt* stmt = nullptr;
    if (!handle
        || sqlite3_prepare_v2(handle, "SELECT count(*) FROM (SELECT 1 FROM kb_fts WHERE kb_fts MATCH ?1 LIMIT ?2)",
                              -1, &stmt, nullptr)
            != SQLITE_OK)
        return Error{QObject::tr("The knowledge base cannot be read: %1")
                         .arg(handle ? QString::fromUtf8(sqlite3_errmsg(handle)) : QString()),
                     QStringLiteral("io")};
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);

    FrequencyCache& cache = frequencyCache();
    QHash<QString, int> known;
    {
        QMutexLocker lock(&cache.mutex);
        FrequencyCache::PerStore& store = cache.stores[m_store->path()];
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (store.generation != generation || now - store.createdMs > kCacheLifeMs) {
            store.generation = generation;
            store.createdMs = now;
            store.df.clear();
        }
        // Only this text's terms: the cache grows over a day and is never copied whole.
        for (const QString& term : order) {
            const auto hit = store.df.constFind(term);
            if (hit != store.df.constEnd())
                known.insert(term, hit.value());
        }
    }
    QHash<QString, int> found;
    const auto frequency = [&](const QString& term) -> int {
        const auto hit = known.constFind(term);
        if (hit != known.constEnd())
            return hit.value();
        const QByteArray match = KbQuery::quoted(term).toUtf8();
        sqlite3_bind_text(stmt, 1, match.constData(), int(match.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int(stmt, 2, cap + 1);
        int df = 0;
        if (sqlite3_step(stmt) == SQLITE_ROW)
            df = sqlite3_column_int(stmt, 0);
        sqlite3_reset(stmt);
        found.insert(term, df);
        return df;
    };

    struct Scored
    {
        QString term;
        double score;
        int first;
    };
    QVector<Scored> scored;
    for (int i = 0; i < order.size(); ++i) {
        const QString& term = order.at(i);
        const int d = frequency(term);
        if (d < 1 || d > cap)
            continue;
        const double idf = std::log(documents / d);
        scored.append({term, std::sqrt(double(tf.value(term))) * idf, i});
    }
    if (!found.isEmpty()) {
        QMutexLocker lock(&cache.mutex);
        FrequencyCache::PerStore& store = cache.stores[m_store->path()];
        if (store.generation == generation) {
            for (auto it = found.cbegin(); it != found.cend(); ++it)
                store.df.insert(it.key(), it.value());
        }
    }
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        return a.score != b.score ? a.score > b.score : a.first < b.first;
    });
    QStringList terms;
    for (const Scored& s : scored) {
        if (terms.size() >= limit)
            break;
        terms.append(s.term);
    }
    return terms;
}

Result<QVector<KbHit>> KbSuggest::forText(const QString& text, const QString& language, int limit) const
{
    const Result<QStringList> terms = keyTerms(text, kMaxTerms);
    if (!terms)
        return terms.error();
    if (terms->isEmpty())
        return QVector<KbHit>();
    QStringList quoted;
    for (const QString& term : *terms)
        quoted.append(KbQuery::quoted(term));
    KbSearchFilter filter;
    filter.language = language;
    filter.limit = limit;
    const Result<KbSearchResult> found =
        KbSearch(m_store).runMatch(quoted.join(QStringLiteral(" OR ")), filter, *terms);
    if (!found)
        return found.error();
    return found->hits;
}

} // namespace telcodesk
