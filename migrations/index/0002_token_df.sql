-- How many passages hold each index token (in any FTS column, as the FTS tokenizer splits
-- it). Search reads it to estimate how many rows a MATCH would hand to bm25 before running
-- it, so that on a large corpus the commonest words stop selecting candidates. Filled by
-- the next ingest (an index built before this migration is brought up to date then).
BEGIN;

CREATE TABLE token_df (
    token TEXT PRIMARY KEY,
    df    INTEGER NOT NULL
) WITHOUT ROWID;

PRAGMA user_version = 2;
COMMIT;
