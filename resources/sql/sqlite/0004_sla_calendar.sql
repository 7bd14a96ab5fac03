-- TelcoDesk local cache, schema version 4: what the SLA clocks are computed from (models/tickets).
--
-- Read-only catalog tables synced from the server (td.sla_*, server migration 0007) with the same
-- default rows under the same ids, so that a desktop that never synced still computes correct clocks
-- and a pulled row replaces the local one. Times of day are minutes after local midnight in the
-- calendar's fixed UTC offset (China has no DST); days are 'YYYY-MM-DD' in that offset.

CREATE TABLE sla_calendar (
    id                 TEXT PRIMARY KEY,
    code               TEXT NOT NULL,
    name               TEXT NOT NULL,
    utc_offset_minutes INTEGER NOT NULL CHECK (utc_offset_minutes BETWEEN -840 AND 840),
    row_version        INTEGER NOT NULL DEFAULT 0,
    updated_at         INTEGER,
    deleted_at         INTEGER
);

-- Working intervals per weekday (1 = Monday .. 7 = Sunday); several rows on one day leave breaks.
CREATE TABLE sla_calendar_hours (
    id           TEXT PRIMARY KEY,
    calendar_id  TEXT NOT NULL,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
    row_version  INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER,
    deleted_at   INTEGER,
    CHECK (start_minute < end_minute)
);
CREATE INDEX sla_calendar_hours_calendar ON sla_calendar_hours(calendar_id);

-- Exceptions to the weekly hours: a public holiday (no working time), or a make-up working day (调休)
-- on a weekend, which has the hours of a normal Monday–Friday working day.
CREATE TABLE sla_calendar_day (
    id          TEXT PRIMARY KEY,
    calendar_id TEXT NOT NULL,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
    name        TEXT NOT NULL DEFAULT '',
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);
CREATE INDEX sla_calendar_day_calendar ON sla_calendar_day(calendar_id, day);

-- Targets per ticket kind x priority x customer tier ('*': any tier). business_hours 0 runs the clock
-- around the clock whatever the calendar says. first_response_minutes may be fractional (1.5).
CREATE TABLE sla_policy (
    id                     TEXT PRIMARY KEY,
    kind                   TEXT NOT NULL CHECK (kind IN ('complaint','inquiry','fault','suggestion')),
    priority               INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
    tier                   TEXT NOT NULL DEFAULT '*',
    first_response_minutes REAL NOT NULL CHECK (first_response_minutes > 0),
    resolution_minutes     INTEGER NOT NULL CHECK (resolution_minutes > 0),
    near_breach_percent    INTEGER NOT NULL DEFAULT 80 CHECK (near_breach_percent BETWEEN 1 AND 100),
    calendar_id            TEXT NOT NULL,
    business_hours         INTEGER NOT NULL DEFAULT 1 CHECK (business_hours IN (0,1)),
    row_version            INTEGER NOT NULL DEFAULT 0,
    updated_at             INTEGER,
    deleted_at             INTEGER
);
CREATE INDEX sla_policy_lookup ON sla_policy(kind, priority, tier);

-- Default rows, the same ids as the server's migration 0007 (resources/sql/postgres/0007_sla_calendar.sql).
-- CN: Monday–Friday 09:00–12:00 and 13:30–18:00 China Standard Time (UTC+8). 24X7: every minute.
-- Holidays and make-up working days: 国务院办公厅关于2026年部分节假日安排的通知 (State Council General
-- Office, 4 November 2025; Xinhua, e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm).
-- The 2027 notice had not been published where we could find it: add its rows when it is (server side:
-- an INSERT into td.sla_calendar_day, which every desktop pulls).
-- Policies: the seeds' operators handle complaints within 36 hours and answer first within 1.5 minutes;
-- P1 and P2 complaints, P1 enquiries and P1/P2 faults run on the 24X7 clock; gold, platinum and diamond
-- customers get faster P3 complaint and fault targets.
INSERT INTO sla_calendar (id, code, name, utc_offset_minutes) VALUES
    ('018f5a10-0000-7000-8000-000000000001', 'CN', '中国大陆工作日 09:00–12:00, 13:30–18:00', 480),
    ('018f5a10-0000-7000-8000-000000000002', '24X7', '全天候 24×7', 480);
INSERT INTO sla_calendar_hours (id, calendar_id, weekday, start_minute, end_minute) VALUES
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
    ('018f5a10-0001-7000-8000-000000000017', '018f5a10-0000-7000-8000-000000000002', 7, 0, 1440);
INSERT INTO sla_calendar_day (id, calendar_id, day, kind, name) VALUES
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
    ('018f5a10-0002-7000-8000-000000000039', '018f5a10-0000-7000-8000-000000000001', '2026-10-10', 'workday', '国庆节调休上班');
INSERT INTO sla_policy (id, kind, priority, tier, first_response_minutes, resolution_minutes,
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
    ('018f5a10-0003-7000-8000-000000000022', 'fault', 3, 'diamond', 15, 450, 80, '018f5a10-0000-7000-8000-000000000001', 1);