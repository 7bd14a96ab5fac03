#pragma once

#include "domain/Interaction.h"
#include "itemmodels/RecordTableModel.h"

#include <QDateTime>

namespace telcodesk {

/// A customer's tickets: open ones first, then the newest. Open tickets past their resolution due time
/// are alerts; closed ones are muted.
class TicketListModel : public RecordTableModel<Ticket>
{
    Q_OBJECT

public:
    enum Column {
        NumberColumn,
        StatusColumn,
        PriorityColumn,
        KindColumn,
        TitleColumn,
        CreatedColumn,
        DueColumn,
        ColumnCount
    };

    explicit TicketListModel(QObject* parent = nullptr);

    /// Replaces the tickets, ordered open first and then newest first.
    void setTickets(const QVector<Ticket>& tickets) { setRecords(tickets); }
    /// "Now" for judging whether an open ticket is past due (the UI passes the clock's time).
    void setNow(const QDateTime& nowUtc);

    const Ticket& ticket(int row) const { return record(row); }
    QString ticketId(int row) const { return idOf(row); }
    int rowOfTicket(const QString& id) const { return rowOf(id); }
    int openCount() const;
    bool isPastDue(const Ticket& ticket) const;

protected:
    QVariant recordData(const Ticket& ticket, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    QDateTime m_now;
};

} // namespace telcodesk
