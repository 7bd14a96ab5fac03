#pragma once

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace telcodesk::bench {

/// Percentiles of a sample of timings (or any values), nearest-rank.
struct Summary
{
    double p50 = 0;
    double p95 = 0;
    double mean = 0;
    int n = 0;
    static Summary of(QVector<double> values);
};

/// One metric line: {"metric":…, "unit":…, "p50":…, "p95":…, "n":…, "reference":…, "reference_p95":…,
/// "ratio":…, "scale":{…}} and any extra fields.
class Report
{
public:
    explicit Report(bool json) : m_json(json) {}

    void metric(const QString& name, const QString& unit, const Summary& ours, const QString& referenceName,
                const Summary* reference, const QJsonObject& scale, const QJsonObject& extra = {});
    void skipped(const QString& name, const QString& reason);

private:
    void emitLine(const QJsonObject& line);
    bool m_json;
};

} // namespace telcodesk::bench
