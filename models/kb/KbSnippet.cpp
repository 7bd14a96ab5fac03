#include "kb/KbSnippet.h"

#include "kb/KbFts.h"

#include <QVector>

#include <algorithm>

namespace telcodesk {

namespace {

bool isHan(QChar c)
{
    return KbFts::isHan(c.unicode());
}

enum class Kind { Other, Han, Letter, Digit };

Kind kindOf(QChar c)
{
    if (isHan(c))
        return Kind::Han;
    if (c.isDigit())
        return Kind::Digit;
    if (c.isLetterOrNumber())
        return Kind::Letter;
    return Kind::Other;
}

} // namespace

QString KbSnippet::stem(const QString& word)
{
    QString w = word.toLower();
    static const char* const endings[] = {"ings", "ing", "ed", "es", "ers", "er", "ly", "s"};
    for (const char* ending : endings) {
        const QLatin1String e(ending);
        if (w.endsWith(e) && w.size() - e.size() >= 3) {
            w.chop(e.size());
            break;
        }
    }
    return w;
}

KbSnippet::KbSnippet(const QStringList& chunks)
{
    for (const QString& chunk : chunks) {
        const QString folded = chunk.normalized(QString::NormalizationForm_KC).toLower();
        int i = 0;
        while (i < folded.size()) {
            const Kind kind = kindOf(folded.at(i));
            int j = i + 1;
            while (j < folded.size() && kindOf(folded.at(j)) == kind)
                ++j;
            const QString run = folded.mid(i, j - i);
            if (kind == Kind::Han && !m_han.contains(run))
                m_han.append(run);
            else if (kind == Kind::Letter && !m_words.contains(stem(run)))
                m_words.append(stem(run));
            else if (kind == Kind::Digit && !m_words.contains(run))
                m_words.append(run);
            i = j;
        }
    }
}

QVector<KbSnippet::Span> KbSnippet::find(const QString& text) const
{
    QVector<Span> spans;
    for (int n = 0; n < m_han.size(); ++n) {
        const QString& needle = m_han.at(n);
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + int(needle.size())))
            spans.append({at, at + int(needle.size()), n});
    }
    for (int n = 0; n < m_words.size(); ++n) {
        const QString& needle = m_words.at(n);
        const Kind kind = kindOf(needle.at(0));
        for (int at = text.indexOf(needle, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(needle, at + 1, Qt::CaseInsensitive)) {
            // Only from the start of a word of the same kind ("199" in "TD199", not "99" in "199")...
            if (at > 0 && kindOf(text.at(at - 1)) == kind)
                continue;
            // ...and a digit run only as a whole number.
            int end = at + int(needle.size());
            if (kind == Kind::Digit && end < text.size() && kindOf(text.at(end)) == Kind::Digit)
                continue;
            while (end < text.size() && kindOf(text.at(end)) == kind)
                ++end;
            spans.append({at, end, int(m_han.size()) + n});
        }
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    return spans;
}

QVector<KbSnippet::Span> KbSnippet::merged(const QVector<Span>& spans)
{
    // Overlapping marks merge into one.
    QVector<Span> out;
    for (const Span& s : spans) {
        if (!out.isEmpty() && s.start <= out.back().end)
            out.back().end = std::max(out.back().end, s.end);
        else
            out.append(s);
    }
    return out;
}

QString KbSnippet::render(const QString& text, int from, int to, const QVector<Span>& spans)
{
    QString out;
    int at = from;
    for (const Span& s : spans) {
        if (s.end <= from || s.start >= to)
            continue;
        const int start = std::max(s.start, from);
        const int end = std::min(s.end, to);
        out += text.mid(at, start - at).toHtmlEscaped();
        out += QStringLiteral("<b>") + text.mid(start, end - start).toHtmlEscaped() + QStringLiteral("</b>");
        at = end;
    }
    out += text.mid(at, to - at).toHtmlEscaped();
    return out;
}

QString KbSnippet::highlight(const QString& text) const
{
    return render(text, 0, int(text.size()), merged(find(text)));
}

QString KbSnippet::snippet(const QString& original, int chars) const
{
    QString text = original;
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const int length = int(text.size());
    if (length <= chars)
        return render(text, 0, length, merged(find(text)));

    // Unmerged matches: their needle ids tell apart the distinct terms in a passage.
    const QVector<Span> spans = find(text);
    int bestStart = 0;
    int bestScore = -1;
    for (const Span& anchor : spans) {
        const int start = std::clamp(anchor.start - chars / 5, 0, length - chars);
        QVector<int> seen;
        int count = 0;
        for (const Span& s : spans) {
            if (s.start >= start && s.end <= start + chars) {
                ++count;
                if (!seen.contains(s.needle))
                    seen.append(s.needle);
            }
        }
        const int score = int(seen.size()) * 100 + count;
        if (score > bestScore) {
            bestScore = score;
            bestStart = start;
        }
    }
    int from = bestStart;
    int to = std::min(length, from + chars);
    // Cut Latin text between words, not inside one.
    if (from > 0 && kindOf(text.at(from)) == Kind::Letter) {
        int step = from;
        while (step < to && step - from < 15 && kindOf(text.at(step)) == Kind::Letter)
            ++step;
        if (step < to && step - from < 15)
            from = step + 1;
    }
    if (to < length && kindOf(text.at(to - 1)) == Kind::Letter) {
        int step = to;
        while (step > from && to - step < 15 && kindOf(text.at(step - 1)) == Kind::Letter)
            --step;
        if (step > from && to - step < 15)
            to = step;
    }
    // Chinese text starts after a punctuation mark near the cut, not in the middle of a phrase or number,
    // as long as the first match stays in the passage.
    if (from > 0 && kindOf(text.at(from)) != Kind::Letter) {
        int firstMatch = to;
        for (const Span& s : spans) {
            if (s.start >= from) {
                firstMatch = std::min(firstMatch, s.start);
                break;
            }
        }
        static const QString stops = QStringLiteral("，。；！？、：,.;!?:");
        bool moved = false;
        for (int step = from - 1; step >= std::max(0, from - 8); --step) {
            if (stops.contains(text.at(step))) {
                from = step + 1;
                moved = true;
                break;
            }
        }
        for (int step = from; !moved && step < std::min(from + 12, firstMatch); ++step) {
            if (stops.contains(text.at(step))) {
                from = step + 1;
                break;
            }
        }
    }
    while (from < to && text.at(from).isSpace())
        ++from;
    while (to > from && text.at(to - 1).isSpace())
        --to;
    QString out = render(text, from, to, merged(spans));
    if (from > 0)
        out.prepend(QChar(0x2026));
    if (to < length)
        out.append(QChar(0x2026));
    return out;
}

} // namespace telcodesk
