#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "domain/KbArticle.h"
#include "store/LocalStore.h"

#include <QVector>

namespace telcodesk {

struct KbSearchFilter
{
    QString category;  ///< a category code; covers its subtree. Empty: all
    QString tag;       ///< one tag, exact. Empty: all
    QString language;  ///< "zh_CN" or "en". Empty: both
    /// false (agents, clerks): published articles only. true (supervisors, admins at work on the
    /// knowledge base): drafts, articles in review and retired ones too.
    bool includeUnpublished = false;
    int limit = 20;
};

struct KbSearchResult
{
    QVector<KbHit> hits;
    /// How many articles matched, counted up to kMatchCap (the UI says "200+" at the cap).
    int matched = 0;
    /// Nothing matched every term, so these match some of them.
    bool partial = false;
    /// The query was longer than KbQuery's limits; only its beginning was searched.
    bool truncated = false;
};

/// Full-text search over the knowledge base (kb_fts, see KbFts), ranked by bm25 with the title weighted
/// above tags and tags above the body, then adjusted by the last 30 days' helpful and not-helpful votes
/// among the best kRerankWindow matches. Snippets and highlighted titles come from FTS5 itself.
/// Reads only; safe to use from any thread that has its own instance.
class KbSearch
{
public:
    static constexpr int kMatchCap = 200;
    static constexpr int kRerankWindow = 200;

    explicit KbSearch(LocalStorePtr store, const Clock& clock = Clock::system());

    /// Searches the typed text. An empty query (or one with nothing searchable) gives an empty result,
    /// not an error. Errors: code "io" when the database cannot be read.
    Result<KbSearchResult> search(const QString& typed, const KbSearchFilter& filter = {}) const;

    /// Articles without a query: the filter's articles, most recently updated first.
    Result<QVector<KbHit>> browse(const KbSearchFilter& filter = {}) const;

    /// The most useful published articles of the last `days` days: helpful votes minus not-helpful
    /// votes, plus links to tickets, plus a tenth of the views; ties by more recent publication.
    Result<QVector<KbHit>> mostUseful(int days = 7, int limit = 10, const QString& language = QString()) const;

    /// Distinct tags of published articles, most used first (for the tag filter).
    Result<QStringList> tags(int limit = 200) const;

    /// Runs an FTS5 MATCH expression built by KbQuery or KbSuggest (never raw user text) and ranks it as
    /// search() does. `chunks` are the searched terms as KbQuery::chunks() gives them: highlights of a
    /// one-character Chinese term are trimmed to that character with them.
    Result<KbSearchResult> runMatch(const QString& match, const KbSearchFilter& filter,
                                    const QStringList& chunks) const;

private:
    LocalStorePtr m_store;
    const Clock& m_clock;
};

} // namespace telcodesk
