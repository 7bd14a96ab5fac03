#include "kb/KbQuery.h"

#include "kb/KbFts.h"

namespace telcodesk {

namespace {

bool isSearchable(uint c)
{
    return KbFts::isHan(c) || QChar::isLetterOrNumber(char32_t(c));
}

/// Characters that join two searchable characters into one chunk ("td-199", "2.5g", "a/b", "c++"
/// does not: '+' at the end joins nothing). The tokenizer splits at them again, inside the phrase.
bool isJoiner(uint c)
{
    switch (c) {
    case '-':
    case '_':
    case '.':
    case '/':
    case ':':
    case '#':
    case '@':
    case '\'':
    case '+':
    case '&':
        return true;
    default:
        return false;
    }
}

} // namespace

QString KbQuery::quoted(const QString& term)
{
    QString out = term;
    out.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

KbQuery KbQuery::parse(const QString& typed)
{
    KbQuery query;
    // NFKC folds full-width letters, digits and punctuation to their ASCII forms.
    QString text = typed.normalized(QString::NormalizationForm_KC);
    if (text.size() > kMaxChars) {
        text.truncate(kMaxChars);
        // Never leave half of a surrogate pair behind.
        if (!text.isEmpty() && text.back().isHighSurrogate())
            text.chop(1);
        query.m_truncated = true;
    }
    const QList<uint> codes = text.toUcs4();

    QString chunk;
    bool chunkHasSearchable = false;
    bool lastChunkEndsInWord = false;
    const auto flush = [&]() {
        // Joiners left dangling at the end mean nothing ("td-" is "td").
        while (!chunk.isEmpty() && isJoiner(chunk.back().unicode()))
            chunk.chop(1);
        if (chunkHasSearchable && !chunk.isEmpty()) {
            if (query.m_chunks.size() < kMaxChunks) {
                query.m_chunks.append(chunk.toLower());
                const uint last = chunk.toUcs4().back();
                lastChunkEndsInWord = !KbFts::isHan(last);
            } else {
                query.m_truncated = true;
            }
        }
        chunk.clear();
        chunkHasSearchable = false;
    };

    for (int i = 0; i < codes.size(); ++i) {
        const uint c = codes.at(i);
        if (isSearchable(c)) {
            chunk.append(QString::fromUcs4(reinterpret_cast<const char32_t*>(&c), 1));
            chunkHasSearchable = true;
        } else if (isJoiner(c) && !chunk.isEmpty() && i + 1 < codes.size() && isSearchable(codes.at(i + 1))) {
            chunk.append(QChar(c));
        } else {
            flush();
        }
    }
    flush();

    const bool endsWithSpace = !text.isEmpty() && text.back().isSpace();
    if (!query.m_chunks.isEmpty() && lastChunkEndsInWord && !endsWithSpace) {
        // A prefix of one letter would merge thousands of terms: wait for the second.
        // The tokenizer parts letters from digits, so the prefix is the last run of one kind.
        const QString& last = query.m_chunks.back();
        const bool digits = last.back().isDigit();
        int tail = 0;
        for (int i = int(last.size()) - 1; i >= 0 && last.at(i).isLetterOrNumber() && !KbFts::isHan(last.at(i).unicode())
             && last.at(i).isDigit() == digits;
             --i)
            ++tail;
        query.m_lastIsPrefix = tail >= 2;
    }
    return query;
}

QString KbQuery::joined(const QString& separator) const
{
    QStringList parts;
    parts.reserve(m_chunks.size());
    for (int i = 0; i < m_chunks.size(); ++i) {
        QString part = quoted(m_chunks.at(i));
        if (i == m_chunks.size() - 1 && m_lastIsPrefix)
            part += QLatin1Char('*');
        parts.append(part);
    }
    return parts.join(separator);
}

QString KbQuery::matchAll() const
{
    return joined(QStringLiteral(" "));
}

QString KbQuery::matchAny() const
{
    return joined(QStringLiteral(" OR "));
}

} // namespace telcodesk
