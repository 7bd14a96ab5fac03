-- TelcoDesk local cache, schema version 1: the whole data model, sync-ready.
-- Every synced table carries id (UUID text), row_version (server-assigned, 0 = never synced),
-- updated_at (server time, ms since epoch UTC) and deleted_at (tombstone, ms since epoch UTC).
-- Money is integer fen. Times are integer milliseconds since the epoch, UTC. Dates are 'YYYY-MM-DD'.
-- Months are integers yyyymm.

CREATE TABLE region (
    code        TEXT PRIMARY KEY,          -- GB/T 2260 six-digit administrative code
    province_zh TEXT NOT NULL,
    city_zh     TEXT NOT NULL,
    province_en TEXT NOT NULL,
    city_en     TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE agent (
    id           TEXT PRIMARY KEY,
    login        TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('agent','clerk','supervisor','admin')),
    region_code  TEXT,
    team         TEXT,
    skills       TEXT NOT NULL DEFAULT '',
    row_version  INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER,
    deleted_at   INTEGER
);

CREATE TABLE customer (
    id                 TEXT PRIMARY KEY,
    account_no         TEXT NOT NULL,
    name               TEXT NOT NULL,
    name_norm          TEXT NOT NULL,       -- lower case, no white space: what search compares
    name_alt           TEXT,                -- Latin names: words reversed ("smith john"), for surname search
    type               TEXT NOT NULL CHECK (type IN ('individual','family','enterprise')),
    gender             TEXT CHECK (gender IN ('M','F')),
    birth_date         TEXT,
    id_type            TEXT CHECK (id_type IN ('resident_id','passport','hk_macau_permit','business_license')),
    id_number          TEXT,
    region_code        TEXT,
    city               TEXT,
    address            TEXT,
    segment            TEXT,
    tier               TEXT CHECK (tier IN ('standard','silver','gold','platinum','diamond')),
    tenure_start       TEXT,
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','closed')),
    account_manager_id TEXT,
    consent_marketing  INTEGER NOT NULL DEFAULT 0,
    consent_data_use   INTEGER NOT NULL DEFAULT 0,
    tags               TEXT NOT NULL DEFAULT '',  -- comma separated
    primary_msisdn     TEXT,                -- E.164
    parent_id          TEXT,                -- the household or enterprise group this customer belongs to
    member_role        TEXT,                -- within the group: head, spouse, child, parent, employee
    contact_raw        TEXT,                -- the contact number as the source system wrote it
    source_system      TEXT,
    row_version        INTEGER NOT NULL DEFAULT 0,
    updated_at         INTEGER,
    deleted_at         INTEGER
);

CREATE TABLE plan (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    service         TEXT NOT NULL CHECK (service IN ('mobile','broadband','fixed','iptv','iot','bundle')),
    kind            TEXT NOT NULL CHECK (kind IN ('base','addon')),
    monthly_fee_fen INTEGER NOT NULL CHECK (monthly_fee_fen >= 0),
    data_mb         INTEGER NOT NULL DEFAULT 0,
    voice_min       INTEGER NOT NULL DEFAULT 0,
    sms             INTEGER NOT NULL DEFAULT 0,
    speed_mbps      INTEGER NOT NULL DEFAULT 0,
    contract_months INTEGER NOT NULL DEFAULT 0,
    eligibility     TEXT NOT NULL DEFAULT '{}', -- JSON rules
    lifecycle       TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle IN ('draft','active','retired')),
    row_version     INTEGER NOT NULL DEFAULT 0,
    updated_at      INTEGER,
    deleted_at      INTEGER
);

CREATE TABLE subscription (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL,
    service         TEXT NOT NULL CHECK (service IN ('mobile','broadband','fixed','iptv','iot')),
    number          TEXT NOT NULL,          -- mobile: E.164; others: the service account number
    number_digits   TEXT NOT NULL,          -- national significant digits, what a caller reads out
    number_rev      TEXT NOT NULL,          -- number_digits reversed: suffix search on an index
    plan_id         TEXT,
    user_name       TEXT,                   -- who uses the line (household member, employee)
    start_date      TEXT NOT NULL,
    contract_end    TEXT,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','ported_out','closed')),
    row_version     INTEGER NOT NULL DEFAULT 0,
    updated_at      INTEGER,
    deleted_at      INTEGER
);

CREATE TABLE subscription_addon (
    id              TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL,
    plan_id         TEXT NOT NULL,
    start_date      TEXT NOT NULL,
    end_date        TEXT,
    row_version     INTEGER NOT NULL DEFAULT 0,
    updated_at      INTEGER,
    deleted_at      INTEGER
);

-- Server-produced (billing and mediation); read-only on clients. Clustered on the natural key so
-- that one customer's history is one range scan; the id is kept for the server's sake.
CREATE TABLE usage_month (
    subscription_id TEXT NOT NULL,
    month           INTEGER NOT NULL,
    id              TEXT NOT NULL,
    voice_min       INTEGER NOT NULL DEFAULT 0,
    data_mb         INTEGER NOT NULL DEFAULT 0,
    sms             INTEGER NOT NULL DEFAULT 0,
    spend_fen       INTEGER NOT NULL DEFAULT 0,
    app_logins      INTEGER NOT NULL DEFAULT 0,
    roaming_mb      INTEGER NOT NULL DEFAULT 0,
    row_version     INTEGER NOT NULL DEFAULT 0,
    updated_at      INTEGER,
    deleted_at      INTEGER,
    PRIMARY KEY (subscription_id, month)
) WITHOUT ROWID;

-- One bill per customer account per month, with the payment that settled it.
CREATE TABLE bill (
    customer_id  TEXT NOT NULL,
    month        INTEGER NOT NULL,
    id           TEXT NOT NULL,
    amount_fen   INTEGER NOT NULL CHECK (amount_fen >= 0),
    due_date     TEXT NOT NULL,
    paid_fen     INTEGER NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
    paid_at      INTEGER,
    pay_method   TEXT,                      -- wechat, alipay, bank, autopay, cash, store
    status       TEXT NOT NULL CHECK (status IN ('open','paid','partial','overdue')),
    row_version  INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER,
    deleted_at   INTEGER,
    PRIMARY KEY (customer_id, month)
) WITHOUT ROWID;

-- Append-only.
CREATE TABLE interaction (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL,
    subscription_id TEXT,
    channel         TEXT NOT NULL CHECK (channel IN ('hotline','app','wechat','store','web','sms')),
    kind            TEXT NOT NULL,          -- inquiry, complaint, billing, fault, plan_change, porting_inquiry, ...
    direction       TEXT NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound','outbound')),
    occurred_at     INTEGER NOT NULL,
    agent_id        TEXT,
    summary         TEXT NOT NULL,
    ticket_id       TEXT,
    row_version     INTEGER NOT NULL DEFAULT 0,
    updated_at      INTEGER,
    deleted_at      INTEGER
);

CREATE TABLE ticket (
    id                  TEXT PRIMARY KEY,
    ticket_no           TEXT NOT NULL,
    customer_id         TEXT NOT NULL,
    subscription_id     TEXT,
    kind                TEXT NOT NULL CHECK (kind IN ('complaint','inquiry','fault','suggestion')),
    priority            INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
    status              TEXT NOT NULL,
    queue               TEXT,
    assignee_id         TEXT,
    channel             TEXT NOT NULL,
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    resolution          TEXT,
    csat                INTEGER CHECK (csat BETWEEN 1 AND 5),
    created_at          INTEGER NOT NULL,
    first_response_due  INTEGER,
    resolution_due      INTEGER,
    first_responded_at  INTEGER,
    resolved_at         INTEGER,
    closed_at           INTEGER,
    row_version         INTEGER NOT NULL DEFAULT 0,
    updated_at          INTEGER,
    deleted_at          INTEGER
);

CREATE TABLE ticket_event (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('comment','reply','transition','pause','resume','assignment')),
    at          INTEGER NOT NULL,
    agent_id    TEXT,
    body        TEXT,
    from_status TEXT,
    to_status   TEXT,
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);

CREATE TABLE kb_article (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    category     TEXT NOT NULL,
    tags         TEXT NOT NULL DEFAULT '',
    language     TEXT NOT NULL CHECK (language IN ('zh_CN','en')),
    status       TEXT NOT NULL CHECK (status IN ('draft','in_review','published','retired')),
    version      INTEGER NOT NULL DEFAULT 1,
    helpful_up   INTEGER NOT NULL DEFAULT 0,
    helpful_down INTEGER NOT NULL DEFAULT 0,
    views        INTEGER NOT NULL DEFAULT 0,
    row_version  INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER,
    deleted_at   INTEGER
);

CREATE TABLE sales_order (
    id                TEXT PRIMARY KEY,
    customer_id       TEXT NOT NULL,
    subscription_id   TEXT,
    kind              TEXT NOT NULL,        -- plan_change, addon, new_line, ...
    from_plan_id      TEXT,
    to_plan_id        TEXT,
    steps_done        TEXT NOT NULL DEFAULT '',
    eligibility       TEXT NOT NULL DEFAULT '{}',
    fees_fen          INTEGER NOT NULL DEFAULT 0,
    approval_status   TEXT NOT NULL DEFAULT 'not_needed',
    status            TEXT NOT NULL DEFAULT 'draft',
    created_at        INTEGER NOT NULL,
    created_by        TEXT,
    row_version       INTEGER NOT NULL DEFAULT 0,
    updated_at        INTEGER,
    deleted_at        INTEGER
);

CREATE TABLE offer (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    plan_id     TEXT,
    discount_fen INTEGER NOT NULL DEFAULT 0,
    rule        TEXT NOT NULL DEFAULT '{}',
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);

CREATE TABLE retention_task (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    reason      TEXT NOT NULL,
    score       REAL,
    assignee_id TEXT,
    queue       TEXT,
    due_at      INTEGER,
    offer_id    TEXT,
    outcome     TEXT,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
    created_at  INTEGER NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);

CREATE TABLE customer_note (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    author_id   TEXT,
    created_at  INTEGER NOT NULL,
    body        TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);

-- Append-only and hash-chained: hash = SHA-256(prev_hash || the row's canonical text).
CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    at            INTEGER NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT,
    before_masked TEXT,
    after_masked  TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Every local mutation: written in the same transaction as the entity row. seq is the per-client
-- increasing mutation number the server deduplicates on.
CREATE TABLE outbox (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id    TEXT NOT NULL UNIQUE,
    entity         TEXT NOT NULL,
    entity_id      TEXT NOT NULL,
    op             TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    payload        TEXT NOT NULL,           -- JSON object of the fields written
    base_version   INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,        -- local clock: shown to people, never used for ordering
    schema_version INTEGER NOT NULL,
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','applied','rejected')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    error          TEXT
);
CREATE INDEX outbox_pending ON outbox(state, seq);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;

-- Ground truth of a generated demo data set (local only, never synced): which customers were made to
-- churn and which records are planted duplicates of which.
CREATE TABLE demo_truth (
    customer_id   TEXT PRIMARY KEY,
    churn_planted INTEGER NOT NULL DEFAULT 0,
    churn_month   INTEGER,
    duplicate_of  TEXT
) WITHOUT ROWID;
