#pragma once

#include "store/LocalStore.h"

#include <QString>

namespace telcodesk::test {

/// Small hand-made rows for tests, written with bound INSERTs (not through the outbox: they stand for
/// data that arrived from the server).
class Fixtures
{
public:
    explicit Fixtures(LocalStorePtr store) : m_store(std::move(store)) {}

    struct CustomerSpec
    {
        QString name;
        QString msisdn;     ///< national digits, e.g. "13812345678"; a mobile line is created for it
        QString idNumber;
        QString accountNo;
        QString type = QStringLiteral("individual");
        QString parentId;
        QString lineStatus = QStringLiteral("active");
        QString nameAlt;
    };

    /// Returns the new customer's id; QFAIL-style failures are reported through the return value being
    /// empty (the caller QVERIFYs it).
    QString addCustomer(const CustomerSpec& spec);
    QString addAgent(const QString& login, const QString& role);
    QString addPlan(const QString& code, qint64 feeFen);
    /// Adds a line for an existing customer.
    QString addLine(const QString& customerId, const QString& msisdn, const QString& status = QStringLiteral("active"));
    bool addUsage(const QString& subscriptionId, int month, qint64 spendFen, qint64 dataMb);
    bool addBill(const QString& customerId, int month, qint64 amountFen, const QString& status);
    QString addInteraction(const QString& customerId, const QString& channel, qint64 atMs, const QString& summary);
    QString addTicket(const QString& customerId, const QString& status, qint64 createdMs, const QString& title);
    /// A customer_score row as a scoring run leaves it (model "m"); segment empty: none. reasonsJson as
    /// ReasonText::toJson writes it.
    bool addScore(const QString& customerId, double probability, const QString& band, const QString& segment = {},
                  const QString& reasonsJson = QStringLiteral("[]"));
    int count(const QString& table) const;

private:
    bool exec(const QString& sql, const QVariantList& binds) const;
    LocalStorePtr m_store;
    QString m_planId;
};

} // namespace telcodesk::test
