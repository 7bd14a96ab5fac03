-- TelcoDesk central database, migration 13: retention scoring (issue 6).
--
-- What the desktop cache's migration 12 (resources/sql/sqlite/0012_retention_scoring.sql) syncs, typed for
-- PostgreSQL:
--   scoring_config   read-only global catalog of JSON documents by key, set up by sync.register_global_catalog
--                    (0007): every login reads it, admins write it. Key "retention" holds the rules, risk
--                    bands, RFM segments, tags and task settings (models/scoring/RetentionConfig). Its row
--                    carries the id a desktop gives its local row (RetentionConfig::kLocalRowId), so that the
--                    pulled row replaces a desktop's `telcodesk-admin rules --set` by id; it starts as the
--                    built-in document (resources/scoring/retention-config.json). An operator changes the
--                    rules by updating this row (body, version + 1); desktops re-score on the next pull.
--   offer            (0001, read-only catalog) the six retention offers with the cache's ids and rules:
--                    {"priority", "kind", "when": condition over the customer's features}.
--   retention_task   (0001, merge, scoped by customer, queue and assignee) gains created_by, reasons (JSON,
--                    the top reasons when it was opened), outcome_note, closed_at, closed_by, and the rules:
--     * at most one open task per customer: a partial unique index, and a BEFORE INSERT trigger that drops
--       a second open task for the customer (or a task whose id exists already: desktops derive the id from
--       customer and month, so two of them opening the same customer's task write the same id). The row is
--       not inserted, and sync.apply_batch (0005) answers the mutation "duplicate" (its INSERT … RETURNING
--       returns no row); the desktop's next pull brings the server's task, and its PullApplier drops the
--       local duplicate. The trigger takes a transaction lock per customer, so that two desktops inserting
--       at the same moment are ordered and the second one sees the first one's task;
--     * the status flow: open -> done | cancelled, never back; closing needs an outcome, and "callback"
--       keeps a task open; a closed task's outcome, note and closing stay as they are. A refusal is SQLSTATE
--       TD003, recorded by apply_batch as a rejection with code "workflow" and the rule in words. Writers
--       without an agent role (an administrator's SQL, `server load`) pass, as with the ticket workflow;
--     * clerks insert and update tasks too (agents and supervisors could since 0003): the store's staff
--       work retention like the call centre, within their scope.
--
-- Idempotent: a second run changes nothing.

CREATE TABLE IF NOT EXISTS td.scoring_config (
    id             uuid PRIMARY KEY,
    key            text NOT NULL UNIQUE,
    body           text NOT NULL CHECK (jsonb_typeof(body::jsonb) = 'object'),
    version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

-- With the other catalogs, before the customers (50+).
INSERT INTO sync.synced_table (name, policy, scope, identity_fields, load_order) VALUES
    ('scoring_config', 'read_only', 'global', '{}', 42)
ON CONFLICT (name) DO UPDATE
    SET policy = excluded.policy, scope = excluded.scope, identity_fields = excluded.identity_fields,
        load_order = excluded.load_order;
SELECT sync.register_global_catalog('scoring_config');

-- The built-in rules document, as the desktops ship it, with the id of RetentionConfig::kLocalRowId.
INSERT INTO td.scoring_config (id, key, body, version) VALUES
    ('5c0f1000-0000-4000-8000-000000000001', 'retention', $cfg${
  "format": "telcodesk-retention-config",
  "version": 1,
  "bands": {"high": 0.5, "medium": 0.25},
  "rules": [
    {
      "code": "decline_signals", "kind": "risk",
      "name_zh": "三项流失信号中出现两项", "name_en": "Two of the three decline signals",
      "when": {"at_least": 2, "of": [
        {"all": [
          {"feature": "spend_ratio_m2", "op": "<=", "value": 0.8},
          {"feature": "spend_ratio_m1", "op": "<=", "value": 0.8},
          {"feature": "spend_ratio_m0", "op": "<=", "value": 0.8}
        ]},
        {"all": [
          {"feature": "logins_per_week_before", "op": ">=", "value": 4},
          {"feature": "logins_per_week_recent", "op": "<=", "value": 1}
        ]},
        {"feature": "complaints_30d", "op": ">=", "value": 2}
      ]}
    },
    {
      "code": "silent_porting", "kind": "risk",
      "name_zh": "通话骤减且近7天咨询携号转网", "name_en": "Calls collapsed and a number-porting enquiry in the last 7 days",
      "when": {"all": [
        {"feature": "voice_ratio_30d", "op": "<", "value": 0.3},
        {"feature": "porting_enquiries_7d", "op": ">=", "value": 1}
      ]}
    },
    {
      "code": "renewal_due", "kind": "reminder",
      "name_zh": "合约60天内到期，请提醒续约", "name_en": "Contract ends within 60 days: renewal reminder",
      "when": {"all": [
        {"feature": "days_to_contract_end", "op": ">=", "value": 0},
        {"feature": "days_to_contract_end", "op": "<=", "value": 60}
      ]}
    },
    {
      "code": "dissatisfied", "kind": "flag",
      "name_zh": "本月投诉超过两次（不满意）", "name_en": "More than two complaints this month: dissatisfied",
      "when": {"feature": "complaints_30d", "op": ">", "value": 2}
    }
  ],
  "rfm": {
    "segments": [
      {"code": "high_end_business", "name_zh": "高端商务", "name_en": "High-end business", "r_max": 1, "f_min": 4, "m_min": 500},
      {"code": "family", "name_zh": "家庭", "name_en": "Family", "r_max": 2, "f_min": 3, "m_min": 200},
      {"code": "young", "name_zh": "年轻", "name_en": "Young", "r_max": 1, "f_min": 2, "m_min": 100},
      {"code": "silent", "name_zh": "沉默", "name_en": "Silent", "r_min": 3, "f_max": 0}
    ]
  },
  "tags": [
    {"code": "family_account", "kind": "fact", "name_zh": "家庭账户", "name_en": "Family account",
     "when": {"feature": "is_family", "op": "==", "value": 1}},
    {"code": "enterprise_account", "kind": "fact", "name_zh": "政企客户", "name_en": "Enterprise",
     "when": {"feature": "is_enterprise", "op": "==", "value": 1}},
    {"code": "long_tenure", "kind": "fact", "name_zh": "在网5年以上", "name_en": "Over 5 years with us",
     "when": {"feature": "tenure_months", "op": ">=", "value": 60}},
    {"code": "new_customer", "kind": "fact", "name_zh": "入网不足6个月", "name_en": "Joined under 6 months ago",
     "when": {"feature": "tenure_months", "op": "<", "value": 6}},
    {"code": "multi_line", "kind": "fact", "name_zh": "多线用户", "name_en": "Several lines",
     "when": {"feature": "active_lines", "op": ">=", "value": 3}},
    {"code": "senior", "kind": "fact", "name_zh": "老年用户", "name_en": "Senior",
     "when": {"feature": "age_years", "op": ">=", "value": 60}},
    {"code": "heavy_data", "kind": "behaviour", "name_zh": "流量重度用户", "name_en": "Heavy data user",
     "when": {"feature": "plan_fit_data", "op": ">=", "value": 0.9}},
    {"code": "runs_out_of_data", "kind": "behaviour", "name_zh": "每月流量超套", "name_en": "Runs out of data each month",
     "when": {"feature": "data_overage_months_3m", "op": ">=", "value": 2}},
    {"code": "light_user", "kind": "behaviour", "name_zh": "套餐用量偏低", "name_en": "Uses little of the plan",
     "when": {"all": [{"feature": "plan_fit_data", "op": "<", "value": 0.3}, {"feature": "plan_fit_voice", "op": "<", "value": 0.3}]}},
    {"code": "app_user", "kind": "behaviour", "name_zh": "活跃App用户", "name_en": "Active app user",
     "when": {"feature": "logins_per_week_recent", "op": ">=", "value": 3}},
    {"code": "price_sensitive", "kind": "behaviour", "name_zh": "价格敏感", "name_en": "Price-sensitive",
     "when": {"any": [{"feature": "billing_contacts_90d", "op": ">=", "value": 2}, {"feature": "overdue_bills", "op": ">=", "value": 1}]}},
    {"code": "frequent_contact", "kind": "behaviour", "name_zh": "近90天频繁来电", "name_en": "Contacted us often in 90 days",
     "when": {"feature": "contacts_90d", "op": ">=", "value": 5}},
    {"code": "likely_to_leave", "kind": "predictive", "name_zh": "流失高风险", "name_en": "Likely to leave",
     "when": {"feature": "probability", "op": ">=", "value": 0.5}},
    {"code": "watch_list", "kind": "predictive", "name_zh": "流失关注", "name_en": "Watch list",
     "when": {"all": [{"feature": "probability", "op": ">=", "value": 0.25}, {"feature": "probability", "op": "<", "value": 0.5}]}},
    {"code": "renewal_window", "kind": "predictive", "name_zh": "续约窗口期", "name_en": "In the renewal window",
     "when": {"all": [{"feature": "days_to_contract_end", "op": ">=", "value": 0}, {"feature": "days_to_contract_end", "op": "<=", "value": 90}]}}
  ],
  "tasks": {"queue": "retention", "due_days": 3, "min_band": "high"}
}$cfg$, 1)
ON CONFLICT DO NOTHING;

-- The retention offers, with the same ids, codes and rules as the cache's migration 12.
INSERT INTO td.offer (id, code, name_zh, name_en, plan_id, discount_fen, rule) VALUES
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
     '{"priority": 90, "kind": "credit", "when": {"all": []}}')
ON CONFLICT DO NOTHING;

ALTER TABLE td.retention_task
    ADD COLUMN IF NOT EXISTS created_by   uuid,
    ADD COLUMN IF NOT EXISTS reasons      text NOT NULL DEFAULT '[]',
    ADD COLUMN IF NOT EXISTS outcome_note text,
    ADD COLUMN IF NOT EXISTS closed_at    bigint,
    ADD COLUMN IF NOT EXISTS closed_by    uuid;
ALTER TABLE td.retention_task DROP CONSTRAINT IF EXISTS retention_task_outcome;
ALTER TABLE td.retention_task ADD CONSTRAINT retention_task_outcome
    CHECK (outcome IS NULL OR outcome IN ('accepted', 'declined', 'no_answer', 'callback', 'left', 'not_needed'));

CREATE UNIQUE INDEX IF NOT EXISTS retention_task_one_open ON td.retention_task (customer_id)
    WHERE status = 'open' AND deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS retention_task_assignee ON td.retention_task (assignee_id, status) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS retention_task_queue ON td.retention_task (queue, status) WHERE deleted_at IS NULL;

-- One open task per customer (see the header). SECURITY DEFINER: a task the writer cannot see (another
-- region's queue, someone else's assignment) still counts.
CREATE OR REPLACE FUNCTION sync.retention_task_one_open() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.status = 'open' AND NEW.deleted_at IS NULL THEN
        -- Held to the end of the transaction: a concurrent insert for the same customer waits here, and its
        -- checks below (a new snapshot, as for every statement of a function in READ COMMITTED) see this one.
        PERFORM pg_advisory_xact_lock(hashtext('td.retention_task'), hashtext(NEW.customer_id::text));
    END IF;
    IF EXISTS (SELECT 1 FROM td.retention_task t WHERE t.id = NEW.id) THEN
        RETURN NULL;
    END IF;
    IF NEW.status = 'open' AND NEW.deleted_at IS NULL
       AND EXISTS (SELECT 1 FROM td.retention_task t
                    WHERE t.customer_id = NEW.customer_id AND t.status = 'open' AND t.deleted_at IS NULL) THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION sync.retention_task_one_open() FROM PUBLIC;
-- Named to fire before td_stamp (BEFORE triggers run in name order): a dropped row takes no row_version.
CREATE OR REPLACE TRIGGER td_retention_one_open BEFORE INSERT ON td.retention_task FOR EACH ROW
    EXECUTE FUNCTION sync.retention_task_one_open();

-- The status flow (see the header).
CREATE OR REPLACE FUNCTION sync.check_retention_task() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- Server tooling (migrations, `server load`, an administrator's SQL) has no agent row.
    IF sync.my_role() IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'open' AND NEW.outcome IS NULL THEN
            RAISE EXCEPTION 'a retention task is closed with an outcome: "%" without one', NEW.status
                USING ERRCODE = 'TD003';
        END IF;
        RETURN NEW;
    END IF;

    IF OLD.status <> 'open' THEN
        IF NEW.status IS DISTINCT FROM OLD.status THEN
            RAISE EXCEPTION 'a closed retention task stays closed: it cannot go from "%" to "%"', OLD.status, NEW.status
                USING ERRCODE = 'TD003';
        END IF;
        IF (NEW.outcome, NEW.outcome_note, NEW.closed_at, NEW.closed_by)
           IS DISTINCT FROM (OLD.outcome, OLD.outcome_note, OLD.closed_at, OLD.closed_by) THEN
            RAISE EXCEPTION 'the outcome of a closed retention task (%, "%") does not change', OLD.status, OLD.outcome
                USING ERRCODE = 'TD003';
        END IF;
        RETURN NEW;
    END IF;

    IF NEW.status <> 'open' THEN
        IF NEW.outcome IS NULL THEN
            RAISE EXCEPTION 'closing a retention task (open -> %) needs an outcome', NEW.status
                USING ERRCODE = 'TD003';
        END IF;
        IF NEW.outcome = 'callback' THEN
            RAISE EXCEPTION 'a callback keeps the retention task open: it cannot be closed as "%" with it', NEW.status
                USING ERRCODE = 'TD003';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION sync.check_retention_task() FROM PUBLIC;
CREATE OR REPLACE TRIGGER td_retention_workflow BEFORE INSERT OR UPDATE ON td.retention_task FOR EACH ROW
    EXECUTE FUNCTION sync.check_retention_task();

GRANT INSERT, UPDATE ON td.retention_task TO td_clerk;
