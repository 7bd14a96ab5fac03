#include "common/Uuid.h"

#include <QDateTime>
#include <QMutex>
#include <QRandomGenerator>

namespace telcodesk {

namespace {

QString format(const quint8 (&b)[16])
{
    static const char hex[] = "0123456789abcdef";
    QString out(36, Qt::Uninitialized);
    QChar* p = out.data();
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = QLatin1Char('-');
        *p++ = QLatin1Char(hex[b[i] >> 4]);
        *p++ = QLatin1Char(hex[b[i] & 0xf]);
    }
    return out;
}

void fill(quint8 (&b)[16], quint64 unixMs, quint64 r1, quint64 r2)
{
    for (int i = 0; i < 6; ++i)
        b[i] = quint8(unixMs >> (40 - 8 * i));
    b[6] = quint8(0x70 | (r1 & 0x0f)); // version 7
    b[7] = quint8(r1 >> 8);
    b[8] = quint8(0x80 | ((r1 >> 16) & 0x3f)); // variant 10
    for (int i = 9; i < 16; ++i)
        b[i] = quint8(r2 >> (8 * (i - 9)));
}

} // namespace

QString UuidV7::create()
{
    // Monotonic within the process: a clock that stands still or steps back never yields an id that
    // sorts before the previous one.
    static QMutex mutex;
    static quint64 last = 0;
    quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    {
        QMutexLocker lock(&mutex);
        if (ms <= last)
            ms = last + 1;
        last = ms;
    }
    quint8 b[16];
    fill(b, ms, QRandomGenerator::system()->generate64(), QRandomGenerator::system()->generate64());
    return format(b);
}

QString UuidV7::fromParts(quint64 unixMs, std::mt19937_64& random)
{
    quint8 b[16];
    const quint64 r1 = random();
    const quint64 r2 = random();
    fill(b, unixMs, r1, r2);
    return format(b);
}

bool UuidV7::isValid(const QString& text)
{
    if (text.size() != 36)
        return false;
    for (int i = 0; i < 36; ++i) {
        const QChar c = text.at(i);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != QLatin1Char('-'))
                return false;
        } else if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9'))
                       || (c >= QLatin1Char('a') && c <= QLatin1Char('f')))) {
            return false;
        }
    }
    return true;
}

} // namespace telcodesk
