#include "common/FaultPoint.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <cstdio>

namespace telcodesk {

const char* FaultPoint::armed()
{
    static const char* const name = [] {
        const char* value = std::getenv("TELCODESK_FAULT");
        return value && *value ? value : nullptr;
    }();
    return name;
}

void FaultPoint::hit(const char* name)
{
    const char* target = armed();
    if (!target || std::strcmp(target, name) != 0)
        return;
    std::fprintf(stderr, "telcodesk: fault point %s reached: killing the process\n", name);
    std::fflush(stderr);
    std::raise(SIGKILL);
}

} // namespace telcodesk
