#pragma once

#include "itemmodels/DisplayFormat.h"
#include "itemmodels/ItemRoles.h"
#include "security/Masking.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QVector>

#include <algorithm>

namespace telcodesk {

/// What every table of records shares: one record per row, lookup by id, the code labeler, and
/// fine-grained signals (a reset only when the whole list is replaced; one rowsInserted for a new
/// record, dataChanged or one rowsMoved for a changed one), so that views keep selection and scroll.
///
/// A subclass names its columns and answers recordData() and columnTitle(); ItemRoles::IdRole is
/// answered here from the id member given to the constructor. A subclass that sets an ordering keeps
/// its records in that order whatever order they are given or added in.
///
/// A template cannot carry Q_OBJECT; subclasses do, so that tr() keeps each model's own context.
template<typename Record>
class RecordTableModel : public QAbstractTableModel
{
public:
    /// The member that holds a record's id, or nullptr for records without one.
    using IdMember = QString Record::*;
    /// Strict weak order: true when a belongs before b.
    using Ordering = bool (*)(const Record& a, const Record& b);

    /// Replaces all records (one reset), ordered when the model has an ordering.
    void setRecords(QVector<Record> records)
    {
        if (m_before)
            std::stable_sort(records.begin(), records.end(), m_before);
        beginResetModel();
        m_records = std::move(records);
        endResetModel();
    }

    /// Inserts one record where the ordering puts it (after its equals), or at the end when the model
    /// has none. One rowsInserted, never a reset. Returns its row.
    int addRecord(const Record& record)
    {
        const int row = m_before ? int(std::upper_bound(m_records.cbegin(), m_records.cend(), record, m_before)
                                       - m_records.cbegin())
                                 : int(m_records.size());
        beginInsertRows(QModelIndex(), row, row);
        m_records.insert(row, record);
        endInsertRows();
        return row;
    }

    /// Replaces the record with the same id: dataChanged for its row, preceded by one rowsMoved when the
    /// change puts it out of order (it then goes after its equals, as an added one would). Returns its row afterwards, or -1 when no record has that id.
    int updateRecord(const Record& record)
    {
        const int row = m_idMember ? rowOf(record.*m_idMember) : -1;
        if (row < 0)
            return -1;
        int target = row;
        const bool stillInOrder = !m_before
            || ((row == 0 || !m_before(record, m_records.at(row - 1)))
                && (row + 1 == m_records.size() || !m_before(m_records.at(row + 1), record)));
        if (!stillInOrder) {
            // The others stay sorted: the record goes after every other one it does not belong before.
            target = 0;
            for (int i = 0; i < m_records.size(); ++i) {
                if (i != row && !m_before(record, m_records.at(i)))
                    ++target;
            }
        }
        if (target != row) {
            beginMoveRows(QModelIndex(), row, row, QModelIndex(), target > row ? target + 1 : target);
            m_records.move(row, target);
            m_records[target] = record;
            endMoveRows();
        } else {
            m_records[row] = record;
        }
        emit dataChanged(index(target, 0), index(target, m_columnCount - 1));
        return target;
    }

    const QVector<Record>& records() const { return m_records; }
    const Record& record(int row) const { return m_records.at(row); }
    /// The id of a row; empty for a row that does not exist.
    QString idOf(int row) const
    {
        return m_idMember && row >= 0 && row < m_records.size() ? m_records.at(row).*m_idMember : QString();
    }
    /// The row of an id, or -1.
    int rowOf(const QString& id) const
    {
        if (!m_idMember)
            return -1;
        const auto it = std::find_if(m_records.cbegin(), m_records.cend(),
                                     [&](const Record& r) { return r.*m_idMember == id; });
        return it == m_records.cend() ? -1 : int(it - m_records.cbegin());
    }

    /// Codes are shown through the labeler (as stored when none is set); setting one repaints all cells.
    void setLabeler(CodeLabeler labeler)
    {
        m_labeler = std::move(labeler);
        refreshAll();
    }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_records.size());
    }
    int columnCount(const QModelIndex& parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : m_columnCount;
    }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const final
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Record& r = m_records.at(index.row());
        if (role == ItemRoles::IdRole)
            return m_idMember ? QVariant(r.*m_idMember) : QVariant();
        return recordData(r, index.column(), role);
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const final
    {
        if (orientation != Qt::Horizontal || section < 0 || section >= m_columnCount)
            return {};
        return role == Qt::DisplayRole ? QVariant(columnTitle(section)) : columnHeaderData(section, role);
    }

protected:
    RecordTableModel(int columnCount, IdMember idMember, QObject* parent)
        : QAbstractTableModel(parent)
        , m_columnCount(columnCount)
        , m_idMember(idMember)
    {
    }

    /// What a cell shows for a role (every role but ItemRoles::IdRole).
    virtual QVariant recordData(const Record& record, int column, int role) const = 0;
    /// The title of a column in the horizontal header.
    virtual QString columnTitle(int column) const = 0;
    /// Other roles of a column's header (e.g. Qt::InitialSortOrderRole); none by default.
    virtual QVariant columnHeaderData(int column, int role) const { return {}; }

    /// Set once, in the subclass's constructor, before any record is added.
    void setOrdering(Ordering before) { m_before = before; }
    QString label(CodeDomain domain, const QString& code) const { return labelFor(m_labeler, domain, code); }

    /// Repaints every cell (something all of them depend on changed: labels, language, "now").
    void refreshAll()
    {
        if (!m_records.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, m_columnCount - 1));
    }
    /// Repaints one column.
    void refreshColumn(int column)
    {
        if (!m_records.isEmpty())
            emit dataChanged(index(0, column), index(rowCount() - 1, column));
    }

private:
    QVector<Record> m_records;
    int m_columnCount;
    IdMember m_idMember;
    Ordering m_before = nullptr;
    CodeLabeler m_labeler;
};

/// An ordering for RecordTableModel: newest first by a time member, e.g.
/// setOrdering(newestFirst<Interaction, &Interaction::occurredAt>).
template<typename Record, QDateTime Record::*Time>
bool newestFirst(const Record& a, const Record& b)
{
    return a.*Time > b.*Time;
}

/// A record table with a column of phone numbers that are masked (138****5678) unless the agent may
/// see them in full; changing that repaints the number column only.
template<typename Record>
class MaskedRecordTableModel : public RecordTableModel<Record>
{
public:
    void setMasked(bool masked)
    {
        if (m_masked == masked)
            return;
        m_masked = masked;
        this->refreshColumn(m_numberColumn);
    }
    bool isMasked() const { return m_masked; }

protected:
    MaskedRecordTableModel(int columnCount, typename RecordTableModel<Record>::IdMember idMember, int numberColumn,
                           QObject* parent)
        : RecordTableModel<Record>(columnCount, idMember, parent)
        , m_numberColumn(numberColumn)
    {
    }

    /// A number as this model shows it: masked, or written for people.
    QString shownNumber(const QString& number) const
    {
        return m_masked ? Masking::msisdn(number) : DisplayFormat::phoneNumber(number);
    }

private:
    int m_numberColumn;
    bool m_masked = true;
};

} // namespace telcodesk
