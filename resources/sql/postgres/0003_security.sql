-- TelcoDesk central database, migration 3: who may read and write what.
--
-- The server is the boundary, not the desktop. Each agent logs in with a PostgreSQL role of its own
-- (created by `telcodesk-admin server add-agent`), member of one group role:
--   td_agent       call-centre agents: customers of their regions and the rows under them, tickets of
--                  their queues or assigned to them; ID numbers only masked; may log interactions,
--                  notes, ticket work and retention work, not edit customers
--   td_clerk       store clerks: their store's region; may edit customers, lines and orders
--   td_supervisor  their regions, their queues and their teams' tickets; knowledge base, approvals
--   td_admin       everything
-- What a login may see is looked up from td.agent / td.agent_scope by SECURITY DEFINER functions keyed
-- on session_user: neither a setting the client can change (a GUC) nor SET ROLE moves it.
--
-- Region scope follows GB/T 2260: a province code (NN0000) covers every code that starts with its two
-- digits, a prefecture-level city (NNNN00) every code that starts with its four, anything else only
-- itself. sync.my_regions() returns these keys ("44", "4401", "440106"), which the policies compare
-- with the first two, the first four and all six characters of a row's scope_region.

CREATE OR REPLACE FUNCTION sync.region_key(p_code text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN p_code ~ '^[0-9]{2}0000$' THEN left(p_code, 2)
        WHEN p_code ~ '^[0-9]{4}00$' THEN left(p_code, 4)
        ELSE p_code
    END;

CREATE OR REPLACE FUNCTION sync.my_agent_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT a.id FROM td.agent a WHERE a.login = session_user AND a.deleted_at IS NULL
$$;

CREATE OR REPLACE FUNCTION sync.my_role() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT a.role FROM td.agent a WHERE a.login = session_user AND a.deleted_at IS NULL
$$;

CREATE OR REPLACE FUNCTION sync.is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT a.role = 'admin' FROM td.agent a
                      WHERE a.login = session_user AND a.deleted_at IS NULL), false)
$$;

CREATE OR REPLACE FUNCTION sync.my_regions() RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT sync.region_key(code) ORDER BY sync.region_key(code)), '{}')
      FROM (SELECT a.region_code FROM td.agent a
             WHERE a.login = session_user AND a.deleted_at IS NULL AND a.region_code IS NOT NULL
            UNION ALL
            SELECT s.value FROM td.agent_scope s JOIN td.agent a ON a.login = s.login AND a.deleted_at IS NULL
             WHERE s.login = session_user AND s.kind = 'region') AS scope (code)
$$;

CREATE OR REPLACE FUNCTION sync.my_queues() RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT s.value ORDER BY s.value), '{}')
      FROM td.agent_scope s JOIN td.agent a ON a.login = s.login AND a.deleted_at IS NULL
     WHERE s.login = session_user AND s.kind = 'queue'
$$;

CREATE OR REPLACE FUNCTION sync.my_teams() RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT team ORDER BY team), '{}')
      FROM (SELECT a.team FROM td.agent a
             WHERE a.login = session_user AND a.deleted_at IS NULL AND a.team IS NOT NULL
            UNION ALL
            SELECT s.value FROM td.agent_scope s JOIN td.agent a ON a.login = s.login AND a.deleted_at IS NULL
             WHERE s.login = session_user AND s.kind = 'team') AS scope (team)
$$;

-- Whose tickets and tasks this login sees by assignment: its own, and a supervisor's whole teams'.
CREATE OR REPLACE FUNCTION sync.my_assignees() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT id), '{}')
      FROM (SELECT a.id FROM td.agent a WHERE a.login = session_user AND a.deleted_at IS NULL
            UNION ALL
            SELECT m.id FROM td.agent m
             WHERE m.deleted_at IS NULL AND m.team IS NOT NULL
               AND sync.my_role() = 'supervisor' AND m.team = ANY (sync.my_teams())) AS s (id)
$$;

-- A digest of everything above: sync.pull puts it in the cursor, and a cursor made under another
-- scope asks the client to sync again from scratch (rows that came into scope have old versions).
CREATE OR REPLACE FUNCTION sync.my_scope_digest() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT left(md5(concat_ws('|', coalesce(sync.my_role(), '-'), array_to_string(sync.my_regions(), ','),
                              array_to_string(sync.my_queues(), ','),
                              array_to_string(sync.my_assignees()::text[], ','))), 12)
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA sync FROM PUBLIC;
GRANT USAGE ON SCHEMA td, sync TO td_agent, td_clerk, td_supervisor, td_admin;
GRANT EXECUTE ON FUNCTION sync.now_ms(), sync.region_key(text), sync.my_agent_id(), sync.my_role(),
    sync.is_admin(), sync.my_regions(), sync.my_queues(), sync.my_teams(), sync.my_assignees(),
    sync.my_scope_digest()
    TO td_agent, td_clerk, td_supervisor, td_admin;

-- Reading. Agents may not read ID numbers in clear: every customer column but id_number, and
-- id_number_masked in its place.
DO $$
DECLARE
    t text;
    agent_columns text;
BEGIN
    FOR t IN SELECT name FROM sync.synced_table WHERE name <> 'customer' LOOP
        EXECUTE format('GRANT SELECT ON td.%I TO td_agent, td_clerk, td_supervisor, td_admin', t);
    END LOOP;
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO agent_columns
      FROM pg_catalog.pg_attribute
     WHERE attrelid = 'td.customer'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'id_number';
    EXECUTE format('GRANT SELECT (%s) ON td.customer TO td_agent', agent_columns);
END
$$;
GRANT SELECT ON td.customer TO td_clerk, td_supervisor, td_admin;
REVOKE ALL ON td.agent_scope FROM td_agent, td_clerk, td_supervisor;
GRANT SELECT, INSERT, UPDATE, DELETE ON td.agent_scope TO td_admin;

-- Writing (DELETE never: rows are tombstoned). Row-level security narrows these to the scope below.
GRANT INSERT ON td.interaction, td.ticket, td.ticket_event, td.customer_note, td.audit_log
    TO td_agent, td_clerk, td_supervisor;
GRANT UPDATE ON td.ticket, td.customer_note TO td_agent, td_clerk, td_supervisor;
GRANT INSERT, UPDATE ON td.retention_task TO td_agent, td_supervisor;
GRANT INSERT, UPDATE ON td.customer, td.subscription, td.subscription_addon, td.sales_order TO td_clerk;
GRANT INSERT, UPDATE ON td.kb_article TO td_supervisor;
GRANT UPDATE ON td.sales_order TO td_supervisor;
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT name FROM sync.synced_table LOOP
        EXECUTE format('GRANT INSERT, UPDATE ON td.%I TO td_admin', t);
    END LOOP;
END
$$;

-- Row-level security on every table whose rows belong to a customer or a queue. The scope functions
-- are wrapped in sub-selects so that each runs once per statement, not once per row.
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
    FOR t IN SELECT name FROM sync.synced_table WHERE scope NOT IN ('global', 'private') LOOP
        EXECUTE format('ALTER TABLE td.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY td_read ON td.%I FOR SELECT USING (%s)', t, visible);
        EXECUTE format('CREATE POLICY td_insert ON td.%I FOR INSERT WITH CHECK (%s)', t, visible);
        EXECUTE format('CREATE POLICY td_update ON td.%I FOR UPDATE USING (%s) WITH CHECK (%s)', t, visible, visible);
    END LOOP;
END
$$;

-- Audit rows: administrators read all of them; everyone else reads and writes only rows in their
-- own name.
ALTER TABLE td.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY td_read ON td.audit_log FOR SELECT
    USING ((SELECT sync.is_admin()) OR actor = session_user);
CREATE POLICY td_insert ON td.audit_log FOR INSERT
    WITH CHECK ((SELECT sync.is_admin()) OR actor = session_user);

-- The change log is read under the same scope, old or new: an entry tells the clients that lose a row
-- as well as those that gain it. Global rows are for everyone, audit rows for administrators.
ALTER TABLE sync.change_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY td_read ON sync.change_log FOR SELECT USING (
    is_global
    OR (SELECT sync.is_admin())
    OR left(region_code, 2) = ANY ((SELECT sync.my_regions())::text[])
    OR left(region_code, 4) = ANY ((SELECT sync.my_regions())::text[])
    OR region_code = ANY ((SELECT sync.my_regions())::text[])
    OR left(prev_region_code, 2) = ANY ((SELECT sync.my_regions())::text[])
    OR left(prev_region_code, 4) = ANY ((SELECT sync.my_regions())::text[])
    OR prev_region_code = ANY ((SELECT sync.my_regions())::text[])
    OR queue = ANY ((SELECT sync.my_queues())::text[])
    OR prev_queue = ANY ((SELECT sync.my_queues())::text[])
    OR assignee_id = ANY ((SELECT sync.my_assignees())::uuid[])
    OR prev_assignee_id = ANY ((SELECT sync.my_assignees())::uuid[]));
GRANT SELECT ON sync.change_log TO td_agent, td_clerk, td_supervisor, td_admin;
GRANT SELECT ON sync.synced_table, sync.ticket_transition TO td_agent, td_clerk, td_supervisor, td_admin;

-- Used by `telcodesk-admin server add-agent` (run by a role with CREATEROLE): creates or updates the
-- login role of an agent and makes it a member of exactly one TelcoDesk group. The password arrives as
-- a SCRAM-SHA-256 verifier computed on the administrator's machine (libpq's PQencryptPasswordConn), so
-- the clear password never reaches the server or its logs. Refuses to touch roles that are more than
-- an agent's login (superuser, CREATEROLE, replication, BYPASSRLS) or the group roles themselves.
CREATE OR REPLACE FUNCTION sync.admin_ensure_login(p_login text, p_verifier text, p_group text) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_role pg_catalog.pg_roles;
    v_created boolean := false;
    g text;
BEGIN
    IF p_login IS NULL OR p_login !~ '^[a-z_][a-z0-9_]{0,62}$' OR p_login LIKE 'pg\_%'
       OR p_login IN ('td_agent', 'td_clerk', 'td_supervisor', 'td_admin', 'public') THEN
        RAISE EXCEPTION '"%" cannot be an agent login: use lower-case letters, digits and "_", starting with a letter',
            sync.clip(p_login) USING ERRCODE = 'TD001';
    END IF;
    IF p_group NOT IN ('td_agent', 'td_clerk', 'td_supervisor', 'td_admin') THEN
        RAISE EXCEPTION 'unknown group "%"', sync.clip(p_group) USING ERRCODE = 'TD001';
    END IF;
    IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'the password must arrive as a SCRAM-SHA-256 verifier' USING ERRCODE = 'TD001';
    END IF;
    SELECT * INTO v_role FROM pg_catalog.pg_roles WHERE rolname = p_login;
    IF FOUND THEN
        IF v_role.rolsuper OR v_role.rolcreaterole OR v_role.rolreplication OR v_role.rolbypassrls
           OR v_role.rolcreatedb OR NOT v_role.rolcanlogin THEN
            RAISE EXCEPTION 'the role "%" exists and is not an agent login; choose another login', p_login
                USING ERRCODE = 'TD001';
        END IF;
    ELSE
        IF p_verifier IS NULL THEN
            RAISE EXCEPTION 'a new login needs a password' USING ERRCODE = 'TD001';
        END IF;
        EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
                       p_login);
        v_created := true;
    END IF;
    IF p_verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
    END IF;
    FOREACH g IN ARRAY ARRAY['td_agent', 'td_clerk', 'td_supervisor', 'td_admin'] LOOP
        IF g <> p_group AND pg_has_role(p_login, g, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', g, p_login);
        END IF;
    END LOOP;
    IF NOT pg_has_role(p_login, p_group, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', p_group, p_login);
    END IF;
    RETURN CASE WHEN v_created THEN 'created' ELSE 'updated' END;
END
$$;
REVOKE ALL ON FUNCTION sync.admin_ensure_login(text, text, text) FROM PUBLIC;
