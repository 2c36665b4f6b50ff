"""Measuring summaries against a development set (``tests/data/summaries.jsonl``).

Each case is a JSON object with ``id``, ``query`` and ``kind``:

* ``topic``: ``must`` lists evidence spans; a good summary contains at least one of them;
* ``scope``: the query names a document or article; ``scope`` is its key (``d2.a5``) and
  ``must`` lists spans as for topics;
* ``none``: the corpus has nothing relevant; the summary must be empty.

Spans are compared in folded form (either script, spacing ignored).

A summary sentence is **on topic** when it names, in any form the query parser knows (an
alias, the other script), concepts carrying at least :data:`ON_TOPIC` of the topic's
weight; the topic is the request as the parser reads it, without its framing words
(发展历程, 有什么意义) and question words (几届, 干什么). It says the sentence is about
the thing asked, not that it is well chosen: a sentence the summary took for its context
(the one after a sentence naming the topic) counts as off topic, so this is a lower bound.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.lookup.results import Summary
from bot.lookup.search.searcher import folded_forms
from bot.lookup.summary.intent import ASKING, read_request
from bot.lookup.summary.summarize import summarize
from bot.lookup.summary.textrank import BUDGET, MAX_SENTENCES
from bot.lookup.text.script import fold
from devtools.bench.perf import percentiles

if TYPE_CHECKING:
    from bot.lookup.library import Library

Case = Mapping[str, Any]


ON_TOPIC = 0.5  # share of the topic's weight a sentence must name to be on topic


def load_cases(path: Path) -> list[dict[str, Any]]:
    """Read a JSON-lines development set (blank lines ignored)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def covers(summary: Summary, spans: Iterable[str]) -> bool:
    """Whether the summary contains at least one of the evidence spans."""
    text = fold(summary.summary)
    return any(fold(span) in text for span in spans)


def _fact_share(summary: Summary, spans: Sequence[str]) -> float:
    """The share of the key facts the summary states."""
    text = fold(summary.summary)
    return sum(fold(span) in text for span in spans) / len(spans)


def well_shaped(summary: Summary) -> bool:
    """Two to four sentences within the character budget."""
    return 2 <= len(summary.sentences) <= MAX_SENTENCES and len(summary.summary) <= BUDGET


async def evaluate_summaries(
    library: Library, queries: Sequence[Case], *, repeats: int = 5
) -> dict[str, Any]:
    """Run every case and report quality and warm latency.

    Args:
        library: The open corpus.
        queries: Development cases (see the module docstring).
        repeats: Timed rounds over all cases after one warm-up round.

    Returns:
        ``fact_coverage`` (the mean share of ``must`` facts a summary states, over every
        case with facts), ``with_a_fact`` (cases stating at least one), ``coverage`` (topic
        cases whose summary holds a must-cover span), ``scope_accuracy``
        and ``scope_coverage`` (scope cases), ``nothing_correct`` (none cases left empty),
        ``false_empty`` (topic or scope cases left empty), ``avg_chars`` and
        ``avg_sentences`` (non-empty summaries), ``well_shaped`` (non-empty summaries with
        2 to 4 sentences and at most :data:`BUDGET` characters), ``on_topic`` (the share of
        the topic cases' sentences that are on topic), ``latency_ms`` (p50, p99, max) and
        ``failures`` (case ids with what went wrong).
    """
    titles = await scope_titles(library)
    results = {case["id"]: await summarize(library, case["query"]) for case in queries}
    topical = [c for c in queries if c["kind"] == "topic"]
    on_topic = [on_topic_flags(library, c["query"], results[c["id"]]) for c in topical]
    timings = await _timings(library, queries, repeats)
    failures: dict[str, str] = {}
    for case in queries:
        problem = _judge(case, results[case["id"]], titles)
        if problem:
            failures[case["id"]] = problem
    report = _report(queries, results, failures, timings)
    flags = [flag for case in on_topic for flag in case]
    report["on_topic"] = round(sum(flags) / len(flags), 3) if flags else math.nan
    return report


def on_topic_flags(library: Library, query: str, summary: Summary) -> list[bool]:
    """For each sentence of a topic's summary, whether it is on topic (see the module)."""
    parser = library.searcher.parser
    parsed = parser.parse(query)
    concepts = [c for c in parsed.concepts if c.term not in ASKING]
    topic = read_request(concepts, parser.segmenter.cut(parsed.cleaned))[1] or concepts
    total = sum(c.weight for c in topic) or 1.0
    forms = [(c.weight, folded_forms(c)) for c in topic]
    flags = []
    for sentence in summary.sentences:
        text = fold(sentence.text)
        named = sum(weight for weight, fs in forms if any(f in text for f in fs))
        flags.append(named >= ON_TOPIC * total)
    return flags


def _judge(case: Case, summary: Summary, titles: dict[str, str]) -> str | None:
    kind = case["kind"]
    if kind == "none":
        return "not empty" if summary.sentences else None
    if not summary.sentences:
        return "empty"
    if kind == "scope" and summary.scope != titles.get(case["scope"]):
        return f"scope {summary.scope!r}"
    if not covers(summary, case.get("must", [])):
        return "no must-cover span"
    if not well_shaped(summary):
        return f"shape {len(summary.sentences)} sentences, {len(summary.summary)} chars"
    return None


def _report(
    queries: Sequence[Case],
    results: dict[str, Summary],
    failures: dict[str, str],
    timings: list[float],
) -> dict[str, Any]:
    def share(kind: str, ok: Any) -> float:
        cases = [c for c in queries if c["kind"] == kind]
        return round(sum(bool(ok(c)) for c in cases) / len(cases), 3) if cases else math.nan

    shown = [s for s in results.values() if s.sentences]
    factual = [c for c in queries if c["kind"] != "none" and c.get("must")]
    shares = [_fact_share(results[c["id"]], c["must"]) for c in factual]
    return {
        "cases": len(queries),
        "fact_coverage": round(sum(shares) / len(shares), 3) if shares else math.nan,
        "with_a_fact": round(sum(s > 0 for s in shares) / len(shares), 3) if shares else math.nan,
        "coverage": share("topic", lambda c: covers(results[c["id"]], c.get("must", []))),
        "scope_accuracy": share(
            "scope", lambda c: not str(failures.get(c["id"], "")).startswith(("scope", "empty"))
        ),
        "scope_coverage": share("scope", lambda c: covers(results[c["id"]], c.get("must", []))),
        "nothing_correct": share("none", lambda c: not results[c["id"]].sentences),
        "false_empty": sum(
            1 for c in queries if c["kind"] != "none" and not results[c["id"]].sentences
        ),
        "avg_chars": round(sum(len(s.summary) for s in shown) / max(len(shown), 1), 1),
        "avg_sentences": round(sum(len(s.sentences) for s in shown) / max(len(shown), 1), 2),
        "well_shaped": round(sum(map(well_shaped, shown)) / max(len(shown), 1), 3),
        "latency_ms": percentiles(timings, scale=1),
        "failures": failures,
    }


async def scope_titles(library: Library) -> dict[str, str]:
    """Document and article titles by key (d2, d2.a6): what a summary's scope names."""
    titles = {}
    for document in await library.documents():
        titles[document.key] = document.title
        titles.update(dict(document.articles))
    return titles


async def _timings(library: Library, queries: Sequence[Case], repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        for case in queries:
            start = time.perf_counter()
            await summarize(library, case["query"])
            timings.append((time.perf_counter() - start) * 1000)
    return timings
