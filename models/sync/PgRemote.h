#pragma once

#include "sync/PgDsn.h"
#include "sync/RemoteSession.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QMutex>

#include <memory>

struct pg_conn;
struct pg_cancel;
struct pg_result;
class QSocketNotifier;

namespace telcodesk {

/// RemoteSession over PostgreSQL with libpq: one data connection for pull, push and conflicts, and a
/// second one that only LISTENs on td_changes, watched by a QSocketNotifier on the engine's thread so
/// that a dropped notification connection is noticed at once. Both are opened on, and belong to, the
/// thread that calls open() / startListening().
///
/// Connections use TCP keepalives and a connect timeout; the data session sets statement_timeout and
/// idle_in_transaction_session_timeout, so a dead server or a hung statement ends in "timeout" or
/// "network" rather than blocking forever. SQLSTATE classes 08 (connection), 40 (serialization,
/// deadlock), 53 (resources), 55P03 (lock), 57 (shutdown, cancel) are transient.
class PgRemote final : public RemoteSession
{
    Q_OBJECT

public:
    struct Options
    {
        int statementTimeoutMs = 120000;
        int connectTimeoutS = 10;
        QString applicationName = QStringLiteral("telcodesk");
    };

    explicit PgRemote(PgDsn dsn, Options options, QObject* parent = nullptr);
    explicit PgRemote(PgDsn dsn, QObject* parent = nullptr) : PgRemote(std::move(dsn), Options(), parent) {}
    ~PgRemote() override;

    Status open() override;
    void close() override;
    bool isOpen() const override;

    Status startPull(const QString& cursor, int limit) override;
    Result<PullPage> finishPull() override;
    Result<QString> snapshot(SnapshotSink& sink) override;
    Result<BatchResult> applyBatch(const QString& clientId, const QVector<OutgoingMutation>& mutations) override;
    Result<QVector<ServerConflict>> openConflicts(const QString& clientId) override;
    Status resolveConflict(const QString& conflictId) override;
    Result<qint64> estimateScopeRows() override;

    Status startListening() override;
    bool isListening() const override;

    void cancel() override;

    qint64 bytesReceived() const override { return m_bytesReceived; }
    qint64 bytesSent() const override { return m_bytesSent; }

    /// The backend pid of each connection (tests terminate them with pg_terminate_backend).
    int dataBackendPid() const;
    int listenBackendPid() const;

    /// libpq's conninfo string for the DSN (keywords quoted), with keepalives and timeouts.
    static QByteArray conninfo(const PgDsn& dsn, const Options& options);

    /// Parses a sync.pull answer (the JSON text). Error code "protocol" naming what was wrong.
    static Result<PullPage> parsePullAnswer(const QByteArray& json);
    /// Parses a sync.apply_batch answer. Error code "protocol".
    static Result<BatchResult> parseBatchAnswer(const QByteArray& json);

private:
    struct ResultDeleter
    {
        void operator()(pg_result* result) const;
    };
    using ResultPtr = std::unique_ptr<pg_result, ResultDeleter>;

    /// Connects with PQconnectStart/PQconnectPoll so that cancel() and the connect timeout can end the
    /// wait. Errors "auth", "network", "cancelled".
    Result<pg_conn*> connectOne(const Options& options);
    Status checkServerSchema();
    /// Sends one statement with text parameters on the data connection (not waiting for the answer).
    Status send(const char* sql, const QVector<QByteArray>& params, const QString& what);
    /// Waits for the answer of the statement sent last; a failed statement becomes its Error.
    Result<ResultPtr> collect(const QString& what);
    Result<ResultPtr> run(const char* sql, const QVector<QByteArray>& params, const QString& what);
    /// The Error for a failed statement (res may be null when the connection broke).
    Error statementError(const pg_result* res, const QString& what);
    Error connectionLost(const QString& detail);
    QString serverName() const;
    /// Frees the data connection and its cancel handle.
    void dropData();
    void dropListen();
    void onListenReadable();

    PgDsn m_dsn;
    Options m_options;
    pg_conn* m_data = nullptr;
    pg_conn* m_listen = nullptr;
    QSocketNotifier* m_listenNotifier = nullptr;
    QMutex m_cancelMutex;
    pg_cancel* m_cancel = nullptr;
    bool m_pullInFlight = false;
    qint64 m_bytesReceived = 0;
    qint64 m_bytesSent = 0;
    /// Set by cancel(), cleared when a statement starts: a cancel reaches the call in flight only.
    QAtomicInteger<int> m_cancelRequested{0};
};

} // namespace telcodesk
