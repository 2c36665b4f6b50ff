"""``parse_document``: one raw file in, one :class:`ParsedDocument` out.

The order of the rules matters and is fixed here: pinyin annotations go first (on the whole
document), then the layout passes tag every raw line (furniture, page starts, footnotes,
markers, articles, tables, headings), then lines are assembled into blocks and each block is
cleaned (spaces, mojibake, punctuation). Nothing here knows a file name: every decision is
driven by the layout and patterns of the text itself.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath

from bot.lookup.ingest import articles as art
from bot.lookup.ingest.assemble import Draft, Finished, finish, lift_sentinels
from bot.lookup.ingest.blocks import pdf_drafts, web_drafts
from bot.lookup.ingest.chars import cjk_count
from bot.lookup.ingest.footnotes import build_footnote, mark_footnotes
from bot.lookup.ingest.formats import HTML_SUFFIXES, extract, html_metadata
from bot.lookup.ingest.furniture import iso_date
from bot.lookup.ingest.headings import MARKDOWN_HEADING, mark_headings
from bot.lookup.ingest.layout import (
    PAGE_NUMBER,
    RUNNING_HEAD,
    Line,
    assign_pages,
    detect_layout,
    mark_furniture,
    modal_width,
    split_lines,
)
from bot.lookup.ingest.markers import Marker, link_markers, mark_markers
from bot.lookup.ingest.model import Article, ParsedDocument, Removed
from bot.lookup.ingest.page import clean_page
from bot.lookup.ingest.pagemeta import abstract_label
from bot.lookup.ingest.pinyin import strip_pinyin
from bot.lookup.ingest.punct import normalize_punct
from bot.lookup.ingest.spaces import collapse_letter_spacing, normalize_spaces
from bot.lookup.ingest.tables import mark_tables
from bot.lookup.ingest.web import split_column
from bot.lookup.ingest.webnotes import split_notes
from bot.lookup.text.script import detect_script

_REMOVED_ROLES = {
    PAGE_NUMBER: "page-number",
    RUNNING_HEAD: "running-head",
    art.TITLE: "title",
    art.AUTHORS: "authors",
    art.ABSTRACT: "abstract",
    art.EDITOR: "editor",
    art.EN_ABSTRACTS: "en-abstract",
}


def parse_document(name: str, raw: bytes) -> ParsedDocument:
    """Parse one raw corpus file into cleaned, citable blocks.

    Args:
        name: The file name (its suffix says whether the bytes are text, PDF or HTML).
        raw: The file's bytes.

    Returns:
        The parsed document: articles of blocks, footnotes, metadata, removed pieces and an
        ingest report whose ``cjk_raw``/``cjk_parsed`` counts must agree.
    """
    decoded = extract(name, raw)
    text, pinyin = strip_pinyin(decoded)
    removed = _pinyin_removed(decoded, text) if pinyin else []
    lines = split_lines(text)
    script = detect_script(text)
    layout = detect_layout(lines)
    doc = ParsedDocument(name=name, layout=layout, script=script, title=None, articles=[])
    doc.removed = removed
    doc.report["pinyin"] = pinyin
    if layout == "pdf":
        _parse_pdf(doc, lines)
    else:
        _parse_web(doc, lines)
    doc.report["cjk_raw"] = cjk_count(decoded)
    if PurePath(name).suffix.lower() in HTML_SUFFIXES:
        _page_head(doc, html_metadata(raw))
    return doc


def _page_head(doc: ParsedDocument, head: dict[str, str]) -> None:
    """Fill what a page's text did not say from its head (meta tags, ``<title>``)."""
    if doc.title is None and head.get("title"):
        doc.title = head["title"]
        doc.articles[0].title = doc.title
    if "date" not in doc.metadata and (iso := iso_date(head.get("date", ""))):
        doc.metadata.update(date=iso, date_label="meta", date_kind="explicit")
    if head.get("authors"):
        names = [n for n in re.split(r"[,，;；、\s]+", head["authors"]) if n]
        doc.metadata.setdefault("authors", "、".join(names))
    for key in ("outlet", "keywords"):
        if head.get(key):
            doc.metadata.setdefault(key, head[key])


def _pinyin_removed(before: str, after: str) -> list[Removed]:
    removed = []
    for no, (old, new) in enumerate(zip(before.split("\n"), after.split("\n"), strict=True), 1):
        if old != new:
            removed.append(Removed(line=no, reason="pinyin", text=_deleted(old, new)))
    return removed


def _deleted(old: str, new: str) -> str:
    """The characters of ``old`` that ``new`` no longer has."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return "".join(old[a:b] for op, a, b, _, _ in matcher.get_opcodes() if op != "equal")


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


def _parse_pdf(doc: ParsedDocument, lines: list[Line]) -> None:
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
        _add_blocks(doc, article, [finish(d, markers, doc.script) for d in drafts])
        doc.articles.append(article)
    doc.removed.extend(
        Removed(line=line.no, reason=_REMOVED_ROLES[line.role], text=line.raw)
        for line in lines
        if line.role in _REMOVED_ROLES
    )
    _pdf_metadata(doc, heads, lines)
    _apply_en_abstracts(doc, art.read_en_abstracts(lines))
    _report(doc, markers)


def _add_blocks(doc: ParsedDocument, article: Article, finished: list[Finished]) -> None:
    for item in finished:
        article.blocks.append(item.block)
        doc.report["cjk_repair_delta"] = doc.report.get("cjk_repair_delta", 0) + item.repair_delta


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


def _parse_web(doc: ParsedDocument, lines: list[Line]) -> None:
    page = clean_page([line.raw for line in lines])
    doc.metadata.update(page.metadata)
    kept = page.kept
    for i, reason in sorted(page.reasons.items()):
        line, new = lines[i], kept[i]
        if new is None:
            doc.removed.append(Removed(line=line.no, reason=reason, text=line.raw))
        elif _deleted(line.raw, new).strip():
            doc.removed.append(Removed(line=line.no, reason=reason, text=_deleted(line.raw, new)))
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
    _add_blocks(doc, article, [finish(d, notes.markers, doc.script) for d in drafts])
    doc.articles.append(article)
    doc.report["tables"] = 0
    _report(doc, notes.markers)


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


def _report(doc: ParsedDocument, markers: Sequence[Marker]) -> None:
    blocks = [b for a in doc.articles for b in a.blocks]
    kinds = Counter(b.kind for b in blocks)
    refs = [r for b in blocks for r in b.refs]
    report = doc.report
    report.update(
        {f"{kind}s": kinds.get(kind, 0) for kind in ("paragraph", "heading", "epigraph", "caption")}
    )
    report["table_blocks"] = kinds.get("table", 0)
    report["articles"] = len(doc.articles)
    report["footnotes"] = len(doc.footnotes)
    report["markers"] = len(markers)
    report["markers_matched"] = sum(m.footnote is not None for m in markers)
    report["markers_unmatched"] = len(markers) - report["markers_matched"]
    report["refs"] = len(refs)
    report["refs_matched"] = sum(r.footnote is not None for r in refs)
    report["refs_unmatched"] = len(refs) - report["refs_matched"]
    report["footnotes_unreferenced"] = len(doc.footnotes) - len({r.footnote for r in refs} - {None})
    report["flagged_spans"] = sum(len(b.flags) for b in blocks)
    report["repaired_spans"] = sum(f.reason == "repaired" for b in blocks for f in b.flags)
    report["removed"] = len(doc.removed)
    report["cjk_parsed"] = character_total(doc)


def character_total(doc: ParsedDocument) -> int:
    """CJK characters the parse accounts for, repairs excluded (rule F accounting).

    Every raw ideograph must end up in exactly one place: a block (its text, lead-in or
    epigraph speaker), a footnote, or a removed piece (furniture, headers, abstracts,
    boilerplate). Mojibake repair replaces garbage ideographs, so its delta is subtracted.

    Args:
        doc: A parsed document.

    Returns:
        The count to compare with ``cjk_count`` of the decoded raw text.
    """
    total = sum(
        cjk_count(b.text) + cjk_count(b.lead or "") + cjk_count(b.speaker or "")
        for a in doc.articles
        for b in a.blocks
    )
    total += sum(cjk_count(f.text) for f in doc.footnotes)
    total += sum(cjk_count(r.text) for r in doc.removed)
    return total - doc.report.get("cjk_repair_delta", 0)
