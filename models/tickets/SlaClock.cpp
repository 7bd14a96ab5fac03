#include "tickets/SlaClock.h"

#include <algorithm>

namespace telcodesk {

namespace {

struct Span
{
    qint64 from;
    qint64 to;
};

// Sorted, overlaps merged, clipped to [lo, hi]; empty spans dropped.
QVector<Span> normalised(QVector<Span> spans, qint64 lo, qint64 hi)
{
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.from < b.from; });
    QVector<Span> out;
    for (Span s : spans) {
        s.from = std::max(s.from, lo);
        s.to = std::min(s.to, hi);
        if (s.to <= s.from)
            continue;
        if (!out.isEmpty() && s.from <= out.last().to)
            out.last().to = std::max(out.last().to, s.to);
        else
            out.append(s);
    }
    return out;
}

SlaClockState runClock(const BusinessCalendar& cal, qint64 createdAt, qint64 target, int nearPercent,
                       const QVector<Span>& excluded, std::optional<qint64> stopAt, bool paused, qint64 now)
{
    SlaClockState c;
    c.targetMs = target;
    c.stopped = stopAt.has_value();
    c.stoppedAt = stopAt.value_or(0);
    const qint64 end = stopAt.value_or(now);
    const QVector<Span> spans = normalised(excluded, createdAt, end);

    qint64 used = cal.businessTimeBetween(createdAt, end);
    for (const Span& s : spans)
        used -= cal.businessTimeBetween(s.from, s.to);
    c.usedMs = used;
    c.remainingMs = target - used;

    // The due time: walk the counted stretches between the exclusions until the target is used up.
    qint64 cursor = createdAt;
    qint64 remaining = target;
    std::optional<qint64> due;
    for (const Span& s : spans) {
        const qint64 stretch = cal.businessTimeBetween(cursor, s.from);
        if (stretch >= remaining) {
            due = cal.addBusinessTime(cursor, remaining);
            break;
        }
        remaining -= stretch;
        cursor = std::max(cursor, s.to);
    }
    c.dueUtcMs = due ? *due : cal.addBusinessTime(cursor, remaining);

    if (c.stopped)
        c.state = used <= target ? SlaState::Met : SlaState::MetLate;
    else if (used >= target)
        c.state = SlaState::Breached;
    else if (paused)
        c.state = SlaState::Paused;
    else if (used * 100 >= target * nearPercent)
        c.state = SlaState::NearBreach;
    else
        c.state = SlaState::Running;
    return c;
}

void sortEvents(QVector<SlaEvent>& events)
{
    std::stable_sort(events.begin(), events.end(), [](const SlaEvent& a, const SlaEvent& b) { return a.at < b.at; });
}

} // namespace

std::optional<SlaClockResult> SlaClock::compute(qint64 createdAt, int initialPriority, QVector<SlaEvent> events,
                                                const TermsFor& termsFor, qint64 nowUtcMs)
{
    sortEvents(events);
    int priority = initialPriority;
    for (const SlaEvent& e : events) {
        if (e.at > nowUtcMs)
            break;
        if (e.what == SlaEvent::PriorityChanged && e.priority >= 1 && e.priority <= 4)
            priority = e.priority;
    }
    const std::optional<SlaTerms> terms = termsFor ? termsFor(priority) : std::nullopt;
    if (!terms)
        return std::nullopt;
    SlaClockResult result = compute(createdAt, *terms, std::move(events), nowUtcMs);
    result.priority = priority;
    return result;
}

SlaClockResult SlaClock::compute(qint64 createdAt, const SlaTerms& terms, QVector<SlaEvent> events, qint64 nowUtcMs)
{
    sortEvents(events);
    SlaClockResult result;
    bool paused = false;
    qint64 pauseStart = 0;
    std::optional<qint64> firstStop;
    bool resolved = false;
    qint64 resolvedAt = 0;
    QVector<Span> gaps;
    for (const SlaEvent& event : events) {
        if (event.at > nowUtcMs)
            break;
        // Nothing counts before the ticket exists; an event stamped earlier (clock skew) happens at creation.
        const qint64 at = std::max(event.at, createdAt);
        switch (event.what) {
        case SlaEvent::Pause:
            if (!paused) {
                paused = true;
                pauseStart = at;
            }
            break;
        case SlaEvent::Resume:
            if (paused) {
                result.pauses.append(SlaPause{pauseStart, at, false});
                paused = false;
            }
            break;
        case SlaEvent::FirstReply:
            if (!firstStop)
                firstStop = at;
            break;
        case SlaEvent::Resolved:
        case SlaEvent::Closed:
            if (!firstStop)
                firstStop = at;
            if (!resolved) {
                resolved = true;
                resolvedAt = at;
            }
            break;
        case SlaEvent::Reopened:
            if (resolved) {
                gaps.append(Span{resolvedAt, at});
                resolved = false;
            }
            break;
        case SlaEvent::PriorityChanged:
            break;
        }
    }
    if (paused)
        result.pauses.append(SlaPause{pauseStart, nowUtcMs, true});
    result.paused = paused;

    QVector<Span> pauseSpans;
    for (const SlaPause& p : result.pauses)
        pauseSpans.append(Span{p.from, p.open ? nowUtcMs : p.to});
    QVector<Span> resolutionExcluded = pauseSpans + gaps;

    result.firstResponse = runClock(terms.calendar, createdAt, terms.firstResponseMs, terms.nearBreachPercent,
                                    pauseSpans, firstStop, paused, nowUtcMs);
    result.resolution = runClock(terms.calendar, createdAt, terms.resolutionMs, terms.nearBreachPercent,
                                 resolutionExcluded,
                                 resolved ? std::optional<qint64>(resolvedAt) : std::nullopt, paused, nowUtcMs);
    return result;
}

QString SlaClock::stateCode(SlaState state)
{
    switch (state) {
    case SlaState::Running:
        return QStringLiteral("running");
    case SlaState::Paused:
        return QStringLiteral("paused");
    case SlaState::NearBreach:
        return QStringLiteral("near_breach");
    case SlaState::Breached:
        return QStringLiteral("breached");
    case SlaState::Met:
        return QStringLiteral("met");
    case SlaState::MetLate:
        return QStringLiteral("met_late");
    }
    return QStringLiteral("running");
}

QString SlaClock::stateName(SlaState state)
{
    switch (state) {
    case SlaState::Running:
        return tr("Running");
    case SlaState::Paused:
        return tr("Paused");
    case SlaState::NearBreach:
        return tr("Near breach");
    case SlaState::Breached:
        return tr("Breached");
    case SlaState::Met:
        return tr("Met");
    case SlaState::MetLate:
        return tr("Met late");
    }
    return QString();
}

} // namespace telcodesk
