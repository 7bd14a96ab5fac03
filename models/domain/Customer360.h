#pragma once

#include "domain/Billing.h"
#include "domain/Customer.h"
#include "domain/Interaction.h"
#include "domain/Subscription.h"

#include <QVector>

namespace telcodesk {

/// Everything the 360° panel shows for one customer, loaded in one go.
struct Customer360
{
    Customer customer;
    QString regionName;          ///< province and city in Chinese ("广东省 深圳市")
    QString regionNameEn;        ///< the same in English ("Guangdong Shenzhen")
    QString accountManagerName;
    QVector<Subscription> subscriptions;
    QVector<UsageMonth> usage;   ///< the last 12 months, all subscriptions, ordered by month
    QVector<Bill> bills;         ///< newest first, last 24 months
    QVector<Interaction> interactions; ///< newest first
    QVector<Ticket> tickets;     ///< open ones first, then newest first
    QVector<Customer> members;   ///< household or enterprise members (customers whose parent is this one)
    Customer group;              ///< the household or enterprise this customer belongs to, if any
    QVector<CustomerNote> notes; ///< newest first
    QVector<QString> possibleDuplicates; ///< ids of other records sharing this customer's ID number or number
};

} // namespace telcodesk
