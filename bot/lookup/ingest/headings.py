"""Headings, epigraph speakers and lead-ins (rule 13).

PDF headings are numbered (``第一章`` > ``一、`` > ``（一）`` > ``1.`` > ``（1）``) or are
letter-spaced front/back matter (``序 言``); they stand alone after a paragraph end and may
wrap onto a short second line, sometimes past a footnote block or page furniture. Levels are
ranked among the numbering styles a document actually uses. Web pages have no numbering: a
heading is a short line without terminal punctuation followed by a long paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.lookup.ingest.layout import (
    BLANK,
    BODY,
    SENTINEL_BASE,
    SOFT,
    TERMINAL,
    Line,
    display_width,
    is_cjk_end,
)

HEADING = "heading"
HEADING_CONT = "heading-cont"
SPEAKER = "speaker"

_NUM = "一二三四五六七八九十百零〇"
# Ordered from the top level down; index = rank.
_PATTERNS = (
    re.compile(rf"^第[{_NUM}\d]+[章编篇](?:\s|$)"),
    re.compile(rf"^[{_NUM}]+、\S"),
    re.compile(rf"^[（(][{_NUM}]+[）)]\s*\S"),
    re.compile(r"^\d{1,2}[.．](?!\d)\s*[^\x00-\x7f\s]{2}"),
    re.compile(r"^[（(]\d{1,2}[）)]\s*\S"),
)
_CHAPTER_ALONE = re.compile(rf"^第[{_NUM}\d]+[章编篇]$")
_MATTER = re.compile(r"^(?:序言|前言|引言|导言|绪论|结语|结论|后记|附录|参考文献|.{0,8}致谢)$")
_SPEAKER = re.compile(r"^——\s*([^，。、；：！？,;:!?\s]{2,20})$")
_LEAD = re.compile(r"^(——[^。！？]{2,40}[。！？])")
_SENTINELS = re.compile(f"[{chr(SENTINEL_BASE)}-\U0010ffff]")
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(?=\S)")
_MAX_HEADING = 40
_MAX_CONTINUATION = 10
_PUNCT = "，。、；：！？,.;:!?“”《》（）()"
# A layout marks paragraph ends with a trailing space when most lines ending a sentence carry
# one and hardly any line wrapped mid-sentence does.
_MARKED_ENDS = 0.5
_MARKED_WRAPS = 0.1
_MIN_ENDS = 20


def visible(text: str) -> str:
    """``text`` without marker sentinels and surrounding spaces."""
    return _SENTINELS.sub("", text).strip()


def heading_rank(text: str) -> int | None:
    """The numbering style of a heading line (0 = chapter ... 4 = ``（1）``), or None.

    Args:
        text: A stripped line.

    Returns:
        The style's rank, ``-1`` for front/back matter such as 「序 言」, or None if the line
        cannot be a heading (too long, or a sentence inside).
    """
    plain = visible(text)
    if not plain or len(plain) > _MAX_HEADING or "。" in plain or "；" in plain:
        return None
    if plain[-1] in "，、；：,;":
        return None
    if _MATTER.match(plain.replace(" ", "").replace("\u3000", "")):
        return -1
    for rank, pattern in enumerate(_PATTERNS):
        if pattern.match(plain):
            return rank
    return None


def _previous_body(lines: Sequence[Line], i: int) -> Line | None:
    for j in range(i - 1, -1, -1):
        if lines[j].role in (BODY, HEADING, HEADING_CONT):
            return lines[j]
        if lines[j].role not in (BLANK, SOFT) and lines[j].role.startswith("article"):
            return None
    return None


def _next_body(lines: Sequence[Line], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].role == BODY:
            return j
        if lines[j].role == HEADING:
            return None
    return None


def _opens_paragraph(previous: Line | None) -> bool:
    if previous is None or previous.role != BODY:
        return True
    text = visible(previous.text)
    return not text or text[-1] in TERMINAL


def mark_headings(lines: Sequence[Line], full: int) -> dict[int, int]:
    """Tag PDF heading lines and merge their wrapped continuations.

    Args:
        lines: All lines; body lines that are headings get role ``heading`` (and their
            continuations ``heading-cont``), with ``Line.extra['rank']`` set.
        full: The column width, to tell a wrapped heading from a list paragraph.

    Returns:
        A map from numbering rank to heading level for this document.
    """
    ranks: set[int] = set()
    marked = marks_paragraph_ends(lines)
    for i, line in enumerate(lines):
        if line.role != BODY:
            continue
        if _SPEAKER.match(visible(line.text)):
            line.role = SPEAKER
            continue
        rank = heading_rank(line.text)
        if rank is None or not _opens_paragraph(_previous_body(lines, i)):
            continue
        chapter = bool(_CHAPTER_ALONE.match(visible(line.text)))
        closed = marked and _trailing_space(line)
        if not _merge_continuation(lines, i, full, chapter=chapter, closed=closed):
            continue
        line.role = HEADING
        line.extra["rank"] = str(rank)
        ranks.add(rank)
    levels = {rank: level for level, rank in enumerate(sorted(r for r in ranks if r >= 0), 1)}
    for line in lines:
        if line.role == HEADING:
            rank = int(line.extra["rank"])
            line.level = levels.get(rank, 1)
    return levels


def _trailing_space(line: Line) -> bool:
    return line.raw != line.raw.rstrip()


def marks_paragraph_ends(lines: Sequence[Line]) -> bool:
    """Whether this layout leaves a space after a paragraph's last line (001: 「展。 」).

    Then a line that fills the column but carries the mark is complete, and is not wrapped.
    """
    ends = wraps = marked_ends = marked_wraps = 0
    for line in lines:
        text = visible(line.text)
        if line.role != BODY or not text:
            continue
        if text[-1] in "。！？":
            ends += 1
            marked_ends += _trailing_space(line)
        elif is_cjk_end(text):
            wraps += 1
            marked_wraps += _trailing_space(line)
    return (
        ends >= _MIN_ENDS
        and marked_ends >= _MARKED_ENDS * ends
        and marked_wraps <= _MARKED_WRAPS * wraps
    )


def _merge_continuation(
    lines: Sequence[Line], i: int, full: int, *, chapter: bool, closed: bool = False
) -> bool:
    """Attach a wrapped second line (or a chapter's title line) to heading ``i``.

    ``closed``: the layout marks the candidate as the end of its paragraph, so it cannot
    have wrapped (「3.习近平外交思想引领…对策建议 」 fills the column, as does its first line).

    Returns:
        False if the candidate turns out to open a list paragraph: it fills the column and
        the next line goes on at full width (「（1）发挥智库联盟…，系统总结」).
    """
    j = _next_body(lines, i)
    if j is None:
        return True
    following = visible(lines[j].text)
    wrapped = display_width(visible(lines[i].text)) >= full - 2
    if chapter:
        fits = 0 < len(following) <= _MAX_HEADING and "。" not in following
    elif wrapped and display_width(following) >= full - 2:
        return closed
    elif wrapped and closed:
        fits = False
    elif wrapped:
        # The tail of a wrapped heading may end on its full stop (「式。」), never contain one.
        tail = following.rstrip("。")
        fits = len(tail) > 0 and tail[-1] not in TERMINAL + "，、；"
        fits = fits and not any(ch in tail for ch in "。；！？")
        fits = fits and (tail == following or display_width(following) < full / 2)
    else:
        fits = (
            0 < len(following) <= _MAX_CONTINUATION
            and not any(ch in _PUNCT for ch in following)
            and heading_rank(following) is None
        )
    if fits:
        lines[j].role = HEADING_CONT
        lines[i].extra["cont"] = str(j)
    return True


def heading_text(lines: Sequence[Line], i: int) -> tuple[str, int]:
    """The full text of heading ``i`` and the index of its last line."""
    line = lines[i]
    text = line.text
    if _MATTER.match(visible(text).replace(" ", "").replace("\u3000", "")):
        text = text.replace(" ", "").replace("\u3000", "")
    last = i
    if "cont" in line.extra:
        last = int(line.extra["cont"])
        separator = " " if _CHAPTER_ALONE.match(visible(text)) else ""
        text = text.rstrip() + separator + lines[last].text
    return text, last


def split_lead(text: str) -> tuple[str | None, str]:
    """Split an inline ``——xxx。`` lead-in sub-heading off the start of a paragraph.

    Args:
        text: The paragraph text.

    Returns:
        ``(lead, rest)``; ``lead`` is None when the paragraph has no lead-in.
    """
    match = _LEAD.match(text)
    if match is None or not text[match.end() :].strip():
        return None, text
    return match.group(1), text[match.end() :]


def speaker_of(text: str) -> str | None:
    """The speaker named by an epigraph attribution line ``——中国国家主席习近平``."""
    match = _SPEAKER.match(visible(text))
    return match.group(1) if match else None


def web_heading_levels(texts: Sequence[str | None]) -> dict[int, int]:
    """Find unnumbered web headings: short lines without terminal punctuation (rule 13).

    A heading is followed by a long paragraph or by another heading, or is numbered like a
    PDF heading (「二、金砖合作的新使命」) and followed by a longer line; a heading followed
    directly by another heading is the higher level.

    Args:
        texts: One paragraph per entry (None for dropped lines), title excluded.

    Returns:
        A map from entry index to heading level.
    """
    kept = [(i, t.strip()) for i, t in enumerate(texts) if t and t.strip()]
    headings: set[int] = set()
    # Walk backwards so that "followed by a heading" means a heading already confirmed.
    for n in range(len(kept) - 2, -1, -1):
        i, text = kept[n]
        nxt_i, nxt = kept[n + 1]
        numbered = heading_rank(text) is not None and len(nxt) > len(text)
        if _web_candidate(text) and (
            numbered or nxt_i in headings or len(nxt) >= max(2 * len(text), 60)
        ):
            headings.add(i)
    following = {i: kept[n + 1][0] for n, (i, _) in enumerate(kept[:-1])}
    tops = {i for i in headings if following.get(i) in headings}
    levels = {i: (1 if i in tops or not tops else 2) for i in sorted(headings)}
    # Markdown files say it outright: "## 标题" is a level-2 heading.
    levels.update({i: len(m.group(1)) for i, t in kept if (m := MARKDOWN_HEADING.match(t))})
    return levels


def _web_candidate(text: str) -> bool:
    return (
        0 < len(text) <= 60
        and not any(ch in text for ch in "。！？!?；;…")
        and text[-1] not in "：:"
        # A note in parentheses (「（以下为机器翻译，以英文原文为准）」) heads nothing.
        and not (text[0] in "（(" and text[-1] in "）)")
    )
