#include "tickets/EscalationService.h"
#include "tickets/TicketEventChange.h"

#include "common/Logging.h"
#include "common/Uuid.h"
#include "tickets/SlaService.h"
#include "tickets/Workflow.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

namespace telcodesk {

namespace {

// The namespace of the name-based (version 5) ids of escalation rows: fixed forever, so that every
// desktop derives the same id for the same ticket and rule.
const QUuid kEscalationNamespace(QStringLiteral("{0f1e5ca1-7e1d-4d0c-9a5e-5ca1a7e0e5c1}"));

constexpr qint64 kDayMs = 86400000;

Error ioError(const QString& what, const QSqlQuery& q)
{
    return Error{what.arg(q.lastError().text()), QStringLiteral("io")};
}

QVariant orNull(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

// Statuses that still need work when the workflow catalog is missing (an old or empty cache).
const QSet<QString>& fallbackOpenStatuses()
{
    static const QSet<QString> statuses{QStringLiteral("new"), QStringLiteral("assigned"), QStringLiteral("dispatched"),
                                        QStringLiteral("in_progress"), QStringLiteral("waiting_customer")};
    return statuses;
}

bool isOpen(const Workflow& wf, const QString& kind, const QString& status)
{
    const auto state = wf.state(kind, status);
    if (!state)
        return fallbackOpenStatuses().contains(status);
    return state->category == WorkflowCategory::Open || state->category == WorkflowCategory::Waiting;
}

// GB/T 2260 scope as the server reads it (sync.region_key): a province covers its two leading digits,
// a prefecture-level city its four, anything else only itself.
QString regionKey(const QString& code)
{
    if (code.size() == 6 && code.endsWith(QLatin1String("0000")))
        return code.left(2);
    if (code.size() == 6 && code.endsWith(QLatin1String("00")))
        return code.left(4);
    return code;
}

} // namespace

EscalationService::EscalationService(LocalStorePtr store, const Clock& clock) : m_store(std::move(store)), m_clock(clock)
{
}

QString EscalationService::escalationId(const QString& ticketId, const QString& ruleId)
{
    return QUuid::createUuidV5(kEscalationNamespace, QString(ticketId + QLatin1Char('/') + ruleId))
        .toString(QUuid::WithoutBraces);
}

QString EscalationService::derivedId(const QString& escalationId, const QString& purpose)
{
    return QUuid::createUuidV5(kEscalationNamespace, QString(escalationId + QLatin1Char('/') + purpose))
        .toString(QUuid::WithoutBraces);
}

Result<EscalationReport> EscalationService::evaluate(qint64 nowUtcMs)
{
    return run(nullptr, nowUtcMs);
}

Result<EscalationReport> EscalationService::evaluate(const QStringList& ticketIds, qint64 nowUtcMs)
{
    return run(&ticketIds, nowUtcMs);
}

Result<QStringList> EscalationService::candidates(QSqlDatabase& db, const QVector<EscalationRule>& rules,
                                                 const QStringList& openStatuses, qint64 nowUtcMs) const
{
    // One scan of the open tickets keeping those for which some rule may fire now: per rule a condition
    // every firing needs (the evaluator decides), and no ticket_escalation row of (ticket, rule) yet.
    // After the first pass almost every open ticket fails all of them, so a pass that fires nothing
    // costs a few index probes per open ticket instead of reading each one's facts.
    // Only placeholders and fixed text are joined into the SQL; every value is bound.
    QStringList marks;
    for (int i = 0; i < openStatuses.size(); ++i)
        marks << QStringLiteral("?");
    QStringList conditions;
    QVariantList binds;
    for (const QString& s : openStatuses)
        binds << s;
    for (const EscalationRule& r : rules) {
        QString cond;
        QVariantList ruleBinds;
        if (r.kind != QLatin1String("*")) {
            cond += QStringLiteral("t.kind = ? AND ");
            ruleBinds << r.kind;
        }
        if (r.action == EscalationAction::RaisePriority)
            cond += QStringLiteral("t.priority > 1 AND "); // never above P1: at P1 the rule does not fire
        switch (r.trigger) {
        case EscalationTrigger::NotHandledWithin:
            // Wall time since creation reaches the threshold; working time never exceeds wall time, so
            // the same bound holds for the working clock.
            cond += QStringLiteral("t.created_at <= ? AND ");
            ruleBinds << nowUtcMs - qint64(r.thresholdMinutes) * 60000;
            break;
        case EscalationTrigger::SlaBreached:
            // ticket_sla (SlaService) says the resolution clock may have breached by now; a ticket without
            // a row is computed. The clock itself decides.
            cond += QStringLiteral("coalesce((SELECT s.resolution_state = 'breached' OR coalesce(s.resolution_due <= ?, 0) "
                                   "FROM ticket_sla s WHERE s.ticket_id = t.id), 1) AND ");
            ruleBinds << nowUtcMs;
            break;
        case EscalationTrigger::RepeatComplaints:
            // Only complaints count, this one included: another complaint of the customer within the window.
            cond += QStringLiteral("t.kind = 'complaint' AND EXISTS (SELECT 1 FROM ticket o WHERE o.customer_id = t.customer_id "
                                   "AND o.created_at >= t.created_at - ? AND o.created_at <= t.created_at "
                                   "AND o.kind = 'complaint' AND o.deleted_at IS NULL AND o.id <> t.id "
                                   "AND (o.created_at < t.created_at OR o.id < t.id)) AND ");
            ruleBinds << qint64(r.windowDays) * kDayMs;
            break;
        }
        cond += QStringLiteral("NOT EXISTS (SELECT 1 FROM ticket_escalation e WHERE e.ticket_id = t.id "
                               "AND e.rule_id = ? AND e.deleted_at IS NULL)");
        ruleBinds << r.id;
        conditions << QLatin1Char('(') + cond + QLatin1Char(')');
        binds << ruleBinds;
    }
    const QString sql = QStringLiteral("SELECT t.id FROM ticket t WHERE t.deleted_at IS NULL AND t.status IN (")
        + marks.join(QLatin1Char(',')) + QStringLiteral(") AND (") + conditions.join(QStringLiteral(" OR "))
        + QLatin1Char(')');
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return ioError(tr("Cannot read the tickets: %1"), q);
    for (const QVariant& b : std::as_const(binds))
        q.addBindValue(b);
    if (!q.exec())
        return ioError(tr("Cannot read the tickets: %1"), q);
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

Result<EscalationReport> EscalationService::run(const QStringList* ticketIds, qint64 nowUtcMs)
{
    EscalationReport report;
    QSqlDatabase db = m_store->connection();
    const auto rules = EscalationRule::loadActive(db);
    if (!rules)
        return rules.error();
    if (rules.value().isEmpty() || (ticketIds && ticketIds->isEmpty()))
        return report;
    const auto wf = Workflow::load(db);
    if (!wf)
        return wf.error();

    // The statuses that are open for some kind, bound as parameters so that the scan skips closed tickets.
    QSet<QString> openStatuses = fallbackOpenStatuses();
    for (const QString& kind : wf.value().kinds()) {
        for (const WorkflowState& s : wf.value().states(kind)) {
            if (s.category == WorkflowCategory::Open || s.category == WorkflowCategory::Waiting)
                openStatuses.insert(s.status);
        }
    }
    QStringList statusList(openStatuses.cbegin(), openStatuses.cend());
    statusList.sort();

    // The tickets to look at: those asked for, or over the whole store those some rule may fire for now.
    QStringList ids;
    if (ticketIds) {
        QSet<QString> seen;
        for (const QString& id : *ticketIds) {
            if (seen.contains(id))
                continue;
            seen.insert(id);
            ids << id;
        }
    } else {
        const auto found = candidates(db, rules.value(), statusList, nowUtcMs);
        if (!found)
            return found.error();
        ids = found.value();
    }
    if (ids.isEmpty())
        return report;

    int maxWindowDays = 0;
    for (const EscalationRule& r : rules.value()) {
        if (r.trigger == EscalationTrigger::RepeatComplaints)
            maxWindowDays = std::max(maxWindowDays, r.windowDays);
    }

    QStringList marks;
    for (int i = 0; i < statusList.size(); ++i)
        marks << QStringLiteral("?");
    // Only placeholders are joined into the text; every value is bound.
    QSqlQuery ticketQuery(db);
    ticketQuery.setForwardOnly(true);
    ticketQuery.prepare(QStringLiteral(
                            "SELECT t.id, t.kind, t.priority, t.status, t.created_at, t.customer_id, c.tier, "
                            "s.resolution_state, s.resolution_due FROM ticket t "
                            "LEFT JOIN customer c ON c.id = t.customer_id LEFT JOIN ticket_sla s ON s.ticket_id = t.id "
                            "WHERE t.id = ? AND t.deleted_at IS NULL AND t.status IN (")
                        + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
    // What fired already, whoever wrote it: those (ticket, rule) pairs never fire again.
    QSqlQuery firedQuery(db);
    firedQuery.setForwardOnly(true);
    firedQuery.prepare(QStringLiteral("SELECT rule_id FROM ticket_escalation WHERE ticket_id = ? AND deleted_at IS NULL"));
    QSqlQuery earlier(db);
    earlier.setForwardOnly(true);
    earlier.prepare(QStringLiteral("SELECT created_at FROM ticket WHERE customer_id = ? AND kind = 'complaint' "
                                   "AND deleted_at IS NULL AND id <> ? AND created_at >= ? "
                                   "AND (created_at < ? OR (created_at = ? AND id < ?))"));

    struct Candidate
    {
        EscalationFacts facts;
        QString customerId;
        QString tier;
        QVariant resolutionState;
        QVariant resolutionDue;
    };
    // Every ticket's facts are read before anything is written, as one snapshot of the store.
    QVector<Candidate> candidates;
    candidates.reserve(ids.size());
    for (const QString& id : std::as_const(ids)) {
        ticketQuery.addBindValue(id);
        for (const QString& s : std::as_const(statusList))
            ticketQuery.addBindValue(s);
        if (!ticketQuery.exec())
            return ioError(tr("Cannot read the tickets: %1"), ticketQuery);
        if (!ticketQuery.next())
            continue;
        Candidate c;
        c.facts.ticketId = ticketQuery.value(0).toString();
        c.facts.kind = ticketQuery.value(1).toString();
        c.facts.priority = ticketQuery.value(2).toInt();
        c.facts.open = isOpen(wf.value(), c.facts.kind, ticketQuery.value(3).toString());
        c.facts.createdAt = ticketQuery.value(4).toLongLong();
        c.customerId = ticketQuery.value(5).toString();
        c.tier = ticketQuery.value(6).toString();
        c.resolutionState = ticketQuery.value(7);
        c.resolutionDue = ticketQuery.value(8);
        ticketQuery.finish();
        if (!c.facts.open)
            continue;
        firedQuery.addBindValue(c.facts.ticketId);
        if (!firedQuery.exec())
            return ioError(tr("Cannot read the escalations: %1"), firedQuery);
        while (firedQuery.next())
            c.facts.firedRuleIds.insert(firedQuery.value(0).toString());
        firedQuery.finish();
        candidates << c;
    }

    SlaService sla(m_store);
    for (Candidate& c : candidates) {
        if (m_cancel && m_cancel->loadAcquire() != 0) {
            report.interrupted = true;
            break;
        }
        ++report.ticketsChecked;
        EscalationFacts& facts = c.facts;
        bool needClock = false;
        bool needRepeat = false;
        bool anyRule = false;
        for (const EscalationRule& r : rules.value()) {
            if (!r.appliesTo(facts.kind) || facts.firedRuleIds.contains(r.id))
                continue;
            anyRule = true;
            switch (r.trigger) {
            case EscalationTrigger::NotHandledWithin:
                // Working time never exceeds wall time: below the threshold on the wall clock, no need to look.
                if (r.clock == EscalationClock::Working && nowUtcMs - facts.createdAt >= qint64(r.thresholdMinutes) * 60000)
                    needClock = true;
                break;
            case EscalationTrigger::SlaBreached: {
                // ticket_sla (SlaService::recomputeAll) says which tickets may be breached by now; the clock
                // itself decides. A ticket without a row is computed.
                const QString state = c.resolutionState.toString();
                if (c.resolutionState.isNull() || state == QLatin1String("breached")
                    || (!c.resolutionDue.isNull() && c.resolutionDue.toLongLong() <= nowUtcMs))
                    needClock = true;
                break;
            }
            case EscalationTrigger::RepeatComplaints:
                needRepeat = true;
                break;
            }
        }
        if (!anyRule)
            continue;
        std::optional<BusinessCalendar> calendar;
        // A ticket no policy covers has no clock (clockFor() would read its history to say "no_policy"):
        // its rules on the SLA or the working clock do not fire. Such tickets stay candidates every pass.
        if (needClock && !sla.loaded())
            (void)sla.reload(); // a failure is reported by clockFor() below, per ticket
        if (needClock && sla.loaded() && !sla.book().terms(facts.kind, facts.priority, c.tier))
            needClock = false;
        if (needClock) {
            const auto clock = sla.clockFor(facts.ticketId, nowUtcMs);
            if (clock) {
                facts.pauses = clock.value().pauses;
                facts.resolutionBreached = clock.value().resolution.state == SlaState::Breached;
                const auto terms = sla.book().terms(facts.kind, clock.value().priority, c.tier);
                if (terms)
                    calendar = terms->calendar;
            } else if (clock.error().code != QLatin1String("no_policy")) {
                report.failures << tr("Ticket %1: %2").arg(facts.ticketId, clock.error().message);
                continue;
            }
            if (calendar)
                facts.calendar = &*calendar;
        }
        if (needRepeat && facts.kind == QLatin1String("complaint")) {
            earlier.addBindValue(c.customerId);
            earlier.addBindValue(facts.ticketId);
            earlier.addBindValue(facts.createdAt - qint64(maxWindowDays) * kDayMs);
            earlier.addBindValue(facts.createdAt);
            earlier.addBindValue(facts.createdAt);
            earlier.addBindValue(facts.ticketId);
            if (!earlier.exec())
                return ioError(tr("Cannot read the customer's earlier complaints: %1"), earlier);
            while (earlier.next())
                facts.earlierComplaints << earlier.value(0).toLongLong();
            earlier.finish();
        }
        const QVector<EscalationDecision> decisions = EscalationEvaluator::firing(rules.value(), facts, nowUtcMs);
        if (decisions.isEmpty())
            continue;
        const Status written = ChangeWriter(m_store, m_clock).apply(changesFor(facts, decisions, nowUtcMs));
        if (!written) {
            qCWarning(lcServices) << "escalation of ticket" << facts.ticketId << "not written:" << written.errorMessage();
            report.failures << tr("Ticket %1: %2").arg(facts.ticketId, written.errorMessage());
            continue;
        }
        report.escalationsWritten += decisions.size();
        report.ticketsEscalated << facts.ticketId;
    }
    return report;
}

QVector<Change> EscalationService::changesFor(const EscalationFacts& facts, const QVector<EscalationDecision>& decisions,
                                              qint64 nowUtcMs) const
{
    const bool chinese = Workflow::chineseUi();
    QVector<Change> changes;
    int finalPriority = facts.priority;
    for (const EscalationDecision& d : decisions) {
        const QString id = escalationId(facts.ticketId, d.rule.id);
        Change esc;
        esc.op = Change::Op::Insert;
        esc.table = QStringLiteral("ticket_escalation");
        esc.id = id;
        esc.fields.insert(QStringLiteral("ticket_id"), facts.ticketId);
        esc.fields.insert(QStringLiteral("rule_id"), d.rule.id);
        esc.fields.insert(QStringLiteral("fired_at"), nowUtcMs);
        esc.fields.insert(QStringLiteral("action"), EscalationRule::actionCode(d.rule.action));
        esc.fields.insert(QStringLiteral("from_priority"), d.fromPriority);
        esc.fields.insert(QStringLiteral("to_priority"), d.toPriority);
        esc.fields.insert(QStringLiteral("notified_role"), orNull(d.rule.notifyRole));
        esc.fields.insert(QStringLiteral("detail"), d.detail);
        esc.fields.insert(QStringLiteral("agent_id"), orNull(m_agentId));
        changes << esc;

        QString body;
        if (d.rule.action == EscalationAction::RaisePriority) {
            body = tr("Priority raised from P%1 to P%2 by the rule \"%3\": %4")
                       .arg(d.fromPriority)
                       .arg(d.toPriority)
                       .arg(d.rule.name(chinese), d.detail);
            finalPriority = d.toPriority;
        } else if (d.rule.notifyRole == QLatin1String("supervisor") || d.rule.notifyRole.isEmpty()) {
            body = tr("Escalated to the supervisor by the rule \"%1\": %2").arg(d.rule.name(chinese), d.detail);
        } else {
            body = tr("Escalated (notifying the role \"%1\") by the rule \"%2\": %3")
                       .arg(d.rule.notifyRole, d.rule.name(chinese), d.detail);
        }
        changes << ticketEventChange(facts.ticketId, QStringLiteral("comment"), nowUtcMs, m_agentId, body,
                                     derivedId(id, QStringLiteral("event")));
    }
    if (finalPriority != facts.priority) {
        Change ticket;
        ticket.op = Change::Op::Update;
        ticket.table = QStringLiteral("ticket");
        ticket.id = facts.ticketId;
        ticket.fields.insert(QStringLiteral("priority"), finalPriority);
        changes << ticket;
    }
    return changes;
}

Result<QVector<Escalation>> EscalationService::listPending(const Session& session, std::optional<qint64> sinceMs) const
{
    QSqlDatabase db = m_store->connection();
    const bool admin = session.role == Role::Admin;
    QString sql = QStringLiteral(
        "SELECT e.id, e.ticket_id, t.ticket_no, t.title, e.rule_id, r.name_zh, r.name_en, e.action, e.fired_at, "
        "e.from_priority, e.to_priority, e.notified_role, e.detail, "
        "EXISTS (SELECT 1 FROM escalation_seen s WHERE s.agent_id = ? AND s.escalation_id = e.id) "
        "FROM ticket_escalation e JOIN ticket t ON t.id = e.ticket_id AND t.deleted_at IS NULL "
        "LEFT JOIN escalation_rule r ON r.id = e.rule_id "
        "LEFT JOIN customer c ON c.id = t.customer_id "
        "WHERE e.deleted_at IS NULL AND e.notified_role IS NOT NULL "
        // Acknowledged when any row of the same ticket and rule is: a pair may have two rows here when
        // another writer used another id (the server keeps one of them).
        "AND NOT EXISTS (SELECT 1 FROM ticket_escalation_ack a JOIN ticket_escalation x ON x.id = a.escalation_id "
        "                WHERE a.deleted_at IS NULL AND x.ticket_id = e.ticket_id AND x.rule_id = e.rule_id) ");
    QVariantList binds;
    binds << (session.agentId.isEmpty() ? session.login : session.agentId);
    if (!admin) {
        sql += QStringLiteral("AND e.notified_role = ? ");
        binds << roleCode(session.role);
        const QString key = regionKey(session.regionCode);
        if (!key.isEmpty() || !session.team.isEmpty()) {
            sql += QStringLiteral("AND ((? <> '' AND substr(c.region_code, 1, ?) = ?) "
                                  "OR (? <> '' AND EXISTS (SELECT 1 FROM agent g WHERE g.id = t.assignee_id AND g.team = ?))) ");
            binds << key << key.size() << key << session.team << session.team;
        }
    }
    if (sinceMs) {
        sql += QStringLiteral("AND e.fired_at >= ? ");
        binds << *sinceMs;
    }
    sql += QStringLiteral("ORDER BY e.fired_at DESC, e.id");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& b : std::as_const(binds))
        q.addBindValue(b);
    if (!q.exec())
        return ioError(tr("Cannot read the escalations: %1"), q);
    const bool chinese = Workflow::chineseUi();
    QVector<Escalation> out;
    QSet<QString> pairs;
    while (q.next()) {
        Escalation e;
        e.id = q.value(0).toString();
        e.ticketId = q.value(1).toString();
        e.ticketNo = q.value(2).toString();
        e.ticketTitle = q.value(3).toString();
        e.ruleId = q.value(4).toString();
        const QString pair = e.ticketId + QLatin1Char('/') + e.ruleId;
        if (pairs.contains(pair))
            continue;
        pairs.insert(pair);
        EscalationRule rule;
        rule.nameZh = q.value(5).toString();
        rule.nameEn = q.value(6).toString();
        e.ruleName = rule.name(chinese);
        if (!EscalationRule::actionFromCode(q.value(7).toString(), &e.action))
            continue;
        e.firedAt = q.value(8).toLongLong();
        e.fromPriority = q.value(9).toInt();
        e.toPriority = q.value(10).toInt();
        e.notifiedRole = q.value(11).toString();
        e.detail = q.value(12).toString();
        e.seen = q.value(13).toInt() != 0;
        out << e;
    }
    return out;
}

Result<QVector<Escalation>> EscalationService::pendingFor(const Session& session) const
{
    return listPending(session, std::nullopt);
}

Result<QVector<Escalation>> EscalationService::notifications(const Session& session, qint64 sinceMs) const
{
    return listPending(session, sinceMs);
}

Result<int> EscalationService::unseenCount(const Session& session) const
{
    const auto pending = listPending(session, std::nullopt);
    if (!pending)
        return pending.error();
    return int(std::count_if(pending.value().cbegin(), pending.value().cend(),
                             [](const Escalation& e) { return !e.seen; }));
}

Status EscalationService::markSeen(const Session& session, const QStringList& escalationIds) const
{
    const QString who = session.agentId.isEmpty() ? session.login : session.agentId;
    if (who.isEmpty() || escalationIds.isEmpty())
        return Status::success();
    QSqlDatabase db = m_store->connection();
    if (!db.transaction())
        return Error{tr("Cannot mark the notifications seen: %1").arg(db.lastError().text()), QStringLiteral("io")};
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO escalation_seen (agent_id, escalation_id, seen_at) VALUES (?, ?, ?)"));
    for (const QString& id : escalationIds) {
        q.addBindValue(who);
        q.addBindValue(id);
        q.addBindValue(m_clock.nowMs());
        if (!q.exec()) {
            const QString message = q.lastError().text();
            db.rollback();
            return Error{tr("Cannot mark the notifications seen: %1").arg(message), QStringLiteral("io")};
        }
    }
    if (!db.commit()) {
        const QString message = db.lastError().text();
        db.rollback();
        return Error{tr("Cannot mark the notifications seen: %1").arg(message), QStringLiteral("io")};
    }
    return Status::success();
}

Status EscalationService::acknowledge(const QString& escalationId, const QString& note, const Session& session) const
{
    if (!session.can(Permission::ManageQueues))
        return Error{tr("Only supervisors and administrators acknowledge escalations."), QStringLiteral("forbidden")};
    if (note.size() > 4000)
        return Error{tr("The note is too long (%1 characters; at most %2).").arg(note.size()).arg(4000),
                     QStringLiteral("invalid")};
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT e.ticket_id, e.rule_id, r.name_zh, r.name_en, t.ticket_no, "
        "EXISTS (SELECT 1 FROM ticket_escalation_ack a JOIN ticket_escalation x ON x.id = a.escalation_id "
        "        WHERE a.deleted_at IS NULL AND x.ticket_id = e.ticket_id AND x.rule_id = e.rule_id) "
        "FROM ticket_escalation e LEFT JOIN escalation_rule r ON r.id = e.rule_id "
        "LEFT JOIN ticket t ON t.id = e.ticket_id WHERE e.id = ? AND e.deleted_at IS NULL"));
    q.addBindValue(escalationId);
    if (!q.exec())
        return ioError(tr("Cannot read the escalation: %1"), q);
    if (!q.next())
        return Error{tr("The escalation does not exist."), QStringLiteral("not_found")};
    const QString ticketId = q.value(0).toString();
    EscalationRule rule;
    rule.nameZh = q.value(2).toString();
    rule.nameEn = q.value(3).toString();
    const QString ticketNo = q.value(4).toString();
    if (q.value(5).toInt() != 0)
        return Error{tr("The escalation of ticket %1 has been acknowledged already.").arg(ticketNo),
                     QStringLiteral("invalid")};
    q.finish();

    const qint64 now = m_clock.nowMs();
    Change ack;
    ack.op = Change::Op::Insert;
    ack.table = QStringLiteral("ticket_escalation_ack");
    ack.id = derivedId(escalationId, QStringLiteral("ack"));
    ack.fields.insert(QStringLiteral("escalation_id"), escalationId);
    ack.fields.insert(QStringLiteral("ticket_id"), ticketId);
    ack.fields.insert(QStringLiteral("agent_id"), orNull(session.agentId));
    ack.fields.insert(QStringLiteral("at"), now);
    ack.fields.insert(QStringLiteral("note"), note);

    const QString who = session.displayName.isEmpty() ? session.login : session.displayName;
    const QString ruleName = rule.name(Workflow::chineseUi());
    const Change event = ticketEventChange(
        ticketId, QStringLiteral("comment"), now, session.agentId,
        note.isEmpty() ? tr("Escalation \"%1\" acknowledged by %2.").arg(ruleName, who)
                       : tr("Escalation \"%1\" acknowledged by %2: %3").arg(ruleName, who, note));
    return ChangeWriter(m_store, m_clock).apply(QVector<Change>{ack, event});
}

} // namespace telcodesk
