#include "kb/KbSuggest.h"

#include "kb/KbFts.h"
#include "kb/KbQuery.h"
#include "kb/KbSearch.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace telcodesk {

namespace {

/// Words that say nothing about a problem. Chinese needs no list: its function words are single
/// characters, which are never suggestion terms, and common pairs fall to the document-frequency cap.
const QSet<QString>& englishStopwords()
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
                              "said", "says", "told", "asked", "wants", "want", "since", "yesterday", "today"})
            set.insert(QString::fromLatin1(w));
        return set;
    }();
    return words;
}

bool isHanToken(const QString& token)
{
    const ushort u = token.isEmpty() ? 0 : token.at(0).unicode();
    return (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0xF900 && u <= 0xFAFF);
}

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
        if (!han && englishStopwords().contains(token))
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
    if (!count.exec(QStringLiteral("SELECT count(*) FROM kb_search WHERE status = 'published'")) || !count.next())
        return Error{QObject::tr("The knowledge base cannot be read: %1").arg(count.lastError().text()),
                     QStringLiteral("io")};
    const double documents = count.value(0).toDouble();
    if (documents < 1)
        return QStringList();

    // Document frequency from the index's vocabulary. Words are stored stemmed ("charges" as "charg"):
    // when a word is not there as typed, its longest stored prefix of at least four letters stands in.
    QSqlQuery df(db);
    df.prepare(QStringLiteral("SELECT doc FROM kb_fts_vocab WHERE term = ?"));
    const auto lookup = [&df](const QString& term) -> double {
        df.bindValue(0, term);
        if (df.exec() && df.next())
            return df.value(0).toDouble();
        return 0;
    };
    struct Scored
    {
        QString term;
        double score;
        int first;
    };
    QVector<Scored> scored;
    // A term in more than a twentieth of the articles does not tell them apart, and an OR over such
    // terms would rank thousands of rows.
    const double cap = std::max(3.0, documents / 20.0);
    for (int i = 0; i < order.size(); ++i) {
        const QString& term = order.at(i);
        double d = lookup(term);
        if (d == 0 && !isHanToken(term)) {
            for (int len = int(term.size()) - 1; len >= 4 && d == 0; --len)
                d = lookup(term.left(len));
        }
        if (d < 1 || d > cap)
            continue;
        const double idf = std::log(documents / d);
        scored.append({term, std::sqrt(double(tf.value(term))) * idf, i});
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
