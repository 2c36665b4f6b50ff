"""Shredded tables and captions (rule 14).

A table extracted from a PDF falls apart into runs of tiny adjacent lines (one to five
characters of a cell each), interleaved with cell text set in a narrower column than the
body. Such a region is kept out of passages as one ``table`` block; the line just before it
and ``表 1：…`` lines are kept as captions, knowing the table content may be absent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.lookup.ingest.chars import cjk_count
from bot.lookup.ingest.headings import heading_rank, visible
from bot.lookup.ingest.layout import BLANK, BODY, SOFT, TERMINAL, Line, display_width

TABLE = "table"
CAPTION = "caption"

_MIN_RUN = 5
_MAX_FRAGMENT_CJK = 6
_MAX_FRAGMENT_WIDTH = 8
_MAX_CAPTION = 40
_CAPTION = re.compile(r"^[表图圖]\s*\d+\s*[：:．.\s]\s*\S")
# Lines of these roles neither break a table region nor belong to it.
_TRANSPARENT = (BLANK, SOFT, "marker", "footnote", "separator", "page-number", "running-head")


def _fragment(line: Line) -> bool:
    text = visible(line.text)
    return (
        line.role == BODY
        and 0 < cjk_count(text) <= _MAX_FRAGMENT_CJK
        and display_width(text) <= _MAX_FRAGMENT_WIDTH
    )


def _runs(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Maximal runs of fragment lines on adjacent physical lines, at least five long."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not _fragment(lines[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and _fragment(lines[j + 1]):
            j += 1
        if j - i + 1 >= _MIN_RUN:
            runs.append((i, j))
        i = j + 1
    return runs


def _narrow(line: Line, full: int) -> bool:
    """Cell text: set in a column clearly narrower than the body."""
    return display_width(visible(line.text)) <= full - 3


def _extend(lines: Sequence[Line], end: int, full: int) -> int:
    """Grow a region forward over fragments and narrow cell text until body text resumes."""
    last = end
    for j in range(end + 1, len(lines)):
        line = lines[j]
        if line.role in _TRANSPARENT:
            continue
        if line.role != BODY or not (_fragment(line) or _narrow(line, full)):
            break
        last = j
    return last


def mark_tables(lines: Sequence[Line], full: int) -> int:
    """Tag table regions and captions.

    Args:
        lines: All lines; roles are updated in place.
        full: The body column width.

    Returns:
        The number of table regions found.
    """
    regions: list[tuple[int, int]] = []
    for start, end in _runs(lines):
        if regions and start <= regions[-1][1]:
            continue
        first = _extend_back(lines, start)
        regions.append((first, _extend(lines, end, full)))
    for first, last in regions:
        for line in lines[first : last + 1]:
            if line.role == BODY:
                line.role = TABLE
        _mark_caption_before(lines, first)
    for line in lines:
        if line.role == BODY and _CAPTION.match(visible(line.text)):
            line.role = CAPTION
    return len(regions)


def _extend_back(lines: Sequence[Line], start: int) -> int:
    """Take in the header cells just above the first run (short, unpunctuated lines)."""
    first = start
    for j in range(start - 1, -1, -1):
        line = lines[j]
        if line.role in (BLANK, SOFT):
            continue
        text = visible(line.text)
        if line.role != BODY or not _fragment(line) or text[-1:] in TERMINAL:
            break
        first = j
    return first


def _mark_caption_before(lines: Sequence[Line], first: int) -> None:
    for j in range(first - 1, -1, -1):
        line = lines[j]
        if line.role in (BLANK, SOFT):
            continue
        text = visible(line.text)
        if (
            line.role == BODY
            and 0 < len(text) <= _MAX_CAPTION
            and text[-1] not in TERMINAL + "，、；"
            and heading_rank(text) is None
        ):
            line.role = CAPTION
        return
