#pragma once

#include "common/Result.h"
#include "domain/KbArticle.h"
#include "store/LocalStore.h"

#include <QStringList>
#include <QVector>

namespace telcodesk {

/// Articles for a piece of working text (a ticket description being typed, the open customer's recent
/// tickets and contacts): the text's most distinctive terms (tf × idf against the published articles'
/// document frequencies, counted in the index up to a tenth of the articles and remembered per
/// process until the articles change) are searched together (OR), ranked as search() ranks.
class KbSuggest
{
public:
    static constexpr int kMaxTerms = 10;

    explicit KbSuggest(LocalStorePtr store);

    /// Up to `limit` published articles for text; language "zh_CN"/"en" restricts them, empty allows both.
    /// Text too short to say anything (no term found in the knowledge base) gives an empty list.
    Result<QVector<KbHit>> forText(const QString& text, const QString& language = QString(), int limit = 5) const;

    /// The terms forText would search for, best first (for tests and for the panel's "because of").
    Result<QStringList> keyTerms(const QString& text, int limit = kMaxTerms) const;

private:
    LocalStorePtr m_store;
};

} // namespace telcodesk
