#pragma once

#include "store/LocalStore.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace telcodesk {

class CustomerSearch;
class CustomerSearchModel;

/// Finds the caller as the agent types: a large search field, results below, keyboard first. The field
/// keeps the focus while Up/Down move through the results, and Enter opens the selected customer (or
/// the first one).
class CustomerSearchPage : public QWidget
{
    Q_OBJECT

public:
    /// How long typing must pause before a search runs: short, because a search takes milliseconds.
    static constexpr int kDebounceMs = 100;
    static constexpr int kResultLimit = 50;
    /// Fewer digits than this match too many numbers to be useful; CustomerSearch does not search them.
    static constexpr int kMinDigits = 3;

    explicit CustomerSearchPage(LocalStorePtr store, QWidget* parent = nullptr);
    ~CustomerSearchPage() override;

    /// Puts text in the field and searches at once.
    void setQuery(const QString& text);
    QString query() const;
    /// Runs a pending search now (the debounce timer would have run it shortly).
    void searchNow();
    /// Focuses the field and selects its text, ready to type over.
    void focusSearch();

    QLineEdit* searchField() const { return m_field; }
    QTableView* resultsView() const { return m_view; }
    CustomerSearchModel* resultsModel() const { return m_model; }
    QString hintText() const;
    /// The id of the selected result, or empty.
    QString selectedCustomerId() const;

signals:
    void customerActivated(const QString& customerId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void runSearch();
    void moveSelection(int delta);
    void activateCurrent();
    void updateHint();

    LocalStorePtr m_store;
    std::unique_ptr<CustomerSearch> m_search;
    QLineEdit* m_field = nullptr;
    QLabel* m_hint = nullptr;
    QTableView* m_view = nullptr;
    CustomerSearchModel* m_model = nullptr;
    QTimer* m_debounce = nullptr;
    QString m_lastQuery;
    qint64 m_lastElapsedUs = 0;
    bool m_capped = false; ///< more results exist than are shown
};

} // namespace telcodesk
