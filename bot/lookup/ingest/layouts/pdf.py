"""The PDF-extraction layout: hard-wrapped lines in a typeset column (rules 6–15).

Detected by blank lines between text lines and a column shown by lines cut mid-sentence
(:func:`~bot.lookup.ingest.layout.detect_layout`). Parsing tags every line (page furniture,
page starts, footnotes and their markers, articles of a journal issue, tables, headings),
unwraps the body into blocks and reads titles from article headers and running heads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.lookup.ingest import articles as art
from bot.lookup.ingest.assemble import finish
from bot.lookup.ingest.blocks import pdf_drafts
from bot.lookup.ingest.docreport import add_blocks, report
from bot.lookup.ingest.footnotes import build_footnote, mark_footnotes
from bot.lookup.ingest.headings import mark_headings
from bot.lookup.ingest.layout import (
    PAGE_NUMBER,
    RUNNING_HEAD,
    Line,
    assign_pages,
    detect_layout,
    mark_furniture,
    modal_width,
)
from bot.lookup.ingest.markers import link_markers, mark_markers
from bot.lookup.ingest.model import Article, ParsedDocument, Removed
from bot.lookup.ingest.punct import normalize_punct
from bot.lookup.ingest.spaces import collapse_letter_spacing, normalize_spaces
from bot.lookup.ingest.tables import mark_tables

NAME = "pdf"

_REMOVED_ROLES = {
    PAGE_NUMBER: "page-number",
    RUNNING_HEAD: "running-head",
    art.TITLE: "title",
    art.AUTHORS: "authors",
    art.ABSTRACT: "abstract",
    art.EDITOR: "editor",
    art.EN_ABSTRACTS: "en-abstract",
}


def detect(lines: Sequence[Line]) -> bool:
    """Whether the lines are a PDF extraction (rule 6)."""
    return detect_layout(lines) == "pdf"


def _collapse(lines: Sequence[Line]) -> int:
    changed = 0
    for line in lines:
        if line.text:
            collapsed = collapse_letter_spacing(line.text)
            if collapsed != line.text:
                lead = line.raw[: len(line.raw) - len(line.raw.lstrip())]
                line.text, line.raw = collapsed, lead + collapsed
                changed += 1
    return changed


def parse(doc: ParsedDocument, lines: list[Line]) -> None:
    """Tag the lines of a PDF extraction and fill ``doc`` with its articles and footnotes."""
    full = modal_width(lines)
    doc.report["letter_spaced_lines"] = _collapse(lines)
    heads = mark_furniture(lines, full)
    doc.report["pages"] = assign_pages(lines)
    notes = mark_footnotes(lines)
    markers = mark_markers(lines, full)
    link_markers(markers, notes)
    spans = art.split_articles(lines, full)
    doc.report["tables"] = mark_tables(lines, full)
    mark_headings(lines, full)
    for note in notes:
        footnote, dropped = build_footnote(note)
        footnote.text = normalize_punct(normalize_spaces(footnote.text), protect=[])
        doc.footnotes.append(footnote)
        doc.removed.extend(dropped)
    for span in spans:
        article = Article(
            title=span.title,
            authors=span.authors,
            abstract=span.abstract and normalize_punct(normalize_spaces(span.abstract), protect=[]),
            line_start=lines[span.start].no,
            line_end=lines[span.end].no,
        )
        drafts = pdf_drafts(lines, span.start, span.end, full)
        add_blocks(doc, article, [finish(d, markers, doc.script) for d in drafts])
        doc.articles.append(article)
    doc.removed.extend(
        Removed(line=line.no, reason=_REMOVED_ROLES[line.role], text=line.raw)
        for line in lines
        if line.role in _REMOVED_ROLES
    )
    _pdf_metadata(doc, heads, lines)
    _apply_en_abstracts(doc, art.read_en_abstracts(lines))
    report(doc, markers)


def _apply_en_abstracts(doc: ParsedDocument, entries: list[art.EnAbstract]) -> None:
    """Attach English abstracts to articles by order and fill missing titles/authors."""
    if entries and len(entries) != len(doc.articles):
        doc.report["en_abstracts_unmatched"] = abs(len(entries) - len(doc.articles))
    for article, entry in zip(doc.articles, entries, strict=False):
        article.en_title, article.en_authors, article.en_abstract = (
            entry.title,
            entry.authors,
            entry.text,
        )
        article.title = article.title or entry.title
        article.authors = article.authors or entry.authors
    doc.report["en_abstracts"] = len(entries)


def _pdf_metadata(doc: ParsedDocument, heads: list[str], lines: Sequence[Line]) -> None:
    counts = Counter(head.strip() for head in heads)
    journal = next((h for h in counts if art.JOURNAL.search(h)), None)
    if counts:
        doc.metadata["running_head"] = counts.most_common(1)[0][0]
        doc.metadata["running_heads"] = " | ".join(counts)
    if journal:
        doc.metadata["journal"] = journal
    art.titles_from_heads(doc.articles, lines)
    if len(doc.articles) > 1:
        doc.title = journal or doc.articles[0].title
    else:
        doc.title = doc.articles[0].title or doc.metadata.get("running_head")
        doc.articles[0].title = doc.title
