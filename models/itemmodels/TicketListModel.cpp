#include "itemmodels/TicketListModel.h"

#include "itemmodels/DisplayFormat.h"

#include <algorithm>

namespace telcodesk {

TicketListModel::TicketListModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentDateTimeUtc())
{
}

void TicketListModel::setTickets(const QVector<Ticket>& tickets)
{
    beginResetModel();
    m_tickets = tickets;
    std::stable_sort(m_tickets.begin(), m_tickets.end(), [](const Ticket& a, const Ticket& b) {
        if (a.isOpen() != b.isOpen())
            return a.isOpen();
        return a.createdAt > b.createdAt;
    });
    endResetModel();
}

void TicketListModel::setLabeler(CodeLabeler labeler)
{
    m_labeler = std::move(labeler);
    if (!m_tickets.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void TicketListModel::setNow(const QDateTime& nowUtc)
{
    m_now = nowUtc;
    if (!m_tickets.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString TicketListModel::ticketId(int row) const
{
    return row >= 0 && row < m_tickets.size() ? m_tickets.at(row).id : QString();
}

int TicketListModel::rowOfTicket(const QString& id) const
{
    for (int row = 0; row < m_tickets.size(); ++row) {
        if (m_tickets.at(row).id == id)
            return row;
    }
    return -1;
}

int TicketListModel::openCount() const
{
    return int(std::count_if(m_tickets.cbegin(), m_tickets.cend(), [](const Ticket& t) { return t.isOpen(); }));
}

bool TicketListModel::isPastDue(const Ticket& t) const
{
    return t.isOpen() && t.resolutionDue.isValid() && t.resolutionDue < m_now;
}

int TicketListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_tickets.size();
}

int TicketListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TicketListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Ticket& t = m_tickets.at(index.row());
    switch (role) {
    case ItemRoles::IdRole:
        return t.id;
    case ItemRoles::EmphasisRole:
        if (isPastDue(t))
            return int(Emphasis::Alert);
        return int(t.isOpen() ? Emphasis::Strong : Emphasis::Muted);
    case ItemRoles::CodeRole:
        switch (index.column()) {
        case StatusColumn:
            return t.status;
        case KindColumn:
            return t.kind;
        case PriorityColumn:
            return t.priority;
        default:
            return {};
        }
    case ItemRoles::SortRole:
        switch (index.column()) {
        case PriorityColumn:
            return t.priority;
        case CreatedColumn:
            return t.createdAt.toMSecsSinceEpoch();
        case DueColumn:
            return t.resolutionDue.isValid() ? t.resolutionDue.toMSecsSinceEpoch() : QVariant();
        default:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn)
            return t.description.isEmpty() ? t.title : t.description;
        if (index.column() == DueColumn && isPastDue(t))
            return tr("Past its resolution due time");
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (index.column()) {
    case NumberColumn:
        return t.ticketNo;
    case StatusColumn:
        return labelFor(m_labeler, CodeDomain::TicketStatus, t.status);
    case PriorityColumn:
        return labelFor(m_labeler, CodeDomain::TicketPriority, QString::number(t.priority));
    case KindColumn:
        return labelFor(m_labeler, CodeDomain::TicketKind, t.kind);
    case TitleColumn:
        return t.title;
    case CreatedColumn:
        return DisplayFormat::dateTime(t.createdAt);
    case DueColumn:
        return t.isOpen() ? DisplayFormat::dateTime(t.resolutionDue) : QString();
    }
    return {};
}

QVariant TicketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        //: Ticket number
        return tr("Ticket");
    case StatusColumn:
        return tr("Status");
    case PriorityColumn:
        return tr("Priority");
    case KindColumn:
        //: Kind of ticket (complaint, fault, ...)
        return tr("Kind");
    case TitleColumn:
        return tr("Title");
    case CreatedColumn:
        return tr("Created");
    case DueColumn:
        //: Resolution due time of a ticket
        return tr("Due");
    }
    return {};
}

} // namespace telcodesk
