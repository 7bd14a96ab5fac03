#include "common/Clock.h"

namespace telcodesk {

const Clock& Clock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace telcodesk
