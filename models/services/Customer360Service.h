#pragma once

#include "common/Result.h"
#include "domain/Customer360.h"
#include "store/LocalStore.h"

namespace telcodesk {

/// Loads everything the 360° panel shows for one customer with a handful of indexed queries on the
/// calling thread's connection.
class Customer360Service
{
public:
    explicit Customer360Service(LocalStorePtr store);

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
    LocalStorePtr m_store;
};

} // namespace telcodesk
