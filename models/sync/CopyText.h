#pragma once

#include <QByteArray>

namespace telcodesk {

/// PostgreSQL's COPY text format: one field's bytes with its backslash escapes resolved (\t, \n, \r,
/// \b, \f, \v, and a backslash before any other byte stands for that byte). The caller has already
/// told "\N" (NULL) apart. Appends to out, which it does not clear.
inline void appendCopyField(const char* begin, const char* end, QByteArray& out)
{
    for (const char* c = begin; c < end; ++c) {
        if (*c != '\\' || c + 1 >= end) {
            out.append(*c);
            continue;
        }
        ++c;
        switch (*c) {
        case 't': out.append('\t'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'v': out.append('\v'); break;
        default: out.append(*c); break;
        }
    }
}

} // namespace telcodesk
