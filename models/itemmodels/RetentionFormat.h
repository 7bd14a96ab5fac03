#pragma once

#include "scoring/RetentionConfig.h"
#include "scoring/ScoringEngine.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace telcodesk {

/// How churn risk and retention tasks are written for people, the same in the header badge, the risk
/// card, the at-risk list and the task lists. Names kept in the retention document (rules, segments,
/// tags) are shown in the UI language; codes it does not know are shown as stored.
class RetentionFormat
{
    Q_DECLARE_TR_FUNCTIONS(RetentionFormat)

public:
    /// "High", "Medium", "Low" for a band code.
    static QString band(const QString& code);
    /// 0.723 -> "72 %" (whole percent; below one percent "<1 %").
    static QString percent(double probability);
    static QString ruleName(const RetentionConfig& config, const QString& code);
    static QString segmentName(const RetentionConfig& config, const QString& code);
    static QString tagName(const RetentionConfig& config, const QString& code);
    /// The reasons in plain words, at most limit of them (-1: all).
    static QStringList reasons(const std::vector<ScoreReason>& reasons, const RetentionConfig& config, int limit = -1);
    /// The retention queue's name ("retention" -> "Retention team"); another queue code as stored.
    static QString queue(const QString& code);
    /// "Open", "Done", "Cancelled" for a task status.
    static QString taskStatus(const QString& status);
    /// Whether a document name in Chinese is the one to show.
    static bool chinese();
};

} // namespace telcodesk
