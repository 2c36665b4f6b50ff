"""Quotations in a passage: the quoted words, their speaker and the sentence around them.

Pure functions over passage text. A quotation is either

* ``direct``: a balanced “…” span (nested ‘…’ and the source's stray nested “…” included) of
  more than ``TERM_MAX`` characters whose speaker can be found (see
  :mod:`bot.lookup.quotes.attribution`);
* ``epigraph``: a chapter motto with its ``——speaker`` line;
* ``reported`` or ``indirect``: a statement after a speech verb, without quotation marks
  (see :mod:`bot.lookup.quotes.reported`).

Short spans such as “金砖+” or “全球南方” are terms, not quotations. Mojibake that ingest could
not repair stands in the text as a placeholder (…): a quotation whose own words are intact is
quotable wherever the damage sits in its sentence; damage inside its words shows as the
placeholder; damage that ate its closing mark ends it there (the placeholder kept, since the
quotation may have gone on). Words that are still garbage (an index built before the
placeholder existed) are never quoted. The ingest has already removed footnote markers and
re-joined the text around them, so a quote interrupted by a footnote in the PDF is whole here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bot.lookup.ingest.mojibake import PLACEHOLDER
from bot.lookup.quotes.attribution import (
    MASK,
    Attribution,
    Masked,
    Namer,
    attribute,
    is_name_like,
)
from bot.lookup.quotes.coreference import goes_on
from bot.lookup.quotes.reported import reported_speech
from bot.lookup.quotes.speakers import SpeakerResolver
from bot.lookup.text.script import fold, to_simplified

TERM_MAX = 8  # a quoted span this short (punctuation aside) is a term, not a quotation
PREV_CONTEXT = 200  # characters of the previous passage consulted for a speaker
MAX_CONTEXT = 420  # longest sentence context returned with a quote
_OPEN, _CLOSE = "“「", "”」"
_WORD = re.compile(r"[\w\u3400-\u9fff]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ABBREVIATION = re.compile(
    r"《([^《》]{2,60})》[^《》（(]{0,8}[（(](?:以下)?简称《([^《》]{1,20})》[）)]"
)

Shape = Literal["speaker-verb-quote", "quote-then-speaker", "epigraph", "speaker-verb-reported"]
Kind = Literal["direct", "reported", "indirect", "epigraph"]
Spans = Sequence[Sequence[Any]]  # [[start, end, flag-or-reason], ...] as stored


@dataclass(slots=True, frozen=True)
class QuoteSpan:
    """One quotation in a passage; offsets index the passage text."""

    start: int  # first quoted character (after the opening mark)
    end: int  # after the last quoted character (before the closing mark)
    speaker: str
    shape: Shape
    context: tuple[int, int]  # the sentence(s) the quote stands in
    kind: Kind = "direct"

    def quote(self, text: str) -> str:
        return text[self.start : self.end]


def quote_pairs(text: str) -> list[tuple[int, int]]:
    """Offsets of the outermost balanced quotation marks, as (open, close) pairs.

    Nested marks count towards the depth, so the source error of a “…” nested inside “…”
    still yields the whole outer quote. An opening mark that is never closed (a closing
    mark lost to mojibake) is skipped, and the pairs inside it are found again.
    """
    pairs: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        stack: list[int] = []
        for j in range(i, len(text)):
            ch = text[j]
            if ch in _OPEN:
                stack.append(j)
            elif ch in _CLOSE and stack:
                opened = stack.pop()
                if not stack:
                    pairs.append((opened, j))
        if not stack:
            break
        i = stack[0] + 1
        pairs = [p for p in pairs if p[1] < stack[0]]
    return sorted(set(pairs))


def is_term(inner: str) -> bool:
    """A quoted span short enough to be a name or term (“金砖+”, “全球南方”)."""
    return len(_WORD.findall(inner)) <= TERM_MAX or not _CJK.search(inner)


def mask(text: str, pairs: Sequence[tuple[int, int]]) -> Masked:
    """Simplify ``text`` and blank the inside of quotes and book titles (same length)."""
    simple = to_simplified(text)
    if len(simple) != len(text):
        simple = "".join(to_simplified(ch)[:1] or ch for ch in text)
    chars = list(simple)
    for a, b in pairs:
        # A quotation that ends its sentence (…。”) keeps that full stop: the attribution
        # of the next quote must not reach back across it.
        keep = b - 1 if b - 1 > a and text[b - 1] in "。！？!?" else b
        chars[a + 1 : keep] = MASK * (keep - a - 1)
    for title in re.finditer(r"《[^《》]{1,60}》", text):
        chars[title.start() + 1 : title.end() - 1] = MASK * (title.end() - title.start() - 2)
    return Masked(text, "".join(chars))


def abbreviations(text: str) -> dict[str, str]:
    """Short titles a text introduces: 《俄罗斯联邦对外政策构想》（以下简称《构想》）."""
    return {fold(m.group(2)): f"《{m.group(1)}》" for m in _ABBREVIATION.finditer(text)}


def _damage(flags: Spans) -> list[tuple[int, int]]:
    """The flagged spans ingest could not repair (a repair is proven, so it is text)."""
    return [(int(f[0]), int(f[1])) for f in flags if f[2] != "repaired"]


def _quotable(text: str, a: int, b: int, damage: Sequence[tuple[int, int]]) -> bool:
    """Whether the words ``a``..``b`` can be quoted: any damage among them is a placeholder,
    and an intact stretch longer than a term remains."""
    inside = [(s, e) for s, e in damage if s < b and e > a]
    if any(text[s:e] != PLACEHOLDER for s, e in inside):
        return False
    return any(len(_WORD.findall(run)) > TERM_MAX for run in text[a:b].split(PLACEHOLDER))


def _lost_closings(
    text: str, pairs: Sequence[tuple[int, int]], damage: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(open, placeholder) pairs for quotations whose closing mark the damage ate.

    An opening mark that no pair starts with and that lies inside no pair, followed within
    ``MAX_CONTEXT`` characters by a placeholder, with nothing but whole quotations (a term
    such as “金砖+”) opened in between.
    """
    found: list[tuple[int, int]] = []
    if not damage:
        return found
    for i, ch in enumerate(text):
        if ch not in _OPEN or any(a <= i <= b for a, b in pairs):
            continue
        after = [s for s, e in damage if i < s <= i + MAX_CONTEXT and text[s:e] == PLACEHOLDER]
        if after and all(
            any(a == j and b < after[0] for a, b in pairs)
            for j in range(i + 1, after[0])
            if text[j] in _OPEN
        ):
            found.append((i, after[0]))
    return found


def _context(sentences: Spans, a: int, b: int, size: int) -> tuple[int, int]:
    spans = [(int(s[0]), int(s[1])) for s in sentences] or [(0, size)]
    inside = [s for s in spans if s[0] < b and s[1] > a] or [(a, b)]
    return min(s[0] for s in inside), max(s[1] for s in inside)


def extract_quotes(
    text: str,
    sentences: Spans,
    flags: Spans,
    prev_text: str | None = None,
    *,
    resolver: SpeakerResolver | None = None,
    epigraph_speaker: str | None = None,
    titles: dict[str, str] | None = None,
) -> list[QuoteSpan]:
    """The quotations of one passage.

    Args:
        text: The passage's display text.
        sentences: ``[[start, end, flagged], ...]`` as stored with the passage.
        flags: ``[[start, end, reason], ...]`` mojibake spans.
        prev_text: The preceding passage, searched when the speaker is named before the
            passage starts.
        resolver: Maps subject phrases to speakers (alias table); generic rules if None.
        epigraph_speaker: The attribution of an epigraph passage: the whole passage is
            then one quotation by this speaker.
        titles: Short document titles introduced elsewhere in the document, folded short
            form -> full 《title》.

    Returns:
        The quotations in reading order.
    """
    namer = (resolver or SpeakerResolver()).with_titles({**(titles or {}), **abbreviations(text)})
    if epigraph_speaker is not None:
        return _epigraph(text, flags, namer.resolve(epigraph_speaker))
    prefix = _previous(prev_text)
    full = prefix + text
    shift = len(prefix)
    damage = [(a + shift, b + shift) for a, b in _damage(flags)]
    balanced = quote_pairs(full)
    lost = _lost_closings(full, balanced, damage)
    pairs = sorted([*balanced, *lost])
    reading = _Reading(full, shift, mask(full, pairs), damage, sentences)
    direct, quotations = _direct_quotes(reading, pairs, set(lost), namer)
    return sorted([*direct, *_reported(reading, quotations, namer)], key=lambda q: q.start)


@dataclass(slots=True, frozen=True)
class _Reading:
    """A passage prepared for extraction, after the tail of the passage before it."""

    full: str  # the previous passage's tail, then the passage
    shift: int  # where the passage starts in ``full``
    masked: Masked
    damage: list[tuple[int, int]]  # unrepaired mojibake, offsets in ``full``
    sentences: Spans

    def span(
        self, a: int, b: int, said: tuple[int, int], who: Attribution, shape: Shape, kind: Kind
    ) -> QuoteSpan:
        """A quotation of ``full[a:b]`` said in ``said``, with passage offsets and context."""
        size = len(self.full) - self.shift
        context = _context(self.sentences, said[0] - self.shift, said[1] - self.shift, size)
        context = _widen(context, who.start - self.shift, who.end - self.shift, self.sentences)
        return QuoteSpan(a - self.shift, b - self.shift, who.speaker, shape, context, kind)


def _direct_quotes(
    reading: _Reading, pairs: Sequence[tuple[int, int]], lost: set[tuple[int, int]], namer: Namer
) -> tuple[list[QuoteSpan], list[tuple[int, int]]]:
    """The attributed quotations of the passage, and every quotation's marks (terms left out)."""
    full, masked = reading.full, reading.masked
    found: list[QuoteSpan] = []
    quotations: list[tuple[int, int]] = []
    said: tuple[int, Attribution] | None = None  # the last attributed quote's close, speaker
    for open_at, close_at in pairs:
        a, b = _strip(full, open_at + 1, close_at)
        if is_term(full[a:b]) or is_name_like(masked, open_at, close_at):
            continue
        quotations.append((open_at, close_at))
        if (open_at, close_at) in lost:
            b = close_at + 1  # keep the placeholder: the words may have gone on
        if open_at < reading.shift or not _quotable(full, a, b, reading.damage):
            continue
        who = attribute(masked, open_at, close_at, namer)
        if who is None and said is not None and goes_on(masked, said[0], open_at):
            who = said[1]
        if who is not None:
            said = (close_at, who)
            found.append(reading.span(a, b, (open_at, close_at + 1), who, who.shape, "direct"))
    return found, quotations


def _reported(
    reading: _Reading, quotations: Sequence[tuple[int, int]], namer: Namer
) -> list[QuoteSpan]:
    """The reported and indirect statements of the passage."""
    found = []
    for said in reported_speech(reading.masked, quotations, namer, start_at=reading.shift):
        if _quotable(reading.full, said.start, said.end, reading.damage):
            where = (said.verb, said.end)
            shape: Shape = "speaker-verb-reported"
            found.append(reading.span(said.start, said.end, where, said.speaker, shape, said.kind))
    return found


def _epigraph(text: str, flags: Spans, speaker: str | None) -> list[QuoteSpan]:
    a, b = _strip(text, 0, len(text))
    if speaker is None or b <= a or not _quotable(text, a, b, _damage(flags)):
        return []
    return [QuoteSpan(a, b, speaker, "epigraph", (0, len(text)), "epigraph")]


def _previous(prev_text: str | None) -> str:
    """The tail of the previous passage from a sentence start, ended as a sentence."""
    if not prev_text:
        return ""
    tail = prev_text[-PREV_CONTEXT:]
    if len(prev_text) > PREV_CONTEXT:
        ends = [tail.find(ch) for ch in "。！？" if ch in tail]
        tail = tail[min(ends) + 1 :] if ends else tail
    return tail + ("" if tail.endswith(("。", "！", "？")) else "。")


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _widen(context: tuple[int, int], a: int, b: int, sentences: Spans) -> tuple[int, int]:
    """Add the sentence naming the speaker when it is not the quote's own sentence."""
    if a < 0 or (context[0] <= a and b <= context[1]):
        return context
    start, end = context
    for s0, s1, *_ in sentences:
        if int(s0) < b and int(s1) > a:
            start, end = min(start, int(s0)), max(end, int(s1))
    return (start, end) if end - start <= MAX_CONTEXT else context
