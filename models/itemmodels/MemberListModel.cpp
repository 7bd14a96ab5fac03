#include "itemmodels/MemberListModel.h"

namespace telcodesk {

MemberListModel::MemberListModel(QObject* parent)
    : MaskedRecordTableModel(ColumnCount, &Customer::id, NumberColumn, parent)
{
}

QVariant MemberListModel::recordData(const Customer& c, int column, int role) const
{
    switch (role) {
    case ItemRoles::EmphasisRole:
        return int(c.status == QLatin1String("active") ? Emphasis::None : Emphasis::Muted);
    case ItemRoles::CodeRole:
        switch (column) {
        case RoleColumn:
            return c.memberRole;
        case TypeColumn:
            return c.type;
        case TierColumn:
            return c.tier;
        case StatusColumn:
            return c.status;
        default:
            return {};
        }
    case Qt::DisplayRole:
    case ItemRoles::SortRole:
        break;
    default:
        return {};
    }

    switch (column) {
    case NameColumn:
        return c.name;
    case RoleColumn:
        return c.memberRole.isEmpty() ? QString() : label(CodeDomain::MemberRole, c.memberRole);
    case NumberColumn:
        if (c.primaryMsisdn.isEmpty())
            return QString();
        return shownNumber(c.primaryMsisdn);
    case TypeColumn:
        return label(CodeDomain::CustomerType, c.type);
    case TierColumn:
        return c.tier.isEmpty() ? QString() : label(CodeDomain::Tier, c.tier);
    case StatusColumn:
        return label(CodeDomain::CustomerStatus, c.status);
    }
    return {};
}

QString MemberListModel::columnTitle(int column) const
{
    switch (column) {
    case NameColumn:
        return tr("Name");
    case RoleColumn:
        //: Role of a member within a household or enterprise group
        return tr("Role");
    case NumberColumn:
        return tr("Number");
    case TypeColumn:
        return tr("Type");
    case TierColumn:
        return tr("Tier");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace telcodesk
