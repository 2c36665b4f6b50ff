"""The alias table of retired passage ids (``passage_aliases``): read, written, resolved.

:mod:`bot.lookup.index.stableids` decides which ids a re-ingest keeps and which it retires;
this module stores the retired ones and answers "where is ``d4.p12`` now?".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite

from bot.lookup.index.stableids import Alias, OldPassage


@dataclass(frozen=True, slots=True)
class Retired:
    """A retired id as the alias table holds it."""

    old_pid: str
    new_pid: str
    change: str  # edited | removed
    old_text: str


async def stored_passages(conn: aiosqlite.Connection, key: str) -> list[OldPassage]:
    """The passages document ``key`` holds now, in reading order."""
    rows = await conn.execute_fetchall(
        "SELECT p.pid, p.kind, p.text, p.sha FROM passages p JOIN documents d ON d.id = p.doc_id"
        " WHERE d.key = ? ORDER BY p.seq",
        (key,),
    )
    return [OldPassage(str(p), str(k), str(t), str(s)) for p, k, t, s in rows]


async def retired_ids(conn: aiosqlite.Connection, key: str) -> list[str]:
    """Every id document ``key`` retired, so none is given out again."""
    rows = await conn.execute_fetchall(
        "SELECT old_pid FROM passage_aliases WHERE doc_key = ?", (key,)
    )
    return [str(r[0]) for r in rows]


async def record(conn: aiosqlite.Connection, key: str, aliases: list[Alias]) -> None:
    """Store ``aliases`` of document ``key``; older aliases that pointed at a now retired id
    follow it to its new place, so every alias resolves in one step."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for alias in aliases:
        await conn.execute(
            "UPDATE passage_aliases SET new_pid = ? WHERE new_pid = ?",
            (alias.new_pid, alias.old_pid),
        )
    await conn.executemany(
        "INSERT INTO passage_aliases (old_pid, new_pid, doc_key, change, old_text, changed_at)"
        " VALUES (?,?,?,?,?,?) ON CONFLICT(old_pid) DO UPDATE SET new_pid = excluded.new_pid,"
        " change = excluded.change, old_text = excluded.old_text,"
        " changed_at = excluded.changed_at",
        [(a.old_pid, a.new_pid, key, a.change, a.old_text, now) for a in aliases],
    )


async def forget(conn: aiosqlite.Connection, key: str) -> None:
    """Drop the aliases of document ``key`` (the document left the corpus)."""
    await conn.execute("DELETE FROM passage_aliases WHERE doc_key = ?", (key,))


async def resolve(conn: aiosqlite.Connection, pids: list[str]) -> dict[str, Retired]:
    """The retired ids among ``pids``, with where each one stands now."""
    if not pids:
        return {}
    marks = ",".join("?" * len(pids))
    rows = await conn.execute_fetchall(
        "SELECT old_pid, new_pid, change, old_text FROM passage_aliases"
        f" WHERE old_pid IN ({marks})",
        pids,
    )
    return {str(r[0]): Retired(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows}
