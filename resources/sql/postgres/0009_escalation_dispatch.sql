-- TelcoDesk central database, migration 9: escalation rules, the escalations they fired and their
-- acknowledgements, and field engineers (issue 4).
--
-- The same tables as the desktop cache's migration 7 (resources/sql/sqlite/0007_escalation_dispatch.sql),
-- typed for PostgreSQL:
--   escalation_rule, field_engineer   read-only catalogs visible to every login (scope global), set up by
--                                     sync.register_global_catalog (0007), with the cache's default rows
--                                     and ids;
--   ticket_escalation                 append-only, scoped by its ticket like ticket_event (triggers of
--                                     0002, privileges and row-level security of 0003, done here for
--                                     these tables). UNIQUE (ticket_id, rule_id): a rule fires once per
--                                     ticket even when two desktops fire it. Desktops derive the row's id
--                                     from (ticket, rule) (EscalationService), so the second desktop's
--                                     insert usually answers "duplicate"; a row of the same ticket and rule
--                                     under another id is rejected by apply_batch with code "constraint"
--                                     and the key in its reason;
--   ticket_escalation_ack             append-only, scoped by its ticket; only supervisors and admins
--                                     insert (an agent's acknowledgement is rejected "permission").
-- Every desktop that sees a ticket may fire the rules: agents, clerks and supervisors insert escalations.
-- A ticket that moves to another region, queue or assignee moves these rows with it, as ticket_event.
-- Idempotent: a second run changes nothing.

CREATE TABLE IF NOT EXISTS td.escalation_rule (
    id                uuid PRIMARY KEY,
    name_zh           text NOT NULL,
    name_en           text NOT NULL,
    kind              text NOT NULL DEFAULT '*' CHECK (kind IN ('*', 'complaint', 'inquiry', 'fault', 'suggestion')),
    trigger           text NOT NULL CHECK (trigger IN ('not_handled_within', 'sla_breached', 'repeat_complaints')),
    threshold_minutes integer CHECK (threshold_minutes > 0),
    clock             text NOT NULL DEFAULT 'wall' CHECK (clock IN ('wall', 'working')),
    repeat_count      integer CHECK (repeat_count >= 2),
    window_days       integer CHECK (window_days > 0),
    action            text NOT NULL CHECK (action IN ('escalate_supervisor', 'raise_priority')),
    notify_role       text CHECK (notify_role IN ('agent', 'clerk', 'supervisor', 'admin')),
    active            integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    row_version       bigint NOT NULL DEFAULT 0,
    updated_at        bigint,
    deleted_at        bigint,
    sync_xid          xid8,
    scope_region      text,
    scope_queue       text,
    scope_assignee    uuid,
    -- What each trigger needs to be decided at all.
    CHECK (trigger <> 'not_handled_within' OR threshold_minutes IS NOT NULL),
    CHECK (trigger <> 'repeat_complaints' OR (repeat_count IS NOT NULL AND window_days IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS td.field_engineer (
    id             uuid PRIMARY KEY,
    name           text NOT NULL,
    phone          text NOT NULL,
    region_code    text NOT NULL,
    lat            double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon            double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    skills         text NOT NULL DEFAULT '',
    available      integer NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

CREATE TABLE IF NOT EXISTS td.ticket_escalation (
    id             uuid PRIMARY KEY,
    ticket_id      uuid NOT NULL REFERENCES td.ticket (id),
    rule_id        uuid NOT NULL REFERENCES td.escalation_rule (id),
    fired_at       bigint NOT NULL,
    action         text NOT NULL CHECK (action IN ('escalate_supervisor', 'raise_priority')),
    from_priority  integer CHECK (from_priority BETWEEN 1 AND 4),
    to_priority    integer CHECK (to_priority BETWEEN 1 AND 4),
    notified_role  text CHECK (notified_role IN ('agent', 'clerk', 'supervisor', 'admin')),
    detail         text NOT NULL DEFAULT '',
    agent_id       uuid,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid,
    CONSTRAINT ticket_escalation_once UNIQUE (ticket_id, rule_id)
);

CREATE TABLE IF NOT EXISTS td.ticket_escalation_ack (
    id             uuid PRIMARY KEY,
    escalation_id  uuid NOT NULL REFERENCES td.ticket_escalation (id),
    ticket_id      uuid NOT NULL REFERENCES td.ticket (id),
    agent_id       uuid,
    at             bigint NOT NULL,
    note           text NOT NULL DEFAULT '',
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);
CREATE INDEX IF NOT EXISTS ticket_escalation_ack_escalation ON td.ticket_escalation_ack (escalation_id);

-- Catalogs before td.ticket (110), after the workflow (105, 106); the escalations after ticket_event (120).
INSERT INTO sync.synced_table (name, policy, scope, identity_fields, load_order) VALUES
    ('escalation_rule',       'read_only',   'global', '{}', 107),
    ('field_engineer',        'read_only',   'global', '{}', 108),
    ('ticket_escalation',     'append_only', 'ticket', '{}', 121),
    ('ticket_escalation_ack', 'append_only', 'ticket', '{}', 122)
ON CONFLICT (name) DO UPDATE
    SET policy = excluded.policy, scope = excluded.scope, identity_fields = excluded.identity_fields,
        load_order = excluded.load_order;

SELECT sync.register_global_catalog(t) FROM unnest(ARRAY['escalation_rule', 'field_engineer']) AS t;

-- What 0002 and 0003 do for ticket_event, for the two ticket-scoped tables: change tracking, no
-- deletes, read for every group, row-level security by the ticket's region, queue and assignee.
DO $$
DECLARE
    t text;
    visible text := '(SELECT sync.is_admin())
        OR left(scope_region, 2) = ANY ((SELECT sync.my_regions())::text[])
        OR left(scope_region, 4) = ANY ((SELECT sync.my_regions())::text[])
        OR scope_region = ANY ((SELECT sync.my_regions())::text[])
        OR scope_queue = ANY ((SELECT sync.my_queues())::text[])
        OR scope_assignee = ANY ((SELECT sync.my_assignees())::uuid[])';
BEGIN
    FOREACH t IN ARRAY ARRAY['ticket_escalation', 'ticket_escalation_ack'] LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER td_stamp BEFORE INSERT OR UPDATE ON td.%I
                            FOR EACH ROW EXECUTE FUNCTION sync.stamp_row(%L)', t, 'ticket');
        EXECUTE format('CREATE OR REPLACE TRIGGER td_log_insert AFTER INSERT ON td.%I
                            REFERENCING NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION sync.log_insert(%L)', t, 'ticket');
        EXECUTE format('CREATE OR REPLACE TRIGGER td_log_update AFTER UPDATE ON td.%I
                            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION sync.log_update(%L)', t, 'ticket');
        EXECUTE format('CREATE OR REPLACE TRIGGER td_no_delete BEFORE DELETE ON td.%I
                            FOR EACH ROW EXECUTE FUNCTION sync.refuse_delete()', t);
        EXECUTE format('CREATE OR REPLACE TRIGGER td_no_truncate BEFORE TRUNCATE ON td.%I
                            FOR EACH STATEMENT EXECUTE FUNCTION sync.refuse_delete()', t);
        EXECUTE format('GRANT SELECT ON td.%I TO td_agent, td_clerk, td_supervisor, td_admin', t);
        EXECUTE format('GRANT INSERT, UPDATE ON td.%I TO td_admin', t);
        EXECUTE format('ALTER TABLE td.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('DROP POLICY IF EXISTS td_read ON td.%I', t);
        EXECUTE format('DROP POLICY IF EXISTS td_insert ON td.%I', t);
        EXECUTE format('DROP POLICY IF EXISTS td_update ON td.%I', t);
        EXECUTE format('CREATE POLICY td_read ON td.%I FOR SELECT USING (%s)', t, visible);
        EXECUTE format('CREATE POLICY td_insert ON td.%I FOR INSERT WITH CHECK (%s)', t, visible);
        EXECUTE format('CREATE POLICY td_update ON td.%I FOR UPDATE USING (%s) WITH CHECK (%s)', t, visible, visible);
    END LOOP;
END
$$;
-- Any desktop that works tickets fires rules; only supervisors (and admins, above) acknowledge.
GRANT INSERT ON td.ticket_escalation TO td_agent, td_clerk, td_supervisor;
GRANT INSERT ON td.ticket_escalation_ack TO td_supervisor;

-- sync.cascade_scope (0002) moves a ticket's events when the ticket moves; this moves its escalations
-- and acknowledgements the same way. Their own td_stamp re-derives the scope from the ticket and logs
-- the old one, so clients that lose the ticket lose these rows too.
CREATE OR REPLACE FUNCTION sync.cascade_escalation_scope() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE td.ticket_escalation
       SET scope_region = NEW.scope_region, scope_queue = NEW.scope_queue, scope_assignee = NEW.scope_assignee
     WHERE ticket_id = NEW.id AND deleted_at IS NULL
       AND (scope_region, scope_queue, scope_assignee)
           IS DISTINCT FROM (NEW.scope_region, NEW.scope_queue, NEW.scope_assignee);
    UPDATE td.ticket_escalation_ack
       SET scope_region = NEW.scope_region, scope_queue = NEW.scope_queue, scope_assignee = NEW.scope_assignee
     WHERE ticket_id = NEW.id AND deleted_at IS NULL
       AND (scope_region, scope_queue, scope_assignee)
           IS DISTINCT FROM (NEW.scope_region, NEW.scope_queue, NEW.scope_assignee);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION sync.cascade_escalation_scope() FROM PUBLIC;
CREATE OR REPLACE TRIGGER td_cascade_escalation_scope AFTER UPDATE ON td.ticket FOR EACH ROW
    WHEN ((OLD.scope_region, OLD.scope_queue, OLD.scope_assignee)
          IS DISTINCT FROM (NEW.scope_region, NEW.scope_queue, NEW.scope_assignee))
    EXECUTE FUNCTION sync.cascade_escalation_scope();

-- The UNIQUE constraint is what holds under concurrency; this check before it turns the common case into a
-- reason a person can read (apply_batch reports unique violations with code "constraint" and the
-- message). A resent row with the same id passes here and is a "duplicate" (ON CONFLICT (id)).
CREATE OR REPLACE FUNCTION sync.check_escalation_once() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_ticket_no text;
BEGIN
    IF EXISTS (SELECT 1 FROM td.ticket_escalation e
                WHERE e.ticket_id = NEW.ticket_id AND e.rule_id = NEW.rule_id AND e.id <> NEW.id) THEN
        SELECT t.ticket_no INTO v_ticket_no FROM td.ticket t WHERE t.id = NEW.ticket_id;
        RAISE EXCEPTION 'the escalation rule % has fired for ticket % already (ticket_escalation_once: a rule fires once per ticket)',
            coalesce((SELECT r.name_en FROM td.escalation_rule r WHERE r.id = NEW.rule_id), NEW.rule_id::text),
            coalesce(v_ticket_no, NEW.ticket_id::text)
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'ticket_escalation_once';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION sync.check_escalation_once() FROM PUBLIC;
CREATE OR REPLACE TRIGGER td_escalation_once BEFORE INSERT ON td.ticket_escalation FOR EACH ROW
    EXECUTE FUNCTION sync.check_escalation_once();

-- Default rows, the same ids as the cache's migration 7, so that a pulled row replaces the local one.
-- The 24 hours of the complaint rule are wall-clock hours (what the customer waits); a rule with clock
-- 'working' counts the working time of the ticket's SLA calendar instead.
INSERT INTO td.escalation_rule (id, name_zh, name_en, kind, trigger, threshold_minutes, clock, repeat_count,
                                window_days, action, notify_role) VALUES
    ('0f1e5ca1-0000-4000-8000-000000000001', '投诉24小时未处理升级至主管', 'Complaint not handled within 24 hours: escalate to the supervisor',
     'complaint', 'not_handled_within', 1440, 'wall', NULL, NULL, 'escalate_supervisor', 'supervisor'),
    ('0f1e5ca1-0000-4000-8000-000000000002', '处理时限超时升级至主管', 'Resolution SLA breached: escalate to the supervisor',
     '*', 'sla_breached', NULL, 'wall', NULL, NULL, 'escalate_supervisor', 'supervisor'),
    ('0f1e5ca1-0000-4000-8000-000000000003', '30天内重复投诉提高优先级', 'Repeat complaint within 30 days: raise the priority',
     'complaint', 'repeat_complaints', NULL, 'wall', 2, 30, 'raise_priority', NULL)
ON CONFLICT (id) DO NOTHING;

INSERT INTO td.field_engineer (id, name, phone, region_code, lat, lon, skills, available) VALUES
    ('0f1e5ce0-0000-4000-8000-000000000001', '王建国', '+8613800138001', '440106', 23.1357, 113.3270, 'broadband,fixed,iptv', 1),
    ('0f1e5ce0-0000-4000-8000-000000000002', '李伟', '+8613800138002', '440111', 23.1575, 113.2732, 'mobile,broadband', 1),
    ('0f1e5ce0-0000-4000-8000-000000000003', '陈志强', '+8613800138003', '440304', 22.5415, 114.0550, 'broadband,fixed', 1),
    ('0f1e5ce0-0000-4000-8000-000000000004', '黄磊', '+8613800138004', '440305', 22.5333, 113.9304, 'mobile,iot', 0),
    ('0f1e5ce0-0000-4000-8000-000000000005', '张明', '+8613800138005', '110105', 39.9219, 116.4436, 'broadband,iptv', 1),
    ('0f1e5ce0-0000-4000-8000-000000000006', '刘洋', '+8613800138006', '310115', 31.2215, 121.5447, 'broadband,fixed,mobile', 1),
    ('0f1e5ce0-0000-4000-8000-000000000007', '周杰', '+8613800138007', '330106', 30.2592, 120.1300, 'broadband', 1),
    ('0f1e5ce0-0000-4000-8000-000000000008', '吴刚', '+8613800138008', '510104', 30.6574, 104.0659, 'mobile,broadband', 1),
    ('0f1e5ce0-0000-4000-8000-000000000009', '赵磊', '+8613800138009', '420106', 30.5540, 114.3160, 'fixed,iptv', 1),
    ('0f1e5ce0-0000-4000-8000-000000000010', '孙涛', '+8613800138010', '440604', 23.0215, 113.1214, 'broadband', 1)
ON CONFLICT (id) DO NOTHING;
