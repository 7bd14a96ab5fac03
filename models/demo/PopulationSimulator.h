#pragma once

#include "demo/DemoRows.h"

#include <QDate>
#include <QString>

#include <memory>
#include <vector>

namespace telcodesk::demo {

/// Simulates the customers of a Chinese operator and their last 24 months: lines, usage, bills,
/// interactions, tickets, notes, planted churners and planted duplicate records. Single-threaded and
/// deterministic: the same (customers, seed, asOf) gives the same rows, ids included, in the same order.
/// Rows come out in id order per table, so that the writer only ever appends to each B-tree.
class PopulationSimulator
{
public:
    struct Totals
    {
        qint64 customers = 0;
        qint64 subscriptions = 0;
        qint64 addons = 0;
        qint64 usageRows = 0;
        qint64 bills = 0;
        qint64 interactions = 0;
        qint64 tickets = 0;
        qint64 openTickets = 0;
        qint64 ticketEvents = 0;
        qint64 notes = 0;
        qint64 duplicates = 0;
        qint64 churners = 0;
    };

    /// asOf is the data set's "today": usage ends with the month before it, and nothing happens after
    /// its midnight (UTC).
    PopulationSimulator(int customers, quint64 seed, const QDate& asOf);
    ~PopulationSimulator();
    PopulationSimulator(const PopulationSimulator&) = delete;
    PopulationSimulator& operator=(const PopulationSimulator&) = delete;

    const std::vector<RegionRow>& regions() const;
    const std::vector<AgentRow>& agents() const;
    const std::vector<PlanRow>& plans() const;

    /// Appends the rows of the next customers (about `records` customer records, whole households and
    /// duplicate groups kept together) to chunk. Returns false once every customer has been generated.
    bool fill(Chunk& chunk, int records);

    int generatedCustomers() const;
    int targetCustomers() const;
    const Totals& totals() const;

    /// UTF-8 romanisation of a Chinese name made of known characters ("张伟" -> "Zhang Wei"), empty when
    /// a character is unknown. Exposed for tests of the reference tables.
    static std::string romanize(const std::string& chineseName);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace telcodesk::demo
