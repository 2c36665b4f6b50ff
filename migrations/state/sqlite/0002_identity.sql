-- The store's identity, and the updates already handled.
-- state_meta.identity is a random id made when the store is created; the index remembers
-- it, so a bot that has run before notices when its state has gone missing.
-- processed_updates lets several instances share one store without answering an update
-- twice (a webhook redelivery, a rolling deploy): the first to insert its id handles it.
CREATE TABLE state_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE processed_updates (
    update_id  INTEGER PRIMARY KEY,
    handled_at REAL NOT NULL
);
CREATE INDEX processed_updates_by_age ON processed_updates (handled_at);
