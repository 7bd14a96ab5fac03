#pragma once

#include "tickets/SlaPolicy.h"

#include <QCoreApplication>
#include <QVector>

#include <functional>
#include <optional>

namespace telcodesk {

/// Something that happened to a ticket that moves its SLA clocks, built by the caller from the ticket
/// row and its ticket_event rows.
struct SlaEvent
{
    enum What {
        Pause,           ///< waiting on the customer: no time counts until Resume
        Resume,
        FirstReply,      ///< the first customer-visible reply stops the first-response clock
        Resolved,        ///< stops the resolution clock (and the first-response clock if still running)
        Reopened,        ///< the resolution clock runs again; resolved..reopened does not count
        Closed,          ///< stops both clocks like Resolved
        PriorityChanged  ///< priority is the new one: targets are recomputed from created_at
    };
    qint64 at = 0;
    What what = Pause;
    int priority = 0; ///< for PriorityChanged
};

/// An SLA clock's state. Paused wins over NearBreach; Breached over Paused.
enum class SlaState { Running, Paused, NearBreach, Breached, Met, MetLate };

struct SlaClockState
{
    SlaState state = SlaState::Running;
    qint64 targetMs = 0;     ///< working time allowed
    qint64 usedMs = 0;       ///< working time counted so far (up to the stop, or now)
    qint64 remainingMs = 0;  ///< targetMs - usedMs; negative once breached
    qint64 dueUtcMs = 0;     ///< when usedMs reaches targetMs (while paused: if resumed now)
    bool stopped = false;    ///< Met or MetLate
    qint64 stoppedAt = 0;    ///< when it stopped
};

struct SlaPause
{
    qint64 from = 0;
    qint64 to = 0;     ///< now, while the pause is open
    bool open = false; ///< still waiting on the customer
};

struct SlaClockResult
{
    int priority = 0; ///< the priority whose terms apply
    SlaClockState firstResponse;
    SlaClockState resolution;
    QVector<SlaPause> pauses;
    bool paused = false;
};

/// Computes a ticket's two SLA clocks from its creation, its events and "now", with no store access:
/// the same answer online and offline. Rules:
///  - time counts only within the terms' calendar, and not while paused (every Pause..Resume is a
///    pause interval; an open pause lasts until now);
///  - the terms of the priority in force at `now` apply to the whole life of the ticket, from
///    created_at (a priority change recomputes both targets);
///  - resolution: the time between Resolved/Closed and a following Reopened does not count;
///  - near breach when used >= nearBreachPercent % of the target; breached when used >= target
///    (no time left); a clock stopped with used <= target is Met, else MetLate.
class SlaClock
{
    Q_DECLARE_TR_FUNCTIONS(SlaClock)
public:
    using TermsFor = std::function<std::optional<SlaTerms>(int priority)>;

    /// events in any order; empty when termsFor has no terms for the priority in force.
    static std::optional<SlaClockResult> compute(qint64 createdAt, int initialPriority,
                                                 QVector<SlaEvent> events, const TermsFor& termsFor,
                                                 qint64 nowUtcMs);
    /// One fixed set of terms, no priority changes considered.
    static SlaClockResult compute(qint64 createdAt, const SlaTerms& terms, QVector<SlaEvent> events,
                                  qint64 nowUtcMs);

    /// The state as a person reads it.
    static QString stateName(SlaState state);
    /// The state as stored (ticket_sla.state): running, paused, near_breach, breached, met, met_late.
    static QString stateCode(SlaState state);
};

} // namespace telcodesk
