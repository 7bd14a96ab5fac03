#pragma once

#include <QString>
#include <QtGlobal>

#include <random>

namespace telcodesk {

/// UUID version 7 (RFC 9562): a 48-bit millisecond timestamp followed by random bits. Ids made one
/// after another sort one after another, so rows inserted in creation order append to the B-tree
/// instead of splitting pages all over it.
class UuidV7
{
public:
    /// A new id from the wall clock and the system's random source.
    static QString create();
    /// A deterministic id for generated data: the caller supplies the timestamp and the random source.
    static QString fromParts(quint64 unixMs, std::mt19937_64& random);
    /// True for a canonical lower-case 8-4-4-4-12 UUID string of any version.
    static bool isValid(const QString& text);
};

} // namespace telcodesk
