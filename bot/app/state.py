"""What the bot stores about chats: settings, the queries behind buttons, memberships.

The tables come from ``migrations/0002_bot.sql`` and live in the library's database, on
its connection (autocommit), so a button pressed after a restart finds its query again.
Chat settings are read on every update, so they are cached in memory (write-through: this
process is the only writer).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, get_args

import aiosqlite

from bot.render.chathtml import DEFAULT_SCRIPT, SCRIPTS, Script
from bot.render.strings import LANGS, Lang

StateKind = Literal["search", "summary", "timeline", "quote"]
STATE_KINDS: tuple[StateKind, ...] = get_args(StateKind)
# Long enough that a button in an old conversation still works, short enough to bound the table.
STATE_TTL = 30 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """A chat's choices; the defaults apply until someone changes them."""

    script: Script = DEFAULT_SCRIPT
    language: Lang | None = None  # None: each user's Telegram language


@dataclass(frozen=True, slots=True)
class QueryState:
    """The query behind a message's buttons."""

    id: str
    kind: StateKind
    query: str
    chat_id: int
    page_size: int
    created_at: float


class Store:
    """Chat settings, button state and memberships on an open (autocommit) connection."""

    def __init__(
        self,
        conn: aiosqlite.Connection,
        *,
        ttl: float = STATE_TTL,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.conn = conn
        self.ttl = ttl
        self.clock = clock
        self._settings: dict[int, ChatSettings] = {}

    async def chat_settings(self, chat_id: int) -> ChatSettings:
        """The settings of ``chat_id`` (defaults if it never changed any)."""
        cached = self._settings.get(chat_id)
        if cached is not None:
            return cached
        sql = "SELECT script, language FROM chat_settings WHERE chat_id = ?"
        async with self.conn.execute(sql, (chat_id,)) as cur:
            row = await cur.fetchone()
        found = ChatSettings(_script(row[0]), _lang(row[1])) if row else ChatSettings()
        self._settings[chat_id] = found
        return found

    async def set_script(self, chat_id: int, script: Script, by: int | None) -> ChatSettings:
        current = await self.chat_settings(chat_id)
        return await self._save(chat_id, ChatSettings(script, current.language), by)

    async def set_language(
        self, chat_id: int, language: Lang | None, by: int | None
    ) -> ChatSettings:
        current = await self.chat_settings(chat_id)
        return await self._save(chat_id, ChatSettings(current.script, language), by)

    async def _save(self, chat_id: int, settings: ChatSettings, by: int | None) -> ChatSettings:
        await self.conn.execute(
            "INSERT INTO chat_settings (chat_id, script, language, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET script = excluded.script,"
            " language = excluded.language, updated_by = excluded.updated_by,"
            " updated_at = excluded.updated_at",
            (chat_id, settings.script, settings.language, by, _now_iso()),
        )
        self._settings[chat_id] = settings
        return settings

    async def save_query(
        self, kind: StateKind, query: str, chat_id: int, page_size: int
    ) -> QueryState:
        """Remember a query under a new short random id (what its buttons will carry)."""
        state = QueryState(secrets.token_urlsafe(6), kind, query, chat_id, page_size, self.clock())
        await self.conn.execute(
            "INSERT INTO callback_state (id, kind, query, chat_id, page_size, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (state.id, kind, query, chat_id, page_size, state.created_at),
        )
        return state

    async def load_query(self, state_id: str) -> QueryState | None:
        """The stored query ``state_id``, or None if it never existed or has expired."""
        sql = (
            "SELECT id, kind, query, chat_id, page_size, created_at FROM callback_state "
            "WHERE id = ? AND created_at >= ?"
        )
        async with self.conn.execute(sql, (state_id, self.clock() - self.ttl)) as cur:
            row = await cur.fetchone()
        if row is None or row[1] not in STATE_KINDS:
            return None
        return QueryState(row[0], row[1], row[2], int(row[3]), int(row[4]), float(row[5]))

    async def purge_expired(self) -> int:
        """Delete button state older than the expiry; returns how many rows went."""
        cur = await self.conn.execute(
            "DELETE FROM callback_state WHERE created_at < ?", (self.clock() - self.ttl,)
        )
        return cur.rowcount

    async def record_membership(
        self, chat_id: int, chat_type: str, title: str | None, status: str, by: int | None
    ) -> None:
        """Remember the bot's status in a chat (added, promoted, removed)."""
        await self.conn.execute(
            "INSERT INTO chats (chat_id, type, title, status, changed_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type,"
            " title = excluded.title, status = excluded.status,"
            " changed_by = excluded.changed_by, updated_at = excluded.updated_at",
            (chat_id, chat_type, title, status, by, _now_iso()),
        )

    async def membership(self, chat_id: int) -> str | None:
        """The bot's last known status in ``chat_id``, or None if it was never there."""
        async with self.conn.execute(
            "SELECT status FROM chats WHERE chat_id = ?", (chat_id,)
        ) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None


def _script(value: object) -> Script:
    return value if value in SCRIPTS else DEFAULT_SCRIPT


def _lang(value: object) -> Lang | None:
    return value if value in LANGS else None


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
