"""What the feedback says about the current build: how many flagged questions it answers
now, and the 👎 questions as candidate lines for the development set.

A question is *flagged* when the unanswered log holds it (nothing found, paged and left, or
a 👎) or a vote disliked its answer. The current build *answers* a flagged question that
found nothing when search now returns a passage, and a disliked one when search now leads
with a passage the disliked answer did not show. Whether that passage is right is for a
person to judge: the export writes each 👎 question as a development-set line with its
evidence left empty, to be filled in from the documents before it joins
``tests/data/queries.jsonl`` (never the sealed sets).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from bot.feedback.store import FeedbackStore
from bot.lookup.library import Library


@dataclass(frozen=True, slots=True)
class FlaggedFigures:
    flagged: int  # distinct questions
    answered_now: int
    empty: int  # of the flagged: found nothing, or paged and left
    empty_answered_now: int
    disliked: int
    disliked_changed_now: int


async def flagged_figures(store: FeedbackStore, library: Library) -> FlaggedFigures:
    """Run every flagged question through the current build's search."""
    shown: dict[str, set[str]] = {}
    for vote in await store.votes(-1):
        shown.setdefault(vote.query, set()).update(vote.pids)
    empty = {e.query for e in await store.entries(0) if e.reason != "disliked"} - set(shown)
    empty_now = disliked_now = 0
    for query in sorted(empty):
        empty_now += bool((await library.search(query, 1)).hits)
    for query, pids in sorted(shown.items()):
        hits = (await library.search(query, 1)).hits
        disliked_now += bool(hits) and hits[0].passage_id not in pids
    return FlaggedFigures(
        flagged=len(empty) + len(shown),
        answered_now=empty_now + disliked_now,
        empty=len(empty),
        empty_answered_now=empty_now,
        disliked=len(shown),
        disliked_changed_now=disliked_now,
    )


async def disliked_as_dev_lines(store: FeedbackStore) -> list[dict[str, Any]]:
    """Each 👎 question once, most disliked first, in the development set's shape."""
    votes = await store.votes(-1)
    counts = Counter(v.query for v in votes)
    shown: dict[str, list[str]] = {}
    wanted: dict[str, list[str]] = {}
    for vote in votes:
        shown.setdefault(vote.query, [])
        shown[vote.query] += [p for p in vote.pids if p not in shown[vote.query]]
        if vote.note:
            wanted.setdefault(vote.query, []).append(vote.note)
    lines = []
    for n, (query, count) in enumerate(counts.most_common(), 1):
        lines.append({
            "id": f"fb{n:03d}",
            "query": query,
            "kind": "feedback",
            "evidence": [],
            "docs": [],
            "note": f"👎 ×{count}; the disliked answer showed {' '.join(shown[query])}; "
            "write the evidence from the documents before adding it to the dev set",
            "wanted": wanted.get(query, []),
        })  # fmt: skip
    return lines
