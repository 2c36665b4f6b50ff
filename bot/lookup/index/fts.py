"""The FTS5 rows of passages: segmented words, character pairs, titles and headings.

Written for new passages, and again for passages whose segmentation a dictionary change
affects: a dictionary word only cuts the text that holds it (:func:`holding`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable

import aiosqlite

from bot.lookup.index.vocab import chunks
from bot.lookup.text.script import fold
from bot.lookup.text.segment import Segmenter, index_grams

_FTS_SOURCE = """
SELECT p.id, p.text, p.section, p.lead, d.title, d.authors, a.title, a.authors, a.en_title,
       a.en_authors
FROM passages p JOIN documents d ON d.id = p.doc_id LEFT JOIN articles a ON a.id = p.article_id
"""


async def index_passages(conn: aiosqlite.Connection, segmenter: Segmenter, pids: list[str]) -> None:
    """(Re)build the FTS rows of the passages ``pids``."""
    if not pids:
        return
    await asyncio.to_thread(segmenter.initialize)
    for part in chunks(pids):
        marks = ",".join("?" * len(part))
        rowids = f"SELECT id FROM passages WHERE pid IN ({marks})"
        await conn.execute(f"DELETE FROM passages_fts WHERE rowid IN ({rowids})", part)
        async with conn.execute(f"{_FTS_SOURCE} WHERE p.pid IN ({marks})", part) as cur:
            sources = await cur.fetchall()
        rows = await asyncio.to_thread(_fts_rows, segmenter, sources)
        await conn.executemany(
            "INSERT INTO passages_fts (rowid, words, grams, title, section) VALUES (?,?,?,?,?)",
            [row[:5] for row in rows],
        )
        await conn.executemany(
            "UPDATE passages SET head = ?, byline = ? WHERE id = ?",
            [(r[5], r[6], r[0]) for r in rows],
        )


async def holding(conn: aiosqlite.Connection, words: set[str], but: set[str]) -> list[str]:
    """The passages (other than ``but``) whose text, headings or byline hold one of ``words``."""
    found: dict[str, None] = {}
    for word in sorted(words):
        form = fold(word)
        if not form:
            continue
        rows = await conn.execute_fetchall(
            "SELECT pid FROM passages WHERE instr(fold, ?) OR instr(head, ?) OR instr(byline, ?)"
            " ORDER BY id",
            (form, form, form),
        )
        found.update((str(r[0]), None) for r in rows if r[0] not in but)
    return list(found)


def _fts_rows(segmenter: Segmenter, sources: Iterable[aiosqlite.Row]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for (
        pid,
        text,
        section,
        lead,
        dtitle,
        dauthors,
        atitle,
        aauthors,
        en_title,
        en_authors,
    ) in sources:
        names = json.loads(dauthors) + json.loads(aauthors or "[]") + json.loads(en_authors or "[]")
        title = " ".join(filter(None, [dtitle, atitle, en_title]))
        byline = " ".join(names)
        head = " ".join(filter(None, [section, lead]))
        rows.append(
            (
                pid,
                segmenter.index_words(text),
                index_grams(text),
                " ".join(
                    [
                        segmenter.index_words(title),
                        index_grams(title),
                        segmenter.index_words(byline),
                    ]
                ),
                segmenter.index_words(head) + " " + index_grams(head),
                fold(f"{title} {head}"),
                fold(byline),
            )
        )
    return rows
