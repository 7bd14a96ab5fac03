#pragma once

#include <QString>

namespace telcodesk {

enum class Role { Agent, Clerk, Supervisor, Admin };

/// What a role may do. The server's row-level security is the real boundary; this mirrors it to shape
/// the UI and to mask personal data.
enum class Permission {
    ViewCustomers,
    LogInteraction,
    RevealMsisdn,      ///< show a masked mobile number in full (audited)
    RevealIdNumber,    ///< show a masked ID number in full (audited)
    EditCustomer,
    ViewDashboards,
    ManageQueues,
    ApproveOrders,
    Administer,
    TakeTickets,       ///< take an unassigned ticket of a queue one serves, or one's own
    AssignTickets,     ///< assign or reassign anyone's ticket, in bulk or automatically
    EditKnowledge,     ///< write knowledge-base drafts, review, publish and retire articles
    WorkRetention,     ///< work retention tasks: one's own and the retention queue's, record their outcome
    ManageRetention,   ///< see every at-risk customer and task, reassign tasks
};

QString roleCode(Role role);            ///< "agent", "clerk", "supervisor", "admin"
/// Exact, lower-case codes only (as stored in agent.role). On failure *out is left untouched;
/// out may be null to test a code.
bool roleFromCode(const QString& code, Role* out);
bool roleHas(Role role, Permission permission);
/// A stable snake_case name for a permission ("reveal_id_number"), for messages and logs.
QString permissionCode(Permission permission);

/// The signed-in agent.
struct Session
{
    QString agentId;
    QString login;
    QString displayName;
    Role role = Role::Agent;
    QString regionCode;
    QString team;

    bool can(Permission p) const { return roleHas(role, p); }
};

} // namespace telcodesk
