"""When the weekly gaps digest is due, remembered in the state store across restarts.

The time of the last digest is ``state_meta.gaps_digest_last`` (a Unix time). At startup
the next one is due a period after it; a bot that has never sent one starts counting now
(and stores that, so restarts do not keep postponing the first digest); a digest missed
while the bot was down goes out at once.
"""

from __future__ import annotations

from bot.feedback.store import FeedbackStore

LAST_KEY = "gaps_digest_last"
PERIOD = 7 * 24 * 3600.0


async def next_due(store: FeedbackStore, period: float = PERIOD) -> float:
    """The Unix time the next digest is due."""
    last = await store.meta(LAST_KEY)
    if last is None:
        now = store.clock()
        await store.set_meta(LAST_KEY, repr(now))
        return now + period
    return float(last) + period


async def mark_sent(store: FeedbackStore, period: float = PERIOD) -> float:
    """Remember that a digest went out now; returns when the next one is due."""
    now = store.clock()
    await store.set_meta(LAST_KEY, repr(now))
    return now + period
