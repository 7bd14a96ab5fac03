#include "customer/TimelineSection.h"

#include "Labels.h"
#include "RowEmphasisProxy.h"
#include "SectionTable.h"
#include "itemmodels/InteractionListModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace telcodesk {

TimelineSection::TimelineSection(InteractionListModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new InteractionFilterProxy(this))
    , m_emphasis(new RowEmphasisProxy(this))
    , m_channel(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_table(new SectionTable(tr("No interactions recorded for this customer."), this))
{
    setObjectName(QStringLiteral("timelineSection"));
    m_filter->setSourceModel(m_model);
    m_filter->sort(InteractionListModel::TimeColumn, Qt::DescendingOrder);
    m_emphasis->setSourceModel(m_filter);
    m_table->setModel(m_emphasis);

    QTableView* view = m_table->view();
    view->setObjectName(QStringLiteral("timelineView"));
    QHeaderView* header = view->horizontalHeader();
    for (int c : {int(InteractionListModel::TimeColumn), int(InteractionListModel::ChannelColumn),
                  int(InteractionListModel::KindColumn), int(InteractionListModel::DirectionColumn),
                  int(InteractionListModel::AgentColumn)})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(InteractionListModel::SummaryColumn, QHeaderView::Stretch);

    m_channel->setObjectName(QStringLiteral("channelFilter"));
    m_channel->addItem(tr("All channels"), QString());
    for (const QString& code : Labels::codes(CodeDomain::Channel))
        m_channel->addItem(Labels::label(CodeDomain::Channel, code), code);
    m_text->setObjectName(QStringLiteral("timelineTextFilter"));
    m_text->setPlaceholderText(tr("Filter by text…"));
    m_text->setClearButtonEnabled(true);
    m_count->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); }"));

    auto* filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_channel);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_count);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);

    connect(m_channel, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setChannel(m_channel->currentData().toString());
        updateCount();
    });
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setText(text);
        updateCount();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineSection::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TimelineSection::updateCount);
    updateCount();
}

int TimelineSection::visibleCount() const
{
    return m_filter->rowCount();
}

void TimelineSection::resetFilters()
{
    m_channel->setCurrentIndex(0);
    m_text->clear();
}

void TimelineSection::updateCount()
{
    const int shown = m_filter->rowCount();
    const int all = m_model->rowCount();
    if (shown == all)
        m_count->setText(tr("%n interaction(s)", nullptr, all));
    else
        //: %1 shown after filtering, %2 in all
        m_count->setText(tr("%1 of %2 shown").arg(shown).arg(all));
    m_table->setEmptyText(all == 0 ? tr("No interactions recorded for this customer.")
                                   : tr("No interaction matches the filter."));
}

} // namespace telcodesk
