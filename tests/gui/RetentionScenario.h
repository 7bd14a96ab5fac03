#pragma once

#include "GuiScenario.h"

#include <memory>

namespace telcodesk::test {

/// GuiScenario plus churn-risk scores and a retention task, written as a scoring run and a sync would
/// leave them (ScoreStore, bound INSERTs), and a supervisor and a retention agent:
/// - 陈静 (chenJing): high, 72 %; reasons: the "two of three decline signals" rule, 3 complaints in 30
///   days, spend down 35 % over 3 months; rules decline_signals, dissatisfied, renewal_due; segment
///   family; tags long_tenure (fact), heavy_data (behaviour), likely_to_leave (predictive); an open task
///   waiting in the retention queue with the 10 GB data pack offer;
/// - 王强 (wangQiang): medium, 31 %, segment young, no task;
/// - 王小明 (wangXiaoming): low, 5 %.
class RetentionScenario
{
public:
    RetentionScenario();

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    LocalStorePtr store() const { return m_gui.store(); }
    const GuiScenario& gui() const { return m_gui; }
    QString dataDir() const { return m_gui.dataDir(); }
    Session agentSession() const { return m_gui.agentSession(); }
    Session supervisorSession() const;
    /// 孙丽 (keep01), an agent of the retention team (skill "retention"): the queue's task is in her list.
    Session retentionAgentSession() const;
    int count(const QString& sql, const QVariantList& binds = {}) const;

    QString supervisorId;
    QString retentionAgentId; ///< an agent with the retention skill (a candidate for reassignment)
    QString chenTask;         ///< the open task of 陈静
    static constexpr double kChenProbability = 0.72;

private:
    bool build();

    GuiScenario m_gui;
    bool m_ok = false;
    QString m_error;
};

} // namespace telcodesk::test
