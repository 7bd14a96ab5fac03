#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace telcodesk {

class InteractionFilterProxy;
class InteractionListModel;
class RowEmphasisProxy;
class SectionTable;

/// The interaction timeline across channels, newest first, with a channel filter and a text filter.
class TimelineSection : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineSection(InteractionListModel* model, QWidget* parent = nullptr);

    QComboBox* channelFilter() const { return m_channel; }
    QLineEdit* textFilter() const { return m_text; }
    InteractionFilterProxy* filterProxy() const { return m_filter; }
    SectionTable* table() const { return m_table; }
    /// Rows shown after filtering.
    int visibleCount() const;
    /// Clears both filters (when another customer is opened).
    void resetFilters();

private:
    void updateCount();

    InteractionListModel* m_model = nullptr;
    InteractionFilterProxy* m_filter = nullptr;
    RowEmphasisProxy* m_emphasis = nullptr;
    QComboBox* m_channel = nullptr;
    QLineEdit* m_text = nullptr;
    QLabel* m_count = nullptr;
    SectionTable* m_table = nullptr;
};

} // namespace telcodesk
