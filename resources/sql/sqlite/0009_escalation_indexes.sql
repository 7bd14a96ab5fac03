-- Schema version 9: an index for the escalation rules' pass over the open tickets (issue 4). Local only.
--
-- EscalationService::evaluate() runs every minute on a worker thread and first narrows the open tickets
-- to those some rule may fire for (by kind, priority, age, customer, and no ticket_escalation row yet).
-- Reading those columns from the ticket rows themselves costs one random table read per open ticket;
-- this index holds them all, in status order, so the pass reads only the open statuses' ranges of it.
-- Measured on a copy of the 100k data set (11,359 open tickets): a pass that fires nothing went from
-- 0.16 s to 0.04 s with it.
CREATE INDEX ticket_open_scan ON ticket(status, kind, created_at, priority, customer_id, id) WHERE deleted_at IS NULL;
