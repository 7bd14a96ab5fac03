#include "demo/SimulationSupport.h"

#include <algorithm>
#include <cstring>

namespace telcodesk::demo {

Picker::Picker(const std::vector<int>& weights)
{
    m_cumulative.reserve(weights.size());
    int total = 0;
    for (int w : weights) {
        total += std::max(0, w);
        m_cumulative.push_back(total);
    }
}

int Picker::pick(Rng& rng) const
{
    if (m_cumulative.empty() || m_cumulative.back() <= 0)
        return 0;
    const int r = rng.below(m_cumulative.back());
    return int(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), r) - m_cumulative.begin());
}

std::string isoDate(const QDate& d)
{
    std::string out;
    out.reserve(10);
    appendPadded(out, quint64(d.year()), 4);
    out.push_back('-');
    appendPadded(out, quint64(d.month()), 2);
    out.push_back('-');
    appendPadded(out, quint64(d.day()), 2);
    return out;
}

int springFestivalMonth(int year)
{
    // Chinese New Year's day, 2010-2040: January when the day falls in January, else February.
    static const int january[] = {2012, 2014, 2017, 2020, 2023, 2025, 2028, 2031, 2033, 2036, 2039};
    for (int y : january) {
        if (y == year)
            return 1;
    }
    return 2;
}

int contactMinuteOfDay(Rng& rng)
{
    // Beijing hours 08-21, weighted like a contact centre's day: a morning peak, lunch dip, afternoon peak.
    static const Picker hours(std::vector<int>{3, 8, 10, 9, 5, 6, 9, 9, 8, 7, 5, 5, 5, 3});
    return (8 + hours.pick(rng)) * 60 + rng.below(60);
}

std::vector<std::string> utf8Characters(const std::string& text)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : 4;
        out.push_back(text.substr(i, len));
        i += len;
    }
    return out;
}

void appendPadded(std::string& out, quint64 v, int width)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = char('0' + v % 10);
        v /= 10;
    } while (v > 0 && n < 24);
    for (int i = n; i < width; ++i)
        out.push_back('0');
    while (n > 0)
        out.push_back(buf[--n]);
}

std::string yuan(qint64 fen)
{
    std::string out;
    if (fen < 0) {
        out.push_back('-');
        fen = -fen;
    }
    appendPadded(out, quint64(fen / 100), 1);
    out.push_back('.');
    appendPadded(out, quint64(fen % 100), 2);
    return out;
}

// ---- Names -------------------------------------------------------------------------------------------

NameMaker::NameMaker()
{
    m_surnames = Picker::of(surnames(), [](const Surname& s) { return s.weight; });
    m_single[0] = Picker::of(maleSingleNames(), [](const GivenChar& c) { return c.weight; });
    m_single[1] = Picker::of(femaleSingleNames(), [](const GivenChar& c) { return c.weight; });
    m_lead[0] = Picker::of(maleLeadChars(), [](const GivenChar& c) { return c.weight; });
    m_lead[1] = Picker::of(femaleLeadChars(), [](const GivenChar& c) { return c.weight; });
    const Table<GenerationName> generation = generationNames();
    for (std::size_t i = 0; i < generation.size; ++i)
        m_generation[generation[i].gender == 'F' ? 1 : 0][generation[i].era].push_back(int(i));
    for (const NameChar& c : nameChars())
        m_chars.emplace(c.zh, &c);
    const Table<Surname> all = surnames();
    for (std::size_t i = 0; i < all.size; ++i)
        m_surnameIndex.emplace(all[i].zh, int(i));
}

PersonName NameMaker::chinese(Rng& rng, char gender, int birthYear) const
{
    const int g = gender == 'F' ? 1 : 0;
    const int era = birthYear < 1966 ? 0 : birthYear < 1986 ? 1 : 2;
    PersonName name;
    name.surnameIndex = m_surnames.pick(rng);
    name.surname = surnames()[std::size_t(name.surnameIndex)].zh;
    static const double singleShare[3] = {0.30, 0.45, 0.35};
    const double u = rng.uniform();
    if (u < singleShare[era]) {
        name.given = (g ? femaleSingleNames() : maleSingleNames())[std::size_t(m_single[g].pick(rng))].zh;
    } else if (u < singleShare[era] + 0.25) {
        const std::vector<int>& list = m_generation[g][era];
        name.given = generationNames()[std::size_t(list[std::size_t(rng.below(int(list.size())))])].zh;
    } else {
        const char* lead = (g ? femaleLeadChars() : maleLeadChars())[std::size_t(m_lead[g].pick(rng))].zh;
        const char* second = (g ? femaleSingleNames() : maleSingleNames())[std::size_t(m_single[g].pick(rng))].zh;
        if (std::strcmp(lead, second) == 0)
            second = (g ? femaleSingleNames() : maleSingleNames())[std::size_t(m_single[g].pick(rng))].zh;
        name.given = std::string(lead) + second;
    }
    name.full = name.surname + name.given;
    return name;
}

PersonName NameMaker::latin(Rng& rng, char gender) const
{
    PersonName name;
    name.latin = true;
    const Table<LatinName> first = latinFirstNames();
    for (int attempt = 0; attempt < 16; ++attempt) {
        const LatinName& candidate = rng.pick(first);
        if (candidate.gender == gender || attempt == 15) {
            name.given = candidate.text;
            break;
        }
    }
    name.surname = rng.pick(latinFamilyNames()).text;
    name.full = name.given + ' ' + name.surname;
    return name;
}

std::string NameMaker::traditional(const PersonName& name) const
{
    if (name.latin || name.surnameIndex < 0)
        return {};
    bool changed = false;
    const Surname& s = surnames()[std::size_t(name.surnameIndex)];
    std::string out = s.traditional ? s.traditional : s.zh;
    changed = s.traditional != nullptr;
    for (const std::string& c : utf8Characters(name.given)) {
        const auto it = m_chars.find(c);
        if (it != m_chars.end() && it->second->traditional) {
            out += it->second->traditional;
            changed = true;
        } else {
            out += c;
        }
    }
    return changed ? out : std::string();
}

std::string NameMaker::homophoneTypo(Rng& rng, const PersonName& name) const
{
    if (name.latin || name.surnameIndex < 0)
        return {};
    const std::vector<std::string> given = utf8Characters(name.given);
    std::vector<int> candidates;
    for (std::size_t i = 0; i < given.size(); ++i) {
        const auto it = m_chars.find(given[i]);
        if (it != m_chars.end() && it->second->homophone)
            candidates.push_back(int(i));
    }
    const Surname& s = surnames()[std::size_t(name.surnameIndex)];
    if (candidates.empty()) {
        if (!s.homophone)
            return {};
        return s.homophone + name.given;
    }
    const std::size_t at = std::size_t(candidates[std::size_t(rng.below(int(candidates.size())))]);
    std::string out = name.surname;
    for (std::size_t i = 0; i < given.size(); ++i)
        out += i == at ? std::string(m_chars.at(given[i])->homophone) : given[i];
    return out;
}

std::string NameMaker::pinyin(const PersonName& name, int style) const
{
    if (name.latin || name.surnameIndex < 0)
        return {};
    std::string family = surnames()[std::size_t(name.surnameIndex)].pinyin;
    std::string given;
    for (const std::string& c : utf8Characters(name.given)) {
        const auto it = m_chars.find(c);
        if (it == m_chars.end())
            return {};
        given += it->second->pinyin;
    }
    if (given.empty())
        return {};
    given[0] = char(given[0] - 'a' + 'A');
    if (style == 1) {
        std::string out = family + ' ' + given;
        for (char& ch : out)
            ch = (ch >= 'a' && ch <= 'z') ? char(ch - 'a' + 'A') : ch;
        return out;
    }
    return style == 2 ? given + ' ' + family : family + ' ' + given;
}

PersonName NameMaker::parse(const std::string& chineseName) const
{
    PersonName name;
    const std::vector<std::string> chars = utf8Characters(chineseName);
    if (chars.size() >= 3) {
        const auto it = m_surnameIndex.find(chars[0] + chars[1]);
        if (it != m_surnameIndex.end()) {
            name.surnameIndex = it->second;
            name.surname = chars[0] + chars[1];
        }
    }
    if (name.surnameIndex < 0 && !chars.empty()) {
        const auto it = m_surnameIndex.find(chars[0]);
        if (it != m_surnameIndex.end()) {
            name.surnameIndex = it->second;
            name.surname = chars[0];
        }
    }
    if (name.surnameIndex < 0)
        return name;
    name.given = chineseName.substr(name.surname.size());
    name.full = chineseName;
    return name;
}

} // namespace telcodesk::demo
