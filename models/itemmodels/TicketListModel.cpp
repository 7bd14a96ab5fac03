#include "itemmodels/TicketListModel.h"

#include "itemmodels/DisplayFormat.h"

#include <algorithm>

namespace telcodesk {

namespace {

bool openFirstThenNewest(const Ticket& a, const Ticket& b)
{
    if (a.isOpen() != b.isOpen())
        return a.isOpen();
    return a.createdAt > b.createdAt;
}

} // namespace

TicketListModel::TicketListModel(QObject* parent)
    : RecordTableModel(ColumnCount, &Ticket::id, parent)
    , m_now(QDateTime::currentDateTimeUtc())
{
    setOrdering(openFirstThenNewest);
}

void TicketListModel::setNow(const QDateTime& nowUtc)
{
    m_now = nowUtc;
    refreshAll();
}

int TicketListModel::openCount() const
{
    return int(std::count_if(records().cbegin(), records().cend(), [](const Ticket& t) { return t.isOpen(); }));
}

bool TicketListModel::isPastDue(const Ticket& t) const
{
    return t.isOpen() && t.resolutionDue.isValid() && t.resolutionDue < m_now;
}

QVariant TicketListModel::recordData(const Ticket& t, int column, int role) const
{
    switch (role) {
    case ItemRoles::EmphasisRole:
        if (isPastDue(t))
            return int(Emphasis::Alert);
        return int(t.isOpen() ? Emphasis::Strong : Emphasis::Muted);
    case ItemRoles::CodeRole:
        switch (column) {
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
        switch (column) {
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
        if (column == TitleColumn)
            return t.description.isEmpty() ? t.title : t.description;
        if (column == DueColumn && isPastDue(t))
            return tr("Past its resolution due time");
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (column) {
    case NumberColumn:
        return t.ticketNo;
    case StatusColumn:
        return label(CodeDomain::TicketStatus, t.status);
    case PriorityColumn:
        return label(CodeDomain::TicketPriority, QString::number(t.priority));
    case KindColumn:
        return label(CodeDomain::TicketKind, t.kind);
    case TitleColumn:
        return t.title;
    case CreatedColumn:
        return DisplayFormat::dateTime(t.createdAt);
    case DueColumn:
        return t.isOpen() ? DisplayFormat::dateTime(t.resolutionDue) : QString();
    }
    return {};
}

QString TicketListModel::columnTitle(int column) const
{
    switch (column) {
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
