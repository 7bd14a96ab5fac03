#include "scoring/Preprocessor.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace telcodesk {

namespace {

std::vector<int> allRows(const CsvTable& table, const std::vector<int>& rows)
{
    if (!rows.empty())
        return rows;
    std::vector<int> all(std::size_t(table.rowCount()));
    for (int i = 0; i < table.rowCount(); ++i)
        all[std::size_t(i)] = i;
    return all;
}

} // namespace

Preprocessor Preprocessor::fit(const CsvTable& table, const std::vector<int>& trainRows, const Options& options)
{
    const std::vector<int> rows = allRows(table, trainRows);
    Preprocessor p;
    p.m_options = options;
    for (const CsvColumn& source : table.columns()) {
        Column column;
        column.name = source.name;
        column.numeric = source.numeric;
        if (source.numeric) {
            const auto fixed = options.fixedFill.constFind(source.name);
            const bool hasFixed = fixed != options.fixedFill.constEnd();
            // The mean of the present values (plus fixed fills) is both the fill value and the centre.
            double sum = 0;
            int count = 0;
            for (int r : rows) {
                double v = source.numbers[std::size_t(r)];
                if (std::isnan(v)) {
                    if (!hasFixed)
                        continue;
                    v = *fixed;
                }
                sum += v;
                ++count;
            }
            column.mean = count > 0 ? sum / count : 0.0;
            column.fill = hasFixed ? *fixed : column.mean;
            column.fixedFill = hasFixed;
            double squares = 0;
            for (int r : rows) {
                double v = source.numbers[std::size_t(r)];
                if (std::isnan(v))
                    v = column.fill;
                squares += (v - column.mean) * (v - column.mean);
            }
            column.std = rows.empty() ? 0.0 : std::sqrt(squares / double(rows.size()));
        } else {
            QStringList levels;
            for (int r : rows) {
                const QString& text = source.texts.at(r);
                if (!text.isEmpty())
                    levels.append(text);
            }
            std::sort(levels.begin(), levels.end());
            levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
            column.levels = levels;
        }
        p.m_columns.push_back(column);
    }
    return p;
}

Preprocessor Preprocessor::fromParts(const Options& options, std::vector<Column> columns)
{
    Preprocessor p;
    p.m_options = options;
    p.m_columns = std::move(columns);
    return p;
}

int Preprocessor::featureCount() const
{
    int n = 0;
    for (const Column& c : m_columns)
        n += c.numeric ? 1 : int(c.levels.size());
    return n;
}

QStringList Preprocessor::featureNames() const
{
    QStringList names;
    for (const Column& c : m_columns) {
        if (c.numeric) {
            names.append(c.name);
        } else {
            for (const QString& level : c.levels)
                names.append(c.name + QLatin1Char('=') + level);
        }
    }
    return names;
}

Result<FeatureMatrix> Preprocessor::transform(const CsvTable& table, const std::vector<int>& rowsIn) const
{
    const std::vector<int> rows = allRows(table, rowsIn);
    FeatureMatrix m;
    m.rows = int(rows.size());
    m.cols = featureCount();
    m.featureNames = featureNames();
    m.values.assign(std::size_t(m.rows) * std::size_t(m.cols), 0.0);
    if (!table.labels().empty()) {
        m.labels.reserve(rows.size());
        for (int r : rows)
            m.labels.push_back(table.labels()[std::size_t(r)]);
    }

    int offset = 0;
    for (const Column& c : m_columns) {
        const CsvColumn* source = table.column(c.name);
        if (!source)
            return Error{tr("the column \"%1\" the model was trained with is missing").arg(c.name),
                         QStringLiteral("invalid")};
        if (c.numeric) {
            for (int i = 0; i < m.rows; ++i) {
                const int r = rows[std::size_t(i)];
                double v = std::numeric_limits<double>::quiet_NaN();
                if (source->numeric) {
                    v = source->numbers[std::size_t(r)];
                } else if (!source->texts.at(r).isEmpty() && !CsvTable::parseNumber(source->texts.at(r), &v)) {
                    return Error{tr("line %1, column \"%2\": \"%3\" is not a number, and the model was trained "
                                    "with numbers in this column")
                                     .arg(table.lineOfRow()[std::size_t(r)])
                                     .arg(c.name, source->texts.at(r)),
                                 QStringLiteral("invalid")};
                }
                if (std::isnan(v) && (m_options.fillMissing || c.fixedFill))
                    v = c.fill;
                if (m_options.standardize && !std::isnan(v))
                    v = c.std > 0 ? (v - c.mean) / c.std : 0.0;
                m.at(i, offset) = v;
            }
            offset += 1;
        } else {
            for (int i = 0; i < m.rows; ++i) {
                const QString& text = source->texts.at(rows[std::size_t(i)]);
                if (text.isEmpty())
                    continue;
                const qsizetype level = c.levels.indexOf(text);
                if (level >= 0)
                    m.at(i, offset + int(level)) = 1.0;
            }
            offset += int(c.levels.size());
        }
    }
    return m;
}

} // namespace telcodesk
