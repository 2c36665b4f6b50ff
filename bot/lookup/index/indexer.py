"""Ingest the corpus folder into SQLite: incremental, idempotent, one transaction per run.

A file whose hash is unchanged is skipped; a changed file is parsed again and replaces its
old rows under the same document key, so passage ids of unchanged files never move, and its
unchanged passages keep their ids (:mod:`bot.lookup.index.stableids`). The
segmentation dictionary (alias names plus the short quoted terms of the whole corpus) is
part of the index: when it gains or loses a word, the passages holding that word are
segmented again (:mod:`bot.lookup.index.fts`). Adding documents writes their rows and adds
their counts; nothing else is read again (:mod:`bot.lookup.index.vocab`).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import aiosqlite

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.corpus.catalog import CorpusFile, DocMeta, assign_key, load_catalog, scan
from bot.lookup.corpus.glossary import build as build_glossary
from bot.lookup.errors import IngestError
from bot.lookup.index import fts, retired, vocab
from bot.lookup.index.idlock import Lock, read_lock
from bot.lookup.index.passages import PassageRecord, build_passages
from bot.lookup.index.stableids import Alias, keep_ids
from bot.lookup.ingest.model import ParsedDocument
from bot.lookup.text.script import fold, to_simplified
from bot.lookup.text.segment import Segmenter, has_cjk

log = logging.getLogger(__name__)

Parser = Callable[[str, bytes], ParsedDocument]
_QUOTED_TERM = re.compile(r"[“\"]([\u3400-\u9fff+＋]{2,8})[”\"]")


@dataclass(slots=True)
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Files left out, with why (not UTF-8, empty, no text): the rest of the corpus serves,
    # and a file indexed before keeps its last good version.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Ids an edit retired: (old id, the passage now in its place, edited | removed).
    retired: list[tuple[str, str, str]] = field(default_factory=list)
    passages: int = 0
    resegmented: bool = False
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.resegmented)


@dataclass(slots=True)
class _Parsed:
    file: CorpusFile
    key: str
    meta: DocMeta
    doc: ParsedDocument
    passages: list[PassageRecord]
    aliases: list[Alias] = field(default_factory=list)
    history: list[Alias] = field(default_factory=list)  # retired ids the shipped record kept


def default_parser() -> Parser:
    from bot.lookup.ingest.pipeline import parse_document

    return parse_document


def quoted_terms(texts: Iterable[str]) -> list[str]:
    """Short terms the corpus itself puts in quotation marks (“金砖+”, “云合影”)."""
    found: Counter[str] = Counter()
    for text in texts:
        found.update(to_simplified(m) for m in _QUOTED_TERM.findall(text))
    return sorted(t for t in found if has_cjk(t))


async def ingest(
    conn: aiosqlite.Connection,
    corpus_dir: Path,
    *,
    force: bool = False,
    parser: Parser | None = None,
    cache_dir: Path | None = None,
    lock: Lock | None = None,
) -> IngestReport:
    """Bring the index in ``conn`` up to date with ``corpus_dir``.

    Args:
        conn: An open, migrated database.
        corpus_dir: The folder holding ``raw/``, ``documents.toml`` and ``aliases.toml``.
        force: Re-parse every file even when its hash is unchanged.
        parser: The function turning a file into a ParsedDocument (the pipeline by default).
        cache_dir: Where jieba may keep its dictionary cache.
        lock: The ids the corpus gave out (:mod:`bot.lookup.index.idlock`); by default
            read from ``corpus_dir``. A document the index does not hold yet is aligned
            with its record there, so a build from scratch keeps the shipped ids.

    Returns:
        What changed.
    """
    started = time.perf_counter()
    report = IngestReport()
    files = scan(corpus_dir)
    catalog = load_catalog(corpus_dir)
    existing = await _existing(conn)
    pipeline = pipeline_fingerprint() if parser is None else "custom"
    state = await read_state(conn)
    # Files parsed by other code than this are stale even when they have not changed.
    force = force or (bool(existing) and state.get("pipeline") != pipeline)
    described = _catalog_hashes(catalog)
    told = _stored_catalog(state)
    todo = [
        f
        for f in files
        if force
        or existing.get(f.name, ("", ""))[1] != f.sha256
        # A changed documents.toml entry (title, date, authors) re-ingests its file.
        or (f.name in existing and told.get(f.name, "") != described.get(f.name, ""))
    ]
    report.unchanged = [f.name for f in files if f not in todo]
    gone = sorted(set(existing) - {f.name for f in files})
    parse = parser or (default_parser() if todo else None)
    if lock is None:
        lock = read_lock(corpus_dir) if any(f.name not in existing for f in todo) else {}
    taken = {key for name, (key, _) in existing.items() if name not in gone}
    parsed: list[_Parsed] = []
    for file in todo:
        raw = file.path.read_bytes()
        problem = "empty file" if not raw.strip() else None
        doc = None
        if problem is None:
            assert parse is not None
            try:
                doc = await asyncio.to_thread(parse, file.name, raw)
            except IngestError as exc:
                problem = (exc.detail or str(exc)).removeprefix(f"{file.name}: ")
        if doc is None or not any(a.blocks for a in doc.articles):
            problem = problem or "no text to index"
            log.warning("ingest: skipped %s: %s", file.name, problem)
            report.skipped.append((file.name, problem))
            continue
        meta = catalog.get(file.name, DocMeta())
        item = await _place(conn, _Parsed(file, "", meta, doc, []), existing, lock, taken)
        report.retired += [(a.old_pid, a.new_pid, a.change) for a in item.aliases]
        parsed.append(item)
        (report.updated if file.name in existing else report.added).append(file.name)
    report.removed = gone
    aliases = AliasTable.load(corpus_dir)
    gone_keys = [existing[name][0] for name in gone]
    await _write(conn, parsed, gone_keys, aliases, report, (cache_dir, pipeline))
    # The files left out (for /about) and the catalog entries read, each written only when
    # it changed: an up-to-date index on a read-only disk still serves.
    after = await read_state(conn)
    for key, value, unset in (
        ("skipped", json.dumps(report.skipped, ensure_ascii=False), "[]"),
        ("catalog", json.dumps(described, sort_keys=True), "{}"),
    ):
        if after.get(key, unset) != value:
            await _note_state(conn, key, value)
    report.seconds = time.perf_counter() - started
    return report


async def _place(
    conn: aiosqlite.Connection,
    item: _Parsed,
    existing: dict[str, tuple[str, str]],
    lock: Lock,
    taken: set[str],
) -> _Parsed:
    """Give a parsed file its key and passage ids: those the index holds for it, else those
    the shipped record holds, else new ones in reading order."""
    name = item.file.name
    shipped = lock.get(name) if name not in existing else None
    if name in existing:
        item.key = existing[name][0]
    elif shipped is not None and shipped.key not in taken:
        item.key = shipped.key
    else:
        item.key = assign_key(name, item.meta.id, taken)
    taken.add(item.key)
    item.passages = build_passages(item.key, item.doc)
    if name in existing:
        old = await retired.stored_passages(conn, item.key)
        earlier = await retired.retired_ids(conn, item.key)
        item.aliases = keep_ids(old, item.passages, earlier)
    elif shipped is not None and shipped.key == item.key:
        item.history = [Alias(r.old_pid, r.new_pid, r.change, r.old_text) for r in shipped.retired]
        earlier = [r.old_pid for r in shipped.retired]
        item.aliases = keep_ids(shipped.passages, item.passages, earlier)
    return item


async def _note_state(conn: aiosqlite.Connection, key: str, value: str) -> None:
    await conn.execute(
        "INSERT INTO corpus_state (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
    await conn.commit()


def _catalog_hashes(catalog: dict[str, DocMeta]) -> dict[str, str]:
    """A short hash of each file's documents.toml entry."""
    return {
        name: hashlib.sha256(repr(meta).encode("utf-8")).hexdigest()[:12]
        for name, meta in catalog.items()
    }


def _stored_catalog(state: dict[str, str]) -> dict[str, str]:
    try:
        stored = json.loads(state.get("catalog", "{}"))
    except json.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}


def skipped_files(state: dict[str, str]) -> list[tuple[str, str]]:
    """The files the last ingest left out, with why, from the corpus state."""
    try:
        rows = json.loads(state.get("skipped", "[]"))
    except json.JSONDecodeError:
        return []
    return [(str(r[0]), str(r[1])) for r in rows if isinstance(r, list) and len(r) == 2]


async def _existing(conn: aiosqlite.Connection) -> dict[str, tuple[str, str]]:
    async with conn.execute("SELECT name, key, sha256 FROM documents") as cur:
        return {row[0]: (row[1], row[2]) async for row in cur}


async def _write(
    conn: aiosqlite.Connection,
    parsed: list[_Parsed],
    gone: list[str],
    aliases: AliasTable,
    report: IngestReport,
    settings: tuple[Path | None, str],
) -> None:
    await conn.execute("BEGIN IMMEDIATE")
    try:
        for key in gone:
            await _delete_document(conn, key)
            await retired.forget(conn, key)
        for item in parsed:
            await _delete_document(conn, item.key)
        terms = await _stored_terms(conn)
        for item in parsed:
            item_terms = quoted_terms(r.text for r in item.passages)
            terms.update(item_terms)
            await _insert_document(conn, item, item_terms)
            await retired.record(conn, item.key, item.history)
            await retired.record(conn, item.key, item.aliases)
        words = sorted(set(aliases.dictionary_words()) | terms, key=lambda w: (-len(w), w))
        digest = hashlib.sha256("\n".join(words).encode()).hexdigest()[:16]
        state = await read_state(conn)
        cache_dir, pipeline = settings
        segmenter = Segmenter(words, cache_dir)
        added = [r.pid for item in parsed for r in item.passages]
        # A dictionary word cuts only the text that holds it: when words come or go, the
        # passages holding one of them are segmented again, and no others.
        touched: list[str] = []
        if state.get("dict_hash") and state.get("dict_hash") != digest:
            report.resegmented = True
            before = set(json.loads(state.get("dictionary", "[]")))
            touched = await fts.holding(conn, set(words) ^ before, set(added))
        stale = state.get("pipeline") != pipeline
        missing = await _token_df_missing(conn)
        # Documents only added, on an index whose other rows stand as they were: the counts
        # of the rows written are added to the stored ones, and the rest is not read.
        counted = bool(state) and not (stale or missing or report.updated or report.removed)
        if counted:
            await vocab.subtract(conn, touched)
        await fts.index_passages(conn, segmenter, touched + added)
        if report.changed or not state or stale or missing:
            if counted:
                await vocab.add(conn, touched + added)
            else:
                await vocab.rebuild(conn)
            await _write_state(conn, digest, words, pipeline)
        async with conn.execute("SELECT count(*) FROM passages") as cur:
            row = await cur.fetchone()
        report.passages = int(row[0]) if row else 0
        await conn.execute("COMMIT")
    except BaseException:
        await conn.execute("ROLLBACK")
        raise


async def _delete_document(conn: aiosqlite.Connection, key: str) -> None:
    await conn.execute(
        "DELETE FROM passages_fts WHERE rowid IN "
        "(SELECT p.id FROM passages p JOIN documents d ON d.id = p.doc_id WHERE d.key = ?)",
        (key,),
    )
    await conn.execute("DELETE FROM documents WHERE key = ?", (key,))


async def _stored_terms(conn: aiosqlite.Connection) -> set[str]:
    terms: set[str] = set()
    async with conn.execute("SELECT meta FROM documents") as cur:
        async for (meta,) in cur:
            terms.update(json.loads(meta).get("terms", []))
    return terms


async def _insert_document(conn: aiosqlite.Connection, item: _Parsed, terms: list[str]) -> None:
    doc, meta = item.doc, item.meta
    # documents.toml overrides what the text says about itself.
    authors = meta.authors or [a for a in doc.metadata.get("authors", "").split("、") if a]
    info = {"metadata": doc.metadata, "report": doc.report, "terms": terms}
    cur = await conn.execute(
        "INSERT INTO documents (key, name, sha256, title, authors, institution, outlet, date,"
        " date_kind, script, layout, source_kind, meta, ingested_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            item.key,
            item.file.name,
            item.file.sha256,
            meta.title or doc.title or Path(item.file.name).stem,
            json.dumps(authors, ensure_ascii=False),
            meta.institution,
            # A page that names no outlet is published by the site it stands on.
            meta.outlet or doc.metadata.get("outlet") or doc.metadata.get("site", ""),
            meta.date or doc.metadata.get("date"),
            meta.date_kind if meta.date else doc.metadata.get("date_kind", "unknown"),
            meta.script or doc.script,
            doc.layout,
            meta.source_kind,
            json.dumps(info, ensure_ascii=False),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    doc_id = cur.lastrowid
    article_ids = await _insert_articles(conn, item, doc_id)
    rows = [
        (
            r.pid,
            doc_id,
            article_ids.get(r.article) if r.article is not None else None,
            r.seq,
            r.para,
            r.kind,
            r.section,
            r.lead,
            r.speaker,
            r.text,
            fold(r.text),
            json.dumps(r.sentences),
            json.dumps(r.flags, ensure_ascii=False),
            json.dumps(r.refs, ensure_ascii=False),
            r.anchor,
            r.lang,
            r.line_start,
            r.line_end,
            r.sha,
        )
        for r in item.passages
    ]
    await conn.executemany(
        "INSERT INTO passages (pid, doc_id, article_id, seq, para, kind, section, lead, speaker,"
        " text, fold, sentences, flags, refs, anchor, lang, line_start, line_end, sha)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )


async def _insert_articles(
    conn: aiosqlite.Connection, item: _Parsed, doc_id: int | None
) -> dict[int, int]:
    ids: dict[int, int] = {}
    if len(item.doc.articles) < 2:
        return ids
    for index, art in enumerate(item.doc.articles):
        cur = await conn.execute(
            "INSERT INTO articles (doc_id, seq, key, title, authors, abstract, en_title,"
            " en_authors, en_abstract) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                doc_id,
                index + 1,
                f"{item.key}.a{index + 1}",
                art.title or art.en_title,
                json.dumps(art.authors, ensure_ascii=False),
                art.abstract,
                art.en_title,
                json.dumps(art.en_authors, ensure_ascii=False),
                art.en_abstract,
            ),
        )
        if cur.lastrowid is not None:
            ids[index] = cur.lastrowid
    return ids


async def _token_df_missing(conn: aiosqlite.Connection) -> bool:
    """An index built before token counts were kept: passages, but no counts."""
    async with conn.execute(
        "SELECT EXISTS (SELECT 1 FROM passages) AND NOT EXISTS (SELECT 1 FROM token_df)"
    ) as cur:
        row = await cur.fetchone()
    return bool(row and row[0])


# The code that turns a file into passages: a change to any of it re-parses every file.
_PIPELINE_PACKAGES = ("bot.lookup.ingest", "bot.lookup.text")
_PIPELINE_MODULES = (
    *(("bot.lookup.index", name) for name in ("passages.py", "indexer.py", "fts.py", "vocab.py")),
    ("bot.lookup.corpus", "glossary.py"),  # the glossary stored with the vocabulary
)


@functools.cache
def pipeline_fingerprint() -> str:
    """A hash of the ingest code and its data files, as installed."""
    digest = hashlib.sha256()
    parts: list[Traversable] = [resources.files(p) / n for p, n in _PIPELINE_MODULES]
    for package in _PIPELINE_PACKAGES:
        parts += _files(resources.files(package))
    for part in sorted(parts, key=str):
        digest.update(str(part).rsplit("/", 3)[-1].encode())
        digest.update(part.read_bytes())
    return digest.hexdigest()[:16]


def _files(folder: Traversable) -> list[Traversable]:
    out: list[Traversable] = []
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name != "__pycache__":
            out += _files(entry)
        elif entry.name.endswith((".py", ".txt", ".toml")):
            out.append(entry)
    return out


async def read_state(conn: aiosqlite.Connection) -> dict[str, str]:
    async with conn.execute("SELECT key, value FROM corpus_state") as cur:
        return {row[0]: row[1] async for row in cur}


async def _write_state(
    conn: aiosqlite.Connection, digest: str, words: list[str], pipeline: str
) -> None:
    # Passages depend on the files and on the code that parsed them; citations also show
    # what documents.toml says (a changed title is a new version a running bot reloads).
    sql = (
        "SELECT name, sha256, title, authors, outlet, date, date_kind FROM documents ORDER BY name"
    )
    async with conn.execute(sql) as cur:
        docs = [json.dumps(list(row), ensure_ascii=False) async for row in cur]
    # The English glossary translates to the words the corpus writes, so it follows them.
    terms = [t for (t,) in await conn.execute_fetchall("SELECT term FROM vocab")]
    glossary = await asyncio.to_thread(build_glossary, terms)
    state = {
        "glossary": json.dumps(glossary, ensure_ascii=False, sort_keys=True),
        "dict_hash": digest,
        "dictionary": json.dumps(words, ensure_ascii=False),
        "pipeline": pipeline,
        "version": hashlib.sha256("\n".join([*docs, pipeline]).encode()).hexdigest()[:12],
        "last_ingest": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    await conn.executemany(
        "INSERT INTO corpus_state (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        list(state.items()),
    )
