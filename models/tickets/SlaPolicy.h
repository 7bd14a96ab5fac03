#pragma once

#include "tickets/BusinessCalendar.h"

#include <QHash>
#include <QString>
#include <QVector>

#include <optional>

namespace telcodesk {

/// One row of sla_policy: the targets for a ticket kind x priority x customer tier ("*": any tier).
struct SlaPolicy
{
    QString id;
    QString kind;
    int priority = 0;
    QString tier = QStringLiteral("*");
    double firstResponseMinutes = 0;
    int resolutionMinutes = 0;
    int nearBreachPercent = 80;
    QString calendarId;
    bool businessHours = true;
};

/// What one SLA clock runs by: its two targets (working time), the near-breach share and the calendar
/// that says when time counts.
struct SlaTerms
{
    qint64 firstResponseMs = 0;
    qint64 resolutionMs = 0;
    int nearBreachPercent = 80;
    BusinessCalendar calendar = BusinessCalendar::alwaysOpen();
};

/// The policies and calendars in force; picks the policy for a ticket.
class SlaPolicyBook
{
public:
    void addCalendar(const QString& id, const BusinessCalendar& calendar) { m_calendars.insert(id, calendar); }
    void addPolicy(const SlaPolicy& policy) { m_policies.append(policy); }

    const BusinessCalendar* calendar(const QString& id) const;
    const QVector<SlaPolicy>& policies() const { return m_policies; }

    /// The policy for this kind and priority with this tier, else with tier "*"; nullptr without one.
    const SlaPolicy* find(const QString& kind, int priority, const QString& tier) const;
    /// find() made into terms: business_hours 0 runs on the 24x7 clock (in the calendar's offset);
    /// empty when there is no policy or its calendar is unknown.
    std::optional<SlaTerms> terms(const QString& kind, int priority, const QString& tier) const;

private:
    QHash<QString, BusinessCalendar> m_calendars;
    QVector<SlaPolicy> m_policies;
};

} // namespace telcodesk
