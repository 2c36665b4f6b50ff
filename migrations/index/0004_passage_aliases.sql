-- Ids an edit retired: when a re-ingested document's passage changed or went away, its old id
-- points at the passage now standing in its place, so an id once shown in a chat or cited
-- by a card still opens something and can say that it changed (bot/lookup/index/stableids.py).
-- Unchanged passages keep their ids and need no row here. Rows go with their document.
BEGIN;

CREATE TABLE passage_aliases (
    old_pid    TEXT PRIMARY KEY,           -- never given out again in its document
    new_pid    TEXT NOT NULL,              -- a passages.pid (chains are kept resolved)
    doc_key    TEXT NOT NULL,              -- documents.key
    change     TEXT NOT NULL CHECK (change IN ('edited', 'removed')),
    old_text   TEXT NOT NULL,              -- what the old id showed
    changed_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX passage_aliases_by_new ON passage_aliases (new_pid);
CREATE INDEX passage_aliases_by_doc ON passage_aliases (doc_key);

PRAGMA user_version = 4;
COMMIT;
