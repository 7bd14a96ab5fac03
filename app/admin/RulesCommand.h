#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace telcodesk::admin {

/// `telcodesk-admin rules`: the retention rules document (risk bands, rules, RFM segments, tags, task settings)
/// a cache uses — show it, check a file, or save a file as the cache's local rules.
class RulesCli
{
    Q_DECLARE_TR_FUNCTIONS(RulesCli)

public:
    /// `rules [--data-dir DIR] [--show | --check FILE | --set FILE]`. --show (the default) prints the document
    /// in use as JSON on stdout and where it came from on stderr; --check prints the first error, naming its
    /// place; --set checks and saves. Exit 0, 1 (invalid document or store error), 2 (bad arguments).
    static int run(const QStringList& args);
};

} // namespace telcodesk::admin
