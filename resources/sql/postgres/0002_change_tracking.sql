-- TelcoDesk central database, migration 2: change tracking, tombstones, notifications, workflow.
--
-- Every write to a synced table goes through these triggers, whoever writes it (sync.apply_batch, an
-- administrator's SQL, `server load`'s COPY):
--   BEFORE INSERT/UPDATE, per row (sync.stamp_row): row_version := nextval(sync.row_version_seq),
--     updated_at := the server's clock, sync_xid := the writing top-level transaction, scope columns
--     derived from the parent rows, deleted_at (a tombstone) stamped with the server's clock.
--   AFTER INSERT/UPDATE, per statement (sync.log_insert / sync.log_update): one sync.change_log entry
--     per row written, read from the statement's transition table, and one NOTIFY td_changes.
--   BEFORE DELETE/TRUNCATE: refused. Rows are never removed; deleted_at marks them.
-- A client's clock is never used: updated_at and deleted_at are overwritten whatever the writer sent.

CREATE SEQUENCE IF NOT EXISTS sync.row_version_seq AS bigint;

-- What is synced and how clients may write it (sync.apply_batch, 0005).
--   policy  merge        field-level merge against the mutation's base values; a field changed on
--                        both sides becomes a sync.conflict row
--           lww          last writer (in server commit order) wins per field, except identity_fields,
--                        which are merged as above
--           append_only  insert only; an insert of an existing id is a duplicate, not an error
--           read_only    no client writes at all
--   scope   where scope_region / scope_queue / scope_assignee come from:
--           global (none: everyone reads), private (none: administrators read), self (the row's own
--           region_code), customer (the customer's region), customer_queue (the customer's region,
--           the row's queue and assignee), subscription (the subscription's region), ticket (the
--           ticket's region, queue and assignee)
CREATE TABLE IF NOT EXISTS sync.synced_table (
    name            text PRIMARY KEY,
    policy          text NOT NULL CHECK (policy IN ('merge', 'lww', 'append_only', 'read_only')),
    scope           text NOT NULL
                    CHECK (scope IN ('global', 'private', 'self', 'customer', 'customer_queue', 'subscription', 'ticket')),
    identity_fields text[] NOT NULL DEFAULT '{}',
    load_order      integer NOT NULL
);

INSERT INTO sync.synced_table (name, policy, scope, identity_fields, load_order) VALUES
    ('region',             'read_only',   'global',         '{}', 10),
    ('agent',              'merge',       'global',         '{}', 20),
    ('plan',               'read_only',   'global',         '{}', 30),
    ('offer',              'read_only',   'global',         '{}', 40),
    ('kb_article',         'merge',       'global',         '{}', 50),
    ('customer',           'lww',         'self',
        '{primary_msisdn,id_type,id_number,address}', 60),
    ('subscription',       'merge',       'customer',       '{}', 70),
    ('subscription_addon', 'merge',       'subscription',   '{}', 80),
    ('usage_month',        'read_only',   'subscription',   '{}', 90),
    ('bill',               'read_only',   'customer',       '{}', 100),
    ('ticket',             'merge',       'customer_queue', '{}', 110),
    ('ticket_event',       'append_only', 'ticket',         '{}', 120),
    ('interaction',        'append_only', 'customer',       '{}', 130),
    ('customer_note',      'merge',       'customer',       '{}', 140),
    ('sales_order',        'merge',       'customer',       '{}', 150),
    ('retention_task',     'merge',       'customer_queue', '{}', 160),
    ('audit_log',          'append_only', 'private',        '{}', 170)
ON CONFLICT (name) DO UPDATE
    SET policy = excluded.policy, scope = excluded.scope, identity_fields = excluded.identity_fields,
        load_order = excluded.load_order;

-- One entry per row written, in the writing transaction. Entries become visible when that transaction
-- commits, which is what sync.pull (0004) relies on. The scope columns say who may see the entry;
-- prev_* hold the scope the row had before when a write moved it (another region, queue or
-- assignee), so that clients that lose the row learn about it.
CREATE TABLE IF NOT EXISTS sync.change_log (
    xid              xid8    NOT NULL,
    row_version      bigint  NOT NULL,
    tbl              text    NOT NULL,
    row_id           uuid    NOT NULL,
    logged_at        bigint  NOT NULL,
    is_global        boolean NOT NULL DEFAULT false,
    region_code      text,
    queue            text,
    assignee_id      uuid,
    prev_region_code text,
    prev_queue       text,
    prev_assignee_id uuid,
    PRIMARY KEY (xid, row_version)
);

-- The workflow a ticket's status follows; anything else is refused (a "workflow" rejection).
CREATE TABLE IF NOT EXISTS sync.ticket_transition (
    from_status text NOT NULL,
    to_status   text NOT NULL,
    PRIMARY KEY (from_status, to_status)
);
INSERT INTO sync.ticket_transition (from_status, to_status) VALUES
    ('new', 'assigned'), ('new', 'in_progress'), ('new', 'resolved'), ('new', 'closed'),
    ('assigned', 'new'), ('assigned', 'in_progress'), ('assigned', 'waiting_customer'), ('assigned', 'resolved'),
    ('in_progress', 'assigned'), ('in_progress', 'waiting_customer'), ('in_progress', 'resolved'),
    ('waiting_customer', 'in_progress'), ('waiting_customer', 'resolved'),
    ('resolved', 'in_progress'), ('resolved', 'closed')
ON CONFLICT DO NOTHING;

-- SECURITY DEFINER: the scope of a row is derived from its parents whatever the writer may read, and
-- writers need no privileges on the sequence. search_path is pinned and every name is qualified.
CREATE OR REPLACE FUNCTION sync.stamp_row() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    -- sync.now_ms() written out: this runs for every row of a bulk load.
    v_now bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id IS DISTINCT FROM OLD.id THEN
            RAISE EXCEPTION 'the id of a %.% row never changes', TG_TABLE_SCHEMA, TG_TABLE_NAME
                USING ERRCODE = 'TD001';
        END IF;
        IF OLD.deleted_at IS NOT NULL THEN
            RAISE EXCEPTION 'the % record % was deleted', TG_TABLE_NAME, OLD.id USING ERRCODE = 'TD004';
        END IF;
    END IF;
    IF NEW.deleted_at IS NOT NULL THEN
        NEW.deleted_at := v_now;
    END IF;
    NEW.row_version := nextval('sync.row_version_seq');
    NEW.updated_at := v_now;
    NEW.sync_xid := pg_current_xact_id();

    CASE TG_ARGV[0]
        WHEN 'self' THEN
            NEW.scope_region := NEW.region_code;
        WHEN 'customer' THEN
            NEW.scope_region := (SELECT c.region_code FROM td.customer c WHERE c.id = NEW.customer_id);
        WHEN 'customer_queue' THEN
            NEW.scope_region := (SELECT c.region_code FROM td.customer c WHERE c.id = NEW.customer_id);
            NEW.scope_queue := NEW.queue;
            NEW.scope_assignee := NEW.assignee_id;
        WHEN 'subscription' THEN
            NEW.scope_region := (SELECT s.scope_region FROM td.subscription s WHERE s.id = NEW.subscription_id);
        WHEN 'ticket' THEN
            SELECT t.scope_region, t.scope_queue, t.scope_assignee
              INTO NEW.scope_region, NEW.scope_queue, NEW.scope_assignee
              FROM td.ticket t WHERE t.id = NEW.ticket_id;
        ELSE
            NEW.scope_region := NULL;
            NEW.scope_queue := NULL;
            NEW.scope_assignee := NULL;
    END CASE;
    RETURN NEW;
END
$$;

-- The payload of NOTIFY td_changes: which tables, regions and queues changed, never a row's content
-- nor an id. Clients take it as a hint to pull; an oversized set of regions becomes "*".
CREATE OR REPLACE FUNCTION sync.notify_changes(p_table text, p_regions text[], p_queues text[])
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_payload text;
BEGIN
    v_payload := json_build_object('tables', json_build_array(p_table),
                                   'regions', coalesce(p_regions, '{}'),
                                   'queues', coalesce(p_queues, '{}'))::text;
    IF octet_length(v_payload) > 7000 THEN
        v_payload := json_build_object('tables', json_build_array(p_table), 'regions', '*', 'queues', '*')::text;
    END IF;
    PERFORM pg_notify('td_changes', v_payload);
END
$$;

CREATE OR REPLACE FUNCTION sync.log_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_regions text[];
    v_queues text[];
BEGIN
    INSERT INTO sync.change_log (xid, row_version, tbl, row_id, logged_at, is_global,
                                 region_code, queue, assignee_id)
    SELECT n.sync_xid, n.row_version, TG_TABLE_NAME, n.id, n.updated_at, TG_ARGV[0] = 'global',
           n.scope_region, n.scope_queue, n.scope_assignee
      FROM new_rows n;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT array_agg(DISTINCT n.scope_region) FILTER (WHERE n.scope_region IS NOT NULL),
           array_agg(DISTINCT n.scope_queue) FILTER (WHERE n.scope_queue IS NOT NULL)
      INTO v_regions, v_queues FROM new_rows n;
    PERFORM sync.notify_changes(TG_TABLE_NAME, v_regions, v_queues);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION sync.log_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_regions text[];
    v_queues text[];
BEGIN
    INSERT INTO sync.change_log (xid, row_version, tbl, row_id, logged_at, is_global,
                                 region_code, queue, assignee_id, prev_region_code, prev_queue, prev_assignee_id)
    SELECT n.sync_xid, n.row_version, TG_TABLE_NAME, n.id, n.updated_at, TG_ARGV[0] = 'global',
           n.scope_region, n.scope_queue, n.scope_assignee,
           CASE WHEN o.scope_region IS DISTINCT FROM n.scope_region THEN o.scope_region END,
           CASE WHEN o.scope_queue IS DISTINCT FROM n.scope_queue THEN o.scope_queue END,
           CASE WHEN o.scope_assignee IS DISTINCT FROM n.scope_assignee THEN o.scope_assignee END
      FROM new_rows n JOIN old_rows o ON o.id = n.id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT array_agg(DISTINCT r) FILTER (WHERE r IS NOT NULL), array_agg(DISTINCT q) FILTER (WHERE q IS NOT NULL)
      INTO v_regions, v_queues
      FROM (SELECT n.scope_region, n.scope_queue FROM new_rows n
            UNION ALL
            SELECT o.scope_region, o.scope_queue FROM old_rows o) AS s (r, q);
    PERFORM sync.notify_changes(TG_TABLE_NAME, v_regions, v_queues);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION sync.refuse_delete() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'rows of td.% are never deleted: set deleted_at to leave a tombstone', TG_TABLE_NAME
        USING ERRCODE = 'TD005';
END
$$;

-- A region, queue or assignee that changes on a parent moves its children with it (tombstones stay
-- where they were: nobody needs them moved). The children's own triggers re-derive and log them.
CREATE OR REPLACE FUNCTION sync.cascade_scope() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_NAME = 'customer' THEN
        UPDATE td.subscription SET scope_region = NEW.scope_region
         WHERE customer_id = NEW.id AND deleted_at IS NULL AND scope_region IS DISTINCT FROM NEW.scope_region;
        UPDATE td.bill SET scope_region = NEW.scope_region
         WHERE customer_id = NEW.id AND deleted_at IS NULL AND scope_region IS DISTINCT FROM NEW.scope_region;
        UPDATE td.interaction SET scope_region = NEW.scope_region
         WHERE customer_id = NEW.id AND deleted_at IS NULL AND scope_region IS DISTINCT FROM NEW.scope_region;
        UPDATE td.customer_note SET scope_region = NEW.scope_region
         WHERE customer_id = NEW.id AND deleted_at IS NULL AND scope_region IS DISTINCT FROM NEW.scope_region;
        UPDATE td.sales_order SET scope_region = NEW.scope_region
         WHERE customer_id = NEW.id AND deleted_at IS NULL AND scope_region IS DISTINCT FROM NEW.scope_region;
        UPDATE td.retention_task SET scope_region = NEW.scope_region
         WHERE customer_id = NEW.id AND deleted_at IS NULL AND scope_region IS DISTINCT FROM NEW.scope_region;
        UPDATE td.ticket SET scope_region = NEW.scope_region
         WHERE customer_id = NEW.id AND deleted_at IS NULL AND scope_region IS DISTINCT FROM NEW.scope_region;
    ELSIF TG_TABLE_NAME = 'subscription' THEN
        UPDATE td.subscription_addon SET scope_region = NEW.scope_region
         WHERE subscription_id = NEW.id AND deleted_at IS NULL AND scope_region IS DISTINCT FROM NEW.scope_region;
        UPDATE td.usage_month SET scope_region = NEW.scope_region
         WHERE subscription_id = NEW.id AND deleted_at IS NULL AND scope_region IS DISTINCT FROM NEW.scope_region;
    ELSIF TG_TABLE_NAME = 'ticket' THEN
        UPDATE td.ticket_event
           SET scope_region = NEW.scope_region, scope_queue = NEW.scope_queue, scope_assignee = NEW.scope_assignee
         WHERE ticket_id = NEW.id AND deleted_at IS NULL
           AND (scope_region, scope_queue, scope_assignee)
               IS DISTINCT FROM (NEW.scope_region, NEW.scope_queue, NEW.scope_assignee);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION sync.check_ticket_transition() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM sync.ticket_transition
                    WHERE from_status = OLD.status AND to_status = NEW.status) THEN
        RAISE EXCEPTION 'a ticket cannot go from "%" to "%"', OLD.status, NEW.status USING ERRCODE = 'TD003';
    END IF;
    RETURN NEW;
END
$$;

-- The canonical text the desktop hashes (AuditLog::canonical): netstrings of the fields, "~," for NULL.
CREATE OR REPLACE FUNCTION sync.audit_hash(p td.audit_log) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    WITH f (i, v) AS (
        VALUES (1, p.id::text), (2, p.at::text), (3, p.actor), (4, p.action), (5, p.entity),
               (6, p.entity_id), (7, p.before_masked), (8, p.after_masked))
    SELECT encode(sha256(convert_to(p.prev_hash || E'\n' || 'telcodesk.audit.v1' || E'\n'
                                    || string_agg(CASE WHEN v IS NULL THEN '~,'
                                                       ELSE octet_length(convert_to(v, 'UTF8'))::text || ':' || v || ','
                                                  END, '' ORDER BY i), 'UTF8')), 'hex')
      FROM f
$$;

-- SECURITY DEFINER: writers of audit rows need no right to call the hash function themselves.
CREATE OR REPLACE FUNCTION sync.check_audit_row() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Scope columns are never set on audit rows, so nothing legitimate updates them.
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'TD005';
    END IF;
    IF NEW.hash IS DISTINCT FROM sync.audit_hash(NEW) THEN
        RAISE EXCEPTION 'the audit row % does not match its hash', NEW.id USING ERRCODE = 'TD001';
    END IF;
    RETURN NEW;
END
$$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT name, scope FROM sync.synced_table LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER td_stamp BEFORE INSERT OR UPDATE ON td.%I
                            FOR EACH ROW EXECUTE FUNCTION sync.stamp_row(%L)', t.name, t.scope);
        EXECUTE format('CREATE OR REPLACE TRIGGER td_log_insert AFTER INSERT ON td.%I
                            REFERENCING NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION sync.log_insert(%L)', t.name, t.scope);
        EXECUTE format('CREATE OR REPLACE TRIGGER td_log_update AFTER UPDATE ON td.%I
                            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION sync.log_update(%L)', t.name, t.scope);
        EXECUTE format('CREATE OR REPLACE TRIGGER td_no_delete BEFORE DELETE ON td.%I
                            FOR EACH ROW EXECUTE FUNCTION sync.refuse_delete()', t.name);
        EXECUTE format('CREATE OR REPLACE TRIGGER td_no_truncate BEFORE TRUNCATE ON td.%I
                            FOR EACH STATEMENT EXECUTE FUNCTION sync.refuse_delete()', t.name);
    END LOOP;
END
$$;

CREATE OR REPLACE TRIGGER td_cascade_scope AFTER UPDATE ON td.customer FOR EACH ROW
    WHEN (OLD.scope_region IS DISTINCT FROM NEW.scope_region)
    EXECUTE FUNCTION sync.cascade_scope();
CREATE OR REPLACE TRIGGER td_cascade_scope AFTER UPDATE ON td.subscription FOR EACH ROW
    WHEN (OLD.scope_region IS DISTINCT FROM NEW.scope_region)
    EXECUTE FUNCTION sync.cascade_scope();
CREATE OR REPLACE TRIGGER td_cascade_scope AFTER UPDATE ON td.ticket FOR EACH ROW
    WHEN ((OLD.scope_region, OLD.scope_queue, OLD.scope_assignee)
          IS DISTINCT FROM (NEW.scope_region, NEW.scope_queue, NEW.scope_assignee))
    EXECUTE FUNCTION sync.cascade_scope();
CREATE OR REPLACE TRIGGER td_workflow BEFORE UPDATE OF status ON td.ticket FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION sync.check_ticket_transition();
CREATE OR REPLACE TRIGGER td_audit_check BEFORE INSERT OR UPDATE ON td.audit_log FOR EACH ROW
    EXECUTE FUNCTION sync.check_audit_row();
