#pragma once

#include <QDateTime>

namespace telcodesk {

/// The source of "now". Services take a Clock so that tests can use a fake one.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
    qint64 nowMs() const { return nowUtc().toMSecsSinceEpoch(); }

    /// The process-wide system clock.
    static const Clock& system();
};

class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace telcodesk
