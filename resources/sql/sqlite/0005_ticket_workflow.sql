-- Schema version 5: the ticket workflow per kind, in data (issue 4). Both tables are read-only catalogs
-- that the server syncs to every desktop (policy read_only, scope global); the rows below are the
-- defaults for offline and demo use and carry the same fixed ids as the server's migration 0008, so
-- that a pulled row replaces its local twin instead of doubling it.

-- The states a ticket of one kind may be in. category says what a state means for the clocks:
-- open (work to do), waiting (on the customer), resolved (answer given), closed; pauses_sla = 1
-- stops the SLA clocks while a ticket is in it.
CREATE TABLE workflow_state (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('complaint','inquiry','fault','suggestion')),
    status      TEXT NOT NULL,
    label_zh    TEXT NOT NULL,
    label_en    TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('open','waiting','resolved','closed')),
    ordinal     INTEGER NOT NULL,
    pauses_sla  INTEGER NOT NULL DEFAULT 0 CHECK (pauses_sla IN (0, 1)),
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);
CREATE INDEX workflow_state_kind ON workflow_state(kind, ordinal);

-- The steps allowed between them. min_role: the least role that may take the step (agent < clerk <
-- supervisor < admin); requires: what the agent must give ('' nothing, 'resolution', 'csat',
-- 'reason'); reopen_within_days: for a step out of a closed state, how long after closing it is open.
CREATE TABLE workflow_transition (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('complaint','inquiry','fault','suggestion')),
    from_status        TEXT NOT NULL,
    to_status          TEXT NOT NULL,
    action_zh          TEXT NOT NULL,
    action_en          TEXT NOT NULL,
    min_role           TEXT NOT NULL DEFAULT 'agent' CHECK (min_role IN ('agent','clerk','supervisor','admin')),
    requires           TEXT NOT NULL DEFAULT '' CHECK (requires IN ('','resolution','csat','reason')),
    reopen_within_days INTEGER CHECK (reopen_within_days > 0),
    row_version        INTEGER NOT NULL DEFAULT 0,
    updated_at         INTEGER,
    deleted_at         INTEGER
);
CREATE INDEX workflow_transition_from ON workflow_transition(kind, from_status);

-- complaint follows the seeds: accepted, assigned, dispatched to the technical team, handled with
-- feedback, callback confirms, closed; reopen within 7 days. fault adds a field engineer, inquiry a
-- first-contact answer; every kind but suggestion may wait on the customer.
INSERT INTO workflow_state (id, kind, status, label_zh, label_en, category, ordinal, pauses_sla) VALUES
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
    ('0f1a5ec0-0000-4000-8000-000400000005', 'suggestion', 'closed', '已关闭', 'closed', 'closed', 50, 0);

INSERT INTO workflow_transition (id, kind, from_status, to_status, action_zh, action_en, min_role, requires,
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
    ('0f1a7a00-0000-4000-8000-000400000005', 'suggestion', 'new', 'closed', '作废', 'Void', 'supervisor', 'reason', NULL);
