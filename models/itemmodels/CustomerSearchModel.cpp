#include "itemmodels/CustomerSearchModel.h"

#include "itemmodels/DisplayFormat.h"
#include "security/Masking.h"

namespace telcodesk {

CustomerSearchModel::CustomerSearchModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CustomerSearchModel::setResults(const QVector<CustomerHit>& hits)
{
    beginResetModel();
    m_hits = hits;
    endResetModel();
}

void CustomerSearchModel::setMasked(bool masked)
{
    if (m_masked == masked)
        return;
    m_masked = masked;
    if (!m_hits.isEmpty())
        emit dataChanged(index(0, NumberColumn), index(rowCount() - 1, NumberColumn));
}

void CustomerSearchModel::setLabeler(CodeLabeler labeler)
{
    m_labeler = std::move(labeler);
    if (!m_hits.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString CustomerSearchModel::customerId(int row) const
{
    return row >= 0 && row < m_hits.size() ? m_hits.at(row).customerId : QString();
}

int CustomerSearchModel::rowOfCustomer(const QString& id) const
{
    for (int row = 0; row < m_hits.size(); ++row) {
        if (m_hits.at(row).customerId == id)
            return row;
    }
    return -1;
}

QString CustomerSearchModel::displayNumber(int row) const
{
    const CustomerHit& h = m_hits.at(row);
    const QString number = h.matchedNumber.isEmpty() ? h.primaryMsisdn : h.matchedNumber;
    if (number.isEmpty())
        return QString();
    return m_masked ? Masking::msisdn(number) : DisplayFormat::phoneNumber(number);
}

QString CustomerSearchModel::matchCode(CustomerHit::Match match)
{
    switch (match) {
    case CustomerHit::Match::Name:
        return QStringLiteral("name");
    case CustomerHit::Match::Number:
        return QStringLiteral("number");
    case CustomerHit::Match::NumberSuffix:
        return QStringLiteral("number_suffix");
    case CustomerHit::Match::IdNumber:
        return QStringLiteral("id_number");
    case CustomerHit::Match::AccountNo:
        return QStringLiteral("account_no");
    }
    return QString();
}

int CustomerSearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_hits.size();
}

int CustomerSearchModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerSearchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CustomerHit& h = m_hits.at(index.row());
    if (role == ItemRoles::IdRole)
        return h.customerId;
    if (role == Qt::DisplayRole || role == ItemRoles::SortRole) {
        switch (index.column()) {
        case NameColumn:
            return h.name;
        case NumberColumn:
            return displayNumber(index.row());
        case TypeColumn:
            return labelFor(m_labeler, CodeDomain::CustomerType, h.type);
        case TierColumn:
            return labelFor(m_labeler, CodeDomain::Tier, h.tier);
        case CityColumn:
            return h.city;
        case MatchColumn:
            return labelFor(m_labeler, CodeDomain::MatchKind, matchCode(h.match));
        }
    }
    if (role == ItemRoles::CodeRole) {
        switch (index.column()) {
        case TypeColumn:
            return h.type;
        case TierColumn:
            return h.tier;
        case MatchColumn:
            return matchCode(h.match);
        default:
            return {};
        }
    }
    return {};
}

QVariant CustomerSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case NumberColumn:
        return tr("Number");
    case TypeColumn:
        return tr("Type");
    case TierColumn:
        return tr("Tier");
    case CityColumn:
        return tr("City");
    case MatchColumn:
        return tr("Matched by");
    }
    return {};
}

} // namespace telcodesk
