"""``python -m bot bench``: the figures the README reports, measured in one run."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.lookup.library import Library
from bot.lookup.search.ranking_config import with_abstention
from bot.lookup.search.searcher import Searcher
from bot.lookup.search.semantic.encoder import Encoder
from devtools.bench.answers import evaluate_set, load_cases
from devtools.bench.endtoend import bot_figures, cold_start_to_polling
from devtools.bench.features import feature_figures, sealed_figures
from devtools.bench.feedback import feedback_figures
from devtools.bench.grown import grown_figures
from devtools.bench.perf import cold_start, ingest_rss, ingest_times, latency, scale, serving_rss
from devtools.bench.quality import (
    build_baseline,
    evaluate,
    load_queries,
    passage_texts,
    zhiku_ranker,
)
from devtools.bench.report import render

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
SEALED = DATA / "sealed"
# Development questions written blind from the documents after the dev sets had been tuned
# on: how far the tuning carries to questions it has not seen, until they are tuned on too.
FRESH = DATA / "new_dev"
# A second such folder, written later: 100 search questions, 40 of them unanswerable, so that
# "not in the documents" is checked on questions its rule was not fitted to.
FRESH2 = DATA / "new_dev2"
_FRESH_FOLDERS = frozenset(folder for folder in (FRESH, FRESH2) if folder.is_dir())
# A page of about 2,000 characters that is not in the seed corpus: adding it is timed.
NEW_DOCUMENT = DATA / "new_documents" / "xinhua_brics_finance_ministers.txt"
# (name, file) of the search sets: tuned on dev only; the sealed set was written blind.
SEARCH_SETS = tuple(
    (name, path)
    for name, path in (
        ("dev", DATA / "queries.jsonl"),
        ("fresh", FRESH / "queries.jsonl"),
        ("fresh2", FRESH2 / "queries.jsonl"),
        ("sealed", SEALED / "queries.jsonl"),
    )
    if path.is_file()
)


def main(
    db_path: Path,
    corpus: Path,
    *,
    scales: list[int],
    as_json: bool,
    quality_only: bool = False,
    encoder: Encoder | None = None,
    state_path: Path | None = None,
) -> int:
    """Run every benchmark and print a report (Markdown, or JSON with ``as_json``).

    ``quality_only`` measures answer quality on every set (seconds) and nothing else.
    ``encoder`` turns semantic search on, as the bot has it (the ``scale`` figures stay
    lexical: each would embed its corpus anew). ``state_path`` is the bot's state file, for
    the questions its users flagged (left out when there is no state store).
    """
    if quality_only:
        figures = asyncio.run(collect_quality(db_path.resolve(), corpus.resolve(), encoder))
    else:
        figures = asyncio.run(collect(db_path.resolve(), corpus.resolve(), scales, encoder))
    state = state_path if state_path is not None and state_path.is_file() else None
    figures["feedback"] = asyncio.run(_flagged(db_path.resolve(), corpus.resolve(), state))
    print(json.dumps(figures, ensure_ascii=False, indent=2) if as_json else render(figures))
    return 0


async def collect_quality(
    db_path: Path, corpus: Path, encoder: Encoder | None = None
) -> dict[str, Any]:
    """Search as users see it on the dev and sealed sets, side by side (and without the
    semantic layer, when it is on)."""
    library = await Library.open(db_path, corpus, encoder=encoder)
    try:
        await library.embedding_done()
        return {
            "answers": await _answer_figures(library),
            "answers_lexical": await _lexical_answer_figures(library),
            "abstention_as_fitted": await _abstention_figures(library),
            "features": {"dev": await _feature_figures(library, timed=False)},
            "sealed_features": await sealed_figures(library, SEALED),
            "fresh_features": await _fresh_figures(library),
            "fresh2_features": await _fresh_figures(library, FRESH2),
            "new_documents": await _grown(library, corpus),
        }
    finally:
        await library.close()


async def _fresh_figures(library: Library, folder: Path = FRESH) -> dict[str, Any] | None:
    return await sealed_figures(library, folder) if folder in _FRESH_FOLDERS else None


async def _grown(library: Library, corpus: Path) -> dict[str, Any]:
    """The new pages added to a copy: dev search there, and the questions about them."""
    return await grown_figures(
        library,
        corpus,
        sorted(NEW_DOCUMENT.parent.glob("*.txt")),
        load_queries(DATA / "queries.jsonl"),
        load_queries(SEALED / "new_documents.jsonl"),
    )


async def _flagged(db_path: Path, corpus: Path, state_path: Path | None) -> dict[str, Any] | None:
    library = await Library.open(db_path, corpus)
    try:
        return await feedback_figures(library, state_path)
    finally:
        await library.close()


async def _answer_figures(library: Library) -> dict[str, Any]:
    return {name: await evaluate_set(library, load_cases(path)) for name, path in SEARCH_SETS}


async def _abstention_figures(library: Library) -> dict[str, Any]:
    """Every sign of abstention as fitted on the development set (the coverage floors are off
    by default), on every set: how many unanswerable questions it answers "not in the
    documents", and how many it loses."""
    searcher = library.searcher
    fitted = with_abstention(searcher.ranking)
    library.searcher = Searcher(library.conn, searcher.parser, fitted, searcher.semantic)
    try:
        figures = await _answer_figures(library)
    finally:
        library.searcher = searcher
    return {name: {**s["unanswerable"], "overall": s["overall"]} for name, s in figures.items()}


async def _lexical_answer_figures(library: Library) -> dict[str, Any] | None:
    """The same figures with the semantic layer off, in the same run (None if it is off)."""
    if library.semantic is None:
        return None
    async with lexical_search(library):
        return await _answer_figures(library)


@asynccontextmanager
async def lexical_search(library: Library) -> AsyncIterator[None]:
    """Search without the semantic layer for the time of the block."""
    semantic = library.semantic
    library.searcher.use_semantic(None)
    try:
        yield
    finally:
        library.searcher.use_semantic(semantic)


async def collect(
    db_path: Path, corpus: Path, scales: list[int], encoder: Encoder | None = None
) -> dict[str, Any]:
    library = await Library.open(db_path, corpus, encoder=encoder)
    try:
        await library.embedding_done()
        figures = await _search_figures(library)
        figures["answers"] = await _answer_figures(library)
        figures["answers_lexical"] = await _lexical_answer_figures(library)
        figures["abstention_as_fitted"] = await _abstention_figures(library)
        figures["features"] = await _feature_figures(library)
        figures["sealed_features"] = await sealed_figures(library, SEALED)
        figures["fresh_features"] = await _fresh_figures(library)
        figures["fresh2_features"] = await _fresh_figures(library, FRESH2)
        figures["new_documents"] = await _grown(library, corpus)
    finally:
        await library.close()
    queries = [q.query for q in load_queries(DATA / "queries.jsonl")]
    figures["ingest"] = await ingest_times(corpus, new_document=NEW_DOCUMENT, encoder=encoder)
    seconds, figures["ingest"]["peak_rss_mb"] = ingest_rss(corpus)
    figures["ingest"]["process_s"] = seconds
    semantic = encoder is not None
    figures["cold_start"] = cold_start(db_path, corpus, semantic=semantic)
    figures["serving_peak_rss_mb"] = serving_rss(db_path, corpus, queries, semantic=semantic)
    figures["bot"] = bot_figures(db_path, corpus, semantic=semantic)
    figures["bot"]["cold_start_to_polling"] = cold_start_to_polling(db_path, corpus)
    if semantic:
        # The same, without the layer, in the same run: what it costs.
        figures["cold_start_lexical"] = cold_start(db_path, corpus, semantic=False)
        figures["serving_peak_rss_mb_lexical"] = serving_rss(
            db_path, corpus, queries, semantic=False
        )
        figures["bot_lexical"] = bot_figures(db_path, corpus, semantic=False)
    figures["scale"] = [await scale(corpus, n, queries) for n in [1, *scales]] if scales else []
    return figures


async def _search_figures(library: Library) -> dict[str, Any]:
    queries = load_queries(DATA / "queries.jsonl")
    texts = await passage_texts(library)
    baseline = await build_baseline(library)
    texts_only = [q.query for q in queries]
    timings = {"search": await latency(lambda q: library.search(q, 10), texts_only)}
    forget = library.queries.clear if library.queries is not None else None
    if library.semantic is not None and forget is not None:
        # A question never asked: its vector is not cached (the lexical part is warm).
        timings["search, new question"] = await latency(
            lambda q: library.search(q, 10), texts_only, before=forget
        )
        async with lexical_search(library):
            timings["search, lexical"] = await latency(lambda q: library.search(q, 10), texts_only)
    timings["baseline"] = await latency(baseline.ranker(), texts_only)
    return {
        "zhiku": await evaluate(queries, zhiku_ranker(library), texts),
        "baseline": await evaluate(queries, baseline.ranker(), texts),
        "latency": timings,
    }


async def _feature_figures(library: Library, *, timed: bool = True) -> dict[str, Any]:
    return await feature_figures(library, DATA, timed=timed)
