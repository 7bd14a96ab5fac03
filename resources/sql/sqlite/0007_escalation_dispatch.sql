-- Schema version 7: escalation rules in data, the escalations they fired, and field engineers for
-- dispatching fault tickets (issue 4).
--
-- escalation_rule and field_engineer are read-only catalogs the server syncs to every desktop (policy
-- read_only, scope global); the rows below are the defaults for offline and demo use and carry the same
-- fixed ids as the server's migration 0009, so that a pulled row replaces its local twin.
-- ticket_escalation and ticket_escalation_ack are synced, append-only and scoped by their ticket like
-- ticket_event. region_point and escalation_seen are local only, never synced.

-- A rule says when a ticket escalates and what happens then.
--   trigger  not_handled_within  the ticket is still open (not in a resolved or closed state)
--                                threshold_minutes after it was created. clock 'wall' counts every
--                                minute; clock 'working' counts the working time of the calendar of
--                                the ticket's SLA policy, without the time it waited on the customer.
--            sla_breached        the ticket's resolution SLA clock is breached
--            repeat_complaints   the ticket is at least the repeat_count-th complaint of its customer
--                                created within window_days (this one included)
--   kind     the ticket kind the rule applies to, '*' for every kind
--   action   escalate_supervisor (a comment on the ticket and a notification for the role in
--            notify_role until one of them acknowledges it) or raise_priority (one step, never above P1)
-- A rule fires at most once per ticket: a ticket_escalation row for (ticket, rule) means never again.
CREATE TABLE escalation_rule (
    id                TEXT PRIMARY KEY,
    name_zh           TEXT NOT NULL,
    name_en           TEXT NOT NULL,
    kind              TEXT NOT NULL DEFAULT '*' CHECK (kind IN ('*','complaint','inquiry','fault','suggestion')),
    trigger           TEXT NOT NULL CHECK (trigger IN ('not_handled_within','sla_breached','repeat_complaints')),
    threshold_minutes INTEGER CHECK (threshold_minutes > 0),
    clock             TEXT NOT NULL DEFAULT 'wall' CHECK (clock IN ('wall','working')),
    repeat_count      INTEGER CHECK (repeat_count >= 2),
    window_days       INTEGER CHECK (window_days > 0),
    action            TEXT NOT NULL CHECK (action IN ('escalate_supervisor','raise_priority')),
    notify_role       TEXT CHECK (notify_role IN ('agent','clerk','supervisor','admin')),
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    row_version       INTEGER NOT NULL DEFAULT 0,
    updated_at        INTEGER,
    deleted_at        INTEGER
);

-- What a rule did to a ticket, once. fired_at is the firing desktop's clock (shown, never used to
-- order or decide anything). No UNIQUE (ticket_id, rule_id) here, unlike the server: a row this desktop
-- wrote and the server refused stays until a resync, and the winner's row must still be able to arrive.
-- Readers treat (ticket_id, rule_id) as the key.
CREATE TABLE ticket_escalation (
    id            TEXT PRIMARY KEY,
    ticket_id     TEXT NOT NULL,
    rule_id       TEXT NOT NULL,
    fired_at      INTEGER NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('escalate_supervisor','raise_priority')),
    from_priority INTEGER CHECK (from_priority BETWEEN 1 AND 4),
    to_priority   INTEGER CHECK (to_priority BETWEEN 1 AND 4),
    notified_role TEXT,
    detail        TEXT NOT NULL DEFAULT '',
    agent_id      TEXT,
    row_version   INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER,
    deleted_at    INTEGER
);
CREATE INDEX ticket_escalation_ticket ON ticket_escalation(ticket_id, rule_id);

-- A supervisor (or admin) has seen to an escalation. Append-only; its id is derived from the
-- escalation's, so two supervisors acknowledging the same one make one row.
CREATE TABLE ticket_escalation_ack (
    id            TEXT PRIMARY KEY,
    escalation_id TEXT NOT NULL,
    ticket_id     TEXT NOT NULL,
    agent_id      TEXT,
    at            INTEGER NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    row_version   INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER,
    deleted_at    INTEGER
);
CREATE INDEX ticket_escalation_ack_escalation ON ticket_escalation_ack(escalation_id);

-- Field engineers who can be sent to a fault. skills: comma separated services (broadband, fixed,
-- mobile, iptv, iot). lat/lon: WGS 84 degrees of where the engineer is based.
CREATE TABLE field_engineer (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    phone       TEXT NOT NULL,
    region_code TEXT NOT NULL,
    lat         REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon         REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    skills      TEXT NOT NULL DEFAULT '',
    available   INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);

-- Local only: the approximate centre (WGS 84, to a few kilometres) of each prefecture-level city of the
-- demo regions (models/demo/RegionData.cpp), keyed by its GB/T 2260 city code (NNNN00). A ticket has no
-- address coordinates; FieldDispatch places it at its customer's city centre.
CREATE TABLE region_point (
    code TEXT PRIMARY KEY,
    lat  REAL NOT NULL,
    lon  REAL NOT NULL
) WITHOUT ROWID;

-- Local only: which escalation notifications an agent has seen on this desktop.
CREATE TABLE escalation_seen (
    agent_id      TEXT NOT NULL,
    escalation_id TEXT NOT NULL,
    seen_at       INTEGER NOT NULL,
    PRIMARY KEY (agent_id, escalation_id)
) WITHOUT ROWID;

INSERT INTO escalation_rule (id, name_zh, name_en, kind, trigger, threshold_minutes, clock, repeat_count,
                             window_days, action, notify_role) VALUES
    ('0f1e5ca1-0000-4000-8000-000000000001', '投诉24小时未处理升级至主管', 'Complaint not handled within 24 hours: escalate to the supervisor',
     'complaint', 'not_handled_within', 1440, 'wall', NULL, NULL, 'escalate_supervisor', 'supervisor'),
    ('0f1e5ca1-0000-4000-8000-000000000002', '处理时限超时升级至主管', 'Resolution SLA breached: escalate to the supervisor',
     '*', 'sla_breached', NULL, 'wall', NULL, NULL, 'escalate_supervisor', 'supervisor'),
    ('0f1e5ca1-0000-4000-8000-000000000003', '30天内重复投诉提高优先级', 'Repeat complaint within 30 days: raise the priority',
     'complaint', 'repeat_complaints', NULL, 'wall', 2, 30, 'raise_priority', NULL);

INSERT INTO field_engineer (id, name, phone, region_code, lat, lon, skills, available) VALUES
    ('0f1e5ce0-0000-4000-8000-000000000001', '王建国', '+8613800138001', '440106', 23.1357, 113.3270, 'broadband,fixed,iptv', 1),
    ('0f1e5ce0-0000-4000-8000-000000000002', '李伟', '+8613800138002', '440111', 23.1575, 113.2732, 'mobile,broadband', 1),
    ('0f1e5ce0-0000-4000-8000-000000000003', '陈志强', '+8613800138003', '440304', 22.5415, 114.0550, 'broadband,fixed', 1),
    ('0f1e5ce0-0000-4000-8000-000000000004', '黄磊', '+8613800138004', '440305', 22.5333, 113.9304, 'mobile,iot', 0),
    ('0f1e5ce0-0000-4000-8000-000000000005', '张明', '+8613800138005', '110105', 39.9219, 116.4436, 'broadband,iptv', 1),
    ('0f1e5ce0-0000-4000-8000-000000000006', '刘洋', '+8613800138006', '310115', 31.2215, 121.5447, 'broadband,fixed,mobile', 1),
    ('0f1e5ce0-0000-4000-8000-000000000007', '周杰', '+8613800138007', '330106', 30.2592, 120.1300, 'broadband', 1),
    ('0f1e5ce0-0000-4000-8000-000000000008', '吴刚', '+8613800138008', '510104', 30.6574, 104.0659, 'mobile,broadband', 1),
    ('0f1e5ce0-0000-4000-8000-000000000009', '赵磊', '+8613800138009', '420106', 30.5540, 114.3160, 'fixed,iptv', 1),
    ('0f1e5ce0-0000-4000-8000-000000000010', '孙涛', '+8613800138010', '440604', 23.0215, 113.1214, 'broadband', 1);

INSERT INTO region_point (code, lat, lon) VALUES
    ('110100', 39.9042, 116.4074), ('120100', 39.0842, 117.2010), ('130100', 38.0428, 114.5149),
    ('130200', 39.6305, 118.1802), ('130600', 38.8739, 115.4646), ('140100', 37.8706, 112.5489),
    ('150100', 40.8426, 111.7492), ('150200', 40.6574, 109.8403), ('210100', 41.8057, 123.4315),
    ('210200', 38.9140, 121.6147), ('220100', 43.8171, 125.3235), ('220200', 43.8378, 126.5496),
    ('230100', 45.8038, 126.5350), ('230600', 46.5897, 125.1036), ('310100', 31.2304, 121.4737),
    ('320100', 32.0603, 118.7969), ('320200', 31.4912, 120.3119), ('320300', 34.2044, 117.2859),
    ('320500', 31.2990, 120.5853), ('330100', 30.2741, 120.1551), ('330200', 29.8683, 121.5440),
    ('330300', 27.9939, 120.6994), ('340100', 31.8206, 117.2272), ('340200', 31.3526, 118.4331),
    ('350100', 26.0745, 119.2965), ('350200', 24.4798, 118.0894), ('350500', 24.8741, 118.6757),
    ('360100', 28.6820, 115.8579), ('360700', 25.8310, 114.9350), ('370100', 36.6512, 117.1201),
    ('370200', 36.0671, 120.3826), ('370600', 37.4638, 121.4479), ('371300', 35.1047, 118.3564),
    ('410100', 34.7466, 113.6254), ('410300', 34.6197, 112.4540), ('411300', 32.9908, 112.5283),
    ('420100', 30.5928, 114.3055), ('420500', 30.6919, 111.2865), ('430100', 28.2282, 112.9388),
    ('440100', 23.1291, 113.2644), ('440300', 22.5431, 114.0579), ('440500', 23.3541, 116.6819),
    ('440600', 23.0215, 113.1214), ('441900', 23.0205, 113.7518), ('450100', 22.8170, 108.3665),
    ('450300', 25.2736, 110.2900), ('460100', 20.0440, 110.1999), ('460200', 18.2528, 109.5120),
    ('500100', 29.5630, 106.5516), ('510100', 30.5728, 104.0668), ('510700', 31.4675, 104.6796),
    ('520100', 26.6470, 106.6302), ('530100', 24.8801, 102.8329), ('540100', 29.6500, 91.1000),
    ('610100', 34.3416, 108.9398), ('620100', 36.0611, 103.8343), ('630100', 36.6171, 101.7782),
    ('640100', 38.4872, 106.2309), ('650100', 43.8256, 87.6168);
