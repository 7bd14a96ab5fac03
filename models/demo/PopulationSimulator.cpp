#include "demo/PopulationSimulator.h"

#include "demo/ReferenceData.h"
#include "demo/SimulationSupport.h"
#include "demo/SocialCreditCode.h"
#include "domain/IdNumber.h"
#include "services/CustomerSearch.h"

#include <QString>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

namespace telcodesk::demo {

namespace {

constexpr int kMonths = 24;

/// The first moment at or after ms when the back office works tickets (08:30-21:00 Beijing time); outside
/// those hours, a little after the next opening.
qint64 backOfficeTime(qint64 ms, Rng& rng)
{
    constexpr qint64 opens = (8 * 60 + 30) * kMinuteMs;
    constexpr qint64 closes = 21 * 60 * kMinuteMs;
    const qint64 local = ms + kBeijingOffsetMs;
    const qint64 timeOfDay = local % kDayMs;
    if (timeOfDay >= opens && timeOfDay < closes)
        return ms;
    const qint64 opening = ms - timeOfDay + opens + rng.below(45) * kMinuteMs;
    return timeOfDay < opens ? opening : opening + kDayMs;
}

// How a churner's use fades, by months since the decline began: voice ends below 30 % of what it was,
// app logins fall from about five a week to one or none.
constexpr double kChurnVoice[] = {0.62, 0.40, 0.24, 0.18, 0.15, 0.13};
constexpr double kChurnData[] = {0.80, 0.62, 0.48, 0.40, 0.36, 0.33};
constexpr double kChurnLogins[] = {0.45, 0.16, 0.08, 0.05, 0.04, 0.03};

enum class AccountType { Individual, Family, Enterprise };
enum class Payer { Punctual, Late, Partial, Delinquent };

struct MonthInfo
{
    int key = 0;
    QDate first;
    int days = 30;
    qint64 startMs = 0; ///< Beijing midnight of the first day, as UTC ms
    double voiceSeason = 1;
    double dataSeason = 1;
    double broadbandSeason = 1;
    double tripChance = 1;
    double growth = 1; ///< data use grows about 15 % a year
};

struct AddonSpan
{
    int plan = 0;
    int from = 0; ///< first window month it is billed
    int to = kMonths - 1;
    QDate start;
    QDate end; ///< invalid while active
};

struct Line
{
    RowId id;
    const char* service = "mobile";
    int plan = 0;
    int previousPlan = -1;
    int changeMonth = -1; ///< months before it were on previousPlan
    std::string number;
    std::string digits;
    std::string userName;
    QDate start;
    QDate contractEnd;
    const char* status = "active";
    int first = 0;
    int last = kMonths - 1;
    bool primary = false;
    int allowanceMb = -1; ///< a share of a household bundle; -1: the plan's own
    int allowanceMin = -1;
    double dataBase = 0;
    double voiceBase = 0;
    double smsBase = 0;
    double loginBase = 0;
    bool roamer = false;
    int tripCountry = -1; ///< the last trip's destination, for roaming stories
    int tripMonth = -1;
    std::vector<AddonSpan> addons;
    std::array<int, kMonths> voice{};
    std::array<int, kMonths> data{};
    std::array<int, kMonths> sms{};
    std::array<int, kMonths> spend{};
    std::array<int, kMonths> logins{};
    std::array<int, kMonths> roaming{};

    bool activeIn(int m) const { return m >= first && m <= last; }
    int planIn(int m) const { return changeMonth >= 0 && m < changeMonth ? previousPlan : plan; }
};

struct Event
{
    qint64 at = 0;
    Kind kind = Kind::Other;
    const char* channel = "hotline";
    bool outbound = false;
    int line = -1;
    int story = -1;    ///< a ticket is opened with this story
    int summary = -1;  ///< template index
    int month = -1;    ///< window month the contact is about
    int planFrom = -1; ///< plan changes
    int planTo = -1;
    int addon = -1;
    const RowId* agent = nullptr;
};

struct Account
{
    AccountType type = AccountType::Individual;
    CustomerRow customer;
    bool english = false;
    int city = 0;
    int district = 0;
    int age = 40;
    bool churner = false;
    double churnStrength = 1; ///< 1: the full pattern; lower: a quieter leaver
    int declineStart = kMonths;
    // A dip of ordinary life (travel, a new job, a second phone) in customers who stay.
    int dipStart = -1;
    int dipEnd = -1;
    double dipVoice = 1;
    double dipData = 1;
    double dipLogins = 1;
    int churnMonthKey = 0;
    bool portingSignal = false;
    bool complaintSignal = false;
    Payer payer = Payer::Punctual;
    const char* payMethod = "wechat";
    QDate tenure;
    std::vector<Line> lines;
    std::vector<Event> events;
    std::array<qint64, kMonths> billAmount{};
    std::array<bool, kMonths> billed{};
    int overdueBills = 0;
};

const PlanSpec& spec(int plan) { return planCatalog()[std::size_t(plan)]; }

/// Where national numbering puts each operator: network codes and how many numbers each holds.
struct NumberRange
{
    int prefix;
    int weight;
};
const NumberRange kChinaMobile[] = {{134, 4}, {135, 6}, {136, 5}, {137, 5}, {138, 7}, {139, 7}, {147, 1}, {150, 3},
                                    {151, 3}, {152, 3}, {157, 2}, {158, 4}, {159, 4}, {172, 1}, {178, 2}, {182, 3},
                                    {183, 2}, {184, 1}, {187, 3}, {188, 3}, {195, 1}, {197, 1}, {198, 3}};
const NumberRange kChinaTelecom[] = {{133, 4}, {153, 3}, {173, 2}, {177, 3}, {180, 3}, {181, 3},
                                     {189, 5}, {190, 1}, {191, 2}, {193, 2}, {199, 3}};
const NumberRange kChinaUnicom[] = {{130, 4}, {131, 4}, {132, 4}, {145, 1}, {155, 2}, {156, 3},
                                    {166, 2}, {175, 1}, {176, 2}, {185, 2}, {186, 4}, {196, 1}};
const NumberRange kChinaBroadnet[] = {{192, 1}};

std::string reversedDigits(const std::string& digits) { return std::string(digits.rbegin(), digits.rend()); }

std::string normalizedName(const std::string& name)
{
    return CustomerSearch::normalizeName(QString::fromUtf8(name.data(), int(name.size()))).toUtf8().toStdString();
}

/// name_alt of a Latin name: its words in reverse order, normalised ("smith john" -> "smithjohn").
std::string latinAlt(const std::string& name)
{
    std::vector<std::string> words;
    std::string word;
    for (char c : name) {
        if (c == ' ') {
            if (!word.empty())
                words.push_back(word);
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    if (!word.empty())
        words.push_back(word);
    std::string reversed;
    for (auto it = words.rbegin(); it != words.rend(); ++it) {
        if (!reversed.empty())
            reversed.push_back(' ');
        reversed += *it;
    }
    return normalizedName(reversed);
}

/// True for a name in Latin letters: Chinese characters are the only three-byte UTF-8 sequences we write.
bool isLatin(const std::string& name)
{
    for (char c : name) {
        if (static_cast<unsigned char>(c) >= 0xe0)
            return false;
    }
    return true;
}

const char* tierFor(double monthlyFen, double scale)
{
    const double yuan = monthlyFen / 100.0 / scale;
    if (yuan < 70)
        return "standard";
    if (yuan < 130)
        return "silver";
    if (yuan < 230)
        return "gold";
    if (yuan < 400)
        return "platinum";
    return "diamond";
}

int tierRank(const char* tier)
{
    static const char* const order[] = {"standard", "silver", "gold", "platinum", "diamond"};
    for (int i = 0; i < 5; ++i) {
        if (std::strcmp(order[i], tier) == 0)
            return i;
    }
    return 0;
}

const char* tierOfRank(int rank)
{
    static const char* const order[] = {"standard", "silver", "gold", "platinum", "diamond"};
    return order[std::clamp(rank, 0, 4)];
}

} // namespace

// ---------------------------------------------------------------------------------------------------------

struct PopulationSimulator::Impl
{
    Impl(int customers, quint64 seed, const QDate& asOf);

    // Reference rows.
    void buildReference();
    int planIndex(const char* code) const;
    const RowId* planId(int plan) const { return &plans[std::size_t(plan)].id; }

    // Accounts.
    void generateAccount(Chunk& chunk);
    void individual(Chunk& chunk, int remaining);
    void family(Chunk& chunk, int remaining);
    void enterprise(Chunk& chunk);
    void duplicate(Chunk& chunk, const Account& original, int variantSeed);

    // Pieces of a customer.
    int sampleAge();
    QDate birthFor(int age);
    std::string residentId(const char* region, const QDate& birth, char gender);
    std::string passportNumber(int country);
    std::string address(int city, int district, bool business);
    std::string accountNumber(int city);
    std::string mobileNumber();
    void fillMobile(Line& line);
    void fillBroadband(Line& line, int city, bool iptv, const Line* broadband);
    void fillFixed(Line& line, int city);
    void fillIot(Line& line);
    const char* pickPayMethod(const Account& a);
    QDate randomDateBetween(const QDate& from, const QDate& to);
    int monthIndexOf(const QDate& d) const;
    void setWindow(Line& line);
    void contractFor(Line& line, bool forceSoon);

    // Mobile line behaviour.
    void profileMobile(Line& line, const char* segment, int age, bool secondary);
    void addonsFor(Line& line, int age);
    void planHistory(Line& line);
    void plantChurn(Account& a);
    void plantDip(Account& a);

    // Months.
    void simulate(Account& a);
    void simulateLine(const Account& a, Line& line);
    void bills(Chunk& chunk, Account& a);

    // Contacts.
    void backgroundEvents(Account& a, double ratePerMonth);
    void structuredEvents(Account& a);
    void churnEvents(Account& a);
    Event contact(Account& a, Kind kind, qint64 at, bool outbound = false);
    qint64 randomContactTime(qint64 fromMs, qint64 toMs);
    const char* channelFor(Kind kind, bool outbound);
    const RowId* agentFor(const Account& a, const char* channel, Kind kind, bool outbound);
    int summaryFor(Kind kind, bool outbound);
    int storyFor(const Account& a, Kind kind, int line, bool churnRelated);
    void emitContacts(Chunk& chunk, Account& a);
    std::string render(const char* text, bool english, const Account& a, const Event& e, const std::string& ticketNo);
    void notes(Chunk& chunk, const Account& a);

    // Emission.
    void finishCustomer(Account& a);
    void emitLines(Chunk& chunk, Account& a);
    void emitTruth(Chunk& chunk, const Account& a);

    int target;
    quint64 seed;
    QDate asOf;
    qint64 nowMs;
    Rng rng;
    SyntheticIdSource ids;
    NameMaker names;
    std::array<MonthInfo, kMonths> months;
    qint64 windowStartMs = 0;

    std::vector<RegionRow> regions;
    std::vector<AgentRow> agents;
    std::vector<PlanRow> plans;
    std::unordered_map<std::string, int> planByCode;

    Picker cityPicker;
    Picker foreignCityPicker;
    Picker carrierPicker;
    std::array<Picker, 4> rangePicker;
    std::array<Table<NumberRange>, 4> ranges;
    Picker countryPicker;
    Picker destinationPicker;

    std::unordered_set<quint64> mobileNumbers;
    std::unordered_set<quint64> idNumbers;
    quint64 accountSeq = 0;
    quint64 broadbandSeq = 0;
    quint64 fixedSeq = 0;
    quint64 iotSeq = 0;
    quint64 ticketSeq = 0;
    quint64 legacySeq = 0;

    std::vector<int> hotlineAgents;
    std::vector<int> complaintAgents;
    std::vector<int> englishAgents;
    std::vector<int> retentionAgents;
    std::vector<int> managerAgents;
    std::vector<int> clerkAgents;
    std::vector<int> supervisorAgents;
    std::array<std::array<std::vector<int>, 2>, 9> summaries;

    int generated = 0;
    Totals totals;
};

PopulationSimulator::Impl::Impl(int customers, quint64 seed_, const QDate& asOf_)
    : target(customers)
    , seed(seed_)
    , asOf(asOf_)
    , nowMs(utcMidnightMs(asOf_))
    , rng(seed_)
    // Ids carry synthetic times from two days before the data set's "today": they sort before any id the
    // application creates later from the wall clock.
    , ids(quint64(utcMidnightMs(asOf_) - 2 * kDayMs), seed_ ^ 0x9e3779b97f4a7c15ULL)
{
    const QDate firstMonth = QDate(asOf.year(), asOf.month(), 1).addMonths(-kMonths);
    for (int m = 0; m < kMonths; ++m) {
        MonthInfo& info = months[std::size_t(m)];
        info.first = firstMonth.addMonths(m);
        info.key = monthKeyOf(info.first);
        info.days = info.first.daysInMonth();
        info.startMs = beijingMs(info.first, 0);
        const int month = info.first.month();
        if (month == springFestivalMonth(info.first.year())) {
            // Home for the holiday: more calls, more trips, less mobile data and home broadband.
            info.voiceSeason = 1.3;
            info.dataSeason = 0.9;
            info.broadbandSeason = 0.85;
            info.tripChance = 2.5;
        } else if (month == 7 || month == 8) {
            info.dataSeason = 1.12;
            info.broadbandSeason = 1.1;
            info.tripChance = 2.0;
        } else if (month == 10) {
            info.tripChance = 1.8;
        }
        info.growth = std::pow(1.012, double(m - (kMonths - 1)));
    }
    windowStartMs = months[0].startMs;

    cityPicker = Picker::of(cities(), [](const City& c) { return c.populationK; });
    // Foreign residents live mostly in the big coastal cities.
    foreignCityPicker = Picker::of(cities(), [](const City& c) {
        const std::string code = c.cityCode;
        if (code == "310100" || code == "110100" || code == "440300" || code == "440100")
            return c.populationK * 8;
        if (code == "320500" || code == "330100" || code == "350200" || code == "510100" || code == "210200")
            return c.populationK * 2;
        return c.populationK / 4;
    });
    carrierPicker = Picker(std::vector<int>{60, 22, 17, 1});
    ranges = {Table<NumberRange>{kChinaMobile, std::size(kChinaMobile)},
              Table<NumberRange>{kChinaTelecom, std::size(kChinaTelecom)},
              Table<NumberRange>{kChinaUnicom, std::size(kChinaUnicom)},
              Table<NumberRange>{kChinaBroadnet, std::size(kChinaBroadnet)}};
    for (std::size_t i = 0; i < ranges.size(); ++i)
        rangePicker[i] = Picker::of(ranges[i], [](const NumberRange& r) { return r.weight; });
    countryPicker = Picker::of(passportCountries(), [](const Country& c) { return c.weight; });
    destinationPicker = Picker::of(roamingDestinations(), [](const Country& c) { return c.weight; });

    const Table<SummaryTemplate> templates = summaryTemplates();
    for (std::size_t i = 0; i < templates.size; ++i)
        summaries[std::size_t(templates[i].kind)][templates[i].outbound ? 1 : 0].push_back(int(i));

    buildReference();
}

int PopulationSimulator::Impl::planIndex(const char* code) const
{
    const auto it = planByCode.find(code);
    return it == planByCode.end() ? 0 : it->second;
}

void PopulationSimulator::Impl::buildReference()
{
    for (const City& c : cities()) {
        regions.push_back({c.cityCode, c.provinceZh, c.cityZh, c.provinceEn, c.cityEn});
        for (const District& d : c.districts) {
            if (std::strcmp(d.code, c.cityCode) != 0)
                regions.push_back({d.code, c.provinceZh, c.cityZh, c.provinceEn, c.cityEn});
        }
    }
    std::sort(regions.begin(), regions.end(),
              [](const RegionRow& a, const RegionRow& b) { return std::strcmp(a.code, b.code) < 0; });

    const Table<PlanSpec> catalog = planCatalog();
    for (std::size_t i = 0; i < catalog.size; ++i) {
        plans.push_back({ids.next(), int(i)});
        planByCode.emplace(catalog[i].code, int(i));
    }

    // Staff: their names come from their own random stream so that they do not shift with the customers.
    Rng staff(seed ^ 0x5dee7a11c0ffeeULL);
    const auto person = [&](char gender) {
        return names.chinese(staff, gender, staff.range(1970, 1998)).full;
    };
    const auto add = [&](std::string login, std::string name, const char* role, const char* region, const char* team,
                         const char* skills) {
        agents.push_back({ids.next(), std::move(login), std::move(name), role, region, team, skills});
        return int(agents.size()) - 1;
    };
    const auto login = [](const char* prefix, int n) {
        std::string s = prefix;
        appendPadded(s, quint64(n), 2);
        return s;
    };
    add("admin", "系统管理员", "admin", "440100", "系统运维组", "admin,audit");
    const Table<TeamSpec> hotline = hotlineTeams();
    for (int i = 1; i <= 3; ++i) {
        const TeamSpec& team = hotline[std::size_t(i - 1)];
        supervisorAgents.push_back(add(login("super", i), person(staff.chance(0.5) ? 'M' : 'F'), "supervisor",
                                       "440100", team.zh, "supervision,escalation,quality"));
    }
    const Table<TeamSpec> stores = storeTeams();
    static const char* const storeRegions[] = {"110100", "310100", "440100", "440300", "510100"};
    for (int i = 1; i <= 5; ++i) {
        const TeamSpec& team = stores[std::size_t(i - 1)];
        clerkAgents.push_back(add(login("clerk", i), person(staff.chance(0.6) ? 'F' : 'M'), "clerk",
                                  storeRegions[i - 1], team.zh, team.skills));
    }
    const Table<TeamSpec> managers = accountManagerTeams();
    static const char* const hotlineRegions[] = {"440100", "430100", "510100", "420100", "610100"};
    for (int i = 1; i <= 30; ++i) {
        // 01-08 and 09-16 the two general hotline teams, 17-20 complaints, 21-22 English, 23-25 retention,
        // 26-30 account managers for VIP and enterprise customers.
        const TeamSpec* team = nullptr;
        if (i <= 8)
            team = &hotline[0];
        else if (i <= 16)
            team = &hotline[1];
        else if (i <= 20)
            team = &hotline[2];
        else if (i <= 22)
            team = &hotline[3];
        else if (i <= 25)
            team = &hotline[4];
        else
            team = &managers[i <= 27 ? 0 : 1];
        const int index = add(login("agent", i), person(staff.chance(0.55) ? 'F' : 'M'), "agent",
                              i > 25 ? "440300" : hotlineRegions[(i - 1) % 5], team->zh, team->skills);
        if (i <= 16)
            hotlineAgents.push_back(index);
        else if (i <= 20)
            complaintAgents.push_back(index);
        else if (i <= 22)
            englishAgents.push_back(index);
        else if (i <= 25)
            retentionAgents.push_back(index);
        else
            managerAgents.push_back(index);
    }
}

// ---- Small pieces -----------------------------------------------------------------------------------------

int PopulationSimulator::Impl::sampleAge()
{
    static const Picker bands(std::vector<int>{10, 22, 21, 20, 15, 12});
    static const int lo[] = {18, 25, 35, 45, 55, 65};
    static const int hi[] = {24, 34, 44, 54, 64, 80};
    const int b = bands.pick(rng);
    return rng.range(lo[b], hi[b]);
}

QDate PopulationSimulator::Impl::birthFor(int age)
{
    // Born between (age + 1) years and age years before asOf: exactly `age` years old on asOf.
    const QDate latest = asOf.addYears(-age);
    const QDate earliest = asOf.addYears(-age - 1).addDays(1);
    return earliest.addDays(rng.below(int(earliest.daysTo(latest)) + 1));
}

std::string PopulationSimulator::Impl::residentId(const char* region, const QDate& birth, char gender)
{
    for (;;) {
        std::string id = region;
        appendPadded(id, quint64(birth.year()), 4);
        appendPadded(id, quint64(birth.month()), 2);
        appendPadded(id, quint64(birth.day()), 2);
        // Sequence: the police station's serial, its last digit odd for men and even for women.
        appendPadded(id, quint64(rng.below(100)), 2);
        id.push_back(char('0' + rng.below(5) * 2 + (gender == 'M' ? 1 : 0)));
        const quint64 key = std::stoull(id);
        if (!idNumbers.insert(key).second)
            continue;
        const QChar check = IdNumber::checkCharacter(QString::fromLatin1(id.data(), 17));
        id.push_back(char(check.unicode()));
        return id;
    }
}

std::string PopulationSimulator::Impl::passportNumber(int country)
{
    const std::string iso = passportCountries()[std::size_t(country)].iso;
    std::string out;
    if (iso == "DE")
        out = "C";
    else if (iso == "JP")
        out = "TR";
    else if (iso == "KR")
        out = "M";
    else if (iso == "IT")
        out = "YA";
    else if (iso == "ES")
        out = "PA";
    else if (iso == "FR")
        out = "1";
    else if (iso == "IN")
        out = "K";
    else if (iso == "VN")
        out = "B";
    appendPadded(out, quint64(rng.below(100000000)), 8);
    return out;
}

std::string PopulationSimulator::Impl::address(int city, int district, bool business)
{
    const City& c = cities()[std::size_t(city)];
    const District& d = c.districts[std::size_t(district)];
    std::string out;
    if (!c.municipality)
        out += c.provinceZh;
    out += c.cityZh;
    if (std::strcmp(d.code, c.cityCode) != 0)
        out += d.zh;
    out += rng.pick(streetNames());
    appendPadded(out, quint64(rng.range(1, 399)), 1);
    out += "号";
    if (business) {
        appendPadded(out, quint64(rng.range(2, 28)), 1);
        out += "层";
        return out;
    }
    out += rng.pick(estateNames());
    appendPadded(out, quint64(rng.range(1, 32)), 1);
    out += "栋";
    appendPadded(out, quint64(rng.range(1, 3)), 1);
    out += "单元";
    appendPadded(out, quint64(rng.range(1, 33)), 1);
    appendPadded(out, quint64(rng.range(1, 4)), 2);
    out += "室";
    return out;
}

std::string PopulationSimulator::Impl::accountNumber(int city)
{
    // Province code and a scrambled serial: multiplying by a number prime to 10^10 permutes the serials,
    // so account numbers look random and never repeat.
    std::string out(cities()[std::size_t(city)].provinceCode, 2);
    appendPadded(out, (++accountSeq * 7919ULL + 1234567ULL) % 10000000000ULL, 10);
    return out;
}

std::string PopulationSimulator::Impl::mobileNumber()
{
    const int carrier = carrierPicker.pick(rng);
    for (;;) {
        const int prefix = ranges[std::size_t(carrier)][std::size_t(rangePicker[std::size_t(carrier)].pick(rng))].prefix;
        const quint64 number = quint64(prefix) * 100000000ULL + quint64(rng.below(100000000));
        if (!mobileNumbers.insert(number).second)
            continue;
        std::string digits;
        appendPadded(digits, number, 11);
        return digits;
    }
}

void PopulationSimulator::Impl::fillMobile(Line& line)
{
    line.service = "mobile";
    line.digits = mobileNumber();
    line.number = "+86" + line.digits;
}

void PopulationSimulator::Impl::fillBroadband(Line& line, int city, bool iptv, const Line* broadband)
{
    line.service = iptv ? "iptv" : "broadband";
    if (iptv && broadband) {
        // The IPTV account is the broadband account's: the same digits under another service prefix.
        line.digits = broadband->digits;
    } else {
        line.digits = cities()[std::size_t(city)].areaCode;
        line.digits.push_back('9');
        appendPadded(line.digits, (++broadbandSeq * 7919ULL + 4242ULL) % 10000000ULL, 7);
    }
    line.number = (iptv ? "IPTV" : "KD") + line.digits;
}

void PopulationSimulator::Impl::fillFixed(Line& line, int city)
{
    line.service = "fixed";
    line.digits = cities()[std::size_t(city)].areaCode;
    line.digits.push_back(char('2' + rng.below(7)));
    appendPadded(line.digits, (++fixedSeq * 7919ULL + 777ULL) % 10000000ULL, 7);
    line.number = "+86" + line.digits;
}

void PopulationSimulator::Impl::fillIot(Line& line)
{
    // 13-digit machine-to-machine numbers of the 1064 range.
    line.service = "iot";
    line.digits = "1064";
    appendPadded(line.digits, (++iotSeq * 7919ULL + 31337ULL) % 1000000000ULL, 9);
    line.number = line.digits;
}

const char* PopulationSimulator::Impl::pickPayMethod(const Account& a)
{
    if (a.type == AccountType::Enterprise)
        return rng.chance(0.7) ? "bank" : "autopay";
    static const char* const methods[] = {"wechat", "alipay", "autopay", "bank", "cash", "store"};
    static const Picker usual(std::vector<int>{34, 28, 16, 8, 6, 8});
    static const Picker elderly(std::vector<int>{18, 8, 20, 10, 22, 22});
    return methods[(a.age >= 62 ? elderly : usual).pick(rng)];
}

QDate PopulationSimulator::Impl::randomDateBetween(const QDate& from, const QDate& to)
{
    const qint64 span = from.daysTo(to);
    return span <= 0 ? from : from.addDays(rng.below(int(span) + 1));
}

int PopulationSimulator::Impl::monthIndexOf(const QDate& d) const
{
    const int index = (d.year() - months[0].first.year()) * 12 + d.month() - months[0].first.month();
    return std::clamp(index, -1, kMonths);
}

void PopulationSimulator::Impl::setWindow(Line& line)
{
    line.first = std::max(0, monthIndexOf(line.start));
    line.last = kMonths - 1;
}

void PopulationSimulator::Impl::contractFor(Line& line, bool forceSoon)
{
    const int months_ = spec(line.plan).contractMonths;
    if (months_ <= 0) {
        line.contractEnd = QDate();
        return;
    }
    if (forceSoon) {
        line.contractEnd = asOf.addDays(rng.range(5, 58));
        return;
    }
    // The current term started at some point of the last term length (renewals roll over).
    line.contractEnd = asOf.addDays(rng.range(1, months_ * 30));
    if (line.contractEnd.addMonths(-months_) < line.start)
        line.contractEnd = line.start.addMonths(months_);
    if (line.contractEnd < asOf)
        line.contractEnd = QDate(); // an expired term that was not renewed
}

// ---- Mobile behaviour ---------------------------------------------------------------------------------------

void PopulationSimulator::Impl::profileMobile(Line& line, const char* segment, int age, bool secondary)
{
    const PlanSpec& p = spec(line.plan);
    const int allowance = line.allowanceMb >= 0 ? line.allowanceMb : p.dataMb;
    const std::string seg = segment;
    if (seg == "senior" || age >= 65) {
        line.dataBase = rng.between(150, 1800);
        line.voiceBase = rng.between(120, 420);
        line.loginBase = rng.chance(0.7) ? rng.between(0, 1.5) : rng.between(2, 6);
    } else {
        const double use = rng.chance(0.22) ? rng.between(1.0, 1.6) : rng.between(0.35, 1.0);
        line.dataBase = std::max(800.0, allowance * use);
        if (allowance == 0)
            line.dataBase = rng.between(3000, 20000);
        if (seg == "student" || seg == "youth")
            line.voiceBase = rng.between(30, 160);
        else if (seg == "business" || seg == "high_value")
            line.voiceBase = rng.between(500, 1500);
        else
            line.voiceBase = rng.between(90, 520);
        const double engagement = rng.uniform();
        line.loginBase = engagement < 0.45 ? rng.between(15, 26) : engagement < 0.8 ? rng.between(5, 12)
                                                                                   : rng.between(0.5, 4);
    }
    line.smsBase = rng.between(2, 30);
    if (secondary) {
        line.dataBase *= 0.3;
        line.voiceBase *= 0.4;
        line.loginBase = rng.between(0, 1.2);
    }
    line.roamer = rng.chance(seg == "business" || seg == "high_value" ? 0.25 : 0.05);
}

void PopulationSimulator::Impl::addonsFor(Line& line, int age)
{
    const PlanSpec& p = spec(line.plan);
    const auto add = [&](const char* code) {
        AddonSpan span;
        span.plan = planIndex(code);
        const QDate windowStart = months[0].first;
        if (rng.chance(0.6) && line.start < windowStart) {
            span.start = randomDateBetween(line.start, windowStart.addDays(-1));
            span.from = 0;
        } else if (std::max(line.first, 0) > kMonths - 1) {
            // A line opened after the last full month: the add-on was ordered with it and is first
            // billed after the window (there is no month of the window to draw a start from).
            span.start = line.start;
            span.from = kMonths;
        } else {
            span.from = rng.range(std::max(line.first, 0), kMonths - 1);
            span.start = std::max(line.start, months[std::size_t(span.from)].first.addDays(rng.below(28)));
            // Billed from the month after it was ordered.
            span.from = std::min(kMonths - 1, span.from + 1);
        }
        if (rng.chance(0.15) && span.from < kMonths - 2) {
            span.to = rng.range(span.from, kMonths - 2);
            span.end = months[std::size_t(span.to + 1)].first.addDays(-1);
        }
        line.addons.push_back(span);
    };
    const int allowance = line.allowanceMb >= 0 ? line.allowanceMb : p.dataMb;
    if (line.dataBase > allowance * 1.3 && rng.chance(0.4))
        add("ADD-DATA-30G");
    else if (line.dataBase > allowance * 0.95 && rng.chance(0.5))
        add("ADD-DATA-10G");
    if (rng.chance(age < 45 ? 0.16 : 0.06)) {
        static const char* const video[] = {"ADD-TENCENT", "ADD-IQIYI", "ADD-YOUKU"};
        add(video[rng.below(3)]);
    }
    if (rng.chance(age >= 50 ? 0.12 : 0.03))
        add("ADD-CALLERID");
    if (rng.chance(0.04))
        add("ADD-RINGBACK");
}

void PopulationSimulator::Impl::planHistory(Line& line)
{
    // Some customers moved up from a 4G plan or a smaller 5G tier during the last two years; a few moved
    // down without leaving (ordinary noise, not a churn signal).
    if (line.first >= kMonths - 2)
        return;
    const std::string code = spec(line.plan).code;
    static const std::pair<const char*, const char*> upgrades[] = {
        {"5G-BASIC-79", "4G-ENJOY-58"},   {"5G-ENJOY-129", "4G-ENJOY-88"}, {"5G-ENJOY-129", "5G-BASIC-79"},
        {"5G-ENJOY-169", "5G-ENJOY-129"}, {"5G-ENJOY-199", "5G-ENJOY-129"}, {"5G-ENJOY-199", "4G-UNLIMITED-199"},
        {"5G-ENJOY-299", "5G-ENJOY-199"}, {"5G-ENJOY-399", "5G-ENJOY-299"}, {"FAM-299", "FAM-199"},
        {"FAM-399", "FAM-299"}};
    static const std::pair<const char*, const char*> downgrades[] = {
        {"5G-ENJOY-129", "5G-ENJOY-169"}, {"5G-ENJOY-169", "5G-ENJOY-199"}, {"4G-ENJOY-88", "4G-ENJOY-138"}};
    const double u = rng.uniform();
    if (u < 0.14) {
        std::vector<const char*> options;
        for (const auto& [to, from] : upgrades) {
            if (code == to)
                options.push_back(from);
        }
        if (!options.empty()) {
            line.previousPlan = planIndex(options[std::size_t(rng.below(int(options.size())))]);
            line.changeMonth = rng.range(std::max(1, line.first + 1), kMonths - 1);
        }
    } else if (u < 0.17) {
        for (const auto& [to, from] : downgrades) {
            if (code == to) {
                line.previousPlan = planIndex(from);
                line.changeMonth = rng.range(std::max(1, line.first + 1), kMonths - 1);
                break;
            }
        }
    }
    if (line.changeMonth >= 0 && line.changeMonth <= line.first) {
        line.changeMonth = -1;
        line.previousPlan = -1;
    }
}

void PopulationSimulator::Impl::plantChurn(Account& a)
{
    a.churner = true;
    a.declineStart = kMonths - rng.range(3, 6);
    a.churnMonthKey = monthKeyOf(QDate(asOf.year(), asOf.month(), 1).addMonths(rng.chance(0.3) ? 0 : rng.range(1, 2)));
    // Most leavers show the whole pattern; some drift away quietly.
    const bool quiet = rng.chance(0.18);
    a.churnStrength = quiet ? rng.between(0.35, 0.6) : 1.0;
    a.complaintSignal = rng.chance(quiet ? 0.25 : 0.85);
    a.portingSignal = rng.chance(quiet ? 0.3 : 0.72);
    static const std::pair<const char*, const char*> cheaper[] = {
        {"5G-ENJOY-599", "5G-ENJOY-299"}, {"5G-ENJOY-399", "5G-ENJOY-199"}, {"5G-ENJOY-299", "5G-ENJOY-169"},
        {"5G-ENJOY-199", "5G-ENJOY-129"}, {"5G-ENJOY-169", "5G-ENJOY-129"}, {"5G-ENJOY-129", "5G-BASIC-79"},
        {"4G-ENJOY-88", "5G-BASIC-79"},   {"4G-ENJOY-138", "4G-ENJOY-88"},  {"4G-UNLIMITED-199", "4G-ENJOY-88"},
        {"5G-BASIC-79", "5G-YOUTH-59"},   {"5G-YOUTH-59", "CAMPUS-36"},
        {"FAM-399", "FAM-299"},           {"FAM-299", "FAM-199"}};
    const bool contractSoon = rng.chance(0.3);
    for (Line& line : a.lines) {
        // Plans that were changed earlier keep their history; the downgrade comes on top of the current one.
        line.changeMonth = -1;
        line.previousPlan = -1;
        for (AddonSpan& addon : line.addons) {
            if (addon.to >= a.declineStart && addon.from < a.declineStart) {
                addon.to = a.declineStart - 1;
                addon.end = months[std::size_t(a.declineStart)].first.addDays(-1);
            } else if (addon.from >= a.declineStart) {
                addon.from = addon.to = -1; // dropped: never ordered
            }
        }
        line.addons.erase(std::remove_if(line.addons.begin(), line.addons.end(),
                                         [](const AddonSpan& s) { return s.from < 0; }),
                          line.addons.end());
        const std::string code = spec(line.plan).code;
        for (const auto& [from, to] : cheaper) {
            if (code == from && line.first < a.declineStart && (a.churnStrength >= 1 || rng.chance(0.4))) {
                line.previousPlan = line.plan;
                line.plan = planIndex(to);
                line.changeMonth = a.declineStart;
                break;
            }
        }
        if (line.primary || line.service == std::string("broadband"))
            contractFor(line, contractSoon);
    }
}

void PopulationSimulator::Impl::plantDip(Account& a)
{
    if (!rng.chance(0.06))
        return;
    a.dipStart = rng.range(0, kMonths - 2);
    a.dipEnd = std::min(kMonths - 1, a.dipStart + rng.range(1, 5));
    a.dipVoice = rng.between(0.3, 0.8);
    a.dipData = rng.between(0.5, 0.95);
    a.dipLogins = rng.between(0.2, 0.9);
}

// ---- Months -------------------------------------------------------------------------------------------------

void PopulationSimulator::Impl::simulateLine(const Account& a, Line& line)
{
    const std::string service = line.service;
    const bool mobile = service == "mobile";
    for (int m = line.first; m <= line.last; ++m) {
        const MonthInfo& mi = months[std::size_t(m)];
        const PlanSpec& p = spec(line.planIn(m));
        double voiceF = 1, dataF = 1, loginF = 1;
        int k = -1;
        if (a.churner && m >= a.declineStart) {
            k = std::min(m - a.declineStart, 5);
            const double s = a.churnStrength;
            voiceF = 1 - s * (1 - kChurnVoice[k]);
            dataF = 1 - s * (1 - kChurnData[k]);
            loginF = 1 - s * (1 - kChurnLogins[k]);
        }
        if (m >= a.dipStart && m <= a.dipEnd) {
            voiceF *= a.dipVoice;
            dataF *= a.dipData;
            loginF *= a.dipLogins;
        }
        int fee = p.feeFen;
        int voice = 0, data = 0, sms = 0, logins = 0, roaming = 0, extra = 0;
        if (mobile) {
            voice = int(line.voiceBase * mi.voiceSeason * rng.noise(0.18) * voiceF);
            data = int(line.dataBase * mi.growth * mi.dataSeason * rng.noise(0.22) * dataF);
            sms = int(line.smsBase * rng.noise(0.4));
            logins = int(std::lround(line.loginBase * rng.noise(0.3) * loginF));
            if (k >= 1 && a.churnStrength >= 1)
                logins = std::min(logins, 4);
            int allowance = line.allowanceMb >= 0 ? line.allowanceMb : p.dataMb;
            for (const AddonSpan& addon : line.addons) {
                if (m >= addon.from && m <= addon.to) {
                    const PlanSpec& ap = spec(addon.plan);
                    if (ap.role != PlanRole::AddonRoaming) {
                        extra += ap.feeFen;
                        allowance += ap.dataMb;
                    }
                }
            }
            if (line.roamer && rng.chance(0.05 * mi.tripChance) && (k < 0)) {
                const int days = rng.range(2, 9);
                roaming = int(days * rng.between(150, 600));
                extra += days * 2500; // the day pass
                line.tripCountry = destinationPicker.pick(rng);
                line.tripMonth = m;
                AddonSpan trip;
                trip.plan = planIndex("ADD-ROAM-DAY");
                trip.start = std::max(line.start, mi.first.addDays(rng.below(std::max(1, mi.days - days))));
                trip.end = trip.start.addDays(days - 1);
                trip.from = trip.to = -2; // a record of the trip only: charged above
                line.addons.push_back(trip);
            }
            const int voiceAllowance = line.allowanceMin >= 0 ? line.allowanceMin : p.voiceMin;
            if (data > allowance)
                extra += ((data - allowance + 1023) / 1024) * 300; // 3 yuan per started GB
            if (voice > voiceAllowance)
                extra += (voice - voiceAllowance) * 15;
            if (sms > p.sms)
                extra += (sms - p.sms) * 10;
        } else if (service == "broadband") {
            data = int(line.dataBase * mi.growth * mi.broadbandSeason * rng.noise(0.2) * dataF);
        } else if (service == "fixed") {
            voice = int(line.voiceBase * mi.voiceSeason * rng.noise(0.25) * voiceF);
            if (voice > p.voiceMin)
                extra += (voice - p.voiceMin) * 10;
        } else if (service == "iot") {
            data = int(line.dataBase * rng.noise(0.3));
            if (data > p.dataMb)
                extra += ((data - p.dataMb + 1023) / 1024) * 300;
        }
        line.voice[std::size_t(m)] = voice;
        line.data[std::size_t(m)] = data;
        line.sms[std::size_t(m)] = sms;
        line.logins[std::size_t(m)] = logins;
        line.roaming[std::size_t(m)] = roaming;
        line.spend[std::size_t(m)] = fee + extra;
    }
}

void PopulationSimulator::Impl::simulate(Account& a)
{
    for (Line& line : a.lines)
        simulateLine(a, line);
    for (int m = 0; m < kMonths; ++m) {
        qint64 sum = 0;
        bool any = false;
        for (const Line& line : a.lines) {
            if (line.activeIn(m)) {
                sum += line.spend[std::size_t(m)];
                any = true;
            }
        }
        a.billAmount[std::size_t(m)] = sum;
        a.billed[std::size_t(m)] = any;
    }
}

void PopulationSimulator::Impl::bills(Chunk& chunk, Account& a)
{
    for (int m = 0; m < kMonths; ++m) {
        if (!a.billed[std::size_t(m)])
            continue;
        const MonthInfo& mi = months[std::size_t(m)];
        BillRow b;
        b.customerId = a.customer.id;
        b.month = mi.key;
        b.id = ids.next();
        b.amountFen = a.billAmount[std::size_t(m)];
        // Issued on the 1st, payable by the end of the following month.
        const QDate issued = mi.first.addMonths(1);
        const QDate due = mi.first.addMonths(2).addDays(-1);
        b.dueDate = isoDate(due);
        const bool latest = m == kMonths - 1;
        const bool pastDue = utcMidnightMs(due.addDays(1)) - kBeijingOffsetMs <= nowMs;
        if (b.amountFen == 0) {
            b.status = "paid";
            b.paidAt = beijingMs(issued, 9 * 60);
        } else if (latest) {
            b.status = "open";
        } else {
            Payer payer = a.payer;
            if (a.churner && m >= a.declineStart && rng.chance(0.35))
                payer = Payer::Delinquent;
            const bool recent = m >= kMonths - 4;
            qint64 paidAt = 0;
            qint64 paid = b.amountFen;
            if (payer == Payer::Delinquent && recent && rng.chance(0.75)) {
                paid = 0;
            } else if (payer == Payer::Partial && recent && rng.chance(0.6)) {
                paid = b.amountFen * rng.range(30, 80) / 100;
                paidAt = beijingMs(issued.addDays(rng.below(25)), contactMinuteOfDay(rng));
            } else if (payer == Payer::Late || payer == Payer::Delinquent) {
                paidAt = beijingMs(due.addDays(rng.range(1, 25)), contactMinuteOfDay(rng));
            } else if (std::strcmp(a.payMethod, "autopay") == 0) {
                paidAt = beijingMs(issued.addDays(4), 6 * 60 + rng.below(60));
            } else {
                paidAt = beijingMs(issued.addDays(rng.below(26)), contactMinuteOfDay(rng));
            }
            if (paidAt >= nowMs) {
                paidAt = 0;
                paid = 0;
            }
            if (paid == 0) {
                b.status = pastDue ? "overdue" : "open";
                if (pastDue)
                    ++a.overdueBills;
            } else if (paid < b.amountFen) {
                b.status = "partial";
                b.paidFen = paid;
                b.paidAt = paidAt;
                b.payMethod = a.payMethod;
            } else {
                b.status = "paid";
                b.paidFen = paid;
                b.paidAt = paidAt;
                b.payMethod = a.payMethod;
            }
        }
        chunk.bills.push_back(std::move(b));
        ++totals.bills;
    }
}

// ---- Contacts -----------------------------------------------------------------------------------------------

qint64 PopulationSimulator::Impl::randomContactTime(qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        return fromMs;
    for (int attempt = 0; attempt < 4; ++attempt) {
        const qint64 dayMs = fromMs + qint64(rng.uniform() * double(toMs - fromMs));
        const qint64 at = beijingMs(beijingDate(dayMs), contactMinuteOfDay(rng)) + rng.below(60000);
        if (at >= fromMs && at < toMs)
            return at;
    }
    return fromMs + qint64(rng.uniform() * double(toMs - fromMs));
}

const char* PopulationSimulator::Impl::channelFor(Kind kind, bool outbound)
{
    static const char* const channels[] = {"hotline", "app", "wechat", "store", "web"};
    if (outbound)
        return kind == Kind::Retention ? "hotline" : "sms";
    static const Picker byKind[] = {
        Picker(std::vector<int>{40, 25, 20, 5, 10}), // inquiry
        Picker(std::vector<int>{45, 25, 15, 5, 10}), // billing
        Picker(std::vector<int>{60, 10, 15, 10, 5}), // complaint
        Picker(std::vector<int>{60, 20, 15, 0, 5}),  // fault
        Picker(std::vector<int>{25, 35, 0, 30, 10}), // plan change
        Picker(std::vector<int>{55, 10, 5, 30, 0}),  // porting
        Picker(std::vector<int>{10, 40, 30, 20, 0}), // payment
        Picker(std::vector<int>{100, 0, 0, 0, 0}),   // retention
        Picker(std::vector<int>{30, 20, 0, 40, 10}), // other
    };
    return channels[byKind[std::size_t(kind)].pick(rng)];
}

const RowId* PopulationSimulator::Impl::agentFor(const Account& a, const char* channel, Kind kind, bool outbound)
{
    const auto from = [&](const std::vector<int>& list) {
        return &agents[std::size_t(list[std::size_t(rng.below(int(list.size())))])].id;
    };
    const std::string ch = channel;
    if (ch == "sms" || ch == "web")
        return nullptr;
    if (ch == "app")
        return rng.chance(0.3) ? from(hotlineAgents) : nullptr; // online chat, or self-service
    if (ch == "store")
        return from(clerkAgents);
    if (kind == Kind::Retention || (kind == Kind::Porting && ch == "hotline"))
        return from(retentionAgents);
    if (a.english && ch == "hotline")
        return from(englishAgents);
    if (kind == Kind::Complaint && ch == "hotline")
        return from(rng.chance(0.7) ? complaintAgents : hotlineAgents);
    if (outbound && a.customer.accountManager)
        return a.customer.accountManager;
    return from(hotlineAgents);
}

int PopulationSimulator::Impl::summaryFor(Kind kind, bool outbound)
{
    const std::vector<int>* list = &summaries[std::size_t(kind)][outbound ? 1 : 0];
    if (list->empty())
        list = &summaries[std::size_t(kind)][outbound ? 0 : 1];
    if (list->empty())
        return 0;
    return (*list)[std::size_t(rng.below(int(list->size())))];
}

int PopulationSimulator::Impl::storyFor(const Account& a, Kind kind, int line, bool churnRelated)
{
    const Table<TicketStory> stories = ticketStories();
    const bool broadbandLine = line >= 0
        && (a.lines[std::size_t(line)].service == std::string("broadband")
            || a.lines[std::size_t(line)].service == std::string("iptv"));
    // Stories of this kind that fit the line; for a customer on the way out, the ones leavers tell when
    // there are any.
    std::vector<int> options;
    std::vector<int> leaving;
    for (std::size_t i = 0; i < stories.size; ++i) {
        const TicketStory& s = stories[i];
        if (s.interactionKind != kind || (s.broadband && !broadbandLine))
            continue;
        options.push_back(int(i));
        if (s.churnRelated)
            leaving.push_back(int(i));
    }
    const std::vector<int>& pool = churnRelated && !leaving.empty() ? leaving : options;
    if (pool.empty())
        return -1;
    return pool[std::size_t(rng.below(int(pool.size())))];
}

Event PopulationSimulator::Impl::contact(Account& a, Kind kind, qint64 at, bool outbound)
{
    Event e;
    e.at = at;
    e.kind = kind;
    e.outbound = outbound;
    e.channel = channelFor(kind, outbound);
    e.agent = agentFor(a, e.channel, kind, outbound);
    e.month = std::clamp(monthIndexOf(beijingDate(at)), 0, kMonths - 1);
    // The line the contact is about: the primary one mostly, a broadband line for home faults.
    int line = -1;
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
        if (a.lines[i].primary) {
            line = int(i);
            break;
        }
    }
    if (!a.lines.empty() && (line < 0 || rng.chance(0.3)))
        line = rng.below(int(a.lines.size()));
    e.line = line;
    e.summary = summaryFor(kind, outbound);
    return e;
}

void PopulationSimulator::Impl::backgroundEvents(Account& a, double ratePerMonth)
{
    // From the first line's start (or the window's), so that no one calls about a line they do not have yet.
    qint64 from = nowMs - kDayMs;
    for (const Line& line : a.lines)
        from = std::min(from, std::max(windowStartMs, beijingMs(line.start, 0)));
    const double activeMonths = double(nowMs - from) / double(30 * kDayMs);
    const int count = rng.poisson(ratePerMonth * activeMonths);
    static const Kind kinds[] = {Kind::Inquiry, Kind::Billing,  Kind::Complaint, Kind::Fault,  Kind::PlanChange,
                                 Kind::Porting, Kind::Payment,  Kind::Retention, Kind::Other};
    static const Picker kindPicker(std::vector<int>{28, 16, 8, 10, 5, 0, 9, 2, 9});
    for (int i = 0; i < count; ++i) {
        const qint64 at = randomContactTime(from, nowMs);
        if (rng.chance(0.12)) {
            // Notifications the operator sends: bill reminders, usage alerts, surveys.
            static const Kind notice[] = {Kind::Billing, Kind::Inquiry, Kind::Other};
            a.events.push_back(contact(a, notice[rng.below(3)], at, true));
            continue;
        }
        Kind kind = kinds[kindPicker.pick(rng)];
        if (!a.churner && rng.chance(0.004))
            kind = Kind::Porting; // the curious, who stay
        const bool outbound = kind == Kind::Retention;
        Event e = contact(a, kind, at, outbound);
        if (kind == Kind::PlanChange && e.line >= 0 && !a.lines[std::size_t(e.line)].addons.empty()
            && rng.chance(0.5))
            e.addon = a.lines[std::size_t(e.line)].addons.front().plan;
        double ticketChance = 0;
        switch (kind) {
        case Kind::Complaint: ticketChance = 0.6; break;
        case Kind::Fault: ticketChance = 0.5; break;
        case Kind::Billing: ticketChance = 0.15; break;
        case Kind::Porting: ticketChance = 0.2; break;
        case Kind::Payment: ticketChance = 0.05; break;
        case Kind::PlanChange: ticketChance = 0.05; break;
        case Kind::Other: ticketChance = 0.04; break;
        default: ticketChance = 0;
        }
        if (ticketChance > 0 && rng.chance(ticketChance))
            e.story = storyFor(a, kind, e.line, false);
        a.events.push_back(e);
    }
}

void PopulationSimulator::Impl::structuredEvents(Account& a)
{
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
        const Line& line = a.lines[i];
        if (line.changeMonth >= 0) {
            const MonthInfo& mi = months[std::size_t(line.changeMonth - 1)];
            const qint64 at = randomContactTime(mi.startMs, std::min(nowMs, mi.startMs + mi.days * kDayMs));
            Event e = contact(a, Kind::PlanChange, at);
            e.line = int(i);
            e.summary = summaries[std::size_t(Kind::PlanChange)][0][0];
            e.planFrom = line.previousPlan;
            e.planTo = line.plan;
            a.events.push_back(e);
        }
        for (const AddonSpan& addon : line.addons) {
            if (addon.start.isValid() && addon.from >= 0 && utcMidnightMs(addon.start) >= windowStartMs
                && rng.chance(0.7)) {
                Event e = contact(a, Kind::PlanChange, beijingMs(addon.start, contactMinuteOfDay(rng)));
                e.line = int(i);
                e.summary = summaries[std::size_t(Kind::PlanChange)][0][2];
                e.addon = addon.plan;
                a.events.push_back(e);
            }
            if (addon.end.isValid() && addon.from >= 0 && rng.chance(0.7)) {
                const qint64 at = beijingMs(addon.end.addDays(-rng.below(20)), contactMinuteOfDay(rng));
                if (at < nowMs && at >= windowStartMs) {
                    Event e = contact(a, Kind::PlanChange, at);
                    e.line = int(i);
                    e.summary = summaries[std::size_t(Kind::PlanChange)][0][3];
                    e.addon = addon.plan;
                    a.events.push_back(e);
                }
            }
            if (addon.from == -2 && rng.chance(0.6)) {
                // Asked how to use the phone abroad before the trip.
                const qint64 at = beijingMs(addon.start.addDays(-rng.range(1, 5)), contactMinuteOfDay(rng));
                if (at >= windowStartMs && at < nowMs) {
                    Event e = contact(a, Kind::Inquiry, at);
                    e.line = int(i);
                    e.summary = summaries[std::size_t(Kind::Inquiry)][0][2];
                    a.events.push_back(e);
                }
                if (rng.chance(0.08)) {
                    const qint64 after = beijingMs(addon.end.addDays(rng.range(5, 25)), contactMinuteOfDay(rng));
                    if (after < nowMs) {
                        Event e = contact(a, Kind::Complaint, after);
                        e.line = int(i);
                        e.story = 3; // roaming charges too high
                        a.events.push_back(e);
                    }
                }
            }
        }
    }
    // Reminders for unpaid bills.
    for (int m = 0; m + 1 < kMonths; ++m) {
        if (a.billed[std::size_t(m)] && a.payer == Payer::Delinquent && m >= kMonths - 4) {
            const QDate due = months[std::size_t(m)].first.addMonths(2).addDays(-1);
            const qint64 at = beijingMs(due.addDays(-5), 9 * 60 + rng.below(600));
            if (at < nowMs) {
                Event e = contact(a, Kind::Billing, at, true);
                e.summary = summaries[std::size_t(Kind::Billing)][1][0];
                e.month = m;
                a.events.push_back(e);
            }
        }
    }
}

void PopulationSimulator::Impl::churnEvents(Account& a)
{
    if (!a.churner)
        return;
    const qint64 monthAgo = nowMs - 30 * kDayMs;
    if (a.complaintSignal) {
        const int complaints = rng.chance(0.6) ? 2 : 3;
        for (int i = 0; i < complaints; ++i) {
            Event e = contact(a, Kind::Complaint, randomContactTime(monthAgo, nowMs - kHourMs));
            if (rng.chance(0.5))
                e.story = storyFor(a, Kind::Complaint, e.line, true);
            a.events.push_back(e);
        }
    }
    if (a.portingSignal) {
        const qint64 at = randomContactTime(nowMs - 7 * kDayMs, nowMs - kHourMs);
        Event e = contact(a, Kind::Porting, at);
        if (rng.chance(0.3))
            e.story = storyFor(a, Kind::Porting, e.line, true);
        a.events.push_back(e);
        if (rng.chance(0.3))
            a.events.push_back(contact(a, Kind::Porting, randomContactTime(nowMs - 45 * kDayMs, nowMs - 10 * kDayMs)));
        if (rng.chance(0.35)) {
            const qint64 call = at + rng.range(4, 60) * kHourMs;
            if (call < nowMs) {
                Event r = contact(a, Kind::Retention, beijingMs(beijingDate(call), contactMinuteOfDay(rng)), true);
                if (r.at > at && r.at < nowMs)
                    a.events.push_back(r);
            }
        }
    }
    if (rng.chance(0.3)) {
        // A billing dispute while the spend falls.
        const MonthInfo& mi = months[std::size_t(a.declineStart)];
        Event e = contact(a, Kind::Billing, randomContactTime(mi.startMs, nowMs));
        if (rng.chance(0.4))
            e.story = storyFor(a, Kind::Billing, e.line, true);
        a.events.push_back(e);
    }
}

std::string PopulationSimulator::Impl::render(const char* text, bool english, const Account& a, const Event& e,
                                              const std::string& ticketNo)
{
    std::string out;
    out.reserve(std::strlen(text) + 32);
    const Line* line = e.line >= 0 ? &a.lines[std::size_t(e.line)] : nullptr;
    const auto planName = [&](int plan) {
        const PlanSpec& p = spec(plan);
        return english ? p.nameEn : p.nameZh;
    };
    for (const char* p = text; *p;) {
        if (*p != '{') {
            out.push_back(*p++);
            continue;
        }
        const char* close = std::strchr(p, '}');
        if (!close) {
            out += p;
            break;
        }
        const std::string key(p + 1, close);
        p = close + 1;
        if (key == "plan") {
            out += planName(e.planFrom >= 0 ? e.planFrom : line ? line->planIn(std::max(e.month, 0)) : 0);
        } else if (key == "new_plan") {
            int to = e.planTo;
            if (to < 0) {
                static const char* const offers[] = {"5G-ENJOY-129", "5G-ENJOY-199", "FAM-199", "5G-ENJOY-169"};
                to = planIndex(offers[rng.below(4)]);
            }
            out += planName(to);
        } else if (key == "addon") {
            int addon = e.addon;
            if (addon < 0 && line && !line->addons.empty())
                addon = line->addons.front().plan;
            if (addon < 0)
                addon = planIndex("ADD-TENCENT");
            out += planName(addon);
        } else if (key == "amount") {
            const int m = std::clamp(e.month > 0 ? e.month - 1 : 0, 0, kMonths - 1);
            qint64 fen = a.billAmount[std::size_t(m)];
            if (e.kind == Kind::Complaint || e.story >= 0)
                fen = std::max<qint64>(500, fen / rng.range(3, 8));
            if (line && line->tripMonth >= 0 && e.story == 3)
                fen = line->spend[std::size_t(line->tripMonth)] - spec(line->planIn(line->tripMonth)).feeFen;
            out += yuan(std::max<qint64>(fen, 100));
        } else if (key == "gb") {
            appendPadded(out, quint64(rng.range(1, 18)), 1);
        } else if (key == "month") {
            const int m = std::clamp(e.month > 0 ? e.month - 1 : 0, 0, kMonths - 1);
            const int mk = months[std::size_t(m)].key;
            if (english) {
                appendPadded(out, quint64(mk / 100), 4);
                out.push_back('-');
                appendPadded(out, quint64(mk % 100), 2);
            } else {
                appendPadded(out, quint64(mk / 100), 4);
                out += "年";
                appendPadded(out, quint64(mk % 100), 1);
                out += "月";
            }
        } else if (key == "district") {
            const City& c = cities()[std::size_t(a.city)];
            out += english ? c.cityEn : c.districts[std::size_t(a.district)].zh;
        } else if (key == "country") {
            const int country = line && line->tripCountry >= 0 ? line->tripCountry : destinationPicker.pick(rng);
            const Country& c = roamingDestinations()[std::size_t(country)];
            out += english ? c.en : c.zh;
        } else if (key == "date") {
            QDate end = line && line->contractEnd.isValid() ? line->contractEnd : asOf.addDays(rng.range(30, 300));
            out += isoDate(end);
        } else if (key == "method") {
            static const char* const zh[] = {"微信", "支付宝", "银行卡", "现金"};
            static const char* const en[] = {"WeChat Pay", "Alipay", "bank card", "cash"};
            const int i = rng.below(4);
            out += english ? en[i] : zh[i];
        } else if (key == "speed") {
            int speed = 300;
            for (const Line& l : a.lines) {
                if (l.service == std::string("broadband"))
                    speed = std::max(100, spec(l.plan).speedMbps);
            }
            appendPadded(out, quint64(speed), 1);
        } else if (key == "ticket") {
            out += ticketNo;
        }
    }
    return out;
}

void PopulationSimulator::Impl::emitContacts(Chunk& chunk, Account& a)
{
    std::sort(a.events.begin(), a.events.end(), [](const Event& x, const Event& y) { return x.at < y.at; });
    const Table<TicketStory> stories = ticketStories();
    const bool vip = tierRank(a.customer.tier) >= 3;
    for (Event& e : a.events) {
        if (e.at >= nowMs)
            e.at = nowMs - kMinuteMs;
        InteractionRow row;
        row.customerId = a.customer.id;
        if (e.line >= 0) {
            row.hasSubscription = true;
            row.subscriptionId = a.lines[std::size_t(e.line)].id;
        }
        row.channel = e.channel;
        row.direction = e.outbound ? "outbound" : "inbound";
        row.occurredAt = e.at;
        row.agentId = e.agent;
        if (e.story >= 0) {
            const TicketStory& s = stories[std::size_t(e.story)];
            TicketRow t;
            t.id = ids.next();
            const QDate created = beijingDate(e.at);
            t.ticketNo = "TK";
            appendPadded(t.ticketNo, quint64(created.year() % 100), 2);
            appendPadded(t.ticketNo, quint64(created.month()), 2);
            appendPadded(t.ticketNo, quint64(created.day()), 2);
            appendPadded(t.ticketNo, ++ticketSeq, 7);
            t.customerId = a.customer.id;
            t.hasSubscription = row.hasSubscription;
            t.subscriptionId = row.subscriptionId;
            t.kind = s.kind;
            int priority = s.priority;
            if (rng.chance(0.1))
                priority -= 1;
            else if (rng.chance(0.15))
                priority += 1;
            if (vip)
                priority -= 1;
            t.priority = std::clamp(priority, 1, 4);
            t.queue = vip ? "vip" : a.english ? "english" : s.queue;
            const std::string queue = t.queue;
            const std::vector<int>& team = queue == "complaints" ? complaintAgents
                : queue == "porting"                           ? retentionAgents
                : queue == "english"                           ? englishAgents
                : queue == "vip"                               ? managerAgents
                                                               : hotlineAgents;
            t.channel = std::strcmp(e.channel, "sms") == 0 ? "hotline" : e.channel;
            t.title = render(a.english ? s.titleEn : s.titleZh, a.english, a, e, t.ticketNo);
            t.description = render(a.english ? s.descriptionEn : s.descriptionZh, a.english, a, e, t.ticketNo);
            t.createdAt = e.at;
            static const qint64 respond[] = {1 * kHourMs, 4 * kHourMs, 8 * kHourMs, 24 * kHourMs};
            static const qint64 resolve[] = {24 * kHourMs, 48 * kHourMs, 72 * kHourMs, 168 * kHourMs};
            t.firstResponseDue = t.createdAt + respond[t.priority - 1];
            t.resolutionDue = t.createdAt + resolve[t.priority - 1];
            // The ticket's whole life is planned first, as the back office would live it, and then cut at
            // now: what happened before now is on the ticket and in its events, the rest has not happened
            // yet. What is open at now is therefore what is still being worked: mostly opened in the last
            // days, a few slow or stuck ones older, some waiting on the customer, and self-service tickets
            // of last evening not assigned yet. (Drawing "open" per ticket by its age left a share of
            // two-year-old tickets open forever.)
            const RowId* assignee = &agents[std::size_t(team[std::size_t(rng.below(int(team.size())))])].id;
            const RowId* supervisor = &agents[std::size_t(supervisorAgents[0])].id;
            const qint64 allowed = t.resolutionDue - t.createdAt;
            // A ticket filed through the app or the web waits longer for the back office than one an agent
            // opened during a call.
            const qint64 assignedAt
                = backOfficeTime(t.createdAt + (e.agent ? rng.range(2, 40) : rng.range(10, 180)) * kMinuteMs, rng);
            const double replyShare = rng.chance(0.1) ? rng.between(1.05, 2.5) : rng.between(0.05, 0.9);
            const qint64 responded
                = std::max(assignedAt + kMinuteMs, t.createdAt + qint64(double(respond[t.priority - 1]) * replyShare));
            // How long the answer takes, waits for the customer aside: mostly within the target, some late,
            // a few slow (parts, a second visit), a very few stuck for weeks.
            const auto days = [&](double mean) { return qint64(-mean * std::log(1.0 - rng.uniform()) * double(kDayMs)); };
            const double shape = rng.uniform();
            qint64 work = 0;
            if (shape < 0.76)
                work = qint64(double(allowed) * rng.between(0.08, 0.95));
            else if (shape < 0.89)
                work = qint64(double(allowed) * rng.between(1.05, 3.0));
            else if (shape < 0.975)
                work = allowed + days(6.0);
            else
                work = allowed + std::min(days(25.0), 130 * kDayMs); // with the longest wait, under half a year
            qint64 resolvedAt = std::max(t.createdAt + work, responded + 10 * kMinuteMs);

            // The kind's main line in its workflow (local migration 5, workflow_state): new, assigned, the
            // working steps, the resolved state, closed. Complaints are dispatched to the technical team and
            // handled before a callback closes them; faults are dispatched to a field engineer.
            static const std::vector<const char*> complaintLine{"new", "assigned", "dispatched", "handled", "callback",
                                                                "closed"};
            static const std::vector<const char*> faultLine{"new", "assigned", "dispatched", "in_progress", "resolved",
                                                            "closed"};
            static const std::vector<const char*> plainLine{"new", "assigned", "in_progress", "resolved", "closed"};
            const bool complaint = std::strcmp(t.kind, "complaint") == 0;
            const std::vector<const char*>& line = complaint                          ? complaintLine
                : std::strcmp(t.kind, "fault") == 0                                    ? faultLine
                                                                                       : plainLine;
            const std::size_t resolvedStep = complaint ? 3 : line.size() - 2;
            const bool waits = std::strcmp(t.kind, "suggestion") != 0;
            // When each step of the line is reached: the first working step early, the others spread up to
            // the resolution; the closing one to three days later (a complaint's callback halfway).
            qint64 stepAt[6] = {t.createdAt, assignedAt, 0, 0, 0, 0};
            stepAt[2] = assignedAt + std::max(kMinuteMs, qint64(double(resolvedAt - assignedAt) * rng.between(0.02, 0.3)));
            for (std::size_t i = 3; i < resolvedStep; ++i)
                stepAt[i] = stepAt[2] + (resolvedAt - stepAt[2]) * qint64(i - 2) / qint64(resolvedStep - 2);
            stepAt[resolvedStep] = resolvedAt;
            // Some wait for the customer (a photo of the bill, a time for the visit) once work has begun; the
            // steps after the wait move by its length.
            qint64 pausedAt = 0;
            qint64 resumedAt = 0;
            if (waits && rng.chance(0.16)) {
                const qint64 at = std::max(stepAt[2] + qint64(double(stepAt[3] - stepAt[2]) * rng.between(0.1, 0.6)),
                                           responded + kMinuteMs);
                const qint64 wait = kHourMs + std::min(days(3.0), 30 * kDayMs);
                if (at + kMinuteMs < stepAt[3]) {
                    pausedAt = at;
                    resumedAt = at + wait;
                    for (std::size_t i = 3; i <= resolvedStep; ++i)
                        stepAt[i] += wait;
                    resolvedAt += wait;
                }
            }
            const qint64 closedAt = resolvedAt + rng.range(24, 72) * kHourMs;
            for (std::size_t i = resolvedStep + 1; i < line.size(); ++i)
                stepAt[i] = i + 1 == line.size() ? closedAt : resolvedAt + (closedAt - resolvedAt) / 2;

            std::vector<TicketEventRow> events;
            const char* status = "new";
            qint64 statusAt = 0;
            const auto event = [&](const char* kind, qint64 at, const RowId* agent, std::string body, const char* from,
                                   const char* to) {
                if (at >= nowMs)
                    return false;
                if (from && at >= statusAt) {
                    status = to;
                    statusAt = at;
                }
                TicketEventRow ev;
                ev.ticketId = t.id;
                ev.kind = kind;
                ev.at = at;
                ev.agentId = agent;
                ev.body = std::move(body);
                ev.fromStatus = from;
                ev.toStatus = to;
                events.push_back(std::move(ev));
                return true;
            };
            if (event("assignment", assignedAt, supervisor, {}, "new", "assigned"))
                t.assigneeId = assignee;
            if (event("reply", responded, assignee, a.english ? s.replyEn : s.replyZh, nullptr, nullptr))
                t.firstRespondedAt = responded;
            for (std::size_t i = 2; i < line.size(); ++i) {
                event("transition", stepAt[i], assignee, {}, line[i - 1], line[i]);
                if (i == 2 && pausedAt) {
                    event("transition", pausedAt, assignee, {}, line[2], "waiting_customer");
                    event("pause", pausedAt, assignee, {}, line[2], "waiting_customer");
                    event("transition", resumedAt, assignee, {}, "waiting_customer", line[2]);
                    event("resume", resumedAt, assignee, {}, "waiting_customer", line[2]);
                }
            }
            t.status = status;
            if (resolvedAt < nowMs) {
                // The resolution text lives on the ticket, the events record the steps.
                t.resolvedAt = resolvedAt;
                t.resolution = render(a.english ? s.resolutionEn : s.resolutionZh, a.english, a, e, t.ticketNo);
            } else {
                ++totals.openTickets;
            }
            if (closedAt < nowMs) {
                t.closedAt = closedAt;
                if (rng.chance(0.75)) {
                    static const Picker good(std::vector<int>{4, 6, 13, 30, 47});
                    static const Picker poor(std::vector<int>{20, 22, 25, 20, 13});
                    t.csat = 1 + (resolvedAt > t.resolutionDue ? poor : good).pick(rng);
                }
            }
            t.updatedAt = std::max({t.createdAt, t.firstRespondedAt, t.resolvedAt, t.closedAt});
            std::stable_sort(events.begin(), events.end(),
                             [](const TicketEventRow& x, const TicketEventRow& y) { return x.at < y.at; });
            row.hasTicket = true;
            row.ticketId = t.id;
            row.kind = kindCode(s.interactionKind);
            row.summary = a.english ? t.title + "; ticket " + t.ticketNo + " opened."
                                    : t.title + "，已创建工单" + t.ticketNo + "。";
            for (TicketEventRow& ev : events) {
                ev.id = ids.next();
                chunk.ticketEvents.push_back(std::move(ev));
                ++totals.ticketEvents;
            }
            chunk.tickets.push_back(std::move(t));
            ++totals.tickets;
        } else {
            const SummaryTemplate& tpl = summaryTemplates()[std::size_t(e.summary)];
            row.kind = kindCode(e.kind);
            row.summary = render(a.english ? tpl.en : tpl.zh, a.english, a, e, std::string());
        }
        row.id = ids.next();
        chunk.interactions.push_back(std::move(row));
        ++totals.interactions;
    }
}

void PopulationSimulator::Impl::notes(Chunk& chunk, const Account& a)
{
    const Table<NoteText> texts = noteTexts();
    int count = rng.chance(0.08) ? (rng.chance(0.2) ? 2 : 1) : 0;
    const bool churnNote = a.churner && a.portingSignal && rng.chance(0.35);
    std::vector<std::pair<qint64, int>> planned;
    for (int i = 0; i < count; ++i) {
        int text = rng.below(int(texts.size));
        for (int attempt = 0; attempt < 8 && texts[std::size_t(text)].churnRelated; ++attempt)
            text = rng.below(int(texts.size));
        if (texts[std::size_t(text)].churnRelated)
            continue;
        if (a.type != AccountType::Enterprise && std::strstr(texts[std::size_t(text)].en, "Enterprise"))
            continue;
        if (a.type != AccountType::Family && std::strstr(texts[std::size_t(text)].en, "Household"))
            continue;
        planned.push_back({randomContactTime(windowStartMs, nowMs), text});
    }
    if (churnNote)
        planned.push_back({randomContactTime(nowMs - 6 * kDayMs, nowMs), 8 + rng.below(2)});
    std::sort(planned.begin(), planned.end());
    for (const auto& [at, text] : planned) {
        NoteRow n;
        n.id = ids.next();
        n.customerId = a.customer.id;
        const std::vector<int>& authors = a.customer.accountManager ? managerAgents : hotlineAgents;
        n.authorId = a.customer.accountManager ? a.customer.accountManager
                                               : &agents[std::size_t(authors[std::size_t(rng.below(int(authors.size())))])].id;
        n.createdAt = at;
        n.body = a.english ? texts[std::size_t(text)].en : texts[std::size_t(text)].zh;
        chunk.notes.push_back(std::move(n));
        ++totals.notes;
    }
}

// ---- Emission -----------------------------------------------------------------------------------------------

void PopulationSimulator::Impl::finishCustomer(Account& a)
{
    // Tier from what the account spends (before any decline), lifted by long tenure.
    qint64 sum = 0;
    int n = 0;
    const int end = a.churner ? a.declineStart : kMonths;
    for (int m = std::max(0, end - 6); m < end; ++m) {
        if (a.billed[std::size_t(m)]) {
            sum += a.billAmount[std::size_t(m)];
            ++n;
        }
    }
    const double monthly = n ? double(sum) / n : 0;
    const double scale = a.type == AccountType::Enterprise ? 12.0 : a.type == AccountType::Family ? 1.8 : 1.0;
    int rank = tierRank(tierFor(monthly, scale));
    if (a.tenure.isValid() && a.tenure.daysTo(asOf) > 10 * 365 && rng.chance(0.3))
        ++rank;
    a.customer.tier = tierOfRank(rank);
    if (a.type == AccountType::Enterprise || rank >= 2)
        a.customer.accountManager
            = &agents[std::size_t(managerAgents[std::size_t(rng.below(int(managerAgents.size())))])].id;
    if (a.type == AccountType::Individual && a.customer.segment
        && (std::strcmp(a.customer.segment, "mass_market") == 0 || std::strcmp(a.customer.segment, "business") == 0)
        && rank >= 3)
        a.customer.segment = "high_value";
    if (a.overdueBills >= 2 && rng.chance(0.4)) {
        a.customer.status = "suspended";
        for (Line& line : a.lines) {
            if (line.service == std::string("mobile") && std::strcmp(line.status, "active") == 0)
                line.status = "suspended";
        }
    }

    std::vector<std::string> tags;
    bool has5g = false, broadband = false, iptv = false, roaming = false, highData = false;
    for (const Line& line : a.lines) {
        const std::string code = spec(line.plan).code;
        has5g = has5g || code.rfind("5G", 0) == 0 || code.rfind("ENT-5G", 0) == 0;
        broadband = broadband || line.service == std::string("broadband");
        iptv = iptv || line.service == std::string("iptv");
        roaming = roaming || line.tripMonth >= 0;
        highData = highData || line.dataBase > 60000;
    }
    if (rank >= 3)
        tags.push_back("vip");
    if (has5g)
        tags.push_back("5g");
    if (broadband)
        tags.push_back("broadband");
    if (iptv)
        tags.push_back("iptv");
    if (a.type == AccountType::Family)
        tags.push_back("family");
    if (a.type == AccountType::Enterprise)
        tags.push_back("enterprise");
    if (roaming)
        tags.push_back("roaming");
    if (highData && a.type == AccountType::Individual)
        tags.push_back("high_data");
    if (a.customer.segment && std::strcmp(a.customer.segment, "senior") == 0)
        tags.push_back("senior");
    if (a.customer.segment && std::strcmp(a.customer.segment, "student") == 0)
        tags.push_back("student");
    if (a.english)
        tags.push_back("foreigner");
    if (a.tenure.isValid() && a.tenure.daysTo(asOf) < 365)
        tags.push_back("new_customer");
    if (a.tenure.isValid() && a.tenure.daysTo(asOf) > 10 * 365)
        tags.push_back("long_tenure");
    if (a.overdueBills > 0)
        tags.push_back("overdue");
    for (const std::string& t : tags) {
        if (!a.customer.tags.empty())
            a.customer.tags.push_back(',');
        a.customer.tags += t;
    }
}

void PopulationSimulator::Impl::emitLines(Chunk& chunk, Account& a)
{
    for (Line& line : a.lines)
        line.id = ids.next();
    for (Line& line : a.lines) {
        SubscriptionRow s;
        s.id = line.id;
        s.customerId = a.customer.id;
        s.service = line.service;
        s.number = line.number;
        s.digits = line.digits;
        s.reversed = reversedDigits(line.digits);
        s.planId = planId(line.plan);
        s.userName = line.userName;
        s.startDate = isoDate(line.start);
        if (line.contractEnd.isValid())
            s.contractEnd = isoDate(line.contractEnd);
        s.status = line.status;
        s.updatedAt = line.changeMonth >= 0 ? months[std::size_t(line.changeMonth)].startMs
                                            : std::max(windowStartMs, utcMidnightMs(line.start));
        chunk.subscriptions.push_back(std::move(s));
        ++totals.subscriptions;
        for (int m = line.first; m <= line.last; ++m) {
            UsageRow u;
            u.subscriptionId = line.id;
            u.month = months[std::size_t(m)].key;
            u.id = ids.next();
            u.voiceMin = line.voice[std::size_t(m)];
            u.dataMb = line.data[std::size_t(m)];
            u.sms = line.sms[std::size_t(m)];
            u.spendFen = line.spend[std::size_t(m)];
            u.appLogins = line.logins[std::size_t(m)];
            u.roamingMb = line.roaming[std::size_t(m)];
            chunk.usage.push_back(u);
            ++totals.usageRows;
        }
    }
    for (const Line& line : a.lines) {
        std::vector<const AddonSpan*> spans;
        for (const AddonSpan& addon : line.addons)
            spans.push_back(&addon);
        std::sort(spans.begin(), spans.end(), [](const AddonSpan* x, const AddonSpan* y) { return x->start < y->start; });
        for (const AddonSpan* addon : spans) {
            AddonRow r;
            r.id = ids.next();
            r.subscriptionId = line.id;
            r.planId = planId(addon->plan);
            r.startDate = isoDate(addon->start);
            if (addon->end.isValid())
                r.endDate = isoDate(addon->end);
            r.updatedAt = utcMidnightMs(addon->end.isValid() ? addon->end : addon->start);
            chunk.addons.push_back(std::move(r));
            ++totals.addons;
        }
    }
}

void PopulationSimulator::Impl::emitTruth(Chunk& chunk, const Account& a)
{
    if (!a.churner)
        return;
    TruthRow t;
    t.customerId = a.customer.id;
    t.churnPlanted = true;
    t.churnMonth = a.churnMonthKey;
    chunk.truth.push_back(t);
    ++totals.churners;
}

// ---- Accounts -----------------------------------------------------------------------------------------------

void PopulationSimulator::Impl::generateAccount(Chunk& chunk)
{
    const int remaining = target - generated;
    const double u = rng.uniform();
    if (u < 0.02)
        enterprise(chunk);
    else if (u < 0.02 + 0.095 && remaining >= 2)
        family(chunk, remaining);
    else
        individual(chunk, remaining);
}

void PopulationSimulator::Impl::individual(Chunk& chunk, int remaining)
{
    Account a;
    a.type = AccountType::Individual;
    CustomerRow& c = a.customer;
    c.id = ids.next();
    c.type = "individual";
    const double origin = rng.uniform();
    const bool foreigner = origin < 0.010;
    const bool hkMacau = !foreigner && origin < 0.013;
    const char gender = rng.chance(0.51) ? 'M' : 'F';
    a.age = foreigner ? rng.range(22, 65) : sampleAge();
    const QDate birth = birthFor(a.age);
    a.city = (foreigner || hkMacau) ? foreignCityPicker.pick(rng) : cityPicker.pick(rng);
    const City& city = cities()[std::size_t(a.city)];
    a.district = rng.below(int(city.districts.size));
    PersonName name;
    if (foreigner) {
        name = names.latin(rng, gender);
        a.english = true;
        c.name = name.full;
        c.nameAlt = latinAlt(name.full);
        c.idType = "passport";
        c.idNumber = passportNumber(countryPicker.pick(rng));
    } else {
        name = names.chinese(rng, gender, birth.year());
        c.name = name.full;
        if (hkMacau) {
            const std::string traditional = names.traditional(name);
            if (!traditional.empty())
                c.name = traditional;
            c.idType = "hk_macau_permit";
            c.idNumber = rng.chance(0.8) ? "H" : "M";
            appendPadded(c.idNumber, quint64(rng.below(100000000)), 8);
            appendPadded(c.idNumber, quint64(rng.range(0, 3)), 2);
        } else {
            // Most residents were registered where they live; a fifth moved from another province.
            const District* home = &city.districts[std::size_t(a.district)];
            if (rng.chance(0.2)) {
                const City& other = cities()[std::size_t(cityPicker.pick(rng))];
                home = &other.districts[std::size_t(rng.below(int(other.districts.size)))];
            }
            c.idType = "resident_id";
            c.idNumber = residentId(home->code, birth, gender);
        }
    }
    c.nameNorm = normalizedName(c.name);
    c.gender = gender == 'M' ? "M" : "F";
    c.birthDate = isoDate(birth);
    c.regionCode = city.districts[std::size_t(a.district)].code;
    c.city = city.cityZh;
    c.address = address(a.city, a.district, false);
    c.accountNo = accountNumber(a.city);
    if (a.age <= 22 && rng.chance(0.5))
        c.segment = "student";
    else if (a.age < 30)
        c.segment = "youth";
    else if (a.age >= 60)
        c.segment = "senior";
    else
        c.segment = rng.chance(0.1) ? "business" : "mass_market";
    if (foreigner && rng.chance(0.5))
        c.segment = "business";

    // Tenure: up to 20 years back, never before the age of 16; newer customers are more numerous.
    const int maxYears = std::min(20, a.age - 16);
    const double years = rng.chance(0.16) ? rng.between(0, 2) : rng.between(0, 1) * rng.between(0, 1) * maxYears + 1;
    a.tenure = asOf.addDays(-int(std::min(double(maxYears), years) * 365.25));
    c.tenureStart = isoDate(a.tenure);

    const std::string segment = c.segment;
    const char* planCode = "5G-ENJOY-129";
    {
        struct Choice
        {
            const char* code;
            int weight;
        };
        static const Choice senior[] = {{"SENIOR-8", 35}, {"4G-FLY-18", 20}, {"4G-FLY-38", 20}, {"4G-ENJOY-58", 15},
                                        {"5G-BASIC-79", 10}};
        static const Choice student[] = {{"CAMPUS-36", 60}, {"5G-YOUTH-59", 40}};
        static const Choice youth[] = {{"5G-YOUTH-59", 35}, {"5G-BASIC-79", 20}, {"5G-ENJOY-129", 25},
                                       {"4G-ENJOY-58", 10}, {"5G-ENJOY-199", 10}};
        static const Choice mass[] = {{"5G-ENJOY-129", 22}, {"5G-BASIC-79", 25}, {"4G-ENJOY-88", 12},
                                      {"4G-ENJOY-58", 15},  {"4G-FLY-38", 8},    {"5G-ENJOY-169", 8},
                                      {"5G-ENJOY-199", 6},  {"4G-ENJOY-138", 2}, {"4G-UNLIMITED-199", 2}};
        static const Choice business[] = {{"5G-ENJOY-199", 35}, {"5G-ENJOY-299", 30}, {"5G-ENJOY-399", 20},
                                          {"5G-ENJOY-599", 10}, {"5G-ENJOY-169", 5}};
        const auto choose = [&](const Choice* list, std::size_t n) {
            std::vector<int> w;
            for (std::size_t i = 0; i < n; ++i)
                w.push_back(list[i].weight);
            return list[Picker(w).pick(rng)].code;
        };
        if (segment == "senior")
            planCode = choose(senior, std::size(senior));
        else if (segment == "student")
            planCode = choose(student, std::size(student));
        else if (segment == "youth")
            planCode = choose(youth, std::size(youth));
        else if (segment == "business")
            planCode = choose(business, std::size(business));
        else
            planCode = choose(mass, std::size(mass));
    }

    Line primary;
    fillMobile(primary);
    primary.primary = true;
    primary.plan = planIndex(planCode);
    primary.start = a.tenure;
    setWindow(primary);
    contractFor(primary, false);
    profileMobile(primary, c.segment, a.age, false);
    addonsFor(primary, a.age);
    planHistory(primary);
    a.lines.push_back(std::move(primary));
    if (rng.chance(0.15)) {
        Line second;
        fillMobile(second);
        static const char* const cheap[] = {"4G-FLY-18", "5G-BASIC-79", "4G-ENJOY-58", "4G-FLY-38"};
        second.plan = planIndex(cheap[rng.below(4)]);
        second.start = randomDateBetween(a.tenure, asOf.addDays(-20));
        setWindow(second);
        contractFor(second, false);
        profileMobile(second, c.segment, a.age, true);
        if (rng.chance(0.06) && second.first < kMonths - 3) {
            // A second SIM given up during the period.
            second.last = rng.range(second.first + 1, kMonths - 2);
            second.status = rng.chance(0.5) ? "ported_out" : "closed";
            second.contractEnd = QDate();
        }
        a.lines.push_back(std::move(second));
    }
    if (!foreigner && rng.chance(0.08)) {
        Line bb;
        fillBroadband(bb, a.city, false, nullptr);
        bb.plan = planIndex(rng.chance(0.6) ? "BB-300" : "BB-1000");
        bb.start = randomDateBetween(a.tenure, asOf.addDays(-30));
        bb.dataBase = rng.between(80000, 600000);
        setWindow(bb);
        contractFor(bb, false);
        a.lines.push_back(std::move(bb));
    }

    // Who is heading for the exit: younger, newer, lower-spending customers more often.
    double churnChance = 0.09;
    if (a.age < 30)
        churnChance *= 1.3;
    if (a.age >= 60)
        churnChance *= 0.5;
    if (a.tenure.daysTo(asOf) < 2 * 365)
        churnChance *= 1.4;
    if (a.tenure.daysTo(asOf) > 10 * 365)
        churnChance *= 0.6;
    if (a.english)
        churnChance *= 0.8;
    if (a.lines.front().first < kMonths - 8 && rng.chance(churnChance))
        plantChurn(a);

    if (!a.churner)
        plantDip(a);
    // Customers on the cheapest plans pay late and leave bills open more often.
    static const Picker payers(std::vector<int>{78, 12, 4, 6});
    static const Picker budgetPayers(std::vector<int>{68, 15, 6, 11});
    a.payer = Payer((spec(a.lines.front().plan).feeFen < 5000 ? budgetPayers : payers).pick(rng));
    a.payMethod = pickPayMethod(a);
    simulate(a);
    c.consentDataUse = rng.chance(0.88);
    c.consentMarketing = rng.chance(a.age < 35 ? 0.55 : 0.38);
    c.primaryMsisdn = a.lines.front().number;
    c.contactRaw = a.lines.front().digits;
    c.sourceSystem = "bss";
    c.updatedAt = nowMs - qint64(rng.below(400)) * kDayMs - rng.below(int(kDayMs));

    // Bills come before customer tier so that tier follows spend; overdue bills can suspend the account.
    Chunk staged;
    bills(staged, a);
    finishCustomer(a);
    chunk.customers.push_back(a.customer);
    ++totals.customers;
    ++generated;
    emitLines(chunk, a);
    for (BillRow& b : staged.bills)
        chunk.bills.push_back(std::move(b));

    backgroundEvents(a, a.age >= 62 ? 0.34 : a.english ? 0.42 : 0.47);
    structuredEvents(a);
    churnEvents(a);
    emitContacts(chunk, a);
    notes(chunk, a);
    emitTruth(chunk, a);

    // Merged source systems left second records of about a fifth of individual customers.
    if (remaining > 1 && rng.chance(0.235)) {
        const int copies = (remaining > 2 && rng.chance(0.12)) ? 2 : 1;
        for (int i = 0; i < copies; ++i)
            duplicate(chunk, a, i);
    }
}

void PopulationSimulator::Impl::duplicate(Chunk& chunk, const Account& original, int variantSeed)
{
    const CustomerRow& o = original.customer;
    const Line& line = original.lines.front();
    CustomerRow d;
    d.id = ids.next();
    d.type = "individual";
    static const char* const sources[] = {"legacy_bss", "crm_2019", "store_pos"};
    const int source = (rng.below(3) + variantSeed) % 3;
    d.sourceSystem = sources[source];
    static const char* const accountPrefix[] = {"B", "C19", "P"};
    d.accountNo = accountPrefix[source];
    appendPadded(d.accountNo, (++legacySeq * 104729ULL + 99991ULL) % 100000000000ULL, source == 1 ? 9 : 11);

    // The name as another system spelled it.
    if (isLatin(o.name)) {
        const double u = rng.uniform();
        if (u < 0.35) {
            // Family name first, in capitals, as on a passport's machine-readable line.
            std::string upper;
            const std::size_t space = o.name.rfind(' ');
            upper = o.name.substr(space + 1) + ' ' + o.name.substr(0, space);
            for (char& ch : upper)
                ch = (ch >= 'a' && ch <= 'z') ? char(ch - 'a' + 'A') : ch;
            d.name = upper;
        } else if (u < 0.6 && o.name.size() > 4) {
            d.name = o.name;
            d.name.erase(std::size_t(1 + rng.below(3)), 1); // a dropped letter
        } else {
            d.name = o.name;
        }
    } else {
        const PersonName parsed = names.parse(o.name);
        std::string variant;
        static const Picker variants(std::vector<int>{20, 15, 20, 20, 25});
        switch (variants.pick(rng)) {
        case 0: variant = parsed.surname + ' ' + parsed.given; break;
        case 1: variant = names.traditional(parsed); break;
        case 2: variant = names.pinyin(parsed, rng.below(3)); break;
        case 3: variant = names.homophoneTypo(rng, parsed); break;
        default: variant = o.name;
        }
        if (variant.empty() || parsed.surnameIndex < 0)
            variant = parsed.surnameIndex >= 0 ? parsed.surname + ' ' + parsed.given : o.name;
        d.name = variant;
    }
    d.nameNorm = normalizedName(d.name);
    if (isLatin(d.name))
        d.nameAlt = latinAlt(d.name);

    // The number as it was typed: separators, country codes, spaces.
    const std::string& n = line.digits;
    switch (rng.below(7)) {
    case 0: d.contactRaw = n.substr(0, 3) + '-' + n.substr(3, 4) + '-' + n.substr(7); break;
    case 1: d.contactRaw = "+86 " + n.substr(0, 3) + ' ' + n.substr(3, 4) + ' ' + n.substr(7); break;
    case 2: d.contactRaw = "86" + n; break;
    case 3: d.contactRaw = n.substr(0, 3) + ' ' + n.substr(3, 4) + ' ' + n.substr(7); break;
    case 4: d.contactRaw = "(+86)" + n; break;
    case 5: d.contactRaw = "0086-" + n; break;
    default: d.contactRaw = n;
    }
    d.primaryMsisdn = line.number;

    // The document: the same, the check character in lower case, spaced out, or never recorded.
    const double idU = rng.uniform();
    if (idU < 0.25) {
        d.idType = nullptr;
    } else {
        d.idType = o.idType;
        d.idNumber = o.idNumber;
        if (std::strcmp(o.idType, "resident_id") == 0) {
            if (idU < 0.5 && d.idNumber.back() == 'X')
                d.idNumber.back() = 'x';
            else if (idU < 0.6)
                d.idNumber = d.idNumber.substr(0, 6) + ' ' + d.idNumber.substr(6, 8) + ' ' + d.idNumber.substr(14);
        }
    }
    d.gender = rng.chance(0.8) ? o.gender : nullptr;
    if (rng.chance(0.7))
        d.birthDate = o.birthDate;
    d.regionCode = o.regionCode;
    d.city = o.city;
    const double addrU = rng.uniform();
    if (addrU < 0.5)
        d.address = o.address;
    else if (addrU < 0.75)
        d.address = address(original.city, original.district, false);
    d.segment = rng.chance(0.5) ? o.segment : nullptr;
    d.tier = "standard";
    if (rng.chance(0.6))
        d.tenureStart = o.tenureStart;
    static const Picker statuses(std::vector<int>{55, 35, 10});
    static const char* const statusNames[] = {"closed", "active", "suspended"};
    d.status = statusNames[statuses.pick(rng)];
    d.consentDataUse = rng.chance(0.5);

    // The line as the old system held it: closed, the same number, a few months of history when the
    // migration happened inside the window.
    Line closed;
    closed.service = line.service;
    closed.number = line.number;
    closed.digits = line.digits;
    closed.plan = line.planIn(0);
    closed.start = line.start;
    closed.status = "closed";
    const int history = line.first == 0 && rng.chance(0.8) ? rng.range(1, 4) : 0;
    closed.first = 0;
    closed.last = history - 1;
    for (int m = 0; m < history; ++m) {
        closed.voice[std::size_t(m)] = line.voice[std::size_t(m)];
        closed.data[std::size_t(m)] = line.data[std::size_t(m)];
        closed.sms[std::size_t(m)] = line.sms[std::size_t(m)];
        closed.spend[std::size_t(m)] = line.spend[std::size_t(m)];
        closed.logins[std::size_t(m)] = line.logins[std::size_t(m)];
        closed.roaming[std::size_t(m)] = line.roaming[std::size_t(m)];
    }
    const QDate migrated = history > 0 ? months[std::size_t(history)].first
                                       : months[0].first.addDays(-rng.range(30, 900));
    d.updatedAt = beijingMs(migrated, 2 * 60);

    Account dup;
    dup.type = AccountType::Individual;
    dup.customer = std::move(d);
    dup.english = original.english;
    dup.city = original.city;
    dup.district = original.district;
    dup.age = original.age;
    dup.payMethod = original.payMethod;
    dup.lines.push_back(std::move(closed));
    for (int m = 0; m < kMonths; ++m) {
        dup.billed[std::size_t(m)] = m < history;
        dup.billAmount[std::size_t(m)] = m < history ? dup.lines.front().spend[std::size_t(m)] : 0;
    }
    chunk.customers.push_back(dup.customer);
    ++totals.customers;
    ++totals.duplicates;
    ++generated;
    emitLines(chunk, dup);
    bills(chunk, dup);
    const qint64 until = history > 0 ? beijingMs(migrated, 0) : windowStartMs + 60 * kDayMs;
    const int contacts = history > 0 ? rng.range(0, 2) : (rng.chance(0.5) ? 1 : 0);
    for (int i = 0; i < contacts; ++i) {
        static const Kind kinds[] = {Kind::Other, Kind::Billing, Kind::Inquiry};
        Event e = contact(dup, kinds[rng.below(3)], randomContactTime(windowStartMs, until));
        if (std::strcmp(e.channel, "app") == 0 || std::strcmp(e.channel, "web") == 0)
            e.channel = "store";
        e.agent = agentFor(dup, e.channel, e.kind, false);
        dup.events.push_back(e);
    }
    emitContacts(chunk, dup);

    TruthRow t;
    t.customerId = dup.customer.id;
    t.duplicate = true;
    t.duplicateOf = original.customer.id;
    chunk.truth.push_back(t);
}

void PopulationSimulator::Impl::family(Chunk& chunk, int remaining)
{
    Account a;
    a.type = AccountType::Family;
    CustomerRow& c = a.customer;
    c.id = ids.next();
    c.type = "family";
    c.segment = "household";
    a.city = cityPicker.pick(rng);
    const City& city = cities()[std::size_t(a.city)];
    a.district = rng.below(int(city.districts.size));
    c.regionCode = city.districts[std::size_t(a.district)].code;
    c.city = city.cityZh;
    c.address = address(a.city, a.district, false);
    c.accountNo = accountNumber(a.city);

    struct Member
    {
        const char* role;
        char gender;
        int age;
    };
    std::vector<Member> members;
    const char headGender = rng.chance(0.62) ? 'M' : 'F';
    const int headAge = rng.range(28, 66);
    members.push_back({"head", headGender, headAge});
    if (rng.chance(0.78))
        members.push_back({"spouse", headGender == 'M' ? 'F' : 'M', std::clamp(headAge + rng.range(-6, 4), 22, 80)});
    if (headAge >= 43) {
        const double u = rng.uniform();
        const int children = u < 0.45 ? 0 : u < 0.85 ? 1 : 2;
        for (int i = 0; i < children; ++i)
            members.push_back({"child", rng.chance(0.5) ? 'M' : 'F', rng.range(18, std::min(30, headAge - 20))});
    }
    if (headAge <= 55 && rng.chance(0.15))
        members.push_back({"parent", rng.chance(0.45) ? 'M' : 'F', rng.range(std::max(60, headAge + 20), std::min(80, headAge + 35))});
    while (int(members.size()) + 1 > remaining)
        members.pop_back();
    a.age = headAge;

    // Tenure of the household: when the bundle started.
    a.tenure = asOf.addDays(-rng.range(60, 15 * 365));
    c.tenureStart = isoDate(a.tenure);

    struct MemberRecord
    {
        CustomerRow row;
        std::string name;
    };
    std::vector<MemberRecord> records;
    for (const Member& m : members) {
        MemberRecord r;
        CustomerRow& mc = r.row;
        const QDate birth = birthFor(m.age);
        const PersonName name = names.chinese(rng, m.gender, birth.year());
        mc.id = ids.next();
        mc.type = "individual";
        mc.name = name.full;
        mc.nameNorm = normalizedName(mc.name);
        mc.gender = m.gender == 'M' ? "M" : "F";
        mc.birthDate = isoDate(birth);
        mc.idType = "resident_id";
        const District* home = &city.districts[std::size_t(a.district)];
        if (rng.chance(0.2)) {
            const City& other = cities()[std::size_t(cityPicker.pick(rng))];
            home = &other.districts[std::size_t(rng.below(int(other.districts.size)))];
        }
        mc.idNumber = residentId(home->code, birth, m.gender);
        mc.regionCode = c.regionCode;
        mc.city = c.city;
        mc.address = c.address;
        mc.segment = m.age >= 60 ? "senior" : m.age < 30 ? "youth" : "mass_market";
        mc.accountNo = accountNumber(a.city);
        mc.hasParent = true;
        mc.parentId = c.id;
        mc.memberRole = m.role;
        mc.sourceSystem = "bss";
        mc.consentDataUse = rng.chance(0.88);
        mc.consentMarketing = rng.chance(0.4);
        r.name = name.full;
        records.push_back(std::move(r));
    }
    c.name = records.front().name + "家庭";
    c.nameNorm = normalizedName(c.name);

    const int sims = int(members.size());
    const char* bundleCode = sims <= 2 ? "FAM-199" : sims == 3 ? "FAM-299" : "FAM-399";
    const int bundle = planIndex(bundleCode);
    Line bb;
    fillBroadband(bb, a.city, false, nullptr);
    bb.plan = bundle;
    bb.start = a.tenure;
    bb.dataBase = rng.between(120000, 900000);
    setWindow(bb);
    contractFor(bb, false);
    planHistory(bb);
    a.lines.push_back(std::move(bb));
    if (rng.chance(0.7)) {
        Line tv;
        fillBroadband(tv, a.city, true, &a.lines.front());
        tv.plan = planIndex(rng.chance(0.8) ? "IPTV-HD" : "IPTV-4K");
        tv.start = a.tenure.addDays(rng.below(60));
        setWindow(tv);
        a.lines.push_back(std::move(tv));
    }
    if (rng.chance(0.08)) {
        Line fixed;
        fillFixed(fixed, a.city);
        fixed.plan = planIndex("FIXED-20");
        fixed.start = a.tenure;
        fixed.voiceBase = rng.between(10, 120);
        setWindow(fixed);
        a.lines.push_back(std::move(fixed));
    }
    const PlanSpec& bundleSpec = spec(bundle);
    for (std::size_t i = 0; i < members.size(); ++i) {
        Line mobile;
        fillMobile(mobile);
        mobile.primary = i == 0;
        mobile.plan = planIndex("FAM-MEMBER");
        mobile.userName = records[i].name;
        mobile.allowanceMb = bundleSpec.dataMb / sims;
        mobile.allowanceMin = bundleSpec.voiceMin / sims;
        mobile.start = rng.chance(0.7) ? a.tenure : randomDateBetween(a.tenure, asOf.addDays(-30));
        setWindow(mobile);
        profileMobile(mobile, records[i].row.segment, members[i].age, false);
        addonsFor(mobile, members[i].age);
        records[i].row.primaryMsisdn = mobile.number;
        records[i].row.contactRaw = mobile.digits;
        records[i].row.tenureStart = isoDate(mobile.start);
        a.lines.push_back(std::move(mobile));
    }
    // The head's line first among the mobile lines: it is the household's contact number.
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
        if (a.lines[i].primary) {
            c.primaryMsisdn = a.lines[i].number;
            c.contactRaw = a.lines[i].digits;
        }
    }

    double churnChance = 0.07;
    if (a.tenure.daysTo(asOf) < 2 * 365)
        churnChance *= 1.4;
    if (a.lines.front().first < kMonths - 8 && rng.chance(churnChance))
        plantChurn(a);
    if (!a.churner)
        plantDip(a);
    static const Picker payers(std::vector<int>{80, 11, 4, 5});
    a.payer = Payer(payers.pick(rng));
    a.payMethod = pickPayMethod(a);
    simulate(a);
    c.consentDataUse = rng.chance(0.9);
    c.consentMarketing = rng.chance(0.42);
    c.sourceSystem = "bss";
    c.updatedAt = nowMs - qint64(rng.below(400)) * kDayMs;

    Chunk staged;
    bills(staged, a);
    finishCustomer(a);
    chunk.customers.push_back(a.customer);
    ++totals.customers;
    ++generated;
    for (MemberRecord& r : records) {
        r.row.tier = a.customer.tier;
        r.row.status = a.customer.status;
        r.row.updatedAt = a.customer.updatedAt;
        r.row.tags = "family";
        chunk.customers.push_back(std::move(r.row));
        ++totals.customers;
        ++generated;
    }
    emitLines(chunk, a);
    for (BillRow& b : staged.bills)
        chunk.bills.push_back(std::move(b));
    backgroundEvents(a, 0.65);
    structuredEvents(a);
    churnEvents(a);
    emitContacts(chunk, a);
    notes(chunk, a);
    emitTruth(chunk, a);
}

void PopulationSimulator::Impl::enterprise(Chunk& chunk)
{
    Account a;
    a.type = AccountType::Enterprise;
    CustomerRow& c = a.customer;
    c.id = ids.next();
    c.type = "enterprise";
    a.city = cityPicker.pick(rng);
    const City& city = cities()[std::size_t(a.city)];
    a.district = rng.below(int(city.districts.size));
    const District& district = city.districts[std::size_t(a.district)];

    static const Picker kinds(std::vector<int>{85, 8, 7});
    const int kind = kinds.pick(rng);
    std::vector<int> fitting;
    const Table<Industry> all = industries();
    static const char* const segments[] = {"sme", "large_enterprise", "government"};
    for (std::size_t i = 0; i < all.size; ++i) {
        if (std::strcmp(all[i].segment, segments[kind]) == 0)
            fitting.push_back(int(i));
    }
    const Industry& industry = all[std::size_t(fitting[std::size_t(rng.below(int(fitting.size())))])];
    c.segment = industry.segment;
    std::string name = city.cityZh;
    if (industry.zh[0] == '@') {
        if (std::strcmp(district.code, city.cityCode) != 0)
            name += district.zh;
        name += industry.zh + 1;
    } else {
        const Table<const char*> brand = companyBrands();
        const int first = rng.below(int(brand.size));
        int second = rng.below(int(brand.size) - 1);
        if (second >= first)
            ++second;
        name += brand[std::size_t(first)];
        name += brand[std::size_t(second)];
        name += industry.zh;
    }
    c.name = name;
    c.nameNorm = normalizedName(c.name);
    c.regionCode = district.code;
    c.city = city.cityZh;
    c.address = address(a.city, a.district, true);
    c.accountNo = accountNumber(a.city);
    c.idType = "business_license";
    {
        // Unified social credit code: authority and type, region, organisation code with its own check
        // character, then the GB 32100 check character.
        std::string code = kind == 2 ? (std::strstr(industry.zh, "局") ? "11" : "12") : "91";
        code += district.code;
        std::string org;
        appendPadded(org, quint64(rng.below(100000000)), 8);
        org.push_back(SocialCreditCode::organizationCheckCharacter(org.c_str()));
        code += org;
        code.push_back(SocialCreditCode::checkCharacter(code.c_str()));
        c.idNumber = code;
    }
    a.tenure = asOf.addDays(-rng.range(200, 20 * 365));
    c.tenureStart = isoDate(a.tenure);
    a.age = 45;

    int employees = 0;
    if (kind == 0)
        employees = std::min(40, 2 + rng.poisson(4));
    else if (kind == 1)
        employees = rng.range(20, 60);
    else
        employees = rng.range(10, 40);
    for (int i = 0; i < employees; ++i) {
        Line mobile;
        fillMobile(mobile);
        mobile.primary = i == 0;
        static const Picker plansPicker(std::vector<int>{60, 30, 10});
        static const char* const codes[] = {"ENT-5G-88", "ENT-5G-128", "ENT-5G-288"};
        mobile.plan = planIndex(codes[i == 0 ? 2 : plansPicker.pick(rng)]);
        const char gender = rng.chance(0.55) ? 'M' : 'F';
        const int age = rng.range(22, 60);
        mobile.userName = names.chinese(rng, gender, asOf.year() - age).full;
        mobile.start = randomDateBetween(a.tenure, asOf.addDays(-10));
        setWindow(mobile);
        contractFor(mobile, false);
        profileMobile(mobile, "business", age, false);
        mobile.roamer = rng.chance(0.15);
        a.lines.push_back(std::move(mobile));
    }
    const bool dedicated = rng.chance(kind == 0 ? 0.12 : kind == 1 ? 0.8 : 0.9);
    if (dedicated) {
        Line dia;
        fillBroadband(dia, a.city, false, nullptr);
        dia.plan = planIndex(kind == 1 && rng.chance(0.5) ? "ENT-DIA-500" : "ENT-DIA-100");
        dia.start = randomDateBetween(a.tenure, asOf.addDays(-60));
        dia.dataBase = rng.between(2e6, 2e7);
        setWindow(dia);
        contractFor(dia, false);
        a.lines.push_back(std::move(dia));
    }
    if (rng.chance(0.55)) {
        const int fixedLines = kind == 0 ? rng.range(1, 4) : rng.range(3, 10);
        for (int i = 0; i < fixedLines; ++i) {
            Line fixed;
            fillFixed(fixed, a.city);
            fixed.plan = planIndex("ENT-FIXED-30");
            fixed.start = randomDateBetween(a.tenure, asOf.addDays(-30));
            fixed.voiceBase = rng.between(80, 900);
            setWindow(fixed);
            a.lines.push_back(std::move(fixed));
        }
    }
    if (kind != 2 && rng.chance(kind == 0 ? 0.15 : 0.3)) {
        const int devices = kind == 0 ? rng.range(5, 30) : rng.range(10, 60);
        const int iotPlan = planIndex(rng.chance(0.6) ? "IOT-5" : "IOT-20");
        const QDate rollout = randomDateBetween(a.tenure, asOf.addDays(-90));
        for (int i = 0; i < devices; ++i) {
            Line iot;
            fillIot(iot);
            iot.plan = iotPlan;
            iot.start = rollout;
            iot.dataBase = spec(iotPlan).dataMb * rng.between(0.1, 0.9);
            setWindow(iot);
            contractFor(iot, false);
            a.lines.push_back(std::move(iot));
        }
    }
    static const Picker payers(std::vector<int>{85, 12, 2, 1});
    a.payer = Payer(payers.pick(rng));
    a.payMethod = pickPayMethod(a);
    simulate(a);
    c.primaryMsisdn = a.lines.front().number;
    c.contactRaw = a.lines.front().digits;
    c.consentDataUse = true;
    c.consentMarketing = rng.chance(0.3);
    c.sourceSystem = "bss";
    c.updatedAt = nowMs - qint64(rng.below(400)) * kDayMs;

    Chunk staged;
    bills(staged, a);
    finishCustomer(a);
    chunk.customers.push_back(a.customer);
    ++totals.customers;
    ++generated;
    emitLines(chunk, a);
    for (BillRow& b : staged.bills)
        chunk.bills.push_back(std::move(b));
    backgroundEvents(a, 0.8 + 0.03 * double(a.lines.size()));
    structuredEvents(a);
    emitContacts(chunk, a);
    notes(chunk, a);
}

// ---------------------------------------------------------------------------------------------------------

PopulationSimulator::PopulationSimulator(int customers, quint64 seed, const QDate& asOf)
    : d(std::make_unique<Impl>(customers, seed, asOf))
{
}

PopulationSimulator::~PopulationSimulator() = default;

const std::vector<RegionRow>& PopulationSimulator::regions() const { return d->regions; }
const std::vector<AgentRow>& PopulationSimulator::agents() const { return d->agents; }
const std::vector<PlanRow>& PopulationSimulator::plans() const { return d->plans; }
int PopulationSimulator::generatedCustomers() const { return d->generated; }
int PopulationSimulator::targetCustomers() const { return d->target; }
const PopulationSimulator::Totals& PopulationSimulator::totals() const { return d->totals; }

bool PopulationSimulator::fill(Chunk& chunk, int records)
{
    const int goal = std::min(d->target, d->generated + std::max(1, records));
    while (d->generated < goal)
        d->generateAccount(chunk);
    return d->generated < d->target;
}

std::string PopulationSimulator::romanize(const std::string& chineseName)
{
    static const NameMaker maker;
    return maker.pinyin(maker.parse(chineseName), 0);
}

} // namespace telcodesk::demo
