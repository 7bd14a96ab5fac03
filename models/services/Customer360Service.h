#pragma once

#include "common/Result.h"
#include "domain/Customer360.h"
#include "store/LocalStore.h"

#include <map>
#include <memory>

class QSqlQuery;

namespace telcodesk {

/// Loads everything the 360° panel shows for one customer with a handful of indexed queries.
/// An instance keeps its prepared statements on the connection of the thread that first used it, so it
/// belongs to that thread.
class Customer360Service
{
public:
    explicit Customer360Service(LocalStorePtr store);
    ~Customer360Service();
    Customer360Service(const Customer360Service&) = delete;
    Customer360Service& operator=(const Customer360Service&) = delete;

    /// Errors: code "not_found" when no live customer has this id.
    Result<Customer360> load(const QString& customerId) const;

    /// The customer who holds this number (any format a person writes; a line of theirs or their
    /// primary number). Errors: "invalid" (not a phone number), "not_found".
    Result<QString> customerIdByNumber(const QString& number) const;

    /// How many months of usage the panel shows, and how many of bills.
    static constexpr int kUsageMonths = 12;
    static constexpr int kBillMonths = 24;
    static constexpr int kMaxInteractions = 500;

private:
    QSqlQuery* exec(const QString& sql, const QVariantList& binds) const;

    LocalStorePtr m_store;
    mutable std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
};

} // namespace telcodesk
