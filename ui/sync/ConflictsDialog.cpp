#include "sync/ConflictsDialog.h"

#include "Labels.h"
#include "sync/SyncController.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace telcodesk {

namespace {

enum ChoiceId { MineId = 0, TheirsId = 1 };

/// Values can be whole descriptions: the buttons show the start, the tooltip all of it.
QString shortValue(const QString& value)
{
    constexpr int kChars = 60;
    const QString flat = value.simplified();
    return flat.size() <= kChars ? flat : flat.left(kChars - 1) + QChar(0x2026);
}

} // namespace

ConflictsDialog::ConflictsDialog(LocalStorePtr store, SyncController* controller, QWidget* parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_controller(controller)
    , m_scroll(new QScrollArea(this))
    , m_empty(new QLabel(tr("No conflicts are waiting. Everything changed here and on the server has been "
                            "merged."),
                         this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("conflictsDialog"));
    setWindowTitle(tr("Conflicts to resolve"));

    auto* intro = new QLabel(tr("These fields were changed on this computer and on the server at the same time. "
                                "Choose for each field which value to keep. A value you keep is sent to the "
                                "server as a new change; fields you leave undecided wait for later."),
                             this);
    intro->setWordWrap(true);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_empty->setWordWrap(true);
    m_empty->setObjectName(QStringLiteral("noConflictsLabel"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }"));
    m_error->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("Apply choices"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    QPushButton* close = buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        if (applyChoices() && m_conflicts.isEmpty())
            accept();
    });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumSize(720, 360);
    resize(900, 560);
    reload();
}

void ConflictsDialog::reload()
{
    m_groups.clear();
    const Result<QVector<SyncConflict>> open = ConflictService(m_store, Clock::system(), Labels::labeler()).openConflicts();
    if (!open) {
        m_conflicts.clear();
        m_error->setText(open.errorMessage());
        m_error->show();
    } else {
        m_conflicts = open.value();
    }

    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 0, 0);
    // The service keeps the fields of one record together.
    for (int i = 0; i < m_conflicts.size();) {
        int j = i;
        while (j < m_conflicts.size() && m_conflicts[j].entity == m_conflicts[i].entity
               && m_conflicts[j].entityId == m_conflicts[i].entityId)
            ++j;
        column->addWidget(buildRecordBox(m_conflicts.mid(i, j - i)));
        i = j;
    }
    column->addStretch(1);
    m_scroll->setWidget(content); // deletes the previous content
    m_scroll->setVisible(!m_conflicts.isEmpty());
    m_empty->setVisible(m_conflicts.isEmpty() && open);
    updateApply();
}

QWidget* ConflictsDialog::buildRecordBox(const QVector<SyncConflict>& fields)
{
    const SyncConflict& first = fields.first();
    //: A box of conflicts of one record: %1 the kind of record, %2 the record
    auto* box = new QGroupBox(tr("%1 · %2").arg(first.entityName, first.recordLabel));
    box->setObjectName(QStringLiteral("record_%1").arg(first.entityId));
    auto* grid = new QGridLayout(box);
    // The same column widths in every box, so that the choices line up down the list.
    grid->setColumnMinimumWidth(0, 120);
    grid->setColumnMinimumWidth(1, 200);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 2);
    grid->setColumnStretch(3, 2);
    grid->setHorizontalSpacing(16);

    QList<QButtonGroup*> groups;
    int row = 0;
    for (const SyncConflict& c : fields) {
        auto* name = new QLabel(c.fieldName, box);
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        //: What the field held before both changes
        auto* base = new QLabel(tr("Was: %1").arg(shortValue(c.baseText)), box);
        base->setToolTip(c.baseText);
        base->setStyleSheet(QStringLiteral("QLabel { color: #5f6368; }"));
        auto* mine = new QRadioButton(tr("Keep mine (%1)").arg(shortValue(c.mineText)), box);
        mine->setObjectName(QStringLiteral("mine_%1").arg(c.id));
        mine->setToolTip(c.mineText);
        auto* theirs = new QRadioButton(tr("Take the server's (%1)").arg(shortValue(c.theirsText)), box);
        theirs->setObjectName(QStringLiteral("theirs_%1").arg(c.id));
        theirs->setToolTip(c.theirsText);
        auto* group = new QButtonGroup(box);
        group->addButton(mine, MineId);
        group->addButton(theirs, TheirsId);
        connect(group, &QButtonGroup::idToggled, this, &ConflictsDialog::updateApply);
        m_groups.insert(c.id, group);
        groups << group;

        grid->addWidget(name, row, 0);
        grid->addWidget(base, row, 1);
        grid->addWidget(mine, row, 2);
        grid->addWidget(theirs, row, 3);
        ++row;
    }
    if (fields.size() > 1) {
        auto* all = new QHBoxLayout;
        auto* allMine = new QPushButton(tr("Keep all mine"), box);
        auto* allTheirs = new QPushButton(tr("Take all the server's"), box);
        for (auto [button, id] : {std::pair{allMine, int(MineId)}, std::pair{allTheirs, int(TheirsId)}}) {
            const int choice = id;
            connect(button, &QPushButton::clicked, this, [this, groups, choice] {
                for (QButtonGroup* g : groups)
                    g->button(choice)->setChecked(true);
                updateApply();
            });
        }
        all->addStretch(1);
        all->addWidget(allMine);
        all->addWidget(allTheirs);
        grid->addLayout(all, row, 0, 1, 4);
    }
    return box;
}

QRadioButton* ConflictsDialog::mineButton(const QString& conflictId) const
{
    QButtonGroup* group = m_groups.value(conflictId);
    return group ? qobject_cast<QRadioButton*>(group->button(MineId)) : nullptr;
}

QRadioButton* ConflictsDialog::theirsButton(const QString& conflictId) const
{
    QButtonGroup* group = m_groups.value(conflictId);
    return group ? qobject_cast<QRadioButton*>(group->button(TheirsId)) : nullptr;
}

QString ConflictsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ConflictsDialog::updateApply()
{
    bool any = false;
    for (QButtonGroup* group : std::as_const(m_groups))
        any = any || group->checkedId() >= 0;
    m_apply->setEnabled(any);
}

bool ConflictsDialog::applyChoices()
{
    QHash<QString, ConflictService::Choice> choices;
    for (auto it = m_groups.cbegin(); it != m_groups.cend(); ++it) {
        const int id = it.value()->checkedId();
        if (id >= 0)
            choices.insert(it.key(), id == MineId ? ConflictService::Choice::Mine : ConflictService::Choice::Theirs);
    }
    if (choices.isEmpty())
        return false;
    const Status done = ConflictService(m_store).resolveAll(choices);
    if (!done) {
        // A conflict resolved elsewhere meanwhile (another window): show what is still open.
        const QString message = done.error().code == QLatin1String("already_resolved")
            ? tr("Some of these conflicts were resolved meanwhile; the list has been read again. Please check "
                 "your choices and apply again.")
            : tr("Your choices could not be recorded: %1").arg(done.errorMessage());
        if (done.error().code == QLatin1String("already_resolved"))
            reload();
        m_error->setText(message);
        m_error->show();
        return false;
    }
    m_error->hide();
    if (m_controller) {
        m_controller->refreshCounts();
        m_controller->requestSync();
    }
    Q_EMIT resolved();
    reload();
    return true;
}

} // namespace telcodesk
