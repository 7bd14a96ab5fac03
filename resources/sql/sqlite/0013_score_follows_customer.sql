-- Schema version 13: a customer's score goes with the customer; tasks by the time they were opened.
--
-- customer_score held the scores of customers deleted since the last full run, so every reader had to
-- join customer to leave them out: counting the at-risk list (55,000 high-risk customers of a million)
-- cost 0.3 s warm and 1 s cold in those lookups, against 3 ms on the band index alone. Now a customer
-- who is deleted (tombstone or row) loses the score at once, and one who comes back is scored again by
-- ScoringService (score_dirty). Local only: nothing here is synced.
--
-- The pull writes customers with INSERT … ON CONFLICT DO UPDATE, which fires these UPDATE triggers when
-- deleted_at is among the columns it sets; neither trigger can fail on a row it meets (a DELETE, and an
-- insert that says ON CONFLICT DO NOTHING: see 0012 on why not OR IGNORE).

CREATE TRIGGER customer_score_deleted AFTER UPDATE OF deleted_at ON customer
WHEN NEW.deleted_at IS NOT NULL
BEGIN DELETE FROM customer_score WHERE customer_id = NEW.id; END;

CREATE TRIGGER customer_score_restored AFTER UPDATE OF deleted_at ON customer
WHEN NEW.deleted_at IS NULL AND OLD.deleted_at IS NOT NULL
BEGIN INSERT INTO score_dirty (customer_id) VALUES (NEW.id) ON CONFLICT DO NOTHING; END;

CREATE TRIGGER customer_score_removed AFTER DELETE ON customer
BEGIN DELETE FROM customer_score WHERE customer_id = OLD.id; END;

-- What earlier versions left behind.
DELETE FROM customer_score
WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = customer_score.customer_id AND c.deleted_at IS NULL);

-- The supervisors' summary of what came of this month's retention tasks reads them by creation time.
CREATE INDEX retention_task_created ON retention_task(created_at) WHERE deleted_at IS NULL;
