"""The gaps report: the week's unanswered or disliked questions, grouped, with the passage
that answers each best today. One function serves /gaps, the weekly digest and
``python -m bot gaps --json``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.feedback.gaps import Gap, group
from bot.feedback.store import FeedbackStore
from bot.lookup.library import Library

WEEK = 7 * 24 * 3600.0
MAX_GAPS = 10


async def gaps_report(
    store: FeedbackStore,
    library: Library,
    *,
    chat_id: int | None = None,
    since: float | None = None,
    limit: int = MAX_GAPS,
) -> list[Gap]:
    """The most-asked gaps since ``since`` (default: the last seven days).

    Args:
        store: The feedback store.
        library: For the questions' keys and vectors, and today's best passage.
        chat_id: One chat's gaps; None for every chat's (the digest, the maintainers).
        since: A Unix time.
        limit: How many gaps at most.
    """
    start = store.clock() - WEEK if since is None else since
    entries = await store.entries(start, chat_id)
    queries = sorted({e.query for e in entries})
    keys = {q: library.question_key(q) for q in queries}
    vectors: dict[str, npt.NDArray[np.float32]] = {}
    for key in sorted(set(keys.values())):
        vector = await library.question_vector(key)
        if vector is not None:
            vectors[key] = vector
    gaps = group(entries, keys, vectors or None)[:limit]
    for gap in gaps:
        found = await library.search(gap.query, 1)
        if found.hits:
            gap.best = (found.hits[0].passage_id, found.hits[0].title)
    return gaps


def as_json(gaps: list[Gap]) -> list[dict[str, Any]]:
    """The report as plain data (``python -m bot gaps --json``)."""
    out = []
    for gap in gaps:
        row = asdict(gap)
        best = row.pop("best")
        row["best"] = {"pid": best[0], "title": best[1]} if best else None
        out.append(row)
    return out
