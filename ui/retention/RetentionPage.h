#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "scoring/RetentionConfig.h"
#include "security/Session.h"
#include "services/RetentionService.h"
#include "store/LocalStore.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTimer;

namespace telcodesk {

class AtRiskListModel;
class RetentionTaskListModel;
class SectionTable;

/// The Retention section. Supervisors and administrators (ManageRetention) see the at-risk list: every
/// scored customer at high (or medium) risk with the main reason in words, the RFM segment and their
/// retention task, filtered by band, segment and task, from which a customer opens in the 360° panel
/// and a task is given to someone else. Everyone sees "My retention tasks": their own and the retention
/// team's queue, to record outcomes and take tasks. Empty lists say why (not scored yet, nothing at risk).
class RetentionPage : public QWidget
{
    Q_OBJECT

public:
    enum Tab { AtRiskTab, MyTasksTab };

    RetentionPage(LocalStorePtr store, const Session& session, const Clock& clock = Clock::system(),
                  QWidget* parent = nullptr);

    /// Reads both lists again. Notifications (scoresChanged, refreshFromSync, taskChanged) lead to it after
    /// a delay of at least 300 ms and at least ten times what the last reading took.
    void reload();
    /// That delay now, in ms.
    int reloadDelayMs() const;
    /// Scoring rewrote scores: the lists are read again (at once when shown, else when next shown).
    void scoresChanged(const QStringList& customerIds);
    /// A sync wrote rows of these tables.
    void refreshFromSync(const QStringList& tables);
    /// A task changed elsewhere (the risk card).
    void taskChanged(const QString& taskId);

    /// For the task selected in "My retention tasks".
    bool recordOutcome();
    bool takeTask();
    /// Gives the task of the customer selected in the at-risk list to another agent (ManageRetention).
    bool reassign();
    /// Writes every customer the at-risk filters match, in the list's order, to a CSV file (AtRiskExport);
    /// says in message() what was written or why nothing was. The Export… button asks for the path.
    bool exportAtRisk(const QString& path);

    /// Shows "My retention tasks".
    void showMyTasks();

    /// Rows of the at-risk list read at a time (500); the next page is read when the list is scrolled
    /// to its end.
    void setPageSize(int rows);
    /// Reads the next page of the at-risk list; false when all rows are shown already.
    bool fetchMoreAtRisk();
    /// How many customers the at-risk filters match in all (the list may show fewer).
    int atRiskTotal() const { return m_atRiskTotal; }

    bool showsAtRiskList() const { return m_atRiskTable != nullptr; }
    QTabWidget* tabs() const { return m_tabs; }
    AtRiskListModel* atRiskModel() const { return m_atRisk; }
    RetentionTaskListModel* taskModel() const { return m_tasks; }
    SectionTable* atRiskTable() const { return m_atRiskTable; }
    SectionTable* taskTable() const { return m_taskTable; }
    QComboBox* bandFilter() const { return m_band; }
    QComboBox* segmentFilter() const { return m_segment; }
    QComboBox* taskFilter() const { return m_taskFilter; }
    QLabel* atRiskCountLabel() const { return m_atRiskCount; }
    QPushButton* reassignButton() const { return m_reassign; }
    QPushButton* rescoreButton() const { return m_rescore; }
    QPushButton* exportButton() const { return m_export; }
    /// What came of this month's retention tasks, in a line above the at-risk list.
    QLabel* summaryLabel() const { return m_summary; }
    QPushButton* recordOutcomeButton() const { return m_record; }
    QPushButton* takeTaskButton() const { return m_take; }
    QString atRiskEmptyText() const;
    QString taskEmptyText() const;

Q_SIGNALS:
    void openCustomerRequested(const QString& customerId);
    /// A task was written (outcome, taken, reassigned).
    void retentionTaskChanged(const QString& taskId);
    void localChangeWritten();
    void message(const QString& text);
    /// "Score again": every customer is to be scored again (the window passes it to the scoring service).
    void rescoreRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildAtRiskTab();
    QWidget* buildMyTasksTab();
    void reloadLists();
    AtRiskFilter atRiskFilter() const; ///< the filters and sort chosen on the at-risk tab
    void reloadAtRisk();
    void updateAtRiskCount();
    void updateSummary();
    void reloadTasks();
    void reloadSegments();
    void updateButtons();
    void written(const QString& taskId);
    QString selectedTaskId() const;
    /// Whether any customer has a score on this desktop.
    bool anyScored() const;

    LocalStorePtr m_store;
    Session m_session;
    const Clock& m_clock;
    RetentionConfig m_config;
    bool m_stale = true;
    int m_pageSize = 500;
    int m_atRiskTotal = 0;

    QTabWidget* m_tabs = nullptr;
    AtRiskListModel* m_atRisk = nullptr;
    RetentionTaskListModel* m_tasks = nullptr;
    SectionTable* m_atRiskTable = nullptr;
    SectionTable* m_taskTable = nullptr;
    QComboBox* m_band = nullptr;
    QComboBox* m_segment = nullptr;
    QComboBox* m_taskFilter = nullptr;
    QLabel* m_atRiskCount = nullptr;
    QLabel* m_taskCount = nullptr;
    QPushButton* m_reassign = nullptr;
    QPushButton* m_rescore = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_openAtRisk = nullptr;
    QPushButton* m_record = nullptr;
    QPushButton* m_take = nullptr;
    QPushButton* m_openTask = nullptr;
    QTimer* m_reloadTimer = nullptr;
    QString m_atRiskEmptyText;
    QString m_taskEmptyText;
};

} // namespace telcodesk
