#include "GuiScenario.h"
#include "customer/CustomerSearchPage.h"
#include "itemmodels/CustomerSearchModel.h"

#include <QApplication>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

class TestCustomerSearchPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void searchesAsTheAgentTypes();
    void lastFourDigits();
    void cappedResultsSaySo();
    void nothingFoundSaysSo();
    void tooFewDigitsOrTooLongSaysWhy();
    void upDownMoveWhileTheFieldKeepsFocus();
    void enterOpensTheSelectedOrTheFirst();
    void enterWithNoResultsDoesNothing();
    void hostileInput_data();
    void hostileInput();

private:
    void typeAndWait(const QString& text);

    std::unique_ptr<GuiScenario> m_s;
    std::unique_ptr<CustomerSearchPage> m_page;
};

void TestCustomerSearchPage::initTestCase()
{
    // Any dialog opening during these tests is a failure: fail fast instead of hanging.
    QApplication::setQuitOnLastWindowClosed(false);
}

void TestCustomerSearchPage::init()
{
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
    m_page = std::make_unique<CustomerSearchPage>(m_s->store());
    m_page->resize(1000, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->focusSearch();
}

void TestCustomerSearchPage::cleanup()
{
    m_page.reset();
    m_s.reset();
}

void TestCustomerSearchPage::typeAndWait(const QString& text)
{
    m_page->searchField()->clear();
    typeText(m_page->searchField(), text);
    // The search runs after the debounce interval, without anything else happening.
    QTRY_COMPARE_WITH_TIMEOUT(m_page->hintText().contains(QStringLiteral("Type to search")), false, 2000);
    QTest::qWait(CustomerSearchPage::kDebounceMs * 2);
}

void TestCustomerSearchPage::searchesAsTheAgentTypes()
{
    typeText(m_page->searchField(), QStringLiteral("陈静"));
    QCOMPARE(m_page->resultsModel()->rowCount(), 0); // not yet: debounced
    QTRY_VERIFY_WITH_TIMEOUT(m_page->resultsModel()->rowCount() > 0, 2000);
    // Her record and the duplicate written "陈 静" (names are compared without spaces).
    QCOMPARE(m_page->resultsModel()->rowCount(), 2);
    const int row = m_page->resultsModel()->rowOfCustomer(m_s->chenJing);
    QVERIFY(row >= 0);
    QCOMPARE(m_page->resultsModel()->index(row, CustomerSearchModel::NumberColumn).data().toString(),
             QStringLiteral("139****5678"));
    QVERIFY(m_page->hintText().contains(QStringLiteral("result")));
    QCOMPARE(m_page->selectedCustomerId(), m_page->resultsModel()->customerId(0));
}

void TestCustomerSearchPage::lastFourDigits()
{
    typeAndWait(QStringLiteral("5678"));
    QCOMPARE(m_page->resultsModel()->rowCount(), 1);
    QCOMPARE(m_page->resultsModel()->customerId(0), m_s->chenJing);
}

void TestCustomerSearchPage::cappedResultsSaySo()
{
    typeAndWait(QStringLiteral("张伟"));
    QCOMPARE(m_page->resultsModel()->rowCount(), CustomerSearchPage::kResultLimit);
    QVERIFY2(m_page->hintText().startsWith(QStringLiteral("50+ results")), qPrintable(m_page->hintText()));
}

void TestCustomerSearchPage::nothingFoundSaysSo()
{
    typeAndWait(QStringLiteral("欧阳修"));
    QCOMPARE(m_page->resultsModel()->rowCount(), 0);
    QCOMPARE(m_page->hintText(), QStringLiteral("No customer matches “欧阳修”."));
}

void TestCustomerSearchPage::tooFewDigitsOrTooLongSaysWhy()
{
    typeAndWait(QStringLiteral("13"));
    QCOMPARE(m_page->resultsModel()->rowCount(), 0);
    QCOMPARE(m_page->hintText(), QStringLiteral("Type at least 3 digits of the number."));
    m_page->setQuery(QString(200, QLatin1Char('x')));
    QCOMPARE(m_page->hintText(), QStringLiteral("No number, name or ID is that long (64 characters at most)."));
}

void TestCustomerSearchPage::upDownMoveWhileTheFieldKeepsFocus()
{
    typeAndWait(QStringLiteral("张伟"));
    QLineEdit* field = m_page->searchField();
    QVERIFY(field->hasFocus());
    const QString first = m_page->resultsModel()->customerId(0);
    QCOMPARE(m_page->selectedCustomerId(), first);
    QTest::keyClick(field, Qt::Key_Down);
    QTest::keyClick(field, Qt::Key_Down);
    QCOMPARE(m_page->selectedCustomerId(), m_page->resultsModel()->customerId(2));
    QTest::keyClick(field, Qt::Key_Up);
    QCOMPARE(m_page->selectedCustomerId(), m_page->resultsModel()->customerId(1));
    QTest::keyClick(field, Qt::Key_Up);
    QTest::keyClick(field, Qt::Key_Up); // stays on the first
    QCOMPARE(m_page->selectedCustomerId(), first);
    QVERIFY(field->hasFocus());
    QCOMPARE(field->text(), QStringLiteral("张伟"));
    QTest::keyClick(field, Qt::Key_PageDown);
    QVERIFY(m_page->resultsView()->selectionModel()->currentIndex().row() > 2);
}

void TestCustomerSearchPage::enterOpensTheSelectedOrTheFirst()
{
    QSignalSpy activated(m_page.get(), &CustomerSearchPage::customerActivated);
    // Enter right after typing, before the debounce fired: searches at once and opens the first.
    m_page->searchField()->clear();
    typeText(m_page->searchField(), QStringLiteral("13912345678"));
    QTest::keyClick(m_page->searchField(), Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), m_s->chenJing);

    typeAndWait(QStringLiteral("张伟"));
    QTest::keyClick(m_page->searchField(), Qt::Key_Down);
    QTest::keyClick(m_page->searchField(), Qt::Key_Enter);
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.at(1).at(0).toString(), m_page->resultsModel()->customerId(1));
}

void TestCustomerSearchPage::enterWithNoResultsDoesNothing()
{
    QSignalSpy activated(m_page.get(), &CustomerSearchPage::customerActivated);
    typeAndWait(QStringLiteral("no such customer"));
    QTest::keyClick(m_page->searchField(), Qt::Key_Return);
    QCOMPARE(activated.count(), 0);
}

void TestCustomerSearchPage::hostileInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("percent") << "%";
    QTest::newRow("underscore") << "_";
    QTest::newRow("quote") << "'";
    QTest::newRow("double quote") << "\"";
    QTest::newRow("sql comment") << "--";
    QTest::newRow("sql injection") << "'; DROP TABLE customer; --";
    QTest::newRow("like wildcards around digits") << "%5678%";
    QTest::newRow("10,000 characters") << QString(10000, QLatin1Char('a'));
    QTest::newRow("10,000 digits") << QString(10000, QLatin1Char('9'));
    QTest::newRow("broken UTF-8") << QString::fromUtf8("\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1");
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) + QStringLiteral("陈");
    QTest::newRow("control characters") << QStringLiteral("\t\n\r\x01");
    QTest::newRow("emoji") << QStringLiteral("😀😀");
}

void TestCustomerSearchPage::hostileInput()
{
    QFETCH(QString, text);
    QSignalSpy activated(m_page.get(), &CustomerSearchPage::customerActivated);
    m_page->setQuery(text);
    QTest::keyClick(m_page->searchField(), Qt::Key_Return);
    QTest::qWait(CustomerSearchPage::kDebounceMs * 2);
    QVERIFY(!QApplication::activeModalWidget());
    QCOMPARE(QApplication::topLevelWidgets().count(m_page.get()), 1);
    for (QWidget* w : QApplication::topLevelWidgets())
        QVERIFY2(w == m_page.get() || !w->isVisible() || !w->inherits("QDialog"), qPrintable(w->objectName()));
    // Nothing in the store matches these, and the page still works afterwards.
    QCOMPARE(m_page->resultsModel()->rowCount(), 0);
    QCOMPARE(activated.count(), 0);
    typeAndWait(QStringLiteral("陈静"));
    QVERIFY(m_page->resultsModel()->rowOfCustomer(m_s->chenJing) >= 0);
}

QTEST_MAIN(TestCustomerSearchPage)
#include "tst_customersearchpage.moc"
