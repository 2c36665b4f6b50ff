"""Assembling tagged lines into block drafts (paragraphs, headings, epigraphs, tables).

Footnote blocks, page furniture and marker lines are transparent here: a sentence that runs
across them is joined as if they were not there. Headings, captions, tables and article
header lines end the paragraph in progress.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookup.ingest.assemble import Draft
from bot.lookup.ingest.headings import (
    HEADING,
    HEADING_CONT,
    MARKDOWN_HEADING,
    SPEAKER,
    heading_text,
    speaker_of,
    web_heading_levels,
)
from bot.lookup.ingest.journallabels import abstract_label
from bot.lookup.ingest.layout import BODY, SOFT, Line, ends_paragraph, join_text
from bot.lookup.ingest.model import BlockKind
from bot.lookup.ingest.pagemeta import is_closing, is_short_lead
from bot.lookup.ingest.tables import CAPTION, TABLE

# Roles that neither belong to a paragraph nor interrupt one.
_TRANSPARENT = {"blank", "marker", "footnote", "separator", "page-number", "running-head"}


def _text(group: Sequence[Line]) -> str:
    text = ""
    for line in group:
        text = text + line.text.lstrip() if line.glue else join_text(text, line.text)
    return text


def _unwrap(group: Sequence[Line], full: int) -> list[list[Line]]:
    paragraphs: list[list[Line]] = []
    for line in group:
        if paragraphs and not ends_paragraph(paragraphs[-1][-1], line, full):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


class _Builder:
    """Collects drafts while walking the lines of one article."""

    def __init__(self, full: int) -> None:
        self.full = full
        self.drafts: list[Draft] = []
        self.body: list[Line] = []
        self.table: list[Line] = []
        # The next body line follows a soft break (a blank line, or a SOFT line, before it).
        self.soft = False

    def flush(self) -> None:
        for group in _unwrap(self.body, self.full):
            self._add("paragraph", _text(group), group)
        self.body = []
        if self.table:
            text = "\n".join(_text(g) for g in _unwrap(self.table, self.full))
            self._add("table", text, self.table)
            self.table = []

    def _add(self, kind: BlockKind, text: str, group: Sequence[Line], level: int = 0) -> None:
        self.drafts.append(Draft(kind, text, group[0].no, group[-1].no, level))

    def speaker(self, line: Line) -> None:
        """An attribution line after a chapter's first paragraph makes that an epigraph.

        Anywhere else a ``——`` line is an ordinary (wrapped) lead-in and stays body text.
        """
        opening = not self.drafts or self.drafts[-1].kind == "heading"
        if not (self.body and opening and len(_unwrap(self.body, self.full)) == 1):
            self.body.append(line)
            return
        self.flush()
        last = self.drafts[-1]
        last.kind, last.speaker, last.line_end = "epigraph", speaker_of(line.text), line.no

    def take(self, lines: Sequence[Line], i: int) -> None:
        """Takes line ``i`` of a PDF-layout document, by its role."""
        line = lines[i]
        role = line.role
        if role == BODY:
            if self.table:
                self.flush()
            line.soft_before, self.soft = self.soft, False
            self.body.append(line)
        elif role == SOFT:
            self.soft = True
        elif role == TABLE:
            if self.body:
                self.flush()
            self.table.append(line)
        elif role in _TRANSPARENT:
            self.soft = self.soft and role == "blank"
        else:
            self._interrupt(lines, i)

    def _interrupt(self, lines: Sequence[Line], i: int) -> None:
        """A line that is neither body, table nor transparent."""
        line = lines[i]
        role = line.role
        if role == HEADING:
            self.flush()
            text, last = heading_text(lines, i)
            self.drafts.append(Draft("heading", text, line.no, lines[last].no, line.level))
        elif role == SPEAKER:
            self.speaker(line)
        elif role == CAPTION:
            self.flush()
            self.drafts.append(Draft("caption", line.text, line.no, line.no))
        elif role != HEADING_CONT:
            self.flush()  # article header, abstract, editor line: kept elsewhere


def pdf_drafts(lines: Sequence[Line], start: int, end: int, full: int) -> list[Draft]:
    """Drafts for the lines ``start..end`` (inclusive) of a PDF-layout document.

    Args:
        lines: All tagged lines.
        start: First line index of the article.
        end: Last line index of the article.
        full: The column width.

    Returns:
        The article's block drafts in reading order.
    """
    builder = _Builder(full)
    for i in range(start, end + 1):
        builder.take(lines, i)
    builder.flush()
    return builder.drafts


def web_drafts(lines: Sequence[Line], kept: Sequence[str | None], title: int | None) -> list[Draft]:
    """Drafts for a web-layout document: one paragraph per kept line.

    A salutation or a speech dateline (「尊敬的拉马福萨总统，」) opens the paragraph after it
    rather than standing alone, and a closing 「谢谢大家！」 ends the one before; an abstract
    label (【摘要】) makes its line the abstract.

    Args:
        lines: All lines (for their numbers).
        kept: The text of each line after furniture removal (None = dropped).
        title: The index of the title line, which is not a block.

    Returns:
        The drafts in reading order.
    """
    body = [i for i, text in enumerate(kept) if text is not None and text.strip() and i != title]
    leads = {i for i in body if is_short_lead(kept[i] or "")}
    closings = {i for i in body[1:] if is_closing(kept[i] or "")}
    texts = [kept[i] if i in set(body) - leads - closings else None for i in range(len(kept))]
    levels = web_heading_levels(texts)
    drafts: list[Draft] = []
    pending: list[int] = []
    for i in body:
        if i in leads:
            pending.append(i)
            continue
        last = next((d for d in reversed(drafts) if d.kind == "paragraph"), None)
        if i in closings and last is not None and not pending:
            last.text, last.line_end = last.text + (kept[i] or "").strip(), lines[i].no
            continue
        text = MARKDOWN_HEADING.sub("", (kept[i] or "").strip())
        kind: BlockKind = "heading" if i in levels else "paragraph"
        if (label := abstract_label(text)) is not None:
            kind, text = "abstract", text[label.start :].strip()
        start = lines[i].no
        if pending and kind != "heading":
            text = "".join((kept[j] or "").strip() for j in pending) + text
            start, pending = lines[pending[0]].no, []
        drafts.append(Draft(kind, text, start, lines[i].no, levels.get(i, 0)))
    if pending:
        tail = "".join((kept[j] or "").strip() for j in pending)
        last = next((d for d in reversed(drafts) if d.kind == "paragraph"), None)
        if last is None:
            drafts.append(Draft("paragraph", tail, lines[pending[0]].no, lines[pending[-1]].no))
        else:
            last.text, last.line_end = last.text + tail, lines[pending[-1]].no
    return drafts
