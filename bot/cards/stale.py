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
from bot.cards.sources import passage_sources
from bot.cards.store import CardStore

# What every card that is not deleted cites, as it read when cited (from the state).
_CITED_SQL = """
SELECT s.card_id, s.pid, s.title, s.text, s.sha, s.told_sha
FROM card_sources s JOIN cards c ON c.id = s.card_id
WHERE c.deleted = 0
ORDER BY s.card_id
"""


async def check_cards(store: CardStore, index: aiosqlite.Connection) -> list[StaleCard]:
    """The cards (not deleted) whose cited sources changed or disappeared, untold so far.

    Run it after every ingest and when the bot starts. It only reads; tell the moderators,
    then record it with :meth:`CardStore.told` so that each change is told once.

    Args:
        store: The cards.
        index: The index the cited passages are compared with.
    """
    cited = await store.db.fetchall(_CITED_SQL)
    now = await passage_sources(index, {row[1] for row in cited})
    changed: defaultdict[int, list[StaleSource]] = defaultdict(list)
    for card_id, pid, title, old, sha, told in cited:
        source = now.get(pid)
        new_sha = source.sha if source is not None else ""
        if new_sha == sha or (told is not None and told == new_sha):
            continue
        new_text = source.text if source is not None else None
        changed[int(card_id)].append(StaleSource(pid, title, old, new_text, new_sha))
    found = []
    for card_id, sources in changed.items():
        card = await store.load(card_id)
        # Only what the current version cites counts; older versions' sources are history.
        current = tuple(s for s in sources if card is not None and s.pid in card.content.sources)
        if card is not None and current:
            found.append(StaleCard(card, current))
    return found
