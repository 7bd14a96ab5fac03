#pragma once

#include <QChartView>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QLineSeries;

namespace telcodesk {

class UsageTableModel;

/// Spend per month as bars (yuan, left axis) and data use as a line (GB, right axis), drawn from a
/// UsageTableModel and redrawn whenever the model is reset. Months are labelled with their short names
/// where these fit under the bars, and with their numbers (11, 12, 1, ...) under a title that names the
/// range where they do not, so that no label is ever cut off.
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
    /// Chooses names or numbers for the months from the width each bar has.
    void fitMonthLabels();

    UsageTableModel* m_model = nullptr;
    QBarSet* m_spend = nullptr;
    QLineSeries* m_data = nullptr;
    QBarCategoryAxis* m_monthAxis = nullptr;
    QStringList m_monthNames;
    QStringList m_monthNumbers;
    QStringList m_monthLabels;
};

} // namespace telcodesk
