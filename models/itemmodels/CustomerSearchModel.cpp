#include "itemmodels/CustomerSearchModel.h"

#include <QLocale>

namespace telcodesk {

CustomerSearchModel::CustomerSearchModel(QObject* parent)
    : MaskedRecordTableModel(ColumnCount, &CustomerHit::customerId, NumberColumn, parent)
{
}

QString CustomerSearchModel::numberOf(const CustomerHit& h) const
{
    const QString number = h.matchedNumber.isEmpty() ? h.primaryMsisdn : h.matchedNumber;
    return number.isEmpty() ? QString() : shownNumber(number);
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

QVariant CustomerSearchModel::recordData(const CustomerHit& h, int column, int role) const
{
    if (role == Qt::DisplayRole || role == ItemRoles::SortRole) {
        switch (column) {
        case NameColumn:
            return h.name;
        case NumberColumn:
            return numberOf(h);
        case TypeColumn:
            return label(CodeDomain::CustomerType, h.type);
        case TierColumn:
            return label(CodeDomain::Tier, h.tier);
        case CityColumn:
            // Cities are recorded in Chinese; other languages show the region's English name.
            return QLocale().language() == QLocale::Chinese || h.cityEn.isEmpty() ? h.city : h.cityEn;
        case MatchColumn:
            return label(CodeDomain::MatchKind, matchCode(h.match));
        }
    }
    if (role == ItemRoles::CodeRole) {
        switch (column) {
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

QString CustomerSearchModel::columnTitle(int column) const
{
    switch (column) {
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
