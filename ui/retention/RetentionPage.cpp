#include "retention/RetentionPage.h"

#include "RowEmphasisProxy.h"
#include "SectionTable.h"
#include "common/Logging.h"
#include "itemmodels/AtRiskExport.h"
#include "itemmodels/AtRiskListModel.h"
#include "itemmodels/RetentionFormat.h"
#include "itemmodels/RetentionTaskListModel.h"
#include "retention/RecordOutcomeDialog.h"
#include "scoring/ScoringEngine.h"
#include "services/AgentDirectory.h"
#include "services/RetentionService.h"
#include "tickets/AssignmentService.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QShowEvent>
#include <QSignalBlocker>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace telcodesk {

namespace {

/// The shortest wait between a notification (scores, sync, a task) and reading the lists again.
constexpr int kMinReloadDelayMs = 300;

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); }"));
    return label;
}

void fitColumns(QTableView* view, std::initializer_list<int> toContents, int stretch)
{
    QHeaderView* header = view->horizontalHeader();
    for (int c : toContents)
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(stretch, QHeaderView::Stretch);
    header->setStretchLastSection(false);
}

} // namespace

RetentionPage::RetentionPage(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
    , m_config(RetentionConfig::builtIn())
    , m_tasks(new RetentionTaskListModel(this))
{
    setObjectName(QStringLiteral("retentionPage"));

    auto* title = new QLabel(tr("Retention"), this);
    QFont font = title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.4);
    title->setFont(font);
    auto* intro = new QLabel(m_session.can(Permission::ManageRetention)
                                 ? tr("Customers the churn model and the retention rules put at risk, and the "
                                      "retention tasks opened for them.")
                                 : tr("Retention tasks for customers at risk of leaving: yours and the retention "
                                      "team's queue."),
                             this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; }"));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("retentionTabs"));
    m_tabs->setDocumentMode(true);
    if (m_session.can(Permission::ManageRetention))
        m_tabs->addTab(buildAtRiskTab(), tr("At-risk customers"));
    m_tabs->addTab(buildMyTasksTab(), tr("My retention tasks"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 10);
    layout->setSpacing(8);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addWidget(m_tabs, 1);

    // A burst of scoring and sync notifications becomes one re-read.
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(kMinReloadDelayMs);
    connect(m_reloadTimer, &QTimer::timeout, this, &RetentionPage::reload);
    updateButtons();
}

QWidget* RetentionPage::buildAtRiskTab()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);

    m_band = new QComboBox(box);
    m_band->setObjectName(QStringLiteral("bandFilter"));
    m_band->addItem(tr("High"), QStringLiteral("high"));
    m_band->addItem(tr("High and medium"), QString());
    m_band->addItem(tr("Medium"), QStringLiteral("medium"));
    m_segment = new QComboBox(box);
    m_segment->setObjectName(QStringLiteral("segmentFilter"));
    m_taskFilter = new QComboBox(box);
    m_taskFilter->setObjectName(QStringLiteral("taskFilter"));
    m_taskFilter->addItem(tr("Any"), int(AtRiskFilter::Tasks::Any));
    m_taskFilter->addItem(tr("With an open task"), int(AtRiskFilter::Tasks::WithOpenTask));
    m_taskFilter->addItem(tr("Without a task"), int(AtRiskFilter::Tasks::WithoutTask));
    m_atRiskCount = new QLabel(box);
    m_atRiskCount->setObjectName(QStringLiteral("atRiskCount"));
    m_openAtRisk = new QPushButton(tr("Open customer"), box);
    m_openAtRisk->setObjectName(QStringLiteral("openAtRiskCustomerButton"));
    m_reassign = new QPushButton(tr("Reassign task…"), box);
    m_reassign->setObjectName(QStringLiteral("reassignButton"));
    m_reassign->setToolTip(tr("Give the selected customer's retention task to another agent"));
    m_export = new QPushButton(tr("Export…"), box);
    m_export->setObjectName(QStringLiteral("exportAtRiskButton"));
    m_export->setToolTip(tr("Save every customer these filters match, in this order, as a CSV file for a "
                            "spreadsheet or a call campaign (numbers masked)"));
    m_rescore = new QPushButton(tr("Score again"), box);
    m_rescore->setObjectName(QStringLiteral("rescoreButton"));
    m_rescore->setToolTip(tr("Score every customer's churn risk again now, in the background (after new rules, "
                             "or to see the effect of today's data at once)"));

    auto* filters = new QHBoxLayout;
    filters->setSpacing(6);
    filters->addWidget(caption(tr("Risk"), box));
    filters->addWidget(m_band);
    filters->addSpacing(10);
    filters->addWidget(caption(tr("Segment"), box));
    filters->addWidget(m_segment);
    filters->addSpacing(10);
    filters->addWidget(caption(tr("Task"), box));
    filters->addWidget(m_taskFilter);
    filters->addSpacing(16);
    filters->addWidget(m_atRiskCount);
    filters->addStretch(1);
    filters->addWidget(m_openAtRisk);
    filters->addWidget(m_reassign);
    filters->addWidget(m_export);
    filters->addWidget(m_rescore);
    layout->addLayout(filters);

    m_summary = new QLabel(box);
    m_summary->setObjectName(QStringLiteral("retentionSummary"));
    m_summary->setWordWrap(true);
    m_summary->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; }"));
    m_summary->setToolTip(tr("Retention tasks opened since the first of this month (Beijing time) and what came "
                             "of them. \"Worked\" counts the tasks closed after a contact: accepted, declined, no "
                             "answer and left."));
    layout->addWidget(m_summary);

    m_atRisk = new AtRiskListModel(this);
    m_atRiskTable = new SectionTable(QString(), box);
    auto* proxy = new RowEmphasisProxy(this);
    proxy->setSourceModel(m_atRisk);
    m_atRiskTable->setModel(proxy);
    QTableView* view = m_atRiskTable->view();
    view->setObjectName(QStringLiteral("atRiskView"));
    view->setToolTip(tr("Double-click or press Enter to open the customer"));
    fitColumns(view,
               {AtRiskListModel::NameColumn, AtRiskListModel::NumberColumn, AtRiskListModel::BandColumn,
                AtRiskListModel::ProbabilityColumn, AtRiskListModel::SegmentColumn, AtRiskListModel::TaskColumn,
                AtRiskListModel::AssigneeColumn, AtRiskListModel::OutcomeColumn},
               AtRiskListModel::ReasonColumn);
    layout->addWidget(m_atRiskTable, 1);

    // Header clicks sort the whole list, not the rows read so far: the service reads it again from the
    // first page. Columns without a sort key keep the indicator where the order really is.
    QHeaderView* header = view->horizontalHeader();
    header->setSortIndicator(AtRiskListModel::columnOf(m_atRisk->sortKey()),
                             m_atRisk->sortAscending() ? Qt::AscendingOrder : Qt::DescendingOrder);
    view->setSortingEnabled(true);
    header->setToolTip(tr("Click a column's title to sort the whole list by it: name, number, risk, "
                          "probability or segment"));
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column, Qt::SortOrder) {
        if (AtRiskListModel::isSortable(column))
            return;
        const QSignalBlocker block(header);
        header->setSortIndicator(AtRiskListModel::columnOf(m_atRisk->sortKey()),
                                 m_atRisk->sortAscending() ? Qt::AscendingOrder : Qt::DescendingOrder);
    });
    connect(m_atRisk, &AtRiskListModel::sortRequested, this, [this] {
        m_atRisk->setRows({});
        reloadAtRisk();
        m_atRiskTable->view()->scrollToTop();
    });

    // The next page when the list is scrolled to its end.
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value >= m_atRiskTable->view()->verticalScrollBar()->maximum())
            fetchMoreAtRisk();
    });
    connect(view, &QTableView::activated, this, [this](const QModelIndex& index) {
        const QString id = m_atRisk->customerId(index.row());
        if (!id.isEmpty())
            emit openCustomerRequested(id);
    });
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RetentionPage::updateButtons);
    connect(m_openAtRisk, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_atRiskTable->view()->currentIndex();
        if (current.isValid())
            emit openCustomerRequested(m_atRisk->customerId(current.row()));
    });
    connect(m_reassign, &QPushButton::clicked, this, &RetentionPage::reassign);
    connect(m_rescore, &QPushButton::clicked, this, &RetentionPage::rescoreRequested);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                      .filePath(tr("at-risk-customers-%1.csv")
                                                    .arg(QDateTime::fromMSecsSinceEpoch(m_clock.nowMs())
                                                             .toString(QStringLiteral("yyyyMMdd"))));
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the at-risk list"), suggested,
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportAtRisk(path);
    });
    for (QComboBox* filter : {m_band, m_segment, m_taskFilter}) {
        connect(filter, &QComboBox::activated, this, [this] {
            // Other filters, another list: from its first page.
            m_atRisk->setRows({});
            reloadAtRisk();
        });
    }
    return box;
}

QWidget* RetentionPage::buildMyTasksTab()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);

    m_record = new QPushButton(tr("Record outcome…"), box);
    m_record->setObjectName(QStringLiteral("pageRecordOutcomeButton"));
    m_take = new QPushButton(tr("Take task"), box);
    m_take->setObjectName(QStringLiteral("pageTakeTaskButton"));
    m_take->setToolTip(tr("Take the selected task out of the queue: it becomes yours."));
    m_openTask = new QPushButton(tr("Open customer"), box);
    m_openTask->setObjectName(QStringLiteral("openTaskCustomerButton"));
    m_taskCount = new QLabel(box);
    m_taskCount->setObjectName(QStringLiteral("taskCount"));
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_taskCount);
    buttons->addStretch(1);
    buttons->addWidget(m_openTask);
    buttons->addWidget(m_take);
    buttons->addWidget(m_record);
    layout->addLayout(buttons);

    m_taskTable = new SectionTable(QString(), box);
    auto* proxy = new RowEmphasisProxy(this);
    proxy->setSourceModel(m_tasks);
    m_taskTable->setModel(proxy);
    QTableView* view = m_taskTable->view();
    view->setObjectName(QStringLiteral("retentionTaskView"));
    view->setToolTip(tr("Double-click or press Enter to open the customer"));
    fitColumns(view,
               {RetentionTaskListModel::NameColumn, RetentionTaskListModel::NumberColumn,
                RetentionTaskListModel::OfferColumn, RetentionTaskListModel::DueColumn,
                RetentionTaskListModel::AssigneeColumn, RetentionTaskListModel::StatusColumn},
               RetentionTaskListModel::ReasonColumn);
    layout->addWidget(m_taskTable, 1);

    connect(view, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit openCustomerRequested(m_tasks->task(index.row()).customerId);
    });
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RetentionPage::updateButtons);
    connect(m_openTask, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_taskTable->view()->currentIndex();
        if (current.isValid())
            emit openCustomerRequested(m_tasks->task(current.row()).customerId);
    });
    connect(m_record, &QPushButton::clicked, this, &RetentionPage::recordOutcome);
    connect(m_take, &QPushButton::clicked, this, &RetentionPage::takeTask);
    return box;
}

void RetentionPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void RetentionPage::showMyTasks()
{
    m_tabs->setCurrentIndex(m_tabs->count() - 1);
}

bool RetentionPage::anyScored() const
{
    const Result<QHash<QString, int>> counts = ScoreStore(m_store).bandCounts();
    if (!counts)
        return true; // the lists say what went wrong instead
    int total = 0;
    for (int n : counts.value())
        total += n;
    return total > 0;
}

void RetentionPage::reload()
{
    QElapsedTimer took;
    took.start();
    reloadLists();
    // Reads caused by notifications take at most a tenth of the GUI thread's time: the at-risk list of a
    // million customers sorted by name takes half a second to read, and scoring may report every two.
    m_reloadTimer->setInterval(std::max(kMinReloadDelayMs, int(10 * took.elapsed())));
}

int RetentionPage::reloadDelayMs() const
{
    return m_reloadTimer->interval();
}

void RetentionPage::reloadLists()
{
    m_stale = false;
    QString problem;
    m_config = RetentionConfig::load(*m_store, &problem);
    if (!problem.isEmpty())
        qCWarning(lcServices) << "retention rules:" << problem;
    m_tasks->setConfig(m_config);
    if (m_atRisk) {
        m_atRisk->setConfig(m_config);
        reloadSegments();
        reloadAtRisk();
    }
    reloadTasks();
}

void RetentionPage::reloadSegments()
{
    const QString current = m_segment->currentData().toString();
    m_segment->clear();
    m_segment->addItem(tr("Any"), QString());
    for (const RfmSegment& s : m_config.segments)
        m_segment->addItem(RetentionFormat::segmentName(m_config, s.code), s.code);
    const int index = m_segment->findData(current);
    m_segment->setCurrentIndex(index < 0 ? 0 : index);
}

AtRiskFilter RetentionPage::atRiskFilter() const
{
    AtRiskFilter filter;
    filter.band = m_band->currentData().toString();
    filter.segment = m_segment->currentData().toString();
    filter.tasks = AtRiskFilter::Tasks(m_taskFilter->currentData().toInt());
    filter.sort = m_atRisk->sortKey();
    filter.ascending = m_atRisk->sortAscending();
    return filter;
}

void RetentionPage::reloadAtRisk()
{
    if (!m_atRisk)
        return;
    const QString selected = m_atRiskTable->view()->currentIndex().isValid()
        ? m_atRisk->customerId(m_atRiskTable->view()->currentIndex().row())
        : QString();
    AtRiskFilter filter = atRiskFilter();
    // Re-read as many rows as were shown, so that a refresh keeps the place the supervisor scrolled to.
    filter.limit = std::max(m_pageSize, int(m_atRisk->rowCount()));
    const RetentionService service(m_store, m_session, m_clock);
    const Result<QVector<AtRiskRow>> rows = service.atRisk(filter);
    const Result<int> count = service.atRiskCount(filter);
    if (!rows || !count) {
        m_atRisk->setRows({});
        m_atRiskEmptyText = rows ? count.errorMessage() : rows.errorMessage();
        m_atRiskTable->setEmptyText(m_atRiskEmptyText);
        m_atRiskTotal = 0;
        m_atRiskCount->clear();
        updateButtons();
        return;
    }
    m_atRisk->setRows(rows.value());
    const int total = count.value();
    m_atRiskTotal = total;
    if (total == 0) {
        const bool filtered = !filter.segment.isEmpty() || filter.tasks != AtRiskFilter::Tasks::Any;
        if (!anyScored())
            m_atRiskEmptyText = tr("Not scored yet: churn-risk scoring has not run on this desktop. It runs in the "
                                   "background after start-up; the list fills in when it has.");
        else if (filtered)
            m_atRiskEmptyText = tr("No customer at this risk matches these filters.");
        else if (filter.band == QLatin1String("high"))
            m_atRiskEmptyText = tr("Nothing at risk: no customer is at high risk of leaving right now.");
        else
            m_atRiskEmptyText = tr("Nothing at risk: no customer is at this risk of leaving right now.");
    } else {
        m_atRiskEmptyText.clear();
    }
    m_atRiskTable->setEmptyText(m_atRiskEmptyText);
    updateAtRiskCount();
    updateSummary();
    const int row = m_atRisk->rowOfCustomer(selected);
    if (row >= 0)
        m_atRiskTable->view()->selectRow(row);
    const int index = m_tabs->indexOf(m_atRiskTable->parentWidget());
    if (index >= 0)
        m_tabs->setTabText(index, tr("At-risk customers (%1)").arg(QLocale().toString(total)));
    updateButtons();
}

void RetentionPage::updateSummary()
{
    const qint64 now = m_clock.nowMs();
    const Result<RetentionSummary> result =
        RetentionService(m_store, m_session, m_clock).summary(RetentionService::monthStartMs(now), now + 1);
    if (!result) {
        m_summary->setText(result.errorMessage());
        return;
    }
    const RetentionSummary& sum = result.value();
    const QLocale locale;
    if (sum.opened == 0) {
        m_summary->setText(tr("Retention this month: no task opened yet."));
        return;
    }
    //: %n tasks opened this month, %1 of them still open
    QString text = tr("Retention this month: %n task(s) opened, %1 still open", nullptr, sum.opened)
                       .arg(locale.toString(sum.open));
    if (sum.callback > 0)
        //: After "… still open": how many of the open tasks have a call-back arranged
        text += tr(" (%n call-back(s) arranged)", nullptr, sum.callback);
    if (sum.worked() > 0) {
        //: %1 tasks closed after a contact; of them %2 accepted (%3 the share), %4 declined, %5 not reached, %6 left
        text += tr(" · of %1 worked, %2 accepted (%3), %4 declined, %5 not reached, %6 left")
                    .arg(locale.toString(sum.worked()), locale.toString(sum.accepted),
                         RetentionFormat::percent(double(sum.accepted) / sum.worked()),
                         locale.toString(sum.declined), locale.toString(sum.noAnswer), locale.toString(sum.left));
    }
    if (sum.notNeeded > 0)
        //: %1 tasks closed as not needed (false alarms)
        text += tr(" · %1 not needed").arg(locale.toString(sum.notNeeded));
    m_summary->setText(text);
}

bool RetentionPage::exportAtRisk(const QString& path)
{
    if (!m_atRisk)
        return false;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Result<int> written =
        AtRiskExport::toFile(RetentionService(m_store, m_session, m_clock), atRiskFilter(), m_config, path);
    QApplication::restoreOverrideCursor();
    if (!written) {
        emit message(tr("The at-risk list was not exported: %1").arg(written.errorMessage()));
        return false;
    }
    //: %n customers written, %1 the file
    emit message(tr("Exported %n customer(s) to %1.", nullptr, written.value()).arg(QDir::toNativeSeparators(path)));
    return true;
}

void RetentionPage::updateAtRiskCount()
{
    const int shown = m_atRisk->rowCount();
    m_atRiskCount->setText(m_atRiskTotal > shown
                               //: %1 rows shown so far, %n customers in all
                               ? tr("%n customer(s) at risk, %1 shown (scroll for more)", nullptr, m_atRiskTotal)
                                     .arg(QLocale().toString(shown))
                               : tr("%n customer(s) at risk", nullptr, m_atRiskTotal));
}

void RetentionPage::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

bool RetentionPage::fetchMoreAtRisk()
{
    if (!m_atRisk || m_atRisk->rowCount() >= m_atRiskTotal)
        return false;
    AtRiskFilter filter = atRiskFilter();
    filter.offset = m_atRisk->rowCount();
    filter.limit = m_pageSize;
    const Result<QVector<AtRiskRow>> rows = RetentionService(m_store, m_session, m_clock).atRisk(filter);
    if (!rows) {
        emit message(rows.errorMessage());
        return false;
    }
    for (const AtRiskRow& r : rows.value()) {
        // A score rewritten since the first page can move a customer across the page boundary.
        if (m_atRisk->rowOfCustomer(r.customerId) < 0)
            m_atRisk->addRecord(r);
    }
    if (rows->isEmpty())
        m_atRiskTotal = m_atRisk->rowCount(); // fewer than counted: the list changed meanwhile
    updateAtRiskCount();
    return !rows->isEmpty();
}

void RetentionPage::reloadTasks()
{
    const QString selected = selectedTaskId();
    const Result<QVector<RetentionTask>> tasks = RetentionService(m_store, m_session, m_clock).myTasks();
    m_tasks->setNow(m_clock.nowMs());
    if (!tasks) {
        m_tasks->setTasks({});
        m_taskEmptyText = tasks.errorMessage();
        m_taskTable->setEmptyText(m_taskEmptyText);
        m_taskCount->clear();
        updateButtons();
        return;
    }
    m_tasks->setTasks(tasks.value());
    if (tasks->isEmpty()) {
        m_taskEmptyText = !anyScored()
            ? tr("Not scored yet: churn-risk scoring has not run on this desktop, so no retention task has been "
                 "opened.")
            : tr("No open retention tasks for you. A task is opened when a customer turns high-risk; it goes to "
                 "their account manager or to the retention team's queue.");
    } else {
        m_taskEmptyText.clear();
    }
    m_taskTable->setEmptyText(m_taskEmptyText);
    int mine = 0;
    for (const RetentionTask& t : tasks.value())
        mine += t.assigneeId == m_session.agentId ? 1 : 0;
    //: %n tasks in all, %1 of them assigned to the agent
    m_taskCount->setText(tasks->isEmpty() ? QString()
                                          : tr("%n open task(s), %1 yours", nullptr, int(tasks->size()))
                                                .arg(QLocale().toString(mine)));
    const int row = m_tasks->rowOfTask(selected);
    if (row >= 0)
        m_taskTable->view()->selectRow(row);
    m_tabs->setTabText(m_tabs->indexOf(m_taskTable->parentWidget()),
                       tr("My retention tasks (%1)").arg(QLocale().toString(int(tasks->size()))));
    updateButtons();
}

QString RetentionPage::selectedTaskId() const
{
    const QModelIndex current = m_taskTable->view()->currentIndex();
    return current.isValid() ? m_tasks->taskId(current.row()) : QString();
}

void RetentionPage::updateButtons()
{
    const QString taskId = selectedTaskId();
    const int row = m_tasks->rowOfTask(taskId);
    const bool mayWork = m_session.can(Permission::WorkRetention);
    m_record->setEnabled(row >= 0 && mayWork);
    m_take->setEnabled(row >= 0 && mayWork && m_tasks->task(row).assigneeId.isEmpty());
    m_openTask->setEnabled(row >= 0);
    if (m_atRisk) {
        const QModelIndex current = m_atRiskTable->view()->currentIndex();
        m_openAtRisk->setEnabled(current.isValid());
        m_reassign->setEnabled(current.isValid() && !m_atRisk->row(current.row()).taskId.isEmpty()
                               && m_atRisk->row(current.row()).taskStatus == QLatin1String("open"));
    }
}

void RetentionPage::scoresChanged(const QStringList& customerIds)
{
    Q_UNUSED(customerIds)
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    // Not restarted while it runs: a steady stream of notifications (a sync's pages, the scoring service
    // draining changes every two seconds) still gets the lists read, at the timer's pace.
    if (!m_reloadTimer->isActive())
        m_reloadTimer->start();
}

void RetentionPage::refreshFromSync(const QStringList& tables)
{
    static const QStringList read = {QStringLiteral("retention_task"), QStringLiteral("customer"),
                                     QStringLiteral("agent"), QStringLiteral("offer"),
                                     QStringLiteral("scoring_config")};
    for (const QString& t : tables) {
        if (read.contains(t)) {
            scoresChanged({});
            return;
        }
    }
}

void RetentionPage::taskChanged(const QString& taskId)
{
    Q_UNUSED(taskId)
    scoresChanged({});
}

void RetentionPage::written(const QString& taskId)
{
    reload();
    emit retentionTaskChanged(taskId);
    emit localChangeWritten();
}

bool RetentionPage::recordOutcome()
{
    const int row = m_tasks->rowOfTask(selectedTaskId());
    if (row < 0)
        return false;
    const RetentionTask task = m_tasks->task(row);
    RecordOutcomeDialog dialog(m_store, m_session, task, m_clock, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    //: Status bar; %1 the outcome, %2 the customer's name
    emit message(tr("Outcome \"%1\" recorded for %2. It will be sent to the server when sync is available.")
                     .arg(RetentionService::outcomeLabel(dialog.outcomeCombo()->currentData().toString()),
                          task.customerName));
    written(task.id);
    return true;
}

bool RetentionPage::takeTask()
{
    const int row = m_tasks->rowOfTask(selectedTaskId());
    if (row < 0)
        return false;
    const RetentionTask task = m_tasks->task(row);
    const Status taken = RetentionService(m_store, m_session, m_clock).assign(task.id, m_session.agentId);
    if (!taken) {
        emit message(taken.errorMessage());
        return false;
    }
    emit message(tr("The retention task for %1 is now yours.").arg(task.customerName));
    written(task.id);
    return true;
}

bool RetentionPage::reassign()
{
    if (!m_atRisk)
        return false;
    const QModelIndex current = m_atRiskTable->view()->currentIndex();
    if (!current.isValid())
        return false;
    const AtRiskRow row = m_atRisk->row(current.row());
    if (row.taskId.isEmpty())
        return false;

    // The retention team (agents who serve the task queue) with how many tickets each has open.
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("reassignTaskDialog"));
    //: Dialog title; %1 is the customer's name
    dialog.setWindowTitle(tr("Reassign retention task — %1").arg(row.name));
    dialog.setMinimumWidth(380);
    auto* list = new QListWidget(&dialog);
    list->setObjectName(QStringLiteral("agentList"));
    auto* note = new QLabel(&dialog);
    note->setWordWrap(true);
    const Result<QVector<AssignmentCandidate>> candidates = AssignmentService(m_store).candidates(m_config.taskQueue);
    const AgentDirectory agents(m_store);
    if (candidates) {
        for (const AssignmentCandidate& c : candidates.value()) {
            const QString name = agents.displayName(c.agentId);
            //: An agent to give a retention task to; %1 name, %n open tickets the agent holds
            auto* item = new QListWidgetItem(tr("%1 — %n open ticket(s)", nullptr, c.openTickets)
                                                 .arg(name.isEmpty() ? c.agentId : name),
                                             list);
            item->setData(Qt::UserRole, c.agentId);
        }
    }
    // A task someone holds can also go back to the queue, for whoever of the team is free first.
    if (!row.taskAssignee.isEmpty()) {
        auto* back = new QListWidgetItem(tr("Back to the queue %1").arg(RetentionFormat::queue(m_config.taskQueue)), list);
        back->setData(Qt::UserRole, QString());
    }
    if (!candidates)
        note->setText(candidates.errorMessage());
    else if (candidates->isEmpty())
        note->setText(tr("No agent serves the retention queue. Ask an administrator to give agents the "
                         "retention skill."));
    else
        note->setText(tr("Agents of the retention team:"));
    if (list->count() > 0)
        list->setCurrentRow(0);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Reassign"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(list->count() > 0);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(list, &QListWidget::itemDoubleClicked, &dialog, &QDialog::accept);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(note);
    layout->addWidget(list, 1);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted || !list->currentItem())
        return false;

    const QString agentId = list->currentItem()->data(Qt::UserRole).toString();
    const Status assigned = RetentionService(m_store, m_session, m_clock).assign(row.taskId, agentId);
    if (!assigned) {
        emit message(assigned.errorMessage());
        return false;
    }
    if (agentId.isEmpty())
        //: Status bar; %1 customer, %2 queue
        emit message(tr("The retention task for %1 is back in the queue %2.")
                         .arg(row.name, RetentionFormat::queue(m_config.taskQueue)));
    else
        //: Status bar; %1 customer, %2 agent
        emit message(tr("The retention task for %1 is now %2's.").arg(row.name, agents.displayName(agentId)));
    written(row.taskId);
    return true;
}

QString RetentionPage::atRiskEmptyText() const
{
    return m_atRiskEmptyText;
}

QString RetentionPage::taskEmptyText() const
{
    return m_taskEmptyText;
}

} // namespace telcodesk
