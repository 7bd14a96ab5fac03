#include "SectionTable.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QTableView>

namespace telcodesk {

SectionTable::SectionTable(const QString& emptyText, QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_view(new QTableView(m_stack))
    , m_empty(new QLabel(emptyText, m_stack))
{
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->horizontalHeader()->setStretchLastSection(true);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("QLabel { color: palette(placeholder-text); }"));

    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);
    // An outer layout so that a section can give the table margins (layout()->setContentsMargins).
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

void SectionTable::setModel(QAbstractItemModel* model)
{
    m_view->setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, &SectionTable::updateState);
    connect(model, &QAbstractItemModel::layoutChanged, this, &SectionTable::updateState);
    connect(model, &QAbstractItemModel::rowsInserted, this, &SectionTable::updateState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SectionTable::updateState);
    updateState();
}

void SectionTable::setEmptyText(const QString& text)
{
    m_empty->setText(text);
}

bool SectionTable::isShowingEmptyText() const
{
    return m_stack->currentWidget() == m_empty;
}

void SectionTable::updateState()
{
    const bool empty = !m_view->model() || m_view->model()->rowCount() == 0;
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_empty) : static_cast<QWidget*>(m_view));
}

} // namespace telcodesk
