#include "retention/RiskCard.h"

#include "ChipStyle.h"
#include "common/Logging.h"
#include "itemmodels/DisplayFormat.h"
#include "itemmodels/RetentionFormat.h"
#include "retention/RecordOutcomeDialog.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace telcodesk {

namespace {

QString when(qint64 ms)
{
    return DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

} // namespace

RiskCard::RiskCard(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QFrame(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
    , m_config(RetentionConfig::builtIn())
{
    setObjectName(QStringLiteral("riskCard"));
    setStyleSheet(QStringLiteral("#riskCard { background: palette(base); border: 1px solid palette(mid); "
                                 "border-radius: 6px; }"));

    auto* title = new QLabel(tr("Churn risk"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    title->setFont(titleFont);
    m_band = new QLabel(this);
    m_band->setObjectName(QStringLiteral("riskCardBand"));
    m_band->setTextFormat(Qt::PlainText);
    auto* top = new QHBoxLayout;
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(m_band);

    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(12, 10, 12, 10);
    m_layout->setSpacing(6);
    m_layout->addLayout(top);

    m_placeholder = addLine(QStringLiteral("riskCardPlaceholder"));
    m_placeholder->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; }"));
    m_reasons = addLine(QStringLiteral("riskReasons"));

    m_flagBox = new QWidget(this);
    m_flagLayout = new QVBoxLayout(m_flagBox);
    m_flagLayout->setContentsMargins(0, 0, 0, 0);
    m_flagLayout->setSpacing(4);
    m_layout->addWidget(m_flagBox);

    m_segment = addLine(QStringLiteral("riskSegment"));
    m_tags = addLine(QStringLiteral("riskTags"));
    m_tags->setTextFormat(Qt::RichText);

    m_taskBox = new QFrame(this);
    m_taskBox->setObjectName(QStringLiteral("retentionTaskBox"));
    m_taskBox->setStyleSheet(QStringLiteral("#retentionTaskBox { border-top: 1px solid palette(mid); }"));
    auto* taskLayout = new QVBoxLayout(m_taskBox);
    taskLayout->setContentsMargins(0, 6, 0, 0);
    taskLayout->setSpacing(6);
    auto* taskTitle = new QLabel(tr("Retention task"), m_taskBox);
    QFont bold = taskTitle->font();
    bold.setBold(true);
    taskTitle->setFont(bold);
    taskLayout->addWidget(taskTitle);
    m_taskText = new QLabel(m_taskBox);
    m_taskText->setObjectName(QStringLiteral("retentionTaskText"));
    m_taskText->setTextFormat(Qt::PlainText);
    m_taskText->setWordWrap(true);
    taskLayout->addWidget(m_taskText);
    m_recordButton = new QPushButton(tr("Record outcome…"), m_taskBox);
    m_recordButton->setObjectName(QStringLiteral("recordOutcomeButton"));
    m_recordButton->setToolTip(tr("Say what came of the contact: accepted, declined, call back…"));
    m_takeButton = new QPushButton(tr("Take task"), m_taskBox);
    m_takeButton->setObjectName(QStringLiteral("takeTaskButton"));
    m_takeButton->setToolTip(tr("Take this task out of the queue: it becomes yours."));
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_recordButton);
    buttons->addWidget(m_takeButton);
    buttons->addStretch(1);
    taskLayout->addLayout(buttons);
    m_layout->addWidget(m_taskBox);

    m_error = addLine(QStringLiteral("riskCardError"));
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_error->hide();
    m_layout->addStretch(1);

    connect(m_recordButton, &QPushButton::clicked, this, &RiskCard::recordOutcome);
    connect(m_takeButton, &QPushButton::clicked, this, &RiskCard::takeTask);
    updateView();
}

QLabel* RiskCard::addLine(const QString& objectName)
{
    auto* label = new QLabel(this);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layout->addWidget(label);
    return label;
}

void RiskCard::setCustomer(const QString& customerId, const QString& customerName)
{
    m_customerId = customerId;
    m_customerName = customerName;
    reload();
}

void RiskCard::scoresChanged(const QStringList& customerIds)
{
    if (!m_customerId.isEmpty() && (customerIds.isEmpty() || customerIds.contains(m_customerId)))
        reload();
}

void RiskCard::reload()
{
    m_error->hide();
    m_score.reset();
    m_task.reset();
    m_lastClosed.reset();
    if (m_customerId.isEmpty()) {
        updateView();
        return;
    }
    QString problem;
    m_config = RetentionConfig::load(*m_store, &problem);
    if (!problem.isEmpty())
        qCWarning(lcServices) << "retention rules:" << problem;

    const Result<std::optional<CustomerScore>> score = ScoreStore(m_store).load(m_customerId);
    if (score)
        m_score = score.value();
    else
        showError(score.errorMessage());
    const RetentionService retention(m_store, m_session, m_clock);
    const Result<std::optional<RetentionTask>> task = retention.openTaskFor(m_customerId);
    if (task)
        m_task = task.value();
    else
        showError(task.errorMessage());
    m_lastClosed.reset();
    if (!m_task) {
        // What came of the last attempt is worth knowing before the agent makes another.
        const Result<QVector<RetentionTask>> all = retention.tasksFor(m_customerId);
        if (all) {
            for (const RetentionTask& t : all.value()) {
                if (t.status != QLatin1String("open")) {
                    m_lastClosed = t;
                    break;
                }
            }
        }
    }
    updateView();
}

void RiskCard::updateView()
{
    const bool scored = m_score.has_value();
    m_placeholder->setVisible(!scored);
    m_placeholder->setText(tr("Not scored yet. Scores appear when churn-risk scoring has run on this desktop; "
                              "it runs in the background after start-up and whenever the customer's data changes."));
    m_band->setText(scored ? tr("%1 · %2").arg(RetentionFormat::band(m_score->band), RetentionFormat::percent(m_score->probability))
                           : tr("Not scored"));
    m_band->setStyleSheet(ChipStyle::riskBand(scored ? m_score->band : QString()));
    if (scored && m_score->scoredAtMs > 0)
        m_band->setToolTip(tr("Scored %1").arg(when(m_score->scoredAtMs)));
    else
        m_band->setToolTip(QString());

    const QStringList reasons = scored ? RetentionFormat::reasons(m_score->reasons, m_config, ScoringEngine::kTopReasons)
                                       : QStringList();
    QStringList bullets;
    for (const QString& r : reasons)
        bullets << tr("• %1").arg(r);
    m_reasons->setText(bullets.join(QLatin1Char('\n')));
    m_reasons->setVisible(!bullets.isEmpty());

    while (QLayoutItem* item = m_flagLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int flags = 0;
    if (scored) {
        for (const QString& code : m_score->rules) {
            const RetentionRule* rule = m_config.rule(code);
            // Risk rules are among the reasons already; reminders and flags are things to act on.
            if (!rule || rule->kind == RetentionRule::Kind::Risk)
                continue;
            auto* chip = new QLabel(RetentionFormat::ruleName(m_config, code), m_flagBox);
            chip->setObjectName(QStringLiteral("ruleChip"));
            chip->setProperty("code", code);
            chip->setTextFormat(Qt::PlainText);
            // The column beside the customer is narrow: a long flag wraps instead of widening it.
            chip->setWordWrap(true);
            chip->setStyleSheet(rule->kind == RetentionRule::Kind::Flag
                                    ? ChipStyle::colours(QStringLiteral("#fdecea"), QStringLiteral("#b3261e"))
                                    : ChipStyle::colours(QStringLiteral("#e8f0fe"), QStringLiteral("#1a56b8")));
            m_flagLayout->addWidget(chip);
            ++flags;
        }
    }
    m_flagBox->setVisible(flags > 0);

    m_segment->setVisible(scored);
    if (scored)
        m_segment->setText(m_score->segment.isEmpty()
                               ? tr("RFM segment: none")
                               //: RFM segment of the customer, e.g. "RFM segment: Family"
                               : tr("RFM segment: %1").arg(RetentionFormat::segmentName(m_config, m_score->segment)));

    QStringList facts, behaviour, predictive;
    if (scored) {
        for (const QString& code : m_score->tags) {
            const CustomerTag* tag = m_config.tag(code);
            const QString name = RetentionFormat::tagName(m_config, code).toHtmlEscaped();
            const CustomerTag::Kind kind = tag ? tag->kind : CustomerTag::Kind::Fact;
            (kind == CustomerTag::Kind::Fact ? facts : kind == CustomerTag::Kind::Behaviour ? behaviour : predictive) << name;
        }
    }
    QStringList tagLines;
    const QString sep = tr(" · ", "between tags");
    if (!facts.isEmpty())
        tagLines << tr("<b>Facts:</b> %1").arg(facts.join(sep));
    if (!behaviour.isEmpty())
        tagLines << tr("<b>Behaviour:</b> %1").arg(behaviour.join(sep));
    if (!predictive.isEmpty())
        tagLines << tr("<b>Predicted:</b> %1").arg(predictive.join(sep));
    m_tags->setText(tagLines.join(QStringLiteral("<br>")));
    m_tags->setVisible(!tagLines.isEmpty());

    m_taskBox->setVisible(!m_customerId.isEmpty());
    const bool mayWork = m_session.can(Permission::WorkRetention);
    if (m_task) {
        const RetentionTask& t = *m_task;
        QStringList lines;
        const QString due = t.dueAt > 0 ? when(t.dueAt) : QString();
        if (!t.assigneeId.isEmpty()) {
            const QString who = t.assigneeId == m_session.agentId ? tr("you")
                              : t.assigneeName.isEmpty()          ? t.assigneeId
                                                                  : t.assigneeName;
            lines << (due.isEmpty() ? tr("Assigned to %1").arg(who)
                                    //: %1 who has the task, %2 when it is due
                                    : tr("Assigned to %1 · due %2").arg(who, due));
        } else {
            const QString queue = RetentionFormat::queue(t.queue);
            lines << (due.isEmpty() ? tr("Waiting in the queue %1").arg(queue)
                                    //: %1 queue name, %2 when the task is due
                                    : tr("Waiting in the queue %1 · due %2").arg(queue, due));
        }
        if (!t.offerName.isEmpty())
            lines << tr("Next-best offer: %1").arg(t.offerName);
        if (!t.outcome.isEmpty())
            lines << tr("Last outcome: %1").arg(RetentionService::outcomeLabel(t.outcome));
        if (!t.outcomeNote.isEmpty())
            lines << tr("Note: %1").arg(t.outcomeNote);
        m_taskText->setText(lines.join(QLatin1Char('\n')));
        m_recordButton->setVisible(true);
        m_recordButton->setEnabled(mayWork);
        m_takeButton->setVisible(t.assigneeId.isEmpty() && mayWork);
    } else {
        QStringList lines;
        lines << (scored && m_score->band == QLatin1String("high") && !m_lastClosed
                      ? tr("No open retention task yet: one is opened with the next scoring of this customer.")
                      : tr("No open retention task."));
        if (m_lastClosed) {
            const RetentionTask& t = *m_lastClosed;
            const QString outcome = t.outcome.isEmpty() ? RetentionFormat::taskStatus(t.status)
                                                        : RetentionService::outcomeLabel(t.outcome);
            lines << (t.closedAt > 0
                          //: The customer's last retention task; %1 its outcome, %2 when it was closed
                          ? tr("Last task: %1, %2").arg(outcome, when(t.closedAt))
                          : tr("Last task: %1").arg(outcome));
            if (!t.outcomeNote.isEmpty())
                lines << tr("Note: %1").arg(t.outcomeNote);
        }
        m_taskText->setText(lines.join(QLatin1Char('\n')));
        m_recordButton->setVisible(false);
        m_takeButton->setVisible(false);
    }
}

void RiskCard::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

bool RiskCard::recordOutcome()
{
    if (!m_task)
        return false;
    RecordOutcomeDialog dialog(m_store, m_session, *m_task, m_clock, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const QString taskId = m_task->id;
    reload();
    emit taskChanged(taskId);
    emit localChangeWritten();
    return true;
}

bool RiskCard::takeTask()
{
    if (!m_task)
        return false;
    const QString taskId = m_task->id;
    const Status taken = RetentionService(m_store, m_session, m_clock).assign(taskId, m_session.agentId);
    if (!taken) {
        showError(taken.errorMessage());
        return false;
    }
    reload();
    emit taskChanged(taskId);
    emit localChangeWritten();
    return true;
}

QString RiskCard::bandText() const
{
    return m_band->text();
}

QStringList RiskCard::reasonTexts() const
{
    return m_score ? RetentionFormat::reasons(m_score->reasons, m_config, ScoringEngine::kTopReasons) : QStringList();
}

QStringList RiskCard::flagTexts() const
{
    QStringList out;
    for (int i = 0; i < m_flagLayout->count(); ++i) {
        if (auto* label = qobject_cast<QLabel*>(m_flagLayout->itemAt(i)->widget()))
            out << label->text();
    }
    return out;
}

QString RiskCard::segmentText() const
{
    return m_segment->isHidden() ? QString() : m_segment->text();
}

QString RiskCard::tagsText() const
{
    return m_tags->text();
}

QString RiskCard::taskText() const
{
    return m_taskText->text();
}

QString RiskCard::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace telcodesk
