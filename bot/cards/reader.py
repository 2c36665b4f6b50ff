"""Reading cards back from the state store: a card with its sources, pin and staleness; its
history; a chat's audit trail. Plain functions on a store (or a transaction of it).

Staleness compares what a card cited with the passages as the index holds them now; the
index is another database, so that takes a second query there (:data:`Shas`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from bot.cards.model import Actor, AuditEntry, Card, CardContent, Pin, Source, Version
from bot.state.db import Tx

# The current hash of each of these passages that still exists in the index.
Shas = Callable[[Iterable[str]], Awaitable[dict[str, str]]]

_CARD_SQL = """
SELECT c.id, c.chat_id, c.version, c.locked, c.deleted, c.created_by, c.updated_at, v.content
FROM cards c JOIN card_versions v ON v.card_id = c.id AND v.version = c.version
WHERE c.id = ?
"""
_HISTORY_SQL = """
SELECT version, content, change, author, author_name, created_at FROM card_versions
WHERE card_id = ? ORDER BY version DESC
"""
_LOG_SQL = """
SELECT card_id, actor, actor_name, action, version, detail, at FROM card_audit
WHERE chat_id = ? ORDER BY id DESC LIMIT ?
"""


async def load_card(conn: Tx, card_id: int, shas: Shas) -> Card | None:
    """Card ``card_id`` at its current version, or None."""
    row = await conn.fetchone(_CARD_SQL, (card_id,))
    if row is None:
        return None
    content = CardContent.from_json(row[7])
    sources = await _sources(conn, card_id)
    return Card(
        id=int(row[0]),
        chat_id=int(row[1]),
        version=int(row[2]),
        content=content,
        sources=tuple(sources[pid] for pid in content.sources if pid in sources),
        locked=bool(row[3]),
        deleted=bool(row[4]),
        pin=await _pin(conn, card_id),
        stale=await _stale(sources, content.sources, shas),
        created_by=row[5],
        updated_at=row[6],
    )


async def _sources(conn: Tx, card_id: int) -> dict[str, Source]:
    sql = "SELECT pid, title, sha, text FROM card_sources WHERE card_id = ?"
    rows = await conn.fetchall(sql, (card_id,))
    return {row[0]: Source(row[0], row[1], row[2], row[3]) for row in rows}


async def _pin(conn: Tx, card_id: int) -> Pin | None:
    sql = (
        "SELECT chat_id, message_id, pinned_by, pinned_at FROM card_pins"
        " WHERE card_id = ? AND ended_at IS NULL"
    )
    row = await conn.fetchone(sql, (card_id,))
    return Pin(int(row[0]), int(row[1]), row[2], row[3]) if row else None


async def _stale(cited: dict[str, Source], pids: tuple[str, ...], shas: Shas) -> tuple[str, ...]:
    # Only what the current version cites counts; older versions' sources are history.
    # A cited passage whose hash differs from the one stored when it was cited, or that is
    # gone, makes the card stale.
    wanted = [pid for pid in pids if pid in cited]
    now = await shas(wanted) if wanted else {}
    return tuple(pid for pid in wanted if now.get(pid) != cited[pid].sha)


async def read_history(conn: Tx, card_id: int) -> list[Version]:
    """Every version of a card, newest first."""
    rows = await conn.fetchall(_HISTORY_SQL, (card_id,))
    return [
        Version(card_id, int(r[0]), CardContent.from_json(r[1]), r[2], actor(r[3], r[4]), r[5])
        for r in rows
    ]


async def read_log(conn: Tx, chat_id: int, limit: int) -> list[AuditEntry]:
    """The chat's audit trail, newest first."""
    rows = await conn.fetchall(_LOG_SQL, (chat_id, limit))
    return [AuditEntry(r[0], actor(r[1], r[2]), r[3], r[4], r[5], r[6]) for r in rows]


def actor(actor_id: int | None, name: str) -> Actor:
    """An actor as stored: anonymous administrators act as the chat, whose id is negative."""
    return Actor(actor_id, name, anonymous=actor_id is not None and actor_id < 0)
