#include "FakeRemote.h"

#include "common/TextChecks.h"
#include "common/Uuid.h"
#include "sync/PullApplier.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace telcodesk::test {

namespace {

// The server's clock: deterministic, and far from any client clock a test might fake.
constexpr qint64 kServerEpochMs = 1780000000000LL;

bool isReadOnly(const QString& table)
{
    static const QSet<QString> tables{QStringLiteral("region"), QStringLiteral("plan"), QStringLiteral("offer"),
                                      QStringLiteral("usage_month"), QStringLiteral("bill")};
    return tables.contains(table);
}

bool isAppendOnly(const QString& table)
{
    static const QSet<QString> tables{QStringLiteral("interaction"), QStringLiteral("ticket_event"),
                                      QStringLiteral("audit_log")};
    return tables.contains(table);
}

// What PostgreSQL refuses while reading a jsonb value: NUL and lone surrogates, in keys or values.
bool storable(const QJsonValue& value)
{
    if (value.isString())
        return isStorableText(value.toString());
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::all_of(array.begin(), array.end(), [](const QJsonValue& v) { return storable(v); });
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!isStorableText(it.key()) || !storable(it.value()))
                return false;
        }
    }
    return true;
}

// One field of PostgreSQL's COPY text format.
QByteArray copyField(const QJsonValue& value)
{
    QByteArray text;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QByteArrayLiteral("\\N");
    case QJsonValue::Bool:
        return value.toBool() ? QByteArrayLiteral("t") : QByteArrayLiteral("f");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
            return QByteArray::number(qint64(d));
        return QByteArray::number(d, 'g', 17);
    }
    case QJsonValue::String:
        text = value.toString().toUtf8();
        break;
    case QJsonValue::Array:
        text = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
        break;
    case QJsonValue::Object:
        text = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        break;
    }
    QByteArray out;
    out.reserve(text.size());
    for (const char c : std::as_const(text)) {
        switch (c) {
        case '\\': out.append("\\\\"); break;
        case '\t': out.append("\\t"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        default: out.append(c); break;
        }
    }
    return out;
}

qint64 jsonSize(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).size();
}

} // namespace

// ---------------------------------------------------------------- FakeServer

FakeServer::FakeServer() = default;

FakeServer::~FakeServer() = default;

qint64 FakeServer::bump(const QString& table, const QString& id)
{
    StoredRow& stored = m_rows[table][id];
    stored.version = m_nextVersion++;
    stored.row.insert(QStringLiteral("row_version"), double(stored.version));
    stored.row.insert(QStringLiteral("updated_at"), double(kServerEpochMs + stored.version));
    m_changes.append({table, id});
    return stored.version;
}

qint64 FakeServer::put(const QString& table, QJsonObject row)
{
    const QString id = row.value(QLatin1String("id")).toString();
    if (id.isEmpty()) {
        qWarning("FakeServer::put: a row without an id");
        return 0;
    }
    QMutexLocker lock(&m_mutex);
    StoredRow& stored = m_rows[table][id];
    stored.row = row;
    stored.inScope = true;
    return bump(table, id);
}

qint64 FakeServer::update(const QString& table, const QString& id, const QJsonObject& fields)
{
    QMutexLocker lock(&m_mutex);
    auto rows = m_rows.find(table);
    if (rows == m_rows.end() || !rows->contains(id))
        return 0;
    StoredRow& stored = (*rows)[id];
    for (auto it = fields.begin(); it != fields.end(); ++it)
        stored.row.insert(it.key(), it.value());
    return bump(table, id);
}

void FakeServer::evict(const QString& table, const QString& id)
{
    QMutexLocker lock(&m_mutex);
    auto rows = m_rows.find(table);
    if (rows == m_rows.end() || !rows->contains(id))
        return;
    (*rows)[id].inScope = false;
    bump(table, id);
}

void FakeServer::requireResync(const QString& reason)
{
    QMutexLocker lock(&m_mutex);
    m_resyncReason = reason;
}

void FakeServer::setSnapshotSupported(bool supported)
{
    QMutexLocker lock(&m_mutex);
    m_snapshotSupported = supported;
}

void FakeServer::breakSnapshotAfter(int rows, const QString& code)
{
    QMutexLocker lock(&m_mutex);
    m_snapshotBreakAfter = rows;
    m_snapshotBreakCode = code;
}

Result<FakeServer::Snapshot> FakeServer::takeSnapshot()
{
    QMutexLocker lock(&m_mutex);
    if (!m_snapshotSupported)
        return Error{QStringLiteral("bulk snapshot not supported"), QStringLiteral("unsupported")};
    Snapshot snapshot;
    snapshot.cursor = QString::number(m_changes.size());
    snapshot.breakAfter = m_snapshotBreakAfter;
    snapshot.breakCode = m_snapshotBreakCode;
    m_snapshotBreakAfter = -1;
    QStringList order = PullApplier::syncedTables();
    QStringList unknown;
    for (auto it = m_rows.constBegin(); it != m_rows.constEnd(); ++it) {
        if (!order.contains(it.key()))
            unknown << it.key();
    }
    unknown.sort();
    order << unknown;
    for (const QString& table : std::as_const(order)) {
        QVector<QJsonObject> rows;
        for (const StoredRow& stored : m_rows.value(table)) {
            if (stored.inScope)
                rows.append(stored.row);
        }
        if (!rows.isEmpty())
            snapshot.tables.append({table, rows});
    }
    return snapshot;
}

QJsonObject FakeServer::row(const QString& table, const QString& id) const
{
    QMutexLocker lock(&m_mutex);
    const auto rows = m_rows.constFind(table);
    if (rows == m_rows.constEnd())
        return {};
    return rows->value(id).row;
}

qint64 FakeServer::rowVersion(const QString& table, const QString& id) const
{
    QMutexLocker lock(&m_mutex);
    const auto rows = m_rows.constFind(table);
    if (rows == m_rows.constEnd())
        return 0;
    return rows->value(id).version;
}

int FakeServer::rowCount(const QString& table) const
{
    QMutexLocker lock(&m_mutex);
    const auto rows = m_rows.constFind(table);
    if (rows == m_rows.constEnd())
        return 0;
    return int(std::count_if(rows->begin(), rows->end(), [](const StoredRow& r) { return r.inScope; }));
}

int FakeServer::changeCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_changes.size());
}

QStringList FakeServer::dumpRows() const
{
    QMutexLocker lock(&m_mutex);
    QStringList out;
    for (auto table = m_rows.constBegin(); table != m_rows.constEnd(); ++table) {
        for (auto it = table->constBegin(); it != table->constEnd(); ++it) {
            out << QStringLiteral("%1/%2 v%3%4 %5")
                       .arg(table.key(), it.key())
                       .arg(it->version)
                       .arg(it->inScope ? QString() : QStringLiteral(" evicted"),
                            QString::fromUtf8(QJsonDocument(it->row).toJson(QJsonDocument::Compact)));
        }
    }
    out.sort();
    return out;
}

void FakeServer::rejectSeq(qint64 seq, const QString& code, const QString& reason)
{
    QMutexLocker lock(&m_mutex);
    m_verdicts.insert(seq, {QStringLiteral("rejected"), code, reason, {}, {}});
}

void FakeServer::duplicateSeq(qint64 seq)
{
    QMutexLocker lock(&m_mutex);
    m_verdicts.insert(seq, {QStringLiteral("duplicate"), {}, {}, {}, {}});
}

void FakeServer::conflictSeq(qint64 seq, const QString& field, const QJsonValue& theirs)
{
    QMutexLocker lock(&m_mutex);
    m_verdicts.insert(seq, {QStringLiteral("conflict"), {}, {}, field, theirs});
}

int FakeServer::timesApplied(const QString& clientId, qint64 seq) const
{
    QMutexLocker lock(&m_mutex);
    return m_applied.value(clientId + QLatin1Char('/') + QString::number(seq));
}

QStringList FakeServer::appliedLog() const
{
    QMutexLocker lock(&m_mutex);
    return m_appliedLog;
}

qint64 FakeServer::lastSeq(const QString& clientId) const
{
    QMutexLocker lock(&m_mutex);
    return m_lastSeq.value(clientId);
}

QVector<QVector<qint64>> FakeServer::batchesReceived() const
{
    QMutexLocker lock(&m_mutex);
    return m_batches;
}

QString FakeServer::addConflict(const QString& clientId, const ServerConflict& conflict)
{
    QMutexLocker lock(&m_mutex);
    StoredConflict stored{clientId, conflict, true};
    if (stored.conflict.id.isEmpty())
        stored.conflict.id = UuidV7::create();
    m_conflicts.append(stored);
    return stored.conflict.id;
}

QStringList FakeServer::openConflictIds(const QString& clientId) const
{
    QMutexLocker lock(&m_mutex);
    QStringList ids;
    for (const StoredConflict& c : m_conflicts) {
        if (c.open && c.clientId == clientId)
            ids << c.conflict.id;
    }
    return ids;
}

QStringList FakeServer::resolvedConflictIds() const
{
    QMutexLocker lock(&m_mutex);
    return m_resolved;
}

void FakeServer::addFault(const QString& call, Fault fault, qint64 firstFromNow, qint64 count)
{
    QMutexLocker lock(&m_mutex);
    const qint64 made = m_calls.value(call);
    fault.from = made + firstFromNow;
    fault.to = count < 0 ? std::numeric_limits<qint64>::max() : fault.from + count - 1;
    m_faults[call].append(fault);
}

void FakeServer::failNext(const QString& call, const QString& code, int times)
{
    addFault(call, {Fault::Kind::Fail, code, 0, 0, 0}, 1, times);
}

void FakeServer::failAt(const QString& call, int k, const QString& code)
{
    addFault(call, {Fault::Kind::Fail, code, 0, 0, 0}, k, 1);
}

void FakeServer::hangNext(const QString& call, int times, int timeoutMs)
{
    addFault(call, {Fault::Kind::Hang, {}, timeoutMs, 0, 0}, 1, times);
}

void FakeServer::delayNext(const QString& call, int ms, int times)
{
    addFault(call, {Fault::Kind::Delay, {}, ms, 0, 0}, 1, times);
}

void FakeServer::loseAnswerNext(const QString& call, int times)
{
    addFault(call, {Fault::Kind::AnswerLost, {}, 0, 0, 0}, 1, times);
}

void FakeServer::clearFaults()
{
    QMutexLocker lock(&m_mutex);
    m_faults.clear();
}

int FakeServer::calls(const QString& call) const
{
    QMutexLocker lock(&m_mutex);
    return int(m_calls.value(call));
}

void FakeServer::resetCallCounts()
{
    QMutexLocker lock(&m_mutex);
    // Faults still pending keep their place relative to the calls still to come.
    for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
        const qint64 made = m_calls.value(it.key());
        for (Fault& fault : it.value()) {
            fault.from -= made;
            if (fault.to != std::numeric_limits<qint64>::max())
                fault.to -= made;
        }
    }
    m_calls.clear();
    m_callLog.clear();
}

QStringList FakeServer::callLog() const
{
    QMutexLocker lock(&m_mutex);
    return m_callLog;
}

int FakeServer::hangingNow() const
{
    QMutexLocker lock(&m_mutex);
    return m_hangingNow;
}

int FakeServer::hangsStarted() const
{
    QMutexLocker lock(&m_mutex);
    return m_hangsStarted;
}

QString FakeServer::lastPullCursor() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastCursor;
}

int FakeServer::lastPullLimit() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastLimit;
}

QString FakeServer::lastClientId() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastClientId;
}

QVector<OutgoingMutation> FakeServer::lastBatch() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastBatch;
}

QStringList FakeServer::pullCursors() const
{
    QMutexLocker lock(&m_mutex);
    return m_cursors;
}

void FakeServer::notifyListeners()
{
    QMutexLocker lock(&m_sessionsMutex);
    for (FakeRemote* session : std::as_const(m_sessions))
        session->emitChangesNotified();
}

void FakeServer::dropListeners()
{
    QMutexLocker lock(&m_sessionsMutex);
    for (FakeRemote* session : std::as_const(m_sessions)) {
        if (session->isListening())
            session->emitListenLost();
    }
}

int FakeServer::listeningSessions() const
{
    QMutexLocker lock(&m_sessionsMutex);
    return int(std::count_if(m_sessions.begin(), m_sessions.end(), [](FakeRemote* s) { return s->isListening(); }));
}

void FakeServer::attach(FakeRemote* session)
{
    QMutexLocker lock(&m_sessionsMutex);
    m_sessions.insert(session);
}

void FakeServer::detach(FakeRemote* session)
{
    QMutexLocker lock(&m_sessionsMutex);
    m_sessions.remove(session);
}

FakeServer::Fault FakeServer::enter(const QString& call)
{
    QMutexLocker lock(&m_mutex);
    const qint64 n = ++m_calls[call];
    m_callLog << call;
    for (const Fault& fault : m_faults.value(call)) {
        if (fault.from <= n && n <= fault.to)
            return fault;
    }
    return {};
}

void FakeServer::hangStarted()
{
    QMutexLocker lock(&m_mutex);
    ++m_hangingNow;
    ++m_hangsStarted;
}

void FakeServer::hangEnded()
{
    QMutexLocker lock(&m_mutex);
    --m_hangingNow;
}

Result<PullPage> FakeServer::pull(const QString& cursor, int limit)
{
    QMutexLocker lock(&m_mutex);
    PullPage page;
    if (!cursor.isEmpty() && !m_resyncReason.isEmpty()) {
        page.resync = true;
        page.resyncReason = m_resyncReason;
        m_resyncReason.clear();
        page.bytes = 64;
        return page;
    }
    if (limit < 1 || limit > 10000)
        return Error{QStringLiteral("lim must be 1..10000"), QStringLiteral("server")};
    bool ok = true;
    const qint64 start = cursor.isEmpty() ? 0 : cursor.toLongLong(&ok);
    if (!ok || start < 0 || start > m_changes.size())
        return Error{QStringLiteral("invalid cursor \"%1\"").arg(cursor), QStringLiteral("server")};
    const qint64 end = qMin<qint64>(start + limit, m_changes.size());

    // One entry per row, in its latest state, grouped by table with parents first.
    QHash<QString, QStringList> idsByTable;
    QSet<QString> seen;
    for (qint64 i = start; i < end; ++i) {
        const Change& change = m_changes.at(int(i));
        const QString key = change.table + QLatin1Char('/') + change.id;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        idsByTable[change.table] << change.id;
    }
    QStringList order = PullApplier::syncedTables();
    QStringList unknown;
    for (auto it = idsByTable.constBegin(); it != idsByTable.constEnd(); ++it) {
        if (!order.contains(it.key()))
            unknown << it.key();
    }
    unknown.sort();
    order << unknown;
    for (const QString& table : std::as_const(order)) {
        for (const QString& id : idsByTable.value(table)) {
            const StoredRow& stored = m_rows[table][id];
            PulledRow entry;
            entry.table = table;
            entry.id = id;
            entry.rowVersion = stored.version;
            entry.removed = !stored.inScope;
            if (stored.inScope)
                entry.row = stored.row;
            page.bytes += 64 + (stored.inScope ? jsonSize(stored.row) : 0);
            page.rows.append(entry);
        }
    }
    page.cursor = QString::number(end);
    page.more = end < m_changes.size();
    return page;
}

MutationResult FakeServer::applyOne(const QString& clientId, const OutgoingMutation& m)
{
    MutationResult result;
    result.seq = m.seq;
    const auto rejected = [&result](const QString& code, const QString& reason) {
        result.status = QStringLiteral("rejected");
        result.code = code;
        result.reason = reason;
        return result;
    };

    const Verdict verdict = m_verdicts.take(m.seq);
    if (verdict.status == QLatin1String("rejected"))
        return rejected(verdict.code, verdict.reason);
    if (verdict.status == QLatin1String("duplicate")) {
        result.status = QStringLiteral("duplicate");
        return result;
    }

    const QJsonDocument doc = QJsonDocument::fromJson(m.payload);
    if (!doc.isObject())
        return rejected(QStringLiteral("invalid"), QStringLiteral("the payload is not a JSON object"));
    const QJsonObject set = doc.object().value(QLatin1String("set")).toObject();
    const QJsonObject base = doc.object().value(QLatin1String("base")).toObject();
    if (isReadOnly(m.entity))
        return rejected(QStringLiteral("read_only"), QStringLiteral("%1 is read-only").arg(m.entity));

    QMap<QString, StoredRow>& rows = m_rows[m.entity];
    const bool exists = rows.contains(m.entityId);
    QString conflictId;
    if (m.op == QLatin1String("insert")) {
        if (exists) {
            if (isAppendOnly(m.entity)) {
                result.status = QStringLiteral("duplicate");
                return result;
            }
            return rejected(QStringLiteral("constraint"), QStringLiteral("duplicate key value"));
        }
        QJsonObject row = set;
        row.insert(QStringLiteral("id"), m.entityId);
        rows[m.entityId].row = row;
    } else if (m.op == QLatin1String("update") || m.op == QLatin1String("delete")) {
        if (isAppendOnly(m.entity))
            return rejected(QStringLiteral("append_only"), QStringLiteral("%1 is append-only").arg(m.entity));
        if (!exists)
            return rejected(QStringLiteral("not_found"), QStringLiteral("no such row"));
        StoredRow& stored = rows[m.entityId];
        const bool tombstone = !stored.row.value(QLatin1String("deleted_at")).isNull()
                               && !stored.row.value(QLatin1String("deleted_at")).isUndefined();
        if (m.op == QLatin1String("delete")) {
            if (tombstone) {
                result.status = QStringLiteral("duplicate");
                return result;
            }
            stored.row.insert(QStringLiteral("deleted_at"), double(kServerEpochMs + m_nextVersion));
        } else {
            if (tombstone)
                return rejected(QStringLiteral("not_found"), QStringLiteral("the row is deleted"));
            for (auto it = set.begin(); it != set.end(); ++it) {
                if (verdict.status == QLatin1String("conflict") && it.key() == verdict.field) {
                    stored.row.insert(it.key(), verdict.theirs);
                    continue;
                }
                stored.row.insert(it.key(), it.value());
            }
        }
    } else {
        return rejected(QStringLiteral("invalid"), QStringLiteral("unknown op %1").arg(m.op));
    }
    result.rowVersion = bump(m.entity, m.entityId);
    rows[m.entityId].inScope = true;
    const QString key = clientId + QLatin1Char('/') + QString::number(m.seq);
    ++m_applied[key];
    m_appliedLog << key;

    if (verdict.status == QLatin1String("conflict")) {
        ServerConflict c;
        c.id = UuidV7::create();
        c.seq = m.seq;
        c.entity = m.entity;
        c.entityId = m.entityId;
        c.field = verdict.field;
        c.base = base.contains(verdict.field) ? base.value(verdict.field) : QJsonValue(QJsonValue::Undefined);
        c.mine = set.value(verdict.field);
        c.theirs = verdict.theirs;
        m_conflicts.append({clientId, c, true});
        result.status = QStringLiteral("conflict");
        result.reason = QStringLiteral("%1 changed on both sides").arg(verdict.field);
        return result;
    }
    result.status = QStringLiteral("applied");
    return result;
}

Result<BatchResult> FakeServer::applyBatch(const QString& clientId, const QVector<OutgoingMutation>& mutations)
{
    QMutexLocker lock(&m_mutex);
    // PostgreSQL reads the whole jsonb argument before anything runs: one unstorable string fails the
    // batch as a whole, and nothing of it is written.
    for (const OutgoingMutation& m : mutations) {
        const QJsonDocument doc = QJsonDocument::fromJson(m.payload);
        if (doc.isObject() && !storable(doc.object()))
            return Error{QStringLiteral("unsupported Unicode escape sequence (seq %1)").arg(m.seq),
                         QStringLiteral("server")};
    }
    BatchResult out;
    qint64 last = m_lastSeq.value(clientId);
    for (const OutgoingMutation& m : mutations) {
        const QString key = clientId + QLatin1Char('#') + QString::number(m.seq);
        if (m.seq <= last) {
            // As sync.apply_batch (0006): a resent mutation refused before is refused again.
            const auto refused = m_rejections.constFind(key);
            if (refused != m_rejections.constEnd()) {
                out.results.append(refused.value());
                continue;
            }
            MutationResult duplicate;
            duplicate.seq = m.seq;
            duplicate.status = QStringLiteral("duplicate");
            out.results.append(duplicate);
            continue;
        }
        const MutationResult result = applyOne(clientId, m);
        if (result.status == QLatin1String("rejected"))
            m_rejections.insert(key, result);
        out.results.append(result);
        last = m.seq;
    }
    m_lastSeq.insert(clientId, last);
    out.lastSeq = last;
    return out;
}

QVector<ServerConflict> FakeServer::openConflicts(const QString& clientId) const
{
    QMutexLocker lock(&m_mutex);
    QVector<ServerConflict> out;
    for (const StoredConflict& c : m_conflicts) {
        if (c.open && c.clientId == clientId)
            out.append(c.conflict);
    }
    return out;
}

void FakeServer::resolveConflict(const QString& id)
{
    QMutexLocker lock(&m_mutex);
    m_resolved << id;
    for (StoredConflict& c : m_conflicts) {
        if (c.conflict.id == id)
            c.open = false;
    }
}

qint64 FakeServer::estimateScopeRows() const
{
    QMutexLocker lock(&m_mutex);
    qint64 n = 0;
    for (const auto& rows : m_rows) {
        for (const StoredRow& r : rows)
            n += r.inScope ? 1 : 0;
    }
    return n;
}

// ---------------------------------------------------------------- FakeRemote

FakeRemote::FakeRemote(std::shared_ptr<FakeServer> server, QObject* parent)
    : RemoteSession(parent), m_server(std::move(server))
{
    m_server->attach(this);
}

FakeRemote::FakeRemote(QObject* parent) : FakeRemote(std::make_shared<FakeServer>(), parent) {}

FakeRemote::~FakeRemote()
{
    m_server->detach(this);
}

bool FakeRemote::waitCancellable(int ms)
{
    QMutexLocker lock(&m_cancelMutex);
    QDeadlineTimer deadline(ms < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(ms));
    while (!m_cancelRequested) {
        if (!m_cancelled.wait(&m_cancelMutex, deadline))
            break;
    }
    return !m_cancelRequested;
}

Error FakeRemote::dropped(const QString& call, const QString& code)
{
    if (code == QLatin1String("network")) {
        m_open.storeRelease(0);
        m_listening.storeRelease(0);
        m_pullInFlight = false;
    }
    return Error{QStringLiteral("%1 failed (%2, injected)").arg(call, code), code};
}

Error FakeRemote::lostAnswer(const QString& call)
{
    return dropped(call + QStringLiteral(": answer lost"), QStringLiteral("network"));
}

Status FakeRemote::enter(const QString& call, bool needsOpen, bool* loseAnswer)
{
    {
        // As with PgRemote, cancel() interrupts the call running now, not a later one.
        QMutexLocker lock(&m_cancelMutex);
        m_cancelRequested = false;
    }
    const FakeServer::Fault fault = m_server->enter(call);
    if (needsOpen && m_open.loadAcquire() == 0)
        return Error{QStringLiteral("%1: not connected").arg(call), QStringLiteral("network")};
    switch (fault.kind) {
    case FakeServer::Fault::Kind::None:
        break;
    case FakeServer::Fault::Kind::Fail:
        return dropped(call, fault.code);
    case FakeServer::Fault::Kind::Hang: {
        m_server->hangStarted();
        const bool timedOut = waitCancellable(fault.ms > 0 ? fault.ms : -1);
        m_server->hangEnded();
        if (timedOut)
            return Error{QStringLiteral("%1 timed out (injected hang)").arg(call), QStringLiteral("timeout")};
        return Error{QStringLiteral("%1 was cancelled").arg(call), QStringLiteral("cancelled")};
    }
    case FakeServer::Fault::Kind::Delay:
        if (!waitCancellable(fault.ms))
            return Error{QStringLiteral("%1 was cancelled").arg(call), QStringLiteral("cancelled")};
        break;
    case FakeServer::Fault::Kind::AnswerLost:
        if (loseAnswer)
            *loseAnswer = true;
        break;
    }
    return Status::success();
}

Status FakeRemote::open()
{
    bool lose = false;
    const Status entered = enter(QStringLiteral("open"), false, &lose);
    if (!entered)
        return entered;
    m_open.storeRelease(1);
    m_pullInFlight = false;
    if (lose)
        return lostAnswer(QStringLiteral("open"));
    return Status::success();
}

void FakeRemote::close()
{
    m_open.storeRelease(0);
    m_listening.storeRelease(0);
    m_pullInFlight = false;
}

bool FakeRemote::isOpen() const
{
    return m_open.loadAcquire() != 0;
}

Status FakeRemote::startPull(const QString& cursor, int limit)
{
    {
        QMutexLocker lock(&m_server->m_mutex);
        m_server->m_lastCursor = cursor;
        m_server->m_lastLimit = limit;
        m_server->m_cursors << cursor;
    }
    bool lose = false;
    const Status entered = enter(QStringLiteral("startPull"), true, &lose);
    if (!entered)
        return entered;
    if (m_pullInFlight)
        return Error{QStringLiteral("a pull was started while another was still running"), QStringLiteral("server")};
    m_pending = m_server->pull(cursor, limit);
    m_bytesSent.fetchAndAddRelaxed(cursor.size() + 32);
    if (lose)
        return lostAnswer(QStringLiteral("startPull"));
    m_pullInFlight = true;
    return Status::success();
}

Result<PullPage> FakeRemote::finishPull()
{
    const bool inFlight = m_pullInFlight;
    m_pullInFlight = false;
    bool lose = false;
    const Status entered = enter(QStringLiteral("finishPull"), true, &lose);
    if (!entered)
        return entered.error();
    if (!inFlight)
        return Error{QStringLiteral("no pull is running"), QStringLiteral("server")};
    if (lose)
        return lostAnswer(QStringLiteral("finishPull"));
    if (m_pending)
        m_bytesReceived.fetchAndAddRelaxed(m_pending->bytes);
    return m_pending;
}

Result<QString> FakeRemote::snapshot(SnapshotSink& sink)
{
    bool lose = false;
    const Status entered = enter(QStringLiteral("snapshot"), true, &lose);
    if (!entered)
        return entered.error();
    if (m_pullInFlight)
        return Error{QStringLiteral("a snapshot was started while a pull was still running"), QStringLiteral("server")};
    const Result<FakeServer::Snapshot> taken = m_server->takeSnapshot();
    if (!taken)
        return taken.error();
    const FakeServer::Snapshot& snapshot = taken.value();
    int sent = 0;
    for (const auto& [table, rows] : snapshot.tables) {
        QSet<QString> names;
        for (const QJsonObject& row : rows) {
            for (auto it = row.begin(); it != row.end(); ++it)
                names.insert(it.key());
        }
        QStringList columns(names.begin(), names.end());
        columns.sort();
        QStringList wanted;
        const Status begun = sink.beginTable(table, columns, &wanted);
        if (!begun)
            return begun.error();
        if (!wanted.isEmpty()) {
            for (const QJsonObject& row : rows) {
                if (snapshot.breakAfter >= 0 && sent >= snapshot.breakAfter)
                    return dropped(QStringLiteral("snapshot"), snapshot.breakCode);
                QByteArray line;
                for (int i = 0; i < wanted.size(); ++i) {
                    if (i > 0)
                        line.append('\t');
                    line.append(copyField(row.value(wanted.at(i))));
                }
                m_bytesReceived.fetchAndAddRelaxed(line.size() + 1);
                const Status copied = sink.copyLine(line.constData(), int(line.size()));
                if (!copied)
                    return copied.error();
                ++sent;
            }
        }
        const Status ended = sink.endTable();
        if (!ended)
            return ended.error();
    }
    if (snapshot.breakAfter >= 0 && sent >= snapshot.breakAfter)
        return dropped(QStringLiteral("snapshot"), snapshot.breakCode);
    if (lose)
        return lostAnswer(QStringLiteral("snapshot"));
    return snapshot.cursor;
}

Result<BatchResult> FakeRemote::applyBatch(const QString& clientId, const QVector<OutgoingMutation>& mutations)
{
    {
        QMutexLocker lock(&m_server->m_mutex);
        m_server->m_lastClientId = clientId;
        m_server->m_lastBatch = mutations;
        QVector<qint64> seqs;
        for (const OutgoingMutation& m : mutations)
            seqs << m.seq;
        m_server->m_batches << seqs;
    }
    bool lose = false;
    const Status entered = enter(QStringLiteral("applyBatch"), true, &lose);
    if (!entered)
        return entered.error();
    qint64 sent = 0;
    for (const OutgoingMutation& m : mutations)
        sent += m.payload.size() + m.entity.size() + m.entityId.size() + 48;
    m_bytesSent.fetchAndAddRelaxed(sent);
    Result<BatchResult> answer = m_server->applyBatch(clientId, mutations);
    if (lose)
        return lostAnswer(QStringLiteral("applyBatch"));
    if (!answer)
        return answer;
    BatchResult result = answer.value();
    result.bytesSent = sent;
    result.bytesReceived = 32 + 48 * result.results.size();
    m_bytesReceived.fetchAndAddRelaxed(result.bytesReceived);
    return result;
}

Result<QVector<ServerConflict>> FakeRemote::openConflicts(const QString& clientId)
{
    bool lose = false;
    const Status entered = enter(QStringLiteral("openConflicts"), true, &lose);
    if (!entered)
        return entered.error();
    if (lose)
        return lostAnswer(QStringLiteral("openConflicts"));
    return m_server->openConflicts(clientId);
}

Status FakeRemote::resolveConflict(const QString& conflictId)
{
    bool lose = false;
    const Status entered = enter(QStringLiteral("resolveConflict"), true, &lose);
    if (!entered)
        return entered;
    m_server->resolveConflict(conflictId);
    if (lose)
        return lostAnswer(QStringLiteral("resolveConflict"));
    return Status::success();
}

Result<qint64> FakeRemote::estimateScopeRows()
{
    bool lose = false;
    const Status entered = enter(QStringLiteral("estimateScopeRows"), true, &lose);
    if (!entered)
        return entered.error();
    if (lose)
        return lostAnswer(QStringLiteral("estimateScopeRows"));
    return m_server->estimateScopeRows();
}

Status FakeRemote::startListening()
{
    bool lose = false;
    const Status entered = enter(QStringLiteral("startListening"), true, &lose);
    if (!entered)
        return entered;
    m_listening.storeRelease(1);
    if (lose)
        return lostAnswer(QStringLiteral("startListening"));
    return Status::success();
}

bool FakeRemote::isListening() const
{
    return m_listening.loadAcquire() != 0 && m_open.loadAcquire() != 0;
}

void FakeRemote::cancel()
{
    QMutexLocker lock(&m_cancelMutex);
    m_cancelRequested = true;
    m_cancelled.wakeAll();
}

void FakeRemote::emitChangesNotified()
{
    if (isListening())
        Q_EMIT changesNotified();
}

void FakeRemote::emitListenLost()
{
    m_listening.storeRelease(0);
    Q_EMIT listenLost();
}

} // namespace telcodesk::test
