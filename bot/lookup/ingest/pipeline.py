"""``parse_document``: one raw file in, one :class:`ParsedDocument` out.

The order of the rules matters and is fixed here: the file's text is extracted (PDF and
HTML) or decoded, pinyin annotations go first (on the whole document), then the layout
that recognises the lines (:mod:`bot.lookup.ingest.layouts`) tags them, assembles blocks
and cleans each one (spaces, mojibake, punctuation). Nothing here knows a file name: every
decision is driven by the layout and patterns of the text itself.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from bot.lookup.ingest import layouts
from bot.lookup.ingest.chars import cjk_count
from bot.lookup.ingest.docreport import character_total, deleted
from bot.lookup.ingest.formats import HTML_SUFFIXES, extract, html_metadata
from bot.lookup.ingest.furniture import iso_date
from bot.lookup.ingest.layout import split_lines
from bot.lookup.ingest.model import ParsedDocument, Removed
from bot.lookup.ingest.pinyin import strip_pinyin
from bot.lookup.text.script import detect_script

__all__ = ["character_total", "parse_document"]


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
    layout = layouts.choose(lines)
    doc = ParsedDocument(name=name, layout=layout.name, script=script, title=None, articles=[])
    doc.removed = removed
    doc.report["pinyin"] = pinyin
    layout.parse(doc, lines)
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
            removed.append(Removed(line=no, reason="pinyin", text=deleted(old, new)))
    return removed
