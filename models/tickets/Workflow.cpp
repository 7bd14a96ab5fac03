#include "tickets/Workflow.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

namespace telcodesk {

QString WorkflowState::label(bool chinese) const
{
    const QString& preferred = chinese ? labelZh : labelEn;
    if (!preferred.isEmpty())
        return preferred;
    const QString& other = chinese ? labelEn : labelZh;
    return other.isEmpty() ? status : other;
}

QString WorkflowTransition::action(bool chinese) const
{
    const QString& preferred = chinese ? actionZh : actionEn;
    if (!preferred.isEmpty())
        return preferred;
    const QString& other = chinese ? actionEn : actionZh;
    return other.isEmpty() ? toStatus : other;
}

QString Workflow::categoryCode(WorkflowCategory category)
{
    switch (category) {
    case WorkflowCategory::Open: return QStringLiteral("open");
    case WorkflowCategory::Waiting: return QStringLiteral("waiting");
    case WorkflowCategory::Resolved: return QStringLiteral("resolved");
    case WorkflowCategory::Closed: return QStringLiteral("closed");
    }
    return QString();
}

bool Workflow::categoryFromCode(const QString& code, WorkflowCategory* out)
{
    for (WorkflowCategory c : {WorkflowCategory::Open, WorkflowCategory::Waiting, WorkflowCategory::Resolved,
                               WorkflowCategory::Closed}) {
        if (categoryCode(c) == code) {
            if (out)
                *out = c;
            return true;
        }
    }
    return false;
}

QString Workflow::requirementCode(WorkflowRequirement requirement)
{
    switch (requirement) {
    case WorkflowRequirement::None: return QString();
    case WorkflowRequirement::Resolution: return QStringLiteral("resolution");
    case WorkflowRequirement::Csat: return QStringLiteral("csat");
    case WorkflowRequirement::Reason: return QStringLiteral("reason");
    }
    return QString();
}

bool Workflow::requirementFromCode(const QString& code, WorkflowRequirement* out)
{
    for (WorkflowRequirement r : {WorkflowRequirement::None, WorkflowRequirement::Resolution, WorkflowRequirement::Csat,
                                  WorkflowRequirement::Reason}) {
        if (requirementCode(r) == code) {
            if (out)
                *out = r;
            return true;
        }
    }
    return false;
}

bool Workflow::chineseUi()
{
    return QLocale().language() == QLocale::Chinese;
}

Result<Workflow> Workflow::load(QSqlDatabase db)
{
    Workflow wf;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT id, kind, status, label_zh, label_en, category, ordinal, pauses_sla "
                               "FROM workflow_state WHERE deleted_at IS NULL ORDER BY kind, ordinal, status")))
        return Error{QCoreApplication::translate("Workflow", "Cannot read the ticket workflow: %1").arg(q.lastError().text()),
                     QStringLiteral("io")};
    while (q.next()) {
        WorkflowState s;
        s.id = q.value(0).toString();
        s.kind = q.value(1).toString();
        s.status = q.value(2).toString();
        s.labelZh = q.value(3).toString();
        s.labelEn = q.value(4).toString();
        if (!categoryFromCode(q.value(5).toString(), &s.category))
            continue;
        s.ordinal = q.value(6).toInt();
        s.pausesSla = q.value(7).toInt() != 0;
        wf.m_states.push_back(std::move(s));
    }
    if (!q.exec(QStringLiteral("SELECT id, kind, from_status, to_status, action_zh, action_en, min_role, requires, "
                               "reopen_within_days FROM workflow_transition WHERE deleted_at IS NULL")))
        return Error{QCoreApplication::translate("Workflow", "Cannot read the ticket workflow: %1").arg(q.lastError().text()),
                     QStringLiteral("io")};
    while (q.next()) {
        WorkflowTransition t;
        t.id = q.value(0).toString();
        t.kind = q.value(1).toString();
        t.fromStatus = q.value(2).toString();
        t.toStatus = q.value(3).toString();
        t.actionZh = q.value(4).toString();
        t.actionEn = q.value(5).toString();
        if (!roleFromCode(q.value(6).toString(), &t.minRole))
            continue;
        if (!requirementFromCode(q.value(7).toString(), &t.requirement))
            continue;
        if (!q.value(8).isNull())
            t.reopenWithinDays = q.value(8).toInt();
        wf.m_transitions.push_back(std::move(t));
    }
    std::stable_sort(wf.m_transitions.begin(), wf.m_transitions.end(),
                     [&wf](const WorkflowTransition& a, const WorkflowTransition& b) {
                         if (a.kind != b.kind)
                             return a.kind < b.kind;
                         if (a.fromStatus != b.fromStatus)
                             return wf.ordinalOf(a.kind, a.fromStatus) < wf.ordinalOf(b.kind, b.fromStatus);
                         const int ao = wf.ordinalOf(a.kind, a.toStatus), bo = wf.ordinalOf(b.kind, b.toStatus);
                         return ao != bo ? ao < bo : a.toStatus < b.toStatus;
                     });
    return wf;
}

int Workflow::ordinalOf(const QString& kind, const QString& status) const
{
    for (const WorkflowState& s : m_states) {
        if (s.kind == kind && s.status == status)
            return s.ordinal;
    }
    return std::numeric_limits<int>::max();
}

QStringList Workflow::kinds() const
{
    static const QStringList known{QStringLiteral("complaint"), QStringLiteral("fault"), QStringLiteral("inquiry"),
                                   QStringLiteral("suggestion")};
    QStringList out;
    for (const QString& k : known) {
        if (std::any_of(m_states.cbegin(), m_states.cend(), [&k](const WorkflowState& s) { return s.kind == k; }))
            out << k;
    }
    for (const WorkflowState& s : m_states) {
        if (!out.contains(s.kind))
            out << s.kind;
    }
    return out;
}

QVector<WorkflowState> Workflow::states(const QString& kind) const
{
    QVector<WorkflowState> out;
    for (const WorkflowState& s : m_states) {
        if (s.kind == kind)
            out << s;
    }
    return out;
}

std::optional<WorkflowState> Workflow::state(const QString& kind, const QString& status) const
{
    for (const WorkflowState& s : m_states) {
        if (s.kind == kind && s.status == status)
            return s;
    }
    return std::nullopt;
}

QVector<WorkflowTransition> Workflow::transitionsFrom(const QString& kind, const QString& fromStatus) const
{
    QVector<WorkflowTransition> out;
    for (const WorkflowTransition& t : m_transitions) {
        if (t.kind == kind && t.fromStatus == fromStatus)
            out << t;
    }
    return out;
}

QVector<WorkflowTransition> Workflow::transitions(const QString& kind) const
{
    QVector<WorkflowTransition> out;
    for (const WorkflowTransition& t : m_transitions) {
        if (t.kind == kind)
            out << t;
    }
    return out;
}

std::optional<WorkflowTransition> Workflow::transition(const QString& kind, const QString& from, const QString& to) const
{
    for (const WorkflowTransition& t : m_transitions) {
        if (t.kind == kind && t.fromStatus == from && t.toStatus == to)
            return t;
    }
    return std::nullopt;
}

QString Workflow::label(const QString& kind, const QString& status, bool chinese) const
{
    const auto s = state(kind, status);
    return s ? s->label(chinese) : status;
}

} // namespace telcodesk
