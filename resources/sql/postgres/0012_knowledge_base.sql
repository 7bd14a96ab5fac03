-- TelcoDesk central database, migration 12: the knowledge base (issue 5).
--
-- The tables of the desktop cache's migration 11 (resources/sql/sqlite/0011_knowledge_base.sql), typed for
-- PostgreSQL:
--   kb_category         read-only global catalog (a tree by parent_code), set up by
--                       sync.register_global_catalog (0007), with the cache's default rows and ids;
--   kb_article          (0001) gains author_id, reviewer_id, created_at, published_at, change_note,
--                       review_note, revision_of, all client-writable. Row-level security: agents and
--                       clerks read published articles only, supervisors and admins everything; only
--                       supervisors and admins write (0003 grants td_supervisor and td_admin), and
--                       sync.check_kb_article holds the editorial workflow (below);
--   kb_article_version  append-only, global: a snapshot of each published version; supervisors and
--                       admins insert, everyone reads;
--   kb_feedback         append-only, global: views and "helpful?" votes; every role inserts, but only in
--                       its own name (agent_id = sync.my_agent_id(); admins any); everyone reads. Desktops
--                       derive the ids of votes from (article, agent, version) and of views from
--                       (article, agent, Beijing day), so the same vote from two desktops is one row
--                       and the second is answered "duplicate";
--   ticket_kb_link      merge, scoped by its ticket exactly like ticket_event (scope columns derived from
--                       the ticket, moved with it); agents, clerks and supervisors insert and update
--                       (unlinking is a tombstone), admins too.
--
-- Pull and drafts. sync.pull hands out a change-log entry to whoever may read the entry and joins the row
-- as the caller may read it now: a row the caller cannot read goes out as "row": null, "delete it". Were
-- kb_article's entries global like the other global tables', every agent would be sent a null for every
-- draft and review, and would learn each draft's id. Its entries are therefore global only when the
-- row is or was published in that write (published, or published -> retired); the others are read by
-- supervisors (a policy on sync.change_log below) and admins (0003). So an agent receives an article when
-- it is published, each published change, and a null when it is retired; never a draft.
--
-- The editorial workflow (sync.check_kb_article, BEFORE INSERT OR UPDATE on kb_article), for writers with
-- an agent role (server tooling without one, such as `server load`, passes):
--   agents and clerks write no articles                                            -> 42501 "permission"
--   a new article is a draft written in its author's own name (admins: any author)
--   status moves only draft -> in_review, in_review -> draft, in_review -> published,
--   published -> retired; a revision (revision_of set) is never published itself:
--   its content is approved into its article                                       -> TD003 "workflow"
--   publishing needs a reviewer; a supervisor publishes only as the reviewer itself, and
--   never what it wrote (the draft's author, or for a revision approved into a published
--   article, the revision's author); an admin may review its own                  -> 42501 "permission"
--   a published article's content (title, body, category, tags, language) or version changes
--   only together: version + 1 with a reviewer, as above                            -> TD003 / 42501
--   a retired article's content and status no longer change                         -> TD003 "workflow"
--   the author of an article does not change (admins excepted)                      -> 42501 "permission"
-- sync.apply_batch (0005/0006) records TD003 as a rejection with code "workflow" and 42501 with code
-- "permission", like the ticket workflow (0008) and assignment (0011) checks.
--
-- Idempotent: a second run changes nothing.

CREATE TABLE IF NOT EXISTS td.kb_category (
    id             uuid PRIMARY KEY,
    code           text NOT NULL UNIQUE,
    parent_code    text,
    name_zh        text NOT NULL,
    name_en        text NOT NULL,
    ordinal        integer NOT NULL DEFAULT 0,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

ALTER TABLE td.kb_article
    ADD COLUMN IF NOT EXISTS author_id    uuid,
    ADD COLUMN IF NOT EXISTS reviewer_id  uuid,
    ADD COLUMN IF NOT EXISTS created_at   bigint,
    ADD COLUMN IF NOT EXISTS published_at bigint,
    ADD COLUMN IF NOT EXISTS change_note  text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS review_note  text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS revision_of  uuid;
CREATE INDEX IF NOT EXISTS kb_article_revision ON td.kb_article (revision_of) WHERE revision_of IS NOT NULL;

CREATE TABLE IF NOT EXISTS td.kb_article_version (
    id             uuid PRIMARY KEY,
    article_id     uuid NOT NULL REFERENCES td.kb_article (id),
    version        integer NOT NULL CHECK (version >= 1),
    title          text NOT NULL,
    body           text NOT NULL,
    category       text NOT NULL,
    tags           text NOT NULL DEFAULT '',
    change_note    text NOT NULL DEFAULT '',
    author_id      uuid,
    reviewer_id    uuid,
    published_at   bigint NOT NULL,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);
CREATE INDEX IF NOT EXISTS kb_article_version_article ON td.kb_article_version (article_id, version);

CREATE TABLE IF NOT EXISTS td.kb_feedback (
    id             uuid PRIMARY KEY,
    article_id     uuid NOT NULL REFERENCES td.kb_article (id),
    agent_id       uuid,
    kind           text NOT NULL CHECK (kind IN ('view', 'helpful', 'not_helpful')),
    version        integer,
    at             bigint NOT NULL,
    ticket_id      uuid,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);
CREATE INDEX IF NOT EXISTS kb_feedback_article ON td.kb_feedback (article_id, agent_id);

CREATE TABLE IF NOT EXISTS td.ticket_kb_link (
    id             uuid PRIMARY KEY,
    ticket_id      uuid NOT NULL REFERENCES td.ticket (id),
    article_id     uuid NOT NULL REFERENCES td.kb_article (id),
    agent_id       uuid,
    linked_at      bigint NOT NULL,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);
CREATE INDEX IF NOT EXISTS ticket_kb_link_ticket ON td.ticket_kb_link (ticket_id);
CREATE INDEX IF NOT EXISTS ticket_kb_link_article ON td.ticket_kb_link (article_id);

-- The categories before the articles (50), the history and feedback right after them; the links after the
-- ticket's other children (ticket_event 120, escalations 121, 122).
INSERT INTO sync.synced_table (name, policy, scope, identity_fields, load_order) VALUES
    ('kb_category',        'read_only',   'global', '{}', 45),
    ('kb_article_version', 'append_only', 'global', '{}', 51),
    ('kb_feedback',        'append_only', 'global', '{}', 52),
    ('ticket_kb_link',     'merge',       'ticket', '{}', 123)
ON CONFLICT (name) DO UPDATE
    SET policy = excluded.policy, scope = excluded.scope, identity_fields = excluded.identity_fields,
        load_order = excluded.load_order;

-- Change tracking, no deletes, SELECT for every group and INSERT/UPDATE for td_admin: what a global
-- catalog gets is what the two global append-only tables need as well; their inserts are granted below.
SELECT sync.register_global_catalog(t) FROM unnest(ARRAY['kb_category', 'kb_article_version', 'kb_feedback']) AS t;
GRANT INSERT ON td.kb_article_version TO td_supervisor;
GRANT INSERT ON td.kb_feedback TO td_agent, td_clerk, td_supervisor;

-- Feedback in one's own name only. Row-level security rather than a trigger: a refused row is SQLSTATE
-- 42501, "permission" to apply_batch.
ALTER TABLE td.kb_feedback ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS td_read ON td.kb_feedback;
DROP POLICY IF EXISTS td_insert ON td.kb_feedback;
CREATE POLICY td_read ON td.kb_feedback FOR SELECT USING (true);
CREATE POLICY td_insert ON td.kb_feedback FOR INSERT
    WITH CHECK ((SELECT sync.is_admin()) OR agent_id = (SELECT sync.my_agent_id()));

-- ticket_kb_link: what 0002 and 0003 do for ticket_event (0009 did the same for the escalations).
DO $$
DECLARE
    visible text := '(SELECT sync.is_admin())
        OR left(scope_region, 2) = ANY ((SELECT sync.my_regions())::text[])
        OR left(scope_region, 4) = ANY ((SELECT sync.my_regions())::text[])
        OR scope_region = ANY ((SELECT sync.my_regions())::text[])
        OR scope_queue = ANY ((SELECT sync.my_queues())::text[])
        OR scope_assignee = ANY ((SELECT sync.my_assignees())::uuid[])';
BEGIN
    EXECUTE format('CREATE OR REPLACE TRIGGER td_stamp BEFORE INSERT OR UPDATE ON td.ticket_kb_link
                        FOR EACH ROW EXECUTE FUNCTION sync.stamp_row(%L)', 'ticket');
    EXECUTE format('CREATE OR REPLACE TRIGGER td_log_insert AFTER INSERT ON td.ticket_kb_link
                        REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION sync.log_insert(%L)', 'ticket');
    EXECUTE format('CREATE OR REPLACE TRIGGER td_log_update AFTER UPDATE ON td.ticket_kb_link
                        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION sync.log_update(%L)', 'ticket');
    CREATE OR REPLACE TRIGGER td_no_delete BEFORE DELETE ON td.ticket_kb_link
        FOR EACH ROW EXECUTE FUNCTION sync.refuse_delete();
    CREATE OR REPLACE TRIGGER td_no_truncate BEFORE TRUNCATE ON td.ticket_kb_link
        FOR EACH STATEMENT EXECUTE FUNCTION sync.refuse_delete();
    GRANT SELECT ON td.ticket_kb_link TO td_agent, td_clerk, td_supervisor, td_admin;
    GRANT INSERT, UPDATE ON td.ticket_kb_link TO td_agent, td_clerk, td_supervisor, td_admin;
    ALTER TABLE td.ticket_kb_link ENABLE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS td_read ON td.ticket_kb_link;
    DROP POLICY IF EXISTS td_insert ON td.ticket_kb_link;
    DROP POLICY IF EXISTS td_update ON td.ticket_kb_link;
    EXECUTE format('CREATE POLICY td_read ON td.ticket_kb_link FOR SELECT USING (%s)', visible);
    EXECUTE format('CREATE POLICY td_insert ON td.ticket_kb_link FOR INSERT WITH CHECK (%s)', visible);
    EXECUTE format('CREATE POLICY td_update ON td.ticket_kb_link FOR UPDATE USING (%s) WITH CHECK (%s)', visible, visible);
END
$$;

-- sync.cascade_scope (0002) moves a ticket's events when the ticket moves; this moves its article links
-- the same way. Their own td_stamp re-derives the scope from the ticket and logs the old one, so clients
-- that lose the ticket lose its links too.
CREATE OR REPLACE FUNCTION sync.cascade_kb_link_scope() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE td.ticket_kb_link
       SET scope_region = NEW.scope_region, scope_queue = NEW.scope_queue, scope_assignee = NEW.scope_assignee
     WHERE ticket_id = NEW.id AND deleted_at IS NULL
       AND (scope_region, scope_queue, scope_assignee)
           IS DISTINCT FROM (NEW.scope_region, NEW.scope_queue, NEW.scope_assignee);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION sync.cascade_kb_link_scope() FROM PUBLIC;
CREATE OR REPLACE TRIGGER td_cascade_kb_link_scope AFTER UPDATE ON td.ticket FOR EACH ROW
    WHEN ((OLD.scope_region, OLD.scope_queue, OLD.scope_assignee)
          IS DISTINCT FROM (NEW.scope_region, NEW.scope_queue, NEW.scope_assignee))
    EXECUTE FUNCTION sync.cascade_kb_link_scope();

-- ---------------------------------------------------------------------------------------------------
-- kb_article: who reads it, how its change log is seen, and its workflow.

ALTER TABLE td.kb_article ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS td_read ON td.kb_article;
DROP POLICY IF EXISTS td_insert ON td.kb_article;
DROP POLICY IF EXISTS td_update ON td.kb_article;
CREATE POLICY td_read ON td.kb_article FOR SELECT
    USING (status = 'published' OR (SELECT sync.my_role()) IN ('supervisor', 'admin'));
CREATE POLICY td_insert ON td.kb_article FOR INSERT
    WITH CHECK ((SELECT sync.my_role()) IN ('supervisor', 'admin'));
CREATE POLICY td_update ON td.kb_article FOR UPDATE
    USING ((SELECT sync.my_role()) IN ('supervisor', 'admin'))
    WITH CHECK ((SELECT sync.my_role()) IN ('supervisor', 'admin'));

-- The change log of kb_article (see the header): an entry is global when the row is published after the
-- write or was before it. sync.log_insert / sync.log_update (0002) with that one difference.
CREATE OR REPLACE FUNCTION sync.log_kb_article_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO sync.change_log (xid, row_version, tbl, row_id, logged_at, is_global)
    SELECT n.sync_xid, n.row_version, TG_TABLE_NAME, n.id, n.updated_at, n.status = 'published'
      FROM new_rows n;
    IF FOUND THEN
        PERFORM sync.notify_changes(TG_TABLE_NAME, NULL, NULL);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION sync.log_kb_article_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO sync.change_log (xid, row_version, tbl, row_id, logged_at, is_global)
    SELECT n.sync_xid, n.row_version, TG_TABLE_NAME, n.id, n.updated_at,
           n.status = 'published' OR o.status = 'published'
      FROM new_rows n JOIN old_rows o ON o.id = n.id;
    IF FOUND THEN
        PERFORM sync.notify_changes(TG_TABLE_NAME, NULL, NULL);
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION sync.log_kb_article_insert(), sync.log_kb_article_update() FROM PUBLIC;
CREATE OR REPLACE TRIGGER td_log_insert AFTER INSERT ON td.kb_article
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION sync.log_kb_article_insert();
CREATE OR REPLACE TRIGGER td_log_update AFTER UPDATE ON td.kb_article
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION sync.log_kb_article_update();

-- Supervisors read the entries of drafts and reviews too (admins read every entry: 0003).
DROP POLICY IF EXISTS td_read_kb_editors ON sync.change_log;
CREATE POLICY td_read_kb_editors ON sync.change_log FOR SELECT
    USING (tbl = 'kb_article' AND (SELECT sync.my_role()) = 'supervisor');

CREATE OR REPLACE FUNCTION sync.check_kb_article() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_role text := sync.my_role();
    v_me uuid := sync.my_agent_id();
    v_content_changed boolean;
    v_author uuid;
BEGIN
    -- Server tooling (migrations, `server load`, an administrator's SQL) has no agent row.
    IF v_role IS NULL THEN
        RETURN NEW;
    END IF;
    IF v_role NOT IN ('supervisor', 'admin') THEN
        RAISE EXCEPTION 'only supervisors and administrators write knowledge-base articles (you are a %)', v_role
            USING ERRCODE = '42501';
    END IF;

    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'draft' THEN
            RAISE EXCEPTION 'a new knowledge-base article starts as a draft, not "%"', NEW.status
                USING ERRCODE = 'TD003';
        END IF;
        IF v_role <> 'admin' AND NEW.author_id IS DISTINCT FROM v_me THEN
            RAISE EXCEPTION 'a draft is written in its author''s own name' USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END IF;

    IF v_role <> 'admin' AND NEW.author_id IS DISTINCT FROM OLD.author_id THEN
        RAISE EXCEPTION 'the author of article "%" does not change', OLD.title USING ERRCODE = '42501';
    END IF;
    v_content_changed := (NEW.title, NEW.body, NEW.category, NEW.tags, NEW.language)
                         IS DISTINCT FROM (OLD.title, OLD.body, OLD.category, OLD.tags, OLD.language);

    IF NEW.status IS DISTINCT FROM OLD.status
       AND (OLD.status, NEW.status) NOT IN (('draft', 'in_review'), ('in_review', 'draft'),
                                            ('in_review', 'published'), ('published', 'retired')) THEN
        RAISE EXCEPTION 'a knowledge-base article cannot go from "%" to "%" (allowed: %)', OLD.status, NEW.status,
            CASE OLD.status WHEN 'draft' THEN 'in_review' WHEN 'in_review' THEN 'draft, published'
                            WHEN 'published' THEN 'retired' ELSE 'nothing' END
            USING ERRCODE = 'TD003';
    END IF;
    IF OLD.status = 'retired' AND v_content_changed THEN
        RAISE EXCEPTION 'the retired article "%" is no longer edited', OLD.title USING ERRCODE = 'TD003';
    END IF;

    IF NEW.status = 'published' AND OLD.status = 'in_review' THEN
        IF NEW.revision_of IS NOT NULL THEN
            RAISE EXCEPTION 'a revision is not published itself: its content is approved into its article'
                USING ERRCODE = 'TD003';
        END IF;
        v_author := NEW.author_id;
    ELSIF NEW.status = 'published' AND OLD.status = 'published'
          AND (v_content_changed OR NEW.version IS DISTINCT FROM OLD.version) THEN
        IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
            RAISE EXCEPTION 'the published article "%" changes only as a new version (% -> %, not %)', OLD.title,
                OLD.version, OLD.version + 1, NEW.version USING ERRCODE = 'TD003';
        END IF;
        -- Whoever wrote the revision being approved, or the article's author when there is none.
        SELECT r.author_id INTO v_author
          FROM td.kb_article r
         WHERE r.revision_of = NEW.id AND r.status = 'in_review' AND r.deleted_at IS NULL
         ORDER BY r.updated_at DESC
         LIMIT 1;
        IF NOT FOUND THEN
            v_author := NEW.author_id;
        END IF;
    ELSE
        RETURN NEW;
    END IF;

    -- Publishing (a draft, or a new version of a published article) needs a reviewer other than the author.
    IF NEW.reviewer_id IS NULL THEN
        RAISE EXCEPTION 'publishing "%" needs a reviewer', NEW.title USING ERRCODE = 'TD003';
    END IF;
    IF v_role <> 'admin' THEN
        IF NEW.reviewer_id IS DISTINCT FROM v_me THEN
            RAISE EXCEPTION 'a supervisor publishes "%" only as its reviewer', NEW.title USING ERRCODE = '42501';
        END IF;
        IF v_author IS NOT NULL AND NEW.reviewer_id = v_author THEN
            RAISE EXCEPTION 'the author of "%" cannot review it: another supervisor or an administrator must', NEW.title
                USING ERRCODE = '42501';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION sync.check_kb_article() FROM PUBLIC;
CREATE OR REPLACE TRIGGER td_kb_workflow BEFORE INSERT OR UPDATE ON td.kb_article FOR EACH ROW
    EXECUTE FUNCTION sync.check_kb_article();

-- ---------------------------------------------------------------------------------------------------
-- Repair of sync.pull (0004), found when the knowledge base made a first sync take several pages: a cursor
-- below sync.horizon.pruned_below answers "resync", and so did the second page of a first sync after any
-- pruning (its H is 0 until the round ends), so that such a desktop restarted from the empty cursor for
-- ever. The function is 0004's with that one check narrowed.
CREATE OR REPLACE FUNCTION sync.pull(p_cursor text, p_limit integer) RETURNS json
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    -- First, before anything is read: see 0004's header on why the order matters.
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
        -- H = 0 is a first sync still paging through its first round: the client holds only what this
        -- round delivered, and what pruning removed (superseded entries, long-deleted rows) cannot be
        -- missing from it.
        IF v_h < v_pruned AND v_h > '0'::xid8 THEN
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

-- Default rows, the same ids as the cache's migration 11, so that a pulled row replaces the local one.
INSERT INTO td.kb_category (id, code, parent_code, name_zh, name_en, ordinal) VALUES
    ('0f1ac4ee-0000-4000-8000-000000000001', 'plans',             NULL,        '套餐规则',       'Plan rules',                 10),
    ('0f1ac4ee-0000-4000-8000-000000000002', 'plans.change',      'plans',     '套餐变更',       'Changing plans',             11),
    ('0f1ac4ee-0000-4000-8000-000000000003', 'plans.data',        'plans',     '流量与加油包',   'Data and add-on packs',      12),
    ('0f1ac4ee-0000-4000-8000-000000000004', 'roaming',           NULL,        '国际及港澳台漫游', 'Roaming',                  20),
    ('0f1ac4ee-0000-4000-8000-000000000005', 'billing',           NULL,        '账单与计费',     'Bills and charges',          30),
    ('0f1ac4ee-0000-4000-8000-000000000006', 'billing.dispute',   'billing',   '计费争议',       'Billing disputes',           31),
    ('0f1ac4ee-0000-4000-8000-000000000007', 'billing.payment',   'billing',   '缴费与停复机',   'Payment and suspension',     32),
    ('0f1ac4ee-0000-4000-8000-000000000008', 'broadband',         NULL,        '宽带',           'Broadband',                  40),
    ('0f1ac4ee-0000-4000-8000-000000000009', 'broadband.fault',   'broadband', '宽带故障排查',   'Broadband fault-finding',    41),
    ('0f1ac4ee-0000-4000-8000-00000000000a', 'broadband.install', 'broadband', '宽带装机与移机', 'Installation and moving',    42),
    ('0f1ac4ee-0000-4000-8000-00000000000b', 'porting',           NULL,        '携号转网',       'Number porting',             50),
    ('0f1ac4ee-0000-4000-8000-00000000000c', 'realname',          NULL,        '实名制',         'Real-name registration',     60),
    ('0f1ac4ee-0000-4000-8000-00000000000d', 'network',           NULL,        '网络与信号',     'Network and coverage',       70),
    ('0f1ac4ee-0000-4000-8000-00000000000e', 'device',            NULL,        '终端与SIM卡',    'Devices and SIM cards',      80)
ON CONFLICT (id) DO NOTHING;
