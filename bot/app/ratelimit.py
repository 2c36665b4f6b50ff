"""Per-user query limits: a sliding window, and one notice per blocked stretch.

Pure logic with an injectable clock, so it is tested without sleeping. The Telegram side
(a ``TypeHandler`` in group -1 that stops the update) lives in ``handlers/limits.py``.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

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


class RateLimiter:
    """At most ``limit`` queries per ``window`` seconds per key (a user id)."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self.clock = clock
        self._hits: dict[int, deque[float]] = {}
        self._notified_until: dict[int, float] = {}
        self._checks = 0

    def check(self, key: int) -> Decision:
        """Count one query for ``key`` if it is allowed.

        A refused query is not counted (waiting frees a slot on time). The first refusal
        after the user was last allowed carries ``notify=True``; further refusals before a
        slot frees are silent, so a burst gets one notice rather than one per message.
        """
        now = self.clock()
        self._maybe_sweep(now)
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) < self.limit:
            hits.append(now)
            return Decision(True)
        free_at = hits[0] + self.window
        notify = now >= self._notified_until.get(key, -math.inf)
        if notify:
            self._notified_until[key] = free_at
        return Decision(False, notify, free_at - now)

    def _maybe_sweep(self, now: float) -> None:
        self._checks += 1
        if self._checks % _SWEEP_EVERY:
            return
        horizon = now - self.window
        for key in [k for k, hits in self._hits.items() if not hits or hits[-1] <= horizon]:
            del self._hits[key]
            self._notified_until.pop(key, None)
