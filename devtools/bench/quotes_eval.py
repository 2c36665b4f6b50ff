"""Scoring quotes and quote checks against the development sets in ``tests/data``.

``quotes.jsonl`` rows: ``query``, ``speaker``, ``quote_evidence`` (words the right quote
contains), ``doc``, ``shape`` and optionally ``flagged`` (the quote is damaged by mojibake
and must never be returned). ``verify.jsonl`` rows: ``claim``, ``expected`` (verbatim |
close | not_found), ``evidence``, ``doc``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.lookup.quotes.find import find_quotes, normalise
from bot.lookup.quotes.speakers import speaker_matches
from bot.lookup.quotes.verify import verify_claim
from devtools.bench.perf import percentiles

if TYPE_CHECKING:
    from bot.lookup.library import Library

TOP_K = 5


def read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    """The rows of a JSON-lines file (blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


async def evaluate_quotes(library: Library, path: Path | str) -> dict[str, Any]:
    """Recall@5 and speaker accuracy of :func:`find_quotes` on a gold file.

    A gold quote is found when one of the top 5 quotes for its query contains its
    ``quote_evidence`` (compared folded: script, width and punctuation ignored); its
    speaker is right when that quote's speaker names the gold speaker. A gold row marked
    ``flagged`` must not be found at all: it counts as a leak if it is.
    """
    rows = read_jsonl(path)
    found = speaker_ok = leaks = gold = 0
    misses: list[str] = []
    for row in rows:
        result = await find_quotes(library, row["query"], limit=TOP_K)
        evidence = normalise(row["quote_evidence"])
        hits = [q for q in result.quotes if evidence in normalise(q.quote)]
        if row.get("flagged"):
            leaks += bool(hits)
            continue
        gold += 1
        if not hits:
            misses.append(row["query"])
            continue
        found += 1
        right = any(speaker_matches(q.speaker, row["speaker"], library.aliases) for q in hits)
        speaker_ok += right
        if not right:
            misses.append(f"{row['query']} (speaker {hits[0].speaker} != {row['speaker']})")
    return {
        "queries": len(rows),
        "gold": gold,
        "recall_at_5": round(found / gold, 3) if gold else 0.0,
        "speaker_accuracy": round(speaker_ok / found, 3) if found else 0.0,
        "flagged": len(rows) - gold,
        "flagged_returned": leaks,
        "misses": misses,
    }


async def evaluate_verify(library: Library, path: Path | str) -> dict[str, Any]:
    """Accuracy of :func:`verify_claim` per expected verdict and overall."""
    rows = read_jsonl(path)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[str] = []
    for row in rows:
        result = await verify_claim(library, row["claim"])
        expected = row["expected"]
        total[expected] += 1
        if result.verdict == expected:
            right[expected] += 1
        else:
            wrong.append(f"{row['claim'][:40]} ({expected} -> {result.verdict})")
    return {
        "cases": len(rows),
        "accuracy": round(sum(right.values()) / len(rows), 3) if rows else 0.0,
        "by_verdict": {k: round(right[k] / n, 3) for k, n in sorted(total.items())},
        "wrong": wrong,
    }


async def latency(
    run: Callable[[str], Awaitable[object]], inputs: list[str], rounds: int = 3
) -> dict[str, float]:
    """Warm latency of ``run`` over ``inputs``: median, p99 and max in milliseconds.

    The first pass warms caches and is not counted.
    """
    for text in inputs:
        await run(text)
    times: list[float] = []
    for _ in range(rounds):
        for text in inputs:
            started = time.perf_counter()
            await run(text)
            times.append((time.perf_counter() - started) * 1000)
    figures = percentiles(times, scale=1)
    return {"median_ms": figures["p50"], "p99_ms": figures["p99"], "max_ms": figures["max"]}


async def bench(library: Library, data_dir: Path | str) -> dict[str, Any]:
    """Quality and warm latency of quotes and quote checks on the development sets."""
    data = Path(data_dir)
    queries = [r["query"] for r in read_jsonl(data / "quotes.jsonl")]
    claims = [r["claim"] for r in read_jsonl(data / "verify.jsonl")]
    return {
        "quotes": await evaluate_quotes(library, data / "quotes.jsonl"),
        "verify": await evaluate_verify(library, data / "verify.jsonl"),
        "quote_latency": await latency(lambda q: find_quotes(library, q, TOP_K), queries),
        "verify_latency": await latency(lambda c: verify_claim(library, c), claims),
    }
