#include "itemmodels/InteractionListModel.h"

#include "itemmodels/DisplayFormat.h"

#include <algorithm>

namespace telcodesk {

namespace {

bool newerFirst(const Interaction& a, const Interaction& b)
{
    return a.occurredAt > b.occurredAt;
}

} // namespace

InteractionListModel::InteractionListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void InteractionListModel::setInteractions(const QVector<Interaction>& interactions)
{
    beginResetModel();
    m_items = interactions;
    std::stable_sort(m_items.begin(), m_items.end(), newerFirst);
    endResetModel();
}

int InteractionListModel::addInteraction(const Interaction& interaction)
{
    const auto pos = std::upper_bound(m_items.begin(), m_items.end(), interaction, newerFirst);
    const int row = int(pos - m_items.begin());
    beginInsertRows(QModelIndex(), row, row);
    m_items.insert(row, interaction);
    endInsertRows();
    return row;
}

void InteractionListModel::setLabeler(CodeLabeler labeler)
{
    m_labeler = std::move(labeler);
    if (!m_items.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString InteractionListModel::interactionId(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row).id : QString();
}

int InteractionListModel::rowOfInteraction(const QString& id) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).id == id)
            return row;
    }
    return -1;
}

int InteractionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_items.size();
}

int InteractionListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InteractionListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Interaction& i = m_items.at(index.row());
    switch (role) {
    case ItemRoles::IdRole:
        return i.id;
    case ItemRoles::CodeRole:
        switch (index.column()) {
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
        if (index.column() == TimeColumn)
            return i.occurredAt.toMSecsSinceEpoch();
        break;
    case Qt::ToolTipRole:
        if (index.column() == SummaryColumn)
            return i.summary;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (index.column()) {
    case TimeColumn:
        return DisplayFormat::dateTime(i.occurredAt);
    case ChannelColumn:
        return labelFor(m_labeler, CodeDomain::Channel, i.channel);
    case KindColumn:
        return labelFor(m_labeler, CodeDomain::InteractionKind, i.kind);
    case DirectionColumn:
        return labelFor(m_labeler, CodeDomain::Direction, i.direction);
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

QVariant InteractionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
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
