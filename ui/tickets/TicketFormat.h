#pragma once

#include <QCoreApplication>
#include <QString>

namespace telcodesk {

/// Words for the ticket views that are not stored codes (those are Labels'): working time left on an
/// SLA clock.
class TicketFormat
{
    Q_DECLARE_TR_FUNCTIONS(TicketFormat)

public:
    /// Working time as a person reads it: "2 h 05 min", "3 d 4 h", "45 min", "< 1 min".
    static QString duration(qint64 ms);
    /// "2 h 05 min left" or "overdue by 15 min".
    static QString remaining(qint64 remainingMs);
};

} // namespace telcodesk
