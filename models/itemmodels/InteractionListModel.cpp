#include "itemmodels/InteractionListModel.h"

#include "itemmodels/DisplayFormat.h"

namespace telcodesk {

InteractionListModel::InteractionListModel(QObject* parent)
    : RecordTableModel(ColumnCount, &Interaction::id, parent)
{
    setOrdering(newestFirst<Interaction, &Interaction::occurredAt>);
}

QVariant InteractionListModel::recordData(const Interaction& i, int column, int role) const
{
    switch (role) {
    case ItemRoles::CodeRole:
        switch (column) {
        case ChannelColumn:
            return i.channel;
        case KindColumn:
            return i.kind;
        case DirectionColumn:
            return i.direction;
        default:
            return {};
        }
    case ItemRoles::EmphasisRole:
        return int(i.kind == QLatin1String("complaint") || i.kind == QLatin1String("porting_inquiry")
                       ? Emphasis::Strong
                       : Emphasis::None);
    case ItemRoles::SortRole:
        if (column == TimeColumn)
            return i.occurredAt.toMSecsSinceEpoch();
        break;
    case Qt::ToolTipRole:
        if (column == SummaryColumn)
            return i.summary;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (column) {
    case TimeColumn:
        return DisplayFormat::dateTime(i.occurredAt);
    case ChannelColumn:
        return label(CodeDomain::Channel, i.channel);
    case KindColumn:
        return label(CodeDomain::InteractionKind, i.kind);
    case DirectionColumn:
        return label(CodeDomain::Direction, i.direction);
    case AgentColumn:
        return i.agentName.isEmpty() ? i.agentId : i.agentName;
    case SummaryColumn: {
        // One line per row in a table; the tool tip has the whole text.
        QString line = i.summary;
        line.replace(QLatin1Char('\n'), QLatin1Char(' '));
        return line;
    }
    }
    return {};
}

QString InteractionListModel::columnTitle(int column) const
{
    switch (column) {
    case TimeColumn:
        return tr("Time");
    case ChannelColumn:
        return tr("Channel");
    case KindColumn:
        //: Kind of interaction (inquiry, complaint, ...)
        return tr("Kind");
    case DirectionColumn:
        return tr("Direction");
    case AgentColumn:
        return tr("Agent");
    case SummaryColumn:
        return tr("Summary");
    }
    return {};
}

InteractionFilterProxy::InteractionFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ItemRoles::SortRole);
    setDynamicSortFilter(true);
}

void InteractionFilterProxy::setChannel(const QString& channel)
{
    if (m_channel == channel)
        return;
    m_channel = channel;
    invalidateFilter();
}

void InteractionFilterProxy::setText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (m_text == trimmed)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool InteractionFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* source = sourceModel();
    if (!m_channel.isEmpty()) {
        const QModelIndex channelIndex = source->index(sourceRow, InteractionListModel::ChannelColumn, sourceParent);
        if (channelIndex.data(ItemRoles::CodeRole).toString() != m_channel)
            return false;
    }
    if (m_text.isEmpty())
        return true;
    for (int column : {int(InteractionListModel::SummaryColumn), int(InteractionListModel::KindColumn),
                       int(InteractionListModel::ChannelColumn), int(InteractionListModel::AgentColumn)}) {
        const QString value = source->index(sourceRow, column, sourceParent).data(Qt::DisplayRole).toString();
        if (value.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace telcodesk
