#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

struct sqlite3;

namespace telcodesk {

/// The knowledge base's full-text machinery inside SQLite.
///
/// SQLite's own tokenizers do not serve Chinese: unicode61 keeps a run of Han characters as one token
/// and trigram cannot match one- or two-character terms (宽带, 流量, 卡). The "tdcjk" tokenizer splits a
/// run of Han characters into overlapping pairs, each with its first character colocated at the same
/// position, so that a one-character term, a pair and a longer phrase (a chain of pairs at consecutive
/// positions) all match; runs of letters and runs of digits make lower-cased words (full-width forms
/// folded to ASCII; "TD199" and "TD-199" both give "td 199"), which the "porter" wrapper then stems. Query text yields pairs only (a lone character: the
/// character), never the colocated singles, so a phrase of pairs stays a phrase.
namespace KbFts {

enum class Mode { Document, Query };

/// A Chinese character as the tokenizer sees one: the CJK unified ideographs (with extension A and the
/// supplementary-plane extensions), the compatibility ideographs, and 〇.
bool isHan(char32_t c);

/// One token: its bytes (UTF-8, lower-cased), where it came from in the input (byte offsets) and whether
/// it shares the position of the token before it.
using TokenSink = std::function<bool(const QByteArray& token, int start, int end, bool colocated)>;

/// Tokenizes UTF-8 text the way the tdcjk tokenizer does. Stops early when sink returns false.
void tokenize(const char* utf8, int bytes, Mode mode, const TokenSink& sink);
/// The tokens of text (without the porter step), colocated singles included in Document mode.
QStringList tokens(const QString& text, Mode mode);

/// The plain text of an article body: tags removed, block ends and <br> as line breaks, the entities
/// QTextDocument writes decoded. What td_kb_plain() returns.
QString plainText(const QString& html);

/// Registers the "tdcjk" FTS5 tokenizer and the SQL function td_kb_plain(html) on a connection.
/// LocalStore calls it on every connection it opens, before migrations run.
Status registerWith(sqlite3* db);

} // namespace KbFts

} // namespace telcodesk
