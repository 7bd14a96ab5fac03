#include "itemmodels/SubscriptionListModel.h"

#include "itemmodels/DisplayFormat.h"
#include "security/Masking.h"

#include <QStringList>

namespace telcodesk {

SubscriptionListModel::SubscriptionListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SubscriptionListModel::setSubscriptions(const QVector<Subscription>& subscriptions)
{
    beginResetModel();
    m_subscriptions = subscriptions;
    endResetModel();
}

void SubscriptionListModel::setMasked(bool masked)
{
    if (m_masked == masked)
        return;
    m_masked = masked;
    if (!m_subscriptions.isEmpty())
        emit dataChanged(index(0, NumberColumn), index(rowCount() - 1, NumberColumn));
}

void SubscriptionListModel::setPlanNameLanguage(PlanNameLanguage language)
{
    if (m_language == language)
        return;
    m_language = language;
    refreshAll();
}

void SubscriptionListModel::setLabeler(CodeLabeler labeler)
{
    m_labeler = std::move(labeler);
    refreshAll();
}

void SubscriptionListModel::refreshAll()
{
    if (!m_subscriptions.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString SubscriptionListModel::subscriptionId(int row) const
{
    return row >= 0 && row < m_subscriptions.size() ? m_subscriptions.at(row).id : QString();
}

int SubscriptionListModel::rowOfSubscription(const QString& id) const
{
    for (int row = 0; row < m_subscriptions.size(); ++row) {
        if (m_subscriptions.at(row).id == id)
            return row;
    }
    return -1;
}

QString SubscriptionListModel::planName(const Plan& plan) const
{
    const QString& preferred = m_language == PlanNameLanguage::Chinese ? plan.nameZh : plan.nameEn;
    const QString& other = m_language == PlanNameLanguage::Chinese ? plan.nameEn : plan.nameZh;
    return preferred.isEmpty() ? other : preferred;
}

qint64 SubscriptionListModel::monthlyFeeFen(const Subscription& s)
{
    qint64 total = s.plan.monthlyFeeFen;
    for (const Plan& addon : s.addons)
        total += addon.monthlyFeeFen;
    return total;
}

int SubscriptionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_subscriptions.size();
}

int SubscriptionListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubscriptionListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Subscription& s = m_subscriptions.at(index.row());
    switch (role) {
    case ItemRoles::IdRole:
        return s.id;
    case ItemRoles::EmphasisRole:
        if (s.status == QLatin1String("suspended"))
            return int(Emphasis::Alert);
        if (s.status == QLatin1String("closed") || s.status == QLatin1String("ported_out"))
            return int(Emphasis::Muted);
        return int(Emphasis::None);
    case ItemRoles::CodeRole:
        if (index.column() == ServiceColumn)
            return s.service;
        if (index.column() == StatusColumn)
            return s.status;
        return {};
    case ItemRoles::SortRole:
        if (index.column() == FeeColumn)
            return monthlyFeeFen(s);
        if (index.column() == ContractEndColumn)
            return s.contractEnd;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == FeeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == AddonsColumn || index.column() == FeeColumn) {
            QStringList lines;
            lines << tr("%1: %2 per month").arg(planName(s.plan), DisplayFormat::yuan(s.plan.monthlyFeeFen));
            for (const Plan& addon : s.addons)
                lines << tr("%1: %2 per month").arg(planName(addon), DisplayFormat::yuan(addon.monthlyFeeFen));
            return lines.join(QLatin1Char('\n'));
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (index.column()) {
    case ServiceColumn:
        return labelFor(m_labeler, CodeDomain::Service, s.service);
    case NumberColumn:
        return m_masked ? Masking::msisdn(s.number) : DisplayFormat::phoneNumber(s.number);
    case UserColumn:
        return s.userName;
    case PlanColumn:
        return planName(s.plan);
    case FeeColumn:
        return DisplayFormat::yuan(monthlyFeeFen(s));
    case AddonsColumn: {
        QStringList names;
        for (const Plan& addon : s.addons)
            names << planName(addon);
        return names.join(QStringLiteral(", "));
    }
    case ContractEndColumn:
        return s.contractEnd.isValid() ? DisplayFormat::date(s.contractEnd) : tr("No contract");
    case StatusColumn:
        return labelFor(m_labeler, CodeDomain::SubscriptionStatus, s.status);
    }
    return {};
}

QVariant SubscriptionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ServiceColumn:
        return tr("Service");
    case NumberColumn:
        return tr("Number");
    case UserColumn:
        //: Column: the person who uses a line
        return tr("User");
    case PlanColumn:
        return tr("Plan");
    case FeeColumn:
        //: Monthly fee of the plan and its add-ons
        return tr("Monthly fee");
    case AddonsColumn:
        return tr("Add-ons");
    case ContractEndColumn:
        return tr("Contract end");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace telcodesk
