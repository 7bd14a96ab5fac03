#pragma once

#include "common/Uuid.h"
#include "store/ChangeWriter.h"

namespace telcodesk {

/// The Change that inserts one ticket_event row: its kind, when, by whom and what it says. agent_id and
/// body are left out (NULL) when empty. The id is a new UUIDv7 unless the caller derives one (escalations).
/// A transition event adds from_status / to_status to the fields itself.
inline Change ticketEventChange(const QString& ticketId, const QString& kind, qint64 at, const QString& agentId,
                                const QString& body, const QString& id = QString())
{
    Change event;
    event.op = Change::Op::Insert;
    event.table = QStringLiteral("ticket_event");
    event.id = id.isEmpty() ? UuidV7::create() : id;
    event.fields.insert(QStringLiteral("ticket_id"), ticketId);
    event.fields.insert(QStringLiteral("kind"), kind);
    event.fields.insert(QStringLiteral("at"), at);
    if (!agentId.isEmpty())
        event.fields.insert(QStringLiteral("agent_id"), agentId);
    if (!body.isEmpty())
        event.fields.insert(QStringLiteral("body"), body);
    return event;
}

} // namespace telcodesk
