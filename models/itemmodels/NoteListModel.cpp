#include "itemmodels/NoteListModel.h"

#include "itemmodels/DisplayFormat.h"

#include <algorithm>

namespace telcodesk {

namespace {

bool newerFirst(const CustomerNote& a, const CustomerNote& b)
{
    return a.createdAt > b.createdAt;
}

} // namespace

NoteListModel::NoteListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void NoteListModel::setNotes(const QVector<CustomerNote>& notes)
{
    beginResetModel();
    m_notes = notes;
    std::stable_sort(m_notes.begin(), m_notes.end(), newerFirst);
    endResetModel();
}

int NoteListModel::addNote(const CustomerNote& note)
{
    const auto pos = std::upper_bound(m_notes.begin(), m_notes.end(), note, newerFirst);
    const int row = int(pos - m_notes.begin());
    beginInsertRows(QModelIndex(), row, row);
    m_notes.insert(row, note);
    endInsertRows();
    return row;
}

QString NoteListModel::noteId(int row) const
{
    return row >= 0 && row < m_notes.size() ? m_notes.at(row).id : QString();
}

int NoteListModel::rowOfNote(const QString& id) const
{
    for (int row = 0; row < m_notes.size(); ++row) {
        if (m_notes.at(row).id == id)
            return row;
    }
    return -1;
}

int NoteListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_notes.size();
}

int NoteListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NoteListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CustomerNote& n = m_notes.at(index.row());
    switch (role) {
    case ItemRoles::IdRole:
        return n.id;
    case ItemRoles::SortRole:
        if (index.column() == TimeColumn)
            return n.createdAt.toMSecsSinceEpoch();
        break;
    case Qt::ToolTipRole:
        return index.column() == BodyColumn ? QVariant(n.body) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return DisplayFormat::dateTime(n.createdAt);
    case AuthorColumn:
        return n.authorName.isEmpty() ? n.authorId : n.authorName;
    case BodyColumn:
        return n.body;
    }
    return {};
}

QVariant NoteListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
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
