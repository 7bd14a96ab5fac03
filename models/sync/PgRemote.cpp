#include "sync/PgRemote.h"

#include "common/FaultPoint.h"
#include "common/Logging.h"
#include "sync/ServerAdmin.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>
#include <QSocketNotifier>

#include <libpq-fe.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <poll.h>

namespace telcodesk {

namespace {

/// How long an answer may stay silent beyond the server's own statement_timeout before the client
/// gives up on the connection: covers a server that stopped answering without closing the socket.
constexpr qint64 kAnswerGraceMs = 30000;
/// After cancel(), how long to wait for the server to acknowledge before dropping the connection.
constexpr qint64 kCancelGraceMs = 5000;
/// The slice the waits poll in, so that cancel() and the deadlines are noticed.
constexpr int kPollSliceMs = 100;
/// TCP keepalives: a peer that vanished is noticed within idle + interval * count seconds.
constexpr int kKeepaliveIdleS = 10;
constexpr int kKeepaliveIntervalS = 5;
constexpr int kKeepaliveCount = 3;
/// Data sent but not acknowledged for this long ends the connection (keepalives do not cover it).
constexpr int kTcpUserTimeoutMs = (kKeepaliveIdleS + kKeepaliveIntervalS * kKeepaliveCount) * 1000;
constexpr int kIdleInTransactionTimeoutMs = 60000;

/// Server notices (e.g. "already exists, skipping") would otherwise be printed on stderr by libpq.
void dropNotice(void*, const char*)
{
}

bool mentions(const QString& text, const char* what)
{
    return text.contains(QLatin1String(what), Qt::CaseInsensitive);
}

/// libpq's messages end in a newline and may carry a "FATAL:  " prefix and a hint on a second line.
QString cleanMessage(const char* text)
{
    QString message = QString::fromUtf8(text).simplified();
    for (const char* prefix : {"FATAL: ", "ERROR: "}) {
        if (message.startsWith(QLatin1String(prefix)))
            message = message.mid(int(qstrlen(prefix)));
    }
    return message;
}

void appendKeyword(QByteArray& out, const char* key, const QByteArray& value)
{
    QByteArray quoted = value;
    quoted.replace('\\', "\\\\");
    quoted.replace('\'', "\\'");
    if (!out.isEmpty())
        out += ' ';
    out += key;
    out += "='";
    out += quoted;
    out += '\'';
}

bool isPlainKeyword(const QString& key)
{
    if (key.isEmpty())
        return false;
    return std::all_of(key.cbegin(), key.cend(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('_');
    });
}

QString optionValue(const PgDsn& dsn, const QString& key)
{
    for (const QString& option : dsn.options) {
        if (option.section(QLatin1Char('='), 0, 0) == key)
            return option.section(QLatin1Char('='), 1);
    }
    return QString();
}

Error protocolError(const QString& message)
{
    return Error{message, QStringLiteral("protocol")};
}

/// A JSON number that is a whole number (JSON has no integer type; the server only sends whole ones).
bool wholeNumber(const QJsonValue& v, qint64* out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::trunc(d))
        return false;
    *out = v.toInteger(qint64(d));
    return true;
}

/// One JSON value of any kind (jsonb's text), which QJsonDocument only parses inside an array.
bool parseJsonValue(const QByteArray& text, QJsonValue* out)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return false;
    *out = doc.array().at(0);
    return true;
}

/// The mutations of one batch as sync.apply_batch takes them. A payload that is a JSON object is put in
/// as the very text the outbox holds (re-serialising could alter text PostgreSQL would refuse, and the
/// server must see what the desktop stored); anything else travels as a JSON string, which the server
/// answers with a rejection for that mutation alone.
QByteArray batchJson(const QVector<OutgoingMutation>& mutations)
{
    QByteArray out = "[";
    for (int i = 0; i < mutations.size(); ++i) {
        const OutgoingMutation& m = mutations.at(i);
        QJsonObject head{{QStringLiteral("seq"), m.seq},
                         {QStringLiteral("entity"), m.entity},
                         {QStringLiteral("entity_id"), m.entityId},
                         {QStringLiteral("op"), m.op},
                         {QStringLiteral("base_version"), m.baseVersion}};
        QJsonParseError error{};
        const QJsonDocument payload = QJsonDocument::fromJson(m.payload, &error);
        const bool spliceable = error.error == QJsonParseError::NoError && payload.isObject();
        if (!spliceable)
            head.insert(QStringLiteral("payload"), QString::fromUtf8(m.payload));
        QByteArray object = QJsonDocument(head).toJson(QJsonDocument::Compact);
        if (spliceable) {
            object.chop(1); // the closing brace
            object += ",\"payload\":";
            object += m.payload;
            object += '}';
        }
        if (i > 0)
            out += ',';
        out += object;
    }
    out += ']';
    return out;
}

} // namespace

void PgRemote::ResultDeleter::operator()(pg_result* result) const
{
    PQclear(result);
}

PgRemote::PgRemote(PgDsn dsn, Options options, QObject* parent)
    : RemoteSession(parent)
    , m_dsn(std::move(dsn))
    , m_options(std::move(options))
{
}

PgRemote::~PgRemote()
{
    close();
}

QByteArray PgRemote::conninfo(const PgDsn& dsn, const Options& options)
{
    QByteArray out;
    appendKeyword(out, "host", dsn.host.toUtf8());
    appendKeyword(out, "port", QByteArray::number(dsn.port));
    // Left out when empty, so that libpq falls back to PGUSER / PGPASSWORD / ~/.pgpass.
    if (!dsn.user.isEmpty())
        appendKeyword(out, "user", dsn.user.toUtf8());
    if (!dsn.password.isEmpty())
        appendKeyword(out, "password", dsn.password.toUtf8());
    appendKeyword(out, "dbname", dsn.database.toUtf8());
    for (const QString& option : dsn.options) {
        const QString key = option.section(QLatin1Char('='), 0, 0);
        // Two options the address may set itself are written once, below, with the address's value.
        if (!isPlainKeyword(key) || key == QLatin1String("connect_timeout") || key == QLatin1String("application_name"))
            continue;
        appendKeyword(out, key.toLatin1().constData(), option.section(QLatin1Char('='), 1).toUtf8());
    }
    const QString timeout = optionValue(dsn, QStringLiteral("connect_timeout"));
    appendKeyword(out, "connect_timeout",
                  timeout.isEmpty() ? QByteArray::number(options.connectTimeoutS) : timeout.toUtf8());
    const QString name = optionValue(dsn, QStringLiteral("application_name"));
    appendKeyword(out, "application_name", (name.isEmpty() ? options.applicationName : name).toUtf8());
    appendKeyword(out, "keepalives", "1");
    appendKeyword(out, "keepalives_idle", QByteArray::number(kKeepaliveIdleS));
    appendKeyword(out, "keepalives_interval", QByteArray::number(kKeepaliveIntervalS));
    appendKeyword(out, "keepalives_count", QByteArray::number(kKeepaliveCount));
    appendKeyword(out, "tcp_user_timeout", QByteArray::number(kTcpUserTimeoutMs));
    // The answers are parsed as UTF-8 whatever the server's or the desktop's locale.
    appendKeyword(out, "client_encoding", "UTF8");
    return out;
}

QString PgRemote::serverName() const
{
    return m_dsn.host + QLatin1Char(':') + QString::number(m_dsn.port);
}

Result<pg_conn*> PgRemote::connectOne(const Options& options)
{
    QByteArray info = conninfo(m_dsn, options);
    if (info.contains('\0')) {
        info.fill('\0');
        return Error{tr("The login, password or server address holds a NUL character, which PostgreSQL cannot take."),
                     QStringLiteral("auth")};
    }
    PGconn* conn = PQconnectStart(info.constData());
    info.fill('\0'); // the password
    if (!conn)
        return Error{tr("The server %1 cannot be reached: out of memory.").arg(serverName()), QStringLiteral("network")};

    const QString timeoutOption = optionValue(m_dsn, QStringLiteral("connect_timeout"));
    const int timeoutS = timeoutOption.isEmpty() ? options.connectTimeoutS : timeoutOption.toInt();
    // libpq leaves connect_timeout to the application when it is driven by PQconnectPoll.
    const qint64 limitMs = qint64(std::max(timeoutS, 2)) * 1000;
    QElapsedTimer timer;
    timer.start();
    PostgresPollingStatusType state = PQstatus(conn) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
    while (state != PGRES_POLLING_OK) {
        if (state == PGRES_POLLING_FAILED) {
            const QString detail = cleanMessage(PQerrorMessage(conn));
            PQfinish(conn);
            if (mentions(detail, "password authentication failed") || mentions(detail, "no password supplied")
                || mentions(detail, "authentication failed") || mentions(detail, "no pg_hba.conf entry")
                || (mentions(detail, "role") && mentions(detail, "does not exist"))
                || mentions(detail, "not permitted to log in") || mentions(detail, "permission denied for database"))
                return Error{tr("The server %1 refused the login \"%2\": the password is wrong or the login is not "
                                "allowed. Check the login and password. (%3)")
                                 .arg(serverName(), m_dsn.user, detail),
                             QStringLiteral("auth")};
            // Retrying does not create the database: the address must change, as for a wrong login.
            if (mentions(detail, "database") && mentions(detail, "does not exist"))
                return Error{tr("The server %1 has no database \"%2\". Check the database name at the end of the "
                                "server address.")
                                 .arg(serverName(), m_dsn.database),
                             QStringLiteral("auth")};
            return Error{tr("The server %1 cannot be reached: %2").arg(serverName(), detail), QStringLiteral("network")};
        }
        if (m_cancelRequested.loadAcquire()) {
            PQfinish(conn);
            return Error{tr("Connecting to the server %1 was cancelled.").arg(serverName()), QStringLiteral("cancelled")};
        }
        const qint64 remaining = limitMs - timer.elapsed();
        if (remaining <= 0) {
            PQfinish(conn);
            return Error{tr("The server %1 cannot be reached: no answer within %n second(s).", nullptr, int(limitMs / 1000))
                             .arg(serverName()),
                         QStringLiteral("network")};
        }
        pollfd pfd{};
        pfd.fd = PQsocket(conn);
        if (pfd.fd < 0) {
            state = PQconnectPoll(conn);
            continue;
        }
        pfd.events = state == PGRES_POLLING_READING ? POLLIN : POLLOUT;
        const int ready = ::poll(&pfd, 1, int(std::min<qint64>(remaining, kPollSliceMs)));
        if (ready < 0 && errno != EINTR) {
            const QString detail = QString::fromLocal8Bit(std::strerror(errno));
            PQfinish(conn);
            return Error{tr("The server %1 cannot be reached: %2").arg(serverName(), detail), QStringLiteral("network")};
        }
        if (ready > 0)
            state = PQconnectPoll(conn);
    }
    PQsetNoticeProcessor(conn, &dropNotice, nullptr);
    return conn;
}

Status PgRemote::open()
{
    close();
    m_cancelRequested.storeRelease(0);
    m_bytesReceived = 0;
    m_bytesSent = 0;
    auto conn = connectOne(m_options);
    if (!conn)
        return conn.error();
    m_data = conn.value();
    {
        QMutexLocker lock(&m_cancelMutex);
        m_cancel = PQgetCancel(m_data);
    }

    // A hung statement ends on the server; a transaction left open (the engine never leaves one, but a
    // stuck client could) must not hold the pull horizon back for long.
    const auto set = run("SELECT set_config('statement_timeout', $1, false), "
                         "set_config('idle_in_transaction_session_timeout', $2, false)",
                         {QByteArray::number(m_options.statementTimeoutMs), QByteArray::number(kIdleInTransactionTimeoutMs)},
                         QStringLiteral("set_config"));
    if (!set) {
        dropData();
        return set.error();
    }
    const Status schema = checkServerSchema();
    if (!schema) {
        dropData();
        return schema;
    }
    qCInfo(lcSync) << "connected to" << m_dsn.redacted() << "backend" << PQbackendPID(m_data);
    return Status::success();
}

/// Agents cannot read sync.schema_migrations, so the check has two halves: the functions this client
/// calls must exist with the signatures it uses (anyone can see that in the catalog), and where the
/// login may read the migrations table, its version must be at least the one this client speaks. A
/// newer server is accepted: migrations only add, and the functions keep their contract.
Status PgRemote::checkServerSchema()
{
    const auto probe = run("SELECT to_regprocedure('sync.pull(text,integer)') IS NOT NULL "
                           "AND to_regprocedure('sync.apply_batch(uuid,jsonb)') IS NOT NULL "
                           "AND to_regprocedure('sync.resolve_conflict(uuid)') IS NOT NULL "
                           "AND to_regclass('sync.conflict') IS NOT NULL, "
                           "coalesce(has_table_privilege(to_regclass('sync.schema_migrations'), 'SELECT'), false)",
                           {}, QStringLiteral("schema check"));
    if (!probe)
        return probe.error();
    const Error notSetUp{tr("The server %1 is not set up for sync (run telcodesk-admin server init on it).").arg(serverName()),
                         QStringLiteral("schema")};
    pg_result* res = probe.value().get();
    if (PQntuples(res) != 1 || qstrcmp(PQgetvalue(res, 0, 0), "t") != 0)
        return notSetUp;
    if (qstrcmp(PQgetvalue(res, 0, 1), "t") != 0)
        return Status::success();
    const auto version = run("SELECT coalesce(max(version), 0) FROM sync.schema_migrations", {}, QStringLiteral("schema check"));
    if (!version)
        return version.error();
    const int serverVersion = QByteArray(PQgetvalue(version.value().get(), 0, 0)).toInt();
    if (serverVersion < ServerAdmin::latestVersion())
        return Error{tr("The server %1 has an older sync schema (version %2; this TelcoDesk needs %3). Run "
                        "telcodesk-admin server init on it.")
                         .arg(serverName())
                         .arg(serverVersion)
                         .arg(ServerAdmin::latestVersion()),
                     QStringLiteral("schema")};
    if (serverVersion > ServerAdmin::latestVersion())
        qCInfo(lcSync) << "server schema version" << serverVersion << "is newer than" << ServerAdmin::latestVersion()
                       << "; its sync functions are the ones this client uses";
    return Status::success();
}

void PgRemote::close()
{
    dropListen();
    dropData();
}

void PgRemote::dropData()
{
    {
        QMutexLocker lock(&m_cancelMutex);
        if (m_cancel) {
            PQfreeCancel(m_cancel);
            m_cancel = nullptr;
        }
    }
    if (m_data) {
        PQfinish(m_data);
        m_data = nullptr;
    }
    m_pullInFlight = false;
}

void PgRemote::dropListen()
{
    if (m_listenNotifier) {
        // This may run inside the notifier's own signal: it is switched off now and deleted later.
        m_listenNotifier->setEnabled(false);
        m_listenNotifier->disconnect(this);
        m_listenNotifier->deleteLater();
        m_listenNotifier = nullptr;
    }
    if (m_listen) {
        PQfinish(m_listen);
        m_listen = nullptr;
    }
}

bool PgRemote::isOpen() const
{
    return m_data && PQstatus(m_data) == CONNECTION_OK;
}

Error PgRemote::connectionLost(const QString& detail)
{
    dropData();
    return Error{tr("The connection to the server %1 was lost: %2").arg(serverName(), detail), QStringLiteral("network")};
}

Status PgRemote::send(const char* sql, const QVector<QByteArray>& params, const QString& what)
{
    if (!isOpen()) {
        dropData();
        return Error{tr("Not connected to the server %1.").arg(serverName()), QStringLiteral("network")};
    }
    {
        // Under the mutex, so that a cancel() racing with this statement's start is not half applied.
        QMutexLocker lock(&m_cancelMutex);
        m_cancelRequested.storeRelease(0);
    }
    QVector<const char*> values;
    QVector<int> lengths;
    values.reserve(params.size());
    lengths.reserve(params.size());
    qint64 bytes = qstrlen(sql);
    for (const QByteArray& p : params) {
        values << p.constData();
        lengths << int(p.size());
        bytes += p.size();
    }
    m_bytesSent += bytes;
    if (!PQsendQueryParams(m_data, sql, int(params.size()), nullptr, values.constData(), lengths.constData(), nullptr, 0))
        return statementError(nullptr, what);
    return Status::success();
}

Result<PgRemote::ResultPtr> PgRemote::collect(const QString& what)
{
    ResultPtr kept;
    QElapsedTimer quiet;
    quiet.start();
    QElapsedTimer sinceCancel;
    const qint64 patienceMs = qint64(m_options.statementTimeoutMs) + kAnswerGraceMs;
    for (;;) {
        while (PQisBusy(m_data)) {
            if (m_cancelRequested.loadAcquire() && !sinceCancel.isValid())
                sinceCancel.start();
            if (sinceCancel.isValid() && sinceCancel.elapsed() > kCancelGraceMs) {
                dropData();
                return Error{tr("The request to the server %1 was cancelled.").arg(serverName()), QStringLiteral("cancelled")};
            }
            if (quiet.elapsed() > patienceMs) {
                dropData();
                return Error{tr("The server %1 did not answer within %n second(s).", nullptr, int(patienceMs / 1000))
                                 .arg(serverName()),
                             QStringLiteral("timeout")};
            }
            pollfd pfd{};
            pfd.fd = PQsocket(m_data);
            pfd.events = POLLIN;
            if (pfd.fd < 0)
                return connectionLost(cleanMessage(PQerrorMessage(m_data)));
            const int ready = ::poll(&pfd, 1, kPollSliceMs);
            if (ready < 0 && errno != EINTR)
                return connectionLost(QString::fromLocal8Bit(std::strerror(errno)));
            if (ready > 0) {
                quiet.restart();
                if (!PQconsumeInput(m_data))
                    return connectionLost(cleanMessage(PQerrorMessage(m_data)));
            }
        }
        pg_result* next = PQgetResult(m_data);
        if (!next)
            break;
        const ExecStatusType status = PQresultStatus(next);
        const bool failed = status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK;
        const bool keptFailed = kept && PQresultStatus(kept.get()) != PGRES_TUPLES_OK
            && PQresultStatus(kept.get()) != PGRES_COMMAND_OK;
        // The first failure is the cause; otherwise the last answer is the statement's.
        if (!keptFailed && (failed || !kept))
            kept.reset(next);
        else
            PQclear(next);
    }
    if (!kept)
        return statementError(nullptr, what);
    const ExecStatusType status = PQresultStatus(kept.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        return statementError(kept.get(), what);
    for (int row = 0; row < PQntuples(kept.get()); ++row) {
        for (int column = 0; column < PQnfields(kept.get()); ++column)
            m_bytesReceived += PQgetlength(kept.get(), row, column);
    }
    return Result<ResultPtr>(std::move(kept));
}

Result<PgRemote::ResultPtr> PgRemote::run(const char* sql, const QVector<QByteArray>& params, const QString& what)
{
    if (m_pullInFlight)
        return Error{tr("Internal error: %1 was called while a pull was still running.").arg(what), QStringLiteral("server")};
    const Status sent = send(sql, params, what);
    if (!sent)
        return sent.error();
    return collect(what);
}

Error PgRemote::statementError(const pg_result* res, const QString& what)
{
    const QByteArray state = res ? QByteArray(PQresultErrorField(res, PG_DIAG_SQLSTATE)) : QByteArray();
    QString message = res ? cleanMessage(PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) : QString();
    if (message.isEmpty())
        message = cleanMessage(m_data ? PQerrorMessage(m_data) : "");
    if (!m_data || PQstatus(m_data) == CONNECTION_BAD)
        return connectionLost(message);
    const QByteArray klass = state.left(2);
    if (state == "57014") {
        if (m_cancelRequested.loadAcquire())
            return Error{tr("The request to the server %1 was cancelled.").arg(serverName()), QStringLiteral("cancelled")};
        return Error{tr("The server %1 did not finish %2 in time: %3").arg(serverName(), what, message),
                     QStringLiteral("timeout")};
    }
    // The server ended the session (shut down, terminated, connection failure): it is not coming back.
    if (klass == "08" || state.startsWith("57P"))
        return connectionLost(message);
    if (klass == "40" || klass == "53" || klass == "57" || klass == "58" || state == "55P03")
        return Error{tr("The server %1 is busy and could not finish %2; it will be tried again: %3")
                         .arg(serverName(), what, message),
                     QStringLiteral("timeout")};
    // apply_batch refused the batch itself (the client id belongs to another login, a malformed batch):
    // not the fault of any one mutation, so it must not be answered by setting mutations aside one by
    // one as a "server" error would be (OutboxPusher); the queue stays as it is.
    if (state == "TD011")
        return Error{tr("The server %1 refused the batch of changes as a whole: %2").arg(serverName(), message),
                     QStringLiteral("protocol")};
    // sync.pull does not recognise the cursor (damaged, or from a different server): the engine starts
    // again from the empty cursor rather than sending the same one for ever.
    if (state == "TD010")
        return Error{tr("The server %1 does not recognise this desktop's sync position: %2").arg(serverName(), message),
                     QStringLiteral("bad_cursor")};
    // sync's functions or schema are gone: the server was rebuilt or downgraded under the client.
    if (state == "42883" || state == "3F000" || state == "42P01")
        return Error{tr("The server %1 is not set up for sync (run telcodesk-admin server init on it): %2")
                         .arg(serverName(), message),
                     QStringLiteral("schema")};
    QString text = tr("The server %1 refused %2: %3").arg(serverName(), what, message);
    if (res) {
        // The detail says which character a JSON value cannot hold; a row's content ("Failing row
        // contains ...") is never passed on, it may be personal data.
        const QString detail = cleanMessage(PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL));
        if (!detail.isEmpty() && !detail.startsWith(QLatin1String("Failing row contains")))
            text += QStringLiteral(" (%1)").arg(detail.left(300));
        const QString hint = cleanMessage(PQresultErrorField(res, PG_DIAG_MESSAGE_HINT));
        if (!hint.isEmpty())
            text += QLatin1Char(' ') + hint;
    }
    return Error{text, QStringLiteral("server")};
}

Status PgRemote::startPull(const QString& cursor, int limit)
{
    if (m_pullInFlight)
        return Error{tr("Internal error: a pull was started while another was still running."), QStringLiteral("server")};
    const Status sent = send("SELECT sync.pull($1, $2)::text", {cursor.toUtf8(), QByteArray::number(limit)},
                             QStringLiteral("sync.pull"));
    if (!sent)
        return sent;
    m_pullInFlight = true;
    return Status::success();
}

Result<PullPage> PgRemote::finishPull()
{
    if (!m_pullInFlight)
        return Error{tr("Internal error: no pull is running."), QStringLiteral("server")};
    m_pullInFlight = false;
    const auto answer = collect(QStringLiteral("sync.pull"));
    if (!answer)
        return answer.error();
    pg_result* res = answer.value().get();
    if (PQntuples(res) != 1 || PQnfields(res) != 1 || PQgetisnull(res, 0, 0))
        return protocolError(tr("The server's answer to sync.pull is empty."));
    // The answer is read in place: a first sync's pages are megabytes of JSON.
    return parsePullAnswer(QByteArray::fromRawData(PQgetvalue(res, 0, 0), PQgetlength(res, 0, 0)));
}

Result<PullPage> PgRemote::parsePullAnswer(const QByteArray& json)
{
    const auto bad = [](const QString& what) {
        return protocolError(tr("The server's answer to sync.pull is not what this TelcoDesk understands: %1.").arg(what));
    };
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return bad(tr("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return bad(tr("not a JSON object"));
    const QJsonObject top = doc.object();
    const QJsonValue rows = top.value(QLatin1String("rows"));
    const QJsonValue cursor = top.value(QLatin1String("cursor"));
    const QJsonValue more = top.value(QLatin1String("more"));
    const QJsonValue resync = top.value(QLatin1String("resync"));
    const QJsonValue reason = top.value(QLatin1String("reason"));
    if (!rows.isArray())
        return bad(tr("\"%1\" is missing or not an array").arg(QStringLiteral("rows")));
    if (!cursor.isString())
        return bad(tr("\"%1\" is missing or not a string").arg(QStringLiteral("cursor")));
    if (!more.isBool())
        return bad(tr("\"%1\" is missing or not true/false").arg(QStringLiteral("more")));
    if (!resync.isBool())
        return bad(tr("\"%1\" is missing or not true/false").arg(QStringLiteral("resync")));
    if (!reason.isUndefined() && !reason.isNull() && !reason.isString())
        return bad(tr("\"%1\" is not a string").arg(QStringLiteral("reason")));

    PullPage page;
    page.cursor = cursor.toString();
    page.more = more.toBool();
    page.resync = resync.toBool();
    page.resyncReason = reason.toString();
    page.bytes = json.size();
    const QJsonArray list = rows.toArray();
    if (page.resync && !list.isEmpty())
        return bad(tr("a resync answer carries rows"));
    // Asking again from the empty cursor would start over, page after page, for ever.
    if (page.more && page.cursor.isEmpty())
        return bad(tr("more pages are announced without a cursor"));
    page.rows.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString where = QStringLiteral("rows[%1]").arg(i);
        if (!list.at(i).isObject())
            return bad(tr("%1 is not an object").arg(where));
        const QJsonObject entry = list.at(i).toObject();
        const QJsonValue tbl = entry.value(QLatin1String("tbl"));
        const QJsonValue id = entry.value(QLatin1String("id"));
        const QJsonValue row = entry.value(QLatin1String("row"));
        PulledRow pulled;
        if (!tbl.isString() || tbl.toString().isEmpty())
            return bad(tr("%1.%2 is missing or not a string").arg(where, QStringLiteral("tbl")));
        if (!id.isString() || id.toString().isEmpty())
            return bad(tr("%1.%2 is missing or not a string").arg(where, QStringLiteral("id")));
        if (!wholeNumber(entry.value(QLatin1String("row_version")), &pulled.rowVersion) || pulled.rowVersion < 0)
            return bad(tr("%1.%2 is missing or not a whole number").arg(where, QStringLiteral("row_version")));
        if (!row.isObject() && !row.isNull())
            return bad(tr("%1.%2 is missing or neither an object nor null").arg(where, QStringLiteral("row")));
        pulled.table = tbl.toString();
        pulled.id = id.toString();
        pulled.removed = row.isNull();
        pulled.row = row.toObject();
        page.rows.push_back(std::move(pulled));
    }
    return page;
}

Result<BatchResult> PgRemote::applyBatch(const QString& clientId, const QVector<OutgoingMutation>& mutations)
{
    const qint64 sentBefore = m_bytesSent;
    const qint64 receivedBefore = m_bytesReceived;
    const auto answer = run("SELECT sync.apply_batch($1::uuid, $2::jsonb)::text", {clientId.toUtf8(), batchJson(mutations)},
                            QStringLiteral("sync.apply_batch"));
    if (!answer)
        return answer.error();
    // The server has committed the batch; a crash here is the "answer lost" case.
    FaultPoint::hit("sync.after_server_commit");
    pg_result* res = answer.value().get();
    if (PQntuples(res) != 1 || PQnfields(res) != 1 || PQgetisnull(res, 0, 0))
        return protocolError(tr("The server's answer to sync.apply_batch is empty."));
    auto parsed = parseBatchAnswer(QByteArray::fromRawData(PQgetvalue(res, 0, 0), PQgetlength(res, 0, 0)));
    if (!parsed)
        return parsed;
    BatchResult result = std::move(parsed).value();
    // Every mutation sent must have exactly one verdict, and no other: the outbox is updated from them.
    QSet<qint64> expected;
    for (const OutgoingMutation& m : mutations)
        expected.insert(m.seq);
    QSet<qint64> seen;
    for (const MutationResult& r : std::as_const(result.results)) {
        if (!expected.contains(r.seq) || seen.contains(r.seq))
            return protocolError(tr("The server's answer to sync.apply_batch names mutation %1, which was not sent or "
                                    "is named twice.")
                                     .arg(r.seq));
        seen.insert(r.seq);
    }
    if (seen.size() != expected.size())
        return protocolError(tr("The server's answer to sync.apply_batch leaves %n mutation(s) without a verdict.", nullptr,
                                int(expected.size() - seen.size())));
    result.bytesSent = m_bytesSent - sentBefore;
    result.bytesReceived = m_bytesReceived - receivedBefore;
    return result;
}

Result<BatchResult> PgRemote::parseBatchAnswer(const QByteArray& json)
{
    const auto bad = [](const QString& what) {
        return protocolError(
            tr("The server's answer to sync.apply_batch is not what this TelcoDesk understands: %1.").arg(what));
    };
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return bad(tr("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return bad(tr("not a JSON object"));
    const QJsonObject top = doc.object();
    BatchResult result;
    if (!wholeNumber(top.value(QLatin1String("last_seq")), &result.lastSeq) || result.lastSeq < 0)
        return bad(tr("\"%1\" is missing or not a whole number").arg(QStringLiteral("last_seq")));
    const QJsonValue results = top.value(QLatin1String("results"));
    if (!results.isArray())
        return bad(tr("\"%1\" is missing or not an array").arg(QStringLiteral("results")));
    static const QStringList statuses = {QStringLiteral("applied"), QStringLiteral("duplicate"),
                                         QStringLiteral("rejected"), QStringLiteral("conflict")};
    const QJsonArray list = results.toArray();
    result.results.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString where = QStringLiteral("results[%1]").arg(i);
        if (!list.at(i).isObject())
            return bad(tr("%1 is not an object").arg(where));
        const QJsonObject entry = list.at(i).toObject();
        MutationResult r;
        if (!wholeNumber(entry.value(QLatin1String("seq")), &r.seq) || r.seq < 1)
            return bad(tr("%1.%2 is missing or not a whole number").arg(where, QStringLiteral("seq")));
        const QJsonValue status = entry.value(QLatin1String("status"));
        if (!status.isString() || !statuses.contains(status.toString()))
            return bad(tr("%1.%2 is missing or not one of %3").arg(where, QStringLiteral("status"), statuses.join(QStringLiteral(", "))));
        r.status = status.toString();
        const QJsonValue code = entry.value(QLatin1String("code"));
        const QJsonValue reason = entry.value(QLatin1String("reason"));
        const QJsonValue rowVersion = entry.value(QLatin1String("row_version"));
        if (!code.isUndefined() && !code.isNull() && !code.isString())
            return bad(tr("%1.%2 is not a string").arg(where, QStringLiteral("code")));
        if (!reason.isUndefined() && !reason.isNull() && !reason.isString())
            return bad(tr("%1.%2 is not a string").arg(where, QStringLiteral("reason")));
        if (!rowVersion.isUndefined() && !rowVersion.isNull() && !wholeNumber(rowVersion, &r.rowVersion))
            return bad(tr("%1.%2 is not a whole number").arg(where, QStringLiteral("row_version")));
        r.code = code.toString();
        r.reason = reason.toString();
        if (r.status == QLatin1String("rejected") && r.code.isEmpty())
            return bad(tr("%1 is rejected without a code").arg(where));
        result.results.push_back(r);
    }
    return result;
}

Result<QVector<ServerConflict>> PgRemote::openConflicts(const QString& clientId)
{
    const auto answer = run("SELECT id, seq, entity, entity_id, field, base_value::text, mine::text, theirs::text "
                            "FROM sync.conflict WHERE client_id = $1::uuid AND status = 'open' ORDER BY seq, field",
                            {clientId.toUtf8()}, QStringLiteral("sync.conflict"));
    if (!answer)
        return answer.error();
    pg_result* res = answer.value().get();
    if (PQnfields(res) != 8)
        return protocolError(tr("The server's list of conflicts has %n column(s), not 8.", nullptr, PQnfields(res)));
    QVector<ServerConflict> list;
    list.reserve(PQntuples(res));
    const auto text = [res](int row, int column) {
        return QString::fromUtf8(PQgetvalue(res, row, column), PQgetlength(res, row, column));
    };
    for (int row = 0; row < PQntuples(res); ++row) {
        ServerConflict c;
        c.id = text(row, 0);
        c.seq = QByteArray(PQgetvalue(res, row, 1)).toLongLong();
        c.entity = text(row, 2);
        c.entityId = text(row, 3);
        c.field = text(row, 4);
        QJsonValue* values[] = {&c.base, &c.mine, &c.theirs};
        for (int k = 0; k < 3; ++k) {
            const int column = 5 + k;
            if (PQgetisnull(res, row, column)) {
                *values[k] = QJsonValue(QJsonValue::Undefined);
                continue;
            }
            if (!parseJsonValue(QByteArray(PQgetvalue(res, row, column), PQgetlength(res, row, column)), values[k]))
                return protocolError(tr("The server's conflict %1 holds a value that is not JSON.").arg(c.id));
        }
        list.push_back(c);
    }
    return list;
}

Status PgRemote::resolveConflict(const QString& conflictId)
{
    // NULL (not found or resolved already) is as good as true: the conflict is closed either way.
    const auto answer = run("SELECT sync.resolve_conflict($1::uuid)", {conflictId.toUtf8()},
                            QStringLiteral("sync.resolve_conflict"));
    if (!answer)
        return answer.error();
    return Status::success();
}

Result<qint64> PgRemote::estimateScopeRows()
{
    const auto tables = run("SELECT name FROM sync.synced_table "
                            "WHERE has_any_column_privilege(format('td.%I', name)::regclass, 'SELECT') ORDER BY load_order",
                            {}, QStringLiteral("sync.synced_table"));
    if (!tables)
        return tables.error();
    pg_result* names = tables.value().get();
    if (PQntuples(names) == 0)
        return qint64(0);
    // Table names come from the server's catalog and are quoted; row-level security limits each count
    // to what this login will pull.
    QByteArray sql = "SELECT 0";
    for (int row = 0; row < PQntuples(names); ++row) {
        char* quoted = PQescapeIdentifier(m_data, PQgetvalue(names, row, 0), size_t(PQgetlength(names, row, 0)));
        if (!quoted)
            return statementError(nullptr, QStringLiteral("count"));
        sql += " + (SELECT count(*) FROM td.";
        sql += quoted;
        sql += ')';
        PQfreemem(quoted);
    }
    const auto count = run(sql.constData(), {}, QStringLiteral("count"));
    if (!count)
        return count.error();
    return QByteArray(PQgetvalue(count.value().get(), 0, 0)).toLongLong();
}

Status PgRemote::startListening()
{
    dropListen();
    Options options = m_options;
    options.applicationName += QStringLiteral("-listen");
    auto conn = connectOne(options);
    if (!conn)
        return conn.error();
    m_listen = conn.value();
    ResultPtr res(PQexec(m_listen, "LISTEN td_changes"));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
        const QString message = cleanMessage(res ? PQresultErrorField(res.get(), PG_DIAG_MESSAGE_PRIMARY)
                                                 : PQerrorMessage(m_listen));
        const bool lost = PQstatus(m_listen) == CONNECTION_BAD;
        dropListen();
        return Error{tr("The server %1 did not accept LISTEN: %2").arg(serverName(), message),
                     lost ? QStringLiteral("network") : QStringLiteral("server")};
    }
    // Anything that came with LISTEN's answer predates the pull the engine makes after listening.
    while (PGnotify* n = PQnotifies(m_listen))
        PQfreemem(n);
    m_listenNotifier = new QSocketNotifier(qintptr(PQsocket(m_listen)), QSocketNotifier::Read, this);
    connect(m_listenNotifier, &QSocketNotifier::activated, this, &PgRemote::onListenReadable);
    qCDebug(lcSync) << "listening on td_changes, backend" << PQbackendPID(m_listen);
    return Status::success();
}

void PgRemote::onListenReadable()
{
    if (!m_listen)
        return;
    if (!PQconsumeInput(m_listen) || PQstatus(m_listen) == CONNECTION_BAD) {
        qCInfo(lcSync) << "notification connection lost:" << cleanMessage(PQerrorMessage(m_listen));
        dropListen();
        Q_EMIT listenLost();
        return;
    }
    bool any = false;
    while (PGnotify* n = PQnotifies(m_listen)) {
        any = true;
        PQfreemem(n);
    }
    if (any)
        Q_EMIT changesNotified();
}

bool PgRemote::isListening() const
{
    return m_listen && PQstatus(m_listen) == CONNECTION_OK;
}

void PgRemote::cancel()
{
    // The flag is set under the mutex: a statement starting now either clears it before (and is not
    // cancelled) or sees it and gives up within kCancelGraceMs if the server ignores the request.
    QMutexLocker lock(&m_cancelMutex);
    m_cancelRequested.storeRelease(1);
    if (!m_cancel)
        return;
    char message[256] = {};
    if (!PQcancel(m_cancel, message, int(sizeof message)))
        qCWarning(lcSync) << "cancel request failed:" << message;
}

int PgRemote::dataBackendPid() const
{
    return m_data ? PQbackendPID(m_data) : 0;
}

int PgRemote::listenBackendPid() const
{
    return m_listen ? PQbackendPID(m_listen) : 0;
}

} // namespace telcodesk
