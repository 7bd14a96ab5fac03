#pragma once

#include "store/LocalStore.h"

#include <QString>

namespace telcodesk::test {

/// A small hand-written knowledge base for search tests: ids "zh-modem", "zh-data", … (see the .cpp).
/// Written straight into kb_article (the index follows by trigger). Returns an empty string or what failed.
QString writeKbTestArticles(const LocalStorePtr& store);

/// Adds `count` helpful (or not helpful) votes for an article, `daysAgo` days before `nowMs`.
QString addKbVotes(const LocalStorePtr& store, const QString& articleId, int count, bool helpful, qint64 nowMs,
                   int daysAgo = 1);

} // namespace telcodesk::test
