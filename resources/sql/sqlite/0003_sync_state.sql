-- TelcoDesk local cache, schema version 3: what the sync engine keeps besides the data.

-- Why the server refused a mutation for good (rejected rows), and whether the person has seen it.
ALTER TABLE outbox ADD COLUMN error_code TEXT;
ALTER TABLE outbox ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0;
-- Pulled rows look up unsent local edits of the same record.
CREATE INDEX outbox_pending_entity ON outbox(entity_id) WHERE state = 'pending';

-- Fields changed here and on the server since the base this desktop saw (the server's sync.conflict
-- rows for this client). Values are JSON text as the server normalised them. A person chooses per
-- field; the choice "mine" travels as a new outbox mutation, and server_resolved records that the
-- server was told (sync.resolve_conflict).
CREATE TABLE sync_conflict (
    id              TEXT PRIMARY KEY,           -- the server's conflict id
    seq             INTEGER NOT NULL,           -- the outbox seq of the mutation that met it
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    field           TEXT NOT NULL,
    base_value      TEXT,
    mine            TEXT,
    theirs          TEXT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
    resolution      TEXT CHECK (resolution IN ('mine','theirs')),
    received_at     INTEGER NOT NULL,           -- local clock, shown to people only
    resolved_at     INTEGER,
    server_resolved INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_conflict_open ON sync_conflict(status, entity, entity_id);
