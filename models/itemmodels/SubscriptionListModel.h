#pragma once

#include "domain/Subscription.h"
#include "itemmodels/ItemRoles.h"

#include <QAbstractTableModel>
#include <QVector>

namespace telcodesk {

/// A customer's lines and services with their plans and add-ons.
class SubscriptionListModel : public QAbstractTableModel
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

    void setSubscriptions(const QVector<Subscription>& subscriptions);
    void setMasked(bool masked);
    bool isMasked() const { return m_masked; }
    void setPlanNameLanguage(PlanNameLanguage language);
    void setLabeler(CodeLabeler labeler);

    const Subscription& subscription(int row) const { return m_subscriptions.at(row); }
    QString subscriptionId(int row) const;
    int rowOfSubscription(const QString& id) const;
    /// The plan's name in the chosen language (the other one when that is empty).
    QString planName(const Plan& plan) const;
    /// The monthly fee of the base plan and its add-ons together, in fen.
    static qint64 monthlyFeeFen(const Subscription& subscription);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refreshAll();

    QVector<Subscription> m_subscriptions;
    bool m_masked = true;
    PlanNameLanguage m_language = PlanNameLanguage::Chinese;
    CodeLabeler m_labeler;
};

} // namespace telcodesk
