#pragma once

#include "domain/Interaction.h"
#include "itemmodels/ItemRoles.h"

#include <QAbstractTableModel>
#include <QVector>

namespace telcodesk {

/// Notes kept on a customer, newest first.
class NoteListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, AuthorColumn, BodyColumn, ColumnCount };

    explicit NoteListModel(QObject* parent = nullptr);

    void setNotes(const QVector<CustomerNote>& notes);
    /// Inserts one note where its time puts it (one rowsInserted). Returns its row.
    int addNote(const CustomerNote& note);

    const CustomerNote& note(int row) const { return m_notes.at(row); }
    QString noteId(int row) const;
    int rowOfNote(const QString& id) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<CustomerNote> m_notes;
};

} // namespace telcodesk
