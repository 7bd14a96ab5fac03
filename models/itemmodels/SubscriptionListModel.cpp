#include "itemmodels/SubscriptionListModel.h"

#include "itemmodels/DisplayFormat.h"

#include <QStringList>

namespace telcodesk {

SubscriptionListModel::SubscriptionListModel(QObject* parent)
    : MaskedRecordTableModel(ColumnCount, &Subscription::id, NumberColumn, parent)
{
}

void SubscriptionListModel::setPlanNameLanguage(PlanNameLanguage language)
{
    if (m_language == language)
        return;
    m_language = language;
    refreshAll();
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

QVariant SubscriptionListModel::recordData(const Subscription& s, int column, int role) const
{
    switch (role) {
    case ItemRoles::EmphasisRole:
        if (s.status == QLatin1String("suspended"))
            return int(Emphasis::Alert);
        if (s.status == QLatin1String("closed") || s.status == QLatin1String("ported_out"))
            return int(Emphasis::Muted);
        return int(Emphasis::None);
    case ItemRoles::CodeRole:
        if (column == ServiceColumn)
            return s.service;
        if (column == StatusColumn)
            return s.status;
        return {};
    case ItemRoles::SortRole:
        if (column == FeeColumn)
            return monthlyFeeFen(s);
        if (column == ContractEndColumn)
            return s.contractEnd;
        break;
    case Qt::TextAlignmentRole:
        if (column == FeeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == AddonsColumn || column == FeeColumn) {
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

    switch (column) {
    case ServiceColumn:
        return label(CodeDomain::Service, s.service);
    case NumberColumn:
        return shownNumber(s.number);
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
        return label(CodeDomain::SubscriptionStatus, s.status);
    }
    return {};
}

QString SubscriptionListModel::columnTitle(int column) const
{
    switch (column) {
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
