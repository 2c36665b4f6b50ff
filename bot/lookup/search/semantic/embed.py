"""Passage vectors made where the bot runs: the texts the shipped file does not hold.

A vector is stored under the encoder's key and the hash of the passage text it was made
from (``passages.sha``), so only new or changed text is embedded, a re-ingest that renumbers
passages costs nothing, and identical passages share one vector. Most vectors come with the
corpus (:mod:`bot.lookup.search.semantic.shipped`); this module embeds the rest, one passage
at a time in a worker thread, and stores them in the database in small batches, so an
interrupted run keeps what it had done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Mapping, Sequence

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

_TEXTS = "SELECT sha, min(text) FROM passages GROUP BY sha ORDER BY min(id)"
_STORED = "SELECT sha, vector FROM passage_vectors WHERE encoder = ?"
_PRUNE = """
DELETE FROM passage_vectors
WHERE encoder != ? OR NOT EXISTS (SELECT 1 FROM passages p WHERE p.sha = passage_vectors.sha)
"""


def encoder_key(encoder: Encoder) -> str:
    """What a vector is labelled with: the encoder and how passages are read."""
    return f"{encoder.name}/{READING}"


def passage_input(text: str) -> str:
    """The text the encoder reads for a passage."""
    return to_simplified(text)


def to_blob(vector: Vectors) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_blob(blob: bytes) -> Vectors:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


async def stored_vectors(conn: aiosqlite.Connection, key: str) -> dict[str, bytes]:
    """The vectors the database holds for encoder ``key``, by text hash."""
    return {sha: blob for sha, blob in await conn.execute_fetchall(_STORED, (key,))}


async def texts_without(
    conn: aiosqlite.Connection, shas: Collection[str] | None = None, *, have: Collection[str] = ()
) -> list[tuple[str, str]]:
    """``(sha, text)`` of the passage texts in ``shas`` (None: all) not in ``have``, in
    corpus order."""
    rows = await conn.execute_fetchall(_TEXTS)
    return [(sha, text) for sha, text in rows if (shas is None or sha in shas) and sha not in have]


async def embed_texts(
    conn: aiosqlite.Connection,
    encoder: Encoder,
    todo: Sequence[tuple[str, str]],
    progress: Progress | None = None,
) -> int:
    """Embed each ``(sha, text)`` of ``todo`` and store its vector; return how many.

    Each batch is stored by one statement, in a transaction of its own, so this may run
    beside other work on the same connection (an ingest's transaction includes it then).
    """
    key = encoder_key(encoder)
    rows: list[tuple[str, str, bytes]] = []
    if progress is not None:
        progress(0, len(todo))
    for done, (sha, text) in enumerate(todo, 1):
        vector = await asyncio.to_thread(encoder.encode, [passage_input(text)], query=False)
        rows.append((key, sha, to_blob(vector[0])))
        if len(rows) == _BATCH or done == len(todo):
            await _save(conn, rows)
            rows = []
        if progress is not None:
            progress(done, len(todo))
    return len(todo)


async def prune(conn: aiosqlite.Connection, encoder: Encoder) -> None:
    """Drop the vectors of other encoders and of texts no passage holds any more."""
    await conn.execute(_PRUNE, (encoder_key(encoder),))


async def _save(conn: aiosqlite.Connection, rows: list[tuple[str, str, bytes]]) -> None:
    values = ", ".join(["(?, ?, ?)"] * len(rows))
    params = [value for row in rows for value in row]
    await conn.execute(
        f"INSERT OR REPLACE INTO passage_vectors (encoder, sha, vector) VALUES {values}", params
    )


async def passage_vectors(
    conn: aiosqlite.Connection, encoder: Encoder, shipped: Mapping[str, Vectors]
) -> dict[str, Vectors]:
    """The vector of every passage text, by hash: from ``shipped`` or the database.

    Raises:
        KeyError: a passage text has no vector yet.
    """
    stored = await stored_vectors(conn, encoder_key(encoder))
    out = {}
    for (sha,) in await conn.execute_fetchall("SELECT DISTINCT sha FROM passages"):
        out[sha] = shipped[sha] if sha in shipped else from_blob(stored[sha])
    return out
