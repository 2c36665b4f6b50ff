"""Figures of the summary, timeline, quote and quote-check features (development sets).

Quality comes from each feature's own evaluator; latency is measured here the same way for
all four commands (warm, percentiles over the development inputs).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.lookup.library import Library
from devtools.bench.perf import latency
from devtools.bench.quotes_eval import evaluate_quotes, evaluate_verify
from devtools.bench.scripts import mixed_script_replies
from devtools.bench.summary_eval import evaluate_summaries, load_cases
from devtools.bench.timeline_eval import evaluate_timelines


def _inputs(path: Path, field: str) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)[field] for line in lines if line.strip()]


_TIMELINE_KEYS = ("recall", "precision", "empty_topics", "date_accuracy", "kind_accuracy")


async def sealed_figures(library: Library, sealed: Path) -> dict[str, Any]:
    """The same answer shapes on the sealed sets (written blind; never tuned on), or on any
    folder of sets shaped like them; a set the folder does not hold is left out."""
    figures: dict[str, Any] = {"replies": await mixed_script_replies(library, sealed)}
    if (sealed / "timelines.jsonl").is_file():
        timeline = await evaluate_timelines(library, sealed / "timelines.jsonl", runs=0)
        figures["timeline"] = {k: timeline[k] for k in _TIMELINE_KEYS}
    if (sealed / "quotes.jsonl").is_file():
        quotes = await evaluate_quotes(library, sealed / "quotes.jsonl")
        figures["quotes"] = {k: quotes[k] for k in ("recall_at_5", "speaker_accuracy")}
    if (sealed / "summaries.jsonl").is_file():
        cases = load_cases(sealed / "summaries.jsonl")
        summary = await evaluate_summaries(library, cases, repeats=0)
        figures["summary"] = {
            k: summary[k] for k in ("fact_coverage", "with_a_fact", "on_topic", "avg_chars")
        }
    return figures


async def feature_figures(library: Library, data: Path, *, timed: bool = True) -> dict[str, Any]:
    """Quality of the four answer shapes and (when ``timed``) warm latency of each command."""
    cases = load_cases(data / "summaries.jsonl")
    timeline = await evaluate_timelines(library, data / "timelines.jsonl", runs=0)
    quotes = await evaluate_quotes(library, data / "quotes.jsonl")
    verify = await evaluate_verify(library, data / "verify.jsonl")
    summary = await evaluate_summaries(library, cases, repeats=0)
    topics = _inputs(data / "timelines.jsonl", "query")
    return {
        "replies": await mixed_script_replies(library, data),
        "timeline": {k: timeline[k] for k in (*_TIMELINE_KEYS, "conflicts_shown") if k in timeline}
        | {
            "footnote_or_access_dates": timeline["excluded_events"] + timeline["footnote_citations"]
        },
        "quotes": {k: quotes[k] for k in ("recall_at_5", "speaker_accuracy", "flagged_returned")},
        "verify": {"accuracy": verify["accuracy"], **verify["by_verdict"]},
        "summary": {
            k: summary[k]
            for k in (
                "fact_coverage",
                "with_a_fact",
                "on_topic",
                "coverage",
                "scope_accuracy",
                "nothing_correct",
                "avg_chars",
                "well_shaped",
            )
        },
        "latency": await _latencies(library, data, cases, topics) if timed else {},
    }


async def _latencies(
    library: Library, data: Path, cases: list[dict[str, Any]], topics: list[str]
) -> dict[str, Any]:
    return {
        "summary": await latency(library.summary, [c["query"] for c in cases], rounds=3),
        "timeline": await latency(lambda q: library.timeline(q, 50), topics, rounds=3),
        "quote": await latency(
            lambda q: library.quotes(q, 10), _inputs(data / "quotes.jsonl", "query"), 3
        ),
        "verify": await latency(library.verify, _inputs(data / "verify.jsonl", "claim"), 3),
    }
