#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace telcodesk {

/// One column of a CSV file, typed over all its rows. The raw (trimmed) texts are kept for every column, so
/// that a model can read a column the way it was trained even if another file types it differently.
struct CsvColumn
{
    QString name;
    bool numeric = false;        ///< every non-missing value parses as a finite number
    QStringList texts;           ///< trimmed cell texts; a missing value is an empty string
    std::vector<double> numbers; ///< numeric columns only: the values, NaN when missing
};

/// A CSV file with a header line (RFC 4180 quoting, LF or CRLF, optional UTF-8 byte order mark), read into
/// typed columns, the target column parsed into 0/1 labels and the id column set apart.
class CsvTable
{
    Q_DECLARE_TR_FUNCTIONS(CsvTable)

public:
    struct Options
    {
        QString target;   ///< empty: no labels (scoring); otherwise the column must exist
        QString idColumn; ///< empty: none; otherwise the column must exist and is left out of the columns
    };

    /// Reads one file.
    static Result<CsvTable> readFile(const QString& path, const Options& options);
    /// Reads several files with the same header as one table (rows in file order); fileOfRow tells them apart.
    /// Columns are typed over all files together, so train and test rows are read the same way.
    static Result<CsvTable> readFiles(const QStringList& paths, const Options& options);
    /// Reads CSV text; sourceName names it in error messages.
    static Result<CsvTable> parse(const QByteArray& data, const QString& sourceName, const Options& options);

    /// A table built in memory (customer features from the local store): columns of equal length, labels 0/1
    /// per row or empty, ids per row or empty. Rows are numbered as if line 2 onwards of a file.
    static CsvTable fromColumns(std::vector<CsvColumn> columns, std::vector<double> labels, QStringList ids);

    /// Whether a trimmed cell counts as missing: blank, NA, N/A, NaN, null or ? (any case).
    static bool isMissingText(const QString& trimmed);
    /// Parses a target value: yes/no, true/false, 1/0, y/n (any case). Returns -1 when it is none of those.
    static int parseLabel(const QString& trimmed);
    /// Parses a finite number the way numeric columns are read (C locale).
    static bool parseNumber(const QString& trimmed, double* value);

    int rowCount() const { return m_rows; }
    const std::vector<CsvColumn>& columns() const { return m_columns; }
    std::vector<CsvColumn>& columns() { return m_columns; }
    const CsvColumn* column(const QString& name) const;
    CsvColumn* column(const QString& name);
    /// 0/1 per row; empty when no target was asked for.
    const std::vector<double>& labels() const { return m_labels; }
    /// The id column's texts; empty when no id column was asked for.
    const QStringList& ids() const { return m_ids; }
    /// For readFiles: index of the file each row came from.
    const std::vector<int>& fileOfRow() const { return m_fileOfRow; }
    /// 1-based line of the file where each row starts (for messages).
    const std::vector<int>& lineOfRow() const { return m_lineOfRow; }

    struct Raw; ///< the records of one file before typing (internal)

private:
    static Result<CsvTable> build(std::vector<Raw>& files, const QStringList& sources, const Options& options);

    int m_rows = 0;
    std::vector<CsvColumn> m_columns;
    std::vector<double> m_labels;
    QStringList m_ids;
    std::vector<int> m_fileOfRow;
    std::vector<int> m_lineOfRow;
};

} // namespace telcodesk
