#pragma once

#include <QtGlobal>

#include <random>

namespace telcodesk::demo {

/// A UUID in its canonical 36-character text form, without a terminating NUL (bound with its length).
struct RowId
{
    char text[36];
};

/// Deterministic UUID version 7 ids for generated rows: a synthetic millisecond clock that advances by one
/// per id, and random bits from a seeded engine. The bytes are exactly those of
/// UuidV7::fromParts(ms, engine) for the same clock value and engine state; this path only avoids the
/// QString per id, which matters at tens of millions of rows. Every id sorts after the previous one, so
/// each table receives its keys in increasing order and its B-tree is only ever appended to.
class SyntheticIdSource
{
public:
    SyntheticIdSource(quint64 firstMs, quint64 seed) : m_ms(firstMs), m_random(seed) {}

    RowId next()
    {
        RowId id;
        const quint64 r1 = m_random();
        const quint64 r2 = m_random();
        format(m_ms++, r1, r2, id.text);
        return id;
    }

    quint64 nextMs() const { return m_ms; }

    /// The UUIDv7 layout of UuidV7::fromParts: 48-bit time, version 7 with 12 bits of r1, variant 10 with
    /// 14 more bits of r1, then 56 bits of r2.
    static void format(quint64 unixMs, quint64 r1, quint64 r2, char* out)
    {
        quint8 b[16];
        for (int i = 0; i < 6; ++i)
            b[i] = quint8(unixMs >> (40 - 8 * i));
        b[6] = quint8(0x70 | (r1 & 0x0f));
        b[7] = quint8(r1 >> 8);
        b[8] = quint8(0x80 | ((r1 >> 16) & 0x3f));
        for (int i = 9; i < 16; ++i)
            b[i] = quint8(r2 >> (8 * (i - 9)));
        static const char hex[] = "0123456789abcdef";
        char* p = out;
        for (int i = 0; i < 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10)
                *p++ = '-';
            *p++ = hex[b[i] >> 4];
            *p++ = hex[b[i] & 0xf];
        }
    }

private:
    quint64 m_ms;
    std::mt19937_64 m_random;
};

} // namespace telcodesk::demo
