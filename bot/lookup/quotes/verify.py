"""“Did they really say that?”: checking a claimed quotation against the corpus.

The claim (typically pasted from a chat: maybe with a speaker prefix, quotation marks,
the other script, ASCII punctuation) is reduced to its letters (:mod:`bot.lookup.quotes.align`)
and looked for in every body, abstract and epigraph paragraph — never in footnotes.

* ``verbatim``: the letters occur exactly, so only script, width, punctuation, spacing or
  quotation marks differ;
* ``close``: a stretch of the corpus matches well but not exactly; ``diff`` marks what
  differs (``[原文→声称]``);
* ``not_found``: nothing matches well enough; ``nearest`` lists the closest passages.

A match that falls in a quotation the quote index knows says whose words they are and how
the corpus gives them (``kind``): the speaker's own words (direct, epigraph) or what the
document reports them to have said (reported, indirect) — a claim pasted with quotation
marks may be matching words the corpus never put in anyone's mouth verbatim.

Candidate paragraphs come from an in-memory index of letter bigrams (built once per index
state), which finds a wording regardless of how the search core would segment it.
"""

from __future__ import annotations

import asyncio
import heapq
import html
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import Any

from bot.lookup.handle import IndexHandle
from bot.lookup.index.snapshot import PassageRow, cached, load_rows
from bot.lookup.quotes.align import Alignment, Letters, align, diff_markup, letters, settle
from bot.lookup.quotes.find import QuoteIndex, QuoteRecord, quote_index
from bot.lookup.results import Verification

MAX_CLAIM = 500  # characters of a claim that are checked; the rest is ignored
MIN_LETTERS = 4  # a shorter claim is too short to check
CLOSE_MIN = 74.0  # alignment score (0..100) from which a match counts as close
CANDIDATES = 12  # paragraphs aligned in full per claim
NEAREST = 3
_TAG = re.compile(r"<[^<>]{0,200}>")
_SPACES = re.compile(r"\s+")
_QUOTED = re.compile(r"[“\"「『‘']([^“”\"「」『』]{4,})[”\"」』’']")
# 奥尼尔说： / 习近平：/ 普京表示，— a speaker, then a speech verb or a colon.
_SPEAKER_PREFIX = re.compile(
    r"^[^，,：:；;“”\"。]{1,16}?(?:(?:曾|还|也)?(?:说|表示|指出|强调|称|认为|写道|提出|宣布)\s*[：:，,]"
    r"|[：:])\s*"
)


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the corpus (its passages joined) reduced to letters."""

    rows: list[PassageRow]
    starts: list[int]  # display offset of each passage in ``text.display``
    text: Letters
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def passage_at(self, offset: int) -> PassageRow:
        index = max(i for i, s in enumerate(self.starts) if s <= offset)
        return self.rows[index]


class ClaimIndex:
    """Paragraph letters with a bigram index for finding candidates fast."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        postings: dict[str, list[int]] = {}
        for i, para in enumerate(paragraphs):
            for gram in set(_bigrams(para.text.letters)):
                postings.setdefault(gram, []).append(i)
        self.postings = postings
        self.idf = {g: math.log(1 + len(paragraphs) / len(ids)) for g, ids in postings.items()}

    @classmethod
    def build(cls, rows: Sequence[PassageRow]) -> ClaimIndex:
        """Group passages into paragraphs (same document and paragraph number)."""
        paragraphs = []
        for _, group in groupby(rows, key=lambda r: (r.doc_id, r.para)):
            paragraphs.append(_paragraph(list(group)))
        return cls(paragraphs)

    def candidates(self, claim: str, limit: int = CANDIDATES) -> list[Paragraph]:
        """Paragraphs sharing the most (rarity-weighted) letter bigrams with ``claim``."""
        weights: dict[int, float] = {}
        for gram in set(_bigrams(claim)):
            for i in self.postings.get(gram, ()):
                weights[i] = weights.get(i, 0.0) + self.idf[gram]
        best = heapq.nlargest(limit, weights.items(), key=lambda item: item[1])
        return [self.paragraphs[i] for i, _ in best]

    def exact(self, claim: str) -> list[tuple[Paragraph, int]]:
        """The paragraphs containing ``claim``'s letters exactly, with the offsets."""
        found = []
        for para in self.paragraphs:
            at = para.text.letters.find(claim)
            if at >= 0:
                found.append((para, at))
        return found


def _paragraph(rows: list[PassageRow]) -> Paragraph:
    starts: list[int] = []
    parts: list[str] = []
    sentences: list[tuple[int, int]] = []
    offset = 0
    for row in rows:
        starts.append(offset)
        parts.append(row.text)
        sentences.extend((offset + int(s[0]), offset + int(s[1])) for s in row.sentences)
        offset += len(row.text)
    return Paragraph(rows, starts, letters("".join(parts)), sentences)


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


async def claim_index(library: IndexHandle) -> ClaimIndex:
    """The library's claim index, built on first use and kept while the index is."""

    async def build() -> ClaimIndex:
        rows = await load_rows(library.conn)
        # Reducing every paragraph to letters takes a few hundred milliseconds, once.
        return await asyncio.to_thread(ClaimIndex.build, rows)

    return await cached(library, library.searcher, "claims", build)


def clean_claim(text: str) -> str:
    """Any input made safe to check: no tags, entities or control characters; capped."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return _SPACES.sub(" ", text).strip()[:MAX_CLAIM]


def claim_variants(claim: str) -> list[str]:
    """What the claim may be quoting: the quoted words, the words after a speaker prefix
    (奥尼尔说：…), and the whole claim — most specific first."""
    out: list[str] = []
    quoted = _QUOTED.findall(claim)
    if quoted:
        inner = max(quoted, key=len)
        if len(letters(inner).letters) * 2 >= len(letters(claim).letters):
            out.append(inner)
    prefix = _SPEAKER_PREFIX.match(claim)
    if prefix and prefix.end() < len(claim):
        out.append(claim[prefix.end() :])
    out.append(claim)
    return list(dict.fromkeys(v for v in out if len(letters(v).letters) >= MIN_LETTERS))


async def verify_claim(library: IndexHandle, text: str) -> Verification:
    """Check whether the corpus contains ``text`` as claimed.

    Args:
        library: The open corpus.
        text: A claimed quotation or statement; any input is accepted (cut to 500 chars).

    Returns:
        The verdict, the best matching corpus sentence with its citation, a chat-readable
        diff for a close match, and the nearest passages when nothing matches.
    """
    claim = clean_claim(text)
    variants = claim_variants(claim)
    if not variants:
        return Verification(claim=claim, verdict="not_found", match=None, diff=None, nearest=[])
    index = await claim_index(library)
    quotes = await quote_index(library)
    for variant in variants:
        size = len(letters(variant).letters)
        found = [
            _with_kind(_match(para, at, at + size, 100.0), quotes, para, at, at + size)
            for para, at in index.exact(letters(variant).letters)
        ]
        if found:
            # The same words may stand in several places: say so where someone said them.
            return Verification(claim, "verbatim", min(found, key=_kind_rank), None)
    ranked = max(
        (_scored(index, letters(v)) for v in variants),
        key=lambda scored: scored[0].aligned.score if scored else -1.0,
    )
    best = ranked[0].settled() if ranked else None
    if best is None or best.aligned.score < CLOSE_MIN:
        nearest = [s.citation() for s in _distinct(ranked)[:NEAREST]]
        return Verification(claim, "not_found", None, None, nearest)
    diff = diff_markup(best.para.text, best.aligned.start, best.aligned.end, best.claim)
    match = _with_kind(best.citation(), quotes, best.para, best.aligned.start, best.aligned.end)
    return Verification(claim, "close", match, diff)


@dataclass(slots=True, frozen=True)
class _Scored:
    para: Paragraph
    aligned: Alignment
    claim: Letters

    def settled(self) -> _Scored:
        """The same match with unmatched claim edges given their source words."""
        return replace(self, aligned=settle(self.para.text, self.claim, self.aligned))

    def citation(self) -> dict[str, Any]:
        return _match(self.para, self.aligned.start, self.aligned.end, self.aligned.score)


def _scored(index: ClaimIndex, claim: Letters) -> list[_Scored]:
    """The candidate paragraphs aligned with ``claim``, best first (stable on ties)."""
    scored = [
        _Scored(p, align(claim.letters, p.text.letters), claim)
        for p in index.candidates(claim.letters)
    ]
    return sorted(scored, key=lambda s: -s.aligned.score)


def _distinct(scored: list[_Scored]) -> list[_Scored]:
    """One entry per matching sentence (the same wording may sit in two paragraphs)."""
    seen: set[str] = set()
    out = []
    for item in scored:
        text = item.citation()["text"]
        if text not in seen:
            seen.add(text)
            out.append(item)
    return out


def _match(para: Paragraph, a: int, b: int, score: float) -> dict[str, Any]:
    """The corpus sentence(s) holding letters ``a``..``b`` of ``para``, with its citation."""
    start, end = para.text.span(a, b)
    spans = [s for s in para.sentences if s[0] < max(end, start + 1) and s[1] > start]
    lo = min((s[0] for s in spans), default=start)
    hi = max((s[1] for s in spans), default=end)
    row = para.passage_at(start)
    return {
        "text": para.text.display[lo:hi].strip(),
        "passage_id": row.pid,
        "doc": row.doc,
        "title": row.title,
        "score": round(score / 100, 3),
    }


_KIND_RANK = {"direct": 0, "epigraph": 0, "reported": 1, "indirect": 2}


def _kind_rank(match: dict[str, Any]) -> int:
    """Order of preference among verbatim matches: direct quotation, reported, plain text."""
    return _KIND_RANK.get(match["kind"], 3)


def _with_kind(
    match: dict[str, Any], quotes: QuoteIndex, para: Paragraph, a: int, b: int
) -> dict[str, Any]:
    """``match`` with the kind and speaker of the quotation letters ``a``..``b`` fall in."""
    found = _quotation(quotes, para, a, b)
    kind = found.quote.kind if found else None
    return {**match, "kind": kind, "speaker": found.quote.speaker if found else None}


def _quotation(quotes: QuoteIndex, para: Paragraph, a: int, b: int) -> QuoteRecord | None:
    """The quotation covering most of the matched stretch, if it covers half of it (or
    the match covers half of the quotation: a claim quoting a few of its words)."""
    start, end = para.text.span(a, b)
    best: tuple[int, QuoteRecord] | None = None
    for row, offset in zip(para.rows, para.starts, strict=True):
        for record in quotes.in_passage(row.row):
            lo, hi = record.span[0] + offset, record.span[1] + offset
            overlap = min(end, hi) - max(start, lo)
            if overlap * 2 >= min(end - start, hi - lo) > 0 and (best is None or overlap > best[0]):
                best = (overlap, record)
    return best[1] if best else None
