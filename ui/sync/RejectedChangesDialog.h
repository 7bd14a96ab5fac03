#pragma once

#include "services/RejectedChangeService.h"
#include "store/LocalStore.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace telcodesk {

/// The changes the server refused for good, with its reason in words and its own explanation, newest
/// first. A refused change stays on this computer; Dismiss only takes it off this list (and out of the
/// status bar's count) once the agent has read it.
class RejectedChangesDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { WhenColumn, RecordColumn, ChangeColumn, ReasonColumn, ExplanationColumn, ColumnCount };

    explicit RejectedChangesDialog(LocalStorePtr store, QWidget* parent = nullptr);

    void reload();
    /// Dismisses the selected rows; returns how many.
    int dismissSelected();
    int dismissAll();

    /// The server's code in words ("workflow" -> "Not allowed by the ticket workflow").
    static QString reasonText(const QString& code);
    /// insert / update / delete in words.
    static QString operationText(const QString& op);

    QTableWidget* table() const { return m_table; }
    int rowCount() const;
    QPushButton* dismissButton() const { return m_dismiss; }
    QPushButton* dismissAllButton() const { return m_dismissAll; }
    QString errorText() const;

Q_SIGNALS:
    /// Some were dismissed (the status bar's count changes).
    void dismissed();

private:
    void showError(const QString& message);
    void updateButtons();

    LocalStorePtr m_store;
    QVector<RejectedChange> m_rows;
    QTableWidget* m_table = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_dismiss = nullptr;
    QPushButton* m_dismissAll = nullptr;
};

} // namespace telcodesk
