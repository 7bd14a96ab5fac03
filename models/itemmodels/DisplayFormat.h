#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace telcodesk {

/// How the item models write numbers, money and times. One place, so that every table agrees.
namespace DisplayFormat {

/// 123456 fen -> "¥1,234.56".
QString yuan(qint64 fen);
/// The value in yuan as a number (for charts and sorting).
inline double yuanValue(qint64 fen) { return static_cast<double>(fen) / 100.0; }
/// A UTC time shown in the agent's time zone: "2026-11-02 17:30".
QString dateTime(const QDateTime& utc);
/// "2026-11-02"; empty for an invalid date.
QString date(const QDate& date);
/// yyyymm -> "2026-11".
QString month(int yyyymm);
/// Megabytes as gigabytes with one decimal: 1536 -> "1.5".
double gigabytes(qint64 mb);
/// A number written for people: "13812345678" (mainland mobile, E.164 stripped of +86) or the number
/// as stored for other services.
QString phoneNumber(const QString& number);

} // namespace DisplayFormat

} // namespace telcodesk
