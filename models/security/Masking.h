#pragma once

#include "security/Session.h"

#include <QString>

namespace telcodesk {

/// Masks personal data for display. Every role sees masked values by default; a role with the matching
/// Reveal permission may reveal one value at a time through RevealService, which audits it.
class Masking
{
public:
    /// "+8613812345678" or "13812345678" -> "138****5678". Other numbers keep their first three and
    /// last four characters. Short values (fewer than 8 characters) are masked whole.
    static QString msisdn(const QString& number);
    /// "110101199003071234" -> "1101**********1234"; passports and other documents keep the first
    /// two and last two characters. Short values (fewer than 8 characters) are masked whole.
    static QString idNumber(const QString& id);
    /// Keeps the first character ("张伟" -> "张*"). Agents see names in full (they greet the caller by
    /// name); this is for audit rows, which need no more than that.
    static QString name(const QString& name);

    // "Character" means a Unicode code point: a surrogate pair is one character and is never split;
    // each masked character becomes one '*'. Any input, including empty or very long text, is
    // accepted.
};

} // namespace telcodesk
