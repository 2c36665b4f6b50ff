"""Speed and size: latency percentiles, cold start, ingest time, peak memory, scaling.

Machines here are noisy, so every figure is a median or a percentile over repeated runs,
and scale figures are reported as ratios to the ×1 corpus measured in the same run.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import aiosqlite

from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from bot.lookup.search.semantic.embed import embed_texts, texts_without
from bot.lookup.search.semantic.encoder import Encoder


def percentiles(samples: Sequence[float], scale: float = 1000.0) -> dict[str, float]:
    """p50, p95, p99 and max of ``samples`` (nearest rank), times ``scale``, to 0.01.

    Samples in seconds come out in milliseconds; pass ``scale=1`` for samples already in
    milliseconds. Every latency figure of the bench is computed here, one way.
    """
    if not samples:
        return dict.fromkeys(("p50", "p95", "p99", "max"), 0.0)
    ordered = sorted(samples)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * scale, 2)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": at(1.0)}


async def latency(
    call: Callable[[str], Awaitable[object]],
    queries: list[str],
    rounds: int = 5,
    before: Callable[[], object] | None = None,
) -> dict[str, float]:
    """Warm latency: one untimed pass, then ``rounds`` timed passes over ``queries``;
    ``before`` runs untimed before each timed call (to empty a cache)."""
    for q in queries:
        await call(q)
    samples = []
    for _ in range(rounds):
        for q in queries:
            if before is not None:
                before()
            started = time.perf_counter()
            await call(q)
            samples.append(time.perf_counter() - started)
    return percentiles(samples)


def _child(args: list[str], env: dict[str, str], stdin: str = "") -> tuple[float, int]:
    """Run ``python -m bot ...``; return wall seconds and the child's peak RSS in MB."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "p = subprocess.run(sys.argv[1:], input=sys.stdin.read(), text=True, "
        "capture_output=True, check=True); "
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "bot", *args],
        input=stdin,
        text=True,
        capture_output=True,
        check=True,
        env=env,
    )
    seconds, rss = out.stdout.split()
    return float(seconds), int(rss)


def _semantic_env(semantic: bool) -> dict[str, str]:
    return {**os.environ, "SEMANTIC": "on" if semantic else "off"}


def cold_start(
    db_path: Path, corpus: Path, runs: int = 3, *, semantic: bool = False
) -> dict[str, float]:
    """Process start to first answer with an existing index (median of ``runs``)."""
    env = {**_semantic_env(semantic), "PYTHONDONTWRITEBYTECODE": "1"}
    args = ["--db", str(db_path), "--corpus", str(corpus), "search", "金砖扩员", "--json"]
    times = [_child(args, env)[0] for _ in range(runs)]
    return {"median_s": statistics.median(times), "min_s": min(times)}


def serving_rss(db_path: Path, corpus: Path, queries: list[str], *, semantic: bool = False) -> int:
    """Peak RSS (MB) of a process answering every query once in batch mode."""
    args = ["--db", str(db_path), "--corpus", str(corpus), "search", "-", "--json"]
    return _child(args, _semantic_env(semantic), "\n".join(queries) + "\n")[1]


def ingest_rss(corpus: Path) -> tuple[float, int]:
    """A full ingest in a fresh process: seconds and peak RSS (MB)."""
    with tempfile.TemporaryDirectory() as tmp:
        args = ["--db", str(Path(tmp) / "i.sqlite3"), "--corpus", str(corpus), "ingest"]
        return _child(args, dict(os.environ))


async def ingest_times(
    corpus: Path,
    cache_dir: Path | None = None,
    *,
    new_document: Path | None = None,
    runs: int = 3,
    encoder: Encoder | None = None,
) -> dict[str, float]:
    """Full ingest into a new database (median of ``runs``), then an ingest with nothing
    changed, then (with ``new_document``) the ingest of that one file added to the corpus,
    each on a fresh copy of the full index (median of ``2 * runs``), measured in the same
    run as the full ingest it is compared with; with ``encoder``, also the embedding of the
    new document's passages (which the shipped vectors lack)."""
    fulls: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            path = Path(tmp) / f"bench{run}.sqlite3"
            conn = await db.connect(path)
            try:
                started = time.perf_counter()
                report = await ingest(conn, corpus, cache_dir=cache_dir)
                fulls.append(time.perf_counter() - started)
                started = time.perf_counter()
                await ingest(conn, corpus, cache_dir=cache_dir)
                again = time.perf_counter() - started
            finally:
                await conn.close()
        figures = {
            "full_s": statistics.median(fulls),
            "unchanged_s": again,
            "passages": float(report.passages),
        }
        if new_document is not None:
            added = [
                await _add_one(path, corpus, new_document, cache_dir, encoder)
                for _ in range(2 * runs)
            ]
            figures["one_new_s"] = statistics.median(a[0] for a in added)
            if encoder is not None:
                figures["one_new_embed_s"] = statistics.median(a[1] for a in added)
            text = await asyncio.to_thread(new_document.read_text, encoding="utf-8")
            figures["one_new_chars"] = float(len(text))
    return figures


async def _add_one(
    index: Path, corpus: Path, document: Path, cache_dir: Path | None, encoder: Encoder | None
) -> tuple[float, float]:
    """Seconds to ingest ``document`` into a copy of ``index`` (of ``corpus``), and to embed
    its passages with ``encoder`` (0 without one)."""
    with tempfile.TemporaryDirectory() as tmp:
        grown = Path(tmp) / "corpus"
        shutil.copytree(corpus, grown, ignore=shutil.ignore_patterns("embeddings.npz"))
        shutil.copy(document, grown / "raw" / document.name)
        path = Path(tmp) / "grown.sqlite3"
        shutil.copyfile(index, path)
        conn = await db.connect(path)
        try:
            started = time.perf_counter()
            report = await ingest(conn, grown, cache_dir=cache_dir)
            seconds = time.perf_counter() - started
            embedding = await _embed_new(conn, document.name, encoder) if encoder else 0.0
        finally:
            await conn.close()
    if report.added != [document.name]:
        raise RuntimeError(f"{document.name} was not ingested: {report.skipped}")
    return seconds, embedding


async def _embed_new(conn: aiosqlite.Connection, name: str, encoder: Encoder) -> float:
    """Seconds to embed the passages of document ``name``."""
    rows = await conn.execute_fetchall(
        "SELECT p.sha FROM passages p JOIN documents d ON d.id = p.doc_id WHERE d.name = ?",
        (name,),
    )
    todo = await texts_without(conn, {str(r[0]) for r in rows})
    started = time.perf_counter()
    await embed_texts(conn, encoder, todo)
    return time.perf_counter() - started


def replicate(corpus: Path, copies: int, target: Path) -> Path:
    """A corpus folder holding ``copies`` copies of every raw file (and the same tables)."""
    raw = target / "raw"
    raw.mkdir(parents=True)
    for name in ("aliases.toml", "synonyms.toml"):
        if (corpus / name).exists():
            shutil.copy(corpus / name, target / name)
    for path in sorted((corpus / "raw").iterdir()):
        for i in range(copies):
            shutil.copy(path, raw / f"{i:03d}{path.name}")
    return target


async def scale(corpus: Path, copies: int, queries: list[str]) -> dict[str, Any]:
    """Ingest time and warm search latency on a corpus replicated ``copies`` times."""
    from bot.lookup.library import Library

    with tempfile.TemporaryDirectory() as tmp:
        big = replicate(corpus, copies, Path(tmp) / "corpus")
        path = Path(tmp) / "scale.sqlite3"
        started = time.perf_counter()
        library = await Library.open(path, big)
        seconds = time.perf_counter() - started
        try:
            lat = await latency(lambda q: library.search(q, 10), queries, rounds=2)
        finally:
            await library.close()
    return {"copies": copies, "ingest_s": seconds, **lat}
