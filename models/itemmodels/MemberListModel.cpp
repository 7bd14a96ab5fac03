#include "itemmodels/MemberListModel.h"

#include "itemmodels/DisplayFormat.h"
#include "security/Masking.h"

namespace telcodesk {

MemberListModel::MemberListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void MemberListModel::setMembers(const QVector<Customer>& members)
{
    beginResetModel();
    m_members = members;
    endResetModel();
}

void MemberListModel::setMasked(bool masked)
{
    if (m_masked == masked)
        return;
    m_masked = masked;
    if (!m_members.isEmpty())
        emit dataChanged(index(0, NumberColumn), index(rowCount() - 1, NumberColumn));
}

void MemberListModel::setLabeler(CodeLabeler labeler)
{
    m_labeler = std::move(labeler);
    if (!m_members.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString MemberListModel::customerId(int row) const
{
    return row >= 0 && row < m_members.size() ? m_members.at(row).id : QString();
}

int MemberListModel::rowOfCustomer(const QString& id) const
{
    for (int row = 0; row < m_members.size(); ++row) {
        if (m_members.at(row).id == id)
            return row;
    }
    return -1;
}

int MemberListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_members.size();
}

int MemberListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MemberListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Customer& c = m_members.at(index.row());
    switch (role) {
    case ItemRoles::IdRole:
        return c.id;
    case ItemRoles::EmphasisRole:
        return int(c.status == QLatin1String("active") ? Emphasis::None : Emphasis::Muted);
    case ItemRoles::CodeRole:
        switch (index.column()) {
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

    switch (index.column()) {
    case NameColumn:
        return c.name;
    case RoleColumn:
        return c.memberRole.isEmpty() ? QString() : labelFor(m_labeler, CodeDomain::MemberRole, c.memberRole);
    case NumberColumn:
        if (c.primaryMsisdn.isEmpty())
            return QString();
        return m_masked ? Masking::msisdn(c.primaryMsisdn) : DisplayFormat::phoneNumber(c.primaryMsisdn);
    case TypeColumn:
        return labelFor(m_labeler, CodeDomain::CustomerType, c.type);
    case TierColumn:
        return c.tier.isEmpty() ? QString() : labelFor(m_labeler, CodeDomain::Tier, c.tier);
    case StatusColumn:
        return labelFor(m_labeler, CodeDomain::CustomerStatus, c.status);
    }
    return {};
}

QVariant MemberListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
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
