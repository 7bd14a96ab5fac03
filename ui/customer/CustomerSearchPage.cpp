#include "customer/CustomerSearchPage.h"

#include "Labels.h"
#include "itemmodels/CustomerSearchModel.h"
#include "domain/PhoneNumber.h"
#include "services/CustomerSearch.h"

#include <QElapsedTimer>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace telcodesk {

CustomerSearchPage::CustomerSearchPage(LocalStorePtr store, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_search(std::make_unique<CustomerSearch>(m_store))
    , m_field(new QLineEdit(this))
    , m_hint(new QLabel(this))
    , m_view(new QTableView(this))
    , m_model(new CustomerSearchModel(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("customerSearchPage"));
    m_model->setLabeler(Labels::labeler());

    auto* title = new QLabel(tr("Find a customer"), this);
    title->setObjectName(QStringLiteral("pageTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_field->setObjectName(QStringLiteral("customerSearchField"));
    m_field->setPlaceholderText(
        tr("Mobile number, its last 4 digits, name, ID number or account number"));
    m_field->setClearButtonEnabled(true);
    m_field->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView), QLineEdit::LeadingPosition);
    QFont fieldFont = m_field->font();
    fieldFont.setPointSizeF(fieldFont.pointSizeF() * 1.4);
    m_field->setFont(fieldFont);
    m_field->setMinimumHeight(m_field->sizeHint().height() + 12);
    m_field->setMaxLength(256);
    m_field->installEventFilter(this);

    m_hint->setObjectName(QStringLiteral("searchHint"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);

    m_view->setObjectName(QStringLiteral("customerResults"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Names are short (two to four characters, or a Latin name); enterprise names are long. Every column
    // fits its contents, and the last one takes what is left.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setMinimumSectionSize(110);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit customerActivated(m_model->customerId(index.row()));
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 12);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(m_field);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &CustomerSearchPage::runSearch);
    connect(m_field, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    updateHint();
}

CustomerSearchPage::~CustomerSearchPage() = default;

void CustomerSearchPage::setQuery(const QString& text)
{
    m_field->setText(text);
    searchNow();
}

QString CustomerSearchPage::query() const
{
    return m_field->text();
}

void CustomerSearchPage::searchNow()
{
    m_debounce->stop();
    runSearch();
}

void CustomerSearchPage::focusSearch()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

QString CustomerSearchPage::hintText() const
{
    return m_hint->text();
}

QString CustomerSearchPage::selectedCustomerId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? m_model->customerId(current.row()) : QString();
}

void CustomerSearchPage::runSearch()
{
    const QString text = m_field->text();
    if (text == m_lastQuery && m_model->rowCount() > 0)
        return;
    m_lastQuery = text;
    QElapsedTimer timer;
    timer.start();
    // One more than shown, to tell "exactly 50" from "more than 50".
    QVector<CustomerHit> hits = text.trimmed().isEmpty() ? QVector<CustomerHit>()
                                                         : m_search->search(text, kResultLimit + 1);
    m_lastElapsedUs = timer.nsecsElapsed() / 1000;
    const bool capped = hits.size() > kResultLimit;
    if (capped)
        hits.resize(kResultLimit);
    m_model->setResults(hits);
    m_capped = capped;
    if (!hits.isEmpty())
        m_view->selectionModel()->setCurrentIndex(m_model->index(0, 0),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateHint();
}

void CustomerSearchPage::updateHint()
{
    const QString text = m_field->text().trimmed();
    const int count = m_model->rowCount();
    if (text.isEmpty()) {
        m_hint->setText(tr("Type to search. ↑ ↓ choose a result, Enter opens it, Esc in a customer's panel "
                           "comes back here."));
        return;
    }
    if (count == 0) {
        if (CustomerSearch::classify(text) == CustomerSearch::QueryKind::Digits
            && PhoneNumber::searchDigits(text).size() < kMinDigits) {
            m_hint->setText(tr("Type at least %1 digits of the number.").arg(kMinDigits));
        } else if (text.size() > CustomerSearch::kMaxQueryChars) {
            m_hint->setText(tr("No number, name or ID is that long (%1 characters at most).")
                                .arg(CustomerSearch::kMaxQueryChars));
        } else {
            //: %1 is what the agent typed (shortened)
            m_hint->setText(tr("No customer matches “%1”.").arg(text.left(40)));
        }
        return;
    }
    const QString took = QLocale().toString(double(m_lastElapsedUs) / 1000.0, 'f', 1);
    if (m_capped)
        //: %1 is the number of results shown, %2 the search time in milliseconds
        m_hint->setText(tr("%1+ results, the best shown first (%2 ms). Type more to narrow them down.")
                            .arg(count)
                            .arg(took));
    else
        m_hint->setText(tr("%n result(s) (%1 ms)", nullptr, count).arg(took));
}

void CustomerSearchPage::moveSelection(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const int row = std::clamp(current.isValid() ? current.row() + delta : 0, 0, rows - 1);
    const QModelIndex target = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(target);
}

void CustomerSearchPage::activateCurrent()
{
    if (m_debounce->isActive())
        searchNow();
    if (m_model->rowCount() == 0)
        return;
    QString id = selectedCustomerId();
    if (id.isEmpty())
        id = m_model->customerId(0);
    emit customerActivated(id);
}

bool CustomerSearchPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const int page = std::max(1, m_view->viewport()->height() / std::max(1, m_view->verticalHeader()->defaultSectionSize()) - 1);
        switch (key->key()) {
        case Qt::Key_Down:
            moveSelection(1);
            return true;
        case Qt::Key_Up:
            moveSelection(-1);
            return true;
        case Qt::Key_PageDown:
            moveSelection(page);
            return true;
        case Qt::Key_PageUp:
            moveSelection(-page);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            activateCurrent();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace telcodesk
