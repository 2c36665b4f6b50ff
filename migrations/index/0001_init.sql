-- The indexed corpus: documents -> articles -> passages (incl. footnotes), and the search index.
-- Display text (original script, cleaned) is kept apart from matching text (simplified, segmented).
BEGIN;

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,          -- citation prefix, e.g. "d2"
    name        TEXT NOT NULL UNIQUE,          -- file name in corpus/raw
    sha256      TEXT NOT NULL,
    title       TEXT NOT NULL,
    authors     TEXT NOT NULL DEFAULT '[]',    -- JSON list
    institution TEXT NOT NULL DEFAULT '',
    outlet      TEXT NOT NULL DEFAULT '',
    date        TEXT,                          -- "YYYY" | "YYYY-MM" | "YYYY-MM-DD"
    date_kind   TEXT NOT NULL DEFAULT 'unknown' CHECK (date_kind IN ('explicit', 'inferred', 'unknown')),
    script      TEXT NOT NULL CHECK (script IN ('simplified', 'traditional')),
    layout      TEXT NOT NULL,
    source_kind TEXT NOT NULL DEFAULT '',
    meta        TEXT NOT NULL DEFAULT '{}',    -- JSON: what ingest found (running head, byline, report)
    ingested_at TEXT NOT NULL
);

CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    key         TEXT NOT NULL UNIQUE,          -- "d2.a6"
    title       TEXT,
    authors     TEXT NOT NULL DEFAULT '[]',
    abstract    TEXT,
    en_title    TEXT,
    en_authors  TEXT NOT NULL DEFAULT '[]',
    en_abstract TEXT,
    UNIQUE (doc_id, seq)
);

CREATE TABLE passages (
    id          INTEGER PRIMARY KEY,
    pid         TEXT NOT NULL UNIQUE,          -- "d2.a6.p41"; footnotes "d1.n12"
    doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    article_id  INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,              -- reading order within the document
    para        INTEGER NOT NULL,              -- passages split from one paragraph share it
    kind        TEXT NOT NULL CHECK (kind IN ('body', 'abstract', 'epigraph', 'footnote')),
    section     TEXT,                          -- "第一章 … > 一、…"
    lead        TEXT,                          -- inline lead-in sub-heading
    speaker     TEXT,                          -- epigraph attribution
    text        TEXT NOT NULL,                 -- display text, original script
    fold        TEXT NOT NULL,                 -- simplified, whitespace-free matching text
    head        TEXT NOT NULL DEFAULT '',      -- the same for titles, section and lead
    byline      TEXT NOT NULL DEFAULT '',      -- the same for the authors' names
    sentences   TEXT NOT NULL DEFAULT '[]',    -- JSON [[start, end, flagged], ...] into text
    flags       TEXT NOT NULL DEFAULT '[]',    -- JSON [[start, end, reason], ...] mojibake spans
    refs        TEXT NOT NULL DEFAULT '[]',    -- JSON [[offset, marker, footnote pid|null], ...]
    anchor      TEXT,                          -- footnotes: pid of the passage citing them
    lang        TEXT NOT NULL DEFAULT 'zh',
    line_start  INTEGER NOT NULL,
    line_end    INTEGER NOT NULL,
    sha         TEXT NOT NULL                  -- hash of text: fact cards notice changed sources
);
CREATE INDEX passages_by_doc ON passages (doc_id, seq);

-- rowid = passages.id. words: jieba tokens of the simplified text (+ canonical alias names);
-- grams: CJK bigrams, catching names and short terms segmentation splits differently.
CREATE VIRTUAL TABLE passages_fts USING fts5 (
    words, grams, title, section,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Corpus vocabulary for typo correction: simplified word -> document frequency.
CREATE TABLE vocab (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL,
    key  TEXT NOT NULL                     -- toneless pinyin, for input-method slips
) WITHOUT ROWID;
CREATE INDEX vocab_by_key ON vocab (key);

-- Every CJK character bigram of the corpus: a query word with a bigram outside this set is
-- not corpus text, which is when typo correction may step in.
CREATE TABLE grams (
    gram TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE corpus_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

PRAGMA user_version = 1;
COMMIT;
