#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace telcodesk {

/// An agent who could receive a ticket of one queue, with what the pickers need to know.
struct AssignmentCandidate
{
    QString agentId;
    int openTickets = 0; ///< tickets assigned to the agent whose status is in an open or waiting state
};

/// Which agents serve a queue and which of them gets the next ticket. Pure functions over values.
///
/// The rule while no queue catalog exists: a queue needs one skill, and an agent serves the queue when
/// that skill is in its agent.skills (comma separated). Every member of a team shares the team's skills
/// (see the demo's team table), so "the team serves the queue" and "the agent has the skill" are the
/// same test. A queue's skill is its own code, except where the queue's name is not a skill's:
///   complaints -> complaint, general -> inquiry, network -> fault.
/// Whether the agent's role takes tickets at all (clerks do not) is the Permission matrix's business,
/// not this one's.
namespace AssignmentPolicy {

QString skillForQueue(const QString& queue);
/// Skills as agent.skills stores them: "billing,fault, broadband" -> {billing, fault, broadband}.
QStringList parseSkills(const QString& skills);
bool servesQueue(const QString& agentSkills, const QString& queue);

/// Round robin: candidates ordered by agent id; the next after lastAgentId (the queue's cursor: the
/// last agent who received one), wrapping to the first. An empty cursor, or one naming an agent no
/// longer among the candidates, continues from where that id would sort. Returns the index in
/// `candidates` (any order), or -1 when there are none.
int pickRoundRobin(const QVector<AssignmentCandidate>& candidates, const QString& lastAgentId);

/// Least loaded: fewest open tickets; a tie goes to the smallest agent id, so the choice never depends
/// on the order of the list. Returns the index in `candidates`, or -1 when there are none.
int pickLeastLoaded(const QVector<AssignmentCandidate>& candidates);

} // namespace AssignmentPolicy

} // namespace telcodesk
