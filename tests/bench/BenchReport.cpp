#include "BenchReport.h"

#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace telcodesk::bench {

Summary Summary::of(QVector<double> values)
{
    Summary s;
    s.n = values.size();
    if (values.isEmpty())
        return s;
    std::sort(values.begin(), values.end());
    auto rank = [&](double p) {
        const int index = std::max(0, int(std::ceil(p * values.size())) - 1);
        return values.at(std::min(index, int(values.size()) - 1));
    };
    s.p50 = rank(0.50);
    s.p95 = rank(0.95);
    double sum = 0;
    for (double v : values)
        sum += v;
    s.mean = sum / values.size();
    return s;
}

static double rounded(double v)
{
    return std::round(v * 10000.0) / 10000.0;
}

void Report::metric(const QString& name, const QString& unit, const Summary& ours, const QString& referenceName,
                    const Summary* reference, const QJsonObject& scale, const QJsonObject& extra)
{
    QJsonObject line{{QStringLiteral("metric"), name},
                     {QStringLiteral("unit"), unit},
                     {QStringLiteral("p50"), rounded(ours.p50)},
                     {QStringLiteral("p95"), rounded(ours.p95)},
                     {QStringLiteral("n"), ours.n}};
    if (reference) {
        line.insert(QStringLiteral("reference"), referenceName);
        line.insert(QStringLiteral("reference_p95"), rounded(reference->p95));
        line.insert(QStringLiteral("reference_n"), reference->n);
        line.insert(QStringLiteral("ratio"), reference->p95 > 0 ? rounded(ours.p95 / reference->p95) : QJsonValue());
    } else {
        line.insert(QStringLiteral("reference"), referenceName.isEmpty() ? QJsonValue() : QJsonValue(referenceName));
    }
    line.insert(QStringLiteral("scale"), scale);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        line.insert(it.key(), it.value());
    emitLine(line);
}

void Report::skipped(const QString& name, const QString& reason)
{
    emitLine(QJsonObject{{QStringLiteral("metric"), name}, {QStringLiteral("skipped"), reason}});
}

void Report::emitLine(const QJsonObject& line)
{
    QTextStream out(stdout);
    if (m_json) {
        out << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << '\n';
    } else if (line.contains(QStringLiteral("skipped"))) {
        out << qSetFieldWidth(22) << Qt::left << line.value(QStringLiteral("metric")).toString() << qSetFieldWidth(0)
            << "skipped: " << line.value(QStringLiteral("skipped")).toString() << '\n';
    } else {
        out << qSetFieldWidth(22) << Qt::left << line.value(QStringLiteral("metric")).toString() << qSetFieldWidth(0)
            << "p50 " << line.value(QStringLiteral("p50")).toDouble() << " p95 " << line.value(QStringLiteral("p95")).toDouble()
            << ' ' << line.value(QStringLiteral("unit")).toString();
        if (line.contains(QStringLiteral("ratio")))
            out << "  vs " << line.value(QStringLiteral("reference")).toString() << " p95 "
                << line.value(QStringLiteral("reference_p95")).toDouble() << "  ratio "
                << line.value(QStringLiteral("ratio")).toDouble();
        out << '\n';
    }
    out.flush();
}

} // namespace telcodesk::bench
