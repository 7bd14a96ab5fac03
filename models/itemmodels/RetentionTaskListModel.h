#pragma once

#include "itemmodels/RecordTableModel.h"
#include "scoring/RetentionConfig.h"
#include "services/RetentionService.h"

namespace telcodesk {

/// Retention tasks (an agent's own and the queue's, RetentionService::myTasks), in the service's order
/// (oldest due first): customer, why, the next-best offer, when it is due and who has it. Past-due
/// tasks stand out.
class RetentionTaskListModel : public MaskedRecordTableModel<RetentionTask>
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        NumberColumn,
        ReasonColumn,
        OfferColumn,
        DueColumn,
        AssigneeColumn,
        StatusColumn,
        ColumnCount
    };

    explicit RetentionTaskListModel(QObject* parent = nullptr);

    void setConfig(const RetentionConfig& config);
    /// "Now" for past-due emphasis (ms UTC).
    void setNow(qint64 nowMs);
    void setTasks(const QVector<RetentionTask>& tasks) { setRecords(tasks); }
    const RetentionTask& task(int r) const { return record(r); }
    QString taskId(int r) const { return idOf(r); }
    int rowOfTask(const QString& taskId) const { return rowOf(taskId); }
    bool isPastDue(const RetentionTask& task) const;

protected:
    QVariant recordData(const RetentionTask& task, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    RetentionConfig m_config;
    qint64 m_nowMs = 0;
};

} // namespace telcodesk
