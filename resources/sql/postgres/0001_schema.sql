-- TelcoDesk central database, migration 1: the data model.
--
-- Schema td holds the same tables and columns as the desktop cache (resources/sql/sqlite/0001_initial.sql),
-- typed for PostgreSQL: ids uuid, times bigint milliseconds since the epoch UTC, dates date, money bigint
-- fen, months integer yyyymm, enumerations text with the same CHECKs. Every synced table also carries
-- columns the server owns and never sends to a client:
--   sync_xid        the top-level transaction that wrote the row last (pg_current_xact_id())
--   scope_region    region of the customer the row belongs to (customer: its own region_code)
--   scope_queue     ticket and retention queue
--   scope_assignee  agent a ticket or retention task is assigned to
-- The scope columns are filled by trigger (0002) so that row-level security (0003) needs no joins.
-- row_version, updated_at and deleted_at are in the cache too, but only the server sets them.
--
-- Applied by `telcodesk-admin server init` in one transaction and recorded in sync.schema_migrations.

CREATE SCHEMA IF NOT EXISTS td;
CREATE SCHEMA IF NOT EXISTS sync;

-- Group roles are cluster-wide; another database on the same cluster may have created them already,
-- possibly at this very moment (hence the duplicate_object / unique_violation handler).
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['td_agent', 'td_clerk', 'td_supervisor', 'td_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$$;

-- Server milliseconds since the epoch: the only clock rows are stamped with.
CREATE OR REPLACE FUNCTION sync.now_ms() RETURNS bigint
    LANGUAGE sql VOLATILE PARALLEL SAFE
    RETURN (extract(epoch FROM clock_timestamp()) * 1000)::bigint;

-- Text from a payload, fit for a message: at most 64 characters, control characters shown as '?'.
CREATE OR REPLACE FUNCTION sync.clip(p text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN left(regexp_replace(coalesce(p, ''), '[[:cntrl:]]', '?', 'g'), 64)
           || CASE WHEN char_length(p) > 64 THEN '…' ELSE '' END;

CREATE TABLE IF NOT EXISTS td.region (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(), -- server only: every synced row has a uuid
    code           text NOT NULL UNIQUE,                        -- GB/T 2260 six-digit administrative code
    province_zh    text NOT NULL,
    city_zh        text NOT NULL,
    province_en    text NOT NULL,
    city_en        text NOT NULL,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

CREATE TABLE IF NOT EXISTS td.agent (
    id             uuid PRIMARY KEY,
    login          text NOT NULL UNIQUE,
    display_name   text NOT NULL,
    role           text NOT NULL CHECK (role IN ('agent', 'clerk', 'supervisor', 'admin')),
    region_code    text,
    team           text,
    skills         text NOT NULL DEFAULT '',
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

-- Extra scope of an agent beyond agent.region_code and agent.team: more regions, the ticket queues
-- it works, more teams (supervisors). Not synced: the server alone decides what an agent sees.
CREATE TABLE IF NOT EXISTS td.agent_scope (
    login text NOT NULL REFERENCES td.agent (login) ON UPDATE CASCADE,
    kind  text NOT NULL CHECK (kind IN ('region', 'queue', 'team')),
    value text NOT NULL CHECK (value <> ''),
    PRIMARY KEY (login, kind, value)
);

-- Masks a document number the way the desktop does (models/security/Masking.cpp): an 18-character
-- resident identity number keeps its first and last four characters, other documents their first and
-- last two; fewer than 8 characters are masked whole.
CREATE OR REPLACE FUNCTION td.mask_id_number(v text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN v IS NULL THEN NULL
        WHEN v ~ '^[0-9]{17}[0-9Xx]$' THEN left(v, 4) || repeat('*', 10) || right(v, 4)
        WHEN char_length(v) < 8 THEN repeat('*', char_length(v))
        ELSE left(v, 2) || repeat('*', char_length(v) - 4) || right(v, 2)
    END;

CREATE TABLE IF NOT EXISTS td.customer (
    id                 uuid PRIMARY KEY,
    account_no         text NOT NULL,
    name               text NOT NULL,
    name_norm          text NOT NULL,
    name_alt           text,
    type               text NOT NULL CHECK (type IN ('individual', 'family', 'enterprise')),
    gender             text CHECK (gender IN ('M', 'F')),
    birth_date         date,
    id_type            text CHECK (id_type IN ('resident_id', 'passport', 'hk_macau_permit', 'business_license')),
    id_number          text,
    region_code        text,
    city               text,
    address            text,
    segment            text,
    tier               text CHECK (tier IN ('standard', 'silver', 'gold', 'platinum', 'diamond')),
    tenure_start       date,
    status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
    account_manager_id uuid,
    consent_marketing  smallint NOT NULL DEFAULT 0 CHECK (consent_marketing IN (0, 1)),
    consent_data_use   smallint NOT NULL DEFAULT 0 CHECK (consent_data_use IN (0, 1)),
    tags               text NOT NULL DEFAULT '',
    primary_msisdn     text,
    parent_id          uuid,
    member_role        text,
    contact_raw        text,
    source_system      text,
    row_version        bigint NOT NULL DEFAULT 0,
    updated_at         bigint,
    deleted_at         bigint,
    sync_xid           xid8,
    scope_region       text,
    scope_queue        text,
    scope_assignee     uuid,
    -- What roles without the right to read ID numbers get instead (0003 withholds id_number from them).
    id_number_masked   text GENERATED ALWAYS AS (td.mask_id_number(id_number)) STORED
);

CREATE TABLE IF NOT EXISTS td.plan (
    id              uuid PRIMARY KEY,
    code            text NOT NULL UNIQUE,
    name_zh         text NOT NULL,
    name_en         text NOT NULL,
    service         text NOT NULL CHECK (service IN ('mobile', 'broadband', 'fixed', 'iptv', 'iot', 'bundle')),
    kind            text NOT NULL CHECK (kind IN ('base', 'addon')),
    monthly_fee_fen bigint NOT NULL CHECK (monthly_fee_fen >= 0),
    data_mb         integer NOT NULL DEFAULT 0,
    voice_min       integer NOT NULL DEFAULT 0,
    sms             integer NOT NULL DEFAULT 0,
    speed_mbps      integer NOT NULL DEFAULT 0,
    contract_months integer NOT NULL DEFAULT 0,
    eligibility     text NOT NULL DEFAULT '{}',
    lifecycle       text NOT NULL DEFAULT 'active' CHECK (lifecycle IN ('draft', 'active', 'retired')),
    row_version     bigint NOT NULL DEFAULT 0,
    updated_at      bigint,
    deleted_at      bigint,
    sync_xid        xid8,
    scope_region    text,
    scope_queue     text,
    scope_assignee  uuid
);

CREATE TABLE IF NOT EXISTS td.subscription (
    id             uuid PRIMARY KEY,
    customer_id    uuid NOT NULL REFERENCES td.customer (id),
    service        text NOT NULL CHECK (service IN ('mobile', 'broadband', 'fixed', 'iptv', 'iot')),
    number         text NOT NULL,
    number_digits  text NOT NULL,
    number_rev     text NOT NULL,
    plan_id        uuid,
    user_name      text,
    start_date     date NOT NULL,
    contract_end   date,
    status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'ported_out', 'closed')),
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

CREATE TABLE IF NOT EXISTS td.subscription_addon (
    id              uuid PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES td.subscription (id),
    plan_id         uuid NOT NULL,
    start_date      date NOT NULL,
    end_date        date,
    row_version     bigint NOT NULL DEFAULT 0,
    updated_at      bigint,
    deleted_at      bigint,
    sync_xid        xid8,
    scope_region    text,
    scope_queue     text,
    scope_assignee  uuid
);

-- Server-produced (billing and mediation): read-only for clients.
CREATE TABLE IF NOT EXISTS td.usage_month (
    id              uuid PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES td.subscription (id),
    month           integer NOT NULL CHECK (month BETWEEN 190001 AND 299912),
    voice_min       integer NOT NULL DEFAULT 0,
    data_mb         integer NOT NULL DEFAULT 0,
    sms             integer NOT NULL DEFAULT 0,
    spend_fen       bigint NOT NULL DEFAULT 0,
    app_logins      integer NOT NULL DEFAULT 0,
    roaming_mb      integer NOT NULL DEFAULT 0,
    row_version     bigint NOT NULL DEFAULT 0,
    updated_at      bigint,
    deleted_at      bigint,
    sync_xid        xid8,
    scope_region    text,
    scope_queue     text,
    scope_assignee  uuid,
    UNIQUE (subscription_id, month)
);

CREATE TABLE IF NOT EXISTS td.bill (
    id             uuid PRIMARY KEY,
    customer_id    uuid NOT NULL REFERENCES td.customer (id),
    month          integer NOT NULL CHECK (month BETWEEN 190001 AND 299912),
    amount_fen     bigint NOT NULL CHECK (amount_fen >= 0),
    due_date       date NOT NULL,
    paid_fen       bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
    paid_at        bigint,
    pay_method     text,
    status         text NOT NULL CHECK (status IN ('open', 'paid', 'partial', 'overdue')),
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid,
    UNIQUE (customer_id, month)
);

-- Append-only.
CREATE TABLE IF NOT EXISTS td.interaction (
    id              uuid PRIMARY KEY,
    customer_id     uuid NOT NULL REFERENCES td.customer (id),
    subscription_id uuid,
    channel         text NOT NULL CHECK (channel IN ('hotline', 'app', 'wechat', 'store', 'web', 'sms')),
    kind            text NOT NULL,
    direction       text NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
    occurred_at     bigint NOT NULL,
    agent_id        uuid,
    summary         text NOT NULL,
    ticket_id       uuid,
    row_version     bigint NOT NULL DEFAULT 0,
    updated_at      bigint,
    deleted_at      bigint,
    sync_xid        xid8,
    scope_region    text,
    scope_queue     text,
    scope_assignee  uuid
);

CREATE TABLE IF NOT EXISTS td.ticket (
    id                 uuid PRIMARY KEY,
    ticket_no          text NOT NULL,
    customer_id        uuid NOT NULL REFERENCES td.customer (id),
    subscription_id    uuid,
    kind               text NOT NULL CHECK (kind IN ('complaint', 'inquiry', 'fault', 'suggestion')),
    priority           integer NOT NULL CHECK (priority BETWEEN 1 AND 4),
    -- The cache leaves status open; the server knows the workflow (sync.ticket_transition, 0002).
    status             text NOT NULL
                       CHECK (status IN ('new', 'assigned', 'in_progress', 'waiting_customer', 'resolved', 'closed')),
    queue              text,
    assignee_id        uuid,
    channel            text NOT NULL,
    title              text NOT NULL,
    description        text NOT NULL DEFAULT '',
    resolution         text,
    csat               integer CHECK (csat BETWEEN 1 AND 5),
    created_at         bigint NOT NULL,
    first_response_due bigint,
    resolution_due     bigint,
    first_responded_at bigint,
    resolved_at        bigint,
    closed_at          bigint,
    row_version        bigint NOT NULL DEFAULT 0,
    updated_at         bigint,
    deleted_at         bigint,
    sync_xid           xid8,
    scope_region       text,
    scope_queue        text,
    scope_assignee     uuid
);

-- Append-only.
CREATE TABLE IF NOT EXISTS td.ticket_event (
    id             uuid PRIMARY KEY,
    ticket_id      uuid NOT NULL REFERENCES td.ticket (id),
    kind           text NOT NULL CHECK (kind IN ('comment', 'reply', 'transition', 'pause', 'resume', 'assignment')),
    at             bigint NOT NULL,
    agent_id       uuid,
    body           text,
    from_status    text,
    to_status      text,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

CREATE TABLE IF NOT EXISTS td.kb_article (
    id             uuid PRIMARY KEY,
    title          text NOT NULL,
    body           text NOT NULL,
    category       text NOT NULL,
    tags           text NOT NULL DEFAULT '',
    language       text NOT NULL CHECK (language IN ('zh_CN', 'en')),
    status         text NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'retired')),
    version        integer NOT NULL DEFAULT 1,
    helpful_up     integer NOT NULL DEFAULT 0,
    helpful_down   integer NOT NULL DEFAULT 0,
    views          integer NOT NULL DEFAULT 0,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

CREATE TABLE IF NOT EXISTS td.sales_order (
    id              uuid PRIMARY KEY,
    customer_id     uuid NOT NULL REFERENCES td.customer (id),
    subscription_id uuid,
    kind            text NOT NULL,
    from_plan_id    uuid,
    to_plan_id      uuid,
    steps_done      text NOT NULL DEFAULT '',
    eligibility     text NOT NULL DEFAULT '{}',
    fees_fen        bigint NOT NULL DEFAULT 0,
    approval_status text NOT NULL DEFAULT 'not_needed',
    status          text NOT NULL DEFAULT 'draft',
    created_at      bigint NOT NULL,
    created_by      uuid,
    row_version     bigint NOT NULL DEFAULT 0,
    updated_at      bigint,
    deleted_at      bigint,
    sync_xid        xid8,
    scope_region    text,
    scope_queue     text,
    scope_assignee  uuid
);

CREATE TABLE IF NOT EXISTS td.offer (
    id             uuid PRIMARY KEY,
    code           text NOT NULL UNIQUE,
    name_zh        text NOT NULL,
    name_en        text NOT NULL,
    plan_id        uuid,
    discount_fen   bigint NOT NULL DEFAULT 0,
    rule           text NOT NULL DEFAULT '{}',
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

CREATE TABLE IF NOT EXISTS td.retention_task (
    id             uuid PRIMARY KEY,
    customer_id    uuid NOT NULL REFERENCES td.customer (id),
    reason         text NOT NULL,
    score          double precision,
    assignee_id    uuid,
    queue          text,
    due_at         bigint,
    offer_id       uuid,
    outcome        text,
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    created_at     bigint NOT NULL,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

CREATE TABLE IF NOT EXISTS td.customer_note (
    id             uuid PRIMARY KEY,
    customer_id    uuid NOT NULL REFERENCES td.customer (id),
    author_id      uuid,
    created_at     bigint NOT NULL,
    body           text NOT NULL,
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

-- Append-only and tamper-evident: each row carries the hash chain of the desktop that wrote it
-- (models/security/AuditLog.h); 0002 checks on insert that hash matches the row's content. The local
-- seq is the desktop's own order and stays there. deleted_at is always NULL (rows are never removed).
CREATE TABLE IF NOT EXISTS td.audit_log (
    id             uuid PRIMARY KEY,
    at             bigint NOT NULL,
    actor          text NOT NULL,
    action         text NOT NULL,
    entity         text NOT NULL,
    entity_id      text,
    before_masked  text,
    after_masked   text,
    prev_hash      text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash           text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    row_version    bigint NOT NULL DEFAULT 0,
    updated_at     bigint,
    deleted_at     bigint,
    sync_xid       xid8,
    scope_region   text,
    scope_queue    text,
    scope_assignee uuid
);

-- Lookups the triggers, the policies and the desktop's first sync read through.
CREATE INDEX IF NOT EXISTS customer_scope_region ON td.customer (scope_region);
CREATE INDEX IF NOT EXISTS customer_parent ON td.customer (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS subscription_customer ON td.subscription (customer_id);
CREATE INDEX IF NOT EXISTS addon_subscription ON td.subscription_addon (subscription_id);
CREATE INDEX IF NOT EXISTS interaction_customer ON td.interaction (customer_id, occurred_at);
CREATE INDEX IF NOT EXISTS ticket_customer ON td.ticket (customer_id, created_at);
CREATE INDEX IF NOT EXISTS ticket_queue ON td.ticket (scope_queue) WHERE scope_queue IS NOT NULL;
CREATE INDEX IF NOT EXISTS ticket_assignee ON td.ticket (scope_assignee) WHERE scope_assignee IS NOT NULL;
CREATE INDEX IF NOT EXISTS ticket_event_ticket ON td.ticket_event (ticket_id, at);
CREATE INDEX IF NOT EXISTS note_customer ON td.customer_note (customer_id, created_at);
CREATE INDEX IF NOT EXISTS order_customer ON td.sales_order (customer_id);
CREATE INDEX IF NOT EXISTS retention_customer ON td.retention_task (customer_id);
