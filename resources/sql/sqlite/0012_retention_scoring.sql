-- Schema version 12: retention scoring (issue 6).
--
-- Synced:
--   scoring_config   read-only global catalog of JSON documents, by key. Key 'retention' holds the rules,
--                    risk bands, RFM segments, tags and task settings (models/scoring/RetentionConfig).
--                    No row: the built-in default (resources/scoring/retention-config.json) applies. An
--                    operator changes them on the server; `telcodesk-admin rules --set` writes a local row
--                    for a desktop without a server.
--   offer            (existing, read-only catalog) the retention offers below, with the same fixed ids as
--                    the server's migration 0013. rule: {"priority": n, "when": condition} over the
--                    customer's features; the next-best offer is the first whose condition holds.
--   retention_task   (existing) gains who created and closed it, when, the outcome's note and the reasons
--                    at creation. At most one open task per customer (the index below, and on the server).
-- Local only, never synced:
--   customer_score   each customer's latest score on this desktop: probability, band, the top reasons,
--                    fired rules and flags, RFM segment and tags; rewritten by every scoring run.

CREATE TABLE scoring_config (
    id          TEXT PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    body        TEXT NOT NULL,            -- JSON
    version     INTEGER NOT NULL DEFAULT 1,
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);

INSERT INTO offer (id, code, name_zh, name_en, plan_id, discount_fen, rule) VALUES
    ('0ffe7000-0000-4000-8000-000000000001', 'RET-CARE-CALLBACK', '客户经理回访及服务补救', 'Account manager callback and service recovery', NULL, 0,
     '{"priority": 10, "kind": "service", "when": {"feature": "complaints_30d", "op": ">=", "value": 2}}'),
    ('0ffe7000-0000-4000-8000-000000000002', 'RET-DATA-10G-3M', '赠送10GB流量包3个月', '10GB data pack free for 3 months', NULL, 9000,
     '{"priority": 20, "kind": "data_pack", "plan_code": "ADD-DATA-10G", "months": 3, "when": {"feature": "data_overage_months_3m", "op": ">=", "value": 2}}'),
    ('0ffe7000-0000-4000-8000-000000000003', 'RET-RENEW-24M', '续约24个月每月返还30元', 'Renew for 24 months with 30 yuan back each month', NULL, 72000,
     '{"priority": 30, "kind": "renewal", "months": 24, "when": {"all": [{"feature": "days_to_contract_end", "op": ">=", "value": 0}, {"feature": "days_to_contract_end", "op": "<=", "value": 90}]}}'),
    ('0ffe7000-0000-4000-8000-000000000004', 'RET-DISCOUNT-20', '月租8折12个月', '20 % off the monthly fee for 12 months', NULL, 0,
     '{"priority": 40, "kind": "discount", "percent": 20, "months": 12, "when": {"any": [{"feature": "billing_contacts_90d", "op": ">=", "value": 1}, {"feature": "spend_change_3m", "op": "<=", "value": -0.2}, {"feature": "overdue_bills", "op": ">=", "value": 1}]}}'),
    ('0ffe7000-0000-4000-8000-000000000005', 'RET-FAMILY-SIM', '免费家庭副卡12个月', 'A free family member SIM for 12 months', NULL, 0,
     '{"priority": 50, "kind": "family", "plan_code": "FAM-MEMBER", "months": 12, "when": {"feature": "household_size", "op": ">=", "value": 2}}'),
    ('0ffe7000-0000-4000-8000-000000000006', 'RET-LOYALTY-30', '30元话费回馈', 'A 30 yuan loyalty credit', NULL, 3000,
     '{"priority": 90, "kind": "credit", "when": {"all": []}}');

ALTER TABLE retention_task ADD COLUMN created_by TEXT;
ALTER TABLE retention_task ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]'; -- JSON: the top reasons when it was created
ALTER TABLE retention_task ADD COLUMN outcome_note TEXT;
ALTER TABLE retention_task ADD COLUMN closed_at INTEGER;
ALTER TABLE retention_task ADD COLUMN closed_by TEXT;
-- outcome (existing): accepted | declined | no_answer | callback | left (ported out or closed anyway) | not_needed

CREATE UNIQUE INDEX retention_task_one_open ON retention_task(customer_id)
    WHERE status = 'open' AND deleted_at IS NULL;
CREATE INDEX retention_task_assignee ON retention_task(assignee_id, status) WHERE deleted_at IS NULL;
CREATE INDEX retention_task_queue ON retention_task(queue, status) WHERE deleted_at IS NULL;

CREATE TABLE customer_score (
    customer_id  TEXT PRIMARY KEY,
    probability  REAL NOT NULL,            -- the model's churn probability, 0..1
    band         TEXT NOT NULL CHECK (band IN ('low', 'medium', 'high')),  -- after the rules (a high-risk rule lifts it)
    model_band   TEXT NOT NULL CHECK (model_band IN ('low', 'medium', 'high')), -- from the probability alone
    reasons      TEXT NOT NULL DEFAULT '[]', -- JSON [{"code": feature or rule code, "value": x, "weight": w}], strongest first
    rules        TEXT NOT NULL DEFAULT '',   -- comma-separated codes of the rules that fired (risk, reminder, flag)
    segment      TEXT,                       -- RFM segment code, NULL when none matches
    tags         TEXT NOT NULL DEFAULT '',   -- comma-separated tag codes
    model_id     TEXT NOT NULL,              -- the model file's id (SHA-256 of its bytes, first 16 hex digits)
    as_of        INTEGER NOT NULL,           -- the moment the features were taken at (ms UTC)
    scored_at    INTEGER NOT NULL
) WITHOUT ROWID;
-- The at-risk list reads high and medium customers by probability. Partial: the low band (most customers)
-- stays out, so rewriting a million scores does not rewrite pages all over the index. A query uses it
-- when it says band <> 'low' itself.
CREATE INDEX customer_score_band ON customer_score(band, probability DESC) WHERE band <> 'low';

-- Scoring reads recent contacts (complaints in 30 days, porting enquiries in 7, billing contacts in 90) per
-- chunk of customers through interaction_customer_time (customer_id, occurred_at) of migration 2: no index of
-- its own, whose build would cost every migrated cache of millions of contacts.

-- Customers whose data changed since they were last scored (local only). The triggers below add a
-- customer when something that feeds a feature changes: a recent contact, a ticket, a bill, the
-- customer's own row, a line. A monthly usage load changes everyone and is followed by a full run
-- instead (usage_month has no trigger: 25 million rows of initial sync should not pay for one).
-- models/scoring/ScoringService drains this table in its own thread. The triggers say ON CONFLICT DO
-- NOTHING, not INSERT OR IGNORE: SQLite drops a trigger's OR IGNORE when the statement firing it is an
-- upsert (the pull's INSERT … ON CONFLICT DO UPDATE), and the page would fail on a customer already listed.
CREATE TABLE score_dirty (
    customer_id TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TRIGGER score_dirty_interaction AFTER INSERT ON interaction
WHEN NEW.occurred_at >= (CAST(strftime('%s', 'now') AS INTEGER) - 100 * 86400) * 1000
BEGIN INSERT INTO score_dirty (customer_id) VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END;

CREATE TRIGGER score_dirty_ticket_insert AFTER INSERT ON ticket
WHEN NEW.created_at >= (CAST(strftime('%s', 'now') AS INTEGER) - 100 * 86400) * 1000
BEGIN INSERT INTO score_dirty (customer_id) VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END;

CREATE TRIGGER score_dirty_ticket_update AFTER UPDATE OF status, resolved_at, closed_at ON ticket
WHEN NEW.created_at >= (CAST(strftime('%s', 'now') AS INTEGER) - 100 * 86400) * 1000
BEGIN INSERT INTO score_dirty (customer_id) VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END;

CREATE TRIGGER score_dirty_bill_update AFTER UPDATE OF status, paid_fen, paid_at ON bill
BEGIN INSERT INTO score_dirty (customer_id) VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END;

CREATE TRIGGER score_dirty_customer AFTER UPDATE OF type, tier, parent_id, birth_date, tenure_start, status ON customer
BEGIN INSERT INTO score_dirty (customer_id) VALUES (NEW.id) ON CONFLICT DO NOTHING; END;

CREATE TRIGGER score_dirty_subscription AFTER UPDATE OF plan_id, contract_end, status ON subscription
BEGIN INSERT INTO score_dirty (customer_id) VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END;
