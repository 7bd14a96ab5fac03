#include "PgTestServer.h"

#include "sync/ServerAdmin.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtGlobal>

namespace telcodesk::test {

QString PgTestServer::unavailableReason()
{
    if (qEnvironmentVariableIsEmpty("TELCODESK_TEST_PG_DSN"))
        return QStringLiteral("TELCODESK_TEST_PG_DSN is not set: these tests need a PostgreSQL server "
                              "(packaging/test.sh starts one; for development: "
                              "export TELCODESK_TEST_PG_DSN=$(packaging/pg-local.sh start /tmp/pg))");
    return QString();
}

PgTestServer::PgTestServer(const QString& tag, bool initialise)
{
    const auto root = PgDsn::parse(qEnvironmentVariable("TELCODESK_TEST_PG_DSN"));
    if (!root) {
        m_error = root.errorMessage();
        return;
    }
    m_root = root.value();
    const QString unique = QStringLiteral("%1_%2")
                               .arg(QCoreApplication::applicationPid())
                               .arg(QRandomGenerator::global()->bounded(0x100000), 5, 16, QLatin1Char('0'));
    m_prefix = QStringLiteral("t%1_").arg(unique);
    m_database = QStringLiteral("td_%1_%2").arg(tag, unique);
    {
        auto rootConn = PgConnection::open(m_root);
        if (!rootConn) {
            m_error = rootConn.errorMessage();
            return;
        }
        QSqlQuery q(rootConn.value()->db());
        // An identifier cannot be bound; this one is made of [a-z0-9_] above.
        if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(m_database))) {
            m_error = PgConnection::errorText(q.lastError());
            return;
        }
    }
    m_dsn = m_root.withDatabase(m_database);
    auto conn = PgConnection::open(m_dsn);
    if (!conn) {
        m_error = conn.errorMessage();
        return;
    }
    m_admin = std::move(conn).value();
    if (!initialise)
        return;
    const auto init = ServerAdmin::init(*m_admin);
    if (!init)
        m_error = init.errorMessage();
}

PgTestServer::~PgTestServer()
{
    m_admin.reset();
    if (m_database.isEmpty())
        return;
    auto rootConn = PgConnection::open(m_root);
    if (!rootConn)
        return;
    QSqlQuery q(rootConn.value()->db());
    q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_database));
    for (const QString& login : std::as_const(m_logins))
        q.exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(PgConnection::quoteIdentifier(login)));
}

QString PgTestServer::addAgent(const QString& name, const QString& role, const QStringList& regions,
                               const QStringList& queues, const QStringList& teams)
{
    ServerAdmin::AgentSpec spec;
    spec.login = loginFor(name);
    spec.role = role;
    spec.regions = regions;
    spec.queues = queues;
    spec.teams = teams;
    spec.setPassword = true;
    spec.password = password();
    const auto report = ServerAdmin::addAgent(*m_admin, spec);
    if (!report) {
        m_error = report.errorMessage();
        return QString();
    }
    if (!m_logins.contains(spec.login))
        m_logins << spec.login;
    return spec.login;
}

PgConnectionPtr PgTestServer::connectAs(const QString& login, const QString& secret)
{
    auto conn = PgConnection::open(m_dsn.withLogin(login, secret));
    if (!conn) {
        m_error = conn.errorMessage();
        return nullptr;
    }
    return std::move(conn).value();
}

QString PgTestServer::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool PgTestServer::seedTwoRegions(TwoRegions* out)
{
    out->customerA = newId();
    out->customerB = newId();
    out->ticket = newId();
    return exec(QStringLiteral(
               "INSERT INTO td.customer (id, account_no, name, name_norm, type, region_code, id_type, id_number, "
               "address, segment, primary_msisdn) VALUES "
               "(?::uuid, 'A1', '王芳', '王芳', 'individual', '440106', 'resident_id', '440106199203041234', "
               "'广州市天河区1号', 'mass_market', '+8613800000001'), "
               "(?::uuid, 'B1', '李雷', '李雷', 'individual', '110101', 'resident_id', '110101198805061234', "
               "'北京市东城区2号', 'mass_market', '+8613900000001')"),
           {out->customerA, out->customerB})
        && exec(QStringLiteral("INSERT INTO td.ticket (id, ticket_no, customer_id, kind, priority, status, queue, "
                               "channel, title, description, created_at) VALUES (?::uuid, 'TK1', ?::uuid, "
                               "'fault', 3, 'assigned', 'network', 'hotline', 'Base title', 'd0', 1)"),
                {out->ticket, out->customerA});
}

bool PgTestServer::exec(const QString& sql, const QVariantList& binds)
{
    const Status done = m_admin->exec(sql, binds);
    if (!done)
        m_error = done.errorMessage();
    return done.ok();
}

QVariant PgTestServer::scalar(const QString& sql, const QVariantList& binds)
{
    const auto value = m_admin->scalar(sql, binds);
    if (!value) {
        m_error = value.errorMessage();
        return QVariant();
    }
    return value.value();
}

QJsonObject PgTestServer::pull(PgConnection& conn, const QString& cursor, int limit, QString* error)
{
    const auto text = conn.scalar(QStringLiteral("SELECT sync.pull(?, ?)::text"), {cursor, limit});
    if (!text) {
        if (error)
            *error = text.errorMessage();
        return {};
    }
    return QJsonDocument::fromJson(text.value().toString().toUtf8()).object();
}

QJsonObject PgTestServer::applyBatch(PgConnection& conn, const QString& clientId, const QJsonArray& mutations,
                                     QString* error)
{
    const QString json = QString::fromUtf8(QJsonDocument(mutations).toJson(QJsonDocument::Compact));
    const auto text = conn.scalar(QStringLiteral("SELECT sync.apply_batch(?::uuid, ?::jsonb)::text"), {clientId, json});
    if (!text) {
        if (error)
            *error = text.errorMessage();
        return {};
    }
    return QJsonDocument::fromJson(text.value().toString().toUtf8()).object();
}

} // namespace telcodesk::test
