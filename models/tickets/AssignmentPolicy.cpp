#include "tickets/AssignmentPolicy.h"

namespace telcodesk::AssignmentPolicy {

QString skillForQueue(const QString& queue)
{
    const QString q = queue.trimmed().toLower();
    if (q == QLatin1String("complaints"))
        return QStringLiteral("complaint");
    if (q == QLatin1String("general"))
        return QStringLiteral("inquiry");
    if (q == QLatin1String("network"))
        return QStringLiteral("fault");
    return q;
}

QStringList parseSkills(const QString& skills)
{
    QStringList out;
    for (const QString& part : skills.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString skill = part.trimmed().toLower();
        if (!skill.isEmpty())
            out << skill;
    }
    return out;
}

bool servesQueue(const QString& agentSkills, const QString& queue)
{
    const QString skill = skillForQueue(queue);
    return !skill.isEmpty() && parseSkills(agentSkills).contains(skill);
}

int pickRoundRobin(const QVector<AssignmentCandidate>& candidates, const QString& lastAgentId)
{
    int first = -1; // smallest id: where the cycle wraps to
    int next = -1;  // smallest id after the cursor
    for (int i = 0; i < candidates.size(); ++i) {
        const QString& id = candidates.at(i).agentId;
        if (first < 0 || id < candidates.at(first).agentId)
            first = i;
        if (!lastAgentId.isEmpty() && id > lastAgentId && (next < 0 || id < candidates.at(next).agentId))
            next = i;
    }
    if (lastAgentId.isEmpty())
        return first;
    return next >= 0 ? next : first;
}

int pickLeastLoaded(const QVector<AssignmentCandidate>& candidates)
{
    int best = -1;
    for (int i = 0; i < candidates.size(); ++i) {
        const AssignmentCandidate& c = candidates.at(i);
        if (best < 0)
            best = i;
        else {
            const AssignmentCandidate& b = candidates.at(best);
            if (c.openTickets < b.openTickets || (c.openTickets == b.openTickets && c.agentId < b.agentId))
                best = i;
        }
    }
    return best;
}

} // namespace telcodesk::AssignmentPolicy
