#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace telcodesk {

/// Usage of one subscription in one month. month is yyyymm.
struct UsageMonth
{
    QString subscriptionId;
    int month = 0;
    qint64 voiceMin = 0;
    qint64 dataMb = 0;
    qint64 sms = 0;
    qint64 spendFen = 0;
    int appLogins = 0;
    qint64 roamingMb = 0;
};

/// A monthly bill of a customer account, with the payment that settled it.
struct Bill
{
    QString id;
    QString customerId;
    int month = 0;
    qint64 amountFen = 0;
    QDate dueDate;
    qint64 paidFen = 0;
    QDateTime paidAt; ///< UTC; invalid while unpaid
    QString payMethod;
    QString status;   ///< open, paid, partial, overdue
    bool isOverdue() const { return status == QLatin1String("overdue"); }
};

/// yyyymm helpers.
inline int monthKey(const QDate& d) { return d.year() * 100 + d.month(); }
inline QDate monthStart(int key) { return QDate(key / 100, key % 100, 1); }

} // namespace telcodesk
