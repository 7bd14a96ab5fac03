#include "security/Session.h"

namespace telcodesk {

// Permission matrix. It mirrors the server's grants so that the UI only offers what the server will
// allow; the server's row-level security stays the real boundary.
//
// | permission      | agent | clerk | supervisor | admin |
// |-----------------|:-----:|:-----:|:----------:|:-----:|
// | ViewCustomers   |   x   |   x   |     x      |   x   |
// | LogInteraction  |   x   |   x   |     x      |   x   |
// | RevealMsisdn    |   x   |   x   |     x      |   x   |
// | RevealIdNumber  |       |   x   |     x      |   x   |
// | EditCustomer    |       |   x   |            |   x   |
// | ViewDashboards  |       |       |     x      |   x   |
// | ManageQueues    |       |       |     x      |   x   |
// | ApproveOrders   |       |       |     x      |   x   |
// | Administer      |       |       |            |   x   |
// | TakeTickets     |   x   |       |     x      |   x   |
// | AssignTickets   |       |       |     x      |   x   |
//
// Agents may reveal a number (they call customers back) but not an ID number; clerks verify identity
// at the counter, so they reveal ID numbers and edit the customer record; supervisors oversee and
// approve but do not edit identity data. Nobody sees an unmasked value by default: every Reveal is one
// value at a time, through RevealService, and audited. Clerks serve the counter, not the ticket queue:
// they do not take tickets; only supervisors and admins hand a ticket to someone else.

QString roleCode(Role role)
{
    switch (role) {
    case Role::Agent:
        return QStringLiteral("agent");
    case Role::Clerk:
        return QStringLiteral("clerk");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return QString();
}

bool roleFromCode(const QString& code, Role* out)
{
    for (Role role : {Role::Agent, Role::Clerk, Role::Supervisor, Role::Admin}) {
        if (code == roleCode(role)) {
            if (out)
                *out = role;
            return true;
        }
    }
    return false;
}

bool roleHas(Role role, Permission permission)
{
    switch (permission) {
    case Permission::ViewCustomers:
    case Permission::LogInteraction:
    case Permission::RevealMsisdn:
        return true;
    case Permission::RevealIdNumber:
        return role == Role::Clerk || role == Role::Supervisor || role == Role::Admin;
    case Permission::EditCustomer:
        return role == Role::Clerk || role == Role::Admin;
    case Permission::ViewDashboards:
    case Permission::ManageQueues:
    case Permission::ApproveOrders:
        return role == Role::Supervisor || role == Role::Admin;
    case Permission::Administer:
        return role == Role::Admin;
    case Permission::TakeTickets:
        return role == Role::Agent || role == Role::Supervisor || role == Role::Admin;
    case Permission::AssignTickets:
    case Permission::EditKnowledge:
    case Permission::ManageRetention:
        return role == Role::Supervisor || role == Role::Admin;
    case Permission::WorkRetention:
        return true;
    }
    return false;
}

QString permissionCode(Permission permission)
{
    switch (permission) {
    case Permission::ViewCustomers:
        return QStringLiteral("view_customers");
    case Permission::LogInteraction:
        return QStringLiteral("log_interaction");
    case Permission::RevealMsisdn:
        return QStringLiteral("reveal_msisdn");
    case Permission::RevealIdNumber:
        return QStringLiteral("reveal_id_number");
    case Permission::EditCustomer:
        return QStringLiteral("edit_customer");
    case Permission::ViewDashboards:
        return QStringLiteral("view_dashboards");
    case Permission::ManageQueues:
        return QStringLiteral("manage_queues");
    case Permission::ApproveOrders:
        return QStringLiteral("approve_orders");
    case Permission::Administer:
        return QStringLiteral("administer");
    case Permission::TakeTickets:
        return QStringLiteral("take_tickets");
    case Permission::AssignTickets:
        return QStringLiteral("assign_tickets");
    case Permission::EditKnowledge:
        return QStringLiteral("edit_knowledge");
    case Permission::WorkRetention:
        return QStringLiteral("work_retention");
    case Permission::ManageRetention:
        return QStringLiteral("manage_retention");
    }
    return QString();
}

} // namespace telcodesk
