#include "itemmodels/BillListModel.h"

#include "itemmodels/DisplayFormat.h"

#include <algorithm>

namespace telcodesk {

BillListModel::BillListModel(QObject* parent)
    : RecordTableModel(ColumnCount, &Bill::id, parent)
{
}

int BillListModel::overdueCount() const
{
    return int(std::count_if(records().cbegin(), records().cend(), [](const Bill& b) { return b.isOverdue(); }));
}

qint64 BillListModel::outstandingFen() const
{
    qint64 total = 0;
    for (const Bill& b : records()) {
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

QVariant BillListModel::recordData(const Bill& b, int column, int role) const
{
    switch (role) {
    case ItemRoles::EmphasisRole:
        return int(emphasisOf(b));
    case ItemRoles::CodeRole:
        if (column == StatusColumn)
            return b.status;
        if (column == MethodColumn)
            return b.payMethod;
        return {};
    case ItemRoles::SortRole:
        switch (column) {
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
        if (column == AmountColumn || column == PaidColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (column) {
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
        return b.payMethod.isEmpty() ? QString() : label(CodeDomain::PayMethod, b.payMethod);
    case StatusColumn:
        return label(CodeDomain::BillStatus, b.status);
    }
    return {};
}

QString BillListModel::columnTitle(int column) const
{
    switch (column) {
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
