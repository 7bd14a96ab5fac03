#pragma once

#include "common/Result.h"
#include "security/Session.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace telcodesk {

/// What a workflow state means for the clocks and the queue.
enum class WorkflowCategory { Open, Waiting, Resolved, Closed };

/// What an agent must give to take a step.
enum class WorkflowRequirement { None, Resolution, Csat, Reason };

/// One row of workflow_state: a status a ticket of one kind may be in.
struct WorkflowState
{
    QString id;
    QString kind;
    QString status;
    QString labelZh;
    QString labelEn;
    WorkflowCategory category = WorkflowCategory::Open;
    int ordinal = 0;
    bool pausesSla = false;

    /// The label in the UI's language (Chinese or English); the status code when the row has none.
    QString label(bool chinese) const;
};

/// One row of workflow_transition: a step from one status to another.
struct WorkflowTransition
{
    QString id;
    QString kind;
    QString fromStatus;
    QString toStatus;
    QString actionZh;
    QString actionEn;
    Role minRole = Role::Agent;
    WorkflowRequirement requirement = WorkflowRequirement::None;
    /// For a step out of a closed state: how many days after closing it stays possible.
    std::optional<int> reopenWithinDays;

    QString action(bool chinese) const;
    bool allowsRole(Role role) const { return static_cast<int>(role) >= static_cast<int>(minRole); }
};

/// The ticket workflow per kind as the two catalog tables hold it (defaults from local migration 5,
/// replaced by what the server sends). A value: load it again after a pull to see changes.
class Workflow
{
public:
    /// Reads the live (not deleted) rows. Rows with a category, role or requirement this version does
    /// not know are skipped: a newer server may add them, and guessing their meaning would be worse.
    static Result<Workflow> load(QSqlDatabase db);

    bool isEmpty() const { return m_states.isEmpty(); }
    /// Kinds that have states, in a fixed order (complaint, fault, inquiry, suggestion, then others).
    QStringList kinds() const;
    /// The states of a kind, by ordinal.
    QVector<WorkflowState> states(const QString& kind) const;
    std::optional<WorkflowState> state(const QString& kind, const QString& status) const;
    /// Steps out of a status, ordered by the target state's ordinal.
    QVector<WorkflowTransition> transitionsFrom(const QString& kind, const QString& fromStatus) const;
    QVector<WorkflowTransition> transitions(const QString& kind) const;
    std::optional<WorkflowTransition> transition(const QString& kind, const QString& from, const QString& to) const;
    /// A status's label in the UI's language; the code itself when the kind has no such state.
    QString label(const QString& kind, const QString& status, bool chinese) const;

    /// True when the application's locale is Chinese: labels from the catalog come in both languages.
    static bool chineseUi();

    static QString categoryCode(WorkflowCategory category);
    static bool categoryFromCode(const QString& code, WorkflowCategory* out);
    static QString requirementCode(WorkflowRequirement requirement);
    static bool requirementFromCode(const QString& code, WorkflowRequirement* out);

private:
    int ordinalOf(const QString& kind, const QString& status) const;

    QVector<WorkflowState> m_states;           // by kind, ordinal
    QVector<WorkflowTransition> m_transitions; // by kind, from, target ordinal
};

} // namespace telcodesk
