#pragma once

#include "domain/Interaction.h"
#include "itemmodels/RecordTableModel.h"

namespace telcodesk {

/// Notes kept on a customer, newest first. A note added by the agent is inserted in place (one
/// rowsInserted), never by resetting the list.
class NoteListModel : public RecordTableModel<CustomerNote>
{
    Q_OBJECT

public:
    enum Column { TimeColumn, AuthorColumn, BodyColumn, ColumnCount };

    explicit NoteListModel(QObject* parent = nullptr);

    void setNotes(const QVector<CustomerNote>& notes) { setRecords(notes); }
    /// Inserts one note where its time puts it (one rowsInserted). Returns its row.
    int addNote(const CustomerNote& note) { return addRecord(note); }

    const CustomerNote& note(int row) const { return record(row); }
    QString noteId(int row) const { return idOf(row); }
    int rowOfNote(const QString& id) const { return rowOf(id); }

protected:
    QVariant recordData(const CustomerNote& note, int column, int role) const override;
    QString columnTitle(int column) const override;
};

} // namespace telcodesk
