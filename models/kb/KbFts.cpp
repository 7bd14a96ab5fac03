#include "kb/KbFts.h"

#include <QChar>
#include <QObject>

#include <sqlite3.h>

#include <cstring>

namespace telcodesk {

namespace KbFts {

bool isHan(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007; // 〇
}

namespace {

constexpr int kMaxWordChars = 64;

/// Full-width ASCII letters and digits (ＴＤ１９９) as their ASCII selves; 0 for anything else.
char32_t foldFullWidth(char32_t c)
{
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
        return c - 0xFEE0;
    return 0;
}

/// A letter or digit that belongs to a word: ASCII, full-width ASCII, and the letters of other
/// alphabetic scripts (Latin with accents, Greek, Cyrillic, kana, Hangul).
bool isWordChar(char32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (foldFullWidth(c))
        return true;
    if (isHan(c))
        return false;
    return QChar::isLetterOrNumber(c);
}

char32_t lower(char32_t c)
{
    if (const char32_t folded = foldFullWidth(c))
        c = folded;
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return QChar::toLower(c);
}

void appendUtf8(QByteArray& out, char32_t c)
{
    if (c < 0x80) {
        out.append(char(c));
    } else if (c < 0x800) {
        out.append(char(0xC0 | (c >> 6)));
        out.append(char(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.append(char(0xE0 | (c >> 12)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    } else {
        out.append(char(0xF0 | (c >> 18)));
        out.append(char(0x80 | ((c >> 12) & 0x3F)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    }
}

/// Decodes one code point at text[i]; invalid bytes decode as U+FFFD and advance by one.
char32_t decode(const unsigned char* text, int n, int i, int* length)
{
    const unsigned char b = text[i];
    int need = 0;
    char32_t c = 0;
    if (b < 0x80) {
        *length = 1;
        return b;
    } else if ((b & 0xE0) == 0xC0) {
        need = 1;
        c = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
        need = 2;
        c = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
        need = 3;
        c = b & 0x07;
    } else {
        *length = 1;
        return 0xFFFD;
    }
    if (i + need >= n) { // a sequence cut off by the end of the text
        *length = 1;
        return 0xFFFD;
    }
    for (int k = 1; k <= need; ++k) {
        const unsigned char cont = text[i + k];
        if ((cont & 0xC0) != 0x80) {
            *length = 1;
            return 0xFFFD;
        }
        c = (c << 6) | (cont & 0x3F);
    }
    *length = need + 1;
    return c;
}

struct HanChar
{
    char32_t c;
    int start;
    int end;
};

/// Emits the tokens of one run of Han characters. Document: at each position the pair starting there
/// (the last position: its character alone), with the character itself colocated. Query: the pairs, or
/// the character for a run of one.
bool emitHanRun(const QVector<HanChar>& run, Mode mode, const TokenSink& sink)
{
    const int n = run.size();
    QByteArray token;
    if (n == 1) {
        token.clear();
        appendUtf8(token, run[0].c);
        return sink(token, run[0].start, run[0].end, false);
    }
    for (int i = 0; i < n; ++i) {
        if (i + 1 < n) {
            token.clear();
            appendUtf8(token, run[i].c);
            appendUtf8(token, run[i + 1].c);
            if (!sink(token, run[i].start, run[i + 1].end, false))
                return false;
            if (mode == Mode::Document) {
                token.clear();
                appendUtf8(token, run[i].c);
                if (!sink(token, run[i].start, run[i].end, true))
                    return false;
            }
        } else if (mode == Mode::Document) {
            token.clear();
            appendUtf8(token, run[i].c);
            if (!sink(token, run[i].start, run[i].end, false))
                return false;
        }
    }
    return true;
}

} // namespace

void tokenize(const char* utf8, int bytes, Mode mode, const TokenSink& sink)
{
    const auto* text = reinterpret_cast<const unsigned char*>(utf8);
    QVector<HanChar> han;
    QByteArray word;
    int wordStart = -1;
    int wordEnd = -1;
    int wordChars = 0;
    bool wordIsDigits = false;

    const auto flushWord = [&]() {
        if (wordStart < 0)
            return true;
        const bool go = sink(word, wordStart, wordEnd, false);
        word.clear();
        wordStart = -1;
        wordChars = 0;
        return go;
    };
    const auto flushHan = [&]() {
        if (han.isEmpty())
            return true;
        const bool go = emitHanRun(han, mode, sink);
        han.clear();
        return go;
    };

    int i = 0;
    while (i < bytes) {
        int length = 1;
        const char32_t c = decode(text, bytes, i, &length);
        if (isHan(c)) {
            if (!flushWord())
                return;
            han.append({c, i, i + length});
        } else if (isWordChar(c)) {
            if (!flushHan())
                return;
            // Letters and digits part ways ("TD199" is "td 199", like "TD-199"), so that a plan code
            // matches however it is written.
            const bool digit = QChar::isDigit(foldFullWidth(c) ? foldFullWidth(c) : c);
            if (wordStart >= 0 && digit != wordIsDigits && !flushWord())
                return;
            if (wordStart < 0) {
                wordStart = i;
                wordIsDigits = digit;
            }
            // Longer "words" (a pasted hash, a URL) are cut: their head still matches.
            if (wordChars < kMaxWordChars) {
                appendUtf8(word, lower(c));
                wordEnd = i + length;
            }
            ++wordChars;
        } else {
            if (!flushWord() || !flushHan())
                return;
        }
        i += length;
    }
    if (flushWord())
        flushHan();
}

QStringList tokens(const QString& text, Mode mode)
{
    QStringList out;
    const QByteArray utf8 = text.toUtf8();
    tokenize(utf8.constData(), int(utf8.size()), mode, [&out](const QByteArray& token, int, int, bool) {
        out.append(QString::fromUtf8(token));
        return true;
    });
    return out;
}

QString plainText(const QString& html)
{
    if (!html.contains(QLatin1Char('<')) && !html.contains(QLatin1Char('&')))
        return html.trimmed();

    static const QStringList blockTags = {
        QStringLiteral("p"),  QStringLiteral("div"), QStringLiteral("br"), QStringLiteral("li"),
        QStringLiteral("tr"), QStringLiteral("h1"),  QStringLiteral("h2"), QStringLiteral("h3"),
        QStringLiteral("h4"), QStringLiteral("h5"),  QStringLiteral("h6"), QStringLiteral("ul"),
        QStringLiteral("ol"), QStringLiteral("table"), QStringLiteral("blockquote"), QStringLiteral("pre"),
        QStringLiteral("hr"), QStringLiteral("body")};

    QString out;
    out.reserve(html.size());
    const int n = int(html.size());
    int i = 0;
    QString skipUntil; // inside <style>, <script>, <head>: skip to the matching end tag
    while (i < n) {
        const QChar ch = html.at(i);
        if (ch == QLatin1Char('<')) {
            const int close = html.indexOf(QLatin1Char('>'), i + 1);
            if (close < 0) { // a lone '<' is text
                if (skipUntil.isEmpty())
                    out.append(ch);
                ++i;
                continue;
            }
            QString tag = html.mid(i + 1, close - i - 1).trimmed();
            const bool ending = tag.startsWith(QLatin1Char('/'));
            if (ending)
                tag.remove(0, 1);
            int nameEnd = 0;
            while (nameEnd < tag.size() && (tag.at(nameEnd).isLetterOrNumber()))
                ++nameEnd;
            const QString name = tag.left(nameEnd).toLower();
            i = close + 1;
            if (!skipUntil.isEmpty()) {
                if (ending && name == skipUntil)
                    skipUntil.clear();
                continue;
            }
            if (!ending && (name == QLatin1String("style") || name == QLatin1String("script")
                            || name == QLatin1String("head") || name == QLatin1String("title"))) {
                skipUntil = name;
                continue;
            }
            if (blockTags.contains(name))
                out.append(QLatin1Char('\n'));
            else if (name == QLatin1String("td") || name == QLatin1String("th"))
                out.append(QLatin1Char(' '));
            continue;
        }
        if (!skipUntil.isEmpty()) {
            ++i;
            continue;
        }
        if (ch == QLatin1Char('&')) {
            const int semi = html.indexOf(QLatin1Char(';'), i + 1);
            if (semi > i && semi - i <= 10) {
                const QString entity = html.mid(i + 1, semi - i - 1);
                QString decoded;
                if (entity == QLatin1String("amp"))
                    decoded = QStringLiteral("&");
                else if (entity == QLatin1String("lt"))
                    decoded = QStringLiteral("<");
                else if (entity == QLatin1String("gt"))
                    decoded = QStringLiteral(">");
                else if (entity == QLatin1String("quot"))
                    decoded = QStringLiteral("\"");
                else if (entity == QLatin1String("apos"))
                    decoded = QStringLiteral("'");
                else if (entity == QLatin1String("nbsp"))
                    decoded = QStringLiteral(" ");
                else if (entity.startsWith(QLatin1Char('#'))) {
                    bool ok = false;
                    const uint code = entity.startsWith(QLatin1String("#x"), Qt::CaseInsensitive)
                        ? entity.mid(2).toUInt(&ok, 16)
                        : entity.mid(1).toUInt(&ok, 10);
                    if (ok && code > 0 && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF)) {
                        const char32_t c32 = char32_t(code);
                        decoded = QString::fromUcs4(&c32, 1);
                    }
                }
                if (!decoded.isNull()) {
                    out.append(decoded);
                    i = semi + 1;
                    continue;
                }
            }
        }
        out.append(ch);
        ++i;
    }

    // Lines trimmed, white space inside a line collapsed, empty lines dropped.
    QString result;
    result.reserve(out.size());
    const QStringList lines = out.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const QString simple = line.simplified();
        if (simple.isEmpty())
            continue;
        if (!result.isEmpty())
            result.append(QLatin1Char('\n'));
        result.append(simple);
    }
    return result;
}

namespace {

// ---- the FTS5 tokenizer --------------------------------------------------------------------------

struct TokenizerInstance
{
    int unused = 0;
};

int tokenizerCreate(void*, const char** args, int argCount, Fts5Tokenizer** out)
{
    Q_UNUSED(args);
    if (argCount != 0) {
        *out = nullptr;
        return SQLITE_ERROR;
    }
    *out = reinterpret_cast<Fts5Tokenizer*>(new TokenizerInstance);
    return SQLITE_OK;
}

void tokenizerDelete(Fts5Tokenizer* tokenizer)
{
    delete reinterpret_cast<TokenizerInstance*>(tokenizer);
}

int tokenizerTokenize(Fts5Tokenizer*, void* context, int flags, const char* text, int bytes,
                      int (*xToken)(void*, int, const char*, int, int, int))
{
    const Mode mode = (flags & FTS5_TOKENIZE_QUERY) ? Mode::Query : Mode::Document;
    int rc = SQLITE_OK;
    tokenize(text, bytes, mode, [&](const QByteArray& token, int start, int end, bool colocated) {
        rc = xToken(context, colocated ? FTS5_TOKEN_COLOCATED : 0, token.constData(), int(token.size()), start, end);
        return rc == SQLITE_OK;
    });
    return rc;
}

fts5_api* fts5Api(sqlite3* db)
{
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK)
        return nullptr;
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return api;
}

void plainFunction(sqlite3_context* context, int argc, sqlite3_value** argv)
{
    if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_text(context, "", 0, SQLITE_STATIC);
        return;
    }
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const int length = sqlite3_value_bytes(argv[0]);
    const QByteArray plain = plainText(QString::fromUtf8(bytes, length)).toUtf8();
    sqlite3_result_text(context, plain.constData(), int(plain.size()), SQLITE_TRANSIENT);
}

} // namespace

Status registerWith(sqlite3* db)
{
    if (!db)
        return Error{QObject::tr("The knowledge base index cannot be set up: no database connection."),
                     QStringLiteral("io")};
    fts5_api* api = fts5Api(db);
    if (!api || api->iVersion < 2)
        return Error{QObject::tr("This SQLite library has no full-text search (FTS5); the knowledge base needs it."),
                     QStringLiteral("io")};
    static fts5_tokenizer tokenizer = {tokenizerCreate, tokenizerDelete, tokenizerTokenize};
    if (api->xCreateTokenizer(api, "tdcjk", nullptr, &tokenizer, nullptr) != SQLITE_OK)
        return Error{QObject::tr("Cannot register the knowledge base tokenizer: %1")
                         .arg(QString::fromUtf8(sqlite3_errmsg(db))),
                     QStringLiteral("io")};
    if (sqlite3_create_function_v2(db, "td_kb_plain", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   nullptr, plainFunction, nullptr, nullptr, nullptr)
        != SQLITE_OK)
        return Error{QObject::tr("Cannot register td_kb_plain: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))),
                     QStringLiteral("io")};
    return Status::success();
}

} // namespace KbFts

} // namespace telcodesk
