#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <cstddef>
#include <random>

namespace telcodesk::demo {

/// A plan of the catalog as the knowledge-base writer needs it (table plan, or the built-in catalog).
struct KbPlanInfo
{
    QString code;
    QString nameZh;
    QString nameEn;
    QString service; ///< mobile, broadband, fixed, iptv, iot, bundle
    QString kind;    ///< base or addon
    QString lifecycle;
    int feeFen = 0;
    int dataMb = 0;
    int voiceMin = 0;
    int speedMbps = 0;
    int contractMonths = 0;
};

/// The seeded random source of the knowledge-base generator.
class KbRandom
{
public:
    explicit KbRandom(quint64 seed) : m_engine(seed) {}
    /// A whole number in [low, high].
    int range(int low, int high)
    {
        return low + int(m_engine() % quint64(high - low + 1));
    }
    double unit() { return double(m_engine() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
    template<typename T>
    const T& pick(const QVector<T>& values)
    {
        return values.at(range(0, int(values.size()) - 1));
    }
    template<typename T, std::size_t N>
    const T& pick(const T (&values)[N])
    {
        return values[range(0, int(N) - 1)];
    }
    std::mt19937_64& engine() { return m_engine; }

private:
    std::mt19937_64 m_engine;
};

/// A later addition to an article: the section and what its version's change note says about it.
struct KbAddition
{
    QString html;
    QString changeNote;
};

/// One article's content. The body of the newest version is sections followed by every addition; the
/// version before lacks the last addition, and so on, so that earlier versions differ from later ones as
/// an editor's history would.
struct KbContent
{
    QString category;
    QString title;
    QString earlierTitle; ///< how the first version was titled (may equal title)
    QStringList tags;
    QStringList sections;
    QVector<KbAddition> additions;

    /// The body with the first `additionCount` additions.
    QString body(int additionCount) const;
};

/// Writes articles of one category in Chinese or English. Each call draws a subject (a plan, a
/// destination, a symptom and an optical modem, a billing case, a city…), an aspect of it and the
/// phrasings, so that no two articles are the same text with a number changed.
class KbWriter
{
public:
    KbWriter(QVector<KbPlanInfo> plans, int year);

    KbContent write(const QString& category, bool chinese, KbRandom& random) const;

    /// The 14 category codes of migration 11, in its order.
    static const QStringList& categories();
    /// A regional qualifier that makes a title specific to a city: "【杭州】" / "[Hangzhou] ", with the city's
    /// name for the tags and a paragraph on where the article applies (local area code, stores, hours).
    static QString regionalPrefix(bool chinese, KbRandom& random, QString* cityTag, QString* scopeHtml);
    /// A kind of customer an article is written for: " (business customers)" / "（政企客户）", with the tag and
    /// a paragraph on what differs for them.
    static QString customerQualifier(bool chinese, KbRandom& random, QString* tag, QString* noteHtml);

private:
    KbContent plans(bool zh, KbRandom& r) const;
    KbContent planChange(bool zh, KbRandom& r) const;
    KbContent dataPacks(bool zh, KbRandom& r) const;
    KbContent roaming(bool zh, KbRandom& r) const;
    KbContent billing(bool zh, KbRandom& r) const;
    KbContent billingDispute(bool zh, KbRandom& r) const;
    KbContent payment(bool zh, KbRandom& r) const;
    KbContent broadband(bool zh, KbRandom& r) const;
    KbContent broadbandFault(bool zh, KbRandom& r) const;
    KbContent broadbandInstall(bool zh, KbRandom& r) const;
    KbContent porting(bool zh, KbRandom& r) const;
    KbContent realName(bool zh, KbRandom& r) const;
    KbContent network(bool zh, KbRandom& r) const;
    KbContent device(bool zh, KbRandom& r) const;

    const KbPlanInfo& planOf(KbRandom& r, const QStringList& services, const QString& kind) const;
    void finish(KbContent& c, bool zh, KbRandom& r) const;

    QVector<KbPlanInfo> m_plans;
    int m_year;
};

} // namespace telcodesk::demo
