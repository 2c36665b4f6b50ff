"""Cards in the state store: versions, cited sources, pins and the audit log.

Every write is one transaction of the store, with the card's row locked where the backend
needs it (PostgreSQL, shared by several instances). An edit names the version it was based
on; if the card has moved on meanwhile, here or on another instance, the edit is refused
with :class:`VersionConflict` and nothing is written. The card-state rules (locked,
deleted, already pinned) are checked again inside the transaction, against the row as it
is now.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Literal

from bot.cards.errors import CardError, CardNotFound, VersionConflict
from bot.cards.model import Actor, AuditEntry, Card, CardContent, Source, Version
from bot.cards.reader import Shas, load_card, read_history, read_log
from bot.cards.rules import Action, check_content, require
from bot.state.db import StateDB, Tx

Change = Literal["draft", "new", "edit", "cite", "uncite", "restore"]
PinEnd = Literal["unpin", "delete", "lost"]


_FLAG_ACTIONS: dict[tuple[str, bool], Action] = {
    ("locked", True): "lock",
    ("locked", False): "unlock",
    ("deleted", True): "delete",
    ("deleted", False): "undelete",
}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class CardStore:
    """Reads and writes cards in the state store.

    Args:
        db: The state store.
        shas: The index's current hash of cited passages (what makes a card stale).
    """

    def __init__(self, db: StateDB, shas: Shas) -> None:
        self.db = db
        self.shas = shas

    # -- reading ------------------------------------------------------------------------

    async def get(self, chat_id: int, card_id: int) -> Card:
        """Card ``card_id`` of ``chat_id`` (deleted ones too).

        Raises:
            CardNotFound: no such card in this chat.
        """
        card = await self.load(card_id)
        if card is None or card.chat_id != chat_id:
            raise CardNotFound(card_id)
        return card

    async def load(self, card_id: int) -> Card | None:
        """Card ``card_id`` in whatever chat, or None."""
        return await load_card(self.db, card_id, self.shas)

    async def cards(self, chat_id: int, *, deleted: bool = False) -> list[Card]:
        """The chat's cards, oldest first; deleted ones only when ``deleted``."""
        sql = "SELECT id FROM cards WHERE chat_id = ?" + ("" if deleted else " AND deleted = 0")
        rows = await self.db.fetchall(sql + " ORDER BY id", (chat_id,))
        found = [await load_card(self.db, int(row[0]), self.shas) for row in rows]
        return [card for card in found if card is not None]

    async def history(self, card_id: int) -> list[Version]:
        """Every version of a card, newest first."""
        return await read_history(self.db, card_id)

    async def version(self, card_id: int, version: int) -> Version | None:
        return next((v for v in await self.history(card_id) if v.version == version), None)

    async def log(self, chat_id: int, limit: int = 20) -> list[AuditEntry]:
        """The chat's audit trail, newest first."""
        return await read_log(self.db, chat_id, limit)

    # -- writing ------------------------------------------------------------------------

    async def create(
        self,
        chat_id: int,
        content: CardContent,
        sources: Iterable[Source],
        actor: Actor,
        *,
        change: Change = "draft",
        query: str | None = None,
    ) -> Card:
        """Store a new card as version 1 (a draft: not pinned)."""
        check_content(content)
        now = now_iso()
        async with self.db.transaction() as tx:
            card_id = await tx.insert(
                "INSERT INTO cards (chat_id, version, query, created_by, created_at, updated_at)"
                " VALUES (?, 1, ?, ?, ?, ?) RETURNING id",
                (chat_id, query, actor.id, now, now),
            )
            await self._insert_version(tx, card_id, 1, content, change, actor, now)
            await self._save_sources(tx, card_id, sources, now, refresh=True)
            await self._audit(tx, chat_id, card_id, actor, change, 1, content.title)
            return await self._must_load(tx, card_id)

    async def update(
        self,
        card_id: int,
        base: int | None,
        content: CardContent,
        actor: Actor,
        change: Change,
        *,
        sources: Iterable[Source] = (),
        refresh: bool = False,
        detail: str = "",
    ) -> Card:
        """Store ``content`` as the card's next version.

        Args:
            card_id: The card.
            base: The version the change was made against; None to apply it to whatever
                is current (a command that named no version).
            content: The new content.
            actor: Who made the change.
            change: What kind of change it is (kept in the history).
            sources: Newly cited passages, as they read now.
            refresh: Replace the stored text of ``sources`` already cited (a re-citation).
            detail: A note for the audit log.

        Raises:
            VersionConflict: ``base`` is not the current version; nothing was written.
            CardError: the card is locked or deleted, or ``content`` is not a valid card.
        """
        check_content(content)
        now = now_iso()
        async with self.db.transaction() as tx:
            current = await self._must_load(tx, card_id, lock=True)
            if base is not None and base != current.version:
                raise VersionConflict(current, base)
            require("edit", moderator=True, card=current)
            version = current.version + 1
            await self._swap_version(tx, current, version, now)
            await self._insert_version(tx, card_id, version, content, change, actor, now)
            await self._save_sources(tx, card_id, sources, now, refresh=refresh)
            await self._audit(tx, current.chat_id, card_id, actor, change, version, detail)
            return await self._must_load(tx, card_id)

    async def _swap_version(self, tx: Tx, current: Card, version: int, now: str) -> None:
        # Compare-and-swap: also refuses an edit another process made in the meantime.
        changed = await tx.execute(
            "UPDATE cards SET version = ?, updated_at = ? WHERE id = ? AND version = ?",
            (version, now, current.id, current.version),
        )
        if changed != 1:
            raise VersionConflict(await self._must_load(tx, current.id), current.version)

    async def refresh_sources(
        self, card_id: int, sources: Iterable[Source], actor: Actor, detail: str
    ) -> Card:
        """Accept the current text of passages the card already cites (no new version)."""
        now = now_iso()
        async with self.db.transaction() as tx:
            current = await self._must_load(tx, card_id, lock=True)
            require("edit", moderator=True, card=current)
            await self._save_sources(tx, card_id, sources, now, refresh=True)
            await self._audit(
                tx, current.chat_id, card_id, actor, "recite", current.version, detail
            )
            return await self._must_load(tx, card_id)

    async def set_flag(
        self, card_id: int, flag: Literal["locked", "deleted"], value: bool, actor: Actor
    ) -> Card:
        """Lock or unlock, delete or undelete (soft: every version stays)."""
        action = _FLAG_ACTIONS[flag, value]
        async with self.db.transaction() as tx:
            current = await self._must_load(tx, card_id, lock=True)
            require(action, moderator=True, card=current)
            await tx.execute(
                f"UPDATE cards SET {flag} = ?, updated_at = ? WHERE id = ?",
                (int(value), now_iso(), card_id),
            )
            await self._audit(tx, current.chat_id, card_id, actor, action, current.version, "")
            return await self._must_load(tx, card_id)

    async def pinned(self, card_id: int, message_id: int, actor: Actor) -> Card:
        """Record that the card's message ``message_id`` is now pinned in its chat."""
        async with self.db.transaction() as tx:
            current = await self._must_load(tx, card_id, lock=True)
            require("pin", moderator=True, card=current)
            await tx.execute(
                "INSERT INTO card_pins (card_id, chat_id, message_id, pinned_by, pinned_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (card_id, current.chat_id, message_id, actor.id, now_iso()),
            )
            detail = str(message_id)
            await self._audit(tx, current.chat_id, card_id, actor, "pin", current.version, detail)
            return await self._must_load(tx, card_id)

    async def unpinned(self, card_id: int, actor: Actor, reason: PinEnd) -> Card:
        """Record that the card's pin ended: unpinned, deleted with the card, or lost."""
        async with self.db.transaction() as tx:
            current = await self._must_load(tx, card_id, lock=True)
            if current.pin is None:
                raise CardError("cards.not_pinned", card_id=card_id)
            await tx.execute(
                "UPDATE card_pins SET ended_at = ?, end_reason = ?"
                " WHERE card_id = ? AND ended_at IS NULL",
                (now_iso(), reason, card_id),
            )
            action = "unpin" if reason != "lost" else "pin_lost"
            await self._audit(tx, current.chat_id, card_id, actor, action, current.version, "")
            return await self._must_load(tx, card_id)

    async def told(self, card: Card, seen: Iterable[tuple[str, str]], actor: Actor) -> None:
        """Remember that the moderators were told about these (pid, new passage hash) pairs."""
        pairs = list(seen)
        async with self.db.transaction() as tx:
            await tx.executemany(
                "UPDATE card_sources SET told_sha = ? WHERE card_id = ? AND pid = ?",
                [(sha, card.id, pid) for pid, sha in pairs],
            )
            detail = " ".join(pid for pid, _ in pairs)
            await self._audit(tx, card.chat_id, card.id, actor, "stale", card.version, detail)

    async def _must_load(self, tx: Tx, card_id: int, *, lock: bool = False) -> Card:
        if lock:
            await tx.lock_row("cards", card_id)
        card = await load_card(tx, card_id, self.shas)
        if card is None:
            raise CardNotFound(card_id)
        return card

    async def _insert_version(
        self,
        tx: Tx,
        card_id: int,
        version: int,
        content: CardContent,
        change: str,
        actor: Actor,
        at: str,
    ) -> None:
        await tx.execute(
            "INSERT INTO card_versions (card_id, version, content, change, author, author_name,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (card_id, version, content.to_json(), change, actor.id, actor.name, at),
        )

    async def _save_sources(
        self, tx: Tx, card_id: int, sources: Iterable[Source], at: str, *, refresh: bool
    ) -> None:
        # A passage cited again keeps the text it was first cited with, unless this is an
        # explicit re-citation: restoring an old version must not hide a change.
        conflict = (
            "DO UPDATE SET title = excluded.title, sha = excluded.sha, text = excluded.text,"
            " cited_at = excluded.cited_at, told_sha = NULL"
            if refresh
            else "DO NOTHING"
        )
        await tx.executemany(
            "INSERT INTO card_sources (card_id, pid, title, sha, text, cited_at)"
            f" VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (card_id, pid) {conflict}",
            [(card_id, s.pid, s.title, s.sha, s.text, at) for s in sources],
        )

    async def _audit(
        self,
        tx: Tx,
        chat_id: int,
        card_id: int | None,
        actor: Actor,
        action: str,
        version: int | None,
        detail: str,
    ) -> None:
        await tx.execute(
            "INSERT INTO card_audit (chat_id, card_id, actor, actor_name, action, version,"
            " detail, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (chat_id, card_id, actor.id, actor.name, action, version, detail[:200], now_iso()),
        )
