-- Schema version 8: canned replies for the ticket editor (issue 4). A read-only catalog that the server
-- syncs to every desktop (policy read_only, scope global, server migration 0010); the rows below are the
-- defaults for offline and demo use and carry the same fixed ids as the server's, so that a pulled row
-- replaces its local twin instead of doubling it.
--
-- kind: the ticket kind a reply fits ('*': any kind). language: the UI language it is written in.
-- body: the text inserted into the reply box; {customer} becomes the customer's name and {ticket} the
-- ticket's number when the agent picks it. ordinal orders the list an agent picks from.

CREATE TABLE canned_reply (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL DEFAULT '*' CHECK (kind IN ('*','complaint','inquiry','fault','suggestion')),
    language    TEXT NOT NULL CHECK (language IN ('zh_CN','en')),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    ordinal     INTEGER NOT NULL DEFAULT 0,
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);
CREATE INDEX canned_reply_lookup ON canned_reply(language, kind, ordinal);

INSERT INTO canned_reply (id, kind, language, title, body, ordinal) VALUES
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
     'Dear {customer}, to resolve ticket {ticket} quickly, could you please tell us:', 40);
