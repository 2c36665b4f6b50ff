-- The store's identity, and the updates already handled (see state/sqlite/0002_identity.sql).
CREATE TABLE state_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE processed_updates (
    update_id  BIGINT PRIMARY KEY,
    handled_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX processed_updates_by_age ON processed_updates (handled_at);
