"""Quotations in a passage: the quoted words, their speaker and the sentence around them.

Pure functions over passage text. A quotation is a balanced “…” span (nested ‘…’ and the
source's stray nested “…” included) of more than ``TERM_MAX`` characters whose speaker can
be found (see :mod:`bot.lookup.quotes.attribution`), or an epigraph with its ``——speaker`` line.
Short spans such as “金砖+” or “全球南方” are terms, not quotations. A span that touches
mojibake — a flagged span or a flagged sentence — is never a quotation: its words are not
what anyone said. The ingest has already removed footnote markers and re-joined the text
around them, so a quote interrupted by a footnote in the PDF is whole here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bot.lookup.quotes.attribution import MASK, Masked, attribute, is_name_like
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

Shape = Literal["speaker-verb-quote", "quote-then-speaker", "epigraph"]
Spans = Sequence[Sequence[Any]]  # [[start, end, flag-or-reason], ...] as stored


@dataclass(slots=True, frozen=True)
class QuoteSpan:
    """One quotation in a passage; offsets index the passage text."""

    start: int  # first quoted character (after the opening mark)
    end: int  # after the last quoted character (before the closing mark)
    speaker: str
    shape: Shape
    context: tuple[int, int]  # the sentence(s) the quote stands in

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


def _touches_mojibake(a: int, b: int, sentences: Spans, flags: Spans) -> bool:
    """Whether ``a``..``b`` overlaps a flagged sentence or a mojibake span."""
    flagged = [s for s in sentences if s[2]]
    return any(int(s[0]) < b and int(s[1]) > a for s in [*flagged, *flags])


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
        return _epigraph(text, sentences, flags, namer.resolve(epigraph_speaker))
    prefix = _previous(prev_text)
    full = prefix + text
    pairs = quote_pairs(full)
    masked = mask(full, pairs)
    shift = len(prefix)
    found: list[QuoteSpan] = []
    for open_at, close_at in pairs:
        if open_at < shift:
            continue
        a, b = _strip(full, open_at + 1, close_at)
        if is_term(full[a:b]) or is_name_like(masked, open_at, close_at):
            continue
        if _touches_mojibake(open_at - shift, close_at + 1 - shift, sentences, flags):
            continue
        who = attribute(masked, open_at, close_at, namer)
        if who is None:
            continue
        context = _context(sentences, open_at - shift, close_at + 1 - shift, len(text))
        context = _widen(context, who.start - shift, who.end - shift, sentences)
        found.append(QuoteSpan(a - shift, b - shift, who.speaker, who.shape, context))
    return found


def _epigraph(text: str, sentences: Spans, flags: Spans, speaker: str | None) -> list[QuoteSpan]:
    a, b = _strip(text, 0, len(text))
    if speaker is None or b <= a or _touches_mojibake(a, b, sentences, flags):
        return []
    return [QuoteSpan(a, b, speaker, "epigraph", (0, len(text)))]


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
