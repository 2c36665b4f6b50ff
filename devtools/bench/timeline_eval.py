"""Measure ``timeline`` against the gold set (``tests/data/timelines.jsonl``).

Each gold line is a topic (``query``) with its dated events: ``evidence`` (a span of the
source sentence), ``alt_evidence`` (other statements of the same event), ``date`` at the
precision the text gives, ``kind``, optionally ``group`` (statements of one event that
the timeline should merge) and ``conflict`` (sources disagree); ``excluded`` lists spans
that must never show up as events (footnote citations, access dates, timestamps).

An event is *found* when an output event's sentence (or one of its citations' sentences)
contains the evidence after folding and the output date agrees with the gold date at the
gold precision. Date accuracy is found / events whose evidence appears at all.

An output event is *on topic* (precision) when its own clause holds a gold span of its
topic: the span and the event's text overlap in the event's sentence, or the event is the
one credited for a gold event (its statement and date). A sentence can tell several events
(2011年，南非正式加入…；2024年，沙特…伊朗…成为…), so a gold span elsewhere in the sentence does
not make every event of it on topic.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.lookup.library import Library
from bot.lookup.results import TimelineEvent
from bot.lookup.text.script import fold
from bot.lookup.timeline.build import build_timeline
from devtools.bench.perf import percentiles

# What the bot shows: /timeline asks the library for this many events (paged eight at a
# time), so recall is measured at the same limit.
SHOWN_LIMIT = 50
RUNS = 15  # timed runs per topic after one warm-up


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    seen: int = 0  # evidence present in some output event
    found: int = 0  # ... with the right date
    kind_right: int = 0
    conflicts: int = 0
    conflicts_shown: int = 0
    groups: int = 0
    groups_merged: int = 0
    excluded_hits: int = 0
    footnote_hits: int = 0
    events: int = 0
    on_topic: int = 0  # shown events whose own clause holds a gold span of the topic
    empty_topics: int = 0
    misses: list[str] = field(default_factory=list)


def _statements(event: TimelineEvent) -> list[str]:
    return [fold(s) for s in [event.text, *event.sentences]]


def _covering(
    gold: dict[str, Any], folded: list[tuple[TimelineEvent, list[str]]]
) -> list[TimelineEvent]:
    spans = [fold(s) for s in [gold["evidence"], *gold.get("alt_evidence", [])]]
    return [e for e, texts in folded if any(sp in t for sp in spans for t in texts)]


def _date_ok(gold: str, got: str) -> bool:
    return got[: len(gold)] == gold


# Characters an event's own clauses must share with a gold span (or all of the shorter one).
_OVERLAP = 8
# A clause that leads with a year or a month opens the sentence's next event.
_NEXT_EVENT = re.compile(r"[,;:。](?:而|但|并|且|在|于|到|至|自|从)?(?:\d{4}\s*年|\d{1,2}\s*月)")


def _own_clause(event: TimelineEvent, spans: list[str]) -> bool:
    """True if the event's own clauses overlap a gold span in the event's sentence: from
    its shown text to the clause that leads with the next date (the shown text may stop
    short of the clauses it tells)."""
    sentence = fold(event.text)
    own = fold(event.event).rstrip("…")
    start = sentence.find(own) if own else -1
    if start < 0:
        return False
    following = _NEXT_EVENT.search(sentence, start + len(own))
    end = following.start() if following else len(sentence)
    for span in spans:
        at = sentence.find(span)
        while at >= 0:
            shared = min(end, at + len(span)) - max(start, at)
            if shared >= min(_OVERLAP, len(own), len(span)):
                return True
            at = sentence.find(span, at + 1)
    return False


def score_topic(line: dict[str, Any], events: list[TimelineEvent], tally: _Tally) -> None:
    """Add one topic's figures to ``tally``."""
    folded = [(e, _statements(e)) for e in events]
    tally.events += len(events)
    tally.empty_topics += not events
    spans = [fold(s) for g in line["events"] for s in [g["evidence"], *g.get("alt_evidence", [])]]
    credited: set[int] = set()
    groups: dict[str, list[list[TimelineEvent]]] = {}
    for gold in line["events"]:
        tally.gold += 1
        covering = _covering(gold, folded)
        right = [e for e in covering if _date_ok(gold["date"], e.date)]
        tally.seen += bool(covering)
        tally.found += bool(right)
        tally.kind_right += any(e.kind == gold["kind"] for e in right)
        credited.update(map(id, right))
        if not right:
            tally.misses.append(f"{line['query']} {gold['date']} {gold['evidence']}")
        if gold.get("conflict") and right:
            tally.conflicts += 1
            tally.conflicts_shown += any(e.conflict for e in right)
        if gold.get("group") and right:
            groups.setdefault(gold["group"], []).append(right)
    tally.on_topic += sum(id(e) in credited or _own_clause(e, spans) for e in events)
    for members in groups.values():
        if len(members) > 1:
            tally.groups += 1
            common = set.intersection(*(set(map(id, m)) for m in members))
            tally.groups_merged += bool(common)
    for span in map(fold, line.get("excluded", [])):
        tally.excluded_hits += sum(any(span in t for t in texts) for _, texts in folded)
    tally.footnote_hits += sum(".n" in c.passage_id for e in events for c in e.citations)


async def evaluate_timelines(
    library: Library, path: Path | str, *, runs: int = RUNS, limit: int = SHOWN_LIMIT
) -> dict[str, Any]:
    """Run every gold topic through :func:`build_timeline` and report the figures.

    Args:
        library: An open library on the indexed corpus.
        path: The gold file (JSON lines).
        runs: Timed runs per topic after the first (warm) one; 0 skips timing.
        limit: Events asked for, as the bot asks (recall is measured at what users see).

    Returns:
        ``recall``, ``precision`` (shown events whose own clause holds a gold span of
        their topic: a lower bound, as the gold lists every dated event on the topic the
        writers found),
        ``empty_topics``, ``date_accuracy``, ``kind_accuracy``, ``conflicts_shown``,
        ``groups_merged``, ``excluded_events`` (must be 0), ``footnote_citations`` (must
        be 0), warm latency ``p50_ms``/``p99_ms``, ``per_topic`` counts and ``misses``.
    """
    raw = await asyncio.to_thread(Path(path).read_text, encoding="utf-8")
    lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
    tally = _Tally()
    per_topic: dict[str, dict[str, int]] = {}
    timings: list[float] = []
    for line in lines:
        timeline = await build_timeline(library, line["query"], limit)
        before = (tally.gold, tally.found)
        score_topic(line, timeline.events, tally)
        per_topic[line["query"]] = {
            "gold": tally.gold - before[0],
            "found": tally.found - before[1],
            "events": len(timeline.events),
        }
        for _ in range(runs):
            start = time.perf_counter()
            await build_timeline(library, line["query"], limit)
            timings.append((time.perf_counter() - start) * 1000)
    return _report(tally, per_topic, timings)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _report(
    tally: _Tally, per_topic: dict[str, dict[str, int]], timings: list[float]
) -> dict[str, Any]:
    latency = percentiles(timings, scale=1)
    return {
        "topics": len(per_topic),
        "gold_events": tally.gold,
        "recall": _ratio(tally.found, tally.gold),
        "precision": _ratio(tally.on_topic, tally.events),
        "empty_topics": tally.empty_topics,
        "date_accuracy": _ratio(tally.found, tally.seen),
        "kind_accuracy": _ratio(tally.kind_right, tally.found),
        "conflicts_shown": _ratio(tally.conflicts_shown, tally.conflicts),
        "groups_merged": _ratio(tally.groups_merged, tally.groups),
        "excluded_events": tally.excluded_hits,
        "footnote_citations": tally.footnote_hits,
        "events_returned": tally.events,
        "p50_ms": latency["p50"],
        "p99_ms": latency["p99"],
        "per_topic": per_topic,
        "misses": tally.misses,
    }
