#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <atomic>
#include <functional>

namespace telcodesk {

/// Fills an empty local store with a realistic demo data set of a Chinese operator: customers
/// (individuals, households with members, enterprise groups, about 1 % foreigners), lines and plans,
/// 24 months of usage and bills, interactions on every channel, tickets, notes; about 9 % of
/// individuals and households planted as churners (falling spend, fading app use and calls, complaints,
/// number-porting enquiries) and about 15 % duplicate records as merged source systems leave them. What
/// was planted is recorded in demo_truth; meta keeps demo.seed, demo.customers, demo.as_of,
/// demo.seconds, demo.generated_at and demo.default_login.
///
/// Deterministic: the same seed, customer count and asOf give identical rows, ids included.
class DemoGenerator
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)

public:
    struct Options
    {
        /// Customer records to create, duplicates and household members included.
        int customers = 50000;
        quint64 seed = 20261122;
        /// The data set's "today"; invalid means the current UTC date.
        QDate asOf;
        /// Knowledge-base articles written after the customers (KbGenerator); 0 writes none.
        int kbArticles = 2000;
    };

    struct Stats
    {
        qint64 customers = 0;
        qint64 subscriptions = 0;
        qint64 usageRows = 0;
        qint64 bills = 0;
        qint64 interactions = 0;
        qint64 tickets = 0;
        qint64 duplicates = 0;
        qint64 churners = 0;
        qint64 kbArticles = 0;
        double seconds = 0;
    };

    /// Progress in thousandths with a translated description of the current stage. Called on the
    /// thread that runs generate().
    using Progress = std::function<void(int permille, const QString& stage)>;

    static constexpr int kMaxCustomers = 5000000;

    /// Runs on the calling thread with that thread's connection. Errors: "not_empty" (the store already
    /// holds customers or a catalog), "invalid" (bad options), "cancelled" (cancel became true; nothing
    /// generated is left behind), "io" (SQLite failed; nothing is left behind either).
    static Result<Stats> generate(LocalStorePtr store, const Options& options, const Progress& progress = {},
                                  const std::atomic<bool>* cancel = nullptr);
};

} // namespace telcodesk
