"""Cited passages as they read now: their text, hash and title, straight from the index."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol

import aiosqlite

from bot.cards.model import Source
from bot.lookup.text.sentences import split_sentences

_SQL = """
SELECT p.pid, coalesce(a.title, a.en_title, d.title), p.sha, p.text
FROM passages p JOIN documents d ON d.id = p.doc_id LEFT JOIN articles a ON a.id = p.article_id
WHERE p.pid IN ({marks})
"""


async def passage_sources(conn: aiosqlite.Connection, pids: Iterable[str]) -> dict[str, Source]:
    """The passages among ``pids`` that exist, keyed by id (unknown ids are left out)."""
    wanted = list(dict.fromkeys(pids))
    if not wanted:
        return {}
    sql = _SQL.format(marks=",".join("?" * len(wanted)))
    rows = await conn.execute_fetchall(sql, wanted)
    return {row[0]: Source(row[0], row[1], row[2], row[3]) for row in rows}


class HasIndex(Protocol):
    conn: aiosqlite.Connection


def index_shas(library: HasIndex) -> Callable[[Iterable[str]], Awaitable[dict[str, str]]]:
    """The current hash of cited passages, read from ``library``'s index when asked.

    The library is read at each call, so a re-opened or re-indexed index is what counts.
    """

    async def shas(pids: Iterable[str]) -> dict[str, str]:
        return {pid: s.sha for pid, s in (await passage_sources(library.conn, pids)).items()}

    return shas


def first_sentence(text: str) -> str:
    """The first sentence of a passage (the whole text if it has no sentence end)."""
    spans = split_sentences(text)
    if not spans:
        return text.strip()
    start, end = spans[0]
    return text[start:end].strip()
