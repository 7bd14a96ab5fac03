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
    bool isOpen() const
    {
        return status != QLatin1String("closed") && status != QLatin1String("resolved")
            && status != QLatin1String("cancelled");
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
