#pragma once

#include "domain/Billing.h"
#include "itemmodels/ItemRoles.h"

#include <QAbstractTableModel>
#include <QVector>

namespace telcodesk {

/// A customer's monthly bills with their payments, newest first. Overdue bills stand out as alerts,
/// bills still to be paid as strong rows.
class BillListModel : public QAbstractTableModel
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

    void setBills(const QVector<Bill>& bills);
    void setLabeler(CodeLabeler labeler);

    const Bill& bill(int row) const { return m_bills.at(row); }
    QString billId(int row) const;
    int rowOfBill(const QString& id) const;
    int overdueCount() const;
    /// What is still owed across all bills, in fen.
    qint64 outstandingFen() const;
    static Emphasis emphasisOf(const Bill& bill);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Bill> m_bills;
    CodeLabeler m_labeler;
};

} // namespace telcodesk
