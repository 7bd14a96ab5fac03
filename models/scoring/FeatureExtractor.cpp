#include "scoring/CustomerFeatures.h"

#include "scoring/SqliteStatement.h"

#include <QDate>
#include <QSqlDatabase>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cmath>
#include <limits>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace telcodesk {

using scoring_detail::Statement;

namespace {

constexpr qint64 kDayMs = 86400000;
constexpr qint64 kBeijingOffsetMs = 8 * 3600000;
constexpr int kUsageMonths = 7; // m0..m6
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Howard Hinnant's civil calendar conversions: the extractor turns millions of dates and instants into
// days and months, and QDate/QDateTime per value would cost more than the rest of the arithmetic.
int daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(int z, int* y, int* m, int* d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/// Beijing calendar day (days since 1970-01-01) of an instant.
qint64 beijingDay(qint64 ms)
{
    const qint64 local = ms + kBeijingOffsetMs;
    return local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
}

/// "YYYY-MM-DD" (a longer text is cut to its first 10 characters) to days; false when it is not a date.
bool parseDate(const char* p, int size, int* days, int* y = nullptr, int* m = nullptr, int* d = nullptr)
{
    if (!p || size < 10 || p[4] != '-' || p[7] != '-')
        return false;
    int v[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k) {
        for (int i = 0; i < lengths[k]; ++i) {
            const char c = p[starts[k] + i];
            if (c < '0' || c > '9')
                return false;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > daysInMonth(v[0], v[1]))
        return false;
    *days = daysFromCivil(v[0], v[1], v[2]);
    if (y)
        *y = v[0];
    if (m)
        *m = v[1];
    if (d)
        *d = v[2];
    return true;
}

std::string isoDate(int days)
{
    int y = 0, m = 0, d = 0;
    civilFromDays(days, &y, &m, &d);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
    return text;
}

/// Months since year 0 of a yyyymm.
int monthIndexOf(int yyyymm)
{
    return (yyyymm / 100) * 12 + yyyymm % 100 - 1;
}

int yyyymmOf(int monthIndex)
{
    return (monthIndex / 12) * 100 + monthIndex % 12 + 1;
}

struct AsOf
{
    qint64 ms = 0;
    int day = 0; // Beijing day of the as-of moment
    int year = 0, month = 0, dom = 0;
    int monthIndex = 0; // the as-of month
    int m0Index = 0;
    int m0 = 0;         // yyyymm
    int m6 = 0;         // yyyymm of m6
    qint64 window6Ms = 0; // start of m5 (Beijing midnight) in ms UTC: the "last 6 months" for frequency
    int window6Day = 0;
    std::string date, window6Date; // the as-of day and the first of m5 as YYYY-MM-DD

    explicit AsOf(qint64 asOfMs) : ms(asOfMs)
    {
        day = int(beijingDay(asOfMs));
        civilFromDays(day, &year, &month, &dom);
        monthIndex = year * 12 + month - 1;
        m0Index = monthIndex - 1;
        m0 = yyyymmOf(m0Index);
        m6 = yyyymmOf(m0Index - 6);
        const int m5 = m0Index - 5;
        window6Day = daysFromCivil(m5 / 12, m5 % 12 + 1, 1);
        window6Ms = qint64(window6Day) * kDayMs - kBeijingOffsetMs;
        date = isoDate(day);
        window6Date = isoDate(window6Day);
    }
};

struct PlanInfo
{
    bool base = false;
    double dataMb = 0;
    double voiceMin = 0;
};

/// Everything gathered for one customer before it becomes feature values.
struct Acc
{
    std::string id;
    std::string parentId;
    int type = 0; // 0 individual, 1 family, 2 enterprise
    double tier = kNaN;
    int birthDay = INT_MIN;
    int birthY = 0, birthM = 0, birthD = 0;
    int tenureY = 0, tenureM = 0, tenureD = 0;
    bool hasTenure = false;

    double spend[kUsageMonths] = {};
    double voice[kUsageMonths] = {};   // mobile lines
    double data[kUsageMonths] = {};    // mobile lines
    double logins[kUsageMonths] = {};
    bool known[kUsageMonths] = {};
    int latestActiveMonth = INT_MIN;   // month index with usage or a payment

    double allowanceData = 0;
    double allowanceVoice = 0;
    int activeLines = 0;
    int contractDays = INT_MAX;

    int complaints30 = 0, porting7 = 0, billing90 = 0, contacts90 = 0;
    int overdueBills = 0;
    double overdueYuan = 0;
    int slaBreaches = 0, openTickets = 0;
    int frequency = 0;
    int household = 1;
};

/// The statements of one extraction, prepared once on the calling thread's connection.
struct Reader
{
    explicit Reader(sqlite3* db)
        : customers(db, "SELECT id, type, tier, birth_date, tenure_start, parent_id FROM customer "
                        "WHERE id > ?1 AND deleted_at IS NULL ORDER BY id LIMIT ?2"),
          customer(db, "SELECT id, type, tier, birth_date, tenure_start, parent_id FROM customer "
                       "WHERE id = ?1 AND deleted_at IS NULL"),
          lines(db, "SELECT customer_id, service, plan_id, contract_end, status, id FROM subscription "
                    "WHERE customer_id BETWEEN ?1 AND ?2 AND deleted_at IS NULL"),
          linesInRange(db, "SELECT count(*) FROM subscription WHERE id BETWEEN ?1 AND ?2"),
          usage(db, "SELECT subscription_id, month, voice_min, data_mb, sms, spend_fen, app_logins FROM usage_month "
                    "WHERE subscription_id = ?1 AND month BETWEEN ?2 AND ?3 AND deleted_at IS NULL"),
          usageRange(db, "SELECT subscription_id, month, voice_min, data_mb, sms, spend_fen, app_logins FROM usage_month "
                         "WHERE subscription_id BETWEEN ?1 AND ?4 AND month BETWEEN ?2 AND ?3 AND deleted_at IS NULL"),
          addons(db, "SELECT subscription_id FROM subscription_addon WHERE subscription_id = ?1 "
                     "AND start_date BETWEEN ?2 AND ?3 AND deleted_at IS NULL"),
          addonsRange(db, "SELECT subscription_id FROM subscription_addon WHERE subscription_id BETWEEN ?1 AND ?4 "
                          "AND start_date BETWEEN ?2 AND ?3 AND deleted_at IS NULL"),
          bills(db, "SELECT customer_id, month, amount_fen, paid_fen, paid_at, status FROM bill "
                    "WHERE customer_id BETWEEN ?1 AND ?2 AND (month >= ?3 OR status = 'overdue') AND deleted_at IS NULL"),
          lastPayment(db, "SELECT max(paid_at) FROM bill WHERE customer_id = ?1 AND paid_at <= ?2 AND deleted_at IS NULL"),
          interactions(db, "SELECT customer_id, kind, occurred_at FROM interaction "
                           "WHERE customer_id BETWEEN ?1 AND ?2 AND occurred_at BETWEEN ?3 AND ?4 "
                           "AND direction = 'inbound' AND deleted_at IS NULL"),
          tickets(db, "SELECT customer_id, status, created_at, first_response_due, first_responded_at, "
                      "resolution_due, resolved_at, closed_at FROM ticket "
                      "WHERE customer_id BETWEEN ?1 AND ?2 AND created_at <= ?3 AND deleted_at IS NULL"),
          orders(db, "SELECT customer_id FROM sales_order WHERE customer_id BETWEEN ?1 AND ?2 "
                     "AND created_at BETWEEN ?3 AND ?4 AND deleted_at IS NULL"),
          members(db, "SELECT count(*) FROM customer WHERE parent_id = ?1 AND deleted_at IS NULL"),
          membersInRange(db, "SELECT parent_id, count(*) FROM customer WHERE parent_id BETWEEN ?1 AND ?2 "
                             "AND deleted_at IS NULL GROUP BY parent_id"),
          plans(db, "SELECT id, kind, data_mb, voice_min FROM plan")
    {
    }

    QString firstError() const
    {
        for (const Statement* s : {&customers, &customer, &lines, &linesInRange, &usage, &usageRange, &addons,
                                   &addonsRange, &bills, &interactions,
                                   &tickets, &orders, &members, &membersInRange, &plans, &lastPayment}) {
            if (!s->ok())
                return s->error();
        }
        return {};
    }

    Statement customers, customer, lines, linesInRange, usage, usageRange, addons, addonsRange, bills, lastPayment, interactions, tickets, orders,
        members, membersInRange, plans;
};

class Extraction
{
    Q_DECLARE_TR_FUNCTIONS(FeatureExtractor)

public:
    Extraction(sqlite3* db, qint64 asOfMs) : m_db(db), m_reader(db), m_asOf(asOfMs) {}

    Status prepare()
    {
        const QString error = m_reader.firstError();
        if (!error.isEmpty())
            return Error{tr("cannot read the features: %1").arg(error), QStringLiteral("store")};
        Statement& s = m_reader.plans;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            PlanInfo p;
            p.base = s.equals(1, "base");
            p.dataMb = double(s.int64(2));
            p.voiceMin = double(s.int64(3));
            m_planIds.push_back(s.text(0));
            m_plans.emplace(std::string_view(m_planIds.back()), p);
        }
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("plan"));
        return {};
    }

    /// Live customers after afterId, in id order.
    Status readBatch(const std::string& afterId, int limit)
    {
        m_accs.reserve(std::size_t(limit));
        Statement& s = m_reader.customers;
        s.reset();
        s.bind(1, afterId);
        s.bind(2, qint64(limit));
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            addCustomer(s);
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("customer"));
        return {};
    }

    Status readOne(const std::string& id)
    {
        Statement& s = m_reader.customer;
        s.reset();
        s.bind(1, id);
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            addCustomer(s);
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("customer"));
        return {};
    }

    /// Gathers every table's rows of the customers with ids in [lo, hi] (the ones read above).
    Status gather(const std::string& lo, const std::string& hi)
    {
        for (const auto& step : {&Extraction::gatherLines, &Extraction::gatherBills, &Extraction::gatherContacts,
                                 &Extraction::gatherTickets, &Extraction::gatherOrders}) {
            const Status s = (this->*step)(lo, hi);
            if (!s)
                return s;
        }
        return {};
    }

    /// lo and hi: the chunk's id range, when it was read as one (the groups it heads are counted in one go);
    /// empty for customers read one by one.
    Status gatherHouseholds(const std::string& lo = {}, const std::string& hi = {})
    {
        if (const Status r = recencyBeyondWindow(); !r)
            return r;
        std::unordered_map<std::string, int> membersOf;
        if (!lo.empty()) {
            Statement& s = m_reader.membersInRange;
            s.reset();
            s.bind(1, lo);
            s.bind(2, hi);
            int rc;
            while ((rc = s.step()) == SQLITE_ROW)
                membersOf.emplace(s.text(0), int(s.int64(1)));
            if (rc != SQLITE_DONE)
                return fail(QStringLiteral("customer"));
        }
        const auto inRange = [&](const std::string& id) { return !lo.empty() && id >= lo && id <= hi; };
        const auto count = [&](const std::string& parent, int* n) -> Status {
            const auto it = membersOf.find(parent);
            if (it != membersOf.end()) {
                *n = it->second;
                return {};
            }
            if (inRange(parent)) {
                *n = 0; // the range query above found no member
                return {};
            }
            Statement& s = m_reader.members;
            s.reset();
            s.bind(1, parent);
            if (s.step() != SQLITE_ROW)
                return fail(QStringLiteral("customer"));
            *n = int(s.int64(0));
            membersOf.emplace(parent, *n);
            return {};
        };
        for (Acc& a : m_accs) {
            int n = 0;
            if (!a.parentId.empty()) {
                // A member: the head of the group and everyone with the same parent (this customer included).
                const Status s = count(a.parentId, &n);
                if (!s)
                    return s;
                a.household = 1 + n;
            } else if (a.type != 0) {
                // Only family and enterprise accounts head a group.
                const Status s = count(a.id, &n);
                if (!s)
                    return s;
                a.household = 1 + n;
            }
        }
        return {};
    }

    bool empty() const { return m_accs.empty(); }
    const std::string& firstId() const { return m_accs.front().id; }
    const std::string& lastId() const { return m_accs.back().id; }
    std::size_t size() const { return m_accs.size(); }

    void sortById()
    {
        std::sort(m_accs.begin(), m_accs.end(), [](const Acc& a, const Acc& b) { return a.id < b.id; });
    }

    /// The customers between index from and to (exclusive), for explicit lists gathered one by one.
    const Acc& at(std::size_t i) const { return m_accs[i]; }

    FeatureBlock finish() const;

private:
    Status fail(const QString& table) const
    {
        return Error{tr("cannot read the table %1 for the features: %2").arg(table, QString::fromUtf8(sqlite3_errmsg(m_db))),
                     QStringLiteral("store")};
    }

    void addCustomer(const Statement& s)
    {
        Acc a;
        a.id = s.text(0);
        if (s.equals(1, "family"))
            a.type = 1;
        else if (s.equals(1, "enterprise"))
            a.type = 2;
        static const char* const tiers[] = {"standard", "silver", "gold", "platinum", "diamond"};
        for (int t = 0; t < 5; ++t) {
            if (s.equals(2, tiers[t]))
                a.tier = t;
        }
        int size = 0;
        const char* p = s.raw(3, &size);
        if (!parseDate(p, size, &a.birthDay, &a.birthY, &a.birthM, &a.birthD))
            a.birthDay = INT_MIN;
        int days = 0;
        p = s.raw(4, &size);
        a.hasTenure = parseDate(p, size, &days, &a.tenureY, &a.tenureM, &a.tenureD);
        a.parentId = s.text(5);
        m_accs.push_back(std::move(a));
    }

    Acc* find(const char* id, int size)
    {
        // Rows of a range come in customer order, so the previous match or the next one is nearly always it.
        const auto same = [&](const Acc& a) {
            return a.id.size() == std::size_t(size) && std::memcmp(a.id.data(), id, std::size_t(size)) == 0;
        };
        if (m_hint < m_accs.size() && same(m_accs[m_hint]))
            return &m_accs[m_hint];
        if (m_hint + 1 < m_accs.size() && same(m_accs[m_hint + 1]))
            return &m_accs[++m_hint];
        const std::string key(id, std::size_t(size));
        const auto it = std::lower_bound(m_accs.begin(), m_accs.end(), key,
                                         [](const Acc& a, const std::string& k) { return a.id < k; });
        if (it == m_accs.end() || it->id != key)
            return nullptr;
        m_hint = std::size_t(it - m_accs.begin());
        return &*it;
    }

    Acc* findColumn(const Statement& s, int col)
    {
        int size = 0;
        const char* p = s.raw(col, &size);
        return p ? find(p, size) : nullptr;
    }

    struct LineRef
    {
        std::string id;
        Acc* acc = nullptr;
        bool mobile = false;
    };

    Status gatherLines(const std::string& lo, const std::string& hi)
    {
        Statement& s = m_reader.lines;
        s.reset();
        s.bind(1, lo);
        s.bind(2, hi);
        int rc;
        std::vector<LineRef> lines;
        while ((rc = s.step()) == SQLITE_ROW) {
            Acc* a = findColumn(s, 0);
            if (!a)
                continue;
            const bool mobile = s.equals(1, "mobile");
            if (s.equals(4, "active"))
                addActiveLine(*a, s, mobile);
            lines.push_back(LineRef{s.text(5), a, mobile});
        }
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("subscription"));
        if (lines.empty())
            return {};
        std::sort(lines.begin(), lines.end(), [](const LineRef& x, const LineRef& y) { return x.id < y.id; });

        // Lines are usually created with their customer, so a chunk's line ids lie close together: then one
        // range of usage_month's key holds them (every month of each: the other months are skipped inside
        // SQLite), read in key order instead of a descent per line. Lines scattered among others' (ids from
        // elsewhere) are sought one by one.
        bool range = false;
        if (lines.size() >= 32) {
            Statement& c = m_reader.linesInRange;
            c.reset();
            c.bind(1, lines.front().id);
            c.bind(2, lines.back().id);
            if (c.step() != SQLITE_ROW)
                return fail(QStringLiteral("subscription"));
            range = double(c.int64(0)) <= 1.25 * double(lines.size()) + 16;
        }
        const Status u = range ? readRange(m_reader.usageRange, lines, true) : readEach(m_reader.usage, lines, true);
        if (!u)
            return u;
        return range ? readRange(m_reader.addonsRange, lines, false) : readEach(m_reader.addons, lines, false);
    }

    void addRow(const LineRef& line, const Statement& s, bool usage)
    {
        if (usage)
            addUsage(*line.acc, s, line.mobile);
        else
            ++line.acc->frequency;
    }

    Status bindWindow(Statement& s, bool usage)
    {
        if (usage) {
            s.bind(2, qint64(m_asOf.m6));
            s.bind(3, qint64(m_asOf.m0));
        } else {
            s.bind(2, m_asOf.window6Date);
            s.bind(3, m_asOf.date);
        }
        return {};
    }

    /// Rows of every line between the first and the last id, matched to the lines in key order.
    Status readRange(Statement& s, const std::vector<LineRef>& lines, bool usage)
    {
        s.reset();
        s.bind(1, lines.front().id);
        s.bind(4, lines.back().id);
        bindWindow(s, usage);
        std::size_t at = 0;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            int size = 0;
            const char* id = s.raw(0, &size);
            const std::string_view key(id, std::size_t(size));
            while (at < lines.size() && std::string_view(lines[at].id) < key)
                ++at;
            if (at < lines.size() && std::string_view(lines[at].id) == key)
                addRow(lines[at], s, usage);
        }
        if (rc != SQLITE_DONE)
            return fail(usage ? QStringLiteral("usage_month") : QStringLiteral("subscription_addon"));
        return {};
    }

    Status readEach(Statement& s, const std::vector<LineRef>& lines, bool usage)
    {
        for (const LineRef& line : lines) {
            s.reset();
            s.bind(1, line.id);
            bindWindow(s, usage);
            int rc;
            while ((rc = s.step()) == SQLITE_ROW)
                addRow(line, s, usage);
            if (rc != SQLITE_DONE)
                return fail(usage ? QStringLiteral("usage_month") : QStringLiteral("subscription_addon"));
        }
        return {};
    }

    void addActiveLine(Acc& a, const Statement& s, bool mobile)
    {
        ++a.activeLines;
        int size = 0;
        const char* p = s.raw(3, &size);
        int end = 0;
        if (parseDate(p, size, &end) && end >= m_asOf.day)
            a.contractDays = std::min(a.contractDays, end - m_asOf.day);
        if (mobile && !s.isNull(2)) {
            const char* planId = s.raw(2, &size);
            const auto plan = m_plans.find(std::string_view(planId, std::size_t(size)));
            if (plan != m_plans.end() && plan->second.base) {
                a.allowanceData += plan->second.dataMb;
                a.allowanceVoice += plan->second.voiceMin;
            }
        }
    }

    void addUsage(Acc& a, const Statement& u, bool mobile)
    {
        const int monthIndex = monthIndexOf(int(u.int64(1)));
        const int k = m_asOf.m0Index - monthIndex;
        if (k < 0 || k >= kUsageMonths)
            return;
        const double voice = double(u.int64(2));
        const double data = double(u.int64(3));
        const double sms = double(u.int64(4));
        const double spend = double(u.int64(5)) / 100.0;
        const double logins = double(u.int64(6));
        a.known[k] = true;
        a.spend[k] += spend;
        a.logins[k] += logins;
        if (mobile) {
            a.voice[k] += voice;
            a.data[k] += data;
        }
        if ((voice > 0 || data > 0 || sms > 0 || spend > 0 || logins > 0) && monthIndex > a.latestActiveMonth)
            a.latestActiveMonth = monthIndex;
    }

    Status gatherBills(const std::string& lo, const std::string& hi)
    {
        Statement& s = m_reader.bills;
        s.reset();
        s.bind(1, lo);
        s.bind(2, hi);
        // Bills before m6 matter only when overdue, or for the recency of a customer with no activity since
        // (recencyBeyondWindow).
        s.bind(3, qint64(m_asOf.m6));
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            Acc* a = findColumn(s, 0);
            if (!a)
                continue;
            if (monthIndexOf(int(s.int64(1))) > m_asOf.monthIndex)
                continue;
            if (s.equals(5, "overdue")) {
                ++a->overdueBills;
                a->overdueYuan += double(std::max<qint64>(0, s.int64(2) - s.int64(3))) / 100.0;
            }
            if (!s.isNull(4)) {
                const qint64 paidAt = s.int64(4);
                if (paidAt <= m_asOf.ms) {
                    int y = 0, m = 0, d = 0;
                    civilFromDays(int(beijingDay(paidAt)), &y, &m, &d);
                    a->latestActiveMonth = std::max(a->latestActiveMonth, y * 12 + m - 1);
                    if (paidAt >= m_asOf.window6Ms)
                        ++a->frequency;
                }
            }
        }
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("bill"));
        return {};
    }

    /// The latest payment of customers with neither usage nor a payment since m6 (few: closed accounts).
    Status recencyBeyondWindow()
    {
        const int windowStart = m_asOf.m0Index - (kUsageMonths - 1);
        for (Acc& a : m_accs) {
            if (a.latestActiveMonth >= windowStart)
                continue;
            Statement& s = m_reader.lastPayment;
            s.reset();
            s.bind(1, a.id);
            s.bind(2, m_asOf.ms);
            if (s.step() != SQLITE_ROW)
                return fail(QStringLiteral("bill"));
            if (!s.isNull(0)) {
                int y = 0, m = 0, d = 0;
                civilFromDays(int(beijingDay(s.int64(0))), &y, &m, &d);
                a.latestActiveMonth = std::max(a.latestActiveMonth, y * 12 + m - 1);
            }
        }
        return {};
    }

    Status gatherContacts(const std::string& lo, const std::string& hi)
    {
        Statement& s = m_reader.interactions;
        s.reset();
        s.bind(1, lo);
        s.bind(2, hi);
        s.bind(3, m_asOf.ms - 90 * kDayMs);
        s.bind(4, m_asOf.ms);
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            Acc* a = findColumn(s, 0);
            if (!a)
                continue;
            const qint64 at = s.int64(2);
            ++a->contacts90;
            if (s.equals(1, "complaint")) {
                if (at >= m_asOf.ms - 30 * kDayMs)
                    ++a->complaints30;
            } else if (s.equals(1, "porting_inquiry")) {
                if (at >= m_asOf.ms - 7 * kDayMs)
                    ++a->porting7;
            } else if (s.equals(1, "billing")) {
                ++a->billing90;
            }
        }
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("interaction"));
        return {};
    }

    Status gatherTickets(const std::string& lo, const std::string& hi)
    {
        Statement& s = m_reader.tickets;
        s.reset();
        s.bind(1, lo);
        s.bind(2, hi);
        s.bind(3, m_asOf.ms);
        int rc;
        const auto late = [&](int dueCol, int doneCol, qint64 otherDone) {
            if (s.isNull(dueCol))
                return false;
            const qint64 due = s.int64(dueCol);
            qint64 done = s.isNull(doneCol) ? otherDone : s.int64(doneCol);
            if (done <= 0 || done > m_asOf.ms)
                done = m_asOf.ms; // still running at the as-of moment
            return done > due;
        };
        while ((rc = s.step()) == SQLITE_ROW) {
            Acc* a = findColumn(s, 0);
            if (!a)
                continue;
            const bool finished = s.equals(1, "resolved") || s.equals(1, "closed");
            if (!finished)
                ++a->openTickets;
            const qint64 created = s.int64(2);
            if (created >= m_asOf.ms - 90 * kDayMs) {
                const qint64 closed = s.isNull(7) ? 0 : s.int64(7);
                const qint64 resolved = s.isNull(6) ? closed : s.int64(6);
                // Breached, or met late: the first response or the resolution came after its due time (or
                // has not come and the due time has passed).
                if (late(3, 4, resolved) || late(5, 6, closed))
                    ++a->slaBreaches;
            }
        }
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("ticket"));
        return {};
    }

    Status gatherOrders(const std::string& lo, const std::string& hi)
    {
        Statement& s = m_reader.orders;
        s.reset();
        s.bind(1, lo);
        s.bind(2, hi);
        s.bind(3, m_asOf.window6Ms);
        s.bind(4, m_asOf.ms);
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            if (Acc* a = findColumn(s, 0))
                ++a->frequency;
        }
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("sales_order"));
        return {};
    }

    sqlite3* m_db;
    Reader m_reader;
    AsOf m_asOf;
    std::deque<std::string> m_planIds; // the keys' storage (a deque never moves its elements)
    std::unordered_map<std::string_view, PlanInfo> m_plans;
    std::vector<Acc> m_accs;
    std::size_t m_hint = 0;
};

/// Ratios of a month to an earlier one are capped at kMaxRatio (changes at +100 %): churn shows as a fall,
/// and a rise from a near-empty month (a line that just started, a month abroad) would otherwise be a value
/// dozens of standard deviations out that outweighs everything else in a linear model.
constexpr double kMaxRatio = 2.0;

double ratio(double num, bool numKnown, double den, bool denKnown)
{
    if (!numKnown || !denKnown || den == 0)
        return kNaN;
    return std::min(num / den, kMaxRatio);
}

FeatureBlock Extraction::finish() const
{
    FeatureBlock block;
    block.asOfMs = m_asOf.ms;
    block.monthM0 = m_asOf.m0;
    block.values.assign(m_accs.size() * std::size_t(kCustomerFeatureCount), kNaN);
    block.customerIds.reserve(qsizetype(m_accs.size()));
    int r = 0;
    for (const Acc& a : m_accs) {
        block.customerIds.append(QString::fromUtf8(a.id.data(), qsizetype(a.id.size())));
        double* v = block.row(r++);
        const auto set = [v](CustomerFeature f, double x) { v[int(f)] = x; };

        if (a.hasTenure) {
            int months = (m_asOf.year - a.tenureY) * 12 + (m_asOf.month - a.tenureM) - (m_asOf.dom < a.tenureD ? 1 : 0);
            set(CustomerFeature::TenureMonths, std::max(0, months));
        }
        if (a.contractDays != INT_MAX) {
            set(CustomerFeature::DaysToContractEnd, a.contractDays);
            set(CustomerFeature::MonthsToContractEnd, a.contractDays / 30.44);
        }

        const auto meanOf = [&a](const double* xs, int from, int to, bool* known) {
            double sum = 0;
            int n = 0;
            for (int k = from; k <= to; ++k) {
                if (a.known[k]) {
                    sum += xs[k];
                    ++n;
                }
            }
            *known = n > 0;
            return n > 0 ? sum / n : 0.0;
        };
        const auto change = [&a](const double* xs, int back) {
            const double r = ratio(xs[0], a.known[0], xs[back], a.known[back]);
            return std::isnan(r) ? r : r - 1;
        };

        if (a.known[0])
            set(CustomerFeature::SpendLastMonth, a.spend[0]);
        bool known3 = false;
        const double avg3 = meanOf(a.spend, 0, 2, &known3);
        if (known3)
            set(CustomerFeature::SpendAvg3m, avg3);
        set(CustomerFeature::SpendChange3m, change(a.spend, 3));
        set(CustomerFeature::SpendChange6m, change(a.spend, 6));
        bool baseKnown = false;
        const double base = meanOf(a.spend, 3, 5, &baseKnown);
        set(CustomerFeature::SpendRatioM0, ratio(a.spend[0], a.known[0], base, baseKnown));
        set(CustomerFeature::SpendRatioM1, ratio(a.spend[1], a.known[1], base, baseKnown));
        set(CustomerFeature::SpendRatioM2, ratio(a.spend[2], a.known[2], base, baseKnown));
        set(CustomerFeature::DataChange3m, change(a.data, 3));
        set(CustomerFeature::DataChange6m, change(a.data, 6));
        set(CustomerFeature::VoiceChange3m, change(a.voice, 3));
        bool voiceBeforeKnown = false;
        const double voiceBefore = meanOf(a.voice, 1, 3, &voiceBeforeKnown);
        set(CustomerFeature::VoiceRatio30d, ratio(a.voice[0], a.known[0], voiceBefore, voiceBeforeKnown));

        if (a.known[0]) {
            const int m0 = m_asOf.m0Index;
            set(CustomerFeature::LoginsPerWeekRecent, a.logins[0] / (daysInMonth(m0 / 12, m0 % 12 + 1) / 7.0));
        }
        double loginsBefore = 0;
        int daysBefore = 0;
        for (int k = 3; k <= 5; ++k) {
            if (a.known[k]) {
                const int mi = m_asOf.m0Index - k;
                loginsBefore += a.logins[k];
                daysBefore += daysInMonth(mi / 12, mi % 12 + 1);
            }
        }
        if (daysBefore > 0)
            set(CustomerFeature::LoginsPerWeekBefore, loginsBefore / (daysBefore / 7.0));
        set(CustomerFeature::LoginChange3m, change(a.logins, 3));

        set(CustomerFeature::Complaints30d, a.complaints30);
        set(CustomerFeature::PortingEnquiries7d, a.porting7);
        set(CustomerFeature::BillingContacts90d, a.billing90);
        set(CustomerFeature::Contacts90d, a.contacts90);
        set(CustomerFeature::OverdueBills, a.overdueBills);
        set(CustomerFeature::OverdueYuan, a.overdueYuan);

        if (known3) {
            bool k = false;
            if (a.allowanceData > 0) {
                set(CustomerFeature::PlanFitData, meanOf(a.data, 0, 2, &k) / a.allowanceData);
                int over = 0;
                for (int m = 0; m <= 2; ++m)
                    over += a.known[m] && a.data[m] > a.allowanceData ? 1 : 0;
                set(CustomerFeature::DataOverageMonths3m, over);
            }
            if (a.allowanceVoice > 0)
                set(CustomerFeature::PlanFitVoice, meanOf(a.voice, 0, 2, &k) / a.allowanceVoice);
        }
        set(CustomerFeature::HouseholdSize, a.household);
        set(CustomerFeature::ActiveLines, a.activeLines);
        set(CustomerFeature::SlaBreaches90d, a.slaBreaches);
        set(CustomerFeature::OpenTickets, a.openTickets);
        if (a.birthDay != INT_MIN && a.type != 2 && a.birthDay <= m_asOf.day) {
            const int years = m_asOf.year - a.birthY
                - ((m_asOf.month < a.birthM || (m_asOf.month == a.birthM && m_asOf.dom < a.birthD)) ? 1 : 0);
            set(CustomerFeature::AgeYears, years);
        }
        set(CustomerFeature::IsFamily, a.type == 1 ? 1 : 0);
        set(CustomerFeature::IsEnterprise, a.type == 2 ? 1 : 0);
        set(CustomerFeature::TierRank, a.tier);
        if (a.latestActiveMonth != INT_MIN)
            set(CustomerFeature::RecencyMonths, std::max(0, m_asOf.monthIndex - a.latestActiveMonth));
        set(CustomerFeature::Frequency6m, a.frequency);
    }
    return block;
}

/// Runs body inside one read transaction unless the caller already has one open, so that every table is
/// read from the same snapshot.
template<typename F>
Result<FeatureBlock> inReadTransaction(sqlite3* db, F body)
{
    const bool own = sqlite3_get_autocommit(db) != 0;
    if (own)
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    Result<FeatureBlock> result = body();
    if (own)
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    return result;
}

} // namespace

CsvTable FeatureBlock::toTable(const std::vector<double>& labels) const
{
    std::vector<CsvColumn> columns(static_cast<std::size_t>(kCustomerFeatureCount));
    const QStringList& names = CustomerFeatures::names();
    for (int f = 0; f < kCustomerFeatureCount; ++f) {
        CsvColumn& c = columns[std::size_t(f)];
        c.name = names.at(f);
        c.numeric = true;
        c.numbers.resize(std::size_t(rows()));
        c.texts.reserve(rows());
        for (int r = 0; r < rows(); ++r) {
            const double v = value(r, CustomerFeature(f));
            c.numbers[std::size_t(r)] = v;
            c.texts.append(std::isnan(v) ? QString() : QString::number(v, 'g', 17));
        }
    }
    return CsvTable::fromColumns(std::move(columns), labels, customerIds);
}

FeatureExtractor::FeatureExtractor(LocalStorePtr store, qint64 asOfMs) : m_store(std::move(store)), m_asOfMs(asOfMs) {}

qint64 FeatureExtractor::defaultAsOf(const LocalStore& store, const Clock& clock)
{
    sqlite3* db = LocalStore::handle(store.connection());
    if (db) {
        Statement s(db, "SELECT value FROM meta WHERE key = 'demo.as_of'");
        if (s.ok() && s.step() == SQLITE_ROW) {
            const std::string text = s.text(0);
            int day = 0;
            if (parseDate(text.data(), int(text.size()), &day)) {
                // The end of that day in Beijing: the generated data stops there.
                return qint64(day + 1) * kDayMs - kBeijingOffsetMs - 1;
            }
        }
    }
    return clock.nowMs();
}

int FeatureExtractor::monthM0(qint64 asOfMs)
{
    return AsOf(asOfMs).m0;
}

Result<FeatureBlock> FeatureExtractor::extract(const QStringList& customerIds) const
{
    sqlite3* db = LocalStore::handle(m_store->connection());
    if (!db)
        return Error{tr("the local database is not open"), QStringLiteral("store")};
    return inReadTransaction(db, [&]() -> Result<FeatureBlock> {
        Extraction x(db, m_asOfMs);
        Status s = x.prepare();
        if (!s)
            return s.error();
        std::vector<std::string> ids;
        ids.reserve(std::size_t(customerIds.size()));
        for (const QString& id : customerIds)
            ids.push_back(id.toStdString());
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        for (const std::string& id : ids) {
            s = x.readOne(id);
            if (!s)
                return s.error();
        }
        x.sortById();
        for (std::size_t i = 0; i < x.size(); ++i) {
            // One customer at a time: a short list's customers are far apart in the id order.
            s = x.gather(x.at(i).id, x.at(i).id);
            if (!s)
                return s.error();
        }
        s = x.gatherHouseholds();
        if (!s)
            return s.error();
        return x.finish();
    });
}

Result<FeatureBlock> FeatureExtractor::extractBatch(const QString& afterId, int limit) const
{
    sqlite3* db = LocalStore::handle(m_store->connection());
    if (!db)
        return Error{tr("the local database is not open"), QStringLiteral("store")};
    return inReadTransaction(db, [&]() -> Result<FeatureBlock> {
        Extraction x(db, m_asOfMs);
        Status s = x.prepare();
        if (!s)
            return s.error();
        s = x.readBatch(afterId.toStdString(), std::max(1, limit));
        if (!s)
            return s.error();
        if (!x.empty()) {
            s = x.gather(x.firstId(), x.lastId());
            if (!s)
                return s.error();
            s = x.gatherHouseholds(x.firstId(), x.lastId());
            if (!s)
                return s.error();
        }
        return x.finish();
    });
}

} // namespace telcodesk
