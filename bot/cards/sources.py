"""Cited passages as they read now: their text, hash and title, straight from the index."""

from __future__ import annotations

from collections.abc import Iterable

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


def first_sentence(text: str) -> str:
    """The first sentence of a passage (the whole text if it has no sentence end)."""
    spans = split_sentences(text)
    if not spans:
        return text.strip()
    start, end = spans[0]
    return text[start:end].strip()
