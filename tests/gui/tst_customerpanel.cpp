#include "GuiScenario.h"
#include "Labels.h"
#include "RowEmphasisProxy.h"
#include "SectionTable.h"
#include "customer/CustomerHeader.h"
#include "customer/CustomerPanel.h"
#include "customer/TimelineSection.h"
#include "customer/UsageChartView.h"
#include "itemmodels/BillListModel.h"
#include "itemmodels/InteractionListModel.h"
#include "itemmodels/MemberListModel.h"
#include "itemmodels/NoteListModel.h"
#include "itemmodels/SubscriptionListModel.h"
#include "itemmodels/TicketListModel.h"
#include "itemmodels/UsageTableModel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace telcodesk;
using namespace telcodesk::test;

class TestCustomerPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void headerShowsWhoTheCustomerIs();
    void warningTagsStandOutFromNeutralOnes();
    void linesAndPlans();
    void usageChartHasTwelveMonths();
    void monthLabelsAreNamesWhereTheyFitAndNumbersElse();
    void overdueBillMarked();
    void timelineNewestFirstAndFilterable();
    void openTicketsFirst();
    void householdMembersOpenOnActivation();
    void memberShowsItsGroup();
    void notesShown();
    void possibleDuplicatesLinked();
    void revealNumberIsAuditedAndOnlyForThisView();
    void agentCannotRevealIdNumber();
    void unknownCustomerKeepsThePanel();

private:
    std::unique_ptr<GuiScenario> m_s;
    std::unique_ptr<CustomerPanel> m_panel;
};

void TestCustomerPanel::init()
{
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
    m_panel = std::make_unique<CustomerPanel>(m_s->store(), m_s->agentSession());
    m_panel->resize(1280, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    const Status shown = m_panel->showCustomer(m_s->chenJing);
    QVERIFY2(shown.ok(), qPrintable(shown.errorMessage()));
}

void TestCustomerPanel::cleanup()
{
    m_panel.reset();
    m_s.reset();
}

void TestCustomerPanel::headerShowsWhoTheCustomerIs()
{
    CustomerHeader* header = m_panel->header();
    QCOMPARE(header->nameText(), QStringLiteral("陈静"));
    QCOMPARE(header->numberText(), QStringLiteral("139****5678"));
    QCOMPARE(header->idNumberText(), QStringLiteral("4403**********1248"));
    QCOMPARE(header->riskText(), QStringLiteral("Risk: not scored yet"));
    QCOMPARE(header->tagTexts(), (QStringList{"5G", "视频会员"}));
    QVERIFY(header->revealNumberButton()->isVisible());
    // The panel never shows a clear number by itself.
    const QList<QLabel*> labels = m_panel->findChildren<QLabel*>();
    for (const QLabel* label : labels)
        QVERIFY2(!label->text().contains(QStringLiteral("13912345678")), qPrintable(label->text()));
}

void TestCustomerPanel::warningTagsStandOutFromNeutralOnes()
{
    QSqlQuery q(m_s->store()->connection());
    q.prepare(QStringLiteral("UPDATE customer SET tags = 'vip,overdue' WHERE id = ?"));
    q.addBindValue(m_s->wangQiang);
    QVERIFY(q.exec());
    QVERIFY(m_panel->showCustomer(m_s->wangQiang).ok());
    QCOMPARE(m_panel->header()->tagTexts(), (QStringList{"VIP", "Overdue bills"}));
    const QList<QLabel*> chips = m_panel->header()->findChildren<QLabel*>(QStringLiteral("tagChip"));
    QCOMPARE(chips.size(), 2);
    const QLabel* vip = chips.at(0)->text() == QLatin1String("VIP") ? chips.at(0) : chips.at(1);
    const QLabel* overdue = vip == chips.at(0) ? chips.at(1) : chips.at(0);
    QVERIFY(!vip->property("warning").toBool());
    QVERIFY(overdue->property("warning").toBool());
    // Neutral tags keep their green; a warning tag is not green.
    QVERIFY(vip->styleSheet().contains(QStringLiteral("#137333")));
    QVERIFY(!overdue->styleSheet().contains(QStringLiteral("#137333")));
    // 陈静's tags are all neutral.
    QVERIFY(m_panel->showCustomer(m_s->chenJing).ok());
    const QList<QLabel*> hers = m_panel->header()->findChildren<QLabel*>(QStringLiteral("tagChip"));
    for (const QLabel* chip : hers)
        QVERIFY2(!chip->property("warning").toBool(), qPrintable(chip->text()));
}

void TestCustomerPanel::linesAndPlans()
{
    SubscriptionListModel* lines = m_panel->linesModel();
    QCOMPARE(lines->rowCount(), GuiScenario::kChenLines);
    QStringList numbers;
    for (int row = 0; row < lines->rowCount(); ++row)
        numbers << lines->index(row, SubscriptionListModel::NumberColumn).data().toString();
    numbers.sort();
    QCOMPARE(numbers, (QStringList{"139****0000", "139****5678"}));
    const int withAddon = lines->index(0, SubscriptionListModel::AddonsColumn).data().toString().isEmpty() ? 1 : 0;
    QCOMPARE(lines->index(withAddon, SubscriptionListModel::AddonsColumn).data().toString(), QStringLiteral("Video membership"));
    QCOMPARE(lines->index(withAddon, SubscriptionListModel::FeeColumn).data().toString(), QStringLiteral("¥144.00"));
    QCOMPARE(lines->index(0, SubscriptionListModel::ServiceColumn).data().toString(), QStringLiteral("Mobile"));
    auto* view = m_panel->findChild<QTableView*>(QStringLiteral("linesView"));
    QVERIFY(view && view->isVisible());
    QCOMPARE(view->model()->rowCount(), GuiScenario::kChenLines);
}

void TestCustomerPanel::usageChartHasTwelveMonths()
{
    QCOMPARE(m_panel->usageModel()->rowCount(), 12);
    UsageChartView* chart = m_panel->usageChart();
    QVERIFY(chart->spendSet());
    QVERIFY(chart->dataSeries());
    QCOMPARE(chart->spendSet()->count(), 12);
    QCOMPARE(chart->dataSeries()->count(), 12);
    QCOMPARE(chart->monthLabels().size(), 12);
    // Last month: 129.00 on the first line plus 59.00 on the second.
    QCOMPARE(chart->spendSet()->at(11), 188.0);
    QCOMPARE(chart->dataSeries()->at(11).y(), 21.0);
}

void TestCustomerPanel::monthLabelsAreNamesWhereTheyFitAndNumbersElse()
{
    // English, as for --lang en; the chart decides when its plot area is laid out.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    auto restore = qScopeGuard([] { QLocale::setDefault(QLocale::c()); });
    UsageTableModel* usage = m_panel->usageModel();
    QStringList names;
    QStringList numbers;
    for (int row = 0; row < usage->rowCount(); ++row) {
        const int month = usage->monthKeyAt(row) % 100;
        names << QLocale().monthName(month, QLocale::ShortFormat);
        numbers << QString::number(month);
    }
    UsageChartView chart(usage);
    // Every month label is drawn whole: none is elided to "N…" by Qt Charts.
    auto allShownWhole = [&chart] {
        QStringList shown;
        const QList<QGraphicsItem*> items = chart.scene()->items();
        for (QGraphicsItem* item : items) {
            auto* text = qgraphicsitem_cast<QGraphicsTextItem*>(item);
            if (text && text->isVisible())
                shown << text->toPlainText();
        }
        for (const QString& label : chart.monthLabels()) {
            if (!shown.contains(label))
                return false;
        }
        return true;
    };
    chart.resize(900, 320);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_COMPARE(chart.monthLabels(), names);
    QTRY_VERIFY(allShownWhole());

    // The panel's smallest chart (440 px) is too narrow for "Nov", "Dec", ...: numbers instead.
    chart.resize(440, 320);
    QTRY_COMPARE(chart.monthLabels(), numbers);
    auto* axis = qobject_cast<QBarCategoryAxis*>(chart.chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(axis);
    QCOMPARE(axis->categories(), numbers);
    QTRY_VERIFY(allShownWhole());

    for (int width = 444; width <= 1000; width += 4) {
        const double before = chart.chart()->plotArea().width();
        chart.resize(width, 320);
        QTRY_VERIFY(chart.chart()->plotArea().width() > before);
        QTRY_VERIFY2(allShownWhole(),
                     qPrintable(QStringLiteral("%1 px: %2").arg(width).arg(chart.monthLabels().join(QLatin1Char(' ')))));
    }
    QCOMPARE(chart.monthLabels(), names);
}

void TestCustomerPanel::overdueBillMarked()
{
    SectionTable* table = m_panel->billsTable();
    QAbstractItemModel* shown = table->view()->model();
    QCOMPARE(shown->rowCount(), 3);
    int overdueRows = 0;
    for (int row = 0; row < shown->rowCount(); ++row) {
        const QString status = shown->index(row, BillListModel::StatusColumn).data().toString();
        const QVariant colour = shown->index(row, BillListModel::AmountColumn).data(Qt::ForegroundRole);
        if (status == QLatin1String("Overdue")) {
            ++overdueRows;
            QCOMPARE(colour.value<QColor>(), RowEmphasisProxy::alertColor());
            QVERIFY(shown->index(row, 0).data(Qt::FontRole).value<QFont>().bold());
        } else if (status == QLatin1String("Open")) {
            QVERIFY(shown->index(row, 0).data(Qt::FontRole).value<QFont>().bold());
            QVERIFY(!colour.isValid());
        } else {
            QCOMPARE(status, QStringLiteral("Paid"));
            QVERIFY(!colour.isValid());
        }
    }
    QCOMPARE(overdueRows, 1);
    QCOMPARE(m_panel->tabs()->tabText(CustomerPanel::BillsTab), QStringLiteral("Bills (1 overdue)"));
    auto* summary = m_panel->findChild<QLabel*>(QStringLiteral("billsSummary"));
    QVERIFY(summary->text().contains(QStringLiteral("¥391.50"))); // 188.00 open + 203.50 overdue
}

void TestCustomerPanel::timelineNewestFirstAndFilterable()
{
    TimelineSection* timeline = m_panel->timeline();
    QCOMPARE(m_panel->tabs()->currentIndex(), int(CustomerPanel::TimelineTab));
    QCOMPARE(timeline->visibleCount(), GuiScenario::kChenInteractions);
    QAbstractItemModel* shown = timeline->table()->view()->model();
    QCOMPARE(shown->index(0, InteractionListModel::SummaryColumn).data().toString(), QStringLiteral("第6次联系：咨询套餐"));
    QCOMPARE(shown->index(5, InteractionListModel::SummaryColumn).data().toString(), QStringLiteral("第1次联系：咨询套餐"));

    QComboBox* channel = timeline->channelFilter();
    channel->setCurrentIndex(channel->findData(QStringLiteral("hotline")));
    QCOMPARE(timeline->visibleCount(), GuiScenario::kChenHotlineInteractions);
    for (int row = 0; row < shown->rowCount(); ++row)
        QCOMPARE(shown->index(row, InteractionListModel::ChannelColumn).data().toString(), QStringLiteral("Hotline"));
    timeline->textFilter()->setText(QStringLiteral("第4次"));
    QCOMPARE(timeline->visibleCount(), 1);
    timeline->textFilter()->setText(QStringLiteral("第2次")); // an app contact: filtered out by channel
    QCOMPARE(timeline->visibleCount(), 0);
    QVERIFY(timeline->table()->isShowingEmptyText());
    channel->setCurrentIndex(0);
    QCOMPARE(timeline->visibleCount(), 1);

    // Opening a customer again clears the filters.
    QVERIFY(m_panel->showCustomer(m_s->chenJing).ok());
    QCOMPARE(timeline->visibleCount(), GuiScenario::kChenInteractions);
    QCOMPARE(m_panel->tabs()->tabText(CustomerPanel::TimelineTab), QStringLiteral("Interactions (6)"));
}

void TestCustomerPanel::openTicketsFirst()
{
    TicketListModel* tickets = m_panel->ticketsModel();
    QCOMPARE(tickets->rowCount(), 3);
    QCOMPARE(tickets->openCount(), 2);
    QVERIFY(tickets->ticket(0).isOpen());
    QVERIFY(tickets->ticket(1).isOpen());
    QCOMPARE(tickets->ticketId(2), m_s->closedTicket);
    QCOMPARE(m_panel->tabs()->tabText(CustomerPanel::TicketsTab), QStringLiteral("Tickets (2 open)"));
    QAbstractItemModel* shown = m_panel->ticketsTable()->view()->model();
    QCOMPARE(shown->index(0, TicketListModel::StatusColumn).data().toString(), QStringLiteral("In progress"));
    QCOMPARE(shown->index(2, TicketListModel::StatusColumn).data().toString(), QStringLiteral("Closed"));
}

void TestCustomerPanel::householdMembersOpenOnActivation()
{
    QVERIFY(m_panel->showCustomer(m_s->household).ok());
    MemberListModel* members = m_panel->membersModel();
    QCOMPARE(members->rowCount(), 2);
    QStringList names;
    for (int row = 0; row < members->rowCount(); ++row)
        names << members->member(row).name;
    names.sort();
    QCOMPARE(names, (QStringList{"王小明", "王强"}));
    QCOMPARE(m_panel->tabs()->tabText(CustomerPanel::MembersTab), QStringLiteral("Members (2)"));
    const int row = members->rowOfCustomer(m_s->wangQiang);
    QCOMPARE(members->index(row, MemberListModel::RoleColumn).data().toString(), QStringLiteral("Head of household"));
    QCOMPARE(members->index(row, MemberListModel::NumberColumn).data().toString(), QStringLiteral("138****8000"));

    QSignalSpy open(m_panel.get(), &CustomerPanel::openCustomerRequested);
    QTableView* view = m_panel->membersTable()->view();
    m_panel->tabs()->setCurrentIndex(CustomerPanel::MembersTab);
    emit view->activated(view->model()->index(row, 0));
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), m_s->wangQiang);
}

void TestCustomerPanel::memberShowsItsGroup()
{
    QVERIFY(m_panel->showCustomer(m_s->wangXiaoming).ok());
    auto* link = m_panel->findChild<QLabel*>(QStringLiteral("groupLink"));
    QVERIFY(link->isVisible());
    QVERIFY(link->text().contains(m_s->household));
    QVERIFY(link->text().contains(QStringLiteral("王家")));
    QSignalSpy open(m_panel.get(), &CustomerPanel::openCustomerRequested);
    emit link->linkActivated(m_s->household);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), m_s->household);
}

void TestCustomerPanel::notesShown()
{
    QCOMPARE(m_panel->notesModel()->rowCount(), 1);
    QCOMPARE(m_panel->notesModel()->index(0, NoteListModel::BodyColumn).data().toString(), QStringLiteral("老客户，偏好微信联系"));
    QCOMPARE(m_panel->notesModel()->index(0, NoteListModel::AuthorColumn).data().toString(), QStringLiteral("刘洋"));
}

void TestCustomerPanel::possibleDuplicatesLinked()
{
    const QString text = m_panel->header()->duplicatesText();
    QVERIFY2(text.contains(m_s->chenJingDup), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("440300998877")));
    QVERIFY(m_panel->showCustomer(m_s->wangQiang).ok());
    QVERIFY(m_panel->header()->duplicatesText().isEmpty());
}

void TestCustomerPanel::revealNumberIsAuditedAndOnlyForThisView()
{
    auto audits = [this] {
        QSqlQuery q(m_s->store()->connection());
        q.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'reveal_msisdn'"));
        return q.next() ? q.value(0).toInt() : -1;
    };
    QCOMPARE(audits(), 0);
    QTest::mouseClick(m_panel->header()->revealNumberButton(), Qt::LeftButton);
    QCOMPARE(m_panel->header()->numberText(), QStringLiteral("13912345678"));
    QVERIFY(!m_panel->header()->revealNumberButton()->isVisible());
    QCOMPARE(audits(), 1);
    // Another customer, then back: masked again.
    QVERIFY(m_panel->showCustomer(m_s->wangQiang).ok());
    QVERIFY(m_panel->showCustomer(m_s->chenJing).ok());
    QCOMPARE(m_panel->header()->numberText(), QStringLiteral("139****5678"));
    QVERIFY(m_panel->header()->revealNumberButton()->isVisible());
}

void TestCustomerPanel::agentCannotRevealIdNumber()
{
    QVERIFY(!m_panel->header()->revealIdButton()->isVisible());
    CustomerPanel clerkPanel(m_s->store(), m_s->clerkSession());
    clerkPanel.show();
    QVERIFY(clerkPanel.showCustomer(m_s->chenJing).ok());
    QVERIFY(clerkPanel.header()->revealIdButton()->isVisible());
    QTest::mouseClick(clerkPanel.header()->revealIdButton(), Qt::LeftButton);
    QCOMPARE(clerkPanel.header()->idNumberText(), QStringLiteral("440304199003071248"));
}

void TestCustomerPanel::unknownCustomerKeepsThePanel()
{
    const Status shown = m_panel->showCustomer(QStringLiteral("00000000-0000-7000-8000-000000000000"));
    QVERIFY(!shown.ok());
    QCOMPARE(shown.error().code, QStringLiteral("not_found"));
    QCOMPARE(m_panel->customerId(), m_s->chenJing);
    QCOMPARE(m_panel->header()->nameText(), QStringLiteral("陈静"));
}

QTEST_MAIN(TestCustomerPanel)
#include "tst_customerpanel.moc"
