#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace telcodesk {

struct Plan
{
    QString id;
    QString code;
    QString nameZh;
    QString nameEn;
    QString service;  ///< mobile, broadband, fixed, iptv, iot, bundle
    QString kind;     ///< base, addon
    qint64 monthlyFeeFen = 0;
    qint64 dataMb = 0;
    qint64 voiceMin = 0;
    qint64 sms = 0;
    int speedMbps = 0;
    int contractMonths = 0;
    QString lifecycle;
};

/// A line or service of a customer, with its plan and add-ons resolved.
struct Subscription
{
    QString id;
    QString customerId;
    QString service; ///< mobile, broadband, fixed, iptv, iot
    QString number;  ///< mobile: E.164; others: the service account number
    QString userName;
    QDate startDate;
    QDate contractEnd;
    QString status;
    Plan plan;
    QVector<Plan> addons;
};

} // namespace telcodesk
