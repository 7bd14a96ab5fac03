#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QDate>

#include <atomic>

namespace telcodesk {

/// Writes a realistic knowledge base of a Chinese operator into a store: articles in zh_CN and en
/// (about 60 / 40) over the default kb_category tree — plan rules built from the store's plan catalog,
/// roaming by destination, billing disputes, broadband fault-finding, installation, number porting,
/// real-name rules, coverage, devices and SIM cards — as rich text (headings, steps, tables), with tags,
/// plan codes and prices in the text, authors and reviewers among the store's supervisors, mostly
/// published with a few drafts, reviews and retired ones, earlier versions with change notes in
/// kb_article_version, and views, votes and ticket links over the last 60 days.
///
/// Deterministic for a seed and asOf. Runs on the calling thread's connection in one transaction:
/// all of it is written, or nothing.
class KbGenerator
{
    Q_DECLARE_TR_FUNCTIONS(KbGenerator)
public:
    struct Options
    {
        int articles = 2000;
        quint64 seed = 20261122;
        QDate asOf; ///< invalid: the current UTC date
    };
    struct Stats
    {
        qint64 articles = 0;
        qint64 published = 0;
        qint64 versions = 0;
        qint64 feedback = 0;
        qint64 links = 0;
        double seconds = 0;
    };
    static constexpr int kMaxArticles = 200000;

    /// Works on an empty store too (no plans, agents or tickets: the plan articles use built-in
    /// examples, authors get generated ids, no links are made). Errors: "invalid" (bad options),
    /// "not_empty" (the store already has articles), "cancelled", "io".
    static Result<Stats> generate(LocalStorePtr store, const Options& options,
                                  const std::atomic<bool>* cancel = nullptr);
};

} // namespace telcodesk
