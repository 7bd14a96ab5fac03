#pragma once

// Small building blocks of the population simulation: a platform-independent random source, weighted
// choice, calendar arithmetic in Beijing time, and the name maker with the variants merged records show.

#include "demo/ReferenceData.h"

#include <QDate>
#include <QtGlobal>

#include <cmath>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace telcodesk::demo {

constexpr qint64 kMinuteMs = 60000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kBeijingOffsetMs = 8 * kHourMs;
constexpr qint64 kJulianDayOfEpoch = 2440588; // QDate(1970, 1, 1).toJulianDay()

/// Random numbers drawn only from std::mt19937_64, whose output the standard fixes, with our own
/// transformations: the standard library's distributions differ between implementations, and a seed
/// must give the same data set everywhere.
class Rng
{
public:
    explicit Rng(quint64 seed) : m_engine(seed) {}

    quint64 bits() { return m_engine(); }
    /// In [0, 1).
    double uniform() { return double(m_engine() >> 11) * (1.0 / 9007199254740992.0); }
    /// In [0, n).
    int below(int n) { return n <= 1 ? 0 : int(((m_engine() >> 32) * quint64(n)) >> 32); }
    /// In [lo, hi].
    int range(int lo, int hi) { return lo + below(hi - lo + 1); }
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    bool chance(double p) { return uniform() < p; }
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(6.283185307179586 * u2);
        m_hasSpare = true;
        return r * std::cos(6.283185307179586 * u2);
    }
    /// A multiplier around 1 with the given spread.
    double noise(double sigma) { return std::exp(sigma * normal() - 0.5 * sigma * sigma); }
    int poisson(double mean)
    {
        if (mean <= 0)
            return 0;
        if (mean > 30)
            return std::max(0, int(std::lround(mean + std::sqrt(mean) * normal())));
        const double limit = std::exp(-mean);
        int k = 0;
        double p = uniform();
        while (p > limit) {
            ++k;
            p *= uniform();
        }
        return k;
    }
    template<typename T>
    const T& pick(const Table<T>& table) { return table[std::size_t(below(int(table.size)))]; }

private:
    std::mt19937_64 m_engine;
    bool m_hasSpare = false;
    double m_spare = 0;
};

/// Choice among indices with integer weights.
class Picker
{
public:
    Picker() = default;
    explicit Picker(const std::vector<int>& weights);
    template<typename T, typename Weight>
    static Picker of(const Table<T>& table, Weight weight)
    {
        std::vector<int> w;
        w.reserve(table.size);
        for (const T& row : table)
            w.push_back(weight(row));
        return Picker(w);
    }
    int pick(Rng& rng) const;
    bool empty() const { return m_cumulative.empty(); }

private:
    std::vector<int> m_cumulative;
};

// ---- Calendar --------------------------------------------------------------------------------------

inline qint64 utcMidnightMs(const QDate& d) { return (d.toJulianDay() - kJulianDayOfEpoch) * kDayMs; }
/// UTC milliseconds of a Beijing wall-clock time (minutes after midnight) on day d.
inline qint64 beijingMs(const QDate& d, int minuteOfDay)
{
    return utcMidnightMs(d) - kBeijingOffsetMs + qint64(minuteOfDay) * kMinuteMs;
}
/// The Beijing calendar day of a UTC time.
inline QDate beijingDate(qint64 ms)
{
    return QDate::fromJulianDay((ms + kBeijingOffsetMs) / kDayMs + kJulianDayOfEpoch);
}
inline int monthKeyOf(const QDate& d) { return d.year() * 100 + d.month(); }
std::string isoDate(const QDate& d);
/// The month containing the Spring Festival (Chinese New Year's day) of a year: 1 or 2.
int springFestivalMonth(int year);
/// A Beijing time of day for a contact with a person, in minutes: office hours with an evening tail.
int contactMinuteOfDay(Rng& rng);

// ---- Text ------------------------------------------------------------------------------------------

/// The UTF-8 characters of a string, each as its own string.
std::vector<std::string> utf8Characters(const std::string& text);
/// Digits of v, zero-padded to width, appended to out.
void appendPadded(std::string& out, quint64 v, int width);
/// "128.50" for 12850 fen.
std::string yuan(qint64 fen);

// ---- Names -----------------------------------------------------------------------------------------

struct PersonName
{
    std::string full;
    std::string surname; ///< Chinese family name, or the Latin family name
    std::string given;   ///< Chinese given name, or the Latin first name
    int surnameIndex = -1;
    bool latin = false;
};

class NameMaker
{
public:
    NameMaker();

    PersonName chinese(Rng& rng, char gender, int birthYear) const;
    PersonName latin(Rng& rng, char gender) const;

    /// The name in traditional characters, or empty when no character has a different form.
    std::string traditional(const PersonName& name) const;
    /// One character replaced by a same-sounding one, as an input method offers; empty when none is known.
    std::string homophoneTypo(Rng& rng, const PersonName& name) const;
    /// Romanised: style 0 "Zhang Wei", 1 "ZHANG WEI", 2 "Wei Zhang". Empty when a character is unknown.
    std::string pinyin(const PersonName& name, int style) const;
    /// Splits a Chinese full name into family and given name by the longest known family name.
    PersonName parse(const std::string& chineseName) const;

private:
    Picker m_surnames;
    Picker m_single[2];
    Picker m_lead[2];
    std::vector<int> m_generation[2][3];
    std::unordered_map<std::string, const NameChar*> m_chars;
    std::unordered_map<std::string, int> m_surnameIndex;
};

} // namespace telcodesk::demo
