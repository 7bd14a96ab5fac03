#include "tickets/AssignTicketDialog.h"

#include "services/AgentDirectory.h"
#include "tickets/AssignmentService.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace telcodesk {

AssignTicketDialog::AssignTicketDialog(LocalStorePtr store, const QStringList& queues, int ticketCount, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("assignTicketDialog"));
    setWindowTitle(tr("Assign %n ticket(s)", nullptr, ticketCount));
    setMinimumWidth(380);

    // Only agents who serve every queue among the tickets can receive them all.
    const AssignmentService service(store);
    QHash<QString, int> openCount;
    QStringList common;
    bool first = true;
    QString error;
    QStringList distinct;
    for (const QString& q : queues)
        if (!distinct.contains(q))
            distinct << q;
    for (const QString& queue : std::as_const(distinct)) {
        const Result<QVector<AssignmentCandidate>> found = service.candidates(queue);
        if (!found) {
            error = found.errorMessage();
            common.clear();
            break;
        }
        QStringList ids;
        for (const AssignmentCandidate& c : found.value()) {
            ids << c.agentId;
            openCount.insert(c.agentId, c.openTickets);
        }
        if (first)
            common = ids;
        else
            common.erase(std::remove_if(common.begin(), common.end(), [&ids](const QString& id) { return !ids.contains(id); }),
                         common.end());
        first = false;
    }
    std::sort(common.begin(), common.end(), [&openCount](const QString& a, const QString& b) {
        const int ca = openCount.value(a), cb = openCount.value(b);
        return ca != cb ? ca < cb : a < b;
    });

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("agentList"));
    const AgentDirectory agents(store);
    for (const QString& id : std::as_const(common)) {
        const QString name = agents.displayName(id);
        //: An agent to assign tickets to; %1 name, %n open tickets the agent holds
        auto* item = new QListWidgetItem(tr("%1 — %n open ticket(s)", nullptr, openCount.value(id))
                                             .arg(name.isEmpty() ? id : name),
                                         m_list);
        item->setData(Qt::UserRole, id);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);

    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    if (!error.isEmpty())
        m_note->setText(error);
    else if (m_list->count() == 0)
        m_note->setText(tr("No agent serves the queues of these tickets. Assign them one queue at a time, or ask an "
                           "administrator to give an agent the skill."));
    else
        m_note->setText(tr("Agents who serve the tickets' queues, fewest open tickets first:"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Assign"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(m_list->count() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
}

QString AssignTicketDialog::agentId() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

int AssignTicketDialog::candidateCount() const
{
    return m_list->count();
}

} // namespace telcodesk
