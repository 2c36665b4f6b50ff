"""Footnote blocks at the bottom of PDF pages (rules 10 and 12).

Two styles occur. Circled numerals (①–⑳, restarting on every page) follow a separator line
of spaces; the marker sits alone on its line with the body on the next line (which starts
with a space), or marker and body share a line. Bracketed numbers start a line as ``[n]``
plus an ideographic space, and funding notes as ``*`` plus an ideographic space. A block
runs until the next page starts (or page furniture, or a new separator).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.lookup.ingest.layout import (
    BLANK,
    PAGE_NUMBER,
    RUNNING_HEAD,
    SEPARATOR,
    SOFT,
    Line,
    join_text,
)
from bot.lookup.ingest.model import Footnote, Removed

FOOTNOTE = "footnote"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Always a note: the ideographic space (or a wide ASCII gap) after [n] is a typesetting tab.
_BRACKET_START = re.compile(r"^ ?(\[\d{1,3}\])(?:\u3000| {2,})\s*(?=\S)")
_BRACKET_LOOSE = re.compile(r"^ ?(\[\d{1,3}\]) (?=\S)")
_STAR_START = re.compile(r"^ ?(\*)\u3000\s*(?=\S)")
_CIRCLED_SPACED = re.compile(rf"^ ?([{CIRCLED}])[ \u3000]+(?=\S)")
_CIRCLED_GLUED = re.compile(rf"^ ?([{CIRCLED}])(?=[^\s，。、；：！？,.;:!?）)])")
_CIRCLED_ONLY = re.compile(rf"^\s*\[?([{CIRCLED}])\]?\s*$")  # 「①」 or 「[②]」 (001 L6905)
_CITATION = re.compile(
    r"《|\[(?:M|J|N|R|C|D|Z|EB/OL|EB|OL)\]|［[A-Z]］|出版社|年第\s*\d+\s*期|https?://|www\.|"
    r"最后访问|访问时间|参见|Ibid|pp?\.\s*\d|\d{4}\s*年版|第\s*\d+\s*页"
)
_URL = re.compile(r"(?:https?://|www\.|file:/)[\x21-\x7e]*")
_URL_CHAR = re.compile(r"^[A-Za-z0-9_./%?=&#~\-]")
_LOCAL_PATH = re.compile(r"file:///[\x21-\x7e]*")
_GLUED_DATE = re.compile(r"((?:https?://|www\.)\S+?\.[A-Za-z]{2,5})\.(\d{4}-\d{1,2}-\d{1,2})")


@dataclass(slots=True)
class RawNote:
    """A footnote body as found: its marker, page and raw lines."""

    marker: str
    page: int
    lines: list[Line] = field(default_factory=list)
    first: str = ""  # the first line's text without the marker


def _start(lines: Sequence[Line], i: int, in_block: bool) -> tuple[str, str] | None:
    """``(marker, rest of line)`` if line ``i`` opens a footnote body, else None."""
    raw = lines[i].raw
    for pattern in (_BRACKET_START, _STAR_START):
        if m := pattern.match(raw):
            return m.group(1), raw[m.end() :]
    if (m := _CIRCLED_SPACED.match(raw)) and (in_block or _CITATION.search(raw)):
        return m.group(1), raw[m.end() :]
    if in_block and (m := _BRACKET_LOOSE.match(raw) or _CIRCLED_GLUED.match(raw)):
        return m.group(1), raw[m.end() :]
    if m := _CIRCLED_ONLY.match(raw):
        following = _next_text(lines, i)
        # Outside a block a lone numeral is an in-text marker unless a citation follows it.
        if following and (
            in_block or (following.raw.startswith(" ") and _CITATION.search(following.raw))
        ):
            return m.group(1), ""
    return None


def _next_text(lines: Sequence[Line], i: int) -> Line | None:
    for line in lines[i + 1 :]:
        if line.role not in (BLANK, SOFT):
            return line
    return None


def mark_footnotes(lines: Sequence[Line]) -> list[RawNote]:
    """Find footnote blocks, tag their lines and collect the notes in order (rule 10).

    Args:
        lines: All lines, with furniture and page numbers already assigned.

    Returns:
        The notes found, each with its raw lines.
    """
    notes: list[RawNote] = []
    in_block, after_marker = False, False
    for i, line in enumerate(lines):
        if line.role in (BLANK, SOFT):
            continue
        if line.role in (PAGE_NUMBER, RUNNING_HEAD):
            in_block = False
            continue
        if line.role == SEPARATOR:
            in_block = True
            continue
        if (in_block and line.page_start and not after_marker) or line.text.startswith("【"):
            in_block = False
        start = _start(lines, i, in_block)
        if start is not None:
            in_block = True
            notes.append(RawNote(marker=start[0], page=line.page, lines=[line], first=start[1]))
        elif in_block and notes:
            notes[-1].lines.append(line)  # continuation, possibly from the previous page
        else:
            continue
        line.role = FOOTNOTE
        after_marker = bool(_CIRCLED_ONLY.match(line.raw))
    return notes


def _ends_in_url(text: str) -> bool:
    tail = text.rsplit(None, 1)[-1] if text.strip() else ""
    return bool(_URL.search(tail)) and not text.endswith((" ", "。", "，", "；"))


def _normal_url(text: str) -> str:
    return re.sub(r"/+", "/", re.sub(r"^[a-z]+://|%20.*$", "", text.lower())).rstrip("./")


def _is_duplicate_url(line: str, text: str) -> bool:
    """A bare URL line repeating a link the note already cites (PDF link annotation text)."""
    match = _URL.match(line)
    if not match or len(line.split()) != 1:
        return False
    url = _normal_url(match.group(0))
    return len(url) > 8 and url in re.sub(r"/+", "/", text.lower().replace(" ", ""))


def build_footnote(note: RawNote) -> tuple[Footnote, list[Removed]]:
    """Join a note's lines into one cleaned :class:`Footnote` (rule 12).

    URLs broken across lines are rejoined without a space, access dates glued to a URL are
    split off, bare URL lines repeating the citation and local file paths are dropped.

    Args:
        note: The note as found by :func:`mark_footnotes`.

    Returns:
        The footnote (text not yet space/punctuation-normalised) and the dropped pieces.
    """
    removed: list[Removed] = []
    text = note.first.strip()
    for line in note.lines[1:]:
        piece = line.raw.strip()
        if _ends_in_url(text) and _URL_CHAR.match(line.raw) and not _URL.match(piece):
            text += piece
        elif _is_duplicate_url(piece, text):
            removed.append(Removed(line=line.no, reason="duplicate-url", text=line.raw))
        else:
            text = _join(text, piece)
    for match in _LOCAL_PATH.finditer(text):
        no = next((ln.no for ln in note.lines if "file:" in ln.raw), note.lines[0].no)
        removed.append(Removed(line=no, reason="local-path", text=match.group(0)))
    text = _LOCAL_PATH.sub("", text)
    text = _GLUED_DATE.sub(r"\1. \2", text)
    urls = [m.group(0).rstrip(".,;:)") for m in _URL.finditer(text) if "://" in m.group(0)]
    footnote = Footnote(
        marker=note.marker,
        page=note.page,
        text=text,
        line_start=note.lines[0].no,
        line_end=note.lines[-1].no,
        urls=urls,
    )
    return footnote, removed


def _join(left: str, right: str) -> str:
    return join_text(left.rstrip(), right)
