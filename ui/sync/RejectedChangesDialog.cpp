#include "sync/RejectedChangesDialog.h"

#include "Labels.h"
#include "itemmodels/DisplayFormat.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace telcodesk {

RejectedChangesDialog::RejectedChangesDialog(LocalStorePtr store, QWidget* parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_table(new QTableWidget(this))
    , m_empty(new QLabel(tr("No rejected changes. Everything you changed has been accepted or is waiting to be "
                            "sent."),
                         this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("rejectedChangesDialog"));
    setWindowTitle(tr("Changes the server rejected"));

    auto* intro = new QLabel(tr("The server refused these changes for good. They are kept on this computer and did "
                                "not hold up the changes made after them. Read why, redo what is still needed in "
                                "the right way, then dismiss them."),
                             this);
    intro->setWordWrap(true);

    m_table->setObjectName(QStringLiteral("rejectedTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Made"), tr("Record"), tr("Change"), tr("Reason"), tr("Server's explanation")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_empty->setObjectName(QStringLiteral("noRejectedLabel"));
    m_empty->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }"));
    m_error->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_dismiss = buttons->addButton(tr("Dismiss"), QDialogButtonBox::ActionRole);
    m_dismiss->setObjectName(QStringLiteral("dismissButton"));
    m_dismiss->setToolTip(tr("Take the selected changes off this list. They stay recorded on this computer."));
    m_dismissAll = buttons->addButton(tr("Dismiss all"), QDialogButtonBox::ActionRole);
    m_dismissAll->setObjectName(QStringLiteral("dismissAllButton"));
    QPushButton* close = buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    connect(m_dismiss, &QPushButton::clicked, this, &RejectedChangesDialog::dismissSelected);
    connect(m_dismissAll, &QPushButton::clicked, this, &RejectedChangesDialog::dismissAll);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &RejectedChangesDialog::updateButtons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(980, 480);
    reload();
}

QString RejectedChangesDialog::reasonText(const QString& code)
{
    if (code == QLatin1String("invalid"))
        return tr("Invalid data");
    if (code == QLatin1String("permission"))
        return tr("Not permitted for your role or region");
    if (code == QLatin1String("constraint"))
        return tr("Conflicts with other data on the server");
    if (code == QLatin1String("workflow"))
        return tr("Not allowed by the workflow");
    if (code == QLatin1String("not_found"))
        return tr("The record does not exist on the server");
    if (code == QLatin1String("read_only"))
        return tr("Read-only data");
    if (code == QLatin1String("append_only"))
        return tr("Cannot be changed once recorded");
    if (code == QLatin1String("encoding"))
        return tr("Invalid characters");
    return tr("Refused by the server");
}

QString RejectedChangesDialog::operationText(const QString& op)
{
    if (op == QLatin1String("insert"))
        //: A rejected change that created a record
        return tr("New");
    if (op == QLatin1String("delete"))
        return tr("Deletion");
    return tr("Change");
}

void RejectedChangesDialog::reload()
{
    const Result<QVector<RejectedChange>> list = RejectedChangeService(m_store, Labels::labeler()).list();
    m_rows = list ? list.value() : QVector<RejectedChange>();
    if (!list)
        showError(list.errorMessage());
    m_table->clearContents();
    m_table->setRowCount(int(m_rows.size()));
    for (int i = 0; i < m_rows.size(); ++i) {
        const RejectedChange& r = m_rows.at(i);
        const auto put = [this, i](int column, const QString& text, const QString& tip = QString()) {
            auto* item = new QTableWidgetItem(text);
            item->setToolTip(tip.isEmpty() ? text : tip);
            m_table->setItem(i, column, item);
        };
        put(WhenColumn, DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(r.createdAtMs, Qt::UTC)));
        m_table->item(i, WhenColumn)->setData(Qt::UserRole, r.seq);
        //: The record a rejected change was about: %1 the kind of record, %2 the record
        put(RecordColumn, tr("%1 · %2").arg(r.entityName, r.recordLabel));
        //: What a rejected change did: %1 new / change / deletion, %2 the fields written
        put(ChangeColumn, r.fieldsSummary.isEmpty() ? operationText(r.op)
                                                    : tr("%1 · %2").arg(operationText(r.op), r.fieldsSummary));
        put(ReasonColumn, reasonText(r.errorCode), r.errorCode);
        put(ExplanationColumn, r.reason);
    }
    m_table->resizeColumnsToContents();
    // Long summaries would push the explanation off screen; their tooltips hold them whole.
    for (int column : {int(RecordColumn), int(ChangeColumn)})
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), 280));
    m_table->setVisible(!m_rows.isEmpty());
    m_empty->setVisible(m_rows.isEmpty() && list);
    updateButtons();
}

int RejectedChangesDialog::rowCount() const
{
    return int(m_rows.size());
}

int RejectedChangesDialog::dismissSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(WhenColumn);
    if (rows.isEmpty())
        return 0;
    RejectedChangeService service(m_store);
    int count = 0;
    for (const QModelIndex& index : rows) {
        const Status done = service.dismiss(index.data(Qt::UserRole).toLongLong());
        // Already dismissed elsewhere is what was wanted anyway.
        if (!done && done.error().code != QLatin1String("not_found")) {
            showError(done.errorMessage());
            break;
        }
        ++count;
    }
    reload();
    if (count > 0)
        Q_EMIT dismissed();
    return count;
}

int RejectedChangesDialog::dismissAll()
{
    const Result<int> done = RejectedChangeService(m_store).dismissAll();
    if (!done) {
        showError(done.errorMessage());
        return 0;
    }
    reload();
    if (done.value() > 0)
        Q_EMIT dismissed();
    return done.value();
}

QString RejectedChangesDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RejectedChangesDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void RejectedChangesDialog::updateButtons()
{
    m_dismiss->setEnabled(m_table->selectionModel()->hasSelection());
    m_dismissAll->setEnabled(!m_rows.isEmpty());
}

} // namespace telcodesk
