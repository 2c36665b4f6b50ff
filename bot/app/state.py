"""What the bot stores about chats: settings, the queries behind buttons, memberships, and
which updates were handled.

The tables come from ``migrations/state/`` and live in the state store (SQLite or
PostgreSQL), so a button pressed after a restart, or on another instance, finds its query
again. Chat settings are read on every update, so they are cached in memory for a short
while (write-through here; another instance's change shows within ``SETTINGS_TTL``).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, get_args

from bot.render.chathtml import DEFAULT_SCRIPT, SCRIPTS, Script
from bot.render.strings import LANGS, Lang
from bot.state.db import StateDB

StateKind = Literal["search", "summary", "timeline", "quote", "verify"]
STATE_KINDS: tuple[StateKind, ...] = get_args(StateKind)
# Long enough that a button in an old conversation still works, short enough to bound the table.
STATE_TTL = 30 * 24 * 3600.0
# How long a chat's settings are trusted from memory: one instance's change reaches another
# within this (a single instance sees its own changes at once).
SETTINGS_TTL = 30.0
# Handled update ids are kept this long: far beyond any redelivery or deploy overlap.
UPDATES_TTL = 24 * 3600.0


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
    pids: tuple[str, ...] = ()  # the passages the answer showed first (what a vote is about)


class Store:
    """Chat settings, button state, memberships and handled updates in the state store."""

    def __init__(
        self,
        db: StateDB,
        *,
        ttl: float = STATE_TTL,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.ttl = ttl
        self.clock = clock
        self._settings: dict[int, tuple[float, ChatSettings]] = {}

    async def chat_settings(self, chat_id: int) -> ChatSettings:
        """The settings of ``chat_id`` (defaults if it never changed any)."""
        cached = self._settings.get(chat_id)
        if cached is not None and self.clock() - cached[0] < SETTINGS_TTL:
            return cached[1]
        sql = "SELECT script, language FROM chat_settings WHERE chat_id = ?"
        row = await self.db.fetchone(sql, (chat_id,))
        found = ChatSettings(_script(row[0]), _lang(row[1])) if row else ChatSettings()
        self._settings[chat_id] = (self.clock(), found)
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
        await self.db.execute(
            "INSERT INTO chat_settings (chat_id, script, language, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET script = excluded.script,"
            " language = excluded.language, updated_by = excluded.updated_by,"
            " updated_at = excluded.updated_at",
            (chat_id, settings.script, settings.language, by, _now_iso()),
        )
        self._settings[chat_id] = (self.clock(), settings)
        return settings

    async def save_query(
        self,
        kind: StateKind,
        query: str,
        chat_id: int,
        page_size: int,
        pids: tuple[str, ...] = (),
    ) -> QueryState:
        """Remember a query under a new short random id (what its buttons will carry)."""
        state = QueryState(
            secrets.token_urlsafe(6), kind, query, chat_id, page_size, self.clock(), pids
        )
        await self.db.execute(
            "INSERT INTO callback_state (id, kind, query, chat_id, page_size, created_at, pids) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (state.id, kind, query, chat_id, page_size, state.created_at, " ".join(pids)),
        )
        return state

    async def load_query(self, state_id: str) -> QueryState | None:
        """The stored query ``state_id``, or None if it never existed or has expired."""
        sql = (
            "SELECT id, kind, query, chat_id, page_size, created_at, pids FROM callback_state "
            "WHERE id = ? AND created_at >= ?"
        )
        row = await self.db.fetchone(sql, (state_id, self.clock() - self.ttl))
        if row is None or row[1] not in STATE_KINDS:
            return None
        pids = tuple(str(row[6]).split())
        return QueryState(row[0], row[1], row[2], int(row[3]), int(row[4]), float(row[5]), pids)

    async def purge_expired(self) -> int:
        """Delete button state older than the expiry; returns how many rows went."""
        gone = await self.db.execute(
            "DELETE FROM callback_state WHERE created_at < ?", (self.clock() - self.ttl,)
        )
        await self.db.execute(
            "DELETE FROM processed_updates WHERE handled_at < ?", (self.clock() - UPDATES_TTL,)
        )
        return gone

    async def claim_update(self, update_id: int) -> bool:
        """True if this process is the first to handle ``update_id`` (then it must).

        Several instances sharing one store each receive a redelivered update; the first
        insert wins and the others leave it alone.
        """
        claimed = await self.db.execute(
            "INSERT INTO processed_updates (update_id, handled_at) VALUES (?, ?)"
            " ON CONFLICT (update_id) DO NOTHING",
            (update_id, self.clock()),
        )
        return claimed == 1

    async def record_membership(
        self, chat_id: int, chat_type: str, title: str | None, status: str, by: int | None
    ) -> None:
        """Remember the bot's status in a chat (added, promoted, removed)."""
        await self.db.execute(
            "INSERT INTO chats (chat_id, type, title, status, changed_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type,"
            " title = excluded.title, status = excluded.status,"
            " changed_by = excluded.changed_by, updated_at = excluded.updated_at",
            (chat_id, chat_type, title, status, by, _now_iso()),
        )

    async def membership(self, chat_id: int) -> str | None:
        """The bot's last known status in ``chat_id``, or None if it was never there."""
        row = await self.db.fetchone("SELECT status FROM chats WHERE chat_id = ?", (chat_id,))
        return str(row[0]) if row else None


def _script(value: object) -> Script:
    return value if value in SCRIPTS else DEFAULT_SCRIPT


def _lang(value: object) -> Lang | None:
    return value if value in LANGS else None


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
