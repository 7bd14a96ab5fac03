#include "services/CustomerSearch.h"

#include "common/Logging.h"
#include "domain/IdNumber.h"
#include "domain/PhoneNumber.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace telcodesk {

namespace {

/// Appended to a prefix, the highest code point makes the exclusive upper bound of a prefix range:
/// every string that starts with the prefix sorts below prefix + U+10FFFF in SQLite's binary collation.
QString upperBound(const QString& prefix)
{
    return prefix + QChar(0xDBFF) + QChar(0xDFFF);
}

QString reversed(const QString& text)
{
    QString out = text;
    std::reverse(out.begin(), out.end());
    return out;
}

bool isDigitsAndSeparators(const QString& text, int* digitCount)
{
    int digits = 0;
    for (const QChar c : text) {
        if (c.unicode() >= '0' && c.unicode() <= '9')
            ++digits;
        else if (!(c == QLatin1Char(' ') || c == QLatin1Char('-') || c == QLatin1Char('+')
                   || c == QLatin1Char('(') || c == QLatin1Char(')')))
            return false;
    }
    *digitCount = digits;
    return digits > 0;
}

bool looksLikeIdNumber(const QString& text)
{
    // 17 characters and up: a whole number or all but its check character. Shorter digit runs are
    // phone or account numbers first (an ID prefix is still searched for them, after the lines).
    const QString id = IdNumber::normalized(text);
    if (id.size() < 17 || id.size() > 18)
        return false;
    for (int i = 0; i < id.size(); ++i) {
        const QChar c = id.at(i);
        const bool digit = c.unicode() >= '0' && c.unicode() <= '9';
        if (!digit && !(i == id.size() - 1 && c == QLatin1Char('X')))
            return false;
    }
    return true;
}

const char* const kColumns = "c.id, c.name, c.type, c.tier, c.city, c.primary_msisdn, c.id_number, c.account_no, "
                             "(SELECT r.city_en FROM region r WHERE r.code = c.region_code)";

CustomerHit hitFrom(const QSqlQuery& q, CustomerHit::Match match)
{
    CustomerHit hit;
    hit.customerId = q.value(0).toString();
    hit.name = q.value(1).toString();
    hit.type = q.value(2).toString();
    hit.tier = q.value(3).toString();
    hit.city = q.value(4).toString();
    hit.primaryMsisdn = q.value(5).toString();
    hit.idNumber = q.value(6).toString();
    hit.accountNo = q.value(7).toString();
    hit.cityEn = q.value(8).toString();
    hit.match = match;
    return hit;
}

/// Collects hits from several index range queries in order, one row per customer.
class HitCollector
{
public:
    HitCollector(const QSqlDatabase& db, int limit) : m_db(db), m_limit(limit) {}

    bool full() const { return m_hits.size() >= m_limit; }
    QVector<CustomerHit> take() { return std::move(m_hits); }

    /// sql selects kColumns (and, for number queries, the matched line's number as column 9).
    void run(const QString& sql, const QVariantList& binds, CustomerHit::Match match)
    {
        if (full())
            return;
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(sql);
        for (const QVariant& v : binds)
            q.addBindValue(v);
        // The limit over-fetches a little: rows of customers already listed are skipped.
        q.addBindValue(m_limit - m_hits.size() + m_seen.size());
        if (!q.exec()) {
            qCWarning(lcSearch) << "search query failed" << q.lastError().text();
            return;
        }
        while (q.next() && !full()) {
            const QString id = q.value(0).toString();
            if (m_seen.contains(id))
                continue;
            m_seen.insert(id);
            CustomerHit hit = hitFrom(q, match);
            if (q.record().count() > 9)
                hit.matchedNumber = q.value(9).toString();
            m_hits.push_back(std::move(hit));
        }
    }

private:
    QSqlDatabase m_db;
    int m_limit;
    QVector<CustomerHit> m_hits;
    QSet<QString> m_seen;
};

} // namespace

CustomerSearch::CustomerSearch(LocalStorePtr store)
    : m_store(std::move(store))
{
}

QString CustomerSearch::normalizeName(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.isSpace() || c.isPunct() || c.isSymbol() || c.category() == QChar::Other_Control)
            continue;
        out.append(c.toLower());
    }
    return out;
}

CustomerSearch::QueryKind CustomerSearch::classify(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxQueryChars)
        return QueryKind::Empty;
    if (looksLikeIdNumber(trimmed))
        return QueryKind::IdNumber;
    int digits = 0;
    if (isDigitsAndSeparators(trimmed, &digits))
        return QueryKind::Digits;
    if (normalizeName(trimmed).isEmpty())
        return QueryKind::Empty;
    return QueryKind::Name;
}

QVector<CustomerHit> CustomerSearch::search(const QString& rawText, int limit) const
{
    if (limit <= 0)
        return {};
    const QString text = rawText.trimmed();
    const QueryKind kind = classify(text);
    if (kind == QueryKind::Empty)
        return {};

    HitCollector hits(m_store->connection(), limit);
    const QString cols = QLatin1String(kColumns);
    const QString byNumber = QStringLiteral(
        "SELECT %1, s.number FROM subscription s JOIN customer c ON c.id = s.customer_id "
        "WHERE s.%2 >= ? AND s.%2 < ? AND s.deleted_at IS NULL AND c.deleted_at IS NULL "
        "ORDER BY s.%2 LIMIT ?");
    const QString byColumn = QStringLiteral(
        "SELECT %1 FROM customer c WHERE c.%2 >= ? AND c.%2 < ? AND c.deleted_at IS NULL ORDER BY c.%2 LIMIT ?");
    const QString byColumnExact = QStringLiteral(
        "SELECT %1 FROM customer c WHERE c.%2 = ? AND c.deleted_at IS NULL LIMIT ?");

    switch (kind) {
    case QueryKind::Digits: {
        const QString digits = PhoneNumber::searchDigits(text);
        if (digits.size() < 3)
            break;
        const QString rev = reversed(digits);
        if (digits.size() >= 11) {
            // A whole number: exact lines first (several records may hold one number).
            hits.run(byNumber.arg(cols, QStringLiteral("number_digits")), {digits, upperBound(digits)},
                     CustomerHit::Match::Number);
        } else if (digits.size() <= 4) {
            // Agents read out the last four digits: the suffix comes first.
            hits.run(byNumber.arg(cols, QStringLiteral("number_rev")), {rev, upperBound(rev)},
                     CustomerHit::Match::NumberSuffix);
            hits.run(byNumber.arg(cols, QStringLiteral("number_digits")), {digits, upperBound(digits)},
                     CustomerHit::Match::Number);
        } else {
            hits.run(byNumber.arg(cols, QStringLiteral("number_digits")), {digits, upperBound(digits)},
                     CustomerHit::Match::Number);
            hits.run(byNumber.arg(cols, QStringLiteral("number_rev")), {rev, upperBound(rev)},
                     CustomerHit::Match::NumberSuffix);
        }
        if (digits.size() >= 6) {
            hits.run(byColumn.arg(cols, QStringLiteral("account_no")), {digits, upperBound(digits)},
                     CustomerHit::Match::AccountNo);
            hits.run(byColumn.arg(cols, QStringLiteral("id_number")), {digits, upperBound(digits)},
                     CustomerHit::Match::IdNumber);
        }
        break;
    }
    case QueryKind::IdNumber: {
        const QString id = IdNumber::normalized(text);
        // Merged source systems wrote the check character in either case.
        hits.run(byColumnExact.arg(cols, QStringLiteral("id_number")), {id}, CustomerHit::Match::IdNumber);
        hits.run(byColumnExact.arg(cols, QStringLiteral("id_number")), {id.toLower()}, CustomerHit::Match::IdNumber);
        hits.run(byColumn.arg(cols, QStringLiteral("id_number")), {id, upperBound(id)}, CustomerHit::Match::IdNumber);
        break;
    }
    case QueryKind::Name: {
        const QString name = normalizeName(text);
        hits.run(byColumnExact.arg(cols, QStringLiteral("name_norm")), {name}, CustomerHit::Match::Name);
        hits.run(byColumn.arg(cols, QStringLiteral("name_norm")), {name, upperBound(name)}, CustomerHit::Match::Name);
        hits.run(byColumn.arg(cols, QStringLiteral("name_alt")), {name, upperBound(name)}, CustomerHit::Match::Name);
        // Passport numbers and account numbers with letters.
        const QString upper = IdNumber::normalized(text);
        if (upper.size() >= 5) {
            hits.run(byColumn.arg(cols, QStringLiteral("id_number")), {upper, upperBound(upper)},
                     CustomerHit::Match::IdNumber);
            hits.run(byColumn.arg(cols, QStringLiteral("account_no")), {upper, upperBound(upper)},
                     CustomerHit::Match::AccountNo);
        }
        break;
    }
    case QueryKind::AccountNo:
    case QueryKind::Empty:
        break;
    }
    return hits.take();
}

} // namespace telcodesk
