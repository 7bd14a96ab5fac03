#pragma once

namespace telcodesk {

/// Named places where a test may have the process killed (SIGKILL) to prove crash safety, e.g.
/// "sync.before_send", "sync.after_server_commit", "sync.mid_page". Armed only by the environment
/// variable TELCODESK_FAULT=<name> (read once); unarmed, hit() is one comparison.
class FaultPoint
{
public:
    static void hit(const char* name);
    /// The armed name, or nullptr.
    static const char* armed();
};

} // namespace telcodesk
