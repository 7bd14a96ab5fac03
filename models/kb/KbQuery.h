#pragma once

#include <QString>
#include <QStringList>

namespace telcodesk {

/// What an agent typed, made safe for FTS5 MATCH.
///
/// The text is cut into chunks at white space and at punctuation between words of different scripts;
/// every chunk becomes an FTS5 string (double quotes doubled), so `"`, `*`, `NEAR`, `AND`, `-` or `(`
/// typed by a user are searched as text, never read as query syntax. Inside a string the tokenizer
/// splits "TD-199" or "5G套餐" into a phrase. A chunk with nothing searchable in it is dropped. The last
/// Latin chunk becomes a prefix ("roam" finds roaming) unless the text ends with a space. At most
/// kMaxChunks chunks and kMaxChars characters are read; the rest is ignored (and reported).
class KbQuery
{
public:
    static constexpr int kMaxChunks = 16;
    static constexpr int kMaxChars = 256;

    static KbQuery parse(const QString& typed);

    bool isEmpty() const { return m_chunks.isEmpty(); }
    /// Every chunk must match: `"a" "b"*`.
    QString matchAll() const;
    /// Any chunk may match: `"a" OR "b"*` (the fallback when matchAll finds nothing).
    QString matchAny() const;
    /// The chunks as searched (normalised: NFKC, lower case), for tests and for telling the user.
    QStringList chunks() const { return m_chunks; }
    bool lastIsPrefix() const { return m_lastIsPrefix; }
    /// True when the text was longer than the limits and its tail was not searched.
    bool truncated() const { return m_truncated; }

    /// One FTS5 string literal for a term: `"` + term with `"` doubled + `"`.
    static QString quoted(const QString& term);

private:
    QString joined(const QString& separator) const;

    QStringList m_chunks;
    bool m_lastIsPrefix = false;
    bool m_truncated = false;
};

} // namespace telcodesk
