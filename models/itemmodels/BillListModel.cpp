#include "itemmodels/BillListModel.h"

#include "itemmodels/DisplayFormat.h"

#include <algorithm>

namespace telcodesk {

BillListModel::BillListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void BillListModel::setBills(const QVector<Bill>& bills)
{
    beginResetModel();
    m_bills = bills;
    endResetModel();
}

void BillListModel::setLabeler(CodeLabeler labeler)
{
    m_labeler = std::move(labeler);
    if (!m_bills.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString BillListModel::billId(int row) const
{
    return row >= 0 && row < m_bills.size() ? m_bills.at(row).id : QString();
}

int BillListModel::rowOfBill(const QString& id) const
{
    for (int row = 0; row < m_bills.size(); ++row) {
        if (m_bills.at(row).id == id)
            return row;
    }
    return -1;
}

int BillListModel::overdueCount() const
{
    return int(std::count_if(m_bills.cbegin(), m_bills.cend(), [](const Bill& b) { return b.isOverdue(); }));
}

qint64 BillListModel::outstandingFen() const
{
    qint64 total = 0;
    for (const Bill& b : m_bills) {
        if (b.amountFen > b.paidFen)
            total += b.amountFen - b.paidFen;
    }
    return total;
}

Emphasis BillListModel::emphasisOf(const Bill& bill)
{
    if (bill.isOverdue())
        return Emphasis::Alert;
    if (bill.status == QLatin1String("open") || bill.status == QLatin1String("partial"))
        return Emphasis::Strong;
    return Emphasis::None;
}

int BillListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_bills.size();
}

int BillListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BillListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Bill& b = m_bills.at(index.row());
    switch (role) {
    case ItemRoles::IdRole:
        return b.id;
    case ItemRoles::EmphasisRole:
        return int(emphasisOf(b));
    case ItemRoles::CodeRole:
        if (index.column() == StatusColumn)
            return b.status;
        if (index.column() == MethodColumn)
            return b.payMethod;
        return {};
    case ItemRoles::SortRole:
        switch (index.column()) {
        case MonthColumn:
            return b.month;
        case AmountColumn:
            return b.amountFen;
        case PaidColumn:
            return b.paidFen;
        case DueColumn:
            return b.dueDate;
        case PaidAtColumn:
            return b.paidAt;
        default:
            break;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == AmountColumn || index.column() == PaidColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (index.column()) {
    case MonthColumn:
        return DisplayFormat::month(b.month);
    case AmountColumn:
        return DisplayFormat::yuan(b.amountFen);
    case DueColumn:
        return DisplayFormat::date(b.dueDate);
    case PaidColumn:
        return DisplayFormat::yuan(b.paidFen);
    case PaidAtColumn:
        return DisplayFormat::dateTime(b.paidAt);
    case MethodColumn:
        return b.payMethod.isEmpty() ? QString() : labelFor(m_labeler, CodeDomain::PayMethod, b.payMethod);
    case StatusColumn:
        return labelFor(m_labeler, CodeDomain::BillStatus, b.status);
    }
    return {};
}

QVariant BillListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MonthColumn:
        //: Billing month of a bill
        return tr("Month");
    case AmountColumn:
        return tr("Amount");
    case DueColumn:
        return tr("Due");
    case PaidColumn:
        return tr("Paid");
    case PaidAtColumn:
        return tr("Paid on");
    case MethodColumn:
        return tr("Method");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace telcodesk
