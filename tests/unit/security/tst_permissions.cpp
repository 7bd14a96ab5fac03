#include "security/Session.h"

#include <QSet>
#include <QTest>

using namespace telcodesk;

Q_DECLARE_METATYPE(telcodesk::Role)
Q_DECLARE_METATYPE(telcodesk::Permission)

namespace {

const QVector<Permission>& allPermissions()
{
    static const QVector<Permission> all = {
        Permission::ViewCustomers, Permission::LogInteraction, Permission::RevealMsisdn,
        Permission::RevealIdNumber, Permission::EditCustomer,  Permission::ViewDashboards,
        Permission::ManageQueues,  Permission::ApproveOrders,  Permission::Administer,
        Permission::TakeTickets,   Permission::AssignTickets, Permission::EditKnowledge,
        Permission::WorkRetention, Permission::ManageRetention};
    return all;
}

} // namespace

class TestPermissions : public QObject
{
    Q_OBJECT
private slots:
    void matrix_data();
    void matrix();
    void roleCodesRoundTrip();
    void unknownRoleCodes_data();
    void unknownRoleCodes();
    void permissionCodesAreDistinct();
};

void TestPermissions::matrix_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<Permission>("permission");
    QTest::addColumn<bool>("allowed");

    // Written out in full, independently of Session.cpp's switch, so that a change to either shows.
    //                 View  Log   RevM  RevId Edit  Dash  Queue Appr  Admin Take  Assign KB    RetW  RetM
    const bool agent[] = {true, true, true, false, false, false, false, false, false, true, false, false, true, false};
    const bool clerk[] = {true, true, true, true, true, false, false, false, false, false, false, false, true, false};
    const bool supervisor[] = {true, true, true, true, false, true, true, true, false, true, true, true, true, true};
    const bool admin[] = {true, true, true, true, true, true, true, true, true, true, true, true, true, true};
    const struct
    {
        Role role;
        const bool* row;
    } table[] = {{Role::Agent, agent}, {Role::Clerk, clerk}, {Role::Supervisor, supervisor}, {Role::Admin, admin}};

    for (const auto& entry : table) {
        for (int i = 0; i < allPermissions().size(); ++i) {
            const Permission p = allPermissions().at(i);
            const QByteArray tag = (roleCode(entry.role) + QLatin1Char(' ') + permissionCode(p)).toUtf8();
            QTest::newRow(tag.constData()) << entry.role << p << entry.row[i];
        }
    }
}

void TestPermissions::matrix()
{
    QFETCH(Role, role);
    QFETCH(Permission, permission);
    QFETCH(bool, allowed);
    QCOMPARE(roleHas(role, permission), allowed);
    Session session;
    session.role = role;
    QCOMPARE(session.can(permission), allowed);
}

void TestPermissions::roleCodesRoundTrip()
{
    const QStringList expected = {QStringLiteral("agent"), QStringLiteral("clerk"), QStringLiteral("supervisor"),
                                  QStringLiteral("admin")};
    const Role roles[] = {Role::Agent, Role::Clerk, Role::Supervisor, Role::Admin};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(roleCode(roles[i]), expected.at(i));
        Role parsed = roles[(i + 1) % 4];
        QVERIFY(roleFromCode(expected.at(i), &parsed));
        QCOMPARE(parsed, roles[i]);
        QVERIFY(roleFromCode(expected.at(i), nullptr));
    }
}

void TestPermissions::unknownRoleCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::newRow("empty") << QString();
    QTest::newRow("capitalised") << QStringLiteral("Agent");
    QTest::newRow("padded") << QStringLiteral(" admin");
    QTest::newRow("unknown") << QStringLiteral("root");
    QTest::newRow("sql") << QStringLiteral("admin' --");
}

void TestPermissions::unknownRoleCodes()
{
    QFETCH(QString, code);
    Role role = Role::Clerk;
    QVERIFY(!roleFromCode(code, &role));
    QCOMPARE(role, Role::Clerk); // untouched
    QVERIFY(!roleFromCode(code, nullptr));
}

void TestPermissions::permissionCodesAreDistinct()
{
    QSet<QString> seen;
    for (Permission p : allPermissions()) {
        const QString code = permissionCode(p);
        QVERIFY(!code.isEmpty());
        QVERIFY2(!seen.contains(code), qPrintable(code));
        seen.insert(code);
    }
    QCOMPARE(permissionCode(Permission::RevealIdNumber), QStringLiteral("reveal_id_number"));
}

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
