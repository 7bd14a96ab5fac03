#pragma once

#include <QChartView>

class QBarSeries;
class QBarSet;
class QLineSeries;

namespace telcodesk {

class UsageTableModel;

/// Spend per month as bars (yuan, left axis) and data use as a line (GB, right axis), drawn from a
/// UsageTableModel and redrawn whenever the model is reset.
class UsageChartView : public QChartView
{
    Q_OBJECT

public:
    explicit UsageChartView(UsageTableModel* model, QWidget* parent = nullptr);

    QBarSet* spendSet() const { return m_spend; }
    QLineSeries* dataSeries() const { return m_data; }
    /// The category labels on the month axis.
    QStringList monthLabels() const;

private:
    void rebuild();

    UsageTableModel* m_model = nullptr;
    QBarSet* m_spend = nullptr;
    QLineSeries* m_data = nullptr;
    QStringList m_monthLabels;
};

} // namespace telcodesk
