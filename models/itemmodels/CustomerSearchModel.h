#pragma once

#include "domain/Customer.h"
#include "itemmodels/RecordTableModel.h"

namespace telcodesk {

/// The results of a customer search, one row per customer hit.
class CustomerSearchModel : public MaskedRecordTableModel<CustomerHit>
{
    Q_OBJECT

public:
    enum Column { NameColumn, NumberColumn, TypeColumn, TierColumn, CityColumn, MatchColumn, ColumnCount };

    explicit CustomerSearchModel(QObject* parent = nullptr);

    /// Replaces the results (a reset: a new query is a new list).
    void setResults(const QVector<CustomerHit>& hits) { setRecords(hits); }
    void clear() { setResults({}); }

    const CustomerHit& hit(int row) const { return record(row); }
    QString customerId(int row) const { return idOf(row); }
    /// Row of a customer, or -1.
    int rowOfCustomer(const QString& customerId) const { return rowOf(customerId); }
    /// The number a row shows: the line that matched, else the primary number; masked when masked.
    QString displayNumber(int row) const { return numberOf(record(row)); }
    /// The stored code of how the hit matched: "name", "number", "number_suffix", "id_number", "account_no".
    static QString matchCode(CustomerHit::Match match);

protected:
    QVariant recordData(const CustomerHit& hit, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    QString numberOf(const CustomerHit& hit) const;
};

} // namespace telcodesk
