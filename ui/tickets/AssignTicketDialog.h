#pragma once

#include "common/Result.h"
#include "store/LocalStore.h"

#include <QDialog>

class QLabel;
class QListWidget;

namespace telcodesk {

/// Asks a supervisor whom to give tickets to: the agents who serve every queue of the tickets (the
/// AssignmentService's candidates), each with how many open tickets they hold, fewest first.
class AssignTicketDialog : public QDialog
{
    Q_OBJECT

public:
    /// queues: the queues of the tickets to assign (duplicates and empty ones allowed).
    AssignTicketDialog(LocalStorePtr store, const QStringList& queues, int ticketCount, QWidget* parent = nullptr);

    /// The agent chosen (valid after accept()).
    QString agentId() const;
    QListWidget* agentList() const { return m_list; }
    /// How many agents can take the tickets.
    int candidateCount() const;

private:
    QListWidget* m_list = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace telcodesk
