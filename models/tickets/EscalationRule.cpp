#include "tickets/EscalationRule.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace telcodesk {

namespace {

constexpr qint64 kDayMs = 86400000;

} // namespace

QString EscalationRule::name(bool chinese) const
{
    const QString& preferred = chinese ? nameZh : nameEn;
    if (!preferred.isEmpty())
        return preferred;
    return chinese ? nameEn : nameZh;
}

bool EscalationRule::appliesTo(const QString& ticketKind) const
{
    return kind == QLatin1String("*") || kind == ticketKind;
}

QString EscalationRule::triggerCode(EscalationTrigger trigger)
{
    switch (trigger) {
    case EscalationTrigger::NotHandledWithin:
        return QStringLiteral("not_handled_within");
    case EscalationTrigger::SlaBreached:
        return QStringLiteral("sla_breached");
    case EscalationTrigger::RepeatComplaints:
        return QStringLiteral("repeat_complaints");
    }
    return QString();
}

bool EscalationRule::triggerFromCode(const QString& code, EscalationTrigger* out)
{
    for (EscalationTrigger t :
         {EscalationTrigger::NotHandledWithin, EscalationTrigger::SlaBreached, EscalationTrigger::RepeatComplaints}) {
        if (code == triggerCode(t)) {
            if (out)
                *out = t;
            return true;
        }
    }
    return false;
}

QString EscalationRule::actionCode(EscalationAction action)
{
    switch (action) {
    case EscalationAction::EscalateSupervisor:
        return QStringLiteral("escalate_supervisor");
    case EscalationAction::RaisePriority:
        return QStringLiteral("raise_priority");
    }
    return QString();
}

bool EscalationRule::actionFromCode(const QString& code, EscalationAction* out)
{
    for (EscalationAction a : {EscalationAction::EscalateSupervisor, EscalationAction::RaisePriority}) {
        if (code == actionCode(a)) {
            if (out)
                *out = a;
            return true;
        }
    }
    return false;
}

Result<QVector<EscalationRule>> EscalationRule::loadActive(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name_zh, name_en, kind, trigger, threshold_minutes, clock, repeat_count, "
                               "window_days, action, notify_role FROM escalation_rule "
                               "WHERE deleted_at IS NULL AND active = 1 ORDER BY id")))
        return Error{QCoreApplication::translate("EscalationRule", "Cannot read the escalation rules: %1")
                         .arg(q.lastError().text()),
                     QStringLiteral("io")};
    QVector<EscalationRule> rules;
    while (q.next()) {
        EscalationRule r;
        r.id = q.value(0).toString();
        r.nameZh = q.value(1).toString();
        r.nameEn = q.value(2).toString();
        r.kind = q.value(3).toString();
        if (!triggerFromCode(q.value(4).toString(), &r.trigger) || !actionFromCode(q.value(9).toString(), &r.action))
            continue;
        r.thresholdMinutes = q.value(5).toInt();
        const QString clock = q.value(6).toString();
        if (clock == QLatin1String("working"))
            r.clock = EscalationClock::Working;
        else if (clock == QLatin1String("wall"))
            r.clock = EscalationClock::Wall;
        else
            continue;
        r.repeatCount = q.value(7).toInt();
        r.windowDays = q.value(8).toInt();
        r.notifyRole = q.value(10).toString();
        if (r.trigger == EscalationTrigger::NotHandledWithin && r.thresholdMinutes <= 0)
            continue;
        if (r.trigger == EscalationTrigger::RepeatComplaints && (r.repeatCount < 2 || r.windowDays <= 0))
            continue;
        rules << r;
    }
    return rules;
}

qint64 EscalationEvaluator::workingElapsedMs(const BusinessCalendar& calendar, qint64 createdAt,
                                             const QVector<SlaPause>& pauses, qint64 nowUtcMs)
{
    qint64 elapsed = calendar.businessTimeBetween(createdAt, nowUtcMs);
    for (const SlaPause& p : pauses) {
        const qint64 from = std::max(p.from, createdAt);
        const qint64 to = std::min(p.open ? nowUtcMs : p.to, nowUtcMs);
        if (to > from)
            elapsed -= calendar.businessTimeBetween(from, to);
    }
    return std::max<qint64>(elapsed, 0);
}

QString EscalationEvaluator::durationText(int minutes)
{
    if (minutes % 1440 == 0 && minutes >= 2880)
        return tr("%n day(s)", nullptr, minutes / 1440);
    if (minutes % 60 == 0)
        return tr("%n hour(s)", nullptr, minutes / 60);
    return tr("%n minute(s)", nullptr, minutes);
}

QVector<EscalationDecision> EscalationEvaluator::firing(const QVector<EscalationRule>& rules,
                                                        const EscalationFacts& facts, qint64 nowUtcMs)
{
    QVector<EscalationDecision> out;
    if (!facts.open)
        return out;
    int priority = facts.priority;
    for (const EscalationRule& rule : rules) {
        if (!rule.active || !rule.appliesTo(facts.kind) || facts.firedRuleIds.contains(rule.id))
            continue;
        QString detail;
        switch (rule.trigger) {
        case EscalationTrigger::NotHandledWithin: {
            const qint64 threshold = qint64(rule.thresholdMinutes) * 60000;
            if (rule.clock == EscalationClock::Wall) {
                if (nowUtcMs - facts.createdAt < threshold)
                    continue;
                detail = tr("Not handled within %1 of being opened.").arg(durationText(rule.thresholdMinutes));
            } else {
                if (!facts.calendar
                    || workingElapsedMs(*facts.calendar, facts.createdAt, facts.pauses, nowUtcMs) < threshold)
                    continue;
                detail = tr("Not handled within %1 of working time.").arg(durationText(rule.thresholdMinutes));
            }
            break;
        }
        case EscalationTrigger::SlaBreached:
            if (!facts.resolutionBreached)
                continue;
            detail = tr("The resolution time limit (SLA) has passed.");
            break;
        case EscalationTrigger::RepeatComplaints: {
            const qint64 windowStart = facts.createdAt - qint64(rule.windowDays) * kDayMs;
            int count = 1; // this ticket
            for (qint64 at : facts.earlierComplaints) {
                if (at >= windowStart && at <= facts.createdAt)
                    ++count;
            }
            if (count < rule.repeatCount)
                continue;
            detail = tr("Complaint number %1 from this customer within %2.")
                         .arg(count)
                         .arg(durationText(rule.windowDays * 1440));
            break;
        }
        }
        EscalationDecision d;
        d.rule = rule;
        d.fromPriority = priority;
        d.toPriority = priority;
        if (rule.action == EscalationAction::RaisePriority) {
            if (priority <= 1)
                continue; // P1 is the top: nothing to raise, and the rule stays unfired
            d.toPriority = priority - 1;
            priority = d.toPriority;
        }
        d.detail = detail;
        out << d;
    }
    return out;
}

} // namespace telcodesk
