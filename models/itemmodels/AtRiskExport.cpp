#include "itemmodels/AtRiskExport.h"

#include "itemmodels/AtRiskListModel.h"
#include "itemmodels/RetentionFormat.h"

#include <QDir>
#include <QIODevice>
#include <QSaveFile>

namespace telcodesk {

namespace {

/// Rows read from the service at a time.
constexpr int kPage = 10000;

} // namespace

QString AtRiskExport::field(const QString& text)
{
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'))
        || (!text.isEmpty() && (text.front().isSpace() || text.back().isSpace()));
    if (!quote)
        return text;
    QString escaped = text;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

Result<int> AtRiskExport::write(const RetentionService& service, AtRiskFilter filter, const RetentionConfig& config,
                                QIODevice& out)
{
    // The list's own columns and words: what the file says is what the supervisor saw.
    AtRiskListModel model;
    model.setConfig(config);
    const auto line = [&out](QStringList fields) {
        for (QString& f : fields)
            f = field(f);
        const QByteArray bytes = (fields.join(QLatin1Char(',')) + QLatin1String("\r\n")).toUtf8();
        return out.write(bytes) == bytes.size();
    };
    const QString writeFailed = tr("Cannot write the file: %1");
    if (out.write("\xEF\xBB\xBF", 3) != 3)
        return Error{writeFailed.arg(out.errorString()), QStringLiteral("io")};
    QStringList header;
    for (int c = 0; c < AtRiskListModel::ColumnCount; ++c)
        header << model.headerData(c, Qt::Horizontal).toString();
    if (!line(header))
        return Error{writeFailed.arg(out.errorString()), QStringLiteral("io")};

    int written = 0;
    filter.limit = kPage;
    for (filter.offset = 0;; filter.offset += kPage) {
        const Result<QVector<AtRiskRow>> rows = service.atRisk(filter);
        if (!rows)
            return rows.error();
        model.setRows(rows.value());
        for (int r = 0; r < model.rowCount(); ++r) {
            QStringList fields;
            for (int c = 0; c < AtRiskListModel::ColumnCount; ++c) {
                fields << (c == AtRiskListModel::ReasonColumn
                               ? RetentionFormat::reasons(model.row(r).reasons, config).join(QStringLiteral("; "))
                               : model.index(r, c).data().toString());
            }
            if (!line(fields))
                return Error{writeFailed.arg(out.errorString()), QStringLiteral("io")};
            ++written;
        }
        if (rows->size() < kPage)
            break;
    }
    return written;
}

Result<int> AtRiskExport::toFile(const RetentionService& service, const AtRiskFilter& filter,
                                 const RetentionConfig& config, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        //: %1 the file, %2 why
        return Error{tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                     QStringLiteral("io")};
    const Result<int> written = write(service, filter, config, file);
    if (!written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return Error{tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                     QStringLiteral("io")};
    return written;
}

} // namespace telcodesk
