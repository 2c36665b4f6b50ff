-- What the Telegram bot remembers: per-chat settings, the queries behind buttons, and the
-- chats it has been added to or removed from.
BEGIN;

CREATE TABLE chat_settings (
    chat_id    INTEGER PRIMARY KEY,
    script     TEXT NOT NULL DEFAULT 'source'
               CHECK (script IN ('source', 'simplified', 'traditional')),
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

PRAGMA user_version = 2;
COMMIT;
