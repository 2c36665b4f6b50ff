"""The lookup core's front door: one object holding the database and the search machinery.

``Library.open`` connects, migrates, brings the index up to date with the corpus folder
(building it on first use) and loads the segmenter and vocabulary, so the first query is
already warm. Everything the bot and the CLI ask goes through here.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import sqlite3
from pathlib import Path

import aiosqlite
import numpy as np
import numpy.typing as npt
from cachetools import LRUCache

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.corpus.summits import NO_SUMMITS, SummitTable
from bot.lookup.index import db
from bot.lookup.index.idlock import current_lock, write_lock
from bot.lookup.index.indexer import IngestReport, ingest, read_state, skipped_files
from bot.lookup.index.sources import document_list, passage_view
from bot.lookup.quotes.find import find_quotes, quote_index
from bot.lookup.quotes.verify import claim_index, verify_claim
from bot.lookup.results import (
    CorpusInfo,
    DocumentInfo,
    PassageView,
    Quotes,
    SearchResult,
    Summary,
    Timeline,
    Verification,
)
from bot.lookup.search.query import QueryParser, Vocabulary, clean
from bot.lookup.search.ranking_config import DEFAULT_RANKING
from bot.lookup.search.searcher import Searcher
from bot.lookup.search.semantic.embed import (
    Progress,
    embed_texts,
    encoder_key,
    passage_vectors,
    prune,
    texts_without,
)
from bot.lookup.search.semantic.encoder import Encoder
from bot.lookup.search.semantic.index import (
    QueryVectors,
    SemanticIndex,
    load_index,
    query_text,
)
from bot.lookup.search.semantic.shipped import (
    FILE_NAME,
    ShippedVectors,
    read_shipped,
    write_shipped,
)
from bot.lookup.summary.summarize import summarize
from bot.lookup.text.script import to_simplified
from bot.lookup.text.segment import Segmenter
from bot.lookup.timeline.build import build_timeline
from bot.lookup.timeline.chronology import corpus_events
from bot.lookup.timeline.grouping import known_disagreements

log = logging.getLogger(__name__)


class Library:
    """An open, indexed corpus."""

    def __init__(
        self,
        conn: aiosqlite.Connection,
        corpus_dir: Path | None,
        db_path: Path | str = "",
        encoder: Encoder | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.conn = conn
        self.db_path = db_path
        self.corpus_dir = corpus_dir
        self.encoder = encoder
        self.progress = progress
        self.semantic: SemanticIndex | None = None
        self.queries = QueryVectors(encoder) if encoder is not None else None
        self.embedded = 0  # passage texts this process embedded
        self._shipped: ShippedVectors | None = None
        self._shipped_read = False
        self._embedding: asyncio.Task[int] | None = None
        self.aliases = AliasTable()
        self.summits = NO_SUMMITS
        self.segmenter = Segmenter()
        self.vocab = Vocabulary({}, {}, 1)
        self.searcher = Searcher(conn, QueryParser(self.segmenter, self.aliases, self.vocab))
        self.last_ingest: IngestReport | None = None
        self._documents: list[DocumentInfo] | None = None
        self._about: CorpusInfo | None = None
        self.version = ""  # the index version loaded
        self._data_version: int | None = None  # SQLite's counter of others' commits
        # Timelines built lately, for their pages (each entry says which searcher built it).
        self._timelines: LRUCache[tuple[str, int], _BuiltTimeline] = LRUCache(_TIMELINES_KEPT)

    @classmethod
    async def open(
        cls,
        db_path: Path | str,
        corpus_dir: Path | None = None,
        *,
        update_index: bool = True,
        cache_dir: Path | None = None,
        rebuild_damaged: bool = False,
        encoder: Encoder | None = None,
        progress: Progress | None = None,
    ) -> Library:
        """Open the database at ``db_path`` and make sure it indexes ``corpus_dir``.

        Args:
            db_path: The SQLite file (created if missing).
            corpus_dir: The corpus folder; None to use the index as it is.
            update_index: Ingest new or changed files before answering.
            cache_dir: Where jieba keeps its dictionary cache.
            rebuild_damaged: Check the file first (``PRAGMA quick_check``); if it is damaged,
                move it aside (``NAME.damaged``) and build the index afresh from the corpus.
                The index is derived data, so this loses nothing; it is never deleted.
            encoder: The embedding model for semantic search
                (:func:`bot.lookup.search.semantic.encoder.load_encoder`); None for lexical
                search only. Passage vectors come from the corpus's shipped file; texts it
                lacks are embedded in the background (:meth:`embedding_done`), and search
                is lexical until they are.
            progress: Told how far embedding has come, passage by passage.

        Raises:
            DatabaseError: the file is not a usable database (damaged, newer than this code),
                or it cannot be written when the index needs it (read-only, locked, disk full).
            IngestError: the corpus folder cannot be read.
        """
        if rebuild_damaged and corpus_dir is not None and str(db_path) != ":memory:":
            conn = await _connect_or_rebuild(Path(db_path))
        else:
            conn = await db.connect(db_path)
        library = cls(conn, corpus_dir, db_path, encoder, progress)
        try:
            if corpus_dir is not None and update_index:
                library.last_ingest = await library._ingest(cache_dir=cache_dir)
            await library.load(cache_dir)
        except sqlite3.OperationalError as exc:
            await conn.close()
            raise db.database_error(db_path, exc) from exc
        except BaseException:
            await conn.close()
            raise
        return library

    async def load(self, cache_dir: Path | None = None) -> None:
        """(Re)load what search needs from the database: dictionary, vocabulary, aliases."""
        state = await read_state(self.conn)
        words = json.loads(state.get("dictionary", "[]"))
        self.segmenter = Segmenter(words, cache_dir)
        await asyncio.to_thread(self.segmenter.initialize)
        if DEFAULT_RANKING.abstain_names:
            await asyncio.to_thread(self.segmenter.names)  # read before a question needs it
        if self.corpus_dir is not None:
            self.aliases = AliasTable.load(self.corpus_dir)
        self.summits = SummitTable.load(self.corpus_dir)
        self.vocab = await _load_vocab(self.conn)
        await self._stop_embedding()
        todo: list[str] = []
        self.semantic = None
        queries = self.queries
        if queries is not None:
            self.semantic, todo = await load_index(self.conn, queries, self.shipped())
        glossary = json.loads(state.get("glossary", "{}"))
        parser = QueryParser(
            self.segmenter, self.aliases, self.vocab, glossary=glossary, summits=self.summits
        )
        self.searcher = Searcher(self.conn, parser, semantic=self.semantic)
        self._documents = self._about = None
        self.version = state.get("version", "")
        self._data_version = await self._others_commits()
        if todo and queries is not None:
            self._embedding = asyncio.create_task(self._embed(queries, todo, self.searcher))
            self._embedding.add_done_callback(_log_failure)

    def shipped(self) -> ShippedVectors | None:
        """The passage vectors shipped in the corpus folder (read once), if any."""
        if not self._shipped_read and self.corpus_dir is not None:
            self._shipped = read_shipped(self.corpus_dir / FILE_NAME)
        self._shipped_read = True
        return self._shipped

    async def _embed(self, queries: QueryVectors, shas: list[str], searcher: Searcher) -> int:
        """Embed the passage texts ``shas`` while search answers lexically, then turn
        semantic search on for ``searcher`` unless the index was reloaded meanwhile."""
        todo = await texts_without(self.conn, set(shas))
        log.info(
            "embedding %d passage texts the shipped vectors lack; search is lexical until done",
            len(todo),
        )
        done = await embed_texts(self.conn, queries.encoder, todo, self.progress)
        self.embedded += done
        await prune(self.conn, queries.encoder)
        if self.searcher is searcher:
            index, missing = await load_index(self.conn, queries, self.shipped())
            if index is not None:
                self.semantic = index
                searcher.use_semantic(index)
                log.info("semantic search is on (%d passages)", len(index))
            elif missing:
                log.warning("%d passage texts still have no vector", len(missing))
        return done

    async def embedding_done(self) -> bool:
        """Wait for the background embedding, if one runs; True if search is semantic.

        Raises:
            DatabaseError: the vectors could not be stored.
        """
        if self._embedding is not None:
            try:
                await asyncio.shield(self._embedding)
            except sqlite3.OperationalError as exc:
                raise db.database_error(self.db_path, exc) from exc
        return self.semantic is not None

    async def ship_vectors(self) -> tuple[int, bool]:
        """Embed every passage text that has no vector (waiting for it), then write all of
        them to the corpus folder's shipped file (:mod:`bot.lookup.search.semantic.shipped`).

        Returns:
            How many passage texts the file holds, and whether it changed.

        Raises:
            ValueError: opened without an encoder or a corpus folder.
            DatabaseError: the vectors could not be stored.
        """
        if self.encoder is None or self.corpus_dir is None:
            raise ValueError("shipping vectors needs an encoder and a corpus folder")
        await self.embedding_done()
        key = encoder_key(self.encoder)
        shipped = self.shipped()
        known = {}
        if shipped is not None:
            rows = shipped.for_encoder(key)
            known = {sha: shipped.matrix[row].astype(np.float32) for sha, row in rows.items()}
        vectors = await passage_vectors(self.conn, self.encoder, known)
        changed = write_shipped(self.corpus_dir / FILE_NAME, key, vectors)
        return len(vectors), changed

    async def _stop_embedding(self) -> None:
        task, self._embedding = self._embedding, None
        if task is not None and not task.done():
            task.cancel()
        if task is not None:
            # A failure was logged when it happened (_log_failure); a reload starts anew.
            await asyncio.gather(task, return_exceptions=True)

    async def refresh(self) -> bool:
        """Reload if another process re-indexed the database since; True if it did.

        ``python -m bot ingest`` may run while the bot answers. SQLite counts commits made by
        other connections (``PRAGMA data_version``), so the check costs one pragma; only a
        new index version reloads, which replaces the searcher and with it every cache built
        on the old passages (rows, pages, snapshots, sentence pools, chronology).
        """
        seen = await self._others_commits()
        if seen == self._data_version:
            return False
        self._data_version = seen
        version = (await read_state(self.conn)).get("version", "")
        if version == self.version:
            self._about = None  # the last ingest time may have changed
            return False
        log.info(
            "the index changed under this process (%s -> %s): reloading", self.version, version
        )
        await self.load()
        return True

    async def recall(self, key: str) -> str | None:
        """A note this index keeps for its users (``remember``), or None."""
        sql = "SELECT value FROM corpus_state WHERE key = ?"
        async with self.conn.execute(sql, (f"note:{key}",)) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row is not None else None

    async def remember(self, key: str, value: str) -> None:
        """Keep a note in the index (e.g. which state store the bot ran with); written only
        when it changes. Re-ingesting keeps notes; rebuilding the index loses them."""
        if await self.recall(key) == value:
            return
        await self.conn.execute(
            "INSERT INTO corpus_state (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (f"note:{key}", value),
        )
        await self.conn.commit()

    async def _others_commits(self) -> int:
        rows = list(await self.conn.execute_fetchall("PRAGMA data_version"))
        return int(rows[0][0]) if rows else 0

    async def reindex(self, *, force: bool = False) -> IngestReport:
        """Ingest the corpus folder again (changed files only unless ``force``).

        Raises:
            DatabaseError: the database cannot be written (read-only, locked, disk full).
            IngestError: a corpus file cannot be read.
        """
        report = await self._ingest(force=force)
        if report.changed:
            await self.load()
        self._about = None  # the last ingest time changed even when nothing else did
        self.last_ingest = report
        return report

    async def record_ids(self) -> bool:
        """Write the ids the index gave out to the corpus folder's record (if they changed),
        so a build from scratch gives the same ones (:mod:`bot.lookup.index.idlock`)."""
        if self.corpus_dir is None:
            raise ValueError("this library was opened without a corpus folder")
        return write_lock(self.corpus_dir, await current_lock(self.conn))

    async def _ingest(self, *, force: bool = False, cache_dir: Path | None = None) -> IngestReport:
        if self.corpus_dir is None:
            raise ValueError("this library was opened without a corpus folder")
        try:
            return await ingest(self.conn, self.corpus_dir, force=force, cache_dir=cache_dir)
        except sqlite3.OperationalError as exc:
            # Reading needs no write access, so a read-only file shows itself only here.
            raise db.database_error(self.db_path, exc) from exc

    async def warm(self) -> None:
        """Build what timelines, quotes and quote checks otherwise build on their first question.

        Each walks the whole corpus once per index state (a few hundred milliseconds, in a
        worker thread); a long-running bot does it right after it starts.
        """
        chronology = await corpus_events(self.conn, self.summits)
        await asyncio.to_thread(known_disagreements, chronology)
        await quote_index(self)
        await claim_index(self)

    async def close(self) -> None:
        await self._stop_embedding()
        self._documents = self._about = None
        await self.conn.close()

    async def search(self, query: str, limit: int = 10, offset: int = 0) -> SearchResult:
        """Ranked passages for ``query`` (see :class:`bot.lookup.search.searcher.Searcher`),
        each with the sentence that answers it marked (:mod:`bot.lookup.search.answer`)."""
        await self.refresh()
        return await self.searcher.search(query, limit, offset)

    def question_key(self, text: str) -> str:
        """What a question asks for, as text to compare questions by: its concepts after the
        corrections search makes (金砖扩圆 -> 金砖扩员), in simplified script, without the
        question words (什么时候, 是何时)."""
        terms = [c.term for c in self.searcher.parser.parse(text).concepts]
        return to_simplified(" ".join(terms) if terms else clean(text).lower())

    async def question_vector(self, text: str) -> npt.NDArray[np.float32] | None:
        """The question's vector as semantic search reads it; None with the layer off."""
        if self.semantic is None:
            return None
        parsed = self.searcher.parser.parse(text)
        return await self.semantic.queries.vector(query_text(parsed))

    async def summary(self, query: str) -> Summary:
        """2–4 cited corpus sentences answering "what does the corpus say about X"."""
        await self.refresh()
        return await summarize(self, query)

    async def timeline(self, query: str, limit: int = 50, *, reuse: bool = False) -> Timeline:
        """Dated events about a topic, in date order, each with its citations.

        With ``reuse`` (turning a page of it), the timeline built last for ``query`` is
        given again if the index and the search it was built with are unchanged: building
        one ranks and judges hundreds of dated statements, and a page shows eight.
        """
        await self.refresh()
        searcher = self.searcher
        built = self._timelines.get((query, limit)) if reuse else None
        if (
            built is None
            or built.searcher is not searcher
            or built.semantic is not searcher.semantic
        ):
            timeline = await build_timeline(self, query, limit)
            built = _BuiltTimeline(searcher, searcher.semantic, timeline)
            self._timelines[(query, limit)] = built
        result = built.timeline
        return dataclasses.replace(result, events=list(result.events))

    async def quotes(self, query: str, limit: int = 10) -> Quotes:
        """Verbatim quotations attributed to a speaker, matching the query."""
        await self.refresh()
        return await find_quotes(self, query, limit)

    async def verify(self, text: str) -> Verification:
        """Whether a claimed quotation is in the corpus: verbatim, close or not found."""
        await self.refresh()
        return await verify_claim(self, text)

    async def passage(self, pid: str) -> PassageView | None:
        """A passage (or footnote) by id with its neighbours, footnotes and document."""
        await self.refresh()
        return await passage_view(self.conn, pid.strip())

    async def documents(self) -> list[DocumentInfo]:
        """The documents in the corpus, with their articles (kept until the index changes)."""
        await self.refresh()
        if self._documents is None:
            self._documents = await document_list(self.conn)
        return list(self._documents)

    async def about(self) -> CorpusInfo:
        """Corpus version, counts, date range and last ingest time (kept until reindexed)."""
        await self.refresh()
        if self._about is None:
            self._about = await self._read_about()
        return self._about

    async def _read_about(self) -> CorpusInfo:
        state = await read_state(self.conn)
        counts = {}
        for table, where in (
            ("documents", ""),
            ("articles", ""),
            ("passages", "WHERE kind != 'footnote'"),
            ("passages", "WHERE kind = 'footnote'"),
        ):
            async with self.conn.execute(f"SELECT count(*) FROM {table} {where}") as cur:
                row = await cur.fetchone()
            counts[table + where] = int(row[0]) if row else 0
        async with self.conn.execute("SELECT min(date), max(date) FROM documents") as cur:
            dates = await cur.fetchone()
        values = list(counts.values())
        return CorpusInfo(
            version=state.get("version", "-"),
            documents=values[0],
            articles=values[1],
            passages=values[2],
            footnotes=values[3],
            date_range=(dates[0], dates[1]) if dates else (None, None),
            last_ingest=state.get("last_ingest"),
            skipped=skipped_files(state),
        )


# Timelines kept for paging: a page press comes within minutes of its timeline.
_TIMELINES_KEPT = 64


@dataclasses.dataclass(frozen=True, slots=True)
class _BuiltTimeline:
    searcher: Searcher
    semantic: SemanticIndex | None
    timeline: Timeline


def _log_failure(task: asyncio.Task[int]) -> None:
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.warning("embedding stopped, search stays lexical: %s", exc)


async def _load_vocab(conn: aiosqlite.Connection) -> Vocabulary:
    df: dict[str, int] = {}
    keys: dict[str, list[str]] = {}
    async with conn.execute("SELECT term, df, key FROM vocab") as cur:
        async for term, n, key in cur:
            df[term] = n
            keys.setdefault(key, []).append(term)
    async with conn.execute("SELECT count(*) FROM passages") as cur:
        row = await cur.fetchone()
    grams = frozenset(g for (g,) in await conn.execute_fetchall("SELECT gram FROM grams"))
    return Vocabulary(df, keys, int(row[0]) if row else 0, grams)


async def _connect_or_rebuild(path: Path) -> aiosqlite.Connection:
    try:
        return await db.connect(path, check=True)
    except db.DamagedDatabase as exc:
        aside = path.with_name(path.name + ".damaged")
        for suffix in ("", "-wal", "-shm"):
            found = path.with_name(path.name + suffix)
            if found.exists():
                found.replace(aside.with_name(aside.name + suffix))
        log.error("%s; moved it to %s and rebuilding the index from the corpus", exc, aside)
        return await db.connect(path)
