#pragma once

#include "domain/Subscription.h"
#include "itemmodels/RecordTableModel.h"

namespace telcodesk {

/// A customer's lines and services with their plans and add-ons.
class SubscriptionListModel : public MaskedRecordTableModel<Subscription>
{
    Q_OBJECT

public:
    enum Column {
        ServiceColumn,
        NumberColumn,
        UserColumn, ///< who uses the line (a household member, an employee)
        PlanColumn,
        FeeColumn,
        AddonsColumn,
        ContractEndColumn,
        StatusColumn,
        ColumnCount
    };

    explicit SubscriptionListModel(QObject* parent = nullptr);

    void setSubscriptions(const QVector<Subscription>& subscriptions) { setRecords(subscriptions); }
    void setPlanNameLanguage(PlanNameLanguage language);

    const Subscription& subscription(int row) const { return record(row); }
    QString subscriptionId(int row) const { return idOf(row); }
    int rowOfSubscription(const QString& id) const { return rowOf(id); }
    /// The plan's name in the chosen language (the other one when that is empty).
    QString planName(const Plan& plan) const;
    /// The monthly fee of the base plan and its add-ons together, in fen.
    static qint64 monthlyFeeFen(const Subscription& subscription);

protected:
    QVariant recordData(const Subscription& subscription, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    PlanNameLanguage m_language = PlanNameLanguage::Chinese;
};

} // namespace telcodesk
