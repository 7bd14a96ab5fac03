-- TelcoDesk central database, migration 7: the SLA catalog (business calendars and SLA policies).
--
-- The same tables as the desktop cache's migration 4 (resources/sql/sqlite/0004_sla_calendar.sql),
-- typed for PostgreSQL, as read-only catalog tables visible to every login (scope global, like
-- td.plan): the change-tracking triggers of 0002, the privileges of 0003 (SELECT for every group,
-- INSERT/UPDATE for td_admin), no row-level security. The desktops compute SLA clocks from them
-- offline. Idempotent: a second run changes nothing.

CREATE TABLE IF NOT EXISTS td.sla_calendar (
    id                 uuid PRIMARY KEY,
    code               text NOT NULL UNIQUE,
    name               text NOT NULL,
    utc_offset_minutes integer NOT NULL CHECK (utc_offset_minutes BETWEEN -840 AND 840),
    row_version        bigint NOT NULL DEFAULT 0,
    updated_at         bigint,
    deleted_at         bigint,
    sync_xid           xid8,
    scope_region       text,
    scope_queue        text,
    scope_assignee     uuid
);

CREATE TABLE IF NOT EXISTS td.sla_calendar_hours (
    id             uuid PRIMARY KEY,
    calendar_id    uuid NOT NULL REFERENCES td.sla_calendar (id),
    weekday        integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute   integer NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute     integer NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid,
    CHECK (start_minute < end_minute)
);
CREATE INDEX IF NOT EXISTS sla_calendar_hours_calendar ON td.sla_calendar_hours (calendar_id);

-- day is text 'YYYY-MM-DD' like the cache's, checked here to be a real date.
CREATE TABLE IF NOT EXISTS td.sla_calendar_day (
    id             uuid PRIMARY KEY,
    calendar_id    uuid NOT NULL REFERENCES td.sla_calendar (id),
    day            text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND to_char(day::date, 'YYYY-MM-DD') = day),
    kind           text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name           text NOT NULL DEFAULT '',
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);
CREATE INDEX IF NOT EXISTS sla_calendar_day_calendar ON td.sla_calendar_day (calendar_id, day);

CREATE TABLE IF NOT EXISTS td.sla_policy (
    id                     uuid PRIMARY KEY,
    kind                   text NOT NULL CHECK (kind IN ('complaint', 'inquiry', 'fault', 'suggestion')),
    priority               integer NOT NULL CHECK (priority BETWEEN 1 AND 4),
    tier                   text NOT NULL DEFAULT '*',
    first_response_minutes double precision NOT NULL CHECK (first_response_minutes > 0),
    resolution_minutes     integer NOT NULL CHECK (resolution_minutes > 0),
    near_breach_percent    integer NOT NULL DEFAULT 80 CHECK (near_breach_percent BETWEEN 1 AND 100),
    calendar_id            uuid NOT NULL REFERENCES td.sla_calendar (id),
    business_hours         integer NOT NULL DEFAULT 1 CHECK (business_hours IN (0, 1)),
    row_version            bigint NOT NULL DEFAULT 0,
    updated_at             bigint,
    deleted_at             bigint,
    sync_xid               xid8,
    scope_region           text,
    scope_queue            text,
    scope_assignee         uuid
);
-- One live policy per kind, priority and tier.
CREATE UNIQUE INDEX IF NOT EXISTS sla_policy_lookup ON td.sla_policy (kind, priority, tier) WHERE deleted_at IS NULL;

-- Parents first, and before td.ticket (load_order 110): a first sync has the catalog before the tickets.
INSERT INTO sync.synced_table (name, policy, scope, identity_fields, load_order) VALUES
    ('sla_calendar',       'read_only', 'global', '{}', 101),
    ('sla_calendar_hours', 'read_only', 'global', '{}', 102),
    ('sla_calendar_day',   'read_only', 'global', '{}', 103),
    ('sla_policy',         'read_only', 'global', '{}', 104)
ON CONFLICT (name) DO UPDATE
    SET policy = excluded.policy, scope = excluded.scope, identity_fields = excluded.identity_fields,
        load_order = excluded.load_order;

-- What 0002 and 0003 do for every synced global read-only table (catalogs every login reads and only
-- admins write), as one function that later migrations call for their catalogs too. Run by the
-- migrations as the database owner; nobody else may call it.
CREATE OR REPLACE FUNCTION sync.register_global_catalog(p_table text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    EXECUTE format('CREATE OR REPLACE TRIGGER td_stamp BEFORE INSERT OR UPDATE ON td.%I
                        FOR EACH ROW EXECUTE FUNCTION sync.stamp_row(%L)', p_table, 'global');
    EXECUTE format('CREATE OR REPLACE TRIGGER td_log_insert AFTER INSERT ON td.%I
                        REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION sync.log_insert(%L)', p_table, 'global');
    EXECUTE format('CREATE OR REPLACE TRIGGER td_log_update AFTER UPDATE ON td.%I
                        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION sync.log_update(%L)', p_table, 'global');
    EXECUTE format('CREATE OR REPLACE TRIGGER td_no_delete BEFORE DELETE ON td.%I
                        FOR EACH ROW EXECUTE FUNCTION sync.refuse_delete()', p_table);
    EXECUTE format('CREATE OR REPLACE TRIGGER td_no_truncate BEFORE TRUNCATE ON td.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION sync.refuse_delete()', p_table);
    EXECUTE format('GRANT SELECT ON td.%I TO td_agent, td_clerk, td_supervisor, td_admin', p_table);
    EXECUTE format('GRANT INSERT, UPDATE ON td.%I TO td_admin', p_table);
END
$fn$;
REVOKE ALL ON FUNCTION sync.register_global_catalog(text) FROM PUBLIC;

SELECT sync.register_global_catalog(t)
  FROM unnest(ARRAY['sla_calendar', 'sla_calendar_hours', 'sla_calendar_day', 'sla_policy']) AS t;

-- Default rows, the same ids as the cache's migration 4, so that a pulled row replaces the local one.
-- CN: Monday–Friday 09:00–12:00 and 13:30–18:00 China Standard Time (UTC+8). 24X7: every minute.
-- Holidays and make-up working days: 国务院办公厅关于2026年部分节假日安排的通知 (State Council General
-- Office, 4 November 2025; Xinhua, e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm).
-- The 2027 notice had not been published where we could find it: add its rows here when it is.
-- Policies: the seeds' operators handle complaints within 36 hours and answer first within 1.5 minutes;
-- P1 and P2 complaints, P1 enquiries and P1/P2 faults run on the 24X7 clock; gold, platinum and diamond
-- customers get faster P3 complaint and fault targets.
INSERT INTO td.sla_calendar (id, code, name, utc_offset_minutes) VALUES
    ('018f5a10-0000-7000-8000-000000000001', 'CN', '中国大陆工作日 09:00–12:00, 13:30–18:00', 480),
    ('018f5a10-0000-7000-8000-000000000002', '24X7', '全天候 24×7', 480)
ON CONFLICT (id) DO NOTHING;
INSERT INTO td.sla_calendar_hours (id, calendar_id, weekday, start_minute, end_minute) VALUES
    ('018f5a10-0001-7000-8000-000000000001', '018f5a10-0000-7000-8000-000000000001', 1, 540, 720),
    ('018f5a10-0001-7000-8000-000000000002', '018f5a10-0000-7000-8000-000000000001', 1, 810, 1080),
    ('018f5a10-0001-7000-8000-000000000003', '018f5a10-0000-7000-8000-000000000001', 2, 540, 720),
    ('018f5a10-0001-7000-8000-000000000004', '018f5a10-0000-7000-8000-000000000001', 2, 810, 1080),
    ('018f5a10-0001-7000-8000-000000000005', '018f5a10-0000-7000-8000-000000000001', 3, 540, 720),
    ('018f5a10-0001-7000-8000-000000000006', '018f5a10-0000-7000-8000-000000000001', 3, 810, 1080),
    ('018f5a10-0001-7000-8000-000000000007', '018f5a10-0000-7000-8000-000000000001', 4, 540, 720),
    ('018f5a10-0001-7000-8000-000000000008', '018f5a10-0000-7000-8000-000000000001', 4, 810, 1080),
    ('018f5a10-0001-7000-8000-000000000009', '018f5a10-0000-7000-8000-000000000001', 5, 540, 720),
    ('018f5a10-0001-7000-8000-000000000010', '018f5a10-0000-7000-8000-000000000001', 5, 810, 1080),
    ('018f5a10-0001-7000-8000-000000000011', '018f5a10-0000-7000-8000-000000000002', 1, 0, 1440),
    ('018f5a10-0001-7000-8000-000000000012', '018f5a10-0000-7000-8000-000000000002', 2, 0, 1440),
    ('018f5a10-0001-7000-8000-000000000013', '018f5a10-0000-7000-8000-000000000002', 3, 0, 1440),
    ('018f5a10-0001-7000-8000-000000000014', '018f5a10-0000-7000-8000-000000000002', 4, 0, 1440),
    ('018f5a10-0001-7000-8000-000000000015', '018f5a10-0000-7000-8000-000000000002', 5, 0, 1440),
    ('018f5a10-0001-7000-8000-000000000016', '018f5a10-0000-7000-8000-000000000002', 6, 0, 1440),
    ('018f5a10-0001-7000-8000-000000000017', '018f5a10-0000-7000-8000-000000000002', 7, 0, 1440)
ON CONFLICT (id) DO NOTHING;
INSERT INTO td.sla_calendar_day (id, calendar_id, day, kind, name) VALUES
    ('018f5a10-0002-7000-8000-000000000001', '018f5a10-0000-7000-8000-000000000001', '2026-01-01', 'holiday', '元旦'),
    ('018f5a10-0002-7000-8000-000000000002', '018f5a10-0000-7000-8000-000000000001', '2026-01-02', 'holiday', '元旦'),
    ('018f5a10-0002-7000-8000-000000000003', '018f5a10-0000-7000-8000-000000000001', '2026-01-03', 'holiday', '元旦'),
    ('018f5a10-0002-7000-8000-000000000004', '018f5a10-0000-7000-8000-000000000001', '2026-01-04', 'workday', '元旦调休上班'),
    ('018f5a10-0002-7000-8000-000000000005', '018f5a10-0000-7000-8000-000000000001', '2026-02-15', 'holiday', '春节'),
    ('018f5a10-0002-7000-8000-000000000006', '018f5a10-0000-7000-8000-000000000001', '2026-02-16', 'holiday', '春节'),
    ('018f5a10-0002-7000-8000-000000000007', '018f5a10-0000-7000-8000-000000000001', '2026-02-17', 'holiday', '春节'),
    ('018f5a10-0002-7000-8000-000000000008', '018f5a10-0000-7000-8000-000000000001', '2026-02-18', 'holiday', '春节'),
    ('018f5a10-0002-7000-8000-000000000009', '018f5a10-0000-7000-8000-000000000001', '2026-02-19', 'holiday', '春节'),
    ('018f5a10-0002-7000-8000-000000000010', '018f5a10-0000-7000-8000-000000000001', '2026-02-20', 'holiday', '春节'),
    ('018f5a10-0002-7000-8000-000000000011', '018f5a10-0000-7000-8000-000000000001', '2026-02-21', 'holiday', '春节'),
    ('018f5a10-0002-7000-8000-000000000012', '018f5a10-0000-7000-8000-000000000001', '2026-02-22', 'holiday', '春节'),
    ('018f5a10-0002-7000-8000-000000000013', '018f5a10-0000-7000-8000-000000000001', '2026-02-23', 'holiday', '春节'),
    ('018f5a10-0002-7000-8000-000000000014', '018f5a10-0000-7000-8000-000000000001', '2026-02-14', 'workday', '春节调休上班'),
    ('018f5a10-0002-7000-8000-000000000015', '018f5a10-0000-7000-8000-000000000001', '2026-02-28', 'workday', '春节调休上班'),
    ('018f5a10-0002-7000-8000-000000000016', '018f5a10-0000-7000-8000-000000000001', '2026-04-04', 'holiday', '清明节'),
    ('018f5a10-0002-7000-8000-000000000017', '018f5a10-0000-7000-8000-000000000001', '2026-04-05', 'holiday', '清明节'),
    ('018f5a10-0002-7000-8000-000000000018', '018f5a10-0000-7000-8000-000000000001', '2026-04-06', 'holiday', '清明节'),
    ('018f5a10-0002-7000-8000-000000000019', '018f5a10-0000-7000-8000-000000000001', '2026-05-01', 'holiday', '劳动节'),
    ('018f5a10-0002-7000-8000-000000000020', '018f5a10-0000-7000-8000-000000000001', '2026-05-02', 'holiday', '劳动节'),
    ('018f5a10-0002-7000-8000-000000000021', '018f5a10-0000-7000-8000-000000000001', '2026-05-03', 'holiday', '劳动节'),
    ('018f5a10-0002-7000-8000-000000000022', '018f5a10-0000-7000-8000-000000000001', '2026-05-04', 'holiday', '劳动节'),
    ('018f5a10-0002-7000-8000-000000000023', '018f5a10-0000-7000-8000-000000000001', '2026-05-05', 'holiday', '劳动节'),
    ('018f5a10-0002-7000-8000-000000000024', '018f5a10-0000-7000-8000-000000000001', '2026-05-09', 'workday', '劳动节调休上班'),
    ('018f5a10-0002-7000-8000-000000000025', '018f5a10-0000-7000-8000-000000000001', '2026-06-19', 'holiday', '端午节'),
    ('018f5a10-0002-7000-8000-000000000026', '018f5a10-0000-7000-8000-000000000001', '2026-06-20', 'holiday', '端午节'),
    ('018f5a10-0002-7000-8000-000000000027', '018f5a10-0000-7000-8000-000000000001', '2026-06-21', 'holiday', '端午节'),
    ('018f5a10-0002-7000-8000-000000000028', '018f5a10-0000-7000-8000-000000000001', '2026-09-25', 'holiday', '中秋节'),
    ('018f5a10-0002-7000-8000-000000000029', '018f5a10-0000-7000-8000-000000000001', '2026-09-26', 'holiday', '中秋节'),
    ('018f5a10-0002-7000-8000-000000000030', '018f5a10-0000-7000-8000-000000000001', '2026-09-27', 'holiday', '中秋节'),
    ('018f5a10-0002-7000-8000-000000000031', '018f5a10-0000-7000-8000-000000000001', '2026-10-01', 'holiday', '国庆节'),
    ('018f5a10-0002-7000-8000-000000000032', '018f5a10-0000-7000-8000-000000000001', '2026-10-02', 'holiday', '国庆节'),
    ('018f5a10-0002-7000-8000-000000000033', '018f5a10-0000-7000-8000-000000000001', '2026-10-03', 'holiday', '国庆节'),
    ('018f5a10-0002-7000-8000-000000000034', '018f5a10-0000-7000-8000-000000000001', '2026-10-04', 'holiday', '国庆节'),
    ('018f5a10-0002-7000-8000-000000000035', '018f5a10-0000-7000-8000-000000000001', '2026-10-05', 'holiday', '国庆节'),
    ('018f5a10-0002-7000-8000-000000000036', '018f5a10-0000-7000-8000-000000000001', '2026-10-06', 'holiday', '国庆节'),
    ('018f5a10-0002-7000-8000-000000000037', '018f5a10-0000-7000-8000-000000000001', '2026-10-07', 'holiday', '国庆节'),
    ('018f5a10-0002-7000-8000-000000000038', '018f5a10-0000-7000-8000-000000000001', '2026-09-20', 'workday', '国庆节调休上班'),
    ('018f5a10-0002-7000-8000-000000000039', '018f5a10-0000-7000-8000-000000000001', '2026-10-10', 'workday', '国庆节调休上班')
ON CONFLICT (id) DO NOTHING;
INSERT INTO td.sla_policy (id, kind, priority, tier, first_response_minutes, resolution_minutes,
    near_breach_percent, calendar_id, business_hours) VALUES
    ('018f5a10-0003-7000-8000-000000000001', 'complaint', 1, '*', 1.5, 1440, 80, '018f5a10-0000-7000-8000-000000000002', 0),
    ('018f5a10-0003-7000-8000-000000000002', 'complaint', 2, '*', 1.5, 2160, 80, '018f5a10-0000-7000-8000-000000000002', 0),
    ('018f5a10-0003-7000-8000-000000000003', 'complaint', 3, '*', 30, 1350, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000004', 'complaint', 4, '*', 60, 2250, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000005', 'inquiry', 1, '*', 1.5, 240, 80, '018f5a10-0000-7000-8000-000000000002', 0),
    ('018f5a10-0003-7000-8000-000000000006', 'inquiry', 2, '*', 15, 450, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000007', 'inquiry', 3, '*', 30, 900, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000008', 'inquiry', 4, '*', 60, 2250, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000009', 'fault', 1, '*', 15, 240, 75, '018f5a10-0000-7000-8000-000000000002', 0),
    ('018f5a10-0003-7000-8000-000000000010', 'fault', 2, '*', 30, 720, 80, '018f5a10-0000-7000-8000-000000000002', 0),
    ('018f5a10-0003-7000-8000-000000000011', 'fault', 3, '*', 60, 900, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000012', 'fault', 4, '*', 120, 2250, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000013', 'suggestion', 1, '*', 60, 900, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000014', 'suggestion', 2, '*', 120, 1350, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000015', 'suggestion', 3, '*', 240, 2250, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000016', 'suggestion', 4, '*', 480, 4500, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000017', 'complaint', 3, 'gold', 20, 1125, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000018', 'fault', 3, 'gold', 45, 675, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000019', 'complaint', 3, 'platinum', 15, 900, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000020', 'fault', 3, 'platinum', 30, 450, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000021', 'complaint', 3, 'diamond', 10, 675, 80, '018f5a10-0000-7000-8000-000000000001', 1),
    ('018f5a10-0003-7000-8000-000000000022', 'fault', 3, 'diamond', 15, 450, 80, '018f5a10-0000-7000-8000-000000000001', 1)
ON CONFLICT (id) DO NOTHING;