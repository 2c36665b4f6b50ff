-- Fact cards: short cited summaries that a chat's moderators draft, pin and keep true.
-- A card's content lives in card_versions (every edit is a new row, nothing is overwritten);
-- cards holds the current version number, which edits compare-and-swap (optimistic
-- concurrency), and the card's flags. Passage ids are plain text, not foreign keys: a
-- re-ingest replaces passage rows, and that is exactly what cards must survive and notice.
BEGIN;

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

PRAGMA user_version = 3;
COMMIT;
