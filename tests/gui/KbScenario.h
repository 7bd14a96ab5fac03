#pragma once

#include "GuiScenario.h"
#include "kb/KbArticleService.h"

#include <memory>

namespace telcodesk::test {

/// GuiScenario plus a supervisor, an admin and a small knowledge base written through KbArticleService
/// (drafted by the supervisor, approved by the admin), so that the views read what the service writes:
/// - broadbandFault  zh_CN broadband.fault   tags 宽带, 光猫   "宽带故障排查：光猫红灯怎么办"
/// - broadbandInstall zh_CN broadband.install tags 宽带, 装机   "宽带装机预约流程"
/// - roamingPass     en    roaming           tags roaming      "International roaming day pass"
/// - roamingBill     en    billing.dispute   tags roaming, bill "Disputing a roaming charge on the bill"
/// - planChange      zh_CN plans.change      tags 套餐         "套餐变更规则"
/// - inReview        zh_CN network, written by the admin and submitted: waiting for review
/// - draft           zh_CN device, the supervisor's draft
class KbScenario
{
public:
    KbScenario();

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    LocalStorePtr store() const { return m_gui.store(); }
    const GuiScenario& gui() const { return m_gui; }
    Session agentSession() const { return m_gui.agentSession(); }
    Session supervisorSession() const;
    Session adminSession() const;

    /// Drafts, submits and approves an article; returns its id (empty on failure, error() says why).
    QString publish(const KbDraft& draft);
    static KbDraft makeDraft(const QString& title, const QString& body, const QString& category,
                             const QStringList& tags, const QString& language);
    /// SELECT COUNT(*) with bound values.
    int count(const QString& sql, const QVariantList& binds) const;

    QString supervisorId;
    QString adminId;
    QString broadbandFault;
    QString broadbandInstall;
    QString roamingPass;
    QString roamingBill;
    QString planChange;
    QString inReview;
    QString draft;

private:
    bool build();

    GuiScenario m_gui;
    bool m_ok = false;
    QString m_error;
};

} // namespace telcodesk::test
