"""Finishing blocks: text cleaning in rule order and footnote-reference offsets.

Layout passes leave marker sentinels inside the working text. Here they are lifted out,
the text-level rules run in their fixed order (spaces, mojibake, punctuation), and each
marker's offset is carried through every edit so that it points into the final text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.lookup.ingest.chars import cjk_count
from bot.lookup.ingest.headings import split_lead
from bot.lookup.ingest.layout import SENTINEL_BASE, is_sentinel
from bot.lookup.ingest.markers import Marker
from bot.lookup.ingest.model import Block, BlockKind, FootnoteRef, Script, Span
from bot.lookup.ingest.mojibake import find_mojibake, repair_mojibake
from bot.lookup.ingest.punct import normalize_punct
from bot.lookup.ingest.spaces import normalize_spaces


@dataclass(slots=True)
class Draft:
    """A block before cleaning: working text with sentinels and its raw line range."""

    kind: BlockKind
    text: str
    line_start: int
    line_end: int
    level: int = 0
    speaker: str | None = None


@dataclass(slots=True)
class Finished:
    """A cleaned block and how many CJK characters mojibake repair added or removed."""

    block: Block
    repair_delta: int


def lift_sentinels(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove sentinels, returning the clean text and ``(offset, marker index)`` pairs."""
    clean: list[str] = []
    found: list[tuple[int, int]] = []
    for ch in text:
        if is_sentinel(ch):
            found.append((len(clean), ord(ch) - SENTINEL_BASE))
        else:
            clean.append(ch)
    return "".join(clean), found


def align_deletions(old: str, new: str) -> list[int] | None:
    """Map offsets of ``old`` into ``new`` when ``new`` only deletes or swaps spaces.

    Returns:
        ``mapping[i]`` for ``0 <= i <= len(old)``, or None if ``new`` is not such an edit.
    """
    mapping = [0] * (len(old) + 1)
    j = 0
    for i, ch in enumerate(old):
        mapping[i] = j
        if j < len(new) and (ch == new[j] or (ch.isspace() and new[j].isspace())):
            j += 1
    mapping[len(old)] = j
    return mapping if j == len(new) else None


def _map_edges(old: str, new: str, offset: int) -> int:
    """Fallback mapping for arbitrary edits: keep the common prefix, shift the suffix."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    if offset <= prefix:
        return offset
    return max(prefix, min(len(new), offset + len(new) - len(old)))


def _map_spans(offset: int, before: Sequence[Span], after: Sequence[Span]) -> int:
    """Move an offset through :func:`repair_mojibake`'s span replacements."""
    shift = 0
    for old, new in zip(before, after, strict=True):
        if offset <= old.start:
            break
        if offset < old.end:
            return new.end
        shift = new.end - old.end
    return offset + shift


def clean_text(text: str, script: Script) -> tuple[str, list[int], list[Span], int]:
    """Run the text rules on clean text; return it, an offset map, the flags, the CJK delta."""
    spaced = normalize_spaces(text)
    mapping = align_deletions(text, spaced)
    offsets = mapping or [_map_edges(text, spaced, i) for i in range(len(text) + 1)]
    spans = sorted(find_mojibake(spaced, script), key=lambda s: s.start)
    repaired, flags = repair_mojibake(spaced, spans)
    offsets = [_map_spans(o, spans, flags) for o in offsets]
    final = normalize_punct(repaired, protect=flags)
    return final, offsets, flags, cjk_count(repaired) - cjk_count(spaced)


def finish(draft: Draft, markers: Sequence[Marker], script: Script) -> Finished:
    """Turn a draft into a :class:`Block`: lead-in split, cleaning, refs and flags.

    Args:
        draft: The block as assembled from raw lines.
        markers: All markers of the document, indexed by sentinel number.
        script: The document script (mojibake detection depends on it).

    Returns:
        The finished block and its mojibake-repair CJK delta (for character accounting).
    """
    lead = None
    body = draft.text
    if draft.kind == "paragraph":
        lead, body = split_lead(body)
    if lead is not None:
        lead, _ = lift_sentinels(lead)
        lead = normalize_punct(normalize_spaces(lead), protect=[])
    plain, found = lift_sentinels(body)
    text, offsets, flags, delta = clean_text(plain, script)
    refs = [
        FootnoteRef(offset=offsets[pos], marker=markers[k].marker, footnote=markers[k].footnote)
        for pos, k in found
    ]
    block = Block(
        kind=draft.kind,
        text=text,
        line_start=draft.line_start,
        line_end=draft.line_end,
        level=draft.level,
        speaker=draft.speaker,
        lead=lead,
        lang=_language(text),
        refs=refs,
        flags=flags,
    )
    return Finished(block, delta)


def _language(text: str) -> str:
    cjk = cjk_count(text)
    latin = sum(ch.isalpha() and ch.isascii() for ch in text)
    if cjk and latin > cjk:
        return "mixed"
    return "zh" if cjk or not latin else "en"
