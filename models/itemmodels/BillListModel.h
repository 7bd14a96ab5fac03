#pragma once

#include "domain/Billing.h"
#include "itemmodels/RecordTableModel.h"

namespace telcodesk {

/// A customer's monthly bills with their payments, newest first. Overdue bills stand out as alerts,
/// bills still to be paid as strong rows.
class BillListModel : public RecordTableModel<Bill>
{
    Q_OBJECT

public:
    enum Column {
        MonthColumn,
        AmountColumn,
        DueColumn,
        PaidColumn,
        PaidAtColumn,
        MethodColumn,
        StatusColumn,
        ColumnCount
    };

    explicit BillListModel(QObject* parent = nullptr);

    void setBills(const QVector<Bill>& bills) { setRecords(bills); }
    const Bill& bill(int row) const { return record(row); }
    QString billId(int row) const { return idOf(row); }
    int rowOfBill(const QString& id) const { return rowOf(id); }

    int overdueCount() const;
    /// What is still owed across all bills, in fen.
    qint64 outstandingFen() const;
    static Emphasis emphasisOf(const Bill& bill);

protected:
    QVariant recordData(const Bill& bill, int column, int role) const override;
    QString columnTitle(int column) const override;
};

} // namespace telcodesk
