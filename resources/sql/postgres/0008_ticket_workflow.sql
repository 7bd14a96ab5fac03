-- TelcoDesk central database, migration 8: the ticket workflow per kind, in data.
--
-- The same tables as the desktop cache's migration 5 (resources/sql/sqlite/0005_ticket_workflow.sql),
-- typed for PostgreSQL, as read-only catalog tables visible to every login (scope global, like
-- td.plan): the change-tracking triggers of 0002, the privileges of 0003 (SELECT for every group,
-- INSERT/UPDATE for td_admin), no row-level security. The desktop shows the steps from them; this
-- server decides: sync.check_ticket_transition (0002's trigger on td.ticket) now reads
-- td.workflow_transition for the ticket's kind instead of the kind-blind sync.ticket_transition,
-- checks the step's least role and, for a reopen, the window against closed_at by the server's clock.
-- Idempotent: a second run changes nothing.

CREATE TABLE IF NOT EXISTS td.workflow_state (
    id             uuid PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN ('complaint', 'inquiry', 'fault', 'suggestion')),
    status         text NOT NULL,
    label_zh       text NOT NULL,
    label_en       text NOT NULL,
    category       text NOT NULL CHECK (category IN ('open', 'waiting', 'resolved', 'closed')),
    ordinal        integer NOT NULL,
    pauses_sla     integer NOT NULL DEFAULT 0 CHECK (pauses_sla IN (0, 1)),
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);
-- One live state per kind and status.
CREATE UNIQUE INDEX IF NOT EXISTS workflow_state_status ON td.workflow_state (kind, status) WHERE deleted_at IS NULL;

CREATE TABLE IF NOT EXISTS td.workflow_transition (
    id                 uuid PRIMARY KEY,
    kind               text NOT NULL CHECK (kind IN ('complaint', 'inquiry', 'fault', 'suggestion')),
    from_status        text NOT NULL,
    to_status          text NOT NULL,
    action_zh          text NOT NULL,
    action_en          text NOT NULL,
    min_role           text NOT NULL DEFAULT 'agent' CHECK (min_role IN ('agent', 'clerk', 'supervisor', 'admin')),
    requires           text NOT NULL DEFAULT '' CHECK (requires IN ('', 'resolution', 'csat', 'reason')),
    reopen_within_days integer CHECK (reopen_within_days > 0),
    row_version        bigint NOT NULL DEFAULT 0,
    updated_at         bigint,
    deleted_at         bigint,
    sync_xid           xid8,
    scope_region       text,
    scope_queue        text,
    scope_assignee     uuid
);
-- One live step per kind, from and to: the trigger below reads exactly one.
CREATE UNIQUE INDEX IF NOT EXISTS workflow_transition_step
    ON td.workflow_transition (kind, from_status, to_status) WHERE deleted_at IS NULL;

-- Before td.ticket (load_order 110) and after the SLA catalog (101..104).
INSERT INTO sync.synced_table (name, policy, scope, identity_fields, load_order) VALUES
    ('workflow_state',      'read_only', 'global', '{}', 105),
    ('workflow_transition', 'read_only', 'global', '{}', 106)
ON CONFLICT (name) DO UPDATE
    SET policy = excluded.policy, scope = excluded.scope, identity_fields = excluded.identity_fields,
        load_order = excluded.load_order;

-- The triggers and privileges of a synced global read-only table (sync.register_global_catalog, 0007).
SELECT sync.register_global_catalog(t) FROM unnest(ARRAY['workflow_state', 'workflow_transition']) AS t;

-- Default rows, the same ids as the cache's migration 5, so that a pulled row replaces the local one.
-- complaint follows the seeds: accepted, assigned, dispatched to the technical team, handled with
-- feedback, callback confirms, closed; reopen within 7 days. fault adds a field engineer, inquiry a
-- first-contact answer; every kind but suggestion may wait on the customer.
INSERT INTO td.workflow_state (id, kind, status, label_zh, label_en, category, ordinal, pauses_sla) VALUES
    ('0f1a5ec0-0000-4000-8000-000100000001', 'complaint', 'new', '受理', 'accepted', 'open', 10, 0),
    ('0f1a5ec0-0000-4000-8000-000100000002', 'complaint', 'assigned', '已派单', 'assigned', 'open', 20, 0),
    ('0f1a5ec0-0000-4000-8000-000100000003', 'complaint', 'dispatched', '已转技术团队', 'dispatched', 'open', 30, 0),
    ('0f1a5ec0-0000-4000-8000-000100000004', 'complaint', 'handled', '已处理反馈', 'handled', 'resolved', 40, 0),
    ('0f1a5ec0-0000-4000-8000-000100000005', 'complaint', 'callback', '待回访确认', 'awaiting callback', 'resolved', 50, 0),
    ('0f1a5ec0-0000-4000-8000-000100000006', 'complaint', 'closed', '已结案', 'closed', 'closed', 60, 0),
    ('0f1a5ec0-0000-4000-8000-000100000007', 'complaint', 'waiting_customer', '等待客户', 'waiting for the customer', 'waiting', 70, 1),
    ('0f1a5ec0-0000-4000-8000-000200000001', 'fault', 'new', '新建', 'new', 'open', 10, 0),
    ('0f1a5ec0-0000-4000-8000-000200000002', 'fault', 'assigned', '已派单', 'assigned', 'open', 20, 0),
    ('0f1a5ec0-0000-4000-8000-000200000003', 'fault', 'dispatched', '已派现场工程师', 'dispatched', 'open', 30, 0),
    ('0f1a5ec0-0000-4000-8000-000200000004', 'fault', 'in_progress', '处理中', 'in progress', 'open', 40, 0),
    ('0f1a5ec0-0000-4000-8000-000200000005', 'fault', 'resolved', '已解决', 'resolved', 'resolved', 50, 0),
    ('0f1a5ec0-0000-4000-8000-000200000006', 'fault', 'closed', '已关闭', 'closed', 'closed', 60, 0),
    ('0f1a5ec0-0000-4000-8000-000200000007', 'fault', 'waiting_customer', '等待客户', 'waiting for the customer', 'waiting', 70, 1),
    ('0f1a5ec0-0000-4000-8000-000300000001', 'inquiry', 'new', '新建', 'new', 'open', 10, 0),
    ('0f1a5ec0-0000-4000-8000-000300000002', 'inquiry', 'assigned', '已派单', 'assigned', 'open', 20, 0),
    ('0f1a5ec0-0000-4000-8000-000300000003', 'inquiry', 'in_progress', '处理中', 'in progress', 'open', 30, 0),
    ('0f1a5ec0-0000-4000-8000-000300000004', 'inquiry', 'resolved', '已解答', 'resolved', 'resolved', 40, 0),
    ('0f1a5ec0-0000-4000-8000-000300000005', 'inquiry', 'closed', '已关闭', 'closed', 'closed', 50, 0),
    ('0f1a5ec0-0000-4000-8000-000300000006', 'inquiry', 'waiting_customer', '等待客户', 'waiting for the customer', 'waiting', 60, 1),
    ('0f1a5ec0-0000-4000-8000-000400000001', 'suggestion', 'new', '新建', 'new', 'open', 10, 0),
    ('0f1a5ec0-0000-4000-8000-000400000002', 'suggestion', 'assigned', '已派单', 'assigned', 'open', 20, 0),
    ('0f1a5ec0-0000-4000-8000-000400000003', 'suggestion', 'in_progress', '评估中', 'in progress', 'open', 30, 0),
    ('0f1a5ec0-0000-4000-8000-000400000004', 'suggestion', 'resolved', '已答复', 'resolved', 'resolved', 40, 0),
    ('0f1a5ec0-0000-4000-8000-000400000005', 'suggestion', 'closed', '已关闭', 'closed', 'closed', 50, 0)
ON CONFLICT (id) DO NOTHING;

INSERT INTO td.workflow_transition (id, kind, from_status, to_status, action_zh, action_en, min_role, requires,
                                    reopen_within_days) VALUES
    ('0f1a7a00-0000-4000-8000-000100000001', 'complaint', 'new', 'assigned', '派单', 'Assign', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000100000002', 'complaint', 'assigned', 'dispatched', '转技术团队', 'Dispatch to the technical team', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000100000003', 'complaint', 'dispatched', 'handled', '处理反馈', 'Record the handling feedback', 'agent', 'resolution', NULL),
    ('0f1a7a00-0000-4000-8000-000100000004', 'complaint', 'handled', 'callback', '回访', 'Call the customer back', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000100000005', 'complaint', 'callback', 'closed', '回访确认结案', 'Close after the callback', 'agent', 'csat', NULL),
    ('0f1a7a00-0000-4000-8000-000100000006', 'complaint', 'callback', 'dispatched', '客户不满意，重新处理', 'Customer not satisfied: handle again', 'agent', 'reason', NULL),
    ('0f1a7a00-0000-4000-8000-000100000007', 'complaint', 'closed', 'assigned', '重新打开', 'Reopen', 'agent', 'reason', 7),
    ('0f1a7a00-0000-4000-8000-000100000008', 'complaint', 'new', 'closed', '作废', 'Void', 'supervisor', 'reason', NULL),
    ('0f1a7a00-0000-4000-8000-000100000009', 'complaint', 'assigned', 'waiting_customer', '等待客户回复', 'Wait for the customer', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00010000000a', 'complaint', 'dispatched', 'waiting_customer', '等待客户回复', 'Wait for the customer', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00010000000b', 'complaint', 'handled', 'waiting_customer', '等待客户回复', 'Wait for the customer', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00010000000c', 'complaint', 'waiting_customer', 'assigned', '客户已回复', 'Customer replied', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00010000000d', 'complaint', 'waiting_customer', 'dispatched', '客户已回复', 'Customer replied', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00010000000e', 'complaint', 'waiting_customer', 'handled', '客户已回复', 'Customer replied', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000200000001', 'fault', 'new', 'assigned', '派单', 'Assign', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000200000002', 'fault', 'assigned', 'dispatched', '派现场工程师', 'Dispatch a field engineer', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000200000003', 'fault', 'assigned', 'in_progress', '远程处理', 'Handle remotely', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000200000004', 'fault', 'dispatched', 'in_progress', '工程师开始处理', 'Engineer starts work', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000200000005', 'fault', 'in_progress', 'resolved', '解决', 'Resolve', 'agent', 'resolution', NULL),
    ('0f1a7a00-0000-4000-8000-000200000006', 'fault', 'resolved', 'in_progress', '未解决，重新处理', 'Not fixed: work again', 'agent', 'reason', NULL),
    ('0f1a7a00-0000-4000-8000-000200000007', 'fault', 'resolved', 'closed', '关闭', 'Close', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000200000008', 'fault', 'new', 'closed', '作废', 'Void', 'supervisor', 'reason', NULL),
    ('0f1a7a00-0000-4000-8000-000200000009', 'fault', 'assigned', 'waiting_customer', '等待客户回复', 'Wait for the customer', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00020000000a', 'fault', 'dispatched', 'waiting_customer', '等待客户回复', 'Wait for the customer', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00020000000b', 'fault', 'in_progress', 'waiting_customer', '等待客户回复', 'Wait for the customer', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00020000000c', 'fault', 'waiting_customer', 'assigned', '客户已回复', 'Customer replied', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00020000000d', 'fault', 'waiting_customer', 'dispatched', '客户已回复', 'Customer replied', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00020000000e', 'fault', 'waiting_customer', 'in_progress', '客户已回复', 'Customer replied', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000300000001', 'inquiry', 'new', 'assigned', '派单', 'Assign', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000300000002', 'inquiry', 'new', 'resolved', '首问解答', 'Answer at first contact', 'agent', 'resolution', NULL),
    ('0f1a7a00-0000-4000-8000-000300000003', 'inquiry', 'assigned', 'in_progress', '开始处理', 'Start work', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000300000004', 'inquiry', 'in_progress', 'resolved', '解答', 'Answer', 'agent', 'resolution', NULL),
    ('0f1a7a00-0000-4000-8000-000300000005', 'inquiry', 'resolved', 'closed', '关闭', 'Close', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000300000006', 'inquiry', 'new', 'closed', '作废', 'Void', 'supervisor', 'reason', NULL),
    ('0f1a7a00-0000-4000-8000-000300000007', 'inquiry', 'assigned', 'waiting_customer', '等待客户回复', 'Wait for the customer', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000300000008', 'inquiry', 'in_progress', 'waiting_customer', '等待客户回复', 'Wait for the customer', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000300000009', 'inquiry', 'waiting_customer', 'assigned', '客户已回复', 'Customer replied', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-00030000000a', 'inquiry', 'waiting_customer', 'in_progress', '客户已回复', 'Customer replied', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000400000001', 'suggestion', 'new', 'assigned', '派单', 'Assign', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000400000002', 'suggestion', 'assigned', 'in_progress', '开始评估', 'Start the review', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000400000003', 'suggestion', 'in_progress', 'resolved', '答复', 'Reply', 'agent', 'resolution', NULL),
    ('0f1a7a00-0000-4000-8000-000400000004', 'suggestion', 'resolved', 'closed', '关闭', 'Close', 'agent', '', NULL),
    ('0f1a7a00-0000-4000-8000-000400000005', 'suggestion', 'new', 'closed', '作废', 'Void', 'supervisor', 'reason', NULL)
ON CONFLICT (id) DO NOTHING;

-- Every status some kind's workflow has.
ALTER TABLE td.ticket DROP CONSTRAINT IF EXISTS ticket_status_check;
ALTER TABLE td.ticket ADD CONSTRAINT ticket_status_check
    CHECK (status IN ('new', 'assigned', 'dispatched', 'in_progress', 'handled', 'callback', 'waiting_customer',
                      'resolved', 'closed'));

-- A status change is allowed when the ticket's kind has a live step from the old status to the new one,
-- the writer's role is at least the step's min_role, and a reopen comes within its window after
-- closed_at by this server's clock. Writers that are no agent login (an administrator's SQL, `server
-- load`) have no role and pass the role check. The message keeps 0002's wording ("cannot go from ...
-- to ...") and adds what the ticket may do instead.
CREATE OR REPLACE FUNCTION sync.check_ticket_transition() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_step td.workflow_transition;
    v_role text := sync.my_role();
    v_roles constant text[] := ARRAY['agent', 'clerk', 'supervisor', 'admin'];
    v_allowed text;
BEGIN
    SELECT * INTO v_step FROM td.workflow_transition w
     WHERE w.kind = OLD.kind AND w.from_status = OLD.status AND w.to_status = NEW.status AND w.deleted_at IS NULL;
    IF NOT FOUND THEN
        SELECT string_agg(w.to_status, ', ' ORDER BY s.ordinal, w.to_status) INTO v_allowed
          FROM td.workflow_transition w
          LEFT JOIN td.workflow_state s ON s.kind = w.kind AND s.status = w.to_status AND s.deleted_at IS NULL
         WHERE w.kind = OLD.kind AND w.from_status = OLD.status AND w.deleted_at IS NULL;
        RAISE EXCEPTION 'a % ticket cannot go from "%" to "%" (allowed: %)', OLD.kind, OLD.status, NEW.status,
            coalesce(v_allowed, 'nothing') USING ERRCODE = 'TD003';
    END IF;
    IF v_role IS NOT NULL
       AND coalesce(array_position(v_roles, v_role), 0) < array_position(v_roles, v_step.min_role) THEN
        RAISE EXCEPTION 'a % ticket goes from "%" to "%" only by a % or above', OLD.kind, OLD.status, NEW.status,
            v_step.min_role USING ERRCODE = 'TD003';
    END IF;
    IF v_step.reopen_within_days IS NOT NULL
       AND (OLD.closed_at IS NULL
            OR sync.now_ms() - OLD.closed_at > v_step.reopen_within_days::bigint * 86400000) THEN
        RAISE EXCEPTION 'a % ticket reopens only within % days of closing', OLD.kind, v_step.reopen_within_days
            USING ERRCODE = 'TD003';
    END IF;
    RETURN NEW;
END
$$;
