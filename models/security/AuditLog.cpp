#include "security/AuditLog.h"

#include "common/Logging.h"
#include "common/TextChecks.h"
#include "common/Uuid.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace telcodesk {

namespace {

constexpr int kMaxRecent = 10000;

const QString& selectColumns()
{
    static const QString columns = QStringLiteral(
        "SELECT seq, id, at, actor, action, entity, entity_id, before_masked, after_masked, prev_hash, hash "
        "FROM audit_log ");
    return columns;
}

/// NULL stays a null QString; any stored text, even empty, is a non-null one, so that canonical()
/// tells the two apart exactly as append() wrote them.
QString textOrNull(const QVariant& value)
{
    if (value.isNull())
        return QString();
    QString text = value.toString();
    if (text.isNull())
        text = QString(QLatin1String(""));
    return text;
}

AuditEntry entryFrom(const QSqlQuery& q)
{
    AuditEntry e;
    e.seq = q.value(0).toLongLong();
    e.id = textOrNull(q.value(1));
    e.atMs = q.value(2).toLongLong();
    e.actor = textOrNull(q.value(3));
    e.action = textOrNull(q.value(4));
    e.entity = textOrNull(q.value(5));
    e.entityId = textOrNull(q.value(6));
    e.beforeMasked = textOrNull(q.value(7));
    e.afterMasked = textOrNull(q.value(8));
    e.prevHash = textOrNull(q.value(9));
    e.hash = textOrNull(q.value(10));
    return e;
}

QVariant boundText(const QString& text)
{
    return text.isNull() ? QVariant() : QVariant(text);
}

} // namespace

const QString& AuditLog::genesisHash()
{
    static const QString zeros(64, QLatin1Char('0'));
    return zeros;
}

AuditLog::AuditLog(LocalStorePtr store, const Clock& clock)
    : m_store(std::move(store))
    , m_clock(clock)
{
}

QByteArray AuditLog::canonical(const AuditEntry& entry)
{
    QByteArray out("telcodesk.audit.v1\n");
    const auto put = [&out](const QString& text) {
        if (text.isNull()) {
            out.append("~,");
            return;
        }
        const QByteArray utf8 = text.toUtf8();
        out.append(QByteArray::number(utf8.size()));
        out.append(':');
        out.append(utf8);
        out.append(',');
    };
    put(entry.id);
    put(QString::number(entry.atMs));
    put(entry.actor);
    put(entry.action);
    put(entry.entity);
    put(entry.entityId);
    put(entry.beforeMasked);
    put(entry.afterMasked);
    return out;
}

QString AuditLog::chainHash(const QString& prevHash, const AuditEntry& entry)
{
    QByteArray input = prevHash.toUtf8();
    input.append('\n');
    input.append(canonical(entry));
    return QString::fromLatin1(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
}

Status AuditLog::append(const QString& actor, const QString& action, const QString& entity,
                        const QString& entityId, const QString& beforeMasked, const QString& afterMasked)
{
    if (actor.isEmpty() || action.isEmpty() || entity.isEmpty())
        return Error{tr("An audit entry needs who acted, what was done and on what kind of record."),
                     QStringLiteral("invalid")};
    for (const QString* text : {&actor, &action, &entity, &entityId, &beforeMasked, &afterMasked}) {
        if (text->size() > kMaxFieldChars)
            return Error{tr("An audit entry field is too long (%1 characters; at most %2).")
                             .arg(text->size())
                             .arg(kMaxFieldChars),
                         QStringLiteral("invalid")};
        // Broken UTF-16 would not survive the UTF-8 round trip through SQLite and could never verify.
        if (!isStorableText(*text))
            return Error{tr("An audit entry field contains invalid characters."), QStringLiteral("invalid")};
    }

    AuditEntry e;
    e.id = UuidV7::create();
    e.atMs = m_clock.nowMs();
    e.actor = actor;
    e.action = action;
    e.entity = entity;
    e.entityId = entityId.isEmpty() ? QString() : entityId;
    e.beforeMasked = beforeMasked.isEmpty() ? QString() : beforeMasked;
    e.afterMasked = afterMasked.isEmpty() ? QString() : afterMasked;

    QSqlDatabase db = m_store->connection();
    if (!db.isOpen())
        return Error{tr("The audit log could not be written: the database is not open."), QStringLiteral("io")};
    sqlite3* raw = LocalStore::handle(db);
    // Inside a caller's transaction BEGIN would fail; a savepoint joins it instead. If that
    // transaction only read so far and another writer has committed since, SQLite refuses the insert
    // (stale snapshot) rather than letting the chain fork.
    const bool nested = raw && !sqlite3_get_autocommit(raw);

    QSqlQuery q(db);
    if (!q.exec(nested ? QStringLiteral("SAVEPOINT audit_append") : QStringLiteral("BEGIN IMMEDIATE"))) {
        qCWarning(lcSecurity) << "audit append: cannot start a transaction:" << q.lastError().text();
        return Error{tr("The audit log could not be written: %1").arg(q.lastError().text()), QStringLiteral("io")};
    }
    const auto fail = [&](const QSqlQuery& failed) -> Status {
        const QString why = failed.lastError().text();
        QSqlQuery undo(db);
        if (nested) {
            undo.exec(QStringLiteral("ROLLBACK TO audit_append"));
            undo.exec(QStringLiteral("RELEASE audit_append"));
        } else {
            undo.exec(QStringLiteral("ROLLBACK"));
        }
        qCWarning(lcSecurity) << "audit append failed:" << why;
        return Error{tr("The audit log could not be written: %1").arg(why), QStringLiteral("io")};
    };

    if (!q.exec(QStringLiteral("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")))
        return fail(q);
    e.prevHash = q.next() ? q.value(0).toString() : genesisHash();
    q.finish();
    e.hash = chainHash(e.prevHash, e);

    q.prepare(QStringLiteral("INSERT INTO audit_log(id, at, actor, action, entity, entity_id, before_masked, "
                             "after_masked, prev_hash, hash) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(e.id);
    q.addBindValue(e.atMs);
    q.addBindValue(e.actor);
    q.addBindValue(e.action);
    q.addBindValue(e.entity);
    q.addBindValue(boundText(e.entityId));
    q.addBindValue(boundText(e.beforeMasked));
    q.addBindValue(boundText(e.afterMasked));
    q.addBindValue(e.prevHash);
    q.addBindValue(e.hash);
    if (!q.exec())
        return fail(q);
    q.finish();
    if (!q.exec(nested ? QStringLiteral("RELEASE audit_append") : QStringLiteral("COMMIT")))
        return fail(q);
    return Status::success();
}

AuditLog::Verification AuditLog::verify() const
{
    Verification v;
    const auto markBad = [&v](qint64 seq, const QString& message) {
        if (!v.intact)
            return;
        v.intact = false;
        v.firstBadSeq = seq;
        v.message = message;
    };

    // A chain cannot show that rows were cut off its end; AUTOINCREMENT's counter, which never goes
    // back, can. It is read before the rows: a row appended in between only raises the last seq seen.
    qint64 highestIssued = 0;
    QSqlQuery counter(m_store->connection());
    if (counter.exec(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")) && counter.next())
        highestIssued = counter.value(0).toLongLong();
    counter.finish();

    QSqlQuery q(m_store->connection());
    q.setForwardOnly(true);
    if (!q.exec(selectColumns() + QStringLiteral("ORDER BY seq"))) {
        markBad(0, tr("The audit log cannot be read: %1").arg(q.lastError().text()));
        return v;
    }
    QString expectedPrev = genesisHash();
    qint64 lastSeq = 0;
    while (q.next()) {
        ++v.rows;
        if (!v.intact)
            continue; // keep counting, the first bad row is already known
        const AuditEntry e = entryFrom(q);
        if (chainHash(e.prevHash, e) != e.hash)
            markBad(e.seq, tr("Audit row %1 has been altered: its content does not match its hash.").arg(e.seq));
        else if (e.prevHash != expectedPrev)
            markBad(e.seq, tr("Audit row %1 does not follow the row before it (row %2): rows were removed, "
                              "inserted or altered.")
                               .arg(e.seq)
                               .arg(lastSeq));
        expectedPrev = e.hash;
        lastSeq = e.seq;
    }
    if (q.lastError().isValid()) {
        markBad(0, tr("The audit log cannot be read: %1").arg(q.lastError().text()));
        return v;
    }
    if (highestIssued > lastSeq)
        markBad(lastSeq + 1, tr("Audit rows %1 to %2 are missing: they were removed from the end of the log.")
                                 .arg(lastSeq + 1)
                                 .arg(highestIssued));
    return v;
}

QVector<AuditEntry> AuditLog::recent(int limit) const
{
    QVector<AuditEntry> entries;
    if (limit <= 0)
        return entries;
    QSqlQuery q(m_store->connection());
    q.setForwardOnly(true);
    q.prepare(selectColumns() + QStringLiteral("ORDER BY seq DESC LIMIT ?"));
    q.addBindValue(qMin(limit, kMaxRecent));
    if (!q.exec()) {
        qCWarning(lcSecurity) << "audit log: cannot read recent rows:" << q.lastError().text();
        return entries;
    }
    while (q.next())
        entries.append(entryFrom(q));
    return entries;
}

} // namespace telcodesk
