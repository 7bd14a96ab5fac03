-- TelcoDesk central database, migration 5: sync.apply_batch, the write half of sync.
--
-- sync.apply_batch(client_id uuid, mutations jsonb) RETURNS jsonb
--   mutations: [{"seq": 12, "entity": "ticket", "entity_id": "…", "op": "insert|update|delete",
--                "payload": {"set": {…}, "base": {…}}, "base_version": 41}, …]
--     the outbox rows of one desktop (models/store/ChangeWriter.h), oldest first; payload may also be
--     the outbox's JSON text as a JSON string. seq is the desktop's increasing mutation number.
--   answer: {"last_seq": 12, "results": [{"seq": 12, "status": "applied", "row_version": 987}, …]}
--     status applied    the change took effect (row_version: the row's version after it)
--            duplicate  seq was applied before (it is at or below sync.client.last_seq), or an
--                       append-only row with this id exists, or a delete found a tombstone
--            conflict   the fields that could merge took effect; the others are in sync.conflict
--            rejected   nothing took effect, for good; reason and code say why, sync.rejection keeps it
--     code   invalid | permission | constraint | workflow | not_found | read_only | append_only | error
--
-- Exactly once: the client's last_seq is read under a row lock and advanced in the same transaction
-- as the writes, so a batch sent again after a lost answer finds every seq at or below last_seq and
-- changes nothing. Each mutation runs in a block of its own (a subtransaction): a permanent rejection
-- rolls back that mutation alone and is recorded, and the mutations behind it still apply. Errors
-- that are not about the mutation (serialization failure, deadlock, lock timeout, lack of resources,
-- shutdown) are not caught: the whole batch fails, nothing changes, and the client sends it again.
--
-- Conflict policy (sync.synced_table.policy):
--   append_only (interaction, ticket_event, audit_log): inserts only; an existing id is a duplicate.
--   merge (ticket and the other client-edited tables): per field — the server value still equals the
--     mutation's base: take the new value; it already equals the new value: nothing to do; otherwise a
--     sync.conflict row (base, mine, theirs) for a person to resolve, and the field is left as it is.
--     Without a base value for a field, base_version equal to the row's row_version stands in for it.
--   lww (customer): the new value wins per field, in server commit order (the row lock orders
--     writers), except identity_fields (primary_msisdn, id_type, id_number, address), merged as above.
--   read_only (plan, offer, region, usage_month, bill): rejected.
--   A ticket's status also follows sync.ticket_transition (a "workflow" rejection otherwise).
--
-- SECURITY INVOKER: the caller's privileges and row-level security apply to every read and write;
-- nothing here widens what a login may do with plain SQL. Values are bound, never spliced: they are
-- checked against the column's type, then converted by jsonb_populate_record. The only SQL text built
-- at run time holds table and column names taken from sync.synced_table and pg_attribute, quoted with
-- format('%I') / quote_ident.

CREATE TABLE IF NOT EXISTS sync.client (
    client_id    uuid PRIMARY KEY,
    owner        text NOT NULL DEFAULT session_user,
    last_seq     bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    created_at   bigint NOT NULL DEFAULT sync.now_ms(),
    last_seen_at bigint
);

CREATE TABLE IF NOT EXISTS sync.rejection (
    id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    client_id uuid NOT NULL REFERENCES sync.client (client_id),
    seq       bigint NOT NULL,
    entity    text,
    entity_id text,
    op        text,
    code      text NOT NULL,
    reason    text NOT NULL,
    at        bigint NOT NULL DEFAULT sync.now_ms(),
    UNIQUE (client_id, seq)
);

CREATE TABLE IF NOT EXISTS sync.conflict (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    client_id   uuid NOT NULL REFERENCES sync.client (client_id),
    seq         bigint NOT NULL,
    entity      text NOT NULL,
    entity_id   uuid NOT NULL,
    field       text NOT NULL,
    base_value  jsonb,
    mine        jsonb,
    theirs      jsonb,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    created_at  bigint NOT NULL DEFAULT sync.now_ms(),
    resolved_at bigint
);
CREATE INDEX IF NOT EXISTS conflict_open ON sync.conflict (client_id) WHERE status = 'open';

-- Each login sees and writes only its own clients and what was recorded for them.
ALTER TABLE sync.client ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync.rejection ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync.conflict ENABLE ROW LEVEL SECURITY;
CREATE POLICY td_own ON sync.client
    USING (owner = session_user OR (SELECT sync.is_admin())) WITH CHECK (owner = session_user);
CREATE POLICY td_own ON sync.rejection
    USING (client_id IN (SELECT c.client_id FROM sync.client c)) WITH CHECK (client_id IN (SELECT c.client_id FROM sync.client c WHERE c.owner = session_user));
CREATE POLICY td_own ON sync.conflict
    USING (client_id IN (SELECT c.client_id FROM sync.client c)) WITH CHECK (client_id IN (SELECT c.client_id FROM sync.client c WHERE c.owner = session_user));
GRANT SELECT, INSERT ON sync.client, sync.rejection, sync.conflict TO td_agent, td_clerk, td_supervisor, td_admin;
GRANT UPDATE (last_seq, last_seen_at) ON sync.client TO td_agent, td_clerk, td_supervisor, td_admin;
GRANT UPDATE (status, resolved_at) ON sync.conflict TO td_agent, td_clerk, td_supervisor, td_admin;

-- Columns only the server writes (generated columns, such as customer.id_number_masked, besides).
CREATE OR REPLACE FUNCTION sync.is_server_column(p_column text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN p_column IN ('row_version', 'updated_at', 'deleted_at', 'sync_xid') OR p_column LIKE 'scope\_%';

-- Longest text a client may store in one field, in characters (as ChangeWriter::kMaxFieldChars).
CREATE OR REPLACE FUNCTION sync.max_field_chars() RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN 65536;

-- Checks a payload object against the table: known, client-writable fields only, each value of the
-- column's JSON type and within its limits. Raises TD001 with a reason a person can act on.
CREATE OR REPLACE FUNCTION sync.check_fields(p_table text, p_fields jsonb, p_part text) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    f record;
    v_kind text;
BEGIN
    IF p_fields IS NULL OR jsonb_typeof(p_fields) = 'null' THEN
        RETURN;
    END IF;
    IF jsonb_typeof(p_fields) <> 'object' THEN
        RAISE EXCEPTION 'payload "%" must be a JSON object, not %', p_part, jsonb_typeof(p_fields)
            USING ERRCODE = 'TD001';
    END IF;
    FOR f IN
        SELECT k.key, k.value, a.attname IS NOT NULL AS known, a.atttypid::regtype::text AS type, a.attgenerated
          FROM jsonb_each(p_fields) k
          LEFT JOIN pg_catalog.pg_attribute a
                 ON a.attrelid = format('td.%I', p_table)::regclass AND a.attname::text = k.key
                AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY k.key
    LOOP
        IF NOT f.known OR f.key = 'id' THEN
            RAISE EXCEPTION 'unknown field "%" in %', sync.clip(f.key), p_table USING ERRCODE = 'TD001';
        END IF;
        IF sync.is_server_column(f.key) OR f.attgenerated <> '' THEN
            RAISE EXCEPTION 'the field "%" is set by the server only', f.key USING ERRCODE = 'TD001';
        END IF;
        v_kind := jsonb_typeof(f.value);
        CONTINUE WHEN v_kind = 'null';
        CASE
            WHEN f.type = 'text' THEN
                IF v_kind <> 'string' THEN
                    RAISE EXCEPTION 'the field "%" must be text, not %', f.key, v_kind USING ERRCODE = 'TD001';
                END IF;
                IF char_length(f.value #>> '{}') > sync.max_field_chars() THEN
                    RAISE EXCEPTION 'the field "%" is too long (% characters; at most %)',
                        f.key, char_length(f.value #>> '{}'), sync.max_field_chars() USING ERRCODE = 'TD001';
                END IF;
            WHEN f.type IN ('bigint', 'integer', 'smallint') THEN
                IF v_kind <> 'number' OR f.value::numeric <> trunc(f.value::numeric) THEN
                    RAISE EXCEPTION 'the field "%" must be a whole number, not %', f.key, sync.clip(f.value::text)
                        USING ERRCODE = 'TD001';
                END IF;
            WHEN f.type = 'double precision' THEN
                IF v_kind <> 'number' THEN
                    RAISE EXCEPTION 'the field "%" must be a number, not %', f.key, v_kind USING ERRCODE = 'TD001';
                END IF;
            WHEN f.type = 'date' THEN
                IF v_kind <> 'string' OR (f.value #>> '{}') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
                    RAISE EXCEPTION 'the field "%" must be a date written YYYY-MM-DD, not %', f.key, sync.clip(f.value::text)
                        USING ERRCODE = 'TD001';
                END IF;
            WHEN f.type = 'uuid' THEN
                IF v_kind <> 'string'
                   OR (f.value #>> '{}') !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN
                    RAISE EXCEPTION 'the field "%" must be a record id (UUID), not %', f.key, sync.clip(f.value::text)
                        USING ERRCODE = 'TD001';
                END IF;
            ELSE
                RAISE EXCEPTION 'the field "%" (%) cannot be written through sync', f.key, f.type USING ERRCODE = 'TD001';
        END CASE;
    END LOOP;
END
$$;

-- One mutation. Raises on a rejection (the caller's block turns it into one); returns
-- {"status": applied|duplicate|conflict, "reason"?, "row_version"?} otherwise.
CREATE OR REPLACE FUNCTION sync.apply_mutation(p_client_id uuid, p_seq bigint, p_mutation jsonb) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_entity text := p_mutation ->> 'entity';
    v_op text := p_mutation ->> 'op';
    v_id_text text := p_mutation ->> 'entity_id';
    v_payload jsonb := p_mutation -> 'payload';
    v_table sync.synced_table;
    v_id uuid;
    v_set jsonb;
    v_base jsonb;
    v_base_version bigint;
    v_columns text;
    v_current jsonb;
    v_new jsonb;
    v_base_norm jsonb;
    v_apply jsonb := '{}';
    v_conflicts text[] := '{}';
    v_field text;
    v_mine jsonb;
    v_theirs jsonb;
    v_merge boolean;
    v_take boolean;
    v_rv bigint;
    v_deleted bigint;
BEGIN
    IF jsonb_typeof(p_mutation -> 'entity') IS DISTINCT FROM 'string' THEN
        RAISE EXCEPTION 'the mutation names no entity' USING ERRCODE = 'TD001';
    END IF;
    SELECT * INTO v_table FROM sync.synced_table WHERE name = v_entity;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown entity "%"', sync.clip(v_entity) USING ERRCODE = 'TD001';
    END IF;
    IF v_table.policy = 'read_only' THEN
        RAISE EXCEPTION '% is read-only for clients', v_entity USING ERRCODE = 'TD002';
    END IF;
    IF v_op IS NULL OR v_op NOT IN ('insert', 'update', 'delete') THEN
        RAISE EXCEPTION 'unknown operation "%": insert, update or delete', sync.clip(v_op) USING ERRCODE = 'TD001';
    END IF;
    IF v_id_text IS NULL OR v_id_text !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN
        RAISE EXCEPTION 'entity_id "%" is not a record id (UUID)', sync.clip(v_id_text) USING ERRCODE = 'TD001';
    END IF;
    v_id := v_id_text::uuid;

    -- The outbox keeps its payload as JSON text; accept it as such.
    IF jsonb_typeof(v_payload) = 'string' THEN
        BEGIN
            v_payload := (v_payload #>> '{}')::jsonb;
        EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
            RAISE EXCEPTION 'the payload is not valid JSON' USING ERRCODE = 'TD001';
        END;
    END IF;
    IF v_payload IS NULL OR jsonb_typeof(v_payload) = 'null' THEN
        v_payload := '{}';
    ELSIF jsonb_typeof(v_payload) <> 'object' THEN
        RAISE EXCEPTION 'the payload must be a JSON object' USING ERRCODE = 'TD001';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_object_keys(v_payload) k WHERE k NOT IN ('set', 'base')) THEN
        RAISE EXCEPTION 'the payload may hold "set" and "base" only' USING ERRCODE = 'TD001';
    END IF;
    v_set := coalesce(nullif(v_payload -> 'set', 'null'), '{}');
    v_base := nullif(v_payload -> 'base', 'null');
    PERFORM sync.check_fields(v_entity, v_set, 'set');
    PERFORM sync.check_fields(v_entity, v_base, 'base');
    IF p_mutation ? 'base_version' AND jsonb_typeof(p_mutation -> 'base_version') <> 'null' THEN
        IF jsonb_typeof(p_mutation -> 'base_version') <> 'number'
           OR (p_mutation -> 'base_version')::numeric <> trunc((p_mutation -> 'base_version')::numeric) THEN
            RAISE EXCEPTION 'base_version must be a whole number' USING ERRCODE = 'TD001';
        END IF;
        v_base_version := (p_mutation -> 'base_version')::numeric::bigint;
    END IF;

    IF v_op = 'insert' THEN
        -- Named here rather than left to NOT NULL: row-level security would refuse the row first, for a
        -- reason that does not help the person who wrote it.
        SELECT min(a.attname::text) INTO v_field
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('td.%I', v_entity)::regclass AND a.attnum > 0 AND NOT a.attisdropped
           AND a.attnotnull AND NOT a.atthasdef AND a.attgenerated = '' AND a.attname <> 'id'
           AND NOT sync.is_server_column(a.attname::text)
           AND coalesce(jsonb_typeof(v_set -> a.attname::text), 'null') = 'null';
        IF v_field IS NOT NULL THEN
            RAISE EXCEPTION 'the field "%" needs a value', v_field USING ERRCODE = 'TD001';
        END IF;
        SELECT string_agg(quote_ident(k), ', ' ORDER BY k) INTO v_columns FROM jsonb_object_keys(v_set) k;
        v_columns := 'id' || coalesce(', ' || v_columns, '');
        EXECUTE format('INSERT INTO td.%I AS t (%s) SELECT %s FROM jsonb_populate_record(NULL::td.%I, $1) %s RETURNING t.row_version',
                       v_entity, v_columns, v_columns, v_entity,
                       CASE WHEN v_table.policy = 'append_only' THEN 'ON CONFLICT (id) DO NOTHING' ELSE '' END)
           INTO v_rv USING v_set || jsonb_build_object('id', v_id);
        IF v_rv IS NULL THEN
            RETURN jsonb_build_object('status', 'duplicate', 'reason', format('%s %s exists already', v_entity, v_id));
        END IF;
        RETURN jsonb_build_object('status', 'applied', 'row_version', v_rv);
    END IF;

    IF v_table.policy = 'append_only' THEN
        RAISE EXCEPTION '% is append-only: records are added, never changed or deleted', v_entity
            USING ERRCODE = 'TD005';
    END IF;

    IF v_op = 'delete' THEN
        EXECUTE format('UPDATE td.%I t SET deleted_at = 0 WHERE t.id = $1 AND t.deleted_at IS NULL RETURNING t.row_version',
                       v_entity)
           INTO v_rv USING v_id;
        IF v_rv IS NOT NULL THEN
            RETURN jsonb_build_object('status', 'applied', 'row_version', v_rv);
        END IF;
        EXECUTE format('SELECT t.deleted_at FROM td.%I t WHERE t.id = $1', v_entity) INTO v_deleted USING v_id;
        IF v_deleted IS NOT NULL THEN
            RETURN jsonb_build_object('status', 'duplicate', 'reason', format('%s %s was deleted already', v_entity, v_id));
        END IF;
        RAISE EXCEPTION 'no % with id % in your scope', v_entity, v_id USING ERRCODE = 'TD004';
    END IF;

    -- Update: lock the row, compare field by field.
    SELECT string_agg('t.' || quote_ident(k), ', ' ORDER BY k) INTO v_columns FROM jsonb_object_keys(v_set) k;
    EXECUTE format('SELECT to_jsonb(x) FROM (SELECT t.row_version, t.deleted_at%s FROM td.%I t WHERE t.id = $1 FOR UPDATE) x',
                   coalesce(', ' || v_columns, ''), v_entity)
       INTO v_current USING v_id;
    IF v_current IS NULL THEN
        RAISE EXCEPTION 'no % with id % in your scope', v_entity, v_id USING ERRCODE = 'TD004';
    END IF;
    IF jsonb_typeof(v_current -> 'deleted_at') <> 'null' THEN
        RAISE EXCEPTION 'the % record % was deleted', v_entity, v_id USING ERRCODE = 'TD004';
    END IF;
    -- The same conversion for all three sides, so that 5 and 5.0 or two spellings of a date compare equal.
    EXECUTE format('SELECT to_jsonb(jsonb_populate_record(NULL::td.%I, $1)), to_jsonb(jsonb_populate_record(NULL::td.%I, $2))',
                   v_entity, v_entity)
       INTO v_new, v_base_norm USING v_set, coalesce(v_base, '{}');

    FOR v_field IN SELECT k FROM jsonb_object_keys(v_set) k ORDER BY k LOOP
        v_mine := v_new -> v_field;
        v_theirs := v_current -> v_field;
        CONTINUE WHEN v_mine = v_theirs;
        v_merge := v_table.policy = 'merge' OR v_field = ANY (v_table.identity_fields);
        IF NOT v_merge THEN
            v_take := true;
        ELSIF v_base ? v_field THEN
            v_take := v_base_norm -> v_field = v_theirs;
        ELSE
            v_take := v_base_version IS NOT NULL AND v_base_version = (v_current ->> 'row_version')::bigint;
        END IF;
        IF v_take THEN
            v_apply := v_apply || jsonb_build_object(v_field, v_mine);
        ELSE
            v_conflicts := v_conflicts || v_field;
            INSERT INTO sync.conflict (client_id, seq, entity, entity_id, field, base_value, mine, theirs)
            VALUES (p_client_id, p_seq, v_entity, v_id, v_field,
                    CASE WHEN v_base ? v_field THEN v_base_norm -> v_field END, v_mine, v_theirs);
        END IF;
    END LOOP;

    IF v_apply <> '{}' THEN
        SELECT string_agg(quote_ident(k), ', ' ORDER BY k) INTO v_columns FROM jsonb_object_keys(v_apply) k;
        EXECUTE format('UPDATE td.%I t SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::td.%I, $1)) WHERE t.id = $2
                        RETURNING t.row_version', v_entity, v_columns, v_columns, v_entity)
           INTO v_rv USING v_apply, v_id;
        IF v_rv IS NULL THEN
            RAISE EXCEPTION 'no % with id % in your scope', v_entity, v_id USING ERRCODE = 'TD004';
        END IF;
    ELSE
        v_rv := (v_current ->> 'row_version')::bigint;
    END IF;

    IF cardinality(v_conflicts) > 0 THEN
        RETURN jsonb_build_object('status', 'conflict', 'row_version', v_rv,
                                  'reason', format('changed on the server too: %s', array_to_string(v_conflicts, ', ')));
    END IF;
    RETURN jsonb_build_object('status', 'applied', 'row_version', v_rv);
END
$$;

CREATE OR REPLACE FUNCTION sync.apply_batch(p_client_id uuid, p_mutations jsonb) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_last bigint;
    v_owner text;
    v_mutation jsonb;
    v_index integer := 0;
    v_seq bigint;
    v_result jsonb;
    v_results jsonb := '[]';
    v_state text;
    v_message text;
    v_detail text;
    v_column text;
    v_code text;
    v_reason text;
BEGIN
    IF p_client_id IS NULL THEN
        RAISE EXCEPTION 'apply_batch needs a client id' USING ERRCODE = 'TD011';
    END IF;
    IF jsonb_typeof(p_mutations) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'mutations must be a JSON array' USING ERRCODE = 'TD011';
    END IF;
    IF jsonb_array_length(p_mutations) > 10000 THEN
        RAISE EXCEPTION 'at most 10000 mutations per batch, not %', jsonb_array_length(p_mutations)
            USING ERRCODE = 'TD011';
    END IF;

    INSERT INTO sync.client (client_id, owner) VALUES (p_client_id, session_user) ON CONFLICT (client_id) DO NOTHING;
    SELECT c.owner, c.last_seq INTO v_owner, v_last FROM sync.client c WHERE c.client_id = p_client_id FOR UPDATE;
    IF NOT FOUND OR v_owner <> session_user THEN
        RAISE EXCEPTION 'the client id % belongs to another login', p_client_id USING ERRCODE = 'TD011';
    END IF;

    FOR v_mutation IN SELECT value FROM jsonb_array_elements(p_mutations) LOOP
        v_index := v_index + 1;
        IF jsonb_typeof(v_mutation) IS DISTINCT FROM 'object'
           OR jsonb_typeof(v_mutation -> 'seq') IS DISTINCT FROM 'number'
           OR (v_mutation -> 'seq')::numeric <> trunc((v_mutation -> 'seq')::numeric)
           OR (v_mutation -> 'seq')::numeric NOT BETWEEN 1 AND 9223372036854775807 THEN
            RAISE EXCEPTION 'mutation % of the batch has no valid seq (a whole number from 1)', v_index
                USING ERRCODE = 'TD011';
        END IF;
        v_seq := (v_mutation -> 'seq')::numeric::bigint;
        IF v_seq <= v_last THEN
            v_results := v_results || jsonb_build_object('seq', v_seq, 'status', 'duplicate');
            CONTINUE;
        END IF;
        BEGIN
            v_result := sync.apply_mutation(p_client_id, v_seq, v_mutation);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL,
                                    v_column = COLUMN_NAME;
            -- Not the mutation's fault (connection, serialization, deadlock, resources, locks, shutdown,
            -- internal): let the whole batch fail and be sent again.
            IF left(v_state, 2) IN ('08', '40', '53', '55', '57', '58', 'XX') THEN
                RAISE;
            END IF;
            v_code := CASE
                WHEN v_state = 'TD001' THEN 'invalid'
                WHEN v_state = 'TD002' THEN 'read_only'
                WHEN v_state = 'TD003' THEN 'workflow'
                WHEN v_state = 'TD004' THEN 'not_found'
                WHEN v_state = 'TD005' THEN 'append_only'
                WHEN v_state = '42501' THEN 'permission'
                WHEN left(v_state, 2) = '23' THEN 'constraint'
                WHEN left(v_state, 2) = '22' THEN 'invalid'
                ELSE 'error'
            END;
            -- A detail of "Failing row contains (...)" would copy the whole row, personal data and all,
            -- into a record that is kept and shown: only the key of a key violation is passed on.
            v_reason := CASE
                WHEN v_state = '23502' AND coalesce(v_column, '') <> '' THEN format('the field "%s" needs a value', v_column)
                WHEN coalesce(v_detail, '') LIKE 'Key (%' THEN v_message || ' (' || v_detail || ')'
                ELSE v_message
            END;
            v_reason := left(v_reason, 500);
            INSERT INTO sync.rejection (client_id, seq, entity, entity_id, op, code, reason)
            VALUES (p_client_id, v_seq, sync.clip(v_mutation ->> 'entity'), sync.clip(v_mutation ->> 'entity_id'),
                    sync.clip(v_mutation ->> 'op'), v_code, v_reason);
            v_result := jsonb_build_object('status', 'rejected', 'code', v_code, 'reason', v_reason);
        END;
        v_results := v_results || (jsonb_build_object('seq', v_seq) || v_result);
        v_last := v_seq;
    END LOOP;

    UPDATE sync.client SET last_seq = v_last, last_seen_at = sync.now_ms() WHERE client_id = p_client_id;
    RETURN jsonb_build_object('last_seq', v_last, 'results', v_results);
END
$$;

-- The agent has decided (the desktop sends the chosen value as a new mutation); the conflict is done.
CREATE OR REPLACE FUNCTION sync.resolve_conflict(p_conflict_id uuid) RETURNS boolean
    LANGUAGE sql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
    UPDATE sync.conflict SET status = 'resolved', resolved_at = sync.now_ms()
     WHERE id = p_conflict_id AND status = 'open'
    RETURNING true
$$;

REVOKE ALL ON FUNCTION sync.clip(text), sync.is_server_column(text), sync.max_field_chars(),
    sync.check_fields(text, jsonb, text), sync.apply_mutation(uuid, bigint, jsonb), sync.apply_batch(uuid, jsonb),
    sync.resolve_conflict(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sync.clip(text), sync.is_server_column(text), sync.max_field_chars(),
    sync.check_fields(text, jsonb, text), sync.apply_mutation(uuid, bigint, jsonb), sync.apply_batch(uuid, jsonb),
    sync.resolve_conflict(uuid) TO td_agent, td_clerk, td_supervisor, td_admin;
