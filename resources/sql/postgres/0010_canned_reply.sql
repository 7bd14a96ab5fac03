-- TelcoDesk central database, migration 10: canned replies for the ticket editor.
--
-- The same table as the desktop cache's migration 8 (resources/sql/sqlite/0008_canned_reply.sql), typed
-- for PostgreSQL, as a read-only catalog visible to every login (scope global, like td.plan): set up by
-- sync.register_global_catalog (0007) with the change-tracking triggers and the privileges (SELECT for
-- every group, INSERT/UPDATE for td_admin), no row-level security. Idempotent: a second run changes
-- nothing.

CREATE TABLE IF NOT EXISTS td.canned_reply (
    id             uuid PRIMARY KEY,
    kind           text NOT NULL DEFAULT '*' CHECK (kind IN ('*', 'complaint', 'inquiry', 'fault', 'suggestion')),
    language       text NOT NULL CHECK (language IN ('zh_CN', 'en')),
    title          text NOT NULL,
    body           text NOT NULL,
    ordinal        integer NOT NULL DEFAULT 0,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);
CREATE INDEX IF NOT EXISTS canned_reply_lookup ON td.canned_reply (language, kind, ordinal);

-- After the workflow catalog (105, 106) and before td.ticket (110).
INSERT INTO sync.synced_table (name, policy, scope, identity_fields, load_order) VALUES
    ('canned_reply', 'read_only', 'global', '{}', 109)
ON CONFLICT (name) DO UPDATE
    SET policy = excluded.policy, scope = excluded.scope, identity_fields = excluded.identity_fields,
        load_order = excluded.load_order;

SELECT sync.register_global_catalog('canned_reply');

-- Default rows, the same ids as the cache's migration 8, so that a pulled row replaces the local one.
INSERT INTO td.canned_reply (id, kind, language, title, body, ordinal) VALUES
    ('0f1ac4ed-0000-4000-8000-000000000001', '*', 'zh_CN', '受理确认',
     '{customer}您好，您的工单{ticket}已受理，我们会尽快处理并及时向您反馈进展。', 10),
    ('0f1ac4ed-0000-4000-8000-000000000002', 'fault', 'zh_CN', '已派单维修',
     '{customer}您好，您反映的故障（工单{ticket}）已派发给维护人员，工程师将尽快与您联系上门检修，请保持电话畅通。', 20),
    ('0f1ac4ed-0000-4000-8000-000000000003', 'complaint', 'zh_CN', '投诉致歉',
     '{customer}您好，对于给您带来的不便我们深表歉意。您的投诉（工单{ticket}）已转专人跟进，处理结果将第一时间回复您。', 30),
    ('0f1ac4ed-0000-4000-8000-000000000004', '*', 'zh_CN', '请补充信息',
     '{customer}您好，为了尽快处理您的工单{ticket}，请补充以下信息：', 40),
    ('0f1ac4ed-0000-4000-8000-000000000005', '*', 'en', 'Acknowledge',
     'Dear {customer}, we have received your request (ticket {ticket}) and will keep you updated on its progress.', 10),
    ('0f1ac4ed-0000-4000-8000-000000000006', 'fault', 'en', 'Engineer dispatched',
     'Dear {customer}, the fault you reported (ticket {ticket}) has been passed to our field team. An engineer will call you shortly to arrange a visit.', 20),
    ('0f1ac4ed-0000-4000-8000-000000000007', 'complaint', 'en', 'Apology',
     'Dear {customer}, we are sorry for the trouble. Your complaint (ticket {ticket}) is now with a specialist, and we will reply as soon as it is resolved.', 30),
    ('0f1ac4ed-0000-4000-8000-000000000008', '*', 'en', 'Ask for details',
     'Dear {customer}, to resolve ticket {ticket} quickly, could you please tell us:', 40)
ON CONFLICT (id) DO NOTHING;
