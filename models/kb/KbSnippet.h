#pragma once

#include <QString>
#include <QStringList>

namespace telcodesk {

/// Marks what a query matched in a title or body, and cuts a passage around the matches, in C++ on the
/// plain text: FTS5's snippet() re-tokenizes the whole body for each hit and costs about a millisecond
/// an article, and its marks follow the index's tokens (a one-character term shows as the pair it was
/// found through). The marks here follow the index's rules closely enough for the eye: Chinese terms as
/// written, words from the start of a word up to its end, matching stems ("charges" marks "charged").
class KbSnippet
{
public:
    /// The query's chunks (KbQuery::chunks() or suggestion terms), lower case.
    explicit KbSnippet(const QStringList& chunks);

    /// The whole text, HTML-escaped, matches in <b>…</b>.
    QString highlight(const QString& text) const;
    /// About `chars` characters of text around its best cluster of matches (the start when nothing
    /// matches), HTML-escaped, matches in <b>…</b>, "…" where the text was cut. Line breaks become spaces.
    QString snippet(const QString& text, int chars) const;

    /// The stem a word is marked by: lower case, a common English ending taken off when at least three
    /// letters remain ("roaming" → "roam", "charges" → "charg").
    static QString stem(const QString& word);

private:
    struct Span
    {
        int start;
        int end;
        int needle;
    };
    QVector<Span> find(const QString& text) const;
    static QVector<Span> merged(const QVector<Span>& spans);
    static QString render(const QString& text, int from, int to, const QVector<Span>& spans);

    QStringList m_han;   ///< runs of Chinese characters, matched as written
    QStringList m_words; ///< letter stems and digit runs, matched at the start of a word
};

} // namespace telcodesk
