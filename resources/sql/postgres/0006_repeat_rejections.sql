-- TelcoDesk central schema, migration 6: repairs found by the desktop's sync engine.
--
-- 1. apply_batch answers a resent mutation that it refused before with the same rejection (code and
--    reason from sync.rejection) instead of "duplicate": a desktop whose first answer was lost would
--    otherwise record a refused change as applied and the agent would never see why it did not stick.
-- 2. Every TelcoDesk login may read sync.schema_migrations, so that a desktop can check the server's
--    schema version before it syncs.

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
            -- Sent before. A mutation refused then is refused again, with the recorded reason: if the
            -- first answer was lost, a plain "duplicate" would make the desktop take it as applied.
            SELECT r.code, r.reason INTO v_code, v_reason
              FROM sync.rejection r WHERE r.client_id = p_client_id AND r.seq = v_seq;
            IF FOUND THEN
                v_results := v_results || jsonb_build_object('seq', v_seq, 'status', 'rejected', 'code', v_code,
                                                             'reason', v_reason, 'repeated', true);
            ELSE
                v_results := v_results || jsonb_build_object('seq', v_seq, 'status', 'duplicate');
            END IF;
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

GRANT SELECT ON sync.schema_migrations TO td_agent, td_clerk, td_supervisor, td_admin;
