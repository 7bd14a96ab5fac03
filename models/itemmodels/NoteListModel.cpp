#include "itemmodels/NoteListModel.h"

#include "itemmodels/DisplayFormat.h"

namespace telcodesk {

NoteListModel::NoteListModel(QObject* parent)
    : RecordTableModel(ColumnCount, &CustomerNote::id, parent)
{
    setOrdering(newestFirst<CustomerNote, &CustomerNote::createdAt>);
}

QVariant NoteListModel::recordData(const CustomerNote& n, int column, int role) const
{
    switch (role) {
    case ItemRoles::SortRole:
        if (column == TimeColumn)
            return n.createdAt.toMSecsSinceEpoch();
        break;
    case Qt::ToolTipRole:
        return column == BodyColumn ? QVariant(n.body) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case TimeColumn:
        return DisplayFormat::dateTime(n.createdAt);
    case AuthorColumn:
        return n.authorName.isEmpty() ? n.authorId : n.authorName;
    case BodyColumn:
        return n.body;
    }
    return {};
}

QString NoteListModel::columnTitle(int column) const
{
    switch (column) {
    case TimeColumn:
        return tr("Time");
    case AuthorColumn:
        return tr("Author");
    case BodyColumn:
        return tr("Note");
    }
    return {};
}

} // namespace telcodesk
