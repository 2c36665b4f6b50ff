"""The one-line answer a reply may open with: the clause of a passage that states the fact.

Only for a question that asks for a fact a pattern can find (a date, a number, a list), and
only from a passage near the top whose answer sentence covers most of the question and
holds such a fact surely (:func:`bot.lookup.search.answer.fact_strength`). The line is a
stretch of the passage's own text, cut at clause boundaries (，；：), never reworded; the
reply cites its passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.lookup.results import Hit, Lead

LEAD_DEPTH = 5  # hits, from the first, whose answer may lead the reply
LEAD_COVER = 0.5  # share of the question's weight the answer sentence must hold
LEAD_STRENGTH = 0.8  # how surely its fact must answer
LEAD_CHARS = 80  # longest line: past this, the fact's own clause alone
_CLAUSE_END = re.compile(r"[，,；;：:]")


def lead(hits: Sequence[Hit], covers: Sequence[tuple[float, float]]) -> Lead | None:
    """The reply's one-line answer from the first of ``hits`` that states the fact surely.

    Args:
        hits: The ranked hits of a first page, answer sentences marked.
        covers: For each hit, its answer sentence's (cover, fact strength).
    """
    for hit, (cover, strength) in list(zip(hits, covers, strict=True))[:LEAD_DEPTH]:
        if hit.answer is None or hit.fact is None:
            continue
        if cover >= LEAD_COVER and strength >= LEAD_STRENGTH:
            start, end = clause(hit.text, hit.answer, hit.fact, hit.terms)
            return Lead(hit.passage_id, hit.text[start:end], hit.text[slice(*hit.fact)])
    return None


def clause(
    text: str, sentence: tuple[int, int], fact: tuple[int, int], terms: Sequence[str]
) -> tuple[int, int]:
    """The clause of ``sentence`` holding ``fact``, with the clause before it when this one
    names none of ``terms`` (截至2025年6月，金砖国家反恐工作组已召开十次会议 keeps its
    subject); the fact's clause alone when that would pass :data:`LEAD_CHARS`."""
    first, last = sentence
    cuts = [m.start() for m in _CLAUSE_END.finditer(text, first, last)]
    # A comma inside the fact (1,000) is no clause boundary.
    cuts = [c for c in cuts if not fact[0] <= c < fact[1]]
    start = max([first, *(c + 1 for c in cuts if c < fact[0])])
    end = min([last, *(c for c in cuts if c >= fact[1])])
    own = text[start:end]
    if not any(t in own for t in terms):
        # A clause that is the fact alone (2011年，南非正式加入…) leads the one it dates;
        # one that names nothing asked goes on from the one before (截至2025年6月，…).
        after = min([last, *(c for c in cuts if c > end)])
        before = max([first, *(c + 1 for c in cuts if c < start - 1)])
        if len(own.strip()) <= fact[1] - fact[0] + 2 and end < last:
            end = after
        elif start > first and end - before <= LEAD_CHARS:
            start = before
    if end - start > LEAD_CHARS:
        start, end = max(start, fact[0] - LEAD_CHARS // 2), min(end, fact[1] + LEAD_CHARS // 2)
    while end > start and text[end - 1] in "。！？!?…":
        end -= 1
    return start, end
