#pragma once

#include <QChar>
#include <QStringView>

namespace telcodesk {

/// True for text that can be stored here and on the server: valid UTF-16 (no lone surrogates) and no
/// NUL, which PostgreSQL text cannot hold. The one rule every write path checks text against.
inline bool isStorableText(QStringView text)
{
    return text.isValidUtf16() && !text.contains(QChar(0));
}

} // namespace telcodesk
