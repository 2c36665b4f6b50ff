"""Page layout of PDF extractions: furniture, page starts and unwrapping (rules 6–9).

A PDF extraction is a column of hard-wrapped lines, each followed by a blank line, with a
single leading space on the first line of every page and the odd page number and running
head left inside sentences. Web extractions put one paragraph on each line and skip all of
this. The functions here work on :class:`Line` records so that the footnote, heading, table
and article passes can tag the same lines and every block keeps its raw line numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.lookup.ingest.model import Layout

# Roles a line can take; "body" lines are what unwrapping turns into paragraphs.
BODY = "body"
BLANK = "blank"
SOFT = "soft"  # whitespace-only line: no text, but a hint that a paragraph may end here
PAGE_NUMBER = "page-number"
RUNNING_HEAD = "running-head"
SEPARATOR = "separator"  # a long run of spaces above a footnote block

TERMINAL = "。！？…”』」）：!?"
_SENTENCE_END = "。！？!?"
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$")
_URLISH = re.compile(r"https?://|www\.|file:/")
_MARKER_ONLY = re.compile(r"^\s*(?:[①-⑳]|\[\d{1,3}\]|\[[①-⑳]\]|\*)\s*$")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE_WORDS = re.compile(r"^[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*$")  # "Abstracts"
_MAX_HEAD = 40
# Supplementary private-use plane A: never present in decoded corpus text.
SENTINEL_BASE = 0xF0000
_FURNITURE_REACH = 4
# A typeset column shows in several lines wrapped at it; in a short markdown or text file
# with blank lines between blocks, one heading line would otherwise pass for a column.
_MIN_WRAPPED = 3
_MIN_COLUMN = 12


@dataclass(slots=True)
class Line:
    """One raw line and what the passes learned about it."""

    no: int  # 1-based raw line number
    raw: str
    text: str  # working text: stripped, markers replaced by sentinels
    role: str = BODY
    page: int = 0
    page_start: bool = False  # one leading space: first line of a page (rule 8)
    indent: bool = False  # two or more leading spaces: a new paragraph or centred line
    glue: bool = False  # continues the previous line without a break (split by a marker)
    soft_before: bool = False  # a whitespace-only line precedes it
    level: int = 0  # heading level when role == "heading"
    extra: dict[str, str] = field(default_factory=dict)


def split_lines(text: str) -> list[Line]:
    """Cut a decoded document into :class:`Line` records with their leading-space flags.

    Args:
        text: The decoded document.

    Returns:
        One record per physical line (1-based numbers); blank and whitespace-only lines are
        tagged but kept so that line numbers stay aligned with the raw file.
    """
    lines = []
    for no, raw in enumerate(text.split("\n"), start=1):
        line = Line(no=no, raw=raw, text=raw.strip())
        if not raw.strip():
            line.role = BLANK if raw == "" else SEPARATOR if len(raw) >= 20 else SOFT
        else:
            lead = len(raw) - len(raw.lstrip(" "))
            line.page_start = lead == 1
            line.indent = lead >= 2
        lines.append(line)
    return lines


@lru_cache(maxsize=1 << 16)
def display_width(text: str) -> float:
    """Width of ``text`` in CJK cells: full-width characters count 1, others 1/2."""
    # Cached: every pass measures the same lines again.
    return sum(
        1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5
        for ch in text
        if not is_sentinel(ch)
    )


def sentinel(index: int) -> str:
    """A private-use character standing for footnote marker ``index`` inside working text."""
    return chr(SENTINEL_BASE + index)


def is_sentinel(ch: str) -> bool:
    """Whether ``ch`` is a marker sentinel made by :func:`sentinel`."""
    return ord(ch) >= SENTINEL_BASE


def is_latin(ch: str) -> bool:
    """Whether ``ch`` is a letter or digit of a non-CJK script (Latin, Cyrillic, ...)."""
    return ch.isalnum() and ord(ch) < 0x2E80


def modal_width(lines: Sequence[Line]) -> int:
    """The typeset column width: the most common width of lines that end mid-sentence.

    A line that stops inside a sentence on a CJK character was wrapped by the typesetter,
    so it is full by definition; its mode is robust against headings and short lines.
    """
    widths = Counter(
        round(display_width(line.text))
        for line in lines
        if len(line.text) > 3 and "\u4e00" <= line.text[-1] <= "\u9fff"
    )
    return widths.most_common(1)[0][0] if widths else 0


def detect_layout(lines: Sequence[Line]) -> Layout:
    """Tell a PDF extraction from a web page (rule 6).

    PDF text alternates text and blank lines and wraps at a stable column; web text has one
    paragraph per line.

    Args:
        lines: All lines of the document.

    Returns:
        ``"pdf"`` or ``"web"``.
    """
    text_lines = [line for line in lines if line.role not in (BLANK, SOFT)]
    if not text_lines:
        return "web"
    blank_share = 1 - len(text_lines) / len(lines)
    full = modal_width(text_lines)
    at_full = [line for line in text_lines if abs(display_width(line.text) - full) <= 1]
    # The column shows in lines cut mid-sentence at it; a few lines of a web page with blank
    # lines between paragraphs can share a width, but they end on punctuation or furniture.
    cut = sum(is_cjk_end(line.text) for line in at_full)
    wrapped = len(at_full) >= max(_MIN_WRAPPED, 0.25 * len(text_lines)) and cut >= _MIN_WRAPPED
    # Short headings and names under a title share a width too, but no column is that narrow.
    wrapped = wrapped and full >= _MIN_COLUMN
    return "pdf" if blank_share >= 0.35 and full and wrapped else "web"


def _head_candidate(text: str) -> bool:
    plain = _MARKERS_STRIP.sub("", text).strip()
    return (
        0 < len(plain) <= _MAX_HEAD
        and (_HAS_CJK.search(plain) is not None or _TITLE_WORDS.match(plain) is not None)
        and plain[-1] not in _SENTENCE_END + "，、；：.,;:"
        and not _URLISH.search(plain)
        and not _MARKER_ONLY.match(plain)
        and not _PAGE_NUMBER.match(plain)
        and not plain.startswith(("[", "*", "【", "〔"))
        and plain[0] not in "①②③④⑤⑥⑦⑧⑨⑩"
    )


_MARKERS_STRIP = re.compile(r"\[\d{1,3}\]|[①-⑳]")


def mark_furniture(lines: Sequence[Line], full: int) -> list[str]:
    """Tag page numbers and running heads (rule 7) and return the head texts found.

    A running head is a short line next to a page number (within four lines), or a line
    repeating such a head next to a page start. The document's first line is never a head:
    a title equal to its own running head must survive.

    Args:
        lines: All lines; roles are updated in place.
        full: The column width, to refuse full body lines ending mid-sentence.

    Returns:
        The running-head texts in order of first appearance (with repeats).
    """
    numbers = [i for i, line in enumerate(lines) if _PAGE_NUMBER.match(line.raw) and line.text]
    for i in numbers:
        lines[i].role = PAGE_NUMBER
    first = next((i for i, line in enumerate(lines) if line.text), 0)
    sides = [
        [j for j in (_nearest(lines, i, -1), _nearest(lines, i, 1)) if j is not None and j > first]
        for i in numbers
    ]
    texts = Counter(line.text for line in lines if line.text)
    heads: list[str] = []
    for candidates in sides:
        found = [j for j in candidates if _is_head_near_number(lines[j], full)]
        if len(found) == 2:
            # A head is printed on many pages; the other side is a stray body fragment.
            found = sorted(found, key=lambda j: texts[lines[j].text])[1:]
            found = found if texts[lines[found[0]].text] > 1 else []
        for j in found:
            lines[j].role = RUNNING_HEAD
            heads.append(lines[j].text)
    known = set(heads)
    starts = [i for i, line in enumerate(lines) if line.page_start]
    near_start = {j for i in starts for j in range(i - _FURNITURE_REACH, i + _FURNITURE_REACH + 1)}
    for i, line in enumerate(lines):
        if i > first and line.role == BODY and line.text in known and i in near_start:
            line.role = RUNNING_HEAD
            heads.append(line.text)
    return heads


def _nearest(lines: Sequence[Line], i: int, step: int) -> int | None:
    """The closest line with text within reach of a page number, in one direction."""
    for j in range(i + step, i + step * (_FURNITURE_REACH + 1), step):
        if 0 <= j < len(lines) and lines[j].role not in (BLANK, SOFT):
            return j
    return None


def _is_head_near_number(line: Line, full: int) -> bool:
    if line.role != BODY or not _head_candidate(line.text):
        return False
    # A body line wrapped at full width merely happens to be short of punctuation.
    return not (is_cjk_end(line.text) and display_width(line.text) >= full - 1.5)


def is_cjk_end(text: str) -> bool:
    """Whether ``text`` ends on a CJK ideograph (a sign of a mid-sentence wrap)."""
    return bool(text) and "\u4e00" <= text[-1] <= "\u9fff"


def assign_pages(lines: Sequence[Line]) -> int:
    """Number the pages (0-based) and drop page starts that only follow a marker (rule 8).

    A footnote marker on its own line pushes the rest of its physical line to the next line
    with one leading space; that is not a page start. Page numbers and running heads also
    close a page, for pages whose first line lost its leading space.

    Args:
        lines: All lines; ``page`` and ``page_start`` are updated in place.

    Returns:
        The number of pages.
    """
    page, pending, previous = 0, False, ""
    for line in lines:
        if line.role in (PAGE_NUMBER, RUNNING_HEAD):
            pending = True
        elif line.role == BODY:
            if line.page_start and _MARKER_ONLY.match(previous):
                line.page_start = False
            if line.page_start or pending:
                page += 1
                pending = False
            previous = line.text
        line.page = page
    return page + 1


def join_text(left: str, right: str) -> str:
    """Join two wrapped pieces: no space between CJK, one space between Latin words.

    Hyphens at the break stay and take no space (``co-`` + ``creation``, ``Western-`` +
    ``led``): a dictionary would be needed to tell a soft hyphen from a real one.
    """
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if is_latin(b) and (is_latin(a) or a in ",.;:)’”'\"!?%") and not (a.isdigit() and b.isdigit()):
        return f"{left} {right}"
    return left + right


def ends_paragraph(line: Line, following: Line, full: int) -> bool:
    """Decide whether a paragraph ends between two consecutive body lines (rule 9).

    Only a line ending on terminal punctuation can close a paragraph, and it does when it
    is shorter than the column, when a whitespace-only line follows, or when the next line
    is a paragraph's first line: the extraction dropped the two-cell indent, so that line
    stops short of the column although its sentence goes on. An indented line or a ``——``
    lead-in always starts a paragraph. Everything else is a wrap.
    """
    if following.glue:
        return False
    # Two page starts in a row: the first is a stray one-line fragment (002 L1883).
    if (
        following.indent
        or following.text.startswith("——")
        or (line.page_start and following.page_start)
    ):
        return True
    text = _visible(line.text)
    if not ends_sentence(text):
        return False
    short = display_width(text) < full - 1
    return short or following.soft_before or _first_line(following, full)


_CLOSERS = {"”": "“", "』": "『", "」": "「", "）": "（"}
_FINAL = "。！？…!?"
# A closed quotation longer than this is speech, and may end a sentence without a 。.
_TERM_QUOTE = 8


def ends_sentence(text: str) -> bool:
    """Whether a line's last character can end a sentence.

    A closing quote or bracket ends one only after a full stop (``…新理念。”``) or around a
    real quotation; a short quoted term at a line end (``创造“金砖”`` / ``概念的初衷``) is
    mid-sentence.
    """
    if not text or text[-1] not in TERMINAL:
        return False
    opener = _CLOSERS.get(text[-1])
    if opener is None:
        return True
    if len(text) > 1 and text[-2] in _FINAL:
        return True
    start = text.rfind(opener)
    return opener != "（" and (start < 0 or len(text) - start - 2 > _TERM_QUOTE)


def _first_line(line: Line, full: int) -> bool:
    """A line that continues its sentence yet leaves the indent's two cells free."""
    text = _visible(line.text)
    return bool(text) and text[-1] not in TERMINAL and display_width(text) <= full - 1.5


def _visible(text: str) -> str:
    return "".join(ch for ch in text if not is_sentinel(ch)).rstrip()
