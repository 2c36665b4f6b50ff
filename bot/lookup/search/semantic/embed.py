"""Passage vectors in SQLite: embed what has none yet, drop what no passage needs.

A vector is stored under the encoder's name and the hash of the passage text it was made
from (``passages.sha``), so only new or changed text is embedded, a re-ingest that renumbers
passages costs nothing, and identical passages share one vector. The encoder runs in a worker
thread, one passage at a time, and vectors are committed in small batches, so an interrupted
first build keeps what it had done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import aiosqlite
import numpy as np

from bot.lookup.search.semantic.encoder import Encoder, Vectors
from bot.lookup.text.script import to_simplified

#: Called with (passages embedded so far, passages to embed in this run).
Progress = Callable[[int, int], None]

# How a passage is read: its text in simplified script, like the corpus's matching text. With
# its article title and section in front it did worse on the development questions. Part of
# the stored encoder key, so changing it re-embeds.
READING = "simplified-text"
_BATCH = 16

_MISSING = """
SELECT p.sha, min(p.text) FROM passages p
WHERE NOT EXISTS (SELECT 1 FROM passage_vectors v WHERE v.encoder = ? AND v.sha = p.sha)
GROUP BY p.sha ORDER BY min(p.id)
"""
_PRUNE = """
DELETE FROM passage_vectors
WHERE encoder != ? OR NOT EXISTS (SELECT 1 FROM passages p WHERE p.sha = passage_vectors.sha)
"""


def encoder_key(encoder: Encoder) -> str:
    """What a stored vector is labelled with: the encoder and how passages are read."""
    return f"{encoder.name}/{READING}"


def passage_input(text: str) -> str:
    """The text the encoder reads for a passage."""
    return to_simplified(text)


def to_blob(vector: Vectors) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


async def embed_passages(
    conn: aiosqlite.Connection, encoder: Encoder, progress: Progress | None = None
) -> int:
    """Embed every passage text that has no vector from ``encoder`` yet; prune the rest.

    Args:
        conn: An open, migrated database.
        encoder: The model to embed with.
        progress: Told how far the run has come: (0, total) before the first passage, then
            after each one.

    Returns:
        How many texts were embedded.
    """
    key = encoder_key(encoder)
    todo = list(await conn.execute_fetchall(_MISSING, (key,)))
    if progress is not None and todo:
        progress(0, len(todo))
    rows: list[tuple[str, str, bytes]] = []
    for done, (sha, text) in enumerate(todo, 1):
        vector = await asyncio.to_thread(encoder.encode, [passage_input(text)], query=False)
        rows.append((key, sha, to_blob(vector[0])))
        if len(rows) == _BATCH or done == len(todo):
            await _save(conn, rows)
            rows = []
        if progress is not None:
            progress(done, len(todo))
    await conn.execute(_PRUNE, (key,))
    return len(todo)


async def _save(conn: aiosqlite.Connection, rows: list[tuple[str, str, bytes]]) -> None:
    await conn.execute("BEGIN IMMEDIATE")
    try:
        await conn.executemany(
            "INSERT OR REPLACE INTO passage_vectors (encoder, sha, vector) VALUES (?, ?, ?)", rows
        )
        await conn.execute("COMMIT")
    except BaseException:
        await conn.execute("ROLLBACK")
        raise
