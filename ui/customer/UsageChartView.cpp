#include "customer/UsageChartView.h"

#include "itemmodels/DisplayFormat.h"
#include "itemmodels/UsageTableModel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDate>
#include <QFontMetricsF>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace telcodesk {

namespace {

/// A round upper bound for an axis (1, 2, 2.5, 5 times a power of ten) so that tick labels read well.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10.0 * magnitude;
}

} // namespace

UsageChartView::UsageChartView(UsageTableModel* model, QWidget* parent)
    : QChartView(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("usageChart"));
    setRenderHint(QPainter::Antialiasing);
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UsageChartView::rebuild);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &UsageChartView::rebuild);
    connect(chart, &QChart::plotAreaChanged, this, &UsageChartView::fitMonthLabels);
    rebuild();
}

QStringList UsageChartView::monthLabels() const
{
    return m_monthLabels;
}

void UsageChartView::rebuild()
{
    QChart* c = chart();
    c->removeAllSeries();
    const auto axes = c->axes();
    for (QAbstractAxis* axis : axes) {
        c->removeAxis(axis);
        delete axis;
    }
    m_spend = nullptr;
    m_data = nullptr;
    m_monthAxis = nullptr;
    m_monthNames.clear();
    m_monthNumbers.clear();
    m_monthLabels.clear();

    const int rows = m_model->rowCount();
    if (rows == 0) {
        c->setTitle(tr("No usage recorded in the last 12 months"));
        c->legend()->hide();
        return;
    }

    auto* bars = new QBarSeries;
    m_spend = new QBarSet(tr("Spend (¥)"));
    m_spend->setColor(QColor(0x42, 0x85, 0xf4));
    m_spend->setBorderColor(QColor(0x42, 0x85, 0xf4));
    m_data = new QLineSeries;
    m_data->setName(tr("Data (GB)"));
    QPen pen(QColor(0xf2, 0x8b, 0x00));
    pen.setWidthF(2.5);
    m_data->setPen(pen);
    m_data->setPointsVisible(true);

    double maxSpend = 0;
    double maxData = 0;
    const QLocale locale;
    for (int row = 0; row < rows; ++row) {
        const double spend = m_model->spendYuan(row);
        const double data = m_model->dataGb(row);
        *m_spend << spend;
        m_data->append(row, data);
        maxSpend = std::max(maxSpend, spend);
        maxData = std::max(maxData, data);
        const QDate month = monthStart(m_model->monthKeyAt(row));
        m_monthNumbers << QString::number(month.month());
        m_monthNames << locale.monthName(month.month(), QLocale::ShortFormat);
    }
    bars->append(m_spend);
    bars->setBarWidth(0.6);
    c->addSeries(bars);
    c->legend()->show();
    c->addSeries(m_data);

    auto* months = new QBarCategoryAxis;
    m_monthAxis = months;
    // Numbers always fit; fitMonthLabels() puts the names in once the plot area shows they fit too.
    m_monthLabels = m_monthNumbers;
    months->append(m_monthLabels);
    //: Chart axis title: the range of months shown, e.g. "2025-12 – 2026-11"
    months->setTitleText(tr("Months %1 – %2").arg(m_model->monthLabel(0), m_model->monthLabel(rows - 1)));
    months->setGridLineVisible(false);
    QFont small = months->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    months->setLabelsFont(small);
    c->addAxis(months, Qt::AlignBottom);
    bars->attachAxis(months);
    m_data->attachAxis(months);

    auto* yuan = new QValueAxis;
    yuan->setRange(0, niceCeiling(maxSpend * 1.05));
    yuan->setLabelFormat(QStringLiteral("%.0f"));
    yuan->setTickCount(5);
    // The legend names both series: axis titles would only take width from the months.
    c->addAxis(yuan, Qt::AlignLeft);
    bars->attachAxis(yuan);

    auto* gb = new QValueAxis;
    gb->setRange(0, niceCeiling(maxData * 1.05));
    gb->setLabelFormat(gb->max() >= 100 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
    gb->setTickCount(5);
    gb->setGridLineVisible(false);
    c->addAxis(gb, Qt::AlignRight);
    m_data->attachAxis(gb);

    //: Chart title; %1 is the total spend over the %n months shown
    c->setTitle(tr("Spent %1 over %n month(s)", nullptr, rows).arg(DisplayFormat::yuan(m_model->totalSpendFen())));
    fitMonthLabels();
}

void UsageChartView::fitMonthLabels()
{
    if (!m_monthAxis || m_monthNames.isEmpty())
        return;
    // Chinese month names ("11月") are too wide for twelve bars at any width the panel gives the chart;
    // plain numbers under the "月份" range title read naturally there.
    bool names = false;
    const double slot = chart()->plotArea().width() / m_monthNames.size();
    if (QLocale().language() != QLocale::Chinese && slot > 0) {
        const QFontMetricsF metrics(m_monthAxis->labelsFont());
        double widest = 0;
        for (const QString& name : std::as_const(m_monthNames))
            widest = std::max(widest, metrics.horizontalAdvance(name));
        // Qt Charts gives a label its bar's share of the plot width less 1 px of padding on each side,
        // and measures it as a text item with a 4 px margin on each side; a label wider than that is
        // elided ("N…"). Measured on Qt 6.4; the panel test checks it at every width.
        constexpr double kLabelChrome = 10;
        names = widest + kLabelChrome <= slot;
    }
    const QStringList& wanted = names ? m_monthNames : m_monthNumbers;
    if (wanted == m_monthLabels)
        return;
    m_monthLabels = wanted;
    m_monthAxis->setCategories(m_monthLabels);
}

} // namespace telcodesk
