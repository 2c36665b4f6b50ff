"""Passage rows kept in memory while an index version lasts.

Ranking reads the matching text, headings and bylines of up to a hundred candidates per
query, and the answer reads the display text of the best ones. Keeping recently used rows
in memory leaves a warm search one database round trip (the FTS query itself). The cache
is bounded, so a much larger corpus keeps only its hot passages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import aiosqlite
from cachetools import LRUCache

_ROW_SQL = """
SELECT p.id, p.pid, p.kind, p.lang, p.fold, p.head, p.byline, d.name,
       coalesce(a.title, a.en_title, d.title), a.title, p.section, p.text, d.date,
       CASE WHEN a.id IS NULL THEN d.authors
            WHEN a.authors != '[]' THEN a.authors ELSE a.en_authors END,
       p.refs
FROM passages p
JOIN documents d ON d.id = p.doc_id
LEFT JOIN articles a ON a.id = p.article_id
WHERE p.id IN ({marks})
"""


@dataclass(slots=True, frozen=True)
class PassageRow:
    """What search needs of one passage: to score it and to show it."""

    pid: str
    kind: str
    lang: str
    fold: str  # matching text of the body
    head: str  # matching text of titles, section and lead
    byline: str  # matching text of the authors' names
    doc: str
    title: str
    article: str | None
    section: str | None
    text: str  # display text
    date: str | None
    authors_json: str = "[]"  # the article's authors (else its English byline), else the document's
    refs_json: str = "[]"  # the footnote markers it holds: [[offset, marker, note pid|null], ...]

    @property
    def authors(self) -> list[str]:
        names = json.loads(self.authors_json or "[]")
        return [str(n) for n in names] if isinstance(names, list) else []

    @property
    def refs(self) -> list[tuple[int, str | None]]:
        """Where the passage cites a footnote: (offset in the text, the note's pid or None)."""
        return [(int(ref[0]), ref[2]) for ref in json.loads(self.refs_json or "[]")]


class RowCache:
    """A bounded, least-recently-used cache of passage rows by database id."""

    def __init__(self, conn: aiosqlite.Connection, size: int = 20_000) -> None:
        self.conn = conn
        self.size = size
        self._rows: LRUCache[int, PassageRow] = LRUCache(maxsize=size)

    async def get(self, ids: list[int]) -> dict[int, PassageRow]:
        """The rows of ``ids`` by id (unknown ids are left out), reading only the missing ones.

        Every row asked for becomes recently used, and all of them are returned even when
        there are more than the cache keeps.
        """
        found: dict[int, PassageRow] = {}
        for i in dict.fromkeys(ids):
            row = self._rows.get(i)  # a hit is now the most recently used
            if row is not None:
                found[i] = row
        # Hits are touched before anything is stored, so storing cannot evict one of them.
        missing = [i for i in dict.fromkeys(ids) if i not in found]
        if missing:
            sql = _ROW_SQL.format(marks=",".join("?" * len(missing)))
            for record in await self.conn.execute_fetchall(sql, missing):
                self._rows[record[0]] = found[record[0]] = PassageRow(*record[1:])
        return found
