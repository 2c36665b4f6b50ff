-- Feedback on answers and the questions the bot could not answer (/gaps).
--
-- Every answer now carries 👍/👎, so every answer gets a button state (callback_state), and
-- a quote check (verify) is one more kind of answer. callback_state.pids holds the passage
-- ids the answer showed first, so a vote records what it was about. SQLite cannot change
-- a CHECK constraint in place: the table is rebuilt with its rows.
CREATE TABLE callback_state_new (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL
               CHECK (kind IN ('search', 'summary', 'timeline', 'quote', 'verify')),
    query      TEXT NOT NULL,
    chat_id    INTEGER NOT NULL,
    page_size  INTEGER NOT NULL CHECK (page_size BETWEEN 1 AND 50),
    created_at REAL NOT NULL,
    pids       TEXT NOT NULL DEFAULT ''           -- space-separated passage ids
) WITHOUT ROWID;
INSERT INTO callback_state_new (id, kind, query, chat_id, page_size, created_at)
    SELECT id, kind, query, chat_id, page_size, created_at FROM callback_state;
DROP TABLE callback_state;
ALTER TABLE callback_state_new RENAME TO callback_state;
CREATE INDEX callback_state_by_age ON callback_state (created_at);

-- One vote per user and answer, changeable. Only what the vote is about is kept: the
-- query, the passage ids shown, the vote (with, after a 👎 in a private chat, the user's
-- answer to "what were you looking for?"), and the voter as a keyed hash of (chat, user)
-- (bot/feedback/store.py; the key is state_meta.feedback_salt). Never shown to members.
CREATE TABLE feedback (
    answer_id TEXT NOT NULL,                      -- the answer's callback_state id
    user_hash TEXT NOT NULL,
    chat_id   INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    query     TEXT NOT NULL,
    pids      TEXT NOT NULL DEFAULT '',
    vote      INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    at        REAL NOT NULL,
    note      TEXT,                               -- after a 👎: what the user was looking for
    PRIMARY KEY (answer_id, user_hash)
) WITHOUT ROWID;
CREATE INDEX feedback_by_chat ON feedback (chat_id, at);

-- The questions the bot could not answer: nothing found ('empty'), paged past the first
-- page and left ('paged', counted once the asker has been quiet for a while), or an
-- answer given a 👎 ('disliked'). /gaps groups near-duplicates at read time.
CREATE TABLE unanswered (
    id        INTEGER PRIMARY KEY,
    chat_id   INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    query     TEXT NOT NULL,
    reason    TEXT NOT NULL CHECK (reason IN ('empty', 'paged', 'disliked')),
    answer_id TEXT,                               -- NULL for 'empty' (no answer to point at)
    user_hash TEXT NOT NULL,
    at        REAL NOT NULL,
    dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))
);
CREATE INDEX unanswered_by_time ON unanswered (at);
CREATE UNIQUE INDEX unanswered_once ON unanswered (answer_id, reason, user_hash)
    WHERE answer_id IS NOT NULL;
