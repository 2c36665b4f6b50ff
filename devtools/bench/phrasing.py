"""Whether a timeline holds when people ask for it in their own words:
``python -m devtools.bench.phrasing``.

The development timelines name their topics bare (金砖扩员, 新开发银行); people ask "金砖扩员
经历了哪些阶段", "说说新开发银行的历史", "How did the New Development Bank evolve?". For every
topic of the development sets (``tests/data`` and ``tests/data/new_dev``; never the blind
ones), each template of :data:`CHINESE` and :data:`TRADITIONAL` (and of :data:`ENGLISH`
where the alias table gives the topic an English name) asks for its timeline, and this
prints per template:

- recall of the topic's gold events at what the bot shows, beside the bare topic's on the
  same topics;
- how many topics show the bare topic's events give or take :data:`TOLERANCE` (events
  added plus events lost, over the bare topic's count); an English phrasing is compared
  with the English name asked bare.

The templates are general ways of asking for a history, written without regard to the
blind sets; traditional ones are written in traditional script with the topic converted.
"""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.lookup.library import Library
from bot.lookup.results import TimelineEvent
from bot.lookup.text.script import to_traditional
from bot.lookup.timeline.build import build_timeline
from devtools.bench.timeline_eval import SHOWN_LIMIT, _Tally, score_topic

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
SETS = (DATA / "timelines.jsonl", DATA / "new_dev" / "timelines.jsonl")
TOLERANCE = 0.10  # share of the bare topic's events a phrasing may add or lose
# How people ask for a history; {} is the topic.
CHINESE = (
    "{}是怎么一步步发展起来的",
    "{}经历了哪些阶段",
    "说说{}的历史",
    "{}这些年有哪些重要节点",
    "{}都发生过什么",
    "请梳理一下{}的发展脉络",
    "{}是什么时候开始的，后来怎样",
    "{}的重要事件有哪些？",
    "我想了解{}的历程",
    "回顾一下{}",
    "{}有哪些进展",
    "列出{}相关的重要时间点",
    "{}近年来的动态",
    "能不能按年份讲讲{}",
    "{}的来龙去脉是什么？",
)
# ... in traditional script, the topic converted.
TRADITIONAL = (
    "{}從無到有的過程",
    "{}有哪些重要節點？",
    "說說{}的歷史",
)
ENGLISH = (
    "history of {}",
    "How did {} evolve?",
    "{} timeline",
    "What happened with {} over the years?",
    "key events of {}",
)


@dataclass(slots=True)
class Row:
    """One template's figures over the topics it was asked for."""

    found: int = 0
    bare_found: int = 0
    gold: int = 0
    within: int = 0
    topics: int = 0
    changes: list[float] = field(default_factory=list)


def phrasings(topic: str, english: str | None) -> list[tuple[str, str, bool]]:
    """(template, request, English) for every template that can ask about ``topic``."""
    out = [(t, t.format(topic), False) for t in CHINESE]
    out += [(t, t.format(to_traditional(topic)), False) for t in TRADITIONAL]
    if english:
        out += [(t, t.format(english), True) for t in ENGLISH]
    return out


def change(bare: list[TimelineEvent], asked: list[TimelineEvent]) -> float:
    """Events added plus events lost, over the bare topic's count."""
    first, second = set(map(_key, bare)), set(map(_key, asked))
    return len(first ^ second) / max(1, len(first))


def _key(event: TimelineEvent) -> tuple[str, str, str]:
    return (event.date, event.event, event.passage_id)


def english_name(library: Library, topic: str) -> str | None:
    """The first English name the alias table gives the topic, if it names one."""
    canonical = library.aliases.canonical.get(topic.lower())
    english = library.aliases.english.items()
    return next((p for p, names in english if canonical in names), None) if canonical else None


def _lines() -> list[dict[str, Any]]:
    seen: set[tuple[Path, str]] = set()
    out = []
    for path in SETS:
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = json.loads(raw) if raw.strip() else None
            if line is not None and (path, line["topic"]) not in seen:
                seen.add((path, line["topic"]))
                out.append(line)
    return out


async def evaluate(library: Library) -> dict[str, Row]:
    """Every template's row (and the bare topic's, as ``{}``)."""
    rows: dict[str, Row] = {}
    for line in _lines():
        topic = line["topic"]
        english = english_name(library, topic)
        bare = (await build_timeline(library, topic, SHOWN_LIMIT)).events
        bare_english = (
            (await build_timeline(library, english, SHOWN_LIMIT)).events if english else []
        )
        bare_tally = _Tally()
        score_topic(line, bare, bare_tally)
        for template, request, in_english in [("{}", topic, False), *phrasings(topic, english)]:
            events = (await build_timeline(library, request, SHOWN_LIMIT)).events
            tally = _Tally()
            score_topic(line, events, tally)
            moved = change(bare_english if in_english else bare, events)
            row = rows.setdefault(template, Row())
            row.found += tally.found
            row.bare_found += bare_tally.found
            row.gold += tally.gold
            row.within += moved <= TOLERANCE
            row.topics += 1
            row.changes.append(moved)
    return rows


def report(rows: dict[str, Row]) -> str:
    lines = ["template | recall | bare topic (in Chinese) | within 10% | worst change"]
    total = Row()
    for template, row in rows.items():
        lines.append(
            f"{template} | {row.found / row.gold:.3f} | {row.bare_found / row.gold:.3f} | "
            f"{row.within}/{row.topics} | {max(row.changes):.2f}"
        )
        if template != "{}":
            total.within += row.within
            total.topics += row.topics
    lines.append(f"all phrasings: {total.within}/{total.topics} within 10%")
    return "\n".join(lines)


async def main(db_path: Path, corpus: Path) -> None:
    from bot.lookup.search.semantic.encoder import load_encoder

    library = await Library.open(db_path, corpus, encoder=load_encoder())
    try:
        await library.embedding_done()
        print(report(await evaluate(library)))
    finally:
        await library.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    db = Path(args[0]) if args else Path("data/index.sqlite3")
    asyncio.run(main(db, Path("corpus")))
