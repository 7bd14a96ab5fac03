#include "tickets/SlaPolicy.h"

#include <cmath>

namespace telcodesk {

const BusinessCalendar* SlaPolicyBook::calendar(const QString& id) const
{
    const auto found = m_calendars.constFind(id);
    return found == m_calendars.constEnd() ? nullptr : &found.value();
}

const SlaPolicy* SlaPolicyBook::find(const QString& kind, int priority, const QString& tier) const
{
    const SlaPolicy* fallback = nullptr;
    for (const SlaPolicy& p : m_policies) {
        if (p.kind != kind || p.priority != priority)
            continue;
        if (!tier.isEmpty() && p.tier == tier)
            return &p;
        if (p.tier == QLatin1String("*"))
            fallback = &p;
    }
    return fallback;
}

std::optional<SlaTerms> SlaPolicyBook::terms(const QString& kind, int priority, const QString& tier) const
{
    const SlaPolicy* p = find(kind, priority, tier);
    if (!p)
        return std::nullopt;
    const BusinessCalendar* cal = calendar(p->calendarId);
    if (!cal)
        return std::nullopt;
    SlaTerms t;
    t.firstResponseMs = std::llround(p->firstResponseMinutes * 60000.0);
    t.resolutionMs = qint64(p->resolutionMinutes) * 60000;
    t.nearBreachPercent = p->nearBreachPercent;
    t.calendar = p->businessHours ? *cal : BusinessCalendar::alwaysOpen(cal->utcOffsetMinutes());
    return t;
}

} // namespace telcodesk
