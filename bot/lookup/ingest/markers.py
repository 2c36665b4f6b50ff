"""In-text footnote markers and their link to footnote bodies (rule 11).

Markers are cut out of the body text and replaced by private-use sentinels that survive
unwrapping; the pipeline turns them into :class:`~bot.lookup.ingest.model.FootnoteRef` offsets
once the block text is final. A marker on a line of its own splits a physical line in two:
the pieces are glued back so that sentences (and quotes) stay contiguous.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.lookup.ingest.footnotes import CIRCLED, RawNote
from bot.lookup.ingest.layout import BLANK, BODY, SOFT, Line, display_width, is_latin, sentinel

MARKER = "marker"

_ONLY = re.compile(rf"^\s*(?:\[(\d{{1,3}})\]|\[([{CIRCLED}])\]|([{CIRCLED}]))\s*$")
_INLINE = re.compile(rf"( ?)(?:\[(\d{{1,3}})\]|\[([{CIRCLED}])\]|([{CIRCLED}]))( ?)")
_TITLE_STAR = re.compile(r"\s+\*$")
_LEADING_PUNCT = "，。、；：！？）》”’,.;:!?)"


@dataclass(slots=True)
class Marker:
    """One in-text marker: what was printed, where, and the footnote it points to."""

    index: int
    marker: str
    page: int
    line: int
    footnote: int | None = None


def _printed(match: re.Match[str]) -> str:
    digits, bracketed, circled = match.group(2), match.group(3), match.group(4)
    return f"[{digits}]" if digits else bracketed or circled


def _replace_inline(line: Line, markers: list[Marker]) -> None:
    def swap(match: re.Match[str]) -> str:
        marker = Marker(len(markers), _printed(match), line.page, line.no)
        markers.append(marker)
        before = match.string[: match.start()][-1:]
        after = match.string[match.end() :][:1]
        spaced = bool(match.group(1) or match.group(5))
        # Keep one space only where the marker sat between two Latin words.
        space = " " if spaced and _latin_side(before) and _latin_side(after) else ""
        return sentinel(marker.index) + space

    # The inline pattern never fires on a footnote-style line start; those are gone by now.
    line.text = _INLINE.sub(swap, line.text)
    if _TITLE_STAR.search(line.text):
        marker = Marker(len(markers), "*", line.page, line.no)
        markers.append(marker)
        line.text = _TITLE_STAR.sub(sentinel(marker.index), line.text)


def _latin_side(ch: str) -> bool:
    return bool(ch) and (is_latin(ch) or ch in ",.;:)\"'")


def _neighbour(lines: Sequence[Line], i: int, step: int) -> Line | None:
    j = i + step
    while 0 <= j < len(lines):
        if lines[j].role == BODY:
            return lines[j]
        if lines[j].role not in (BLANK, SOFT, MARKER):
            return None if step > 0 else _host(lines, j)
        j += step
    return None


def _host(lines: Sequence[Line], j: int) -> Line | None:
    """The body line a marker attaches to when furniture or a footnote block intervenes."""
    while j >= 0 and lines[j].role != BODY:
        j -= 1
    return lines[j] if j >= 0 else None


def mark_markers(lines: Sequence[Line], full: int) -> list[Marker]:
    """Cut in-text markers out of body lines, leaving sentinels (rule 11).

    Args:
        lines: All lines; footnote blocks must already be tagged.
        full: The column width, to tell a marker-split physical line from two lines.

    Returns:
        The markers in reading order; ``Marker.index`` is the sentinel number.
    """
    markers: list[Marker] = []
    for i, line in enumerate(lines):
        if line.role != BODY:
            continue
        only = _ONLY.match(line.raw)
        if only is None:
            _replace_inline(line, markers)
            continue
        line.role = MARKER
        marker = Marker(len(markers), _printed_only(only), line.page, line.no)
        markers.append(marker)
        host = _neighbour(lines, i, -1)
        if host is None:
            continue  # an orphan marker with nothing to attach to (002 L2839)
        host.text += sentinel(marker.index)
        following = _next_line(lines, i)
        if following is not None and _same_physical_line(host, following, full):
            following.glue = True
    return markers


def _printed_only(match: re.Match[str]) -> str:
    digits, bracketed, circled = match.groups()
    return f"[{digits}]" if digits else bracketed or circled


def _next_line(lines: Sequence[Line], i: int) -> Line | None:
    for line in lines[i + 1 :]:
        if line.role == BLANK:
            continue
        return line if line.role == BODY else None
    return None


def _same_physical_line(host: Line, following: Line, full: int) -> bool:
    """Whether the line after a marker is the rest of the host's physical line."""
    if following.indent:
        return False
    if following.text[:1] in _LEADING_PUNCT:
        return True
    return display_width(host.text) + display_width(following.text) <= full + 1


def link_markers(markers: Sequence[Marker], notes: Sequence[RawNote]) -> None:
    """Point each marker at the footnote with the same symbol on the same page.

    Numbering restarts on every page, so the page is part of the key. A marker whose page
    has no such note falls back to a neighbouring page (page starts are sometimes missed).

    Args:
        markers: The in-text markers; ``footnote`` is set in place.
        notes: The footnote bodies, in document order (their index is the footnote index).
    """
    by_key: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, note in enumerate(notes):
        by_key[note.page, note.marker].append(index)
    used: set[int] = set()
    for marker in markers:
        for page in (marker.page, marker.page + 1, marker.page - 1):
            candidates = by_key.get((page, marker.marker), [])
            free = [c for c in candidates if c not in used]
            if free or (candidates and page == marker.page):
                marker.footnote = (free or candidates)[0]
                used.add(marker.footnote)
                break
