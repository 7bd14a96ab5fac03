#pragma once

#include "sync/PgConnection.h"
#include "sync/PgDsn.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace telcodesk::test {

/// A database of its own on the test server named by TELCODESK_TEST_PG_DSN (packaging/test.sh starts
/// one; packaging/pg-local.sh for development), set up with ServerAdmin::init, so that test programs
/// can run in parallel. Logins are cluster-wide, so each test's logins carry a prefix of its own.
/// Everything is dropped again when the object goes.
class PgTestServer
{
public:
    /// Why the tests cannot run here, or empty when they can.
    static QString unavailableReason();

    /// initialise: run ServerAdmin::init on the new database (false: leave it empty).
    explicit PgTestServer(const QString& tag, bool initialise = true);
    ~PgTestServer();
    PgTestServer(const PgTestServer&) = delete;
    PgTestServer& operator=(const PgTestServer&) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    /// The test database, as the superuser.
    const PgDsn& dsn() const { return m_dsn; }
    PgConnection& admin() { return *m_admin; }

    /// The password every login of this test gets.
    static QString password() { return QStringLiteral("Secret-Pass-42"); }
    /// Adds an agent through ServerAdmin::addAgent; returns its full login ("" on failure, see error()).
    QString addAgent(const QString& name, const QString& role, const QStringList& regions,
                     const QStringList& queues = {}, const QStringList& teams = {});
    QString loginFor(const QString& name) const { return m_prefix + name; }
    /// A connection as that login (nullptr on failure, see error()).
    PgConnectionPtr connectAs(const QString& login, const QString& password = PgTestServer::password());

    /// A fresh uuid, as text.
    static QString newId();

    /// Two customers in two regions (A: 440106 Guangzhou, B: 110101 Beijing) and a fault ticket of A in
    /// queue "network", status "assigned": the common ground of the tests of writes and their scope.
    struct TwoRegions
    {
        QString customerA;
        QString customerB;
        QString ticket;
    };
    /// Inserts them as the superuser; false on failure (error() says why).
    bool seedTwoRegions(TwoRegions* out);

    /// The superuser's connection: runs a statement, fails the test on error.
    bool exec(const QString& sql, const QVariantList& binds = {});
    QVariant scalar(const QString& sql, const QVariantList& binds = {});

    /// Calls sync.pull / sync.apply_batch on a connection; an empty object on error (error() says why).
    static QJsonObject pull(PgConnection& conn, const QString& cursor, int limit, QString* error = nullptr);
    static QJsonObject applyBatch(PgConnection& conn, const QString& clientId, const QJsonArray& mutations,
                                  QString* error = nullptr);

private:
    QString m_error;
    QString m_prefix;
    QString m_database;
    PgDsn m_root;
    PgDsn m_dsn;
    PgConnectionPtr m_admin;
    QStringList m_logins;
};

} // namespace telcodesk::test
