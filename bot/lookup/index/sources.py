"""Reading the corpus back: a passage with its context, and the list of documents."""

from __future__ import annotations

import json
import re
from typing import Literal

import aiosqlite

from bot.lookup.index.retired import resolve
from bot.lookup.results import DocumentInfo, Hit, PassageChange, PassageView

# d2.a6.p41, d1.n7, and dk3f9a.p2 for a file keyed by its name.
_PID = re.compile(r"^d(?:\d+|k[0-9a-f]{4,64})(?:\.a\d+)?\.[pn]\d+$")

_PASSAGE_SQL = """
SELECT p.id, p.pid, p.doc_id, p.seq, p.kind, p.section, p.lead, p.speaker, p.text, p.refs,
       p.flags, p.line_start, p.line_end, d.name, coalesce(a.title, a.en_title, d.title),
       a.title, d.date
FROM passages p JOIN documents d ON d.id = p.doc_id LEFT JOIN articles a ON a.id = p.article_id
WHERE p.pid = ?
"""

_DOC_SQL = """
SELECT d.id, d.key, d.name, d.title, d.authors, d.outlet, d.date, d.date_kind, d.script,
       (SELECT count(*) FROM passages p WHERE p.doc_id = d.id AND p.kind != 'footnote')
FROM documents d
"""


def looks_like_pid(text: str) -> bool:
    """Whether ``text`` has the shape of a passage id (``d2.a6.p41``, ``d0.p3``, ``d1.n7``)."""
    return bool(_PID.match(text.strip().lower()))


async def passage_view(conn: aiosqlite.Connection, pid: str) -> PassageView | None:
    """The passage ``pid`` with its neighbours, footnotes and document, or None if unknown.

    An id an edit retired opens the passage now in its place, with what changed.
    """
    pid = pid.strip().lower()
    if not looks_like_pid(pid):
        return None
    async with conn.execute(_PASSAGE_SQL, (pid,)) as cur:
        row = await cur.fetchone()
    changed = None
    if row is None:
        alias = (await resolve(conn, [pid])).get(pid)
        if alias is None:
            return None
        async with conn.execute(_PASSAGE_SQL, (alias.new_pid,)) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        change: Literal["edited", "removed"] = "removed" if alias.change == "removed" else "edited"
        changed = PassageChange(pid, change, alias.old_text)
    (_rowid, pid, doc_id, seq, kind, section, lead, speaker, text, refs, flags, l1, l2) = row[:13]
    name, title, article, date = row[13:]
    before = await _neighbour(conn, doc_id, seq, kind, "<", "DESC")
    after = await _neighbour(conn, doc_id, seq, kind, ">", "ASC")
    notes = await _footnotes(conn, [(r[1], r[2]) for r in json.loads(refs) if r[2]])
    documents = await _documents(conn, "WHERE d.id = ?", (doc_id,))
    hit = Hit(pid, name, title, article, section, text, 0.0, [], date)
    return PassageView(
        hit=hit,
        kind=kind,
        before=before[1] if before else None,
        after=after[1] if after else None,
        before_id=before[0] if before else None,
        after_id=after[0] if after else None,
        footnotes=notes,
        document=documents[0],
        lead=lead,
        speaker=speaker,
        lines=(l1, l2),
        flagged=bool(json.loads(flags)),
        changed=changed,
    )


async def _neighbour(
    conn: aiosqlite.Connection, doc_id: int, seq: int, kind: str, op: str, order: str
) -> tuple[str, str] | None:
    same = "= 'footnote'" if kind == "footnote" else "!= 'footnote'"
    sql = (
        f"SELECT pid, text FROM passages WHERE doc_id = ? AND seq {op} ? AND kind {same} "
        f"ORDER BY seq {order} LIMIT 1"
    )
    async with conn.execute(sql, (doc_id, seq)) as cur:
        row = await cur.fetchone()
    return (row[0], row[1]) if row else None


async def _footnotes(
    conn: aiosqlite.Connection, refs: list[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    notes = []
    for marker, pid in dict.fromkeys(refs):
        async with conn.execute("SELECT text FROM passages WHERE pid = ?", (pid,)) as cur:
            row = await cur.fetchone()
        if row:
            notes.append((marker, pid, row[0]))
    return notes


async def _documents(
    conn: aiosqlite.Connection, where: str = "", params: tuple[object, ...] = ()
) -> list[DocumentInfo]:
    async with conn.execute(f"{_DOC_SQL} {where} ORDER BY d.key", params) as cur:
        rows = await cur.fetchall()
    out = []
    for doc_id, key, name, title, authors, outlet, date, date_kind, script, count in rows:
        async with conn.execute(
            "SELECT key, coalesce(title, en_title, '') FROM articles WHERE doc_id = ? ORDER BY seq",
            (doc_id,),
        ) as cur:
            articles = [(k, t) async for k, t in cur]
        out.append(
            DocumentInfo(
                key,
                name,
                title,
                json.loads(authors),
                outlet,
                date,
                date_kind,
                script,
                count,
                articles,
            )
        )
    return out


async def document_list(conn: aiosqlite.Connection) -> list[DocumentInfo]:
    """Every document, ordered by key."""
    return sorted(await _documents(conn), key=lambda d: (len(d.key), d.key))
