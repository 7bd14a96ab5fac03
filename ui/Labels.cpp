#include "Labels.h"

#include "domain/Interaction.h"

#include <QHash>

namespace telcodesk {

namespace {

struct Source
{
    const char* text;    ///< source text in the "telcodesk::Labels" context
    const char* comment; ///< disambiguation
};

struct Entry
{
    const char* code;
    Source source;
};

// QT_TRANSLATE_NOOP3 marks the texts for lupdate (the comment tells apart the same English word in
// different domains: an open bill is not an open ticket); Labels::label() translates them at run time.
const Entry kCustomerTypes[] = {
    {"individual", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Individual", "customer type")},
    {"family", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Household", "customer type")},
    {"enterprise", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Enterprise", "customer type")},
};
const Entry kTiers[] = {
    {"standard", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Standard", "customer tier")},
    {"silver", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Silver", "customer tier")},
    {"gold", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Gold", "customer tier")},
    {"platinum", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Platinum", "customer tier")},
    {"diamond", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Diamond", "customer tier")},
};
const Entry kSegments[] = {
    {"mass_market", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Mass market", "customer segment")},
    {"youth", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Youth", "customer segment")},
    {"student", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Student", "customer segment")},
    {"senior", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Senior", "customer segment")},
    {"household", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Household", "customer segment")},
    {"business", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Business", "customer segment")},
    {"sme", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Small business", "customer segment")},
    {"large_enterprise", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Large enterprise", "customer segment")},
    {"government", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Government", "customer segment")},
    {"high_value", QT_TRANSLATE_NOOP3("telcodesk::Labels", "High value", "customer segment")},
    {"key_account", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Key account", "customer segment")},
};
const Entry kTags[] = {
    {"vip", QT_TRANSLATE_NOOP3("telcodesk::Labels", "VIP", "tag on a customer")},
    {"5g", QT_TRANSLATE_NOOP3("telcodesk::Labels", "5G", "tag on a customer")},
    {"broadband", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Broadband", "tag on a customer")},
    {"iptv", QT_TRANSLATE_NOOP3("telcodesk::Labels", "IPTV", "tag on a customer")},
    {"family", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Family", "tag on a customer")},
    {"enterprise", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Enterprise", "tag on a customer")},
    {"roaming", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Roams abroad", "tag on a customer")},
    {"high_data", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Heavy data user", "tag on a customer")},
    {"senior", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Senior", "tag on a customer")},
    {"student", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Student", "tag on a customer")},
    {"foreigner", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Foreign national", "tag on a customer")},
    {"new_customer", QT_TRANSLATE_NOOP3("telcodesk::Labels", "New customer", "tag on a customer")},
    {"long_tenure", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Long-standing customer", "tag on a customer")},
    {"overdue", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Overdue bills", "tag on a customer")},
};
const Entry kCustomerStatuses[] = {
    {"active", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Active", "customer status")},
    {"suspended", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Suspended", "customer status")},
    {"closed", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Closed", "customer status")},
};
const Entry kServices[] = {
    {"mobile", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Mobile", "service of a line")},
    {"broadband", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Broadband", "service of a line")},
    {"fixed", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Fixed line", "service of a line")},
    {"iptv", QT_TRANSLATE_NOOP3("telcodesk::Labels", "IPTV", "service of a line")},
    {"iot", QT_TRANSLATE_NOOP3("telcodesk::Labels", "IoT", "service of a line")},
    {"bundle", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Bundle", "service of a line")},
};
const Entry kSubscriptionStatuses[] = {
    {"active", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Active", "status of a line")},
    {"suspended", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Suspended", "status of a line")},
    {"ported_out", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Ported out", "status of a line")},
    {"closed", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Closed", "status of a line")},
};
const Entry kChannels[] = {
    {"hotline", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Hotline", "contact channel")},
    {"app", QT_TRANSLATE_NOOP3("telcodesk::Labels", "App", "contact channel")},
    {"wechat", QT_TRANSLATE_NOOP3("telcodesk::Labels", "WeChat", "contact channel")},
    {"store", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Store", "contact channel")},
    {"web", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Web", "contact channel")},
    {"sms", QT_TRANSLATE_NOOP3("telcodesk::Labels", "SMS", "contact channel")},
};
const Entry kInteractionKinds[] = {
    {"inquiry", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Inquiry", "kind of interaction")},
    {"billing", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Billing question", "kind of interaction")},
    {"complaint", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Complaint", "kind of interaction")},
    {"fault", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Fault report", "kind of interaction")},
    {"plan_change", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Plan change", "kind of interaction")},
    {"porting_inquiry", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Number porting enquiry", "kind of interaction")},
    {"payment", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Payment", "kind of interaction")},
    {"retention", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Retention", "kind of interaction")},
    {"other", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Other", "kind of interaction")},
    {"activation", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Activation", "kind of interaction")},
    {"app_login", QT_TRANSLATE_NOOP3("telcodesk::Labels", "App login", "kind of interaction")},
    {"outreach", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Outreach", "kind of interaction")},
    {"marketing", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Marketing", "kind of interaction")},
    {"notification", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Notification", "kind of interaction")},
    {"feedback", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Feedback", "kind of interaction")},
    {"order", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Order", "kind of interaction")},
};
const Entry kDirections[] = {
    {"inbound", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Inbound", "direction of an interaction")},
    {"outbound", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Outbound", "direction of an interaction")},
};
const Entry kBillStatuses[] = {
    {"open", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Open", "bill status")},
    {"paid", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Paid", "bill status")},
    {"partial", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Partly paid", "bill status")},
    {"overdue", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Overdue", "bill status")},
};
const Entry kPayMethods[] = {
    {"wechat", QT_TRANSLATE_NOOP3("telcodesk::Labels", "WeChat Pay", "payment method")},
    {"alipay", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Alipay", "payment method")},
    {"bank", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Bank transfer", "payment method")},
    {"autopay", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Direct debit", "payment method")},
    {"cash", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Cash", "payment method")},
    {"store", QT_TRANSLATE_NOOP3("telcodesk::Labels", "In store", "payment method")},
    {"card", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Bank card", "payment method")},
    {"unionpay", QT_TRANSLATE_NOOP3("telcodesk::Labels", "UnionPay", "payment method")},
};
const Entry kTicketKinds[] = {
    {"complaint", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Complaint", "kind of ticket")},
    {"inquiry", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Inquiry", "kind of ticket")},
    {"fault", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Fault", "kind of ticket")},
    {"suggestion", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Suggestion", "kind of ticket")},
};
const Entry kTicketStatuses[] = {
    {"new", QT_TRANSLATE_NOOP3("telcodesk::Labels", "New", "ticket status")},
    {"open", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Open", "ticket status")},
    {"assigned", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Assigned", "ticket status")},
    {"in_progress", QT_TRANSLATE_NOOP3("telcodesk::Labels", "In progress", "ticket status")},
    {"pending", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Pending", "ticket status")},
    {"waiting_customer", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Waiting for customer", "ticket status")},
    {"dispatched", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Dispatched", "ticket status")},
    {"handled", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Handled", "ticket status")},
    {"callback", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Callback", "ticket status")},
    {"escalated", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Escalated", "ticket status")},
    {"on_hold", QT_TRANSLATE_NOOP3("telcodesk::Labels", "On hold", "ticket status")},
    {"resolved", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Resolved", "ticket status")},
    {"closed", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Closed", "ticket status")},
    {"cancelled", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Cancelled", "ticket status")},
    {"reopened", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Reopened", "ticket status")},
};
const Entry kTicketPriorities[] = {
    {"1", QT_TRANSLATE_NOOP3("telcodesk::Labels", "P1 urgent", "ticket priority")},
    {"2", QT_TRANSLATE_NOOP3("telcodesk::Labels", "P2 high", "ticket priority")},
    {"3", QT_TRANSLATE_NOOP3("telcodesk::Labels", "P3 normal", "ticket priority")},
    {"4", QT_TRANSLATE_NOOP3("telcodesk::Labels", "P4 low", "ticket priority")},
};
const Entry kTicketQueues[] = {
    {"network", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Network", "ticket queue")},
    {"broadband", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Broadband", "ticket queue")},
    {"billing", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Billing", "ticket queue")},
    {"complaints", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Complaints", "ticket queue")},
    {"general", QT_TRANSLATE_NOOP3("telcodesk::Labels", "General", "ticket queue")},
    {"porting", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Number porting", "ticket queue")},
    {"vip", QT_TRANSLATE_NOOP3("telcodesk::Labels", "VIP", "ticket queue")},
    {"english", QT_TRANSLATE_NOOP3("telcodesk::Labels", "English service", "ticket queue")},
};
const Entry kMemberRoles[] = {
    {"head", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Head of household", "role of a member in a household or enterprise group")},
    {"spouse", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Spouse", "role of a member in a household or enterprise group")},
    {"child", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Child", "role of a member in a household or enterprise group")},
    {"parent", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Parent", "role of a member in a household or enterprise group")},
    {"employee", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Employee", "role of a member in a household or enterprise group")},
    {"member", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Member", "role of a member in a household or enterprise group")},
    {"manager", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Manager", "role of a member in a household or enterprise group")},
    {"admin", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Administrator", "role of a member in a household or enterprise group")},
};
const Entry kMatchKinds[] = {
    {"name", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Name", "what a search result matched")},
    {"number", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Number", "what a search result matched")},
    {"number_suffix", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Last digits", "what a search result matched")},
    {"id_number", QT_TRANSLATE_NOOP3("telcodesk::Labels", "ID number", "what a search result matched")},
    {"account_no", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Account number", "what a search result matched")},
};
const Entry kRoles[] = {
    {"agent", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Agent", "role of a signed-in agent")},
    {"clerk", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Store clerk", "role of a signed-in agent")},
    {"supervisor", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Supervisor", "role of a signed-in agent")},
    {"admin", QT_TRANSLATE_NOOP3("telcodesk::Labels", "Administrator", "role of a signed-in agent")},
};

template<std::size_t N>
QVector<const Entry*> entriesOf(const Entry (&table)[N])
{
    QVector<const Entry*> out;
    out.reserve(int(N));
    for (const Entry& e : table)
        out.append(&e);
    return out;
}

QVector<const Entry*> tableOf(CodeDomain domain)
{
    switch (domain) {
    case CodeDomain::CustomerType:
        return entriesOf(kCustomerTypes);
    case CodeDomain::Tier:
        return entriesOf(kTiers);
    case CodeDomain::Segment:
        return entriesOf(kSegments);
    case CodeDomain::CustomerStatus:
        return entriesOf(kCustomerStatuses);
    case CodeDomain::Service:
        return entriesOf(kServices);
    case CodeDomain::SubscriptionStatus:
        return entriesOf(kSubscriptionStatuses);
    case CodeDomain::Channel:
        return entriesOf(kChannels);
    case CodeDomain::InteractionKind:
        return entriesOf(kInteractionKinds);
    case CodeDomain::Direction:
        return entriesOf(kDirections);
    case CodeDomain::BillStatus:
        return entriesOf(kBillStatuses);
    case CodeDomain::PayMethod:
        return entriesOf(kPayMethods);
    case CodeDomain::TicketKind:
        return entriesOf(kTicketKinds);
    case CodeDomain::TicketStatus:
        return entriesOf(kTicketStatuses);
    case CodeDomain::TicketPriority:
        return entriesOf(kTicketPriorities);
    case CodeDomain::MemberRole:
        return entriesOf(kMemberRoles);
    case CodeDomain::MatchKind:
        return entriesOf(kMatchKinds);
    case CodeDomain::Tag:
        return entriesOf(kTags);
    case CodeDomain::TicketQueue:
        return entriesOf(kTicketQueues);
    }
    return {};
}

const Source* sourceOf(CodeDomain domain, const QString& code)
{
    // The tables are small (at most a few dozen entries): a linear scan is cheaper than building hashes
    // and runs once per painted cell only for visible rows.
    for (const Entry* e : tableOf(domain)) {
        if (code == QLatin1String(e->code))
            return &e->source;
    }
    return nullptr;
}

} // namespace

QString Labels::label(CodeDomain domain, const QString& code)
{
    if (const Source* source = sourceOf(domain, code))
        return QCoreApplication::translate("telcodesk::Labels", source->text, source->comment);
    return code;
}

CodeLabeler Labels::labeler()
{
    return [](CodeDomain domain, const QString& code) { return label(domain, code); };
}

QStringList Labels::codes(CodeDomain domain)
{
    // The interaction channels and kinds an agent may log are the core's lists, not the label table.
    if (domain == CodeDomain::Channel)
        return Interaction::channels();
    if (domain == CodeDomain::InteractionKind)
        return Interaction::kinds();
    QStringList out;
    for (const Entry* e : tableOf(domain))
        out << QString::fromLatin1(e->code);
    return out;
}

QString Labels::role(const QString& roleCode)
{
    for (const Entry& e : kRoles) {
        if (roleCode == QLatin1String(e.code))
            return QCoreApplication::translate("telcodesk::Labels", e.source.text, e.source.comment);
    }
    return roleCode;
}

} // namespace telcodesk
