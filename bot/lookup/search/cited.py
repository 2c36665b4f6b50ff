"""Questions that ask where a statement comes from or who wrote a text.

"这个数据出自哪篇报道" names a claim, not its source: the claim's words are in the body
passage that makes it, and the reference that answers is the footnote its marker points to,
which shares few of them. So for such a question the footnote cited where the claim stands
in each of the best passages joins the ranking just above that passage: the reference
first, the claim it is cited for next.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bot.lookup.text import wordlists
from bot.lookup.text.script import fold


@cache
def _words(name: str) -> re.Pattern[str]:
    """The words of a list as folded text has them (quoted from: quotedfrom)."""
    words = sorted({fold(w) for w in wordlists.load(name)}, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words)))


# "这个数据是从哪来的": where a figure or a statement comes from (not 动力从哪里来, which asks
# about the thing itself).
_CLAIM_ORIGIN = re.compile(
    r"(?:数据|数字|统计|说法|观点|结论|判断|预测|这话|这句|引文)[^，。？！,.?!]{0,6}?"
    r"(?:从哪|哪来|哪里来|哪儿来)"
)
# The shapes of a reference: a [M]/[J] type mark, a URL.
_REFERENCE = re.compile(r"\[[mjnr]\]|eb/ol|http|www")


def asks_origin(cleaned: str) -> bool:
    """Whether a query asks where a statement comes from (出自哪篇报道, 数据是哪来的)."""
    return _asks_origin(fold(cleaned))


def _asks_origin(folded: str) -> bool:
    return bool(_words("citation_asks").search(folded) or _CLAIM_ORIGIN.search(folded))


def asks_author(cleaned: str) -> bool:
    """Whether a query asks who wrote a text (作者是谁, 谁写的, who wrote)."""
    return bool(_words("author_asks").search(fold(cleaned)))


def wants_sources(cleaned: str) -> bool:
    """Whether a query asks for a cited source (出自哪篇报道, 出版社, 课题报告, a URL) rather
    than for what the text says."""
    folded = fold(cleaned)
    return _asks_origin(folded) or bool(
        _words("cited_works").search(folded) or _REFERENCE.search(folded)
    )


def cited_note(
    text: str,
    refs: Sequence[tuple[int, str | None]],
    concepts: Sequence[tuple[float, re.Pattern[str] | None]],
) -> str | None:
    """The footnote a passage cites for the part of its text that holds most of a question.

    A marker follows what it is cited for, so each footnote is credited with the stretch of
    text between the marker before it (or the passage's start) and its own marker.

    Args:
        text: The passage's display text.
        refs: Its footnote markers, as (offset in ``text``, the note's pid or None).
        concepts: The question's concepts as (weight, pattern over folded text).

    Returns:
        The pid of the note whose stretch holds the most concept weight (the first on a tie),
        or None when the passage cites no note.
    """
    best: str | None = None
    best_weight = -1.0
    start = 0
    for offset, note in sorted(refs, key=lambda ref: ref[0]):
        claim = fold(text[start:offset])
        start = offset
        if note is None:
            continue
        weight = sum(w for w, pattern in concepts if pattern is not None and pattern.search(claim))
        if weight > best_weight:
            best, best_weight = note, weight
    return best
