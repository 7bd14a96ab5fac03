#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <QVector>

namespace telcodesk {

/// A customer as the cache holds it. Enumerated fields keep their stored codes
/// (type "individual"/"family"/"enterprise", tier "standard".."diamond"); the UI translates them.
struct Customer
{
    QString id;
    QString accountNo;
    QString name;
    QString type;
    QString gender;
    QDate birthDate;
    QString idType;
    QString idNumber;
    QString regionCode;
    QString city;
    QString address;
    QString segment;
    QString tier;
    QDate tenureStart;
    QString status;
    QString accountManagerId;
    bool consentMarketing = false;
    bool consentDataUse = false;
    QStringList tags;
    QString primaryMsisdn; ///< E.164
    QString parentId;
    QString memberRole;
    QString sourceSystem;
    qint64 rowVersion = 0;
};

/// One row of a customer search result.
struct CustomerHit
{
    enum class Match { Name, Number, NumberSuffix, IdNumber, AccountNo };
    QString customerId;
    QString name;
    QString type;
    QString tier;
    QString city;          ///< as recorded (Chinese)
    QString cityEn;        ///< the region's English name, when the region is known
    QString primaryMsisdn; ///< E.164
    QString matchedNumber; ///< the line that matched, E.164, for number searches
    QString idNumber;
    QString accountNo;
    Match match = Match::Name;
};

} // namespace telcodesk
