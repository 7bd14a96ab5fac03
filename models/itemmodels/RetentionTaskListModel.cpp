#include "itemmodels/RetentionTaskListModel.h"

#include "itemmodels/DisplayFormat.h"
#include "itemmodels/RetentionFormat.h"

#include <QDateTime>

namespace telcodesk {

RetentionTaskListModel::RetentionTaskListModel(QObject* parent)
    : MaskedRecordTableModel(ColumnCount, &RetentionTask::id, NumberColumn, parent)
    , m_config(RetentionConfig::builtIn())
{
}

void RetentionTaskListModel::setConfig(const RetentionConfig& config)
{
    m_config = config;
    refreshAll();
}

void RetentionTaskListModel::setNow(qint64 nowMs)
{
    m_nowMs = nowMs;
    refreshAll();
}

bool RetentionTaskListModel::isPastDue(const RetentionTask& t) const
{
    return t.status == QLatin1String("open") && t.dueAt > 0 && m_nowMs > 0 && t.dueAt < m_nowMs;
}

QVariant RetentionTaskListModel::recordData(const RetentionTask& t, int column, int role) const
{
    switch (role) {
    case ItemRoles::EmphasisRole:
        if (isPastDue(t))
            return int(Emphasis::Alert);
        return int(t.status == QLatin1String("open") ? Emphasis::None : Emphasis::Muted);
    case ItemRoles::CodeRole:
        switch (column) {
        case StatusColumn:
            return t.status;
        case ReasonColumn:
            return t.reason;
        case OfferColumn:
            return t.offerCode;
        default:
            return {};
        }
    case ItemRoles::SortRole:
        if (column == DueColumn)
            return t.dueAt;
        break;
    case Qt::ToolTipRole:
        if (column == ReasonColumn)
            return RetentionFormat::reasons(t.reasons, m_config).join(QLatin1Char('\n'));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case NameColumn:
        return t.customerName;
    case NumberColumn:
        return t.msisdn.isEmpty() ? QString() : shownNumber(t.msisdn);
    case ReasonColumn: {
        const QStringList reasons = RetentionFormat::reasons(t.reasons, m_config, 1);
        if (!reasons.isEmpty())
            return reasons.first();
        return t.reason == QLatin1String("model") ? tr("Churn model") : RetentionFormat::ruleName(m_config, t.reason);
    }
    case OfferColumn:
        return t.offerName.isEmpty() ? t.offerCode : t.offerName;
    case DueColumn:
        return t.dueAt > 0 ? DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(t.dueAt, Qt::UTC)) : QString();
    case AssigneeColumn:
        if (!t.assigneeName.isEmpty())
            return t.assigneeName;
        if (!t.assigneeId.isEmpty())
            return t.assigneeId;
        //: Who has a retention task: nobody yet, it waits in queue %1
        return t.queue.isEmpty() ? tr("Unassigned") : tr("Queue: %1").arg(RetentionFormat::queue(t.queue));
    case StatusColumn:
        return t.outcome.isEmpty() ? RetentionFormat::taskStatus(t.status)
                                   //: Task status with the last outcome recorded, e.g. "Open · Call back"
                                   : tr("%1 · %2").arg(RetentionFormat::taskStatus(t.status),
                                                       RetentionService::outcomeLabel(t.outcome));
    }
    return {};
}

QString RetentionTaskListModel::columnTitle(int column) const
{
    switch (column) {
    case NameColumn:
        return tr("Customer");
    case NumberColumn:
        return tr("Number");
    case ReasonColumn:
        return tr("Why");
    case OfferColumn:
        return tr("Next-best offer");
    case DueColumn:
        return tr("Due");
    case AssigneeColumn:
        return tr("Assignee");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace telcodesk
