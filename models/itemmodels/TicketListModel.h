#pragma once

#include "domain/Interaction.h"
#include "itemmodels/ItemRoles.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QVector>

namespace telcodesk {

/// A customer's tickets: open ones first, then the newest. Open tickets past their resolution due time
/// are alerts; closed ones are muted.
class TicketListModel : public QAbstractTableModel
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
    void setTickets(const QVector<Ticket>& tickets);
    void setLabeler(CodeLabeler labeler);
    /// "Now" for judging whether an open ticket is past due (the UI passes the clock's time).
    void setNow(const QDateTime& nowUtc);

    const Ticket& ticket(int row) const { return m_tickets.at(row); }
    QString ticketId(int row) const;
    int rowOfTicket(const QString& id) const;
    int openCount() const;
    bool isPastDue(const Ticket& ticket) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Ticket> m_tickets;
    CodeLabeler m_labeler;
    QDateTime m_now;
};

} // namespace telcodesk
