#pragma once

#include "domain/Customer.h"
#include "itemmodels/ItemRoles.h"

#include <QAbstractTableModel>
#include <QVector>

namespace telcodesk {

/// The members of a household or an enterprise group (customers whose parent is the shown customer).
class MemberListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, RoleColumn, NumberColumn, TypeColumn, TierColumn, StatusColumn, ColumnCount };

    explicit MemberListModel(QObject* parent = nullptr);

    void setMembers(const QVector<Customer>& members);
    void setMasked(bool masked);
    bool isMasked() const { return m_masked; }
    void setLabeler(CodeLabeler labeler);

    const Customer& member(int row) const { return m_members.at(row); }
    QString customerId(int row) const;
    int rowOfCustomer(const QString& id) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Customer> m_members;
    bool m_masked = true;
    CodeLabeler m_labeler;
};

} // namespace telcodesk
