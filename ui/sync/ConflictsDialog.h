#pragma once

#include "services/ConflictService.h"
#include "store/LocalStore.h"

#include <QDialog>
#include <QHash>

class QButtonGroup;
class QLabel;
class QPushButton;
class QRadioButton;
class QScrollArea;
class QVBoxLayout;

namespace telcodesk {

class SyncController;

/// The conflicts waiting for a person: fields changed on this computer and on the server since the
/// version this computer saw. One box per record (a ticket by number and title, a customer by name),
/// one line per field with the value both sides started from, "Keep mine (…)" and "Take the server's
/// (…)". Nothing is chosen for the agent. Apply records the choices through ConflictService — the
/// values kept as mine travel to the server as new changes — and asks the engine to sync; fields left
/// undecided stay for later.
class ConflictsDialog : public QDialog
{
    Q_OBJECT

public:
    /// controller may be null (no engine running): choices then wait for the next sync.
    ConflictsDialog(LocalStorePtr store, SyncController* controller, QWidget* parent = nullptr);

    /// Reads the open conflicts again (after a sync brought new ones).
    void reload();
    /// Records the choices made; returns false (and shows why) when they could not be recorded.
    bool applyChoices();

    int conflictCount() const { return int(m_conflicts.size()); }
    /// The radio buttons of a conflict, for tests.
    QRadioButton* mineButton(const QString& conflictId) const;
    QRadioButton* theirsButton(const QString& conflictId) const;
    QPushButton* applyButton() const { return m_apply; }
    QString errorText() const;

Q_SIGNALS:
    /// Choices were recorded (the counts in the status bar change).
    void resolved();

private:
    QWidget* buildRecordBox(const QVector<SyncConflict>& fields);
    void updateApply();

    LocalStorePtr m_store;
    SyncController* m_controller = nullptr;
    QVector<SyncConflict> m_conflicts;
    QHash<QString, QButtonGroup*> m_groups; ///< conflict id -> its two radio buttons (ids 0 mine, 1 theirs)
    QScrollArea* m_scroll = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_apply = nullptr;
};

} // namespace telcodesk
