"""Votes and the unanswered log in the state store, keyed by a hashed user.

Who voted is kept only as ``user_hash``: HMAC-SHA256 of ``"<chat id>:<user id>"`` under a
random key made once per store and kept in ``state_meta.feedback_salt``, so it survives
restarts, is shared by every instance on one PostgreSQL database and travels with backups.
The hash differs from chat to chat, so a user's votes in two chats cannot be linked from
the rows; whoever holds the whole store (key included) can still test a known user id, so
it is pseudonymous, not anonymous. ``/forget`` recomputes the hash for every chat that has
rows and deletes them all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from bot.state.db import StateDB, Tx

Reason = Literal["empty", "paged", "disliked"]
VoteOutcome = Literal["new", "changed", "same"]
SALT_KEY = "feedback_salt"
# A user who paged past the first page and has not touched the answer for this long is
# taken to have left without finding what they wanted.
LEAVE_AFTER = 10 * 60.0


@dataclass(frozen=True, slots=True)
class AnswerRef:
    """What a vote is about: an answer's button state, as stored."""

    id: str
    kind: str
    query: str
    chat_id: int
    pids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the unanswered log."""

    id: int
    chat_id: int
    kind: str
    query: str
    reason: Reason
    at: float


@dataclass(frozen=True, slots=True)
class Vote:
    """One stored vote (for the maintainers' export and the bench)."""

    chat_id: int
    kind: str
    query: str
    pids: tuple[str, ...]
    vote: int
    at: float
    note: str | None = None


class FeedbackStore:
    """The ``feedback`` and ``unanswered`` tables."""

    def __init__(self, db: StateDB, *, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.clock = clock
        self._salt: bytes | None = None

    async def salt(self) -> bytes:
        """The store's hashing key, made on first use (the first instance to insert wins)."""
        if self._salt is None:
            await self.db.execute(
                "INSERT INTO state_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                (SALT_KEY, secrets.token_hex(32)),
            )
            row = await self.db.fetchone("SELECT value FROM state_meta WHERE key = ?", (SALT_KEY,))
            assert row is not None
            self._salt = bytes.fromhex(str(row[0]))
        return self._salt

    async def user_hash(self, chat_id: int, user_id: int) -> str:
        """The user as the rows know them: a keyed hash, different in every chat."""
        message = f"{chat_id}:{user_id}".encode()
        return hmac.new(await self.salt(), message, hashlib.sha256).hexdigest()[:32]

    async def vote(self, answer: AnswerRef, user_id: int, vote: int) -> VoteOutcome:
        """Record ``user_id``'s vote (+1 or -1) on ``answer``: one per user, changeable.

        A 👎 puts the question in the unanswered log; a 👍 takes it out again (and also a
        "paged and left" mark: the user found what they wanted).
        """
        if vote not in (-1, 1):
            raise ValueError(f"a vote is +1 or -1, not {vote}")
        who = await self.user_hash(answer.chat_id, user_id)
        now = self.clock()
        async with self.db.transaction() as tx:
            row = await tx.fetchone(
                "SELECT vote FROM feedback WHERE answer_id = ? AND user_hash = ?", (answer.id, who)
            )
            await tx.execute(
                "INSERT INTO feedback (answer_id, user_hash, chat_id, kind, query, pids, vote, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id, user_hash)"
                " DO UPDATE SET vote = excluded.vote, at = excluded.at",
                (answer.id, who, answer.chat_id, answer.kind, answer.query,
                 " ".join(answer.pids), vote, now),
            )  # fmt: skip
            if vote < 0:
                await _log(tx, answer, "disliked", who, now)
            else:
                await tx.execute(
                    "DELETE FROM unanswered WHERE answer_id = ? AND user_hash = ?"
                    " AND reason IN ('disliked', 'paged')",
                    (answer.id, who),
                )
        if row is None:
            return "new"
        return "same" if int(row[0]) == vote else "changed"

    async def add_note(self, chat_id: int, user_id: int, note: str) -> bool:
        """Keep ``note`` ("what were you looking for?") with the user's latest 👎 in
        ``chat_id``; False when there is none."""
        who = await self.user_hash(chat_id, user_id)
        row = await self.db.fetchone(
            "SELECT answer_id FROM feedback WHERE chat_id = ? AND user_hash = ? AND vote < 0"
            " ORDER BY at DESC LIMIT 1",
            (chat_id, who),
        )
        if row is None:
            return False
        await self.db.execute(
            "UPDATE feedback SET note = ? WHERE answer_id = ? AND user_hash = ?",
            (note, row[0], who),
        )
        return True

    async def record_empty(self, kind: str, query: str, chat_id: int, user_id: int) -> None:
        """The bot found nothing (or abstained) for ``query``."""
        who = await self.user_hash(chat_id, user_id)
        await self.db.execute(
            "INSERT INTO unanswered (chat_id, kind, query, reason, answer_id, user_hash, at)"
            " VALUES (?, ?, ?, 'empty', NULL, ?, ?)",
            (chat_id, kind, query, who, self.clock()),
        )

    async def record_paged(self, answer: AnswerRef, user_id: int) -> None:
        """``user_id`` turned a page of ``answer``: marked (or its time renewed) until a 👍.

        The mark counts as unanswered only after :data:`LEAVE_AFTER` without another page.
        One statement, since it runs on every page turn.
        """
        who = await self.user_hash(answer.chat_id, user_id)
        await self.db.execute(
            "INSERT INTO unanswered (chat_id, kind, query, reason, answer_id, user_hash, at)"
            " SELECT ?, ?, ?, 'paged', ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM feedback"
            "  WHERE answer_id = ? AND user_hash = ? AND vote > 0)"
            " ON CONFLICT (answer_id, reason, user_hash) WHERE answer_id IS NOT NULL"
            " DO UPDATE SET at = excluded.at, dismissed = 0",
            (answer.chat_id, answer.kind, answer.query, answer.id, who, self.clock(),
             answer.id, who),
        )  # fmt: skip

    async def entries(self, since: float, chat_id: int | None = None) -> list[Entry]:
        """The log since ``since`` (one chat's, or every chat's), dismissed rows left out;
        "paged" marks only once their user has left (:data:`LEAVE_AFTER`)."""
        sql = (
            "SELECT id, chat_id, kind, query, reason, at FROM unanswered"
            " WHERE at >= ? AND dismissed = 0 AND (reason != 'paged' OR at <= ?)"
        )
        params: list[object] = [since, self.clock() - LEAVE_AFTER]
        if chat_id is not None:
            sql += " AND chat_id = ?"
            params.append(chat_id)
        rows = await self.db.fetchall(sql + " ORDER BY id", params)
        return [Entry(int(r[0]), int(r[1]), str(r[2]), str(r[3]), r[4], float(r[5])) for r in rows]

    async def entry(self, entry_id: int) -> Entry | None:
        row = await self.db.fetchone(
            "SELECT id, chat_id, kind, query, reason, at FROM unanswered WHERE id = ?",
            (entry_id,),
        )
        if row is None:
            return None
        return Entry(int(row[0]), int(row[1]), str(row[2]), str(row[3]), row[4], float(row[5]))

    async def dismiss(self, ids: Iterable[int]) -> int:
        """Take these rows out of every later report; returns how many were still open."""
        rows = [(i,) for i in ids]
        if not rows:
            return 0
        gone = 0
        async with self.db.transaction() as tx:
            for (entry_id,) in rows:
                gone += await tx.execute(
                    "UPDATE unanswered SET dismissed = 1 WHERE id = ? AND dismissed = 0",
                    (entry_id,),
                )
        return gone

    async def votes(self, vote: int | None = None) -> list[Vote]:
        """Every stored vote (or only the 👍 or only the 👎), oldest first."""
        sql = "SELECT chat_id, kind, query, pids, vote, at, note FROM feedback"
        params: tuple[object, ...] = ()
        if vote is not None:
            sql, params = sql + " WHERE vote = ?", (vote,)
        rows = await self.db.fetchall(sql + " ORDER BY at", params)
        return [
            Vote(
                int(r[0]), str(r[1]), str(r[2]), tuple(str(r[3]).split()), int(r[4]), float(r[5]),
                r[6],
            )
            for r in rows
        ]  # fmt: skip

    async def forget(self, user_id: int) -> int:
        """Delete every vote and log row of ``user_id``, in every chat; returns how many."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT chat_id FROM feedback UNION SELECT DISTINCT chat_id FROM unanswered"
        )
        hashes = [await self.user_hash(int(r[0]), user_id) for r in rows]
        gone = 0
        async with self.db.transaction() as tx:
            for who in hashes:
                gone += await tx.execute("DELETE FROM feedback WHERE user_hash = ?", (who,))
                gone += await tx.execute("DELETE FROM unanswered WHERE user_hash = ?", (who,))
        return gone

    async def meta(self, key: str) -> str | None:
        row = await self.db.fetchone("SELECT value FROM state_meta WHERE key = ?", (key,))
        return str(row[0]) if row is not None else None

    async def set_meta(self, key: str, value: str) -> None:
        await self.db.execute(
            "INSERT INTO state_meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


async def _log(tx: Tx, answer: AnswerRef, reason: Reason, who: str, now: float) -> None:
    await tx.execute(
        "INSERT INTO unanswered (chat_id, kind, query, reason, answer_id, user_hash, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (answer_id, reason, user_hash) WHERE answer_id IS NOT NULL"
        " DO UPDATE SET at = excluded.at, dismissed = 0",
        (answer.chat_id, answer.kind, answer.query, reason, answer.id, who, now),
    )
