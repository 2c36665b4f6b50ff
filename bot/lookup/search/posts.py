"""Who holds a post: a question the documents answer only where they name the two together.

"亚投行现任行长是谁" matches every passage on the AIIB and every one on a central bank's
governor, yet the documents never say who heads the AIIB. A question that asks *who*
(谁, 哪位, who) holds a post (:file:`words/offices.txt`: 行长, 总干事, president) of something
it names (a name of the alias table or of the general dictionary: 亚投行, 世界银行) is
answered only by a passage that writes the post within
:attr:`RankingConfig.abstain_post_window` characters of the name (亚投行首任行长, 新开发银行
行长); when no candidate passage does, or the corpus never writes the post at all, the
documents do not say who holds it (:mod:`bot.lookup.search.abstain`, sign 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.lookup.index.rowcache import PassageRow
from bot.lookup.search.query import Concept, ParsedQuery
from bot.lookup.text import wordlists
from bot.lookup.text.script import to_simplified
from bot.lookup.text.segment import has_cjk

# Asking who: 谁 (誰 once simplified), 哪位, 何人, or English "who" as a word.
_ASKS_WHO = re.compile(r"谁|哪位|何人|\bwho\b", re.I)


def asks_post(parsed: ParsedQuery) -> bool:
    """Whether ``parsed`` asks who holds a post (cheap: no passage is read)."""
    offices = wordlists.load("offices")
    return any(c.term in offices for c in parsed.concepts) and bool(
        _ASKS_WHO.search(to_simplified(parsed.cleaned))
    )


def unheld_post(
    parsed: ParsedQuery,
    rows: Iterable[PassageRow],
    is_name: Callable[[str], bool],
    pattern: Callable[[Concept], re.Pattern[str] | None],
    window: int,
) -> str | None:
    """The post and holder a who-question names that no passage of ``rows`` writes together
    (亚投行行长), or None. ``is_name`` says whether a concept's term is a name (of the alias
    table or the general dictionary); ``pattern`` finds a concept in a passage's folded
    text."""
    if not asks_post(parsed):
        return None
    offices = wordlists.load("offices")
    posts = [c for c in parsed.concepts if c.term in offices]
    holders = [c for c in parsed.concepts if c.term not in offices and is_name(c.term)]
    holders = [c for c in holders if not c.absent]  # a name no passage holds is sign 1 itself
    if not posts or not holders:
        return None
    # 亚投行行长; "bank president" in English.
    joint = "" if has_cjk(holders[0].term + posts[0].term) else " "
    unheld = f"{holders[0].term}{joint}{posts[0].term}"
    if all(c.absent for c in posts):
        return unheld  # the documents never write the post at all (总干事)
    texts = [row.fold for row in rows]
    pairs = [(pattern(post), pattern(holder)) for post in posts for holder in holders]
    for post_at, holder_at in pairs:
        if post_at is None or holder_at is None:
            continue
        if any(_beside(text, post_at, holder_at, window) for text in texts):
            return None
    return unheld


def _beside(text: str, post: re.Pattern[str], holder: re.Pattern[str], window: int) -> bool:
    """Whether ``text`` writes the post within ``window`` characters of the holder."""
    for hit in post.finditer(text):
        if holder.search(text[max(0, hit.start() - window) : hit.end() + window]):
            return True
    return False
