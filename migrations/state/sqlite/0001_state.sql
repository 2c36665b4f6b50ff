-- The state: what the bot must never lose and cannot rebuild. Per-chat settings, the queries
-- behind buttons, the chats it is in, and the fact cards with their versions, cited sources,
-- pins and audit log. These are the tables (and shapes) that earlier releases kept in the
-- one database beside the index, so such a database is adopted as it is (bot/state/open.py).
-- The index lives in a file of its own (migrations/index/).

CREATE TABLE chat_settings (
    chat_id    INTEGER PRIMARY KEY,
    script     TEXT NOT NULL DEFAULT 'simplified'
               CHECK (script IN ('simplified', 'traditional', 'auto', 'source')),
    language   TEXT CHECK (language IN ('zh-Hans', 'zh-Hant', 'en')),  -- NULL: the user's own
    updated_by INTEGER,
    updated_at TEXT NOT NULL
);

-- A button's callback data names a row here (v1:pg:<id>:<page>), so buttons keep working
-- after a restart or a redeploy; rows older than the expiry are purged at startup.
CREATE TABLE callback_state (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('search', 'summary', 'timeline', 'quote')),
    query      TEXT NOT NULL,
    chat_id    INTEGER NOT NULL,
    page_size  INTEGER NOT NULL CHECK (page_size BETWEEN 1 AND 50),
    created_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX callback_state_by_age ON callback_state (created_at);

-- The bot's own membership per chat (my_chat_member updates).
CREATE TABLE chats (
    chat_id    INTEGER PRIMARY KEY,
    type       TEXT NOT NULL,
    title      TEXT,
    status     TEXT NOT NULL,    -- member, administrator, left, kicked, restricted
    changed_by INTEGER,
    updated_at TEXT NOT NULL
);

CREATE TABLE cards (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    locked     INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    query      TEXT,                      -- what the draft was made from, if anything
    created_by INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cards_by_chat ON cards (chat_id, id);

CREATE TABLE card_versions (
    card_id     INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CHECK (version >= 1),
    content     TEXT NOT NULL,            -- JSON {title, facts, quote, speaker, quote_pid, sources}
    change      TEXT NOT NULL CHECK (change IN ('draft', 'new', 'edit', 'cite', 'uncite', 'restore')),
    author      INTEGER,                  -- a user id; negative: an anonymous admin (the chat)
    author_name TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    PRIMARY KEY (card_id, version)
) WITHOUT ROWID;

-- Every passage a card has cited, as it read when cited: its text (to show what changed)
-- and its hash (passages.sha). A different hash, or no such passage, makes the card stale.
-- told_sha is the passage hash the moderators were last told about ('' = gone), so each
-- change is told once.
CREATE TABLE card_sources (
    card_id  INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    pid      TEXT NOT NULL,
    title    TEXT NOT NULL,
    sha      TEXT NOT NULL,
    text     TEXT NOT NULL,
    cited_at TEXT NOT NULL,
    told_sha TEXT,
    PRIMARY KEY (card_id, pid)
) WITHOUT ROWID;

-- Pinned messages; a row whose ended_at is NULL is the card's current pin.
CREATE TABLE card_pins (
    id         INTEGER PRIMARY KEY,
    card_id    INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    pinned_by  INTEGER,
    pinned_at  TEXT NOT NULL,
    ended_at   TEXT,
    end_reason TEXT CHECK (end_reason IN ('unpin', 'delete', 'lost'))
);
CREATE UNIQUE INDEX card_pins_current ON card_pins (card_id) WHERE ended_at IS NULL;

-- Who did what to which card, and when: what /cards log shows a chat's moderators.
CREATE TABLE card_audit (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL,
    card_id    INTEGER,
    actor      INTEGER,
    actor_name TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    version    INTEGER,
    detail     TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL
);
CREATE INDEX card_audit_by_chat ON card_audit (chat_id, id);
