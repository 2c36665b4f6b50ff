"""Footnotes of a web or journal page: note lines at the end, markers in the text (rule 11).

A page that prints notes puts them after the text, each on a line that opens with its
marker (「[1] 《…》，新华网，2023年…」, 「①…」), often under a 「注释：」 or 「参考文献」 line. In
the text the markers stand as 「[1]」, 「[①]」, 「(28)」 after a quotation, or a bare 「①」.
Note lines become footnotes. Bracketed markers are always cut from the text (a bracketed
number in Chinese prose is a note marker) and leave a sentinel that becomes a footnote
reference; a bare circled number is cut only when a note carries it, since it is also a
list bullet (「①加强…；②深化…」).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.lookup.ingest.footnotes import CIRCLED
from bot.lookup.ingest.furniture import simplified
from bot.lookup.ingest.layout import sentinel
from bot.lookup.ingest.markers import Marker
from bot.lookup.ingest.model import Footnote

_OPENING = re.compile(
    rf"^\s*(?:[\[［](?P<n>\d{{1,3}})[\]］]|[\[［](?P<bc>[{CIRCLED}])[\]］]|(?P<c>[{CIRCLED}]))"
    r"[\s\u3000.、．]*(?=\S)"
)
_BRACKETED = re.compile(rf"[\[［](?:(?P<n>\d{{1,3}})|(?P<c>[{CIRCLED}]))[\]］]")
# A number in parentheses right after a closing quote is a note marker too (「…”(28)」); after
# anything else it may number a list item (「目标。(1)加强…」) and stays.
_AFTER_QUOTE = re.compile(r"(?<=[”’」』])\s?[(（](?P<n>\d{1,3})[)）]")
_NOTES_HEAD = re.compile(r"^[【\[［]?(?:注释|注|参考文献|尾注|脚注|注解)[】\]］]?\s*[:：]?$")
_CITATION = re.compile(
    r"《|\[[A-Z](?:/OL)?\]|出版社|年第\s*\d+\s*期|https?://|www\.|第\s*\d+\s*页|\d{4}年\d{1,2}月"
)


@dataclass(slots=True)
class WebNotes:
    """What :func:`split_notes` found: note bodies, markers, and the lines they touched."""

    footnotes: list[Footnote] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    note_lines: set[int] = field(default_factory=set)  # indexes of note (and notes-head) lines


def _key(match: re.Match[str]) -> str:
    return next(g for g in match.groups() if g)


def _note_lines(texts: Sequence[str | None]) -> set[int]:
    """Lines that are note bodies: the trailing run of marker lines, or citation-like ones."""
    present = [i for i, t in enumerate(texts) if t is not None and t.strip()]
    notes: set[int] = set()
    trailing = True
    below: int | None = None  # the present line under this one
    for i in reversed(present):
        text = texts[i] or ""
        opening = _OPENING.match(text)
        if opening and (trailing or _CITATION.search(text[opening.end() :])):
            notes.add(i)
        elif _NOTES_HEAD.match(simplified(text.strip())) and below in notes:
            # 「注释：」 heads the notes under it, even when an author's note follows them.
            notes.add(i)
            trailing = False
        else:
            trailing = False
        below = i
    return notes


def split_notes(texts: list[str | None], numbers: Sequence[int]) -> WebNotes:
    """Take note lines out of ``texts`` and cut markers from the rest, in place.

    Args:
        texts: The page's lines after furniture removal (None for dropped lines); note lines
            become None, markers in other lines become sentinels.
        numbers: The raw line number of each entry.

    Returns:
        The footnotes, the markers (sentinel ``k`` is ``markers[k]``) and the note lines.
    """
    found = WebNotes(note_lines=_note_lines(texts))
    by_key: dict[str, list[int]] = {}
    for i in sorted(found.note_lines):
        text = texts[i] or ""
        texts[i] = None
        opening = _OPENING.match(text)
        if opening is None:
            continue
        key = _key(opening)
        by_key.setdefault(key, []).append(len(found.footnotes))
        printed = key if key in CIRCLED else f"[{key}]"
        body = text[opening.end() :].strip()
        found.footnotes.append(Footnote(printed, 0, body, numbers[i], numbers[i]))
    used: set[int] = set()
    keys = "".join(k for k in by_key if k in CIRCLED)
    circled = re.compile(f"[{keys}]") if keys else None
    for i, entry in enumerate(texts):
        if not entry:
            continue

        def swap(match: re.Match[str], line: int = numbers[i]) -> str:
            key = match.groupdict().get("n") or match.group(0).strip("[]［］")
            candidates = [n for n in by_key.get(key, []) if n not in used]
            target = candidates[0] if candidates else None
            if target is not None:
                used.add(target)
            marker = Marker(len(found.markers), match.group(0), 0, line, target)
            found.markers.append(marker)
            return sentinel(marker.index)

        entry = _AFTER_QUOTE.sub(swap, _BRACKETED.sub(swap, entry))
        if circled is not None:
            entry = circled.sub(swap, entry)
        texts[i] = entry
    return found
