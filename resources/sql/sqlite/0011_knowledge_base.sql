-- Schema version 11: the knowledge base (issue 5).
--
-- Synced:
--   kb_category         read-only global catalog (a tree by parent_code); the rows below are the defaults
--                       for offline and demo use and carry the same fixed ids as the server's migration 0012.
--   kb_article          (existing) gains author, reviewer, times, change note and revision_of. The server
--                       sends agents and clerks published articles only; supervisors and admins see all.
--   kb_article_version  append-only: one row per published version, the history with what changed.
--   kb_feedback         append-only: views and "helpful?" votes. Ids derive from (article, agent, version)
--                       for votes and (article, agent, Beijing day) for views, so a repeat is a duplicate.
--   ticket_kb_link      an article linked to a ticket; scoped by its ticket like ticket_event; unlinking
--                       tombstones the row (deleted_at).
-- Local only, never synced, kept by triggers:
--   kb_search           the plain text of each live article (HTML stripped by td_kb_plain()), the content
--                       table of the full-text index.
--   kb_fts, kb_fts_work FTS5 over kb_search (title, tags, body), published / other articles, tokenizer 'porter tdcjk':
--                       Chinese as overlapping two-character tokens with each character colocated, Latin
--                       words and numbers lower-cased and stemmed (models/kb/KbFts).
--   kb_feedback_day     per article and Beijing day: views, helpful and not-helpful votes, ticket links;
--                       ranking reads the last 30 days, "most useful this week" the last 7.
-- td_kb_plain() and the tdcjk tokenizer are registered on every connection LocalStore opens: a tool that
-- opens this file without them can read kb_article but cannot write it.

CREATE TABLE kb_category (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    parent_code TEXT,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    ordinal     INTEGER NOT NULL DEFAULT 0,
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);

INSERT INTO kb_category (id, code, parent_code, name_zh, name_en, ordinal) VALUES
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
    ('0f1ac4ee-0000-4000-8000-00000000000e', 'device',            NULL,        '终端与SIM卡',    'Devices and SIM cards',      80);

-- status: draft -> in_review -> published -> retired; in_review -> draft (sent back with review_note).
-- version: the published version number, or for a draft the version it will become.
-- revision_of: a draft or in-review revision of a published article; publishing it copies its content
-- into that article (version + 1) and tombstones the revision row.
ALTER TABLE kb_article ADD COLUMN author_id TEXT;
ALTER TABLE kb_article ADD COLUMN reviewer_id TEXT;
ALTER TABLE kb_article ADD COLUMN created_at INTEGER;
ALTER TABLE kb_article ADD COLUMN published_at INTEGER;
ALTER TABLE kb_article ADD COLUMN change_note TEXT NOT NULL DEFAULT '';
ALTER TABLE kb_article ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
ALTER TABLE kb_article ADD COLUMN revision_of TEXT;
CREATE INDEX kb_article_revision ON kb_article(revision_of) WHERE revision_of IS NOT NULL;
CREATE INDEX kb_article_status ON kb_article(status, updated_at);

-- A snapshot of each published version, written with the publication, never changed.
CREATE TABLE kb_article_version (
    id           TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    version      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    category     TEXT NOT NULL,
    tags         TEXT NOT NULL DEFAULT '',
    change_note  TEXT NOT NULL DEFAULT '',
    author_id    TEXT,
    reviewer_id  TEXT,
    published_at INTEGER NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER,
    deleted_at   INTEGER
);
CREATE INDEX kb_article_version_article ON kb_article_version(article_id, version);

CREATE TABLE kb_feedback (
    id          TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL,
    agent_id    TEXT,
    kind        TEXT NOT NULL CHECK (kind IN ('view','helpful','not_helpful')),
    version     INTEGER,
    at          INTEGER NOT NULL,
    ticket_id   TEXT,
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);
CREATE INDEX kb_feedback_article ON kb_feedback(article_id, agent_id);

CREATE TABLE ticket_kb_link (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    agent_id    TEXT,
    linked_at   INTEGER NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER,
    deleted_at  INTEGER
);
CREATE INDEX ticket_kb_link_ticket ON ticket_kb_link(ticket_id);
CREATE INDEX ticket_kb_link_article ON ticket_kb_link(article_id);

-- ---------------------------------------------------------------------------------------------------
-- Local search index.
--
-- kb_search holds each live article's plain text; its short columns come first so that reading them
-- does not walk a long body's overflow pages. Two FTS5 indexes share it as their content: kb_fts has
-- the published articles (all that agents search, so their searches need no status filter) and
-- kb_fts_work the drafts, reviews and retired ones (for editors). Each indexes a part of kb_search, so
-- never run FTS5's 'rebuild' or 'integrity-check' on them: both assume the whole content table.

CREATE TABLE kb_search (
    rowid_      INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL,
    language    TEXT NOT NULL,
    category    TEXT NOT NULL,
    revision_of TEXT,
    tags        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL
);

CREATE VIRTUAL TABLE kb_fts USING fts5(
    title, tags, body, content = 'kb_search', content_rowid = 'rowid_', tokenize = 'porter tdcjk'
);
CREATE VIRTUAL TABLE kb_fts_work USING fts5(
    title, tags, body, content = 'kb_search', content_rowid = 'rowid_', tokenize = 'porter tdcjk'
);
CREATE VIRTUAL TABLE kb_fts_vocab USING fts5vocab(kb_fts, 'row');

CREATE TRIGGER kb_search_insert AFTER INSERT ON kb_search BEGIN
    INSERT INTO kb_fts(rowid, title, tags, body)
    SELECT new.rowid_, new.title, new.tags, new.body WHERE new.status = 'published';
    INSERT INTO kb_fts_work(rowid, title, tags, body)
    SELECT new.rowid_, new.title, new.tags, new.body WHERE new.status <> 'published';
END;
CREATE TRIGGER kb_search_delete AFTER DELETE ON kb_search BEGIN
    INSERT INTO kb_fts(kb_fts, rowid, title, tags, body)
    SELECT 'delete', old.rowid_, old.title, old.tags, old.body WHERE old.status = 'published';
    INSERT INTO kb_fts_work(kb_fts_work, rowid, title, tags, body)
    SELECT 'delete', old.rowid_, old.title, old.tags, old.body WHERE old.status <> 'published';
END;
CREATE TRIGGER kb_search_update AFTER UPDATE OF title, tags, body, status ON kb_search
WHEN new.title IS NOT old.title OR new.tags IS NOT old.tags OR new.body IS NOT old.body
  OR new.status IS NOT old.status BEGIN
    INSERT INTO kb_fts(kb_fts, rowid, title, tags, body)
    SELECT 'delete', old.rowid_, old.title, old.tags, old.body WHERE old.status = 'published';
    INSERT INTO kb_fts_work(kb_fts_work, rowid, title, tags, body)
    SELECT 'delete', old.rowid_, old.title, old.tags, old.body WHERE old.status <> 'published';
    INSERT INTO kb_fts(rowid, title, tags, body)
    SELECT new.rowid_, new.title, new.tags, new.body WHERE new.status = 'published';
    INSERT INTO kb_fts_work(rowid, title, tags, body)
    SELECT new.rowid_, new.title, new.tags, new.body WHERE new.status <> 'published';
END;

CREATE TRIGGER kb_article_search_insert AFTER INSERT ON kb_article WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO kb_search(article_id, title, tags, body, language, category, status, revision_of)
    VALUES (new.id, new.title, new.tags, td_kb_plain(new.body), new.language, new.category, new.status,
            new.revision_of);
END;
CREATE TRIGGER kb_article_search_update
AFTER UPDATE OF title, tags, body, language, category, status, revision_of, deleted_at ON kb_article BEGIN
    DELETE FROM kb_search WHERE article_id = old.id AND new.deleted_at IS NOT NULL;
    UPDATE kb_search
       SET title = new.title, tags = new.tags,
           body = CASE WHEN new.body IS old.body THEN body ELSE td_kb_plain(new.body) END,
           language = new.language, category = new.category, status = new.status, revision_of = new.revision_of
     WHERE article_id = new.id AND new.deleted_at IS NULL;
    INSERT INTO kb_search(article_id, title, tags, body, language, category, status, revision_of)
    SELECT new.id, new.title, new.tags, td_kb_plain(new.body), new.language, new.category, new.status,
           new.revision_of
     WHERE new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM kb_search WHERE article_id = new.id);
END;
CREATE TRIGGER kb_article_search_delete AFTER DELETE ON kb_article BEGIN
    DELETE FROM kb_search WHERE article_id = old.id;
END;

-- ---------------------------------------------------------------------------------------------------
-- Feedback per article and Beijing day (UTC+8, no daylight saving).

CREATE TABLE kb_feedback_day (
    article_id  TEXT NOT NULL,
    day         INTEGER NOT NULL,     -- days since 1970-01-01 in Beijing time
    views       INTEGER NOT NULL DEFAULT 0,
    helpful     INTEGER NOT NULL DEFAULT 0,
    not_helpful INTEGER NOT NULL DEFAULT 0,
    links       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, day)
) WITHOUT ROWID;
CREATE INDEX kb_feedback_day_day ON kb_feedback_day(day, article_id);

CREATE TRIGGER kb_feedback_day_insert AFTER INSERT ON kb_feedback WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO kb_feedback_day(article_id, day, views, helpful, not_helpful)
    VALUES (new.article_id, (new.at + 28800000) / 86400000,
            new.kind = 'view', new.kind = 'helpful', new.kind = 'not_helpful')
    ON CONFLICT(article_id, day) DO UPDATE SET
        views = views + excluded.views,
        helpful = helpful + excluded.helpful,
        not_helpful = not_helpful + excluded.not_helpful;
END;
CREATE TRIGGER kb_feedback_day_delete AFTER DELETE ON kb_feedback WHEN old.deleted_at IS NULL BEGIN
    UPDATE kb_feedback_day
       SET views = views - (old.kind = 'view'), helpful = helpful - (old.kind = 'helpful'),
           not_helpful = not_helpful - (old.kind = 'not_helpful')
     WHERE article_id = old.article_id AND day = (old.at + 28800000) / 86400000;
END;

CREATE TRIGGER kb_link_day_insert AFTER INSERT ON ticket_kb_link WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO kb_feedback_day(article_id, day, links)
    VALUES (new.article_id, (new.linked_at + 28800000) / 86400000, 1)
    ON CONFLICT(article_id, day) DO UPDATE SET links = links + 1;
END;
CREATE TRIGGER kb_link_day_update AFTER UPDATE OF deleted_at ON ticket_kb_link
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    INSERT INTO kb_feedback_day(article_id, day, links)
    VALUES (new.article_id, (new.linked_at + 28800000) / 86400000, CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END)
    ON CONFLICT(article_id, day) DO UPDATE SET links = links + excluded.links;
END;
CREATE TRIGGER kb_link_day_delete AFTER DELETE ON ticket_kb_link WHEN old.deleted_at IS NULL BEGIN
    UPDATE kb_feedback_day SET links = links - 1
     WHERE article_id = old.article_id AND day = (old.linked_at + 28800000) / 86400000;
END;

-- Articles that existed before this migration (none on a desktop that has not synced one).
INSERT INTO kb_search(article_id, title, tags, body, language, category, status, revision_of)
SELECT id, title, tags, td_kb_plain(body), language, category, status, revision_of
  FROM kb_article WHERE deleted_at IS NULL;
