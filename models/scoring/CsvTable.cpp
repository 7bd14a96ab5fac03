#include "scoring/CsvTable.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <limits>

namespace telcodesk {

struct CsvTable::Raw
{
    QStringList header;
    std::vector<QStringList> records;
    std::vector<int> lines; ///< 1-based line where each record starts
};

namespace {

using RawCsv = CsvTable::Raw;

Error invalid(const QString& message)
{
    return Error{message, QStringLiteral("invalid")};
}

/// Splits CSV text into records. Quoted fields may hold commas, doubled quotes and line breaks.
Result<RawCsv> splitRecords(const QByteArray& data, const QString& source)
{
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    RawCsv raw;
    QStringList fields;
    QString field;
    int line = 1;
    int recordLine = 1;
    bool inQuotes = false;
    bool wasQuoted = false;
    bool afterQuote = false; // a quoted field has closed: only a comma or a line break may follow
    int quoteLine = 0;
    bool recordHasContent = false;

    const auto endRecord = [&] {
        fields.append(field);
        field.clear();
        // A line with nothing on it is not a record (blank lines, a trailing line break).
        if (recordHasContent || fields.size() > 1) {
            if (raw.header.isEmpty() && raw.records.empty() && raw.lines.empty()) {
                raw.header = fields;
                raw.lines.push_back(recordLine); // the header's line, removed below
            } else {
                raw.records.push_back(fields);
                raw.lines.push_back(recordLine);
            }
        }
        fields.clear();
        recordHasContent = false;
        wasQuoted = false;
        afterQuote = false;
    };

    const int n = int(text.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char(',')) {
            fields.append(field);
            field.clear();
            wasQuoted = false;
            afterQuote = false;
            recordHasContent = true;
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            endRecord();
            ++line;
            recordLine = line;
        } else if (afterQuote) {
            if (c == QLatin1Char(' ') || c == QLatin1Char('\t'))
                continue;
            return Error{CsvTable::tr("%1, line %2, field %3: unexpected text after a closing quote")
                             .arg(source)
                             .arg(line)
                             .arg(fields.size() + 1),
                         QStringLiteral("invalid")};
        } else if (c == QLatin1Char('"') && field.trimmed().isEmpty() && !wasQuoted) {
            field.clear();
            inQuotes = true;
            wasQuoted = true;
            quoteLine = line;
            recordHasContent = true;
        } else {
            field += c;
            recordHasContent = true;
        }
    }
    if (inQuotes)
        return invalid(CsvTable::tr("%1, line %2, field %3: a quoted field is never closed (missing \")")
                           .arg(source)
                           .arg(quoteLine)
                           .arg(fields.size() + 1));
    if (recordHasContent || !fields.isEmpty() || !field.isEmpty())
        endRecord();

    if (raw.header.isEmpty())
        return invalid(CsvTable::tr("%1: the file is empty (a header line is needed)").arg(source));
    raw.lines.erase(raw.lines.begin());
    for (QString& name : raw.header)
        name = name.trimmed();
    return raw;
}

} // namespace

bool CsvTable::isMissingText(const QString& t)
{
    return t.isEmpty() || t.compare(QLatin1String("NA"), Qt::CaseInsensitive) == 0
        || t.compare(QLatin1String("N/A"), Qt::CaseInsensitive) == 0
        || t.compare(QLatin1String("NaN"), Qt::CaseInsensitive) == 0
        || t.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0 || t == QLatin1String("?");
}

int CsvTable::parseLabel(const QString& t)
{
    static const char* const positive[] = {"yes", "true", "1", "y"};
    static const char* const negative[] = {"no", "false", "0", "n"};
    for (const char* p : positive) {
        if (t.compare(QLatin1String(p), Qt::CaseInsensitive) == 0)
            return 1;
    }
    for (const char* p : negative) {
        if (t.compare(QLatin1String(p), Qt::CaseInsensitive) == 0)
            return 0;
    }
    return -1;
}

const CsvColumn* CsvTable::column(const QString& name) const
{
    for (const CsvColumn& c : m_columns) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

CsvColumn* CsvTable::column(const QString& name)
{
    for (CsvColumn& c : m_columns) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

Result<CsvTable> CsvTable::readFile(const QString& path, const Options& options)
{
    return readFiles(QStringList{path}, options);
}

Result<CsvTable> CsvTable::parse(const QByteArray& data, const QString& sourceName, const Options& options)
{
    Result<RawCsv> raw = splitRecords(data, sourceName);
    if (!raw)
        return raw.error();
    std::vector<RawCsv> files;
    files.push_back(std::move(raw.value()));
    return build(files, QStringList{sourceName}, options);
}

Result<CsvTable> CsvTable::readFiles(const QStringList& paths, const Options& options)
{
    std::vector<RawCsv> files;
    QStringList sources;
    for (const QString& path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{tr("cannot read %1: %2").arg(path, file.errorString()), QStringLiteral("io")};
        sources.append(QFileInfo(path).fileName());
        Result<RawCsv> raw = splitRecords(file.readAll(), sources.last());
        if (!raw)
            return raw.error();
        files.push_back(std::move(raw.value()));
    }
    return build(files, sources, options);
}

Result<CsvTable> CsvTable::build(std::vector<Raw>& files, const QStringList& sources, const Options& options)
{
    const QStringList& header = files.front().header;
    for (int i = 0; i < header.size(); ++i) {
        if (header.at(i).isEmpty())
            return invalid(tr("%1, line 1, column %2: the header has an empty column name").arg(sources.at(0)).arg(i + 1));
        if (header.indexOf(header.at(i)) != i)
            return invalid(tr("%1, line 1: the column \"%2\" appears twice in the header").arg(sources.at(0), header.at(i)));
    }
    for (std::size_t f = 1; f < files.size(); ++f) {
        if (files[f].header != header)
            return invalid(tr("%1: its header differs from the header of %2").arg(sources.at(int(f)), sources.at(0)));
    }
    const int targetIndex = options.target.isEmpty() ? -1 : int(header.indexOf(options.target));
    if (!options.target.isEmpty() && targetIndex < 0)
        return invalid(tr("%1: there is no target column \"%2\" (the columns are: %3)")
                           .arg(sources.at(0), options.target, header.join(QStringLiteral(", "))));
    const int idIndex = options.idColumn.isEmpty() ? -1 : int(header.indexOf(options.idColumn));
    if (!options.idColumn.isEmpty() && idIndex < 0)
        return invalid(tr("%1: there is no id column \"%2\"").arg(sources.at(0), options.idColumn));
    if (targetIndex >= 0 && targetIndex == idIndex)
        return invalid(tr("the target and the id column are the same column \"%1\"").arg(options.target));

    CsvTable table;
    std::vector<int> columnOf(std::size_t(header.size()), -1);
    for (int i = 0; i < header.size(); ++i) {
        if (i == targetIndex || i == idIndex)
            continue;
        columnOf[std::size_t(i)] = int(table.m_columns.size());
        CsvColumn column;
        column.name = header.at(i);
        table.m_columns.push_back(column);
    }

    for (std::size_t f = 0; f < files.size(); ++f) {
        const Raw& raw = files[f];
        for (std::size_t r = 0; r < raw.records.size(); ++r) {
            const QStringList& record = raw.records[r];
            const int line = raw.lines[r];
            if (record.size() != header.size())
                return invalid(tr("%1, line %2: %3 fields where the header has %4")
                                   .arg(sources.at(int(f)))
                                   .arg(line)
                                   .arg(record.size())
                                   .arg(header.size()));
            for (int i = 0; i < record.size(); ++i) {
                const QString value = record.at(i).trimmed();
                if (i == targetIndex) {
                    const int label = parseLabel(value);
                    if (label < 0)
                        return invalid(tr("%1, line %2, column %3 (%4): the target value \"%5\" is not one of "
                                          "Yes/No, True/False, 1/0, Y/N")
                                           .arg(sources.at(int(f)))
                                           .arg(line)
                                           .arg(i + 1)
                                           .arg(options.target, value));
                    table.m_labels.push_back(label);
                } else if (i == idIndex) {
                    table.m_ids.append(value);
                } else {
                    table.m_columns[std::size_t(columnOf[std::size_t(i)])].texts.append(
                        isMissingText(value) ? QString() : value);
                }
            }
            table.m_fileOfRow.push_back(int(f));
            table.m_lineOfRow.push_back(line);
            ++table.m_rows;
        }
    }

    for (CsvColumn& column : table.m_columns) {
        std::vector<double> numbers;
        numbers.reserve(std::size_t(column.texts.size()));
        bool numeric = true;
        for (const QString& text : std::as_const(column.texts)) {
            if (text.isEmpty()) {
                numbers.push_back(std::numeric_limits<double>::quiet_NaN());
                continue;
            }
            double v = 0;
            if (!parseNumber(text, &v)) {
                numeric = false;
                break;
            }
            numbers.push_back(v);
        }
        column.numeric = numeric;
        if (numeric)
            column.numbers = std::move(numbers);
    }
    return table;
}

CsvTable CsvTable::fromColumns(std::vector<CsvColumn> columns, std::vector<double> labels, QStringList ids)
{
    CsvTable table;
    table.m_rows = columns.empty() ? int(std::max<std::size_t>(labels.size(), std::size_t(ids.size())))
                                   : int(columns.front().texts.size());
    table.m_columns = std::move(columns);
    table.m_labels = std::move(labels);
    table.m_ids = std::move(ids);
    table.m_fileOfRow.assign(std::size_t(table.m_rows), 0);
    table.m_lineOfRow.resize(std::size_t(table.m_rows));
    for (int r = 0; r < table.m_rows; ++r)
        table.m_lineOfRow[std::size_t(r)] = r + 2;
    return table;
}

bool CsvTable::parseNumber(const QString& trimmed, double* value)
{
    bool ok = false;
    *value = trimmed.toDouble(&ok);
    return ok && std::isfinite(*value);
}

} // namespace telcodesk
