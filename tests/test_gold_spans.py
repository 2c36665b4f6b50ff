"""The development sets' spans are text the index holds.

A span the index does not hold (a typo in the gold, pinyin left in from the raw file, a span
running across two passages) can never be found, so it would count as a miss whatever the
code does. Every summary fact and timeline event must be held; of a search question's
evidence spans, at least one (they are alternatives). The sealed sets are not read here.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.lookup.text.script import fold
from devtools.bench.quality import strip

DATA = Path(__file__).parent / "data"
FOLDERS = [DATA, DATA / "new_dev", DATA / "new_dev2"]


@pytest.fixture(scope="module")
def held(indexed_db: Path) -> str:
    conn = sqlite3.connect(indexed_db)
    try:
        rows = conn.execute("SELECT fold, head, byline FROM passages").fetchall()
        titles = conn.execute("SELECT title, authors FROM documents").fetchall()
    finally:
        conn.close()
    parts = [part for row in rows for part in row]
    return "\n".join(parts + [fold(f"{title} {authors}") for title, authors in titles])


@pytest.fixture(scope="module")
def held_words(held: str) -> str:
    """The same without punctuation, as the bench compares search evidence."""
    return "\n".join(strip(part) for part in held.split("\n"))


def _lines(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _strings(value: object) -> list[str]:
    return [s for s in value if isinstance(s, str)] if isinstance(value, list) else []


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_search_question_has_a_span_the_index_holds(folder: Path, held_words: str) -> None:
    cases = _lines(folder / "queries.jsonl")
    assert cases, folder
    lost = [
        c["id"]
        for c in cases
        if _strings(c["evidence"])
        and not any(strip(s) in held_words for s in _strings(c["evidence"]))
    ]
    assert lost == []


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_summary_fact_and_timeline_event_is_held(folder: Path, held: str) -> None:
    facts = [s for c in _lines(folder / "summaries.jsonl") for s in _strings(c.get("must"))]
    events = [str(e["evidence"]) for c in _lines(folder / "timelines.jsonl") for e in c["events"]]
    assert facts
    assert events
    assert [s for s in facts + events if fold(s) not in held] == []


def test_a_span_with_pinyin_left_in_is_not_held(held: str) -> None:
    # What the check catches: the raw file's 發(fā)展 is 發展 in the index.
    assert fold("全球發展倡議之友小組") in held
    assert fold("全球發(fā)展倡議之友小組") not in held
