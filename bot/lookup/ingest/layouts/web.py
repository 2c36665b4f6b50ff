"""The web-page layout: one paragraph per line (the fallback layout).

Parsing runs the web-page pass (furniture, metadata, title: :mod:`bot.lookup.ingest.page`),
takes the page's notes out (:mod:`bot.lookup.ingest.webnotes`) and makes one block per line,
salutations and datelines joined to the paragraph they open.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookup.ingest.assemble import Draft, finish, lift_sentinels
from bot.lookup.ingest.blocks import web_drafts
from bot.lookup.ingest.docreport import add_blocks, deleted, report
from bot.lookup.ingest.headings import MARKDOWN_HEADING
from bot.lookup.ingest.journallabels import abstract_label
from bot.lookup.ingest.layout import Line
from bot.lookup.ingest.model import Article, ParsedDocument, Removed
from bot.lookup.ingest.page import clean_page
from bot.lookup.ingest.punct import normalize_punct
from bot.lookup.ingest.spaces import normalize_spaces
from bot.lookup.ingest.web import split_column
from bot.lookup.ingest.webnotes import split_notes

NAME = "web"


def detect(lines: Sequence[Line]) -> bool:
    """Any text can be read one paragraph per line: this layout takes what others leave."""
    return True


def parse(doc: ParsedDocument, lines: list[Line]) -> None:
    """Clean a web page's lines and fill ``doc`` with its one article and its notes."""
    page = clean_page([line.raw for line in lines])
    doc.metadata.update(page.metadata)
    kept = page.kept
    for i, reason in sorted(page.reasons.items()):
        line, new = lines[i], kept[i]
        if new is None:
            doc.removed.append(Removed(line=line.no, reason=reason, text=line.raw))
        elif deleted(line.raw, new).strip():
            doc.removed.append(Removed(line=line.no, reason=reason, text=deleted(line.raw, new)))
    if page.title is not None:
        title, _ = lift_sentinels(MARKDOWN_HEADING.sub("", (kept[page.title] or "").strip()))
        # A trailing * points to a funding note, not to the words.
        title = title.removesuffix("*").rstrip()
        column, _ = split_column(title)
        doc.title = normalize_punct(title, protect=[])
        if column:
            doc.metadata["column"] = column
        doc.removed.append(Removed(line=lines[page.title].no, reason="title", text=title))
    notes = split_notes(kept, [line.no for line in lines])
    noted = {n.line_start for n in notes.footnotes}
    doc.removed.extend(
        Removed(line=lines[i].no, reason="notes-head", text=lines[i].raw)
        for i in sorted(notes.note_lines)
        if lines[i].no not in noted
    )
    for note in notes.footnotes:
        note.text = normalize_punct(normalize_spaces(note.text), protect=[])
        doc.footnotes.append(note)
    drafts = web_drafts(lines, kept, page.title)
    doc.removed.extend(_label_removed(lines, kept, drafts))
    article = Article(title=doc.title, line_start=1, line_end=len(lines))
    add_blocks(doc, article, [finish(d, notes.markers, doc.script) for d in drafts])
    doc.articles.append(article)
    doc.report["tables"] = 0
    report(doc, notes.markers)


def _label_removed(
    lines: Sequence[Line], kept: Sequence[str | None], drafts: Sequence[Draft]
) -> list[Removed]:
    """The abstract labels (【摘要】) cut from abstract blocks, for character accounting."""
    out = []
    for draft in drafts:
        if draft.kind == "abstract":
            i = draft.line_end - 1
            label = abstract_label(kept[i] or "")
            if label is not None:
                out.append(
                    Removed(line=lines[i].no, reason="label", text=(kept[i] or "")[: label.start])
                )
    return out
