#include "itemmodels/RetentionFormat.h"

#include <QLocale>

#include <cmath>

namespace telcodesk {

bool RetentionFormat::chinese()
{
    return QLocale().language() == QLocale::Chinese;
}

QString RetentionFormat::band(const QString& code)
{
    if (code == QLatin1String("high"))
        return tr("High", "churn risk band");
    if (code == QLatin1String("medium"))
        return tr("Medium", "churn risk band");
    if (code == QLatin1String("low"))
        return tr("Low", "churn risk band");
    return code;
}

QString RetentionFormat::percent(double probability)
{
    if (!std::isfinite(probability))
        return QString();
    const double pct = probability * 100.0;
    if (pct > 0 && pct < 1)
        //: A churn probability below one percent
        return tr("<1 %");
    // A logistic model never says 100 %; rounding would make a strong signal look like a certainty.
    if (pct > 99 && pct < 100)
        //: A churn probability above 99 percent (but not certain)
        return tr(">99 %");
    //: A churn probability in whole percent; %1 is the number
    return tr("%1 %").arg(QLocale().toString(qRound(pct)));
}

QString RetentionFormat::ruleName(const RetentionConfig& config, const QString& code)
{
    const RetentionRule* rule = config.rule(code);
    if (!rule)
        return code;
    const QString name = chinese() ? rule->nameZh : rule->nameEn;
    return name.isEmpty() ? code : name;
}

QString RetentionFormat::segmentName(const RetentionConfig& config, const QString& code)
{
    const RfmSegment* segment = config.segment(code);
    if (!segment)
        return code;
    const QString name = chinese() ? segment->nameZh : segment->nameEn;
    return name.isEmpty() ? code : name;
}

QString RetentionFormat::tagName(const RetentionConfig& config, const QString& code)
{
    const CustomerTag* tag = config.tag(code);
    if (!tag)
        return code;
    const QString name = chinese() ? tag->nameZh : tag->nameEn;
    return name.isEmpty() ? code : name;
}

QStringList RetentionFormat::reasons(const std::vector<ScoreReason>& reasons, const RetentionConfig& config, int limit)
{
    QStringList out;
    for (const ScoreReason& r : reasons) {
        if (limit >= 0 && out.size() >= limit)
            break;
        const QString text = ReasonText::describe(r, config);
        if (!text.isEmpty() && !out.contains(text))
            out << text;
    }
    return out;
}

QString RetentionFormat::queue(const QString& code)
{
    if (code == QLatin1String("retention"))
        return tr("Retention team", "queue of retention tasks");
    return code;
}

QString RetentionFormat::taskStatus(const QString& status)
{
    if (status == QLatin1String("open"))
        return tr("Open", "retention task status");
    if (status == QLatin1String("done"))
        return tr("Done", "retention task status");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled", "retention task status");
    return status;
}

} // namespace telcodesk
