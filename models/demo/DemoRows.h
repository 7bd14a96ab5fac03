#pragma once

// Rows of a generated data set as the generator thread hands them to the writer: plain structs of UTF-8
// text and integers, bound to prepared statements without any conversion. Enumerated columns point at
// string literals; a null pointer or an empty optional text is written as SQL NULL.

#include "demo/SyntheticIds.h"

#include <QtGlobal>

#include <string>
#include <vector>

namespace telcodesk::demo {

struct RegionRow
{
    const char* code;
    const char* provinceZh;
    const char* cityZh;
    const char* provinceEn;
    const char* cityEn;
};

struct AgentRow
{
    RowId id;
    std::string login;
    std::string displayName;
    const char* role;
    const char* regionCode;
    const char* team;
    const char* skills;
};

struct PlanRow
{
    RowId id;
    int catalogIndex; ///< into planCatalog()
};

struct CustomerRow
{
    RowId id;
    std::string accountNo;
    std::string name;
    std::string nameNorm;
    std::string nameAlt;     ///< optional
    const char* type = nullptr;
    const char* gender = nullptr;
    std::string birthDate;   ///< optional
    const char* idType = nullptr;
    std::string idNumber;    ///< optional
    const char* regionCode = nullptr;
    const char* city = nullptr;
    std::string address;     ///< optional
    const char* segment = nullptr;
    const char* tier = nullptr;
    std::string tenureStart; ///< optional
    const char* status = "active";
    const RowId* accountManager = nullptr;
    bool consentMarketing = false;
    bool consentDataUse = false;
    std::string tags;
    std::string primaryMsisdn; ///< optional
    bool hasParent = false;
    RowId parentId;
    const char* memberRole = nullptr;
    std::string contactRaw;    ///< optional
    const char* sourceSystem = nullptr;
    qint64 updatedAt = 0;
};

struct SubscriptionRow
{
    RowId id;
    RowId customerId;
    const char* service = nullptr;
    std::string number;
    std::string digits;
    std::string reversed;
    const RowId* planId = nullptr;
    std::string userName;    ///< optional
    std::string startDate;
    std::string contractEnd; ///< optional
    const char* status = "active";
    qint64 updatedAt = 0;
};

struct AddonRow
{
    RowId id;
    RowId subscriptionId;
    const RowId* planId = nullptr;
    std::string startDate;
    std::string endDate; ///< optional
    qint64 updatedAt = 0;
};

struct UsageRow
{
    RowId subscriptionId;
    int month = 0;
    RowId id;
    int voiceMin = 0;
    int dataMb = 0;
    int sms = 0;
    int spendFen = 0;
    int appLogins = 0;
    int roamingMb = 0;
};

struct BillRow
{
    RowId customerId;
    int month = 0;
    RowId id;
    qint64 amountFen = 0;
    std::string dueDate;
    qint64 paidFen = 0;
    qint64 paidAt = 0; ///< 0 = NULL
    const char* payMethod = nullptr;
    const char* status = nullptr;
};

struct InteractionRow
{
    RowId id;
    RowId customerId;
    bool hasSubscription = false;
    RowId subscriptionId;
    const char* channel = nullptr;
    const char* kind = nullptr;
    const char* direction = nullptr;
    qint64 occurredAt = 0;
    const RowId* agentId = nullptr;
    std::string summary;
    bool hasTicket = false;
    RowId ticketId;
};

struct TicketRow
{
    RowId id;
    std::string ticketNo;
    RowId customerId;
    bool hasSubscription = false;
    RowId subscriptionId;
    const char* kind = nullptr;
    int priority = 3;
    const char* status = nullptr;
    const char* queue = nullptr;
    const RowId* assigneeId = nullptr;
    const char* channel = nullptr;
    std::string title;
    std::string description;
    std::string resolution; ///< optional
    int csat = 0;           ///< 0 = NULL
    qint64 createdAt = 0;
    qint64 firstResponseDue = 0;
    qint64 resolutionDue = 0;
    qint64 firstRespondedAt = 0; ///< 0 = NULL
    qint64 resolvedAt = 0;       ///< 0 = NULL
    qint64 closedAt = 0;         ///< 0 = NULL
    qint64 updatedAt = 0;
};

struct TicketEventRow
{
    RowId id;
    RowId ticketId;
    const char* kind = nullptr;
    qint64 at = 0;
    const RowId* agentId = nullptr;
    std::string body; ///< optional
    const char* fromStatus = nullptr;
    const char* toStatus = nullptr;
};

struct NoteRow
{
    RowId id;
    RowId customerId;
    const RowId* authorId = nullptr;
    qint64 createdAt = 0;
    std::string body;
};

struct TruthRow
{
    RowId customerId;
    bool churnPlanted = false;
    int churnMonth = 0; ///< 0 = NULL
    bool duplicate = false;
    RowId duplicateOf;
};

/// The rows of a run of consecutive customers, in the order their tables receive them.
struct Chunk
{
    std::vector<CustomerRow> customers;
    std::vector<SubscriptionRow> subscriptions;
    std::vector<AddonRow> addons;
    std::vector<UsageRow> usage;
    std::vector<BillRow> bills;
    std::vector<InteractionRow> interactions;
    std::vector<TicketRow> tickets;
    std::vector<TicketEventRow> ticketEvents;
    std::vector<NoteRow> notes;
    std::vector<TruthRow> truth;

    void clear()
    {
        customers.clear();
        subscriptions.clear();
        addons.clear();
        usage.clear();
        bills.clear();
        interactions.clear();
        tickets.clear();
        ticketEvents.clear();
        notes.clear();
        truth.clear();
    }
    std::size_t rowCount() const
    {
        return customers.size() + subscriptions.size() + addons.size() + usage.size() + bills.size()
            + interactions.size() + tickets.size() + ticketEvents.size() + notes.size() + truth.size();
    }
};

} // namespace telcodesk::demo
