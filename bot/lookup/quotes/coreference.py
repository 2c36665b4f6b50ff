"""Who an unnamed subject is: a speaker the text leaves for the reader to carry over.

* 金砖国家外长会晤上，各国外长呼吁…: "the ministers of each country" are the members of the
  meeting the sentence names (金砖国家外长);
* “…”，呼吁“…”，进而强调“…”: a clause that is nothing but a speech verb goes on with the
  speaker of the quotation before it in the same sentence.
"""

from __future__ import annotations

import re
from typing import Protocol

from bot.lookup.text import wordlists


class Masked(Protocol):
    """What is read of the prepared text (:class:`bot.lookup.quotes.attribution.Masked`)."""

    @property
    def text(self) -> str: ...

    @property
    def masked(self) -> str: ...

    def sentence_start(self, pos: int) -> int: ...

    def clause_start(self, pos: int, floor: int = 0) -> int: ...


_SENTENCE_END = "。！？!?"
# 进而强调“…”: a speech verb whose clause is nothing but the verb (a connective and
# adverbs before it) goes on with the speaker of the quotation before it.
_BARE_VERB = re.compile(
    rf"^[\s，,”’」』)）]*(?:{wordlists.alternation('clause_leads')})?"
    rf"(?:{wordlists.alternation('speech_adverbs')})*"
    rf"(?:{wordlists.alternation('speech_verbs')})了?$"
)
# 各国外长, 与会各国领导人: the members of a meeting, whose name says who they are.
_EACH = re.compile(r"^(?:与会)?各国([\u3400-\u9fff]{1,4})$")
_GROUP = r"[^\W\d的在于]{1,6}?"


def goes_on(masked: Masked, close_before: int, open_at: int) -> bool:
    """Whether the quote opening at ``open_at`` goes on from the one closing at
    ``close_before``: the same sentence, and only a bare speech verb in its clause
    (“…”，呼吁“…”，进而强调“…” are one speaker's)."""
    between = masked.masked[close_before + 1 : open_at]
    if any(ch in between for ch in _SENTENCE_END):
        return False
    end = open_at - 1 if masked.masked[open_at - 1 : open_at] in ("：", ":") else open_at
    return bool(_BARE_VERB.match(masked.masked[masked.clause_start(end) : end]))


def members(masked: Masked, span: tuple[int, int]) -> str | None:
    """金砖国家外长会晤上，各国外长呼吁…: "the ministers of each country" are the members
    of the meeting the sentence names (金砖国家外长), not an unnamed crowd."""
    each = _EACH.match(masked.masked[span[0] : span[1]])
    if each is None:
        return None
    start = masked.sentence_start(span[0])
    meeting = re.search(
        rf"({_GROUP}国家){re.escape(each.group(1))}(?:第.{{1,3}}次)?(?:会晤|会议|峰会)",
        masked.masked[start : span[0]],
    )
    return (
        masked.text[start + meeting.start() : start + meeting.end(1) + len(each.group(1))]
        if meeting
        else None
    )
