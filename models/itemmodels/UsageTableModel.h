#pragma once

#include "domain/Billing.h"
#include "itemmodels/RecordTableModel.h"

namespace telcodesk {

/// Usage and spend per month, summed over all of a customer's lines: one row per month, oldest first,
/// with every month of the window present (months without usage show zero) so that a chart's axis
/// is continuous. Numeric columns answer Qt::EditRole with plain numbers for charts and mappers.
class UsageTableModel : public RecordTableModel<UsageMonth>
{
    Q_OBJECT

public:
    enum Column { MonthColumn, SpendColumn, DataColumn, VoiceColumn, SmsColumn, AppLoginsColumn, ColumnCount };

    explicit UsageTableModel(QObject* parent = nullptr);

    /// Sums the rows per month for the `months` months that end with lastMonth (yyyymm), or with the
    /// latest month in the rows when lastMonth is 0. No rows and no lastMonth: an empty table.
    void setUsage(const QVector<UsageMonth>& rows, int months = 12, int lastMonth = 0);

    int monthKeyAt(int row) const { return record(row).month; }
    QString monthLabel(int row) const;
    double spendYuan(int row) const;
    qint64 spendFen(int row) const { return record(row).spendFen; }
    double dataGb(int row) const;
    qint64 totalSpendFen() const;
    bool hasAnyUsage() const;

protected:
    /// One summed row per month: subscriptionId is unused.
    QVariant recordData(const UsageMonth& month, int column, int role) const override;
    QString columnTitle(int column) const override;
};

} // namespace telcodesk
