#pragma once

#include "domain/Customer.h"
#include "store/LocalStore.h"

#include <QVector>

namespace telcodesk {

/// Finds customers as the agent types: by full or partial mobile number (leading digits or the last
/// digits), by name (Chinese or Latin, ignoring spaces and case; Latin surnames too), by ID number and by
/// account number. Every kind is a prefix range on an index, so the time does not grow with the table.
///
/// Any text is accepted: values are bound, LIKE is never used, and over-long or broken input simply
/// finds nothing.
class CustomerSearch
{
public:
    enum class QueryKind { Empty, Digits, IdNumber, AccountNo, Name };

    explicit CustomerSearch(LocalStorePtr store);

    /// Up to limit matches, best first: exact number matches, then number prefixes and suffixes, then
    /// documents, accounts and names.
    QVector<CustomerHit> search(const QString& text, int limit = 50) const;

    /// How a query is read (exposed for tests and for the UI's hint line).
    static QueryKind classify(const QString& text);
    /// The normalised form names are compared in: lower case, no white space or punctuation.
    static QString normalizeName(const QString& text);
    /// Longest query that is searched at all; longer text finds nothing.
    static constexpr int kMaxQueryChars = 64;

private:
    LocalStorePtr m_store;
};

} // namespace telcodesk
