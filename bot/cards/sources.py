"""Cited passages as they read now: their text, hash and title, straight from the index."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol

import aiosqlite

from bot.cards.model import Source
from bot.lookup.index.retired import resolve
from bot.lookup.text.sentences import split_sentences

_SQL = """
SELECT p.pid, coalesce(a.title, a.en_title, d.title), p.sha, p.text
FROM passages p JOIN documents d ON d.id = p.doc_id LEFT JOIN articles a ON a.id = p.article_id
WHERE p.pid IN ({marks})
"""


async def passage_sources(conn: aiosqlite.Connection, pids: Iterable[str]) -> dict[str, Source]:
    """The passages among ``pids`` that exist, keyed by id (unknown ids are left out).

    An id an edit retired reads as the passage now in its place (under the old id, with the
    new text and hash), so a card citing it is seen to have changed, and shows how.
    """
    wanted = list(dict.fromkeys(pids))
    found = await _read(conn, wanted)
    moved = await resolve(conn, [pid for pid in wanted if pid not in found])
    now = await _read(conn, list(dict.fromkeys(a.new_pid for a in moved.values())))
    for old, alias in moved.items():
        if (source := now.get(alias.new_pid)) is not None:
            found[old] = Source(old, source.title, source.sha, source.text)
    return found


async def _read(conn: aiosqlite.Connection, pids: list[str]) -> dict[str, Source]:
    if not pids:
        return {}
    sql = _SQL.format(marks=",".join("?" * len(pids)))
    rows = await conn.execute_fetchall(sql, pids)
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
