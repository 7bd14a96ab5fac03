#pragma once

#include "domain/Customer.h"
#include "itemmodels/ItemRoles.h"

#include <QAbstractTableModel>
#include <QVector>

namespace telcodesk {

/// The results of a customer search, one row per customer hit.
class CustomerSearchModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, NumberColumn, TypeColumn, TierColumn, CityColumn, MatchColumn, ColumnCount };

    explicit CustomerSearchModel(QObject* parent = nullptr);

    /// Replaces the results (a reset: a new query is a new list).
    void setResults(const QVector<CustomerHit>& hits);
    void clear() { setResults({}); }
    /// Numbers are masked unless told otherwise; changing it repaints the number column only.
    void setMasked(bool masked);
    bool isMasked() const { return m_masked; }
    void setLabeler(CodeLabeler labeler);

    const CustomerHit& hit(int row) const { return m_hits.at(row); }
    QString customerId(int row) const;
    /// Row of a customer, or -1.
    int rowOfCustomer(const QString& customerId) const;
    /// The number a row shows: the line that matched, else the primary number; masked when masked.
    QString displayNumber(int row) const;
    /// The stored code of how the hit matched: "name", "number", "number_suffix", "id_number", "account_no".
    static QString matchCode(CustomerHit::Match match);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<CustomerHit> m_hits;
    bool m_masked = true;
    CodeLabeler m_labeler;
};

} // namespace telcodesk
