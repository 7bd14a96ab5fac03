#pragma once

#include "common/Clock.h"
#include "scoring/RetentionConfig.h"
#include "scoring/ScoringEngine.h"
#include "security/Session.h"
#include "services/RetentionService.h"
#include "store/LocalStore.h"

#include <QFrame>

#include <optional>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace telcodesk {

/// The churn-risk card of the 360° panel: the band and probability, the top reasons in plain words, the
/// rule flags (renewal reminder, dissatisfied) as chips, the RFM segment, the tags grouped into facts,
/// behaviour and predictions, and the customer's open retention task with its next-best offer, from
/// which the agent records the outcome or takes the task out of the queue.
class RiskCard : public QFrame
{
    Q_OBJECT

public:
    RiskCard(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(),
             QWidget* parent = nullptr);

    /// Reads the customer's score and open task and shows them.
    void setCustomer(const QString& customerId, const QString& customerName);
    /// Reads them again (after a scoring run or a sync).
    void reload();
    /// A scoring run rewrote these customers' scores (empty: everyone).
    void scoresChanged(const QStringList& customerIds);

    /// Opens the record-outcome dialog for the open task; true when an outcome was written.
    bool recordOutcome();
    /// Takes the task out of the queue for the signed-in agent; true when it was.
    bool takeTask();

    QString customerId() const { return m_customerId; }
    const std::optional<CustomerScore>& score() const { return m_score; }
    const std::optional<RetentionTask>& task() const { return m_task; }
    /// The retention document the words come from (the store's, or the built-in one).
    const RetentionConfig& config() const { return m_config; }

    QString bandText() const;
    QStringList reasonTexts() const;
    QStringList flagTexts() const;
    QString segmentText() const;
    QString tagsText() const;
    QString taskText() const;
    QString errorText() const;
    QPushButton* recordOutcomeButton() const { return m_recordButton; }
    QPushButton* takeTaskButton() const { return m_takeButton; }

Q_SIGNALS:
    /// The task was changed here (outcome, taken): lists and the outbox count follow.
    void taskChanged(const QString& taskId);
    void localChangeWritten();

private:
    void updateView();
    void showError(const QString& message);
    QLabel* addLine(const QString& objectName);

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
    QString m_customerId;
    QString m_customerName;
    RetentionConfig m_config;
    std::optional<CustomerScore> m_score;
    std::optional<RetentionTask> m_task;
    std::optional<RetentionTask> m_lastClosed; ///< the newest closed task, shown when none is open

    QVBoxLayout* m_layout = nullptr;
    QLabel* m_band = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_reasons = nullptr;
    QWidget* m_flagBox = nullptr;
    QVBoxLayout* m_flagLayout = nullptr;
    QLabel* m_segment = nullptr;
    QLabel* m_tags = nullptr;
    QWidget* m_taskBox = nullptr;
    QLabel* m_taskText = nullptr;
    QPushButton* m_recordButton = nullptr;
    QPushButton* m_takeButton = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace telcodesk
