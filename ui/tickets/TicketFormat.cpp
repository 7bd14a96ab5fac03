#include "tickets/TicketFormat.h"

#include <cstdlib>

namespace telcodesk {

QString TicketFormat::duration(qint64 ms)
{
    const qint64 minutes = std::llabs(ms) / 60000;
    if (minutes < 1)
        return tr("< 1 min");
    const qint64 days = minutes / (24 * 60);
    const qint64 hours = (minutes / 60) % 24;
    const qint64 mins = minutes % 60;
    if (days > 0)
        //: Working time; %1 days, %2 hours
        return tr("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0)
        //: Working time; %1 hours, %2 minutes (two digits)
        return tr("%1 h %2 min").arg(hours).arg(mins, 2, 10, QLatin1Char('0'));
    return tr("%1 min").arg(mins);
}

QString TicketFormat::remaining(qint64 remainingMs)
{
    if (remainingMs < 0)
        //: An SLA clock past its target; %1 is a duration such as "15 min"
        return tr("overdue by %1").arg(duration(remainingMs));
    //: Working time left on an SLA clock; %1 is a duration such as "2 h 05 min"
    return tr("%1 left").arg(duration(remainingMs));
}

} // namespace telcodesk
