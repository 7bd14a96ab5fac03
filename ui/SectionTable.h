#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QStackedWidget;
class QTableView;

namespace telcodesk {

/// A read-only table as the panel's sections use it, which says so in words when it has no rows
/// instead of showing an empty grid.
class SectionTable : public QWidget
{
    Q_OBJECT

public:
    SectionTable(const QString& emptyText, QWidget* parent = nullptr);

    /// Shows the model (usually through a proxy) and follows its row count.
    void setModel(QAbstractItemModel* model);
    QTableView* view() const { return m_view; }
    void setEmptyText(const QString& text);
    bool isShowingEmptyText() const;

private:
    void updateState();

    QStackedWidget* m_stack = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace telcodesk
