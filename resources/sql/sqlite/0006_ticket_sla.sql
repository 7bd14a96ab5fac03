-- Schema version 6: each live ticket's SLA clocks as this desktop computed them (issue 4). Local only,
-- never synced and never sent: SlaService::recomputeAll fills it from the tickets, their events and the
-- synced calendars and policies, and recompute() refreshes the tickets a local write or a pull touched.
-- Times are UTC milliseconds. The queue sorts and filters on it, so it holds the open tickets (and the
-- ones resolved or closed, with their final verdict, until the next full recompute drops them).
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
    computed_at           INTEGER NOT NULL
) WITHOUT ROWID;
-- The queue's "sort by SLA due" and "breaching soon" read open tickets in due order.
CREATE INDEX ticket_sla_due ON ticket_sla(open, due_at, ticket_id);

-- The queue's scopes: my tickets, a team's queues, unassigned ones; live tickets only.
CREATE INDEX ticket_assignee ON ticket(assignee_id, status) WHERE deleted_at IS NULL;
CREATE INDEX ticket_queue_status ON ticket(queue, status) WHERE deleted_at IS NULL;
CREATE INDEX ticket_number ON ticket(ticket_no);
