#include "itemmodels/MemberListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;

class TestMemberListModel : public QObject
{
    Q_OBJECT
private slots:
    void emptyModel();
    void membersWithRolesAndMaskedNumbers();
};

void TestMemberListModel::emptyModel()
{
    MemberListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
}

void TestMemberListModel::membersWithRolesAndMaskedNumbers()
{
    Customer head;
    head.id = QStringLiteral("m1");
    head.name = QStringLiteral("王强");
    head.type = QStringLiteral("individual");
    head.memberRole = QStringLiteral("head");
    head.primaryMsisdn = QStringLiteral("+8613512345678");
    head.status = QStringLiteral("active");
    Customer child;
    child.id = QStringLiteral("m2");
    child.name = QStringLiteral("王小明");
    child.type = QStringLiteral("individual");
    child.memberRole = QStringLiteral("child");
    child.status = QStringLiteral("closed");

    MemberListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setMembers({head, child});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, MemberListModel::NameColumn).data().toString(), QStringLiteral("王强"));
    QCOMPARE(model.index(0, MemberListModel::RoleColumn).data(ItemRoles::CodeRole).toString(), QStringLiteral("head"));
    QCOMPARE(model.index(0, MemberListModel::NumberColumn).data().toString(), QStringLiteral("135****5678"));
    QCOMPARE(model.index(1, MemberListModel::NumberColumn).data().toString(), QString());
    QCOMPARE(model.index(1, 0).data(ItemRoles::EmphasisRole).toInt(), int(Emphasis::Muted));
    QCOMPARE(model.customerId(1), QStringLiteral("m2"));
    QCOMPARE(model.rowOfCustomer(QStringLiteral("m2")), 1);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setMasked(false);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, MemberListModel::NumberColumn).data().toString(), QStringLiteral("13512345678"));

    model.setLabeler([](CodeDomain domain, const QString& code) {
        return domain == CodeDomain::MemberRole ? QStringLiteral("<") + code + QStringLiteral(">") : code;
    });
    QCOMPARE(model.index(1, MemberListModel::RoleColumn).data().toString(), QStringLiteral("<child>"));
}

QTEST_GUILESS_MAIN(TestMemberListModel)
#include "tst_memberlistmodel.moc"
