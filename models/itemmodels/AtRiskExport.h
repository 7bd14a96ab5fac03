#pragma once

#include "common/Result.h"
#include "scoring/RetentionConfig.h"
#include "services/RetentionService.h"

#include <QCoreApplication>
#include <QString>

class QIODevice;

namespace telcodesk {

/// The supervisors' at-risk list as a CSV file for a spreadsheet or a call campaign: every customer the
/// filter matches (not only the rows read so far), in the list's order, with the columns of the list in
/// the UI language and all of each customer's reasons in words. UTF-8 with a byte-order mark, so that
/// Excel in a Chinese locale reads the names; CRLF line ends; fields quoted where they must be.
/// Numbers are always masked: a file leaves the application's access control.
class AtRiskExport
{
    Q_DECLARE_TR_FUNCTIONS(AtRiskExport)

public:
    /// Writes to path through a QSaveFile: the file appears whole or not at all (an existing file is left
    /// as it was when anything fails). Returns the number of customers written.
    static Result<int> toFile(const RetentionService& service, const AtRiskFilter& filter,
                              const RetentionConfig& config, const QString& path);
    /// The same into an open device, beginning with the byte-order mark.
    static Result<int> write(const RetentionService& service, AtRiskFilter filter, const RetentionConfig& config,
                             QIODevice& out);
    /// One CSV field: quoted when it holds a comma, a quote, a line break or leading/trailing spaces.
    static QString field(const QString& text);
};

} // namespace telcodesk
