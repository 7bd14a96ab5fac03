#pragma once

#include <QDateTime>
#include <QString>

namespace telcodesk {

/// A contact with the customer on any channel. Append-only.
struct Interaction
{
    QString id;
    QString customerId;
    QString subscriptionId;
    QString channel;   ///< hotline, app, wechat, store, web, sms
    QString kind;      ///< inquiry, complaint, billing, fault, plan_change, porting_inquiry, ...
    QString direction; ///< inbound, outbound
    QDateTime occurredAt; ///< UTC
    QString agentId;
    QString agentName;
    QString summary;
    QString ticketId;

    static QStringList channels();
    static QStringList kinds();
};

struct Ticket
{
    QString id;
    QString ticketNo;
    QString customerId;
    QString subscriptionId;
    QString kind;     ///< complaint, inquiry, fault, suggestion
    int priority = 3; ///< 1 (highest) .. 4
    QString status;
    QString queue;
    QString assigneeId;
    QString channel;
    QString title;
    QString description;
    QString resolution;
    int csat = 0;     ///< 0 = none
    QDateTime createdAt;
    QDateTime resolutionDue;
    QDateTime resolvedAt;
    QDateTime closedAt;
    /// Not yet resolved or closed. The statuses of the default workflows' "resolved" and "closed"
    /// categories (resources/sql/sqlite/0005_ticket_workflow.sql): a complaint is resolved once handled.
    bool isOpen() const
    {
        for (const char* done : {"resolved", "handled", "callback", "closed", "cancelled"})
            if (status == QLatin1String(done))
                return false;
        return true;
    }
};

struct CustomerNote
{
    QString id;
    QString customerId;
    QString authorId;
    QString authorName;
    QDateTime createdAt;
    QString body;
};

} // namespace telcodesk
