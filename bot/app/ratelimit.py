"""Per-user query limits: a sliding window, and one notice per blocked stretch.

The counts live in the state store (``rate_limits``), so several instances sharing a store
share each user's window, and a restart does not hand everyone a fresh allowance. Each check
is one short transaction on the user's row (locked on PostgreSQL). :func:`decide` is the pure
rule, with the clock passed in, so it is tested without sleeping. The Telegram side (a
``TypeHandler`` in group -1 that stops the update) lives in ``handlers/limits.py``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.state.db import StateDB

# Forget idle users now and then so the table does not grow with every user ever seen.
_SWEEP_EVERY = 1024


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a query may run; if not, whether to say so and when to come back."""

    allowed: bool
    notify: bool = False
    retry_in: float = 0.0

    @property
    def wait_seconds(self) -> int:
        return max(1, math.ceil(self.retry_in))


@dataclass(frozen=True, slots=True)
class Window:
    """One user's recent queries (oldest first) and until when they were told they wait."""

    hits: tuple[float, ...] = ()
    notified_until: float = -math.inf


def decide(window: Window, now: float, limit: int, seconds: float) -> tuple[Decision, Window]:
    """Count one query at ``now`` if fewer than ``limit`` ran in the last ``seconds``.

    A refused query is not counted (waiting frees a slot on time). The first refusal after
    the user was last allowed carries ``notify=True``; further refusals before a slot frees
    are silent, so a burst gets one notice rather than one per message.
    """
    hits = tuple(h for h in window.hits if h > now - seconds)
    if len(hits) < limit:
        return Decision(True), Window((*hits, now), window.notified_until)
    free_at = hits[0] + seconds
    notify = now >= window.notified_until
    until = free_at if notify else window.notified_until
    return Decision(False, notify, free_at - now), Window(hits, until)


class RateLimiter:
    """At most ``limit`` queries per ``window`` seconds per key (a user id), in the store.

    The clock is wall time (``time.time``): instances share it, unlike a monotonic clock.
    """

    def __init__(
        self,
        db: StateDB,
        limit: int,
        window: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.db = db
        self.limit = limit
        self.window = window
        self.clock = clock
        self._checks = 0

    async def check(self, key: int) -> Decision:
        """Count one query for ``key`` if it is allowed (see :func:`decide`)."""
        now = self.clock()
        await self._maybe_sweep(now)
        async with self.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO rate_limits (id, hits, notified_until, seen_at) VALUES (?, '', ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (key, -1.0, now),
            )
            await tx.lock_row("rate_limits", key)
            row = await tx.fetchone(
                "SELECT hits, notified_until FROM rate_limits WHERE id = ?", (key,)
            )
            before = _window(row)
            decision, after = decide(before, now, self.limit, self.window)
            await tx.execute(
                "UPDATE rate_limits SET hits = ?, notified_until = ?, seen_at = ? WHERE id = ?",
                (_hits_text(after.hits), _finite(after.notified_until), now, key),
            )
        return decision

    async def _maybe_sweep(self, now: float) -> None:
        self._checks += 1
        if self._checks % _SWEEP_EVERY == 0:
            await self.db.execute(
                "DELETE FROM rate_limits WHERE seen_at <= ?", (now - self.window,)
            )


def _window(row: tuple[object, ...] | None) -> Window:
    if row is None:
        return Window()
    text, until = str(row[0] or ""), float(str(row[1]))
    hits = tuple(float(h) for h in text.split(",") if h)
    return Window(hits, until if until >= 0 else -math.inf)


def _hits_text(hits: tuple[float, ...]) -> str:
    return ",".join(repr(h) for h in hits)


def _finite(until: float) -> float:
    return until if math.isfinite(until) else -1.0
