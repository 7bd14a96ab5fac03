#include "itemmodels/TicketListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;

class TestTicketListModel : public QObject
{
    Q_OBJECT
private slots:
    void emptyModel();
    void openTicketsFirstThenNewest();
    void emphasisAndDue();
    void lookupAndCounts();
    void complaintStepsOfTheResolvedCategoryAreNotOpen();

private:
    static Ticket make(const QString& id, const QString& status, int day, int dueDay = 0);
    static QDateTime at(int day) { return QDateTime(QDate(2026, 10, 1), QTime(8, 0), Qt::UTC).addDays(day); }
};

Ticket TestTicketListModel::make(const QString& id, const QString& status, int day, int dueDay)
{
    Ticket t;
    t.id = id;
    t.ticketNo = QStringLiteral("T-") + id;
    t.kind = QStringLiteral("fault");
    t.priority = 2;
    t.status = status;
    t.title = QStringLiteral("宽带断线 ") + id;
    t.createdAt = at(day);
    if (dueDay)
        t.resolutionDue = at(dueDay);
    return t;
}

void TestTicketListModel::emptyModel()
{
    TicketListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.openCount(), 0);
}

void TestTicketListModel::openTicketsFirstThenNewest()
{
    TicketListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTickets({make(QStringLiteral("closed-new"), QStringLiteral("closed"), 20),
                      make(QStringLiteral("open-old"), QStringLiteral("in_progress"), 1, 3),
                      make(QStringLiteral("resolved"), QStringLiteral("resolved"), 10),
                      make(QStringLiteral("open-new"), QStringLiteral("new"), 15, 40)});
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.ticketId(row);
    QCOMPARE(ids, (QStringList{"open-new", "open-old", "closed-new", "resolved"}));
    QCOMPARE(model.openCount(), 2);
}

void TestTicketListModel::emphasisAndDue()
{
    TicketListModel model;
    model.setNow(at(5));
    model.setTickets({make(QStringLiteral("late"), QStringLiteral("in_progress"), 1, 3),
                      make(QStringLiteral("ontime"), QStringLiteral("new"), 4, 9),
                      make(QStringLiteral("done"), QStringLiteral("closed"), 0, 2)});
    QCOMPARE(model.index(0, 0).data(ItemRoles::EmphasisRole).toInt(), int(Emphasis::Strong)); // ontime: newest open
    QCOMPARE(model.ticketId(1), QStringLiteral("late"));
    QCOMPARE(model.index(1, 0).data(ItemRoles::EmphasisRole).toInt(), int(Emphasis::Alert));
    QVERIFY(!model.index(1, TicketListModel::DueColumn).data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(model.index(2, 0).data(ItemRoles::EmphasisRole).toInt(), int(Emphasis::Muted));
    // A closed ticket shows no due time.
    QCOMPARE(model.index(2, TicketListModel::DueColumn).data().toString(), QString());
    QVERIFY(!model.index(0, TicketListModel::DueColumn).data().toString().isEmpty());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setNow(at(30));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, 0).data(ItemRoles::EmphasisRole).toInt(), int(Emphasis::Alert));
}

void TestTicketListModel::lookupAndCounts()
{
    TicketListModel model;
    model.setTickets({make(QStringLiteral("a"), QStringLiteral("new"), 1)});
    QCOMPARE(model.rowOfTicket(QStringLiteral("a")), 0);
    QCOMPARE(model.rowOfTicket(QStringLiteral("b")), -1);
    QCOMPARE(model.index(0, TicketListModel::NumberColumn).data().toString(), QStringLiteral("T-a"));
    QCOMPARE(model.index(0, TicketListModel::PriorityColumn).data(ItemRoles::SortRole).toInt(), 2);
    QCOMPARE(model.index(0, TicketListModel::PriorityColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(model.index(0, TicketListModel::TitleColumn).data(ItemRoles::IdRole).toString(), QStringLiteral("a"));
}

void TestTicketListModel::complaintStepsOfTheResolvedCategoryAreNotOpen()
{
    // The complaint workflow resolves at "handled" and waits for the callback: neither counts as open.
    TicketListModel model;
    model.setTickets({make(QStringLiteral("handled"), QStringLiteral("handled"), 5),
                      make(QStringLiteral("callback"), QStringLiteral("callback"), 6),
                      make(QStringLiteral("dispatched"), QStringLiteral("dispatched"), 4, 9)});
    QCOMPARE(model.openCount(), 1);
    QCOMPARE(model.ticketId(0), QStringLiteral("dispatched"));
}

QTEST_GUILESS_MAIN(TestTicketListModel)
#include "tst_ticketlistmodel.moc"
