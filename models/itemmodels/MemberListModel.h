#pragma once

#include "domain/Customer.h"
#include "itemmodels/RecordTableModel.h"

namespace telcodesk {

/// The members of a household or an enterprise group (customers whose parent is the shown customer).
class MemberListModel : public MaskedRecordTableModel<Customer>
{
    Q_OBJECT

public:
    enum Column { NameColumn, RoleColumn, NumberColumn, TypeColumn, TierColumn, StatusColumn, ColumnCount };

    explicit MemberListModel(QObject* parent = nullptr);

    void setMembers(const QVector<Customer>& members) { setRecords(members); }

    const Customer& member(int row) const { return record(row); }
    QString customerId(int row) const { return idOf(row); }
    int rowOfCustomer(const QString& id) const { return rowOf(id); }

protected:
    QVariant recordData(const Customer& member, int column, int role) const override;
    QString columnTitle(int column) const override;
};

} // namespace telcodesk
