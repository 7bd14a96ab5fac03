#include "services/NoteService.h"

#include "common/TextChecks.h"
#include "common/Uuid.h"
#include "store/ChangeWriter.h"

#include <QSqlQuery>

namespace telcodesk {

NoteService::NoteService(LocalStorePtr store, const Session& session, const Clock& clock)
    : m_store(std::move(store))
    , m_session(session)
    , m_clock(clock)
{
}

Result<CustomerNote> NoteService::add(const QString& customerId, const QString& body) const
{
    // Notes are contact records like interactions: the same permission covers both.
    if (!m_session.can(Permission::LogInteraction))
        return Error{tr("Your role may not add notes."), QStringLiteral("forbidden")};
    const QString text = body.trimmed();
    if (text.isEmpty())
        return Error{tr("Note: write something to keep on this customer."), QStringLiteral("invalid")};
    if (text.size() > kMaxBodyChars)
        return Error{tr("Note: %1 characters is too long; at most %2.").arg(text.size()).arg(kMaxBodyChars),
                     QStringLiteral("invalid")};
    if (!isStorableText(text))
        return Error{tr("Note: contains characters that are not valid text."), QStringLiteral("invalid")};

    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT 1 FROM customer WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(customerId);
    if (!q.exec() || !q.next())
        return Error{tr("Customer: the customer does not exist."), QStringLiteral("not_found")};
    q.finish();

    CustomerNote note;
    note.id = UuidV7::create();
    note.customerId = customerId;
    note.authorId = m_session.agentId;
    note.authorName = m_session.displayName;
    note.createdAt = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), Qt::UTC);
    note.body = text;

    Change change;
    change.op = Change::Op::Insert;
    change.table = QStringLiteral("customer_note");
    change.id = note.id;
    change.fields = {
        {QStringLiteral("customer_id"), note.customerId},
        {QStringLiteral("author_id"), note.authorId.isEmpty() ? QVariant() : QVariant(note.authorId)},
        {QStringLiteral("created_at"), note.createdAt.toMSecsSinceEpoch()},
        {QStringLiteral("body"), note.body},
    };
    const Status written = ChangeWriter(m_store, m_clock).apply(change);
    if (!written)
        return written.error();
    return note;
}

} // namespace telcodesk
