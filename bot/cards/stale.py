"""Which cards a re-ingest has made untrue, and which of those the moderators were not told.

A card stores, for every passage it cites, the passage's text and hash as they were when it
was cited. After an ingest, a cited passage whose hash differs (its text changed) or that
no longer exists makes the card *stale*. :func:`check_cards` finds the stale cards whose
change has not been told yet; once told (:meth:`CardStore.told`), the same change is not
reported again — a later, different change is.
"""

from __future__ import annotations

from collections import defaultdict

import aiosqlite

from bot.cards.model import StaleCard, StaleSource
from bot.cards.store import CardStore

_SQL = """
SELECT s.card_id, s.pid, s.title, s.text, p.sha, p.text
FROM card_sources s JOIN cards c ON c.id = s.card_id LEFT JOIN passages p ON p.pid = s.pid
WHERE c.deleted = 0 AND (p.sha IS NULL OR p.sha != s.sha)
  AND (s.told_sha IS NULL OR s.told_sha != coalesce(p.sha, ''))
ORDER BY s.card_id
"""


async def check_cards(
    conn: aiosqlite.Connection, store: CardStore | None = None
) -> list[StaleCard]:
    """The cards (not deleted) whose cited sources changed or disappeared, untold so far.

    Run it after every ingest and when the bot starts. It only reads; tell the moderators,
    then record it with :meth:`CardStore.told` so that each change is told once.

    Args:
        conn: An open, migrated database (the cards' connection).
        store: The store to load cards with (a new one on ``conn`` by default).
    """
    store = store or CardStore(conn)
    changed: defaultdict[int, list[StaleSource]] = defaultdict(list)
    async with conn.execute(_SQL) as cur:
        async for card_id, pid, title, old, sha, new in cur:
            changed[int(card_id)].append(StaleSource(pid, title, old, new, sha or ""))
    found = []
    for card_id, sources in changed.items():
        card = await store.load(card_id)
        # Only what the current version cites counts; older versions' sources are history.
        current = tuple(s for s in sources if card is not None and s.pid in card.content.sources)
        if card is not None and current:
            found.append(StaleCard(card, current))
    return found
