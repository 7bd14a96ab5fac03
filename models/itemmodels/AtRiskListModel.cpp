#include "itemmodels/AtRiskListModel.h"

#include "itemmodels/RetentionFormat.h"

#include <algorithm>
#include <iterator>

namespace telcodesk {

namespace {

int bandRank(const QString& band)
{
    return band == QLatin1String("high") ? 2 : band == QLatin1String("medium") ? 1 : 0;
}

} // namespace

AtRiskListModel::AtRiskListModel(QObject* parent)
    : MaskedRecordTableModel(ColumnCount, &AtRiskRow::customerId, NumberColumn, parent)
    , m_config(RetentionConfig::builtIn())
{
}

int AtRiskListModel::columnOf(AtRiskFilter::Sort key)
{
    switch (key) {
    case AtRiskFilter::Sort::Probability:
        return ProbabilityColumn;
    case AtRiskFilter::Sort::Band:
        return BandColumn;
    case AtRiskFilter::Sort::Name:
        return NameColumn;
    case AtRiskFilter::Sort::Number:
        return NumberColumn;
    case AtRiskFilter::Sort::Segment:
        return SegmentColumn;
    }
    return ProbabilityColumn;
}

namespace {

constexpr AtRiskFilter::Sort kSortKeys[] = {AtRiskFilter::Sort::Probability, AtRiskFilter::Sort::Band,
                                            AtRiskFilter::Sort::Name, AtRiskFilter::Sort::Number,
                                            AtRiskFilter::Sort::Segment};

} // namespace

bool AtRiskListModel::isSortable(int column)
{
    return std::any_of(std::begin(kSortKeys), std::end(kSortKeys),
                       [column](AtRiskFilter::Sort key) { return columnOf(key) == column; });
}

QVariant AtRiskListModel::columnHeaderData(int column, int role) const
{
    if (role != Qt::InitialSortOrderRole || !isSortable(column))
        return {};
    return int(column == ProbabilityColumn || column == BandColumn ? Qt::DescendingOrder : Qt::AscendingOrder);
}

void AtRiskListModel::sort(int column, Qt::SortOrder order)
{
    const auto* key = std::find_if(std::begin(kSortKeys), std::end(kSortKeys),
                                   [column](AtRiskFilter::Sort k) { return columnOf(k) == column; });
    if (key == std::end(kSortKeys))
        return;
    const bool ascending = order == Qt::AscendingOrder;
    if (*key == m_sort && ascending == m_ascending)
        return;
    m_sort = *key;
    m_ascending = ascending;
    emit sortRequested();
}

void AtRiskListModel::setConfig(const RetentionConfig& config)
{
    m_config = config;
    refreshAll();
}

QVariant AtRiskListModel::recordData(const AtRiskRow& r, int column, int role) const
{
    switch (role) {
    case ItemRoles::EmphasisRole:
        return int(r.band == QLatin1String("high") && r.taskId.isEmpty() ? Emphasis::Alert : Emphasis::None);
    case ItemRoles::CodeRole:
        switch (column) {
        case BandColumn:
            return r.band;
        case SegmentColumn:
            return r.segment;
        case TaskColumn:
            return r.taskStatus;
        case OutcomeColumn:
            return r.taskOutcome;
        default:
            return {};
        }
    case ItemRoles::SortRole:
        switch (column) {
        case BandColumn:
            return bandRank(r.band);
        case ProbabilityColumn:
            return r.probability;
        default:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (column == ReasonColumn)
            return RetentionFormat::reasons(r.reasons, m_config).join(QLatin1Char('\n'));
        return {};
    case Qt::TextAlignmentRole:
        if (column == ProbabilityColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case NameColumn:
        return r.name;
    case NumberColumn:
        return r.msisdn.isEmpty() ? QString() : shownNumber(r.msisdn);
    case BandColumn:
        return RetentionFormat::band(r.band);
    case ProbabilityColumn:
        return RetentionFormat::percent(r.probability);
    case ReasonColumn:
        // The strongest two: a rule says which one fired, the next reason says what in the customer's data.
        return RetentionFormat::reasons(r.reasons, m_config, 2).join(tr(" · ", "between reasons"));
    case SegmentColumn:
        return r.segment.isEmpty() ? QString() : RetentionFormat::segmentName(m_config, r.segment);
    case TaskColumn:
        return r.taskId.isEmpty() ? tr("No task") : RetentionFormat::taskStatus(r.taskStatus);
    case AssigneeColumn:
        return r.taskId.isEmpty() ? QString() : r.taskAssignee.isEmpty() ? tr("In the queue") : r.taskAssignee;
    case OutcomeColumn:
        return r.taskOutcome.isEmpty() ? QString() : RetentionService::outcomeLabel(r.taskOutcome);
    }
    return {};
}

QString AtRiskListModel::columnTitle(int column) const
{
    switch (column) {
    case NameColumn:
        return tr("Customer");
    case NumberColumn:
        return tr("Number");
    case BandColumn:
        return tr("Risk");
    case ProbabilityColumn:
        return tr("Probability");
    case ReasonColumn:
        return tr("Main reasons");
    case SegmentColumn:
        return tr("Segment");
    case TaskColumn:
        return tr("Task");
    case AssigneeColumn:
        return tr("Assignee");
    case OutcomeColumn:
        return tr("Outcome");
    }
    return {};
}

} // namespace telcodesk
