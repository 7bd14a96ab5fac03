#pragma once

#include "common/Result.h"
#include "tickets/BusinessCalendar.h"
#include "tickets/SlaClock.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlDatabase>
#include <QVector>

namespace telcodesk {

enum class EscalationTrigger { NotHandledWithin, SlaBreached, RepeatComplaints };
enum class EscalationAction { EscalateSupervisor, RaisePriority };
/// How not_handled_within counts: every minute since creation, or the working time of the ticket's SLA
/// calendar without the time it waited on the customer.
enum class EscalationClock { Wall, Working };

/// One row of escalation_rule (local migration 7 / server 0009; read-only catalog, synced).
struct EscalationRule
{
    QString id;
    QString nameZh;
    QString nameEn;
    QString kind = QStringLiteral("*"); ///< a ticket kind, or "*" for every kind
    EscalationTrigger trigger = EscalationTrigger::NotHandledWithin;
    int thresholdMinutes = 0;           ///< not_handled_within
    EscalationClock clock = EscalationClock::Wall;
    int repeatCount = 0;                ///< repeat_complaints: the n-th complaint (this one included) fires
    int windowDays = 0;                 ///< repeat_complaints: counted over this many days before this one
    EscalationAction action = EscalationAction::EscalateSupervisor;
    QString notifyRole;                 ///< role code to notify, empty for none
    bool active = true;

    QString name(bool chinese) const;
    bool appliesTo(const QString& ticketKind) const;

    static QString triggerCode(EscalationTrigger trigger);
    static bool triggerFromCode(const QString& code, EscalationTrigger* out);
    static QString actionCode(EscalationAction action);
    static bool actionFromCode(const QString& code, EscalationAction* out);

    /// The live, active rules ordered by id. Rows whose trigger, action or clock this version does not
    /// know, or that lack what their trigger needs, are skipped (a newer server may add kinds). Errors: "io".
    static Result<QVector<EscalationRule>> loadActive(QSqlDatabase db);
};

/// What a ticket looks like to the rules at one instant. Filled by EscalationService from the store;
/// built by hand in tests.
struct EscalationFacts
{
    QString ticketId;
    QString kind;
    int priority = 3;
    bool open = true;         ///< not in a resolved or closed state
    qint64 createdAt = 0;
    /// For rules on the working clock: the calendar of the ticket's SLA policy and its pauses (an open
    /// pause lasts until now). Without a calendar such rules do not fire.
    const BusinessCalendar* calendar = nullptr;
    QVector<SlaPause> pauses;
    bool resolutionBreached = false;
    /// created_at of the customer's other complaint tickets created before this one (any state).
    QVector<qint64> earlierComplaints;
    /// Rules that already fired for this ticket (a ticket_escalation row exists): never again.
    QSet<QString> firedRuleIds;
};

/// One rule that fires now, with what it does.
struct EscalationDecision
{
    EscalationRule rule;
    int fromPriority = 0;
    int toPriority = 0;   ///< = fromPriority unless the action raises it
    QString detail;       ///< why, for the ticket's history and the notification
};

/// Which rules fire for a ticket, with no store access: the same answer on every desktop for the same
/// facts and instant.
///  - a rule fires only for a ticket of its kind that is still open, and never when it fired before;
///  - not_handled_within fires once the elapsed time (wall or working, see EscalationClock) reaches
///    threshold_minutes: at the threshold, not a millisecond before;
///  - sla_breached fires when the resolution clock is breached;
///  - repeat_complaints fires when this complaint and the earlier ones created at most window_days
///    (exactly that many days included) before it number at least repeat_count;
///  - raise_priority never goes above P1: a ticket at P1 is left alone and the rule does not fire (so it
///    may still fire if the ticket is later lowered). Two raising rules firing together raise twice.
class EscalationEvaluator
{
    Q_DECLARE_TR_FUNCTIONS(EscalationEvaluator)
public:
    static QVector<EscalationDecision> firing(const QVector<EscalationRule>& rules, const EscalationFacts& facts,
                                              qint64 nowUtcMs);

    /// Working time of the calendar within [createdAt, now), minus the working time of the pauses.
    static qint64 workingElapsedMs(const BusinessCalendar& calendar, qint64 createdAt,
                                   const QVector<SlaPause>& pauses, qint64 nowUtcMs);

    /// "24 hours", "90 minutes": a threshold as a person reads it.
    static QString durationText(int minutes);
};

} // namespace telcodesk
