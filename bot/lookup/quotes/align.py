"""Comparing a claimed wording with the corpus: script-, width- and punctuation-blind.

Both sides are reduced to their *letters*: folded to simplified script and half width,
lower case, with every space, punctuation mark and quotation mark removed. Each reduced
character remembers where it came from, so a match can be shown — and a difference marked
up — in the original display text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, MatchingBlock

from bot.lookup.text.script import fold_with_map

_PAIRS = {"”": "“", "’": "‘", "」": "「", "』": "『", "》": "《", "）": "（", ")": "("}
_SENTENCE_END = set("。！？；!?;")
_MIN_BLOCK = 3  # an edge block shorter than this, far from the rest, is a stray match


@dataclass(slots=True, frozen=True)
class Letters:
    """The letters of a display text and, for each, its offset in the display text."""

    display: str
    letters: str
    where: tuple[int, ...]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Display offsets covering letters ``a`` to ``b`` (half-open)."""
        if b <= a:
            at = self.where[a] if a < len(self.where) else len(self.display)
            return at, at
        return self.where[a], self.where[b - 1] + 1


def letters(text: str) -> Letters:
    """Reduce ``text`` to its letters (see module docstring)."""
    folded, index = fold_with_map(text)
    keep = [(ch, i) for ch, i in zip(folded, index, strict=True) if ch.isalnum()]
    return Letters(text, "".join(ch for ch, _ in keep), tuple(i for _, i in keep))


@dataclass(slots=True, frozen=True)
class Alignment:
    """Where a claim best matches a text, in letters of that text."""

    start: int
    end: int
    score: float  # 0..100: Indel similarity of the claim and text[start:end]


def align(claim: str, text: str) -> Alignment:
    """Best local alignment of ``claim`` (letters) within ``text`` (letters).

    rapidfuzz's partial alignment finds the best window of the claim's length; the window
    is then widened by half the claim on each side and trimmed to the stretch that actually
    matches, so a dropped or added phrase is measured against the whole passage it
    changes rather than a window cut at the claim's length.
    """
    if not claim or not text:
        return Alignment(0, 0, 0.0)
    if len(claim) >= len(text):
        return Alignment(0, len(text), fuzz.ratio(claim, text))
    rough = fuzz.partial_ratio_alignment(claim, text)
    if rough is None:
        return Alignment(0, 0, 0.0)
    pad = len(claim) // 2 + 4
    lo, hi = max(0, rough.dest_start - pad), min(len(text), rough.dest_end + pad)
    region = text[lo:hi]
    blocks = _trim([b for b in Indel.opcodes(claim, region).as_matching_blocks() if b.size])
    if not blocks:
        return Alignment(rough.dest_start, rough.dest_end, rough.score)
    start, end = lo + blocks[0].b, lo + blocks[-1].b + blocks[-1].size
    start, end = _extend(claim, text, start, end, blocks[0].a, blocks[-1].a + blocks[-1].size)
    return Alignment(start, end, fuzz.ratio(claim, text[start:end]))


def _extend(claim: str, text: str, start: int, end: int, first: int, last: int) -> tuple[int, int]:
    """Grow the stretch over letters that continue the claim at either edge.

    The aligner may pair the claim's first letter with an equal letter further back (the
    m of promote rather than of multipolar) and trimming then drops it; this takes it back.
    """
    while first > 0 and start > 0 and text[start - 1] == claim[first - 1]:
        start, first = start - 1, first - 1
    while last < len(claim) and end < len(text) and text[end] == claim[last]:
        end, last = end + 1, last + 1
    return start, end


def _trim(blocks: list[MatchingBlock]) -> list[MatchingBlock]:
    """Drop short matching blocks stranded at either edge of the alignment.

    A block shorter than three letters that lies further from the rest than twice its
    length (plus two) is a chance match of a common character, not part of the wording.
    """
    while len(blocks) > 1 and _stray(blocks[0].size, blocks[1].b - blocks[0].b - blocks[0].size):
        blocks = blocks[1:]
    while len(blocks) > 1 and _stray(
        blocks[-1].size, blocks[-1].b - blocks[-2].b - blocks[-2].size
    ):
        blocks = blocks[:-1]
    return blocks


def _stray(size: int, gap: int) -> bool:
    return size < _MIN_BLOCK and gap > 2 * size + 2


def settle(source: Letters, claim: Letters, aligned: Alignment) -> Alignment:
    """Fit a stretch to the source's sentences.

    A short matching block across a sentence end is dropped (行动队。金砖国家: the 家 is
    not the claim's 家). Then an unmatched claim edge gets the source letters it replaces:
    知行合一的实干家 against 知行合一的行动队。 stops at 的 because nothing in 行动队
    matches, so the diff would only show 实干家 added; extending by as many letters as the
    claim has left over — never past the end of the sentence — shows [行动队→实干家].
    """
    region = source.letters[aligned.start : aligned.end]
    found = Indel.opcodes(claim.letters, region).as_matching_blocks()
    blocks = _within_sentence(source, aligned.start, [b for b in found if b.size])
    if not blocks:
        return aligned
    first, last = blocks[0], blocks[-1]
    start = _reach(source, aligned.start + first.b, -first.a)
    end = _reach(
        source, aligned.start + last.b + last.size, len(claim.letters) - last.a - last.size
    )
    return Alignment(start, end, fuzz.ratio(claim.letters, source.letters[start:end]))


def _within_sentence(
    source: Letters, offset: int, blocks: list[MatchingBlock]
) -> list[MatchingBlock]:
    """Drop short edge blocks that a sentence end separates from the rest."""

    def apart(left: MatchingBlock, right: MatchingBlock) -> bool:
        a, b = offset + left.b + left.size - 1, offset + right.b
        return bool(_SENTENCE_END & set(source.display[source.where[a] + 1 : source.where[b]]))

    while len(blocks) > 1 and blocks[-1].size < _MIN_BLOCK and apart(blocks[-2], blocks[-1]):
        blocks = blocks[:-1]
    while len(blocks) > 1 and blocks[0].size < _MIN_BLOCK and apart(blocks[0], blocks[1]):
        blocks = blocks[1:]
    return blocks


def _reach(source: Letters, at: int, steps: int) -> int:
    """Move the stretch edge ``at`` by up to ``steps`` letters (negative: backwards),
    never across the end of a sentence."""
    step = 1 if steps > 0 else -1
    for _ in range(abs(steps)):
        # Either way the edge crosses the gap between letters at-1 and at.
        if not 1 <= at < len(source.letters):
            break
        between = source.display[source.where[at - 1] + 1 : source.where[at]]
        if _SENTENCE_END & set(between):
            break
        at += step
    return at


def diff_markup(source: Letters, a: int, b: int, claim: Letters) -> str:
    """The source stretch (letters ``a``..``b``) with the claim's differences marked.

    ``[原文→声称]`` marks a replacement, ``[原文→]`` words the claim drops, ``[→声称]``
    words it adds; script, width and punctuation differences are not differences.
    """
    window = source.letters[a:b]
    matcher = difflib.SequenceMatcher(None, window, claim.letters, autojunk=False)
    start, end = source.span(a, b)
    out: list[str] = []
    pos = start
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        s1, s2 = source.span(a + i1, a + i2)
        c1, c2 = claim.span(j1, j2)
        if tag == "equal":
            out.append(source.display[pos:s2])
            pos = s2
        elif tag == "insert":
            out.append(f"[→{claim.display[c1:c2]}]")
        else:
            out.append(source.display[pos:s1])
            out.append(f"[{source.display[s1:s2]}→{claim.display[c1:c2]}]")
            pos = s2
    end = _absorb_closers(source.display, start, end)
    out.append(source.display[pos:end])
    return "".join(out)


def _absorb_closers(text: str, start: int, end: int) -> int:
    """Extend ``end`` over closing marks whose opening mark lies inside the stretch."""
    while end < len(text) and text[end] in _PAIRS:
        closer = text[end]
        if text.count(_PAIRS[closer], start, end) <= text.count(closer, start, end):
            break
        end += 1
    return end
