-- Schema version 10: the SLA recompute and the queue at a million tickets (issue 4, telcodesk-bench
-- tickets.*). Local only, like ticket_sla itself.
--
-- ticket_sla carries what the queue filters and sorts on (kind, priority, queue, assignee, created,
-- number), copied from the ticket by SlaService whenever it writes the row, so that a queue's counts
-- and the order of its pages are answered by ticket_sla's indexes alone; only the rows shown join the
-- ticket. The table is a cache that SlaService::recomputeAll rebuilds, so it is recreated empty here
-- (the queue reads the tickets directly until the first recompute fills it).
DROP TABLE IF EXISTS ticket_sla;
CREATE TABLE ticket_sla (
    ticket_id             TEXT PRIMARY KEY,
    -- the clock that matters now: first response while it runs, else resolution
    state                 TEXT NOT NULL CHECK (state IN ('running','paused','near_breach','breached','met','met_late')),
    due_at                INTEGER,            -- when that clock breaches if nothing changes (paused: if resumed now)
    near_breach_at        INTEGER,            -- when it turns near-breach (null once there or stopped)
    remaining_ms          INTEGER NOT NULL,   -- working time left on it at computed_at; negative once breached
    paused                INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    first_response_state  TEXT NOT NULL,
    first_response_due    INTEGER,
    resolution_state      TEXT NOT NULL,
    resolution_due        INTEGER,
    open                  INTEGER NOT NULL CHECK (open IN (0, 1)),  -- the ticket is still being worked
    computed_at           INTEGER NOT NULL,
    -- copies of the ticket's columns of the same names, as they were when the row was written
    kind                  TEXT NOT NULL,
    priority              INTEGER NOT NULL,
    queue                 TEXT,
    assignee_id           TEXT,
    created_at            INTEGER NOT NULL,
    ticket_no             TEXT NOT NULL,
    -- a hash of the values above (not ticket_id, not computed_at): how the full recompute tells a
    -- changed row from one it would write unchanged
    row_hash              INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- "Sort by SLA due" and "breaching soon" (paused rides along so that the latter needs no row lookup).
CREATE INDEX ticket_sla_due ON ticket_sla(open, due_at, ticket_id, paused);
-- Filters by kind and priority, one agent's or nobody's tickets, a team's queues: counts and pages.
CREATE INDEX ticket_sla_kind ON ticket_sla(open, kind, priority, due_at);
CREATE INDEX ticket_sla_assignee ON ticket_sla(open, assignee_id, due_at);
CREATE INDEX ticket_sla_queue ON ticket_sla(open, queue, due_at);
-- The other orders of the open queue.
CREATE INDEX ticket_sla_created ON ticket_sla(open, created_at);
CREATE INDEX ticket_sla_priority ON ticket_sla(open, priority);
CREATE INDEX ticket_sla_number ON ticket_sla(open, ticket_no);

-- The tickets that are not closed, with every column the clocks and the copies above need: the full
-- recompute reads this small index instead of a million scattered ticket rows. deleted_at is in both
-- indexes although their predicates fix it: SQLite 3.40 still tests the term and would otherwise read
-- the table row for it. SlaService's query
-- repeats the predicate word for word (SQLite uses a partial index only then) and still checks each
-- status against the workflow catalog.
CREATE INDEX ticket_sla_input ON ticket(id, kind, priority, status, created_at, first_responded_at, resolved_at,
                                        closed_at, customer_id, queue, assignee_id, ticket_no, deleted_at)
    WHERE deleted_at IS NULL AND status <> 'closed';
-- The events the clocks read (pause, resume, reply, transition; live ones) of the tickets the index above
-- holds, in ticket and time order: a local copy kept by the triggers below, so that the recompute reads
-- a few megabytes in key order instead of seeking through the events of a million tickets. event_rowid
-- is the ticket_event rowid, the tie breaker of events at the same instant.
CREATE TABLE ticket_sla_event (
    ticket_id    TEXT NOT NULL,
    at           INTEGER NOT NULL,
    event_rowid  INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT,
    PRIMARY KEY (ticket_id, at, event_rowid)
) WITHOUT ROWID;
CREATE INDEX ticket_sla_event_rowid ON ticket_sla_event(event_rowid);

INSERT INTO ticket_sla_event(ticket_id, at, event_rowid, kind, from_status, to_status)
SELECT e.ticket_id, e.at, e.rowid, e.kind, e.from_status, e.to_status
FROM ticket t JOIN ticket_event e ON e.ticket_id = t.id
WHERE t.deleted_at IS NULL AND t.status <> 'closed'
  AND e.deleted_at IS NULL AND e.kind IN ('pause', 'resume', 'reply', 'transition');

-- An event of an open ticket is copied; the ticket may arrive after its events (a pull), see below.
CREATE TRIGGER ticket_sla_event_insert AFTER INSERT ON ticket_event
WHEN NEW.deleted_at IS NULL AND NEW.kind IN ('pause', 'resume', 'reply', 'transition')
BEGIN
    INSERT OR REPLACE INTO ticket_sla_event(ticket_id, at, event_rowid, kind, from_status, to_status)
    SELECT NEW.ticket_id, NEW.at, NEW.rowid, NEW.kind, NEW.from_status, NEW.to_status
    WHERE EXISTS (SELECT 1 FROM ticket WHERE id = NEW.ticket_id AND deleted_at IS NULL AND status <> 'closed');
END;
CREATE TRIGGER ticket_sla_event_update AFTER UPDATE ON ticket_event
BEGIN
    DELETE FROM ticket_sla_event WHERE event_rowid = OLD.rowid;
    INSERT OR REPLACE INTO ticket_sla_event(ticket_id, at, event_rowid, kind, from_status, to_status)
    SELECT NEW.ticket_id, NEW.at, NEW.rowid, NEW.kind, NEW.from_status, NEW.to_status
    WHERE NEW.deleted_at IS NULL AND NEW.kind IN ('pause', 'resume', 'reply', 'transition')
      AND EXISTS (SELECT 1 FROM ticket WHERE id = NEW.ticket_id AND deleted_at IS NULL AND status <> 'closed');
END;
CREATE TRIGGER ticket_sla_event_delete AFTER DELETE ON ticket_event
BEGIN
    DELETE FROM ticket_sla_event WHERE event_rowid = OLD.rowid;
END;
-- A ticket that is (again) open brings its events; one that closes or goes takes them along.
CREATE TRIGGER ticket_sla_event_ticket_insert AFTER INSERT ON ticket
WHEN NEW.deleted_at IS NULL AND NEW.status <> 'closed'
BEGIN
    INSERT OR REPLACE INTO ticket_sla_event(ticket_id, at, event_rowid, kind, from_status, to_status)
    SELECT e.ticket_id, e.at, e.rowid, e.kind, e.from_status, e.to_status FROM ticket_event e
    WHERE e.ticket_id = NEW.id AND e.deleted_at IS NULL AND e.kind IN ('pause', 'resume', 'reply', 'transition');
END;
CREATE TRIGGER ticket_sla_event_ticket_update AFTER UPDATE OF status, deleted_at ON ticket
WHEN (OLD.deleted_at IS NULL AND OLD.status <> 'closed') IS NOT (NEW.deleted_at IS NULL AND NEW.status <> 'closed')
BEGIN
    DELETE FROM ticket_sla_event WHERE ticket_id = OLD.id;
    INSERT OR REPLACE INTO ticket_sla_event(ticket_id, at, event_rowid, kind, from_status, to_status)
    SELECT e.ticket_id, e.at, e.rowid, e.kind, e.from_status, e.to_status FROM ticket_event e
    WHERE NEW.deleted_at IS NULL AND NEW.status <> 'closed'
      AND e.ticket_id = NEW.id AND e.deleted_at IS NULL AND e.kind IN ('pause', 'resume', 'reply', 'transition');
END;
CREATE TRIGGER ticket_sla_event_ticket_delete AFTER DELETE ON ticket
BEGIN
    DELETE FROM ticket_sla_event WHERE ticket_id = OLD.id;
END;

-- The customer's tier of each ticket the input index holds (some policies depend on it), kept by
-- triggers like ticket_sla_event: one more table read in key order instead of a random customer lookup
-- per ticket. The tier is '' when the customer is unknown, as the general path reads it.
CREATE TABLE ticket_sla_tier (
    ticket_id  TEXT PRIMARY KEY,
    tier       TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO ticket_sla_tier(ticket_id, tier)
SELECT t.id, coalesce((SELECT tier FROM customer WHERE id = t.customer_id), '')
FROM ticket t WHERE t.deleted_at IS NULL AND t.status <> 'closed';

CREATE TRIGGER ticket_sla_tier_ticket_insert AFTER INSERT ON ticket
WHEN NEW.deleted_at IS NULL AND NEW.status <> 'closed'
BEGIN
    INSERT OR REPLACE INTO ticket_sla_tier(ticket_id, tier)
    VALUES (NEW.id, coalesce((SELECT tier FROM customer WHERE id = NEW.customer_id), ''));
END;
CREATE TRIGGER ticket_sla_tier_ticket_update AFTER UPDATE OF status, deleted_at, customer_id ON ticket
BEGIN
    DELETE FROM ticket_sla_tier WHERE ticket_id = OLD.id;
    INSERT OR REPLACE INTO ticket_sla_tier(ticket_id, tier)
    SELECT NEW.id, coalesce((SELECT tier FROM customer WHERE id = NEW.customer_id), '')
    WHERE NEW.deleted_at IS NULL AND NEW.status <> 'closed';
END;
CREATE TRIGGER ticket_sla_tier_ticket_delete AFTER DELETE ON ticket
BEGIN
    DELETE FROM ticket_sla_tier WHERE ticket_id = OLD.id;
END;
-- A customer whose tier changes, who arrives after their tickets (a pull) or who goes.
CREATE TRIGGER ticket_sla_tier_customer_update AFTER UPDATE OF tier ON customer
BEGIN
    UPDATE ticket_sla_tier SET tier = coalesce(NEW.tier, '')
    WHERE ticket_id IN (SELECT id FROM ticket WHERE customer_id = NEW.id AND deleted_at IS NULL AND status <> 'closed');
END;
CREATE TRIGGER ticket_sla_tier_customer_insert AFTER INSERT ON customer
BEGIN
    UPDATE ticket_sla_tier SET tier = coalesce(NEW.tier, '')
    WHERE ticket_id IN (SELECT id FROM ticket WHERE customer_id = NEW.id AND deleted_at IS NULL AND status <> 'closed');
END;
CREATE TRIGGER ticket_sla_tier_customer_delete AFTER DELETE ON customer
BEGIN
    UPDATE ticket_sla_tier SET tier = ''
    WHERE ticket_id IN (SELECT id FROM ticket WHERE customer_id = OLD.id AND deleted_at IS NULL AND status <> 'closed');
END;
