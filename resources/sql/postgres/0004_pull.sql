-- TelcoDesk central database, migration 4: sync.pull, the read half of sync, and change-log pruning.
--
-- sync.pull(cursor text, lim integer) RETURNS json (a document, built as text: cheap for big pages)
--   {"rows": [{"tbl": "customer", "id": "…", "row_version": 123, "row": {…}}, …],
--    "cursor": "…", "more": true|false, "resync": false}
--   row is the row as the caller may see it now, with the columns of the desktop cache (server-only
--   columns are left out; a column the caller may not read in clear, customer.id_number for agents,
--   carries its masked form); row is null when the row has left the caller's scope (or never was in
--   it): the client removes it. Rows come grouped by table, parents first. A client applies a row only
--   when its row_version is newer than the one it holds, and stores the page and the new cursor in one
--   local transaction. It calls again at once while more is true. "resync": true (with a reason,
--   "scope" or "pruned") means: drop the synced data and start again from the empty cursor.
--
-- The cursor. Transactions commit in an order of their own, not in the order of the row versions or
-- transaction ids they drew, so "everything above the largest row_version I have seen" loses rows:
-- T1 takes row_version 10, T2 takes 11 and commits, a pull sees 11, then T1 commits 10 — below the
-- cursor, never delivered. sync.pull pages by the writing transaction's id instead and uses the
-- snapshot horizon as its watermark:
--   H   every change_log entry with xid < H has been delivered to this client;
--   N   the horizon this round of pages will move H to;
--   P   (xid, row_version) of the last entry delivered in this round, when the round has more pages.
-- A call first takes H' = pg_snapshot_xmin(pg_current_snapshot()): every transaction with an id below
-- H' has ended, so its entries (if it committed) are visible to every statement from now on and no
-- entry with such an xid can ever appear later. A new round sets N := H'. The call then reads the
-- visible entries with xid >= H and (xid, row_version) > P in (xid, row_version) order. A full page
-- keeps H and N and sets P to its last entry; a short page ends the round: H := N, no P.
-- Why nothing is skipped: an entry with xid < N was visible to every page of the round, and the pages
-- walked the ordered range from H upwards without a gap, so the round delivered it. An entry with
-- xid >= N may have committed behind P (T1 above: xid below T2's, commit after the page that passed
-- T2); it is still at or above the new H, so the next round reads it. Entries of transactions still
-- running are invisible now and have xid >= H' >= N: the same. Re-reading [N, …) costs a few repeated
-- rows, which the row_version check on the client discards. (The H' of the round's last call is not
-- a safe watermark: an entry committed behind P during the round has xid below it.)
-- A transaction left open for a long time holds H' back, and every round re-reads what was written
-- since it began; idle_in_transaction_session_timeout bounds that.
--
-- Cursor text: 1.H.N.PX.PV.S with S a digest of the caller's scope (sync.my_scope_digest()): when an
-- agent's regions, queues or role change, rows that came into scope carry old versions the client
-- never saw, so a cursor from another scope answers "resync". The empty cursor starts from the
-- beginning of the change log.
--
-- Pruning: sync.prune_change_log(older_than_ms) deletes entries that no longer matter to a first
-- sync — those superseded by a newer entry for the same row, and those of rows deleted long ago —
-- when they are older than the given age and below the horizon. A client whose cursor still lies
-- below the newest pruned entry might miss that a row left its scope; sync.horizon.pruned_below
-- records that point and such a cursor gets "resync" (reason "pruned").

CREATE TABLE IF NOT EXISTS sync.horizon (
    one          boolean PRIMARY KEY DEFAULT true CHECK (one),
    pruned_below xid8 NOT NULL DEFAULT '0',
    pruned_at    bigint
);
INSERT INTO sync.horizon (one) VALUES (true) ON CONFLICT DO NOTHING;
GRANT SELECT ON sync.horizon TO td_agent, td_clerk, td_supervisor, td_admin;

-- The select list of table p_table for the current role, as SQL: every column the desktop cache has
-- that this role may read, the masked form (the generated column <name>_masked) in place of a column
-- it may not.
CREATE OR REPLACE FUNCTION sync.client_columns(p_table text) RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT string_agg(CASE
                          WHEN has_column_privilege(a.attrelid, a.attnum, 'SELECT') THEN 't.' || quote_ident(a.attname)
                          ELSE 't.' || quote_ident(m.attname) || ' AS ' || quote_ident(a.attname)
                      END, ', ' ORDER BY a.attnum)
      FROM pg_catalog.pg_attribute a
      LEFT JOIN pg_catalog.pg_attribute m
             ON m.attrelid = a.attrelid AND m.attname::text = a.attname::text || '_masked' AND NOT m.attisdropped
     WHERE a.attrelid = format('td.%I', p_table)::regclass
       AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname::text NOT IN ('sync_xid', 'scope_region', 'scope_queue', 'scope_assignee')
       AND a.attgenerated = ''
       AND (has_column_privilege(a.attrelid, a.attnum, 'SELECT')
            OR (m.attname IS NOT NULL AND has_column_privilege(m.attrelid, m.attnum, 'SELECT')))
$$;

CREATE OR REPLACE FUNCTION sync.pull(p_cursor text, p_limit integer) RETURNS json
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    -- First, before anything is read: see the header on why the order matters.
    v_horizon_now xid8 := pg_snapshot_xmin(pg_current_snapshot());
    v_limit integer := least(greatest(coalesce(p_limit, 1000), 1), 10000);
    v_scope text := sync.my_scope_digest();
    v_h xid8 := '0';
    v_n xid8;
    v_px xid8;
    v_pv bigint;
    v_parts text[];
    v_pruned xid8;
    v_page sync.change_log[];
    v_count integer;
    v_last sync.change_log;
    v_rows text[] := '{}';
    v_part text;
    v_table text;
    v_next text;
BEGIN
    IF coalesce(p_cursor, '') <> '' THEN
        v_parts := regexp_match(p_cursor,
            '^1\.([0-9]{1,20})\.([0-9]{0,20})\.([0-9]{0,20})\.([0-9]{0,20})\.([0-9a-f]{12})$');
        IF v_parts IS NULL OR (v_parts[3] = '') <> (v_parts[4] = '') OR (v_parts[3] <> '' AND v_parts[2] = '') THEN
            RAISE EXCEPTION 'not a sync cursor: "%"', left(p_cursor, 80) USING ERRCODE = 'TD010',
                HINT = 'Start again from the empty cursor.';
        END IF;
        IF v_parts[5] <> v_scope THEN
            RETURN json_build_object('rows', json_build_array(), 'cursor', '', 'more', false, 'resync', true,
                                     'reason', 'scope');
        END IF;
        v_h := v_parts[1]::xid8;
        SELECT h.pruned_below INTO v_pruned FROM sync.horizon h;
        IF v_h < v_pruned THEN
            RETURN json_build_object('rows', json_build_array(), 'cursor', '', 'more', false, 'resync', true,
                                     'reason', 'pruned');
        END IF;
        IF v_parts[3] <> '' THEN
            v_n := v_parts[2]::xid8;
            v_px := v_parts[3]::xid8;
            v_pv := v_parts[4]::bigint;
        END IF;
    END IF;

    -- Two statements rather than one with "P IS NULL OR ...": the row comparison must reach the index
    -- as a bound, or every page of a first sync would scan the log from its start again.
    IF v_px IS NULL THEN
        v_n := v_horizon_now; -- a new round
        SELECT array_agg(c ORDER BY c.xid, c.row_version), count(*) INTO v_page, v_count
          FROM (SELECT l.* FROM sync.change_log l
                 WHERE l.xid >= v_h
                 ORDER BY l.xid, l.row_version
                 LIMIT v_limit) AS c;
    ELSE
        SELECT array_agg(c ORDER BY c.xid, c.row_version), count(*) INTO v_page, v_count
          FROM (SELECT l.* FROM sync.change_log l
                 WHERE l.xid >= v_h AND (l.xid, l.row_version) > (v_px, v_pv)
                 ORDER BY l.xid, l.row_version
                 LIMIT v_limit) AS c;
    END IF;

    IF v_count > 0 THEN
        v_last := v_page[v_count];
        -- Each table's rows in one statement: the newest entry of each row, joined to the row as this
        -- role sees it (row-level security applies inside the sub-select). Built as json text, which
        -- is several times cheaper than jsonb for a page of thousands of rows.
        FOR v_table IN
            SELECT s.name FROM sync.synced_table s
             WHERE s.name IN (SELECT DISTINCT e.tbl FROM unnest(v_page) e)
             ORDER BY s.load_order
        LOOP
            EXECUTE format(
                'SELECT string_agg(json_build_object(''tbl'', %L, ''id'', l.row_id,
                                                     ''row_version'', coalesce(r.row_version, l.row_version),
                                                     ''row'', CASE WHEN r.id IS NULL THEN NULL ELSE row_to_json(r) END)::text,
                                   '','' ORDER BY l.xid, l.row_version)
                   FROM (SELECT DISTINCT ON (e.row_id) e.row_id, e.xid, e.row_version
                           FROM unnest($1) e WHERE e.tbl = %L
                          ORDER BY e.row_id, e.xid DESC, e.row_version DESC) l
                   LEFT JOIN (SELECT %s FROM td.%I t) r ON r.id = l.row_id',
                v_table, v_table, sync.client_columns(v_table), v_table)
              INTO v_part USING v_page;
            v_rows := v_rows || v_part;
        END LOOP;
    END IF;

    IF v_count = v_limit THEN
        v_next := format('1.%s.%s.%s.%s.%s', v_h, v_n, v_last.xid, v_last.row_version, v_scope);
    ELSE
        v_next := format('1.%s....%s', v_n, v_scope);
    END IF;
    RETURN format('{"rows":[%s],"cursor":%s,"more":%s,"resync":false}',
                  array_to_string(v_rows, ','), to_json(v_next), CASE WHEN v_count = v_limit THEN 'true' ELSE 'false' END)::json;
END
$$;

CREATE OR REPLACE FUNCTION sync.prune_change_log(p_older_than_ms bigint) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
    v_cut bigint := sync.now_ms() - greatest(p_older_than_ms, 0);
    v_table text;
    v_count bigint;
    v_max xid8;
    v_total bigint := 0;
    v_top xid8;
BEGIN
    FOR v_table IN SELECT name FROM sync.synced_table ORDER BY load_order LOOP
        EXECUTE format(
            'WITH gone AS (
                 DELETE FROM sync.change_log l USING td.%I r
                  WHERE l.tbl = %L AND l.row_id = r.id AND l.xid < $1 AND l.logged_at < $2
                    AND (l.row_version < r.row_version OR (r.deleted_at IS NOT NULL AND r.deleted_at < $2))
                 RETURNING l.xid)
             SELECT count(*), max(xid) FROM gone', v_table, v_table)
          INTO v_count, v_max USING v_horizon, v_cut;
        v_total := v_total + v_count;
        IF v_max IS NOT NULL AND (v_top IS NULL OR v_max > v_top) THEN
            v_top := v_max;
        END IF;
    END LOOP;
    IF v_top IS NOT NULL THEN
        UPDATE sync.horizon
           SET pruned_below = greatest(pruned_below, (v_top::text::numeric + 1)::text::xid8), pruned_at = sync.now_ms();
    END IF;
    RETURN jsonb_build_object('deleted', v_total, 'pruned_below', (SELECT pruned_below::text FROM sync.horizon));
END
$$;

REVOKE ALL ON FUNCTION sync.client_columns(text), sync.pull(text, integer), sync.prune_change_log(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sync.client_columns(text), sync.pull(text, integer)
    TO td_agent, td_clerk, td_supervisor, td_admin;
-- prune_change_log is for the database owner (a maintenance job), not for desktop logins.
