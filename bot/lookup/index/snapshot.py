"""An in-memory copy of the citable passages, built once per index state.

Quotes and quote checks look at every body, abstract and epigraph passage (never at
footnotes); reading them from SQLite on each question would cost more than answering it.
The copy is kept per open :class:`~bot.lookup.library.Library` and rebuilt when the
library reloads its index (``Library.load`` creates a new searcher, which is what the cache
is keyed on), so a re-ingest is never answered from stale text.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import aiosqlite

T = TypeVar("T")

_ROWS_SQL = """
SELECT p.id, p.pid, p.doc_id, p.article_id, p.para, p.kind, p.speaker, p.text, p.sentences,
       p.flags, d.name, coalesce(a.title, a.en_title, d.title)
FROM passages p
JOIN documents d ON d.id = p.doc_id
LEFT JOIN articles a ON a.id = p.article_id
WHERE p.kind != 'footnote'
ORDER BY p.doc_id, p.seq
"""

_NOTES_SQL = """
SELECT doc_id, text FROM passages WHERE kind = 'footnote' ORDER BY doc_id, seq
"""

_CACHES: weakref.WeakKeyDictionary[object, dict[str, tuple[object, Any]]] = (
    weakref.WeakKeyDictionary()
)


@dataclass(slots=True, frozen=True)
class PassageRow:
    """One citable passage as the quote features need it."""

    row: int  # passages.id
    pid: str
    doc_id: int
    article_id: int | None
    para: int
    kind: str  # body | abstract | epigraph
    speaker: str | None  # epigraph attribution
    text: str
    sentences: list[list[Any]]  # [[start, end, flagged], ...]
    flags: list[list[Any]]  # [[start, end, reason], ...]
    doc: str  # file name
    title: str


async def load_rows(conn: aiosqlite.Connection) -> list[PassageRow]:
    """Every non-footnote passage in reading order (document, then position)."""
    rows = await conn.execute_fetchall(_ROWS_SQL)
    return [
        PassageRow(
            row=r[0],
            pid=r[1],
            doc_id=r[2],
            article_id=r[3],
            para=r[4],
            kind=r[5],
            speaker=r[6],
            text=r[7],
            sentences=json.loads(r[8]),
            flags=json.loads(r[9]),
            doc=r[10],
            title=r[11],
        )
        for r in rows
    ]


async def load_notes(conn: aiosqlite.Connection) -> dict[int, str]:
    """Per document, the text of its footnotes (one a line), where the full names of the
    authors the body cites by surname stand."""
    notes: dict[int, list[str]] = {}
    for doc_id, text in await conn.execute_fetchall(_NOTES_SQL):
        notes.setdefault(doc_id, []).append(text)
    return {doc_id: "\n".join(texts) for doc_id, texts in notes.items()}


async def cached(
    owner: object, generation: object, name: str, build: Callable[[], Awaitable[T]]
) -> T:
    """The value ``build`` makes for ``owner``, kept while ``generation`` stays the same.

    Args:
        owner: What the value is derived from (an open index); it is held weakly.
        generation: The owner's current index generation (its searcher, which is replaced
            when the index reloads); a different object makes the cached value stale.
        name: Which derived value (one per feature).
        build: Makes the value; awaited only on a miss.
    """
    entries = _CACHES.setdefault(owner, {})
    entry = entries.get(name)
    if entry is not None and entry[0] is generation:
        value: T = entry[1]
        return value
    value = await build()
    entries[name] = (generation, value)
    return value
